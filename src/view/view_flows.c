/*
 * view_flows.c - what an arrow says: the traffic between two ends that
 * both sides allow (one arrow, a flow), and what only one side allows (a
 * half-open arrow: allowed by the destination's ingress but blocked by the
 * source's egress, or the reverse), as exact sets of traffic (portset.h);
 * the labels of each arrow, with what a diff added or removed and what a
 * template condition guards; and the labels of --rules arrows, one per
 * rule direction.
 */
#include <stdlib.h>
#include <string.h>

#include "portset.h"
#include "view_internal.h"

/* Which rules a set is made of: a diff's old or new input, or the rules
 * that hold whatever a template's conditions are. */
enum version { VER_OLD, VER_NEW, VER_FIRM, NVER };

static int in_version(const struct view *v, const struct rule *r, enum version ver)
{
    enum change c = mark_of_rule(v->opts.marks, r)->change;
    switch (ver) {
    case VER_OLD: return c != CHANGE_ADDED;
    case VER_NEW: return c != CHANGE_REMOVED;
    case VER_FIRM:
    case NVER: break;
    }
    return !(r->flags & RULE_CONDITIONAL);
}

static void add_rules(const struct view *v, struct portset *s, struct rule *const *rules,
                      size_t n, enum version ver)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (in_version(v, rules[i], ver))
            portset_add(s, &rules[i]->ports);
}

/* Does a rule of the list (in the version) allow all traffic? */
static int allows_all(const struct view *v, struct rule *const *rules, size_t n,
                      enum version ver)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (rules[i]->ports.proto == PROTO_ALL && in_version(v, rules[i], ver))
            return 1;
    return 0;
}

/*
 * What a pair's rules of one version allow, by arrow style: the flow is
 * what the destination's ingress and the source's egress both allow, the
 * ingress-only arrow what the ingress allows and the egress does not, the
 * egress-only arrow what the source's rules naming the destination allow
 * and its ingress does not. When the egress allows everything (the AWS
 * default egress, most often) the flow is the ingress: no arithmetic on
 * whole sets, which a large account would do thousands of times.
 */
static void pair_sets(const struct view *v, const struct pair *p, enum version ver,
                      struct portset out[EDGE_STYLE_COUNT])
{
    struct portset in = PORTSET_INIT, eg = PORTSET_INIT, named = PORTSET_INIT;

    add_rules(v, &named, p->out, p->nout, ver);
    add_rules(v, &in, p->in, p->nin, ver);
    if (p->in_all)
        add_rules(v, &in, p->out, p->nout, ver);
    if (p->out_all || allows_all(v, p->out, p->nout, ver) ||
        allows_all(v, p->wide, p->nwide, ver)) {
        out[EDGE_FLOW] = in;
        if (!p->in_all && !portset_is_empty(&named))
            portset_subtract(&out[EDGE_EGRESS_ONLY], &named, &out[EDGE_FLOW]);
        portset_release(&named);
        return;
    }
    add_rules(v, &eg, p->out, p->nout, ver);
    add_rules(v, &eg, p->wide, p->nwide, ver);
    portset_intersect(&out[EDGE_FLOW], &in, &eg);
    portset_subtract(&out[EDGE_INGRESS_ONLY], &in, &eg);
    portset_subtract(&out[EDGE_EGRESS_ONLY], &named, &in);
    portset_release(&in);
    portset_release(&eg);
    portset_release(&named);
}

/* ===== Labels ===== */

static void add_label(struct view_edge *e, const char *text, enum change change,
                      int conditional)
{
    struct view_label l;

    l.text = xstrdup(text);
    l.change = change;
    l.conditional = conditional;
    APPEND(e->labels, e->nlabels, l);
}

/* The labels of a set: one per canonical port label (portset_label()
 * joins them with ", ", which no label holds), or one "all except ..."
 * when most protocols are whole. */
static void add_set_labels(struct view_edge *e, const struct portset *s, enum change change,
                           int conditional)
{
    struct strbuf sb = STRBUF_INIT;
    char *p, *sep;

    if (portset_is_empty(s))
        return;
    portset_label(s, &sb);
    if (strncmp(sb.buf, "all except ", 11) == 0) {
        add_label(e, sb.buf, change, conditional);
    } else {
        for (p = sb.buf; (sep = strstr(p, ", ")) != NULL; p = sep + 2) {
            *sep = '\0';
            add_label(e, p, change, conditional);
        }
        add_label(e, p, change, conditional);
    }
    strbuf_release(&sb);
}

/* The port order of a label ("all except ..." first, with "all"). */
static struct portspec label_spec(const char *text)
{
    struct portspec p = {PROTO_ALL, -1, -1};
    char err[8];
    if (ports_parse_label(text, &p, err, sizeof(err)) < 0)
        p.proto = PROTO_ALL;
    return p;
}

static int cmp_label(const void *a, const void *b)
{
    const struct view_label *x = a, *y = b;
    struct portspec px = label_spec(x->text), py = label_spec(y->text);
    int c = ports_compare(&px, &py);
    if (c)
        return c;
    if ((c = strcmp(x->text, y->text)) != 0)
        return c;
    if (x->change != y->change)
        return x->change < y->change ? -1 : 1;
    return x->conditional - y->conditional;
}

/*
 * Label an edge from the sets of its style in the old and new inputs and
 * under no condition: what both inputs allow (~ where a rule it carries
 * changed its description), what only the new one allows (added) and
 * what only the old one allowed (removed), each part split into what
 * holds always and what holds only under a condition ("(if)").
 */
static void set_labels(const struct view *v, struct view_edge *e, const struct portset *old,
                       const struct portset *new, const struct portset *firm)
{
    struct portset both = PORTSET_INIT, described = PORTSET_INIT, parts[4] = {PORTSET_INIT};
    static const enum change part_change[4] = {CHANGE_NONE, CHANGE_CHANGED, CHANGE_ADDED,
                                               CHANGE_REMOVED};
    unsigned present = 0;
    size_t i;

    for (i = 0; i < e->nrules; i++)
        if (mark_of_rule(v->opts.marks, e->rules[i])->change == CHANGE_CHANGED)
            portset_add(&described, &e->rules[i]->ports);
    portset_intersect(&both, old, new);
    portset_subtract(&parts[0], &both, &described);
    portset_intersect(&parts[1], &both, &described);
    portset_subtract(&parts[2], new, old);
    portset_subtract(&parts[3], old, new);
    for (i = 0; i < 4; i++) {
        struct portset always = PORTSET_INIT, guarded = PORTSET_INIT;
        if (portset_is_empty(&parts[i]))
            continue;
        present |= 1u << part_change[i];
        portset_intersect(&always, &parts[i], firm);
        portset_subtract(&guarded, &parts[i], firm);
        add_set_labels(e, &always, part_change[i], 0);
        add_set_labels(e, &guarded, part_change[i], 1);
        portset_release(&always);
        portset_release(&guarded);
        portset_release(&parts[i]);
    }
    xqsort(e->labels, e->nlabels, sizeof(*e->labels), cmp_label);
    /* One kind of change throughout is that change; a mix is a change. */
    e->change = present == (1u << CHANGE_ADDED)     ? CHANGE_ADDED
                : present == (1u << CHANGE_REMOVED) ? CHANGE_REMOVED
                : present == (1u << CHANGE_NONE)    ? CHANGE_NONE
                                                    : CHANGE_CHANGED;
    portset_release(&both);
    portset_release(&described);
}

/* ===== Edges of a pair ===== */

int cmp_rule_in_edge(const void *a, const void *b)
{
    const struct rule *x = *(struct rule *const *)a, *y = *(struct rule *const *)b;
    int c;
    if (x->dir != y->dir)
        return x->dir == DIR_INGRESS ? -1 : 1;
    if ((c = ports_compare(&x->ports, &y->ports)) != 0)
        return c;
    if ((c = strcmp(x->peer, y->peer)) != 0)
        return c;
    return strcmp(x->group->id, y->group->id);
}

/* Add the drawn rules of a list that allow some of the edge's traffic
 * (every one when the list is known to lie within it: no test). */
static void carry(const struct view *v, struct view_edge *e, const struct portset *s,
                  struct rule *const *rules, size_t n, int within)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (rule_shown(v, rules[i]) && (within || portset_overlaps(s, &rules[i]->ports)))
            APPEND(e->rules, e->nrules, rules[i]);
}

/* Does any rule of a list exist only under a template condition? */
static int any_conditional(struct rule *const *rules, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (rules[i]->flags & RULE_CONDITIONAL)
            return 1;
    return 0;
}

void flow_edges(struct builder *b, const struct pair *p)
{
    const struct view *v = b->v;
    struct portset sets[NVER][EDGE_STYLE_COUNT];
    /* The sets of each version; outside a diff the old and new ones are
     * the same, and without conditions the firm ones too (a large account
     * has thousands of pairs: each set is computed once). */
    const struct portset *old[EDGE_STYLE_COUNT], *new[EDGE_STYLE_COUNT],
        *firm[EDGE_STYLE_COUNT];
    struct portset total[EDGE_STYLE_COUNT]; /* in a diff, old and new together */
    const struct portset *tot[EDGE_STYLE_COUNT];
    int none[EDGE_STYLE_COUNT];
    int diff = v->opts.marks != NULL;
    int guarded = any_conditional(p->in, p->nin) || any_conditional(p->out, p->nout) ||
                  any_conditional(p->wide, p->nwide);
    int ver, st;

    memset(sets, 0, sizeof(sets));
    memset(total, 0, sizeof(total));
    pair_sets(v, p, VER_OLD, sets[VER_OLD]);
    if (diff)
        pair_sets(v, p, VER_NEW, sets[VER_NEW]);
    if (guarded)
        pair_sets(v, p, VER_FIRM, sets[VER_FIRM]);
    for (st = 0; st < EDGE_STYLE_COUNT; st++) {
        old[st] = &sets[VER_OLD][st];
        new[st] = diff ? &sets[VER_NEW][st] : old[st];
        firm[st] = &sets[VER_FIRM][st]; /* without conditions: tot[st], below */
    }
    for (st = EDGE_FLOW; st <= EDGE_EGRESS_ONLY; st++) {
        tot[st] = old[st];
        if (diff) {
            portset_union(&total[st], old[st]);
            portset_union(&total[st], new[st]);
            tot[st] = &total[st];
        }
        if (!guarded)
            firm[st] = tot[st];
        none[st] = portset_is_empty(tot[st]);
    }
    for (st = EDGE_FLOW; st <= EDGE_EGRESS_ONLY; st++) {
        struct view_edge *e;

        if (none[st])
            continue;
        /* A side's rules lie within an arrow when its other arrow is
         * empty: the ingress within the flow without an ingress-only
         * arrow, and so on. */
        e = xcalloc(1, sizeof(*e));
        if (st != EDGE_EGRESS_ONLY)
            carry(v, e, tot[st], p->in, p->nin,
                  none[st == EDGE_FLOW ? EDGE_INGRESS_ONLY : EDGE_FLOW]);
        if (st != EDGE_INGRESS_ONLY)
            carry(v, e, tot[st], p->out, p->nout,
                  none[st == EDGE_FLOW ? EDGE_EGRESS_ONLY : EDGE_FLOW]);
        if (st == EDGE_FLOW)
            carry(v, e, tot[st], p->wide, p->nwide, 0);
        /* Nothing drawn stands for it (all its rules hidden): no arrow. */
        if (!e->nrules) {
            free(e);
            continue;
        }
        xqsort(e->rules, e->nrules, sizeof(*e->rules), cmp_rule_in_edge);
        if (diff || guarded) {
            set_labels(v, e, old[st], new[st], firm[st]);
        } else {
            add_set_labels(e, tot[st], CHANGE_NONE, 0);
            xqsort(e->labels, e->nlabels, sizeof(*e->labels), cmp_label);
            e->change = CHANGE_NONE;
        }
        edge_place(b, e, p->from, p->to, (enum edge_style)st);
    }
    for (st = 0; st < EDGE_STYLE_COUNT; st++) {
        for (ver = 0; ver < NVER; ver++)
            portset_release(&sets[ver][st]);
        portset_release(&total[st]);
    }
}

/* ===== --rules ===== */

void rule_labels(struct builder *b, struct view_edge *e)
{
    const struct view *v = b->v;
    char text[PORTS_LABEL_MAX];
    size_t i;

    xqsort(e->rules, e->nrules, sizeof(*e->rules), cmp_rule_in_edge);
    for (i = 0; i < e->nrules; i++) {
        const struct rule *r = e->rules[i];
        struct view_label l;
        ports_label(&r->ports, text);
        l.change = mark_of_rule(v->opts.marks, r)->change;
        l.conditional = (r->flags & RULE_CONDITIONAL) != 0;
        /* Rules in port order: a label met again is the one just added. */
        if (e->nlabels && strcmp(e->labels[e->nlabels - 1].text, text) == 0 &&
            e->labels[e->nlabels - 1].change == l.change &&
            e->labels[e->nlabels - 1].conditional == l.conditional)
            continue;
        l.text = xstrdup(text);
        APPEND(e->labels, e->nlabels, l);
        if (i && l.change != e->change)
            e->change = CHANGE_CHANGED;
        else if (!i)
            e->change = l.change;
    }
}
