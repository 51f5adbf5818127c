/*
 * fuzz_cloudformation.c - libFuzzer target for the cloudformation importer: any bytes, read as
 * that format (forced, as with --from cloudformation), then the model is finished,
 * drawn as DOT and JSON and linted in memory (see fuzz_common.h).
 */
#include "fuzz_common.h"

SGMAP_FUZZ_IMPORTER("cloudformation")
