/*
 * import_terraform.c - Terraform state (v4, v3), `terraform show -json`
 * state and plan JSON into the model. (Being written.)
 */
#include "diag.h"
#include "importer.h"

int import_terraform(struct model *m, const char *file, const char *data, size_t len)
{
    struct srcloc loc = {file, 0, 0, NULL};
    (void)m;
    (void)data;
    (void)len;
    diag_error(&loc, "Terraform input is not supported yet");
    return -1;
}
