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
 * placeholders covered by an ENI are dropped from the model again. RDS and
 * ECS ENIs do not name their owner: they are matched to the placeholders
 * sharing their groups, anew after every file, and a placeholder that is
 * no longer anyone's candidate comes back. The reconciliation is
 * idempotent, so the result does not depend on file order. (A
 * model_finish() hook would let this run once; see the report.)
 *
 * The state is the importer's state in the import session (importer.h);
 * it is freed with the session.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "aws_internal.h"
#include "importer.h"
#include "strmap.h"
#include "xalloc.h"

/* ===== State ===== */

struct aws_eni_rec {
    struct iface *ifc;
    unsigned need;
    const char *extra; /* ECS attachment id (model string) */
};

struct aws_ph {
    struct iface *ifc;
    const char *key;    /* owner key of the ENIs that cover it (model string) */
    int match_groups;   /* may own an RDS/ECS ENI of its kind that shares a group */
    int covered;        /* an ENI with its owner key is known (for good) */
    int matched;        /* a candidate owner of an RDS/ECS ENI (this reconciliation) */
    int dead;           /* covered or matched: not in the model's interface list */
    unsigned stamp;     /* scratch for match_enis() */
    const char **gids;  /* its groups (model strings) */
    size_t ngids, gids_alloc;
};

struct aws_state {
    struct model *m;
    struct strmap *map; /* "ns\037key" -> value */
    struct arena keys;  /* the keys of map */
    struct strbuf key;  /* scratch buffer for the keys of map */
    struct aws_eni_rec *enis;
    size_t nenis, enis_alloc;
    struct aws_ph *phs;
    size_t nphs, phs_alloc;
};

/* Free the state (the session calls this when it is freed). */
static void state_free(void *data)
{
    struct aws_state *st = data;
    size_t i;

    strmap_free(st->map);
    arena_release(&st->keys);
    strbuf_release(&st->key);
    for (i = 0; i < st->nphs; i++)
        free(st->phs[i].gids);
    free(st->phs);
    free(st->enis);
    free(st);
}

/* Input bytes per key the state keeps, about: it indexes every rule (a
 * few hundred bytes of JSON each) and every ENI (about a kilobyte). */
#define AWS_BYTES_PER_KEY 256

struct aws_state *aws_state_get(struct import_session *s, struct model *m, size_t len)
{
    struct aws_state *st = import_session_state(s, &importer_aws);

    if (st)
        return st;
    /* Owned by the session, so it lives and dies with it: a new session
     * never meets the state of another. Sized from the first input, so
     * that a large one fills it without rehashing. */
    st = xcalloc(1, sizeof(*st));
    st->m = m;
    st->map = strmap_new_sized(len / AWS_BYTES_PER_KEY);
    strbuf_init(&st->key);
    import_session_set_state(s, &importer_aws, st, state_free);
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
    return strmap_get(st->map, ns_key(&st->key, ns, key));
}

void aws_state_remember(struct aws_state *st, const char *ns, const char *key,
                        const void *value)
{
    const char *k = ns_key(&st->key, ns, key);

    if (!strmap_get(st->map, k))
        k = arena_strndup(&st->keys, k, st->key.len);
    /* strmap_put() keeps the key it has when the key is known. */
    strmap_put(st->map, k, (void *)value);
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

    c->drawn++; /* drawn as itself, or through the ENI that covers it */
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

/* The list of aws_placeholder_groups(): where its groups go, what names them. */
struct group_list {
    struct iface *ifc;
    const char *id_key, *name_key;
};

static void placeholder_group_elem(struct aws_ctx *c, const json_t *g, void *arg)
{
    const struct group_list *gl = arg;
    const char *gid = aws_req_str(c, g, gl->id_key);
    const char *gname = gl->name_key ? jr_str(&c->jr, g, gl->name_key) : NULL;

    if (!c->jr.failed)
        aws_placeholder_group(c, gl->ifc, gid, gname);
}

void aws_placeholder_groups(struct aws_ctx *c, struct iface *ifc, const json_t *arr,
                            const char *key, const char *id_key, const char *name_key)
{
    struct group_list gl = {ifc, id_key, name_key};

    aws_each(c, arr, key, placeholder_group_elem, &gl);
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

/* Put a dropped placeholder back: the ENI it was a candidate for now has
 * another owner (a later file resolved it). */
static void revive(struct aws_state *st, struct aws_ph *ph)
{
    struct model *m = st->m;
    size_t j;

    XGROW(m->ifaces, m->ifaces_alloc, m->nifaces + 1);
    m->ifaces[m->nifaces++] = ph->ifc;
    for (j = 0; j < ph->ngids; j++)
        model_iface_add_group(m, ph->ifc, ph->gids[j], NULL, 0, &ph->ifc->loc);
}

static void refine_enis(struct aws_state *st)
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

/* Are the placeholder's groups exactly the interface's? */
static int same_groups(const struct aws_ph *ph, const struct iface *ifc)
{
    size_t i, j;

    for (i = 0; i < ph->ngids; i++) {
        for (j = 0; j < ifc->nrefs && strcmp(ph->gids[i], ifc->refs[j].id) != 0; j++)
            ;
        if (j == ifc->nrefs)
            return 0;
    }
    for (j = 0; j < ifc->nrefs; j++) {
        for (i = 0; i < ph->ngids && strcmp(ph->gids[i], ifc->refs[j].id) != 0; i++)
            ;
        if (i == ph->ngids)
            return 0;
    }
    return 1;
}

static int cmp_ph_label(const void *a, const void *b)
{
    return strcmp((*(struct aws_ph *const *)a)->ifc->label,
                  (*(struct aws_ph *const *)b)->ifc->label);
}

/* How many candidates an ambiguous label names before "+N more". */
#define MATCH_LABEL_NAMES 3

/*
 * Label an RDS or ECS ENI after the n resources that may own it: the one
 * resource, or "RDS (mydb, myaurora-1, +2 more)" when the ENI records do
 * not say which; its owner key names them all, so that ENIs with the same
 * candidates collapse together. No candidate: the owner table's label.
 */
static void label_match(struct aws_state *st, struct iface *ifc, struct aws_ph **cand, size_t n,
                        struct strbuf *sb)
{
    int rds = ifc->kind == KIND_RDS;
    size_t i, k;

    if (n <= 1) {
        ifc->label = n ? cand[0]->ifc->label : model_strdup(st->m, rds ? "RDS" : "ECS task");
        ifc->owner = n ? cand[0]->key : model_strdup(st->m, rds ? "rds" : "ecs");
        return;
    }
    xqsort(cand, n, sizeof(*cand), cmp_ph_label);
    for (i = 1, k = 1; i < n; i++)
        if (strcmp(cand[i]->ifc->label, cand[k - 1]->ifc->label) != 0)
            cand[k++] = cand[i];
    strbuf_reset(sb);
    strbuf_addf(sb, "%s (", rds ? "RDS" : "ECS");
    for (i = 0; i < k && i < MATCH_LABEL_NAMES; i++)
        strbuf_addf(sb, "%s%s", i ? ", " : "", cand[i]->ifc->label);
    if (k > MATCH_LABEL_NAMES)
        strbuf_addf(sb, ", +%zu more", k - MATCH_LABEL_NAMES);
    strbuf_addch(sb, ')');
    ifc->label = model_strdup(st->m, sb->buf);
    strbuf_reset(sb);
    strbuf_addf(sb, "%s:", kind_name(ifc->kind));
    for (i = 0; i < k; i++)
        strbuf_addf(sb, "%s%s", i ? "|" : "", cand[i]->ifc->label);
    ifc->owner = model_strdup(st->m, sb->buf);
}

/*
 * RDS and ECS ENIs do not name their owner: their candidates are the
 * placeholders of the same kind that share a group with them, those with
 * exactly the ENI's groups first. Every candidate is marked matched (it
 * has an ENI, so its placeholder goes); a resource no ENI can be matched
 * to stays a member of its own. Recomputed from scratch each time, so
 * that a later file (a new candidate, a resolved owner) is taken in.
 */
static void match_enis(struct aws_state *st)
{
    struct strmap *heads = strmap_new_sized(st->nphs);
    struct arena keys = ARENA_INIT;
    struct strbuf sb = STRBUF_INIT;
    struct link {
        size_t ph, next; /* next: index + 1 of the next link, 0 at the end */
    } *links = NULL;
    struct aws_ph **cand = NULL;
    size_t nlinks = 0, links_alloc = 0, cand_alloc = 0, i, j, n, exact;
    unsigned stamp = 0;

    for (i = 0; i < st->nphs; i++) {
        struct aws_ph *ph = &st->phs[i];
        ph->matched = 0;
        ph->stamp = 0;
        if (!ph->match_groups || ph->covered)
            continue;
        for (j = 0; j < ph->ngids; j++) {
            const char *key = kind_gid(&sb, ph->ifc->kind, ph->gids[j]);
            XGROW(links, links_alloc, nlinks + 1);
            links[nlinks].ph = i;
            links[nlinks].next = (uintptr_t)strmap_get(heads, key);
            if (!links[nlinks].next)
                key = arena_strndup(&keys, key, sb.len);
            strmap_put(heads, key, (void *)(uintptr_t)++nlinks);
        }
    }
    for (i = 0; i < st->nenis; i++) {
        struct iface *ifc = st->enis[i].ifc;
        if (!(st->enis[i].need & AWS_NEED_MATCH_LABEL))
            continue;
        stamp++;
        for (n = 0, j = 0; j < ifc->nrefs; j++) {
            uintptr_t l = (uintptr_t)strmap_get(heads, kind_gid(&sb, ifc->kind, ifc->refs[j].id));
            for (; l; l = links[l - 1].next) {
                struct aws_ph *ph = &st->phs[links[l - 1].ph];
                if (ph->stamp == stamp)
                    continue;
                ph->stamp = stamp;
                XGROW(cand, cand_alloc, n + 1);
                cand[n++] = ph;
            }
        }
        for (exact = 0, j = 0; j < n; j++) {
            if (same_groups(cand[j], ifc)) {
                struct aws_ph *t = cand[exact];
                cand[exact++] = cand[j];
                cand[j] = t;
            }
        }
        if (exact)
            n = exact;
        for (j = 0; j < n; j++)
            cand[j]->matched = 1;
        label_match(st, ifc, cand, n, &sb);
    }
    strmap_free(heads);
    arena_release(&keys);
    strbuf_release(&sb);
    free(links);
    free(cand);
}

void aws_state_reconcile(struct aws_state *st)
{
    size_t i;
    int dropped = 0;

    for (i = 0; i < st->nphs; i++)
        if (!st->phs[i].covered && aws_state_lookup(st, "cover", st->phs[i].key))
            st->phs[i].covered = 1;
    refine_enis(st);
    match_enis(st);
    for (i = 0; i < st->nphs; i++) {
        struct aws_ph *ph = &st->phs[i];
        int dead = ph->covered || ph->matched;
        if (dead && !ph->dead) {
            ph->dead = 1;
            dropped = 1;
        } else if (!dead && ph->dead) {
            ph->dead = 0;
            revive(st, ph);
        }
    }
    if (dropped)
        drop_dead(st);
}
