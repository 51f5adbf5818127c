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
 * Groups are arrays and styles strings, so that a cluster standing for
 * several groups or a new arrow style is more data, not a new schema;
 * "notes" lists the remarks drawn with an object (render --lint).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "json_writer.h"
#include "strbuf.h"
#include "xalloc.h"

/* The longest label list is uncapped: every distinct label of an edge. */
#define ALL_LABELS ((size_t)-1)

/* A rule's index in m->rules, found by its address. */
struct rule_slot {
    uintptr_t addr;
    size_t index;
};

/* Something listed, with its id, for sorting. */
struct item {
    char *id;
    const void *obj;
};

struct vw {
    struct json_writer w;
    const struct view *v;
    struct rule_slot *slots; /* sorted by addr */
    size_t nslots;
    size_t *first_rule;      /* per group index: its run of m->rules */
    size_t *nrules;
    struct strbuf id;        /* scratch */
};

static int cmp_slot(const void *a, const void *b)
{
    const struct rule_slot *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const struct item *)a)->id, ((const struct item *)b)->id);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static size_t rule_index(const struct vw *d, const struct rule *r)
{
    struct rule_slot key, *hit;
    key.addr = (uintptr_t)r;
    hit = bsearch(&key, d->slots, d->nslots, sizeof(*d->slots), cmp_slot);
    return hit ? hit->index : 0;
}

/* "rules": the indexes of rules[0..n), ascending. */
static void member_rules(struct vw *d, const struct rule *const *rules, size_t n)
{
    size_t *idx = xcalloc(n ? n : 1, sizeof(*idx)), i;

    for (i = 0; i < n; i++)
        idx[i] = rule_index(d, rules[i]);
    xqsort(idx, n, sizeof(*idx), cmp_size);
    jw_key(&d->w, "rules");
    jw_array_begin(&d->w);
    for (i = 0; i < n; i++)
        jw_uint(&d->w, idx[i]);
    jw_array_end(&d->w);
    free(idx);
}

/* The self rules of g drawn on its cluster or handle. */
static void member_self_rules(struct vw *d, const struct group *g)
{
    const struct model *m = d->v->model;
    const struct rule **self = NULL;
    size_t i, n = 0, alloc = 0;

    for (i = 0; i < d->nrules[g->index]; i++) {
        const struct rule *r = m->rules[d->first_rule[g->index] + i];
        if (r->peer_type != PEER_GROUP || strcmp(r->peer, g->id) != 0 ||
            !view_rule_shown(d->v, r))
            continue;
        XGROW(self, alloc, n + 1);
        self[n++] = r;
    }
    member_rules(d, self, n);
    free(self);
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

/* "notes": the lines of a group's note, when it has one. */
static void member_note(struct vw *d, const char *note)
{
    if (!note)
        return;
    jw_key(&d->w, "notes");
    jw_array_begin(&d->w);
    note_lines(d, note);
    jw_array_end(&d->w);
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
        member_groups(d, "groups", &c->group, 1);
        member_cluster(d, "parent", c->parent);
        member_frame(d, c->region);
        jw_member_string(&d->w, "label", c->group->name);
        if (c->self_label)
            jw_member_string(&d->w, "self", c->self_label);
        member_self_rules(d, c->group);
        if (c->group->conditional)
            jw_member_bool(&d->w, "conditional", 1);
        member_change(d, mark_of_group(d->v->opts.marks, c->group)->change);
        member_note(d, note_of_group(d->v->opts.notes, c->group));
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
            /* A group that crosses others: its members wear its badge. */
            member_groups(d, "groups", &n->group, 1);
            member_frame(d, n->region);
            jw_member_string(&d->w, "label", n->group->name);
            if (n->self_label)
                jw_member_string(&d->w, "self", n->self_label);
            member_self_rules(d, n->group);
            member_change(d, mark_of_group(d->v->opts.marks, n->group)->change);
            member_note(d, note_of_group(d->v->opts.notes, n->group));
        } else {
            jw_key(&d->w, "peer");
            jw_object_begin(&d->w);
            jw_member_string(&d->w, "type", peer_type_name(node_peer_type(n->type)));
            jw_member_string(&d->w, "id", n->peer);
            jw_object_end(&d->w);
            jw_member_string(&d->w, "label", n->label);
            if (n->stale)
                jw_member_bool(&d->w, "stale", 1);
            if (peer_change)
                member_change(d, peer_change[n->id]);
        }
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
    free(peer_change);
    free_items(items, v->nnodes);
}

/* ===== Edges ===== */

/* "labels": the distinct labels as drawn (diff signs, "(if)"), uncapped.
 * view_edge_label() joins them with ", ", which no label holds. */
static void member_labels(struct vw *d, const struct view_edge *e)
{
    char *all = view_edge_label(d->v, e, ALL_LABELS), *p = all;

    jw_key(&d->w, "labels");
    jw_array_begin(&d->w);
    while (*p) {
        char *sep = strstr(p, ", ");
        size_t n = sep ? (size_t)(sep - p) : strlen(p);
        jw_string_n(&d->w, p, n);
        p += n + (sep ? 2 : 0);
    }
    jw_array_end(&d->w);
    free(all);
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
        member_labels(d, e);
        member_rules(d, (const struct rule *const *)e->rules, e->nrules);
        /* One end's cluster encloses the other: not clipped to either. */
        if (e->nested)
            jw_member_bool(&d->w, "nested", 1);
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

/* ===== Legend ===== */

static void write_legend(struct vw *d)
{
    static const enum change changes[] = {CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED,
                                          CHANGE_NONE};
    const struct view *v = d->v;
    size_t i;

    jw_key(&d->w, "legend");
    jw_array_begin(&d->w);
    for (i = 0; i < v->ncrossing; i++) {
        jw_object_begin(&d->w);
        jw_member_string(&d->w, "style", "badge");
        member_groups(d, "groups", &v->crossing[i], 1);
        jw_member_string(&d->w, "text", v->crossing[i]->name);
        jw_object_end(&d->w);
    }
    for (i = 0; v->opts.marks && i < sizeof(changes) / sizeof(changes[0]); i++) {
        jw_object_begin(&d->w);
        jw_member_string(&d->w, "style",
                         change_text(changes[i])->word);
        jw_member_string(&d->w, "text", change_text(changes[i])->legend);
        jw_object_end(&d->w);
    }
    jw_array_end(&d->w);
}

int emit_view(const struct view *v, FILE *fp)
{
    const struct model *m = v->model;
    struct vw d;
    size_t i;
    int rc;

    memset(&d, 0, sizeof(d));
    d.v = v;
    strbuf_init(&d.id);
    d.nslots = m->nrules;
    d.slots = xcalloc(m->nrules ? m->nrules : 1, sizeof(*d.slots));
    /* Each group's rules are one contiguous run of m->rules. */
    d.first_rule = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*d.first_rule));
    d.nrules = xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*d.nrules));
    for (i = m->nrules; i-- > 0;) {
        d.slots[i].addr = (uintptr_t)m->rules[i];
        d.slots[i].index = i;
        d.first_rule[m->rules[i]->group->index] = i;
        d.nrules[m->rules[i]->group->index]++;
    }
    xqsort(d.slots, d.nslots, sizeof(*d.slots), cmp_slot);

    jw_init_file(&d.w, fp);
    jw_object_begin(&d.w);
    jw_member_int(&d.w, "sgmap-view", 1);
    write_frames(&d);
    write_clusters(&d);
    write_nodes(&d);
    write_edges(&d);
    write_legend(&d);
    jw_object_end(&d.w);
    rc = jw_finish(&d.w);
    strbuf_release(&d.id);
    free(d.slots);
    free(d.first_rule);
    free(d.nrules);
    return rc;
}
