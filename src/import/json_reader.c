/*
 * json_reader.c - the JSON path stack, first-error-wins error reporting
 * and typed getters that the AWS and Terraform importers read jansson
 * values through, so that a value of the wrong type is reported at its JSON
 * path ("SecurityGroups[2].IpPermissions[0].FromPort: expected a number,
 * got a string") and never crashes a reader; also their report of a JSON
 * syntax error at its line:col. What only one importer needs
 * (Terraform's flatmap numbers, AWS tag lists) stays in aws_json.c and
 * tf_json.c, built on these.
 */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "diag.h"
#include "json_reader.h"

void jr_init(struct json_reader *r, struct model *m, const char *file)
{
    r->m = m;
    r->file = file;
    strbuf_init(&r->path);
    r->failed = 0;
}

void jr_release(struct json_reader *r)
{
    strbuf_release(&r->path);
}

/* ===== The path ===== */

size_t jr_push_key(struct json_reader *r, const char *key)
{
    size_t len = r->path.len;
    if (len)
        strbuf_addch(&r->path, '.');
    strbuf_addstr(&r->path, key);
    return len;
}

size_t jr_push_index(struct json_reader *r, size_t i)
{
    size_t len = r->path.len;
    strbuf_addch(&r->path, '[');
    strbuf_adduint(&r->path, i);
    strbuf_addch(&r->path, ']');
    return len;
}

void jr_pop(struct json_reader *r, size_t len)
{
    if (len <= r->path.len) {
        r->path.len = len;
        r->path.buf[len] = '\0';
    }
}

struct srcloc jr_loc(struct json_reader *r, const char *key)
{
    struct srcloc loc = {r->file, 0, 0, NULL};
    size_t back = r->path.len;

    if (key)
        jr_push_key(r, key);
    /* A path names one value: it never repeats, so it is not interned. */
    if (r->path.len)
        loc.path = arena_strndup(&r->m->arena, r->path.buf, r->path.len);
    jr_pop(r, back);
    return loc;
}

/* ===== Errors ===== */

void jr_error(struct json_reader *r, const char *key, const char *fmt, ...)
{
    struct strbuf msg = STRBUF_INIT;
    struct srcloc loc = {r->file, 0, 0, NULL};
    size_t back = r->path.len;
    va_list ap;

    if (r->failed)
        return;
    r->failed = 1;
    if (key)
        jr_push_key(r, key);
    va_start(ap, fmt);
    strbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (r->path.len)
        loc.path = r->path.buf;
    diag_error(&loc, "%s", msg.buf);
    jr_pop(r, back);
    strbuf_release(&msg);
}

void jr_syntax_error(struct json_reader *r, const char *data, size_t len, size_t at,
                     const json_error_t *err)
{
    struct srcloc loc = {r->file, 1, 1, NULL};
    const char *text = err->text;
    size_t i, line_start = 0;

    /* err->position counts the bytes read, the offending one included. */
    if (at > 0)
        at--;
    if (at > len)
        at = len;
    for (i = 0; i < at; i++) {
        if (data[i] == '\n') {
            loc.line++;
            line_start = i + 1;
        }
    }
    /* Point at the start of the offending token when jansson quotes it. */
    {
        const char *near = strstr(text, "near '");
        size_t n = near ? strlen(near + 6) : 0;
        if (n >= 2 && near[6 + n - 1] == '\'' && n - 1 <= at + 1 - line_start &&
            memcmp(data + at + 1 - (n - 1), near + 6, n - 1) == 0)
            at = at + 1 - (n - 1);
    }
    loc.col = (int)(at - line_start) + 1;
    if (strstr(text, "JSON_ALLOW_NUL"))
        text = "a string contains \\u0000";
    diag_error(&loc, "invalid JSON: %s", text);
    r->failed = 1;
}

/* "a string", "an object", ... for a type. */
static const char *type_name(json_type type)
{
    switch (type) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "something else";
}

const char *jr_type_name(const json_t *v)
{
    return type_name(json_typeof(v));
}

/* ===== Typed getters ===== */

json_t *jr_field(const json_t *obj, const char *key)
{
    json_t *v;
    if (!obj || !json_is_object(obj))
        return NULL;
    v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

/* obj[key] when it has type type; NULL when not set, or (reported) of another type. */
static json_t *typed(struct json_reader *r, const json_t *obj, const char *key, json_type type)
{
    json_t *v = jr_field(obj, key);
    if (!v || r->failed)
        return NULL;
    if (json_typeof(v) != type) {
        jr_error(r, key, "expected %s, got %s", type_name(type), jr_type_name(v));
        return NULL;
    }
    return v;
}

const char *jr_str(struct json_reader *r, const json_t *obj, const char *key)
{
    json_t *v = typed(r, obj, key, JSON_STRING);
    return v && *json_string_value(v) ? json_string_value(v) : NULL;
}

json_t *jr_arr(struct json_reader *r, const json_t *obj, const char *key)
{
    return typed(r, obj, key, JSON_ARRAY);
}

json_t *jr_obj(struct json_reader *r, const json_t *obj, const char *key)
{
    return typed(r, obj, key, JSON_OBJECT);
}

int jr_int(struct json_reader *r, const json_t *obj, const char *key, long *out)
{
    json_t *v = jr_field(obj, key);
    json_int_t n;

    if (!v || r->failed)
        return 0;
    if (json_is_real(v)) {
        double d = json_real_value(v);
        /* 22.0 is an integer written as a real; anything else is not. */
        if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(long)d) {
            *out = (long)d;
            return 1;
        }
        jr_error(r, key, "expected an integer, got %g", d);
        return 0;
    }
    if (!json_is_integer(v)) {
        jr_error(r, key, "expected a number, got %s", jr_type_name(v));
        return 0;
    }
    n = json_integer_value(v);
    if (n < INT_MIN || n > INT_MAX) {
        jr_error(r, key, "number out of range: %lld", (long long)n);
        return 0;
    }
    *out = (long)n;
    return 1;
}

int jr_bool(struct json_reader *r, const json_t *obj, const char *key)
{
    json_t *v = jr_field(obj, key);
    if (!v || r->failed)
        return 0;
    if (!json_is_boolean(v)) {
        jr_error(r, key, "expected a boolean, got %s", jr_type_name(v));
        return 0;
    }
    return json_is_true(v);
}

json_t *jr_elem_obj(struct json_reader *r, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || r->failed)
        return NULL;
    if (json_is_object(v))
        return v;
    back = jr_push_index(r, i);
    jr_error(r, NULL, "expected an object, got %s", jr_type_name(v));
    jr_pop(r, back);
    return NULL;
}

const char *jr_elem_str(struct json_reader *r, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || r->failed || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return *json_string_value(v) ? json_string_value(v) : NULL;
    back = jr_push_index(r, i);
    jr_error(r, NULL, "expected a string, got %s", jr_type_name(v));
    jr_pop(r, back);
    return NULL;
}

/* ===== Writing ===== */

json_t *jr_string(const char *s)
{
    json_t *j;
    if (!s)
        return json_null();
    j = json_string(s);
    /* Invalid UTF-8 from hostile input: keep the rest readable. */
    if (!j) {
        struct strbuf sb = STRBUF_INIT;
        const unsigned char *p;
        for (p = (const unsigned char *)s; *p; p++)
            strbuf_addch(&sb, *p < 0x80 ? *p : '?');
        j = json_string(sb.buf);
        strbuf_release(&sb);
    }
    return j;
}
