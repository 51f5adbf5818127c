/*
 * output.h - writing a finished result to its destination, atomically.
 */
#ifndef SGMAP_OUTPUT_H
#define SGMAP_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write data to path (NULL or "-" = standard output). A file is written to
 * a temporary file beside it and renamed into place, so an existing file is
 * never left half-written or clobbered on failure. Returns 0, or -1 after
 * reporting an EXIT_SYSTEM error.
 */
int output_write(const char *path, const char *data, size_t len);

/*
 * A writer's output is built in memory first, so that nothing is written
 * when it fails. output_memory_open() gives the stream (NULL after
 * reporting); output_memory_close() closes it, given the writer's result
 * rc, and returns 0 with the bytes in *data and *len, or -1 after
 * reporting, with *data freed and NULL.
 */
FILE *output_memory_open(char **data, size_t *len);
int output_memory_close(FILE *mem, int rc, char **data);

/* Write all of data to fd, retrying after signals (async-signal-safe, so a
 * forked child may use it too). Returns 0, or -1 with errno set. */
int output_write_fd(int fd, const char *data, size_t len);

#endif
