/*
 * view.h - what is drawn: the model turned into clusters, nodes and edges.
 *
 * The view decides everything about a drawing except its syntax: which
 * groups become (nested) clusters and which cross them and become badges,
 * which interfaces collapse into one "xN" node, which rules are shown and
 * how they merge into one edge per (source, destination, direction).
 * Emitters only walk it. It knows nothing of Graphviz.
 */
#ifndef SGMAP_VIEW_H
#define SGMAP_VIEW_H

#include <stddef.h>

#include "marks.h"
#include "model.h"

struct highlight;

enum egress_mode {
    EGRESS_DEFAULT, /* hide the AWS default egress rule */
    EGRESS_ALL,     /* show every egress rule */
    EGRESS_NONE,    /* hide egress entirely */
};

/* How much of each group a drawing shows (--detail). */
enum view_detail {
    VIEW_DETAIL_AUTO,       /* chosen by size: view_build() writes the level it chose */
    VIEW_DETAIL_INTERFACES, /* every interface its own node (--no-collapse) */
    VIEW_DETAIL_REGIONS,    /* interfaces with the same groups and kind: one xN node */
    VIEW_DETAIL_GROUPS,     /* each group (class) one box with its member counts */
};

/* The automatic choice: the group level when the drawn groups or
 * interfaces pass these (a Venn drawing of more is too large to read). */
#define VIEW_AUTO_GROUPS_MAX 300
#define VIEW_AUTO_IFACES_MAX 3000

/* The group-level overview (at least VIEW_FOLD_MIN_BOXES boxes) folds the
 * arrows of a hub, a box or peer with more than VIEW_HUB_ARROWS of them
 * (a bastion every app trusts, the internet, "private networks"): each is
 * written as a line in the box at its other end ("from bastion-0:
 * tcp/22") instead of one of hundreds of lines across the drawing. */
#define VIEW_FOLD_MIN_BOXES 40
#define VIEW_HUB_ARROWS 24

struct view_options {
    enum view_detail detail; /* --detail, --no-collapse; in a built view the level drawn */
    enum egress_mode egress;
    const char *vpc;       /* draw only this VPC (id or name), or NULL */
    const struct marks *marks; /* sgmap diff: the union's change marks, drawn by
                                * change (NULL: not a diff) */
    const struct notes *notes; /* render --lint: remarks drawn in red, or NULL */
    const struct highlight *highlight; /* a drawn answer (highlight.h): its paths bold,
                                        * the rest dimmed; or NULL */
    char **focus;          /* --group patterns (fnmatch on name or id), or NULL */
    size_t nfocus;
    int depth;             /* with focus: keep groups this many rules away, as stubs */
    char **exclude;        /* --exclude patterns: groups left out */
    size_t nexclude;
    int hide_cidrs;        /* no CIDR nodes except the internet */
    int merge_cidrs;       /* fold CIDRs into named ranges, private and public */
    int rules;             /* --rules: one arrow per rule direction, not per flow */
    int notes_table;       /* --notes: arrows carry references into a table of rules,
                            * descriptions and findings drawn with them */
};

enum vnode_type {
    VNODE_IFACE,     /* one interface, or several identical ones */
    VNODE_HANDLE,    /* a group that crosses others: edges attach here */
    VNODE_CIDR,
    VNODE_PREFIX_LIST,
    VNODE_EXTERNAL,  /* a group not in the input */
    VNODE_PARAM,
    VNODE_IMPORT,
    VNODE_EXPRESSION,
};

struct view_region;
struct view_cluster;

struct view_node {
    enum vnode_type type;
    size_t id;                     /* n<id> in DOT */
    struct view_region *region;    /* the VPC it is drawn in, or NULL (outside) */
    struct view_cluster *cluster;  /* the innermost cluster holding it, or NULL */
    /* VNODE_IFACE */
    struct iface **ifaces;         /* the collapsed interfaces, sorted by id */
    size_t nifaces;
    struct group **badges;         /* its groups no enclosing cluster shows (sorted by id) */
    size_t nbadges;
    /* VNODE_HANDLE: groups with equal members that cross others */
    struct group *group;           /* the one whose id names it (the lowest id) */
    struct group **groups;         /* all of them, in natural order of names */
    size_t ngroups;
    const char *self_label;        /* "self: ..." for the groups' rules among themselves */
    struct rule **self_rules;      /* those rules, in model order */
    size_t nself_rules;
    size_t color;                  /* a hash of group's id, into the palette */
    /* peers */
    const char *peer;              /* the peer id */
    const char *also;              /* the internet: "::/0" drawn as one with "0.0.0.0/0" */
    const char *label;             /* display text (iface label, peer name...) */
    char *labels;                  /* a region node of interfaces with different labels:
                                    * "a, b and 3 more" (label points here), else NULL */
    int stale;                     /* an external group that is stale or deleted */
    size_t ref;                    /* --notes: its self rules' number in the notes, or 0 */
    /* VNODE_HANDLE drawn as a box of its own (the group level, or a stub) */
    int stub;                      /* --group: a neighbour of the focus, members not drawn */
    size_t nmembers;               /* its groups' members (one set) */
    const char *counts;            /* "3 ec2, 1 rds": its members by kind, or NULL */
    struct view_node *inside;      /* the group level: the box of the smallest strict
                                    * superset (its members hold all of these), or NULL */
    size_t beyond;                 /* a stub: its rules to groups not drawn */
    char *folded;                  /* the overview: its folded arrows, one line each
                                    * ("from bastion-0: tcp/22"), or on a hub their
                                    * count; NULL when none */
};

/* A Venn region: the groups whose member set is the same, drawn as one
 * cluster inside the clusters of the strict supersets of that set. */
struct view_cluster {
    size_t id;                     /* cluster_<id> in DOT */
    struct group *group;           /* the group whose id names it (the lowest id) */
    struct group **groups;         /* every group it stands for, in natural order of names */
    size_t ngroups;
    struct view_cluster *parent;   /* enclosing cluster, or NULL */
    struct view_region *region;
    struct view_cluster **children;
    size_t nchildren;
    struct view_node **nodes;      /* interface nodes placed directly inside */
    size_t nnodes;
    const char *self_label;        /* "self: tcp/9999, ..." or NULL */
    struct rule **self_rules;      /* the rules it stands for, in model order */
    size_t nself_rules;
    size_t color;                  /* a hash of group's id, into the palette */
    size_t depth;
    size_t ref;                    /* --notes: its self rules' number in the notes, or 0 */
};

struct view_region {
    size_t id;
    const struct vpc *vpc;         /* NULL: interfaces and groups without a VPC */
    const char *vpc_id;            /* the VPC as groups and interfaces name it, or NULL */
    const char *label;
    struct view_cluster **top;     /* top-level clusters */
    size_t ntop;
    struct view_node **nodes;      /* nodes outside every cluster but inside the VPC */
    size_t nnodes;
};

/* One end of an edge: a cluster (drawn through its anchor) or a node. */
struct view_end {
    struct view_cluster *cluster;
    struct view_node *node;
};

/* What an arrow says. */
enum edge_style {
    EDGE_FLOW,         /* allowed by both sides (a peer that is no group: by the group's) */
    EDGE_INGRESS_ONLY, /* allowed by the destination's ingress, blocked by the source's egress */
    EDGE_EGRESS_ONLY,  /* allowed by the source's egress, blocked by the destination's ingress */
    EDGE_INGRESS,      /* --rules: ingress rules, from the peer to the group */
    EDGE_EGRESS,       /* --rules: egress rules, from the group to the peer */
    EDGE_STYLE_COUNT
};

/* One label of an edge: a port label and what is known of it. */
struct view_label {
    char *text;          /* "tcp/443", "all", "all except tcp/22" */
    enum change change;  /* in a diff: added, removed, changed (~: a description) */
    int conditional;     /* allowed only when a template condition holds */
};

struct view_edge {
    struct view_end from, to;      /* in the direction of the traffic */
    enum edge_style style;
    struct rule **rules;           /* every rule it stands for: by direction, ports, peer */
    size_t nrules;
    struct view_label *labels;     /* what it allows, in port order */
    size_t nlabels;
    enum change change;            /* in a diff: its change (changed when mixed) */
    int nested;                    /* one end's cluster encloses the other */
    int stale;                     /* every rule is stale */
    size_t ref;                    /* --notes: its number in the notes ("[3]"), or 0 */
    int folded;                    /* a hub's arrow in the overview: written in its
                                    * ends' boxes (view_node.folded), not drawn */
};

/* One row of the legend: an arrow style, a colour, a badge or a change. */
struct view_legend {
    const char *style;   /* an edge style's name, "stale", "finding", "badge", or a change's word */
    enum edge_style edge;          /* the arrow it shows (a style's, stale's, finding's) */
    enum change change;            /* a change's row: that change */
    struct group *group;           /* a badge's group */
    size_t tag;                    /* a badge's number */
    const char *text;
    enum note_level level;         /* a finding's row: the findings' severity */
};

struct view {
    const struct model *model;
    struct view_options opts;
    struct view_region **regions;  /* sorted by VPC id; a NULL-VPC region last */
    size_t nregions;
    struct view_cluster **clusters;/* all clusters, in id order */
    size_t nclusters;
    struct view_node **nodes;      /* all nodes, in id order */
    size_t nnodes;
    struct view_node **outside;    /* nodes outside every region (peers) */
    size_t noutside;
    struct view_edge **edges;
    size_t nedges;
    size_t ncidr_nodes;            /* CIDR nodes drawn (for the layout budget) */
    struct group **badged;         /* groups shown as badges somewhere, in natural
                                    * order of names: the badge legend */
    size_t nbadged;
    size_t *badge_tag;             /* per group index: its badge's number (1, 2...), 0
                                    * when it is never a badge */
    struct view_legend *legend;    /* what the drawing's arrows, badges and colours mean */
    size_t nlegend;
    const char *empty;             /* nothing to draw: why, else NULL */
    size_t nrefs;                  /* --notes: the numbers given, 1 to nrefs */
    char *detail_note;             /* the level chosen by size, said on stderr, or NULL */
};

struct strbuf;

/*
 * Check the options against a finished model: a --vpc that names no VPC of
 * the inputs, or a --group pattern that matches no group, would draw an
 * empty or partial picture without a word. Returns 0, or -1 with the
 * reason appended to why.
 */
int view_check_options(const struct model *m, const struct view_options *o, struct strbuf *why);

/* Build the view of a finished model. */
struct view *view_build(const struct model *m, const struct view_options *opts);
void view_free(struct view *v);
/* "interfaces", "regions", "groups" ("auto" for VIEW_DETAIL_AUTO). */
const char *view_detail_name(enum view_detail d);
/* Parse a level's name; returns 0, or -1 when it names none. */
int view_detail_parse(const char *name, enum view_detail *out);
/* The text of a group box (the group level, a stub): its names, "≡ same
 * members", its members by kind, "inside X", a stub's rules not drawn, its
 * self marks and its folded arrows, one line each, appended to sb. */
void view_box_text(struct strbuf *sb, const struct view_node *n);
/* Is n a handle drawn as a group box rather than as a badge's anchor? */
int view_node_is_box(const struct view *v, const struct view_node *n);
/* Is v a group-level overview (VIEW_FOLD_MIN_BOXES boxes or more), whose
 * hubs fold and whose blocks are laid out in columns? */
int view_is_overview(const struct view *v);
/* Is there nothing at all to draw? */
int view_is_empty(const struct view *v);

/* The label of an edge: its labels joined with ", ", at most max shown,
 * then "+N more"; in a diff view each signed + added, − removed or ~
 * changed; a conditional one followed by " (if)"; malloc'd. */
char *view_edge_label(const struct view *v, const struct view_edge *e, size_t max);
/* One label as drawn ("+tcp/443 (if)"), appended to sb. */
void view_label_text(struct strbuf *sb, const struct view_label *l);

/* In a diff view: the change of a node (its interfaces' when they agree,
 * else changed) and of an edge (e->change); none elsewhere. */
enum change view_node_change(const struct view *v, const struct view_node *n);
enum change view_edge_change(const struct view *v, const struct view_edge *e);
/* In a diff view, per node id, the change of each peer node (CIDR, prefix
 * list, external group...): added (removed) when every arrow to it is,
 * else none. malloc'd, v->nnodes entries. */
enum change *view_peer_changes(const struct view *v);
/* Does a node stand for an interface that exists, or is in a group, only
 * under a template condition? */
int view_node_conditional(const struct view_node *n);

/* qsort order of group pointers: natural order of names, then ids. */
int view_cmp_groups(const void *a, const void *b);
/* The palette index of a group's colour (taken modulo the palette's size):
 * a hash of its id, so that a group has one colour in every drawing of it. */
size_t view_group_color(const struct group *g);
/* The mark under the names of a cluster or handle of several groups. */
#define VIEW_SAME_MEMBERS "\xe2\x89\xa1 same members"
/* In a diff view: the change of groups drawn as one (theirs when they all
 * agree, else changed); none elsewhere. */
enum change view_groups_change(const struct view *v, struct group *const *groups, size_t n);

/*
 * Stable ids of what is drawn, shared by the DOT and SVG (id attributes) and
 * the view dump, derived from model ids rather than from the order of
 * building: v-VPC for a VPC's frame, c-GROUP for a cluster (by its first
 * group), h-GROUP for the node of a group that crosses others, n-IFACE for
 * interfaces (by the first, sorted), p-PEER for a peer (x-TEXT for an
 * unresolved expression), and STYLE-FROM,TO after "e-" for an edge. Inside
 * an id every byte outside [A-Za-z0-9._:/-] is written ~XX (hex), so ids
 * are distinct, and safe as DOT strings, XML attributes and URL fragments.
 * Each appends the id to sb.
 */
void view_region_id(struct strbuf *sb, const struct view_region *r);
void view_cluster_id(struct strbuf *sb, const struct view_cluster *c);
void view_node_id(struct strbuf *sb, const struct view_node *n);
void view_end_id(struct strbuf *sb, const struct view_end *e);
void view_edge_id(struct strbuf *sb, const struct view_edge *e);
/* Append text to sb as an id's part (the ~XX rule above). */
void view_id_text(struct strbuf *sb, const char *text);
/* The display name of an end: its groups' names ("a = b" for a cluster of
 * several), an interface's label or a peer's id. */
void view_end_name(struct strbuf *sb, const struct view_end *e);
/* The name of an edge style ("flow", "ingress-only", "egress-only",
 * "ingress", "egress") and what its arrows mean, for legends. */
const char *view_style_name(enum edge_style s);
const char *view_style_meaning(enum edge_style s);
/* The style of an edge: view_style_name(e->style). */
const char *view_edge_style(const struct view_edge *e);
/* Is inner outer itself or drawn inside it? */
int view_cluster_encloses(const struct view_cluster *outer, const struct view_cluster *inner);
/* Is r drawn at all with these options (egress modes)? */
int view_rule_shown(const struct view *v, const struct rule *r);

#endif
