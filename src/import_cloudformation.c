/*
 * import_cloudformation.c - CloudFormation and SAM templates, YAML or JSON,
 * into the model. (Being written.)
 */
#include "diag.h"
#include "importer.h"

int import_cloudformation(struct model *m, const char *file, const char *data, size_t len)
{
    struct srcloc loc = {file, 0, 0, NULL};
    (void)m;
    (void)data;
    (void)len;
    diag_error(&loc, "CloudFormation templates are not supported yet");
    return -1;
}
