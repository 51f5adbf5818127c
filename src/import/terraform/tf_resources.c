/*
 * tf_resources.c - Terraform resources into the model: three passes over
 * the resource records of one file.
 *   1. index (tf_lookups.c): the ids of groups, interfaces and VPCs;
 *   2. groups, VPCs and the names of CIDRs and prefix lists (tf_members.c),
 *      NACLs, route tables and gateways (tf_net.c);
 *   3. members (tf_members.c) and rules (tf_rules.c);
 *   4. the network context that refers to them (tf_net.c).
 * Resource types sgmap does not know are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "tf_build.h"
#include "tf_members.h"
#include "tf_net.h"
#include "tf_rules.h"

/* ===== The passes ===== */

static void begin(struct tf_ctx *c, const struct tf_res *r)
{
    tf_set_path(c, r->path);
    c->flatmap = r->flatmap;
}

static void build_pass(struct tf_ctx *c, int pass)
{
    size_t i;

    for (i = 0; i < c->nres && !c->jr.failed; i++) {
        const struct tf_res *r = &c->res[i];
        const struct member_type *t;

        begin(c, r);
        if (pass == 1) {
            tf_index_resource(c, r);
            tf_index_net(c, r);
        } else if (pass == 4) {
            tf_read_net_link(c, r);
        } else if (pass == 2) {
            if (tf_is_group_type(r->type) && !r->data) {
                tf_read_group(c, r);
                tf_group_vpc_from_config(c, r);
            } else if (strcmp(r->type, "aws_vpc") == 0 && !r->data) {
                tf_read_vpc(c, r);
            } else if (!tf_read_net_object(c, r)) {
                tf_read_names(c, r);
            }
        } else if (r->data) {
            continue;
        } else if (tf_is_group_type(r->type)) {
            tf_read_inline_rules(c, r);
        } else if (strcmp(r->type, "aws_security_group_rule") == 0) {
            tf_read_sg_rule(c, r);
        } else if (strcmp(r->type, "aws_vpc_security_group_ingress_rule") == 0) {
            tf_read_vpc_sg_rule(c, r, DIR_INGRESS);
        } else if (strcmp(r->type, "aws_vpc_security_group_egress_rule") == 0) {
            tf_read_vpc_sg_rule(c, r, DIR_EGRESS);
        } else if (strcmp(r->type, "aws_network_interface_sg_attachment") == 0) {
            tf_read_sg_attachment(c, r);
        } else if (strcmp(r->type, "aws_eks_node_group") == 0) {
            tf_read_node_group(c, r);
        } else if ((t = tf_member_type_of(r->type)) != NULL) {
            tf_read_member(c, r, t);
        }
    }
}

void tf_build(struct tf_ctx *c)
{
    struct tf_lookups lk;

    tf_lookups_init(&lk);
    c->lk = &lk;
    build_pass(c, 1);
    build_pass(c, 2);
    build_pass(c, 3);
    build_pass(c, 4);
    tf_set_path(c, NULL);
    if (c->incomplete && !c->jr.failed) {
        struct srcloc loc = {c->jr.file, 0, 0, NULL};
        diag_warning(&loc, "skipped %zu rule%s without a type or protocol (the first at %s)",
                     c->incomplete, tf_plural(c->incomplete),
                     c->incomplete_at ? c->incomplete_at : "the top");
    }
    c->lk = NULL;
    tf_lookups_release(&lk);
}
