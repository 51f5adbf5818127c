/*
 * graphviz.h - Graphviz layout and rendering, contained in a child process.
 *
 * Graphviz 2.42 can abort inside the layout or when freeing it, leaks, is
 * not thread-safe and does not repeat a layout exactly within one process.
 * So each drawing is laid out once, in a forked child with CPU-time,
 * wall-clock and memory limits; the parent only collects the bytes, and a crash or a
 * timeout becomes an exit-4 error with no output written.
 */
#ifndef SGMAP_GRAPHVIZ_H
#define SGMAP_GRAPHVIZ_H

#include <stddef.h>

#include "emit.h"
#include "view.h"

/* graphviz_render() result: Graphviz crashed, ran out of time or memory. */
#define GRAPHVIZ_LAYOUT_FAILED (-2)

/*
 * Lay out the DOT text with engine and render it in format ("svg", "png",
 * "pdf") at dpi dots per inch (0: Graphviz's default, 96 for PNG); a PNG
 * or PDF whose text must shrink below GRAPHVIZ_READABLE_TEXT to fit its
 * format's limits comes with a warning that says so. On success returns 0 with the malloc'd bytes in *out and *outlen.
 * When the layout crashed, timed out or ran out of memory, returns
 * GRAPHVIZ_LAYOUT_FAILED without a message (graphviz_last_failure() says what
 * happened; the caller may try another layout). On other failures reports
 * the error (EXIT_SYSTEM) and returns -1.
 */
int graphviz_render(const char *dot, const char *engine, const char *format, double dpi,
                    unsigned timeout_seconds, char **out, size_t *outlen);
/*
 * The version of the Graphviz library sgmap runs with (gvcVersion(), which
 * may differ from the one it was built against), malloc'd; NULL when
 * Graphviz cannot start.
 */
char *graphviz_version(void);

/* What made the last graphviz_render() return GRAPHVIZ_LAYOUT_FAILED. */
const char *graphviz_last_failure(void);

/*
 * The layout budget: choose settings for the view from its size, using the
 * costs measured in graphviz-notes.md (dot's ranking grows with clusters x
 * edges). Deterministic: the same view always gets the same plan. Returns
 * a one-line note describing a non-default choice, or NULL.
 */
const char *graphviz_plan(const struct view *v, struct dot_layout *plan);
/* Turn plan into the packed (osage) layout. */
void graphviz_plan_packed(struct dot_layout *plan);

/* Resident memory a layout may use (the regional-quota account needs about
 * 200 MiB, a 10,000-group one about 1 GiB). */
#define GRAPHVIZ_MEMORY_LIMIT (4ull << 30)

/* The raster guard: PNG's largest side in pixels (cairo's bitmaps), the
 * largest page PDF readers show (200 inches), and the smallest text size
 * (pixels, or points) still read without a magnifier. */
#define GRAPHVIZ_PNG_MAX_PX 32767
#define GRAPHVIZ_PDF_MAX_PT 14400
#define GRAPHVIZ_READABLE_TEXT 6.0

/* Above this many CIDR nodes the default view folds CIDRs into ranges. */
#define GRAPHVIZ_MAX_CIDR_NODES 150

#endif
