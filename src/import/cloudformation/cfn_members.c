/*
 * cfn_members.c - template resources into members of groups.
 *
 * This file owns the resources of the membership table
 * (aws-input-reference section 7), each drawn as one member labelled by
 * its logical id and given its kind (aws_kinds.c); an EKS cluster and its
 * managed node groups are in the group AWS makes for the cluster
 * (cfn_aws_group(), cfn_resources.c). Launch templates and configurations used
 * by an Auto Scaling group, an instance or an EKS node group are drawn as
 * that user (the thing that runs), not twice; one named by a name
 * (LaunchTemplateName) is found by the name its template gives it. An
 * AWS::EC2::NetworkInterface attached to an instance (through the
 * instance's NetworkInterfaces or an AWS::EC2::NetworkInterfaceAttachment)
 * is drawn as that instance. NAT gateways and load balancers without
 * groups (NLBs and GWLBs) are members of no group, drawn outside every
 * cluster. A member of a resource with a Condition is conditional, and so
 * is each membership chosen by a Fn::If.
 */
#include <stdlib.h>
#include <string.h>

#include "aws_kinds.h"
#include "cfn_members.h"
#include "xalloc.h"

/* Resources that hold groups: where the groups are (the kind each is drawn
 * as is in aws_kinds.c). */
static const struct cfn_member_spec {
    const char *type;
    const char *paths[3]; /* "A.B" walks mappings, "A[]" each item of a list */
} cfn_member_specs[] = {
    {"AWS::EC2::Instance",
     {"SecurityGroupIds", "SecurityGroups", "NetworkInterfaces[].GroupSet"}},
    {"AWS::EC2::NetworkInterface", {"GroupSet"}},
    {"AWS::EC2::LaunchTemplate",
     {"LaunchTemplateData.SecurityGroupIds", "LaunchTemplateData.SecurityGroups",
      "LaunchTemplateData.NetworkInterfaces[].Groups"}},
    {"AWS::AutoScaling::LaunchConfiguration", {"SecurityGroups"}},
    {"AWS::AutoScaling::AutoScalingGroup", {NULL}},
    {"AWS::EKS::Nodegroup", {NULL}},
    {"AWS::EC2::NatGateway", {NULL}},
    {"AWS::ECS::Service", {"NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"}},
    {"AWS::ECS::TaskSet", {"NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"}},
    {"AWS::Lambda::Function", {"VpcConfig.SecurityGroupIds"}},
    {"AWS::Serverless::Function", {"VpcConfig.SecurityGroupIds"}},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", {"SecurityGroups"}},
    {"AWS::ElasticLoadBalancing::LoadBalancer", {"SecurityGroups"}},
    {"AWS::RDS::DBInstance", {"VPCSecurityGroups"}},
    {"AWS::RDS::DBCluster", {"VpcSecurityGroupIds"}},
    {"AWS::RDS::DBProxy", {"VpcSecurityGroupIds"}},
    {"AWS::ElastiCache::CacheCluster", {"VpcSecurityGroupIds"}},
    {"AWS::ElastiCache::ReplicationGroup", {"SecurityGroupIds"}},
    {"AWS::ElastiCache::ServerlessCache", {"SecurityGroupIds"}},
    {"AWS::EC2::VPCEndpoint", {"SecurityGroupIds"}},
    {"AWS::EKS::Cluster", {"ResourcesVpcConfig.SecurityGroupIds"}},
    {"AWS::EFS::MountTarget", {"SecurityGroups"}},
    {"AWS::AmazonMQ::Broker", {"SecurityGroups"}},
    {"AWS::MSK::Cluster", {"BrokerNodeGroupInfo.SecurityGroups"}},
    {"AWS::OpenSearchService::Domain", {"VPCOptions.SecurityGroupIds"}},
    {"AWS::Elasticsearch::Domain", {"VPCOptions.SecurityGroupIds"}},
    {"AWS::CodeBuild::Project", {"VpcConfig.SecurityGroupIds"}},
    {"AWS::Batch::ComputeEnvironment", {"ComputeResources.SecurityGroupIds"}},
    {"AWS::DMS::ReplicationInstance", {"VpcSecurityGroupIds"}},
    {"AWS::Redshift::Cluster", {"VpcSecurityGroupIds"}},
    {"AWS::DocDB::DBCluster", {"VpcSecurityGroupIds"}},
    {"AWS::Neptune::DBCluster", {"VpcSecurityGroupIds"}},
    {"AWS::Route53Resolver::ResolverEndpoint", {"SecurityGroupIds"}},
    {"AWS::ApiGatewayV2::VpcLink", {"SecurityGroupIds"}},
    {"AWS::EC2::InstanceConnectEndpoint", {"SecurityGroupIds"}},
    {"AWS::EC2::ClientVpnEndpoint", {"SecurityGroupIds"}},
    {"AWS::FSx::FileSystem", {"SecurityGroupIds"}},
    {"AWS::AppRunner::VpcConnector", {"SecurityGroups"}},
    {"AWS::Glue::Connection",
     {"ConnectionInput.PhysicalConnectionRequirements.SecurityGroupIdList"}},
};

/* ==== Property paths ==== */

/* Walking a property path, collecting the values at its end. */
struct cfn_walk {
    const char *path;        /* what is left of the path */
    struct cfn_values *out;
};

static int cfn_walk(struct cfn *c, const struct ynode *n, int conditional, void *arg);

/* Each item of a list reached by "A[]". */
static int cfn_walk_items(struct cfn *c, const struct ynode *n, int conditional, void *arg)
{
    size_t i;

    if (n->type != YNODE_SEQ || n->tag)
        return 0;
    for (i = 0; i < n->nitems; i++)
        cfn_branches(c, n->items[i], conditional, cfn_walk, arg);
    return 0;
}

static int cfn_walk(struct cfn *c, const struct ynode *n, int conditional, void *arg)
{
    const struct cfn_walk *w = arg;
    const char *dot = strchr(w->path, '.');
    size_t len = dot ? (size_t)(dot - w->path) : strlen(w->path);
    int each = len > 2 && memcmp(w->path + len - 2, "[]", 2) == 0;
    struct cfn_walk sub;
    const struct ynode *child;
    char key[80];

    if (n->type != YNODE_MAP || n->tag || len >= sizeof(key))
        return 0;
    memcpy(key, w->path, len - (each ? 2 : 0));
    key[len - (each ? 2 : 0)] = '\0';
    child = ynode_get(n, key);
    if (!child)
        return 0;
    if (!dot) {
        cfn_resolve_list(c, child, conditional, w->out);
        return 0;
    }
    sub.path = dot + 1;
    sub.out = w->out;
    return cfn_branches(c, child, conditional, each ? cfn_walk_items : cfn_walk, &sub);
}

/* Collect the values at path under the mapping n. */
static void cfn_collect(struct cfn *c, const struct ynode *n, const char *path,
                        struct cfn_values *out)
{
    struct cfn_walk w = {path, out};

    if (n)
        cfn_branches(c, n, 0, cfn_walk, &w);
}

static const struct cfn_member_spec *cfn_member_spec(const struct cfn_resource *r)
{
    size_t i;

    for (i = 0; i < sizeof(cfn_member_specs) / sizeof(cfn_member_specs[0]); i++)
        if (cfn_type_is(r, cfn_member_specs[i].type))
            return &cfn_member_specs[i];
    return NULL;
}

/* The groups a resource's own properties name. */
static void cfn_member_groups(struct cfn *c, const struct cfn_resource *r,
                              const struct cfn_member_spec *spec, struct cfn_values *out)
{
    size_t i;

    for (i = 0; i < 3 && spec->paths[i]; i++)
        cfn_collect(c, r->props, spec->paths[i], out);
    if (cfn_type_is(r, "AWS::Serverless::Function") && !ynode_get(r->props, "VpcConfig"))
        cfn_collect(c, ynode_get(c->globals, "Function"), "VpcConfig.SecurityGroupIds", out);
}

static enum iface_kind cfn_lb_kind(const struct cfn_resource *r)
{
    const struct ynode *t = ynode_get(r->props, "Type");

    if (t && t->type == YNODE_SCALAR && !t->tag) {
        if (strcmp(t->value, "network") == 0)
            return KIND_NLB;
        if (strcmp(t->value, "gateway") == 0)
            return KIND_GWLB;
    }
    return KIND_ALB;
}

/* ==== What launch templates feed, what ENIs are attached to ==== */

/* Where a resource names the launch template or configuration it runs. */
static const char *const cfn_launch_paths[] = {
    "LaunchTemplate.LaunchTemplateId",
    "LaunchTemplate.LaunchTemplateName",
    "LaunchTemplate.Id",   /* EKS node groups */
    "LaunchTemplate.Name", /* EKS node groups */
    "LaunchConfigurationName",
    "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId",
    "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName",
    NULL,
};

static int cfn_is_launch_source(const struct cfn_resource *r)
{
    return cfn_type_is(r, "AWS::EC2::LaunchTemplate") ||
           cfn_type_is(r, "AWS::AutoScaling::LaunchConfiguration");
}

/* The name a launch template or configuration gives itself: its literal
 * text, or (with expr) the source text of an expression. */
static const char *cfn_launch_name(struct cfn_resource *r, int expr)
{
    const struct ynode *n =
        ynode_get(r->props, cfn_type_is(r, "AWS::EC2::LaunchTemplate") ? "LaunchTemplateName"
                                                                       : "LaunchConfigurationName");

    if (!n || ynode_is_null(n))
        return NULL;
    if (n->type == YNODE_SCALAR && !n->tag)
        return n->value;
    return expr ? cfn_text(r->c, n) : NULL;
}

/* The launch template or configuration of template t named by v. */
static struct cfn_resource *cfn_launch_in(struct cfn *t, const struct cfn_value *v, int expr)
{
    const char *name;
    size_t i;

    for (i = 0; i < t->nres; i++)
        if (cfn_is_launch_source(&t->res[i]) && (name = cfn_launch_name(&t->res[i], expr)) &&
            strcmp(name, v->text) == 0)
            return &t->res[i];
    return NULL;
}

/*
 * The launch template or configuration a value names: a Ref or GetAtt of
 * one, or its name: a literal LaunchTemplateName of one in the same
 * template, else of exactly one other template; an expression written the
 * same way as one in the same template.
 */
static struct cfn_resource *cfn_launch_source(struct cfn *c, const struct cfn_value *v)
{
    struct cfn_resource *found = NULL, *r;
    size_t i;

    if (v->kind == CFN_RESOURCE)
        return cfn_is_launch_source(v->res) ? (struct cfn_resource *)v->res : NULL;
    if (v->kind != CFN_LITERAL && v->kind != CFN_EXPR)
        return NULL;
    if ((r = cfn_launch_in(v->from, v, v->kind == CFN_EXPR)) != NULL || v->kind == CFN_EXPR)
        return r;
    for (i = 0; i < cfn_stacks_count(c->stacks); i++) {
        struct cfn *t = cfn_stacks_get(c->stacks, i);
        if (t == v->from || !(r = cfn_launch_in(t, v, 0)))
            continue;
        if (found)
            return NULL;
        found = r;
    }
    return found;
}

/* Find what r runs; warn when it names something that is not there. */
static void cfn_find_launch(struct cfn *c, struct cfn_resource *r, int warn)
{
    struct cfn_values all = {NULL, 0, 0};
    const struct cfn_value *missing = NULL;
    struct cfn_resource *src;
    size_t i;

    for (i = 0; cfn_launch_paths[i]; i++)
        cfn_collect(c, r->props, cfn_launch_paths[i], &all);
    for (i = 0; i < all.n; i++) {
        if ((src = cfn_launch_source(c, &all.v[i])) != NULL) {
            struct cfn_value v = all.v[i];
            v.kind = CFN_RESOURCE;
            v.res = src;
            cfn_values_push(&r->launch, &v);
            src->drawn_through = 1;
        } else if (!missing) {
            missing = &all.v[i];
        }
    }
    if (warn && r->launch.n == 0 && missing)
        cfn_warning(c, missing->node,
                    "expected a launch template or launch configuration of the templates "
                    "for '%s' (%s), got '%s'; its instances are not drawn",
                    cfn_quote(0, r->id), r->type,
                    cfn_quote(1, missing->kind == CFN_EXPR ? missing->text
                                                           : cfn_text(c, missing->node)));
    else if (warn && all.n == 0 && cfn_type_is(r, "AWS::AutoScaling::AutoScalingGroup"))
        cfn_warning(c, r->key,
                    "auto scaling group '%s' names no launch template or launch "
                    "configuration; its instances are not drawn",
                    cfn_quote(0, r->id));
    cfn_values_release(&all);
}

/* ENIs named by the values at path under props are attached to instance. */
static void cfn_attach(struct cfn *c, const struct ynode *props, const char *path,
                       const struct cfn_resource *instance)
{
    struct cfn_values enis = {NULL, 0, 0};
    size_t i;

    cfn_collect(c, props, path, &enis);
    for (i = 0; i < enis.n; i++)
        if (enis.v[i].kind == CFN_RESOURCE && !enis.v[i].attr &&
            cfn_type_is(enis.v[i].res, "AWS::EC2::NetworkInterface"))
            ((struct cfn_resource *)enis.v[i].res)->instance = instance;
    cfn_values_release(&enis);
}

void cfn_mark_members(struct cfn *c)
{
    struct cfn_values inst = {NULL, 0, 0};
    size_t i;

    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];
        if (!r->props)
            continue;
        if (cfn_type_is(r, "AWS::AutoScaling::AutoScalingGroup") ||
            cfn_type_is(r, "AWS::EKS::Nodegroup"))
            cfn_find_launch(c, r, 1);
        if (cfn_type_is(r, "AWS::EC2::Instance")) {
            /* An instance's own groups win over its launch template's. */
            cfn_find_launch(c, r,
                            !ynode_get(r->props, "SecurityGroupIds") &&
                                !ynode_get(r->props, "SecurityGroups") &&
                                !ynode_get(r->props, "NetworkInterfaces"));
            cfn_attach(c, r->props, "NetworkInterfaces[].NetworkInterfaceId", r);
        }
        if (cfn_type_is(r, "AWS::EC2::NetworkInterfaceAttachment")) {
            cfn_collect(c, r->props, "InstanceId", &inst);
            if (inst.n == 1 && inst.v[0].kind == CFN_RESOURCE && !inst.v[0].attr &&
                cfn_type_is(inst.v[0].res, "AWS::EC2::Instance"))
                cfn_attach(c, r->props, "NetworkInterfaceId", inst.v[0].res);
            inst.n = 0;
        }
    }
    cfn_values_release(&inst);
}

/* ==== Members ==== */

/* A node group without groups of its own is in its cluster's group. */
static void cfn_nodegroup_cluster(struct cfn *c, struct cfn_resource *r,
                                  struct cfn_values *out)
{
    struct cfn_values vals = {NULL, 0, 0};
    const struct ynode *n = ynode_get(r->props, "ClusterName");
    size_t i;

    cfn_resolve(c, n, 0, &vals);
    for (i = 0; i < vals.n; i++) {
        struct cfn_value v = vals.v[i];
        if (v.kind != CFN_RESOURCE || !cfn_type_is(v.res, "AWS::EKS::Cluster")) {
            cfn_warning(c, v.node,
                        "expected an EKS cluster of the templates for the 'ClusterName' of "
                        "node group '%s', got '%s'; its nodes are not drawn",
                        cfn_quote(0, r->id), cfn_quote(1, cfn_text(c, v.node)));
            continue;
        }
        v.attr = "ClusterSecurityGroupId";
        cfn_values_push(out, &v);
    }
    cfn_values_release(&vals);
}

/* Is r drawn even in no group: a NAT gateway, a load balancer that cannot
 * have groups or was given none (network, gateway)? */
static int cfn_groupless(const struct cfn_resource *r, enum iface_kind kind)
{
    return kind == KIND_NAT ||
           ((kind == KIND_NLB || kind == KIND_GWLB) && !ynode_get(r->props, "SecurityGroups"));
}

/* The interface drawn for resource r. */
static struct iface *cfn_member_iface(struct cfn *c, struct cfn_resource *r,
                                      enum iface_kind kind)
{
    struct iface *ifc = model_iface(c->m, cfn_uid(r, 0), NULL);

    ifc->kind = kind;
    ifc->label = ifc->id;
    if (r->instance) {
        /* An interface attached to an instance is drawn as the instance. */
        ifc->kind = KIND_EC2;
        ifc->label = cfn_uid((struct cfn_resource *)r->instance, 0);
    }
    ifc->owner = ifc->label;
    ifc->conditional = r->conditional;
    ifc->loc = cfn_loc(c, r->key);
    return ifc;
}

/* The memberships vals give ifc; their nodes are in template at. */
static void cfn_memberships(struct cfn *c, struct cfn *at, struct iface *ifc,
                            const struct cfn_values *vals)
{
    size_t i;

    for (i = 0; i < vals->n; i++) {
        struct srcloc loc = cfn_loc(at, vals->v[i].node);
        const char *gid = cfn_group_of(c, &vals->v[i], 1);
        if (*gid)
            model_iface_add_group(c->m, ifc, gid, NULL, 0, &loc)->conditional =
                vals->v[i].conditional;
    }
}

/* One member for resource r, if it names any group or is drawn without. */
static void cfn_member(struct cfn *c, struct cfn_resource *r, const struct cfn_member_spec *spec)
{
    struct cfn_values vals = {NULL, 0, 0}, *srcs;
    const struct aws_kind *known = aws_kind_by_cfn(spec->type);
    enum iface_kind kind = known ? known->kind : KIND_OTHER;
    struct iface *ifc;
    size_t i, n = 0;

    if (r->drawn_through)
        return;
    cfn_member_groups(c, r, spec, &vals);
    /* The groups of what it runs, each read in its own template. */
    srcs = xcalloc(r->launch.n ? r->launch.n : 1, sizeof(*srcs));
    for (i = 0; i < r->launch.n && (vals.n == 0 || !cfn_type_is(r, "AWS::EC2::Instance"));
         i++) {
        const struct cfn_resource *src = r->launch.v[i].res;
        cfn_member_groups(src->c, src, cfn_member_spec(src), &srcs[i]);
        n += srcs[i].n;
    }
    if (cfn_type_is(r, "AWS::EKS::Nodegroup") && vals.n + n == 0)
        cfn_nodegroup_cluster(c, r, &vals);
    if (cfn_type_is(r, "AWS::EKS::Cluster")) {
        struct cfn_value own = {CFN_RESOURCE, r->id, c, r, "ClusterSecurityGroupId", r->key, 0};
        cfn_values_push(&vals, &own);
    }
    if (kind == KIND_ALB)
        kind = cfn_lb_kind(r);
    if (vals.n + n > 0 || cfn_groupless(r, kind)) {
        ifc = cfn_member_iface(c, r, kind);
        cfn_memberships(c, c, ifc, &vals);
        for (i = 0; i < r->launch.n; i++)
            cfn_memberships(c, r->launch.v[i].res->c, ifc, &srcs[i]);
    }
    for (i = 0; i < r->launch.n; i++)
        cfn_values_release(&srcs[i]);
    free(srcs);
    cfn_values_release(&vals);
}

void cfn_import_members(struct cfn *c)
{
    const struct cfn_member_spec *spec;
    size_t i;

    for (i = 0; i < c->nres; i++)
        if ((spec = cfn_member_spec(&c->res[i])) != NULL && c->res[i].props)
            cfn_member(c, &c->res[i], spec);
}
