/*
 * xalloc.h - allocation that never returns NULL.
 *
 * Running out of memory is a system failure (exit status 4); call sites do
 * not check for NULL.
 */
#ifndef SGMAP_XALLOC_H
#define SGMAP_XALLOC_H

#include <stddef.h>

/* Write "sgmap: error: out of memory" to standard error with write(2) and
 * _exit with status 4: no allocation, no formatting, no atexit handler.
 * size is what could not be allocated (for a debugger). */
_Noreturn void xalloc_failed(size_t size);

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow *ptr (an array of elem-sized items with *alloc slots) to hold need items. */
void xgrow(void **ptr, size_t *alloc, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A malloc'd string built like printf. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Large blocks (XALLOC_HUGE_MIN bytes or more): memory mapped for each
 * alone, a multiple of XALLOC_HUGE, in transparent huge pages where the
 * system gives them (madvise mode), so that filling 2 MiB costs one page
 * fault instead of 512, and that it goes back to the system when freed.
 * huge_alloc() returns size zeroed bytes, or NULL when memory runs out;
 * *mapped is what huge_free() needs (0 for a smaller block, calloc'd).
 */
#define XALLOC_HUGE ((size_t)2 << 20)
#define XALLOC_HUGE_MIN (XALLOC_HUGE - 256)
void *huge_alloc(size_t size, size_t *mapped);
void huge_free(void *p, size_t mapped);

/* qsort that accepts an empty (possibly NULL) array. */
void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#define XGROW(arr, alloc, need) xgrow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

#endif
