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

#endif
