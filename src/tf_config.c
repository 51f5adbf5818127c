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
 * module call's arguments.
 */
#include <stdio.h>
#include <string.h>

#include "strmap.h"
#include "tf_internal.h"
#include "xalloc.h"

/* How many module boundaries one reference may cross. */
#define TF_MAX_REF_DEPTH 16

/* A configuration module and how it was reached. */
struct cfg_frame {
    const json_t *module;           /* {resources, module_calls, outputs} */
    const json_t *call;             /* the module call that made it, or NULL at the root */
    const char *prefix;             /* address prefix: "" or "module.web." (model string) */
    const struct cfg_frame *parent; /* NULL at the root */
};

struct ref_walk {
    struct tf_ctx *c;
    struct strmap *seen;
    void (*fn)(struct tf_ctx *c, const char *address, void *arg);
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

/* The length of an index [..] at p (quoted keys may hold ']'), or 0. */
static size_t index_len(const char *p)
{
    size_t n = 1;
    if (*p != '[')
        return 0;
    if (p[n] == '"') {
        for (n++; p[n] && p[n] != '"'; n++)
            if (p[n] == '\\' && p[n + 1])
                n++;
        if (p[n])
            n++;
    }
    while (p[n] && p[n] != ']')
        n++;
    return p[n] == ']' ? n + 1 : 0;
}

static void emit(struct ref_walk *w, const char *prefix, const char *rel, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    const char *addr;

    strbuf_addstr(&sb, prefix);
    strbuf_add(&sb, rel, n);
    addr = model_strndup(w->c->jr.m, sb.buf, sb.len);
    strbuf_release(&sb);
    if (strmap_get(w->seen, addr))
        return;
    strmap_put(w->seen, addr, (void *)addr);
    w->fn(w->c, addr, w->arg);
}

static void walk_refs(struct ref_walk *w, const struct cfg_frame *f, const json_t *refs,
                      int depth);

/* The references of expression object expr ({"references": [...]}). */
static void walk_expr(struct ref_walk *w, const struct cfg_frame *f, const json_t *expr,
                      int depth)
{
    json_t *refs = json_is_object(expr) ? json_object_get(expr, "references") : NULL;
    if (json_is_array(refs))
        walk_refs(w, f, refs, depth);
}

static void walk_ref(struct ref_walk *w, const struct cfg_frame *f, const char *s, int depth)
{
    size_t n, k;
    char name[256];

    if (strncmp(s, "var.", 4) == 0) {
        /* An input variable: what the module call passed for it. */
        n = ident_len(s + 4);
        if (!f->call || !f->parent || n == 0 || n >= sizeof(name))
            return;
        memcpy(name, s + 4, n);
        name[n] = '\0';
        walk_expr(w, f->parent, json_object_get(get_obj(f->call, "expressions"), name),
                  depth + 1);
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
        p += index_len(p);
        if (!call || *p != '.')
            return;
        p++;
        k = ident_len(p);
        if (k == 0 || k >= sizeof(name))
            return;
        child.module = get_obj(call, "module");
        child.call = call;
        child.parent = f;
        strbuf_addf(&prefix, "%smodule.%.*s.", f->prefix, (int)n, s + 7);
        child.prefix = model_strndup(w->c->jr.m, prefix.buf, prefix.len);
        strbuf_release(&prefix);
        memcpy(name, p, k);
        name[k] = '\0';
        output = get_obj(get_obj(child.module, "outputs"), name);
        walk_expr(w, &child, get_obj(output, "expression"), depth + 1);
    } else {
        /* TYPE.NAME[INDEX] or data.TYPE.NAME[INDEX] of an AWS resource. */
        const char *p = s;
        if (strncmp(p, "data.", 5) == 0)
            p += 5;
        if (strncmp(p, "aws_", 4) != 0)
            return;
        n = ident_len(p);
        if (p[n] != '.')
            return;
        k = ident_len(p + n + 1);
        if (k == 0)
            return;
        n += 1 + k;
        n += index_len(p + n);
        emit(w, f->prefix, s, (size_t)(p - s) + n);
    }
}

static void walk_refs(struct ref_walk *w, const struct cfg_frame *f, const json_t *refs,
                      int depth)
{
    size_t i;
    if (depth > TF_MAX_REF_DEPTH)
        return;
    for (i = 0; i < json_array_size(refs); i++) {
        json_t *r = json_array_get(refs, i);
        if (json_is_string(r))
            walk_ref(w, f, json_string_value(r), depth);
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
    size_t n = 1;

    frames[0].module = c->config;
    frames[0].call = NULL;
    frames[0].prefix = "";
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
        p += index_len(p);
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

/* The configuration resource of r in module frame f, or NULL. */
static const json_t *find_resource(struct tf_ctx *c, const struct tf_res *r,
                                   const struct cfg_frame *f)
{
    const json_t *list = json_is_object(f->module) ? json_object_get(f->module, "resources")
                                                   : NULL;
    const char *rel = r->address + strlen(r->module);
    const char *want = tf_strip_indexes(c->jr.m, rel);
    size_t i;

    for (i = 0; i < json_array_size(list); i++) {
        json_t *res = json_array_get(list, i);
        json_t *addr = json_is_object(res) ? json_object_get(res, "address") : NULL;
        if (json_is_string(addr) && strcmp(json_string_value(addr), want) == 0)
            return res;
    }
    return NULL;
}

/* Walk the dotted attribute path attr through expressions (blocks are lists). */
static void walk_attr(struct ref_walk *w, const struct cfg_frame *f, const json_t *expr,
                      const char *attr, int depth)
{
    const char *dot = strchr(attr, '.');
    char seg[128];
    size_t n = dot ? (size_t)(dot - attr) : strlen(attr), i;
    const json_t *v;

    if (n >= sizeof(seg) || depth > 8 || !json_is_object(expr))
        return;
    memcpy(seg, attr, n);
    seg[n] = '\0';
    v = json_object_get(expr, seg);
    if (!v)
        return;
    if (!dot) {
        walk_expr(w, f, v, 0);
        return;
    }
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v); i++)
            walk_attr(w, f, json_array_get(v, i), dot + 1, depth + 1);
    } else if (json_is_object(v)) {
        if (json_object_get(v, "references"))
            walk_expr(w, f, v, 0); /* the whole block set from an expression */
        else
            walk_attr(w, f, v, dot + 1, depth + 1);
    }
}

void tf_config_refs(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                    void (*fn)(struct tf_ctx *c, const char *address, void *arg), void *arg)
{
    struct cfg_frame frames[TF_MAX_REF_DEPTH];
    struct ref_walk w;
    const json_t *res;
    size_t n, back;

    if (!c->config || c->jr.failed)
        return;
    n = find_frames(c, r, frames, TF_MAX_REF_DEPTH);
    if (n == 0 || !(res = find_resource(c, r, &frames[n - 1])))
        return;
    w.c = c;
    w.seen = strmap_new();
    w.fn = fn;
    w.arg = arg;
    back = jr_push_key(&c->jr, attr); /* where the value would be */
    walk_attr(&w, &frames[n - 1], get_obj(res, "expressions"), attr, 0);
    jr_pop(&c->jr, back);
    strmap_free(w.seen);
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

void tf_config_block_refs(struct tf_ctx *c, const struct tf_res *r, const char *block,
                          const char *protocol, long from, long to, const char *attr,
                          void (*fn)(struct tf_ctx *c, const char *address, void *arg),
                          void *arg)
{
    struct cfg_frame frames[TF_MAX_REF_DEPTH];
    struct ref_walk w;
    const json_t *res, *blocks;
    size_t n, i, back;

    if (!c->config || c->jr.failed)
        return;
    n = find_frames(c, r, frames, TF_MAX_REF_DEPTH);
    if (n == 0 || !(res = find_resource(c, r, &frames[n - 1])))
        return;
    blocks = json_object_get(get_obj(res, "expressions"), block);
    if (!json_is_array(blocks))
        return;
    w.c = c;
    w.seen = strmap_new();
    w.fn = fn;
    w.arg = arg;
    back = jr_push_key(&c->jr, attr);
    for (i = 0; i < json_array_size(blocks); i++) {
        json_t *b = json_array_get(blocks, i);
        if (!json_is_object(b) || !const_matches(b, "protocol", protocol, 0) ||
            !const_matches(b, "from_port", NULL, from) || !const_matches(b, "to_port", NULL, to))
            continue;
        walk_expr(&w, &frames[n - 1], json_object_get(b, attr), 0);
    }
    jr_pop(&c->jr, back);
    strmap_free(w.seen);
}
