/*
 * tf_schema.c - the few facts of the AWS provider's schema sgmap needs
 * (tf_schema.h): attribute types, nested block names and the provider's
 * defaults.
 */
#include <string.h>

#include "tf_schema.h"

static const struct {
    const char *name;
    enum tf_attr_type type;
} attr_types[] = {
    {"from_port", TF_ATTR_NUMBER}, {"to_port", TF_ATTR_NUMBER}, {"self", TF_ATTR_BOOL},
    {"protocol", TF_ATTR_STRING},  {"ip_protocol", TF_ATTR_STRING},
    {"tags", TF_ATTR_MAP},         {"tags_all", TF_ATTR_MAP},
};

enum tf_attr_type tf_attr_type(const char *attr)
{
    size_t i;
    for (i = 0; i < sizeof(attr_types) / sizeof(attr_types[0]); i++)
        if (strcmp(attr_types[i].name, attr) == 0)
            return attr_types[i].type;
    return TF_ATTR_ANY;
}

static const char *const nested_blocks[] = {
    "ingress", "egress", "timeouts", "vpc_config", "network_interface", "network_configuration",
    "launch_template", "subnet_mapping", "load_balancer", "remote_access", "route",
};

int tf_is_nested_block(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof(nested_blocks) / sizeof(nested_blocks[0]); i++)
        if (strcmp(nested_blocks[i], name) == 0)
            return 1;
    return 0;
}

const char *const tf_inline_rule_blocks[2] = {"ingress", "egress"};

/*
 * An inline rule's unset peers are empty lists and self is false in a plan
 * (the provider's set elements have every attribute), so that a plan never
 * says they are unknown; a group's description defaults.
 */
#define INLINE_RULE_DEFAULTS(block)                                                       \
    {"aws_security_group", block, "cidr_blocks", TF_DEFAULT_EMPTY_LIST, NULL},            \
        {"aws_security_group", block, "ipv6_cidr_blocks", TF_DEFAULT_EMPTY_LIST, NULL},   \
        {"aws_security_group", block, "prefix_list_ids", TF_DEFAULT_EMPTY_LIST, NULL},    \
        {"aws_security_group", block, "security_groups", TF_DEFAULT_EMPTY_LIST, NULL},    \
        {"aws_security_group", block, "self", TF_DEFAULT_FALSE, NULL}

static const struct tf_default defaults[] = {
    {"aws_security_group", NULL, "description", TF_DEFAULT_STRING, "Managed by Terraform"},
    INLINE_RULE_DEFAULTS("ingress"),
    INLINE_RULE_DEFAULTS("egress"),
};

void tf_each_default(const char *type, const char *block, tf_default_fn *fn, void *arg)
{
    size_t i;
    for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
        if (strcmp(defaults[i].type, type) == 0 &&
            (block ? defaults[i].block && strcmp(defaults[i].block, block) == 0
                   : !defaults[i].block))
            fn(&defaults[i], arg);
}
