/*
 * import.c - the importer registry and the import session: reading inputs
 * (files, directories, standard input), their encoding (UTF-8, UTF-16),
 * detecting their format from content, and handing each to its importer.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "importer.h"
#include "model.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * The registry: one row per importer. Its order breaks ties in detection
 * (an AWS response before a Terraform state before a template before a
 * design file) and is the order of the finishes.
 */
static const struct importer *const importers[] = {
    &importer_aws,
    &importer_terraform,
    &importer_terraform_source,
    &importer_cloudformation,
    &importer_design,
};

#define NIMPORTERS (sizeof(importers) / sizeof(importers[0]))

/* enum input_format is 1 + the row of the importer. */
static const struct importer *importer_of(enum input_format format)
{
    return format > FORMAT_AUTO && (size_t)format <= NIMPORTERS ? importers[format - 1] : NULL;
}

static size_t importer_row(const struct importer *imp)
{
    size_t i;
    for (i = 0; i < NIMPORTERS && importers[i] != imp; i++)
        ;
    return i;
}

int input_format_parse(const char *name, enum input_format *out)
{
    size_t i;
    for (i = 0; i < NIMPORTERS; i++) {
        if (strcmp(importers[i]->name, name) == 0) {
            *out = (enum input_format)(i + 1);
            return 0;
        }
    }
    return -1;
}

size_t input_format_count(void)
{
    return NIMPORTERS;
}

const char *input_format_name(enum input_format format)
{
    const struct importer *imp = importer_of(format);
    return imp ? imp->name : "auto";
}

/* The importer that claims the text most surely (the first among equals). */
static const struct importer *detect_format(const char *file, const char *data, size_t len)
{
    const struct importer *best = importers[0];
    enum import_claim best_claim = CLAIM_NONE;
    size_t i;

    for (i = 0; i < NIMPORTERS; i++) {
        enum import_claim claim = importers[i]->detect(file, data, len);
        if (claim > best_claim) {
            best = importers[i];
            best_claim = claim;
        }
    }
    return best;
}

/* Does name end with one of exts? */
static int has_ext(const char *name, const char *const *exts)
{
    size_t n = strlen(name), e;
    for (; *exts; exts++) {
        e = strlen(*exts);
        if (n > e && strcmp(name + n - e, *exts) == 0)
            return 1;
    }
    return 0;
}

/* ===== Sessions ===== */

struct import_session {
    struct model *m;
    const struct importer *forced; /* NULL: detect */
    void *state[NIMPORTERS];
    void (*state_free[NIMPORTERS])(void *);
    unsigned char used[NIMPORTERS]; /* read an input: its finish runs */
    char *held; /* the input being read, when the session owns it */
    size_t held_mapped; /* 0: held is malloc'd; else huge_alloc()'s mapped */
    int in_folder; /* the input being read was found in a directory, not named */
};

/* Free the input the session holds, if any. */
static void release_held(struct import_session *s)
{
    if (s->held)
        huge_free(s->held, s->held_mapped);
    s->held = NULL;
    s->held_mapped = 0;
}

void import_session_release_input(struct import_session *s)
{
    release_held(s);
}

struct import_session *import_session_new(struct model *m, enum input_format forced)
{
    struct import_session *s = xcalloc(1, sizeof(*s));
    s->m = m;
    s->forced = importer_of(forced);
    return s;
}

void import_session_free(struct import_session *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < NIMPORTERS; i++)
        if (s->state[i] && s->state_free[i])
            s->state_free[i](s->state[i]);
    release_held(s);
    free(s);
}

int import_session_in_folder(const struct import_session *s)
{
    return s->in_folder;
}

struct model *import_session_model(const struct import_session *s)
{
    return s->m;
}

void *import_session_state(const struct import_session *s, const struct importer *imp)
{
    size_t i = importer_row(imp);
    return i < NIMPORTERS ? s->state[i] : NULL;
}

void import_session_set_state(struct import_session *s, const struct importer *imp, void *state,
                              void (*free_fn)(void *))
{
    size_t i = importer_row(imp);

    if (i >= NIMPORTERS)
        return;
    if (s->state[i] && s->state_free[i])
        s->state_free[i](s->state[i]);
    s->state[i] = state;
    s->state_free[i] = free_fn;
}

void *import_session_take_state(struct import_session *s, const struct importer *imp)
{
    size_t i = importer_row(imp);
    void *state;

    if (i >= NIMPORTERS)
        return NULL;
    state = s->state[i];
    s->state[i] = NULL;
    s->state_free[i] = NULL;
    return state;
}

int import_session_finish(struct import_session *s)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < NIMPORTERS; i++) {
        if (s->used[i] && importers[i]->finish && importers[i]->finish(s) < 0)
            rc = -1;
        s->used[i] = 0;
    }
    return rc;
}

/*
 * Transcode UTF-16 (with a byte-order mark, as Windows tools write it) to
 * UTF-8, dropping carriage returns (CRLF line ends). Returns a malloc'd,
 * NUL-terminated buffer, or NULL after an input error.
 */
static char *utf16_to_utf8(const char *file, const unsigned char *p, size_t len, int big,
                           size_t start, size_t *outlen)
{
    struct strbuf sb = STRBUF_INIT;
    struct srcloc loc = {file, 0, 0, NULL};
    size_t i;

    if (len % 2) {
        diag_error(&loc, "UTF-16 input has an odd number of bytes");
        return NULL;
    }
    for (i = start; i + 1 < len; i += 2) {
        unsigned cp = big ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i + 1] << 8 | p[i]);
        if (cp >= 0xd800 && cp <= 0xdbff) {
            unsigned lo;
            if (i + 3 >= len)
                goto bad;
            lo = big ? (unsigned)(p[i + 2] << 8 | p[i + 3]) : (unsigned)(p[i + 3] << 8 | p[i + 2]);
            if (lo < 0xdc00 || lo > 0xdfff)
                goto bad;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 2;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            goto bad;
        }
        if (cp != '\r')
            utf8_append(&sb, cp);
    }
    *outlen = sb.len;
    return strbuf_detach(&sb);
bad:
    diag_error(&loc, "invalid UTF-16 (an unpaired surrogate)");
    strbuf_release(&sb);
    return NULL;
}

/*
 * UTF-32, with a byte-order mark (FF FE 00 00, 00 00 FE FF) or without one
 * (an ASCII character and three zero bytes, either way round). Checked
 * before UTF-16, whose little-endian mark starts UTF-32's.
 */
static int is_utf32(const unsigned char *u, size_t len)
{
    if (len < 4)
        return 0;
    if ((u[0] == 0xff && u[1] == 0xfe && !u[2] && !u[3]) ||
        (!u[0] && !u[1] && u[2] == 0xfe && u[3] == 0xff))
        return 1;
    return (u[0] && !u[1] && !u[2] && !u[3]) || (!u[0] && !u[1] && !u[2] && u[3]);
}

/*
 * UTF-16: 0 when the input is not, else 1 for little-endian, 2 for
 * big-endian (3: UTF-32, which is refused); *start is where the text begins (after a byte-order mark).
 * Without a mark, JSON and YAML start with ASCII, which UTF-16 writes with
 * a zero in every other byte: two such characters in a row tell.
 */
static int utf16_kind(const char *data, size_t len, size_t *start)
{
    const unsigned char *u = (const unsigned char *)data;

    *start = 0;
    if (is_utf32(u, len))
        return 3;
    *start = 2;
    if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
        return 1;
    if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
        return 2;
    *start = 0;
    if (len >= 4 && u[0] && !u[1] && u[2] && !u[3])
        return 1;
    if (len >= 4 && !u[0] && u[1] && !u[2] && u[3])
        return 2;
    return 0;
}

static void skip_utf8_bom(const char **data, size_t *len)
{
    if (*len >= 3 && memcmp(*data, "\xef\xbb\xbf", 3) == 0) {
        *data += 3;
        *len -= 3;
    }
}

/* Refuse UTF-32 (kind 3 of utf16_kind()): 1 when refused. */
static int refuse_utf32(const char *file, int kind)
{
    struct srcloc loc = {file, 0, 0, NULL};

    if (kind != 3)
        return 0;
    diag_error(&loc, "UTF-32 input is not supported; convert it to UTF-8 "
                     "(iconv -f UTF-32 -t UTF-8)");
    return 1;
}

char *import_decode(const char *file, const char *data, size_t len, size_t *outlen)
{
    char *copy;
    size_t start;
    int kind = utf16_kind(data, len, &start);

    if (refuse_utf32(file, kind))
        return NULL;
    if (kind)
        return utf16_to_utf8(file, (const unsigned char *)data, len, kind == 2, start, outlen);
    skip_utf8_bom(&data, &len);
    copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    *outlen = len;
    return copy;
}

int import_check_counts(const struct model *m, const char *file)
{
    struct srcloc loc = {file, 0, 0, NULL};
    const char *what = NULL;
    unsigned long max = 0;

    if (m->ngroups > IMPORT_MAX_GROUPS)
        what = "security groups", max = IMPORT_MAX_GROUPS;
    else if (m->nifaces > IMPORT_MAX_IFACES)
        what = "network interfaces", max = IMPORT_MAX_IFACES;
    else if (m->nrules > IMPORT_MAX_RULES)
        what = "rules", max = IMPORT_MAX_RULES;
    if (!what)
        return 0;
    diag_error(&loc, "too many %s in the inputs (more than %lu, far beyond any AWS "
                     "account); give a part of the account",
               what, max);
    return -1;
}

/* file is already a model string. */
static int session_input(struct import_session *s, const char *file, const char *data,
                         size_t len)
{
    const struct importer *imp;
    int rc;
    size_t start;
    int kind = utf16_kind(data, len, &start);

    if (refuse_utf32(file, kind))
        return -1;
    if (kind) {
        size_t n = 0;
        char *utf8 = utf16_to_utf8(file, (const unsigned char *)data, len, kind == 2, start, &n);
        if (!utf8)
            return -1;
        /* The UTF-16 bytes are not needed any more: hold the UTF-8 instead. */
        release_held(s);
        s->held = utf8;
        return session_input(s, file, utf8, n);
    }
    skip_utf8_bom(&data, &len);
    imp = s->forced ? s->forced : detect_format(file, data, len);
    s->used[importer_row(imp)] = 1;
    rc = imp->read(s, file, data, len);
    return rc < 0 ? -1 : import_check_counts(s->m, file);
}

int import_session_input(struct import_session *s, const char *file, const char *data,
                         size_t len)
{
    int rc = session_input(s, model_strdup(s->m, file), data, len);

    release_held(s); /* a transcoded copy */
    return rc;
}

int import_input(struct model *m, const char *file, const char *data, size_t len,
                 enum input_format forced)
{
    struct import_session *s = import_session_new(m, forced);
    int rc = import_session_input(s, file, data, len);

    if (import_session_finish(s) < 0)
        rc = -1;
    import_session_free(s);
    return rc;
}

/* ===== Reading ===== */

/*
 * Read all of fp into a NUL-terminated buffer. Returns 0, or -1 with errno.
 * mapped NULL: the buffer is malloc'd; else a large one is huge_alloc()'d
 * (read into huge pages, and unmapped once parsed), *mapped its size.
 */
static int read_stream(FILE *fp, const char *name, char **out, size_t *outlen, size_t *mapped)
{
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    struct srcloc loc = {name, 0, 0, NULL};

    struct stat st;

    /* A regular file is read in one piece into a buffer of its size. */
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= INPUT_MAX_BYTES) {
        size_t size = (size_t)st.st_size, got, map = 0;
        char *data = mapped ? huge_alloc(size + 1, &map) : xmalloc(size + 1);
        if (!data)
            xalloc_failed(size + 1);
        got = fread(data, 1, size, fp);
        if (got == size && fgetc(fp) == EOF && !ferror(fp)) {
            data[size] = '\0';
            *out = data;
            *outlen = size;
            if (mapped)
                *mapped = map;
            return 0;
        }
        /* The file changed while reading: fall back to reading in chunks. */
        strbuf_add(&sb, data, got);
        huge_free(data, map);
    }
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
        if (sb.len + n > INPUT_MAX_BYTES) {
            diag_error(&loc, "input is too large (more than %u MiB)",
                       INPUT_MAX_BYTES / (1024 * 1024));
            strbuf_release(&sb);
            return -1;
        }
        strbuf_add(&sb, buf, n);
    }
    if (ferror(fp)) {
        diag_error(&loc, "cannot read: %s", strerror(errno));
        strbuf_release(&sb);
        return -1;
    }
    *outlen = sb.len;
    *out = strbuf_detach(&sb);
    return 0;
}

/* import_read(), with read_stream()'s mapped. */
static int read_path(const char *path, const char *name, char **data, size_t *len,
                     size_t *mapped)
{
    struct srcloc loc = {name, 0, 0, NULL};
    FILE *fp;
    int rc;

    if (strcmp(path, "-") == 0) {
        fp = stdin;
    } else if (!(fp = fopen(path, "rb"))) {
        diag_error(&loc, "cannot open: %s", strerror(errno));
        return -1;
    }
    rc = read_stream(fp, name, data, len, mapped);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

int import_read(const char *path, const char *name, char **data, size_t *len)
{
    return read_path(path, name, data, len, NULL);
}

int import_read_text(const char *path, const char *name, struct import_text *t)
{
    char *data;
    size_t len, start;
    int kind;

    memset(t, 0, sizeof(*t));
    if (read_path(path, name, &data, &len, &t->mapped) < 0)
        return -1;
    t->buf = data;
    t->text = data;
    t->len = len;
    kind = utf16_kind(data, len, &start);
    if (refuse_utf32(name, kind)) {
        import_text_free(t);
        return -1;
    }
    if (kind) {
        char *u = utf16_to_utf8(name, (const unsigned char *)data, len, kind == 2, start, &len);
        import_text_free(t);
        if (!u)
            return -1;
        t->buf = u;
        t->text = u;
        t->len = len;
        return 0;
    }
    skip_utf8_bom(&t->text, &t->len);
    return 0;
}

void import_text_free(struct import_text *t)
{
    huge_free(t->buf, t->mapped);
    memset(t, 0, sizeof(*t));
}

/* Inputs larger than this take a second or more: say so on a terminal. */
#define PROGRESS_BYTES (16u << 20)

static int import_file(struct import_session *s, const char *path)
{
    const char *name = model_strdup(s->m, strcmp(path, "-") == 0 ? "<stdin>" : path);
    char *data;
    size_t len, mapped = 0;
    int rc;

    if (read_path(path, name, &data, &len, &mapped) < 0)
        return -1;
    if (len > PROGRESS_BYTES)
        diag_progress("reading %s (%zu MB)", name, len >> 20);
    /* Held by the session, so that the importer can let it go as soon as
     * it has parsed it (import_session_release_input()). */
    s->held = data;
    s->held_mapped = mapped;
    rc = session_input(s, name, data, len);
    diag_progress_done();
    release_held(s);
    return rc;
}

/* The importers a directory is read for: the forced one, else all. */
static size_t dir_importers(const struct import_session *s, const struct importer **out)
{
    size_t i;

    if (s->forced) {
        out[0] = s->forced;
        return 1;
    }
    for (i = 0; i < NIMPORTERS; i++)
        out[i] = importers[i];
    return NIMPORTERS;
}

/* "*.json, *.yaml or *.tfstate": the extensions of imps, each once. */
static void ext_list(struct strbuf *sb, const struct importer *const *imps, size_t nimps)
{
    const char *seen[64];
    size_t nseen = 0, i, j, k;

    for (i = 0; i < nimps; i++)
        for (j = 0; imps[i]->exts[j]; j++) {
            for (k = 0; k < nseen && strcmp(seen[k], imps[i]->exts[j]) != 0; k++)
                ;
            if (k == nseen && nseen < sizeof(seen) / sizeof(seen[0]))
                seen[nseen++] = imps[i]->exts[j];
        }
    for (i = 0; i < nseen; i++)
        strbuf_addf(sb, "%s*%s", i == 0 ? "" : i + 1 == nseen ? " or " : ", ", seen[i]);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A directory: its files with an importer's extension, in name order, not
 * recursive. A folder importer takes the files with its extensions as one
 * unit (read_folder); every other file is one input, except that a folder
 * a folder importer detected (no --from) is that importer's alone: the
 * JSON and YAML files beside a Terraform configuration (policies,
 * templates) are not inputs.
 */
static int import_directory(struct import_session *s, const char *path)
{
    const struct importer *imps[NIMPORTERS], *folder = NULL;
    size_t nimps = dir_importers(s, imps);
    DIR *dir = opendir(path);
    struct dirent *de;
    char **names = NULL, **unit = NULL;
    size_t n = 0, alloc = 0, i, k, nunit;
    int rc = 0, wanted;
    struct srcloc loc = {model_strdup(s->m, path), 0, 0, NULL};

    if (!dir) {
        diag_error(&loc, "cannot open directory: %s", strerror(errno));
        return -1;
    }
    while ((de = readdir(dir)) != NULL) {
        struct stat st;
        char *name;
        if (de->d_name[0] == '.')
            continue;
        for (wanted = 0, k = 0; k < nimps && !wanted; k++)
            wanted = has_ext(de->d_name, imps[k]->exts);
        if (!wanted)
            continue;
        name = xasprintf("%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                         de->d_name);
        /* A FIFO or device would block or never end: only files are read. */
        if (stat(name, &st) < 0 || !S_ISREG(st.st_mode)) {
            struct srcloc at = {model_strdup(s->m, name), 0, 0, NULL};
            diag_note(&at, "skipped: not a regular file");
            free(name);
            continue;
        }
        XGROW(names, alloc, n + 1);
        names[n++] = name;
    }
    closedir(dir);
    if (n == 0) {
        struct strbuf sb = STRBUF_INIT;
        ext_list(&sb, imps, nimps);
        diag_error(&loc, "no %s files in this directory", sb.buf);
        strbuf_release(&sb);
        free(names);
        return -1;
    }
    xqsort(names, n, sizeof(*names), cmp_cstr);
    unit = xmalloc(n * sizeof(*unit));
    for (k = 0; k < nimps; k++) {
        if (!imps[k]->read_folder)
            continue;
        for (nunit = 0, i = 0; i < n; i++) {
            if (names[i] && has_ext(names[i], imps[k]->exts)) {
                unit[nunit++] = names[i];
                names[i] = NULL;
            }
        }
        if (nunit) {
            s->used[importer_row(imps[k])] = 1;
            if (imps[k]->read_folder(s, loc.file, unit, nunit) < 0)
                rc = -1;
            for (i = 0; i < nunit; i++)
                free(unit[i]);
            folder = imps[k];
        }
    }
    free(unit);
    if (folder && !s->forced) {
        for (nunit = 0, i = 0; i < n; i++) {
            nunit += names[i] != NULL;
            free(names[i]);
            names[i] = NULL;
        }
        if (nunit)
            diag_note(&loc, "read as a %s folder: its %zu other file%s not read", folder->name,
                      nunit, nunit == 1 ? " is" : "s are");
    }
    s->in_folder = 1;
    for (i = 0; i < n; i++) {
        if (names[i] && import_file(s, names[i]) < 0)
            rc = -1;
        free(names[i]);
    }
    s->in_folder = 0;
    free(names);
    return rc;
}

int import_session_path(struct import_session *s, const char *path)
{
    struct stat st;

    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return import_directory(s, path);
    return import_file(s, path);
}

int import_paths(struct model *m, char *const *paths, size_t npaths, enum input_format forced)
{
    struct import_session *s = import_session_new(m, forced);
    size_t i;
    int rc = 0;

    for (i = 0; i < npaths; i++)
        if (import_session_path(s, paths[i]) < 0)
            rc = -1;
    if (import_session_finish(s) < 0)
        rc = -1;
    import_session_free(s);
    return rc;
}
