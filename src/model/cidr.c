/*
 * cidr.c - IPv4/IPv6 CIDR parsing into canonical text (host bits cleared,
 * IPv6 in its compressed lowercase form), as AWS stores them.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "cidr.h"

int cidr_canonical(const char *text, char *out, char *err, size_t errlen)
{
    char addr[INET6_ADDRSTRLEN + 8];
    unsigned char bytes[16];
    const char *slash = strchr(text, '/');
    size_t alen = slash ? (size_t)(slash - text) : strlen(text);
    int v6, maxbits, bits, i;
    /* Messages quote the input cut to a CIDR's longest text. */
    const int shown = CIDR_TEXT_MAX - 1;
    size_t n;

    if (alen == 0 || alen >= sizeof(addr)) {
        snprintf(err, errlen, "invalid CIDR '%.*s'", shown, text);
        return -1;
    }
    memcpy(addr, text, alen);
    addr[alen] = '\0';
    v6 = strchr(addr, ':') != NULL;
    maxbits = v6 ? 128 : 32;
    if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, bytes) != 1) {
        snprintf(err, errlen, "invalid CIDR '%.*s'", shown, text);
        return -1;
    }
    if (slash) {
        const char *p = slash + 1;
        if (!*p || strlen(p) > 3) {
            snprintf(err, errlen, "invalid prefix length in '%.*s'", shown, text);
            return -1;
        }
        bits = 0;
        for (; *p; p++) {
            if (*p < '0' || *p > '9') {
                snprintf(err, errlen, "invalid prefix length in '%.*s'", shown, text);
                return -1;
            }
            bits = bits * 10 + (*p - '0');
        }
        if (bits > maxbits) {
            snprintf(err, errlen, "prefix length out of range in '%.*s' (0-%d)", shown, text,
                     maxbits);
            return -1;
        }
    } else {
        bits = maxbits;
    }
    for (i = 0; i < maxbits / 8; i++) {
        int keep = bits - i * 8;
        if (keep >= 8)
            continue;
        bytes[i] &= keep <= 0 ? 0 : (unsigned char)(0xff << (8 - keep));
    }
    if (!inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, addr, sizeof(addr))) {
        snprintf(err, errlen, "invalid CIDR '%.*s'", shown, text);
        return -1;
    }
    /* addr is at most 45 bytes (INET6_ADDRSTRLEN - 1) and bits at most 3
     * digits, which CIDR_TEXT_MAX holds; written by hand, as this runs for
     * every CIDR of the input. */
    n = strlen(addr);
    memcpy(out, addr, n);
    out[n++] = '/';
    if (bits >= 100)
        out[n++] = (char)('0' + bits / 100);
    if (bits >= 10)
        out[n++] = (char)('0' + bits / 10 % 10);
    out[n++] = (char)('0' + bits % 10);
    out[n] = '\0';
    return 0;
}

int cidr_looks_like(const char *text)
{
    size_t i, digits = 0;
    for (i = 0; text[i]; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == ':' || c == '.' || c == '/' || (c >= 'a' && c <= 'f') ||
                 (c >= 'A' && c <= 'F'))
            continue;
        else
            return 0;
    }
    return digits > 0 && (strchr(text, '.') || strchr(text, ':'));
}

int cidr_host_address(const char *cidr, char *addr, size_t addrlen)
{
    const char *slash = strchr(cidr, '/');
    size_t n;
    if (!slash)
        return 0;
    if (strcmp(slash, "/32") != 0 && strcmp(slash, "/128") != 0)
        return 0;
    if (strcmp(slash, "/32") == 0 && strchr(cidr, ':'))
        return 0;
    if (strcmp(slash, "/128") == 0 && !strchr(cidr, ':'))
        return 0;
    n = (size_t)(slash - cidr);
    if (n >= addrlen)
        return 0;
    memcpy(addr, cidr, n);
    addr[n] = '\0';
    return 1;
}

int cidr_parse(const char *text, struct cidr *out)
{
    char canon[CIDR_TEXT_MAX], err[128], addr[CIDR_TEXT_MAX];
    const char *slash;

    if (cidr_canonical(text, canon, err, sizeof(err)) < 0)
        return -1;
    slash = strchr(canon, '/');
    memcpy(addr, canon, (size_t)(slash - canon));
    addr[slash - canon] = '\0';
    out->v6 = strchr(addr, ':') != NULL;
    memset(out->addr, 0, sizeof(out->addr));
    if (inet_pton(out->v6 ? AF_INET6 : AF_INET, addr, out->addr) != 1)
        return -1;
    out->bits = 0;
    for (slash++; *slash; slash++)
        out->bits = out->bits * 10 + (*slash - '0');
    return 0;
}

int cidr_contains(const struct cidr *outer, const struct cidr *inner)
{
    int i, full, rest;

    if (outer->v6 != inner->v6 || outer->bits > inner->bits)
        return 0;
    full = outer->bits / 8;
    rest = outer->bits % 8;
    for (i = 0; i < full; i++)
        if (outer->addr[i] != inner->addr[i])
            return 0;
    if (rest) {
        unsigned char mask = (unsigned char)(0xff << (8 - rest));
        if ((outer->addr[full] & mask) != (inner->addr[full] & mask))
            return 0;
    }
    return 1;
}

int cidr_is_private(const struct cidr *c)
{
    static const char *const ranges[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                         "100.64.0.0/10", "fc00::/7"};
    size_t i;
    struct cidr r;

    for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (cidr_parse(ranges[i], &r) == 0 && cidr_contains(&r, c))
            return 1;
    return 0;
}
