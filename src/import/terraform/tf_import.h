/*
 * tf_import.h - reading one Terraform state or plan (import_terraform.c),
 * for the plan reader (tf_plan.c) and the configuration reader
 * (import_tf_source.c).
 */
#ifndef SGMAP_TF_IMPORT_H
#define SGMAP_TF_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "model.h"

struct import_session;

/*
 * Read one state or plan into m: data/len parsed here, or the document
 * parsed already (parsed, borrowed; data is then not read). s, when not
 * NULL, is the session that holds data (released once parsed). Returns 0,
 * or -1 after an error.
 */
int tf_import(struct import_session *s, struct model *m, const char *file, const char *data,
              size_t len, const json_t *parsed);

/* Where the value at a JSON path was written (json_reader.h's locate). */
typedef int tf_locate_fn(const void *arg, const char *path, struct srcloc *out);

/*
 * Read a plan-shaped document made from source text (a Terraform
 * configuration, hcl.h), borrowed, as tf_import() reads a parsed one; every
 * message and every group, rule and interface is located through locate
 * (FILE:LINE:COL of the source) instead of by JSON path.
 */
int tf_import_located(struct model *m, const char *file, const json_t *doc,
                      tf_locate_fn *locate, const void *arg);

#endif
