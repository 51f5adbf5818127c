/*
 * cfn_members.h - the members of groups (cfn_members.c).
 */
#ifndef SGMAP_CFN_MEMBERS_H
#define SGMAP_CFN_MEMBERS_H

#include "cfn_resources.h"

/* What launch templates feed, which instance each ENI is attached to. */
void cfn_mark_members(struct cfn *c);
/* One member per resource of c that holds groups. */
void cfn_import_members(struct cfn *c);

#endif
