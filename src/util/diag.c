/*
 * diag.c - messages to stderr and the exit status they imply.
 *
 * Format (DESIGN.md): "sgmap: FILE:LINE:COL: LEVEL: MESSAGE", or with a JSON
 * path "sgmap: FILE: PATH: LEVEL: MESSAGE". Input text in a message is
 * shown as a person should see it (diag.h): one line, with nothing
 * invisible, reordering or undecodable in it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"
#include "utf8.h"

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

/*
 * Append the n bytes at s (NUL-terminated after them) to sb as a person
 * should see them: control characters as '?', invisible characters and
 * invalid UTF-8 by name (utf8_show()).
 */
static void add_visible(struct strbuf *sb, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    while (p < end) {
        size_t before = sb->len, len;
        if (*p < 0x80) {
            strbuf_addch(sb, *p < 0x20 || *p == 0x7f ? '?' : *p);
            p++;
            continue;
        }
        len = utf8_show(p, sb);
        if (sb->len == before)
            strbuf_add(sb, (const char *)p, len);
        p += len;
    }
}

/* Format fmt into sb, shown as add_visible() does. */
static void add_visible_vf(struct strbuf *sb, const char *fmt, va_list ap)
{
    struct strbuf raw = STRBUF_INIT;

    strbuf_vaddf(&raw, fmt, ap);
    add_visible(sb, raw.buf, raw.len);
    strbuf_release(&raw);
}

void diag_progress(const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;

    if (diag_quiet || !isatty(STDERR_FILENO))
        return;
    strbuf_addstr(&sb, "\rsgmap: ");
    va_start(ap, fmt);
    add_visible_vf(&sb, fmt, ap);
    va_end(ap);
    strbuf_addstr(&sb, "\033[K");
    fputs(sb.buf, stderr);
    fflush(stderr);
    strbuf_release(&sb);
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

void diag_where(struct strbuf *sb, const struct srcloc *loc)
{
    if (!loc->file)
        return;
    add_visible(sb, loc->file, strlen(loc->file));
    if (loc->line > 0) {
        strbuf_addf(sb, ":%d", loc->line);
        if (loc->col > 0)
            strbuf_addf(sb, ":%d", loc->col);
    } else if (loc->path && *loc->path) {
        strbuf_addstr(sb, ": ");
        add_visible(sb, loc->path, strlen(loc->path));
    }
}

void diag_vformat(struct strbuf *sb, const struct srcloc *loc, const char *level,
                  const char *fmt, va_list ap)
{
    strbuf_addstr(sb, "sgmap: ");
    if (loc && loc->file) {
        diag_where(sb, loc);
        strbuf_addstr(sb, ": ");
    }
    strbuf_addstr(sb, level);
    strbuf_addstr(sb, ": ");
    add_visible_vf(sb, fmt, ap);
    strbuf_addch(sb, '\n');
}

void diag_format(struct strbuf *sb, const struct srcloc *loc, const char *level,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vformat(sb, loc, level, fmt, ap);
    va_end(ap);
}

static void diag_emit(const struct srcloc *loc, const char *level, const char *fmt, va_list ap)
{
    struct strbuf sb = STRBUF_INIT;

    diag_progress_done();
    diag_vformat(&sb, loc, level, fmt, ap);
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
