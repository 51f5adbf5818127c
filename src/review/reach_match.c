/*
 * reach_match.c - the address classes of interfaces and how a rule matches
 * them, for the reachability engine (see reach.h and reach_internal.h).
 *
 * Every CIDR a rule names (directly, or as a known entry of a prefix list)
 * is a net. An interface's class is its groups, the families of its known
 * addresses and the nets holding one of them; interfaces of one class are
 * one region, so the engine works on classes, never on interface pairs.
 * Finding the nets of an address costs one binary search per prefix length
 * in use, not one test per net.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reach_internal.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

unsigned reach_cidr_family(const struct cidr *c)
{
    return c->v6 ? REACH_V6 : REACH_V4;
}

static int cmp_net(const void *a, const void *b)
{
    const struct cidr *x = &((const struct reach_net *)a)->c;
    const struct cidr *y = &((const struct reach_net *)b)->c;
    if (x->v6 != y->v6)
        return x->v6 < y->v6 ? -1 : 1;
    if (x->bits != y->bits)
        return x->bits < y->bits ? -1 : 1;
    return memcmp(x->addr, y->addr, sizeof(x->addr));
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* ===== Nets ===== */

/* Collecting nets: text -> index + 1 into the unsorted array. */
struct net_set {
    struct strmap *seen;
    struct reach_net *nets;
    size_t n, alloc;
};

static void net_add(struct net_set *s, const char *text)
{
    struct reach_net *net;
    struct cidr c;

    if (strmap_get(s->seen, text) || cidr_parse(text, &c) < 0)
        return;
    XGROW(s->nets, s->alloc, s->n + 1);
    net = &s->nets[s->n++];
    net->c = c;
    net->text = text;
    net->family = reach_cidr_family(&c);
    net->zero = c.bits == 0;
    net->is_private = cidr_is_private(&c);
    strmap_put(s->seen, text, (void *)(uintptr_t)s->n);
}

/* The index of the net of this text (after sorting), or REACH_NONE. */
static size_t net_index(const struct reach_ctx *c, const char *text)
{
    struct reach_net key;
    const struct reach_net *found;

    if (!c->nnets || cidr_parse(text, &key.c) < 0)
        return REACH_NONE;
    found = bsearch(&key, c->nets, c->nnets, sizeof(*c->nets), cmp_net);
    return found ? (size_t)(found - c->nets) : REACH_NONE;
}

static void collect_nets(struct reach_ctx *c, struct strmap *list_of)
{
    const struct model *m = c->m;
    struct net_set s = {strmap_new(), NULL, 0, 0};
    size_t i, j;

    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        if (r->peer_type == PEER_CIDR) {
            net_add(&s, r->peer);
        } else if (r->peer_type == PEER_PREFIX_LIST && !strmap_get(list_of, r->peer)) {
            struct reach_list *l;
            XGROW(c->lists, c->lists_alloc, c->nlists + 1);
            l = &c->lists[c->nlists++];
            memset(l, 0, sizeof(*l));
            l->pl = model_find_prefix_list(m, r->peer);
            strmap_put(list_of, r->peer, (void *)(uintptr_t)c->nlists);
            for (j = 0; l->pl && l->pl->entries_known && j < l->pl->nentries; j++)
                net_add(&s, l->pl->entries[j]);
        }
    }
    /* The network context's CIDRs: NACL entries and route destinations. */
    for (i = 0; c->network && i < m->nnacls; i++)
        for (j = 0; j < m->nacls[i]->nentries; j++)
            net_add(&s, m->nacls[i]->entries[j].cidr);
    for (i = 0; c->network && i < m->nroute_tables; i++)
        for (j = 0; j < m->route_tables[i]->nroutes; j++)
            net_add(&s, m->route_tables[i]->routes[j].dest);
    xqsort(s.nets, s.n, sizeof(*s.nets), cmp_net);
    c->nets = s.nets;
    c->nnets = s.n;
    for (i = 0; i < c->nnets; i++)
        c->lengths[c->nets[i].c.v6][c->nets[i].c.bits] = 1;
    strmap_free(s.seen);
}

/* The rule tables: each rule's peer as a group, a net or a list. */
static void index_rules(struct reach_ctx *c, struct strmap *list_of)
{
    const struct model *m = c->m;
    size_t i, j, n = m->nrules ? m->nrules : 1;

    c->rule_net = xmalloc(n * sizeof(*c->rule_net));
    c->rule_group = xcalloc(n, sizeof(*c->rule_group));
    c->rule_list = xcalloc(n, sizeof(*c->rule_list));
    for (i = 0; i < c->nlists; i++) {
        struct reach_list *l = &c->lists[i];
        if (!l->pl || !l->pl->entries_known)
            continue;
        l->nets = xcalloc(l->pl->nentries ? l->pl->nentries : 1, sizeof(*l->nets));
        for (j = 0; j < l->pl->nentries; j++)
            if ((l->nets[l->nnets] = net_index(c, l->pl->entries[j])) != REACH_NONE)
                l->nnets++;
    }
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        c->rule_net[i] = r->peer_type == PEER_CIDR ? net_index(c, r->peer) : REACH_NONE;
        if (r->peer_type == PEER_GROUP)
            c->rule_group[i] = model_find_group(m, r->peer);
        if (r->peer_type == PEER_PREFIX_LIST)
            c->rule_list[i] = &c->lists[(uintptr_t)strmap_get(list_of, r->peer) - 1];
    }
    /* The network context's CIDRs by NACL entry and by route. */
    if (c->network) {
        c->entry_net = xcalloc(m->nnacls ? m->nnacls : 1, sizeof(*c->entry_net));
        c->route_net = xcalloc(m->nroute_tables ? m->nroute_tables : 1, sizeof(*c->route_net));
        for (i = 0; i < m->nnacls; i++) {
            const struct nacl *nl = m->nacls[i];
            c->entry_net[i] = xmalloc((nl->nentries ? nl->nentries : 1) * sizeof(size_t));
            for (j = 0; j < nl->nentries; j++)
                c->entry_net[i][j] = net_index(c, nl->entries[j].cidr);
        }
        for (i = 0; i < m->nroute_tables; i++) {
            const struct route_table *t = m->route_tables[i];
            c->route_net[i] = xmalloc((t->nroutes ? t->nroutes : 1) * sizeof(size_t));
            for (j = 0; j < t->nroutes; j++)
                c->route_net[i][j] = net_index(c, t->routes[j].dest);
        }
    }
    /* The rules are sorted by group, then direction (ingress first). */
    n = m->ngroups ? m->ngroups : 1;
    c->in_lo = xcalloc(n, sizeof(size_t));
    c->in_hi = xcalloc(n, sizeof(size_t));
    c->eg_lo = xcalloc(n, sizeof(size_t));
    c->eg_hi = xcalloc(n, sizeof(size_t));
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        size_t g = r->group->index;
        size_t *lo = r->dir == DIR_INGRESS ? c->in_lo : c->eg_lo;
        size_t *hi = r->dir == DIR_INGRESS ? c->in_hi : c->eg_hi;
        if (lo[g] == hi[g])
            lo[g] = i;
        hi[g] = i + 1;
    }
}

/* ===== Classes ===== */

/* Append to out the nets holding address a (one search per length in use). */
static void nets_of_address(const struct reach_ctx *c, const struct cidr *a, size_t **out,
                            size_t *n, size_t *alloc)
{
    int len, max = a->v6 ? 128 : 32;
    struct reach_net key;
    const struct reach_net *found;

    memset(&key, 0, sizeof(key));
    key.c.v6 = a->v6;
    for (len = 0; len <= max; len++) {
        int i, full = len / 8, rest = len % 8;
        if (!c->lengths[a->v6][len])
            continue;
        memset(key.c.addr, 0, sizeof(key.c.addr));
        for (i = 0; i < full; i++)
            key.c.addr[i] = a->addr[i];
        if (rest)
            key.c.addr[full] = (unsigned char)(a->addr[full] & (0xff << (8 - rest)));
        key.c.bits = len;
        found = bsearch(&key, c->nets, c->nnets, sizeof(*c->nets), cmp_net);
        if (found) {
            XGROW(*out, *alloc, *n + 1);
            (*out)[(*n)++] = (size_t)(found - c->nets);
        }
    }
}

/* The key of an interface's class into sb; its nets and families into the
 * scratch vector and *families. */
/* The families of an interface's public addresses: a public IPv4 address,
 * an IPv6 address outside the private range. */
static unsigned public_families(const struct iface *ifc)
{
    unsigned f = ifc->npublic_addresses ? REACH_V4 : 0;
    struct cidr a;
    size_t i;

    for (i = 0; i < ifc->naddresses; i++)
        if (cidr_parse(ifc->addresses[i], &a) == 0 && a.v6 && !cidr_is_private(&a))
            f |= REACH_V6;
    return f;
}

static void class_key(const struct reach_ctx *c, const struct iface *ifc, struct strbuf *sb,
                      size_t **nets, size_t *nnets, size_t *alloc, unsigned *families)
{
    size_t i, k;
    struct cidr a;

    *nnets = 0;
    *families = 0;
    for (i = 0; i < ifc->naddresses; i++) {
        if (cidr_parse(ifc->addresses[i], &a) < 0 || a.bits != (a.v6 ? 128 : 32))
            continue;
        *families |= reach_cidr_family(&a);
        nets_of_address(c, &a, nets, nnets, alloc);
    }
    xqsort(*nets, *nnets, sizeof(**nets), cmp_size);
    for (i = k = 0; i < *nnets; i++)
        if (k == 0 || (*nets)[k - 1] != (*nets)[i])
            (*nets)[k++] = (*nets)[i];
    *nnets = k;
    strbuf_reset(sb);
    for (i = 0; i < ifc->ngroups; i++) {
        strbuf_adduint(sb, ifc->groups[i]->index);
        strbuf_addch(sb, ',');
    }
    strbuf_addch(sb, '|');
    strbuf_adduint(sb, *families);
    strbuf_addch(sb, '|');
    for (i = 0; i < *nnets; i++) {
        strbuf_adduint(sb, (*nets)[i]);
        strbuf_addch(sb, ',');
    }
    if (!c->network)
        return;
    /* Interfaces alike with the network context: one subnet (or none known),
     * one NACL and route table, the same public families. */
    strbuf_addf(sb, "|%s|%zu|%zu|%u", ifc->subnet ? ifc->subnet : "",
                ifc->nacl ? ifc->nacl->index + 1 : 0,
                ifc->route_table ? ifc->route_table->index + 1 : 0, public_families(ifc));
    if (!ifc->subnet)
        strbuf_addstr(sb, ifc->vpc ? ifc->vpc : "");
}

static void build_classes(struct reach_ctx *c, struct arena *keys)
{
    const struct model *m = c->m;
    struct strmap *index = strmap_new_sized(m->nifaces);
    struct strbuf sb = STRBUF_INIT;
    size_t *nets = NULL, nnets = 0, alloc = 0, i, *count;
    size_t alloc_classes = 0;
    unsigned families;

    c->iface_class = xcalloc(m->nifaces ? m->nifaces : 1, sizeof(*c->iface_class));
    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        size_t at;
        class_key(c, ifc, &sb, &nets, &nnets, &alloc, &families);
        at = (size_t)(uintptr_t)strmap_get(index, sb.buf);
        if (!at) {
            struct reach_class *k;
            XGROW(c->classes, alloc_classes, c->nclasses + 1);
            k = &c->classes[c->nclasses++];
            memset(k, 0, sizeof(*k));
            k->groups = ifc->groups;
            k->ngroups = ifc->ngroups;
            k->families = families;
            k->nets = arena_alloc(keys, (nnets ? nnets : 1) * sizeof(*k->nets));
            if (nnets)
                memcpy(k->nets, nets, nnets * sizeof(*nets));
            k->nnets = nnets;
            if (c->network) {
                k->subnet = ifc->subnet;
                k->vpc = ifc->vpc;
                k->nacl = ifc->nacl;
                k->rt = ifc->route_table;
                k->public = public_families(ifc);
            }
            at = c->nclasses;
            strmap_put(index, arena_strndup(keys, sb.buf, sb.len), (void *)(uintptr_t)at);
        }
        c->iface_class[i] = at - 1;
        c->classes[at - 1].nifaces++;
    }
    /* Members, in interface order. */
    count = xcalloc(c->nclasses ? c->nclasses : 1, sizeof(*count));
    for (i = 0; i < c->nclasses; i++)
        c->classes[i].ifaces =
            arena_alloc(keys, c->classes[i].nifaces * sizeof(*c->classes[i].ifaces));
    for (i = 0; i < m->nifaces; i++) {
        size_t k = c->iface_class[i];
        c->classes[k].ifaces[count[k]++] = m->ifaces[i];
    }
    free(count);
    free(nets);
    strbuf_release(&sb);
    strmap_free(index);
}

/* A CSR index: for each of n keys (groups, nets), the classes that have it
 * (key_count and key_at list a class's keys). */
static void build_csr(const struct reach_ctx *c, size_t n,
                      size_t (*key_at)(const struct reach_class *k, size_t j),
                      size_t (*key_count)(const struct reach_class *k), size_t **off_out,
                      size_t **cls_out)
{
    size_t *off = xcalloc(n + 2, sizeof(*off)), *cls, i, j, total;

    for (i = 0; i < c->nclasses; i++)
        for (j = 0; j < key_count(&c->classes[i]); j++)
            off[key_at(&c->classes[i], j) + 2]++;
    for (i = 2; i < n + 2; i++)
        off[i] += off[i - 1];
    total = off[n + 1];
    cls = xmalloc((total ? total : 1) * sizeof(*cls));
    for (i = 0; i < c->nclasses; i++)
        for (j = 0; j < key_count(&c->classes[i]); j++)
            cls[off[key_at(&c->classes[i], j) + 1]++] = i;
    *off_out = off;
    *cls_out = cls;
}

static size_t group_at(const struct reach_class *k, size_t j)
{
    return k->groups[j]->index;
}

static size_t group_count(const struct reach_class *k)
{
    return k->ngroups;
}

static size_t net_at(const struct reach_class *k, size_t j)
{
    return k->nets[j];
}

static size_t net_count(const struct reach_class *k)
{
    return k->nnets;
}

void reach_ctx_init(struct reach_ctx *c, const struct model *m, struct arena *arena)
{
    struct strmap *list_of = strmap_new();

    memset(c, 0, sizeof(*c));
    c->m = m;
    c->network = model_has_network(m);
    c->layers = REACH_LAYER_SECURITY_GROUPS | (m->nnacls ? REACH_LAYER_NACLS : 0) |
                (m->nroute_tables ? REACH_LAYER_ROUTES : 0);
    collect_nets(c, list_of);
    index_rules(c, list_of);
    build_classes(c, arena);
    build_csr(c, m->ngroups, group_at, group_count, &c->group_off, &c->group_cls);
    build_csr(c, c->nnets, net_at, net_count, &c->net_off, &c->net_cls);
    strmap_free(list_of);
}

void reach_ctx_release(struct reach_ctx *c)
{
    size_t i;
    for (i = 0; c->entry_net && i < c->m->nnacls; i++)
        free(c->entry_net[i]);
    for (i = 0; c->route_net && i < c->m->nroute_tables; i++)
        free(c->route_net[i]);
    free(c->entry_net);
    free(c->route_net);
    for (i = 0; i < c->nlists; i++)
        free(c->lists[i].nets);
    free(c->lists);
    free(c->nets);
    free(c->rule_net);
    free(c->rule_group);
    free(c->rule_list);
    free(c->in_lo);
    free(c->in_hi);
    free(c->eg_lo);
    free(c->eg_hi);
    free(c->classes);
    free(c->iface_class);
    free(c->group_off);
    free(c->group_cls);
    free(c->net_off);
    free(c->net_cls);
    memset(c, 0, sizeof(*c));
}

/* ===== Matching ===== */

int reach_class_has(const struct reach_class *k, unsigned fam)
{
    return k->families == 0 || (k->families & fam) != 0;
}

int reach_net_holds(const struct reach_ctx *c, size_t n, const struct reach_class *k,
                    unsigned fam)
{
    if (n == REACH_NONE || c->nets[n].family != fam)
        return 0;
    if (k->families == 0)
        return c->nets[n].zero;
    return bsearch(&n, k->nets, k->nnets, sizeof(*k->nets), cmp_size) != NULL;
}

int reach_rule_matches(const struct reach_ctx *c, const struct rule *r,
                       const struct reach_class *k, unsigned fam)
{
    size_t i;

    if (!reach_class_has(k, fam))
        return 0;
    switch (r->peer_type) {
    case PEER_GROUP: {
        const struct group *g = c->rule_group[r->index];
        for (i = 0; g && i < k->ngroups; i++)
            if (k->groups[i] == g)
                return 1;
        return 0;
    }
    case PEER_CIDR:
        return reach_net_holds(c, c->rule_net[r->index], k, fam);
    case PEER_PREFIX_LIST: {
        const struct reach_list *l = c->rule_list[r->index];
        for (i = 0; l && i < l->nnets; i++)
            if (reach_net_holds(c, l->nets[i], k, fam))
                return 1;
        return 0;
    }
    default:
        return 0;
    }
}
