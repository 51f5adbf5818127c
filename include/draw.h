/*
 * draw.h - the drawing pipeline that render and diff share: the view with
 * the drawing budget (CIDRs folded when there are too many), the layout
 * plan, the DOT text, and Graphviz, with a packed fallback when a ranked
 * layout crashes, runs out of time or memory.
 */
#ifndef SGMAP_DRAW_H
#define SGMAP_DRAW_H

#include <stddef.h>

#include "model.h"
#include "theme.h"
#include "view.h"

/* The formats draw_output() writes; a verb numbers its other formats from
 * DRAW_FORMAT_COUNT on, so that its format is a draw_format when drawn. */
enum draw_format {
    DRAW_DOT, DRAW_SVG, DRAW_PNG, DRAW_PDF, DRAW_MERMAID,
    DRAW_VIEW, /* the drawing as data (emit_view) */
    DRAW_DRAWIO, /* diagrams.net, from Graphviz's layout (emit_drawio) */
    DRAW_HTML, /* the SVG in an interactive page (emit_html) */
    DRAW_FORMAT_COUNT
};

/* Does format f draw the notes table (view_options.notes_table) unless
 * told otherwise (--notes, --no-notes)? PNG and PDF do: they have no
 * tooltips to carry rules' descriptions and lint findings. */
int draw_notes_by_default(enum draw_format f);

/*
 * The view of m with options o; past GRAPHVIZ_MAX_CIDR_NODES CIDR nodes (12
 * in a group-level overview), and unless o chose how to show CIDRs, they
 * are folded into named ranges (with a note). The caller frees it with
 * view_free().
 */
struct view *draw_view(const struct model *m, const struct view_options *o);

/*
 * Write v in format f into a malloc'd buffer (*data, *len). Mermaid and the
 * view dump are written as they are; DOT is the
 * graph with the layout plan written in; SVG, PNG and PDF are laid out by
 * Graphviz in a contained child, and draw.io from the same layout. When a ranked (dot) layout fails, the
 * drawing is packed with osage instead, with a note, so a correct drawing
 * still comes out. Returns 0, or -1 after reporting an error.
 */
int draw_output(const struct view *v, const struct theme *t, enum draw_format f, char **data,
                size_t *len);

/* --scale: draw PNGs scale times Graphviz's 96 dpi (HiDPI screens: 2). */
void draw_set_png_scale(double scale);

#endif
