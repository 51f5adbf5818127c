/*
 * lint.c - "sgmap lint" itself (see lint.h): the table of checks, the
 * options that enable them, findings and the per-group opt-out tag, and
 * lint_run(), which runs the checks of lint_naming.c, lint_exposure.c and
 * lint_rules.c and sorts what they find.
 *
 * Every check reads a finished model only; findings go through lint_add(),
 * which applies the enabled set and the "sgmap:lint-ignore" tag, and
 * lint_run() sorts them at the end so that output is stable.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint_internal.h"
#include "strbuf.h"
#include "xalloc.h"

/* ==== The check table ==== */

/*
 * security_severity follows the Security Hub rating of the check's controls
 * on code scanning's scale (above 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9
 * medium): EC2.19 is Critical; EC2.13/14/53/54 High, and first among the
 * High ones; EC2.18 and EC2.2 High; EC2.22 Medium. Checks without a control
 * have none, and code scanning ranks them by level.
 */
static const struct lint_check lint_checks[CK_COUNT] = {
    {"rule-named-group", LINT_WARNING, NULL,
     "a group named after its rules (allow-, ports, protocols) instead of its members",
     "rename the group after what it contains and put the reason for each rule in the "
     "rule's description",
     1, NULL},
    {"group-description", LINT_WARNING, NULL,
     "a group without a real description (empty, \"Managed by Terraform\", launch-wizard)",
     "describe what the group contains", 1, NULL},
    {"rule-description", LINT_WARNING, NULL, "a rule without a description",
     "say in the rule's description why the traffic is allowed", 1, NULL},
    {"open-admin-port", LINT_ERROR, "EC2.13, EC2.14, EC2.53, EC2.54",
     "ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389)",
     "allow only known addresses, or reach the hosts through Session Manager or a bastion",
     1, "8.0"},
    {"open-risky-port", LINT_ERROR, "EC2.19",
     "ingress from 0.0.0.0/0 or ::/0 to a high-risk port (databases, FTP, SMB, ...)",
     "allow only the clients that need the service, by group or known addresses", 1,
     "9.5"},
    {"open-port", LINT_WARNING, "EC2.18",
     "ingress from 0.0.0.0/0 or ::/0 to a port other than TCP 80 and 443",
     "allow only known clients, or put the service behind a load balancer on 80/443 "
     "(opt out with the sgmap:lint-ignore tag if it is meant to be public)",
     1, "7.0"},
    {"exposed-interface", LINT_ERROR, "EC2.19",
     "an interface reachable from 0.0.0.0/0 or ::/0 on a high-risk port, by every layer "
     "evaluated (on by default only when the input has network ACLs or route tables: with "
     "security groups alone it repeats open-admin-port and open-risky-port for each interface)",
     "allow only the clients that need the service, by group or known addresses", 0,
     "9.5"},
    {"default-group-rules", LINT_ERROR, "EC2.2", "a VPC default group with any rule",
     "remove every rule from the default group and give resources their own groups", 1,
     "7.0"},
    {"unused-group", LINT_WARNING, "EC2.22",
     "a group no network interface is in (checked only when the input has interfaces)",
     "delete the group, or add the members it was made for", 1, "5.0"},
    {"stale-reference", LINT_WARNING, NULL,
     "a rule that refers to a deleted or stale group",
     "delete the rule, or point it at the group that replaced the deleted one", 1, NULL},
    {"missing-group", LINT_NOTE, NULL, "a rule that refers to a group not in the input",
     "add that group's account or VPC to the input, or check that the group still exists",
     1, NULL},
    {"interface-group-quota", LINT_WARNING, NULL,
     "an interface in 6 to 16 groups, over the default quota of 5",
     "merge groups that serve one purpose, or raise the quota on purpose", 1, NULL},
    {"interface-group-limit", LINT_ERROR, NULL,
     "an interface in more than 16 groups, which AWS cannot attach",
     "merge groups that serve one purpose until the interface is in at most 16", 1, NULL},
    {"rule-quota", LINT_WARNING, NULL,
     "a group with more than 60 rules in one direction for IPv4 or IPv6, prefix lists "
     "counted by weight",
     "split the group by purpose, or use a prefix list or group reference instead of "
     "many CIDRs",
     1, NULL},
    {"duplicate-rule", LINT_WARNING, NULL,
     "a rule equal to another rule of the same group (direction, ports and peer)",
     "delete one of the two rules and keep the better description", 1, NULL},
    {"covered-rule", LINT_NOTE, NULL,
     "a rule whose traffic a wider rule of the same group already allows",
     "delete the narrower rule, or narrow the wider one", 1, NULL},
    {"half-open-path", LINT_WARNING, NULL,
     "a flow one group allows that the other group's custom rules do not (ingress "
     "without the peer's egress, or egress without the peer's ingress)",
     "add the matching rule on the other group, or remove this one", 1, NULL},
    {"half-open-rule", LINT_WARNING, NULL,
     "a rule between two groups that never carries traffic although the other group's "
     "rules seem to allow it (its interfaces' addresses, families or other groups block it)",
     "add the matching rule on the other group, or remove this one", 1, NULL},
    {"bad-lint-ignore", LINT_WARNING, NULL,
     "an sgmap:lint-ignore tag that names an unknown check",
     "use check ids from 'sgmap lint --list-checks', separated by commas or spaces", 1,
     NULL},
};

const char *lint_severity_name(enum lint_severity sev)
{
    switch (sev) {
    case LINT_NOTE: return "note";
    case LINT_WARNING: return "warning";
    case LINT_ERROR: return "error";
    }
    return "note";
}

int lint_severity_parse(const char *name, enum lint_severity *out)
{
    if (strcmp(name, "note") == 0)
        *out = LINT_NOTE;
    else if (strcmp(name, "warning") == 0)
        *out = LINT_WARNING;
    else if (strcmp(name, "error") == 0)
        *out = LINT_ERROR;
    else
        return -1;
    return 0;
}

size_t lint_check_count(void)
{
    return CK_COUNT;
}

const struct lint_check *lint_check_at(size_t i)
{
    return i < CK_COUNT ? &lint_checks[i] : NULL;
}

int lint_option_check_id(const char *id)
{
    int i;
    for (i = 0; i < CK_COUNT; i++)
        if (strcmp(lint_checks[i].id, id) == 0)
            return i;
    return -1;
}

void lint_options_init(struct lint_options *o)
{
    size_t i;
    memset(o, 0, sizeof(*o));
    for (i = 0; i < CK_COUNT; i++)
        o->enabled[i] = (unsigned char)lint_checks[i].enabled_by_default;
    o->fail_on = LINT_WARNING;
}

/* Is c a separator in an id list ("a,b c")? */
static int list_sep(int c)
{
    return c == ',' || isspace((unsigned char)c);
}

/* Set check k to on, and note that it was chosen (chosen may be NULL). */
static void mark(unsigned char *set, unsigned char *chosen, int k, int on)
{
    set[k] = (unsigned char)on;
    if (chosen)
        chosen[k] = 1;
}

/*
 * Set set[id] = on for each check id in list ("all" = every check). Returns
 * 0, or -1 with *bad set to the first unknown id (malloc'd) when bad is not
 * NULL; ids before it have been applied.
 */
static int list_apply(const char *list, unsigned char *set, unsigned char *chosen, int on,
                      char **bad)
{
    const char *p = list;

    while (*p) {
        const char *start;
        size_t n;
        char *id;
        int k;

        while (*p && list_sep(*p))
            p++;
        start = p;
        while (*p && !list_sep(*p))
            p++;
        n = (size_t)(p - start);
        if (n == 0)
            continue;
        id = xstrndup(start, n);
        k = lint_option_check_id(id);
        if (strcmp(id, "all") == 0) {
            for (k = 0; k < CK_COUNT; k++)
                mark(set, chosen, k, on);
        } else if (k >= 0) {
            mark(set, chosen, k, on);
        } else {
            if (bad)
                *bad = id;
            else
                free(id);
            return -1;
        }
        free(id);
    }
    return 0;
}

int lint_options_toggle(struct lint_options *o, const char *list, int on, char **bad)
{
    if (bad)
        *bad = NULL;
    return list_apply(list, o->enabled, o->chosen, on, bad);
}

/* ==== Context and findings ==== */

/* Does group g opt out of check ck? */
static int lint_ignored(const struct lint_ctx *c, const struct group *g, int ck)
{
    return g && c->ignore[g->index * CK_COUNT + (size_t)ck];
}

int lint_wants(const struct lint_ctx *c, int ck, const struct group *g)
{
    return c->o->enabled[ck] && !lint_ignored(c, g, ck);
}

void lint_add(struct lint_ctx *c, int ck, const struct group *g, const struct rule *r,
              const struct iface *ifc, const struct srcloc *loc, char *fix, const char *fmt, ...)
{
    struct lint_finding *f;
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    size_t i;

    if (!lint_wants(c, ck, g))
        goto dropped;
    for (i = 0; ifc && i < ifc->ngroups; i++)
        if (lint_ignored(c, ifc->groups[i], ck))
            goto dropped;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    XGROW(c->f, c->falloc, c->nf + 1);
    f = &c->f[c->nf++];
    f->id = lint_checks[ck].id;
    f->sev = lint_checks[ck].sev;
    f->message = strbuf_detach(&sb);
    f->fix = fix ? fix : xstrdup(lint_checks[ck].fix);
    f->group = g;
    f->rule = r;
    f->iface = ifc;
    f->loc = *loc;
    return;
dropped:
    free(fix);
}

const struct srcloc *lint_rule_loc(const struct rule *r)
{
    return r->loc.file ? &r->loc : &r->group->loc;
}

const struct srcloc *lint_group_loc(const struct lint_ctx *c, const struct group *g)
{
    if (g->loc.file || c->rcount[g->index] == 0)
        return &g->loc;
    return lint_rule_loc(c->m->rules[c->rfirst[g->index]]);
}

/* The display name of a rule's peer (a group's name, else the peer id). */
static const char *peer_text(const struct lint_ctx *c, const struct rule *r)
{
    if (r->peer_type == PEER_GROUP) {
        const struct group *g = model_find_group(c->m, r->peer);
        if (g)
            return g->name;
    }
    return r->peer;
}

char *lint_rule_phrase(const struct lint_ctx *c, const struct rule *r)
{
    char label[PORTS_LABEL_MAX];
    int quoted = r->peer_type == PEER_GROUP || r->peer_type == PEER_EXTERNAL_GROUP;

    ports_label(&r->ports, label);
    return xasprintf("%s %s %s %s%s%s", direction_name(r->dir), label,
                     r->dir == DIR_INGRESS ? "from" : "to", quoted ? "'" : "",
                     peer_text(c, r), quoted ? "'" : "");
}

/* ==== Groups ==== */

int lint_group_is_default(const struct group *g)
{
    return g->is_default || (g->declared && strcmp(g->name, "default") == 0);
}

/* ==== Opt-out tags ==== */

static void read_ignore_tags(struct lint_ctx *c)
{
    size_t i, t;

    for (i = 0; i < c->m->ngroups; i++) {
        const struct group *g = c->m->groups[i];
        unsigned char *set = c->ignore + g->index * CK_COUNT;
        for (t = 0; t < g->ntags; t++) {
            const char *p = g->tags[t].value;
            if (strcmp(g->tags[t].key, LINT_IGNORE_TAG) != 0)
                continue;
            /* Each id on its own, so that one unknown id does not stop the rest. */
            while (*p) {
                const char *start;
                char *id;
                while (*p && list_sep(*p))
                    p++;
                start = p;
                while (*p && !list_sep(*p))
                    p++;
                if (p == start)
                    continue;
                id = xstrndup(start, (size_t)(p - start));
                if (list_apply(id, set, NULL, 1, NULL) < 0)
                    lint_add(c, CK_BAD_LINT_IGNORE, g, NULL, NULL, &g->loc, NULL,
                             "group '%s' has tag %s naming the unknown check '%s'", g->name,
                             LINT_IGNORE_TAG, id);
                free(id);
            }
        }
    }
}

/* ==== Running ==== */

/* Compare two strings, digit runs by value ("a[2]" < "a[10]"). */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            size_t la, lb;
            int cmp;
            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            for (la = 0; isdigit((unsigned char)a[la]); la++)
                ;
            for (lb = 0; isdigit((unsigned char)b[lb]); lb++)
                ;
            if (la != lb)
                return la < lb ? -1 : 1;
            cmp = strncmp(a, b, la);
            if (cmp)
                return cmp;
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

static int cmp_opt(const char *a, const char *b, int natural)
{
    if (a == b)
        return 0;
    if (!a)
        return -1;
    if (!b)
        return 1;
    return natural ? natural_cmp(a, b) : strcmp(a, b);
}

static int cmp_finding(const void *pa, const void *pb)
{
    const struct lint_finding *a = pa, *b = pb;
    int c;

    if ((c = cmp_opt(a->loc.file, b->loc.file, 0)) != 0)
        return c;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    if ((c = cmp_opt(a->loc.path, b->loc.path, 1)) != 0)
        return c;
    if ((c = strcmp(a->id, b->id)) != 0)
        return c;
    return strcmp(a->message, b->message);
}

struct lint_result *lint_run(const struct model *m, const struct lint_options *o)
{
    struct lint_ctx c;
    struct lint_options eff = *o;
    struct lint_result *res;
    size_t i, n = m->ngroups ? m->ngroups : 1;

    /* With NACLs and routes evaluated, an exposed interface is a fact the
     * group rules alone do not tell: then the check is on unless the user
     * named it. */
    if (model_has_network(m) && !o->chosen[CK_EXPOSED_INTERFACE])
        eff.enabled[CK_EXPOSED_INTERFACE] = 1;
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.o = &eff;
    c.rfirst = xcalloc(n, sizeof(*c.rfirst));
    c.rcount = xcalloc(n, sizeof(*c.rcount));
    c.ignore = xcalloc(n * CK_COUNT, 1);
    c.stamp = xcalloc(n, sizeof(*c.stamp));
    c.cache = xcalloc(n, 1);
    /* Rules are sorted by group id, as groups are: each group's are a run. */
    for (i = 0; i < m->nrules; i++) {
        const struct group *g = m->rules[i]->group;
        if (c.rcount[g->index]++ == 0)
            c.rfirst[g->index] = i;
    }
    read_ignore_tags(&c);
    lint_find_rule_named_groups(&c);
    lint_find_reach(&c);

    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        lint_find_group_description(&c, g);
        lint_find_default_group_rules(&c, g);
        lint_find_unused_group(&c, g);
        lint_find_rule_quota(&c, g);
        lint_find_overlap(&c, g);
    }
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        lint_find_rule_description(&c, r);
        lint_find_exposure(&c, r);
        lint_find_references(&c, r);
        lint_find_half_open(&c, r);
    }
    lint_find_interface_group_quota(&c);

    xqsort(c.f, c.nf, sizeof(*c.f), cmp_finding);
    res = xcalloc(1, sizeof(*res));
    res->findings = c.f;
    res->nfindings = c.nf;
    res->fail_on = o->fail_on;
    for (i = 0; i < c.nf; i++)
        res->counts[c.f[i].sev]++;
    free(c.rfirst);
    free(c.rcount);
    free(c.ignore);
    free(c.stamp);
    free(c.cache);
    free(c.dead);
    return res;
}

int lint_result_fails(const struct lint_result *r)
{
    int s;
    for (s = (int)r->fail_on; s <= (int)LINT_ERROR; s++)
        if (r->counts[s])
            return 1;
    return 0;
}

void lint_result_free(struct lint_result *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->nfindings; i++) {
        free(r->findings[i].message);
        free(r->findings[i].fix);
    }
    free(r->findings);
    free(r);
}

