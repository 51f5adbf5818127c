/*
 * lint_exposure.c - exposure as AWS Security Hub defines it: ingress from
 * the internet to administration ports (EC2.13, EC2.14, EC2.53, EC2.54),
 * to high-risk ports (EC2.19) or to any port but TCP 80 and 443 (EC2.18);
 * a VPC default group with rules (EC2.2); a group no interface is in
 * (EC2.22).
 */
#include <stdlib.h>
#include <string.h>

#include "lint_internal.h"
#include "strbuf.h"

/* ==== Exposure (Security Hub) ==== */

/* EC2.19's high-risk ports. */
static const int risky_ports[] = {20,   21,   22,   23,   25,   110,  135,  143,
                                  445,  1433, 1434, 3000, 3306, 3389, 4333, 5000,
                                  5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300};
#define NRISKY (sizeof(risky_ports) / sizeof(risky_ports[0]))

size_t lint_risky_port_count(void)
{
    return NRISKY;
}

int lint_risky_port(size_t i)
{
    return risky_ports[i];
}

void lint_find_exposure(struct lint_ctx *c, const struct rule *r)
{
    struct strbuf controls = STRBUF_INIT, ports = STRBUF_INIT;
    int lo, hi, v4, tcp_like, ssh, rdp, authorized, other, nrisky = 0;
    size_t i;
    char *what;
    const struct group *g = r->group;

    if (r->dir != DIR_INGRESS || r->peer_type != PEER_CIDR || !peer_is_internet(r->peer))
        return;
    if (r->ports.proto == PROTO_ALL) {
        lo = 0;
        hi = 65535;
    } else if (r->ports.proto == PROTO_TCP || r->ports.proto == PROTO_UDP) {
        lo = r->ports.from;
        hi = r->ports.to;
    } else {
        return; /* icmp and port-less protocols: no port to expose */
    }
    v4 = strchr(r->peer, ':') == NULL;
    tcp_like = r->ports.proto != PROTO_UDP;
    ssh = lo <= 22 && 22 <= hi;
    rdp = lo <= 3389 && 3389 <= hi;
    /* Ports in [lo, hi] that EC2.18 does not authorize: its Config rule
     * allows TCP 80 and 443 by default, and no UDP port. */
    authorized = tcp_like ? (lo <= 80 && 80 <= hi) + (lo <= 443 && 443 <= hi) : 0;
    other = hi - lo + 1 > authorized;
    for (i = 0; i < NRISKY; i++) {
        if (lo <= risky_ports[i] && risky_ports[i] <= hi) {
            if (nrisky < 3)
                strbuf_addf(&ports, "%s%d", nrisky ? ", " : "", risky_ports[i]);
            nrisky++;
        }
    }
    if (nrisky > 3)
        strbuf_addf(&ports, " and %d more", nrisky - 3);
    if (v4 && tcp_like && ssh)
        strbuf_addstr(&controls, ", EC2.13");
    if (v4 && tcp_like && rdp)
        strbuf_addstr(&controls, ", EC2.14");
    if (other)
        strbuf_addstr(&controls, ", EC2.18");
    if (nrisky)
        strbuf_addstr(&controls, ", EC2.19");
    if ((ssh || rdp) && v4)
        strbuf_addstr(&controls, ", EC2.53");
    if ((ssh || rdp) && !v4)
        strbuf_addstr(&controls, ", EC2.54");

    what = lint_rule_phrase(c, r);
    /* One finding per rule: the most specific check that is wanted. */
    if ((ssh || rdp) && lint_wants(c, CK_OPEN_ADMIN_PORT, g))
        lint_add(c, CK_OPEN_ADMIN_PORT, g, r, NULL, lint_rule_loc(r), NULL,
                 "%s in group '%s' opens remote administration (%s) to the internet "
                 "(Security Hub %s)",
                 what, g->name, ssh && rdp ? "SSH 22 and RDP 3389" : ssh ? "SSH 22" : "RDP 3389",
                 controls.buf + 2);
    else if (nrisky && lint_wants(c, CK_OPEN_RISKY_PORT, g))
        lint_add(c, CK_OPEN_RISKY_PORT, g, r, NULL, lint_rule_loc(r), NULL,
                 "%s in group '%s' opens high-risk port%s %s to the internet (Security Hub %s)",
                 what, g->name, nrisky > 1 ? "s" : "", ports.buf, controls.buf + 2);
    else if (other)
        lint_add(c, CK_OPEN_PORT, g, r, NULL, lint_rule_loc(r), NULL,
                 "%s in group '%s' is open to the internet on a port other than TCP 80 and 443 "
                 "(Security Hub %s)",
                 what, g->name, controls.buf + 2);
    free(what);
    strbuf_release(&controls);
    strbuf_release(&ports);
}

void lint_find_default_group_rules(struct lint_ctx *c, const struct group *g)
{
    size_t n = c->rcount[g->index];

    if (!lint_group_is_default(g) || n == 0)
        return;
    lint_add(c, CK_DEFAULT_GROUP_RULES, g, NULL, NULL, lint_group_loc(c, g), NULL,
             "default group '%s'%s%s has %zu rule%s; the default group should have none "
             "(Security Hub EC2.2)",
             g->name, g->vpc ? " of " : "", g->vpc ? g->vpc : "", n, n == 1 ? "" : "s");
}

/* Does the input say which interfaces are in g's VPC? */
static int vpc_has_interfaces(const struct model *m, const struct group *g)
{
    size_t i;
    for (i = 0; i < m->nifaces; i++) {
        const char *v = m->ifaces[i]->vpc;
        if (!v || !g->vpc || strcmp(v, g->vpc) == 0)
            return 1;
    }
    return 0;
}

void lint_find_unused_group(struct lint_ctx *c, const struct group *g)
{
    if (!g->declared || lint_group_is_default(g) || g->nmembers > 0 ||
        !lint_wants(c, CK_UNUSED_GROUP, g) || !vpc_has_interfaces(c->m, g))
        return;
    lint_add(c, CK_UNUSED_GROUP, g, NULL, NULL, &g->loc, NULL,
             "group '%s' is used by no network interface (Security Hub EC2.22)", g->name);
}

