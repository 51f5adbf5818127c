/*
 * json_writer.c - the one streaming JSON writer (see json_writer.h): layout,
 * string escaping and buffered writing to a file.
 */
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "utf8.h"

/* Flush to the file once this much is buffered. */
#define JW_FLUSH_AT 65536

static void jw_init(struct json_writer *w, FILE *fp)
{
    memset(w, 0, sizeof(*w));
    w->fp = fp;
    strbuf_init(&w->out);
}

void jw_init_file(struct json_writer *w, FILE *fp)
{
    jw_init(w, fp);
}

void jw_init_buffer(struct json_writer *w)
{
    jw_init(w, NULL);
}

static void jw_flush(struct json_writer *w)
{
    if (!w->fp || !w->out.len)
        return;
    if (fwrite(w->out.buf, 1, w->out.len, w->fp) != w->out.len)
        w->error = 1;
    strbuf_reset(&w->out);
}

static void newline_indent(struct json_writer *w)
{
    static const char spaces[] = "                                ";
    size_t n = 2 * (size_t)w->depth;

    strbuf_addch(&w->out, '\n');
    while (n > 0) {
        size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
        strbuf_add(&w->out, spaces, k);
        n -= k;
    }
}

/* Before a value or a key: the separator and the indent of its line. */
static void before_item(struct json_writer *w, int is_key)
{
    if (w->want_value) {
        if (is_key)
            abort();
        w->want_value = 0;
        return;
    }
    if (w->depth == 0)
        return;
    if (w->is_object[w->depth - 1] != is_key)
        abort();
    if (w->count[w->depth - 1])
        strbuf_addch(&w->out, ',');
    w->count[w->depth - 1] = 1;
    newline_indent(w);
}

static void open_container(struct json_writer *w, char c, int is_object)
{
    before_item(w, 0);
    if (w->depth == JW_MAX_DEPTH)
        abort();
    strbuf_addch(&w->out, c);
    w->count[w->depth] = 0;
    w->is_object[w->depth] = (char)is_object;
    w->depth++;
}

static void close_container(struct json_writer *w, char c, int is_object)
{
    if (w->depth == 0 || w->want_value || w->is_object[w->depth - 1] != is_object)
        abort();
    w->depth--;
    if (w->count[w->depth])
        newline_indent(w);
    strbuf_addch(&w->out, c);
    if (w->out.len >= JW_FLUSH_AT)
        jw_flush(w);
}

void jw_object_begin(struct json_writer *w)
{
    open_container(w, '{', 1);
}

void jw_object_end(struct json_writer *w)
{
    close_container(w, '}', 1);
}

void jw_array_begin(struct json_writer *w)
{
    open_container(w, '[', 0);
}

void jw_array_end(struct json_writer *w)
{
    close_container(w, ']', 0);
}

static void add_u(struct strbuf *sb, unsigned cp)
{
    static const char hex[] = "0123456789ABCDEF";
    char u[6] = {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
                 hex[cp & 15]};
    strbuf_add(sb, u, sizeof(u));
}

/* Is c an ASCII byte written as it is? */
static int plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

void jw_escape(struct strbuf *sb, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    while (p < end) {
        const unsigned char *run = p;
        size_t len;

        while (p < end && plain(*p))
            p++;
        if (p > run)
            strbuf_add(sb, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        switch (*p) {
        case '"': strbuf_add(sb, "\\\"", 2); p++; continue;
        case '\\': strbuf_add(sb, "\\\\", 2); p++; continue;
        case '\b': strbuf_add(sb, "\\b", 2); p++; continue;
        case '\f': strbuf_add(sb, "\\f", 2); p++; continue;
        case '\n': strbuf_add(sb, "\\n", 2); p++; continue;
        case '\r': strbuf_add(sb, "\\r", 2); p++; continue;
        case '\t': strbuf_add(sb, "\\t", 2); p++; continue;
        default: break;
        }
        if (*p < 0x80) {
            add_u(sb, *p++); /* another C0 control, or DEL */
            continue;
        }
        len = utf8_seq_len(p);
        if (len == 0 || len > (size_t)(end - p)) {
            add_u(sb, 0xfffd);
            p++;
            continue;
        }
        {
            unsigned cp = utf8_decode(p, len);
            if (!utf8_is_invisible(cp)) {
                strbuf_add(sb, (const char *)p, len);
            } else if (cp < 0x10000) {
                add_u(sb, cp);
            } else {
                cp -= 0x10000;
                add_u(sb, 0xd800 + (cp >> 10));
                add_u(sb, 0xdc00 + (cp & 0x3ff));
            }
        }
        p += len;
    }
}

void jw_key(struct json_writer *w, const char *key)
{
    before_item(w, 1);
    strbuf_addch(&w->out, '"');
    jw_escape(&w->out, key, strlen(key));
    strbuf_add(&w->out, "\": ", 3);
    w->want_value = 1;
}

void jw_string_n(struct json_writer *w, const char *s, size_t n)
{
    if (!s) {
        jw_null(w);
        return;
    }
    before_item(w, 0);
    strbuf_addch(&w->out, '"');
    jw_escape(&w->out, s, n);
    strbuf_addch(&w->out, '"');
    if (w->out.len >= JW_FLUSH_AT)
        jw_flush(w);
}

void jw_string(struct json_writer *w, const char *s)
{
    jw_string_n(w, s, s ? strlen(s) : 0);
}

void jw_int(struct json_writer *w, long long n)
{
    before_item(w, 0);
    if (n < 0) {
        strbuf_addch(&w->out, '-');
        strbuf_adduint(&w->out, 0ULL - (unsigned long long)n);
    } else {
        strbuf_adduint(&w->out, (unsigned long long)n);
    }
}

void jw_uint(struct json_writer *w, unsigned long long n)
{
    before_item(w, 0);
    strbuf_adduint(&w->out, n);
}

void jw_bool(struct json_writer *w, int b)
{
    before_item(w, 0);
    strbuf_addstr(&w->out, b ? "true" : "false");
}

void jw_null(struct json_writer *w)
{
    before_item(w, 0);
    strbuf_add(&w->out, "null", 4);
}

void jw_member_string(struct json_writer *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

void jw_member_int(struct json_writer *w, const char *key, long long n)
{
    jw_key(w, key);
    jw_int(w, n);
}

void jw_member_bool(struct json_writer *w, const char *key, int b)
{
    jw_key(w, key);
    jw_bool(w, b);
}

int jw_finish(struct json_writer *w)
{
    if (w->depth != 0 || w->want_value)
        abort();
    strbuf_addch(&w->out, '\n');
    if (!w->fp)
        return 0;
    jw_flush(w);
    strbuf_release(&w->out);
    if (fflush(w->fp) != 0 || ferror(w->fp))
        w->error = 1;
    return w->error ? -1 : 0;
}
