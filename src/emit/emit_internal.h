/*
 * emit_internal.h - what the DOT writer (emit_dot.c) shares with the
 * notes table (emit_notes.c) inside src/emit/.
 */
#ifndef SGMAP_EMIT_INTERNAL_H
#define SGMAP_EMIT_INTERNAL_H

#include "emit.h"
#include "strbuf.h"

/* --notes: the notes table as the graph's label (root-level DOT
 * statements), appended to out; nothing without v->opts.notes_table. */
void dot_notes_table(struct strbuf *out, const struct view *v, const struct theme *t);

#endif
