/*
 * diff.c - the union of two models with change marks (see diff.h for the
 * identity rules), and the list of membership changes.
 *
 * The union is a new model built with the ordinary model_* calls, so views
 * and emitters draw it like any other; what changed is a side table of
 * marks beside it (marks.h), set once the union is finished and its objects
 * have their positions. Every string is copied into one or the other, so
 * the two inputs may be freed once the diff is built.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "reach.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* Membership changes recorded while building, resolved after finish. */
struct pending {
    const char *iface; /* union model strings */
    const char *group;
    enum change change;
};

/* A change found while building, marked once the union is finished. */
struct pending_mark {
    const struct group *group; /* the union object: one of the three */
    const struct rule *rule;
    const struct iface *iface;
    enum change change;
    const char *old_name, *old_description; /* the old model's texts, or NULL */
    int probable_rename;                     /* matched by content (see match_by_content) */
};

/* Everything needed while building; freed at the end of diff_build(). */
struct builder {
    const struct model *old, *new;
    const struct strmap *aliases;
    struct model *u;
    const char **old_uid;    /* per old group index: its id in the union */
    const char **new_uid;    /* per new group index */
    struct group **old_peer; /* per old group index: the matched new group */
    struct group **new_peer; /* per new group index: the matched old group */
    unsigned char *by_content; /* per new group index: matched by members and rules */
    char **keys;             /* malloc'd map keys to free */
    size_t nkeys, keys_alloc;
    struct pending *pending;
    size_t npending, pending_alloc;
    struct pending_mark *marks;
    size_t nmarks, marks_alloc;
};

static int is_aws_group_id(const char *id)
{
    return strncmp(id, "sg-", 3) == 0 && id[3] != '\0';
}

static int str_equal(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static const char *keep_key(struct builder *b, char *key)
{
    XGROW(b->keys, b->keys_alloc, b->nkeys + 1);
    b->keys[b->nkeys++] = key;
    return key;
}

static struct srcloc copy_loc(struct model *u, const struct srcloc *loc)
{
    struct srcloc c = *loc;
    c.file = model_strdup(u, loc->file);
    c.path = model_strdup(u, loc->path);
    return c;
}

static void add_mark(struct builder *b, const struct group *g, const struct rule *r,
                     const struct iface *ifc, enum change c, const char *old_name,
                     const char *old_description)
{
    struct pending_mark *pm;
    XGROW(b->marks, b->marks_alloc, b->nmarks + 1);
    pm = &b->marks[b->nmarks++];
    pm->group = g;
    pm->rule = r;
    pm->iface = ifc;
    pm->change = c;
    pm->old_name = old_name;
    pm->old_description = old_description;
    pm->probable_rename = 0;
}

/* ===== Matching groups ===== */

static void match(struct builder *b, struct group *o, struct group *n)
{
    b->old_peer[o->index] = n;
    b->new_peer[n->index] = o;
}

/* The union id of a matched pair: the new id when the match came from an
 * alias (a plan replacing the group: the old id goes away), else the AWS id
 * when either side knows it (a design name is no id), else the new id. */
static const char *union_id(const struct builder *b, const struct group *o,
                            const struct group *n)
{
    const char *alias = b->aliases ? strmap_get(b->aliases, o->id) : NULL;
    if (alias && strcmp(alias, n->id) == 0)
        return n->id;
    if (!is_aws_group_id(n->id) && is_aws_group_id(o->id))
        return o->id;
    return n->id;
}

/* Old groups by name, for the name rule: name -> first unmatched old group
 * index + 1, chained through next[]. */
static void match_by_name(struct builder *b)
{
    const struct model *old = b->old, *new = b->new;
    struct strmap *first = strmap_new();
    size_t *next = xcalloc(old->ngroups ? old->ngroups : 1, sizeof(*next));
    size_t i, *tail = xcalloc(old->ngroups ? old->ngroups : 1, sizeof(*tail));

    /* Chains in id order: first[name] = i + 1, next[i] = j + 1. */
    for (i = 0; i < old->ngroups; i++) {
        struct group *o = old->groups[i];
        size_t head;
        if (b->old_peer[i])
            continue;
        head = (size_t)(uintptr_t)strmap_get(first, o->name);
        if (!head) {
            strmap_put(first, o->name, (void *)(uintptr_t)(i + 1));
            tail[i] = i + 1;
        } else {
            next[tail[head - 1] - 1] = i + 1;
            tail[head - 1] = i + 1;
        }
    }
    for (i = 0; i < new->ngroups; i++) {
        struct group *n = new->groups[i];
        size_t at;
        if (b->new_peer[i])
            continue;
        at = (size_t)(uintptr_t)strmap_get(first, n->name);
        for (; at; at = next[at - 1]) {
            struct group *o = old->groups[at - 1];
            if (b->old_peer[o->index])
                continue;
            if (is_aws_group_id(o->id) && is_aws_group_id(n->id))
                continue;
            match(b, o, n);
            break;
        }
    }
    free(next);
    free(tail);
    strmap_free(first);
}

/* ===== Matching renamed groups by content ===== */

/* A peer group as both sides can name it: "self", the new id of a matched
 * group, or the side's own id (which the other side cannot match). */
static void content_peer(const struct builder *b, const struct model *m, int is_new,
                         const struct group *owner, const struct rule *r, struct strbuf *sb)
{
    const struct group *p = r->peer_type == PEER_GROUP ? model_find_group(m, r->peer) : NULL;
    const struct group *other;

    if (!p) {
        strbuf_addstr(sb, r->peer ? r->peer : "");
        return;
    }
    if (p == owner) {
        strbuf_addstr(sb, "\001self");
        return;
    }
    other = is_new ? b->new_peer[p->index] : b->old_peer[p->index];
    if (!other) {
        strbuf_addstr(sb, is_new ? "\001new:" : "\001old:");
        strbuf_addstr(sb, p->id);
        return;
    }
    strbuf_addstr(sb, is_new ? p->id : other->id);
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The content of every unmatched group of one side with members: its
 * members' ids, then its rules (direction, ports, peer), each sorted,
 * joined; malloc'd strings by group index (NULL for the others).
 */
static char **content_keys(const struct builder *b, const struct model *m, int is_new)
{
    struct group **peer = is_new ? b->new_peer : b->old_peer;
    char **keys = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*keys));
    char ***parts = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*parts));
    size_t *nparts = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*nparts));
    size_t *alloc = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*alloc));
    struct strbuf sb = STRBUF_INIT;
    char label[PORTS_LABEL_MAX];
    size_t i, j;

    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        size_t g = r->group->index;
        if (peer[g] || !r->group->nmembers)
            continue;
        strbuf_reset(&sb);
        ports_label(&r->ports, label);
        strbuf_addf(&sb, "%d %s ", (int)r->dir, label);
        content_peer(b, m, is_new, r->group, r, &sb);
        XGROW(parts[g], alloc[g], nparts[g] + 1);
        parts[g][nparts[g]++] = xstrdup(sb.buf);
    }
    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        if (peer[i] || !g->nmembers)
            continue;
        strbuf_reset(&sb);
        for (j = 0; j < g->nmembers; j++) {
            const char *id = g->members[j]->id;
            const char *alias = !is_new && b->aliases ? strmap_get(b->aliases, id) : NULL;
            strbuf_addf(&sb, "%s\n", alias ? alias : id);
        }
        xqsort(parts[i], nparts[i], sizeof(*parts[i]), cmp_str_ptr);
        strbuf_addch(&sb, '|');
        for (j = 0; j < nparts[i]; j++) {
            strbuf_addf(&sb, "%s\n", parts[i][j]);
            free(parts[i][j]);
        }
        keys[i] = xstrdup(sb.buf);
    }
    for (i = 0; i < m->ngroups; i++)
        free(parts[i]);
    free(parts);
    free(nparts);
    free(alloc);
    strbuf_release(&sb);
    return keys;
}

/* How many groups of one side have each content key, and the last one. */
static struct strmap *content_index(char **keys, size_t n, size_t **count)
{
    struct strmap *index = strmap_new();
    size_t i;

    *count = xcalloc(n ? n : 1, sizeof(**count));
    for (i = 0; i < n; i++) {
        size_t at;
        if (!keys[i])
            continue;
        at = (size_t)(uintptr_t)strmap_get(index, keys[i]);
        if (at)
            (*count)[at - 1]++;
        else
            (*count)[i] = 1;
        strmap_put(index, keys[i], (void *)(uintptr_t)(at ? at : i + 1));
    }
    return index;
}

/*
 * A group replaced by one with the same members and rules under a new name
 * (the article's rename; a design file's or template's new key): matched,
 * when that content is found once on each side among the groups still
 * unmatched, so the diff says "probably renamed" instead of a removal, an
 * addition and every membership moved.
 */
static void match_by_content(struct builder *b)
{
    const struct model *old = b->old, *new = b->new;
    char **okeys = content_keys(b, old, 0), **nkeys = content_keys(b, new, 1);
    size_t *ocount, *ncount, i;
    struct strmap *oindex = content_index(okeys, old->ngroups, &ocount);
    struct strmap *nindex = content_index(nkeys, new->ngroups, &ncount);

    for (i = 0; i < new->ngroups; i++) {
        size_t o, n;
        if (!nkeys[i])
            continue;
        o = (size_t)(uintptr_t)strmap_get(oindex, nkeys[i]);
        n = (size_t)(uintptr_t)strmap_get(nindex, nkeys[i]);
        if (!o || ocount[o - 1] != 1 || ncount[n - 1] != 1)
            continue;
        match(b, old->groups[o - 1], new->groups[i]);
        b->by_content[i] = 1;
    }
    for (i = 0; i < old->ngroups; i++)
        free(okeys[i]);
    for (i = 0; i < new->ngroups; i++)
        free(nkeys[i]);
    free(okeys);
    free(nkeys);
    free(ocount);
    free(ncount);
    strmap_free(oindex);
    strmap_free(nindex);
}

static void match_groups(struct builder *b)
{
    const struct model *old = b->old, *new = b->new;
    size_t i;

    for (i = 0; i < new->ngroups; i++) {
        struct group *o = model_find_group(old, new->groups[i]->id);
        if (o)
            match(b, o, new->groups[i]);
    }
    if (b->aliases) {
        for (i = 0; i < old->ngroups; i++) {
            struct group *o = old->groups[i], *n;
            const char *alias = strmap_get(b->aliases, o->id);
            if (b->old_peer[i] || !alias)
                continue;
            n = model_find_group(new, alias);
            if (n && !b->new_peer[n->index])
                match(b, o, n);
        }
    }
    match_by_name(b);
    match_by_content(b);
    for (i = 0; i < new->ngroups; i++) {
        struct group *n = new->groups[i], *o = b->new_peer[i];
        b->new_uid[i] = model_strdup(b->u, o ? union_id(b, o, n) : n->id);
        if (o)
            b->old_uid[o->index] = b->new_uid[i];
    }
    for (i = 0; i < old->ngroups; i++)
        if (!b->old_uid[i])
            b->old_uid[i] = model_strdup(b->u, old->groups[i]->id);
}

/* ===== Building the union ===== */

static void copy_group_fields(struct builder *b, struct group *g, const struct group *src)
{
    size_t i;
    g->name = model_strdup(b->u, src->name);
    g->vpc = model_strdup(b->u, src->vpc);
    g->description = model_strdup(b->u, src->description);
    g->owner = model_strdup(b->u, src->owner);
    g->declared = src->declared;
    g->is_default = src->is_default;
    g->default_egress = 0; /* the inputs' default egress rules are copied */
    g->loc = copy_loc(b->u, &src->loc);
    for (i = 0; i < src->ntags; i++)
        model_group_add_tag(b->u, g, src->tags[i].key, src->tags[i].value);
}

static void build_groups(struct builder *b)
{
    size_t i;

    for (i = 0; i < b->new->ngroups; i++) {
        const struct group *n = b->new->groups[i], *o = b->new_peer[i];
        struct group *g = model_group(b->u, b->new_uid[i], NULL);
        const char *old_name = NULL, *old_description = NULL;
        copy_group_fields(b, g, n);
        if (!o) {
            add_mark(b, g, NULL, NULL, CHANGE_ADDED, NULL, NULL);
            continue;
        }
        g->declared |= o->declared;
        if (!o->declared || !n->declared)
            continue;
        if (!str_equal(o->name, n->name))
            old_name = o->name;
        if (!str_equal(o->description, n->description))
            old_description = o->description ? o->description : "";
        if (old_name || old_description) {
            add_mark(b, g, NULL, NULL, CHANGE_CHANGED, old_name, old_description);
            b->marks[b->nmarks - 1].probable_rename = b->by_content[i] && old_name;
        }
    }
    for (i = 0; i < b->old->ngroups; i++) {
        struct group *g;
        if (b->old_peer[i])
            continue;
        g = model_group(b->u, b->old_uid[i], NULL);
        copy_group_fields(b, g, b->old->groups[i]);
        add_mark(b, g, NULL, NULL, CHANGE_REMOVED, NULL, NULL);
    }
}

/* A peer id in the union's terms: a group of that side becomes its union id. */
static const char *peer_uid(const struct model *m, const char **uid, const char *peer)
{
    const struct group *g = peer ? model_find_group(m, peer) : NULL;
    return g ? uid[g->index] : peer ? peer : "";
}

struct rule_pair {
    const struct rule *old, *new;
    const char *peer; /* union peer id */
};

static void add_rule_side(struct builder *b, struct strmap *index, struct rule_pair **pairs,
                          size_t *n, size_t *alloc, const struct model *m, const char **uid,
                          int is_new)
{
    size_t i;
    char label[PORTS_LABEL_MAX];

    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        const char *peer = peer_uid(m, uid, r->peer);
        struct rule_pair *p;
        char *key;
        size_t at;

        ports_label(&r->ports, label);
        key = xasprintf("%s\n%d\n%s\n%s", uid[r->group->index], (int)r->dir, label, peer);
        at = (size_t)(uintptr_t)strmap_get(index, key);
        if (at) {
            free(key);
            p = &(*pairs)[at - 1];
            /* A duplicate on one side: the first (in sorted order) counts. */
            if (is_new && !p->new)
                p->new = r;
            continue;
        }
        XGROW(*pairs, *alloc, *n + 1);
        p = &(*pairs)[(*n)++];
        p->old = is_new ? NULL : r;
        p->new = is_new ? r : NULL;
        p->peer = model_strdup(b->u, peer);
        strmap_put(index, keep_key(b, key), (void *)(uintptr_t)*n);
    }
}

static void build_rules(struct builder *b)
{
    struct strmap *index = strmap_new();
    struct rule_pair *pairs = NULL;
    size_t n = 0, alloc = 0, i;

    add_rule_side(b, index, &pairs, &n, &alloc, b->old, b->old_uid, 0);
    add_rule_side(b, index, &pairs, &n, &alloc, b->new, b->new_uid, 1);
    for (i = 0; i < n; i++) {
        const struct rule_pair *p = &pairs[i];
        const struct rule *src = p->new ? p->new : p->old;
        const char *gid = p->new ? b->new_uid[src->group->index] : b->old_uid[src->group->index];
        struct group *g = model_find_group(b->u, gid);
        struct srcloc loc = copy_loc(b->u, &src->loc);
        struct rule *r = model_add_rule(b->u, g, src->dir, &src->ports, src->peer_type, p->peer,
                                        src->description, &loc);
        r->peer_label = model_strdup(b->u, src->peer_label);
        r->rule_id = model_strdup(b->u, src->rule_id);
        r->flags = src->flags & ~(unsigned)RULE_PEER_BY_NAME;
        if (!p->new)
            add_mark(b, NULL, r, NULL, CHANGE_REMOVED, NULL, NULL);
        else if (!p->old)
            add_mark(b, NULL, r, NULL, CHANGE_ADDED, NULL, NULL);
        else if (!str_equal(p->old->description, p->new->description))
            add_mark(b, NULL, r, NULL, CHANGE_CHANGED, NULL,
                     p->old->description ? p->old->description : "");
    }
    free(pairs);
    strmap_free(index);
}

static void add_pending(struct builder *b, const struct iface *ifc, const char *group,
                        enum change change)
{
    XGROW(b->pending, b->pending_alloc, b->npending + 1);
    b->pending[b->npending].iface = ifc->id;
    b->pending[b->npending].group = group;
    b->pending[b->npending].change = change;
    b->npending++;
}

static int has_id(const char *const *ids, size_t n, const char *id)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

/* One union interface from src (the new one when both exist). */
static void build_iface(struct builder *b, const struct iface *o, const struct iface *n)
{
    const struct iface *src = n ? n : o;
    const char *before[MODEL_MAX_GROUPS_PER_IFACE], *after[MODEL_MAX_GROUPS_PER_IFACE];
    size_t nb = 0, na = 0, i, total = 0;
    struct iface *ifc = model_iface(b->u, src->id, NULL);
    int differs = 0;

    ifc->kind = src->kind;
    ifc->label = model_strdup(b->u, src->label);
    ifc->owner = model_strdup(b->u, src->owner);
    ifc->vpc = model_strdup(b->u, src->vpc);
    ifc->subnet = model_strdup(b->u, src->subnet);
    ifc->arn = model_strdup(b->u, src->arn);
    ifc->loc = copy_loc(b->u, &src->loc);
    for (i = 0; i < src->naddresses; i++)
        model_iface_add_address(b->u, ifc, src->addresses[i]);
    for (i = 0; o && i < o->ngroups && nb < MODEL_MAX_GROUPS_PER_IFACE; i++)
        before[nb++] = b->old_uid[o->groups[i]->index];
    for (i = 0; n && i < n->ngroups && na < MODEL_MAX_GROUPS_PER_IFACE; i++)
        after[na++] = b->new_uid[n->groups[i]->index];
    /* The union of memberships: the new ones, then the ones it left while
     * they fit (model_finish() refuses more than the AWS maximum). */
    for (i = 0; i < na; i++) {
        model_iface_add_group(b->u, ifc, after[i], NULL, 0, &ifc->loc);
        total++;
        if (!has_id(before, nb, after[i])) {
            add_pending(b, ifc, after[i], CHANGE_ADDED);
            differs = 1;
        }
    }
    for (i = 0; i < nb; i++) {
        if (has_id(after, na, before[i]))
            continue;
        if (total < MODEL_MAX_GROUPS_PER_IFACE) {
            model_iface_add_group(b->u, ifc, before[i], NULL, 0, &ifc->loc);
            total++;
        }
        add_pending(b, ifc, before[i], CHANGE_REMOVED);
        differs = 1;
    }
    if (!o)
        add_mark(b, NULL, NULL, ifc, CHANGE_ADDED, NULL, NULL);
    else if (!n)
        add_mark(b, NULL, NULL, ifc, CHANGE_REMOVED, NULL, NULL);
    else if (differs)
        add_mark(b, NULL, NULL, ifc, CHANGE_CHANGED, NULL, NULL);
}

static void build_ifaces(struct builder *b)
{
    struct strmap *old_of = strmap_new(); /* new iface id -> matched old iface */
    struct strmap *matched = strmap_new(); /* old iface id -> 1 */
    size_t i;

    for (i = 0; i < b->old->nifaces; i++) {
        const struct iface *o = b->old->ifaces[i];
        const struct iface *n = model_find_iface(b->new, o->id);
        if (!n && b->aliases) {
            const char *alias = strmap_get(b->aliases, o->id);
            n = alias ? model_find_iface(b->new, alias) : NULL;
        }
        if (n && !strmap_get(old_of, n->id)) {
            strmap_put(old_of, n->id, (void *)o);
            strmap_put(matched, o->id, (void *)o);
        }
    }
    for (i = 0; i < b->new->nifaces; i++) {
        const struct iface *n = b->new->ifaces[i];
        build_iface(b, strmap_get(old_of, n->id), n);
    }
    for (i = 0; i < b->old->nifaces; i++) {
        const struct iface *o = b->old->ifaces[i];
        if (!strmap_get(matched, o->id))
            build_iface(b, o, NULL);
    }
    strmap_free(old_of);
    strmap_free(matched);
}

static void build_vpcs_and_names(struct builder *b)
{
    const struct model *sides[2] = {b->new, b->old};
    size_t s, i;

    for (s = 0; s < 2; s++) {
        const struct model *m = sides[s];
        for (i = 0; i < m->nvpcs; i++) {
            int created;
            struct vpc *v = model_vpc(b->u, m->vpcs[i]->id, &created);
            size_t j;
            if (created) {
                v->name = model_strdup(b->u, m->vpcs[i]->name);
                v->loc = copy_loc(b->u, &m->vpcs[i]->loc);
            }
            for (j = 0; j < m->vpcs[i]->ncidrs; j++)
                model_vpc_add_cidr(b->u, v, m->vpcs[i]->cidrs[j]);
        }
        for (i = 0; i < m->nnames; i++)
            model_set_name(b->u, m->names[i].id, m->names[i].name);
        for (i = 0; i < m->nprefix_lists; i++) {
            const struct prefix_list *src = m->prefix_lists[i];
            struct prefix_list *pl = model_prefix_list(b->u, src->id);
            size_t j;
            pl->aws_managed |= src->aws_managed;
            if (pl->entries_known)
                continue; /* the new side's entries (copied first) win */
            pl->entries_known = src->entries_known;
            for (j = 0; j < src->nentries; j++)
                model_prefix_list_add_entry(b->u, pl, src->entries[j]);
        }
    }
}

/* ===== Results ===== */

static int cmp_membership(const void *a, const void *b)
{
    const struct diff_membership *x = a, *y = b;
    int c = strcmp(x->group->id, y->group->id);
    if (c)
        return c;
    if (x->change != y->change)
        return x->change < y->change ? -1 : 1;
    return strcmp(x->iface->id, y->iface->id);
}

static void count_change(struct diff_counts *c, enum change ch)
{
    if (ch == CHANGE_ADDED)
        c->added++;
    else if (ch == CHANGE_REMOVED)
        c->removed++;
    else if (ch == CHANGE_CHANGED)
        c->changed++;
}

/* The marks of the finished union, from what the builder found. */
static struct marks *diff_marks(const struct builder *b)
{
    struct marks *mk = marks_new(b->u);
    size_t i;

    for (i = 0; i < b->nmarks; i++) {
        const struct pending_mark *pm = &b->marks[i];
        if (pm->group) {
            marks_set_group(mk, pm->group, pm->change, pm->old_name, pm->old_description);
            mk->groups[pm->group->index].probable_rename = pm->probable_rename;
        }
        else if (pm->rule)
            marks_set_rule(mk, pm->rule, pm->change, pm->old_description);
        else
            marks_set_iface(mk, pm->iface, pm->change);
    }
    return mk;
}

static void diff_summarise(struct diff *d, const struct builder *b)
{
    const struct marks *mk = d->marks;
    const struct model *u = d->model;
    size_t i;

    d->memberships = xcalloc(b->npending ? b->npending : 1, sizeof(*d->memberships));
    for (i = 0; i < b->npending; i++) {
        struct diff_membership *dm = &d->memberships[d->nmemberships];
        dm->iface = model_find_iface(u, b->pending[i].iface);
        dm->group = model_find_group(u, b->pending[i].group);
        dm->change = b->pending[i].change;
        if (dm->iface && dm->group) {
            d->nmemberships++;
            count_change(&d->members, dm->change);
        }
    }
    xqsort(d->memberships, d->nmemberships, sizeof(*d->memberships), cmp_membership);
    for (i = 0; i < mk->ngroups; i++)
        count_change(&d->groups, mk->groups[i].change);
    for (i = 0; i < mk->nrules; i++)
        count_change(&d->rules, mk->rules[i].change);
    for (i = 0; i < mk->nifaces; i++)
        count_change(&d->ifaces, mk->ifaces[i].change);
}

struct diff *diff_build(const struct model *old, const struct model *new,
                        const struct strmap *aliases)
{
    struct builder bb, *b = &bb;
    struct diff *d = NULL;
    size_t i;

    memset(b, 0, sizeof(*b));
    b->old = old;
    b->new = new;
    b->aliases = aliases;
    b->u = model_new();
    b->old_uid = xcalloc(old->ngroups ? old->ngroups : 1, sizeof(*b->old_uid));
    b->new_uid = xcalloc(new->ngroups ? new->ngroups : 1, sizeof(*b->new_uid));
    b->old_peer = xcalloc(old->ngroups ? old->ngroups : 1, sizeof(*b->old_peer));
    b->new_peer = xcalloc(new->ngroups ? new->ngroups : 1, sizeof(*b->new_peer));
    b->by_content = xcalloc(new->ngroups ? new->ngroups : 1, 1);

    match_groups(b);
    build_groups(b);
    build_rules(b);
    build_ifaces(b);
    build_vpcs_and_names(b);
    if (model_finish(b->u) < 0) {
        model_free(b->u);
    } else {
        d = xcalloc(1, sizeof(*d));
        d->model = b->u;
        d->marks = diff_marks(b);
        diff_summarise(d, b);
    }

    for (i = 0; i < b->nkeys; i++)
        free(b->keys[i]);
    free(b->keys);
    free(b->pending);
    free(b->marks);
    free(b->old_uid);
    free(b->new_uid);
    free(b->old_peer);
    free(b->new_peer);
    free(b->by_content);
    return d;
}

void diff_free(struct diff *d)
{
    if (!d)
        return;
    model_free(d->model);
    marks_free(d->marks);
    free(d->memberships);
    reach_changes_free(d->reach);
    free(d);
}

size_t diff_count(const struct diff *d)
{
    return d->groups.added + d->groups.removed + d->groups.changed + d->rules.added +
           d->rules.removed + d->rules.changed + d->ifaces.added + d->ifaces.removed +
           d->nmemberships;
}
