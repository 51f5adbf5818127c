/*
 * hcl_template.c - templates of HCL's native syntax: quoted strings (with
 * \n \t \" \\ \uNNNN \UNNNNNNNN escapes), heredocs (<<EOT, and <<-EOT
 * with the common indentation removed), ${...} interpolations and
 * %{if}/%{else}/%{endif} and %{for}/%{endfor} directives with ~ strip
 * markers, $${ and %%{ for the literal text. The text is read character by
 * character from the lexer's position; the expressions inside go back to
 * hcl_parse.c. Also templates of JSON strings (hcl_parse_template).
 */
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"
#include "utf8.h"

/* ===== Templates ===== */

struct hexpr *hp_lit_string(struct hparser *p, struct hpos pos, const char *s, size_t n)
{
    struct hexpr *x = hx_new(p->a, HX_LIT, pos);
    struct hval *v = arena_alloc(p->a, sizeof(*v));
    v->kind = HV_STRING;
    v->n = n;
    v->u.s = arena_strndup(p->a, s, n);
    x->lit = v;
    return x;
}

static int at_end(struct hparser *p, size_t i)
{
    return p->tmode == TM_QUOTE ? i >= p->lx.len : i >= p->tend;
}

/* A \ escape in a quoted string at i (the backslash): appended to sb;
 * returns the bytes it took, or 0 after an error. */
static size_t read_escape(struct hparser *p, size_t i, struct strbuf *sb)
{
    const char *d = p->lx.data;
    size_t n, k;
    unsigned cp = 0;

    if (i + 1 >= p->lx.len) {
        hp_p_error(p, lex_pos_at(&p->lx, i), "unterminated string");
        return 0;
    }
    switch (d[i + 1]) {
    case 'n': strbuf_addch(sb, '\n'); return 2;
    case 'r': strbuf_addch(sb, '\r'); return 2;
    case 't': strbuf_addch(sb, '\t'); return 2;
    case '"': strbuf_addch(sb, '"'); return 2;
    case '\\': strbuf_addch(sb, '\\'); return 2;
    case 'u': n = 4; break;
    case 'U': n = 8; break;
    default:
        hp_p_error(p, lex_pos_at(&p->lx, i),
                   "invalid escape sequence '\\%c' (use \\\\ for a backslash)",
                   d[i + 1] > 0x20 && d[i + 1] < 0x7f ? d[i + 1] : '?');
        return 0;
    }
    for (k = 0; k < n; k++) {
        char c = i + 2 + k < p->lx.len ? d[i + 2 + k] : 0;
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0) {
            hp_p_error(p, lex_pos_at(&p->lx, i), "invalid \\%c escape: expected %zu hex digits",
                    d[i + 1], n);
            return 0;
        }
        cp = cp * 16 + (unsigned)v;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        hp_p_error(p, lex_pos_at(&p->lx, i), "invalid escape: U+%X is not a character", cp);
        return 0;
    }
    utf8_append(sb, cp);
    return 2 + n;
}

static void trim_right(struct strbuf *sb)
{
    while (sb->len && strchr(" \t\r\n", sb->buf[sb->len - 1]))
        sb->buf[--sb->len] = '\0';
}

static struct hexpr *template_node(struct hparser *p, struct hpos pos, struct hexpr **items,
                                   size_t n)
{
    struct hexpr *x;

    if (n == 0)
        return hp_lit_string(p, pos, "", 0);
    if (n == 1 && items[0]->kind == HX_LIT)
        return items[0];
    x = hx_new(p->a, HX_TEMPLATE, pos);
    x->items = items;
    x->n = n;
    return x;
}

/* The part of a template from lx.pos: literals, ${} and %{} up to the end
 * of the template or a closing directive (*term says which). */
static struct hexpr *parse_tpl(struct hparser *p, struct hpos pos, int *term);

/* The directive at i (just after "%{" and an optional '~'). */
static struct hexpr *parse_directive(struct hparser *p, size_t i, struct hpos dpos, int *term)
{
    struct hexpr *x = NULL;
    int t, inner;

    lex_seek(&p->lx, i);
    p->lx.ignore_nl++;
    if (lex_peek(&p->lx) != T_IDENT) {
        hp_p_unexpected(p, "if, else, endif, for or endfor");
        return NULL;
    }
    if (hp_peek_ident(p, "if")) {
        lex_next(&p->lx);
        x = hx_new(p->a, HX_TPL_IF, dpos);
        x->c = hp_parse_expr(p);
    } else if (hp_peek_ident(p, "for")) {
        lex_next(&p->lx);
        x = hx_new(p->a, HX_TPL_FOR, dpos);
        if (!hp_parse_for_head(p, x))
            return NULL;
    } else if (hp_peek_ident(p, "else") || hp_peek_ident(p, "endif") ||
               hp_peek_ident(p, "endfor")) {
        *term = hp_peek_ident(p, "else")    ? TPL_ELSE
                : hp_peek_ident(p, "endif") ? TPL_ENDIF
                                            : TPL_ENDFOR;
        lex_next(&p->lx);
    } else {
        hp_p_unexpected(p, "if, else, endif, for or endfor");
        return NULL;
    }
    if (p->failed)
        return NULL;
    t = lex_peek(&p->lx);
    if (t != T_RBRACE && t != T_TRBRACE) {
        hp_p_unexpected(p, "'}' to close the directive");
        return NULL;
    }
    lex_next(&p->lx);
    p->lx.ignore_nl--;
    p->pending_strip = t == T_TRBRACE;
    if (!x)
        return NULL; /* a closing directive: the caller ends its part */
    if (!hp_enter(p, dpos))
        return NULL;
    x->a = parse_tpl(p, dpos, &inner);
    if (!p->failed && x->kind == HX_TPL_IF && inner == TPL_ELSE)
        x->b = parse_tpl(p, dpos, &inner);
    p->depth--;
    if (p->failed)
        return NULL;
    if (inner != (x->kind == HX_TPL_IF ? TPL_ENDIF : TPL_ENDFOR)) {
        hp_p_error(p, dpos, "%%{%s} without %%{%s}", x->kind == HX_TPL_IF ? "if" : "for",
                x->kind == HX_TPL_IF ? "endif" : "endfor");
        return NULL;
    }
    return x;
}

static struct hexpr *parse_tpl(struct hparser *p, struct hpos pos, int *term)
{
    const char *d = p->lx.data;
    struct strbuf lit = STRBUF_INIT;
    struct hexpr **items = NULL;
    size_t n = 0, alloc = 0, i = p->lx.pos;
    int strip_next = p->pending_strip, bol = p->tmode == TM_HEREDOC;
    struct hpos lpos = lex_pos_at(&p->lx, i);

    *term = TPL_END;
    p->pending_strip = 0;
    for (;;) {
        if (bol && p->indent) {
            size_t k = 0;
            while (k < p->indent && !at_end(p, i) && (d[i] == ' ' || d[i] == '\t'))
                i++, k++;
        }
        bol = 0;
        if (strip_next) {
            while (!at_end(p, i) && strchr(" \t\r\n", d[i]))
                i++;
            strip_next = 0;
        }
        if (at_end(p, i)) {
            if (p->tmode == TM_QUOTE) {
                hp_p_error(p, pos, "unterminated string (no closing '\"')");
                goto fail;
            }
            break;
        }
        if (p->tmode == TM_QUOTE && d[i] == '"') {
            i++;
            break;
        }
        if (p->tmode == TM_QUOTE && d[i] == '\n') {
            hp_p_error(p, pos, "unterminated string (a quoted string ends on its line; use a "
                            "heredoc for several lines)");
            goto fail;
        }
        if ((d[i] == '$' || d[i] == '%') && !at_end(p, i + 2) && d[i + 1] == d[i] &&
            d[i + 2] == '{') {
            strbuf_add(&lit, d + i, 1); /* $${ and %%{ are the literal ${ and %{ */
            strbuf_addch(&lit, '{');
            i += 3;
            continue;
        }
        if ((d[i] == '$' || d[i] == '%') && !at_end(p, i + 1) && d[i + 1] == '{') {
            struct hpos ipos = lex_pos_at(&p->lx, i);
            int directive = d[i] == '%', t;
            struct hexpr *x;
            i += 2;
            if (!at_end(p, i) && d[i] == '~') {
                trim_right(&lit);
                i++;
            }
            if (lit.len)
                hp_push_item(p->a, &items, &n, &alloc, hp_lit_string(p, lpos, lit.buf, lit.len));
            strbuf_reset(&lit);
            if (directive) {
                int sub = TPL_END;
                x = parse_directive(p, i, ipos, &sub);
                if (p->failed)
                    goto fail;
                i = p->lx.pos;
                lpos = lex_pos_at(&p->lx, i);
                if (!x) {
                    *term = sub; /* pending_strip is for what follows the parent */
                    break;
                }
                strip_next = p->pending_strip;
                p->pending_strip = 0;
                hp_push_item(p->a, &items, &n, &alloc, x);
                continue;
            }
            lex_seek(&p->lx, i);
            p->lx.ignore_nl++;
            if (!hp_enter(p, ipos))
                goto fail;
            x = hp_parse_expr(p);
            p->depth--;
            if (p->failed)
                goto fail;
            t = lex_peek(&p->lx);
            if (t != T_RBRACE && t != T_TRBRACE) {
                hp_p_unexpected(p, "'}' to close the interpolation");
                goto fail;
            }
            lex_next(&p->lx);
            p->lx.ignore_nl--;
            strip_next = t == T_TRBRACE;
            hp_push_item(p->a, &items, &n, &alloc, x);
            i = p->lx.pos;
            lpos = lex_pos_at(&p->lx, i);
            continue;
        }
        if (p->tmode == TM_QUOTE && d[i] == '\\') {
            size_t k = read_escape(p, i, &lit);
            if (!k)
                goto fail;
            i += k;
            continue;
        }
        if (d[i] == '\n') {
            bol = 1;
            strbuf_addch(&lit, d[i++]);
            continue;
        }
        {
            /* A run of plain characters at once. */
            size_t k = i + 1;
            while (!at_end(p, k) && d[k] != '\n' && d[k] != '$' && d[k] != '%' &&
                   d[k] != '"' && d[k] != '\\')
                k++;
            strbuf_add(&lit, d + i, k - i);
            i = k;
        }
    }
    if (lit.len)
        hp_push_item(p->a, &items, &n, &alloc, hp_lit_string(p, lpos, lit.buf, lit.len));
    strbuf_release(&lit);
    lex_seek(&p->lx, i);
    return template_node(p, pos, items, n);
fail:
    strbuf_release(&lit);
    return NULL;
}

/* A whole template that is not inside a directive. */
struct hexpr *hp_parse_template_top(struct hparser *p, struct hpos pos)
{
    int term;
    struct hexpr *x = parse_tpl(p, pos, &term);

    if (x && term != TPL_END) {
        hp_p_error(p, pos, "%s without a matching opening directive",
                term == TPL_ELSE ? "%{else}" : term == TPL_ENDIF ? "%{endif}" : "%{endfor}");
        return NULL;
    }
    return x;
}

/* A quoted string (the opening quote just read), inside whatever template
 * is being read (an interpolation may hold strings). */
struct hexpr *hp_parse_quoted(struct hparser *p, struct hpos pos)
{
    int mode = p->tmode;
    size_t tend = p->tend, indent = p->indent;
    struct hexpr *x;

    p->tmode = TM_QUOTE;
    p->indent = 0;
    x = hp_parse_template_top(p, pos);
    p->tmode = mode;
    p->tend = tend;
    p->indent = indent;
    return x;
}

/* A heredoc: the token is the marker; lx.pos is at the newline ending the
 * introducer. */
struct hexpr *hp_parse_heredoc(struct hparser *p)
{
    const char *d = p->lx.data, *marker = d + p->lx.start;
    size_t mlen = p->lx.end - p->lx.start, body = p->lx.pos + 1, i = body, close = 0, end = 0;
    size_t indent = (size_t)-1;
    int indented = p->lx.heredoc_indent, found = 0;
    struct hpos pos = p->lx.tpos;
    struct hexpr *x;

    p->lx.have = 0;
    while (i < p->lx.len) {
        size_t ls = i, k = i, le;
        while (k < p->lx.len && (d[k] == ' ' || d[k] == '\t'))
            k++;
        le = k;
        while (le < p->lx.len && d[le] != '\n')
            le++;
        {
            size_t te = le;
            if (te > k && d[te - 1] == '\r')
                te--;
            if (te - k == mlen && memcmp(d + k, marker, mlen) == 0) {
                close = ls;
                end = te;
                found = 1;
                break;
            }
            if (te > k && k - ls < indent)
                indent = k - ls;
        }
        i = le + 1;
    }
    if (!found) {
        hp_p_error(p, pos, "unterminated heredoc: no line '%.*s' closes it",
                   (int)(mlen > 64 ? 64 : mlen), marker);
        return NULL;
    }
    lex_seek(&p->lx, body);
    {
        int mode = p->tmode;
        size_t tend = p->tend, ind = p->indent;
        p->tmode = TM_HEREDOC;
        p->tend = close;
        p->indent = indented && indent != (size_t)-1 ? indent : 0;
        x = hp_parse_template_top(p, pos);
        p->tmode = mode;
        p->tend = tend;
        p->indent = ind;
    }
    if (!x)
        return NULL;
    lex_seek(&p->lx, end);
    return x;
}

