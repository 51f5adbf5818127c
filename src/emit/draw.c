/*
 * draw.c - the drawing pipeline of render and diff (see draw.h): view
 * budget, layout plan, DOT, Graphviz, and the fallback to a packed layout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "draw.h"
#include "emit.h"
#include "output.h"
#include "graphviz.h"

/* Seconds a ranked layout may take before the packed one replaces it, and
 * seconds for the packed one (which takes seconds even at 10,000 groups). */
#define DRAW_RANKED_TIMEOUT 60
#define DRAW_PACKED_TIMEOUT 120

/* An overview (view_is_overview()) folds CIDRs into ranges past this many. */
#define DRAW_OVERVIEW_MAX_CIDR_NODES 12

int draw_notes_by_default(enum draw_format f)
{
    return f == DRAW_PNG || f == DRAW_PDF;
}

/* --scale: PNG pixels per point, over Graphviz's 96 dpi (0: its default). */
static double png_scale;

void draw_set_png_scale(double scale)
{
    png_scale = scale;
}

struct view *draw_view(const struct model *m, const struct view_options *o)
{
    struct view *v = view_build(m, o);

    /* Thousands of CIDR nodes make any layout unreadable and slow; an
     * overview reads groups, and a few ranges say where their peers are. */
    if (!o->hide_cidrs && !o->merge_cidrs &&
        (v->ncidr_nodes > GRAPHVIZ_MAX_CIDR_NODES ||
         (view_is_overview(v) && v->ncidr_nodes > DRAW_OVERVIEW_MAX_CIDR_NODES))) {
        struct view_options merged = *o;
        diag_note(NULL, "%zu CIDRs: folding them into named ranges, private and public (choose "
                        "with --merge-cidrs or --hide-cidrs)",
                  v->ncidr_nodes);
        merged.merge_cidrs = 1;
        view_free(v);
        v = view_build(m, &merged);
    }
    if (v->detail_note)
        diag_note(NULL, "%s", v->detail_note);
    return v;
}

/* Write the view into a malloc'd buffer: DOT with a plan, else Mermaid or
 * the view dump (f). Returns 0, or -1 after reporting. */
static int write_text(const struct view *v, const struct theme *t,
                      const struct dot_layout *plan, enum draw_format f, char **data,
                      size_t *len)
{
    FILE *mem = output_memory_open(data, len);
    int rc;

    if (!mem)
        return -1;
    rc = plan ? emit_dot_layout(v, t, plan, mem)
         : f == DRAW_VIEW ? emit_view(v, mem) : emit_mermaid(v, mem);
    diag_progress_done();
    return output_memory_close(mem, rc, data);
}

/* draw.io: the layout Graphviz returned (its "json") turned into the file. */
static int layout_to_drawio(enum draw_format f, int rc, char **data, size_t *len)
{
    char *layout = *data;
    size_t layout_len = *len;
    FILE *mem;

    if (f != DRAW_DRAWIO || rc != 0)
        return rc;
    *data = NULL;
    mem = output_memory_open(data, len);
    rc = mem ? output_memory_close(mem, emit_drawio(layout, layout_len, mem), data) : -1;
    free(layout);
    return rc;
}

/* The SVG of v in the interactive page (emit_html). */
static int write_html(const struct view *v, const struct theme *t, char **data, size_t *len)
{
    char *svg = NULL;
    size_t svglen = 0;
    FILE *mem;

    if (draw_output(v, t, DRAW_SVG, &svg, &svglen) < 0)
        return -1;
    mem = output_memory_open(data, len);
    if (!mem) {
        free(svg);
        return -1;
    }
    if (output_memory_close(mem, emit_html(v, svg, svglen, mem), data) < 0) {
        free(svg);
        return -1;
    }
    free(svg);
    return 0;
}

int draw_output(const struct view *v, const struct theme *t, enum draw_format f, char **data,
                size_t *len)
{
    struct dot_layout plan;
    const char *note, *format;
    double dpi;
    char *dot = NULL;
    size_t dotlen = 0;
    int rc;

    *data = NULL;
    *len = 0;
    if (f == DRAW_MERMAID || f == DRAW_VIEW)
        return write_text(v, t, NULL, f, data, len);
    if (f == DRAW_HTML)
        return write_html(v, t, data, len);
    note = graphviz_plan(v, &plan);
    if (note && f != DRAW_DOT)
        diag_note(NULL, "%s", note);
    if (write_text(v, t, &plan, f, &dot, &dotlen) < 0)
        return -1;
    if (f == DRAW_DOT) {
        *data = dot;
        *len = dotlen;
        return 0;
    }
    format = f == DRAW_SVG ? "svg" : f == DRAW_PNG ? "png" : f == DRAW_DRAWIO ? "json" : "pdf";
    dpi = f == DRAW_PNG && png_scale > 0 ? 96.0 * png_scale : 0;
    rc = graphviz_render(dot, plan.engine, format, dpi,
                         plan.packed ? DRAW_PACKED_TIMEOUT : DRAW_RANKED_TIMEOUT, data, len);
    free(dot);
    if (rc != GRAPHVIZ_LAYOUT_FAILED)
        return layout_to_drawio(f, rc, data, len);
    /* Graphviz 2.42's ranked layout aborts on some graphs (compound edges
     * that routing cannot clip) and grows steeply with size: the same
     * drawing packed by osage is laid out in seconds. */
    diag_note(NULL, "%s; packing the groups with osage instead (arrows straight, their ports in "
                    "tooltips)",
              graphviz_last_failure());
    graphviz_plan_packed(&plan);
    if (write_text(v, t, &plan, f, &dot, &dotlen) < 0)
        return -1;
    rc = graphviz_render(dot, plan.engine, format, dpi, DRAW_PACKED_TIMEOUT, data, len);
    free(dot);
    if (rc == GRAPHVIZ_LAYOUT_FAILED) {
        diag_system("%s; nothing was written", graphviz_last_failure());
        return -1;
    }
    return layout_to_drawio(f, rc, data, len);
}
