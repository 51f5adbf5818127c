/*
 * verbs.h - the verbs of the command line (render, lint, diff, reach), each
 * in its own src/cli/cmd_VERB.c, and main.c's table of them.
 *
 * A verb is one file that defines its struct verb, and one row in main.c's
 * table. Its entry point is static to its file: nothing outside the command
 * line calls a verb.
 */
#ifndef SGMAP_VERBS_H
#define SGMAP_VERBS_H

#include <stdio.h>

struct verb {
    const char *name;     /* the first argument that selects it ("lint") */
    const char *synopsis; /* its line in the usage, after "sgmap " */
    /*
     * Run the verb: argv[0] is its name (or the program's, for the default
     * verb given no name), its options and inputs follow. Returns the exit
     * status; may exit instead after a usage error.
     */
    int (*run)(int argc, char **argv);
};

extern const struct verb verb_render; /* the default verb */
extern const struct verb verb_lint;
extern const struct verb verb_diff;
extern const struct verb verb_reach;

/*
 * The global options, in main.c. main_usage() prints the usage line of
 * every verb in the table and of --help and --version: render's --help,
 * which is also sgmap's, starts with them. main_version() prints the
 * version line.
 */
void main_usage(FILE *fp);
void main_version(FILE *fp);

#endif
