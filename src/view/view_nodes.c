/*
 * view_nodes.c - the nodes of a view: interfaces (collapsed into one
 * "xN" region node when they have the same groups and kind, whatever
 * their owners) placed in the innermost cluster of their VPC
 * that holds them, with a badge for each of their groups no enclosing
 * cluster shows; and the peers of rules (CIDRs, prefix lists, groups not
 * in the input...), folded by --merge-cidrs, a VPC's own CIDR inside the
 * VPC's frame.
 */
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "natcmp.h"
#include "view_internal.h"

struct view_node *node_new(struct builder *b, enum vnode_type type)
{
    struct view *v = b->v;
    struct view_node *n = xcalloc(1, sizeof(*n));
    n->type = type;
    n->id = v->nnodes;
    APPEND(v->nodes, v->nnodes, n);
    return n;
}

/* ===== Interface nodes ===== */

/* Handles first, then nodes in natural order of labels (then ids). */
static int cmp_node(const void *a, const void *b)
{
    const struct view_node *x = *(struct view_node *const *)a;
    const struct view_node *y = *(struct view_node *const *)b;
    int c;
    if (x->type != y->type)
        return x->type == VNODE_HANDLE ? -1 : y->type == VNODE_HANDLE ? 1 : 0;
    if ((c = natcmp(x->label, y->label)) != 0)
        return c;
    if (x->type == VNODE_HANDLE)
        return strcmp(x->group->id, y->group->id);
    return strcmp(x->ifaces[0]->id, y->ifaces[0]->id);
}

/* Nodes of every cluster and region in that order; each node's badges in
 * the order of their numbers (a node wears a few). */
static void sort_nodes(struct builder *b)
{
    struct view *v = b->v;
    size_t i, j, k;

    for (i = 0; i < v->nclusters; i++)
        xqsort(v->clusters[i]->nodes, v->clusters[i]->nnodes, sizeof(struct view_node *),
               cmp_node);
    for (i = 0; i < v->nregions; i++)
        xqsort(v->regions[i]->nodes, v->regions[i]->nnodes, sizeof(struct view_node *),
               cmp_node);
    for (i = 0; i < v->nnodes; i++) {
        struct view_node *n = v->nodes[i];
        for (j = 1; j < n->nbadges; j++) {
            struct group *g = n->badges[j];
            for (k = j; k > 0 && v->badge_tag[n->badges[k - 1]->index] > v->badge_tag[g->index];
                 k--)
                n->badges[k] = n->badges[k - 1];
            n->badges[k] = g;
        }
    }
}

/* The deepest cluster of region r among those of the interface's groups:
 * the taken sets that hold it are nested, so the others enclose it. */
static struct view_cluster *innermost(struct builder *b, const struct iface *ifc,
                                      const struct view_region *r)
{
    struct view_cluster *best = NULL;
    size_t i;
    for (i = 0; i < ifc->ngroups; i++) {
        struct view_cluster *c = b->cluster_of[ifc->groups[i]->index];
        if (c && c->region == r && (!best || c->depth > best->depth))
            best = c;
    }
    return best;
}

/* The groups of a node's interface shown by no cluster around it. */
static void add_badges(struct builder *b, struct view_node *n, const struct iface *ifc)
{
    size_t i;
    for (i = 0; i < ifc->ngroups; i++) {
        struct group *g = ifc->groups[i];
        struct view_cluster *c = b->cluster_of[g->index];
        if (!b->shown[g->index] || (c && view_cluster_encloses(c, n->cluster)))
            continue;
        APPEND(n->badges, n->nbadges, g);
        b->v->badge_tag[g->index] = 1;
    }
}

/* The badge legend: every group worn as a badge, numbered in natural
 * order of names, so that two badges never look alike. */
static void number_badges(struct builder *b)
{
    struct view *v = b->v;
    size_t i;

    for (i = 0; i < b->m->ngroups; i++)
        if (v->badge_tag[i])
            APPEND(v->badged, v->nbadged, b->m->groups[i]);
    xqsort(v->badged, v->nbadged, sizeof(*v->badged), view_cmp_groups);
    for (i = 0; i < v->nbadged; i++)
        v->badge_tag[v->badged[i]->index] = i + 1;
}

static const char *iface_name(const struct iface *ifc)
{
    return ifc->label ? ifc->label : ifc->id;
}

static int cmp_names(const void *a, const void *b)
{
    return natcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is s a short number (1 to 4 digits, as in "NATGateway12"; not the hex
 * run of an id such as "i-0a000000000000001")? */
static int short_number(const char *s)
{
    size_t n = strlen(s), i;

    if (n == 0 || n > 4)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* How many bytes of the sorted distinct names all share: a numbered
 * series ("NATGateway1", "NATGateway2") to its number, else cut after the
 * last separator (-, _, . or a space) of that run: "app-cache-" of
 * "app-cache-000" and "app-cache-001"; 0 when none. */
static size_t shared_prefix(const char *const *names, size_t k)
{
    size_t len = strlen(names[0]), i, cut = 0;

    for (i = 1; i < k; i++) {
        size_t j = 0;
        while (j < len && names[i][j] == names[0][j])
            j++;
        len = j;
    }
    /* A shared digit belongs to the numbers ("web10", "web11": "web");
     * a word with digits before them is an id's hex ("i-0a12", "i-0a13"),
     * no series. */
    while (len > 0 && names[0][len - 1] >= '0' && names[0][len - 1] <= '9')
        len--;
    for (i = len; i > 0 && !strchr("-_. ", names[0][i - 1]); i--)
        if (names[0][i - 1] >= '0' && names[0][i - 1] <= '9')
            break;
    if (i == 0 || strchr("-_. ", names[0][i - 1])) {
        for (i = 0; i < k && len > 0 && short_number(names[i] + len); i++)
            ;
        if (len > 0 && i == k)
            return len;
    }
    for (i = 0; i < len; i++)
        if (strchr("-_. ", names[0][i]))
            cut = i + 1;
    return cut;
}

/*
 * A region node is named by what its interfaces share: their one label
 * (an Auto Scaling group's Name tag, a service, a function), else the
 * start their names share ("app-cache-*", "NATGateway*") when it ends at a
 * separator or before a number and is at least REGION_PREFIX_MIN long,
 * else its two names "a, b" when they are short, else its first name and
 * an ellipsis, "a, ..." (a label stays short: it sets the node's width;
 * and it never counts, since the drawing writes the count after it). Each
 * name is in the tooltip and the view dump.
 */
#define REGION_PREFIX_MIN 3
#define REGION_TWO_MAX 30

static void name_region(struct view_node *n)
{
    const char **names = xcalloc(n->nifaces, sizeof(*names));
    size_t i, k = 0, prefix;

    for (i = 0; i < n->nifaces; i++)
        names[i] = iface_name(n->ifaces[i]);
    xqsort(names, n->nifaces, sizeof(*names), cmp_names);
    for (i = 0; i < n->nifaces; i++)
        if (!k || strcmp(names[k - 1], names[i]) != 0)
            names[k++] = names[i];
    if (k > 1) {
        prefix = shared_prefix(names, k);
        if (prefix >= REGION_PREFIX_MIN)
            n->labels = xasprintf("%.*s*", (int)prefix, names[0]);
        else if (k == 2 && strlen(names[0]) + strlen(names[1]) <= REGION_TWO_MAX)
            n->labels = xasprintf("%s, %s", names[0], names[1]);
        else
            n->labels = xasprintf("%s, \xe2\x80\xa6", names[0]);
        n->label = n->labels;
    }
    free(names);
}

void place_ifaces(struct builder *b)
{
    const struct model *m = b->m;
    struct view *v = b->v;
    size_t i, j;

    for (i = 0; i < m->nifaces; i++) {
        struct iface *ifc = m->ifaces[i];
        struct view_node *n = NULL;
        struct view_region *r;
        struct view_cluster *c;
        struct strbuf key = STRBUF_INIT;

        if (!iface_shown(b, ifc))
            continue;
        r = region_for(b, b->iface_vpc[i]);
        c = innermost(b, ifc, r);
        if (v->opts.detail != VIEW_DETAIL_INTERFACES) {
            /* The region key: VPC, kind and groups (not the owner: the
             * 50 instances of an Auto Scaling group are one node). */
            strbuf_addstr(&key, "iface\n");
            strbuf_addstr(&key, b->iface_vpc[i] ? b->iface_vpc[i] : "");
            strbuf_addch(&key, '\n');
            strbuf_adduint(&key, (unsigned)ifc->kind);
            /* In a diff, what was added or removed stays apart. */
            if (v->opts.marks) {
                strbuf_addch(&key, '\n');
                strbuf_adduint(&key, (unsigned)mark_of_iface(v->opts.marks, ifc)->change);
            }
            for (j = 0; j < ifc->ngroups; j++) {
                strbuf_addch(&key, '\n');
                strbuf_addstr(&key, ifc->groups[j]->id);
            }
            n = strmap_get(b->keys, key.buf);
        }
        if (!n) {
            n = node_new(b, VNODE_IFACE);
            n->cluster = c;
            n->region = r;
            n->label = iface_name(ifc);
            add_badges(b, n, ifc);
            if (c)
                APPEND(c->nodes, c->nnodes, n);
            else
                APPEND(n->region->nodes, n->region->nnodes, n);
            if (v->opts.detail != VIEW_DETAIL_INTERFACES)
                strmap_put(b->keys, builder_key(b, strbuf_detach(&key)), n);
        }
        strbuf_release(&key);
        APPEND(n->ifaces, n->nifaces, ifc);
        for (j = 0; j < ifc->naddresses; j++)
            if (!strmap_get(b->address_node, ifc->addresses[j]))
                strmap_put(b->address_node, ifc->addresses[j], n);
    }
    for (i = 0; i < v->nnodes; i++)
        if (v->nodes[i]->nifaces > 1)
            name_region(v->nodes[i]);
    number_badges(b);
    sort_nodes(b);
}

static enum vnode_type peer_node_type(enum peer_type t)
{
    switch (t) {
    case PEER_CIDR: return VNODE_CIDR;
    case PEER_PREFIX_LIST: return VNODE_PREFIX_LIST;
    case PEER_PARAM: return VNODE_PARAM;
    case PEER_IMPORT: return VNODE_IMPORT;
    case PEER_EXPRESSION: return VNODE_EXPRESSION;
    case PEER_GROUP:
    case PEER_EXTERNAL_GROUP: break;
    }
    return VNODE_EXTERNAL;
}

/*
 * --merge-cidrs: the range a CIDR is drawn as. The internet stays itself;
 * otherwise the most specific named CIDR (a VPC or subnet) that contains
 * it, else "private networks" or "public addresses". *label gets the
 * display name for the synthetic buckets.
 */
static const char *merged_range(struct builder *b, const char *peer, const char **label)
{
    struct cidr c;
    size_t i, best = (size_t)-1;

    if (peer_is_internet(peer) || cidr_parse(peer, &c) < 0)
        return peer;
    for (i = 0; i < b->nranges; i++)
        if (cidr_contains(&b->ranges[i], &c) &&
            (best == (size_t)-1 || b->ranges[i].bits > b->ranges[best].bits))
            best = i;
    if (best != (size_t)-1)
        return b->range_ids[best];
    if (cidr_is_private(&c)) {
        *label = "private networks";
        return "private";
    }
    *label = "public addresses";
    return "public";
}

/* The frame of the VPC whose own CIDR this is (the model names a VPC's
 * CIDRs after the VPC), or NULL. */
static struct view_region *own_vpc_frame(struct builder *b, const char *cidr)
{
    const struct model *m = b->m;
    const char *name = model_name_of(m, cidr);
    size_t i;

    if (!name || peer_is_internet(cidr) || !cidr_looks_like(cidr))
        return NULL;
    for (i = 0; i < m->nvpcs; i++) {
        const struct vpc *vpc = m->vpcs[i];
        struct view_region *r;
        char *key;
        if (strcmp(name, vpc->id) != 0 && !(vpc->name && strcmp(name, vpc->name) == 0))
            continue;
        key = xasprintf("region\n%s", vpc->id);
        r = strmap_get(b->keys, key);
        free(key);
        if (r && r->label)
            return r;
    }
    return NULL;
}

struct view_node *peer_node(struct builder *b, const struct rule *r)
{
    struct view *v = b->v;
    char addr[CIDR_TEXT_MAX];
    struct view_node *n;
    const char *peer, *label;
    char *key;

    if (r->peer_type == PEER_CIDR && cidr_host_address(r->peer, addr, sizeof(addr))) {
        n = strmap_get(b->address_node, addr);
        if (n)
            return n;
    }
    peer = r->peer;
    label = NULL;
    if (r->peer_type == PEER_CIDR && v->opts.merge_cidrs)
        peer = merged_range(b, r->peer, &label);
    key = xasprintf("peer\n%d\n%s", (int)r->peer_type, peer);
    n = strmap_get(b->keys, key);
    if (n) {
        free(key);
    } else {
        const char *name = label ? label : model_name_of(b->m, peer);
        n = node_new(b, peer_node_type(r->peer_type));
        n->peer = peer;
        n->label = name ? name : r->peer_label;
        strmap_put(b->keys, builder_key(b, key), n);
        /* A VPC's own CIDR is drawn inside its frame, not as an outsider. */
        if (n->type == VNODE_CIDR && (n->region = own_vpc_frame(b, peer)) != NULL)
            APPEND(n->region->nodes, n->region->nnodes, n);
        else
            APPEND(v->outside, v->noutside, n);
        if (n->type == VNODE_CIDR)
            v->ncidr_nodes++;
    }
    if (r->flags & RULE_STALE)
        n->stale = 1;
    return n;
}
