/*
 * lint_report.c - writing lint findings as text, JSON or SARIF 2.1.0.
 *
 * text   one finding a line, "sgmap: FILE:LINE:COL: LEVEL: [ID] MESSAGE; FIX"
 *        (DESIGN.md's message format, written by diag_format()), then
 *        "N findings (E errors, ...)".
 * json   {"sgmap": 1, "type": "lint", "findings": [...], "summary": {...}}
 * sarif  one run; the driver lists every check as a rule (ruleIndex = the
 *        check's table index), results carry ruleId, level, message and a
 *        physical location (region only when a line is known; a JSON path
 *        goes into a logical location). A file under the current directory
 *        is named relative to it, for code scanning to find it in the
 *        repository; standard input has no physical location.
 * Findings arrive sorted from lint_run(), so output is stable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "json_writer.h"
#include "lint.h"
#include "strbuf.h"
#include "xalloc.h"

#ifndef SGMAP_VERSION
#define SGMAP_VERSION "0.0.0"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* ==== Text ==== */

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int lint_write_text(const struct lint_result *r, FILE *fp)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    /* A finding is shown as a message is (diag.h): one line, with invisible
     * and bidirectional characters named, never printed raw. */
    for (i = 0; i < r->nfindings; i++) {
        const struct lint_finding *f = &r->findings[i];
        strbuf_reset(&sb);
        diag_format(&sb, &f->loc, lint_severity_name(f->sev), "[%s] %s; %s", f->id,
                    f->message, f->fix);
        fputs(sb.buf, fp);
    }
    strbuf_release(&sb);
    fprintf(fp, "%zu %s (%zu %s, %zu %s, %zu %s)\n", r->nfindings,
            plural(r->nfindings, "finding", "findings"), r->counts[LINT_ERROR],
            plural(r->counts[LINT_ERROR], "error", "errors"), r->counts[LINT_WARNING],
            plural(r->counts[LINT_WARNING], "warning", "warnings"), r->counts[LINT_NOTE],
            plural(r->counts[LINT_NOTE], "note", "notes"));
    return ferror(fp) ? -1 : 0;
}

/* ==== JSON ==== */

/* A line or column, null when unknown. */
static void member_known(struct json_writer *w, const char *key, int n)
{
    jw_key(w, key);
    if (n > 0)
        jw_int(w, n);
    else
        jw_null(w);
}

int lint_write_json(const struct lint_result *r, FILE *fp)
{
    struct json_writer w;
    size_t i;

    jw_init_file(&w, fp);
    jw_object_begin(&w);
    jw_member_int(&w, "sgmap", 1);
    jw_member_string(&w, "type", "lint");
    jw_key(&w, "findings");
    jw_array_begin(&w);
    for (i = 0; i < r->nfindings; i++) {
        const struct lint_finding *f = &r->findings[i];
        char label[PORTS_LABEL_MAX];

        jw_object_begin(&w);
        jw_member_string(&w, "id", f->id);
        jw_member_string(&w, "severity", lint_severity_name(f->sev));
        jw_member_string(&w, "message", f->message);
        jw_member_string(&w, "fix", f->fix);
        jw_key(&w, "location");
        jw_object_begin(&w);
        jw_member_string(&w, "file", f->loc.file);
        member_known(&w, "line", f->loc.line);
        member_known(&w, "column", f->loc.col);
        jw_member_string(&w, "path", f->loc.path);
        jw_object_end(&w);
        jw_member_string(&w, "group", f->group ? f->group->id : NULL);
        jw_key(&w, "rule");
        if (f->rule) {
            ports_label(&f->rule->ports, label);
            jw_object_begin(&w);
            jw_member_string(&w, "direction", direction_name(f->rule->dir));
            jw_member_string(&w, "label", label);
            jw_member_string(&w, "peer", f->rule->peer);
            jw_object_end(&w);
        } else {
            jw_null(&w);
        }
        jw_member_string(&w, "interface", f->iface ? f->iface->id : NULL);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_key(&w, "summary");
    jw_object_begin(&w);
    jw_member_int(&w, "findings", (long long)r->nfindings);
    jw_member_int(&w, "errors", (long long)r->counts[LINT_ERROR]);
    jw_member_int(&w, "warnings", (long long)r->counts[LINT_WARNING]);
    jw_member_int(&w, "notes", (long long)r->counts[LINT_NOTE]);
    jw_member_string(&w, "fail_on", lint_severity_name(r->fail_on));
    jw_member_bool(&w, "failed", lint_result_fails(r));
    jw_object_end(&w);
    jw_object_end(&w);
    return jw_finish(&w);
}

/* ==== SARIF ==== */

/* The name the importer gives standard input (import.c). */
#define STDIN_NAME "<stdin>"

/* The base a relative artifact URI is resolved against: the root of the
 * checkout, which is the current directory when a CI job runs sgmap. */
#define SARIF_SRCROOT "%SRCROOT%"

/*
 * Append the segments of path to sb as "/a/b", dropping empty and "."
 * segments and taking ".." back one segment (lexically: a path through a
 * symbolic link may name another place, which only costs a relative URI).
 */
static void path_append(struct strbuf *sb, const char *path)
{
    while (*path) {
        size_t n = strcspn(path, "/");
        if (n == 2 && path[0] == '.' && path[1] == '.') {
            while (sb->len > 0 && sb->buf[--sb->len] != '/')
                ;
            if (sb->alloc)
                sb->buf[sb->len] = '\0';
        } else if (n > 0 && !(n == 1 && path[0] == '.')) {
            strbuf_addch(sb, '/');
            strbuf_add(sb, path, n);
        }
        path += n;
        if (*path)
            path++;
    }
}

/* The current directory, normalised by path_append, or NULL. Malloc'd. */
static char *current_dir(void)
{
    struct strbuf sb = STRBUF_INIT;
    size_t size = 256;
    char *buf = xmalloc(size);

    while (!getcwd(buf, size)) {
        free(buf);
        if (errno != ERANGE || size > 65536)
            return NULL;
        size *= 2;
        buf = xmalloc(size);
    }
    path_append(&sb, buf);
    free(buf);
    return strbuf_detach(&sb);
}

/* Append s percent-encoded: every byte outside [A-Za-z0-9-._~/]. */
static void add_uri_path(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;

    for (p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            strbuf_addch(sb, *p);
        } else {
            strbuf_addch(sb, '%');
            strbuf_addch(sb, hex[*p >> 4]);
            strbuf_addch(sb, hex[*p & 15]);
        }
    }
}

/*
 * The artifactLocation of file for code scanning, which maps a URI relative
 * to the root of the repository onto its files: a file under the current
 * directory gets its path from there ("./x.yaml" and "/repo/x.yaml" in
 * /repo give "x.yaml") with uriBaseId %SRCROOT%; a file outside it gets an
 * absolute file:// URI.
 */
static void sarif_artifact(struct json_writer *w, const char *file, const char *cwd)
{
    struct strbuf full = STRBUF_INIT, uri = STRBUF_INIT;
    size_t n = cwd ? strlen(cwd) : 0;
    int relative = 1;

    if (file[0] != '/' && cwd)
        strbuf_addstr(&full, cwd);
    path_append(&full, file);
    if (file[0] != '/' && !cwd) {
        /* No current directory to compare with: relative as given. */
        while (file[0] == '.' && file[1] == '/')
            file += 2 + strspn(file + 2, "/");
        add_uri_path(&uri, file);
    } else if (cwd && strncmp(full.buf, cwd, n) == 0 && full.buf[n] == '/') {
        add_uri_path(&uri, full.buf + n + 1);
    } else {
        strbuf_addstr(&uri, "file://");
        add_uri_path(&uri, full.buf);
        relative = 0;
    }
    jw_key(w, "artifactLocation");
    jw_object_begin(w);
    jw_member_string(w, "uri", uri.buf);
    if (relative)
        jw_member_string(w, "uriBaseId", SARIF_SRCROOT);
    jw_object_end(w);
    strbuf_release(&full);
    strbuf_release(&uri);
}

/* "key": {"text": text} */
static void text_object(struct json_writer *w, const char *key, const char *text)
{
    jw_key(w, key);
    jw_object_begin(w);
    jw_member_string(w, "text", text);
    jw_object_end(w);
}

static void sarif_rules(struct json_writer *w)
{
    size_t i;

    jw_key(w, "rules");
    jw_array_begin(w);
    for (i = 0; i < lint_check_count(); i++) {
        const struct lint_check *ck = lint_check_at(i);
        char *full = ck->controls ? xasprintf("%s (Security Hub %s)", ck->what, ck->controls)
                                  : xstrdup(ck->what);

        jw_object_begin(w);
        jw_member_string(w, "id", ck->id);
        text_object(w, "shortDescription", ck->what);
        text_object(w, "fullDescription", full);
        text_object(w, "help", ck->fix);
        jw_key(w, "defaultConfiguration");
        jw_object_begin(w);
        jw_member_string(w, "level", lint_severity_name(ck->sev));
        jw_member_bool(w, "enabled", ck->enabled_by_default);
        jw_object_end(w);
        jw_key(w, "properties");
        jw_object_begin(w);
        jw_key(w, "tags");
        jw_array_begin(w);
        jw_string(w, "security");
        jw_array_end(w);
        if (ck->security_severity)
            jw_member_string(w, "security-severity", ck->security_severity);
        jw_object_end(w);
        jw_object_end(w);
        free(full);
    }
    jw_array_end(w);
}

/* The location of a finding, as an element of "locations": physical
 * unless the input was standard input (no file to point at), logical when
 * a JSON path is known. Nothing when there is neither. */
static void sarif_location(struct json_writer *w, const struct srcloc *l, const char *cwd)
{
    int on_stdin = strcmp(l->file, STDIN_NAME) == 0;

    if (on_stdin && !(l->path && *l->path))
        return;
    jw_object_begin(w);
    if (!on_stdin) {
        jw_key(w, "physicalLocation");
        jw_object_begin(w);
        sarif_artifact(w, l->file, cwd);
        if (l->line > 0) {
            jw_key(w, "region");
            jw_object_begin(w);
            jw_member_int(w, "startLine", l->line);
            if (l->col > 0)
                jw_member_int(w, "startColumn", l->col);
            jw_object_end(w);
        }
        jw_object_end(w);
    }
    if (l->path && *l->path) {
        jw_key(w, "logicalLocations");
        jw_array_begin(w);
        jw_object_begin(w);
        jw_member_string(w, "fullyQualifiedName", l->path);
        jw_object_end(w);
        jw_array_end(w);
    }
    jw_object_end(w);
}

int lint_write_sarif(const struct lint_result *r, FILE *fp)
{
    struct json_writer w;
    char *cwd = current_dir();
    size_t i;

    jw_init_file(&w, fp);
    jw_object_begin(&w);
    jw_member_string(&w, "$schema", SARIF_SCHEMA);
    jw_member_string(&w, "version", "2.1.0");
    jw_key(&w, "runs");
    jw_array_begin(&w);
    jw_object_begin(&w);
    jw_key(&w, "tool");
    jw_object_begin(&w);
    jw_key(&w, "driver");
    jw_object_begin(&w);
    jw_member_string(&w, "name", "sgmap");
    jw_member_string(&w, "version", SGMAP_VERSION);
    sarif_rules(&w);
    jw_object_end(&w);
    jw_object_end(&w);
    jw_key(&w, "results");
    jw_array_begin(&w);
    for (i = 0; i < r->nfindings; i++) {
        const struct lint_finding *f = &r->findings[i];
        char *text = xasprintf("%s; %s", f->message, f->fix);

        jw_object_begin(&w);
        jw_member_string(&w, "ruleId", f->id);
        jw_member_int(&w, "ruleIndex", lint_option_check_id(f->id));
        jw_member_string(&w, "level", lint_severity_name(f->sev));
        text_object(&w, "message", text);
        jw_key(&w, "locations");
        jw_array_begin(&w);
        if (f->loc.file)
            sarif_location(&w, &f->loc, cwd);
        jw_array_end(&w);
        jw_object_end(&w);
        free(text);
    }
    jw_array_end(&w);
    jw_member_string(&w, "columnKind", "unicodeCodePoints");
    jw_object_end(&w);
    jw_array_end(&w);
    jw_object_end(&w);
    free(cwd);
    return jw_finish(&w);
}
