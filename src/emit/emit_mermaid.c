/*
 * emit_mermaid.c - the view as a Mermaid flowchart, which GitHub draws
 * inline in a Markdown file or a comment (a ```mermaid block), with no
 * image to host. Shared by render and diff.
 *
 * VPCs and groups are nested subgraphs, interfaces and peers are nodes,
 * and each view edge is one link labelled with its ports: a flow solid
 * (-->), a half-open arrow dotted with a circle (-.-o, ingress only) or a
 * cross (-.-x, egress only), and with --rules ingress solid and egress
 * dotted (-.->), explained by a legend subgraph. Ids are synthetic (r<N>
 * regions, c<N> clusters, n<N> nodes, a<N> anchors), so no input text is
 * ever an id.
 *
 * Mermaid is fragile about links to subgraphs: an empty subgraph cannot be
 * linked, and a link between a subgraph and something inside it fails. So
 * a group without members gets a "(no members)" node, and a link from an
 * enclosing group to its inside starts at an anchor node of the group; a
 * group whose members all sit in nested groups needs none.
 *
 * GitHub renders Mermaid with its default limits (MM_MAX_TEXT characters,
 * MM_MAX_EDGES links): a larger drawing falls back to the group level
 * (mm_group_view()), then to a summary that says why, with a note.
 *
 * Label text is quoted and escaped with Mermaid's entity codes (#quot;
 * #35; #lt; #gt; #amp; #96; #37; #124;), newlines and control characters
 * become spaces and invisible characters and invalid UTF-8 their names
 * (escape_with()), so input can neither end a label, add markup, nor
 * smuggle a %%{init}%% directive in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diff.h"
#include "emit.h"
#include "strbuf.h"
#include "xalloc.h"

/* At most this many port labels on a link, then "+N more". */
#define MM_LABELS_MAX 4
/* Mermaid's defaults, which GitHub keeps: maxTextSize and maxEdges. */
#define MM_MAX_TEXT 50000
#define MM_MAX_EDGES 500

/* Colours of the change classes (those of the default theme); each class
 * is named after its change's colour role (change_text()). */
static const struct {
    enum change change;
    const char *node;
    const char *link;
} mm_classes[] = {
    {CHANGE_ADDED, "fill:#e3f4e8,stroke:#1a9641,stroke-width:2px,color:#0b4020",
     "stroke:#1a9641,stroke-width:2px,color:#1a9641"},
    {CHANGE_REMOVED,
     "fill:#fbe5e5,stroke:#d7191c,stroke-width:2px,stroke-dasharray:5 5,color:#6b0c0d",
     "stroke:#d7191c,stroke-width:2px,color:#d7191c"},
    {CHANGE_CHANGED, "fill:#fcecdf,stroke:#e66101,stroke-width:2px,color:#5c2700",
     "stroke:#e66101,stroke-width:2px,color:#e66101"},
    {CHANGE_NONE, "fill:#f6f6f6,stroke:#a8a8a8,color:#707070", "stroke:#a8a8a8,color:#707070"},
};
#define MM_NCLASSES (sizeof(mm_classes) / sizeof(mm_classes[0]))

struct mm {
    struct strbuf out;
    const struct view *v;
    unsigned char *anchor;       /* per cluster id: has an anchor node */
    enum change *peer_change;    /* per node id: the change of a peer node */
    struct strbuf ids[MM_NCLASSES];   /* node ids per class, "a,b,c" */
    struct strbuf links[MM_NCLASSES]; /* link indexes per class */
};

/* Text inside a quoted Mermaid label: Mermaid's #name; entities for
 * everything that could end the label, start a comment or a directive. */
static const struct escape_table mermaid_text = {
    .repl = {['"'] = "#quot;", ['#'] = "#35;", ['&'] = "#amp;", ['<'] = "#lt;",
             ['>'] = "#gt;", ['`'] = "#96;", ['%'] = "#37;", ['|'] = "#124;"},
    .control = ' ',
};

static void mm_text(struct strbuf *sb, const char *s)
{
    escape_with(sb, s, &mermaid_text, 256);
}

/* Text whose newlines separate parts (self labels): joined with " · ". */
static void mm_text_lines(struct strbuf *sb, const char *s)
{
    const char *nl;
    while ((nl = strchr(s, '\n')) != NULL) {
        char *part = xstrndup(s, (size_t)(nl - s));
        mm_text(sb, part);
        free(part);
        strbuf_addstr(sb, " \xc2\xb7 ");
        s = nl + 1;
    }
    mm_text(sb, s);
}

static void indent(struct mm *d, size_t depth)
{
    size_t i;
    for (i = 0; i < depth + 1; i++)
        strbuf_addstr(&d->out, "    ");
}

/* Add item (fmt with id) to the comma-separated list of the class of
 * change c, in lists[] (node ids or link indexes); only in a diff. */
static void add_to_class(struct mm *d, struct strbuf *lists, enum change c, const char *fmt,
                         size_t id)
{
    size_t i;
    if (!d->v->opts.marks)
        return;
    for (i = 0; i < MM_NCLASSES; i++) {
        if (mm_classes[i].change != c)
            continue;
        if (lists[i].len)
            strbuf_addch(&lists[i], ',');
        strbuf_addf(&lists[i], fmt, id);
    }
}

static void mark(struct mm *d, enum change c, const char *fmt, size_t id)
{
    add_to_class(d, d->ids, c, fmt, id);
}

/* ===== Changes ===== */

/* ===== Nodes ===== */

static const char *const *kind_shape(enum iface_kind kind)
{
    static const char *const rect[2] = {"[\"", "\"]"};
    static const char *const stadium[2] = {"([\"", "\"])"};
    static const char *const rounded[2] = {"(\"", "\")"};
    static const char *const subroutine[2] = {"[[\"", "\"]]"};
    static const char *const trapezoid[2] = {"[/\"", "\"\\]"};
    static const char *const flag[2] = {">\"", "\"]"};
    static const char *const cylinder[2] = {"[(\"", "\")]"};

    switch (kind) {
    case KIND_LAMBDA: return stadium;
    case KIND_ECS:
    case KIND_EKS: return rounded;
    case KIND_NAT: return subroutine;
    case KIND_ALB:
    case KIND_NLB:
    case KIND_GWLB:
    case KIND_CLB: return trapezoid;
    case KIND_ENDPOINT: return flag;
    case KIND_RDS:
    case KIND_ELASTICACHE:
    case KIND_EFS: return cylinder;
    case KIND_EC2:
    case KIND_OTHER:
    case KIND_COUNT: break;
    }
    return rect;
}

static void emit_iface_node(struct mm *d, const struct view_node *n, size_t depth)
{
    const char *const *shape = kind_shape(n->nifaces ? n->ifaces[0]->kind : KIND_OTHER);
    size_t i;

    indent(d, depth);
    strbuf_addf(&d->out, "n%zu%s", n->id, shape[0]);
    mm_text(&d->out, n->label ? n->label : "");
    if (n->nifaces > 1)
        strbuf_addf(&d->out, " \xc3\x97%zu", n->nifaces);
    if (view_node_conditional(n))
        strbuf_addstr(&d->out, " (if)");
    if (n->nbadges) {
        strbuf_addstr(&d->out, "<br/>also in: ");
        for (i = 0; i < n->nbadges; i++) {
            strbuf_addf(&d->out, "%s[%zu] ", i ? ", " : "",
                        d->v->badge_tag[n->badges[i]->index]);
            mm_text(&d->out, n->badges[i]->name);
        }
    }
    strbuf_addf(&d->out, "%s\n", shape[1]);
    mark(d, view_node_change(d->v, n), "n%zu", n->id);
}

/* The names of groups drawn as one, "a = b (same members)", with what
 * changed, when each exists and, on a handle, their badge numbers. */
static void group_label(struct mm *d, struct group *const *groups, size_t n, int tags,
                        const char *self)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct group *g = groups[i];
        const struct mark *k = mark_of_group(d->v->opts.marks, g);
        if (i)
            strbuf_addstr(&d->out, " = ");
        if (tags)
            strbuf_addf(&d->out, "[%zu] ", d->v->badge_tag[g->index]);
        mm_text(&d->out, g->name);
        if (k->old_name) {
            strbuf_addstr(&d->out, " (was ");
            mm_text(&d->out, k->old_name);
            strbuf_addch(&d->out, ')');
        } else if (k->old_description) {
            strbuf_addstr(&d->out, " (description changed)");
        }
        if (g->conditional)
            strbuf_addstr(&d->out, " (if)");
    }
    if (n > 1) {
        strbuf_addstr(&d->out, " \xc2\xb7 ");
        mm_text(&d->out, VIEW_SAME_MEMBERS);
    }
    if (self) {
        strbuf_addstr(&d->out, " \xc2\xb7 ");
        mm_text_lines(&d->out, self);
    }
}

static void emit_handle_node(struct mm *d, const struct view_node *n, size_t depth)
{
    indent(d, depth);
    if (view_node_is_box(d->v, n)) {
        /* A group box (the group level, a stub): its text, one line each. */
        struct strbuf text = STRBUF_INIT;
        view_box_text(&text, n);
        strbuf_addf(&d->out, "n%zu[\"", n->id);
        mm_text_lines(&d->out, text.buf);
        strbuf_addstr(&d->out, "\"]\n");
        strbuf_release(&text);
        mark(d, view_groups_change(d->v, n->groups, n->ngroups), "n%zu", n->id);
        return;
    }
    strbuf_addf(&d->out, "n%zu{{\"", n->id);
    group_label(d, n->groups, n->ngroups, 1, n->self_label);
    strbuf_addstr(&d->out, "<br/>(members show it as also in)\"}}\n");
    mark(d, view_groups_change(d->v, n->groups, n->ngroups), "n%zu", n->id);
}

static void emit_peer_node(struct mm *d, const struct view_node *n)
{
    const char *open = "[\"", *close = "\"]";

    indent(d, 0);
    if (n->type == VNODE_CIDR && peer_is_internet(n->peer)) {
        strbuf_addf(&d->out, "n%zu((\"internet<br/>", n->id);
        mm_text(&d->out, n->peer);
        if (n->also) {
            strbuf_addstr(&d->out, ", ");
            mm_text(&d->out, n->also);
        }
        strbuf_addstr(&d->out, "\"))\n");
        mark(d, d->peer_change[n->id], "n%zu", n->id);
        return;
    }
    if (n->type != VNODE_CIDR && n->type != VNODE_PREFIX_LIST) {
        open = "[/\"";
        close = "\"/]";
    }
    strbuf_addf(&d->out, "n%zu%s", n->id, open);
    if (n->label && strcmp(n->label, n->peer) != 0) {
        mm_text(&d->out, n->label);
        strbuf_addstr(&d->out, "<br/>");
    }
    mm_text(&d->out, n->peer);
    if (n->type == VNODE_EXTERNAL)
        strbuf_addstr(&d->out, n->stale ? "<br/>(stale or deleted group)"
                                        : "<br/>(not in the input)");
    strbuf_addf(&d->out, "%s\n", close);
    mark(d, d->peer_change[n->id], "n%zu", n->id);
}

static void emit_node(struct mm *d, const struct view_node *n, size_t depth)
{
    if (n->type == VNODE_IFACE)
        emit_iface_node(d, n, depth);
    else if (n->type == VNODE_HANDLE)
        emit_handle_node(d, n, depth);
    else
        emit_peer_node(d, n);
}

/* ===== Subgraphs ===== */

static void emit_cluster(struct mm *d, const struct view_cluster *c, size_t depth)
{
    size_t i;

    indent(d, depth);
    strbuf_addf(&d->out, "subgraph c%zu[\"", c->id);
    group_label(d, c->groups, c->ngroups, 0, c->self_label);
    strbuf_addstr(&d->out, "\"]\n");
    mark(d, view_groups_change(d->v, c->groups, c->ngroups), "c%zu", c->id);
    for (i = 0; i < c->nchildren; i++)
        emit_cluster(d, c->children[i], depth + 1);
    for (i = 0; i < c->nnodes; i++)
        emit_node(d, c->nodes[i], depth + 1);
    if (d->anchor[c->id]) {
        indent(d, depth + 1);
        strbuf_addf(&d->out, "a%zu[\"%s\"]\n", c->id,
                    c->group->nmembers ? "\xc2\xb7" : "(no members)");
        mark(d, view_groups_change(d->v, c->groups, c->ngroups), "a%zu", c->id);
    }
    indent(d, depth);
    strbuf_addstr(&d->out, "end\n");
}

static void emit_region(struct mm *d, const struct view_region *r)
{
    size_t i, depth = 0;

    if (r->label) {
        indent(d, 0);
        strbuf_addf(&d->out, "subgraph r%zu[\"", r->id);
        mm_text(&d->out, r->label);
        strbuf_addstr(&d->out, "\"]\n");
        depth = 1;
    }
    for (i = 0; i < r->ntop; i++)
        emit_cluster(d, r->top[i], depth);
    for (i = 0; i < r->nnodes; i++)
        emit_node(d, r->nodes[i], depth);
    if (r->label) {
        indent(d, 0);
        strbuf_addstr(&d->out, "end\n");
    }
}

/* ===== Links ===== */

/* Does end a (a cluster) enclose the other end b? */
static int end_encloses(const struct view_end *a, const struct view_end *b)
{
    if (!a->cluster)
        return 0;
    if (b->cluster)
        return b->cluster != a->cluster && view_cluster_encloses(a->cluster, b->cluster);
    return b->node && view_cluster_encloses(a->cluster, b->node->cluster);
}

static void plan_anchors(struct mm *d)
{
    const struct view *v = d->v;
    size_t i;

    for (i = 0; i < v->nclusters; i++)
        if (v->clusters[i]->nnodes == 0 && v->clusters[i]->nchildren == 0)
            d->anchor[v->clusters[i]->id] = 1;
    for (i = 0; i < v->nedges; i++) {
        const struct view_edge *e = v->edges[i];
        if (end_encloses(&e->from, &e->to))
            d->anchor[e->from.cluster->id] = 1;
        if (end_encloses(&e->to, &e->from))
            d->anchor[e->to.cluster->id] = 1;
    }
}

static void end_id(struct mm *d, const struct view_end *e, const struct view_end *other)
{
    if (!e->cluster)
        strbuf_addf(&d->out, "n%zu", e->node->id);
    else if (end_encloses(e, other))
        strbuf_addf(&d->out, "a%zu", e->cluster->id);
    else
        strbuf_addf(&d->out, "c%zu", e->cluster->id);
}

/* The link of each style: a flow solid, a half-open one dotted with a
 * circle (ingress only) or a cross (egress only) at its end; --rules'
 * ingress solid and egress dotted. */
static const char *const link_of[EDGE_STYLE_COUNT] = {
    [EDGE_FLOW] = "-->", [EDGE_INGRESS_ONLY] = "-.-o", [EDGE_EGRESS_ONLY] = "-.-x",
    [EDGE_INGRESS] = "-->", [EDGE_EGRESS] = "-.->",
};

static void emit_links(struct mm *d)
{
    const struct view *v = d->v;
    size_t i;

    for (i = 0; i < v->nedges; i++) {
        const struct view_edge *e = v->edges[i];
        enum change c = view_edge_change(v, e);
        char *label;

        indent(d, 0);
        end_id(d, &e->from, &e->to);
        strbuf_addf(&d->out, " %s|\"", link_of[e->style]);
        label = view_edge_label(v, e, MM_LABELS_MAX);
        mm_text(&d->out, label);
        free(label);
        strbuf_addstr(&d->out, "\"| ");
        end_id(d, &e->to, &e->from);
        strbuf_addch(&d->out, '\n');
        add_to_class(d, d->links, c, "%zu", i);
    }
}

/*
 * The legend: a sample link of each arrow style the view's legend lists,
 * and in a diff a node in each change's class. (Badges name their groups
 * on the nodes.)
 */
static void emit_legend(struct mm *d)
{
    const struct view *v = d->v;
    size_t i, rows = 0;

    for (i = 0; i < v->nlegend; i++)
        rows += strcmp(v->legend[i].style, "badge") != 0;
    if (!rows)
        return;
    indent(d, 0);
    strbuf_addstr(&d->out, "subgraph legend[\"legend\"]\n");
    for (i = 0; i < v->nlegend; i++) {
        const struct view_legend *row = &v->legend[i];
        if (strcmp(row->style, view_style_name(row->edge)) != 0)
            continue;
        indent(d, 1);
        strbuf_addf(&d->out, "legend_%zu[\" \"] %s|\"", i, link_of[row->edge]);
        mm_text(&d->out, row->text);
        strbuf_addf(&d->out, "\"| legend_%zut[\" \"]\n", i);
    }
    for (i = 0; v->opts.marks && i < MM_NCLASSES; i++) {
        const struct change_text *ct = change_text(mm_classes[i].change);
        indent(d, 1);
        strbuf_addf(&d->out, "legend_%s[\"", ct->role);
        mm_text(&d->out, ct->legend);
        strbuf_addstr(&d->out, "\"]\n");
    }
    indent(d, 0);
    strbuf_addstr(&d->out, "end\n");
}

static void emit_classes(struct mm *d)
{
    size_t i;

    for (i = 0; i < MM_NCLASSES; i++) {
        indent(d, 0);
        strbuf_addf(&d->out, "classDef %s %s\n", change_text(mm_classes[i].change)->role,
                    mm_classes[i].node);
    }
    for (i = 0; i < MM_NCLASSES; i++) {
        const char *role = change_text(mm_classes[i].change)->role;
        indent(d, 0);
        strbuf_addf(&d->out, "class legend_%s", role);
        if (d->ids[i].len)
            strbuf_addf(&d->out, ",%s", d->ids[i].buf);
        strbuf_addf(&d->out, " %s\n", role);
    }
    for (i = 0; i < MM_NCLASSES; i++) {
        if (!d->links[i].len)
            continue;
        indent(d, 0);
        strbuf_addf(&d->out, "linkStyle %s %s\n", d->links[i].buf, mm_classes[i].link);
    }
}

/* The flowchart of v into out; returns the number of links. */
static size_t mm_write(const struct view *v, struct strbuf *out)
{
    struct mm d;
    size_t i, links = v->nedges;

    memset(&d, 0, sizeof(d));
    strbuf_init(&d.out);
    for (i = 0; i < MM_NCLASSES; i++) {
        strbuf_init(&d.ids[i]);
        strbuf_init(&d.links[i]);
    }
    d.v = v;
    d.anchor = xcalloc(v->nclusters ? v->nclusters : 1, 1);
    d.peer_change = view_peer_changes(v);
    plan_anchors(&d);

    strbuf_addstr(&d.out, "flowchart LR\n");
    if (v->empty) {
        /* Nothing to draw: a small titled frame that says why. */
        indent(&d, 0);
        strbuf_addstr(&d.out, "subgraph empty[\"nothing to draw\"]\n");
        indent(&d, 1);
        strbuf_addstr(&d.out, "empty_why[\"");
        mm_text(&d.out, v->empty);
        strbuf_addstr(&d.out, "\"]\n");
        indent(&d, 0);
        strbuf_addstr(&d.out, "end\n");
    }
    for (i = 0; i < v->nregions; i++)
        emit_region(&d, v->regions[i]);
    for (i = 0; i < v->noutside; i++)
        emit_peer_node(&d, v->outside[i]);
    emit_links(&d);
    emit_legend(&d);
    for (i = 0; i < v->nlegend; i++)
        links += strcmp(v->legend[i].style, view_style_name(v->legend[i].edge)) == 0;
    if (v->opts.marks)
        emit_classes(&d);

    strbuf_addstr(out, d.out.buf);
    strbuf_release(&d.out);
    for (i = 0; i < MM_NCLASSES; i++) {
        strbuf_release(&d.ids[i]);
        strbuf_release(&d.links[i]);
    }
    free(d.anchor);
    free(d.peer_change);
    return links;
}

/*
 * The same drawing at the group level (--detail groups: one box per group,
 * no interfaces), or NULL when it is drawn so already.
 */
static struct view *mm_group_view(const struct view *v)
{
    struct view_options o = v->opts;

    if (o.detail == VIEW_DETAIL_GROUPS)
        return NULL;
    o.detail = VIEW_DETAIL_GROUPS;
    return view_build(v->model, &o);
}

/* Does a flowchart of len characters and links links fit Mermaid's limits?
 * (Bytes are counted, never fewer than characters.) */
static int mm_fits(size_t len, size_t links)
{
    return len <= MM_MAX_TEXT && links <= MM_MAX_EDGES;
}

/* The summary that replaces a drawing too large for Mermaid. */
static void mm_summary(const struct view *v, size_t len, size_t links, struct strbuf *out)
{
    size_t i, changed = 0;

    for (i = 0; v->opts.marks && i < v->nedges; i++)
        changed += view_edge_change(v, v->edges[i]) != CHANGE_NONE;
    strbuf_addstr(out, "flowchart LR\n");
    strbuf_addf(out, "    summary[\"%zu groups drawn as %zu regions, %zu nodes and %zu arrows",
                v->model->ngroups, v->nclusters, v->nnodes, v->nedges);
    if (v->opts.marks)
        strbuf_addf(out, " (%zu changed)", changed);
    strbuf_addf(out, ": too large for Mermaid (%zu characters, %zu links; at most %d and %d). "
                     "See the SVG or HTML drawing.\"]\n",
                len, links, MM_MAX_TEXT, MM_MAX_EDGES);
}

int emit_mermaid(const struct view *v, FILE *fp)
{
    struct strbuf out = STRBUF_INIT;
    size_t links = mm_write(v, &out);
    int rc;

    if (!mm_fits(out.len, links)) {
        struct view *groups = mm_group_view(v);
        size_t len = out.len, glinks = 0;

        strbuf_reset(&out);
        if (groups) {
            glinks = mm_write(groups, &out);
            view_free(groups);
            if (mm_fits(out.len, glinks))
                diag_note(NULL, "the Mermaid drawing is too large (%zu characters, %zu links): "
                                "drawn at the group level",
                          len, links);
        }
        if (!groups || !mm_fits(out.len, glinks)) {
            strbuf_reset(&out);
            mm_summary(v, len, links, &out);
            diag_note(NULL, "the Mermaid drawing is too large (%zu characters, %zu links; "
                            "Mermaid draws at most %d and %d): written as a summary",
                      len, links, MM_MAX_TEXT, MM_MAX_EDGES);
        }
    }
    rc = fwrite(out.buf, 1, out.len, fp) == out.len && !ferror(fp) ? 0 : -1;
    strbuf_release(&out);
    return rc;
}
