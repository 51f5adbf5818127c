/*
 * json_tree.c - sgmap's JSON parser (json_tree.h): one pass over the text
 * into a compact tree in an arena, with the reason and byte offset of the
 * first error; and the accessors of the tree.
 *
 * The parser keeps an explicit stack of open containers. A value that is
 * complete goes onto a scratch stack of elements or members; when its
 * container closes, exactly its elements are copied into the arena, so the
 * tree holds no spare room and the scratch stacks, reused from container
 * to container, stay as small as the widest open ones.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_tree.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* A key, kept once per parser; the members point at its text. */
struct jkey {
    size_t stamp; /* the duplicate check that last saw it */
    size_t first; /* there: the index of its first member */
    char text[];
};

/* An open container: where its elements start on the scratch stack. */
struct frame {
    unsigned char type; /* JN_ARRAY or JN_OBJECT */
    size_t start;
    size_t open; /* offset of its bracket */
};

/* A member being collected: its key's offset too, for a duplicate's message. */
struct pending {
    struct jmember m;
    size_t key_off;
};

/* Memory the tree is packed into: chunks of the arena, bumped without
 * padding. A chunk is the arena's first block, so that its blocks grow
 * as for any other use (to huge pages, see arena.h). */
#define POOL_CHUNK ARENA_FIRST_BLOCK

struct pool {
    char *next, *end;
};

struct jn_parser {
    struct arena *a;
    struct strmap *keys; /* key text -> struct jkey */
    struct pool nodes;   /* 8-byte aligned: element and member arrays */
    struct pool bytes;   /* strings and number texts */
    struct jnode *items; /* scratch: elements of the open arrays */
    size_t nitems, items_alloc;
    struct pending *members; /* scratch: members of the open objects */
    size_t nmembers, members_alloc;
    struct strbuf decoded; /* scratch: a string with escapes, decoded */
    size_t stamp;          /* duplicate checks so far */
    /* The text being parsed. */
    const char *data;
    size_t len;
    struct jn_error *err;
};

struct jn_parser *jn_parser_new(struct arena *a)
{
    struct jn_parser *p = xcalloc(1, sizeof(*p));
    p->a = a;
    p->keys = strmap_new_sized(256);
    strbuf_init(&p->decoded);
    return p;
}

void jn_parser_free(struct jn_parser *p)
{
    if (!p)
        return;
    strmap_free(p->keys);
    free(p->items);
    free(p->members);
    strbuf_release(&p->decoded);
    free(p);
}

/* n bytes aligned to align (1 or 8) from pool pl. */
static void *pool_alloc(struct jn_parser *p, struct pool *pl, size_t n, size_t align)
{
    char *at;

    if (n > POOL_CHUNK / 4)
        return arena_alloc_raw(p->a, n); /* large: a block of its own */
    at = pl->next ? (char *)(((uintptr_t)pl->next + align - 1) & ~(uintptr_t)(align - 1)) : NULL;
    if (!at || (size_t)(pl->end - at) < n) {
        at = arena_alloc_raw(p->a, POOL_CHUNK);
        pl->end = at + POOL_CHUNK;
    }
    pl->next = at + n;
    return at;
}

/* A NUL-terminated copy of s[0..n) in the tree. */
static const char *copy_text(struct jn_parser *p, const char *s, size_t n)
{
    char *copy = pool_alloc(p, &p->bytes, n + 1, 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

/* ===== Errors ===== */

void jn_line_col(const char *data, size_t offset, size_t *line, size_t *col)
{
    size_t i, start = 0;

    *line = 1;
    for (i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    }
    *col = offset - start + 1;
}

/* Record the error at offset; returns NULL for the caller to return. */
static void *fail(struct jn_parser *p, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void *fail(struct jn_parser *p, size_t offset, const char *fmt, ...)
{
    va_list ap;

    p->err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(p->err->text, sizeof(p->err->text), fmt, ap);
    va_end(ap);
    return NULL;
}

static int is_word(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-' || ch == '+' || ch == '.';
}

/* What is at offset, for a message: 'word', 'x', a byte, the end. */
static const char *found(struct jn_parser *p, size_t at, char *buf, size_t size)
{
    const unsigned char *s = (const unsigned char *)p->data + at;
    size_t n = 0, left = p->len - at;

    if (at >= p->len)
        return "the end of the input";
    if (*s == '\0')
        return "a NUL byte";
    if (*s == '"') {
        /* A string: show it, up to its closing quote. */
        for (n = 1; n < left && n < 32 && s[n] != '"' && s[n] >= ' ' && s[n] < 0x7f; n++)
            ;
        snprintf(buf, size, "'%.*s%s'", (int)(n + (n < left && s[n] == '"')), (const char *)s,
                 n < left && s[n] == '"' ? "" : "...");
    } else if (*s == '\'') {
        return "a single quote (JSON strings take double quotes)";
    } else if (is_word(*s)) {
        while (n < left && n < 32 && is_word(s[n]))
            n++;
        snprintf(buf, size, "'%.*s%s'", (int)n, (const char *)s,
                 n < left && is_word(s[n]) ? "..." : "");
    } else if (*s > ' ' && *s < 0x7f) {
        snprintf(buf, size, "'%c'", *s);
    } else {
        unsigned char seq[5] = {0};
        memcpy(seq, s, left < 4 ? left : 4);
        n = utf8_seq_len(seq);
        if (*s >= 0x80 && n > 1)
            snprintf(buf, size, "'%.*s'", (int)n, (const char *)s);
        else if (*s >= 0x80)
            snprintf(buf, size, "the byte 0x%02X, which is not UTF-8", *s);
        else
            snprintf(buf, size, "the control character 0x%02X", *s);
    }
    return buf;
}

/* "expected WHAT, found ..." at offset. */
static void *expected(struct jn_parser *p, size_t at, const char *what)
{
    char buf[80];
    return fail(p, at, "expected %s, found %s", what, found(p, at, buf, sizeof(buf)));
}

/* ===== Scanning ===== */

static size_t skip_space(const struct jn_parser *p, size_t i)
{
    static const char spaces[8] = "        ";

    for (;;) {
        /* Indentation first, eight spaces at a time (the AWS CLI indents by 4). */
        while (p->len - i >= 8 && memcmp(p->data + i, spaces, 8) == 0)
            i += 8;
        if (i < p->len && (p->data[i] == ' ' || p->data[i] == '\n' || p->data[i] == '\r' ||
                           p->data[i] == '\t'))
            i++;
        else
            return i;
    }
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* The four hex digits at i as a number, or -1. */
static long hex4(const struct jn_parser *p, size_t i)
{
    long v = 0;
    size_t k;

    if (p->len - i < 4)
        return -1;
    for (k = 0; k < 4; k++) {
        int d = hex_value(p->data[i + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/*
 * Decode the escape at i (on the backslash) of the string whose quote is
 * at q into p->decoded; returns the offset after it, or 0 after an error.
 */
static size_t unescape(struct jn_parser *p, size_t q, size_t i)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit;
    long cp, lo;

    if (i + 1 >= p->len) {
        fail(p, q, "a string that is not closed before the end of the input");
        return 0;
    }
    if (p->data[i + 1] != 'u') {
        if (!p->data[i + 1] || !(hit = strchr(from, p->data[i + 1]))) {
            unsigned char ch = (unsigned char)p->data[i + 1];
            if (ch > ' ' && ch < 0x7f)
                fail(p, i, "invalid escape '\\%c' in a string", ch);
            else
                fail(p, i, "invalid escape in a string (a backslash before the byte 0x%02X)",
                     ch);
            return 0;
        }
        strbuf_addch(&p->decoded, to[hit - from]);
        return i + 2;
    }
    if ((cp = hex4(p, i + 2)) < 0) {
        fail(p, i, "invalid \\u escape in a string (four hex digits expected)");
        return 0;
    }
    i += 6;
    if (cp >= 0xd800 && cp <= 0xdbff) {
        /* A surrogate pair: the low half must follow as \uDC00-\uDFFF. */
        if (p->len - i < 6 || p->data[i] != '\\' || p->data[i + 1] != 'u' ||
            (lo = hex4(p, i + 2)) < 0xdc00 || lo > 0xdfff) {
            fail(p, i - 6, "invalid \\u escape in a string: a lone UTF-16 surrogate (\\u%04lX)",
                 cp);
            return 0;
        }
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i += 6;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
        fail(p, i - 6, "invalid \\u escape in a string: a lone UTF-16 surrogate (\\u%04lX)", cp);
        return 0;
    } else if (cp == 0) {
        fail(p, i - 6, "a string contains \\u0000, which sgmap cannot hold");
        return 0;
    }
    utf8_append(&p->decoded, (unsigned)cp);
    return i;
}

/*
 * Scan the string whose quote is at q: its raw text is data[q+1..*end-1),
 * *end is after the closing quote. Returns 1 when it holds no escape (the
 * raw text is the string), 0 when it does (p->decoded holds the string),
 * -1 after an error.
 */
static int scan_string(struct jn_parser *p, size_t q, size_t *end)
{
    const unsigned char *d = (const unsigned char *)p->data;
    size_t i = q + 1, run = i;
    int plain = 1;

    for (;;) {
        /* The common case: printable ASCII. */
        while (i < p->len && d[i] >= 0x20 && d[i] < 0x80 && d[i] != '"' && d[i] != '\\')
            i++;
        if (i >= p->len) {
            fail(p, q, "a string that is not closed before the end of the input");
            return -1;
        }
        if (d[i] == '"')
            break;
        if (d[i] == '\\') {
            if (plain) {
                strbuf_reset(&p->decoded);
                plain = 0;
            }
            strbuf_add(&p->decoded, p->data + run, i - run);
            if (!(i = unescape(p, q, i)))
                return -1;
            run = i;
        } else if (d[i] >= 0x80) {
            unsigned char seq[5] = {0};
            size_t n;
            memcpy(seq, d + i, p->len - i < 4 ? p->len - i : 4);
            if (!(n = utf8_seq_len(seq))) {
                fail(p, i, "invalid UTF-8 in a string (the byte 0x%02X)", d[i]);
                return -1;
            }
            i += n;
        } else if (d[i] == 0) {
            fail(p, i, "a NUL byte in a string");
            return -1;
        } else {
            fail(p, i, "a raw control character (0x%02X) in a string: is a closing quote "
                       "missing?", d[i]);
            return -1;
        }
    }
    if (!plain)
        strbuf_add(&p->decoded, p->data + run, i - run);
    *end = i + 1;
    return plain;
}

/* A string value at q; *end after it. */
static int parse_string(struct jn_parser *p, size_t q, size_t *end, struct jnode *v)
{
    int plain = scan_string(p, q, end);

    if (plain < 0)
        return -1;
    v->type = JN_STRING;
    if (plain) {
        v->n = (uint32_t)(*end - q - 2);
        v->u.text = copy_text(p, p->data + q + 1, v->n);
    } else {
        v->n = (uint32_t)p->decoded.len;
        v->u.text = copy_text(p, p->decoded.buf, p->decoded.len);
    }
    return 0;
}

/* The key whose quote is at q, kept once; *end after it. */
static struct jkey *parse_key(struct jn_parser *p, size_t q, size_t *end)
{
    int plain = scan_string(p, q, end);
    const char *s;
    size_t n;
    struct jkey *k;

    if (plain < 0)
        return NULL;
    s = plain ? p->data + q + 1 : p->decoded.buf;
    n = plain ? *end - q - 2 : p->decoded.len;
    if ((k = strmap_getn(p->keys, s, n)) == NULL) {
        k = pool_alloc(p, &p->nodes, sizeof(*k) + n + 1, sizeof(size_t));
        k->stamp = 0;
        memcpy(k->text, s, n);
        k->text[n] = '\0';
        strmap_put(p->keys, k->text, k);
    }
    return k;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A number at i (RFC 8259's grammar); *end after it. */
static int parse_number(struct jn_parser *p, size_t i, size_t *end, struct jnode *v)
{
    const char *d = p->data;
    size_t k = i;

    v->type = JN_INTEGER;
    if (k < p->len && d[k] == '-')
        k++;
    if (k < p->len && d[k] == '0') {
        k++;
    } else if (k < p->len && is_digit(d[k])) {
        while (k < p->len && is_digit(d[k]))
            k++;
    } else {
        goto bad;
    }
    if (k < p->len && d[k] == '.') {
        v->type = JN_REAL;
        if (++k >= p->len || !is_digit(d[k]))
            goto bad;
        while (k < p->len && is_digit(d[k]))
            k++;
    }
    if (k < p->len && (d[k] == 'e' || d[k] == 'E')) {
        v->type = JN_REAL;
        k++;
        if (k < p->len && (d[k] == '+' || d[k] == '-'))
            k++;
        if (k >= p->len || !is_digit(d[k]))
            goto bad;
        while (k < p->len && is_digit(d[k]))
            k++;
    }
    /* A number ends at a delimiter: "01", "1x" are not numbers. */
    if (k < p->len && is_word((unsigned char)d[k]))
        goto bad;
    v->n = (uint32_t)(k - i);
    v->u.text = copy_text(p, d + i, k - i);
    *end = k;
    return 0;
bad: {
        char buf[80];
        fail(p, i, "invalid number %s", found(p, i, buf, sizeof(buf)));
        return -1;
    }
}

/* ===== The parser ===== */

/* Append v to the open container on top (the last of frames[0..depth)). */
static void add_item(struct jn_parser *p, const struct jnode *v)
{
    XGROW(p->items, p->items_alloc, p->nitems + 1);
    p->items[p->nitems++] = *v;
}

/*
 * Check the members of the object closing (from start on the scratch
 * stack) for a key given twice: 0, or -1 after reporting the second one.
 */
static int check_duplicates(struct jn_parser *p, size_t start)
{
    size_t i, stamp = ++p->stamp;

    for (i = start; i < p->nmembers; i++) {
        struct jkey *k =
            (struct jkey *)(void *)((char *)(uintptr_t)p->members[i].m.key -
                                    offsetof(struct jkey, text));
        if (k->stamp == stamp) {
            size_t line, col;
            jn_line_col(p->data, p->members[k->first].key_off, &line, &col);
            fail(p, p->members[i].key_off,
                 "duplicate key \"%.60s\" in one object (given first at line %zu, column %zu)",
                 k->text, line, col);
            return -1;
        }
        k->stamp = stamp;
        k->first = i;
    }
    return 0;
}

/* Close the container on top into v: its elements move into the tree. */
static int close_container(struct jn_parser *p, const struct frame *f, struct jnode *v)
{
    v->type = f->type;
    if (f->type == JN_ARRAY) {
        size_t n = p->nitems - f->start;
        struct jnode *items = n ? pool_alloc(p, &p->nodes, n * sizeof(*items), 8) : NULL;
        if (n)
            memcpy(items, p->items + f->start, n * sizeof(*items));
        v->n = (uint32_t)n;
        v->u.items = items;
        p->nitems = f->start;
    } else {
        size_t n = p->nmembers - f->start, i;
        struct jmember *members;
        if (check_duplicates(p, f->start) < 0)
            return -1;
        members = n ? pool_alloc(p, &p->nodes, n * sizeof(*members), 8) : NULL;
        for (i = 0; i < n; i++)
            members[i] = p->members[f->start + i].m;
        v->n = (uint32_t)n;
        v->u.members = members;
        p->nmembers = f->start;
    }
    return 0;
}

/* Read a key and its colon at i (on the quote); returns the offset of the value, 0 on error. */
static size_t member_key(struct jn_parser *p, size_t i)
{
    struct jkey *k;
    size_t end;

    if ((k = parse_key(p, i, &end)) == NULL)
        return 0;
    /* Counted now, so that the members of its value go after it. */
    XGROW(p->members, p->members_alloc, p->nmembers + 1);
    p->members[p->nmembers].m.key = k->text;
    p->members[p->nmembers++].key_off = i;
    end = skip_space(p, end);
    if (end >= p->len || p->data[end] != ':') {
        char what[100];
        snprintf(what, sizeof(what), "':' after the key \"%.40s\"", k->text);
        expected(p, end, what);
        return 0;
    }
    return skip_space(p, end + 1);
}

const struct jnode *jn_parse(struct jn_parser *p, const char *data, size_t len, size_t *off,
                             struct jn_error *err)
{
    struct frame frames[JN_MAX_DEPTH];
    size_t depth = 0, i;
    struct jnode v;
    struct jnode *root;

    p->data = data;
    p->len = len;
    p->err = err;
    err->text[0] = '\0';
    p->nitems = p->nmembers = 0;
    i = skip_space(p, *off);
    for (;;) {
        /* A value at i. */
        size_t end = i;
        char ch = i < len ? data[i] : '\0';

        if (ch == '{' || ch == '[') {
            if (depth == JN_MAX_DEPTH)
                return fail(p, i, "nesting is too deep (more than %d levels)", JN_MAX_DEPTH);
            frames[depth].type = ch == '{' ? JN_OBJECT : JN_ARRAY;
            frames[depth].start = ch == '{' ? p->nmembers : p->nitems;
            frames[depth].open = i;
            depth++;
            i = skip_space(p, i + 1);
            if (i < len && data[i] == (ch == '{' ? '}' : ']')) {
                end = i + 1;
                if (close_container(p, &frames[--depth], &v) < 0)
                    return NULL;
            } else if (i >= len) {
                goto unclosed;
            } else if (ch == '{') {
                if (data[i] != '"')
                    return expected(p, i, "a key (a string in double quotes) or '}'");
                if (!(i = member_key(p, i)))
                    return NULL;
                continue;
            } else {
                continue;
            }
        } else if (ch == '"') {
            if (parse_string(p, i, &end, &v) < 0)
                return NULL;
        } else if (ch == '-' || is_digit(ch)) {
            if (parse_number(p, i, &end, &v) < 0)
                return NULL;
        } else if (len - i >= 4 && memcmp(data + i, "true", 4) == 0 &&
                   (len - i == 4 || !is_word((unsigned char)data[i + 4]))) {
            v.type = JN_TRUE;
            end = i + 4;
        } else if (len - i >= 5 && memcmp(data + i, "false", 5) == 0 &&
                   (len - i == 5 || !is_word((unsigned char)data[i + 5]))) {
            v.type = JN_FALSE;
            end = i + 5;
        } else if (len - i >= 4 && memcmp(data + i, "null", 4) == 0 &&
                   (len - i == 4 || !is_word((unsigned char)data[i + 4]))) {
            v.type = JN_NULL;
            end = i + 4;
        } else if (i >= len && depth > 0) {
            goto unclosed;
        } else {
            return expected(p, i, "a value");
        }
        /* v is complete and ends at end: give it to its container, and
         * close every container that ends after it. */
        for (;;) {
            struct frame *f;
            char close;
            size_t comma;

            if (depth == 0) {
                root = pool_alloc(p, &p->nodes, sizeof(*root), 8);
                *root = v;
                *off = end;
                return root;
            }
            f = &frames[depth - 1];
            if (f->type == JN_ARRAY)
                add_item(p, &v);
            else
                p->members[p->nmembers - 1].m.value = v;
            close = f->type == JN_ARRAY ? ']' : '}';
            i = skip_space(p, end);
            if (i >= len)
                goto unclosed;
            if (data[i] == close) {
                end = i + 1;
                depth--;
                if (close_container(p, f, &v) < 0)
                    return NULL;
                continue;
            }
            if (data[i] != ',')
                return expected(p, i, f->type == JN_ARRAY ? "',' or ']' after an element"
                                                          : "',' or '}' after a member");
            comma = i;
            i = skip_space(p, i + 1);
            if (i >= len)
                goto unclosed;
            if (data[i] == close)
                return fail(p, comma, "a comma before '%c' (JSON allows no trailing comma)",
                            close);
            if (f->type == JN_OBJECT) {
                if (data[i] != '"')
                    return expected(p, i, "a key (a string in double quotes)");
                if (!(i = member_key(p, i)))
                    return NULL;
            }
            break;
        }
    }
unclosed: {
        const struct frame *f = &frames[depth - 1];
        size_t line, col;
        jn_line_col(data, f->open, &line, &col);
        return fail(p, len, "the input ends before the %s opened at line %zu, column %zu "
                            "is closed", f->type == JN_ARRAY ? "array" : "object", line, col);
    }
}

/* ===== Reading a tree ===== */

const struct jnode *jn_get(const struct jnode *obj, const char *key)
{
    size_t i;

    if (!obj || obj->type != JN_OBJECT)
        return NULL;
    for (i = 0; i < obj->n; i++)
        if (obj->u.members[i].key[0] == key[0] && strcmp(obj->u.members[i].key, key) == 0)
            return &obj->u.members[i].value;
    return NULL;
}

size_t jn_len(const struct jnode *v)
{
    return v && (v->type == JN_ARRAY || v->type == JN_OBJECT) ? v->n : 0;
}

const char *jn_key(const struct jnode *obj, size_t i)
{
    return obj && obj->type == JN_OBJECT && i < obj->n ? obj->u.members[i].key : NULL;
}

const struct jnode *jn_at(const struct jnode *arr, size_t i)
{
    return arr && arr->type == JN_ARRAY && i < arr->n ? &arr->u.items[i] : NULL;
}

enum jn_type jn_typeof(const struct jnode *v)
{
    return v ? (enum jn_type)v->type : JN_NULL;
}

const char *jn_str(const struct jnode *v)
{
    return v && v->type == JN_STRING ? v->u.text : NULL;
}

int jn_long(const struct jnode *v, long min, long max, long *out)
{
    const char *s;
    long n = 0;
    int neg;

    if (!v || v->type != JN_INTEGER)
        return 0;
    s = v->u.text;
    neg = *s == '-';
    s += neg;
    for (; *s; s++) {
        int d = *s - '0';
        /* Accumulate negatively: LONG_MIN has no positive twin. */
        if (n < (LONG_MIN + d) / 10)
            return 0;
        n = n * 10 - d;
    }
    if (!neg) {
        if (n < -LONG_MAX)
            return 0;
        n = -n;
    }
    if (n < min || n > max)
        return 0;
    *out = n;
    return 1;
}

double jn_double(const struct jnode *v)
{
    if (!v || (v->type != JN_INTEGER && v->type != JN_REAL))
        return 0;
    errno = 0;
    return strtod(v->u.text, NULL);
}
