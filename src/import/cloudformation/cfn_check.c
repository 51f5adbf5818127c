/*
 * cfn_check.c - one walk over a whole template for what CloudFormation
 * itself would refuse, reported as warnings at the place it is written.
 *
 * This file owns the shape of intrinsic function calls: how many
 * arguments each takes and of what kind (a name, a list of N items), and
 * the condition names used by Fn::If, Condition and the Condition
 * attribute of resources and outputs, which 'Conditions' must define.
 * Unknown tags are reported here too (their values are drawn as text).
 * Checking once, here, keeps the resolver quiet: a value read twice (a
 * launch template used by two Auto Scaling groups) is reported once.
 * Functions that sgmap does not know (Fn::Contains in Rules, Fn::Length)
 * are left alone.
 */
#include <stdio.h>
#include <string.h>

#include "cfn_check.h"
#include "cfn_eval.h"

/* How the function at n is written: "!If" or "Fn::If". */
static const char *cfn_written(const struct ynode *n, int tagged)
{
    return tagged ? n->tag : n->pairs[0].key->value;
}

/* What an argument is, for "got ...": "a list of 2 items", "'NoDot'". */
static const char *cfn_got(char *buf, size_t size, const struct ynode *arg, int tagged)
{
    if (!tagged && arg->tag)
        snprintf(buf, size, "a value tagged '%s'", cfn_quote(3, arg->tag));
    else if (arg->type == YNODE_SEQ)
        snprintf(buf, size, "a list of %zu item%s", arg->nitems, arg->nitems == 1 ? "" : "s");
    else if (arg->type == YNODE_MAP)
        snprintf(buf, size, "a mapping");
    else if (ynode_is_null(arg))
        snprintf(buf, size, "nothing");
    else
        snprintf(buf, size, "'%s'", cfn_quote(3, arg->value));
    return buf;
}

static int cfn_condition_defined(const struct cfn *c, const char *name)
{
    return ynode_get(c->conditions, name) != NULL;
}

/* A condition name used at n by what ("'!If'", "resource 'X'"); n's own
 * tag is skipped when tagged ("!Condition Name"). */
static void cfn_check_condition(struct cfn *c, const struct ynode *n, int tagged,
                                const char *what)
{
    char got[128];

    if (n->type != YNODE_SCALAR || (n->tag && !tagged) || ynode_is_null(n))
        cfn_warning(c, n, "expected the name of a condition for %s, got %s", what,
                    cfn_got(got, sizeof(got), n, tagged));
    else if (!cfn_condition_defined(c, n->value))
        cfn_warning(c, n, "expected a condition of 'Conditions' for %s, got '%s'", what,
                    cfn_quote(0, n->value));
}

/* Functions that take a list, and how many items. */
static const struct {
    const char *name;
    size_t min, max;
    const char *expected;
} cfn_list_args[] = {
    {"If", 3, 3, "a list of 3 items (condition, value if true, value if false)"},
    {"FindInMap", 3, 4, "a list of 3 items (map name, top-level key, second-level key)"},
    {"Join", 2, 2, "a list of 2 items (delimiter, list of values)"},
    {"Select", 2, 2, "a list of 2 items (index, list of values)"},
    {"Split", 2, 2, "a list of 2 items (delimiter, string)"},
    {"Equals", 2, 2, "a list of 2 values"},
    {"Not", 1, 1, "a list of 1 condition"},
    {"And", 2, 10, "a list of 2 to 10 conditions"},
    {"Or", 2, 10, "a list of 2 to 10 conditions"},
    {"Cidr", 3, 3, "a list of 3 items (address block, count, bits)"},
};

/* The arguments of one call, n, of function name (written fn). */
static void cfn_check_call(struct cfn *c, const struct ynode *n, const char *name,
                           const struct ynode *arg, int tagged)
{
    const char *fn = cfn_written(n, tagged), *expected = NULL;
    int own = tagged || !arg->tag;
    int scalar = own && arg->type == YNODE_SCALAR && !ynode_is_null(arg);
    size_t k = own && arg->type == YNODE_SEQ ? arg->nitems : 0, i;
    int seq = own && arg->type == YNODE_SEQ;
    int call = cfn_arg_is_call(arg, tagged);
    const char *dot;
    char what[80], got[128];

    for (i = 0; i < sizeof(cfn_list_args) / sizeof(cfn_list_args[0]); i++)
        if (strcmp(name, cfn_list_args[i].name) == 0 &&
            (!seq || k < cfn_list_args[i].min || k > cfn_list_args[i].max))
            expected = cfn_list_args[i].expected;
    if (strcmp(name, "Ref") == 0) {
        if (!scalar)
            expected = "a name";
    } else if (strcmp(name, "ImportValue") == 0) {
        if (!scalar && !call)
            expected = "a name";
    } else if (strcmp(name, "GetAtt") == 0) {
        dot = scalar ? strchr(arg->value, '.') : NULL;
        if (scalar && (!dot || dot == arg->value || !dot[1]))
            expected = "'RESOURCE.ATTRIBUTE'";
        else if (!scalar && (!seq || k != 2))
            expected = seq ? "a list of 2 items (resource, attribute)" : "'RESOURCE.ATTRIBUTE'";
    } else if (strcmp(name, "If") == 0 && !expected) {
        snprintf(what, sizeof(what), "'%s'", fn);
        cfn_check_condition(c, arg->items[0], 0, what);
    } else if (strcmp(name, "Condition") == 0) {
        /* The long form {"Condition": {...}} is no call (an IAM condition). */
        snprintf(what, sizeof(what), "'%s'", fn);
        if (scalar)
            cfn_check_condition(c, arg, tagged, what);
        else if (tagged)
            expected = "the name of a condition";
    } else if (strcmp(name, "Sub") == 0) {
        if (!scalar && !(seq && (k == 1 || k == 2) && cfn_scalar(arg->items[0], 0) &&
                         (k == 1 || (arg->items[1]->type == YNODE_MAP && !arg->items[1]->tag))))
            expected = "a string, or a list of a string and a mapping of variables";
    } else if (strcmp(name, "GetAZs") == 0) {
        if (!(own && arg->type == YNODE_SCALAR) && !call)
            expected = "a region";
    }
    if (expected)
        cfn_warning(c, n, "expected %s for '%s', got %s", expected, cfn_quote(0, fn),
                    cfn_got(got, sizeof(got), arg, tagged));
}

static void cfn_check_node(struct cfn *c, const struct ynode *n)
{
    const struct ynode *arg;
    const char *name;
    int tagged;
    size_t i;

    if (n->tag && !cfn_known_tag(n->tag)) {
        if (c->tag_warnings < CFN_MAX_TAG_WARNINGS)
            cfn_warning(c, n, "unknown tag '%s'; its value is drawn as text",
                        cfn_quote(0, n->tag));
        c->tag_warnings++;
    }
    if (cfn_intrinsic(n, &name, &arg, &tagged))
        cfn_check_call(c, n, name, arg, tagged);
    if (n->type == YNODE_SEQ)
        for (i = 0; i < n->nitems; i++)
            cfn_check_node(c, n->items[i]);
    if (n->type == YNODE_MAP)
        for (i = 0; i < n->npairs; i++) {
            cfn_check_node(c, n->pairs[i].key);
            cfn_check_node(c, n->pairs[i].value);
        }
}

/* The Condition attribute of each entry of a section (Resources, Outputs). */
static void cfn_check_attributes(struct cfn *c, const char *section, const char *what)
{
    const struct ynode *sec = ynode_get(c->root, section), *cond;
    char label[160];
    size_t i;

    if (!sec || sec->type != YNODE_MAP || sec->tag)
        return;
    for (i = 0; i < sec->npairs; i++) {
        const struct ynode *k = sec->pairs[i].key, *v = sec->pairs[i].value;
        if (v->type != YNODE_MAP || v->tag || !(cond = ynode_get(v, "Condition")))
            continue;
        snprintf(label, sizeof(label), "the 'Condition' of %s '%s'", what,
                 cfn_quote(0, k->type == YNODE_SCALAR ? k->value : "?"));
        cfn_check_condition(c, cond, 0, label);
    }
}

void cfn_check(struct cfn *c)
{
    cfn_check_node(c, c->root);
    cfn_check_attributes(c, "Resources", "resource");
    cfn_check_attributes(c, "Outputs", "output");
}
