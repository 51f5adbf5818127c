/*
 * view_id.c - the names of what is drawn that every writer shares: the
 * stable ids of frames, clusters, nodes and edges (see view.h), the names
 * of an edge's ends and the style of an edge.
 */
#include "strbuf.h"
#include "view.h"

void view_id_text(struct strbuf *sb, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)text;

    while (*p) {
        const unsigned char *run = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
               *p == '.' || *p == '_' || *p == ':' || *p == '/' || *p == '-')
            p++;
        strbuf_add(sb, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        strbuf_addch(sb, '~');
        strbuf_addch(sb, hex[*p >> 4]);
        strbuf_addch(sb, hex[*p & 15]);
        p++;
    }
}

void view_region_id(struct strbuf *sb, const struct view_region *r)
{
    strbuf_addstr(sb, "v-");
    view_id_text(sb, r->vpc_id ? r->vpc_id : "");
}

void view_cluster_id(struct strbuf *sb, const struct view_cluster *c)
{
    strbuf_addstr(sb, "c-");
    view_id_text(sb, c->group->id);
}

void view_node_id(struct strbuf *sb, const struct view_node *n)
{
    switch (n->type) {
    case VNODE_IFACE:
        strbuf_addstr(sb, "n-");
        view_id_text(sb, n->ifaces[0]->id);
        return;
    case VNODE_HANDLE:
        strbuf_addstr(sb, "h-");
        view_id_text(sb, n->group->id);
        return;
    case VNODE_EXPRESSION:
        /* Free text: kept apart from the ids of the other peers. */
        strbuf_addstr(sb, "x-");
        break;
    default:
        strbuf_addstr(sb, "p-");
        break;
    }
    view_id_text(sb, n->peer);
}

void view_end_id(struct strbuf *sb, const struct view_end *e)
{
    if (e->cluster)
        view_cluster_id(sb, e->cluster);
    else
        view_node_id(sb, e->node);
}

/* Names of groups drawn as one: "a = b". */
static void group_names(struct strbuf *sb, struct group *const *groups, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        strbuf_addf(sb, "%s%s", i ? " = " : "", groups[i]->name);
}

void view_end_name(struct strbuf *sb, const struct view_end *e)
{
    if (e->cluster)
        group_names(sb, e->cluster->groups, e->cluster->ngroups);
    else if (e->node->type == VNODE_HANDLE)
        group_names(sb, e->node->groups, e->node->ngroups);
    else
        strbuf_addstr(sb, e->node->label && e->node->type == VNODE_IFACE ? e->node->label
                                                                         : e->node->peer);
}

static const struct {
    const char *name;
    const char *meaning;
} styles[EDGE_STYLE_COUNT] = {
    [EDGE_FLOW] = {"flow", "allowed by both sides"},
    [EDGE_INGRESS_ONLY] = {"ingress-only",
                           "allowed by the destination's ingress, blocked by the source's egress"},
    [EDGE_EGRESS_ONLY] = {"egress-only",
                          "allowed by the source's egress, blocked by the destination's ingress"},
    [EDGE_INGRESS] = {"ingress", "ingress rules, from the peer to the group"},
    [EDGE_EGRESS] = {"egress", "egress rules, from the group to the peer"},
};

const char *view_style_name(enum edge_style s)
{
    return styles[(unsigned)s < EDGE_STYLE_COUNT ? s : EDGE_FLOW].name;
}

const char *view_style_meaning(enum edge_style s)
{
    return styles[(unsigned)s < EDGE_STYLE_COUNT ? s : EDGE_FLOW].meaning;
}

const char *view_edge_style(const struct view_edge *e)
{
    return view_style_name(e->style);
}

void view_edge_id(struct strbuf *sb, const struct view_edge *e)
{
    /* ',' is never inside an end's id, so the two ends are told apart. */
    strbuf_addstr(sb, "e-");
    strbuf_addstr(sb, view_edge_style(e));
    strbuf_addch(sb, '-');
    view_end_id(sb, &e->from);
    strbuf_addch(sb, ',');
    view_end_id(sb, &e->to);
}

