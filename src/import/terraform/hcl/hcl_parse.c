/*
 * hcl_parse.c - HCL native syntax into bodies and expressions (the AST of
 * hcl_internal.h), per HashiCorp's specification: bodies of attributes and
 * labelled blocks; expressions with HCL's operator precedence (unary ! -,
 * then * / %, + -, comparisons, == !=, &&, ||, then ?:), tuples, objects,
 * function calls with f(list...), for expressions, splats ([*] and .*),
 * index and attribute steps (and the legacy a.0); templates are read by
 * hcl_template.c. The first syntax error of a file is reported at its
 * FILE:LINE:COL and ends that file. Also the small helpers of the AST
 * (hx_new, hcl_grow, hcl_body_attr, hcl_add_key).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hcl_internal.h"

void hp_p_error(struct hparser *p, struct hpos pos, const char *fmt, ...)
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
void hp_p_unexpected(struct hparser *p, const char *want)
{
    int t = lex_peek(&p->lx);
    if (t == T_BAD)
        hp_p_error(p, p->lx.tpos, "%s", p->lx.bad);
    else
        hp_p_error(p, p->lx.tpos, "expected %s, got %s", want, lex_tok_name(t));
}

int hp_expect(struct hparser *p, int tok, const char *want)
{
    if (p->failed)
        return 0;
    if (lex_peek(&p->lx) != tok) {
        hp_p_unexpected(p, want);
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

const char *hcl_expr_name(const struct hexpr *x)
{
    if (x->kind == HX_VAR)
        return x->name;
    if (x->kind == HX_LIT && x->lit->kind == HV_STRING && x->lit->n > 0)
        return x->lit->u.s;
    return NULL;
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
void hp_push_item(struct arena *a, struct hexpr ***items, size_t *n, size_t *alloc,
                      struct hexpr *item)
{
    *items = hcl_grow(a, *items, *n, alloc, sizeof(**items));
    (*items)[(*n)++] = item;
}

const char *hp_tok_text(struct hparser *p)
{
    return arena_strndup(p->a, p->lx.data + p->lx.start, p->lx.end - p->lx.start);
}

int hp_peek_ident(struct hparser *p, const char *word)
{
    size_t n = strlen(word);
    return lex_peek(&p->lx) == T_IDENT && p->lx.end - p->lx.start == n &&
           memcmp(p->lx.data + p->lx.start, word, n) == 0;
}

int hp_enter(struct hparser *p, struct hpos pos)
{
    if (++p->depth > HCL_MAX_NESTING) {
        hp_p_error(p, pos, "nested too deeply (more than %d levels)", HCL_MAX_NESTING);
        return 0;
    }
    return 1;
}

/* "NAME[, NAME2] in EXPR" of a for expression or %{for} (after "for"). */
int hp_parse_for_head(struct hparser *p, struct hexpr *x)
{
    if (!hp_expect(p, T_IDENT, "a variable name after for"))
        return 0;
    x->name = hp_tok_text(p);
    if (lex_peek(&p->lx) == T_COMMA) {
        lex_next(&p->lx);
        if (!hp_expect(p, T_IDENT, "a second variable name"))
            return 0;
        x->name2 = hp_tok_text(p);
    }
    if (!hp_peek_ident(p, "in")) {
        hp_p_unexpected(p, "'in'");
        return 0;
    }
    lex_next(&p->lx);
    x->c = hp_parse_expr(p);
    return !p->failed;
}

/* ===== Expressions ===== */

static struct hexpr *parse_for(struct hparser *p, struct hpos pos, int object, int close)
{
    struct hexpr *x = hx_new(p->a, HX_FOR, pos);

    lex_next(&p->lx); /* for */
    if (object)
        x->flags |= HX_OBJFOR;
    if (!hp_parse_for_head(p, x) || !hp_expect(p, T_COLON, "':'"))
        return NULL;
    if (object) {
        x->d = hp_parse_expr(p);
        if (!hp_expect(p, T_ARROW, "'=>'"))
            return NULL;
    }
    x->a = hp_parse_expr(p);
    if (object && lex_peek(&p->lx) == T_ELLIPSIS) {
        lex_next(&p->lx);
        x->flags |= HX_GROUP;
    }
    if (hp_peek_ident(p, "if")) {
        lex_next(&p->lx);
        x->b = hp_parse_expr(p);
    }
    if (!hp_expect(p, close, close == T_RBRACK ? "']' to end the for expression"
                                            : "'}' to end the for expression"))
        return NULL;
    return x;
}

static struct hexpr *parse_tuple(struct hparser *p, struct hpos pos)
{
    struct hexpr *x = hx_new(p->a, HX_TUPLE, pos);
    size_t alloc = 0;

    while (!p->failed && lex_peek(&p->lx) != T_RBRACK) {
        hp_push_item(p->a, &x->items, &x->n, &alloc, hp_parse_expr(p));
        if (lex_peek(&p->lx) == T_COMMA)
            lex_next(&p->lx);
        else if (lex_peek(&p->lx) != T_RBRACK)
            hp_p_unexpected(p, "',' or ']'");
    }
    hp_expect(p, T_RBRACK, "']'");
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
        k = hp_parse_expr(p);
        if (p->failed)
            break;
        t = lex_peek(&p->lx);
        if (t != T_ASSIGN && t != T_COLON) {
            hp_p_unexpected(p, "'=' or ':' after the key");
            break;
        }
        lex_next(&p->lx);
        if (k->kind == HX_VAR) {
            k = hp_lit_string(p, k->pos, k->name, strlen(k->name));
            x->flags |= HX_BAREKEY;
        }
        v = hp_parse_expr(p);
        hp_push_item(p->a, &x->items, &x->n, &alloc, k);
        hp_push_item(p->a, &x->items, &x->n, &alloc, v);
        t = lex_peek(&p->lx);
        if (t == T_COMMA || t == T_NL)
            lex_next(&p->lx);
        else if (t != T_RBRACE)
            hp_p_unexpected(p, "a newline, ',' or '}' after the value");
    }
    hp_expect(p, T_RBRACE, "'}'");
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
        hp_push_item(p->a, &x->items, &x->n, &alloc, hp_parse_expr(p));
        if (lex_peek(&p->lx) == T_ELLIPSIS) {
            lex_next(&p->lx);
            x->flags |= HX_EXPAND;
            if (lex_peek(&p->lx) == T_COMMA)
                lex_next(&p->lx);
            if (lex_peek(&p->lx) != T_RPAREN)
                hp_p_unexpected(p, "')' after the expanded argument");
            break;
        }
        if (lex_peek(&p->lx) == T_COMMA)
            lex_next(&p->lx);
        else if (lex_peek(&p->lx) != T_RPAREN)
            hp_p_unexpected(p, "',' or ')'");
    }
    if (hp_expect(p, T_RPAREN, "')'"))
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
        char *s = (char *)hp_tok_text(p);
        x = hx_new(p->a, HX_LIT, pos);
        x->lit = arena_alloc(p->a, sizeof(*x->lit));
        x->lit->kind = HV_NUMBER;
        x->lit->u.num = strtod(s, NULL);
        lex_next(&p->lx);
        return x;
    }
    case T_OQUOTE:
        lex_next(&p->lx);
        return hp_parse_quoted(p, pos);
    case T_HEREDOC:
        lex_next(&p->lx);
        return hp_parse_heredoc(p);
    case T_IDENT: {
        const char *name = hp_tok_text(p);
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
        x->a = hp_parse_expr(p);
        if (hp_expect(p, T_RPAREN, "')'"))
            p->lx.ignore_nl--;
        return x;
    case T_LBRACK:
        lex_next(&p->lx);
        p->lx.ignore_nl++;
        x = hp_peek_ident(p, "for") ? parse_for(p, pos, 0, T_RBRACK) : parse_tuple(p, pos);
        p->lx.ignore_nl--;
        return x;
    case T_LBRACE:
        lex_next(&p->lx);
        saved = p->lx.ignore_nl;
        p->lx.ignore_nl = 1;
        if (hp_peek_ident(p, "for")) {
            x = parse_for(p, pos, 1, T_RBRACE);
        } else {
            p->lx.ignore_nl = 0;
            x = parse_object(p, pos);
        }
        p->lx.ignore_nl = saved;
        return x;
    default:
        hp_p_unexpected(p, "an expression");
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
            s->name = hp_tok_text(p);
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
        hp_p_unexpected(p, "an attribute name after '.'");
        return NULL;
    }
    if (t == T_LBRACK && only_attr != 1) {
        lex_next(&p->lx);
        p->lx.ignore_nl++;
        if (lex_peek(&p->lx) == T_STAR && !only_attr) {
            lex_next(&p->lx);
            if (hp_expect(p, T_RBRACK, "']' after '[*'"))
                p->lx.ignore_nl--;
            return hx_new(p->a, HX_SPLAT, pos);
        }
        s = hx_new(p->a, HX_INDEX, pos);
        s->a = x;
        s->b = hp_parse_expr(p);
        if (hp_expect(p, T_RBRACK, "']'"))
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
    if (!hp_enter(p, pos))
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

/* The binary operator of token tok and its level (0 || ... 5 * / %), or
 * OP_NONE. */
static int binop_of(int tok, int *level)
{
    switch (tok) {
    case T_OR: *level = 0; return OP_OR;
    case T_AND: *level = 1; return OP_AND;
    case T_EQ: *level = 2; return OP_EQ;
    case T_NE: *level = 2; return OP_NE;
    case T_LT: *level = 3; return OP_LT;
    case T_LE: *level = 3; return OP_LE;
    case T_GT: *level = 3; return OP_GT;
    case T_GE: *level = 3; return OP_GE;
    case T_PLUS: *level = 4; return OP_ADD;
    case T_MINUS: *level = 4; return OP_SUB;
    case T_STAR: *level = 5; return OP_MUL;
    case T_SLASH: *level = 5; return OP_DIV;
    case T_PERCENT: *level = 5; return OP_MOD;
    default: return OP_NONE;
    }
}

/* Operators of level min and above, left-associative (precedence climbing). */
static struct hexpr *parse_binary(struct hparser *p, int min)
{
    struct hexpr *x = parse_unary(p);
    int op, level;

    while (!p->failed && (op = binop_of(lex_peek(&p->lx), &level)) != OP_NONE && level >= min) {
        struct hexpr *b = hx_new(p->a, HX_BINOP, p->lx.tpos);
        lex_next(&p->lx);
        b->op = (unsigned char)op;
        b->a = x;
        if (!hp_enter(p, b->pos))
            return NULL;
        b->b = parse_binary(p, level + 1);
        p->depth--;
        x = b;
    }
    return p->failed ? NULL : x;
}

struct hexpr *hp_parse_expr(struct hparser *p)
{
    struct hexpr *x, *c;
    struct hpos pos = p->lx.tpos;

    if (p->failed || !hp_enter(p, pos))
        return NULL;
    x = parse_binary(p, 0);
    if (!p->failed && lex_peek(&p->lx) == T_QUESTION) {
        c = hx_new(p->a, HX_COND, p->lx.tpos);
        lex_next(&p->lx);
        c->c = x;
        c->a = hp_parse_expr(p);
        if (hp_expect(p, T_COLON, "':' in the conditional"))
            c->b = hp_parse_expr(p);
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
    hp_p_unexpected(p, "a newline after the item");
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
            label = hp_tok_text(p);
            lex_next(&p->lx);
        } else if (t == T_OQUOTE) {
            struct hexpr *x;
            struct hpos lpos = p->lx.tpos;
            lex_next(&p->lx);
            x = hp_parse_quoted(p, lpos);
            if (!x)
                return;
            if (x->kind != HX_LIT) {
                hp_p_error(p, lpos, "a block label cannot hold interpolations or directives");
                return;
            }
            label = x->lit->u.s;
        } else {
            hp_p_unexpected(p, "'=', a block label or '{'");
            return;
        }
        labels = hcl_grow(p->a, labels, nlabels, &lalloc, sizeof(*labels));
        labels[nlabels++] = label;
    }
    lex_next(&p->lx);
    if (!hp_enter(p, pos))
        return;
    b->blocks = hcl_grow(p->a, b->blocks, b->nblocks, balloc, sizeof(*b->blocks));
    blk = &b->blocks[b->nblocks++];
    blk->type = type;
    blk->labels = labels;
    blk->nlabels = nlabels;
    blk->pos = pos;
    blk->body = parse_body(p, T_RBRACE, pos);
    p->depth--;
    if (hp_expect(p, T_RBRACE, "'}' to close the block"))
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
            hp_p_unexpected(p, close == T_EOF ? "an attribute or block name"
                                           : "an attribute or block name, or '}'");
            break;
        }
        name = hp_tok_text(p);
        lex_next(&p->lx);
        if (lex_peek(&p->lx) != T_ASSIGN) {
            parse_block(p, b, &balloc, name, ipos, close);
            p->lx.ignore_nl = 0;
            continue;
        }
        lex_next(&p->lx);
        for (i = 0; i < b->nattrs; i++) {
            if (strcmp(b->attrs[i].name, name) == 0) {
                hp_p_error(p, ipos, "attribute '%s' is set twice (first at line %d)", name,
                        b->attrs[i].pos.line);
                return b;
            }
        }
        b->attrs = hcl_grow(p->a, b->attrs, b->nattrs, &aalloc, sizeof(*b->attrs));
        b->attrs[b->nattrs].name = name;
        b->attrs[b->nattrs].pos = ipos;
        b->attrs[b->nattrs].expr = hp_parse_expr(p);
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
        hp_p_unexpected(&p, "the end of the file");
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
    x = hp_parse_expr(&p);
    if (!p.failed && lex_peek(&p.lx) != T_EOF)
        hp_p_unexpected(&p, "the end of the expression");
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
    x = hp_parse_template_top(&p, pos);
    return p.failed ? NULL : x;
}
