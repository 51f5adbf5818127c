/*
 * gen_account.c - write a synthetic AWS account for the import benchmark:
 * DIR/describe-security-groups.json and DIR/describe-network-interfaces.json
 * in the AWS CLI's own layout (4-space indentation), deterministic for a
 * seed.
 *
 *     gen_account DIR [GROUPS [ENIS [SEED]]]     (defaults 2500 8000 1)
 *
 * Groups have 2-5 permissions of realistic shapes (CIDRs with
 * descriptions, references to other groups, prefix lists, IPv6, the default
 * egress rule); ENIs are spread over the kinds of the owner table (EC2,
 * ALB, Lambda, ECS, RDS, NAT, endpoints...) with 1-5 groups each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static const char *const words[] = {
    "game", "servers", "production", "monitoring", "lb", "web", "api", "db", "cache",
    "batch", "workers", "staging", "internal", "public", "metrics", "auth", "search",
};

static const struct {
    const char *proto;
    int from, to;
    const char *why;
} shapes[] = {
    {"tcp", 443, 443, "HTTPS from clients"},
    {"tcp", 8443, 8443, "Game traffic from the load balancer"},
    {"tcp", 9999, 9999, "OpenMetrics scrape from Prometheus"},
    {"tcp", 5432, 5432, "PostgreSQL from the application tier"},
    {"tcp", 6379, 6379, "Redis sessions"},
    {"tcp", 22, 22, "SSH from the bastion"},
    {"udp", 53, 53, "DNS"},
    {"tcp", 1024, 65535, "Ephemeral ports"},
    {"icmp", 8, -1, "Ping from monitoring"},
    {"-1", 0, 0, "All traffic within the tier"},
};

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    FILE *fp;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fp = fopen(path, "w");
    if (!fp) {
        perror(path);
        exit(1);
    }
    return fp;
}

static void sg_id(char *buf, size_t n, unsigned long i)
{
    snprintf(buf, n, "sg-%017lx", 0x0a00000000000000UL + i);
}

static void write_groups(const char *dir, unsigned long ngroups)
{
    FILE *fp = open_out(dir, "describe-security-groups.json");
    unsigned long g, p, k;
    char id[32], peer[32];

    fprintf(fp, "{\n    \"SecurityGroups\": [\n");
    for (g = 0; g < ngroups; g++) {
        unsigned long nperm = 2 + rnd(4);
        sg_id(id, sizeof(id), g);
        fprintf(fp, "        {\n            \"Description\": \"%s %s %lu\",\n",
                words[rnd(17)], words[rnd(17)], g);
        fprintf(fp, "            \"GroupName\": \"%s-%s-%lu\",\n", words[rnd(17)],
                words[rnd(17)], g);
        fprintf(fp, "            \"IpPermissions\": [\n");
        for (p = 0; p < nperm; p++) {
            unsigned long s = rnd(sizeof(shapes) / sizeof(shapes[0]));
            unsigned long kind = rnd(10), n = 1 + rnd(3);
            fprintf(fp, "                {\n");
            if (strcmp(shapes[s].proto, "-1") != 0)
                fprintf(fp, "                    \"FromPort\": %d,\n", shapes[s].from);
            fprintf(fp, "                    \"IpProtocol\": \"%s\",\n", shapes[s].proto);
            fprintf(fp, "                    \"IpRanges\": [");
            for (k = 0; kind < 5 && k < n; k++)
                fprintf(fp, "%s\n                        {\n                            \"CidrIp\": \"10.%lu.%lu.0/24\",\n                            \"Description\": \"%s (%s %lu)\"\n                        }",
                        k ? "," : "", rnd(256), rnd(256), shapes[s].why, words[rnd(17)], k);
            fprintf(fp, "%s],\n", kind < 5 ? "\n                    " : "");
            fprintf(fp, "                    \"Ipv6Ranges\": [");
            if (kind == 5)
                fprintf(fp, "\n                        {\n                            \"CidrIpv6\": \"2600:1f18:%lx::/56\",\n                            \"Description\": \"%s over IPv6\"\n                        }\n                    ",
                        rnd(65536), shapes[s].why);
            fprintf(fp, "],\n                    \"PrefixListIds\": [");
            if (kind == 6)
                fprintf(fp, "\n                        {\n                            \"Description\": \"%s via S3\",\n                            \"PrefixListId\": \"pl-63a5400a\"\n                        }\n                    ",
                        shapes[s].why);
            fprintf(fp, "],\n");
            if (strcmp(shapes[s].proto, "-1") != 0)
                fprintf(fp, "                    \"ToPort\": %d,\n", shapes[s].to);
            fprintf(fp, "                    \"UserIdGroupPairs\": [");
            for (k = 0; kind >= 7 && k < n; k++) {
                sg_id(peer, sizeof(peer), rnd(ngroups));
                fprintf(fp, "%s\n                        {\n                            \"Description\": \"%s from %s\",\n                            \"GroupId\": \"%s\",\n                            \"UserId\": \"123456789012\"\n                        }",
                        k ? "," : "", shapes[s].why, words[rnd(17)], peer);
            }
            fprintf(fp, "%s]\n", kind >= 7 ? "\n                    " : "");
            fprintf(fp, "                }%s\n", p + 1 < nperm ? "," : "");
        }
        fprintf(fp, "            ],\n");
        fprintf(fp, "            \"OwnerId\": \"123456789012\",\n");
        fprintf(fp, "            \"GroupId\": \"%s\",\n", id);
        fprintf(fp, "            \"IpPermissionsEgress\": [\n                {\n                    \"IpProtocol\": \"-1\",\n                    \"IpRanges\": [\n                        {\n                            \"CidrIp\": \"0.0.0.0/0\"\n                        }\n                    ],\n                    \"Ipv6Ranges\": [],\n                    \"PrefixListIds\": [],\n                    \"UserIdGroupPairs\": []\n                }\n            ],\n");
        fprintf(fp, "            \"Tags\": [\n                {\n                    \"Key\": \"Name\",\n                    \"Value\": \"%s-%lu\"\n                }\n            ],\n",
                words[rnd(17)], g);
        fprintf(fp, "            \"VpcId\": \"vpc-%017lx\"\n        }%s\n", 0x0b00000000000000UL + g % 3,
                g + 1 < ngroups ? "," : "");
    }
    fprintf(fp, "    ]\n}\n");
    if (fclose(fp) != 0)
        exit(1);
}

static void write_enis(const char *dir, unsigned long ngroups, unsigned long nenis)
{
    FILE *fp = open_out(dir, "describe-network-interfaces.json");
    unsigned long e, k;
    char gid[32];

    fprintf(fp, "{\n    \"NetworkInterfaces\": [\n");
    for (e = 0; e < nenis; e++) {
        unsigned long kind = rnd(10), ng = 1 + rnd(5), a = rnd(256), b = rnd(256);
        const char *type = "interface", *req = "false";
        char desc[160], att[1024];

        att[0] = '\0';
        switch (kind) {
        case 0: case 1: case 2: case 3:
            snprintf(desc, sizeof(desc), "%s", kind ? "Primary network interface" : "");
            snprintf(att, sizeof(att), "            \"Attachment\": {\n                \"AttachTime\": \"2024-01-01T00:00:00.000Z\",\n                \"AttachmentId\": \"eni-attach-%017lx\",\n                \"DeleteOnTermination\": true,\n                \"DeviceIndex\": 0,\n                \"NetworkCardIndex\": 0,\n                \"InstanceId\": \"i-%017lx\",\n                \"InstanceOwnerId\": \"123456789012\",\n                \"Status\": \"attached\"\n            },\n", e, e / 2);
            break;
        case 4:
            snprintf(desc, sizeof(desc), "ELB app/%s-alb-%lu/50dc6c495c0c9188", words[e % 17], e % 40);
            req = "true";
            break;
        case 5:
            snprintf(desc, sizeof(desc), "AWS Lambda VPC ENI-%s-fn-%lu-0a1b2c3d-1234-5678-9abc-def012345678", words[e % 17], e % 60);
            type = "lambda";
            break;
        case 6:
            snprintf(desc, sizeof(desc), "arn:aws:ecs:us-east-1:123456789012:attachment/%08lx-1234-5678-9abc-def012345678", e);
            break;
        case 7:
            snprintf(desc, sizeof(desc), "RDSNetworkInterface");
            req = "true";
            break;
        case 8:
            snprintf(desc, sizeof(desc), "VPC Endpoint Interface vpce-%017lx", e % 30);
            type = "vpc_endpoint";
            req = "true";
            break;
        default:
            snprintf(desc, sizeof(desc), "Interface for NAT Gateway nat-%017lx", e % 6);
            type = "nat_gateway";
            ng = 0;
            req = "true";
            break;
        }
        fprintf(fp, "        {\n            \"AvailabilityZone\": \"us-east-1%c\",\n", 'a' + (int)(e % 3));
        fputs(att, fp);
        fprintf(fp, "            \"Description\": \"%s\",\n            \"Groups\": [", desc);
        for (k = 0; k < ng; k++) {
            unsigned long g = rnd(ngroups);
            sg_id(gid, sizeof(gid), g);
            fprintf(fp, "%s\n                {\n                    \"GroupName\": \"%s-%lu\",\n                    \"GroupId\": \"%s\"\n                }",
                    k ? "," : "", words[g % 17], g, gid);
        }
        fprintf(fp, "%s],\n", ng ? "\n            " : "");
        fprintf(fp, "            \"InterfaceType\": \"%s\",\n            \"Ipv6Addresses\": [],\n            \"MacAddress\": \"02:%02lx:%02lx:00:00:01\",\n            \"NetworkInterfaceId\": \"eni-%017lx\",\n            \"OwnerId\": \"123456789012\",\n",
                type, a, b, e);
        fprintf(fp, "            \"PrivateDnsName\": \"ip-10-%lu-%lu-%lu.ec2.internal\",\n            \"PrivateIpAddress\": \"10.%lu.%lu.%lu\",\n", e % 3, a, b, e % 3, a, b);
        fprintf(fp, "            \"PrivateIpAddresses\": [\n                {\n                    \"Primary\": true,\n                    \"PrivateIpAddress\": \"10.%lu.%lu.%lu\"\n                }\n            ],\n", e % 3, a, b);
        fprintf(fp, "            \"RequesterId\": \"%s\",\n            \"RequesterManaged\": %s,\n            \"SourceDestCheck\": %s,\n            \"Status\": \"in-use\",\n",
                strcmp(req, "true") == 0 ? "amazon-elb" : "123456789012", req, kind == 9 ? "false" : "true");
        fprintf(fp, "            \"SubnetId\": \"subnet-%017lx\",\n            \"TagSet\": [],\n            \"VpcId\": \"vpc-%017lx\"\n        }%s\n",
                0x0c00000000000000UL + e % 12, 0x0b00000000000000UL + e % 3, e + 1 < nenis ? "," : "");
    }
    fprintf(fp, "    ]\n}\n");
    if (fclose(fp) != 0)
        exit(1);
}

int main(int argc, char **argv)
{
    unsigned long groups = 2500, enis = 8000;

    if (argc < 2 || argc > 5) {
        fprintf(stderr, "usage: gen_account DIR [GROUPS [ENIS [SEED]]]\n");
        return 2;
    }
    if (argc > 2)
        groups = strtoul(argv[2], NULL, 10);
    if (argc > 3)
        enis = strtoul(argv[3], NULL, 10);
    rng_state = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
    if (rng_state == 0)
        rng_state = 1;
    if (groups == 0) {
        fprintf(stderr, "gen_account: GROUPS must be at least 1\n");
        return 2;
    }
    write_groups(argv[1], groups);
    write_enis(argv[1], groups, enis);
    return 0;
}
