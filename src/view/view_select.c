/*
 * view_select.c - which groups and interfaces a view draws (the focus in
 * full, its neighbours as stubs), at which level of detail, and in which
 * VPC: each one's VPC (its own, else the one its groups or members agree
 * on), the VPC of --vpc, the --group focus with its --depth, --exclude,
 * and the named CIDR ranges --merge-cidrs folds into.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "view_internal.h"

int vpc_matches(const struct model *m, const char *vpc, const char *want)
{
    size_t i;
    if (!vpc)
        return 0;
    if (strcmp(vpc, want) == 0)
        return 1;
    for (i = 0; i < m->nvpcs; i++)
        if (strcmp(m->vpcs[i]->id, vpc) == 0 && m->vpcs[i]->name &&
            strcmp(m->vpcs[i]->name, want) == 0)
            return 1;
    return 0;
}

/* ===== VPCs ===== */

/* The one VPC of a list (NULLs skipped): *one stays NULL when the list has
 * none, and becomes NULL again when it has two. Returns 0 once they differ. */
static int agree(const char **one, const char *vpc)
{
    if (!vpc)
        return 1;
    if (*one && strcmp(*one, vpc) != 0) {
        *one = NULL;
        return 0;
    }
    *one = vpc;
    return 1;
}

/*
 * Each interface's VPC is its own, else the one VPC its groups are in
 * (an ALB or an RDS cluster of a template knows its VPC only through its
 * groups); each group's VPC is its own, else the one VPC its members are
 * in (the group EKS creates for a cluster). Disagreement leaves it NULL.
 */
void resolve_vpcs(struct builder *b)
{
    const struct model *m = b->m;
    size_t i, j;

    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        const char *one = NULL;
        if (ifc->vpc) {
            b->iface_vpc[i] = ifc->vpc;
            continue;
        }
        for (j = 0; j < ifc->ngroups && agree(&one, ifc->groups[j]->vpc); j++)
            ;
        b->iface_vpc[i] = j == ifc->ngroups ? one : NULL;
    }
    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        const char *one = NULL;
        if (g->vpc) {
            b->group_vpc[i] = g->vpc;
            continue;
        }
        for (j = 0; j < g->nmembers && agree(&one, b->iface_vpc[g->members[j]->index]); j++)
            ;
        b->group_vpc[i] = j == g->nmembers ? one : NULL;
    }
}

/* ===== Selection ===== */

int matches_any(char *const *patterns, size_t n, const struct group *g)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (fnmatch(patterns[i], g->name, 0) == 0 || fnmatch(patterns[i], g->id, 0) == 0 ||
            (g->alias && fnmatch(patterns[i], g->alias, 0) == 0))
            return 1;
    return 0;
}

/*
 * Mark the groups to draw: in the chosen VPC, not excluded, and with
 * --group, the matching groups in full and the groups within --depth
 * rules of them (at least one, so that every rule of the focus ends
 * somewhere) as stubs (rules between groups are the links, in either
 * direction).
 */
void select_groups(struct builder *b)
{
    const struct model *m = b->m;
    const struct view_options *o = &b->v->opts;
    size_t i, ng = m->ngroups, head = 0, tail = 0;
    size_t *dist, *queue, **adj, *nadj, reach = o->depth > 1 ? (size_t)o->depth : 1;

    for (i = 0; i < ng; i++) {
        struct group *g = m->groups[i];
        b->shown[i] = !(o->vpc && !vpc_matches(m, b->group_vpc[i], o->vpc)) &&
                              !matches_any(o->exclude, o->nexclude, g)
                          ? SHOWN_FULL
                          : 0;
    }
    if (!o->nfocus)
        return;
    adj = xcalloc(ng ? ng : 1, sizeof(*adj));
    nadj = xcalloc(ng ? ng : 1, sizeof(*nadj));
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        const struct group *p;
        if (r->peer_type != PEER_GROUP || !(p = model_find_group(m, r->peer)) || p == r->group)
            continue;
        APPEND(adj[r->group->index], nadj[r->group->index], p->index);
        APPEND(adj[p->index], nadj[p->index], r->group->index);
    }
    dist = xcalloc(ng ? ng : 1, sizeof(*dist));
    queue = xcalloc(ng ? ng : 1, sizeof(*queue));
    for (i = 0; i < ng; i++) {
        dist[i] = (size_t)-1;
        if (b->shown[i] && matches_any(o->focus, o->nfocus, m->groups[i])) {
            dist[i] = 0;
            queue[tail++] = i;
        }
    }
    while (head < tail) {
        size_t g = queue[head++], j;
        if (dist[g] >= reach)
            continue;
        for (j = 0; j < nadj[g]; j++) {
            size_t nb = adj[g][j];
            if (dist[nb] == (size_t)-1 && b->shown[nb]) {
                dist[nb] = dist[g] + 1;
                queue[tail++] = nb;
            }
        }
    }
    for (i = 0; i < ng; i++) {
        if (dist[i] == (size_t)-1)
            b->shown[i] = 0;
        else if (dist[i] > 0)
            b->shown[i] = SHOWN_STUB;
        free(adj[i]);
    }
    free(adj);
    free(nadj);
    free(dist);
    free(queue);
}

/* Named CIDRs (VPCs, subnets) as ranges for --merge-cidrs. */
void collect_ranges(struct builder *b)
{
    const struct model *m = b->m;
    size_t i;

    if (!b->v->opts.merge_cidrs)
        return;
    b->ranges = xcalloc(m->nnames ? m->nnames : 1, sizeof(*b->ranges));
    b->range_ids = xcalloc(m->nnames ? m->nnames : 1, sizeof(*b->range_ids));
    for (i = 0; i < m->nnames; i++) {
        if (peer_is_internet(m->names[i].id) || !cidr_looks_like(m->names[i].id) ||
            cidr_parse(m->names[i].id, &b->ranges[b->nranges]) < 0)
            continue;
        b->range_ids[b->nranges++] = m->names[i].id;
    }
}

/* An interface is drawn when one of its groups is drawn in full, or, when
 * no group filter is set, when it has no group at all; never at the group
 * level. */
int iface_shown(const struct builder *b, const struct iface *ifc)
{
    const struct view_options *o = &b->v->opts;
    size_t i;

    if (o->detail == VIEW_DETAIL_GROUPS ||
        (o->vpc && !vpc_matches(b->m, b->iface_vpc[ifc->index], o->vpc)))
        return 0;
    if (!ifc->ngroups)
        return !o->nfocus;
    for (i = 0; i < ifc->ngroups; i++)
        if (b->shown[ifc->groups[i]->index] == SHOWN_FULL)
            return 1;
    return 0;
}

static const char *const detail_names[] = {"auto", "interfaces", "regions", "groups"};

const char *view_detail_name(enum view_detail d)
{
    return detail_names[d];
}

int view_detail_parse(const char *name, enum view_detail *out)
{
    size_t i;
    for (i = 0; i < sizeof(detail_names) / sizeof(detail_names[0]); i++)
        if (strcmp(name, detail_names[i]) == 0) {
            *out = (enum view_detail)i;
            return 0;
        }
    return -1;
}

/* 2500 -> "2,500" */
static void add_count(struct strbuf *sb, size_t n)
{
    if (n >= 1000) {
        add_count(sb, n / 1000);
        strbuf_addf(sb, ",%03zu", n % 1000);
    } else {
        strbuf_addf(sb, "%zu", n);
    }
}

/*
 * --detail auto: the group level when more than VIEW_AUTO_GROUPS_MAX
 * groups or VIEW_AUTO_IFACES_MAX interfaces are drawn (stubs count as
 * groups), else interfaces collapsed into regions. Said on stderr when it
 * is the group level.
 */
void choose_detail(struct builder *b)
{
    struct view *v = b->v;
    size_t i, groups = 0, ifaces = 0;
    struct strbuf sb = STRBUF_INIT;

    if (v->opts.detail != VIEW_DETAIL_AUTO)
        return;
    v->opts.detail = VIEW_DETAIL_REGIONS;
    for (i = 0; i < b->m->ngroups; i++)
        groups += b->shown[i] != 0;
    for (i = 0; i < b->m->nifaces; i++)
        ifaces += iface_shown(b, b->m->ifaces[i]);
    if (groups <= VIEW_AUTO_GROUPS_MAX && ifaces <= VIEW_AUTO_IFACES_MAX)
        return;
    v->opts.detail = VIEW_DETAIL_GROUPS;
    if (groups > VIEW_AUTO_GROUPS_MAX) {
        add_count(&sb, groups);
        strbuf_addstr(&sb, " groups");
    } else {
        add_count(&sb, ifaces);
        strbuf_addstr(&sb, " interfaces");
    }
    strbuf_addstr(&sb, ": drawn at the group level (--detail to choose)");
    v->detail_note = strbuf_detach(&sb);
}
