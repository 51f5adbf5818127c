/*
 * tf_modules.c - a Terraform configuration folder as Terraform plans it:
 * hcl_load().
 *
 * Each module folder is read once (every *.tf and *.tf.json file in name
 * order; one file's syntax error does not stop the others from being read
 * and reported) into tables of variables, locals, resources, module calls
 * and outputs. Module instances are evaluated lazily and each value once
 * (struct memo): var.x, local.y, module.m.out, TYPE.NAME are computed when
 * first referred to, and a reference back to a value being computed is a
 * cycle error. Root variables take, in order of precedence, --var,
 * --var-file, *.auto.tfvars(.json), terraform.tfvars(.json), the default;
 * one with none is unknown (with a warning). Module sources "./" and "../"
 * are folders read the same way (at most HCL_MAX_MODULE_DEPTH deep, a cycle
 * refused); any other source is a stub whose outputs are unknown (noted).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "hcl_internal.h"
#include "importer.h"
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

    strbuf_addf(&sb, "%s:%d:%d", pos.file ? pos.file : "?", pos.line, pos.col);
    j = json_stringn(sb.buf, sb.len);
    strbuf_release(&sb);
    return j ? j : json_null();
}

long tf_index_of(struct strmap *map, const char *name)
{
    uintptr_t v = (uintptr_t)strmap_get(map, name);
    return v ? (long)v - 1 : -1;
}

static void put_index(struct strmap *map, const char *name, size_t i)
{
    strmap_put(map, name, (void *)(uintptr_t)(i + 1));
}

static void error_at(struct tfload *L, struct hpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void error_at(struct tfload *L, struct hpos pos, const char *fmt, ...)
{
    struct srcloc loc = {pos.file, pos.line, pos.col, NULL};
    va_list ap;

    L->failed = 1;
    va_start(ap, fmt);
    diag_verror(&loc, fmt, ap);
    va_end(ap);
}

/* ===== Paths ===== */

/* dir/rel with "." and ".." resolved in the text where possible. */
static const char *path_join(struct tfload *L, const char *dir, const char *rel)
{
    struct strbuf sb = STRBUF_INIT;
    const char *segs[256], *p;
    size_t lens[256], n = 0, i, k;
    const char *parts[2] = {dir, rel};
    const char *out;
    int absolute = dir[0] == '/';

    for (k = 0; k < 2; k++) {
        p = parts[k];
        while (*p) {
            size_t len = strcspn(p, "/");
            if (len == 0 || (len == 1 && p[0] == '.')) {
                /* skip */
            } else if (len == 2 && p[0] == '.' && p[1] == '.' && n > 0 &&
                       !(lens[n - 1] == 2 && memcmp(segs[n - 1], "..", 2) == 0)) {
                n--;
            } else if (n < 256) {
                segs[n] = p;
                lens[n++] = len;
            }
            p += len;
            while (*p == '/')
                p++;
        }
    }
    if (absolute)
        strbuf_addch(&sb, '/');
    for (i = 0; i < n; i++) {
        if (i)
            strbuf_addch(&sb, '/');
        strbuf_add(&sb, segs[i], lens[i]);
    }
    if (sb.len == 0)
        strbuf_addch(&sb, '.');
    out = arena_strndup(&L->a, sb.buf, sb.len);
    strbuf_release(&sb);
    return out;
}

static const char *file_name(struct tfload *L, const char *dir, const char *name)
{
    return strcmp(dir, ".") == 0 ? arena_strndup(&L->a, name, strlen(name)) : path_join(L, dir, name);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The names in dir that keep(name) accepts, sorted, in the arena; NULL if
 * dir cannot be read. */
static const char **list_dir(struct arena *a, const char *dir, int (*keep)(const char *),
                             size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    const char **names = NULL;
    size_t alloc = 0;

    *n = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !keep(e->d_name))
            continue;
        names = hcl_grow(a, names, *n, &alloc, sizeof(*names));
        names[(*n)++] = arena_strndup(a, e->d_name, strlen(e->d_name));
    }
    closedir(d);
    xqsort(names, *n, sizeof(*names), cmp_str);
    return names ? names : arena_alloc(a, sizeof(*names));
}

static int is_config_name(const char *name)
{
    return has_suffix(name, ".tf") || has_suffix(name, ".tf.json");
}

static int is_override(const char *name)
{
    return strcmp(name, "override.tf") == 0 || strcmp(name, "override.tf.json") == 0 ||
           has_suffix(name, "_override.tf") || has_suffix(name, "_override.tf.json");
}

int hcl_is_config_dir(const char *path)
{
    struct arena a = ARENA_INIT;
    size_t n;
    const char **names = list_dir(&a, path, is_config_name, &n);

    arena_release(&a);
    return names && n > 0;
}

/* Read and parse one file: native syntax, or JSON (json 1: configuration,
 * 2: variables). */
static struct hbody *read_config_file(struct tfload *L, const char *path, const char *name,
                                      int json)
{
    char *data, *text;
    size_t len, tlen;
    struct hbody *b = NULL;

    if (import_read(path, name, &data, &len) < 0) {
        L->failed = 1;
        return NULL;
    }
    if (len > HCL_MAX_FILE_BYTES) {
        struct srcloc loc = {name, 0, 0, NULL};
        diag_error(&loc, "larger than %u MB: not read", HCL_MAX_FILE_BYTES >> 20);
        free(data);
        L->failed = 1;
        return NULL;
    }
    text = import_decode(name, data, len, &tlen);
    free(data);
    if (!text) {
        L->failed = 1;
        return NULL;
    }
    b = json ? hcl_parse_json_file(&L->a, name, text, tlen, json == 2)
             : hcl_parse_file(&L->a, name, text, tlen);
    free(text);
    if (!b)
        L->failed = 1;
    return b;
}

/* ===== Module folders ===== */

/* Is name already in map? Then report the second declaration at pos. */
static int declared_twice(struct tfload *L, struct strmap *map, const char *name, struct hpos pos,
                          const char *what, struct hpos first)
{
    if (tf_index_of(map, name) < 0)
        return 0;
    error_at(L, pos, "%s '%s' is declared twice (first at %s:%d:%d)", what, name, first.file,
             first.line, first.col);
    return 1;
}

/* Add a labelled block to a table of them (arr, *n, map by its label). */
static void add_named_block(struct tfload *L, struct strmap *map, const struct hblock ***arr,
                            size_t *n, size_t *alloc, const struct hblock *blk, const char *what)
{
    long prev = tf_index_of(map, blk->labels[0]);

    if (declared_twice(L, map, blk->labels[0], blk->pos, what,
                       prev >= 0 ? (*arr)[prev]->pos : blk->pos))
        return;
    put_index(map, blk->labels[0], *n);
    xgrow((void **)arr, alloc, *n + 1, sizeof(**arr));
    (*arr)[(*n)++] = blk;
}

/* Index the blocks of one file's body into mod. */
static void index_body(struct tfload *L, struct tfmod *m, const struct hbody *b, size_t *alloc)
{
    size_t i, j;

    for (i = 0; i < b->nblocks; i++) {
        const struct hblock *blk = &b->blocks[i];
        const char *t = blk->type;
        size_t want = strcmp(t, "resource") == 0 || strcmp(t, "data") == 0 ? 2
                      : strcmp(t, "variable") == 0 || strcmp(t, "module") == 0 ||
                              strcmp(t, "output") == 0 ? 1 : 0;
        if (strcmp(t, "locals") == 0) {
            for (j = 0; j < blk->body->nattrs; j++) {
                const struct hattr *a = &blk->body->attrs[j];
                long prev = tf_index_of(m->local_by_name, a->name);
                if (declared_twice(L, m->local_by_name, a->name, a->pos, "local",
                                   prev >= 0 ? m->locals[prev]->pos : a->pos))
                    continue;
                put_index(m->local_by_name, a->name, m->nlocals);
                XGROW(m->locals, alloc[0], m->nlocals + 1);
                m->locals[m->nlocals++] = a;
            }
            continue;
        }
        if (want == 0)
            continue; /* terraform, provider, moved, import, check: nothing to draw */
        if (blk->nlabels != want) {
            error_at(L, blk->pos, "a %s block needs %zu label%s, got %zu", t, want,
                     want == 1 ? "" : "s", blk->nlabels);
            continue;
        }
        if (t[0] == 'v') {
            add_named_block(L, m->var_by_name, &m->vars, &m->nvars, &alloc[1], blk, "variable");
        } else if (t[0] == 'm') {
            add_named_block(L, m->call_by_name, &m->calls, &m->ncalls, &alloc[2], blk, "module");
        } else if (t[0] == 'o') {
            add_named_block(L, m->output_by_name, &m->outputs, &m->noutputs, &alloc[3], blk,
                            "output");
        } else {
            struct strbuf sb = STRBUF_INIT;
            struct tfres r;
            long prev;
            r.blk = blk;
            r.data = t[0] == 'd';
            r.type = blk->labels[0];
            r.name = blk->labels[1];
            strbuf_addf(&sb, "%s%s.%s", r.data ? "data." : "", r.type, r.name);
            r.addr = arena_strndup(&L->a, sb.buf, sb.len);
            strbuf_release(&sb);
            prev = tf_index_of(m->res_by_addr, r.addr);
            if (!declared_twice(L, m->res_by_addr, r.addr, blk->pos,
                                r.data ? "data source" : "resource",
                                prev >= 0 ? m->res[prev].blk->pos : blk->pos)) {
                put_index(m->res_by_addr, r.addr, m->nres);
                XGROW(m->res, alloc[4], m->nres + 1);
                m->res[m->nres++] = r;
            }
        }
    }
}

/* Copy a malloc'd array into the arena (so that nothing needs freeing). */
static void *to_arena(struct tfload *L, void *arr, size_t n, size_t elem)
{
    void *out = n ? arena_alloc_raw(&L->a, n * elem) : NULL;
    if (n)
        memcpy(out, arr, n * elem);
    free(arr);
    return out;
}

/* The module in folder dir (parsed once); NULL after errors (reported). */
static struct tfmod *load_module(struct tfload *L, const char *dir, struct hpos at)
{
    char *real = realpath(dir, NULL);
    struct tfmod *m;
    const char **names;
    size_t n, i, alloc[5] = {0, 0, 0, 0, 0};
    struct stat st;

    if (!real || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
        free(real);
        if (at.file)
            error_at(L, at, "module folder '%s' not found", dir);
        else {
            struct srcloc loc = {dir, 0, 0, NULL};
            diag_error(&loc, "not a folder");
            L->failed = 1;
        }
        return NULL;
    }
    if ((m = strmap_get(L->mods, real))) {
        free(real);
        return m;
    }
    m = arena_alloc(&L->a, sizeof(*m));
    m->dir = dir;
    m->real = arena_strndup(&L->a, real, strlen(real));
    free(real);
    strmap_put(L->mods, m->real, m);
    m->next = L->all;
    L->all = m;
    m->var_by_name = strmap_new();
    m->call_by_name = strmap_new();
    m->output_by_name = strmap_new();
    m->local_by_name = strmap_new();
    m->res_by_addr = strmap_new();
    names = list_dir(&L->a, dir, is_config_name, &n);
    if (names && n == 0 && at.file)
        error_at(L, at, "module folder '%s' holds no .tf or .tf.json file", dir);
    for (i = 0; names && i < n; i++) {
        const char *name = file_name(L, dir, names[i]);
        struct hbody *b;
        if (is_override(names[i])) {
            struct srcloc loc = {name, 0, 0, NULL};
            diag_warning(&loc, "override files are not merged: ignored");
            continue;
        }
        b = read_config_file(L, name, name, has_suffix(names[i], ".json"));
        if (b)
            index_body(L, m, b, alloc);
    }
    m->vars = to_arena(L, (void *)m->vars, m->nvars, sizeof(*m->vars));
    m->calls = to_arena(L, (void *)m->calls, m->ncalls, sizeof(*m->calls));
    m->outputs = to_arena(L, (void *)m->outputs, m->noutputs, sizeof(*m->outputs));
    m->locals = to_arena(L, (void *)m->locals, m->nlocals, sizeof(*m->locals));
    m->res = to_arena(L, m->res, m->nres, sizeof(*m->res));
    m->call_mods = arena_alloc(&L->a, (m->ncalls + 1) * sizeof(*m->call_mods));
    return m;
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

    strbuf_addf(&sb, "%smodule.%s", mi->prefix, name);
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
        const char *dir = path_join(L, mi->mod->dir, c->source);
        if (mi->depth + 1 > HCL_MAX_MODULE_DEPTH) {
            hc_fail(h, call->pos, "modules nested too deeply (more than %d)", HCL_MAX_MODULE_DEPTH);
            c->err = h->err;
            return;
        }
        if (!(c->mod = load_module(L, dir, src->pos))) {
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
                (kv->kind == HV_STRING && c->keys[k]->kind == HV_NUMBER && hv_to_number(h, kv, key->pos) &&
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
    if (x->a->kind == HX_VAR)
        strbuf_addf(&sb, "%s.%s", root, x->name);
    else
        strbuf_addf(&sb, "data.%s.%s", x->a->name, x->name);
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
    if (!r->v)
        h->err = r->err;
    return r->v;
}

/* ===== Root variables ===== */

static void set_rootval(struct tfload *L, const char *name, struct hval *v, const char *raw,
                        struct hpos pos)
{
    struct rootval *rv = arena_alloc(&L->a, sizeof(*rv));
    rv->v = v;
    rv->raw = raw;
    rv->pos = pos;
    strmap_put(L->rootvals, arena_strndup(&L->a, name, strlen(name)), rv);
}

/* A tfvars file: attributes with constant values. */
static void read_tfvars(struct tfload *L, const char *path)
{
    int json = has_suffix(path, ".json") ? 2 : 0;
    struct hbody *b;
    struct hscope none;
    size_t i;

    memset(&none, 0, sizeof(none));
    b = read_config_file(L, path, path, json);
    if (!b)
        return;
    if (b->nblocks) {
        error_at(L, b->blocks[0].pos, "a variables file holds only NAME = VALUE lines, not "
                 "blocks");
        return;
    }
    for (i = 0; i < b->nattrs; i++) {
        struct hval *v;
        L->h.err = NULL;
        v = hcl_eval(&L->h, &none, b->attrs[i].expr);
        if (!v) {
            tf_report(L, L->h.err);
            continue;
        }
        set_rootval(L, b->attrs[i].name, v, NULL, b->attrs[i].pos);
    }
}

static int is_auto_tfvars(const char *name)
{
    return has_suffix(name, ".auto.tfvars") || has_suffix(name, ".auto.tfvars.json");
}

static void read_root_values(struct tfload *L, const char *dir, const struct hcl_options *o)
{
    static const char *const fixed[] = {"terraform.tfvars", "terraform.tfvars.json"};
    struct stat st;
    const char **names;
    size_t n, i;

    for (i = 0; i < 2; i++) {
        const char *p = file_name(L, dir, fixed[i]);
        if (stat(p, &st) == 0)
            read_tfvars(L, p);
    }
    names = list_dir(&L->a, dir, is_auto_tfvars, &n);
    for (i = 0; names && i < n; i++)
        read_tfvars(L, file_name(L, dir, names[i]));
    for (i = 0; o && i < o->nvar_files; i++)
        read_tfvars(L, o->var_files[i]);
    for (i = 0; o && i < o->nvars; i++) {
        const char *eq = strchr(o->vars[i], '=');
        struct hpos pos = {"--var", 1, 1};
        char *name;
        if (!eq || eq == o->vars[i]) {
            struct srcloc loc = {NULL, 0, 0, NULL};
            diag_error(&loc, "--var '%s': expected NAME=VALUE", o->vars[i]);
            L->failed = 1;
            continue;
        }
        name = arena_strndup(&L->a, o->vars[i], (size_t)(eq - o->vars[i]));
        pos.col = (int)(eq - o->vars[i]) + 2;
        set_rootval(L, name, NULL, eq + 1, pos);
    }
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
            error_at(L, at->pos, "module '%s' has no variable '%s'", call->labels[0], at->name);
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

/* Free the tables of every module (the rest is in the arena). */
static void free_modules(struct tfload *L)
{
    struct tfmod *m;

    for (m = L->all; m; m = m->next) {
        strmap_free(m->var_by_name);
        strmap_free(m->call_by_name);
        strmap_free(m->output_by_name);
        strmap_free(m->local_by_name);
        strmap_free(m->res_by_addr);
    }
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
    L.keep = json_array();
    root = load_module(&L, path_join(&L, dir, "."), none);
    if (root && !L.failed && root->nvars + root->nres + root->ncalls + root->noutputs +
                                     root->nlocals == 0 && !hcl_is_config_dir(dir)) {
        struct srcloc loc = {dir, 0, 0, NULL};
        diag_error(&loc, "no .tf or .tf.json file in this folder");
        L.failed = 1;
    }
    if (root && !L.failed) {
        read_root_values(&L, root->dir, opts);
        L.root = new_instance(&L, root, NULL, "");
        if (!L.failed)
            sweep(&L, L.root);
        if (!L.failed && tf_plan(&L, out) == 0)
            rc = 0;
    }
    free_modules(&L);
    json_decref(L.keep);
    strmap_free(L.mods);
    strmap_free(L.rootvals);
    strmap_free(L.noted);
    arena_release(&L.a);
    return rc;
}
