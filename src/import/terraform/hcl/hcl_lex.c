/*
 * hcl_lex.c - the tokens of HCL's native syntax, each with its line:col.
 *
 * Expression mode only: identifiers, numbers, operators and punctuation,
 * newlines (significant outside brackets), comments (#, //, block) skipped.
 * An opening quote or heredoc introducer is returned as a token and the
 * parser reads the template text itself (hcl_parse.c), then seeks past it.
 */
#include <string.h>

#include "hcl_internal.h"

void lex_init(struct hlex *lx, const char *file, const char *data, size_t len, int line, int col)
{
    memset(lx, 0, sizeof(*lx));
    lx->file = file;
    lx->data = data;
    lx->len = len;
    lx->line = line;
    /* line_start may be "before" the buffer so that the first column is col. */
    lx->line_start = 0;
    lx->tpos.file = file;
    lx->prev = T_NL;
    if (col > 1)
        lx->line_start = (size_t)0 - (size_t)(col - 1);
}

struct hpos lex_pos_at(const struct hlex *lx, size_t off)
{
    struct hpos p;
    size_t i, ls = lx->line_start;
    int line = lx->line;

    for (i = lx->pos; i < off && i < lx->len; i++) {
        if (lx->data[i] == '\n') {
            line++;
            ls = i + 1;
        }
    }
    p.file = lx->file;
    p.line = line;
    p.col = (int)(off - ls + 1);
    return p;
}

void lex_seek(struct hlex *lx, size_t off)
{
    size_t i;

    for (i = lx->pos; i < off && i < lx->len; i++) {
        if (lx->data[i] == '\n') {
            lx->line++;
            lx->line_start = i + 1;
        }
    }
    lx->pos = off;
    lx->have = 0;
}

static int is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_ident_char(unsigned char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Skip blanks and comments (and newlines when they are not tokens).
 * Returns 0, or -1 with lx->bad set for an unterminated block comment. */
static int skip_space(struct hlex *lx)
{
    const char *d = lx->data;

    while (lx->pos < lx->len) {
        char c = d[lx->pos];
        if (c == ' ' || c == '\t' || c == '\r') {
            lx->pos++;
        } else if (c == '\n' && lx->ignore_nl) {
            lex_seek(lx, lx->pos + 1);
        } else if (c == '#' || (c == '/' && lx->pos + 1 < lx->len && d[lx->pos + 1] == '/')) {
            while (lx->pos < lx->len && d[lx->pos] != '\n')
                lx->pos++;
        } else if (c == '/' && lx->pos + 1 < lx->len && d[lx->pos + 1] == '*') {
            const char *end = NULL;
            size_t i;
            for (i = lx->pos + 2; i + 1 < lx->len; i++) {
                if (d[i] == '*' && d[i + 1] == '/') {
                    end = d + i;
                    break;
                }
            }
            if (!end) {
                lx->bad = "unterminated comment (/* without */)";
                return -1;
            }
            lex_seek(lx, (size_t)(end - d) + 2);
        } else {
            break;
        }
    }
    return 0;
}

/* A heredoc introducer at pos (<<EOT or <<-EOT then a newline): sets the
 * token to the marker. Returns 0 when it is not one. */
static int scan_heredoc(struct hlex *lx)
{
    const char *d = lx->data;
    size_t p = lx->pos + 2, s;

    lx->heredoc_indent = 0;
    if (p < lx->len && d[p] == '-') {
        lx->heredoc_indent = 1;
        p++;
    }
    if (p >= lx->len || !is_ident_start((unsigned char)d[p]))
        return 0;
    s = p;
    while (p < lx->len && is_ident_char((unsigned char)d[p]))
        p++;
    lx->start = s;
    lx->end = p;
    if (p < lx->len && d[p] == '\r')
        p++;
    if (p >= lx->len || d[p] != '\n') {
        lx->bad = "a heredoc marker must end its line (<<EOT, then the text on the next line)";
        lx->tok = T_BAD;
        return 1;
    }
    lx->pos = p; /* the parser reads the text from the newline on */
    lx->tok = T_HEREDOC;
    return 1;
}

static int scan(struct hlex *lx)
{
    const char *d = lx->data;
    unsigned char c;
    size_t p;

    if (skip_space(lx) < 0) {
        lx->tpos = lex_pos_at(lx, lx->pos);
        return T_BAD;
    }
    lx->tpos = lex_pos_at(lx, lx->pos);
    lx->start = lx->pos;
    if (lx->pos >= lx->len)
        return T_EOF;
    c = (unsigned char)d[lx->pos];
    p = lx->pos;
    if (c == '\n') {
        lex_seek(lx, p + 1);
        return T_NL;
    }
    if (is_ident_start(c)) {
        while (p < lx->len && is_ident_char((unsigned char)d[p]))
            p++;
        lx->pos = p;
        lx->end = p;
        return T_IDENT;
    }
    if (is_digit(c)) {
        while (p < lx->len && is_digit((unsigned char)d[p]))
            p++;
        /* After a dot (legacy index a.0.b) a number is digits only. */
        if (lx->prev != T_DOT && p + 1 < lx->len && d[p] == '.' &&
            is_digit((unsigned char)d[p + 1])) {
            p++;
            while (p < lx->len && is_digit((unsigned char)d[p]))
                p++;
        }
        if (lx->prev != T_DOT && p < lx->len && (d[p] == 'e' || d[p] == 'E')) {
            size_t q = p + 1;
            if (q < lx->len && (d[q] == '+' || d[q] == '-'))
                q++;
            if (q < lx->len && is_digit((unsigned char)d[q])) {
                while (q < lx->len && is_digit((unsigned char)d[q]))
                    q++;
                p = q;
            }
        }
        lx->pos = p;
        lx->end = p;
        return T_NUMBER;
    }
    lx->pos = p + 1;
    lx->end = p + 1;
#define NEXT_IS(ch) (p + 1 < lx->len && d[p + 1] == (ch))
#define TWO(tk) (lx->pos = p + 2, lx->end = p + 2, (tk))
    switch (c) {
    case '"': return T_OQUOTE;
    case '{': return T_LBRACE;
    case '}': return T_RBRACE;
    case '[': return T_LBRACK;
    case ']': return T_RBRACK;
    case '(': return T_LPAREN;
    case ')': return T_RPAREN;
    case ',': return T_COMMA;
    case ':': return T_COLON;
    case '?': return T_QUESTION;
    case '+': return T_PLUS;
    case '-': return T_MINUS;
    case '*': return T_STAR;
    case '/': return T_SLASH;
    case '%': return T_PERCENT;
    case '~': if (NEXT_IS('}')) return TWO(T_TRBRACE); break;
    case '.':
        if (NEXT_IS('.') && p + 2 < lx->len && d[p + 2] == '.') {
            lx->pos = lx->end = p + 3;
            return T_ELLIPSIS;
        }
        return T_DOT;
    case '=':
        if (NEXT_IS('=')) return TWO(T_EQ);
        if (NEXT_IS('>')) return TWO(T_ARROW);
        return T_ASSIGN;
    case '!': if (NEXT_IS('=')) return TWO(T_NE); return T_BANG;
    case '<':
        if (NEXT_IS('<')) {
            lx->pos = p;
            if (scan_heredoc(lx))
                return lx->tok;
            lx->pos = p + 1;
            break;
        }
        if (NEXT_IS('=')) return TWO(T_LE);
        return T_LT;
    case '>': if (NEXT_IS('=')) return TWO(T_GE); return T_GT;
    case '&': if (NEXT_IS('&')) return TWO(T_AND); break;
    case '|': if (NEXT_IS('|')) return TWO(T_OR); break;
    default: break;
    }
#undef NEXT_IS
#undef TWO
    lx->pos = p;
    lx->bad = c == '\'' ? "strings are written in double quotes (\"...\"), not single quotes"
              : c < 0x20 || c == 0x7f ? "invalid control character"
                                      : "invalid character";
    return T_BAD;
}

int lex_peek(struct hlex *lx)
{
    if (!lx->have) {
        lx->tok = scan(lx);
        lx->have = 1;
    }
    return lx->tok;
}

int lex_next(struct hlex *lx)
{
    int t = lex_peek(lx);
    if (t != T_BAD && t != T_EOF)
        lx->have = 0;
    lx->prev = t;
    return t;
}

const char *lex_tok_name(int tok)
{
    static const char *const names[] = {
        "the end of the file", "a newline", "a name", "a number", "a string", "a heredoc",
        "'{'", "'}'", "'~}'", "'['", "']'", "'('", "')'", "','", "'.'", "'...'", "'*'",
        "'='", "'=>'", "':'", "'?'", "'+'", "'-'", "'/'", "'%'", "'=='", "'!='", "'<'",
        "'<='", "'>'", "'>='", "'&&'", "'||'", "'!'", "an invalid character",
    };
    return tok >= 0 && tok <= T_BAD ? names[tok] : "?";
}
