/*
 * aws_state.c - what the AWS importer keeps between the files of one model,
 * and the reconciliation run after each file.
 *
 * Files arrive in any order and each is one import_aws() call, but some
 * facts need several files: an ENI's label may be the Name tag of an
 * instance read later; a load balancer, function or database read from its
 * service API is a member only if no ENI of the same resource is known
 * (else it would be counted twice). So each resource known only from a
 * service API becomes a placeholder interface, and after every file the
 * placeholders covered by an ENI are dropped from the model again. The
 * reconciliation is idempotent, so the result does not depend on file
 * order. (A model_finish() hook would let this run once; see the report.)
 *
 * The state is looked up by model pointer in a small list; it lives until
 * the process exits (the model has no hook to free it with).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aws_internal.h"
#include "xalloc.h"

/* ===== A string-keyed hash table (keys copied, values borrowed) ===== */

struct aws_map {
    char **keys;
    const void **vals;
    size_t n, cap;
};

static size_t map_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211u;
    }
    return h;
}

static size_t map_slot(const struct aws_map *map, const char *key)
{
    size_t i = map_hash(key) & (map->cap - 1);
    while (map->keys[i] && strcmp(map->keys[i], key) != 0)
        i = (i + 1) & (map->cap - 1);
    return i;
}

static const void *map_get(const struct aws_map *map, const char *key)
{
    size_t i;
    if (!map->cap)
        return NULL;
    i = map_slot(map, key);
    return map->keys[i] ? map->vals[i] : NULL;
}

static void map_put(struct aws_map *map, const char *key, const void *val)
{
    size_t i;

    if ((map->n + 1) * 2 > map->cap) {
        struct aws_map bigger = {NULL, NULL, 0, map->cap ? map->cap * 2 : 64};
        bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
        bigger.vals = xcalloc(bigger.cap, sizeof(*bigger.vals));
        for (i = 0; i < map->cap; i++) {
            if (map->keys[i]) {
                size_t j = map_slot(&bigger, map->keys[i]);
                bigger.keys[j] = map->keys[i];
                bigger.vals[j] = map->vals[i];
                bigger.n++;
            }
        }
        free(map->keys);
        free(map->vals);
        *map = bigger;
    }
    i = map_slot(map, key);
    if (!map->keys[i]) {
        map->keys[i] = xstrdup(key);
        map->n++;
    }
    map->vals[i] = val;
}

static void map_release(struct aws_map *map)
{
    size_t i;
    for (i = 0; i < map->cap; i++)
        free(map->keys[i]);
    free(map->keys);
    free(map->vals);
    memset(map, 0, sizeof(*map));
}

/* ===== State ===== */

struct aws_eni_rec {
    struct iface *ifc;
    unsigned need;
    const char *extra; /* ECS attachment id (model string) */
};

struct aws_ph {
    struct iface *ifc;
    const char *key;    /* owner key of the ENIs that cover it (model string) */
    int match_groups;   /* also covered by a same-kind ENI sharing a group */
    int dead;           /* dropped from the model */
    const char **gids;  /* its groups (model strings) */
    size_t ngids, gids_alloc;
};

struct aws_state {
    struct model *m;
    const void *check;  /* m->strings when created: detects a reused address */
    struct aws_state *next;
    struct aws_map map; /* "ns\037key" -> value */
    struct strbuf key;  /* scratch buffer for the keys of map */
    struct aws_eni_rec *enis;
    size_t nenis, enis_alloc;
    struct aws_ph *phs;
    size_t nphs, phs_alloc;
};

static struct aws_state *aws_states;

static void state_clear(struct aws_state *st)
{
    size_t i;
    map_release(&st->map);
    strbuf_release(&st->key);
    for (i = 0; i < st->nphs; i++)
        free(st->phs[i].gids);
    free(st->phs);
    free(st->enis);
    st->phs = NULL;
    st->enis = NULL;
    st->nphs = st->phs_alloc = st->nenis = st->enis_alloc = 0;
}

struct aws_state *aws_state_get(struct model *m)
{
    struct aws_state *st;

    for (st = aws_states; st; st = st->next) {
        if (st->m == m) {
            if (st->check != (const void *)m->strings) {
                /* A new model at a freed model's address: start afresh. */
                state_clear(st);
                st->check = m->strings;
            }
            return st;
        }
    }
    st = xcalloc(1, sizeof(*st));
    st->m = m;
    st->check = m->strings;
    strbuf_init(&st->key);
    st->next = aws_states;
    aws_states = st;
    return st;
}

/* "ns" + US + "key" in a caller buffer. */
static const char *ns_key(struct strbuf *sb, const char *ns, const char *key)
{
    strbuf_reset(sb);
    strbuf_addstr(sb, ns);
    strbuf_addch(sb, '\037');
    strbuf_addstr(sb, key);
    return sb->buf;
}

const void *aws_state_lookup(struct aws_state *st, const char *ns, const char *key)
{
    return map_get(&st->map, ns_key(&st->key, ns, key));
}

void aws_state_remember(struct aws_state *st, const char *ns, const char *key,
                        const void *value)
{
    map_put(&st->map, ns_key(&st->key, ns, key), value);
}

void aws_state_cover(struct aws_state *st, const char *key)
{
    aws_state_remember(st, "cover", key, st);
}

void aws_state_eni(struct aws_state *st, struct iface *ifc, const char *owner_key,
                   unsigned need, const char *extra)
{
    uintptr_t idx = (uintptr_t)aws_state_lookup(st, "eni", ifc->id);
    struct aws_eni_rec *rec;

    if (owner_key && *owner_key)
        aws_state_cover(st, owner_key);
    if (idx) {
        rec = &st->enis[idx - 1];
        /* Another source already said who owns it: keep the refinements
         * it still needs, add the new ones. */
        rec->need |= need;
    } else {
        XGROW(st->enis, st->enis_alloc, st->nenis + 1);
        rec = &st->enis[st->nenis++];
        rec->ifc = ifc;
        rec->need = need;
        rec->extra = NULL;
        aws_state_remember(st, "eni", ifc->id, (const void *)(uintptr_t)st->nenis);
    }
    if (extra && !rec->extra)
        rec->extra = model_strdup(st->m, extra);
}

struct iface *aws_placeholder(struct aws_ctx *c, const char *id, const char *key,
                              enum iface_kind kind, const char *label, int match_groups)
{
    struct aws_state *st = c->st;
    uintptr_t idx = (uintptr_t)aws_state_lookup(st, "ph", id);
    struct aws_ph *ph;

    if (idx) {
        ph = &st->phs[idx - 1];
        return ph->dead ? NULL : ph->ifc;
    }
    XGROW(st->phs, st->phs_alloc, st->nphs + 1);
    ph = &st->phs[st->nphs++];
    memset(ph, 0, sizeof(*ph));
    ph->ifc = model_iface(c->jr.m, id, NULL);
    ph->key = model_strdup(c->jr.m, key);
    ph->match_groups = match_groups;
    ph->ifc->kind = kind;
    ph->ifc->owner = ph->key;
    ph->ifc->label = model_strdup(c->jr.m, label);
    ph->ifc->loc = jr_loc(&c->jr, NULL);
    aws_state_remember(st, "ph", id, (const void *)(uintptr_t)st->nphs);
    if (!aws_state_lookup(st, "phkey", key))
        aws_state_remember(st, "phkey", key, (const void *)(uintptr_t)st->nphs);
    return ph->ifc;
}

void aws_placeholder_group(struct aws_ctx *c, struct iface *ifc, const char *gid,
                           const char *gname)
{
    uintptr_t idx = (uintptr_t)aws_state_lookup(c->st, "ph", ifc->id);
    struct srcloc loc = jr_loc(&c->jr, NULL);

    model_iface_add_group(c->jr.m, ifc, gid, gname, 0, &loc);
    if (idx) {
        struct aws_ph *ph = &c->st->phs[idx - 1];
        XGROW(ph->gids, ph->gids_alloc, ph->ngids + 1);
        ph->gids[ph->ngids++] = model_strdup(c->jr.m, gid);
    }
}

/* ===== Reconciliation ===== */

/* "kind|gid" keys for group matching, into a temporary map. */
static const char *kind_gid(struct strbuf *sb, enum iface_kind kind, const char *gid)
{
    strbuf_reset(sb);
    strbuf_addstr(sb, kind_name(kind));
    strbuf_addch(sb, '|');
    strbuf_addstr(sb, gid);
    return sb->buf;
}

/* Drop the dead placeholders' interfaces from the model's interface list. */
static void drop_dead(struct aws_state *st)
{
    struct model *m = st->m;
    size_t i, j;

    for (i = 0, j = 0; i < m->nifaces; i++) {
        struct iface *ifc = m->ifaces[i];
        uintptr_t idx = (uintptr_t)aws_state_lookup(st, "ph", ifc->id);
        if (idx && st->phs[idx - 1].ifc == ifc && st->phs[idx - 1].dead) {
            /* model_free() frees these only for listed interfaces. */
            free(ifc->refs);
            free(ifc->addresses);
            free(ifc->groups);
            ifc->refs = NULL;
            ifc->addresses = NULL;
            ifc->groups = NULL;
            ifc->nrefs = ifc->naddresses = ifc->ngroups = 0;
            continue;
        }
        m->ifaces[j++] = ifc;
    }
    m->nifaces = j;
}

static void refine_enis(struct aws_state *st, struct aws_map *bygroup)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i, j;

    for (i = 0; i < st->nenis; i++) {
        struct aws_eni_rec *rec = &st->enis[i];
        struct iface *ifc = rec->ifc;
        const char *s;

        if (!rec->need)
            continue;
        if ((rec->need & AWS_NEED_INSTANCE_NAME) &&
            (s = aws_state_lookup(st, "name", ifc->owner)) != NULL) {
            if (ifc->label == ifc->id || strcmp(ifc->label, ifc->owner) == 0)
                ifc->label = s;
            rec->need &= ~(unsigned)AWS_NEED_INSTANCE_NAME;
        }
        if ((rec->need & AWS_NEED_ENDPOINT_NAME) &&
            (s = aws_state_lookup(st, "endpoint", ifc->owner)) != NULL) {
            ifc->label = s;
            rec->need &= ~(unsigned)AWS_NEED_ENDPOINT_NAME;
        }
        if ((rec->need & AWS_NEED_ATTACHMENT) && rec->extra &&
            (s = aws_state_lookup(st, "attachment", rec->extra)) != NULL) {
            ifc->label = s;
            strbuf_reset(&sb);
            strbuf_addf(&sb, "ecs:%s", s);
            ifc->owner = model_strdup(st->m, sb.buf);
            rec->need &= ~(unsigned)(AWS_NEED_ATTACHMENT | AWS_NEED_MATCH_LABEL);
        }
        if (rec->need & AWS_NEED_MATCH_LABEL) {
            for (j = 0; j < ifc->nrefs; j++) {
                uintptr_t idx = (uintptr_t)map_get(bygroup, kind_gid(&sb, ifc->kind,
                                                                      ifc->refs[j].id));
                if (idx) {
                    struct aws_ph *ph = &st->phs[idx - 1];
                    ifc->label = ph->ifc->label;
                    ifc->owner = ph->key;
                    rec->need &= ~(unsigned)AWS_NEED_MATCH_LABEL;
                    break;
                }
            }
        }
        if (rec->need & AWS_NEED_SERVICE_GROUPS) {
            uintptr_t idx = (uintptr_t)aws_state_lookup(st, "phkey", ifc->owner);
            if (idx) {
                struct aws_ph *ph = &st->phs[idx - 1];
                if (ifc->nrefs == 0)
                    for (j = 0; j < ph->ngids; j++)
                        model_iface_add_group(st->m, ifc, ph->gids[j], NULL, 0, &ifc->loc);
                rec->need &= ~(unsigned)AWS_NEED_SERVICE_GROUPS;
            }
        }
    }
    strbuf_release(&sb);
}

void aws_state_reconcile(struct aws_state *st)
{
    struct aws_map eni_groups = {0}, ph_groups = {0};
    struct strbuf sb = STRBUF_INIT;
    size_t i, j;
    int dropped = 0;

    /* Which (kind, group) pairs real RDS and ECS ENIs have. */
    for (i = 0; i < st->nenis; i++) {
        struct iface *ifc = st->enis[i].ifc;
        if (ifc->kind != KIND_RDS && ifc->kind != KIND_ECS)
            continue;
        for (j = 0; j < ifc->nrefs; j++)
            map_put(&eni_groups, kind_gid(&sb, ifc->kind, ifc->refs[j].id), st);
    }
    for (i = 0; i < st->nphs; i++) {
        struct aws_ph *ph = &st->phs[i];
        int covered = 0;
        if (ph->match_groups)
            for (j = 0; j < ph->ngids; j++)
                if (!map_get(&ph_groups, kind_gid(&sb, ph->ifc->kind, ph->gids[j])))
                    map_put(&ph_groups, sb.buf, (const void *)(uintptr_t)(i + 1));
        if (ph->dead)
            continue;
        if (aws_state_lookup(st, "cover", ph->key))
            covered = 1;
        for (j = 0; !covered && ph->match_groups && j < ph->ngids; j++)
            if (map_get(&eni_groups, kind_gid(&sb, ph->ifc->kind, ph->gids[j])))
                covered = 1;
        if (covered) {
            ph->dead = 1;
            dropped = 1;
        }
    }
    if (dropped)
        drop_dead(st);
    refine_enis(st, &ph_groups);
    map_release(&eni_groups);
    map_release(&ph_groups);
    strbuf_release(&sb);
}
