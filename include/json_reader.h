/*
 * json_reader.h - reading a parsed JSON document into the model with errors
 * located by JSON path, shared by the AWS importer (which parses with
 * sgmap's own parser, json_tree.h) and the Terraform importer (jansson):
 * the path stack of keys and indexes, the first-error-wins error state, the
 * typed getters, and the line:col report of a syntax error.
 * The functions are jr_*(); an importer context embeds a struct json_reader
 * as its member jr and passes &c->jr.
 *
 * Each getter takes a value of either tree, a struct jnode (json_tree.h) or
 * a json_t (jansson), and returns one of the same tree: the same words for
 * the same mistakes whichever importer reads the file. Values carry no
 * position, so a value of the wrong type is reported at its path
 * ("SecurityGroups[2].IpPermissions[0].FromPort: expected a number, got a
 * string"); only a syntax error gets a line and column.
 */
#ifndef SGMAP_JSON_READER_H
#define SGMAP_JSON_READER_H

#include <jansson.h>
#include <stddef.h>

#include "json_tree.h"
#include "model.h"
#include "strbuf.h"

struct json_reader {
    struct model *m;    /* the model; located paths are copied into it */
    const char *file;   /* display name, owned by the model */
    struct strbuf path; /* JSON path of the value being read */
    int failed;         /* an error was reported; stop reading */
    /* A document made from other source text (a Terraform configuration,
     * hcl.h): where the value at path was written (1, *out's file, line and
     * col set), or 0. NULL (jr_init()): messages and objects carry paths. */
    int (*locate)(const void *arg, const char *path, struct srcloc *out);
    const void *locate_arg;
};

/* Start reading file into m: an empty path, no error. */
void jr_init(struct json_reader *r, struct model *m, const char *file);
/* Free the path. */
void jr_release(struct json_reader *r);

/* ===== The path ===== */

/* Append ".key" (or "key" at the start) / "[i]"; return the length to pop back to. */
size_t jr_push_key(struct json_reader *r, const char *key);
size_t jr_push_index(struct json_reader *r, size_t i);
/* Cut the path back to len (a value a push returned). */
void jr_pop(struct json_reader *r, size_t len);
/* The current path, with .key when key is not NULL, as a srcloc (line 0,
 * or the line and col of its source when r->locate knows them); the path
 * is copied into the model, and is NULL when empty. */
struct srcloc jr_loc(struct json_reader *r, const char *key);

/* ===== Errors ===== */

/*
 * Report an error at the current path, or at path.key when key is not NULL,
 * and set r->failed. Only the first error is printed; later ones are dropped.
 */
void jr_error(struct json_reader *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Report a syntax error of sgmap's parser at its line:col and set
 * r->failed. data is the whole text the offset of err is in.
 */
void jr_parse_error(struct json_reader *r, const char *data, const struct jn_error *err);
/*
 * Report jansson's syntax error err at its line:col (1-based, in bytes) and
 * set r->failed. data/len is the whole file; at is the offset in it of the
 * byte after the offending one (err->position when data was parsed from its
 * start). The column points at the start of the token jansson quotes.
 */
void jr_syntax_error(struct json_reader *r, const char *data, size_t len, size_t at,
                     const json_error_t *err);

/* ===== Typed getters, on either tree ===== */

/* JR_PICK(v, f): f_jn for a struct jnode, f_json for a json_t. */
#define JR_PICK(v, f)                                                                      \
    _Generic((v), struct jnode *: f##_jn, const struct jnode *: f##_jn, json_t *: f##_json, \
             const json_t *: f##_json)

/* "a string", "an object", ... for messages. */
#define jr_type_name(v) JR_PICK(v, jr_type_name)(v)

/* obj[key], or NULL when obj is not an object, or the value is absent or null. */
#define jr_field(obj, key) JR_PICK(obj, jr_field)(obj, key)

/*
 * Getters on obj[key]. Absent and null are "not set" (NULL / 0) and so is
 * everything once r->failed is set; a value of the wrong type is an error
 * reported at path.key. Strings: "" is also "not set". The returned string
 * is borrowed from the tree: copy it with model_strdup() before keeping it.
 */
#define jr_str(r, obj, key) JR_PICK(obj, jr_str)(r, obj, key)
#define jr_arr(r, obj, key) JR_PICK(obj, jr_arr)(r, obj, key)
#define jr_obj(r, obj, key) JR_PICK(obj, jr_obj)(r, obj, key)
/* Returns 1 and sets *out when an integer (within int, or written as a real
 * such as 22.0) is present, 0 when not set or after an error. */
#define jr_int(r, obj, key, out) JR_PICK(obj, jr_int)(r, obj, key, out)
/* Returns 1 for true, 0 for false or not set. */
#define jr_bool(r, obj, key) JR_PICK(obj, jr_bool)(r, obj, key)
/* Element i of arr as an object / a string; the wrong type (null included
 * for an object; a null string is "not set") is an error at path[i]. The
 * caller has pushed nothing for i; these push and pop themselves. */
#define jr_elem_obj(r, arr, i) JR_PICK(arr, jr_elem_obj)(r, arr, i)
#define jr_elem_str(r, arr, i) JR_PICK(arr, jr_elem_str)(r, arr, i)

/* The functions behind the macros, one of each per tree. */
const char *jr_type_name_jn(const struct jnode *v);
const char *jr_type_name_json(const json_t *v);
const struct jnode *jr_field_jn(const struct jnode *obj, const char *key);
json_t *jr_field_json(const json_t *obj, const char *key);
const char *jr_str_jn(struct json_reader *r, const struct jnode *obj, const char *key);
const char *jr_str_json(struct json_reader *r, const json_t *obj, const char *key);
const struct jnode *jr_arr_jn(struct json_reader *r, const struct jnode *obj, const char *key);
json_t *jr_arr_json(struct json_reader *r, const json_t *obj, const char *key);
const struct jnode *jr_obj_jn(struct json_reader *r, const struct jnode *obj, const char *key);
json_t *jr_obj_json(struct json_reader *r, const json_t *obj, const char *key);
int jr_int_jn(struct json_reader *r, const struct jnode *obj, const char *key, long *out);
int jr_int_json(struct json_reader *r, const json_t *obj, const char *key, long *out);
int jr_bool_jn(struct json_reader *r, const struct jnode *obj, const char *key);
int jr_bool_json(struct json_reader *r, const json_t *obj, const char *key);
const struct jnode *jr_elem_obj_jn(struct json_reader *r, const struct jnode *arr, size_t i);
json_t *jr_elem_obj_json(struct json_reader *r, const json_t *arr, size_t i);
const char *jr_elem_str_jn(struct json_reader *r, const struct jnode *arr, size_t i);
const char *jr_elem_str_json(struct json_reader *r, const json_t *arr, size_t i);

/*
 * A new jansson string for s, or JSON null when s is NULL. Invalid UTF-8
 * (from hostile input) does not fail: its non-ASCII bytes become '?'. The
 * Terraform source reader builds its plan-shaped document with it.
 */
json_t *jr_string(const char *s);

#endif
