/*
 * view_edges.c - the edges of a view: one per source, destination and
 * direction, carrying the rules it stands for, and the "self: ..." marks
 * of rules among the groups of one cluster; the merged labels of edges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "view_internal.h"

static struct view_end group_end(struct builder *b, const struct group *g)
{
    struct view_end e = {b->cluster_of[g->index], b->handle_of[g->index]};
    return e;
}

/* Append an end's key, c<id> or n<id>, to sb. */
static void end_key(struct strbuf *sb, const struct view_end *e)
{
    strbuf_addch(sb, e->cluster ? 'c' : 'n');
    strbuf_adduint(sb, e->cluster ? e->cluster->id : e->node->id);
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
            e->nested = view_cluster_encloses(from.cluster, to.cluster) || view_cluster_encloses(to.cluster, from.cluster);
        else if (from.cluster && to.node && to.node->cluster)
            e->nested = view_cluster_encloses(from.cluster, to.node->cluster);
        else if (to.cluster && from.node && from.node->cluster)
            e->nested = view_cluster_encloses(to.cluster, from.node->cluster);
        strmap_put(b->keys, builder_key(b, strbuf_detach(&key)), e);
        APPEND(v->edges, v->nedges, e);
    }
    if (!(r->flags & RULE_STALE))
        e->stale = 0;
    APPEND(e->rules, e->nrules, r);
}

int rule_shown(const struct view *v, const struct rule *r)
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

/* ===== Self marks ===== */

static int cmp_rule_index(const void *a, const void *b)
{
    const struct rule *x = *(struct rule *const *)a, *y = *(struct rule *const *)b;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_rule_ports(const void *a, const void *b)
{
    const struct rule *x = *(struct rule *const *)a, *y = *(struct rule *const *)b;
    return ports_compare(&x->ports, &y->ports);
}

/*
 * The rules of a class's groups whose peer is one of those groups (its own
 * or one with the same members) are shown on its cluster or handle, not
 * as arrows: "self: tcp/9999" (ingress) and "self (egress): ..." lines,
 * each port label once. *rules gets them in model order.
 */
static const char *self_mark(struct builder *b, struct group *const *groups, size_t ngroups,
                             struct rule ***rules, size_t *nrules)
{
    const struct model *m = b->m;
    struct rule **sorted;
    struct strbuf sb = STRBUF_INIT;
    char label[PORTS_LABEL_MAX], last[PORTS_LABEL_MAX];
    size_t i, j, n = 0;
    int dir;

    *rules = NULL;
    for (i = 0; i < ngroups; i++) {
        const struct group *g = groups[i];
        for (j = b->first_rule[g->index]; j < m->nrules && m->rules[j]->group == g; j++) {
            struct rule *r = m->rules[j];
            const struct group *pg;
            if (r->peer_type != PEER_GROUP || !rule_shown(b->v, r) ||
                !(pg = model_find_group(m, r->peer)) || !b->shown[pg->index] ||
                b->class_of[pg->index] != b->class_of[g->index])
                continue;
            APPEND(*rules, n, r);
        }
    }
    *nrules = n;
    if (!n)
        return NULL;
    xqsort(*rules, n, sizeof(**rules), cmp_rule_index);
    sorted = xcalloc(n, sizeof(*sorted));
    memcpy(sorted, *rules, n * sizeof(*sorted));
    xqsort(sorted, n, sizeof(*sorted), cmp_rule_ports);
    for (dir = DIR_INGRESS; dir <= DIR_EGRESS; dir++) {
        int first = 1;
        last[0] = '\0';
        for (i = 0; i < n; i++) {
            if ((int)sorted[i]->dir != dir)
                continue;
            ports_label(&sorted[i]->ports, label);
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
    free(sorted);
    return strbuf_detach(&sb);
}

void build_self_marks(struct builder *b)
{
    struct view *v = b->v;
    size_t i;

    for (i = 0; i < v->nclusters; i++) {
        struct view_cluster *c = v->clusters[i];
        c->self_label = self_mark(b, c->groups, c->ngroups, &c->self_rules, &c->nself_rules);
    }
    for (i = 0; i < v->nnodes; i++) {
        struct view_node *h = v->nodes[i];
        if (h->type == VNODE_HANDLE)
            h->self_label =
                self_mark(b, h->groups, h->ngroups, &h->self_rules, &h->nself_rules);
    }
}

/* ===== Edges ===== */

void build_edges(struct builder *b)
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
            /* Among the groups of one cluster: its self mark. */
            if (!b->shown[pg->index] || b->class_of[pg->index] == b->class_of[r->group->index])
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
