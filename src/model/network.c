/*
 * network.c - the model's network context (see model.h): network ACLs and
 * their ordered entries, route tables and their routes, internet gateways,
 * public addresses of interfaces, and which NACL and route table each
 * subnet has (its explicit association, else its VPC's default and main).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "strmap.h"
#include "xalloc.h"

/* The three kinds share net_index; each object starts with its kind. */
enum net_kind { NET_NACL = 1, NET_ROUTE_TABLE, NET_GATEWAY };

struct net_obj {
    enum net_kind kind;
    void *obj;
};

static struct net_obj *net_lookup(const struct model *m, const char *id)
{
    return m->net_index ? strmap_get(m->net_index, id) : NULL;
}

static void net_register(struct model *m, const char *id, enum net_kind kind, void *obj)
{
    struct net_obj *o = arena_alloc(&m->arena, sizeof(*o));
    if (!m->net_index)
        m->net_index = strmap_new();
    o->kind = kind;
    o->obj = obj;
    strmap_put(m->net_index, id, o);
}

/*
 * Find or create the object of this id and kind: a new one of size bytes,
 * its id copied (the first member of each kind's struct), appended to the
 * kind's array. NULL when the id is another kind's.
 */
static void *net_object(struct model *m, const char *id, enum net_kind kind, size_t size,
                        void ***arr, size_t *n, size_t *alloc, int *created)
{
    struct net_obj *o = net_lookup(m, id);
    const char **obj;

    if (created)
        *created = o == NULL;
    if (o)
        return o->kind == kind ? o->obj : NULL;
    obj = arena_alloc(&m->arena, size);
    *obj = model_strdup(m, id);
    XGROW(*arr, *alloc, *n + 1);
    (*arr)[(*n)++] = obj;
    net_register(m, *obj, kind, obj);
    return obj;
}

struct nacl *model_nacl(struct model *m, const char *id, int *created)
{
    return net_object(m, id, NET_NACL, sizeof(struct nacl), (void ***)&m->nacls, &m->nnacls,
                      &m->nacls_alloc, created);
}

const struct nacl *model_find_nacl(const struct model *m, const char *id)
{
    struct net_obj *o = net_lookup(m, id);
    return o && o->kind == NET_NACL ? o->obj : NULL;
}

int nacl_entry_make(long number, const char *action, const char *protocol, int has_ports,
                    long from, long to, const char *cidr, struct nacl_entry *out, char *err,
                    size_t errlen)
{
    int rc;

    memset(out, 0, sizeof(*out));
    if (number < 1 || number > NACL_RULE_LAST) {
        snprintf(err, errlen, "rule number out of range: %ld (1-%d)", number, NACL_RULE_LAST);
        return NACL_ERR_NUMBER;
    }
    if (strcmp(action, "allow") != 0 && strcmp(action, "deny") != 0) {
        snprintf(err, errlen, "expected allow or deny, got '%s'", action);
        return NACL_ERR_ACTION;
    }
    if ((rc = ports_from_aws(protocol, has_ports, from, to, &out->ports, err, errlen)) < 0)
        return rc;
    out->number = (int)number;
    out->allow = action[0] == 'a';
    out->cidr = cidr;
    return 0;
}

int model_nacl_add_entry(struct model *m, struct nacl *n, const struct nacl_entry *e)
{
    struct nacl_entry *copy;
    size_t i;

    for (i = 0; i < n->nentries; i++) {
        const struct nacl_entry *x = &n->entries[i];
        if (x->dir != e->dir || x->number != e->number)
            continue;
        /* The same entry read twice (a file given twice) is one entry. */
        if (x->allow == e->allow && strcmp(x->cidr, e->cidr) == 0 &&
            ports_compare(&x->ports, &e->ports) == 0)
            return 1;
        if (e->number != NACL_RULE_LAST)
            return -1;
    }
    XGROW(n->entries, n->entries_alloc, n->nentries + 1);
    copy = &n->entries[n->nentries++];
    *copy = *e;
    copy->cidr = model_strdup(m, e->cidr);
    return 0;
}

const struct nacl_entry *model_nacl_find_entry(const struct nacl *n, enum direction dir,
                                               int number)
{
    size_t i;
    for (i = 0; i < n->nentries; i++)
        if (n->entries[i].dir == dir && n->entries[i].number == number)
            return &n->entries[i];
    return NULL;
}

struct route_table *model_route_table(struct model *m, const char *id, int *created)
{
    return net_object(m, id, NET_ROUTE_TABLE, sizeof(struct route_table),
                      (void ***)&m->route_tables, &m->nroute_tables, &m->route_tables_alloc,
                      created);
}

const struct route_table *model_find_route_table(const struct model *m, const char *id)
{
    struct net_obj *o = net_lookup(m, id);
    return o && o->kind == NET_ROUTE_TABLE ? o->obj : NULL;
}

const char *route_target_name(enum route_target t)
{
    switch (t) {
    case ROUTE_LOCAL: return "local";
    case ROUTE_IGW: return "internet-gateway";
    case ROUTE_EIGW: return "egress-only-internet-gateway";
    case ROUTE_NAT: return "nat-gateway";
    case ROUTE_PEERING: return "peering";
    case ROUTE_TRANSIT: return "transit-gateway";
    case ROUTE_OTHER: return "other";
    }
    return "other";
}

enum route_target route_target_of(const char *target)
{
    static const struct {
        const char *prefix;
        enum route_target type;
    } prefixes[] = {
        {"igw-", ROUTE_IGW}, {"eigw-", ROUTE_EIGW}, {"nat-", ROUTE_NAT},
        {"pcx-", ROUTE_PEERING}, {"tgw-", ROUTE_TRANSIT},
    };
    size_t i;

    if (strcmp(target, "local") == 0)
        return ROUTE_LOCAL;
    for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (strncmp(target, prefixes[i].prefix, strlen(prefixes[i].prefix)) == 0)
            return prefixes[i].type;
    return ROUTE_OTHER;
}

const struct route_target_key route_target_keys[] = {
    {"GatewayId", "gateway_id", ROUTE_IGW},
    {"EgressOnlyInternetGatewayId", "egress_only_gateway_id", ROUTE_EIGW},
    {"NatGatewayId", "nat_gateway_id", ROUTE_NAT},
    {"VpcPeeringConnectionId", "vpc_peering_connection_id", ROUTE_PEERING},
    {"TransitGatewayId", "transit_gateway_id", ROUTE_TRANSIT},
    {"NetworkInterfaceId", "network_interface_id", ROUTE_OTHER},
    {"InstanceId", NULL, ROUTE_OTHER},
    {"VpcEndpointId", "vpc_endpoint_id", ROUTE_OTHER},
    {"LocalGatewayId", "local_gateway_id", ROUTE_OTHER},
    {"CarrierGatewayId", "carrier_gateway_id", ROUTE_OTHER},
    {"CoreNetworkArn", "core_network_arn", ROUTE_OTHER},
};
const size_t nroute_target_keys = sizeof(route_target_keys) / sizeof(route_target_keys[0]);

void model_route_table_add_route(struct model *m, struct route_table *t, const char *dest,
                                 const char *target, enum route_target type, int blackhole,
                                 const struct srcloc *loc)
{
    struct route *r;
    size_t i;

    for (i = 0; i < t->nroutes; i++)
        if (strcmp(t->routes[i].dest, dest) == 0)
            return;
    XGROW(t->routes, t->routes_alloc, t->nroutes + 1);
    r = &t->routes[t->nroutes++];
    r->dest = model_strdup(m, dest);
    r->target = model_strdup(m, target);
    r->type = type;
    r->blackhole = blackhole;
    r->loc = *loc;
}

struct gateway *model_gateway(struct model *m, const char *id, int *created)
{
    int fresh;
    struct gateway *g = net_object(m, id, NET_GATEWAY, sizeof(struct gateway),
                                   (void ***)&m->gateways, &m->ngateways, &m->gateways_alloc,
                                   &fresh);
    if (fresh)
        g->egress_only = strncmp(id, "eigw-", 5) == 0;
    if (created)
        *created = fresh;
    return g;
}

const struct gateway *model_find_gateway(const struct model *m, const char *id)
{
    struct net_obj *o = net_lookup(m, id);
    return o && o->kind == NET_GATEWAY ? o->obj : NULL;
}

void model_iface_add_public_address(struct model *m, struct iface *ifc, const char *address)
{
    size_t i;
    for (i = 0; i < ifc->npublic_addresses; i++)
        if (strcmp(ifc->public_addresses[i], address) == 0)
            return;
    ifc->public_addresses = xrealloc(ifc->public_addresses, (ifc->npublic_addresses + 1) *
                                                                sizeof(*ifc->public_addresses));
    ifc->public_addresses[ifc->npublic_addresses++] = model_strdup(m, address);
}

int model_has_network(const struct model *m)
{
    return m->nnacls || m->nroute_tables || m->ngateways;
}

void model_network_free(struct model *m)
{
    size_t i;
    for (i = 0; i < m->nnacls; i++)
        free(m->nacls[i]->entries);
    for (i = 0; i < m->nroute_tables; i++)
        free(m->route_tables[i]->routes);
    for (i = 0; i < m->nifaces; i++)
        free(m->ifaces[i]->public_addresses);
    free(m->nacls);
    free(m->route_tables);
    free(m->gateways);
    strmap_free(m->net_index);
}

/* ===== Finishing ===== */

static int cmp_entry(const void *a, const void *b)
{
    const struct nacl_entry *x = a, *y = b;
    if (x->dir != y->dir)
        return x->dir < y->dir ? -1 : 1;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    /* One number may hold an IPv4 and an IPv6 entry (the closing "*"). */
    return strcmp(x->cidr, y->cidr);
}

#define CMP_BY_ID(name, type)                                                             \
    static int name(const void *a, const void *b)                                         \
    {                                                                                     \
        return strcmp((*(type *const *)a)->id, (*(type *const *)b)->id);                  \
    }
CMP_BY_ID(cmp_nacl_ptr, struct nacl)
CMP_BY_ID(cmp_table_ptr, struct route_table)
CMP_BY_ID(cmp_gateway_ptr, struct gateway)

static int same_vpc(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The VPC's default NACL or main route table (the first by id). */
static const struct nacl *default_nacl(const struct model *m, const char *vpc)
{
    size_t j;
    for (j = 0; j < m->nnacls; j++)
        if (m->nacls[j]->is_default && same_vpc(m->nacls[j]->vpc, vpc))
            return m->nacls[j];
    return NULL;
}

static const struct route_table *main_table(const struct model *m, const char *vpc)
{
    size_t j;
    for (j = 0; j < m->nroute_tables; j++)
        if (m->route_tables[j]->main && same_vpc(m->route_tables[j]->vpc, vpc))
            return m->route_tables[j];
    return NULL;
}

void model_network_finish(struct model *m)
{
    size_t i, j;

    for (i = 0; i < m->nnacls; i++)
        xqsort(m->nacls[i]->entries, m->nacls[i]->nentries, sizeof(struct nacl_entry),
               cmp_entry);
    xqsort(m->nacls, m->nnacls, sizeof(*m->nacls), cmp_nacl_ptr);
    xqsort(m->route_tables, m->nroute_tables, sizeof(*m->route_tables), cmp_table_ptr);
    xqsort(m->gateways, m->ngateways, sizeof(*m->gateways), cmp_gateway_ptr);
    for (i = 0; i < m->nnacls; i++)
        m->nacls[i]->index = i;
    for (i = 0; i < m->nroute_tables; i++)
        m->route_tables[i]->index = i;
    if (!model_has_network(m))
        return;
    for (i = 0; i < m->nsubnets; i++) {
        struct subnet *s = m->subnets[i];
        s->nacl = s->nacl_id ? model_find_nacl(m, s->nacl_id) : default_nacl(m, s->vpc);
        s->route_table = s->route_table_id ? model_find_route_table(m, s->route_table_id)
                                           : main_table(m, s->vpc);
    }
    for (j = 0; j < m->nifaces; j++) {
        struct iface *ifc = m->ifaces[j];
        const struct subnet *s = ifc->subnet ? model_find_subnet(m, ifc->subnet) : NULL;
        if (s) {
            ifc->nacl = s->nacl;
            ifc->route_table = s->route_table;
        } else if (ifc->subnet) {
            /* A subnet no association names has its VPC's defaults. */
            ifc->nacl = default_nacl(m, ifc->vpc);
            ifc->route_table = main_table(m, ifc->vpc);
        }
    }
}
