#!/bin/sh
# terraform_corpus.sh - every Terraform file of shared/corpus/inframap and
# shared/corpus/terraform-compliance is either drawn (exit 0) or refused
# (exit 3) with an error message: never a crash or another status. Then
# `sgmap -f json` on three real files is checked against counts taken by hand:
#
#   inframap/version_3_state.json (state v3, converted): 5 declared groups +
#     2 only named by aws_instance.batch = 7 groups; inline rules: alb-front
#     2 ingress CIDRs + 1 egress, batch 1 CIDR + 1 group + 1 egress, front
#     1 group + 1 egress, rds-website 2 groups, redis 2 groups = 12 rules;
#     members aws_alb.front, aws_db_instance.website,
#     aws_elasticache_cluster.redis, aws_instance.batch = 4.
#   terraform-compliance/test_issue-249 (plan, modules): 3 groups; lambda_sg
#     2 inline rules, 5 aws_security_group_rule (the inline blocks of the
#     alb and asg groups repeat them and merge) = 7 rules; members: the ALB,
#     the Lambda function, the launch configuration = 3.
#   terraform-compliance/test_issue-127 (plan, ids unknown): 2 groups; elb
#     1 ingress + 1 egress, instance 2 ingress = 4 rules; members aws_elb,
#     aws_instance, aws_launch_configuration = 3, found only through the
#     configuration's references (planned_values omits the unknown ids).
#
# Then exact lists (which groups, which rules, which members), read by hand
# from the files, for three of them (see `exact` below for each).
set -u
: "${SGMAP:?}" "${SHARED:?}"
fail=0
n=0
for f in "$SHARED"/corpus/inframap/*.json "$SHARED"/corpus/terraform-compliance/*/*.json; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    err=$("$SGMAP" --from terraform -f dot -o /dev/null "$f" 2>&1 >/dev/null)
    rc=$?
    case "$rc" in
    0|3) ;;
    *) echo "FAIL $f: exit status $rc"; printf '%s\n' "$err"; fail=1; continue ;;
    esac
    if [ "$rc" = 3 ] && ! printf '%s\n' "$err" | grep -q 'error: '; then
        echo "FAIL $f: refused without an error message"
        fail=1
    fi
    # Auto-detection must pick the Terraform importer too.
    "$SGMAP" -q -f json "$f" >/dev/null 2>&1
    rc2=$?
    if [ "$rc2" != "$rc" ]; then
        echo "FAIL $f: status $rc2 without --from terraform, $rc with it"
        fail=1
    fi
done
[ $n -gt 0 ] || { echo "no Terraform files under $SHARED/corpus"; exit 77; }

command -v jq >/dev/null 2>&1 || { echo "jq is not installed"; exit 77; }

check() {
    file=$1 groups=$2 rules=$3 ifaces=$4
    if ! out=$("$SGMAP" -q -f json "$SHARED/corpus/$file" 2>&1); then
        echo "FAIL $file: sgmap failed: $out"
        fail=1
        return
    fi
    got=$(printf '%s\n' "$out" | jq -r '"\(.groups|length) \(.rules|length) \(.interfaces|length)"')
    if [ "$got" != "$groups $rules $ifaces" ]; then
        echo "FAIL $file: groups/rules/interfaces = $got, expected $groups $rules $ifaces"
        fail=1
    fi
}

fact() {
    file=$1 filter=$2
    got=$("$SGMAP" -q -f json "$SHARED/corpus/$file" 2>/dev/null | jq -r "$filter")
    if [ "$got" != true ]; then
        echo "FAIL $file: not true: $filter"
        fail=1
    fi
}

check inframap/version_3_state.json 7 12 4
check terraform-compliance/test_issue-249/plan.out.json 3 7 3
check terraform-compliance/test_issue-127/plan.out.json 2 4 3
fact inframap/version_3_state.json \
    '[.interfaces[] | select(.id == "module.cycloid.aws_instance.batch") | .groups] == [["sg-5a702a20","sg-95691cef","sg-e755499d"]]'
fact terraform-compliance/test_issue-249/plan.out.json \
    '[.rules[] | select(.label == "tcp/4000") | .peer.id] == ["sg-0facdb20f33578aa9"]'
fact terraform-compliance/test_issue-127/plan.out.json \
    '[.interfaces[] | select(.kind == "clb") | .id] == ["aws_elb.example"]'
# exact FILE WHAT EXPECTED: WHAT is groups (ids), rules ("GROUP DIRECTION
# LABEL PEER") or members ("INTERFACE KIND GROUP,GROUP"), one a line, sorted.
exact() {
    file=$1 what=$2 want=$3
    case "$what" in
    groups) filter='[.groups[] | .id]' ;;
    rules) filter='[.rules[] | "\(.group) \(.direction) \(.label) \(.peer.id)"]' ;;
    members) filter='[.interfaces[] | "\(.id) \(.kind) \(.groups | join(","))"]' ;;
    esac
    got=$("$SGMAP" -q -f json "$SHARED/corpus/$file" 2>/dev/null | jq -r "$filter | sort | .[]")
    if [ "$got" != "$want" ]; then
        echo "FAIL $file: $what differ"
        echo "--- expected"; printf '%s\n' "$want"
        echo "--- got"; printf '%s\n' "$got"
        fail=1
    fi
}

# inframap/aws_state_sgr.json (state v4, trimmed): four groups with inline
# blocks; its aws_security_group_rule has no type or protocol (skipped with
# a warning), and no member resource kept a group attribute.
exact inframap/aws_state_sgr.json groups 'sg-02831399bd1302ed1
sg-057cbd30abf1dd923
sg-078ba1d75bddac084
sg-0d6e0e07fbc6ec626'
exact inframap/aws_state_sgr.json rules 'sg-02831399bd1302ed1 egress all 0.0.0.0/0
sg-02831399bd1302ed1 ingress tcp/443 0.0.0.0/0
sg-02831399bd1302ed1 ingress tcp/80 0.0.0.0/0
sg-057cbd30abf1dd923 ingress tcp/3306 sg-0d6e0e07fbc6ec626
sg-078ba1d75bddac084 ingress tcp/6379 sg-0d6e0e07fbc6ec626
sg-0d6e0e07fbc6ec626 egress all 0.0.0.0/0'
exact inframap/aws_state_sgr.json members ''

# terraform-compliance/test_issue-234-egress (plan, Terraform 0.12: every
# id unknown, no inline blocks): the groups are their addresses, and each
# aws_security_group_rule finds its group (and its source) through the
# configuration; "self" with ports 0-65535 is tcp/all on the same group.
exact terraform-compliance/test_issue-234-egress/plan.out.json groups 'aws_security_group.alb
aws_security_group.alb_ecs'
exact terraform-compliance/test_issue-234-egress/plan.out.json rules 'aws_security_group.alb egress tcp/all aws_security_group.alb
aws_security_group.alb ingress tcp/all aws_security_group.alb
aws_security_group.alb_ecs ingress tcp/8080 aws_security_group.alb'
exact terraform-compliance/test_issue-234-egress/plan.out.json members ''

# inframap/version_3_state.json (state v3, module cycloid): the 12 rules
# and 4 members counted above, one by one.
exact inframap/version_3_state.json groups 'sg-045d417e
sg-5a702a20
sg-815549fb
sg-95691cef
sg-cd564ab7
sg-e755499d
sg-f7574b8d'
exact inframap/version_3_state.json rules 'sg-045d417e ingress tcp/6379 sg-e755499d
sg-045d417e ingress tcp/6379 sg-f7574b8d
sg-815549fb egress all 0.0.0.0/0
sg-815549fb ingress tcp/443 0.0.0.0/0
sg-815549fb ingress tcp/80 0.0.0.0/0
sg-cd564ab7 ingress tcp/3306 sg-e755499d
sg-cd564ab7 ingress tcp/3306 sg-f7574b8d
sg-e755499d egress all 0.0.0.0/0
sg-e755499d ingress tcp/2222 0.0.0.0/0
sg-e755499d ingress tcp/80 sg-815549fb
sg-f7574b8d egress all 0.0.0.0/0
sg-f7574b8d ingress tcp/80 sg-815549fb'
exact inframap/version_3_state.json members 'module.cycloid.aws_alb.front alb sg-815549fb
module.cycloid.aws_db_instance.website rds sg-cd564ab7
module.cycloid.aws_elasticache_cluster.redis elasticache sg-045d417e
module.cycloid.aws_instance.batch ec2 sg-5a702a20,sg-95691cef,sg-e755499d'

[ $fail = 0 ] && echo "$n files: all drawn or refused cleanly; counts and lists as expected"
exit $fail
