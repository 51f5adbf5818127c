/*
 * aws_json.c - the AWS-only getters, built on the shared JSON reader
 * (json_reader.c): a required string and the Value of a tag in a
 * [{Key, Value}] list.
 */
#include <string.h>

#include "aws_internal.h"

const char *aws_req_str(struct aws_ctx *c, const json_t *obj, const char *key)
{
    const char *s = jr_str(&c->jr, obj, key);
    if (!s && !c->jr.failed)
        jr_error(&c->jr, NULL, "missing %s", key);
    return s;
}

const char *aws_tag(struct aws_ctx *c, const json_t *obj, const char *list, const char *key)
{
    json_t *tags = jr_arr(&c->jr, obj, list);
    const char *found = NULL;
    size_t i, back;

    if (!tags)
        return NULL;
    back = jr_push_key(&c->jr, list);
    for (i = 0; i < json_array_size(tags) && !c->jr.failed; i++) {
        json_t *t = jr_elem_obj(&c->jr, tags, i);
        size_t b2 = jr_push_index(&c->jr, i);
        const char *k = jr_str(&c->jr, t, "Key");
        const char *v = jr_str(&c->jr, t, "Value");
        jr_pop(&c->jr, b2);
        if (k && strcmp(k, key) == 0 && v && !found)
            found = v;
    }
    jr_pop(&c->jr, back);
    return found;
}
