/*
 * theme.c - parsing theme files and the themes built into the binary
 * (the .theme files in templates/, turned into C strings by the Makefile as themes.inc).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strbuf.h"
#include "theme.h"
#include "xalloc.h"

struct theme_entry {
    char *key;
    char *value;
};

static const struct {
    const char *name;
    const char *text;
} builtin_themes[] = {
#include "themes.inc"
};

#define NBUILTIN (sizeof(builtin_themes) / sizeof(builtin_themes[0]))

static const char *builtin_text(const char *name);

const char *theme_builtin_list(void)
{
    return "default, mono";
}

int theme_name_is_valid(const char *name)
{
    size_t n = strlen(name);
    return !name[0] ? 0 : strchr(name, '/') || (n > 6 && strcmp(name + n - 6, ".theme") == 0) ||
                              builtin_text(name) != NULL;
}

static const char *builtin_text(const char *name)
{
    size_t i;
    for (i = 0; i < NBUILTIN; i++)
        if (strcmp(builtin_themes[i].name, name) == 0)
            return builtin_themes[i].text;
    return NULL;
}

static char *trim(char *s)
{
    char *end;
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = '\0';
    return s;
}

/* Is key one of the default theme's keys? */
static int known_key(const struct theme *defaults, const char *key)
{
    size_t i;
    for (i = 0; i < defaults->nentries; i++)
        if (strcmp(defaults->entries[i].key, key) == 0)
            return 1;
    return 0;
}

/* A value is written into DOT attributes: allow only harmless characters. */
static int safe_value(const char *v)
{
    for (; *v; v++)
        if (!(( *v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9') ||
              strchr("#.,-_ ", *v)))
            return 0;
    return 1;
}

static int theme_parse(struct theme *t, const struct theme *defaults, const char *file,
                       const char *text)
{
    char *copy = xstrdup(text), *line, *next;
    int lineno = 0, rc = 0;

    for (line = copy; line && rc == 0; line = next) {
        char *eq, *key, *value;
        struct srcloc loc = {file, ++lineno, 1, NULL};
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line = trim(line);
        if (!*line || *line == '#')
            continue;
        eq = strchr(line, '=');
        if (!eq) {
            diag_error(&loc, "expected 'key = value', got '%s'", line);
            rc = -1;
            break;
        }
        *eq = '\0';
        key = trim(line);
        value = trim(eq + 1);
        if (defaults && !known_key(defaults, key)) {
            diag_error(&loc, "unknown theme key '%s'", key);
            rc = -1;
            break;
        }
        if (!safe_value(value)) {
            diag_error(&loc, "invalid value for '%s': only letters, digits, '#', '.', ',', "
                             "'-' and '_' are allowed", key);
            rc = -1;
            break;
        }
        t->entries = xrealloc(t->entries, (t->nentries + 1) * sizeof(*t->entries));
        t->entries[t->nentries].key = xstrdup(key);
        t->entries[t->nentries].value = xstrdup(value);
        t->nentries++;
    }
    free(copy);
    return rc;
}

static void theme_fill_palette(struct theme *t)
{
    const char *p = theme_get(t, "palette");
    static char buf[THEME_MAX_PALETTE * 16];
    char *s, *tok;
    size_t n = 0;

    snprintf(buf, sizeof(buf), "%s", p ? p : "#000000");
    for (s = buf; *s && n < THEME_MAX_PALETTE;) {
        while (*s == ' ')
            *s++ = '\0';
        tok = s;
        while (*s && *s != ' ')
            s++;
        if (*tok)
            t->palette[n++] = tok;
    }
    if (n == 0)
        t->palette[n++] = "#000000";
    t->npalette = n;
}

int theme_load(struct theme *t, const char *name)
{
    struct theme defaults = {0};
    const char *text;
    int rc;

    memset(t, 0, sizeof(*t));
    theme_parse(t, NULL, "default.theme", builtin_text("default"));
    if (!name || strcmp(name, "default") == 0) {
        theme_fill_palette(t);
        return 0;
    }
    theme_parse(&defaults, NULL, "default.theme", builtin_text("default"));
    text = builtin_text(name);
    if (text && !strchr(name, '/')) {
        rc = theme_parse(t, &defaults, name, text);
    } else if (strchr(name, '/') || strstr(name, ".theme")) {
        FILE *fp = fopen(name, "r");
        struct strbuf sb = STRBUF_INIT;
        char buf[4096];
        size_t n;
        if (!fp) {
            struct srcloc loc = {name, 0, 0, NULL};
            diag_error(&loc, "cannot open theme: %s", strerror(errno));
            theme_release(&defaults);
            return -1;
        }
        while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && sb.len < 1024 * 1024)
            strbuf_add(&sb, buf, n);
        fclose(fp);
        rc = theme_parse(t, &defaults, name, sb.buf);
        strbuf_release(&sb);
    } else {
        struct srcloc loc = {name, 0, 0, NULL};
        diag_error(&loc, "unknown theme (expected %s, or a theme file path)",
                   theme_builtin_list());
        rc = -1;
    }
    theme_release(&defaults);
    theme_fill_palette(t);
    return rc;
}

void theme_release(struct theme *t)
{
    size_t i;
    for (i = 0; i < t->nentries; i++) {
        free(t->entries[i].key);
        free(t->entries[i].value);
    }
    free(t->entries);
    t->entries = NULL;
    t->nentries = 0;
}

const char *theme_get(const struct theme *t, const char *key)
{
    size_t i = t->nentries;
    while (i-- > 0)
        if (strcmp(t->entries[i].key, key) == 0)
            return t->entries[i].value;
    return "";
}

const char *theme_kind_shape(const struct theme *t, enum iface_kind kind)
{
    char key[32];
    snprintf(key, sizeof(key), "kind.%s", kind_name(kind));
    return theme_get(t, key);
}

void theme_kind_size(const struct theme *t, enum iface_kind kind, double *width,
                     double *height)
{
    char key[32], *end;
    const char *v;
    double w, h;

    snprintf(key, sizeof(key), "size.%s", kind_name(kind));
    v = theme_get(t, key);
    w = strtod(v, &end);
    h = end != v ? strtod(end, &end) : 0;
    if (*end != '\0' || !(w >= 0.3 && w <= 10) || !(h >= 0.3 && h <= 10)) {
        w = 1.8;
        h = 0.8;
    }
    *width = w;
    *height = h;
}

const char *theme_note_color(const struct theme *t, enum note_level level)
{
    return theme_get(t, level == NOTE_LEVEL_ERROR     ? "lint.color"
                        : level == NOTE_LEVEL_WARNING ? "lint.warning"
                                                      : "lint.note");
}

const char *theme_color(const struct theme *t, size_t index)
{
    return t->palette[index % t->npalette];
}
