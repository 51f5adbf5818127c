/*
 * emit_html.c - the interactive map (-f html): one offline HTML file with
 * the drawing's SVG inline, its data (the -f view dump and the -f json
 * model, whose "rules" the view's indexes point into) as inert JSON
 * blocks, and the style and script of templates/map.css and map.js, built
 * into the binary (html_templates.inc). A strict Content-Security-Policy
 * allows that script and style by their hashes and nothing else: no
 * request, no other script, no inline handler.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "output.h"

#include "html_templates.inc"

/* Write a JSON text as the content of a <script type="application/json">:
 * '<', '>', '&', U+2028 and U+2029 as \u escapes, which only JSON strings
 * can hold, so the data can neither end the element nor read as markup. */
static void put_json_data(FILE *fp, const char *s, size_t n)
{
    size_t i, start = 0;

    for (i = 0; i < n; i++) {
        const char *esc = NULL;
        size_t skip = 1;
        unsigned char c = (unsigned char)s[i];

        if (c == '<')
            esc = "\\u003c";
        else if (c == '>')
            esc = "\\u003e";
        else if (c == '&')
            esc = "\\u0026";
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (!esc)
            continue;
        fwrite(s + start, 1, i - start, fp);
        fputs(esc, fp);
        start = i + skip;
        i += skip - 1;
    }
    fwrite(s + start, 1, n - start, fp);
}

/* One data block: write(...) into memory, then escaped into the page. */
static int put_data_block(FILE *fp, const char *id, const struct view *v, int model)
{
    char *data = NULL;
    size_t len = 0;
    FILE *mem = output_memory_open(&data, &len);
    int rc;

    if (!mem)
        return -1;
    rc = model ? emit_json(v->model, v->opts.marks, mem) : emit_view(v, mem);
    if (output_memory_close(mem, rc, &data) < 0)
        return -1;
    fprintf(fp, "<script type=\"application/json\" id=\"%s\">", id);
    put_json_data(fp, data, len);
    fputs("</script>\n", fp);
    free(data);
    return 0;
}

static void put_lines(FILE *fp, const char *const *lines)
{
    for (; *lines; lines++)
        fputs(*lines, fp);
}

/* The SVG from its root element on: the XML declaration and DOCTYPE
 * before it have no place inside HTML. */
static const char *svg_root(const char *svg, size_t len, size_t *rest)
{
    const char *p = svg;
    while ((p = memchr(p, '<', len - (size_t)(p - svg))) != NULL) {
        if ((size_t)(svg + len - p) >= 4 && memcmp(p, "<svg", 4) == 0)
            break;
        p++;
    }
    if (!p)
        p = svg + len;
    *rest = len - (size_t)(p - svg);
    return p;
}

int emit_html(const struct view *v, const char *svg, size_t svglen, FILE *fp)
{
    size_t n;
    const char *root = svg_root(svg, svglen, &n);

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", fp);
    fprintf(fp,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'sha256-%s'; style-src 'sha256-%s'; img-src data:; base-uri 'none'; "
            "form-action 'none'\">\n",
            map_js_sha256, map_css_sha256);
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>sgmap</title>\n<style>",
          fp);
    put_lines(fp, map_css_lines);
    fputs("</style>\n</head>\n<body>\n<div id=\"bar\"><input id=\"q\" type=\"search\" "
          "placeholder=\"Search groups, interfaces, CIDRs, ports\" autocomplete=\"off\" "
          "aria-label=\"Search\"><span id=\"count\"></span>"
          "<button id=\"fit\" type=\"button\">Fit</button></div>\n"
          "<div id=\"main\"><div id=\"map\">\n",
          fp);
    fwrite(root, 1, n, fp);
    fputs("</div>\n<div id=\"panel\"><div id=\"results\"></div><div id=\"details\"></div>"
          "<div id=\"legend\"></div></div></div>\n",
          fp);
    if (put_data_block(fp, "sgmap-view", v, 0) < 0 || put_data_block(fp, "sgmap-model", v, 1) < 0)
        return -1;
    fputs("<script>", fp);
    put_lines(fp, map_js_lines);
    fputs("</script>\n</body>\n</html>\n", fp);
    return ferror(fp) ? -1 : 0;
}
