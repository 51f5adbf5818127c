/*
 * tf_net.h - the network context of Terraform inputs (tf_net.c): NACLs,
 * route tables, internet gateways and public addresses.
 */
#ifndef SGMAP_TF_NET_H
#define SGMAP_TF_NET_H

#include "tf_internal.h"

/* Pass 1: the ids of NACLs, route tables and gateways by address, and the
 * subnets that give instances a public address at launch. */
void tf_index_net(struct tf_ctx *c, const struct tf_res *r);
/* Pass 2: a NACL, route table or gateway; 0 when r is none. */
int tf_read_net_object(struct tf_ctx *c, const struct tf_res *r);
/* Pass 4 (after the members): what refers to them (entries, routes,
 * associations, attachments) and public addresses; 0 when r is none. */
int tf_read_net_link(struct tf_ctx *c, const struct tf_res *r);

#endif
