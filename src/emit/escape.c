/*
 * escape.c - making hostile input text safe for DOT quoted strings, for
 * the HTML-like labels Graphviz turns into SVG, and for the XML attributes
 * of the draw.io file.
 *
 * Graphviz 2.42 expands backslash sequences (\N \G \l ...) after turning
 * entities into characters, so an entity does not protect a backslash.
 * Measured with dot -Tsvg: in a label or an HTML label "\\" shows one
 * backslash; in a tooltip the text is unescaped twice, so one backslash
 * needs four. Existing entities pass through Graphviz, so '&' is written
 * as &amp;. All escapers also replace control characters, and show
 * invisible and bidirectional characters and invalid UTF-8 by name
 * ("<U+200B>", "<0xFF>", escaped like any other text), so "admin" and
 * "admin" with a zero-width space never look alike, nothing reorders what a
 * reviewer reads, and the output is always valid UTF-8 and, once rendered,
 * valid XML.
 */
#include <string.h>

#include "emit.h"
#include "strbuf.h"
#include "utf8.h"

/* Is c an ASCII character that t keeps as it is? */
static int kept(const struct escape_table *t, unsigned char c)
{
    return c >= 0x20 && c < 0x7f && !t->repl[c];
}

void escape_with(struct strbuf *sb, const char *s, const struct escape_table *t, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    struct strbuf name = STRBUF_INIT; /* an invisible character's name */
    size_t chars = 0;

    while (*p) {
        size_t n;
        if (max && chars == max) {
            strbuf_addstr(sb, "\xe2\x80\xa6"); /* an ellipsis */
            break;
        }
        /* A run of characters kept as they are, copied at once. */
        if (kept(t, *p)) {
            const unsigned char *run = p;
            while (*p && kept(t, *p) && (!max || chars < max)) {
                p++;
                chars++;
            }
            strbuf_add(sb, (const char *)run, (size_t)(p - run));
            continue;
        }
        chars++;
        if (*p < 0x80) {
            if (t->repl[*p])
                strbuf_addstr(sb, t->repl[*p]);
            else
                strbuf_addch(sb, t->control);
            p++;
            continue;
        }
        /* A character a person would not see, or that reorders what
         * follows ("Trojan Source"), is shown by its name, which is then
         * escaped like any text (its '<' is markup in HTML). */
        n = utf8_show(p, &name);
        if (name.len) {
            escape_with(sb, name.buf, t, 0);
            strbuf_reset(&name);
        } else {
            strbuf_add(sb, (const char *)p, n);
        }
        p += n;
    }
    strbuf_release(&name);
}

/* DOT quoted strings: Graphviz expands backslash sequences, so a backslash
 * is doubled (x4 in tooltips, which are unescaped twice). */
static const struct escape_table dot_label = {
    .repl = {['\\'] = "\\\\", ['"'] = "\\\"", ['&'] = "&amp;", ['\n'] = "\\n"},
    .control = '?',
};
static const struct escape_table dot_tooltip = {
    .repl = {['\\'] = "\\\\\\\\", ['"'] = "\\\"", ['&'] = "&amp;", ['\n'] = "\\n"},
    .control = '?',
};
/* The same with lines left-justified (\l), for multi-line cluster labels. */
static const struct escape_table dot_label_left = {
    .repl = {['\\'] = "\\\\", ['"'] = "\\\"", ['&'] = "&amp;", ['\n'] = "\\l"},
    .control = '?',
};
/* XML attribute values (the draw.io file): line breaks as character
 * references, which an XML parser keeps (a raw newline it would not). */
static const struct escape_table xml_attr = {
    .repl = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
             ['\''] = "&apos;", ['\n'] = "&#10;", ['\t'] = "&#9;"},
    .control = '?',
};
/* Text a reader shows as HTML (draw.io's tooltips): markup as entities,
 * newlines kept, backslashes too (no Graphviz reads it). */
static const struct escape_table html_plain = {
    .repl = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
             ['\''] = "&#39;", ['\n'] = "\n"},
    .control = '?',
};
static const struct escape_table html_text = {
    .repl = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
             ['\''] = "&#39;", ['\\'] = "\\\\"},
    .control = '?',
};

/* Text is cut to these many characters: a drawing is no place for a 50 MB
 * description, and Graphviz's layout time grows with label size (the JSON
 * output keeps every character). */
#define LABEL_TEXT_MAX 256
#define TOOLTIP_TEXT_MAX 4096

void escape_dot(struct strbuf *sb, const char *s)
{
    escape_with(sb, s, &dot_label, LABEL_TEXT_MAX);
}

void escape_dot_left(struct strbuf *sb, const char *s)
{
    escape_with(sb, s, &dot_label_left, LABEL_TEXT_MAX);
    strbuf_addstr(sb, "\\l");
}

void escape_dot_tooltip(struct strbuf *sb, const char *s)
{
    escape_with(sb, s, &dot_tooltip, TOOLTIP_TEXT_MAX);
}

void escape_html(struct strbuf *sb, const char *s)
{
    escape_with(sb, s, &html_text, LABEL_TEXT_MAX);
}

/* Can a line break after the character c (kept), or at it (a space, dropped)? */
static int breaks_after(unsigned char c)
{
    return c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ',';
}

void escape_html_wrapped(struct strbuf *sb, const char *s, size_t width, size_t max_lines,
                         const char *br)
{
    const unsigned char *p = (const unsigned char *)s;
    struct strbuf line = STRBUF_INIT;
    size_t lines = 0;

    while (*p == ' ')
        p++;
    while (*p && lines < max_lines) {
        /* The line: at most width characters, up to its last space, else
         * its last other break. */
        const unsigned char *q = p, *cut = NULL, *resume = NULL, *inword = NULL;
        size_t chars = 0;
        while (*q && *q != '\n' && chars < width) {
            size_t n = utf8_seq_len(q);
            n = n ? n : 1;
            if (*q == ' ') {
                cut = q;
                resume = q + 1;
            } else if (breaks_after(*q)) {
                inword = q + n;
            }
            q += n;
            chars++;
        }
        if (!cut && inword && *q && *q != '\n' && *q != ' ')
            cut = resume = inword;
        if (!*q || *q == '\n' || !cut) {
            cut = q; /* the end, a newline, or one long word cut hard */
            resume = *q == '\n' ? q + 1 : q;
        } else if (*q == ' ') {
            cut = q; /* the next word starts the next line */
            resume = q + 1;
        }
        strbuf_reset(&line);
        strbuf_add(&line, (const char *)p, (size_t)(cut - p));
        if (lines)
            strbuf_addstr(sb, br);
        escape_with(sb, line.buf, &html_text, 0);
        lines++;
        p = resume;
        while (*p == ' ')
            p++;
    }
    if (*p)
        strbuf_addstr(sb, "\xe2\x80\xa6"); /* more than max_lines: an ellipsis */
    strbuf_release(&line);
}

void escape_xml(struct strbuf *sb, const char *s, size_t max)
{
    escape_with(sb, s, &xml_attr, max);
}

void escape_xml_html(struct strbuf *sb, const char *s, size_t max)
{
    struct strbuf html = STRBUF_INIT;

    escape_with(&html, s, &html_plain, max);
    escape_with(sb, html.buf ? html.buf : "", &xml_attr, 0);
    strbuf_release(&html);
}

/* The inverse of dot_tooltip once Graphviz's DOT reader took off the
 * quotes (and with them the backslash of \"): what the SVG shows. */
void unescape_dot_tooltip(struct strbuf *sb, const char *s)
{
    while (*s) {
        if (strncmp(s, "\\\\\\\\", 4) == 0) {
            strbuf_addch(sb, '\\');
            s += 4;
        } else if (strncmp(s, "\\n", 2) == 0) {
            strbuf_addch(sb, '\n');
            s += 2;
        } else if (strncmp(s, "&amp;", 5) == 0) {
            strbuf_addch(sb, '&');
            s += 5;
        } else {
            strbuf_addch(sb, *s++);
        }
    }
}
