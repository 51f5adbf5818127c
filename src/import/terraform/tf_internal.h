/*
 * tf_internal.h - private interface between the files of the Terraform
 * importer (import_terraform.c and tf_*.c). Not used outside them.
 *
 * import_terraform.c  parsing, the four input shapes (raw state v4, state v3,
 *                     show -json state, plan JSON) walked into resource records
 * tf_json.c           flatmap numbers and booleans, and other getters beyond
 *                     json_reader.c
 * tf_flatmap.c        state v3 flatmap attributes turned into nested JSON
 * tf_config.c         plan configuration: expressions and their references
 * tf_resources.c      resource records into groups, rules and members
 */
#ifndef SGMAP_TF_INTERNAL_H
#define SGMAP_TF_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "json_reader.h"
#include "model.h"

struct tf_lookups;

/* One resource instance, whatever shape the input had. */
struct tf_res {
    const char *address; /* module.web.aws_security_group.app["a"] (model string) */
    const char *module;  /* its module prefix, "" or "module.web." (model string) */
    const char *type;    /* aws_security_group (model string) */
    int data;            /* mode "data": only used to resolve ids */
    int flatmap;         /* state v3: numbers and booleans are strings */
    const json_t *values; /* the attributes object (borrowed from the parsed tree) */
    const char *path;    /* JSON path of values (model string) */
};

/* One import_terraform() call. */
struct tf_ctx {
    struct json_reader jr; /* model, file, path and error: read with jr_*() */
    int flatmap;        /* the resource being read comes from state v3 */
    int plan;           /* a plan: omitted values are unknown until apply */
    size_t incomplete;  /* rules skipped for want of a type or protocol */
    const char *incomplete_at; /* the path of the first one */

    struct tf_res *res; /* every resource instance, in input order */
    size_t nres, res_alloc;
    const json_t *config; /* plan: configuration.root_module, else NULL */
    /* State v3: the flatmap segment of each list element, so that a path
     * names the key as the file wrote it (ingress.2214680975.from_port):
     * "%p" of an expanded array -> array of its elements' segments. */
    json_t *flat_segs;

    struct tf_lookups *lk; /* tf_resources.c: ids by address, during tf_build() */
};

/* ===== tf_json.c: getters beyond json_reader.h ===== */

/* Called with each string value read, the path at the value. */
typedef void tf_str_fn(struct tf_ctx *c, const char *s, void *arg);

/* Replace the whole path (e.g. with a resource's values path). */
void tf_set_path(struct tf_ctx *c, const char *path);
/* Push element i of arr onto the path: "[i]", or ".SEG" for a list expanded
 * from state v3 flatmap (the segment the file wrote, e.g. a set hash).
 * Returns the length to pop back to. */
size_t tf_push_index(struct tf_ctx *c, const json_t *arr, size_t i);
/* jr_int() / jr_bool(), but in flatmap mode (state v3) the value may also be
 * a string: "22"; "true", "1", "false", "0" ("" is not set). */
int tf_int(struct tf_ctx *c, const json_t *obj, const char *key, long *out);
int tf_bool(struct tf_ctx *c, const json_t *obj, const char *key);
/* Element i of arr as an object; a null element is "not set" (NULL), any
 * other type an error. */
json_t *tf_elem_obj(struct tf_ctx *c, const json_t *arr, size_t i);
/* obj[key], a list of strings: calls fn for each non-empty string. A null
 * element (in a plan: a value unknown until apply) is counted in *unknown
 * when unknown is not NULL. Anything but a list (or null) is an error. */
void tf_each_str(struct tf_ctx *c, const json_t *obj, const char *key, tf_str_fn *fn,
                 void *arg, size_t *unknown);
/* obj[key], one string: calls fn when it is set and not empty. Anything
 * but a string (or null) is an error. */
void tf_one_str(struct tf_ctx *c, const json_t *obj, const char *key, tf_str_fn *fn, void *arg);
/* values[key] as a map of tags, or NULL. A list (aws_autoscaling_group's
 * tags of {key, value}) is no map but valid; any other type is an error. */
const json_t *tf_tags(struct tf_ctx *c, const json_t *values, const char *key);
/* The Name tag (tags.Name, else tags_all.Name), or NULL. */
const char *tf_name_tag(struct tf_ctx *c, const json_t *values);

/* ===== tf_flatmap.c ===== */

/*
 * Turn state v3 flatmap attributes ({"ingress.#": "1", "ingress.123.from_port":
 * "22", "tags.%": "1", "tags.Name": "web"}) into the nested JSON state v4
 * would hold. Returns a new reference, or NULL after an error (reported).
 */
json_t *tf_flatmap_expand(struct tf_ctx *c, const json_t *flat);

/* ===== tf_config.c ===== */

/* How a plan's configuration sets an attribute. */
enum tf_cfg {
    TF_CFG_NONE,  /* no configuration, or none found for the resource */
    TF_CFG_UNSET, /* the configuration has no expression for the attribute */
    TF_CFG_EXPR,  /* an expression: its references were passed to fn */
};

/*
 * Called with each reference an expression ends in, after following module
 * outputs and input variables: a resource address with its module prefix
 * ("module.web.aws_security_group.app", "data.aws_vpc.main[0]"), or a
 * reference sgmap cannot follow ("local.sg", "var.x" at the root). key is
 * the instance key ("[1]", "[\"b\"]") to try first when the expression
 * indexes the whole resource by count.index or each.key, else NULL.
 */
typedef void tf_ref_fn(struct tf_ctx *c, const char *ref, const char *key, void *arg);

/* Check the shape of a plan's configuration.root_module (lists, objects,
 * references that are lists of strings); errors at their JSON path. */
void tf_config_check(struct tf_ctx *c, const json_t *root);
/*
 * The references of attribute attr (a dotted path through nested blocks,
 * e.g. "vpc_config.security_group_ids") of resource r in the plan
 * configuration (deduplicated).
 */
enum tf_cfg tf_config_refs(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                           tf_ref_fn *fn, void *arg);
/*
 * The same for an inline ingress/egress block of an aws_security_group:
 * the references of attr in the configuration blocks (block = "ingress" or
 * "egress") whose constant protocol and ports match.
 */
enum tf_cfg tf_config_block_refs(struct tf_ctx *c, const struct tf_res *r, const char *block,
                                 const char *protocol, long from, long to, const char *attr,
                                 tf_ref_fn *fn, void *arg);

/* ===== tf_resources.c ===== */

/* Build the model from c->res: lookups first, then groups, members, rules. */
void tf_build(struct tf_ctx *c);

/* ===== import_terraform.c ===== */

/*
 * Read one state or plan into m: data/len parsed here, or the document
 * parsed already (parsed, borrowed; data is then not read). Returns 0, or
 * -1 after an error.
 */
int tf_import(struct model *m, const char *file, const char *data, size_t len,
              const json_t *parsed);

/* The length of the index ([3], ["key"], quoted keys may hold ']') that
 * starts at p, or 0 when none does. */
size_t tf_index_len(const char *p);
/* Remove every [...] index from an address; returns a model string. */
const char *tf_strip_indexes(struct model *m, const char *address);
/* Remove the instance key at the end of an address (module.m[0].x.y[1] ->
 * module.m[0].x.y), if any; returns a model string. */
const char *tf_strip_key(struct model *m, const char *address);

#endif
