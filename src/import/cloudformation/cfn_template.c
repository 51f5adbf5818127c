/*
 * cfn_template.c - the CloudFormation importer's bottom layer: messages at
 * a template's nodes, lookups in its sections, lists of values, and
 * freeing a template. It uses no other file of the importer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfn_template.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* ==== Messages ==== */

struct srcloc cfn_loc(const struct cfn *c, const struct ynode *n)
{
    struct srcloc loc = {c->file, n ? n->line : 0, n ? n->col : 0, NULL};
    return loc;
}

int cfn_error(const struct cfn *c, const struct ynode *n, const char *fmt, ...)
{
    struct srcloc loc = cfn_loc(c, n);
    va_list ap;

    va_start(ap, fmt);
    diag_verror(&loc, fmt, ap);
    va_end(ap);
    return -1;
}

void cfn_warning(struct cfn *c, const struct ynode *n, const char *fmt, ...)
{
    struct srcloc loc = cfn_loc(c, n);
    char msg[1024];
    char *key;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* A value read twice (a launch template used by two groups) would
     * say the same thing twice. */
    key = xasprintf("%d:%d:%s", loc.line, loc.col, msg);
    if (!strmap_get(c->warned, key)) {
        strmap_put(c->warned, model_strdup(c->m, key), c);
        diag_warning(&loc, "%s", msg);
    }
    free(key);
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

int cfn_type_is(const struct cfn_resource *r, const char *type)
{
    return r && r->type && strcmp(r->type, type) == 0;
}

/* ==== Values and templates ==== */

void cfn_values_push(struct cfn_values *vals, const struct cfn_value *v)
{
    XGROW(vals->v, vals->alloc, vals->n + 1);
    vals->v[vals->n++] = *v;
}

void cfn_values_release(struct cfn_values *vals)
{
    free(vals->v);
    memset(vals, 0, sizeof(*vals));
}

void cfn_free(struct cfn *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->nres; i++)
        cfn_values_release(&c->res[i].launch);
    strmap_free(c->by_id);
    strmap_free(c->group_names);
    strmap_free(c->warned);
    free(c->res);
    free(c->rules);
    free(c->bindings);
    ydoc_free(c->doc);
    free(c);
}
