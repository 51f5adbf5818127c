/*
 * highlight.h - a side table a view draws with a finished model, which
 * stays read-only: the paths of a reachability answer (reach -o FILE.svg,
 * render --highlight), drawn highlighted and everything else dimmed.
 *
 * It holds model objects by index (interfaces, groups, rules, set by
 * model_finish()) and outside ends by id ("0.0.0.0/0", "pl-..."), so it
 * holds for the model it was made for and no other. The predicates say
 * whether a view's cluster, node, edge is on a path.
 */
#ifndef SGMAP_HIGHLIGHT_H
#define SGMAP_HIGHLIGHT_H

#include <stddef.h>

#include "model.h"

struct view;
struct view_cluster;
struct view_node;
struct view_edge;
struct view_end;

struct highlight {
    unsigned char *ifaces, *groups, *rules; /* by index: on a path */
    size_t nifaces, ngroups, nrules;
    char **peers;                           /* outside ends on a path, by id */
    size_t npeers, peers_alloc;
    char *query;                            /* what was asked, for the legend */
};

/* An empty table for the finished model m; query is copied (may be NULL). */
struct highlight *highlight_new(const struct model *m, const char *query);
void highlight_free(struct highlight *h);
/* An interface on a path: it and its groups. */
void highlight_add_iface(struct highlight *h, const struct iface *ifc);
/* A rule that lets a path's traffic through. */
void highlight_add_rule(struct highlight *h, const struct rule *r);
/* An end outside the inputs (a CIDR, a prefix list, a group elsewhere). */
void highlight_add_peer(struct highlight *h, const char *id);

/* Is it on a path (always 0 when h is NULL)? A cluster or group handle when
 * one of its groups has an interface on a path; an interface node when one
 * of its interfaces is; a peer when it is an end; an edge when one of its
 * rules lets a path through and both its ends are on a path. */
int highlight_cluster(const struct highlight *h, const struct view_cluster *c);
int highlight_node(const struct highlight *h, const struct view_node *n);
int highlight_end(const struct highlight *h, const struct view_end *e);
int highlight_edge(const struct highlight *h, const struct view_edge *e);

#endif
