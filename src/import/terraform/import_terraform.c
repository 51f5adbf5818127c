/*
 * import_terraform.c - the Terraform importer: reading a state or plan
 * (import_terraform()), detection, and its row of the registry.
 *
 * Four shapes of input are read into one list of resource records (struct
 * tf_res), which tf_resources.c then turns into the model:
 *
 *   raw state v4   {"version": 4, "resources": [{module?, mode, type, name,
 *                   instances: [{index_key?, attributes}]}]}
 *   raw state v3   {"version": 3, "modules": [{path, resources: {"TYPE.NAME":
 *                   {primary: {attributes: {flatmap strings}}}}}]}
 *   show -json     {"values": {"root_module": {resources, child_modules}}}
 *   plan JSON      {"planned_values": {...}, "configuration": {...}}
 *
 * Syntax errors are reported with line:col, shape errors with the JSON
 * path of the value (see json_reader.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "importer.h"
#include "strmap.h"
#include "tf_address.h"
#include "tf_build.h"
#include "tf_config.h"
#include "tf_flatmap.h"
#include "tf_import.h"
#include "tf_internal.h"
#include "xalloc.h"

/* Deepest module nesting read (child_modules, module paths). */
#define TF_MAX_MODULE_DEPTH 64

/* ===== Resource records ===== */

/* Append an instance key: [3] or ["key"] (quotes and backslashes escaped). */
static void add_index_key(struct tf_ctx *c, struct strbuf *sb, const json_t *key)
{
    const char *s;

    if (!key || json_is_null(key))
        return;
    if (json_is_integer(key)) {
        strbuf_addf(sb, "[%lld]", (long long)json_integer_value(key));
        return;
    }
    if (!json_is_string(key)) {
        jr_error(&c->jr, "index_key", "expected a number or a string, got %s", jr_type_name(key));
        return;
    }
    strbuf_addstr(sb, "[\"");
    for (s = json_string_value(key); *s; s++) {
        if (*s == '"' || *s == '\\')
            strbuf_addch(sb, '\\');
        strbuf_addch(sb, *s);
    }
    strbuf_addstr(sb, "\"]");
}

static void add_record(struct tf_ctx *c, const char *address, const char *module,
                       const char *type, int data, const json_t *values, int flatmap)
{
    struct tf_res *r;
    size_t back;

    if (!values)
        return;
    if (!json_is_object(values)) {
        jr_error(&c->jr, NULL, "expected an object, got %s", jr_type_name(values));
        return;
    }
    XGROW(c->res, c->res_alloc, c->nres + 1);
    r = &c->res[c->nres++];
    r->address = model_strdup(c->jr.m, address);
    r->module = model_strdup(c->jr.m, module);
    r->type = model_strdup(c->jr.m, type);
    r->data = data;
    r->flatmap = flatmap;
    r->values = values;
    back = c->jr.path.len;
    r->path = model_strndup(c->jr.m, c->jr.path.buf, c->jr.path.len);
    jr_pop(&c->jr, back);
}

/* "managed" (or absent) -> 0, "data" -> 1, anything else -> -1 (skipped). */
static int read_mode(struct tf_ctx *c, const json_t *obj)
{
    const char *mode = jr_str(&c->jr, obj, "mode");
    if (!mode || strcmp(mode, "managed") == 0)
        return 0;
    if (strcmp(mode, "data") == 0)
        return 1;
    return -1;
}

/* obj[key], a string that must be there: NULL after reporting it missing. */
static const char *need_str(struct tf_ctx *c, const json_t *obj, const char *key)
{
    const char *s = jr_str(&c->jr, obj, key);
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;

    if (s || c->jr.failed || !obj)
        return s;
    if (!v)
        jr_error(&c->jr, key, "expected a string, found none");
    else if (json_is_null(v))
        jr_error(&c->jr, key, "expected a string, got null");
    else
        jr_error(&c->jr, key, "expected a non-empty string, got ''");
    return NULL;
}

/* ===== Raw state v4 ===== */

static void read_state_v4(struct tf_ctx *c, const json_t *doc, json_t *keep)
{
    json_t *resources = jr_arr(&c->jr, doc, "resources");
    size_t i, j, back;

    if (!resources)
        return;
    back = jr_push_key(&c->jr, "resources");
    for (i = 0; i < json_array_size(resources) && !c->jr.failed; i++) {
        json_t *res = tf_elem_obj(c, resources, i);
        size_t b2 = jr_push_index(&c->jr, i);
        const char *module = jr_str(&c->jr, res, "module");
        const char *type = need_str(c, res, "type");
        const char *name = need_str(c, res, "name");
        int data = read_mode(c, res);
        json_t *instances = jr_arr(&c->jr, res, "instances");
        struct strbuf prefix = STRBUF_INIT;

        if (module)
            strbuf_addf(&prefix, "%s.", module);
        if (!c->jr.failed && res && type && name && data >= 0 && instances) {
            size_t b3 = jr_push_key(&c->jr, "instances");
            for (j = 0; j < json_array_size(instances) && !c->jr.failed; j++) {
                json_t *inst = tf_elem_obj(c, instances, j);
                size_t b4 = jr_push_index(&c->jr, j);
                struct strbuf addr = STRBUF_INIT;
                json_t *attrs = jr_obj(&c->jr, inst, "attributes");

                strbuf_addf(&addr, "%s%s%s.%s", prefix.buf, data ? "data." : "", type, name);
                add_index_key(c, &addr, json_object_get(inst, "index_key"));
                if (inst && !attrs && !c->jr.failed && !jr_obj(&c->jr, inst, "attributes_flat")) {
                    /* Every instance Terraform writes has one or the other. */
                    if (!c->jr.failed)
                        jr_error(&c->jr, "attributes", "expected an object, %s",
                                 json_object_get(inst, "attributes") ? "got null" : "found none");
                } else if (!attrs && !c->jr.failed && inst) {
                    /* Upgraded from v3 but not yet refreshed: still flatmap. */
                    size_t b5 = jr_push_key(&c->jr, "attributes_flat");
                    json_t *nested = tf_flatmap_expand(c, json_object_get(inst, "attributes_flat"));
                    if (nested) {
                        json_array_append_new(keep, nested);
                        add_record(c, addr.buf, prefix.buf, type, data, nested, 1);
                    }
                    jr_pop(&c->jr, b5);
                } else if (attrs && !c->jr.failed) {
                    size_t b5 = jr_push_key(&c->jr, "attributes");
                    add_record(c, addr.buf, prefix.buf, type, data, attrs, 0);
                    jr_pop(&c->jr, b5);
                }
                strbuf_release(&addr);
                jr_pop(&c->jr, b4);
            }
            jr_pop(&c->jr, b3);
        }
        strbuf_release(&prefix);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

/* ===== Raw state v3 ===== */

/* "aws_instance.web.0" -> type aws_instance, address aws_instance.web[0]. */
static void read_v3_resource(struct tf_ctx *c, const char *key, const json_t *res,
                             const char *prefix, json_t *keep)
{
    struct strbuf addr = STRBUF_INIT, type = STRBUF_INIT;
    const char *p = key, *dot;
    int data = 0;
    json_t *primary, *attrs, *nested;

    if (!json_is_object(res)) {
        jr_error(&c->jr, NULL, "expected an object, got %s", jr_type_name(res));
        return;
    }
    if (strncmp(p, "data.", 5) == 0) {
        data = 1;
        p += 5;
    }
    dot = strchr(p, '.');
    if (!dot || dot == p || !dot[1])
        return; /* not TYPE.NAME: nothing sgmap can use */
    strbuf_add(&type, p, (size_t)(dot - p));
    strbuf_addf(&addr, "%s%s%s.", prefix, data ? "data." : "", type.buf);
    p = dot + 1;
    dot = strchr(p, '.');
    if (dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1)) {
        strbuf_add(&addr, p, (size_t)(dot - p));
        strbuf_addf(&addr, "[%s]", dot + 1);
    } else {
        strbuf_addstr(&addr, p);
    }
    primary = jr_obj(&c->jr, res, "primary");
    if (primary) {
        size_t back = jr_push_key(&c->jr, "primary");
        attrs = jr_obj(&c->jr, primary, "attributes");
        if (attrs) {
            size_t b2 = jr_push_key(&c->jr, "attributes");
            nested = tf_flatmap_expand(c, attrs);
            if (nested) {
                json_array_append_new(keep, nested);
                add_record(c, addr.buf, prefix, type.buf, data, nested, 1);
            }
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
    strbuf_release(&addr);
    strbuf_release(&type);
}

static void read_state_v3(struct tf_ctx *c, const json_t *doc, json_t *keep)
{
    json_t *modules = jr_arr(&c->jr, doc, "modules");
    size_t i, j, back;

    if (!modules)
        return;
    back = jr_push_key(&c->jr, "modules");
    for (i = 0; i < json_array_size(modules) && !c->jr.failed; i++) {
        json_t *mod = tf_elem_obj(c, modules, i);
        size_t b2 = jr_push_index(&c->jr, i);
        json_t *path = jr_arr(&c->jr, mod, "path");
        json_t *resources = jr_obj(&c->jr, mod, "resources");
        struct strbuf prefix = STRBUF_INIT;
        const char *key;
        json_t *res;

        /* path is ["root", "a", "b"]: module.a.module.b. */
        for (j = 1; path && j < json_array_size(path) && !c->jr.failed; j++) {
            size_t b3 = jr_push_key(&c->jr, "path");
            const char *seg = jr_elem_str(&c->jr, path, j);
            jr_pop(&c->jr, b3);
            if (seg)
                strbuf_addf(&prefix, "module.%s.", seg);
        }
        if (resources && !c->jr.failed) {
            size_t b3 = jr_push_key(&c->jr, "resources");
            json_object_foreach(resources, key, res) {
                size_t b4 = c->jr.path.len;
                strbuf_addf(&c->jr.path, "[\"%s\"]", key);
                read_v3_resource(c, key, res, prefix.buf, keep);
                jr_pop(&c->jr, b4);
                if (c->jr.failed)
                    break;
            }
            jr_pop(&c->jr, b3);
        }
        strbuf_release(&prefix);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

/* ===== show -json state and plan planned_values ===== */

/* Read one module of values; with data_only, only data sources whose
 * address is not in skip. */
static void read_module(struct tf_ctx *c, const json_t *mod, int depth, int data_only,
                        const struct strmap *skip)
{
    json_t *resources, *children;
    const char *maddr;
    struct strbuf prefix = STRBUF_INIT;
    size_t i, back;

    if (!mod)
        return;
    if (depth > TF_MAX_MODULE_DEPTH) {
        jr_error(&c->jr, NULL, "modules nested too deeply (more than %d)", TF_MAX_MODULE_DEPTH);
        return;
    }
    maddr = depth > 0 ? jr_str(&c->jr, mod, "address") : NULL;
    if (maddr)
        strbuf_addf(&prefix, "%s.", maddr);
    resources = jr_arr(&c->jr, mod, "resources");
    if (resources) {
        back = jr_push_key(&c->jr, "resources");
        for (i = 0; i < json_array_size(resources) && !c->jr.failed; i++) {
            json_t *res = tf_elem_obj(c, resources, i);
            size_t b2 = jr_push_index(&c->jr, i);
            const char *address = need_str(c, res, "address");
            const char *type = need_str(c, res, "type");
            int data = read_mode(c, res);
            json_t *values = jr_obj(&c->jr, res, "values");

            if (!c->jr.failed && address && type && values && data >= 0 &&
                (!data_only || (data && !strmap_get(skip, address)))) {
                size_t b3 = jr_push_key(&c->jr, "values");
                add_record(c, address, prefix.buf, type, data, values, 0);
                jr_pop(&c->jr, b3);
            }
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
    children = jr_arr(&c->jr, mod, "child_modules");
    if (children && !c->jr.failed) {
        back = jr_push_key(&c->jr, "child_modules");
        for (i = 0; i < json_array_size(children) && !c->jr.failed; i++) {
            json_t *child = tf_elem_obj(c, children, i);
            size_t b2 = jr_push_index(&c->jr, i);
            read_module(c, child, depth + 1, data_only, skip);
            jr_pop(&c->jr, b2);
        }
        jr_pop(&c->jr, back);
    }
    strbuf_release(&prefix);
}

/* values.root_module (show -json state) or planned_values.root_module (plan). */
static void read_values(struct tf_ctx *c, const json_t *doc, const char *key, int data_only,
                        const struct strmap *skip)
{
    json_t *values = jr_obj(&c->jr, doc, key);
    size_t back;

    if (!values)
        return;
    back = jr_push_key(&c->jr, key);
    {
        json_t *root = jr_obj(&c->jr, values, "root_module");
        size_t b2 = jr_push_key(&c->jr, "root_module");
        read_module(c, root, 0, data_only, skip);
        jr_pop(&c->jr, b2);
    }
    jr_pop(&c->jr, back);
}

static void read_plan(struct tf_ctx *c, const json_t *doc)
{
    json_t *config = jr_obj(&c->jr, doc, "configuration");
    json_t *prior = jr_obj(&c->jr, doc, "prior_state");
    struct strmap *seen = strmap_new();
    size_t i;

    c->plan = 1;
    read_values(c, doc, "planned_values", 0, NULL);
    /* Data sources read before the plan are only in the prior state. */
    for (i = 0; i < c->nres; i++)
        if (c->res[i].data)
            strmap_put(seen, c->res[i].address, (void *)c->res[i].address);
    if (prior && !c->jr.failed) {
        size_t back = jr_push_key(&c->jr, "prior_state");
        read_values(c, prior, "values", 1, seen);
        jr_pop(&c->jr, back);
    }
    strmap_free(seen);
    if (config && !c->jr.failed) {
        json_t *root = json_object_get(config, "root_module");
        if (root && !json_is_object(root)) {
            size_t back = jr_push_key(&c->jr, "configuration");
            jr_error(&c->jr, "root_module", "expected an object, got %s", jr_type_name(root));
            jr_pop(&c->jr, back);
        }
        if (root) {
            size_t back = jr_push_key(&c->jr, "configuration");
            size_t b2 = jr_push_key(&c->jr, "root_module");
            tf_config_check(c, root);
            jr_pop(&c->jr, b2);
            jr_pop(&c->jr, back);
        }
        c->config = root;
    }
}

/*
 * format_version of show -json and plan output: "0.1" to "1.2" are known.
 * A later minor version only adds fields; a later major version may change
 * what sgmap reads, so it is read as 1.x with a warning.
 */
static void check_format_version(struct tf_ctx *c, const json_t *doc)
{
    const char *v = jr_str(&c->jr, doc, "format_version");
    char *end;
    long major;

    if (!v)
        return;
    major = strtol(v, &end, 10);
    if (end == v || (*end && *end != '.')) {
        jr_error(&c->jr, "format_version", "expected a version such as '1.2', got '%s'", v);
        return;
    }
    if (major > 1) {
        struct srcloc loc = jr_loc(&c->jr, "format_version");
        diag_warning(&loc, "expected format version 0.x or 1.x, got %s: read as 1.x, which "
                           "may miss or misread what changed", v);
    }
}

/* ===== Parsing ===== */

/* Which shape the document has, and read it. */
static void read_document(struct tf_ctx *c, const json_t *doc, json_t *keep)
{
    struct srcloc loc = {c->jr.file, 0, 0, NULL};
    json_t *version = json_object_get(doc, "version");

    if (json_object_get(doc, "planned_values") || json_object_get(doc, "resource_changes") ||
        json_object_get(doc, "configuration")) {
        check_format_version(c, doc);
        read_plan(c, doc);
    } else if (json_object_get(doc, "values") || json_object_get(doc, "format_version")) {
        check_format_version(c, doc);
        read_values(c, doc, "values", 0, NULL);
    } else if (version && json_is_integer(version) && json_integer_value(version) == 4) {
        read_state_v4(c, doc, keep);
    } else if (version && json_is_integer(version) && json_integer_value(version) == 3) {
        read_state_v3(c, doc, keep);
    } else if (version && json_is_integer(version)) {
        diag_error(&loc, "Terraform state version %lld is not supported (expected 3 or 4)",
                   (long long)json_integer_value(version));
        c->jr.failed = 1;
    } else if (version) {
        jr_error(&c->jr, "version", "expected a number, got %s", jr_type_name(version));
    } else if (json_object_get(doc, "resources")) {
        read_state_v4(c, doc, keep);
    } else if (json_object_get(doc, "modules")) {
        read_state_v3(c, doc, keep);
    } else {
        diag_error(&loc, "not a Terraform state or plan (no resources, values or "
                         "planned_values)");
        c->jr.failed = 1;
    }
}

/*
 * Terraform states and plans are JSON. Refuse, in Terraform's terms, an
 * empty file and HCL configuration (a .tf file saved as .tfstate, or given
 * by mistake) before the JSON parser reports a bare syntax error.
 */
static int looks_like_json(struct tf_ctx *c, const char *data, size_t len)
{
    static const char *const hcl[] = {"resource", "data", "provider", "terraform", "module",
                                      "variable", "output", "locals"};
    struct srcloc loc = {c->jr.file, 0, 0, NULL};
    size_t i = 0, n, k;

    while (i < len && strchr(" \t\r\n", data[i]) && data[i])
        i++;
    if (i == len) {
        diag_error(&loc, "expected a Terraform state or plan (JSON), got %s",
                   len ? "only white space" : "an empty file");
        return 0;
    }
    /* HCL comments (# and // to the end of the line, block comments) before
     * the first block; JSON has none. */
    while (i < len && (data[i] == '#' || (data[i] == '/' && i + 1 < len &&
                                          (data[i + 1] == '/' || data[i + 1] == '*')))) {
        const char *end = data[i] == '/' && data[i + 1] == '*' ? strstr(data + i + 2, "*/")
                                                                : strchr(data + i, '\n');
        i = end ? (size_t)(end - data) + (*end == '*' ? 2 : 1) : len;
        while (i < len && strchr(" \t\r\n", data[i]) && data[i])
            i++;
    }
    for (k = 0; k < i; k++) {
        if (data[k] == '\n') {
            loc.line++;
            loc.col = 0;
        } else {
            loc.col++;
        }
    }
    loc.line++;
    loc.col++;
    n = 0;
    while (i + n < len && ((data[i + n] >= 'a' && data[i + n] <= 'z') || data[i + n] == '_'))
        n++;
    for (k = 0; n > 0 && k < sizeof(hcl) / sizeof(hcl[0]); k++) {
        if (strlen(hcl[k]) == n && memcmp(data + i, hcl[k], n) == 0 && i + n < len &&
            data[i + n] && strchr(" \t\"{", data[i + n])) {
            diag_error(&loc, "expected a Terraform state or plan (JSON), got Terraform "
                             "configuration (HCL, '%s' block): draw its state or `terraform "
                             "show -json` output instead", hcl[k]);
            return 0;
        }
    }
    return 1;
}

int tf_import(struct import_session *s, struct model *m, const char *file, const char *data,
              size_t len, const json_t *parsed)
{
    struct tf_ctx c;
    json_error_t err;
    json_t *doc = NULL, *keep = json_array();
    const json_t *top = parsed;

    memset(&c, 0, sizeof(c));
    jr_init(&c.jr, m, file);
    c.flat_segs = json_object();

    if (parsed) {
        /* Already parsed (a plan's prior state). */
    } else if (!looks_like_json(&c, data, len)) {
        c.jr.failed = 1;
    } else if (!(doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err))) {
        jr_syntax_error(&c.jr, data, len, (size_t)err.position, &err);
    } else {
        top = doc;
        /* Parsed: jansson holds copies of every string. */
        if (s)
            import_session_release_input(s);
    }
    if (top && !json_is_object(top)) {
        struct srcloc loc = {file, 0, 0, NULL};
        diag_error(&loc, "expected a Terraform state or plan object, got %s",
                   jr_type_name(top));
        c.jr.failed = 1;
    } else if (top) {
        read_document(&c, top, keep);
    }
    if (!c.jr.failed)
        tf_build(&c);

    json_decref(doc);
    json_decref(keep);
    json_decref(c.flat_segs);
    free(c.res);
    jr_release(&c.jr);
    return c.jr.failed ? -1 : 0;
}

static int import_terraform(struct import_session *s, const char *file, const char *data,
                            size_t len)
{
    return tf_import(s, import_session_model(s), file, data, len, NULL);
}

/* JSON with a state's or a plan's keys; else a file named *.tfstate (this
 * importer says what is wrong with it: empty, HCL, not a state). */
static enum import_claim tf_detect(const char *file, const char *data, size_t len)
{
    size_t i = 0, n = strlen(file);

    while (i < len && strchr(" \t\r\n", data[i]) && data[i])
        i++;
    if (i < len && (data[i] == '{' || data[i] == '[') &&
        (strstr(data, "\"terraform_version\"") ||
         (strstr(data, "\"lineage\"") && strstr(data, "\"resources\"")) ||
         (strstr(data, "\"version\"") && strstr(data, "\"resources\""))))
        return CLAIM_CONTENT;
    return n > 8 && strcmp(file + n - 8, ".tfstate") == 0 ? CLAIM_NAME : CLAIM_NONE;
}

static const char *const tf_exts[] = {".json", ".tfstate", NULL};

const struct importer importer_terraform = {
    "terraform", tf_exts, tf_detect, import_terraform, NULL, NULL,
};
