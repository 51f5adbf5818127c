/*
 * tf_address.c - Terraform resource addresses: the instance index at a
 * point of an address, an address without its indexes, without its
 * instance key.
 */
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "tf_address.h"

size_t tf_index_len(const char *p)
{
    size_t n = 1;

    if (*p != '[')
        return 0;
    if (p[n] == '"') {
        for (n++; p[n] && p[n] != '"'; n++)
            if (p[n] == '\\' && p[n + 1])
                n++;
        if (p[n])
            n++;
    }
    while (p[n] && p[n] != ']')
        n++;
    return p[n] == ']' ? n + 1 : 0;
}

const char *tf_strip_indexes(struct model *m, const char *address)
{
    struct strbuf sb = STRBUF_INIT;
    const char *p = address, *kept;
    size_t n;

    while (*p) {
        n = tf_index_len(p);
        if (n)
            p += n;
        else
            strbuf_addch(&sb, *p++);
    }
    kept = model_strndup(m, sb.buf, sb.len);
    strbuf_release(&sb);
    return kept;
}

const char *tf_strip_key(struct model *m, const char *address)
{
    const char *p = address;
    size_t n;

    while (*p) {
        n = tf_index_len(p);
        if (n && !p[n])
            return model_strndup(m, address, (size_t)(p - address));
        p += n ? n : 1;
    }
    return model_strdup(m, address);
}
