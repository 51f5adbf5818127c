/*
 * aws_kinds.h - what sgmap knows of AWS services: one table from each
 * resource or service to the kind of interface it is drawn as and the
 * short service name its labels carry, with the names each input family
 * gives it (a CloudFormation resource type, a Terraform resource type, the
 * InterfaceType or RequesterId of its ENIs in AWS CLI output). Every
 * importer asks this table, so the same resource is the same kind from
 * every input: DocumentDB, Neptune and Aurora clusters are "rds".
 */
#ifndef SGMAP_AWS_KINDS_H
#define SGMAP_AWS_KINDS_H

#include "model.h"

struct aws_kind {
    enum iface_kind kind;
    const char *service;   /* label prefix ("docdb"), or NULL when the kind says it */
    const char *cfn_type;  /* "AWS::DocDB::DBCluster", or NULL */
    const char *tf_type;   /* "aws_docdb_cluster", or NULL */
    const char *eni_type;  /* its ENIs' InterfaceType or RequesterId, or NULL */
    const char *eni_label; /* the label of such an ENI, or NULL */
};

/* The row of a CloudFormation / Terraform resource type, or NULL. */
const struct aws_kind *aws_kind_by_cfn(const char *type);
const struct aws_kind *aws_kind_by_tf(const char *type);
/* The row of an ENI's InterfaceType or RequesterId, or NULL. */
const struct aws_kind *aws_kind_by_eni(const char *type);

#endif
