/*
 * emit_drawio.c - the drawing as an editable diagrams.net (draw.io) file.
 *
 * It reads Graphviz's "json" output of the drawing's own DOT, laid out as
 * the SVG is, so the file holds what the drawing holds and where: each
 * cluster (VPC frame, group region, legend) a container inside the one
 * that encloses it, each visible node a shape inside its innermost
 * cluster, each visible edge an arrow between the cells it is drawn
 * between (a cluster when it is clipped to one), with the text Graphviz
 * drew (its _ldraw_ lines) and the tooltip. Cells are identified by the
 * DOT id attributes (the view's ids), else by "gv-" and the DOT name (or
 * number).
 *
 * Graphviz's y grows upward from the bottom; draw.io's downward from the
 * top, with a child's geometry relative to its parent container.
 * Attribute text is escaped by escape.c; style values are taken from the
 * layout only when they are plain colours, numbers or known shape names.
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "strbuf.h"
#include "xalloc.h"

#define POINTS_PER_INCH 72.0

/* A rectangle in draw.io's orientation (y downward), absolute. */
struct box {
    double x, y, w, h;
};

struct dio {
    json_t *objects;       /* subgraphs first, then nodes, indexed by _gvid */
    size_t nsub;           /* how many of them are subgraphs */
    size_t nobj;
    double left, top;      /* the graph's bounding box: lowest x, highest y */
    long *parent;          /* per object: its enclosing cluster's index, or -1 */
    size_t *depth;         /* per subgraph: clusters around it */
    int *visible;          /* per object: drawn as a cell */
    struct box *box;       /* per object: its absolute rectangle */
    struct strbuf out;
};

static const char *attr(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static int is_cluster(const json_t *o)
{
    return strncmp(attr(o, "name"), "cluster", 7) == 0;
}

/* Is the object's style (a comma-separated list) holding word? */
static int has_style(const json_t *o, const char *word)
{
    const char *s = attr(o, "style");
    size_t n = strlen(word);

    while ((s = strstr(s, word)) != NULL) {
        if ((s == attr(o, "style") || s[-1] == ',') && (s[n] == '\0' || s[n] == ','))
            return 1;
        s += n;
    }
    return 0;
}

/* A colour fit for a style value: #hex or a lowercase name, else NULL. */
static const char *color(const json_t *o, const char *key)
{
    const char *c = attr(o, key);
    size_t i, n = strlen(c);

    if (n == 0 || n > 20)
        return NULL;
    for (i = 0; i < n; i++)
        if (!(c[0] == '#' ? i == 0 || isxdigit((unsigned char)c[i])
                          : islower((unsigned char)c[i])))
            return NULL;
    return c;
}

/* A number attribute (penwidth, fontsize), or def when absent or odd. */
static double number(const json_t *o, const char *key, double def)
{
    char *end;
    const char *s = attr(o, key);
    double v = strtod(s, &end);

    return *s && *end == '\0' && v >= 0 && v < 1000 ? v : def;
}

/* The cell id: the DOT id attribute, else "gv-" and the DOT name, or for
 * an edge without either (the legend's samples) "gv-e" and its number. */
static void cell_id(struct strbuf *sb, const json_t *o)
{
    if (*attr(o, "id")) {
        escape_xml(sb, attr(o, "id"), 0);
    } else if (*attr(o, "name")) {
        strbuf_addstr(sb, "gv-");
        escape_xml(sb, attr(o, "name"), 0);
    } else {
        strbuf_addf(sb, "gv-e%lld", (long long)json_integer_value(json_object_get(o, "_gvid")));
    }
}

/* Baselines closer than this (points) are one line: the cells of a table
 * row in different font sizes. */
#define SAME_LINE 4.0

/* The text Graphviz drew for an object: its _ldraw_ text pieces, a new
 * line wherever the baseline moves, else one space between words. */
static void drawn_text(struct strbuf *sb, const json_t *o)
{
    const json_t *ops = json_object_get(o, "_ldraw_"), *op;
    double y = 0;
    int first = 1;
    size_t i;

    json_array_foreach(ops, i, op) {
        const char *text = json_string_value(json_object_get(op, "text"));
        const json_t *pt = json_object_get(op, "pt");
        double py = json_number_value(json_array_get(pt, 1));
        if (strcmp(attr(op, "op"), "T") != 0 || !text)
            continue;
        if (!first && (py - y > SAME_LINE || y - py > SAME_LINE))
            strbuf_addch(sb, '\n');
        else if (!first && sb->len && sb->buf[sb->len - 1] != ' ' && *text != ' ')
            strbuf_addch(sb, ' ');
        strbuf_addstr(sb, text);
        first = 0;
        y = py;
    }
}

/* ===== Geometry ===== */

/* "a,b,c,d" into four numbers; 0 when malformed. */
static int parse_bb(const char *s, double v[4])
{
    return sscanf(s, "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) == 4;
}

static void place(struct dio *d, size_t i)
{
    const json_t *o = json_array_get(d->objects, i);
    double v[4], x, y;

    if (i < d->nsub) {
        if (parse_bb(attr(o, "bb"), v)) {
            d->box[i] = (struct box){v[0] - d->left, d->top - v[3], v[2] - v[0], v[3] - v[1]};
            d->visible[i] = is_cluster(o);
        }
        return;
    }
    if (sscanf(attr(o, "pos"), "%lf,%lf", &x, &y) != 2)
        return;
    d->box[i].w = number(o, "width", 0) * POINTS_PER_INCH;
    d->box[i].h = number(o, "height", 0) * POINTS_PER_INCH;
    d->box[i].x = x - d->left - d->box[i].w / 2;
    d->box[i].y = d->top - y - d->box[i].h / 2;
    d->visible[i] = !has_style(o, "invis");
}

/* Each object's innermost enclosing cluster: the deepest cluster listing
 * it (subgraphs list their subgraphs' nodes too). */
static void find_parents(struct dio *d)
{
    size_t i, j, pass;
    const json_t *o, *child;

    for (i = 0; i < d->nobj; i++)
        d->parent[i] = -1;
    /* Depth first: a subgraph's parent is the subgraph listing it. */
    for (i = 0; i < d->nsub; i++) {
        o = json_array_get(d->objects, i);
        json_array_foreach(json_object_get(o, "subgraphs"), j, child) {
            json_int_t c = json_integer_value(child);
            if (c >= 0 && (size_t)c < d->nsub && (size_t)c != i)
                d->parent[c] = (long)i;
        }
    }
    for (i = 0; i < d->nsub; i++) {
        long p = d->parent[i];
        d->depth[i] = 0;
        for (pass = 0; p >= 0 && pass <= d->nsub; pass++, p = d->parent[p])
            d->depth[i]++;
    }
    /* Non-cluster subgraphs are no containers: skip to a cluster above. */
    for (i = 0; i < d->nsub; i++) {
        long p = d->parent[i];
        for (pass = 0; p >= 0 && pass <= d->nsub && !d->visible[p]; pass++)
            p = d->parent[p];
        d->parent[i] = p >= 0 && d->visible[p] ? p : -1;
    }
    for (i = 0; i < d->nsub; i++) {
        if (!d->visible[i])
            continue;
        o = json_array_get(d->objects, i);
        json_array_foreach(json_object_get(o, "nodes"), j, child) {
            json_int_t n = json_integer_value(child);
            if (n < (json_int_t)d->nsub || (size_t)n >= d->nobj)
                continue;
            if (d->parent[n] < 0 || d->depth[d->parent[n]] < d->depth[i])
                d->parent[n] = (long)i;
        }
    }
}

/* ===== Cells ===== */

static void put_num(struct strbuf *sb, const char *name, double v)
{
    strbuf_addf(sb, " %s=\"%.2f\"", name, v);
}

/* fillColor, strokeColor, fontColor, strokeWidth and dashes of o. */
static void style_colors(struct strbuf *sb, const json_t *o, int filled)
{
    const char *fill = color(o, "fillcolor") ? color(o, "fillcolor") : color(o, "color");
    const char *stroke = color(o, "color") ? color(o, "color") : "#000000";

    strbuf_addf(sb, "fillColor=%s;strokeColor=%s;", filled && fill ? fill : "none", stroke);
    if (color(o, "fontcolor"))
        strbuf_addf(sb, "fontColor=%s;", color(o, "fontcolor"));
    strbuf_addf(sb, "strokeWidth=%g;fontSize=%g;", number(o, "penwidth", 1),
                number(o, "fontsize", 10));
    if (has_style(o, "dashed"))
        strbuf_addstr(sb, "dashed=1;");
    else if (has_style(o, "dotted"))
        strbuf_addstr(sb, "dashed=1;dashPattern=1 3;");
}

/* Graphviz shapes and the draw.io style that looks most like each. */
static const struct {
    const char *gv, *dio;
} shapes[] = {
    {"box", "rounded=0;"},          {"rect", "rounded=0;"},
    {"rectangle", "rounded=0;"},    {"square", "rounded=0;"},
    {"ellipse", "ellipse;"},        {"oval", "ellipse;"},
    {"circle", "ellipse;"},         {"point", "ellipse;"},
    {"doublecircle", "ellipse;shape=doubleEllipse;"},
    {"Mcircle", "ellipse;"},        {"diamond", "rhombus;"},
    {"note", "shape=note;size=8;"}, {"tab", "shape=folder;"},
    {"folder", "shape=folder;"},    {"box3d", "shape=cube;size=6;"},
    {"component", "shape=component;"},
    {"cylinder", "shape=cylinder3;size=6;"},
    {"house", "shape=offPageConnector;flipV=1;size=0.25;"},
    {"invhouse", "shape=offPageConnector;size=0.25;"},
    {"hexagon", "shape=hexagon;perimeter=hexagonPerimeter2;"},
    {"octagon", "shape=hexagon;perimeter=hexagonPerimeter2;size=0.2;"},
    {"doubleoctagon", "shape=hexagon;perimeter=hexagonPerimeter2;size=0.2;"},
    {"septagon", "shape=hexagon;perimeter=hexagonPerimeter2;size=0.2;"},
    {"pentagon", "shape=hexagon;perimeter=hexagonPerimeter2;size=0.2;"},
    {"parallelogram", "shape=parallelogram;perimeter=parallelogramPerimeter;"},
    {"trapezium", "shape=trapezoid;perimeter=trapezoidPerimeter;flipV=1;"},
    {"invtrapezium", "shape=trapezoid;perimeter=trapezoidPerimeter;"},
    {"cds", "shape=step;perimeter=stepPerimeter;"},
};

static const char *shape_style(const json_t *o)
{
    const char *gv = attr(o, "shape");
    size_t i;

    if (strcmp(gv, "plaintext") == 0 || strcmp(gv, "plain") == 0 || strcmp(gv, "none") == 0)
        return "text;";
    for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
        if (strcmp(gv, shapes[i].gv) == 0)
            return shapes[i].dio;
    return "rounded=1;";
}

/* <UserObject id label tooltip> around an mxCell; the cell's attributes
 * are added by the caller, then close_cell(). */
static void open_cell(struct dio *d, const json_t *o)
{
    struct strbuf text = STRBUF_INIT, tip = STRBUF_INIT;

    drawn_text(&text, o);
    unescape_dot_tooltip(&tip, attr(o, "tooltip"));
    strbuf_addstr(&d->out, "        <UserObject id=\"");
    cell_id(&d->out, o);
    strbuf_addstr(&d->out, "\" label=\"");
    escape_xml(&d->out, text.len ? text.buf : "", 0);
    strbuf_addch(&d->out, '"');
    if (tip.len) {
        strbuf_addstr(&d->out, " tooltip=\"");
        escape_xml_html(&d->out, tip.buf, 0);
        strbuf_addch(&d->out, '"');
    }
    strbuf_addstr(&d->out, ">\n          <mxCell");
    strbuf_release(&text);
    strbuf_release(&tip);
}

static void parent_attr(struct dio *d, long parent)
{
    strbuf_addstr(&d->out, " parent=\"");
    if (parent < 0)
        strbuf_addch(&d->out, '1');
    else
        cell_id(&d->out, json_array_get(d->objects, (size_t)parent));
    strbuf_addch(&d->out, '"');
}

static void emit_vertex(struct dio *d, size_t i)
{
    const json_t *o = json_array_get(d->objects, i);
    struct box b = d->box[i];
    long p = d->parent[i];

    open_cell(d, o);
    strbuf_addstr(&d->out, " style=\"");
    if (i < d->nsub) {
        /* The label at the top left, as labeljust=l draws it. */
        strbuf_addstr(&d->out, "rounded=1;arcSize=4;absoluteArcSize=1;container=1;"
                               "collapsible=0;recursiveResize=0;verticalAlign=top;align=left;"
                               "spacingLeft=6;");
        style_colors(&d->out, o, has_style(o, "filled"));
    } else {
        strbuf_addstr(&d->out, shape_style(o));
        if (strcmp(attr(o, "shape"), "point") == 0)
            strbuf_addf(&d->out, "fillColor=%s;strokeColor=none;",
                        color(o, "color") ? color(o, "color") : "#000000");
        else if (strcmp(shape_style(o), "text;") == 0)
            strbuf_addstr(&d->out, "fillColor=none;strokeColor=none;");
        else
            style_colors(&d->out, o, has_style(o, "filled"));
    }
    strbuf_addstr(&d->out, "whiteSpace=wrap;html=0;\" vertex=\"1\"");
    parent_attr(d, p);
    if (p >= 0) {
        b.x -= d->box[p].x;
        b.y -= d->box[p].y;
    }
    strbuf_addstr(&d->out, ">\n            <mxGeometry");
    put_num(&d->out, "x", b.x);
    put_num(&d->out, "y", b.y);
    put_num(&d->out, "width", b.w);
    put_num(&d->out, "height", b.h);
    strbuf_addstr(&d->out, " as=\"geometry\" />\n          </mxCell>\n        </UserObject>\n");
}

/* The object an edge end is drawn to: the cluster it is clipped to
 * (ltail, lhead), else its node, or the cluster holding an invisible
 * anchor node; -1 when none is drawn. */
static long edge_end(const struct dio *d, const json_t *e, const char *end, const char *clip)
{
    json_int_t n = json_integer_value(json_object_get(e, end));
    size_t i;

    if (*attr(e, clip))
        for (i = 0; i < d->nsub; i++)
            if (d->visible[i] && strcmp(attr(json_array_get(d->objects, i), "name"),
                                        attr(e, clip)) == 0)
                return (long)i;
    if (n < (json_int_t)d->nsub || (size_t)n >= d->nobj)
        return -1;
    return d->visible[n] ? (long)n : d->parent[n];
}

/* The arrowheads: Graphviz's arrow names (the view's looks) in draw.io. */
static const char *arrow(const char *gv, const char *def)
{
    if (!*gv)
        return def;
    if (strcmp(gv, "none") == 0)
        return "none;";
    if (strcmp(gv, "tee") == 0)
        return "baseDash;";
    if (strcmp(gv, "vee") == 0)
        return "open;";
    if (gv[0] == 'o' || strstr(gv, "onormal"))
        return "block;endFill=0;startFill=0;";
    return "block;";
}

/* The i-th point of a route, in draw.io's orientation. */
static void route_point(const struct dio *d, const json_t *pts, size_t i, double *x, double *y)
{
    const json_t *p = json_array_get(pts, i);
    *x = json_number_value(json_array_get(p, 0)) - d->left;
    *y = d->top - json_number_value(json_array_get(p, 1));
}

/* draw.io puts an edge's label halfway along its route (the ends and the
 * points between); the offset from there moves it to where Graphviz put it
 * (lp), as near as the ends draw.io computes allow. */
static void label_offset(struct dio *d, const json_t *e, const json_t *pts)
{
    size_t n = json_array_size(pts), i;
    double lx, ly, x0, y0, x1, y1, total = 0, walked = 0;

    if (n < 4 || sscanf(attr(e, "lp"), "%lf,%lf", &lx, &ly) != 2)
        return;
    for (i = 3; i < n; i += 3) {
        route_point(d, pts, i - 3, &x0, &y0);
        route_point(d, pts, i, &x1, &y1);
        total += hypot(x1 - x0, y1 - y0);
    }
    for (i = 3; i < n; i += 3) {
        double step;
        route_point(d, pts, i - 3, &x0, &y0);
        route_point(d, pts, i, &x1, &y1);
        step = hypot(x1 - x0, y1 - y0);
        if (walked + step >= total / 2 && step > 0) {
            double t = (total / 2 - walked) / step;
            x0 += (x1 - x0) * t;
            y0 += (y1 - y0) * t;
            break;
        }
        walked += step;
    }
    strbuf_addstr(&d->out, "              <mxPoint");
    put_num(&d->out, "x", lx - d->left - x0);
    put_num(&d->out, "y", d->top - ly - y0);
    strbuf_addstr(&d->out, " as=\"offset\" />\n");
}

static void emit_edge(struct dio *d, const json_t *e)
{
    long from = edge_end(d, e, "tail", "ltail"), to = edge_end(d, e, "head", "lhead");
    const json_t *ops = json_object_get(e, "_draw_"), *op, *pts = NULL;
    const int both = strcmp(attr(e, "dir"), "both") == 0;
    size_t i, n;

    if (from < 0 || to < 0 || has_style(e, "invis"))
        return;
    open_cell(d, e);
    strbuf_addf(&d->out, " style=\"curved=1;endArrow=%sstartArrow=%s",
                arrow(attr(e, "arrowhead"), "block;"),
                both ? arrow(attr(e, "arrowtail"), "block;") : "none;");
    style_colors(&d->out, e, 0);
    strbuf_addstr(&d->out, "html=0;labelBackgroundColor=#ffffff;\" edge=\"1\" parent=\"1\" "
                           "source=\"");
    cell_id(&d->out, json_array_get(d->objects, (size_t)from));
    strbuf_addstr(&d->out, "\" target=\"");
    cell_id(&d->out, json_array_get(d->objects, (size_t)to));
    strbuf_addstr(&d->out, "\">\n            <mxGeometry relative=\"1\" as=\"geometry\">\n");
    /* The route Graphviz drew: its Bezier curve's points between the
     * ends (every third lies on the curve). */
    json_array_foreach(ops, i, op)
        if (strcmp(attr(op, "op"), "b") == 0 || strcmp(attr(op, "op"), "B") == 0) {
            pts = json_object_get(op, "points");
            break;
        }
    n = json_array_size(pts);
    if (n > 4) {
        strbuf_addstr(&d->out, "              <Array as=\"points\">\n");
        for (i = 3; i + 1 < n; i += 3) {
            const json_t *p = json_array_get(pts, i);
            strbuf_addstr(&d->out, "                <mxPoint");
            put_num(&d->out, "x", json_number_value(json_array_get(p, 0)) - d->left);
            put_num(&d->out, "y", d->top - json_number_value(json_array_get(p, 1)));
            strbuf_addstr(&d->out, " />\n");
        }
        strbuf_addstr(&d->out, "              </Array>\n");
    }
    label_offset(d, e, pts);
    strbuf_addstr(&d->out, "            </mxGeometry>\n          </mxCell>\n        </UserObject>\n");
}

static void emit_all(struct dio *d, const json_t *graph, double width, double height)
{
    const json_t *e;
    size_t i, depth, maxdepth = 0;

    strbuf_addstr(&d->out, "<mxfile host=\"sgmap\" type=\"device\">\n"
                           "  <diagram id=\"sgmap\" name=\"");
    escape_xml(&d->out, *attr(graph, "name") ? attr(graph, "name") : "sgmap", 0);
    strbuf_addstr(&d->out, "\">\n    <mxGraphModel grid=\"0\" guides=\"1\" tooltips=\"1\" "
                           "connect=\"1\" arrows=\"1\" fold=\"0\" page=\"1\" pageScale=\"1\"");
    put_num(&d->out, "pageWidth", width);
    put_num(&d->out, "pageHeight", height);
    strbuf_addstr(&d->out, " math=\"0\" shadow=\"0\">\n      <root>\n        <mxCell id=\"0\" />\n"
                           "        <mxCell id=\"1\" parent=\"0\" />\n");
    /* Containers before what they contain, outermost first. */
    for (i = 0; i < d->nsub; i++)
        if (d->visible[i] && d->depth[i] > maxdepth)
            maxdepth = d->depth[i];
    for (depth = 0; depth <= maxdepth; depth++)
        for (i = 0; i < d->nsub; i++)
            if (d->visible[i] && d->depth[i] == depth)
                emit_vertex(d, i);
    for (i = d->nsub; i < d->nobj; i++)
        if (d->visible[i])
            emit_vertex(d, i);
    json_array_foreach(json_object_get(graph, "edges"), i, e)
        emit_edge(d, e);
    strbuf_addstr(&d->out, "      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
}

int emit_drawio(const char *layout, size_t len, FILE *fp)
{
    json_error_t err;
    json_t *graph = json_loadb(layout, len, 0, &err);
    struct dio d = {0};
    double bb[4];
    size_t i;
    int rc;

    if (!graph || !parse_bb(attr(graph, "bb"), bb)) {
        diag_system("cannot read Graphviz's layout of the drawing%s%s",
                    graph ? "" : ": ", graph ? "" : err.text);
        json_decref(graph);
        return -1;
    }
    d.objects = json_object_get(graph, "objects");
    d.nobj = json_array_size(d.objects);
    d.nsub = (size_t)json_integer_value(json_object_get(graph, "_subgraph_cnt"));
    if (d.nsub > d.nobj)
        d.nsub = d.nobj;
    d.left = bb[0];
    d.top = bb[3];
    d.parent = xcalloc(d.nobj + 1, sizeof(*d.parent));
    d.depth = xcalloc(d.nsub + 1, sizeof(*d.depth));
    d.visible = xcalloc(d.nobj + 1, sizeof(*d.visible));
    d.box = xcalloc(d.nobj + 1, sizeof(*d.box));
    strbuf_init(&d.out);
    for (i = 0; i < d.nobj; i++)
        place(&d, i);
    find_parents(&d);
    emit_all(&d, graph, bb[2] - bb[0], bb[3] - bb[1]);
    fwrite(d.out.buf, 1, d.out.len, fp);
    rc = ferror(fp) ? -1 : 0;
    strbuf_release(&d.out);
    free(d.parent);
    free(d.depth);
    free(d.visible);
    free(d.box);
    json_decref(graph);
    return rc;
}
