/*
 * tf_lookups.c - pass 1 over the Terraform resources: the id of each group
 * (its real sg- id when known, else its address), interface, VPC and subnet, by
 * instance address and by resource (every instance of a resource made with
 * count or for_each).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "tf_address.h"
#include "tf_lookups.h"
#include "xalloc.h"

/* ===== Lookups ===== */

static void vals_add(struct tf_ctx *c, struct strmap *map, const char *key, const char *value)
{
    struct tf_lookups *lk = c->lk;
    struct tf_vals *v = strmap_get(map, key);
    size_t i;

    if (!v) {
        v = xcalloc(1, sizeof(*v));
        XGROW(lk->lists, lk->lists_alloc, lk->nlists + 1);
        lk->lists[lk->nlists++] = v;
        strmap_put(map, key, v);
    }
    for (i = 0; i < v->n; i++)
        if (v->v[i] == value)
            return;
    XGROW(v->v, v->alloc, v->n + 1);
    v->v[v->n++] = value;
}

void tf_index_put(struct tf_ctx *c, struct tf_index *ix, const char *address,
                  const char *value)
{
    vals_add(c, ix->exact, address, value);
    vals_add(c, ix->resource, tf_strip_key(c->jr.m, address), value);
}

/*
 * What address names: with key (count.index or each.key of the referring
 * instance), that instance of the resource when it exists; else the
 * instance at address; else, for an address without a key, every instance
 * of the resource. NULL when nothing.
 */
const struct tf_vals *tf_index_find(const struct tf_index *ix, const char *address,
                                        const char *key)
{
    const struct tf_vals *v = NULL;

    if (key) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s%s", address, key);
        v = strmap_get(ix->exact, sb.buf);
        strbuf_release(&sb);
    }
    if (!v)
        v = strmap_get(ix->exact, address);
    if (!v)
        v = strmap_get(ix->resource, address);
    return v;
}

void tf_lookups_init(struct tf_lookups *lk)
{
    memset(lk, 0, sizeof(*lk));
    lk->groups.exact = strmap_new();
    lk->groups.resource = strmap_new();
    lk->ifaces.exact = strmap_new();
    lk->ifaces.resource = strmap_new();
    lk->vpcs.exact = strmap_new();
    lk->vpcs.resource = strmap_new();
    lk->subnets.exact = strmap_new();
    lk->subnets.resource = strmap_new();
    lk->subnet_groups.exact = strmap_new();
    lk->subnet_groups.resource = strmap_new();
    lk->nets.exact = strmap_new();
    lk->nets.resource = strmap_new();
    lk->public_subnets = strmap_new();
    lk->subnet_group_by_name = strmap_new();
    lk->group_by_name = strmap_new();
    lk->iface_by_eni = strmap_new();
    lk->data_group_names = strmap_new();
}

void tf_lookups_release(struct tf_lookups *lk)
{
    size_t i;
    struct strmap *maps[] = {lk->groups.exact, lk->groups.resource, lk->ifaces.exact,
                             lk->ifaces.resource, lk->vpcs.exact, lk->vpcs.resource,
                             lk->subnets.exact, lk->subnets.resource,
                             lk->subnet_groups.exact, lk->subnet_groups.resource,
                             lk->subnet_group_by_name, lk->group_by_name, lk->iface_by_eni, lk->data_group_names,
                             lk->nets.exact, lk->nets.resource, lk->public_subnets};

    for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
        strmap_free(maps[i]);
    for (i = 0; i < lk->nlists; i++) {
        free(lk->lists[i]->v);
        free(lk->lists[i]);
    }
    free(lk->lists);
}

int tf_is_group_type(const char *type)
{
    return strcmp(type, "aws_security_group") == 0 ||
           strcmp(type, "aws_default_security_group") == 0;
}

/* The model id of a group resource: its real id when known, else its address. */
const char *tf_group_id_of(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    return model_strdup(c->jr.m, id ? id : r->address);
}

static void index_data(struct tf_ctx *c, const struct tf_res *r)
{
    const char *id = jr_str(&c->jr, r->values, "id");
    const char *name = jr_str(&c->jr, r->values, "name");

    if (tf_is_group_type(r->type) && (id || c->plan)) {
        /* In a plan made without reading the data source (a configuration
         * read from source), its id is unknown: the group is a stub, known
         * by the data source's address. */
        id = model_strdup(c->jr.m, id ? id : r->address);
        tf_index_put(c, &c->lk->groups, r->address, id);
        /* A group looked up by a data source: its name labels the group. */
        if (name)
            strmap_put(c->lk->data_group_names, id, (void *)model_strdup(c->jr.m, name));
    } else if (strcmp(r->type, "aws_security_groups") == 0) {
        json_t *ids = jr_arr(&c->jr, r->values, "ids");
        size_t i, back = jr_push_key(&c->jr, "ids");
        for (i = 0; i < json_array_size(ids) && !c->jr.failed; i++) {
            const char *gid = jr_elem_str(&c->jr, ids, i);
            if (gid)
                tf_index_put(c, &c->lk->groups, r->address, model_strdup(c->jr.m, gid));
        }
        jr_pop(&c->jr, back);
    } else if (strcmp(r->type, "aws_vpc") == 0 && id) {
        tf_index_put(c, &c->lk->vpcs, r->address, model_strdup(c->jr.m, id));
    } else if (strcmp(r->type, "aws_subnet") == 0 && id) {
        tf_index_put(c, &c->lk->subnets, r->address, model_strdup(c->jr.m, id));
    }
}

void tf_index_subnet_group(struct tf_ctx *c, const struct tf_res *r, const char *first_subnet)
{
    const char *name = jr_str(&c->jr, r->values, "name");

    tf_index_put(c, &c->lk->subnet_groups, r->address, first_subnet);
    if (name && !strmap_get(c->lk->subnet_group_by_name, name))
        strmap_put(c->lk->subnet_group_by_name, model_strdup(c->jr.m, name),
                   (void *)first_subnet);
}

void tf_index_resource(struct tf_ctx *c, const struct tf_res *r)
{
    struct tf_lookups *lk = c->lk;
    const char *id;

    if (r->data) {
        index_data(c, r);
    } else if (tf_is_group_type(r->type)) {
        const char *gid = tf_group_id_of(c, r);
        const char *name = jr_str(&c->jr, r->values, "name");
        tf_index_put(c, &lk->groups, r->address, gid);
        if (name && !strmap_get(lk->group_by_name, name))
            strmap_put(lk->group_by_name, model_strdup(c->jr.m, name), (void *)gid);
    } else if (strcmp(r->type, "aws_vpc") == 0) {
        id = jr_str(&c->jr, r->values, "id");
        tf_index_put(c, &lk->vpcs, r->address, model_strdup(c->jr.m, id ? id : r->address));
    } else if (strcmp(r->type, "aws_subnet") == 0) {
        id = jr_str(&c->jr, r->values, "id");
        tf_index_put(c, &lk->subnets, r->address, model_strdup(c->jr.m, id ? id : r->address));
    } else if (strcmp(r->type, "aws_network_interface") == 0) {
        const char *ifc;
        id = jr_str(&c->jr, r->values, "id");
        ifc = model_strdup(c->jr.m, id ? id : r->address);
        tf_index_put(c, &lk->ifaces, r->address, ifc);
        if (id)
            strmap_put(lk->iface_by_eni, ifc, (void *)ifc);
    } else if (strcmp(r->type, "aws_instance") == 0) {
        id = jr_str(&c->jr, r->values, "primary_network_interface_id");
        if (id)
            strmap_put(lk->iface_by_eni, model_strdup(c->jr.m, id), (void *)r->address);
        tf_index_put(c, &lk->ifaces, r->address, r->address);
    }
}
