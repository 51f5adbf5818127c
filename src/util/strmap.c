/*
 * strmap.c - open-addressing hash map from strings to pointers (FNV-1a,
 * linear probing, grown at 50% load). Keys are borrowed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

struct strmap_slot {
    const char *key; /* NULL = empty */
    void *value;
    uint32_t hash;
};

struct strmap {
    struct strmap_slot *slots;
    size_t size; /* a power of two */
    size_t count;
    size_t mapped; /* huge_alloc()'s, for huge_free() */
};

/* size empty slots for map (a large table in huge pages). */
static struct strmap_slot *slots_new(struct strmap *map, size_t size)
{
    struct strmap_slot *slots = huge_alloc(size * sizeof(*slots), &map->mapped);
    if (!slots)
        xalloc_failed(size * sizeof(*slots));
    /* calloc() leaves memory fresh from the system unwritten: probing it
     * would map the zero page, and the first key put there copy it (two
     * faults and a TLB flush a page). Written now, each page faults once. */
    if (!map->mapped)
        memset(slots, 0, size * sizeof(*slots));
    return slots;
}

static uint32_t strmap_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The table size for expected keys: at most half full. */
static size_t size_for(size_t expected)
{
    size_t size = 16;
    while (size / 2 < expected && size < ((size_t)1 << 40))
        size *= 2;
    return size;
}

struct strmap *strmap_new_sized(size_t expected)
{
    struct strmap *map = xcalloc(1, sizeof(*map));
    map->size = size_for(expected);
    map->slots = slots_new(map, map->size);
    return map;
}

struct strmap *strmap_new(void)
{
    return strmap_new_sized(32);
}

void strmap_free(struct strmap *map)
{
    if (!map)
        return;
    huge_free(map->slots, map->mapped);
    free(map);
}

/* The slot of key[0..n) (which holds no NUL), or the empty slot where it would go. */
static struct strmap_slot *strmap_find(const struct strmap *map, const char *key, size_t n,
                                       uint32_t h)
{
    size_t mask = map->size - 1, i = h & mask;
    for (;;) {
        struct strmap_slot *s = &map->slots[i];
        if (!s->key || (s->hash == h && strncmp(s->key, key, n) == 0 && s->key[n] == '\0'))
            return s;
        i = (i + 1) & mask;
    }
}

void *strmap_getn(const struct strmap *map, const char *key, size_t n)
{
    struct strmap_slot *s = strmap_find(map, key, n, strmap_hash(key, n));
    return s->key ? s->value : NULL;
}

void *strmap_get(const struct strmap *map, const char *key)
{
    return strmap_getn(map, key, strlen(key));
}

/* Move every key into a table of size slots (a larger power of two). */
static void strmap_resize(struct strmap *map, size_t size)
{
    struct strmap_slot *old = map->slots;
    size_t oldsize = map->size, oldmapped = map->mapped, i;

    map->size = size;
    map->slots = slots_new(map, map->size);
    /* The keys are distinct: each goes to the first empty slot from its hash. */
    for (i = 0; i < oldsize; i++) {
        if (old[i].key) {
            size_t mask = map->size - 1, j = old[i].hash & mask;
            while (map->slots[j].key)
                j = (j + 1) & mask;
            map->slots[j] = old[i];
        }
    }
    huge_free(old, oldmapped);
}

void strmap_reserve(struct strmap *map, size_t expected)
{
    size_t size = size_for(expected);
    if (size > map->size)
        strmap_resize(map, size);
}

void strmap_put(struct strmap *map, const char *key, void *value)
{
    size_t n = strlen(key);
    uint32_t h = strmap_hash(key, n);
    struct strmap_slot *s = strmap_find(map, key, n, h);
    if (!s->key) {
        if ((map->count + 1) * 2 > map->size) {
            strmap_resize(map, map->size * 2);
            s = strmap_find(map, key, n, h);
        }
        s->key = key;
        s->hash = h;
        map->count++;
    }
    s->value = value;
}

size_t strmap_count(const struct strmap *map)
{
    return map->count;
}
