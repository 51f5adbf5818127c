/*
 * cli.h - what the command lines of the verbs (cmd_render.c, cmd_lint.c,
 * cmd_diff.c; see verbs.h) share: the usage-error message, the
 * choice of an output format from -f or -o's extension, and the drawing
 * options that render and diff both take.
 */
#ifndef SGMAP_CLI_H
#define SGMAP_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "importer.h"
#include "view.h"

/*
 * Print "sgmap: error: MESSAGE" and "try 'sgmap [VERB ]--help'" to stderr
 * and exit with EXIT_USAGE. verb is NULL for render.
 */
_Noreturn void cli_usage_error(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A usage error for the unknown option arg (argv[optind - 1] after getopt_long
 * returned '?'), suggesting the closest long option of table (ended by a
 * NULL name).
 */
_Noreturn void cli_unknown_option(const char *verb, const struct option *table,
                                  const char *arg);

/* --from's value into *out, or a usage error that suggests a known name. */
void cli_parse_from(const char *verb, const char *arg, enum input_format *out);

/* Standard input ("-") can be read once: a usage error when it is given twice. */
void cli_check_inputs(const char *verb, char *const *paths, size_t n);

/* One output format name (or file extension) of a verb. */
struct cli_format {
    const char *name;
    int format; /* the verb's own enum value */
};

/* Look name up in table[n]; 0 and *out set, or -1 when unknown. */
int cli_format_lookup(const struct cli_format *table, size_t n, const char *name, int *out);
/*
 * The output format: format (-f) when given, else the extension of output
 * (-o, unless "-"), else dflt. An unknown -f name is a usage error whose
 * message lists expected; an unknown extension asks for -f.
 */
int cli_format_choose(const char *verb, const struct cli_format *table, size_t n,
                      const char *format, const char *output, int dflt, const char *expected);

/* The options that shape a drawing, shared by render and diff. */
struct cli_drawing {
    const char *theme;        /* --theme, or NULL for the default */
    enum input_format from;   /* --from, or FORMAT_AUTO */
    struct view_options view; /* --detail, --no-collapse, --egress, --vpc, --*-cidrs, --rules ... */
};

/* Codes of the shared long options (outside the range of short options). */
enum {
    CLI_OPT_FROM = 0x100,
    CLI_OPT_THEME,
    CLI_OPT_NO_COLLAPSE,
    CLI_OPT_EGRESS,
    CLI_OPT_VPC,
    CLI_OPT_HIDE_CIDRS,
    CLI_OPT_MERGE_CIDRS,
    CLI_OPT_RULES,
    CLI_OPT_VAR,
    CLI_OPT_VAR_FILE,
    CLI_OPT_DETAIL,
    CLI_OPT_NEXT, /* the first code free for a verb's own options */
};

/* The long-option entries of struct cli_drawing, for a getopt_long table. */
#define CLI_DRAWING_LONG_OPTIONS                                                         \
    {"from", required_argument, NULL, CLI_OPT_FROM},                                     \
        {"theme", required_argument, NULL, CLI_OPT_THEME},                               \
        {"no-collapse", no_argument, NULL, CLI_OPT_NO_COLLAPSE},                         \
        {"egress", required_argument, NULL, CLI_OPT_EGRESS},                             \
        {"vpc", required_argument, NULL, CLI_OPT_VPC},                                   \
        {"hide-cidrs", no_argument, NULL, CLI_OPT_HIDE_CIDRS},                           \
        {"merge-cidrs", no_argument, NULL, CLI_OPT_MERGE_CIDRS},                         \
        {"rules", no_argument, NULL, CLI_OPT_RULES},                                     \
        {"detail", required_argument, NULL, CLI_OPT_DETAIL}

/* The long options of every verb that imports, beside --from: the
 * variables of Terraform configuration folders (hcl.h). */
#define CLI_INPUT_LONG_OPTIONS                                                           \
    {"var", required_argument, NULL, CLI_OPT_VAR},                                       \
        {"var-file", required_argument, NULL, CLI_OPT_VAR_FILE}

/*
 * Apply option code c when it is one of CLI_INPUT_LONG_OPTIONS: returns 1
 * (the values are handed to the importers, import_set_hcl_options()), or
 * exits with a usage error for a bad value. Returns 0 for any other code.
 */
int cli_input_option(const char *verb, int c, const char *arg);

/* Defaults: --detail auto, the AWS default egress hidden, --depth 1. */
void cli_drawing_init(struct cli_drawing *d);
/*
 * Apply option code c (with its argument) when it is one of the shared
 * ones: returns 1, or exits with a usage error for a bad value. Returns 0
 * for any other code.
 */
int cli_drawing_option(const char *verb, int c, const char *arg, struct cli_drawing *d);

#endif
