/*
 * natcmp.h - natural order of names: runs of digits compare as numbers,
 * so "launch-wizard-2" sorts before "launch-wizard-10". The one helper for
 * every place that orders names for people.
 */
#ifndef SGMAP_NATCMP_H
#define SGMAP_NATCMP_H

/*
 * Compare a and b in natural order: text byte by byte, digit runs by value
 * (leading zeros ignored). Names equal in value ("a01", "a1") are ordered
 * bytewise, so the order is total. Returns <0, 0 or >0 like strcmp().
 */
int natcmp(const char *a, const char *b);

#endif
