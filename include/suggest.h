/*
 * suggest.h - "did you mean": the known word closest to an unknown one, by
 * edit distance, for every message about an unknown option, verb, format,
 * design-file key or group name.
 *
 * Usage: struct suggest s; suggest_init(&s, word); suggest_consider(&s, c)
 * for each known word c; then suggest_best(&s) is the closest one that is
 * close enough, or NULL. Ties go to the word considered first, so the
 * answer is deterministic when the candidates come in a fixed order.
 * Messages end with SUGGEST_FMT, filled by SUGGEST_ARGS(best), which
 * writes "; did you mean 'BEST'?", or nothing when best is NULL.
 */
#ifndef SGMAP_SUGGEST_H
#define SGMAP_SUGGEST_H

#include <stddef.h>

/* Words longer than this get no suggestion (input text is hostile). */
#define SUGGEST_MAX_LEN 128

struct suggest {
    const char *word; /* the unknown word (borrowed) */
    size_t len;       /* its length */
    size_t limit;     /* the largest distance worth suggesting */
    const char *best; /* the closest candidate so far (borrowed), or NULL */
    size_t dist;      /* its distance */
};

void suggest_init(struct suggest *s, const char *word);
/* Consider one known word; NULL and the unknown word itself are ignored. */
void suggest_consider(struct suggest *s, const char *candidate);
/* The closest known word within the limit, or NULL. */
const char *suggest_best(const struct suggest *s);
/* The closest of candidates[0..n-1] to word, or NULL. */
const char *suggest_from(const char *word, const char *const *candidates, size_t n);

/*
 * The edit distance from a to b (insertions, deletions, substitutions and
 * swaps of two neighbours each cost 1; letters compared without case), or
 * a number above max once it is certain to exceed max.
 */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t max);

#define SUGGEST_FMT "%s%s%s%s"
#define SUGGEST_ARGS(best) SUGGEST_ARGS_PREFIXED("", best)
/* The same with prefix before best ("--" before an option's name). */
#define SUGGEST_ARGS_PREFIXED(prefix, best)                                              \
    (best) ? "; did you mean '" : "", (best) ? (prefix) : "", (best) ? (best) : "",      \
        (best) ? "'?" : ""

#endif
