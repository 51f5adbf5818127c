/*
 * emit_json.c - the model as JSON, schema version 1 (DESIGN.md): groups,
 * interfaces, VPCs, every rule (one per peer, default egress included) and the
 * merged edges. Independent of view options, so it is the complete record.
 * Lists come sorted from model_finish(), so output is stable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "json_writer.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

static void json_source(struct json_writer *w, const struct srcloc *loc)
{
    struct strbuf sb = STRBUF_INIT;
    jw_key(w, "source");
    if (!loc->file) {
        jw_null(w);
        return;
    }
    strbuf_addstr(&sb, loc->file);
    if (loc->line > 0)
        strbuf_addf(&sb, ":%d:%d", loc->line, loc->col);
    else if (loc->path)
        strbuf_addf(&sb, ": %s", loc->path);
    jw_string(w, sb.buf);
    strbuf_release(&sb);
}

/* Diff unions carry "change" (and what it was) on changed objects only. */
static void json_change(struct json_writer *w, enum change c, const char *old_name,
                        const char *old_desc)
{
    if (c == CHANGE_NONE)
        return;
    jw_member_string(w, "change", change_text(c)->word);
    if (old_name)
        jw_member_string(w, "old_name", old_name);
    if (old_desc)
        jw_member_string(w, "old_description", old_desc);
}

static void json_groups(struct json_writer *w, const struct model *m, const struct marks *mk)
{
    size_t i, j;
    jw_key(w, "groups");
    jw_array_begin(w);
    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        jw_object_begin(w);
        jw_member_string(w, "id", g->id);
        jw_member_string(w, "name", g->name);
        jw_member_string(w, "vpc", g->vpc);
        jw_member_string(w, "description", g->description);
        jw_key(w, "members");
        jw_array_begin(w);
        for (j = 0; j < g->nmembers; j++)
            jw_string(w, g->members[j]->id);
        jw_array_end(w);
        jw_member_bool(w, "declared", g->declared);
        if (g->conditional)
            jw_member_bool(w, "conditional", 1);
        json_change(w, mark_of_group(mk, g)->change, mark_of_group(mk, g)->old_name,
                    mark_of_group(mk, g)->old_description);
        if (mark_of_group(mk, g)->probable_rename)
            jw_member_bool(w, "probable_rename", 1);
        json_source(w, &g->loc);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void json_ifaces(struct json_writer *w, const struct model *m, const struct marks *mk)
{
    size_t i, j, ncond;
    jw_key(w, "interfaces");
    jw_array_begin(w);
    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        jw_object_begin(w);
        jw_member_string(w, "id", ifc->id);
        jw_member_string(w, "kind", kind_name(ifc->kind));
        jw_member_string(w, "label", ifc->label);
        jw_member_string(w, "vpc", ifc->vpc);
        if (ifc->subnet)
            jw_member_string(w, "subnet", ifc->subnet);
        if (ifc->arn)
            jw_member_string(w, "arn", ifc->arn);
        /* With the network context, the addresses NACL entries are matched
         * against. */
        if (model_has_network(m) && ifc->naddresses) {
            jw_key(w, "addresses");
            jw_array_begin(w);
            for (j = 0; j < ifc->naddresses; j++)
                jw_string(w, ifc->addresses[j]);
            jw_array_end(w);
        }
        if (ifc->npublic_addresses) {
            jw_key(w, "public_addresses");
            jw_array_begin(w);
            for (j = 0; j < ifc->npublic_addresses; j++)
                jw_string(w, ifc->public_addresses[j]);
            jw_array_end(w);
        }
        jw_key(w, "groups");
        jw_array_begin(w);
        for (j = ncond = 0; j < ifc->ngroups; j++) {
            jw_string(w, ifc->groups[j]->id);
            ncond += ifc->group_conditional[j] != 0;
        }
        jw_array_end(w);
        /* Memberships that hold only under a template condition. */
        if (ncond) {
            jw_key(w, "conditional_groups");
            jw_array_begin(w);
            for (j = 0; j < ifc->ngroups; j++)
                if (ifc->group_conditional[j])
                    jw_string(w, ifc->groups[j]->id);
            jw_array_end(w);
        }
        if (ifc->conditional)
            jw_member_bool(w, "conditional", 1);
        json_change(w, mark_of_iface(mk, ifc)->change, NULL, NULL);
        json_source(w, &ifc->loc);
        jw_object_end(w);
    }
    jw_array_end(w);
}

/* The VPCs: id (a template's expression as written), readable name, own CIDRs
 * (no source: several inputs may name one VPC, and none defines it). */
static void json_vpcs(struct json_writer *w, const struct model *m)
{
    size_t i, j;
    jw_key(w, "vpcs");
    jw_array_begin(w);
    for (i = 0; i < m->nvpcs; i++) {
        const struct vpc *v = m->vpcs[i];
        jw_object_begin(w);
        jw_member_string(w, "id", v->id);
        jw_member_string(w, "name", v->name);
        jw_key(w, "cidrs");
        jw_array_begin(w);
        for (j = 0; j < v->ncidrs; j++)
            jw_string(w, v->cidrs[j]);
        jw_array_end(w);
        jw_object_end(w);
    }
    jw_array_end(w);
}

/* The network context, only when the inputs carry one: subnets with the
 * NACL and route table that apply to them, NACLs with their entries in
 * evaluation order, route tables, gateways. */
static void json_network(struct json_writer *w, const struct model *m)
{
    char label[PORTS_LABEL_MAX];
    size_t i, j;

    if (!model_has_network(m))
        return;
    jw_key(w, "network");
    jw_object_begin(w);
    jw_key(w, "subnets");
    jw_array_begin(w);
    for (i = 0; i < m->nsubnets; i++) {
        const struct subnet *s = m->subnets[i];
        jw_object_begin(w);
        jw_member_string(w, "id", s->id);
        jw_member_string(w, "vpc", s->vpc);
        jw_member_string(w, "nacl", s->nacl ? s->nacl->id : s->nacl_id);
        jw_member_string(w, "route_table",
                         s->route_table ? s->route_table->id : s->route_table_id);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "nacls");
    jw_array_begin(w);
    for (i = 0; i < m->nnacls; i++) {
        const struct nacl *n = m->nacls[i];
        jw_object_begin(w);
        jw_member_string(w, "id", n->id);
        jw_member_string(w, "name", n->name);
        jw_member_string(w, "vpc", n->vpc);
        jw_member_bool(w, "default", n->is_default);
        jw_key(w, "entries");
        jw_array_begin(w);
        for (j = 0; j < n->nentries; j++) {
            const struct nacl_entry *e = &n->entries[j];
            ports_label(&e->ports, label);
            jw_object_begin(w);
            jw_member_int(w, "number", e->number);
            jw_member_string(w, "direction", direction_name(e->dir));
            jw_member_string(w, "action", e->allow ? "allow" : "deny");
            jw_member_string(w, "label", label);
            jw_member_string(w, "cidr", e->cidr);
            jw_object_end(w);
        }
        jw_array_end(w);
        json_source(w, &n->loc);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "route_tables");
    jw_array_begin(w);
    for (i = 0; i < m->nroute_tables; i++) {
        const struct route_table *t = m->route_tables[i];
        jw_object_begin(w);
        jw_member_string(w, "id", t->id);
        jw_member_string(w, "name", t->name);
        jw_member_string(w, "vpc", t->vpc);
        jw_member_bool(w, "main", t->main);
        jw_key(w, "routes");
        jw_array_begin(w);
        for (j = 0; j < t->nroutes; j++) {
            jw_object_begin(w);
            jw_member_string(w, "destination", t->routes[j].dest);
            jw_member_string(w, "target", t->routes[j].target);
            jw_member_string(w, "type", route_target_name(t->routes[j].type));
            if (t->routes[j].blackhole)
                jw_member_bool(w, "blackhole", 1);
            jw_object_end(w);
        }
        jw_array_end(w);
        json_source(w, &t->loc);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_key(w, "gateways");
    jw_array_begin(w);
    for (i = 0; i < m->ngateways; i++) {
        jw_object_begin(w);
        jw_member_string(w, "id", m->gateways[i]->id);
        jw_member_string(w, "vpc", m->gateways[i]->vpc);
        jw_member_bool(w, "egress_only", m->gateways[i]->egress_only);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

static void json_rules(struct json_writer *w, const struct model *m, const struct marks *mk)
{
    size_t i;
    char label[PORTS_LABEL_MAX];
    jw_key(w, "rules");
    jw_array_begin(w);
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        ports_label(&r->ports, label);
        jw_object_begin(w);
        jw_member_string(w, "group", r->group->id);
        jw_member_string(w, "direction", direction_name(r->dir));
        jw_member_string(w, "label", label);
        jw_key(w, "peer");
        jw_object_begin(w);
        jw_member_string(w, "type", peer_type_name(r->peer_type));
        jw_member_string(w, "id", r->peer);
        if (r->peer_type == PEER_PARAM && model_name_of(m, r->peer))
            jw_member_string(w, "name", model_name_of(m, r->peer));
        jw_object_end(w);
        jw_member_string(w, "description", r->description);
        if (r->flags & RULE_DEFAULT_EGRESS)
            jw_member_bool(w, "default", 1);
        if (r->flags & RULE_STALE)
            jw_member_bool(w, "stale", 1);
        if (r->flags & RULE_CONDITIONAL)
            jw_member_bool(w, "conditional", 1);
        json_change(w, mark_of_rule(mk, r)->change, NULL, mark_of_rule(mk, r)->old_description);
        json_source(w, &r->loc);
        jw_object_end(w);
    }
    jw_array_end(w);
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

static void json_edges(struct json_writer *w, const struct model *m)
{
    struct strmap *index = strmap_new();
    struct jedge **edges = NULL;
    char **keys = NULL;
    size_t n = 0, alloc = 0, i, j;
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
    jw_key(w, "edges");
    jw_array_begin(w);
    for (i = 0; i < n; i++) {
        struct jedge *e = edges[i];
        xqsort(e->ports, e->nports, sizeof(*e->ports), cmp_ports);
        jw_object_begin(w);
        jw_member_string(w, "from", e->from);
        jw_member_string(w, "to", e->to);
        jw_member_string(w, "direction", direction_name(e->dir));
        jw_key(w, "labels");
        jw_array_begin(w);
        for (j = 0; j < e->nports; j++) {
            if (j && ports_compare(&e->ports[j], &e->ports[j - 1]) == 0)
                continue;
            ports_label(&e->ports[j], label);
            jw_string(w, label);
        }
        jw_array_end(w);
        jw_object_end(w);
        free(e->ports);
        free(e);
    }
    for (i = 0; i < m->nrules; i++)
        free(keys[i]);
    free(keys);
    jw_array_end(w);
    free(edges);
    strmap_free(index);
}

int emit_json(const struct model *m, const struct marks *marks, FILE *fp)
{
    return emit_json_with(m, marks, NULL, NULL, fp);
}

int emit_json_with(const struct model *m, const struct marks *marks,
                   void (*more)(struct json_writer *w, const void *arg), const void *arg,
                   FILE *fp)
{
    struct json_writer w;

    jw_init_file(&w, fp);
    jw_object_begin(&w);
    jw_member_int(&w, "sgmap", 1);
    json_groups(&w, m, marks);
    json_ifaces(&w, m, marks);
    json_vpcs(&w, m);
    json_network(&w, m);
    json_rules(&w, m, marks);
    json_edges(&w, m);
    if (more)
        more(&w, arg);
    jw_object_end(&w);
    return jw_finish(&w);
}
