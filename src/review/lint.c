/*
 * lint.c - the checks of "sgmap lint" (see lint.h): naming, documentation,
 * exposure as AWS Security Hub defines it, and consistency of rules.
 *
 * One static function per check, one table row per check id. Every check
 * reads a finished model only; findings go through lint_add(), which applies
 * the enabled set and the per-group "sgmap:lint-ignore" tag, and lint_run()
 * sorts them at the end so that output is stable.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "lint.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* ==== The check table ==== */

/* Table indices; the order of lint_checks[] below. */
enum {
    CK_RULE_NAMED_GROUP,
    CK_GROUP_DESCRIPTION,
    CK_RULE_DESCRIPTION,
    CK_OPEN_ADMIN_PORT,
    CK_OPEN_RISKY_PORT,
    CK_OPEN_PORT,
    CK_DEFAULT_GROUP_RULES,
    CK_UNUSED_GROUP,
    CK_STALE_REFERENCE,
    CK_MISSING_GROUP,
    CK_INTERFACE_GROUP_QUOTA,
    CK_INTERFACE_GROUP_LIMIT,
    CK_RULE_QUOTA,
    CK_DUPLICATE_RULE,
    CK_COVERED_RULE,
    CK_HALF_OPEN_PATH,
    CK_BAD_LINT_IGNORE,
    CK_COUNT
};

/*
 * security_severity follows the Security Hub rating of the check's controls
 * on code scanning's scale (above 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9
 * medium): EC2.19 is Critical; EC2.13/14/53/54 High, and first among the
 * High ones; EC2.18 and EC2.2 High; EC2.22 Medium. Checks without a control
 * have none, and code scanning ranks them by level.
 */
static const struct lint_check lint_checks[CK_COUNT] = {
    {"rule-named-group", LINT_WARNING, NULL,
     "a group named after its rules (allow-, ports, protocols) instead of its members",
     "rename the group after what it contains and put the reason for each rule in the "
     "rule's description",
     1, NULL},
    {"group-description", LINT_WARNING, NULL,
     "a group without a real description (empty, \"Managed by Terraform\", launch-wizard)",
     "describe what the group contains", 1, NULL},
    {"rule-description", LINT_WARNING, NULL, "a rule without a description",
     "say in the rule's description why the traffic is allowed", 1, NULL},
    {"open-admin-port", LINT_ERROR, "EC2.13, EC2.14, EC2.53, EC2.54",
     "ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389)",
     "allow only known addresses, or reach the hosts through Session Manager or a bastion",
     1, "8.0"},
    {"open-risky-port", LINT_ERROR, "EC2.19",
     "ingress from 0.0.0.0/0 or ::/0 to a high-risk port (databases, FTP, SMB, ...)",
     "allow only the clients that need the service, by group or known addresses", 1,
     "9.5"},
    {"open-port", LINT_WARNING, "EC2.18",
     "ingress from 0.0.0.0/0 or ::/0 to a port other than TCP 80 and 443",
     "allow only known clients, or put the service behind a load balancer on 80/443 "
     "(opt out with the sgmap:lint-ignore tag if it is meant to be public)",
     1, "7.0"},
    {"default-group-rules", LINT_ERROR, "EC2.2", "a VPC default group with any rule",
     "remove every rule from the default group and give resources their own groups", 1,
     "7.0"},
    {"unused-group", LINT_WARNING, "EC2.22",
     "a group no network interface is in (checked only when the input has interfaces)",
     "delete the group, or add the members it was made for", 1, "5.0"},
    {"stale-reference", LINT_WARNING, NULL,
     "a rule that refers to a deleted or stale group",
     "delete the rule, or point it at the group that replaced the deleted one", 1, NULL},
    {"missing-group", LINT_NOTE, NULL, "a rule that refers to a group not in the input",
     "add that group's account or VPC to the input, or check that the group still exists",
     1, NULL},
    {"interface-group-quota", LINT_WARNING, NULL,
     "an interface in 6 to 16 groups, over the default quota of 5",
     "merge groups that serve one purpose, or raise the quota on purpose", 1, NULL},
    {"interface-group-limit", LINT_ERROR, NULL,
     "an interface in more than 16 groups, which AWS cannot attach",
     "merge groups that serve one purpose until the interface is in at most 16", 1, NULL},
    {"rule-quota", LINT_WARNING, NULL,
     "a group with more than 60 rules in one direction for IPv4 or IPv6, prefix lists "
     "counted by weight",
     "split the group by purpose, or use a prefix list or group reference instead of "
     "many CIDRs",
     1, NULL},
    {"duplicate-rule", LINT_WARNING, NULL,
     "a rule equal to another rule of the same group (direction, ports and peer)",
     "delete one of the two rules and keep the better description", 1, NULL},
    {"covered-rule", LINT_NOTE, NULL,
     "a rule whose traffic a wider rule of the same group already allows",
     "delete the narrower rule, or narrow the wider one", 1, NULL},
    {"half-open-path", LINT_WARNING, NULL,
     "a flow one group allows that the other group's custom rules do not (ingress "
     "without the peer's egress, or egress without the peer's ingress)",
     "add the matching rule on the other group, or remove this one", 1, NULL},
    {"bad-lint-ignore", LINT_WARNING, NULL,
     "an sgmap:lint-ignore tag that names an unknown check",
     "use check ids from 'sgmap lint --list-checks', separated by commas or spaces", 1,
     NULL},
};

const char *lint_severity_name(enum lint_severity sev)
{
    switch (sev) {
    case LINT_NOTE: return "note";
    case LINT_WARNING: return "warning";
    case LINT_ERROR: return "error";
    }
    return "note";
}

int lint_severity_parse(const char *name, enum lint_severity *out)
{
    if (strcmp(name, "note") == 0)
        *out = LINT_NOTE;
    else if (strcmp(name, "warning") == 0)
        *out = LINT_WARNING;
    else if (strcmp(name, "error") == 0)
        *out = LINT_ERROR;
    else
        return -1;
    return 0;
}

size_t lint_check_count(void)
{
    return CK_COUNT;
}

const struct lint_check *lint_check_at(size_t i)
{
    return i < CK_COUNT ? &lint_checks[i] : NULL;
}

int lint_option_check_id(const char *id)
{
    int i;
    for (i = 0; i < CK_COUNT; i++)
        if (strcmp(lint_checks[i].id, id) == 0)
            return i;
    return -1;
}

void lint_options_init(struct lint_options *o)
{
    size_t i;
    memset(o, 0, sizeof(*o));
    for (i = 0; i < CK_COUNT; i++)
        o->enabled[i] = (unsigned char)lint_checks[i].enabled_by_default;
    o->fail_on = LINT_WARNING;
}

/* Is c a separator in an id list ("a,b c")? */
static int list_sep(int c)
{
    return c == ',' || isspace((unsigned char)c);
}

/*
 * Set set[id] = on for each check id in list ("all" = every check). Returns
 * 0, or -1 with *bad set to the first unknown id (malloc'd) when bad is not
 * NULL; ids before it have been applied.
 */
static int list_apply(const char *list, unsigned char *set, int on, char **bad)
{
    const char *p = list;

    while (*p) {
        const char *start;
        size_t n;
        char *id;
        int k;

        while (*p && list_sep(*p))
            p++;
        start = p;
        while (*p && !list_sep(*p))
            p++;
        n = (size_t)(p - start);
        if (n == 0)
            continue;
        id = xstrndup(start, n);
        k = lint_option_check_id(id);
        if (strcmp(id, "all") == 0) {
            for (k = 0; k < CK_COUNT; k++)
                set[k] = (unsigned char)on;
        } else if (k >= 0) {
            set[k] = (unsigned char)on;
        } else {
            if (bad)
                *bad = id;
            else
                free(id);
            return -1;
        }
        free(id);
    }
    return 0;
}

int lint_options_toggle(struct lint_options *o, const char *list, int on, char **bad)
{
    if (bad)
        *bad = NULL;
    return list_apply(list, o->enabled, on, bad);
}

/* ==== Context and findings ==== */

struct lint_ctx {
    const struct model *m;
    const struct lint_options *o;
    struct lint_finding *f;
    size_t nf, falloc;
    size_t *rfirst;         /* by group index: first rule in m->rules */
    size_t *rcount;         /* by group index: number of rules */
    unsigned char *ignore;  /* by group index * CK_COUNT: 1 = opted out */
    unsigned *stamp;        /* by group index: scratch for half-open */
    unsigned char *cache;   /* by group index: scratch for half-open */
    unsigned stamp_now;
};

/* Does group g opt out of check ck? */
static int lint_ignored(const struct lint_ctx *c, const struct group *g, int ck)
{
    return g && c->ignore[g->index * CK_COUNT + (size_t)ck];
}

/* Would a finding of check ck on group g (may be NULL) be kept? */
static int lint_wants(const struct lint_ctx *c, int ck, const struct group *g)
{
    return c->o->enabled[ck] && !lint_ignored(c, g, ck);
}

/*
 * Record a finding of check ck. fix is malloc'd and taken over (NULL: the
 * table's fix). The message is built like printf. Dropped when the check is
 * disabled or the group (or any group of the interface) opts out.
 */
static void lint_add(struct lint_ctx *c, int ck, const struct group *g, const struct rule *r,
                     const struct iface *ifc, const struct srcloc *loc, char *fix,
                     const char *fmt, ...) __attribute__((format(printf, 8, 9)));

static void lint_add(struct lint_ctx *c, int ck, const struct group *g, const struct rule *r,
                     const struct iface *ifc, const struct srcloc *loc, char *fix,
                     const char *fmt, ...)
{
    struct lint_finding *f;
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    size_t i;

    if (!lint_wants(c, ck, g))
        goto dropped;
    for (i = 0; ifc && i < ifc->ngroups; i++)
        if (lint_ignored(c, ifc->groups[i], ck))
            goto dropped;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    XGROW(c->f, c->falloc, c->nf + 1);
    f = &c->f[c->nf++];
    f->id = lint_checks[ck].id;
    f->sev = lint_checks[ck].sev;
    f->message = strbuf_detach(&sb);
    f->fix = fix ? fix : xstrdup(lint_checks[ck].fix);
    f->group = g;
    f->rule = r;
    f->iface = ifc;
    f->loc = *loc;
    return;
dropped:
    free(fix);
}

/* Where a finding about rule r points: the rule, else its group. */
static const struct srcloc *rule_loc(const struct rule *r)
{
    return r->loc.file ? &r->loc : &r->group->loc;
}

/* Where a finding about group g points: its definition, else its first
 * rule (a group the input only refers to has no place of its own). */
static const struct srcloc *group_loc(const struct lint_ctx *c, const struct group *g)
{
    if (g->loc.file || c->rcount[g->index] == 0)
        return &g->loc;
    return rule_loc(c->m->rules[c->rfirst[g->index]]);
}

/* The display name of a rule's peer (a group's name, else the peer id). */
static const char *peer_text(const struct lint_ctx *c, const struct rule *r)
{
    if (r->peer_type == PEER_GROUP) {
        const struct group *g = model_find_group(c->m, r->peer);
        if (g)
            return g->name;
    }
    return r->peer;
}

/* "ingress tcp/22 from 0.0.0.0/0" or "egress all to 'web'" (malloc'd). */
static char *rule_phrase(const struct lint_ctx *c, const struct rule *r)
{
    char label[PORTS_LABEL_MAX];
    int quoted = r->peer_type == PEER_GROUP || r->peer_type == PEER_EXTERNAL_GROUP;

    ports_label(&r->ports, label);
    return xasprintf("%s %s %s %s%s%s", direction_name(r->dir), label,
                     r->dir == DIR_INGRESS ? "from" : "to", quoted ? "'" : "",
                     peer_text(c, r), quoted ? "'" : "");
}

/* Are a and b the same place in the input? */
static int srcloc_same(const struct srcloc *a, const struct srcloc *b)
{
    return a->line == b->line && a->col == b->col &&
           (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0)) &&
           (a->path == b->path || (a->path && b->path && strcmp(a->path, b->path) == 0));
}

/* " at FILE:LINE:COL" for rule r, or "" when it has no line (malloc'd). */
static char *rule_where(const struct rule *r)
{
    const struct srcloc *l = rule_loc(r);
    if (!l->file || l->line <= 0)
        return xstrdup("");
    return xasprintf(" at %s:%d:%d", l->file, l->line, l->col);
}

/* ==== Text helpers ==== */

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

/* ==== Groups and members ==== */

/*
 * Is g its VPC's default group? The importer marks it, even when the input
 * only refers to it (a template's Vpc.DefaultSecurityGroup gets rules from
 * standalone rule resources); a design file can only name it "default".
 */
static int group_is_default(const struct group *g)
{
    return g->is_default || (g->declared && strcmp(g->name, "default") == 0);
}

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

/* Well-known ports written with two digits; other two-digit numbers in a
 * name are counters ("web-10"), not ports. */
static const int two_digit_ports[] = {20, 21, 22, 23, 25, 53, 67, 68, 69, 80, 88};

/*
 * Is the word a port number: 2 to 5 digits, no leading zero, at most 65535,
 * and when it has two digits, a well-known port standing on its own (a
 * number glued to letters, as in "route53" or "x86", is part of a name)?
 */
static int name_word_is_port(const char *w, size_t len, int glued)
{
    char digits[6];
    long v;
    size_t i;

    if (len < 2 || len > 5 || w[0] == '0')
        return 0;
    for (i = 0; i < len; i++)
        if (!isdigit((unsigned char)w[i]))
            return 0;
    memcpy(digits, w, len);
    digits[len] = '\0';
    v = strtol(digits, NULL, 10);
    if (v > 65535)
        return 0;
    if (len > 2)
        return 1;
    for (i = 0; i < sizeof(two_digit_ports) / sizeof(two_digit_ports[0]); i++)
        if (v == two_digit_ports[i])
            return !glued;
    return 0;
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
 * Is name about rules rather than members? Returns 1 with why (malloc'd),
 * e.g. "it starts with 'allow-'", or 0. The rule of the AWS input reference
 * section 8, with words split at case changes and between letters and
 * digits too (CloudFormation logical ids like AllowSSHSecurityGroup): a
 * leading naming verb (see naming_verbs), or a word that is a protocol or a
 * port number (see name_word_is_port).
 */
static int name_is_rule_named(const char *name, char **why)
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
        if (name_word_is_port(w, len, glued)) {
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
        if (name_is_rule_named(full, NULL) && kind) {
            free(full);
            full = vpc ? name_with_vpc(kind, vpc) : xstrdup(kind);
        }
        free(base);
    }
    if (full && (name_is_rule_named(full, NULL) || strcmp(full, g->name) == 0)) {
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

static void homes_init(struct homes *h, const struct model *m)
{
    size_t i, alloc = 0;

    memset(h, 0, sizeof(*h));
    h->by_name = strmap_new();
    h->by_members = strmap_new();
    for (i = m->ngroups; i-- > 0;) { /* the first group wins */
        const struct group *g = m->groups[i];
        strmap_put(h->by_name, g->name, m->groups[i]);
        if (!g->declared || g->nmembers == 0 || group_is_default(g) ||
            name_is_rule_named(g->name, NULL))
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

static void check_rule_named_groups(struct lint_ctx *c)
{
    const struct model *m = c->m;
    struct misnamed *v = NULL;
    struct homes h;
    size_t n = 0, alloc = 0, i, lo, hi;

    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        char *why = NULL;
        if (!g->declared || !lint_wants(c, CK_RULE_NAMED_GROUP, g) ||
            !name_is_rule_named(g->name, &why))
            continue;
        XGROW(v, alloc, n + 1);
        v[n].g = g;
        v[n].why = why;
        v[n].suggestion = name_suggest(c, g);
        n++;
    }
    if (n == 0)
        return;
    homes_init(&h, m);
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

static void check_group_description(struct lint_ctx *c, const struct group *g)
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

static void check_rule_description(struct lint_ctx *c, const struct rule *r)
{
    char *what;

    if (r->flags & (RULE_IMPLICIT | RULE_DEFAULT_EGRESS) || group_is_default(r->group) ||
        !str_blank(r->description) || !lint_wants(c, CK_RULE_DESCRIPTION, r->group))
        return;
    what = rule_phrase(c, r);
    lint_add(c, CK_RULE_DESCRIPTION, r->group, r, NULL, rule_loc(r), NULL,
             "%s in group '%s' has no description", what, r->group->name);
    free(what);
}

/* ==== Exposure (Security Hub) ==== */

/* EC2.19's high-risk ports. */
static const int risky_ports[] = {20,   21,   22,   23,   25,   110,  135,  143,
                                  445,  1433, 1434, 3000, 3306, 3389, 4333, 5000,
                                  5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300};
#define NRISKY (sizeof(risky_ports) / sizeof(risky_ports[0]))

static void check_exposure(struct lint_ctx *c, const struct rule *r)
{
    struct strbuf controls = STRBUF_INIT, ports = STRBUF_INIT;
    int lo, hi, v4, tcp_like, ssh, rdp, authorized, other, nrisky = 0;
    size_t i;
    char *what;
    const struct group *g = r->group;

    if (r->dir != DIR_INGRESS || r->peer_type != PEER_CIDR || !peer_is_internet(r->peer))
        return;
    if (r->ports.proto == PROTO_ALL) {
        lo = 0;
        hi = 65535;
    } else if (r->ports.proto == PROTO_TCP || r->ports.proto == PROTO_UDP) {
        lo = r->ports.from;
        hi = r->ports.to;
    } else {
        return; /* icmp and port-less protocols: no port to expose */
    }
    v4 = strchr(r->peer, ':') == NULL;
    tcp_like = r->ports.proto != PROTO_UDP;
    ssh = lo <= 22 && 22 <= hi;
    rdp = lo <= 3389 && 3389 <= hi;
    /* Ports in [lo, hi] that EC2.18 does not authorize: its Config rule
     * allows TCP 80 and 443 by default, and no UDP port. */
    authorized = tcp_like ? (lo <= 80 && 80 <= hi) + (lo <= 443 && 443 <= hi) : 0;
    other = hi - lo + 1 > authorized;
    for (i = 0; i < NRISKY; i++) {
        if (lo <= risky_ports[i] && risky_ports[i] <= hi) {
            if (nrisky < 3)
                strbuf_addf(&ports, "%s%d", nrisky ? ", " : "", risky_ports[i]);
            nrisky++;
        }
    }
    if (nrisky > 3)
        strbuf_addf(&ports, " and %d more", nrisky - 3);
    if (v4 && tcp_like && ssh)
        strbuf_addstr(&controls, ", EC2.13");
    if (v4 && tcp_like && rdp)
        strbuf_addstr(&controls, ", EC2.14");
    if (other)
        strbuf_addstr(&controls, ", EC2.18");
    if (nrisky)
        strbuf_addstr(&controls, ", EC2.19");
    if ((ssh || rdp) && v4)
        strbuf_addstr(&controls, ", EC2.53");
    if ((ssh || rdp) && !v4)
        strbuf_addstr(&controls, ", EC2.54");

    what = rule_phrase(c, r);
    /* One finding per rule: the most specific check that is wanted. */
    if ((ssh || rdp) && lint_wants(c, CK_OPEN_ADMIN_PORT, g))
        lint_add(c, CK_OPEN_ADMIN_PORT, g, r, NULL, rule_loc(r), NULL,
                 "%s in group '%s' opens remote administration (%s) to the internet "
                 "(Security Hub %s)",
                 what, g->name, ssh && rdp ? "SSH 22 and RDP 3389" : ssh ? "SSH 22" : "RDP 3389",
                 controls.buf + 2);
    else if (nrisky && lint_wants(c, CK_OPEN_RISKY_PORT, g))
        lint_add(c, CK_OPEN_RISKY_PORT, g, r, NULL, rule_loc(r), NULL,
                 "%s in group '%s' opens high-risk port%s %s to the internet (Security Hub %s)",
                 what, g->name, nrisky > 1 ? "s" : "", ports.buf, controls.buf + 2);
    else if (other)
        lint_add(c, CK_OPEN_PORT, g, r, NULL, rule_loc(r), NULL,
                 "%s in group '%s' is open to the internet on a port other than TCP 80 and 443 "
                 "(Security Hub %s)",
                 what, g->name, controls.buf + 2);
    free(what);
    strbuf_release(&controls);
    strbuf_release(&ports);
}

static void check_default_group_rules(struct lint_ctx *c, const struct group *g)
{
    size_t n = c->rcount[g->index];

    if (!group_is_default(g) || n == 0)
        return;
    lint_add(c, CK_DEFAULT_GROUP_RULES, g, NULL, NULL, group_loc(c, g), NULL,
             "default group '%s'%s%s has %zu rule%s; the default group should have none "
             "(Security Hub EC2.2)",
             g->name, g->vpc ? " of " : "", g->vpc ? g->vpc : "", n, n == 1 ? "" : "s");
}

/* Does the input say which interfaces are in g's VPC? */
static int vpc_has_interfaces(const struct model *m, const struct group *g)
{
    size_t i;
    for (i = 0; i < m->nifaces; i++) {
        const char *v = m->ifaces[i]->vpc;
        if (!v || !g->vpc || strcmp(v, g->vpc) == 0)
            return 1;
    }
    return 0;
}

static void check_unused_group(struct lint_ctx *c, const struct group *g)
{
    if (!g->declared || group_is_default(g) || g->nmembers > 0 ||
        !lint_wants(c, CK_UNUSED_GROUP, g) || !vpc_has_interfaces(c->m, g))
        return;
    lint_add(c, CK_UNUSED_GROUP, g, NULL, NULL, &g->loc, NULL,
             "group '%s' is used by no network interface (Security Hub EC2.22)", g->name);
}

/* ==== Consistency ==== */

static void check_references(struct lint_ctx *c, const struct rule *r)
{
    char *what;

    if (!(r->flags & RULE_STALE) && r->peer_type != PEER_EXTERNAL_GROUP)
        return;
    what = rule_phrase(c, r);
    if (r->flags & RULE_STALE)
        lint_add(c, CK_STALE_REFERENCE, r->group, r, NULL, rule_loc(r), NULL,
                 "%s in group '%s' refers to a deleted or stale group", what, r->group->name);
    else
        lint_add(c, CK_MISSING_GROUP, r->group, r, NULL, rule_loc(r), NULL,
                 "%s in group '%s' refers to a group that is not in the input", what,
                 r->group->name);
    free(what);
}

#define DEFAULT_GROUPS_PER_IFACE 5

/* Interfaces over the default quota, and over the limit AWS cannot raise
 * (the model lets them through for lint: see lint_main). One finding per
 * place in the input (a design file's count makes copies). */
static void check_interface_group_quota(struct lint_ctx *c)
{
    const struct model *m = c->m;
    struct strmap *seen = strmap_new();
    size_t *first = NULL, *copies = NULL, n = 0, alloc1 = 0, alloc2 = 0, alloc3 = 0, i;
    char **keys = NULL;

    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        const struct srcloc *l = &ifc->loc;
        char *key;
        uintptr_t k;

        if (ifc->ngroups <= DEFAULT_GROUPS_PER_IFACE)
            continue;
        key = xasprintf("%s:%d:%d:%s:%zu", l->file ? l->file : "", l->line, l->col,
                        l->path ? l->path : "", ifc->ngroups);
        /* Only a line:col place can make copies; a JSON path is unique. */
        k = l->file && l->line > 0 ? (uintptr_t)strmap_get(seen, key) : 0;
        if (k) {
            copies[k - 1]++;
            free(key);
            continue;
        }
        XGROW(first, alloc1, n + 1);
        XGROW(copies, alloc2, n + 1);
        XGROW(keys, alloc3, n + 1);
        first[n] = i;
        copies[n] = 0;
        keys[n] = key;
        n++;
        strmap_put(seen, key, (void *)(uintptr_t)n);
    }
    for (i = 0; i < n; i++) {
        const struct iface *ifc = m->ifaces[first[i]];
        char *more = copies[i] ? xasprintf(" (and %zu more interface%s from the same place)",
                                           copies[i], copies[i] == 1 ? "" : "s")
                               : xstrdup("");
        int over = ifc->ngroups > MODEL_MAX_GROUPS_PER_IFACE;
        lint_add(c, over ? CK_INTERFACE_GROUP_LIMIT : CK_INTERFACE_GROUP_QUOTA, NULL, NULL,
                 ifc, &ifc->loc, NULL, "interface '%s' is in %zu groups, over the %s of %d per "
                 "interface%s",
                 ifc->id, ifc->ngroups, over ? "limit" : "default quota",
                 over ? MODEL_MAX_GROUPS_PER_IFACE : DEFAULT_GROUPS_PER_IFACE, more);
        free(more);
    }
    strmap_free(seen);
    for (i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    free(first);
    free(copies);
}

#define RULES_PER_DIRECTION 60

/*
 * The quota weight of a prefix list (AWS input reference sections 4 and 5):
 * the size the input recorded (a customer-managed list's MaxEntries), else
 * an AWS-managed list's weight by its name, else 1.
 */
static size_t prefix_list_weight(const struct model *m, const char *id)
{
    unsigned long size = model_prefix_list_size(m, id);
    const char *name = model_name_of(m, id);

    if (size)
        return size;
    if (!name || strncmp(name, "com.amazonaws.", 14) != 0)
        return 1;
    if (strstr(name, "cloudfront.origin-facing"))
        return 55;
    if (strstr(name, "vpc-lattice"))
        return 10;
    if (strstr(name, "groundstation"))
        return 5;
    return 1;
}

static void check_rule_quota(struct lint_ctx *c, const struct group *g)
{
    size_t count[2][2] = {{0, 0}, {0, 0}}; /* [direction][0 = IPv4, 1 = IPv6] */
    size_t i, first = c->rfirst[g->index], n = c->rcount[g->index];
    int d, fam;

    for (i = first; i < first + n; i++) {
        const struct rule *r = c->m->rules[i];
        size_t w = 1;
        if (r->peer_type == PEER_CIDR) {
            count[r->dir][strchr(r->peer, ':') ? 1 : 0]++;
            continue;
        }
        if (r->peer_type == PEER_PREFIX_LIST)
            w = prefix_list_weight(c->m, r->peer);
        /* Group references and prefix lists count for both families. */
        count[r->dir][0] += w;
        count[r->dir][1] += w;
    }
    for (d = 0; d < 2; d++) {
        for (fam = 0; fam < 2; fam++) {
            if (count[d][fam] <= RULES_PER_DIRECTION)
                continue;
            lint_add(c, CK_RULE_QUOTA, g, NULL, NULL, &g->loc, NULL,
                     "group '%s' has %zu %s rules for %s (prefix lists counted by weight), "
                     "over the default quota of %d",
                     g->name, count[d][fam], direction_name((enum direction)d),
                     fam ? "IPv6" : "IPv4", RULES_PER_DIRECTION);
        }
    }
}

/* Does w's peer include every address r's peer names? */
static int peer_covers(const struct rule *w, const struct rule *r)
{
    struct cidr a, b;
    if (strcmp(w->peer, r->peer) == 0)
        return 1;
    if (w->peer_type != PEER_CIDR || r->peer_type != PEER_CIDR)
        return 0;
    return cidr_parse(w->peer, &a) == 0 && cidr_parse(r->peer, &b) == 0 &&
           cidr_contains(&a, &b);
}

static int same_rule(const struct rule *a, const struct rule *b)
{
    return a->dir == b->dir && strcmp(a->peer, b->peer) == 0 &&
           ports_compare(&a->ports, &b->ports) == 0;
}

/* Above this many rules in one direction, only rules with the same peer
 * are compared (keeps hostile inputs linear-ish). */
#define COVER_PAIRS_MAX 4096

static void check_overlap(struct lint_ctx *c, const struct group *g)
{
    size_t first = c->rfirst[g->index], n = c->rcount[g->index], i, j, lo, hi;
    struct rule **rules = c->m->rules;

    if (!lint_wants(c, CK_DUPLICATE_RULE, g) && !lint_wants(c, CK_COVERED_RULE, g))
        return;
    for (lo = first; lo < first + n; lo = hi) {
        /* [lo, hi) is one direction of g. */
        for (hi = lo; hi < first + n && rules[hi]->dir == rules[lo]->dir; hi++)
            ;
        for (i = lo; i < hi; i++) {
            const struct rule *r = rules[i];
            const struct rule *wider = NULL;
            char *what, *where, *other;

            if (r->flags & (RULE_IMPLICIT | RULE_CONDITIONAL))
                continue;
            /* Equal rules are adjacent (sorted by peer, then ports). */
            for (j = i; j > lo && same_rule(rules[j - 1], r); j--)
                ;
            if (j < i && !(rules[j]->flags & (RULE_IMPLICIT | RULE_CONDITIONAL))) {
                what = rule_phrase(c, r);
                where = rule_where(rules[j]);
                if (*where && srcloc_same(rule_loc(rules[j]), rule_loc(r)))
                    /* One place made both: "ports: [tcp/443, tcp/443]". */
                    lint_add(c, CK_DUPLICATE_RULE, g, r, NULL, rule_loc(r),
                             xstrdup("delete one of the two labels"),
                             "%s in group '%s' duplicates itself: the same label is listed "
                             "twice",
                             what, g->name);
                else
                    lint_add(c, CK_DUPLICATE_RULE, g, r, NULL, rule_loc(r), NULL,
                             "%s in group '%s' duplicates %s%s", what, g->name,
                             *where ? "the rule" : "another rule of the group", where);
                free(what);
                free(where);
                continue;
            }
            for (j = lo; j < hi && !wider; j++) {
                const struct rule *w = rules[j];
                if (w == r || (w->flags & RULE_CONDITIONAL) || same_rule(w, r))
                    continue;
                if (hi - lo > COVER_PAIRS_MAX && strcmp(w->peer, r->peer) != 0)
                    continue;
                if (ports_covers(&w->ports, &r->ports) && peer_covers(w, r))
                    wider = w;
            }
            if (!wider)
                continue;
            what = rule_phrase(c, r);
            other = rule_phrase(c, wider);
            where = rule_where(wider);
            lint_add(c, CK_COVERED_RULE, g, r, NULL, rule_loc(r), NULL,
                     "%s in group '%s' is covered by the wider rule %s%s", what, g->name,
                     other, where);
            free(what);
            free(other);
            free(where);
        }
    }
}

/* ==== Half-open paths ==== */

/* Is every member of x also a member of y (x has at least one)? */
static int members_subset(const struct group *x, const struct group *y)
{
    size_t i = 0, j = 0;
    if (x->nmembers == 0)
        return 0;
    while (i < x->nmembers && j < y->nmembers) {
        int cmp = strcmp(x->members[i]->id, y->members[j]->id);
        if (cmp == 0) {
            i++;
            j++;
        } else if (cmp > 0) {
            j++;
        } else {
            return 0;
        }
    }
    return i == x->nmembers;
}

/* Are all private addresses of x's members in cidr (x has some)? */
static int members_in_cidr(const struct group *x, const char *cidr)
{
    struct cidr net, host;
    size_t i, j;

    if (x->nmembers == 0 || cidr_parse(cidr, &net) < 0)
        return 0;
    for (i = 0; i < x->nmembers; i++) {
        const struct iface *ifc = x->members[i];
        if (ifc->naddresses == 0)
            return 0;
        for (j = 0; j < ifc->naddresses; j++)
            if (cidr_parse(ifc->addresses[j], &host) < 0 || !cidr_contains(&net, &host))
                return 0;
    }
    return 1;
}

/* Does some rule of g in direction dir allow ports p to or from group x? */
static int group_allows(const struct lint_ctx *c, const struct group *g, enum direction dir,
                        const struct group *x, const struct portspec *p)
{
    size_t i, first = c->rfirst[g->index], n = c->rcount[g->index];

    if (!g->declared)
        return 1; /* its rules are not in the input: assume the best */
    for (i = first; i < first + n; i++) {
        const struct rule *e = c->m->rules[i];
        const struct group *peer;
        const char *name;

        if (e->dir != dir || !ports_covers(&e->ports, p))
            continue;
        switch (e->peer_type) {
        case PEER_GROUP:
            if (strcmp(e->peer, x->id) == 0)
                return 1;
            peer = model_find_group(c->m, e->peer);
            if (peer && members_subset(x, peer))
                return 1;
            break;
        case PEER_CIDR:
            if (peer_is_internet(e->peer) || members_in_cidr(x, e->peer))
                return 1;
            break;
        case PEER_PREFIX_LIST:
            /* A customer list may hold the VPC; AWS-managed ones do not. */
            name = model_name_of(c->m, e->peer);
            if (!name || strncmp(name, "com.amazonaws.", 14) != 0)
                return 1;
            break;
        case PEER_PARAM:
        case PEER_IMPORT:
        case PEER_EXPRESSION:
            return 1; /* unknown until deployed */
        case PEER_EXTERNAL_GROUP:
            break;
        }
    }
    return 0;
}

/*
 * Does the side of group b allow the flow? Its members' rules are the union
 * of all their groups', so every member must be allowed by some group.
 */
static int side_allows(struct lint_ctx *c, const struct group *b, enum direction dir,
                       const struct group *x, const struct portspec *p)
{
    size_t i, j;

    if (group_allows(c, b, dir, x, p))
        return 1;
    if (b->nmembers == 0)
        return 0;
    c->stamp_now++;
    for (i = 0; i < b->nmembers; i++) {
        const struct iface *ifc = b->members[i];
        int ok = 0;
        for (j = 0; j < ifc->ngroups && !ok; j++) {
            const struct group *g = ifc->groups[j];
            if (g == b)
                continue;
            if (c->stamp[g->index] != c->stamp_now) {
                c->stamp[g->index] = c->stamp_now;
                c->cache[g->index] = (unsigned char)group_allows(c, g, dir, x, p);
            }
            ok = c->cache[g->index];
        }
        if (!ok)
            return 0;
    }
    return 1;
}

static void check_half_open(struct lint_ctx *c, const struct rule *r)
{
    const struct group *a = r->group, *b;
    char label[PORTS_LABEL_MAX];
    char *what, *fix;
    enum direction back;

    if (r->peer_type != PEER_GROUP || (r->flags & (RULE_CONDITIONAL | RULE_STALE)) ||
        !lint_wants(c, CK_HALF_OPEN_PATH, a))
        return;
    b = model_find_group(c->m, r->peer);
    if (!b || !b->declared)
        return;
    back = r->dir == DIR_INGRESS ? DIR_EGRESS : DIR_INGRESS;
    if (side_allows(c, b, back, a, &r->ports))
        return;
    ports_label(&r->ports, label);
    what = rule_phrase(c, r);
    if (r->dir == DIR_INGRESS)
        fix = xasprintf("add egress %s to '%s' in group '%s', or remove this rule", label,
                        a->name, b->name);
    else
        fix = xasprintf("add ingress %s from '%s' in group '%s', or remove this rule", label,
                        a->name, b->name);
    lint_add(c, CK_HALF_OPEN_PATH, a, r, NULL, rule_loc(r), fix,
             "%s in group '%s' is half-open: the %s rules of '%s' do not allow %s %s '%s'",
             what, a->name, direction_name(back), b->name, label,
             back == DIR_EGRESS ? "to" : "from", a->name);
    free(what);
}

/* ==== Opt-out tags ==== */

static void read_ignore_tags(struct lint_ctx *c)
{
    size_t i, t;

    for (i = 0; i < c->m->ngroups; i++) {
        const struct group *g = c->m->groups[i];
        unsigned char *set = c->ignore + g->index * CK_COUNT;
        for (t = 0; t < g->ntags; t++) {
            const char *p = g->tags[t].value;
            if (strcmp(g->tags[t].key, LINT_IGNORE_TAG) != 0)
                continue;
            /* Each id on its own, so that one unknown id does not stop the rest. */
            while (*p) {
                const char *start;
                char *id;
                while (*p && list_sep(*p))
                    p++;
                start = p;
                while (*p && !list_sep(*p))
                    p++;
                if (p == start)
                    continue;
                id = xstrndup(start, (size_t)(p - start));
                if (list_apply(id, set, 1, NULL) < 0)
                    lint_add(c, CK_BAD_LINT_IGNORE, g, NULL, NULL, &g->loc, NULL,
                             "group '%s' has tag %s naming the unknown check '%s'", g->name,
                             LINT_IGNORE_TAG, id);
                free(id);
            }
        }
    }
}

/* ==== Running ==== */

/* Compare two strings, digit runs by value ("a[2]" < "a[10]"). */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            size_t la, lb;
            int cmp;
            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            for (la = 0; isdigit((unsigned char)a[la]); la++)
                ;
            for (lb = 0; isdigit((unsigned char)b[lb]); lb++)
                ;
            if (la != lb)
                return la < lb ? -1 : 1;
            cmp = strncmp(a, b, la);
            if (cmp)
                return cmp;
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

static int cmp_opt(const char *a, const char *b, int natural)
{
    if (a == b)
        return 0;
    if (!a)
        return -1;
    if (!b)
        return 1;
    return natural ? natural_cmp(a, b) : strcmp(a, b);
}

static int cmp_finding(const void *pa, const void *pb)
{
    const struct lint_finding *a = pa, *b = pb;
    int c;

    if ((c = cmp_opt(a->loc.file, b->loc.file, 0)) != 0)
        return c;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    if ((c = cmp_opt(a->loc.path, b->loc.path, 1)) != 0)
        return c;
    if ((c = strcmp(a->id, b->id)) != 0)
        return c;
    return strcmp(a->message, b->message);
}

struct lint_result *lint_run(const struct model *m, const struct lint_options *o)
{
    struct lint_ctx c;
    struct lint_result *res;
    size_t i, n = m->ngroups ? m->ngroups : 1;

    memset(&c, 0, sizeof(c));
    c.m = m;
    c.o = o;
    c.rfirst = xcalloc(n, sizeof(*c.rfirst));
    c.rcount = xcalloc(n, sizeof(*c.rcount));
    c.ignore = xcalloc(n * CK_COUNT, 1);
    c.stamp = xcalloc(n, sizeof(*c.stamp));
    c.cache = xcalloc(n, 1);
    /* Rules are sorted by group id, as groups are: each group's are a run. */
    for (i = 0; i < m->nrules; i++) {
        const struct group *g = m->rules[i]->group;
        if (c.rcount[g->index]++ == 0)
            c.rfirst[g->index] = i;
    }
    read_ignore_tags(&c);
    check_rule_named_groups(&c);

    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        check_group_description(&c, g);
        check_default_group_rules(&c, g);
        check_unused_group(&c, g);
        check_rule_quota(&c, g);
        check_overlap(&c, g);
    }
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        check_rule_description(&c, r);
        check_exposure(&c, r);
        check_references(&c, r);
        check_half_open(&c, r);
    }
    check_interface_group_quota(&c);

    xqsort(c.f, c.nf, sizeof(*c.f), cmp_finding);
    res = xcalloc(1, sizeof(*res));
    res->findings = c.f;
    res->nfindings = c.nf;
    res->fail_on = o->fail_on;
    for (i = 0; i < c.nf; i++)
        res->counts[c.f[i].sev]++;
    free(c.rfirst);
    free(c.rcount);
    free(c.ignore);
    free(c.stamp);
    free(c.cache);
    return res;
}

int lint_result_fails(const struct lint_result *r)
{
    int s;
    for (s = (int)r->fail_on; s <= (int)LINT_ERROR; s++)
        if (r->counts[s])
            return 1;
    return 0;
}

void lint_result_free(struct lint_result *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->nfindings; i++) {
        free(r->findings[i].message);
        free(r->findings[i].fix);
    }
    free(r->findings);
    free(r);
}
