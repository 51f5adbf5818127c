/*
 * model.c - ownership, lookup, resolution and ordering of the model
 * (groups, rules, interfaces, VPCs, subnets and names; see model.h), and
 * where an interface or group is when its record does not say.
 *
 * Memory: every string and object lives in the model's arena and is freed
 * at once by model_free(); only the pointer arrays are separately allocated.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cidr.h"
#include "model.h"
#include "model_internal.h"
#include "strmap.h"
#include "suggest.h"
#include "xalloc.h"

/* ===== Kinds and names ===== */

static const char *const kind_names[KIND_COUNT] = {
    "ec2", "lambda", "ecs", "eks", "nat", "alb", "nlb",
    "gwlb", "clb", "endpoint", "rds", "elasticache", "efs", "other",
};

const char *kind_name(enum iface_kind kind)
{
    return (unsigned)kind < KIND_COUNT ? kind_names[kind] : "other";
}

int kind_parse(const char *name, enum iface_kind *out)
{
    int i;
    for (i = 0; i < KIND_COUNT; i++) {
        if (strcmp(kind_names[i], name) == 0) {
            *out = (enum iface_kind)i;
            return 0;
        }
    }
    return -1;
}

const char *kind_list(void)
{
    return "ec2, lambda, ecs, eks, nat, alb, nlb, gwlb, clb, endpoint, rds, elasticache, "
           "efs, other";
}

const char *direction_name(enum direction dir)
{
    return dir == DIR_INGRESS ? "ingress" : "egress";
}

const char *peer_type_name(enum peer_type type)
{
    switch (type) {
    case PEER_GROUP: return "group";
    case PEER_EXTERNAL_GROUP: return "external-group";
    case PEER_CIDR: return "cidr";
    case PEER_PREFIX_LIST: return "prefix-list";
    case PEER_PARAM: return "param";
    case PEER_IMPORT: return "import";
    case PEER_EXPRESSION: return "expression";
    }
    return "unknown";
}

/* ===== Life cycle and strings ===== */

struct model *model_new(void)
{
    struct model *m = xcalloc(1, sizeof(*m));
    m->group_index = strmap_new();
    m->iface_index = strmap_new();
    m->vpc_index = strmap_new();
    m->subnet_index = strmap_new();
    m->name_index = strmap_new();
    m->rule_index = strmap_new();
    m->size_index = strmap_new();
    m->prefix_list_index = strmap_new();
    m->strings = strmap_new();
    return m;
}

void model_expect(struct model *m, size_t groups, size_t ifaces, size_t rules)
{
    strmap_reserve(m->group_index, strmap_count(m->group_index) + groups);
    strmap_reserve(m->iface_index, strmap_count(m->iface_index) + ifaces);
    strmap_reserve(m->rule_index, strmap_count(m->rule_index) + rules);
    /* The strings they name: ids, names, addresses, peers, descriptions. */
    strmap_reserve(m->strings, strmap_count(m->strings) + 3 * groups + 3 * ifaces + rules);
    arena_expect(&m->arena, 256 * (groups + ifaces + rules));
}

void model_free(struct model *m)
{
    size_t i;
    if (!m)
        return;
    model_network_free(m);
    for (i = 0; i < m->ngroups; i++) {
        free(m->groups[i]->members);
        free(m->groups[i]->tags);
    }
    for (i = 0; i < m->nifaces; i++) {
        free(m->ifaces[i]->groups);
        free(m->ifaces[i]->group_conditional);
        free(m->ifaces[i]->refs);
        free(m->ifaces[i]->addresses);
    }
    for (i = 0; i < m->nvpcs; i++)
        free(m->vpcs[i]->cidrs);
    for (i = 0; i < m->nprefix_lists; i++)
        free(m->prefix_lists[i]->entries);
    free(m->prefix_lists);
    free(m->groups);
    free(m->rules);
    free(m->ifaces);
    free(m->vpcs);
    free(m->subnets);
    free(m->names);
    strmap_free(m->group_index);
    strmap_free(m->iface_index);
    strmap_free(m->vpc_index);
    strmap_free(m->subnet_index);
    strmap_free(m->name_index);
    strmap_free(m->rule_index);
    strmap_free(m->size_index);
    strmap_free(m->prefix_list_index);
    strmap_free(m->strings);
    arena_release(&m->arena);
    free(m);
}

const char *model_strndup(struct model *m, const char *s, size_t n)
{
    char *copy;
    const char *found;

    if (!s)
        return NULL;
    /* Short strings are interned: ids and names repeat across rules. */
    if (n < 128 && memchr(s, '\0', n) == NULL) {
        char key[128];
        memcpy(key, s, n);
        key[n] = '\0';
        found = strmap_get(m->strings, key);
        if (found)
            return found;
        copy = arena_strndup(&m->arena, s, n);
        strmap_put(m->strings, copy, copy);
        return copy;
    }
    return arena_strndup(&m->arena, s, n);
}

const char *model_strdup(struct model *m, const char *s)
{
    return s ? model_strndup(m, s, strlen(s)) : NULL;
}

/* ===== Objects ===== */

struct group *model_group(struct model *m, const char *id, int *created)
{
    struct group *g = strmap_get(m->group_index, id);
    if (created)
        *created = g == NULL;
    if (g)
        return g;
    g = arena_alloc(&m->arena, sizeof(*g));
    g->id = model_strdup(m, id);
    g->name = g->id;
    XGROW(m->groups, m->groups_alloc, m->ngroups + 1);
    m->groups[m->ngroups++] = g;
    strmap_put(m->group_index, g->id, g);
    return g;
}

struct group *model_find_group(const struct model *m, const char *id)
{
    return strmap_get(m->group_index, id);
}

void model_group_add_tag(struct model *m, struct group *g, const char *key, const char *value)
{
    g->tags = xrealloc(g->tags, (g->ntags + 1) * sizeof(*g->tags));
    g->tags[g->ntags].key = model_strdup(m, key);
    g->tags[g->ntags].value = model_strdup(m, value ? value : "");
    g->ntags++;
}

/* The key of a rule in rule_index: group, direction, ports and peer (malloc'd). */
static char *rule_key(const struct group *g, enum direction dir, const struct portspec *ports,
                      const char *peer)
{
    char label[PORTS_LABEL_MAX];
    char *key;
    size_t n;

    ports_label(ports, label);
    n = strlen(g->id) + strlen(label) + strlen(peer) + 8;
    key = xmalloc(n);
    snprintf(key, n, "%s\n%d\n%s\n%s", g->id, (int)dir, label, peer);
    return key;
}

struct rule *model_add_rule(struct model *m, struct group *g, enum direction dir,
                            const struct portspec *ports, enum peer_type peer_type,
                            const char *peer, const char *description,
                            const struct srcloc *loc)
{
    struct rule *r = arena_alloc(&m->arena, sizeof(*r));
    r->group = g;
    r->dir = dir;
    r->ports = *ports;
    r->peer_type = peer_type;
    r->peer = model_strdup(m, peer);
    r->description = model_strdup(m, description);
    if (loc)
        r->loc = *loc;
    XGROW(m->rules, m->rules_alloc, m->nrules + 1);
    m->rules[m->nrules++] = r;
    if (r->peer) {
        char *key = rule_key(g, dir, ports, r->peer);
        if (!strmap_get(m->rule_index, key)) {
            /* One key per rule, never repeated: not interned. */
            const char *kept = arena_strndup(&m->arena, key, strlen(key));
            strmap_put(m->rule_index, kept, r);
        }
        free(key);
    }
    return r;
}

struct rule *model_find_rule(const struct model *m, const struct group *g, enum direction dir,
                             const struct portspec *ports, const char *peer)
{
    char *key = rule_key(g, dir, ports, peer);
    struct rule *r = strmap_get(m->rule_index, key);
    free(key);
    return r;
}

struct iface *model_iface(struct model *m, const char *id, int *created)
{
    struct iface *ifc = strmap_get(m->iface_index, id);
    if (created)
        *created = ifc == NULL;
    if (ifc)
        return ifc;
    ifc = arena_alloc(&m->arena, sizeof(*ifc));
    ifc->id = model_strdup(m, id);
    ifc->kind = KIND_OTHER;
    ifc->label = ifc->id;
    ifc->owner = ifc->id;
    XGROW(m->ifaces, m->ifaces_alloc, m->nifaces + 1);
    m->ifaces[m->nifaces++] = ifc;
    strmap_put(m->iface_index, ifc->id, ifc);
    return ifc;
}

struct iface *model_find_iface(const struct model *m, const char *id)
{
    return strmap_get(m->iface_index, id);
}

struct group_ref *model_iface_add_group(struct model *m, struct iface *ifc, const char *group_id,
                                        const char *group_name, int must_exist,
                                        const struct srcloc *loc)
{
    struct group_ref *ref;
    ifc->refs = xrealloc(ifc->refs, (ifc->nrefs + 1) * sizeof(*ifc->refs));
    ref = &ifc->refs[ifc->nrefs++];
    ref->id = model_strdup(m, group_id);
    ref->name = model_strdup(m, group_name);
    ref->must_exist = must_exist;
    ref->conditional = 0;
    if (loc)
        ref->loc = *loc;
    else
        ref->loc = ifc->loc;
    return ref;
}

void model_iface_add_address(struct model *m, struct iface *ifc, const char *address)
{
    size_t i;
    for (i = 0; i < ifc->naddresses; i++)
        if (strcmp(ifc->addresses[i], address) == 0)
            return;
    ifc->addresses = xrealloc(ifc->addresses, (ifc->naddresses + 1) * sizeof(*ifc->addresses));
    ifc->addresses[ifc->naddresses++] = model_strdup(m, address);
}

struct vpc *model_vpc(struct model *m, const char *id, int *created)
{
    struct vpc *v = strmap_get(m->vpc_index, id);
    if (created)
        *created = v == NULL;
    if (v)
        return v;
    v = arena_alloc(&m->arena, sizeof(*v));
    v->id = model_strdup(m, id);
    XGROW(m->vpcs, m->vpcs_alloc, m->nvpcs + 1);
    m->vpcs[m->nvpcs++] = v;
    strmap_put(m->vpc_index, v->id, v);
    return v;
}

void model_vpc_add_cidr(struct model *m, struct vpc *v, const char *cidr)
{
    size_t i;
    for (i = 0; i < v->ncidrs; i++)
        if (strcmp(v->cidrs[i], cidr) == 0)
            return;
    v->cidrs = xrealloc(v->cidrs, (v->ncidrs + 1) * sizeof(*v->cidrs));
    v->cidrs[v->ncidrs++] = model_strdup(m, cidr);
}

struct subnet *model_subnet(struct model *m, const char *id, int *created)
{
    struct subnet *s = strmap_get(m->subnet_index, id);
    if (created)
        *created = s == NULL;
    if (s)
        return s;
    s = arena_alloc(&m->arena, sizeof(*s));
    s->id = model_strdup(m, id);
    XGROW(m->subnets, m->subnets_alloc, m->nsubnets + 1);
    m->subnets[m->nsubnets++] = s;
    strmap_put(m->subnet_index, s->id, s);
    return s;
}

struct subnet *model_find_subnet(const struct model *m, const char *id)
{
    return strmap_get(m->subnet_index, id);
}

void model_set_name(struct model *m, const char *id, const char *name)
{
    struct named *n;
    if (!name || !*name || strmap_get(m->name_index, id))
        return;
    XGROW(m->names, m->names_alloc, m->nnames + 1);
    n = &m->names[m->nnames++];
    n->id = model_strdup(m, id);
    n->name = model_strdup(m, name);
    strmap_put(m->name_index, n->id, (void *)n->name);
}

const char *model_name_of(const struct model *m, const char *id)
{
    return strmap_get(m->name_index, id);
}

void model_set_prefix_list_size(struct model *m, const char *id, unsigned long size)
{
    if (size)
        strmap_put(m->size_index, model_strdup(m, id), (void *)(uintptr_t)size);
}

unsigned long model_prefix_list_size(const struct model *m, const char *id)
{
    return (unsigned long)(uintptr_t)strmap_get(m->size_index, id);
}

struct prefix_list *model_prefix_list(struct model *m, const char *id)
{
    struct prefix_list *pl = strmap_get(m->prefix_list_index, id);
    if (pl)
        return pl;
    pl = arena_alloc(&m->arena, sizeof(*pl));
    pl->id = model_strdup(m, id);
    XGROW(m->prefix_lists, m->prefix_lists_alloc, m->nprefix_lists + 1);
    m->prefix_lists[m->nprefix_lists++] = pl;
    strmap_put(m->prefix_list_index, pl->id, pl);
    return pl;
}

const struct prefix_list *model_find_prefix_list(const struct model *m, const char *id)
{
    return strmap_get(m->prefix_list_index, id);
}

void model_prefix_list_add_entry(struct model *m, struct prefix_list *pl, const char *cidr)
{
    size_t i;
    pl->entries_known = 1;
    for (i = 0; i < pl->nentries; i++)
        if (strcmp(pl->entries[i], cidr) == 0)
            return;
    pl->entries = xrealloc(pl->entries, (pl->nentries + 1) * sizeof(*pl->entries));
    pl->entries[pl->nentries++] = model_strdup(m, cidr);
}

/* ===== Peers ===== */

static int is_sg_id(const char *s)
{
    return strncmp(s, "sg-", 3) == 0 && s[3] != '\0';
}

enum peer_type model_classify_peer(const char *text)
{
    const char *slash = strchr(text, '/');
    if (strncmp(text, "pl-", 3) == 0 && text[3])
        return PEER_PREFIX_LIST;
    if (strncmp(text, "param:", 6) == 0)
        return PEER_PARAM;
    if (strncmp(text, "import:", 7) == 0)
        return PEER_IMPORT;
    if (slash && is_sg_id(slash + 1))
        return PEER_EXTERNAL_GROUP;
    if (cidr_looks_like(text))
        return PEER_CIDR;
    return PEER_GROUP;
}

int peer_is_internet(const char *cidr)
{
    return strcmp(cidr, "0.0.0.0/0") == 0 || strcmp(cidr, "::/0") == 0;
}

/* ===== Finishing ===== */

static int cmp_str(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (!a)
        return -1;
    if (!b)
        return 1;
    return strcmp(a, b);
}

static int cmp_group_ptr(const void *a, const void *b)
{
    const struct group *x = *(struct group *const *)a, *y = *(struct group *const *)b;
    return strcmp(x->id, y->id);
}

static int cmp_iface_ptr(const void *a, const void *b)
{
    const struct iface *x = *(struct iface *const *)a, *y = *(struct iface *const *)b;
    return strcmp(x->id, y->id);
}

static int cmp_vpc_ptr(const void *a, const void *b)
{
    const struct vpc *x = *(struct vpc *const *)a, *y = *(struct vpc *const *)b;
    return strcmp(x->id, y->id);
}

static int cmp_subnet_ptr(const void *a, const void *b)
{
    const struct subnet *x = *(struct subnet *const *)a, *y = *(struct subnet *const *)b;
    return strcmp(x->id, y->id);
}

static int cmp_prefix_list_ptr(const void *a, const void *b)
{
    const struct prefix_list *x = *(struct prefix_list *const *)a;
    const struct prefix_list *y = *(struct prefix_list *const *)b;
    return strcmp(x->id, y->id);
}

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->id, ((const struct named *)b)->id);
}

static int cmp_rule_ptr(const void *a, const void *b)
{
    const struct rule *x = *(struct rule *const *)a, *y = *(struct rule *const *)b;
    int c;
    if ((c = strcmp(x->group->id, y->group->id)) != 0)
        return c;
    if (x->dir != y->dir)
        return x->dir < y->dir ? -1 : 1;
    if ((c = strcmp(x->peer, y->peer)) != 0)
        return c;
    if ((c = ports_compare(&x->ports, &y->ports)) != 0)
        return c;
    if ((c = cmp_str(x->description, y->description)) != 0)
        return c;
    if (x->flags != y->flags)
        return x->flags < y->flags ? -1 : 1;
    /* Equal rules: keep input order (line, then col) for stable output. */
    if (x->loc.line != y->loc.line)
        return x->loc.line < y->loc.line ? -1 : 1;
    return x->loc.col < y->loc.col ? -1 : x->loc.col > y->loc.col;
}

static void model_add_default_egress(struct model *m)
{
    size_t i, n = m->ngroups;
    struct portspec all = {PROTO_ALL, -1, -1};

    for (i = 0; i < n; i++) {
        struct group *g = m->groups[i];
        struct rule *r;
        if (!g->default_egress)
            continue;
        r = model_add_rule(m, g, DIR_EGRESS, &all, PEER_CIDR, "0.0.0.0/0", NULL, &g->loc);
        r->flags |= RULE_IMPLICIT;
        g->default_egress = 0;
    }
}

/* Sort an interface's groups by id, keeping each one's conditional flag. */
static void sort_memberships(struct iface *ifc)
{
    size_t i, j;
    for (i = 1; i < ifc->ngroups; i++) {
        struct group *g = ifc->groups[i];
        unsigned char c = ifc->group_conditional[i];
        for (j = i; j > 0 && cmp_group_ptr(&ifc->groups[j - 1], &g) > 0; j--) {
            ifc->groups[j] = ifc->groups[j - 1];
            ifc->group_conditional[j] = ifc->group_conditional[j - 1];
        }
        ifc->groups[j] = g;
        ifc->group_conditional[j] = c;
    }
}

/* Unknown groups that get a "did you mean": each looks at every group, so
 * an input with thousands of unknown names must not make that quadratic. */
#define MODEL_MAX_SUGGESTIONS 20

/*
 * The declared group whose id or name is closest to an unknown one, or
 * NULL; also NULL once *budget suggestions were made.
 */
static const char *closest_group(const struct model *m, const char *id, size_t *budget)
{
    struct suggest s;
    size_t i;

    if (*budget == 0)
        return NULL;
    (*budget)--;
    suggest_init(&s, id);
    for (i = 0; i < m->ngroups; i++) {
        if (!m->groups[i]->declared)
            continue;
        suggest_consider(&s, m->groups[i]->id);
        suggest_consider(&s, m->groups[i]->name);
    }
    return suggest_best(&s);
}

/* Report an unknown group once per place in the input, even when the
 * place made several interfaces (a design file's count). */
static void report_unknown_group(const struct model *m, struct strmap *seen, char ***keys,
                                 size_t *nkeys, const struct srcloc *loc, const char *id,
                                 size_t *budget)
{
    char *key = xasprintf("%s:%d:%d:%s:%s", loc->file ? loc->file : "", loc->line, loc->col,
                          loc->path ? loc->path : "", id);
    if (strmap_get(seen, key)) {
        free(key);
        return;
    }
    *keys = xrealloc(*keys, (*nkeys + 1) * sizeof(**keys));
    (*keys)[(*nkeys)++] = key;
    strmap_put(seen, key, key);
    diag_error(loc,
               "unknown group '%s' (expected the name of a group in the inputs)" SUGGEST_FMT,
               id, SUGGEST_ARGS(closest_group(m, id, budget)));
}

static int model_resolve_memberships(struct model *m, int lenient_quota, size_t *budget)
{
    size_t i, j, k, nkeys = 0;
    int rc = 0;
    struct strmap *seen = strmap_new();
    char **keys = NULL;

    for (i = 0; i < m->nifaces; i++) {
        struct iface *ifc = m->ifaces[i];
        free(ifc->groups);
        free(ifc->group_conditional);
        ifc->groups = xcalloc(ifc->nrefs ? ifc->nrefs : 1, sizeof(*ifc->groups));
        ifc->group_conditional = xcalloc(ifc->nrefs ? ifc->nrefs : 1, 1);
        ifc->ngroups = 0;
        for (j = 0; j < ifc->nrefs; j++) {
            struct group_ref *ref = &ifc->refs[j];
            struct group *g = model_find_group(m, ref->id);
            if (!g) {
                if (ref->must_exist) {
                    report_unknown_group(m, seen, &keys, &nkeys, &ref->loc, ref->id,
                                         budget);
                    rc = -1;
                    continue;
                }
                g = model_group(m, ref->id, NULL);
                if (ref->name)
                    g->name = ref->name;
                g->vpc = ifc->vpc;
            }
            for (k = 0; k < ifc->ngroups; k++)
                if (ifc->groups[k] == g)
                    break;
            if (k == ifc->ngroups) {
                ifc->group_conditional[k] = (unsigned char)(ref->conditional != 0);
                ifc->groups[ifc->ngroups++] = g;
            } else if (!ref->conditional) {
                ifc->group_conditional[k] = 0;
            }
        }
        sort_memberships(ifc);
        if (ifc->ngroups > MODEL_MAX_GROUPS_PER_IFACE && !lenient_quota) {
            diag_error(&ifc->loc, "interface '%s' is in %zu groups (at most %d)", ifc->id,
                       ifc->ngroups, MODEL_MAX_GROUPS_PER_IFACE);
            rc = -1;
        }
    }
    for (i = 0; i < nkeys; i++)
        free(keys[i]);
    free(keys);
    strmap_free(seen);
    return rc;
}

static int model_resolve_peers(struct model *m, size_t *budget)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < m->nrules; i++) {
        struct rule *r = m->rules[i];
        if (r->peer_type == PEER_GROUP || r->peer_type == PEER_EXTERNAL_GROUP) {
            struct group *g = model_find_group(m, r->peer);
            if (g) {
                r->peer_type = PEER_GROUP;
            } else if (r->flags & RULE_PEER_BY_NAME) {
                diag_error(&r->loc,
                           "unknown group '%s' (expected the name of a group in the inputs, "
                           "a CIDR, pl-... or ACCOUNT/sg-...)" SUGGEST_FMT,
                           r->peer, SUGGEST_ARGS(closest_group(m, r->peer, budget)));
                rc = -1;
            } else {
                r->peer_type = PEER_EXTERNAL_GROUP;
            }
        }
        if (r->dir == DIR_EGRESS && r->ports.proto == PROTO_ALL && r->peer_type == PEER_CIDR &&
            peer_is_internet(r->peer))
            r->flags |= RULE_DEFAULT_EGRESS;
    }
    return rc;
}

static void model_fill_members(struct model *m)
{
    size_t i, j;

    for (i = 0; i < m->ngroups; i++) {
        free(m->groups[i]->members);
        m->groups[i]->members = NULL;
        m->groups[i]->nmembers = 0;
    }
    /* Two passes: count, then fill (interfaces are already sorted by id). */
    for (i = 0; i < m->nifaces; i++)
        for (j = 0; j < m->ifaces[i]->ngroups; j++)
            m->ifaces[i]->groups[j]->index++;
    for (i = 0; i < m->ngroups; i++) {
        struct group *g = m->groups[i];
        g->members = xcalloc(g->index ? g->index : 1, sizeof(*g->members));
        g->index = 0;
    }
    for (i = 0; i < m->nifaces; i++) {
        struct iface *ifc = m->ifaces[i];
        for (j = 0; j < ifc->ngroups; j++) {
            struct group *g = ifc->groups[j];
            g->members[g->nmembers++] = ifc;
        }
    }
    for (i = 0; i < m->ngroups; i++)
        m->groups[i]->index = i;
}

/* An interface whose own record names no VPC is in its subnet's. */
static void model_vpcs_from_subnets(struct model *m)
{
    size_t i;

    for (i = 0; i < m->nifaces; i++) {
        struct iface *ifc = m->ifaces[i];
        const struct subnet *s = ifc->vpc || !ifc->subnet ? NULL
                                                          : model_find_subnet(m, ifc->subnet);
        if (s && s->vpc)
            ifc->vpc = s->vpc;
    }
}

/*
 * A group belongs to one VPC: one that names none (a group AWS makes, a
 * group known only by id) is in the VPC of its members, when the members
 * that know theirs agree.
 */
static void model_group_vpcs_from_members(struct model *m)
{
    size_t i, j;

    for (i = 0; i < m->ngroups; i++) {
        struct group *g = m->groups[i];
        const char *vpc = NULL;
        if (g->vpc)
            continue;
        for (j = 0; j < g->nmembers; j++) {
            const char *v = g->members[j]->vpc;
            if (!v)
                continue;
            if (vpc && strcmp(vpc, v) != 0)
                break;
            vpc = v;
        }
        if (j == g->nmembers)
            g->vpc = vpc;
    }
}

static int finish(struct model *m, int lenient_quota)
{
    size_t suggestions = MODEL_MAX_SUGGESTIONS;
    int rc = 0;
    size_t i;

    model_add_default_egress(m);
    model_vpcs_from_subnets(m);
    xqsort(m->ifaces, m->nifaces, sizeof(*m->ifaces), cmp_iface_ptr);
    if (model_resolve_memberships(m, lenient_quota, &suggestions) < 0)
        rc = -1;
    if (model_resolve_peers(m, &suggestions) < 0)
        rc = -1;
    xqsort(m->groups, m->ngroups, sizeof(*m->groups), cmp_group_ptr);
    for (i = 0; i < m->ngroups; i++)
        m->groups[i]->index = 0;
    model_fill_members(m);
    model_group_vpcs_from_members(m);
    xqsort(m->rules, m->nrules, sizeof(*m->rules), cmp_rule_ptr);
    for (i = 0; i < m->nrules; i++)
        m->rules[i]->index = i;
    for (i = 0; i < m->nifaces; i++)
        m->ifaces[i]->index = i;
    xqsort(m->vpcs, m->nvpcs, sizeof(*m->vpcs), cmp_vpc_ptr);
    xqsort(m->subnets, m->nsubnets, sizeof(*m->subnets), cmp_subnet_ptr);
    model_network_finish(m);
    xqsort(m->names, m->nnames, sizeof(*m->names), cmp_named);
    xqsort(m->prefix_lists, m->nprefix_lists, sizeof(*m->prefix_lists), cmp_prefix_list_ptr);
    m->finished = 1;
    return rc;
}

int model_finish(struct model *m)
{
    return finish(m, 0);
}

int model_finish_lenient(struct model *m)
{
    return finish(m, 1);
}
