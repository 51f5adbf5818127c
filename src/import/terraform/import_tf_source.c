/*
 * import_tf_source.c - the registry row for Terraform source: a folder of
 * *.tf and *.tf.json files read as one input (hcl.h turns it into the
 * document a plan would be), then through the Terraform plan reader
 * (tf_import_located()), so that a configuration and its plan give the
 * same groups and rules where the plan's values are known, and every
 * message and object points at the .tf line it came from.
 *
 * Also the --var / --var-file values the command line gives for every
 * configuration it reads (import_set_hcl_options()).
 */
#include <string.h>

#include "diag.h"
#include "hcl.h"
#include "importer.h"
#include "tf_import.h"

/* The command line's --var and --var-file (borrowed), or none. */
static const struct hcl_options *cli_options;

void import_set_hcl_options(const struct hcl_options *opts)
{
    cli_options = opts;
}

static int locate(const void *arg, const char *path, struct srcloc *out)
{
    return hcl_locate(arg, path, out);
}

static int tfsrc_read_folder(struct import_session *s, const char *dir, char *const *paths,
                             size_t npaths)
{
    static const struct hcl_options none;
    struct hcl_result r;
    size_t nres;
    int rc;

    (void)paths;
    (void)npaths;
    if (hcl_load(dir, cli_options ? cli_options : &none, &r) < 0)
        return -1;
    /* Size the model's tables for it once (growing them is costly). */
    nres = json_array_size(json_object_get(r.plan, "resource_changes"));
    model_expect(import_session_model(s), nres, nres, 2 * nres);
    rc = tf_import_located(import_session_model(s), dir, r.plan, locate, &r);
    hcl_result_free(&r);
    return rc < 0 ? -1 : import_check_counts(import_session_model(s), dir);
}

/*
 * One file on its own: Terraform reads every file of a folder together (a
 * variable declared in one, used in another), so one file is not a
 * configuration. Say which folder to give.
 */
static int tfsrc_read(struct import_session *s, const char *file, const char *data, size_t len)
{
    struct srcloc loc = {file, 0, 0, NULL};
    const char *slash = strrchr(file, '/');
    int n = slash ? (int)(slash - file) : 0;

    (void)s;
    (void)data;
    (void)len;
    if (slash)
        diag_error(&loc, "a Terraform configuration is a folder: give its folder, '%.*s' "
                         "(Terraform reads all its .tf files together)",
                   n ? n : 1, n ? file : "/");
    else
        diag_error(&loc, "a Terraform configuration is a folder: give its folder, '.' "
                         "(Terraform reads all its .tf files together)");
    return -1;
}

/* Named *.tf: nothing else is. *.tf.json: its content decides first (a
 * plan saved under that name is the plan reader's). */
static enum import_claim tfsrc_detect(const char *file, const char *data, size_t len)
{
    size_t n = strlen(file);

    (void)data;
    (void)len;
    if (n > 3 && strcmp(file + n - 3, ".tf") == 0)
        return CLAIM_SURE;
    if (n > 8 && strcmp(file + n - 8, ".tf.json") == 0)
        return CLAIM_NAME;
    return CLAIM_NONE;
}

static const char *const tfsrc_exts[] = {".tf", ".tf.json", NULL};

const struct importer importer_terraform_source = {
    "terraform-source", tfsrc_exts, tfsrc_detect, tfsrc_read, tfsrc_read_folder, NULL,
};
