/*
 * reach_diff.c - reachability changes between two models (see reach.h):
 * the answers of one query on each, compared interface pair by interface
 * pair, then told answer by answer (newly reachable, changed, no longer
 * reachable; from the internet first), in Markdown and JSON for diff.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "emit.h"
#include "json_writer.h"
#include "reach.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* Everything that can reach an interface in some group: the interfaces,
 * the internet and the other ends outside the inputs. */
static struct reach_result *reach_all(const struct model *m, char **why)
{
    struct reach_query q = {NULL, "*", NULL, REACH_AUTO_MAX_CLASSES};
    struct reach_result *r;
    char *err = NULL;

    if (!m || m->ngroups == 0 || m->nifaces == 0)
        return NULL;
    r = reach_run(m, &q, &err);
    if (!r && !*why)
        *why = err;
    else
        free(err);
    return r;
}

/* The key of one end for one of its interfaces (i, when a region). */
static void end_key(const struct reach_end *e, size_t i, struct strbuf *sb)
{
    if (e->type == REACH_END_REGION) {
        strbuf_addstr(sb, "i:");
        strbuf_addstr(sb, e->region->ifaces[i]->id);
    } else {
        strbuf_addstr(sb, reach_end_type_name(e->type));
        strbuf_addch(sb, ':');
        strbuf_addstr(sb, e->id);
    }
}

static size_t end_count(const struct reach_end *e)
{
    return e->type == REACH_END_REGION ? e->region->nifaces : 1;
}

/* Each interface pair of answer a: fn(key, len, i, j, arg), i and j the
 * interfaces' positions in their regions (0 for an outside end); key is
 * sb's, valid until the next pair. */
static void each_pair(const struct reach_answer *a, struct strbuf *sb,
                      void (*fn)(const char *key, size_t len, size_t i, size_t j, void *arg),
                      void *arg)
{
    size_t i, j;
    for (i = 0; i < end_count(&a->from); i++) {
        for (j = 0; j < end_count(&a->to); j++) {
            size_t n;
            strbuf_reset(sb);
            end_key(&a->from, i, sb);
            n = sb->len;
            strbuf_addch(sb, '\x1f');
            end_key(&a->to, j, sb);
            /* The source's length makes the key one pair's, whatever the ids hold. */
            strbuf_addf(sb, "\x1f%zu", n);
            fn(sb->buf, sb->len, i, j, arg);
        }
    }
}

/* Interface pair -> what it allows (the answer's ports), yes answers only;
 * the map borrows its keys from keys. */
struct pairs {
    struct strmap *map;
    struct arena keys;
    const char *ports; /* the answer being added */
};

static void put_pair(const char *key, size_t len, size_t i, size_t j, void *arg)
{
    struct pairs *p = arg;
    (void)i;
    (void)j;
    strmap_put(p->map, arena_strndup(&p->keys, key, len), (void *)p->ports);
}

static void pairs_fill(struct pairs *p, const struct reach_result *r, struct strbuf *sb)
{
    size_t i;

    p->map = strmap_new();
    for (i = 0; r && i < r->nanswers; i++) {
        if (r->answers[i].verdict != REACH_YES)
            continue;
        p->ports = r->answers[i].ports;
        each_pair(&r->answers[i], sb, put_pair, p);
    }
}

static void pairs_release(struct pairs *p)
{
    strmap_free(p->map);
    arena_release(&p->keys);
}

/* The pairs of one answer that the other side has with one value. */
struct was_count {
    const char *was;          /* NULL: the pair is not reachable there */
    size_t n;                 /* pairs */
    unsigned char *from, *to; /* which interfaces of each end they join */
};

struct tally {
    const struct reach_answer *a;
    const struct strmap *other;
    struct was_count *v;
    size_t n, alloc;
};

static void tally_pair(const char *key, size_t len, size_t i, size_t j, void *arg)
{
    struct tally *t = arg;
    const char *was = strmap_getn(t->other, key, len);
    size_t k;
    for (k = 0; k < t->n; k++)
        if (t->v[k].was == was || (was && t->v[k].was && strcmp(t->v[k].was, was) == 0))
            break;
    if (k == t->n) {
        XGROW(t->v, t->alloc, t->n + 1);
        t->v[k].was = was;
        t->v[k].n = 0;
        t->v[k].from = xcalloc(end_count(&t->a->from), 1);
        t->v[k].to = xcalloc(end_count(&t->a->to), 1);
        t->n++;
    }
    t->v[k].n++;
    t->v[k].from[i] = 1;
    t->v[k].to[j] = 1;
}

/* The name of an end, or of the interfaces sel picks of its region. */
static char *end_text(const struct reach_result *r, const struct reach_end *e,
                      const unsigned char *sel)
{
    struct strbuf sb = STRBUF_INIT;
    struct reach_region sub;
    struct reach_end part;
    size_t i;

    if (e->type != REACH_END_REGION) {
        reach_end_name(r, e, &sb);
        return strbuf_detach(&sb);
    }
    sub = *e->region;
    sub.ifaces = xcalloc(e->region->nifaces, sizeof(*sub.ifaces));
    sub.nifaces = 0;
    for (i = 0; i < e->region->nifaces; i++)
        if (sel[i])
            sub.ifaces[sub.nifaces++] = e->region->ifaces[i];
    part = *e;
    part.region = &sub;
    reach_end_name(r, &part, &sb);
    free(sub.ifaces);
    return strbuf_detach(&sb);
}

static size_t count_set(const unsigned char *sel, size_t n)
{
    size_t i, k = 0;
    for (i = 0; i < n; i++)
        k += sel[i] != 0;
    return k;
}

static void add_change(struct reach_changes *c, enum reach_change_kind kind,
                       const struct reach_result *r, const struct reach_answer *a,
                       const struct was_count *w, size_t *alloc)
{
    struct reach_change *ch;
    size_t nf = count_set(w->from, end_count(&a->from));
    size_t nt = count_set(w->to, end_count(&a->to));

    XGROW(c->v, *alloc, c->n + 1);
    ch = &c->v[c->n++];
    memset(ch, 0, sizeof(*ch));
    ch->kind = kind;
    ch->from_internet = a->from.type == REACH_END_INTERNET;
    ch->from_type = reach_end_type_name(a->from.type);
    ch->to_type = reach_end_type_name(a->to.type);
    /* The ends name the interfaces whose pairs changed: every pair of them
     * unless npairs says otherwise. */
    ch->from = end_text(r, &a->from, w->from);
    ch->to = end_text(r, &a->to, w->to);
    ch->ports = xstrdup(kind == REACH_LOST ? "none" : a->ports);
    ch->was = xstrdup(kind == REACH_LOST ? a->ports : w->was ? w->was : "none");
    ch->npairs = w->n;
    ch->total = nf * nt;
    ch->seq = c->n;
    if (kind == REACH_GAINED)
        c->gained++;
    else if (kind == REACH_LOST)
        c->lost++;
    else
        c->changed++;
}

/* The changes of the yes answers of r against the pairs of the other side:
 * from the new side, gained and changed; from the old, lost. */
static void compare_side(struct reach_changes *c, const struct reach_result *r,
                         const struct strmap *other, int is_new, struct strbuf *sb,
                         size_t *alloc)
{
    struct tally t;
    size_t i, k;

    memset(&t, 0, sizeof(t));
    t.other = other;
    for (i = 0; r && i < r->nanswers; i++) {
        const struct reach_answer *a = &r->answers[i];
        if (a->verdict != REACH_YES)
            continue;
        t.n = 0;
        t.a = a;
        each_pair(a, sb, tally_pair, &t);
        for (k = 0; k < t.n; k++) {
            const char *was = t.v[k].was;
            if (is_new && !was)
                add_change(c, REACH_GAINED, r, a, &t.v[k], alloc);
            else if (is_new && strcmp(was, a->ports) != 0)
                add_change(c, REACH_CHANGED, r, a, &t.v[k], alloc);
            else if (!is_new && !was)
                add_change(c, REACH_LOST, r, a, &t.v[k], alloc);
            free(t.v[k].from);
            free(t.v[k].to);
        }
    }
    free(t.v);
}

/* From the internet first, then newly reachable, changed, no longer
 * reachable, each in the order of the answers. */
static int cmp_change(const void *pa, const void *pb)
{
    const struct reach_change *a = pa, *b = pb;
    if (a->from_internet != b->from_internet)
        return a->from_internet ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct reach_changes *reach_compare(const struct model *old, const struct model *new)
{
    struct reach_changes *c = xcalloc(1, sizeof(*c));
    struct reach_result *ro = reach_all(old, &c->why), *rn = reach_all(new, &c->why);
    struct strbuf sb = STRBUF_INIT;
    struct pairs po = {NULL, ARENA_INIT, NULL}, pn = {NULL, ARENA_INIT, NULL};
    size_t alloc = 0, i;

    c->evaluated = (ro || rn) && !c->why;
    if (c->why) {
        reach_result_free(ro);
        reach_result_free(rn);
        ro = rn = NULL;
    }
    c->layers = REACH_LAYER_SECURITY_GROUPS | (ro ? ro->layers : 0) | (rn ? rn->layers : 0);
    pairs_fill(&po, ro, &sb);
    pairs_fill(&pn, rn, &sb);
    compare_side(c, rn, po.map, 1, &sb, &alloc);
    compare_side(c, ro, pn.map, 0, &sb, &alloc);
    xqsort(c->v, c->n, sizeof(*c->v), cmp_change);
    for (i = 0; i < c->n; i++)
        c->v[i].seq = i + 1;
    pairs_release(&po);
    pairs_release(&pn);
    strbuf_release(&sb);
    reach_result_free(ro);
    reach_result_free(rn);
    return c;
}

void reach_changes_free(struct reach_changes *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++) {
        free(c->v[i].from);
        free(c->v[i].to);
        free(c->v[i].ports);
        free(c->v[i].was);
    }
    free(c->v);
    free(c->why);
    free(c);
}

const char *reach_change_name(enum reach_change_kind k)
{
    switch (k) {
    case REACH_GAINED: return "reachable";
    case REACH_CHANGED: return "changed";
    case REACH_LOST: return "unreachable";
    }
    return "changed";
}

/* ===== Writers ===== */

/* Rows of the Markdown section: the rest would crowd out the summary of
 * the rules in a pull-request comment. */
#define REACH_CHANGES_MD_MAX 50

static void pairs_text(const struct reach_change *ch, struct strbuf *sb)
{
    if (ch->npairs != ch->total)
        strbuf_addf(sb, " (%zu of these %zu interface pairs)", ch->npairs, ch->total);
}

void reach_changes_write_markdown(const struct reach_changes *c, struct strbuf *out)
{
    static const char *const words[] = {"**newly reachable**", "changed", "no longer reachable"};
    struct strbuf cell = STRBUF_INIT;
    size_t i;

    if (c && c->why) {
        strbuf_addstr(out, "#### Reachability changes\n\nNot evaluated: ");
        escape_markdown(out, c->why, 0);
        strbuf_addstr(out, ".\n\n");
        return;
    }
    if (!c || c->n == 0)
        return;
    strbuf_addf(out, "#### Reachability changes\n\n"
                     "%zu newly reachable, %zu changed, %zu no longer reachable (%s).\n\n"
                     "| | from | to | ports | before |\n|:--|:--|:--|:--|:--|\n",
                c->gained, c->changed, c->lost, reach_layers_text(c->layers));
    for (i = 0; i < c->n && i < REACH_CHANGES_MD_MAX; i++) {
        const struct reach_change *ch = &c->v[i];
        strbuf_addf(out, "| %s | ", words[ch->kind]);
        escape_markdown(out, ch->from, 0);
        strbuf_addstr(out, " | ");
        strbuf_reset(&cell);
        strbuf_addstr(&cell, ch->to);
        pairs_text(ch, &cell);
        escape_markdown(out, cell.buf, 0);
        strbuf_addf(out, " | %s | %s |\n", ch->ports, ch->was);
    }
    if (c->n > REACH_CHANGES_MD_MAX)
        strbuf_addf(out, "\n%zu more (`sgmap diff -f json` lists them all).\n",
                    c->n - REACH_CHANGES_MD_MAX);
    strbuf_addch(out, '\n');
    strbuf_release(&cell);
}

void reach_changes_write_json(const struct reach_changes *c, struct json_writer *w)
{
    size_t i;

    jw_key(w, "reachability");
    jw_object_begin(w);
    jw_member_bool(w, "evaluated", c->evaluated);
    if (c->why)
        jw_member_string(w, "why", c->why);
    jw_member_string(w, "layers", reach_layers_text(c->layers));
    jw_key(w, "changes");
    jw_array_begin(w);
    for (i = 0; i < c->n; i++) {
        const struct reach_change *ch = &c->v[i];
        jw_object_begin(w);
        jw_member_string(w, "change", reach_change_name(ch->kind));
        jw_key(w, "from");
        jw_object_begin(w);
        jw_member_string(w, "type", ch->from_type);
        jw_member_string(w, "name", ch->from);
        jw_object_end(w);
        jw_key(w, "to");
        jw_object_begin(w);
        jw_member_string(w, "type", ch->to_type);
        jw_member_string(w, "name", ch->to);
        jw_object_end(w);
        jw_member_string(w, "ports", ch->ports);
        jw_member_string(w, "before", ch->was);
        jw_member_int(w, "pairs", (long long)ch->npairs);
        jw_member_int(w, "of", (long long)ch->total);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}
