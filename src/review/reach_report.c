/*
 * reach_report.c - the writers of a reachability result (see reach.h):
 * text (one line an answer, its rules under it), JSON (schema version 1,
 * "sgmap-reach": 1) and Markdown (a table).
 *
 * Input text (names, descriptions) is shown as a person should see it:
 * control characters replaced, invisible and bidirectional characters named.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "json_writer.h"
#include "reach.h"
#include "strbuf.h"
#include "xalloc.h"

/* Longest description shown in text and Markdown, in characters. */
#define REACH_DESCRIPTION_MAX 200

static const struct escape_table plain_text = {.repl = {0}, .control = '?'};

const char *reach_layers_text(unsigned layers)
{
    switch (layers & (REACH_LAYER_NACLS | REACH_LAYER_ROUTES)) {
    case REACH_LAYER_NACLS | REACH_LAYER_ROUTES: return "security groups + NACLs + routes";
    case REACH_LAYER_NACLS: return "security groups + NACLs";
    case REACH_LAYER_ROUTES: return "security groups + routes";
    default: return "security groups only";
    }
}

/* The notes of an answer as words, each through fn. */
static void each_note(unsigned notes, void (*fn)(const char *note, void *arg), void *arg)
{
    static const struct {
        unsigned bit;
        const char *text;
    } words[] = {
        {REACH_NOTE_ADDRESS_UNKNOWN, "address unknown"},
        {REACH_NOTE_FROM_OUTSIDE, "source outside the inputs"},
        {REACH_NOTE_TO_OUTSIDE, "destination outside the inputs"},
        {REACH_NOTE_FROM_NO_GROUP, "source in no group"},
        {REACH_NOTE_TO_NO_GROUP, "destination in no group"},
        {REACH_NOTE_ENTRIES_UNKNOWN, "entries unknown"},
        {REACH_NOTE_AWS_MANAGED, "AWS-managed"},
        {REACH_NOTE_NACL_UNKNOWN, "NACL unknown"},
        {REACH_NOTE_ROUTES_UNKNOWN, "route table unknown"},
    };
    size_t i;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (notes & words[i].bit)
            fn(words[i].text, arg);
}

/* "over IPv4", "over IPv4 and IPv6", "(IPv4: tcp/80; IPv6: tcp/443)", or
 * nothing when the families are unknown. */
static void families_text(const struct reach_answer *a, struct strbuf *sb)
{
    if (a->ipv4 && a->ipv6 && strcmp(a->ipv4, a->ipv6) == 0)
        strbuf_addstr(sb, " over IPv4 and IPv6");
    else if (a->ipv4 && a->ipv6)
        strbuf_addf(sb, " (IPv4: %s; IPv6: %s)", a->ipv4, a->ipv6);
    else if (a->ipv4)
        strbuf_addstr(sb, " over IPv4");
    else if (a->ipv6)
        strbuf_addstr(sb, " over IPv6");
}

/* A path through a target whose routes are not evaluated. */
static void via_text(const struct reach_answer *a, struct strbuf *sb)
{
    if (a->via)
        strbuf_addf(sb, "; via %s (routes not evaluated)", a->via);
}

/* One side of a reason: "egress of web to db, tcp/5432: DESCRIPTION",
 * "default egress of web to 0.0.0.0/0, all", or why no rule applies;
 * as plain text or Markdown (md). */
static void rule_text(const struct reach_result *r, const struct reach_answer *a,
                      const struct rule *rule, enum direction dir, int md, struct strbuf *sb)
{
    char label[PORTS_LABEL_MAX];
    struct strbuf name = STRBUF_INIT;
    const struct group *peer;

    if (!rule) {
        int outside = dir == DIR_EGRESS ? a->from.type != REACH_END_REGION
                                        : a->to.type != REACH_END_REGION;
        strbuf_addf(sb, "%s: none to pass, the %s is %s", direction_name(dir),
                    dir == DIR_EGRESS ? "source" : "destination",
                    outside ? "outside the inputs" : "in no group");
        return;
    }
    ports_label(&rule->ports, label);
    peer = rule->peer_type == PEER_GROUP ? model_find_group(r->model, rule->peer) : NULL;
    strbuf_addf(&name, "%s%s of %s %s %s, %s",
                rule->flags & RULE_DEFAULT_EGRESS && rule->flags & RULE_IMPLICIT ? "default "
                                                                                  : "",
                direction_name(rule->dir), rule->group->name,
                dir == DIR_EGRESS ? "to" : "from",
                peer ? peer->name : rule->peer_label ? rule->peer_label : rule->peer, label);
    if (md)
        escape_markdown(sb, name.buf, 0);
    else
        escape_with(sb, name.buf, &plain_text, 0);
    if (rule->description) {
        strbuf_addstr(sb, ": ");
        if (md)
            escape_markdown(sb, rule->description, REACH_DESCRIPTION_MAX);
        else
            escape_with(sb, rule->description, &plain_text, REACH_DESCRIPTION_MAX);
    }
    strbuf_release(&name);
}

/* The reasons on one side of a yes answer, each through fn; a side with no
 * rule to pass gives one NULL. */
static void each_reason(const struct reach_answer *a, enum direction dir,
                        void (*fn)(const struct rule *rule, enum direction dir, void *arg),
                        void *arg)
{
    const struct rule *const *list = dir == DIR_EGRESS ? a->egress : a->ingress;
    size_t k, n = dir == DIR_EGRESS ? a->negress : a->ningress;

    if (n == 0)
        fn(NULL, dir, arg);
    for (k = 0; k < n; k++)
        fn(list[k], dir, arg);
}

/* The notes a text shows: the reasons already say that an end is outside,
 * and a prefix list's name what is known of it. */
#define TEXT_NOTES(n)                                                                     \
    ((n) & ~(unsigned)(REACH_NOTE_FROM_OUTSIDE | REACH_NOTE_TO_OUTSIDE |                  \
                       REACH_NOTE_ENTRIES_UNKNOWN | REACH_NOTE_AWS_MANAGED))

static void add_note_text(const char *note, void *arg)
{
    strbuf_addf(arg, "; %s", note);
}

/* ===== Text ===== */

static void end_text(const struct reach_result *r, const struct reach_end *e, struct strbuf *sb)
{
    struct strbuf name = STRBUF_INIT;
    reach_end_name(r, e, &name);
    escape_with(sb, name.buf, &plain_text, 0);
    strbuf_release(&name);
}

/* Writing the reasons of one answer, a line each (text) or joined by
 * <br> in a table cell (Markdown). */
struct text_line {
    const struct reach_result *r;
    const struct reach_answer *a;
    struct strbuf *sb;
    int md;
    int lines; /* written so far for this answer */
};

static void reason_line(const struct rule *rule, enum direction dir, void *arg)
{
    struct text_line *t = arg;
    if (t->md && t->lines++)
        strbuf_addstr(t->sb, "<br>");
    if (!t->md)
        strbuf_addstr(t->sb, "      ");
    rule_text(t->r, t->a, rule, dir, t->md, t->sb);
    if (!t->md)
        strbuf_addch(t->sb, '\n');
}

void reach_write_text(const struct reach_result *r, struct strbuf *out)
{
    static const char *const words[] = {"yes  ", "no   ", "maybe"};
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < r->nanswers; i++) {
        const struct reach_answer *a = &r->answers[i];
        strbuf_reset(&sb);
        strbuf_addf(&sb, "%s ", words[a->verdict]);
        end_text(r, &a->from, &sb);
        strbuf_addstr(&sb, " -> ");
        end_text(r, &a->to, &sb);
        if (a->verdict == REACH_NO) {
            if (r->port)
                strbuf_addf(&sb, " on %s", r->port);
            strbuf_addstr(&sb, ": ");
            escape_with(&sb, a->reason, &plain_text, 0);
        } else {
            strbuf_addf(&sb, ": %s", a->ports);
            families_text(a, &sb);
            via_text(a, &sb);
        }
        each_note(TEXT_NOTES(a->notes), add_note_text, &sb);
        strbuf_addf(&sb, "; %s\n", reach_layers_text(r->layers));
        if (a->verdict != REACH_NO) {
            struct text_line line = {r, a, &sb, 0, 0};
            each_reason(a, DIR_EGRESS, reason_line, &line);
            each_reason(a, DIR_INGRESS, reason_line, &line);
        }
        strbuf_add(out, sb.buf, sb.len);
    }
    if (r->nanswers == 0)
        strbuf_addf(out, "nothing reachable; %s\n", reach_layers_text(r->layers));
    if (r->unfiltered)
        strbuf_addf(out, "note: %zu %s in no group left out of the destinations (no security "
                         "group filters %s; name one with --to)\n",
                    r->unfiltered, r->unfiltered == 1 ? "interface" : "interfaces",
                    r->unfiltered == 1 ? "it" : "them");
    strbuf_release(&sb);
}

/* ===== JSON ===== */

static void json_end(struct json_writer *w, const struct reach_end *e)
{
    jw_object_begin(w);
    jw_member_string(w, "type", reach_end_type_name(e->type));
    if (e->type == REACH_END_REGION)
        jw_member_string(w, "region", e->region->id);
    else
        jw_member_string(w, "id", e->id);
    jw_object_end(w);
}

static void json_families(struct json_writer *w, unsigned families)
{
    jw_array_begin(w);
    if (families & REACH_V4)
        jw_string(w, "ipv4");
    if (families & REACH_V6)
        jw_string(w, "ipv6");
    jw_array_end(w);
}

static void json_rule_refs(struct json_writer *w, const char *key,
                           const struct rule *const *rules, size_t n)
{
    size_t k;
    jw_key(w, key);
    jw_array_begin(w);
    for (k = 0; k < n; k++)
        jw_uint(w, rules[k]->index);
    jw_array_end(w);
}

static void add_note_json(const char *note, void *arg)
{
    jw_string(arg, note);
}

static void json_answer(struct json_writer *w, const struct reach_answer *a)
{

    jw_object_begin(w);
    jw_key(w, "from");
    json_end(w, &a->from);
    jw_key(w, "to");
    json_end(w, &a->to);
    jw_member_string(w, "answer", reach_verdict_name(a->verdict));
    jw_member_bool(w, "reachable", a->verdict == REACH_YES);
    jw_member_string(w, "ports", a->ports);
    jw_member_string(w, "ipv4", a->ipv4);
    jw_member_string(w, "ipv6", a->ipv6);
    jw_key(w, "notes");
    jw_array_begin(w);
    each_note(a->notes, add_note_json, w);
    jw_array_end(w);
    if (a->via)
        jw_member_string(w, "via", a->via);
    json_rule_refs(w, "egress", a->egress, a->negress);
    json_rule_refs(w, "ingress", a->ingress, a->ningress);
    if (a->verdict == REACH_NO) {
        jw_member_string(w, "blocked", a->blocked);
        jw_member_string(w, "reason", a->reason);
    }
    jw_object_end(w);
}

static void json_region(struct json_writer *w, const struct reach_region *g)
{
    size_t i;
    jw_object_begin(w);
    jw_member_string(w, "id", g->id);
    jw_key(w, "groups");
    jw_array_begin(w);
    for (i = 0; i < g->ngroups; i++)
        jw_string(w, g->groups[i]->id);
    jw_array_end(w);
    jw_key(w, "interfaces");
    jw_array_begin(w);
    for (i = 0; i < g->nifaces; i++)
        jw_string(w, g->ifaces[i]->id);
    jw_array_end(w);
    jw_member_int(w, "count", (long long)g->nifaces);
    jw_key(w, "families");
    if (g->families)
        json_families(w, g->families);
    else
        jw_null(w);
    jw_object_end(w);
}

/* The rules the answers name, by index, each once and in index order. */
static void json_rules(struct json_writer *w, const struct reach_result *r)
{
    const struct model *m = r->model;
    unsigned char *used = xcalloc(m->nrules ? m->nrules : 1, 1);
    char label[PORTS_LABEL_MAX];
    size_t i, k;

    for (i = 0; i < r->nanswers; i++) {
        for (k = 0; k < r->answers[i].negress; k++)
            used[r->answers[i].egress[k]->index] = 1;
        for (k = 0; k < r->answers[i].ningress; k++)
            used[r->answers[i].ingress[k]->index] = 1;
    }
    jw_key(w, "rules");
    jw_array_begin(w);
    for (i = 0; i < m->nrules; i++) {
        const struct rule *rule = m->rules[i];
        if (!used[i])
            continue;
        jw_object_begin(w);
        jw_member_int(w, "index", (long long)i);
        jw_member_string(w, "group", rule->group->id);
        jw_member_string(w, "direction", direction_name(rule->dir));
        ports_label(&rule->ports, label);
        jw_member_string(w, "label", label);
        jw_key(w, "peer");
        jw_object_begin(w);
        jw_member_string(w, "type", peer_type_name(rule->peer_type));
        jw_member_string(w, "id", rule->peer);
        jw_object_end(w);
        jw_member_string(w, "description", rule->description);
        if (rule->flags & RULE_DEFAULT_EGRESS)
            jw_member_bool(w, "default", 1);
        jw_object_end(w);
    }
    jw_array_end(w);
    free(used);
}

void reach_write_json(const struct reach_result *r, struct strbuf *out)
{
    struct json_writer w;
    size_t i;

    jw_init_buffer(&w);
    jw_object_begin(&w);
    jw_member_int(&w, "sgmap-reach", 1);
    jw_key(&w, "layers");
    jw_array_begin(&w);
    jw_string(&w, "security-groups");
    if (r->layers & REACH_LAYER_NACLS)
        jw_string(&w, "nacls");
    if (r->layers & REACH_LAYER_ROUTES)
        jw_string(&w, "routes");
    jw_array_end(&w);
    jw_key(&w, "query");
    jw_object_begin(&w);
    jw_member_string(&w, "from", r->from);
    jw_member_string(&w, "to", r->to);
    jw_member_string(&w, "port", r->port);
    jw_member_bool(&w, "pairs", r->pairs);
    jw_object_end(&w);
    jw_key(&w, "summary");
    jw_object_begin(&w);
    jw_member_int(&w, "answers", (long long)r->nanswers);
    jw_member_int(&w, "reachable", (long long)r->nreachable);
    jw_member_int(&w, "unfiltered_interfaces", (long long)r->unfiltered);
    jw_object_end(&w);
    jw_key(&w, "regions");
    jw_array_begin(&w);
    for (i = 0; i < r->nregions; i++)
        json_region(&w, r->regions[i]);
    jw_array_end(&w);
    jw_key(&w, "answers");
    jw_array_begin(&w);
    for (i = 0; i < r->nanswers; i++)
        json_answer(&w, &r->answers[i]);
    jw_array_end(&w);
    json_rules(&w, r);
    jw_object_end(&w);
    jw_finish(&w);
    if (out->len) {
        strbuf_add(out, w.out.buf, w.out.len);
        strbuf_release(&w.out);
    } else {
        strbuf_release(out);
        *out = w.out; /* the document is large: moved, not copied */
    }
}

/* ===== Markdown ===== */

static void end_markdown(const struct reach_result *r, const struct reach_end *e,
                         struct strbuf *sb)
{
    struct strbuf name = STRBUF_INIT;
    reach_end_name(r, e, &name);
    escape_markdown(sb, name.buf, 0);
    strbuf_release(&name);
}

static void add_note_md(const char *note, void *arg)
{
    strbuf_addf(arg, "; %s", note);
}

void reach_write_markdown(const struct reach_result *r, struct strbuf *out)
{
    static const char *const words[] = {"**yes**", "no", "maybe"};
    struct strbuf sb = STRBUF_INIT;
    struct text_line line = {r, NULL, &sb, 1, 0};
    size_t i;

    strbuf_addstr(&sb, "### sgmap reach\n\nFrom ");
    escape_markdown(&sb, r->from ? r->from : "anywhere", 0);
    strbuf_addstr(&sb, " to ");
    escape_markdown(&sb, r->to ? r->to : "anywhere", 0);
    if (r->port)
        strbuf_addf(&sb, " on %s", r->port);
    strbuf_addf(&sb, " (%s): %zu reachable.\n\n", reach_layers_text(r->layers), r->nreachable);
    if (r->nanswers)
        strbuf_addstr(&sb, "| | from | to | ports | why |\n|:--|:--|:--|:--|:--|\n");
    for (i = 0; i < r->nanswers; i++) {
        const struct reach_answer *a = &r->answers[i];
        strbuf_addf(&sb, "| %s | ", words[a->verdict]);
        end_markdown(r, &a->from, &sb);
        strbuf_addstr(&sb, " | ");
        end_markdown(r, &a->to, &sb);
        strbuf_addstr(&sb, " | ");
        if (a->verdict == REACH_NO) {
            strbuf_addstr(&sb, "none | ");
            escape_markdown(&sb, a->reason, 0);
        } else {
            strbuf_addstr(&sb, a->ports);
            families_text(a, &sb);
            via_text(a, &sb);
            each_note(TEXT_NOTES(a->notes), add_note_md, &sb);
            strbuf_addstr(&sb, " | ");
            line.a = a;
            line.lines = 0;
            each_reason(a, DIR_EGRESS, reason_line, &line);
            each_reason(a, DIR_INGRESS, reason_line, &line);
        }
        strbuf_addstr(&sb, " |\n");
    }
    if (r->unfiltered)
        strbuf_addf(&sb, "\n%zu interface%s in no group left out of the destinations (no "
                         "security group filters %s).\n",
                    r->unfiltered, r->unfiltered == 1 ? "" : "s",
                    r->unfiltered == 1 ? "it" : "them");
    strbuf_add(out, sb.buf, sb.len);
    strbuf_release(&sb);
}
