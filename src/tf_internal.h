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

struct strmap;

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

    /* Lookups filled before the model is built (keys are model strings). */
    struct strmap *group_by_address; /* address (also without indexes) -> group id */
    struct strmap *group_by_name;    /* group name attribute -> group id */
    struct strmap *iface_by_eni;     /* ENI id or aws_network_interface address -> iface id */
    struct strmap *data_by_address;  /* data source address -> its id attribute */
    struct strmap *data_group_names; /* data aws_security_group id -> its name */
    struct strmap *vpc_by_address;   /* aws_vpc address -> VPC id */
};

/* ===== tf_json.c: getters beyond json_reader.h ===== */

/* Replace the whole path (e.g. with a resource's values path). */
void tf_set_path(struct tf_ctx *c, const char *path);
/* jr_int() / jr_bool(), but in flatmap mode (state v3) the value may also be
 * a string: "22"; "true", "1", "false", "0" ("" is not set). */
int tf_int(struct tf_ctx *c, const json_t *obj, const char *key, long *out);
int tf_bool(struct tf_ctx *c, const json_t *obj, const char *key);
/* jr_elem_obj(), but a null element is "not set" rather than an error. */
json_t *tf_elem_obj(struct tf_ctx *c, const json_t *arr, size_t i);
/* obj[key] as a string, or as a list of strings: calls fn for each one
 * (with its element index, or -1 for a single string). */
void tf_each_str(struct tf_ctx *c, const json_t *obj, const char *key,
                 void (*fn)(struct tf_ctx *c, const char *s, void *arg), void *arg);
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

/*
 * The group or VPC addresses that attribute attr (a dotted path through
 * nested blocks, e.g. "vpc_config.security_group_ids") of resource r
 * refers to in the plan configuration, following module outputs and input
 * variables. Calls fn for each resource address found (deduplicated).
 * Nothing happens without a configuration.
 */
void tf_config_refs(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                    void (*fn)(struct tf_ctx *c, const char *address, void *arg), void *arg);
/*
 * The same for an inline ingress/egress block of an aws_security_group:
 * the references of attr in the configuration block (block = "ingress" or
 * "egress") whose constant protocol and ports match.
 */
void tf_config_block_refs(struct tf_ctx *c, const struct tf_res *r, const char *block,
                          const char *protocol, long from, long to, const char *attr,
                          void (*fn)(struct tf_ctx *c, const char *address, void *arg),
                          void *arg);

/* ===== tf_resources.c ===== */

/* Build the model from c->res: lookups first, then groups, members, rules. */
void tf_build(struct tf_ctx *c);

/* ===== import_terraform.c ===== */

/* Remove every [...] index from an address; returns a model string. */
const char *tf_strip_indexes(struct model *m, const char *address);

#endif
