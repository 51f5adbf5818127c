/*
 * json_reader.c - the JSON path stack, first-error-wins error reporting
 * and typed getters that the AWS importer (sgmap's own tree, json_tree.h)
 * and the Terraform importer (jansson) read values through, so that a
 * value of the wrong type is reported at its JSON path
 * ("SecurityGroups[2].IpPermissions[0].FromPort: expected a number, got a
 * string") in the same words from both and never crashes a reader; also
 * their report of a JSON syntax error at its line:col. What only one
 * importer needs (Terraform's flatmap numbers, AWS tag lists) stays in
 * aws_json.c and tf_json.c, built on these.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "json_reader.h"

void jr_init(struct json_reader *r, struct model *m, const char *file)
{
    r->m = m;
    r->file = file;
    strbuf_init(&r->path);
    r->failed = 0;
    r->locate = NULL;
    r->locate_arg = NULL;
}

/* Where path was written, when the document has a source (r->locate). */
static void locate(struct json_reader *r, const char *path, struct srcloc *loc)
{
    struct srcloc at = {NULL, 0, 0, NULL};

    if (r->locate && path && r->locate(r->locate_arg, path, &at) && at.file) {
        loc->file = model_strdup(r->m, at.file);
        loc->line = at.line;
        loc->col = at.col;
    }
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
    locate(r, loc.path, &loc);
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
    locate(r, loc.path, &loc);
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

void jr_parse_error(struct json_reader *r, const char *data, const struct jn_error *err)
{
    size_t line, col;
    struct srcloc loc = {r->file, 0, 0, NULL};

    jn_line_col(data, err->offset, &line, &col);
    loc.line = line > INT_MAX ? INT_MAX : (int)line;
    loc.col = col > INT_MAX ? INT_MAX : (int)col;
    diag_error(&loc, "invalid JSON: %s", err->text);
    r->failed = 1;
}

/* ===== Typed getters: what both trees share ===== */

/* "a string", "an object", ... for a type. */
static const char *type_name(enum jn_type type)
{
    switch (type) {
    case JN_OBJECT: return "an object";
    case JN_ARRAY: return "an array";
    case JN_STRING: return "a string";
    case JN_INTEGER: return "an integer";
    case JN_REAL: return "a real number";
    case JN_TRUE:
    case JN_FALSE: return "a boolean";
    case JN_NULL: return "null";
    }
    return "something else";
}

/* Is a value of type have (at path.key) of type want? Reported when not. */
static int check_type(struct json_reader *r, const char *key, enum jn_type have,
                      enum jn_type want)
{
    if (have == want)
        return 1;
    jr_error(r, key, "expected %s, got %s", type_name(want), type_name(have));
    return 0;
}

/* Is element i (of type have) of type want? Reported at path[i] when not. */
static int check_elem(struct json_reader *r, size_t i, enum jn_type have, enum jn_type want)
{
    size_t back;

    if (have == want)
        return 1;
    back = jr_push_index(r, i);
    jr_error(r, NULL, "expected %s, got %s", type_name(want), type_name(have));
    jr_pop(r, back);
    return 0;
}

/* A number written as a real (text, or %g of d when NULL), at path.key:
 * 22.0 is an integer written so; anything else is not. */
static int real_to_int(struct json_reader *r, const char *key, double d, const char *text,
                       long *out)
{
    char buf[32];

    if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(long)d) {
        *out = (long)d;
        return 1;
    }
    if (!text) {
        snprintf(buf, sizeof(buf), "%g", d);
        text = buf;
    }
    if (d >= -2147483648.0 && d <= 2147483647.0)
        jr_error(r, key, "expected an integer, got %s", text);
    else
        jr_error(r, key, "number out of range: %s", text);
    return 0;
}

/* ===== Typed getters on sgmap's tree ===== */

const char *jr_type_name_jn(const struct jnode *v)
{
    return type_name(jn_typeof(v));
}

const struct jnode *jr_field_jn(const struct jnode *obj, const char *key)
{
    const struct jnode *v = jn_get(obj, key);
    return v && v->type != JN_NULL ? v : NULL;
}

/* obj[key] when it has type type; NULL when not set, or (reported) of another type. */
static const struct jnode *typed_jn(struct json_reader *r, const struct jnode *obj,
                                    const char *key, enum jn_type type)
{
    const struct jnode *v = jr_field_jn(obj, key);
    return v && !r->failed && check_type(r, key, jn_typeof(v), type) ? v : NULL;
}

const char *jr_str_jn(struct json_reader *r, const struct jnode *obj, const char *key)
{
    const struct jnode *v = typed_jn(r, obj, key, JN_STRING);
    return v && v->n ? v->u.text : NULL;
}

const struct jnode *jr_arr_jn(struct json_reader *r, const struct jnode *obj, const char *key)
{
    return typed_jn(r, obj, key, JN_ARRAY);
}

const struct jnode *jr_obj_jn(struct json_reader *r, const struct jnode *obj, const char *key)
{
    return typed_jn(r, obj, key, JN_OBJECT);
}

int jr_int_jn(struct json_reader *r, const struct jnode *obj, const char *key, long *out)
{
    const struct jnode *v = jr_field_jn(obj, key);

    if (!v || r->failed)
        return 0;
    if (v->type == JN_REAL)
        return real_to_int(r, key, jn_double(v), v->u.text, out);
    if (v->type != JN_INTEGER) {
        jr_error(r, key, "expected a number, got %s", jr_type_name_jn(v));
        return 0;
    }
    if (!jn_long(v, INT_MIN, INT_MAX, out)) {
        jr_error(r, key, "number out of range: %s", v->u.text);
        return 0;
    }
    return 1;
}

int jr_bool_jn(struct json_reader *r, const struct jnode *obj, const char *key)
{
    const struct jnode *v = jr_field_jn(obj, key);

    if (!v || r->failed)
        return 0;
    if (v->type != JN_TRUE && v->type != JN_FALSE) {
        jr_error(r, key, "expected a boolean, got %s", jr_type_name_jn(v));
        return 0;
    }
    return v->type == JN_TRUE;
}

const struct jnode *jr_elem_obj_jn(struct json_reader *r, const struct jnode *arr, size_t i)
{
    const struct jnode *v = jn_at(arr, i);
    return v && !r->failed && check_elem(r, i, jn_typeof(v), JN_OBJECT) ? v : NULL;
}

const char *jr_elem_str_jn(struct json_reader *r, const struct jnode *arr, size_t i)
{
    const struct jnode *v = jn_at(arr, i);

    if (!v || r->failed || v->type == JN_NULL || !check_elem(r, i, jn_typeof(v), JN_STRING))
        return NULL;
    return v->n ? v->u.text : NULL;
}

/* ===== Typed getters on jansson's tree ===== */

/* A jansson type as sgmap's. */
static enum jn_type type_json(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return JN_OBJECT;
    case JSON_ARRAY: return JN_ARRAY;
    case JSON_STRING: return JN_STRING;
    case JSON_INTEGER: return JN_INTEGER;
    case JSON_REAL: return JN_REAL;
    case JSON_TRUE: return JN_TRUE;
    case JSON_FALSE: return JN_FALSE;
    case JSON_NULL: return JN_NULL;
    }
    return JN_NULL;
}

const char *jr_type_name_json(const json_t *v)
{
    return type_name(type_json(v));
}

json_t *jr_field_json(const json_t *obj, const char *key)
{
    json_t *v;
    if (!obj || !json_is_object(obj))
        return NULL;
    v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

/* obj[key] when it has type type; NULL when not set, or (reported) of another type. */
static json_t *typed_json(struct json_reader *r, const json_t *obj, const char *key,
                          enum jn_type type)
{
    json_t *v = jr_field_json(obj, key);
    return v && !r->failed && check_type(r, key, type_json(v), type) ? v : NULL;
}

const char *jr_str_json(struct json_reader *r, const json_t *obj, const char *key)
{
    json_t *v = typed_json(r, obj, key, JN_STRING);
    return v && *json_string_value(v) ? json_string_value(v) : NULL;
}

json_t *jr_arr_json(struct json_reader *r, const json_t *obj, const char *key)
{
    return typed_json(r, obj, key, JN_ARRAY);
}

json_t *jr_obj_json(struct json_reader *r, const json_t *obj, const char *key)
{
    return typed_json(r, obj, key, JN_OBJECT);
}

int jr_int_json(struct json_reader *r, const json_t *obj, const char *key, long *out)
{
    json_t *v = jr_field_json(obj, key);
    json_int_t n;

    if (!v || r->failed)
        return 0;
    if (json_is_real(v))
        return real_to_int(r, key, json_real_value(v), NULL, out);
    if (!json_is_integer(v)) {
        jr_error(r, key, "expected a number, got %s", jr_type_name_json(v));
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

int jr_bool_json(struct json_reader *r, const json_t *obj, const char *key)
{
    json_t *v = jr_field_json(obj, key);
    if (!v || r->failed)
        return 0;
    if (!json_is_boolean(v)) {
        jr_error(r, key, "expected a boolean, got %s", jr_type_name_json(v));
        return 0;
    }
    return json_is_true(v);
}

json_t *jr_elem_obj_json(struct json_reader *r, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);
    return v && !r->failed && check_elem(r, i, type_json(v), JN_OBJECT) ? v : NULL;
}

const char *jr_elem_str_json(struct json_reader *r, const json_t *arr, size_t i)
{
    json_t *v = json_array_get(arr, i);

    if (!v || r->failed || json_is_null(v) || !check_elem(r, i, type_json(v), JN_STRING))
        return NULL;
    return *json_string_value(v) ? json_string_value(v) : NULL;
}

/* ===== Building jansson values ===== */

json_t *jr_string(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    const unsigned char *p;
    json_t *j;

    if (!s)
        return json_null();
    j = json_string(s);
    if (j)
        return j;
    for (p = (const unsigned char *)s; *p; p++)
        strbuf_addch(&sb, *p < 0x80 ? *p : '?');
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}
