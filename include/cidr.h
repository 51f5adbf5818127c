/*
 * cidr.h - IPv4 and IPv6 CIDR parsing and canonical text.
 */
#ifndef SGMAP_CIDR_H
#define SGMAP_CIDR_H

#include <stddef.h>

#define CIDR_TEXT_MAX 64

/*
 * Parse "a.b.c.d/n" or an IPv6 "x::y/n" and write its canonical text (host
 * bits cleared, IPv6 compressed, lowercase) to out. A bare address is taken
 * as /32 or /128. Returns 0, or -1 with a message in err.
 */
int cidr_canonical(const char *text, char *out, char *err, size_t errlen);

/* Does text look like a CIDR or address (so a name is never mistaken)? */
int cidr_looks_like(const char *text);

/* Is the canonical CIDR a single host (/32 or /128)? Writes the address. */
int cidr_host_address(const char *cidr, char *addr, size_t addrlen);

/* A parsed CIDR, for containment tests. */
struct cidr {
    int v6;
    unsigned char addr[16];
    int bits;
};

/* Parse canonical or plain CIDR text; returns 0, or -1 if it is not one. */
int cidr_parse(const char *text, struct cidr *out);
/* Does outer contain inner (same family, shorter or equal prefix)? */
int cidr_contains(const struct cidr *outer, const struct cidr *inner);
/* Is it inside a private range (RFC 1918, 100.64/10 shared, fc00::/7 ULA)? */
int cidr_is_private(const struct cidr *c);

#endif
