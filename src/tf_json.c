/*
 * tf_json.c - the JSON path stack and typed getters of the Terraform
 * importer. Every attribute is read through these, so a value of the wrong
 * type is reported at its JSON path ("resources[3].instances[0].attributes.
 * ingress[0].from_port: expected a number, got a string") and never crashes
 * a reader. Messages are worded as aws_json.c words them.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "tf_internal.h"

size_t tf_push_key(struct tf_ctx *c, const char *key)
{
    size_t len = c->path.len;
    if (len)
        strbuf_addch(&c->path, '.');
    strbuf_addstr(&c->path, key);
    return len;
}

size_t tf_push_index(struct tf_ctx *c, size_t i)
{
    size_t len = c->path.len;
    strbuf_addf(&c->path, "[%zu]", i);
    return len;
}

void tf_pop(struct tf_ctx *c, size_t len)
{
    if (len <= c->path.len) {
        c->path.len = len;
        c->path.buf[len] = '\0';
    }
}

void tf_set_path(struct tf_ctx *c, const char *path)
{
    strbuf_reset(&c->path);
    if (path)
        strbuf_addstr(&c->path, path);
}

struct srcloc tf_loc(struct tf_ctx *c, const char *key)
{
    struct srcloc loc = {c->file, 0, 0, NULL};
    size_t back = c->path.len;

    if (key)
        tf_push_key(c, key);
    if (c->path.len)
        loc.path = model_strndup(c->m, c->path.buf, c->path.len);
    tf_pop(c, back);
    return loc;
}

void tf_error(struct tf_ctx *c, const char *key, const char *fmt, ...)
{
    struct strbuf msg = STRBUF_INIT;
    struct srcloc loc = {c->file, 0, 0, NULL};
    size_t back = c->path.len;
    va_list ap;

    if (c->failed)
        return;
    c->failed = 1;
    if (key)
        tf_push_key(c, key);
    va_start(ap, fmt);
    strbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (c->path.len)
        loc.path = c->path.buf;
    diag_error(&loc, "%s", msg.buf);
    tf_pop(c, back);
    strbuf_release(&msg);
}

const char *tf_type_name(const json_t *v)
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

const char *tf_str(struct tf_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    const char *s;

    if (!v || c->failed)
        return NULL;
    if (!json_is_string(v)) {
        tf_error(c, key, "expected a string, got %s", tf_type_name(v));
        return NULL;
    }
    s = json_string_value(v);
    return *s ? s : NULL;
}

json_t *tf_arr(struct tf_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    if (!v || c->failed)
        return NULL;
    if (!json_is_array(v)) {
        tf_error(c, key, "expected an array, got %s", tf_type_name(v));
        return NULL;
    }
    return v;
}

json_t *tf_obj(struct tf_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    if (!v || c->failed)
        return NULL;
    if (!json_is_object(v)) {
        tf_error(c, key, "expected an object, got %s", tf_type_name(v));
        return NULL;
    }
    return v;
}

/* A flatmap number ("22", "-1"); 1 and *out when s is one. */
static int parse_long(const char *s, long *out)
{
    char *end;
    long n;

    if (!*s)
        return 0;
    errno = 0;
    n = strtol(s, &end, 10);
    if (*end || errno || n < INT_MIN || n > INT_MAX)
        return 0;
    *out = n;
    return 1;
}

int tf_int(struct tf_ctx *c, const json_t *obj, const char *key, long *out)
{
    json_t *v = field(obj, key);
    json_int_t n;

    if (!v || c->failed)
        return 0;
    if (c->flatmap && json_is_string(v)) {
        if (!*json_string_value(v))
            return 0;
        if (parse_long(json_string_value(v), out))
            return 1;
        tf_error(c, key, "expected a number, got '%s'", json_string_value(v));
        return 0;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        /* 22.0 is an integer written as a real; anything else is not. */
        if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(long)d) {
            *out = (long)d;
            return 1;
        }
        tf_error(c, key, "expected an integer, got %g", d);
        return 0;
    }
    if (!json_is_integer(v)) {
        tf_error(c, key, "expected a number, got %s", tf_type_name(v));
        return 0;
    }
    n = json_integer_value(v);
    if (n < INT_MIN || n > INT_MAX) {
        tf_error(c, key, "number out of range: %lld", (long long)n);
        return 0;
    }
    *out = (long)n;
    return 1;
}

int tf_bool(struct tf_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = field(obj, key);
    if (!v || c->failed)
        return 0;
    if (c->flatmap && json_is_string(v)) {
        const char *s = json_string_value(v);
        if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
            return 1;
        if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0 || !*s)
            return 0;
        tf_error(c, key, "expected a boolean, got '%s'", s);
        return 0;
    }
    if (!json_is_boolean(v)) {
        tf_error(c, key, "expected a boolean, got %s", tf_type_name(v));
        return 0;
    }
    return json_is_true(v);
}

json_t *tf_elem_obj(struct tf_ctx *c, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || c->failed || json_is_null(v))
        return NULL;
    if (json_is_object(v))
        return v;
    back = tf_push_index(c, i);
    tf_error(c, NULL, "expected an object, got %s", tf_type_name(v));
    tf_pop(c, back);
    return NULL;
}

const char *tf_elem_str(struct tf_ctx *c, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || c->failed || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return *json_string_value(v) ? json_string_value(v) : NULL;
    back = tf_push_index(c, i);
    tf_error(c, NULL, "expected a string, got %s", tf_type_name(v));
    tf_pop(c, back);
    return NULL;
}

void tf_each_str(struct tf_ctx *c, const json_t *obj, const char *key,
                 void (*fn)(struct tf_ctx *c, const char *s, void *arg), void *arg)
{
    json_t *v = field(obj, key);
    size_t i, back;

    if (!v || c->failed)
        return;
    if (json_is_string(v)) {
        if (*json_string_value(v)) {
            back = tf_push_key(c, key);
            fn(c, json_string_value(v), arg);
            tf_pop(c, back);
        }
        return;
    }
    if (!json_is_array(v)) {
        tf_error(c, key, "expected an array, got %s", tf_type_name(v));
        return;
    }
    back = tf_push_key(c, key);
    for (i = 0; i < json_array_size(v) && !c->failed; i++) {
        const char *s = tf_elem_str(c, v, i);
        if (s) {
            size_t b2 = tf_push_index(c, i);
            fn(c, s, arg);
            tf_pop(c, b2);
        }
    }
    tf_pop(c, back);
}

const char *tf_name_tag(struct tf_ctx *c, const json_t *values)
{
    static const char *const maps[] = {"tags", "tags_all"};
    size_t i;

    for (i = 0; i < 2 && !c->failed; i++) {
        json_t *tags = field(values, maps[i]);
        const char *name;
        size_t back;
        /* Older providers and some modules write tags as a list of {key, value}. */
        if (!tags || !json_is_object(tags))
            continue;
        back = tf_push_key(c, maps[i]);
        name = tf_str(c, tags, "Name");
        tf_pop(c, back);
        if (name)
            return name;
    }
    return NULL;
}
