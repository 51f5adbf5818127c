/*
 * utf8.h - the one place that knows UTF-8: decoding, encoding, and which
 * characters a person cannot see.
 *
 * Text from the inputs is hostile: a zero-width space makes "admin" and
 * "admin\u200b" look the same, and a bidirectional override reorders what a
 * reviewer reads ("Trojan Source"). Every writer meant for people shows such
 * characters visibly (utf8_is_invisible() decides which).
 */
#ifndef SGMAP_UTF8_H
#define SGMAP_UTF8_H

#include <stddef.h>

struct strbuf;

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is invalid
 * (overlong, a surrogate, beyond U+10FFFF, or cut short by a NUL). */
size_t utf8_seq_len(const unsigned char *s);
/* The code point of the valid n-byte sequence at s (see utf8_seq_len). */
unsigned utf8_decode(const unsigned char *s, size_t n);
/* Append code point cp (at most U+10FFFF, no surrogate) as UTF-8. */
void utf8_append(struct strbuf *sb, unsigned cp);

/*
 * Would a person not see cp, or see the text around it reordered? Zero-width
 * and other format characters (U+200B-U+200F, U+2060-U+2064, U+FEFF,
 * U+00AD, U+180E, U+061C, U+034F, variation selectors U+FE00-U+FE0F), the
 * bidirectional controls (U+202A-U+202E, U+2066-U+2069), line and paragraph
 * separators (U+2028, U+2029), C1 controls (U+0080-U+009F) and the tag
 * characters (U+E0000-U+E007F).
 */
int utf8_is_invisible(unsigned cp);
/* Is cp a bidirectional control (a subset of the above)? */
int utf8_is_bidi_control(unsigned cp);
/* Append "<U+200B>" for cp: how people are shown an invisible character. */
void utf8_append_visible(struct strbuf *sb, unsigned cp);
/*
 * How a person is shown the character at s (NUL-terminated, not at its
 * end): returns its length in bytes (1 for an ASCII or an invalid byte).
 * When it is invisible, its name ("<U+200B>") is appended to shown; when it
 * is a byte of invalid UTF-8, "<0xFF>"; else shown is left as it is, and
 * the bytes stand for themselves. ASCII is the caller's to show.
 */
size_t utf8_show(const unsigned char *s, struct strbuf *shown);

#endif
