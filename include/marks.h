/*
 * marks.h - side tables a view draws with a finished model, which stays
 * read-only: the change marks of sgmap diff and the notes of render --lint.
 * Both are indexed by the objects' positions (group, rule and interface
 * index, set by model_finish()), so they hold for the model they were made
 * for and no other. And the one table of how a change is written.
 */
#ifndef SGMAP_MARKS_H
#define SGMAP_MARKS_H

#include <stddef.h>

#include "arena.h"
#include "model.h"

/* How an object changed between two inputs (sgmap diff). */
enum change {
    CHANGE_NONE,    /* unchanged, or not a diff */
    CHANGE_ADDED,   /* only in the new input */
    CHANGE_REMOVED, /* only in the old input */
    CHANGE_CHANGED, /* in both, with a different description or name (an
                     * interface: with other groups) */
};

/*
 * How a change is written, in every output (DOT, SVG, Mermaid, Markdown,
 * JSON): one table, so that no two outputs spell a change differently.
 */
struct change_text {
    const char *word;      /* "added", "removed", "changed", "unchanged" */
    const char *symbol;    /* before a rule's ports, as in "+tcp/443": "+", U+2212
                            * (the minus sign, not '-'), "~"; "" when unchanged */
    const char *role;      /* its colour: "added", "removed", "changed", "muted"
                            * (Mermaid's class names) */
    const char *theme_key; /* the theme's colour: "diff.added" ... "diff.muted" */
    const char *member;    /* an interface and a group: "joins", "leaves"; NULL */
    const char *legend;    /* its legend line, true to how it is drawn */
};

const struct change_text *change_text(enum change c);

/* The change of one group, rule or interface. */
struct mark {
    enum change change;
    const char *old_name;        /* a changed group's name before, if it changed */
    const char *old_description; /* a changed group's or rule's description
                                  * before, if it changed ("" when it had none) */
    int probable_rename;         /* a group matched by its members and rules, not
                                  * by identity: "probably renamed from old_name" */
};

/* The marks of every object of one model, by index. */
struct marks {
    struct mark *groups, *rules, *ifaces;
    size_t ngroups, nrules, nifaces;
    struct arena arena; /* the old names and descriptions */
};

/* Marks for the finished model m, every object unchanged. */
struct marks *marks_new(const struct model *m);
void marks_free(struct marks *mk);
/* Set a mark; the old texts (may be NULL) are copied into mk. */
void marks_set_group(struct marks *mk, const struct group *g, enum change c,
                     const char *old_name, const char *old_description);
void marks_set_rule(struct marks *mk, const struct rule *r, enum change c,
                    const char *old_description);
void marks_set_iface(struct marks *mk, const struct iface *ifc, enum change c);
/* The mark of an object: an unchanged one when mk is NULL (not a diff). */
const struct mark *mark_of_group(const struct marks *mk, const struct group *g);
const struct mark *mark_of_rule(const struct marks *mk, const struct rule *r);
const struct mark *mark_of_iface(const struct marks *mk, const struct iface *ifc);

/* How serious a note is, lowest first: lint's severities, which the
 * drawing tells apart by colour. */
enum note_level { NOTE_LEVEL_NOTE, NOTE_LEVEL_WARNING, NOTE_LEVEL_ERROR, NOTE_LEVELS };
/* "note", "warning", "error": as lint names the severities. */
const char *note_level_name(enum note_level level);

/* Remarks drawn with objects (render --lint's findings), by index: lines
 * joined by '\n', or NULL; and the highest level of each object's lines. */
struct notes {
    char **groups, **rules, **ifaces;
    size_t ngroups, nrules, nifaces;
    unsigned char *group_levels, *rule_levels, *iface_levels;
};

/* Notes for the finished model m, none yet. */
struct notes *notes_new(const struct model *m);
void notes_free(struct notes *n);
/* Add a line of a level to the note of an object. */
void notes_add_group(struct notes *n, const struct group *g, enum note_level level,
                     const char *line);
void notes_add_rule(struct notes *n, const struct rule *r, enum note_level level,
                    const char *line);
void notes_add_iface(struct notes *n, const struct iface *ifc, enum note_level level,
                     const char *line);
/* The note of an object, or NULL (always when n is NULL). */
const char *note_of_group(const struct notes *n, const struct group *g);
const char *note_of_rule(const struct notes *n, const struct rule *r);
const char *note_of_iface(const struct notes *n, const struct iface *ifc);
/* The highest level of an object's note; meaningful only when it has one. */
enum note_level note_level_of_group(const struct notes *n, const struct group *g);
enum note_level note_level_of_rule(const struct notes *n, const struct rule *r);
enum note_level note_level_of_iface(const struct notes *n, const struct iface *ifc);

#endif
