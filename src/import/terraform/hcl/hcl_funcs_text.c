/*
 * hcl_funcs_text.c - the built-in functions on strings (format join split
 * lower upper replace trimspace trimprefix trimsuffix chomp substr
 * startswith endswith strcontains), numbers (max min abs floor ceil),
 * conversions (tolist toset tomap tostring tonumber tobool jsonencode
 * sensitive nonsensitive) and networks (cidrsubnet cidrhost cidrnetmask,
 * through cidr.h).
 * Their table is hcl_text_funcs[]; hcl_funcs.c looks names up in it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cidr.h"
#include "hcl_internal.h"
#include "utf8.h"

/* ===== Strings ===== */

/* The bytes of the character at s[i] (1 for a byte that is not UTF-8). */
static size_t char_len(const struct hval *s, size_t i)
{
    size_t n = utf8_seq_len((const unsigned char *)s->u.s + i);
    return n ? n : 1;
}

/* Is the result being built in sb over HCL_MAX_STRING? (The error is set.) */
static int too_long(struct hctx *h, const struct strbuf *sb, const char *fn, struct hpos pos)
{
    if (sb->len <= HCL_MAX_STRING)
        return 0;
    hc_fail(h, pos, "%s(): the result is longer than %u bytes", fn, HCL_MAX_STRING);
    return 1;
}

/* One format() verb (after '%' and its flags) applied to v. */
static int format_one(struct hctx *h, struct strbuf *sb, char verb, int prec, struct hval *v,
                      struct hpos pos)
{
    struct hval *x;
    char buf[64];

    switch (verb) {
    case 's':
    case 'v':
        if (verb == 'v' && hv_is_coll(v)) {
            hv_dump(sb, v);
            return 1;
        }
        if (v->kind == HV_NULL) {
            strbuf_addstr(sb, "null");
            return 1;
        }
        if (!(x = hf_need_str(h, v, "format", pos)))
            return 0;
        strbuf_add(sb, x->u.s, x->n);
        return 1;
    case 'q':
        if (!(x = hf_need_str(h, v, "format", pos)))
            return 0;
        hv_dump(sb, x);
        return 1;
    case 'd':
    case 'f':
        if (!(x = hv_to_number(h, v, pos)))
            return 0;
        if (verb == 'd') {
            if (x->u.num != floor(x->u.num)) {
                hc_fail(h, pos, "format(): %%d needs a whole number");
                return 0;
            }
            snprintf(buf, sizeof(buf), "%.0f", x->u.num);
        } else {
            snprintf(buf, sizeof(buf), "%.*f", prec < 0 ? 6 : prec > 30 ? 30 : prec, x->u.num);
        }
        strbuf_addstr(sb, buf);
        return 1;
    case 't':
        if (!(x = hv_to_bool(h, v, pos)))
            return 0;
        strbuf_addstr(sb, x->u.b ? "true" : "false");
        return 1;
    default:
        hc_fail(h, pos, "format(): unsupported verb %%%c", verb > 0x20 && verb < 0x7f ? verb : '?');
        return 0;
    }
}

static struct hval *f_format(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *fmt = hf_need_str(h, a[0], "format", pos), *r = NULL;
    struct strbuf sb = STRBUF_INIT, one = STRBUF_INIT;
    size_t i, arg = 1;
    int left, zero, plus, width;

    if (!fmt)
        return NULL;
    for (i = 0; i < fmt->n; i++) {
        const char *f = fmt->u.s;
        int prec = -1;
        if (f[i] != '%') {
            strbuf_addch(&sb, f[i]);
            continue;
        }
        if (++i >= fmt->n) {
            hc_fail(h, pos, "format(): the format ends with '%%'");
            goto out;
        }
        if (f[i] == '%') {
            strbuf_addch(&sb, '%');
            continue;
        }
        left = zero = plus = 0;
        width = 0;
        for (; i < fmt->n && strchr("-+# 0", f[i]); i++) {
            left |= f[i] == '-';
            zero |= f[i] == '0';
            plus |= f[i] == '+';
        }
        for (; i < fmt->n && f[i] >= '0' && f[i] <= '9'; i++)
            width = width * 10 + (f[i] - '0') > 1000 ? 1000 : width * 10 + (f[i] - '0');
        if (i < fmt->n && f[i] == '.') {
            prec = 0;
            for (i++; i < fmt->n && f[i] >= '0' && f[i] <= '9'; i++)
                prec = prec * 10 + (f[i] - '0') > 1000 ? 1000 : prec * 10 + (f[i] - '0');
        }
        if (i >= fmt->n) {
            hc_fail(h, pos, "format(): incomplete verb at the end of the format");
            goto out;
        }
        if (arg >= n) {
            hc_fail(h, pos, "format(): not enough arguments for the format");
            goto out;
        }
        strbuf_reset(&one);
        if (!format_one(h, &one, f[i], prec, a[arg++], pos))
            goto out;
        {
            /* Flags and width: "+", "-" (pad on the right), "0" (numbers). */
            int num = f[i] == 'd' || f[i] == 'f';
            size_t sign = num && one.len && one.buf[0] == '-';
            if (plus && num && !sign)
                strbuf_addch(&sb, '+');
            if (left || (size_t)width <= one.len + (plus && num && !sign)) {
                strbuf_add(&sb, one.buf, one.len);
            } else {
                size_t pad = (size_t)width - one.len - (plus && num && !sign), k;
                if (zero && num) {
                    strbuf_add(&sb, one.buf, sign);
                    for (k = 0; k < pad; k++)
                        strbuf_addch(&sb, '0');
                    strbuf_add(&sb, one.buf + sign, one.len - sign);
                } else {
                    for (k = 0; k < pad; k++)
                        strbuf_addch(&sb, ' ');
                    strbuf_add(&sb, one.buf, one.len);
                }
            }
            while (left && (size_t)width > one.len + (plus && num && !sign)) {
                strbuf_addch(&sb, ' ');
                width--;
            }
        }
        if (too_long(h, &sb, "format", pos))
            goto out;
    }
    r = hv_strn(h, sb.buf, sb.len);
out:
    strbuf_release(&sb);
    strbuf_release(&one);
    return r;
}

static struct hval *f_join(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *sep = hf_need_str(h, a[0], "join", pos), *r = NULL, *e;
    struct strbuf sb = STRBUF_INIT;
    size_t i, j;
    int first = 1;

    if (!sep)
        return NULL;
    for (i = 1; i < n; i++) {
        if (!hf_need_list(h, a[i], "join", pos))
            goto out;
        for (j = 0; j < a[i]->n; j++) {
            if (!(e = hf_need_str(h, a[i]->u.items[j], "join", pos)))
                goto out;
            if (!first)
                strbuf_add(&sb, sep->u.s, sep->n);
            first = 0;
            strbuf_add(&sb, e->u.s, e->n);
            if (too_long(h, &sb, "join", pos))
            goto out;
        }
    }
    r = hv_strn(h, sb.buf, sb.len);
out:
    strbuf_release(&sb);
    return r;
}

static struct hval *f_split(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *sep = hf_need_str(h, a[0], "split", pos), *s, *r;
    size_t i, count = 1, k = 0, start = 0;

    (void)n;
    if (!sep || !(s = hf_need_str(h, a[1], "split", pos)))
        return NULL;
    if (sep->n == 0) {
        /* Every character. */
        count = 0;
        for (i = 0; i < s->n; i += char_len(s, i))
            count++;
        if (!(r = hv_list(h, count, pos)))
            return NULL;
        for (i = 0; i < s->n; k++) {
            size_t l = char_len(s, i);
            if (!(r->u.items[k] = hv_strn(h, s->u.s + i, l)))
                return NULL;
            i += l;
        }
        return r;
    }
    for (i = 0; i + sep->n <= s->n; i++)
        if (memcmp(s->u.s + i, sep->u.s, sep->n) == 0) {
            count++;
            i += sep->n - 1;
        }
    if (!(r = hv_list(h, count, pos)))
        return NULL;
    for (i = 0; i + sep->n <= s->n; i++) {
        if (memcmp(s->u.s + i, sep->u.s, sep->n) == 0) {
            if (!(r->u.items[k++] = hv_strn(h, s->u.s + start, i - start)))
                return NULL;
            start = i + sep->n;
            i += sep->n - 1;
        }
    }
    if (!(r->u.items[k] = hv_strn(h, s->u.s + start, s->n - start)))
        return NULL;
    return r;
}

static struct hval *map_chars(struct hctx *h, struct hval *v, int upper, struct hpos pos)
{
    struct hval *s = hf_need_str(h, v, upper ? "upper" : "lower", pos), *r;
    size_t i;
    char *t;

    if (!s || !(r = hv_strn(h, s->u.s, s->n)))
        return NULL;
    t = (char *)r->u.s;
    for (i = 0; i < r->n; i++) {
        if (upper && t[i] >= 'a' && t[i] <= 'z')
            t[i] = (char)(t[i] - 'a' + 'A');
        else if (!upper && t[i] >= 'A' && t[i] <= 'Z')
            t[i] = (char)(t[i] - 'A' + 'a');
    }
    return r;
}

static struct hval *f_lower(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return map_chars(h, a[0], 0, pos);
}

static struct hval *f_upper(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return map_chars(h, a[0], 1, pos);
}

static struct hval *f_replace(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *s = hf_need_str(h, a[0], "replace", pos), *from, *to, *r = NULL;
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    (void)n;
    if (!s || !(from = hf_need_str(h, a[1], "replace", pos)) ||
        !(to = hf_need_str(h, a[2], "replace", pos)))
        return NULL;
    if (from->n >= 2 && from->u.s[0] == '/' && from->u.s[from->n - 1] == '/')
        return hc_fail(h, pos, "replace(): regular expressions (/.../) are not supported");
    if (from->n == 0)
        return s;
    for (i = 0; i < s->n;) {
        if (i + from->n <= s->n && memcmp(s->u.s + i, from->u.s, from->n) == 0) {
            strbuf_add(&sb, to->u.s, to->n);
            i += from->n;
        } else {
            strbuf_addch(&sb, s->u.s[i++]);
        }
        if (too_long(h, &sb, "replace", pos))
            goto out;
    }
    r = hv_strn(h, sb.buf, sb.len);
out:
    strbuf_release(&sb);
    return r;
}

static struct hval *f_trimspace(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *s = hf_need_str(h, a[0], "trimspace", pos);
    size_t b = 0, e;

    (void)n;
    if (!s)
        return NULL;
    e = s->n;
    while (b < e && strchr(" \t\r\n\v\f", s->u.s[b]))
        b++;
    while (e > b && strchr(" \t\r\n\v\f", s->u.s[e - 1]))
        e--;
    return hv_strn(h, s->u.s + b, e - b);
}

/* trimprefix / trimsuffix: s without affix at that end, when it is there. */
static struct hval *trim_affix(struct hctx *h, struct hval **a, int suffix, struct hpos pos)
{
    const char *fn = suffix ? "trimsuffix" : "trimprefix";
    struct hval *s = hf_need_str(h, a[0], fn, pos), *x;

    if (!s || !(x = hf_need_str(h, a[1], fn, pos)))
        return NULL;
    if (x->n > s->n || memcmp(s->u.s + (suffix ? s->n - x->n : 0), x->u.s, x->n) != 0)
        return s;
    return hv_strn(h, s->u.s + (suffix ? 0 : x->n), s->n - x->n);
}

static struct hval *f_trimprefix(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return trim_affix(h, a, 0, pos);
}

static struct hval *f_trimsuffix(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return trim_affix(h, a, 1, pos);
}

static struct hval *f_chomp(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *s = hf_need_str(h, a[0], "chomp", pos);
    size_t e;

    (void)n;
    if (!s)
        return NULL;
    for (e = s->n; e > 0 && (s->u.s[e - 1] == '\n' || s->u.s[e - 1] == '\r'); e--)
        ;
    return hv_strn(h, s->u.s, e);
}

static struct hval *f_strcontains(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *s = hf_need_str(h, a[0], "strcontains", pos), *x;
    size_t i;

    (void)n;
    if (!s || !(x = hf_need_str(h, a[1], "strcontains", pos)))
        return NULL;
    for (i = 0; i + x->n <= s->n; i++)
        if (memcmp(s->u.s + i, x->u.s, x->n) == 0)
            return hv_bool(1);
    return hv_bool(0);
}

/* sensitive() and nonsensitive(): the value (sgmap hides nothing). */
static struct hval *f_same(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)h;
    (void)n;
    (void)pos;
    return a[0];
}

static struct hval *f_substr(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *s = hf_need_str(h, a[0], "substr", pos);
    double off, len;
    size_t i, start = 0, end, count = 0;

    (void)n;
    if (!s || !hf_need_int(h, a[1], "substr", pos, &off) ||
        !hf_need_int(h, a[2], "substr", pos, &len))
        return NULL;
    if (off < 0 || len < -1)
        return hc_fail(h, pos, "substr(): negative offsets are not supported");
    /* Offsets count characters. */
    for (i = 0; i < s->n && count < off; count++)
        i += char_len(s, i);
    start = i;
    for (count = 0; i < s->n && (len < 0 || count < len); count++)
        i += char_len(s, i);
    end = i;
    return hv_strn(h, s->u.s + start, end - start);
}

static struct hval *starts_ends(struct hctx *h, struct hval **a, int ends, struct hpos pos)
{
    struct hval *s = hf_need_str(h, a[0], ends ? "endswith" : "startswith", pos), *x;

    if (!s || !(x = hf_need_str(h, a[1], ends ? "endswith" : "startswith", pos)))
        return NULL;
    if (x->n > s->n)
        return hv_bool(0);
    return hv_bool(memcmp(s->u.s + (ends ? s->n - x->n : 0), x->u.s, x->n) == 0);
}

static struct hval *f_startswith(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return starts_ends(h, a, 0, pos);
}

static struct hval *f_endswith(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return starts_ends(h, a, 1, pos);
}

/* ===== Numbers ===== */

static struct hval *min_max(struct hctx *h, struct hval **a, size_t n, int max, struct hpos pos)
{
    double best = 0;
    size_t i;

    if (n == 0)
        return hc_fail(h, pos, "%s(): expected at least one number", max ? "max" : "min");
    for (i = 0; i < n; i++) {
        struct hval *v = hv_to_number(h, a[i], pos);
        if (!v)
            return NULL;
        if (i == 0 || (max ? v->u.num > best : v->u.num < best))
            best = v->u.num;
    }
    return hv_num(h, best);
}

static struct hval *f_max(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    return min_max(h, a, n, 1, pos);
}

static struct hval *f_min(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    return min_max(h, a, n, 0, pos);
}

static struct hval *num1(struct hctx *h, struct hval *v, double (*fn)(double), struct hpos pos)
{
    struct hval *x = hv_to_number(h, v, pos);
    return x ? hv_num(h, fn(x->u.num)) : NULL;
}

static struct hval *f_abs(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return num1(h, a[0], fabs, pos);
}

static struct hval *f_floor(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return num1(h, a[0], floor, pos);
}

static struct hval *f_ceil(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return num1(h, a[0], ceil, pos);
}

/* ===== Conversions ===== */

/* v converted to list(any), set(any) or map(any) (coll names which). */
static struct hval *to_any(struct hctx *h, struct hval *v, const char *coll, struct hpos pos)
{
    struct hexpr any, t, *items[1];

    memset(&any, 0, sizeof(any));
    any.kind = HX_VAR;
    any.name = "any";
    memset(&t, 0, sizeof(t));
    t.kind = HX_CALL;
    t.name = coll;
    items[0] = &any;
    t.items = items;
    t.n = 1;
    return hv_convert(h, v, &t, pos);
}

static struct hval *f_tolist(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct hval *r;

    (void)n;
    if (a[0]->kind == HV_NULL)
        return a[0];
    if (!(r = to_any(h, a[0], "list", pos)))
        return NULL;
    return r->kind == HV_SET ? hf_list_of(h, r->u.items, r->n, pos) : r;
}

static struct hval *f_toset(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    if (a[0]->kind == HV_NULL)
        return a[0];
    if (a[0]->has_unknown)
        return HV_UNK; /* which elements are equal is not known yet */
    return to_any(h, a[0], "set", pos);
}

static struct hval *f_tomap(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return a[0]->kind == HV_NULL ? a[0] : to_any(h, a[0], "map", pos);
}

static struct hval *f_tostring(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return a[0]->kind == HV_NULL ? a[0] : hf_need_str(h, a[0], "tostring", pos);
}

static struct hval *f_tonumber(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return a[0]->kind == HV_NULL ? a[0] : hv_to_number(h, a[0], pos);
}

static struct hval *f_tobool(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    (void)n;
    return a[0]->kind == HV_NULL ? a[0] : hv_to_bool(h, a[0], pos);
}

static struct hval *f_jsonencode(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct strbuf sb = STRBUF_INIT;
    struct hval *r;

    (void)n;
    if (!hc_charge(h, a[0]->n, pos))
        return NULL;
    hv_dump(&sb, a[0]);
    r = too_long(h, &sb, "jsonencode", pos) ? NULL : hv_strn(h, sb.buf, sb.len);
    strbuf_release(&sb);
    return r;
}

/* ===== Networks ===== */

/* Add 1 at bit bit (counted from the most significant) of a big-endian
 * address, carrying into the bits before it. */
static void add_one_at(unsigned char *addr, int bit)
{
    int byte = bit / 8;
    unsigned sum = addr[byte] + (0x80u >> (bit % 8));

    addr[byte] = (unsigned char)sum;
    while ((sum >> 8) && --byte >= 0) {
        sum = addr[byte] + 1u;
        addr[byte] = (unsigned char)sum;
    }
}

/* Add value to the bits of addr that end at bit end (exclusive). */
static void add_bits(unsigned char *addr, int end, unsigned long long value)
{
    int i;

    for (i = 0; i < 64 && end - 1 - i >= 0; i++)
        if (value >> i & 1)
            add_one_at(addr, end - 1 - i);
}

static struct hval *cidr_text(struct hctx *h, const struct cidr *c, int bits, int with_len,
                              struct hpos pos)
{
    struct strbuf sb = STRBUF_INIT;
    char out[CIDR_TEXT_MAX], err[128];
    struct hval *r;
    int i;

    if (!c->v6) {
        strbuf_addf(&sb, "%u.%u.%u.%u", c->addr[0], c->addr[1], c->addr[2], c->addr[3]);
        if (with_len)
            strbuf_addf(&sb, "/%d", bits);
        r = hv_strn(h, sb.buf, sb.len);
        strbuf_release(&sb);
        return r;
    }
    for (i = 0; i < 16; i += 2)
        strbuf_addf(&sb, "%s%x", i ? ":" : "", (unsigned)(c->addr[i] << 8 | c->addr[i + 1]));
    strbuf_addf(&sb, "/%d", with_len ? bits : 128);
    if (cidr_canonical(sb.buf, out, err, sizeof(err)) < 0) {
        strbuf_release(&sb);
        return hc_fail(h, pos, "%s", err);
    }
    strbuf_release(&sb);
    if (!with_len)
        *strchr(out, '/') = '\0';
    return hv_str(h, out);
}

/* The network of prefix text s, host bits cleared. */
static int parse_prefix(struct hctx *h, struct hval *v, const char *fn, struct cidr *c,
                        struct hpos pos)
{
    struct hval *s = hf_need_str(h, v, fn, pos);
    int i, max;

    if (!s)
        return 0;
    if (!strchr(s->u.s, '/') || cidr_parse(s->u.s, c) < 0) {
        hc_fail(h, pos, "%s(): '%s' is not a CIDR prefix", fn, s->u.s);
        return 0;
    }
    max = c->v6 ? 128 : 32;
    for (i = c->bits; i < max; i++)
        c->addr[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
    return 1;
}

static struct hval *f_cidrsubnet(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct cidr c;
    double newbits, netnum;
    int max;

    (void)n;
    if (!parse_prefix(h, a[0], "cidrsubnet", &c, pos) ||
        !hf_need_int(h, a[1], "cidrsubnet", pos, &newbits) ||
        !hf_need_int(h, a[2], "cidrsubnet", pos, &netnum))
        return NULL;
    max = c.v6 ? 128 : 32;
    if (newbits < 0 || c.bits + newbits > max || newbits > 63)
        return hc_fail(h, pos, "cidrsubnet(): %d + %.0f bits is more than %d", c.bits, newbits,
                       max);
    if (netnum < 0 || netnum >= ldexp(1, (int)newbits))
        return hc_fail(h, pos, "cidrsubnet(): %.0f does not fit in %.0f bits", netnum, newbits);
    add_bits(c.addr, c.bits + (int)newbits, (unsigned long long)netnum);
    return cidr_text(h, &c, c.bits + (int)newbits, 1, pos);
}

static struct hval *f_cidrnetmask(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct cidr c;
    int i;

    (void)n;
    if (!parse_prefix(h, a[0], "cidrnetmask", &c, pos))
        return NULL;
    if (c.v6)
        return hc_fail(h, pos, "cidrnetmask(): only IPv4 prefixes have a netmask");
    memset(c.addr, 0, sizeof(c.addr));
    for (i = 0; i < c.bits; i++)
        c.addr[i / 8] |= (unsigned char)(0x80 >> (i % 8));
    return cidr_text(h, &c, 32, 0, pos);
}

static struct hval *f_cidrhost(struct hctx *h, struct hval **a, size_t n, struct hpos pos)
{
    struct cidr c;
    double host, size;
    int max, hostbits;

    (void)n;
    if (!parse_prefix(h, a[0], "cidrhost", &c, pos) ||
        !hf_need_int(h, a[1], "cidrhost", pos, &host))
        return NULL;
    max = c.v6 ? 128 : 32;
    hostbits = max - c.bits;
    size = ldexp(1, hostbits > 63 ? 63 : hostbits);
    if (host < 0)
        host += size;
    if (host < 0 || (hostbits <= 63 && host >= size))
        return hc_fail(h, pos, "cidrhost(): host number %.0f is outside the prefix", host);
    add_bits(c.addr, max, (unsigned long long)host);
    return cidr_text(h, &c, max, 0, pos);
}

const struct hfunc hcl_text_funcs[] = {
    {"abs", f_abs, 1, 1, F_TOP},
    {"ceil", f_ceil, 1, 1, F_TOP},
    {"chomp", f_chomp, 1, 1, F_TOP},
    {"cidrhost", f_cidrhost, 2, 2, F_TOP},
    {"cidrnetmask", f_cidrnetmask, 1, 1, F_TOP},
    {"cidrsubnet", f_cidrsubnet, 3, 3, F_TOP},
    {"endswith", f_endswith, 2, 2, F_TOP},
    {"floor", f_floor, 1, 1, F_TOP},
    {"format", f_format, 1, -1, F_DEEP},
    {"join", f_join, 1, -1, F_DEEP},
    {"jsonencode", f_jsonencode, 1, 1, F_DEEP},
    {"lower", f_lower, 1, 1, F_TOP},
    {"max", f_max, 1, -1, F_TOP},
    {"min", f_min, 1, -1, F_TOP},
    {"nonsensitive", f_same, 1, 1, 0},
    {"replace", f_replace, 3, 3, F_TOP},
    {"sensitive", f_same, 1, 1, 0},
    {"split", f_split, 2, 2, F_TOP},
    {"startswith", f_startswith, 2, 2, F_TOP},
    {"strcontains", f_strcontains, 2, 2, F_TOP},
    {"substr", f_substr, 3, 3, F_TOP},
    {"tobool", f_tobool, 1, 1, F_TOP},
    {"tolist", f_tolist, 1, 1, F_TOP},
    {"tomap", f_tomap, 1, 1, F_TOP},
    {"tonumber", f_tonumber, 1, 1, F_TOP},
    {"toset", f_toset, 1, 1, F_TOP},
    {"tostring", f_tostring, 1, 1, F_TOP},
    {"trimprefix", f_trimprefix, 2, 2, F_TOP},
    {"trimspace", f_trimspace, 1, 1, F_TOP},
    {"trimsuffix", f_trimsuffix, 2, 2, F_TOP},
    {"upper", f_upper, 1, 1, F_TOP},
};
const size_t hcl_text_nfuncs = sizeof(hcl_text_funcs) / sizeof(hcl_text_funcs[0]);
