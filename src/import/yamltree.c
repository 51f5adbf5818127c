/*
 * yamltree.c - libyaml's event stream read into a tree of struct ynode.
 *
 * This file owns the YAML reader shared by the importers: it drives
 * yaml_parser_parse() over the first document of an input, builds nodes that
 * keep their 1-based line:col, tag and scalar style, and enforces the limits
 * that make hostile files harmless: nesting depth, the size of the document
 * once aliases are expanded (so "billion laughs" is refused after a few
 * thousand events), unknown or self-containing aliases and duplicate keys.
 *
 * Memory: every node, string and array of one document lives in the
 * document's arena (arena.h); ydoc_free() releases it in one go. Nothing points into
 * libyaml's event buffers after an event is deleted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"
#include "yamltree.h"

/* Input bytes per mapping key, about, and the most keys the table is
 * sized for up front (it grows past that). */
#define YAML_BYTES_PER_KEY 32
#define YAML_TABLE_MAX_SIZED (1u << 20)

/* ==== Memory ==== */

/* A parsed document: the arena that holds all of its nodes and strings. */
struct ydoc {
    struct arena arena;
};

/* A zeroed node-sized object (nodes, anchors). */
static void *ydoc_alloc(struct ydoc *doc, size_t size)
{
    return arena_alloc(&doc->arena, size);
}

/* Room for n pointers or pairs that the caller fills (not zeroed). */
static void *ydoc_alloc_raw(struct ydoc *doc, size_t size)
{
    return arena_alloc_raw(&doc->arena, size);
}

/* Copy n bytes into the arena and NUL-terminate them. */
static char *ydoc_strndup(struct ydoc *doc, const void *s, size_t n)
{
    return arena_strndup(&doc->arena, s, n);
}

void ydoc_free(struct ydoc *doc)
{
    if (!doc)
        return;
    arena_release(&doc->arena);
    free(doc);
}

/* ==== Anchors and mapping keys ==== */

/*
 * One strmap serves two lookups: anchors ("&" and the anchor name) and the
 * keys seen so far in each mapping (the mapping's serial number, ':' and
 * the key's text), so both stay O(1) however large a hostile file is. Its
 * keys live in the parse's arena. Scalar text may hold NUL bytes: NUL is
 * written as \001\002 and \001 as \001\001, so that keys stay distinct.
 */
static const char *ytable_key(struct strbuf *sb, size_t ns, const char *text, size_t len)
{
    size_t i;

    strbuf_reset(sb);
    if (ns)
        strbuf_addf(sb, "%zu:", ns);
    else
        strbuf_addch(sb, '&');
    for (i = 0; i < len; i++) {
        if (text[i] == '\0' || text[i] == '\001') {
            strbuf_addch(sb, '\001');
            strbuf_addch(sb, text[i] ? '\001' : '\002');
        } else {
            strbuf_addch(sb, text[i]);
        }
    }
    return sb->buf;
}

/*
 * Look (ns, text) up in map. When absent and value is not NULL, insert it
 * (its key copied into keys). Returns the entry's previous value, or NULL
 * when it was absent. When replace is set, an existing entry takes the new
 * value (a redefined anchor).
 */
static void *ytable_put(struct strmap *map, struct arena *keys, struct strbuf *sb, size_t ns,
                        const char *text, size_t len, void *value, int replace)
{
    const char *key = ytable_key(sb, ns, text, len);
    void *old = strmap_get(map, key);

    if (!old) {
        if (value)
            strmap_put(map, arena_strndup(keys, key, sb->len), value);
        return NULL;
    }
    if (replace && value)
        strmap_put(map, key, value);
    return old;
}

/* ==== Tree building ==== */

/* An anchor: the node it names and that node's expanded measures. */
struct yanchor {
    struct ynode *node;
    size_t size;  /* expanded node count, valid once complete */
    size_t bytes; /* expanded memory (nodes and text), valid once complete */
    int height;   /* container levels in the node, valid once complete */
    int complete; /* 0 while the anchored collection is still open */
};

/* One open sequence or mapping. */
struct yframe {
    struct ynode *node;
    size_t alloc;           /* slots in node->items or node->pairs */
    size_t size;            /* expanded size so far (1 for the node itself) */
    size_t bytes;           /* expanded memory so far (see ynode_bytes()) */
    int height;             /* highest child, in container levels */
    struct yanchor *anchor; /* its anchor, or NULL */
    size_t serial;          /* mappings: namespace of their keys */
    struct ynode *key;      /* mappings: a key waiting for its value */
};

/* The state of one ydoc_parse() call. */
struct yparse {
    const char *file;
    struct ydoc *doc;
    struct strmap *table; /* anchors and mapping keys, see ytable_put() */
    struct arena keys;    /* the keys of table */
    struct strbuf key;    /* scratch for a key */
    struct yframe frames[YAML_MAX_DEPTH];
    int depth;          /* open collections */
    size_t total;       /* expanded size of everything read so far */
    size_t aliased;     /* memory aliases added once expanded, so far */
    size_t max_aliased; /* its limit for this input (see yamltree.h) */
    size_t serials;     /* mappings started */
    struct ynode *root; /* the document's root, once read */
    int done;           /* the root is complete */
};

/* Report an error at a libyaml mark (0-based). Returns -1. */
static int yparse_error(struct yparse *p, const yaml_mark_t *mark, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int yparse_error(struct yparse *p, const yaml_mark_t *mark, const char *fmt, ...)
{
    struct srcloc loc = {p->file, (int)mark->line + 1, (int)mark->column + 1, NULL};
    char msg[512];
    va_list ap;

    if (mark->line >= INT32_MAX || mark->column >= INT32_MAX)
        loc.line = loc.col = 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_error(&loc, "%s", msg);
    return -1;
}

/* Keep tag unless it is a standard tag or the non-specific "!". */
static const char *yparse_tag(struct yparse *p, const yaml_char_t *tag)
{
    const char *t = (const char *)tag;

    if (!t || strcmp(t, "!") == 0 || strncmp(t, "tag:yaml.org,2002:", 18) == 0)
        return NULL;
    return ydoc_strndup(p->doc, t, strlen(t));
}

static struct ynode *yparse_node(struct yparse *p, enum ynode_type type,
                                 const yaml_mark_t *mark, const yaml_char_t *tag)
{
    struct ynode *n = ydoc_alloc(p->doc, sizeof(*n));

    n->type = type;
    n->tag = yparse_tag(p, tag);
    n->line = mark->line < INT32_MAX ? (int)mark->line + 1 : 0;
    n->col = mark->column < INT32_MAX ? (int)mark->column + 1 : 0;
    return n;
}

/*
 * Count size more nodes of the expanded document (an alias counts as the
 * whole node it names); -1 past the limit.
 */
static int yparse_count(struct yparse *p, size_t size, int alias, const yaml_mark_t *mark)
{
    p->total += size;
    if (p->total <= YAML_MAX_NODES)
        return 0;
    if (alias)
        return yparse_error(p, mark,
                            "document is too large once aliases are expanded "
                            "(more than %d nodes)",
                            YAML_MAX_NODES);
    return yparse_error(p, mark, "document has too many nodes (more than %d)",
                        YAML_MAX_NODES);
}

/* What a node weighs once expanded: the node and its text, as every
 * importer that walks the tree makes at least that much of it. */
static size_t ynode_bytes(size_t textlen)
{
    return sizeof(struct ynode) + textlen;
}

/* Record a new anchor naming n; the returned record completes later. */
static struct yanchor *yparse_anchor(struct yparse *p, const yaml_char_t *name,
                                     struct ynode *n)
{
    struct yanchor *a;
    size_t len;
    char *text;

    if (!name)
        return NULL;
    len = strlen((const char *)name);
    text = ydoc_strndup(p->doc, name, len);
    a = ydoc_alloc(p->doc, sizeof(*a));
    a->node = n;
    ytable_put(p->table, &p->keys, &p->key, 0, text, len, a, 1);
    return a;
}

/* Write a scalar's text for a message: escaped, shortened. */
void ytext_escape(char *buf, size_t size, const char *s, size_t len)
{
    size_t i, o = 0, limit;

    if (size == 0)
        return;
    /* Keep room for "..." and the NUL. */
    limit = size > 8 ? size - 5 : size - 1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        size_t n;

        if (c == '\\') {
            esc[0] = '\\';
            esc[1] = '\\';
            n = 2;
        } else if (c == '\n') {
            esc[0] = '\\';
            esc[1] = 'n';
            n = 2;
        } else if (c == '\t') {
            esc[0] = '\\';
            esc[1] = 't';
            n = 2;
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof(esc), "\\x%02x", c);
            n = 4;
        } else {
            esc[0] = (char)c;
            n = 1;
        }
        if (o + n > limit) {
            /* Do not leave half a UTF-8 character before the ellipsis. */
            while (o > 0 && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
                o--;
            if (o > 0 && ((unsigned char)buf[o - 1] & 0xc0) == 0xc0)
                o--;
            if (size > 8) {
                memcpy(buf + o, "...", 3);
                o += 3;
            }
            break;
        }
        memcpy(buf + o, esc, n);
        o += n;
    }
    buf[o] = '\0';
}

/* Is n a plain "<<" (a merge key)? */
static int ynode_is_merge_key(const struct ynode *n)
{
    return n->type == YNODE_SCALAR && n->plain && !n->tag && n->len == 2 &&
           memcmp(n->value, "<<", 2) == 0;
}

/*
 * Attach a finished node (or an alias's target) to the open collection, or
 * make it the root. size, bytes and height are its expanded measures; mark is where
 * it was written, for errors.
 */
static int yparse_add(struct yparse *p, struct ynode *n, size_t size, size_t bytes,
                      int height, const yaml_mark_t *mark)
{
    struct yframe *f;
    struct ynode *c;

    if (p->depth == 0) {
        p->root = n;
        p->done = 1;
        return 0;
    }
    f = &p->frames[p->depth - 1];
    c = f->node;
    f->size += size;
    f->bytes += bytes;
    if (height > f->height)
        f->height = height;
    if (c->type == YNODE_SEQ) {
        if (c->nitems == f->alloc) {
            size_t alloc = f->alloc ? f->alloc * 2 : 4;
            struct ynode **items = ydoc_alloc_raw(p->doc, alloc * sizeof(*items));
            if (c->nitems)
                memcpy(items, c->items, c->nitems * sizeof(*items));
            c->items = items;
            f->alloc = alloc;
        }
        c->items[c->nitems++] = n;
        return 0;
    }
    if (!f->key) {
        f->key = n;
        if (n->type != YNODE_SCALAR)
            return 0;
        if (ynode_is_merge_key(n))
            return yparse_error(p, mark, "merge keys ('<<') are not supported");
        if (ytable_put(p->table, &p->keys, &p->key, f->serial, n->value, n->len, n, 0)) {
            char text[96];
            ytext_escape(text, sizeof(text), n->value, n->len);
            return yparse_error(p, mark, "duplicate key '%s'", text);
        }
        return 0;
    }
    if (c->npairs == f->alloc) {
        size_t alloc = f->alloc ? f->alloc * 2 : 4;
        struct ypair *pairs = ydoc_alloc_raw(p->doc, alloc * sizeof(*pairs));
        if (c->npairs)
            memcpy(pairs, c->pairs, c->npairs * sizeof(*pairs));
        c->pairs = pairs;
        f->alloc = alloc;
    }
    c->pairs[c->npairs].key = f->key;
    c->pairs[c->npairs].value = n;
    c->npairs++;
    f->key = NULL;
    return 0;
}

static int yparse_scalar(struct yparse *p, const yaml_event_t *ev)
{
    const yaml_mark_t *mark = &ev->start_mark;
    struct ynode *n = yparse_node(p, YNODE_SCALAR, mark, ev->data.scalar.tag);
    const char *tag = (const char *)ev->data.scalar.tag;
    struct yanchor *a;

    n->value = ydoc_strndup(p->doc, ev->data.scalar.value, ev->data.scalar.length);
    n->len = ev->data.scalar.length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    /* "!!str 5" and "! 5" are strings, whatever their style. */
    if (tag && (strcmp(tag, "!") == 0 || strcmp(tag, YAML_STR_TAG) == 0))
        n->plain = 0;
    if (yparse_count(p, 1, 0, mark) < 0)
        return -1;
    a = yparse_anchor(p, ev->data.scalar.anchor, n);
    if (a) {
        a->size = 1;
        a->bytes = ynode_bytes(n->len);
        a->height = 0;
        a->complete = 1;
    }
    return yparse_add(p, n, 1, ynode_bytes(n->len), 0, mark);
}

static int yparse_start(struct yparse *p, const yaml_event_t *ev, enum ynode_type type)
{
    const yaml_mark_t *mark = &ev->start_mark;
    const yaml_char_t *tag, *anchor;
    struct yframe *f;
    struct ynode *n;

    if (type == YNODE_SEQ) {
        tag = ev->data.sequence_start.tag;
        anchor = ev->data.sequence_start.anchor;
    } else {
        tag = ev->data.mapping_start.tag;
        anchor = ev->data.mapping_start.anchor;
    }
    if (p->depth >= YAML_MAX_DEPTH)
        return yparse_error(p, mark, "nesting is too deep (more than %d levels)",
                            YAML_MAX_DEPTH);
    if (yparse_count(p, 1, 0, mark) < 0)
        return -1;
    n = yparse_node(p, type, mark, tag);
    f = &p->frames[p->depth++];
    memset(f, 0, sizeof(*f));
    f->node = n;
    f->size = 1;
    f->bytes = ynode_bytes(0);
    f->anchor = yparse_anchor(p, anchor, n);
    if (type == YNODE_MAP)
        f->serial = ++p->serials;
    return 0;
}

static int yparse_end(struct yparse *p)
{
    struct yframe *f = &p->frames[p->depth - 1];
    struct ynode *n = f->node;
    size_t size = f->size, bytes = f->bytes;
    int height = f->height + 1;
    yaml_mark_t mark;

    if (f->anchor) {
        f->anchor->size = size;
        f->anchor->bytes = bytes;
        f->anchor->height = height;
        f->anchor->complete = 1;
    }
    p->depth--;
    /* A collection used as a key is reported where it starts. */
    mark.index = 0;
    mark.line = (size_t)(n->line > 0 ? n->line - 1 : 0);
    mark.column = (size_t)(n->col > 0 ? n->col - 1 : 0);
    return yparse_add(p, n, size, bytes, height, &mark);
}

static int yparse_alias(struct yparse *p, const yaml_event_t *ev)
{
    const yaml_mark_t *mark = &ev->start_mark;
    const char *name = (const char *)ev->data.alias.anchor;
    size_t len = strlen(name);
    struct yanchor *a = ytable_put(p->table, &p->keys, &p->key, 0, name, len, NULL, 0);
    char text[96];

    ytext_escape(text, sizeof(text), name, len);
    if (!a)
        return yparse_error(p, mark, "unknown alias '*%s'", text);
    if (!a->complete)
        return yparse_error(p, mark, "alias '*%s' refers to a node that contains it",
                            text);
    if (p->depth + a->height > YAML_MAX_DEPTH)
        return yparse_error(p, mark,
                            "nesting is too deep once alias '*%s' is expanded "
                            "(more than %d levels)",
                            text, YAML_MAX_DEPTH);
    if (yparse_count(p, a->size, 1, mark) < 0)
        return -1;
    /* Bounded by what it makes, not only by node count: a small file that
     * reuses a large anchor many times is refused quickly. */
    p->aliased += a->bytes;
    if (p->aliased > p->max_aliased)
        return yparse_error(p, mark,
                            "document is too large once aliases are expanded (alias '*%s' "
                            "makes it more than %zu MiB larger)",
                            text, p->max_aliased >> 20);
    return yparse_add(p, a->node, a->size, a->bytes, a->height, mark);
}

/* Report libyaml's own error (syntax, encoding). */
static void yparse_syntax_error(struct yparse *p, const yaml_parser_t *parser,
                                const char *data, size_t len)
{
    const char *problem = parser->problem ? parser->problem : "cannot parse the document";
    yaml_mark_t mark = parser->problem_mark;

    if (parser->error == YAML_MEMORY_ERROR)
        diag_die(EXIT_SYSTEM, "out of memory");
    if (parser->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark: count lines. */
        size_t i, end = parser->problem_offset < len ? parser->problem_offset : len;
        mark.line = 0;
        mark.column = 0;
        for (i = 0; i < end; i++) {
            if (data[i] == '\n') {
                mark.line++;
                mark.column = 0;
            } else if (((unsigned char)data[i] & 0xc0) != 0x80) {
                mark.column++;
            }
        }
        if (parser->problem_value != -1)
            yparse_error(p, &mark, "%s (byte 0x%02x)", problem,
                         (unsigned)parser->problem_value & 0xffu);
        else
            yparse_error(p, &mark, "%s", problem);
        return;
    }
    if (parser->context && parser->context_mark.line < INT32_MAX &&
        parser->context_mark.column < INT32_MAX)
        yparse_error(p, &mark, "%s (%s that starts at %d:%d)", problem, parser->context,
                     (int)parser->context_mark.line + 1,
                     (int)parser->context_mark.column + 1);
    else
        yparse_error(p, &mark, "%s", problem);
}

/* Parse data into p; returns 0 or -1 after reporting. */
static int yparse_run(struct yparse *p, const char *data, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int rc = 0, ended = 0;

    if (!yaml_parser_initialize(&parser))
        diag_die(EXIT_SYSTEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    while (!p->done) {
        if (!yaml_parser_parse(&parser, &ev)) {
            yparse_syntax_error(p, &parser, data, len);
            rc = -1;
            break;
        }
        switch (ev.type) {
        case YAML_SCALAR_EVENT:
            rc = yparse_scalar(p, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            rc = yparse_start(p, &ev, YNODE_SEQ);
            break;
        case YAML_MAPPING_START_EVENT:
            rc = yparse_start(p, &ev, YNODE_MAP);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            rc = yparse_end(p);
            break;
        case YAML_ALIAS_EVENT:
            rc = yparse_alias(p, &ev);
            break;
        case YAML_STREAM_END_EVENT:
            /* An empty stream: no document at all. */
            p->done = 1;
            ended = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
        if (rc < 0)
            break;
    }
    /* The rest of the stream must be clean and hold no second document:
     * silently ignoring one would draw half of what the user wrote. */
    while (rc == 0 && !ended) {
        if (!yaml_parser_parse(&parser, &ev)) {
            yparse_syntax_error(p, &parser, data, len);
            rc = -1;
            break;
        }
        if (ev.type == YAML_DOCUMENT_START_EVENT)
            rc = yparse_error(p, &ev.start_mark, "a second YAML document starts here; "
                                                 "sgmap reads one document per file");
        else if (ev.type == YAML_STREAM_END_EVENT || ev.type == YAML_NO_EVENT)
            ended = 1;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return rc;
}

struct ydoc *ydoc_parse(const char *file, const char *data, size_t len,
                        struct ynode **root)
{
    struct yparse *p = xcalloc(1, sizeof(*p));
    struct ydoc *doc = xcalloc(1, sizeof(*doc));
    int rc;

    *root = NULL;
    p->file = file;
    p->doc = doc;
    p->max_aliased = YAML_MAX_ALIAS_BYTES(len);
    /* About one key or anchor per YAML_BYTES_PER_KEY bytes of input. */
    p->table = strmap_new_sized(len / YAML_BYTES_PER_KEY < YAML_TABLE_MAX_SIZED
                                    ? len / YAML_BYTES_PER_KEY
                                    : YAML_TABLE_MAX_SIZED);
    strbuf_init(&p->key);
    rc = yparse_run(p, data, len);
    strmap_free(p->table);
    arena_release(&p->keys);
    strbuf_release(&p->key);
    if (rc < 0) {
        free(p);
        ydoc_free(doc);
        return NULL;
    }
    *root = p->root;
    free(p);
    return doc;
}

/* ==== Queries ==== */

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
    size_t i, len;

    if (!map || map->type != YNODE_MAP || !key)
        return NULL;
    len = strlen(key);
    for (i = 0; i < map->npairs; i++) {
        const struct ynode *k = map->pairs[i].key;
        if (k->type == YNODE_SCALAR && k->len == len && memcmp(k->value, key, len) == 0)
            return map->pairs[i].value;
    }
    return NULL;
}

const char *ynode_str(const struct ynode *n)
{
    if (!n || n->type != YNODE_SCALAR)
        return NULL;
    return n->value;
}

/* Is scalar n's whole text s (embedded NULs never match)? */
static int ynode_text_is(const struct ynode *n, const char *s)
{
    size_t len = strlen(s);

    return n->len == len && memcmp(n->value, s, len) == 0;
}

int ynode_is_null(const struct ynode *n)
{
    if (!n)
        return 1;
    if (n->type != YNODE_SCALAR || !n->plain || n->tag)
        return 0;
    return n->len == 0 || ynode_text_is(n, "~") || ynode_text_is(n, "null") ||
           ynode_text_is(n, "Null") || ynode_text_is(n, "NULL");
}

/* Does plain scalar n read as a number (decimal, with optional fraction
 * and exponent)? Only for messages: importers decide what they accept. */
static int ynode_looks_numeric(const struct ynode *n)
{
    size_t i = 0, digits = 0;
    const char *s = n->value;

    if (i < n->len && (s[i] == '-' || s[i] == '+'))
        i++;
    for (; i < n->len && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n->len && s[i] == '.')
        for (i++; i < n->len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (digits && i < n->len && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp = 0;
        i++;
        if (i < n->len && (s[i] == '-' || s[i] == '+'))
            i++;
        for (; i < n->len && s[i] >= '0' && s[i] <= '9'; i++)
            exp++;
        if (!exp)
            return 0;
    }
    return digits > 0 && i == n->len;
}

const char *ynode_type_name(const struct ynode *n)
{
    if (!n || ynode_is_null(n))
        return "null";
    switch (n->type) {
    case YNODE_SCALAR:
        if (n->plain && !n->tag && ynode_looks_numeric(n))
            return "a number";
        if (n->plain && !n->tag &&
            (ynode_text_is(n, "true") || ynode_text_is(n, "false") ||
             ynode_text_is(n, "True") || ynode_text_is(n, "False") ||
             ynode_text_is(n, "TRUE") || ynode_text_is(n, "FALSE")))
            return "a boolean";
        return "a string";
    case YNODE_SEQ:
        return "a list";
    case YNODE_MAP:
        return "a mapping";
    }
    return "a value";
}
