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

/* Words longer than this get no suggestion, and are never suggested
 * (input text is hostile). */
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
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen,
                        size_t max);

/*
 * The end of a message: "; did you mean 'PREFIXBEST'?", or "" when best is
 * NULL. A suggestion is never longer than SUGGEST_MAX_LEN, so it fits.
 */
struct suggest_text {
    char text[SUGGEST_MAX_LEN + 32];
};
struct suggest_text suggest_text(const char *prefix, const char *best);

/* For a format: "... '%s'" SUGGEST_FMT, ..., SUGGEST_ARGS(best). Each
 * evaluates best once. */
#define SUGGEST_FMT "%s"
#define SUGGEST_ARGS(best) suggest_text("", (best)).text
#define SUGGEST_ARGS_PREFIXED(prefix, best) suggest_text((prefix), (best)).text

#endif
