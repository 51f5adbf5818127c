/*
 * tf_config.h - a plan's configuration: the references of expressions
 * (tf_config.c).
 */
#ifndef SGMAP_TF_CONFIG_H
#define SGMAP_TF_CONFIG_H

#include "tf_internal.h"

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

#endif
