/*
 * cmd_render.c - the "sgmap [render]" verb, the default one: parse its
 * options, import the inputs into one model, build the view, write the
 * chosen format. All the work lives in the modules; this file only wires
 * them together and sets the exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "draw.h"
#include "emit.h"
#include "importer.h"
#include "highlight.h"
#include "lint.h"
#include "model.h"
#include "output.h"
#include "reach.h"
#include "strbuf.h"
#include "theme.h"
#include "split_internal.h"
#include "verbs.h"
#include "view.h"
#include "xalloc.h"

/* The drawn formats are draw_format values; JSON comes after them. */
enum { OUT_JSON = DRAW_FORMAT_COUNT };

static const struct cli_format out_formats[] = {
    {"dot", DRAW_DOT}, {"gv", DRAW_DOT},     {"svg", DRAW_SVG},         {"png", DRAW_PNG},
    {"pdf", DRAW_PDF}, {"json", OUT_JSON}, {"mermaid", DRAW_MERMAID}, {"mmd", DRAW_MERMAID},
    {"view", DRAW_VIEW}, {"drawio", DRAW_DRAWIO}, {"html", DRAW_HTML},
};

static void usage(FILE *fp)
{
    main_usage(fp);
    fputs("\n"
          "Draw AWS security groups as regions that enclose their network interfaces,\n"
          "with the rules between them as arrows labelled by port and protocol.\n"
          "\n"
          "INPUT is a file, a directory (its *.json *.yaml *.yml *.tfstate) or - for\n"
          "standard input; a directory holding *.tf or *.tf.json files is a Terraform\n"
          "configuration, read as one input without Terraform or credentials. Several\n"
          "inputs merge into one drawing.\n"
          "\n"
          "options:\n"
          "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
          "  -f, --format FORMAT  dot, svg, png, pdf, json, mermaid, view, drawio or html\n"
          "                       (default: from -o, else dot)\n"
          "      --from FORMAT    read inputs as aws, terraform, terraform-source,\n"
          "                       cloudformation or design\n"
          "                       (default: detected from each input's content)\n"
          "      --var NAME=VALUE set a variable of Terraform configuration folders\n"
          "                       (repeatable; wins over *.tfvars files)\n"
          "      --var-file FILE  read variables from FILE (.tfvars or .tfvars.json)\n"
          "      --theme THEME    default, mono, or a theme file path\n"
          "      --detail LEVEL   interfaces, regions (one xN node per kind and groups),\n"
          "                       groups (one box per group) or auto (by size: default)\n"
          "      --no-collapse    draw every interface (--detail interfaces)\n"
          "      --egress MODE    default (hide the AWS default egress), all, or none\n"
          "      --vpc ID         draw only this VPC (id or name)\n"
          "      --group PATTERN  draw groups whose name or id matches PATTERN (a shell\n"
          "                       pattern; repeatable) and their neighbours\n"
          "      --depth N        with --group: neighbours up to N rules away (default 1)\n"
          "      --exclude PATTERN  leave out groups whose name or id matches (repeatable)\n"
          "      --hide-cidrs     draw no CIDR nodes except the internet\n"
          "      --merge-cidrs    fold CIDRs into named ranges, private and public\n"
          "      --rules          one arrow per rule direction instead of one per flow\n"
          "      --lint           mark groups, interfaces and rules with lint findings\n"
          "      --notes          number the arrows and add a table of the rules,\n"
          "                       descriptions and findings (default for png and pdf)\n"
          "      --no-notes       no notes table (default for the other formats)\n"
          "      --highlight 'FROM -> TO:PORT'\n"
          "                       draw the paths of sgmap reach's answer bold and the\n"
          "                       rest dimmed (either end may be empty: anywhere; the\n"
          "                       port is optional)\n"
          "      --split MODE     one drawing per vpc or per connected component, written\n"
          "                       into the folder -o DIR with an index (format from -f,\n"
          "                       default svg)\n"
          "      --scale N        PNG pixels per point N times the default (2 for HiDPI\n"
          "                       screens; 0.25 to 8)\n"
          "  -q, --quiet          no notes on standard error\n"
          "  -h, --help           show this help\n"
          "  -V, --version        show the version\n"
          "\n"
          "exit status: 0 success, 2 usage error, 3 bad input,\n"
          "4 output, system or Graphviz failure\n",
          fp);
}

struct options {
    const char *output;
    const char *format;
    int lint;
    int notes; /* --notes 1, --no-notes 0, else -1: by format */
    const char *highlight;
    double scale; /* --scale, or 0 */
    const char *split; /* --split: "vpc" or "component", or NULL */
    struct cli_drawing draw;
};

enum {
    OPT_GROUP = CLI_OPT_NEXT,
    OPT_DEPTH,
    OPT_EXCLUDE,
    OPT_LINT,
    OPT_NOTES,
    OPT_NO_NOTES,
    OPT_HIGHLIGHT,
    OPT_SCALE,
    OPT_SPLIT
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    CLI_DRAWING_LONG_OPTIONS,
    CLI_INPUT_LONG_OPTIONS,
    {"group", required_argument, NULL, OPT_GROUP},
    {"depth", required_argument, NULL, OPT_DEPTH},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"lint", no_argument, NULL, OPT_LINT},
    {"notes", no_argument, NULL, OPT_NOTES},
    {"no-notes", no_argument, NULL, OPT_NO_NOTES},
    {"highlight", required_argument, NULL, OPT_HIGHLIGHT},
    {"scale", required_argument, NULL, OPT_SCALE},
    {"split", required_argument, NULL, OPT_SPLIT},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void parse_options(int argc, char **argv, struct options *o)
{
    struct view_options *view = &o->draw.view;
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:qhV", long_options, NULL)) != -1) {
        if (cli_drawing_option(NULL, c, optarg, &o->draw) ||
            cli_input_option(NULL, c, optarg))
            continue;
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'f': o->format = optarg; break;
        case OPT_GROUP:
            view->focus = xrealloc(view->focus, (view->nfocus + 1) * sizeof(char *));
            view->focus[view->nfocus++] = optarg;
            break;
        case OPT_DEPTH: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || n < 0 || n > 1000)
                cli_usage_error(NULL, "--depth takes a whole number from 0 to 1000, not '%s'",
                                optarg);
            view->depth = (int)n;
            break;
        }
        case OPT_EXCLUDE:
            view->exclude = xrealloc(view->exclude, (view->nexclude + 1) * sizeof(char *));
            view->exclude[view->nexclude++] = optarg;
            break;
        case OPT_LINT: o->lint = 1; break;
        case OPT_NOTES: o->notes = 1; break;
        case OPT_NO_NOTES: o->notes = 0; break;
        case OPT_HIGHLIGHT: o->highlight = optarg; break;
        case OPT_SPLIT:
            if (strcmp(optarg, "vpc") != 0 && strcmp(optarg, "component") != 0)
                cli_usage_error(NULL, "--split takes vpc or component, not '%s'", optarg);
            o->split = optarg;
            break;
        case OPT_SCALE: {
            char *end;
            double x = strtod(optarg, &end);
            if (*optarg == '\0' || *end != '\0' || !(x >= 0.25 && x <= 8))
                cli_usage_error(NULL, "--scale takes a number from 0.25 to 8, not '%s'", optarg);
            o->scale = x;
            break;
        }
        case 'q': diag_set_quiet(1); break;
        case 'h':
            usage(stdout);
            exit(EXIT_OK);
        case 'V':
            main_version(stdout);
            exit(EXIT_OK);
        case ':':
            cli_usage_error(NULL, "option '%s' needs a value", argv[optind - 1]);
        default:
            cli_unknown_option(NULL, long_options, argv[optind - 1]);
        }
    }
}

/* The output format: -f, else -o's extension, else dot; with --split, -f
 * else svg (-o is the folder). */
static int choose_format(const struct options *o)
{
    int f = cli_format_choose(
        NULL, out_formats, sizeof(out_formats) / sizeof(out_formats[0]), o->format,
        o->split ? NULL : o->output, o->split ? DRAW_SVG : DRAW_DOT,
        "dot, svg, png, pdf, json, mermaid, view, drawio or html");

    if (!o->split)
        return f;
    if (!o->output || strcmp(o->output, "-") == 0)
        cli_usage_error(NULL, "--split writes a folder of drawings: give it with -o DIR");
    if (f == OUT_JSON)
        cli_usage_error(NULL, "--split draws; -f json describes the whole model (use -f view)");
    if (o->draw.view.vpc || o->draw.view.nfocus)
        cli_usage_error(NULL, "--split chooses the VPC or groups of each drawing; leave out "
                              "--vpc and --group");
    return f;
}

/* --split: one drawing per part into the folder o->output. */
static int split(const struct model *m, const struct options *o, int f)
{
    static const char *const ext[DRAW_FORMAT_COUNT] = {
        [DRAW_DOT] = "dot", [DRAW_SVG] = "svg",   [DRAW_PNG] = "png",   [DRAW_PDF] = "pdf",
        [DRAW_MERMAID] = "mmd", [DRAW_VIEW] = "view.json", [DRAW_HTML] = "html", [DRAW_DRAWIO] = "drawio",
    };
    struct split_request rq;
    struct theme theme;
    int rc;

    if (theme_load(&theme, o->draw.theme) < 0) {
        theme_release(&theme);
        return -1;
    }
    rq.mode = o->split;
    rq.dir = o->output;
    rq.format = (enum draw_format)f;
    rq.ext = ext[f];
    rq.html_index = f == DRAW_HTML;
    rq.theme = &theme;
    rq.view = o->draw.view;
    rc = render_split(m, &rq);
    theme_release(&theme);
    return rc;
}

/* A --vpc or --group that matches nothing is a usage error, not an empty
 * drawing. */
static void check_view_options(const struct model *m, const struct view_options *vo)
{
    struct strbuf why = STRBUF_INIT;
    if (view_check_options(m, vo, &why) < 0)
        cli_usage_error(NULL, "%s", why.buf);
    strbuf_release(&why);
}

/*
 * render --lint: every finding (with its fix) as a note on the object it is
 * about, at its severity, which the drawing shows in that severity's colour
 * with the text in the tooltip (and in the notes table).
 */
_Static_assert((int)NOTE_LEVEL_NOTE == (int)LINT_NOTE &&
                   (int)NOTE_LEVEL_WARNING == (int)LINT_WARNING &&
                   (int)NOTE_LEVEL_ERROR == (int)LINT_ERROR,
               "a note's level is its finding's severity");

static struct notes *lint_notes(const struct model *m)
{
    struct notes *notes = notes_new(m);
    struct lint_options lo;
    struct lint_result *r;
    size_t i;

    lint_options_init(&lo);
    r = lint_run(m, &lo);
    for (i = 0; i < r->nfindings; i++) {
        const struct lint_finding *f = &r->findings[i];
        char *line = xasprintf("%s: [%s] %s; %s", lint_severity_name(f->sev), f->id, f->message,
                               f->fix);
        enum note_level level = (enum note_level)f->sev;
        if (f->rule)
            notes_add_rule(notes, f->rule, level, line);
        else if (f->group)
            notes_add_group(notes, f->group, level, line);
        else if (f->iface)
            notes_add_iface(notes, f->iface, level, line);
        free(line);
    }
    lint_result_free(r);
    return notes;
}

/* Write the chosen format of the model into a malloc'd buffer. */
static int produce(const struct model *m, const struct options *o, int f, char **data,
                   size_t *len)
{
    struct theme theme;
    struct view *v;
    FILE *mem;
    int rc;

    if (f == OUT_JSON) {
        mem = output_memory_open(data, len);
        return mem ? output_memory_close(mem, emit_json(m, NULL, mem), data) : -1;
    }
    if (theme_load(&theme, o->draw.theme) < 0) {
        theme_release(&theme);
        return -1;
    }
    if (m->ngroups + m->nifaces > 5000)
        diag_progress("drawing %zu groups and %zu interfaces", m->ngroups, m->nifaces);
    v = draw_view(m, &o->draw.view);
    if (v->empty)
        diag_warning(NULL, "nothing to draw: %s", v->empty);
    rc = draw_output(v, &theme, (enum draw_format)f, data, len);
    view_free(v);
    theme_release(&theme);
    return rc;
}

/* argv[0] is "render", or the program's name when no verb was given. */
static int render_main(int argc, char **argv)
{
    struct options o = {0};
    struct model *m;
    struct notes *notes = NULL;
    struct highlight *highlight = NULL;
    int f;
    char *data = NULL;
    size_t len = 0;

    cli_drawing_init(&o.draw);
    o.notes = -1;
    parse_options(argc, argv, &o);
    f = choose_format(&o);
    o.draw.view.notes_table =
        o.notes >= 0 ? o.notes : f < DRAW_FORMAT_COUNT && draw_notes_by_default((enum draw_format)f);
    if (o.scale > 0 && f != DRAW_PNG)
        cli_usage_error(NULL, "--scale applies to png only (the other formats are vectors or "
                              "text)");
    draw_set_png_scale(o.scale);
    if (optind >= argc)
        cli_usage_error(NULL, "no input given");

    cli_check_inputs(NULL, argv + optind, (size_t)(argc - optind));
    m = model_new();
    if (import_paths(m, argv + optind, (size_t)(argc - optind), o.draw.from) < 0 ||
        model_finish(m) < 0) {
        model_free(m);
        free(o.draw.view.focus);
        free(o.draw.view.exclude);
        return diag_status() ? diag_status() : EXIT_BAD_INPUT;
    }
    check_view_options(m, &o.draw.view);
    if (o.lint)
        o.draw.view.notes = notes = lint_notes(m);
    if (o.highlight) {
        char *err = NULL;
        o.draw.view.highlight = highlight = reach_highlight_spec_run(m, o.highlight, &err);
        if (!highlight)
            cli_usage_error(NULL, "--highlight: %s", err);
    }
    if (o.split)
        split(m, &o, f);
    else if (produce(m, &o, f, &data, &len) == 0)
        output_write(o.output, data, len);
    free(data);
    notes_free(notes);
    highlight_free(highlight);
    model_free(m);
    free(o.draw.view.focus);
    free(o.draw.view.exclude);
    return diag_status();
}

const struct verb verb_render = {"render", "[render] [options] INPUT...", render_main};
