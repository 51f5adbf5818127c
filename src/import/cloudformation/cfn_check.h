/*
 * cfn_check.h - the checks of a whole template (cfn_check.c).
 */
#ifndef SGMAP_CFN_CHECK_H
#define SGMAP_CFN_CHECK_H

#include "cfn_template.h"

/*
 * Walk the whole template once: warn about unknown tags, malformed
 * intrinsic functions (wrong arguments) and conditions that 'Conditions'
 * does not define, each at its line:col.
 */
void cfn_check(struct cfn *c);

#endif
