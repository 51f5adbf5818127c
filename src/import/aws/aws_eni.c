/*
 * aws_eni.c - network interfaces: DescribeNetworkInterfaces (each ENI's
 * kind, label and owner from the owner table of aws-input-reference.md
 * section 3), DescribeInstances (instances and their ENIs; an instance
 * listed without ENIs becomes a placeholder member) and
 * DescribeVpcEndpoints (endpoint ENIs by id, and endpoint names).
 *
 * The same ENI read from several files is one interface (merged by id);
 * labels that need another file (an instance's Name tag, an endpoint's
 * service) are filled at reconciliation, whatever the file order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws_internal.h"
#include "aws_kinds.h"
#include "diag.h"
#include "strbuf.h"
#include "xalloc.h"

/* What the owner table says about one ENI. */
struct owner {
    enum iface_kind kind;
    char label[256];
    char key[288];  /* owner key: collapse key and placeholder key */
    unsigned need;  /* AWS_NEED_* */
    char extra[128];
};

void aws_set_label(struct model *m, struct iface *ifc, const char *label)
{
    if (label && (ifc->label == ifc->id || !ifc->label))
        ifc->label = model_strdup(m, label);
}

/* One {GroupId, GroupName} of aws_read_group_pairs(): a group of the interface arg. */
static void read_group_pair(struct aws_ctx *c, const struct jnode *g, void *arg)
{
    struct iface *ifc = arg;
    const char *gid = aws_req_str(c, g, "GroupId");
    const char *gname = jr_str(&c->jr, g, "GroupName");

    if (!c->jr.failed) {
        struct srcloc loc = jr_loc(&c->jr, NULL);
        model_iface_add_group(c->jr.m, ifc, gid, gname, 0, &loc);
    }
}

void aws_read_group_pairs(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj,
                          const char *key)
{
    aws_each_at(c, obj, key, read_group_pair, ifc);
}

/* Does s start with prefix? Returns the rest, or NULL. */
static const char *after(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/* Copy the leading word of s made of chars in set into out. */
static void word(const char *s, const char *stop, char *out, size_t outlen)
{
    size_t n = strcspn(s, stop);
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

static void set(struct owner *o, enum iface_kind kind, const char *keyprefix,
                const char *label)
{
    o->kind = kind;
    snprintf(o->label, sizeof(o->label), "%s", label);
    snprintf(o->key, sizeof(o->key), "%s%s", keyprefix, label);
}

/* "ELB app/NAME/hex", "ELB net/...", "ELB gwy/...", "ELB NAME". */
static int owner_elb(const char *rest, struct owner *o)
{
    static const struct {
        const char *prefix, *key;
        enum iface_kind kind;
    } types[] = {
        {"app/", "alb:", KIND_ALB}, {"net/", "nlb:", KIND_NLB}, {"gwy/", "gwlb:", KIND_GWLB}};
    char name[256];
    size_t i;

    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        const char *p = after(rest, types[i].prefix);
        if (p) {
            word(p, "/", name, sizeof(name));
            set(o, types[i].kind, types[i].key, name);
            return 1;
        }
    }
    if (strchr(rest, '/'))
        return 0;
    word(rest, " ", name, sizeof(name));
    set(o, KIND_CLB, "clb:", name);
    return 1;
}

/* "AWS Lambda VPC ENI-FN-UUID36": the function name without the uuid. */
static void owner_lambda(const char *rest, struct owner *o)
{
    char name[256];
    size_t n = strlen(rest);

    if (n > 37 && rest[n - 37] == '-')
        n -= 37;
    if (n >= sizeof(name))
        n = sizeof(name) - 1;
    memcpy(name, rest, n);
    name[n] = '\0';
    set(o, KIND_LAMBDA, "lambda:", name);
}

/* Description prefixes of other services (kind other), with their labels. */
static const struct {
    const char *prefix, *label;
    enum iface_kind kind;
} other_prefixes[] = {
    {"RedshiftNetworkInterface", "Redshift", KIND_OTHER},
    {"AWS created network interface for directory ", "Directory Service ", KIND_OTHER},
    {"DAX ", "DAX ", KIND_OTHER},
    {"CloudHSM", "CloudHSM", KIND_OTHER},
    {"aws-K8S-", "EKS VPC CNI ", KIND_EKS},
    {"aws-k8s-branch-eni", "EKS pod (branch ENI)", KIND_EKS},
    {"aws-k8s-trunk-eni", "EKS trunk ENI", KIND_EKS},
};

/* The owner table, first match wins (see the file header). */
static void classify(const char *eni, const char *type, const char *desc,
                     const char *instance, const char *instance_owner, const char *owner_id,
                     const char *requester, int requester_managed, const char *op_principal,
                     struct owner *o)
{
    const struct aws_kind *k;
    const char *rest;
    char id[128];
    size_t i;

    memset(o, 0, sizeof(*o));
    if (!type)
        type = "interface";
    if (!desc)
        desc = "";
    if (instance && (!instance_owner || !owner_id || strcmp(instance_owner, owner_id) == 0)) {
        o->kind = KIND_EC2;
        snprintf(o->label, sizeof(o->label), "%s", instance);
        snprintf(o->key, sizeof(o->key), "%s", instance);
        o->need = AWS_NEED_INSTANCE_NAME;
        return;
    }
    if ((rest = after(desc, "ELB ")) != NULL && owner_elb(rest, o))
        return;
    if ((rest = after(desc, "AWS Lambda VPC ENI-")) != NULL) {
        owner_lambda(rest, o);
        return;
    }
    if (after(desc, "arn:aws:ecs:") && (rest = strstr(desc, ":attachment/")) != NULL) {
        set(o, KIND_ECS, "ecs:", "ECS task");
        snprintf(o->key, sizeof(o->key), "ecs");
        snprintf(o->extra, sizeof(o->extra), "%s", rest + 12);
        o->need = AWS_NEED_ATTACHMENT | AWS_NEED_MATCH_LABEL;
        return;
    }
    if ((rest = after(desc, "Interface for NAT Gateway ")) != NULL ||
        ((k = aws_kind_by_eni(type)) != NULL && k->kind == KIND_NAT) ||
        strcmp(type, "natGateway") == 0) {
        word(rest ? rest : eni, " ", id, sizeof(id));
        set(o, KIND_NAT, "", id);
        return;
    }
    if ((rest = after(desc, "VPC Endpoint Interface")) != NULL) {
        if (*rest == ':')
            rest++;
        while (*rest == ' ')
            rest++;
        word(rest, " ", id, sizeof(id));
        set(o, KIND_ENDPOINT, "", id);
        o->need = AWS_NEED_ENDPOINT_NAME;
        return;
    }
    if ((rest = after(desc, "EFS mount target for ")) != NULL ||
        ((k = aws_kind_by_eni(type)) != NULL && k->kind == KIND_EFS)) {
        word(rest ? rest : eni, " ", id, sizeof(id));
        set(o, KIND_EFS, "", id);
        return;
    }
    if ((rest = after(desc, "Network Interface for Transit Gateway Attachment ")) != NULL) {
        word(rest, " ", id, sizeof(id));
        o->kind = KIND_OTHER;
        snprintf(o->label, sizeof(o->label), "transit gateway %s", id);
        snprintf(o->key, sizeof(o->key), "%s", id);
        return;
    }
    if ((rest = after(desc, "Amazon EKS ")) != NULL) {
        word(rest, " ", id, sizeof(id));
        o->kind = KIND_EKS;
        snprintf(o->label, sizeof(o->label), "EKS %s", id);
        snprintf(o->key, sizeof(o->key), "eks:%s", id);
        return;
    }
    if (strcmp(desc, "RDSNetworkInterface") == 0 ||
        ((k = aws_kind_by_eni(requester)) != NULL && k->kind == KIND_RDS)) {
        o->kind = KIND_RDS;
        snprintf(o->label, sizeof(o->label), "RDS");
        snprintf(o->key, sizeof(o->key), "rds");
        o->need = AWS_NEED_MATCH_LABEL;
        return;
    }
    if ((rest = after(desc, "ElastiCache ")) != NULL) {
        word(rest, " ", id, sizeof(id));
        set(o, KIND_ELASTICACHE, "elasticache:", id);
        return;
    }
    for (i = 0; i < sizeof(other_prefixes) / sizeof(other_prefixes[0]); i++) {
        if ((rest = after(desc, other_prefixes[i].prefix)) != NULL) {
            o->kind = other_prefixes[i].kind;
            snprintf(o->label, sizeof(o->label), "%s%s", other_prefixes[i].label,
                     other_prefixes[i].label[strlen(other_prefixes[i].label) - 1] == ' '
                         ? rest : "");
            snprintf(o->key, sizeof(o->key), "%s", o->label);
            return;
        }
    }
    /* Interface types that say what the ENI is without a description: a
     * service (its label), or a resource named by the description. */
    k = aws_kind_by_eni(type);
    if (k && k->eni_label) {
        o->kind = k->kind;
        snprintf(o->label, sizeof(o->label), "%s", k->eni_label);
        snprintf(o->key, sizeof(o->key), "%s", type);
        return;
    }
    if (k && k->kind != KIND_RDS) {
        char prefix[32];
        snprintf(prefix, sizeof(prefix), "%s%s", k->kind == KIND_ENDPOINT ? "" : kind_name(k->kind),
                 k->kind == KIND_ENDPOINT ? "" : ":");
        set(o, k->kind, prefix, *desc ? desc : eni);
        return;
    }
    o->kind = KIND_OTHER;
    if (op_principal)
        snprintf(o->label, sizeof(o->label), "%s", op_principal);
    else if (requester_managed)
        snprintf(o->label, sizeof(o->label), "AWS-managed (%s)",
                 requester ? requester : "unknown");
    else
        snprintf(o->label, sizeof(o->label), "%s", *desc ? desc : eni);
    snprintf(o->key, sizeof(o->key), "%s", eni);
}

/* An address list of an ENI record: the interface, the key of each address. */
struct address_list {
    struct iface *ifc;
    const char *key;
};

/* The public address of an object's Association{PublicIp}, if any. */
static void read_public_address(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj)
{
    const struct jnode *assoc = jr_obj(&c->jr, obj, "Association");
    size_t back = jr_push_key(&c->jr, "Association");

    aws_public_address(c, ifc, assoc, "PublicIp");
    jr_pop(&c->jr, back);
}

static void read_address(struct aws_ctx *c, const struct jnode *a, void *arg)
{
    const struct address_list *al = arg;
    const char *addr = jr_str(&c->jr, a, al->key);

    if (addr)
        model_iface_add_address(c->jr.m, al->ifc, addr);
    read_public_address(c, al->ifc, a);
}

/* Addresses, subnet and VPC of an ENI record. */
static void read_addresses(struct aws_ctx *c, struct iface *ifc, const struct jnode *e)
{
    static const struct {
        const char *list, *key;
    } lists[] = {{"PrivateIpAddresses", "PrivateIpAddress"}, {"Ipv6Addresses", "Ipv6Address"}};
    const char *primary = jr_str(&c->jr, e, "PrivateIpAddress");
    const char *subnet = jr_str(&c->jr, e, "SubnetId");
    const char *vpc = jr_str(&c->jr, e, "VpcId");
    size_t l;

    const char *eip = aws_state_lookup(c->st, "eip", ifc->id);

    if (primary)
        model_iface_add_address(c->jr.m, ifc, primary);
    read_public_address(c, ifc, e);
    if (eip)
        model_iface_add_public_address(c->jr.m, ifc, eip);
    if (subnet && !ifc->subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
    if (vpc && !ifc->vpc)
        ifc->vpc = model_strdup(c->jr.m, vpc);
    for (l = 0; l < 2 && !c->jr.failed; l++) {
        struct address_list al = {ifc, lists[l].key};
        aws_each_at(c, e, lists[l].list, read_address, &al);
    }
}

/* The instance of an ENI record read from DescribeInstances (its owner for certain). */
struct eni_instance {
    const char *id;
    const char *name;   /* its Name tag, or its id */
    const char *vpc, *subnet;
};

/*
 * The interface of an ENI record with id: the one already read with this
 * id, unless that one belongs to another instance. An ENI is attached to
 * one instance, so two instances listing the same id is an input that
 * was edited or mixed up: both are kept, the later one as "ID#N", with a
 * warning that names both places, rather than one interface drawn in the
 * groups of both.
 */
static struct iface *eni_of(struct aws_ctx *c, const char *id, const struct owner *o)
{
    struct iface *first = model_find_iface(c->jr.m, id), *ifc = first;
    struct strbuf where = STRBUF_INIT;
    struct srcloc loc;
    char *dup = NULL;
    int n, created = 0;

    if (!first || !aws_state_lookup(c->st, "eni", id) || strncmp(first->owner, "i-", 2) != 0 ||
        strncmp(o->key, "i-", 2) != 0 || strcmp(first->owner, o->key) == 0)
        return first ? first : model_iface(c->jr.m, id, NULL);
    for (n = 2; !created; n++) {
        free(dup);
        dup = xasprintf("%s#%d", id, n);
        ifc = model_iface(c->jr.m, dup, &created);
        if (!created && strcmp(ifc->owner, o->key) == 0)
            break; /* this instance's copy, already reported */
    }
    if (created) {
        loc = jr_loc(&c->jr, NULL);
        diag_where(&where, &first->loc);
        diag_warning(&loc, "network interface '%s' of instance '%s' is also listed at %s, "
                     "attached to instance '%s'; an interface has one instance: both are "
                     "drawn, this one as '%s'", id, o->key, where.buf, first->owner, dup);
        strbuf_release(&where);
    }
    free(dup);
    return ifc;
}

/* Is the group id of every ref in [a, b) that of a ref in [c, d)? */
static int refs_in(const struct iface *ifc, size_t a, size_t b, size_t c, size_t d)
{
    size_t i, j;

    for (i = a; i < b; i++) {
        for (j = c; j < d && strcmp(ifc->refs[i].id, ifc->refs[j].id) != 0; j++)
            ;
        if (j == d)
            return 0;
    }
    return 1;
}

/*
 * An ENI record read again (an instance's and its own, or two dumps)
 * whose groups differ from the first one's: the interface is drawn in
 * the groups of both, and a warning says so and names both places.
 */
static void check_same_groups(struct aws_ctx *c, const struct iface *ifc, size_t nfirst)
{
    struct strbuf where = STRBUF_INIT;
    struct srcloc loc;

    if (ifc->nrefs == nfirst || (refs_in(ifc, nfirst, ifc->nrefs, 0, nfirst) &&
                                 refs_in(ifc, 0, nfirst, nfirst, ifc->nrefs)))
        return;
    loc = jr_loc(&c->jr, "Groups");
    diag_where(&where, &ifc->loc);
    diag_warning(&loc, "network interface '%s' is also listed at %s with other groups; it is "
                 "drawn in the groups of both", ifc->id, where.buf);
    strbuf_release(&where);
}

/*
 * Read one ENI record: arg is NULL for DescribeNetworkInterfaces, the
 * struct eni_instance of its instance for DescribeInstances.
 */
static void read_eni(struct aws_ctx *c, const struct jnode *e, void *arg)
{
    const struct eni_instance *in = arg;
    const char *instance = in ? in->id : NULL;
    const char *instance_name = in ? in->name : NULL;
    const char *vpc = in ? in->vpc : NULL;
    const char *subnet = in ? in->subnet : NULL;
    const char *id = aws_req_str(c, e, "NetworkInterfaceId");
    const char *type = jr_str(&c->jr, e, "InterfaceType");
    const char *desc = jr_str(&c->jr, e, "Description");
    const char *owner_id = jr_str(&c->jr, e, "OwnerId");
    const char *requester = jr_str(&c->jr, e, "RequesterId");
    int managed = jr_bool(&c->jr, e, "RequesterManaged");
    const struct jnode *att = jr_obj(&c->jr, e, "Attachment");
    const struct jnode *op = jr_obj(&c->jr, e, "Operator");
    const char *att_instance, *att_owner, *principal = NULL;
    struct owner o;
    struct iface *ifc;
    size_t back, nrefs;

    back = jr_push_key(&c->jr, "Attachment");
    att_instance = jr_str(&c->jr, att, "InstanceId");
    att_owner = jr_str(&c->jr, att, "InstanceOwnerId");
    jr_pop(&c->jr, back);
    if (op) {
        back = jr_push_key(&c->jr, "Operator");
        if (jr_bool(&c->jr, op, "Managed"))
            principal = jr_str(&c->jr, op, "Principal");
        jr_pop(&c->jr, back);
    }
    if (c->jr.failed)
        return;
    if (instance)
        classify(id, type, desc, instance, NULL, NULL, requester, managed, principal, &o);
    else
        classify(id, type, desc, att_instance, att_owner, owner_id, requester, managed,
                 principal, &o);
    ifc = eni_of(c, id, &o);
    if (!ifc->loc.file)
        ifc->loc = jr_loc(&c->jr, NULL);
    /* A kind other than "other" is never replaced by a guess from another file. */
    if (ifc->kind == KIND_OTHER || instance)
        ifc->kind = o.kind;
    if (ifc->owner == ifc->id || instance)
        ifc->owner = model_strdup(c->jr.m, o.key);
    if (instance_name) {
        ifc->label = model_strdup(c->jr.m, instance_name);
        o.need &= ~(unsigned)AWS_NEED_INSTANCE_NAME;
    } else {
        aws_set_label(c->jr.m, ifc, o.label);
    }
    read_addresses(c, ifc, e);
    if (vpc && !ifc->vpc)
        ifc->vpc = model_strdup(c->jr.m, vpc);
    if (subnet && !ifc->subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
    nrefs = ifc->nrefs;
    aws_read_group_pairs(c, ifc, e, "Groups");
    if (nrefs && !c->jr.failed)
        check_same_groups(c, ifc, nrefs);
    aws_state_eni(c->st, ifc, o.key, o.need, o.extra[0] ? o.extra : NULL);
    c->drawn++;
}

void aws_read_network_interfaces(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_eni, NULL);
}

/* One instance: its ENIs, or a placeholder when none is listed. */
static void read_instance(struct aws_ctx *c, const struct jnode *inst, void *arg)
{
    const char *id = aws_req_str(c, inst, "InstanceId");
    const char *name = aws_tag(c, inst, "Tags", "Name");
    const char *vpc = jr_str(&c->jr, inst, "VpcId");
    const char *subnet = jr_str(&c->jr, inst, "SubnetId");
    const char *ip = jr_str(&c->jr, inst, "PrivateIpAddress");
    const struct jnode *state = jr_obj(&c->jr, inst, "State");
    const struct jnode *enis = jr_arr(&c->jr, inst, "NetworkInterfaces");
    const char *state_name;
    size_t back;

    (void)arg;
    back = jr_push_key(&c->jr, "State");
    state_name = jr_str(&c->jr, state, "Name");
    jr_pop(&c->jr, back);
    if (c->jr.failed)
        return;
    if (name)
        aws_state_remember(c->st, "name", id, model_strdup(c->jr.m, name));
    if (enis && jn_len(enis) > 0) {
        struct eni_instance in = {id, name ? name : id, vpc, subnet};
        aws_each(c, enis, "NetworkInterfaces", read_eni, &in);
        return;
    }
    /* Terminated instances linger without interfaces: they are not members. */
    if (state_name && (strcmp(state_name, "terminated") == 0 ||
                       strcmp(state_name, "shutting-down") == 0))
        return;
    {
        struct iface *ifc = aws_placeholder(c, id, id, KIND_EC2, name ? name : id, 0);
        if (!ifc)
            return;
        if (vpc && !ifc->vpc)
            ifc->vpc = model_strdup(c->jr.m, vpc);
        if (subnet && !ifc->subnet)
            ifc->subnet = model_strdup(c->jr.m, subnet);
        if (ip)
            model_iface_add_address(c->jr.m, ifc, ip);
        aws_public_address(c, ifc, inst, "PublicIpAddress");
        aws_placeholder_groups(c, ifc, jr_arr(&c->jr, inst, "SecurityGroups"),
                               "SecurityGroups", "GroupId", "GroupName");
    }
}

void aws_read_instances(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_instance, NULL);
}

static void read_reservation(struct aws_ctx *c, const struct jnode *r, void *arg)
{
    (void)arg;
    aws_each_at(c, r, "Instances", read_instance, NULL);
}

void aws_read_reservations(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_reservation, NULL);
}

/* "com.amazonaws.us-east-1.s3" -> "s3"; other service names stay whole. */
static const char *short_service(const char *service)
{
    const char *p = after(service, "com.amazonaws.");
    const char *dot;
    if (!p || after(p, "vpce."))
        return service;
    dot = strchr(p, '.');
    return dot && dot[1] ? dot + 1 : service;
}

static void read_vpc_endpoint(struct aws_ctx *c, const struct jnode *ep, void *arg)
{
    const char *id = aws_req_str(c, ep, "VpcEndpointId");
    const char *type = jr_str(&c->jr, ep, "VpcEndpointType");
    const char *service = jr_str(&c->jr, ep, "ServiceName");
    const char *vpc = jr_str(&c->jr, ep, "VpcId");
    const struct jnode *enis = jr_arr(&c->jr, ep, "NetworkInterfaceIds");
    char label[512];
    size_t j;

    (void)arg;
    /* Gateway endpoints have no interfaces: nothing is a member. */
    if (c->jr.failed || (type && strcmp(type, "Gateway") == 0))
        return;
    snprintf(label, sizeof(label), "%s%s", type && strcmp(type, "GatewayLoadBalancer") == 0
                                               ? "GWLB endpoint " : "",
             service ? short_service(service) : id);
    aws_state_remember(c->st, "endpoint", id, model_strdup(c->jr.m, label));
    if (enis && jn_len(enis) > 0) {
        size_t b2 = jr_push_key(&c->jr, "NetworkInterfaceIds");
        for (j = 0; j < jn_len(enis) && !c->jr.failed; j++) {
            const char *eni = jr_elem_str(&c->jr, enis, j);
            struct iface *ifc;
            if (!eni)
                continue;
            ifc = model_iface(c->jr.m, eni, NULL);
            if (!ifc->loc.file)
                ifc->loc = jr_loc(&c->jr, NULL);
            ifc->kind = KIND_ENDPOINT;
            ifc->owner = model_strdup(c->jr.m, id);
            ifc->label = model_strdup(c->jr.m, label);
            if (vpc && !ifc->vpc)
                ifc->vpc = model_strdup(c->jr.m, vpc);
            jr_pop(&c->jr, b2);
            aws_read_group_pairs(c, ifc, ep, "Groups");
            jr_push_key(&c->jr, "NetworkInterfaceIds");
            aws_state_eni(c->st, ifc, id, 0, NULL);
            c->drawn++;
        }
        jr_pop(&c->jr, b2);
    } else {
        /* Groups is read (and checked) even when the placeholder is dropped. */
        const struct jnode *groups = jr_arr(&c->jr, ep, "Groups");
        struct iface *ifc = aws_placeholder(c, id, id, KIND_ENDPOINT, label, 0);
        if (ifc) {
            if (vpc && !ifc->vpc)
                ifc->vpc = model_strdup(c->jr.m, vpc);
            aws_placeholder_groups(c, ifc, groups, "Groups", "GroupId", "GroupName");
        }
    }
}

void aws_read_vpc_endpoints(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_vpc_endpoint, NULL);
}
