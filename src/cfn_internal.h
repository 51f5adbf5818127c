/*
 * cfn_internal.h - what the CloudFormation importer's files share.
 *
 * import_cloudformation.c reads a template (YAML, or JSON read by the same
 * YAML reader: JSON is the flow style of YAML) into a struct ynode tree,
 * indexes its sections and drives the rest; cfn_intrinsics.c turns values
 * (literals and intrinsic functions in short or long form) into what they
 * stand for; cfn_resources.c turns resources into groups, rules and
 * members of the model.
 */
#ifndef SGMAP_CFN_INTERNAL_H
#define SGMAP_CFN_INTERNAL_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "yamltree.h"

/* Longest compact source text kept for an expression, in bytes. */
#define CFN_TEXT_MAX 160

/* One entry of the template's Resources. */
struct cfn_resource {
    const char *id;            /* the logical id (tree text) */
    const char *type;          /* the Type text, or NULL when it is not a string */
    const struct ynode *key;   /* the logical id's node, for locations */
    const struct ynode *node;  /* the resource mapping */
    const struct ynode *props; /* its Properties, or NULL */
    int conditional;           /* it has a Condition */
    const char *gid;           /* groups: the id in the model */
    int has_egress;            /* groups: inline or standalone egress seen */
    int drawn_through;         /* launch templates/configs: drawn as an ASG/instance */
};

/* The state of one import_cloudformation() call. */
struct cfn {
    struct model *m;
    const char *file;              /* display name, owned by the model */
    const struct ynode *root;      /* the template mapping */
    const struct ynode *params;    /* Parameters mapping, or NULL */
    const struct ynode *mappings;  /* Mappings mapping, or NULL */
    const struct ynode *globals;   /* SAM Globals mapping, or NULL */
    struct cfn_resource *res;      /* every resource, in document order */
    size_t nres;
    struct strmap *by_id;          /* logical id -> struct cfn_resource */
    struct rule **rules;           /* rules this template added */
    size_t nrules, rules_alloc;
    int tag_warnings;              /* unknown tags reported so far */
};

/* What a value stands for. */
enum cfn_vkind {
    CFN_LITERAL,  /* a literal scalar: text */
    CFN_RESOURCE, /* Ref or GetAtt of a resource in the template: res, attr */
    CFN_PARAM,    /* Ref of a parameter: text = the parameter name */
    CFN_IMPORT,   /* Fn::ImportValue: text = the export name or its source text */
    CFN_EXPR,     /* anything else: text = the compact source text */
};

struct cfn_value {
    enum cfn_vkind kind;
    const char *text;               /* owned by the model */
    const struct cfn_resource *res; /* CFN_RESOURCE */
    const char *attr;               /* CFN_RESOURCE: the GetAtt attribute, or NULL */
    const struct ynode *node;       /* where it was written */
    int conditional;                /* chosen by a Fn::If */
};

struct cfn_values {
    struct cfn_value *v;
    size_t n, alloc;
};

/* ==== import_cloudformation.c ==== */

struct srcloc cfn_loc(const struct cfn *c, const struct ynode *n);
/* Report an input error at n; returns -1. */
int cfn_error(const struct cfn *c, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cfn_warning(const struct cfn *c, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Input text made safe and short for a message (a static buffer per slot 0..3). */
const char *cfn_quote(int slot, const char *s);
struct cfn_resource *cfn_resource(const struct cfn *c, const char *id);
/* The parameter's mapping, or NULL. */
const struct ynode *cfn_param(const struct cfn *c, const char *name);

/* ==== cfn_intrinsics.c ==== */

/*
 * Is n an intrinsic function call: a known or unknown short-form tag
 * ("!Ref"), or a one-key mapping whose key is "Ref", "Condition" or
 * "Fn::NAME"? Sets *name ("Ref", "GetAtt", "If", ...) and *arg (for a tag,
 * n itself, whose own tag must then be ignored: *tagged = 1). Unknown tags
 * give 0.
 */
int cfn_intrinsic(const struct ynode *n, const char **name, const struct ynode **arg,
                  int *tagged);
/* Is the short-form tag known? */
int cfn_known_tag(const char *tag);
/* Is n "!Ref AWS::NoValue" (either form)? */
int cfn_is_novalue(const struct ynode *n);
/* The compact source text of n, in short form, shortened (owned by the model). */
const char *cfn_text(struct cfn *c, const struct ynode *n);

/*
 * Resolve n as one value (a property that takes one string): Fn::If gives
 * both branches (conditional), AWS::NoValue and null give nothing.
 */
void cfn_resolve(struct cfn *c, const struct ynode *n, int conditional,
                 struct cfn_values *out);
/* Resolve n as a list of values (SecurityGroupIds and the like). */
void cfn_resolve_list(struct cfn *c, const struct ynode *n, int conditional,
                      struct cfn_values *out);
void cfn_values_release(struct cfn_values *vals);

/*
 * Call fn for each alternative of a structural value: n itself, or both
 * branches of a Fn::If (conditional), nothing for AWS::NoValue or null.
 * Returns -1 as soon as fn does, else 0.
 */
int cfn_branches(struct cfn *c, const struct ynode *n, int conditional,
                 int (*fn)(struct cfn *, const struct ynode *, int, void *), void *arg);

/* The default of parameter name as text, or NULL. */
const char *cfn_param_default(const struct cfn *c, const char *name);
/* "param:NAME", with the default recorded as its display name. */
const char *cfn_param_id(struct cfn *c, const char *name);
/* "import:NAME". */
const char *cfn_import_id(struct cfn *c, const char *name);

/* ==== cfn_resources.c ==== */

/* Declare every AWS::EC2::SecurityGroup (pass one). Returns 0 or -1. */
int cfn_declare_groups(struct cfn *c);
/* Rules and memberships of every resource (pass two). Returns 0 or -1. */
int cfn_import_resources(struct cfn *c);

#endif
