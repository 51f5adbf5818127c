/*
 * emit_markdown.c - the pull-request summary of a diff in GitHub-flavoured
 * Markdown: a table of totals, then one section per security group that
 * changed (in name order) with a table of its added, removed and changed
 * rules and a list of the interfaces that joined or left it.
 *
 * A summary fits one GitHub comment (MD_COMMENT_MAX): the sections come
 * most important first (new exposure to the internet, removed groups,
 * then the rest, each in name order) and, when they do not all fit, the
 * last line counts the changes left out for the artifact.
 *
 * Every piece of input text (names, ids, descriptions) is escaped: Markdown
 * punctuation is backslash-escaped, '<' '>' '&' become entities, '|' cannot
 * end a table cell, newlines and control characters become spaces,
 * invisible characters and invalid UTF-8 their names (escape_with()), and
 * '@' is followed by a zero-width space so that a
 * description cannot mention (notify) anyone. Ids are shown as code spans
 * only when they contain nothing that could end the span or the cell.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "emit.h"
#include "reach.h"
#include "strbuf.h"
#include "xalloc.h"

/* Longest description shown, in characters; the rest becomes "...". */
#define MD_DESCRIPTION_MAX 200
/* GitHub's limit on a comment's body, in characters (bytes are counted
 * here, which are never fewer), and the room kept for the closing line. */
#define MD_COMMENT_MAX 65536
#define MD_CLOSING_ROOM 256

/* ===== Escaping ===== */

/* Inline Markdown text: nothing in it may become HTML, emphasis, a link,
 * a table-cell break or an @mention (a zero-width space follows '@'). */
static const struct escape_table markdown_text = {
    .repl = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['@'] = "@&#8203;",
             ['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_",
             ['['] = "\\[", [']'] = "\\]", ['#'] = "\\#", ['~'] = "\\~", ['|'] = "\\|"},
    .control = ' ',
};

void escape_markdown(struct strbuf *sb, const char *s, size_t max)
{
    escape_with(sb, s, &markdown_text, max);
}

/* Inline text, at most max characters (0 = no limit). */
static void md_text_max(struct strbuf *sb, const char *s, size_t max)
{
    escape_markdown(sb, s, max);
}

static void md_text(struct strbuf *sb, const char *s)
{
    md_text_max(sb, s, 1000);
}

/* An id as a code span when it is plain printable text, else as text. */
static void md_code(struct strbuf *sb, const char *s)
{
    const unsigned char *p;
    for (p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p >= 0x7f || *p == '`' || *p == '|')
            break;
    if (*p || !*s) {
        md_text(sb, s);
        return;
    }
    strbuf_addch(sb, '`');
    strbuf_addstr(sb, s);
    strbuf_addch(sb, '`');
}

/* "name (`id`)", or "`id`" when the name is the id. */
static void md_group_name(struct strbuf *sb, const struct group *g)
{
    if (strcmp(g->name, g->id) == 0) {
        md_code(sb, g->id);
        return;
    }
    md_text(sb, g->name);
    strbuf_addstr(sb, " (");
    md_code(sb, g->id);
    strbuf_addch(sb, ')');
}

/* ===== Pieces ===== */

static const char *change_word(enum change c)
{
    return change_text(c)->word;
}

/* "**+** " or "**−** ": an interface or membership that came or went. */
static void md_sign(struct strbuf *sb, enum change c)
{
    strbuf_addf(sb, "**%s** ", change_text(c)->symbol);
}

static void md_peer(struct strbuf *sb, const struct model *u, const struct rule *r)
{
    const char *name;
    const struct group *g;

    switch (r->peer_type) {
    case PEER_GROUP:
        if (strcmp(r->peer, r->group->id) == 0) {
            strbuf_addstr(sb, "self");
            return;
        }
        g = model_find_group(u, r->peer);
        if (g) {
            md_group_name(sb, g);
            return;
        }
        break;
    case PEER_EXTERNAL_GROUP:
        md_code(sb, r->peer);
        strbuf_addstr(sb, r->flags & RULE_STALE ? " (stale or deleted group)"
                                                : " (group not in the input)");
        return;
    case PEER_CIDR:
    case PEER_PREFIX_LIST:
        name = model_name_of(u, r->peer);
        if (!name)
            name = r->peer_label;
        if (!name && r->peer_type == PEER_CIDR && peer_is_internet(r->peer))
            name = "internet";
        if (name) {
            md_text(sb, name);
            strbuf_addstr(sb, " (");
            md_code(sb, r->peer);
            strbuf_addch(sb, ')');
            return;
        }
        break;
    case PEER_PARAM:
    case PEER_IMPORT:
    case PEER_EXPRESSION:
        break;
    }
    md_code(sb, r->peer);
}

static void md_description(struct strbuf *sb, const char *s)
{
    if (s && *s)
        md_text_max(sb, s, MD_DESCRIPTION_MAX);
    else
        strbuf_addstr(sb, "*(none)*");
}

/* "~~old~~ -> new" (no strike-through when there was none before). */
static void md_description_change(struct strbuf *sb, const char *old, const char *new)
{
    if (old && *old) {
        strbuf_addstr(sb, "~~");
        md_description(sb, old);
        strbuf_addstr(sb, "~~");
    } else {
        md_description(sb, old);
    }
    strbuf_addstr(sb, " \xe2\x86\x92 "); /* -> */
    md_description(sb, new);
}

static void md_rule_row(struct strbuf *sb, const struct diff *d, const struct rule *r)
{
    const struct mark *k = mark_of_rule(d->marks, r);
    char label[PORTS_LABEL_MAX];

    ports_label(&r->ports, label);
    strbuf_addf(sb, "| %s | %s | %s | ", change_word(k->change), direction_name(r->dir), label);
    md_peer(sb, d->model, r);
    strbuf_addstr(sb, " | ");
    if (k->change == CHANGE_CHANGED) {
        md_description_change(sb, k->old_description, r->description);
    } else if (r->description && *r->description) {
        md_text_max(sb, r->description, MD_DESCRIPTION_MAX);
    } else if (r->flags & RULE_DEFAULT_EGRESS) {
        strbuf_addstr(sb, "*AWS default egress*");
    }
    strbuf_addstr(sb, " |\n");
}

static void md_member_line(struct strbuf *sb, const struct diff_membership *dm)
{
    const struct iface *ifc = dm->iface;

    strbuf_addstr(sb, "- ");
    md_sign(sb, dm->change);
    md_code(sb, ifc->id);
    strbuf_addstr(sb, " (");
    if (ifc->label && strcmp(ifc->label, ifc->id) != 0) {
        md_text(sb, ifc->label);
        strbuf_addstr(sb, ", ");
    }
    strbuf_addf(sb, "%s) %s ", kind_name(ifc->kind), change_text(dm->change)->member);
    md_text(sb, dm->group->name);
    strbuf_addch(sb, '\n');
}

/* The heading of a group's section, with what happened to the group. */
static void md_group_heading(struct strbuf *sb, const struct diff *d, const struct group *g)
{
    const struct mark *k = mark_of_group(d->marks, g);

    strbuf_addstr(sb, "#### ");
    md_group_name(sb, g);
    switch (k->change) {
    case CHANGE_ADDED:
    case CHANGE_REMOVED: strbuf_addf(sb, ": %s", change_word(k->change)); break;
    case CHANGE_CHANGED:
        strbuf_addstr(sb, ": ");
        if (k->old_name) {
            strbuf_addstr(sb, k->probable_rename ? "probably renamed from " : "renamed from ");
            md_text(sb, k->old_name);
            if (k->old_description)
                strbuf_addstr(sb, ", ");
        }
        if (k->old_description)
            strbuf_addstr(sb, "description changed");
        break;
    case CHANGE_NONE: break;
    }
    strbuf_addstr(sb, "\n\n");
    if (k->change == CHANGE_CHANGED && k->old_description) {
        strbuf_addstr(sb, "Description: ");
        md_description_change(sb, k->old_description, g->description);
        strbuf_addstr(sb, "\n\n");
    } else if (k->change == CHANGE_ADDED && g->description && *g->description) {
        strbuf_addstr(sb, "Description: ");
        md_text_max(sb, g->description, MD_DESCRIPTION_MAX);
        strbuf_addstr(sb, "\n\n");
    }
}

static void md_totals(struct strbuf *sb, const struct diff *d)
{
    strbuf_addf(sb, "| | %s | %s | %s |\n|:--|--:|--:|--:|\n", change_word(CHANGE_ADDED),
                change_word(CHANGE_REMOVED), change_word(CHANGE_CHANGED));
    strbuf_addf(sb, "| security groups | %zu | %zu | %zu |\n", d->groups.added,
                d->groups.removed, d->groups.changed);
    strbuf_addf(sb, "| rules | %zu | %zu | %zu |\n", d->rules.added, d->rules.removed,
                d->rules.changed);
    strbuf_addf(sb, "| memberships | %zu | %zu | |\n", d->members.added, d->members.removed);
    strbuf_addf(sb, "| interfaces | %zu | %zu | %zu |\n\n", d->ifaces.added,
                d->ifaces.removed, d->ifaces.changed);
}

/* ===== The summary ===== */

/* Which sections come first: 0 new exposure to the internet (an added
 * ingress rule from 0.0.0.0/0 or ::/0), 1 a removed group, 2 the
 * rest. */
static int md_priority(const struct diff *d, const struct group *g, const size_t *first_rule,
                       const size_t *nrules)
{
    const struct model *u = d->model;
    size_t j;

    for (j = 0; j < nrules[g->index]; j++) {
        const struct rule *r = u->rules[first_rule[g->index] + j];
        enum change c = mark_of_rule(d->marks, r)->change;
        if (c == CHANGE_ADDED && r->dir == DIR_INGRESS &&
            r->peer_type == PEER_CIDR && peer_is_internet(r->peer))
            return 0;
    }
    return mark_of_group(d->marks, g)->change == CHANGE_REMOVED ? 1 : 2;
}

/* A group and its rank, for the order of the sections. */
struct md_section {
    const struct group *g;
    int priority;
};

static int cmp_section(const void *a, const void *b)
{
    const struct md_section *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority - y->priority;
    return view_cmp_groups(&x->g, &y->g);
}

/* The comment being written: what is out, and the room left. */
struct md_out {
    struct strbuf sb;
    struct strbuf line;   /* scratch: one row or line */
    size_t limit;         /* sb.len may grow up to this */
    size_t more;          /* changes left out */
    int full;             /* something did not fit: nothing more goes in */
};

/* Append out->line when it fits, else count its changes as left out, and
 * everything after it (the order is the order of importance); line is
 * emptied either way. */
static int md_put(struct md_out *out, size_t changes)
{
    int fits = !out->full && out->sb.len + out->line.len <= out->limit;
    if (fits)
        strbuf_addstr(&out->sb, out->line.buf);
    else
        out->more += changes;
    out->full = !fits;
    strbuf_reset(&out->line);
    return fits;
}

int emit_markdown(const struct diff *d, FILE *fp)
{
    const struct model *u = d->model;
    struct md_out out = {STRBUF_INIT, STRBUF_INIT, MD_COMMENT_MAX - MD_CLOSING_ROOM, 0, 0};
    size_t ng = u->ngroups ? u->ngroups : 1;
    size_t *nchanged = xcalloc(ng, sizeof(*nchanged)); /* changed rules per group */
    size_t *first_rule = xcalloc(ng, sizeof(*first_rule));
    size_t *nrules = xcalloc(ng, sizeof(*nrules));
    size_t *first_member = xcalloc(ng, sizeof(*first_member));
    size_t *nmembers = xcalloc(ng, sizeof(*nmembers));
    struct md_section *list = xcalloc(ng, sizeof(*list));
    size_t i, j, n = 0;
    int rc;

    strbuf_addstr(&out.sb, "### sgmap diff\n\n");
    if (d->reach)
        reach_changes_write_markdown(d->reach, &out.sb);
    if (diff_count(d) == 0)
        strbuf_addstr(&out.sb, "No changes to security groups, rules or memberships.\n");
    else
        md_totals(&out.sb, d);

    for (i = u->nrules; i-- > 0;) {
        size_t gi = u->rules[i]->group->index;
        first_rule[gi] = i;
        nrules[gi]++;
        if (mark_of_rule(d->marks, u->rules[i])->change != CHANGE_NONE)
            nchanged[gi]++;
    }
    for (i = d->nmemberships; i-- > 0;) {
        first_member[d->memberships[i].group->index] = i;
        nmembers[d->memberships[i].group->index]++;
    }
    for (i = 0; i < u->ngroups; i++) {
        const struct group *g = u->groups[i];
        if (mark_of_group(d->marks, g)->change != CHANGE_NONE || nchanged[i] || nmembers[i]) {
            list[n].g = g;
            list[n++].priority = md_priority(d, g, first_rule, nrules);
        }
    }
    xqsort(list, n, sizeof(*list), cmp_section);

    for (i = 0; i < n; i++) {
        const struct group *g = list[i].g;
        int group_changed = mark_of_group(d->marks, g)->change != CHANGE_NONE;

        md_group_heading(&out.line, d, g);
        if (!md_put(&out, (size_t)group_changed + nchanged[g->index] + nmembers[g->index]))
            continue;
        if (nchanged[g->index]) {
            size_t shown = 0;
            /* The group's rules are one run of u->rules (sorted by group). */
            for (j = 0; j < nrules[g->index]; j++) {
                const struct rule *r = u->rules[first_rule[g->index] + j];
                if (mark_of_rule(d->marks, r)->change == CHANGE_NONE)
                    continue;
                if (!shown)
                    strbuf_addstr(&out.line, "| | direction | ports | peer | description |\n"
                                             "|:--|:--|:--|:--|:--|\n");
                md_rule_row(&out.line, d, r);
                shown += md_put(&out, 1);
            }
            if (shown)
                strbuf_addch(&out.sb, '\n');
        }
        if (nmembers[g->index]) {
            size_t shown = 0;
            for (j = 0; j < nmembers[g->index]; j++) {
                md_member_line(&out.line, &d->memberships[first_member[g->index] + j]);
                shown += md_put(&out, 1);
            }
            if (shown)
                strbuf_addch(&out.sb, '\n');
        }
    }
    /* Interfaces that came or went outside every group. */
    for (i = 0, j = 0; i < u->nifaces; i++) {
        const struct iface *ifc = u->ifaces[i];
        enum change c = mark_of_iface(d->marks, ifc)->change;
        if (ifc->ngroups || (c != CHANGE_ADDED && c != CHANGE_REMOVED))
            continue;
        if (j++ == 0)
            strbuf_addstr(&out.line, "#### Interfaces in no group\n\n");
        strbuf_addstr(&out.line, "- ");
        md_sign(&out.line, c);
        md_code(&out.line, ifc->id);
        strbuf_addf(&out.line, " (%s) %s\n", kind_name(ifc->kind), change_word(c));
        md_put(&out, 1);
    }
    if (j)
        strbuf_addch(&out.sb, '\n');
    if (out.more)
        strbuf_addf(&out.sb, "**%zu more change%s in the artifact**: this summary stops at "
                             "GitHub's limit of 65,536 characters for a comment.\n",
                    out.more, out.more == 1 ? "" : "s");
    /* No trailing blank line: the last section ends with one newline. */
    while (out.sb.len >= 2 && out.sb.buf[out.sb.len - 1] == '\n' &&
           out.sb.buf[out.sb.len - 2] == '\n')
        out.sb.buf[--out.sb.len] = '\0';

    rc = fwrite(out.sb.buf, 1, out.sb.len, fp) == out.sb.len && !ferror(fp) ? 0 : -1;
    strbuf_release(&out.sb);
    strbuf_release(&out.line);
    free(nchanged);
    free(first_rule);
    free(nrules);
    free(first_member);
    free(nmembers);
    free(list);
    return rc;
}
