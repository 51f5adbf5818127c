/*
 * cfn_net.c - the network context of CloudFormation templates:
 * AWS::EC2::NetworkAcl, NetworkAclEntry, SubnetNetworkAclAssociation,
 * RouteTable, Route, SubnetRouteTableAssociation, InternetGateway,
 * EgressOnlyInternetGateway, VPCGatewayAttachment, EIP and
 * EIPAssociation, and public addresses to come (a subnet's
 * MapPublicIpOnLaunch, an instance interface's AssociatePublicIpAddress).
 * A template makes no default NACL or main route table: a subnet with no
 * association has none known.
 */
#include <stdlib.h>
#include <string.h>

#include "cfn_net.h"
#include "cfn_resources.h"
#include "cidr.h"

/* A value a template leaves to AWS: a public address, a target. */
#define CFN_UNKNOWN "(known after deploy)"

/* The model id one value names: a literal, a resource of the templates (its
 * id), a parameter or import, else the source text; NULL when absent. */
static const char *id_of(struct cfn *c, const struct ynode *n)
{
    struct cfn_values vals = {NULL, 0, 0};
    const char *id = NULL;

    if (!n || ynode_is_null(n) || cfn_is_novalue(n))
        return NULL;
    cfn_resolve(c, n, 0, &vals);
    if (vals.n && vals.v[0].kind == CFN_LITERAL)
        id = vals.v[0].text;
    else if (vals.n && vals.v[0].kind == CFN_RESOURCE)
        id = cfn_uid((struct cfn_resource *)vals.v[0].res, 0);
    else if (vals.n && (vals.v[0].kind == CFN_PARAM || vals.v[0].kind == CFN_IMPORT))
        id = cfn_value_ref_id(&vals.v[0]);
    else
        id = cfn_text(c, n);
    cfn_values_release(&vals);
    return model_strdup(c->m, id);
}

/* A literal whole number at key of props; 0 when absent, -1 after an error. */
static int number_at(struct cfn *c, const struct ynode *props, const char *key, long *out)
{
    const struct ynode *n = ynode_get(props, key);
    struct strbuf sb = STRBUF_INIT;
    char *end;
    int rc = 0;

    if (!n || ynode_is_null(n) || cfn_is_novalue(n))
        return 0;
    if (!cfn_eval(c, n, 0, CFN_EVAL_LITERAL, &sb)) {
        strbuf_release(&sb);
        return 0; /* an expression: not known */
    }
    *out = strtol(sb.buf, &end, 10);
    if (!sb.len || *end) {
        cfn_error(c, n, "'%s' must be a whole number, got '%s'", key, sb.buf);
        rc = -1;
    } else {
        rc = 1;
    }
    strbuf_release(&sb);
    return rc;
}

/* A literal string at key of props (model string), or NULL. */
static const char *text_at(struct cfn *c, const struct ynode *props, const char *key)
{
    const struct ynode *n = ynode_get(props, key);
    struct strbuf sb = STRBUF_INIT;
    const char *s = NULL;

    if (n && !ynode_is_null(n) && !cfn_is_novalue(n) && cfn_eval(c, n, 0, CFN_EVAL_LITERAL, &sb))
        s = model_strndup(c->m, sb.buf, sb.len);
    strbuf_release(&sb);
    return s;
}

static int is_true(struct cfn *c, const struct ynode *props, const char *key)
{
    const char *s = text_at(c, props, key);
    return s && strcmp(s, "true") == 0;
}

/* ===== NACL entries ===== */

static int read_entry(struct cfn *c, const struct cfn_resource *r)
{
    const struct ynode *p = r->props;
    const char *acl = id_of(c, ynode_get(p, "NetworkAclId"));
    const char *proto = text_at(c, p, "Protocol");
    const char *action = text_at(c, p, "RuleAction");
    const char *v4 = text_at(c, p, "CidrBlock"), *v6 = text_at(c, p, "Ipv6CidrBlock");
    const struct ynode *range = ynode_get(p, "PortRange"), *icmp = ynode_get(p, "Icmp");
    long number = 0, from = -1, to = -1;
    int has_ports = 0, rc;
    char canon[CIDR_TEXT_MAX], err[128];
    struct nacl_entry e;
    struct nacl *n;

    if ((rc = number_at(c, p, "RuleNumber", &number)) < 0)
        return -1;
    if (rc == 0 || !acl || !proto || !action || (!v4 && !v6))
        return 0; /* expressions: the entry is not known */
    if (range || icmp) {
        int a = number_at(c, range ? range : icmp, range ? "From" : "Type", &from);
        int b = number_at(c, range ? range : icmp, range ? "To" : "Code", &to);
        if (a < 0 || b < 0)
            return -1;
        has_ports = a || b;
    }
    if (cidr_canonical(v4 ? v4 : v6, canon, err, sizeof(err)) < 0)
        return cfn_error(c, ynode_get(p, v4 ? "CidrBlock" : "Ipv6CidrBlock"), "%s", err);
    rc = nacl_entry_make(number, action, proto, has_ports, from, to, canon, &e, err,
                         sizeof(err));
    if (rc < 0)
        return cfn_error(c, ynode_get(p, rc == NACL_ERR_NUMBER   ? "RuleNumber"
                                         : rc == NACL_ERR_ACTION ? "RuleAction"
                                         : rc == PORTS_ERR_PROTOCOL ? "Protocol"
                                         : range                 ? "PortRange"
                                                                 : "Icmp"),
                         "%s", err);
    e.dir = is_true(c, p, "Egress") ? DIR_EGRESS : DIR_INGRESS;
    e.loc = cfn_loc(c, r->key);
    if (!(n = model_nacl(c->m, acl, NULL)))
        return 0;
    if (model_nacl_add_entry(c->m, n, &e) < 0)
        return cfn_error(c, ynode_get(p, "RuleNumber"),
                         "network ACL '%s' has two %s entries numbered %ld", acl,
                         e.dir == DIR_EGRESS ? "outbound" : "inbound", number);
    return 0;
}

/* ===== Routes ===== */

static int read_route(struct cfn *c, const struct cfn_resource *r)
{
    const struct ynode *p = r->props;
    const char *table = id_of(c, ynode_get(p, "RouteTableId"));
    const char *dest = text_at(c, p, "DestinationCidrBlock");
    const char *target = NULL;
    enum route_target type = ROUTE_OTHER;
    struct route_table *t;
    struct srcloc loc;
    char canon[CIDR_TEXT_MAX], err[128];
    size_t i;

    if (!dest)
        dest = text_at(c, p, "DestinationIpv6CidrBlock");
    for (i = 0; i < nroute_target_keys && !target; i++) {
        target = id_of(c, ynode_get(p, route_target_keys[i].api));
        type = route_target_keys[i].type;
    }
    if (!table || !target || !(t = model_route_table(c->m, table, NULL)))
        return 0;
    if (!dest)
        dest = id_of(c, ynode_get(p, "DestinationPrefixListId"));
    if (!dest)
        return 0;
    if (strncmp(dest, "pl-", 3) != 0) {
        const struct ynode *at = ynode_get(p, "DestinationCidrBlock");
        if (cidr_canonical(dest, canon, err, sizeof(err)) < 0)
            return cfn_error(c, at ? at : ynode_get(p, "DestinationIpv6CidrBlock"), "%s", err);
        dest = canon;
    }
    /* A GatewayId that names no internet gateway (a virtual private gateway). */
    if (type == ROUTE_IGW && route_target_of(target) != ROUTE_OTHER)
        type = route_target_of(target);
    else if (type == ROUTE_IGW && strncmp(target, "vgw-", 4) == 0)
        type = ROUTE_OTHER;
    loc = cfn_loc(c, r->key);
    model_route_table_add_route(c->m, t, dest, target, type, 0, &loc);
    return 0;
}

/* ===== The rest ===== */

static void declare(struct cfn *c, struct cfn_resource *r)
{
    const char *id, *vpc;

    if (!cfn_type_is(r, "AWS::EC2::NetworkAcl") && !cfn_type_is(r, "AWS::EC2::RouteTable") &&
        !cfn_type_is(r, "AWS::EC2::InternetGateway") &&
        !cfn_type_is(r, "AWS::EC2::EgressOnlyInternetGateway"))
        return;
    id = cfn_uid(r, 0);
    vpc = cfn_vpc_of(c, ynode_get(r->props, "VpcId"));
    if (cfn_type_is(r, "AWS::EC2::NetworkAcl")) {
        struct nacl *n = model_nacl(c->m, id, NULL);
        if (n && !n->vpc)
            n->vpc = vpc;
        if (n && !n->loc.file)
            n->loc = cfn_loc(c, r->key);
    } else if (cfn_type_is(r, "AWS::EC2::RouteTable")) {
        struct route_table *t = model_route_table(c->m, id, NULL);
        if (t && !t->vpc)
            t->vpc = vpc;
        if (t && !t->loc.file)
            t->loc = cfn_loc(c, r->key);
    } else if (cfn_type_is(r, "AWS::EC2::InternetGateway") ||
               cfn_type_is(r, "AWS::EC2::EgressOnlyInternetGateway")) {
        struct gateway *g = model_gateway(c->m, id, NULL);
        if (g) {
            g->egress_only |= cfn_type_is(r, "AWS::EC2::EgressOnlyInternetGateway");
            if (!g->vpc)
                g->vpc = vpc;
            if (!g->loc.file)
                g->loc = cfn_loc(c, r->key);
        }
    }
}

/* A public address on the interface a property names. */
static void public_on(struct cfn *c, const struct ynode *n, const char *ip)
{
    const char *id = id_of(c, n);
    struct iface *ifc = id ? model_find_iface(c->m, id) : NULL;

    if (ifc)
        model_iface_add_public_address(c->m, ifc, ip);
}

static int link(struct cfn *c, struct cfn_resource *r)
{
    const struct ynode *p = r->props;

    if (cfn_type_is(r, "AWS::EC2::NetworkAclEntry"))
        return read_entry(c, r);
    if (cfn_type_is(r, "AWS::EC2::Route"))
        return read_route(c, r);
    if (cfn_type_is(r, "AWS::EC2::SubnetNetworkAclAssociation") ||
        cfn_type_is(r, "AWS::EC2::SubnetRouteTableAssociation")) {
        int acl = cfn_type_is(r, "AWS::EC2::SubnetNetworkAclAssociation");
        const char *what = id_of(c, ynode_get(p, acl ? "NetworkAclId" : "RouteTableId"));
        const char *sid = id_of(c, ynode_get(p, "SubnetId"));
        struct subnet *s;
        if (!what || !sid)
            return 0;
        s = model_subnet(c->m, sid, NULL);
        if (acl && !s->nacl_id)
            s->nacl_id = what;
        else if (!acl && !s->route_table_id)
            s->route_table_id = what;
    } else if (cfn_type_is(r, "AWS::EC2::VPCGatewayAttachment")) {
        const char *gw = id_of(c, ynode_get(p, "InternetGatewayId"));
        struct gateway *g = gw ? model_gateway(c->m, gw, NULL) : NULL;
        if (g && !g->vpc)
            g->vpc = cfn_vpc_of(c, ynode_get(p, "VpcId"));
    } else if (cfn_type_is(r, "AWS::EC2::EIP") || cfn_type_is(r, "AWS::EC2::EIPAssociation")) {
        const char *ip = text_at(c, p, cfn_type_is(r, "AWS::EC2::EIP") ? "PublicIp" : "EIP");
        public_on(c, ynode_get(p, "InstanceId"), ip ? ip : CFN_UNKNOWN);
        public_on(c, ynode_get(p, "NetworkInterfaceId"), ip ? ip : CFN_UNKNOWN);
    } else if (cfn_type_is(r, "AWS::EC2::Instance")) {
        /* A public address at launch: the interface asks, or its subnet maps one. */
        const struct ynode *nis = ynode_get(p, "NetworkInterfaces");
        const struct ynode *first = nis && nis->type == YNODE_SEQ && nis->nitems ? nis->items[0] : NULL;
        const char *asks = first ? text_at(c, first, "AssociatePublicIpAddress") : NULL;
        const char *sid = id_of(c, ynode_get(p, "SubnetId"));
        const struct cfn_resource *sub;
        struct iface *ifc = model_find_iface(c->m, cfn_uid(r, 0));
        size_t i;
        int maps = 0;
        if (!sid && first)
            sid = id_of(c, ynode_get(first, "SubnetId"));
        for (i = 0; sid && !asks && i < c->nres; i++) {
            sub = &c->res[i];
            if (cfn_type_is(sub, "AWS::EC2::Subnet") &&
                strcmp(cfn_uid((struct cfn_resource *)sub, 0), sid) == 0)
                maps = is_true(c, sub->props, "MapPublicIpOnLaunch");
        }
        if (ifc && (asks ? strcmp(asks, "true") == 0 : maps))
            model_iface_add_public_address(c->m, ifc, CFN_UNKNOWN);
    }
    return 0;
}

int cfn_import_network(struct cfn *c)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < c->nres; i++)
        if (c->res[i].props)
            declare(c, &c->res[i]);
    for (i = 0; i < c->nres; i++)
        if (c->res[i].props && link(c, &c->res[i]) < 0)
            rc = -1;
    return rc;
}
