/*
 * view_edges.c - the edges of a view and the "self: ..." marks of rules
 * among the groups of one cluster. By default the rules between two ends
 * are gathered into a pair (view_flows.c turns each into a flow and
 * half-open arrows); with --rules each rule direction between two ends is
 * one arrow. The internet is one node when 0.0.0.0/0 and ::/0 have the
 * same arrows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "view_internal.h"

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

/* The cluster an end is drawn in: its own, or its node's. */
static const struct view_cluster *end_cluster(const struct view_end *e)
{
    return e->cluster ? e->cluster : e->node ? e->node->cluster : NULL;
}

void edge_place(struct builder *b, struct view_edge *e, struct view_end from,
                struct view_end to, enum edge_style style)
{
    struct view *v = b->v;

    e->from = from;
    e->to = to;
    e->style = style;
    if (from.cluster && end_cluster(&to))
        e->nested = view_cluster_encloses(from.cluster, end_cluster(&to));
    if (to.cluster && end_cluster(&from))
        e->nested |= view_cluster_encloses(to.cluster, end_cluster(&from));
    APPEND(v->edges, v->nedges, e);
}

/* --rules: the edge of one rule direction between two ends. */
static void add_rule_edge(struct builder *b, struct view_end from, struct view_end to,
                          struct rule *r)
{
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
        edge_place(b, e, from, to, r->dir == DIR_INGRESS ? EDGE_INGRESS : EDGE_EGRESS);
        strmap_put(b->keys, builder_key(b, strbuf_detach(&key)), e);
    }
    APPEND(e->rules, e->nrules, r);
}

/* ===== Pairs ===== */

struct pairs {
    struct pair **list;
    size_t n;
};

/* The pair from one end to the other, made when first met. */
static struct pair *pair_of(struct builder *b, struct pairs *ps, struct view_end from,
                            struct view_end to)
{
    struct strbuf key = STRBUF_INIT;
    struct pair *p;

    strbuf_addstr(&key, "pair\n");
    end_key(&key, &from);
    strbuf_addch(&key, '\n');
    end_key(&key, &to);
    p = strmap_get(b->keys, key.buf);
    if (p) {
        strbuf_release(&key);
        return p;
    }
    p = xcalloc(1, sizeof(*p));
    p->from = from;
    p->to = to;
    strmap_put(b->keys, builder_key(b, strbuf_detach(&key)), p);
    APPEND(ps->list, ps->n, p);
    return p;
}

/* The groups an end stands for (none for a peer). */
static struct group *const *end_groups(const struct view_end *e, size_t *n)
{
    if (e->cluster) {
        *n = e->cluster->ngroups;
        return e->cluster->groups;
    }
    *n = e->node->type == VNODE_HANDLE ? e->node->ngroups : 0;
    return e->node->groups;
}

/* Is a group of the end not in the input, so that its rules are unknown? */
static int end_unknown(const struct view_end *e)
{
    size_t i, n;
    struct group *const *g = end_groups(e, &n);
    for (i = 0; i < n; i++)
        if (!g[i]->declared)
            return 1;
    return 0;
}

/* Does the CIDR hold every address of the group's members (all known)? */
static int cidr_holds_members(const struct group *g, const char *peer)
{
    struct cidr outer, addr;
    size_t i, j;

    if (!g->nmembers || cidr_parse(peer, &outer) < 0)
        return 0;
    for (i = 0; i < g->nmembers; i++) {
        const struct iface *ifc = g->members[i];
        if (!ifc->naddresses)
            return 0;
        for (j = 0; j < ifc->naddresses; j++)
            if (cidr_parse(ifc->addresses[j], &addr) < 0 || !cidr_contains(&outer, &addr))
                return 0;
    }
    return 1;
}

/* The egress of the source's groups that reaches the destination without
 * naming it: to the internet, or to a CIDR that holds all its members. */
static void find_wide(struct builder *b, struct pair *p)
{
    const struct model *m = b->m;
    size_t i, j, n, nd;
    struct group *const *src = end_groups(&p->from, &n);
    struct group *const *dst = end_groups(&p->to, &nd);

    for (i = 0; i < n; i++) {
        for (j = b->first_rule[src[i]->index]; j < m->nrules && m->rules[j]->group == src[i];
             j++) {
            struct rule *r = m->rules[j];
            if (r->dir == DIR_EGRESS && r->peer_type == PEER_CIDR &&
                (peer_is_internet(r->peer) || cidr_holds_members(dst[0], r->peer)))
                APPEND(p->wide, p->nwide, r);
        }
    }
}

/* Is r drawn as an arrow to or from a peer node? */
static int peer_rule_drawn(const struct view *v, const struct rule *r)
{
    return rule_shown(v, r) &&
           !(v->opts.hide_cidrs && r->peer_type == PEER_CIDR && !peer_is_internet(r->peer));
}

/*
 * The ends of a rule of a drawn group: its group's, and its peer's (a
 * drawn group's cluster or node, or a peer node). Returns 0 when no arrow
 * stands for it: its peer is a group not drawn or of its own cluster (a
 * self mark), or it is hidden (--egress, --hide-cidrs); a hidden rule
 * between groups still counts when hidden_too is set.
 */
static int rule_ends(struct builder *b, struct rule *r, int hidden_too, struct view_end *own,
                     struct view_end *other)
{
    other->cluster = NULL;
    other->node = NULL;
    if (!b->shown[r->group->index])
        return 0;
    *own = group_end(b, r->group);
    if (r->peer_type == PEER_GROUP) {
        const struct group *pg = model_find_group(b->m, r->peer);
        if (!b->shown[pg->index] || b->class_of[pg->index] == b->class_of[r->group->index] ||
            (!hidden_too && !rule_shown(b->v, r)))
            return 0;
        /* --depth 0: only the focus's own rules, which end in stubs. */
        if (b->shown[pg->index] == SHOWN_STUB && b->shown[r->group->index] == SHOWN_STUB &&
            b->v->opts.depth == 0)
            return 0;
        *other = group_end(b, pg);
        return 1;
    }
    /* A stub stands for its rules with the groups drawn, no others. */
    if (b->shown[r->group->index] == SHOWN_STUB || !peer_rule_drawn(b->v, r))
        return 0;
    other->node = peer_node(b, r);
    return 1;
}

/*
 * Gather every rule of the drawn groups into pairs of ends: a rule whose
 * peer is a drawn group joins the pair of the two clusters (hidden egress
 * too: the AWS default egress allows what it is not drawn for); a rule
 * whose peer is no group joins the pair of its group and the peer's node,
 * where the group's side alone decides.
 */
static void gather_pairs(struct builder *b, struct pairs *ps)
{
    const struct model *m = b->m;
    size_t i;

    for (i = 0; i < m->nrules; i++) {
        struct rule *r = m->rules[i];
        struct view_end own, other;
        struct pair *p;

        if (!rule_ends(b, r, 1, &own, &other))
            continue;
        if (r->dir == DIR_INGRESS) {
            p = pair_of(b, ps, other, own);
            APPEND(p->in, p->nin, r);
            p->out_all = r->peer_type != PEER_GROUP;
        } else {
            p = pair_of(b, ps, own, other);
            APPEND(p->out, p->nout, r);
            p->in_all = r->peer_type != PEER_GROUP;
        }
    }
    for (i = 0; i < ps->n; i++) {
        struct pair *p = ps->list[i];
        if (p->in_all || p->out_all)
            continue;
        p->out_all = end_unknown(&p->from);
        p->in_all = end_unknown(&p->to);
        find_wide(b, p);
    }
}

static void gather_rules(struct builder *b)
{
    const struct model *m = b->m;
    size_t i;

    for (i = 0; i < m->nrules; i++) {
        struct rule *r = m->rules[i];
        struct view_end own, peer;

        if (!rule_ends(b, r, 0, &own, &peer))
            continue;
        if (r->dir == DIR_INGRESS)
            add_rule_edge(b, peer, own, r);
        else
            add_rule_edge(b, own, peer, r);
    }
    for (i = 0; i < b->v->nedges; i++)
        rule_labels(b, b->v->edges[i]);
}

/* The stub at the other end of a group rule, or NULL. */
static struct view_node *peer_stub(struct builder *b, const struct rule *r)
{
    const struct group *pg;
    if (r->peer_type != PEER_GROUP || !(pg = model_find_group(b->m, r->peer)) ||
        b->shown[pg->index] != SHOWN_STUB || pg == r->group)
        return NULL;
    return b->handle_of[pg->index];
}

/* A stub's rules, its own and those naming it, that no arrow stands for
 * (a self mark aside). */
void count_beyond(struct builder *b)
{
    const struct model *m = b->m;
    size_t i;

    for (i = 0; i < m->nrules; i++) {
        struct rule *r = m->rules[i];
        struct view_end own, other;
        struct view_node *ps = peer_stub(b, r);
        const struct group *pg;

        if ((b->shown[r->group->index] != SHOWN_STUB && !ps) || !rule_shown(b->v, r) ||
            rule_ends(b, r, 0, &own, &other))
            continue;
        if (r->peer_type == PEER_GROUP && (pg = model_find_group(m, r->peer)) != NULL &&
            b->shown[pg->index] && b->shown[r->group->index] &&
            b->class_of[pg->index] == b->class_of[r->group->index])
            continue;
        if (b->shown[r->group->index] == SHOWN_STUB)
            b->handle_of[r->group->index]->beyond++;
        if (ps && ps != b->handle_of[r->group->index])
            ps->beyond++;
    }
}

/* ===== One internet ===== */

/* An edge as seen from its peer node n: which end n is, the other end,
 * the style and the labels. */
static char *edge_signature(const struct view_edge *e, const struct view_node *n)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    strbuf_addstr(&sb, e->from.node == n ? "from " : "to ");
    end_key(&sb, e->from.node == n ? &e->to : &e->from);
    strbuf_addf(&sb, " %d", (int)e->style);
    for (i = 0; i < e->nlabels; i++)
        strbuf_addf(&sb, "\n%s %d %d", e->labels[i].text, (int)e->labels[i].change,
                    e->labels[i].conditional);
    return strbuf_detach(&sb);
}

struct signed_edge {
    char *sig;
    struct view_edge *e;
};

static int cmp_signed(const void *a, const void *b)
{
    return strcmp(((const struct signed_edge *)a)->sig, ((const struct signed_edge *)b)->sig);
}

/* The edges of a peer node with their signatures, sorted by them. */
static struct signed_edge *signed_edges(const struct view *v, const struct view_node *n,
                                        size_t *count)
{
    struct signed_edge *list = xcalloc(v->nedges ? v->nedges : 1, sizeof(*list));
    size_t i, k = 0;

    for (i = 0; i < v->nedges; i++) {
        struct view_edge *e = v->edges[i];
        if (e->from.node != n && e->to.node != n)
            continue;
        list[k].sig = edge_signature(e, n);
        list[k++].e = e;
    }
    xqsort(list, k, sizeof(*list), cmp_signed);
    *count = k;
    return list;
}

static struct view_node *internet_node(struct builder *b, const char *cidr)
{
    char *key = xasprintf("peer\n%d\n%s", (int)PEER_CIDR, cidr);
    struct view_node *n = strmap_get(b->keys, key);
    free(key);
    return n;
}

static void drop_node(struct view *v, struct view_node *gone)
{
    size_t i, k;
    for (i = k = 0; i < v->nnodes; i++)
        if (v->nodes[i] != gone) {
            v->nodes[k] = v->nodes[i];
            v->nodes[k]->id = k;
            k++;
        }
    v->nnodes = k;
    for (i = k = 0; i < v->noutside; i++)
        if (v->outside[i] != gone)
            v->outside[k++] = v->outside[i];
    v->noutside = k;
    v->ncidr_nodes--;
    free(gone);
}

/*
 * 0.0.0.0/0 and ::/0 are one internet node when their arrows are the same
 * (the same other ends, styles and labels): the IPv6 arrows' rules join
 * the IPv4 ones and its node goes.
 */
static void merge_internets(struct builder *b)
{
    struct view *v = b->v;
    struct view_node *v4 = internet_node(b, "0.0.0.0/0"), *v6 = internet_node(b, "::/0");
    struct signed_edge *a, *c;
    size_t na, nc, i, j, k;
    int same;

    if (!v4 || !v6)
        return;
    a = signed_edges(v, v4, &na);
    c = signed_edges(v, v6, &nc);
    same = na == nc;
    for (i = 0; same && i < na; i++)
        same = strcmp(a[i].sig, c[i].sig) == 0;
    for (i = 0; same && i < na; i++) {
        struct view_edge *keep = a[i].e, *gone = c[i].e;
        for (j = 0; j < gone->nrules; j++)
            APPEND(keep->rules, keep->nrules, gone->rules[j]);
        xqsort(keep->rules, keep->nrules, sizeof(*keep->rules), cmp_rule_in_edge);
        for (j = 0; j < gone->nlabels; j++)
            free(gone->labels[j].text);
        free(gone->labels);
        free(gone->rules);
        for (j = k = 0; j < v->nedges; j++)
            if (v->edges[j] != gone)
                v->edges[k++] = v->edges[j];
        v->nedges = k;
        free(gone);
    }
    if (same) {
        v4->also = v6->peer;
        drop_node(v, v6);
    }
    for (i = 0; i < na; i++)
        free(a[i].sig);
    for (i = 0; i < nc; i++)
        free(c[i].sig);
    free(a);
    free(c);
}

void build_edges(struct builder *b)
{
    struct view *v = b->v;
    struct pairs ps = {NULL, 0};
    size_t i, j;

    if (v->opts.rules) {
        gather_rules(b);
    } else {
        gather_pairs(b, &ps);
        for (i = 0; i < ps.n; i++) {
            flow_edges(b, ps.list[i]);
            free(ps.list[i]->in);
            free(ps.list[i]->out);
            free(ps.list[i]->wide);
            free(ps.list[i]);
        }
        free(ps.list);
    }
    for (i = 0; i < v->nedges; i++) {
        struct view_edge *e = v->edges[i];
        e->stale = 1;
        for (j = 0; j < e->nrules; j++)
            if (!(e->rules[j]->flags & RULE_STALE))
                e->stale = 0;
    }
    merge_internets(b);
}

/* ===== Labels ===== */

void view_label_text(struct strbuf *sb, const struct view_label *l)
{
    strbuf_addstr(sb, change_text(l->change)->symbol);
    strbuf_addstr(sb, l->text);
    if (l->conditional)
        strbuf_addstr(sb, " (if)");
}

char *view_edge_label(const struct view *v, const struct view_edge *e, size_t max)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    (void)v;
    for (i = 0; i < e->nlabels; i++) {
        if (e->nlabels > max && i + 1 >= max) {
            strbuf_addf(&sb, ", +%zu more", e->nlabels - i);
            break;
        }
        if (i)
            strbuf_addstr(&sb, ", ");
        view_label_text(&sb, &e->labels[i]);
    }
    return strbuf_detach(&sb);
}
