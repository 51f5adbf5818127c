/*
 * arena.c - the bump allocator of arena.h.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_POPULATE */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "xalloc.h"

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    int mapped; /* from block_new()'s mmap, else malloc */
    alignas(max_align_t) unsigned char data[];
};

/* Blocks this large are mapped with their pages populated at once: a
 * bump allocator touches every page of its blocks, and taking them in one
 * call costs far less than one page fault each. */
#define ARENA_MAP_MIN (256u << 10)

static struct arena_block *block_new(size_t size)
{
    struct arena_block *b;
    size_t total = sizeof(*b) + size;

    if (total >= ARENA_MAP_MIN) {
        void *p = mmap(NULL, total, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p != MAP_FAILED) {
            b = p;
            b->mapped = 1;
            return b;
        }
    }
    b = malloc(total);
    if (b)
        b->mapped = 0;
    return b;
}

static void block_free(struct arena_block *b)
{
    if (b->mapped)
        munmap(b, sizeof(*b) + b->size);
    else
        free(b);
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
    nb = block_new(size);
    if (!nb)
        return NULL;
    nb->size = size;
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
        a->next_size *= 2;
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

void arena_release(struct arena *a)
{
    struct arena_block *b, *next;

    for (b = a->head; b; b = next) {
        next = b->next;
        block_free(b);
    }
    a->head = NULL;
    a->next_size = 0;
    a->total = 0;
}
