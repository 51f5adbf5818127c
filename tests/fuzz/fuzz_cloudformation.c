/*
 * fuzz_cloudformation.c - libFuzzer target for the cloudformation importer: any bytes, read as
 * that format (forced, as with --from cloudformation), then the model is finished,
 * drawn as DOT and JSON and linted in memory (see fuzz_common.h).
 */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_stderr();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_import(data, size, FORMAT_CLOUDFORMATION, 1);
}
