/*
 * import_design.c - the sgmap design file (DESIGN.md, "Design file") into
 * the model.
 *
 * This file owns the meaning of the design format: the top-level keys (vpc,
 * cidr, groups, interfaces), group definitions and their rules, and the
 * interfaces with their kinds, counts, memberships and addresses. It reads
 * the YAML through yamltree.h and reports the first problem of a file at
 * the line:col of the node that is wrong (but every bad port label).
 * References to groups by name are checked by model_finish(), once every
 * input is read, so that one design file may use groups another one
 * defines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "diag.h"
#include "importer.h"
#include "model.h"
#include "ports.h"
#include "strmap.h"
#include "suggest.h"
#include "xalloc.h"
#include "yamltree.h"

/* Largest count accepted for one interface entry. */
#define DESIGN_MAX_COUNT 10000
/* Bounds on what one file may create (aliases can multiply lists). */
#define DESIGN_MAX_RULES 1000000
#define DESIGN_MAX_IFACES 100000

/* Room for a quoted piece of input text in a message. */
#define DESIGN_QUOTE_MAX 96

/* The state of one import_design() call. */
struct design {
    struct model *m;
    const char *file;           /* display name, owned by the model */
    const char *vpc;            /* the file's VPC name (in the model), or NULL */
    size_t nrules;              /* rules added so far */
    long nifaces;               /* interfaces added so far */
    struct strmap *iface_names; /* interface names seen, borrowed from the tree */
    struct strmap *addresses;   /* address (model string) -> the interface's name */
    size_t bad_labels;          /* bad port labels reported so far */
};

/* ==== Messages ==== */

static struct srcloc design_loc(const struct design *d, const struct ynode *n)
{
    struct srcloc loc = {d->file, n ? n->line : 0, n ? n->col : 0, NULL};
    return loc;
}

/* Report an error at node n (or at the file when n is NULL). Returns -1. */
static int design_error(const struct design *d, const struct ynode *n, const char *fmt,
                        ...) __attribute__((format(printf, 3, 4)));

static int design_error(const struct design *d, const struct ynode *n, const char *fmt,
                        ...)
{
    struct srcloc loc = design_loc(d, n);
    va_list ap;

    va_start(ap, fmt);
    diag_verror(&loc, fmt, ap);
    va_end(ap);
    return -1;
}

/* Input text made safe and short for a message. */
struct quoted {
    char text[DESIGN_QUOTE_MAX];
};

static struct quoted design_quote(const char *s)
{
    struct quoted q;

    ytext_escape(q.text, sizeof(q.text), s, strlen(s));
    return q;
}

/* A scalar's text for a message (NULs escaped too). */
static struct quoted design_quote_node(const struct ynode *n)
{
    struct quoted q;

    ytext_escape(q.text, sizeof(q.text), n->value, n->len);
    return q;
}

/* ==== Typed access ==== */

/*
 * The text of n, which must be a non-null scalar without NUL bytes; what
 * names the field in messages ("description"). Returns 0 or -1.
 */
static int design_string(const struct design *d, const struct ynode *n, const char *what,
                         const char **out)
{
    if (!n || n->type != YNODE_SCALAR || ynode_is_null(n))
        return design_error(d, n, "expected a string for '%s', got %s", what,
                            ynode_type_name(n));
    if (strlen(n->value) != n->len)
        return design_error(d, n, "'%s' contains a NUL byte", what);
    *out = n->value;
    return 0;
}

/* Like design_string(), and the text must not be empty. */
static int design_name(const struct design *d, const struct ynode *n, const char *what,
                       const char **out)
{
    if (design_string(d, n, what, out) < 0)
        return -1;
    if (**out == '\0')
        return design_error(d, n, "'%s' is empty", what);
    return 0;
}

/* A string, or absent/null (then *out = NULL). */
static int design_optional_string(const struct design *d, const struct ynode *n,
                                  const char *what, const char **out)
{
    *out = NULL;
    if (ynode_is_null(n))
        return 0;
    return design_string(d, n, what, out);
}

/* One node or a list of them, as fields like "ports" and "from" allow. */
struct design_nodes {
    const struct ynode *single; /* the value when it is one scalar */
    struct ynode *const *items; /* else the list's items */
    size_t n;
};

static const struct ynode *design_nodes_at(const struct design_nodes *l, size_t i)
{
    return l->items ? l->items[i] : l->single;
}

/*
 * A field that takes one string or a list of them. Null gives no items; an
 * empty list or null is an error when need_one is set. Returns 0 or -1.
 */
static int design_string_list(const struct design *d, const struct ynode *n,
                              const char *what, int need_one, struct design_nodes *out)
{
    memset(out, 0, sizeof(*out));
    if (ynode_is_null(n)) {
        if (need_one)
            return design_error(d, n, "expected a string or a list for '%s', got null",
                                what);
        return 0;
    }
    if (n->type == YNODE_SCALAR) {
        out->single = n;
        out->n = 1;
        return 0;
    }
    if (n->type != YNODE_SEQ)
        return design_error(d, n, "expected a string or a list for '%s', got %s", what,
                            ynode_type_name(n));
    if (n->nitems == 0 && need_one)
        return design_error(d, n, "'%s' is an empty list", what);
    out->items = n->items;
    out->n = n->nitems;
    return 0;
}

/* A list (absent or null gives none). */
static int design_list(const struct design *d, const struct ynode *n, const char *what)
{
    if (ynode_is_null(n) || n->type == YNODE_SEQ)
        return 0;
    return design_error(d, n, "expected a list for '%s', got %s", what,
                        ynode_type_name(n));
}

/* Is scalar key k exactly s? */
static int design_key_is(const struct ynode *k, const char *s)
{
    return k->type == YNODE_SCALAR && k->len == strlen(s) &&
           memcmp(k->value, s, k->len) == 0;
}

/*
 * Check that every key of map is a scalar and one of names (NULL-ended);
 * expected is the list for the message. Returns 0 or -1.
 */
static int design_keys(const struct design *d, const struct ynode *map,
                       const char *const *names, const char *where, const char *expected)
{
    size_t i, j;

    for (i = 0; i < map->npairs; i++) {
        const struct ynode *k = map->pairs[i].key;
        if (k->type != YNODE_SCALAR)
            return design_error(d, k, "expected a string as a key %s, got %s", where,
                                ynode_type_name(k));
        for (j = 0; names[j]; j++)
            if (design_key_is(k, names[j]))
                break;
        if (!names[j])
            return design_error(d, k, "unknown key '%s' %s(expected %s)" SUGGEST_FMT,
                                design_quote_node(k).text, where, expected,
                                SUGGEST_ARGS(suggest_from(k->value, names, j)));
    }
    return 0;
}

/* ==== Rules ==== */

/*
 * The peer of a rule as the model stores it. *text is the node's text, or
 * canon (CIDR_TEXT_MAX bytes) holding the canonical CIDR. Returns 0 or -1.
 */
static int design_peer(const struct design *d, const struct ynode *n, const char *field,
                       enum peer_type *type, const char **text, char *canon,
                       unsigned *flags)
{
    const char *s;
    char err[256];

    if (design_name(d, n, field, &s) < 0)
        return -1;
    *flags = 0;
    *text = s;
    *type = model_classify_peer(s);
    if (*type == PEER_CIDR) {
        if (cidr_canonical(s, canon, err, sizeof(err)) < 0)
            return design_error(d, n, "%s", err);
        *text = canon;
    } else if (*type == PEER_GROUP && strncmp(s, "sg-", 3) == 0) {
        /* A group id: the group of this input when declared, else external. */
        *type = PEER_EXTERNAL_GROUP;
    } else if (*type == PEER_GROUP) {
        /* A name: model_finish() reports it when no input declares it. */
        *flags = RULE_PEER_BY_NAME;
    }
    return 0;
}

/* One rule of group g: every label of "ports" for every peer. */
static int design_rule(struct design *d, struct group *g, const struct ynode *rule,
                       enum direction dir)
{
    static const char *const keys[] = {"from", "to", "ports", "description", NULL};
    const char *peer_key = dir == DIR_INGRESS ? "from" : "to";
    const char *other_key = dir == DIR_INGRESS ? "to" : "from";
    const char *where = dir == DIR_INGRESS ? "in an ingress rule " : "in an egress rule ";
    const char *expected =
        dir == DIR_INGRESS ? "from, ports or description" : "to, ports or description";
    struct design_nodes peers, labels;
    const struct ynode *other = NULL;
    const char *description;
    struct portspec *specs;
    size_t i, j, bad_before;
    int rc = 0;

    if (rule->type != YNODE_MAP)
        return design_error(d, rule, "expected a mapping for a rule, got %s",
                            ynode_type_name(rule));
    if (design_keys(d, rule, keys, where, expected) < 0)
        return -1;
    for (i = 0; i < rule->npairs; i++)
        if (design_key_is(rule->pairs[i].key, other_key))
            other = rule->pairs[i].key;
    if (other && dir == DIR_INGRESS)
        return design_error(d, other,
                            "'to' is for egress rules (ingress rules use 'from')");
    if (other)
        return design_error(d, other,
                            "'from' is for ingress rules (egress rules use 'to')");
    if (!ynode_get(rule, peer_key))
        return design_error(d, rule, "%s rule needs '%s'", direction_name(dir), peer_key);
    if (!ynode_get(rule, "ports"))
        return design_error(d, rule, "rule needs 'ports'");
    if (design_string_list(d, ynode_get(rule, peer_key), peer_key, 1, &peers) < 0 ||
        design_string_list(d, ynode_get(rule, "ports"), "ports", 1, &labels) < 0 ||
        design_optional_string(d, ynode_get(rule, "description"), "description",
                               &description) < 0)
        return -1;
    if (labels.n > (DESIGN_MAX_RULES - d->nrules) / peers.n)
        return design_error(d, rule, "too many rules in one design file (more than %d)",
                            DESIGN_MAX_RULES);
    d->nrules += labels.n * peers.n;

    specs = xmalloc(labels.n * sizeof(*specs));
    bad_before = d->bad_labels;
    for (i = 0; i < labels.n && rc == 0; i++) {
        const struct ynode *ln = design_nodes_at(&labels, i);
        const char *label;
        char err[256];

        if (design_name(d, ln, "ports", &label) < 0)
            rc = -1;
        else if (ports_parse_label(label, &specs[i], err, sizeof(err)) < 0) {
            /* Report every bad label of the file, then fail it. */
            design_error(d, ln, "%s", err);
            d->bad_labels++;
        }
    }
    for (j = 0; j < peers.n && rc == 0 && d->bad_labels == bad_before; j++) {
        const struct ynode *pn = design_nodes_at(&peers, j);
        struct srcloc loc = design_loc(d, pn);
        char canon[CIDR_TEXT_MAX];
        enum peer_type type;
        const char *peer;
        unsigned flags;

        if (design_peer(d, pn, peer_key, &type, &peer, canon, &flags) < 0) {
            rc = -1;
            break;
        }
        for (i = 0; i < labels.n; i++) {
            struct rule *r =
                model_add_rule(d->m, g, dir, &specs[i], type, peer, description, &loc);
            r->flags |= flags;
        }
    }
    free(specs);
    return rc;
}

/* The rules of one direction: absent, null or a list of rule mappings. */
static int design_rules(struct design *d, struct group *g, const struct ynode *list,
                        enum direction dir)
{
    size_t i;

    if (design_list(d, list, direction_name(dir)) < 0)
        return -1;
    if (ynode_is_null(list))
        return 0;
    for (i = 0; i < list->nitems; i++)
        if (design_rule(d, g, list->items[i], dir) < 0)
            return -1;
    return 0;
}

/* ==== Groups ==== */

static int design_tags(struct design *d, struct group *g, const struct ynode *tags)
{
    size_t i;

    if (ynode_is_null(tags))
        return 0;
    if (tags->type != YNODE_MAP)
        return design_error(d, tags, "expected a mapping for 'tags', got %s",
                            ynode_type_name(tags));
    for (i = 0; i < tags->npairs; i++) {
        const char *key, *value;

        if (design_string(d, tags->pairs[i].key, "tags", &key) < 0 ||
            design_optional_string(d, tags->pairs[i].value, "tags", &value) < 0)
            return -1;
        model_group_add_tag(d->m, g, key, value ? value : "");
    }
    return 0;
}

static int design_group(struct design *d, const struct ynode *key,
                        const struct ynode *val)
{
    static const char *const keys[] = {"description", "ingress", "egress", "tags", NULL};
    char where[DESIGN_QUOTE_MAX + 16];
    const char *name, *description = NULL;
    enum peer_type type;
    struct group *g;

    if (key->type != YNODE_SCALAR || ynode_is_null(key))
        return design_error(d, key, "expected a group name as a key in 'groups', got %s",
                            ynode_type_name(key));
    if (strlen(key->value) != key->len)
        return design_error(d, key, "group name contains a NUL byte");
    if (key->len == 0)
        return design_error(d, key, "group name is empty");
    name = key->value;
    type = model_classify_peer(name);
    if (type != PEER_GROUP)
        return design_error(d, key,
                            "group name '%s' would be read as a %s, not a group name",
                            design_quote(name).text, peer_type_name(type));
    if (!ynode_is_null(val) && val->type != YNODE_MAP)
        return design_error(d, val, "expected a mapping for group '%s', got %s",
                            design_quote(name).text, ynode_type_name(val));
    if (!ynode_is_null(val)) {
        snprintf(where, sizeof(where), "in group '%s' ", design_quote(name).text);
        if (design_keys(d, val, keys, where, "description, ingress, egress or tags") <
                0 ||
            design_optional_string(d, ynode_get(val, "description"), "description",
                                   &description) < 0)
            return -1;
    }
    g = model_group(d->m, name, NULL);
    if (g->declared)
        return design_error(d, key, "duplicate group name '%s'", design_quote(name).text);
    g->declared = 1;
    g->name = g->id;
    g->description = model_strdup(d->m, description);
    g->vpc = d->vpc;
    g->loc = design_loc(d, key);
    if (ynode_is_null(val)) {
        g->default_egress = 1;
        return 0;
    }
    /* An absent egress list means the AWS default; an empty one means none. */
    g->default_egress = ynode_get(val, "egress") == NULL;
    if (design_tags(d, g, ynode_get(val, "tags")) < 0 ||
        design_rules(d, g, ynode_get(val, "ingress"), DIR_INGRESS) < 0 ||
        design_rules(d, g, ynode_get(val, "egress"), DIR_EGRESS) < 0)
        return -1;
    return 0;
}

static int design_groups(struct design *d, const struct ynode *groups)
{
    size_t i;

    if (ynode_is_null(groups))
        return 0;
    if (groups->type != YNODE_MAP)
        return design_error(d, groups, "expected a mapping for 'groups', got %s",
                            ynode_type_name(groups));
    for (i = 0; i < groups->npairs; i++)
        if (design_group(d, groups->pairs[i].key, groups->pairs[i].value) < 0)
            return -1;
    return 0;
}

/* ==== Interfaces ==== */

/* The "count" of an interface: absent gives 1. Returns 0 or -1. */
static int design_count(const struct design *d, const struct ynode *n, long *out)
{
    size_t i;
    long v = 0;

    *out = 1;
    if (!n)
        return 0;
    if (n->type != YNODE_SCALAR || ynode_is_null(n))
        return design_error(d, n, "count must be a positive integer, got %s",
                            ynode_type_name(n));
    if (!n->plain)
        return design_error(d, n,
                            "count must be a positive integer, got a quoted string '%s'",
                            design_quote_node(n).text);
    /* Plain decimal digits only, without a leading zero (YAML 1.1 octal). */
    for (i = 0; i < n->len; i++)
        if (n->value[i] < '0' || n->value[i] > '9')
            break;
    if (i < n->len || n->len == 0 || n->value[0] == '0')
        return design_error(d, n, "count must be a positive integer, got '%s'",
                            design_quote_node(n).text);
    for (i = 0; i < n->len && i < 6; i++)
        v = v * 10 + (n->value[i] - '0');
    if (n->len > 6 || v > DESIGN_MAX_COUNT)
        return design_error(d, n, "count must be at most %d, got '%s'", DESIGN_MAX_COUNT,
                            design_quote_node(n).text);
    *out = v;
    return 0;
}

/* Check the "groups" list of interface name: strings, at most 16 distinct. */
static int design_iface_groups(const struct design *d, const struct ynode *list,
                               const char *name)
{
    struct strmap *seen;
    size_t i, n;

    if (design_list(d, list, "groups") < 0)
        return -1;
    if (ynode_is_null(list))
        return 0;
    for (i = 0; i < list->nitems; i++) {
        const char *g;
        if (design_name(d, list->items[i], "groups", &g) < 0)
            return -1;
    }
    seen = strmap_new();
    for (i = 0; i < list->nitems; i++) {
        if (strmap_get(seen, list->items[i]->value)) {
            strmap_free(seen);
            return design_error(d, list->items[i], "group '%s' is listed twice for interface '%s'",
                                design_quote(list->items[i]->value).text,
                                design_quote(name).text);
        }
        strmap_put(seen, list->items[i]->value, list->items[i]);
    }
    n = strmap_count(seen);
    strmap_free(seen);
    if (n > MODEL_MAX_GROUPS_PER_IFACE)
        return design_error(d, list, "interface '%s' is in %zu groups (at most %d)",
                            design_quote(name).text, n, MODEL_MAX_GROUPS_PER_IFACE);
    return 0;
}

/*
 * Check "addresses" (IP addresses, each kept as plain address text in
 * addrs, which holds n entries of CIDR_TEXT_MAX bytes; malloc'd). count is
 * the interface's count: one address per copy unless it is 1.
 */
static int design_addresses(const struct design *d, const struct ynode *list,
                            const char *name, long count, char (**addrs)[CIDR_TEXT_MAX],
                            size_t *n)
{
    size_t i;

    *addrs = NULL;
    *n = 0;
    if (design_list(d, list, "addresses") < 0)
        return -1;
    if (ynode_is_null(list) || list->nitems == 0)
        return 0;
    if (count > 1 && list->nitems != (size_t)count)
        return design_error(d, list,
                            "interface '%s' has count %ld but %zu address%s "
                            "(give one address per copy)",
                            design_quote(name).text, count, list->nitems,
                            list->nitems == 1 ? "" : "es");
    *addrs = xmalloc(list->nitems * sizeof(**addrs));
    for (i = 0; i < list->nitems; i++) {
        const struct ynode *an = list->items[i];
        char canon[CIDR_TEXT_MAX], err[256];
        const char *text, *owner;

        if (design_name(d, an, "addresses", &text) < 0)
            goto failed;
        if (!cidr_looks_like(text) || cidr_canonical(text, canon, err, sizeof(err)) < 0 ||
            !cidr_host_address(canon, (*addrs)[i], CIDR_TEXT_MAX)) {
            design_error(d, an, "expected an IP address in 'addresses', got '%s'",
                         design_quote(text).text);
            goto failed;
        }
        /* One address belongs to one interface: a rule naming it must not
         * silently reach only one of two claimants. */
        owner = strmap_get(d->addresses, (*addrs)[i]);
        if (owner) {
            design_error(d, an, "address %s is already the address of interface '%s'",
                         (*addrs)[i], design_quote(owner).text);
            goto failed;
        }
        strmap_put(d->addresses, model_strdup(d->m, (*addrs)[i]), (void *)name);
    }
    *n = list->nitems;
    return 0;
failed:
    free(*addrs);
    *addrs = NULL;
    return -1;
}

static int design_iface(struct design *d, const struct ynode *item)
{
    static const char *const keys[] = {"name",      "kind",        "count", "groups",
                                       "addresses", "description", NULL};
    char where[DESIGN_QUOTE_MAX + 24];
    const struct ynode *name_node, *kind_node, *groups;
    const char *name, *kind_text, *description;
    char(*addrs)[CIDR_TEXT_MAX] = NULL;
    size_t naddrs, i;
    enum iface_kind kind;
    long count, c;

    if (item->type != YNODE_MAP)
        return design_error(d, item, "expected a mapping for an interface, got %s",
                            ynode_type_name(item));
    name_node = ynode_get(item, "name");
    if (!name_node)
        return design_error(d, item, "interface needs 'name'");
    if (design_name(d, name_node, "name", &name) < 0)
        return -1;
    snprintf(where, sizeof(where), "in interface '%s' ", design_quote(name).text);
    if (design_keys(d, item, keys, where,
                    "name, kind, count, groups, addresses or description") < 0)
        return -1;
    if (strmap_get(d->iface_names, name))
        return design_error(d, name_node, "duplicate interface name '%s'",
                            design_quote(name).text);
    strmap_put(d->iface_names, name, (void *)name_node);
    kind_node = ynode_get(item, "kind");
    if (!kind_node)
        return design_error(d, item, "interface '%s' needs 'kind'",
                            design_quote(name).text);
    if (design_name(d, kind_node, "kind", &kind_text) < 0)
        return -1;
    if (kind_parse(kind_text, &kind) < 0)
        return design_error(d, kind_node, "unknown kind '%s' (expected one of: %s)",
                            design_quote(kind_text).text, kind_list());
    groups = ynode_get(item, "groups");
    if (design_count(d, ynode_get(item, "count"), &count) < 0 ||
        design_optional_string(d, ynode_get(item, "description"), "description",
                               &description) < 0 ||
        design_iface_groups(d, groups, name) < 0)
        return -1;
    if (count > DESIGN_MAX_IFACES - d->nifaces)
        return design_error(d, item,
                            "too many interfaces in one design file (more than %d)",
                            DESIGN_MAX_IFACES);
    d->nifaces += count;
    if (design_addresses(d, ynode_get(item, "addresses"), name, count, &addrs, &naddrs) <
        0)
        return -1;

    for (c = 1; c <= count; c++) {
        char *id = count == 1 ? xstrdup(name) : xasprintf("%s-%ld", name, c);
        struct iface *ifc;
        int created;

        ifc = model_iface(d->m, id, &created);
        if (!created) {
            design_error(d, name_node, "interface id '%s' is already used",
                         design_quote(id).text);
            free(id);
            free(addrs);
            return -1;
        }
        free(id);
        ifc->kind = kind;
        ifc->label = model_strdup(d->m, name);
        ifc->owner = ifc->label;
        ifc->vpc = d->vpc;
        ifc->loc = design_loc(d, name_node);
        for (i = 0; groups && i < groups->nitems; i++) {
            struct srcloc loc = design_loc(d, groups->items[i]);
            model_iface_add_group(d->m, ifc, groups->items[i]->value, NULL, 1, &loc);
        }
        if (count == 1) {
            for (i = 0; i < naddrs; i++)
                model_iface_add_address(d->m, ifc, addrs[i]);
        } else if (naddrs) {
            model_iface_add_address(d->m, ifc, addrs[c - 1]);
        }
    }
    free(addrs);
    return 0;
}

static int design_ifaces(struct design *d, const struct ynode *list)
{
    size_t i;

    if (design_list(d, list, "interfaces") < 0)
        return -1;
    if (ynode_is_null(list))
        return 0;
    for (i = 0; i < list->nitems; i++)
        if (design_iface(d, list->items[i]) < 0)
            return -1;
    return 0;
}

/* ==== The file ==== */

static int design_vpc(struct design *d, const struct ynode *n)
{
    const char *name;
    struct vpc *v;
    int created;

    if (ynode_is_null(n))
        return 0;
    if (design_name(d, n, "vpc", &name) < 0)
        return -1;
    v = model_vpc(d->m, name, &created);
    if (created || !v->name)
        v->name = v->id;
    if (created)
        v->loc = design_loc(d, n);
    d->vpc = v->id;
    return 0;
}

static int design_cidrs(struct design *d, const struct ynode *n)
{
    struct design_nodes list;
    size_t i;

    if (design_string_list(d, n, "cidr", 0, &list) < 0)
        return -1;
    for (i = 0; i < list.n; i++) {
        const struct ynode *cn = design_nodes_at(&list, i);
        char canon[CIDR_TEXT_MAX], err[256];
        const char *text;

        if (design_name(d, cn, "cidr", &text) < 0)
            return -1;
        if (!cidr_looks_like(text) || cidr_canonical(text, canon, err, sizeof(err)) < 0)
            return design_error(d, cn, "expected a CIDR for 'cidr', got '%s'",
                                design_quote(text).text);
        model_set_name(d->m, canon, d->vpc ? d->vpc : "vpc");
    }
    return 0;
}

static int design_root(struct design *d, const struct ynode *root)
{
    static const char *const keys[] = {"vpc", "cidr", "groups", "interfaces", NULL};

    if (ynode_is_null(root))
        return design_error(d, NULL, "empty design file");
    if (root->type != YNODE_MAP)
        return design_error(d, root,
                            "expected a mapping at the top of the design file, got %s",
                            ynode_type_name(root));
    if (design_keys(d, root, keys, "", "vpc, cidr, groups or interfaces") < 0 ||
        design_vpc(d, ynode_get(root, "vpc")) < 0 ||
        design_cidrs(d, ynode_get(root, "cidr")) < 0 ||
        design_groups(d, ynode_get(root, "groups")) < 0 ||
        design_ifaces(d, ynode_get(root, "interfaces")) < 0)
        return -1;
    return 0;
}

/*
 * Import one design file into the session's model (see importer.h).
 * Returns 0, or -1 after reporting the file's first error.
 */
static int import_design(struct import_session *s, const char *file, const char *data,
                         size_t len)
{
    struct design d;
    struct ynode *root;
    struct ydoc *doc;
    int rc;

    memset(&d, 0, sizeof(d));
    d.m = import_session_model(s);
    d.file = file;
    doc = ydoc_parse(file, data, len, &root);
    if (!doc)
        return -1;
    d.iface_names = strmap_new();
    d.addresses = strmap_new();
    rc = design_root(&d, root);
    if (d.bad_labels)
        rc = -1;
    strmap_free(d.iface_names);
    strmap_free(d.addresses);
    ydoc_free(doc);
    return rc;
}

/* Design files are YAML: the text nobody else claims (not JSON, not empty,
 * not XML). */
static enum import_claim design_detect(const char *file, const char *data, size_t len)
{
    size_t i = 0;

    (void)file;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == len || data[i] == '<' || data[i] == '{' || data[i] == '[')
        return CLAIM_NONE;
    return CLAIM_FALLBACK;
}

static const char *const design_exts[] = {".json", ".yaml", ".yml", NULL};

const struct importer importer_design = {
    "design", design_exts, design_detect, import_design, NULL, NULL,
};
