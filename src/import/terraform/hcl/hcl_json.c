/*
 * hcl_json.c - Terraform's JSON syntax (*.tf.json) into the same bodies and
 * expressions as the native syntax.
 *
 * The file is parsed by jansson (duplicate keys refused); a second, small
 * scan of the same text finds the line:col of every key and value, in the
 * order jansson keeps them, so that errors and locations name lines as in
 * .tf files. Terraform's rules: the top-level keys are block types
 * (resource and data nest TYPE then NAME; module, variable, output,
 * provider nest NAME; locals holds attributes), each level may be an array
 * to repeat a block; in a body a string is a template ("${var.x}"), a
 * number, bool or null a literal, arrays and objects tuples and objects; a
 * variable's default is a literal value and its type a string holding the
 * type expression; "//" keys are comments. Without provider schemas, the
 * nested blocks of resources are known by name (nested_blocks[]); any other
 * object value is an attribute, which evaluates the same for lists of
 * objects.
 */
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"
#include "json_reader.h"

/* Nested block types whose JSON value may be one object rather than a list. */
static const char *const nested_blocks[] = {
    "ingress", "egress", "timeouts", "vpc_config", "network_interface", "network_configuration",
    "launch_template", "subnet_mapping", "load_balancer", "remote_access",
};

struct jconv {
    struct arena *a;
    const char *file;
    const char *data;
    size_t len;
    /* Positions of keys and values in document order. */
    struct hpos *pos;
    size_t npos, alloc, next;
    int failed;
};

/* ===== Positions ===== */

static void record(struct jconv *c, size_t off, int line, size_t line_start)
{
    c->pos = hcl_grow(c->a, c->pos, c->npos, &c->alloc, sizeof(*c->pos));
    c->pos[c->npos].file = c->file;
    c->pos[c->npos].line = line;
    c->pos[c->npos++].col = (int)(off - line_start + 1);
}

/* Scan the (valid) JSON text, recording every value and key in order. */
static void scan_positions(struct jconv *c)
{
    const char *d = c->data;
    size_t i = 0, ls = 0;
    int line = 1;
    /* Per nesting level: 1 inside an object expecting a key. */
    char stack[4096];
    int depth = 0, want_key = 0;

    while (i < c->len) {
        char ch = d[i];
        if (ch == '\n') {
            line++;
            ls = ++i;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ':') {
            i++;
            continue;
        }
        if (ch == ',') {
            want_key = depth > 0 && stack[depth - 1];
            i++;
            continue;
        }
        if (ch == '}' || ch == ']') {
            if (depth > 0)
                depth--;
            want_key = 0;
            i++;
            continue;
        }
        record(c, i, line, ls);
        if (ch == '{' || ch == '[') {
            if (depth < (int)sizeof(stack))
                stack[depth++] = ch == '{';
            want_key = ch == '{';
            i++;
            continue;
        }
        if (ch == '"') {
            for (i++; i < c->len && d[i] != '"'; i++)
                if (d[i] == '\\')
                    i++;
            i++;
            want_key = 0;
            continue;
        }
        while (i < c->len && !strchr(" \t\r\n,]}:", d[i]))
            i++;
        want_key = 0;
    }
    (void)want_key;
}

static struct hpos take_pos(struct jconv *c)
{
    struct hpos none = {c->file, 0, 0};
    return c->next < c->npos ? c->pos[c->next++] : none;
}

/* Skip the positions of a value not converted (and of all it holds). */
static void skip_value(struct jconv *c, const json_t *v)
{
    const char *k;
    json_t *e;
    size_t i;

    take_pos(c);
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, k, e) {
            take_pos(c);
            skip_value(c, e);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, e)
            skip_value(c, e);
    }
}

static void j_error(struct jconv *c, struct hpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void j_error(struct jconv *c, struct hpos pos, const char *fmt, ...)
{
    struct srcloc loc = {pos.file, pos.line, pos.col, NULL};
    va_list ap;

    if (c->failed)
        return;
    c->failed = 1;
    va_start(ap, fmt);
    diag_verror(&loc, fmt, ap);
    va_end(ap);
}

/* ===== Values and expressions ===== */

static struct hval *literal(struct jconv *c, const json_t *v, struct hpos pos)
{
    struct hctx h;
    struct hval *r = NULL;
    const char *k;
    json_t *e;
    size_t i;

    memset(&h, 0, sizeof(h));
    h.a = c->a;
    switch (json_typeof(v)) {
    case JSON_STRING:
        r = hv_strn(&h, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        r = hv_num(&h, (double)json_integer_value(v));
        break;
    case JSON_REAL:
        r = hv_num(&h, json_real_value(v));
        break;
    case JSON_TRUE:
        return &hv_true_v;
    case JSON_FALSE:
        return &hv_false_v;
    case JSON_NULL:
        return &hv_null_v;
    case JSON_ARRAY:
        if (!(r = hv_list(&h, json_array_size(v), pos)))
            break;
        json_array_foreach(v, i, e) {
            struct hpos ep = take_pos(c);
            if (!(r->u.items[i] = literal(c, e, ep)))
                return NULL;
        }
        return hv_list_done(r);
    case JSON_OBJECT:
        if (!(r = hv_map(&h, json_object_size(v), pos)))
            break;
        i = 0;
        json_object_foreach((json_t *)v, k, e) {
            struct hpos ep;
            take_pos(c);
            ep = take_pos(c);
            r->keys[i] = arena_strndup(c->a, k, strlen(k));
            if (!(r->u.items[i++] = literal(c, e, ep)))
                return NULL;
        }
        return hv_map_done(r);
    }
    if (!r)
        j_error(c, pos, "%s", h.err ? h.err->msg : "value too large");
    return r;
}

/* A JSON value as an expression; its own position already taken. */
static struct hexpr *expr_of(struct jconv *c, const json_t *v, struct hpos pos)
{
    struct hexpr *x;
    const char *k;
    json_t *e;
    size_t i;

    if (json_is_string(v)) {
        struct hpos tp = pos;
        tp.col++; /* after the quote */
        x = hcl_parse_template(c->a, c->file, json_string_value(v), json_string_length(v), tp);
        if (!x)
            c->failed = 1;
        return x;
    }
    if (json_is_array(v)) {
        x = hx_new(c->a, HX_TUPLE, pos);
        x->n = json_array_size(v);
        x->items = arena_alloc(c->a, (x->n + 1) * sizeof(*x->items));
        json_array_foreach(v, i, e) {
            struct hpos ep = take_pos(c);
            if (!(x->items[i] = expr_of(c, e, ep)))
                return NULL;
        }
        return x;
    }
    if (json_is_object(v)) {
        x = hx_new(c->a, HX_OBJECT, pos);
        x->n = 2 * json_object_size(v);
        x->items = arena_alloc(c->a, (x->n + 1) * sizeof(*x->items));
        i = 0;
        json_object_foreach((json_t *)v, k, e) {
            struct hpos kp = take_pos(c), ep = take_pos(c);
            kp.col++;
            if (!(x->items[i++] = hcl_parse_template(c->a, c->file, k, strlen(k), kp))) {
                c->failed = 1;
                return NULL;
            }
            if (!(x->items[i++] = expr_of(c, e, ep)))
                return NULL;
        }
        return x;
    }
    x = hx_new(c->a, HX_LIT, pos);
    if (!(x->lit = literal(c, v, pos)))
        return NULL;
    return x;
}

/* ===== Bodies ===== */

enum body_kind { BK_PLAIN, BK_RESOURCE, BK_VARIABLE, BK_MODULE, BK_LOCALS, BK_DYNAMIC };

struct builder {
    struct hattr *attrs;
    struct hblock *blocks;
    size_t nattrs, nblocks, aalloc, balloc;
};

static void add_attr(struct jconv *c, struct builder *b, const char *name, struct hexpr *x,
                     struct hpos pos)
{
    b->attrs = hcl_grow(c->a, b->attrs, b->nattrs, &b->aalloc, sizeof(*b->attrs));
    b->attrs[b->nattrs].name = arena_strndup(c->a, name, strlen(name));
    b->attrs[b->nattrs].expr = x;
    b->attrs[b->nattrs++].pos = pos;
}

static struct hblock *add_block(struct jconv *c, struct builder *b, const char *type,
                                struct hpos pos)
{
    struct hblock *blk;
    b->blocks = hcl_grow(c->a, b->blocks, b->nblocks, &b->balloc, sizeof(*b->blocks));
    blk = &b->blocks[b->nblocks++];
    memset(blk, 0, sizeof(*blk));
    blk->type = arena_strndup(c->a, type, strlen(type));
    blk->pos = pos;
    return blk;
}

static struct hbody *finish(struct jconv *c, struct builder *b, struct hpos pos)
{
    struct hbody *body = arena_alloc(c->a, sizeof(*body));
    body->attrs = b->attrs;
    body->nattrs = b->nattrs;
    body->blocks = b->blocks;
    body->nblocks = b->nblocks;
    body->pos = pos;
    return body;
}

static struct hbody *body_of(struct jconv *c, const json_t *v, struct hpos pos, int kind,
                             int depth);

static int is_nested_block(const char *key)
{
    size_t i;
    for (i = 0; i < sizeof(nested_blocks) / sizeof(nested_blocks[0]); i++)
        if (strcmp(nested_blocks[i], key) == 0)
            return 1;
    return 0;
}

/* key: one object or an array of objects, each a block of type with labels. */
static void add_blocks(struct jconv *c, struct builder *b, const char *type, const char **labels,
                       size_t nlabels, const json_t *v, struct hpos pos, int kind, int depth)
{
    size_t i;
    json_t *e;

    if (json_is_array(v)) {
        json_array_foreach(v, i, e) {
            struct hpos ep = take_pos(c);
            add_blocks(c, b, type, labels, nlabels, e, ep, kind, depth);
            if (c->failed)
                return;
        }
        return;
    }
    if (!json_is_object(v)) {
        j_error(c, pos, "expected an object for a %s block", type);
        return;
    }
    {
        struct hblock *blk = add_block(c, b, type, pos);
        blk->labels = labels;
        blk->nlabels = nlabels;
        blk->body = body_of(c, v, pos, kind, depth + 1);
    }
}

static struct hbody *body_of(struct jconv *c, const json_t *v, struct hpos pos, int kind, int depth)
{
    struct builder b;
    const char *key;
    json_t *e;

    memset(&b, 0, sizeof(b));
    if (depth > HCL_MAX_NESTING) {
        j_error(c, pos, "nested too deeply (more than %d levels)", HCL_MAX_NESTING);
        return finish(c, &b, pos);
    }
    json_object_foreach((json_t *)v, key, e) {
        struct hpos kp = take_pos(c), vp = take_pos(c);
        if (c->failed)
            break;
        if (strcmp(key, "//") == 0) {
            /* a comment */
        } else if (kind == BK_VARIABLE && strcmp(key, "default") == 0) {
            struct hexpr *x = hx_new(c->a, HX_LIT, vp);
            x->lit = literal(c, e, vp);
            add_attr(c, &b, key, x, kp);
            continue;
        } else if (kind == BK_VARIABLE && strcmp(key, "type") == 0 && json_is_string(e)) {
            struct hpos tp = vp;
            struct hexpr *x;
            tp.col++;
            x = hcl_parse_expr(c->a, c->file, json_string_value(e), json_string_length(e), tp);
            if (!x)
                c->failed = 1;
            else
                add_attr(c, &b, key, x, kp);
            continue;
        } else if (kind == BK_VARIABLE && strcmp(key, "validation") == 0) {
            /* not evaluated */
        } else if (kind == BK_RESOURCE && (strcmp(key, "lifecycle") == 0 ||
                                           strcmp(key, "provisioner") == 0 ||
                                           strcmp(key, "connection") == 0 ||
                                           strcmp(key, "depends_on") == 0 ||
                                           strcmp(key, "provider") == 0)) {
            /* meta-arguments that do not change what is drawn */
        } else if ((kind == BK_RESOURCE || kind == BK_DYNAMIC) && strcmp(key, "dynamic") == 0 &&
                   json_is_object(e)) {
            const char *t;
            json_t *d;
            json_object_foreach(e, t, d) {
                const char **labels = arena_alloc(c->a, sizeof(*labels));
                struct hpos dp;
                take_pos(c);
                dp = take_pos(c);
                labels[0] = arena_strndup(c->a, t, strlen(t));
                add_blocks(c, &b, "dynamic", labels, 1, d, dp, BK_DYNAMIC, depth);
            }
            continue;
        } else if (kind == BK_DYNAMIC && strcmp(key, "content") == 0) {
            add_blocks(c, &b, "content", NULL, 0, e, vp, BK_RESOURCE, depth);
            continue;
        } else if (kind == BK_RESOURCE && is_nested_block(key) &&
                   (json_is_object(e) || (json_is_array(e) && json_array_size(e) &&
                                          json_is_object(json_array_get(e, 0))))) {
            add_blocks(c, &b, key, NULL, 0, e, vp, BK_RESOURCE, depth);
            continue;
        } else if (kind == BK_MODULE &&
                   (strcmp(key, "source") == 0 || strcmp(key, "version") == 0)) {
            struct hexpr *x = hx_new(c->a, HX_LIT, vp);
            x->lit = literal(c, e, vp);
            add_attr(c, &b, key, x, kp);
            continue;
        } else {
            struct hexpr *x = expr_of(c, e, vp);
            if (x)
                add_attr(c, &b, key, x, kp);
            continue;
        }
        /* Not converted: skip what it holds. */
        c->next--;
        skip_value(c, e);
    }
    return finish(c, &b, pos);
}

/* resource / data: {TYPE: {NAME: body}}. */
static void top_two_labels(struct jconv *c, struct builder *b, const char *type, const json_t *v,
                           struct hpos pos)
{
    const char *t, *n;
    json_t *tv, *nv;

    if (!json_is_object(v)) {
        j_error(c, pos, "expected an object of %s types", type);
        return;
    }
    json_object_foreach((json_t *)v, t, tv) {
        struct hpos tp;
        take_pos(c);
        tp = take_pos(c);
        if (!json_is_object(tv)) {
            j_error(c, tp, "expected an object of %s names", type);
            return;
        }
        json_object_foreach(tv, n, nv) {
            const char **labels = arena_alloc(c->a, 2 * sizeof(*labels));
            struct hpos np;
            take_pos(c);
            np = take_pos(c);
            labels[0] = arena_strndup(c->a, t, strlen(t));
            labels[1] = arena_strndup(c->a, n, strlen(n));
            add_blocks(c, b, type, labels, 2, nv, np, BK_RESOURCE, 0);
            if (c->failed)
                return;
        }
    }
}

static void top_one_label(struct jconv *c, struct builder *b, const char *type, const json_t *v,
                          struct hpos pos, int kind)
{
    const char *n;
    json_t *nv;

    if (!json_is_object(v)) {
        j_error(c, pos, "expected an object of %s names", type);
        return;
    }
    json_object_foreach((json_t *)v, n, nv) {
        const char **labels = arena_alloc(c->a, sizeof(*labels));
        struct hpos np;
        take_pos(c);
        np = take_pos(c);
        labels[0] = arena_strndup(c->a, n, strlen(n));
        add_blocks(c, b, type, labels, 1, nv, np, kind, 0);
        if (c->failed)
            return;
    }
}

static void top_key(struct jconv *c, struct builder *b, const char *key, const json_t *v,
                    struct hpos pos)
{
    size_t i;
    json_t *e;

    if (json_is_array(v) && strcmp(key, "//") != 0) {
        /* The same block type repeated, to keep an order. */
        json_array_foreach(v, i, e) {
            struct hpos ep = take_pos(c);
            top_key(c, b, key, e, ep);
            if (c->failed)
                return;
        }
        return;
    }
    if (strcmp(key, "resource") == 0 || strcmp(key, "data") == 0)
        top_two_labels(c, b, key, v, pos);
    else if (strcmp(key, "variable") == 0)
        top_one_label(c, b, key, v, pos, BK_VARIABLE);
    else if (strcmp(key, "module") == 0)
        top_one_label(c, b, key, v, pos, BK_MODULE);
    else if (strcmp(key, "output") == 0 || strcmp(key, "provider") == 0)
        top_one_label(c, b, key, v, pos, BK_PLAIN);
    else if (strcmp(key, "locals") == 0 && json_is_object(v))
        add_blocks(c, b, key, NULL, 0, v, pos, BK_LOCALS, 0);
    else {
        c->next--;
        skip_value(c, v); /* terraform, moved, import, check, "//": nothing to draw */
    }
}

/* A variables file (*.tfvars.json): {NAME: VALUE}, values literal. */
static struct hbody *vars_body(struct jconv *c, const json_t *doc, struct hpos pos)
{
    struct builder b;
    const char *key;
    json_t *v;

    memset(&b, 0, sizeof(b));
    json_object_foreach((json_t *)doc, key, v) {
        struct hpos kp = take_pos(c), vp = take_pos(c);
        struct hexpr *x = hx_new(c->a, HX_LIT, vp);
        if (!(x->lit = literal(c, v, vp)))
            break;
        add_attr(c, &b, key, x, kp);
    }
    return finish(c, &b, pos);
}

struct hbody *hcl_parse_json_file(struct arena *a, const char *file, const char *data,
                                  size_t len, int vars)
{
    struct jconv c;
    struct builder b;
    json_error_t err;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err), *v;
    struct hpos pos = {file, 1, 1};
    const char *key;
    struct hbody *body;

    if (!doc) {
        struct json_reader r; /* only for its syntax error report */
        memset(&r, 0, sizeof(r));
        r.file = file;
        jr_syntax_error(&r, data, len, (size_t)err.position, &err);
        return NULL;
    }
    memset(&c, 0, sizeof(c));
    memset(&b, 0, sizeof(b));
    c.a = a;
    c.file = file;
    c.data = data;
    c.len = len;
    if (!json_is_object(doc)) {
        j_error(&c, pos, "expected an object of blocks (resource, variable, ...), got %s",
                json_is_array(doc) ? "an array" : "a value");
        json_decref(doc);
        return NULL;
    }
    scan_positions(&c);
    take_pos(&c);
    if (vars) {
        body = vars_body(&c, doc, pos);
        json_decref(doc);
        return c.failed ? NULL : body;
    }
    json_object_foreach(doc, key, v) {
        struct hpos vp;
        take_pos(&c);
        vp = take_pos(&c);
        top_key(&c, &b, key, v, vp);
        if (c.failed)
            break;
    }
    body = finish(&c, &b, pos);
    json_decref(doc);
    return c.failed ? NULL : body;
}
