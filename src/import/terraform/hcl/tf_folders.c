/*
 * tf_folders.c - Terraform configuration folders: paths (dir + "../x",
 * resolved in the text), the *.tf and *.tf.json files of a folder in name
 * order (override files are not merged: a warning), each parsed once (a
 * syntax error ends its file, not the folder), indexed into a module's
 * tables of variables, locals, resources, module calls and outputs (a name
 * declared twice is an error at the second), and the values of root
 * variables from terraform.tfvars(.json), *.auto.tfvars(.json),
 * --var-file and --var, in that order of precedence.
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

static void put_index(struct strmap *map, const char *name, size_t i)
{
    strmap_put(map, name, (void *)(uintptr_t)(i + 1));
}

void tf_error_at(struct tfload *L, struct hpos pos, const char *fmt, ...)
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
const char *tf_path_join(struct tfload *L, const char *dir, const char *rel)
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
    return strcmp(dir, ".") == 0 ? arena_strndup(&L->a, name, strlen(name))
                                 : tf_path_join(L, dir, name);
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
    struct import_text t;
    struct hbody *b = NULL;

    if (import_read_text(path, name, &t) < 0) {
        L->failed = 1;
        return NULL;
    }
    if (t.len > HCL_MAX_FILE_BYTES) {
        struct srcloc loc = {name, 0, 0, NULL};
        diag_error(&loc, "larger than %u MB: not read", HCL_MAX_FILE_BYTES >> 20);
        import_text_free(&t);
        L->failed = 1;
        return NULL;
    }
    /* The syntax tree and the values take about ten times the text. */
    arena_expect(&L->a, 10 * t.len);
    b = json ? hcl_parse_json_file(&L->a, name, t.text, t.len, json == 2)
             : hcl_parse_file(&L->a, name, t.text, t.len);
    import_text_free(&t);
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
    tf_error_at(L, pos, "%s '%s' is declared twice (first at %s:%d:%d)", what, name, first.file,
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

    /* Most blocks of a large configuration are resources: one rehash at most. */
    strmap_reserve(m->res_by_addr, strmap_count(m->res_by_addr) + b->nblocks);
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
            tf_error_at(L, blk->pos, "a %s block needs %zu label%s, got %zu", t, want,
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
            strbuf_addstr(&sb, r.data ? "data." : "");
            strbuf_addstr(&sb, r.type);
            strbuf_addch(&sb, '.');
            strbuf_addstr(&sb, r.name);
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
struct tfmod *tf_load_module(struct tfload *L, const char *dir, struct hpos at)
{
    char *real = realpath(dir, NULL);
    struct tfmod *m;
    const char **names;
    size_t n, i, alloc[5] = {0, 0, 0, 0, 0};
    struct stat st;

    if (!real || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
        free(real);
        if (at.file)
            tf_error_at(L, at, "module folder '%s' not found", dir);
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
        tf_error_at(L, at, "module folder '%s' holds no .tf or .tf.json file", dir);
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
        tf_error_at(L, b->blocks[0].pos, "a variables file holds only NAME = VALUE lines, not "
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

void tf_read_root_values(struct tfload *L, const char *dir, const struct hcl_options *o)
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

/* Free the tables of every module (the rest is in the arena). */
void tf_free_modules(struct tfload *L)
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

