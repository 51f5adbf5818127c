/*
 * cfn_resources.c - template resources into groups, rules and members.
 *
 * This file owns the meaning of the resource types sgmap draws:
 * AWS::EC2::SecurityGroup (a group whose id is its logical id, with its
 * inline SecurityGroupIngress/Egress), the standalone
 * AWS::EC2::SecurityGroupIngress/Egress resources, and every resource of
 * the membership table (aws-input-reference section 7), each drawn as one
 * member labelled by its logical id. Launch templates and configurations
 * used by an Auto Scaling group or an instance of the same template are
 * drawn as that group or instance (the thing that runs), not twice.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfn_internal.h"
#include "cidr.h"
#include "xalloc.h"

/* ==== Group ids ==== */

static int cfn_type_is(const struct cfn_resource *r, const char *type)
{
    return r && r->type && strcmp(r->type, type) == 0;
}

/*
 * The model id of the group a value names: a group of the template, a
 * parameter, an import, a literal id or the expression's text. With
 * create, the group is made now (undeclared) so that rules can see it.
 */
static const char *cfn_group_of(struct cfn *c, const struct cfn_value *v, int create)
{
    const char *id;
    struct group *g;
    int created;

    switch (v->kind) {
    case CFN_RESOURCE:
        if (v->res->gid && (!v->attr || strcmp(v->attr, "GroupId") == 0))
            return v->res->gid;
        id = cfn_text(c, v->node);
        break;
    case CFN_PARAM:
        id = cfn_param_id(c, v->text);
        break;
    case CFN_IMPORT:
        id = cfn_import_id(c, v->text);
        break;
    case CFN_LITERAL:
    case CFN_EXPR:
    default:
        id = v->text;
        break;
    }
    if (!create || !*id)
        return id;
    g = model_group(c->m, id, &created);
    if (created && model_name_of(c->m, id))
        g->name = model_name_of(c->m, id);
    return id;
}

/* An id not yet used by another input: the logical id, else "ID (FILE)". */
static const char *cfn_unique_id(struct cfn *c, const struct cfn_resource *r, int group)
{
    char *alt;
    const char *id;

    if (group ? !(model_find_group(c->m, r->id) && model_find_group(c->m, r->id)->declared)
              : !model_find_iface(c->m, r->id))
        return model_strdup(c->m, r->id);
    alt = xasprintf("%s (%s)", r->id, c->file);
    id = model_strdup(c->m, alt);
    free(alt);
    cfn_warning(c, r->key, "logical id '%s' is also used by another input; drawn as '%s'",
                cfn_quote(0, r->id), cfn_quote(1, id));
    return id;
}

/* ==== Groups ==== */

static void cfn_group_tags(struct cfn *c, struct group *g, const struct ynode *tags)
{
    size_t i;

    if (!tags || tags->type != YNODE_SEQ || tags->tag)
        return;
    for (i = 0; i < tags->nitems; i++) {
        const struct ynode *t = tags->items[i];
        const struct ynode *k = ynode_get(t, "Key"), *v = ynode_get(t, "Value");
        if (!k || k->type != YNODE_SCALAR || k->tag)
            continue;
        model_group_add_tag(c->m, g, k->value,
                            v && v->type == YNODE_SCALAR && !v->tag ? v->value
                            : v                                     ? cfn_text(c, v)
                                                                    : "");
    }
}

/* The VPC of a group: a literal or a logical id, else the source text. */
static const char *cfn_group_vpc(struct cfn *c, const struct ynode *n)
{
    struct cfn_values vals = {NULL, 0, 0};
    const char *vpc = NULL;
    struct vpc *v;
    int created;

    if (!n || ynode_is_null(n) || cfn_is_novalue(n))
        return NULL;
    cfn_resolve(c, n, 0, &vals);
    if (vals.n == 1 && vals.v[0].kind == CFN_LITERAL && *vals.v[0].text)
        vpc = vals.v[0].text;
    else if (vals.n == 1 && vals.v[0].kind == CFN_RESOURCE && !vals.v[0].attr)
        vpc = vals.v[0].res->id;
    else
        vpc = cfn_text(c, n);
    cfn_values_release(&vals);
    v = model_vpc(c->m, vpc, &created);
    if (created) {
        v->name = v->id;
        v->loc = cfn_loc(c, n);
    }
    return v->id;
}

int cfn_declare_groups(struct cfn *c)
{
    size_t i;

    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];
        const struct ynode *name, *desc;
        struct group *g;

        if (!cfn_type_is(r, "AWS::EC2::SecurityGroup"))
            continue;
        r->gid = cfn_unique_id(c, r, 1);
        g = model_group(c->m, r->gid, NULL);
        g->declared = 1;
        g->loc = cfn_loc(c, r->key);
        name = ynode_get(r->props, "GroupName");
        desc = ynode_get(r->props, "GroupDescription");
        g->name = name && name->type == YNODE_SCALAR && !name->tag && name->len
                      ? model_strdup(c->m, name->value)
                      : g->id;
        g->description = desc && desc->type == YNODE_SCALAR && !desc->tag && !ynode_is_null(desc)
                             ? model_strdup(c->m, desc->value)
                             : NULL;
        g->vpc = cfn_group_vpc(c, ynode_get(r->props, "VpcId"));
        cfn_group_tags(c, g, ynode_get(r->props, "Tags"));
    }
    return 0;
}

/* ==== Rules ==== */

/* A group that holds a rule. */
struct cfn_owner {
    const char *id;
    int conditional;
    struct cfn_resource *res; /* the group's resource in the template, or NULL */
};

/* What one rule mapping applies to. */
struct cfn_rules {
    struct cfn_owner *owners;
    size_t nowners;
    enum direction dir;
    const char *what; /* "SecurityGroupIngress" or the resource type, for messages */
    const struct ynode *at; /* where the rules are reported, or NULL for the mapping */
};

/* Kinds of rule targets. */
enum cfn_target { CFN_T_CIDR, CFN_T_PREFIX_LIST, CFN_T_GROUP_ID, CFN_T_GROUP_NAME };

static const struct {
    const char *key;
    enum cfn_target target;
    int ingress, egress; /* allowed in that direction */
    const char *other;   /* the key the other direction uses */
} cfn_targets[] = {
    {"CidrIp", CFN_T_CIDR, 1, 1, NULL},
    {"CidrIpv6", CFN_T_CIDR, 1, 1, NULL},
    {"SourcePrefixListId", CFN_T_PREFIX_LIST, 1, 0, "DestinationPrefixListId"},
    {"DestinationPrefixListId", CFN_T_PREFIX_LIST, 0, 1, "SourcePrefixListId"},
    {"SourceSecurityGroupId", CFN_T_GROUP_ID, 1, 0, "DestinationSecurityGroupId"},
    {"DestinationSecurityGroupId", CFN_T_GROUP_ID, 0, 1, "SourceSecurityGroupId"},
    {"SourceSecurityGroupName", CFN_T_GROUP_NAME, 1, 0, NULL},
};
#define CFN_NTARGETS (sizeof(cfn_targets) / sizeof(cfn_targets[0]))

/* Is n an intrinsic function call (of any name)? */
static int cfn_has_fn(const struct ynode *n)
{
    const struct ynode *arg;
    const char *name;
    int tagged;

    return cfn_intrinsic(n, &name, &arg, &tagged);
}

/*
 * A scalar field of a rule (IpProtocol, FromPort, ToPort) as text. A Ref to
 * a parameter with a default takes the default (with a warning); any other
 * expression gives *text = NULL after a warning (the rule is skipped).
 */
static int cfn_rule_field(struct cfn *c, const struct ynode *n, const char *field,
                          const char **text)
{
    struct cfn_values vals = {NULL, 0, 0};
    const char *def;

    *text = NULL;
    if (n->type == YNODE_SCALAR && !n->tag && !ynode_is_null(n)) {
        *text = n->value;
        return 0;
    }
    if (n->type != YNODE_SCALAR && !n->tag && !cfn_has_fn(n))
        return cfn_error(c, n, "expected a string or a number for '%s', got %s", field,
                         ynode_type_name(n));
    cfn_resolve(c, n, 0, &vals);
    if (vals.n == 1 && vals.v[0].kind == CFN_PARAM &&
        (def = cfn_param_default(c, vals.v[0].text)) != NULL) {
        cfn_warning(c, n, "'%s' is parameter '%s'; drawn with its default '%s'", field,
                    cfn_quote(0, vals.v[0].text), cfn_quote(1, def));
        *text = def;
    } else if (vals.n == 1 && vals.v[0].kind == CFN_LITERAL) {
        *text = vals.v[0].text;
    } else {
        cfn_warning(c, n, "'%s' is not a literal value ('%s'); the rule is not drawn", field,
                    cfn_quote(0, cfn_text(c, n)));
    }
    cfn_values_release(&vals);
    return 0;
}

/* Parse a port number ("22", 22, -1); returns 0 or -1 after an error. */
static int cfn_port(struct cfn *c, const struct ynode *n, const char *field, const char *text,
                    long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < -1000000 || v > 1000000)
        return cfn_error(c, n, "expected a port number for '%s', got '%s'", field,
                         cfn_quote(0, text));
    *out = v;
    return 0;
}

/* Read the protocol and ports of a rule; *skip when they are expressions. */
static int cfn_rule_ports(struct cfn *c, const struct ynode *rule, struct portspec *spec,
                          int *skip)
{
    const struct ynode *pn = ynode_get(rule, "IpProtocol");
    const struct ynode *fn = ynode_get(rule, "FromPort"), *tn = ynode_get(rule, "ToPort");
    const char *proto, *from_text = NULL, *to_text = NULL;
    long from = -1, to = -1;
    char err[256];

    *skip = 0;
    if (!pn || ynode_is_null(pn))
        return cfn_error(c, rule, "security group rule needs 'IpProtocol'");
    if (fn && (ynode_is_null(fn) || cfn_is_novalue(fn)))
        fn = NULL;
    if (tn && (ynode_is_null(tn) || cfn_is_novalue(tn)))
        tn = NULL;
    if (cfn_rule_field(c, pn, "IpProtocol", &proto) < 0 ||
        (fn && cfn_rule_field(c, fn, "FromPort", &from_text) < 0) ||
        (tn && cfn_rule_field(c, tn, "ToPort", &to_text) < 0))
        return -1;
    if (!proto || (fn && !from_text) || (tn && !to_text)) {
        *skip = 1;
        return 0;
    }
    if ((from_text && cfn_port(c, fn, "FromPort", from_text, &from) < 0) ||
        (to_text && cfn_port(c, tn, "ToPort", to_text, &to) < 0))
        return -1;
    if (fn && !tn)
        to = from;
    if (tn && !fn)
        from = to;
    if (ports_from_aws(proto, fn || tn, from, to, spec, err, sizeof(err)) < 0)
        return cfn_error(c, (fn || tn) && strstr(err, "port") ? (fn ? fn : tn) : pn, "%s",
                         err);
    return 0;
}

/* Add one rule to every owner. */
static void cfn_add_rules(struct cfn *c, const struct cfn_rules *rs, const struct ynode *rule,
                          const struct portspec *spec, enum peer_type type, const char *peer,
                          const char *description, int conditional)
{
    struct srcloc loc = cfn_loc(c, rs->at ? rs->at : rule);
    size_t i;

    for (i = 0; i < rs->nowners; i++) {
        struct group *g = model_group(c->m, rs->owners[i].id, NULL);
        struct rule *r = model_add_rule(c->m, g, rs->dir, spec, type, peer, description, &loc);
        if (conditional || rs->owners[i].conditional)
            r->flags |= RULE_CONDITIONAL;
        XGROW(c->rules, c->rules_alloc, c->nrules + 1);
        c->rules[c->nrules++] = r;
    }
}

/* The owner account of a group reference, when it is a literal. */
static const char *cfn_owner_account(const struct ynode *rule)
{
    const struct ynode *n = ynode_get(rule, "SourceSecurityGroupOwnerId");

    if (!n || n->type != YNODE_SCALAR || n->tag || n->len == 0)
        return NULL;
    return n->value;
}

/* The peers one target key gives, each added as a rule. */
static int cfn_rule_target(struct cfn *c, const struct cfn_rules *rs, const struct ynode *rule,
                           size_t t, const struct ynode *n, const struct portspec *spec,
                           const char *description, int conditional)
{
    struct cfn_values vals = {NULL, 0, 0};
    const char *account = cfn_owner_account(rule);
    size_t i;
    int rc = 0;

    cfn_resolve(c, n, conditional, &vals);
    for (i = 0; i < vals.n && rc == 0; i++) {
        const struct cfn_value *v = &vals.v[i];
        enum peer_type type = PEER_EXPRESSION;
        const char *peer = v->text;
        char canon[CIDR_TEXT_MAX], err[256];
        char *joined = NULL;

        if (v->kind == CFN_PARAM) {
            type = PEER_PARAM;
            peer = cfn_param_id(c, v->text);
        } else if (v->kind == CFN_IMPORT) {
            type = PEER_IMPORT;
            peer = cfn_import_id(c, v->text);
        } else if (v->kind == CFN_RESOURCE) {
            peer = cfn_group_of(c, v, 0);
            if (v->res->gid && peer == v->res->gid &&
                (cfn_targets[t].target == CFN_T_GROUP_ID ||
                 cfn_targets[t].target == CFN_T_GROUP_NAME))
                type = PEER_GROUP;
        } else if (v->kind == CFN_LITERAL) {
            switch (cfn_targets[t].target) {
            case CFN_T_CIDR:
                if (cidr_canonical(v->text, canon, err, sizeof(err)) < 0) {
                    rc = cfn_error(c, v->node, "'%s': %s", cfn_targets[t].key, err);
                    continue;
                }
                type = PEER_CIDR;
                peer = canon;
                break;
            case CFN_T_PREFIX_LIST:
                type = PEER_PREFIX_LIST;
                break;
            case CFN_T_GROUP_ID:
            case CFN_T_GROUP_NAME:
                type = PEER_EXTERNAL_GROUP;
                if (account && !strchr(v->text, '/'))
                    peer = joined = xasprintf("%s/%s", account, v->text);
                break;
            }
        }
        if (!*peer)
            rc = cfn_error(c, v->node, "'%s' is empty", cfn_targets[t].key);
        else
            cfn_add_rules(c, rs, rule, spec, type, peer, description, v->conditional);
        free(joined);
    }
    cfn_values_release(&vals);
    return rc;
}

/* Does n hold a Fn::If anywhere at its top (so two targets may exclude each other)? */
static int cfn_has_if(const struct ynode *n)
{
    const struct ynode *arg;
    const char *name;
    int tagged;

    return cfn_intrinsic(n, &name, &arg, &tagged) && strcmp(name, "If") == 0;
}

/* One rule mapping (an item of SecurityGroupIngress, or a rule resource's Properties). */
static int cfn_rule(struct cfn *c, const struct ynode *rule, int conditional, void *arg)
{
    const struct cfn_rules *rs = arg;
    const struct ynode *present[CFN_NTARGETS], *dn;
    const char *description = NULL, *first = NULL;
    struct portspec spec;
    size_t t, npresent = 0;
    int skip, any_if = 0;

    if (rule->type != YNODE_MAP || rule->tag) {
        const char *name;
        const struct ynode *a;
        int tagged;
        if (cfn_intrinsic(rule, &name, &a, &tagged) || rule->tag) {
            cfn_warning(c, rule, "a rule of '%s' is an expression ('%s'); it is not drawn",
                        rs->what, cfn_quote(0, cfn_text(c, rule)));
            return 0;
        }
        return cfn_error(c, rule, "expected a mapping for a rule of '%s', got %s", rs->what,
                         ynode_type_name(rule));
    }
    for (t = 0; t < CFN_NTARGETS; t++) {
        const struct ynode *n = ynode_get(rule, cfn_targets[t].key);
        int allowed = rs->dir == DIR_INGRESS ? cfn_targets[t].ingress : cfn_targets[t].egress;

        present[t] = NULL;
        if (!n)
            continue;
        if (!allowed && cfn_targets[t].other)
            return cfn_error(c, n, "'%s' is not allowed in an %s rule (use '%s')",
                             cfn_targets[t].key, direction_name(rs->dir), cfn_targets[t].other);
        if (!allowed)
            return cfn_error(c, n, "'%s' is not allowed in an %s rule", cfn_targets[t].key,
                             direction_name(rs->dir));
        if (ynode_is_null(n) || cfn_is_novalue(n))
            continue;
        present[t] = n;
        any_if |= cfn_has_if(n);
        if (npresent++ == 0)
            first = cfn_targets[t].key;
        else if (!any_if)
            return cfn_error(c, n, "rule has both '%s' and '%s' (a rule has one %s)", first,
                             cfn_targets[t].key,
                             rs->dir == DIR_INGRESS ? "source" : "destination");
    }
    if (cfn_rule_ports(c, rule, &spec, &skip) < 0)
        return -1;
    if (npresent == 0) {
        if (rs->dir == DIR_INGRESS)
            return cfn_error(c, rule,
                             "ingress rule needs one of 'CidrIp', 'CidrIpv6', "
                             "'SourcePrefixListId', 'SourceSecurityGroupId' or "
                             "'SourceSecurityGroupName'");
        return cfn_error(c, rule,
                         "egress rule needs one of 'CidrIp', 'CidrIpv6', "
                         "'DestinationPrefixListId' or 'DestinationSecurityGroupId'");
    }
    if (skip)
        return 0;
    dn = ynode_get(rule, "Description");
    if (dn && dn->type == YNODE_SCALAR && !dn->tag && !ynode_is_null(dn))
        description = dn->value;
    else if (dn && !ynode_is_null(dn) && !cfn_is_novalue(dn))
        description = cfn_text(c, dn);
    for (t = 0; t < CFN_NTARGETS; t++)
        if (present[t] &&
            cfn_rule_target(c, rs, rule, t, present[t], &spec, description, conditional) < 0)
            return -1;
    return 0;
}

/* A rule list (inline SecurityGroupIngress/Egress) or one branch of it. */
static int cfn_rule_list(struct cfn *c, const struct ynode *list, int conditional, void *arg)
{
    const struct cfn_rules *rs = arg;
    const char *name;
    const struct ynode *a;
    int tagged;
    size_t i;

    if (list->type != YNODE_SEQ || list->tag) {
        if (cfn_intrinsic(list, &name, &a, &tagged) || list->tag) {
            cfn_warning(c, list, "'%s' is an expression ('%s'); its rules are not drawn",
                        rs->what, cfn_quote(0, cfn_text(c, list)));
            return 0;
        }
        return cfn_error(c, list, "expected a list for '%s', got %s", rs->what,
                         ynode_type_name(list));
    }
    for (i = 0; i < list->nitems; i++)
        if (cfn_branches(c, list->items[i], conditional, cfn_rule, arg) < 0)
            return -1;
    return 0;
}

/* The inline rules of a group resource. */
static int cfn_group_rules(struct cfn *c, struct cfn_resource *r)
{
    struct cfn_owner owner = {r->gid, r->conditional, r};
    struct cfn_rules rs = {&owner, 1, DIR_INGRESS, "SecurityGroupIngress", NULL};
    const struct ynode *in = ynode_get(r->props, "SecurityGroupIngress");
    const struct ynode *eg = ynode_get(r->props, "SecurityGroupEgress");

    if (cfn_branches(c, in, 0, cfn_rule_list, &rs) < 0)
        return -1;
    if (eg && !ynode_is_null(eg) && !cfn_is_novalue(eg))
        r->has_egress = 1;
    rs.dir = DIR_EGRESS;
    rs.what = "SecurityGroupEgress";
    return cfn_branches(c, eg, 0, cfn_rule_list, &rs);
}

/* A standalone AWS::EC2::SecurityGroupIngress or Egress resource. */
static int cfn_rule_resource(struct cfn *c, struct cfn_resource *r, enum direction dir)
{
    struct cfn_values vals = {NULL, 0, 0};
    const struct ynode *gn;
    struct cfn_rules rs;
    size_t i;
    int rc;

    if (!r->props && ynode_get(r->node, "Properties"))
        return 0; /* not a mapping: reported when indexed */
    if (!r->props)
        return cfn_error(c, r->key, "'%s' (%s) has no 'Properties'", cfn_quote(0, r->id),
                         r->type);
    gn = ynode_get(r->props, "GroupId");
    if (!gn || ynode_is_null(gn))
        gn = dir == DIR_INGRESS ? ynode_get(r->props, "GroupName") : NULL;
    if (!gn || ynode_is_null(gn))
        return cfn_error(c, r->props, "'%s' (%s) needs 'GroupId'%s", cfn_quote(0, r->id),
                         r->type, dir == DIR_INGRESS ? " or 'GroupName'" : "");
    cfn_resolve(c, gn, r->conditional, &vals);
    memset(&rs, 0, sizeof(rs));
    rs.owners = xcalloc(vals.n ? vals.n : 1, sizeof(*rs.owners));
    rs.dir = dir;
    rs.what = r->type;
    rs.at = r->key;
    for (i = 0; i < vals.n; i++) {
        struct cfn_owner *o = &rs.owners[rs.nowners++];
        o->id = cfn_group_of(c, &vals.v[i], 1);
        o->conditional = vals.v[i].conditional;
        if (vals.v[i].kind == CFN_RESOURCE && o->id == vals.v[i].res->gid) {
            o->res = (struct cfn_resource *)cfn_resource(c, vals.v[i].res->id);
            if (dir == DIR_EGRESS)
                o->res->has_egress = 1;
        }
    }
    rc = cfn_rule(c, r->props, r->conditional, &rs);
    free(rs.owners);
    cfn_values_release(&vals);
    return rc;
}

/* ==== Members ==== */

/* Resources that hold groups: the kind drawn and where the groups are. */
static const struct cfn_member_spec {
    const char *type;
    enum iface_kind kind;
    const char *paths[3]; /* "A.B" walks mappings, "A[]" each item of a list */
} cfn_member_specs[] = {
    {"AWS::EC2::Instance",
     KIND_EC2,
     {"SecurityGroupIds", "SecurityGroups", "NetworkInterfaces[].GroupSet"}},
    {"AWS::EC2::NetworkInterface", KIND_OTHER, {"GroupSet"}},
    {"AWS::EC2::LaunchTemplate",
     KIND_EC2,
     {"LaunchTemplateData.SecurityGroupIds", "LaunchTemplateData.SecurityGroups",
      "LaunchTemplateData.NetworkInterfaces[].Groups"}},
    {"AWS::AutoScaling::LaunchConfiguration", KIND_EC2, {"SecurityGroups"}},
    {"AWS::AutoScaling::AutoScalingGroup", KIND_EC2, {NULL}},
    {"AWS::ECS::Service", KIND_ECS, {"NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"}},
    {"AWS::ECS::TaskSet", KIND_ECS, {"NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"}},
    {"AWS::Lambda::Function", KIND_LAMBDA, {"VpcConfig.SecurityGroupIds"}},
    {"AWS::Serverless::Function", KIND_LAMBDA, {"VpcConfig.SecurityGroupIds"}},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", KIND_ALB, {"SecurityGroups"}},
    {"AWS::ElasticLoadBalancing::LoadBalancer", KIND_CLB, {"SecurityGroups"}},
    {"AWS::RDS::DBInstance", KIND_RDS, {"VPCSecurityGroups"}},
    {"AWS::RDS::DBCluster", KIND_RDS, {"VpcSecurityGroupIds"}},
    {"AWS::RDS::DBProxy", KIND_RDS, {"VpcSecurityGroupIds"}},
    {"AWS::ElastiCache::CacheCluster", KIND_ELASTICACHE, {"VpcSecurityGroupIds"}},
    {"AWS::ElastiCache::ReplicationGroup", KIND_ELASTICACHE, {"SecurityGroupIds"}},
    {"AWS::ElastiCache::ServerlessCache", KIND_ELASTICACHE, {"SecurityGroupIds"}},
    {"AWS::EC2::VPCEndpoint", KIND_ENDPOINT, {"SecurityGroupIds"}},
    {"AWS::EKS::Cluster", KIND_EKS, {"ResourcesVpcConfig.SecurityGroupIds"}},
    {"AWS::EFS::MountTarget", KIND_EFS, {"SecurityGroups"}},
    {"AWS::AmazonMQ::Broker", KIND_OTHER, {"SecurityGroups"}},
    {"AWS::MSK::Cluster", KIND_OTHER, {"BrokerNodeGroupInfo.SecurityGroups"}},
    {"AWS::OpenSearchService::Domain", KIND_OTHER, {"VPCOptions.SecurityGroupIds"}},
    {"AWS::Elasticsearch::Domain", KIND_OTHER, {"VPCOptions.SecurityGroupIds"}},
    {"AWS::CodeBuild::Project", KIND_OTHER, {"VpcConfig.SecurityGroupIds"}},
    {"AWS::Batch::ComputeEnvironment", KIND_OTHER, {"ComputeResources.SecurityGroupIds"}},
    {"AWS::DMS::ReplicationInstance", KIND_OTHER, {"VpcSecurityGroupIds"}},
    {"AWS::Redshift::Cluster", KIND_OTHER, {"VpcSecurityGroupIds"}},
    {"AWS::DocDB::DBCluster", KIND_OTHER, {"VpcSecurityGroupIds"}},
    {"AWS::Neptune::DBCluster", KIND_OTHER, {"VpcSecurityGroupIds"}},
    {"AWS::Route53Resolver::ResolverEndpoint", KIND_OTHER, {"SecurityGroupIds"}},
    {"AWS::ApiGatewayV2::VpcLink", KIND_OTHER, {"SecurityGroupIds"}},
    {"AWS::EC2::InstanceConnectEndpoint", KIND_OTHER, {"SecurityGroupIds"}},
    {"AWS::EC2::ClientVpnEndpoint", KIND_OTHER, {"SecurityGroupIds"}},
    {"AWS::FSx::FileSystem", KIND_OTHER, {"SecurityGroupIds"}},
    {"AWS::AppRunner::VpcConnector", KIND_OTHER, {"SecurityGroups"}},
    {"AWS::Glue::Connection",
     KIND_OTHER,
     {"ConnectionInput.PhysicalConnectionRequirements.SecurityGroupIdList"}},
};

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

/* The launch templates and configurations of this template that r runs. */
static void cfn_launch_sources(struct cfn *c, const struct cfn_resource *r,
                               struct cfn_values *out)
{
    static const char *const paths[] = {
        "LaunchTemplate.LaunchTemplateId",
        "LaunchTemplate.LaunchTemplateName",
        "LaunchConfigurationName",
        "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId",
        "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName",
        NULL,
    };
    struct cfn_values all = {NULL, 0, 0};
    size_t i;

    for (i = 0; paths[i]; i++)
        cfn_collect(c, r->props, paths[i], &all);
    for (i = 0; i < all.n; i++) {
        const struct cfn_value *v = &all.v[i];
        if (v->kind == CFN_RESOURCE &&
            (cfn_type_is(v->res, "AWS::EC2::LaunchTemplate") ||
             cfn_type_is(v->res, "AWS::AutoScaling::LaunchConfiguration"))) {
            XGROW(out->v, out->alloc, out->n + 1);
            out->v[out->n++] = *v;
        }
    }
    cfn_values_release(&all);
}

/* Mark launch templates and configurations drawn through their users. */
static void cfn_mark_launch_sources(struct cfn *c)
{
    size_t i, j;

    for (i = 0; i < c->nres; i++) {
        struct cfn_values srcs = {NULL, 0, 0};
        if (!cfn_type_is(&c->res[i], "AWS::AutoScaling::AutoScalingGroup") &&
            !cfn_type_is(&c->res[i], "AWS::EC2::Instance"))
            continue;
        cfn_launch_sources(c, &c->res[i], &srcs);
        for (j = 0; j < srcs.n; j++)
            cfn_resource(c, srcs.v[j].res->id)->drawn_through = 1;
        cfn_values_release(&srcs);
    }
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

/* One member for resource r, if it names any group. */
static void cfn_member(struct cfn *c, struct cfn_resource *r, const struct cfn_member_spec *spec)
{
    struct cfn_values vals = {NULL, 0, 0};
    struct iface *ifc;
    size_t i;

    if (r->drawn_through)
        return;
    cfn_member_groups(c, r, spec, &vals);
    if (cfn_type_is(r, "AWS::AutoScaling::AutoScalingGroup") ||
        (cfn_type_is(r, "AWS::EC2::Instance") && vals.n == 0)) {
        struct cfn_values srcs = {NULL, 0, 0};
        cfn_launch_sources(c, r, &srcs);
        for (i = 0; i < srcs.n; i++) {
            const struct cfn_resource *src = srcs.v[i].res;
            const struct cfn_member_spec *ss = cfn_member_spec(src);
            if (ss)
                cfn_member_groups(c, src, ss, &vals);
        }
        cfn_values_release(&srcs);
    }
    if (vals.n == 0) {
        cfn_values_release(&vals);
        return;
    }
    ifc = model_iface(c->m, cfn_unique_id(c, r, 0), NULL);
    ifc->kind = spec->kind;
    if (spec->kind == KIND_ALB)
        ifc->kind = cfn_lb_kind(r);
    ifc->label = model_strdup(c->m, r->id);
    ifc->owner = ifc->label;
    ifc->loc = cfn_loc(c, r->key);
    for (i = 0; i < vals.n; i++) {
        struct srcloc loc = cfn_loc(c, vals.v[i].node);
        const char *gid = cfn_group_of(c, &vals.v[i], 1);
        if (*gid)
            model_iface_add_group(c->m, ifc, gid, NULL, 0, &loc);
    }
    cfn_values_release(&vals);
}

int cfn_import_resources(struct cfn *c)
{
    size_t i;

    cfn_mark_launch_sources(c);
    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];
        const struct cfn_member_spec *spec;

        if (!r->type)
            continue;
        if (r->gid) {
            if (cfn_group_rules(c, r) < 0)
                return -1;
        } else if (cfn_type_is(r, "AWS::EC2::SecurityGroupIngress")) {
            if (cfn_rule_resource(c, r, DIR_INGRESS) < 0)
                return -1;
        } else if (cfn_type_is(r, "AWS::EC2::SecurityGroupEgress")) {
            if (cfn_rule_resource(c, r, DIR_EGRESS) < 0)
                return -1;
        } else if ((spec = cfn_member_spec(r)) != NULL && r->props) {
            cfn_member(c, r, spec);
        }
    }
    return 0;
}
