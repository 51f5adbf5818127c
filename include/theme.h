/*
 * theme.h - visual themes: "key = value" files in templates/, the built-in
 * ones compiled into the binary. A theme sets any subset of the keys of
 * templates/default.theme; the rest keep the default's values.
 */
#ifndef SGMAP_THEME_H
#define SGMAP_THEME_H

#include <stddef.h>

#include "marks.h"
#include "model.h"

#define THEME_MAX_PALETTE 32

struct theme {
    struct theme_entry *entries; /* key/value pairs, later ones win */
    size_t nentries;
    const char *palette[THEME_MAX_PALETTE];
    size_t npalette;
};

/*
 * Load the theme called name (a built-in: "default", "mono") or, when name
 * contains a '/' or ends in ".theme", the theme file at that path. Returns
 * 0, or -1 after reporting an input error.
 */
int theme_load(struct theme *t, const char *name);
void theme_release(struct theme *t);
/* The value of key (never NULL for keys of the default theme). */
const char *theme_get(const struct theme *t, const char *key);
/* The shape for an interface kind. */
const char *theme_kind_shape(const struct theme *t, enum iface_kind kind);
/* The one size of an interface node of a kind, in inches: the theme's
 * "size.KIND = WIDTH HEIGHT" (a value that is no such pair: 1.8 by 0.8). */
void theme_kind_size(const struct theme *t, enum iface_kind kind, double *width,
                     double *height);
/* The colour of notes of a level (render --lint: a finding's severity):
 * lint.color for errors, lint.warning, lint.note. */
const char *theme_note_color(const struct theme *t, enum note_level level);
/* A palette colour (index taken modulo the palette's size). */
const char *theme_color(const struct theme *t, size_t index);
/* Is name a built-in theme or a theme file path (contains '/' or ends in
 * ".theme")? Used to report a mistyped name as a usage error. */
int theme_name_is_valid(const char *name);
/* Names of the built-in themes, joined with ", ". */
const char *theme_builtin_list(void);

#endif
