/*
 * lint.h - reviewing groups and rules the way a security reviewer would.
 *
 * lint_run() walks a finished model (see model_finish()) and returns the
 * findings of every enabled check, sorted by file, line, column, JSON path,
 * check id and message. Each check has a stable kebab-case id, a severity
 * and a one-line fix; the table is reachable through lint_check_at() so
 * that help text, SARIF rule lists and man pages come from one place.
 *
 * A group opts out of checks with the tag "sgmap:lint-ignore" whose value
 * is a list of check ids separated by commas or spaces ("all" = every
 * check). The opt-out covers findings on the group and on its rules, and
 * findings on an interface when any of the interface's groups opts out.
 *
 * Findings point into the model (group, rule, iface): a result is valid as
 * long as the model it was computed from.
 */
#ifndef SGMAP_LINT_H
#define SGMAP_LINT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"

/* Severities, lowest first (so that "at or above" is a comparison). */
enum lint_severity {
    LINT_NOTE,
    LINT_WARNING,
    LINT_ERROR,
};

/* "note", "warning", "error". */
const char *lint_severity_name(enum lint_severity sev);
/* Parse a severity name; returns 0, or -1 when the name is not one. */
int lint_severity_parse(const char *name, enum lint_severity *out);

/* One entry of the check table. */
struct lint_check {
    const char *id;             /* stable kebab-case id, e.g. "open-admin-port" */
    enum lint_severity sev;     /* severity of its findings */
    const char *controls;       /* Security Hub controls it implements, or NULL */
    const char *what;           /* one line: what it finds */
    const char *fix;            /* one line: how to fix it in general */
    int enabled_by_default;
    const char *security_severity; /* SARIF security-severity score, or NULL */
};

/* The tag a group uses to opt out of checks. */
#define LINT_IGNORE_TAG "sgmap:lint-ignore"

/* Upper bound on the number of checks (size of the enabled set). */
#define LINT_MAX_CHECKS 32

/* The number of checks, and check i (0 <= i < count) in table order. */
size_t lint_check_count(void);
const struct lint_check *lint_check_at(size_t i);
/* The table index of a check id, or -1 when no check has that id. */
int lint_option_check_id(const char *id);

struct lint_options {
    unsigned char enabled[LINT_MAX_CHECKS]; /* by table index; 1 = run it */
    unsigned char chosen[LINT_MAX_CHECKS];  /* named by --enable or --disable: a
                                             * default that depends on the input
                                             * (exposed-interface) leaves it be */
    enum lint_severity fail_on;             /* findings at or above fail */
};

/* Every check at its default, fail on warnings and errors. */
void lint_options_init(struct lint_options *o);
/*
 * Turn on (on = 1) or off (on = 0) the checks named in list, ids separated
 * by commas or spaces; "all" names every check. Returns 0, or -1 when an id
 * is unknown: then *bad (malloc'd, the caller frees it) holds that id and
 * the options are left as far as they were changed.
 */
int lint_options_toggle(struct lint_options *o, const char *list, int on, char **bad);

struct lint_finding {
    const char *id;             /* the check id (from the table) */
    enum lint_severity sev;
    char *message;              /* one line, no final full stop (owned) */
    char *fix;                  /* one line, specific to this finding (owned) */
    const struct group *group;  /* the group it is about, or NULL */
    const struct rule *rule;    /* the rule it is about, or NULL */
    const struct iface *iface;  /* the interface it is about, or NULL */
    struct srcloc loc;          /* where to point (borrowed from the model) */
};

struct lint_result {
    struct lint_finding *findings; /* sorted, see above */
    size_t nfindings;
    size_t counts[3];              /* findings per severity, by enum lint_severity */
    enum lint_severity fail_on;    /* copied from the options */
};

/* Run the enabled checks on a finished model. Never fails (xmalloc exits). */
struct lint_result *lint_run(const struct model *m, const struct lint_options *o);
/* 1 when some finding is at or above the result's fail_on, else 0. */
int lint_result_fails(const struct lint_result *r);
void lint_result_free(struct lint_result *r);

/*
 * Writers (lint_report.c). Each writes the whole result to fp and returns 0,
 * or -1 when writing failed (the caller reports it).
 *
 * text:  one finding a line, "sgmap: FILE:LINE:COL: LEVEL: [ID] MESSAGE; FIX"
 *        (FILE: PATH: where only a JSON path is known), then a count line.
 * json:  {"sgmap": 1, "type": "lint", "findings": [...], "summary": {...}}
 * sarif: SARIF 2.1.0 with one run whose driver lists every check as a rule.
 */
int lint_write_text(const struct lint_result *r, FILE *fp);
int lint_write_json(const struct lint_result *r, FILE *fp);
int lint_write_sarif(const struct lint_result *r, FILE *fp);

#endif
