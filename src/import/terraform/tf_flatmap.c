/*
 * tf_flatmap.c - Terraform state v3 (Terraform 0.11 and older) keeps every
 * attribute as one flat string: "ingress.#" = "1" (a list or set with one
 * element), "ingress.2214680975.cidr_blocks.0" = "10.0.0.0/8" (an element,
 * keyed by index or set hash), "tags.%" = "1" / "tags.Name" (a map). This
 * file turns such an object into the nested JSON that state v4 holds, with
 * every leaf still a string (tf_int/tf_bool accept strings in flatmap mode).
 * Each list made remembers its elements' segments (c->flat_segs) so that a
 * message names the key the file wrote ("ingress.2214680975.from_port"),
 * not a converted index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tf_flatmap.h"
#include "xalloc.h"

/* Deepest nesting of blocks accepted in flatmap keys. */
#define FLATMAP_MAX_DEPTH 32

struct flat_kv {
    const char *key;
    const char *value;
};

/* Order keys so that "a", "a.#", "a.x" sort together before "a-b" and "ab":
 * the end of the string sorts first, then '.', then every other byte. */
static int flat_rank(unsigned char ch)
{
    if (ch == '\0')
        return 0;
    if (ch == '.')
        return 1;
    return ch + 2;
}

static int cmp_flat(const void *a, const void *b)
{
    const unsigned char *x = (const unsigned char *)((const struct flat_kv *)a)->key;
    const unsigned char *y = (const unsigned char *)((const struct flat_kv *)b)->key;

    while (*x && *x == *y) {
        x++;
        y++;
    }
    return flat_rank(*x) - flat_rank(*y);
}

/* Length of the segment of key starting at plen (up to the next '.'). */
static size_t seg_len(const char *key, size_t plen)
{
    const char *dot = strchr(key + plen, '.');
    return dot ? (size_t)(dot - key) - plen : strlen(key + plen);
}

/* End of the run of keys in [i, hi) whose segment at plen equals key i's. */
static size_t run_end(const struct flat_kv *kv, size_t i, size_t hi, size_t plen,
                      size_t slen)
{
    size_t j = i + 1;
    while (j < hi && strncmp(kv[j].key + plen, kv[i].key + plen, slen) == 0 &&
           (kv[j].key[plen + slen] == '.' || kv[j].key[plen + slen] == '\0'))
        j++;
    return j;
}

static json_t *expand_object(struct tf_ctx *c, const struct flat_kv *kv, size_t lo, size_t hi,
                             size_t plen, int depth);

/* A list element: its segment text and its value. */
struct flat_elem {
    const char *seg;
    size_t len;
    json_t *value;
};

/* Numeric order for indexes and set hashes (digit strings), else bytes. */
static int cmp_elem(const void *a, const void *b)
{
    const struct flat_elem *x = a, *y = b;
    int c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    c = memcmp(x->seg, y->seg, x->len);
    return c;
}

/* The children of a list or set (prefix of length plen, "#" excluded). */
static json_t *expand_list(struct tf_ctx *c, const struct flat_kv *kv, size_t lo, size_t hi,
                           size_t plen, int depth)
{
    json_t *arr = json_array(), *segs;
    struct flat_elem *elems = NULL;
    char ptr[32];
    size_t n = 0, alloc = 0, i = lo, k;

    while (i < hi && !c->jr.failed) {
        size_t slen = seg_len(kv[i].key, plen);
        size_t j = run_end(kv, i, hi, plen, slen);
        json_t *v;

        if (slen == 1 && (kv[i].key[plen] == '#' || kv[i].key[plen] == '%')) {
            i = j;
            continue;
        }
        if (kv[i].key[plen + slen] == '\0' && j == i + 1)
            v = json_string(kv[i].value);
        else
            v = expand_object(c, kv, kv[i].key[plen + slen] == '\0' ? i + 1 : i, j,
                              plen + slen + 1, depth + 1);
        if (v) {
            XGROW(elems, alloc, n + 1);
            elems[n].seg = kv[i].key + plen;
            elems[n].len = slen;
            elems[n].value = v;
            n++;
        }
        i = j;
    }
    xqsort(elems, n, sizeof(*elems), cmp_elem);
    segs = json_array();
    for (k = 0; k < n; k++) {
        json_array_append_new(arr, elems[k].value);
        json_array_append_new(segs, json_stringn(elems[k].seg, elems[k].len));
    }
    free(elems);
    /* Paths name each element by the segment the file wrote. */
    snprintf(ptr, sizeof(ptr), "%p", (void *)arr);
    json_object_set_new(c->flat_segs, ptr, segs);
    return arr;
}

/* A map ("%" present): every key below the prefix is a string entry. */
static json_t *expand_map(const struct flat_kv *kv, size_t lo, size_t hi, size_t plen)
{
    json_t *obj = json_object();
    size_t i;
    for (i = lo; i < hi; i++) {
        const char *k = kv[i].key + plen;
        json_t *v;
        if (strcmp(k, "%") == 0 || strcmp(k, "#") == 0)
            continue;
        v = json_string(kv[i].value);
        if (v)
            json_object_set_new(obj, k, v);
    }
    return obj;
}

/* "ingress.#" (a list's length) or "tags.%" (a map's size) must be a
 * count: 1, or 0 after reporting the key as the file wrote it. */
static int check_count(struct tf_ctx *c, const struct flat_kv *kv, const char *what)
{
    const char *v = kv->value;

    if (*v && strspn(v, "0123456789") == strlen(v))
        return 1;
    jr_error(&c->jr, kv->key, "expected the number of %s, got '%s'", what, v);
    return 0;
}

/* Keys in [lo, hi) share a prefix of length plen (ending with '.'). */
static json_t *expand_object(struct tf_ctx *c, const struct flat_kv *kv, size_t lo, size_t hi,
                             size_t plen, int depth)
{
    json_t *obj = json_object();
    size_t i = lo;

    if (depth > FLATMAP_MAX_DEPTH) {
        jr_error(&c->jr, NULL, "flatmap attributes nested too deeply (more than %d levels)",
                  FLATMAP_MAX_DEPTH);
        json_decref(obj);
        return NULL;
    }
    while (i < hi && !c->jr.failed) {
        size_t slen = seg_len(kv[i].key, plen);
        size_t j = run_end(kv, i, hi, plen, slen);
        size_t first = i, cplen = plen + slen + 1;
        int exact = kv[i].key[plen + slen] == '\0';
        int list = 0, map = 0;
        char *name = xstrndup(kv[i].key + plen, slen);
        json_t *v = NULL;
        size_t k;

        if (exact)
            first = i + 1;
        for (k = first; k < j && !c->jr.failed; k++) {
            if (strcmp(kv[k].key + cplen, "#") == 0)
                list = check_count(c, &kv[k], "elements");
            else if (strcmp(kv[k].key + cplen, "%") == 0)
                map = check_count(c, &kv[k], "entries");
        }
        if (c->jr.failed) {
            free(name);
            break;
        }
        if (list)
            v = expand_list(c, kv, first, j, cplen, depth);
        else if (map)
            v = expand_map(kv, first, j, cplen);
        else if (first < j)
            v = expand_object(c, kv, first, j, cplen, depth + 1);
        else
            v = json_string(kv[i].value);
        if (v)
            json_object_set_new(obj, name, v);
        free(name);
        i = j;
    }
    if (c->jr.failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

json_t *tf_flatmap_expand(struct tf_ctx *c, const json_t *flat)
{
    struct flat_kv *kv;
    size_t n = 0, cap = json_object_size(flat);
    const char *key;
    json_t *v, *out;

    if (!json_is_object(flat)) {
        jr_error(&c->jr, NULL, "expected an object, got %s", jr_type_name(flat));
        return NULL;
    }
    kv = xcalloc(cap ? cap : 1, sizeof(*kv));
    json_object_foreach((json_t *)flat, key, v) {
        if (!json_is_string(v)) {
            if (json_is_null(v))
                continue;
            free(kv);
            jr_error(&c->jr, NULL, "attribute '%s': expected a string, got %s", key,
                      jr_type_name(v));
            return NULL;
        }
        if (!*key)
            continue;
        kv[n].key = key;
        kv[n].value = json_string_value(v);
        n++;
    }
    xqsort(kv, n, sizeof(*kv), cmp_flat);
    out = expand_object(c, kv, 0, n, 0, 0);
    free(kv);
    return out;
}
