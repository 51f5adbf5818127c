/*
 * tf_refs.c - the references of an expression, as `terraform show -json`
 * lists them in a plan's configuration: for aws_security_group.web.id,
 * ["aws_security_group.web.id", "aws_security_group.web"]; for
 * aws_security_group.x[count.index].id, ["aws_security_group.x",
 * "count.index"]; module.m.out, data.T.N.attr, var.x, each.key likewise.
 *
 * One difference, on purpose: Terraform writes "local.x" and the plan
 * reader cannot follow it; here a local is replaced by the references of
 * its own expression (each local once per expression, so a cycle or a
 * diamond of locals costs nothing). A dynamic block's iterator stands for
 * the references of its for_each.
 */
#include <stdlib.h>
#include <string.h>

#include "hcl_internal.h"
#include "xalloc.h"

struct refwalk {
    const struct tfmod *mod;
    json_t *out;
    char *locals;  /* locals already expanded (one flag per local) */
    int depth;
};

static void walk(struct refwalk *w, const struct hexpr *x, const struct tfref_bind *bound);

/* Append reference s[0..n) once (an expression has few). */
static void add_ref(struct refwalk *w, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < json_array_size(w->out); i++) {
        json_t *r = json_array_get(w->out, i);
        if (json_string_length(r) == n && memcmp(json_string_value(r), s, n) == 0)
            return;
    }
    json_array_append_new(w->out, json_stringn(s, n));
}

/* Append ".name" (a traversal's attribute step). */
static void add_attr(struct strbuf *sb, const char *name)
{
    strbuf_addch(sb, '.');
    strbuf_addstr(sb, name);
}

/* A constant index as Terraform writes it ([0], ["a"]), or 0. */
static int const_index(struct strbuf *sb, const struct hexpr *k)
{
    if (!k || k->kind != HX_LIT || (k->lit->kind != HV_NUMBER && k->lit->kind != HV_STRING))
        return 0;
    hcl_add_key(sb, k->lit);
    return 1;
}

#define MAX_STEPS 64

/*
 * A traversal root.a[k].b...: its steps root first in steps[] (HX_ATTR,
 * HX_INDEX, HX_SPLAT nodes); returns the count, with *root the HX_VAR, or
 * 0 when x is not a traversal of a name.
 */
static size_t flatten(const struct hexpr *x, const struct hexpr **steps, const struct hexpr **root)
{
    const struct hexpr *chain[MAX_STEPS];
    size_t n = 0, i;

    while (x && (x->kind == HX_ATTR || x->kind == HX_INDEX || x->kind == HX_SPLAT)) {
        if (n == MAX_STEPS)
            return 0;
        chain[n++] = x;
        x = x->a;
    }
    if (!x || x->kind != HX_VAR || n == 0)
        return 0;
    *root = x;
    for (i = 0; i < n; i++)
        steps[i] = chain[n - 1 - i];
    return n;
}

static const struct tfref_bind *find_bound(const struct tfref_bind *b, const char *name)
{
    for (; b; b = b->next)
        if (b->name && strcmp(b->name, name) == 0)
            return b;
    return NULL;
}

/* The references of a traversal whose root is a name (not a bound one). */
static void walk_traversal(struct refwalk *w, const struct hexpr *root,
                           const struct hexpr **steps, size_t n, const struct tfref_bind *bound)
{
    struct strbuf sb = STRBUF_INIT;
    const char *r = root->name;
    size_t i = 0, base_len = 0;
    int whole = 0;

    /* Index expressions and splat bodies anywhere in the chain have their own references. */
    for (i = 0; i < n; i++) {
        if (steps[i]->kind == HX_INDEX)
            walk(w, steps[i]->b, bound);
        if (steps[i]->kind == HX_SPLAT)
            walk(w, steps[i]->b, bound);
    }
    if (strcmp(r, "path") == 0 || strcmp(r, "terraform") == 0 || strcmp(r, "self") == 0)
        return;
    if (steps[0]->kind != HX_ATTR)
        return;
    if (strcmp(r, "local") == 0) {
        long li = tf_index_of(w->mod->local_by_name, steps[0]->name);
        if (li >= 0 && !w->locals)
            w->locals = xcalloc(w->mod->nlocals, 1);
        if (li >= 0 && !w->locals[li] && w->depth < HCL_MAX_EVAL_DEPTH) {
            w->locals[li] = 1;
            w->depth++;
            walk(w, w->mod->locals[li]->expr, NULL);
            w->depth--;
        }
        return;
    }
    strbuf_addstr(&sb, r);
    add_attr(&sb, steps[0]->name);
    i = 1;
    if (strcmp(r, "var") == 0 || strcmp(r, "count") == 0 || strcmp(r, "each") == 0) {
        add_ref(w, sb.buf, sb.len);
        strbuf_release(&sb);
        return;
    }
    if (strcmp(r, "data") == 0) {
        if (n < 2 || steps[1]->kind != HX_ATTR) {
            strbuf_release(&sb);
            return;
        }
        add_attr(&sb, steps[1]->name);
        i = 2;
    }
    /* TYPE.NAME, data.TYPE.NAME or module.NAME, then an optional constant
     * key, then one attribute (a module's output, a resource's attribute). */
    base_len = sb.len;
    if (i < n && steps[i]->kind == HX_INDEX) {
        if (const_index(&sb, steps[i]->b)) {
            base_len = sb.len;
            i++;
        } else {
            whole = 1;
        }
    } else if (i < n && steps[i]->kind == HX_SPLAT) {
        whole = 1;
    }
    if (!whole && i < n && steps[i]->kind == HX_ATTR) {
        size_t before = sb.len;
        add_attr(&sb, steps[i]->name);
        add_ref(w, sb.buf, sb.len);
        sb.len = before;
        sb.buf[before] = '\0';
    }
    add_ref(w, sb.buf, base_len);
    strbuf_release(&sb);
}

static void walk_bound(struct refwalk *w, const struct hexpr *x, const struct tfref_bind *bound,
                       const char *n1, const char *n2, const struct hexpr **bodies, size_t nb)
{
    struct tfref_bind b[2];
    size_t i;

    b[0].name = n1;
    b[0].each = NULL;
    b[0].next = bound;
    b[1].name = n2;
    b[1].each = NULL;
    b[1].next = &b[0];
    (void)x;
    for (i = 0; i < nb; i++)
        if (bodies[i])
            walk(w, bodies[i], &b[1]);
}

static void walk(struct refwalk *w, const struct hexpr *x, const struct tfref_bind *bound)
{
    const struct hexpr *steps[MAX_STEPS], *root = NULL, *bodies[3];
    size_t n, i;

    if (!x || w->depth > HCL_MAX_EVAL_DEPTH)
        return;
    w->depth++;
    switch (x->kind) {
    case HX_ATTR:
    case HX_INDEX:
    case HX_SPLAT:
        n = flatten(x, steps, &root);
        if (n && !find_bound(bound, root->name)) {
            walk_traversal(w, root, steps, n, bound);
            break;
        }
        if (n) {
            const struct tfref_bind *b = find_bound(bound, root->name);
            if (b->each)
                walk(w, b->each, b->next);
            for (i = 0; i < n; i++)
                if (steps[i]->kind != HX_ATTR)
                    walk(w, steps[i]->b, bound);
            break;
        }
        walk(w, x->a, bound);
        walk(w, x->b, bound);
        break;
    case HX_VAR: {
        const struct tfref_bind *b = find_bound(bound, x->name);
        if (b && b->each)
            walk(w, b->each, b->next);
        break;
    }
    case HX_FOR:
    case HX_TPL_FOR:
        walk(w, x->c, bound);
        bodies[0] = x->a;
        bodies[1] = x->b;
        bodies[2] = x->d;
        walk_bound(w, x, bound, x->name, x->name2, bodies, 3);
        break;
    default:
        walk(w, x->a, bound);
        walk(w, x->b, bound);
        walk(w, x->c, bound);
        walk(w, x->d, bound);
        for (i = 0; i < x->n; i++)
            walk(w, x->items[i], bound);
        break;
    }
    w->depth--;
}

json_t *tf_refs(const struct tfmod *mod, const struct hexpr *x, const struct tfref_bind *bound)
{
    struct refwalk w;

    memset(&w, 0, sizeof(w));
    w.mod = mod;
    w.out = json_array();
    walk(&w, x, bound);
    free(w.locals);
    return w.out;
}
