/*
 * hcl_parse.c - HCL native syntax into bodies and expressions (the AST of
 * hcl_internal.h), per HashiCorp's specification: bodies of attributes and
 * labelled blocks; expressions with HCL's operator precedence (unary ! -,
 * then * / %, + -, comparisons, == !=, &&, ||, then ?:), tuples, objects,
 * function calls with f(list...), for expressions, splats ([*] and .*),
 * index and attribute steps (and the legacy a.0); templates in quotes and
 * heredocs (<<EOT, <<-EOT) with ${...} interpolation, %{if}/%{for}
 * directives and ~ strip markers. The first syntax error of a file is
 * reported at its FILE:LINE:COL and ends that file.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"
#include "utf8.h"

struct hparser {
    struct hlex lx;
    struct arena *a;
    int failed;
    int depth;
    /* The template being read. */
    int tmode;      /* TM_QUOTE, TM_HEREDOC, TM_RAW */
    size_t tend;    /* heredoc / raw: where the text ends */
    size_t indent;  /* <<-: blanks removed at the start of each line */
    int pending_strip; /* the last directive ended with ~}: strip what follows */
};

enum { TM_QUOTE, TM_HEREDOC, TM_RAW };
enum { TPL_END, TPL_ELSE, TPL_ENDIF, TPL_ENDFOR };

static struct hexpr *parse_expr(struct hparser *p);

static void p_error(struct hparser *p, struct hpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void p_error(struct hparser *p, struct hpos pos, const char *fmt, ...)
{
    struct srcloc loc;
    va_list ap;

    if (p->failed)
        return;
    p->failed = 1;
    loc.file = pos.file;
    loc.line = pos.line;
    loc.col = pos.col;
    loc.path = NULL;
    va_start(ap, fmt);
    diag_verror(&loc, fmt, ap);
    va_end(ap);
}

/* Report the lookahead token as unexpected. */
static void p_unexpected(struct hparser *p, const char *want)
{
    int t = lex_peek(&p->lx);
    if (t == T_BAD)
        p_error(p, p->lx.tpos, "%s", p->lx.bad);
    else
        p_error(p, p->lx.tpos, "expected %s, got %s", want, lex_tok_name(t));
}

static int expect(struct hparser *p, int tok, const char *want)
{
    if (p->failed)
        return 0;
    if (lex_peek(&p->lx) != tok) {
        p_unexpected(p, want);
        return 0;
    }
    lex_next(&p->lx);
    return 1;
}

struct hexpr *hx_new(struct arena *a, int kind, struct hpos pos)
{
    struct hexpr *x = arena_alloc(a, sizeof(*x));
    x->kind = (unsigned char)kind;
    x->pos = pos;
    return x;
}

void *hcl_grow(struct arena *a, void *arr, size_t n, size_t *alloc, size_t elem)
{
    void *na;

    if (n < *alloc)
        return arr;
    *alloc = *alloc ? *alloc * 2 : 8;
    na = arena_alloc_raw(a, *alloc * elem);
    if (n)
        memcpy(na, arr, n * elem);
    return na;
}

const struct hattr *hcl_body_attr(const struct hbody *b, const char *name)
{
    size_t i;
    for (i = 0; i < b->nattrs; i++)
        if (strcmp(b->attrs[i].name, name) == 0)
            return &b->attrs[i];
    return NULL;
}

void hcl_add_key(struct strbuf *sb, const struct hval *key)
{
    const char *s;

    if (key->kind == HV_NUMBER) {
        strbuf_addch(sb, '[');
        hv_fmt_number(sb, key->u.num);
        strbuf_addch(sb, ']');
        return;
    }
    strbuf_addstr(sb, "[\"");
    for (s = key->u.s; *s; s++) {
        if (*s == '"' || *s == '\\')
            strbuf_addch(sb, '\\');
        strbuf_addch(sb, *s);
    }
    strbuf_addstr(sb, "\"]");
}

/* Append item to a growing array of pointers kept in the arena. */
static void push_item(struct arena *a, struct hexpr ***items, size_t *n, size_t *alloc,
                      struct hexpr *item)
{
    *items = hcl_grow(a, *items, *n, alloc, sizeof(**items));
    (*items)[(*n)++] = item;
}

static const char *tok_text(struct hparser *p)
{
    return arena_strndup(p->a, p->lx.data + p->lx.start, p->lx.end - p->lx.start);
}

static int peek_ident(struct hparser *p, const char *word)
{
    size_t n = strlen(word);
    return lex_peek(&p->lx) == T_IDENT && p->lx.end - p->lx.start == n &&
           memcmp(p->lx.data + p->lx.start, word, n) == 0;
}

static int enter(struct hparser *p, struct hpos pos)
{
    if (++p->depth > HCL_MAX_NESTING) {
        p_error(p, pos, "nested too deeply (more than %d levels)", HCL_MAX_NESTING);
        return 0;
    }
    return 1;
}

/* ===== Templates ===== */

static struct hexpr *lit_string(struct hparser *p, struct hpos pos, const char *s, size_t n)
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
        p_error(p, lex_pos_at(&p->lx, i), "unterminated string");
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
        p_error(p, lex_pos_at(&p->lx, i), "invalid escape sequence '\\%c' (use \\\\ for a backslash)",
                d[i + 1] > 0x20 && d[i + 1] < 0x7f ? d[i + 1] : '?');
        return 0;
    }
    for (k = 0; k < n; k++) {
        char c = i + 2 + k < p->lx.len ? d[i + 2 + k] : 0;
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0) {
            p_error(p, lex_pos_at(&p->lx, i), "invalid \\%c escape: expected %zu hex digits",
                    d[i + 1], n);
            return 0;
        }
        cp = cp * 16 + (unsigned)v;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        p_error(p, lex_pos_at(&p->lx, i), "invalid escape: U+%X is not a character", cp);
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
        return lit_string(p, pos, "", 0);
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

/* "NAME[, NAME2] in EXPR" of a for expression or %{for} (after "for"). */
static int parse_for_head(struct hparser *p, struct hexpr *x)
{
    if (!expect(p, T_IDENT, "a variable name after for"))
        return 0;
    x->name = tok_text(p);
    if (lex_peek(&p->lx) == T_COMMA) {
        lex_next(&p->lx);
        if (!expect(p, T_IDENT, "a second variable name"))
            return 0;
        x->name2 = tok_text(p);
    }
    if (!peek_ident(p, "in")) {
        p_unexpected(p, "'in'");
        return 0;
    }
    lex_next(&p->lx);
    x->c = parse_expr(p);
    return !p->failed;
}

/* The directive at i (just after "%{" and an optional '~'). */
static struct hexpr *parse_directive(struct hparser *p, size_t i, struct hpos dpos, int *term)
{
    struct hexpr *x = NULL;
    int t, inner;

    lex_seek(&p->lx, i);
    p->lx.ignore_nl++;
    if (lex_peek(&p->lx) != T_IDENT) {
        p_unexpected(p, "if, else, endif, for or endfor");
        return NULL;
    }
    if (peek_ident(p, "if")) {
        lex_next(&p->lx);
        x = hx_new(p->a, HX_TPL_IF, dpos);
        x->c = parse_expr(p);
    } else if (peek_ident(p, "for")) {
        lex_next(&p->lx);
        x = hx_new(p->a, HX_TPL_FOR, dpos);
        if (!parse_for_head(p, x))
            return NULL;
    } else if (peek_ident(p, "else") || peek_ident(p, "endif") || peek_ident(p, "endfor")) {
        *term = peek_ident(p, "else") ? TPL_ELSE : peek_ident(p, "endif") ? TPL_ENDIF : TPL_ENDFOR;
        lex_next(&p->lx);
    } else {
        p_unexpected(p, "if, else, endif, for or endfor");
        return NULL;
    }
    if (p->failed)
        return NULL;
    t = lex_peek(&p->lx);
    if (t != T_RBRACE && t != T_TRBRACE) {
        p_unexpected(p, "'}' to close the directive");
        return NULL;
    }
    lex_next(&p->lx);
    p->lx.ignore_nl--;
    p->pending_strip = t == T_TRBRACE;
    if (!x)
        return NULL; /* a closing directive: the caller ends its part */
    if (!enter(p, dpos))
        return NULL;
    x->a = parse_tpl(p, dpos, &inner);
    if (!p->failed && x->kind == HX_TPL_IF && inner == TPL_ELSE)
        x->b = parse_tpl(p, dpos, &inner);
    p->depth--;
    if (p->failed)
        return NULL;
    if (inner != (x->kind == HX_TPL_IF ? TPL_ENDIF : TPL_ENDFOR)) {
        p_error(p, dpos, "%%{%s} without %%{%s}", x->kind == HX_TPL_IF ? "if" : "for",
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
                p_error(p, pos, "unterminated string (no closing '\"')");
                goto fail;
            }
            break;
        }
        if (p->tmode == TM_QUOTE && d[i] == '"') {
            i++;
            break;
        }
        if (p->tmode == TM_QUOTE && d[i] == '\n') {
            p_error(p, pos, "unterminated string (a quoted string ends on its line; use a "
                            "heredoc for several lines)");
            goto fail;
        }
        if ((d[i] == '$' || d[i] == '%') && !at_end(p, i + 2) && d[i + 1] == d[i] && d[i + 2] == '{') {
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
                push_item(p->a, &items, &n, &alloc, lit_string(p, lpos, lit.buf, lit.len));
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
                push_item(p->a, &items, &n, &alloc, x);
                continue;
            }
            lex_seek(&p->lx, i);
            p->lx.ignore_nl++;
            if (!enter(p, ipos))
                goto fail;
            x = parse_expr(p);
            p->depth--;
            if (p->failed)
                goto fail;
            t = lex_peek(&p->lx);
            if (t != T_RBRACE && t != T_TRBRACE) {
                p_unexpected(p, "'}' to close the interpolation");
                goto fail;
            }
            lex_next(&p->lx);
            p->lx.ignore_nl--;
            strip_next = t == T_TRBRACE;
            push_item(p->a, &items, &n, &alloc, x);
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
        if (d[i] == '\n')
            bol = 1;
        strbuf_addch(&lit, d[i]);
        i++;
    }
    if (lit.len)
        push_item(p->a, &items, &n, &alloc, lit_string(p, lpos, lit.buf, lit.len));
    strbuf_release(&lit);
    lex_seek(&p->lx, i);
    return template_node(p, pos, items, n);
fail:
    strbuf_release(&lit);
    return NULL;
}

/* A whole template that is not inside a directive. */
static struct hexpr *parse_template_top(struct hparser *p, struct hpos pos)
{
    int term;
    struct hexpr *x = parse_tpl(p, pos, &term);

    if (x && term != TPL_END) {
        p_error(p, pos, "%s without a matching opening directive",
                term == TPL_ELSE ? "%{else}" : term == TPL_ENDIF ? "%{endif}" : "%{endfor}");
        return NULL;
    }
    return x;
}

/* A quoted string (the opening quote just read), inside whatever template
 * is being read (an interpolation may hold strings). */
static struct hexpr *parse_quoted(struct hparser *p, struct hpos pos)
{
    int mode = p->tmode;
    size_t tend = p->tend, indent = p->indent;
    struct hexpr *x;

    p->tmode = TM_QUOTE;
    p->indent = 0;
    x = parse_template_top(p, pos);
    p->tmode = mode;
    p->tend = tend;
    p->indent = indent;
    return x;
}

/* A heredoc: the token is the marker; lx.pos is at the newline ending the
 * introducer. */
static struct hexpr *parse_heredoc(struct hparser *p)
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
        p_error(p, pos, "unterminated heredoc: no line '%.*s' closes it", (int)(mlen > 64 ? 64 : mlen),
                marker);
        return NULL;
    }
    lex_seek(&p->lx, body);
    {
        int mode = p->tmode;
        size_t tend = p->tend, ind = p->indent;
        p->tmode = TM_HEREDOC;
        p->tend = close;
        p->indent = indented && indent != (size_t)-1 ? indent : 0;
        x = parse_template_top(p, pos);
        p->tmode = mode;
        p->tend = tend;
        p->indent = ind;
    }
    if (!x)
        return NULL;
    lex_seek(&p->lx, end);
    return x;
}

/* ===== Expressions ===== */

static struct hexpr *parse_for(struct hparser *p, struct hpos pos, int object, int close)
{
    struct hexpr *x = hx_new(p->a, HX_FOR, pos);

    lex_next(&p->lx); /* for */
    if (object)
        x->flags |= HX_OBJFOR;
    if (!parse_for_head(p, x) || !expect(p, T_COLON, "':'"))
        return NULL;
    if (object) {
        x->d = parse_expr(p);
        if (!expect(p, T_ARROW, "'=>'"))
            return NULL;
    }
    x->a = parse_expr(p);
    if (object && lex_peek(&p->lx) == T_ELLIPSIS) {
        lex_next(&p->lx);
        x->flags |= HX_GROUP;
    }
    if (peek_ident(p, "if")) {
        lex_next(&p->lx);
        x->b = parse_expr(p);
    }
    if (!expect(p, close, close == T_RBRACK ? "']' to end the for expression"
                                            : "'}' to end the for expression"))
        return NULL;
    return x;
}

static struct hexpr *parse_tuple(struct hparser *p, struct hpos pos)
{
    struct hexpr *x = hx_new(p->a, HX_TUPLE, pos);
    size_t alloc = 0;

    while (!p->failed && lex_peek(&p->lx) != T_RBRACK) {
        push_item(p->a, &x->items, &x->n, &alloc, parse_expr(p));
        if (lex_peek(&p->lx) == T_COMMA)
            lex_next(&p->lx);
        else if (lex_peek(&p->lx) != T_RBRACK)
            p_unexpected(p, "',' or ']'");
    }
    expect(p, T_RBRACK, "']'");
    return x;
}

static struct hexpr *parse_object(struct hparser *p, struct hpos pos)
{
    struct hexpr *x = hx_new(p->a, HX_OBJECT, pos);
    size_t alloc = 0;

    for (;;) {
        struct hexpr *k, *v;
        int t;
        while (lex_peek(&p->lx) == T_NL)
            lex_next(&p->lx);
        if (p->failed || lex_peek(&p->lx) == T_RBRACE)
            break;
        k = parse_expr(p);
        if (p->failed)
            break;
        t = lex_peek(&p->lx);
        if (t != T_ASSIGN && t != T_COLON) {
            p_unexpected(p, "'=' or ':' after the key");
            break;
        }
        lex_next(&p->lx);
        if (k->kind == HX_VAR) {
            k = lit_string(p, k->pos, k->name, strlen(k->name));
            x->flags |= HX_BAREKEY;
        }
        v = parse_expr(p);
        push_item(p->a, &x->items, &x->n, &alloc, k);
        push_item(p->a, &x->items, &x->n, &alloc, v);
        t = lex_peek(&p->lx);
        if (t == T_COMMA || t == T_NL)
            lex_next(&p->lx);
        else if (t != T_RBRACE)
            p_unexpected(p, "a newline, ',' or '}' after the value");
    }
    expect(p, T_RBRACE, "'}'");
    return x;
}

static struct hexpr *parse_call(struct hparser *p, struct hpos pos, const char *name)
{
    struct hexpr *x = hx_new(p->a, HX_CALL, pos);
    size_t alloc = 0;

    x->name = name;
    lex_next(&p->lx); /* ( */
    p->lx.ignore_nl++;
    while (!p->failed && lex_peek(&p->lx) != T_RPAREN) {
        push_item(p->a, &x->items, &x->n, &alloc, parse_expr(p));
        if (lex_peek(&p->lx) == T_ELLIPSIS) {
            lex_next(&p->lx);
            x->flags |= HX_EXPAND;
            if (lex_peek(&p->lx) == T_COMMA)
                lex_next(&p->lx);
            if (lex_peek(&p->lx) != T_RPAREN)
                p_unexpected(p, "')' after the expanded argument");
            break;
        }
        if (lex_peek(&p->lx) == T_COMMA)
            lex_next(&p->lx);
        else if (lex_peek(&p->lx) != T_RPAREN)
            p_unexpected(p, "',' or ')'");
    }
    if (expect(p, T_RPAREN, "')'"))
        p->lx.ignore_nl--;
    return x;
}

static struct hexpr *parse_primary(struct hparser *p)
{
    struct hpos pos;
    struct hexpr *x = NULL;
    int t, saved;

    if (p->failed)
        return NULL;
    t = lex_peek(&p->lx);
    pos = p->lx.tpos;
    switch (t) {
    case T_NUMBER: {
        char *s = (char *)tok_text(p);
        x = hx_new(p->a, HX_LIT, pos);
        x->lit = arena_alloc(p->a, sizeof(*x->lit));
        x->lit->kind = HV_NUMBER;
        x->lit->u.num = strtod(s, NULL);
        lex_next(&p->lx);
        return x;
    }
    case T_OQUOTE:
        lex_next(&p->lx);
        return parse_quoted(p, pos);
    case T_HEREDOC:
        lex_next(&p->lx);
        return parse_heredoc(p);
    case T_IDENT: {
        const char *name = tok_text(p);
        lex_next(&p->lx);
        if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0 || strcmp(name, "null") == 0) {
            x = hx_new(p->a, HX_LIT, pos);
            x->lit = name[0] == 't' ? &hv_true_v : name[0] == 'f' ? &hv_false_v : &hv_null_v;
            return x;
        }
        if (lex_peek(&p->lx) == T_LPAREN)
            return parse_call(p, pos, name);
        x = hx_new(p->a, HX_VAR, pos);
        x->name = name;
        return x;
    }
    case T_LPAREN:
        lex_next(&p->lx);
        p->lx.ignore_nl++;
        x = hx_new(p->a, HX_PAREN, pos);
        x->a = parse_expr(p);
        if (expect(p, T_RPAREN, "')'"))
            p->lx.ignore_nl--;
        return x;
    case T_LBRACK:
        lex_next(&p->lx);
        p->lx.ignore_nl++;
        x = peek_ident(p, "for") ? parse_for(p, pos, 0, T_RBRACK) : parse_tuple(p, pos);
        p->lx.ignore_nl--;
        return x;
    case T_LBRACE:
        lex_next(&p->lx);
        saved = p->lx.ignore_nl;
        p->lx.ignore_nl = 1;
        if (peek_ident(p, "for")) {
            x = parse_for(p, pos, 1, T_RBRACE);
        } else {
            p->lx.ignore_nl = 0;
            x = parse_object(p, pos);
        }
        p->lx.ignore_nl = saved;
        return x;
    default:
        p_unexpected(p, "an expression");
        return NULL;
    }
}

/* One traversal step after x: .name, .N, [expr]; splats start a chain. */
static struct hexpr *parse_step(struct hparser *p, struct hexpr *x, int only_attr, int *done)
{
    struct hpos pos = p->lx.tpos;
    struct hexpr *s;
    int t = lex_peek(&p->lx);

    *done = 0;
    if (t == T_DOT) {
        lex_next(&p->lx);
        t = lex_peek(&p->lx);
        if (t == T_IDENT) {
            s = hx_new(p->a, HX_ATTR, pos);
            s->a = x;
            s->name = tok_text(p);
            lex_next(&p->lx);
            return s;
        }
        if (t == T_NUMBER) {
            s = hx_new(p->a, HX_INDEX, pos);
            s->a = x;
            s->b = parse_primary(p);
            return s;
        }
        if (t == T_STAR && !only_attr) {
            lex_next(&p->lx);
            s = hx_new(p->a, HX_SPLAT, pos);
            s->flags |= HX_ATTRSPLAT;
            return s;
        }
        p_unexpected(p, "an attribute name after '.'");
        return NULL;
    }
    if (t == T_LBRACK && only_attr != 1) {
        lex_next(&p->lx);
        p->lx.ignore_nl++;
        if (lex_peek(&p->lx) == T_STAR && !only_attr) {
            lex_next(&p->lx);
            if (expect(p, T_RBRACK, "']' after '[*'"))
                p->lx.ignore_nl--;
            return hx_new(p->a, HX_SPLAT, pos);
        }
        s = hx_new(p->a, HX_INDEX, pos);
        s->a = x;
        s->b = parse_expr(p);
        if (expect(p, T_RBRACK, "']'"))
            p->lx.ignore_nl--;
        return s;
    }
    *done = 1;
    return x;
}

static struct hexpr *parse_postfix(struct hparser *p)
{
    struct hexpr *x = parse_primary(p), *s;
    int done = 0;

    while (!p->failed) {
        s = parse_step(p, x, 0, &done);
        if (done || !s)
            break;
        if (s->kind == HX_SPLAT) {
            /* The steps after the splat apply to each element: only
             * attribute steps after .*, any step after [*]. */
            int only = s->flags & HX_ATTRSPLAT ? 1 : 2, d2 = 0;
            struct hexpr *chain = hx_new(p->a, HX_ITEM, s->pos), *c2;
            s->a = x;
            while (!p->failed) {
                c2 = parse_step(p, chain, only, &d2);
                if (d2 || !c2)
                    break;
                chain = c2;
            }
            s->b = chain;
        }
        x = s;
    }
    return p->failed ? NULL : x;
}

static struct hexpr *parse_unary(struct hparser *p)
{
    int t = lex_peek(&p->lx);
    struct hpos pos = p->lx.tpos;
    struct hexpr *x;

    if (t != T_BANG && t != T_MINUS)
        return parse_postfix(p);
    lex_next(&p->lx);
    if (!enter(p, pos))
        return NULL;
    x = hx_new(p->a, HX_UNOP, pos);
    x->op = t == T_BANG ? OP_NOT : OP_NEG;
    x->a = parse_unary(p);
    p->depth--;
    if (x->a && x->op == OP_NEG && x->a->kind == HX_LIT && x->a->lit->kind == HV_NUMBER) {
        struct hexpr *l = hx_new(p->a, HX_LIT, pos);
        l->lit = arena_alloc(p->a, sizeof(*l->lit));
        l->lit->kind = HV_NUMBER;
        l->lit->u.num = -x->a->lit->u.num;
        return l;
    }
    return x;
}

/* Binary operators by level, lowest first. */
static int binop_of(int tok, int level)
{
    static const struct { int tok, op, level; } ops[] = {
        {T_OR, OP_OR, 0},   {T_AND, OP_AND, 1}, {T_EQ, OP_EQ, 2},     {T_NE, OP_NE, 2},
        {T_LT, OP_LT, 3},   {T_LE, OP_LE, 3},   {T_GT, OP_GT, 3},     {T_GE, OP_GE, 3},
        {T_PLUS, OP_ADD, 4}, {T_MINUS, OP_SUB, 4}, {T_STAR, OP_MUL, 5}, {T_SLASH, OP_DIV, 5},
        {T_PERCENT, OP_MOD, 5},
    };
    size_t i;
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (ops[i].tok == tok && ops[i].level == level)
            return ops[i].op;
    return OP_NONE;
}

static struct hexpr *parse_binary(struct hparser *p, int level)
{
    struct hexpr *x;
    int op;

    if (level > 5)
        return parse_unary(p);
    x = parse_binary(p, level + 1);
    while (!p->failed && (op = binop_of(lex_peek(&p->lx), level)) != OP_NONE) {
        struct hexpr *b = hx_new(p->a, HX_BINOP, p->lx.tpos);
        lex_next(&p->lx);
        b->op = (unsigned char)op;
        b->a = x;
        b->b = parse_binary(p, level + 1);
        x = b;
    }
    return p->failed ? NULL : x;
}

static struct hexpr *parse_expr(struct hparser *p)
{
    struct hexpr *x, *c;
    struct hpos pos = p->lx.tpos;

    if (p->failed || !enter(p, pos))
        return NULL;
    x = parse_binary(p, 0);
    if (!p->failed && lex_peek(&p->lx) == T_QUESTION) {
        c = hx_new(p->a, HX_COND, p->lx.tpos);
        lex_next(&p->lx);
        c->c = x;
        c->a = parse_expr(p);
        if (expect(p, T_COLON, "':' in the conditional"))
            c->b = parse_expr(p);
        x = c;
    }
    p->depth--;
    return p->failed ? NULL : x;
}

/* ===== Bodies ===== */

static struct hbody *parse_body(struct hparser *p, int close, struct hpos pos);

static int end_of_item(struct hparser *p, int close)
{
    int t = lex_peek(&p->lx);
    if (t == T_NL) {
        lex_next(&p->lx);
        return 1;
    }
    if (t == T_EOF || (t == T_RBRACE && close == T_RBRACE))
        return 1;
    p_unexpected(p, "a newline after the item");
    return 0;
}

static void parse_block(struct hparser *p, struct hbody *b, size_t *balloc, const char *type,
                        struct hpos pos, int close)
{
    struct hblock *blk;
    size_t lalloc = 0;
    const char **labels = NULL;
    size_t nlabels = 0;

    for (;;) {
        int t = lex_peek(&p->lx);
        const char *label;
        if (t == T_LBRACE)
            break;
        if (t == T_IDENT) {
            label = tok_text(p);
            lex_next(&p->lx);
        } else if (t == T_OQUOTE) {
            struct hexpr *x;
            struct hpos lpos = p->lx.tpos;
            lex_next(&p->lx);
            x = parse_quoted(p, lpos);
            if (!x)
                return;
            if (x->kind != HX_LIT) {
                p_error(p, lpos, "a block label cannot hold interpolations or directives");
                return;
            }
            label = x->lit->u.s;
        } else {
            p_unexpected(p, "'=', a block label or '{'");
            return;
        }
        labels = hcl_grow(p->a, labels, nlabels, &lalloc, sizeof(*labels));
        labels[nlabels++] = label;
    }
    lex_next(&p->lx);
    if (!enter(p, pos))
        return;
    b->blocks = hcl_grow(p->a, b->blocks, b->nblocks, balloc, sizeof(*b->blocks));
    blk = &b->blocks[b->nblocks++];
    blk->type = type;
    blk->labels = labels;
    blk->nlabels = nlabels;
    blk->pos = pos;
    blk->body = parse_body(p, T_RBRACE, pos);
    p->depth--;
    if (expect(p, T_RBRACE, "'}' to close the block"))
        end_of_item(p, close);
}

static struct hbody *parse_body(struct hparser *p, int close, struct hpos pos)
{
    struct hbody *b = arena_alloc(p->a, sizeof(*b));
    size_t aalloc = 0, balloc = 0, i;

    b->pos = pos;
    p->lx.ignore_nl = 0;
    while (!p->failed) {
        int t = lex_peek(&p->lx);
        struct hpos ipos = p->lx.tpos;
        const char *name;
        if (t == T_NL) {
            lex_next(&p->lx);
            continue;
        }
        if (t == close)
            break;
        if (t != T_IDENT) {
            p_unexpected(p, close == T_EOF ? "an attribute or block name"
                                           : "an attribute or block name, or '}'");
            break;
        }
        name = tok_text(p);
        lex_next(&p->lx);
        if (lex_peek(&p->lx) != T_ASSIGN) {
            parse_block(p, b, &balloc, name, ipos, close);
            p->lx.ignore_nl = 0;
            continue;
        }
        lex_next(&p->lx);
        for (i = 0; i < b->nattrs; i++) {
            if (strcmp(b->attrs[i].name, name) == 0) {
                p_error(p, ipos, "attribute '%s' is set twice (first at line %d)", name,
                        b->attrs[i].pos.line);
                return b;
            }
        }
        b->attrs = hcl_grow(p->a, b->attrs, b->nattrs, &aalloc, sizeof(*b->attrs));
        b->attrs[b->nattrs].name = name;
        b->attrs[b->nattrs].pos = ipos;
        b->attrs[b->nattrs].expr = parse_expr(p);
        b->nattrs++;
        if (!p->failed)
            end_of_item(p, close);
        p->lx.ignore_nl = 0;
    }
    return b;
}

struct hbody *hcl_parse_file(struct arena *a, const char *file, const char *data, size_t len)
{
    struct hparser p;
    struct hpos pos = {file, 1, 1};
    struct hbody *b;

    memset(&p, 0, sizeof(p));
    p.a = a;
    lex_init(&p.lx, file, data, len, 1, 1);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        lex_seek(&p.lx, 3);
    b = parse_body(&p, T_EOF, pos);
    if (!p.failed && lex_peek(&p.lx) != T_EOF)
        p_unexpected(&p, "the end of the file");
    return p.failed ? NULL : b;
}

struct hexpr *hcl_parse_expr(struct arena *a, const char *file, const char *text, size_t len,
                             struct hpos pos)
{
    struct hparser p;
    struct hexpr *x;

    memset(&p, 0, sizeof(p));
    p.a = a;
    lex_init(&p.lx, file, text, len, pos.line, pos.col);
    p.lx.ignore_nl = 1;
    x = parse_expr(&p);
    if (!p.failed && lex_peek(&p.lx) != T_EOF)
        p_unexpected(&p, "the end of the expression");
    return p.failed ? NULL : x;
}

struct hexpr *hcl_parse_template(struct arena *a, const char *file, const char *text,
                                 size_t len, struct hpos pos)
{
    struct hparser p;
    struct hexpr *x;

    memset(&p, 0, sizeof(p));
    p.a = a;
    lex_init(&p.lx, file, text, len, pos.line, pos.col);
    p.tmode = TM_RAW;
    p.tend = len;
    x = parse_template_top(&p, pos);
    return p.failed ? NULL : x;
}
