/*
 * import_cloudformation.c - CloudFormation and SAM templates, YAML or JSON,
 * into the model (aws-input-reference section 7).
 *
 * This file owns reading a template and its sections, and the order in
 * which templates become the model. Both syntaxes go through one reader,
 * yamltree.c: JSON is YAML's flow style, so libyaml reads a JSON template
 * into the same tree of struct ynode, with real line:col for every value
 * (jansson keeps none), and the long forms ({"Ref": "X"}) meet the
 * short-form tags ("!Ref X") in cfn_intrinsics.c. An unquoted
 * "AWSTemplateFormatVersion: 2010-09-09" is just a scalar in that tree, so
 * it needs no care.
 *
 * import_cloudformation() reads one template: its top-level sections
 * (Parameters, Mappings, Conditions, SAM Globals, Resources, Outputs), the
 * checks of cfn_check.c, and the index of its resources (Fn::ForEach loops
 * are not expanded: skipped with a warning). The template is then kept
 * until import_cloudformation_finish(), which runs once every input is
 * read: templates export and import values and pass values to nested
 * stacks, so a template's groups and members can only be known once all
 * templates are. The finish links them, declares every group, then imports
 * rules and members template by template, and ends with the fix-ups:
 * default egress for groups without any egress rule, and rules whose peer
 * is a parameter or import that also holds members or rules (drawn as
 * that group).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfn_check.h"
#include "cfn_eval.h"
#include "cfn_members.h"
#include "cfn_net.h"
#include "cfn_resources.h"
#include "importer.h"
#include "strbuf.h"
#include "utf8.h"
#include "strmap.h"
#include "xalloc.h"

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
                utf8_append(&sb, cp);
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

/* ==== Sections ==== */

/*
 * An optional mapping section. One that must be read (strict) is an
 * error when it is not a mapping; another is ignored with a warning.
 * Returns 0 or -1.
 */
static int cfn_section(struct cfn *c, const char *name, int strict, const struct ynode **out)
{
    const struct ynode *n = ynode_get(c->root, name);
    const char *got;

    *out = NULL;
    if (ynode_is_null(n))
        return 0;
    if (n->type == YNODE_MAP && !n->tag) {
        *out = n;
        return 0;
    }
    got = n->tag ? "a tagged value" : ynode_type_name(n);
    if (strict)
        return cfn_error(c, n, "expected a mapping for '%s', got %s", name, got);
    cfn_warning(c, n, "expected a mapping for '%s', got %s; ignored", name, got);
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
        r->c = c;
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

/* Read one template's sections, check it and index its resources. */
static int cfn_read(struct cfn *c)
{
    const struct ynode *resources;

    if (ynode_is_null(c->root))
        return cfn_error(c, NULL, "empty template");
    if (c->root->type != YNODE_MAP)
        return cfn_error(c, c->root, "expected a mapping at the top of the template, got %s",
                         ynode_type_name(c->root));
    if (cfn_section(c, "Parameters", 1, &c->params) < 0 ||
        cfn_section(c, "Mappings", 1, &c->mappings) < 0 ||
        cfn_section(c, "Conditions", 0, &c->conditions) < 0 ||
        cfn_section(c, "Globals", 1, &c->globals) < 0 ||
        cfn_section(c, "Outputs", 0, &c->outputs) < 0 ||
        cfn_section(c, "Resources", 1, &resources) < 0)
        return -1;
    if (!resources)
        return cfn_error(c, c->root, "template has no 'Resources'");
    cfn_check(c);
    if (c->tag_warnings > CFN_MAX_TAG_WARNINGS)
        cfn_warning(c, NULL, "%d more unknown tags", c->tag_warnings - CFN_MAX_TAG_WARNINGS);
    return cfn_index_resources(c, resources);
}

/*
 * Read one CloudFormation or SAM template, YAML or JSON, and keep it for
 * import_cloudformation_finish() (see importer.h). Returns 0, or -1 after
 * reporting the template's first error.
 */
static int import_cloudformation(struct import_session *s, const char *file, const char *data,
                                 size_t len)
{
    struct model *m = import_session_model(s);
    struct cfn *c = xcalloc(1, sizeof(*c));
    struct ynode *root;
    char *copy;
    size_t copylen = 0;

    c->m = m;
    c->file = file;
    copy = cfn_json_pairs(data, len, &copylen);
    c->doc = copy ? ydoc_parse(file, copy, copylen, &root) : ydoc_parse(file, data, len, &root);
    free(copy);
    if (!c->doc) {
        free(c);
        return -1;
    }
    c->root = root;
    c->by_id = strmap_new();
    c->group_names = strmap_new();
    c->warned = strmap_new();
    if (cfn_read(c) < 0) {
        cfn_free(c);
        return -1;
    }
    cfn_stacks_add(cfn_stacks_of(s, m), c);
    return 0;
}

/* ==== Once every input is read ==== */

/* A parameter or import that holds members or rules is a group. */
static void cfn_peers_as_groups(struct cfn *c)
{
    size_t i;

    for (i = 0; i < c->nrules; i++) {
        struct rule *rl = c->rules[i];
        if ((rl->peer_type == PEER_PARAM || rl->peer_type == PEER_IMPORT) &&
            model_find_group(c->m, rl->peer))
            rl->peer_type = PEER_GROUP;
    }
}

/*
 * Turn every template read into m into groups, rules and members. Each
 * step runs over all templates before the next, so that what one template
 * gives another (a group, a launch template, an attached interface, an
 * egress rule) is known whatever the order of the files. Returns 0, or -1
 * when a template had an error.
 */
static int import_cloudformation_finish(struct import_session *s)
{
    struct cfn_stacks *st = cfn_stacks_take(s);
    size_t i, n;
    int rc = 0;

    if (!st)
        return 0;
    n = cfn_stacks_count(st);
    cfn_stacks_link(st);
    for (i = 0; i < n; i++)
        cfn_declare_groups(cfn_stacks_get(st, i));
    for (i = 0; i < n; i++)
        cfn_mark_members(cfn_stacks_get(st, i));
    for (i = 0; i < n; i++) {
        struct cfn *c = cfn_stacks_get(st, i);
        if (cfn_import_rules(c) < 0)
            rc = -1;
        else
            cfn_import_members(c);
    }
    for (i = 0; i < n && rc == 0; i++)
        if (cfn_import_network(cfn_stacks_get(st, i)) < 0)
            rc = -1;
    for (i = 0; i < n; i++) {
        cfn_default_egress(cfn_stacks_get(st, i));
        cfn_peers_as_groups(cfn_stacks_get(st, i));
    }
    cfn_stacks_free(st);
    return rc;
}

/* Does a line of the text start with this key at column 1? */
static int has_top_level_key(const char *data, size_t len, const char *key)
{
    size_t klen = strlen(key);
    const char *p = data, *end = data + len;

    while (p < end) {
        if ((size_t)(end - p) > klen && memcmp(p, key, klen) == 0 &&
            (p[klen] == ':' || p[klen] == '"'))
            return 1;
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            break;
        p++;
    }
    return 0;
}

/* A template's keys: in JSON anywhere, in YAML at the start of a line. */
static enum import_claim cfn_detect(const char *file, const char *data, size_t len)
{
    size_t i = 0;

    (void)file;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == len || data[i] == '<')
        return CLAIM_NONE;
    if (data[i] == '{' || data[i] == '[')
        return strstr(data, "\"AWSTemplateFormatVersion\"") || strstr(data, "\"Resources\"")
                   ? CLAIM_CONTENT
                   : CLAIM_NONE;
    return has_top_level_key(data, len, "AWSTemplateFormatVersion") ||
                   has_top_level_key(data, len, "Resources")
               ? CLAIM_CONTENT
               : CLAIM_NONE;
}

static const char *const cfn_exts[] = {".json", ".yaml", ".yml", NULL};

const struct importer importer_cloudformation = {
    "cloudformation", cfn_exts, cfn_detect, import_cloudformation, NULL,
    import_cloudformation_finish,
};
