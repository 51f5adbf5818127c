/*
 * render_split.c - render --split vpc|component: one drawing per VPC, or
 * per connected component of groups (linked by a rule naming the other
 * group or by a shared interface), written into a folder with an index
 * that links them (index.html for -f html, else index.md). File names come
 * from the VPC id or the component's first group in natural order, cut to
 * SPLIT_NAME_MAX bytes of [A-Za-z0-9._-] (anything else '_'), made unique
 * by a -2, -3... suffix, so the same inputs always give the same files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "draw.h"
#include "emit.h"
#include "natcmp.h"
#include "output.h"
#include "split_internal.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

#define SPLIT_NAME_MAX 80

/* One drawing of the split. */
struct part {
    char *title;     /* "VPC vpc-1", "component of web" */
    char *file;      /* the file name in the folder */
    const char *vpc; /* --vpc of the part, or NULL */
    char **focus;    /* --group patterns (the component's group ids), or NULL */
    size_t nfocus;
    size_t ngroups;
};

static int cmp_str(const void *a, const void *b)
{
    return natcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A file system-safe, unique file name from text. */
static char *file_name(struct strmap *taken, const char *text, const char *ext)
{
    struct strbuf base = STRBUF_INIT, name = STRBUF_INIT;
    const char *p;
    int n;

    for (p = text; *p && base.len < SPLIT_NAME_MAX; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || (c == '.' && base.len > 0);
        strbuf_addch(&base, ok ? c : '_');
    }
    if (!base.len || strcmp(base.buf, "index") == 0)
        strbuf_addstr(&base, "_");
    for (n = 1;; n++) {
        strbuf_reset(&name);
        strbuf_addstr(&name, base.buf);
        if (n > 1)
            strbuf_addf(&name, "-%d", n);
        strbuf_addf(&name, ".%s", ext);
        if (!strmap_get(taken, name.buf))
            break;
    }
    strmap_put(taken, name.buf, (void *)1);
    strbuf_release(&base);
    return strbuf_detach(&name);
}

/* ===== Parts by VPC ===== */

static size_t parts_by_vpc(const struct model *m, struct part **out)
{
    const char **vpcs = xcalloc(m->ngroups + 1, sizeof(*vpcs));
    struct part *parts;
    size_t i, n = 0, k = 0;

    for (i = 0; i < m->ngroups; i++)
        if (m->groups[i]->vpc)
            vpcs[n++] = m->groups[i]->vpc;
    xqsort(vpcs, n, sizeof(*vpcs), cmp_str);
    parts = xcalloc(n + 1, sizeof(*parts));
    for (i = 0; i < n; i++) {
        if (i > 0 && strcmp(vpcs[i], vpcs[i - 1]) == 0)
            continue;
        parts[k].vpc = vpcs[i];
        parts[k].title = xasprintf("VPC %s", vpcs[i]);
        parts[k].ngroups = 0;
        k++;
    }
    for (i = 0; i < m->ngroups; i++) {
        size_t j;
        for (j = 0; j < k && m->groups[i]->vpc; j++)
            if (strcmp(parts[j].vpc, m->groups[i]->vpc) == 0)
                parts[j].ngroups++;
    }
    free(vpcs);
    *out = parts;
    return k;
}

/* ===== Parts by connected component ===== */

static size_t find(size_t *up, size_t x)
{
    while (up[x] != x) {
        up[x] = up[up[x]];
        x = up[x];
    }
    return x;
}

static void join(size_t *up, size_t a, size_t b)
{
    a = find(up, a);
    b = find(up, b);
    if (a != b)
        up[a < b ? b : a] = a < b ? a : b;
}

/* A --group pattern that matches exactly this text (fnmatch's specials
 * escaped). */
static char *exact_pattern(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    for (; *s; s++) {
        if (strchr("*?[]\\", *s))
            strbuf_addch(&sb, '\\');
        strbuf_addch(&sb, *s);
    }
    return strbuf_detach(&sb);
}

static int cmp_group_name(const void *a, const void *b)
{
    const struct group *x = *(struct group *const *)a, *y = *(struct group *const *)b;
    int c = natcmp(x->name, y->name);
    return c ? c : strcmp(x->id, y->id);
}

static size_t parts_by_component(const struct model *m, struct part **out)
{
    size_t ng = m->ngroups, i, j, k = 0;
    size_t *up = xcalloc(ng + 1, sizeof(*up)), *part_of = xcalloc(ng + 1, sizeof(*part_of));
    struct group **order = xcalloc(ng + 1, sizeof(*order));
    struct part *parts = xcalloc(ng + 1, sizeof(*parts));

    for (i = 0; i < ng; i++)
        up[i] = i;
    for (i = 0; i < m->nrules; i++) {
        const struct rule *r = m->rules[i];
        const struct group *peer;
        if (r->peer_type == PEER_GROUP && (peer = model_find_group(m, r->peer)) != NULL)
            join(up, r->group->index, peer->index);
    }
    for (i = 0; i < m->nifaces; i++)
        for (j = 1; j < m->ifaces[i]->ngroups; j++)
            join(up, m->ifaces[i]->groups[0]->index, m->ifaces[i]->groups[j]->index);
    /* Parts in the order of their first group's name; each part's groups
     * in that order too. */
    for (i = 0; i < ng; i++)
        order[i] = m->groups[i];
    xqsort(order, ng, sizeof(*order), cmp_group_name);
    for (i = 0; i < ng; i++)
        part_of[i] = (size_t)-1;
    for (i = 0; i < ng; i++) {
        size_t root = find(up, order[i]->index);
        struct part *p;
        if (part_of[root] == (size_t)-1) {
            part_of[root] = k;
            parts[k].title = xasprintf("component of %s", order[i]->name);
            k++;
        }
        p = &parts[part_of[root]];
        p->focus = xrealloc(p->focus, (p->nfocus + 1) * sizeof(*p->focus));
        p->focus[p->nfocus++] = exact_pattern(order[i]->id);
        p->ngroups++;
    }
    free(up);
    free(part_of);
    free(order);
    *out = parts;
    return k;
}

/* ===== The index ===== */

static void index_line(struct strbuf *sb, int html, const struct part *p)
{
    if (html) {
        strbuf_addf(sb, "<li><a href=\"%s\">", p->file);
        escape_html(sb, p->title);
        strbuf_addf(sb, "</a> (%zu group%s)</li>\n", p->ngroups, p->ngroups == 1 ? "" : "s");
    } else {
        strbuf_addstr(sb, "- [");
        escape_markdown(sb, p->title, 0);
        strbuf_addf(sb, "](%s) (%zu group%s)\n", p->file, p->ngroups,
                    p->ngroups == 1 ? "" : "s");
    }
}

static int write_index(const char *dir, const char *mode, int html, const struct part *parts,
                       size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    char *path = xasprintf("%s/index.%s", dir, html ? "html" : "md");
    size_t i;
    int rc;

    if (html)
        strbuf_addf(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                         "'none'\">\n<title>sgmap: one drawing per %s</title>\n</head>\n<body>\n"
                         "<h1>sgmap: one drawing per %s</h1>\n<ul>\n",
                    mode, mode);
    else
        strbuf_addf(&sb, "# sgmap: one drawing per %s\n\n", mode);
    for (i = 0; i < n; i++)
        index_line(&sb, html, &parts[i]);
    if (html)
        strbuf_addstr(&sb, "</ul>\n</body>\n</html>\n");
    rc = output_write(path, sb.buf, sb.len);
    free(path);
    strbuf_release(&sb);
    return rc;
}

/* ===== The split ===== */

int render_split(const struct model *m, const struct split_request *rq)
{
    struct strmap *taken = strmap_new_sized(m->ngroups + 2);
    struct part *parts = NULL;
    int component = strcmp(rq->mode, "component") == 0;
    size_t n = component ? parts_by_component(m, &parts) : parts_by_vpc(m, &parts), i, j;
    int rc = 0;

    if (mkdir(rq->dir, 0777) < 0 && errno != EEXIST) {
        diag_system("cannot create the folder %s: %s", rq->dir, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && n == 0)
        diag_warning(NULL, "nothing to split by %s: no %s in the inputs", rq->mode,
                     component ? "group" : "VPC");
    strmap_put(taken, "index.md", (void *)1);
    strmap_put(taken, "index.html", (void *)1);
    for (i = 0; i < n; i++)
        parts[i].file = file_name(taken, component ? parts[i].title + strlen("component of ")
                                                   : parts[i].vpc,
                                  rq->ext);
    for (i = 0; rc == 0 && i < n; i++) {
        struct view_options vo = rq->view;
        struct view *v;
        char *data = NULL, *path;
        size_t len = 0;

        vo.vpc = parts[i].vpc;
        if (parts[i].focus) {
            vo.focus = parts[i].focus;
            vo.nfocus = parts[i].nfocus;
            vo.depth = 0;
        }
        v = draw_view(m, &vo);
        rc = draw_output(v, rq->theme, rq->format, &data, &len);
        view_free(v);
        if (rc == 0) {
            path = xasprintf("%s/%s", rq->dir, parts[i].file);
            rc = output_write(path, data, len);
            free(path);
        }
        free(data);
    }
    if (rc == 0)
        rc = write_index(rq->dir, rq->mode, rq->html_index, parts, n);
    for (i = 0; i < n; i++) {
        free(parts[i].title);
        free(parts[i].file);
        for (j = 0; j < parts[i].nfocus; j++)
            free(parts[i].focus[j]);
        free(parts[i].focus);
    }
    free(parts);
    strmap_free(taken);
    return rc;
}
