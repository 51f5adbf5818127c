/*
 * lint_naming.c - the naming engine of "sgmap lint" and the documentation
 * checks: a group named after its rules (allow-, ports, protocols) instead
 * of its members, the name its members suggest instead and where its rules
 * could go; groups and rules without a real description.
 *
 * Names are split into words at punctuation, case changes and between
 * letters and digits, so CloudFormation logical ids (AllowSSHSecurityGroup)
 * read like Terraform names (allow-ssh).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lint_internal.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* ==== Words ==== */

static int str_blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

static int ci_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int ci_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
            return 0;
    return 1;
}

/* How words are split: always at characters other than letters and digits,
 * and optionally at case changes and between letters and digits. */
enum {
    WORDS_CASE = 1 << 0,   /* "AllowSSH" -> "Allow" "SSH", "webServer" -> "web" "Server" */
    WORDS_DIGITS = 1 << 1, /* "web8080" -> "web" "8080" */
};

/* Does a word end between s[i - 1] and s[i] (both letters or digits)? */
static int word_boundary(const char *s, size_t i, unsigned how)
{
    unsigned char prev = (unsigned char)s[i - 1], cur = (unsigned char)s[i];
    unsigned char next = (unsigned char)s[i + 1];

    if ((how & WORDS_DIGITS) && !isdigit(prev) != !isdigit(cur))
        return 1;
    /* A capital after a small letter, or the capital that starts a
     * capitalised word after an acronym or a number ("SSHAccess", "EC2Host"). */
    return (how & WORDS_CASE) && isupper(cur) &&
           (islower(prev) || ((!isalpha(prev) || isupper(prev)) && islower(next)));
}

/*
 * The next word of s at or after *pos: sets *start and *pos past the word
 * and returns its length, 0 at the end. *glued tells whether the word
 * touches a letter or digit of the next or previous word ("web8080").
 */
static size_t next_word(const char *s, size_t *pos, unsigned how, size_t *start, int *glued)
{
    size_t i = *pos;

    while (s[i] && !isalnum((unsigned char)s[i]))
        i++;
    *start = i;
    if (!s[i])
        return 0;
    for (i++; isalnum((unsigned char)s[i]) && !word_boundary(s, i, how); i++)
        ;
    *glued = (*start > 0 && isalnum((unsigned char)s[*start - 1])) ||
             isalnum((unsigned char)s[i]);
    *pos = i;
    return i - *start;
}

/* Split s into lowercase words (see next_word), each malloc'd; returns the count. */
static size_t str_tokens(const char *s, unsigned how, char ***out)
{
    char **toks = NULL;
    size_t n = 0, alloc = 0, pos = 0, start, len, i;
    int glued;

    while (s && (len = next_word(s, &pos, how, &start, &glued)) > 0) {
        char *t = xstrndup(s + start, len);
        for (i = 0; i < len; i++)
            t[i] = (char)tolower((unsigned char)t[i]);
        XGROW(toks, alloc, n + 1);
        toks[n++] = t;
    }
    *out = toks;
    return n;
}

static void tokens_free(char **toks, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(toks[i]);
    free(toks);
}

static int str_all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* ==== Member sets ==== */

/* Order groups by their member sets (members are sorted by id). */
static int cmp_members(const struct group *x, const struct group *y)
{
    size_t i;
    int cmp;

    if (x->nmembers != y->nmembers)
        return x->nmembers < y->nmembers ? -1 : 1;
    for (i = 0; i < x->nmembers; i++)
        if ((cmp = strcmp(x->members[i]->id, y->members[i]->id)) != 0)
            return cmp;
    return 0;
}

/* Do x and y have the same members (at least one)? */
static int same_members(const struct group *x, const struct group *y)
{
    return x->nmembers > 0 && cmp_members(x, y) == 0;
}

/* The ids of g's members, one a line: a key for its member set. Malloc'd. */
static char *members_key(const struct group *g)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < g->nmembers; i++) {
        strbuf_addstr(&sb, g->members[i]->id);
        strbuf_addch(&sb, '\n');
    }
    return strbuf_detach(&sb);
}

/* ==== Naming ==== */

/*
 * Words that make a name about rules when it starts with them and a - or _
 * follows. camel: also when a capital follows ("AllowWeb"); not for words
 * that also start the names of things members are (OpenSearch, an
 * IngressController, an EgressGateway, an OutboundProxy).
 */
static const struct naming_verb {
    const char *word;
    int camel;
} naming_verbs[] = {
    {"allow", 1},   {"permit", 1},  {"deny", 1},     {"open", 0},
    {"ingress", 0}, {"egress", 0},  {"inbound", 0},  {"outbound", 0},
};
#define NVERBS (sizeof(naming_verbs) / sizeof(naming_verbs[0]))

static const char *const naming_protocols[] = {"ssh", "http", "https", "rdp", "tcp", "udp",
                                               NULL};

/*
 * Service ports well known enough that a name holding one as a word of its
 * own is about that traffic ("db-5432", "relay-25"); other numbers standing
 * alone are counters or versions ("web-10", "cache-1999") unless the
 * group's own rules name them. Sorted.
 */
static const int well_known_ports[] = {
    20,   21,   22,   23,   25,   53,   67,   68,   69,    80,    88,   110,  123,
    135,  137,  138,  139,  143,  161,  162,  389,  443,   445,   465,  514,  587,
    636,  873,  993,  995,  1433, 1434, 1521, 2049, 2375,  2376,  2379, 2380, 3306,
    3389, 5432, 5439, 5601, 5672, 5900, 5985, 5986, 6379,  6443,  8080, 8443, 9092,
    9200, 9300, 9418, 9999, 11211, 15672, 27017,
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* Does one of g's TCP or UDP rules name port v (its port, or a bound of its
 * range)? */
static int group_names_port(const struct lint_ctx *c, const struct group *g, long v)
{
    size_t i, end;

    if (!c->rcount[g->index])
        return 0;
    end = c->rfirst[g->index] + c->rcount[g->index];
    for (i = c->rfirst[g->index]; i < end; i++) {
        const struct portspec *p = &c->m->rules[i]->ports;
        if ((p->proto == PROTO_TCP || p->proto == PROTO_UDP) && (p->from == v || p->to == v))
            return 1;
    }
    return 0;
}

/*
 * Is the word a port number: 2 to 5 digits, no leading zero, at most 65535,
 * standing alone as a word (a number glued to letters, as in "app1999",
 * "route53" or "web8080", is part of an identifier), and a well-known port
 * or a port of g's own rules (g may be NULL: well-known ports only)?
 */
static int name_word_is_port(const struct lint_ctx *c, const struct group *g, const char *w,
                             size_t len, int glued)
{
    char digits[6];
    int v;
    size_t i;

    if (glued || len < 2 || len > 5 || w[0] == '0')
        return 0;
    for (i = 0; i < len; i++)
        if (!isdigit((unsigned char)w[i]))
            return 0;
    memcpy(digits, w, len);
    digits[len] = '\0';
    v = (int)strtol(digits, NULL, 10);
    if (v > 65535)
        return 0;
    if (bsearch(&v, well_known_ports, sizeof(well_known_ports) / sizeof(well_known_ports[0]),
                sizeof(well_known_ports[0]), cmp_int))
        return 1;
    return g && group_names_port(c, g, v);
}

/* Does name start with a naming verb as a word of its own? Returns its
 * length with the separator that follows, or 0. */
static size_t name_verb_prefix(const char *name)
{
    size_t i, len;

    for (i = 0; i < NVERBS; i++) {
        len = strlen(naming_verbs[i].word);
        if (!ci_prefix(name, naming_verbs[i].word))
            continue;
        if (name[len] == '-' || name[len] == '_')
            return len + 1;
        if (naming_verbs[i].camel && islower((unsigned char)name[len - 1]) &&
            isupper((unsigned char)name[len]))
            return len;
    }
    return 0;
}

/*
 * Is name (of group g, or a name suggested when g is NULL) about rules
 * rather than members? Returns 1 with why (malloc'd), e.g. "it starts with
 * 'allow-'", or 0. The rule of the AWS input reference section 8, with
 * words split at case changes and between letters and digits too
 * (CloudFormation logical ids like AllowSSHSecurityGroup): a leading naming
 * verb (see naming_verbs), or a word that is a protocol or a port number
 * (see name_word_is_port).
 */
static int name_is_rule_named(const struct lint_ctx *c, const struct group *g, const char *name,
                              char **why)
{
    size_t pos = 0, start, len, j;
    size_t verb = name_verb_prefix(name);
    int glued;

    if (verb) {
        if (why)
            *why = xasprintf("it starts with '%.*s'", (int)verb, name);
        return 1;
    }
    while ((len = next_word(name, &pos, WORDS_CASE | WORDS_DIGITS, &start, &glued)) > 0) {
        const char *w = name + start;
        for (j = 0; naming_protocols[j]; j++) {
            if (strlen(naming_protocols[j]) == len && ci_prefix(w, naming_protocols[j])) {
                if (why)
                    *why = xasprintf("it contains the protocol '%s'", naming_protocols[j]);
                return 1;
            }
        }
        if (name_word_is_port(c, g, w, len, glued)) {
            if (why)
                *why = xasprintf("it contains the port number %.*s", (int)len, w);
            return 1;
        }
    }
    return 0;
}

/* Does s look like an AWS resource id ("i-0abc...", "eni-1234abcd")? */
static int looks_like_aws_id(const char *s)
{
    const char *dash = strchr(s, '-');
    size_t n;

    if (!dash || dash == s)
        return 0;
    for (n = 0; dash[1 + n]; n++)
        if (!isxdigit((unsigned char)dash[1 + n]))
            return 0;
    return n == 8 || n == 17;
}

/* A member label that names nothing (an AWS id) or is empty. */
static int label_is_id(const struct iface *ifc)
{
    const char *l = ifc->label;
    return !l || !*l || looks_like_aws_id(l) || strncmp(l, "arn:", 4) == 0;
}

/* A kind's name as a word of a suggested name; NULL for "other", which
 * says nothing about the members. */
static const char *kind_word(enum iface_kind kind)
{
    return kind == KIND_OTHER ? NULL : kind_name(kind);
}

/*
 * A member's label as name tokens joined by '-', lowercase, without a
 * trailing number ("Game Server 3" -> "game-server"); the kind's name when
 * the label is an id. NULL when neither names it (an unlabelled "other").
 * Malloc'd.
 */
static char *member_name(const struct iface *ifc)
{
    struct strbuf sb = STRBUF_INIT;
    const char *kind = kind_word(ifc->kind);
    char **toks;
    size_t n, i;

    if (!label_is_id(ifc)) {
        n = str_tokens(ifc->label, WORDS_CASE, &toks);
        while (n > 1 && str_all_digits(toks[n - 1])) {
            free(toks[n - 1]);
            n--;
        }
        for (i = 0; i < n; i++) {
            if (i)
                strbuf_addch(&sb, '-');
            strbuf_addstr(&sb, toks[i]);
        }
        tokens_free(toks, n);
    }
    if (sb.len > 0)
        return strbuf_detach(&sb);
    strbuf_release(&sb);
    return kind ? xstrdup(kind) : NULL;
}

/* The name of g's VPC when it has one (not a vpc- id), else NULL. */
static const char *group_vpc_name(const struct model *m, const struct group *g)
{
    size_t i;
    if (!g->vpc)
        return NULL;
    for (i = 0; i < m->nvpcs; i++)
        if (strcmp(m->vpcs[i]->id, g->vpc) == 0 && m->vpcs[i]->name)
            return m->vpcs[i]->name;
    return strncmp(g->vpc, "vpc-", 4) == 0 ? NULL : g->vpc;
}

/* base plus every token of vpc that base lacks ("game-server" + "game-production"). */
static char *name_with_vpc(const char *base, const char *vpc)
{
    struct strbuf sb = STRBUF_INIT;
    char **have, **add;
    size_t nhave, nadd, i, j;

    strbuf_addstr(&sb, base);
    nhave = str_tokens(base, WORDS_CASE, &have);
    nadd = str_tokens(vpc, WORDS_CASE, &add);
    for (i = 0; i < nadd; i++) {
        for (j = 0; j < nhave; j++)
            if (strcmp(add[i], have[j]) == 0)
                break;
        if (j == nhave) {
            strbuf_addch(&sb, '-');
            strbuf_addstr(&sb, add[i]);
        }
    }
    tokens_free(have, nhave);
    tokens_free(add, nadd);
    return strbuf_detach(&sb);
}

/*
 * A name for g built from its members, never from its rules: the members'
 * common name (or two names joined by "-and-"), else their common kind,
 * plus the VPC's name. NULL when there is nothing good to suggest, or when
 * a member has no name (see member_name).
 */
static char *name_suggest(const struct lint_ctx *c, const struct group *g)
{
    char *names[3] = {NULL, NULL, NULL};
    size_t nnames = 0, i, j;
    int one_kind = 1, unnamed = 0;
    const char *kind;
    char *base = NULL, *full = NULL;
    const char *vpc = group_vpc_name(c->m, g);

    if (g->nmembers == 0)
        return NULL;
    for (i = 0; i < g->nmembers && !unnamed; i++) {
        char *nm = member_name(g->members[i]);
        if (g->members[i]->kind != g->members[0]->kind)
            one_kind = 0;
        if (!nm) {
            unnamed = 1;
            continue;
        }
        for (j = 0; j < nnames; j++)
            if (strcmp(names[j], nm) == 0)
                break;
        if (j < nnames || nnames == 3) {
            if (j == nnames)
                nnames = 3; /* more than two names: remember the overflow */
            free(nm);
            continue;
        }
        names[nnames++] = nm;
    }
    kind = one_kind ? kind_word(g->members[0]->kind) : NULL;
    if (unnamed) {
        base = NULL;
    } else if (nnames == 1) {
        base = xstrdup(names[0]);
    } else if (nnames == 2) {
        if (strcmp(names[0], names[1]) > 0)
            base = xasprintf("%s-and-%s", names[1], names[0]);
        else
            base = xasprintf("%s-and-%s", names[0], names[1]);
    } else if (kind) {
        base = xstrdup(kind);
    }
    for (i = 0; i < 3; i++)
        free(names[i]);
    if (base) {
        full = vpc ? name_with_vpc(base, vpc) : xstrdup(base);
        if (name_is_rule_named(c, NULL, full, NULL) && kind) {
            free(full);
            full = vpc ? name_with_vpc(kind, vpc) : xstrdup(kind);
        }
        free(base);
    }
    if (full && (name_is_rule_named(c, NULL, full, NULL) || strcmp(full, g->name) == 0)) {
        free(full);
        full = NULL;
    }
    return full;
}

/* A group named after its rules, and the name its members suggest. */
struct misnamed {
    const struct group *g;
    char *why;        /* why the name is about rules */
    char *suggestion; /* see name_suggest; may be NULL */
};

/* By suggestion (groups without one last), then by members and group. */
static int cmp_misnamed(const void *pa, const void *pb)
{
    const struct misnamed *a = pa, *b = pb;
    int cmp;

    if (!a->suggestion != !b->suggestion)
        return a->suggestion ? -1 : 1;
    if (a->suggestion && (cmp = strcmp(a->suggestion, b->suggestion)) != 0)
        return cmp;
    if ((cmp = cmp_members(a->g, b->g)) != 0)
        return cmp;
    return a->g->index < b->g->index ? -1 : a->g->index > b->g->index;
}

/* Where a misnamed group's rules could go instead. */
struct homes {
    struct strmap *by_name;    /* group name -> the first group of that name */
    struct strmap *by_members; /* members_key -> the first well-named group */
    char **keys;               /* the keys of by_members (owned) */
    size_t nkeys;
};

static void homes_init(struct homes *h, const struct lint_ctx *c)
{
    const struct model *m = c->m;
    size_t i, alloc = 0;

    memset(h, 0, sizeof(*h));
    h->by_name = strmap_new();
    h->by_members = strmap_new();
    for (i = m->ngroups; i-- > 0;) { /* the first group wins */
        const struct group *g = m->groups[i];
        strmap_put(h->by_name, g->name, m->groups[i]);
        if (!g->declared || g->nmembers == 0 || lint_group_is_default(g) ||
            name_is_rule_named(c, g, g->name, NULL))
            continue;
        XGROW(h->keys, alloc, h->nkeys + 1);
        h->keys[h->nkeys] = members_key(g);
        strmap_put(h->by_members, h->keys[h->nkeys++], m->groups[i]);
    }
}

static void homes_free(struct homes *h)
{
    size_t i;
    for (i = 0; i < h->nkeys; i++)
        free(h->keys[i]);
    free(h->keys);
    strmap_free(h->by_name);
    strmap_free(h->by_members);
}

/* A well-named group with the same members as g, preferring the one named
 * s (may be NULL); NULL when there is none. *taken tells whether another
 * group with other members already has the name s. */
static const struct group *home_of(const struct homes *h, const struct group *g,
                                   const char *s, int *taken)
{
    const struct group *home = s ? strmap_get(h->by_name, s) : NULL;
    char *key;

    *taken = home && !same_members(g, home);
    if (home && !*taken)
        return home;
    key = members_key(g);
    home = strmap_get(h->by_members, key);
    free(key);
    return home && same_members(g, home) ? home : NULL;
}

/*
 * The fix for v[k], one of the run v[lo, hi) of misnamed groups with the
 * same suggestion (or, without one, the same members). A suggested name
 * must name one set of members: a well-named group with the same members
 * could take the rules, groups of the run with the same members could be
 * one group, and a name another set of members has or would get is not
 * suggested.
 */
static char *rename_fix(const struct homes *h, const struct misnamed *v, size_t lo, size_t hi,
                        size_t k)
{
    const struct group *g = v[k].g, *home;
    const char *s = v[k].suggestion;
    struct strbuf sb = STRBUF_INIT;
    size_t i, ntwins = 0, listed = 0, shown;
    int clash;

    home = home_of(h, g, s, &clash);
    for (i = lo; i < hi; i++) {
        if (i == k)
            continue;
        if (same_members(g, v[i].g))
            ntwins++;
        else
            clash = 1;
    }
    if (home) {
        strbuf_addf(&sb, "move its rules into group '%s', which has the same members",
                    home->name);
    } else if (ntwins) {
        /* Up to four names, else three and how many more. */
        shown = ntwins <= 4 ? ntwins : 3;
        strbuf_addstr(&sb, "it has the same members as ");
        for (i = lo; i < hi && listed < shown; i++) {
            if (i == k || !same_members(g, v[i].g))
                continue;
            listed++;
            strbuf_addf(&sb, "%s'%s'", listed == 1 ? "" : listed == ntwins ? " and " : ", ",
                        v[i].g->name);
        }
        if (shown < ntwins)
            strbuf_addf(&sb, " and %zu more", ntwins - shown);
        strbuf_addstr(&sb, ": make them one group named after what it contains");
    } else {
        strbuf_addstr(&sb, "rename it after what it contains");
    }
    if (s && !home && !clash)
        strbuf_addf(&sb, ", e.g. '%s'", s);
    strbuf_addstr(&sb, ", and keep the reason for each rule in the rule's description");
    return strbuf_detach(&sb);
}

/* Do v[a] and v[b] belong to one run (see rename_fix)? */
static int same_run(const struct misnamed *v, size_t a, size_t b)
{
    if (v[a].suggestion && v[b].suggestion)
        return strcmp(v[a].suggestion, v[b].suggestion) == 0;
    return !v[a].suggestion && !v[b].suggestion && same_members(v[a].g, v[b].g);
}

void lint_find_rule_named_groups(struct lint_ctx *c)
{
    const struct model *m = c->m;
    struct misnamed *v = NULL;
    struct homes h;
    size_t n = 0, alloc = 0, i, lo, hi;

    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        char *why = NULL;
        if (!g->declared || !lint_wants(c, CK_RULE_NAMED_GROUP, g) ||
            !name_is_rule_named(c, g, g->name, &why))
            continue;
        XGROW(v, alloc, n + 1);
        v[n].g = g;
        v[n].why = why;
        v[n].suggestion = name_suggest(c, g);
        n++;
    }
    if (n == 0)
        return;
    homes_init(&h, c);
    xqsort(v, n, sizeof(*v), cmp_misnamed);
    for (lo = 0; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && same_run(v, lo, hi); hi++)
            ;
        for (i = lo; i < hi; i++)
            lint_add(c, CK_RULE_NAMED_GROUP, v[i].g, NULL, NULL, &v[i].g->loc,
                     rename_fix(&h, v, lo, hi, i),
                     "group '%s' is named after its rules, not its members: %s",
                     v[i].g->name, v[i].why);
    }
    for (i = 0; i < n; i++) {
        free(v[i].why);
        free(v[i].suggestion);
    }
    free(v);
    homes_free(&h);
}

/* ==== Documentation ==== */

/* Is d a placeholder a tool wrote instead of a description? */
static const char *description_placeholder(const struct group *g, const char *d)
{
    const char *p;
    while (isspace((unsigned char)*d))
        d++;
    if (ci_equal(d, "Managed by Terraform"))
        return "the Terraform default";
    if (ci_prefix(d, "launch-wizard-")) {
        p = d + strlen("launch-wizard-");
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p))
                p++;
            if (ci_prefix(p, " created"))
                return "the EC2 launch wizard's";
        }
    }
    if (ci_equal(d, g->name) || ci_equal(d, g->id))
        return "the group's name";
    return NULL;
}

void lint_find_group_description(struct lint_ctx *c, const struct group *g)
{
    const char *kind;

    if (!g->declared || g->is_default || strcmp(g->name, "default") == 0)
        return;
    if (str_blank(g->description)) {
        lint_add(c, CK_GROUP_DESCRIPTION, g, NULL, NULL, &g->loc, NULL,
                 "group '%s' has no description", g->name);
        return;
    }
    kind = description_placeholder(g, g->description);
    if (kind)
        lint_add(c, CK_GROUP_DESCRIPTION, g, NULL, NULL, &g->loc, NULL,
                 "group '%s' has no real description ('%s' is %s)", g->name,
                 g->description, kind);
}

void lint_find_rule_description(struct lint_ctx *c, const struct rule *r)
{
    char *what;

    if (r->flags & (RULE_IMPLICIT | RULE_DEFAULT_EGRESS) || lint_group_is_default(r->group) ||
        !str_blank(r->description) || !lint_wants(c, CK_RULE_DESCRIPTION, r->group))
        return;
    what = lint_rule_phrase(c, r);
    lint_add(c, CK_RULE_DESCRIPTION, r->group, r, NULL, lint_rule_loc(r), NULL,
             "%s in group '%s' has no description", what, r->group->name);
    free(what);
}

