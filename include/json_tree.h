/*
 * json_tree.h - sgmap's own JSON parser and the compact tree it builds,
 * for large inputs (the AWS importer reads accounts of tens of megabytes).
 *
 * One pass over the text, no recursion, everything in one arena: strings
 * are copied once (decoded, NUL-terminated) and packed without alignment
 * padding; object keys, which repeat in every element of a list, are kept
 * once per parser; an object is an array of key/value members in the
 * order written, an array an array of values. Numbers keep their text and
 * are converted when read (jn_long(), jn_double()), so a number too large
 * for a machine type is reported where it is used, not refused while
 * parsing. The input is only read: it can be freed as soon as
 * jn_parse() returns.
 *
 * Refused with an error at a byte offset (the reader turns it into
 * line:col, see jr_syntax_error()): anything that is not RFC 8259 JSON,
 * invalid UTF-8, a NUL byte, \u0000 in a string (C strings could not hold
 * it), a duplicate key in one object, nesting deeper than JN_MAX_DEPTH.
 */
#ifndef SGMAP_JSON_TREE_H
#define SGMAP_JSON_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum jn_type {
    JN_NULL,
    JN_FALSE,
    JN_TRUE,
    JN_INTEGER, /* a number without fraction or exponent */
    JN_REAL,    /* a number with one */
    JN_STRING,
    JN_ARRAY,
    JN_OBJECT,
};

struct jmember;

/* A value: 16 bytes. */
struct jnode {
    unsigned char type; /* enum jn_type */
    uint32_t n;         /* bytes of a string or a number's text, elements, members */
    union {
        const char *text;              /* string (decoded) or number text, NUL-terminated */
        const struct jnode *items;     /* array */
        const struct jmember *members; /* object */
    } u;
};

struct jmember {
    const char *key; /* shared by every member with this key */
    struct jnode value;
};

/* Deeper nesting is refused (the parser needs no stack, but its readers recurse). */
#define JN_MAX_DEPTH 512

/* Why a parse failed: where (a byte offset in the text) and what. */
struct jn_error {
    size_t offset;
    char text[200];
};

struct jn_parser;

/* A parser that allocates every tree it builds from a (freed with the arena). */
struct jn_parser *jn_parser_new(struct arena *a);
/* Free the parser (its key table and scratch space); the trees stay in the arena. */
void jn_parser_free(struct jn_parser *p);

/*
 * Parse the JSON value starting at data[*off] (white space first is
 * skipped) up to len; data need not be NUL-terminated. Returns the value
 * and sets *off to the byte after it (what follows is the caller's, e.g.
 * the next of concatenated documents), or NULL with *err filled.
 */
const struct jnode *jn_parse(struct jn_parser *p, const char *data, size_t len, size_t *off,
                             struct jn_error *err);

/* The line and column (1-based, in bytes) of offset in data. */
void jn_line_col(const char *data, size_t offset, size_t *line, size_t *col);

/* ===== Reading a tree (NULL is accepted where a value is, as absent) ===== */

/* obj[key] (the first member named key), or NULL when absent or obj is no object. */
const struct jnode *jn_get(const struct jnode *obj, const char *key);
/* Elements of an array / members of an object; 0 for anything else. */
size_t jn_len(const struct jnode *v);
/* The key of member i of an object, or NULL. */
const char *jn_key(const struct jnode *obj, size_t i);
/* Element i of an array, or NULL. */
const struct jnode *jn_at(const struct jnode *arr, size_t i);
/* The type, JN_NULL for NULL. */
enum jn_type jn_typeof(const struct jnode *v);
/* The string, or NULL when v is no string. */
const char *jn_str(const struct jnode *v);
/*
 * An integer's value: 1 and *out when v is an integer (JN_INTEGER) within
 * [min, max], 0 when it is outside (too large for any machine type too).
 */
int jn_long(const struct jnode *v, long min, long max, long *out);
/* A number's value as a double (an integer too); HUGE_VAL when it overflows. */
double jn_double(const struct jnode *v);

#endif
