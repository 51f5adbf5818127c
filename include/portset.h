/*
 * portset.h - sets of traffic (protocols, ports, ICMP types and codes) with
 * exact union, intersection and difference.
 *
 * A rule allows one struct portspec; what two rules allow together, what
 * both sides of a flow allow (an egress rule and the matching ingress rule)
 * and what only one side allows are portsets. Drawings label flows with
 * them and `reach` answers with them, so both say the same thing.
 *
 * The set is exact for every protocol number 0-255: TCP and UDP as port
 * intervals, ICMP and ICMPv6 as types (each with all codes or some codes),
 * every other protocol as all or nothing. "all" is every protocol.
 */
#ifndef SGMAP_PORTSET_H
#define SGMAP_PORTSET_H

#include <stddef.h>

#include "ports.h"

struct strbuf;

/* A closed interval lo..hi. */
struct port_range {
    int lo, hi;
};

/* An ICMP type and the codes it allows (a bit per code 0-255). */
struct icmp_type {
    int type;                 /* 0-255 */
    unsigned char codes[32];  /* all 256 bits set: every code */
};

struct portset {
    unsigned char whole[32];   /* a bit per protocol: every port, type or code of it */
    struct port_range *tcp, *udp; /* sorted, disjoint, not adjacent; empty when whole */
    size_t ntcp, nudp;
    struct icmp_type *icmp, *icmpv6; /* sorted by type; empty when whole */
    size_t nicmp, nicmpv6;
};

#define PORTSET_INIT {{0}, NULL, NULL, 0, 0, NULL, NULL, 0, 0}

void portset_release(struct portset *s);
void portset_clear(struct portset *s);
void portset_copy(struct portset *dst, const struct portset *src);
/* Add what one rule allows. */
void portset_add(struct portset *s, const struct portspec *p);
/* dst = a ∩ b, dst = a \ b, dst = dst ∪ a (dst may not be a or b). */
void portset_intersect(struct portset *dst, const struct portset *a, const struct portset *b);
void portset_subtract(struct portset *dst, const struct portset *a, const struct portset *b);
void portset_union(struct portset *dst, const struct portset *a);
int portset_is_empty(const struct portset *s);
int portset_equal(const struct portset *a, const struct portset *b);
/* Does s allow every flow p allows? Does it allow any? */
int portset_covers(const struct portset *s, const struct portspec *p);
int portset_overlaps(const struct portset *s, const struct portspec *p);
/*
 * What two rules' traffic has in common is one portspec or nothing (the
 * fast path when a set would hold one spec, as for a pair of rules in
 * `reach`): writes a ∩ b to out and returns 1, or returns 0 when empty.
 */
int portset_spec_intersect(const struct portspec *a, const struct portspec *b,
                           struct portspec *out);

/*
 * The set as the fewest canonical port labels (ports.h), in label order:
 * "all"; "tcp/443, tcp/8443-8444, icmp/3:4"; when most protocols are
 * whole, "all except tcp/22, udp/53". Appends to sb, joined by ", ", or
 * "none" for the empty set.
 */
void portset_label(const struct portset *s, struct strbuf *sb);
/* The same as separate labels: calls fn(label, arg) for each, in order. */
void portset_each_label(const struct portset *s, void (*fn)(const char *label, void *arg),
                        void *arg);

#endif
