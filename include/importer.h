/*
 * importer.h - turning input files into the model.
 *
 * import_input() detects the format of one input from its content (never
 * from its name alone) unless one is forced, and hands it to that format's
 * importer. Every importer has the same contract:
 *
 *     int import_FORMAT(struct model *m, const char *file,
 *                       const char *data, size_t len);
 *
 * file is the display name (already copied into the model, so it may be kept
 * in srclocs); data is the whole input, NUL-terminated at data[len]. It adds
 * groups, rules, interfaces and names to m and returns 0, or reports through
 * diag_error() and returns -1. Importers never draw and never exit.
 */
#ifndef SGMAP_IMPORTER_H
#define SGMAP_IMPORTER_H

#include <stddef.h>

struct model;

enum input_format {
    FORMAT_AUTO,
    FORMAT_DESIGN,         /* sgmap design YAML */
    FORMAT_AWS,            /* AWS CLI / SDK describe-* JSON */
    FORMAT_TERRAFORM,      /* state, show -json, plan JSON */
    FORMAT_CLOUDFORMATION, /* templates, YAML or JSON */
};

/* Parse "design", "aws", "terraform", "cloudformation"; -1 if unknown. */
int input_format_parse(const char *name, enum input_format *out);
const char *input_format_name(enum input_format format);

/* Largest input accepted, in bytes. */
#define INPUT_MAX_BYTES (256u * 1024 * 1024)
/* Most objects all inputs together may hold: far above any real account
 * (2,500 groups per Region by default, 10,000 at most), low enough that
 * memory and time stay bounded. */
#define IMPORT_MAX_GROUPS 100000ul
#define IMPORT_MAX_IFACES 1000000ul
#define IMPORT_MAX_RULES 2000000ul

/*
 * Read a whole input (a file, or standard input for "-") into a malloc'd,
 * NUL-terminated buffer; name is the display name for messages. Returns 0,
 * or -1 after reporting why it could not be read.
 */
int import_read(const char *path, const char *name, char **data, size_t *len);
/*
 * The input as UTF-8 without a byte-order mark (UTF-16 with a mark is
 * transcoded, CRLF dropped): a malloc'd, NUL-terminated copy, or NULL after
 * an input error. Used by callers that parse an input themselves.
 */
char *import_decode(const char *file, const char *data, size_t len, size_t *outlen);

/* Import one input already in memory (data[len] is NUL). */
int import_input(struct model *m, const char *file, const char *data, size_t len,
                 enum input_format forced);
/*
 * Import every path: a file, a directory (its *.json *.yaml *.yml *.tfstate
 * in name order) or "-" for standard input. Returns 0, or -1 after errors
 * (every input is still read so that every bad file is reported).
 */
int import_paths(struct model *m, char *const *paths, size_t npaths, enum input_format forced);

int import_design(struct model *m, const char *file, const char *data, size_t len);
int import_aws(struct model *m, const char *file, const char *data, size_t len);
int import_terraform(struct model *m, const char *file, const char *data, size_t len);
int import_cloudformation(struct model *m, const char *file, const char *data, size_t len);
/* Templates depend on each other (exports, nested stacks): import_paths()
 * calls this once every input is read. Returns 0, or -1 after errors. */
int import_cloudformation_finish(struct model *m);
/* 1 if the text looks like AWS CLI/SDK JSON output (lexical look at the
 * top-level keys of the first object; works on invalid JSON too), else 0. */
int import_aws_detect(const char *data, size_t len);

#endif
