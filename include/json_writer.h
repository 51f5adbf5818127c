/*
 * json_writer.h - the one JSON writer, used by the JSON, SARIF and view
 * writers.
 *
 * It streams: each call appends to a buffer that is flushed to a FILE *
 * as it fills (or kept in a strbuf), so no tree is built for output. The
 * layout is the one the outputs have always had: two spaces of indent per
 * level, one member or element a line, "key": value, empty containers as
 * {} and [], no newline at the end until jw_finish().
 *
 * Strings come out as valid UTF-8 that shows what a person could not see:
 * '"' and '\' are escaped, \b \f \n \r \t as such, other control characters
 * (C0, DEL) and the invisible characters of utf8_is_invisible() as \uXXXX
 * (a surrogate pair above U+FFFF), so the text is visible and the data
 * stays exact; every byte that is not valid UTF-8 becomes \uFFFD.
 *
 * Misuse (a value where a key is due, unbalanced ends, nesting deeper than
 * JW_MAX_DEPTH) is a programming error and aborts.
 */
#ifndef SGMAP_JSON_WRITER_H
#define SGMAP_JSON_WRITER_H

#include <stdio.h>

#include "strbuf.h"

#define JW_MAX_DEPTH 32

struct json_writer {
    FILE *fp;              /* flushed to, or NULL: everything stays in out */
    struct strbuf out;     /* not yet flushed (all of it without fp) */
    int depth;             /* open containers */
    int error;             /* a write to fp failed */
    unsigned char count[JW_MAX_DEPTH]; /* per open container: 0 empty, 1 not */
    char is_object[JW_MAX_DEPTH];
    int want_value;        /* a key was written: its value comes next */
};

/* Write to fp (buffered; jw_finish() flushes). */
void jw_init_file(struct json_writer *w, FILE *fp);
/* Write into w->out; take the text with strbuf_detach(&w->out). */
void jw_init_buffer(struct json_writer *w);

void jw_object_begin(struct json_writer *w);
void jw_object_end(struct json_writer *w);
void jw_array_begin(struct json_writer *w);
void jw_array_end(struct json_writer *w);
/* The key of the next member of the open object. */
void jw_key(struct json_writer *w, const char *key);

/* Values: an element of the open array, the value of the last key, or the
 * document itself. jw_string(NULL) and jw_string_n(NULL, 0) write null. */
void jw_string(struct json_writer *w, const char *s);
void jw_string_n(struct json_writer *w, const char *s, size_t n);
void jw_int(struct json_writer *w, long long n);
void jw_uint(struct json_writer *w, unsigned long long n);
void jw_bool(struct json_writer *w, int b);
void jw_null(struct json_writer *w);

/* Shorthands for a member: jw_key then the value. */
void jw_member_string(struct json_writer *w, const char *key, const char *s);
void jw_member_int(struct json_writer *w, const char *key, long long n);
void jw_member_bool(struct json_writer *w, const char *key, int b);

/* Append s to sb as the inside of a JSON string (escaped as above, no
 * quotes). */
void jw_escape(struct strbuf *sb, const char *s, size_t n);

/*
 * End the document with a newline and flush it to the file. Returns 0, or
 * -1 when writing failed. A writer on a buffer keeps the text in w->out;
 * one on a file releases its buffer.
 */
int jw_finish(struct json_writer *w);

#endif
