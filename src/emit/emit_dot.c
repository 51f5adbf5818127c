/*
 * emit_dot.c - writes the view as Graphviz DOT text, styled by a theme.
 *
 * The text is written directly (not through agwrite) so that it is
 * byte-identical from run to run and every input string goes through one
 * escaper. DOT names are synthetic (cluster_N, nN, aN); the id attributes
 * are the view's stable ids (view_node_id() ...), which the SVG keeps and
 * the view dump lists. Input text is never a name or a URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "emit_internal.h"
#include "highlight.h"
#include "strbuf.h"
#include "xalloc.h"

#define EDGE_LABEL_MAX 6   /* labels shown on an edge before "+N more" */
#define TOOLTIP_MAX_IDS 20 /* interface ids listed in a node's tooltip */
#define LEGEND_MAX_ROWS 40 /* badge colours listed in the legend before "N more" */
#define GRID_MAX_NODES 200 /* drawings up to this many nodes lay members out in rows */

struct dot {
    struct strbuf out;
    const struct view *v;
    const struct theme *t;
    int packed; /* laid out by osage: clusters pack their children in columns */
    int grid;   /* small ranked drawing: unordered members in rows (grid_rows) */
    size_t overview_cols; /* the overview's columns (dot_grid.c), anchors not yet placed */
    enum change *peer_change; /* diff: per node id, the change of a peer node */
    size_t *block, *block_size; /* packed overview: each node's block (dot_grid.c) */
};

static void put(struct dot *d, const char *s)
{
    strbuf_addstr(&d->out, s);
}

static void indent(struct dot *d, size_t depth)
{
    size_t i;
    for (i = 0; i < depth; i++)
        strbuf_addch(&d->out, '\t');
}

/* name="escaped value" */
static void attr(struct dot *d, const char *name, const char *value)
{
    strbuf_addstr(&d->out, name);
    strbuf_addstr(&d->out, "=\"");
    escape_dot(&d->out, value);
    strbuf_addch(&d->out, '"');
}

static void attr_sep(struct dot *d, const char *name, const char *value)
{
    put(d, ", ");
    attr(d, name, value);
}

/* name="value" for tooltips, which Graphviz unescapes twice. */
static void attr_tooltip(struct dot *d, const char *name, const char *value, int sep)
{
    if (sep)
        strbuf_addstr(&d->out, ", ");
    strbuf_addstr(&d->out, name);
    strbuf_addstr(&d->out, "=\"");
    escape_dot_tooltip(&d->out, value);
    strbuf_addch(&d->out, '"');
}

/* The start of a node statement, nN [id="ID", (ids need no escaping). */
static void node_open(struct dot *d, const struct view_node *n)
{
    strbuf_addf(&d->out, "n%zu [id=\"", n->id);
    view_node_id(&d->out, n);
    put(d, "\", ");
}

static const char *th(const struct dot *d, const char *key)
{
    return theme_get(d->t, key);
}

/* ===== Highlight ===== */

/* A drawn answer (reach -o FILE.svg, render --highlight): what is on a path
 * drawn bold, the rest in the muted colour; as DOT attributes of a node or
 * an edge, or statements of a cluster. */
static void highlight_look(struct dot *d, int on, int cluster)
{
    const char *muted = th(d, "diff.muted");

    if (!d->v->opts.highlight)
        return;
    if (on)
        put(d, cluster ? "penwidth=3;\n" : ", penwidth=3");
    else
        strbuf_addf(&d->out, cluster ? "color=\"%s\"; fontcolor=\"%s\";\n"
                                     : ", color=\"%s\", fontcolor=\"%s\"",
                    muted, muted);
}

/* ===== Diff marks ===== */

static const char *change_key(enum change c)
{
    return change_text(c)->theme_key;
}

/* ===== Tooltips ===== */

static void group_tooltip(const struct dot *d, struct strbuf *sb, const struct group *g)
{
    const struct mark *k = mark_of_group(d->v->opts.marks, g);
    const char *note = note_of_group(d->v->opts.notes, g);

    strbuf_addf(sb, "security group %s", g->name);
    if (strcmp(g->name, g->id) != 0)
        strbuf_addf(sb, " (%s)", g->id);
    if (g->description && *g->description)
        strbuf_addf(sb, "\n%s", g->description);
    if (k->old_name)
        strbuf_addf(sb, "\nwas named: %s", k->old_name);
    if (k->old_description)
        strbuf_addf(sb, "\ndescription was: %s", k->old_description);
    if (!g->declared)
        strbuf_addstr(sb, "\n(rules not in the input)");
    if (g->conditional)
        strbuf_addstr(sb, "\nexists only if a template condition holds");
    if (note)
        strbuf_addf(sb, "\nreview:\n%s", note);
}

static void iface_tooltip(const struct dot *d, struct strbuf *sb, const struct view_node *n)
{
    size_t i;
    const struct iface *first = n->ifaces[0];

    strbuf_addstr(sb, n->label);
    strbuf_addstr(sb, " (");
    strbuf_addstr(sb, kind_name(first->kind));
    strbuf_addch(sb, ')');
    if (n->nifaces > 1)
        strbuf_addf(sb, ", %zu interfaces", n->nifaces);
    strbuf_addch(sb, '\n');
    for (i = 0; i < n->nifaces && i < TOOLTIP_MAX_IDS; i++) {
        if (i)
            strbuf_addstr(sb, ", ");
        strbuf_addstr(sb, n->ifaces[i]->id);
        /* A region of interfaces with different names: each one's. */
        if (n->labels && n->ifaces[i]->label && strcmp(n->ifaces[i]->label, n->ifaces[i]->id))
            strbuf_addf(sb, " (%s)", n->ifaces[i]->label);
    }
    if (n->nifaces > TOOLTIP_MAX_IDS)
        strbuf_addf(sb, " and %zu more", n->nifaces - TOOLTIP_MAX_IDS);
    if (first->ngroups) {
        strbuf_addstr(sb, "\ngroups: ");
        for (i = 0; i < first->ngroups; i++) {
            if (i)
                strbuf_addstr(sb, ", ");
            strbuf_addstr(sb, first->groups[i]->name);
            if (first->group_conditional[i])
                strbuf_addstr(sb, " (if a condition holds)");
        }
    } else {
        strbuf_addstr(sb, "\nin no security group");
    }
    if (first->conditional)
        strbuf_addstr(sb, "\nexists only if a template condition holds");
    for (i = 0; i < n->nifaces; i++)
        if (note_of_iface(d->v->opts.notes, n->ifaces[i]))
            strbuf_addf(sb, "\nreview %s:\n%s", n->ifaces[i]->id,
                        note_of_iface(d->v->opts.notes, n->ifaces[i]));
}

/* The line under a name with findings: where to read them. */
static const char *review_mark(const struct dot *d)
{
    return d->v->opts.notes_table ? "\n\xe2\x9a\xa0 review (see the notes)"
                                  : "\n\xe2\x9a\xa0 review (see tooltip)";
}

/* ===== Nodes ===== */

/* The tooltips of several groups drawn as one, a blank line between. */
static void groups_tooltip(const struct dot *d, struct strbuf *sb, struct group *const *groups,
                           size_t n)
{
    size_t i;
    if (n > 1)
        strbuf_addf(sb, "%zu groups with the same members\n\n", n);
    for (i = 0; i < n; i++) {
        if (i)
            strbuf_addstr(sb, "\n\n");
        group_tooltip(d, sb, groups[i]);
    }
}

/* The first note of groups drawn as one, or NULL; *level the highest of
 * their notes' levels. */
static const char *groups_note(const struct dot *d, struct group *const *groups, size_t n,
                               enum note_level *level)
{
    const char *first = NULL;
    size_t i;

    *level = NOTE_LEVEL_NOTE;
    for (i = 0; i < n; i++) {
        if (!note_of_group(d->v->opts.notes, groups[i]))
            continue;
        if (!first)
            first = note_of_group(d->v->opts.notes, groups[i]);
        if (note_level_of_group(d->v->opts.notes, groups[i]) > *level)
            *level = note_level_of_group(d->v->opts.notes, groups[i]);
    }
    return first;
}

/* The label of an interface node fits the one size of its kind: the name
 * (with its count) in at most two lines, the kind (and a single
 * interface's id) in one, and the badges as numbered swatches, BADGE_ROW a
 * row, in at most two rows; the full texts are in the tooltip and the
 * badge legend. */
#define NODE_NAME_WIDTH 20
#define NODE_NAME_LINES 2
#define NODE_ID_WIDTH 28
#define BADGE_ROW 6

static void iface_label(struct dot *d, struct strbuf *label, const struct view_node *n)
{
    struct strbuf name = STRBUF_INIT;
    size_t i, shown = n->nbadges <= 2 * BADGE_ROW ? n->nbadges : 2 * BADGE_ROW - 1;
    size_t span = n->nbadges < BADGE_ROW ? (n->nbadges ? n->nbadges : 1) : BADGE_ROW;

    strbuf_addstr(label, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" "
                         "CELLPADDING=\"1\">");
    strbuf_addf(label, "<TR><TD COLSPAN=\"%zu\">", span);
    strbuf_addstr(&name, n->label);
    if (n->nifaces > 1)
        strbuf_addf(&name, " \xc3\x97%zu", n->nifaces);
    escape_html_wrapped(label, name.buf, NODE_NAME_WIDTH, NODE_NAME_LINES, "<BR/>");
    strbuf_addf(label, "</TD></TR><TR><TD COLSPAN=\"%zu\"><FONT POINT-SIZE=\"8\" "
                       "COLOR=\"%s\">%s",
                span, th(d, "node.kindcolor"), kind_name(n->ifaces[0]->kind));
    /* A single interface also shows its id when the label is a name. */
    if (n->nifaces == 1 && strcmp(n->ifaces[0]->id, n->label) != 0) {
        strbuf_addstr(label, " \xc2\xb7 ");
        escape_html_wrapped(label, n->ifaces[0]->id, NODE_ID_WIDTH, 1, "");
    }
    if (view_node_conditional(n))
        strbuf_addstr(label, " \xc2\xb7 if");
    strbuf_addstr(label, "</FONT></TD></TR>");
    for (i = 0; i < shown; i++) {
        if (i % BADGE_ROW == 0)
            strbuf_addstr(label, "<TR>");
        /* Colour and number: two badges never look alike. */
        strbuf_addf(label,
                    "<TD BGCOLOR=\"%s\"><FONT POINT-SIZE=\"8\" COLOR=\"%s\"><B>%zu</B>"
                    "</FONT></TD>",
                    theme_color(d->t, view_group_color(n->badges[i])), th(d, "badge.fontcolor"),
                    d->v->badge_tag[n->badges[i]->index]);
        if (i + 1 == shown && shown < n->nbadges)
            strbuf_addf(label, "<TD><FONT POINT-SIZE=\"8\">+%zu</FONT></TD>",
                        n->nbadges - shown);
        if (i + 1 == shown || i % BADGE_ROW == BADGE_ROW - 1)
            strbuf_addstr(label, "</TR>");
    }
    strbuf_addstr(label, "</TABLE>");
    strbuf_release(&name);
}

static void emit_iface_node(struct dot *d, const struct view_node *n, size_t depth)
{
    struct strbuf label = STRBUF_INIT, tip = STRBUF_INIT;
    size_t i, noted;
    enum iface_kind kind = n->ifaces[0]->kind;
    enum note_level level = NOTE_LEVEL_NOTE;
    double width, height;

    iface_label(d, &label, n);
    iface_tooltip(d, &tip, n);

    indent(d, depth);
    node_open(d, n);
    /* One size for each kind: the kind shows in the shape, not in how far
     * a long name stretches it. */
    theme_kind_size(d->t, kind, &width, &height);
    strbuf_addf(&d->out, "shape=%s, fixedsize=true, width=%.2f, height=%.2f, label=<",
                theme_kind_shape(d->t, kind), width, height);
    strbuf_add(&d->out, label.buf, label.len);
    strbuf_addch(&d->out, '>');
    for (i = 0, noted = 0; i < n->nifaces; i++)
        if (note_of_iface(d->v->opts.notes, n->ifaces[i]) &&
            (!noted++ || note_level_of_iface(d->v->opts.notes, n->ifaces[i]) > level))
            level = note_level_of_iface(d->v->opts.notes, n->ifaces[i]);
    if (!d->v->opts.marks && noted)
        strbuf_addf(&d->out, ", color=\"%s\", penwidth=2.5", theme_note_color(d->t, level));
    if (d->v->opts.marks) {
        enum change ch = view_node_change(d->v, n);
        strbuf_addf(&d->out, ", color=\"%s\", fontcolor=\"%s\", penwidth=%s%s",
                    th(d, change_key(ch)),
                    ch == CHANGE_NONE ? th(d, "diff.muted") : th(d, change_key(ch)),
                    ch == CHANGE_NONE ? "1" : "2", ch == CHANGE_REMOVED ? ", style=\"filled,dashed\"" : "");
    }
    highlight_look(d, highlight_node(d->v->opts.highlight, n), 0);
    attr_tooltip(d, "tooltip", tip.buf, 1);
    put(d, "];\n");
    strbuf_release(&label);
    strbuf_release(&tip);
}

static void emit_handle_node(struct dot *d, const struct view_node *n, size_t depth)
{
    struct strbuf label = STRBUF_INIT, tip = STRBUF_INIT;
    const char *color = theme_color(d->t, n->color);
    enum note_level level;
    const char *note = groups_note(d, n->groups, n->ngroups, &level);
    size_t i;
    int box = view_node_is_box(d->v, n);

    if (box) {
        view_box_text(&label, n);
    } else {
        for (i = 0; i < n->ngroups; i++)
            strbuf_addf(&label, "%s%zu %s", i ? "\n" : "",
                        d->v->badge_tag[n->groups[i]->index], n->groups[i]->name);
        if (n->ngroups > 1)
            strbuf_addstr(&label, "\n" VIEW_SAME_MEMBERS);
        strbuf_addstr(&label, n->ngroups > 1 ? "\n(members wear these badges)"
                                             : "\n(members wear this badge)");
        if (n->self_label)
            strbuf_addf(&label, "\n%s", n->self_label);
        if (n->ref)
            strbuf_addf(&label, " [%zu]", n->ref);
    }
    if (note)
        strbuf_addstr(&label, review_mark(d));
    groups_tooltip(d, &tip, n->groups, n->ngroups);
    indent(d, depth);
    node_open(d, n);
    /* A group box: the group level's rounded box, a stub's dashed one. */
    strbuf_addf(&d->out, "shape=%s, style=%s, fillcolor=\"%s\", fontcolor=\"%s\"",
                box ? "box" : th(d, "handle.shape"),
                !box ? "filled" : n->stub ? "\"filled,dashed\"" : "\"filled,rounded\"", color,
                th(d, "badge.fontcolor"));
    if (note)
        strbuf_addf(&d->out, ", color=\"%s\", penwidth=3", theme_note_color(d->t, level));
    highlight_look(d, highlight_node(d->v->opts.highlight, n), 0);
    attr_sep(d, "label", label.buf);
    attr_tooltip(d, "tooltip", tip.buf, 1);
    put(d, "];\n");
    strbuf_release(&label);
    strbuf_release(&tip);
}

static void emit_peer_node(struct dot *d, const struct view_node *n, size_t depth)
{
    struct strbuf label = STRBUF_INIT, tip = STRBUF_INIT;
    const char *shape, *fill, *style = "filled";

    switch (n->type) {
    case VNODE_CIDR:
        if (peer_is_internet(n->peer)) {
            /* One node for both when their arrows are the same. */
            strbuf_addf(&label, "internet\n%s%s%s", n->peer, n->also ? ", " : "",
                        n->also ? n->also : "");
            strbuf_addf(&tip, "the internet (%s%s%s)", n->peer, n->also ? " and " : "",
                        n->also ? n->also : "");
            shape = th(d, "internet.shape");
            fill = th(d, "internet.fill");
        } else if (!cidr_looks_like(n->peer)) {
            /* A --merge-cidrs bucket such as "private networks". */
            strbuf_addstr(&label, n->label ? n->label : n->peer);
            strbuf_addf(&tip, "CIDRs folded into: %s", n->label ? n->label : n->peer);
            shape = th(d, "cidr.shape");
            fill = th(d, "cidr.fill");
        } else {
            if (n->label)
                strbuf_addf(&label, "%s\n", n->label);
            strbuf_addstr(&label, n->peer);
            strbuf_addf(&tip, "CIDR %s", n->peer);
            shape = th(d, "cidr.shape");
            fill = th(d, "cidr.fill");
        }
        break;
    case VNODE_PREFIX_LIST:
        if (n->label)
            strbuf_addf(&label, "%s\n", n->label);
        strbuf_addstr(&label, n->peer);
        strbuf_addf(&tip, "prefix list %s", n->peer);
        shape = th(d, "prefixlist.shape");
        fill = th(d, "prefixlist.fill");
        break;
    default:
        strbuf_addstr(&label, n->peer);
        if (n->label && strcmp(n->label, n->peer) != 0)
            strbuf_addf(&label, "\n%s", n->label);
        if (n->type == VNODE_EXTERNAL) {
            strbuf_addstr(&label, n->stale ? "\n(stale or deleted group)" : "\n(not in the input)");
            strbuf_addf(&tip, "security group %s, not in the input", n->peer);
        } else {
            strbuf_addf(&tip, "%s", n->peer);
        }
        shape = th(d, "external.shape");
        fill = th(d, "external.fill");
        style = "filled,dashed";
        break;
    }
    if (n->folded)
        strbuf_addf(&label, "\n%s", n->folded);
    indent(d, depth);
    if (d->peer_change && d->peer_change[n->id] == CHANGE_REMOVED)
        style = "filled,dashed";
    node_open(d, n);
    strbuf_addf(&d->out, "shape=%s, style=\"%s\", fillcolor=\"%s\"", shape, style, fill);
    if (n->stale)
        strbuf_addf(&d->out, ", color=\"%s\"", th(d, "stale.color"));
    else if (d->peer_change && d->peer_change[n->id] != CHANGE_NONE)
        strbuf_addf(&d->out, ", color=\"%s\", fontcolor=\"%s\", penwidth=2",
                    th(d, change_key(d->peer_change[n->id])),
                    th(d, change_key(d->peer_change[n->id])));
    highlight_look(d, highlight_node(d->v->opts.highlight, n), 0);
    attr_sep(d, "label", label.buf);
    attr_tooltip(d, "tooltip", tip.buf, 1);
    put(d, "];\n");
    strbuf_release(&label);
    strbuf_release(&tip);
}

/*
 * In a packed (osage) layout, lay the n children of a cluster out in about
 * sqrt(n) columns, so that a large VPC becomes a block rather than a strip
 * several metres wide. Nothing for dot, which ranks instead of packing.
 */
static void pack_columns(struct dot *d, size_t n, size_t depth)
{
    size_t cols = 1;
    if (!d->packed || n < 4)
        return;
    while (cols * cols < n)
        cols++;
    indent(d, depth);
    strbuf_addf(&d->out, "packmode=\"array_c%zu\";\n", cols);
}

/*
 * Ranked (dot) drawings put nodes that no edge orders in one rank: a group
 * of twelve members became a column twelve nodes tall. Chaining them by
 * invisible edges into rows of about sqrt(n) lays them out in a grid.
 */
static void grid_rows(struct dot *d, struct view_node *const *nodes, size_t n, size_t depth)
{
    size_t cols = 1, i;

    if (!d->grid || n < 5)
        return;
    while (cols * cols < n)
        cols++;
    for (i = 0; i + 1 < n; i++) {
        if ((i + 1) % cols == 0)
            continue;
        indent(d, depth);
        strbuf_addf(&d->out, "n%zu -> n%zu [style=invis];\n", nodes[i]->id, nodes[i + 1]->id);
    }
}

/* ===== Clusters ===== */

/* A group's name on a cluster, with what changed and when it exists. */
static void group_title(const struct dot *d, struct strbuf *sb, const struct group *g)
{
    const struct mark *k = mark_of_group(d->v->opts.marks, g);

    strbuf_addstr(sb, g->name);
    if (k->old_name)
        strbuf_addf(sb, "\n(was %s)", k->old_name);
    else if (k->old_description)
        strbuf_addstr(sb, "\n(description changed)");
    if (g->conditional)
        strbuf_addstr(sb, "\n(if a condition holds)");
}

static void emit_cluster(struct dot *d, const struct view_cluster *c, size_t depth)
{
    struct strbuf label = STRBUF_INIT, tip = STRBUF_INIT;
    enum note_level level;
    const char *note = groups_note(d, c->groups, c->ngroups, &level);
    size_t i;

    for (i = 0; i < c->ngroups; i++) {
        if (i)
            strbuf_addch(&label, '\n');
        group_title(d, &label, c->groups[i]);
    }
    if (c->ngroups > 1)
        strbuf_addstr(&label, "\n" VIEW_SAME_MEMBERS);
    if (c->self_label)
        strbuf_addf(&label, "\n%s", c->self_label);
    if (c->ref)
        strbuf_addf(&label, " [%zu]", c->ref);
    if (note)
        strbuf_addstr(&label, review_mark(d));
    groups_tooltip(d, &tip, c->groups, c->ngroups);

    indent(d, depth);
    strbuf_addf(&d->out, "subgraph cluster_%zu {\n", c->id);
    indent(d, depth + 1);
    put(d, "id=\"");
    view_cluster_id(&d->out, c);
    put(d, "\";\n");
    indent(d, depth + 1);
    /* Lines left-justified, like the single-line labels (labeljust=l). */
    if (strchr(label.buf, '\n')) {
        put(d, "label=\"");
        escape_dot_left(&d->out, label.buf);
        put(d, "\"");
    } else {
        attr(d, "label", label.buf);
    }
    put(d, ";\n");
    indent(d, depth + 1);
    attr_tooltip(d, "tooltip", tip.buf, 0);
    put(d, ";\n");
    indent(d, depth + 1);
    if (d->v->opts.marks) {
        enum change ch = view_groups_change(d->v, c->groups, c->ngroups);
        strbuf_addf(&d->out,
                    "style=\"%s%s\"; color=\"%s\"; fillcolor=\"%s\"; fontcolor=\"%s\"; "
                    "penwidth=%s;\n",
                    th(d, "group.style"), ch == CHANGE_REMOVED ? ",dashed" : "",
                    th(d, change_key(ch)), th(d, "group.fill"),
                    ch == CHANGE_NONE ? th(d, "diff.muted") : th(d, change_key(ch)),
                    ch == CHANGE_NONE ? "1" : "2.4");
    } else {
        strbuf_addf(&d->out,
                    "style=\"%s\"; color=\"%s\"; fillcolor=\"%s\"; fontcolor=\"%s\"; "
                    "penwidth=%s;\n",
                    th(d, "group.style"),
                    note ? theme_note_color(d->t, level) : theme_color(d->t, c->color),
                    th(d, "group.fill"), th(d, "group.fontcolor"), note ? "3" : "1.6");
    }
    if (d->v->opts.highlight) {
        indent(d, depth + 1);
        highlight_look(d, highlight_cluster(d->v->opts.highlight, c), 1);
    }
    pack_columns(d, c->nnodes + c->nchildren, depth + 1);
    indent(d, depth + 1);
    strbuf_addf(&d->out, "a%zu [shape=point, width=0, height=0, style=invis, label=\"\"];\n",
                c->id);
    for (i = 0; i < c->nnodes; i++)
        emit_iface_node(d, c->nodes[i], depth + 1);
    grid_rows(d, c->nodes, c->nnodes, depth + 1);
    for (i = 0; i < c->nchildren; i++)
        emit_cluster(d, c->children[i], depth + 1);
    indent(d, depth);
    put(d, "}\n");
    strbuf_release(&label);
    strbuf_release(&tip);
}

static void emit_region_node(struct dot *d, const struct view_node *n, size_t depth)
{
    if (n->type == VNODE_HANDLE)
        emit_handle_node(d, n, depth);
    else if (n->type == VNODE_IFACE)
        emit_iface_node(d, n, depth);
    else
        emit_peer_node(d, n, depth);
}

/*
 * A packed (osage) overview puts the boxes joined by arrows (one app's
 * tiers) in an invisible frame of their own, so that osage packs them side
 * by side and their straight arrows stay short; packed one by one, the
 * boxes went into rows by kind and every arrow crossed the VPC.
 */
static void emit_region_blocks(struct dot *d, struct view_node **sorted, size_t n, size_t depth)
{
    size_t i = 0;

    while (i < n) {
        size_t b = d->block[sorted[i]->id], j = i;
        while (j < n && d->block[sorted[j]->id] == b)
            j++;
        if (!dot_grid_framed(d->block_size, b) || j - i < 2) {
            for (; i < j; i++)
                emit_region_node(d, sorted[i], depth);
            continue;
        }
        indent(d, depth);
        strbuf_addf(&d->out, "subgraph cluster_block%zu {style=invis; label=\"\";\n", b);
        pack_columns(d, j - i, depth + 1);
        for (; i < j; i++)
            emit_region_node(d, sorted[i], depth + 1);
        indent(d, depth);
        put(d, "}\n");
    }
}

static void emit_region(struct dot *d, const struct view_region *r)
{
    size_t i, depth = 1, units = r->ntop + r->nnodes;
    struct view_node **sorted = NULL;

    if (r->label) {
        strbuf_addf(&d->out, "\tsubgraph cluster_vpc%zu {\n\t\t", r->id);
        put(d, "id=\"");
        view_region_id(&d->out, r);
        put(d, "\";\n\t\t");
        attr(d, "label", r->label);
        strbuf_addf(&d->out, ";\n\t\tstyle=\"%s\"; color=\"%s\"; fontcolor=\"%s\"; "
                             "fillcolor=\"none\"; penwidth=1;\n",
                    th(d, "vpc.style"), th(d, "vpc.color"), th(d, "vpc.fontcolor"));
        depth = 2;
        if (d->block) {
            sorted = dot_grid_order(r->nodes, r->nnodes, d->block, d->block_size, &units);
            units += r->ntop;
        }
        pack_columns(d, units, depth);
        if (d->overview_cols)
            dot_grid_anchors(&d->out, d->overview_cols);
        d->overview_cols = 0;
    }
    for (i = 0; i < r->ntop; i++)
        emit_cluster(d, r->top[i], depth);
    if (sorted)
        emit_region_blocks(d, sorted, r->nnodes, depth);
    else
        for (i = 0; i < r->nnodes; i++)
            emit_region_node(d, r->nodes[i], depth);
    free(sorted);
    grid_rows(d, r->nodes, r->nnodes, depth);
    if (r->label)
        put(d, "\t}\n");
}

/* ===== Edges ===== */

static const char *end_name(const struct view_end *e, char *buf, size_t len)
{
    if (e->cluster)
        snprintf(buf, len, "a%zu", e->cluster->id);
    else
        snprintf(buf, len, "n%zu", e->node->id);
    return buf;
}

/* A rule as its tooltip line: "web ingress tcp/443 from lb: description". */
static void rule_line(const struct dot *d, struct strbuf *sb, const struct rule *r)
{
    const struct view_options *o = &d->v->opts;
    const struct mark *k = mark_of_rule(o->marks, r);
    const struct group *pg = r->peer_type == PEER_GROUP ? model_find_group(d->v->model, r->peer)
                                                         : NULL;
    char label[PORTS_LABEL_MAX];

    ports_label(&r->ports, label);
    /* Signed as on the arrow's label: "+tcp/80", unchanged ones bare. */
    strbuf_addf(sb, "\n%s %s %s%s %s %s", r->group->name, direction_name(r->dir),
                change_text(k->change)->symbol, label, r->dir == DIR_INGRESS ? "from" : "to",
                pg ? pg->name : r->peer);
    if (r->flags & RULE_DEFAULT_EGRESS)
        strbuf_addstr(sb, " (all traffic out, as AWS allows by default)");
    strbuf_addf(sb, ": %s",
                r->description && *r->description ? r->description : "(no description)");
    if (r->flags & RULE_STALE)
        strbuf_addstr(sb, " [stale]");
    if (r->flags & RULE_CONDITIONAL)
        strbuf_addstr(sb, " [only if a template condition holds]");
    if (k->old_description)
        strbuf_addf(sb, " (was: %s)", k->old_description);
    if (note_of_rule(o->notes, r))
        strbuf_addf(sb, "\n  review: %s", note_of_rule(o->notes, r));
}

static void edge_tooltip(const struct dot *d, struct strbuf *sb, const struct view_edge *e)
{
    char *label = view_edge_label(d->v, e, (size_t)-1);
    size_t i;

    strbuf_addf(sb, "%s: ", view_edge_style(e));
    view_end_name(sb, &e->from);
    strbuf_addstr(sb, " -> ");
    view_end_name(sb, &e->to);
    if (e->style == EDGE_INGRESS_ONLY || e->style == EDGE_EGRESS_ONLY)
        strbuf_addf(sb, "\n%s", view_style_meaning(e->style));
    strbuf_addf(sb, "\nallows: %s", label);
    for (i = 0; i < e->nrules; i++)
        rule_line(d, sb, e->rules[i]);
    free(label);
}

/* Break a ", "-joined label into lines of three labels. */
static void wrap_label(char *s)
{
    int count = 0;
    char *p;
    for (p = s; (p = strstr(p, ", ")) != NULL; p += 2) {
        if (++count % 3 == 0) {
            p[0] = '\n';
            memmove(p + 1, p + 2, strlen(p + 2) + 1);
            p -= 1;
        }
    }
}

/* The theme keys and arrowheads of each style: a half-open arrow has a
 * bar where it is blocked (at the source's egress, or before the
 * destination's ingress) and an open head. */
static const struct {
    const char *color, *style, *heads;
} looks[EDGE_STYLE_COUNT] = {
    [EDGE_FLOW] = {"flow.color", "flow.style", ""},
    [EDGE_INGRESS_ONLY] = {"halfopen.color", "halfopen.style",
                           ", dir=both, arrowtail=tee, arrowhead=onormal"},
    [EDGE_EGRESS_ONLY] = {"halfopen.color", "halfopen.style", ", arrowhead=teeonormal"},
    [EDGE_INGRESS] = {"ingress.color", "ingress.style", ""},
    [EDGE_EGRESS] = {"egress.color", "egress.style", ", arrowhead=vee"},
};

/* How an arrow of a style looks, in a colour (NULL: the style's own), and
 * thicker when width is set: its attributes after the label. The legend
 * draws its samples with it too, so that its words and the drawing agree. */
static void edge_look(struct dot *d, enum edge_style st, const char *color, const char *width)
{
    strbuf_addf(&d->out, ", color=\"%s\", style=\"%s\"%s", color ? color : th(d, looks[st].color),
                th(d, looks[st].style), looks[st].heads);
    if (width)
        strbuf_addf(&d->out, ", penwidth=%s", width);
}

/* The colour and width an edge takes from a diff, stale rules or notes. */
static const char *edge_color(const struct dot *d, const struct view_edge *e,
                              const char **width)
{
    const struct notes *notes = d->v->opts.notes;
    enum note_level level = NOTE_LEVEL_NOTE;
    size_t i;

    *width = NULL;
    if (d->v->opts.marks) {
        enum change ch = view_edge_change(d->v, e);
        *width = ch == CHANGE_NONE ? "1" : "2";
        return th(d, change_key(ch));
    }
    for (i = 0; i < e->nrules; i++)
        if (note_of_rule(notes, e->rules[i]) &&
            (!*width || note_level_of_rule(notes, e->rules[i]) > level)) {
            *width = "2.5";
            level = note_level_of_rule(notes, e->rules[i]);
        }
    if (*width)
        return theme_note_color(d->t, level);
    return e->stale ? th(d, "stale.color") : NULL;
}

static void emit_edge(struct dot *d, const struct view_edge *e)
{
    char a[32], b[32];
    char *label = view_edge_label(d->v, e, EDGE_LABEL_MAX);
    struct strbuf tip = STRBUF_INIT;
    const char *color, *width;

    wrap_label(label);
    if (e->ref) {
        char *with_ref = xasprintf("%s [%zu]", label, e->ref);
        free(label);
        label = with_ref;
    }
    edge_tooltip(d, &tip, e);
    strbuf_addf(&d->out, "\t%s -> %s [", end_name(&e->from, a, sizeof(a)),
                end_name(&e->to, b, sizeof(b)));
    put(d, "id=\"");
    view_edge_id(&d->out, e);
    put(d, "\", ");
    /* Packed drawings are overviews: placing tens of thousands of labels
     * took osage most of a minute, so the ports stay in the tooltip. */
    attr(d, "label", d->packed ? "" : label);
    /* A line from the label to its arrow: which label is whose. */
    if (!d->packed)
        put(d, ", decorate=true");
    if (!e->nested) {
        if (e->from.cluster)
            strbuf_addf(&d->out, ", ltail=cluster_%zu", e->from.cluster->id);
        if (e->to.cluster)
            strbuf_addf(&d->out, ", lhead=cluster_%zu", e->to.cluster->id);
    }
    color = edge_color(d, e, &width);
    /* The colour says what changed (with the label's signs), the style
     * what the arrow means. */
    strbuf_addf(&d->out, ", fontcolor=\"%s\"",
                d->v->opts.marks ? color : th(d, "edge.fontcolor"));
    edge_look(d, e->style, color, width);
    highlight_look(d, highlight_edge(d->v->opts.highlight, e), 0);
    attr_tooltip(d, "tooltip", tip.buf, 1);
    attr_tooltip(d, "labeltooltip", tip.buf, 1);
    put(d, "];\n");
    free(label);
    strbuf_release(&tip);
}

/* ===== Legend ===== */

/* The badge rows of the legend: one HTML table, a numbered swatch each. */
static void emit_badge_legend(struct dot *d, const struct view_legend *rows, size_t n)
{
    size_t i;

    put(d, "\t\tlegend [shape=plaintext, label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
           "CELLSPACING=\"2\" CELLPADDING=\"2\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">"
           "<B>badges: also in group</B></TD></TR>");
    for (i = 0; i < n && i < LEGEND_MAX_ROWS; i++) {
        strbuf_addf(&d->out,
                    "<TR><TD BGCOLOR=\"%s\"><FONT POINT-SIZE=\"8\" COLOR=\"%s\"><B>%zu</B>"
                    "</FONT></TD><TD ALIGN=\"LEFT\">",
                    theme_color(d->t, view_group_color(rows[i].group)), th(d, "badge.fontcolor"),
                    rows[i].tag);
        escape_html(&d->out, rows[i].text);
        put(d, "</TD></TR>");
    }
    /* Each badge names its group; past a screenful the legend only says so. */
    if (n > LEGEND_MAX_ROWS)
        strbuf_addf(&d->out, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">and %zu more (each badge "
                             "names its group)</TD></TR>",
                    n - LEGEND_MAX_ROWS);
    put(d, "</TABLE>>, tooltip=\"memberships no enclosing cluster shows are badges on the "
           "members\"];\n");
}

/*
 * The legend: a frame with a sample arrow for each arrow style and colour
 * the drawing uses, drawn by edge_look() like the arrows it explains, the
 * badges, and in a diff an arrow in each change's colour with its sign.
 */
static void emit_legend(struct dot *d)
{
    const struct view *v = d->v;
    size_t i, first_badge = v->nlegend, nbadges = 0;

    if (!v->nlegend)
        return;
    put(d, "\tsubgraph cluster_legend {\n\t\tlabel=\"legend\";\n");
    strbuf_addf(&d->out, "\t\tstyle=\"rounded\"; color=\"%s\"; fontcolor=\"%s\"; "
                         "penwidth=1;\n",
                th(d, "vpc.color"), th(d, "vpc.fontcolor"));
    for (i = 0; i < v->nlegend; i++) {
        const struct view_legend *row = &v->legend[i];
        const char *color = NULL, *width = NULL, *sample = "";

        if (strcmp(row->style, "badge") == 0) {
            if (!nbadges++)
                first_badge = i;
            continue;
        }
        if (strcmp(row->style, "stale") == 0) {
            color = th(d, "stale.color");
        } else if (strcmp(row->style, "finding") == 0) {
            color = theme_note_color(d->t, row->level);
            width = "2.5";
        } else if (v->opts.marks) {
            /* In a diff every arrow is coloured by its change. */
            color = th(d, change_key(row->change));
            width = row->change == CHANGE_NONE ? "1" : "2";
            sample = change_text(row->change)->symbol;
        }
        strbuf_addf(&d->out, "\t\tlg%zu [shape=point, width=0.05, label=\"\", color=\"%s\"];\n",
                    i, th(d, "vpc.color"));
        strbuf_addf(&d->out, "\t\tlg%zut [shape=plaintext, ", i);
        attr(d, "label", row->text);
        put(d, "];\n");
        strbuf_addf(&d->out, "\t\tlg%zu -> lg%zut [", i, i);
        attr(d, "label", sample);
        strbuf_addf(&d->out, ", fontcolor=\"%s\"", color ? color : th(d, "edge.fontcolor"));
        edge_look(d, row->edge, color, width);
        put(d, "];\n");
    }
    if (nbadges)
        emit_badge_legend(d, &v->legend[first_badge], nbadges);
    put(d, "\t}\n");
}

/* Nothing to draw: a small titled frame that says why, not a blank page. */
static void emit_empty(struct dot *d)
{
    strbuf_addf(&d->out, "\tsubgraph cluster_empty {\n\t\tlabel=\"nothing to draw\";\n"
                         "\t\tstyle=\"rounded\"; color=\"%s\"; fontcolor=\"%s\";\n\t\t",
                th(d, "vpc.color"), th(d, "vpc.fontcolor"));
    put(d, "empty_why [shape=plaintext, ");
    attr(d, "label", d->v->empty);
    put(d, "];\n\t}\n");
}

int emit_dot(const struct view *v, const struct theme *t, FILE *fp)
{
    return emit_dot_layout(v, t, NULL, fp);
}

int emit_dot_layout(const struct view *v, const struct theme *t,
                    const struct dot_layout *layout, FILE *fp)
{
    struct dot d = {STRBUF_INIT, v, t, 0, 0, 0, NULL, NULL, NULL};
    size_t *grid = layout && !layout->packed ? dot_grid_columns(v, &d.overview_cols) : NULL;
    size_t i, ncols = d.overview_cols;

    put(&d, "digraph sgmap {\n");
    strbuf_addf(&d.out,
                "\tgraph [compound=true, rankdir=%s, fontname=\"%s\", fontsize=%s, "
                "bgcolor=\"%s\", nodesep=%s, ranksep=%s, labeljust=l",
                th(&d, "rankdir"), th(&d, "font"), th(&d, "fontsize"), th(&d, "background"),
                th(&d, "nodesep"), th(&d, "ranksep"));
    if (layout && layout->fast)
        put(&d, ", nslimit1=1, nslimit=0.02, mclimit=0.1");
    if (grid)
        put(&d, ", newrank=true");
    if (layout && layout->engine && strcmp(layout->engine, "dot") != 0)
        strbuf_addf(&d.out, ", layout=%s", layout->engine);
    d.packed = layout && layout->packed;
    if (d.packed && view_is_overview(v)) {
        size_t nblocks;
        d.block = dot_grid_blocks(v, &nblocks, &d.block_size);
    }
    /* The rows' invisible edges are rank constraints, cheap in a small
     * drawing and ruinous in a large one (a 300-group account went from
     * 16 s to over a minute). */
    d.grid = !d.packed && !(layout && layout->fast) && v->nnodes <= GRID_MAX_NODES;
    put(&d, "];\n");
    strbuf_addf(&d.out,
                "\tnode [fontname=\"%s\", fontsize=10, style=filled, fillcolor=\"%s\", "
                "color=\"%s\", margin=\"0.08,0.04\"];\n",
                th(&d, "font"), th(&d, "node.fill"), th(&d, "node.color"));
    strbuf_addf(&d.out, "\tedge [fontname=\"%s\", fontsize=9, arrowsize=0.7];\n", th(&d, "font"));
    if (v->opts.marks)
        d.peer_change = view_peer_changes(v);
    if (v->empty)
        emit_empty(&d);
    for (i = 0; i < v->nregions; i++)
        emit_region(&d, v->regions[i]);
    for (i = 0; i < v->noutside; i++)
        emit_peer_node(&d, v->outside[i], 1);
    emit_legend(&d);
    if (grid && d.overview_cols) /* no VPC frame took them */
        dot_grid_anchors(&d.out, d.overview_cols);
    if (grid)
        dot_grid_write(&d.out, v, grid, ncols);
    free(grid);
    for (i = 0; i < v->nedges; i++)
        if (!v->edges[i]->folded)
            emit_edge(&d, v->edges[i]);
    if (!d.packed)
        dot_notes_table(&d.out, v, t);
    put(&d, "}\n");
    free(d.peer_change);
    free(d.block);
    free(d.block_size);
    fwrite(d.out.buf, 1, d.out.len, fp);
    strbuf_release(&d.out);
    return ferror(fp) ? -1 : 0;
}
