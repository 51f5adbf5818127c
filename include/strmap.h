/*
 * strmap.h - a hash map from NUL-terminated strings to pointers.
 *
 * Keys are borrowed: the caller keeps them alive as long as the map (the
 * model keeps them in its string store). Lookups and inserts are O(1) on
 * average, so importers stay linear on region-sized accounts.
 */
#ifndef SGMAP_STRMAP_H
#define SGMAP_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
/* A map sized for about expected keys, so that filling it never rehashes. */
struct strmap *strmap_new_sized(size_t expected);
void strmap_free(struct strmap *map);
/* Make room for about expected keys in all, so that adding them never rehashes. */
void strmap_reserve(struct strmap *map, size_t expected);
/* The value for key, or NULL. */
void *strmap_get(const struct strmap *map, const char *key);
/* The value for the key key[0..n) (not NUL-terminated, no NUL in it), or NULL. */
void *strmap_getn(const struct strmap *map, const char *key, size_t n);
/* Set key to value (replacing any earlier value). */
void strmap_put(struct strmap *map, const char *key, void *value);
size_t strmap_count(const struct strmap *map);

#endif
