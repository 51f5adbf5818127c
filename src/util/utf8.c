/*
 * utf8.c - UTF-8 decoding and encoding, and the invisible characters
 * (see utf8.h).
 */
#include "utf8.h"
#include "strbuf.h"

static const char hex_digits[] = "0123456789ABCDEF";

size_t utf8_seq_len(const unsigned char *s)
{
    size_t n, i;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

unsigned utf8_decode(const unsigned char *s, size_t n)
{
    static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
    unsigned cp = s[0] & lead_mask[n];
    size_t i;

    for (i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3f);
    return cp;
}

void utf8_append(struct strbuf *sb, unsigned cp)
{
    if (cp < 0x80) {
        strbuf_addch(sb, (int)cp);
    } else if (cp < 0x800) {
        strbuf_addch(sb, (int)(0xc0 | cp >> 6));
        strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        strbuf_addch(sb, (int)(0xe0 | cp >> 12));
        strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
        strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
    } else {
        strbuf_addch(sb, (int)(0xf0 | cp >> 18));
        strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3f)));
        strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
        strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
    }
}

int utf8_is_bidi_control(unsigned cp)
{
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c ||
           cp == 0x200e || cp == 0x200f;
}

int utf8_is_invisible(unsigned cp)
{
    return (cp >= 0x80 && cp <= 0x9f) || cp == 0xad || cp == 0x34f || cp == 0x180e ||
           (cp >= 0x200b && cp <= 0x200f) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
           cp == 0xfeff || (cp >= 0xe0000 && cp <= 0xe007f) || utf8_is_bidi_control(cp);
}

void utf8_append_visible(struct strbuf *sb, unsigned cp)
{
    char buf[12];
    size_t n = 0;
    int shift = cp > 0xffff ? 16 : 12;

    buf[n++] = '<';
    buf[n++] = 'U';
    buf[n++] = '+';
    for (; shift >= 0; shift -= 4)
        buf[n++] = hex_digits[(cp >> shift) & 0xf];
    buf[n++] = '>';
    strbuf_add(sb, buf, n);
}

size_t utf8_show(const unsigned char *s, struct strbuf *shown)
{
    size_t n;
    unsigned cp;

    if (*s < 0x80)
        return 1;
    n = utf8_seq_len(s);
    if (n == 0) {
        char name[6] = {'<', '0', 'x', hex_digits[*s >> 4], hex_digits[*s & 0xf], '>'};
        strbuf_add(shown, name, sizeof(name));
        return 1;
    }
    cp = utf8_decode(s, n);
    if (utf8_is_invisible(cp))
        utf8_append_visible(shown, cp);
    return n;
}
