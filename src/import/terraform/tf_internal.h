/*
 * tf_internal.h - what every file of the Terraform importer shares: one
 * resource record, the context of one file, and the JSON getters of
 * tf_json.c. Not used outside the importer.
 *
 * The importer's files, each with its own header, from the bottom up:
 *
 * tf_json.c           (this header) the resource record and the context of one
 *                     file; flatmap numbers and booleans, other getters
 * tf_address.c        addresses and instance keys
 * tf_flatmap.c        state v3 flatmap attributes turned into nested JSON
 * tf_config.c         plan configuration: expressions and their references
 * tf_lookups.c        pass 1: ids by address
 * tf_refs.c           the ids an attribute names (values, then configuration)
 * tf_members.c        pass 2: groups, VPCs, names; pass 3: members
 * tf_rules.c          pass 3: rules
 * tf_net.c            passes 2 and 4: NACLs, route tables, gateways, public addresses
 * tf_resources.c      the passes (tf_build.h)
 * import_terraform.c  parsing, the four input shapes (raw state v4, state v3,
 *                     show -json state, plan JSON) walked into resource records;
 *                     detection and the registry row (tf_import.h)
 * tf_plan.c           one plan into before and after models (importer.h)
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
    const json_t *unknown; /* plan: its change.after_unknown marks, or NULL */
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

    struct tf_lookups *lk; /* tf_lookups.h: ids by address, during tf_build() */
    /* Module calls not read (tf_config.h): address -> source, or NULL. */
    struct strmap *module_stubs;
    /* The plan configuration's resources by module and address (tf_config.c). */
    struct strmap *config_index;
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

#endif
