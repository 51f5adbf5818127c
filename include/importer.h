/*
 * importer.h - turning inputs into the model: the importer registry and the
 * import session.
 *
 * Every input family (design file, AWS CLI JSON, Terraform JSON,
 * CloudFormation) is one row of the registry in import.c, a struct importer
 * that says what it is called (--from), how sure it is that a text is its
 * own (format detection looks at nothing else), which file names it reads
 * in a directory, and how it reads: one file at a time (read) or a whole
 * folder as one unit (read_folder), then once more when every input is
 * read (finish). An importer adds groups, rules, interfaces and names to
 * the session's model and reports bad input through diag_error(); it never
 * draws and never exits. What it keeps from one input to the next (the
 * templates CloudFormation links at the end, the AWS importer's
 * placeholders) is its session state, never the model's.
 *
 * Adding an importer: its files under src/import/NAME/, its descriptor
 * (const struct importer importer_NAME) declared below, and one row in
 * import.c's table.
 */
#ifndef SGMAP_IMPORTER_H
#define SGMAP_IMPORTER_H

#include <stddef.h>

struct model;
struct import_session;

/*
 * An importer chosen by --from: FORMAT_AUTO (detect each input from its
 * content), else a row of the registry as input_format_parse() gives it.
 */
enum input_format { FORMAT_AUTO = 0, FORMAT_LAST = 255 };

/* How sure an importer is that a text is its own; the highest wins, and
 * the first row of the registry among equals. */
enum import_claim {
    CLAIM_NONE = 0,     /* not this format */
    CLAIM_FALLBACK = 1, /* nobody else claims it: this importer says what is wrong */
    CLAIM_NAME = 2,     /* the file name is this format's (content inconclusive) */
    CLAIM_CONTENT = 3,  /* its content has this format's marks */
    CLAIM_SURE = 4,     /* its content has marks no other format has */
};

struct importer {
    const char *name;        /* "aws": --from, messages */
    const char *const *exts; /* name endings read from a directory, NULL-terminated */
    /* How sure it is that data (UTF-8 without BOM, data[len] = NUL) named
     * file is its own; lexical, so that invalid input still goes to the
     * importer that can say what is wrong with it. */
    enum import_claim (*detect)(const char *file, const char *data, size_t len);
    /* Read one input (see import_input()). Returns 0, or -1 after errors. */
    int (*read)(struct import_session *s, const char *file, const char *data, size_t len);
    /* An importer whose unit is a folder (a Terraform configuration):
     * read the files of dir with its extensions (paths, in name order) as
     * one input. NULL: every file is one input, read(). */
    int (*read_folder)(struct import_session *s, const char *dir, char *const *paths,
                       size_t npaths);
    /* Once every input of the session is read, when this importer read
     * any: link, reconcile, build. NULL: nothing to do. Returns 0 or -1. */
    int (*finish)(struct import_session *s);
};

extern const struct importer importer_aws;
extern const struct importer importer_terraform;
extern const struct importer importer_terraform_source;
extern const struct importer importer_cloudformation;
extern const struct importer importer_design;

/*
 * --var NAME=VALUE and --var-file FILE of the command line (hcl.h), for
 * every Terraform configuration folder read from now on; borrowed, so it
 * must live as long as the imports. NULL: none.
 */
struct hcl_options;
void import_set_hcl_options(const struct hcl_options *opts);

/* Parse an importer name ("design", "aws", ...); -1 if unknown. */
int input_format_parse(const char *name, enum input_format *out);
const char *input_format_name(enum input_format format);
/* The number of importers: the formats are 1 .. input_format_count(). */
size_t input_format_count(void);

/* Largest input accepted, in bytes. */
#define INPUT_MAX_BYTES (256u * 1024 * 1024)
/* Most objects all inputs together may hold: far above any real account
 * (2,500 groups per Region by default, 10,000 at most), low enough that
 * memory and time stay bounded. */
#define IMPORT_MAX_GROUPS 100000ul
#define IMPORT_MAX_IFACES 1000000ul
#define IMPORT_MAX_RULES 2000000ul
/* Check m against these limits after an input named file: 0, or -1 after
 * reporting (every session input is checked; callers that fill a model
 * themselves check it too). */
int import_check_counts(const struct model *m, const char *file);

/* ===== Sessions ===== */

/* Start reading inputs into m (not finished), with a forced importer or
 * FORMAT_AUTO. */
struct import_session *import_session_new(struct model *m, enum input_format forced);
/* Free the session and every importer's state (without finishing). */
void import_session_free(struct import_session *s);
struct model *import_session_model(const struct import_session *s);
/* Was the input being read found in a directory (1) rather than named (0)?
 * A folder of collected responses holds some sgmap does not use: those
 * are skipped with a note, where a named file would be an error. */
int import_session_in_folder(const struct import_session *s);
/*
 * An importer's state in this session (NULL until set). Set it once, with
 * the function that frees it; it is freed with the session.
 */
void *import_session_state(const struct import_session *s, const struct importer *imp);
void import_session_set_state(struct import_session *s, const struct importer *imp, void *state,
                              void (*free_fn)(void *));
/* Hand the state to the caller (who frees it) and clear it. */
void *import_session_take_state(struct import_session *s, const struct importer *imp);
/*
 * Read one path into the session: a file, a directory (the files of every
 * importer's extensions in name order; a folder importer's files as one
 * unit) or "-" for standard input. Returns 0, or -1 after errors.
 */
int import_session_path(struct import_session *s, const char *path);
/* Import one input already in memory (data[len] is NUL); file is the
 * display name, copied into the model. */
int import_session_input(struct import_session *s, const char *file, const char *data,
                         size_t len);
/*
 * Called by an importer once it has parsed the input it is reading into
 * its own structures: the session frees the input's bytes now (when it
 * owns them) rather than after the importer returns, so that the text and
 * its parse are never both in memory at the peak. data must not be used
 * afterwards.
 */
void import_session_release_input(struct import_session *s);
/* Run the finish of every importer that read an input, in registry order.
 * Returns 0, or -1 after errors. */
int import_session_finish(struct import_session *s);

/*
 * Import every path into m in one session and finish it: files,
 * directories or "-". Returns 0, or -1 after errors (every input is still
 * read so that every bad file is reported).
 */
int import_paths(struct model *m, char *const *paths, size_t npaths, enum input_format forced);
/* One input in memory, in a session of its own (finished). */
int import_input(struct model *m, const char *file, const char *data, size_t len,
                 enum input_format forced);

/* ===== Reading bytes ===== */

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
/*
 * import_read() and import_decode() with one buffer: the file read as text
 * (UTF-8 read in place, a large file in huge pages; UTF-16 transcoded).
 * Returns 0 with t filled (free it with import_text_free()), or -1 after
 * reporting the error.
 */
struct import_text {
    const char *text; /* NUL-terminated, no byte-order mark */
    size_t len;
    char *buf;     /* what to free */
    size_t mapped; /* huge_alloc()'s, or 0 */
};
int import_read_text(const char *path, const char *name, struct import_text *t);
void import_text_free(struct import_text *t);

/* ===== Terraform plans (sgmap diff) ===== */

struct strmap;

/*
 * Read one Terraform plan (terraform show -json PLAN) once into two new,
 * finished models: *before its prior state (empty when it has none),
 * *after its planned values; aliases (made by the caller) gets each prior
 * resource id -> its address, strings kept in *before. Returns 0; 1 when
 * the input is no plan but reads as some input (nothing is made, the
 * caller decides); -1 after an input error.
 */
int import_terraform_plan(const char *path, struct model **before, struct model **after,
                          struct strmap *aliases);

#endif
