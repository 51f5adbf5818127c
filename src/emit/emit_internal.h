/*
 * emit_internal.h - what the DOT writer (emit_dot.c) shares with the
 * notes table (emit_notes.c) and the overview's grid (dot_grid.c) inside
 * src/emit/.
 */
#ifndef SGMAP_EMIT_INTERNAL_H
#define SGMAP_EMIT_INTERNAL_H

#include "emit.h"
#include "strbuf.h"

/* --notes: the notes table as the graph's label (root-level DOT
 * statements), appended to out; nothing without v->opts.notes_table. */
void dot_notes_table(struct strbuf *out, const struct view *v, const struct theme *t);

/* The group-level overview's grid: per node id its column + 1 (0: none),
 * then per node id whether it starts its block; malloc'd, with *ncols;
 * NULL when the view is no overview or its blocks are too few or too
 * large to arrange (dot ranks it as it is). */
size_t *dot_grid_columns(const struct view *v, size_t *ncols);
/* Each node's block (connected by arrows not folded), numbered in node
 * order; *nblocks and *size (per block, malloc'd) say how many and how big.
 * The result is malloc'd. */
size_t *dot_grid_blocks(const struct view *v, size_t *nblocks, size_t **size);
/* Does a packed overview draw block b in an invisible frame of its own
 * (so that osage packs its boxes together and their arrows stay short)? */
int dot_grid_framed(const size_t *block_size, size_t b);
/* The n nodes in block order (malloc'd); *units is what osage packs: the
 * framed blocks and the nodes on their own. */
struct view_node **dot_grid_order(struct view_node *const *nodes, size_t n, const size_t *block,
                                  const size_t *block_size, size_t *units);
/* The ncols + 1 anchors between the columns (node statements, for the
 * first VPC frame, else the root), and the invisible edges that rank each
 * column between its two anchors, its blocks' first boxes in one rank
 * (root-level; the graph needs newrank=true), appended to out. */
void dot_grid_anchors(struct strbuf *out, size_t ncols);
void dot_grid_write(struct strbuf *out, const struct view *v, const size_t *col, size_t ncols);

#endif
