/*
 * view_clusters.c - the VPC regions of a view and the clusters of groups
 * in each.
 *
 * Venn nesting: within each VPC, groups are taken greedily (fewest
 * crossings first, then most members, then fewest kinds of member, then id) as long as their member
 * sets stay laminar (every two taken groups are nested or disjoint); those
 * become nested clusters. A group that crosses a taken one is drawn as a
 * "handle" node that its edges attach to, and as a coloured badge on each
 * of its members, so every membership of every interface stays visible.
 */
#include <stdlib.h>
#include <string.h>

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

int cmp_region(const void *a, const void *b)
{
    const struct view_region *x = *(struct view_region *const *)a;
    const struct view_region *y = *(struct view_region *const *)b;
    if (!x->label || !y->label)
        return x->label ? -1 : y->label ? 1 : 0;
    return strcmp(x->label, y->label);
}

/* ===== Laminar selection ===== */

/* Count, for group g, how many members it shares with each other group.
 * Fills b->counter for the touched groups (listed in b->touched). */
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
            if (o == g || !b->shown[o->index])
                continue;
            if (b->counter[o->index]++ == 0)
                b->touched[b->ntouched++] = o;
        }
    }
}

static int crosses(const struct group *a, const struct group *b, size_t shared)
{
    return shared != a->nmembers && shared != b->nmembers;
}

struct candidate {
    struct group *group;
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
    if (x->group->nmembers != y->group->nmembers)
        return x->group->nmembers > y->group->nmembers ? -1 : 1;
    /* A group of one kind of thing is a role; one that mixes kinds is more
     * likely cross-cutting (admin, scraping), so it gives way. */
    if (x->kinds != y->kinds)
        return x->kinds < y->kinds ? -1 : 1;
    return strcmp(x->group->id, y->group->id);
}

void select_clusters(struct builder *b, struct group **groups, size_t n)
{
    struct candidate *cand = xcalloc(n ? n : 1, sizeof(*cand));
    size_t *order = xcalloc(b->m->ngroups ? b->m->ngroups : 1, sizeof(*order));
    struct view_cluster **taken = xcalloc(n ? n : 1, sizeof(*taken));
    size_t i, j, ntaken = 0;

    for (i = 0; i < n; i++) {
        cand[i].group = groups[i];
        cand[i].kinds = count_kinds(groups[i]);
        count_cooccurrence(b, groups[i]);
        for (j = 0; j < b->ntouched; j++)
            if (crosses(groups[i], b->touched[j], b->counter[b->touched[j]->index]))
                cand[i].crossings++;
    }
    xqsort(cand, n, sizeof(*cand), cmp_candidate);
    /* Take groups greedily while the taken ones stay laminar. */
    for (i = 0; i < n; i++) {
        struct group *g = cand[i].group;
        struct view_cluster *c;
        int ok = 1;

        count_cooccurrence(b, g);
        for (j = 0; j < b->ntouched && ok; j++) {
            struct group *o = b->touched[j];
            if (b->cluster_of[o->index] && crosses(g, o, b->counter[o->index]))
                ok = 0;
        }
        if (!ok)
            continue;
        c = xcalloc(1, sizeof(*c));
        c->group = g;
        c->region = b->region_of[g->index];
        b->cluster_of[g->index] = c;
        order[g->index] = ++ntaken;
        taken[ntaken - 1] = c;
    }
    /* Nest: a cluster's parent is the smallest taken group containing it;
     * of groups with equal member sets, the one taken just before it. */
    for (i = 0; i < ntaken; i++) {
        struct view_cluster *c = taken[i], *parent = NULL;
        struct group *g = c->group;

        count_cooccurrence(b, g);
        for (j = 0; j < b->ntouched; j++) {
            struct group *o = b->touched[j];
            struct view_cluster *oc = b->cluster_of[o->index];
            if (!oc || b->counter[o->index] != g->nmembers)
                continue;
            if (o->nmembers == g->nmembers && order[o->index] > order[g->index])
                continue;
            if (!parent || o->nmembers < parent->group->nmembers ||
                (o->nmembers == parent->group->nmembers &&
                 order[o->index] > order[parent->group->index]))
                parent = oc;
        }
        c->parent = parent;
        if (parent)
            APPEND(parent->children, parent->nchildren, c);
        else
            APPEND(c->region->top, c->region->ntop, c);
    }
    free(taken);
    free(cand);
    free(order);
}

static int cmp_cluster(const void *a, const void *b)
{
    const struct view_cluster *x = *(struct view_cluster *const *)a;
    const struct view_cluster *y = *(struct view_cluster *const *)b;
    return strcmp(x->group->name, y->group->name) ? strcmp(x->group->name, y->group->name)
                                                  : strcmp(x->group->id, y->group->id);
}

/* Sort children by name and number the clusters depth-first. */
void number_clusters(struct view *v, struct view_cluster **list, size_t n, size_t depth)
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
