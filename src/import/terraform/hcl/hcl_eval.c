/*
 * hcl_eval.c - expressions into values.
 *
 * Operators with HCL's conversions (arithmetic converts strings to numbers,
 * && || ! need bools, == compares without conversion), templates (a lone
 * interpolation keeps its value's type), %{if}/%{for}, for expressions
 * (tuple and object forms, if filters, ... grouping), splats, index and
 * attribute steps, conditionals, function calls (try() and can() catch
 * errors here). Unknown values propagate: an operation on an unknown value
 * is unknown, and a conditional or for on an unknown is unknown. Names such
 * as var.x, local.y, aws_instance.z are resolved by tf_modules.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"
#include "strmap.h"
#include "xalloc.h"

/* ===== Steps ===== */

static struct hval *get_index(struct hctx *h, struct hval *c, struct hval *k, struct hpos pos)
{
    if (c->kind == HV_UNKNOWN || k->kind == HV_UNKNOWN)
        return HV_UNK;
    if (k->kind == HV_NULL)
        return hc_fail(h, pos, "the index is null");
    switch (c->kind) {
    case HV_LIST: {
        struct hval *n = hv_to_number(h, k, pos);
        double d;
        if (!n)
            return hc_fail(h, pos, "a list is indexed by a number, got %s", hv_kind_name(k));
        d = n->u.num;
        if (d != floor(d))
            return hc_fail(h, pos, "a list index must be a whole number");
        if (d < 0 || d >= (double)c->n)
            return hc_fail(h, pos, "index %.0f is out of range for a list of %zu element%s", d,
                           c->n, c->n == 1 ? "" : "s");
        return c->u.items[(size_t)d];
    }
    case HV_MAP: {
        struct hval *s = hv_to_string(h, k, pos), *v;
        if (!s || hv_is_coll(k))
            return hc_fail(h, pos, "a map is indexed by a string, got %s", hv_kind_name(k));
        v = hv_get(c, s->u.s);
        if (v)
            return v;
        if (c->open)
            return HV_UNK;
        return hc_fail(h, pos, "no element with key '%s'", s->u.s);
    }
    case HV_SET:
        return hc_fail(h, pos, "a set cannot be indexed (its elements have no order; use "
                               "tolist() or for)");
    case HV_NULL:
        return hc_fail(h, pos, "cannot index null");
    default:
        return hc_fail(h, pos, "cannot index %s", hv_kind_name(c));
    }
}

static struct hval *get_attr(struct hctx *h, struct hval *c, const char *name, struct hpos pos)
{
    struct hval *v;

    switch (c->kind) {
    case HV_UNKNOWN:
        return HV_UNK;
    case HV_MAP:
        v = hv_get(c, name);
        if (v)
            return v;
        if (c->open)
            return HV_UNK;
        return hc_fail(h, pos, "no attribute '%s'", name);
    case HV_LIST:
        if (name[0] >= '0' && name[0] <= '9') {
            struct hval k = {HV_STRING, 0, 0, strlen(name), 0, {0}, NULL};
            k.u.s = name;
            return get_index(h, c, &k, pos);
        }
        return hc_fail(h, pos, "cannot get attribute '%s' of a list (use [*].%s or for)", name,
                       name);
    case HV_NULL:
        return hc_fail(h, pos, "cannot get attribute '%s' of null", name);
    default:
        return hc_fail(h, pos, "cannot get attribute '%s' of %s", name, hv_kind_name(c));
    }
}

/* ===== Operators ===== */

static struct hval *eval_binop(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *l = hcl_eval(h, s, x->a), *r, *ln, *rn;
    double a, b, v;

    if (!l || !(r = hcl_eval(h, s, x->b)))
        return NULL;
    if (x->op == OP_EQ || x->op == OP_NE) {
        if (l->has_unknown || r->has_unknown)
            return HV_UNK;
        return hv_bool(hv_equal(l, r) == (x->op == OP_EQ));
    }
    if (x->op == OP_AND || x->op == OP_OR) {
        if (!(l = hv_to_bool(h, l, x->a->pos)) || !(r = hv_to_bool(h, r, x->b->pos)))
            return NULL;
        if (l->kind == HV_UNKNOWN || r->kind == HV_UNKNOWN)
            return HV_UNK;
        return hv_bool(x->op == OP_AND ? l->u.b && r->u.b : l->u.b || r->u.b);
    }
    if (!(ln = hv_to_number(h, l, x->a->pos)) || !(rn = hv_to_number(h, r, x->b->pos)))
        return NULL;
    if (ln->kind == HV_UNKNOWN || rn->kind == HV_UNKNOWN)
        return HV_UNK;
    a = ln->u.num;
    b = rn->u.num;
    switch (x->op) {
    case OP_LT: return hv_bool(a < b);
    case OP_LE: return hv_bool(a <= b);
    case OP_GT: return hv_bool(a > b);
    case OP_GE: return hv_bool(a >= b);
    case OP_ADD: v = a + b; break;
    case OP_SUB: v = a - b; break;
    case OP_MUL: v = a * b; break;
    case OP_DIV:
        if (b == 0)
            return hc_fail(h, x->pos, "division by zero");
        v = a / b;
        break;
    default:
        if (b == 0)
            return hc_fail(h, x->pos, "modulo by zero");
        v = fmod(a, b);
        break;
    }
    if (!isfinite(v))
        return hc_fail(h, x->pos, "the result is too large for a number");
    return hv_num(h, v);
}

/* ===== Templates ===== */

static struct hval *eval_tpl(struct hctx *h, const struct hscope *s, const struct hexpr *x);

static int tpl_append(struct hctx *h, const struct hscope *s, const struct hexpr *part,
                      struct strbuf *sb, int *unknown)
{
    struct hval *v;

    if (part->kind == HX_LIT && part->lit->kind == HV_STRING) {
        strbuf_add(sb, part->lit->u.s, part->lit->n);
    } else {
        v = part->kind == HX_TPL_IF || part->kind == HX_TPL_FOR ? eval_tpl(h, s, part)
                                                                 : hcl_eval(h, s, part);
        if (!v)
            return 0;
        if (v->kind == HV_NULL) {
            hc_fail(h, part->pos, "cannot interpolate null into a string");
            return 0;
        }
        if (!(v = hv_to_string(h, v, part->pos)))
            return 0;
        if (v->kind == HV_UNKNOWN)
            *unknown = 1;
        else
            strbuf_add(sb, v->u.s, v->n);
    }
    if (sb->len > HCL_MAX_STRING) {
        hc_fail(h, part->pos, "a string longer than %u bytes", HCL_MAX_STRING);
        return 0;
    }
    return 1;
}

/* The parts of template x (or "" for NULL) as one string. */
static struct hval *tpl_concat(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct strbuf sb = STRBUF_INIT;
    struct hval *r = NULL;
    int unknown = 0;
    size_t i;

    if (!x)
        return hv_str(h, "");
    if (x->kind != HX_TEMPLATE) {
        if (tpl_append(h, s, x, &sb, &unknown))
            r = unknown ? HV_UNK : hv_strn(h, sb.buf, sb.len);
        strbuf_release(&sb);
        return r;
    }
    for (i = 0; i < x->n; i++)
        if (!tpl_append(h, s, x->items[i], &sb, &unknown))
            break;
    if (i == x->n)
        r = unknown ? HV_UNK : hv_strn(h, sb.buf, sb.len);
    strbuf_release(&sb);
    return r;
}

/* Iterate coll for for expressions and %{for}: calls fn(key, value). */
typedef int each_fn(struct hctx *h, struct hval *k, struct hval *v, void *arg);

static int for_each_elem(struct hctx *h, struct hval *coll, struct hpos pos, each_fn *fn,
                         void *arg)
{
    size_t i;

    if (coll->kind == HV_NULL) {
        hc_fail(h, pos, "cannot iterate over null");
        return 0;
    }
    if (!hv_is_coll(coll)) {
        hc_fail(h, pos, "cannot iterate over %s", hv_kind_name(coll));
        return 0;
    }
    for (i = 0; i < coll->n; i++) {
        struct hval *k;
        if (coll->kind == HV_MAP)
            k = hv_str(h, coll->keys[i]);
        else if (coll->kind == HV_SET)
            k = coll->u.items[i];
        else
            k = hv_num(h, (double)i);
        if (!k || !fn(h, k, coll->u.items[i], arg))
            return 0;
    }
    return 1;
}

/* Bind name (and name2) for one element: name2 set: name = key, name2 = value. */
static void bind_kv(struct hbind *b, const struct hexpr *x, struct hval *k, struct hval *v,
                    const struct hbind *outer)
{
    if (x->name2) {
        b[0].name = x->name;
        b[0].v = k;
        b[0].next = outer;
        b[1].name = x->name2;
        b[1].v = v;
        b[1].next = &b[0];
    } else {
        b[0].name = x->name;
        b[0].v = v;
        b[0].next = outer;
        b[1] = b[0];
    }
}

struct tpl_for {
    const struct hscope *s;
    const struct hexpr *x;
    struct strbuf sb;
    int unknown;
};

static int tpl_for_one(struct hctx *h, struct hval *k, struct hval *v, void *arg)
{
    struct tpl_for *t = arg;
    struct hbind b[2];
    struct hscope in = *t->s;
    struct hval *r;

    bind_kv(b, t->x, k, v, t->s->binds);
    in.binds = &b[1];
    if (!(r = tpl_concat(h, &in, t->x->a)))
        return 0;
    if (r->kind == HV_UNKNOWN)
        t->unknown = 1;
    else
        strbuf_add(&t->sb, r->u.s, r->n);
    if (t->sb.len > HCL_MAX_STRING) {
        hc_fail(h, t->x->pos, "a string longer than %u bytes", HCL_MAX_STRING);
        return 0;
    }
    return 1;
}

static struct hval *eval_tpl(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *c = hcl_eval(h, s, x->c), *r;
    struct tpl_for t;

    if (!c)
        return NULL;
    if (x->kind == HX_TPL_IF) {
        if (!(c = hv_to_bool(h, c, x->c->pos)))
            return NULL;
        if (c->kind == HV_UNKNOWN)
            return HV_UNK;
        return tpl_concat(h, s, c->u.b ? x->a : x->b);
    }
    if (c->has_unknown)
        return HV_UNK;
    t.s = s;
    t.x = x;
    strbuf_init(&t.sb);
    t.unknown = 0;
    r = for_each_elem(h, c, x->c->pos, tpl_for_one, &t)
            ? t.unknown ? HV_UNK : hv_strn(h, t.sb.buf, t.sb.len)
            : NULL;
    strbuf_release(&t.sb);
    return r;
}

/* ===== for expressions ===== */

struct for_acc {
    const struct hscope *s;
    const struct hexpr *x;
    struct hval **vals;
    const char **keys;
    size_t n, alloc;
    int unknown;
};

static int for_one(struct hctx *h, struct hval *k, struct hval *v, void *arg)
{
    struct for_acc *f = arg;
    struct hbind b[2];
    struct hscope in = *f->s;
    struct hval *r, *key = NULL;

    bind_kv(b, f->x, k, v, f->s->binds);
    in.binds = &b[1];
    if (f->x->b) {
        struct hval *c = hcl_eval(h, &in, f->x->b);
        if (!c || !(c = hv_to_bool(h, c, f->x->b->pos)))
            return 0;
        if (c->kind == HV_UNKNOWN) {
            f->unknown = 1;
            return 1;
        }
        if (!c->u.b)
            return 1;
    }
    if (f->x->d) {
        if (!(key = hcl_eval(h, &in, f->x->d)))
            return 0;
        if (key->kind == HV_NULL) {
            hc_fail(h, f->x->d->pos, "a key in a for expression is null");
            return 0;
        }
        if (!(key = hv_to_string(h, key, f->x->d->pos)))
            return 0;
        if (key->kind == HV_UNKNOWN) {
            f->unknown = 1;
            return 1;
        }
    }
    if (!(r = hcl_eval(h, &in, f->x->a)))
        return 0;
    if (f->n >= HCL_MAX_ELEMENTS) {
        hc_fail(h, f->x->pos, "a for expression of more than %d elements", HCL_MAX_ELEMENTS);
        return 0;
    }
    if (f->n == f->alloc) {
        size_t ka = f->alloc;
        f->vals = hcl_grow(h->a, f->vals, f->n, &f->alloc, sizeof(*f->vals));
        f->keys = hcl_grow(h->a, f->keys, f->n, &ka, sizeof(*f->keys));
    }
    f->keys[f->n] = key ? key->u.s : NULL;
    f->vals[f->n++] = r;
    return hc_charge(h, 1, f->x->pos);
}

struct key_idx {
    const char *key;
    size_t i;
};

static int cmp_key_idx(const void *x, const void *y)
{
    const struct key_idx *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

static struct hval *eval_for(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *c = hcl_eval(h, s, x->c), *r;
    struct for_acc f;
    size_t i, j;

    if (!c)
        return NULL;
    if (c->kind == HV_UNKNOWN)
        return HV_UNK;
    memset(&f, 0, sizeof(f));
    f.s = s;
    f.x = x;
    if (!for_each_elem(h, c, x->c->pos, for_one, &f))
        return NULL;
    if (f.unknown)
        return HV_UNK;
    if (!(x->flags & HX_OBJFOR)) {
        if (!(r = hv_list(h, f.n, x->pos)))
            return NULL;
        if (f.n)
            memcpy(r->u.items, f.vals, f.n * sizeof(*f.vals));
        return hv_list_done(r);
    }
    /* Object form: keys sorted (stable), duplicates an error unless grouped. */
    {
        struct key_idx *o = arena_alloc_raw(h->a, (f.n ? f.n : 1) * sizeof(*o));
        size_t nk = 0, k, m;
        for (i = 0; i < f.n; i++) {
            o[i].key = f.keys[i];
            o[i].i = i;
        }
        xqsort(o, f.n, sizeof(*o), cmp_key_idx);
        for (i = 0; i < f.n; i = j) {
            for (j = i + 1; j < f.n && strcmp(o[j].key, o[i].key) == 0; j++)
                ;
            if (j - i > 1 && !(x->flags & HX_GROUP))
                return hc_fail(h, x->d->pos, "two elements have the key '%s' (add ... after "
                                             "the value to group them)", o[i].key);
            nk++;
        }
        if (!(r = hv_map(h, nk, x->pos)))
            return NULL;
        for (i = 0, k = 0; i < f.n; i = j) {
            for (j = i + 1; j < f.n && strcmp(o[j].key, o[i].key) == 0; j++)
                ;
            r->keys[k] = o[i].key;
            if (x->flags & HX_GROUP) {
                struct hval *g = hv_list(h, j - i, x->pos);
                if (!g)
                    return NULL;
                for (m = i; m < j; m++)
                    g->u.items[m - i] = f.vals[o[m].i];
                r->u.items[k++] = hv_list_done(g);
            } else {
                r->u.items[k++] = f.vals[o[i].i];
            }
        }
    }
    return hv_list_done(r);
}

/* ===== Splats, calls, constructors ===== */

static struct hval *eval_splat(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *src = hcl_eval(h, s, x->a), *r;
    struct hbind b;
    struct hscope in = *s;
    size_t i, n;
    int is_list;

    if (!src)
        return NULL;
    if (src->kind == HV_UNKNOWN)
        return HV_UNK;
    if (src->kind == HV_NULL)
        return hv_list(h, 0, x->pos);
    is_list = src->kind == HV_LIST || src->kind == HV_SET;
    n = is_list ? src->n : 1;
    if (!(r = hv_list(h, n, x->pos)))
        return NULL;
    b.name = NULL;
    b.next = s->binds;
    in.binds = &b;
    for (i = 0; i < n; i++) {
        b.v = is_list ? src->u.items[i] : src;
        if (!(r->u.items[i] = hcl_eval(h, &in, x->b)))
            return NULL;
    }
    return hv_list_done(r);
}

static struct hval *eval_call(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval **args, *v;
    size_t i, n = x->n;

    if (strcmp(x->name, "try") == 0 || strcmp(x->name, "can") == 0) {
        int is_try = x->name[0] == 't';
        if (n == 0 || (!is_try && n != 1))
            return hc_fail(h, x->pos, "%s() takes %s", x->name,
                           is_try ? "at least one argument" : "one argument");
        for (i = 0; i < n; i++) {
            v = hcl_eval(h, s, x->items[i]);
            if (v)
                return !is_try ? (v->has_unknown ? HV_UNK : hv_bool(1))
                               : v->has_unknown ? HV_UNK : v;
            if (h->over_budget)
                return NULL;
            h->err = NULL;
        }
        return is_try ? hc_fail(h, x->pos, "no argument of try() could be evaluated")
                      : hv_bool(0);
    }
    switch (hcl_func_known(x->name)) {
    case 0:
        return hc_fail(h, x->pos, "unknown function '%s'", x->name);
    case 2:
        for (i = 0; i < n; i++)
            if (!hcl_eval(h, s, x->items[i]))
                return NULL;
        if (h->noted && !strmap_get(h->noted, x->name)) {
            struct srcloc loc = {x->pos.file, x->pos.line, x->pos.col, NULL};
            strmap_put(h->noted, x->name, (void *)x->name);
            diag_note(&loc, "%s() is not evaluated by sgmap: its result is taken as unknown",
                      x->name);
        }
        return HV_UNK;
    default:
        break;
    }
    args = arena_alloc(h->a, (n ? n : 1) * sizeof(*args));
    for (i = 0; i < n; i++)
        if (!(args[i] = hcl_eval(h, s, x->items[i])))
            return NULL;
    if (x->flags & HX_EXPAND) {
        struct hval *last = args[n - 1], **all;
        if (last->kind == HV_UNKNOWN)
            return HV_UNK;
        if (last->kind != HV_LIST && last->kind != HV_SET)
            return hc_fail(h, x->items[n - 1]->pos, "only a list can be expanded with ..., got %s",
                           hv_kind_name(last));
        if (!hc_charge(h, last->n, x->pos))
            return NULL;
        all = arena_alloc(h->a, (n - 1 + last->n + 1) * sizeof(*all));
        memcpy(all, args, (n - 1) * sizeof(*all));
        if (last->n)
            memcpy(all + n - 1, last->u.items, last->n * sizeof(*all));
        args = all;
        n = n - 1 + last->n;
    }
    return hcl_call(h, x->name, args, n, x->pos);
}

static struct hval *eval_object(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *r = hv_map(h, x->n / 2, x->pos);
    size_t i;
    int unknown = 0;

    if (!r)
        return NULL;
    for (i = 0; i + 1 < x->n; i += 2) {
        struct hval *k = hcl_eval(h, s, x->items[i]), *v;
        if (!k)
            return NULL;
        if (k->kind == HV_NULL)
            return hc_fail(h, x->items[i]->pos, "an object key is null");
        if (!(k = hv_to_string(h, k, x->items[i]->pos)))
            return NULL;
        if (!(v = hcl_eval(h, s, x->items[i + 1])))
            return NULL;
        if (k->kind == HV_UNKNOWN) {
            unknown = 1;
            k = hv_str(h, "");
        }
        r->keys[i / 2] = k->u.s;
        r->u.items[i / 2] = v;
    }
    return unknown ? HV_UNK : hv_map_done(r);
}

/* Is x a reference to a root name that tf_modules.c resolves (var.x,
 * local.y, TYPE.NAME, data.TYPE.NAME, count.index, each.key, path.module,
 * module.NAME) rather than a step on a bound name? */
static int is_root_ref(const struct hscope *s, const struct hexpr *x)
{
    const struct hexpr *root = x->a;
    const struct hbind *b;

    if (root->kind == HX_ATTR && root->a->kind == HX_VAR && strcmp(root->a->name, "data") == 0)
        root = root->a;
    else if (root->kind != HX_VAR || strcmp(root->name, "data") == 0)
        return 0;
    for (b = s->binds; b; b = b->next)
        if (b->name && strcmp(b->name, root->name) == 0)
            return 0;
    return 1;
}

static struct hval *eval_var(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    const struct hbind *b;

    for (b = s->binds; b; b = b->next)
        if (b->name && strcmp(b->name, x->name) == 0)
            return b->v;
    return hc_fail(h, x->pos, "unknown name '%s'%s", x->name,
                   strcmp(x->name, "var") == 0 || strcmp(x->name, "local") == 0 ||
                           strcmp(x->name, "module") == 0 || strcmp(x->name, "data") == 0
                       ? " (expected a name after it, e.g. var.NAME)"
                       : "");
}

static struct hval *eval_node(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *v, *k, *r;
    const struct hbind *b;
    size_t i;

    switch (x->kind) {
    case HX_LIT:
        return x->lit;
    case HX_TEMPLATE:
        if (x->n == 1 && x->items[0]->kind != HX_LIT && x->items[0]->kind != HX_TPL_IF &&
            x->items[0]->kind != HX_TPL_FOR)
            return hcl_eval(h, s, x->items[0]);
        return tpl_concat(h, s, x);
    case HX_TPL_IF:
    case HX_TPL_FOR:
        return eval_tpl(h, s, x);
    case HX_VAR:
        return eval_var(h, s, x);
    case HX_ATTR:
        if (s->mi && tf_resolve_module_output(h, s, x, &v))
            return v;
        if (is_root_ref(s, x)) {
            if (!s->mi)
                return hc_fail(h, x->pos, "references are not allowed here (only constants)");
            return tf_resolve_root(h, s, x);
        }
        if (!(v = hcl_eval(h, s, x->a)))
            return NULL;
        return get_attr(h, v, x->name, x->pos);
    case HX_INDEX:
        if (!(v = hcl_eval(h, s, x->a)) || !(k = hcl_eval(h, s, x->b)))
            return NULL;
        return get_index(h, v, k, x->pos);
    case HX_SPLAT:
        return eval_splat(h, s, x);
    case HX_ITEM:
        for (b = s->binds; b; b = b->next)
            if (!b->name)
                return b->v;
        return hc_fail(h, x->pos, "splat element outside a splat");
    case HX_CALL:
        return eval_call(h, s, x);
    case HX_TUPLE:
        if (!(r = hv_list(h, x->n, x->pos)))
            return NULL;
        for (i = 0; i < x->n; i++)
            if (!(r->u.items[i] = hcl_eval(h, s, x->items[i])))
                return NULL;
        return hv_list_done(r);
    case HX_OBJECT:
        return eval_object(h, s, x);
    case HX_FOR:
        return eval_for(h, s, x);
    case HX_COND:
        if (!(v = hcl_eval(h, s, x->c)) || !(v = hv_to_bool(h, v, x->c->pos)))
            return NULL;
        if (v->kind == HV_UNKNOWN)
            return HV_UNK;
        return hcl_eval(h, s, v->u.b ? x->a : x->b);
    case HX_BINOP:
        return eval_binop(h, s, x);
    case HX_UNOP:
        if (!(v = hcl_eval(h, s, x->a)))
            return NULL;
        if (x->op == OP_NOT) {
            if (!(v = hv_to_bool(h, v, x->a->pos)))
                return NULL;
            return v->kind == HV_UNKNOWN ? HV_UNK : hv_bool(!v->u.b);
        }
        if (!(v = hv_to_number(h, v, x->a->pos)))
            return NULL;
        return v->kind == HV_UNKNOWN ? HV_UNK : hv_num(h, -v->u.num);
    case HX_PAREN:
        return hcl_eval(h, s, x->a);
    default:
        return hc_fail(h, x->pos, "cannot evaluate this expression");
    }
}

struct hval *hcl_eval(struct hctx *h, const struct hscope *s, const struct hexpr *x)
{
    struct hval *v;

    if (!x)
        return hc_fail(h, (struct hpos){NULL, 0, 0}, "missing expression");
    if (h->over_budget)
        return NULL;
    if (++h->depth > HCL_MAX_EVAL_DEPTH) {
        h->depth--;
        return hc_fail(h, x->pos, "references nested too deeply (more than %d levels)",
                       HCL_MAX_EVAL_DEPTH);
    }
    v = eval_node(h, s, x);
    h->depth--;
    if (v && v->size > HCL_MAX_VALUE_NODES)
        return hc_fail(h, x->pos, "a value holding more than %d values (nested ones counted)",
                       HCL_MAX_VALUE_NODES);
    return v;
}
