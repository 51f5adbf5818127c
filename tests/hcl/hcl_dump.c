/*
 * hcl_dump.c - the test driver of the HCL reader (build/hcl_dump): loads a
 * Terraform configuration folder with hcl_load() and prints what phase 2
 * will feed to the plan reader.
 *
 *   hcl_dump [--var NAME=VALUE]... [--var-file FILE]... [MODE] DIR
 *
 *   --summary    (default) one line per resource instance, "ADDRESS VALUES"
 *                with the values as compact JSON, unknown ones shown as
 *                "(unknown)"; then "output.NAME = VALUE" for root outputs
 *   --json       the whole plan-shaped document
 *   --locations  the location table, "PATH FILE:LINE:COL" per line
 *   --locate=PATH  where the value at JSON path PATH was written
 *   --config     configuration.root_module only
 *   --load       nothing: only load (for the benchmark)
 *
 * The exit status is sgmap's: 0, or 3 after errors in the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hcl.h"

/* after with the marks of after_unknown applied: unknown values shown as
 * the string "(unknown)" (then unquoted when printed). */
static json_t *merge_unknown(json_t *after, json_t *marks)
{
    const char *k;
    json_t *v;
    size_t i;

    if (json_is_true(marks))
        return json_string("\x01unknown");
    if (json_is_object(marks)) {
        json_t *o = json_is_object(after) ? json_deep_copy(after) : json_object();
        json_object_foreach(marks, k, v)
            json_object_set_new(o, k, merge_unknown(json_object_get(after, k), v));
        return o;
    }
    if (json_is_array(marks)) {
        json_t *a = json_array();
        for (i = 0; i < json_array_size(marks); i++)
            json_array_append_new(a, merge_unknown(json_array_get(after, i),
                                                   json_array_get(marks, i)));
        return a;
    }
    return after ? json_deep_copy(after) : json_null();
}

static void print_value(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    char *p, *q;

    /* "\u0001unknown" -> (unknown) */
    for (p = q = s; *p;) {
        if (strncmp(p, "\"\\u0001unknown\"", 15) == 0) {
            memcpy(q, "(unknown)", 9);
            q += 9;
            p += 15;
        } else {
            *q++ = *p++;
        }
    }
    *q = '\0';
    fputs(s, stdout);
    free(s);
}

static void summary(json_t *plan)
{
    json_t *changes = json_object_get(plan, "resource_changes"), *rc, *outs, *o;
    const char *name;
    size_t i;

    json_array_foreach(changes, i, rc) {
        json_t *change = json_object_get(rc, "change");
        json_t *m = merge_unknown(json_object_get(change, "after"),
                                  json_object_get(change, "after_unknown"));
        printf("%s ", json_string_value(json_object_get(rc, "address")));
        print_value(m);
        putchar('\n');
        json_decref(m);
    }
    outs = json_object_get(plan, "output_changes");
    json_object_foreach(outs, name, o) {
        json_t *m = merge_unknown(json_object_get(o, "after"), json_object_get(o, "after_unknown"));
        printf("output.%s = ", name);
        print_value(m);
        putchar('\n');
        json_decref(m);
    }
}

static void print_location(const char *path, const struct srcloc *loc, void *arg)
{
    (void)arg;
    printf("%s %s:%d:%d\n", path, loc->file, loc->line, loc->col);
}

int main(int argc, char **argv)
{
    struct hcl_options opts;
    struct hcl_result res;
    const char *mode = "--summary", *dir = NULL;
    const char **vars = calloc((size_t)argc, sizeof(*vars));
    const char **files = calloc((size_t)argc, sizeof(*files));
    int i;

    memset(&opts, 0, sizeof(opts));
    opts.vars = vars;
    opts.var_files = files;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--var") == 0 && i + 1 < argc)
            vars[opts.nvars++] = argv[++i];
        else if (strcmp(argv[i], "--var-file") == 0 && i + 1 < argc)
            files[opts.nvar_files++] = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            mode = argv[i];
        else
            dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "usage: hcl_dump [--var N=V] [--var-file F] [--summary|--json|"
                        "--locations|--config] DIR\n");
        return 2;
    }
    if (hcl_load(dir, &opts, &res) == 0) {
        if (strcmp(mode, "--json") == 0) {
            json_dumpf(res.plan, stdout, JSON_INDENT(1));
            putchar('\n');
        } else if (strcmp(mode, "--config") == 0) {
            json_dumpf(json_object_get(json_object_get(res.plan, "configuration"), "root_module"),
                       stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
            putchar('\n');
        } else if (strcmp(mode, "--load") == 0) {
            /* loaded: nothing to print */
        } else if (strcmp(mode, "--locations") == 0) {
            hcl_locations_each(&res, print_location, NULL);
        } else if (strncmp(mode, "--locate=", 9) == 0) {
            struct srcloc loc;
            if (hcl_locate(&res, mode + 9, &loc))
                printf("%s:%d:%d\n", loc.file, loc.line, loc.col);
            else
                printf("not found\n");
        } else {
            summary(res.plan);
        }
        hcl_result_free(&res);
    }
    free(vars);
    free(files);
    return diag_status();
}
