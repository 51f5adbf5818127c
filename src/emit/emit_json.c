/*
 * emit_json.c - the model as JSON, schema version 1 (DESIGN.md): groups,
 * interfaces, every rule (one per peer, default egress included) and the
 * merged edges. Independent of view options, so it is the complete record.
 * Lists come sorted from model_finish(), so output is stable.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "json_reader.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

static json_t *jsource(const struct srcloc *loc)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *j;
    if (!loc->file)
        return json_null();
    strbuf_addstr(&sb, loc->file);
    if (loc->line > 0)
        strbuf_addf(&sb, ":%d:%d", loc->line, loc->col);
    else if (loc->path)
        strbuf_addf(&sb, ": %s", loc->path);
    j = jr_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

/* Diff unions carry "change" (and what it was) on changed objects only. */
static void json_change(json_t *o, enum change c, const char *old_name, const char *old_desc)
{
    if (c == CHANGE_NONE)
        return;
    json_object_set_new(o, "change", jr_string(change_text(c)->word));
    if (old_name)
        json_object_set_new(o, "old_name", jr_string(old_name));
    if (old_desc)
        json_object_set_new(o, "old_description", jr_string(old_desc));
}

static json_t *json_groups(const struct model *m, const struct marks *mk)
{
    json_t *arr = json_array();
    size_t i, j;
    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        json_t *o = json_object(), *members = json_array();
        json_object_set_new(o, "id", jr_string(g->id));
        json_object_set_new(o, "name", jr_string(g->name));
        json_object_set_new(o, "vpc", jr_string(g->vpc));
        json_object_set_new(o, "description", jr_string(g->description));
        for (j = 0; j < g->nmembers; j++)
            json_array_append_new(members, jr_string(g->members[j]->id));
        json_object_set_new(o, "members", members);
        json_object_set_new(o, "declared", json_boolean(g->declared));
        if (g->conditional)
            json_object_set_new(o, "conditional", json_true());
        json_change(o, mark_of_group(mk, g)->change, mark_of_group(mk, g)->old_name,
                    mark_of_group(mk, g)->old_description);
        json_object_set_new(o, "source", jsource(&g->loc));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *json_ifaces(const struct model *m, const struct marks *mk)
{
    json_t *arr = json_array();
    size_t i, j;
    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        json_t *o = json_object(), *groups = json_array(), *cond = json_array();
        json_object_set_new(o, "id", jr_string(ifc->id));
        json_object_set_new(o, "kind", jr_string(kind_name(ifc->kind)));
        json_object_set_new(o, "label", jr_string(ifc->label));
        for (j = 0; j < ifc->ngroups; j++) {
            json_array_append_new(groups, jr_string(ifc->groups[j]->id));
            if (ifc->group_conditional[j])
                json_array_append_new(cond, jr_string(ifc->groups[j]->id));
        }
        json_object_set_new(o, "groups", groups);
        /* Memberships that hold only under a template condition. */
        if (json_array_size(cond))
            json_object_set_new(o, "conditional_groups", cond);
        else
            json_decref(cond);
        if (ifc->conditional)
            json_object_set_new(o, "conditional", json_true());
        json_change(o, mark_of_iface(mk, ifc)->change, NULL, NULL);
        json_object_set_new(o, "source", jsource(&ifc->loc));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *json_rules(const struct model *m, const struct marks *mk)
{
    json_t *arr = json_array();
    size_t i;
    char label[PORTS_LABEL_MAX];
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        json_t *o = json_object(), *peer = json_object();
        ports_label(&r->ports, label);
        json_object_set_new(o, "group", jr_string(r->group->id));
        json_object_set_new(o, "direction", jr_string(direction_name(r->dir)));
        json_object_set_new(o, "label", jr_string(label));
        json_object_set_new(peer, "type", jr_string(peer_type_name(r->peer_type)));
        json_object_set_new(peer, "id", jr_string(r->peer));
        if (r->peer_type == PEER_PARAM && model_name_of(m, r->peer))
            json_object_set_new(peer, "name", jr_string(model_name_of(m, r->peer)));
        json_object_set_new(o, "peer", peer);
        json_object_set_new(o, "description", jr_string(r->description));
        if (r->flags & RULE_DEFAULT_EGRESS)
            json_object_set_new(o, "default", json_true());
        if (r->flags & RULE_STALE)
            json_object_set_new(o, "stale", json_true());
        if (r->flags & RULE_CONDITIONAL)
            json_object_set_new(o, "conditional", json_true());
        json_change(o, mark_of_rule(mk, r)->change, NULL, mark_of_rule(mk, r)->old_description);
        json_object_set_new(o, "source", jsource(&r->loc));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* One edge per (from, to, direction) over every rule, labels sorted. */
struct jedge {
    const char *from, *to;
    enum direction dir;
    struct portspec *ports;
    size_t nports, alloc;
};

static int cmp_jedge(const void *a, const void *b)
{
    const struct jedge *x = *(struct jedge *const *)a, *y = *(struct jedge *const *)b;
    int c = strcmp(x->from, y->from);
    if (c)
        return c;
    if ((c = strcmp(x->to, y->to)) != 0)
        return c;
    return (int)x->dir - (int)y->dir;
}

static int cmp_ports(const void *a, const void *b)
{
    return ports_compare(a, b);
}

static json_t *json_edges(const struct model *m)
{
    struct strmap *index = strmap_new();
    struct jedge **edges = NULL;
    char **keys = NULL;
    size_t n = 0, alloc = 0, i, j;
    json_t *arr = json_array();
    char label[PORTS_LABEL_MAX];

    keys = xcalloc(m->nrules ? m->nrules : 1, sizeof(*keys));
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        const char *from = r->dir == DIR_INGRESS ? r->peer : r->group->id;
        const char *to = r->dir == DIR_INGRESS ? r->group->id : r->peer;
        char *key = xasprintf("%s\n%s\n%d", from, to, (int)r->dir);
        struct jedge *e = strmap_get(index, key);
        if (!e) {
            e = xcalloc(1, sizeof(*e));
            e->from = from;
            e->to = to;
            e->dir = r->dir;
            XGROW(edges, alloc, n + 1);
            edges[n++] = e;
            keys[i] = key;
            strmap_put(index, key, e);
        } else {
            free(key);
        }
        XGROW(e->ports, e->alloc, e->nports + 1);
        e->ports[e->nports++] = r->ports;
    }
    xqsort(edges, n, sizeof(*edges), cmp_jedge);
    for (i = 0; i < n; i++) {
        struct jedge *e = edges[i];
        json_t *o = json_object(), *labels = json_array();
        xqsort(e->ports, e->nports, sizeof(*e->ports), cmp_ports);
        for (j = 0; j < e->nports; j++) {
            if (j && ports_compare(&e->ports[j], &e->ports[j - 1]) == 0)
                continue;
            ports_label(&e->ports[j], label);
            json_array_append_new(labels, jr_string(label));
        }
        json_object_set_new(o, "from", jr_string(e->from));
        json_object_set_new(o, "to", jr_string(e->to));
        json_object_set_new(o, "direction", jr_string(direction_name(e->dir)));
        json_object_set_new(o, "labels", labels);
        json_array_append_new(arr, o);
        free(e->ports);
        free(e);
    }
    for (i = 0; i < m->nrules; i++)
        free(keys[i]);
    free(keys);
    free(edges);
    strmap_free(index);
    return arr;
}

int emit_json(const struct model *m, const struct marks *marks, FILE *fp)
{
    json_t *root = json_object();
    int rc;

    json_object_set_new(root, "sgmap", json_integer(1));
    json_object_set_new(root, "groups", json_groups(m, marks));
    json_object_set_new(root, "interfaces", json_ifaces(m, marks));
    json_object_set_new(root, "rules", json_rules(m, marks));
    json_object_set_new(root, "edges", json_edges(m));
    rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc == 0)
        fputc('\n', fp);
    return rc == 0 && !ferror(fp) ? 0 : -1;
}
