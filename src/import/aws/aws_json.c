/*
 * aws_json.c - the AWS-only getters, built on the shared JSON reader
 * (json_reader.c): a required string, the value of a name in a list of
 * {name, value} pairs (a tag in a [{Key, Value}] list), and the walk over
 * an array of objects that every reader of a list goes through.
 */
#include <string.h>

#include "aws_internal.h"

const char *aws_req_str(struct aws_ctx *c, const struct jnode *obj, const char *key)
{
    const char *s = jr_str(&c->jr, obj, key);
    if (!s && !c->jr.failed)
        jr_error(&c->jr, NULL, "missing %s", key);
    return s;
}

void aws_each(struct aws_ctx *c, const struct jnode *arr, const char *key, aws_elem_fn *fn,
              void *arg)
{
    size_t i, n = jn_len(arr), back = 0;

    if (!n)
        return;
    if (key)
        back = jr_push_key(&c->jr, key);
    for (i = 0; i < n && !c->jr.failed; i++) {
        /* NULL only after an error, reported there: the walk stops. */
        const struct jnode *obj = jr_elem_obj(&c->jr, arr, i);
        size_t b2 = jr_push_index(&c->jr, i);
        if (obj)
            fn(c, obj, arg);
        jr_pop(&c->jr, b2);
    }
    if (key)
        jr_pop(&c->jr, back);
}

void aws_each_at(struct aws_ctx *c, const struct jnode *obj, const char *key, aws_elem_fn *fn,
                 void *arg)
{
    aws_each(c, jr_arr(&c->jr, obj, key), key, fn, arg);
}

/* A search of aws_find(): the keys of a pair, the name looked for, the first value found. */
struct pair_search {
    const char *name_key, *value_key;
    const char *name;
    const char *found;
};

static void match_pair(struct aws_ctx *c, const struct jnode *pair, void *arg)
{
    struct pair_search *ps = arg;
    const char *n = jr_str(&c->jr, pair, ps->name_key);
    const char *v = jr_str(&c->jr, pair, ps->value_key);

    if (n && v && strcmp(n, ps->name) == 0 && !ps->found)
        ps->found = v;
}

const char *aws_find(struct aws_ctx *c, const struct jnode *obj, const char *list,
                     const char *name_key, const char *value_key, const char *name)
{
    struct pair_search ps = {name_key, value_key, name, NULL};

    aws_each_at(c, obj, list, match_pair, &ps);
    return ps.found;
}

const char *aws_tag(struct aws_ctx *c, const struct jnode *obj, const char *list, const char *key)
{
    return aws_find(c, obj, list, "Key", "Value", key);
}
