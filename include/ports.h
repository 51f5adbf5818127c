/*
 * ports.h - the port and protocol label grammar.
 *
 * One grammar serves edge labels, the design file's "ports:" field, JSON
 * output and lint messages:
 *
 *     all                  every protocol
 *     tcp/443  udp/53      one port
 *     tcp/1024-65535       a range
 *     tcp/all              every port (also 0-65535, or ports absent)
 *     icmp/all icmpv6/all  every type
 *     icmp/8               a type, any code
 *     icmp/3:4             a type and a code
 *     esp ah gre sctp      well-known protocol numbers 50 51 47 132
 *     proto-N              any other protocol number (ports ignored)
 */
#ifndef SGMAP_PORTS_H
#define SGMAP_PORTS_H

#include <stddef.h>

#define PROTO_ALL (-1)
#define PROTO_ICMP 1
#define PROTO_TCP 6
#define PROTO_UDP 17
#define PROTO_ICMPV6 58

/*
 * A canonical port specification. For tcp/udp, from..to is the port range
 * (0..65535 = all). For icmp/icmpv6, from is the type and to the code, -1
 * meaning all. For every other protocol from = to = -1.
 */
struct portspec {
    int proto; /* PROTO_ALL or an IANA protocol number 0..255 */
    int from;
    int to;
};

/*
 * Parse a label such as "tcp/443" into *out. Returns 0, or a negative
 * value with a message (no full stop) in err of errlen bytes; icmp/-1:N
 * (AWS's type -1 with a code) gets ports_from_aws()'s words.
 */
int ports_parse_label(const char *label, struct portspec *out, char *err, size_t errlen);

/*
 * Build a portspec from AWS-style fields: protocol as a name or number
 * ("tcp", "6", "-1", "all"), and optional from/to ports (has_ports = 0 when
 * they are absent). This is the one validation of AWS, Terraform and
 * CloudFormation rules: ports out of range, an inverted range, an ICMP
 * type or code out of range and an ICMP code with type -1 (all types),
 * which AWS refuses, are errors; ports given with a protocol that has none
 * are ignored, as AWS does. Returns 0, or a PORTS_ERR_* with a message in
 * err saying what is wrong (the same words for every input).
 */
#define PORTS_ERR_PROTOCOL (-1) /* the protocol */
#define PORTS_ERR_PORTS (-2)    /* a port, type or code */
#define PORTS_ERR_RULE (-3)     /* the combination (an ICMP code with type -1) */
int ports_from_aws(const char *protocol, int has_ports, long from, long to,
                   struct portspec *out, char *err, size_t errlen);

/* Write the canonical label of p into buf (at least PORTS_LABEL_MAX bytes). */
#define PORTS_LABEL_MAX 32
void ports_label(const struct portspec *p, char *buf);

/* Order for joining labels: protocol, then first port, then last port. */
int ports_compare(const struct portspec *a, const struct portspec *b);

/* Does a cover b entirely (every flow b allows, a allows too)? */
int ports_covers(const struct portspec *a, const struct portspec *b);

#endif
