/*
 * aws_internal.h - private interface between the files of the AWS CLI/SDK
 * JSON importer (import_aws.c and aws_*.c). Not used outside them.
 *
 * import_aws.c   documents, SDK pages, dispatch on response keys, detection
 * aws_json.c     AWS-only getters (a required string, a tag) and the walk over a list
 * aws_sg.c       security groups, rules, stale groups, VPCs, subnets, prefix lists
 * aws_eni.c      network interfaces (the owner table), instances, VPC endpoints
 * aws_services.c load balancers, Lambda, RDS, ECS, ElastiCache
 * aws_net.c      network ACLs, route tables, internet gateways, Elastic IPs
 * aws_state.c    per-session state kept across files, placeholders, reconciliation
 */
#ifndef SGMAP_AWS_INTERNAL_H
#define SGMAP_AWS_INTERNAL_H

#include <stddef.h>

#include "json_reader.h"
#include "model.h"

struct aws_state;

/* One import_aws() call: the file, the JSON path being read, the first error. */
struct aws_ctx {
    struct json_reader jr; /* model, file, path and error: read with jr_*() */
    struct aws_state *st;  /* state shared by every file of this model */
    const char *account;   /* owner account of the page being read, or NULL */
    struct iface **task_enis; /* ECS task ENIs of describe-tasks in this file */
    size_t ntask_enis, task_enis_alloc;
    size_t drawn;          /* groups, rules and members this file gave (or merged) */
    size_t *listed;        /* per response kind: 1 + the elements listed, 0 if absent */
    int in_folder;         /* the file was found in a directory (see importer.h) */
};

/* ===== aws_json.c: getters beyond json_reader.h ===== */

/* obj[key] as a string (see jr_str()); absent is an error "missing KEY". */
const char *aws_req_str(struct aws_ctx *c, const struct jnode *obj, const char *key);
/*
 * The value of the first pair named name in the list obj[list] of
 * {NAME_KEY: name, VALUE_KEY: value} objects, or NULL. Every pair is read
 * (a value of the wrong type after the one found is still an error).
 */
const char *aws_find(struct aws_ctx *c, const struct jnode *obj, const char *list,
                     const char *name_key, const char *value_key, const char *name);
/* The Value of the tag whose Key is key in a [{Key, Value}] list, or NULL. */
const char *aws_tag(struct aws_ctx *c, const struct jnode *obj, const char *list, const char *key);

/*
 * The reader of one element of an array of objects, for aws_each(): obj is
 * the element (an object, never NULL) and the path ends with its "[i]";
 * arg is what aws_each() was given. It reports errors with jr_error()
 * (aws_each() stops after one) and leaves the path as it found it.
 */
typedef void aws_elem_fn(struct aws_ctx *c, const struct jnode *obj, void *arg);

/*
 * Call fn(c, element, arg) on each element of arr in order, with "[i]"
 * pushed on the path for the call. key is NULL when the path already
 * names arr, else the key arr was read at in the object at the path (it
 * is pushed before "[i]"). arr NULL is an empty array. Stops at the first
 * error, fn's or an element that is not an object ("expected an object,
 * got ...", reported at "[i]").
 */
void aws_each(struct aws_ctx *c, const struct jnode *arr, const char *key, aws_elem_fn *fn,
              void *arg);
/* aws_each() on obj[key] read with jr_arr(): absent or null is empty, another type an error. */
void aws_each_at(struct aws_ctx *c, const struct jnode *obj, const char *key, aws_elem_fn *fn,
                 void *arg);

/* ===== The readers of each response (one page object each) ===== */

void aws_read_security_groups(struct aws_ctx *c, const struct jnode *arr);
void aws_read_security_group_rules(struct aws_ctx *c, const struct jnode *arr);
void aws_read_stale_groups(struct aws_ctx *c, const struct jnode *arr);
void aws_read_vpcs(struct aws_ctx *c, const struct jnode *arr);
void aws_read_subnets(struct aws_ctx *c, const struct jnode *arr);
void aws_read_prefix_lists(struct aws_ctx *c, const struct jnode *arr);
void aws_read_prefix_list_entries(struct aws_ctx *c, const struct jnode *arr);

void aws_read_network_interfaces(struct aws_ctx *c, const struct jnode *arr);
void aws_read_reservations(struct aws_ctx *c, const struct jnode *arr);
void aws_read_instances(struct aws_ctx *c, const struct jnode *arr);
void aws_read_vpc_endpoints(struct aws_ctx *c, const struct jnode *arr);

void aws_read_network_acls(struct aws_ctx *c, const struct jnode *arr);
void aws_read_route_tables(struct aws_ctx *c, const struct jnode *arr);
void aws_read_internet_gateways(struct aws_ctx *c, const struct jnode *arr);
void aws_read_egress_only_gateways(struct aws_ctx *c, const struct jnode *arr);
void aws_read_addresses(struct aws_ctx *c, const struct jnode *arr);

void aws_read_load_balancers(struct aws_ctx *c, const struct jnode *arr);
void aws_read_classic_load_balancers(struct aws_ctx *c, const struct jnode *arr);
void aws_read_functions(struct aws_ctx *c, const struct jnode *arr);
void aws_read_function(struct aws_ctx *c, const struct jnode *fn);
void aws_read_db_instances(struct aws_ctx *c, const struct jnode *arr);
void aws_read_db_clusters(struct aws_ctx *c, const struct jnode *arr);
void aws_read_ecs_services(struct aws_ctx *c, const struct jnode *arr);
void aws_read_ecs_tasks(struct aws_ctx *c, const struct jnode *arr);
void aws_read_cache_clusters(struct aws_ctx *c, const struct jnode *arr);
void aws_read_replication_groups(struct aws_ctx *c, const struct jnode *arr);

/* ===== aws_state.c: state across the files of one model ===== */

/* Flags of an interface this importer made, for later refinement. */
enum {
    AWS_NEED_INSTANCE_NAME = 1 << 0, /* label = the Name tag of owner (an i-...) */
    AWS_NEED_ENDPOINT_NAME = 1 << 1, /* label = the service of owner (a vpce-...) */
    AWS_NEED_MATCH_LABEL = 1 << 2,   /* RDS/ECS ENI: label from the resources sharing a group */
    AWS_NEED_SERVICE_GROUPS = 1 << 3, /* ECS task ENI: groups from its service */
    AWS_NEED_ATTACHMENT = 1 << 4,    /* ECS ENI: service from its attachment id */
};

struct import_session;
/* The state of this import session, for model m (created on first use),
 * with room for about keys more keys. */
struct aws_state *aws_state_get(struct import_session *s, struct model *m, size_t keys);

/* A key -> value table (keys copied, values borrowed). */
const void *aws_state_lookup(struct aws_state *st, const char *ns, const char *key);
void aws_state_remember(struct aws_state *st, const char *ns, const char *key,
                        const void *value);

/*
 * Note a real network interface (one with an ENI id). owner_key is the key
 * a placeholder of the same resource would have ("alb:NAME", "i-...");
 * need is a set of AWS_NEED_* bits; extra is the attachment id or similar.
 */
void aws_state_eni(struct aws_state *st, struct iface *ifc, const char *owner_key,
                   unsigned need, const char *extra);
/* Mark a key as covered although no ENI carries it (e.g. a DB cluster with instances). */
void aws_state_cover(struct aws_state *st, const char *key);

/*
 * Find or create a placeholder member: a resource known only from a
 * higher-level API (an instance without ENI records, a load balancer, a
 * function, a database...). It is dropped at reconciliation when an ENI
 * of the same resource is (or later becomes) known: key is the owner key
 * that ENI would have. match_groups: RDS and ECS ENIs do not name their
 * owner, so the placeholder is a candidate owner of every ENI of its kind
 * that shares a group with it (those with exactly its groups first); the
 * ENI is labelled with all its candidates, and a candidate's placeholder
 * is dropped while it is one (see aws_state_reconcile()).
 * Returns NULL when the placeholder is dropped (nothing to do).
 */
struct iface *aws_placeholder(struct aws_ctx *c, const char *id, const char *key,
                              enum iface_kind kind, const char *label, int match_groups);
/* Add a group to a placeholder (recorded for group matching too). */
void aws_placeholder_group(struct aws_ctx *c, struct iface *ifc, const char *gid,
                           const char *gname);
/*
 * Add the groups of a [{ID_KEY, NAME_KEY}] list to a placeholder with
 * aws_placeholder_group(): arr is the list (NULL: none), read by the caller
 * at key in the object at the path; id_key is required in each element;
 * name_key NULL: the elements carry no group name (it is not read).
 */
void aws_placeholder_groups(struct aws_ctx *c, struct iface *ifc, const struct jnode *arr,
                            const char *key, const char *id_key, const char *name_key);

/* After each file: drop covered placeholders, refine labels and groups. */
void aws_state_reconcile(struct aws_state *st);

/* After reconciliation: say when this file's ECS task ENIs have no group. */
void aws_note_task_groups(struct aws_ctx *c);

/* ===== Helpers shared by the readers ===== */

/* Canonical CIDR text of obj[key] into out (CIDR_TEXT_MAX bytes); 0 when
 * absent, -1 after an error. */
int aws_read_cidr(struct aws_ctx *c, const struct jnode *obj, const char *key, char *out);
/* obj[key], when present, as a public address of ifc (an IP address, else
 * an error); returns the address as the model keeps it, or NULL. */
const char *aws_public_address(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj,
                               const char *key);

/* Set the label unless the interface already has a better one (not its id). */
void aws_set_label(struct model *m, struct iface *ifc, const char *label);
/* Read a [{GroupId, GroupName}] list into the interface's memberships. */
void aws_read_group_pairs(struct aws_ctx *c, struct iface *ifc, const struct jnode *obj,
                          const char *key);

#endif
