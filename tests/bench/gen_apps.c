/*
 * gen_apps.c - write the "100-app synthetic account" of the benchmarks:
 * DIR/describe-security-groups.json and DIR/describe-network-interfaces.json
 * in the AWS CLI's own layout (4-space indentation), deterministic for a
 * seed.
 *
 *     gen_apps DIR [APPS [SEED]]      (defaults 100 1)
 *
 * Each app has five tiers, each its own group named after it (app0042-lb,
 * -web, -app, -db, -cache) with 16 interfaces: 2 ALB, 4 web and 6 app EC2
 * instances, 2 RDS, 2 ElastiCache. Every 100 apps share a VPC with its
 * `bastion` (SSH to the web, app and database tiers) and `monitoring`
 * (metrics scrapes) groups, 2 bastion and 3 Prometheus interfaces. Rules
 * chain the tiers (internet -> lb -> web -> app -> db, cache; S3 through a
 * prefix list), each with a description. 100 apps: 502 groups, 1,605
 * interfaces; 500 apps (the regional quota): 2,510 groups; 2,000 apps:
 * 10,040 groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

/* ===== A writer of the CLI's layout ===== */

static FILE *out;
static int depth;      /* open containers */
static int first[64];  /* nothing written yet in container [depth] */

static void indent(void)
{
    int i;
    for (i = 0; i < depth; i++)
        fputs("    ", out);
}

/* Start an item of the open container, after a comma when not its first. */
static void item(const char *key)
{
    if (depth > 0) {
        fputs(first[depth] ? "\n" : ",\n", out);
        indent();
    }
    first[depth] = 0;
    if (key)
        fprintf(out, "\"%s\": ", key);
}

static void open_c(const char *key, char bracket)
{
    item(key);
    fputc(bracket, out);
    first[++depth] = 1;
}

static void close_c(char bracket)
{
    int empty = first[depth];
    depth--;
    if (!empty) {
        fputc('\n', out);
        indent();
    }
    fputc(bracket, out);
}

static void obj(const char *key) { open_c(key, '{'); }
static void arr(const char *key) { open_c(key, '['); }
static void end_obj(void) { close_c('}'); }
static void end_arr(void) { close_c(']'); }

static void str(const char *key, const char *value)
{
    item(key);
    fprintf(out, "\"%s\"", value);
}

static void num(const char *key, long value)
{
    item(key);
    fprintf(out, "%ld", value);
}

static void boolean(const char *key, int value)
{
    item(key);
    fputs(value ? "true" : "false", out);
}

static void begin_file(const char *dir, const char *name, const char *list)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!(out = fopen(path, "w"))) {
        perror(path);
        exit(1);
    }
    obj(NULL);
    arr(list);
}

static void end_file(void)
{
    end_arr();
    end_obj();
    fputc('\n', out);
    if (fclose(out) != 0)
        exit(1);
}

/* ===== The account ===== */

#define ACCOUNT "123456789012"
#define APPS_PER_VPC 100

static const char *const tiers[] = {"lb", "web", "app", "db", "cache"};
enum { LB, WEB, APP, DB, CACHE, NTIERS };
/* Two shared groups per VPC, after the tiers of its apps. */
enum { BASTION, MONITORING };

static const char *const purposes[] = {
    "checkout", "search", "catalog", "payments", "accounts", "reviews", "shipping",
    "inventory", "pricing", "recommendations", "notifications", "media",
};

static void group_id(char *buf, size_t n, unsigned long app, int tier)
{
    snprintf(buf, n, "sg-%08lx%09lx", app, 0x1000UL + (unsigned long)tier);
}

static void shared_id(char *buf, size_t n, unsigned long vpc, int which)
{
    snprintf(buf, n, "sg-%08lx%09lx", 0xfff00000UL + vpc, 0x2000UL + (unsigned long)which);
}

static void vpc_id(char *buf, size_t n, unsigned long vpc)
{
    snprintf(buf, n, "vpc-%017lx", 0x0d00000000000000UL + vpc);
}

/* One IpPermission: protocol, ports, and one peer (CIDR, IPv6, list or group). */
struct peer {
    const char *cidr, *cidr6, *prefix_list, *group;
    const char *why;
};

/* A peer list of a permission: empty, or the one peer whose key is key. */
static void peer_list(const char *list, const char *key, const char *value, const char *why)
{
    arr(list);
    if (value) {
        obj(NULL);
        str(key, value);
        if (why)
            str("Description", why);
        if (strcmp(key, "GroupId") == 0)
            str("UserId", ACCOUNT);
        end_obj();
    }
    end_arr();
}

static void permission(const char *proto, long from, long to, const struct peer *p)
{
    obj(NULL);
    if (strcmp(proto, "-1") != 0)
        num("FromPort", from);
    str("IpProtocol", proto);
    peer_list("IpRanges", "CidrIp", p->cidr, p->why);
    peer_list("Ipv6Ranges", "CidrIpv6", p->cidr6, p->why);
    peer_list("PrefixListIds", "PrefixListId", p->prefix_list, p->why);
    if (strcmp(proto, "-1") != 0)
        num("ToPort", to);
    peer_list("UserIdGroupPairs", "GroupId", p->group, p->why);
    end_obj();
}

/* A group's head: description, name, and the start of its ingress list. */
static void group_begin(const char *name, const char *desc)
{
    obj(NULL);
    str("Description", desc);
    str("GroupName", name);
    arr("IpPermissions");
}

/* After the ingress list: owner, id, and the start of the egress list,
 * with the default rule (all to anywhere) when all_egress. */
static void group_end(const char *id, int all_egress)
{
    static const struct peer anywhere = {"0.0.0.0/0", NULL, NULL, NULL, NULL};

    end_arr();
    str("OwnerId", ACCOUNT);
    str("GroupId", id);
    arr("IpPermissionsEgress");
    if (all_egress)
        permission("-1", 0, 0, &anywhere);
}

/* The end of the egress list, the Name tag and the VPC. */
static void group_close(const char *name, const char *vpc)
{
    end_arr();
    arr("Tags");
    obj(NULL);
    str("Key", "Name");
    str("Value", name);
    end_obj();
    end_arr();
    str("VpcId", vpc);
    end_obj();
}

static void write_app(unsigned long a, const char *bastion, const char *monitoring,
                      const char *vpc)
{
    char id[NTIERS][32], name[64], desc[160];
    const char *purpose = purposes[a % (sizeof(purposes) / sizeof(purposes[0]))];
    struct peer p = {0};
    int t;

    for (t = 0; t < NTIERS; t++)
        group_id(id[t], sizeof(id[t]), a, t);
    for (t = 0; t < NTIERS; t++) {
        snprintf(name, sizeof(name), "app%04lu-%s", a, tiers[t]);
        snprintf(desc, sizeof(desc), "%s tier of app%04lu (%s)", tiers[t], a, purpose);
        group_begin(name, desc);
        memset(&p, 0, sizeof(p));
        switch (t) {
        case LB:
            p.cidr = "0.0.0.0/0", p.why = "HTTPS from the internet";
            permission("tcp", 443, 443, &p);
            p.cidr = NULL, p.cidr6 = "::/0", p.why = "HTTPS from the internet over IPv6";
            permission("tcp", 443, 443, &p);
            p.cidr = "0.0.0.0/0", p.cidr6 = NULL, p.why = "HTTP, redirected to HTTPS";
            permission("tcp", 80, 80, &p);
            break;
        case WEB:
        case APP:
            p.group = id[t - 1];
            p.why = t == WEB ? "Requests from the load balancer" : "API calls from the web tier";
            permission("tcp", t == WEB ? 8080 : 8443, t == WEB ? 8080 : 8443, &p);
            p.group = bastion, p.why = "SSH from the bastion";
            permission("tcp", 22, 22, &p);
            p.group = monitoring, p.why = "Node exporter scraped by Prometheus";
            permission("tcp", 9100, 9100, &p);
            break;
        case DB:
            p.group = id[APP], p.why = "PostgreSQL from the app tier";
            permission("tcp", 5432, 5432, &p);
            p.group = bastion, p.why = "PostgreSQL from the bastion for migrations";
            permission("tcp", 5432, 5432, &p);
            break;
        default:
            p.group = id[APP], p.why = "Redis from the app tier";
            permission("tcp", 6379, 6379, &p);
            break;
        }
        group_end(id[t], t != LB && t != APP);
        memset(&p, 0, sizeof(p));
        if (t == LB) {
            p.group = id[WEB], p.why = "Requests to the web tier";
            permission("tcp", 8080, 8080, &p);
        } else if (t == APP) {
            p.group = id[DB], p.why = "PostgreSQL";
            permission("tcp", 5432, 5432, &p);
            p.group = id[CACHE], p.why = "Redis sessions";
            permission("tcp", 6379, 6379, &p);
            p.group = NULL, p.prefix_list = "pl-63a5400a", p.why = "Uploads to S3";
            permission("tcp", 443, 443, &p);
        }
        group_close(name, vpc);
    }
}

static void write_shared(unsigned long v, const char *vpc)
{
    char id[32], name[64], office[32];
    struct peer p = {0};
    int which;

    for (which = BASTION; which <= MONITORING; which++) {
        shared_id(id, sizeof(id), v, which);
        snprintf(name, sizeof(name), "%s-%lu", which == BASTION ? "bastion" : "monitoring", v);
        group_begin(name, which == BASTION ? "SSH bastion hosts" : "Prometheus servers");
        snprintf(office, sizeof(office), "203.0.%lu.0/24", 113 + v % 8);
        p.cidr = office;
        p.why = which == BASTION ? "SSH from the office" : "Grafana from the office";
        permission("tcp", which == BASTION ? 22 : 9090, which == BASTION ? 22 : 9090, &p);
        group_end(id, 1);
        group_close(name, vpc);
    }
}

static void write_groups(const char *dir, unsigned long apps)
{
    unsigned long a, v, nvpcs = (apps + APPS_PER_VPC - 1) / APPS_PER_VPC;
    char vpc[32], bastion[32], monitoring[32];

    begin_file(dir, "describe-security-groups.json", "SecurityGroups");
    for (v = 0; v < nvpcs; v++) {
        vpc_id(vpc, sizeof(vpc), v);
        shared_id(bastion, sizeof(bastion), v, BASTION);
        shared_id(monitoring, sizeof(monitoring), v, MONITORING);
        write_shared(v, vpc);
        for (a = v * APPS_PER_VPC; a < apps && a < (v + 1) * APPS_PER_VPC; a++)
            write_app(a, bastion, monitoring, vpc);
    }
    end_file();
}

/* One network interface: its owner's description and type, and its groups. */
struct eni {
    unsigned long n; /* its number, for its ids and address */
    const char *desc, *type, *requester;
    const char *instance; /* i-..., or NULL */
    const char *groups[2], *group_names[2];
    const char *vpc;
    unsigned long vpc_n;
};

static void write_eni(const struct eni *e)
{
    char buf[128];
    int g;

    obj(NULL);
    snprintf(buf, sizeof(buf), "us-east-1%c", 'a' + (int)(e->n % 3));
    str("AvailabilityZone", buf);
    if (e->instance) {
        obj("Attachment");
        str("AttachTime", "2025-03-01T00:00:00.000Z");
        snprintf(buf, sizeof(buf), "eni-attach-%017lx", e->n);
        str("AttachmentId", buf);
        boolean("DeleteOnTermination", 1);
        num("DeviceIndex", 0);
        str("InstanceId", e->instance);
        str("InstanceOwnerId", ACCOUNT);
        str("Status", "attached");
        end_obj();
    }
    str("Description", e->desc);
    arr("Groups");
    for (g = 0; g < 2 && e->groups[g]; g++) {
        obj(NULL);
        str("GroupName", e->group_names[g]);
        str("GroupId", e->groups[g]);
        end_obj();
    }
    end_arr();
    str("InterfaceType", e->type);
    arr("Ipv6Addresses");
    end_arr();
    snprintf(buf, sizeof(buf), "02:%02lx:%02lx:%02lx:00:01", e->n >> 16 & 0xff, e->n >> 8 & 0xff,
             e->n & 0xff);
    str("MacAddress", buf);
    snprintf(buf, sizeof(buf), "eni-%017lx", 0x0e00000000000000UL + e->n);
    str("NetworkInterfaceId", buf);
    str("OwnerId", ACCOUNT);
    snprintf(buf, sizeof(buf), "10.%lu.%lu.%lu", e->vpc_n % 256, e->n / 250 % 256, 4 + e->n % 250);
    str("PrivateIpAddress", buf);
    arr("PrivateIpAddresses");
    obj(NULL);
    boolean("Primary", 1);
    str("PrivateIpAddress", buf);
    end_obj();
    end_arr();
    str("RequesterId", e->requester ? e->requester : ACCOUNT);
    boolean("RequesterManaged", e->requester != NULL);
    boolean("SourceDestCheck", 1);
    str("Status", "in-use");
    snprintf(buf, sizeof(buf), "subnet-%017lx", 0x0f00000000000000UL + e->vpc_n * 3 + e->n % 3);
    str("SubnetId", buf);
    arr("TagSet");
    end_arr();
    str("VpcId", e->vpc);
    end_obj();
}

/* Interfaces per tier: ALB, web and app EC2, RDS, ElastiCache. */
static const int per_tier[NTIERS] = {2, 4, 6, 2, 2};

static void write_enis(const char *dir, unsigned long apps)
{
    unsigned long a, v, nvpcs = (apps + APPS_PER_VPC - 1) / APPS_PER_VPC, n = 0;
    char vpc[32], shared[2][32], shared_name[2][64], ids[NTIERS][32], names[NTIERS][64];
    char desc[160], instance[32];
    int t, k, which;

    begin_file(dir, "describe-network-interfaces.json", "NetworkInterfaces");
    for (v = 0; v < nvpcs; v++) {
        struct eni e = {0};
        vpc_id(vpc, sizeof(vpc), v);
        e.vpc = vpc;
        e.vpc_n = v;
        for (which = BASTION; which <= MONITORING; which++) {
            shared_id(shared[which], sizeof(shared[which]), v, which);
            snprintf(shared_name[which], sizeof(shared_name[which]), "%s-%lu",
                     which == BASTION ? "bastion" : "monitoring", v);
            for (k = 0; k < (which == BASTION ? 2 : 3); k++) {
                e.n = n++;
                snprintf(instance, sizeof(instance), "i-%017lx", 0x0100000000000000UL + e.n);
                e.instance = instance, e.desc = "Primary network interface";
                e.type = "interface", e.requester = NULL;
                e.groups[0] = shared[which], e.group_names[0] = shared_name[which];
                e.groups[1] = NULL;
                write_eni(&e);
            }
        }
        for (a = v * APPS_PER_VPC; a < apps && a < (v + 1) * APPS_PER_VPC; a++) {
            for (t = 0; t < NTIERS; t++) {
                group_id(ids[t], sizeof(ids[t]), a, t);
                snprintf(names[t], sizeof(names[t]), "app%04lu-%s", a, tiers[t]);
            }
            for (t = 0; t < NTIERS; t++) {
                for (k = 0; k < per_tier[t]; k++) {
                    e.n = n++;
                    e.instance = NULL, e.requester = "amazon-aws", e.type = "interface";
                    e.groups[0] = ids[t], e.group_names[0] = names[t];
                    e.groups[1] = NULL;
                    if (t == LB) {
                        snprintf(desc, sizeof(desc), "ELB app/app%04lu-lb/%016lx", a,
                                 0x50dc6c495c0c0000UL + a);
                        e.requester = "amazon-elb";
                    } else if (t == WEB || t == APP) {
                        snprintf(instance, sizeof(instance), "i-%017lx",
                                 0x0100000000000000UL + e.n);
                        snprintf(desc, sizeof(desc), "Primary network interface");
                        e.instance = instance, e.requester = NULL;
                        /* Some instances also run a monitoring agent. */
                        if (rnd(4) == 0) {
                            e.groups[1] = shared[MONITORING];
                            e.group_names[1] = shared_name[MONITORING];
                        }
                    } else if (t == DB) {
                        snprintf(desc, sizeof(desc), "RDSNetworkInterface");
                    } else {
                        snprintf(desc, sizeof(desc), "ElastiCache app%04lu-cache-%03d", a, k);
                    }
                    e.desc = desc;
                    write_eni(&e);
                }
            }
        }
    }
    end_file();
}

int main(int argc, char **argv)
{
    unsigned long apps = 100;

    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: gen_apps DIR [APPS [SEED]]\n");
        return 2;
    }
    if (argc > 2)
        apps = strtoul(argv[2], NULL, 10);
    rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    if (rng_state == 0)
        rng_state = 1;
    if (apps == 0 || apps > 100000) {
        fprintf(stderr, "gen_apps: APPS must be 1 to 100000\n");
        return 2;
    }
    write_groups(argv[1], apps);
    write_enis(argv[1], apps);
    return 0;
}
