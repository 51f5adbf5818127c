/*
 * portset.c - sets of traffic with exact set operations (see portset.h).
 */
#include <stdlib.h>
#include <string.h>

#include "portset.h"
#include "strbuf.h"
#include "xalloc.h"

#define NPROTO 256
#define PORT_MAX 65535

static int has_bit(const unsigned char *bits, int i)
{
    return (bits[i >> 3] >> (i & 7)) & 1;
}

static void set_bit(unsigned char *bits, int i)
{
    bits[i >> 3] |= (unsigned char)(1u << (i & 7));
}

static int bits_full(const unsigned char bits[32])
{
    size_t i;
    for (i = 0; i < 32; i++)
        if (bits[i] != 0xff)
            return 0;
    return 1;
}

static int bits_empty(const unsigned char bits[32])
{
    size_t i;
    for (i = 0; i < 32; i++)
        if (bits[i])
            return 0;
    return 1;
}

/* ===== The parts of a set: port intervals and ICMP types ===== */

static int is_port_proto(int proto)
{
    return proto == PROTO_TCP || proto == PROTO_UDP;
}

/* The interval list of a port protocol, or NULL for any other. */
static struct port_range **ranges_of(struct portset *s, int proto, size_t **n)
{
    if (proto == PROTO_TCP)
        return *n = &s->ntcp, &s->tcp;
    if (proto == PROTO_UDP)
        return *n = &s->nudp, &s->udp;
    *n = NULL;
    return NULL;
}

static struct icmp_type **types_of(struct portset *s, int proto, size_t **n)
{
    if (proto == PROTO_ICMP)
        return *n = &s->nicmp, &s->icmp;
    if (proto == PROTO_ICMPV6)
        return *n = &s->nicmpv6, &s->icmpv6;
    *n = NULL;
    return NULL;
}

/* Const views of the same (the set is not changed through them). */
static const struct port_range *cranges(const struct portset *s, int proto, size_t *n)
{
    size_t *pn;
    struct port_range **r = ranges_of((struct portset *)s, proto, &pn);
    *n = r ? *pn : 0;
    return r ? *r : NULL;
}

static const struct icmp_type *ctypes(const struct portset *s, int proto, size_t *n)
{
    size_t *pn;
    struct icmp_type **t = types_of((struct portset *)s, proto, &pn);
    *n = t ? *pn : 0;
    return t ? *t : NULL;
}

static void range_push(struct port_range **r, size_t *n, int lo, int hi)
{
    /* Grown in powers of two, like the view's arrays. */
    if (*n == 0 || (*n & (*n - 1)) == 0)
        *r = xrealloc(*r, (*n ? 2 * *n : 1) * sizeof(**r));
    (*r)[*n].lo = lo;
    (*r)[*n].hi = hi;
    (*n)++;
}

static struct icmp_type *type_push(struct icmp_type **t, size_t *n, int type)
{
    if (*n == 0 || (*n & (*n - 1)) == 0)
        *t = xrealloc(*t, (*n ? 2 * *n : 1) * sizeof(**t));
    memset(&(*t)[*n], 0, sizeof(**t));
    (*t)[*n].type = type;
    return &(*t)[(*n)++];
}

static const struct icmp_type *type_find(const struct icmp_type *t, size_t n, int type)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (t[i].type == type)
            return &t[i];
    return NULL;
}

static int cmp_range(const void *a, const void *b)
{
    const struct port_range *x = a, *y = b;
    return x->lo != y->lo ? (x->lo < y->lo ? -1 : 1) : (x->hi > y->hi) - (x->hi < y->hi);
}

static int cmp_type(const void *a, const void *b)
{
    const struct icmp_type *x = a, *y = b;
    return (x->type > y->type) - (x->type < y->type);
}

/* Sort, merge overlapping and adjacent intervals, and turn 0-65535 into
 * the whole protocol. */
static void normalise_ranges(struct portset *s, int proto)
{
    size_t *n, i, out = 0;
    struct port_range **r = ranges_of(s, proto, &n);

    xqsort(*r, *n, sizeof(**r), cmp_range);
    for (i = 0; i < *n; i++) {
        if (out && (*r)[i].lo <= (*r)[out - 1].hi + 1) {
            if ((*r)[i].hi > (*r)[out - 1].hi)
                (*r)[out - 1].hi = (*r)[i].hi;
        } else {
            (*r)[out++] = (*r)[i];
        }
    }
    *n = out;
    if (out == 1 && (*r)[0].lo == 0 && (*r)[0].hi == PORT_MAX) {
        set_bit(s->whole, proto);
        *n = 0;
    }
}

/* Sort, merge equal types, drop types without codes; all 256 types with
 * every code are the whole protocol. */
static void normalise_types(struct portset *s, int proto)
{
    size_t *n, i, j, out = 0;
    struct icmp_type **t = types_of(s, proto, &n);
    int full = 1;

    xqsort(*t, *n, sizeof(**t), cmp_type);
    for (i = 0; i < *n; i++) {
        if (out && (*t)[i].type == (*t)[out - 1].type) {
            for (j = 0; j < 32; j++)
                (*t)[out - 1].codes[j] |= (*t)[i].codes[j];
        } else if (!bits_empty((*t)[i].codes)) {
            (*t)[out++] = (*t)[i];
        }
    }
    *n = out;
    for (i = 0; i < out && full; i++)
        full = bits_full((*t)[i].codes);
    if (full && out == NPROTO) {
        set_bit(s->whole, proto);
        *n = 0;
    }
}

/* ===== Life cycle ===== */

void portset_clear(struct portset *s)
{
    memset(s->whole, 0, sizeof(s->whole));
    s->ntcp = s->nudp = s->nicmp = s->nicmpv6 = 0;
}

void portset_release(struct portset *s)
{
    free(s->tcp);
    free(s->udp);
    free(s->icmp);
    free(s->icmpv6);
    memset(s, 0, sizeof(*s));
}

void portset_copy(struct portset *dst, const struct portset *src)
{
    portset_clear(dst);
    portset_union(dst, src);
}

/* ===== Adding ===== */

void portset_add(struct portset *s, const struct portspec *p)
{
    size_t *n;
    struct port_range **r;
    struct icmp_type **t;

    if (p->proto == PROTO_ALL) {
        memset(s->whole, 0xff, sizeof(s->whole));
        s->ntcp = s->nudp = s->nicmp = s->nicmpv6 = 0;
        return;
    }
    if (p->proto < 0 || p->proto >= NPROTO || has_bit(s->whole, p->proto))
        return;
    if ((r = ranges_of(s, p->proto, &n)) != NULL) {
        range_push(r, n, p->from < 0 ? 0 : p->from, p->to < 0 ? PORT_MAX : p->to);
        normalise_ranges(s, p->proto);
    } else if ((t = types_of(s, p->proto, &n)) != NULL) {
        if (p->from < 0) {
            set_bit(s->whole, p->proto);
            *n = 0;
            return;
        }
        {
            struct icmp_type *it = type_push(t, n, p->from);
            if (p->to < 0)
                memset(it->codes, 0xff, sizeof(it->codes));
            else
                set_bit(it->codes, p->to);
        }
        normalise_types(s, p->proto);
    } else {
        set_bit(s->whole, p->proto);
    }
}

/* ===== Set operations, one protocol at a time ===== */

/* For a port protocol: the intervals of a ∩ b, a \ b or a ∪ b into dst,
 * where "whole" is 0-65535. */
enum setop { OP_AND, OP_MINUS, OP_OR };

static void ranges_op(struct portset *dst, const struct portset *a, const struct portset *b,
                      int proto, enum setop op)
{
    static const struct port_range whole = {0, PORT_MAX};
    size_t na, nb, i = 0, j = 0, *n;
    const struct port_range *ra = cranges(a, proto, &na), *rb = cranges(b, proto, &nb);
    struct port_range **out = ranges_of(dst, proto, &n);

    if (has_bit(a->whole, proto))
        ra = &whole, na = 1;
    if (has_bit(b->whole, proto))
        rb = &whole, nb = 1;
    if (op == OP_OR) {
        for (i = 0; i < na; i++)
            range_push(out, n, ra[i].lo, ra[i].hi);
        for (j = 0; j < nb; j++)
            range_push(out, n, rb[j].lo, rb[j].hi);
    } else if (op == OP_AND) {
        while (i < na && j < nb) {
            int lo = ra[i].lo > rb[j].lo ? ra[i].lo : rb[j].lo;
            int hi = ra[i].hi < rb[j].hi ? ra[i].hi : rb[j].hi;
            if (lo <= hi)
                range_push(out, n, lo, hi);
            if (ra[i].hi < rb[j].hi)
                i++;
            else
                j++;
        }
    } else {
        for (i = 0; i < na; i++) {
            int lo = ra[i].lo;
            for (j = 0; j < nb && lo <= ra[i].hi; j++) {
                if (rb[j].hi < lo || rb[j].lo > ra[i].hi)
                    continue;
                if (rb[j].lo > lo)
                    range_push(out, n, lo, rb[j].lo - 1);
                lo = rb[j].hi + 1;
            }
            if (lo <= ra[i].hi)
                range_push(out, n, lo, ra[i].hi);
        }
    }
    normalise_ranges(dst, proto);
}

/* The codes of one type in a set (all when the protocol is whole). */
static void codes_of(const struct portset *s, int proto, int type, unsigned char codes[32])
{
    size_t n;
    const struct icmp_type *t;

    if (has_bit(s->whole, proto)) {
        memset(codes, 0xff, 32);
        return;
    }
    t = ctypes(s, proto, &n);
    t = type_find(t, n, type);
    if (t)
        memcpy(codes, t->codes, 32);
    else
        memset(codes, 0, 32);
}

static void types_op(struct portset *dst, const struct portset *a, const struct portset *b,
                     int proto, enum setop op)
{
    size_t *n, k;
    struct icmp_type **out = types_of(dst, proto, &n);
    int type;

    for (type = 0; type < NPROTO; type++) {
        unsigned char ca[32], cb[32], res[32];
        codes_of(a, proto, type, ca);
        codes_of(b, proto, type, cb);
        for (k = 0; k < 32; k++)
            res[k] = op == OP_AND ? ca[k] & cb[k]
                     : op == OP_MINUS ? (unsigned char)(ca[k] & ~cb[k])
                                      : ca[k] | cb[k];
        if (!bits_empty(res))
            memcpy(type_push(out, n, type)->codes, res, 32);
    }
    normalise_types(dst, proto);
}

/* Does s allow anything of this protocol? */
static int proto_present(const struct portset *s, int proto)
{
    size_t n = 0;
    if (has_bit(s->whole, proto))
        return 1;
    if (is_port_proto(proto))
        cranges(s, proto, &n);
    else if (proto == PROTO_ICMP || proto == PROTO_ICMPV6)
        ctypes(s, proto, &n);
    return n > 0;
}

/* dst (empty for this protocol) gets a op b for one protocol. */
static void proto_op(struct portset *dst, const struct portset *a, const struct portset *b,
                     int proto, enum setop op)
{
    size_t *n;
    int wa = has_bit(a->whole, proto), wb = has_bit(b->whole, proto);

    if (!proto_present(a, proto) && (op != OP_OR || !proto_present(b, proto)))
        return;

    if (ranges_of(dst, proto, &n) && !(op == OP_OR && (wa || wb))) {
        ranges_op(dst, a, b, proto, op);
    } else if (types_of(dst, proto, &n) && !(op == OP_OR && (wa || wb))) {
        types_op(dst, a, b, proto, op);
    } else {
        int res = op == OP_AND ? wa && wb : op == OP_MINUS ? wa && !wb : wa || wb;
        if (res)
            set_bit(dst->whole, proto);
    }
}

static void setop(struct portset *dst, const struct portset *a, const struct portset *b,
                  enum setop op)
{
    int proto;
    portset_clear(dst);
    for (proto = 0; proto < NPROTO; proto++)
        proto_op(dst, a, b, proto, op);
}

void portset_intersect(struct portset *dst, const struct portset *a, const struct portset *b)
{
    setop(dst, a, b, OP_AND);
}

void portset_subtract(struct portset *dst, const struct portset *a, const struct portset *b)
{
    setop(dst, a, b, OP_MINUS);
}

void portset_union(struct portset *dst, const struct portset *a)
{
    struct portset merged = PORTSET_INIT;
    /* dst ∪ a computed into a fresh set, then moved into dst. */
    setop(&merged, dst, a, OP_OR);
    portset_release(dst);
    *dst = merged;
}

/* ===== Questions ===== */

int portset_is_empty(const struct portset *s)
{
    return bits_empty(s->whole) && !s->ntcp && !s->nudp && !s->nicmp && !s->nicmpv6;
}

int portset_equal(const struct portset *a, const struct portset *b)
{
    struct portset d = PORTSET_INIT;
    int eq;

    portset_subtract(&d, a, b);
    eq = portset_is_empty(&d);
    if (eq) {
        portset_subtract(&d, b, a);
        eq = portset_is_empty(&d);
    }
    portset_release(&d);
    return eq;
}

/* Compare with the set of one rule: how much of p is in s. */
static void with_one(const struct portset *s, const struct portspec *p, struct portset *inter,
                     struct portset *one)
{
    portset_add(one, p);
    portset_intersect(inter, s, one);
}

int portset_covers(const struct portset *s, const struct portspec *p)
{
    struct portset one = PORTSET_INIT, inter = PORTSET_INIT;
    int yes;

    with_one(s, p, &inter, &one);
    yes = portset_equal(&inter, &one);
    portset_release(&one);
    portset_release(&inter);
    return yes;
}

int portset_overlaps(const struct portset *s, const struct portspec *p)
{
    struct portset one = PORTSET_INIT, inter = PORTSET_INIT;
    int yes;

    with_one(s, p, &inter, &one);
    yes = !portset_is_empty(&inter);
    portset_release(&one);
    portset_release(&inter);
    return yes;
}

/* One field of two specs (a port, an ICMP type or code), -1 meaning every
 * value: the value both allow, or 0 when they allow different ones. */
static int common_value(int a, int b, int *out)
{
    if (a < 0 || b < 0 || a == b) {
        *out = a < 0 ? b : a;
        return 1;
    }
    return 0;
}

int portset_spec_intersect(const struct portspec *a, const struct portspec *b,
                           struct portspec *out)
{
    if (a->proto == PROTO_ALL || b->proto == PROTO_ALL) {
        *out = a->proto == PROTO_ALL ? *b : *a;
        return 1;
    }
    if (a->proto != b->proto)
        return 0;
    out->proto = a->proto;
    if (is_port_proto(a->proto)) {
        int alo = a->from < 0 ? 0 : a->from, ahi = a->to < 0 ? PORT_MAX : a->to;
        int blo = b->from < 0 ? 0 : b->from, bhi = b->to < 0 ? PORT_MAX : b->to;
        out->from = alo > blo ? alo : blo;
        out->to = ahi < bhi ? ahi : bhi;
        return out->from <= out->to;
    }
    if (a->proto == PROTO_ICMP || a->proto == PROTO_ICMPV6) {
        /* A type of -1 is every type and code; a code of -1 every code. */
        if (!common_value(a->from, b->from, &out->from))
            return 0;
        if (a->from < 0 || b->from < 0) {
            out->to = a->from < 0 ? b->to : a->to;
            return 1;
        }
        return common_value(a->to, b->to, &out->to);
    }
    out->from = out->to = -1;
    return 1;
}

/* ===== Labels ===== */

static void each_spec(const struct portset *s, void (*fn)(const char *label, void *arg),
                      void *arg)
{
    char label[PORTS_LABEL_MAX];
    struct portspec p;
    size_t i, n;
    int proto, code;

    for (proto = 0; proto < NPROTO; proto++) {
        const struct port_range *r;
        const struct icmp_type *t;
        if (has_bit(s->whole, proto)) {
            p.proto = proto;
            p.from = is_port_proto(proto) ? 0 : -1;
            p.to = is_port_proto(proto) ? PORT_MAX : -1;
            ports_label(&p, label);
            fn(label, arg);
        } else if (is_port_proto(proto)) {
            r = cranges(s, proto, &n);
            for (i = 0; i < n; i++) {
                p = (struct portspec){proto, r[i].lo, r[i].hi};
                ports_label(&p, label);
                fn(label, arg);
            }
        } else if (proto == PROTO_ICMP || proto == PROTO_ICMPV6) {
            t = ctypes(s, proto, &n);
            for (i = 0; i < n; i++) {
                if (bits_full(t[i].codes)) {
                    p = (struct portspec){proto, t[i].type, -1};
                    ports_label(&p, label);
                    fn(label, arg);
                    continue;
                }
                for (code = 0; code < NPROTO; code++) {
                    if (!has_bit(t[i].codes, code))
                        continue;
                    p = (struct portspec){proto, t[i].type, code};
                    ports_label(&p, label);
                    fn(label, arg);
                }
            }
        }
    }
}

static size_t count_whole(const struct portset *s)
{
    size_t n = 0;
    int proto;
    for (proto = 0; proto < NPROTO; proto++)
        n += (size_t)has_bit(s->whole, proto);
    return n;
}

struct label_list {
    struct strbuf *sb;
    size_t n;
};

static void append_label(const char *label, void *arg)
{
    struct label_list *l = arg;
    if (l->n++)
        strbuf_addstr(l->sb, ", ");
    strbuf_addstr(l->sb, label);
}

void portset_label(const struct portset *s, struct strbuf *sb)
{
    struct label_list l = {sb, 0};

    if (bits_full(s->whole)) {
        strbuf_addstr(sb, "all");
    } else if (count_whole(s) > NPROTO / 2) {
        /* Most protocols: say what is missing. */
        struct portset all = PORTSET_INIT, rest = PORTSET_INIT;
        struct portspec every = {PROTO_ALL, -1, -1};
        portset_add(&all, &every);
        portset_subtract(&rest, &all, s);
        strbuf_addstr(sb, "all except ");
        each_spec(&rest, append_label, &l);
        portset_release(&all);
        portset_release(&rest);
    } else if (portset_is_empty(s)) {
        strbuf_addstr(sb, "none");
    } else {
        each_spec(s, append_label, &l);
    }
}

void portset_each_label(const struct portset *s, void (*fn)(const char *label, void *arg),
                        void *arg)
{
    if (bits_full(s->whole)) {
        fn("all", arg);
        return;
    }
    each_spec(s, fn, arg);
}
