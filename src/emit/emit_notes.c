/*
 * emit_notes.c - the notes table of --notes: what SVG tooltips carry,
 * drawn for PNG and PDF, which have none. Each arrow's reference ("[3]",
 * the view's numbers) with the ports, group, direction, peer and
 * description of every rule it stands for; the same for rules among a
 * group's own members; each drawn group's description; and render --lint's
 * findings, in their severity's colour. Written as the graph's label, an
 * HTML-like table under the drawing, so that it takes no part in the
 * layout of the groups.
 */
#include <string.h>

#include "emit_internal.h"
#include "strbuf.h"

#define NOTES_TEXT_WIDTH 60    /* characters a line of a description or peer */
#define NOTES_FINDING_WIDTH 96 /* characters a line of a finding */
#define NOTES_TEXT_LINES 8     /* lines of one cell before an ellipsis */
#define NOTES_MAX_ROWS 300     /* rules, groups and findings listed before "N more" */
#define NOTES_BR "<BR ALIGN=\"LEFT\"/>"

struct nt {
    struct strbuf *out;
    const struct view *v;
    const struct theme *t;
    size_t rows;    /* rows written */
    size_t dropped; /* rows past NOTES_MAX_ROWS */
};

/* A left-aligned cell spanning span columns, with wrapped text. */
static void cell(struct nt *d, size_t span, const char *text, size_t width)
{
    strbuf_addstr(d->out, "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"");
    if (span > 1)
        strbuf_addf(d->out, " COLSPAN=\"%zu\"", span);
    strbuf_addch(d->out, '>');
    escape_html_wrapped(d->out, text, width, NOTES_TEXT_LINES, NOTES_BR);
    strbuf_addstr(d->out, "</TD>");
}

/* A grey, italic cell: what is missing ("no description"). */
static void cell_missing(struct nt *d, size_t span, const char *text)
{
    strbuf_addf(d->out, "<TD ALIGN=\"LEFT\" COLSPAN=\"%zu\"><FONT COLOR=\"%s\"><I>%s</I></FONT>"
                        "</TD>",
                span, theme_get(d->t, "node.kindcolor"), text);
}

/* May a block of n more rows be written? Counts the rows that may not. */
static int room(struct nt *d, size_t n)
{
    if (d->rows < NOTES_MAX_ROWS)
        return 1;
    d->dropped += n;
    return 0;
}

/* The lines of a note (render --lint's findings) as rows spanning the last
 * span columns, in the colour of its level. */
static void finding_rows(struct nt *d, const char *note, enum note_level level, size_t span)
{
    struct strbuf text = STRBUF_INIT;
    const char *line = note, *end;

    while (line && *line) {
        end = strchr(line, '\n');
        strbuf_reset(&text);
        strbuf_add(&text, line, end ? (size_t)(end - line) : strlen(line));
        /* The sign in the severity's colour, the text black: readable in
         * any colour. */
        strbuf_addf(d->out, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" COLSPAN=\"%zu\">"
                            "<FONT COLOR=\"%s\"><B>\xe2\x9a\xa0</B></FONT> ",
                    span, theme_note_color(d->t, level));
        escape_html_wrapped(d->out, text.buf, NOTES_FINDING_WIDTH, NOTES_TEXT_LINES, NOTES_BR);
        strbuf_addstr(d->out, "</TD></TR>");
        d->rows++;
        line = end ? end + 1 : NULL;
    }
    strbuf_release(&text);
}

/* The number of lines in a note (0 for none). */
static size_t note_lines(const char *note)
{
    size_t n = 0;
    for (; note && *note; note = strchr(note, '\n') ? strchr(note, '\n') + 1 : "")
        n++;
    return n;
}

/*
 * Who a rule is between: "web ingress from lb", with the interface a CIDR
 * of one address stands for when the arrow is drawn from or to it
 * ("from 10.0.1.10/32 (nlb-game)": the addresses of a load balancer reached
 * by IP).
 */
static void rule_between(const struct nt *d, struct strbuf *sb, const struct rule *r,
                         const struct view_end *peer_end)
{
    const struct group *pg =
        r->peer_type == PEER_GROUP ? model_find_group(d->v->model, r->peer) : NULL;

    strbuf_addf(sb, "%s %s %s %s", r->group->name, direction_name(r->dir),
                r->dir == DIR_INGRESS ? "from" : "to", pg ? pg->name : r->peer);
    if (r->peer_type == PEER_CIDR && peer_end && peer_end->node &&
        peer_end->node->type == VNODE_IFACE) {
        strbuf_addstr(sb, " (");
        view_end_name(sb, peer_end);
        strbuf_addch(sb, ')');
    }
}

/* The rows of the rules behind one reference: the first carries it. */
static void rule_rows(struct nt *d, size_t ref, struct rule *const *rules, size_t n,
                      const struct view_edge *e)
{
    const struct notes *notes = d->v->opts.notes;
    struct strbuf who = STRBUF_INIT;
    size_t i, span = 0;

    for (i = 0; i < n; i++)
        span += 1 + note_lines(note_of_rule(notes, rules[i]));
    if (!room(d, span))
        return;
    for (i = 0; i < n; i++) {
        const struct rule *r = rules[i];
        char ports[PORTS_LABEL_MAX];

        strbuf_addstr(d->out, "<TR>");
        if (i == 0)
            strbuf_addf(d->out, "<TD ALIGN=\"RIGHT\" VALIGN=\"TOP\" ROWSPAN=\"%zu\"><B>[%zu]</B>"
                                "</TD>",
                        span, ref);
        ports_label(&r->ports, ports);
        cell(d, 1, ports, NOTES_TEXT_WIDTH);
        strbuf_reset(&who);
        rule_between(d, &who, r, !e ? NULL : r->dir == DIR_INGRESS ? &e->from : &e->to);
        cell(d, 1, who.buf, NOTES_TEXT_WIDTH);
        if (r->description && *r->description)
            cell(d, 1, r->description, NOTES_TEXT_WIDTH);
        else
            cell_missing(d, 1, r->flags & RULE_DEFAULT_EGRESS ? "AWS default egress"
                                                               : "no description");
        strbuf_addstr(d->out, "</TR>");
        d->rows++;
        if (note_of_rule(notes, r))
            finding_rows(d, note_of_rule(notes, r), note_level_of_rule(notes, r), 3);
    }
    strbuf_release(&who);
}

/* A section's title row. */
static void title_row(struct nt *d, const char *title)
{
    strbuf_addf(d->out, "<TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\" BORDER=\"0\"><B>%s</B></TD></TR>",
                title);
}

/* The row of one group drawn (its name and description), then its findings. */
static void group_row(struct nt *d, const struct group *g)
{
    const struct notes *notes = d->v->opts.notes;
    struct strbuf name = STRBUF_INIT;

    if (!room(d, 1 + note_lines(note_of_group(notes, g))))
        return;
    strbuf_addstr(&name, g->name);
    if (strcmp(g->name, g->id) != 0)
        strbuf_addf(&name, " (%s)", g->id);
    strbuf_addstr(d->out, "<TR>");
    cell(d, 3, name.buf, NOTES_TEXT_WIDTH);
    if (g->description && *g->description)
        cell(d, 1, g->description, NOTES_TEXT_WIDTH);
    else
        cell_missing(d, 1, "no description");
    strbuf_addstr(d->out, "</TR>");
    d->rows++;
    if (note_of_group(notes, g))
        finding_rows(d, note_of_group(notes, g), note_level_of_group(notes, g), 4);
    strbuf_release(&name);
}

/* The groups drawn (clusters and crossing groups), in the order drawn. */
static void group_rows(struct nt *d)
{
    const struct view *v = d->v;
    size_t i, j, handles = 0;

    for (i = 0; i < v->nnodes; i++)
        handles += v->nodes[i]->type == VNODE_HANDLE;
    if (!v->nclusters && !handles)
        return;
    title_row(d, "groups");
    for (i = 0; i < v->nclusters; i++)
        for (j = 0; j < v->clusters[i]->ngroups; j++)
            group_row(d, v->clusters[i]->groups[j]);
    for (i = 0; i < v->nnodes; i++)
        for (j = 0; v->nodes[i]->type == VNODE_HANDLE && j < v->nodes[i]->ngroups; j++)
            group_row(d, v->nodes[i]->groups[j]);
}

/* The findings on interfaces, each under its interface's label and id. */
static void iface_rows(struct nt *d)
{
    const struct notes *notes = d->v->opts.notes;
    struct strbuf name = STRBUF_INIT;
    size_t i, j, titled = 0;

    for (i = 0; notes && i < d->v->nnodes; i++) {
        const struct view_node *n = d->v->nodes[i];
        for (j = 0; n->type == VNODE_IFACE && j < n->nifaces; j++) {
            const struct iface *ifc = n->ifaces[j];
            if (!note_of_iface(notes, ifc))
                continue;
            if (!titled++)
                title_row(d, "interfaces");
            if (!room(d, 1 + note_lines(note_of_iface(notes, ifc))))
                continue;
            strbuf_reset(&name);
            strbuf_addf(&name, "%s (%s)", n->label, ifc->id);
            strbuf_addstr(d->out, "<TR>");
            cell(d, 4, name.buf, NOTES_TEXT_WIDTH);
            strbuf_addstr(d->out, "</TR>");
            d->rows++;
            finding_rows(d, note_of_iface(notes, ifc), note_level_of_iface(notes, ifc), 4);
        }
    }
    strbuf_release(&name);
}

void dot_notes_table(struct strbuf *out, const struct view *v, const struct theme *t)
{
    struct nt d = {out, v, t, 0, 0};
    size_t i;

    if (!v->opts.notes_table || v->empty)
        return;
    strbuf_addf(out, "\tlabelloc=b;\n\tlabel=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" "
                     "CELLSPACING=\"0\" CELLPADDING=\"3\" COLOR=\"%s\">",
                theme_get(t, "vpc.color"));
    if (v->nrefs) {
        title_row(&d, "notes: the rules behind each [number]");
        for (i = 0; i < v->nedges; i++)
            rule_rows(&d, v->edges[i]->ref, v->edges[i]->rules, v->edges[i]->nrules,
                      v->edges[i]);
        for (i = 0; i < v->nclusters; i++)
            if (v->clusters[i]->ref)
                rule_rows(&d, v->clusters[i]->ref, v->clusters[i]->self_rules,
                          v->clusters[i]->nself_rules, NULL);
        for (i = 0; i < v->nnodes; i++)
            if (v->nodes[i]->ref)
                rule_rows(&d, v->nodes[i]->ref, v->nodes[i]->self_rules,
                          v->nodes[i]->nself_rules, NULL);
    }
    group_rows(&d);
    iface_rows(&d);
    if (d.dropped)
        strbuf_addf(out, "<TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\" BORDER=\"0\">and %zu more rows "
                         "(the SVG's tooltips and -f json hold them all)</TD></TR>",
                    d.dropped);
    strbuf_addstr(out, "</TABLE>>;\n");
}
