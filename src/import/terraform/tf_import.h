/*
 * tf_import.h - reading one Terraform state or plan (import_terraform.c),
 * for the plan reader (tf_plan.c).
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

#endif
