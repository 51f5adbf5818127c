/*
 * cfn_template.h - the CloudFormation importer's data: a template, its
 * resources and values, and what cfn_template.c does with them.
 *
 * A template is read in two steps. import_cloudformation() parses one
 * template (YAML, or JSON read by the same YAML reader: JSON is the flow
 * style of YAML) into a struct ynode tree, indexes its sections, checks
 * its intrinsic functions (cfn_check.c) and keeps it with the other
 * templates of the same model (cfn_stacks.c). Once every input is read,
 * import_cloudformation_finish() links the templates to each other
 * (exports and Fn::ImportValue, nested stacks and their parameters) and
 * only then turns resources into groups, rules (cfn_resources.c) and
 * members (cfn_members.c), so that the order of the files does not matter.
 * cfn_intrinsics.c turns values (literals and intrinsic functions in short
 * or long form) into what they stand for, across templates when they are
 * linked.
 *
 * Each file has its own header, layered: cfn_template.h (this one, the
 * bottom), cfn_check.h, cfn_eval.h (intrinsics, values and stacks: one
 * recursive evaluator, one header), cfn_resources.h, cfn_members.h; the
 * importer's entry points (import_cloudformation.c) use them all.
 */
#ifndef SGMAP_CFN_TEMPLATE_H
#define SGMAP_CFN_TEMPLATE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "strbuf.h"
#include "yamltree.h"

/* Longest compact source text kept for an expression, in bytes. */
#define CFN_TEXT_MAX 160
/* Unknown tags reported one by one per template before a summary. */
#define CFN_MAX_TAG_WARNINGS 10
/* How deep values are followed from template to template (cycles end here). */
#define CFN_MAX_LINK_DEPTH 16
/* Stands for an unknown part of a name (a stack name, a parameter without
 * a default) in the text cfn_eval() gives in CFN_EVAL_NAME mode. */
#define CFN_WILDCARD '\001'

struct cfn;
struct cfn_stacks;

/* What a value stands for. */
enum cfn_vkind {
    CFN_LITERAL,  /* a literal scalar: text */
    CFN_RESOURCE, /* Ref or GetAtt of a resource of a template: res, attr */
    CFN_PARAM,    /* Ref of a parameter of template from: text = its name */
    CFN_IMPORT,   /* Fn::ImportValue not linked to an export: text = the name or its text */
    CFN_EXPR,     /* anything else: text = the compact source text */
};

struct cfn_value {
    enum cfn_vkind kind;
    const char *text;               /* owned by the model */
    struct cfn *from;               /* the template the value was found in */
    const struct cfn_resource *res; /* CFN_RESOURCE */
    const char *attr;               /* CFN_RESOURCE: the GetAtt attribute, or NULL */
    const struct ynode *node;       /* where it was written */
    int conditional;                /* chosen by a Fn::If or a Condition */
};

struct cfn_values {
    struct cfn_value *v;
    size_t n, alloc;
};

/* One entry of a template's Resources. */
struct cfn_resource {
    struct cfn *c;             /* the template it is in */
    const char *id;            /* the logical id (tree text) */
    const char *type;          /* the Type text, or NULL when it is not a string */
    const struct ynode *key;   /* the logical id's node, for locations */
    const struct ynode *node;  /* the resource mapping */
    const struct ynode *props; /* its Properties, or NULL */
    int conditional;           /* it has a Condition */
    const char *uid;           /* its id in the model, once asked (cfn_uid) */
    const char *gid;           /* security groups: the group's id in the model */
    const char *aws_gid;       /* EKS clusters, VPCs: the group AWS makes for it, once made */
    int egress_always;         /* groups: egress rules written, in every case */
    int egress_sometimes;      /* groups: egress rules written under a condition only */
    int drawn_through;         /* launch templates/configs: drawn as their users */
    struct cfn_values launch;  /* ASGs, instances, node groups: the launch templates
                                * and configurations found (CFN_RESOURCE values) */
    const struct cfn_resource *instance; /* ENIs: the instance it is attached to */
    struct cfn *child;         /* nested stacks: the child template, when given */
};

/* A parameter of a child template given by a parent's nested stack. */
struct cfn_binding {
    const char *name;            /* the child's parameter */
    struct cfn *from;            /* the parent template */
    const struct ynode *value;   /* the value the parent passes */
    int conditional;             /* the nested stack has a Condition */
};

/* The state of one template, from import_cloudformation() to the finish. */
struct cfn {
    struct model *m;
    struct cfn_stacks *stacks;     /* every template of the model */
    const char *file;              /* display name, owned by the model */
    struct ydoc *doc;
    const struct ynode *root;      /* the template mapping */
    const struct ynode *params;    /* Parameters mapping, or NULL */
    const struct ynode *mappings;  /* Mappings mapping, or NULL */
    const struct ynode *conditions; /* Conditions mapping, or NULL */
    const struct ynode *globals;   /* SAM Globals mapping, or NULL */
    const struct ynode *outputs;   /* Outputs mapping, or NULL */
    struct cfn_resource *res;      /* every resource, in document order */
    size_t nres;
    struct strmap *by_id;          /* logical id -> struct cfn_resource */
    struct strmap *group_names;    /* literal GroupName -> group id in the model */
    struct cfn_binding *bindings;  /* parameters given by a parent stack */
    size_t nbindings, bindings_alloc;
    const struct cfn_resource *parent; /* the nested stack that gives them */
    int parents;                   /* how many nested stacks name this template */
    struct rule **rules;           /* rules this template added */
    size_t nrules, rules_alloc;
    struct strmap *warned;         /* warnings already given (no repeats) */
    int tag_warnings;              /* unknown tags reported so far */
};

/* ==== cfn_template.c ==== */

struct srcloc cfn_loc(const struct cfn *c, const struct ynode *n);
/* Report an input error at n; returns -1. */
int cfn_error(const struct cfn *c, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report a warning at n, once per place and text. */
void cfn_warning(struct cfn *c, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Input text made safe and short for a message (a static buffer per slot 0..3). */
const char *cfn_quote(int slot, const char *s);
struct cfn_resource *cfn_resource(const struct cfn *c, const char *id);
/* The parameter's mapping, or NULL. */
const struct ynode *cfn_param(const struct cfn *c, const char *name);
/* Free a template read by import_cloudformation(). */
void cfn_free(struct cfn *c);
/* Is the resource's Type this one? */
int cfn_type_is(const struct cfn_resource *r, const char *type);

void cfn_values_release(struct cfn_values *vals);
void cfn_values_push(struct cfn_values *vals, const struct cfn_value *v);

#endif
