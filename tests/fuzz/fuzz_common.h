/*
 * fuzz_common.h - shared body of the importer fuzz targets.
 *
 * Each target copies the fuzzer's bytes into a NUL-terminated buffer (the
 * importers' contract), imports them with one forced format, finishes the
 * model and, when the import succeeded, builds the view and writes DOT,
 * JSON and the lint report into memory streams, and answers reach's
 * exposure report and all pairs between groups, so that the drawing and
 * review sides see every model the importers can make. Diagnostics are thrown away:
 * stderr is sent to /dev/null once at start-up unless SGMAP_FUZZ_STDERR is
 * set (useful when reproducing a crash).
 */
#ifndef SGMAP_FUZZ_COMMON_H
#define SGMAP_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "importer.h"
#include "lint.h"
#include "model.h"
#include "reach.h"
#include "strbuf.h"
#include "theme.h"
#include "view.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Send diagnostics to /dev/null (they are the importers' normal output).
 * Only the stdio stream is replaced: file descriptor 2 stays open for the
 * sanitizer reports, and libFuzzer keeps the stream it took at start-up.
 */
static inline void fuzz_quiet_stderr(void)
{
    FILE *null;

    diag_set_quiet(1);
    if (getenv("SGMAP_FUZZ_STDERR"))
        return;
    null = fopen("/dev/null", "w");
    if (null)
        stderr = null;
}

/* Answer one reach query on a finished model in every format, in memory. */
static inline void fuzz_reach(const struct model *m, const char *from, const char *to)
{
    struct reach_query q = {from, to, NULL, 0};
    struct strbuf sb = STRBUF_INIT;
    char *err = NULL;
    struct reach_result *r = reach_run(m, &q, &err);

    if (r) {
        reach_write_text(r, &sb);
        reach_write_json(r, &sb);
        reach_write_markdown(r, &sb);
    }
    reach_result_free(r);
    strbuf_release(&sb);
    free(err);
}

/* Write the view of a finished model as DOT, plus JSON, lint and reach, to memory. */
static inline void fuzz_draw(const struct model *m, int collapse, enum egress_mode egress)
{
    struct view_options vo;
    struct theme theme;
    struct view *v;
    struct lint_options lo;
    struct lint_result *lr;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;

    memset(&vo, 0, sizeof(vo));
    vo.detail = collapse ? VIEW_DETAIL_REGIONS : VIEW_DETAIL_INTERFACES;
    vo.egress = egress;
    vo.depth = 1;
    if (theme_load(&theme, "default") == 0) {
        v = view_build(m, &vo);
        mem = open_memstream(&buf, &len);
        if (mem) {
            emit_dot(v, &theme, mem);
            emit_view(v, mem);
            emit_json(m, NULL, mem);
            fclose(mem);
        }
        free(buf);
        view_free(v);
        /* The group level: every group a box, in DOT, the dump and Mermaid. */
        vo.detail = VIEW_DETAIL_GROUPS;
        v = view_build(m, &vo);
        buf = NULL;
        mem = open_memstream(&buf, &len);
        if (mem) {
            emit_dot(v, &theme, mem);
            emit_view(v, mem);
            emit_mermaid(v, mem);
            fclose(mem);
        }
        free(buf);
        view_free(v);
    }
    theme_release(&theme);

    lint_options_init(&lo);
    lr = lint_run(m, &lo);
    buf = NULL;
    mem = open_memstream(&buf, &len);
    if (mem) {
        lint_write_text(lr, mem);
        lint_write_sarif(lr, mem);
        fclose(mem);
    }
    free(buf);
    lint_result_free(lr);
    fuzz_reach(m, NULL, NULL);
    fuzz_reach(m, "*", "*");
}

/* The fuzzer's bytes as a NUL-terminated copy (the importers' contract),
 * or NULL when larger than max. */
static inline char *fuzz_copy(const uint8_t *data, size_t size, size_t max)
{
    char *copy;

    if (size > max)
        return NULL;
    copy = malloc(size + 1);
    if (!copy)
        return NULL;
    if (size)
        memcpy(copy, data, size);
    copy[size] = '\0';
    return copy;
}

/* Import one buffer with the importer of this name (as --from NAME) in a
 * session of its own, finished; draw it when draw is set. */
static inline int fuzz_import(const uint8_t *data, size_t size, const char *importer, int draw)
{
    struct model *m;
    enum input_format format;
    char *copy = fuzz_copy(data, size, 1024 * 1024);
    int rc;

    if (!copy)
        return 0;
    if (input_format_parse(importer, &format) < 0) {
        fprintf(stderr, "no importer named '%s'\n", importer);
        abort();
    }
    m = model_new();
    rc = import_input(m, "fuzz-input", copy, size, format);
    if (rc == 0 && model_finish(m) == 0 && draw)
        fuzz_draw(m, size % 2 == 0, size % 3 == 0 ? EGRESS_ALL : EGRESS_DEFAULT);
    model_free(m);
    free(copy);
    return 0;
}

/* The two entry points of the target of the importer named name. */
#define SGMAP_FUZZ_IMPORTER(name)                                                      \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                                    \
    {                                                                                    \
        (void)argc;                                                                      \
        (void)argv;                                                                      \
        fuzz_quiet_stderr();                                                             \
        return 0;                                                                        \
    }                                                                                    \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                         \
    {                                                                                    \
        return fuzz_import(data, size, name, 1);                                       \
    }

#endif
