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
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "json_reader.h"
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

static json_t *jint_known(int n)
{
    return n > 0 ? json_integer(n) : json_null();
}

static int dump(json_t *root, FILE *fp)
{
    int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc == 0)
        fputc('\n', fp);
    return rc == 0 && !ferror(fp) ? 0 : -1;
}

int lint_write_json(const struct lint_result *r, FILE *fp)
{
    json_t *root = json_object(), *arr = json_array(), *sum = json_object();
    size_t i;

    for (i = 0; i < r->nfindings; i++) {
        const struct lint_finding *f = &r->findings[i];
        json_t *o = json_object(), *loc = json_object(), *rule = json_null();
        char label[PORTS_LABEL_MAX];

        json_object_set_new(o, "id", jr_string(f->id));
        json_object_set_new(o, "severity", jr_string(lint_severity_name(f->sev)));
        json_object_set_new(o, "message", jr_string(f->message));
        json_object_set_new(o, "fix", jr_string(f->fix));
        json_object_set_new(loc, "file", jr_string(f->loc.file));
        json_object_set_new(loc, "line", jint_known(f->loc.line));
        json_object_set_new(loc, "column", jint_known(f->loc.col));
        json_object_set_new(loc, "path", jr_string(f->loc.path));
        json_object_set_new(o, "location", loc);
        json_object_set_new(o, "group", jr_string(f->group ? f->group->id : NULL));
        if (f->rule) {
            rule = json_object();
            ports_label(&f->rule->ports, label);
            json_object_set_new(rule, "direction", jr_string(direction_name(f->rule->dir)));
            json_object_set_new(rule, "label", jr_string(label));
            json_object_set_new(rule, "peer", jr_string(f->rule->peer));
        }
        json_object_set_new(o, "rule", rule);
        json_object_set_new(o, "interface", jr_string(f->iface ? f->iface->id : NULL));
        json_array_append_new(arr, o);
    }
    json_object_set_new(sum, "findings", json_integer((json_int_t)r->nfindings));
    json_object_set_new(sum, "errors", json_integer((json_int_t)r->counts[LINT_ERROR]));
    json_object_set_new(sum, "warnings", json_integer((json_int_t)r->counts[LINT_WARNING]));
    json_object_set_new(sum, "notes", json_integer((json_int_t)r->counts[LINT_NOTE]));
    json_object_set_new(sum, "fail_on", jr_string(lint_severity_name(r->fail_on)));
    json_object_set_new(sum, "failed", json_boolean(lint_result_fails(r)));
    json_object_set_new(root, "sgmap", json_integer(1));
    json_object_set_new(root, "type", jr_string("lint"));
    json_object_set_new(root, "findings", arr);
    json_object_set_new(root, "summary", sum);
    return dump(root, fp);
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
static json_t *sarif_artifact(const char *file, const char *cwd)
{
    struct strbuf full = STRBUF_INIT, uri = STRBUF_INIT;
    json_t *art = json_object();
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
    json_object_set_new(art, "uri", jr_string(uri.buf));
    if (relative)
        json_object_set_new(art, "uriBaseId", jr_string(SARIF_SRCROOT));
    strbuf_release(&full);
    strbuf_release(&uri);
    return art;
}

static json_t *text_object(const char *text)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", jr_string(text));
    return o;
}

static json_t *sarif_rules(void)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < lint_check_count(); i++) {
        const struct lint_check *ck = lint_check_at(i);
        json_t *o = json_object(), *conf = json_object(), *props = json_object();
        json_t *tags = json_array();
        char *full = ck->controls ? xasprintf("%s (Security Hub %s)", ck->what, ck->controls)
                                  : xstrdup(ck->what);

        json_object_set_new(o, "id", jr_string(ck->id));
        json_object_set_new(o, "shortDescription", text_object(ck->what));
        json_object_set_new(o, "fullDescription", text_object(full));
        json_object_set_new(o, "help", text_object(ck->fix));
        json_object_set_new(conf, "level", jr_string(lint_severity_name(ck->sev)));
        json_object_set_new(conf, "enabled", json_boolean(ck->enabled_by_default));
        json_object_set_new(o, "defaultConfiguration", conf);
        json_array_append_new(tags, jr_string("security"));
        json_object_set_new(props, "tags", tags);
        if (ck->security_severity)
            json_object_set_new(props, "security-severity", jr_string(ck->security_severity));
        json_object_set_new(o, "properties", props);
        json_array_append_new(arr, o);
        free(full);
    }
    return arr;
}

/* The location of a finding: physical unless the input was standard input
 * (no file to point at), logical when a JSON path is known. NULL when
 * there is neither. */
static json_t *sarif_location(const struct srcloc *l, const char *cwd)
{
    json_t *loc;
    int on_stdin = strcmp(l->file, STDIN_NAME) == 0;

    if (on_stdin && !(l->path && *l->path))
        return NULL;
    loc = json_object();
    if (!on_stdin) {
        json_t *phys = json_object();
        json_object_set_new(phys, "artifactLocation", sarif_artifact(l->file, cwd));
        if (l->line > 0) {
            json_t *region = json_object();
            json_object_set_new(region, "startLine", json_integer(l->line));
            if (l->col > 0)
                json_object_set_new(region, "startColumn", json_integer(l->col));
            json_object_set_new(phys, "region", region);
        }
        json_object_set_new(loc, "physicalLocation", phys);
    }
    if (l->path && *l->path) {
        json_t *logical = json_array(), *ll = json_object();
        json_object_set_new(ll, "fullyQualifiedName", jr_string(l->path));
        json_array_append_new(logical, ll);
        json_object_set_new(loc, "logicalLocations", logical);
    }
    return loc;
}

int lint_write_sarif(const struct lint_result *r, FILE *fp)
{
    json_t *root = json_object(), *runs = json_array(), *run = json_object();
    json_t *tool = json_object(), *driver = json_object(), *results = json_array();
    char *cwd = current_dir();
    size_t i;

    json_object_set_new(driver, "name", jr_string("sgmap"));
    json_object_set_new(driver, "version", jr_string(SGMAP_VERSION));
    json_object_set_new(driver, "rules", sarif_rules());
    json_object_set_new(tool, "driver", driver);
    json_object_set_new(run, "tool", tool);
    for (i = 0; i < r->nfindings; i++) {
        const struct lint_finding *f = &r->findings[i];
        json_t *o = json_object(), *locs = json_array();
        json_t *loc = f->loc.file ? sarif_location(&f->loc, cwd) : NULL;
        char *text = xasprintf("%s; %s", f->message, f->fix);

        json_object_set_new(o, "ruleId", jr_string(f->id));
        json_object_set_new(o, "ruleIndex", json_integer(lint_option_check_id(f->id)));
        json_object_set_new(o, "level", jr_string(lint_severity_name(f->sev)));
        json_object_set_new(o, "message", text_object(text));
        if (loc)
            json_array_append_new(locs, loc);
        json_object_set_new(o, "locations", locs);
        json_array_append_new(results, o);
        free(text);
    }
    free(cwd);
    json_object_set_new(run, "results", results);
    json_object_set_new(run, "columnKind", jr_string("unicodeCodePoints"));
    json_array_append_new(runs, run);
    json_object_set_new(root, "$schema", jr_string(SARIF_SCHEMA));
    json_object_set_new(root, "version", jr_string("2.1.0"));
    json_object_set_new(root, "runs", runs);
    return dump(root, fp);
}
