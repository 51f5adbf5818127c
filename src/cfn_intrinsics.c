/*
 * cfn_intrinsics.c - CloudFormation values: literals and intrinsic
 * functions, in YAML short form ("!Ref X") or long form ({"Ref": "X"}).
 *
 * This file owns what a value stands for when drawing (aws-input-reference
 * section 7, "Resolution for drawing"): a Ref or GetAtt to a resource of the
 * template, a parameter (param:NAME), an import (import:NAME), a literal, or
 * else an expression shown as its compact source text, always written in
 * short form so that a YAML template and its JSON twin give the same model.
 * Fn::If gives both branches, marked conditional; AWS::NoValue gives
 * nothing; Fn::FindInMap with literal keys is looked up in Mappings; a
 * Fn::Sub that is exactly "${X}" or "${X.Attr}" is that Ref or GetAtt.
 * Nothing is guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "cfn_internal.h"
#include "strbuf.h"
#include "xalloc.h"

/* ==== Recognising intrinsics ==== */

static const char *const cfn_functions[] = {
    "Ref",     "GetAtt", "Sub",    "ImportValue", "Join",      "Select",       "If",
    "FindInMap", "Split", "Base64", "Cidr",      "GetAZs",    "Equals",       "And",
    "Or",      "Not",    "Condition", "Transform", "Length", "ToJsonString", NULL,
};

int cfn_known_tag(const char *tag)
{
    size_t i;

    if (!tag || tag[0] != '!')
        return 0;
    for (i = 0; cfn_functions[i]; i++)
        if (strcmp(tag + 1, cfn_functions[i]) == 0)
            return 1;
    return 0;
}

/* Is map n a long-form call {"Ref": X} / {"Fn::NAME": X} (its own tag aside)? */
static int cfn_longform(const struct ynode *n, const char **name, const struct ynode **arg)
{
    const struct ynode *k;

    if (!n || n->type != YNODE_MAP || n->npairs != 1)
        return 0;
    k = n->pairs[0].key;
    if (k->type != YNODE_SCALAR || k->tag || strlen(k->value) != k->len)
        return 0;
    if (strcmp(k->value, "Ref") == 0 || strcmp(k->value, "Condition") == 0)
        *name = k->value;
    else if (strncmp(k->value, "Fn::", 4) == 0 && k->value[4])
        *name = k->value + 4;
    else
        return 0;
    *arg = n->pairs[0].value;
    return 1;
}

int cfn_intrinsic(const struct ynode *n, const char **name, const struct ynode **arg,
                  int *tagged)
{
    if (!n)
        return 0;
    if (n->tag) {
        if (!cfn_known_tag(n->tag))
            return 0;
        *name = n->tag + 1;
        *arg = n;
        *tagged = 1;
        return 1;
    }
    *tagged = 0;
    return cfn_longform(n, name, arg);
}

/* Is n an intrinsic named want? Sets *arg and *tagged. */
static int cfn_is_fn(const struct ynode *n, const char *want, const struct ynode **arg,
                     int *tagged)
{
    const char *name;

    return cfn_intrinsic(n, &name, arg, tagged) && strcmp(name, want) == 0;
}

/* A scalar's text when n is an untagged scalar (or tagged but skip_tag). */
static const char *cfn_scalar(const struct ynode *n, int skip_tag)
{
    if (!n || n->type != YNODE_SCALAR || (n->tag && !skip_tag))
        return NULL;
    return n->value;
}

int cfn_is_novalue(const struct ynode *n)
{
    const struct ynode *arg;
    int tagged;
    const char *s;

    if (!cfn_is_fn(n, "Ref", &arg, &tagged))
        return 0;
    s = cfn_scalar(arg, tagged);
    return s && strcmp(s, "AWS::NoValue") == 0;
}

/* ==== Compact source text ==== */

/* Characters a scalar may hold and still be written without quotes. */
static int cfn_plain_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80 || strchr("._/:-@+=~()", ch) != NULL;
}

static void cfn_text_scalar(struct strbuf *sb, const struct ynode *n)
{
    size_t i;
    int plain = n->len > 0 && n->value[0] != '-';

    for (i = 0; i < n->len && plain; i++)
        plain = cfn_plain_char((unsigned char)n->value[i]);
    if (n->len == 2 && memcmp(n->value, "-1", 2) == 0)
        plain = 1;
    if (plain) {
        strbuf_add(sb, n->value, n->len);
        return;
    }
    strbuf_addch(sb, '\'');
    for (i = 0; i < n->len && sb->len < CFN_TEXT_MAX + 8; i++) {
        unsigned char ch = (unsigned char)n->value[i];
        if (ch == '\'')
            strbuf_addstr(sb, "''");
        else if (ch == '\n')
            strbuf_addstr(sb, "\\n");
        else if (ch == '\t')
            strbuf_addstr(sb, "\\t");
        else if (ch < 0x20 || ch == 0x7f)
            strbuf_addf(sb, "\\x%02x", ch);
        else
            strbuf_addch(sb, (int)ch);
    }
    strbuf_addch(sb, '\'');
}

static void cfn_text_node(struct strbuf *sb, const struct ynode *n, int skip_tag);

/* "A.B" for the arguments of a GetAtt when they are plain, else the list. */
static void cfn_text_getatt(struct strbuf *sb, const struct ynode *arg, int tagged)
{
    if (arg->type == YNODE_SEQ && (!arg->tag || tagged) && arg->nitems == 2 &&
        cfn_scalar(arg->items[0], 0) && cfn_scalar(arg->items[1], 0)) {
        cfn_text_scalar(sb, arg->items[0]);
        strbuf_addch(sb, '.');
        cfn_text_scalar(sb, arg->items[1]);
        return;
    }
    cfn_text_node(sb, arg, tagged);
}

static void cfn_text_node(struct strbuf *sb, const struct ynode *n, int skip_tag)
{
    const struct ynode *arg;
    const char *name;
    int tagged;
    size_t i;

    if (sb->len > CFN_TEXT_MAX)
        return;
    tagged = 0;
    if (skip_tag ? cfn_longform(n, &name, &arg) : cfn_intrinsic(n, &name, &arg, &tagged)) {
        strbuf_addch(sb, '!');
        strbuf_addstr(sb, name);
        strbuf_addch(sb, ' ');
        if (strcmp(name, "GetAtt") == 0)
            cfn_text_getatt(sb, arg, tagged);
        else
            cfn_text_node(sb, arg, tagged);
        return;
    }
    if (!skip_tag && n->tag) {
        strbuf_addstr(sb, n->tag);
        strbuf_addch(sb, ' ');
    }
    switch (n->type) {
    case YNODE_SCALAR:
        cfn_text_scalar(sb, n);
        break;
    case YNODE_SEQ:
        strbuf_addch(sb, '[');
        for (i = 0; i < n->nitems && sb->len <= CFN_TEXT_MAX; i++) {
            if (i)
                strbuf_addstr(sb, ", ");
            cfn_text_node(sb, n->items[i], 0);
        }
        strbuf_addch(sb, ']');
        break;
    case YNODE_MAP:
        strbuf_addch(sb, '{');
        for (i = 0; i < n->npairs && sb->len <= CFN_TEXT_MAX; i++) {
            if (i)
                strbuf_addstr(sb, ", ");
            cfn_text_node(sb, n->pairs[i].key, 0);
            strbuf_addstr(sb, ": ");
            cfn_text_node(sb, n->pairs[i].value, 0);
        }
        strbuf_addch(sb, '}');
        break;
    }
}

/* Shorten sb to CFN_TEXT_MAX bytes at a character boundary, with "...". */
static void cfn_text_shorten(struct strbuf *sb)
{
    size_t n = CFN_TEXT_MAX - 3;

    if (sb->len <= CFN_TEXT_MAX)
        return;
    while (n > 0 && ((unsigned char)sb->buf[n] & 0xc0) == 0x80)
        n--;
    sb->len = n;
    sb->buf[n] = '\0';
    strbuf_addstr(sb, "...");
}

/* The text of n, skipping its own tag when skip_tag. */
static const char *cfn_text_of(struct cfn *c, const struct ynode *n, int skip_tag)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    cfn_text_node(&sb, n, skip_tag);
    cfn_text_shorten(&sb);
    s = model_strdup(c->m, sb.buf);
    strbuf_release(&sb);
    return s;
}

const char *cfn_text(struct cfn *c, const struct ynode *n)
{
    return cfn_text_of(c, n, 0);
}

/* ==== Values ==== */

static struct cfn_value *cfn_values_add(struct cfn_values *vals, enum cfn_vkind kind,
                                        const char *text, const struct ynode *node,
                                        int conditional)
{
    struct cfn_value *v;

    XGROW(vals->v, vals->alloc, vals->n + 1);
    v = &vals->v[vals->n++];
    memset(v, 0, sizeof(*v));
    v->kind = kind;
    v->text = text;
    v->node = node;
    v->conditional = conditional;
    return v;
}

void cfn_values_release(struct cfn_values *vals)
{
    free(vals->v);
    memset(vals, 0, sizeof(*vals));
}

static void cfn_add_expr(struct cfn *c, const struct ynode *n, int conditional,
                         struct cfn_values *out)
{
    cfn_values_add(out, CFN_EXPR, cfn_text(c, n), n, conditional);
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

/* Pseudo parameters stay symbolic. */
static int cfn_is_pseudo(const char *name)
{
    return strncmp(name, "AWS::", 5) == 0;
}

/* Ref to name: a resource, a parameter, a pseudo parameter or nothing. */
static void cfn_resolve_ref(struct cfn *c, const struct ynode *n, const char *name,
                            int conditional, struct cfn_values *out)
{
    struct cfn_resource *r;

    if (strcmp(name, "AWS::NoValue") == 0)
        return;
    if ((r = cfn_resource(c, name)) != NULL) {
        struct cfn_value *v = cfn_values_add(out, CFN_RESOURCE, r->id, n, conditional);
        v->res = r;
        return;
    }
    if (cfn_param(c, name)) {
        cfn_values_add(out, CFN_PARAM, name, n, conditional);
        return;
    }
    if (!cfn_is_pseudo(name))
        cfn_warning(c, n,
                    "'!Ref %s' names no parameter or resource of the template; "
                    "drawn as text",
                    cfn_quote(0, name));
    cfn_add_expr(c, n, conditional, out);
}

/* GetAtt A.B: a resource's attribute, or text. */
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
    v = cfn_values_add(out, CFN_RESOURCE, r->id, n, conditional);
    v->res = r;
    v->attr = attr;
}

/* Split the arguments of a GetAtt; returns 0 when they are not literal. */
static int cfn_getatt_args(struct cfn *c, const struct ynode *arg, int tagged,
                           const char **res, const char **attr)
{
    const char *s = cfn_scalar(arg, tagged);

    if (s) {
        const char *dot = strchr(s, '.');
        if (!dot || dot == s || !dot[1])
            return 0;
        *res = model_strndup(c->m, s, (size_t)(dot - s));
        *attr = model_strdup(c->m, dot + 1);
        return 1;
    }
    if (arg->type == YNODE_SEQ && (!arg->tag || tagged) && arg->nitems == 2 &&
        cfn_scalar(arg->items[0], 0) && cfn_scalar(arg->items[1], 0)) {
        *res = arg->items[0]->value;
        *attr = arg->items[1]->value;
        return 1;
    }
    return 0;
}

/* FindInMap [M, K1, K2] with literal keys, looked up in Mappings. */
static void cfn_resolve_findinmap(struct cfn *c, const struct ynode *n,
                                  const struct ynode *arg, int tagged, int conditional,
                                  struct cfn_values *out)
{
    const char *keys[3];
    const struct ynode *v;
    size_t i;

    if (arg->type != YNODE_SEQ || (arg->tag && !tagged) || arg->nitems < 3) {
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    for (i = 0; i < 3; i++) {
        keys[i] = cfn_scalar(arg->items[i], 0);
        if (!keys[i]) {
            cfn_add_expr(c, n, conditional, out);
            return;
        }
    }
    v = ynode_get(ynode_get(ynode_get(c->mappings, keys[0]), keys[1]), keys[2]);
    if (!v) {
        cfn_warning(c, n, "Mappings has no '%s' > '%s' > '%s'; drawn as text",
                    cfn_quote(0, keys[0]), cfn_quote(1, keys[1]), cfn_quote(2, keys[2]));
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (v->type == YNODE_SCALAR && !v->tag) {
        cfn_values_add(out, CFN_LITERAL, model_strdup(c->m, v->value), n, conditional);
        return;
    }
    if (v->type == YNODE_SEQ && !v->tag) {
        for (i = 0; i < v->nitems; i++) {
            if (cfn_scalar(v->items[i], 0))
                cfn_values_add(out, CFN_LITERAL, model_strdup(c->m, v->items[i]->value),
                               n, conditional);
            else
                cfn_add_expr(c, v->items[i], conditional, out);
        }
        return;
    }
    cfn_add_expr(c, n, conditional, out);
}

/* Sub "${X}" or "${X.Attr}" alone is a Ref or a GetAtt; else text. */
static void cfn_resolve_sub(struct cfn *c, const struct ynode *n, const struct ynode *arg,
                            int tagged, int conditional, struct cfn_values *out)
{
    const char *s = cfn_scalar(arg, tagged);
    size_t len;
    char *name, *dot;

    if (!s || strncmp(s, "${", 2) != 0 || s[2] == '!' || (len = strlen(s)) < 4 ||
        s[len - 1] != '}' || memchr(s + 2, '}', len - 3) || memchr(s + 2, '$', len - 3)) {
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    name = xstrndup(s + 2, len - 3);
    dot = strchr(name, '.');
    if (dot && dot != name && dot[1]) {
        *dot = '\0';
        cfn_resolve_getatt(c, n, model_strdup(c->m, name), model_strdup(c->m, dot + 1),
                           conditional, out);
    } else if (!dot && *name) {
        cfn_resolve_ref(c, n, model_strdup(c->m, name), conditional, out);
    } else {
        cfn_add_expr(c, n, conditional, out);
    }
    free(name);
}

/* The two branches of a Fn::If, or NULL when it is malformed. */
static const struct ynode *cfn_if_args(const struct ynode *arg, int tagged)
{
    if (arg->type != YNODE_SEQ || (arg->tag && !tagged) || arg->nitems != 3)
        return NULL;
    return arg;
}

static void cfn_resolve_at(struct cfn *c, const struct ynode *n, int conditional,
                           struct cfn_values *out, int as_list);

static void cfn_resolve_fn(struct cfn *c, const struct ynode *n, const char *name,
                           const struct ynode *arg, int tagged, int conditional,
                           struct cfn_values *out, int as_list)
{
    const struct ynode *branches;
    const char *s, *res, *attr;

    if (strcmp(name, "If") == 0) {
        if (!(branches = cfn_if_args(arg, tagged))) {
            cfn_add_expr(c, n, conditional, out);
            return;
        }
        cfn_resolve_at(c, branches->items[1], 1, out, as_list);
        cfn_resolve_at(c, branches->items[2], 1, out, as_list);
        return;
    }
    if (strcmp(name, "Ref") == 0) {
        if (!(s = cfn_scalar(arg, tagged)) || !*s)
            cfn_add_expr(c, n, conditional, out);
        else
            cfn_resolve_ref(c, n, s, conditional, out);
        return;
    }
    if (strcmp(name, "GetAtt") == 0) {
        if (cfn_getatt_args(c, arg, tagged, &res, &attr))
            cfn_resolve_getatt(c, n, res, attr, conditional, out);
        else
            cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (strcmp(name, "ImportValue") == 0) {
        s = cfn_scalar(arg, tagged);
        cfn_values_add(out, CFN_IMPORT,
                       s && *s ? model_strdup(c->m, s) : cfn_text_of(c, arg, tagged), n,
                       conditional);
        return;
    }
    if (strcmp(name, "FindInMap") == 0) {
        cfn_resolve_findinmap(c, n, arg, tagged, conditional, out);
        return;
    }
    if (strcmp(name, "Sub") == 0) {
        cfn_resolve_sub(c, n, arg, tagged, conditional, out);
        return;
    }
    cfn_add_expr(c, n, conditional, out);
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
        /* An unknown tag (reported once by the pre-pass): text. */
        cfn_add_expr(c, n, conditional, out);
        return;
    }
    if (n->type == YNODE_SCALAR) {
        cfn_values_add(out, CFN_LITERAL, model_strdup(c->m, n->value), n, conditional);
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

int cfn_branches(struct cfn *c, const struct ynode *n, int conditional,
                 int (*fn)(struct cfn *, const struct ynode *, int, void *), void *arg)
{
    const struct ynode *a, *branches;
    int tagged;

    if (!n || ynode_is_null(n) || cfn_is_novalue(n))
        return 0;
    if (cfn_is_fn(n, "If", &a, &tagged) && (branches = cfn_if_args(a, tagged)) != NULL) {
        if (cfn_branches(c, branches->items[1], 1, fn, arg) < 0)
            return -1;
        return cfn_branches(c, branches->items[2], 1, fn, arg);
    }
    return fn(c, n, conditional, arg);
}
