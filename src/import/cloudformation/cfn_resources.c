/*
 * cfn_resources.c - template resources into groups and rules.
 *
 * This file owns AWS::EC2::SecurityGroup (a group whose id is its logical
 * id, with its inline SecurityGroupIngress/Egress), the standalone
 * AWS::EC2::SecurityGroupIngress/Egress resources, the AWS default egress
 * rule (added to a group without egress rules; marked conditional when
 * the group, or its having egress rules, depends on a condition), what
 * group a value names (cfn_group_of), and the groups AWS makes: the one
 * of an EKS cluster (GetAtt ClusterSecurityGroupId) and a VPC's default
 * group (GetAtt DefaultSecurityGroup), with the rules AWS gives them.
 * Members are cfn_members.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfn_resources.h"
#include "cidr.h"
#include "strmap.h"
#include "xalloc.h"

/* ==== Group ids ==== */

const char *cfn_group_of(struct cfn *c, const struct cfn_value *v, int create)
{
    struct cfn_resource *r;
    const char *id;
    struct group *g;
    int created;

    switch (v->kind) {
    case CFN_RESOURCE:
        r = (struct cfn_resource *)v->res;
        if (r->gid && (!v->attr || strcmp(v->attr, "GroupId") == 0))
            return r->gid;
        if (v->attr && (id = cfn_aws_group(r, v->attr)) != NULL)
            return id;
        id = cfn_text(c, v->node);
        break;
    case CFN_PARAM:
    case CFN_IMPORT:
        id = cfn_value_ref_id(v);
        break;
    case CFN_LITERAL:
        if ((id = cfn_stacks_group_named(v->from, v->text)) != NULL)
            return id;
        id = v->text;
        break;
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

/* ==== Groups ==== */

/* Text written for people (descriptions, tags): literal text, the text of
 * an expression of literals only, else the expression's source text. */
static const char *cfn_prose(struct cfn *c, const struct ynode *n)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;

    if (n->type == YNODE_SCALAR && !n->tag)
        return model_strdup(c->m, n->value);
    s = cfn_eval(c, n, 0, CFN_EVAL_LITERAL, &sb) ? model_strdup(c->m, sb.buf) : cfn_text(c, n);
    strbuf_release(&sb);
    return s;
}

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
        model_group_add_tag(c->m, g, k->value, v ? cfn_prose(c, v) : "");
    }
}

const char *cfn_vpc(struct cfn *c, const char *id, const struct ynode *at)
{
    int created;
    struct vpc *v = model_vpc(c->m, id, &created);

    if (created) {
        v->name = model_name_of(c->m, v->id) ? model_name_of(c->m, v->id) : v->id;
        v->loc = cfn_loc(c, at);
    }
    return v->id;
}

/* The VPC of a group: a literal, a VPC of the templates, a parameter or
 * import (param:NAME, import:NAME, as peers are written), else the source
 * text. */
static const char *cfn_group_vpc(struct cfn *c, const struct ynode *n)
{
    struct cfn_values vals = {NULL, 0, 0};
    const struct cfn_value *v0 = NULL;
    const char *vpc = NULL;

    if (!n || ynode_is_null(n) || cfn_is_novalue(n))
        return NULL;
    cfn_resolve(c, n, 0, &vals);
    if (vals.n == 1)
        v0 = &vals.v[0];
    if (v0 && v0->kind == CFN_LITERAL)
        vpc = v0->text;
    else if (v0 && v0->kind == CFN_RESOURCE && !v0->attr)
        vpc = cfn_uid((struct cfn_resource *)v0->res, 0);
    else if (v0 && (v0->kind == CFN_PARAM || v0->kind == CFN_IMPORT))
        vpc = cfn_value_ref_id(v0);
    else
        vpc = cfn_text(c, n);
    cfn_values_release(&vals);
    return cfn_vpc(c, vpc, n);
}

/* A group's description: literal text, or an expression's source text. */
static const char *cfn_group_description(struct cfn *c, const struct cfn_resource *r)
{
    const struct ynode *d = ynode_get(r->props, "GroupDescription");

    if (!d || ynode_is_null(d) || cfn_is_novalue(d)) {
        cfn_warning(c, r->key,
                    "security group '%s' has no 'GroupDescription', which CloudFormation "
                    "requires",
                    cfn_quote(0, r->id));
        return NULL;
    }
    return cfn_prose(c, d);
}

void cfn_declare_groups(struct cfn *c)
{
    size_t i;

    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];
        const struct ynode *name;
        struct group *g;

        if (!cfn_type_is(r, "AWS::EC2::SecurityGroup"))
            continue;
        r->gid = cfn_uid(r, 1);
        g = model_group(c->m, r->gid, NULL);
        g->declared = 1;
        g->conditional = r->conditional;
        g->loc = cfn_loc(c, r->key);
        name = ynode_get(r->props, "GroupName");
        if (name && name->type == YNODE_SCALAR && !name->tag && name->len) {
            g->name = model_strdup(c->m, name->value);
            strmap_put(c->group_names, name->value, (void *)r->gid);
        } else {
            g->name = g->id;
        }
        g->description = cfn_group_description(c, r);
        g->vpc = cfn_group_vpc(c, ynode_get(r->props, "VpcId"));
        cfn_group_tags(c, g, ynode_get(r->props, "Tags"));
    }
}

/* ==== Rules ==== */

/* A group that holds a rule. */
struct cfn_owner {
    const char *id;
    int conditional;
};

/* What one rule mapping applies to. */
struct cfn_rules {
    struct cfn_owner *owners;
    size_t nowners;
    enum direction dir;
    const char *what; /* "SecurityGroupIngress" or the resource type, for messages */
    const struct ynode *at; /* where the rules are reported, or NULL for the mapping */
    int standalone;   /* the Properties of a rule resource (GroupId is a key too) */
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
        (def = cfn_param_default(vals.v[0].from, vals.v[0].text)) != NULL) {
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
    int rc;

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
    rc = ports_from_aws(proto, fn || tn, from, to, spec, err, sizeof(err));
    if (rc < 0)
        return cfn_error(c, rc == PORTS_ERR_RULE ? rule
                            : rc == PORTS_ERR_PORTS && (fn || tn) ? (fn ? fn : tn)
                                                                  : pn,
                         "%s", err);
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
        if (conditional || rs->owners[i].conditional || g->conditional)
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

        if (v->kind == CFN_PARAM || v->kind == CFN_IMPORT) {
            type = v->kind == CFN_PARAM ? PEER_PARAM : PEER_IMPORT;
            peer = cfn_value_ref_id(v);
        } else if (v->kind == CFN_RESOURCE) {
            peer = cfn_group_of(c, v, 0);
            if ((peer == v->res->gid || peer == v->res->aws_gid) &&
                cfn_targets[t].target >= CFN_T_GROUP_ID)
                type = PEER_GROUP;
        } else if (v->kind == CFN_LITERAL && cfn_targets[t].target >= CFN_T_GROUP_ID &&
                   (peer = cfn_stacks_group_named(v->from, v->text)) != NULL) {
            type = PEER_GROUP;
        } else if (v->kind == CFN_LITERAL) {
            peer = v->text;
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

/* Is key one a rule may have, besides its targets? */
static int cfn_rule_key(const struct cfn_rules *rs, const char *key)
{
    static const char *const common[] = {"IpProtocol", "FromPort", "ToPort", "Description",
                                         NULL};
    size_t i;

    for (i = 0; common[i]; i++)
        if (strcmp(key, common[i]) == 0)
            return 1;
    for (i = 0; i < CFN_NTARGETS; i++)
        if (strcmp(key, cfn_targets[i].key) == 0)
            return 1;
    if (rs->dir == DIR_INGRESS && strcmp(key, "SourceSecurityGroupOwnerId") == 0)
        return 1;
    return rs->standalone && (strcmp(key, "GroupId") == 0 ||
                              (rs->dir == DIR_INGRESS && strcmp(key, "GroupName") == 0));
}

/* Warn about keys no rule has (a typo drops what it meant to say). */
static void cfn_rule_unknown_keys(struct cfn *c, const struct cfn_rules *rs,
                                  const struct ynode *rule)
{
    size_t i;

    for (i = 0; i < rule->npairs; i++) {
        const struct ynode *k = rule->pairs[i].key;
        if (k->type == YNODE_SCALAR && !k->tag && cfn_rule_key(rs, k->value))
            continue;
        cfn_warning(c, k,
                    "unknown key '%s' in an %s rule (expected %sIpProtocol, FromPort, "
                    "ToPort, Description and one %s); ignored",
                    cfn_quote(0, k->type == YNODE_SCALAR ? k->value : cfn_text(c, k)),
                    direction_name(rs->dir), rs->standalone ? "GroupId, " : "",
                    rs->dir == DIR_INGRESS ? "source" : "destination");
    }
}

/* Is n a Fn::ForEach loop (warned about: its rules are not drawn)? */
static int cfn_foreach(struct cfn *c, const struct ynode *n)
{
    const struct ynode *a;
    const char *name;
    int tagged;

    if (!cfn_intrinsic(n, &name, &a, &tagged) || strncmp(name, "ForEach::", 9) != 0)
        return 0;
    cfn_warning(c, n,
                "'Fn::%s' is a loop of the AWS::LanguageExtensions transform, which sgmap "
                "does not expand; its rules are not drawn",
                cfn_quote(0, name));
    return 1;
}

/* One rule mapping (an item of SecurityGroupIngress, or a rule resource's Properties). */
static int cfn_rule(struct cfn *c, const struct ynode *rule, int conditional, void *arg)
{
    const struct cfn_rules *rs = arg;
    const struct ynode *present[CFN_NTARGETS], *dn, *a;
    const char *description = NULL, *first = NULL, *name;
    struct portspec spec;
    size_t t, npresent = 0;
    int skip, any_if = 0, tagged;

    if (cfn_foreach(c, rule))
        return 0;
    if (rule->type != YNODE_MAP || rule->tag || cfn_intrinsic(rule, &name, &a, &tagged)) {
        if (cfn_intrinsic(rule, &name, &a, &tagged) || rule->tag) {
            cfn_warning(c, rule, "a rule of '%s' is an expression ('%s'); it is not drawn",
                        rs->what, cfn_quote(0, cfn_text(c, rule)));
            return 0;
        }
        return cfn_error(c, rule, "expected a mapping for a rule of '%s', got %s", rs->what,
                         ynode_type_name(rule));
    }
    cfn_rule_unknown_keys(c, rs, rule);
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
    if (dn && !ynode_is_null(dn) && !cfn_is_novalue(dn))
        description = cfn_prose(c, dn);
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

    if (cfn_foreach(c, list))
        return 0;
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
    struct cfn_owner owner = {r->gid, r->conditional};
    struct cfn_rules rs = {&owner, 1, DIR_INGRESS, "SecurityGroupIngress", NULL, 0};
    const struct ynode *in = ynode_get(r->props, "SecurityGroupIngress");
    const struct ynode *eg = ynode_get(r->props, "SecurityGroupEgress");

    if (cfn_branches(c, in, 0, cfn_rule_list, &rs) < 0)
        return -1;
    /* "!If [C, [...], !Ref AWS::NoValue]": the AWS default under not C. */
    if (eg && !ynode_is_null(eg) && !cfn_is_novalue(eg)) {
        if (cfn_may_be_absent(eg))
            r->egress_sometimes = 1;
        else
            r->egress_always = 1;
    }
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
    rs.standalone = 1;
    for (i = 0; i < vals.n; i++) {
        struct cfn_owner *o = &rs.owners[rs.nowners++];
        struct cfn_resource *g = (struct cfn_resource *)vals.v[i].res;
        o->id = cfn_group_of(c, &vals.v[i], 1);
        o->conditional = vals.v[i].conditional;
        if (dir == DIR_EGRESS && vals.v[i].kind == CFN_RESOURCE && o->id == g->gid) {
            if (o->conditional || r->conditional)
                g->egress_sometimes = 1;
            else
                g->egress_always = 1;
        }
    }
    rc = cfn_rule(c, r->props, r->conditional, &rs);
    free(rs.owners);
    cfn_values_release(&vals);
    return rc;
}


int cfn_import_rules(struct cfn *c)
{
    size_t i;

    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];

        if (r->gid) {
            if (cfn_group_rules(c, r) < 0)
                return -1;
        } else if (cfn_type_is(r, "AWS::EC2::SecurityGroupIngress")) {
            if (cfn_rule_resource(c, r, DIR_INGRESS) < 0)
                return -1;
        } else if (cfn_type_is(r, "AWS::EC2::SecurityGroupEgress")) {
            if (cfn_rule_resource(c, r, DIR_EGRESS) < 0)
                return -1;
        }
    }
    return 0;
}

void cfn_add_default_egress(struct cfn *c, struct group *g, int conditional)
{
    struct portspec all = {PROTO_ALL, -1, -1};
    struct rule *rl;

    if (!conditional) {
        g->default_egress = 1;
        return;
    }
    rl = model_add_rule(c->m, g, DIR_EGRESS, &all, PEER_CIDR, "0.0.0.0/0", NULL, &g->loc);
    rl->flags |= RULE_IMPLICIT | RULE_CONDITIONAL;
}

void cfn_default_egress(struct cfn *c)
{
    size_t i;

    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];
        if (r->gid && !r->egress_always)
            cfn_add_default_egress(c, model_group(c->m, r->gid, NULL),
                                   r->conditional || r->egress_sometimes);
    }
}

/* ==== Groups AWS makes ==== */

/* What AWS writes for the groups it makes (their real descriptions). */
#define CFN_EKS_GROUP_DESCRIPTION                                                              \
    "EKS created security group applied to ENI that is attached to EKS Control Plane master "  \
    "nodes, as well as any managed workloads."
#define CFN_DEFAULT_GROUP_DESCRIPTION "default VPC security group"

/*
 * A group AWS makes for resource r, named "NAME (LOGICAL-ID)", with the
 * rules AWS gives it: all traffic from its own members in, all traffic out.
 */
static const char *cfn_make_aws_group(struct cfn_resource *r, const char *attr,
                                      const char *name, const char *description)
{
    struct cfn *c = r->c;
    const char *uid = cfn_uid(r, 0);
    struct portspec all = {PROTO_ALL, -1, -1};
    struct srcloc loc = cfn_loc(c, r->key);
    char *id = xasprintf("%s.%s", uid, attr), *label = xasprintf("%s (%s)", name, uid);
    struct group *g = model_group(c->m, id, NULL);
    struct rule *self;

    free(id);
    g->declared = 1;
    g->name = model_strdup(c->m, label);
    free(label);
    g->description = description;
    g->conditional = r->conditional;
    g->loc = loc;
    self = model_add_rule(c->m, g, DIR_INGRESS, &all, PEER_GROUP, g->id, NULL, &loc);
    self->flags |= RULE_IMPLICIT | (r->conditional ? RULE_CONDITIONAL : 0);
    cfn_add_default_egress(c, g, r->conditional);
    return g->id;
}

const char *cfn_aws_group(struct cfn_resource *r, const char *attr)
{
    int eks = cfn_type_is(r, "AWS::EKS::Cluster"), vpc = cfn_type_is(r, "AWS::EC2::VPC");
    struct group *g;

    if (!(eks && strcmp(attr, "ClusterSecurityGroupId") == 0) &&
        !(vpc && strcmp(attr, "DefaultSecurityGroup") == 0))
        return NULL;
    if (r->aws_gid)
        return r->aws_gid;
    if (eks) {
        r->aws_gid = cfn_make_aws_group(r, attr, "eks-cluster-sg", CFN_EKS_GROUP_DESCRIPTION);
    } else {
        r->aws_gid = cfn_make_aws_group(r, attr, "default", CFN_DEFAULT_GROUP_DESCRIPTION);
        g = model_group(r->c->m, r->aws_gid, NULL);
        g->is_default = 1;
        g->vpc = cfn_vpc(r->c, cfn_uid(r, 0), r->key);
    }
    return r->aws_gid;
}
