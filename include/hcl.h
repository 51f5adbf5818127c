/*
 * hcl.h - reading a Terraform configuration folder (*.tf, *.tf.json) into a
 * plan-shaped JSON document, without Terraform and without credentials.
 *
 * hcl_load() parses every *.tf and *.tf.json file of a folder (name order),
 * evaluates it as Terraform would at plan time (variables, tfvars, locals,
 * count, for_each, dynamic blocks, local modules, built-in functions) and
 * returns the document `terraform show -json PLAN` would print for it, as
 * far as the configuration alone can tell:
 *
 *   planned_values.root_module    resources with their known values (values
 *                                 unknown until apply are left out, or null
 *                                 inside lists), child_modules per instance
 *   resource_changes[]            change.after / change.after_unknown
 *   configuration.root_module     resources with expressions and their
 *                                 references, module_calls, outputs
 *
 * Unknown values are never invented: data sources, the attributes AWS
 * assigns (ids, ARNs), the outputs of a module that is not a local folder
 * (a stub: its call keeps its source, with a note). References through
 * locals are written as the references of the local's expression, so that
 * the plan reader can follow them (Terraform writes "local.x").
 *
 * Beside the document, a location table maps the JSON path of each resource,
 * attribute and nested block in planned_values (the path the plan reader
 * reports, e.g. "planned_values.root_module.resources[3].values.ingress[0]"),
 * and of each module call in the configuration, to FILE:LINE:COL
 * (hcl_locate()).
 *
 * Errors are reported with diag_error() at FILE:LINE:COL (JSON files: at
 * their line:col too); every file is parsed before any is evaluated so that
 * one bad file does not hide another's errors.
 */
#ifndef SGMAP_HCL_H
#define SGMAP_HCL_H

#include <jansson.h>
#include <stddef.h>

/* Limits: beyond them the input is refused with a clear error (exit 3). */
#define HCL_MAX_NESTING 128        /* brackets, blocks, templates, calls */
#define HCL_MAX_MODULE_DEPTH 16    /* local modules calling local modules */
#define HCL_MAX_INSTANCES 10000    /* count / for_each of one block */
#define HCL_MAX_ELEMENTS 1000000   /* one list, set, map or for expression */
#define HCL_MAX_STRING (16u << 20) /* one string value, in bytes */
#define HCL_MAX_WORK 20000000ul    /* values and bytes made by one load */
#define HCL_MAX_FILE_BYTES (64u << 20)

/* What the command line adds: --var NAME=VALUE and --var-file FILE, in the
 * order given (later ones win, after terraform.tfvars and *.auto.tfvars). */
struct hcl_options {
    const char **vars; /* "NAME=VALUE" */
    size_t nvars;
    const char **var_files;
    size_t nvar_files;
};

/*
 * The document lives in memory of its own (jansson's allocation is pointed
 * at it while it is built): read it, copy from it, but never json_decref()
 * it; hcl_result_free() releases it and the location table at once.
 */
struct hcl_mem;

struct hcl_result {
    json_t *plan;        /* the plan-shaped document (NULL after errors) */
    struct hcl_mem *mem; /* where it lives, and the location table */
};

/*
 * Load the configuration in folder dir (display names of files are dir/NAME).
 * Returns 0 and fills *out (free it with hcl_result_free()), or -1 after
 * reporting every error found (out is then empty).
 */
int hcl_load(const char *dir, const struct hcl_options *opts, struct hcl_result *out);
/* Release the document of a successful hcl_load(). */
void hcl_result_free(struct hcl_result *r);

/* Where the value at JSON path path (as the plan reader reports it) was
 * written: 1 and *out filled (file, line, col; the file name lives as long
 * as r), or 0 when the path is not in the table. A path below a located one
 * (".cidr_blocks[1]" below ".cidr_blocks") gets the enclosing location. */
struct srcloc;
int hcl_locate(const struct hcl_result *r, const char *path, struct srcloc *out);
/* Every location in document order: fn(path, location, arg). */
typedef void hcl_location_fn(const char *path, const struct srcloc *loc, void *arg);
void hcl_locations_each(const struct hcl_result *r, hcl_location_fn *fn, void *arg);

/* Is path a folder holding at least one *.tf or *.tf.json file? */
int hcl_is_config_dir(const char *path);

#endif
