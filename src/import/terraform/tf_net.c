/*
 * tf_net.c - the network context of Terraform inputs: network ACLs
 * (aws_network_acl and aws_default_network_acl with inline ingress/egress,
 * aws_network_acl_rule, aws_network_acl_association), route tables
 * (aws_route_table and aws_default_route_table with inline routes,
 * aws_route, aws_route_table_association, aws_main_route_table_association),
 * internet gateways (aws_internet_gateway, aws_egress_only_internet_gateway,
 * aws_internet_gateway_attachment) and public addresses (aws_eip,
 * aws_eip_association, an instance's public_ip or
 * associate_public_ip_address, a subnet's map_public_ip_on_launch).
 *
 * Pass 1 indexes their ids by address (tf_index_net()); pass 2 makes the
 * NACLs, tables and gateways (tf_read_net_object()); pass 3 adds what
 * refers to them (tf_read_net_link()).
 */
#include <stdio.h>
#include <string.h>

#include "cidr.h"
#include "strmap.h"
#include "tf_members.h"
#include "tf_net.h"
#include "tf_refs.h"

/* A value unknown until apply: a public address AWS will give, a route's
 * target. */
#define TF_UNKNOWN "(known after apply)"

static const char *const object_types[] = {
    "aws_network_acl", "aws_default_network_acl", "aws_route_table", "aws_default_route_table",
    "aws_internet_gateway", "aws_egress_only_internet_gateway",
};

/* The id a network object is known by: its id (a default NACL's or
 * table's own), else its address. */
static const char *object_id(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    return model_strdup(c->jr.m, id ? id : r->address);
}

void tf_index_net(struct tf_ctx *c, const struct tf_res *r)
{
    size_t i;

    if (r->data)
        return;
    for (i = 0; i < sizeof(object_types) / sizeof(object_types[0]); i++)
        if (strcmp(r->type, object_types[i]) == 0)
            tf_index_put(c, &c->lk->nets, r->address, object_id(c, r));
    if (strcmp(r->type, "aws_subnet") == 0 && tf_bool(c, r->values, "map_public_ip_on_launch")) {
        const char *id = jr_str(&c->jr, r->values, "id");
        strmap_put(c->lk->public_subnets, model_strdup(c->jr.m, id ? id : r->address),
                   (void *)r->address);
    }
}

/* The first id attribute attr of r names in index ix (known, or in a plan
 * what its expression refers to), or NULL. */
static const char *ref_of(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                          const struct tf_index *ix, const char *noun)
{
    struct target t = {ix, NULL, noun};
    struct idlist l;
    const char *id;

    memset(&l, 0, sizeof(l));
    l.t = &t;
    tf_collect(c, r, attr, &l);
    id = l.n ? l.v[0].id : NULL;
    tf_idlist_release(&l);
    return id;
}

/* Every id attribute attr of r names in index ix, each through fn. */
static void each_ref(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                     const struct tf_index *ix, const char *noun,
                     void (*fn)(struct tf_ctx *c, const char *id, void *arg), void *arg)
{
    struct target t = {ix, NULL, noun};
    struct idlist l;
    size_t i;

    memset(&l, 0, sizeof(l));
    l.t = &t;
    tf_collect(c, r, attr, &l);
    for (i = 0; i < l.n && !c->jr.failed; i++)
        fn(c, l.v[i].id, arg);
    tf_idlist_release(&l);
}

/* ===== Network ACLs ===== */

/* One entry of obj (an inline block or an aws_network_acl_rule): its
 * number, action and egress keys differ between the two. */
struct entry_keys {
    const char *number, *action;
};

static void read_entry(struct tf_ctx *c, struct nacl *n, const json_t *obj,
                       const struct entry_keys *k, enum direction dir)
{
    const char *proto = jr_str(&c->jr, obj, "protocol");
    const char *action = jr_str(&c->jr, obj, k->action);
    const char *v4 = jr_str(&c->jr, obj, "cidr_block");
    const char *v6 = jr_str(&c->jr, obj, "ipv6_cidr_block");
    long number = 0, from = 0, to = 0;
    int has_ports, is_icmp, rc;
    char canon[CIDR_TEXT_MAX], err[128];
    struct nacl_entry e;
    const char *bad;

    if (!tf_int(c, obj, k->number, &number) && !c->jr.failed) {
        jr_error(&c->jr, NULL, "missing %s", k->number);
        return;
    }
    if (c->jr.failed)
        return;
    if (!proto || !action || (!v4 && !v6)) {
        /* In a plan, a value unknown until apply: the entry is not known. */
        if (!c->plan)
            jr_error(&c->jr, NULL, "missing %s", !proto ? "protocol" : !action ? k->action
                                                                              : "cidr_block");
        return;
    }
    is_icmp = strcmp(proto, "icmp") == 0 || strcmp(proto, "1") == 0 ||
              strcmp(proto, "icmpv6") == 0 || strcmp(proto, "58") == 0;
    has_ports = tf_int(c, obj, is_icmp ? "icmp_type" : "from_port", &from);
    has_ports |= tf_int(c, obj, is_icmp ? "icmp_code" : "to_port", &to);
    if (c->jr.failed)
        return;
    if (cidr_canonical(v4 ? v4 : v6, canon, err, sizeof(err)) < 0) {
        jr_error(&c->jr, v4 ? "cidr_block" : "ipv6_cidr_block", "%s", err);
        return;
    }
    rc = nacl_entry_make(number, action, proto, has_ports, from, to, canon, &e, err,
                         sizeof(err));
    if (rc < 0) {
        bad = rc == NACL_ERR_NUMBER ? k->number : rc == NACL_ERR_ACTION ? k->action
              : rc == PORTS_ERR_PROTOCOL ? "protocol" : is_icmp ? "icmp_type" : "from_port";
        jr_error(&c->jr, bad, "%s", err);
        return;
    }
    e.dir = dir;
    e.loc = jr_loc(&c->jr, NULL);
    if (model_nacl_add_entry(c->jr.m, n, &e) < 0)
        jr_error(&c->jr, k->number, "network ACL '%s' has two %s entries numbered %ld", n->id,
                 dir == DIR_EGRESS ? "outbound" : "inbound", number);
}

static void read_entry_blocks(struct tf_ctx *c, struct nacl *n, const json_t *values,
                              const char *block, enum direction dir)
{
    static const struct entry_keys keys = {"rule_no", "action"};
    json_t *arr = jr_arr(&c->jr, values, block);
    size_t i, back = jr_push_key(&c->jr, block);

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *e = tf_elem_obj(c, arr, i);
        size_t b2 = tf_push_index(c, arr, i);
        if (e)
            read_entry(c, n, e, &keys, dir);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

static void associate_nacl(struct tf_ctx *c, const char *subnet, void *arg)
{
    struct subnet *s = model_subnet(c->jr.m, subnet, NULL);
    if (!s->nacl_id)
        s->nacl_id = arg;
}

static void read_nacl(struct tf_ctx *c, const struct tf_res *r, int is_default)
{
    const char *id = object_id(c, r);
    const char *vpc = ref_of(c, r, "vpc_id", &c->lk->vpcs, "VPC");
    struct nacl *n = model_nacl(c->jr.m, id, NULL);

    if (!n || c->jr.failed)
        return;
    if (!n->loc.file)
        n->loc = jr_loc(&c->jr, NULL);
    if (vpc && !n->vpc)
        n->vpc = vpc;
    if (!n->name)
        n->name = model_strdup(c->jr.m, tf_name_tag(c, r->values));
    n->is_default |= is_default;
    read_entry_blocks(c, n, r->values, "ingress", DIR_INGRESS);
    read_entry_blocks(c, n, r->values, "egress", DIR_EGRESS);
    if (!c->jr.failed)
        each_ref(c, r, "subnet_ids", &c->lk->subnets, "subnet", associate_nacl, (void *)n->id);
}

static void read_nacl_rule(struct tf_ctx *c, const struct tf_res *r)
{
    static const struct entry_keys keys = {"rule_number", "rule_action"};
    const char *id = ref_of(c, r, "network_acl_id", &c->lk->nets, "network ACL");
    struct nacl *n;

    if (!id || c->jr.failed || !(n = model_nacl(c->jr.m, id, NULL)))
        return;
    read_entry(c, n, r->values, &keys, tf_bool(c, r->values, "egress") ? DIR_EGRESS : DIR_INGRESS);
}

static void read_nacl_association(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = ref_of(c, r, "network_acl_id", &c->lk->nets, "network ACL");
    const char *subnet = ref_of(c, r, "subnet_id", &c->lk->subnets, "subnet");

    if (id && subnet && !c->jr.failed)
        associate_nacl(c, subnet, (void *)id);
}

/* ===== Route tables ===== */

/*
 * The target of a route at attr: a known id; in a plan, for an aws_route,
 * the address its expression names; else, when the plan marks it unknown
 * until apply, TF_UNKNOWN.
 */
static const char *route_target(struct tf_ctx *c, const struct tf_res *r, const json_t *obj,
                                const json_t *marks, const char *attr)
{
    const char *id = jr_str(&c->jr, obj, attr);

    if (id || !c->plan)
        return id;
    if (obj == r->values && (id = ref_of(c, r, attr, &c->lk->nets, "gateway")) != NULL)
        return id;
    return json_is_true(json_object_get(marks, attr)) ? TF_UNKNOWN : NULL;
}

/* One route of obj (an inline block: cidr_block...; aws_route:
 * destination_cidr_block...) into table t. */
static void read_route(struct tf_ctx *c, const struct tf_res *r, struct route_table *t,
                       const json_t *obj, const json_t *marks, int inline_block)
{
    static const char *const dest_keys[2][3] = {
        {"destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"},
        {"cidr_block", "ipv6_cidr_block", "destination_prefix_list_id"}};
    char dest[CIDR_TEXT_MAX], err[128];
    const char *text = NULL, *key = NULL, *target = NULL;
    enum route_target type = ROUTE_OTHER;
    struct srcloc loc;
    size_t i;

    for (i = 0; i < 3 && !text; i++)
        text = jr_str(&c->jr, obj, key = dest_keys[inline_block][i]);
    for (i = 0; i < nroute_target_keys && !target; i++) {
        if (!route_target_keys[i].tf)
            continue;
        target = route_target(c, r, obj, marks, route_target_keys[i].tf);
        type = route_target_keys[i].type;
    }
    if (c->jr.failed || !text || !target)
        return; /* unknown until apply, or no route */
    if (strncmp(text, "pl-", 3) == 0 || strcmp(key, "destination_prefix_list_id") == 0) {
        snprintf(dest, sizeof(dest), "%.*s", (int)sizeof(dest) - 1, text);
    } else if (cidr_canonical(text, dest, err, sizeof(err)) < 0) {
        jr_error(&c->jr, key, "%s", err);
        return;
    }
    /* A gateway_id may name a virtual private gateway or "local"; one unknown
     * until apply is taken for an internet gateway's, as it mostly is. */
    if (type == ROUTE_IGW && strncmp(target, "igw-", 4) != 0 &&
        !strstr(target, "aws_internet_gateway.") && strcmp(target, TF_UNKNOWN) != 0)
        type = route_target_of(target);
    loc = jr_loc(&c->jr, NULL);
    model_route_table_add_route(c->jr.m, t, dest, target, type, 0, &loc);
}

static void associate_table(struct tf_ctx *c, const char *subnet, void *arg)
{
    struct subnet *s = model_subnet(c->jr.m, subnet, NULL);
    if (!s->route_table_id)
        s->route_table_id = arg;
}

static void read_route_table(struct tf_ctx *c, const struct tf_res *r, int is_default)
{
    const char *vpc = ref_of(c, r, "vpc_id", &c->lk->vpcs, "VPC");
    struct route_table *t = model_route_table(c->jr.m, object_id(c, r), NULL);
    const json_t *marks;
    json_t *arr;
    size_t i, back;

    if (!t || c->jr.failed)
        return;
    if (!t->loc.file)
        t->loc = jr_loc(&c->jr, NULL);
    if (vpc && !t->vpc)
        t->vpc = vpc;
    if (!t->name)
        t->name = model_strdup(c->jr.m, tf_name_tag(c, r->values));
    t->main |= is_default;
    arr = jr_arr(&c->jr, r->values, "route");
    marks = r->unknown ? json_object_get(r->unknown, "route") : NULL;
    back = jr_push_key(&c->jr, "route");
    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *e = tf_elem_obj(c, arr, i);
        size_t b2 = tf_push_index(c, arr, i);
        if (e)
            read_route(c, r, t, e, json_array_get(marks, i), 1);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

static struct route_table *table_of(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = ref_of(c, r, "route_table_id", &c->lk->nets, "route table");
    return id && !c->jr.failed ? model_route_table(c->jr.m, id, NULL) : NULL;
}

static void read_route_link(struct tf_ctx *c, const struct tf_res *r)
{
    struct route_table *t = table_of(c, r);
    const char *subnet;
    size_t i;

    if (!t)
        return;
    if (strcmp(r->type, "aws_route") == 0) {
        read_route(c, r, t, r->values, r->unknown, 0);
    } else if (strcmp(r->type, "aws_route_table_association") == 0) {
        if ((subnet = ref_of(c, r, "subnet_id", &c->lk->subnets, "subnet")) != NULL)
            associate_table(c, subnet, (void *)t->id);
    } else {
        /* aws_main_route_table_association: this table, no longer the default. */
        const char *vpc = ref_of(c, r, "vpc_id", &c->lk->vpcs, "VPC");
        for (i = 0; vpc && i < c->jr.m->nroute_tables; i++)
            if (c->jr.m->route_tables[i]->vpc && strcmp(c->jr.m->route_tables[i]->vpc, vpc) == 0)
                c->jr.m->route_tables[i]->main = 0;
        t->main = 1;
        if (vpc && !t->vpc)
            t->vpc = vpc;
    }
}

/* ===== Gateways and public addresses ===== */

static void read_gateway(struct tf_ctx *c, const struct tf_res *r, const char *id_attr)
{
    const char *id = id_attr ? ref_of(c, r, id_attr, &c->lk->nets, "gateway") : object_id(c, r);
    const char *vpc = ref_of(c, r, "vpc_id", &c->lk->vpcs, "VPC");
    struct gateway *g;

    if (!id || c->jr.failed || !(g = model_gateway(c->jr.m, id, NULL)))
        return;
    if (!g->loc.file)
        g->loc = jr_loc(&c->jr, NULL);
    g->egress_only |= strcmp(r->type, "aws_egress_only_internet_gateway") == 0;
    if (vpc && !g->vpc)
        g->vpc = vpc;
}

/* The public address of an interface an EIP names (instance, ENI). */
static void public_on(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                      const char *ip)
{
    struct target t = {&c->lk->ifaces, c->lk->iface_by_eni, "interface"};
    struct idlist l;
    size_t i;

    memset(&l, 0, sizeof(l));
    l.t = &t;
    tf_collect(c, r, attr, &l);
    for (i = 0; i < l.n; i++) {
        const char *id = strmap_get(c->lk->iface_by_eni, l.v[i].id);
        struct iface *ifc = model_find_iface(c->jr.m, id ? id : l.v[i].id);
        if (ifc)
            model_iface_add_public_address(c->jr.m, ifc, ip);
    }
    tf_idlist_release(&l);
}

static void read_eip(struct tf_ctx *c, const struct tf_res *r, int association)
{
    const char *ip = jr_str(&c->jr, r->values, "public_ip");

    if (c->jr.failed)
        return;
    ip = ip ? ip : TF_UNKNOWN;
    public_on(c, r, association ? "instance_id" : "instance", ip);
    public_on(c, r, association ? "network_interface_id" : "network_interface", ip);
}

/* An instance's own public address: public_ip, or one to come
 * (associate_public_ip_address, its subnet's map_public_ip_on_launch). */
static void read_instance_public(struct tf_ctx *c, const struct tf_res *r)
{
    const char *ip = jr_str(&c->jr, r->values, "public_ip");
    json_t *assoc = json_object_get(r->values, "associate_public_ip_address");
    struct iface *ifc = model_find_iface(c->jr.m, r->address);

    if (!ifc || c->jr.failed)
        return;
    if (ip) {
        model_iface_add_public_address(c->jr.m, ifc, ip);
    } else if (json_is_true(assoc) ||
               (!json_is_false(assoc) && ifc->subnet &&
                strmap_get(c->lk->public_subnets, ifc->subnet))) {
        if (c->plan)
            model_iface_add_public_address(c->jr.m, ifc, TF_UNKNOWN);
    }
}

int tf_read_net_object(struct tf_ctx *c, const struct tf_res *r)
{
    if (r->data)
        return 0;
    if (strcmp(r->type, "aws_network_acl") == 0 || strcmp(r->type, "aws_default_network_acl") == 0)
        read_nacl(c, r, r->type[4] == 'd');
    else if (strcmp(r->type, "aws_route_table") == 0 ||
             strcmp(r->type, "aws_default_route_table") == 0)
        read_route_table(c, r, r->type[4] == 'd');
    else if (strcmp(r->type, "aws_internet_gateway") == 0 ||
             strcmp(r->type, "aws_egress_only_internet_gateway") == 0)
        read_gateway(c, r, NULL);
    else
        return 0;
    return 1;
}

int tf_read_net_link(struct tf_ctx *c, const struct tf_res *r)
{
    if (r->data)
        return 0;
    if (strcmp(r->type, "aws_network_acl_rule") == 0)
        read_nacl_rule(c, r);
    else if (strcmp(r->type, "aws_network_acl_association") == 0)
        read_nacl_association(c, r);
    else if (strcmp(r->type, "aws_route") == 0 ||
             strcmp(r->type, "aws_route_table_association") == 0 ||
             strcmp(r->type, "aws_main_route_table_association") == 0)
        read_route_link(c, r);
    else if (strcmp(r->type, "aws_internet_gateway_attachment") == 0)
        read_gateway(c, r, "internet_gateway_id");
    else if (strcmp(r->type, "aws_eip") == 0 || strcmp(r->type, "aws_eip_association") == 0)
        read_eip(c, r, r->type[7] == '_');
    else if (strcmp(r->type, "aws_instance") == 0)
        read_instance_public(c, r);
    else
        return 0;
    return 1;
}
