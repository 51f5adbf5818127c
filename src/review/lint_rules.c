/*
 * lint_rules.c - the consistency of rules: references to deleted groups or
 * groups not in the input, the AWS quotas (groups per interface, rules per
 * group), duplicate rules and rules a wider one covers, and half-open paths
 * (a flow one group allows that the other group's rules do not).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "lint_internal.h"
#include "strmap.h"
#include "xalloc.h"

/* ==== Where a rule is ==== */

/* Are a and b the same place in the input? */
static int srcloc_same(const struct srcloc *a, const struct srcloc *b)
{
    return a->line == b->line && a->col == b->col &&
           (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0)) &&
           (a->path == b->path || (a->path && b->path && strcmp(a->path, b->path) == 0));
}

/* " at FILE:LINE:COL" for rule r, or "" when it has no line (malloc'd). */
static char *rule_where(const struct rule *r)
{
    const struct srcloc *l = lint_rule_loc(r);
    if (!l->file || l->line <= 0)
        return xstrdup("");
    return xasprintf(" at %s:%d:%d", l->file, l->line, l->col);
}

/* ==== Consistency ==== */

void lint_find_references(struct lint_ctx *c, const struct rule *r)
{
    char *what;

    if (!(r->flags & RULE_STALE) && r->peer_type != PEER_EXTERNAL_GROUP)
        return;
    what = lint_rule_phrase(c, r);
    if (r->flags & RULE_STALE)
        lint_add(c, CK_STALE_REFERENCE, r->group, r, NULL, lint_rule_loc(r), NULL,
                 "%s in group '%s' refers to a deleted or stale group", what, r->group->name);
    else
        lint_add(c, CK_MISSING_GROUP, r->group, r, NULL, lint_rule_loc(r), NULL,
                 "%s in group '%s' refers to a group that is not in the input", what,
                 r->group->name);
    free(what);
}

#define DEFAULT_GROUPS_PER_IFACE 5

/* Interfaces over the default quota, and over the limit AWS cannot raise
 * (model_finish_lenient() lets them through for lint). One finding per
 * place in the input (a design file's count makes copies). */
void lint_find_interface_group_quota(struct lint_ctx *c)
{
    const struct model *m = c->m;
    struct strmap *seen = strmap_new();
    size_t *first = NULL, *copies = NULL, n = 0, alloc1 = 0, alloc2 = 0, alloc3 = 0, i;
    char **keys = NULL;

    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        const struct srcloc *l = &ifc->loc;
        char *key;
        uintptr_t k;

        if (ifc->ngroups <= DEFAULT_GROUPS_PER_IFACE)
            continue;
        key = xasprintf("%s:%d:%d:%s:%zu", l->file ? l->file : "", l->line, l->col,
                        l->path ? l->path : "", ifc->ngroups);
        /* Only a line:col place can make copies; a JSON path is unique. */
        k = l->file && l->line > 0 ? (uintptr_t)strmap_get(seen, key) : 0;
        if (k) {
            copies[k - 1]++;
            free(key);
            continue;
        }
        XGROW(first, alloc1, n + 1);
        XGROW(copies, alloc2, n + 1);
        XGROW(keys, alloc3, n + 1);
        first[n] = i;
        copies[n] = 0;
        keys[n] = key;
        n++;
        strmap_put(seen, key, (void *)(uintptr_t)n);
    }
    for (i = 0; i < n; i++) {
        const struct iface *ifc = m->ifaces[first[i]];
        char *more = copies[i] ? xasprintf(" (and %zu more interface%s from the same place)",
                                           copies[i], copies[i] == 1 ? "" : "s")
                               : xstrdup("");
        int over = ifc->ngroups > MODEL_MAX_GROUPS_PER_IFACE;
        lint_add(c, over ? CK_INTERFACE_GROUP_LIMIT : CK_INTERFACE_GROUP_QUOTA, NULL, NULL,
                 ifc, &ifc->loc, NULL, "interface '%s' is in %zu groups, over the %s of %d per "
                 "interface%s",
                 ifc->id, ifc->ngroups, over ? "limit" : "default quota",
                 over ? MODEL_MAX_GROUPS_PER_IFACE : DEFAULT_GROUPS_PER_IFACE, more);
        free(more);
    }
    strmap_free(seen);
    for (i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    free(first);
    free(copies);
}

#define RULES_PER_DIRECTION 60

/*
 * The quota weight of a prefix list (AWS input reference sections 4 and 5):
 * the size the input recorded (a customer-managed list's MaxEntries), else
 * an AWS-managed list's weight by its name, else 1.
 */
static size_t prefix_list_weight(const struct model *m, const char *id)
{
    unsigned long size = model_prefix_list_size(m, id);
    const char *name = model_name_of(m, id);

    if (size)
        return size;
    if (!name || strncmp(name, "com.amazonaws.", 14) != 0)
        return 1;
    if (strstr(name, "cloudfront.origin-facing"))
        return 55;
    if (strstr(name, "vpc-lattice"))
        return 10;
    if (strstr(name, "groundstation"))
        return 5;
    return 1;
}

void lint_find_rule_quota(struct lint_ctx *c, const struct group *g)
{
    size_t count[2][2] = {{0, 0}, {0, 0}}; /* [direction][0 = IPv4, 1 = IPv6] */
    size_t i, first = c->rfirst[g->index], n = c->rcount[g->index];
    int d, fam;

    for (i = first; i < first + n; i++) {
        const struct rule *r = c->m->rules[i];
        size_t w = 1;
        if (r->peer_type == PEER_CIDR) {
            count[r->dir][strchr(r->peer, ':') ? 1 : 0]++;
            continue;
        }
        if (r->peer_type == PEER_PREFIX_LIST)
            w = prefix_list_weight(c->m, r->peer);
        /* Group references and prefix lists count for both families. */
        count[r->dir][0] += w;
        count[r->dir][1] += w;
    }
    for (d = 0; d < 2; d++) {
        for (fam = 0; fam < 2; fam++) {
            if (count[d][fam] <= RULES_PER_DIRECTION)
                continue;
            lint_add(c, CK_RULE_QUOTA, g, NULL, NULL, &g->loc, NULL,
                     "group '%s' has %zu %s rules for %s (prefix lists counted by weight), "
                     "over the default quota of %d",
                     g->name, count[d][fam], direction_name((enum direction)d),
                     fam ? "IPv6" : "IPv4", RULES_PER_DIRECTION);
        }
    }
}

/* Does w's peer include every address r's peer names? */
static int peer_covers(const struct rule *w, const struct rule *r)
{
    struct cidr a, b;
    if (strcmp(w->peer, r->peer) == 0)
        return 1;
    if (w->peer_type != PEER_CIDR || r->peer_type != PEER_CIDR)
        return 0;
    return cidr_parse(w->peer, &a) == 0 && cidr_parse(r->peer, &b) == 0 &&
           cidr_contains(&a, &b);
}

static int same_rule(const struct rule *a, const struct rule *b)
{
    return a->dir == b->dir && strcmp(a->peer, b->peer) == 0 &&
           ports_compare(&a->ports, &b->ports) == 0;
}

/* Above this many rules in one direction, only rules with the same peer
 * are compared (keeps hostile inputs linear-ish). */
#define COVER_PAIRS_MAX 4096

void lint_find_overlap(struct lint_ctx *c, const struct group *g)
{
    size_t first = c->rfirst[g->index], n = c->rcount[g->index], i, j, lo, hi;
    struct rule **rules = c->m->rules;

    if (!lint_wants(c, CK_DUPLICATE_RULE, g) && !lint_wants(c, CK_COVERED_RULE, g))
        return;
    for (lo = first; lo < first + n; lo = hi) {
        /* [lo, hi) is one direction of g. */
        for (hi = lo; hi < first + n && rules[hi]->dir == rules[lo]->dir; hi++)
            ;
        for (i = lo; i < hi; i++) {
            const struct rule *r = rules[i];
            const struct rule *wider = NULL;
            char *what, *where, *other;

            if (r->flags & (RULE_IMPLICIT | RULE_CONDITIONAL))
                continue;
            /* Equal rules are adjacent (sorted by peer, then ports). */
            for (j = i; j > lo && same_rule(rules[j - 1], r); j--)
                ;
            if (j < i && !(rules[j]->flags & (RULE_IMPLICIT | RULE_CONDITIONAL))) {
                what = lint_rule_phrase(c, r);
                where = rule_where(rules[j]);
                if (*where && srcloc_same(lint_rule_loc(rules[j]), lint_rule_loc(r)))
                    /* One place made both: "ports: [tcp/443, tcp/443]". */
                    lint_add(c, CK_DUPLICATE_RULE, g, r, NULL, lint_rule_loc(r),
                             xstrdup("delete one of the two labels"),
                             "%s in group '%s' duplicates itself: the same label is listed "
                             "twice",
                             what, g->name);
                else
                    lint_add(c, CK_DUPLICATE_RULE, g, r, NULL, lint_rule_loc(r), NULL,
                             "%s in group '%s' duplicates %s%s", what, g->name,
                             *where ? "the rule" : "another rule of the group", where);
                free(what);
                free(where);
                continue;
            }
            for (j = lo; j < hi && !wider; j++) {
                const struct rule *w = rules[j];
                if (w == r || (w->flags & RULE_CONDITIONAL) || same_rule(w, r))
                    continue;
                if (hi - lo > COVER_PAIRS_MAX && strcmp(w->peer, r->peer) != 0)
                    continue;
                if (ports_covers(&w->ports, &r->ports) && peer_covers(w, r))
                    wider = w;
            }
            if (!wider)
                continue;
            what = lint_rule_phrase(c, r);
            other = lint_rule_phrase(c, wider);
            where = rule_where(wider);
            lint_add(c, CK_COVERED_RULE, g, r, NULL, lint_rule_loc(r), NULL,
                     "%s in group '%s' is covered by the wider rule %s%s", what, g->name,
                     other, where);
            free(what);
            free(other);
            free(where);
        }
    }
}

/* ==== Half-open paths ==== */

/* Is every member of x also a member of y (x has at least one)? */
static int members_subset(const struct group *x, const struct group *y)
{
    size_t i = 0, j = 0;
    if (x->nmembers == 0)
        return 0;
    while (i < x->nmembers && j < y->nmembers) {
        int cmp = strcmp(x->members[i]->id, y->members[j]->id);
        if (cmp == 0) {
            i++;
            j++;
        } else if (cmp > 0) {
            j++;
        } else {
            return 0;
        }
    }
    return i == x->nmembers;
}

/* Are all private addresses of x's members in cidr (x has some)? */
static int members_in_cidr(const struct group *x, const char *cidr)
{
    struct cidr net, host;
    size_t i, j;

    if (x->nmembers == 0 || cidr_parse(cidr, &net) < 0)
        return 0;
    for (i = 0; i < x->nmembers; i++) {
        const struct iface *ifc = x->members[i];
        if (ifc->naddresses == 0)
            return 0;
        for (j = 0; j < ifc->naddresses; j++)
            if (cidr_parse(ifc->addresses[j], &host) < 0 || !cidr_contains(&net, &host))
                return 0;
    }
    return 1;
}

/* Does some rule of g in direction dir allow ports p to or from group x? */
static int group_allows(const struct lint_ctx *c, const struct group *g, enum direction dir,
                        const struct group *x, const struct portspec *p)
{
    size_t i, first = c->rfirst[g->index], n = c->rcount[g->index];

    if (!g->declared)
        return 1; /* its rules are not in the input: assume the best */
    for (i = first; i < first + n; i++) {
        const struct rule *e = c->m->rules[i];
        const struct group *peer;
        const char *name;

        if (e->dir != dir || !ports_covers(&e->ports, p))
            continue;
        switch (e->peer_type) {
        case PEER_GROUP:
            if (strcmp(e->peer, x->id) == 0)
                return 1;
            peer = model_find_group(c->m, e->peer);
            if (peer && members_subset(x, peer))
                return 1;
            break;
        case PEER_CIDR:
            if (peer_is_internet(e->peer) || members_in_cidr(x, e->peer))
                return 1;
            break;
        case PEER_PREFIX_LIST:
            /* A customer list may hold the VPC; AWS-managed ones do not. */
            name = model_name_of(c->m, e->peer);
            if (!name || strncmp(name, "com.amazonaws.", 14) != 0)
                return 1;
            break;
        case PEER_PARAM:
        case PEER_IMPORT:
        case PEER_EXPRESSION:
            return 1; /* unknown until deployed */
        case PEER_EXTERNAL_GROUP:
            break;
        }
    }
    return 0;
}

/*
 * Does the side of group b allow the flow? Its members' rules are the union
 * of all their groups', so every member must be allowed by some group.
 */
static int side_allows(struct lint_ctx *c, const struct group *b, enum direction dir,
                       const struct group *x, const struct portspec *p)
{
    size_t i, j;

    if (group_allows(c, b, dir, x, p))
        return 1;
    if (b->nmembers == 0)
        return 0;
    c->stamp_now++;
    for (i = 0; i < b->nmembers; i++) {
        const struct iface *ifc = b->members[i];
        int ok = 0;
        for (j = 0; j < ifc->ngroups && !ok; j++) {
            const struct group *g = ifc->groups[j];
            if (g == b)
                continue;
            if (c->stamp[g->index] != c->stamp_now) {
                c->stamp[g->index] = c->stamp_now;
                c->cache[g->index] = (unsigned char)group_allows(c, g, dir, x, p);
            }
            ok = c->cache[g->index];
        }
        if (!ok)
            return 0;
    }
    return 1;
}

void lint_find_half_open(struct lint_ctx *c, const struct rule *r)
{
    const struct group *a = r->group, *b;
    char label[PORTS_LABEL_MAX];
    char *what;
    enum direction back;

    if (r->peer_type != PEER_GROUP || (r->flags & (RULE_CONDITIONAL | RULE_STALE)))
        return;
    b = model_find_group(c->m, r->peer);
    if (!b || !b->declared)
        return;
    back = r->dir == DIR_INGRESS ? DIR_EGRESS : DIR_INGRESS;
    if (!lint_wants(c, CK_HALF_OPEN_PATH, a) || side_allows(c, b, back, a, &r->ports)) {
        /* The groups' rules seem to allow it: do the interfaces? */
        lint_find_half_open_rule(c, r);
        return;
    }
    ports_label(&r->ports, label);
    what = lint_rule_phrase(c, r);
    lint_add(c, CK_HALF_OPEN_PATH, a, r, NULL, lint_rule_loc(r), lint_half_open_fix(r, b),
             "%s in group '%s' is half-open: the %s rules of '%s' do not allow %s %s '%s'",
             what, a->name, direction_name(back), b->name, label,
             back == DIR_EGRESS ? "to" : "from", a->name);
    free(what);
}
