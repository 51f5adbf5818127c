/*
 * tf_build.h - the resource records of one file into the model
 * (tf_resources.c).
 */
#ifndef SGMAP_TF_BUILD_H
#define SGMAP_TF_BUILD_H

#include "tf_internal.h"

/* Build the model from c->res: lookups first, then groups, members, rules. */
void tf_build(struct tf_ctx *c);

#endif
