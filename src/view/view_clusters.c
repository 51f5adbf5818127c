/*
 * view_clusters.c - the VPC regions of a view and the clusters of groups
 * in each: Venn regions.
 *
 * Groups of one VPC with the same non-empty member set are one class,
 * drawn as one cluster (or handle) that names them all. Within each VPC,
 * classes are taken greedily (fewest crossings first, then most members,
 * then fewest kinds of member, then id) as long as their member sets stay
 * laminar (every two taken sets are disjoint or one is a strict subset of
 * the other); those become clusters, each inside the smallest taken strict
 * superset of its set. A class that crosses a taken one is drawn as a
 * "handle" node that its edges attach to, and its groups as badges on the
 * members, so every membership of every interface stays visible. A group
 * without members is a class of its own, an empty cluster. At the group
 * level no class is a cluster: each is a box (a handle with its members
 * counted by kind and the smallest class it is inside), and a stub of the
 * --group focus is always one.
 */
#include <stdlib.h>
#include <string.h>

#include "natcmp.h"
#include "view_internal.h"

struct view_region *region_for(struct builder *b, const char *vpc)
{
    struct view *v = b->v;
    const char *key = vpc ? vpc : "";
    struct view_region *r;
    char *k;
    size_t i;

    k = xasprintf("region\n%s", key);
    r = strmap_get(b->keys, k);
    if (r) {
        free(k);
        return r;
    }
    r = xcalloc(1, sizeof(*r));
    r->vpc_id = vpc;
    if (vpc) {
        for (i = 0; i < b->m->nvpcs; i++)
            if (strcmp(b->m->vpcs[i]->id, vpc) == 0)
                r->vpc = b->m->vpcs[i];
        if (r->vpc && r->vpc->name && strcmp(r->vpc->name, r->vpc->id) != 0)
            r->label = xasprintf("VPC %s (%s)", r->vpc->name, r->vpc->id);
        else
            r->label = xasprintf("VPC %s", vpc);
    }
    strmap_put(b->keys, builder_key(b, k), r);
    APPEND(v->regions, v->nregions, r);
    return r;
}

static int cmp_region(const void *a, const void *b)
{
    const struct view_region *x = *(struct view_region *const *)a;
    const struct view_region *y = *(struct view_region *const *)b;
    if (!x->label || !y->label)
        return x->label ? -1 : y->label ? 1 : 0;
    return natcmp(x->label, y->label);
}

size_t view_group_color(const struct group *g)
{
    /* FNV-1a: cheap, and the same on every machine. */
    const unsigned char *p = (const unsigned char *)g->id;
    unsigned long h = 2166136261ul;
    for (; *p; p++)
        h = ((h ^ *p) * 16777619ul) & 0xfffffffful;
    return (size_t)h;
}

/* ===== Member sets ===== */

int view_cmp_groups(const void *a, const void *b)
{
    const struct group *x = *(struct group *const *)a, *y = *(struct group *const *)b;
    int c = natcmp(x->name, y->name);
    return c ? c : strcmp(x->id, y->id);
}

/*
 * Sort the shown groups into classes: one per VPC and non-empty member
 * set (members are sorted, so the list of their indexes is the key), one
 * per group without members. Groups are visited by id, so each class's
 * representative is its group with the lowest id.
 */
static void build_classes(struct builder *b)
{
    const struct model *m = b->m;
    struct strmap *seen = strmap_new_sized(m->ngroups);
    struct strbuf key = STRBUF_INIT;
    char **keys = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*keys));
    size_t i, j, nkeys = 0;

    b->classes = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*b->classes));
    for (i = 0; i < m->ngroups; i++) {
        struct group *g = m->groups[i];
        struct group_class *k = NULL;

        if (!b->shown[i])
            continue;
        if (g->nmembers) {
            strbuf_reset(&key);
            /* A stub is never one with a group drawn in full. */
            strbuf_addstr(&key, b->shown[i] == SHOWN_STUB ? "stub\n" : "full\n");
            strbuf_addstr(&key, b->group_vpc[i] ? b->group_vpc[i] : "");
            for (j = 0; j < g->nmembers; j++) {
                strbuf_addch(&key, '\n');
                strbuf_adduint(&key, (unsigned)g->members[j]->index);
            }
            k = strmap_get(seen, key.buf);
        }
        if (!k) {
            k = &b->classes[b->nclasses++];
            k->rep = g;
            if (g->nmembers) {
                keys[nkeys] = strbuf_detach(&key);
                strmap_put(seen, keys[nkeys++], k);
            }
        }
        APPEND(k->groups, k->ngroups, g);
        b->class_of[i] = k;
    }
    for (i = 0; i < b->nclasses; i++)
        xqsort(b->classes[i].groups, b->classes[i].ngroups, sizeof(struct group *),
               view_cmp_groups);
    for (i = 0; i < nkeys; i++)
        free(keys[i]);
    free(keys);
    strbuf_release(&key);
    strmap_free(seen);
}

/* ===== Laminar selection ===== */

/* Count, for the representative g, how many members it shares with each
 * other class (by its representative). Fills b->counter for the touched
 * representatives (listed in b->touched). */
static void count_cooccurrence(struct builder *b, const struct group *g)
{
    size_t i, j;
    for (i = 0; i < b->ntouched; i++)
        b->counter[b->touched[i]->index] = 0;
    b->ntouched = 0;
    for (i = 0; i < g->nmembers; i++) {
        const struct iface *ifc = g->members[i];
        for (j = 0; j < ifc->ngroups; j++) {
            struct group *o = ifc->groups[j];
            if (o == g || !b->shown[o->index] || b->class_of[o->index]->rep != o)
                continue;
            if (b->counter[o->index]++ == 0)
                b->touched[b->ntouched++] = o;
        }
    }
}

/* Distinct sets sharing this many members: neither holds the other. */
static int crosses(const struct group *a, const struct group *b, size_t shared)
{
    return shared != a->nmembers && shared != b->nmembers;
}

struct candidate {
    struct group_class *k;
    size_t crossings;
    int kinds; /* distinct interface kinds among the members */
};

static int count_kinds(const struct group *g)
{
    unsigned mask = 0;
    int n = 0;
    size_t i;
    for (i = 0; i < g->nmembers; i++)
        mask |= 1u << g->members[i]->kind;
    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

static int cmp_candidate(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    if (x->crossings != y->crossings)
        return x->crossings < y->crossings ? -1 : 1;
    if (x->k->rep->nmembers != y->k->rep->nmembers)
        return x->k->rep->nmembers > y->k->rep->nmembers ? -1 : 1;
    /* A group of one kind of thing is a role; one that mixes kinds is more
     * likely cross-cutting (admin, scraping), so it gives way. */
    if (x->kinds != y->kinds)
        return x->kinds < y->kinds ? -1 : 1;
    return strcmp(x->k->rep->id, y->k->rep->id);
}

static void cluster_new(struct builder *b, struct group_class *k)
{
    struct view_cluster *c = xcalloc(1, sizeof(*c));
    size_t i;

    c->group = k->rep;
    c->groups = k->groups;
    c->ngroups = k->ngroups;
    c->region = b->region_of[k->rep->index];
    c->color = view_group_color(k->rep);
    for (i = 0; i < k->ngroups; i++)
        b->cluster_of[k->groups[i]->index] = c;
}

/* Take the classes of one region greedily while the taken sets stay
 * laminar, and nest each in the smallest taken strict superset. */
static void select_clusters(struct builder *b, struct group_class **list, size_t n)
{
    struct candidate *cand = xcalloc(n ? n : 1, sizeof(*cand));
    size_t i, j;

    for (i = 0; i < n; i++) {
        cand[i].k = list[i];
        cand[i].kinds = count_kinds(list[i]->rep);
        count_cooccurrence(b, list[i]->rep);
        for (j = 0; j < b->ntouched; j++)
            if (crosses(list[i]->rep, b->touched[j], b->counter[b->touched[j]->index]))
                cand[i].crossings++;
    }
    xqsort(cand, n, sizeof(*cand), cmp_candidate);
    for (i = 0; i < n; i++) {
        struct group *g = cand[i].k->rep;
        int ok = b->shown[g->index] == SHOWN_FULL;

        count_cooccurrence(b, g);
        for (j = 0; j < b->ntouched && ok; j++) {
            struct group *o = b->touched[j];
            if (b->cluster_of[o->index] && b->region_of[o->index] == b->region_of[g->index] &&
                crosses(g, o, b->counter[o->index]))
                ok = 0;
        }
        if (ok)
            cluster_new(b, cand[i].k);
    }
    for (i = 0; i < n; i++) {
        struct group *g = list[i]->rep;
        struct view_cluster *c = b->cluster_of[g->index], *parent = NULL;

        if (!c)
            continue;
        count_cooccurrence(b, g);
        for (j = 0; j < b->ntouched; j++) {
            struct group *o = b->touched[j];
            struct view_cluster *oc = b->cluster_of[o->index];
            /* Every member of g is in o, and the sets differ: o is larger. */
            if (!oc || oc->region != c->region || b->counter[o->index] != g->nmembers)
                continue;
            if (!parent || o->nmembers < parent->group->nmembers)
                parent = oc;
        }
        c->parent = parent;
        if (parent)
            APPEND(parent->children, parent->nchildren, c);
        else
            APPEND(c->region->top, c->region->ntop, c);
    }
    free(cand);
}

static int cmp_cluster(const void *a, const void *b)
{
    const struct view_cluster *x = *(struct view_cluster *const *)a;
    const struct view_cluster *y = *(struct view_cluster *const *)b;
    int c = natcmp(x->groups[0]->name, y->groups[0]->name);
    return c ? c : strcmp(x->group->id, y->group->id);
}

/* Sort children by name and number the clusters depth-first. */
static void number_clusters(struct view *v, struct view_cluster **list, size_t n, size_t depth)
{
    size_t i;
    xqsort(list, n, sizeof(*list), cmp_cluster);
    for (i = 0; i < n; i++) {
        struct view_cluster *c = list[i];
        c->id = v->nclusters;
        c->depth = depth;
        APPEND(v->clusters, v->nclusters, c);
        number_clusters(v, c->children, c->nchildren, depth + 1);
    }
}

int view_cluster_encloses(const struct view_cluster *outer, const struct view_cluster *inner)
{
    for (; inner; inner = inner->parent)
        if (inner == outer)
            return 1;
    return 0;
}

/* Members by kind: "8 ec2, 2 lambda" (kinds in their order), or NULL. */
static char *kind_counts(const struct group *g)
{
    size_t count[KIND_COUNT] = {0}, i;
    struct strbuf sb = STRBUF_INIT;

    if (!g->nmembers)
        return NULL;
    for (i = 0; i < g->nmembers; i++)
        count[g->members[i]->kind]++;
    for (i = 0; i < KIND_COUNT; i++)
        if (count[i])
            strbuf_addf(&sb, "%s%zu %s", sb.len ? ", " : "", count[i],
                        kind_name((enum iface_kind)i));
    return strbuf_detach(&sb);
}

/* The group level: the box of the smallest class of the same region
 * whose members hold all of h's, h's own excepted (NULL: none). */
static struct view_node *smallest_superset(struct builder *b, const struct view_node *h)
{
    const struct group *g = h->group;
    struct group *best = NULL;
    size_t j;

    if (!g->nmembers)
        return NULL;
    count_cooccurrence(b, g);
    for (j = 0; j < b->ntouched; j++) {
        struct group *o = b->touched[j];
        if (b->counter[o->index] != g->nmembers || o->nmembers == g->nmembers ||
            b->region_of[o->index] != h->region || b->shown[o->index] != SHOWN_FULL)
            continue;
        if (!best || o->nmembers < best->nmembers ||
            (o->nmembers == best->nmembers && strcmp(o->id, best->id) < 0))
            best = o;
    }
    return best ? b->handle_of[best->index] : NULL;
}

/* A class that crosses a cluster, a stub, or any class at the group
 * level: a node its edges attach to. */
static void handle_new(struct builder *b, struct group_class *k)
{
    struct view_node *h = node_new(b, VNODE_HANDLE);
    size_t i;

    h->stub = b->shown[k->rep->index] == SHOWN_STUB;
    h->nmembers = k->rep->nmembers;
    h->counts = kind_counts(k->rep);
    h->group = k->rep;
    h->groups = k->groups;
    h->ngroups = k->ngroups;
    h->label = k->groups[0]->name;
    h->region = b->region_of[k->rep->index];
    h->color = view_group_color(k->rep);
    APPEND(h->region->nodes, h->region->nnodes, h);
    for (i = 0; i < k->ngroups; i++)
        b->handle_of[k->groups[i]->index] = h;
}

/*
 * The regions of the shown groups and interfaces, the groups' classes, the clusters of each
 * region and the handles of the classes left over; then regions sorted
 * by label and clusters numbered depth-first in natural order of names.
 */
void build_clusters(struct builder *b)
{
    const struct model *m = b->m;
    struct view *v = b->v;
    struct group_class **list = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*list));
    size_t i, r;

    for (i = 0; i < m->ngroups; i++)
        if (b->shown[i])
            b->region_of[i] = region_for(b, b->group_vpc[i]);
    for (i = 0; i < m->nifaces; i++)
        if (iface_shown(b, m->ifaces[i]))
            region_for(b, b->iface_vpc[i]);
    build_classes(b);
    for (r = 0; r < v->nregions; r++) {
        size_t n = 0;
        for (i = 0; i < b->nclasses; i++)
            if (b->region_of[b->classes[i].rep->index] == v->regions[r])
                list[n++] = &b->classes[i];
        if (v->opts.detail != VIEW_DETAIL_GROUPS)
            select_clusters(b, list, n);
    }
    for (i = 0; i < b->nclasses; i++)
        if (!b->cluster_of[b->classes[i].rep->index])
            handle_new(b, &b->classes[i]);
    for (i = 0; v->opts.detail == VIEW_DETAIL_GROUPS && i < v->nnodes; i++)
        if (!v->nodes[i]->stub)
            v->nodes[i]->inside = smallest_superset(b, v->nodes[i]);
    free(list);
    xqsort(v->regions, v->nregions, sizeof(*v->regions), cmp_region);
    for (r = 0; r < v->nregions; r++) {
        v->regions[r]->id = r;
        number_clusters(v, v->regions[r]->top, v->regions[r]->ntop, 0);
    }
}
