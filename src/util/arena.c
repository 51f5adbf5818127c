/*
 * arena.c - the bump allocator of arena.h.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    size_t mapped; /* huge_alloc()'s, for huge_free() */
    alignas(max_align_t) unsigned char data[];
};

/* A block of size bytes of data, or NULL: a large one in huge pages. */
static struct arena_block *block_new(size_t size)
{
    size_t total = sizeof(struct arena_block) + size, mapped = 0;
    struct arena_block *b = total >= XALLOC_HUGE_MIN ? huge_alloc(total, &mapped) : malloc(total);

    if (b) {
        b->size = size;
        b->mapped = mapped;
    }
    return b;
}

#define ARENA_ALIGN (alignof(max_align_t))

void *arena_try_alloc(struct arena *a, size_t n)
{
    struct arena_block *b = a->head, *nb;
    size_t size;

    if (n > SIZE_MAX - ARENA_ALIGN - sizeof(*b))
        return NULL;
    n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (b && b->size - b->used >= n) {
        b->used += n;
        return b->data + b->used - n;
    }
    if (!a->next_size)
        a->next_size = ARENA_FIRST_BLOCK;
    size = n > a->next_size ? n : a->next_size;
    if (!(nb = block_new(size)))
        return NULL;
    nb->used = n;
    a->total += size;
    if (b && size > a->next_size) {
        /* An oversized object gets its own block, behind the current one,
         * which keeps filling. */
        nb->next = b->next;
        b->next = nb;
        return nb->data;
    }
    if (a->next_size < ARENA_MAX_BLOCK)
        a->next_size = a->next_size * 2 < ARENA_MAX_BLOCK ? a->next_size * 2 : ARENA_MAX_BLOCK;
    nb->next = b;
    a->head = nb;
    return nb->data;
}

void *arena_alloc_raw(struct arena *a, size_t n)
{
    void *p = arena_try_alloc(a, n);
    if (!p)
        xalloc_failed(n);
    return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
    return memset(arena_alloc_raw(a, n), 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *copy = arena_alloc_raw(a, n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

void arena_expect(struct arena *a, size_t bytes)
{
    /* A block in huge pages faults once; a malloc'd one once per page. */
    if (bytes >= ARENA_MAX_BLOCK / 8)
        a->next_size = ARENA_MAX_BLOCK;
}

void arena_release(struct arena *a)
{
    struct arena_block *b, *next;

    for (b = a->head; b; b = next) {
        next = b->next;
        huge_free(b, b->mapped);
    }
    a->head = NULL;
    a->next_size = 0;
    a->total = 0;
}
