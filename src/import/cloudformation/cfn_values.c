/*
 * cfn_values.c - what a CloudFormation value stands for when drawing.
 *
 * This file owns the resolution of a value (aws-input-reference section
 * 7, "Resolution for drawing"): a Ref or GetAtt to a resource of the
 * templates, a parameter (param:NAME), an import (import:NAME), a literal,
 * or else an expression shown as its compact source text. Fn::If gives
 * both branches, marked conditional; AWS::NoValue gives nothing;
 * Fn::FindInMap with static keys is looked up in Mappings; a Fn::Sub that
 * is exactly "${X}" is its variable X, else that Ref or GetAtt; Fn::Select
 * of a written list is the item; Fn::Join, Fn::Sub and Fn::Select of
 * literals only are literals. Across templates: a parameter that a parent
 * stack passes a value to is that value, Fn::ImportValue of an export of
 * another template is the exported value, and GetAtt STACK.Outputs.NAME
 * is the child's output; values found there keep the place of the
 * reference, so that messages and locations point at the file being read.
 * Nothing is guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "cfn_eval.h"
#include "strbuf.h"
#include "xalloc.h"

/* ==== Values ==== */

static struct cfn_value *cfn_values_add(struct cfn *c, struct cfn_values *vals,
                                        enum cfn_vkind kind, const char *text,
                                        const struct ynode *node, int conditional)
{
    struct cfn_value v;

    memset(&v, 0, sizeof(v));
    v.kind = kind;
    v.text = text;
    v.from = c;
    v.node = node;
    v.conditional = conditional;
    cfn_values_push(vals, &v);
    return &vals->v[vals->n - 1];
}

static void cfn_add_expr(struct cfn *c, const struct ynode *n, int conditional,
                         struct cfn_values *out)
{
    cfn_values_add(c, out, CFN_EXPR, cfn_text(c, n), n, conditional);
}

/* A literal, unless it is empty (then the source text). */
static void cfn_add_literal(struct cfn *c, const struct ynode *n, const char *text,
                            int conditional, struct cfn_values *out)
{
    if (*text)
        cfn_values_add(c, out, CFN_LITERAL, model_strdup(c->m, text), n, conditional);
    else
        cfn_add_expr(c, n, conditional, out);
}

/* n as a literal when it is static text of literals only, else its text. */
static void cfn_add_static(struct cfn *c, const struct ynode *n, int conditional,
                           struct cfn_values *out)
{
    struct strbuf sb = STRBUF_INIT;

    if (cfn_eval(c, n, 0, CFN_EVAL_LITERAL, &sb))
        cfn_add_literal(c, n, sb.buf, conditional, out);
    else
        cfn_add_expr(c, n, conditional, out);
    strbuf_release(&sb);
}

const char *cfn_param_default(const struct cfn *c, const char *name)
{
    const struct ynode *p = cfn_param(c, name);
    const struct ynode *d = ynode_get(p, "Default");

    if (!d || d->type != YNODE_SCALAR || d->tag || d->len == 0)
        return NULL;
    return d->value;
}

const char *cfn_param_id(struct cfn *c, const char *name)
{
    char *id = xasprintf("param:%s", name);
    const char *def = cfn_param_default(c, name);
    const char *s = model_strdup(c->m, id);

    if (def) {
        char *label = xasprintf("%s (default %s)", name, def);
        model_set_name(c->m, s, label);
        free(label);
    }
    free(id);
    return s;
}

const char *cfn_import_id(struct cfn *c, const char *name)
{
    char *id = xasprintf("import:%s", name);
    const char *s = model_strdup(c->m, id);

    free(id);
    return s;
}

const char *cfn_value_ref_id(const struct cfn_value *v)
{
    return v->kind == CFN_PARAM ? cfn_param_id(v->from, v->text)
                                : cfn_import_id(v->from, v->text);
}

/* Pseudo parameters stay symbolic. */
static int cfn_is_pseudo(const char *name)
{
    return strncmp(name, "AWS::", 5) == 0;
}

static void cfn_resolve_at(struct cfn *c, const struct ynode *n, int conditional,
                           struct cfn_values *out, int as_list);

/* Values from first on were found elsewhere: they are written at n. */
static void cfn_values_written_at(struct cfn_values *out, size_t first, const struct ynode *n)
{
    size_t i;

    for (i = first; i < out->n; i++)
        out->v[i].node = n;
}

/*
 * The value a parent stack passes to a parameter. Parameters are strings,
 * so a list parameter arrives as "!Join [',', [...]]" or as literal text
 * with commas: each item is then one value.
 */
static void cfn_resolve_passed(struct cfn *c, const struct ynode *v, int conditional,
                               struct cfn_values *out, int as_list)
{
    const struct ynode *arg, *args;
    const char *name, *delim, *s, *p, *q;
    int tagged;
    size_t i;

    if (as_list && cfn_intrinsic(v, &name, &arg, &tagged) && strcmp(name, "Join") == 0 &&
        (args = cfn_args(arg, tagged, 2)) != NULL && (delim = cfn_scalar(args->items[0], 0)) &&
        strcmp(delim, ",") == 0 && args->items[1]->type == YNODE_SEQ && !args->items[1]->tag) {
        for (i = 0; i < args->items[1]->nitems; i++)
            cfn_resolve_at(c, args->items[1]->items[i], conditional, out, 0);
        return;
    }
    if (as_list && (s = cfn_scalar(v, 0)) != NULL && strchr(s, ',')) {
        for (p = s; p; p = q ? q + 1 : NULL) {
            char *item;
            q = strchr(p, ',');
            item = xstrndup(p, q ? (size_t)(q - p) : strlen(p));
            cfn_add_literal(c, v, item, conditional, out);
            free(item);
        }
        return;
    }
    cfn_resolve_at(c, v, conditional, out, as_list);
}

/* Ref to name: a resource, a parameter, a pseudo parameter or nothing. */
static void cfn_resolve_ref(struct cfn *c, const struct ynode *n, const char *name,
                            int conditional, struct cfn_values *out, int as_list)
{
    const struct cfn_binding *b;
    struct cfn_resource *r;
    size_t first = out->n;

    if (strcmp(name, "AWS::NoValue") == 0)
        return;
    if ((r = cfn_resource(c, name)) != NULL) {
        struct cfn_value *v = cfn_values_add(c, out, CFN_RESOURCE, r->id, n, conditional);
        v->res = r;
        return;
    }
    if (cfn_param(c, name)) {
        if ((b = cfn_binding(c, name)) != NULL && cfn_stacks_enter(c->stacks)) {
            cfn_resolve_passed(b->from, b->value, conditional || b->conditional, out, as_list);
            cfn_stacks_leave(c->stacks);
            cfn_values_written_at(out, first, n);
            return;
        }
        cfn_values_add(c, out, CFN_PARAM, name, n, conditional);
        return;
    }
    if (!cfn_is_pseudo(name))
        cfn_warning(c, n,
                    "'!Ref %s' names no parameter or resource of the template; "
                    "drawn as text",
                    cfn_quote(0, name));
    cfn_add_expr(c, n, conditional, out);
}

/* GetAtt A.B: a resource's attribute, a nested stack's output, or text. */
static void cfn_resolve_getatt(struct cfn *c, const struct ynode *n, const char *res,
                               const char *attr, int conditional, struct cfn_values *out)
{
    struct cfn_resource *r = cfn_resource(c, res);
    struct cfn_value *v;

    if (!r) {
        cfn_warning(c, n, "'!GetAtt %s.%s' names no resource of the template; drawn as text",
                    cfn_quote(0, res), cfn_quote(1, attr));
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (cfn_stacks_output(r, attr, n, conditional, out))
        return;
    v = cfn_values_add(c, out, CFN_RESOURCE, r->id, n, conditional);
    v->res = r;
    v->attr = attr;
}

/* Split the arguments of a GetAtt; returns 0 when they are not literal. */
static int cfn_getatt_args(struct cfn *c, const struct ynode *arg, int tagged,
                           const char **res, const char **attr)
{
    const char *s = cfn_scalar(arg, tagged);
    const struct ynode *args;

    if (s) {
        const char *dot = strchr(s, '.');
        if (!dot || dot == s || !dot[1])
            return 0;
        *res = model_strndup(c->m, s, (size_t)(dot - s));
        *attr = model_strdup(c->m, dot + 1);
        return 1;
    }
    if ((args = cfn_args(arg, tagged, 2)) != NULL && cfn_scalar(args->items[0], 0) &&
        cfn_scalar(args->items[1], 0)) {
        *res = args->items[0]->value;
        *attr = args->items[1]->value;
        return 1;
    }
    return 0;
}

/* FindInMap [M, K1, K2] with static keys, looked up in Mappings. */
static void cfn_resolve_findinmap(struct cfn *c, const struct ynode *n,
                                  const struct ynode *arg, int tagged, int conditional,
                                  struct cfn_values *out, int as_list)
{
    const struct ynode *v;
    char *missing;
    size_t i;

    if (!cfn_findinmap(c, arg, tagged, CFN_EVAL_LITERAL, &v, &missing)) {
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (!v) {
        cfn_warning(c, n, "Mappings has no %s; drawn as text", missing);
        free(missing);
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (v->type == YNODE_SEQ && !v->tag && as_list) {
        for (i = 0; i < v->nitems; i++)
            cfn_resolve_at(c, v->items[i], conditional, out, 0);
        return;
    }
    if (v->type == YNODE_SCALAR && !v->tag) {
        cfn_add_literal(c, n, v->value, conditional, out);
        return;
    }
    cfn_resolve_at(c, v, conditional, out, as_list);
}

/*
 * Sub "${X}" alone is the variable X when the Sub has one, else that Ref,
 * or a GetAtt for "${X.Attr}"; a Sub of literals only is a literal; else
 * text.
 */
static void cfn_resolve_sub(struct cfn *c, const struct ynode *n, const struct ynode *arg,
                            int tagged, int conditional, struct cfn_values *out, int as_list)
{
    const struct ynode *vars, *var;
    const char *s = cfn_sub_args(arg, tagged, &vars);
    size_t len;
    char *name, *dot;

    if (s && strncmp(s, "${", 2) == 0 && s[2] != '!' && (len = strlen(s)) >= 4 &&
        s[len - 1] == '}' && !memchr(s + 2, '}', len - 3) && !memchr(s + 2, '$', len - 3)) {
        name = xstrndup(s + 2, len - 3);
        dot = strchr(name, '.');
        if (vars && (var = ynode_get(vars, name)) != NULL) {
            cfn_resolve_at(c, var, conditional, out, as_list);
        } else if (dot && dot != name && dot[1]) {
            *dot = '\0';
            cfn_resolve_getatt(c, n, model_strdup(c->m, name), model_strdup(c->m, dot + 1),
                               conditional, out);
        } else if (!dot && *name) {
            cfn_resolve_ref(c, n, model_strdup(c->m, name), conditional, out, as_list);
        } else {
            cfn_add_expr(c, n, conditional, out);
        }
        free(name);
        return;
    }
    cfn_add_static(c, n, conditional, out);
}

/* Select [I, [a, b, ...]] with a static index is that item; of a static
 * list, a literal; else text. */
static void cfn_resolve_select(struct cfn *c, const struct ynode *n, const struct ynode *arg,
                               int tagged, int conditional, struct cfn_values *out)
{
    const struct ynode *args = cfn_args(arg, tagged, 2), *list;
    struct strbuf sb = STRBUF_INIT;
    unsigned long idx;
    char *end;

    if (args && cfn_eval(c, args->items[0], 0, CFN_EVAL_LITERAL, &sb) && sb.len &&
        sb.buf[0] != '-') {
        idx = strtoul(sb.buf, &end, 10);
        list = args->items[1];
        if (!*end && list->type == YNODE_SEQ && !list->tag && idx < list->nitems) {
            strbuf_release(&sb);
            cfn_resolve_at(c, list->items[idx], conditional, out, 0);
            return;
        }
    }
    strbuf_release(&sb);
    cfn_add_static(c, n, conditional, out);
}

/* ImportValue: an export of another template, else import:NAME. */
static void cfn_resolve_import(struct cfn *c, const struct ynode *n, const struct ynode *arg,
                               int tagged, int conditional, struct cfn_values *out)
{
    struct strbuf sb = STRBUF_INIT;
    const char *name;

    if (!cfn_scalar(arg, tagged) && !cfn_arg_is_call(arg, tagged)) {
        cfn_add_expr(c, n, conditional, out); /* malformed: reported by cfn_check */
        return;
    }
    if (cfn_stacks_import(c, n, arg, tagged, conditional, out))
        return;
    if (cfn_eval(c, arg, tagged, CFN_EVAL_LITERAL, &sb) && sb.len)
        name = model_strdup(c->m, sb.buf);
    else
        name = cfn_text_of(c, arg, tagged);
    strbuf_release(&sb);
    cfn_values_add(c, out, CFN_IMPORT, name, n, conditional);
}

static void cfn_resolve_fn(struct cfn *c, const struct ynode *n, const char *name,
                           const struct ynode *arg, int tagged, int conditional,
                           struct cfn_values *out, int as_list)
{
    const struct ynode *branches;
    const char *s, *res, *attr;

    if (strcmp(name, "If") == 0) {
        if (!(branches = cfn_args(arg, tagged, 3))) {
            cfn_add_expr(c, n, conditional, out);
            return;
        }
        cfn_resolve_at(c, branches->items[1], 1, out, as_list);
        cfn_resolve_at(c, branches->items[2], 1, out, as_list);
    } else if (strcmp(name, "Ref") == 0) {
        if (!(s = cfn_scalar(arg, tagged)) || !*s)
            cfn_add_expr(c, n, conditional, out);
        else
            cfn_resolve_ref(c, n, s, conditional, out, as_list);
    } else if (strcmp(name, "GetAtt") == 0) {
        if (cfn_getatt_args(c, arg, tagged, &res, &attr))
            cfn_resolve_getatt(c, n, res, attr, conditional, out);
        else
            cfn_add_expr(c, n, conditional, out);
    } else if (strcmp(name, "ImportValue") == 0) {
        cfn_resolve_import(c, n, arg, tagged, conditional, out);
    } else if (strcmp(name, "FindInMap") == 0) {
        cfn_resolve_findinmap(c, n, arg, tagged, conditional, out, as_list);
    } else if (strcmp(name, "Sub") == 0) {
        cfn_resolve_sub(c, n, arg, tagged, conditional, out, as_list);
    } else if (strcmp(name, "Select") == 0) {
        cfn_resolve_select(c, n, arg, tagged, conditional, out);
    } else if (strcmp(name, "Join") == 0) {
        cfn_add_static(c, n, conditional, out);
    } else {
        cfn_add_expr(c, n, conditional, out);
    }
}

static void cfn_resolve_at(struct cfn *c, const struct ynode *n, int conditional,
                           struct cfn_values *out, int as_list)
{
    const struct ynode *arg;
    const char *name;
    int tagged;
    size_t i;

    if (!n || ynode_is_null(n))
        return;
    if (cfn_intrinsic(n, &name, &arg, &tagged)) {
        cfn_resolve_fn(c, n, name, arg, tagged, conditional, out, as_list);
        return;
    }
    if (n->tag) {
        /* An unknown tag (reported once by cfn_check): text. */
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (n->type == YNODE_SCALAR) {
        cfn_values_add(c, out, CFN_LITERAL, model_strdup(c->m, n->value), n, conditional);
        return;
    }
    if (n->type == YNODE_SEQ && as_list) {
        for (i = 0; i < n->nitems; i++)
            cfn_resolve_at(c, n->items[i], conditional, out, 0);
        return;
    }
    cfn_add_expr(c, n, conditional, out);
}

void cfn_resolve(struct cfn *c, const struct ynode *n, int conditional,
                 struct cfn_values *out)
{
    cfn_resolve_at(c, n, conditional, out, 0);
}

void cfn_resolve_list(struct cfn *c, const struct ynode *n, int conditional,
                      struct cfn_values *out)
{
    cfn_resolve_at(c, n, conditional, out, 1);
}

/* A value of another template (an export, a nested stack's output),
 * resolved there and written at n. */
void cfn_resolve_elsewhere(struct cfn *c, const struct ynode *n, struct cfn *there,
                           const struct ynode *value, int conditional, struct cfn_values *out)
{
    size_t first = out->n;

    if (!cfn_stacks_enter(c->stacks)) {
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    cfn_resolve_at(there, value, conditional, out, 0);
    cfn_stacks_leave(c->stacks);
    cfn_values_written_at(out, first, n);
}
