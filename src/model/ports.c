/*
 * ports.c - the port and protocol label grammar (see ports.h): parsing
 * labels, building them from AWS fields, and printing them canonically.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ports.h"

struct proto_name {
    const char *name;
    int number;
};

/* Protocols that have a name in labels. tcp/udp/icmp/icmpv6 take ports. */
static const struct proto_name proto_names[] = {
    {"tcp", PROTO_TCP}, {"udp", PROTO_UDP}, {"icmp", PROTO_ICMP},
    {"icmpv6", PROTO_ICMPV6}, {"esp", 50}, {"ah", 51}, {"gre", 47}, {"sctp", 132},
};

static int proto_lookup(const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof(proto_names) / sizeof(proto_names[0]); i++)
        if (strlen(proto_names[i].name) == len && strncasecmp(proto_names[i].name, name, len) == 0)
            return proto_names[i].number;
    return -2;
}

static const char *proto_label(int proto)
{
    size_t i;
    for (i = 0; i < sizeof(proto_names) / sizeof(proto_names[0]); i++)
        if (proto_names[i].number == proto)
            return proto_names[i].name;
    return NULL;
}

static int proto_has_ports(int proto)
{
    return proto == PROTO_TCP || proto == PROTO_UDP;
}

static int proto_is_icmp(int proto)
{
    return proto == PROTO_ICMP || proto == PROTO_ICMPV6;
}

/* Parse a decimal number of at most 6 digits from s[0..len). -1 if not one. */
static long parse_small(const char *s, size_t len)
{
    long v = 0;
    size_t i;
    if (len == 0 || len > 6)
        return -1;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *label)
{
    snprintf(err, errlen, fmt, label);
    return -1;
}

/*
 * The port and ICMP errors every input reports in the same words, whether
 * it wrote fields (AWS, Terraform, CloudFormation) or a label (design
 * files): a range as FROM-TO (FROM when one port), a type and code as
 * TYPE:CODE (TYPE when no code).
 */
static int fail_port_range(char *err, size_t errlen, long from, long to)
{
    if (from == to)
        snprintf(err, errlen, "port out of range: %ld (0-65535)", from);
    else
        snprintf(err, errlen, "port out of range: %ld-%ld (0-65535)", from, to);
    return PORTS_ERR_PORTS;
}

static int fail_inverted(char *err, size_t errlen, long from, long to)
{
    snprintf(err, errlen, "port range is inverted: %ld-%ld", from, to);
    return PORTS_ERR_PORTS;
}

static int fail_icmp_range(char *err, size_t errlen, int proto, long type, long code)
{
    const char *name = proto == PROTO_ICMPV6 ? "ICMPv6" : "ICMP";

    if (code == -1)
        snprintf(err, errlen, "%s type out of range: %ld (0-255, or -1 for all)", name, type);
    else
        snprintf(err, errlen, "%s type or code out of range: %ld:%ld (0-255, or -1 for all)",
                 name, type, code);
    return PORTS_ERR_PORTS;
}

/*
 * AWS refuses an ICMP code with type -1 (all types) at the API, so every
 * input does, in these words (one message, whatever the input family).
 */
static int fail_icmp_code(char *err, size_t errlen, int proto, long code)
{
    snprintf(err, errlen, "%s type -1 (all types) needs code -1, got code %ld",
             proto == PROTO_ICMPV6 ? "ICMPv6" : "ICMP", code);
    return PORTS_ERR_RULE;
}

int ports_parse_label(const char *label, struct portspec *out, char *err, size_t errlen)
{
    const char *slash, *rest, *sep;
    size_t plen;
    int proto;
    long a, b;

    if (strcmp(label, "all") == 0) {
        *out = (struct portspec){PROTO_ALL, -1, -1};
        return 0;
    }
    if (strncmp(label, "proto-", 6) == 0) {
        a = parse_small(label + 6, strlen(label + 6));
        if (a < 0 || a > 255)
            return fail(err, errlen, "invalid protocol number in '%s' (expected 0-255)", label);
        proto = (int)a;
        if (proto_has_ports(proto) || proto_is_icmp(proto))
            return fail(err, errlen, "use the protocol's name instead of '%s'", label);
        *out = (struct portspec){proto, -1, -1};
        return 0;
    }
    slash = strchr(label, '/');
    plen = slash ? (size_t)(slash - label) : strlen(label);
    proto = proto_lookup(label, plen);
    if (proto == -2 || (plen && label[0] >= 'A' && label[0] <= 'Z'))
        return fail(err, errlen,
                    "invalid port label '%s' (expected e.g. tcp/443, udp/1024-65535, "
                    "icmp/8, all)",
                    label);
    if (!proto_has_ports(proto) && !proto_is_icmp(proto)) {
        if (slash)
            return fail(err, errlen, "protocol in '%s' takes no ports", label);
        *out = (struct portspec){proto, -1, -1};
        return 0;
    }
    if (!slash)
        return fail(err, errlen, "missing ports in '%s' (e.g. tcp/443 or tcp/all)", label);
    rest = slash + 1;
    if (strcmp(rest, "all") == 0) {
        if (proto_has_ports(proto))
            *out = (struct portspec){proto, 0, 65535};
        else
            *out = (struct portspec){proto, -1, -1};
        return 0;
    }
    if (proto_is_icmp(proto)) {
        sep = strchr(rest, ':');
        /* icmp/-1:4 or icmp/all:4: AWS's type -1 with a code. */
        if (sep && ((sep - rest == 2 && strncmp(rest, "-1", 2) == 0) ||
                    (sep - rest == 3 && strncmp(rest, "all", 3) == 0))) {
            b = strcmp(sep + 1, "-1") == 0 ? -1 : parse_small(sep + 1, strlen(sep + 1));
            if (b >= 0)
                return fail_icmp_code(err, errlen, proto, b);
        }
        a = parse_small(rest, sep ? (size_t)(sep - rest) : strlen(rest));
        b = sep ? parse_small(sep + 1, strlen(sep + 1)) : -1;
        if (a < 0 || (sep && b < 0))
            return fail(err, errlen, "invalid icmp type or code in '%s' (expected e.g. icmp/8 or "
                                     "icmp/3:4)", label);
        if (a > 255 || b > 255)
            return fail_icmp_range(err, errlen, proto, a, b);
        *out = (struct portspec){proto, (int)a, (int)b};
        return 0;
    }
    sep = strchr(rest, '-');
    a = parse_small(rest, sep ? (size_t)(sep - rest) : strlen(rest));
    b = sep ? parse_small(sep + 1, strlen(sep + 1)) : a;
    if (a < 0 || b < 0)
        return fail(err, errlen, "invalid port in '%s' (expected e.g. tcp/443 or tcp/1024-65535)",
                    label);
    if (a > 65535 || b > 65535)
        return fail_port_range(err, errlen, a, b);
    if (a > b)
        return fail_inverted(err, errlen, a, b);
    *out = (struct portspec){proto, (int)a, (int)b};
    return 0;
}

int ports_from_aws(const char *protocol, int has_ports, long from, long to,
                   struct portspec *out, char *err, size_t errlen)
{
    int proto;
    long n;

    if (strcmp(protocol, "-1") == 0 || strcasecmp(protocol, "all") == 0) {
        *out = (struct portspec){PROTO_ALL, -1, -1};
        return 0;
    }
    n = parse_small(protocol, strlen(protocol));
    if (n >= 0) {
        if (n > 255) {
            fail(err, errlen, "protocol number out of range: '%s' (0-255)", protocol);
            return PORTS_ERR_PROTOCOL;
        }
        proto = (int)n;
    } else {
        proto = proto_lookup(protocol, strlen(protocol));
        if (proto == -2) {
            fail(err, errlen, "unknown protocol '%s'", protocol);
            return PORTS_ERR_PROTOCOL;
        }
    }
    if (proto_has_ports(proto)) {
        if (!has_ports || (from == -1 && to == -1)) {
            *out = (struct portspec){proto, 0, 65535};
            return 0;
        }
        if (from < 0 || from > 65535 || to < 0 || to > 65535)
            return fail_port_range(err, errlen, from, to);
        if (from > to)
            return fail_inverted(err, errlen, from, to);
        *out = (struct portspec){proto, (int)from, (int)to};
        return 0;
    }
    if (proto_is_icmp(proto)) {
        if (!has_ports) {
            *out = (struct portspec){proto, -1, -1};
            return 0;
        }
        if (from < -1 || from > 255 || to < -1 || to > 255)
            return fail_icmp_range(err, errlen, proto, from, to);
        if (from == -1 && to != -1)
            return fail_icmp_code(err, errlen, proto, to);
        *out = (struct portspec){proto, (int)from, (int)to};
        return 0;
    }
    *out = (struct portspec){proto, -1, -1};
    return 0;
}

/* Append text / a decimal number at *at (ports labels are short, bounded
 * by PORTS_LABEL_MAX); this runs for every rule, so no printf. */
static void put_text(char **at, const char *s)
{
    size_t n = strlen(s);
    memcpy(*at, s, n);
    *at += n;
}

static void put_int(char **at, int v)
{
    char digits[12];
    size_t i = sizeof(digits);
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

    do {
        digits[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *(*at)++ = '-';
    memcpy(*at, digits + i, sizeof(digits) - i);
    *at += sizeof(digits) - i;
}

void ports_label(const struct portspec *p, char *buf)
{
    const char *name = proto_label(p->proto);
    char *at = buf;

    if (p->proto == PROTO_ALL) {
        put_text(&at, "all");
    } else if (proto_has_ports(p->proto) || proto_is_icmp(p->proto)) {
        int icmp = proto_is_icmp(p->proto);
        put_text(&at, name);
        *at++ = '/';
        if (icmp ? p->from < 0 : p->from <= 0 && p->to >= 65535) {
            put_text(&at, "all");
        } else {
            put_int(&at, p->from);
            if (icmp ? p->to >= 0 : p->from != p->to) {
                *at++ = icmp ? ':' : '-';
                put_int(&at, p->to);
            }
        }
    } else if (name) {
        put_text(&at, name);
    } else {
        put_text(&at, "proto-");
        put_int(&at, p->proto);
    }
    *at = '\0';
}

int ports_compare(const struct portspec *a, const struct portspec *b)
{
    if (a->proto != b->proto)
        return a->proto < b->proto ? -1 : 1;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return 0;
}

int ports_covers(const struct portspec *a, const struct portspec *b)
{
    if (a->proto == PROTO_ALL)
        return 1;
    if (a->proto != b->proto)
        return 0;
    if (proto_has_ports(a->proto))
        return a->from <= b->from && a->to >= b->to;
    if (proto_is_icmp(a->proto)) {
        if (a->from < 0)
            return 1;
        if (a->from != b->from)
            return 0;
        return a->to < 0 || a->to == b->to;
    }
    return 1;
}
