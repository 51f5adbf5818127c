/*
 * tf_plan.c - one Terraform plan read once into the two models sgmap diff
 * compares (import_terraform_plan(), see importer.h): its prior state and
 * its planned values, and the prior resource ids by address.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "importer.h"
#include "strmap.h"
#include "tf_import.h"
#include "xalloc.h"

/* Deepest Terraform module nesting walked for prior-state addresses. */
#define TF_PLAN_MAX_MODULE_DEPTH 64

/* Map each prior-state resource id to its address (a plan names a resource
 * it will create or replace by its address), keys and values kept in m. */
static void plan_aliases(struct model *m, struct strmap *aliases, const json_t *module,
                         int depth)
{
    const json_t *list, *item;
    size_t i;

    if (!json_is_object(module) || depth > TF_PLAN_MAX_MODULE_DEPTH)
        return;
    list = json_object_get(module, "resources");
    json_array_foreach(list, i, item) {
        const json_t *address = json_object_get(item, "address");
        const json_t *mode = json_object_get(item, "mode");
        const json_t *id = json_object_get(json_object_get(item, "values"), "id");
        if (!json_is_string(address) || !json_is_string(id) ||
            (json_is_string(mode) && strcmp(json_string_value(mode), "managed") != 0))
            continue;
        strmap_put(aliases, model_strdup(m, json_string_value(id)),
                   (void *)model_strdup(m, json_string_value(address)));
    }
    list = json_object_get(module, "child_modules");
    json_array_foreach(list, i, item)
        plan_aliases(m, aliases, item, depth + 1);
}

/* Is doc a plan (terraform show -json PLAN)? */
static int is_plan(const json_t *doc)
{
    return json_is_object(doc) &&
           (json_object_get(doc, "planned_values") || json_object_get(doc, "resource_changes"));
}

/* The planned values into after, the prior state into before. */
static int read_plan(const char *name, const char *data, size_t len, const json_t *doc,
                     struct model *before, struct model *after, struct strmap *aliases)
{
    const json_t *prior = json_object_get(doc, "prior_state");
    const char *file = model_strdup(after, name);

    if (tf_import(NULL, after, file, data, len, doc) < 0 ||
        import_check_counts(after, file) < 0 || model_finish(after) < 0)
        return -1;
    if (json_is_object(prior)) {
        char *label = xasprintf("%s (prior_state)", name);
        const char *pname = model_strdup(before, label);
        free(label);
        if (tf_import(NULL, before, pname, NULL, 0, prior) < 0 ||
            import_check_counts(before, pname) < 0)
            return -1;
        plan_aliases(before, aliases,
                     json_object_get(json_object_get(prior, "values"), "root_module"), 0);
    }
    return model_finish(before);
}

int import_terraform_plan(const char *path, struct model **before, struct model **after,
                          struct strmap *aliases)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    struct model *b = model_new(), *a = model_new();
    char *raw, *data;
    size_t rawlen, len;
    json_t *doc;
    json_error_t err;
    int rc = -1;

    if (import_read(path, model_strdup(a, name), &raw, &rawlen) < 0)
        goto done;
    data = import_decode(model_strdup(a, name), raw, rawlen, &len);
    free(raw);
    if (!data)
        goto done;
    doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (is_plan(doc)) {
        rc = read_plan(name, data, len, doc, b, a, aliases);
    } else {
        /* Let the importers say what is wrong with it, if anything. */
        rc = import_input(a, name, data, len, FORMAT_AUTO) < 0 ? -1 : 1;
    }
    json_decref(doc);
    free(data);
done:
    if (rc == 0) {
        *before = b;
        *after = a;
    } else {
        model_free(a);
        model_free(b);
    }
    return rc;
}
