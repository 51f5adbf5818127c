#!/bin/sh
# aws_counts.sh - check `sgmap -f json` on the real AWS CLI outputs of the
# shared corpus against rule, interface and group counts taken by hand from
# each file (and from shared/corpus/PROVENANCE.md), plus a few exact facts.
#
# Each line of the table: FILE RULES INTERFACES GROUPS STALE (STALE = rules
# marked stale). The counts come from reading the files:
#   authorize-*: one SecurityGroupRule each (ingress-example3 has two);
#   describe-instances-example1: one instance with one ENI in one group;
#   describe-network-interfaces-example1: two ENIs, both in sg-8637d3e3;
#   describe-network-interfaces-example2: one unattached ENI in sg-905002f5;
#   describe-security-group-rules-example1: self reference, ::/0, 0.0.0.0/0;
#   describe-security-groups-example1.repaired: one group, ingress = one pair
#     + one CIDR, egress = one CIDR (PROVENANCE: grouppair=1 ipv4=2);
#   describe-stale-security-groups-example1.repaired: two groups, one stale
#     pair each (one ingress, one egress);
#   describe-vpc-endpoints-example1: the Interface endpoint has two ENIs in
#     sg-54e8bf31, the GWLB endpoint one ENI without groups, the Gateway
#     endpoint none;
#   elbv2-describe-load-balancers-example1: one ALB in sg-5943793c;
#   lambda/ecs examples: no function or service is in a VPC (no members);
#   aws-security-viz/dummy.json: PROVENANCE SGs=2 grouppair=2 ipv4=2 -> 4 rules.
set -u
: "${SGMAP:?}" "${SHARED:?}"
command -v jq >/dev/null 2>&1 || { echo "jq is not installed"; exit 77; }
C=$SHARED/corpus/aws-cli-examples
[ -d "$C" ] || { echo "no shared corpus at $C"; exit 77; }
fail=0

check() {
    file=$1 rules=$2 ifaces=$3 groups=$4 stale=$5
    if ! out=$("$SGMAP" -q -f json "$file" 2>&1); then
        echo "FAIL $file: sgmap failed: $out"
        fail=1
        return
    fi
    got=$(printf '%s\n' "$out" | jq -r '"\(.rules|length) \(.interfaces|length) \(.groups|length) \([.rules[]|select(.stale==true)]|length)"')
    want="$rules $ifaces $groups $stale"
    if [ "$got" != "$want" ]; then
        echo "FAIL $(basename "$file"): rules/interfaces/groups/stale = $got, expected $want"
        fail=1
    fi
}

# Exact value of a jq expression on the output of sgmap -f json FILES...
fact() {
    expr=$1 want=$2
    shift 2
    got=$("$SGMAP" -q -f json "$@" | jq -c "$expr")
    if [ "$got" != "$want" ]; then
        echo "FAIL fact $expr on $*: got $got, expected $want"
        fail=1
    fi
}

while read -r f r i g s; do
    case "$f" in ''|'#'*) continue ;; esac
    check "$C/$f" "$r" "$i" "$g" "$s"
done <<'TABLE'
# file                                                  rules ifaces groups stale
ec2-authorize-security-group-egress-example1.json        1 0 1 0
ec2-authorize-security-group-egress-example2.json        1 0 1 0
ec2-authorize-security-group-ingress-example1.json       1 0 1 0
ec2-authorize-security-group-ingress-example2.json       1 0 1 0
ec2-authorize-security-group-ingress-example3.json       2 0 1 0
ec2-authorize-security-group-ingress-example4.json       1 0 1 0
ec2-authorize-security-group-ingress-example5.json       1 0 1 0
ec2-authorize-security-group-ingress-example6.json       1 0 1 0
ec2-authorize-security-group-ingress-example7.json       1 0 1 0
ec2-authorize-security-group-ingress-example8.json       1 0 1 0
ec2-describe-instances-example1.json                     0 1 1 0
ec2-describe-managed-prefix-lists-example1.json          0 0 0 0
ec2-describe-network-interfaces-example1.json            0 2 1 0
ec2-describe-network-interfaces-example2.json            0 1 1 0
ec2-describe-security-group-references-example1.json     0 0 0 0
ec2-describe-security-group-rules-example1.json          3 0 1 0
ec2-describe-security-group-rules-example2.json          1 0 1 0
ec2-describe-security-group-vpc-associations-example1.json 0 0 0 0
ec2-describe-security-groups-example1.repaired.json      3 0 1 0
ec2-describe-stale-security-groups-example1.repaired.json 2 0 2 2
ec2-describe-subnets-example2.json                       0 0 0 0
ec2-describe-vpc-endpoints-example1.json                 0 3 1 0
ec2-describe-vpcs-example1.json                          0 0 0 0
ec2-describe-vpcs-example2.json                          0 0 0 0
ec2-get-managed-prefix-list-entries-example1.json        0 0 0 0
ec2-modify-security-group-rules-example1.json            0 0 0 0
ecs-describe-services-example1.json                      0 0 0 0
elbv2-describe-load-balancers-example1.json              0 1 1 0
lambda-get-function-configuration-example1.json          0 0 0 0
lambda-list-functions-example1.json                      0 0 0 0
../aws-security-viz/dummy.json                           4 0 2 0
TABLE

# Exact facts read from the files.
fact '[.rules[]|.label]|sort' '["icmp/3:4"]' "$C/ec2-authorize-security-group-ingress-example4.json"
fact '[.rules[]|.label]|sort' '["icmpv6/all"]' "$C/ec2-authorize-security-group-ingress-example6.json"
fact '[.rules[]|[.label,.peer.type,.peer.id]]' '[["all","prefix-list","pl-0721453c7ac4ec009"]]' "$C/ec2-authorize-security-group-ingress-example8.json"
fact '[.rules[]|.label]|sort' '["tcp/3389","tcp/all"]' "$C/ec2-authorize-security-group-ingress-example3.json"
fact '[.rules[]|.description]' '["RDP access from NY office"]' "$C/ec2-authorize-security-group-ingress-example7.json"
fact '[.rules[]|select(.peer.type=="group")|.peer.id]' '["sg-903004f8"]' "$C/ec2-describe-security-groups-example1.repaired.json"
fact '[.rules[]|select(.default==true)]|length' '1' "$C/ec2-describe-security-groups-example1.repaired.json"
fact '[.rules[]|select(.default==true)]|length' '2' "$C/ec2-describe-security-group-rules-example1.json"
fact '[.interfaces[]|[.id,.kind,.label]]' '[["eni-1234567890abcdefg","ec2","my-instance"]]' "$C/ec2-describe-instances-example1.json"
fact '[.interfaces[]|[.kind,.label]]' '[["ec2","i-1234567890abcdef0"],["ec2","i-0598c7d356eba48d7"]]' "$C/ec2-describe-network-interfaces-example1.json"
fact '[.interfaces[]|.label]' '["ProdENI"]' "$C/ec2-describe-network-interfaces-example2.json"
fact '[.interfaces[]|[.kind,(.groups|length)]]' '[["endpoint",0],["endpoint",1],["endpoint",1]]' "$C/ec2-describe-vpc-endpoints-example1.json"
fact '[.interfaces[]|[.kind,.label,.groups]]' '[["alb","my-load-balancer",["sg-5943793c"]]]' "$C/elbv2-describe-load-balancers-example1.json"
fact '[.rules[]|select(.peer.type=="external-group")|.peer.id]' '["amazon-elb/sg-amzelb"]' "$SHARED/corpus/aws-security-viz/dummy.json"
# Merging: the instance file and the ENI file share one ENI (eni-e5aa89a3 is
# attached to i-1234567890abcdef0, "my-instance"): three interfaces, not four.
fact '[.interfaces[]|[.id,.label]]' '[["eni-1234567890abcdefg","my-instance"],["eni-e5aa89a3","my-instance"],["eni-f9ba99bf","i-0598c7d356eba48d7"]]' \
    "$C/ec2-describe-network-interfaces-example1.json" "$C/ec2-describe-instances-example1.json"
# The rules file repeats the 0.0.0.0/0 egress rule of example1: 3 rules, not 4.
fact '.rules|length' '3' "$C/ec2-describe-security-group-rules-example1.json" "$C/ec2-describe-security-group-rules-example2.json"

[ $fail = 0 ] && echo "all counts match"
exit $fail
