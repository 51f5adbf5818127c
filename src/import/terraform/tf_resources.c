/*
 * tf_resources.c - Terraform resources into the model.
 *
 * Three passes over the resource records of one file:
 *   1. index: the id of each group (its real sg- id when known, else its
 *      address), interface and VPC, by instance address and by resource
 *      (every instance of a resource made with count or for_each);
 *   2. groups, VPCs and the names of CIDRs and prefix lists;
 *   3. members (every resource of the membership table) and rules (inline
 *      ingress/egress blocks, aws_security_group_rule,
 *      aws_vpc_security_group_ingress_rule / _egress_rule, and the SSH access
 *      an aws_eks_node_group's remote_access opens, see read_node_group()).
 *
 * A group reference is the attribute's value when that is known. In a plan
 * a value unknown until apply (absent from planned_values, or a null element
 * of a list) is looked up in the configuration instead: the groups its
 * expression refers to. When these are more than the unknown values they
 * stand for (var.x ? aws_security_group.a.id : aws_security_group.b.id),
 * the plan cannot say which one applies: each is used, marked conditional,
 * with a warning that names the resource. A group that resolves to nothing
 * is never dropped silently: a warning says what was expected and what was
 * found. Resource types sgmap does not know are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws_kinds.h"
#include "cidr.h"
#include "diag.h"
#include "strmap.h"
#include "tf_internal.h"
#include "xalloc.h"

/* ===== Lookups ===== */

struct tf_vals {
    const char **v;
    size_t n, alloc;
};

/* Resource instances by address: each instance, and each resource (the
 * address without its instance key) with all its instances in input order. */
struct tf_index {
    struct strmap *exact;    /* instance address -> struct tf_vals * */
    struct strmap *resource; /* resource address -> struct tf_vals * */
};

struct tf_lookups {
    struct tf_index groups; /* groups and data aws_security_group(s) -> group ids */
    struct tf_index ifaces; /* aws_network_interface, aws_instance -> interface ids */
    struct tf_index vpcs;   /* aws_vpc, data aws_vpc -> VPC ids */
    struct strmap *group_by_name;    /* group name attribute -> group id */
    struct strmap *iface_by_eni;     /* ENI id -> interface id */
    struct strmap *data_group_names; /* data aws_security_group id -> its name */
    struct tf_vals **lists;          /* every list made, to free */
    size_t nlists, lists_alloc;
};

static void vals_add(struct tf_ctx *c, struct strmap *map, const char *key, const char *value)
{
    struct tf_lookups *lk = c->lk;
    struct tf_vals *v = strmap_get(map, key);
    size_t i;

    if (!v) {
        v = xcalloc(1, sizeof(*v));
        XGROW(lk->lists, lk->lists_alloc, lk->nlists + 1);
        lk->lists[lk->nlists++] = v;
        strmap_put(map, key, v);
    }
    for (i = 0; i < v->n; i++)
        if (v->v[i] == value)
            return;
    XGROW(v->v, v->alloc, v->n + 1);
    v->v[v->n++] = value;
}

/* address (a model string) has value (a model string). */
static void index_put(struct tf_ctx *c, struct tf_index *ix, const char *address,
                      const char *value)
{
    vals_add(c, ix->exact, address, value);
    vals_add(c, ix->resource, tf_strip_key(c->jr.m, address), value);
}

/*
 * What address names: with key (count.index or each.key of the referring
 * instance), that instance of the resource when it exists; else the
 * instance at address; else, for an address without a key, every instance
 * of the resource. NULL when nothing.
 */
static const struct tf_vals *index_find(const struct tf_index *ix, const char *address,
                                        const char *key)
{
    const struct tf_vals *v = NULL;

    if (key) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s%s", address, key);
        v = strmap_get(ix->exact, sb.buf);
        strbuf_release(&sb);
    }
    if (!v)
        v = strmap_get(ix->exact, address);
    if (!v)
        v = strmap_get(ix->resource, address);
    return v;
}

static void lookups_init(struct tf_lookups *lk)
{
    memset(lk, 0, sizeof(*lk));
    lk->groups.exact = strmap_new();
    lk->groups.resource = strmap_new();
    lk->ifaces.exact = strmap_new();
    lk->ifaces.resource = strmap_new();
    lk->vpcs.exact = strmap_new();
    lk->vpcs.resource = strmap_new();
    lk->group_by_name = strmap_new();
    lk->iface_by_eni = strmap_new();
    lk->data_group_names = strmap_new();
}

static void lookups_release(struct tf_lookups *lk)
{
    size_t i;
    struct strmap *maps[] = {lk->groups.exact, lk->groups.resource, lk->ifaces.exact,
                             lk->ifaces.resource, lk->vpcs.exact, lk->vpcs.resource,
                             lk->group_by_name, lk->iface_by_eni, lk->data_group_names};

    for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
        strmap_free(maps[i]);
    for (i = 0; i < lk->nlists; i++) {
        free(lk->lists[i]->v);
        free(lk->lists[i]);
    }
    free(lk->lists);
}

static int is_group_type(const char *type)
{
    return strcmp(type, "aws_security_group") == 0 ||
           strcmp(type, "aws_default_security_group") == 0;
}

/* The model id of a group resource: its real id when known, else its address. */
static const char *group_id_of(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    return model_strdup(c->jr.m, id ? id : r->address);
}

static void index_data(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    const char *name = jr_str(&c->jr, r->values, "name");

    if (is_group_type(r->type) && id) {
        id = model_strdup(c->jr.m, id);
        index_put(c, &c->lk->groups, r->address, id);
        /* A group looked up by a data source: its name labels the group. */
        if (name)
            strmap_put(c->lk->data_group_names, id, (void *)model_strdup(c->jr.m, name));
    } else if (strcmp(r->type, "aws_security_groups") == 0) {
        json_t *ids = jr_arr(&c->jr, r->values, "ids");
        size_t i, back = jr_push_key(&c->jr, "ids");
        for (i = 0; i < json_array_size(ids) && !c->jr.failed; i++) {
            const char *gid = jr_elem_str(&c->jr, ids, i);
            if (gid)
                index_put(c, &c->lk->groups, r->address, model_strdup(c->jr.m, gid));
        }
        jr_pop(&c->jr, back);
    } else if (strcmp(r->type, "aws_vpc") == 0 && id) {
        index_put(c, &c->lk->vpcs, r->address, model_strdup(c->jr.m, id));
    }
}

static void index_resource(struct tf_ctx *c, const struct tf_res *r)
{
    struct tf_lookups *lk = c->lk;
    const char *id;

    if (r->data) {
        index_data(c, r);
    } else if (is_group_type(r->type)) {
        const char *gid = group_id_of(c, r);
        const char *name = jr_str(&c->jr, r->values, "name");
        index_put(c, &lk->groups, r->address, gid);
        if (name && !strmap_get(lk->group_by_name, name))
            strmap_put(lk->group_by_name, model_strdup(c->jr.m, name), (void *)gid);
    } else if (strcmp(r->type, "aws_vpc") == 0) {
        id = jr_str(&c->jr, r->values, "id");
        index_put(c, &lk->vpcs, r->address, model_strdup(c->jr.m, id ? id : r->address));
    } else if (strcmp(r->type, "aws_network_interface") == 0) {
        const char *ifc;
        id = jr_str(&c->jr, r->values, "id");
        ifc = model_strdup(c->jr.m, id ? id : r->address);
        index_put(c, &lk->ifaces, r->address, ifc);
        if (id)
            strmap_put(lk->iface_by_eni, ifc, (void *)ifc);
    } else if (strcmp(r->type, "aws_instance") == 0) {
        id = jr_str(&c->jr, r->values, "primary_network_interface_id");
        if (id)
            strmap_put(lk->iface_by_eni, model_strdup(c->jr.m, id), (void *)r->address);
        index_put(c, &lk->ifaces, r->address, r->address);
    }
}

/* ===== References: known values, then the configuration ===== */

/* What a reference is resolved against. */
struct target {
    const struct tf_index *ix;  /* addresses the configuration refers to */
    const struct strmap *alias; /* a value -> the id it stands for, or NULL */
    const char *noun;           /* "group", for messages */
};

/* One id a resource names, with where it was named. */
struct ref {
    const char *id;
    struct srcloc loc;
    int conditional; /* one of several the plan cannot choose between */
};

/* The unknown values of an attribute that resolved to less than expected. */
struct lost {
    const char *attr;  /* NULL when nothing was lost */
    struct srcloc at;
    size_t expected;   /* unknown values; 0: how many is unknown too */
    size_t found;      /* ids their expression refers to */
    enum tf_cfg cfg;
    const char *other; /* references that named nothing, ", "-joined, or NULL */
};

struct idlist {
    struct ref *v;
    size_t n, alloc;
    const struct target *t;
    struct lost lost; /* the first attribute that lost values */
    int null;         /* a single id was set to null */
    struct srcloc null_at;
};

static int idlist_has(const struct idlist *l, const char *id)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (l->v[i].id == id)
            return 1;
    return 0;
}

static void idlist_add(struct tf_ctx *c, struct idlist *l, const char *id,
                       const struct srcloc *loc)
{
    id = model_strdup(c->jr.m, id);
    if (idlist_has(l, id))
        return;
    XGROW(l->v, l->alloc, l->n + 1);
    l->v[l->n].id = id;
    l->v[l->n].loc = loc ? *loc : jr_loc(&c->jr, NULL);
    l->v[l->n].conditional = 0;
    l->n++;
}

static void idlist_release(struct idlist *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

/* A value as written (a group id, a group name, an ENI id): its model id. */
static void add_value(struct tf_ctx *c, const char *value, void *arg)
{
    struct idlist *l = arg;
    const char *id = NULL;

    if (l->t->alias && !strchr(value, '/'))
        id = strmap_get(l->t->alias, value);
    idlist_add(c, l, id ? id : value, NULL);
}

/* Is an attribute (the last part of a dotted path) one id rather than a
 * list: security_group_id, network_interface_id, vpc_id... */
static int is_scalar(const char *attr)
{
    const char *last = strrchr(attr, '.');
    size_t n;

    last = last ? last + 1 : attr;
    n = strlen(last);
    return n > 3 && strcmp(last + n - 3, "_id") == 0;
}

/* What reading an attribute's values found besides known ids. */
struct attr_read {
    size_t unknown;   /* values unknown until apply: null list elements, an absent id */
    int whole;        /* the whole value is unknown, and so how many it holds */
    struct srcloc at; /* the first of them */
};

static void note_unknown(struct tf_ctx *c, struct attr_read *ar, const char *key)
{
    if (!ar->at.file)
        ar->at = jr_loc(&c->jr, key);
}

/* Read attribute attr (a dotted path through nested blocks) of obj. */
static void walk_values(struct tf_ctx *c, const json_t *obj, const char *attr,
                        struct idlist *l, struct attr_read *ar, int depth)
{
    const char *dot = strchr(attr, '.');
    char seg[128];
    size_t n = dot ? (size_t)(dot - attr) : strlen(attr), i, back, before = ar->unknown;
    json_t *v;

    if (n >= sizeof(seg) || depth > 8 || c->jr.failed || !json_is_object(obj))
        return;
    memcpy(seg, attr, n);
    seg[n] = '\0';
    v = json_object_get(obj, seg);
    if (!v) {
        /* A plan leaves out what is unknown until apply; a state what is unset. */
        if (!c->plan)
            return;
        if (!dot && is_scalar(seg))
            ar->unknown++;
        else
            ar->whole = 1;
        note_unknown(c, ar, seg);
        return;
    }
    if (json_is_null(v)) {
        if (!dot && is_scalar(seg) && !l->null) {
            l->null = 1;
            l->null_at = jr_loc(&c->jr, seg);
        }
        return;
    }
    if (!dot) {
        if (is_scalar(seg))
            tf_one_str(c, obj, seg, add_value, l);
        else
            tf_each_str(c, obj, seg, add_value, l, c->plan ? &ar->unknown : NULL);
        if (ar->unknown > before)
            note_unknown(c, ar, seg);
        return;
    }
    back = jr_push_key(&c->jr, seg);
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && !c->jr.failed; i++) {
            json_t *e = tf_elem_obj(c, v, i);
            size_t b2 = tf_push_index(c, v, i);
            if (e)
                walk_values(c, e, dot + 1, l, ar, depth + 1);
            jr_pop(&c->jr, b2);
        }
    } else if (json_is_object(v)) {
        walk_values(c, v, dot + 1, l, ar, depth + 1);
    } else {
        jr_error(&c->jr, NULL, "expected an array, got %s", jr_type_name(v));
    }
    jr_pop(&c->jr, back);
}

/* The ids the references of an expression name. */
struct cands {
    const struct target *t;
    struct idlist found;
    struct strbuf other; /* references that named nothing */
};

static void add_candidate(struct tf_ctx *c, const char *ref, const char *key, void *arg)
{
    struct cands *cd = arg;
    const struct tf_vals *v = index_find(cd->t->ix, ref, key);
    size_t i;

    if (!v) {
        strbuf_addf(&cd->other, "%s%s", cd->other.len ? ", " : "", ref);
        return;
    }
    for (i = 0; i < v->n; i++)
        idlist_add(c, &cd->found, v->v[i], NULL);
}

/* An inline ingress/egress block, for tf_config_block_refs(). */
struct block_query {
    const char *block;
    const char *protocol;
    long from, to;
};

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/*
 * In a plan, the values of attr unknown until apply (ar) are what its
 * configuration expression refers to (within inline block q when not NULL).
 */
static void resolve_unknown(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                            const struct block_query *q, const struct attr_read *ar,
                            struct idlist *l)
{
    struct cands cd;
    struct strbuf names = STRBUF_INIT;
    enum tf_cfg cfg;
    size_t i, first = l->n, n;

    if (!c->plan || (!ar->unknown && !ar->whole) || c->jr.failed)
        return;
    memset(&cd, 0, sizeof(cd));
    cd.t = l->t;
    strbuf_init(&cd.other);
    if (q)
        cfg = tf_config_block_refs(c, r, q->block, q->protocol, q->from, q->to, attr,
                                   add_candidate, &cd);
    else
        cfg = tf_config_refs(c, r, attr, add_candidate, &cd);
    for (i = 0; i < cd.found.n; i++) {
        if (idlist_has(l, cd.found.v[i].id))
            continue;
        strbuf_addf(&names, "%s%s", names.len ? ", " : "", cd.found.v[i].id);
        idlist_add(c, l, cd.found.v[i].id, &cd.found.v[i].loc);
    }
    n = l->n - first;
    if (!ar->whole && n > ar->unknown) {
        for (i = first; i < l->n; i++)
            l->v[i].conditional = 1;
        diag_warning(&ar->at, "%s: %s is unknown until apply: expected %zu %s%s, its "
                              "expression refers to %zu (%s); each is used, marked conditional",
                     r->address, attr, ar->unknown, l->t->noun, plural(ar->unknown), n,
                     names.buf);
    } else if ((ar->whole ? n == 0 : n < ar->unknown) && !l->lost.attr) {
        l->lost.attr = attr;
        l->lost.at = ar->at;
        l->lost.expected = ar->whole ? 0 : ar->unknown;
        l->lost.found = n;
        l->lost.cfg = cfg;
        l->lost.other = cd.other.len ? model_strndup(c->jr.m, cd.other.buf, cd.other.len) : NULL;
    }
    strbuf_release(&names);
    strbuf_release(&cd.other);
    idlist_release(&cd.found);
}

/* The ids attribute attr of r names: its known values, and in a plan the
 * targets of its expression for the values unknown until apply. */
static void collect(struct tf_ctx *c, const struct tf_res *r, const char *attr, struct idlist *l)
{
    struct attr_read ar;

    memset(&ar, 0, sizeof(ar));
    walk_values(c, r->values, attr, l, &ar, 0);
    resolve_unknown(c, r, attr, NULL, &ar, l);
}

/* The groups attribute attr of r names; by_name: written as group names. */
static void collect_groups(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                           int by_name, struct idlist *l)
{
    struct target t = {&c->lk->groups, by_name ? c->lk->group_by_name : NULL, "group"};
    const struct target *keep = l->t;

    l->t = &t;
    collect(c, r, attr, l);
    l->t = keep;
}

/*
 * Say that l lost values, and what follows (e.g. "the rule is not drawn").
 * unset_too: a value the configuration does not set is lost too (an
 * attribute that must be set); else it just holds nothing.
 */
static void warn_lost(const struct tf_res *r, const struct idlist *l, int unset_too,
                      const char *follows)
{
    const struct lost *x = &l->lost;
    const char *noun = l->t ? l->t->noun : "group";
    struct strbuf why = STRBUF_INIT;

    if (!x->attr || (x->cfg == TF_CFG_UNSET && !unset_too))
        return;
    if (x->cfg == TF_CFG_NONE)
        strbuf_addstr(&why, " and the plan has no configuration for it");
    else if (x->cfg == TF_CFG_UNSET)
        strbuf_addstr(&why, " and the configuration does not set it");
    else if (x->found == 0)
        strbuf_addf(&why, " and its expression refers to no %s in this plan", noun);
    else
        strbuf_addf(&why, ": expected %zu %ss, its expression refers to %zu in this plan",
                    x->expected, noun, x->found);
    if (x->cfg == TF_CFG_EXPR && x->other)
        strbuf_addf(&why, " (references: %s)", x->other);
    diag_warning(&x->at, "%s: %s is unknown until apply%s; %s", r->address, x->attr, why.buf,
                 follows);
    strbuf_release(&why);
}

/* ===== Groups, VPCs and names ===== */

static void read_group(struct tf_ctx *c, const struct tf_res *r)
{
    const char *gid = group_id_of(c, r);
    struct group *g = model_group(c->jr.m, gid, NULL);
    const char *name = jr_str(&c->jr, r->values, "name");
    const char *prefix = jr_str(&c->jr, r->values, "name_prefix");
    const char *desc = jr_str(&c->jr, r->values, "description");
    const char *vpc = jr_str(&c->jr, r->values, "vpc_id");
    const char *owner = jr_str(&c->jr, r->values, "owner_id");
    const json_t *tags = tf_tags(c, r->values, "tags");
    int is_default = strcmp(r->type, "aws_default_security_group") == 0;

    if (c->jr.failed || g->declared)
        return;
    g->declared = 1;
    g->is_default = is_default;
    g->name = model_strdup(c->jr.m, name ? name : prefix ? prefix : is_default ? "default"
                                                                              : r->address);
    g->description = model_strdup(c->jr.m, desc);
    g->owner = model_strdup(c->jr.m, owner);
    g->loc = jr_loc(&c->jr, NULL);
    if (vpc)
        g->vpc = model_strdup(c->jr.m, vpc);
    if (tags) {
        const char *key;
        json_t *val;
        json_object_foreach((json_t *)tags, key, val) {
            if (json_is_string(val))
                model_group_add_tag(c->jr.m, g, key, json_string_value(val));
        }
    }
}

/* The VPC an unknown vpc_id refers to in a plan: the first one found. */
static void add_vpc_address(struct tf_ctx *c, const char *ref, const char *key, void *arg)
{
    const char **out = arg;
    const struct tf_vals *v = index_find(&c->lk->vpcs, ref, key);
    if (v && v->n && !*out)
        *out = v->v[0];
}

static void group_vpc_from_config(struct tf_ctx *c, const struct tf_res *r)
{
    struct group *g = model_find_group(c->jr.m, group_id_of(c, r));
    const char *vid = NULL;
    if (!g || g->vpc)
        return;
    tf_config_refs(c, r, "vpc_id", add_vpc_address, &vid);
    g->vpc = vid;
}

/* Name a CIDR attribute of r (aws_vpc, aws_subnet) after name. */
static void name_cidr(struct tf_ctx *c, const struct tf_res *r, const char *key,
                      const char *name)
{
    const char *text = jr_str(&c->jr, r->values, key);
    char cidr[CIDR_TEXT_MAX], err[128];

    if (text && name && cidr_canonical(text, cidr, err, sizeof(err)) == 0)
        model_set_name(c->jr.m, cidr, name);
}

static void read_vpc(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    const char *name = tf_name_tag(c, r->values);
    struct vpc *v;

    if (c->jr.failed)
        return;
    v = model_vpc(c->jr.m, id ? id : r->address, NULL);
    if (!v->name && name)
        v->name = model_strdup(c->jr.m, name);
    if (!v->loc.file)
        v->loc = jr_loc(&c->jr, NULL);
    name_cidr(c, r, "cidr_block", name);
    name_cidr(c, r, "ipv6_cidr_block", name);
}

static void read_names(struct tf_ctx *c, const struct tf_res *r)
{
    if (strcmp(r->type, "aws_subnet") == 0) {
        const char *name = tf_name_tag(c, r->values);
        name_cidr(c, r, "cidr_block", name);
        name_cidr(c, r, "ipv6_cidr_block", name);
    } else if (strcmp(r->type, "aws_ec2_managed_prefix_list") == 0 ||
               strcmp(r->type, "aws_prefix_list") == 0) {
        const char *id = jr_str(&c->jr, r->values, "id");
        const char *name = jr_str(&c->jr, r->values, "name");
        if (id && name)
            model_set_name(c->jr.m, id, name);
    }
}

/* ===== Members ===== */

/*
 * Resources that hold groups: where the groups are. The kind each is drawn
 * as and the service its label names ("msk: kafka-prod") are in
 * aws_kinds.c.
 */
static const struct member_type {
    const char *type;
    const char *attrs[3]; /* dotted paths of group id lists */
    const char *names;    /* a path of group names, used when no id was found */
} member_types[] = {
    {"aws_instance", {"vpc_security_group_ids"}, "security_groups"},
    {"aws_spot_instance_request", {"vpc_security_group_ids"}, "security_groups"},
    {"aws_network_interface", {"security_groups"}, NULL},
    {"aws_launch_template",
     {"vpc_security_group_ids", "network_interfaces.security_groups"}, "security_group_names"},
    {"aws_launch_configuration", {"security_groups"}, NULL},
    {"aws_lb", {"security_groups"}, NULL},
    {"aws_alb", {"security_groups"}, NULL},
    {"aws_elb", {"security_groups"}, NULL},
    {"aws_ecs_service", {"network_configuration.security_groups"}, NULL},
    {"aws_lambda_function", {"vpc_config.security_group_ids"}, NULL},
    {"aws_db_instance", {"vpc_security_group_ids"}, "security_group_names"},
    {"aws_rds_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_db_proxy", {"vpc_security_group_ids"}, NULL},
    {"aws_docdb_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_neptune_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_redshift_cluster", {"vpc_security_group_ids"}, NULL},
    {"aws_dms_replication_instance", {"vpc_security_group_ids"}, NULL},
    {"aws_elasticache_cluster", {"security_group_ids"}, NULL},
    {"aws_elasticache_replication_group", {"security_group_ids"}, NULL},
    {"aws_elasticache_serverless_cache", {"security_group_ids"}, NULL},
    {"aws_vpc_endpoint", {"security_group_ids"}, NULL},
    {"aws_eks_cluster",
     {"vpc_config.security_group_ids", "vpc_config.cluster_security_group_id"}, NULL},
    {"aws_efs_mount_target", {"security_groups"}, NULL},
    {"aws_nat_gateway", {NULL}, NULL},
    {"aws_mq_broker", {"security_groups"}, NULL},
    {"aws_msk_cluster", {"broker_node_group_info.security_groups"}, NULL},
    {"aws_opensearch_domain", {"vpc_options.security_group_ids"}, NULL},
    {"aws_elasticsearch_domain", {"vpc_options.security_group_ids"}, NULL},
    {"aws_codebuild_project", {"vpc_config.security_group_ids"}, NULL},
    {"aws_batch_compute_environment", {"compute_resources.security_group_ids"},
     NULL},
    {"aws_route53_resolver_endpoint", {"security_group_ids"}, NULL},
    {"aws_apigatewayv2_vpc_link", {"security_group_ids"}, NULL},
    {"aws_ec2_instance_connect_endpoint", {"security_group_ids"}, NULL},
    {"aws_glue_connection",
     {"physical_connection_requirements.security_group_id_list"}, NULL},
};

static const struct member_type *member_type_of(const char *type)
{
    size_t i;
    for (i = 0; i < sizeof(member_types) / sizeof(member_types[0]); i++)
        if (strcmp(member_types[i].type, type) == 0)
            return &member_types[i];
    return NULL;
}

static enum iface_kind lb_kind(struct tf_ctx *c, const struct tf_res *r, enum iface_kind kind)
{
    const char *t = jr_str(&c->jr, r->values, "load_balancer_type");
    if (t && strcmp(t, "network") == 0)
        return KIND_NLB;
    if (t && strcmp(t, "gateway") == 0)
        return KIND_GWLB;
    return kind;
}

/* Put ifc in every group of l (conditional when the ref or cond is). */
static void add_memberships(struct tf_ctx *c, struct iface *ifc, const struct idlist *l,
                            int cond)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        struct group_ref *ref = model_iface_add_group(
            c->jr.m, ifc, l->v[i].id, strmap_get(c->lk->data_group_names, l->v[i].id), 0,
            &l->v[i].loc);
        ref->conditional = cond || l->v[i].conditional;
    }
}

static void read_member(struct tf_ctx *c, const struct tf_res *r, const struct member_type *t)
{
    struct idlist l;
    struct iface *ifc;
    const char *id = r->address, *label, *subnet, *vpc;
    const struct aws_kind *known = aws_kind_by_tf(t->type);
    enum iface_kind kind = known ? known->kind : KIND_OTHER;
    size_t i;

    memset(&l, 0, sizeof(l));
    for (i = 0; i < 3 && t->attrs[i] && !c->jr.failed; i++)
        collect_groups(c, r, t->attrs[i], 0, &l);
    if (l.n == 0 && t->names && !c->jr.failed)
        collect_groups(c, r, t->names, 1, &l);
    if (c->jr.failed) {
        idlist_release(&l);
        return;
    }
    if (strcmp(r->type, "aws_lb") == 0 || strcmp(r->type, "aws_alb") == 0)
        kind = lb_kind(c, r, kind);
    /* NAT gateways, and NLBs or GWLBs without groups, are drawn outside
     * every group; other members are nothing to draw without one. */
    if (l.n == 0 && kind != KIND_NAT && kind != KIND_NLB && kind != KIND_GWLB) {
        warn_lost(r, &l, 1, "it is not drawn");
        idlist_release(&l);
        return;
    }
    warn_lost(r, &l, 0, l.n ? "it is drawn without the missing ones"
                            : "it is drawn outside every group");
    if (strcmp(r->type, "aws_network_interface") == 0) {
        json_t *att = json_object_get(r->values, "attachment");
        const struct tf_vals *v = index_find(&c->lk->ifaces, r->address, NULL);
        if (v && v->n)
            id = v->v[0];
        if (json_is_array(att) ? json_array_size(att) > 0 : json_is_object(att))
            kind = KIND_EC2;
    }
    label = tf_name_tag(c, r->values);
    subnet = jr_str(&c->jr, r->values, "subnet_id");
    vpc = jr_str(&c->jr, r->values, "vpc_id");
    if (c->jr.failed) {
        idlist_release(&l);
        return;
    }
    ifc = model_iface(c->jr.m, id, NULL);
    ifc->kind = kind;
    if (known && known->service) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s: %s", known->service, label ? label : r->address);
        ifc->label = model_strndup(c->jr.m, sb.buf, sb.len);
        strbuf_release(&sb);
    } else {
        ifc->label = model_strdup(c->jr.m, label ? label : r->address);
    }
    ifc->owner = model_strdup(c->jr.m, r->address);
    if (subnet)
        ifc->subnet = model_strdup(c->jr.m, subnet);
    if (vpc)
        ifc->vpc = model_strdup(c->jr.m, vpc);
    ifc->loc = jr_loc(&c->jr, NULL);
    add_memberships(c, ifc, &l, 0);
    idlist_release(&l);
}

/* aws_network_interface_sg_attachment: one more group on one interface. */
static void read_sg_attachment(struct tf_ctx *c, const struct tf_res *r)
{
    struct target it = {&c->lk->ifaces, c->lk->iface_by_eni, "interface"};
    struct idlist groups, ifaces;
    size_t i;

    memset(&groups, 0, sizeof(groups));
    memset(&ifaces, 0, sizeof(ifaces));
    ifaces.t = &it;
    collect_groups(c, r, "security_group_id", 0, &groups);
    collect(c, r, "network_interface_id", &ifaces);
    if (!c->jr.failed && (groups.n == 0 || ifaces.n == 0)) {
        warn_lost(r, groups.n == 0 ? &groups : &ifaces, 1, "the attachment is not drawn");
        if (!groups.lost.attr && !ifaces.lost.attr) {
            struct srcloc loc = jr_loc(&c->jr, groups.n ? "network_interface_id"
                                                        : "security_group_id");
            diag_warning(&loc, "%s: expected %s, %s; the attachment is not drawn", r->address,
                         groups.n ? "an interface id" : "a group id",
                         (groups.n ? ifaces.null : groups.null) ? "got null" : "found none");
        }
    }
    for (i = 0; i < ifaces.n && groups.n && !c->jr.failed; i++) {
        int created;
        struct iface *ifc = model_iface(c->jr.m, ifaces.v[i].id, &created);
        if (created) {
            ifc->loc = ifaces.v[i].loc;
            ifc->kind = KIND_OTHER;
        }
        add_memberships(c, ifc, &groups, ifaces.v[i].conditional);
    }
    idlist_release(&groups);
    idlist_release(&ifaces);
}

/* ===== Rules ===== */

/* The other end of a rule, read before the rule is put on its groups. */
struct peer {
    enum peer_type type;
    const char *id;
    struct srcloc loc;
    int conditional;
};

struct rule_src {
    enum direction dir;
    struct portspec ports;
    const char *desc;
    const char *rule_id;
    struct peer *peers;
    size_t npeers, alloc;
    int self; /* the rule's own group is a peer too */
    struct srcloc self_loc;
};

static void push_peer(struct tf_ctx *c, struct rule_src *s, enum peer_type type, const char *id,
                      const struct srcloc *loc, int conditional)
{
    struct peer *p;
    XGROW(s->peers, s->alloc, s->npeers + 1);
    p = &s->peers[s->npeers++];
    p->type = type;
    p->id = model_strdup(c->jr.m, id);
    p->loc = loc ? *loc : jr_loc(&c->jr, NULL);
    p->conditional = conditional;
}

static void add_cidr_peer(struct tf_ctx *c, const char *text, void *arg)
{
    char cidr[CIDR_TEXT_MAX], err[128];

    if (cidr_canonical(text, cidr, err, sizeof(err)) < 0) {
        jr_error(&c->jr, NULL, "%s", err);
        return;
    }
    push_peer(c, arg, PEER_CIDR, cidr, NULL, 0);
}

static void add_prefix_peer(struct tf_ctx *c, const char *id, void *arg)
{
    push_peer(c, arg, PEER_PREFIX_LIST, id, NULL, 0);
}

/* Group peers: ACCOUNT/sg-... is another account's group; anything else
 * is resolved to a group id (external at model_finish when not in the input). */
static void add_group_peers(struct tf_ctx *c, struct rule_src *s, const struct idlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        push_peer(c, s, strchr(l->v[i].id, '/') ? PEER_EXTERNAL_GROUP : PEER_GROUP,
                  l->v[i].id, &l->v[i].loc, l->v[i].conditional);
}

/* Add one rule unless the same rule (group, direction, ports, peer) exists. */
static void put_rule(struct tf_ctx *c, const struct rule_src *s, struct group *g,
                     enum peer_type type, const char *peer, const struct srcloc *loc, int cond)
{
    struct rule *r = model_find_rule(c->jr.m, g, s->dir, &s->ports, peer);

    if (!r) {
        r = model_add_rule(c->jr.m, g, s->dir, &s->ports, type, peer, s->desc, loc);
        if (cond)
            r->flags |= RULE_CONDITIONAL;
    } else if (!cond) {
        r->flags &= ~(unsigned)RULE_CONDITIONAL;
    }
    if (!r->description && s->desc)
        r->description = model_strdup(c->jr.m, s->desc);
    if (!r->rule_id && s->rule_id)
        r->rule_id = model_strdup(c->jr.m, s->rule_id);
    /* A group looked up by a data source: its name labels the peer. */
    if (!r->peer_label && type == PEER_GROUP)
        r->peer_label = strmap_get(c->lk->data_group_names, r->peer);
}

/* Put the rule read into s on every group of groups. */
static void add_rules(struct tf_ctx *c, const struct rule_src *s, const struct idlist *groups)
{
    size_t i, j;

    for (i = 0; i < groups->n; i++) {
        struct group *g = model_group(c->jr.m, groups->v[i].id, NULL);
        int cond = groups->v[i].conditional;
        for (j = 0; j < s->npeers; j++)
            put_rule(c, s, g, s->peers[j].type, s->peers[j].id, &s->peers[j].loc,
                     cond || s->peers[j].conditional);
        if (s->self)
            put_rule(c, s, g, PEER_GROUP, g->id, &s->self_loc, cond);
    }
}

/*
 * A rule without a type or protocol: in a plan the value is unknown until
 * apply; in a state the file was trimmed by hand (test fixtures often keep
 * only the group ids). Such rules cannot be labelled, so they are skipped
 * and counted for one warning at the end of the file.
 */
static void note_incomplete(struct tf_ctx *c)
{
    if (c->plan)
        return;
    if (c->incomplete++ == 0)
        c->incomplete_at = jr_loc(&c->jr, NULL).path;
}

/* Read protocol and ports of obj into *out; 0 when unusable. */
static int read_ports(struct tf_ctx *c, const json_t *obj, const char *proto_key,
                      struct portspec *out, struct block_query *q)
{
    const char *proto = jr_str(&c->jr, obj, proto_key);
    long from = 0, to = 0;
    int has_from = tf_int(c, obj, "from_port", &from);
    int has_to = tf_int(c, obj, "to_port", &to);
    char err[128];

    if (c->jr.failed)
        return 0;
    if (!proto) {
        note_incomplete(c);
        return 0;
    }
    if (has_from && !has_to)
        to = from;
    if (has_to && !has_from)
        from = to;
    if (ports_from_aws(proto, has_from || has_to, from, to, out, err, sizeof(err)) < 0) {
        jr_error(&c->jr, NULL, "%s", err);
        return 0;
    }
    if (q) {
        q->protocol = proto;
        q->from = from;
        q->to = to;
    }
    return 1;
}

/*
 * A rule read with no peer is not drawn: say why. peers names the
 * attributes that could have held one; lost is a group peer whose value
 * resolved to nothing, when there was one.
 */
static void check_peers(struct tf_ctx *c, const struct tf_res *r, const struct rule_src *s,
                        const char *peers, const struct idlist *lost)
{
    struct srcloc loc;

    if (c->jr.failed)
        return;
    if (s->npeers > 0 || s->self) {
        warn_lost(r, lost, 0, "the rule is drawn with its other peers only");
        return;
    }
    if (lost->lost.attr && lost->lost.cfg != TF_CFG_UNSET) {
        warn_lost(r, lost, 0, "the rule is not drawn");
        return;
    }
    loc = jr_loc(&c->jr, NULL);
    diag_warning(&loc, "%s: expected a peer (%s), found none; the rule is not drawn",
                 r->address, peers);
}

/* The peers of an inline block or an aws_security_group_rule (obj): CIDRs,
 * prefix lists, self, and the groups in group_attr (in inline block q, or
 * NULL). */
static void read_peers(struct tf_ctx *c, const struct tf_res *r, const json_t *obj,
                       const char *group_attr, const struct block_query *q, struct rule_src *s)
{
    struct target groups = {&c->lk->groups, NULL, "group"};
    struct idlist peers;
    struct attr_read ar;
    struct strbuf names = STRBUF_INIT;

    memset(&peers, 0, sizeof(peers));
    memset(&ar, 0, sizeof(ar));
    peers.t = &groups;
    tf_each_str(c, obj, "cidr_blocks", add_cidr_peer, s, NULL);
    tf_each_str(c, obj, "ipv6_cidr_blocks", add_cidr_peer, s, NULL);
    tf_each_str(c, obj, "prefix_list_ids", add_prefix_peer, s, NULL);
    walk_values(c, obj, group_attr, &peers, &ar, 0);
    resolve_unknown(c, r, group_attr, q, &ar, &peers);
    add_group_peers(c, s, &peers);
    s->self = tf_bool(c, obj, "self");
    s->self_loc = jr_loc(&c->jr, "self");
    strbuf_addf(&names, "cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, %s or self", group_attr);
    check_peers(c, r, s, names.buf, &peers);
    strbuf_release(&names);
    idlist_release(&peers);
}

/* Inline ingress/egress blocks of an aws_security_group. */
static void read_inline_rules(struct tf_ctx *c, const struct tf_res *r)
{
    static const char *const dirs[] = {"ingress", "egress"};
    struct group *g = model_find_group(c->jr.m, group_id_of(c, r));
    struct idlist self;
    size_t d, i;

    if (!g)
        return;
    memset(&self, 0, sizeof(self));
    idlist_add(c, &self, g->id, NULL);
    for (d = 0; d < 2 && !c->jr.failed; d++) {
        json_t *arr = jr_arr(&c->jr, r->values, dirs[d]);
        size_t back;
        if (!arr)
            continue;
        back = jr_push_key(&c->jr, dirs[d]);
        for (i = 0; i < json_array_size(arr) && !c->jr.failed; i++) {
            json_t *b = tf_elem_obj(c, arr, i);
            size_t b2 = tf_push_index(c, arr, i);
            struct rule_src s;
            struct block_query q = {dirs[d], NULL, 0, 0};

            memset(&s, 0, sizeof(s));
            s.dir = d == 0 ? DIR_INGRESS : DIR_EGRESS;
            s.desc = jr_str(&c->jr, b, "description");
            if (b && read_ports(c, b, "protocol", &s.ports, &q)) {
                read_peers(c, r, b, "security_groups", &q, &s);
                add_rules(c, &s, &self);
            }
            free(s.peers);
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
    idlist_release(&self);
}

/* The groups of a rule resource: security_group_id, or the groups its
 * expression refers to. 0 (after a warning) when there is none. */
static int rule_groups(struct tf_ctx *c, const struct tf_res *r, struct idlist *l)
{
    collect_groups(c, r, "security_group_id", 0, l);
    if (l->n > 0 || c->jr.failed)
        return l->n > 0;
    if (l->lost.attr) {
        warn_lost(r, l, 1, "the rule is not drawn");
    } else {
        struct srcloc loc = l->null ? l->null_at : jr_loc(&c->jr, "security_group_id");
        diag_warning(&loc, "%s: expected the id of the rule's group, %s; the rule is not drawn",
                     r->address, l->null ? "got null" : "found none");
    }
    return 0;
}

/* aws_security_group_rule */
static void read_sg_rule(struct tf_ctx *c, const struct tf_res *r)
{
    const char *type = jr_str(&c->jr, r->values, "type");
    struct rule_src s;
    struct idlist groups;

    if (c->jr.failed)
        return;
    if (!type) {
        note_incomplete(c);
        return;
    }
    memset(&s, 0, sizeof(s));
    if (strcmp(type, "ingress") == 0) {
        s.dir = DIR_INGRESS;
    } else if (strcmp(type, "egress") == 0) {
        s.dir = DIR_EGRESS;
    } else {
        jr_error(&c->jr, "type", "expected 'ingress' or 'egress', got '%s'", type);
        return;
    }
    memset(&groups, 0, sizeof(groups));
    s.desc = jr_str(&c->jr, r->values, "description");
    if (read_ports(c, r->values, "protocol", &s.ports, NULL) && rule_groups(c, r, &groups)) {
        read_peers(c, r, r->values, "source_security_group_id", NULL, &s);
        add_rules(c, &s, &groups);
    }
    free(s.peers);
    idlist_release(&groups);
}

/* aws_vpc_security_group_ingress_rule / _egress_rule */
static void read_vpc_sg_rule(struct tf_ctx *c, const struct tf_res *r, enum direction dir)
{
    struct rule_src s;
    struct idlist groups, peers;

    memset(&s, 0, sizeof(s));
    memset(&groups, 0, sizeof(groups));
    memset(&peers, 0, sizeof(peers));
    s.dir = dir;
    s.desc = jr_str(&c->jr, r->values, "description");
    s.rule_id = jr_str(&c->jr, r->values, "security_group_rule_id");
    if (read_ports(c, r->values, "ip_protocol", &s.ports, NULL) && rule_groups(c, r, &groups)) {
        tf_one_str(c, r->values, "cidr_ipv4", add_cidr_peer, &s);
        tf_one_str(c, r->values, "cidr_ipv6", add_cidr_peer, &s);
        tf_one_str(c, r->values, "prefix_list_id", add_prefix_peer, &s);
        collect_groups(c, r, "referenced_security_group_id", 0, &peers);
        add_group_peers(c, &s, &peers);
        check_peers(c, r, &s, "cidr_ipv4, cidr_ipv6, prefix_list_id or "
                              "referenced_security_group_id", &peers);
        add_rules(c, &s, &groups);
    }
    free(s.peers);
    idlist_release(&groups);
    idlist_release(&peers);
}

/*
 * aws_eks_node_group remote_access: EKS opens SSH (tcp/22) to the nodes in
 * a group it creates for them (resources[0].remote_access_security_group_id
 * once applied), from source_security_group_ids, or, when only ec2_ssh_key
 * is given, from anywhere (0.0.0.0/0, as the provider documents). The node
 * group is drawn as a member of that group and the sources as its ingress
 * rules. Before apply the group has no id: "ADDRESS.remote_access" stands
 * for it. The cluster security group EKS also puts the nodes in is not in
 * the node group's attributes, so it is not guessed.
 */
static void read_node_group(struct tf_ctx *c, const struct tf_res *r)
{
    json_t *ra = jr_arr(&c->jr, r->values, "remote_access");
    const json_t *blk = json_array_size(ra) ? tf_elem_obj(c, ra, 0) : NULL;
    const char *key = NULL, *name = jr_str(&c->jr, r->values, "node_group_name");
    struct idlist sources, group;
    struct rule_src s;
    struct portspec ssh = {PROTO_TCP, 22, 22};
    struct iface *ifc;
    struct group *g;
    size_t back;

    if (!blk || c->jr.failed)
        return;
    memset(&sources, 0, sizeof(sources));
    memset(&group, 0, sizeof(group));
    memset(&s, 0, sizeof(s));
    back = jr_push_key(&c->jr, "remote_access");
    {
        size_t b2 = tf_push_index(c, ra, 0);
        key = jr_str(&c->jr, blk, "ec2_ssh_key");
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
    collect_groups(c, r, "remote_access.source_security_group_ids", 0, &sources);
    collect_groups(c, r, "resources.remote_access_security_group_id", 0, &group);
    if (c->jr.failed || (sources.n == 0 && !key)) {
        idlist_release(&sources);
        idlist_release(&group);
        return;
    }
    if (group.n == 0) {
        struct strbuf id = STRBUF_INIT;
        strbuf_addf(&id, "%s.remote_access", r->address);
        idlist_add(c, &group, id.buf, NULL);
        strbuf_release(&id);
    }
    g = model_group(c->jr.m, group.v[0].id, NULL);
    if (!g->declared) {
        struct strbuf gname = STRBUF_INIT;
        strbuf_addf(&gname, "%s remote access", name ? name : r->address);
        g->declared = 1;
        g->name = model_strndup(c->jr.m, gname.buf, gname.len);
        g->description =
            model_strdup(c->jr.m, "made by EKS for the node group's remote_access (SSH)");
        g->loc = jr_loc(&c->jr, "remote_access");
        strbuf_release(&gname);
    }
    ifc = model_iface(c->jr.m, r->address, NULL);
    ifc->kind = KIND_EC2;
    ifc->label = model_strdup(c->jr.m, name ? name : r->address);
    ifc->owner = r->address;
    ifc->loc = jr_loc(&c->jr, NULL);
    add_memberships(c, ifc, &group, 0);
    s.dir = DIR_INGRESS;
    s.ports = ssh;
    s.desc = "SSH to the nodes (remote_access)";
    add_group_peers(c, &s, &sources);
    if (sources.lost.attr && sources.lost.cfg != TF_CFG_UNSET)
        warn_lost(r, &sources, 0, sources.n ? "the SSH rule is drawn without the missing ones"
                                            : "no SSH rule is drawn");
    else if (sources.n == 0)
        push_peer(c, &s, PEER_CIDR, "0.0.0.0/0", NULL, 0);
    add_rules(c, &s, &group);
    free(s.peers);
    idlist_release(&sources);
    idlist_release(&group);
}

/* ===== The passes ===== */

static void begin(struct tf_ctx *c, const struct tf_res *r)
{
    tf_set_path(c, r->path);
    c->flatmap = r->flatmap;
}

static void build_pass(struct tf_ctx *c, int pass)
{
    size_t i;

    for (i = 0; i < c->nres && !c->jr.failed; i++) {
        const struct tf_res *r = &c->res[i];
        const struct member_type *t;

        begin(c, r);
        if (pass == 1) {
            index_resource(c, r);
        } else if (pass == 2) {
            if (is_group_type(r->type) && !r->data) {
                read_group(c, r);
                group_vpc_from_config(c, r);
            } else if (strcmp(r->type, "aws_vpc") == 0 && !r->data) {
                read_vpc(c, r);
            } else {
                read_names(c, r);
            }
        } else if (r->data) {
            continue;
        } else if (is_group_type(r->type)) {
            read_inline_rules(c, r);
        } else if (strcmp(r->type, "aws_security_group_rule") == 0) {
            read_sg_rule(c, r);
        } else if (strcmp(r->type, "aws_vpc_security_group_ingress_rule") == 0) {
            read_vpc_sg_rule(c, r, DIR_INGRESS);
        } else if (strcmp(r->type, "aws_vpc_security_group_egress_rule") == 0) {
            read_vpc_sg_rule(c, r, DIR_EGRESS);
        } else if (strcmp(r->type, "aws_network_interface_sg_attachment") == 0) {
            read_sg_attachment(c, r);
        } else if (strcmp(r->type, "aws_eks_node_group") == 0) {
            read_node_group(c, r);
        } else if ((t = member_type_of(r->type)) != NULL) {
            read_member(c, r, t);
        }
    }
}

void tf_build(struct tf_ctx *c)
{
    struct tf_lookups lk;

    lookups_init(&lk);
    c->lk = &lk;
    build_pass(c, 1);
    build_pass(c, 2);
    build_pass(c, 3);
    tf_set_path(c, NULL);
    if (c->incomplete && !c->jr.failed) {
        struct srcloc loc = {c->jr.file, 0, 0, NULL};
        diag_warning(&loc, "skipped %zu rule%s without a type or protocol (the first at %s)",
                     c->incomplete, plural(c->incomplete),
                     c->incomplete_at ? c->incomplete_at : "the top");
    }
    c->lk = NULL;
    lookups_release(&lk);
}
