/*
 * cfn_resources.h - groups and their rules (cfn_resources.c).
 */
#ifndef SGMAP_CFN_RESOURCES_H
#define SGMAP_CFN_RESOURCES_H

#include "cfn_eval.h"

/*
 * The model id of the group a value names: a group of the templates, the
 * group AWS makes for an EKS cluster or a VPC, a literal GroupName of a
 * group, a parameter, an import, a literal id or the expression's text.
 * With create, the group is made now (undeclared) so that rules can see it.
 */
const char *cfn_group_of(struct cfn *c, const struct cfn_value *v, int create);
/* The model's VPC of this id (made, named by its id, at node at). */
const char *cfn_vpc(struct cfn *c, const char *id, const struct ynode *at);
/* Declare every AWS::EC2::SecurityGroup of c. */
void cfn_declare_groups(struct cfn *c);
/* The rules of every group and rule resource of c. Returns 0 or -1. */
int cfn_import_rules(struct cfn *c);
/* Default egress for c's groups without egress rules (after every template). */
void cfn_default_egress(struct cfn *c);
/* The AWS default egress rule of g, marked conditional when it is. */
void cfn_add_default_egress(struct cfn *c, struct group *g, int conditional);

/* The group AWS makes for an EKS cluster (ClusterSecurityGroupId) or a VPC
 * (DefaultSecurityGroup), made on first use; NULL for other attributes. */
const char *cfn_aws_group(struct cfn_resource *r, const char *attr);

#endif
