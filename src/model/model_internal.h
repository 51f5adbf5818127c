/*
 * model_internal.h - what model.c shares with network.c inside src/model/.
 */
#ifndef SGMAP_MODEL_INTERNAL_H
#define SGMAP_MODEL_INTERNAL_H

#include "model.h"

/* Release what the network context allocated outside the arena. */
void model_network_free(struct model *m);
/* Sort the network context and resolve each subnet's NACL and route table
 * (after the subnets are sorted). */
void model_network_finish(struct model *m);

#endif
