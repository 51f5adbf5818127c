/*
 * diff.h - sgmap diff: comparing two models, and the Markdown summary
 * that only a diff has.
 *
 * diff_build() turns an old and a new model into one finished model, the
 * union of both, left unmarked, and a side table of marks (marks.h) with
 * the change of every group, rule and interface of the union, plus the
 * exact list of membership changes that the union alone cannot tell (an
 * interface in both inputs keeps the union of its groups and is marked
 * changed).
 *
 * Identity (what makes an old and a new object "the same"):
 *   groups      the same id; else an alias given by the caller (a Terraform
 *               plan maps a prior-state id to its resource address, which is
 *               the group's id when the plan does not know the new id yet);
 *               else the same name, when at least one of the two ids is not
 *               an AWS id ("sg-..."): a plan address, a CloudFormation
 *               logical id or a design-file name, which are not stable
 *               across a replacement or a change of input family; else the
 *               same members and rules (direction, ports, peer) under
 *               another name, when exactly one unmatched group on each side
 *               has them: a probable rename (the mark's probable_rename),
 *               one change instead of a removal, an addition and every
 *               membership moved. The union
 *               keeps the new id for an alias match (the old id is being
 *               replaced), else the AWS id when either side has one (a
 *               design name is no id), else the new id.
 *   rules       (group identity, direction, ports, peer identity); a rule
 *               whose description differs is changed, so reordering rules
 *               is no change.
 *   interfaces  the same id (or alias); the membership set is compared by
 *               group identity.
 * A group whose name or description differs (both sides declared) is
 * changed, its mark keeping old_name / old_description ("" when it had none).
 */
#ifndef SGMAP_DIFF_H
#define SGMAP_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "marks.h"
#include "model.h"

struct strmap;
struct reach_changes;

/* One interface joining or leaving one group. */
struct diff_membership {
    const struct iface *iface;  /* in the union model */
    const struct group *group;  /* in the union model */
    enum change change;         /* CHANGE_ADDED: joins; CHANGE_REMOVED: leaves */
};

/* How many objects of one sort changed, by kind of change. */
struct diff_counts {
    size_t added, removed, changed;
};

struct diff {
    struct model *model;                  /* the union, finished; owned */
    struct marks *marks;                  /* the change of each of its objects; owned */
    struct diff_membership *memberships;  /* sorted by group, change, iface */
    size_t nmemberships;
    struct diff_counts groups, rules, ifaces, members;
    struct reach_changes *reach;          /* NULL, or set by the caller (reach_compare()
                                           * on OLD and NEW); owned */
};

/*
 * Compare two finished models. aliases (may be NULL) maps an old id (group
 * or interface) to another identity the new model may use for the same
 * object. Returns the diff, or NULL after reporting an error (the union
 * failed model_finish(), which should not happen for finished inputs).
 */
struct diff *diff_build(const struct model *old, const struct model *new,
                        const struct strmap *aliases);
void diff_free(struct diff *d);

/* Number of changed objects (groups, rules, memberships); 0 = no difference. */
size_t diff_count(const struct diff *d);

/* The pull-request summary in GitHub-flavoured Markdown. Returns 0, or -1
 * when writing failed. */
int emit_markdown(const struct diff *d, FILE *fp);

#endif
