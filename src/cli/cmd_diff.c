/*
 * cmd_diff.c - the "sgmap diff" verb: read OLD and NEW (or the
 * before and after of one Terraform plan), build their union with change
 * marks (diff.c) and write it in the chosen format. The exit status says
 * whether anything changed, so CI can gate on it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "draw.h"
#include "emit.h"
#include "importer.h"
#include "model.h"
#include "output.h"
#include "reach.h"
#include "graphviz.h"
#include "strbuf.h"
#include "strmap.h"
#include "theme.h"
#include "verbs.h"
#include "view.h"
#include "xalloc.h"

/* The drawn formats are draw_format values; JSON and Markdown come after. */
enum { DF_JSON = DRAW_FORMAT_COUNT, DF_MARKDOWN };

static const struct cli_format diff_formats[] = {
    {"dot", DRAW_DOT},         {"gv", DRAW_DOT},      {"svg", DRAW_SVG},
    {"png", DRAW_PNG},         {"pdf", DRAW_PDF},     {"json", DF_JSON},
    {"markdown", DF_MARKDOWN}, {"md", DF_MARKDOWN},   {"mermaid", DRAW_MERMAID},
    {"mmd", DRAW_MERMAID},     {"view", DRAW_VIEW},   {"drawio", DRAW_DRAWIO},
    {"html", DRAW_HTML},
};

struct diff_options {
    const char *output;
    const char *format;
    struct cli_drawing draw;
    int quiet;
};

static void diff_usage(FILE *fp)
{
    fputs("usage: sgmap diff [options] OLD NEW\n"
          "       sgmap diff [options] PLAN.json\n"
          "\n"
          "Show what a change does to the network: the union of both inputs, with\n"
          "added groups, members and rules in green, removed ones in red (dashed),\n"
          "changed names and descriptions in orange and the unchanged rest muted.\n"
          "OLD and NEW may be any inputs sgmap reads, of the same or different\n"
          "kinds (files, directories or -): two checkouts of a Terraform\n"
          "configuration (folders of *.tf files) compare resources by address.\n"
          "A Terraform plan alone (terraform show\n"
          "-json PLAN) compares its prior state with its planned values.\n"
          "\n"
          "Groups are matched by id; where one side does not know the id (a plan\n"
          "address, a CloudFormation logical id, a design-file name) by name. Rules\n"
          "are matched by group, direction, ports and peer, so reordering is no change.\n"
          "\n"
          "options:\n"
          "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
          "  -f, --format FORMAT  dot, svg, png, pdf, json, markdown, mermaid, view,\n"
          "                       drawio or html (default: from -o's extension, .md,\n"
          "                       .mmd..., else dot)\n"
          "      --from FORMAT    read inputs as aws, terraform, terraform-source,\n"
          "                       cloudformation or design\n"
          "      --var NAME=VALUE set a variable of Terraform configuration folders\n"
          "                       (repeatable; wins over *.tfvars files)\n"
          "      --var-file FILE  read variables from FILE (.tfvars or .tfvars.json)\n"
          "      --theme THEME    default, mono, or a theme file path\n"
          "      --detail LEVEL   interfaces, regions (one xN node per kind and groups),\n"
          "                       groups (one box per group) or auto (by size: default)\n"
          "      --no-collapse    draw every interface (--detail interfaces)\n"
          "      --egress MODE    default (hide the AWS default egress), all, or none\n"
          "      --vpc ID         draw only this VPC (id or name)\n"
          "      --hide-cidrs     draw no CIDR nodes except the internet\n"
          "      --merge-cidrs    fold CIDRs into named ranges, private and public\n"
          "      --rules          one arrow per rule direction instead of one per flow\n"
          "  -q, --quiet          write nothing: the exit status tells\n"
          "  -h, --help           show this help\n"
          "\n"
          "exit status: 0 no differences, 1 differences, 2 usage error, 3 bad input,\n"
          "4 output, system or Graphviz failure\n",
          fp);
}

static const struct option diff_long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    CLI_DRAWING_LONG_OPTIONS,
    CLI_INPUT_LONG_OPTIONS,
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void diff_parse_options(int argc, char **argv, struct diff_options *o)
{
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:qh", diff_long_options, NULL)) != -1) {
        if (cli_drawing_option("diff", c, optarg, &o->draw) ||
            cli_input_option("diff", c, optarg))
            continue;
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'f': o->format = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h':
            diff_usage(stdout);
            exit(EXIT_OK);
        case ':':
            cli_usage_error("diff", "option '%s' needs a value", argv[optind - 1]);
        default:
            cli_unknown_option("diff", diff_long_options, argv[optind - 1]);
        }
    }
}

/* ===== Inputs ===== */

/* Import one path (file, directory or -) into a new finished model. */
static struct model *diff_load(const char *path, enum input_format from)
{
    struct model *m = model_new();
    char *paths[1];

    paths[0] = (char *)path;
    if (import_paths(m, paths, 1, from) < 0 || model_finish(m) < 0) {
        model_free(m);
        return NULL;
    }
    return m;
}

/*
 * One input: it must be a Terraform plan (the Terraform importer reads it
 * into its prior state and its planned values). Returns 0, or -1 after an
 * error (exits with a usage error when the input is not a plan).
 */
static int diff_load_plan(const char *path, struct model **old, struct model **new,
                          struct strmap *aliases)
{
    int rc = import_terraform_plan(path, old, new, aliases);

    if (rc == 1)
        cli_usage_error("diff", "'%s' is not a Terraform plan; give OLD and NEW, or one plan "
                        "(terraform show -json PLAN)", strcmp(path, "-") == 0 ? "<stdin>" : path);
    return rc;
}

/* ===== Output ===== */

static void diff_reach_json(struct json_writer *w, const void *arg)
{
    reach_changes_write_json(arg, w);
}

/* Write the chosen format of the diff into a malloc'd buffer. */
static int diff_produce(const struct diff *d, const struct diff_options *o, int f, char **data,
                        size_t *len)
{
    struct theme theme;
    struct view_options view;
    struct view *v;
    FILE *mem;
    int rc;

    if (f == DF_JSON || f == DF_MARKDOWN) {
        mem = output_memory_open(data, len);
        if (!mem)
            return -1;
        rc = f == DF_JSON ? emit_json_with(d->model, d->marks, diff_reach_json, d->reach, mem)
                          : emit_markdown(d, mem);
        return output_memory_close(mem, rc, data);
    }
    if (theme_load(&theme, o->draw.theme) < 0) {
        theme_release(&theme);
        return -1;
    }
    view = o->draw.view;
    view.marks = d->marks;
    v = draw_view(d->model, &view);
    rc = draw_output(v, &theme, (enum draw_format)f, data, len);
    view_free(v);
    theme_release(&theme);
    return rc;
}

/* argv[0] is "diff", options and inputs follow. Returns the exit status. */
static int diff_main(int argc, char **argv)
{
    struct diff_options o;
    struct model *old = NULL, *new = NULL;
    struct strmap *aliases = strmap_new();
    struct diff *d = NULL;
    int f;
    char *data = NULL;
    size_t len = 0;
    struct strbuf why = STRBUF_INIT;
    int ninputs, status;

    memset(&o, 0, sizeof(o));
    cli_drawing_init(&o.draw);
    diff_parse_options(argc, argv, &o);
    f = cli_format_choose(
        "diff", diff_formats, sizeof(diff_formats) / sizeof(diff_formats[0]), o.format, o.output,
        DRAW_DOT, "dot, svg, png, pdf, json, markdown, mermaid, view, drawio or html");
    if (o.quiet && o.output)
        cli_usage_error("diff", "--quiet writes nothing; drop --quiet or --output");
    if (o.quiet)
        diag_set_quiet(1);
    ninputs = argc - optind;
    if (ninputs == 0)
        cli_usage_error("diff", "no input given (expected OLD NEW, or one Terraform plan)");
    if (ninputs > 2)
        cli_usage_error("diff", "too many inputs, starting at '%s' (expected OLD NEW, or one "
                         "Terraform plan)", argv[optind + 2]);
    if (ninputs == 2 && strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
        cli_usage_error("diff", "OLD and NEW cannot both be standard input");

    if (ninputs == 1) {
        if (diff_load_plan(argv[optind], &old, &new, aliases) < 0)
            goto done;
    } else {
        old = diff_load(argv[optind], o.draw.from);
        new = diff_load(argv[optind + 1], o.draw.from);
        if (!old || !new)
            goto done;
    }
    d = diff_build(old, new, aliases);
    if (!d || o.quiet)
        goto done;
    if (view_check_options(d->model, &o.draw.view, &why) < 0)
        cli_usage_error("diff", "%s", why.buf);
    if (f == DF_JSON || f == DF_MARKDOWN)
        d->reach = reach_compare(old, new);
    if (diff_produce(d, &o, f, &data, &len) == 0)
        output_write(o.output, data, len);

done:
    status = diag_status();
    if (!d && status < EXIT_BAD_INPUT)
        status = EXIT_BAD_INPUT;
    if (d && status == EXIT_OK && diff_count(d) > 0)
        status = EXIT_FINDINGS;
    free(data);
    diff_free(d);
    model_free(old);
    model_free(new);
    strmap_free(aliases);
    return status;
}

const struct verb verb_diff = {"diff", "diff [options] OLD NEW", diff_main};
