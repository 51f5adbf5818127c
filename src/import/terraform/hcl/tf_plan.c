/*
 * tf_plan.c - a loaded configuration as the document `terraform show -json`
 * prints for a plan of it, and the location table (see hcl.h).
 *
 *   planned_values   root_module {resources, child_modules per instance},
 *                    outputs; a value unknown until apply is left out of a
 *                    resource's values (null inside lists and objects), as
 *                    Terraform does
 *   resource_changes one per instance: create (data sources: read), with
 *                    after and after_unknown
 *   output_changes   the root module's outputs
 *   configuration    root_module {resources with expressions (references or
 *                    constant_value), module_calls with source, expressions
 *                    and module (a stub: source only), outputs, variables}
 *
 * The plan reader looks the configuration up only for values unknown until
 * apply, so it holds only the resources that have some, and not their own
 * constant attributes (those of nested blocks stay, to tell blocks apart):
 * building the rest would double the time a large configuration takes.
 *
 * The plan reader knows each resource type's schema; the configuration does
 * not say it, so the few attributes whose type the reader checks are
 * converted here as Terraform would (from_port "22" -> 22, protocol -1 ->
 * "-1", self "true" -> true), and the defaults the provider fills in that a
 * plan shows are added: both from the importer's tf_schema.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"
#include "json_reader.h"
#include "strmap.h"
#include "xalloc.h"
#include "../tf_schema.h"

/* Most values written into the document in all (a 2,000-resource
 * configuration writes about 100,000). */
#define PLAN_MAX_VALUES 5000000ul

struct plan {
    struct tfload *L;
    json_t *create, *read, *empty; /* shared: ["create"], ["read"], {} */
    json_t *empty_list;            /* shared: [], the provider's default of lists */
    unsigned long values;  /* written so far */
    json_t *changes;   /* resource_changes */
    struct hcl_mem *mem; /* the location table */
    int failed;
};

/* The HCL kind of an attribute's schema type (tf_schema.h), or -1. */
static int attr_type(const char *name)
{
    switch (tf_attr_type(name)) {
    case TF_ATTR_NUMBER: return HV_NUMBER;
    case TF_ATTR_STRING: return HV_STRING;
    case TF_ATTR_BOOL: return HV_BOOL;
    case TF_ATTR_MAP: return HV_MAP;
    default: return -1;
    }
}

/* v converted to the schema type of attribute name, when it converts. */
static struct hval *schema_convert(struct plan *p, const char *name, struct hval *v)
{
    struct hctx *h = &p->L->h;
    struct hpos none = {NULL, 0, 0};
    struct hval *r = NULL;
    int kind = name ? attr_type(name) : -1;

    if (kind < 0 || kind == HV_MAP || v->kind == kind || v->kind == HV_NULL ||
        v->kind == HV_UNKNOWN || hv_is_coll(v))
        return v;
    if (kind == HV_NUMBER)
        r = hv_to_number(h, v, none);
    else if (kind == HV_BOOL)
        r = hv_to_bool(h, v, none);
    else
        r = hv_to_string(h, v, none);
    if (!r && !h->over_budget)
        h->err = NULL;
    return r ? r : v;
}

/* ===== Values ===== */

/* Is s ASCII (as nearly every name and value is)? */
static int is_ascii(const char *s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    while (p[n] && p[n] < 0x80)
        n++;
    *len = n;
    return !p[n];
}

/* A JSON string of s: ASCII without jansson's UTF-8 check (a tenth of the
 * document's cost), the rest through jr_string(). */
static json_t *str_json(const char *s)
{
    size_t n;
    return s && is_ascii(s, &n) ? json_stringn_nocheck(s, n) : jr_string(s);
}

/* obj[key] = v, the same way. */
static void set_json(json_t *obj, const char *key, json_t *v)
{
    size_t n;
    if (is_ascii(key, &n))
        json_object_set_new_nocheck(obj, key, v);
    else
        json_object_set_new(obj, key, v);
}

static json_t *value_json(struct plan *p, struct hval *v, const char *name, int depth)
{
    json_t *j;
    size_t i;

    if (++p->values > PLAN_MAX_VALUES || depth > HCL_MAX_NESTING) {
        p->failed = 1;
        return json_null();
    }
    v = schema_convert(p, name, v);
    switch (v->kind) {
    case HV_BOOL:
        return json_boolean(v->u.b);
    case HV_NUMBER:
        if (v->u.num == floor(v->u.num) && fabs(v->u.num) < 9007199254740992.0)
            return json_integer((json_int_t)v->u.num);
        return json_real(v->u.num);
    case HV_STRING:
        return str_json(v->u.s);
    case HV_LIST:
    case HV_SET:
        j = json_array();
        for (i = 0; i < v->n; i++)
            json_array_append_new(j, value_json(p, v->u.items[i], NULL, depth + 1));
        return j;
    case HV_MAP:
        j = json_object();
        for (i = 0; i < v->n; i++) {
            struct hval *e = v->u.items[i];
            /* A map(string) attribute: its numbers and bools are strings. */
            if (name && attr_type(name) == HV_MAP && (e->kind == HV_NUMBER || e->kind == HV_BOOL))
                e = schema_convert(p, "protocol", e);
            set_json(j, v->keys[i], value_json(p, e, v->keys[i], depth + 1));
        }
        return j;
    default:
        return json_null();
    }
}

/* The after_unknown marks of v: true, an object or array of marks, or NULL
 * when v is wholly known. */
static json_t *unknown_json(struct hval *v, int depth)
{
    json_t *j;
    size_t i;

    if (v->kind == HV_UNKNOWN)
        return json_true();
    if (!v->has_unknown || depth > HCL_MAX_NESTING || !hv_is_coll(v))
        return NULL;
    if (v->kind == HV_MAP) {
        j = json_object();
        for (i = 0; i < v->n; i++) {
            json_t *m = unknown_json(v->u.items[i], depth + 1);
            if (m)
                set_json(j, v->keys[i], m);
        }
        return j;
    }
    j = json_array();
    for (i = 0; i < v->n; i++) {
        json_t *m = unknown_json(v->u.items[i], depth + 1);
        json_array_append_new(j, m ? m : json_false());
    }
    return j;
}

/* Where a default goes: the object, and the plan's shared values. */
struct default_to {
    struct plan *p;
    json_t *obj;
};

/* Set default d in the object unless it has the attribute (null: unknown). */
static void add_default(const struct tf_default *d, void *arg)
{
    struct default_to *to = arg;

    if (!json_is_object(to->obj) || json_object_get(to->obj, d->attr))
        return;
    if (d->kind == TF_DEFAULT_STRING)
        set_json(to->obj, d->attr, json_string(d->text));
    else
        json_object_set(to->obj, d->attr,
                        d->kind == TF_DEFAULT_EMPTY_LIST ? to->p->empty_list : json_false());
}

/* A resource instance's values: unknown attributes left out, the
 * provider's defaults added (managed resources). */
static json_t *values_json(struct plan *p, const struct tfres *r, struct hval *obj)
{
    json_t *j = json_object();
    struct default_to to;
    size_t i;

    for (i = 0; i < obj->n; i++)
        if (obj->u.items[i]->kind != HV_UNKNOWN)
            set_json(j, obj->keys[i], value_json(p, obj->u.items[i], obj->keys[i], 0));
    if (r->data)
        return j;
    to.p = p;
    to.obj = j;
    tf_each_default(r->type, NULL, add_default, &to);
    for (i = 0; i < sizeof(tf_inline_rule_blocks) / sizeof(tf_inline_rule_blocks[0]); i++) {
        json_t *blocks = json_object_get(j, tf_inline_rule_blocks[i]), *b;
        size_t k;
        json_array_foreach(blocks, k, b) {
            to.obj = b;
            tf_each_default(r->type, tf_inline_rule_blocks[i], add_default, &to);
        }
    }
    return j;
}

/* ===== Locations ===== */

/* Record the locations below JSON path base (copied). */
static void add_locations(struct plan *p, const char *base, const struct hloc *locs, size_t n)
{
    struct hcl_mem *m = p->mem;
    struct hcl_locgroup *g;

    m->groups = hcl_grow(&p->L->a, m->groups, m->ngroups, &m->alloc, sizeof(*m->groups));
    g = &m->groups[m->ngroups++];
    g->base = arena_strndup(&p->L->a, base, strlen(base));
    g->locs = locs;
    g->n = n;
    strmap_put(m->by_base, g->base, (void *)(uintptr_t)m->ngroups);
}

/* ===== planned_values and resource_changes ===== */

static const char *provider_of(const char *type, struct strbuf *sb)
{
    size_t n = strcspn(type, "_");
    strbuf_reset(sb);
    strbuf_addstr(sb, "registry.terraform.io/hashicorp/");
    strbuf_add(sb, type, n);
    return sb->buf;
}

static void instance_address(struct strbuf *sb, const struct minst *mi, const struct tfres *r,
                             const struct rinst *ri)
{
    strbuf_addstr(sb, mi->prefix);
    strbuf_addstr(sb, r->addr);
    if (ri->key)
        hcl_add_key(sb, ri->key);
}

static json_t *index_json(const struct rinst *ri)
{
    if (!ri->key)
        return NULL;
    if (ri->key->kind == HV_NUMBER)
        return json_integer((json_int_t)ri->key->u.num);
    return str_json(ri->key->u.s);
}

static void add_resource(struct plan *p, json_t *list, struct strbuf *path, struct minst *mi,
                         const struct tfres *r, const struct rinst *ri)
{
    struct strbuf addr = STRBUF_INIT, prov = STRBUF_INIT;
    json_t *res = json_object(), *change = json_object(), *rc = json_object(), *marks, *idx;
    size_t back = path->len;

    instance_address(&addr, mi, r, ri);
    provider_of(r->type, &prov);
    set_json(res, "address", str_json(addr.buf));
    set_json(res, "mode", json_string(r->data ? "data" : "managed"));
    set_json(res, "type", str_json(r->type));
    set_json(res, "name", str_json(r->name));
    if ((idx = index_json(ri)))
        set_json(res, "index", idx);
    set_json(res, "provider_name", str_json(prov.buf));
    set_json(res, "values", values_json(p, r, ri->obj));
    strbuf_addstr(path, ".resources[");
    strbuf_adduint(path, json_array_size(list));
    strbuf_addstr(path, "].values");
    add_locations(p, path->buf, ri->locs, ri->nlocs);
    path->len = back;
    path->buf[back] = '\0';
    json_array_append_new(list, res);

    set_json(rc, "address", str_json(addr.buf));
    if (*mi->addr)
        set_json(rc, "module_address", str_json(mi->addr));
    json_object_set(rc, "mode", json_object_get(res, "mode"));
    json_object_set(rc, "type", json_object_get(res, "type"));
    json_object_set(rc, "name", json_object_get(res, "name"));
    if ((idx = index_json(ri)))
        set_json(rc, "index", idx);
    set_json(rc, "provider_name", str_json(prov.buf));
    json_object_set(change, "actions", r->data ? p->read : p->create);
    set_json(change, "before", json_null());
    json_object_set(change, "after", json_object_get(res, "values"));
    marks = unknown_json(ri->obj, 0);
    if (marks)
        set_json(change, "after_unknown", marks);
    else
        json_object_set(change, "after_unknown", p->empty);
    set_json(rc, "change", change);
    json_array_append_new(p->changes, rc);
    strbuf_release(&addr);
    strbuf_release(&prov);
}

static int subtree_has_resources(const struct minst *mi, int depth)
{
    size_t i, k;

    if (!mi->mod || depth > HCL_MAX_MODULE_DEPTH + 1)
        return 0;
    for (i = 0; i < mi->mod->nres; i++)
        if (mi->res[i].n)
            return 1;
    for (i = 0; i < mi->mod->ncalls; i++)
        for (k = 0; k < mi->calls[i].n; k++)
            if (subtree_has_resources(mi->calls[i].inst[k], depth + 1))
                return 1;
    return 0;
}

static json_t *module_values(struct plan *p, struct minst *mi, struct strbuf *path, int depth)
{
    json_t *m = json_object(), *list = json_array(), *children = json_array();
    size_t i, k, back;

    if (*mi->addr)
        set_json(m, "address", str_json(mi->addr));
    for (i = 0; i < mi->mod->nres; i++)
        for (k = 0; k < mi->res[i].n; k++)
            add_resource(p, list, path, mi, &mi->mod->res[i], &mi->res[i].inst[k]);
    set_json(m, "resources", list);
    for (i = 0; i < mi->mod->ncalls; i++) {
        for (k = 0; k < mi->calls[i].n; k++) {
            struct minst *c = mi->calls[i].inst[k];
            if (!subtree_has_resources(c, depth + 1))
                continue;
            back = path->len;
            strbuf_addf(path, ".child_modules[%zu]", json_array_size(children));
            json_array_append_new(children, module_values(p, c, path, depth + 1));
            path->len = back;
            path->buf[back] = '\0';
        }
    }
    if (json_array_size(children))
        set_json(m, "child_modules", children);
    else
        json_decref(children);
    return m;
}

static void root_outputs(struct plan *p, json_t *planned, json_t *doc)
{
    struct minst *root = p->L->root;
    json_t *outs = json_object(), *changes = json_object();
    size_t i;

    for (i = 0; i < root->mod->noutputs; i++) {
        const char *name = root->mod->outputs[i]->labels[0];
        struct hval *v = root->outputs[i].v;
        json_t *o = json_object(), *c = json_object(), *marks;
        if (!v)
            continue;
        set_json(o, "sensitive", json_false());
        if (v->kind != HV_UNKNOWN)
            set_json(o, "value", value_json(p, v, NULL, 0));
        set_json(outs, name, o);
        set_json(c, "actions", json_pack("[s]", "create"));
        set_json(c, "before", json_null());
        set_json(c, "after", value_json(p, v, NULL, 0));
        marks = unknown_json(v, 0);
        set_json(c, "after_unknown", marks ? marks : json_false());
        set_json(changes, name, c);
    }
    set_json(planned, "outputs", outs);
    set_json(doc, "output_changes", changes);
}

/* ===== configuration ===== */

/* The expression object of x, whose references are refs (taken): them, or
 * when there are none its constant value. */
static json_t *expr_refs_json(struct plan *p, const struct hexpr *x, json_t *refs)
{
    json_t *e = json_object();
    struct hscope none;
    struct hval *v;

    if (json_array_size(refs)) {
        set_json(e, "references", refs);
        return e;
    }
    json_decref(refs);
    memset(&none, 0, sizeof(none));
    v = hcl_eval(&p->L->h, &none, x);
    if (v && !v->has_unknown)
        set_json(e, "constant_value", value_json(p, v, NULL, 0));
    if (!v && !p->L->h.over_budget)
        p->L->h.err = NULL;
    return e;
}

static json_t *expr_json(struct plan *p, const struct tfmod *mod, const struct hexpr *x,
                         const struct tfref_bind *bound)
{
    return expr_refs_json(p, x, tf_refs(mod, x, bound));
}

/* The expressions of a body: attributes, and blocks as lists (a dynamic
 * block as its content, its iterator standing for its for_each). */
static json_t *body_exprs(struct plan *p, const struct tfmod *mod, const struct hbody *b, int top,
                          const struct tfref_bind *bound, int depth)
{
    json_t *e = json_object();
    size_t i;

    for (i = 0; i < b->nattrs; i++) {
        const char *n = b->attrs[i].name;
        json_t *x;
        if (top && (strcmp(n, "count") == 0 || strcmp(n, "for_each") == 0 ||
                    strcmp(n, "provider") == 0 || strcmp(n, "depends_on") == 0))
            continue;
        /* A resource's own constant attributes are known in planned_values,
         * so the plan reader never looks them up: left out (the constants
         * of nested blocks stay, to tell the blocks apart). */
        x = tf_refs(mod, b->attrs[i].expr, bound);
        if (top && !json_array_size(x)) {
            json_decref(x);
            continue;
        }
        set_json(e, n, expr_refs_json(p, b->attrs[i].expr, x));
    }
    for (i = 0; i < b->nblocks && depth < HCL_MAX_NESTING; i++) {
        const struct hblock *blk = &b->blocks[i];
        const char *type = blk->type;
        const struct hbody *body = blk->body;
        struct tfref_bind it;
        const struct tfref_bind *in = bound;
        json_t *list;
        if (top && (strcmp(type, "lifecycle") == 0 || strcmp(type, "provisioner") == 0 ||
                    strcmp(type, "connection") == 0))
            continue;
        if (strcmp(type, "dynamic") == 0) {
            const struct hattr *each = hcl_body_attr(body, "for_each"),
                               *iter = hcl_body_attr(body, "iterator");
            size_t k;
            if (blk->nlabels != 1 || !each)
                continue;
            type = blk->labels[0];
            it.name = iter && hcl_expr_name(iter->expr) ? hcl_expr_name(iter->expr) : type;
            it.each = each->expr;
            it.next = bound;
            in = &it;
            for (k = 0; k < body->nblocks; k++)
                if (strcmp(body->blocks[k].type, "content") == 0)
                    break;
            if (k == body->nblocks)
                continue;
            body = body->blocks[k].body;
        }
        list = json_object_get(e, type);
        if (!json_is_array(list)) {
            list = json_array();
            set_json(e, type, list);
        }
        json_array_append_new(list, body_exprs(p, mod, body, 0, in, depth + 1));
    }
    return e;
}

static void meta_exprs(struct plan *p, const struct tfmod *mod, const struct hbody *b, json_t *out)
{
    const struct hattr *count = hcl_body_attr(b, "count"), *each = hcl_body_attr(b, "for_each");
    if (count)
        set_json(out, "count_expression", expr_json(p, mod, count->expr, NULL));
    if (each)
        set_json(out, "for_each_expression", expr_json(p, mod, each->expr, NULL));
}

static json_t *config_module(struct plan *p, const struct tfmod *mod, struct strbuf *path,
                             int depth)
{
    json_t *m = json_object(), *res = json_array(), *calls = json_object(), *outs = json_object(),
           *vars = json_object();
    struct hscope none;
    size_t i;

    memset(&none, 0, sizeof(none));
    for (i = 0; i < mod->nres; i++) {
        const struct tfres *r = &mod->res[i];
        json_t *o;
        if (!r->unknown)
            continue; /* its values are all known: the plan reader never looks it up */
        o = json_object();
        set_json(o, "address", str_json(r->addr));
        set_json(o, "mode", json_string(r->data ? "data" : "managed"));
        set_json(o, "type", str_json(r->type));
        set_json(o, "name", str_json(r->name));
        set_json(o, "expressions", body_exprs(p, mod, r->blk->body, 1, NULL, 0));
        meta_exprs(p, mod, r->blk->body, o);
        set_json(o, "schema_version", json_integer(0));
        json_array_append_new(res, o);
    }
    for (i = 0; i < mod->ncalls; i++) {
        const struct hblock *call = mod->calls[i];
        const struct hattr *src = hcl_body_attr(call->body, "source");
        json_t *c = json_object(), *ex = json_object();
        size_t a, back = path->len;
        if (src && src->expr->kind == HX_LIT && src->expr->lit->kind == HV_STRING)
            set_json(c, "source", str_json(src->expr->lit->u.s));
        for (a = 0; a < call->body->nattrs; a++) {
            const char *n = call->body->attrs[a].name;
            if (strcmp(n, "source") == 0 || strcmp(n, "version") == 0 || strcmp(n, "count") == 0 ||
                strcmp(n, "for_each") == 0 || strcmp(n, "providers") == 0 ||
                strcmp(n, "depends_on") == 0)
                continue;
            set_json(ex, n, expr_json(p, mod, call->body->attrs[a].expr, NULL));
        }
        set_json(c, "expressions", ex);
        meta_exprs(p, mod, call->body, c);
        strbuf_addf(path, ".module_calls.%s", call->labels[0]);
        {
            struct hloc *l = arena_alloc(&p->L->a, sizeof(*l));
            l->path = "";
            l->pos = call->pos;
            add_locations(p, path->buf, l, 1);
        }
        if (mod->call_mods[i] && depth < HCL_MAX_MODULE_DEPTH) {
            strbuf_addstr(path, ".module");
            set_json(c, "module", config_module(p, mod->call_mods[i], path, depth + 1));
        }
        path->len = back;
        path->buf[back] = '\0';
        set_json(calls, call->labels[0], c);
    }
    for (i = 0; i < mod->noutputs; i++) {
        const struct hattr *v = hcl_body_attr(mod->outputs[i]->body, "value");
        json_t *o = json_object();
        if (v)
            set_json(o, "expression", expr_json(p, mod, v->expr, NULL));
        set_json(outs, mod->outputs[i]->labels[0], o);
    }
    for (i = 0; i < mod->nvars; i++) {
        const struct hattr *d = hcl_body_attr(mod->vars[i]->body, "default");
        json_t *o = json_object();
        struct hval *v = d ? hcl_eval(&p->L->h, &none, d->expr) : NULL;
        if (v)
            set_json(o, "default", value_json(p, v, NULL, 0));
        p->L->h.err = NULL;
        set_json(vars, mod->vars[i]->labels[0], o);
    }
    set_json(m, "resources", res);
    set_json(m, "module_calls", calls);
    set_json(m, "outputs", outs);
    set_json(m, "variables", vars);
    return m;
}

/* jansson allocates from the document's arena while it is built (one
 * allocation instead of hundreds of thousands, released at once). */
static struct arena *doc_arena;

static void *doc_malloc(size_t n)
{
    return arena_try_alloc(doc_arena, n);
}

static void doc_free(void *ptr)
{
    (void)ptr; /* everything goes at once in hcl_result_free() */
}

void hcl_result_free(struct hcl_result *r)
{
    if (r->mem) {
        arena_release(&r->mem->doc);
        arena_release(&r->mem->load);
        strmap_free(r->mem->by_base);
        free(r->mem);
    }
    memset(r, 0, sizeof(*r));
}

static void to_srcloc(const struct hloc *l, struct srcloc *out)
{
    out->file = l->pos.file;
    out->line = l->pos.line;
    out->col = l->pos.col;
    out->path = NULL;
}

int hcl_locate(const struct hcl_result *r, const char *path, struct srcloc *out)
{
    const struct hcl_locgroup *g = NULL;
    const struct hloc *best = NULL;
    const char *vals;
    size_t cut = strlen(path), i, bestlen = 0;

    if (!r->mem)
        return 0;
    /* The longest base that path starts with (at a '.' or '[' boundary):
     * nearly always a resource's values, "...resources[N].values", the
     * first such part of the path (no base goes on past it); else each
     * shorter prefix from the whole path down. */
    vals = strstr(path, "].values");
    if (vals && strchr(".[", vals[8])) { /* (strchr finds the NUL too) */
        uintptr_t k = (uintptr_t)strmap_getn(r->mem->by_base, path, (size_t)(vals + 8 - path));
        if (k) {
            g = &r->mem->groups[k - 1];
            cut = (size_t)(vals + 8 - path);
        }
    }
    while (!g) {
        uintptr_t k = (uintptr_t)strmap_getn(r->mem->by_base, path, cut);
        if (k) {
            g = &r->mem->groups[k - 1];
            break;
        }
        while (cut > 0 && path[cut - 1] != '.' && path[cut - 1] != '[')
            cut--;
        if (cut == 0)
            return 0;
        cut--;
    }
    for (i = 0; i < g->n; i++) {
        /* The location's path is a prefix of the rest, ending at a boundary. */
        const char *rest = path + cut, *lp = g->locs[i].path;
        size_t n = 0;
        while (lp[n] && lp[n] == rest[n])
            n++;
        if (!lp[n] && (!rest[n] || rest[n] == '.' || rest[n] == '[') && (!best || n > bestlen)) {
            best = &g->locs[i];
            bestlen = n;
        }
    }
    if (!best)
        return 0;
    to_srcloc(best, out);
    return 1;
}

void hcl_locations_each(const struct hcl_result *r, hcl_location_fn *fn, void *arg)
{
    struct strbuf sb = STRBUF_INIT;
    struct srcloc loc;
    size_t i, k;

    for (i = 0; r->mem && i < r->mem->ngroups; i++) {
        const struct hcl_locgroup *g = &r->mem->groups[i];
        for (k = 0; k < g->n; k++) {
            strbuf_reset(&sb);
            strbuf_addstr(&sb, g->base);
            strbuf_addstr(&sb, g->locs[k].path);
            to_srcloc(&g->locs[k], &loc);
            fn(sb.buf, &loc, arg);
        }
    }
    strbuf_release(&sb);
}

int tf_plan(struct tfload *L, struct hcl_result *out)
{
    struct plan p;
    struct strbuf path = STRBUF_INIT;
    json_malloc_t saved_malloc;
    json_free_t saved_free;
    json_t *doc, *planned, *config;

    out->mem = xcalloc(1, sizeof(*out->mem));
    out->mem->by_base = strmap_new();
    doc_arena = &out->mem->doc;
    arena_expect(doc_arena, L->a.total); /* the document is about as large as the load */
    json_get_alloc_funcs(&saved_malloc, &saved_free);
    json_set_alloc_funcs(doc_malloc, doc_free);
    doc = json_object();
    planned = json_object();
    config = json_object();
    memset(&p, 0, sizeof(p));
    p.L = L;
    p.create = json_pack("[s]", "create");
    p.read = json_pack("[s]", "read");
    p.empty = json_object();
    p.empty_list = json_array();
    p.changes = json_array();
    p.mem = out->mem;
    set_json(doc, "format_version", json_string("1.2"));
    set_json(doc, "terraform_version", json_string("sgmap-hcl"));
    strbuf_addstr(&path, "planned_values.root_module");
    set_json(planned, "root_module", module_values(&p, L->root, &path, 0));
    root_outputs(&p, planned, doc);
    set_json(doc, "planned_values", planned);
    set_json(doc, "resource_changes", p.changes);
    strbuf_reset(&path);
    strbuf_addstr(&path, "configuration.root_module");
    set_json(config, "root_module", config_module(&p, L->root->mod, &path, 0));
    set_json(doc, "configuration", config);
    strbuf_release(&path);
    json_set_alloc_funcs(saved_malloc, saved_free);
    doc_arena = NULL;
    if (p.failed || L->h.over_budget) {
        struct srcloc loc = {L->root->mod->dir, 0, 0, NULL};
        diag_error(&loc, "the configuration's values are too large to write (more than %lu)",
                   PLAN_MAX_VALUES);
        hcl_result_free(out);
        return -1;
    }
    out->plan = doc;
    return 0;
}
