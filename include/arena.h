/*
 * arena.h - a bump allocator: many small objects freed all at once.
 *
 * The model keeps every string and object in one; the AWS importer parses
 * large JSON trees into one. Memory from arena_alloc() is zeroed (use
 * arena_alloc_raw() when the caller fills it anyway) and aligned for any
 * type. Blocks grow from ARENA_FIRST_BLOCK doubling up to ARENA_MAX_BLOCK,
 * so a small input costs little and a large one few malloc calls; an object
 * larger than a block gets a block of its own. Blocks of 2 MiB and more
 * are huge_alloc()'d (xalloc.h): a large model fills huge pages.
 */
#ifndef SGMAP_ARENA_H
#define SGMAP_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* the block being filled, then older ones */
    size_t next_size;         /* size of the next block */
    size_t total;             /* bytes obtained from malloc */
};

#define ARENA_INIT {NULL, 0, 0}
#define ARENA_FIRST_BLOCK (16u << 10)
/* With a block's header, just under 2 MiB: one huge page (XALLOC_HUGE_MIN). */
#define ARENA_MAX_BLOCK ((2u << 20) - 128)

/* n zeroed bytes; exits on out-of-memory like xmalloc(). */
void *arena_alloc(struct arena *a, size_t n);
/* n bytes, not zeroed. */
void *arena_alloc_raw(struct arena *a, size_t n);
/* The same, but NULL on out-of-memory (for allocators handed to libraries
 * that report failure themselves, such as jansson). */
void *arena_try_alloc(struct arena *a, size_t n);
/* A copy of s[0..n) with a NUL after it. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* About bytes more will be allocated: when that is much, the next blocks
 * are ARENA_MAX_BLOCK, so that a large input skips the small first blocks,
 * whose pages each fault on their own. */
void arena_expect(struct arena *a, size_t bytes);
/* Free every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

#endif
