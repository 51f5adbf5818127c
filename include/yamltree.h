/*
 * yamltree.h - a YAML document read into a tree that keeps line:col.
 *
 * libyaml's event stream is turned into nodes that remember where they
 * start (1-based) and their tag. Aliases point at the anchored node (no
 * copy); the expanded size of the document, depth and input size are
 * bounded so that hostile files are refused quickly. Several importers
 * (the design file, CloudFormation YAML) read this one tree.
 */
#ifndef SGMAP_YAMLTREE_H
#define SGMAP_YAMLTREE_H

#include <stddef.h>

enum ynode_type { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode;

struct ypair {
    struct ynode *key;
    struct ynode *value;
};

struct ynode {
    enum ynode_type type;
    const char *tag;   /* explicit tag such as "!Ref", or NULL */
    int line, col;     /* 1-based start of the node */
    /* scalars */
    const char *value; /* NUL-terminated (may contain NULs before len) */
    size_t len;
    int plain;         /* written without quotes (so "5" vs 5 can differ) */
    /* sequences */
    struct ynode **items;
    size_t nitems;
    /* mappings, in document order */
    struct ypair *pairs;
    size_t npairs;
};

/* Limits (exceeding one is an input error at the offending node). */
#define YAML_MAX_DEPTH 256
#define YAML_MAX_NODES 2000000     /* expanded through aliases */
/* Memory aliases may add once expanded (nodes and their text) for an
 * input of len bytes: eight times the input, at least 8 MiB. */
#define YAML_MAX_ALIAS_BYTES(len) ((len) > (1u << 20) ? (size_t)(len) * 8 : (size_t)8 << 20)

struct ydoc;

/*
 * Parse the first document of data into a tree. Returns the document (its
 * root in *root; an empty stream gives *root = NULL), or NULL after an
 * input error was reported with file:line:col.
 */
struct ydoc *ydoc_parse(const char *file, const char *data, size_t len, struct ynode **root);
void ydoc_free(struct ydoc *doc);

/* Mapping lookup by scalar key; NULL if absent. */
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* A scalar's text, or NULL when n is not a scalar. */
const char *ynode_str(const struct ynode *n);
/* Is n a plain null (~, null, empty)? */
int ynode_is_null(const struct ynode *n);
/* "a string", "a number", "a boolean", "a list", "a mapping" or "null",
 * for messages. */
const char *ynode_type_name(const struct ynode *n);

/*
 * Write len bytes of s into buf (size bytes, NUL-terminated) fit for quoting
 * in a one-line message: backslash, newline, tab and other control bytes
 * escaped (\\ \n \t \xNN), and "..." when shortened.
 */
void ytext_escape(char *buf, size_t size, const char *s, size_t len);

#endif
