/*
 * reach.c - the reachability engine's query (see reach.h for the
 * semantics): the ends a query names, the regions of each side, the run
 * (answers from reach_eval.c, classes from reach_match.c), the order of the
 * result and the names of its ends.
 */
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "portset.h"
#include "reach_internal.h"
#include "strbuf.h"
#include "xalloc.h"

/* ===== Names ===== */

const char *reach_end_type_name(enum reach_end_type type)
{
    switch (type) {
    case REACH_END_REGION: return "interfaces";
    case REACH_END_INTERNET: return "internet";
    case REACH_END_CIDR: return "cidr";
    case REACH_END_PREFIX_LIST: return "prefix-list";
    case REACH_END_EXTERNAL_GROUP: return "external-group";
    }
    return "unknown";
}

const char *reach_verdict_name(enum reach_verdict v)
{
    return v == REACH_YES ? "yes" : v == REACH_NO ? "no" : "unknown";
}

/* ===== The query's ends ===== */

static int any_matches(const char *pattern, const char *s)
{
    return s && fnmatch(pattern, s, 0) == 0;
}

/* Select the interfaces of the groups whose id, name or alias matches the
 * pattern, and the interfaces whose id or label is the text; 1 when it named
 * a group (even one without members) or an interface. */
static int select_ifaces(const struct model *m, const char *text, unsigned char *sel)
{
    size_t i, j;
    int named = 0;

    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        if (!any_matches(text, g->id) && !any_matches(text, g->name) &&
            !any_matches(text, g->alias))
            continue;
        named = 1;
        for (j = 0; j < g->nmembers; j++)
            sel[g->members[j]->index] = 1;
    }
    for (i = 0; i < m->nifaces; i++) {
        if (strcmp(text, m->ifaces[i]->id) == 0 || strcmp(text, m->ifaces[i]->label) == 0) {
            sel[i] = 1;
            named = 1;
        }
    }
    return named;
}

static int is_external_group(const struct model *m, const char *id)
{
    size_t i;
    for (i = 0; i < m->nrules; i++)
        if (m->rules[i]->peer_type == PEER_EXTERNAL_GROUP && strcmp(m->rules[i]->peer, id) == 0)
            return 1;
    return 0;
}

static int parse_end(struct run *run, const char *text, struct qend *q, char **err)
{
    const struct model *m = run->c.m;
    char canon[CIDR_TEXT_MAX], why[128];

    memset(q, 0, sizeof(*q));
    if (!text) {
        q->kind = Q_ANY;
        q->pattern = 1;
        return 0;
    }
    if (strcmp(text, "internet") == 0) {
        q->kind = Q_INTERNET;
        q->id = "internet";
        return 0;
    }
    if (strncmp(text, "pl-", 3) == 0 && text[3] && !strpbrk(text, "*?[")) {
        q->kind = Q_LIST;
        q->id = arena_strndup(&run->res->arena, text, strlen(text));
        return 0;
    }
    if (cidr_looks_like(text)) {
        if (cidr_canonical(text, canon, why, sizeof(why)) < 0 || cidr_parse(canon, &q->cidr) < 0) {
            *err = xasprintf("bad address '%s': %s", text, why);
            return -1;
        }
        q->kind = Q_CIDR;
        q->id = arena_strndup(&run->res->arena, canon, strlen(canon));
        return 0;
    }
    q->kind = Q_IFACES;
    q->pattern = strpbrk(text, "*?[") != NULL;
    q->selected = arena_alloc(&run->res->arena, m->nifaces ? m->nifaces : 1);
    if (select_ifaces(m, text, q->selected))
        return 0;
    if (!q->pattern && is_external_group(m, text)) {
        q->kind = Q_EXTGROUP;
        q->id = arena_strndup(&run->res->arena, text, strlen(text));
        return 0;
    }
    *err = xasprintf("no group or interface matches '%s' (expected a group name or id, an "
                     "interface id or label, a CIDR, internet or pl-...)",
                     text);
    return -1;
}

static int is_region_kind(const struct qend *q)
{
    return q->kind == Q_ANY || q->kind == Q_IFACES;
}

/* ===== Regions ===== */

/* The region of class k on one side, for the members sel selects (all
 * when sel is NULL); NULL when none is selected. other is the other side's
 * table: an equal region there is shared. */
static struct reach_region *make_region(struct run *run, size_t k, const unsigned char *sel,
                                        struct reach_region **other)
{
    const struct reach_class *cl = &run->c.classes[k];
    struct reach_region *r;
    size_t i, n = 0;

    for (i = 0; i < cl->nifaces; i++)
        n += !sel || sel[cl->ifaces[i]->index];
    if (!n)
        return NULL;
    if (other[k] && other[k]->nifaces == n) {
        /* The other side's region of this class, when it has the same members. */
        size_t j = 0;
        for (i = 0; i < cl->nifaces && j < n; i++)
            if (!sel || sel[cl->ifaces[i]->index])
                j += other[k]->ifaces[j] == cl->ifaces[i] ? 1 : n + 1;
        if (j == n)
            return other[k];
    }
    r = arena_alloc(&run->res->arena, sizeof(*r));
    r->groups = cl->groups;
    r->ngroups = cl->ngroups;
    r->families = cl->families;
    r->ifaces = arena_alloc(&run->res->arena, n * sizeof(*r->ifaces));
    for (i = 0; i < cl->nifaces; i++)
        if (!sel || sel[cl->ifaces[i]->index])
            r->ifaces[r->nifaces++] = cl->ifaces[i];
    return r;
}

/* One side's regions: the selected interfaces, or anywhere (a destination
 * anywhere leaves out the interfaces in no group). */
static void make_side(struct run *run, const struct qend *q, struct reach_region **side,
                      struct reach_region **other, int is_destination)
{
    size_t k;

    for (k = 0; k < run->c.nclasses; k++) {
        const struct reach_class *cl = &run->c.classes[k];
        if (q->kind == Q_IFACES) {
            side[k] = make_region(run, k, q->selected, other);
        } else if (q->kind == Q_ANY) {
            if (is_destination && cl->ngroups == 0)
                run->res->unfiltered += cl->nifaces;
            else
                side[k] = make_region(run, k, NULL, other);
        }
    }
}

size_t reach_class_of(const struct run *run, const struct reach_region *r)
{
    return run->c.iface_class[r->ifaces[0]->index];
}

/* ===== Finishing ===== */

static int cmp_region_ptr(const void *a, const void *b)
{
    const struct reach_region *x = *(struct reach_region *const *)a;
    const struct reach_region *y = *(struct reach_region *const *)b;
    size_t i;
    for (i = 0; i < x->nifaces && i < y->nifaces; i++) {
        int c = strcmp(x->ifaces[i]->id, y->ifaces[i]->id);
        if (c)
            return c;
    }
    return x->nifaces < y->nifaces ? -1 : x->nifaces > y->nifaces;
}

/* Outside ends of the internet first (exposure first), then regions. */
static int end_rank(enum reach_end_type t)
{
    switch (t) {
    case REACH_END_INTERNET: return 0;
    case REACH_END_REGION: return 1;
    case REACH_END_CIDR: return 2;
    case REACH_END_PREFIX_LIST: return 3;
    case REACH_END_EXTERNAL_GROUP: return 4;
    }
    return 5;
}

static int cmp_end(const struct reach_end *x, const struct reach_end *y)
{
    if (x->type != y->type)
        return end_rank(x->type) < end_rank(y->type) ? -1 : 1;
    if (x->type == REACH_END_REGION)
        return x->region->index < y->region->index ? -1 : x->region->index > y->region->index;
    return strcmp(x->id, y->id);
}

static int cmp_answer(const void *a, const void *b)
{
    const struct reach_answer *x = a, *y = b;
    int c = cmp_end(&x->from, &y->from);
    return c ? c : cmp_end(&x->to, &y->to);
}

/* The regions the answers name, sorted and numbered; the order of answers. */
static void finish(struct run *run)
{
    struct reach_result *res = run->res;
    size_t i, j, alloc = 0;

    for (i = 0; i < res->nanswers; i++) {
        struct reach_region *ends[2] = {(struct reach_region *)res->answers[i].from.region,
                                        (struct reach_region *)res->answers[i].to.region};
        for (j = 0; j < 2; j++) {
            if (!ends[j] || ends[j]->id)
                continue;
            ends[j]->id = "";
            XGROW(res->regions, alloc, res->nregions + 1);
            res->regions[res->nregions++] = ends[j];
        }
    }
    xqsort(res->regions, res->nregions, sizeof(*res->regions), cmp_region_ptr);
    for (i = 0; i < res->nregions; i++) {
        strbuf_reset(&run->sb);
        strbuf_addch(&run->sb, 'r');
        strbuf_adduint(&run->sb, i + 1);
        res->regions[i]->id = arena_strndup(&res->arena, run->sb.buf, run->sb.len);
        res->regions[i]->index = i;
    }
    for (i = 0; i < res->nanswers; i++)
        res->nreachable += res->answers[i].verdict == REACH_YES;
    xqsort(res->answers, res->nanswers, sizeof(*res->answers), cmp_answer);
}

/* ===== The run ===== */

static void run_release(struct run *run)
{
    reach_net_release(run);
    reach_ctx_release(&run->c);
    free(run->src);
    free(run->dst);
    free(run->stamp);
    free(run->eg);
    free(run->in);
    free(run->yes_eg);
    free(run->yes_in);
    portset_release(&run->v4);
    portset_release(&run->v6);
    portset_release(&run->all);
    strbuf_release(&run->sb);
    strbuf_release(&run->net_reason);
}

struct reach_result *reach_run(const struct model *m, const struct reach_query *q, char **err)
{
    struct run run;
    struct reach_result *res = xcalloc(1, sizeof(*res));
    const char *from = q->from, *to = q->to;
    size_t n, k;

    memset(&run, 0, sizeof(run));
    run.res = res;
    run.port = q->port;
    res->model = m;
    res->layers = REACH_LAYER_SECURITY_GROUPS;
    *err = NULL;
    reach_ctx_init(&run.c, m, &res->arena);
    res->layers = run.c.layers;
    if (q->max_classes && run.c.nclasses > q->max_classes) {
        *err = xasprintf("the inputs have %zu sets of interfaces alike, over the %zu evaluated "
                         "here (sgmap reach evaluates them all)",
                         run.c.nclasses, q->max_classes);
        goto failed;
    }
    if (!from && !to)
        from = "internet";
    if (parse_end(&run, from, &run.from, err) < 0 || parse_end(&run, to, &run.to, err) < 0)
        goto failed;
    if (!is_region_kind(&run.from) && !is_region_kind(&run.to)) {
        *err = xasprintf("both ends are outside the inputs (expected a group or an interface "
                         "at one end at least)");
        goto failed;
    }
    res->pairs = !run.from.pattern && !run.to.pattern;
    res->from = from ? arena_strndup(&res->arena, from, strlen(from)) : NULL;
    res->to = to ? arena_strndup(&res->arena, to, strlen(to)) : NULL;
    if (q->port) {
        char label[PORTS_LABEL_MAX];
        ports_label(q->port, label);
        res->port = arena_strndup(&res->arena, label, strlen(label));
    }
    n = run.c.nclasses ? run.c.nclasses : 1;
    run.src = xcalloc(n, sizeof(*run.src));
    run.dst = xcalloc(n, sizeof(*run.dst));
    run.stamp = xcalloc(n, sizeof(*run.stamp));
    make_side(&run, &run.from, run.src, run.dst, 0);
    make_side(&run, &run.to, run.dst, run.src, 1);
    if (is_region_kind(&run.from) && is_region_kind(&run.to))
        reach_answer_regions(&run);
    for (k = 0; run.from.kind != Q_IFACES && k < run.c.nclasses; k++)
        if (run.dst[k])
            reach_answer_outside(&run, run.dst[k], &run.from, DIR_INGRESS);
    for (k = 0; run.to.kind != Q_IFACES && k < run.c.nclasses; k++)
        if (run.src[k])
            reach_answer_outside(&run, run.src[k], &run.to, DIR_EGRESS);
    finish(&run);
    run_release(&run);
    return res;

failed:
    run_release(&run);
    reach_result_free(res);
    return NULL;
}

void reach_result_free(struct reach_result *r)
{
    if (!r)
        return;
    free(r->regions);
    free(r->answers);
    arena_release(&r->arena);
    free(r);
}

/* ===== Names of ends ===== */

/* What a region's interfaces are called: their label when they share one,
 * else their kind when they share one, else "interfaces". */
static void region_members_name(const struct reach_region *r, struct strbuf *sb)
{
    size_t i;
    int same_label = 1, same_kind = 1;

    for (i = 1; i < r->nifaces; i++) {
        same_label &= strcmp(r->ifaces[i]->label, r->ifaces[0]->label) == 0;
        same_kind &= r->ifaces[i]->kind == r->ifaces[0]->kind;
    }
    if (same_label)
        strbuf_addstr(sb, r->ifaces[0]->label);
    else if (same_kind)
        strbuf_addstr(sb, kind_name(r->ifaces[0]->kind));
    else
        strbuf_addstr(sb, "interfaces");
    if (r->nifaces > 1)
        strbuf_addf(sb, " \xc3\x97%zu", r->nifaces);
}

void reach_end_name(const struct reach_result *r, const struct reach_end *e, struct strbuf *sb)
{
    const char *name;

    switch (e->type) {
    case REACH_END_REGION:
        if (e->region->ngroups)
            reach_region_groups_name(e->region, sb);
        else
            strbuf_addstr(sb, "no group");
        strbuf_addstr(sb, " (");
        region_members_name(e->region, sb);
        strbuf_addch(sb, ')');
        return;
    case REACH_END_INTERNET:
        if (strcmp(e->id, "internet") == 0)
            strbuf_addstr(sb, "internet");
        else if (peer_is_internet(e->id))
            strbuf_addf(sb, "internet (%s)", e->id);
        else
            strbuf_addf(sb, "%s (internet)", e->id);
        return;
    case REACH_END_CIDR:
        name = model_name_of(r->model, e->id);
        strbuf_addstr(sb, e->id);
        if (name)
            strbuf_addf(sb, " (%s)", name);
        return;
    case REACH_END_PREFIX_LIST: {
        const struct prefix_list *pl = model_find_prefix_list(r->model, e->id);
        name = model_name_of(r->model, e->id);
        strbuf_addf(sb, "prefix list %s", e->id);
        if (name || (pl && pl->aws_managed) || !pl || !pl->entries_known) {
            strbuf_addstr(sb, " (");
            if (name)
                strbuf_addf(sb, "%s%s", name,
                            (pl && pl->aws_managed) || !pl || !pl->entries_known ? ", " : "");
            if (pl && pl->aws_managed)
                strbuf_addf(sb, "AWS-managed%s", !pl->entries_known ? ", " : "");
            if (!pl || !pl->entries_known)
                strbuf_addstr(sb, "entries unknown");
            strbuf_addch(sb, ')');
        }
        return;
    }
    case REACH_END_EXTERNAL_GROUP:
        strbuf_addf(sb, "group %s (not in the inputs)", e->id);
        return;
    }
}
