/*
 * tf_config.c - references recovered from a plan's configuration.
 *
 * Before apply, a plan does not know the ids of the groups it creates:
 * planned_values omits them. The configuration still says which resource
 * each attribute came from: expressions.<attr>.references lists the
 * traversals written in the source, e.g. ["aws_security_group.web.id",
 * "aws_security_group.web"]. This file finds the configuration of a
 * resource (through module_calls for resources in modules) and turns the
 * references of one attribute into resource addresses, following
 * module.NAME.OUTPUT into the module's outputs and var.NAME back out to the
 * module call's arguments. An expression such as
 * aws_security_group.x[count.index].id is written in the references as the
 * whole resource and "count.index"; it names the instance whose key is the
 * referring resource's own (or, across var., its module call's), so that
 * key is passed along. The shape of the whole configuration is checked
 * first (tf_config_check), so that a mistyped file is refused at its path.
 */
#include <stdio.h>
#include <string.h>

#include "strmap.h"
#include "tf_address.h"
#include "tf_config.h"
#include "xalloc.h"

/* How many module boundaries one reference may cross. */
#define TF_MAX_REF_DEPTH 16

/* A configuration module and how it was reached. */
struct cfg_frame {
    const json_t *module;           /* {resources, module_calls, outputs} */
    const json_t *call;             /* the module call that made it, or NULL at the root */
    const char *prefix;             /* address prefix: "" or "module.web." (model string) */
    const char *call_key;           /* the module call's instance key ("[0]"), or NULL */
    const struct cfg_frame *parent; /* NULL at the root */
};

struct ref_walk {
    struct tf_ctx *c;
    struct strmap *seen;
    tf_ref_fn *fn;
    void *arg;
};

static json_t *get_obj(const json_t *obj, const char *key)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_object(v) ? v : NULL;
}

/* The length of an identifier at p (letters, digits, '_', '-'). */
static size_t ident_len(const char *p)
{
    size_t n = 0;
    while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
           (p[n] >= '0' && p[n] <= '9') || p[n] == '_' || p[n] == '-')
        n++;
    return n;
}

/* Pass prefix + rel[0..n) (and key) to fn once. */
static void emit(struct ref_walk *w, const char *prefix, const char *rel, size_t n,
                 const char *key)
{
    struct strbuf sb = STRBUF_INIT;
    const char *addr, *seen;

    strbuf_addstr(&sb, prefix);
    strbuf_add(&sb, rel, n);
    addr = model_strndup(w->c->jr.m, sb.buf, sb.len);
    strbuf_addf(&sb, "\n%s", key ? key : "");
    seen = model_strndup(w->c->jr.m, sb.buf, sb.len);
    strbuf_release(&sb);
    if (strmap_get(w->seen, seen))
        return;
    strmap_put(w->seen, seen, (void *)seen);
    w->fn(w->c, addr, key, w->arg);
}

/* A reference sgmap cannot follow, named by its first two parts (local.sg). */
static void emit_other(struct ref_walk *w, const char *s)
{
    const char *dot = strchr(s, '.');
    size_t n = dot ? (size_t)(dot + 1 - s) + ident_len(dot + 1) : strlen(s);
    emit(w, "", s, n, NULL);
}

static void walk_refs(struct ref_walk *w, const struct cfg_frame *f, const json_t *refs,
                      const char *key, int depth);

/* The references of expression object expr ({"references": [...]}); key is
 * what count.index and each.key stand for there, or NULL. */
static void walk_expr(struct ref_walk *w, const struct cfg_frame *f, const json_t *expr,
                      const char *key, int depth)
{
    json_t *refs = json_is_object(expr) ? json_object_get(expr, "references") : NULL;
    if (json_is_array(refs))
        walk_refs(w, f, refs, key, depth);
}

/* Is reference s (TYPE.NAME) written only as the whole resource in refs,
 * as an index expression (x[count.index].id) or a splat leaves it? */
static int only_whole(const json_t *refs, const char *s)
{
    size_t i, n = strlen(s);
    for (i = 0; i < json_array_size(refs); i++) {
        const char *t = json_string_value(json_array_get(refs, i));
        if (t && strncmp(t, s, n) == 0 && (t[n] == '.' || t[n] == '['))
            return 0;
    }
    return 1;
}

static void walk_ref(struct ref_walk *w, const struct cfg_frame *f, const json_t *refs,
                     const char *s, const char *key, int depth)
{
    size_t n, k;
    char name[256];

    if (strncmp(s, "var.", 4) == 0) {
        /* An input variable: what the module call passed for it, where
         * count.index and each.key are the module call's own. */
        n = ident_len(s + 4);
        if (!f->call || !f->parent || n == 0 || n >= sizeof(name)) {
            emit_other(w, s);
            return;
        }
        memcpy(name, s + 4, n);
        name[n] = '\0';
        walk_expr(w, f->parent, json_object_get(get_obj(f->call, "expressions"), name),
                  f->call_key, depth + 1);
    } else if (strcmp(s, "count.index") == 0 || strcmp(s, "each.key") == 0) {
        return; /* applied to the whole-resource references beside it */
    } else if (strncmp(s, "module.", 7) == 0) {
        /* module.NAME.OUTPUT (or module.NAME[KEY].OUTPUT): the output's references. */
        struct cfg_frame child;
        struct strbuf prefix = STRBUF_INIT;
        const json_t *call, *output;
        const char *p = s + 7;

        n = ident_len(p);
        if (n == 0 || n >= sizeof(name))
            return;
        memcpy(name, p, n);
        name[n] = '\0';
        call = get_obj(get_obj(f->module, "module_calls"), name);
        p += n;
        k = tf_index_len(p);
        child.call_key = k ? model_strndup(w->c->jr.m, p, k) : NULL;
        p += k;
        if (!call || *p != '.') {
            emit_other(w, s);
            return;
        }
        p++;
        k = ident_len(p);
        if (k == 0 || k >= sizeof(name))
            return;
        child.module = get_obj(call, "module");
        child.call = call;
        child.parent = f;
        strbuf_addf(&prefix, "%smodule.%.*s%s.", f->prefix, (int)n, s + 7,
                    child.call_key ? child.call_key : "");
        child.prefix = model_strndup(w->c->jr.m, prefix.buf, prefix.len);
        strbuf_release(&prefix);
        memcpy(name, p, k);
        name[k] = '\0';
        output = get_obj(get_obj(child.module, "outputs"), name);
        if (output)
            walk_expr(w, &child, get_obj(output, "expression"), NULL, depth + 1);
        else
            emit_other(w, s);
    } else {
        /* TYPE.NAME[INDEX] or data.TYPE.NAME[INDEX] of an AWS resource. */
        const char *p = s;
        if (strncmp(p, "data.", 5) == 0)
            p += 5;
        n = ident_len(p);
        k = p[n] == '.' ? ident_len(p + n + 1) : 0;
        if (strncmp(p, "aws_", 4) != 0 || k == 0) {
            emit_other(w, s);
            return;
        }
        n += 1 + k;
        k = tf_index_len(p + n);
        n += (size_t)(p - s);
        emit(w, f->prefix, s, n + k, !k && !s[n] && only_whole(refs, s) ? key : NULL);
    }
}

static void walk_refs(struct ref_walk *w, const struct cfg_frame *f, const json_t *refs,
                      const char *key, int depth)
{
    size_t i;
    int per_instance = 0;

    if (depth > TF_MAX_REF_DEPTH)
        return;
    for (i = 0; i < json_array_size(refs); i++) {
        const char *s = json_string_value(json_array_get(refs, i));
        if (s && (strcmp(s, "count.index") == 0 || strcmp(s, "each.key") == 0))
            per_instance = 1;
    }
    for (i = 0; i < json_array_size(refs); i++) {
        json_t *r = json_array_get(refs, i);
        if (json_is_string(r))
            walk_ref(w, f, refs, json_string_value(r), per_instance ? key : NULL, depth);
    }
}

/*
 * The frames from the root to the module of r (at most TF_MAX_REF_DEPTH
 * deep). Returns the number of frames filled, 0 when the module's
 * configuration is not found.
 */
static size_t find_frames(struct tf_ctx *c, const struct tf_res *r, struct cfg_frame *frames,
                          size_t max)
{
    const char *p = r->module;
    size_t n = 1, k;

    frames[0].module = c->config;
    frames[0].call = NULL;
    frames[0].prefix = "";
    frames[0].call_key = NULL;
    frames[0].parent = NULL;
    while (strncmp(p, "module.", 7) == 0) {
        char name[256];
        size_t len = ident_len(p + 7);
        const json_t *call;
        if (n >= max || len == 0 || len >= sizeof(name))
            return 0;
        memcpy(name, p + 7, len);
        name[len] = '\0';
        call = get_obj(get_obj(frames[n - 1].module, "module_calls"), name);
        if (!call)
            return 0;
        p += 7 + len;
        k = tf_index_len(p);
        frames[n].call_key = k ? model_strndup(c->jr.m, p, k) : NULL;
        p += k;
        if (*p == '.')
            p++;
        frames[n].module = get_obj(call, "module");
        frames[n].call = call;
        frames[n].prefix = model_strndup(c->jr.m, r->module, (size_t)(p - r->module));
        frames[n].parent = &frames[n - 1];
        n++;
    }
    return n;
}

/* The configuration resource of r, and in *f its module frame (one of
 * frames); NULL when there is no configuration for it. */
static const json_t *find_config(struct tf_ctx *c, const struct tf_res *r,
                                 struct cfg_frame *frames, const struct cfg_frame **f)
{
    const json_t *list;
    const char *want;
    size_t i, n;

    if (!c->config || c->jr.failed)
        return NULL;
    n = find_frames(c, r, frames, TF_MAX_REF_DEPTH);
    if (n == 0)
        return NULL;
    *f = &frames[n - 1];
    list = json_is_object((*f)->module) ? json_object_get((*f)->module, "resources") : NULL;
    want = tf_strip_indexes(c->jr.m, r->address + strlen(r->module));
    for (i = 0; i < json_array_size(list); i++) {
        json_t *res = json_array_get(list, i);
        json_t *addr = json_is_object(res) ? json_object_get(res, "address") : NULL;
        if (json_is_string(addr) && strcmp(json_string_value(addr), want) == 0)
            return res;
    }
    return NULL;
}

/* r's own instance key ("[1]", "[\"b\"]"), what count.index or each.key
 * is in its configuration; NULL when it has none. */
static const char *resource_key(struct tf_ctx *c, const struct tf_res *r)
{
    const char *p = r->address + strlen(r->module);
    size_t n;

    if (strncmp(p, "data.", 5) == 0)
        p += 5;
    n = ident_len(p);
    if (p[n] != '.')
        return NULL;
    p += n + 1;
    p += ident_len(p);
    n = tf_index_len(p);
    return n ? model_strndup(c->jr.m, p, n) : NULL;
}

/* Walk the dotted attribute path attr through expressions (blocks are
 * lists). Returns 1 when an expression for it was found. */
static int walk_attr(struct ref_walk *w, const struct cfg_frame *f, const json_t *expr,
                     const char *attr, const char *key, int depth)
{
    const char *dot = strchr(attr, '.');
    char seg[128];
    size_t n = dot ? (size_t)(dot - attr) : strlen(attr), i;
    const json_t *v;
    int found = 0;

    if (n >= sizeof(seg) || depth > 8 || !json_is_object(expr))
        return 0;
    memcpy(seg, attr, n);
    seg[n] = '\0';
    v = json_object_get(expr, seg);
    if (!v)
        return 0;
    if (!dot || (json_is_object(v) && json_object_get(v, "references"))) {
        /* The value, or the whole block set from an expression. */
        walk_expr(w, f, v, key, 0);
        return 1;
    }
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v); i++)
            found |= walk_attr(w, f, json_array_get(v, i), dot + 1, key, depth + 1);
    } else if (json_is_object(v)) {
        found = walk_attr(w, f, v, dot + 1, key, depth + 1);
    }
    return found;
}

static void walk_init(struct ref_walk *w, struct tf_ctx *c, tf_ref_fn *fn, void *arg)
{
    w->c = c;
    w->seen = strmap_new();
    w->fn = fn;
    w->arg = arg;
}

enum tf_cfg tf_config_refs(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                           tf_ref_fn *fn, void *arg)
{
    struct cfg_frame frames[TF_MAX_REF_DEPTH];
    const struct cfg_frame *f = NULL;
    const json_t *res = find_config(c, r, frames, &f);
    struct ref_walk w;
    size_t back;
    int found;

    if (!res)
        return TF_CFG_NONE;
    walk_init(&w, c, fn, arg);
    back = jr_push_key(&c->jr, attr); /* where the value would be */
    found = walk_attr(&w, f, get_obj(res, "expressions"), attr, resource_key(c, r), 0);
    jr_pop(&c->jr, back);
    strmap_free(w.seen);
    return found ? TF_CFG_EXPR : TF_CFG_UNSET;
}

/* Does the constant of expression key in block equal the string/number want? */
static int const_matches(const json_t *block, const char *key, const char *swant, long nwant)
{
    json_t *expr = json_is_object(block) ? json_object_get(block, key) : NULL;
    json_t *v = json_is_object(expr) ? json_object_get(expr, "constant_value") : NULL;

    if (!v)
        return 1; /* not a constant: cannot tell, so it may match */
    if (swant) {
        char num[32];
        const char *s = NULL;
        if (json_is_string(v)) {
            s = json_string_value(v);
        } else if (json_is_integer(v)) {
            snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
            s = num;
        }
        if (!s)
            return 0;
        if ((strcmp(s, "-1") == 0 || strcmp(s, "all") == 0) &&
            (strcmp(swant, "-1") == 0 || strcmp(swant, "all") == 0))
            return 1;
        return strcmp(s, swant) == 0;
    }
    if (json_is_integer(v))
        return json_integer_value(v) == nwant;
    if (json_is_string(v)) {
        char num[32];
        snprintf(num, sizeof(num), "%ld", nwant);
        return strcmp(json_string_value(v), num) == 0;
    }
    return 0;
}

enum tf_cfg tf_config_block_refs(struct tf_ctx *c, const struct tf_res *r, const char *block,
                                 const char *protocol, long from, long to, const char *attr,
                                 tf_ref_fn *fn, void *arg)
{
    struct cfg_frame frames[TF_MAX_REF_DEPTH];
    const struct cfg_frame *f = NULL;
    const json_t *res = find_config(c, r, frames, &f), *blocks;
    const char *key = res ? resource_key(c, r) : NULL;
    struct ref_walk w;
    size_t i, back;
    int found = 0;

    if (!res)
        return TF_CFG_NONE;
    blocks = json_object_get(get_obj(res, "expressions"), block);
    walk_init(&w, c, fn, arg);
    back = jr_push_key(&c->jr, attr);
    for (i = 0; i < json_array_size(blocks); i++) {
        json_t *b = json_array_get(blocks, i);
        if (!json_is_object(b) || !json_object_get(b, attr) ||
            !const_matches(b, "protocol", protocol, 0) ||
            !const_matches(b, "from_port", NULL, from) || !const_matches(b, "to_port", NULL, to))
            continue;
        walk_expr(&w, f, json_object_get(b, attr), key, 0);
        found = 1;
    }
    jr_pop(&c->jr, back);
    strmap_free(w.seen);
    return found ? TF_CFG_EXPR : TF_CFG_UNSET;
}

/* ===== Checking the shape ===== */

/* Deepest nesting of blocks and modules checked. */
#define TF_MAX_CONFIG_DEPTH 64

/* An expression, a block of expressions, or a list of blocks. constant_value
 * is data and may hold anything; "references" must be a list of strings
 * unless it is an object (a block attribute of that name). */
static void check_expr(struct tf_ctx *c, const json_t *v, int depth)
{
    const char *key;
    json_t *e;
    size_t i, back;

    if (c->jr.failed)
        return;
    if (depth > TF_MAX_CONFIG_DEPTH) {
        jr_error(&c->jr, NULL, "expressions nested too deeply (more than %d levels)",
                 TF_MAX_CONFIG_DEPTH);
        return;
    }
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && !c->jr.failed; i++) {
            back = jr_push_index(&c->jr, i);
            check_expr(c, json_array_get(v, i), depth + 1);
            jr_pop(&c->jr, back);
        }
        return;
    }
    json_object_foreach((json_t *)v, key, e) {
        if (strcmp(key, "constant_value") == 0)
            continue;
        if (strcmp(key, "references") == 0 && !json_is_object(e)) {
            json_t *refs = jr_arr(&c->jr, v, key);
            back = jr_push_key(&c->jr, key);
            for (i = 0; i < json_array_size(refs) && !c->jr.failed; i++)
                jr_elem_str(&c->jr, refs, i);
            jr_pop(&c->jr, back);
        } else if (json_is_object(e) || json_is_array(e)) {
            back = jr_push_key(&c->jr, key);
            check_expr(c, e, depth + 1);
            jr_pop(&c->jr, back);
        }
        if (c->jr.failed)
            return;
    }
}

/* obj[key] when it is an object holding objects: calls fn on each. */
static void check_each(struct tf_ctx *c, const json_t *obj, const char *key,
                       void (*fn)(struct tf_ctx *c, const json_t *v, int depth), int depth)
{
    json_t *map = jr_obj(&c->jr, obj, key), *v;
    const char *name;
    size_t back;

    if (!map)
        return;
    back = jr_push_key(&c->jr, key);
    json_object_foreach(map, name, v) {
        size_t b2 = jr_push_key(&c->jr, name);
        if (!json_is_object(v))
            jr_error(&c->jr, NULL, "expected an object, got %s", jr_type_name(v));
        else
            fn(c, v, depth);
        jr_pop(&c->jr, b2);
        if (c->jr.failed)
            break;
    }
    jr_pop(&c->jr, back);
}

static void check_output(struct tf_ctx *c, const json_t *output, int depth)
{
    json_t *expr = jr_obj(&c->jr, output, "expression");
    size_t back = jr_push_key(&c->jr, "expression");
    if (expr)
        check_expr(c, expr, depth + 1);
    jr_pop(&c->jr, back);
}

static void check_module(struct tf_ctx *c, const json_t *mod, int depth);

static void check_call(struct tf_ctx *c, const json_t *call, int depth)
{
    json_t *exprs = jr_obj(&c->jr, call, "expressions");
    json_t *mod = jr_obj(&c->jr, call, "module");
    size_t back;

    if (exprs) {
        back = jr_push_key(&c->jr, "expressions");
        check_expr(c, exprs, depth + 1);
        jr_pop(&c->jr, back);
    }
    if (mod && !c->jr.failed) {
        back = jr_push_key(&c->jr, "module");
        check_module(c, mod, depth + 1);
        jr_pop(&c->jr, back);
    }
}

static void check_module(struct tf_ctx *c, const json_t *mod, int depth)
{
    json_t *resources = jr_arr(&c->jr, mod, "resources");
    size_t i, back;

    if (depth > TF_MAX_CONFIG_DEPTH) {
        jr_error(&c->jr, NULL, "modules nested too deeply (more than %d)", TF_MAX_CONFIG_DEPTH);
        return;
    }
    back = jr_push_key(&c->jr, "resources");
    for (i = 0; i < json_array_size(resources) && !c->jr.failed; i++) {
        json_t *res = jr_elem_obj(&c->jr, resources, i);
        size_t b2 = jr_push_index(&c->jr, i);
        json_t *exprs = jr_obj(&c->jr, res, "expressions");
        jr_str(&c->jr, res, "address");
        if (exprs) {
            size_t b3 = jr_push_key(&c->jr, "expressions");
            check_expr(c, exprs, depth + 1);
            jr_pop(&c->jr, b3);
        }
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
    if (!c->jr.failed)
        check_each(c, mod, "module_calls", check_call, depth);
    if (!c->jr.failed)
        check_each(c, mod, "outputs", check_output, depth);
}

void tf_config_check(struct tf_ctx *c, const json_t *root)
{
    check_module(c, root, 0);
}
