/*
 * tf_modules.c - a Terraform configuration folder as Terraform plans it:
 * hcl_load().
 *
 * The folders are read by tf_folders.c. Module instances are evaluated
 * lazily and each value once
 * (struct memo): var.x, local.y, module.m.out, TYPE.NAME are computed when
 * first referred to, and a reference back to a value being computed is a
 * cycle error. Root variables take, in order of precedence, --var,
 * --var-file, *.auto.tfvars(.json), terraform.tfvars(.json), the default;
 * one with none is unknown (with a warning). Module sources "./" and "../"
 * are folders read the same way (at most HCL_MAX_MODULE_DEPTH deep, a cycle
 * refused); any other source is a stub whose outputs are unknown (noted).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"
#include "strmap.h"
#include "xalloc.h"

void tf_report(struct tfload *L, struct herr *err)
{
    struct srcloc loc;

    L->failed = 1;
    if (!err || err->reported)
        return;
    err->reported = 1;
    loc.file = err->pos.file;
    loc.line = err->pos.line;
    loc.col = err->pos.col;
    loc.path = NULL;
    diag_error(&loc, "%s", err->msg);
}

json_t *tf_pos_json(struct hpos pos)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *j;

    strbuf_addstr(&sb, pos.file ? pos.file : "?");
    strbuf_addch(&sb, ':');
    strbuf_adduint(&sb, pos.line > 0 ? (unsigned)pos.line : 0);
    strbuf_addch(&sb, ':');
    strbuf_adduint(&sb, pos.col > 0 ? (unsigned)pos.col : 0);
    j = json_stringn(sb.buf, sb.len);
    strbuf_release(&sb);
    return j ? j : json_null();
}

long tf_index_of(struct strmap *map, const char *name)
{
    uintptr_t v = (uintptr_t)strmap_get(map, name);
    return v ? (long)v - 1 : -1;
}

static struct minst *new_instance(struct tfload *L, struct tfmod *mod, struct minst *parent,
                                  const char *addr)
{
    struct minst *mi = arena_alloc(&L->a, sizeof(*mi));

    mi->L = L;
    mi->mod = mod;
    mi->parent = parent;
    mi->addr = addr;
    if (*addr) {
        size_t n = strlen(addr);
        char *p = arena_alloc(&L->a, n + 2);
        memcpy(p, addr, n);
        p[n] = '.';
        mi->prefix = p;
    } else {
        mi->prefix = "";
    }
    mi->depth = parent ? parent->depth + 1 : 0;
    mi->vars = arena_alloc(&L->a, (mod->nvars + 1) * sizeof(*mi->vars));
    mi->locals = arena_alloc(&L->a, (mod->nlocals + 1) * sizeof(*mi->locals));
    mi->outputs = arena_alloc(&L->a, (mod->noutputs + 1) * sizeof(*mi->outputs));
    mi->res = arena_alloc(&L->a, (mod->nres + 1) * sizeof(*mi->res));
    mi->calls = arena_alloc(&L->a, (mod->ncalls + 1) * sizeof(*mi->calls));
    return mi;
}

/* ===== Values: memoized ===== */

/* Start computing m: 1 to go on, 0 with *out set (done, or a cycle). */
static int memo_begin(struct hctx *h, struct memo *m, struct hpos pos, const char *what,
                      const char *name, struct hval **out)
{
    if (m->state == MEMO_DONE) {
        if (!m->v)
            h->err = m->err;
        *out = m->v;
        return 0;
    }
    if (m->state == MEMO_BUSY) {
        *out = hc_fail(h, pos, "%s '%s' refers to itself (a cycle)", what, name);
        return 0;
    }
    m->state = MEMO_BUSY;
    return 1;
}

static struct hval *memo_end(struct hctx *h, struct memo *m, struct hval *v)
{
    m->state = MEMO_DONE;
    m->v = v;
    m->err = v ? NULL : h->err;
    return v;
}

/* A variable's value before conversion: from the caller, tfvars, --var or its default. */
static struct hval *var_raw(struct hctx *h, struct minst *mi, const struct hblock *decl,
                            const struct hexpr *type)
{
    const char *name = decl->labels[0];
    const struct hattr *def = hcl_body_attr(decl->body, "default");
    struct hscope none;

    memset(&none, 0, sizeof(none));
    if (mi->parent) {
        const struct hattr *given = hcl_body_attr(mi->call->body, name);
        if (given)
            return hcl_eval(h, &mi->call_scope, given->expr);
    } else {
        struct rootval *rv = strmap_get(mi->L->rootvals, name);
        if (rv && rv->v)
            return rv->v;
        if (rv) {
            struct hexpr *x;
            if (hv_type_is_string(type))
                return hv_str(h, rv->raw);
            x = hcl_parse_expr(&mi->L->a, rv->pos.file, rv->raw, strlen(rv->raw), rv->pos);
            if (!x) {
                mi->L->failed = 1;
                return HV_UNK;
            }
            return hcl_eval(h, &none, x);
        }
    }
    if (def)
        return hcl_eval(h, &none, def->expr);
    if (mi->parent)
        return hc_fail(h, mi->call->pos, "%s needs a value for variable '%s' (it has no "
                                         "default)", mi->addr, name);
    if (!strmap_get(mi->L->noted, name)) {
        struct srcloc loc = {decl->pos.file, decl->pos.line, decl->pos.col, NULL};
        strmap_put(mi->L->noted, name, (void *)name);
        diag_warning(&loc, "variable '%s' has no value (no default, tfvars or --var): taken as "
                           "unknown", name);
    }
    return HV_UNK;
}

struct hval *tf_var(struct hctx *h, struct minst *mi, const char *name, struct hpos pos)
{
    long i = tf_index_of(mi->mod->var_by_name, name);
    const struct hblock *decl;
    const struct hattr *type;
    struct hval *v;

    if (i < 0)
        return hc_fail(h, pos, "no variable '%s' is declared in %s", name,
                       *mi->addr ? mi->addr : "the root module");
    decl = mi->mod->vars[i];
    if (!memo_begin(h, &mi->vars[i], pos, "variable", name, &v))
        return v;
    type = hcl_body_attr(decl->body, "type");
    if (type && !hv_check_type(h, type->expr))
        return memo_end(h, &mi->vars[i], NULL);
    v = var_raw(h, mi, decl, type ? type->expr : NULL);
    if (v && type)
        v = hv_convert(h, v, type->expr, mi->parent ? mi->call->pos : decl->pos);
    return memo_end(h, &mi->vars[i], v);
}

struct hval *tf_local(struct hctx *h, struct minst *mi, const char *name, struct hpos pos)
{
    long i = tf_index_of(mi->mod->local_by_name, name);
    struct hscope s;
    struct hval *v;

    if (i < 0)
        return hc_fail(h, pos, "no local '%s' is declared in %s", name,
                       *mi->addr ? mi->addr : "the root module");
    if (!memo_begin(h, &mi->locals[i], pos, "local", name, &v))
        return v;
    memset(&s, 0, sizeof(s));
    s.mi = mi;
    return memo_end(h, &mi->locals[i], hcl_eval(h, &s, mi->mod->locals[i]->expr));
}

struct hval *tf_output(struct hctx *h, struct minst *mi, size_t i)
{
    const struct hblock *decl = mi->mod->outputs[i];
    const struct hattr *value = hcl_body_attr(decl->body, "value");
    struct hscope s;
    struct hval *v;

    if (!memo_begin(h, &mi->outputs[i], decl->pos, "output", decl->labels[0], &v))
        return v;
    memset(&s, 0, sizeof(s));
    s.mi = mi;
    if (!value)
        return memo_end(h, &mi->outputs[i], hc_fail(h, decl->pos, "output '%s' has no value",
                                                    decl->labels[0]));
    return memo_end(h, &mi->outputs[i], hcl_eval(h, &s, value->expr));
}

/* ===== Module calls ===== */

static int is_local_source(const char *s)
{
    return strncmp(s, "./", 2) == 0 || strncmp(s, "../", 3) == 0 || strcmp(s, ".") == 0 ||
           strcmp(s, "..") == 0;
}

static void note_once(struct tfload *L, struct hpos pos, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void note_once(struct tfload *L, struct hpos pos, const char *key, const char *fmt, ...)
{
    struct srcloc loc = {pos.file, pos.line, pos.col, NULL};
    va_list ap;

    if (strmap_get(L->noted, key))
        return;
    strmap_put(L->noted, key, (void *)key);
    va_start(ap, fmt);
    diag_vnote(&loc, fmt, ap);
    va_end(ap);
}

/* The address of instance key k of call name in mi. */
static const char *instance_addr(struct tfload *L, struct minst *mi, const char *name,
                                 int keyed, struct hval *k)
{
    struct strbuf sb = STRBUF_INIT;
    const char *out;

    strbuf_addstr(&sb, mi->prefix);
    strbuf_addstr(&sb, "module.");
    strbuf_addstr(&sb, name);
    if (keyed != KEYED_NONE)
        hcl_add_key(&sb, k);
    out = arena_strndup(&L->a, sb.buf, sb.len);
    strbuf_release(&sb);
    return out;
}

static int on_chain(const struct minst *mi, const struct tfmod *m)
{
    for (; mi; mi = mi->parent)
        if (mi->mod == m)
            return 1;
    return 0;
}

/* Expand and load module call i of mi. */
static void expand_call(struct hctx *h, struct minst *mi, size_t i, struct cmemo *c)
{
    struct tfload *L = mi->L;
    const struct hblock *call = mi->mod->calls[i];
    const struct hattr *src = hcl_body_attr(call->body, "source");
    struct hscope base;
    struct hval **keys, **vals;
    size_t n, k;
    int keyed;

    if (!src || src->expr->kind != HX_LIT || src->expr->lit->kind != HV_STRING) {
        hc_fail(h, src ? src->pos : call->pos, "module '%s' needs a source that is a literal "
                "string", call->labels[0]);
        c->err = h->err;
        return;
    }
    c->source = src->expr->lit->u.s;
    c->remote = !is_local_source(c->source);
    if (c->remote) {
        note_once(L, call->pos, c->source, "module %s%s: source '%s' is not a local folder: its "
                  "resources are not read and its outputs are unknown", mi->prefix,
                  call->labels[0], c->source);
    } else {
        const char *dir = tf_path_join(L, mi->mod->dir, c->source);
        if (mi->depth + 1 > HCL_MAX_MODULE_DEPTH) {
            hc_fail(h, call->pos, "modules nested too deeply (more than %d)", HCL_MAX_MODULE_DEPTH);
            c->err = h->err;
            return;
        }
        if (!(c->mod = tf_load_module(L, dir, src->pos))) {
            hc_fail(h, src->pos, "module '%s' could not be read", call->labels[0]);
            c->err = h->err;
            if (c->err)
                c->err->reported = 1; /* the reason was reported */
            return;
        }
        if (on_chain(mi, c->mod)) {
            hc_fail(h, src->pos, "module '%s' calls folder '%s', which is already being read: "
                    "a cycle", call->labels[0], dir);
            c->err = h->err;
            c->mod = NULL;
            return;
        }
        mi->mod->call_mods[i] = c->mod;
    }
    memset(&base, 0, sizeof(base));
    base.mi = mi;
    keyed = tf_expand(h, &base, call->body, &keys, &vals, &n);
    if (keyed < 0) {
        c->err = h->err;
        return;
    }
    c->keyed = keyed;
    c->n = n;
    c->keys = keys;
    c->inst = arena_alloc(&L->a, (n + 1) * sizeof(*c->inst));
    for (k = 0; k < n; k++) {
        const char *addr = instance_addr(L, mi, call->labels[0], keyed, keys[k]);
        struct minst *child;
        if (c->remote) {
            child = arena_alloc(&L->a, sizeof(*child));
            child->L = L;
            child->parent = mi;
            child->addr = addr;
            child->prefix = "";
            child->depth = mi->depth + 1;
        } else {
            child = new_instance(L, c->mod, mi, addr);
        }
        child->call = call;
        tf_instance_scope(&child->call_scope, mi, keyed, keys[k], vals ? vals[k] : NULL);
        c->inst[k] = child;
    }
}

struct cmemo *tf_call(struct hctx *h, struct minst *mi, size_t i)
{
    struct cmemo *c = &mi->calls[i];

    if (c->state == MEMO_DONE) {
        if (c->err)
            h->err = c->err;
        return c;
    }
    if (c->state == MEMO_BUSY) {
        c->err = NULL;
        hc_fail(h, mi->mod->calls[i]->pos, "module '%s' refers to itself (a cycle)",
                mi->mod->calls[i]->labels[0]);
        return c;
    }
    c->state = MEMO_BUSY;
    expand_call(h, mi, i, c);
    c->state = MEMO_DONE;
    return c;
}

/* An instance of a module call as a value: its outputs (a stub: all unknown). */
static struct hval *module_object(struct hctx *h, struct minst *child, struct hpos pos)
{
    struct hval *m;
    size_t i;

    if (!child->mod) {
        m = hv_map(h, 0, pos);
        if (m)
            m->open = 1;
        return m;
    }
    if (!(m = hv_map(h, child->mod->noutputs, pos)))
        return NULL;
    for (i = 0; i < child->mod->noutputs; i++) {
        m->keys[i] = child->mod->outputs[i]->labels[0];
        if (!(m->u.items[i] = tf_output(h, child, i)))
            return NULL;
    }
    return hv_map_done(m);
}

/* module.NAME: an object, a list (count) or a map (for_each) of objects. */
static struct hval *module_value(struct hctx *h, struct minst *mi, const char *name,
                                 struct hpos pos)
{
    long i = tf_index_of(mi->mod->call_by_name, name);
    struct cmemo *c;
    struct hval *r;
    size_t k;

    if (i < 0)
        return hc_fail(h, pos, "no module '%s' is declared in %s", name,
                       *mi->addr ? mi->addr : "the root module");
    c = tf_call(h, mi, (size_t)i);
    if (c->err || c->state != MEMO_DONE)
        return NULL;
    if (c->keyed == KEYED_NONE)
        return module_object(h, c->inst[0], pos);
    r = c->keyed == KEYED_COUNT ? hv_list(h, c->n, pos) : hv_map(h, c->n, pos);
    if (!r)
        return NULL;
    for (k = 0; k < c->n; k++) {
        if (!(r->u.items[k] = module_object(h, c->inst[k], pos)))
            return NULL;
        if (c->keyed == KEYED_EACH)
            r->keys[k] = c->keys[k]->u.s;
    }
    return hv_list_done(r);
}

int tf_resolve_module_output(struct hctx *h, const struct hscope *s, const struct hexpr *x,
                             struct hval **out)
{
    const struct hexpr *call = x->a, *key = NULL;
    const struct hbind *b;
    struct minst *mi = s->mi;
    struct cmemo *c;
    struct minst *child = NULL;
    long i, o;
    size_t k;

    if (call->kind == HX_INDEX) {
        key = call->b;
        call = call->a;
    }
    if (call->kind != HX_ATTR || call->a->kind != HX_VAR || strcmp(call->a->name, "module") != 0)
        return 0;
    for (b = s->binds; b; b = b->next)
        if (b->name && strcmp(b->name, "module") == 0)
            return 0;
    i = tf_index_of(mi->mod->call_by_name, call->name);
    if (i < 0) {
        *out = hc_fail(h, call->pos, "no module '%s' is declared in %s", call->name,
                       *mi->addr ? mi->addr : "the root module");
        return 1;
    }
    c = tf_call(h, mi, (size_t)i);
    if (c->err || c->state != MEMO_DONE) {
        *out = NULL;
        return 1;
    }
    if ((c->keyed == KEYED_NONE) != (key == NULL))
        return 0; /* module.m.out of a counted module, or module.m[0]: evaluated whole */
    if (key) {
        struct hval *kv = hcl_eval(h, s, key);
        if (!kv) {
            *out = NULL;
            return 1;
        }
        if (kv->kind == HV_UNKNOWN) {
            *out = HV_UNK;
            return 1;
        }
        for (k = 0; k < c->n && !child; k++)
            if (hv_equal(c->keys[k], kv) ||
                (kv->kind == HV_STRING && c->keys[k]->kind == HV_NUMBER &&
                 hv_to_number(h, kv, key->pos) &&
                 hv_equal(c->keys[k], hv_to_number(h, kv, key->pos))))
                child = c->inst[k];
        h->err = NULL;
        if (!child)
            return 0; /* the general path reports the missing key */
    } else {
        child = c->inst[0];
    }
    if (!child->mod) {
        *out = HV_UNK;
        return 1;
    }
    o = tf_index_of(child->mod->output_by_name, x->name);
    if (o < 0) {
        *out = hc_fail(h, x->pos, "module '%s' has no output '%s'", call->name, x->name);
        return 1;
    }
    *out = tf_output(h, child, (size_t)o);
    return 1;
}

struct hval *tf_resolve_root(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    const char *root = x->a->kind == HX_VAR ? x->a->name : "data";
    struct minst *mi = s->mi;
    struct strbuf sb = STRBUF_INIT;
    struct rmemo *r;
    long i;

    if (strcmp(root, "var") == 0)
        return tf_var(h, mi, x->name, x->pos);
    if (strcmp(root, "local") == 0)
        return tf_local(h, mi, x->name, x->pos);
    if (strcmp(root, "module") == 0)
        return module_value(h, mi, x->name, x->pos);
    if (strcmp(root, "count") == 0) {
        if (strcmp(x->name, "index") != 0)
            return hc_fail(h, x->pos, "count has only count.index");
        if (!s->count_index)
            return hc_fail(h, x->pos, "count.index is only available in a block with count");
        return s->count_index;
    }
    if (strcmp(root, "each") == 0) {
        if (strcmp(x->name, "key") != 0 && strcmp(x->name, "value") != 0)
            return hc_fail(h, x->pos, "each has only each.key and each.value");
        if (!s->each_key)
            return hc_fail(h, x->pos, "each.%s is only available in a block with for_each",
                           x->name);
        return x->name[0] == 'k' ? s->each_key : s->each_value;
    }
    if (strcmp(root, "path") == 0) {
        if (strcmp(x->name, "module") == 0)
            return hv_str(h, mi->mod->dir);
        if (strcmp(x->name, "root") == 0)
            return hv_str(h, mi->L->root->mod->dir);
        if (strcmp(x->name, "cwd") == 0)
            return hv_str(h, ".");
        return hc_fail(h, x->pos, "path has only path.module, path.root and path.cwd");
    }
    if (strcmp(root, "terraform") == 0) {
        if (strcmp(x->name, "workspace") == 0)
            return hv_str(h, "default");
        return HV_UNK;
    }
    if (strcmp(root, "self") == 0)
        return HV_UNK;
    if (x->a->kind != HX_VAR)
        strbuf_addstr(&sb, "data.");
    strbuf_addstr(&sb, x->a->kind == HX_VAR ? root : x->a->name);
    strbuf_addch(&sb, '.');
    strbuf_addstr(&sb, x->name);
    i = tf_index_of(mi->mod->res_by_addr, sb.buf);
    if (i < 0) {
        struct hval *e = hc_fail(h, x->pos, "no %s '%s' is declared in %s",
                                 x->a->kind == HX_VAR ? "resource" : "data source", sb.buf,
                                 *mi->addr ? mi->addr : "the root module");
        strbuf_release(&sb);
        return e;
    }
    strbuf_release(&sb);
    r = tf_resource(h, mi, (size_t)i);
    if (r->state != MEMO_DONE || !r->v) {
        /* Failed, or referred to from its own body (a cycle): r->v may be
         * a list still being filled. */
        h->err = r->err;
        return NULL;
    }
    return r->v;
}

/* ===== Evaluating everything ===== */

static void sweep(struct tfload *L, struct minst *mi);

/* Evaluate, and report the error of, one value. */
static void force(struct tfload *L, struct hval *v)
{
    if (!v)
        tf_report(L, L->h.err);
    L->h.err = NULL;
}

static void check_call_args(struct tfload *L, struct minst *mi, size_t i, struct cmemo *c)
{
    static const char *const meta[] = {"source", "version", "count", "for_each", "providers",
                                       "depends_on"};
    const struct hblock *call = mi->mod->calls[i];
    size_t a, k;

    if (!c->mod)
        return;
    for (a = 0; a < call->body->nattrs; a++) {
        const struct hattr *at = &call->body->attrs[a];
        int ok = tf_index_of(c->mod->var_by_name, at->name) >= 0;
        for (k = 0; !ok && k < sizeof(meta) / sizeof(meta[0]); k++)
            ok = strcmp(at->name, meta[k]) == 0;
        if (!ok)
            tf_error_at(L, at->pos, "module '%s' has no variable '%s'", call->labels[0], at->name);
    }
}

static void sweep(struct tfload *L, struct minst *mi)
{
    struct tfmod *m = mi->mod;
    size_t i, k;

    for (i = 0; i < m->nvars; i++)
        force(L, tf_var(&L->h, mi, m->vars[i]->labels[0], m->vars[i]->pos));
    for (i = 0; i < m->nlocals; i++)
        force(L, tf_local(&L->h, mi, m->locals[i]->name, m->locals[i]->pos));
    for (i = 0; i < m->nres; i++) {
        struct rmemo *r = tf_resource(&L->h, mi, i);
        if (!r->v)
            tf_report(L, r->err);
        L->h.err = NULL;
    }
    for (i = 0; i < m->ncalls; i++) {
        struct cmemo *c = tf_call(&L->h, mi, i);
        if (c->err)
            tf_report(L, c->err);
        L->h.err = NULL;
        check_call_args(L, mi, i, c);
        for (k = 0; !c->err && k < c->n; k++)
            if (c->inst[k]->mod)
                sweep(L, c->inst[k]);
    }
    for (i = 0; i < m->noutputs; i++)
        force(L, tf_output(&L->h, mi, i));
}

int hcl_load(const char *dir, const struct hcl_options *opts, struct hcl_result *out)
{
    struct tfload L;
    struct tfmod *root;
    struct hpos none = {NULL, 0, 0};
    int rc = -1;

    memset(&L, 0, sizeof(L));
    memset(out, 0, sizeof(*out));
    L.h.a = &L.a;
    L.mods = strmap_new();
    L.rootvals = strmap_new();
    L.noted = strmap_new();
    L.h.noted = strmap_new();
    root = tf_load_module(&L, tf_path_join(&L, dir, "."), none);
    if (root && !L.failed && root->nvars + root->nres + root->ncalls + root->noutputs +
                                     root->nlocals == 0 && !hcl_is_config_dir(dir)) {
        struct srcloc loc = {dir, 0, 0, NULL};
        diag_error(&loc, "no .tf or .tf.json file in this folder");
        L.failed = 1;
    }
    if (root && !L.failed) {
        tf_read_root_values(&L, root->dir, opts);
        L.root = new_instance(&L, root, NULL, "");
        if (!L.failed)
            sweep(&L, L.root);
        if (!L.failed && tf_plan(&L, out) == 0) {
            /* The location table points into the load's arena: keep it. */
            out->mem->load = L.a;
            memset(&L.a, 0, sizeof(L.a));
            rc = 0;
        }
    }
    tf_free_modules(&L);
    strmap_free(L.mods);
    strmap_free(L.rootvals);
    strmap_free(L.noted);
    strmap_free(L.h.noted);
    arena_release(&L.a);
    return rc;
}
