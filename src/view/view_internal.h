/*
 * view_internal.h - what the parts of the view share while building one
 * (view.c runs the steps; view_select.c, view_clusters.c, view_nodes.c
 * and view_edges.c each do one).
 */
#ifndef SGMAP_VIEW_INTERNAL_H
#define SGMAP_VIEW_INTERNAL_H

#include <stddef.h>

#include "strbuf.h"
#include "strmap.h"
#include "view.h"
#include "xalloc.h"

/* Groups with one member set in one VPC, drawn as one cluster or handle. */
struct group_class {
    struct group *rep;        /* the first by id: the others are counted through it */
    struct group **groups;    /* all, in natural order of names */
    size_t ngroups;
};

/* Working state while building; freed at the end of view_build(). */
struct builder {
    struct view *v;
    const struct model *m;
    struct strmap *keys;        /* owns nothing: keys live in key_store */
    char **key_store;
    size_t nkeys, keys_alloc;
    struct view_cluster **cluster_of;   /* per group index: its cluster or NULL */
    struct view_node **handle_of;       /* per group index: its handle or NULL */
    struct view_region **region_of;     /* per group index */
    struct group_class **class_of;      /* per group index (shown groups) */
    struct group_class *classes;
    size_t nclasses;
    const char **group_vpc;             /* per group index: its VPC, own or its members' */
    const char **iface_vpc;             /* per interface index: own, else its groups' */
    size_t *first_rule;                  /* per group index: where its run of m->rules
                                          * starts (m->nrules when it has none) */
    int *shown;                          /* per group index: SHOWN_FULL, SHOWN_STUB or 0 */
    size_t *counter;                     /* co-occurrence counts, per group index */
    struct group **touched;
    size_t ntouched;
    struct strmap *address_node;         /* host address -> iface node */
    struct cidr *ranges;                 /* named CIDRs, for --merge-cidrs */
    const char **range_ids;
    size_t nranges;
};

/* How a group is drawn: in full (a cluster, its members drawn), or as a
 * stub of the --group focus (one node); 0: not at all. */
#define SHOWN_FULL 1
#define SHOWN_STUB 2

/* Append to an array whose capacity is implicit: the next power of two
 * at or above its length, so no separate capacity field is needed. */
#define APPEND(arr, n, item)                                               \
    do {                                                                   \
        if ((n) == 0 || ((n) & ((n) - 1)) == 0)                            \
            (arr) = xrealloc((arr), ((n) ? 2 * (n) : 1) * sizeof(*(arr))); \
        (arr)[(n)++] = (item);                                             \
    } while (0)

/* Keep a key string alive for the builder's maps (view.c). */
const char *builder_key(struct builder *b, char *key);

/* view_select.c: which groups and interfaces are drawn. */
int vpc_matches(const struct model *m, const char *vpc, const char *want);
int matches_any(char *const *patterns, size_t n, const struct group *g);
void select_groups(struct builder *b);
void collect_ranges(struct builder *b);
int iface_shown(const struct builder *b, const struct iface *ifc);
void resolve_vpcs(struct builder *b);
/* The level of detail: --detail, else chosen by the size of what is shown. */
void choose_detail(struct builder *b);

/* view_clusters.c: VPC regions and the nested clusters of groups. */
struct view_region *region_for(struct builder *b, const char *vpc);
void build_clusters(struct builder *b);

/* view_nodes.c: interface nodes and peer nodes. */
struct view_node *node_new(struct builder *b, enum vnode_type type);
void place_ifaces(struct builder *b);
struct view_node *peer_node(struct builder *b, const struct rule *r);

/* view_edges.c: edges and self-rule marks. */
int rule_shown(const struct view *v, const struct rule *r);
void build_self_marks(struct builder *b);
/* The rules of each stub that no arrow stands for (node->beyond). */
void count_beyond(struct builder *b);
void build_edges(struct builder *b);
/* Draw e from one end to the other (nested when one encloses the other). */
void edge_place(struct builder *b, struct view_edge *e, struct view_end from,
                struct view_end to, enum edge_style style);

/*
 * The rules between two ends, in the direction of the traffic: the
 * destination's ingress from the source (in), the source's egress to the
 * destination (out), and the source's egress that reaches the destination
 * without naming it (wide: to the internet, or to a CIDR that holds every
 * address of the destination's members). A side that is no group of the
 * input, or has a group whose rules are not in it, does not block: the
 * destination's ingress is taken to allow what the source's egress names
 * too (in_all), the source's egress to allow everything (out_all).
 */
struct pair {
    struct view_end from, to;
    struct rule **in, **out, **wide;
    size_t nin, nout, nwide;
    int in_all, out_all;
};

/* view_fold.c: the overview folds its hubs' arrows into boxes (after
 * number_refs(), so that a folded line keeps its arrow's note number). */
void fold_hubs(struct builder *b);

/* view_flows.c: what arrows say. */
/* The edges of a pair: a flow for what both sides allow, a half-open arrow
 * for what one side alone allows, each with its labels and change. */
void flow_edges(struct builder *b, const struct pair *p);
/* --rules: an edge's labels and change from its rules' ports and marks. */
void rule_labels(struct builder *b, struct view_edge *e);
/* Order of the rules on an edge: direction, ports, peer, group. */
int cmp_rule_in_edge(const void *a, const void *b);

#endif
