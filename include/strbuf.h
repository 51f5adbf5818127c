/*
 * strbuf.h - a growable string.
 *
 * Invariants: buf is never NULL and always NUL-terminated (STRBUF_INIT points
 * it at a shared empty string until the first append); len excludes the NUL.
 * strbuf_detach() hands the buffer to the caller.
 */
#ifndef SGMAP_STRBUF_H
#define SGMAP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf;    /* the text, NUL-terminated */
    size_t len;   /* bytes used, excluding the NUL */
    size_t alloc; /* bytes allocated; 0 while buf is the shared empty string */
};

extern char strbuf_empty[];
#define STRBUF_INIT {strbuf_empty, 0, 0}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
/* Append n in decimal (faster than strbuf_addf on hot paths). */
void strbuf_adduint(struct strbuf *sb, unsigned long long n);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

#endif
