/*
 * emit_view.c - the drawing as data (-f view): a JSON dump of exactly what
 * the view holds before Graphviz, schema version 1 (sgmap.1, VIEW OUTPUT).
 *
 *   {"sgmap-view": 1, "frames": [...], "clusters": [...], "nodes": [...],
 *    "edges": [...], "legend": [...]}
 *
 * Frames, clusters, nodes and edges carry the ids the DOT and SVG carry
 * (view_node_id() ...) and are sorted by them. "rules" are indexes into
 * the "rules" array of -f json for the same inputs (m->rules, in order).
 * A cluster's "groups" are every group with its members, an edge's
 * "style" what it says (flow, ingress-only, egress-only; ingress, egress
 * with --rules); "notes" lists the remarks drawn with an object (render
 * --lint); "empty" says why nothing is drawn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "highlight.h"
#include "json_writer.h"
#include "strbuf.h"
#include "xalloc.h"

/* Something listed, with its id, for sorting. */
struct item {
    char *id;
    const void *obj;
};

struct vw {
    struct json_writer w;
    const struct view *v;
    struct strbuf id;        /* scratch */
};

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const struct item *)a)->id, ((const struct item *)b)->id);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* "rules": the indexes of rules[0..n), ascending. */
static void member_rules(struct vw *d, const struct rule *const *rules, size_t n)
{
    size_t *idx = xcalloc(n ? n : 1, sizeof(*idx)), i;

    for (i = 0; i < n; i++)
        idx[i] = rules[i]->index;
    xqsort(idx, n, sizeof(*idx), cmp_size);
    jw_key(&d->w, "rules");
    jw_array_begin(&d->w);
    for (i = 0; i < n; i++)
        jw_uint(&d->w, idx[i]);
    jw_array_end(&d->w);
    free(idx);
}

/* "change" in a diff view, on what changed. */
static void member_change(struct vw *d, enum change c)
{
    if (d->v->opts.marks && c != CHANGE_NONE)
        jw_member_string(&d->w, "change", change_text(c)->word);
}

/* Append each line of note (NULL: none) to the open "notes" array. */
static void note_lines(struct vw *d, const char *note)
{
    while (note && *note) {
        size_t n = strcspn(note, "\n");
        jw_string_n(&d->w, note, n);
        note += n + (note[n] != '\0');
    }
}

/* "notes": the lines of the notes of groups drawn as one, when any. */
static void member_group_notes(struct vw *d, struct group *const *groups, size_t n)
{
    size_t i;
    for (i = 0; i < n && !note_of_group(d->v->opts.notes, groups[i]); i++)
        ;
    if (i == n)
        return;
    jw_key(&d->w, "notes");
    jw_array_begin(&d->w);
    for (i = 0; i < n; i++)
        note_lines(d, note_of_group(d->v->opts.notes, groups[i]));
    jw_array_end(&d->w);
}

/* "label": the groups' names as drawn, one a line, and the mark of equal
 * members when there are several. */
static void member_title(struct vw *d, struct group *const *groups, size_t n)
{
    size_t i;
    strbuf_reset(&d->id);
    for (i = 0; i < n; i++)
        strbuf_addf(&d->id, "%s%s", i ? "\n" : "", groups[i]->name);
    if (n > 1)
        strbuf_addstr(&d->id, "\n" VIEW_SAME_MEMBERS);
    jw_member_string(&d->w, "label", d->id.buf);
}

/* Do groups drawn as one exist only under a template condition? */
static int all_conditional(struct group *const *groups, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!groups[i]->conditional)
            return 0;
    return n > 0;
}

/* "key": "ID" of a cluster, or null. */
static void member_cluster(struct vw *d, const char *key, const struct view_cluster *c)
{
    jw_key(&d->w, key);
    if (!c) {
        jw_null(&d->w);
        return;
    }
    strbuf_reset(&d->id);
    view_cluster_id(&d->id, c);
    jw_string(&d->w, d->id.buf);
}

/* "frame": the VPC frame's id, or null outside every frame. */
static void member_frame(struct vw *d, const struct view_region *r)
{
    jw_key(&d->w, "frame");
    if (!r || !r->label) {
        jw_null(&d->w);
        return;
    }
    strbuf_reset(&d->id);
    view_region_id(&d->id, r);
    jw_string(&d->w, d->id.buf);
}

static void member_groups(struct vw *d, const char *key, struct group *const *groups, size_t n)
{
    size_t i;
    jw_key(&d->w, key);
    jw_array_begin(&d->w);
    for (i = 0; i < n; i++)
        jw_string(&d->w, groups[i]->id);
    jw_array_end(&d->w);
}

/* Sort n objects by their ids; the caller frees with free_items(). */
static struct item *sorted(const void *const *objs, size_t n,
                           void (*id)(struct strbuf *, const void *))
{
    struct item *items = xcalloc(n ? n : 1, sizeof(*items));
    size_t i;

    for (i = 0; i < n; i++) {
        struct strbuf sb = STRBUF_INIT;
        id(&sb, objs[i]);
        items[i].id = strbuf_detach(&sb);
        items[i].obj = objs[i];
    }
    xqsort(items, n, sizeof(*items), cmp_item);
    return items;
}

static void free_items(struct item *items, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(items[i].id);
    free(items);
}

static void id_region(struct strbuf *sb, const void *r)
{
    view_region_id(sb, r);
}

static void id_cluster(struct strbuf *sb, const void *c)
{
    view_cluster_id(sb, c);
}

static void id_node(struct strbuf *sb, const void *n)
{
    view_node_id(sb, n);
}

static void id_edge(struct strbuf *sb, const void *e)
{
    view_edge_id(sb, e);
}

/* ===== Frames and clusters ===== */

static void write_frames(struct vw *d)
{
    const struct view *v = d->v;
    const void **framed = xcalloc(v->nregions ? v->nregions : 1, sizeof(*framed));
    struct item *items;
    size_t i, n = 0;

    for (i = 0; i < v->nregions; i++)
        if (v->regions[i]->label)
            framed[n++] = v->regions[i];
    items = sorted(framed, n, id_region);
    jw_key(&d->w, "frames");
    jw_array_begin(&d->w);
    for (i = 0; i < n; i++) {
        const struct view_region *r = items[i].obj;
        jw_object_begin(&d->w);
        jw_member_string(&d->w, "id", items[i].id);
        jw_member_string(&d->w, "vpc", r->vpc_id);
        jw_member_string(&d->w, "label", r->label);
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
    free_items(items, n);
    free(framed);
}

static void write_clusters(struct vw *d)
{
    const struct view *v = d->v;
    struct item *items = sorted((const void *const *)v->clusters, v->nclusters, id_cluster);
    size_t i;

    jw_key(&d->w, "clusters");
    jw_array_begin(&d->w);
    for (i = 0; i < v->nclusters; i++) {
        const struct view_cluster *c = items[i].obj;
        jw_object_begin(&d->w);
        jw_member_string(&d->w, "id", items[i].id);
        member_groups(d, "groups", c->groups, c->ngroups);
        member_cluster(d, "parent", c->parent);
        member_frame(d, c->region);
        member_title(d, c->groups, c->ngroups);
        if (c->self_label)
            jw_member_string(&d->w, "self", c->self_label);
        member_rules(d, (const struct rule *const *)c->self_rules, c->nself_rules);
        if (all_conditional(c->groups, c->ngroups))
            jw_member_bool(&d->w, "conditional", 1);
        member_change(d, view_groups_change(d->v, c->groups, c->ngroups));
        member_group_notes(d, c->groups, c->ngroups);
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
    free_items(items, v->nclusters);
}

/* ===== Nodes ===== */

static enum peer_type node_peer_type(enum vnode_type t)
{
    switch (t) {
    case VNODE_CIDR: return PEER_CIDR;
    case VNODE_PREFIX_LIST: return PEER_PREFIX_LIST;
    case VNODE_PARAM: return PEER_PARAM;
    case VNODE_IMPORT: return PEER_IMPORT;
    case VNODE_EXPRESSION: return PEER_EXPRESSION;
    default: break;
    }
    return PEER_EXTERNAL_GROUP;
}

static void write_iface_node(struct vw *d, const struct view_node *n)
{
    size_t i, noted = 0;

    jw_key(&d->w, "interfaces");
    jw_array_begin(&d->w);
    for (i = 0; i < n->nifaces; i++) {
        jw_string(&d->w, n->ifaces[i]->id);
        noted += note_of_iface(d->v->opts.notes, n->ifaces[i]) != NULL;
    }
    jw_array_end(&d->w);
    jw_member_string(&d->w, "kind", kind_name(n->ifaces[0]->kind));
    jw_member_string(&d->w, "label", n->label);
    if (n->nifaces > 1) {
        /* A region node: each interface's own name, as "interfaces" lists them. */
        jw_key(&d->w, "names");
        jw_array_begin(&d->w);
        for (i = 0; i < n->nifaces; i++)
            jw_string(&d->w, n->ifaces[i]->label ? n->ifaces[i]->label : n->ifaces[i]->id);
        jw_array_end(&d->w);
    }
    member_cluster(d, "cluster", n->cluster);
    member_frame(d, n->region);
    member_groups(d, "badges", n->badges, n->nbadges);
    if (view_node_conditional(n))
        jw_member_bool(&d->w, "conditional", 1);
    member_change(d, view_node_change(d->v, n));
    if (noted) {
        jw_key(&d->w, "notes");
        jw_array_begin(&d->w);
        for (i = 0; i < n->nifaces; i++)
            note_lines(d, note_of_iface(d->v->opts.notes, n->ifaces[i]));
        jw_array_end(&d->w);
    }
}

/* A group drawn as one box: its members by kind, the box it is inside,
 * and for a stub its rules not drawn. */
static void write_box(struct vw *d, const struct view_node *n)
{
    size_t count[KIND_COUNT] = {0}, i;

    if (n->stub)
        jw_member_bool(&d->w, "stub", 1);
    jw_member_int(&d->w, "members", (long long)n->nmembers);
    jw_key(&d->w, "kinds");
    jw_object_begin(&d->w);
    for (i = 0; i < n->group->nmembers; i++)
        count[n->group->members[i]->kind]++;
    for (i = 0; i < KIND_COUNT; i++)
        if (count[i])
            jw_member_int(&d->w, kind_name((enum iface_kind)i), (long long)count[i]);
    jw_object_end(&d->w);
    if (n->inside) {
        strbuf_reset(&d->id);
        view_node_id(&d->id, n->inside);
        jw_member_string(&d->w, "inside", d->id.buf);
    }
    if (n->stub)
        jw_member_int(&d->w, "beyond", (long long)n->beyond);
}

static void write_nodes(struct vw *d)
{
    const struct view *v = d->v;
    struct item *items = sorted((const void *const *)v->nodes, v->nnodes, id_node);
    enum change *peer_change = v->opts.marks ? view_peer_changes(v) : NULL;
    size_t i;

    jw_key(&d->w, "nodes");
    jw_array_begin(&d->w);
    for (i = 0; i < v->nnodes; i++) {
        const struct view_node *n = items[i].obj;
        jw_object_begin(&d->w);
        jw_member_string(&d->w, "id", items[i].id);
        if (n->type == VNODE_IFACE) {
            write_iface_node(d, n);
        } else if (n->type == VNODE_HANDLE) {
            /* Groups that cross others: their members wear their badges. */
            member_groups(d, "groups", n->groups, n->ngroups);
            member_frame(d, n->region);
            member_title(d, n->groups, n->ngroups);
            if (n->self_label)
                jw_member_string(&d->w, "self", n->self_label);
            member_rules(d, (const struct rule *const *)n->self_rules, n->nself_rules);
            member_change(d, view_groups_change(d->v, n->groups, n->ngroups));
            member_group_notes(d, n->groups, n->ngroups);
            if (view_node_is_box(d->v, n))
                write_box(d, n);
        } else {
            jw_key(&d->w, "peer");
            jw_object_begin(&d->w);
            jw_member_string(&d->w, "type", peer_type_name(node_peer_type(n->type)));
            jw_member_string(&d->w, "id", n->peer);
            if (n->also) {
                jw_key(&d->w, "also");
                jw_array_begin(&d->w);
                jw_string(&d->w, n->also);
                jw_array_end(&d->w);
            }
            jw_object_end(&d->w);
            jw_member_string(&d->w, "label", n->label);
            member_frame(d, n->region);
            if (n->stale)
                jw_member_bool(&d->w, "stale", 1);
            if (peer_change)
                member_change(d, peer_change[n->id]);
        }
        if (n->folded) /* the overview: its folded arrows' lines, as drawn */
            jw_member_string(&d->w, "folded", n->folded);
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
    free(peer_change);
    free_items(items, v->nnodes);
}

/* ===== Edges ===== */

/* "labels": every label as drawn (diff signs, "(if)"), uncapped. */
static void member_labels(struct vw *d, const struct view_edge *e)
{
    size_t i;

    jw_key(&d->w, "labels");
    jw_array_begin(&d->w);
    for (i = 0; i < e->nlabels; i++) {
        strbuf_reset(&d->id);
        view_label_text(&d->id, &e->labels[i]);
        jw_string(&d->w, d->id.buf);
    }
    jw_array_end(&d->w);
}

static void write_edges(struct vw *d)
{
    const struct view *v = d->v;
    struct item *items = sorted((const void *const *)v->edges, v->nedges, id_edge);
    size_t i, j;

    jw_key(&d->w, "edges");
    jw_array_begin(&d->w);
    for (i = 0; i < v->nedges; i++) {
        const struct view_edge *e = items[i].obj;
        int noted = 0;

        jw_object_begin(&d->w);
        jw_member_string(&d->w, "id", items[i].id);
        strbuf_reset(&d->id);
        view_end_id(&d->id, &e->from);
        jw_member_string(&d->w, "from", d->id.buf);
        strbuf_reset(&d->id);
        view_end_id(&d->id, &e->to);
        jw_member_string(&d->w, "to", d->id.buf);
        jw_member_string(&d->w, "style", view_edge_style(e));
        if (e->ref) /* --notes: its number in the notes table */
            jw_member_int(&d->w, "ref", (long long)e->ref);
        member_labels(d, e);
        member_rules(d, (const struct rule *const *)e->rules, e->nrules);
        /* One end's cluster encloses the other: not clipped to either. */
        if (e->nested)
            jw_member_bool(&d->w, "nested", 1);
        /* The overview: written in its ends' boxes ("folded" there), not drawn. */
        if (e->folded)
            jw_member_bool(&d->w, "folded", 1);
        if (e->stale)
            jw_member_bool(&d->w, "stale", 1);
        member_change(d, view_edge_change(d->v, e));
        for (j = 0; j < e->nrules; j++)
            noted |= note_of_rule(d->v->opts.notes, e->rules[j]) != NULL;
        if (noted) {
            jw_key(&d->w, "notes");
            jw_array_begin(&d->w);
            for (j = 0; j < e->nrules; j++)
                note_lines(d, note_of_rule(d->v->opts.notes, e->rules[j]));
            jw_array_end(&d->w);
        }
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
    free_items(items, v->nedges);
}

/* ===== Highlight ===== */

static int on_cluster(const struct highlight *h, const void *c)
{
    return highlight_cluster(h, c);
}

static int on_node(const struct highlight *h, const void *n)
{
    return highlight_node(h, n);
}

static int on_edge(const struct highlight *h, const void *e)
{
    return highlight_edge(h, e);
}

/* "key": the ids of the objects on a path, sorted. */
static void highlight_ids(struct vw *d, const char *key, const void *const *objs, size_t n,
                          void (*id)(struct strbuf *, const void *),
                          int (*on)(const struct highlight *, const void *))
{
    struct item *items = sorted(objs, n, id);
    size_t i;

    jw_key(&d->w, key);
    jw_array_begin(&d->w);
    for (i = 0; i < n; i++)
        if (on(d->v->opts.highlight, items[i].obj))
            jw_string(&d->w, items[i].id);
    jw_array_end(&d->w);
    free_items(items, n);
}

/* A drawn answer: the ids of the clusters, nodes and edges on its paths. */
static void write_highlight(struct vw *d)
{
    const struct view *v = d->v;

    if (!v->opts.highlight)
        return;
    jw_key(&d->w, "highlight");
    jw_object_begin(&d->w);
    jw_member_string(&d->w, "query", v->opts.highlight->query);
    highlight_ids(d, "clusters", (const void *const *)v->clusters, v->nclusters, id_cluster,
                  on_cluster);
    highlight_ids(d, "nodes", (const void *const *)v->nodes, v->nnodes, id_node, on_node);
    highlight_ids(d, "edges", (const void *const *)v->edges, v->nedges, id_edge, on_edge);
    jw_object_end(&d->w);
}

/* ===== Legend ===== */

static void write_legend(struct vw *d)
{
    const struct view *v = d->v;
    size_t i;

    jw_key(&d->w, "legend");
    jw_array_begin(&d->w);
    for (i = 0; i < v->nlegend; i++) {
        const struct view_legend *row = &v->legend[i];
        jw_object_begin(&d->w);
        jw_member_string(&d->w, "style", row->style);
        if (row->group) {
            member_groups(d, "groups", (struct group *const *)&row->group, 1);
            jw_member_int(&d->w, "tag", (long long)row->tag);
        }
        if (strcmp(row->style, "finding") == 0)
            jw_member_string(&d->w, "severity", note_level_name(row->level));
        jw_member_string(&d->w, "text", row->text);
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
}

int emit_view(const struct view *v, FILE *fp)
{
    struct vw d;
    int rc;

    memset(&d, 0, sizeof(d));
    d.v = v;
    strbuf_init(&d.id);

    jw_init_file(&d.w, fp);
    jw_object_begin(&d.w);
    jw_member_int(&d.w, "sgmap-view", 1);
    jw_member_string(&d.w, "detail", view_detail_name(v->opts.detail));
    write_frames(&d);
    write_clusters(&d);
    write_nodes(&d);
    write_edges(&d);
    write_legend(&d);
    write_highlight(&d);
    if (v->empty)
        jw_member_string(&d.w, "empty", v->empty);
    jw_object_end(&d.w);
    rc = jw_finish(&d.w);
    strbuf_release(&d.id);
    return rc;
}
