/*
 * emit.h - writers. Each takes what it draws and a FILE * and returns 0, or
 * -1 when writing failed (the caller reports it).
 */
#ifndef SGMAP_EMIT_H
#define SGMAP_EMIT_H

#include <stdio.h>

#include "marks.h"
#include "model.h"
#include "theme.h"
#include "view.h"

/* How the drawing should be laid out (chosen by graphviz_plan()). */
struct dot_layout {
    const char *engine; /* "dot" (clusters clipped, ranked) or "osage" (packed) */
    int fast;           /* dot with nslimit1=1 nslimit=0.02 mclimit=0.1 for large graphs */
    int packed;         /* osage: clusters packed in blocks, no visible edge labels */
};

/* Graphviz DOT text of the view, styled by the theme (no layout). */
int emit_dot(const struct view *v, const struct theme *t, FILE *fp);
/* The same with layout settings written into the graph (NULL = defaults). */
int emit_dot_layout(const struct view *v, const struct theme *t,
                    const struct dot_layout *layout, FILE *fp);
/* JSON schema version 1 of the whole model (DESIGN.md), independent of the
 * view; with marks (sgmap diff, else NULL), each changed object's change. */
int emit_json(const struct model *m, const struct marks *marks, FILE *fp);
/* The same with more members of the document, written by more(w, arg)
 * (diff's reachability changes). */
struct json_writer;
int emit_json_with(const struct model *m, const struct marks *marks,
                   void (*more)(struct json_writer *w, const void *arg), const void *arg,
                   FILE *fp);
/* The drawing as data, schema version 1 ("sgmap-view": 1, sgmap.1): frames,
 * clusters, nodes, edges and legend, with the ids the DOT carries. */
int emit_view(const struct view *v, FILE *fp);
/*
 * A Mermaid flowchart of the view: VPCs and groups as nested subgraphs,
 * interfaces and peers as nodes, rules as labelled links (ingress solid,
 * egress dotted); with view->opts.marks, the changes as classes and a
 * legend. Shared by render and diff.
 */
int emit_mermaid(const struct view *v, FILE *fp);

/*
 * The laid-out drawing as an editable diagrams.net (draw.io) file: layout
 * is Graphviz's "json" output of the drawing's DOT (draw.c), read for the
 * clusters (containers, nested as drawn), the nodes inside them, the arrows
 * between them, their text as drawn and their tooltips, at the layout's
 * coordinates. Returns 0, or -1 after reporting unreadable layout data.
 */
int emit_drawio(const char *layout, size_t len, FILE *fp);
/*
 * The interactive map: one offline HTML page holding svg (the drawing of v,
 * svglen bytes), v's view dump and its model as inert JSON, and the map's
 * script and style under a Content-Security-Policy that allows only them.
 */
int emit_html(const struct view *v, const char *svg, size_t svglen, FILE *fp);

/* Text escaping shared by the writers (appended to sb). */
struct strbuf;
/* How one writer escapes text: the replacement of each ASCII character
 * (NULL: kept), and what a control character without one becomes. */
struct escape_table {
    const char *repl[128];
    char control;
};
/*
 * Append s to sb escaped by t: invisible and bidirectional characters and
 * bytes of invalid UTF-8 are shown by name ("<U+200B>", "<U+202E>",
 * "<0xFF>", see utf8_show()), the name itself escaped by t; other
 * non-ASCII characters are kept. With max > 0, at most max characters are
 * written (a name counts as one), then an ellipsis.
 */
void escape_with(struct strbuf *sb, const char *s, const struct escape_table *t, size_t max);
/* For a DOT quoted label: quote as \", backslash doubled, '&' as &amp;,
 * newline as \n, other control characters as '?'. Labels
 * are cut at 256 characters, tooltips at 4096, with an ellipsis. */
void escape_dot(struct strbuf *sb, const char *s);
/* The same with every line left-justified (newlines and the end as \l). */
void escape_dot_left(struct strbuf *sb, const char *s);
/* The same for a tooltip, which Graphviz unescapes twice (backslash x4). */
void escape_dot_tooltip(struct strbuf *sb, const char *s);
/* For the text of a DOT HTML label: XML entities, backslash doubled. */
void escape_html(struct strbuf *sb, const char *s);
/* The same in lines of at most width characters joined by br (such as
 * "<BR/>"), broken at spaces or after '-', '_', '.', '/', ':' or ',' where
 * possible, else within a word; newlines are kept; at most max_lines lines,
 * then an ellipsis. */
void escape_html_wrapped(struct strbuf *sb, const char *s, size_t width, size_t max_lines,
                         const char *br);
/* For inline Markdown text (emit_markdown.c; diff's and reach's summaries):
 * nothing in it may become HTML, emphasis, a link, a table-cell break or an
 * @mention. At most max characters (0 = no limit). */
void escape_markdown(struct strbuf *sb, const char *s, size_t max);
/* For an XML attribute value: entities for & < > " ', newline and tab as
 * character references, other control characters '?'. At most max
 * characters (0 = no limit). */
void escape_xml(struct strbuf *sb, const char *s, size_t max);
/* The same for an attribute whose value is read as HTML (draw.io's
 * tooltips): the text escaped as HTML, then as XML. */
void escape_xml_html(struct strbuf *sb, const char *s, size_t max);
/* A tooltip as Graphviz's DOT reader returns it (written by
 * escape_dot_tooltip()) back to its text, appended to sb. */
void unescape_dot_tooltip(struct strbuf *sb, const char *s);

#endif
