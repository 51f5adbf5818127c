/*
 * import_aws.c - the AWS CLI / SDK JSON importer: reading a file
 * (import_aws()), detection, and its row of the registry (importer_aws).
 *
 * A file holds one response, several concatenated responses (saved SDK
 * pages) or a JSON array of responses. Each response object is dispatched
 * on its keys to the readers in aws_*.c; a response of a kind sgmap does
 * not use is skipped with a note. Refused with exit 3: a bare list or a
 * single resource (the output of --query), the EC2 query API's camelCase
 * shape and its XML, sgmap's own JSON output, JSON of no known kind and
 * empty input (detect_format() sends empty and XML input here); in a
 * directory, JSON of no known kind (another service's camelCase response)
 * is skipped with a note instead. Syntax
 * errors are reported with line:col, shape errors with the JSON path (see
 * json_reader.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "aws_internal.h"
#include "diag.h"
#include "importer.h"
#include "xalloc.h"

/*
 * The responses sgmap reads: the top-level key and its reader; for the
 * note on a file that gives nothing to draw, what the key lists and why
 * one or several of them may give nothing (NULL: they always draw;
 * NAMES_CIDRS, NAMES_LISTS: they only name the peers of rules).
 */
static const char NAMES_CIDRS[] = "used only to name the CIDRs of rules";
static const char NAMES_LISTS[] = "used only to name the prefix lists of rules";

static const struct {
    const char *key;
    void (*read)(struct aws_ctx *c, const struct jnode *arr);
    const char *one, *many, *why_one, *why_many;
} readers[] = {
    {"SecurityGroups", aws_read_security_groups, "security group", "security groups", NULL,
     NULL},
    {"SecurityGroupRules", aws_read_security_group_rules, "security group rule",
     "security group rules", NULL, NULL},
    {"StaleSecurityGroupSet", aws_read_stale_groups, "stale security group",
     "stale security groups", NULL, NULL},
    {"Vpcs", aws_read_vpcs, "VPC", "VPCs", NAMES_CIDRS, NAMES_CIDRS},
    {"Subnets", aws_read_subnets, "subnet", "subnets", NAMES_CIDRS, NAMES_CIDRS},
    {"PrefixLists", aws_read_prefix_lists, "prefix list", "prefix lists", NAMES_LISTS,
     NAMES_LISTS},
    {"Entries", aws_read_prefix_list_entries, "prefix list entry", "prefix list entries",
     NAMES_CIDRS, NAMES_CIDRS},
    {"NetworkInterfaces", aws_read_network_interfaces, "network interface",
     "network interfaces", NULL, NULL},
    {"Reservations", aws_read_reservations, "reservation", "reservations",
     "with only terminated instances", "with only terminated instances"},
    {"Instances", aws_read_instances, "instance", "instances", "terminated", "all terminated"},
    {"VpcEndpoints", aws_read_vpc_endpoints, "VPC endpoint", "VPC endpoints",
     "a gateway endpoint, which has no interfaces",
     "all gateway endpoints, which have no interfaces"},
    {"LoadBalancers", aws_read_load_balancers, "load balancer", "load balancers", NULL, NULL},
    {"LoadBalancerDescriptions", aws_read_classic_load_balancers, "load balancer",
     "load balancers", NULL, NULL},
    {"Functions", aws_read_functions, "function", "functions", "not in a VPC",
     "none in a VPC"},
    {"DBInstances", aws_read_db_instances, "DB instance", "DB instances", NULL, NULL},
    {"DBClusters", aws_read_db_clusters, "DB cluster", "DB clusters", NULL, NULL},
    {"services", aws_read_ecs_services, "ECS service", "ECS services",
     "not in awsvpc network mode (its tasks use their instance's interfaces)",
     "none in awsvpc network mode (their tasks use their instances' interfaces)"},
    {"tasks", aws_read_ecs_tasks, "ECS task", "ECS tasks",
     "not running with an awsvpc interface", "none running with an awsvpc interface"},
    {"NetworkAcls", aws_read_network_acls, "network ACL", "network ACLs", NULL, NULL},
    {"RouteTables", aws_read_route_tables, "route table", "route tables", NULL, NULL},
    {"InternetGateways", aws_read_internet_gateways, "internet gateway", "internet gateways",
     NULL, NULL},
    {"EgressOnlyInternetGateways", aws_read_egress_only_gateways,
     "egress-only internet gateway", "egress-only internet gateways", NULL, NULL},
    {"Addresses", aws_read_addresses, "address", "addresses", NULL, NULL},
    {"CacheClusters", aws_read_cache_clusters, "cache cluster", "cache clusters", NULL, NULL},
    /* Its reader says why it draws nothing. */
    {"ReplicationGroups", aws_read_replication_groups, "replication group",
     "replication groups", NULL, NULL},
};

#define NREADERS (sizeof(readers) / sizeof(readers[0]))

/* Note what a response of readers[i] listed (for the nothing-to-draw note). */
static void listed(struct aws_ctx *c, size_t i, size_t n)
{
    c->listed[i] = (c->listed[i] ? c->listed[i] : 1) + n;
}

/*
 * After a file that gave no group, rule or member: say so, and why, for
 * each kind of list it had ("nothing to draw: 3 functions, none in a
 * VPC"). Unused responses have had their own note. A file that only names
 * things (VPCs, subnets, prefix lists) is said so only while nothing at
 * all is drawn: in a whole dump it is the normal companion of the others.
 */
static void note_nothing_drawn(struct aws_ctx *c)
{
    struct srcloc loc = {c->jr.file, 0, 0, NULL};
    const struct model *m = c->jr.m;
    int empty = !m->ngroups && !m->nifaces && !m->nrules;
    size_t i, n;

    for (i = 0; i < NREADERS; i++) {
        if (!c->listed[i])
            continue;
        n = c->listed[i] - 1;
        if (n == 0)
            diag_note(&loc, "nothing to draw: the output lists no %s", readers[i].many);
        else if (readers[i].why_one &&
                 (empty || (readers[i].why_one != NAMES_CIDRS &&
                            readers[i].why_one != NAMES_LISTS)))
            diag_note(&loc, "nothing to draw: %zu %s, %s", n,
                      n == 1 ? readers[i].one : readers[i].many,
                      n == 1 ? readers[i].why_one : readers[i].why_many);
    }
}

/* Responses recognised as AWS output that sgmap has no use for. */
static const char *const unused_keys[] = {
    "Return", "SecurityGroupsReferenceSet", "SecurityGroupVpcAssociations",
    "SecurityGroupForVpcs", "NatGateways", "TransitGatewayAttachments",
    "VpcPeeringConnections",
    "NextToken", "NextMarker", "failures", "Configuration", "clusterArns", "serviceArns",
    "taskArns", "taskDefinitionArns",
};

/* Keys that mean "not AWS CLI output" to the detector (CloudFormation). */
static const char *const template_keys[] = {
    "AWSTemplateFormatVersion", "Resources",
};

static int known_key(const char *key, size_t len)
{
    size_t i;
    for (i = 0; i < NREADERS; i++)
        if (strlen(readers[i].key) == len && memcmp(readers[i].key, key, len) == 0)
            return 1;
    for (i = 0; i < sizeof(unused_keys) / sizeof(unused_keys[0]); i++)
        if (strlen(unused_keys[i]) == len && memcmp(unused_keys[i], key, len) == 0)
            return 1;
    return (len == 12 && memcmp(key, "FunctionName", 12) == 0);
}

/*
 * One resource of a response, as --query or jq hand it out
 * ('SecurityGroups[0]', 'Reservations[0].Instances[0]'): its identifying
 * key and a key only that kind of object has (NULL: the first is enough).
 * Such an object is refused, not read as a response: an instance's
 * SecurityGroups or NetworkInterfaces are not the responses of those names.
 * A reservation (run-instances) and a bare function
 * (get-function-configuration) are whole responses and are not listed.
 */
static const struct {
    const char *id, *also;  /* also: keys separated by spaces, any one will do */
    const char *one, *many; /* "security group", "security groups" */
    const char *command;    /* whose whole output to save */
} resources[] = {
    {"SecurityGroupRuleId", NULL, "security group rule", "security group rules",
     "ec2 describe-security-group-rules"},
    {"GroupId", "StaleIpPermissions StaleIpPermissionsEgress", "stale security group",
     "stale security groups", "ec2 describe-stale-security-groups"},
    {"GroupId", "IpPermissions IpPermissionsEgress GroupName", "security group",
     "security groups", "ec2 describe-security-groups"},
    {"InstanceId", "ImageId State SecurityGroups NetworkInterfaces", "instance", "instances",
     "ec2 describe-instances"},
    {"NetworkInterfaceId", "InterfaceType Status PrivateIpAddress", "network interface",
     "network interfaces", "ec2 describe-network-interfaces"},
    {"SubnetId", "CidrBlock", "subnet", "subnets", "ec2 describe-subnets"},
    {"VpcId", "CidrBlock", "VPC", "VPCs", "ec2 describe-vpcs"},
    {"VpcEndpointId", "ServiceName", "VPC endpoint", "VPC endpoints",
     "ec2 describe-vpc-endpoints"},
    {"PrefixListId", "PrefixListName", "prefix list", "prefix lists",
     "ec2 describe-managed-prefix-lists"},
    {"Cidr", NULL, "prefix list entry", "prefix list entries",
     "ec2 get-managed-prefix-list-entries"},
    {"LoadBalancerArn", NULL, "load balancer", "load balancers", "elbv2 describe-load-balancers"},
    {"LoadBalancerName", "DNSName", "load balancer", "load balancers",
     "elb describe-load-balancers"},
    {"DBInstanceIdentifier", NULL, "DB instance", "DB instances", "rds describe-db-instances"},
    {"DBClusterIdentifier", "DBClusterMembers", "DB cluster", "DB clusters",
     "rds describe-db-clusters"},
    {"serviceArn", NULL, "ECS service", "ECS services", "ecs describe-services"},
    {"serviceName", NULL, "ECS service", "ECS services", "ecs describe-services"},
    {"taskArn", NULL, "ECS task", "ECS tasks", "ecs describe-tasks"},
    {"CacheClusterId", NULL, "cache cluster", "cache clusters",
     "elasticache describe-cache-clusters"},
    {"ReplicationGroupId", NULL, "replication group", "replication groups",
     "elasticache describe-replication-groups"},
};

#define NRESOURCES (sizeof(resources) / sizeof(resources[0]))

/* Has obj one of the space-separated keys (or is keys NULL)? */
static int has_any_key(const struct jnode *obj, const char *keys)
{
    char key[64];

    while (keys && *keys) {
        size_t n = strcspn(keys, " ");
        if (n < sizeof(key)) {
            memcpy(key, keys, n);
            key[n] = '\0';
            if (jn_get(obj, key))
                return 1;
        }
        keys += n;
        keys += *keys == ' ';
    }
    return !keys;
}

/* The row of resources[] that v is one of, or NRESOURCES. */
static size_t resource_of(const struct jnode *v)
{
    size_t i;

    if (jn_typeof(v) != JN_OBJECT)
        return NRESOURCES;
    for (i = 0; i < NRESOURCES; i++)
        if (jn_get(v, resources[i].id) && has_any_key(v, resources[i].also))
            return i;
    return NRESOURCES;
}

/* Is this object an AWS response (one of the known response keys, and not
 * one resource that happens to have a key of that name)? */
static int is_response(const struct jnode *obj)
{
    const char *key;
    size_t i;

    if (jn_typeof(obj) != JN_OBJECT || resource_of(obj) < NRESOURCES)
        return 0;
    for (i = 0; (key = jn_key(obj, i)) != NULL; i++)
        if (known_key(key, strlen(key)))
            return 1;
    return 0;
}

/* Refuse one resource (row r of resources[]) given where a response was expected. */
static void refuse_resource(struct aws_ctx *c, const struct jnode *obj, size_t r)
{
    const struct jnode *id = jn_get(obj, resources[r].id);

    if (jn_typeof(id) == JN_STRING)
        jr_error(&c->jr, NULL, "one %s (%s), not an AWS response (output of --query?); "
                 "save the whole output of aws %s", resources[r].one, jn_str(id),
                 resources[r].command);
    else
        jr_error(&c->jr, NULL, "one %s, not an AWS response (output of --query?); "
                 "save the whole output of aws %s", resources[r].one, resources[r].command);
}

/*
 * The top-level keys of the EC2 query API's own responses (XML turned into
 * JSON, CloudTrail's responseElements), with the CLI command that gives
 * the same data in the shape sgmap reads.
 */
static const struct {
    const char *key, *command;
} query_api_keys[] = {
    {"securityGroupInfo", "ec2 describe-security-groups"},
    {"securityGroupRuleSet", "ec2 describe-security-group-rules"},
    {"staleSecurityGroupSet", "ec2 describe-stale-security-groups"},
    {"networkInterfaceSet", "ec2 describe-network-interfaces"},
    {"reservationSet", "ec2 describe-instances"},
    {"vpcSet", "ec2 describe-vpcs"},
    {"subnetSet", "ec2 describe-subnets"},
    {"vpcEndpointSet", "ec2 describe-vpc-endpoints"},
    {"prefixListSet", "ec2 describe-managed-prefix-lists"},
    {"ipPermissions", "ec2 describe-security-groups"},
    {"groupSet", "ec2 describe-network-interfaces"},
    {"requestId", NULL},
};

/* The row of query_api_keys[] of a key of obj, or of obj's only member
 * when it is a wrapper such as {"DescribeSecurityGroupsResponse": {...}};
 * -1 when none. */
static int query_api_shape(const struct jnode *obj, int depth)
{
    const char *key;
    const struct jnode *v;
    size_t i;

    for (i = 0; i < sizeof(query_api_keys) / sizeof(query_api_keys[0]); i++)
        if (jn_get(obj, query_api_keys[i].key))
            return (int)i;
    key = jn_key(obj, 0);
    v = key ? jn_get(obj, key) : NULL;
    if (depth == 0 && jn_len(obj) == 1 && jn_typeof(v) == JN_OBJECT)
        return query_api_shape(v, 1);
    return -1;
}

/*
 * An object with no key that sgmap reads: AWS output of another kind is
 * skipped with a note (all its keys are PascalCase, as the CLI writes
 * them, or it was found in a directory: EKS and ECS responses are
 * camelCase); the EC2 query API's camelCase shape, sgmap's own output and
 * JSON of no known kind named on the command line are refused.
 */
static void read_other(struct aws_ctx *c, const struct jnode *obj)
{
    struct srcloc loc = {c->jr.file, 0, 0, c->jr.path.len ? c->jr.path.buf : NULL};
    const char *first = jn_key(obj, 0);
    const char *key;
    int q, pascal = 1;
    struct strbuf keys = STRBUF_INIT;
    size_t n = 0;

    if (!first) {
        diag_note(&loc, "skipped: an empty object (no AWS response in it)");
        return;
    }
    if (jn_get(obj, "sgmap")) {
        jr_error(&c->jr, NULL, "this is sgmap's own JSON output, which cannot be read back; "
                               "give sgmap the inputs it was made from");
        return;
    }
    if ((q = query_api_shape(obj, 0)) >= 0) {
        if (query_api_keys[q].command)
            jr_error(&c->jr, NULL, "expected the AWS CLI's JSON output, found the EC2 query "
                     "API's camelCase shape (%s); save the output of aws %s",
                     query_api_keys[q].key, query_api_keys[q].command);
        else
            jr_error(&c->jr, NULL, "expected the AWS CLI's JSON output, found the EC2 query "
                     "API's camelCase shape (%s); save the AWS CLI's output instead",
                     query_api_keys[q].key);
        return;
    }
    while ((key = jn_key(obj, n)) != NULL) {
        if (known_key(key, strlen(key))) {
            /* A response sgmap knows and does not use (ecs list-clusters). */
            diag_note(&loc, "skipped: AWS output that sgmap does not use (%s)", key);
            strbuf_release(&keys);
            return;
        }
        if (!(*key >= 'A' && *key <= 'Z'))
            pascal = 0;
        if (n++ < 3)
            strbuf_addf(&keys, "%s%s", n > 1 ? ", " : "", key);
    }
    if (n > 3)
        strbuf_addstr(&keys, ", ...");
    if (pascal)
        diag_note(&loc, "skipped: AWS output that sgmap does not use (%s)", first);
    else if (c->in_folder)
        diag_note(&loc, "skipped: JSON that sgmap does not use (keys %s)", keys.buf);
    else
        jr_error(&c->jr, NULL, "expected AWS CLI, Terraform or CloudFormation JSON, found JSON "
                 "that is not AWS CLI output (keys %s)", keys.buf);
    strbuf_release(&keys);
}

/* Read one response object (or refuse what is not one). */
static void read_response(struct aws_ctx *c, const struct jnode *obj)
{
    size_t i;
    int used = 0, fn = 0;
    const struct jnode *cfg;

    if (jn_typeof(obj) != JN_OBJECT) {
        jr_error(&c->jr, NULL, "expected an AWS response (an object), got %s",
                 jr_type_name(obj));
        return;
    }
    if ((i = resource_of(obj)) < NRESOURCES) {
        refuse_resource(c, obj, i);
        return;
    }
    for (i = 0; i < NREADERS && !c->jr.failed; i++) {
        const struct jnode *arr = jr_arr(&c->jr, obj, readers[i].key);
        if (arr) {
            size_t back = jr_push_key(&c->jr, readers[i].key);
            listed(c, i, jn_len(arr));
            readers[i].read(c, arr);
            jr_pop(&c->jr, back);
            used = 1;
        }
    }
    if (c->jr.failed)
        return;
    /* lambda get-function-configuration (a bare function) and get-function. */
    if (jn_get(obj, "FunctionName")) {
        aws_read_function(c, obj);
        fn = 1;
    } else if ((cfg = jr_obj(&c->jr, obj, "Configuration")) != NULL &&
               jn_get(cfg, "FunctionName")) {
        size_t back = jr_push_key(&c->jr, "Configuration");
        aws_read_function(c, cfg);
        jr_pop(&c->jr, back);
        fn = 1;
    }
    if (fn) {
        for (i = 0; i < NREADERS && strcmp(readers[i].key, "Functions") != 0; i++)
            ;
        listed(c, i, 1);
        used = 1;
    }
    if (!used && !c->jr.failed)
        read_other(c, obj);
}

/* Read one top-level document: a response, or an array of responses. */
static void read_document(struct aws_ctx *c, const struct jnode *doc, int prefix, size_t n)
{
    size_t i, back = 0;

    if (prefix)
        back = jr_push_index(&c->jr, n);
    if (jn_typeof(doc) != JN_ARRAY) {
        read_response(c, doc);
    } else if (jn_len(doc) == 0) {
        jr_error(&c->jr, NULL, "an empty list is not an AWS response (output of --query?); "
                               "save the whole response");
    } else if (!is_response(jn_at(doc, 0))) {
        /* A list that does not start with a response is a projection; a
         * list of responses (saved SDK pages) has its odd elements refused
         * one by one, at their index. */
        size_t r = resource_of(jn_at(doc, 0));
        if (r < NRESOURCES)
            jr_error(&c->jr, NULL, "a bare list of %s is not an AWS response (output of "
                     "--query?); save the whole output of aws %s", resources[r].many,
                     resources[r].command);
        else
            jr_error(&c->jr, NULL, "a bare list is not an AWS response (output of --query?); "
                                   "save the whole response");
    } else {
        for (i = 0; i < jn_len(doc) && !c->jr.failed; i++) {
            size_t b2 = jr_push_index(&c->jr, i);
            read_response(c, jn_at(doc, i));
            jr_pop(&c->jr, b2);
        }
    }
    if (prefix)
        jr_pop(&c->jr, back);
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/*
 * Refuse XML: an EC2 query API response (its root element names the
 * action, e.g. DescribeSecurityGroupsResponse, in an amazonaws.com
 * namespace) or any other XML. p is at the first '<'.
 */
static void refuse_xml(struct aws_ctx *c, const char *p, const char *end)
{
    struct srcloc loc = {c->jr.file, 0, 0, NULL};
    size_t n;

    /* Skip the <?xml ...?> declaration, comments and a DOCTYPE. */
    while (p < end && *p == '<' && p + 1 < end && (p[1] == '?' || p[1] == '!')) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        p = gt ? gt + 1 : end;
        while (p < end && is_space(*p))
            p++;
    }
    if (p < end && *p == '<')
        p++;
    n = strcspn(p, " \t\r\n/>");
    if (n > 80)
        n = 80;
    if ((n >= 8 && memcmp(p + n - 8, "Response", 8) == 0) || strstr(p, "amazonaws.com/"))
        diag_error(&loc, "AWS XML responses are not read (found <%.*s>); use the AWS CLI's "
                   "JSON output", (int)n, p);
    else
        diag_error(&loc, "expected JSON or YAML, found XML (<%.*s>)", (int)n, p);
    c->jr.failed = 1;
}

/* The peers of a group's permissions: the elements of the lists in its lists. */
static size_t count_peers(const struct jnode *group)
{
    size_t n = 0, i, j, k;

    for (i = 0; i < jn_len(group); i++) {
        const struct jnode *list = &group->u.members[i].value;
        for (j = 0; j < jn_len(list) && list->type == JN_ARRAY; j++) {
            const struct jnode *perm = jn_at(list, j);
            for (k = 0; k < jn_len(perm) && perm->type == JN_OBJECT; k++)
                if (perm->u.members[k].value.type == JN_ARRAY)
                    n += perm->u.members[k].value.n;
        }
    }
    return n;
}

/*
 * Size the model's indexes and the state for what the parsed documents
 * will add, so that each is sized once instead of growing step by step:
 * the groups and interfaces listed, a rule per peer of a permission.
 */
static void expect_sizes(struct aws_ctx *c, struct import_session *s,
                         const struct jnode *const *docs, size_t ndocs)
{
    size_t groups = 0, ifaces = 0, rules = 0, d, i, k;

    for (d = 0; d < ndocs; d++) {
        size_t n = docs[d]->type == JN_ARRAY ? docs[d]->n : 1;
        for (i = 0; i < n; i++) {
            const struct jnode *r = docs[d]->type == JN_ARRAY ? jn_at(docs[d], i) : docs[d];
            const struct jnode *sgs = jn_get(r, "SecurityGroups");
            groups += jn_len(sgs);
            for (k = 0; k < jn_len(sgs) && sgs->type == JN_ARRAY; k++)
                rules += count_peers(jn_at(sgs, k));
            rules += jn_len(jn_get(r, "SecurityGroupRules"));
            ifaces += jn_len(jn_get(r, "NetworkInterfaces"));
        }
    }
    model_expect(c->jr.m, groups, ifaces, rules);
    /* The state keeps a key per rule, and up to two per interface. */
    c->st = aws_state_get(s, c->jr.m, rules + 2 * ifaces);
}

/*
 * The parsed documents of a file live in one arena for the length of
 * import_aws(): the parser copies what it keeps, so the input text is
 * freed as soon as it is parsed, and the tree goes at once at the end.
 */
static int import_aws(struct import_session *s, const char *file, const char *data, size_t len)
{
    struct model *m = import_session_model(s);
    struct aws_ctx c = {{m, file, STRBUF_INIT, 0, NULL, NULL}, NULL, NULL, NULL, 0, 0, 0, NULL, 0};
    size_t off = 0, ndocs = 0, i;
    const struct jnode **docs = NULL;
    size_t docs_alloc = 0;
    struct arena tree = ARENA_INIT;
    struct jn_parser *parser;

    c.in_folder = import_session_in_folder(s);
    c.listed = xcalloc(NREADERS, sizeof(*c.listed));
    while (off < len && is_space(data[off]))
        off++;
    if (off < len && data[off] == '<') {
        refuse_xml(&c, data + off, data + len);
        free(c.listed);
        jr_release(&c.jr);
        return -1;
    }
    /* Concatenated documents (saved SDK pages): parse them all first so that
     * the path of an error can say which document it is in. */
    parser = jn_parser_new(&tree);
    for (;;) {
        struct jn_error err;
        const struct jnode *doc;

        while (off < len && is_space(data[off]))
            off++;
        if (off >= len)
            break;
        if ((doc = jn_parse(parser, data, len, &off, &err)) == NULL) {
            jr_parse_error(&c.jr, data, &err);
            break;
        }
        XGROW(docs, docs_alloc, ndocs + 1);
        docs[ndocs++] = doc;
    }
    jn_parser_free(parser);
    /* Parsed: the tree holds copies of every string. */
    import_session_release_input(s);
    expect_sizes(&c, s, docs, ndocs);
    if (!c.jr.failed && ndocs == 0) {
        struct srcloc loc = {file, 0, 0, NULL};
        diag_error(&loc, "empty input");
        c.jr.failed = 1;
    }
    for (i = 0; i < ndocs && !c.jr.failed; i++)
        read_document(&c, docs[i], ndocs > 1, i);
    free(docs);
    arena_release(&tree);
    aws_state_reconcile(c.st);
    if (!c.jr.failed)
        aws_note_task_groups(&c);
    if (!c.jr.failed && c.drawn == 0)
        note_nothing_drawn(&c);
    free(c.task_enis);
    free(c.listed);
    jr_release(&c.jr);
    return c.jr.failed ? -1 : 0;
}

/* ===== Detection ===== */

/* Skip a JSON string starting at p (on the quote); return the end (after it). */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return end;
}

/*
 * Look at the top-level keys of the first object (the document itself, or
 * the first element of a top-level array). Returns 1 for AWS CLI output,
 * 0 otherwise. Lexical only: it also works on invalid JSON, so that the
 * importer can report the syntax error.
 */
static int aws_looks_like_response(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    int depth = 0, objdepth = 0, aws = 0, pascal = 1, keys = 0;
    int nested_array = 0;

    while (p < end && is_space(*p))
        p++;
    if (p >= end || (*p != '{' && *p != '['))
        return 0;
    if (*p == '[') {
        const char *q = p + 1;
        while (q < end && is_space(*q))
            q++;
        /* [[...]]: a --query projection; let the importer refuse it. */
        if (q < end && *q == '[')
            nested_array = 1;
        if (q < end && *q == ']')
            return 1;
    }
    if (nested_array)
        return 1;
    for (; p < end; p++) {
        if (*p == '"') {
            const char *s = p + 1;
            const char *e = skip_string(p, end);
            const char *q = e;
            while (q < end && is_space(*q))
                q++;
            if (depth == objdepth && objdepth > 0 && q < end && *q == ':') {
                size_t n = (size_t)(e - 1 - s);
                size_t i;
                keys++;
                /* No template key is an AWS response key: stop at the first
                 * one rather than scanning a large response to its end. */
                if (known_key(s, n))
                    return 1;
                for (i = 0; i < sizeof(template_keys) / sizeof(template_keys[0]); i++)
                    if (strlen(template_keys[i]) == n && memcmp(template_keys[i], s, n) == 0)
                        return 0;
                if (!(n > 0 && *s >= 'A' && *s <= 'Z'))
                    pascal = 0;
            }
            p = e - 1;
        } else if (*p == '{' || *p == '[') {
            depth++;
            if (*p == '{' && objdepth == 0)
                objdepth = depth;
        } else if (*p == '}' || *p == ']') {
            if (depth == objdepth)
                break;
            depth--;
        }
    }
    return aws || (keys > 0 && pascal);
}

/* A response's keys: sure. Any other JSON, empty input and XML: this
 * importer refuses them with a message that says what they are (an empty
 * .tfstate is Terraform's to refuse, in its own words: see its detection). */
static enum import_claim aws_detect(const char *file, const char *data, size_t len)
{
    size_t i = 0;

    (void)file;
    while (i < len && is_space(data[i]))
        i++;
    if (i == len || data[i] == '<')
        return CLAIM_FALLBACK;
    if (data[i] != '{' && data[i] != '[')
        return CLAIM_NONE;
    return aws_looks_like_response(data, len) ? CLAIM_SURE : CLAIM_FALLBACK;
}

static const char *const aws_exts[] = {".json", NULL};

const struct importer importer_aws = {
    "aws", aws_exts, aws_detect, import_aws, NULL, NULL,
};
