/*
 * cfn_eval.h - the evaluator of template values: intrinsic functions
 * (cfn_intrinsics.c), values (cfn_values.c) and the links between templates
 * (cfn_stacks.c). The three call each other (a value in one template is
 * resolved in another), so they share this one header.
 */
#ifndef SGMAP_CFN_EVAL_H
#define SGMAP_CFN_EVAL_H

#include "cfn_template.h"

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

/* The id of r in the model: its logical id, or "ID (FILE)" when another
 * template or input uses that id too (with a warning, once). */
const char *cfn_uid(struct cfn_resource *r, int group);

#endif
