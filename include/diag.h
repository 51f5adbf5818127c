/*
 * diag.h - diagnostics and exit statuses.
 *
 * Every message goes to stderr as "sgmap: FILE:LINE:COL: LEVEL: MESSAGE"
 * (1-based), "sgmap: FILE: PATH: LEVEL: MESSAGE" when only a JSON path is
 * known, or "sgmap: FILE: LEVEL: MESSAGE" / "sgmap: LEVEL: MESSAGE".
 * The process exit status is the highest status recorded.
 *
 * Text in a message is shown as a person should see it, on one line:
 * control characters become '?', invisible and bidirectional characters
 * their names ("<U+200B>", "<U+202E>") and bytes of invalid UTF-8 their
 * values ("<0xFF>"), so input text can neither hide, reorder nor break a
 * message.
 */
#ifndef SGMAP_DIAG_H
#define SGMAP_DIAG_H

#include <stdarg.h>

#include "exit_status.h"

struct strbuf;

/* Where something came from. file is borrowed from the model's string
 * store; line and col are 1-based (0 = unknown); path is a JSON path or NULL. */
struct srcloc {
    const char *file;
    int line;
    int col;
    const char *path;
};

/* An error in the input: print it and record EXIT_BAD_INPUT. */
void diag_error(const struct srcloc *loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A warning: print it; the exit status is unchanged. */
void diag_warning(const struct srcloc *loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A note (silenced by -q). */
void diag_note(const struct srcloc *loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same with a va_list, for wrappers that add their own context (an
 * importer's reader) without formatting into a buffer first. */
void diag_verror(const struct srcloc *loc, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void diag_vwarning(const struct srcloc *loc, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void diag_vnote(const struct srcloc *loc, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* A system or output failure: print it and record EXIT_SYSTEM. */
void diag_system(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print an error and exit at once with status. */
_Noreturn void diag_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Append to sb the message line (with its newline) that the functions above
 * print, for writers whose messages go elsewhere than standard error (lint's
 * text findings, the layout child, usage errors). level is "error",
 * "warning", "note" or a lint severity.
 */
/* Append where loc is, as messages say it: "FILE:LINE:COL" or "FILE: PATH"
 * (nothing without a file), input text made visible. */
void diag_where(struct strbuf *sb, const struct srcloc *loc);
void diag_format(struct strbuf *sb, const struct srcloc *loc, const char *level,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_vformat(struct strbuf *sb, const struct srcloc *loc, const char *level,
                  const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* Record an exit status without printing. */
void diag_record(int status);
/* The highest exit status recorded so far. */
int diag_status(void);
/* Count of errors printed so far (any level that records >= EXIT_BAD_INPUT). */
int diag_errors(void);
/* Silence notes (-q). */
void diag_set_quiet(int quiet);

/*
 * A progress line for work that takes seconds ("reading FILE (80 MB)"):
 * written over itself on a terminal, never into a file or pipe, and not
 * with -q. Any message, or diag_progress_done(), clears it.
 */
void diag_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_progress_done(void);

#endif
