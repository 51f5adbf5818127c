/*
 * strbuf.c - a growable, always NUL-terminated string (see strbuf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb)
{
    sb->buf = strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
    char *s = sb->alloc ? sb->buf : xstrdup("");
    strbuf_init(sb);
    return s;
}

static void strbuf_reserve(struct strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return;
    if (!sb->alloc)
        sb->buf = NULL;
    xgrow((void **)&sb->buf, &sb->alloc, need, 1);
}

void strbuf_add(struct strbuf *sb, const char *data, size_t n)
{
    strbuf_reserve(sb, n);
    memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
    strbuf_reserve(sb, 1);
    sb->buf[sb->len++] = (char)c;
    sb->buf[sb->len] = '\0';
}

void strbuf_adduint(struct strbuf *sb, unsigned long long n)
{
    char digits[24];
    size_t i = sizeof(digits);

    do {
        digits[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    strbuf_add(sb, digits + i, sizeof(digits) - i);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    size_t avail;
    int n;

    /* Most results are short: format once into the free space, and only
     * when that was too small grow the buffer and format again. */
    strbuf_reserve(sb, 64);
    avail = sb->alloc - sb->len;
    va_copy(cp, ap);
    n = vsnprintf(sb->buf + sb->len, avail, fmt, cp);
    va_end(cp);
    if (n <= 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= avail) {
        strbuf_reserve(sb, (size_t)n);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}
