/*
 * view.c - turns a finished model into what is drawn (see view.h): runs
 * the steps (groups shown, regions and clusters, nodes, edges) and
 * answers questions about the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view_internal.h"

/* Keep a key string alive for the builder's maps. */
const char *builder_key(struct builder *b, char *key)
{
    XGROW(b->key_store, b->keys_alloc, b->nkeys + 1);
    b->key_store[b->nkeys++] = key;
    return key;
}

/* ===== Building ===== */

struct view *view_build(const struct model *m, const struct view_options *opts)
{
    struct builder bb, *b = &bb;
    struct view *v = xcalloc(1, sizeof(*v));
    size_t ng = m->ngroups ? m->ngroups : 1;
    size_t i;

    memset(b, 0, sizeof(*b));
    v->model = m;
    v->opts = *opts;
    v->badge_tag = xcalloc(ng, sizeof(*v->badge_tag));
    b->v = v;
    b->m = m;
    b->keys = strmap_new();
    b->address_node = strmap_new();
    b->cluster_of = xcalloc(ng, sizeof(*b->cluster_of));
    b->handle_of = xcalloc(ng, sizeof(*b->handle_of));
    b->region_of = xcalloc(ng, sizeof(*b->region_of));
    b->class_of = xcalloc(ng, sizeof(*b->class_of));
    b->group_vpc = xcalloc(ng, sizeof(*b->group_vpc));
    b->iface_vpc = xcalloc(m->nifaces ? m->nifaces : 1, sizeof(*b->iface_vpc));
    b->first_rule = xcalloc(ng, sizeof(*b->first_rule));
    b->shown = xcalloc(ng, sizeof(*b->shown));
    b->counter = xcalloc(ng, sizeof(*b->counter));
    b->touched = xcalloc(ng, sizeof(*b->touched));
    /* Each group's rules are one contiguous run of m->rules (sorted by group). */
    for (i = 0; i < m->ngroups; i++)
        b->first_rule[i] = m->nrules;
    for (i = m->nrules; i-- > 0;)
        b->first_rule[m->rules[i]->group->index] = i;

    resolve_vpcs(b);
    select_groups(b);
    collect_ranges(b);
    build_clusters(b);
    build_self_marks(b);
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
    free(b->class_of);
    free(b->classes); /* each class's groups now belong to its cluster or handle */
    free(b->group_vpc);
    free(b->iface_vpc);
    free(b->first_rule);
    free(b->shown);
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
        free(v->clusters[i]->groups);
        free((char *)v->clusters[i]->self_label);
        free(v->clusters[i]->self_rules);
        free(v->clusters[i]);
    }
    for (i = 0; i < v->nnodes; i++) {
        free(v->nodes[i]->ifaces);
        free(v->nodes[i]->badges);
        if (v->nodes[i]->type == VNODE_HANDLE) {
            free(v->nodes[i]->groups);
            free((char *)v->nodes[i]->self_label);
            free(v->nodes[i]->self_rules);
        }
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
    free(v->badged);
    free(v->badge_tag);
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

enum change view_groups_change(const struct view *v, struct group *const *groups, size_t n)
{
    const struct marks *mk = v->opts.marks;
    size_t i;
    for (i = 1; i < n; i++)
        if (mark_of_group(mk, groups[i])->change != mark_of_group(mk, groups[0])->change)
            return CHANGE_CHANGED;
    return n ? mark_of_group(mk, groups[0])->change : CHANGE_NONE;
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
            strbuf_addf(why, "--group '%s' matches no group's name, GroupName or id", o->focus[j]);
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
