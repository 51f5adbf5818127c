/*
 * cli.c - the parts of the command line that every verb shares: usage
 * errors, output formats chosen from -f or -o, the input options of every
 * verb that imports (--from, --var, --var-file) and the drawing options of
 * render and diff. Each verb keeps its own option table and help text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "hcl.h"
#include "strbuf.h"
#include "suggest.h"
#include "theme.h"
#include "xalloc.h"

_Noreturn void cli_usage_error(const char *verb, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    diag_vformat(&sb, NULL, "error", fmt, ap);
    va_end(ap);
    strbuf_addf(&sb, "try 'sgmap %s%s--help'\n", verb ? verb : "", verb ? " " : "");
    diag_progress_done();
    fputs(sb.buf, stderr);
    strbuf_release(&sb);
    exit(EXIT_USAGE);
}

void cli_check_inputs(const char *verb, char *const *paths, size_t n)
{
    size_t i, stdin_count = 0;
    for (i = 0; i < n; i++)
        stdin_count += strcmp(paths[i], "-") == 0;
    if (stdin_count > 1)
        cli_usage_error(verb, "standard input ('-') is given %zu times; it can be read once",
                        stdin_count);
}

_Noreturn void cli_unknown_option(const char *verb, const struct option *table,
                                  const char *arg)
{
    const char *best = NULL;
    struct suggest s;
    char *word;
    size_t i;

    /* Only long options: "-x" is one letter, too short to guess from. */
    if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
        word = xstrdup(arg + 2);
        word[strcspn(word, "=")] = '\0';
        suggest_init(&s, word);
        for (i = 0; table[i].name; i++)
            suggest_consider(&s, table[i].name);
        best = suggest_best(&s); /* a name in table, not in word */
        free(word);
    }
    cli_usage_error(verb, "unknown option '%s'" SUGGEST_FMT, arg,
                    SUGGEST_ARGS_PREFIXED("--", best));
}

void cli_parse_from(const char *verb, const char *arg, enum input_format *out)
{
    struct strbuf expected = STRBUF_INIT;
    struct suggest s;
    size_t f, n = input_format_count();

    if (input_format_parse(arg, out) == 0)
        return;
    suggest_init(&s, arg);
    for (f = 1; f <= n; f++) {
        const char *name = input_format_name((enum input_format)f);
        suggest_consider(&s, name);
        if (f > 1)
            strbuf_addstr(&expected, f == n ? " or " : ", ");
        strbuf_addstr(&expected, name);
    }
    cli_usage_error(verb, "unknown input format '%s' (expected %s)" SUGGEST_FMT, arg,
                    expected.buf, SUGGEST_ARGS(suggest_best(&s)));
}

int cli_format_lookup(const struct cli_format *table, size_t n, const char *name, int *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (strcmp(table[i].name, name) == 0) {
            *out = table[i].format;
            return 0;
        }
    }
    return -1;
}

int cli_format_choose(const char *verb, const struct cli_format *table, size_t n,
                      const char *format, const char *output, int dflt, const char *expected)
{
    int f = dflt;
    const char *dot;

    if (format) {
        if (cli_format_lookup(table, n, format, &f) < 0) {
            struct suggest s;
            size_t i;
            suggest_init(&s, format);
            for (i = 0; i < n; i++)
                suggest_consider(&s, table[i].name);
            cli_usage_error(verb, "unknown output format '%s' (expected %s)" SUGGEST_FMT,
                            format, expected, SUGGEST_ARGS(suggest_best(&s)));
        }
        return f;
    }
    if (output && strcmp(output, "-") != 0) {
        dot = strrchr(output, '.');
        if (!dot || strchr(dot, '/') || cli_format_lookup(table, n, dot + 1, &f) < 0)
            cli_usage_error(verb, "cannot tell the output format from '%s'; use -f", output);
    }
    return f;
}

/* --var and --var-file in the order given; they live until the process ends. */
static const char **vars, **var_files;
static struct hcl_options hcl_opts;

int cli_input_option(const char *verb, int c, const char *arg)
{
    const char *eq;

    switch (c) {
    case CLI_OPT_VAR:
        eq = strchr(arg, '=');
        if (!eq || eq == arg)
            cli_usage_error(verb, "--var takes NAME=VALUE, not '%s'", arg);
        vars = xrealloc(vars, (hcl_opts.nvars + 1) * sizeof(*vars));
        vars[hcl_opts.nvars++] = arg;
        hcl_opts.vars = vars;
        break;
    case CLI_OPT_VAR_FILE:
        if (!*arg)
            cli_usage_error(verb, "--var-file takes a file name");
        var_files = xrealloc(var_files, (hcl_opts.nvar_files + 1) * sizeof(*var_files));
        var_files[hcl_opts.nvar_files++] = arg;
        hcl_opts.var_files = var_files;
        break;
    default:
        return 0;
    }
    import_set_hcl_options(&hcl_opts);
    return 1;
}

void cli_drawing_init(struct cli_drawing *d)
{
    memset(d, 0, sizeof(*d));
    d->from = FORMAT_AUTO;
    d->view.detail = VIEW_DETAIL_AUTO;
    d->view.egress = EGRESS_DEFAULT;
    d->view.depth = 1;
}

static const char *const egress_modes[] = {"default", "all", "none"};
#define NEGRESS_MODES (sizeof(egress_modes) / sizeof(egress_modes[0]))
static const char *const detail_levels[] = {"interfaces", "regions", "groups", "auto"};
#define NDETAIL_LEVELS (sizeof(detail_levels) / sizeof(detail_levels[0]))

int cli_drawing_option(const char *verb, int c, const char *arg, struct cli_drawing *d)
{
    switch (c) {
    case CLI_OPT_FROM:
        cli_parse_from(verb, arg, &d->from);
        return 1;
    case CLI_OPT_THEME:
        if (!theme_name_is_valid(arg))
            cli_usage_error(verb, "unknown theme '%s' (expected default, mono, or a theme file "
                                  "path such as ./my.theme)", arg);
        d->theme = arg;
        return 1;
    case CLI_OPT_NO_COLLAPSE:
        d->view.detail = VIEW_DETAIL_INTERFACES;
        return 1;
    case CLI_OPT_DETAIL:
        if (view_detail_parse(arg, &d->view.detail) < 0) {
            const char *best = suggest_from(arg, detail_levels, NDETAIL_LEVELS);
            cli_usage_error(verb, "unknown level of detail '%s' (expected interfaces, regions, "
                                  "groups or auto)" SUGGEST_FMT, arg, SUGGEST_ARGS(best));
        }
        return 1;
    case CLI_OPT_EGRESS:
        if (strcmp(arg, "default") == 0)
            d->view.egress = EGRESS_DEFAULT;
        else if (strcmp(arg, "all") == 0)
            d->view.egress = EGRESS_ALL;
        else if (strcmp(arg, "none") == 0)
            d->view.egress = EGRESS_NONE;
        else {
            const char *best = suggest_from(arg, egress_modes, NEGRESS_MODES);
            cli_usage_error(verb, "unknown egress mode '%s' (expected default, all or none)"
                                  SUGGEST_FMT, arg, SUGGEST_ARGS(best));
        }
        return 1;
    case CLI_OPT_VPC:
        d->view.vpc = arg;
        return 1;
    case CLI_OPT_HIDE_CIDRS:
        d->view.hide_cidrs = 1;
        return 1;
    case CLI_OPT_MERGE_CIDRS:
        d->view.merge_cidrs = 1;
        return 1;
    case CLI_OPT_RULES:
        d->view.rules = 1;
        return 1;
    }
    return 0;
}
