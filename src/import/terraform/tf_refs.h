/*
 * tf_refs.h - references from one resource to others (tf_refs.c): the ids
 * an attribute names, known values first, then, in a plan, the
 * configuration's expressions; and the warnings when some resolve to nothing.
 */
#ifndef SGMAP_TF_REFS_H
#define SGMAP_TF_REFS_H

#include "tf_config.h"
#include "tf_lookups.h"

/* What a reference is resolved against. */
struct target {
    const struct tf_index *ix;  /* addresses the configuration refers to */
    const struct strmap *alias; /* a value -> the id it stands for, or NULL */
    const char *noun;           /* "group", for messages */
};

/* One id a resource names, with where it was named. */
struct ref {
    const char *id;
    struct srcloc loc;
    int conditional; /* one of several the plan cannot choose between */
};

/* The unknown values of an attribute that resolved to less than expected. */
struct lost {
    const char *attr;  /* NULL when nothing was lost */
    struct srcloc at;
    size_t expected;   /* unknown values; 0: how many is unknown too */
    size_t found;      /* ids their expression refers to */
    enum tf_cfg cfg;
    const char *other; /* references that named nothing, ", "-joined, or NULL */
};

struct idlist {
    struct ref *v;
    size_t n, alloc;
    const struct target *t;
    struct lost lost; /* the first attribute that lost values */
    int null;         /* a single id was set to null */
    struct srcloc null_at;
};

/* What reading an attribute's values found besides known ids. */
struct attr_read {
    size_t unknown;   /* values unknown until apply: null list elements, an absent id */
    int whole;        /* the whole value is unknown, and so how many it holds */
    struct srcloc at; /* the first of them */
};

/* An inline ingress/egress block, for tf_config_block_refs(). */
struct block_query {
    const char *block;
    const char *protocol;
    long from, to;
};

void tf_idlist_add(struct tf_ctx *c, struct idlist *l, const char *id, const struct srcloc *loc);
void tf_idlist_release(struct idlist *l);
/* Read attribute attr (a dotted path through nested blocks) of obj. */
void tf_walk_values(struct tf_ctx *c, const json_t *obj, const char *attr, struct idlist *l,
                    struct attr_read *ar, int depth);
const char *tf_plural(size_t n);
/*
 * In a plan, the values of attr unknown until apply (ar) are what its
 * configuration expression refers to (within inline block q when not NULL).
 */
void tf_resolve_unknown(struct tf_ctx *c, const struct tf_res *r, const char *attr,
                        const struct block_query *q, const struct attr_read *ar, struct idlist *l);
/* The ids attribute attr of r names: its known values, and in a plan the
 * targets of its expression for the values unknown until apply. */
void tf_collect(struct tf_ctx *c, const struct tf_res *r, const char *attr, struct idlist *l);
/* The groups attribute attr of r names; by_name: written as group names. */
void tf_collect_groups(struct tf_ctx *c, const struct tf_res *r, const char *attr, int by_name,
                       struct idlist *l);
/*
 * Say that l lost values, and what follows (e.g. "the rule is not drawn").
 * unset_too: a value the configuration does not set is lost too (an
 * attribute that must be set); else it just holds nothing.
 */
void tf_warn_lost(const struct tf_res *r, const struct idlist *l, int unset_too,
                  const char *follows);

#endif
