/*
 * reach_internal.h - what the reachability engine's files share: the
 * address classes of interfaces and how a rule matches them
 * (reach_match.c), the query and its regions (reach.c), the answers and
 * their reasons (reach_eval.c).
 */
#ifndef SGMAP_REACH_INTERNAL_H
#define SGMAP_REACH_INTERNAL_H

#include <stddef.h>

#include "cidr.h"
#include "model.h"
#include "portset.h"
#include "reach.h"
#include "strbuf.h"

#define REACH_NONE ((size_t)-1)

/* A CIDR some rule names, directly or as a known prefix-list entry. */
struct reach_net {
    struct cidr c;
    const char *text;  /* canonical text (the model's string) */
    unsigned family;   /* REACH_V4 or REACH_V6 */
    int zero;          /* 0.0.0.0/0 or ::/0: holds every address of its family */
    int is_private;    /* inside the private ranges: none of it is the internet */
};

/* The interfaces of the model with equal groups and address classes. */
struct reach_class {
    struct group *const *groups; /* sorted by id */
    size_t ngroups;
    unsigned families;           /* REACH_V4 | REACH_V6 of known addresses; 0 unknown */
    size_t *nets;                /* the nets holding an address of it, sorted */
    size_t nnets;
    const struct iface **ifaces; /* every member, by id */
    size_t nifaces;
    /* With the network context (the class key holds them): */
    const char *subnet, *vpc;    /* of its interfaces, NULL when unknown */
    const struct nacl *nacl;     /* NULL: not in the inputs */
    const struct route_table *rt;
    unsigned public;             /* REACH_V4: a public IPv4 address; REACH_V6: an
                                  * IPv6 address outside fc00::/7 */
};

/* A prefix list a rule names, with the nets of its known entries. */
struct reach_list {
    const struct prefix_list *pl; /* NULL: the inputs say nothing of it */
    size_t *nets;
    size_t nnets;
};

struct reach_ctx {
    const struct model *m;
    struct reach_net *nets;      /* sorted by family, length, address */
    size_t nnets;
    unsigned char lengths[2][129]; /* by family (0 v4, 1 v6): some net has this length */
    /* Per rule (by index): */
    size_t *rule_net;            /* PEER_CIDR: its net; else REACH_NONE */
    const struct group **rule_group; /* PEER_GROUP: the peer */
    struct reach_list **rule_list;   /* PEER_PREFIX_LIST: its list */
    /* Per group (by index): its rules, ingress then egress, as ranges of m->rules. */
    size_t *in_lo, *in_hi, *eg_lo, *eg_hi;
    struct reach_class *classes;
    size_t nclasses;
    size_t *iface_class;         /* per interface index */
    /* Candidates: the classes of a group, and of a net (CSR: off[i]..off[i+1]). */
    size_t *group_off, *group_cls;
    size_t *net_off, *net_cls;
    struct reach_list *lists;    /* every prefix list named by a rule */
    size_t nlists, lists_alloc;
    /* The network context (0: security groups only). */
    unsigned layers;             /* REACH_LAYER_* */
    int network;                 /* the model has one: classes hold subnets */
    size_t **entry_net;          /* per NACL (index), per entry: its net */
    size_t **route_net;          /* per route table (index), per route: its net */
};

/* Build the classes and the rule tables of a finished model; the classes'
 * arrays live in arena. */
void reach_ctx_init(struct reach_ctx *c, const struct model *m, struct arena *arena);
void reach_ctx_release(struct reach_ctx *c);

/* Does the class have addresses of family fam (unknown addresses: any)? */
int reach_class_has(const struct reach_class *k, unsigned fam);
/* Does rule r (of any group) match the interfaces of class k in family fam? */
int reach_rule_matches(const struct reach_ctx *c, const struct rule *r,
                       const struct reach_class *k, unsigned fam);
/* The family of a CIDR text, 0 when it is no CIDR. */
unsigned reach_cidr_family(const struct cidr *c);
/* Does net n (of family fam) hold an address of class k? */
int reach_net_holds(const struct reach_ctx *c, size_t n, const struct reach_class *k,
                    unsigned fam);

/* ===== The query and its run (reach.c, reach_eval.c) ===== */

/* What an end of the query names. */
enum qkind {
    Q_ANY,      /* anywhere */
    Q_IFACES,   /* the interfaces of groups (a pattern) or named interfaces */
    Q_INTERNET, /* the internet */
    Q_CIDR,     /* a CIDR or address */
    Q_LIST,     /* a prefix list */
    Q_EXTGROUP, /* a group not in the inputs */
};

struct qend {
    enum qkind kind;
    const char *id;           /* Q_CIDR: canonical; Q_LIST, Q_EXTGROUP: as given */
    struct cidr cidr;         /* Q_CIDR */
    unsigned char *selected;  /* Q_IFACES: per interface index */
    int pattern;              /* a shell pattern (or anywhere): list only yes answers */
};

/* The state of one run. */
struct run {
    struct reach_ctx c;
    struct reach_result *res;
    const struct portspec *port;
    struct qend from, to;
    struct reach_region **src, **dst; /* per class: its region on that side, or NULL */
    size_t answers_alloc;
    size_t *stamp;                    /* per class: the last destination that marked it */
    /* Scratch for one pair. */
    const struct rule **eg, **in;
    size_t neg, nin, eg_alloc, in_alloc;
    const struct rule **yes_eg, **yes_in;  /* the rules that allow some traffic */
    size_t nyes_eg, nyes_in, yes_eg_alloc, yes_in_alloc;
    struct portset v4, v6, all;           /* what they allow */
    int allowed;                          /* some traffic is allowed */
    struct strbuf sb;
    /* What the network context said of the pair (reach_net.c). */
    const char *net_blocked;              /* NULL, or why nothing passes */
    struct strbuf net_reason;
    unsigned net_notes;
    const char *via;
    /* What each NACL lets replies through, by NACL, direction, family and
     * peer class (reach_net.c): the same for every pair of the classes. */
    struct reply_memo *memo;
    size_t memo_cap, memo_n;
};


/* The class of a region's interfaces. */
size_t reach_class_of(const struct run *run, const struct reach_region *r);
/* Its groups' names joined by '+', or its first interface when in no group. */
void reach_region_groups_name(const struct reach_region *r, struct strbuf *sb);
/* The answers between the regions of both sides (reach_eval.c). */
void reach_answer_regions(struct run *run);
/* The answers between region reg and the outside ends q selects: from them
 * through reg's ingress (DIR_INGRESS), or to them through its egress. */
void reach_answer_outside(struct run *run, struct reach_region *reg, const struct qend *q,
                          enum direction dir);

/* ===== The network context (reach_net.c) ===== */

/* The end of a flow that NACL entries and routes are matched against: the
 * interfaces of a class, an outside CIDR, or neither (an address unknown,
 * held only by /0). name is what a reason calls it. */
struct net_peer {
    const struct reach_class *k;
    const struct cidr *x;
    const char *name;
};

/* Filter what the scratch sets allow (run->v4, v6, all) through the NACLs
 * and routes between class a and class b (a sends), or between class k and
 * an outside end (dir: egress, k sends to it; ingress, it sends to k;
 * internet: the end is the internet). Sets run->allowed, run->via,
 * run->net_notes and, when nothing is left, run->net_blocked and
 * run->net_reason. */
void reach_net_pair(struct run *run, const struct reach_class *a, const struct reach_class *b,
                    const char *aname, const char *bname);
void reach_net_outside(struct run *run, const struct reach_class *k, const char *kname,
                       const struct net_peer *end, int internet, enum direction dir);
/* Clear what the last pair said. */
void reach_net_reset(struct run *run);
/* Free what the network context kept for the whole run. */
void reach_net_release(struct run *run);

#endif
