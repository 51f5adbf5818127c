/*
 * main.c - the table of verbs, the global options (--help, --version) and
 * the dispatch. Each verb lives in its own cmd_VERB.c (see verbs.h); a new
 * verb is that file and one row below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "cli.h"
#include "diag.h"
#include "graphviz.h"
#include "suggest.h"
#include "verbs.h"

#ifndef SGMAP_VERSION
#define SGMAP_VERSION "0.0.0"
#endif

/* The first row is the default verb, run when the first argument names none. */
static const struct verb *const verbs[] = {
    &verb_render,
    &verb_lint,
    &verb_diff,
    &verb_reach,
};
#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

void main_usage(FILE *fp)
{
    size_t i;

    for (i = 0; i < NVERBS; i++) {
        fputs(i == 0 ? "usage: " : "       ", fp);
        if (i == 0)
            fprintf(fp, "sgmap %s\n", verbs[i]->synopsis);
        else
            fprintf(fp, "sgmap %-25s (see 'sgmap %s --help')\n", verbs[i]->synopsis,
                    verbs[i]->name);
    }
    fputs("       sgmap --help | --version\n", fp);
}

void main_version(FILE *fp)
{
    char *gv = graphviz_version();

    fprintf(fp, "sgmap %s\n", SGMAP_VERSION);
    fprintf(fp, "Graphviz %s\n", gv ? gv : "unavailable");
    free(gv);
}

/*
 * A first argument that is no option, no verb and no file, but close to a
 * verb's name ("lnit"), is a mistyped verb: say so instead of reporting a
 * missing input.
 */
static void check_verb(const char *arg)
{
    struct suggest s;
    size_t i;

    if (arg[0] == '-' || access(arg, F_OK) == 0)
        return;
    suggest_init(&s, arg);
    for (i = 0; i < NVERBS; i++)
        suggest_consider(&s, verbs[i]->name);
    if (suggest_best(&s))
        cli_usage_error(NULL, "unknown verb '%s'" SUGGEST_FMT, arg,
                        SUGGEST_ARGS(suggest_best(&s)));
}

int main(int argc, char **argv)
{
    size_t i;

    cleanup_install();
    if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        main_version(stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
    }
    for (i = 0; argc > 1 && i < NVERBS; i++)
        if (strcmp(argv[1], verbs[i]->name) == 0)
            return verbs[i]->run(argc - 1, argv + 1);
    if (argc > 1)
        check_verb(argv[1]);
    /* No verb named: the default one, whose --help (sgmap --help) starts
     * with main_usage(). */
    return verbs[0]->run(argc, argv);
}
