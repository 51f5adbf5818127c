/*
 * cmd_reach.c - the "sgmap reach" verb: its options, then import,
 * model_finish, reach_run and one writer (text, json or markdown, or the
 * inputs drawn with the answer highlighted) through output_write().
 *
 * The answers are the command's output (standard output or -o FILE); usage
 * and input errors go to standard error. main.c's table dispatches here.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "draw.h"
#include "highlight.h"
#include "importer.h"
#include "model.h"
#include "output.h"
#include "reach.h"
#include "strbuf.h"
#include "theme.h"
#include "verbs.h"
#include "view.h"

/* The drawn formats are draw_format values (the answer drawn over the
 * inputs); text, JSON and Markdown come after. Mermaid is known, so that
 * asking for it says that it is not drawn. */
enum reach_format { RF_TEXT = DRAW_FORMAT_COUNT, RF_JSON, RF_MARKDOWN, RF_MERMAID };

static const struct cli_format reach_formats[] = {
    {"text", RF_TEXT},         {"txt", RF_TEXT},     {"json", RF_JSON},
    {"markdown", RF_MARKDOWN}, {"md", RF_MARKDOWN},  {"dot", DRAW_DOT},
    {"gv", DRAW_DOT},          {"svg", DRAW_SVG},    {"png", DRAW_PNG},
    {"pdf", DRAW_PDF},         {"view", DRAW_VIEW},  {"mermaid", RF_MERMAID},
    {"mmd", RF_MERMAID},
};

static void reach_usage(FILE *fp)
{
    fputs("usage: sgmap reach [options] INPUT...\n"
          "\n"
          "Who can reach what, on which traffic, and which rules say so. With neither\n"
          "--from nor --to: what the internet can reach (the exposure report).\n"
          "\n"
          "options:\n"
          "      --from END        the source (default: anywhere)\n"
          "      --to END          the destination (default: anywhere)\n"
          "                        END is a group (name or id) or an interface (id or\n"
          "                        label), a shell pattern ('web-*', '*'), a CIDR or\n"
          "                        address, internet, or a prefix list pl-...\n"
          "      --port LABEL      only this traffic: tcp/5432, udp/53, icmp/8, all...\n"
          "      --expect-none     exit 1 when anything is reachable (a CI guard)\n"
          "  -o, --output FILE     write the answers to FILE (atomically)\n"
          "  -f, --format FORMAT   text, json, markdown, or a drawing of the inputs with\n"
          "                        the answer's paths highlighted: dot, svg, png, pdf or\n"
          "                        view (default: from -o, else text)\n"
          "      --input-format FORMAT\n"
          "                        read inputs as aws, terraform, terraform-source,\n"
          "                        cloudformation or design\n"
          "      --var NAME=VALUE  set a variable of Terraform configuration folders\n"
          "                        (repeatable; wins over *.tfvars files)\n"
          "      --var-file FILE   read variables from FILE (.tfvars or .tfvars.json)\n"
          "  -q, --quiet           no notes on standard error\n"
          "  -h, --help            show this help\n"
          "\n"
          "Evaluated: security groups only (stateful; the AWS default egress allows\n"
          "all). Each answer names the egress rule on the source side and the ingress\n"
          "rule on the destination side; a \"no\" answer, given when both ends are\n"
          "named without a pattern, says which side blocks.\n"
          "\n"
          "exit status: 0 answered (also when nothing is reachable), 1 something is\n"
          "reachable and --expect-none was given, 2 usage error, 3 bad input, 4 output\n"
          "or system failure\n",
          fp);
}

enum {
    OPT_FROM = CLI_OPT_NEXT,
    OPT_TO,
    OPT_PORT,
    OPT_EXPECT_NONE,
    OPT_INPUT_FORMAT,
};

static const struct option reach_long_options[] = {
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"port", required_argument, NULL, OPT_PORT},
    {"expect-none", no_argument, NULL, OPT_EXPECT_NONE},
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    CLI_INPUT_LONG_OPTIONS,
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct reach_cli {
    const char *output, *format;
    enum input_format input;
    struct reach_query query;
    struct portspec port;
    int expect_none;
};

/* Parse the options into cli; returns -1 to go on, else an exit status. */
static int reach_parse_options(int argc, char **argv, struct reach_cli *cli)
{
    char err[128];
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:f:qh", reach_long_options, NULL)) != -1) {
        if (cli_input_option("reach", c, optarg))
            continue;
        switch (c) {
        case OPT_FROM: cli->query.from = optarg; break;
        case OPT_TO: cli->query.to = optarg; break;
        case OPT_PORT:
            if (ports_parse_label(optarg, &cli->port, err, sizeof(err)) < 0)
                cli_usage_error("reach", "%s for --port", err);
            cli->query.port = &cli->port;
            break;
        case OPT_EXPECT_NONE: cli->expect_none = 1; break;
        case 'o': cli->output = optarg; break;
        case 'f': cli->format = optarg; break;
        case OPT_INPUT_FORMAT: cli_parse_from("reach", optarg, &cli->input); break;
        case 'q': diag_set_quiet(1); break;
        case 'h':
            reach_usage(stdout);
            return EXIT_OK;
        case ':':
            cli_usage_error("reach", "option '%s' needs a value", argv[optind - 1]);
        default:
            cli_unknown_option("reach", reach_long_options, argv[optind - 1]);
        }
    }
    return -1;
}

/* What was asked, as render --highlight spells it: "FROM -> TO:PORT". */
static char *query_text(const struct reach_result *res)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s%s->%s%s", res->from ? res->from : "", res->from ? " " : "",
                res->to ? " " : "", res->to ? res->to : "");
    if (res->port)
        strbuf_addf(&sb, ":%s", res->port);
    return strbuf_detach(&sb);
}

/* The inputs drawn with the answer's paths highlighted, in format f. */
static int reach_draw(const struct reach_result *res, int f, struct strbuf *out)
{
    struct cli_drawing draw;
    struct theme theme;
    struct view *v;
    char *query = query_text(res), *data = NULL;
    size_t len = 0;
    int rc;

    cli_drawing_init(&draw);
    draw.view.highlight = reach_highlight(res, query);
    free(query);
    if (theme_load(&theme, NULL) < 0) {
        theme_release(&theme);
        highlight_free((struct highlight *)draw.view.highlight);
        return -1;
    }
    v = draw_view(res->model, &draw.view);
    rc = draw_output(v, &theme, (enum draw_format)f, &data, &len);
    if (rc == 0)
        strbuf_add(out, data, len);
    free(data);
    view_free(v);
    theme_release(&theme);
    highlight_free((struct highlight *)draw.view.highlight);
    return rc;
}

/* The result in format f, appended to out. Returns 0, or -1 after an error. */
static int reach_produce(const struct reach_result *res, int f, struct strbuf *out)
{
    if (f < DRAW_FORMAT_COUNT)
        return reach_draw(res, f, out);
    if (f == RF_JSON)
        reach_write_json(res, out);
    else if (f == RF_MARKDOWN)
        reach_write_markdown(res, out);
    else
        reach_write_text(res, out);
    return 0;
}

/*
 * argv[0] is "reach", options and inputs follow. Returns the exit status
 * (0 answered, 1 reachable with --expect-none, 2 usage, 3 input, 4 output).
 */
static int reach_main(int argc, char **argv)
{
    struct reach_cli cli;
    struct model *m;
    struct reach_result *res;
    int f;
    struct strbuf out = STRBUF_INIT;
    char *err = NULL;
    int rc;

    memset(&cli, 0, sizeof(cli));
    cli.input = FORMAT_AUTO;
    rc = reach_parse_options(argc, argv, &cli);
    if (rc >= 0)
        return rc;
    f = cli_format_choose("reach", reach_formats, sizeof(reach_formats) / sizeof(reach_formats[0]),
                          cli.format, cli.output, RF_TEXT,
                          "text, json, markdown, dot, svg, png, pdf or view");
    if (f == RF_MERMAID)
        cli_usage_error("reach", "the answer is not drawn in Mermaid ('%s'; expected text, "
                                 "json, markdown, dot, svg, png, pdf or view)",
                        cli.format ? cli.format : cli.output);
    if (optind >= argc)
        cli_usage_error("reach", "no input given");

    cli_check_inputs("reach", argv + optind, (size_t)(argc - optind));
    m = model_new();
    if (import_paths(m, argv + optind, (size_t)(argc - optind), cli.input) < 0 ||
        model_finish(m) < 0) {
        model_free(m);
        return diag_status() ? diag_status() : EXIT_BAD_INPUT;
    }
    res = reach_run(m, &cli.query, &err);
    if (!res) {
        model_free(m);
        cli_usage_error("reach", "%s", err);
    }
    rc = EXIT_OK;
    if (reach_produce(res, f, &out) < 0 || output_write(cli.output, out.buf, out.len) < 0)
        rc = EXIT_SYSTEM;
    else if (cli.expect_none && res->nreachable)
        rc = EXIT_FINDINGS;
    strbuf_release(&out);
    reach_result_free(res);
    model_free(m);
    if (diag_status() > rc)
        rc = diag_status();
    return rc;
}

const struct verb verb_reach = {"reach", "reach [options] INPUT...", reach_main};
