/*
 * tf_address.h - Terraform resource addresses and their instance keys
 * (tf_address.c).
 */
#ifndef SGMAP_TF_ADDRESS_H
#define SGMAP_TF_ADDRESS_H

#include "model.h"

/* The length of the index ([3], ["key"], quoted keys may hold ']') that
 * starts at p, or 0 when none does. */
size_t tf_index_len(const char *p);
/* Remove every [...] index from an address; returns a model string. */
const char *tf_strip_indexes(struct model *m, const char *address);
/* Remove the instance key at the end of an address (module.m[0].x.y[1] ->
 * module.m[0].x.y), if any; returns a model string. */
const char *tf_strip_key(struct model *m, const char *address);

#endif
