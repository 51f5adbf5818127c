/*
 * aws_services.c - members known from service APIs rather than from ENI
 * records: elbv2 and classic load balancers, Lambda functions in a VPC,
 * RDS instances and clusters, ECS services and tasks (awsvpc), ElastiCache
 * clusters. Each becomes a placeholder member that reconciliation drops
 * when the ENI dump covers the same resource (see aws_state.c), so that
 * nothing is counted twice whatever the order of the files.
 */
#include <stdio.h>
#include <string.h>

#include "aws_internal.h"
#include "diag.h"
#include "xalloc.h"

/* Add the groups of a list of sg- id strings (arr at key) to a placeholder. */
static void id_groups(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj,
                      const char *key)
{
    const struct jnode *arr = jr_arr(&c->jr, obj, key);
    size_t i, back;

    if (!arr)
        return;
    back = jr_push_key(&c->jr, key);
    for (i = 0; i < jn_len(arr) && !c->jr.failed; i++) {
        const char *gid = jr_elem_str(&c->jr, arr, i);
        size_t b2 = jr_push_index(&c->jr, i);
        if (gid)
            aws_placeholder_group(c, ifc, gid, NULL);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

static void set_vpc(struct aws_ctx *c, struct iface *ifc, const char *vpc)
{
    if (vpc && !ifc->vpc)
        ifc->vpc = model_strdup(c->jr.m, vpc);
}

/*
 * The placeholder of a service resource called name: its id and key are
 * prefix followed by name, its label the name, its ARN kept apart (an ARN
 * is no label); it is put in vpc when vpc is not NULL. Returns NULL when
 * the placeholder is dropped (see aws_placeholder()).
 */
static struct iface *service_placeholder(struct aws_ctx *c, const char *prefix,
                                         const char *name, const char *arn,
                                         enum iface_kind kind, int match_groups,
                                         const char *vpc)
{
    char key[300];
    struct iface *ifc;

    snprintf(key, sizeof(key), "%s%s", prefix, name);
    ifc = aws_placeholder(c, key, key, kind, name, match_groups);
    if (ifc) {
        set_vpc(c, ifc, vpc);
        if (arn && !ifc->arn)
            ifc->arn = model_strdup(c->jr.m, arn);
    }
    return ifc;
}

/* The first subnet id of the list obj[key] as the placeholder's subnet (the
 * subnets of one resource are in one VPC). */
static void first_subnet(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj,
                         const char *key)
{
    const struct jnode *arr = jr_arr(&c->jr, obj, key);
    const char *subnet;
    size_t back;

    if (!arr || jn_len(arr) == 0 || ifc->subnet)
        return;
    back = jr_push_key(&c->jr, key);
    subnet = jr_elem_str(&c->jr, arr, 0);
    jr_pop(&c->jr, back);
    if (subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
}

/*
 * A service whose list elements read alike: a required name (the label,
 * and the key after prefix), perhaps a VPC id, and a list of groups.
 */
struct service {
    const char *name_key;
    const char *vpc_key;      /* NULL: the elements do not name their VPC */
    const char *prefix;
    enum iface_kind kind;
    int match_groups;         /* see aws_placeholder() */
    const char *groups_key;
    const char *group_id_key; /* NULL: a list of sg- id strings; else objects with it */
};

static const struct service classic_load_balancers = {
    "LoadBalancerName", "VPCId", "clb:", KIND_CLB, 0, "SecurityGroups", NULL};
/* A cluster is covered by its instances when they are listed too. */
static const struct service db_clusters = {
    "DBClusterIdentifier", NULL, "rds-cluster:", KIND_RDS, 1, "VpcSecurityGroups",
    "VpcSecurityGroupId"};
static const struct service cache_clusters = {
    "CacheClusterId", NULL, "elasticache:", KIND_ELASTICACHE, 0, "SecurityGroups",
    "SecurityGroupId"};

/* One element of a list of the service arg (a const struct service). */
static void read_service(struct aws_ctx *c, const struct jnode *obj, void *arg)
{
    const struct service *s = arg;
    const char *name = aws_req_str(c, obj, s->name_key);
    const char *vpc = s->vpc_key ? jr_str(&c->jr, obj, s->vpc_key) : NULL;
    struct iface *ifc;

    if (c->jr.failed)
        return;
    ifc = service_placeholder(c, s->prefix, name, NULL, s->kind, s->match_groups, vpc);
    if (ifc && s->group_id_key)
        aws_placeholder_groups(c, ifc, jr_arr(&c->jr, obj, s->groups_key), s->groups_key,
                               s->group_id_key, NULL);
    else if (ifc)
        id_groups(c, ifc, obj, s->groups_key);
}

void aws_read_classic_load_balancers(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_service, (void *)&classic_load_balancers);
}

void aws_read_db_clusters(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_service, (void *)&db_clusters);
}

void aws_read_cache_clusters(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_service, (void *)&cache_clusters);
}

static void read_load_balancer(struct aws_ctx *c, const struct jnode *lb, void *arg)
{
    const char *name = aws_req_str(c, lb, "LoadBalancerName");
    const char *arn = jr_str(&c->jr, lb, "LoadBalancerArn");
    const char *type = jr_str(&c->jr, lb, "Type");
    const char *vpc = jr_str(&c->jr, lb, "VpcId");
    enum iface_kind kind = KIND_ALB;
    const char *prefix = "alb:";
    struct iface *ifc;

    (void)arg;
    if (c->jr.failed)
        return;
    if (type && strcmp(type, "network") == 0) {
        kind = KIND_NLB;
        prefix = "nlb:";
    } else if (type && strcmp(type, "gateway") == 0) {
        kind = KIND_GWLB;
        prefix = "gwlb:";
    }
    ifc = service_placeholder(c, prefix, name, arn, kind, 0, vpc);
    if (ifc)
        id_groups(c, ifc, lb, "SecurityGroups");
}

void aws_read_load_balancers(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_load_balancer, NULL);
}

void aws_read_function(struct aws_ctx *c, const struct jnode *fn)
{
    const char *name = aws_req_str(c, fn, "FunctionName");
    const char *arn = jr_str(&c->jr, fn, "FunctionArn");
    const struct jnode *vpccfg = jr_obj(&c->jr, fn, "VpcConfig");
    const char *vpc;
    const struct jnode *sgs;
    struct iface *ifc;
    size_t back;

    if (c->jr.failed || !vpccfg)
        return;
    back = jr_push_key(&c->jr, "VpcConfig");
    vpc = jr_str(&c->jr, vpccfg, "VpcId");
    sgs = jr_arr(&c->jr, vpccfg, "SecurityGroupIds");
    if (!c->jr.failed && (vpc || (sgs && jn_len(sgs) > 0))) {
        /* Lambda ENIs are named after a function but shared by all functions
         * with the same subnets and groups; the key is the function. */
        ifc = service_placeholder(c, "lambda:", name, arn, KIND_LAMBDA, 0, vpc);
        if (ifc) {
            id_groups(c, ifc, vpccfg, "SecurityGroupIds");
            first_subnet(c, ifc, vpccfg, "SubnetIds");
        }
    }
    jr_pop(&c->jr, back);
}

static void read_function_elem(struct aws_ctx *c, const struct jnode *fn, void *arg)
{
    (void)arg;
    aws_read_function(c, fn);
}

void aws_read_functions(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_function_elem, NULL);
}

/* The VpcId of a DBSubnetGroup object (instances) or NULL (clusters name it only). */
static const char *db_vpc(struct aws_ctx *c, const struct jnode *db)
{
    const struct jnode *v = jn_get(db, "DBSubnetGroup");
    const char *vpc = NULL;
    if (v && jn_typeof(v) == JN_OBJECT) {
        size_t back = jr_push_key(&c->jr, "DBSubnetGroup");
        vpc = jr_str(&c->jr, v, "VpcId");
        jr_pop(&c->jr, back);
    }
    return vpc;
}

static void read_db_instance(struct aws_ctx *c, const struct jnode *db, void *arg)
{
    const char *id = aws_req_str(c, db, "DBInstanceIdentifier");
    const char *cluster = jr_str(&c->jr, db, "DBClusterIdentifier");
    const char *vpc = db_vpc(c, db);
    char key[300];
    struct iface *ifc;

    (void)arg;
    if (c->jr.failed)
        return;
    if (cluster) {
        snprintf(key, sizeof(key), "rds-cluster:%s", cluster);
        aws_state_cover(c->st, key);
    }
    ifc = service_placeholder(c, "rds:", id, NULL, KIND_RDS, 1, vpc);
    if (ifc)
        aws_placeholder_groups(c, ifc, jr_arr(&c->jr, db, "VpcSecurityGroups"),
                               "VpcSecurityGroups", "VpcSecurityGroupId", NULL);
}

void aws_read_db_instances(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_db_instance, NULL);
}

static void read_ecs_service(struct aws_ctx *c, const struct jnode *svc, void *arg)
{
    const char *name = aws_req_str(c, svc, "serviceName");
    const char *arn = jr_str(&c->jr, svc, "serviceArn");
    const struct jnode *net = jr_obj(&c->jr, svc, "networkConfiguration");
    const struct jnode *awsvpc = NULL;
    struct iface *ifc;

    (void)arg;
    if (net) {
        size_t b2 = jr_push_key(&c->jr, "networkConfiguration");
        awsvpc = jr_obj(&c->jr, net, "awsvpcConfiguration");
        jr_pop(&c->jr, b2);
    }
    /* Only awsvpc services own interfaces; bridge/host tasks use the instance's. */
    if (c->jr.failed || !awsvpc)
        return;
    ifc = service_placeholder(c, "ecs:", name, arn, KIND_ECS, 1, NULL);
    if (ifc) {
        size_t b2 = jr_push_key(&c->jr, "networkConfiguration");
        size_t b3 = jr_push_key(&c->jr, "awsvpcConfiguration");
        id_groups(c, ifc, awsvpc, "securityGroups");
        first_subnet(c, ifc, awsvpc, "subnets");
        jr_pop(&c->jr, b3);
        jr_pop(&c->jr, b2);
    }
}

void aws_read_ecs_services(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_ecs_service, NULL);
}

/* The value of the {name, value} detail called name in an attachment. */
static const char *detail(struct aws_ctx *c, const struct jnode *att, const char *name)
{
    return aws_find(c, att, "details", "name", "value", name);
}

/* What the attachments of one ECS task share. */
struct ecs_task {
    const char *service; /* the task's service, or NULL */
    const char *key;     /* the owner key of its interfaces, "ecs:SERVICE" */
};

static void read_ecs_attachment(struct aws_ctx *c, const struct jnode *att, void *arg)
{
    const struct ecs_task *t = arg;
    const char *type = jr_str(&c->jr, att, "type");
    const char *attid = jr_str(&c->jr, att, "id");
    const char *eni, *ip, *subnet;
    struct iface *ifc;

    if (c->jr.failed || !type || strcmp(type, "ElasticNetworkInterface") != 0)
        return;
    eni = detail(c, att, "networkInterfaceId");
    ip = detail(c, att, "privateIPv4Address");
    subnet = detail(c, att, "subnetId");
    if (t->service && attid)
        aws_state_remember(c->st, "attachment", attid, model_strdup(c->jr.m, t->service));
    if (!eni || c->jr.failed)
        return;
    ifc = model_iface(c->jr.m, eni, NULL);
    if (!ifc->loc.file)
        ifc->loc = jr_loc(&c->jr, NULL);
    ifc->kind = KIND_ECS;
    ifc->owner = model_strdup(c->jr.m, t->key);
    if (t->service)
        ifc->label = model_strdup(c->jr.m, t->service);
    else
        aws_set_label(c->jr.m, ifc, "ECS task");
    if (ip)
        model_iface_add_address(c->jr.m, ifc, ip);
    if (subnet && !ifc->subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
    aws_state_eni(c->st, ifc, t->key, t->service ? AWS_NEED_SERVICE_GROUPS : 0, NULL);
    c->drawn++;
    XGROW(c->task_enis, c->task_enis_alloc, c->ntask_enis + 1);
    c->task_enis[c->ntask_enis++] = ifc;
}

static void read_ecs_task(struct aws_ctx *c, const struct jnode *task, void *arg)
{
    const char *group = jr_str(&c->jr, task, "group");
    const char *status = jr_str(&c->jr, task, "lastStatus");
    struct ecs_task t = {NULL, NULL};
    char key[300];

    (void)arg;
    if (c->jr.failed || (status && strcmp(status, "STOPPED") == 0))
        return;
    if (group && strncmp(group, "service:", 8) == 0 && group[8])
        t.service = group + 8;
    snprintf(key, sizeof(key), "ecs:%s", t.service ? t.service : "task");
    t.key = key;
    aws_each_at(c, task, "attachments", read_ecs_attachment, &t);
}

void aws_read_ecs_tasks(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_ecs_task, NULL);
}

/*
 * describe-tasks lists a task's ENI (its attachment's details: subnet,
 * ENI id, MAC and addresses) but not its security groups. They come from
 * the task's service (describe-services) or from the ENI's own record
 * (describe-network-interfaces); a task ENI that got them from neither
 * (so far: a later file may still give them) is drawn in no group, which
 * would look like an interface that has none, so the file gets a note
 * that says why and what to add.
 */
void aws_note_task_groups(struct aws_ctx *c)
{
    struct srcloc loc = {c->jr.file, 0, 0, NULL};
    size_t i, n = 0;

    for (i = 0; i < c->ntask_enis; i++)
        n += c->task_enis[i]->nrefs == 0;
    if (n)
        diag_note(&loc, "describe-tasks does not list security groups: %zu task interface%s "
                  "no group yet (drawn outside the groups); describe-services or "
                  "describe-network-interfaces output gives them", n, n == 1 ? " has" : "s have");
}

void aws_read_replication_groups(struct aws_ctx *c, const struct jnode *arr)
{
    struct srcloc loc = {c->jr.file, 0, 0, NULL};

    /* Replication groups list their clusters but not their security groups. */
    if (jn_len(arr) > 0)
        diag_note(&loc, "replication groups carry no security groups; "
                        "describe-cache-clusters lists them");
}
