/*
 * tf_json.c - what the Terraform importer reads differently from the shared
 * JSON reader (json_reader.c): state v3 flatmap numbers and booleans written
 * as strings, null list elements, a path reset to a resource's values, a
 * string or list of strings, and the Name tag.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tf_internal.h"

void tf_set_path(struct tf_ctx *c, const char *path)
{
    strbuf_reset(&c->jr.path);
    if (path)
        strbuf_addstr(&c->jr.path, path);
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
    json_t *v = jr_field(obj, key);

    if (c->flatmap && v && json_is_string(v) && !c->jr.failed) {
        if (!*json_string_value(v))
            return 0;
        if (parse_long(json_string_value(v), out))
            return 1;
        jr_error(&c->jr, key, "expected a number, got '%s'", json_string_value(v));
        return 0;
    }
    return jr_int(&c->jr, obj, key, out);
}

int tf_bool(struct tf_ctx *c, const json_t *obj, const char *key)
{
    json_t *v = jr_field(obj, key);

    if (c->flatmap && v && json_is_string(v) && !c->jr.failed) {
        const char *s = json_string_value(v);
        if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
            return 1;
        if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0 || !*s)
            return 0;
        jr_error(&c->jr, key, "expected a boolean, got '%s'", s);
        return 0;
    }
    return jr_bool(&c->jr, obj, key);
}

json_t *tf_elem_obj(struct tf_ctx *c, const json_t *arr, size_t i)
{
    if (json_is_null(json_array_get(arr, i)))
        return NULL;
    return jr_elem_obj(&c->jr, arr, i);
}

void tf_each_str(struct tf_ctx *c, const json_t *obj, const char *key,
                 void (*fn)(struct tf_ctx *c, const char *s, void *arg), void *arg)
{
    json_t *v = jr_field(obj, key);
    size_t i, back;

    if (!v || c->jr.failed)
        return;
    if (json_is_string(v)) {
        if (*json_string_value(v)) {
            back = jr_push_key(&c->jr, key);
            fn(c, json_string_value(v), arg);
            jr_pop(&c->jr, back);
        }
        return;
    }
    if (!json_is_array(v)) {
        jr_error(&c->jr, key, "expected an array, got %s", jr_type_name(v));
        return;
    }
    back = jr_push_key(&c->jr, key);
    for (i = 0; i < json_array_size(v) && !c->jr.failed; i++) {
        const char *s = jr_elem_str(&c->jr, v, i);
        if (s) {
            size_t b2 = jr_push_index(&c->jr, i);
            fn(c, s, arg);
            jr_pop(&c->jr, b2);
        }
    }
    jr_pop(&c->jr, back);
}

const char *tf_name_tag(struct tf_ctx *c, const json_t *values)
{
    static const char *const maps[] = {"tags", "tags_all"};
    size_t i;

    for (i = 0; i < 2 && !c->jr.failed; i++) {
        json_t *tags = jr_field(values, maps[i]);
        const char *name;
        size_t back;
        /* Older providers and some modules write tags as a list of {key, value}. */
        if (!tags || !json_is_object(tags))
            continue;
        back = jr_push_key(&c->jr, maps[i]);
        name = jr_str(&c->jr, tags, "Name");
        jr_pop(&c->jr, back);
        if (name)
            return name;
    }
    return NULL;
}
