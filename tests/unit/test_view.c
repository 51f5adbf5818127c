/*
 * test_view.c - the view's algorithms on small hand-built models: which
 * groups become (nested) clusters and which cross them (selection from
 * member sets), how rules merge into edges and their labels, and how
 * --merge-cidrs folds CIDRs into named ranges.
 */
#include <stdlib.h>

#include "model.h"
#include "strbuf.h"
#include "unit.h"
#include "view.h"

static const struct srcloc here = {"unit", 1, 1, NULL};

static struct group *group(struct model *m, const char *id)
{
    int created;
    struct group *g = model_group(m, id, &created);
    g->declared = 1;
    return g;
}

/* An interface of a kind in the groups of a space-separated list. */
static void iface(struct model *m, const char *id, enum iface_kind kind, const char *groups)
{
    int created;
    struct iface *ifc = model_iface(m, id, &created);
    char *list = strdup(groups), *p, *save = NULL;

    ifc->kind = kind;
    for (p = strtok_r(list, " ", &save); p; p = strtok_r(NULL, " ", &save))
        model_iface_add_group(m, ifc, p, NULL, 1, &here);
    free(list);
}

static void rule(struct model *m, const char *gid, enum direction dir, const char *ports,
                 enum peer_type type, const char *peer)
{
    struct portspec ps;
    char err[128];
    if (ports_parse_label(ports, &ps, err, sizeof(err)) < 0)
        abort();
    model_add_rule(m, model_find_group(m, gid), dir, &ps, type, peer, NULL, &here);
}

static struct view *build_with(struct model *m, int merge_cidrs, enum egress_mode egress,
                               int rules)
{
    struct view_options o;
    memset(&o, 0, sizeof(o));
    o.detail = VIEW_DETAIL_REGIONS;
    o.egress = egress;
    o.merge_cidrs = merge_cidrs;
    o.rules = rules;
    if (!m->finished && model_finish(m) < 0)
        abort();
    return view_build(m, &o);
}

static struct view *build(struct model *m, int merge_cidrs, enum egress_mode egress)
{
    return build_with(m, merge_cidrs, egress, 0);
}

static int has_group(struct group *const *groups, size_t n, const char *gid)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(groups[i]->id, gid) == 0)
            return 1;
    return 0;
}

/* The cluster that stands for a group (with others of its members). */
static const struct view_cluster *cluster_of(const struct view *v, const char *gid)
{
    size_t i;
    for (i = 0; i < v->nclusters; i++)
        if (has_group(v->clusters[i]->groups, v->clusters[i]->ngroups, gid))
            return v->clusters[i];
    return NULL;
}

static const struct view_node *handle_of(const struct view *v, const char *gid)
{
    size_t i;
    for (i = 0; i < v->nnodes; i++)
        if (v->nodes[i]->type == VNODE_HANDLE &&
            has_group(v->nodes[i]->groups, v->nodes[i]->ngroups, gid))
            return v->nodes[i];
    return NULL;
}

static const struct view_node *node_of(const struct view *v, const char *iface_id)
{
    size_t i, j;
    for (i = 0; i < v->nnodes; i++)
        for (j = 0; j < v->nodes[i]->nifaces; j++)
            if (strcmp(v->nodes[i]->ifaces[j]->id, iface_id) == 0)
                return v->nodes[i];
    return NULL;
}

/* The parent cluster's group id, "" for a top-level cluster, NULL for none. */
static const char *parent_of(const struct view *v, const char *gid)
{
    const struct view_cluster *c = cluster_of(v, gid);
    return !c ? NULL : c->parent ? c->parent->group->id : "";
}

/* "id,id" of the badges on the node of an interface. */
static char *badges_of(const struct view *v, const char *iface_id)
{
    struct strbuf sb = STRBUF_INIT;
    const struct view_node *n = node_of(v, iface_id);
    size_t i;
    for (i = 0; n && i < n->nbadges; i++)
        strbuf_addf(&sb, "%s%s", i ? "," : "", n->badges[i]->id);
    return strbuf_detach(&sb);
}

static void check_badges(const struct view *v, const char *iface_id, const char *want)
{
    char *got = badges_of(v, iface_id);
    CHECK_STR(got, want);
    free(got);
}

/* ===== Cluster selection from member sets ===== */

/* The group ids of a cluster, "a,b,c", in its order (natural, by name). */
static char *groups_of(const struct view_cluster *c)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;
    for (i = 0; c && i < c->ngroups; i++)
        strbuf_addf(&sb, "%s%s", i ? "," : "", c->groups[i]->id);
    return strbuf_detach(&sb);
}

static void check_groups(const struct view_cluster *c, const char *want)
{
    char *got = groups_of(c);
    CHECK_STR(got, want);
    free(got);
}

/* Classes of equal member sets: selection works on the distinct sets. */
static void test_member_sets(void)
{
    struct model *m;
    struct view *v;
    const struct view_node *h;

    /* Seven groups on one set: one cluster, names in natural order. */
    m = model_new();
    group(m, "g10");
    group(m, "g9");
    group(m, "g1");
    group(m, "g2");
    group(m, "g3");
    group(m, "g20");
    group(m, "g100");
    iface(m, "i1", KIND_ECS, "g1 g2 g3 g9 g10 g20 g100");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(v->nclusters == 1);
    check_groups(cluster_of(v, "g100"), "g1,g2,g3,g9,g10,g20,g100");
    /* Named by its group with the lowest id, coloured after that group. */
    CHECK_STR(v->clusters[0]->group->id, "g1");
    CHECK(v->clusters[0]->color == view_group_color(model_find_group(m, "g1")));
    view_free(v);
    model_free(m);

    /* Equal sets inside a strict superset: one cluster, nested once. */
    m = model_new();
    group(m, "all");
    group(m, "p");
    group(m, "q");
    iface(m, "i1", KIND_EC2, "all p q");
    iface(m, "i2", KIND_EC2, "all p q");
    iface(m, "i3", KIND_EC2, "all");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(v->nclusters == 2);
    CHECK_STR(parent_of(v, "p"), "all");
    CHECK_STR(parent_of(v, "q"), "all");
    CHECK(cluster_of(v, "p") == cluster_of(v, "q"));
    view_free(v);
    model_free(m);

    /* A class that crosses a cluster: one handle for both of its groups,
     * a numbered badge for each on the members, in natural order. */
    m = model_new();
    group(m, "web");
    group(m, "admin-10");
    group(m, "admin-9");
    iface(m, "w1", KIND_EC2, "web admin-9 admin-10");
    iface(m, "w2", KIND_EC2, "web");
    iface(m, "w3", KIND_EC2, "web");
    iface(m, "db", KIND_RDS, "admin-9 admin-10");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(cluster_of(v, "web") && !cluster_of(v, "admin-9") && !cluster_of(v, "admin-10"));
    h = handle_of(v, "admin-9");
    CHECK(h != NULL && h == handle_of(v, "admin-10") && h->ngroups == 2);
    CHECK(v->nbadged == 2 && strcmp(v->badged[0]->id, "admin-9") == 0);
    check_badges(v, "w1", "admin-9,admin-10");
    check_badges(v, "db", "admin-9,admin-10");
    CHECK(v->badge_tag[model_find_group(m, "admin-10")->index] == 2);
    view_free(v);
    model_free(m);

    /* Siblings in natural order of names. */
    m = model_new();
    group(m, "launch-wizard-10");
    group(m, "launch-wizard-2");
    group(m, "launch-wizard-1");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(v->nclusters == 3);
    CHECK_STR(v->clusters[0]->group->id, "launch-wizard-1");
    CHECK_STR(v->clusters[1]->group->id, "launch-wizard-2");
    CHECK_STR(v->clusters[2]->group->id, "launch-wizard-10");
    view_free(v);
    model_free(m);
}

/* An interface's VPC, else its groups'; a group's, else its members'; a
 * membership in a group of another VPC is a badge. */
static void test_cluster_vpcs(void)
{
    struct model *m = model_new();
    struct view *v;
    int created;

    group(m, "app")->vpc = "vpc-1";
    group(m, "eks-made"); /* no VPC: its member's */
    group(m, "other")->vpc = "vpc-2";
    iface(m, "alb", KIND_ALB, "app");
    iface(m, "plane", KIND_EKS, "app eks-made");
    iface(m, "box", KIND_EC2, "app other");
    model_iface(m, "box", &created)->vpc = "vpc-1";
    iface(m, "lost", KIND_NAT, "");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(node_of(v, "alb")->region == cluster_of(v, "app")->region);
    CHECK(cluster_of(v, "eks-made")->region == cluster_of(v, "app")->region);
    CHECK_STR(parent_of(v, "eks-made"), "app");
    CHECK(node_of(v, "plane")->cluster == cluster_of(v, "eks-made"));
    check_badges(v, "plane", "");
    /* In app's frame; other is a cluster in vpc-2's frame, so a badge. */
    CHECK(node_of(v, "box")->cluster == cluster_of(v, "app"));
    check_badges(v, "box", "other");
    CHECK(v->nbadged == 1);
    /* No VPC and no group: outside every frame. */
    CHECK(node_of(v, "lost")->region->vpc_id == NULL);
    view_free(v);
    model_free(m);
}

void test_clusters(void)
{
    struct model *m;
    struct view *v;

    /* Disjoint groups, and a group without members: all top clusters. */
    m = model_new();
    group(m, "a");
    group(m, "b");
    group(m, "empty");
    iface(m, "i1", KIND_EC2, "a");
    iface(m, "i2", KIND_EC2, "b");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(v->nclusters == 3 && v->nbadged == 0);
    CHECK_STR(parent_of(v, "a"), "");
    CHECK_STR(parent_of(v, "b"), "");
    CHECK_STR(parent_of(v, "empty"), "");
    CHECK(node_of(v, "i1")->cluster == cluster_of(v, "a"));
    view_free(v);
    model_free(m);

    /* A strict subset nests inside its smallest superset. */
    m = model_new();
    group(m, "all");
    group(m, "some");
    group(m, "one");
    iface(m, "i1", KIND_EC2, "all some one");
    iface(m, "i2", KIND_EC2, "all some");
    iface(m, "i3", KIND_EC2, "all");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK_STR(parent_of(v, "all"), "");
    CHECK_STR(parent_of(v, "some"), "all");
    CHECK_STR(parent_of(v, "one"), "some");
    CHECK(node_of(v, "i1")->cluster == cluster_of(v, "one"));
    CHECK(node_of(v, "i2")->cluster == cluster_of(v, "some"));
    view_free(v);
    model_free(m);

    /* Equal member sets are one cluster naming both, neither inside the
     * other; groups without members stay apart, each its own cluster. */
    m = model_new();
    group(m, "y");
    group(m, "x");
    group(m, "empty-1");
    group(m, "empty-2");
    iface(m, "i1", KIND_EC2, "x y");
    iface(m, "i2", KIND_EC2, "x y");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(v->nclusters == 3 && v->nbadged == 0);
    CHECK(cluster_of(v, "x") == cluster_of(v, "y"));
    CHECK(cluster_of(v, "x")->ngroups == 2);
    CHECK_STR(parent_of(v, "x"), "");
    CHECK(cluster_of(v, "empty-1") != cluster_of(v, "empty-2"));
    CHECK(cluster_of(v, "empty-1")->ngroups == 1);
    CHECK(node_of(v, "i1")->cluster == cluster_of(v, "x"));
    check_badges(v, "i1", "");
    view_free(v);
    model_free(m);

    /* Crossing groups tie on crossings (1) and size (2): the one of a single
     * kind of member is the cluster, the mixed one a handle and badges. */
    m = model_new();
    group(m, "admin");
    group(m, "web");
    iface(m, "web-a", KIND_EC2, "web admin");
    iface(m, "web-b", KIND_EC2, "web");
    iface(m, "db", KIND_RDS, "admin");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(cluster_of(v, "web") != NULL);
    CHECK(cluster_of(v, "admin") == NULL);
    CHECK(handle_of(v, "admin") != NULL);
    CHECK(v->nbadged == 1 && strcmp(v->badged[0]->id, "admin") == 0);
    CHECK(v->badge_tag[model_find_group(m, "admin")->index] == 1);
    check_badges(v, "web-a", "admin");
    check_badges(v, "web-b", "");
    check_badges(v, "db", "admin");
    CHECK(node_of(v, "db")->cluster == NULL);
    view_free(v);
    model_free(m);

    /* Fewest crossings first: "wide" crosses two groups, each of which
     * crosses only it, so it gives way although it is the largest. */
    m = model_new();
    group(m, "left");
    group(m, "right");
    group(m, "wide");
    iface(m, "l1", KIND_EC2, "left");
    iface(m, "l2", KIND_EC2, "left wide");
    iface(m, "r1", KIND_EC2, "right wide");
    iface(m, "r2", KIND_EC2, "right");
    iface(m, "w", KIND_EC2, "wide");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(cluster_of(v, "left") && cluster_of(v, "right"));
    CHECK(handle_of(v, "wide") != NULL);
    check_badges(v, "l2", "wide");
    check_badges(v, "r1", "wide");
    check_badges(v, "w", "wide");
    view_free(v);
    model_free(m);

    /* All else equal, the larger group is taken first. */
    m = model_new();
    group(m, "big");
    group(m, "small");
    iface(m, "b1", KIND_EC2, "big");
    iface(m, "b2", KIND_EC2, "big");
    iface(m, "both", KIND_EC2, "big small");
    iface(m, "s1", KIND_EC2, "small");
    v = build(m, 0, EGRESS_DEFAULT);
    CHECK(cluster_of(v, "big") && !cluster_of(v, "small"));
    check_badges(v, "both", "small");
    view_free(v);
    model_free(m);

    test_member_sets();
    test_cluster_vpcs();
}

/* ===== Rule merging and port labels ===== */

static const struct view_edge *edge_between(const struct view *v, const char *from_gid,
                                            const char *to_gid, enum edge_style style)
{
    size_t i;
    for (i = 0; i < v->nedges; i++) {
        const struct view_edge *e = v->edges[i];
        if (e->style == style && e->from.cluster && e->to.cluster &&
            strcmp(e->from.cluster->group->id, from_gid) == 0 &&
            strcmp(e->to.cluster->group->id, to_gid) == 0)
            return e;
    }
    return NULL;
}

/* The label of the edge of a style between two groups, or NULL. */
static char *label_between(const struct view *v, const char *from_gid, const char *to_gid,
                           enum edge_style style)
{
    const struct view_edge *e = edge_between(v, from_gid, to_gid, style);
    return e ? view_edge_label(v, e, (size_t)-1) : NULL;
}

static void check_label(const struct view *v, const char *from_gid, const char *to_gid,
                        enum edge_style style, const char *want)
{
    char *got = label_between(v, from_gid, to_gid, style);
    CHECK_STR(got, want);
    free(got);
}

/* --rules: one edge per rule direction, labelled by its rules. */
void test_edges(void)
{
    struct model *m = model_new();
    const struct view_edge *e;
    struct view *v;
    char *label;
    size_t i, peers = 0;

    group(m, "lb");
    group(m, "app");
    iface(m, "lb-1", KIND_ALB, "lb");
    iface(m, "app-1", KIND_EC2, "app");
    iface(m, "app-2", KIND_EC2, "app");
    /* Three rules from lb to app merge into one ingress edge, labels in
     * protocol and port order, each once. */
    rule(m, "app", DIR_INGRESS, "tcp/8443", PEER_GROUP, "lb");
    rule(m, "app", DIR_INGRESS, "tcp/80", PEER_GROUP, "lb");
    rule(m, "app", DIR_INGRESS, "udp/53", PEER_GROUP, "lb");
    /* lb's egress to app is an edge of its own. */
    rule(m, "lb", DIR_EGRESS, "tcp/8443", PEER_GROUP, "app");
    /* A self rule is a mark, not an edge. */
    rule(m, "app", DIR_INGRESS, "all", PEER_GROUP, "app");
    /* Seven labels from one CIDR: six shown at most. */
    rule(m, "lb", DIR_INGRESS, "tcp/1", PEER_CIDR, "10.0.0.0/8");
    rule(m, "lb", DIR_INGRESS, "tcp/2", PEER_CIDR, "10.0.0.0/8");
    rule(m, "lb", DIR_INGRESS, "tcp/3", PEER_CIDR, "10.0.0.0/8");
    rule(m, "lb", DIR_INGRESS, "tcp/4", PEER_CIDR, "10.0.0.0/8");
    rule(m, "lb", DIR_INGRESS, "tcp/5", PEER_CIDR, "10.0.0.0/8");
    rule(m, "lb", DIR_INGRESS, "tcp/6", PEER_CIDR, "10.0.0.0/8");
    rule(m, "lb", DIR_INGRESS, "tcp/7", PEER_CIDR, "10.0.0.0/8");
    model_find_group(m, "app")->default_egress = 1;
    v = build_with(m, 0, EGRESS_DEFAULT, 1);

    e = edge_between(v, "lb", "app", EDGE_INGRESS);
    CHECK(e != NULL && e->nrules == 3);
    check_label(v, "lb", "app", EDGE_INGRESS, "tcp/80, tcp/8443, udp/53");
    e = edge_between(v, "lb", "app", EDGE_EGRESS);
    CHECK(e != NULL && e->nrules == 1);
    CHECK(edge_between(v, "app", "app", EDGE_INGRESS) == NULL);
    CHECK_STR(cluster_of(v, "app")->self_label, "self: all");
    for (i = 0; i < v->nedges; i++) {
        if (!v->edges[i]->from.node || v->edges[i]->from.node->type != VNODE_CIDR)
            continue;
        peers++;
        label = view_edge_label(v, v->edges[i], 6);
        CHECK_STR(label, "tcp/1, tcp/2, tcp/3, tcp/4, tcp/5, +2 more");
        free(label);
        label = view_edge_label(v, v->edges[i], (size_t)-1);
        CHECK_STR(label, "tcp/1, tcp/2, tcp/3, tcp/4, tcp/5, tcp/6, tcp/7");
        free(label);
    }
    CHECK(peers == 1);
    /* The AWS default egress (added to groups without egress) is hidden by
     * default and drawn with --egress=all. */
    for (i = 0; i < v->nedges; i++)
        CHECK(!(v->edges[i]->rules[0]->flags & RULE_DEFAULT_EGRESS));
    view_free(v);
    v = build_with(m, 0, EGRESS_ALL, 1);
    for (i = peers = 0; i < v->nedges; i++)
        peers += (v->edges[i]->rules[0]->flags & RULE_DEFAULT_EGRESS) != 0;
    CHECK(peers == 1); /* all to 0.0.0.0/0 */
    view_free(v);
    model_free(m);
}

/* Flows: what both sides allow is one arrow, what one side allows alone a
 * half-open arrow; peers that are no group need the group's side only. */
void test_flows(void)
{
    struct model *m = model_new();
    const struct view_edge *e;
    struct view *v;
    size_t i, n;

    group(m, "lb");
    group(m, "app");
    group(m, "scrape");
    group(m, "ops");
    group(m, "lan");
    iface(m, "lb-1", KIND_ALB, "lb");
    iface(m, "app-1", KIND_EC2, "app");
    iface(m, "s-1", KIND_ECS, "scrape");
    iface(m, "o-1", KIND_EC2, "ops");
    iface(m, "l-1", KIND_EC2, "lan");
    model_iface_add_address(m, model_find_iface(m, "app-1"), "10.1.2.3");
    /* lb -> app: 8443 both sides, 80 app's ingress only (lb's egress
     * blocks it), 22 and 8444 lb's egress only (app's ingress blocks them). */
    rule(m, "app", DIR_INGRESS, "tcp/8443", PEER_GROUP, "lb");
    rule(m, "app", DIR_INGRESS, "tcp/80", PEER_GROUP, "lb");
    rule(m, "lb", DIR_EGRESS, "tcp/8443-8444", PEER_GROUP, "app");
    rule(m, "lb", DIR_EGRESS, "tcp/22", PEER_GROUP, "app");
    /* scrape keeps the AWS default egress: app's ingress is a flow. */
    rule(m, "app", DIR_INGRESS, "tcp/9999", PEER_GROUP, "scrape");
    model_find_group(m, "scrape")->default_egress = 1;
    /* ops may send tcp/443 to the internet: it counts for app. */
    rule(m, "app", DIR_INGRESS, "all", PEER_GROUP, "ops");
    rule(m, "ops", DIR_EGRESS, "tcp/443", PEER_CIDR, "0.0.0.0/0");
    /* lan may send to 10.0.0.0/8, which holds app's one address. */
    rule(m, "app", DIR_INGRESS, "udp/53", PEER_GROUP, "lan");
    rule(m, "lan", DIR_EGRESS, "udp/0-1023", PEER_CIDR, "10.0.0.0/8");
    /* A CIDR needs the group's side only: ingress in, egress out. */
    rule(m, "app", DIR_INGRESS, "tcp/443", PEER_CIDR, "192.0.2.0/24");
    v = build(m, 0, EGRESS_DEFAULT);

    check_label(v, "lb", "app", EDGE_FLOW, "tcp/8443");
    check_label(v, "lb", "app", EDGE_INGRESS_ONLY, "tcp/80");
    check_label(v, "lb", "app", EDGE_EGRESS_ONLY, "tcp/22, tcp/8444");
    e = edge_between(v, "lb", "app", EDGE_FLOW);
    CHECK(e && e->nrules == 2 && e->rules[0]->dir == DIR_INGRESS && e->rules[1]->dir == DIR_EGRESS);
    check_label(v, "scrape", "app", EDGE_FLOW, "tcp/9999");
    /* The default egress is hidden: it allows, but is not on the arrow. */
    e = edge_between(v, "scrape", "app", EDGE_FLOW);
    CHECK(e && e->nrules == 1);
    CHECK(edge_between(v, "scrape", "app", EDGE_INGRESS_ONLY) == NULL);
    check_label(v, "ops", "app", EDGE_FLOW, "tcp/443");
    check_label(v, "ops", "app", EDGE_INGRESS_ONLY, "all except tcp/443");
    e = edge_between(v, "ops", "app", EDGE_FLOW);
    CHECK(e && e->nrules == 2); /* app's ingress and ops's egress to the internet */
    check_label(v, "lan", "app", EDGE_FLOW, "udp/53");
    for (i = n = 0; i < v->nedges; i++) {
        e = v->edges[i];
        if (e->from.node && e->from.node->type == VNODE_CIDR) {
            CHECK(e->style == EDGE_FLOW && e->to.cluster == cluster_of(v, "app"));
            n++;
        }
    }
    CHECK(n == 1);
    view_free(v);

    /* --egress all: the default egress is the arrow to the internet, and
     * the flows it allows carry it too. */
    v = build(m, 0, EGRESS_ALL);
    e = edge_between(v, "scrape", "app", EDGE_FLOW);
    CHECK(e && e->nrules == 2);
    view_free(v);
    model_free(m);

    /* A group whose rules are not in the input blocks nothing: app's
     * ingress from it is a flow, and so is app's egress to it. */
    m = model_new();
    group(m, "app");
    model_group(m, "elsewhere", NULL);
    iface(m, "app-1", KIND_EC2, "app");
    {
        int created;
        model_iface_add_group(m, model_iface(m, "x-1", &created), "elsewhere", NULL, 0, &here);
    }
    rule(m, "app", DIR_INGRESS, "tcp/80", PEER_GROUP, "elsewhere");
    rule(m, "app", DIR_EGRESS, "tcp/5432", PEER_GROUP, "elsewhere");
    v = build(m, 0, EGRESS_DEFAULT);
    check_label(v, "elsewhere", "app", EDGE_FLOW, "tcp/80");
    check_label(v, "app", "elsewhere", EDGE_FLOW, "tcp/5432");
    CHECK(v->nedges == 2);
    view_free(v);
    model_free(m);
}

/* A diff's flows: what only the new input allows is +, what only the old
 * one allowed −; a rule under a template condition is "(if)". */
void test_flow_changes(void)
{
    struct model *m = model_new();
    struct marks *mk;
    struct view_options o;
    struct view *v;
    const struct view_edge *e;
    size_t i;

    group(m, "lb");
    group(m, "app");
    iface(m, "lb-1", KIND_ALB, "lb");
    iface(m, "app-1", KIND_EC2, "app");
    rule(m, "app", DIR_INGRESS, "tcp/80", PEER_GROUP, "lb");
    rule(m, "app", DIR_INGRESS, "tcp/443", PEER_GROUP, "lb");
    rule(m, "app", DIR_INGRESS, "tcp/22", PEER_GROUP, "lb");
    rule(m, "app", DIR_INGRESS, "tcp/9000", PEER_GROUP, "lb");
    model_find_group(m, "lb")->default_egress = 1;
    if (model_finish(m) < 0)
        abort();
    mk = marks_new(m);
    for (i = 0; i < m->nrules; i++) {
        struct rule *r = m->rules[i];
        if (r->ports.from == 443)
            marks_set_rule(mk, r, CHANGE_ADDED, NULL);
        if (r->ports.from == 22)
            marks_set_rule(mk, r, CHANGE_REMOVED, NULL);
        if (r->ports.from == 9000)
            r->flags |= RULE_CONDITIONAL;
    }
    memset(&o, 0, sizeof(o));
    o.detail = VIEW_DETAIL_REGIONS;
    o.marks = mk;
    v = view_build(m, &o);
    check_label(v, "lb", "app", EDGE_FLOW, "\xe2\x88\x92tcp/22, tcp/80, +tcp/443, tcp/9000 (if)");
    e = edge_between(v, "lb", "app", EDGE_FLOW);
    CHECK(e && e->change == CHANGE_CHANGED && e->nrules == 4);
    view_free(v);
    /* Only added traffic: the arrow is added. */
    for (i = 0; i < m->nrules; i++)
        if (m->rules[i]->dir == DIR_INGRESS)
            marks_set_rule(mk, m->rules[i], CHANGE_ADDED, NULL);
    v = view_build(m, &o);
    e = edge_between(v, "lb", "app", EDGE_FLOW);
    CHECK(e && e->change == CHANGE_ADDED);
    view_free(v);
    marks_free(mk);
    model_free(m);
}

/* 0.0.0.0/0 and ::/0 are one node when their arrows are the same. */
void test_internet(void)
{
    struct model *m = model_new();
    struct view *v;
    size_t i, n;

    group(m, "web");
    group(m, "ssh");
    iface(m, "w", KIND_EC2, "web");
    iface(m, "s", KIND_EC2, "ssh");
    rule(m, "web", DIR_INGRESS, "tcp/443", PEER_CIDR, "0.0.0.0/0");
    rule(m, "web", DIR_INGRESS, "tcp/443", PEER_CIDR, "::/0");
    v = build(m, 0, EGRESS_NONE);
    for (i = n = 0; i < v->nnodes; i++)
        if (v->nodes[i]->type == VNODE_CIDR) {
            CHECK_STR(v->nodes[i]->peer, "0.0.0.0/0");
            CHECK_STR(v->nodes[i]->also, "::/0");
            CHECK(v->nodes[i]->id == i);
            n++;
        }
    CHECK(n == 1 && v->nedges == 1 && v->edges[0]->nrules == 2);
    view_free(v);
    /* Different arrows: two nodes. */
    rule(m, "ssh", DIR_INGRESS, "tcp/22", PEER_CIDR, "0.0.0.0/0");
    m->finished = 0;
    v = build(m, 0, EGRESS_NONE);
    for (i = n = 0; i < v->nnodes; i++)
        n += v->nodes[i]->type == VNODE_CIDR;
    CHECK(n == 2 && v->nedges == 3);
    view_free(v);
    model_free(m);
}

/* ===== CIDR folding (--merge-cidrs) ===== */

static const char *peer_of_rule(const struct view *v, const char *cidr)
{
    size_t i, j;
    for (i = 0; i < v->nedges; i++)
        for (j = 0; j < v->edges[i]->nrules; j++)
            if (strcmp(v->edges[i]->rules[j]->peer, cidr) == 0 && v->edges[i]->from.node)
                return v->edges[i]->from.node->peer;
    return NULL;
}

void test_cidr_folding(void)
{
    struct model *m = model_new();
    struct view *v;

    group(m, "web");
    model_set_name(m, "10.0.0.0/16", "vpc");
    model_set_name(m, "10.0.1.0/24", "subnet-a");
    rule(m, "web", DIR_INGRESS, "tcp/22", PEER_CIDR, "10.0.1.5/32");
    rule(m, "web", DIR_INGRESS, "tcp/23", PEER_CIDR, "10.0.9.0/24");
    rule(m, "web", DIR_INGRESS, "tcp/24", PEER_CIDR, "172.16.0.0/12");
    rule(m, "web", DIR_INGRESS, "tcp/25", PEER_CIDR, "8.8.8.8/32");
    rule(m, "web", DIR_INGRESS, "tcp/26", PEER_CIDR, "0.0.0.0/0");
    rule(m, "web", DIR_INGRESS, "tcp/27", PEER_CIDR, "10.0.0.0/8");
    v = build(m, 1, EGRESS_NONE);
    /* The most specific named range that holds a CIDR... */
    CHECK_STR(peer_of_rule(v, "10.0.1.5/32"), "10.0.1.0/24");
    CHECK_STR(peer_of_rule(v, "10.0.9.0/24"), "10.0.0.0/16");
    /* ...else private or public addresses; the internet stays itself, and
     * a range larger than every named one is not inside any. */
    CHECK_STR(peer_of_rule(v, "172.16.0.0/12"), "private");
    CHECK_STR(peer_of_rule(v, "8.8.8.8/32"), "public");
    CHECK_STR(peer_of_rule(v, "0.0.0.0/0"), "0.0.0.0/0");
    CHECK_STR(peer_of_rule(v, "10.0.0.0/8"), "private");
    CHECK(v->ncidr_nodes == 5);
    view_free(v);
    model_free(m);
}
