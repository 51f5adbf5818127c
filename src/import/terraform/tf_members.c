/*
 * tf_members.c - pass 2 and half of pass 3 over the Terraform resources:
 * groups, VPCs and the names of CIDRs and prefix lists; then the members
 * of groups (every resource of the membership table, and
 * aws_network_interface_sg_attachment).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws_kinds.h"
#include "cidr.h"
#include "diag.h"
#include "strmap.h"
#include "tf_members.h"
#include "xalloc.h"

/* ===== Groups, VPCs and names ===== */

void tf_read_group(struct tf_ctx *c, const struct tf_res *r)
{
    const char *gid = tf_group_id_of(c, r);
    struct group *g = model_group(c->jr.m, gid, NULL);
    const char *name = jr_str(&c->jr, r->values, "name");
    const char *prefix = jr_str(&c->jr, r->values, "name_prefix");
    const char *desc = jr_str(&c->jr, r->values, "description");
    const char *vpc = jr_str(&c->jr, r->values, "vpc_id");
    const char *owner = jr_str(&c->jr, r->values, "owner_id");
    const json_t *tags = tf_tags(c, r->values, "tags");
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
    if (tags) {
        const char *key;
        json_t *val;
        json_object_foreach((json_t *)tags, key, val) {
            if (json_is_string(val))
                model_group_add_tag(c->jr.m, g, key, json_string_value(val));
        }
    }
}

/* The VPC an unknown vpc_id refers to in a plan: the first one found. */
static void add_vpc_address(struct tf_ctx *c, const char *ref, const char *key, void *arg)
{
    const char **out = arg;
    const struct tf_vals *v = tf_index_find(&c->lk->vpcs, ref, key);
    if (v && v->n && !*out)
        *out = v->v[0];
}

void tf_group_vpc_from_config(struct tf_ctx *c, const struct tf_res *r)
{
    struct group *g = model_find_group(c->jr.m, tf_group_id_of(c, r));
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

void tf_read_vpc(struct tf_ctx *c, const struct tf_res *r)
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

void tf_read_names(struct tf_ctx *c, const struct tf_res *r)
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

/*
 * Resources that hold groups: where the groups are. The kind each is drawn
 * as and the service its label names ("msk: kafka-prod") are in
 * aws_kinds.c.
 */
static const struct member_type {
    const char *type;
    const char *attrs[3]; /* dotted paths of group id lists */
    const char *names;    /* a path of group names, used when no id was found */
} member_types[] = {
    {"aws_instance", {"vpc_security_group_ids"}, "security_groups"},
    {"aws_spot_instance_request", {"vpc_security_group_ids"}, "security_groups"},
    {"aws_network_interface", {"security_groups"}, NULL},
    {"aws_launch_template",
     {"vpc_security_group_ids", "network_interfaces.security_groups"}, "security_group_names"},
    {"aws_launch_configuration", {"security_groups"}, NULL},
    {"aws_lb", {"security_groups"}, NULL},
    {"aws_alb", {"security_groups"}, NULL},
    {"aws_elb", {"security_groups"}, NULL},
    {"aws_ecs_service", {"network_configuration.security_groups"}, NULL},
    {"aws_lambda_function", {"vpc_config.security_group_ids"}, NULL},
    {"aws_db_instance", {"vpc_security_group_ids"}, "security_group_names"},
    {"aws_rds_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_db_proxy", {"vpc_security_group_ids"}, NULL},
    {"aws_docdb_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_neptune_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_redshift_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_dms_replication_instance", {"vpc_security_group_ids"}, NULL},
    {"aws_elasticache_cluster", {"security_group_ids"}, NULL},
    {"aws_elasticache_replication_group", {"security_group_ids"}, NULL},
    {"aws_elasticache_serverless_cache", {"security_group_ids"}, NULL},
    {"aws_vpc_endpoint", {"security_group_ids"}, NULL},
    {"aws_eks_cluster",
     {"vpc_config.security_group_ids", "vpc_config.cluster_security_group_id"}, NULL},
    {"aws_efs_mount_target", {"security_groups"}, NULL},
    {"aws_nat_gateway", {NULL}, NULL},
    {"aws_mq_broker", {"security_groups"}, NULL},
    {"aws_msk_cluster", {"broker_node_group_info.security_groups"}, NULL},
    {"aws_opensearch_domain", {"vpc_options.security_group_ids"}, NULL},
    {"aws_elasticsearch_domain", {"vpc_options.security_group_ids"}, NULL},
    {"aws_codebuild_project", {"vpc_config.security_group_ids"}, NULL},
    {"aws_batch_compute_environment", {"compute_resources.security_group_ids"},
     NULL},
    {"aws_route53_resolver_endpoint", {"security_group_ids"}, NULL},
    {"aws_apigatewayv2_vpc_link", {"security_group_ids"}, NULL},
    {"aws_ec2_instance_connect_endpoint", {"security_group_ids"}, NULL},
    {"aws_glue_connection",
     {"physical_connection_requirements.security_group_id_list"}, NULL},
};

const struct member_type *tf_member_type_of(const char *type)
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

/* Put ifc in every group of l (conditional when the ref or cond is). */
void tf_add_memberships(struct tf_ctx *c, struct iface *ifc, const struct idlist *l,
                            int cond)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        struct group_ref *ref = model_iface_add_group(
            c->jr.m, ifc, l->v[i].id, strmap_get(c->lk->data_group_names, l->v[i].id), 0,
            &l->v[i].loc);
        ref->conditional = cond || l->v[i].conditional;
    }
}

void tf_read_member(struct tf_ctx *c, const struct tf_res *r, const struct member_type *t)
{
    struct idlist l;
    struct iface *ifc;
    const char *id = r->address, *label, *subnet, *vpc;
    const struct aws_kind *known = aws_kind_by_tf(t->type);
    enum iface_kind kind = known ? known->kind : KIND_OTHER;
    size_t i;

    memset(&l, 0, sizeof(l));
    for (i = 0; i < 3 && t->attrs[i] && !c->jr.failed; i++)
        tf_collect_groups(c, r, t->attrs[i], 0, &l);
    if (l.n == 0 && t->names && !c->jr.failed)
        tf_collect_groups(c, r, t->names, 1, &l);
    if (c->jr.failed) {
        tf_idlist_release(&l);
        return;
    }
    if (strcmp(r->type, "aws_lb") == 0 || strcmp(r->type, "aws_alb") == 0)
        kind = lb_kind(c, r, kind);
    /* NAT gateways, and NLBs or GWLBs without groups, are drawn outside
     * every group; other members are nothing to draw without one. */
    if (l.n == 0 && kind != KIND_NAT && kind != KIND_NLB && kind != KIND_GWLB) {
        tf_warn_lost(r, &l, 1, "it is not drawn");
        tf_idlist_release(&l);
        return;
    }
    tf_warn_lost(r, &l, 0, l.n ? "it is drawn without the missing ones"
                            : "it is drawn outside every group");
    if (strcmp(r->type, "aws_network_interface") == 0) {
        json_t *att = json_object_get(r->values, "attachment");
        const struct tf_vals *v = tf_index_find(&c->lk->ifaces, r->address, NULL);
        if (v && v->n)
            id = v->v[0];
        if (json_is_array(att) ? json_array_size(att) > 0 : json_is_object(att))
            kind = KIND_EC2;
    }
    label = tf_name_tag(c, r->values);
    subnet = jr_str(&c->jr, r->values, "subnet_id");
    vpc = jr_str(&c->jr, r->values, "vpc_id");
    if (c->jr.failed) {
        tf_idlist_release(&l);
        return;
    }
    ifc = model_iface(c->jr.m, id, NULL);
    ifc->kind = kind;
    if (known && known->service) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s: %s", known->service, label ? label : r->address);
        ifc->label = model_strndup(c->jr.m, sb.buf, sb.len);
        strbuf_release(&sb);
    } else {
        ifc->label = model_strdup(c->jr.m, label ? label : r->address);
    }
    ifc->owner = model_strdup(c->jr.m, r->address);
    if (subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
    if (vpc)
        ifc->vpc = model_strdup(c->jr.m, vpc);
    ifc->loc = jr_loc(&c->jr, NULL);
    tf_add_memberships(c, ifc, &l, 0);
    tf_idlist_release(&l);
}

/* aws_network_interface_sg_attachment: one more group on one interface. */
void tf_read_sg_attachment(struct tf_ctx *c, const struct tf_res *r)
{
    struct target it = {&c->lk->ifaces, c->lk->iface_by_eni, "interface"};
    struct idlist groups, ifaces;
    size_t i;

    memset(&groups, 0, sizeof(groups));
    memset(&ifaces, 0, sizeof(ifaces));
    ifaces.t = &it;
    tf_collect_groups(c, r, "security_group_id", 0, &groups);
    tf_collect(c, r, "network_interface_id", &ifaces);
    if (!c->jr.failed && (groups.n == 0 || ifaces.n == 0)) {
        tf_warn_lost(r, groups.n == 0 ? &groups : &ifaces, 1, "the attachment is not drawn");
        if (!groups.lost.attr && !ifaces.lost.attr) {
            struct srcloc loc = jr_loc(&c->jr, groups.n ? "network_interface_id"
                                                        : "security_group_id");
            diag_warning(&loc, "%s: expected %s, %s; the attachment is not drawn", r->address,
                         groups.n ? "an interface id" : "a group id",
                         (groups.n ? ifaces.null : groups.null) ? "got null" : "found none");
        }
    }
    for (i = 0; i < ifaces.n && groups.n && !c->jr.failed; i++) {
        int created;
        struct iface *ifc = model_iface(c->jr.m, ifaces.v[i].id, &created);
        if (created) {
            ifc->loc = ifaces.v[i].loc;
            ifc->kind = KIND_OTHER;
        }
        tf_add_memberships(c, ifc, &groups, ifaces.v[i].conditional);
    }
    tf_idlist_release(&groups);
    tf_idlist_release(&ifaces);
}
