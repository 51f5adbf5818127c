/*
 * marks.c - the side tables of marks.h: change marks and notes, kept by
 * object index beside a read-only model; and how each change is written.
 */
#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "xalloc.h"

/* A zeroed table of n entries of size bytes each (never NULL). */
static void *table_new(size_t n, size_t size)
{
    return xcalloc(n ? n : 1, size);
}

/* ===== How a change is written ===== */

static const struct change_text change_texts[] = {
    [CHANGE_NONE] = {"unchanged", "", "muted", "diff.muted", NULL, "unchanged"},
    [CHANGE_ADDED] = {"added", "+", "added", "diff.added", "joins",
                      "added (+ before its ports)"},
    [CHANGE_REMOVED] = {"removed", "\xe2\x88\x92", "removed", "diff.removed", "leaves",
                        "removed (\xe2\x88\x92 before its ports; groups and interfaces "
                        "outlined dashed)"},
    [CHANGE_CHANGED] = {"changed", "~", "changed", "diff.changed", NULL,
                        "changed (~ before ports whose rule's description changed)"},
};

const struct change_text *change_text(enum change c)
{
    return (unsigned)c < sizeof(change_texts) / sizeof(change_texts[0]) ? &change_texts[c]
                                                                        : &change_texts[0];
}

/* ===== Change marks ===== */

static const struct mark unchanged = {CHANGE_NONE, NULL, NULL, 0};

struct marks *marks_new(const struct model *m)
{
    struct marks *mk = xcalloc(1, sizeof(*mk));
    mk->groups = table_new(mk->ngroups = m->ngroups, sizeof(*mk->groups));
    mk->rules = table_new(mk->nrules = m->nrules, sizeof(*mk->rules));
    mk->ifaces = table_new(mk->nifaces = m->nifaces, sizeof(*mk->ifaces));
    return mk;
}

void marks_free(struct marks *mk)
{
    if (!mk)
        return;
    free(mk->groups);
    free(mk->rules);
    free(mk->ifaces);
    arena_release(&mk->arena);
    free(mk);
}

static const char *marks_text(struct marks *mk, const char *s)
{
    return s ? arena_strndup(&mk->arena, s, strlen(s)) : NULL;
}

/* The entry at i of a table of n, or NULL past its end. */
static struct mark *mark_at(struct mark *table, size_t n, size_t i)
{
    return i < n ? &table[i] : NULL;
}

void marks_set_group(struct marks *mk, const struct group *g, enum change c,
                     const char *old_name, const char *old_description)
{
    struct mark *k = mark_at(mk->groups, mk->ngroups, g->index);
    if (!k)
        return;
    k->change = c;
    k->old_name = marks_text(mk, old_name);
    k->old_description = marks_text(mk, old_description);
}

void marks_set_rule(struct marks *mk, const struct rule *r, enum change c,
                    const char *old_description)
{
    struct mark *k = mark_at(mk->rules, mk->nrules, r->index);
    if (!k)
        return;
    k->change = c;
    k->old_description = marks_text(mk, old_description);
}

void marks_set_iface(struct marks *mk, const struct iface *ifc, enum change c)
{
    struct mark *k = mark_at(mk->ifaces, mk->nifaces, ifc->index);
    if (k)
        k->change = c;
}

const struct mark *mark_of_group(const struct marks *mk, const struct group *g)
{
    return mk && g->index < mk->ngroups ? &mk->groups[g->index] : &unchanged;
}

const struct mark *mark_of_rule(const struct marks *mk, const struct rule *r)
{
    return mk && r->index < mk->nrules ? &mk->rules[r->index] : &unchanged;
}

const struct mark *mark_of_iface(const struct marks *mk, const struct iface *ifc)
{
    return mk && ifc->index < mk->nifaces ? &mk->ifaces[ifc->index] : &unchanged;
}

/* ===== Notes ===== */

const char *note_level_name(enum note_level level)
{
    static const char *const names[NOTE_LEVELS] = {"note", "warning", "error"};
    return (unsigned)level < NOTE_LEVELS ? names[level] : names[0];
}

struct notes *notes_new(const struct model *m)
{
    struct notes *n = xcalloc(1, sizeof(*n));
    n->groups = table_new(n->ngroups = m->ngroups, sizeof(*n->groups));
    n->rules = table_new(n->nrules = m->nrules, sizeof(*n->rules));
    n->ifaces = table_new(n->nifaces = m->nifaces, sizeof(*n->ifaces));
    n->group_levels = table_new(n->ngroups, 1);
    n->rule_levels = table_new(n->nrules, 1);
    n->iface_levels = table_new(n->nifaces, 1);
    return n;
}

static void free_all(char **notes, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(notes[i]);
    free(notes);
}

void notes_free(struct notes *n)
{
    if (!n)
        return;
    free_all(n->groups, n->ngroups);
    free_all(n->rules, n->nrules);
    free_all(n->ifaces, n->nifaces);
    free(n->group_levels);
    free(n->rule_levels);
    free(n->iface_levels);
    free(n);
}

/* Append line to the note at i of a table of n, raising its level. */
static void note_append(char **notes, unsigned char *levels, size_t n, size_t i,
                        enum note_level level, const char *line)
{
    char *joined;
    if (i >= n)
        return;
    if (!notes[i] || levels[i] < level)
        levels[i] = (unsigned char)level;
    joined = notes[i] ? xasprintf("%s\n%s", notes[i], line) : xstrdup(line);
    free(notes[i]);
    notes[i] = joined;
}

void notes_add_group(struct notes *n, const struct group *g, enum note_level level,
                     const char *line)
{
    note_append(n->groups, n->group_levels, n->ngroups, g->index, level, line);
}

void notes_add_rule(struct notes *n, const struct rule *r, enum note_level level,
                    const char *line)
{
    note_append(n->rules, n->rule_levels, n->nrules, r->index, level, line);
}

void notes_add_iface(struct notes *n, const struct iface *ifc, enum note_level level,
                     const char *line)
{
    note_append(n->ifaces, n->iface_levels, n->nifaces, ifc->index, level, line);
}

const char *note_of_group(const struct notes *n, const struct group *g)
{
    return n && g->index < n->ngroups ? n->groups[g->index] : NULL;
}

const char *note_of_rule(const struct notes *n, const struct rule *r)
{
    return n && r->index < n->nrules ? n->rules[r->index] : NULL;
}

const char *note_of_iface(const struct notes *n, const struct iface *ifc)
{
    return n && ifc->index < n->nifaces ? n->ifaces[ifc->index] : NULL;
}

enum note_level note_level_of_group(const struct notes *n, const struct group *g)
{
    return n && g->index < n->ngroups ? (enum note_level)n->group_levels[g->index]
                                      : NOTE_LEVEL_NOTE;
}

enum note_level note_level_of_rule(const struct notes *n, const struct rule *r)
{
    return n && r->index < n->nrules ? (enum note_level)n->rule_levels[r->index]
                                     : NOTE_LEVEL_NOTE;
}

enum note_level note_level_of_iface(const struct notes *n, const struct iface *ifc)
{
    return n && ifc->index < n->nifaces ? (enum note_level)n->iface_levels[ifc->index]
                                        : NOTE_LEVEL_NOTE;
}
