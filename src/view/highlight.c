/*
 * highlight.c - the side table of highlight.h: which interfaces, groups,
 * rules and outside ends are on the paths of a reachability answer, and
 * whether a view's clusters, nodes and edges are.
 */
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "view.h"
#include "xalloc.h"

static unsigned char *flags(size_t n)
{
    return xcalloc(n ? n : 1, 1);
}

struct highlight *highlight_new(const struct model *m, const char *query)
{
    struct highlight *h = xcalloc(1, sizeof(*h));
    h->nifaces = m->nifaces;
    h->ngroups = m->ngroups;
    h->nrules = m->nrules;
    h->ifaces = flags(m->nifaces);
    h->groups = flags(m->ngroups);
    h->rules = flags(m->nrules);
    h->query = query ? xstrdup(query) : NULL;
    return h;
}

void highlight_free(struct highlight *h)
{
    size_t i;
    if (!h)
        return;
    for (i = 0; i < h->npeers; i++)
        free(h->peers[i]);
    free(h->peers);
    free(h->ifaces);
    free(h->groups);
    free(h->rules);
    free(h->query);
    free(h);
}

void highlight_add_iface(struct highlight *h, const struct iface *ifc)
{
    size_t i;
    h->ifaces[ifc->index] = 1;
    for (i = 0; i < ifc->ngroups; i++)
        h->groups[ifc->groups[i]->index] = 1;
}

void highlight_add_rule(struct highlight *h, const struct rule *r)
{
    h->rules[r->index] = 1;
}

static int has_peer(const struct highlight *h, const char *id)
{
    size_t i;
    for (i = 0; id && i < h->npeers; i++)
        if (strcmp(h->peers[i], id) == 0)
            return 1;
    return 0;
}

void highlight_add_peer(struct highlight *h, const char *id)
{
    if (has_peer(h, id))
        return;
    XGROW(h->peers, h->peers_alloc, h->npeers + 1);
    h->peers[h->npeers++] = xstrdup(id);
}

static int any_group(const struct highlight *h, struct group *const *groups, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (h->groups[groups[i]->index])
            return 1;
    return 0;
}

int highlight_cluster(const struct highlight *h, const struct view_cluster *c)
{
    return h && any_group(h, c->groups, c->ngroups);
}

int highlight_node(const struct highlight *h, const struct view_node *n)
{
    size_t i;

    if (!h)
        return 0;
    switch (n->type) {
    case VNODE_IFACE:
        for (i = 0; i < n->nifaces; i++)
            if (h->ifaces[n->ifaces[i]->index])
                return 1;
        return 0;
    case VNODE_HANDLE:
        return any_group(h, n->groups, n->ngroups);
    default:
        return has_peer(h, n->peer) || has_peer(h, n->also);
    }
}

int highlight_end(const struct highlight *h, const struct view_end *e)
{
    return e->cluster ? highlight_cluster(h, e->cluster) : highlight_node(h, e->node);
}

int highlight_edge(const struct highlight *h, const struct view_edge *e)
{
    size_t i;

    if (!h || !highlight_end(h, &e->from) || !highlight_end(h, &e->to))
        return 0;
    for (i = 0; i < e->nrules; i++)
        if (h->rules[e->rules[i]->index])
            return 1;
    return 0;
}
