/*
 * svg_measure.c - readability figures of a drawing, from the geometry of
 * the SVG Graphviz wrote (issue 16): its size, the height of its 10 pt
 * text when the whole drawing is fitted to a 1920x1080 screen, how many
 * times its arrows cross, and how many arrow labels sit away from their
 * arrow.
 *
 *     svg_measure FILE.svg
 *
 * prints one line of NAME=VALUE figures:
 *
 *     width_pt height_pt   the drawing's size in points
 *     text_px              10 pt text in screen pixels once the drawing is
 *                          shrunk (never grown) to fit 1920x1080 at 96 dpi
 *     edges labels         arrows (class="edge") and the labelled ones
 *     crossings            points where two arrows' curves cross, away from
 *                          their ends (arrows meeting at a node do not
 *                          count, nor curves running together at a
 *                          glancing angle)
 *     detached             labels whose box is more than one text height
 *                          (9 pt) from every point of their arrow's curve
 *
 * The SVG is read as Graphviz writes it (one element a line, an edge's
 * group holding its curve as <path d="M x,y C x,y ...">, its arrowheads
 * and its label's <text> lines); curves are flattened into 8 segments per
 * cubic, and crossings found through a grid of cells so that a drawing of
 * thousands of arrows is measured in a fraction of a second.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEPS 8            /* segments per cubic Bezier piece */
#define END_SKIP 4.0       /* points near an arrow's ends where crossings are not counted */
#define MIN_SINE 0.1       /* arrows meeting at less than about 6 degrees run together */
#define LABEL_GAP 9.0      /* a label farther than this from its arrow is detached */
#define SCREEN_W 1920.0
#define SCREEN_H 1080.0
#define PX_PER_PT (96.0 / 72.0)

struct pt {
    double x, y;
};

struct seg {
    struct pt a, b;
    size_t edge;
};

struct edge {
    size_t first, n;        /* its segments */
    struct pt start, end;   /* the curve's ends */
    int labelled;
    double lx0, ly0, lx1, ly1; /* the label's box */
};

static struct seg *segs;
static size_t nsegs, segs_cap;
static struct edge *edges;
static size_t nedges, edges_cap;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    *cap = *cap ? *cap * 2 : 256;
    if (*cap < need)
        *cap = need;
    p = realloc(p, *cap * size);
    if (!p) {
        perror("svg_measure");
        exit(2);
    }
    return p;
}

static void add_seg(struct pt a, struct pt b)
{
    segs = grow(segs, &segs_cap, nsegs + 1, sizeof(*segs));
    segs[nsegs].a = a;
    segs[nsegs].b = b;
    segs[nsegs].edge = nedges - 1;
    nsegs++;
    edges[nedges - 1].n++;
}

/* The next number of a path's data, or 0 at its end. */
static int number(const char **s, double *out)
{
    char *end;
    while (**s == ' ' || **s == ',')
        (*s)++;
    *out = strtod(*s, &end);
    if (end == *s)
        return 0;
    *s = end;
    return 1;
}

/* A curve "M x,y C x1,y1 x2,y2 x3,y3 ..." (up to the closing quote)
 * flattened into the current edge's segments. */
static void add_path(const char *d)
{
    struct pt cur, c[3];
    int i, k;
    struct edge *e = &edges[nedges - 1];

    if (*d != 'M')
        return;
    d++;
    if (!number(&d, &cur.x) || !number(&d, &cur.y))
        return;
    if (!e->n && e->first == nsegs)
        e->start = cur;
    while (*d == ' ')
        d++;
    if (*d == 'C')
        d++;
    for (;;) {
        for (i = 0; i < 3; i++)
            if (!number(&d, &c[i].x) || !number(&d, &c[i].y))
                goto done;
        for (k = 1; k <= STEPS; k++) {
            double t = (double)k / STEPS, u = 1 - t;
            struct pt p = {u * u * u * cur.x + 3 * u * u * t * c[0].x + 3 * u * t * t * c[1].x +
                               t * t * t * c[2].x,
                           u * u * u * cur.y + 3 * u * u * t * c[0].y + 3 * u * t * t * c[1].y +
                               t * t * t * c[2].y};
            struct pt prev = k == 1 ? cur : segs[nsegs - 1].b;
            add_seg(prev, p);
        }
        cur = c[2];
    }
done:
    e->end = cur;
}

static double attr_num(const char *line, const char *name)
{
    const char *p = strstr(line, name);
    return p ? atof(p + strlen(name)) : 0;
}

/* The text of a <text> element: its length in characters (UTF-8 lead
 * bytes; an entity counts as one). */
static size_t text_chars(const char *line)
{
    const char *p = strchr(line, '>');
    size_t n = 0;
    if (!p)
        return 0;
    for (p++; *p && *p != '<'; p++) {
        if (*p == '&') {
            const char *semi = strchr(p, ';');
            if (semi)
                p = semi;
        }
        if ((*p & 0xc0) != 0x80)
            n++;
    }
    return n;
}

static int cross(const struct seg *s, const struct seg *t, struct pt *at)
{
    double d1x = s->b.x - s->a.x, d1y = s->b.y - s->a.y;
    double d2x = t->b.x - t->a.x, d2y = t->b.y - t->a.y;
    double den = d1x * d2y - d1y * d2x, u, w;

    /* Curves that run together (arrows leaving one port) touch at a
     * glancing angle: that is no crossing a reader sees. */
    if (fabs(den) <= MIN_SINE * hypot(d1x, d1y) * hypot(d2x, d2y) || fabs(den) < 1e-12)
        return 0;
    u = ((t->a.x - s->a.x) * d2y - (t->a.y - s->a.y) * d2x) / den;
    w = ((t->a.x - s->a.x) * d1y - (t->a.y - s->a.y) * d1x) / den;
    /* Half-open on the far end, so that a crossing at a joint counts once. */
    if (u < 0 || u >= 1 || w < 0 || w >= 1)
        return 0;
    at->x = s->a.x + u * d1x;
    at->y = s->a.y + u * d1y;
    return 1;
}

static double dist(struct pt a, struct pt b)
{
    return hypot(a.x - b.x, a.y - b.y);
}

static int near_end(const struct edge *e, struct pt p)
{
    return dist(p, e->start) < END_SKIP || dist(p, e->end) < END_SKIP;
}

/* Crossings between segments of different arrows, through a grid: a pair
 * is tested in every cell both touch, and counted only in the cell that
 * holds its crossing point. */
static size_t count_crossings(void)
{
    double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300, cell;
    size_t i, j, k, gw, gh, *count, *start, *items = NULL, total = 0, found = 0;

    if (!nsegs)
        return 0;
    for (i = 0; i < nsegs; i++) {
        minx = fmin(minx, fmin(segs[i].a.x, segs[i].b.x));
        maxx = fmax(maxx, fmax(segs[i].a.x, segs[i].b.x));
        miny = fmin(miny, fmin(segs[i].a.y, segs[i].b.y));
        maxy = fmax(maxy, fmax(segs[i].a.y, segs[i].b.y));
    }
    cell = fmax(20.0, sqrt((maxx - minx + 1) * (maxy - miny + 1) / (double)nsegs) * 2);
    gw = (size_t)((maxx - minx) / cell) + 1;
    gh = (size_t)((maxy - miny) / cell) + 1;
    count = calloc(gw * gh + 1, sizeof(*count));
    start = calloc(gw * gh + 1, sizeof(*start));
    /* Two passes: count each cell's segments, then place them. */
    for (k = 0; k < 2; k++) {
        for (i = 0; i < nsegs; i++) {
            size_t x0 = (size_t)((fmin(segs[i].a.x, segs[i].b.x) - minx) / cell);
            size_t x1 = (size_t)((fmax(segs[i].a.x, segs[i].b.x) - minx) / cell);
            size_t y0 = (size_t)((fmin(segs[i].a.y, segs[i].b.y) - miny) / cell);
            size_t y1 = (size_t)((fmax(segs[i].a.y, segs[i].b.y) - miny) / cell);
            size_t x, y;
            for (y = y0; y <= y1; y++)
                for (x = x0; x <= x1; x++) {
                    if (k == 0)
                        count[y * gw + x]++;
                    else
                        items[start[y * gw + x] + count[y * gw + x]++] = i;
                }
        }
        if (k == 0) {
            for (j = 0; j < gw * gh; j++) {
                start[j] = total;
                total += count[j];
                count[j] = 0;
            }
            items = malloc((total + 1) * sizeof(*items));
        }
    }
    for (j = 0; j < gw * gh; j++) {
        size_t cx = j % gw, cy = j / gw;
        for (i = 0; i < count[j]; i++)
            for (k = i + 1; k < count[j]; k++) {
                const struct seg *s = &segs[items[start[j] + i]], *t = &segs[items[start[j] + k]];
                struct pt at;
                if (s->edge == t->edge || !cross(s, t, &at))
                    continue;
                if ((size_t)((at.x - minx) / cell) != cx || (size_t)((at.y - miny) / cell) != cy)
                    continue;
                if (near_end(&edges[s->edge], at) || near_end(&edges[t->edge], at))
                    continue;
                found++;
            }
    }
    free(count);
    free(start);
    free(items);
    return found;
}

/* Distance from a point to a box (0 inside). */
static double box_dist(const struct edge *e, struct pt p)
{
    double dx = p.x < e->lx0 ? e->lx0 - p.x : p.x > e->lx1 ? p.x - e->lx1 : 0;
    double dy = p.y < e->ly0 ? e->ly0 - p.y : p.y > e->ly1 ? p.y - e->ly1 : 0;
    return hypot(dx, dy);
}

static int detached(const struct edge *e)
{
    size_t i;
    if (!e->labelled || !e->n)
        return 0;
    for (i = e->first; i < e->first + e->n; i++)
        if (box_dist(e, segs[i].a) <= LABEL_GAP || box_dist(e, segs[i].b) <= LABEL_GAP)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    FILE *fp;
    char *line = NULL;
    size_t cap = 0, i, labelled = 0, far = 0;
    double w = 0, h = 0, fit;
    int depth = 0; /* <g> depth inside the current edge's group, 0 outside */

    if (argc != 2) {
        fprintf(stderr, "usage: svg_measure FILE.svg\n");
        return 2;
    }
    fp = fopen(argv[1], "r");
    if (!fp) {
        perror(argv[1]);
        return 2;
    }
    while (getline(&line, &cap, fp) > 0) {
        const char *p;
        if (!w && strncmp(line, "<svg width=\"", 12) == 0) {
            w = attr_num(line, "width=\"");
            h = attr_num(line, "height=\"");
        }
        if (!depth && strstr(line, "class=\"edge\"")) {
            edges = grow(edges, &edges_cap, nedges + 1, sizeof(*edges));
            memset(&edges[nedges], 0, sizeof(*edges));
            edges[nedges].first = nsegs;
            nedges++;
            depth = 1;
            continue;
        }
        if (!depth)
            continue;
        for (p = line; (p = strstr(p, "<g")) != NULL; p += 2)
            depth++;
        for (p = line; (p = strstr(p, "</g>")) != NULL; p += 4)
            depth--;
        if (strncmp(line, "<path ", 6) == 0 && (p = strstr(line, " d=\"")) != NULL) {
            add_path(p + 4);
        } else if (strncmp(line, "<text ", 6) == 0) {
            struct edge *e = &edges[nedges - 1];
            double x = attr_num(line, " x=\""), y = attr_num(line, " y=\"");
            double size = attr_num(line, "font-size=\""), half = 0.3 * size * text_chars(line);
            double x0 = x - half, x1 = x + half;
            if (strstr(line, "text-anchor=\"start\"")) {
                x0 = x;
                x1 = x + 2 * half;
            }
            if (!e->labelled) {
                e->labelled = 1;
                e->lx0 = x0;
                e->lx1 = x1;
                e->ly0 = y - size;
                e->ly1 = y + 0.25 * size;
            } else {
                e->lx0 = fmin(e->lx0, x0);
                e->lx1 = fmax(e->lx1, x1);
                e->ly0 = fmin(e->ly0, y - size);
                e->ly1 = fmax(e->ly1, y + 0.25 * size);
            }
        }
    }
    free(line);
    fclose(fp);
    if (!w || !h) {
        fprintf(stderr, "svg_measure: %s: no <svg width=... height=...>\n", argv[1]);
        return 2;
    }
    for (i = 0; i < nedges; i++) {
        labelled += edges[i].labelled;
        far += (size_t)detached(&edges[i]);
    }
    fit = fmin(1.0, fmin(SCREEN_W / (w * PX_PER_PT), SCREEN_H / (h * PX_PER_PT)));
    printf("width_pt=%.0f height_pt=%.0f text_px=%.2f edges=%zu labels=%zu crossings=%zu "
           "detached=%zu\n",
           w, h, 10 * PX_PER_PT * fit, nedges, labelled, count_crossings(), far);
    free(segs);
    free(edges);
    return 0;
}
