/*
 * fuzz_hcl.c - libFuzzer target for the HCL reader (hcl.h): the bytes are a
 * small configuration folder, written to a scratch folder and loaded with
 * hcl_load(); a document that loads is then read by the Terraform importer
 * and drawn, linted and written as JSON in memory (fuzz_common.h), so that
 * whatever the reader produces must be a plan the plan reader accepts.
 *
 * The bytes are split at NUL bytes: the first part is the root module
 * (main.tf.json when it starts with '{', else main.tf), the second a local
 * module m/main.tf (source = "./m"), the third terraform.tfvars.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "hcl.h"

static char dir[64], path_tf[96], path_json[96], path_mod[96], path_vars[96], mod_dir[80];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_stderr();
    snprintf(dir, sizeof(dir), "%s/sgmap-fuzz-hcl-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir))
        abort();
    snprintf(path_tf, sizeof(path_tf), "%s/main.tf", dir);
    snprintf(path_json, sizeof(path_json), "%s/main.tf.json", dir);
    snprintf(mod_dir, sizeof(mod_dir), "%s/m", dir);
    snprintf(path_mod, sizeof(path_mod), "%s/m/main.tf", dir);
    snprintf(path_vars, sizeof(path_vars), "%s/terraform.tfvars", dir);
    mkdir(mod_dir, 0700);
    return 0;
}

/* Write data[0..n) to path, or remove path when absent. */
static void put(const char *path, const uint8_t *data, size_t n, int present)
{
    FILE *f;

    unlink(path);
    if (!present)
        return;
    f = fopen(path, "wb");
    if (!f)
        abort();
    if (n)
        fwrite(data, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *part[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0}, i, k = 0, start = 0;
    struct hcl_result res;
    char *text;

    if (size > 256 * 1024)
        return 0;
    for (i = 0; i <= size && k < 3; i++) {
        if (i == size || data[i] == '\0') {
            part[k] = data + start;
            len[k++] = i - start;
            start = i + 1;
        }
    }
    put(path_tf, part[0], len[0], len[0] == 0 || part[0][0] != '{');
    put(path_json, part[0], len[0], len[0] > 0 && part[0][0] == '{');
    put(path_mod, part[1], len[1], part[1] != NULL);
    put(path_vars, part[2], len[2], part[2] != NULL);
    if (hcl_load(dir, NULL, &res) == 0) {
        text = json_dumps(res.plan, JSON_COMPACT);
        if (text) {
            fuzz_import((const uint8_t *)text, strlen(text), "terraform", 1);
            free(text);
        }
        hcl_result_free(&res);
    }
    return 0;
}
