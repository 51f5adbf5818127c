/*
 * hcl_funcs.c - Terraform's built-in functions that security-group code
 * uses: collections (concat merge lookup element length keys values flatten
 * distinct compact coalesce coalescelist contains index zipmap setproduct
 * range sort reverse slice one sum alltrue anytrue setunion setintersection
 * setsubtract), strings (format join
 * split lower upper replace trimspace substr startswith endswith), numbers
 * (max min abs floor ceil), conversions (tolist toset tomap tostring
 * tonumber tobool jsonencode) and networks (cidrsubnet cidrhost): this file
 * holds the collection functions and the table; hcl_funcs_text.c the rest.
 * try() and can() are in hcl_eval.c.
 *
 * Unknown arguments: a function whose argument is unknown returns unknown
 * (F_TOP); one that looks inside its arguments returns unknown when any
 * element at any depth is (F_DEEP).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_internal.h"
#include "utf8.h"
#include "xalloc.h"

static int is_list(const struct hval *v)
{
    return v->kind == HV_LIST || v->kind == HV_SET;
}

struct hval *hf_need_list(struct hctx *h, struct hval *v, const char *fn, struct hpos pos)
{
    if (!is_list(v))
        return hc_fail(h, pos, "%s(): expected a list, got %s", fn, hv_kind_name(v));
    return v;
}

struct hval *hf_need_str(struct hctx *h, struct hval *v, const char *fn, struct hpos pos)
{
    if (hv_is_coll(v) || v->kind == HV_NULL)
        return hc_fail(h, pos, "%s(): expected a string, got %s", fn, hv_kind_name(v));
    return hv_to_string(h, v, pos);
}

int hf_need_int(struct hctx *h, struct hval *v, const char *fn, struct hpos pos, double *out)
{
    struct hval *nv = v->kind == HV_NULL ? NULL : hv_to_number(h, v, pos);
    if (!nv) {
        hc_fail(h, pos, "%s(): expected a number, got %s", fn, hv_kind_name(v));
        return 0;
    }
    if (nv->u.num != floor(nv->u.num) || fabs(nv->u.num) > 9e15) {
        hc_fail(h, pos, "%s(): expected a whole number", fn);
        return 0;
    }
    *out = nv->u.num;
    return 1;
}

/* A list of the given items (copied). */
struct hval *hf_list_of(struct hctx *h, struct hval **items, size_t n, struct hpos pos)
{
    struct hval *r = hv_list(h, n, pos);
    if (!r)
        return NULL;
    if (n)
        memcpy(r->u.items, items, n * sizeof(*items));
    return hv_list_done(r);
}

/* ===== Collections ===== */

static struct hval *f_length(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    const unsigned char *s;
    size_t count = 0, i, k;

    (void)n;
    if (hv_is_coll(a[0]))
        return hv_num(h, (double)a[0]->n);
    if (a[0]->kind != HV_STRING)
        return hc_fail(h, pos, "length(): expected a collection or a string, got %s",
                       hv_kind_name(a[0]));
    s = (const unsigned char *)a[0]->u.s;
    for (i = 0; i < a[0]->n; i += k ? k : 1, count++)
        k = utf8_seq_len(s + i);
    return hv_num(h, (double)count);
}

static struct hval *f_concat(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    size_t i, total = 0, k = 0;
    struct hval *r;

    for (i = 0; i < n; i++) {
        if (!hf_need_list(h, a[i], "concat", pos))
            return NULL;
        total += a[i]->n;
    }
    if (!(r = hv_list(h, total, pos)))
        return NULL;
    for (i = 0; i < n; i++) {
        if (a[i]->n)
            memcpy(r->u.items + k, a[i]->u.items, a[i]->n * sizeof(*r->u.items));
        k += a[i]->n;
    }
    return hv_list_done(r);
}

static struct hval *f_merge(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    size_t i, j, total = 0, k = 0;
    struct hval *r;

    for (i = 0; i < n; i++) {
        if (a[i]->kind == HV_NULL)
            continue;
        if (a[i]->kind != HV_MAP)
            return hc_fail(h, pos, "merge(): expected maps, got %s", hv_kind_name(a[i]));
        total += a[i]->n;
    }
    if (!(r = hv_map(h, total, pos)))
        return NULL;
    for (i = 0; i < n; i++) {
        for (j = 0; a[i]->kind == HV_MAP && j < a[i]->n; j++) {
            r->keys[k] = a[i]->keys[j];
            r->u.items[k++] = a[i]->u.items[j];
        }
    }
    return hv_map_done(r);
}

static struct hval *f_lookup(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *k = hf_need_str(h, a[1], "lookup", pos), *v;

    if (!k)
        return NULL;
    if (k->kind == HV_UNKNOWN)
        return HV_UNK;
    if (a[0]->kind != HV_MAP)
        return hc_fail(h, pos, "lookup(): expected a map, got %s", hv_kind_name(a[0]));
    if ((v = hv_get(a[0], k->u.s)))
        return v;
    if (a[0]->open)
        return HV_UNK;
    if (n > 2)
        return a[2];
    return hc_fail(h, pos, "lookup(): no key '%s' in the map, and no default", k->u.s);
}

static struct hval *f_element(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    double i;

    (void)n;
    if (!hf_need_list(h, a[0], "element", pos) || !hf_need_int(h, a[1], "element", pos, &i))
        return NULL;
    if (a[0]->n == 0)
        return hc_fail(h, pos, "element(): the list is empty");
    if (i < 0)
        return hc_fail(h, pos, "element(): the index must not be negative");
    return a[0]->u.items[(size_t)fmod(i, (double)a[0]->n)];
}

static struct hval *keys_or_values(struct hctx *h, struct hval *m, int keys, struct hpos pos)
{
    struct hval *r;
    size_t i;

    if (m->kind != HV_MAP)
        return hc_fail(h, pos, "%s(): expected a map, got %s", keys ? "keys" : "values",
                       hv_kind_name(m));
    if (!(r = hv_list(h, m->n, pos)))
        return NULL;
    for (i = 0; i < m->n; i++)
        if (!(r->u.items[i] = keys ? hv_str(h, m->keys[i]) : m->u.items[i]))
            return NULL;
    return hv_list_done(r);
}

static struct hval *f_keys(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return keys_or_values(h, a[0], 1, pos);
}

static struct hval *f_values(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return keys_or_values(h, a[0], 0, pos);
}

/* Append the elements of v, nested lists flattened, to r (grown). Returns
 * 0 on error, -1 when an element is unknown. */
static int flatten_into(struct hctx *h, struct hval *v, struct hval ***out, size_t *n,
                        size_t *alloc, int depth, struct hpos pos)
{
    size_t i;
    int rc;

    if (depth > HCL_MAX_NESTING) {
        hc_fail(h, pos, "flatten(): lists nested too deeply");
        return 0;
    }
    for (i = 0; i < v->n; i++) {
        struct hval *e = v->u.items[i];
        if (e->kind == HV_UNKNOWN)
            return -1;
        if (is_list(e)) {
            if ((rc = flatten_into(h, e, out, n, alloc, depth + 1, pos)) != 1)
                return rc;
            continue;
        }
        if (!hc_charge(h, 1, pos))
            return 0;
        *out = hcl_grow(h->a, *out, *n, alloc, sizeof(**out));
        (*out)[(*n)++] = e;
    }
    return 1;
}

static struct hval *f_flatten(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval **items = NULL;
    size_t count = 0, alloc = 0;
    int rc;

    (void)n;
    if (!hf_need_list(h, a[0], "flatten", pos))
        return NULL;
    rc = flatten_into(h, a[0], &items, &count, &alloc, 0, pos);
    if (rc == 0)
        return NULL;
    if (rc < 0)
        return HV_UNK;
    return hf_list_of(h, items, count, pos);
}

static struct hval *f_distinct(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *s, *r;
    size_t i, j, k = 0;
    char *used;

    (void)n;
    if (!hf_need_list(h, a[0], "distinct", pos))
        return NULL;
    /* First occurrences in order: each element's rank in the sorted set. */
    if (!(s = hv_set_from(h, a[0])) || !(r = hv_list(h, s->n, pos)))
        return NULL;
    used = arena_alloc(h->a, s->n + 1);
    for (i = 0; i < a[0]->n; i++) {
        size_t lo = 0, hi = s->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (hv_cmp(s->u.items[mid], a[0]->u.items[i]) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        j = lo;
        if (j < s->n && !used[j]) {
            used[j] = 1;
            r->u.items[k++] = a[0]->u.items[i];
        }
    }
    r->n = k;
    return hv_list_done(r);
}

static struct hval *f_compact(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *r;
    size_t i, k = 0;

    (void)n;
    if (!hf_need_list(h, a[0], "compact", pos) || !(r = hv_list(h, a[0]->n, pos)))
        return NULL;
    for (i = 0; i < a[0]->n; i++) {
        struct hval *e = a[0]->u.items[i];
        if (e->kind == HV_NULL || (e->kind == HV_STRING && e->n == 0))
            continue;
        if (!(e = hf_need_str(h, e, "compact", pos)))
            return NULL;
        r->u.items[k++] = e;
    }
    r->n = k;
    return hv_list_done(r);
}

static struct hval *f_coalesce(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (a[i]->kind == HV_UNKNOWN)
            return HV_UNK;
        if (a[i]->kind != HV_NULL && !(a[i]->kind == HV_STRING && a[i]->n == 0))
            return a[i];
    }
    return hc_fail(h, pos, "coalesce(): every argument is null or empty");
}

static struct hval *f_coalescelist(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (a[i]->kind == HV_UNKNOWN)
            return HV_UNK;
        if (!hf_need_list(h, a[i], "coalescelist", pos))
            return NULL;
        if (a[i]->n)
            return a[i];
    }
    return hv_list(h, 0, pos);
}

static struct hval *f_contains(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    size_t i;

    (void)n;
    if (!hf_need_list(h, a[0], "contains", pos))
        return NULL;
    for (i = 0; i < a[0]->n; i++)
        if (hv_equal(a[0]->u.items[i], a[1]))
            return hv_bool(1);
    return hv_bool(0);
}

static struct hval *f_index(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    size_t i;

    (void)n;
    if (!hf_need_list(h, a[0], "index", pos))
        return NULL;
    for (i = 0; i < a[0]->n; i++)
        if (hv_equal(a[0]->u.items[i], a[1]))
            return hv_num(h, (double)i);
    return hc_fail(h, pos, "index(): the value is not in the list");
}

static struct hval *f_zipmap(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *r;
    size_t i;

    (void)n;
    if (!hf_need_list(h, a[0], "zipmap", pos) || !hf_need_list(h, a[1], "zipmap", pos))
        return NULL;
    if (a[0]->n != a[1]->n)
        return hc_fail(h, pos, "zipmap(): %zu keys but %zu values", a[0]->n, a[1]->n);
    if (!(r = hv_map(h, a[0]->n, pos)))
        return NULL;
    for (i = 0; i < a[0]->n; i++) {
        struct hval *k = hf_need_str(h, a[0]->u.items[i], "zipmap", pos);
        if (!k)
            return NULL;
        r->keys[i] = k->u.s;
        r->u.items[i] = a[1]->u.items[i];
    }
    return hv_map_done(r);
}

static struct hval *f_setproduct(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    double total = 1;
    size_t i, j, count;
    struct hval *r;

    if (n < 2)
        return hc_fail(h, pos, "setproduct(): expected at least two lists");
    for (i = 0; i < n; i++) {
        if (!hf_need_list(h, a[i], "setproduct", pos))
            return NULL;
        total *= (double)a[i]->n;
    }
    if (total > HCL_MAX_ELEMENTS)
        return hc_fail(h, pos, "setproduct(): more than %d combinations", HCL_MAX_ELEMENTS);
    count = (size_t)total;
    if (!(r = hv_list(h, count, pos)))
        return NULL;
    for (j = 0; j < count; j++) {
        struct hval *t = hv_list(h, n, pos);
        size_t rest = j;
        if (!t)
            return NULL;
        for (i = n; i-- > 0;) {
            t->u.items[i] = a[i]->u.items[rest % a[i]->n];
            rest /= a[i]->n;
        }
        r->u.items[j] = hv_list_done(t);
    }
    hv_list_done(r);
    return a[0]->kind == HV_SET ? hv_set_from(h, r) : r;
}

static struct hval *f_range(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    double start = 0, limit, step = 1, count;
    struct hval *r, *v[3] = {NULL, NULL, NULL};
    size_t i;

    for (i = 0; i < n; i++)
        if (!(v[i] = hv_to_number(h, a[i], pos)))
            return NULL;
    if (n == 1) {
        limit = v[0]->u.num;
    } else {
        start = v[0]->u.num;
        limit = v[1]->u.num;
        step = n > 2 ? v[2]->u.num : (limit < start ? -1 : 1);
    }
    if (step == 0 || (step > 0) != (limit >= start))
        return limit == start ? hv_list(h, 0, pos)
                              : hc_fail(h, pos, "range(): the step goes away from the limit");
    count = ceil((limit - start) / step);
    if (count > HCL_MAX_ELEMENTS)
        return hc_fail(h, pos, "range(): more than %d elements", HCL_MAX_ELEMENTS);
    if (!(r = hv_list(h, (size_t)count, pos)))
        return NULL;
    for (i = 0; i < (size_t)count; i++)
        if (!(r->u.items[i] = hv_num(h, start + step * (double)i)))
            return NULL;
    return r;
}

static int cmp_val_ptr(const void *x, const void *y)
{
    return hv_cmp(*(struct hval *const *)x, *(struct hval *const *)y);
}

static struct hval *f_sort(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *r;
    size_t i;

    (void)n;
    if (!hf_need_list(h, a[0], "sort", pos) || !(r = hv_list(h, a[0]->n, pos)))
        return NULL;
    for (i = 0; i < a[0]->n; i++)
        if (!(r->u.items[i] = hf_need_str(h, a[0]->u.items[i], "sort", pos)))
            return NULL;
    xqsort(r->u.items, r->n, sizeof(*r->u.items), cmp_val_ptr);
    return r;
}

static struct hval *f_reverse(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *r;
    size_t i;

    (void)n;
    if (!hf_need_list(h, a[0], "reverse", pos) || !(r = hv_list(h, a[0]->n, pos)))
        return NULL;
    for (i = 0; i < r->n; i++)
        r->u.items[i] = a[0]->u.items[r->n - 1 - i];
    return hv_list_done(r);
}

static struct hval *f_slice(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    double s, e;

    (void)n;
    if (!hf_need_list(h, a[0], "slice", pos) || !hf_need_int(h, a[1], "slice", pos, &s) ||
        !hf_need_int(h, a[2], "slice", pos, &e))
        return NULL;
    if (s < 0 || e < s || e > (double)a[0]->n)
        return hc_fail(h, pos, "slice(): indexes out of range");
    return hf_list_of(h, a[0]->u.items + (size_t)s, (size_t)(e - s), pos);
}

static struct hval *f_one(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    if (!hf_need_list(h, a[0], "one", pos))
        return NULL;
    if (a[0]->n > 1)
        return hc_fail(h, pos, "one(): the list has %zu elements", a[0]->n);
    return a[0]->n ? a[0]->u.items[0] : HV_NULLV;
}

static struct hval *f_sum(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    double t = 0;
    size_t i;

    (void)n;
    if (!hf_need_list(h, a[0], "sum", pos))
        return NULL;
    for (i = 0; i < a[0]->n; i++) {
        struct hval *v = hv_to_number(h, a[0]->u.items[i], pos);
        if (!v)
            return NULL;
        t += v->u.num;
    }
    return hv_num(h, t);
}

static struct hval *all_any(struct hctx *h, struct hval *l, int all, struct hpos pos)
{
    size_t i;

    if (!hf_need_list(h, l, all ? "alltrue" : "anytrue", pos))
        return NULL;
    for (i = 0; i < l->n; i++) {
        struct hval *v = hv_to_bool(h, l->u.items[i], pos);
        if (!v)
            return NULL;
        if (v->u.b != all)
            return hv_bool(!all);
    }
    return hv_bool(all);
}

static struct hval *f_alltrue(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return all_any(h, a[0], 1, pos);
}

static struct hval *f_anytrue(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return all_any(h, a[0], 0, pos);
}

/* setunion / setintersection / setsubtract of sets (or lists). */
static struct hval *set_op(struct hctx *h, struct hval **a, size_t n, int op, struct hpos pos)
{
    static const char *const names[] = {"setunion", "setintersection", "setsubtract"};
    struct hval *r, *all;
    size_t i, j, k = 0;

    for (i = 0; i < n; i++)
        if (!hf_need_list(h, a[i], names[op], pos))
            return NULL;
    if (op == 0) {
        if (!(all = f_concat(h, a, n, pos)))
            return NULL;
        return hv_set_from(h, all);
    }
    if (!(r = hv_list(h, a[0]->n, pos)))
        return NULL;
    for (i = 0; i < a[0]->n; i++) {
        struct hval *e = a[0]->u.items[i];
        int keep = 1;
        for (j = 1; j < n && keep; j++) {
            int in = f_contains(h, (struct hval *[]){a[j], e}, 2, pos)->u.b;
            keep = op == 1 ? in : !in;
        }
        if (keep)
            r->u.items[k++] = e;
    }
    r->n = k;
    return hv_set_from(h, hv_list_done(r));
}

static struct hval *f_setunion(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    return set_op(h, a, n, 0, pos);
}

static struct hval *f_setintersection(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    return set_op(h, a, n, 1, pos);
}

static struct hval *f_setsubtract(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    return set_op(h, a, n, 2, pos);
}

/* ===== The table ===== */

/* Terraform's functions that sgmap does not evaluate (files, time, hashes,
 * encodings, regular expressions...): their result is unknown, with a note. */
static const char *const not_evaluated[] = {
    "abspath", "base64decode", "base64encode", "base64gzip", "base64sha256", "base64sha512",
    "basename", "bcrypt", "chunklist", "cidrsubnets", "csvdecode", "dirname", "ephemeralasnull",
    "file", "filebase64", "filebase64sha256", "filebase64sha512", "fileexists", "filemd5",
    "fileset", "filesha1", "filesha256", "filesha512", "formatdate", "formatlist", "indent",
    "issensitive", "jsondecode", "log", "matchkeys", "md5", "parseint", "pathexpand",
    "plantimestamp", "pow", "regex", "regexall", "rsadecrypt", "sha1", "sha256", "sha512",
    "signum", "strrev", "templatefile", "templatestring", "textdecodebase64",
    "textencodebase64", "timeadd", "timecmp", "timestamp", "title", "transpose", "trim",
    "type", "urlencode", "uuid", "uuidv5", "yamldecode", "yamlencode",
};

static const struct hfunc funcs[] = {
    {"alltrue", f_alltrue, 1, 1, F_DEEP},
    {"anytrue", f_anytrue, 1, 1, F_DEEP},
    {"coalesce", f_coalesce, 1, -1, 0},
    {"coalescelist", f_coalescelist, 1, -1, 0},
    {"compact", f_compact, 1, 1, F_DEEP},
    {"concat", f_concat, 1, -1, F_TOP},
    {"contains", f_contains, 2, 2, F_DEEP},
    {"distinct", f_distinct, 1, 1, F_DEEP},
    {"element", f_element, 2, 2, F_TOP},
    {"flatten", f_flatten, 1, 1, F_TOP},
    {"index", f_index, 2, 2, F_DEEP},
    {"keys", f_keys, 1, 1, F_TOP},
    {"length", f_length, 1, 1, F_TOP},
    {"lookup", f_lookup, 2, 3, F_TOP},
    {"merge", f_merge, 0, -1, F_TOP},
    {"one", f_one, 1, 1, F_TOP},
    {"range", f_range, 1, 3, F_TOP},
    {"reverse", f_reverse, 1, 1, F_TOP},
    {"setintersection", f_setintersection, 1, -1, F_DEEP},
    {"setproduct", f_setproduct, 1, -1, F_TOP},
    {"setsubtract", f_setsubtract, 2, 2, F_DEEP},
    {"setunion", f_setunion, 1, -1, F_DEEP},
    {"slice", f_slice, 3, 3, F_TOP},
    {"sort", f_sort, 1, 1, F_DEEP},
    {"sum", f_sum, 1, 1, F_DEEP},
    {"values", f_values, 1, 1, F_TOP},
    {"zipmap", f_zipmap, 2, 2, F_TOP},
};

static const struct hfunc *find_in(const struct hfunc *table, size_t n, const char *name)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(table[mid].name, name);
        if (c == 0)
            return &table[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const struct hfunc *find_func(const char *name)
{
    const struct hfunc *f = find_in(funcs, sizeof(funcs) / sizeof(funcs[0]), name);
    return f ? f : find_in(hcl_text_funcs, hcl_text_nfuncs, name);
}

int hcl_func_known(const char *name)
{
    size_t i;

    if (find_func(name))
        return 1;
    for (i = 0; i < sizeof(not_evaluated) / sizeof(not_evaluated[0]); i++)
        if (strcmp(not_evaluated[i], name) == 0)
            return 2;
    return 0;
}

struct hval *hcl_call(struct hctx *h, const char *name, struct hval **args, size_t n,
                      struct hpos pos)
{
    const struct hfunc *f = find_func(name);
    size_t i;

    if (!f)
        return hc_fail(h, pos, "unknown function '%s'", name);
    if (n < (size_t)f->min || (f->max >= 0 && n > (size_t)f->max)) {
        if (f->min == f->max)
            return hc_fail(h, pos, "%s() takes %d argument%s, got %zu", name, f->min,
                           f->min == 1 ? "" : "s", n);
        if (f->max < 0)
            return hc_fail(h, pos, "%s() takes at least %d argument%s, got %zu", name, f->min,
                           f->min == 1 ? "" : "s", n);
        return hc_fail(h, pos, "%s() takes %d to %d arguments, got %zu", name, f->min, f->max, n);
    }
    for (i = 0; i < n; i++) {
        if ((f->flags & F_TOP) && args[i]->kind == HV_UNKNOWN)
            return HV_UNK;
        if ((f->flags & F_DEEP) && args[i]->has_unknown)
            return HV_UNK;
    }
    return f->fn(h, args, n, pos);
}
