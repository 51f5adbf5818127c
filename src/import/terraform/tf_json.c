/*
 * tf_json.c - what the Terraform importer reads differently from the shared
 * JSON reader (json_reader.c): state v3 flatmap numbers and booleans written
 * as strings, their list elements named by flatmap key in paths, null list
 * elements, a path reset to a resource's values, one string or a list of
 * strings, and tags.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
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

size_t tf_push_index(struct tf_ctx *c, const json_t *arr, size_t i)
{
    char key[32];
    json_t *segs;

    if (c->flatmap && c->flat_segs) {
        snprintf(key, sizeof(key), "%p", (const void *)arr);
        segs = json_object_get(c->flat_segs, key);
        if (json_is_string(json_array_get(segs, i)))
            return jr_push_key(&c->jr, json_string_value(json_array_get(segs, i)));
    }
    return jr_push_index(&c->jr, i);
}

json_t *tf_elem_obj(struct tf_ctx *c, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    size_t back;

    if (!v || json_is_null(v) || c->jr.failed)
        return NULL;
    if (json_is_object(v))
        return v;
    back = tf_push_index(c, arr, i);
    jr_error(&c->jr, NULL, "expected an object, got %s", jr_type_name(v));
    jr_pop(&c->jr, back);
    return NULL;
}

void tf_each_str(struct tf_ctx *c, const json_t *obj, const char *key, tf_str_fn *fn,
                 void *arg, size_t *unknown)
{
    json_t *v = jr_field(obj, key);
    size_t i, back;

    if (!v || c->jr.failed)
        return;
    if (!json_is_array(v)) {
        jr_error(&c->jr, key, "expected an array, got %s", jr_type_name(v));
        return;
    }
    back = jr_push_key(&c->jr, key);
    for (i = 0; i < json_array_size(v) && !c->jr.failed; i++) {
        json_t *e = json_array_get(v, i);
        size_t b2 = tf_push_index(c, v, i);
        if (json_is_null(e)) {
            if (unknown)
                (*unknown)++;
        } else if (!json_is_string(e)) {
            jr_error(&c->jr, NULL, "expected a string, got %s", jr_type_name(e));
        } else if (*json_string_value(e)) {
            fn(c, json_string_value(e), arg);
        }
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

void tf_one_str(struct tf_ctx *c, const json_t *obj, const char *key, tf_str_fn *fn, void *arg)
{
    const char *s = jr_str(&c->jr, obj, key);
    size_t back;

    if (!s)
        return;
    back = jr_push_key(&c->jr, key);
    fn(c, s, arg);
    jr_pop(&c->jr, back);
}

const json_t *tf_tags(struct tf_ctx *c, const json_t *values, const char *key)
{
    json_t *tags = jr_field(values, key);

    if (!tags || c->jr.failed || json_is_array(tags))
        return NULL;
    if (!json_is_object(tags)) {
        jr_error(&c->jr, key, "expected an object of tags, got %s", jr_type_name(tags));
        return NULL;
    }
    return tags;
}

const char *tf_name_tag(struct tf_ctx *c, const json_t *values)
{
    static const char *const maps[] = {"tags", "tags_all"};
    size_t i;

    for (i = 0; i < 2 && !c->jr.failed; i++) {
        const json_t *tags = tf_tags(c, values, maps[i]);
        const char *name;
        size_t back;
        if (!tags)
            continue;
        back = jr_push_key(&c->jr, maps[i]);
        name = jr_str(&c->jr, tags, "Name");
        jr_pop(&c->jr, back);
        if (name)
            return name;
    }
    return NULL;
}
