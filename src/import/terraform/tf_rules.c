/*
 * tf_rules.c - the other half of pass 3: rules (inline ingress/egress
 * blocks, aws_security_group_rule, aws_vpc_security_group_ingress_rule /
 * _egress_rule, and the SSH access an aws_eks_node_group's remote_access
 * opens, see tf_read_node_group()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "diag.h"
#include "strmap.h"
#include "tf_members.h"
#include "tf_rules.h"
#include "xalloc.h"

/* ===== Rules ===== */

/* The other end of a rule, read before the rule is put on its groups. */
struct peer {
    enum peer_type type;
    const char *id;
    struct srcloc loc;
    int conditional;
};

struct rule_src {
    enum direction dir;
    struct portspec ports;
    const char *desc;
    const char *rule_id;
    struct peer *peers;
    size_t npeers, alloc;
    int self; /* the rule's own group is a peer too */
    struct srcloc self_loc;
};

static void push_peer(struct tf_ctx *c, struct rule_src *s, enum peer_type type, const char *id,
                      const struct srcloc *loc, int conditional)
{
    struct peer *p;
    XGROW(s->peers, s->alloc, s->npeers + 1);
    p = &s->peers[s->npeers++];
    p->type = type;
    p->id = model_strdup(c->jr.m, id);
    p->loc = loc ? *loc : jr_loc(&c->jr, NULL);
    p->conditional = conditional;
}

static void add_cidr_peer(struct tf_ctx *c, const char *text, void *arg)
{
    char cidr[CIDR_TEXT_MAX], err[128];

    if (cidr_canonical(text, cidr, err, sizeof(err)) < 0) {
        jr_error(&c->jr, NULL, "%s", err);
        return;
    }
    push_peer(c, arg, PEER_CIDR, cidr, NULL, 0);
}

static void add_prefix_peer(struct tf_ctx *c, const char *id, void *arg)
{
    push_peer(c, arg, PEER_PREFIX_LIST, id, NULL, 0);
}

/* Group peers: ACCOUNT/sg-... is another account's group; anything else
 * is resolved to a group id (external at model_finish when not in the input). */
static void add_group_peers(struct tf_ctx *c, struct rule_src *s, const struct idlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        push_peer(c, s, strchr(l->v[i].id, '/') ? PEER_EXTERNAL_GROUP : PEER_GROUP,
                  l->v[i].id, &l->v[i].loc, l->v[i].conditional);
}

/* Add one rule unless the same rule (group, direction, ports, peer) exists. */
static void put_rule(struct tf_ctx *c, const struct rule_src *s, struct group *g,
                     enum peer_type type, const char *peer, const struct srcloc *loc, int cond)
{
    struct rule *r = model_find_rule(c->jr.m, g, s->dir, &s->ports, peer);

    if (!r) {
        r = model_add_rule(c->jr.m, g, s->dir, &s->ports, type, peer, s->desc, loc);
        if (cond)
            r->flags |= RULE_CONDITIONAL;
    } else if (!cond) {
        r->flags &= ~(unsigned)RULE_CONDITIONAL;
    }
    if (!r->description && s->desc)
        r->description = model_strdup(c->jr.m, s->desc);
    if (!r->rule_id && s->rule_id)
        r->rule_id = model_strdup(c->jr.m, s->rule_id);
    /* A group looked up by a data source: its name labels the peer. */
    if (!r->peer_label && type == PEER_GROUP)
        r->peer_label = strmap_get(c->lk->data_group_names, r->peer);
}

/* Put the rule read into s on every group of groups. */
static void add_rules(struct tf_ctx *c, const struct rule_src *s, const struct idlist *groups)
{
    size_t i, j;

    for (i = 0; i < groups->n; i++) {
        struct group *g = model_group(c->jr.m, groups->v[i].id, NULL);
        int cond = groups->v[i].conditional;
        for (j = 0; j < s->npeers; j++)
            put_rule(c, s, g, s->peers[j].type, s->peers[j].id, &s->peers[j].loc,
                     cond || s->peers[j].conditional);
        if (s->self)
            put_rule(c, s, g, PEER_GROUP, g->id, &s->self_loc, cond);
    }
}

/*
 * A rule without a type or protocol: in a plan the value is unknown until
 * apply; in a state the file was trimmed by hand (test fixtures often keep
 * only the group ids). Such rules cannot be labelled, so they are skipped
 * and counted for one warning at the end of the file.
 */
static void note_incomplete(struct tf_ctx *c)
{
    if (c->plan)
        return;
    if (c->incomplete++ == 0)
        c->incomplete_at = jr_loc(&c->jr, NULL).path;
}

/* Read protocol and ports of obj into *out; 0 when unusable. */
static int read_ports(struct tf_ctx *c, const json_t *obj, const char *proto_key,
                      struct portspec *out, struct block_query *q)
{
    const char *proto = jr_str(&c->jr, obj, proto_key);
    long from = 0, to = 0;
    int has_from = tf_int(c, obj, "from_port", &from);
    int has_to = tf_int(c, obj, "to_port", &to);
    char err[128];

    if (c->jr.failed)
        return 0;
    if (!proto) {
        note_incomplete(c);
        return 0;
    }
    if (has_from && !has_to)
        to = from;
    if (has_to && !has_from)
        from = to;
    if (ports_from_aws(proto, has_from || has_to, from, to, out, err, sizeof(err)) < 0) {
        jr_error(&c->jr, NULL, "%s", err);
        return 0;
    }
    if (q) {
        q->protocol = proto;
        q->from = from;
        q->to = to;
    }
    return 1;
}

/*
 * A rule read with no peer is not drawn: say why. peers names the
 * attributes that could have held one; lost is a group peer whose value
 * resolved to nothing, when there was one.
 */
static void check_peers(struct tf_ctx *c, const struct tf_res *r, const struct rule_src *s,
                        const char *peers, const struct idlist *lost)
{
    struct srcloc loc;

    if (c->jr.failed)
        return;
    if (s->npeers > 0 || s->self) {
        tf_warn_lost(r, lost, 0, "the rule is drawn with its other peers only");
        return;
    }
    if (lost->lost.attr && lost->lost.cfg != TF_CFG_UNSET) {
        tf_warn_lost(r, lost, 0, "the rule is not drawn");
        return;
    }
    loc = jr_loc(&c->jr, NULL);
    diag_warning(&loc, "%s: expected a peer (%s), found none; the rule is not drawn",
                 r->address, peers);
}

/* The peers of an inline block or an aws_security_group_rule (obj): CIDRs,
 * prefix lists, self, and the groups in group_attr (in inline block q, or
 * NULL). */
static void read_peers(struct tf_ctx *c, const struct tf_res *r, const json_t *obj,
                       const char *group_attr, const struct block_query *q, struct rule_src *s)
{
    struct target groups = {&c->lk->groups, NULL, "group"};
    struct idlist peers;
    struct attr_read ar;
    struct strbuf names = STRBUF_INIT;

    memset(&peers, 0, sizeof(peers));
    memset(&ar, 0, sizeof(ar));
    peers.t = &groups;
    tf_each_str(c, obj, "cidr_blocks", add_cidr_peer, s, NULL);
    tf_each_str(c, obj, "ipv6_cidr_blocks", add_cidr_peer, s, NULL);
    tf_each_str(c, obj, "prefix_list_ids", add_prefix_peer, s, NULL);
    tf_walk_values(c, obj, group_attr, &peers, &ar, 0);
    tf_resolve_unknown(c, r, group_attr, q, &ar, &peers);
    add_group_peers(c, s, &peers);
    s->self = tf_bool(c, obj, "self");
    s->self_loc = jr_loc(&c->jr, "self");
    strbuf_addf(&names, "cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, %s or self", group_attr);
    check_peers(c, r, s, names.buf, &peers);
    strbuf_release(&names);
    tf_idlist_release(&peers);
}

/* Inline ingress/egress blocks of an aws_security_group. */
void tf_read_inline_rules(struct tf_ctx *c, const struct tf_res *r)
{
    static const char *const dirs[] = {"ingress", "egress"};
    struct group *g = model_find_group(c->jr.m, tf_group_id_of(c, r));
    struct idlist self;
    size_t d, i;

    if (!g)
        return;
    memset(&self, 0, sizeof(self));
    tf_idlist_add(c, &self, g->id, NULL);
    for (d = 0; d < 2 && !c->jr.failed; d++) {
        json_t *arr = jr_arr(&c->jr, r->values, dirs[d]);
        size_t back;
        if (!arr)
            continue;
        back = jr_push_key(&c->jr, dirs[d]);
        for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
            json_t *b = tf_elem_obj(c, arr, i);
            size_t b2 = tf_push_index(c, arr, i);
            struct rule_src s;
            struct block_query q = {dirs[d], NULL, 0, 0};

            memset(&s, 0, sizeof(s));
            s.dir = d == 0 ? DIR_INGRESS : DIR_EGRESS;
            s.desc = jr_str(&c->jr, b, "description");
            if (b && read_ports(c, b, "protocol", &s.ports, &q)) {
                read_peers(c, r, b, "security_groups", &q, &s);
                add_rules(c, &s, &self);
            }
            free(s.peers);
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
    tf_idlist_release(&self);
}

/* The groups of a rule resource: security_group_id, or the groups its
 * expression refers to. 0 (after a warning) when there is none. */
static int rule_groups(struct tf_ctx *c, const struct tf_res *r, struct idlist *l)
{
    tf_collect_groups(c, r, "security_group_id", 0, l);
    if (l->n > 0 || c->jr.failed)
        return l->n > 0;
    if (l->lost.attr) {
        tf_warn_lost(r, l, 1, "the rule is not drawn");
    } else {
        struct srcloc loc = l->null ? l->null_at : jr_loc(&c->jr, "security_group_id");
        diag_warning(&loc, "%s: expected the id of the rule's group, %s; the rule is not drawn",
                     r->address, l->null ? "got null" : "found none");
    }
    return 0;
}

/* aws_security_group_rule */
void tf_read_sg_rule(struct tf_ctx *c, const struct tf_res *r)
{
    const char *type = jr_str(&c->jr, r->values, "type");
    struct rule_src s;
    struct idlist groups;

    if (c->jr.failed)
        return;
    if (!type) {
        note_incomplete(c);
        return;
    }
    memset(&s, 0, sizeof(s));
    if (strcmp(type, "ingress") == 0) {
        s.dir = DIR_INGRESS;
    } else if (strcmp(type, "egress") == 0) {
        s.dir = DIR_EGRESS;
    } else {
        jr_error(&c->jr, "type", "expected 'ingress' or 'egress', got '%s'", type);
        return;
    }
    memset(&groups, 0, sizeof(groups));
    s.desc = jr_str(&c->jr, r->values, "description");
    if (read_ports(c, r->values, "protocol", &s.ports, NULL) && rule_groups(c, r, &groups)) {
        read_peers(c, r, r->values, "source_security_group_id", NULL, &s);
        add_rules(c, &s, &groups);
    }
    free(s.peers);
    tf_idlist_release(&groups);
}

/* aws_vpc_security_group_ingress_rule / _egress_rule */
void tf_read_vpc_sg_rule(struct tf_ctx *c, const struct tf_res *r, enum direction dir)
{
    struct rule_src s;
    struct idlist groups, peers;

    memset(&s, 0, sizeof(s));
    memset(&groups, 0, sizeof(groups));
    memset(&peers, 0, sizeof(peers));
    s.dir = dir;
    s.desc = jr_str(&c->jr, r->values, "description");
    s.rule_id = jr_str(&c->jr, r->values, "security_group_rule_id");
    if (read_ports(c, r->values, "ip_protocol", &s.ports, NULL) && rule_groups(c, r, &groups)) {
        tf_one_str(c, r->values, "cidr_ipv4", add_cidr_peer, &s);
        tf_one_str(c, r->values, "cidr_ipv6", add_cidr_peer, &s);
        tf_one_str(c, r->values, "prefix_list_id", add_prefix_peer, &s);
        tf_collect_groups(c, r, "referenced_security_group_id", 0, &peers);
        add_group_peers(c, &s, &peers);
        check_peers(c, r, &s, "cidr_ipv4, cidr_ipv6, prefix_list_id or "
                              "referenced_security_group_id", &peers);
        add_rules(c, &s, &groups);
    }
    free(s.peers);
    tf_idlist_release(&groups);
    tf_idlist_release(&peers);
}

/*
 * aws_eks_node_group remote_access: EKS opens SSH (tcp/22) to the nodes in
 * a group it creates for them (resources[0].remote_access_security_group_id
 * once applied), from source_security_group_ids, or, when only ec2_ssh_key
 * is given, from anywhere (0.0.0.0/0, as the provider documents). The node
 * group is drawn as a member of that group and the sources as its ingress
 * rules. Before apply the group has no id: "ADDRESS.remote_access" stands
 * for it. The cluster security group EKS also puts the nodes in is not in
 * the node group's attributes, so it is not guessed.
 */
void tf_read_node_group(struct tf_ctx *c, const struct tf_res *r)
{
    json_t *ra = jr_arr(&c->jr, r->values, "remote_access");
    const json_t *blk = json_array_size(ra) ? tf_elem_obj(c, ra, 0) : NULL;
    const char *key = NULL, *name = jr_str(&c->jr, r->values, "node_group_name");
    struct idlist sources, group;
    struct rule_src s;
    struct portspec ssh = {PROTO_TCP, 22, 22};
    struct iface *ifc;
    struct group *g;
    size_t back;

    if (!blk || c->jr.failed)
        return;
    memset(&sources, 0, sizeof(sources));
    memset(&group, 0, sizeof(group));
    memset(&s, 0, sizeof(s));
    back = jr_push_key(&c->jr, "remote_access");
    {
        size_t b2 = tf_push_index(c, ra, 0);
        key = jr_str(&c->jr, blk, "ec2_ssh_key");
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
    tf_collect_groups(c, r, "remote_access.source_security_group_ids", 0, &sources);
    tf_collect_groups(c, r, "resources.remote_access_security_group_id", 0, &group);
    if (c->jr.failed || (sources.n == 0 && !key)) {
        tf_idlist_release(&sources);
        tf_idlist_release(&group);
        return;
    }
    if (group.n == 0) {
        struct strbuf id = STRBUF_INIT;
        strbuf_addf(&id, "%s.remote_access", r->address);
        tf_idlist_add(c, &group, id.buf, NULL);
        strbuf_release(&id);
    }
    g = model_group(c->jr.m, group.v[0].id, NULL);
    if (!g->declared) {
        struct strbuf gname = STRBUF_INIT;
        strbuf_addf(&gname, "%s remote access", name ? name : r->address);
        g->declared = 1;
        g->name = model_strndup(c->jr.m, gname.buf, gname.len);
        g->description =
            model_strdup(c->jr.m, "made by EKS for the node group's remote_access (SSH)");
        g->loc = jr_loc(&c->jr, "remote_access");
        strbuf_release(&gname);
    }
    ifc = model_iface(c->jr.m, r->address, NULL);
    ifc->kind = KIND_EC2;
    ifc->label = model_strdup(c->jr.m, name ? name : r->address);
    ifc->owner = r->address;
    ifc->loc = jr_loc(&c->jr, NULL);
    tf_add_memberships(c, ifc, &group, 0);
    s.dir = DIR_INGRESS;
    s.ports = ssh;
    s.desc = "SSH to the nodes (remote_access)";
    add_group_peers(c, &s, &sources);
    if (sources.lost.attr && sources.lost.cfg != TF_CFG_UNSET)
        tf_warn_lost(r, &sources, 0, sources.n ? "the SSH rule is drawn without the missing ones"
                                            : "no SSH rule is drawn");
    else if (sources.n == 0)
        push_peer(c, &s, PEER_CIDR, "0.0.0.0/0", NULL, 0);
    add_rules(c, &s, &group);
    free(s.peers);
    tf_idlist_release(&sources);
    tf_idlist_release(&group);
}
