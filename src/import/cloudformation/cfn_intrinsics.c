/*
 * cfn_intrinsics.c - CloudFormation intrinsic functions, in YAML short
 * form ("!Ref X") or long form ({"Ref": "X"}): recognising them, their
 * compact source text, and their static text.
 *
 * This file owns three things. Which nodes are calls, in either form.
 * The compact source text an unresolved expression is drawn as, always
 * written in short form whichever form the file used, so that a YAML
 * template and its JSON twin give the same model. And cfn_eval(): the text
 * a value has before any stack exists, through Fn::Join, Fn::Sub,
 * Fn::Select, Fn::Split and Fn::FindInMap, either of literals only (a
 * value drawn as a literal) or, for export and import names and nested
 * stack URLs, with parameters at their default or the value a parent stack
 * passes, and the stack name and other unknowns as wildcards. What a value
 * stands for in the drawing is cfn_values.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cfn_eval.h"
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

int cfn_longform(const struct ynode *n, const char **name, const struct ynode **arg)
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

const char *cfn_scalar(const struct ynode *n, int skip_tag)
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

const char *cfn_text_of(struct cfn *c, const struct ynode *n, int skip_tag)
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

/* ==== Arguments ==== */

int cfn_arg_is_call(const struct ynode *arg, int tagged)
{
    const char *name;
    const struct ynode *inner;

    if (!tagged && arg->tag)
        return cfn_known_tag(arg->tag);
    return cfn_longform(arg, &name, &inner);
}

const struct ynode *cfn_args(const struct ynode *arg, int tagged, size_t nitems)
{
    if (!arg || arg->type != YNODE_SEQ || (arg->tag && !tagged) || arg->nitems != nitems)
        return NULL;
    return arg;
}

const char *cfn_sub_args(const struct ynode *arg, int tagged, const struct ynode **vars)
{
    const struct ynode *v;

    *vars = NULL;
    if (arg->type == YNODE_SEQ && (!arg->tag || tagged) &&
        (arg->nitems == 1 || arg->nitems == 2)) {
        if (arg->nitems == 2) {
            v = arg->items[1];
            if (v->type != YNODE_MAP || v->tag)
                return NULL;
            *vars = v;
        }
        return cfn_scalar(arg->items[0], 0);
    }
    return cfn_scalar(arg, tagged);
}

int cfn_may_be_absent(const struct ynode *n)
{
    const struct ynode *a, *branches;
    int tagged;

    if (ynode_is_null(n) || cfn_is_novalue(n))
        return 1;
    if (cfn_is_fn(n, "If", &a, &tagged) && (branches = cfn_args(a, tagged, 3)) != NULL)
        return cfn_may_be_absent(branches->items[1]) || cfn_may_be_absent(branches->items[2]);
    return 0;
}

int cfn_branches(struct cfn *c, const struct ynode *n, int conditional,
                 int (*fn)(struct cfn *, const struct ynode *, int, void *), void *arg)
{
    const struct ynode *a, *branches;
    int tagged;

    if (!n || ynode_is_null(n) || cfn_is_novalue(n))
        return 0;
    if (cfn_is_fn(n, "If", &a, &tagged) && (branches = cfn_args(a, tagged, 3)) != NULL) {
        if (cfn_branches(c, branches->items[1], 1, fn, arg) < 0)
            return -1;
        return cfn_branches(c, branches->items[2], 1, fn, arg);
    }
    return fn(c, n, conditional, arg);
}

/* ==== Static text ==== */

/* Deepest nesting of calls (and parameters passed on) followed. */
#define CFN_EVAL_DEPTH 64

/* A list of texts, for Fn::Join, Fn::Select and Fn::Split. */
struct cfn_strs {
    char **v;
    size_t n, alloc;
};

static void cfn_strs_push(struct cfn_strs *l, const char *s, size_t len)
{
    XGROW(l->v, l->alloc, l->n + 1);
    l->v[l->n++] = xstrndup(s, len);
}

static void cfn_strs_release(struct cfn_strs *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

/* Cut sb back to len bytes. */
static void cfn_sb_cut(struct strbuf *sb, size_t len)
{
    if (sb->len > len) {
        sb->len = len;
        sb->buf[len] = '\0';
    }
}

/* Is n a call (honouring skip_tag: n's own tag is then no call)? */
static int cfn_call(const struct ynode *n, int skip_tag, const char **name,
                    const struct ynode **arg, int *tagged)
{
    if (skip_tag) {
        *tagged = 0;
        return cfn_longform(n, name, arg);
    }
    return cfn_intrinsic(n, name, arg, tagged);
}

static int cfn_eval_node(struct cfn *c, const struct ynode *n, int skip_tag,
                         enum cfn_eval_mode mode, struct strbuf *sb, int depth);
static int cfn_eval_list(struct cfn *c, const struct ynode *n, enum cfn_eval_mode mode,
                         struct cfn_strs *out, int depth);

/* The static text of n as a new string, or NULL. */
static char *cfn_eval_str(struct cfn *c, const struct ynode *n, enum cfn_eval_mode mode,
                          int depth)
{
    struct strbuf sb = STRBUF_INIT;

    if (!cfn_eval_node(c, n, 0, mode, &sb, depth)) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb);
}

/* Ref name: only names have static text: a parameter, a pseudo parameter. */
static int cfn_eval_ref(struct cfn *c, const char *name, enum cfn_eval_mode mode,
                        struct strbuf *sb, int depth)
{
    const struct cfn_binding *b;
    const char *def;
    size_t len = sb->len;

    if (mode != CFN_EVAL_NAME || strcmp(name, "AWS::NoValue") == 0)
        return 0;
    if (strncmp(name, "AWS::", 5) == 0) {
        strbuf_addch(sb, CFN_WILDCARD);
        return 1;
    }
    if (!cfn_param(c, name))
        return 0;
    if ((b = cfn_binding(c, name)) != NULL) {
        if (cfn_eval_node(b->from, b->value, 0, mode, sb, depth + 1))
            return 1;
        cfn_sb_cut(sb, len);
        strbuf_addch(sb, CFN_WILDCARD);
        return 1;
    }
    def = cfn_param_default(c, name);
    if (def)
        strbuf_addstr(sb, def);
    else
        strbuf_addch(sb, CFN_WILDCARD);
    return 1;
}

/* Fn::Sub: "${X}" is a variable, a parameter or a pseudo parameter;
 * "${!X}" is the text "${X}". */
static int cfn_eval_sub(struct cfn *c, const struct ynode *arg, int tagged,
                        enum cfn_eval_mode mode, struct strbuf *sb, int depth)
{
    const struct ynode *vars, *var;
    const char *s = cfn_sub_args(arg, tagged, &vars), *p, *end;
    char *name;
    int ok;

    if (!s)
        return 0;
    for (p = s; *p;) {
        if (p[0] != '$' || p[1] != '{' || !(end = strchr(p + 2, '}'))) {
            strbuf_addch(sb, *p++);
            continue;
        }
        if (p[2] == '!') {
            strbuf_addstr(sb, "${");
            strbuf_add(sb, p + 3, (size_t)(end - p - 2));
            p = end + 1;
            continue;
        }
        name = xstrndup(p + 2, (size_t)(end - p - 2));
        if (vars && (var = ynode_get(vars, name)) != NULL)
            ok = cfn_eval_node(c, var, 0, mode, sb, depth + 1);
        else
            ok = !strchr(name, '.') && cfn_eval_ref(c, name, mode, sb, depth);
        free(name);
        if (!ok)
            return 0;
        p = end + 1;
    }
    return 1;
}

/* A non-negative index written as text. */
static int cfn_index(const char *s, size_t *out)
{
    char *end;
    unsigned long v;

    if (!s || !*s || *s == '-' || *s == '+')
        return 0;
    v = strtoul(s, &end, 10);
    if (*end || v > 1000000)
        return 0;
    *out = v;
    return 1;
}

static int cfn_findinmap_at(struct cfn *c, const struct ynode *arg, int tagged,
                            enum cfn_eval_mode mode, const struct ynode **value, char **missing,
                            int depth)
{
    const struct ynode *v, *def;
    char *keys[3] = {NULL, NULL, NULL};
    size_t i;
    int ok = 1;

    *value = NULL;
    *missing = NULL;
    if (!cfn_args(arg, tagged, 3) && !cfn_args(arg, tagged, 4))
        return 0;
    for (i = 0; i < 3 && ok; i++)
        ok = (keys[i] = cfn_eval_str(c, arg->items[i], mode, depth + 1)) != NULL &&
             !strchr(keys[i], CFN_WILDCARD);
    if (ok) {
        v = ynode_get(ynode_get(ynode_get(c->mappings, keys[0]), keys[1]), keys[2]);
        def = arg->nitems == 4 ? ynode_get(arg->items[3], "DefaultValue") : NULL;
        if (v || def)
            *value = v ? v : def;
        else
            *missing = xasprintf("'%s' > '%s' > '%s'", keys[0], keys[1], keys[2]);
    }
    for (i = 0; i < 3; i++)
        free(keys[i]);
    return ok;
}

int cfn_findinmap(struct cfn *c, const struct ynode *arg, int tagged, enum cfn_eval_mode mode,
                  const struct ynode **value, char **missing)
{
    return cfn_findinmap_at(c, arg, tagged, mode, value, missing, 0);
}

/* The call at n (function name, argument arg) as static text. */
static int cfn_eval_call(struct cfn *c, const char *name, const struct ynode *arg, int tagged,
                         enum cfn_eval_mode mode, struct strbuf *sb, int depth)
{
    const struct ynode *args, *v;
    struct cfn_strs list = {NULL, 0, 0};
    const char *s, *delim;
    char *idx, *missing;
    size_t i, k;
    int ok = 0;

    if (strcmp(name, "Ref") == 0)
        return (s = cfn_scalar(arg, tagged)) != NULL && cfn_eval_ref(c, s, mode, sb, depth);
    if (strcmp(name, "Sub") == 0)
        return cfn_eval_sub(c, arg, tagged, mode, sb, depth);
    if (strcmp(name, "FindInMap") == 0) {
        if (!cfn_findinmap_at(c, arg, tagged, mode, &v, &missing, depth) || !v) {
            free(missing);
            return 0;
        }
        return cfn_eval_node(c, v, 0, mode, sb, depth + 1);
    }
    if (strcmp(name, "Join") == 0 && (args = cfn_args(arg, tagged, 2)) != NULL &&
        (delim = cfn_scalar(args->items[0], 0)) != NULL &&
        cfn_eval_list(c, args->items[1], mode, &list, depth + 1)) {
        for (i = 0; i < list.n; i++) {
            if (i)
                strbuf_addstr(sb, delim);
            strbuf_addstr(sb, list.v[i]);
        }
        ok = 1;
    } else if (strcmp(name, "Select") == 0 && (args = cfn_args(arg, tagged, 2)) != NULL &&
               (idx = cfn_eval_str(c, args->items[0], CFN_EVAL_LITERAL, depth + 1)) != NULL) {
        if (cfn_index(idx, &k) && cfn_eval_list(c, args->items[1], mode, &list, depth + 1) &&
            k < list.n) {
            strbuf_addstr(sb, list.v[k]);
            ok = 1;
        }
        free(idx);
    }
    cfn_strs_release(&list);
    return ok;
}

static int cfn_eval_node(struct cfn *c, const struct ynode *n, int skip_tag,
                         enum cfn_eval_mode mode, struct strbuf *sb, int depth)
{
    const struct ynode *arg;
    const char *name;
    size_t len = sb->len;
    int tagged;

    if (!n || depth > CFN_EVAL_DEPTH)
        return 0;
    if (cfn_call(n, skip_tag, &name, &arg, &tagged)) {
        if (cfn_eval_call(c, name, arg, tagged, mode, sb, depth))
            return 1;
        cfn_sb_cut(sb, len);
        return 0;
    }
    if ((n->tag && !skip_tag) || n->type != YNODE_SCALAR || ynode_is_null(n))
        return 0;
    strbuf_add(sb, n->value, n->len);
    return 1;
}

/* n as a static list: a literal list, Fn::Split, or a list in Mappings. */
static int cfn_eval_list(struct cfn *c, const struct ynode *n, enum cfn_eval_mode mode,
                         struct cfn_strs *out, int depth)
{
    const struct ynode *arg, *args, *v = NULL;
    const char *name, *p, *q;
    char *delim, *s, *missing = NULL;
    size_t i;
    int tagged, ok = 0;

    if (!n || depth > CFN_EVAL_DEPTH)
        return 0;
    if (cfn_intrinsic(n, &name, &arg, &tagged)) {
        if (strcmp(name, "Split") == 0 && (args = cfn_args(arg, tagged, 2)) != NULL) {
            delim = cfn_eval_str(c, args->items[0], mode, depth + 1);
            s = delim && *delim ? cfn_eval_str(c, args->items[1], mode, depth + 1) : NULL;
            for (p = s; p; p = q ? q + strlen(delim) : NULL) {
                q = strstr(p, delim);
                cfn_strs_push(out, p, q ? (size_t)(q - p) : strlen(p));
            }
            ok = s != NULL;
            free(delim);
            free(s);
            return ok;
        }
        if (strcmp(name, "FindInMap") == 0 &&
            cfn_findinmap_at(c, arg, tagged, mode, &v, &missing, depth) && v)
            return cfn_eval_list(c, v, mode, out, depth + 1);
        free(missing);
        return 0;
    }
    if (n->type != YNODE_SEQ || n->tag)
        return 0;
    for (i = 0; i < n->nitems; i++) {
        if (!(s = cfn_eval_str(c, n->items[i], mode, depth + 1)))
            return 0;
        cfn_strs_push(out, s, strlen(s));
        free(s);
    }
    return 1;
}

int cfn_eval(struct cfn *c, const struct ynode *n, int skip_tag, enum cfn_eval_mode mode,
             struct strbuf *sb)
{
    return cfn_eval_node(c, n, skip_tag, mode, sb, 0);
}
