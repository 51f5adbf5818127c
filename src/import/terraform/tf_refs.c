/*
 * tf_refs.c - the ids an attribute of a resource names (see tf_refs.h).
 *
 * A group reference is the attribute's value when that is known. In a plan
 * a value unknown until apply (absent from planned_values, or a null element
 * of a list) is looked up in the configuration instead: the groups its
 * expression refers to. When these are more than the unknown values they
 * stand for (var.x ? aws_security_group.a.id : aws_security_group.b.id),
 * the plan cannot say which one applies: each is used, marked conditional,
 * with a warning that names the resource. A group that resolves to nothing
 * is never dropped silently: a warning says what was expected and what was
 * found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strmap.h"
#include "tf_refs.h"
#include "xalloc.h"

/* ===== References: known values, then the configuration ===== */

static int idlist_has(const struct idlist *l, const char *id)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (l->v[i].id == id)
            return 1;
    return 0;
}

void tf_idlist_add(struct tf_ctx *c, struct idlist *l, const char *id,
                       const struct srcloc *loc)
{
    id = model_strdup(c->jr.m, id);
    if (idlist_has(l, id))
        return;
    XGROW(l->v, l->alloc, l->n + 1);
    l->v[l->n].id = id;
    l->v[l->n].loc = loc ? *loc : jr_loc(&c->jr, NULL);
    l->v[l->n].conditional = 0;
    l->n++;
}

void tf_idlist_release(struct idlist *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

/* A value as written (a group id, a group name, an ENI id): its model id. */
static void add_value(struct tf_ctx *c, const char *value, void *arg)
{
    struct idlist *l = arg;
    const char *id = NULL;

    if (l->t->alias && !strchr(value, '/'))
        id = strmap_get(l->t->alias, value);
    tf_idlist_add(c, l, id ? id : value, NULL);
}

/* Is an attribute (the last part of a dotted path) one id rather than a
 * list: security_group_id, network_interface_id, vpc_id... */
static int is_scalar(const char *attr)
{
    const char *last = strrchr(attr, '.');
    size_t n;

    last = last ? last + 1 : attr;
    n = strlen(last);
    return n > 3 && strcmp(last + n - 3, "_id") == 0;
}

static void note_unknown(struct tf_ctx *c, struct attr_read *ar, const char *key)
{
    if (!ar->at.file)
        ar->at = jr_loc(&c->jr, key);
}

/* Read attribute attr (a dotted path through nested blocks) of obj. */
void tf_walk_values(struct tf_ctx *c, const json_t *obj, const char *attr,
                        struct idlist *l, struct attr_read *ar, int depth)
{
    const char *dot = strchr(attr, '.');
    char seg[128];
    size_t n = dot ? (size_t)(dot - attr) : strlen(attr), i, back, before = ar->unknown;
    json_t *v;

    if (n >= sizeof(seg) || depth > 8 || c->jr.failed || !json_is_object(obj))
        return;
    memcpy(seg, attr, n);
    seg[n] = '\0';
    v = json_object_get(obj, seg);
    if (!v) {
        /* A plan leaves out what is unknown until apply; a state what is unset. */
        if (!c->plan)
            return;
        if (!dot && is_scalar(seg))
            ar->unknown++;
        else
            ar->whole = 1;
        note_unknown(c, ar, seg);
        return;
    }
    if (json_is_null(v)) {
        if (!dot && is_scalar(seg) && !l->null) {
            l->null = 1;
            l->null_at = jr_loc(&c->jr, seg);
        }
        return;
    }
    if (!dot) {
        if (is_scalar(seg))
            tf_one_str(c, obj, seg, add_value, l);
        else
            tf_each_str(c, obj, seg, add_value, l, c->plan ? &ar->unknown : NULL);
        if (ar->unknown > before)
            note_unknown(c, ar, seg);
        return;
    }
    back = jr_push_key(&c->jr, seg);
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && !c->jr.failed; i++) {
            json_t *e = tf_elem_obj(c, v, i);
            size_t b2 = tf_push_index(c, v, i);
            if (e)
                tf_walk_values(c, e, dot + 1, l, ar, depth + 1);
            jr_pop(&c->jr, b2);
        }
    } else if (json_is_object(v)) {
        tf_walk_values(c, v, dot + 1, l, ar, depth + 1);
    } else {
        jr_error(&c->jr, NULL, "expected an array, got %s", jr_type_name(v));
    }
    jr_pop(&c->jr, back);
}

/* The ids the references of an expression name. */
struct cands {
    const struct target *t;
    struct idlist found;
    struct strbuf other; /* references that named nothing */
};

static void add_candidate(struct tf_ctx *c, const char *ref, const char *key, void *arg)
{
    struct cands *cd = arg;
    const struct tf_vals *v = tf_index_find(cd->t->ix, ref, key);
    size_t i;

    if (!v) {
        strbuf_addf(&cd->other, "%s%s", cd->other.len ? ", " : "", ref);
        return;
    }
    for (i = 0; i < v->n; i++)
        tf_idlist_add(c, &cd->found, v->v[i], NULL);
}

const char *tf_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/*
 * In a plan, the values of attr unknown until apply (ar) are what its
 * configuration expression refers to (within inline block q when not NULL).
 */
void tf_resolve_unknown(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                            const struct block_query *q, const struct attr_read *ar,
                            struct idlist *l)
{
    struct cands cd;
    struct strbuf names = STRBUF_INIT;
    enum tf_cfg cfg;
    size_t i, first = l->n, n;

    if (!c->plan || (!ar->unknown && !ar->whole) || c->jr.failed)
        return;
    memset(&cd, 0, sizeof(cd));
    cd.t = l->t;
    strbuf_init(&cd.other);
    if (q)
        cfg = tf_config_block_refs(c, r, q->block, q->protocol, q->from, q->to, attr,
                                   add_candidate, &cd);
    else
        cfg = tf_config_refs(c, r, attr, add_candidate, &cd);
    for (i = 0; i < cd.found.n; i++) {
        if (idlist_has(l, cd.found.v[i].id))
            continue;
        strbuf_addf(&names, "%s%s", names.len ? ", " : "", cd.found.v[i].id);
        tf_idlist_add(c, l, cd.found.v[i].id, &cd.found.v[i].loc);
    }
    n = l->n - first;
    if (!ar->whole && n > ar->unknown) {
        for (i = first; i < l->n; i++)
            l->v[i].conditional = 1;
        diag_warning(&ar->at, "%s: %s is unknown until apply: expected %zu %s%s, its "
                              "expression refers to %zu (%s); each is used, marked conditional",
                     r->address, attr, ar->unknown, l->t->noun, tf_plural(ar->unknown), n,
                     names.buf);
    } else if ((ar->whole ? n == 0 : n < ar->unknown) && !l->lost.attr) {
        l->lost.attr = attr;
        l->lost.at = ar->at;
        l->lost.expected = ar->whole ? 0 : ar->unknown;
        l->lost.found = n;
        l->lost.cfg = cfg;
        l->lost.other = cd.other.len ? model_strndup(c->jr.m, cd.other.buf, cd.other.len) : NULL;
    }
    strbuf_release(&names);
    strbuf_release(&cd.other);
    tf_idlist_release(&cd.found);
}

/* The ids attribute attr of r names: its known values, and in a plan the
 * targets of its expression for the values unknown until apply. */
void tf_collect(struct tf_ctx *c, const struct tf_res *r, const char *attr, struct idlist *l)
{
    struct attr_read ar;

    memset(&ar, 0, sizeof(ar));
    tf_walk_values(c, r->values, attr, l, &ar, 0);
    tf_resolve_unknown(c, r, attr, NULL, &ar, l);
}

/* The groups attribute attr of r names; by_name: written as group names. */
void tf_collect_groups(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                           int by_name, struct idlist *l)
{
    struct target t = {&c->lk->groups, by_name ? c->lk->group_by_name : NULL, "group"};
    const struct target *keep = l->t;

    l->t = &t;
    tf_collect(c, r, attr, l);
    l->t = keep;
}

/*
 * Say that l lost values, and what follows (e.g. "the rule is not drawn").
 * unset_too: a value the configuration does not set is lost too (an
 * attribute that must be set); else it just holds nothing.
 */
void tf_warn_lost(const struct tf_res *r, const struct idlist *l, int unset_too,
                      const char *follows)
{
    const struct lost *x = &l->lost;
    const char *noun = l->t ? l->t->noun : "group";
    struct strbuf why = STRBUF_INIT;

    if (!x->attr || (x->cfg == TF_CFG_UNSET && !unset_too))
        return;
    if (x->cfg == TF_CFG_NONE)
        strbuf_addstr(&why, " and the plan has no configuration for it");
    else if (x->cfg == TF_CFG_UNSET)
        strbuf_addstr(&why, " and the configuration does not set it");
    else if (x->found == 0)
        strbuf_addf(&why, " and its expression refers to no %s in this plan", noun);
    else
        strbuf_addf(&why, ": expected %zu %ss, its expression refers to %zu in this plan",
                    x->expected, noun, x->found);
    if (x->cfg == TF_CFG_EXPR && x->other)
        strbuf_addf(&why, " (references: %s)", x->other);
    diag_warning(&x->at, "%s: %s is unknown until apply%s; %s", r->address, x->attr, why.buf,
                 follows);
    strbuf_release(&why);
}
