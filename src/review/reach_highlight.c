/*
 * reach_highlight.c - a reachability answer as a drawing's highlight
 * (highlight.h): the interfaces, outside ends and rules of every "yes"
 * answer; and render --highlight's 'FROM -> TO:PORT', read into a query.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "reach.h"
#include "xalloc.h"

static void add_end(struct highlight *h, const struct reach_end *e)
{
    size_t i;
    if (e->type != REACH_END_REGION) {
        highlight_add_peer(h, e->id);
        return;
    }
    for (i = 0; i < e->region->nifaces; i++)
        highlight_add_iface(h, e->region->ifaces[i]);
}

struct highlight *reach_highlight(const struct reach_result *r, const char *query)
{
    struct highlight *h = highlight_new(r->model, query);
    size_t i, k;

    for (i = 0; i < r->nanswers; i++) {
        const struct reach_answer *a = &r->answers[i];
        if (a->verdict != REACH_YES)
            continue;
        add_end(h, &a->from);
        add_end(h, &a->to);
        for (k = 0; k < a->negress; k++)
            highlight_add_rule(h, a->egress[k]);
        for (k = 0; k < a->ningress; k++)
            highlight_add_rule(h, a->ingress[k]);
    }
    return h;
}

/* A copy of s[0, n) without the blanks around it; NULL (anywhere) when
 * nothing is left. */
static char *trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n ? xstrndup(s, n) : NULL;
}

int reach_highlight_query(const char *spec, struct reach_highlight_spec *out, char **err)
{
    const char *arrow = strstr(spec, "->"), *colon;
    char why[128];

    memset(out, 0, sizeof(*out));
    *err = NULL;
    if (!arrow) {
        *err = xasprintf("expected 'FROM -> TO' or 'FROM -> TO:PORT' (either end may be "
                         "empty: anywhere), not '%s'",
                         spec);
        return -1;
    }
    out->from = trimmed(spec, (size_t)(arrow - spec));
    out->to = trimmed(arrow + 2, strlen(arrow + 2));
    /* The port is what follows the last ':' when it reads as one (an IPv6
     * CIDR has colons too). */
    colon = out->to ? strrchr(out->to, ':') : NULL;
    if (colon && ports_parse_label(colon + 1, &out->port, why, sizeof(why)) == 0) {
        char *to = trimmed(out->to, (size_t)(colon - out->to));
        free(out->to);
        out->to = to;
        out->query.port = &out->port;
    }
    out->query.from = out->from;
    out->query.to = out->to;
    if (!out->from && !out->to)
        out->query.from = "internet";
    return 0;
}

void reach_highlight_spec_release(struct reach_highlight_spec *s)
{
    free(s->from);
    free(s->to);
}

struct highlight *reach_highlight_spec_run(const struct model *m, const char *spec, char **err)
{
    struct reach_highlight_spec hs;
    struct reach_result *res;
    struct highlight *h;

    if (reach_highlight_query(spec, &hs, err) < 0)
        return NULL;
    res = reach_run(m, &hs.query, err);
    reach_highlight_spec_release(&hs);
    if (!res)
        return NULL;
    h = reach_highlight(res, spec);
    reach_result_free(res);
    return h;
}
