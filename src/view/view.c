/*
 * view.c - turns a finished model into what is drawn (see view.h).
 *
 * Venn nesting: within each VPC, groups are taken greedily (fewest
 * crossings first, then most members, then fewest kinds of member, then id) as long as their member
 * sets stay laminar (every two taken groups are nested or disjoint); those
 * become nested clusters. A group that crosses a taken one is drawn as a
 * "handle" node that its edges attach to, and as a coloured badge on each
 * of its members, so every membership of every interface stays visible.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "strbuf.h"
#include "strmap.h"
#include "suggest.h"
#include "view.h"
#include "xalloc.h"

/* Working state while building; freed at the end of view_build(). */
struct builder {
    struct view *v;
    const struct model *m;
    struct strmap *keys;        /* owns nothing: keys live in key_store */
    char **key_store;
    size_t nkeys, keys_alloc;
    struct view_cluster **cluster_of;   /* per group index: its cluster or NULL */
    struct view_node **handle_of;       /* per group index: its handle or NULL */
    struct view_region **region_of;     /* per group index */
    int *shown;                          /* per group index: in the view */
    size_t *color_of;                    /* per group index */
    size_t *counter;                     /* co-occurrence counts, per group index */
    struct group **touched;
    size_t ntouched;
    struct strmap *address_node;         /* host address -> iface node */
    struct cidr *ranges;                 /* named CIDRs, for --merge-cidrs */
    const char **range_ids;
    size_t nranges;
};

/* Append to an array whose capacity is implicit: the next power of two
 * at or above its length, so no separate capacity field is needed. */
#define APPEND(arr, n, item)                                               \
    do {                                                                   \
        if ((n) == 0 || ((n) & ((n) - 1)) == 0)                            \
            (arr) = xrealloc((arr), ((n) ? 2 * (n) : 1) * sizeof(*(arr))); \
        (arr)[(n)++] = (item);                                             \
    } while (0)

/* Keep a key string alive for the builder's maps. */
static const char *builder_key(struct builder *b, char *key)
{
    XGROW(b->key_store, b->keys_alloc, b->nkeys + 1);
    b->key_store[b->nkeys++] = key;
    return key;
}

static int vpc_matches(const struct model *m, const char *vpc, const char *want)
{
    size_t i;
    if (!vpc)
        return 0;
    if (strcmp(vpc, want) == 0)
        return 1;
    for (i = 0; i < m->nvpcs; i++)
        if (strcmp(m->vpcs[i]->id, vpc) == 0 && m->vpcs[i]->name &&
            strcmp(m->vpcs[i]->name, want) == 0)
            return 1;
    return 0;
}

static struct view_region *region_for(struct builder *b, const char *vpc)
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
    return strcmp(x->label, y->label);
}

static struct view_node *node_new(struct builder *b, enum vnode_type type)
{
    struct view *v = b->v;
    struct view_node *n = xcalloc(1, sizeof(*n));
    n->type = type;
    n->id = v->nnodes;
    APPEND(v->nodes, v->nnodes, n);
    return n;
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

static void select_clusters(struct builder *b, struct group **groups, size_t n)
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

/* ===== Selection ===== */

static int matches_any(char *const *patterns, size_t n, const struct group *g)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (fnmatch(patterns[i], g->name, 0) == 0 || fnmatch(patterns[i], g->id, 0) == 0 ||
            (g->alias && fnmatch(patterns[i], g->alias, 0) == 0))
            return 1;
    return 0;
}

/*
 * Mark the groups to draw: in the chosen VPC, not excluded, and with
 * --group, within --depth rules of a matching group (rules between groups
 * are the links, in either direction).
 */
static void select_groups(struct builder *b)
{
    const struct model *m = b->m;
    const struct view_options *o = &b->v->opts;
    size_t i, ng = m->ngroups, head = 0, tail = 0;
    size_t *dist, *queue, **adj, *nadj;

    for (i = 0; i < ng; i++) {
        struct group *g = m->groups[i];
        b->shown[i] = !(o->vpc && !vpc_matches(m, g->vpc, o->vpc)) &&
                      !matches_any(o->exclude, o->nexclude, g);
    }
    if (!o->nfocus)
        return;
    adj = xcalloc(ng ? ng : 1, sizeof(*adj));
    nadj = xcalloc(ng ? ng : 1, sizeof(*nadj));
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        const struct group *p;
        if (r->peer_type != PEER_GROUP || !(p = model_find_group(m, r->peer)) || p == r->group)
            continue;
        APPEND(adj[r->group->index], nadj[r->group->index], p->index);
        APPEND(adj[p->index], nadj[p->index], r->group->index);
    }
    dist = xcalloc(ng ? ng : 1, sizeof(*dist));
    queue = xcalloc(ng ? ng : 1, sizeof(*queue));
    for (i = 0; i < ng; i++) {
        dist[i] = (size_t)-1;
        if (b->shown[i] && matches_any(o->focus, o->nfocus, m->groups[i])) {
            dist[i] = 0;
            queue[tail++] = i;
        }
    }
    while (head < tail) {
        size_t g = queue[head++], j;
        if (dist[g] >= (size_t)o->depth)
            continue;
        for (j = 0; j < nadj[g]; j++) {
            size_t nb = adj[g][j];
            if (dist[nb] == (size_t)-1 && b->shown[nb]) {
                dist[nb] = dist[g] + 1;
                queue[tail++] = nb;
            }
        }
    }
    for (i = 0; i < ng; i++) {
        if (dist[i] == (size_t)-1)
            b->shown[i] = 0;
        free(adj[i]);
    }
    free(adj);
    free(nadj);
    free(dist);
    free(queue);
}

/* Named CIDRs (VPCs, subnets) as ranges for --merge-cidrs. */
static void collect_ranges(struct builder *b)
{
    const struct model *m = b->m;
    size_t i;

    if (!b->v->opts.merge_cidrs)
        return;
    b->ranges = xcalloc(m->nnames ? m->nnames : 1, sizeof(*b->ranges));
    b->range_ids = xcalloc(m->nnames ? m->nnames : 1, sizeof(*b->range_ids));
    for (i = 0; i < m->nnames; i++) {
        if (peer_is_internet(m->names[i].id) || !cidr_looks_like(m->names[i].id) ||
            cidr_parse(m->names[i].id, &b->ranges[b->nranges]) < 0)
            continue;
        b->range_ids[b->nranges++] = m->names[i].id;
    }
}

/* An interface is drawn when one of its groups is, or, when no group
 * filter is set, when it has no group at all. */
static int iface_shown(const struct builder *b, const struct iface *ifc)
{
    const struct view_options *o = &b->v->opts;
    size_t i;

    if (o->vpc && !vpc_matches(b->m, ifc->vpc, o->vpc))
        return 0;
    if (!ifc->ngroups)
        return !o->nfocus;
    for (i = 0; i < ifc->ngroups; i++)
        if (b->shown[ifc->groups[i]->index])
            return 1;
    return 0;
}

/* ===== Interface nodes ===== */

static struct view_cluster *innermost(struct builder *b, const struct iface *ifc)
{
    struct view_cluster *best = NULL;
    size_t i;
    for (i = 0; i < ifc->ngroups; i++) {
        struct view_cluster *c = b->cluster_of[ifc->groups[i]->index];
        if (c && (!best || c->depth > best->depth))
            best = c;
    }
    return best;
}

static void place_ifaces(struct builder *b)
{
    const struct model *m = b->m;
    struct view *v = b->v;
    size_t i, j;

    for (i = 0; i < m->nifaces; i++) {
        struct iface *ifc = m->ifaces[i];
        struct view_node *n = NULL;
        struct view_cluster *c;
        struct strbuf key = STRBUF_INIT;

        if (!iface_shown(b, ifc))
            continue;
        c = innermost(b, ifc);
        if (v->opts.collapse) {
            /* The collapse key: VPC, kind, owner and groups. */
            strbuf_addstr(&key, "iface\n");
            strbuf_addstr(&key, ifc->vpc ? ifc->vpc : "");
            strbuf_addch(&key, '\n');
            strbuf_adduint(&key, (unsigned)ifc->kind);
            strbuf_addch(&key, '\n');
            strbuf_addstr(&key, ifc->owner ? ifc->owner : ifc->id);
            for (j = 0; j < ifc->ngroups; j++) {
                strbuf_addch(&key, '\n');
                strbuf_addstr(&key, ifc->groups[j]->id);
            }
            n = strmap_get(b->keys, key.buf);
        }
        if (!n) {
            n = node_new(b, VNODE_IFACE);
            n->cluster = c;
            n->region = c ? c->region : region_for(b, ifc->vpc);
            n->label = ifc->label ? ifc->label : ifc->id;
            for (j = 0; j < ifc->ngroups; j++) {
                struct group *g = ifc->groups[j];
                if (b->handle_of[g->index] || (!b->cluster_of[g->index] && b->shown[g->index]))
                    APPEND(n->badges, n->nbadges, g);
            }
            if (c)
                APPEND(c->nodes, c->nnodes, n);
            else
                APPEND(n->region->nodes, n->region->nnodes, n);
            if (v->opts.collapse)
                strmap_put(b->keys, builder_key(b, strbuf_detach(&key)), n);
        }
        strbuf_release(&key);
        APPEND(n->ifaces, n->nifaces, ifc);
        for (j = 0; j < ifc->naddresses; j++)
            if (!strmap_get(b->address_node, ifc->addresses[j]))
                strmap_put(b->address_node, ifc->addresses[j], n);
    }
}

/* ===== Edges ===== */

static struct view_end group_end(struct builder *b, const struct group *g)
{
    struct view_end e = {b->cluster_of[g->index], b->handle_of[g->index]};
    return e;
}

static enum vnode_type peer_node_type(enum peer_type t)
{
    switch (t) {
    case PEER_CIDR: return VNODE_CIDR;
    case PEER_PREFIX_LIST: return VNODE_PREFIX_LIST;
    case PEER_PARAM: return VNODE_PARAM;
    case PEER_IMPORT: return VNODE_IMPORT;
    case PEER_EXPRESSION: return VNODE_EXPRESSION;
    case PEER_GROUP:
    case PEER_EXTERNAL_GROUP: break;
    }
    return VNODE_EXTERNAL;
}

/*
 * --merge-cidrs: the range a CIDR is drawn as. The internet stays itself;
 * otherwise the most specific named CIDR (a VPC or subnet) that contains
 * it, else "private networks" or "public addresses". *label gets the
 * display name for the synthetic buckets.
 */
static const char *merged_range(struct builder *b, const char *peer, const char **label)
{
    struct cidr c;
    size_t i, best = (size_t)-1;

    if (peer_is_internet(peer) || cidr_parse(peer, &c) < 0)
        return peer;
    for (i = 0; i < b->nranges; i++)
        if (cidr_contains(&b->ranges[i], &c) &&
            (best == (size_t)-1 || b->ranges[i].bits > b->ranges[best].bits))
            best = i;
    if (best != (size_t)-1)
        return b->range_ids[best];
    if (cidr_is_private(&c)) {
        *label = "private networks";
        return "private";
    }
    *label = "public addresses";
    return "public";
}

static struct view_node *peer_node(struct builder *b, const struct rule *r)
{
    struct view *v = b->v;
    char addr[CIDR_TEXT_MAX];
    struct view_node *n;
    const char *peer, *label;
    char *key;

    if (r->peer_type == PEER_CIDR && cidr_host_address(r->peer, addr, sizeof(addr))) {
        n = strmap_get(b->address_node, addr);
        if (n)
            return n;
    }
    peer = r->peer;
    label = NULL;
    if (r->peer_type == PEER_CIDR && v->opts.merge_cidrs)
        peer = merged_range(b, r->peer, &label);
    key = xasprintf("peer\n%d\n%s", (int)r->peer_type, peer);
    n = strmap_get(b->keys, key);
    if (n) {
        free(key);
    } else {
        const char *name = label ? label : model_name_of(b->m, peer);
        n = node_new(b, peer_node_type(r->peer_type));
        n->peer = peer;
        n->label = name ? name : r->peer_label;
        strmap_put(b->keys, builder_key(b, key), n);
        APPEND(v->outside, v->noutside, n);
        if (n->type == VNODE_CIDR)
            v->ncidr_nodes++;
    }
    if (r->flags & RULE_STALE)
        n->stale = 1;
    return n;
}

/* Append an end's key, c<id> or n<id>, to sb. */
static void end_key(struct strbuf *sb, const struct view_end *e)
{
    strbuf_addch(sb, e->cluster ? 'c' : 'n');
    strbuf_adduint(sb, e->cluster ? e->cluster->id : e->node->id);
}

static int encloses(const struct view_cluster *outer, const struct view_cluster *inner)
{
    for (; inner; inner = inner->parent)
        if (inner == outer)
            return 1;
    return 0;
}

static void add_self(struct builder *b, const struct rule *r)
{
    /* Collected into the cluster's or handle's label in build_self_labels(). */
    (void)b;
    (void)r;
}

static void add_edge(struct builder *b, struct view_end from, struct view_end to,
                     struct rule *r)
{
    struct view *v = b->v;
    struct strbuf key = STRBUF_INIT;
    struct view_edge *e;

    strbuf_addstr(&key, "edge\n");
    end_key(&key, &from);
    strbuf_addch(&key, '\n');
    end_key(&key, &to);
    strbuf_addstr(&key, r->dir == DIR_INGRESS ? "\n0" : "\n1");
    e = strmap_get(b->keys, key.buf);
    if (e) {
        strbuf_release(&key);
    } else {
        e = xcalloc(1, sizeof(*e));
        e->from = from;
        e->to = to;
        e->dir = r->dir;
        e->stale = 1;
        if (from.cluster && to.cluster)
            e->nested = encloses(from.cluster, to.cluster) || encloses(to.cluster, from.cluster);
        else if (from.cluster && to.node && to.node->cluster)
            e->nested = encloses(from.cluster, to.node->cluster);
        else if (to.cluster && from.node && from.node->cluster)
            e->nested = encloses(to.cluster, from.node->cluster);
        strmap_put(b->keys, builder_key(b, strbuf_detach(&key)), e);
        APPEND(v->edges, v->nedges, e);
    }
    if (!(r->flags & RULE_STALE))
        e->stale = 0;
    APPEND(e->rules, e->nrules, r);
}

static int rule_shown(const struct view *v, const struct rule *r)
{
    if (r->dir == DIR_EGRESS && v->opts.egress == EGRESS_NONE)
        return 0;
    if ((r->flags & RULE_DEFAULT_EGRESS) && v->opts.egress == EGRESS_DEFAULT)
        return 0;
    return 1;
}

int view_rule_shown(const struct view *v, const struct rule *r)
{
    return rule_shown(v, r);
}

static int cmp_rule_in_edge(const void *a, const void *b)
{
    const struct rule *x = *(struct rule *const *)a, *y = *(struct rule *const *)b;
    int c = ports_compare(&x->ports, &y->ports);
    if (c)
        return c;
    if ((c = strcmp(x->peer, y->peer)) != 0)
        return c;
    return strcmp(x->group->id, y->group->id);
}

/* Self rules become "self: ..." marks on the group's cluster or handle.
 * m->rules[start..start+n) are the group's own rules (contiguous after
 * model_finish; m->rules is NULL in a model without rules). */
static const char *self_label(const struct model *m, size_t start, size_t n,
                              const struct group *g, const struct view *v)
{
    struct strbuf sb = STRBUF_INIT;
    char label[PORTS_LABEL_MAX], last[PORTS_LABEL_MAX];
    size_t i;
    int dir;

    for (dir = DIR_INGRESS; dir <= DIR_EGRESS; dir++) {
        int first = 1;
        last[0] = '\0';
        for (i = 0; i < n; i++) {
            const struct rule *r = m->rules[start + i];
            if ((int)r->dir != dir || r->peer_type != PEER_GROUP ||
                strcmp(r->peer, g->id) != 0 || !rule_shown(v, r))
                continue;
            ports_label(&r->ports, label);
            if (strcmp(label, last) == 0)
                continue;
            memcpy(last, label, sizeof(label));
            if (first) {
                if (sb.len)
                    strbuf_addch(&sb, '\n');
                strbuf_addstr(&sb, dir == DIR_INGRESS ? "self: " : "self (egress): ");
                first = 0;
            } else {
                strbuf_addstr(&sb, ", ");
            }
            strbuf_addstr(&sb, label);
        }
    }
    return sb.len ? strbuf_detach(&sb) : NULL;
}

static void build_edges(struct builder *b)
{
    const struct model *m = b->m;
    struct view *v = b->v;
    size_t i;

    for (i = 0; i < m->nrules; i++) {
        struct rule *r = m->rules[i];
        struct view_end own, peer = {NULL, NULL};

        if (!b->shown[r->group->index] || !rule_shown(v, r))
            continue;
        if (v->opts.hide_cidrs && r->peer_type == PEER_CIDR && !peer_is_internet(r->peer))
            continue;
        own = group_end(b, r->group);
        if (r->peer_type == PEER_GROUP) {
            const struct group *pg = model_find_group(m, r->peer);
            if (pg == r->group) {
                add_self(b, r);
                continue;
            }
            if (!b->shown[pg->index])
                continue;
            peer = group_end(b, pg);
        } else {
            peer.node = peer_node(b, r);
        }
        if (r->dir == DIR_INGRESS)
            add_edge(b, peer, own, r);
        else
            add_edge(b, own, peer, r);
    }
    for (i = 0; i < v->nedges; i++)
        xqsort(v->edges[i]->rules, v->edges[i]->nrules, sizeof(struct rule *), cmp_rule_in_edge);
}

char *view_edge_label(const struct view *v, const struct view_edge *e, size_t max)
{
    struct strbuf sb = STRBUF_INIT;
    char label[PORTS_LABEL_MAX], cur[PORTS_LABEL_MAX + 16], last[PORTS_LABEL_MAX + 16];
    size_t i, shown = 0, unique = 0;
    int pass;

    /* Pass 0 counts the distinct labels, pass 1 writes them. */
    for (pass = 0; pass < 2; pass++) {
        last[0] = '\0';
        for (i = 0; i < e->nrules; i++) {
            ports_label(&e->rules[i]->ports, label);
            snprintf(cur, sizeof(cur), "%s%s%s",
                     change_text(mark_of_rule(v->opts.marks, e->rules[i])->change)->symbol, label,
                     e->rules[i]->flags & RULE_CONDITIONAL ? " (if)" : "");
            if (strcmp(cur, last) == 0)
                continue;
            memcpy(last, cur, sizeof(cur));
            if (pass == 0) {
                unique++;
            } else if (unique > max && shown + 1 >= max) {
                strbuf_addf(&sb, ", +%zu more", unique - shown);
                break;
            } else {
                if (shown++)
                    strbuf_addstr(&sb, ", ");
                strbuf_addstr(&sb, cur);
            }
        }
    }
    return strbuf_detach(&sb);
}

/* ===== Building ===== */

struct view *view_build(const struct model *m, const struct view_options *opts)
{
    struct builder bb, *b = &bb;
    struct view *v = xcalloc(1, sizeof(*v));
    size_t ng = m->ngroups ? m->ngroups : 1;
    size_t i, r, color = 0, *first_rule, *nrules;

    memset(b, 0, sizeof(*b));
    v->model = m;
    v->opts = *opts;
    b->v = v;
    b->m = m;
    b->keys = strmap_new();
    b->address_node = strmap_new();
    b->cluster_of = xcalloc(ng, sizeof(*b->cluster_of));
    b->handle_of = xcalloc(ng, sizeof(*b->handle_of));
    b->region_of = xcalloc(ng, sizeof(*b->region_of));
    b->shown = xcalloc(ng, sizeof(*b->shown));
    b->color_of = xcalloc(ng, sizeof(*b->color_of));
    b->counter = xcalloc(ng, sizeof(*b->counter));
    b->touched = xcalloc(ng, sizeof(*b->touched));

    /* Which groups are shown, and in which VPC region. */
    select_groups(b);
    for (i = 0; i < m->ngroups; i++) {
        if (!b->shown[i])
            continue;
        b->region_of[i] = region_for(b, m->groups[i]->vpc);
        b->color_of[i] = color++;
    }
    collect_ranges(b);
    /* Laminar clusters, region by region. */
    for (r = 0; r < v->nregions; r++) {
        struct group **list = xcalloc(ng, sizeof(*list));
        size_t n = 0;
        for (i = 0; i < m->ngroups; i++)
            if (b->shown[i] && b->region_of[i] == v->regions[r])
                list[n++] = m->groups[i];
        select_clusters(b, list, n);
        free(list);
    }
    /* Crossing groups: a handle node each, and a colour for their badges. */
    for (i = 0; i < m->ngroups; i++) {
        struct group *g = m->groups[i];
        struct view_node *h;
        if (!b->shown[i] || b->cluster_of[i])
            continue;
        h = node_new(b, VNODE_HANDLE);
        h->group = g;
        h->label = g->name;
        h->region = b->region_of[i];
        b->handle_of[i] = h;
        APPEND(h->region->nodes, h->region->nnodes, h);
        v->crossing_color = xrealloc(v->crossing_color, (v->ncrossing + 1) * sizeof(size_t));
        v->crossing_color[v->ncrossing] = b->color_of[i];
        APPEND(v->crossing, v->ncrossing, g);
    }
    xqsort(v->regions, v->nregions, sizeof(*v->regions), cmp_region);
    for (r = 0; r < v->nregions; r++) {
        v->regions[r]->id = r;
        number_clusters(v, v->regions[r]->top, v->regions[r]->ntop, 0);
    }
    /* Each group's rules are one contiguous run of m->rules (sorted by group). */
    first_rule = xcalloc(ng, sizeof(*first_rule));
    nrules = xcalloc(ng, sizeof(*nrules));
    for (i = m->nrules; i-- > 0;) {
        first_rule[m->rules[i]->group->index] = i;
        nrules[m->rules[i]->group->index]++;
    }
    for (i = 0; i < v->nclusters; i++) {
        struct view_cluster *c = v->clusters[i];
        size_t gi = c->group->index;
        c->color = b->color_of[gi];
        c->self_label = self_label(m, first_rule[gi], nrules[gi], c->group, v);
    }
    for (i = 0; i < v->ncrossing; i++) {
        size_t gi = v->crossing[i]->index;
        b->handle_of[gi]->self_label =
            self_label(m, first_rule[gi], nrules[gi], v->crossing[i], v);
    }
    free(first_rule);
    free(nrules);
    place_ifaces(b);
    build_edges(b);

    for (i = 0; i < b->nkeys; i++)
        free(b->key_store[i]);
    free(b->key_store);
    strmap_free(b->keys);
    strmap_free(b->address_node);
    free(b->cluster_of);
    free(b->handle_of);
    free(b->region_of);
    free(b->shown);
    free(b->color_of);
    free(b->counter);
    free(b->touched);
    free(b->ranges);
    free(b->range_ids);
    return v;
}

void view_free(struct view *v)
{
    size_t i;
    if (!v)
        return;
    for (i = 0; i < v->nregions; i++) {
        free((char *)v->regions[i]->label);
        free(v->regions[i]->top);
        free(v->regions[i]->nodes);
        free(v->regions[i]);
    }
    for (i = 0; i < v->nclusters; i++) {
        free(v->clusters[i]->children);
        free(v->clusters[i]->nodes);
        free((char *)v->clusters[i]->self_label);
        free(v->clusters[i]);
    }
    for (i = 0; i < v->nnodes; i++) {
        free(v->nodes[i]->ifaces);
        free(v->nodes[i]->badges);
        if (v->nodes[i]->type == VNODE_HANDLE)
            free((char *)v->nodes[i]->self_label);
        free(v->nodes[i]);
    }
    for (i = 0; i < v->nedges; i++) {
        free(v->edges[i]->rules);
        free(v->edges[i]);
    }
    free(v->regions);
    free(v->clusters);
    free(v->nodes);
    free(v->outside);
    free(v->edges);
    free(v->crossing);
    free(v->crossing_color);
    free(v);
}

enum change view_node_change(const struct view *v, const struct view_node *n)
{
    const struct marks *mk = v->opts.marks;
    size_t i;
    if (!n->nifaces)
        return CHANGE_NONE;
    for (i = 1; i < n->nifaces; i++)
        if (mark_of_iface(mk, n->ifaces[i])->change != mark_of_iface(mk, n->ifaces[0])->change)
            return CHANGE_CHANGED;
    return mark_of_iface(mk, n->ifaces[0])->change;
}

enum change view_edge_change(const struct view *v, const struct view_edge *e)
{
    const struct marks *mk = v->opts.marks;
    size_t i;
    for (i = 1; i < e->nrules; i++)
        if (mark_of_rule(mk, e->rules[i])->change != mark_of_rule(mk, e->rules[0])->change)
            return CHANGE_CHANGED;
    return e->nrules ? mark_of_rule(mk, e->rules[0])->change : CHANGE_NONE;
}

int view_node_conditional(const struct view_node *n)
{
    size_t i, j;
    for (i = 0; i < n->nifaces; i++) {
        if (n->ifaces[i]->conditional)
            return 1;
        for (j = 0; j < n->ifaces[i]->ngroups; j++)
            if (n->ifaces[i]->group_conditional[j])
                return 1;
    }
    return 0;
}

/* Append the VPCs groups and interfaces are in, "a, b, c", to sb. */
static void list_vpcs(const struct model *m, struct strbuf *sb)
{
    struct strmap *seen = strmap_new();
    size_t i, n = 0;

    for (i = 0; i < m->ngroups + m->nifaces; i++) {
        const char *vpc = i < m->ngroups ? m->groups[i]->vpc : m->ifaces[i - m->ngroups]->vpc;
        if (!vpc || strmap_get(seen, vpc))
            continue;
        strmap_put(seen, vpc, (void *)vpc);
        if (n++ == 8) {
            strbuf_addstr(sb, ", ...");
            break;
        }
        strbuf_addf(sb, "%s%s", n > 1 ? ", " : "", vpc);
    }
    if (!n)
        strbuf_addstr(sb, "none");
    strmap_free(seen);
}

int view_check_options(const struct model *m, const struct view_options *o, struct strbuf *why)
{
    size_t i, j;

    if (o->vpc) {
        for (i = 0; i < m->ngroups; i++)
            if (vpc_matches(m, m->groups[i]->vpc, o->vpc))
                break;
        for (j = 0; i == m->ngroups && j < m->nifaces; j++)
            if (vpc_matches(m, m->ifaces[j]->vpc, o->vpc))
                break;
        if (i == m->ngroups && j == m->nifaces) {
            strbuf_addf(why, "no VPC '%s' in the inputs (they hold VPCs: ", o->vpc);
            list_vpcs(m, why);
            strbuf_addch(why, ')');
            return -1;
        }
    }
    for (j = 0; j < o->nfocus; j++) {
        for (i = 0; i < m->ngroups; i++)
            if (matches_any(&o->focus[j], 1, m->groups[i]))
                break;
        if (i == m->ngroups) {
            struct suggest s;
            suggest_init(&s, o->focus[j]);
            for (i = 0; i < m->ngroups; i++) {
                suggest_consider(&s, m->groups[i]->name);
                suggest_consider(&s, m->groups[i]->alias);
                suggest_consider(&s, m->groups[i]->id);
            }
            strbuf_addf(why,
                        "--group '%s' matches no group's name, GroupName or id" SUGGEST_FMT,
                        o->focus[j], SUGGEST_ARGS(suggest_best(&s)));
            return -1;
        }
    }
    return 0;
}

int view_is_empty(const struct view *v)
{
    return v->nclusters == 0 && v->nnodes == 0;
}

enum change *view_peer_changes(const struct view *v)
{
    enum change *change = xcalloc(v->nnodes ? v->nnodes : 1, sizeof(*change));
    unsigned char *seen = xcalloc(v->nnodes ? v->nnodes : 1, 1);
    size_t i, k;

    for (i = 0; i < v->nedges; i++) {
        const struct view_edge *e = v->edges[i];
        enum change c = view_edge_change(v, e);
        const struct view_node *ends[2] = {e->from.node, e->to.node};
        if (c == CHANGE_CHANGED)
            c = CHANGE_NONE;
        for (k = 0; k < 2; k++) {
            const struct view_node *n = ends[k];
            if (!n || n->type == VNODE_IFACE || n->type == VNODE_HANDLE)
                continue;
            if (!seen[n->id]) {
                seen[n->id] = 1;
                change[n->id] = c;
            } else if (change[n->id] != c) {
                change[n->id] = CHANGE_NONE;
            }
        }
    }
    free(seen);
    return change;
}
