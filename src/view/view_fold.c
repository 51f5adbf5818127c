/*
 * view_fold.c - the group-level overview's hubs: a box or peer with more
 * than VIEW_HUB_ARROWS arrows (a bastion or monitoring group every app
 * trusts, the internet, a folded CIDR range) would draw hundreds of lines
 * across the drawing, each with its label, and decide the whole layout.
 * Its arrows are folded instead: each becomes a line of the box at its
 * other end ("from bastion-0: tcp/22", "to private networks: tcp/443
 * (egress-only)"), and the hub says how many it folded. The arrows stay in
 * the view (the view dump lists them, marked folded), so every rule is
 * still carried by one.
 */
#include <stdlib.h>
#include <string.h>

#include "view_internal.h"

/* Labels written on a folded line before "+N more". */
#define FOLD_LABEL_MAX 4

static struct view_node *end_node(const struct view_end *e)
{
    return e->cluster ? NULL : e->node;
}

/* The name of a node as a folded line gives it. */
static void hub_name(struct strbuf *sb, const struct view_node *n)
{
    struct view_end e = {NULL, (struct view_node *)n};

    if (n->type == VNODE_CIDR && peer_is_internet(n->peer))
        strbuf_addf(sb, "internet (%s%s%s)", n->peer, n->also ? ", " : "", n->also ? n->also : "");
    else if (n->type != VNODE_HANDLE && n->type != VNODE_IFACE && n->label)
        strbuf_addstr(sb, n->label);
    else
        view_end_name(sb, &e);
}

/* "from bastion-0: tcp/22 [4]" appended to the lines of n. */
static void add_line(struct strbuf *lines, const struct view *v, const struct view_edge *e,
                     const struct view_node *other, int incoming)
{
    char *label = view_edge_label(v, e, FOLD_LABEL_MAX);

    if (lines->len)
        strbuf_addch(lines, '\n');
    strbuf_addstr(lines, incoming ? "from " : "to ");
    hub_name(lines, other);
    strbuf_addf(lines, ": %s", label);
    if (e->style != EDGE_FLOW)
        strbuf_addf(lines, " (%s)", view_edge_style(e));
    if (e->ref)
        strbuf_addf(lines, " [%zu]", e->ref);
    free(label);
}

void fold_hubs(struct builder *b)
{
    struct view *v = b->v;
    size_t *arrows, *folded, i;
    struct strbuf *lines;

    if (!view_is_overview(v))
        return;
    arrows = xcalloc(v->nnodes, sizeof(*arrows));
    folded = xcalloc(v->nnodes, sizeof(*folded));
    lines = xcalloc(v->nnodes, sizeof(*lines));
    for (i = 0; i < v->nedges; i++) {
        struct view_node *from = end_node(&v->edges[i]->from), *to = end_node(&v->edges[i]->to);
        if (from)
            arrows[from->id]++;
        if (to && to != from)
            arrows[to->id]++;
    }
    for (i = 0; i < v->nedges; i++) {
        struct view_edge *e = v->edges[i];
        struct view_node *from = end_node(&e->from), *to = end_node(&e->to);
        int hub_from = from && arrows[from->id] > VIEW_HUB_ARROWS;
        int hub_to = to && arrows[to->id] > VIEW_HUB_ARROWS;

        if (!from || !to || from == to || !(hub_from || hub_to))
            continue;
        e->folded = 1;
        if (hub_from)
            folded[from->id]++;
        if (hub_to)
            folded[to->id]++;
        /* The line goes to each end that is no hub; between two hubs, to
         * the source. */
        if (!hub_to)
            add_line(&lines[to->id], v, e, from, 1);
        if (!hub_from || hub_to)
            add_line(&lines[from->id], v, e, to, 0);
    }
    for (i = 0; i < v->nnodes; i++) {
        struct view_node *n = v->nodes[i];
        if (folded[i]) {
            if (lines[i].len)
                strbuf_addch(&lines[i], '\n');
            strbuf_addf(&lines[i], "%zu arrows folded\n(the boxes they join list them)",
                        folded[i]);
        }
        n->folded = lines[i].len ? strbuf_detach(&lines[i]) : NULL;
        strbuf_release(&lines[i]);
    }
    free(arrows);
    free(folded);
    free(lines);
}
