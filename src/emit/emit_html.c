/*
 * emit_html.c - the interactive map (-f html): one offline HTML file with
 * the drawing's SVG inline, its data as inert JSON blocks, and the style
 * and script of templates/map.css and map.js, built into the binary
 * (html_templates.inc). A strict Content-Security-Policy allows that
 * script and style by their hashes and nothing else: no request, no other
 * script, no inline handler.
 *
 * The page is kept small for big accounts: the SVG copy loses its
 * comments, <title> elements and xlink:title tooltips (the data holds that
 * text once) with the <a> wrappers that held them, and the JSON blocks
 * lose their indentation. The blocks:
 *   sgmap-view  the -f view dump of the drawing;
 *   sgmap-data  the model as tables whose rows are arrays, in model order
 *               (the view's "rules" indexes point into "rules"), null for
 *               a row the drawing does not need (see struct need):
 *     "groups":     [id, name, vpc, description, [interface index...], source]
 *     "interfaces": [id, kind, label, owner, [address...], source]
 *     "rules":      [group index, direction, label, peer type, peer id,
 *                    peer name, description, source]
 *     "files":      the input files as messages name them; a source is
 *                   [file index, the rest of where] ("FILE" + ":3:5")
 *     "regions":    at the group level only, the interface nodes of the same
 *                   view at the region level (what a drill-down shows):
 *                   [label, [interface index...]]
 *   with null for what is absent.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "json_writer.h"
#include "output.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

#include "html_templates.inc"

/* Write a JSON text as the content of a <script type="application/json">:
 * '<', '>', '&', U+2028 and U+2029 as \u escapes, which only JSON strings
 * can hold, so the data can neither end the element nor read as markup;
 * the whitespace between tokens left out. */
static void put_json_data(FILE *fp, const char *s, size_t n)
{
    size_t i, start = 0;
    int in_string = 0;

    for (i = 0; i < n; i++) {
        const char *esc = NULL;
        size_t skip = 1;
        unsigned char c = (unsigned char)s[i];

        if (in_string && c == '\\') {
            i++;
            continue;
        }
        if (c == '"')
            in_string = !in_string;
        if (!in_string && (c == ' ' || c == '\n' || c == '\t' || c == '\r'))
            esc = "";
        else if (c == '<')
            esc = "\\u003c";
        else if (c == '>')
            esc = "\\u003e";
        else if (c == '&')
            esc = "\\u0026";
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (!esc)
            continue;
        fwrite(s + start, 1, i - start, fp);
        fputs(esc, fp);
        start = i + skip;
        i += skip - 1;
    }
    fwrite(s + start, 1, n - start, fp);
}

/* One data block: the JSON text of data[0..len), escaped into the page. */
static void put_data_block(FILE *fp, const char *id, const char *data, size_t len)
{
    fprintf(fp, "<script type=\"application/json\" id=\"%s\">", id);
    put_json_data(fp, data, len);
    fputs("</script>\n", fp);
}

/* The view dump, into the page. */
static int put_view_block(FILE *fp, const struct view *v)
{
    char *data = NULL;
    size_t len = 0;
    FILE *mem = output_memory_open(&data, &len);

    if (!mem || output_memory_close(mem, emit_view(v, mem), &data) < 0)
        return -1;
    put_data_block(fp, "sgmap-view", data, len);
    free(data);
    return 0;
}

/* Sources as [file index, the rest of where], the files listed once in
 * "files": most of a source is its file's name. */
struct sources {
    struct strmap *index; /* file as the model holds it -> its index + 1 */
    char **files;         /* each as messages show it (diag_where) */
    size_t nfiles, alloc;
    struct strbuf where, file;
};

static void jw_source(struct json_writer *w, struct sources *src, const struct srcloc *loc)
{
    struct srcloc only = { 0 };
    size_t k;

    if (!loc->file) {
        jw_null(w);
        return;
    }
    k = (size_t)(uintptr_t)strmap_get(src->index, loc->file);
    strbuf_reset(&src->file);
    only.file = loc->file;
    diag_where(&src->file, &only);
    if (!k) {
        if (src->nfiles == src->alloc) {
            src->alloc = src->alloc ? 2 * src->alloc : 8;
            src->files = xrealloc(src->files, src->alloc * sizeof(*src->files));
        }
        src->files[src->nfiles++] = xstrdup(src->file.buf);
        k = src->nfiles;
        strmap_put(src->index, loc->file, (void *)(uintptr_t)k);
    }
    strbuf_reset(&src->where);
    diag_where(&src->where, loc);
    jw_array_begin(w);
    jw_uint(w, k - 1);
    jw_string(w, src->where.buf + src->file.len);
    jw_array_end(w);
}

static void data_files(struct json_writer *w, struct sources *src)
{
    size_t i;

    jw_key(w, "files");
    jw_array_begin(w);
    for (i = 0; i < src->nfiles; i++) {
        jw_string(w, src->files[i]);
        free(src->files[i]);
    }
    jw_array_end(w);
    free(src->files);
    strmap_free(src->index);
    strbuf_release(&src->where);
    strbuf_release(&src->file);
}

/* What of the model the page needs (per group, interface and rule
 * index): what the view draws or names, the groups of its interfaces and
 * of the rules it draws; then those groups' members and rules. A
 * filtered or split drawing does not carry the whole account. */
struct need {
    unsigned char *groups, *ifaces, *rules;
};

static void need_rule(struct need *n, const struct rule *r)
{
    n->rules[r->index] = 1;
    n->groups[r->group->index] = 1;
}

static void need_iface(struct need *n, const struct iface *ifc)
{
    size_t i;

    n->ifaces[ifc->index] = 1;
    for (i = 0; i < ifc->ngroups; i++)
        n->groups[ifc->groups[i]->index] = 1;
}

static void need_of_view(struct need *n, const struct view *v)
{
    const struct model *m = v->model;
    size_t i, j;

    n->groups = xcalloc(m->ngroups + 1, 1);
    n->ifaces = xcalloc(m->nifaces + 1, 1);
    n->rules = xcalloc(m->nrules + 1, 1);
    for (i = 0; i < v->nclusters; i++) {
        const struct view_cluster *c = v->clusters[i];
        for (j = 0; j < c->ngroups; j++)
            n->groups[c->groups[j]->index] = 1;
        for (j = 0; j < c->nself_rules; j++)
            need_rule(n, c->self_rules[j]);
    }
    for (i = 0; i < v->nnodes; i++) {
        const struct view_node *d = v->nodes[i];
        for (j = 0; j < d->ngroups; j++)
            n->groups[d->groups[j]->index] = 1;
        for (j = 0; j < d->nbadges; j++)
            n->groups[d->badges[j]->index] = 1;
        for (j = 0; j < d->nself_rules; j++)
            need_rule(n, d->self_rules[j]);
        for (j = 0; j < d->nifaces; j++)
            need_iface(n, d->ifaces[j]);
    }
    for (i = 0; i < v->nedges; i++)
        for (j = 0; j < v->edges[i]->nrules; j++)
            need_rule(n, v->edges[i]->rules[j]);
    for (i = 0; i < v->nbadged; i++)
        n->groups[v->badged[i]->index] = 1;
    /* The needed groups' members and rules (an interface's other groups
     * are named only when the interface is drawn). */
    for (i = 0; i < m->ngroups; i++)
        if (n->groups[i])
            for (j = 0; j < m->groups[i]->nmembers; j++)
                n->ifaces[m->groups[i]->members[j]->index] = 1;
    for (i = 0; i < m->nrules; i++)
        if (n->groups[m->rules[i]->group->index])
            n->rules[i] = 1;
}

static void need_free(struct need *n)
{
    free(n->groups);
    free(n->ifaces);
    free(n->rules);
}

static void data_groups(struct json_writer *w, struct sources *sb, const struct model *m,
                        const struct need *n)
{
    size_t i, j;

    jw_key(w, "groups");
    jw_array_begin(w);
    for (i = 0; i < m->ngroups; i++) {
        const struct group *g = m->groups[i];
        if (!n->groups[i]) {
            jw_null(w);
            continue;
        }
        jw_array_begin(w);
        jw_string(w, g->id);
        jw_string(w, g->name);
        jw_string(w, g->vpc);
        jw_string(w, g->description);
        jw_array_begin(w);
        for (j = 0; j < g->nmembers; j++)
            jw_uint(w, g->members[j]->index);
        jw_array_end(w);
        jw_source(w, sb, &g->loc);
        jw_array_end(w);
    }
    jw_array_end(w);
}

static void data_ifaces(struct json_writer *w, struct sources *sb, const struct model *m,
                        const struct need *n)
{
    size_t i, j;

    jw_key(w, "interfaces");
    jw_array_begin(w);
    for (i = 0; i < m->nifaces; i++) {
        const struct iface *ifc = m->ifaces[i];
        if (!n->ifaces[i]) {
            jw_null(w);
            continue;
        }
        jw_array_begin(w);
        jw_string(w, ifc->id);
        jw_string(w, kind_name(ifc->kind));
        jw_string(w, ifc->label);
        jw_string(w, ifc->owner);
        jw_array_begin(w);
        for (j = 0; j < ifc->naddresses; j++)
            jw_string(w, ifc->addresses[j]);
        jw_array_end(w);
        jw_source(w, sb, &ifc->loc);
        jw_array_end(w);
    }
    jw_array_end(w);
}

static void data_rules(struct json_writer *w, struct sources *sb, const struct model *m,
                       const struct need *n)
{
    size_t i;
    char label[PORTS_LABEL_MAX];

    jw_key(w, "rules");
    jw_array_begin(w);
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        if (!n->rules[i]) {
            jw_null(w);
            continue;
        }
        ports_label(&r->ports, label);
        jw_array_begin(w);
        jw_uint(w, r->group->index);
        jw_string(w, direction_name(r->dir));
        jw_string(w, label);
        jw_string(w, peer_type_name(r->peer_type));
        jw_string(w, r->peer);
        jw_string(w, r->peer_label ? r->peer_label : model_name_of(m, r->peer));
        jw_string(w, r->description);
        jw_source(w, sb, &r->loc);
        jw_array_end(w);
    }
    jw_array_end(w);
}

/* The group level's drill-down: the interface nodes of the same drawing at
 * the region level (the view decides what a region is). */
static void data_regions(struct json_writer *w, const struct view *v)
{
    struct view_options o = v->opts;
    struct view *r;
    size_t i, j;

    if (v->opts.detail != VIEW_DETAIL_GROUPS)
        return;
    o.detail = VIEW_DETAIL_REGIONS;
    r = view_build(v->model, &o);
    jw_key(w, "regions");
    jw_array_begin(w);
    for (i = 0; i < r->nnodes; i++) {
        const struct view_node *n = r->nodes[i];
        if (n->type != VNODE_IFACE)
            continue;
        jw_array_begin(w);
        jw_string(w, n->label);
        jw_array_begin(w);
        for (j = 0; j < n->nifaces; j++)
            jw_uint(w, n->ifaces[j]->index);
        jw_array_end(w);
        jw_array_end(w);
    }
    jw_array_end(w);
    view_free(r);
}

/* The model's tables (and the drill-down's regions), into the page. */
static int put_model_block(FILE *fp, const struct view *v)
{
    struct json_writer w;
    struct sources src = { 0 };
    struct need need;

    need_of_view(&need, v);
    src.index = strmap_new();
    strbuf_init(&src.where);
    strbuf_init(&src.file);
    jw_init_buffer(&w);
    jw_object_begin(&w);
    data_groups(&w, &src, v->model, &need);
    data_ifaces(&w, &src, v->model, &need);
    data_rules(&w, &src, v->model, &need);
    data_files(&w, &src);
    need_free(&need);
    data_regions(&w, v);
    jw_object_end(&w);
    if (jw_finish(&w) < 0) {
        strbuf_release(&w.out);
        return -1;
    }
    put_data_block(fp, "sgmap-data", w.out.buf, w.out.len);
    strbuf_release(&w.out);
    return 0;
}

/* The offset just past the first needle in s[0..n), or n. */
static size_t past(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    for (i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
            return i + k;
    return n;
}

/* An opening tag's name is name, followed by a space or '>'. */
static int is_tag(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n > k && memcmp(s, name, k) == 0 && (s[k] == ' ' || s[k] == '>');
}

#define SVG_MAX_DEPTH 64
static const char svg_tip[] = " xlink:title=\"";

/* Is the tag p[0..end) a wrapper that only carried a tooltip: <g id="a_...">,
 * <a> or <a xlink:title="...">? */
static int is_wrapper(const char *p, size_t rest, size_t end)
{
    size_t k = sizeof(svg_tip) - 1;

    if (rest >= 9 && memcmp(p, "<g id=\"a_", 9) == 0)
        return 1;
    if (end == 3 && memcmp(p, "<a>", 3) == 0)
        return 1;
    return p[1] == 'a' && rest > 2 + k && memcmp(p + 2, svg_tip, k) == 0 &&
           end == 2 + k + past(p + 2 + k, rest - 2 - k, "\"") + 1;
}

/* The SVG copy without what the page holds elsewhere or does not need:
 * comments, <title> elements and xlink:title attributes (the tooltips),
 * and the <g id="a_..."><a> wrappers around each object's shapes that
 * only carried them (a <g> or <a> left as is past SVG_MAX_DEPTH levels).
 * Each skipped element or tag takes the newline after it along; "&#45;"
 * becomes the '-' it stands for. Graphviz escapes '<' in text and '"' in
 * attribute values, so markup and quotes are where they seem. */
static void put_svg(FILE *fp, const char *s, size_t n)
{
    const size_t tip = sizeof(svg_tip) - 1;
    unsigned char dropped[SVG_MAX_DEPTH];
    size_t i = 0, start = 0, skip, depth = 0;
    int in_tag = 0, in_value = 0;

    while (i < n) {
        int dash = 0;
        skip = 0;
        if (!in_tag && s[i] == '<') {
            const char *p = s + i;
            size_t rest = n - i;
            if (rest >= 4 && memcmp(p, "<!--", 4) == 0) {
                skip = past(p, rest, "-->");
            } else if (rest >= 7 && memcmp(p, "<title>", 7) == 0) {
                skip = past(p, rest, "</title>");
            } else if (is_tag(p, rest, "<g") || is_tag(p, rest, "<a")) {
                size_t end = past(p, rest, ">");
                int wrapper = is_wrapper(p, rest, end);
                if (end >= 2 && p[end - 2] == '/')
                    wrapper = 0; /* <g/>: nothing to close */
                else if (depth < SVG_MAX_DEPTH)
                    dropped[depth++] = (unsigned char)wrapper;
                else
                    wrapper = 0;
                if (wrapper)
                    skip = end;
                else
                    in_tag = 1;
            } else if (depth && ((rest >= 4 && memcmp(p, "</g>", 4) == 0) ||
                                 (rest >= 4 && memcmp(p, "</a>", 4) == 0))) {
                if (dropped[--depth])
                    skip = 4;
            } else {
                in_tag = 1;
            }
            if (skip && i + skip < n && s[i + skip] == '\n')
                skip++;
        } else if (in_tag && !in_value && n - i >= tip && memcmp(s + i, svg_tip, tip) == 0) {
            skip = tip + past(s + i + tip, n - i - tip, "\"");
        } else if (in_tag && s[i] == '"') {
            in_value = !in_value;
        } else if (in_tag && !in_value && s[i] == '>') {
            in_tag = 0;
        } else if (s[i] == '&' && n - i >= 5 && memcmp(s + i, "&#45;", 5) == 0) {
            skip = 5; /* Graphviz's '-', which needs no escape */
            dash = 1;
        }
        if (!skip) {
            i++;
            continue;
        }
        fwrite(s + start, 1, i - start, fp);
        if (dash)
            fputc('-', fp);
        i += skip;
        start = i;
    }
    fwrite(s + start, 1, n - start, fp);
}

static void put_lines(FILE *fp, const char *const *lines)
{
    for (; *lines; lines++)
        fputs(*lines, fp);
}

/* The SVG from its root element on: the XML declaration and DOCTYPE
 * before it have no place inside HTML. */
static const char *svg_root(const char *svg, size_t len, size_t *rest)
{
    const char *p = svg;
    while ((p = memchr(p, '<', len - (size_t)(p - svg))) != NULL) {
        if ((size_t)(svg + len - p) >= 4 && memcmp(p, "<svg", 4) == 0)
            break;
        p++;
    }
    if (!p)
        p = svg + len;
    *rest = len - (size_t)(p - svg);
    return p;
}

int emit_html(const struct view *v, const char *svg, size_t svglen, FILE *fp)
{
    size_t n;
    const char *root = svg_root(svg, svglen, &n);

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", fp);
    fprintf(fp,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'sha256-%s'; style-src 'sha256-%s'; img-src data:; base-uri 'none'; "
            "form-action 'none'\">\n",
            map_js_sha256, map_css_sha256);
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>sgmap</title>\n<style>",
          fp);
    put_lines(fp, map_css_lines);
    fputs("</style>\n</head>\n<body>\n<div id=\"bar\"><input id=\"q\" type=\"search\" "
          "placeholder=\"Search groups, interfaces, CIDRs, ports\" autocomplete=\"off\" "
          "aria-label=\"Search\"><span id=\"count\"></span>"
          "<button id=\"fit\" type=\"button\">Fit</button></div>\n"
          "<div id=\"main\"><div id=\"map\" class=\"far loading\">\n",
          fp);
    put_svg(fp, root, n);
    fputs("</div>\n<div id=\"panel\"><div id=\"results\"></div><div id=\"details\"></div>"
          "<div id=\"legend\"></div></div></div>\n",
          fp);
    if (put_view_block(fp, v) < 0 || put_model_block(fp, v) < 0)
        return -1;
    fputs("<script>", fp);
    put_lines(fp, map_js_lines);
    fputs("</script>\n</body>\n</html>\n", fp);
    return ferror(fp) ? -1 : 0;
}
