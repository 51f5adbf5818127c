/*
 * hcl_internal.h - private interface between the files of the HCL reader
 * (src/import/terraform/hcl/). Not used outside them; hcl.h is the public
 * side.
 *
 * hcl_lex.c      tokens of the native syntax, with line:col
 * hcl_parse.c    native syntax -> bodies and expressions (the AST below)
 * hcl_json.c     JSON syntax (*.tf.json) -> the same AST
 * hcl_value.c    values: constructors, comparison, conversion, type constraints
 * hcl_eval.c     expressions -> values in a scope
 * hcl_funcs.c    the built-in functions
 * tf_folders.c   folders and files, module tables, root variable values
 * tf_modules.c   module instances: variables, locals, outputs, module calls,
 *                names resolved, everything evaluated (hcl_load)
 * tf_instances.c count/for_each, resource instances, dynamic blocks
 * tf_refs.c      the references of expressions, for the configuration
 * tf_plan.c      the plan-shaped document and its location table
 *
 * Everything of one load (AST, values, strings) lives in one arena and is
 * freed at once; nothing here is freed piecemeal.
 */
#ifndef SGMAP_HCL_INTERNAL_H
#define SGMAP_HCL_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "arena.h"
#include "hcl.h"
#include "strbuf.h"

struct strmap;

/* A position in a file: line and col are 1-based, col in bytes. */
struct hpos {
    const char *file;
    int line, col;
};

/* ===== Values ===== */

enum hv_kind {
    HV_NULL,
    HV_BOOL,
    HV_NUMBER,
    HV_STRING,
    HV_LIST,    /* lists and tuples */
    HV_SET,     /* sorted, without duplicates */
    HV_MAP,     /* maps and objects: keys sorted */
    HV_UNKNOWN, /* known only after apply */
};

struct hval {
    unsigned char kind;
    unsigned char open;        /* map: a resource or module instance; absent keys are unknown */
    unsigned char has_unknown; /* an element, at any depth, is unknown */
    size_t n;                  /* elements; string: bytes */
    size_t size;               /* values nested inside, repeats counted (set by *_done) */
    union {
        int b;
        double num;
        const char *s;       /* NUL-terminated; may hold NULs (n says) */
        struct hval **items; /* list, set, map values */
    } u;
    const char **keys; /* map: n sorted keys */
};

/* An error, reported once (try() and can() discard them). */
struct herr {
    char *msg;
    struct hpos pos;
    int reported;
};

/* ===== AST ===== */

enum hx_kind {
    HX_LIT,      /* lit */
    HX_TEMPLATE, /* items: parts (literals and expressions); a single
                    interpolation alone yields its value unconverted */
    HX_VAR,      /* name: a root variable (var, local, aws_instance, ...) */
    HX_ATTR,     /* a.name */
    HX_INDEX,    /* a[b] */
    HX_SPLAT,    /* a[*] / a.*: b applied to each element (root HX_ITEM) */
    HX_ITEM,     /* the element inside a splat */
    HX_CALL,     /* name(items...), flags HX_EXPAND: last argument spread */
    HX_TUPLE,    /* [items] */
    HX_OBJECT,   /* {items[2i] = items[2i+1]} */
    HX_FOR,      /* [for name, name2 in a : b if c] / {for ... : d => b...} */
    HX_COND,     /* c ? a : b */
    HX_BINOP,    /* a op b */
    HX_UNOP,     /* op a */
    HX_PAREN,    /* (a) */
    HX_TPL_IF,   /* %{if c} a %{else} b %{endif}: a, b are templates */
    HX_TPL_FOR,  /* %{for name, name2 in c} a %{endfor} */
};

enum hx_op {
    OP_NONE,
    OP_OR, OP_AND,
    OP_EQ, OP_NE,
    OP_LT, OP_LE, OP_GT, OP_GE,
    OP_ADD, OP_SUB,
    OP_MUL, OP_DIV, OP_MOD,
    OP_NOT, OP_NEG,
};

#define HX_EXPAND 1    /* call: f(list...) */
#define HX_GROUP 2     /* for: value... groups */
#define HX_OBJFOR 4    /* for: object form */
#define HX_BAREKEY 8   /* object: the key items[2i] was a bare identifier */
#define HX_ATTRSPLAT 16 /* splat: .* (only attribute steps follow) */

struct hexpr {
    unsigned char kind, op, flags;
    struct hpos pos;
    const char *name, *name2;
    struct hexpr *a, *b, *c, *d;
    struct hexpr **items;
    size_t n;
    struct hval *lit;
};

struct hbody;

struct hattr {
    const char *name;
    struct hexpr *expr;
    struct hpos pos;
};

struct hblock {
    const char *type;
    const char **labels;
    size_t nlabels;
    struct hbody *body;
    struct hpos pos;
};

struct hbody {
    struct hattr *attrs;
    size_t nattrs;
    struct hblock *blocks;
    size_t nblocks;
    struct hpos pos;
};

/* ===== hcl_lex.c ===== */

enum htok {
    T_EOF, T_NL, T_IDENT, T_NUMBER, T_OQUOTE, T_HEREDOC,
    T_LBRACE, T_RBRACE, T_TRBRACE, /* ~} */
    T_LBRACK, T_RBRACK, T_LPAREN, T_RPAREN,
    T_COMMA, T_DOT, T_ELLIPSIS, T_STAR, T_ASSIGN, T_ARROW, T_COLON, T_QUESTION,
    T_PLUS, T_MINUS, T_SLASH, T_PERCENT,
    T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_AND, T_OR, T_BANG,
    T_BAD, /* lx->bad says why */
};

struct hlex {
    const char *file;
    const char *data;
    size_t len;
    size_t pos;        /* next byte to scan */
    int line;          /* line of pos */
    size_t line_start; /* offset of the start of that line */
    int ignore_nl;     /* newlines are not tokens (inside () [] ${}) */
    /* The lookahead token, when have is set. */
    int have, tok, prev;
    size_t start, end;  /* its bytes (heredoc: the marker) */
    struct hpos tpos;   /* its position */
    int heredoc_indent; /* <<- */
    const char *bad;    /* T_BAD: the message */
};

void lex_init(struct hlex *lx, const char *file, const char *data, size_t len, int line,
              int col);
/* The next token, without consuming it / consuming it. */
int lex_peek(struct hlex *lx);
int lex_next(struct hlex *lx);
/* The position of byte offset off (on the line being scanned or later). */
struct hpos lex_pos_at(const struct hlex *lx, size_t off);
/* Move the raw position to off (no lookahead may be pending), counting lines. */
void lex_seek(struct hlex *lx, size_t off);
/* "a newline", "'}'", ... for messages. */
const char *lex_tok_name(int tok);

/* ===== hcl_parse.c ===== */

/*
 * Parse a native-syntax file (data[len], NUL at data[len]) into a body.
 * Returns NULL after reporting the first syntax error of the file.
 */
struct hbody *hcl_parse_file(struct arena *a, const char *file, const char *data, size_t len);
/* Parse one expression (a --var value, a type in JSON) from text; NULL after
 * reporting an error at pos. */
struct hexpr *hcl_parse_expr(struct arena *a, const char *file, const char *text, size_t len,
                             struct hpos pos);
/* Parse a template (a JSON string) from text; NULL after an error. */
struct hexpr *hcl_parse_template(struct arena *a, const char *file, const char *text,
                                 size_t len, struct hpos pos);
/* A new expression node. */
struct hexpr *hx_new(struct arena *a, int kind, struct hpos pos);
/* A name written as an expression (a dynamic block's iterator): a bare
 * name, or in JSON syntax a string; NULL for anything else. */
const char *hcl_expr_name(const struct hexpr *x);
/* The attribute name of body b, or NULL. */
const struct hattr *hcl_body_attr(const struct hbody *b, const char *name);
/* Grow arr (n elements of elem bytes used, *alloc allocated, in arena a)
 * to hold one more: returns the array, maybe moved. */
void *hcl_grow(struct arena *a, void *arr, size_t n, size_t *alloc, size_t elem);
/* Append an instance key as Terraform writes it: [3] or ["key"]. */
void hcl_add_key(struct strbuf *sb, const struct hval *key);

/* ===== hcl_parse.c / hcl_template.c: the parser ===== */

enum { TM_QUOTE, TM_HEREDOC, TM_RAW };              /* kinds of template text */
enum { TPL_END, TPL_ELSE, TPL_ENDIF, TPL_ENDFOR }; /* how a template part ended */

struct hparser {
    struct hlex lx;
    struct arena *a;
    int failed;
    int depth;
    /* The template being read. */
    int tmode;         /* TM_QUOTE, TM_HEREDOC, TM_RAW */
    size_t tend;       /* heredoc / raw: where the text ends */
    size_t indent;     /* <<-: blanks removed at the start of each line */
    int pending_strip; /* the last directive ended with ~}: strip what follows */
};

/* Report the first syntax error (later ones are dropped). */
void hp_p_error(struct hparser *p, struct hpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report the lookahead token as unexpected where want was expected. */
void hp_p_unexpected(struct hparser *p, const char *want);
/* Consume token tok, or report it missing; 1 when consumed. */
int hp_expect(struct hparser *p, int tok, const char *want);
/* The lookahead token's text, copied; is it the word? */
const char *hp_tok_text(struct hparser *p);
int hp_peek_ident(struct hparser *p, const char *word);
/* One more level of nesting at pos (HCL_MAX_NESTING); 0 after the error. */
int hp_enter(struct hparser *p, struct hpos pos);
void hp_push_item(struct arena *a, struct hexpr ***items, size_t *n, size_t *alloc,
                  struct hexpr *item);
struct hexpr *hp_parse_expr(struct hparser *p);
/* "NAME[, NAME2] in EXPR" after "for", into x (name, name2, c). */
int hp_parse_for_head(struct hparser *p, struct hexpr *x);
/* A quoted string (its quote just read), a heredoc (its introducer just
 * read), a whole template of the current kind (hcl_template.c). */
struct hexpr *hp_parse_quoted(struct hparser *p, struct hpos pos);
struct hexpr *hp_parse_heredoc(struct hparser *p);
struct hexpr *hp_parse_template_top(struct hparser *p, struct hpos pos);
/* A string literal node holding a copy of s[0..n). */
struct hexpr *hp_lit_string(struct hparser *p, struct hpos pos, const char *s, size_t n);

/* ===== hcl_json.c ===== */

/* Parse a JSON-syntax file (*.tf.json) into a body; NULL after an error.
 * vars: a variables file (*.tfvars.json), its members attributes of
 * literal values. */
struct hbody *hcl_parse_json_file(struct arena *a, const char *file, const char *data,
                                  size_t len, int vars);

/* ===== hcl_value.c ===== */

/* The work budget and error state shared by values and evaluation. */
struct hctx {
    struct arena *a;
    unsigned long work;  /* values and bytes made; HCL_MAX_WORK at most */
    struct herr *err;    /* the error being returned (a NULL value) */
    int over_budget;     /* HCL_MAX_WORK was reached: nothing is caught */
    int depth;           /* nesting of evaluation (HCL_MAX_EVAL_DEPTH) */
    struct strmap *noted; /* functions not evaluated, noted once (or NULL) */
};

/* Deepest evaluation: expressions within references within references. */
#define HCL_MAX_EVAL_DEPTH 400
/* Most values one value may hold, nested ones and repeats counted: a walk
 * over any value (comparing, writing) is bounded by it, so that a value
 * built by doubling a shared part cannot make the work exponential. */
#define HCL_MAX_VALUE_NODES 4000000

extern struct hval hv_null_v, hv_true_v, hv_false_v, hv_unknown_v;
#define HV_NULLV (&hv_null_v)
#define HV_UNK (&hv_unknown_v)

/* Set the error (with a printf message) and return NULL. */
struct hval *hc_fail(struct hctx *h, struct hpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Charge n units of work; 0 (with the error set) when over budget. */
int hc_charge(struct hctx *h, size_t n, struct hpos pos);

struct hval *hv_bool(int b);
struct hval *hv_num(struct hctx *h, double d);
struct hval *hv_strn(struct hctx *h, const char *s, size_t n);
struct hval *hv_str(struct hctx *h, const char *s);
/* A list/map with n slots to fill (map: keys too); NULL when over a limit. */
struct hval *hv_list(struct hctx *h, size_t n, struct hpos pos);
struct hval *hv_map(struct hctx *h, size_t n, struct hpos pos);
/* After filling: sort a map's keys (the later of two equal keys wins) /
 * sort and deduplicate a set (from a filled list); set has_unknown. */
struct hval *hv_map_done(struct hval *m);
struct hval *hv_set_from(struct hctx *h, struct hval *list);
/* Recompute has_unknown of a filled list. */
struct hval *hv_list_done(struct hval *l);

int hv_is_unknown(const struct hval *v);
int hv_known_deep(const struct hval *v);
int hv_is_coll(const struct hval *v); /* list, set or map */
/* m[key], or NULL. */
struct hval *hv_get(const struct hval *m, const char *key);
int hv_equal(const struct hval *x, const struct hval *y);
int hv_cmp(const struct hval *x, const struct hval *y);
const char *hv_kind_name(const struct hval *v);

/* Conversions (unknown stays unknown); NULL with the error set. */
struct hval *hv_to_string(struct hctx *h, struct hval *v, struct hpos pos);
struct hval *hv_to_number(struct hctx *h, struct hval *v, struct hpos pos);
struct hval *hv_to_bool(struct hctx *h, struct hval *v, struct hpos pos);
/* Append the string form of a number. */
void hv_fmt_number(struct strbuf *sb, double d);
/* Convert v to a type constraint (the AST of string, list(map(string)),
 * object({a = optional(number, 1)}), ...); NULL with the error set. */
struct hval *hv_convert(struct hctx *h, struct hval *v, const struct hexpr *type,
                        struct hpos pos);
/* Is type a well-formed type constraint? 0 with the error set when not. */
int hv_check_type(struct hctx *h, const struct hexpr *type);
/* Is the type constraint the primitive string (or absent)? */
int hv_type_is_string(const struct hexpr *type);
/* A debugging / test form of v: JSON, with (unknown) for unknown values. */
void hv_dump(struct strbuf *sb, const struct hval *v);

/* ===== hcl_eval.c ===== */

struct hscope;
struct minst;

/* What a name such as var.x, local.y, aws_instance.z, module.m.o means:
 * provided by tf_modules.c. */
struct hval *tf_resolve_root(struct hctx *h, const struct hscope *s, const struct hexpr *x);
/* module.NAME[KEY].OUTPUT or module.NAME.OUTPUT, evaluating only that
 * output: returns 1 and sets *out (NULL on error) when x is such a
 * traversal, else 0. */
int tf_resolve_module_output(struct hctx *h, const struct hscope *s, const struct hexpr *x,
                             struct hval **out);

/* A name bound by for, a dynamic block's iterator, or a splat. */
struct hbind {
    const char *name;
    struct hval *v;
    const struct hbind *next;
};

struct hscope {
    struct minst *mi;          /* the module instance, or NULL (constants only) */
    struct hval *count_index;  /* count.index, or NULL */
    struct hval *each_key;     /* each.key, or NULL */
    struct hval *each_value;
    const struct hbind *binds; /* innermost first; name NULL: a splat's element */
};

/* Evaluate x in s; NULL with h->err set. */
struct hval *hcl_eval(struct hctx *h, const struct hscope *s, const struct hexpr *x);
/* Call built-in function name (hcl_funcs.c); args evaluated, except for
 * try() and can(), which hcl_eval.c handles. */
struct hval *hcl_call(struct hctx *h, const char *name, struct hval **args, size_t n,
                      struct hpos pos);
/* Is name a built-in function? 1: evaluated, 2: one of Terraform's that
 * sgmap does not evaluate (its result is unknown), 0: no such function. */
int hcl_func_known(const char *name);

/* ===== hcl_funcs.c / hcl_funcs_text.c ===== */

#define F_TOP 1  /* an unknown argument makes the result unknown */
#define F_DEEP 2 /* an unknown anywhere inside an argument does */

typedef struct hval *hfunc_fn(struct hctx *h, struct hval **a, size_t n, struct hpos pos);

struct hfunc {
    const char *name;
    hfunc_fn *fn;
    int min, max; /* arguments; max -1: any number */
    int flags;
};

/* The functions of hcl_funcs_text.c, sorted by name. */
extern const struct hfunc hcl_text_funcs[];
extern const size_t hcl_text_nfuncs;

/* Argument checks shared by the functions: the value, or NULL / 0 with the
 * error set ("fn(): expected a list, got a string"). */
struct hval *hf_need_list(struct hctx *h, struct hval *v, const char *fn, struct hpos pos);
struct hval *hf_need_str(struct hctx *h, struct hval *v, const char *fn, struct hpos pos);
int hf_need_int(struct hctx *h, struct hval *v, const char *fn, struct hpos pos, double *out);
/* A new list holding a copy of items[0..n). */
struct hval *hf_list_of(struct hctx *h, struct hval **items, size_t n, struct hpos pos);

/* ===== tf_modules.c / tf_instances.c / tf_refs.c / tf_plan.c ===== */

/* A resource or data block of a module. */
struct tfres {
    const struct hblock *blk;
    int data;           /* a data source */
    const char *type, *name;
    const char *addr;   /* TYPE.NAME or data.TYPE.NAME */
    int unknown;        /* an instance (of any instance of the module) holds
                           a value unknown until apply */
};

/* A parsed module folder (shared by every instance of it). */
struct tfmod {
    const char *dir;  /* display path ("." for the current folder) */
    const char *real; /* realpath: the cache key and cycle check */
    const struct hblock **vars, **calls, **outputs;
    const struct hattr **locals;
    struct tfres *res;
    size_t nvars, ncalls, noutputs, nlocals, nres;
    /* name -> index + 1, stored as a pointer-sized integer (tf_index_of) */
    struct strmap *var_by_name, *call_by_name, *output_by_name, *local_by_name, *res_by_addr;
    struct tfmod **call_mods; /* the folder of each local module call, once read */
    struct tfmod *next; /* every module read, for freeing */
};

enum { MEMO_NONE, MEMO_BUSY, MEMO_DONE };

struct memo {
    int state;
    struct hval *v;
    struct herr *err;
};

/* Where a part of an instance's value was written. */
struct hloc {
    const char *path; /* below the instance's values: "", ".name", ".ingress[1].to_port" */
    struct hpos pos;
};

/* One instance of a resource: its key and its evaluated body. */
struct rinst {
    struct hval *key;  /* count: a number, for_each: a string, else NULL */
    struct hval *obj;  /* the attributes and nested blocks (an open map) */
    struct hloc *locs; /* the instance, then each attribute and block as found */
    size_t nlocs;
};

enum { KEYED_NONE, KEYED_COUNT, KEYED_EACH };

struct rmemo {
    int state, keyed;
    struct rinst *inst;
    size_t n;
    struct hval *v; /* what TYPE.NAME evaluates to */
    struct herr *err;
};

struct minst;

struct cmemo {
    int state, keyed;
    int remote;             /* not a local folder: a stub */
    const char *source;
    struct tfmod *mod;      /* local: the folder (even with no instance) */
    struct minst **inst;
    struct hval **keys;
    size_t n;
    struct herr *err;
};

struct tfload;

/* One instance of a module: the root, or module.NAME[KEY] in a parent. */
struct minst {
    struct tfload *L;
    struct tfmod *mod;
    const char *addr;   /* "" or module.a[0].module.b */
    const char *prefix; /* "" or addr + "." */
    struct minst *parent;
    const struct hblock *call; /* the module block in the parent */
    struct hscope call_scope;  /* the parent's scope, with the call's count/each */
    int depth;
    struct memo *vars, *locals, *outputs;
    struct rmemo *res;
    struct cmemo *calls;
};

/* A value given to a root variable (tfvars, --var). */
struct rootval {
    struct hval *v;    /* parsed value, or NULL: raw is a --var string */
    const char *raw;
    struct hpos pos;
};

struct tfload {
    struct arena a;
    struct hctx h;
    struct strmap *mods;     /* realpath -> struct tfmod */
    struct strmap *rootvals; /* name -> struct rootval */
    struct minst *root;
    int failed;              /* an error was reported */
    struct strmap *noted;    /* notes given once */
    struct tfmod *all;       /* every module read */
};

/* tf_folders.c */
/* Report an error at pos (diag_error) and mark the load failed. */
void tf_error_at(struct tfload *L, struct hpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* dir/rel with "." and ".." resolved in the text where possible (arena). */
const char *tf_path_join(struct tfload *L, const char *dir, const char *rel);
/* The module in folder dir, read and indexed once; NULL after errors
 * (reported at `at` when it is set: the source of a module call). */
struct tfmod *tf_load_module(struct tfload *L, const char *dir, struct hpos at);
/* The values of the root variables (tfvars, --var-file, --var). */
void tf_read_root_values(struct tfload *L, const char *dir, const struct hcl_options *o);
/* Free the tables of every module read (the rest is in the arena). */
void tf_free_modules(struct tfload *L);

/* tf_modules.c */
/* Report err at its position once (diag_error). */
void tf_report(struct tfload *L, struct herr *err);
/* Look name up in a module's table: the index, or -1. */
long tf_index_of(struct strmap *map, const char *name);
/* The value of var.NAME, local.NAME, output NAME of a module instance. */
struct hval *tf_var(struct hctx *h, struct minst *mi, const char *name, struct hpos pos);
struct hval *tf_local(struct hctx *h, struct minst *mi, const char *name, struct hpos pos);
struct hval *tf_output(struct hctx *h, struct minst *mi, size_t i);
/* The instances of module call i of mi (loaded and expanded once). */
struct cmemo *tf_call(struct hctx *h, struct minst *mi, size_t i);
/* "FILE:LINE:COL" as a new JSON string. */
json_t *tf_pos_json(struct hpos pos);

/* tf_instances.c */
/* The instances of resource i of mi (count / for_each expanded once). */
struct rmemo *tf_resource(struct hctx *h, struct minst *mi, size_t i);
/* Evaluate count or for_each of a block into keys: returns KEYED_* and sets
 * *keys / *vals / *n, or -1 with h->err set. */
int tf_expand(struct hctx *h, const struct hscope *s, const struct hbody *b,
              struct hval ***keys, struct hval ***vals, size_t *n);
/* The scope of one instance (count.index or each.key / each.value). */
void tf_instance_scope(struct hscope *out, struct minst *mi, int keyed, struct hval *key,
                       struct hval *val);

/* tf_refs.c */
/* A name bound where an expression is written: a for or dynamic iterator
 * (each set: a dynamic block's for_each, whose references it stands for). */
struct tfref_bind {
    const char *name;
    const struct hexpr *each;
    const struct tfref_bind *next;
};
/* The references of x in module mod, as a plan's configuration lists them
 * (locals replaced by their own references). A new JSON array. */
json_t *tf_refs(const struct tfmod *mod, const struct hexpr *x, const struct tfref_bind *bound);

/* tf_plan.c */

/* The locations of one part of the document: base is a JSON path (a
 * resource's values, a module call), locs[] paths below it. */
struct hcl_locgroup {
    const char *base;
    const struct hloc *locs;
    size_t n;
};

/* What a result keeps: the document's arena, the load's arena (the file
 * names and location paths live there) and the location table. */
struct hcl_mem {
    struct arena doc;
    struct arena load;
    struct hcl_locgroup *groups;
    size_t ngroups, alloc;
    struct strmap *by_base; /* base -> group index + 1 */
};

/* The plan-shaped document and the location table of a loaded root. */
int tf_plan(struct tfload *L, struct hcl_result *out);

#endif
