/*
 * aws_net.c - the network context of the AWS importer: DescribeNetworkAcls
 * (entries, subnet associations), DescribeRouteTables (routes, subnet and
 * main associations), DescribeInternetGateways and
 * DescribeEgressOnlyInternetGateways (attached VPC), DescribeAddresses
 * (Elastic IPs of interfaces) and the public addresses of interfaces.
 */
#include <stdio.h>
#include <string.h>

#include "aws_internal.h"
#include "cidr.h"

const char *aws_public_address(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj,
                               const char *key)
{
    char canon[CIDR_TEXT_MAX], addr[CIDR_TEXT_MAX], err[128];
    const char *text = jr_str(&c->jr, obj, key);

    if (!text || c->jr.failed)
        return NULL;
    if (cidr_canonical(text, canon, err, sizeof(err)) < 0 ||
        !cidr_host_address(canon, addr, sizeof(addr)) || strchr(text, '/')) {
        jr_error(&c->jr, key, "expected an IP address, got '%s'", text);
        return NULL;
    }
    if (ifc)
        model_iface_add_public_address(c->jr.m, ifc, addr);
    return model_strdup(c->jr.m, addr);
}

/* ===== Network ACLs ===== */

/* One entry of a NACL: RuleNumber, Egress, RuleAction, Protocol,
 * CidrBlock or Ipv6CidrBlock, PortRange{From,To}, IcmpTypeCode{Type,Code}. */
static void read_nacl_entry(struct aws_ctx *c, const struct jnode *e, void *arg)
{
    struct nacl *n = arg;
    struct nacl_entry entry;
    const char *action = aws_req_str(c, e, "RuleAction");
    const char *proto = aws_req_str(c, e, "Protocol");
    const struct jnode *range = jr_obj(&c->jr, e, "PortRange");
    const struct jnode *icmp = jr_obj(&c->jr, e, "IcmpTypeCode");
    char cidr[CIDR_TEXT_MAX], err[128];
    long number = 0, from = -1, to = -1;
    int has_ports = 0, v4, v6, rc;
    size_t back;

    enum direction dir;

    if (!jr_int(&c->jr, e, "RuleNumber", &number) && !c->jr.failed)
        jr_error(&c->jr, NULL, "missing RuleNumber");
    dir = jr_bool(&c->jr, e, "Egress") ? DIR_EGRESS : DIR_INGRESS;
    if (c->jr.failed)
        return;
    if ((v4 = aws_read_cidr(c, e, "CidrBlock", cidr)) < 0)
        return;
    if (!v4 && (v6 = aws_read_cidr(c, e, "Ipv6CidrBlock", cidr)) <= 0) {
        if (v6 == 0)
            jr_error(&c->jr, NULL, "missing CidrBlock or Ipv6CidrBlock");
        return;
    }
    /* Ports for TCP and UDP, a type and code for ICMP: whichever is given. */
    back = jr_push_key(&c->jr, range ? "PortRange" : "IcmpTypeCode");
    if (range || icmp) {
        int has_from = jr_int(&c->jr, range ? range : icmp, range ? "From" : "Type", &from);
        int has_to = jr_int(&c->jr, range ? range : icmp, range ? "To" : "Code", &to);
        has_ports = has_from || has_to;
        if (range && has_from && !has_to)
            to = from;
    }
    jr_pop(&c->jr, back);
    if (c->jr.failed)
        return;
    rc = nacl_entry_make(number, action, proto, has_ports, from, to, cidr, &entry, err,
                         sizeof(err));
    if (rc < 0) {
        jr_error(&c->jr, rc == NACL_ERR_NUMBER   ? "RuleNumber"
                         : rc == NACL_ERR_ACTION ? "RuleAction"
                         : rc == PORTS_ERR_PROTOCOL ? "Protocol"
                         : range                 ? "PortRange"
                                                 : "IcmpTypeCode",
                 "%s", err);
        return;
    }
    entry.dir = dir;
    entry.loc = jr_loc(&c->jr, NULL);
    if (model_nacl_add_entry(c->jr.m, n, &entry) < 0)
        jr_error(&c->jr, "RuleNumber", "network ACL '%s' has two %s entries numbered %ld",
                 n->id, dir == DIR_EGRESS ? "outbound" : "inbound", number);
}

static void read_nacl_association(struct aws_ctx *c, const struct jnode *a, void *arg)
{
    struct nacl *n = arg;
    const char *subnet = aws_req_str(c, a, "SubnetId");
    struct subnet *s;

    if (c->jr.failed)
        return;
    s = model_subnet(c->jr.m, subnet, NULL);
    if (!s->nacl_id)
        s->nacl_id = n->id;
    if (!s->vpc && n->vpc)
        s->vpc = n->vpc;
}

static void read_nacl(struct aws_ctx *c, const struct jnode *obj, void *arg)
{
    const char *id = aws_req_str(c, obj, "NetworkAclId");
    const char *vpc = jr_str(&c->jr, obj, "VpcId");
    const char *name = aws_tag(c, obj, "Tags", "Name");
    int is_default = jr_bool(&c->jr, obj, "IsDefault");
    struct nacl *n;

    (void)arg;
    if (c->jr.failed)
        return;
    if (!(n = model_nacl(c->jr.m, id, NULL))) {
        jr_error(&c->jr, "NetworkAclId", "'%s' is already the id of a route table or gateway",
                 id);
        return;
    }
    if (!n->loc.file)
        n->loc = jr_loc(&c->jr, NULL);
    if (vpc && !n->vpc)
        n->vpc = model_strdup(c->jr.m, vpc);
    if (name && !n->name)
        n->name = model_strdup(c->jr.m, name);
    n->is_default |= is_default;
    aws_each_at(c, obj, "Entries", read_nacl_entry, n);
    aws_each_at(c, obj, "Associations", read_nacl_association, n);
    c->drawn++;
}

void aws_read_network_acls(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_nacl, NULL);
}

/* ===== Route tables ===== */

static void read_route(struct aws_ctx *c, const struct jnode *r, void *arg)
{
    struct route_table *t = arg;
    const char *list = jr_str(&c->jr, r, "DestinationPrefixListId");
    const char *state = jr_str(&c->jr, r, "State");
    const char *target = NULL;
    char dest[CIDR_TEXT_MAX];
    struct srcloc loc;
    size_t i;
    int rc;

    if ((rc = aws_read_cidr(c, r, "DestinationCidrBlock", dest)) == 0)
        rc = aws_read_cidr(c, r, "DestinationIpv6CidrBlock", dest);
    if (rc < 0 || c->jr.failed)
        return;
    if (rc == 0 && !list) {
        jr_error(&c->jr, NULL, "missing DestinationCidrBlock, DestinationIpv6CidrBlock or "
                               "DestinationPrefixListId");
        return;
    }
    if (rc == 0)
        snprintf(dest, sizeof(dest), "%.*s", (int)sizeof(dest) - 1, list);
    for (i = 0; i < nroute_target_keys && !target; i++)
        target = jr_str(&c->jr, r, route_target_keys[i].api);
    if (c->jr.failed)
        return;
    if (!target)
        target = "unknown";
    loc = jr_loc(&c->jr, NULL);
    model_route_table_add_route(c->jr.m, t, dest, target, route_target_of(target),
                                state && strcmp(state, "blackhole") == 0, &loc);
}

static void read_route_association(struct aws_ctx *c, const struct jnode *a, void *arg)
{
    struct route_table *t = arg;
    const struct jnode *st = jr_obj(&c->jr, a, "AssociationState");
    const char *subnet = jr_str(&c->jr, a, "SubnetId");
    int is_main = jr_bool(&c->jr, a, "Main");
    size_t back = jr_push_key(&c->jr, "AssociationState");
    const char *state = jr_str(&c->jr, st, "State");
    struct subnet *s;

    jr_pop(&c->jr, back);
    if (c->jr.failed || (state && strcmp(state, "associated") != 0))
        return;
    t->main |= is_main;
    if (!subnet)
        return; /* the main association, or a gateway's (edge) association */
    s = model_subnet(c->jr.m, subnet, NULL);
    if (!s->route_table_id)
        s->route_table_id = t->id;
    if (!s->vpc && t->vpc)
        s->vpc = t->vpc;
}

static void read_route_table(struct aws_ctx *c, const struct jnode *obj, void *arg)
{
    const char *id = aws_req_str(c, obj, "RouteTableId");
    const char *vpc = jr_str(&c->jr, obj, "VpcId");
    const char *name = aws_tag(c, obj, "Tags", "Name");
    struct route_table *t;

    (void)arg;
    if (c->jr.failed)
        return;
    if (!(t = model_route_table(c->jr.m, id, NULL))) {
        jr_error(&c->jr, "RouteTableId", "'%s' is already the id of a network ACL or gateway",
                 id);
        return;
    }
    if (!t->loc.file)
        t->loc = jr_loc(&c->jr, NULL);
    if (vpc && !t->vpc)
        t->vpc = model_strdup(c->jr.m, vpc);
    if (name && !t->name)
        t->name = model_strdup(c->jr.m, name);
    aws_each_at(c, obj, "Routes", read_route, t);
    aws_each_at(c, obj, "Associations", read_route_association, t);
    c->drawn++;
}

void aws_read_route_tables(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_route_table, NULL);
}

/* ===== Gateways ===== */

static void read_attachment(struct aws_ctx *c, const struct jnode *a, void *arg)
{
    struct gateway *g = arg;
    const char *vpc = jr_str(&c->jr, a, "VpcId");
    const char *state = jr_str(&c->jr, a, "State");

    if (c->jr.failed || !vpc || g->vpc)
        return;
    if (!state || strcmp(state, "available") == 0 || strcmp(state, "attached") == 0)
        g->vpc = model_strdup(c->jr.m, vpc);
}

static void read_gateway(struct aws_ctx *c, const struct jnode *obj, void *arg)
{
    const char *key = arg;
    const char *id = aws_req_str(c, obj, key);
    struct gateway *g;

    if (c->jr.failed)
        return;
    if (!(g = model_gateway(c->jr.m, id, NULL))) {
        jr_error(&c->jr, key, "'%s' is already the id of a network ACL or route table", id);
        return;
    }
    if (!g->loc.file)
        g->loc = jr_loc(&c->jr, NULL);
    g->egress_only |= strcmp(key, "EgressOnlyInternetGatewayId") == 0;
    aws_each_at(c, obj, "Attachments", read_attachment, g);
    c->drawn++;
}

void aws_read_internet_gateways(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_gateway, (void *)"InternetGatewayId");
}

void aws_read_egress_only_gateways(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_gateway, (void *)"EgressOnlyInternetGatewayId");
}

/* ===== Elastic IPs ===== */

/* An address associated with an interface: its public address, now if the
 * interface was read, else when it is (read_addresses() looks it up). */
static void read_eip(struct aws_ctx *c, const struct jnode *obj, void *arg)
{
    const char *eni = jr_str(&c->jr, obj, "NetworkInterfaceId");
    struct iface *ifc = eni ? model_find_iface(c->jr.m, eni) : NULL;
    const char *ip;

    (void)arg;
    if (!eni && !c->jr.failed) {
        aws_public_address(c, NULL, obj, "PublicIp"); /* checked, not associated */
        return;
    }
    ip = aws_public_address(c, ifc, obj, "PublicIp");
    if (ip && !ifc)
        aws_state_remember(c->st, "eip", eni, ip);
}

void aws_read_addresses(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_eip, NULL);
}
