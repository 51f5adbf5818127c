/*
 * reach.h - who can reach what, on which traffic, and which rules say so:
 * the reachability engine of `sgmap reach`, built to be shared with diff's
 * reachability changes and lint's exposure checks.
 *
 * reach_run() evaluates one query on a finished model and returns a result
 * that only points into the model (valid as long as it): the interfaces
 * collapsed into regions, and one answer per (source, destination) pair.
 *
 * Semantics (security groups only; sgmap.1 says the same for users):
 *   - Groups are stateful: A -> B on traffic T is allowed when an egress
 *     rule of one of A's groups matches B on T and an ingress rule of one of
 *     B's groups matches A on T; what is allowed is the union over such
 *     pairs of rules of what both allow (portset.h, exact). Replies need no
 *     rule. The AWS default egress is an ordinary rule to 0.0.0.0/0.
 *   - A rule matches an interface by group (the peer is one of its groups),
 *     by CIDR (the CIDR holds one of its addresses of that family), or by a
 *     prefix list whose entries are known (an entry holds one). An interface
 *     without a known address is matched by group, and by 0.0.0.0/0 and ::/0
 *     (which hold every address), only: its answers say "address unknown".
 *   - IPv4 and IPv6 are evaluated separately: a flow of one family needs
 *     addresses of that family at both ends (unknown addresses may be
 *     either); group references hold for both families.
 *   - An interface in no group is filtered by no group: its egress and
 *     ingress allow everything. It is a source of "anywhere", but a
 *     destination only when named (--to its id or label).
 *   - Ends outside the input (the internet, a CIDR, a prefix list, a group
 *     not in the input) have no rules of their own: an answer from one needs
 *     the destination's ingress only, an answer to one the source's egress
 *     only. The internet is every address outside the private ranges
 *     (cidr_is_private()); a rule's CIDR that holds any of them reaches it,
 *     and the answer names that CIDR. A prefix list with unknown entries is
 *     its own end, "prefix list pl-... (entries unknown)", matched against no
 *     interface; an AWS-managed one holds public addresses.
 */
#ifndef SGMAP_REACH_H
#define SGMAP_REACH_H

#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "ports.h"

/* Address families, as bits. */
#define REACH_V4 1u
#define REACH_V6 2u

/* The layers an answer evaluated: security groups always; network ACLs and
 * routes when the inputs carry them (see reach_net.c). */
#define REACH_LAYER_SECURITY_GROUPS 1u
#define REACH_LAYER_NACLS 2u
#define REACH_LAYER_ROUTES 4u

/* Interfaces with equal groups and equal address classes (the CIDRs and
 * prefix-list entries that hold their addresses): every one of them can
 * reach, and be reached by, exactly the same. */
struct reach_region {
    const char *id;               /* "r1", "r2"... in the order of result->regions */
    size_t index;                 /* its position in result->regions */
    struct group *const *groups;  /* sorted by id; none: in no group */
    size_t ngroups;
    const struct iface **ifaces;  /* the members the query selected, by id */
    size_t nifaces;
    unsigned families;            /* REACH_V4 | REACH_V6 of its addresses; 0 unknown */
};

enum reach_end_type {
    REACH_END_REGION,         /* interfaces of the input */
    REACH_END_INTERNET,       /* id: "internet", or a rule's CIDR holding public addresses */
    REACH_END_CIDR,           /* id: a private CIDR, or the query's own */
    REACH_END_PREFIX_LIST,    /* id: pl-... */
    REACH_END_EXTERNAL_GROUP, /* id: a group not in the input (sg-..., ACCOUNT/sg-...) */
};
const char *reach_end_type_name(enum reach_end_type type);

struct reach_end {
    enum reach_end_type type;
    const struct reach_region *region; /* REACH_END_REGION */
    const char *id;                    /* every other type */
};

/* What an answer says besides its ports. */
enum {
    REACH_NOTE_ADDRESS_UNKNOWN = 1u << 0, /* an end has no known address */
    REACH_NOTE_FROM_OUTSIDE = 1u << 1,    /* the source is outside the input */
    REACH_NOTE_TO_OUTSIDE = 1u << 2,      /* the destination is outside the input */
    REACH_NOTE_FROM_NO_GROUP = 1u << 3,   /* the source is in no group */
    REACH_NOTE_TO_NO_GROUP = 1u << 4,     /* the destination is in no group */
    REACH_NOTE_ENTRIES_UNKNOWN = 1u << 5, /* a prefix list's entries are unknown */
    REACH_NOTE_AWS_MANAGED = 1u << 6,     /* the prefix list is AWS-managed */
    REACH_NOTE_NACL_UNKNOWN = 1u << 7,    /* an end's network ACL is not in the inputs */
    REACH_NOTE_ROUTES_UNKNOWN = 1u << 8,  /* an end's route table is not in the inputs */
};

enum reach_verdict {
    REACH_YES,     /* something is allowed */
    REACH_NO,      /* nothing is allowed (reason says which side blocks) */
    REACH_UNKNOWN, /* allowed if a prefix list with unknown entries holds the end */
};
const char *reach_verdict_name(enum reach_verdict v);

struct reach_answer {
    struct reach_end from, to;
    enum reach_verdict verdict;
    const char *ports;       /* what is allowed, all families ("tcp/80, tcp/443"), or "none" */
    const char *ipv4, *ipv6; /* the same by family, NULL for none */
    /* Why: the rules that allow it, each sharing some traffic (within
     * --port) with a rule of the other side; sorted by index. None on a
     * side that has no rules to pass (outside the inputs, in no group). */
    const struct rule **egress;  /* of the source's groups */
    size_t negress;
    const struct rule **ingress; /* of the destination's groups */
    size_t ningress;
    unsigned notes;          /* REACH_NOTE_* */
    const char *via;         /* a path through a target whose routes are not
                              * evaluated (pcx-..., tgw-..., nat-...), or NULL */
    const char *blocked;     /* REACH_NO: "egress", "ingress", "both", "ports";
                              * with the network context also "nacl", "route"
                              * or "address" */
    const char *reason;      /* REACH_NO: which side blocks and what it allows instead */
};

struct reach_query {
    const char *from;           /* NULL: anywhere; a group or interface (shell pattern),
                                 * a CIDR or address, "internet", or pl-... */
    const char *to;             /* the same; with neither, the exposure report: from
                                 * the internet to anywhere */
    const struct portspec *port; /* NULL: any traffic */
    size_t max_classes;         /* 0, or refuse inputs with more sets of interfaces
                                 * alike (the work grows with their square): diff
                                 * and lint ask on their own, within a budget */
};

/* The budget of diff's and lint's own questions: about a second each. */
#define REACH_AUTO_MAX_CLASSES 600

struct reach_result {
    const struct model *model;
    const char *from, *to;      /* the query's ends as evaluated ("internet" for the
                                 * exposure report), NULL for anywhere */
    const char *port;           /* the --port label, or NULL */
    unsigned layers;            /* REACH_LAYER_* evaluated */
    int pairs;                  /* both ends named without a pattern: every pair is
                                 * answered, "no" included */
    struct reach_region **regions; /* every region an answer names, sorted by id */
    size_t nregions;
    struct reach_answer *answers;  /* sorted: from, to */
    size_t nanswers;
    size_t nreachable;             /* answers with REACH_YES */
    size_t unfiltered;             /* interfaces in no group left out of "anywhere" */
    struct arena arena;            /* every string and array of the result */
};

/*
 * Evaluate q on the finished model m. Returns the result, or NULL with a
 * message in *err (malloc'd; lowercase, no full stop) when the query is
 * wrong: an end that names nothing in the inputs, a bad CIDR, two ends
 * outside the input.
 */
struct reach_result *reach_run(const struct model *m, const struct reach_query *q, char **err);
void reach_result_free(struct reach_result *r);

struct strbuf;
/* The display name of an end ("monitoring (prometheus ×2)", "internet
 * (0.0.0.0/0)", "prefix list pl-1 (entries unknown)"), appended to sb. */
void reach_end_name(const struct reach_result *r, const struct reach_end *e, struct strbuf *sb);

/*
 * Writers (reach_report.c), each appending the whole result to out (built
 * in memory, then written atomically; an all-pairs answer on a large
 * account is a few hundred megabytes):
 *   text:     one line an answer, its rules indented under it
 *   json:     {"sgmap-reach": 1, "layers", "query", "summary", "regions",
 *              "answers", "rules"}, rules by their index in -f json's rules
 *   markdown: a table, one row an answer
 */
void reach_write_text(const struct reach_result *r, struct strbuf *out);
void reach_write_json(const struct reach_result *r, struct strbuf *out);
void reach_write_markdown(const struct reach_result *r, struct strbuf *out);
/* The layers evaluated, as every answer says them ("security groups only"). */
const char *reach_layers_text(unsigned layers);

/* ===== Drawing the answer (reach_highlight.c) ===== */

struct highlight;
/* The paths of r's "yes" answers as a drawing's highlight (highlight.h);
 * query is what was asked, kept for the drawing. */
struct highlight *reach_highlight(const struct reach_result *r, const char *query);

/* render --highlight 'FROM -> TO:PORT' read into a query: either end may be
 * empty (anywhere; both empty: from the internet), the port is optional. */
struct reach_highlight_spec {
    struct reach_query query;   /* points into the spec */
    char *from, *to;
    struct portspec port;
};
/* Returns 0, or -1 with a message in *err (malloc'd). */
int reach_highlight_query(const char *spec, struct reach_highlight_spec *out, char **err);
void reach_highlight_spec_release(struct reach_highlight_spec *s);
/* The highlight of spec's answer on the finished model m, or NULL with a
 * message in *err (malloc'd) when spec or its query is wrong. */
struct highlight *reach_highlight_spec_run(const struct model *m, const char *spec, char **err);

/* ===== Reachability changes (reach_diff.c), shared by diff ===== */

enum reach_change_kind {
    REACH_GAINED,  /* newly reachable */
    REACH_CHANGED, /* reachable before and after, on other traffic */
    REACH_LOST,    /* no longer reachable */
};
const char *reach_change_name(enum reach_change_kind k); /* "reachable"... */

/* One answer of one side whose interface pairs (all, or npairs of them)
 * changed the same way. */
struct reach_change {
    enum reach_change_kind kind;
    int from_internet;          /* the source is the internet: listed first */
    const char *from_type, *to_type; /* reach_end_type_name() */
    char *from, *to;            /* reach_end_name() in the side that has the answer */
    char *ports, *was;          /* after and before ("none" when not reachable) */
    size_t npairs, total;       /* interface pairs changed, of the answer's */
    size_t seq;                 /* its position, from 1 */
};

struct reach_changes {
    struct reach_change *v;     /* from the internet first, then by kind */
    size_t n, gained, changed, lost;
    int evaluated;              /* some side has groups and interfaces */
    char *why;                  /* not evaluated although it has: why (over the
                                 * budget), else NULL */
    unsigned layers;            /* REACH_LAYER_* */
};

/*
 * Everything that can reach an interface in some group (interfaces, the
 * internet, CIDRs, prefix lists, other accounts' groups) on old and on new,
 * compared pair by pair (interface ids and outside ends are the identity).
 * Either model may be NULL. Inputs over REACH_AUTO_MAX_CLASSES are not
 * evaluated (why says so).
 */
struct reach_changes *reach_compare(const struct model *old, const struct model *new);
void reach_changes_free(struct reach_changes *c);

struct json_writer;
/* A Markdown section (nothing without changes); the "reachability" member
 * of an open JSON object. */
void reach_changes_write_markdown(const struct reach_changes *c, struct strbuf *out);
void reach_changes_write_json(const struct reach_changes *c, struct json_writer *w);

#endif
