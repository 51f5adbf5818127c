/*
 * cfn_internal.h - what the CloudFormation importer's files share.
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
 */
#ifndef SGMAP_CFN_INTERNAL_H
#define SGMAP_CFN_INTERNAL_H

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

/* ==== import_cloudformation.c ==== */

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
/* The id of r in the model: its logical id, or "ID (FILE)" when another
 * template or input uses that id too (with a warning, once). */
const char *cfn_uid(struct cfn_resource *r, int group);

/* ==== cfn_check.c ==== */

/*
 * Walk the whole template once: warn about unknown tags, malformed
 * intrinsic functions (wrong arguments) and conditions that 'Conditions'
 * does not define, each at its line:col.
 */
void cfn_check(struct cfn *c);

/* ==== cfn_intrinsics.c (calls, text, static text) and cfn_values.c ==== */

/*
 * Is n an intrinsic function call: a known or unknown short-form tag
 * ("!Ref"), or a one-key mapping whose key is "Ref", "Condition" or
 * "Fn::NAME"? Sets *name ("Ref", "GetAtt", "If", ...) and *arg (for a tag,
 * n itself, whose own tag must then be ignored: *tagged = 1). Unknown tags
 * give 0.
 */
int cfn_intrinsic(const struct ynode *n, const char **name, const struct ynode **arg,
                  int *tagged);
/* Is map n a long-form call {"Ref": X} / {"Fn::NAME": X} (its own tag aside)? */
int cfn_longform(const struct ynode *n, const char **name, const struct ynode **arg);
/* Is the short-form tag known? */
int cfn_known_tag(const char *tag);
/* Is n "!Ref AWS::NoValue" (either form)? */
int cfn_is_novalue(const struct ynode *n);
/* May n stand for nothing: null, AWS::NoValue, or a Fn::If with such a branch? */
int cfn_may_be_absent(const struct ynode *n);
/* The text of a scalar n (untagged, or tagged when skip_tag), else NULL. */
const char *cfn_scalar(const struct ynode *n, int skip_tag);
/* Is arg (of a call; its own tag ignored when tagged) itself a call? */
int cfn_arg_is_call(const struct ynode *arg, int tagged);
/* The list argument of a call when it has nitems items, else NULL. */
const struct ynode *cfn_args(const struct ynode *arg, int tagged, size_t nitems);
/* The string of a Fn::Sub argument and its variables (a mapping, or NULL);
 * NULL when the argument is not one. */
const char *cfn_sub_args(const struct ynode *arg, int tagged, const struct ynode **vars);
/* The compact source text of n, in short form, shortened (owned by the model). */
const char *cfn_text(struct cfn *c, const struct ynode *n);
/* The same, skipping n's own tag when skip_tag (n is a tagged call's argument). */
const char *cfn_text_of(struct cfn *c, const struct ynode *n, int skip_tag);

enum cfn_eval_mode {
    CFN_EVAL_LITERAL, /* literals only, through Join, Sub, Select, Split, FindInMap */
    CFN_EVAL_NAME,    /* also parameters (a parent's value, the default, else a
                       * wildcard) and pseudo parameters (a wildcard) */
};
/*
 * The static text of n (skipping n's own tag when skip_tag), appended to
 * sb. Returns 1, or 0 when n is not static in that mode (sb is then
 * left as it was).
 */
int cfn_eval(struct cfn *c, const struct ynode *n, int skip_tag, enum cfn_eval_mode mode,
             struct strbuf *sb);

/*
 * Fn::FindInMap with arguments arg: 0 when its keys are not static in
 * mode; else 1 with *value the node found (or the DefaultValue), or NULL
 * and *missing = "'M' > 'K1' > 'K2'" (malloc'd) when Mappings lacks it.
 */
int cfn_findinmap(struct cfn *c, const struct ynode *arg, int tagged, enum cfn_eval_mode mode,
                  const struct ynode **value, char **missing);

/*
 * Resolve n as one value (a property that takes one string): Fn::If gives
 * both branches (conditional), AWS::NoValue and null give nothing.
 */
void cfn_resolve(struct cfn *c, const struct ynode *n, int conditional,
                 struct cfn_values *out);
/* Resolve n as a list of values (SecurityGroupIds and the like). */
void cfn_resolve_list(struct cfn *c, const struct ynode *n, int conditional,
                      struct cfn_values *out);
/* A value of another template (an export, a nested stack's output),
 * resolved there and written at n of c. */
void cfn_resolve_elsewhere(struct cfn *c, const struct ynode *n, struct cfn *there,
                           const struct ynode *value, int conditional, struct cfn_values *out);
void cfn_values_release(struct cfn_values *vals);
void cfn_values_push(struct cfn_values *vals, const struct cfn_value *v);

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
/* The model id a parameter or import value stands for as a peer or group. */
const char *cfn_value_ref_id(const struct cfn_value *v);

/* ==== cfn_stacks.c ==== */

struct import_session;
/* The templates read so far in this session into m (made on first use). */
struct cfn_stacks *cfn_stacks_of(struct import_session *s, struct model *m);
/* Keep c with the other templates of its model (it is freed with them). */
void cfn_stacks_add(struct cfn_stacks *st, struct cfn *c);
/* Take the session's templates out of it, or NULL when none. */
struct cfn_stacks *cfn_stacks_take(struct import_session *s);
size_t cfn_stacks_count(const struct cfn_stacks *st);
struct cfn *cfn_stacks_get(const struct cfn_stacks *st, size_t i);
void cfn_stacks_free(struct cfn_stacks *st);
/* Link the templates: nested stacks and their parameters, exports. */
void cfn_stacks_link(struct cfn_stacks *st);
/* How many templates have a resource with this logical id in this namespace
 * (groups or not)? */
size_t cfn_stacks_id_uses(const struct cfn_stacks *st, const char *id, int group);
/* Following a value into another template: returns 0 when it is too deep. */
int cfn_stacks_enter(struct cfn_stacks *st);
void cfn_stacks_leave(struct cfn_stacks *st);

/* The parent's value of parameter name of c, or NULL. */
const struct cfn_binding *cfn_binding(const struct cfn *c, const char *name);
/*
 * Fn::ImportValue at n (argument arg): when exactly one export of another
 * template matches its name, resolve the exported value into out and
 * return 1; else 0.
 */
int cfn_stacks_import(struct cfn *c, const struct ynode *n, const struct ynode *arg,
                      int skip_tag, int conditional, struct cfn_values *out);
/*
 * GetAtt r.Outputs.NAME of a nested stack whose child template is given:
 * resolve the child's output into out (written at n) and return 1; else 0.
 */
int cfn_stacks_output(struct cfn_resource *r, const char *attr, const struct ynode *n,
                      int conditional, struct cfn_values *out);
/* The model id of the group whose literal GroupName is name: in c, else
 * in exactly one other template; NULL when none. */
const char *cfn_stacks_group_named(struct cfn *c, const char *name);

/* ==== cfn_resources.c ==== */

/*
 * The model id of the group a value names: a group of the templates, the
 * group AWS makes for an EKS cluster or a VPC, a literal GroupName of a
 * group, a parameter, an import, a literal id or the expression's text.
 * With create, the group is made now (undeclared) so that rules can see it.
 */
const char *cfn_group_of(struct cfn *c, const struct cfn_value *v, int create);
/* The model's VPC of this id (made, named by its id, at node at). */
const char *cfn_vpc(struct cfn *c, const char *id, const struct ynode *at);
/* Declare every AWS::EC2::SecurityGroup of c. */
void cfn_declare_groups(struct cfn *c);
/* The rules of every group and rule resource of c. Returns 0 or -1. */
int cfn_import_rules(struct cfn *c);
/* Default egress for c's groups without egress rules (after every template). */
void cfn_default_egress(struct cfn *c);
/* The AWS default egress rule of g, marked conditional when it is. */
void cfn_add_default_egress(struct cfn *c, struct group *g, int conditional);

/* ==== cfn_members.c ==== */

/* What launch templates feed, which instance each ENI is attached to. */
void cfn_mark_members(struct cfn *c);
/* One member per resource of c that holds groups. */
void cfn_import_members(struct cfn *c);
/* The group AWS makes for an EKS cluster (ClusterSecurityGroupId) or a VPC
 * (DefaultSecurityGroup), made on first use; NULL for other attributes. */
const char *cfn_aws_group(struct cfn_resource *r, const char *attr);

#endif
