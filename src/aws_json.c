/*
 * aws_json.c - the JSON path stack and the typed field getters of the AWS
 * importer. Every value is read through these so that a value of the wrong
 * type is reported at its JSON path ("SecurityGroups[2].IpPermissions[0].
 * FromPort: expected a number, got a string") and never crashes a reader.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "aws_internal.h"
#include "diag.h"

size_t aws_push_key(struct aws_ctx *c, const char *key)
{
    size_t len = c->path.len;
    if (len)
        strbuf_addch(&c->path, '.');
    strbuf_addstr(&c->path, key);
    return len;
}

size_t aws_push_index(struct aws_ctx *c, size_t i)
{
    char digits[24];
    size_t len = c->path.len, n = 0;

    do {
        digits[n++] = (char)('0' + i % 10);
        i /= 10;
    } while (i && n < sizeof(digits));
    strbuf_addch(&c->path, '[');
    while (n)
        strbuf_addch(&c->path, digits[--n]);
    strbuf_addch(&c->path, ']');
    return len;
}

void aws_pop(struct aws_ctx *c, size_t len)
{
    if (len <= c->path.len) {
        c->path.len = len;
        c->path.buf[len] = '\0';
    }
}

struct srcloc aws_loc(struct aws_ctx *c)
{
    struct srcloc loc = {c->file, 0, 0, NULL};
    if (c->path.len)
        loc.path = model_strndup(c->m, c->path.buf, c->path.len);
    return loc;
}

void aws_error(struct aws_ctx *c, const char *key, const char *fmt, ...)
{
    struct strbuf msg = STRBUF_INIT;
    struct srcloc loc = {c->file, 0, 0, NULL};
    size_t back = c->path.len;
    va_list ap;

    if (c->failed)
        return;
    c->failed = 1;
    if (key)
        aws_push_key(c, key);
    va_start(ap, fmt);
    strbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (c->path.len)
        loc.path = c->path.buf;
    diag_error(&loc, "%s", msg.buf);
    aws_pop(c, back);
    strbuf_release(&msg);
}

const char *aws_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
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

/* obj[key], or NULL when obj is not an object, or the value is absent or null. */
static json_t *field(const json_t *obj, const char *key)
{
    json_t *v;
    if (!obj || !json_is_object(obj))
        return NULL;
    v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

const char *aws_str(struct aws_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    const char *s;

    if (!v || c->failed)
        return NULL;
    if (!json_is_string(v)) {
        aws_error(c, key, "expected a string, got %s", aws_type_name(v));
        return NULL;
    }
    s = json_string_value(v);
    return *s ? s : NULL;
}

const char *aws_req_str(struct aws_ctx *c, const json_t *obj, const char *key)
{
    const char *s = aws_str(c, obj, key);
    if (!s && !c->failed)
        aws_error(c, NULL, "missing %s", key);
    return s;
}

json_t *aws_arr(struct aws_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    if (!v || c->failed)
        return NULL;
    if (!json_is_array(v)) {
        aws_error(c, key, "expected an array, got %s", aws_type_name(v));
        return NULL;
    }
    return v;
}

json_t *aws_obj(struct aws_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    if (!v || c->failed)
        return NULL;
    if (!json_is_object(v)) {
        aws_error(c, key, "expected an object, got %s", aws_type_name(v));
        return NULL;
    }
    return v;
}

int aws_int(struct aws_ctx *c, const json_t *obj, const char *key, long *out)
{
    json_t *v = field(obj, key);
    json_int_t n;

    if (!v || c->failed)
        return 0;
    if (json_is_real(v)) {
        double d = json_real_value(v);
        /* 22.0 is an integer written as a real; anything else is not. */
        if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(long)d) {
            *out = (long)d;
            return 1;
        }
        aws_error(c, key, "expected an integer, got %g", d);
        return 0;
    }
    if (!json_is_integer(v)) {
        aws_error(c, key, "expected a number, got %s", aws_type_name(v));
        return 0;
    }
    n = json_integer_value(v);
    if (n < INT_MIN || n > INT_MAX) {
        aws_error(c, key, "number out of range: %lld", (long long)n);
        return 0;
    }
    *out = (long)n;
    return 1;
}

int aws_bool(struct aws_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    if (!v || c->failed)
        return 0;
    if (!json_is_boolean(v)) {
        aws_error(c, key, "expected a boolean, got %s", aws_type_name(v));
        return 0;
    }
    return json_is_true(v);
}

json_t *aws_elem_obj(struct aws_ctx *c, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || c->failed)
        return NULL;
    if (json_is_object(v))
        return v;
    back = aws_push_index(c, i);
    aws_error(c, NULL, "expected an object, got %s", aws_type_name(v));
    aws_pop(c, back);
    return NULL;
}

const char *aws_elem_str(struct aws_ctx *c, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || c->failed || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return *json_string_value(v) ? json_string_value(v) : NULL;
    back = aws_push_index(c, i);
    aws_error(c, NULL, "expected a string, got %s", aws_type_name(v));
    aws_pop(c, back);
    return NULL;
}

const char *aws_tag(struct aws_ctx *c, const json_t *obj, const char *list, const char *key)
{
    json_t *tags = aws_arr(c, obj, list);
    const char *found = NULL;
    size_t i, back;

    if (!tags)
        return NULL;
    back = aws_push_key(c, list);
    for (i = 0; i < json_array_size(tags) && !c->failed; i++) {
        json_t *t = aws_elem_obj(c, tags, i);
        size_t b2 = aws_push_index(c, i);
        const char *k = aws_str(c, t, "Key");
        const char *v = aws_str(c, t, "Value");
        aws_pop(c, b2);
        if (k && strcmp(k, key) == 0 && v && !found)
            found = v;
    }
    aws_pop(c, back);
    return found;
}
