/*
 * cfn_net.h - the network context of CloudFormation templates (cfn_net.c).
 */
#ifndef SGMAP_CFN_NET_H
#define SGMAP_CFN_NET_H

#include "cfn_eval.h"

/* The NACLs, route tables, gateways and public addresses of c (after its
 * members). Returns 0, or -1 after an input error. */
int cfn_import_network(struct cfn *c);

#endif
