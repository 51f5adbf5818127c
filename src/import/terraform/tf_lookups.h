/*
 * tf_lookups.h - the ids of groups, interfaces, VPCs and subnets by Terraform
 * address (tf_lookups.c), filled by the first pass over the resources and
 * read by the references (tf_refs.c).
 */
#ifndef SGMAP_TF_LOOKUPS_H
#define SGMAP_TF_LOOKUPS_H

#include "tf_internal.h"

struct tf_vals {
    const char **v;
    size_t n, alloc;
};

/* Resource instances by address: each instance, and each resource (the
 * address without its instance key) with all its instances in input order. */
struct tf_index {
    struct strmap *exact;    /* instance address -> struct tf_vals * */
    struct strmap *resource; /* resource address -> struct tf_vals * */
};

struct tf_lookups {
    struct tf_index groups; /* groups and data aws_security_group(s) -> group ids */
    struct tf_index ifaces; /* aws_network_interface, aws_instance -> interface ids */
    struct tf_index vpcs;   /* aws_vpc, data aws_vpc -> VPC ids */
    struct tf_index subnets; /* aws_subnet, data aws_subnet -> subnet ids */
    struct tf_index subnet_groups;     /* DB, cache... subnet groups -> their first subnet */
    struct tf_index nets;    /* NACLs, route tables, gateways -> their ids (tf_net.c) */
    struct strmap *public_subnets;   /* subnets with map_public_ip_on_launch */
    struct strmap *subnet_group_by_name; /* a subnet group's name -> its first subnet */
    struct strmap *group_by_name;    /* group name attribute -> group id */
    struct strmap *iface_by_eni;     /* ENI id -> interface id */
    struct strmap *data_group_names; /* data aws_security_group id -> its name;
                                      * a module not read -> its source */
    struct tf_vals **lists;          /* every list made, to free */
    size_t nlists, lists_alloc;
};

/*
 * What address names: with key (count.index or each.key of the referring
 * instance), that instance of the resource when it exists; else the
 * instance at address; else, for an address without a key, every instance
 * of the resource. NULL when nothing.
 */
const struct tf_vals *tf_index_find(const struct tf_index *ix, const char *address,
                                    const char *key);
void tf_lookups_init(struct tf_lookups *lk);
/* Record that address (a model string) has value (a model string) in ix. */
void tf_index_put(struct tf_ctx *c, struct tf_index *ix, const char *address,
                  const char *value);
void tf_lookups_release(struct tf_lookups *lk);
int tf_is_group_type(const char *type);
/* The model id of a group resource: its real id when known, else its address. */
const char *tf_group_id_of(struct tf_ctx *c, const struct tf_res *r);
void tf_index_resource(struct tf_ctx *c, const struct tf_res *r);
/* Record that the subnet group r (after pass 1) has first_subnet first. */
void tf_index_subnet_group(struct tf_ctx *c, const struct tf_res *r, const char *first_subnet);

#endif
