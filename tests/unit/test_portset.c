/*
 * test_portset.c - the set algebra on traffic (portset.h): what two rules
 * allow together, what both sides of a flow allow, what only one allows,
 * and the labels that say so.
 */
#include <stdlib.h>

#include "portset.h"
#include "strbuf.h"
#include "unit.h"

/* A set from labels separated by spaces. */
static void set_of(struct portset *s, const char *labels)
{
    char *copy = strdup(labels), *save = NULL, *tok;
    char err[128];

    portset_clear(s);
    for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        struct portspec p;
        if (ports_parse_label(tok, &p, err, sizeof(err)) < 0) {
            unit_check(0, err, __FILE__, __LINE__);
            continue;
        }
        portset_add(s, &p);
    }
    free(copy);
}

static char *label_of(const struct portset *s)
{
    struct strbuf sb = STRBUF_INIT;
    portset_label(s, &sb);
    return strbuf_detach(&sb);
}

enum op { AND, MINUS, OR };

/* CHECK that (a op b) is labelled want. */
static void check_op(const char *a, enum op op, const char *b, const char *want, int line)
{
    struct portset x = PORTSET_INIT, y = PORTSET_INIT, r = PORTSET_INIT;
    char *got;

    set_of(&x, a);
    set_of(&y, b);
    if (op == AND)
        portset_intersect(&r, &x, &y);
    else if (op == MINUS)
        portset_subtract(&r, &x, &y);
    else {
        portset_copy(&r, &x);
        portset_union(&r, &y);
    }
    got = label_of(&r);
    unit_check_str(got, want, a, __FILE__, line);
    free(got);
    portset_release(&x);
    portset_release(&y);
    portset_release(&r);
}

static void check_label(const char *labels, const char *want, int line)
{
    struct portset s = PORTSET_INIT;
    char *got;
    set_of(&s, labels);
    got = label_of(&s);
    unit_check_str(got, want, labels, __FILE__, line);
    free(got);
    portset_release(&s);
}

/* CHECK that the one-spec intersection of a and b agrees with the set
 * intersection of the same two labels (want: its label, or "none"). */
static void check_spec_and(const char *a, const char *b, const char *want, int line)
{
    struct portspec pa, pb, out;
    struct portset s = PORTSET_INIT;
    char err[64], *got;

    if (ports_parse_label(a, &pa, err, sizeof(err)) < 0 ||
        ports_parse_label(b, &pb, err, sizeof(err)) < 0) {
        unit_check(0, err, __FILE__, line);
        return;
    }
    if (portset_spec_intersect(&pa, &pb, &out))
        portset_add(&s, &out);
    got = label_of(&s);
    unit_check_str(got, want, a, __FILE__, line);
    free(got);
    portset_release(&s);
    check_op(a, AND, b, want, line);
}

void test_portset(void)
{
    struct portset s = PORTSET_INIT, t = PORTSET_INIT;
    struct portspec p;
    char err[64];

    /* Merging the labels of several rules. */
    check_label("tcp/443 tcp/80 tcp/443", "tcp/80, tcp/443", __LINE__);
    check_label("tcp/1000-2000 tcp/2001-3000", "tcp/1000-3000", __LINE__);
    check_label("tcp/1-10 tcp/5-20 udp/53", "tcp/1-20, udp/53", __LINE__);
    check_label("tcp/0-65535", "tcp/all", __LINE__);
    check_label("tcp/0-100 tcp/101-65535", "tcp/all", __LINE__);
    check_label("icmp/3:4 icmp/3:1 icmp/8", "icmp/3:1, icmp/3:4, icmp/8", __LINE__);
    check_label("icmp/3:4 icmp/3", "icmp/3", __LINE__);
    check_label("icmp/all icmp/8", "icmp/all", __LINE__);
    check_label("esp gre proto-99", "gre, esp, proto-99", __LINE__);
    check_label("all tcp/22", "all", __LINE__);
    check_label("", "none", __LINE__);

    /* What both sides of a flow allow. */
    check_op("all", AND, "tcp/5432", "tcp/5432", __LINE__);
    check_op("tcp/1024-65535", AND, "tcp/5432", "tcp/5432", __LINE__);
    check_op("tcp/1024-65535", AND, "tcp/80", "none", __LINE__);
    check_op("tcp/80-90 tcp/100-110", AND, "tcp/85-105", "tcp/85-90, tcp/100-105", __LINE__);
    check_op("tcp/all", AND, "udp/all", "none", __LINE__);
    check_op("icmp/all", AND, "icmp/3:4", "icmp/3:4", __LINE__);
    check_op("icmp/3", AND, "icmp/3:4 icmp/8", "icmp/3:4", __LINE__);
    check_op("icmp/all", AND, "icmpv6/all", "none", __LINE__);
    check_op("all", AND, "icmpv6/128", "icmpv6/128", __LINE__);
    check_op("esp", AND, "all", "esp", __LINE__);

    /* The same for one rule against another, without a set. */
    check_spec_and("all", "tcp/5432", "tcp/5432", __LINE__);
    check_spec_and("tcp/1024-65535", "tcp/5432", "tcp/5432", __LINE__);
    check_spec_and("tcp/1024-65535", "tcp/80", "none", __LINE__);
    check_spec_and("tcp/all", "tcp/80-90", "tcp/80-90", __LINE__);
    check_spec_and("tcp/80-90", "tcp/85-100", "tcp/85-90", __LINE__);
    check_spec_and("tcp/all", "udp/all", "none", __LINE__);
    check_spec_and("icmp/all", "icmp/3:4", "icmp/3:4", __LINE__);
    check_spec_and("icmp/3", "icmp/3:4", "icmp/3:4", __LINE__);
    check_spec_and("icmp/3:1", "icmp/3:4", "none", __LINE__);
    check_spec_and("icmp/8", "icmp/3", "none", __LINE__);
    check_spec_and("icmp/all", "icmpv6/all", "none", __LINE__);
    check_spec_and("all", "icmpv6/128", "icmpv6/128", __LINE__);
    check_spec_and("esp", "all", "esp", __LINE__);
    check_spec_and("esp", "gre", "none", __LINE__);
    check_spec_and("all", "all", "all", __LINE__);

    /* What only one side allows. */
    check_op("tcp/all", MINUS, "tcp/443", "tcp/0-442, tcp/444-65535", __LINE__);
    check_op("tcp/80 tcp/443", MINUS, "tcp/443", "tcp/80", __LINE__);
    check_op("tcp/443", MINUS, "all", "none", __LINE__);
    check_op("all", MINUS, "tcp/22", "all except tcp/22", __LINE__);
    check_op("all", MINUS, "tcp/all udp/53", "all except tcp/all, udp/53", __LINE__);
    check_op("icmp/3", MINUS, "icmp/3:4", "icmp/3:0, icmp/3:1, icmp/3:2, icmp/3:3, icmp/3:5, "
             "icmp/3:6, icmp/3:7, icmp/3:8, icmp/3:9, icmp/3:10, icmp/3:11, icmp/3:12, "
             "icmp/3:13, icmp/3:14, icmp/3:15, icmp/3:16, icmp/3:17, icmp/3:18, icmp/3:19, "
             "icmp/3:20, icmp/3:21, icmp/3:22, icmp/3:23, icmp/3:24, icmp/3:25, icmp/3:26, "
             "icmp/3:27, icmp/3:28, icmp/3:29, icmp/3:30, icmp/3:31, icmp/3:32, icmp/3:33, "
             "icmp/3:34, icmp/3:35, icmp/3:36, icmp/3:37, icmp/3:38, icmp/3:39, icmp/3:40, "
             "icmp/3:41, icmp/3:42, icmp/3:43, icmp/3:44, icmp/3:45, icmp/3:46, icmp/3:47, "
             "icmp/3:48, icmp/3:49, icmp/3:50, icmp/3:51, icmp/3:52, icmp/3:53, icmp/3:54, "
             "icmp/3:55, icmp/3:56, icmp/3:57, icmp/3:58, icmp/3:59, icmp/3:60, icmp/3:61, "
             "icmp/3:62, icmp/3:63, icmp/3:64, icmp/3:65, icmp/3:66, icmp/3:67, icmp/3:68, "
             "icmp/3:69, icmp/3:70, icmp/3:71, icmp/3:72, icmp/3:73, icmp/3:74, icmp/3:75, "
             "icmp/3:76, icmp/3:77, icmp/3:78, icmp/3:79, icmp/3:80, icmp/3:81, icmp/3:82, "
             "icmp/3:83, icmp/3:84, icmp/3:85, icmp/3:86, icmp/3:87, icmp/3:88, icmp/3:89, "
             "icmp/3:90, icmp/3:91, icmp/3:92, icmp/3:93, icmp/3:94, icmp/3:95, icmp/3:96, "
             "icmp/3:97, icmp/3:98, icmp/3:99, icmp/3:100, icmp/3:101, icmp/3:102, icmp/3:103, "
             "icmp/3:104, icmp/3:105, icmp/3:106, icmp/3:107, icmp/3:108, icmp/3:109, "
             "icmp/3:110, icmp/3:111, icmp/3:112, icmp/3:113, icmp/3:114, icmp/3:115, "
             "icmp/3:116, icmp/3:117, icmp/3:118, icmp/3:119, icmp/3:120, icmp/3:121, "
             "icmp/3:122, icmp/3:123, icmp/3:124, icmp/3:125, icmp/3:126, icmp/3:127, "
             "icmp/3:128, icmp/3:129, icmp/3:130, icmp/3:131, icmp/3:132, icmp/3:133, "
             "icmp/3:134, icmp/3:135, icmp/3:136, icmp/3:137, icmp/3:138, icmp/3:139, "
             "icmp/3:140, icmp/3:141, icmp/3:142, icmp/3:143, icmp/3:144, icmp/3:145, "
             "icmp/3:146, icmp/3:147, icmp/3:148, icmp/3:149, icmp/3:150, icmp/3:151, "
             "icmp/3:152, icmp/3:153, icmp/3:154, icmp/3:155, icmp/3:156, icmp/3:157, "
             "icmp/3:158, icmp/3:159, icmp/3:160, icmp/3:161, icmp/3:162, icmp/3:163, "
             "icmp/3:164, icmp/3:165, icmp/3:166, icmp/3:167, icmp/3:168, icmp/3:169, "
             "icmp/3:170, icmp/3:171, icmp/3:172, icmp/3:173, icmp/3:174, icmp/3:175, "
             "icmp/3:176, icmp/3:177, icmp/3:178, icmp/3:179, icmp/3:180, icmp/3:181, "
             "icmp/3:182, icmp/3:183, icmp/3:184, icmp/3:185, icmp/3:186, icmp/3:187, "
             "icmp/3:188, icmp/3:189, icmp/3:190, icmp/3:191, icmp/3:192, icmp/3:193, "
             "icmp/3:194, icmp/3:195, icmp/3:196, icmp/3:197, icmp/3:198, icmp/3:199, "
             "icmp/3:200, icmp/3:201, icmp/3:202, icmp/3:203, icmp/3:204, icmp/3:205, "
             "icmp/3:206, icmp/3:207, icmp/3:208, icmp/3:209, icmp/3:210, icmp/3:211, "
             "icmp/3:212, icmp/3:213, icmp/3:214, icmp/3:215, icmp/3:216, icmp/3:217, "
             "icmp/3:218, icmp/3:219, icmp/3:220, icmp/3:221, icmp/3:222, icmp/3:223, "
             "icmp/3:224, icmp/3:225, icmp/3:226, icmp/3:227, icmp/3:228, icmp/3:229, "
             "icmp/3:230, icmp/3:231, icmp/3:232, icmp/3:233, icmp/3:234, icmp/3:235, "
             "icmp/3:236, icmp/3:237, icmp/3:238, icmp/3:239, icmp/3:240, icmp/3:241, "
             "icmp/3:242, icmp/3:243, icmp/3:244, icmp/3:245, icmp/3:246, icmp/3:247, "
             "icmp/3:248, icmp/3:249, icmp/3:250, icmp/3:251, icmp/3:252, icmp/3:253, "
             "icmp/3:254, icmp/3:255", __LINE__);
    check_op("tcp/22", OR, "tcp/23", "tcp/22-23", __LINE__);
    check_op("tcp/22", OR, "all", "all", __LINE__);

    /* Questions. */
    set_of(&s, "tcp/1024-65535 udp/53");
    ports_parse_label("tcp/5432", &p, err, sizeof(err));
    CHECK(portset_covers(&s, &p));
    ports_parse_label("tcp/1000-2000", &p, err, sizeof(err));
    CHECK(!portset_covers(&s, &p));
    CHECK(portset_overlaps(&s, &p));
    ports_parse_label("udp/54", &p, err, sizeof(err));
    CHECK(!portset_overlaps(&s, &p));
    set_of(&t, "udp/53 tcp/1024-2000 tcp/2001-65535");
    CHECK(portset_equal(&s, &t));
    set_of(&t, "udp/53 tcp/1024-2000");
    CHECK(!portset_equal(&s, &t));
    portset_release(&s);
    portset_release(&t);
}
