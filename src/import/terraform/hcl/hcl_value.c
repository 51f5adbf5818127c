/*
 * hcl_value.c - the values of the evaluator: null, bool, number, string,
 * list (and tuple), set, map (and object), and unknown (known only after
 * apply). Values are immutable and live in the load's arena; every one made
 * is charged to a work budget (HCL_MAX_WORK) so that no configuration can
 * make the evaluation exponential. Also: equality and ordering, the
 * conversions Terraform applies (number <-> string <-> bool), the type
 * constraints of variables (string, list(map(string)), object({...}) with
 * optional(), any), and the test form of a value (hv_dump).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_internal.h"
#include "xalloc.h"

struct hval hv_null_v = {HV_NULL, 0, 0, 0, 0, {0}, NULL};
struct hval hv_true_v = {HV_BOOL, 0, 0, 0, 0, {1}, NULL};
struct hval hv_false_v = {HV_BOOL, 0, 0, 0, 0, {0}, NULL};
struct hval hv_unknown_v = {HV_UNKNOWN, 0, 1, 0, 0, {0}, NULL};

struct hval *hc_fail(struct hctx *h, struct hpos pos, const char *fmt, ...)
{
    struct herr *e;
    struct strbuf sb = STRBUF_INIT;
    va_list ap;

    if (h->err && h->over_budget)
        return NULL; /* the budget error stands */
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    e = arena_alloc(h->a, sizeof(*e));
    e->msg = arena_strndup(h->a, sb.buf, sb.len);
    e->pos = pos;
    strbuf_release(&sb);
    h->err = e;
    return NULL;
}

int hc_charge(struct hctx *h, size_t n, struct hpos pos)
{
    if (h->over_budget)
        return 0;
    h->work += n;
    if (h->work > HCL_MAX_WORK) {
        hc_fail(h, pos, "the configuration makes too many values to evaluate (more than %lu)",
                HCL_MAX_WORK);
        h->over_budget = 1;
        return 0;
    }
    return 1;
}

struct hval *hv_bool(int b)
{
    return b ? &hv_true_v : &hv_false_v;
}

static struct hval *new_val(struct hctx *h, int kind)
{
    struct hval *v = arena_alloc(h->a, sizeof(*v));
    h->work++;
    v->kind = (unsigned char)kind;
    return v;
}

struct hval *hv_num(struct hctx *h, double d)
{
    struct hval *v = new_val(h, HV_NUMBER);
    v->u.num = d == 0 ? 0 : d; /* no -0 */
    return v;
}

struct hval *hv_strn(struct hctx *h, const char *s, size_t n)
{
    struct hval *v;
    struct hpos none = {NULL, 0, 0};

    if (n > HCL_MAX_STRING)
        return hc_fail(h, none, "a string longer than %u bytes", HCL_MAX_STRING);
    if (!hc_charge(h, n / 64, none))
        return NULL;
    v = new_val(h, HV_STRING);
    v->u.s = arena_strndup(h->a, s, n);
    v->n = n;
    return v;
}

struct hval *hv_str(struct hctx *h, const char *s)
{
    return hv_strn(h, s, strlen(s));
}

static struct hval *new_coll(struct hctx *h, int kind, size_t n, struct hpos pos)
{
    struct hval *v;

    if (n > HCL_MAX_ELEMENTS)
        return hc_fail(h, pos, "a collection of more than %d elements", HCL_MAX_ELEMENTS);
    if (!hc_charge(h, n, pos))
        return NULL;
    v = new_val(h, kind);
    v->n = n;
    v->u.items = n ? arena_alloc(h->a, n * sizeof(*v->u.items)) : NULL;
    return v;
}

struct hval *hv_list(struct hctx *h, size_t n, struct hpos pos)
{
    return new_coll(h, HV_LIST, n, pos);
}

struct hval *hv_map(struct hctx *h, size_t n, struct hpos pos)
{
    struct hval *v = new_coll(h, HV_MAP, n, pos);
    if (v && n)
        v->keys = arena_alloc(h->a, n * sizeof(*v->keys));
    return v;
}

struct hval *hv_list_done(struct hval *l)
{
    size_t i;
    l->has_unknown = 0;
    l->size = 0;
    for (i = 0; i < l->n; i++) {
        const struct hval *e = l->u.items[i];
        if (e->has_unknown)
            l->has_unknown = 1;
        /* Saturating: past HCL_MAX_VALUE_NODES the exact count does not matter. */
        l->size += 1 + (e->size > HCL_MAX_VALUE_NODES ? HCL_MAX_VALUE_NODES : e->size);
        if (l->size > HCL_MAX_VALUE_NODES)
            l->size = HCL_MAX_VALUE_NODES + 1;
    }
    return l;
}

/* Stable insertion-merge sort of a map's entries by key. */
static void sort_entries(const char **keys, struct hval **vals, size_t n, const char **tk,
                         struct hval **tv)
{
    size_t mid = n / 2, i = 0, j = mid, k = 0;

    if (n < 2)
        return;
    sort_entries(keys, vals, mid, tk, tv);
    sort_entries(keys + mid, vals + mid, n - mid, tk, tv);
    while (i < mid && j < n) {
        if (strcmp(keys[j], keys[i]) < 0) {
            tk[k] = keys[j];
            tv[k++] = vals[j++];
        } else {
            tk[k] = keys[i];
            tv[k++] = vals[i++];
        }
    }
    while (i < mid) {
        tk[k] = keys[i];
        tv[k++] = vals[i++];
    }
    while (j < n) {
        tk[k] = keys[j];
        tv[k++] = vals[j++];
    }
    memcpy(keys, tk, n * sizeof(*keys));
    memcpy(vals, tv, n * sizeof(*vals));
}

struct hval *hv_map_done(struct hval *m)
{
    size_t i, k = 0;
    const char **tk;
    struct hval **tv;

    if (m->n > 1) {
        const char *stk[32];
        struct hval *stv[32];
        tk = m->n <= 32 ? stk : xmalloc(m->n * sizeof(*tk));
        tv = m->n <= 32 ? stv : xmalloc(m->n * sizeof(*tv));
        sort_entries(m->keys, m->u.items, m->n, tk, tv);
        if (tk != stk) {
            free(tk);
            free(tv);
        }
        /* Equal keys are adjacent, in insertion order: keep the last. */
        for (i = 0; i < m->n; i++) {
            if (k && strcmp(m->keys[k - 1], m->keys[i]) == 0)
                k--;
            m->keys[k] = m->keys[i];
            m->u.items[k++] = m->u.items[i];
        }
        m->n = k;
    }
    return hv_list_done(m);
}

static int cmp_ptr(const void *x, const void *y)
{
    return hv_cmp(*(struct hval *const *)x, *(struct hval *const *)y);
}

struct hval *hv_set_from(struct hctx *h, struct hval *list)
{
    struct hpos none = {NULL, 0, 0};
    struct hval *s = hv_list(h, list->n, none);
    size_t i, k = 0;

    if (!s)
        return NULL;
    s->kind = HV_SET;
    if (list->n)
        memcpy(s->u.items, list->u.items, list->n * sizeof(*s->u.items));
    xqsort(s->u.items, s->n, sizeof(*s->u.items), cmp_ptr);
    for (i = 0; i < s->n; i++)
        if (!k || s->u.items[i]->kind == HV_UNKNOWN || !hv_equal(s->u.items[k - 1], s->u.items[i]))
            s->u.items[k++] = s->u.items[i];
    s->n = k;
    return hv_list_done(s);
}

int hv_is_unknown(const struct hval *v)
{
    return v->kind == HV_UNKNOWN;
}

int hv_known_deep(const struct hval *v)
{
    return !v->has_unknown;
}

int hv_is_coll(const struct hval *v)
{
    return v->kind == HV_LIST || v->kind == HV_SET || v->kind == HV_MAP;
}

struct hval *hv_get(const struct hval *m, const char *key)
{
    size_t lo = 0, hi = m->n;

    if (m->kind != HV_MAP)
        return NULL;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(m->keys[mid], key);
        if (c == 0)
            return m->u.items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int hv_cmp(const struct hval *x, const struct hval *y)
{
    size_t i, n;
    int c;

    if (x == y)
        return 0;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    switch (x->kind) {
    case HV_BOOL:
        return x->u.b - y->u.b;
    case HV_NUMBER:
        return x->u.num < y->u.num ? -1 : x->u.num > y->u.num ? 1 : 0;
    case HV_STRING:
        n = x->n < y->n ? x->n : y->n;
        c = memcmp(x->u.s, y->u.s, n);
        return c ? c : x->n < y->n ? -1 : x->n > y->n ? 1 : 0;
    case HV_LIST:
    case HV_SET:
    case HV_MAP:
        n = x->n < y->n ? x->n : y->n;
        for (i = 0; i < n; i++) {
            if (x->kind == HV_MAP && (c = strcmp(x->keys[i], y->keys[i])) != 0)
                return c;
            if ((c = hv_cmp(x->u.items[i], y->u.items[i])) != 0)
                return c;
        }
        return x->n < y->n ? -1 : x->n > y->n ? 1 : 0;
    default:
        return 0;
    }
}

int hv_equal(const struct hval *x, const struct hval *y)
{
    return x == y || (x->kind != HV_UNKNOWN && hv_cmp(x, y) == 0);
}

const char *hv_kind_name(const struct hval *v)
{
    static const char *const names[] = {"null", "a bool", "a number", "a string", "a list",
                                        "a set", "an object", "an unknown value"};
    return names[v->kind];
}

/* ===== Conversions ===== */

void hv_fmt_number(struct strbuf *sb, double d)
{
    char buf[64];
    int prec;

    if (d == floor(d) && fabs(d) < 1e15) {
        snprintf(buf, sizeof(buf), "%.0f", d);
        strbuf_addstr(sb, buf);
        return;
    }
    for (prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    strbuf_addstr(sb, buf);
}

struct hval *hv_to_string(struct hctx *h, struct hval *v, struct hpos pos)
{
    struct strbuf sb = STRBUF_INIT;
    struct hval *r;

    switch (v->kind) {
    case HV_STRING:
    case HV_UNKNOWN:
        return v;
    case HV_BOOL:
        return hv_str(h, v->u.b ? "true" : "false");
    case HV_NUMBER:
        hv_fmt_number(&sb, v->u.num);
        r = hv_strn(h, sb.buf, sb.len);
        strbuf_release(&sb);
        return r;
    case HV_NULL:
        return hc_fail(h, pos, "expected a string, got null");
    default:
        return hc_fail(h, pos, "expected a string, got %s", hv_kind_name(v));
    }
}

struct hval *hv_to_number(struct hctx *h, struct hval *v, struct hpos pos)
{
    char *end;
    double d;

    if (v->kind == HV_NUMBER || v->kind == HV_UNKNOWN)
        return v;
    if (v->kind == HV_STRING && v->n > 0 && v->n < 64 && strlen(v->u.s) == v->n &&
        !strchr(" \t\n+", v->u.s[0])) {
        d = strtod(v->u.s, &end);
        if (!*end && isfinite(d) && !strchr(v->u.s, 'x') && !strchr(v->u.s, 'X') &&
            !strchr(v->u.s, 'n') && !strchr(v->u.s, 'N'))
            return hv_num(h, d);
        return hc_fail(h, pos, "expected a number, got the string '%s'", v->u.s);
    }
    return hc_fail(h, pos, "expected a number, got %s", hv_kind_name(v));
}

struct hval *hv_to_bool(struct hctx *h, struct hval *v, struct hpos pos)
{
    if (v->kind == HV_BOOL || v->kind == HV_UNKNOWN)
        return v;
    if (v->kind == HV_STRING && strcmp(v->u.s, "true") == 0)
        return &hv_true_v;
    if (v->kind == HV_STRING && strcmp(v->u.s, "false") == 0)
        return &hv_false_v;
    return hc_fail(h, pos, "expected a bool, got %s", hv_kind_name(v));
}

/* ===== Type constraints ===== */

static int type_is(const struct hexpr *t, const char *name)
{
    return t && t->kind == HX_VAR && strcmp(t->name, name) == 0;
}

static int call_is(const struct hexpr *t, const char *name, size_t nargs)
{
    return t && t->kind == HX_CALL && strcmp(t->name, name) == 0 && t->n == nargs;
}

int hv_type_is_string(const struct hexpr *type)
{
    return !type || type_is(type, "string");
}

int hv_check_type(struct hctx *h, const struct hexpr *t)
{
    size_t i;

    if (!t)
        return 1;
    if (type_is(t, "string") || type_is(t, "number") || type_is(t, "bool") || type_is(t, "any"))
        return 1;
    if (call_is(t, "list", 1) || call_is(t, "set", 1) || call_is(t, "map", 1))
        return hv_check_type(h, t->items[0]);
    if (call_is(t, "tuple", 1) && t->items[0]->kind == HX_TUPLE) {
        for (i = 0; i < t->items[0]->n; i++)
            if (!hv_check_type(h, t->items[0]->items[i]))
                return 0;
        return 1;
    }
    if (call_is(t, "object", 1) && t->items[0]->kind == HX_OBJECT) {
        const struct hexpr *o = t->items[0];
        for (i = 0; i + 1 < o->n; i += 2) {
            const struct hexpr *ft = o->items[i + 1];
            if (o->items[i]->kind != HX_LIT || o->items[i]->lit->kind != HV_STRING) {
                hc_fail(h, o->items[i]->pos, "an object type's attribute names must be names");
                return 0;
            }
            if (ft->kind == HX_CALL && strcmp(ft->name, "optional") == 0 &&
                (ft->n == 1 || ft->n == 2))
                ft = ft->items[0];
            if (!hv_check_type(h, ft))
                return 0;
        }
        return 1;
    }
    hc_fail(h, t->pos, "invalid type constraint: expected string, number, bool, any, list(T), "
                       "set(T), map(T), tuple([...]) or object({...})");
    return 0;
}

static struct hval *convert_elems(struct hctx *h, struct hval *v, const struct hexpr *et,
                                  int kind, struct hpos pos)
{
    struct hval *r = kind == HV_MAP ? hv_map(h, v->n, pos) : hv_list(h, v->n, pos);
    size_t i;

    if (!r)
        return NULL;
    for (i = 0; i < v->n; i++) {
        if (!(r->u.items[i] = hv_convert(h, v->u.items[i], et, pos)))
            return NULL;
        if (kind == HV_MAP)
            r->keys[i] = v->keys[i];
    }
    if (kind == HV_MAP)
        return hv_list_done(r); /* keys already sorted */
    hv_list_done(r);
    return kind == HV_SET ? hv_set_from(h, r) : r;
}

/* any inside a collection: mixed primitive elements become strings, as
 * Terraform unifies them (list(any) of [22, "tcp"] is list(string)). */
static struct hval *unify_any(struct hctx *h, struct hval *v, struct hpos pos)
{
    size_t i;
    int strings = 0, others = 0;
    struct hval *r;

    for (i = 0; i < v->n; i++) {
        int k = v->u.items[i]->kind;
        if (k == HV_STRING)
            strings = 1;
        else if (k == HV_NUMBER || k == HV_BOOL)
            others = 1;
        else if (k != HV_NULL && k != HV_UNKNOWN)
            return v;
    }
    if (!strings || !others)
        return v;
    r = v->kind == HV_MAP ? hv_map(h, v->n, pos) : hv_list(h, v->n, pos);
    if (!r)
        return NULL;
    r->kind = v->kind;
    for (i = 0; i < v->n; i++) {
        struct hval *e = v->u.items[i];
        if (v->kind == HV_MAP)
            r->keys[i] = v->keys[i];
        if (e->kind != HV_NULL && !(e = hv_to_string(h, e, pos)))
            return NULL;
        r->u.items[i] = e;
    }
    hv_list_done(r);
    return v->kind == HV_SET ? hv_set_from(h, r) : r;
}

static struct hval *convert_object(struct hctx *h, struct hval *v, const struct hexpr *o,
                                   struct hpos pos)
{
    struct hval *r;
    size_t i, k = 0;

    if (v->kind != HV_MAP)
        return hc_fail(h, pos, "expected an object, got %s", hv_kind_name(v));
    if (!(r = hv_map(h, o->n / 2, pos)))
        return NULL;
    for (i = 0; i + 1 < o->n; i += 2) {
        const char *name = o->items[i]->lit->u.s;
        const struct hexpr *ft = o->items[i + 1];
        struct hval *e = hv_get(v, name);
        int optional = ft->kind == HX_CALL && strcmp(ft->name, "optional") == 0;
        if (optional) {
            if ((!e || e->kind == HV_NULL) && ft->n == 2 && ft->items[1]->kind == HX_LIT)
                e = ft->items[1]->lit;
            ft = ft->items[0];
        }
        if (!e && !optional)
            return hc_fail(h, pos, "attribute '%s' is required", name);
        if (!e)
            e = &hv_null_v;
        if (e->kind != HV_NULL && !(e = hv_convert(h, e, ft, pos)))
            return NULL;
        r->keys[k] = name;
        r->u.items[k++] = e;
    }
    return hv_map_done(r);
}

struct hval *hv_convert(struct hctx *h, struct hval *v, const struct hexpr *t, struct hpos pos)
{
    if (!t || type_is(t, "any") || v->kind == HV_UNKNOWN || v->kind == HV_NULL)
        return v;
    if (type_is(t, "string")) {
        if (hv_is_coll(v))
            return hc_fail(h, pos, "expected a string, got %s", hv_kind_name(v));
        return hv_to_string(h, v, pos);
    }
    if (type_is(t, "number"))
        return hv_to_number(h, v, pos);
    if (type_is(t, "bool"))
        return hv_to_bool(h, v, pos);
    if (call_is(t, "list", 1) || call_is(t, "set", 1)) {
        int kind = t->name[0] == 'l' ? HV_LIST : HV_SET;
        if (v->kind != HV_LIST && v->kind != HV_SET)
            return hc_fail(h, pos, "expected a %s, got %s", t->name, hv_kind_name(v));
        if (type_is(t->items[0], "any")) {
            v = unify_any(h, v, pos);
            return v && kind == HV_SET && v->kind != HV_SET ? hv_set_from(h, v) : v;
        }
        return convert_elems(h, v, t->items[0], kind, pos);
    }
    if (call_is(t, "map", 1)) {
        if (v->kind != HV_MAP)
            return hc_fail(h, pos, "expected a map, got %s", hv_kind_name(v));
        if (type_is(t->items[0], "any"))
            return unify_any(h, v, pos);
        return convert_elems(h, v, t->items[0], HV_MAP, pos);
    }
    if (call_is(t, "tuple", 1)) {
        const struct hexpr *tt = t->items[0];
        struct hval *r;
        size_t i;
        if (v->kind != HV_LIST && v->kind != HV_SET)
            return hc_fail(h, pos, "expected a tuple, got %s", hv_kind_name(v));
        if (v->n != tt->n)
            return hc_fail(h, pos, "expected a tuple of %zu elements, got %zu", tt->n, v->n);
        if (!(r = hv_list(h, v->n, pos)))
            return NULL;
        for (i = 0; i < v->n; i++)
            if (!(r->u.items[i] = hv_convert(h, v->u.items[i], tt->items[i], pos)))
                return NULL;
        return hv_list_done(r);
    }
    if (call_is(t, "object", 1))
        return convert_object(h, v, t->items[0], pos);
    return v;
}

/* ===== The test form ===== */

static void dump_string(struct strbuf *sb, const char *s, size_t n)
{
    size_t i;

    strbuf_addch(sb, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            strbuf_addch(sb, '\\');
            strbuf_addch(sb, (char)c);
        } else if (c == '\n') {
            strbuf_addstr(sb, "\\n");
        } else if (c < 0x20 || c == 0x7f) {
            strbuf_addf(sb, "\\u%04x", c);
        } else {
            strbuf_addch(sb, (char)c);
        }
    }
    strbuf_addch(sb, '"');
}

void hv_dump(struct strbuf *sb, const struct hval *v)
{
    size_t i;

    if (sb->len > HCL_MAX_STRING)
        return; /* the caller refuses it as too long */
    switch (v->kind) {
    case HV_NULL: strbuf_addstr(sb, "null"); break;
    case HV_BOOL: strbuf_addstr(sb, v->u.b ? "true" : "false"); break;
    case HV_NUMBER: hv_fmt_number(sb, v->u.num); break;
    case HV_STRING: dump_string(sb, v->u.s, v->n); break;
    case HV_UNKNOWN: strbuf_addstr(sb, "(unknown)"); break;
    case HV_LIST:
    case HV_SET:
        strbuf_addstr(sb, v->kind == HV_SET ? "set[" : "[");
        for (i = 0; i < v->n; i++) {
            if (i)
                strbuf_addch(sb, ',');
            hv_dump(sb, v->u.items[i]);
        }
        strbuf_addch(sb, ']');
        break;
    case HV_MAP:
        strbuf_addch(sb, '{');
        for (i = 0; i < v->n; i++) {
            if (i)
                strbuf_addch(sb, ',');
            dump_string(sb, v->keys[i], strlen(v->keys[i]));
            strbuf_addch(sb, ':');
            hv_dump(sb, v->u.items[i]);
        }
        if (v->open)
            strbuf_addstr(sb, v->n ? ",..." : "...");
        strbuf_addch(sb, '}');
        break;
    }
}
