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
static void id_groups(struct aws_ctx *c, struct iface *ifc, const json_t *obj, const char *key)
{
    json_t *arr = jr_arr(&c->jr, obj, key);
    size_t i, back;

    if (!arr)
        return;
    back = jr_push_key(&c->jr, key);
    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        const char *gid = jr_elem_str(&c->jr, arr, i);
        size_t b2 = jr_push_index(&c->jr, i);
        if (gid)
            aws_placeholder_group(c, ifc, gid, NULL);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

/* Add the groups of a [{IDKEY, Status}] list to a placeholder. */
static void obj_groups(struct aws_ctx *c, struct iface *ifc, const json_t *obj, const char *key,
                       const char *idkey)
{
    json_t *arr = jr_arr(&c->jr, obj, key);
    size_t i, back;

    if (!arr)
        return;
    back = jr_push_key(&c->jr, key);
    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *g = jr_elem_obj(&c->jr, arr, i);
        size_t b2 = jr_push_index(&c->jr, i);
        const char *gid = aws_req_str(c, g, idkey);
        if (!c->jr.failed)
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

void aws_read_load_balancers(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *lb = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *name = aws_req_str(c, lb, "LoadBalancerName");
        const char *arn = jr_str(&c->jr, lb, "LoadBalancerArn");
        const char *type = jr_str(&c->jr, lb, "Type");
        const char *vpc = jr_str(&c->jr, lb, "VpcId");
        enum iface_kind kind = KIND_ALB;
        const char *prefix = "alb:";
        char key[300];
        struct iface *ifc;

        if (c->jr.failed) {
            jr_pop(&c->jr, back);
            break;
        }
        if (type && strcmp(type, "network") == 0) {
            kind = KIND_NLB;
            prefix = "nlb:";
        } else if (type && strcmp(type, "gateway") == 0) {
            kind = KIND_GWLB;
            prefix = "gwlb:";
        }
        snprintf(key, sizeof(key), "%s%s", prefix, name);
        ifc = aws_placeholder(c, arn ? arn : key, key, kind, name, 0);
        if (ifc) {
            set_vpc(c, ifc, vpc);
            id_groups(c, ifc, lb, "SecurityGroups");
        }
        jr_pop(&c->jr, back);
    }
}

void aws_read_classic_load_balancers(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *lb = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *name = aws_req_str(c, lb, "LoadBalancerName");
        const char *vpc = jr_str(&c->jr, lb, "VPCId");
        char key[300];
        struct iface *ifc;

        if (c->jr.failed) {
            jr_pop(&c->jr, back);
            break;
        }
        snprintf(key, sizeof(key), "clb:%s", name);
        ifc = aws_placeholder(c, key, key, KIND_CLB, name, 0);
        if (ifc) {
            set_vpc(c, ifc, vpc);
            id_groups(c, ifc, lb, "SecurityGroups");
        }
        jr_pop(&c->jr, back);
    }
}

void aws_read_function(struct aws_ctx *c, const json_t *fn)
{
    const char *name = aws_req_str(c, fn, "FunctionName");
    const char *arn = jr_str(&c->jr, fn, "FunctionArn");
    json_t *vpccfg = jr_obj(&c->jr, fn, "VpcConfig");
    const char *vpc;
    json_t *sgs;
    char key[300];
    struct iface *ifc;
    size_t back;

    if (c->jr.failed || !vpccfg)
        return;
    back = jr_push_key(&c->jr, "VpcConfig");
    vpc = jr_str(&c->jr, vpccfg, "VpcId");
    sgs = jr_arr(&c->jr, vpccfg, "SecurityGroupIds");
    if (!c->jr.failed && (vpc || (sgs && json_array_size(sgs) > 0))) {
        /* Lambda ENIs are named after a function but shared by all functions
         * with the same subnets and groups; the key is the function. */
        snprintf(key, sizeof(key), "lambda:%s", name);
        ifc = aws_placeholder(c, arn ? arn : key, key, KIND_LAMBDA, name, 0);
        if (ifc) {
            set_vpc(c, ifc, vpc);
            id_groups(c, ifc, vpccfg, "SecurityGroupIds");
        }
    }
    jr_pop(&c->jr, back);
}

void aws_read_functions(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *fn = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        if (fn)
            aws_read_function(c, fn);
        jr_pop(&c->jr, back);
    }
}

/* The VpcId of a DBSubnetGroup object (instances) or NULL (clusters name it only). */
static const char *db_vpc(struct aws_ctx *c, const json_t *db)
{
    json_t *v = json_object_get(db, "DBSubnetGroup");
    const char *vpc = NULL;
    if (v && json_is_object(v)) {
        size_t back = jr_push_key(&c->jr, "DBSubnetGroup");
        vpc = jr_str(&c->jr, v, "VpcId");
        jr_pop(&c->jr, back);
    }
    return vpc;
}

void aws_read_db_instances(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *db = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *id = aws_req_str(c, db, "DBInstanceIdentifier");
        const char *cluster = jr_str(&c->jr, db, "DBClusterIdentifier");
        const char *vpc = db_vpc(c, db);
        char key[300];
        struct iface *ifc;

        if (c->jr.failed) {
            jr_pop(&c->jr, back);
            break;
        }
        if (cluster) {
            snprintf(key, sizeof(key), "rds-cluster:%s", cluster);
            aws_state_cover(c->st, key);
        }
        snprintf(key, sizeof(key), "rds:%s", id);
        ifc = aws_placeholder(c, key, key, KIND_RDS, id, 1);
        if (ifc) {
            set_vpc(c, ifc, vpc);
            obj_groups(c, ifc, db, "VpcSecurityGroups", "VpcSecurityGroupId");
        }
        jr_pop(&c->jr, back);
    }
}

void aws_read_db_clusters(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *db = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *id = aws_req_str(c, db, "DBClusterIdentifier");
        char key[300];
        struct iface *ifc;

        if (c->jr.failed) {
            jr_pop(&c->jr, back);
            break;
        }
        /* A cluster is covered by its instances when they are listed too. */
        snprintf(key, sizeof(key), "rds-cluster:%s", id);
        ifc = aws_placeholder(c, key, key, KIND_RDS, id, 1);
        if (ifc)
            obj_groups(c, ifc, db, "VpcSecurityGroups", "VpcSecurityGroupId");
        jr_pop(&c->jr, back);
    }
}

void aws_read_ecs_services(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *svc = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *name = aws_req_str(c, svc, "serviceName");
        const char *arn = jr_str(&c->jr, svc, "serviceArn");
        json_t *net = jr_obj(&c->jr, svc, "networkConfiguration");
        json_t *awsvpc = NULL;
        char key[300];
        struct iface *ifc;

        if (net) {
            size_t b2 = jr_push_key(&c->jr, "networkConfiguration");
            awsvpc = jr_obj(&c->jr, net, "awsvpcConfiguration");
            jr_pop(&c->jr, b2);
        }
        /* Only awsvpc services own interfaces; bridge/host tasks use the instance's. */
        if (c->jr.failed || !awsvpc) {
            jr_pop(&c->jr, back);
            continue;
        }
        snprintf(key, sizeof(key), "ecs:%s", name);
        ifc = aws_placeholder(c, arn ? arn : key, key, KIND_ECS, name, 1);
        if (ifc) {
            size_t b2 = jr_push_key(&c->jr, "networkConfiguration");
            size_t b3 = jr_push_key(&c->jr, "awsvpcConfiguration");
            id_groups(c, ifc, awsvpc, "securityGroups");
            jr_pop(&c->jr, b3);
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
}

/* The value of the {name, value} detail called name in an attachment. */
static const char *detail(struct aws_ctx *c, const json_t *att, const char *name)
{
    json_t *arr = jr_arr(&c->jr, att, "details");
    const char *found = NULL;
    size_t i, back;

    if (!arr)
        return NULL;
    back = jr_push_key(&c->jr, "details");
    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *d = jr_elem_obj(&c->jr, arr, i);
        size_t b2 = jr_push_index(&c->jr, i);
        const char *n = jr_str(&c->jr, d, "name");
        const char *v = jr_str(&c->jr, d, "value");
        if (n && v && strcmp(n, name) == 0 && !found)
            found = v;
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
    return found;
}

void aws_read_ecs_tasks(struct aws_ctx *c, const json_t *arr)
{
    size_t i, j;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *task = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *group = jr_str(&c->jr, task, "group");
        const char *status = jr_str(&c->jr, task, "lastStatus");
        json_t *atts = jr_arr(&c->jr, task, "attachments");
        const char *service = NULL;
        char key[300];

        if (c->jr.failed || (status && strcmp(status, "STOPPED") == 0) || !atts) {
            jr_pop(&c->jr, back);
            continue;
        }
        if (group && strncmp(group, "service:", 8) == 0 && group[8])
            service = group + 8;
        snprintf(key, sizeof(key), "ecs:%s", service ? service : "task");
        for (j = 0; j < json_array_size(atts) && !c->jr.failed; j++) {
            json_t *att = jr_elem_obj(&c->jr, atts, j);
            size_t b2 = jr_push_key(&c->jr, "attachments");
            const char *type, *attid, *eni, *ip, *subnet;
            struct iface *ifc;

            jr_push_index(&c->jr, j);
            type = jr_str(&c->jr, att, "type");
            attid = jr_str(&c->jr, att, "id");

            if (c->jr.failed || !type || strcmp(type, "ElasticNetworkInterface") != 0) {
                jr_pop(&c->jr, b2);
                continue;
            }
            eni = detail(c, att, "networkInterfaceId");
            ip = detail(c, att, "privateIPv4Address");
            subnet = detail(c, att, "subnetId");
            if (service && attid)
                aws_state_remember(c->st, "attachment", attid, model_strdup(c->jr.m, service));
            if (eni && !c->jr.failed) {
                ifc = model_iface(c->jr.m, eni, NULL);
                if (!ifc->loc.file)
                    ifc->loc = jr_loc(&c->jr, NULL);
                ifc->kind = KIND_ECS;
                ifc->owner = model_strdup(c->jr.m, key);
                if (service)
                    ifc->label = model_strdup(c->jr.m, service);
                else
                    aws_set_label(c->jr.m, ifc, "ECS task");
                if (ip)
                    model_iface_add_address(c->jr.m, ifc, ip);
                if (subnet && !ifc->subnet)
                    ifc->subnet = model_strdup(c->jr.m, subnet);
                aws_state_eni(c->st, ifc, key, service ? AWS_NEED_SERVICE_GROUPS : 0, NULL);
                c->drawn++;
                XGROW(c->task_enis, c->task_enis_alloc, c->ntask_enis + 1);
                c->task_enis[c->ntask_enis++] = ifc;
            }
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
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

void aws_read_cache_clusters(struct aws_ctx *c, const json_t *arr)
{
    size_t i;

    for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
        json_t *cc = jr_elem_obj(&c->jr, arr, i);
        size_t back = jr_push_index(&c->jr, i);
        const char *id = aws_req_str(c, cc, "CacheClusterId");
        char key[300];
        struct iface *ifc;

        if (c->jr.failed) {
            jr_pop(&c->jr, back);
            break;
        }
        snprintf(key, sizeof(key), "elasticache:%s", id);
        ifc = aws_placeholder(c, key, key, KIND_ELASTICACHE, id, 0);
        if (ifc)
            obj_groups(c, ifc, cc, "SecurityGroups", "SecurityGroupId");
        jr_pop(&c->jr, back);
    }
}

void aws_read_replication_groups(struct aws_ctx *c, const json_t *arr)
{
    struct srcloc loc = {c->jr.file, 0, 0, NULL};

    /* Replication groups list their clusters but not their security groups. */
    if (json_array_size(arr) > 0)
        diag_note(&loc, "replication groups carry no security groups; "
                        "describe-cache-clusters lists them");
}
