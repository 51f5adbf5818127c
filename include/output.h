/*
 * output.h - writing a finished result to its destination, atomically.
 */
#ifndef SGMAP_OUTPUT_H
#define SGMAP_OUTPUT_H

#include <stddef.h>

/*
 * Write data to path (NULL or "-" = standard output). A file is written to
 * a temporary file beside it and renamed into place, so an existing file is
 * never left half-written or clobbered on failure. Returns 0, or -1 after
 * reporting an EXIT_SYSTEM error.
 */
int output_write(const char *path, const char *data, size_t len);

#endif
