/*
 * aws_sg.c - security groups and their rules from DescribeSecurityGroups,
 * DescribeSecurityGroupRules (and the authorize-* outputs that share its
 * shape) and DescribeStaleSecurityGroups; the names of VPC and subnet CIDRs
 * and of prefix lists from DescribeVpcs, DescribeSubnets,
 * DescribeManagedPrefixLists / DescribePrefixLists and
 * GetManagedPrefixListEntries; which lists AWS manages, and the entries of
 * a list whose file is named after it (for reachability).
 *
 * Rules are exploded to one per peer and merged by (group, direction,
 * ports, peer), so a rule read from both DescribeSecurityGroups and
 * DescribeSecurityGroupRules, or marked by DescribeStaleSecurityGroups, is
 * one rule. Group peers are merged on the bare sg- id, because a stale or
 * deleted reference loses its UserId in some outputs.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "aws_internal.h"
#include "cidr.h"
#include "ports.h"

/* The peer of one exploded rule, before it is added. */
struct aws_peer {
    enum peer_type type;
    const char *id;       /* CIDR text, pl-..., sg-... or ACCOUNT/sg-... */
    const char *bare;     /* for groups: the sg- id alone, else NULL */
    const char *label;    /* group name when given */
    const char *desc;
    const char *rule_id;  /* sgr-... */
    unsigned flags;
};

/* Append the decimal text of v (hot path: no printf). */
static void add_int(struct strbuf *sb, int v)
{
    char digits[16];
    size_t n = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

    if (v < 0)
        strbuf_addch(sb, '-');
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        strbuf_addch(sb, digits[--n]);
}

/* The state key of a rule: group, direction, ports and peer. */
static void rule_key(struct strbuf *sb, const struct group *g, enum direction dir,
                     const struct portspec *ports, const char *peer)
{
    strbuf_addstr(sb, g->id);
    strbuf_addch(sb, dir == DIR_INGRESS ? '<' : '>');
    add_int(sb, ports->proto);
    strbuf_addch(sb, ',');
    add_int(sb, ports->from);
    strbuf_addch(sb, ',');
    add_int(sb, ports->to);
    strbuf_addch(sb, ' ');
    strbuf_addstr(sb, peer);
}

/* Add the rule, or merge it into an equal one already read. */
static void rule_merge(struct aws_ctx *c, struct group *g, enum direction dir,
                       const struct portspec *ports, const struct aws_peer *p)
{
    struct rule *r = NULL;
    struct strbuf key = STRBUF_INIT;
    struct srcloc loc;

    /* Every rule this importer adds is indexed under (group, direction,
     * ports, peer) in the state; group peers under their bare sg- id. */
    rule_key(&key, g, dir, ports, p->bare ? p->bare : p->id);
    r = (struct rule *)aws_state_lookup(c->st, "rule", key.buf);
    if (!r) {
        loc = jr_loc(&c->jr, NULL);
        r = model_add_rule(c->jr.m, g, dir, ports, p->type, p->id, p->desc, &loc);
        aws_state_remember(c->st, "rule", key.buf, r);
    }
    strbuf_release(&key);
    c->drawn++;
    /* A stale reference read without its owner account, then with it. */
    if (p->bare && p->type == PEER_EXTERNAL_GROUP && strcmp(r->peer, p->id) != 0 &&
        strcmp(r->peer, p->bare) == 0) {
        r->peer = model_strdup(c->jr.m, p->id);
        r->peer_type = p->type;
    }
    r->flags |= p->flags;
    if (!r->description && p->desc)
        r->description = model_strdup(c->jr.m, p->desc);
    if (!r->rule_id && p->rule_id)
        r->rule_id = model_strdup(c->jr.m, p->rule_id);
    if (!r->peer_label && p->label)
        r->peer_label = model_strdup(c->jr.m, p->label);
}

/* Canonical CIDR text of obj[key] into out; 0 when absent, -1 after an error. */
int aws_read_cidr(struct aws_ctx *c, const struct jnode *obj, const char *key, char *out)
{
    char err[128];
    const char *text = jr_str(&c->jr, obj, key);

    if (!text)
        return 0;
    if (cidr_canonical(text, out, err, sizeof(err)) < 0) {
        jr_error(&c->jr, key, "%s", err);
        return -1;
    }
    return 1;
}

/*
 * The peer of a group reference: the bare sg- id when the group is owned
 * by the same account (or the owner is unknown), ACCOUNT/sg-... when
 * another account (or the legacy amazon-elb) owns it.
 */
static void group_peer(struct aws_ctx *c, struct aws_peer *p, const char *gid,
                       const char *user, const char *owner, char *buf, size_t buflen)
{
    p->bare = model_strdup(c->jr.m, gid);
    if (user && (owner ? strcmp(user, owner) != 0 : strspn(user, "0123456789") != strlen(user))) {
        snprintf(buf, buflen, "%s/%s", user, gid);
        p->id = buf;
        p->type = PEER_EXTERNAL_GROUP;
    } else {
        p->id = gid;
        p->type = PEER_GROUP;
    }
}

/* Read one UserIdGroupPair (or ReferencedGroupInfo) into p; 0 when unusable. */
static int read_pair(struct aws_ctx *c, const struct jnode *pair, const char *owner,
                     struct aws_peer *p, char *buf, size_t buflen)
{
    const char *gid = jr_str(&c->jr, pair, "GroupId");
    const char *gname = jr_str(&c->jr, pair, "GroupName");
    const char *user = jr_str(&c->jr, pair, "UserId");
    const char *status = jr_str(&c->jr, pair, "PeeringStatus");

    if (c->jr.failed)
        return 0;
    if (!gid && !gname) {
        jr_error(&c->jr, NULL, "missing GroupId");
        return 0;
    }
    if (gid) {
        group_peer(c, p, gid, user, owner, buf, buflen);
    } else {
        /* EC2-Classic style: a group known only by name. */
        p->id = gname;
        p->type = PEER_EXTERNAL_GROUP;
        p->bare = gname;
    }
    p->label = gname;
    if (status && strcmp(status, "active") != 0)
        p->flags |= RULE_STALE;
    return 1;
}

/*
 * The protocol and ports of an IpPermission or a SecurityGroupRule
 * (IpProtocol, FromPort, ToPort). Returns 0, or -1 after an error.
 */
static int read_ports(struct aws_ctx *c, const struct jnode *obj, struct portspec *ports)
{
    const char *proto = aws_req_str(c, obj, "IpProtocol");
    long from = 0, to = 0;
    int has_from = jr_int(&c->jr, obj, "FromPort", &from);
    int has_to = jr_int(&c->jr, obj, "ToPort", &to);
    char err[128];

    if (c->jr.failed)
        return -1;
    if (has_from && !has_to)
        to = from;
    if (has_to && !has_from)
        from = to;
    if (ports_from_aws(proto, has_from || has_to, from, to, ports, err, sizeof(err)) < 0) {
        jr_error(&c->jr, NULL, "%s", err);
        return -1;
    }
    return 0;
}

/* The peer lists of an IpPermission, in the order they are read. */
static const char *const peer_lists[] = {"IpRanges", "Ipv6Ranges", "PrefixListIds",
                                         "UserIdGroupPairs"};

/* A list of permissions being read into rules of g (read_permissions()). */
struct perm_read {
    struct group *g;
    enum direction dir;
    unsigned flags;         /* RULE_* flags of every rule */
    int pairs_only;         /* read only UserIdGroupPairs */
    struct portspec ports;  /* of the permission being read */
    size_t list;            /* the index in peer_lists[] of the list being read */
};

/* One element of a peer list of a permission: one rule of pr->g. */
static void read_peer(struct aws_ctx *c, const struct jnode *e, void *arg)
{
    const struct perm_read *pr = arg;
    struct aws_peer p = {0};
    char cidr[CIDR_TEXT_MAX], ext[256];

    p.flags = pr->flags;
    p.desc = jr_str(&c->jr, e, "Description");
    if (pr->list == 0 || pr->list == 1) {
        const char *key = pr->list == 0 ? "CidrIp" : "CidrIpv6";
        int rc = aws_read_cidr(c, e, key, cidr);
        if (rc == 0 && !c->jr.failed)
            jr_error(&c->jr, NULL, "missing %s", key);
        p.type = PEER_CIDR;
        p.id = cidr;
    } else if (pr->list == 2) {
        p.type = PEER_PREFIX_LIST;
        p.id = aws_req_str(c, e, "PrefixListId");
    } else {
        read_pair(c, e, pr->g->owner, &p, ext, sizeof(ext));
    }
    if (!c->jr.failed && p.id)
        rule_merge(c, pr->g, pr->dir, &pr->ports, &p);
}

/* Explode one IpPermission into rules of pr->g. */
static void read_permission(struct aws_ctx *c, const struct jnode *perm, void *arg)
{
    struct perm_read *pr = arg;

    if (read_ports(c, perm, &pr->ports) < 0)
        return;
    for (pr->list = pr->pairs_only ? 3 : 0; pr->list < 4 && !c->jr.failed; pr->list++)
        aws_each_at(c, perm, peer_lists[pr->list], read_peer, pr);
}

static void read_permissions(struct aws_ctx *c, struct group *g, const struct jnode *obj,
                             const char *key, enum direction dir, unsigned flags,
                             int pairs_only)
{
    struct perm_read pr = {.g = g, .dir = dir, .flags = flags, .pairs_only = pairs_only};

    aws_each_at(c, obj, key, read_permission, &pr);
}

/* Fill the group's fields from an object with GroupName, Description, VpcId. */
static void fill_group(struct aws_ctx *c, struct group *g, const struct jnode *obj)
{
    const char *name = jr_str(&c->jr, obj, "GroupName");
    const char *desc = jr_str(&c->jr, obj, "Description");
    const char *vpc = jr_str(&c->jr, obj, "VpcId");
    const char *owner = jr_str(&c->jr, obj, "OwnerId");

    if (name && g->name == g->id)
        g->name = model_strdup(c->jr.m, name);
    if (name && strcmp(name, "default") == 0)
        g->is_default = 1;
    if (desc && !g->description)
        g->description = model_strdup(c->jr.m, desc);
    if (vpc && !g->vpc)
        g->vpc = model_strdup(c->jr.m, vpc);
    if (owner && !g->owner)
        g->owner = model_strdup(c->jr.m, owner);
}

/*
 * The display name of a group with a Name tag: "TAG (GROUPNAME)", or the
 * tag alone when it equals the group name. The console shows the tag
 * first, but the GroupName is the group's identity in the API, in
 * Terraform and CloudFormation, and what lint's naming checks judge, so
 * both stay visible. They share the one name (the cluster label, JSON
 * "name", lint messages) rather than hiding the GroupName in the SVG
 * tooltip, which PNG, PDF and JSON do not have.
 */
static void name_group(struct aws_ctx *c, struct group *g, const char *tag, const char *gname)
{
    struct strbuf sb = STRBUF_INIT;

    if (!gname || strcmp(tag, gname) == 0) {
        g->name = model_strdup(c->jr.m, tag);
        return;
    }
    strbuf_addf(&sb, "%s (%s)", tag, gname);
    g->name = model_strdup(c->jr.m, sb.buf);
    g->alias = model_strdup(c->jr.m, gname);
    strbuf_release(&sb);
}

/* The Tags of a group being declared: the Name tag found so far. */
struct group_tags {
    struct group *g;
    const char *name_tag;
};

static void read_group_tag(struct aws_ctx *c, const struct jnode *tag, void *arg)
{
    struct group_tags *gt = arg;
    const char *k = jr_str(&c->jr, tag, "Key");
    const char *v = jr_str(&c->jr, tag, "Value");

    if (k)
        model_group_add_tag(c->jr.m, gt->g, k, v);
    if (k && v && !gt->name_tag && strcmp(k, "Name") == 0)
        gt->name_tag = v;
}

/*
 * The group named by sg's GroupId (created when new), its fields filled
 * from sg (see fill_group()) and counted as drawn; NULL after an error.
 */
static struct group *read_group(struct aws_ctx *c, const struct jnode *sg)
{
    const char *gid = aws_req_str(c, sg, "GroupId");
    struct group *g;

    if (c->jr.failed)
        return NULL;
    g = model_group(c->jr.m, gid, NULL);
    fill_group(c, g, sg);
    c->drawn++;
    return g;
}

static void read_security_group(struct aws_ctx *c, const struct jnode *sg, void *arg)
{
    struct group *g = read_group(c, sg);
    const struct jnode *tags;

    (void)arg;
    if (!g)
        return;
    tags = jr_arr(&c->jr, sg, "Tags");
    if (!g->declared) {
        struct group_tags gt = {g, NULL};
        aws_each(c, tags, "Tags", read_group_tag, &gt);
        if (gt.name_tag)
            name_group(c, g, gt.name_tag, jr_str(&c->jr, sg, "GroupName"));
        g->loc = jr_loc(&c->jr, NULL);
    }
    g->declared = 1;
    read_permissions(c, g, sg, "IpPermissions", DIR_INGRESS, 0, 0);
    read_permissions(c, g, sg, "IpPermissionsEgress", DIR_EGRESS, 0, 0);
}

void aws_read_security_groups(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_security_group, NULL);
}

static void read_security_group_rule(struct aws_ctx *c, const struct jnode *r, void *arg)
{
    const char *gid = aws_req_str(c, r, "GroupId");
    const char *owner = jr_str(&c->jr, r, "GroupOwnerId");
    int egress = jr_bool(&c->jr, r, "IsEgress");
    const struct jnode *ref = jr_obj(&c->jr, r, "ReferencedGroupInfo");
    struct aws_peer p = {0};
    struct portspec ports;
    struct group *g;
    char cidr[CIDR_TEXT_MAX], ext[256];
    int rc;

    (void)arg;
    p.desc = jr_str(&c->jr, r, "Description");
    p.rule_id = jr_str(&c->jr, r, "SecurityGroupRuleId");
    if (c->jr.failed || read_ports(c, r, &ports) < 0)
        return;
    g = model_group(c->jr.m, gid, NULL);
    if (owner && !g->owner)
        g->owner = model_strdup(c->jr.m, owner);
    if ((rc = aws_read_cidr(c, r, "CidrIpv4", cidr)) != 0 ||
        (rc = aws_read_cidr(c, r, "CidrIpv6", cidr)) != 0) {
        p.type = PEER_CIDR;
        p.id = rc > 0 ? cidr : NULL;
    } else if ((p.id = jr_str(&c->jr, r, "PrefixListId")) != NULL) {
        p.type = PEER_PREFIX_LIST;
    } else if (ref) {
        size_t back = jr_push_key(&c->jr, "ReferencedGroupInfo");
        read_pair(c, ref, owner ? owner : g->owner, &p, ext, sizeof(ext));
        jr_pop(&c->jr, back);
    } else if (!c->jr.failed) {
        jr_error(&c->jr, NULL, "missing CidrIpv4, CidrIpv6, PrefixListId or "
                               "ReferencedGroupInfo");
    }
    if (!c->jr.failed && p.id)
        rule_merge(c, g, egress ? DIR_EGRESS : DIR_INGRESS, &ports, &p);
}

void aws_read_security_group_rules(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_security_group_rule, NULL);
}

static void read_stale_group(struct aws_ctx *c, const struct jnode *sg, void *arg)
{
    /* Not the group's definition: fill the names, leave declared alone. */
    struct group *g = read_group(c, sg);

    (void)arg;
    if (!g)
        return;
    read_permissions(c, g, sg, "StaleIpPermissions", DIR_INGRESS, RULE_STALE, 1);
    read_permissions(c, g, sg, "StaleIpPermissionsEgress", DIR_EGRESS, RULE_STALE, 1);
}

void aws_read_stale_groups(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_stale_group, NULL);
}

/* Name a CIDR "NAME" (the Name tag) or, without one, after its owner's id;
 * record it as one of vpc's own when vpc is not NULL. */
static void name_cidr(struct aws_ctx *c, const struct jnode *obj, const char *key,
                      const char *name, struct vpc *vpc)
{
    char cidr[CIDR_TEXT_MAX];
    if (aws_read_cidr(c, obj, key, cidr) > 0) {
        model_set_name(c->jr.m, cidr, name);
        if (vpc)
            model_vpc_add_cidr(c->jr.m, vpc, cidr);
    }
}

/* Is the association's state (obj[key].State) associated, or not given? */
static int associated(struct aws_ctx *c, const struct jnode *obj, const char *key)
{
    const struct jnode *st = jr_obj(&c->jr, obj, key);
    const char *s = jr_str(&c->jr, st, "State");
    return !s || strcmp(s, "associated") == 0;
}

/* The CIDRs of an association list to name (name_associations()). */
struct cidr_names {
    const char *cidr_key, *state_key;
    const char *name;
    struct vpc *vpc; /* the VPC they belong to, or NULL (a subnet's) */
};

static void name_association(struct aws_ctx *c, const struct jnode *a, void *arg)
{
    const struct cidr_names *cn = arg;

    if (associated(c, a, cn->state_key))
        name_cidr(c, a, cn->cidr_key, cn->name, cn->vpc);
}

/* Name the CIDRs of a [{CIDRKEY, STATEKEY{State}}] association list. */
static void name_associations(struct aws_ctx *c, const struct jnode *obj, const char *list,
                              const char *cidrkey, const char *statekey, const char *name,
                              struct vpc *vpc)
{
    struct cidr_names cn = {cidrkey, statekey, name, vpc};

    aws_each_at(c, obj, list, name_association, &cn);
}

static void read_vpc(struct aws_ctx *c, const struct jnode *v, void *arg)
{
    const char *id = aws_req_str(c, v, "VpcId");
    const char *name = aws_tag(c, v, "Tags", "Name");
    struct vpc *vpc;
    const char *label;

    (void)arg;
    if (c->jr.failed)
        return;
    vpc = model_vpc(c->jr.m, id, NULL);
    if (name && !vpc->name)
        vpc->name = model_strdup(c->jr.m, name);
    if (!vpc->loc.file)
        vpc->loc = jr_loc(&c->jr, NULL);
    label = name ? name : id;
    if (jr_arr(&c->jr, v, "CidrBlockAssociationSet"))
        name_associations(c, v, "CidrBlockAssociationSet", "CidrBlock", "CidrBlockState",
                          label, vpc);
    else
        name_cidr(c, v, "CidrBlock", label, vpc);
    name_associations(c, v, "Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock",
                      "Ipv6CidrBlockState", label, vpc);
}

void aws_read_vpcs(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_vpc, NULL);
}

static void read_subnet(struct aws_ctx *c, const struct jnode *s, void *arg)
{
    const char *id = aws_req_str(c, s, "SubnetId");
    const char *vpc = jr_str(&c->jr, s, "VpcId");
    const char *name = aws_tag(c, s, "Tags", "Name");
    const char *label = name ? name : id;
    struct subnet *sn;

    (void)arg;
    if (c->jr.failed)
        return;
    sn = model_subnet(c->jr.m, id, NULL);
    if (vpc && !sn->vpc)
        sn->vpc = model_strdup(c->jr.m, vpc);
    if (!sn->loc.file)
        sn->loc = jr_loc(&c->jr, NULL);
    name_cidr(c, s, "CidrBlock", label, NULL);
    name_associations(c, s, "Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock",
                      "Ipv6CidrBlockState", label, NULL);
}

void aws_read_subnets(struct aws_ctx *c, const struct jnode *arr)
{
    aws_each(c, arr, NULL, read_subnet, NULL);
}

/*
 * The AWS-managed prefix lists, com.amazonaws.REGION.[ipv6.]SERVICE or
 * com.amazonaws.global.[ipv6.]SERVICE: the service's label and the list's
 * weight in the rule quota (VPC User Guide, "AWS-managed prefix list
 * weight"; aws-input-reference.md section 4).
 */
static const struct {
    const char *service, *label;
    unsigned weight;
} managed_lists[] = {
    {"s3", "S3", 1},
    {"dynamodb", "DynamoDB", 1},
    {"s3express", "S3 Express One Zone", 6},
    {"ec2-instance-connect", "EC2 Instance Connect", 2},
    {"route53-healthchecks", "Route 53 health checks", 25},
    {"vpc-lattice", "VPC Lattice", 10},
    {"cloudfront.origin-facing", "CloudFront origin-facing", 55},
    {"groundstation", "Ground Station", 5},
};

/*
 * The label of an AWS-managed list's name ("com.amazonaws.us-east-1.s3" ->
 * "S3 (us-east-1)", "com.amazonaws.global.ipv6.cloudfront.origin-facing"
 * -> "CloudFront origin-facing (IPv6)") into sb; returns its weight, or 0
 * (sb untouched) when the name is not one of managed_lists[].
 */
static unsigned managed_list(const char *name, struct strbuf *sb)
{
    const char *scope, *dot, *service;
    int ipv6, global;
    size_t i, n;

    if (strncmp(name, "com.amazonaws.", 14) != 0)
        return 0;
    scope = name + 14;
    if (!(dot = strchr(scope, '.')) || dot == scope)
        return 0;
    n = (size_t)(dot - scope);
    global = n == 6 && memcmp(scope, "global", 6) == 0;
    service = dot + 1;
    ipv6 = strncmp(service, "ipv6.", 5) == 0;
    if (ipv6)
        service += 5;
    for (i = 0; i < sizeof(managed_lists) / sizeof(managed_lists[0]); i++) {
        if (strcmp(service, managed_lists[i].service) != 0)
            continue;
        if (global)
            strbuf_addf(sb, "%s%s", managed_lists[i].label, ipv6 ? " (IPv6)" : "");
        else
            strbuf_addf(sb, "%s (%.*s%s)", managed_lists[i].label, (int)n, scope,
                        ipv6 ? ", IPv6" : "");
        return managed_lists[i].weight;
    }
    return 0;
}

/*
 * One list of DescribeManagedPrefixLists or the legacy DescribePrefixLists
 * (no OwnerId; it lists only AWS-managed lists): the name of the list, and
 * its weight in the rule quota (MaxEntries for a customer-managed list).
 * arg is a struct strbuf for the label, reused from list to list.
 */
static void read_prefix_list(struct aws_ctx *c, const struct jnode *pl, void *arg)
{
    struct strbuf *label = arg;
    const char *id = aws_req_str(c, pl, "PrefixListId");
    const char *name = jr_str(&c->jr, pl, "PrefixListName");
    const char *owner = jr_str(&c->jr, pl, "OwnerId");
    long max = 0;
    int has_max = jr_int(&c->jr, pl, "MaxEntries", &max);
    unsigned weight = 0;

    if (c->jr.failed || !name)
        return;
    strbuf_reset(label);
    if (owner ? strcmp(owner, "AWS") == 0 : strncmp(name, "com.amazonaws.", 14) == 0) {
        /* AWS-managed: an unknown service keeps its name, its weight unknown. */
        model_prefix_list(c->jr.m, id)->aws_managed = 1;
        weight = managed_list(name, label);
        if (weight)
            model_set_prefix_list_size(c->jr.m, id, weight);
    } else if (has_max && max > 0) {
        model_set_prefix_list_size(c->jr.m, id, (unsigned long)max);
    }
    model_set_name(c->jr.m, id, weight ? label->buf : name);
}

void aws_read_prefix_lists(struct aws_ctx *c, const struct jnode *arr)
{
    struct strbuf label = STRBUF_INIT;

    aws_each(c, arr, NULL, read_prefix_list, &label);
    strbuf_release(&label);
}

/*
 * The response does not say which list the entries belong to. They name
 * their CIDRs with their descriptions; and when the file is named after the
 * list (sgmap-collect writes ...-entries-pl-0123abcd.json), they are the
 * list's entries, for reachability. arg is that list, or NULL.
 */
static void read_prefix_list_entry(struct aws_ctx *c, const struct jnode *e, void *arg)
{
    const char *desc = jr_str(&c->jr, e, "Description");
    char cidr[CIDR_TEXT_MAX];

    if (aws_read_cidr(c, e, "Cidr", cidr) <= 0)
        return;
    if (desc)
        model_set_name(c->jr.m, cidr, desc);
    if (arg)
        model_prefix_list_add_entry(c->jr.m, arg, cidr);
}

/* The last prefix-list id ("pl-" and letters or digits) in the base name of
 * file, copied into buf; NULL when there is none. */
static const char *list_named_by_file(const char *file, char *buf, size_t size)
{
    const char *base = strrchr(file, '/'), *p, *found = NULL;
    size_t n = 0;

    base = base ? base + 1 : file;
    for (p = strstr(base, "pl-"); p; p = strstr(p + 1, "pl-")) {
        size_t k = 3;
        while (isalnum((unsigned char)p[k]))
            k++;
        if (k > 3 && (p == base || !isalnum((unsigned char)p[-1])))
            found = p, n = k;
    }
    if (!found || n >= size)
        return NULL;
    memcpy(buf, found, n);
    buf[n] = '\0';
    return buf;
}

void aws_read_prefix_list_entries(struct aws_ctx *c, const struct jnode *arr)
{
    char id[64];
    struct prefix_list *pl = NULL;

    if (list_named_by_file(c->jr.file, id, sizeof(id))) {
        pl = model_prefix_list(c->jr.m, id);
        pl->entries_known = 1;
    }
    aws_each(c, arr, NULL, read_prefix_list_entry, pl);
}
