/*
 * exit_status.h - sgmap's exit statuses, as the man page documents them.
 * Its own header so that xalloc, which must not call into diag, can exit
 * with the right one.
 */
#ifndef SGMAP_EXIT_STATUS_H
#define SGMAP_EXIT_STATUS_H

enum exit_status {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* lint found problems, diff found differences */
    EXIT_USAGE = 2,
    EXIT_BAD_INPUT = 3,
    EXIT_SYSTEM = 4, /* output, system or Graphviz failure */
};

#endif
