/*
 * cfn_stacks.c - the templates read into one model, and what links them.
 *
 * Inputs arrive one call at a time, but templates depend on each other:
 * one exports a value (Outputs: X: Export: Name) that another imports
 * (Fn::ImportValue), and a parent's AWS::CloudFormation::Stack passes
 * values to the parameters of a child template. So every template read
 * into a model is kept here until import_cloudformation_finish(), which
 * takes them all, links them and imports them.
 *
 * Links, made once every template is known:
 * - A nested stack's child is the template given on the command line
 *   whose file name is the last part of its TemplateURL (SAM: Location),
 *   else the one template that has a parameter of every name the stack
 *   passes. Its parameters then stand for what the parent passes; a
 *   template that is the child of two stacks keeps its parameters.
 * - Export names and import names are compared as text after parameter
 *   defaults (or a parent's value) are put in, and the stack name and
 *   other unknowns become wildcards: "${AWS::StackName}:Db" exports what
 *   "!Join [':', [!Ref StackName, Db]]" imports whatever StackName is. An
 *   import matching exactly one export of another template is that
 *   export's value; an exact match (no wildcard) wins over matches through
 *   wildcards; an import that matches several stays an import node.
 *
 * The state is looked up by model pointer in a small list and freed by
 * the finish (a model freed without one leaves it until the process
 * exits, as aws_state.c does).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfn_eval.h"
#include "importer.h"
#include "strmap.h"
#include "xalloc.h"

/* Longest export or import name compared, in bytes (AWS allows 255). */
#define CFN_NAME_MAX 512

struct cfn_export {
    char *name;              /* as cfn_eval() gives it in CFN_EVAL_NAME mode */
    struct cfn *c;           /* the template that exports it */
    const struct ynode *key; /* the output's logical id */
    const struct ynode *value;
    int conditional;         /* the output has a Condition */
};

struct cfn_stacks {
    struct model *m;
    struct cfn **t;          /* the templates, in the order they were read */
    size_t n, alloc;
    struct cfn_export *exports;
    size_t nexports, exports_alloc;
    struct strmap *ids;      /* "g:ID" (groups) / "r:ID" (others) -> templates using it */
    int depth;               /* templates entered while resolving a value */
};

/* ==== The registry ==== */

/* The session keeps the templates read so far until the finish takes them
 * (a session freed before that frees them too). */
static void stacks_free(void *st)
{
    cfn_stacks_free(st);
}

struct cfn_stacks *cfn_stacks_of(struct import_session *s, struct model *m)
{
    struct cfn_stacks *st = import_session_state(s, &importer_cloudformation);

    if (st)
        return st;
    st = xcalloc(1, sizeof(*st));
    st->m = m;
    st->ids = strmap_new();
    import_session_set_state(s, &importer_cloudformation, st, stacks_free);
    return st;
}

void cfn_stacks_add(struct cfn_stacks *st, struct cfn *c)
{
    c->stacks = st;
    XGROW(st->t, st->alloc, st->n + 1);
    st->t[st->n++] = c;
}

struct cfn_stacks *cfn_stacks_take(struct import_session *s)
{
    return import_session_take_state(s, &importer_cloudformation);
}

size_t cfn_stacks_count(const struct cfn_stacks *st)
{
    return st->n;
}

struct cfn *cfn_stacks_get(const struct cfn_stacks *st, size_t i)
{
    return st->t[i];
}

void cfn_stacks_free(struct cfn_stacks *st)
{
    size_t i;

    if (!st)
        return;
    for (i = 0; i < st->n; i++)
        cfn_free(st->t[i]);
    for (i = 0; i < st->nexports; i++)
        free(st->exports[i].name);
    free(st->exports);
    free(st->t);
    strmap_free(st->ids);
    free(st);
}

int cfn_stacks_enter(struct cfn_stacks *st)
{
    if (st->depth >= CFN_MAX_LINK_DEPTH)
        return 0;
    st->depth++;
    return 1;
}

void cfn_stacks_leave(struct cfn_stacks *st)
{
    st->depth--;
}

/* ==== Logical ids used by several templates ==== */

static char *cfn_id_key(const char *id, int group)
{
    return xasprintf("%c:%s", group ? 'g' : 'r', id);
}

static void cfn_count_ids(struct cfn_stacks *st)
{
    size_t i, j;

    for (i = 0; i < st->n; i++) {
        for (j = 0; j < st->t[i]->nres; j++) {
            const struct cfn_resource *r = &st->t[i]->res[j];
            char *key = cfn_id_key(r->id, cfn_type_is(r, "AWS::EC2::SecurityGroup"));
            uintptr_t n = (uintptr_t)strmap_get(st->ids, key);
            strmap_put(st->ids, model_strdup(st->m, key), (void *)(n + 1));
            free(key);
        }
    }
}

size_t cfn_stacks_id_uses(const struct cfn_stacks *st, const char *id, int group)
{
    char *key = cfn_id_key(id, group);
    uintptr_t n = (uintptr_t)strmap_get(st->ids, key);

    free(key);
    return (size_t)n;
}

/* ==== Nested stacks ==== */

/* The file name of a path or URL (query and fragment cut off), in sb. */
static const char *cfn_base_name(struct strbuf *sb)
{
    char *cut = strpbrk(sb->buf, "?#"), *slash;

    if (cut) {
        *cut = '\0';
        sb->len = (size_t)(cut - sb->buf);
    }
    slash = strrchr(sb->buf, '/');
    return slash ? slash + 1 : sb->buf;
}

static const char *cfn_file_base(const char *file)
{
    const char *slash = strrchr(file, '/');

    return slash ? slash + 1 : file;
}

/* Has template t a parameter of every name in params? */
static int cfn_takes_params(const struct cfn *t, const struct ynode *params)
{
    size_t i;

    for (i = 0; i < params->npairs; i++) {
        const struct ynode *k = params->pairs[i].key;
        if (k->type != YNODE_SCALAR || !cfn_param(t, k->value))
            return 0;
    }
    return 1;
}

/* The child template of nested stack r of parent, or NULL. */
static struct cfn *cfn_find_child(struct cfn_stacks *st, struct cfn *parent,
                                  const struct cfn_resource *r, const struct ynode *params)
{
    const struct ynode *url =
        ynode_get(r->props, cfn_type_is(r, "AWS::Serverless::Application") ? "Location"
                                                                            : "TemplateURL");
    struct strbuf sb = STRBUF_INIT;
    struct cfn *found = NULL;
    const char *base;
    size_t i, n = 0;

    if (url && cfn_eval(parent, url, 0, CFN_EVAL_NAME, &sb)) {
        base = cfn_base_name(&sb);
        for (i = 0; *base && !strchr(base, CFN_WILDCARD) && i < st->n; i++) {
            if (st->t[i] != parent && strcmp(cfn_file_base(st->t[i]->file), base) == 0) {
                found = st->t[i];
                n++;
            }
        }
    }
    strbuf_release(&sb);
    if (n == 1)
        return found;
    n = 0;
    if (params && params->type == YNODE_MAP && !params->tag && params->npairs > 0) {
        for (i = 0; i < st->n; i++) {
            if (st->t[i] != parent && cfn_takes_params(st->t[i], params)) {
                found = st->t[i];
                n++;
            }
        }
    }
    if (n == 1)
        return found;
    if (n > 1)
        cfn_warning(parent, r->key,
                    "the parameter names of stack '%s' match %zu templates; its child is "
                    "not known, so its parameters are not followed",
                    cfn_quote(0, r->id), n);
    return NULL;
}

/* Link nested stack r of parent to its child and bind the child's parameters. */
static void cfn_link_stack(struct cfn_stacks *st, struct cfn *parent, struct cfn_resource *r)
{
    const struct ynode *params = ynode_get(r->props, "Parameters");
    struct cfn *child = cfn_find_child(st, parent, r, params);
    size_t i;

    if (!child)
        return;
    r->child = child;
    if (child->parents++ > 0) {
        if (child->parents == 2)
            cfn_warning(parent, r->key,
                        "template '%s' is the child of stacks '%s' (%s) and '%s'; "
                        "its parameters are not followed",
                        cfn_quote(0, child->file), cfn_quote(1, child->parent->id),
                        cfn_quote(2, child->parent->c->file), cfn_quote(3, r->id));
        child->nbindings = 0;
        return;
    }
    child->parent = r;
    if (!params || params->type != YNODE_MAP || params->tag)
        return;
    for (i = 0; i < params->npairs; i++) {
        const struct ynode *k = params->pairs[i].key, *v = params->pairs[i].value;
        struct cfn_binding *b;
        if (k->type != YNODE_SCALAR || k->tag)
            continue;
        if (!cfn_param(child, k->value)) {
            cfn_warning(parent, k, "expected a parameter of template '%s', got '%s'",
                        cfn_quote(0, child->file), cfn_quote(1, k->value));
            continue;
        }
        if (cfn_is_novalue(v))
            continue;
        XGROW(child->bindings, child->bindings_alloc, child->nbindings + 1);
        b = &child->bindings[child->nbindings++];
        b->name = k->value;
        b->from = parent;
        b->value = v;
        b->conditional = r->conditional;
    }
}

const struct cfn_binding *cfn_binding(const struct cfn *c, const char *name)
{
    size_t i;

    if (c->parents != 1)
        return NULL;
    for (i = 0; i < c->nbindings; i++)
        if (strcmp(c->bindings[i].name, name) == 0)
            return &c->bindings[i];
    return NULL;
}

int cfn_stacks_output(struct cfn_resource *r, const char *attr, const struct ynode *n,
                      int conditional, struct cfn_values *out)
{
    const struct ynode *o, *value;

    if (!r->child || strncmp(attr, "Outputs.", 8) != 0)
        return 0;
    o = ynode_get(r->child->outputs, attr + 8);
    value = ynode_get(o, "Value");
    if (!value) {
        cfn_warning(r->c, n, "expected an output of template '%s', got '%s'; drawn as text",
                    cfn_quote(0, r->child->file), cfn_quote(1, attr + 8));
        return 0;
    }
    cfn_resolve_elsewhere(r->c, n, r->child, value,
                          conditional || r->conditional || ynode_get(o, "Condition") != NULL,
                          out);
    return 1;
}

/* ==== Exports and imports ==== */

/* Has a name a character that is no wildcard? */
static int cfn_has_literal(const char *s)
{
    for (; *s; s++)
        if (*s != CFN_WILDCARD)
            return 1;
    return 0;
}

/*
 * Can one name stand for both a and b, where each wildcard stands for
 * any text? Dynamic programming from the ends: ok[i][j] says whether
 * a + i and b + j can.
 */
static int cfn_names_match(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, w = lb + 1;
    unsigned char *ok;
    int r;

    if (la > CFN_NAME_MAX || lb > CFN_NAME_MAX)
        return 0;
    ok = xcalloc((la + 1) * w, 1);
    for (i = la + 1; i-- > 0;) {
        for (j = lb + 1; j-- > 0;) {
            unsigned char v;
            if (i == la && j == lb)
                v = 1;
            else if (i < la && a[i] == CFN_WILDCARD)
                v = ok[(i + 1) * w + j] || (j < lb && ok[i * w + j + 1]);
            else if (j < lb && b[j] == CFN_WILDCARD)
                v = ok[i * w + j + 1] || (i < la && ok[(i + 1) * w + j]);
            else
                v = i < la && j < lb && a[i] == b[j] && ok[(i + 1) * w + j + 1];
            ok[i * w + j] = v;
        }
    }
    r = ok[0];
    free(ok);
    return r;
}

static void cfn_collect_exports(struct cfn_stacks *st, struct cfn *c)
{
    size_t i;

    for (i = 0; c->outputs && i < c->outputs->npairs; i++) {
        const struct ynode *k = c->outputs->pairs[i].key, *o = c->outputs->pairs[i].value;
        const struct ynode *name = ynode_get(ynode_get(o, "Export"), "Name");
        const struct ynode *value = ynode_get(o, "Value");
        struct strbuf sb = STRBUF_INIT;
        struct cfn_export *e;

        if (!name || !value || k->type != YNODE_SCALAR ||
            !cfn_eval(c, name, 0, CFN_EVAL_NAME, &sb) || !cfn_has_literal(sb.buf)) {
            strbuf_release(&sb);
            continue;
        }
        XGROW(st->exports, st->exports_alloc, st->nexports + 1);
        e = &st->exports[st->nexports++];
        e->name = strbuf_detach(&sb);
        e->c = c;
        e->key = k;
        e->value = value;
        e->conditional = ynode_get(o, "Condition") != NULL;
    }
}

int cfn_stacks_import(struct cfn *c, const struct ynode *n, const struct ynode *arg,
                      int skip_tag, int conditional, struct cfn_values *out)
{
    struct cfn_stacks *st = c->stacks;
    const struct cfn_export *hit = NULL, *other = NULL;
    struct strbuf sb = STRBUF_INIT;
    size_t i, nexact = 0, nwild = 0;
    int pass;

    if (!cfn_eval(c, arg, skip_tag, CFN_EVAL_NAME, &sb) || !cfn_has_literal(sb.buf)) {
        strbuf_release(&sb);
        return 0;
    }
    /* Pass 0: exact names; pass 1, when there is none: through wildcards. */
    for (pass = 0; pass < 2 && !hit; pass++) {
        for (i = 0; i < st->nexports; i++) {
            const struct cfn_export *e = &st->exports[i];
            size_t *count = pass ? &nwild : &nexact;
            int match = pass ? cfn_names_match(e->name, sb.buf)
                             : !strchr(sb.buf, CFN_WILDCARD) &&
                                   !strchr(e->name, CFN_WILDCARD) &&
                                   strcmp(e->name, sb.buf) == 0;
            if (e->c == c || !match)
                continue;
            if ((*count)++ == 0)
                hit = e;
            else if (!other)
                other = e;
        }
    }
    if (other) {
        for (i = 0; i < sb.len; i++)
            if (sb.buf[i] == CFN_WILDCARD)
                sb.buf[i] = '*';
        cfn_warning(c, n,
                    "import '%s' matches the exports of output '%s' (%s) and output '%s' "
                    "(%s); drawn as an import",
                    cfn_quote(0, sb.buf), cfn_quote(1, hit->key->value),
                    cfn_quote(2, hit->c->file), cfn_quote(3, other->key->value),
                    other->c->file);
        hit = NULL;
    }
    strbuf_release(&sb);
    if (!hit)
        return 0;
    cfn_resolve_elsewhere(c, n, hit->c, hit->value, conditional || hit->conditional, out);
    return 1;
}

/* ==== Groups by name ==== */

const char *cfn_stacks_group_named(struct cfn *c, const char *name)
{
    const char *gid = strmap_get(c->group_names, name), *found = NULL, *g;
    size_t i;

    if (gid || !c->stacks)
        return gid;
    for (i = 0; i < c->stacks->n; i++) {
        if (c->stacks->t[i] == c || !(g = strmap_get(c->stacks->t[i]->group_names, name)))
            continue;
        if (found)
            return NULL;
        found = g;
    }
    return found;
}

/* ==== Linking ==== */

void cfn_stacks_link(struct cfn_stacks *st)
{
    size_t i, j;

    cfn_count_ids(st);
    for (i = 0; i < st->n; i++)
        for (j = 0; j < st->t[i]->nres; j++)
            if (cfn_type_is(&st->t[i]->res[j], "AWS::CloudFormation::Stack") ||
                cfn_type_is(&st->t[i]->res[j], "AWS::Serverless::Application"))
                cfn_link_stack(st, st->t[i], &st->t[i]->res[j]);
    for (i = 0; i < st->n; i++)
        cfn_collect_exports(st, st->t[i]);
}

/* ==== Ids across templates ==== */

/* Is id already a group (declared) or an interface of the model? */
static int cfn_taken(const struct cfn *c, const char *id, int group)
{
    const struct group *g = model_find_group(c->m, id);

    return group ? g && g->declared : model_find_iface(c->m, id) != NULL;
}

const char *cfn_uid(struct cfn_resource *r, int group)
{
    struct cfn *c = r->c;
    char *alt;
    int n;

    if (r->uid)
        return r->uid;
    if (!cfn_taken(c, r->id, group) && cfn_stacks_id_uses(c->stacks, r->id, group) < 2) {
        r->uid = model_strdup(c->m, r->id);
        return r->uid;
    }
    /* The same file given twice gets "ID (FILE #2)" the second time. */
    alt = xasprintf("%s (%s)", r->id, c->file);
    for (n = 2; cfn_taken(c, alt, group); n++) {
        free(alt);
        alt = xasprintf("%s (%s #%d)", r->id, c->file, n);
    }
    r->uid = model_strdup(c->m, alt);
    free(alt);
    cfn_warning(c, r->key, "logical id '%s' is also used by another input; drawn as '%s'",
                cfn_quote(0, r->id), cfn_quote(1, r->uid));
    return r->uid;
}
