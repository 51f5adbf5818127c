/*
 * cmd_lint.c - the "sgmap lint" verb: its options, then import, model_finish,
 * lint_run and one writer (text, json or sarif) through output_write().
 *
 * Findings are the command's output (standard output or -o FILE); usage and
 * input errors go to standard error. main.c's table dispatches here.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "importer.h"
#include "lint.h"
#include "model.h"
#include "output.h"
#include "suggest.h"
#include "verbs.h"

enum lint_format { LINT_TEXT, LINT_JSON, LINT_SARIF };

static const struct cli_format lint_formats[] = {
    {"text", LINT_TEXT}, {"txt", LINT_TEXT}, {"json", LINT_JSON}, {"sarif", LINT_SARIF},
};

static void lint_usage(FILE *fp)
{
    fputs("usage: sgmap lint [options] INPUT...\n"
          "\n"
          "Review security groups and rules: names that describe rules instead of\n"
          "members, missing descriptions, exposure as AWS Security Hub defines it, and\n"
          "rules that are stale, duplicated, covered, half-open or over quota.\n"
          "\n"
          "options:\n"
          "  -o, --output FILE    write the findings to FILE (atomically)\n"
          "  -f, --format FORMAT  text, json or sarif (default: from -o, else text)\n"
          "      --from FORMAT    read inputs as design, aws, terraform or cloudformation\n"
          "      --fail-on LEVEL  exit 1 on findings at or above error, warning or note\n"
          "                       (default: warning)\n"
          "      --disable IDS    skip these checks (comma-separated ids, or all)\n"
          "      --enable IDS     run these checks (comma-separated ids, or all); when\n"
          "                       --enable comes before any --disable, only the checks\n"
          "                       named by --enable run\n"
          "      --list-checks    list the checks with their ids and severities\n"
          "  -q, --quiet          no notes on standard error\n"
          "  -h, --help           show this help\n"
          "\n"
          "A group opts out of checks with the tag sgmap:lint-ignore, whose value lists\n"
          "check ids separated by commas or spaces.\n"
          "\n"
          "exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage error,\n"
          "3 bad input, 4 output or system failure\n",
          fp);
}

static void lint_list_checks(FILE *fp)
{
    size_t i;
    for (i = 0; i < lint_check_count(); i++) {
        const struct lint_check *ck = lint_check_at(i);
        fprintf(fp, "%-22s %-8s %s%s%s%s\n", ck->id, lint_severity_name(ck->sev), ck->what,
                ck->controls ? " (Security Hub " : "", ck->controls ? ck->controls : "",
                ck->controls ? ")" : "");
    }
}

enum {
    OPT_FROM = 256,
    OPT_FAIL_ON,
    OPT_DISABLE,
    OPT_ENABLE,
    OPT_LIST_CHECKS,
};

static const struct option lint_long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"from", required_argument, NULL, OPT_FROM},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"disable", required_argument, NULL, OPT_DISABLE},
    {"enable", required_argument, NULL, OPT_ENABLE},
    {"list-checks", no_argument, NULL, OPT_LIST_CHECKS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct lint_cli {
    const char *output;
    const char *format;
    enum input_format from;
    struct lint_options lint;
    int toggled; /* an --enable or --disable was seen */
    int list_checks;
};

/* A usage error for an unknown check id, suggesting the closest one. */
static _Noreturn void lint_unknown_check(const char *bad)
{
    struct suggest s;
    size_t i;

    suggest_init(&s, bad);
    suggest_consider(&s, "all");
    for (i = 0; i < lint_check_count(); i++)
        suggest_consider(&s, lint_check_at(i)->id);
    cli_usage_error("lint",
                    "unknown check '%s' (see 'sgmap lint --list-checks')" SUGGEST_FMT, bad,
                    SUGGEST_ARGS(suggest_best(&s)));
}

/* Parse the options into cli; returns -1 to go on, else an exit status. */
static int lint_parse_options(int argc, char **argv, struct lint_cli *cli)
{
    static const char *const levels[] = {"error", "warning", "note"};
    int c;
    char *bad = NULL;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:f:qh", lint_long_options, NULL)) != -1) {
        switch (c) {
        case 'o': cli->output = optarg; break;
        case 'f': cli->format = optarg; break;
        case OPT_FROM:
            cli_parse_from("lint", optarg, &cli->from);
            break;
        case OPT_FAIL_ON:
            if (lint_severity_parse(optarg, &cli->lint.fail_on) < 0) {
                size_t n = sizeof(levels) / sizeof(levels[0]);
                const char *best = suggest_from(optarg, levels, n);
                cli_usage_error("lint", "unknown level '%s' for --fail-on (expected error, "
                                        "warning or note)" SUGGEST_FMT,
                                optarg, SUGGEST_ARGS(best));
            }
            break;
        case OPT_DISABLE:
        case OPT_ENABLE:
            /* The first toggle decides the starting set: --enable first
             * runs only what it names, --disable first takes from the
             * defaults. Later toggles apply in order. */
            if (!cli->toggled && c == OPT_ENABLE)
                lint_options_toggle(&cli->lint, "all", 0, NULL);
            cli->toggled = 1;
            if (lint_options_toggle(&cli->lint, optarg, c == OPT_ENABLE, &bad) < 0)
                lint_unknown_check(bad);
            break;
        case OPT_LIST_CHECKS: cli->list_checks = 1; break;
        case 'q': diag_set_quiet(1); break;
        case 'h':
            lint_usage(stdout);
            return EXIT_OK;
        case ':':
            cli_usage_error("lint", "option '%s' needs a value", argv[optind - 1]);
        default:
            cli_unknown_option("lint", lint_long_options, argv[optind - 1]);
        }
    }
    return -1;
}

/* Write the result in format f into a malloc'd buffer; 0, or -1 reported. */
static int lint_produce(const struct lint_result *res, enum lint_format f, char **data,
                        size_t *len)
{
    FILE *mem = output_memory_open(data, len);
    int rc;

    if (!mem)
        return -1;
    if (f == LINT_JSON)
        rc = lint_write_json(res, mem);
    else if (f == LINT_SARIF)
        rc = lint_write_sarif(res, mem);
    else
        rc = lint_write_text(res, mem);
    return output_memory_close(mem, rc, data);
}

/*
 * argv[0] is "lint", options and inputs follow. Returns the exit status
 * (0 clean, 1 findings at or above --fail-on, 2 usage, 3 input, 4 output).
 */
static int lint_main(int argc, char **argv)
{
    struct lint_cli cli;
    struct model *m;
    struct lint_result *res;
    enum lint_format f;
    char *data = NULL;
    size_t len = 0;
    int rc;

    memset(&cli, 0, sizeof(cli));
    cli.from = FORMAT_AUTO;
    lint_options_init(&cli.lint);
    rc = lint_parse_options(argc, argv, &cli);
    if (rc >= 0)
        return rc;
    if (cli.list_checks) {
        lint_list_checks(stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
    }
    f = (enum lint_format)cli_format_choose(
        "lint", lint_formats, sizeof(lint_formats) / sizeof(lint_formats[0]), cli.format,
        cli.output, LINT_TEXT, "text, json or sarif");
    if (optind >= argc)
        cli_usage_error("lint", "no input given");

    cli_check_inputs("lint", argv + optind, (size_t)(argc - optind));
    m = model_new();
    /* An interface over 16 groups is a finding, not bad input. */
    if (import_paths(m, argv + optind, (size_t)(argc - optind), cli.from) < 0 ||
        model_finish_lenient(m) < 0) {
        model_free(m);
        return diag_status() ? diag_status() : EXIT_BAD_INPUT;
    }
    res = lint_run(m, &cli.lint);
    rc = EXIT_OK;
    if (lint_produce(res, f, &data, &len) < 0 || output_write(cli.output, data, len) < 0)
        rc = EXIT_SYSTEM;
    else if (lint_result_fails(res))
        rc = EXIT_FINDINGS;
    free(data);
    lint_result_free(res);
    model_free(m);
    if (diag_status() > rc)
        rc = diag_status();
    return rc;
}

const struct verb verb_lint = {"lint", "lint [options] INPUT...", lint_main};
