/*
 * tf_schema.h - what sgmap knows of the AWS provider's schema beyond the
 * resource kinds (aws_kinds.h): the types of the attributes the plan reader
 * checks, the names of nested blocks, and the values the provider gives
 * attributes a configuration leaves unset, which a plan shows as known.
 * One copy for the plan reader (tf_rules.c) and the configuration reader
 * (hcl/), which must write what a plan would (tf_schema.c).
 */
#ifndef SGMAP_TF_SCHEMA_H
#define SGMAP_TF_SCHEMA_H

#include <stddef.h>

/* The schema type of an attribute, wherever it appears. */
enum tf_attr_type {
    TF_ATTR_ANY,    /* not one the readers check */
    TF_ATTR_NUMBER, /* from_port, to_port */
    TF_ATTR_STRING, /* protocol, ip_protocol */
    TF_ATTR_BOOL,   /* self */
    TF_ATTR_MAP,    /* tags, tags_all: map(string) */
};
enum tf_attr_type tf_attr_type(const char *attr);

/* Is name a nested block type of some resource (ingress, vpc_config...)?
 * In .tf.json its value may be one object rather than a list. */
int tf_is_nested_block(const char *name);

/* The inline rule blocks of aws_security_group, in reading order. */
extern const char *const tf_inline_rule_blocks[2]; /* "ingress", "egress" */

/* A value the provider fills in. */
enum tf_default_kind { TF_DEFAULT_STRING, TF_DEFAULT_EMPTY_LIST, TF_DEFAULT_FALSE };
struct tf_default {
    const char *type;  /* resource type */
    const char *block; /* nested block type, or NULL for the resource itself */
    const char *attr;
    enum tf_default_kind kind;
    const char *text;  /* TF_DEFAULT_STRING */
};
/* The defaults of resource type type (block NULL: top level; else that
 * nested block's), called with each: fn(default, arg). */
typedef void tf_default_fn(const struct tf_default *d, void *arg);
void tf_each_default(const char *type, const char *block, tf_default_fn *fn, void *arg);

#endif
