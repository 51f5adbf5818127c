/*
 * lint_internal.h - what the files of "sgmap lint" share (src/review only):
 * the check indices, the state of one run, lint_add(), the helpers that say
 * where a finding points and how a rule reads in a message, and the checks
 * each file gives lint_run().
 *
 *   lint.c           the check table, options, findings, opt-out tags, the run
 *   lint_naming.c    the naming engine (groups named after their rules, the
 *                    names their members suggest) and the documentation checks
 *   lint_exposure.c  exposure as AWS Security Hub defines it
 *   lint_rules.c     consistency of rules: references, quotas, duplicate and
 *                    covered rules, half-open paths
 *   lint_reach.c     what the reachability engine says: exposed interfaces,
 *                    rules that never carry traffic
 *   lint_report.c    the findings as text, JSON and SARIF
 */
#ifndef SGMAP_LINT_INTERNAL_H
#define SGMAP_LINT_INTERNAL_H

#include <stddef.h>

#include "lint.h"
#include "model.h"

/* Table indices; the order of the check table in lint.c. */
enum {
    CK_RULE_NAMED_GROUP,
    CK_GROUP_DESCRIPTION,
    CK_RULE_DESCRIPTION,
    CK_OPEN_ADMIN_PORT,
    CK_OPEN_RISKY_PORT,
    CK_OPEN_PORT,
    CK_EXPOSED_INTERFACE,
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
    CK_HALF_OPEN_RULE,
    CK_BAD_LINT_IGNORE,
    CK_COUNT
};

/* One run of lint_run(). */
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
    unsigned char *dead;    /* by rule index: never carries traffic (lint_reach.c), or NULL */
};

/* ==== Findings (lint.c) ==== */

/* Would a finding of check ck on group g (may be NULL) be kept? */
int lint_wants(const struct lint_ctx *c, int ck, const struct group *g);
/*
 * Record a finding of check ck. fix is malloc'd and taken over (NULL: the
 * table's fix). The message is built like printf. Dropped when the check is
 * disabled or the group (or any group of the interface) opts out.
 */
void lint_add(struct lint_ctx *c, int ck, const struct group *g, const struct rule *r,
              const struct iface *ifc, const struct srcloc *loc, char *fix, const char *fmt,
              ...) __attribute__((format(printf, 8, 9)));
/* Where a finding about rule r points: the rule, else its group. */
const struct srcloc *lint_rule_loc(const struct rule *r);
/* Where a finding about group g points: its definition, else its first
 * rule (a group the input only refers to has no place of its own). */
const struct srcloc *lint_group_loc(const struct lint_ctx *c, const struct group *g);
/* "ingress tcp/22 from 0.0.0.0/0" or "egress all to 'web'" (malloc'd). */
char *lint_rule_phrase(const struct lint_ctx *c, const struct rule *r);
/*
 * Is g its VPC's default group? The importer marks it, even when the input
 * only refers to it (a template's Vpc.DefaultSecurityGroup gets rules from
 * standalone rule resources); a design file can only name it "default".
 */
int lint_group_is_default(const struct group *g);

/* ==== The checks ==== */

/* lint_naming.c */
void lint_find_rule_named_groups(struct lint_ctx *c);
void lint_find_group_description(struct lint_ctx *c, const struct group *g);
void lint_find_rule_description(struct lint_ctx *c, const struct rule *r);
/* lint_exposure.c */
void lint_find_exposure(struct lint_ctx *c, const struct rule *r);
void lint_find_default_group_rules(struct lint_ctx *c, const struct group *g);
void lint_find_unused_group(struct lint_ctx *c, const struct group *g);
/* EC2.19's high-risk ports, in order. */
size_t lint_risky_port_count(void);
int lint_risky_port(size_t i);
/* lint_rules.c */
void lint_find_references(struct lint_ctx *c, const struct rule *r);
void lint_find_interface_group_quota(struct lint_ctx *c);
void lint_find_rule_quota(struct lint_ctx *c, const struct group *g);
void lint_find_overlap(struct lint_ctx *c, const struct group *g);
void lint_find_half_open(struct lint_ctx *c, const struct rule *r);
/* lint_reach.c: lint_find_reach() runs the engine once for each check (it
 * reports exposed interfaces and fills c->dead); lint_find_half_open_rule()
 * reports r when it never carries traffic (half-open-path calls it for the
 * rules whose peer group's rules seem to allow them). */
void lint_find_reach(struct lint_ctx *c);
void lint_find_half_open_rule(struct lint_ctx *c, const struct rule *r);
/* "add egress tcp/80 to 'a' in group 'b', or remove this rule" (malloc'd):
 * the fix of a rule r whose peer group b does not match it. */
char *lint_half_open_fix(const struct rule *r, const struct group *b);

#endif
