/*
 * tf_instances.c - resources and data sources into instances: count and
 * for_each (maps, and sets of strings; each.key / each.value, count.index),
 * the body of each instance evaluated into an object (attributes, nested
 * blocks as lists of objects as the state JSON has them, dynamic blocks
 * expanded from lists and maps with their iterator), and the position of
 * every attribute and block kept for the location table.
 *
 * count and for_each must be known when planning, as Terraform requires;
 * an unknown one is an error at its line. An attribute that fails to
 * evaluate is reported there and left out (so it reads as unknown).
 */
#include <math.h>
#include <string.h>

#include "hcl_internal.h"

void tf_instance_scope(struct hscope *out, struct minst *mi, int keyed, struct hval *key,
                       struct hval *val)
{
    memset(out, 0, sizeof(*out));
    out->mi = mi;
    if (keyed == KEYED_COUNT)
        out->count_index = key;
    if (keyed == KEYED_EACH) {
        out->each_key = key;
        out->each_value = val;
    }
}

static int expand_count(struct hctx *h, const struct hscope *s, const struct hattr *a,
                        struct hval ***keys, size_t *n)
{
    struct hval *v = hcl_eval(h, s, a->expr);
    size_t i;

    if (!v)
        return -1;
    if (v->kind == HV_UNKNOWN) {
        hc_fail(h, a->expr->pos, "count is unknown until apply; Terraform needs it known when "
                                 "planning");
        return -1;
    }
    if (v->kind == HV_NULL) {
        hc_fail(h, a->expr->pos, "count is null");
        return -1;
    }
    if (!(v = hv_to_number(h, v, a->expr->pos)))
        return -1;
    if (v->u.num != floor(v->u.num) || v->u.num < 0) {
        hc_fail(h, a->expr->pos, "count must be a whole number, 0 or more");
        return -1;
    }
    if (v->u.num > HCL_MAX_INSTANCES) {
        hc_fail(h, a->expr->pos, "count is %.0f, more than %d", v->u.num, HCL_MAX_INSTANCES);
        return -1;
    }
    *n = (size_t)v->u.num;
    *keys = arena_alloc(h->a, (*n + 1) * sizeof(**keys));
    for (i = 0; i < *n; i++)
        if (!((*keys)[i] = hv_num(h, (double)i)))
            return -1;
    return KEYED_COUNT;
}

static int expand_each(struct hctx *h, const struct hscope *s, const struct hattr *a,
                       struct hval ***keys, struct hval ***vals, size_t *n)
{
    struct hval *v = hcl_eval(h, s, a->expr);
    struct hpos pos = a->expr->pos;
    size_t i;

    if (!v)
        return -1;
    if (v->kind == HV_UNKNOWN) {
        hc_fail(h, pos, "for_each is unknown until apply; Terraform needs its keys known when "
                        "planning");
        return -1;
    }
    if (v->kind != HV_MAP && v->kind != HV_SET) {
        hc_fail(h, pos, "for_each needs a map or a set of strings, got %s%s", hv_kind_name(v),
                v->kind == HV_LIST ? " (convert it with toset())" : "");
        return -1;
    }
    if (v->n > HCL_MAX_INSTANCES) {
        hc_fail(h, pos, "for_each has %zu elements, more than %d", v->n, HCL_MAX_INSTANCES);
        return -1;
    }
    *n = v->n;
    *keys = arena_alloc(h->a, (*n + 1) * sizeof(**keys));
    *vals = arena_alloc(h->a, (*n + 1) * sizeof(**vals));
    for (i = 0; i < v->n; i++) {
        if (v->kind == HV_MAP) {
            if (!((*keys)[i] = hv_str(h, v->keys[i])))
                return -1;
        } else {
            struct hval *e = v->u.items[i];
            if (e->kind == HV_UNKNOWN) {
                hc_fail(h, pos, "for_each holds a value unknown until apply; Terraform needs "
                                "its keys known when planning");
                return -1;
            }
            if (e->kind != HV_STRING) {
                hc_fail(h, pos, "for_each needs a set of strings, got a set holding %s",
                        hv_kind_name(e));
                return -1;
            }
            (*keys)[i] = e;
        }
        (*vals)[i] = v->u.items[i];
    }
    return KEYED_EACH;
}

int tf_expand(struct hctx *h, const struct hscope *s, const struct hbody *b,
              struct hval ***keys, struct hval ***vals, size_t *n)
{
    const struct hattr *count = hcl_body_attr(b, "count"), *each = hcl_body_attr(b, "for_each");

    *vals = NULL;
    if (count && each) {
        hc_fail(h, each->pos, "count and for_each cannot both be set");
        return -1;
    }
    if (count)
        return expand_count(h, s, count, keys, n);
    if (each)
        return expand_each(h, s, each, keys, vals, n);
    *n = 1;
    *keys = arena_alloc(h->a, sizeof(**keys));
    return KEYED_NONE;
}

/* ===== Bodies ===== */

static int is_meta_attr(const char *name)
{
    return strcmp(name, "count") == 0 || strcmp(name, "for_each") == 0 ||
           strcmp(name, "provider") == 0 || strcmp(name, "depends_on") == 0;
}

static int is_meta_block(const char *type)
{
    return strcmp(type, "lifecycle") == 0 || strcmp(type, "provisioner") == 0 ||
           strcmp(type, "connection") == 0;
}

/* The block type a block adds to: its own, or a dynamic block's label. */
static const char *block_type(const struct hblock *b)
{
    if (strcmp(b->type, "dynamic") == 0)
        return b->nlabels == 1 ? b->labels[0] : NULL;
    return b->type;
}

/* Where the parts of an instance's value were written, as they are found:
 * path is the JSON path below the instance's values (".ingress[1]"). */
struct locs {
    struct hloc *v;
    size_t n, alloc;
    struct strbuf path;
};

static void add_loc(struct tfload *L, struct locs *lc, struct hpos pos)
{
    lc->v = hcl_grow(&L->a, lc->v, lc->n, &lc->alloc, sizeof(*lc->v));
    lc->v[lc->n].path = arena_strndup(&L->a, lc->path.buf, lc->path.len);
    lc->v[lc->n++].pos = pos;
}

/* Push ".name" or ".type[i]" onto the path; returns the length to cut back to. */
static size_t push_path(struct locs *lc, const char *name, size_t index, int indexed)
{
    size_t back = lc->path.len;
    strbuf_addch(&lc->path, '.');
    strbuf_addstr(&lc->path, name);
    if (indexed) {
        strbuf_addch(&lc->path, '[');
        strbuf_adduint(&lc->path, index);
        strbuf_addch(&lc->path, ']');
    }
    return back;
}

static void pop_path(struct locs *lc, size_t back)
{
    lc->path.len = back;
    lc->path.buf[back] = '\0';
}

static struct hval *body_object(struct tfload *L, const struct hscope *s, const struct hbody *b,
                                int top, struct locs *lc);

/* Append the blocks a dynamic block makes to items (grown), their
 * locations to lc. Returns 0 on error (reported), -1 when its for_each is
 * unknown (the whole list is then unknown). */
static int expand_dynamic(struct tfload *L, const struct hscope *s, const struct hblock *d,
                          struct hval ***items, size_t *n, size_t *alloc, struct locs *lc)
{
    struct hctx *h = &L->h;
    const struct hattr *each = hcl_body_attr(d->body, "for_each"),
                       *it = hcl_body_attr(d->body, "iterator");
    const struct hblock *content = NULL;
    const char *name = d->labels[0];
    struct hval *coll;
    size_t i;

    for (i = 0; i < d->body->nblocks; i++)
        if (strcmp(d->body->blocks[i].type, "content") == 0)
            content = &d->body->blocks[i];
    if (!each || !content) {
        hc_fail(h, d->pos, "a dynamic block needs for_each and a content block");
        tf_report(L, h->err);
        return 0;
    }
    if (it) {
        if (!(name = hcl_expr_name(it->expr))) {
            hc_fail(h, it->expr->pos, "iterator must be a name");
            tf_report(L, h->err);
            return 0;
        }
    }
    if (!(coll = hcl_eval(h, s, each->expr))) {
        tf_report(L, h->err);
        return 0;
    }
    if (coll->kind == HV_UNKNOWN)
        return -1;
    if (!hv_is_coll(coll)) {
        hc_fail(h, each->expr->pos, "a dynamic block's for_each needs a collection, got %s",
                hv_kind_name(coll));
        tf_report(L, h->err);
        return 0;
    }
    for (i = 0; i < coll->n; i++) {
        struct hval *obj = hv_map(h, 2, d->pos), *v;
        struct hbind bind;
        struct hscope in = *s;
        size_t back;
        if (!obj) {
            tf_report(L, h->err);
            return 0;
        }
        obj->keys[0] = "key";
        obj->u.items[0] = coll->kind == HV_MAP ? hv_str(h, coll->keys[i])
                          : coll->kind == HV_SET ? coll->u.items[i] : hv_num(h, (double)i);
        obj->keys[1] = "value";
        obj->u.items[1] = coll->u.items[i];
        if (!obj->u.items[0]) {
            tf_report(L, h->err);
            return 0;
        }
        bind.name = name;
        bind.v = hv_list_done(obj);
        bind.next = s->binds;
        in.binds = &bind;
        back = push_path(lc, d->labels[0], *n, 1);
        add_loc(L, lc, content->pos);
        v = body_object(L, &in, content->body, 0, lc);
        pop_path(lc, back);
        if (!v)
            return 0;
        *items = hcl_grow(h->a, *items, *n, alloc, sizeof(**items));
        (*items)[(*n)++] = v;
    }
    return 1;
}

/* The blocks of type type in b, in order, as a list value (or unknown). */
static struct hval *block_list(struct tfload *L, const struct hscope *s, const struct hbody *b,
                               const char *type, struct locs *lc)
{
    struct hval **items = NULL, *r;
    size_t n = 0, alloc = 0, i;
    int unknown = 0;

    for (i = 0; i < b->nblocks; i++) {
        const struct hblock *blk = &b->blocks[i];
        const char *t = block_type(blk);
        if (!t || strcmp(t, type) != 0)
            continue;
        if (blk->type[0] == 'd' && strcmp(blk->type, "dynamic") == 0) {
            int rc = expand_dynamic(L, s, blk, &items, &n, &alloc, lc);
            if (rc == 0)
                return NULL;
            if (rc < 0)
                unknown = 1;
            continue;
        }
        {
            size_t back = push_path(lc, type, n, 1);
            struct hval *v;
            add_loc(L, lc, blk->pos);
            v = body_object(L, s, blk->body, 0, lc);
            pop_path(lc, back);
            if (!v)
                return NULL;
            items = hcl_grow(L->h.a, items, n, &alloc, sizeof(*items));
            items[n++] = v;
        }
    }
    if (unknown)
        return HV_UNK;
    r = hv_list(&L->h, n, b->pos);
    if (!r)
        return NULL;
    if (n)
        memcpy(r->u.items, items, n * sizeof(*items));
    return hv_list_done(r);
}

/* A body as an open object: attributes, then each block type as a list.
 * Errors in attributes are reported and the attribute left out; NULL only
 * when the work budget ran out. */
static struct hval *body_object(struct tfload *L, const struct hscope *s, const struct hbody *b,
                                int top, struct locs *lc)
{
    struct hctx *h = &L->h;
    struct hval *m = hv_map(h, b->nattrs + b->nblocks, b->pos);
    size_t i, j, k = 0;

    if (!m) {
        tf_report(L, h->err);
        return NULL;
    }
    for (i = 0; i < b->nattrs; i++) {
        const struct hattr *a = &b->attrs[i];
        struct hval *v;
        if (top && is_meta_attr(a->name))
            continue;
        v = hcl_eval(h, s, a->expr);
        if (!v) {
            int over = h->over_budget;
            tf_report(L, h->err);
            h->err = NULL;
            if (over)
                return NULL;
            continue;
        }
        m->keys[k] = a->name;
        m->u.items[k++] = v;
        {
            size_t back = push_path(lc, a->name, 0, 0);
            add_loc(L, lc, a->pos);
            pop_path(lc, back);
        }
    }
    for (i = 0; i < b->nblocks; i++) {
        const char *t = block_type(&b->blocks[i]);
        struct hval *v;
        if (!t) {
            hc_fail(h, b->blocks[i].pos, "a dynamic block needs one label, the block type");
            tf_report(L, h->err);
            continue;
        }
        if (top && is_meta_block(t))
            continue;
        for (j = 0; j < i; j++) {
            const char *u = block_type(&b->blocks[j]);
            if (u && strcmp(u, t) == 0)
                break;
        }
        if (j < i)
            continue; /* this type is done */
        v = block_list(L, s, b, t, lc);
        if (!v) {
            if (h->over_budget)
                return NULL;
            continue;
        }
        m->keys[k] = t;
        m->u.items[k++] = v;
    }
    m->n = k;
    m->open = 1;
    return hv_map_done(m);
}

struct rmemo *tf_resource(struct hctx *h, struct minst *mi, size_t i)
{
    struct tfload *L = mi->L;
    struct rmemo *r = &mi->res[i];
    const struct tfres *res = &mi->mod->res[i];
    struct hval **keys, **vals;
    struct hscope base;
    size_t n, k;
    int keyed;

    if (r->state == MEMO_DONE) {
        if (!r->v)
            h->err = r->err;
        return r;
    }
    if (r->state == MEMO_BUSY) {
        /* One error however many instances meet the cycle. */
        if (r->err)
            h->err = r->err;
        else
            hc_fail(h, res->blk->pos, "%s%s refers to itself (a cycle)", mi->prefix, res->addr);
        r->err = h->err;
        return r;
    }
    r->state = MEMO_BUSY;
    memset(&base, 0, sizeof(base));
    base.mi = mi;
    keyed = tf_expand(h, &base, res->blk->body, &keys, &vals, &n);
    if (keyed < 0) {
        r->err = h->err;
        r->state = MEMO_DONE;
        return r;
    }
    r->keyed = keyed;
    r->n = n;
    r->inst = arena_alloc(h->a, (n + 1) * sizeof(*r->inst));
    r->v = keyed == KEYED_COUNT ? hv_list(h, n, res->blk->pos)
           : keyed == KEYED_EACH ? hv_map(h, n, res->blk->pos) : NULL;
    for (k = 0; k < n; k++) {
        struct hscope s;
        struct rinst *ri = &r->inst[k];
        struct locs lc;
        memset(&lc, 0, sizeof(lc));
        strbuf_init(&lc.path);
        ri->key = keyed == KEYED_NONE ? NULL : keys[k];
        add_loc(L, &lc, res->blk->pos);
        tf_instance_scope(&s, mi, keyed, keys[k], vals ? vals[k] : NULL);
        ri->obj = body_object(L, &s, res->blk->body, 1, &lc);
        strbuf_release(&lc.path);
        ri->locs = lc.v;
        ri->nlocs = lc.n;
        if (!ri->obj || (keyed != KEYED_NONE && !r->v)) {
            r->v = NULL;
            r->err = h->err;
            r->state = MEMO_DONE;
            return r;
        }
        if (ri->obj->has_unknown)
            mi->mod->res[i].unknown = 1;
        if (keyed == KEYED_NONE)
            r->v = ri->obj;
        else
            r->v->u.items[k] = ri->obj;
        if (keyed == KEYED_EACH)
            r->v->keys[k] = keys[k]->u.s;
    }
    if (keyed != KEYED_NONE)
        hv_list_done(r->v);
    r->state = MEMO_DONE;
    return r;
}
