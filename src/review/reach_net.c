/*
 * reach_net.c - the network context of the reachability engine: network
 * ACLs (stateless, ordered, both directions, replies on the ephemeral
 * ports), route tables (a route to an internet gateway, cross-VPC paths)
 * and public addresses, applied to what the security groups allow (see
 * reach.h and sgmap.1's REACH section).
 *
 * A NACL is matched against the other end of the flow: the addresses of a
 * class (an entry's CIDR holds one of them; the class key holds which), an
 * outside CIDR (an entry's CIDR holds it all; the parts of it that smaller
 * entries name are tried each on their own), or an address unknown (only
 * /0 entries hold it).
 */
#include <stdlib.h>
#include <string.h>

#include "portset.h"
#include "reach_internal.h"
#include "strbuf.h"
#include "xalloc.h"

/* The ports replies go to: a client's ephemeral ports, as AWS documents
 * them for NACLs (1024-65535 covers every client's range). */
#define EPHEMERAL_LO 1024
#define EPHEMERAL_HI 65535

void reach_net_reset(struct run *run)
{
    run->net_blocked = NULL;
    run->net_notes = 0;
    run->via = NULL;
    strbuf_reset(&run->net_reason);
}

/* Does NACL entry i of n hold the peer, in family fam (0: either)? */
static int entry_holds(const struct reach_ctx *c, const struct nacl *n, size_t i,
                       const struct net_peer *p, unsigned fam)
{
    size_t net = c->entry_net[n->index][i];
    const struct reach_net *rn;

    if (net == REACH_NONE)
        return 0;
    rn = &c->nets[net];
    if (fam && rn->family != fam)
        return 0;
    if (p->k)
        return reach_net_holds(c, net, p->k, rn->family);
    if (p->x)
        return rn->family == reach_cidr_family(p->x) && cidr_contains(&rn->c, p->x);
    return rn->zero;
}

/* Why a NACL let nothing through. */
struct nacl_why {
    const struct nacl_entry *deny; /* the first deny entry that took some, or NULL */
};

/* out = what of in NACL n lets through in direction dir with the peer at
 * the other end: entries in number order, the first that holds the peer
 * and the traffic decides. */
static void nacl_pass(const struct reach_ctx *c, const struct nacl *n, enum direction dir,
                      const struct net_peer *p, unsigned fam, const struct portset *in,
                      struct portset *out, struct nacl_why *why)
{
    struct portset rest = PORTSET_INIT, one = PORTSET_INIT, part = PORTSET_INIT,
                   left = PORTSET_INIT;
    size_t i;

    portset_clear(out);
    portset_copy(&rest, in);
    for (i = 0; i < n->nentries && !portset_is_empty(&rest); i++) {
        const struct nacl_entry *e = &n->entries[i];
        if (e->dir != dir || !entry_holds(c, n, i, p, fam))
            continue;
        portset_clear(&one);
        portset_add(&one, &e->ports);
        portset_intersect(&part, &rest, &one);
        if (portset_is_empty(&part))
            continue;
        if (e->allow)
            portset_union(out, &part);
        else if (why && !why->deny)
            why->deny = e;
        portset_subtract(&left, &rest, &part);
        portset_copy(&rest, &left);
    }
    portset_release(&rest);
    portset_release(&one);
    portset_release(&part);
    portset_release(&left);
}

/*
 * What forward traffic a NACL's replies let through: the replies of TCP and
 * UDP go to the ephemeral ports, so the flow passes when some of them pass;
 * ICMP and ICMPv6 replies are of other types, so some of the protocol must
 * pass; any other protocol replies as itself.
 */
static void reply_filter(const struct reach_ctx *c, const struct nacl *n, enum direction dir,
                         const struct net_peer *p, unsigned fam, struct portset *out)
{
    static const struct portspec all = {PROTO_ALL, -1, -1};
    static const struct portspec whole[4] = {
        {PROTO_TCP, 0, 65535}, {PROTO_UDP, 0, 65535}, {PROTO_ICMP, -1, -1},
        {PROTO_ICMPV6, -1, -1}};
    static const struct portspec reply[4] = {
        {PROTO_TCP, EPHEMERAL_LO, EPHEMERAL_HI}, {PROTO_UDP, EPHEMERAL_LO, EPHEMERAL_HI},
        {PROTO_ICMP, -1, -1}, {PROTO_ICMPV6, -1, -1}};
    struct portset any = PORTSET_INIT, back = PORTSET_INIT, special = PORTSET_INIT;
    size_t i;

    portset_add(&any, &all);
    nacl_pass(c, n, dir, p, fam, &any, &back, NULL);
    for (i = 0; i < 4; i++)
        portset_add(&special, &whole[i]);
    portset_subtract(out, &back, &special);
    for (i = 0; i < 4; i++)
        if (portset_overlaps(&back, &reply[i]))
            portset_add(out, &whole[i]);
    portset_release(&any);
    portset_release(&back);
    portset_release(&special);
}

struct reply_memo {
    unsigned long long key; /* 0: free */
    struct portset set;
};

void reach_net_release(struct run *run)
{
    size_t i;

    for (i = 0; i < run->memo_cap; i++)
        if (run->memo[i].key)
            portset_release(&run->memo[i].set);
    free(run->memo);
    run->memo = NULL;
    run->memo_cap = run->memo_n = 0;
}

/* The slot of key in the memo (found, or the free slot where it goes). */
static struct reply_memo *memo_slot(struct reply_memo *memo, size_t cap, unsigned long long key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);

    while (memo[i].key && memo[i].key != key)
        i = (i + 1) & (cap - 1);
    return &memo[i];
}

static void memo_grow(struct run *run)
{
    size_t cap = run->memo_cap ? 2 * run->memo_cap : 256, i;
    struct reply_memo *memo = xcalloc(cap, sizeof(*memo));

    for (i = 0; i < run->memo_cap; i++)
        if (run->memo[i].key)
            *memo_slot(memo, cap, run->memo[i].key) = run->memo[i];
    free(run->memo);
    run->memo = memo;
    run->memo_cap = cap;
}

/*
 * What NACL n lets through towards peer class p (pass: nacl_pass() of all
 * traffic; else reply_filter()), kept for the run: every pair of two
 * classes asks the same, and between a thousand classes computing it for
 * each pair was most of the time. NULL for a peer that is no class.
 */
static const struct portset *memo_of(struct run *run, int pass, const struct nacl *n,
                                     enum direction dir, const struct net_peer *p, unsigned fam)
{
    static const struct portspec all = {PROTO_ALL, -1, -1};
    unsigned long long key;
    struct reply_memo *slot;

    if (!p->k)
        return NULL;
    key = ((((unsigned long long)(p->k - run->c.classes) * run->c.m->nnacls + n->index) * 2 +
            (dir == DIR_INGRESS)) * 2 + (pass != 0)) * 8 + fam + 1;
    if (2 * (run->memo_n + 1) > run->memo_cap)
        memo_grow(run);
    slot = memo_slot(run->memo, run->memo_cap, key);
    if (!slot->key) {
        slot->key = key;
        slot->set = (struct portset)PORTSET_INIT;
        if (pass) {
            struct portset any = PORTSET_INIT;
            portset_add(&any, &all);
            nacl_pass(&run->c, n, dir, p, fam, &any, &slot->set, NULL);
            portset_release(&any);
        } else {
            reply_filter(&run->c, n, dir, p, fam, &slot->set);
        }
        run->memo_n++;
    }
    return &slot->set;
}

static void replies_towards(struct run *run, const struct nacl *n, enum direction dir,
                            const struct net_peer *p, unsigned fam, struct portset *out)
{
    const struct portset *m = memo_of(run, 0, n, dir, p, fam);

    if (m)
        portset_copy(out, m);
    else
        reply_filter(&run->c, n, dir, p, fam, out);
}

/* nacl_pass() of in: entries decide by first match, so what passes of in
 * is in and what passes of all traffic; why is asked only of nothing. */
static void pass_towards(struct run *run, const struct nacl *n, enum direction dir,
                         const struct net_peer *p, unsigned fam, const struct portset *in,
                         struct portset *out, struct nacl_why *why)
{
    const struct portset *m = memo_of(run, 1, n, dir, p, fam);

    if (!m) {
        nacl_pass(&run->c, n, dir, p, fam, in, out, why);
        return;
    }
    portset_intersect(out, in, m);
    if (portset_is_empty(out))
        nacl_pass(&run->c, n, dir, p, fam, in, out, why);
}

/* "into subnet-1" / "out of subnet-1" */
static void subnet_words(struct strbuf *sb, enum direction dir, const char *subnet)
{
    strbuf_addf(sb, " %s %s", dir == DIR_INGRESS ? "into" : "out of",
                subnet ? subnet : "its subnet");
}

/*
 * Filter *f (family fam) through NACL n of class k's subnet: the forward
 * traffic in direction dir, its replies the other way. When this empties
 * it, the reason goes to run->net_reason (if none yet).
 */
static void nacl_side(struct run *run, const struct reach_class *k, enum direction dir,
                      const struct net_peer *p, unsigned fam, struct portset *f)
{
    struct portset out = PORTSET_INIT, replies = PORTSET_INIT;
    struct nacl_why why = {NULL};
    enum direction back = dir == DIR_INGRESS ? DIR_EGRESS : DIR_INGRESS;
    const char *to = dir == DIR_INGRESS ? "from" : "to";
    struct strbuf *sb = &run->net_reason;

    if (!(run->c.layers & REACH_LAYER_NACLS) || portset_is_empty(f))
        return;
    if (!k->nacl) {
        run->net_notes |= REACH_NOTE_NACL_UNKNOWN;
        return;
    }
    pass_towards(run, k->nacl, dir, p, fam, f, &out, &why);
    if (portset_is_empty(&out)) {
        if (!run->net_blocked) {
            run->net_blocked = "nacl";
            if (why.deny) {
                strbuf_addf(sb, "%s rule %d denies ", k->nacl->id, why.deny->number);
                portset_label(f, sb);
            } else {
                strbuf_addf(sb, "%s has no entry allowing ", k->nacl->id);
                portset_label(f, sb);
            }
            strbuf_addf(sb, " %s %s", to, p->name);
            subnet_words(sb, dir, k->subnet);
        }
        portset_clear(f);
        portset_release(&out);
        return;
    }
    replies_towards(run, k->nacl, back, p, fam, &replies);
    portset_intersect(f, &out, &replies);
    if (portset_is_empty(f) && !run->net_blocked) {
        run->net_blocked = "nacl";
        strbuf_addf(sb, "%s allows no replies %s %s", k->nacl->id,
                    dir == DIR_INGRESS ? "to" : "from", p->name);
        subnet_words(sb, back, k->subnet);
        strbuf_addf(sb, " (replies go to the ephemeral ports %d-%d)", EPHEMERAL_LO,
                    EPHEMERAL_HI);
    }
    portset_release(&out);
    portset_release(&replies);
}

/* The route of table t that traffic to the peer takes: the longest prefix
 * that holds it, or NULL. */
static const struct route *route_to(const struct reach_ctx *c, const struct route_table *t,
                                    const struct net_peer *p, unsigned fam)
{
    const struct route *best = NULL;
    int best_bits = -1;
    size_t i;

    for (i = 0; i < t->nroutes; i++) {
        size_t net = c->route_net[t->index][i];
        const struct reach_net *rn;
        int holds;
        if (net == REACH_NONE)
            continue;
        rn = &c->nets[net];
        if (fam && rn->family != fam)
            continue;
        if (p->k)
            holds = reach_net_holds(c, net, p->k, rn->family);
        else if (p->x)
            holds = rn->family == reach_cidr_family(p->x) && cidr_contains(&rn->c, p->x);
        else
            holds = rn->zero;
        if (holds && rn->c.bits > best_bits) {
            best = &t->routes[i];
            best_bits = rn->c.bits;
        }
    }
    return best;
}

static void block(struct run *run, const char *what)
{
    if (!run->net_blocked)
        run->net_blocked = what;
}

/* Class k's route to the internet end p (family fam) for traffic in
 * direction dir (ingress: from the internet); 0 when it blocks. */
static int internet_route(struct run *run, const struct reach_class *k,
                          const struct net_peer *p, unsigned fam, enum direction dir)
{
    const struct route *r;
    struct strbuf *sb = &run->net_reason;
    const char *subnet = k->subnet ? k->subnet : "its subnet";
    int ok;

    if (!(run->c.layers & REACH_LAYER_ROUTES))
        return 1;
    if (!k->rt) {
        run->net_notes |= REACH_NOTE_ROUTES_UNKNOWN;
        return 1;
    }
    r = route_to(&run->c, k->rt, p, fam);
    if (r && r->blackhole) {
        if (!run->net_blocked)
            strbuf_addf(sb, "%s's route to %s goes to %s, which is gone (blackhole)", subnet,
                        r->dest, r->target);
        block(run, "route");
        return 0;
    }
    if (r && r->type == ROUTE_EIGW && dir == DIR_INGRESS) {
        if (!run->net_blocked)
            strbuf_addf(sb, "%s's route to %s goes to %s, an egress-only internet gateway "
                            "(outbound only)",
                        subnet, r->dest, r->target);
        block(run, "route");
        return 0;
    }
    ok = r && (r->type == ROUTE_IGW || r->type == ROUTE_EIGW);
    if (!ok && r && dir == DIR_EGRESS && r->type != ROUTE_LOCAL) {
        /* Through a NAT gateway, a peering, a transit gateway...: its own
         * routes are not evaluated. */
        run->via = r->target;
        return 1;
    }
    if (!ok) {
        if (!run->net_blocked) {
            strbuf_addf(sb, "%s has no route to an internet gateway", subnet);
            if (r)
                strbuf_addf(sb, " (%s sends %s to %s)", k->rt->id, r->dest, r->target);
            else
                strbuf_addf(sb, " (%s has no route to %s)", k->rt->id, p->name);
        }
        block(run, "route");
        return 0;
    }
    /* Addresses unknown: whether one is public is unknown too (the answer
     * says "address unknown"). */
    if (r->type == ROUTE_IGW && !(k->public & fam) && k->families) {
        if (!run->net_blocked)
            strbuf_addf(sb, "no public %saddress", fam == REACH_V6 ? "IPv6 " : "");
        block(run, "address");
        return 0;
    }
    return 1;
}

/* A cross-VPC path from class a to class b through a's route table, or 0
 * when a has none. */
static int vpc_route(struct run *run, const struct reach_class *a, const struct reach_class *b,
                     const char *bname, unsigned fam)
{
    struct net_peer p = {b, NULL, bname};
    const struct route *r;

    if (!a->rt) {
        run->net_notes |= REACH_NOTE_ROUTES_UNKNOWN;
        return 1;
    }
    r = route_to(&run->c, a->rt, &p, fam);
    if (r && !r->blackhole && r->type != ROUTE_LOCAL && r->type != ROUTE_IGW &&
        r->type != ROUTE_EIGW && r->type != ROUTE_NAT) {
        if (!run->via)
            run->via = r->target;
        return 1;
    }
    if (!run->net_blocked)
        strbuf_addf(&run->net_reason, "%s has no route to %s in %s",
                    a->subnet ? a->subnet : "its subnet", bname, b->vpc);
    block(run, "route");
    return 0;
}

/* The scratch sets to filter: by family, or all of it when the ends'
 * families are unknown. */
static void each_family(struct run *run,
                        void (*fn)(struct run *run, unsigned fam, struct portset *f,
                                   const void *arg),
                        const void *arg)
{
    int by_family = !portset_is_empty(&run->v4) || !portset_is_empty(&run->v6);

    if (!run->allowed)
        return;
    if (by_family) {
        fn(run, REACH_V4, &run->v4, arg);
        fn(run, REACH_V6, &run->v6, arg);
        portset_clear(&run->all);
        portset_union(&run->all, &run->v4);
        portset_union(&run->all, &run->v6);
    } else {
        fn(run, 0, &run->all, arg);
    }
    run->allowed = !portset_is_empty(&run->all);
    if (run->allowed) {
        run->net_blocked = NULL;
        strbuf_reset(&run->net_reason);
    }
}

struct pair_arg {
    const struct reach_class *a, *b;
    const char *aname, *bname;
};

static void pair_family(struct run *run, unsigned fam, struct portset *f, const void *arg)
{
    const struct pair_arg *pa = arg;
    struct net_peer pa_peer = {pa->a, NULL, pa->aname}, pb_peer = {pa->b, NULL, pa->bname};

    if (portset_is_empty(f))
        return;
    if ((run->c.layers & REACH_LAYER_ROUTES) && pa->a->vpc && pa->b->vpc &&
        strcmp(pa->a->vpc, pa->b->vpc) != 0 &&
        (!vpc_route(run, pa->a, pa->b, pa->bname, fam) ||
         !vpc_route(run, pa->b, pa->a, pa->aname, fam))) {
        portset_clear(f);
        return;
    }
    /* Inside one subnet no NACL is crossed. */
    if (pa->a->subnet && pa->b->subnet && strcmp(pa->a->subnet, pa->b->subnet) == 0)
        return;
    nacl_side(run, pa->a, DIR_EGRESS, &pb_peer, fam, f);
    nacl_side(run, pa->b, DIR_INGRESS, &pa_peer, fam, f);
}

void reach_net_pair(struct run *run, const struct reach_class *a, const struct reach_class *b,
                    const char *aname, const char *bname)
{
    struct pair_arg pa = {a, b, aname, bname};

    if (!run->c.network)
        return;
    each_family(run, pair_family, &pa);
}

struct outside_arg {
    const struct reach_class *k;
    const struct net_peer *end;
    int internet;
    enum direction dir;
};

/* The outside CIDR and the parts of it that smaller NACL entries name,
 * each tried on its own: some address of the end passes when one does. */
static void outside_family(struct run *run, unsigned fam, struct portset *f, const void *arg)
{
    const struct outside_arg *oa = arg;
    const struct nacl *n = oa->k->nacl;
    struct portset sum = PORTSET_INIT, one = PORTSET_INIT;
    size_t i;

    if (portset_is_empty(f))
        return;
    if (oa->end->x && fam && reach_cidr_family(oa->end->x) != fam) {
        portset_clear(f);
        return;
    }
    if (oa->internet && !internet_route(run, oa->k, oa->end, fam ? fam : REACH_V4, oa->dir)) {
        portset_clear(f);
        return;
    }
    portset_copy(&one, f);
    nacl_side(run, oa->k, oa->dir, oa->end, fam, &one);
    portset_union(&sum, &one);
    for (i = 0; n && oa->end->x && (run->c.layers & REACH_LAYER_NACLS) && i < n->nentries; i++) {
        size_t net = run->c.entry_net[n->index][i];
        const struct cidr *sub;
        struct net_peer part;
        if (net == REACH_NONE)
            continue;
        sub = &run->c.nets[net].c;
        if (sub->bits <= oa->end->x->bits || !cidr_contains(oa->end->x, sub))
            continue;
        part = *oa->end;
        part.x = sub;
        part.name = run->c.nets[net].text;
        portset_copy(&one, f);
        nacl_side(run, oa->k, oa->dir, &part, fam, &one);
        portset_union(&sum, &one);
    }
    portset_copy(f, &sum);
    portset_release(&sum);
    portset_release(&one);
}

void reach_net_outside(struct run *run, const struct reach_class *k, const char *kname,
                       const struct net_peer *end, int internet, enum direction dir)
{
    struct outside_arg oa = {k, end, internet, dir};

    (void)kname;
    if (!run->c.network)
        return;
    each_family(run, outside_family, &oa);
}
