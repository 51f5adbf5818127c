/*
 * diag.c - messages to stderr and the exit status they imply.
 *
 * Format (DESIGN.md): "sgmap: FILE:LINE:COL: LEVEL: MESSAGE", or with a JSON
 * path "sgmap: FILE: PATH: LEVEL: MESSAGE". Control characters from input
 * text are shown as '?' so a message is always one line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"

static int diag_worst;
static int diag_nerrors;
static int diag_quiet;
static int diag_progress_shown; /* a progress line is on the terminal */

void diag_set_quiet(int quiet)
{
    diag_quiet = quiet;
}

void diag_record(int status)
{
    if (status > diag_worst)
        diag_worst = status;
}

int diag_status(void)
{
    return diag_worst;
}

int diag_errors(void)
{
    return diag_nerrors;
}

void diag_progress(const char *fmt, ...)
{
    va_list ap;

    if (diag_quiet || !isatty(STDERR_FILENO))
        return;
    fputs("\rsgmap: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\033[K", stderr);
    fflush(stderr);
    diag_progress_shown = 1;
}

void diag_progress_done(void)
{
    if (!diag_progress_shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    diag_progress_shown = 0;
}

static void diag_emit(const struct srcloc *loc, const char *level, const char *fmt, va_list ap)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    diag_progress_done();

    strbuf_addstr(&sb, "sgmap: ");
    if (loc && loc->file) {
        strbuf_addstr(&sb, loc->file);
        if (loc->line > 0) {
            strbuf_addf(&sb, ":%d", loc->line);
            if (loc->col > 0)
                strbuf_addf(&sb, ":%d", loc->col);
        }
        strbuf_addstr(&sb, ": ");
        if (loc->line <= 0 && loc->path && *loc->path)
            strbuf_addf(&sb, "%s: ", loc->path);
    }
    strbuf_addf(&sb, "%s: ", level);
    strbuf_vaddf(&sb, fmt, ap);
    for (i = 0; i < sb.len; i++) {
        unsigned char c = (unsigned char)sb.buf[i];
        if (c < 0x20 || c == 0x7f)
            sb.buf[i] = '?';
    }
    strbuf_addch(&sb, '\n');
    fputs(sb.buf, stderr);
    strbuf_release(&sb);
}

void diag_verror(const struct srcloc *loc, const char *fmt, va_list ap)
{
    diag_emit(loc, "error", fmt, ap);
    diag_nerrors++;
    diag_record(EXIT_BAD_INPUT);
}

void diag_vwarning(const struct srcloc *loc, const char *fmt, va_list ap)
{
    diag_emit(loc, "warning", fmt, ap);
}

void diag_vnote(const struct srcloc *loc, const char *fmt, va_list ap)
{
    if (!diag_quiet)
        diag_emit(loc, "note", fmt, ap);
}

void diag_error(const struct srcloc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(loc, fmt, ap);
    va_end(ap);
}

void diag_warning(const struct srcloc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vwarning(loc, fmt, ap);
    va_end(ap);
}

void diag_note(const struct srcloc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vnote(loc, fmt, ap);
    va_end(ap);
}

void diag_system(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_emit(NULL, "error", fmt, ap);
    va_end(ap);
    diag_nerrors++;
    diag_record(EXIT_SYSTEM);
}

void diag_die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_emit(NULL, "error", fmt, ap);
    va_end(ap);
    exit(status);
}
