/*
 * reach_eval.c - the answers of the reachability engine (see reach.h):
 * what each pair of regions, and each region and the outside ends a query
 * selects, may send, through which rules, and which side blocks a "no".
 *
 * A query with a pattern (or no end) is answered by candidates: for each
 * destination, only the sources one of its ingress rules can match are
 * evaluated, so the work follows the rules, not the square of the regions.
 */
#include <stdlib.h>
#include <string.h>

#include "portset.h"
#include "reach_internal.h"
#include "strbuf.h"
#include "xalloc.h"

/* ===== Answers ===== */

static struct reach_answer *new_answer(struct run *run)
{
    struct reach_result *res = run->res;
    struct reach_answer *a;
    XGROW(res->answers, run->answers_alloc, res->nanswers + 1);
    a = &res->answers[res->nanswers++];
    memset(a, 0, sizeof(*a));
    return a;
}

/* Start the reasons of one answer. */
static void why_reset(struct run *run)
{
    run->nyes_eg = run->nyes_in = 0;
    run->allowed = 0;
    portset_clear(&run->v4);
    portset_clear(&run->v6);
    portset_clear(&run->all);
}

static void push_rule(const struct rule ***list, size_t *n, size_t *alloc, const struct rule *r)
{
    size_t k;
    if (!r)
        return;
    for (k = 0; k < *n; k++)
        if ((*list)[k] == r)
            return;
    XGROW(*list, *alloc, *n + 1);
    (*list)[(*n)++] = r;
}

/* A pair of rules (NULL: no rule to pass on that side) in family fam (0:
 * unknown): what both allow within --port is allowed, and both are reasons. */
static void add_why(struct run *run, const struct rule *e, const struct rule *i, unsigned fam)
{
    static const struct portspec all = {PROTO_ALL, -1, -1};
    struct portspec p, q;

    if (!portset_spec_intersect(e ? &e->ports : &all, i ? &i->ports : &all, &p))
        return;
    if (run->port && !portset_spec_intersect(&p, run->port, &q))
        return;
    if (run->port)
        p = q;
    run->allowed = 1;
    if (fam & REACH_V4)
        portset_add(&run->v4, &p);
    if (fam & REACH_V6)
        portset_add(&run->v6, &p);
    portset_add(&run->all, &p);
    push_rule(&run->yes_eg, &run->nyes_eg, &run->yes_eg_alloc, e);
    push_rule(&run->yes_in, &run->nyes_in, &run->yes_in_alloc, i);
}

/* The rules of class k's groups in one direction that match class other in
 * family fam, into the scratch list; a class in no group gives one NULL
 * (nothing filters it). */
static void matching_rules(struct run *run, const struct reach_class *k, enum direction dir,
                           const struct reach_class *other, unsigned fam)
{
    const struct rule ***list = dir == DIR_EGRESS ? &run->eg : &run->in;
    size_t *n = dir == DIR_EGRESS ? &run->neg : &run->nin;
    size_t *alloc = dir == DIR_EGRESS ? &run->eg_alloc : &run->in_alloc;
    const size_t *lo = dir == DIR_EGRESS ? run->c.eg_lo : run->c.in_lo;
    const size_t *hi = dir == DIR_EGRESS ? run->c.eg_hi : run->c.in_hi;
    size_t g, i;

    *n = 0;
    if (k->ngroups == 0) {
        XGROW(*list, *alloc, 1);
        (*list)[(*n)++] = NULL;
        return;
    }
    for (g = 0; g < k->ngroups; g++) {
        size_t gi = k->groups[g]->index;
        for (i = lo[gi]; i < hi[gi]; i++) {
            const struct rule *r = run->c.m->rules[i];
            if (reach_rule_matches(&run->c, r, other, fam)) {
                XGROW(*list, *alloc, *n + 1);
                (*list)[(*n)++] = r;
            }
        }
    }
}

/* The reasons A -> B is allowed (both classes of the model), into the
 * scratch list. */
static void eval_pair(struct run *run, const struct reach_class *a, const struct reach_class *b)
{
    static const unsigned fams[2] = {REACH_V4, REACH_V6};
    size_t f, i, j;

    why_reset(run);
    for (f = 0; f < 2; f++) {
        if (!reach_class_has(a, fams[f]) || !reach_class_has(b, fams[f]))
            continue;
        matching_rules(run, a, DIR_EGRESS, b, fams[f]);
        if (!run->neg)
            continue;
        matching_rules(run, b, DIR_INGRESS, a, fams[f]);
        for (i = 0; i < run->neg; i++)
            for (j = 0; j < run->nin; j++)
                add_why(run, run->eg[i], run->in[j], fams[f]);
    }
}

static int cmp_rule_index(const void *a, const void *b)
{
    const struct rule *x = *(const struct rule *const *)a, *y = *(const struct rule *const *)b;
    return x->index < y->index ? -1 : x->index > y->index;
}

static const struct rule **copy_rules(struct run *run, const struct rule **list, size_t n)
{
    const struct rule **copy = arena_alloc_raw(&run->res->arena, (n ? n : 1) * sizeof(*copy));
    if (n)
        memcpy(copy, list, n * sizeof(*copy));
    xqsort(copy, n, sizeof(*copy), cmp_rule_index);
    return copy;
}

static const char *label_of(struct run *run, const struct portset *s)
{
    if (portset_is_empty(s))
        return NULL;
    strbuf_reset(&run->sb);
    portset_label(s, &run->sb);
    return arena_strndup(&run->res->arena, run->sb.buf, run->sb.len);
}

/* After the network context took some traffic away: keep the rules that
 * still allow some of what passes. */
static void prune_why(struct run *run)
{
    size_t i, n;

    if (!run->c.network || !run->allowed)
        return;
    for (i = n = 0; i < run->nyes_eg; i++)
        if (!run->yes_eg[i] || portset_overlaps(&run->all, &run->yes_eg[i]->ports))
            run->yes_eg[n++] = run->yes_eg[i];
    run->nyes_eg = n;
    for (i = n = 0; i < run->nyes_in; i++)
        if (!run->yes_in[i] || portset_overlaps(&run->all, &run->yes_in[i]->ports))
            run->yes_in[n++] = run->yes_in[i];
    run->nyes_in = n;
}

/* Move the scratch reasons and what they allow into answer a. */
static void take_why(struct run *run, struct reach_answer *a)
{
    prune_why(run);
    a->egress = copy_rules(run, run->yes_eg, run->nyes_eg);
    a->negress = run->nyes_eg;
    a->ingress = copy_rules(run, run->yes_in, run->nyes_in);
    a->ningress = run->nyes_in;
    a->verdict = run->allowed ? REACH_YES : REACH_NO;
    a->ports = run->allowed ? label_of(run, &run->all) : "none";
    /* One family alone is all of it: its label is the same text. */
    if (portset_is_empty(&run->v6))
        a->ipv4 = portset_is_empty(&run->v4) ? NULL : a->ports;
    else
        a->ipv4 = label_of(run, &run->v4);
    if (portset_is_empty(&run->v4))
        a->ipv6 = portset_is_empty(&run->v6) ? NULL : a->ports;
    else
        a->ipv6 = label_of(run, &run->v6);
}

static unsigned region_notes(const struct reach_region *from, const struct reach_region *to)
{
    unsigned notes = 0;
    if ((from && from->families == 0) || (to && to->families == 0))
        notes |= REACH_NOTE_ADDRESS_UNKNOWN;
    if (from && from->ngroups == 0)
        notes |= REACH_NOTE_FROM_NO_GROUP;
    if (to && to->ngroups == 0)
        notes |= REACH_NOTE_TO_NO_GROUP;
    return notes;
}

/* ===== Ends outside the input ===== */

/* One rule whose peer is an outside end the query selects. */
struct hit {
    struct reach_end end;
    const struct rule *rule;
    enum reach_verdict verdict; /* REACH_YES, or REACH_UNKNOWN (entries unknown) */
    unsigned notes;
    unsigned families;          /* of the end; 0 unknown */
};

static int overlap(const struct cidr *a, const struct cidr *b)
{
    return cidr_contains(a, b) || cidr_contains(b, a);
}

/* The families of a list's known entries (0: none known). */
static unsigned list_families(const struct run *run, const struct reach_list *l)
{
    unsigned f = 0;
    size_t i;
    for (i = 0; i < l->nnets; i++)
        f |= run->c.nets[l->nets[i]].family;
    return f;
}

/* A CIDR peer (net n) as the end q selects; 0 when it selects none of it. */
static int cidr_hit(const struct run *run, size_t n, const struct qend *q, struct hit *h)
{
    const struct reach_net *net = &run->c.nets[n];

    h->families = net->family;
    h->end.id = net->text;
    h->end.type = net->is_private ? REACH_END_CIDR : REACH_END_INTERNET;
    if (q->kind == Q_ANY)
        return 1;
    if (q->kind == Q_INTERNET)
        return !net->is_private;
    if (q->kind != Q_CIDR || !overlap(&q->cidr, &net->c))
        return 0;
    if (q->cidr.bits > net->c.bits) {
        /* The part of the rule's CIDR that the query names. */
        h->end.id = q->id;
        h->end.type = cidr_is_private(&q->cidr) ? REACH_END_CIDR : REACH_END_INTERNET;
    }
    return 1;
}

/* A prefix-list peer as the end q selects; 0 when it selects none of it. */
static int list_hit(const struct run *run, const struct rule *r, const struct qend *q,
                    struct hit *h)
{
    const struct reach_list *l = run->c.rule_list[r->index];
    int known = l && l->pl && l->pl->entries_known;
    int managed = l && l->pl && l->pl->aws_managed;
    size_t i;

    h->end.type = REACH_END_PREFIX_LIST;
    h->end.id = r->peer;
    h->families = l ? list_families(run, l) : 0;
    h->notes = (known ? 0 : REACH_NOTE_ENTRIES_UNKNOWN) | (managed ? REACH_NOTE_AWS_MANAGED : 0);
    if (q->kind == Q_ANY || (q->kind == Q_LIST && strcmp(q->id, r->peer) == 0))
        return 1;
    if (q->kind != Q_INTERNET && q->kind != Q_CIDR)
        return 0;
    if (!known) {
        /* An AWS-managed list holds public addresses of an AWS service. */
        if (managed && (q->kind == Q_INTERNET || !cidr_is_private(&q->cidr)))
            return 1;
        if (managed)
            return 0;
        h->verdict = REACH_UNKNOWN;
        return 1;
    }
    for (i = 0; i < l->nnets; i++) {
        const struct reach_net *net = &run->c.nets[l->nets[i]];
        if (q->kind == Q_INTERNET ? !net->is_private : overlap(&q->cidr, &net->c))
            return 1;
    }
    return 0;
}

/* Is the peer of rule r an end outside the input that q selects? */
static int outside_hit(const struct run *run, const struct rule *r, const struct qend *q,
                       struct hit *h)
{
    memset(h, 0, sizeof(*h));
    h->rule = r;
    h->verdict = REACH_YES;
    switch (r->peer_type) {
    case PEER_CIDR:
        return run->c.rule_net[r->index] != REACH_NONE &&
               cidr_hit(run, run->c.rule_net[r->index], q, h);
    case PEER_PREFIX_LIST:
        return list_hit(run, r, q, h);
    case PEER_EXTERNAL_GROUP:
        h->end.type = REACH_END_EXTERNAL_GROUP;
        h->end.id = r->peer;
        return q->kind == Q_ANY || (q->kind == Q_EXTGROUP && strcmp(q->id, r->peer) == 0);
    default:
        return 0;
    }
}

static int cmp_hit(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    int c;
    if (x->end.type != y->end.type)
        return x->end.type < y->end.type ? -1 : 1;
    if ((c = strcmp(x->end.id, y->end.id)) != 0)
        return c;
    return x->rule->index < y->rule->index ? -1 : x->rule->index > y->rule->index;
}

/* The end a query names itself (a "no" answer's other end). */
static struct reach_end query_end(const struct qend *q)
{
    struct reach_end e = {REACH_END_INTERNET, NULL, q->id};
    if (q->kind == Q_CIDR)
        e.type = cidr_is_private(&q->cidr) ? REACH_END_CIDR : REACH_END_INTERNET;
    else if (q->kind == Q_LIST)
        e.type = REACH_END_PREFIX_LIST;
    else if (q->kind == Q_EXTGROUP)
        e.type = REACH_END_EXTERNAL_GROUP;
    return e;
}

static void why_not_outside(struct run *run, struct reach_answer *a,
                            const struct reach_region *reg, enum direction dir);

/* The ends and notes of an answer between region reg and an outside end:
 * to it through reg's egress, or from it through reg's ingress. */
static void set_outside_ends(struct reach_answer *a, struct reach_region *reg,
                             struct reach_end outside, enum direction dir)
{
    struct reach_end in = {REACH_END_REGION, reg, NULL};
    if (dir == DIR_EGRESS) {
        a->from = in;
        a->to = outside;
        a->notes = REACH_NOTE_TO_OUTSIDE | region_notes(reg, NULL);
    } else {
        a->from = outside;
        a->to = in;
        a->notes = REACH_NOTE_FROM_OUTSIDE | region_notes(NULL, reg);
    }
}

static void set_reason(struct run *run, struct reach_answer *a, const char *blocked);

/* A "no" the network context gave. */
static void set_net_reason(struct run *run, struct reach_answer *a)
{
    a->blocked = run->net_blocked;
    a->reason = arena_strndup(&run->res->arena, run->net_reason.buf, run->net_reason.len);
}

/* The network context between class k and an outside end (dir: k's
 * egress sends to it, k's ingress receives from it). */
static void net_outside_dir(struct run *run, const struct reach_class *k,
                            const struct reach_end *end, enum direction dir)
{
    struct net_peer p = {NULL, NULL, end->id};
    struct cidr x;

    reach_net_reset(run);
    if (!run->c.network)
        return;
    if ((end->type == REACH_END_INTERNET || end->type == REACH_END_CIDR) &&
        cidr_parse(end->id, &x) == 0)
        p.x = &x;
    reach_net_outside(run, k, NULL, &p, end->type == REACH_END_INTERNET, dir);
}

void reach_answer_outside(struct run *run, struct reach_region *reg, const struct qend *q,
                           enum direction dir)
{
    const struct reach_class *k = &run->c.classes[reach_class_of(run, reg)];
    const size_t *lo = dir == DIR_EGRESS ? run->c.eg_lo : run->c.in_lo;
    const size_t *hi = dir == DIR_EGRESS ? run->c.eg_hi : run->c.in_hi;
    struct hit *hits = NULL, h;
    size_t nhits = 0, alloc = 0, g, i, j, before;

    for (g = 0; g < k->ngroups; g++) {
        size_t gi = k->groups[g]->index;
        for (i = lo[gi]; i < hi[gi]; i++) {
            if (!outside_hit(run, run->c.m->rules[i], q, &h))
                continue;
            /* A family the region's known addresses do not have: no flow. */
            if (h.families && k->families && !(h.families & k->families))
                continue;
            XGROW(hits, alloc, nhits + 1);
            hits[nhits++] = h;
        }
    }
    xqsort(hits, nhits, sizeof(*hits), cmp_hit);
    before = run->res->nanswers;
    for (i = 0; i < nhits; i = j) {
        struct reach_answer *a;
        enum reach_verdict v = REACH_UNKNOWN;
        unsigned notes = 0;

        why_reset(run);
        for (j = i; j < nhits && hits[j].end.type == hits[i].end.type &&
                    strcmp(hits[j].end.id, hits[i].end.id) == 0;
             j++) {
            add_why(run, dir == DIR_EGRESS ? hits[j].rule : NULL,
                    dir == DIR_EGRESS ? NULL : hits[j].rule, hits[j].families);
            if (hits[j].verdict == REACH_YES)
                v = REACH_YES;
            notes |= hits[j].notes;
        }
        if (!run->allowed)
            continue;
        net_outside_dir(run, k, &hits[i].end, dir);
        if (!run->allowed && !run->res->pairs)
            continue;
        a = new_answer(run);
        take_why(run, a);
        a->verdict = run->allowed ? v : REACH_NO;
        set_outside_ends(a, reg, hits[i].end, dir);
        a->notes |= notes | run->net_notes;
        a->via = run->via;
        if (a->verdict == REACH_NO)
            set_net_reason(run, a);
    }
    if (run->res->pairs && q->kind != Q_ANY && run->res->nanswers == before) {
        /* A named end with nothing allowed: one "no" answer. */
        struct reach_answer *a = new_answer(run);
        a->verdict = REACH_NO;
        set_outside_ends(a, reg, query_end(q), dir);
        why_not_outside(run, a, reg, dir);
    }
    free(hits);
}

/* ===== Between regions ===== */

static void why_not_regions(struct run *run, struct reach_answer *a, const struct reach_class *ka,
                            const struct reach_class *kb);

/* Answer A -> B; pairs mode keeps a "no" too. */
static void answer_pair(struct run *run, size_t ka, size_t kb)
{
    struct reach_region *from = run->src[ka], *to = run->dst[kb];
    struct reach_answer *a;

    /* An interface does not reach itself through its groups. */
    if (from->nifaces == 1 && to->nifaces == 1 && from->ifaces[0] == to->ifaces[0])
        return;
    eval_pair(run, &run->c.classes[ka], &run->c.classes[kb]);
    reach_net_reset(run);
    if (run->c.network && run->allowed) {
        struct strbuf an = STRBUF_INIT, bn = STRBUF_INIT;
        reach_region_groups_name(from, &an);
        reach_region_groups_name(to, &bn);
        reach_net_pair(run, &run->c.classes[ka], &run->c.classes[kb], an.buf, bn.buf);
        strbuf_release(&an);
        strbuf_release(&bn);
    }
    if (!run->allowed && !run->res->pairs)
        return;
    a = new_answer(run);
    take_why(run, a);
    a->from.type = a->to.type = REACH_END_REGION;
    a->from.region = from;
    a->to.region = to;
    a->notes = region_notes(from, to) | run->net_notes;
    a->via = run->via;
    if (a->verdict == REACH_NO && run->net_blocked)
        set_net_reason(run, a);
    else if (a->verdict == REACH_NO)
        why_not_regions(run, a, &run->c.classes[ka], &run->c.classes[kb]);
}

/* Mark the classes of a CSR list as candidates of destination kb. */
static void mark_list(struct run *run, const size_t *off, const size_t *cls, size_t key,
                      size_t kb, size_t **cand, size_t *n, size_t *alloc)
{
    size_t i;
    for (i = off[key]; i < off[key + 1]; i++) {
        size_t ka = cls[i];
        if (run->stamp[ka] == kb + 1 || !run->src[ka])
            continue;
        run->stamp[ka] = kb + 1;
        XGROW(*cand, *alloc, *n + 1);
        (*cand)[(*n)++] = ka;
    }
}

/* Every source of destination class kb that one of its ingress rules can
 * match (all of them when one matches anything), answered. */
static void answer_candidates(struct run *run, size_t kb, size_t **cand, size_t *alloc)
{
    const struct reach_class *b = &run->c.classes[kb];
    const struct reach_ctx *c = &run->c;
    size_t n = 0, g, i, j;
    int all = b->ngroups == 0;

    for (g = 0; g < b->ngroups && !all; g++) {
        size_t gi = b->groups[g]->index;
        for (i = c->in_lo[gi]; i < c->in_hi[gi] && !all; i++) {
            const struct rule *r = c->m->rules[i];
            const struct reach_list *l = c->rule_list[i];
            size_t net = c->rule_net[i];
            if (r->peer_type == PEER_GROUP && c->rule_group[i]) {
                mark_list(run, c->group_off, c->group_cls, c->rule_group[i]->index, kb, cand,
                          &n, alloc);
            } else if (net != REACH_NONE) {
                if (c->nets[net].zero)
                    all = 1;
                else
                    mark_list(run, c->net_off, c->net_cls, net, kb, cand, &n, alloc);
            }
            for (j = 0; l && j < l->nnets && !all; j++) {
                if (c->nets[l->nets[j]].zero)
                    all = 1;
                else
                    mark_list(run, c->net_off, c->net_cls, l->nets[j], kb, cand, &n, alloc);
            }
        }
    }
    if (all) {
        for (i = 0; i < c->nclasses; i++)
            if (run->src[i])
                answer_pair(run, i, kb);
        return;
    }
    for (i = 0; i < n; i++)
        answer_pair(run, (*cand)[i], kb);
}

void reach_answer_regions(struct run *run)
{
    size_t *cand = NULL, alloc = 0, ka, kb;

    for (kb = 0; kb < run->c.nclasses; kb++) {
        if (!run->dst[kb])
            continue;
        if (!run->res->pairs) {
            answer_candidates(run, kb, &cand, &alloc);
            continue;
        }
        for (ka = 0; ka < run->c.nclasses; ka++)
            if (run->src[ka])
                answer_pair(run, ka, kb);
    }
    free(cand);
}

/* ===== Why not ===== */

void reach_region_groups_name(const struct reach_region *r, struct strbuf *sb)
{
    size_t i;
    if (!r->ngroups) {
        strbuf_addstr(sb, r->ifaces[0]->id);
        return;
    }
    for (i = 0; i < r->ngroups; i++) {
        if (i)
            strbuf_addch(sb, '+');
        strbuf_addstr(sb, r->groups[i]->name);
    }
}

static void peer_name(const struct run *run, const struct rule *r, struct strbuf *sb)
{
    const struct group *g = r->peer_type == PEER_GROUP ? run->c.rule_group[r->index] : NULL;
    strbuf_addstr(sb, g ? g->name : r->peer);
}

/*
 * What the rules of region reg in direction dir allow within --port, and to
 * or from whom: "db's ingress allows tcp/5432 only from app", "web's egress
 * allows only tcp/80 to 0.0.0.0/0, tcp/443 to cdn", "db's ingress allows
 * nothing on tcp/5432". Appended to sb.
 */
static void side_allows(struct run *run, const struct reach_region *reg, enum direction dir,
                        struct strbuf *sb)
{
    static const struct portspec all = {PROTO_ALL, -1, -1};
    const struct reach_class *k = &run->c.classes[reach_class_of(run, reg)];
    const size_t *lo = dir == DIR_EGRESS ? run->c.eg_lo : run->c.in_lo;
    const size_t *hi = dir == DIR_EGRESS ? run->c.eg_hi : run->c.in_hi;
    const char *to = dir == DIR_EGRESS ? " to " : " from ";
    char label[PORTS_LABEL_MAX], first[PORTS_LABEL_MAX] = "";
    struct strbuf peers = STRBUF_INIT, each = STRBUF_INIT;
    size_t g, i, n = 0;
    int same = 1;

    for (g = 0; g < k->ngroups; g++) {
        size_t gi = k->groups[g]->index;
        for (i = lo[gi]; i < hi[gi]; i++) {
            const struct rule *r = run->c.m->rules[i];
            struct portspec p;
            if (!portset_spec_intersect(&r->ports, run->port ? run->port : &all, &p))
                continue;
            ports_label(&p, label);
            if (n == 0)
                memcpy(first, label, sizeof(first));
            same &= strcmp(first, label) == 0;
            strbuf_addstr(&peers, n ? ", " : "");
            peer_name(run, r, &peers);
            strbuf_addf(&each, "%s%s%s", n ? ", " : "", label, to);
            peer_name(run, r, &each);
            n++;
        }
    }
    reach_region_groups_name(reg, sb);
    strbuf_addf(sb, "'s %s allows ", direction_name(dir));
    if (n == 0) {
        strbuf_addstr(sb, "nothing");
        if (run->port) {
            ports_label(run->port, label);
            strbuf_addf(sb, " on %s", label);
        }
    } else if (same) {
        strbuf_addf(sb, "%s only%s%s", first, to, peers.buf);
    } else {
        strbuf_addf(sb, "only %s", each.buf);
    }
    strbuf_release(&peers);
    strbuf_release(&each);
}

static void set_reason(struct run *run, struct reach_answer *a, const char *blocked)
{
    a->blocked = blocked;
    a->reason = arena_strndup(&run->res->arena, run->sb.buf, run->sb.len);
}

static void why_not_outside(struct run *run, struct reach_answer *a,
                            const struct reach_region *reg, enum direction dir)
{
    strbuf_reset(&run->sb);
    side_allows(run, reg, dir, &run->sb);
    set_reason(run, a, dir == DIR_EGRESS ? "egress" : "ingress");
}

/* Does some rule of the scratch list (egress or ingress) allow traffic
 * within --port? A NULL rule (no group) allows everything. */
static int some_allowed(const struct run *run, const struct rule *const *list, size_t n)
{
    static const struct portspec all = {PROTO_ALL, -1, -1};
    struct portspec p;
    size_t i;
    for (i = 0; i < n; i++)
        if (!list[i] || portset_spec_intersect(&list[i]->ports, run->port ? run->port : &all, &p))
            return 1;
    return 0;
}

static void why_not_regions(struct run *run, struct reach_answer *a, const struct reach_class *ka,
                            const struct reach_class *kb)
{
    static const unsigned fams[2] = {REACH_V4, REACH_V6};
    int eg_ok = 0, in_ok = 0, common = 0;
    size_t f;

    for (f = 0; f < 2; f++) {
        if (!reach_class_has(ka, fams[f]) || !reach_class_has(kb, fams[f]))
            continue;
        common = 1;
        matching_rules(run, ka, DIR_EGRESS, kb, fams[f]);
        eg_ok |= some_allowed(run, run->eg, run->neg);
        matching_rules(run, kb, DIR_INGRESS, ka, fams[f]);
        in_ok |= some_allowed(run, run->in, run->nin);
    }
    strbuf_reset(&run->sb);
    if (!common) {
        strbuf_addstr(&run->sb, "no address family in common (IPv4 at one end, IPv6 at the "
                                "other)");
        set_reason(run, a, "both");
        return;
    }
    if (!eg_ok)
        side_allows(run, a->from.region, DIR_EGRESS, &run->sb);
    if (!eg_ok && !in_ok)
        strbuf_addstr(&run->sb, "; ");
    if (!in_ok)
        side_allows(run, a->to.region, DIR_INGRESS, &run->sb);
    if (eg_ok && in_ok) {
        reach_region_groups_name(a->from.region, &run->sb);
        strbuf_addstr(&run->sb, "'s egress to ");
        reach_region_groups_name(a->to.region, &run->sb);
        strbuf_addstr(&run->sb, " and ");
        reach_region_groups_name(a->to.region, &run->sb);
        strbuf_addstr(&run->sb, "'s ingress from ");
        reach_region_groups_name(a->from.region, &run->sb);
        strbuf_addstr(&run->sb, " allow no traffic in common");
    }
    set_reason(run, a, !eg_ok && !in_ok ? "both" : !eg_ok ? "egress" : !in_ok ? "ingress"
                                                                       : "ports");
}
