/*
 * xalloc.c - allocation wrappers that exit with status 4 when memory runs out.
 *
 * The way out allocates nothing and formats nothing: diag's messages need
 * memory (strbuf uses xalloc), so it writes a fixed message with write(2).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exit_status.h"
#include "xalloc.h"

_Noreturn void xalloc_failed(size_t size)
{
    static const char msg[] = "sgmap: error: out of memory\n";
    ssize_t written;

    (void)size; /* printing it would take formatting */
    written = write(STDERR_FILENO, msg, sizeof(msg) - 1);
    (void)written;
    _exit(EXIT_SYSTEM);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        xalloc_failed(size);
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        xalloc_failed(nmemb * size);
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        xalloc_failed(size);
    return p;
}

void xgrow(void **ptr, size_t *alloc, size_t need, size_t elem)
{
    size_t n;

    if (need <= *alloc)
        return;
    n = *alloc ? *alloc : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / elem)
            xalloc_failed(need * elem);
        n *= 2;
    }
    *ptr = xrealloc(*ptr, n * elem);
    *alloc = n;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) /* only an impossible size (over INT_MAX) or no memory */
        xalloc_failed(0);
    p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

void *huge_alloc(size_t size, size_t *mapped)
{
    size_t total, head;
    char *p, *start;

    *mapped = 0;
    if (size < XALLOC_HUGE_MIN || size > SIZE_MAX - 2 * XALLOC_HUGE)
        return calloc(1, size ? size : 1);
    /* Huge pages start on a multiple of their size: map one more and give
     * back what lies before and after the aligned part. */
    total = ((size + XALLOC_HUGE - 1) & ~(XALLOC_HUGE - 1)) + XALLOC_HUGE;
    p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return calloc(1, size);
    start = (char *)(((uintptr_t)p + XALLOC_HUGE - 1) & ~(uintptr_t)(XALLOC_HUGE - 1));
    head = (size_t)(start - p);
    *mapped = total - XALLOC_HUGE;
    if (head)
        munmap(p, head);
    munmap(start + *mapped, XALLOC_HUGE - head);
#ifdef MADV_HUGEPAGE
    madvise(start, *mapped, MADV_HUGEPAGE);
#endif
    return start;
}

void huge_free(void *p, size_t mapped)
{
    if (mapped)
        munmap(p, mapped);
    else
        free(p);
}
