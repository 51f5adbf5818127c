/*
 * import_cloudformation.c - CloudFormation and SAM templates, YAML or JSON,
 * into the model (aws-input-reference section 7).
 *
 * This file owns reading a template and its sections. Both syntaxes go
 * through one reader, yamltree.c: JSON is YAML's flow style, so libyaml
 * reads a JSON template into the same tree of struct ynode, with real
 * line:col for every value (jansson keeps none), and the long forms
 * ({"Ref": "X"}) meet the short-form tags ("!Ref X") in cfn_intrinsics.c.
 * An unquoted "AWSTemplateFormatVersion: 2010-09-09" is just a scalar in
 * that tree, so it needs no care.
 *
 * Here: the top-level sections (Parameters, Mappings, SAM Globals,
 * Resources), one pre-pass that reports unknown tags (their values are
 * drawn as text) and Fn::ForEach loops (not expanded: skipped with a
 * warning), and the fix-ups once every resource is read: default egress
 * for groups without any egress rule, and rules whose peer is a parameter
 * or import that also holds members or rules (drawn as that group).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfn_internal.h"
#include "importer.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* Unknown tags reported one by one per template before a summary. */
#define CFN_MAX_TAG_WARNINGS 10

/* ==== Messages ==== */

struct srcloc cfn_loc(const struct cfn *c, const struct ynode *n)
{
    struct srcloc loc = {c->file, n ? n->line : 0, n ? n->col : 0, NULL};
    return loc;
}

int cfn_error(const struct cfn *c, const struct ynode *n, const char *fmt, ...)
{
    struct srcloc loc = cfn_loc(c, n);
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_error(&loc, "%s", msg);
    return -1;
}

void cfn_warning(const struct cfn *c, const struct ynode *n, const char *fmt, ...)
{
    struct srcloc loc = cfn_loc(c, n);
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_warning(&loc, "%s", msg);
}

const char *cfn_quote(int slot, const char *s)
{
    static char bufs[4][96];
    char *buf = bufs[slot & 3];

    ytext_escape(buf, sizeof(bufs[0]), s, strlen(s));
    return buf;
}

/* ==== Lookups ==== */

struct cfn_resource *cfn_resource(const struct cfn *c, const char *id)
{
    return strmap_get(c->by_id, id);
}

const struct ynode *cfn_param(const struct cfn *c, const char *name)
{
    return ynode_get(c->params, name);
}

/* ==== JSON surrogate pairs ==== */

static int cfn_hex4(const char *p, const char *end, unsigned *out)
{
    unsigned v = 0;
    int i;

    if (end - p < 4)
        return 0;
    for (i = 0; i < 4; i++) {
        char ch = p[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9')
            v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            v |= (unsigned)(ch - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/*
 * JSON writes characters beyond U+FFFF as a pair of \u escapes, which
 * libyaml refuses. Return a copy of a JSON text with every such pair in a
 * string replaced by the character's UTF-8 bytes (a column count on that
 * line moves a little), or NULL when there is none.
 */
static char *cfn_json_pairs(const char *data, size_t len, size_t *outlen)
{
    const char *p = data, *end = data + len;
    struct strbuf sb = STRBUF_INIT;
    int in_string = 0, changed = 0;

    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (p == end || *p != '{')
        return NULL;
    for (p = data; p < end; p++) {
        unsigned hi, lo, cp;
        if (*p == '"') {
            in_string = !in_string;
        } else if (in_string && *p == '\\' && p + 1 < end) {
            if (p[1] == 'u' && cfn_hex4(p + 2, end, &hi) && hi >= 0xd800 && hi <= 0xdbff &&
                end - p >= 12 && p[6] == '\\' && p[7] == 'u' && cfn_hex4(p + 8, end, &lo) &&
                lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                strbuf_addch(&sb, (int)(0xf0 | cp >> 18));
                strbuf_addch(&sb, (int)(0x80 | ((cp >> 12) & 0x3f)));
                strbuf_addch(&sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
                strbuf_addch(&sb, (int)(0x80 | (cp & 0x3f)));
                p += 11;
                changed = 1;
                continue;
            }
            strbuf_add(&sb, p, 2);
            p++;
            continue;
        }
        strbuf_addch(&sb, *p);
    }
    if (!changed) {
        strbuf_release(&sb);
        return NULL;
    }
    *outlen = sb.len;
    return strbuf_detach(&sb);
}

/* ==== Pre-pass: unknown tags ==== */

static void cfn_check_tags(struct cfn *c, const struct ynode *n)
{
    size_t i;

    if (n->tag && !cfn_known_tag(n->tag)) {
        if (c->tag_warnings < CFN_MAX_TAG_WARNINGS)
            cfn_warning(c, n, "unknown tag '%s'; its value is drawn as text",
                        cfn_quote(0, n->tag));
        c->tag_warnings++;
    }
    if (n->type == YNODE_SEQ)
        for (i = 0; i < n->nitems; i++)
            cfn_check_tags(c, n->items[i]);
    if (n->type == YNODE_MAP)
        for (i = 0; i < n->npairs; i++) {
            cfn_check_tags(c, n->pairs[i].key);
            cfn_check_tags(c, n->pairs[i].value);
        }
}

/* ==== Sections ==== */

/* An optional mapping section; returns 0 or -1. */
static int cfn_section(const struct cfn *c, const char *name, const struct ynode **out)
{
    const struct ynode *n = ynode_get(c->root, name);

    *out = NULL;
    if (ynode_is_null(n))
        return 0;
    if (n->type != YNODE_MAP || n->tag)
        return cfn_error(c, n, "expected a mapping for '%s', got %s", name,
                         n->tag ? "a tagged value" : ynode_type_name(n));
    *out = n;
    return 0;
}

/* Index the Resources mapping; entries that cannot be read are skipped. */
static int cfn_index_resources(struct cfn *c, const struct ynode *resources)
{
    size_t i;

    c->res = xcalloc(resources->npairs ? resources->npairs : 1, sizeof(*c->res));
    for (i = 0; i < resources->npairs; i++) {
        const struct ynode *k = resources->pairs[i].key, *v = resources->pairs[i].value;
        const struct ynode *type;
        struct cfn_resource *r;

        if (k->type != YNODE_SCALAR || k->tag || k->len == 0 || strlen(k->value) != k->len)
            return cfn_error(c, k, "expected a logical id as a key in 'Resources', got %s",
                             ynode_type_name(k));
        if (strncmp(k->value, "Fn::ForEach", 11) == 0) {
            cfn_warning(c, k,
                        "'%s' is a loop of the AWS::LanguageExtensions transform, "
                        "which sgmap does not expand; its resources are not drawn",
                        cfn_quote(0, k->value));
            continue;
        }
        if (v->type != YNODE_MAP || v->tag) {
            cfn_warning(c, v, "expected a mapping for resource '%s', got %s; skipped",
                        cfn_quote(0, k->value), v->tag ? "a tagged value" : ynode_type_name(v));
            continue;
        }
        type = ynode_get(v, "Type");
        r = &c->res[c->nres++];
        r->id = k->value;
        r->key = k;
        r->node = v;
        if (type && type->type == YNODE_SCALAR && !type->tag)
            r->type = type->value;
        else if (!type)
            cfn_warning(c, k, "resource '%s' has no 'Type'; skipped", cfn_quote(0, k->value));
        else
            cfn_warning(c, type, "expected a string for the 'Type' of resource '%s'; skipped",
                        cfn_quote(0, k->value));
        r->props = ynode_get(v, "Properties");
        if (r->props && (r->props->type != YNODE_MAP || r->props->tag)) {
            if (!ynode_is_null(r->props))
                cfn_warning(c, r->props,
                            "expected a mapping for the 'Properties' of resource '%s'; "
                            "they are ignored",
                            cfn_quote(0, k->value));
            r->props = NULL;
        }
        r->conditional = ynode_get(v, "Condition") != NULL;
        strmap_put(c->by_id, r->id, r);
    }
    return 0;
}

/* ==== Fix-ups ==== */

static void cfn_finish(struct cfn *c)
{
    size_t i;

    for (i = 0; i < c->nres; i++) {
        struct cfn_resource *r = &c->res[i];
        if (r->gid && !r->has_egress)
            model_group(c->m, r->gid, NULL)->default_egress = 1;
    }
    /* A parameter or import that holds members or rules is a group. */
    for (i = 0; i < c->nrules; i++) {
        struct rule *rl = c->rules[i];
        if ((rl->peer_type == PEER_PARAM || rl->peer_type == PEER_IMPORT) &&
            model_find_group(c->m, rl->peer))
            rl->peer_type = PEER_GROUP;
    }
}

static int cfn_template(struct cfn *c)
{
    const struct ynode *resources, *globals;

    if (ynode_is_null(c->root))
        return cfn_error(c, NULL, "empty template");
    if (c->root->type != YNODE_MAP)
        return cfn_error(c, c->root, "expected a mapping at the top of the template, got %s",
                         ynode_type_name(c->root));
    cfn_check_tags(c, c->root);
    if (c->tag_warnings > CFN_MAX_TAG_WARNINGS)
        cfn_warning(c, NULL, "%d more unknown tags", c->tag_warnings - CFN_MAX_TAG_WARNINGS);
    if (cfn_section(c, "Parameters", &c->params) < 0 ||
        cfn_section(c, "Mappings", &c->mappings) < 0 ||
        cfn_section(c, "Globals", &globals) < 0 || cfn_section(c, "Resources", &resources) < 0)
        return -1;
    c->globals = globals;
    if (!resources)
        return cfn_error(c, c->root, "template has no 'Resources'");
    if (cfn_index_resources(c, resources) < 0 || cfn_declare_groups(c) < 0 ||
        cfn_import_resources(c) < 0)
        return -1;
    cfn_finish(c);
    return 0;
}

/*
 * Import one CloudFormation or SAM template, YAML or JSON, into m (see
 * importer.h). Returns 0, or -1 after reporting the template's first error.
 */
int import_cloudformation(struct model *m, const char *file, const char *data, size_t len)
{
    struct cfn c;
    struct ynode *root;
    struct ydoc *doc;
    char *copy;
    size_t copylen = 0;
    int rc;

    memset(&c, 0, sizeof(c));
    c.m = m;
    c.file = file;
    copy = cfn_json_pairs(data, len, &copylen);
    doc = copy ? ydoc_parse(file, copy, copylen, &root) : ydoc_parse(file, data, len, &root);
    free(copy);
    if (!doc)
        return -1;
    c.root = root;
    c.by_id = strmap_new();
    rc = cfn_template(&c);
    strmap_free(c.by_id);
    free(c.res);
    free(c.rules);
    ydoc_free(doc);
    return rc;
}
