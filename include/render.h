/*
 * render.h - Graphviz layout and rendering, contained in a child process.
 *
 * Graphviz 2.42 can abort inside the layout or when freeing it, leaks, is
 * not thread-safe and does not repeat a layout exactly within one process.
 * So each drawing is laid out once, in a forked child with CPU-time and
 * wall-clock limits; the parent only collects the bytes, and a crash or a
 * timeout becomes an exit-4 error with no output written.
 */
#ifndef SGMAP_RENDER_H
#define SGMAP_RENDER_H

#include <stddef.h>

/*
 * Lay out the DOT text with dot and render it in format ("svg", "png",
 * "pdf"). On success returns 0 with the malloc'd bytes in *out and *outlen.
 * On failure reports the error (EXIT_SYSTEM) and returns -1.
 */
int render_graphviz(const char *dot, const char *format, unsigned timeout_seconds, char **out,
                    size_t *outlen);

#endif
