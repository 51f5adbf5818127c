/*
 * test_json_writer.c - the JSON writer: layout (jansson's JSON_INDENT(2)),
 * escaping of control, invisible and invalid bytes, and misuse-free nesting.
 */
#include <stdlib.h>

#include "json_writer.h"
#include "strbuf.h"
#include "unit.h"

/* The escaped inside of a string. */
static char *escaped(const char *s, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    jw_escape(&sb, s, n);
    return strbuf_detach(&sb);
}

static void check_escape(const char *in, const char *want)
{
    char *got = escaped(in, strlen(in));
    CHECK_STR(got, want);
    free(got);
}

void test_json_writer(void)
{
    struct json_writer w;
    char *text;

    /* Layout: one member a line, two spaces a level, empty containers. */
    jw_init_buffer(&w);
    jw_object_begin(&w);
    jw_member_int(&w, "n", -12);
    jw_key(&w, "list");
    jw_array_begin(&w);
    jw_string(&w, "a");
    jw_null(&w);
    jw_bool(&w, 0);
    jw_array_end(&w);
    jw_key(&w, "empty");
    jw_array_begin(&w);
    jw_array_end(&w);
    jw_key(&w, "obj");
    jw_object_begin(&w);
    jw_object_end(&w);
    jw_member_string(&w, "none", NULL);
    jw_object_end(&w);
    CHECK(jw_finish(&w) == 0);
    text = strbuf_detach(&w.out);
    CHECK_STR(text, "{\n  \"n\": -12,\n  \"list\": [\n    \"a\",\n    null,\n    false\n  ],\n"
                    "  \"empty\": [],\n  \"obj\": {},\n  \"none\": null\n}\n");
    free(text);

    /* Escapes: the short ones, other controls and DEL as \u00XX. */
    check_escape("a\"b\\c/d", "a\\\"b\\\\c/d");
    check_escape("\b\f\n\r\t", "\\b\\f\\n\\r\\t");
    check_escape("\x01\x1f\x7f", "\\u0001\\u001F\\u007F");
    /* Visible non-ASCII text stays UTF-8. */
    check_escape("caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x98\x80");
    /* Invisible characters: zero-width space, C1 control, soft hyphen,
     * bidirectional override, byte-order mark, and a tag character (a
     * surrogate pair). */
    check_escape("a\xe2\x80\x8b" "b", "a\\u200Bb");
    check_escape("\xc2\x85\xc2\xad", "\\u0085\\u00AD");
    check_escape("\xe2\x80\xae\xef\xbb\xbf", "\\u202E\\uFEFF");
    check_escape("\xf3\xa0\x81\x81", "\\uDB40\\uDC41");
    /* Invalid UTF-8: each bad byte is U+FFFD, the rest is kept. */
    check_escape("a\xff" "b", "a\\uFFFDb");
    check_escape("\xc3(", "\\uFFFD(");
    check_escape("\xed\xa0\x80", "\\uFFFD\\uFFFD\\uFFFD"); /* a surrogate */
    check_escape("\xc0\xaf", "\\uFFFD\\uFFFD");             /* overlong */
    /* A sequence cut by the end of a counted string is invalid there. */
    text = escaped("\xc3\xa9", 1);
    CHECK_STR(text, "\\uFFFD");
    free(text);
}
