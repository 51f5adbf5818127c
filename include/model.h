/*
 * model.h - the network model every importer fills and every view reads.
 *
 * Plain C structs, no Graphviz and no parser types. One struct model owns
 * all memory: strings are copied into it with model_strdup() and objects are
 * created with model_add_*(); model_free() releases everything.
 *
 * Life cycle: model_new(); importers call model_add_*(); model_finish()
 * resolves references, fills member lists, marks default egress and sorts
 * everything into a stable order; views and emitters then only read. What a
 * verb says about the objects (diff's change marks, render --lint's notes)
 * is a side table indexed by their positions (see marks.h), never written
 * into the model.
 */
#ifndef SGMAP_MODEL_H
#define SGMAP_MODEL_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "ports.h"

/* The kinds of network interface, each drawn with its own shape. */
enum iface_kind {
    KIND_EC2,
    KIND_LAMBDA,
    KIND_ECS,
    KIND_EKS,
    KIND_NAT,
    KIND_ALB,
    KIND_NLB,
    KIND_GWLB,
    KIND_CLB,
    KIND_ENDPOINT,
    KIND_RDS,
    KIND_ELASTICACHE,
    KIND_EFS,
    KIND_OTHER,
    KIND_COUNT
};

/* "ec2", "lambda", ... */
const char *kind_name(enum iface_kind kind);
/* Parse a kind name; returns 0, or -1 when the name is not a kind. */
int kind_parse(const char *name, enum iface_kind *out);
/* All kind names joined with ", " (for messages). */
const char *kind_list(void);

enum direction { DIR_INGRESS, DIR_EGRESS };
const char *direction_name(enum direction dir);

/* What the other end of a rule is. */
enum peer_type {
    PEER_GROUP,          /* a group in the model */
    PEER_EXTERNAL_GROUP, /* a group not in the input: sg-... or ACCOUNT/sg-... */
    PEER_CIDR,           /* canonical IPv4 or IPv6 CIDR text */
    PEER_PREFIX_LIST,    /* pl-... */
    PEER_PARAM,          /* param:NAME (CloudFormation parameter) */
    PEER_IMPORT,         /* import:NAME (CloudFormation import) */
    PEER_EXPRESSION,     /* an unresolved expression, shown as its source text */
};
const char *peer_type_name(enum peer_type type);

/* Rule flags. */
enum {
    RULE_DEFAULT_EGRESS = 1 << 0, /* all traffic to 0.0.0.0/0 or ::/0 outbound */
    RULE_STALE = 1 << 1,          /* the peer group is deleted or stale */
    RULE_CONDITIONAL = 1 << 2,    /* exists only under a template condition */
    RULE_PEER_BY_NAME = 1 << 3,   /* peer named a group that must be in the model */
    RULE_IMPLICIT = 1 << 4,       /* not written in the input (e.g. default egress added) */
};

struct group;

struct rule {
    struct group *group;   /* the group that holds the rule */
    enum direction dir;
    struct portspec ports;
    enum peer_type peer_type;
    const char *peer;        /* the peer id, see enum peer_type */
    const char *peer_label;  /* optional display name for the peer, or NULL */
    const char *description; /* NULL when absent */
    const char *rule_id;     /* sgr-... when known, else NULL */
    unsigned flags;
    struct srcloc loc;
    size_t index;            /* position in model->rules (set by model_finish()) */
};

struct tag {
    const char *key;
    const char *value;
};

struct group {
    const char *id;          /* sg-..., a plan address, a logical id or a design name */
    const char *name;        /* the display name */
    const char *alias;       /* another name it is known by, or NULL (the AWS
                              * GroupName when a Name tag makes the display name) */
    const char *vpc;         /* VPC id or name, or NULL */
    const char *description; /* NULL when absent */
    const char *owner;       /* owning account, or NULL */
    struct tag *tags;
    size_t ntags;
    int declared;            /* 1 if its definition was in the input, 0 if only referenced */
    int is_default;          /* the VPC's "default" group */
    int conditional;         /* exists only under a template condition */
    int default_egress;      /* add the AWS default egress rule at model_finish */
    struct srcloc loc;
    /* Filled by model_finish(): */
    struct iface **members;  /* sorted by id */
    size_t nmembers;
    size_t index;            /* position in model->groups */
};

/* A membership as the input wrote it, resolved by model_finish(). */
struct group_ref {
    const char *id;
    const char *name;   /* display name if the input gave one, else NULL */
    int must_exist;     /* 1: an unknown id is an input error (design files) */
    int conditional;    /* only under a template condition (Fn::If, Condition) */
    struct srcloc loc;
};

struct iface {
    const char *id;
    enum iface_kind kind;
    const char *label;   /* human label, e.g. the instance's Name tag */
    const char *owner;   /* what owns it (instance, function, LB...); collapse key */
    const char *vpc;     /* its own record's VPC; model_finish() fills it from its
                          * subnet when the record names none */
    const char *subnet;
    const char *arn;     /* the resource's ARN when known, or NULL: for tooltips and
                          * JSON, never for a label (label is its name) */
    const char **addresses; /* private IP addresses */
    size_t naddresses;
    const char **public_addresses; /* public IPv4 addresses (an ENI's association,
                                    * an instance's PublicIpAddress, an EIP) */
    size_t npublic_addresses;
    struct group_ref *refs;
    size_t nrefs;
    int conditional;     /* exists only under a template condition */
    struct srcloc loc;
    /* Filled by model_finish(): */
    struct group **groups; /* sorted by id, duplicates removed */
    unsigned char *group_conditional; /* per groups[i]: every ref to it is conditional */
    size_t ngroups;
    size_t index;          /* position in model->ifaces */
    /* Its subnet's NACL and route table (see struct subnet); without a
     * subnet record, its VPC's default NACL and main route table; NULL when
     * the inputs do not say (its subnet unknown, none read). */
    const struct nacl *nacl;
    const struct route_table *route_table;
};

struct vpc {
    const char *id;   /* vpc-..., a plan address, a logical id, or the source text of
                       * an expression (import:..., param:...) */
    const char *name; /* readable: Name tag, design-file name, a template's
                       * "${Stack}-VPC (imported)"; or NULL */
    const char **cidrs; /* its own IPv4 and IPv6 CIDRs (canonical text), in input order */
    size_t ncidrs;
    struct srcloc loc;
};

/* A subnet: what tells an interface's VPC when its own record does not,
 * and, with the network context, its network ACL and route table. */
struct subnet {
    const char *id;  /* subnet-..., a plan address, a logical id */
    const char *vpc; /* its VPC's id, or NULL when unknown */
    const char *nacl_id;        /* its explicit NACL association, or NULL */
    const char *route_table_id; /* its explicit route table association, or NULL */
    struct srcloc loc;
    /* Filled by model_finish(): the explicit one, else the VPC's default NACL
     * and main route table; NULL when the inputs do not say. */
    const struct nacl *nacl;
    const struct route_table *route_table;
};

/* ===== The network context (optional; see model_has_network()) ===== */

/* The closing entry of every NACL ("*": deny what no entry matched). */
#define NACL_RULE_LAST 32767

/* One entry of a network ACL: stateless, evaluated in number order. */
struct nacl_entry {
    int number;           /* 1-32766, NACL_RULE_LAST for the closing deny */
    enum direction dir;   /* ingress: inbound; egress: outbound */
    int allow;            /* 1 allow, 0 deny */
    struct portspec ports;
    const char *cidr;     /* canonical IPv4 or IPv6 CIDR */
    struct srcloc loc;
};

struct nacl {
    const char *id;       /* acl-..., a plan address, a logical id */
    const char *name;     /* Name tag, or NULL */
    const char *vpc;      /* its VPC, or NULL when unknown */
    int is_default;       /* the VPC's default NACL: the one of unassociated subnets */
    struct nacl_entry *entries; /* sorted by direction (ingress first), then number */
    size_t nentries, entries_alloc;
    struct srcloc loc;
    size_t index;         /* position in model->nacls (set by model_finish()) */
};

/* What a route sends its traffic to (by the target's id). */
enum route_target {
    ROUTE_LOCAL,     /* "local": inside the VPC */
    ROUTE_IGW,       /* igw-...: the internet, both ways */
    ROUTE_EIGW,      /* eigw-...: the internet over IPv6, outbound only */
    ROUTE_NAT,       /* nat-...: the internet, outbound only, through a NAT gateway */
    ROUTE_PEERING,   /* pcx-...: another VPC (not evaluated) */
    ROUTE_TRANSIT,   /* tgw-...: a transit gateway (not evaluated) */
    ROUTE_OTHER,     /* eni-..., vpce-..., vgw-..., i-...: somewhere not evaluated */
};
const char *route_target_name(enum route_target t);
/* The kind of a target id ("local", "igw-...", ...). */
enum route_target route_target_of(const char *target);
/* The fields a route names its target in, in the order they are tried:
 * the EC2 API's and CloudFormation's name, Terraform's, and the kind of
 * target each holds (a gateway field holds an internet gateway unless its
 * id says otherwise: "local", vgw-...). */
struct route_target_key {
    const char *api, *tf;
    enum route_target type;
};
extern const struct route_target_key route_target_keys[];
extern const size_t nroute_target_keys;

struct route {
    const char *dest;     /* canonical CIDR, or pl-... */
    const char *target;   /* as the input names it */
    enum route_target type;
    int blackhole;        /* its target is gone: traffic is dropped */
    struct srcloc loc;
};

struct route_table {
    const char *id;       /* rtb-..., a plan address, a logical id */
    const char *name;     /* Name tag, or NULL */
    const char *vpc;      /* its VPC, or NULL when unknown */
    int main;             /* the VPC's main table: the one of unassociated subnets */
    struct route *routes; /* in input order */
    size_t nroutes, routes_alloc;
    struct srcloc loc;
    size_t index;         /* position in model->route_tables (set by model_finish()) */
};

/* An internet gateway (igw-...) or egress-only internet gateway (eigw-...). */
struct gateway {
    const char *id;
    const char *vpc;      /* the VPC it is attached to, or NULL */
    int egress_only;
    struct srcloc loc;
};

/* A CIDR or prefix list with a known display name. */
struct named {
    const char *id;
    const char *name;
};

/* What the inputs say of a prefix list beyond its name (see model_set_name()). */
struct prefix_list {
    const char *id;       /* pl-... */
    const char **entries; /* canonical CIDRs, no duplicates, in input order */
    size_t nentries;
    int entries_known;    /* its entries were read (get-managed-prefix-list-entries),
                           * perhaps none: only then is entries the whole list */
    int aws_managed;      /* owned by AWS (S3, DynamoDB, CloudFront, ...) */
};

#define MODEL_MAX_GROUPS_PER_IFACE 16

struct strmap;

struct model {
    struct group **groups;
    size_t ngroups, groups_alloc;
    struct rule **rules;
    size_t nrules, rules_alloc;
    struct iface **ifaces;
    size_t nifaces, ifaces_alloc;
    struct vpc **vpcs;
    size_t nvpcs, vpcs_alloc;
    struct subnet **subnets;
    size_t nsubnets, subnets_alloc;
    struct named *names; /* CIDR and prefix-list names, sorted by id after finish */
    size_t nnames, names_alloc;
    struct prefix_list **prefix_lists; /* sorted by id after finish */
    size_t nprefix_lists, prefix_lists_alloc;
    /* The network context, each sorted by id after finish. */
    struct nacl **nacls;
    size_t nnacls, nacls_alloc;
    struct route_table **route_tables;
    size_t nroute_tables, route_tables_alloc;
    struct gateway **gateways;
    size_t ngateways, gateways_alloc;

    /* private */
    struct strmap *group_index;
    struct strmap *iface_index;
    struct strmap *vpc_index;
    struct strmap *subnet_index;
    struct strmap *name_index;
    struct strmap *rule_index;
    struct strmap *size_index;
    struct strmap *prefix_list_index;
    struct strmap *net_index; /* NACLs, route tables and gateways, created on first use */
    struct strmap *strings;
    struct arena arena;
    int finished;
};

struct model *model_new(void);
void model_free(struct model *m);
/*
 * Make room in the indexes for about this many more groups, interfaces and
 * rules, so that an importer that knows a large input is coming spares
 * them growing step by step (a hint: more or fewer may come).
 */
void model_expect(struct model *m, size_t groups, size_t ifaces, size_t rules);

/* Copy s into the model (NULL stays NULL). Equal strings may share storage. */
const char *model_strdup(struct model *m, const char *s);
const char *model_strndup(struct model *m, const char *s, size_t n);

/*
 * Find the group with this id, or create an undeclared one (declared = 0,
 * name = id). The importer sets fields and declared = 1 when the input
 * defines the group. Returns the group; *created tells whether it is new.
 */
struct group *model_group(struct model *m, const char *id, int *created);
struct group *model_find_group(const struct model *m, const char *id);
void model_group_add_tag(struct model *m, struct group *g, const char *key, const char *value);

/* Add a rule to g. Strings are copied. Returns the rule for further fields. */
struct rule *model_add_rule(struct model *m, struct group *g, enum direction dir,
                            const struct portspec *ports, enum peer_type peer_type,
                            const char *peer, const char *description,
                            const struct srcloc *loc);
/* Is there a rule in g equal in direction, ports and peer? */
struct rule *model_find_rule(const struct model *m, const struct group *g, enum direction dir,
                             const struct portspec *ports, const char *peer);

/* Find or create the interface with this id (kind other until set). */
struct iface *model_iface(struct model *m, const char *id, int *created);
struct iface *model_find_iface(const struct model *m, const char *id);
/* Record that iface is in group id (duplicates are ignored at finish).
 * Returns the reference, for further fields (conditional). */
struct group_ref *model_iface_add_group(struct model *m, struct iface *ifc, const char *group_id,
                                        const char *group_name, int must_exist,
                                        const struct srcloc *loc);
void model_iface_add_address(struct model *m, struct iface *ifc, const char *address);

/* Find or create a VPC. */
struct vpc *model_vpc(struct model *m, const char *id, int *created);
/* Record one of the VPC's own CIDRs (canonical text); repeats are ignored. */
void model_vpc_add_cidr(struct model *m, struct vpc *v, const char *cidr);
/* Find or create a subnet (vpc NULL until set; the first VPC given stays). */
struct subnet *model_subnet(struct model *m, const char *id, int *created);
struct subnet *model_find_subnet(const struct model *m, const char *id);

/* Give a CIDR (canonical text) or prefix list a display name. First name wins. */
void model_set_name(struct model *m, const char *id, const char *name);
/* The display name of a CIDR or prefix list, or NULL. */
const char *model_name_of(const struct model *m, const char *id);
/* The size of a prefix list as the rule quota counts it (a customer-managed
 * list's MaxEntries, an AWS-managed list's weight); 0 when unknown. */
void model_set_prefix_list_size(struct model *m, const char *id, unsigned long size);
unsigned long model_prefix_list_size(const struct model *m, const char *id);
/*
 * Prefix lists' entries and owners, for reachability: importers record what
 * they read (the AWS importer: get-managed-prefix-list-entries, one file per
 * list named after it, and describe-managed-prefix-lists' OwnerId; the
 * others do not fill it yet). model_prefix_list() finds or creates the
 * record; model_find_prefix_list() gives NULL when the inputs say nothing of
 * the list. Adding an entry (canonical CIDR text) marks the entries known.
 */
struct prefix_list *model_prefix_list(struct model *m, const char *id);
const struct prefix_list *model_find_prefix_list(const struct model *m, const char *id);
void model_prefix_list_add_entry(struct model *m, struct prefix_list *pl, const char *cidr);

/*
 * The network context (network.c): importers record NACLs, route tables,
 * gateways, subnets' explicit associations and public addresses as they
 * read them; model_finish() sorts NACL entries, gives each subnet its NACL
 * and route table (explicit, else its VPC's default NACL and main table).
 * Ids of the three kinds share one index: find-or-create returns NULL when
 * the id is already another kind's.
 */
struct nacl *model_nacl(struct model *m, const char *id, int *created);
const struct nacl *model_find_nacl(const struct model *m, const char *id);
/*
 * The one reading of a NACL entry's fields, for every importer: its number
 * (1-32767), action ("allow" or "deny") and protocol and ports as
 * ports_from_aws() reads them (from/to: the port range, or the ICMP type and
 * code). Fills all of *out but dir and loc. Returns 0, NACL_ERR_NUMBER,
 * NACL_ERR_ACTION or a PORTS_ERR_*, with a message in err.
 */
#define NACL_ERR_NUMBER (-10)
#define NACL_ERR_ACTION (-11)
int nacl_entry_make(long number, const char *action, const char *protocol, int has_ports,
                    long from, long to, const char *cidr, struct nacl_entry *out, char *err,
                    size_t errlen);
/* Add an entry (its strings copied). Returns 0; 1 when the same entry is
 * already there (ignored); -1 when another entry has its direction and
 * number (the closing entry excepted, which has one per family). */
int model_nacl_add_entry(struct model *m, struct nacl *n, const struct nacl_entry *e);
/* The entry of this number and direction, or NULL. */
const struct nacl_entry *model_nacl_find_entry(const struct nacl *n, enum direction dir,
                                               int number);
struct route_table *model_route_table(struct model *m, const char *id, int *created);
const struct route_table *model_find_route_table(const struct model *m, const char *id);
/* Add a route (dest canonical CIDR or pl-...; strings copied) to a target
 * of this kind; a route to a destination the table already has is ignored. */
void model_route_table_add_route(struct model *m, struct route_table *t, const char *dest,
                                 const char *target, enum route_target type, int blackhole,
                                 const struct srcloc *loc);
struct gateway *model_gateway(struct model *m, const char *id, int *created);
const struct gateway *model_find_gateway(const struct model *m, const char *id);
/* A public address of an interface (repeats ignored). */
void model_iface_add_public_address(struct model *m, struct iface *ifc, const char *address);
/* Do the inputs carry network context (NACLs, route tables or gateways)? */
int model_has_network(const struct model *m);

/*
 * Resolve and sort: an interface whose record names no VPC takes its
 * subnet's; a group that names none takes the one VPC its members are in
 * (a group belongs to one VPC). Reports unknown must-exist references and interfaces in
 * more than MODEL_MAX_GROUPS_PER_IFACE groups as input errors. Returns 0, or
 * -1 when an error was reported.
 */
int model_finish(struct model *m);
/* The same, but an interface in more groups than AWS allows is no input
 * error: sgmap lint reports it as a finding. */
int model_finish_lenient(struct model *m);

/* Source text helpers shared by importers. */
/* Classify a peer written as text: CIDR, pl-, ACCOUNT/sg-, sg-, else a name. */
enum peer_type model_classify_peer(const char *text);
int peer_is_internet(const char *cidr);

#endif
