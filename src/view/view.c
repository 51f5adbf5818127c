/*
 * view.c - turns a finished model into what is drawn (see view.h): runs
 * the steps (groups shown, regions and clusters, nodes, edges) and
 * answers questions about the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "view_internal.h"

/* Keep a key string alive for the builder's maps. */
const char *builder_key(struct builder *b, char *key)
{
    XGROW(b->key_store, b->keys_alloc, b->nkeys + 1);
    b->key_store[b->nkeys++] = key;
    return key;
}

/* ===== Legend ===== */

static void legend_add(struct view *v, struct view_legend row)
{
    APPEND(v->legend, v->nlegend, row);
}

/* Mark in used[] the levels of the notes of groups drawn as one and of
 * their rules among their own members. */
static void groups_levels(const struct view *v, struct group *const *groups, size_t n,
                          struct rule *const *self_rules, size_t nself, int *used)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (note_of_group(v->opts.notes, groups[i]))
            used[note_level_of_group(v->opts.notes, groups[i])] = 1;
    for (i = 0; i < nself; i++)
        if (note_of_rule(v->opts.notes, self_rules[i]))
            used[note_level_of_rule(v->opts.notes, self_rules[i])] = 1;
}

/* Which levels of notes (lint's severities) the drawing colours, in its
 * objects or in the notes table: used[]. */
static void levels_drawn(const struct view *v, int *used)
{
    const struct notes *notes = v->opts.notes;
    size_t i, j;

    for (i = 0; notes && i < v->nedges; i++)
        for (j = 0; j < v->edges[i]->nrules; j++)
            if (note_of_rule(notes, v->edges[i]->rules[j]))
                used[note_level_of_rule(notes, v->edges[i]->rules[j])] = 1;
    for (i = 0; notes && i < v->nclusters; i++)
        groups_levels(v, v->clusters[i]->groups, v->clusters[i]->ngroups,
                      v->clusters[i]->self_rules, v->clusters[i]->nself_rules, used);
    for (i = 0; notes && i < v->nnodes; i++) {
        const struct view_node *n = v->nodes[i];
        if (n->type == VNODE_HANDLE)
            groups_levels(v, n->groups, n->ngroups, n->self_rules, n->nself_rules, used);
        for (j = 0; n->type == VNODE_IFACE && j < n->nifaces; j++)
            if (note_of_iface(notes, n->ifaces[j]))
                used[note_level_of_iface(notes, n->ifaces[j])] = 1;
    }
}

/* The legend line of a level's colour. */
static const char *level_legend(const struct view *v, enum note_level level)
{
    static const char *const texts[2][NOTE_LEVELS] = {
        {"lint note (see the tooltip)", "lint warning (see the tooltip)",
         "lint error (see the tooltip)"},
        {"lint note (see the notes)", "lint warning (see the notes)", "lint error (see the notes)"},
    };
    return texts[v->opts.notes_table ? 1 : 0][level];
}

/*
 * What the drawing needs explained, in the order it is drawn: the arrow
 * styles used, and the colour of stale rules, when the arrows use more
 * than one style or colour; the colour of each severity of lint findings
 * drawn (on arrows, outlines or interfaces); every badge with its number;
 * in a diff, the colour and sign of each change (which colour the arrows
 * too, so the styles are listed when more than one is used).
 */
static void build_legend(struct view *v)
{
    static const enum change changes[] = {CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED,
                                          CHANGE_NONE};
    int used[EDGE_STYLE_COUNT] = {0}, levels[NOTE_LEVELS] = {0}, stale = 0, noted = 0;
    int kinds = 0;
    size_t i;

    for (i = 0; i < v->nedges; i++) {
        used[v->edges[i]->style] = 1;
        stale |= v->edges[i]->stale;
    }
    if (!v->opts.marks) /* a diff colours arrows by change */
        levels_drawn(v, levels);
    else
        stale = 0;
    for (i = 0; i < EDGE_STYLE_COUNT; i++)
        kinds += used[i];
    for (i = 0; i < NOTE_LEVELS; i++)
        noted += levels[i];
    if (kinds + stale + noted > 1) {
        for (i = 0; i < EDGE_STYLE_COUNT; i++)
            if (used[i])
                legend_add(v, (struct view_legend){view_style_name((enum edge_style)i),
                                                   (enum edge_style)i, CHANGE_NONE, NULL, 0,
                                                   view_style_meaning((enum edge_style)i),
                                                   NOTE_LEVEL_NOTE});
        if (stale)
            legend_add(v, (struct view_legend){"stale", EDGE_FLOW, CHANGE_NONE, NULL, 0,
                                               "its peer group is deleted or stale",
                                               NOTE_LEVEL_NOTE});
    }
    /* Highest first: the colours that matter most lead. */
    for (i = NOTE_LEVELS; i-- > 0;)
        if (levels[i])
            legend_add(v, (struct view_legend){"finding", EDGE_FLOW, CHANGE_NONE, NULL, 0,
                                               level_legend(v, (enum note_level)i),
                                               (enum note_level)i});
    for (i = 0; i < v->nbadged; i++)
        legend_add(v, (struct view_legend){"badge", EDGE_FLOW, CHANGE_NONE, v->badged[i], i + 1,
                                           v->badged[i]->name, NOTE_LEVEL_NOTE});
    for (i = 0; v->opts.marks && i < sizeof(changes) / sizeof(changes[0]); i++)
        legend_add(v, (struct view_legend){change_text(changes[i])->word, EDGE_FLOW, changes[i],
                                           NULL, 0, change_text(changes[i])->legend,
                                           NOTE_LEVEL_NOTE});
}

/* ===== References into the notes table ===== */

/*
 * --notes: number what carries rules, in the order the table lists them:
 * the arrows, then the clusters and crossing groups with rules among their
 * own members. The numbers are the view's, so that every format that
 * shows them agrees.
 */
static void number_refs(struct view *v)
{
    size_t i;

    if (!v->opts.notes_table)
        return;
    for (i = 0; i < v->nedges; i++)
        v->edges[i]->ref = ++v->nrefs;
    for (i = 0; i < v->nclusters; i++)
        if (v->clusters[i]->nself_rules)
            v->clusters[i]->ref = ++v->nrefs;
    for (i = 0; i < v->nnodes; i++)
        if (v->nodes[i]->type == VNODE_HANDLE && v->nodes[i]->nself_rules)
            v->nodes[i]->ref = ++v->nrefs;
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
    choose_detail(b);
    collect_ranges(b);
    build_clusters(b);
    build_self_marks(b);
    place_ifaces(b);
    build_edges(b);
    count_beyond(b);
    number_refs(v);
    fold_hubs(b);
    build_legend(v);
    if (!v->nclusters && !v->nnodes)
        v->empty = m->ngroups == 0 && m->nifaces == 0
                       ? "the inputs hold no security groups or network interfaces"
                       : "--exclude, --vpc and --group leave no group or interface";

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
    size_t i, j;
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
        free(v->nodes[i]->labels);
        free((char *)v->nodes[i]->counts);
        free(v->nodes[i]->folded);
        if (v->nodes[i]->type == VNODE_HANDLE) {
            free(v->nodes[i]->groups);
            free((char *)v->nodes[i]->self_label);
            free(v->nodes[i]->self_rules);
        }
        free(v->nodes[i]);
    }
    for (i = 0; i < v->nedges; i++) {
        for (j = 0; j < v->edges[i]->nlabels; j++)
            free(v->edges[i]->labels[j].text);
        free(v->edges[i]->labels);
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
    free(v->legend);
    free(v->detail_note);
    free(v);
}

int view_node_is_box(const struct view *v, const struct view_node *n)
{
    return n->type == VNODE_HANDLE && (n->stub || v->opts.detail == VIEW_DETAIL_GROUPS);
}

int view_is_overview(const struct view *v)
{
    size_t boxes = 0, i;

    if (v->opts.detail != VIEW_DETAIL_GROUPS)
        return 0;
    for (i = 0; i < v->nnodes && boxes < VIEW_FOLD_MIN_BOXES; i++)
        boxes += view_node_is_box(v, v->nodes[i]);
    return boxes >= VIEW_FOLD_MIN_BOXES;
}

void view_box_text(struct strbuf *sb, const struct view_node *n)
{
    size_t i;

    for (i = 0; i < n->ngroups; i++)
        strbuf_addf(sb, "%s%s", i ? "\n" : "", n->groups[i]->name);
    if (n->ngroups > 1)
        strbuf_addstr(sb, "\n" VIEW_SAME_MEMBERS);
    strbuf_addch(sb, '\n');
    if (n->stub)
        strbuf_addstr(sb, "stub: ");
    /* "no members", "8 ec2", "12 members: 8 ec2, 4 lambda" */
    if (!n->nmembers)
        strbuf_addstr(sb, "no members");
    else if (!strchr(n->counts, ','))
        strbuf_addstr(sb, n->counts);
    else
        strbuf_addf(sb, "%zu members: %s", n->nmembers, n->counts);
    if (n->inside)
        strbuf_addf(sb, "\ninside %s", n->inside->label);
    if (n->beyond)
        strbuf_addf(sb, "\n%zu more rule%s not drawn", n->beyond, n->beyond == 1 ? "" : "s");
    if (n->self_label)
        strbuf_addf(sb, "\n%s", n->self_label);
    if (n->folded)
        strbuf_addf(sb, "\n%s", n->folded);
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
    return v->opts.marks ? e->change : CHANGE_NONE;
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
            struct suggest s;
            suggest_init(&s, o->focus[j]);
            for (i = 0; i < m->ngroups; i++) {
                suggest_consider(&s, m->groups[i]->name);
                suggest_consider(&s, m->groups[i]->alias);
                suggest_consider(&s, m->groups[i]->id);
            }
            strbuf_addf(why,
                        "--group '%s' matches no group's name, GroupName or id" SUGGEST_FMT,
                        o->focus[j], SUGGEST_ARGS(suggest_best(&s)));
            return -1;
        }
    }
    return 0;
}

int view_is_empty(const struct view *v)
{
    return v->empty != NULL;
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
