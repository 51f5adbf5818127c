/*
 * suggest.c - the one edit-distance helper: "did you mean" for unknown
 * words (see suggest.h). The distance is the optimal string alignment
 * (Levenshtein with swaps of neighbours), computed in three rows on the
 * stack, only near the diagonal, and abandoned as soon as it cannot be
 * within the limit: a few dozen steps a candidate.
 */
#include <stdio.h>
#include <string.h>

#include "suggest.h"

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does s start with prefix, letters compared without case? */
static int starts_with(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (fold((unsigned char)*s) != fold((unsigned char)*prefix))
            return 0;
    return 1;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen,
                        size_t max)
{
    size_t rows[3][SUGGEST_MAX_LEN + 2];
    size_t *two = rows[0], *prev = rows[1], *cur = rows[2], *t;
    const size_t inf = max + 1;
    size_t i, j;

    if (alen > SUGGEST_MAX_LEN || blen > SUGGEST_MAX_LEN)
        return inf;
    if ((alen > blen ? alen - blen : blen - alen) > max)
        return inf;
    /* Only the band |i - j| <= max can hold a distance within max: each
     * row computes that band, with "too far" (inf) on both sides of it. */
    for (j = 0; j <= blen + 1; j++)
        prev[j] = two[j] = j <= max ? j : inf;
    for (i = 1; i <= alen; i++) {
        size_t lo = i > max ? i - max : 1;
        size_t hi = i + max < blen ? i + max : blen;
        size_t row_min;

        cur[lo - 1] = row_min = lo == 1 && i <= max ? i : inf;
        for (j = lo; j <= hi; j++) {
            int ai = fold((unsigned char)a[i - 1]), bj = fold((unsigned char)b[j - 1]);
            size_t d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai != bj));
            if (i > 1 && j > 1 && ai == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == bj && two[j - 2] + 1 < d)
                d = two[j - 2] + 1;
            cur[j] = d;
            if (d < row_min)
                row_min = d;
        }
        cur[hi + 1] = inf;
        if (row_min > max)
            return inf;
        t = two;
        two = prev;
        prev = cur;
        cur = t;
    }
    return prev[blen] > max ? inf : prev[blen];
}

void suggest_init(struct suggest *s, const char *word)
{
    s->word = word;
    s->len = strlen(word);
    /* One typo in a short word, two in a longer one, three in a long one;
     * never so many that most of the word would change. */
    s->limit = s->len <= 1 ? 0 : s->len <= 4 ? 1 : s->len <= 12 ? 2 : 3;
    s->best = NULL;
    s->dist = s->limit + 1;
}

void suggest_consider(struct suggest *s, const char *candidate)
{
    size_t d;

    /* Nothing beats a difference of case only (distance 0). */
    if (!candidate || s->limit == 0 || s->dist == 0 || strcmp(candidate, s->word) == 0)
        return;
    d = suggest_distance(s->word, s->len, candidate, strlen(candidate), s->dist - 1);
    /* A word cut short ("warn" for "warning") is as good as the worst typo. */
    if (d >= s->dist && s->len >= 3 && s->dist > s->limit &&
        strlen(candidate) <= SUGGEST_MAX_LEN && starts_with(candidate, s->word))
        d = s->limit;
    if (d < s->dist) {
        s->best = candidate;
        s->dist = d;
    }
}

const char *suggest_best(const struct suggest *s)
{
    return s->best;
}

const char *suggest_from(const char *word, const char *const *candidates, size_t n)
{
    struct suggest s;
    size_t i;

    suggest_init(&s, word);
    for (i = 0; i < n; i++)
        suggest_consider(&s, candidates[i]);
    return suggest_best(&s);
}

struct suggest_text suggest_text(const char *prefix, const char *best)
{
    struct suggest_text t;

    t.text[0] = '\0';
    if (best)
        snprintf(t.text, sizeof(t.text), "; did you mean '%s%s'?", prefix, best);
    return t;
}
