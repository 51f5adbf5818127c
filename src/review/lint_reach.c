/*
 * lint_reach.c - the checks that ask the reachability engine (reach.h)
 * what the interfaces can actually do: an interface reachable from the
 * internet on a high-risk port (exposed-interface), and a rule between two
 * groups of the input that never carries traffic because the other side
 * blocks all of it (half-open-rule).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lint_internal.h"
#include "reach.h"
#include "strbuf.h"
#include "xalloc.h"

/* A check the engine could not answer (the inputs are over its budget):
 * a note, so that no finding is missing without a word. Frees err. */
static void not_evaluated(int ck, char *err)
{
    if (err)
        diag_note(NULL, "%s not evaluated: %s", lint_check_at((size_t)ck)->id, err);
    free(err);
}

/* ==== exposed-interface ==== */

/* Does rule r (ingress) allow traffic to port p of a port-carrying protocol? */
static int rule_opens(const struct rule *r, int p)
{
    if (r->ports.proto == PROTO_ALL)
        return 1;
    if (r->ports.proto != PROTO_TCP && r->ports.proto != PROTO_UDP)
        return 0;
    return r->ports.from <= p && p <= r->ports.to;
}

/* Does the answer allow traffic to port p (its ports' labels, which with
 * the network context are less than its rules)? */
static int answer_opens(const struct reach_answer *a, int p)
{
    const char *s = a->ports;
    char label[PORTS_LABEL_MAX], err[64];
    struct portspec ps;

    while (s && *s) {
        size_t n = strcspn(s, ",");
        if (n < sizeof(label)) {
            memcpy(label, s, n);
            label[n] = '\0';
            if (ports_parse_label(label, &ps, err, sizeof(err)) == 0 &&
                (ps.proto == PROTO_ALL ||
                 ((ps.proto == PROTO_TCP || ps.proto == PROTO_UDP) && ps.from <= p &&
                  p <= ps.to)))
                return 1;
        }
        s += n;
        s += strspn(s, ", ");
    }
    return 0;
}

/* One finding per answer from the internet (0.0.0.0/0 or ::/0, as EC2.19
 * means it) that opens high-risk ports: the
 * answer's ingress rules are the whole of what the internet may send (it
 * has no egress of its own to pass). */
static void exposed_answer(struct lint_ctx *c, const struct reach_result *res,
                           const struct reach_answer *a)
{
    struct strbuf ports = STRBUF_INIT, from = STRBUF_INIT, to = STRBUF_INIT;
    const struct rule *first = NULL;
    size_t i, k, nrisky = 0;
    char *what;

    for (i = 0; i < lint_risky_port_count(); i++) {
        int p = lint_risky_port(i), hit = 0;
        if (!answer_opens(a, p))
            continue;
        for (k = 0; k < a->ningress && !hit; k++) {
            if (rule_opens(a->ingress[k], p)) {
                hit = 1;
                if (!first)
                    first = a->ingress[k];
            }
        }
        if (!hit)
            continue;
        if (nrisky < 3)
            strbuf_addf(&ports, "%s%d", nrisky ? ", " : "", p);
        nrisky++;
    }
    if (nrisky == 0)
        goto done;
    if (nrisky > 3)
        strbuf_addf(&ports, " and %zu more", nrisky - 3);
    reach_end_name(res, &a->from, &from);
    reach_end_name(res, &a->to, &to);
    what = lint_rule_phrase(c, first);
    lint_add(c, CK_EXPOSED_INTERFACE, first->group, first, a->to.region->ifaces[0],
             lint_rule_loc(first), NULL,
             "%s %s reachable from the %s on high-risk port%s %s (%s in group '%s'; "
             "Security Hub EC2.19; %s)",
             to.buf, a->to.region->nifaces == 1 ? "is" : "are", from.buf, nrisky > 1 ? "s" : "",
             ports.buf, what, first->group->name, reach_layers_text(res->layers));
    free(what);
done:
    strbuf_release(&ports);
    strbuf_release(&from);
    strbuf_release(&to);
}

static void find_exposed_interfaces(struct lint_ctx *c)
{
    struct reach_query q = {"internet", NULL, NULL, 0}; /* one end outside: cheap */
    struct reach_result *res;
    char *err = NULL;
    size_t i;

    if (!c->o->enabled[CK_EXPOSED_INTERFACE] || c->m->nifaces == 0)
        return;
    res = reach_run(c->m, &q, &err);
    not_evaluated(CK_EXPOSED_INTERFACE, err);
    for (i = 0; res && i < res->nanswers; i++) {
        const struct reach_answer *a = &res->answers[i];
        if (a->verdict == REACH_YES && a->to.type == REACH_END_REGION &&
            peer_is_internet(a->from.id))
            exposed_answer(c, res, a);
    }
    reach_result_free(res);
}

/* ==== half-open-rule ==== */

/* Are the rules of every group of g's members in the input? */
static int members_fully_known(const struct group *g)
{
    size_t i, j;
    for (i = 0; i < g->nmembers; i++)
        for (j = 0; j < g->members[i]->ngroups; j++)
            if (!g->members[i]->groups[j]->declared)
                return 0;
    return 1;
}

/* Do a and b have two different members (one of each)? An interface does
 * not reach itself through its groups. */
static int two_ends(const struct group *a, const struct group *b)
{
    return a->nmembers > 1 || b->nmembers > 1 || a->members[0] != b->members[0];
}

/* Could rule r be judged: a rule between two groups of the input, both
 * with members whose groups are all in the input, and two of them? */
static const struct group *judged_peer(const struct lint_ctx *c, const struct rule *r)
{
    const struct group *b;

    if (r->peer_type != PEER_GROUP || (r->flags & (RULE_CONDITIONAL | RULE_STALE)) ||
        !r->group->declared || r->group->nmembers == 0 || !members_fully_known(r->group))
        return NULL;
    b = model_find_group(c->m, r->peer);
    if (!b || !b->declared || b->nmembers == 0 || !members_fully_known(b) ||
        !two_ends(r->group, b))
        return NULL;
    return b;
}

static void find_dead_rules(struct lint_ctx *c)
{
    struct reach_query q = {NULL, "*", NULL, REACH_AUTO_MAX_CLASSES};
    struct reach_result *res;
    char *err = NULL;
    size_t i, k;

    if (!c->o->enabled[CK_HALF_OPEN_RULE] || c->m->nifaces == 0 || c->m->nrules == 0)
        return;
    res = reach_run(c->m, &q, &err);
    not_evaluated(CK_HALF_OPEN_RULE, err);
    if (!res)
        return;
    c->dead = xcalloc(c->m->nrules, 1);
    for (i = 0; i < c->m->nrules; i++)
        c->dead[i] = judged_peer(c, c->m->rules[i]) != NULL;
    for (i = 0; i < res->nanswers; i++) {
        const struct reach_answer *a = &res->answers[i];
        if (a->verdict != REACH_YES)
            continue;
        for (k = 0; k < a->negress; k++)
            c->dead[a->egress[k]->index] = 0;
        for (k = 0; k < a->ningress; k++)
            c->dead[a->ingress[k]->index] = 0;
    }
    reach_result_free(res);
}

char *lint_half_open_fix(const struct rule *r, const struct group *b)
{
    char label[PORTS_LABEL_MAX];
    ports_label(&r->ports, label);
    if (r->dir == DIR_INGRESS)
        return xasprintf("add egress %s to '%s' in group '%s', or remove this rule", label,
                         r->group->name, b->name);
    return xasprintf("add ingress %s from '%s' in group '%s', or remove this rule", label,
                     r->group->name, b->name);
}

void lint_find_half_open_rule(struct lint_ctx *c, const struct rule *r)
{
    const struct group *a = r->group, *b;
    char label[PORTS_LABEL_MAX];
    char *what;

    if (!c->dead || !c->dead[r->index] || !lint_wants(c, CK_HALF_OPEN_RULE, a))
        return;
    b = judged_peer(c, r);
    ports_label(&r->ports, label);
    what = lint_rule_phrase(c, r);
    lint_add(c, CK_HALF_OPEN_RULE, a, r, NULL, lint_rule_loc(r), lint_half_open_fix(r, b),
             "%s in group '%s' never carries traffic: no %s rule of the interfaces in '%s' "
             "allows %s %s the interfaces in '%s'",
             what, a->name, r->dir == DIR_INGRESS ? "egress" : "ingress", b->name, label,
             r->dir == DIR_INGRESS ? "to" : "from", a->name);
    free(what);
}

void lint_find_reach(struct lint_ctx *c)
{
    find_exposed_interfaces(c);
    find_dead_rules(c);
}
