/*
 * tf_flatmap.h - Terraform state v3 flatmap attributes into nested JSON
 * (tf_flatmap.c).
 */
#ifndef SGMAP_TF_FLATMAP_H
#define SGMAP_TF_FLATMAP_H

#include "tf_internal.h"

/*
 * Turn state v3 flatmap attributes ({"ingress.#": "1", "ingress.123.from_port":
 * "22", "tags.%": "1", "tags.Name": "web"}) into the nested JSON state v4
 * would hold. Returns a new reference, or NULL after an error (reported).
 */
json_t *tf_flatmap_expand(struct tf_ctx *c, const json_t *flat);

#endif
