/*
 * tf_rules.h - the rules of groups (tf_rules.c): inline blocks, rule
 * resources and the SSH access of EKS node groups.
 */
#ifndef SGMAP_TF_RULES_H
#define SGMAP_TF_RULES_H

#include "tf_internal.h"

/* Inline ingress/egress blocks of an aws_security_group. */
void tf_read_inline_rules(struct tf_ctx *c, const struct tf_res *r);
/* aws_security_group_rule */
void tf_read_sg_rule(struct tf_ctx *c, const struct tf_res *r);
/* aws_vpc_security_group_ingress_rule / _egress_rule */
void tf_read_vpc_sg_rule(struct tf_ctx *c, const struct tf_res *r, enum direction dir);
/*
 * aws_eks_node_group remote_access: EKS opens SSH (tcp/22) to the nodes in
 * a group it creates for them (resources[0].remote_access_security_group_id
 * once applied), from source_security_group_ids, or, when only ec2_ssh_key
 * is given, from anywhere (0.0.0.0/0, as the provider documents). The node
 * group is drawn as a member of that group and the sources as its ingress
 * rules. Before apply the group has no id: "ADDRESS.remote_access" stands
 * for it. The cluster security group EKS also puts the nodes in is not in
 * the node group's attributes, so it is not guessed.
 */
void tf_read_node_group(struct tf_ctx *c, const struct tf_res *r);

#endif
