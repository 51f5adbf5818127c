/*
 * import.c - reading inputs (files, directories, standard input), detecting
 * their format from content, and dispatching to the format's importer.
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

static const struct {
    const char *name;
    enum input_format format;
} format_names[] = {
    {"design", FORMAT_DESIGN},
    {"aws", FORMAT_AWS},
    {"terraform", FORMAT_TERRAFORM},
    {"cloudformation", FORMAT_CLOUDFORMATION},
};

int input_format_parse(const char *name, enum input_format *out)
{
    size_t i;
    for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (strcmp(format_names[i].name, name) == 0) {
            *out = format_names[i].format;
            return 0;
        }
    }
    return -1;
}

const char *input_format_name(enum input_format format)
{
    size_t i;
    for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
        if (format_names[i].format == format)
            return format_names[i].name;
    return "auto";
}

/* Does a line of the text start with this key at column 1? */
static int has_top_level_key(const char *data, size_t len, const char *key)
{
    size_t klen = strlen(key);
    const char *p = data, *end = data + len;

    while (p < end) {
        if ((size_t)(end - p) > klen && memcmp(p, key, klen) == 0 &&
            (p[klen] == ':' || p[klen] == '"'))
            return 1;
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            break;
        p++;
    }
    return 0;
}

/* The file name is only a hint, used when the content is inconclusive
 * (an empty file, HCL saved as .tfstate): Terraform's own state file name. */
static enum input_format detect_format(const char *file, const char *data, size_t len)
{
    size_t i = 0, n = strlen(file);
    int tfstate = n > 8 && strcmp(file + n - 8, ".tfstate") == 0;

    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    /* Nothing to detect, or XML (an EC2 query API response): the AWS
     * importer refuses both with a message that says so (an empty .tfstate
     * is Terraform's to refuse, in its own words). */
    if (i == len || data[i] == '<')
        return tfstate ? FORMAT_TERRAFORM : FORMAT_AWS;
    if (i < len && (data[i] == '{' || data[i] == '[')) {
        if (import_aws_detect(data, len))
            return FORMAT_AWS;
        if (strstr(data, "\"terraform_version\"") ||
            (strstr(data, "\"lineage\"") && strstr(data, "\"resources\"")) ||
            (strstr(data, "\"version\"") && strstr(data, "\"resources\"")))
            return FORMAT_TERRAFORM;
        if (strstr(data, "\"AWSTemplateFormatVersion\"") || strstr(data, "\"Resources\""))
            return FORMAT_CLOUDFORMATION;
        /* Anything else is refused by the AWS importer with a clear message. */
        return tfstate ? FORMAT_TERRAFORM : FORMAT_AWS;
    }
    if (has_top_level_key(data, len, "AWSTemplateFormatVersion") ||
        has_top_level_key(data, len, "Resources"))
        return FORMAT_CLOUDFORMATION;
    return tfstate ? FORMAT_TERRAFORM : FORMAT_DESIGN;
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
 * UTF-16: 0 when the input is not, else 1 for little-endian, 2 for
 * big-endian; *start is where the text begins (after a byte-order mark).
 * Without a mark, JSON and YAML start with ASCII, which UTF-16 writes with
 * a zero in every other byte: two such characters in a row tell.
 */
static int utf16_kind(const char *data, size_t len, size_t *start)
{
    const unsigned char *u = (const unsigned char *)data;

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

char *import_decode(const char *file, const char *data, size_t len, size_t *outlen)
{
    char *copy;
    size_t start;
    int kind = utf16_kind(data, len, &start);

    if (kind)
        return utf16_to_utf8(file, (const unsigned char *)data, len, kind == 2, start, outlen);
    skip_utf8_bom(&data, &len);
    copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    *outlen = len;
    return copy;
}

/* The model's size after an input, against the limits in importer.h. */
static int check_counts(const struct model *m, const char *file)
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

int import_input(struct model *m, const char *file, const char *data, size_t len,
                 enum input_format forced)
{
    enum input_format format = forced;
    int rc = -1;
    size_t start;
    int kind = utf16_kind(data, len, &start);

    if (kind) {
        size_t n = 0;
        char *utf8 = utf16_to_utf8(file, (const unsigned char *)data, len, kind == 2, start, &n);
        if (!utf8)
            return -1;
        rc = import_input(m, file, utf8, n, forced);
        free(utf8);
        return rc;
    }
    skip_utf8_bom(&data, &len);
    if (format == FORMAT_AUTO)
        format = detect_format(file, data, len);
    switch (format) {
    case FORMAT_DESIGN:
        rc = import_design(m, file, data, len);
        break;
    case FORMAT_AWS:
        rc = import_aws(m, file, data, len);
        break;
    case FORMAT_TERRAFORM:
        rc = import_terraform(m, file, data, len);
        break;
    case FORMAT_CLOUDFORMATION:
        rc = import_cloudformation(m, file, data, len);
        break;
    case FORMAT_AUTO:
        break;
    }
    return rc < 0 ? -1 : check_counts(m, file);
}

/* ===== Reading ===== */

/* Read all of fp into a NUL-terminated buffer. Returns 0, or -1 with errno. */
static int read_stream(FILE *fp, const char *name, char **out, size_t *outlen)
{
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    struct srcloc loc = {name, 0, 0, NULL};

    struct stat st;

    /* A regular file is read in one piece into a buffer of its size. */
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= INPUT_MAX_BYTES) {
        size_t size = (size_t)st.st_size, got;
        char *data = xmalloc(size + 1);
        got = fread(data, 1, size, fp);
        if (got == size && fgetc(fp) == EOF && !ferror(fp)) {
            data[size] = '\0';
            *out = data;
            *outlen = size;
            return 0;
        }
        /* The file changed while reading: fall back to reading in chunks. */
        strbuf_add(&sb, data, got);
        free(data);
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

int import_read(const char *path, const char *name, char **data, size_t *len)
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
    rc = read_stream(fp, name, data, len);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

/* Inputs larger than this take a second or more: say so on a terminal. */
#define PROGRESS_BYTES (16u << 20)

static int import_file(struct model *m, const char *path, enum input_format forced)
{
    const char *name = model_strdup(m, strcmp(path, "-") == 0 ? "<stdin>" : path);
    char *data;
    size_t len;
    int rc;

    if (import_read(path, name, &data, &len) < 0)
        return -1;
    if (len > PROGRESS_BYTES)
        diag_progress("reading %s (%zu MB)", name, len >> 20);
    rc = import_input(m, name, data, len, forced);
    diag_progress_done();
    free(data);
    return rc;
}

static int has_input_extension(const char *name)
{
    static const char *const exts[] = {".json", ".yaml", ".yml", ".tfstate"};
    size_t i, n = strlen(name), e;
    for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        e = strlen(exts[i]);
        if (n > e && strcmp(name + n - e, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int import_directory(struct model *m, const char *path, enum input_format forced)
{
    DIR *dir = opendir(path);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, alloc = 0, i;
    int rc = 0;
    struct srcloc loc = {model_strdup(m, path), 0, 0, NULL};

    if (!dir) {
        diag_error(&loc, "cannot open directory: %s", strerror(errno));
        return -1;
    }
    while ((de = readdir(dir)) != NULL) {
        struct stat st;
        char *name;
        if (de->d_name[0] == '.' || !has_input_extension(de->d_name))
            continue;
        name = xasprintf("%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                         de->d_name);
        /* A FIFO or device would block or never end: only files are read. */
        if (stat(name, &st) < 0 || !S_ISREG(st.st_mode)) {
            struct srcloc at = {model_strdup(m, name), 0, 0, NULL};
            diag_note(&at, "skipped: not a regular file");
            free(name);
            continue;
        }
        XGROW(names, alloc, n + 1);
        names[n++] = name;
    }
    closedir(dir);
    if (n == 0) {
        diag_error(&loc, "no *.json, *.yaml, *.yml or *.tfstate files in this directory");
        free(names);
        return -1;
    }
    xqsort(names, n, sizeof(*names), cmp_cstr);
    for (i = 0; i < n; i++) {
        if (import_file(m, names[i], forced) < 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

/*
 * Import every input path into m: files, directories (their input files in
 * name order, not recursive) and "-" for standard input. Returns 0, or -1
 * when any input had an error (all inputs are still read, so every bad file
 * is reported).
 */
int import_paths(struct model *m, char *const *paths, size_t npaths, enum input_format forced)
{
    size_t i;
    int rc = 0;
    struct stat st;

    for (i = 0; i < npaths; i++) {
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (import_directory(m, paths[i], forced) < 0)
                rc = -1;
        } else if (import_file(m, paths[i], forced) < 0) {
            rc = -1;
        }
    }
    if (import_cloudformation_finish(m) < 0)
        rc = -1;
    return rc;
}
