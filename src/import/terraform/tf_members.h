/*
 * tf_members.h - groups, VPCs, names of CIDRs and prefix lists, and the
 * members of groups (tf_members.c).
 */
#ifndef SGMAP_TF_MEMBERS_H
#define SGMAP_TF_MEMBERS_H

#include "tf_refs.h"

/* A resource type that holds groups (the membership table). */
struct member_type;

void tf_read_group(struct tf_ctx *c, const struct tf_res *r);
void tf_group_vpc_from_config(struct tf_ctx *c, const struct tf_res *r);
void tf_read_vpc(struct tf_ctx *c, const struct tf_res *r);
void tf_read_names(struct tf_ctx *c, const struct tf_res *r);
const struct member_type *tf_member_type_of(const char *type);
void tf_read_member(struct tf_ctx *c, const struct tf_res *r, const struct member_type *t);
/* aws_network_interface_sg_attachment: one more group on one interface. */
void tf_read_sg_attachment(struct tf_ctx *c, const struct tf_res *r);
/* Put ifc in every group of l (conditional when the ref or cond is). */
void tf_add_memberships(struct tf_ctx *c, struct iface *ifc, const struct idlist *l, int cond);

#endif
