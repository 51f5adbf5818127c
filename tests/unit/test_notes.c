/*
 * test_notes.c - the notes table's pieces: which formats draw it unless
 * told, how the view numbers what it lists (arrows, then rules among a
 * group's own members), and how its text and node names wrap.
 */
#include <stdlib.h>

#include "draw.h"
#include "emit.h"
#include "model.h"
#include "strbuf.h"
#include "unit.h"
#include "view.h"

static const struct srcloc here = {"unit", 1, 1, NULL};

/* PNG and PDF have no tooltips: they draw the table unless told not to. */
static void test_defaults(void)
{
    CHECK(draw_notes_by_default(DRAW_PNG));
    CHECK(draw_notes_by_default(DRAW_PDF));
    CHECK(!draw_notes_by_default(DRAW_SVG));
    CHECK(!draw_notes_by_default(DRAW_DOT));
    CHECK(!draw_notes_by_default(DRAW_MERMAID));
    CHECK(!draw_notes_by_default(DRAW_VIEW));
}

static void add_rule(struct model *m, const char *gid, const char *ports, enum peer_type type,
                     const char *peer)
{
    struct portspec ps;
    char err[128];
    if (ports_parse_label(ports, &ps, err, sizeof(err)) < 0)
        abort();
    model_add_rule(m, model_find_group(m, gid), DIR_INGRESS, &ps, type, peer, NULL, &here);
}

/* A web group reached from the internet and from an app group, and app's
 * members talking among themselves. */
static struct model *sample(void)
{
    struct model *m = model_new();
    const char *gids[] = {"web", "app"};
    size_t i;
    int created;

    for (i = 0; i < 2; i++) {
        struct iface *ifc = model_iface(m, gids[i], &created);
        model_group(m, gids[i], &created)->declared = 1;
        ifc->kind = KIND_EC2;
        model_iface_add_group(m, ifc, gids[i], NULL, 1, &here);
    }
    add_rule(m, "web", "tcp/443", PEER_CIDR, "0.0.0.0/0");
    add_rule(m, "web", "tcp/8080", PEER_GROUP, "app");
    add_rule(m, "app", "tcp/9999", PEER_GROUP, "app");
    if (model_finish(m) < 0)
        abort();
    return m;
}

/* Each arrow gets the next number, then each cluster with self rules. */
static void test_refs(void)
{
    struct model *m = sample();
    struct view_options o;
    struct view *v;
    size_t i, self = 0;

    memset(&o, 0, sizeof(o));
    o.detail = VIEW_DETAIL_REGIONS;
    v = view_build(m, &o);
    CHECK(v->nrefs == 0);
    for (i = 0; i < v->nedges; i++)
        CHECK(v->edges[i]->ref == 0);
    view_free(v);

    o.notes_table = 1;
    v = view_build(m, &o);
    CHECK(v->nedges == 2);
    for (i = 0; i < v->nedges; i++)
        CHECK(v->edges[i]->ref == i + 1);
    for (i = 0; i < v->nclusters; i++)
        if (v->clusters[i]->nself_rules) {
            self++;
            CHECK(v->clusters[i]->ref == v->nedges + 1);
        } else {
            CHECK(v->clusters[i]->ref == 0);
        }
    CHECK(self == 1);
    CHECK(v->nrefs == 3);
    view_free(v);
    model_free(m);
}

static void check_wrap(const char *text, size_t width, size_t lines, const char *want)
{
    struct strbuf sb = STRBUF_INIT;
    escape_html_wrapped(&sb, text, width, lines, "|");
    CHECK_STR(sb.buf ? sb.buf : "", want);
    strbuf_release(&sb);
}

/* Lines break at spaces, else after a hyphen, else within a word; past the
 * lines allowed comes an ellipsis; text is escaped for HTML labels. */
static void test_wrap(void)
{
    check_wrap("Game traffic from the load balancer", 16, 8, "Game traffic|from the load|balancer");
    check_wrap("web-server-production-eu-west-1a", 12, 2, "web-server-|production-\xe2\x80\xa6");
    check_wrap("abcdefghij", 4, 8, "abcd|efgh|ij");
    check_wrap("short", 20, 2, "short");
    check_wrap("a <b> & \"c\"", 20, 1, "a &lt;b&gt; &amp; &quot;c&quot;");
    check_wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2, 8, "\xc3\xa9\xc3\xa9|\xc3\xa9\xc3\xa9");
    check_wrap("two\nlines", 20, 8, "two|lines");
}

void test_notes(void)
{
    test_defaults();
    test_refs();
    test_wrap();
}
