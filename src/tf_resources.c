/*
 * tf_resources.c - Terraform resources into the model.
 *
 * Three passes over the resource records of one file:
 *   1. index: which address and name each group has (its real sg- id when
 *      known, else its address), ENI ids, VPCs, data source ids;
 *   2. groups, VPCs and the names of CIDRs and prefix lists;
 *   3. members (every resource of the membership table that names a group)
 *      and rules (inline ingress/egress blocks, aws_security_group_rule,
 *      aws_vpc_security_group_ingress_rule / _egress_rule).
 * A group reference is the value of the attribute, resolved to the group's
 * model id, and in a plan also every group the configuration expression of
 * the attribute refers to (so that an id unknown before apply still meets
 * its group). Resource types sgmap does not know are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "diag.h"
#include "strmap.h"
#include "tf_internal.h"
#include "xalloc.h"

/* ===== Lookups ===== */

/* Put key -> value, and key without indexes -> value unless already set. */
static void put_address(struct tf_ctx *c, struct strmap *map, const char *address,
                        const char *value)
{
    const char *stripped = tf_strip_indexes(c->jr.m, address);
    strmap_put(map, address, (void *)value);
    if (!strmap_get(map, stripped))
        strmap_put(map, stripped, (void *)value);
}

static const char *get_address(struct tf_ctx *c, struct strmap *map, const char *address)
{
    const char *v = strmap_get(map, address);
    return v ? v : strmap_get(map, tf_strip_indexes(c->jr.m, address));
}

static int is_group_type(const char *type)
{
    return strcmp(type, "aws_security_group") == 0 ||
           strcmp(type, "aws_default_security_group") == 0;
}

/* The model id of a group resource: its real id when known, else its address. */
static const char *group_id_of(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    return model_strdup(c->jr.m, id ? id : r->address);
}

static void index_resource(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id;

    if (r->data) {
        const char *name = jr_str(&c->jr, r->values, "name");
        id = jr_str(&c->jr, r->values, "id");
        if (id)
            put_address(c, c->data_by_address, r->address, model_strdup(c->jr.m, id));
        /* A group looked up by a data source: its name labels the group. */
        if (id && name && is_group_type(r->type))
            strmap_put(c->data_group_names, model_strdup(c->jr.m, id),
                       (void *)model_strdup(c->jr.m, name));
        return;
    }
    if (is_group_type(r->type)) {
        const char *gid = group_id_of(c, r);
        const char *name = jr_str(&c->jr, r->values, "name");
        put_address(c, c->group_by_address, r->address, gid);
        if (name && !strmap_get(c->group_by_name, name))
            strmap_put(c->group_by_name, model_strdup(c->jr.m, name), (void *)gid);
    } else if (strcmp(r->type, "aws_vpc") == 0) {
        id = jr_str(&c->jr, r->values, "id");
        put_address(c, c->vpc_by_address, r->address, model_strdup(c->jr.m, id ? id : r->address));
    } else if (strcmp(r->type, "aws_network_interface") == 0) {
        const char *ifc;
        id = jr_str(&c->jr, r->values, "id");
        ifc = model_strdup(c->jr.m, id ? id : r->address);
        put_address(c, c->iface_by_eni, r->address, ifc);
        if (id)
            strmap_put(c->iface_by_eni, ifc, (void *)ifc);
    } else if (strcmp(r->type, "aws_instance") == 0) {
        id = jr_str(&c->jr, r->values, "primary_network_interface_id");
        if (id)
            strmap_put(c->iface_by_eni, model_strdup(c->jr.m, id), (void *)r->address);
        put_address(c, c->iface_by_eni, r->address, r->address);
    }
}

/* ===== Lists of ids ===== */

struct idlist {
    const char **ids;
    struct srcloc *locs;
    size_t n, alloc, locs_alloc;
    int by_name; /* values are group names (default VPC, EC2-Classic) */
};

static void idlist_add(struct tf_ctx *c, struct idlist *l, const char *id)
{
    size_t i;
    id = model_strdup(c->jr.m, id);
    for (i = 0; i < l->n; i++)
        if (l->ids[i] == id)
            return;
    XGROW(l->ids, l->alloc, l->n + 1);
    XGROW(l->locs, l->locs_alloc, l->n + 1);
    l->ids[l->n] = id;
    l->locs[l->n] = jr_loc(&c->jr, NULL);
    l->n++;
}

static void idlist_release(struct idlist *l)
{
    free(l->ids);
    free(l->locs);
    l->ids = NULL;
    l->locs = NULL;
    l->n = l->alloc = l->locs_alloc = 0;
}

/* A group written as an attribute value: its model id. */
static void add_group_value(struct tf_ctx *c, const char *value, void *arg)
{
    struct idlist *l = arg;
    const char *gid = NULL;

    if (l->by_name && !strchr(value, '/'))
        gid = strmap_get(c->group_by_name, value);
    idlist_add(c, l, gid ? gid : value);
}

/* A group found through the configuration: the group at that address. */
static void add_group_address(struct tf_ctx *c, const char *address, void *arg)
{
    const char *gid = get_address(c, c->group_by_address, address);
    if (!gid)
        gid = get_address(c, c->data_by_address, address);
    if (gid)
        idlist_add(c, arg, gid);
}

/* Walk a dotted attribute path through nested blocks (lists of objects). */
static void walk_values(struct tf_ctx *c, const json_t *obj, const char *attr,
                        void (*fn)(struct tf_ctx *c, const char *s, void *arg), void *arg,
                        int depth)
{
    const char *dot = strchr(attr, '.');
    char seg[128];
    size_t n = dot ? (size_t)(dot - attr) : strlen(attr), i, back;
    json_t *v;

    if (!dot) {
        tf_each_str(c, obj, attr, fn, arg);
        return;
    }
    if (n >= sizeof(seg) || depth > 8 || c->jr.failed)
        return;
    memcpy(seg, attr, n);
    seg[n] = '\0';
    v = json_object_get(obj, seg);
    if (!v || json_is_null(v))
        return;
    back = jr_push_key(&c->jr, seg);
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && !c->jr.failed; i++) {
            json_t *e = tf_elem_obj(c, v, i);
            size_t b2 = jr_push_index(&c->jr, i);
            if (e)
                walk_values(c, e, dot + 1, fn, arg, depth + 1);
            jr_pop(&c->jr, b2);
        }
    } else if (json_is_object(v)) {
        walk_values(c, v, dot + 1, fn, arg, depth + 1);
    } else {
        jr_error(&c->jr, NULL, "expected an array, got %s", jr_type_name(v));
    }
    jr_pop(&c->jr, back);
}

/* The groups named by attribute attr of r: its values, and in a plan the
 * groups its expression refers to. */
static void collect_groups(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                           int by_name, struct idlist *l)
{
    l->by_name = by_name;
    walk_values(c, r->values, attr, add_group_value, l, 0);
    l->by_name = 0;
    tf_config_refs(c, r, attr, add_group_address, l);
}

/* ===== Groups, VPCs and names ===== */

static void read_group(struct tf_ctx *c, const struct tf_res *r)
{
    const char *gid = group_id_of(c, r);
    struct group *g = model_group(c->jr.m, gid, NULL);
    const char *name = jr_str(&c->jr, r->values, "name");
    const char *prefix = jr_str(&c->jr, r->values, "name_prefix");
    const char *desc = jr_str(&c->jr, r->values, "description");
    const char *vpc = jr_str(&c->jr, r->values, "vpc_id");
    const char *owner = jr_str(&c->jr, r->values, "owner_id");
    json_t *tags = json_object_get(r->values, "tags");
    int is_default = strcmp(r->type, "aws_default_security_group") == 0;

    if (c->jr.failed || g->declared)
        return;
    g->declared = 1;
    g->is_default = is_default;
    g->name = model_strdup(c->jr.m, name ? name : prefix ? prefix : is_default ? "default"
                                                                              : r->address);
    g->description = model_strdup(c->jr.m, desc);
    g->owner = model_strdup(c->jr.m, owner);
    g->loc = jr_loc(&c->jr, NULL);
    if (vpc)
        g->vpc = model_strdup(c->jr.m, vpc);
    if (json_is_object(tags)) {
        const char *key;
        json_t *val;
        json_object_foreach(tags, key, val) {
            if (json_is_string(val))
                model_group_add_tag(c->jr.m, g, key, json_string_value(val));
        }
    }
}

/* The VPC an unknown vpc_id refers to in a plan. */
static void add_vpc_address(struct tf_ctx *c, const char *address, void *arg)
{
    const char **out = arg;
    const char *vid = get_address(c, c->vpc_by_address, address);
    if (!vid)
        vid = get_address(c, c->data_by_address, address);
    if (vid && !*out)
        *out = vid;
}

static void group_vpc_from_config(struct tf_ctx *c, const struct tf_res *r)
{
    struct group *g = model_find_group(c->jr.m, group_id_of(c, r));
    const char *vid = NULL;
    if (!g || g->vpc)
        return;
    tf_config_refs(c, r, "vpc_id", add_vpc_address, &vid);
    g->vpc = vid;
}

/* Name a CIDR attribute of r (aws_vpc, aws_subnet) after name. */
static void name_cidr(struct tf_ctx *c, const struct tf_res *r, const char *key,
                      const char *name)
{
    const char *text = jr_str(&c->jr, r->values, key);
    char cidr[CIDR_TEXT_MAX], err[128];

    if (text && name && cidr_canonical(text, cidr, err, sizeof(err)) == 0)
        model_set_name(c->jr.m, cidr, name);
}

static void read_vpc(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    const char *name = tf_name_tag(c, r->values);
    struct vpc *v;

    if (c->jr.failed)
        return;
    v = model_vpc(c->jr.m, id ? id : r->address, NULL);
    if (!v->name && name)
        v->name = model_strdup(c->jr.m, name);
    if (!v->loc.file)
        v->loc = jr_loc(&c->jr, NULL);
    name_cidr(c, r, "cidr_block", name);
    name_cidr(c, r, "ipv6_cidr_block", name);
}

static void read_names(struct tf_ctx *c, const struct tf_res *r)
{
    if (strcmp(r->type, "aws_subnet") == 0) {
        const char *name = tf_name_tag(c, r->values);
        name_cidr(c, r, "cidr_block", name);
        name_cidr(c, r, "ipv6_cidr_block", name);
    } else if (strcmp(r->type, "aws_ec2_managed_prefix_list") == 0 ||
               strcmp(r->type, "aws_prefix_list") == 0) {
        const char *id = jr_str(&c->jr, r->values, "id");
        const char *name = jr_str(&c->jr, r->values, "name");
        if (id && name)
            model_set_name(c->jr.m, id, name);
    }
}

/* ===== Members ===== */

/* Resources that hold groups: where, and what kind of member they are. */
static const struct member_type {
    const char *type;
    enum iface_kind kind;
    const char *attrs[3]; /* dotted paths of group id lists */
    const char *names;    /* a path of group names, used when no id was found */
} member_types[] = {
    {"aws_instance", KIND_EC2, {"vpc_security_group_ids"}, "security_groups"},
    {"aws_spot_instance_request", KIND_EC2, {"vpc_security_group_ids"}, "security_groups"},
    {"aws_network_interface", KIND_OTHER, {"security_groups"}, NULL},
    {"aws_launch_template", KIND_EC2,
     {"vpc_security_group_ids", "network_interfaces.security_groups"},
     "security_group_names"},
    {"aws_launch_configuration", KIND_EC2, {"security_groups"}, NULL},
    {"aws_lb", KIND_ALB, {"security_groups"}, NULL},
    {"aws_alb", KIND_ALB, {"security_groups"}, NULL},
    {"aws_elb", KIND_CLB, {"security_groups"}, NULL},
    {"aws_ecs_service", KIND_ECS, {"network_configuration.security_groups"}, NULL},
    {"aws_lambda_function", KIND_LAMBDA, {"vpc_config.security_group_ids"}, NULL},
    {"aws_db_instance", KIND_RDS, {"vpc_security_group_ids"}, "security_group_names"},
    {"aws_rds_cluster", KIND_RDS, {"vpc_security_group_ids"}, NULL},
    {"aws_db_proxy", KIND_OTHER, {"vpc_security_group_ids"}, NULL},
    {"aws_docdb_cluster", KIND_OTHER, {"vpc_security_group_ids"}, NULL},
    {"aws_neptune_cluster", KIND_OTHER, {"vpc_security_group_ids"}, NULL},
    {"aws_redshift_cluster", KIND_OTHER, {"vpc_security_group_ids"}, NULL},
    {"aws_dms_replication_instance", KIND_OTHER, {"vpc_security_group_ids"}, NULL},
    {"aws_elasticache_cluster", KIND_ELASTICACHE, {"security_group_ids"}, NULL},
    {"aws_elasticache_replication_group", KIND_ELASTICACHE, {"security_group_ids"}, NULL},
    {"aws_elasticache_serverless_cache", KIND_ELASTICACHE, {"security_group_ids"}, NULL},
    {"aws_vpc_endpoint", KIND_ENDPOINT, {"security_group_ids"}, NULL},
    {"aws_eks_cluster", KIND_EKS,
     {"vpc_config.security_group_ids", "vpc_config.cluster_security_group_id"}, NULL},
    {"aws_efs_mount_target", KIND_EFS, {"security_groups"}, NULL},
    {"aws_mq_broker", KIND_OTHER, {"security_groups"}, NULL},
    {"aws_msk_cluster", KIND_OTHER, {"broker_node_group_info.security_groups"}, NULL},
    {"aws_opensearch_domain", KIND_OTHER, {"vpc_options.security_group_ids"}, NULL},
    {"aws_elasticsearch_domain", KIND_OTHER, {"vpc_options.security_group_ids"}, NULL},
    {"aws_codebuild_project", KIND_OTHER, {"vpc_config.security_group_ids"}, NULL},
    {"aws_batch_compute_environment", KIND_OTHER, {"compute_resources.security_group_ids"},
     NULL},
    {"aws_route53_resolver_endpoint", KIND_OTHER, {"security_group_ids"}, NULL},
    {"aws_apigatewayv2_vpc_link", KIND_OTHER, {"security_group_ids"}, NULL},
    {"aws_ec2_instance_connect_endpoint", KIND_OTHER, {"security_group_ids"}, NULL},
    {"aws_glue_connection", KIND_OTHER,
     {"physical_connection_requirements.security_group_id_list"}, NULL},
};

static const struct member_type *member_type_of(const char *type)
{
    size_t i;
    for (i = 0; i < sizeof(member_types) / sizeof(member_types[0]); i++)
        if (strcmp(member_types[i].type, type) == 0)
            return &member_types[i];
    return NULL;
}

static enum iface_kind lb_kind(struct tf_ctx *c, const struct tf_res *r, enum iface_kind kind)
{
    const char *t = jr_str(&c->jr, r->values, "load_balancer_type");
    if (t && strcmp(t, "network") == 0)
        return KIND_NLB;
    if (t && strcmp(t, "gateway") == 0)
        return KIND_GWLB;
    return kind;
}

static void add_memberships(struct tf_ctx *c, struct iface *ifc, const struct idlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        model_iface_add_group(c->jr.m, ifc, l->ids[i], strmap_get(c->data_group_names, l->ids[i]),
                              0, &l->locs[i]);
    }
}

static void read_member(struct tf_ctx *c, const struct tf_res *r, const struct member_type *t)
{
    struct idlist l = {0};
    struct iface *ifc;
    const char *id = r->address, *label, *subnet, *vpc;
    enum iface_kind kind = t->kind;
    size_t i;

    for (i = 0; i < 3 && t->attrs[i] && !c->jr.failed; i++)
        collect_groups(c, r, t->attrs[i], 0, &l);
    if (l.n == 0 && t->names && !c->jr.failed)
        collect_groups(c, r, t->names, 1, &l);
    if (l.n == 0 || c->jr.failed) {
        idlist_release(&l);
        return;
    }
    if (strcmp(r->type, "aws_network_interface") == 0) {
        json_t *att = json_object_get(r->values, "attachment");
        id = get_address(c, c->iface_by_eni, r->address);
        if (!id)
            id = r->address;
        if (json_is_array(att) ? json_array_size(att) > 0 : json_is_object(att))
            kind = KIND_EC2;
    } else if (strcmp(r->type, "aws_lb") == 0 || strcmp(r->type, "aws_alb") == 0) {
        kind = lb_kind(c, r, kind);
    }
    label = tf_name_tag(c, r->values);
    subnet = jr_str(&c->jr, r->values, "subnet_id");
    vpc = jr_str(&c->jr, r->values, "vpc_id");
    if (c->jr.failed) {
        idlist_release(&l);
        return;
    }
    ifc = model_iface(c->jr.m, id, NULL);
    ifc->kind = kind;
    ifc->label = model_strdup(c->jr.m, label ? label : r->address);
    ifc->owner = model_strdup(c->jr.m, r->address);
    if (subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
    if (vpc)
        ifc->vpc = model_strdup(c->jr.m, vpc);
    ifc->loc = jr_loc(&c->jr, NULL);
    add_memberships(c, ifc, &l);
    idlist_release(&l);
}

/* An interface named by an ENI id or by a reference to its resource. */
static void add_iface_address(struct tf_ctx *c, const char *address, void *arg)
{
    const char **out = arg;
    const char *id = get_address(c, c->iface_by_eni, address);
    if (id && !*out)
        *out = id;
}

/* aws_network_interface_sg_attachment: one more group on one interface. */
static void read_sg_attachment(struct tf_ctx *c, const struct tf_res *r)
{
    struct idlist l = {0};
    const char *eni = jr_str(&c->jr, r->values, "network_interface_id");
    const char *id = NULL;
    struct iface *ifc;
    int created;

    collect_groups(c, r, "security_group_id", 0, &l);
    if (eni)
        id = strmap_get(c->iface_by_eni, eni);
    if (!id)
        tf_config_refs(c, r, "network_interface_id", add_iface_address, &id);
    if (!id)
        id = eni;
    if (!id || l.n == 0 || c->jr.failed) {
        idlist_release(&l);
        return;
    }
    ifc = model_iface(c->jr.m, id, &created);
    if (created) {
        ifc->loc = jr_loc(&c->jr, NULL);
        ifc->kind = KIND_OTHER;
    }
    add_memberships(c, ifc, &l);
    idlist_release(&l);
}

/* ===== Rules ===== */

struct rule_src {
    struct group *g;
    enum direction dir;
    struct portspec ports;
    const char *desc;
    const char *rule_id;
};

/* Add one rule unless the same rule (group, direction, ports, peer) exists. */
static void add_rule(struct tf_ctx *c, const struct rule_src *s, enum peer_type type,
                     const char *peer, const struct srcloc *loc)
{
    struct rule *r = model_find_rule(c->jr.m, s->g, s->dir, &s->ports, peer);
    if (r) {
        if (!r->description && s->desc)
            r->description = model_strdup(c->jr.m, s->desc);
        if (!r->rule_id && s->rule_id)
            r->rule_id = model_strdup(c->jr.m, s->rule_id);
        return;
    }
    r = model_add_rule(c->jr.m, s->g, s->dir, &s->ports, type, peer, s->desc, loc);
    if (s->rule_id)
        r->rule_id = model_strdup(c->jr.m, s->rule_id);
}

static void add_cidr_peer(struct tf_ctx *c, const char *text, void *arg)
{
    char cidr[CIDR_TEXT_MAX], err[128];
    struct srcloc loc;

    if (cidr_canonical(text, cidr, err, sizeof(err)) < 0) {
        jr_error(&c->jr, NULL, "%s", err);
        return;
    }
    loc = jr_loc(&c->jr, NULL);
    add_rule(c, arg, PEER_CIDR, cidr, &loc);
}

static void add_prefix_peer(struct tf_ctx *c, const char *id, void *arg)
{
    struct srcloc loc = jr_loc(&c->jr, NULL);
    add_rule(c, arg, PEER_PREFIX_LIST, id, &loc);
}

/* A group peer: ACCOUNT/sg-... is another account's group; anything else
 * is resolved to a group id (external at model_finish when not in the input). */
static void add_group_peer(struct tf_ctx *c, const char *value, void *arg)
{
    struct srcloc loc = jr_loc(&c->jr, NULL);
    if (strchr(value, '/'))
        add_rule(c, arg, PEER_EXTERNAL_GROUP, value, &loc);
    else
        add_rule(c, arg, PEER_GROUP, value, &loc);
}

/* A group peer found through the configuration. */
static void add_group_peer_address(struct tf_ctx *c, const char *address, void *arg)
{
    const char *gid = get_address(c, c->group_by_address, address);
    struct srcloc loc = jr_loc(&c->jr, NULL);
    if (!gid)
        gid = get_address(c, c->data_by_address, address);
    if (gid)
        add_rule(c, arg, PEER_GROUP, gid, &loc);
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

/* Read protocol and ports of obj into s->ports; 0 when unusable. */
static int read_ports(struct tf_ctx *c, const json_t *obj, const char *proto_key,
                      struct portspec *out, const char **proto_out, long *from_out,
                      long *to_out)
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
    *proto_out = proto;
    *from_out = from;
    *to_out = to;
    return 1;
}

/* Inline ingress/egress blocks of an aws_security_group. */
static void read_inline_rules(struct tf_ctx *c, const struct tf_res *r)
{
    static const char *const dirs[] = {"ingress", "egress"};
    struct group *g = model_find_group(c->jr.m, group_id_of(c, r));
    size_t d, i;

    if (!g)
        return;
    for (d = 0; d < 2 && !c->jr.failed; d++) {
        json_t *arr = jr_arr(&c->jr, r->values, dirs[d]);
        size_t back;
        if (!arr)
            continue;
        back = jr_push_key(&c->jr, dirs[d]);
        for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
            json_t *b = tf_elem_obj(c, arr, i);
            size_t b2 = jr_push_index(&c->jr, i);
            struct rule_src s = {g, d == 0 ? DIR_INGRESS : DIR_EGRESS, {0, 0, 0}, NULL, NULL};
            const char *proto;
            long from, to;

            s.desc = jr_str(&c->jr, b, "description");
            if (b && read_ports(c, b, "protocol", &s.ports, &proto, &from, &to)) {
                tf_each_str(c, b, "cidr_blocks", add_cidr_peer, &s);
                tf_each_str(c, b, "ipv6_cidr_blocks", add_cidr_peer, &s);
                tf_each_str(c, b, "prefix_list_ids", add_prefix_peer, &s);
                tf_each_str(c, b, "security_groups", add_group_peer, &s);
                if (tf_bool(c, b, "self")) {
                    struct srcloc loc = jr_loc(&c->jr, "self");
                    add_rule(c, &s, PEER_GROUP, g->id, &loc);
                }
                tf_config_block_refs(c, r, dirs[d], proto, from, to, "security_groups",
                                     add_group_peer_address, &s);
            }
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
}

/* The group of a rule resource: security_group_id, or the group its
 * expression refers to. NULL when neither is known. */
static struct group *rule_group(struct tf_ctx *c, const struct tf_res *r)
{
    struct idlist l = {0};
    struct group *g = NULL;

    collect_groups(c, r, "security_group_id", 0, &l);
    if (l.n > 0 && !c->jr.failed)
        g = model_group(c->jr.m, l.ids[l.n - 1], NULL);
    idlist_release(&l);
    return g;
}

/* aws_security_group_rule */
static void read_sg_rule(struct tf_ctx *c, const struct tf_res *r)
{
    const char *type = jr_str(&c->jr, r->values, "type");
    struct rule_src s = {NULL, DIR_INGRESS, {0, 0, 0}, NULL, NULL};
    const char *proto;
    long from, to;

    if (c->jr.failed)
        return;
    if (!type) {
        note_incomplete(c);
        return;
    }
    if (strcmp(type, "ingress") == 0) {
        s.dir = DIR_INGRESS;
    } else if (strcmp(type, "egress") == 0) {
        s.dir = DIR_EGRESS;
    } else {
        jr_error(&c->jr, "type", "expected 'ingress' or 'egress', got '%s'", type);
        return;
    }
    s.desc = jr_str(&c->jr, r->values, "description");
    if (!(s.g = rule_group(c, r)) ||
        !read_ports(c, r->values, "protocol", &s.ports, &proto, &from, &to))
        return;
    tf_each_str(c, r->values, "cidr_blocks", add_cidr_peer, &s);
    tf_each_str(c, r->values, "ipv6_cidr_blocks", add_cidr_peer, &s);
    tf_each_str(c, r->values, "prefix_list_ids", add_prefix_peer, &s);
    tf_each_str(c, r->values, "source_security_group_id", add_group_peer, &s);
    tf_config_refs(c, r, "source_security_group_id", add_group_peer_address, &s);
    if (tf_bool(c, r->values, "self")) {
        struct srcloc loc = jr_loc(&c->jr, "self");
        add_rule(c, &s, PEER_GROUP, s.g->id, &loc);
    }
}

/* aws_vpc_security_group_ingress_rule / _egress_rule */
static void read_vpc_sg_rule(struct tf_ctx *c, const struct tf_res *r, enum direction dir)
{
    struct rule_src s = {NULL, dir, {0, 0, 0}, NULL, NULL};
    const char *proto;
    long from, to;

    s.desc = jr_str(&c->jr, r->values, "description");
    s.rule_id = jr_str(&c->jr, r->values, "security_group_rule_id");
    if (!(s.g = rule_group(c, r)) ||
        !read_ports(c, r->values, "ip_protocol", &s.ports, &proto, &from, &to))
        return;
    tf_each_str(c, r->values, "cidr_ipv4", add_cidr_peer, &s);
    tf_each_str(c, r->values, "cidr_ipv6", add_cidr_peer, &s);
    tf_each_str(c, r->values, "prefix_list_id", add_prefix_peer, &s);
    tf_each_str(c, r->values, "referenced_security_group_id", add_group_peer, &s);
    tf_config_refs(c, r, "referenced_security_group_id", add_group_peer_address, &s);
}

/* ===== The passes ===== */

static void begin(struct tf_ctx *c, const struct tf_res *r)
{
    tf_set_path(c, r->path);
    c->flatmap = r->flatmap;
}

void tf_build(struct tf_ctx *c)
{
    size_t i;

    for (i = 0; i < c->nres && !c->jr.failed; i++) {
        begin(c, &c->res[i]);
        index_resource(c, &c->res[i]);
    }
    for (i = 0; i < c->nres && !c->jr.failed; i++) {
        const struct tf_res *r = &c->res[i];
        begin(c, r);
        if (r->data) {
            read_names(c, r);
        } else if (is_group_type(r->type)) {
            read_group(c, r);
            group_vpc_from_config(c, r);
        } else if (strcmp(r->type, "aws_vpc") == 0) {
            read_vpc(c, r);
        } else {
            read_names(c, r);
        }
    }
    for (i = 0; i < c->nres && !c->jr.failed; i++) {
        const struct tf_res *r = &c->res[i];
        const struct member_type *t;
        if (r->data)
            continue;
        begin(c, r);
        if (is_group_type(r->type))
            read_inline_rules(c, r);
        else if (strcmp(r->type, "aws_security_group_rule") == 0)
            read_sg_rule(c, r);
        else if (strcmp(r->type, "aws_vpc_security_group_ingress_rule") == 0)
            read_vpc_sg_rule(c, r, DIR_INGRESS);
        else if (strcmp(r->type, "aws_vpc_security_group_egress_rule") == 0)
            read_vpc_sg_rule(c, r, DIR_EGRESS);
        else if (strcmp(r->type, "aws_network_interface_sg_attachment") == 0)
            read_sg_attachment(c, r);
        else if ((t = member_type_of(r->type)) != NULL)
            read_member(c, r, t);
    }
    tf_set_path(c, NULL);
    if (c->incomplete && !c->jr.failed) {
        struct srcloc loc = {c->jr.file, 0, 0, NULL};
        diag_warning(&loc, "skipped %zu rule%s without a type or protocol (the first at %s)",
                     c->incomplete, c->incomplete == 1 ? "" : "s",
                     c->incomplete_at ? c->incomplete_at : "the top");
    }
}
