#!/bin/sh
# cloudformation_corpus.sh - the public CloudFormation templates of the
# shared corpus: every file is drawn (exit 0) or refused clearly (exit 3),
# never a crash or another status; a JSON template and its YAML twin give
# the same model; and hand-counted groups, rules and members for some.
#
# Counts (groups rules interfaces), from reading each file and PROVENANCE.md:
#   EC2/ec2_with_waitcondition_template.yaml: one group with 5 inline
#     ingress rules and no egress (+1 default egress); one instance.
#   regula/ingress_22_infra.yaml: 8 groups (PROVENANCE SG=8), 5 inline and
#     2 standalone ingress rules, no egress anywhere (+8 default egress).
#   cfn-lint/quickstart/nist_application.yaml: 5 groups, 9 inline ingress,
#     2 inline egress (both in rSecurityGroupApp, so +4 default egress);
#     members: 2 classic LBs, 1 instance, 1 RDS instance and 2 Auto Scaling
#     groups drawn through their launch configurations.
#   Solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml: 2 groups,
#     3 standalone ingress + 1 standalone egress (which takes the ALB group's
#     default egress away, +1 for the instance group); members: the instance
#     and the ALB (the Lambda@Edge function has no VpcConfig).
#   localstack-templates/ec2_vpc_securitygroup.yml: 2 groups, no rules
#     (+2 default egress), no members.
#   ElasticLoadBalancing/ELBWithLockedDownAutoScaledInstances.json: 1 group,
#     2 inline ingress (+1 default egress); the Auto Scaling group is the
#     member (through its launch configuration).
set -u
: "${SGMAP:?}" "${SHARED:?}"
command -v jq >/dev/null 2>&1 || { echo "jq is not installed"; exit 77; }
C=$SHARED/corpus
[ -d "$C/aws-cloudformation-templates" ] || { echo "no shared corpus"; exit 77; }
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# 1. Every template: exit 0 or 3, and a message when refused.
n=0
for f in $(find "$C/aws-cloudformation-templates" "$C/cfn-lint" \
    "$C/localstack-templates" "$C/regula" -type f \
    \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sort); do
    n=$((n + 1))
    "$SGMAP" -q -f json "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    case $rc in
    0) ;;
    3)
        if ! grep -q 'error: ' "$tmp/err"; then
            echo "FAIL $f: exit 3 without an error message"
            fail=1
        fi
        ;;
    *)
        echo "FAIL $f: exit status $rc"
        head -5 "$tmp/err"
        fail=1
        ;;
    esac
done
[ "$n" -ge 30 ] || { echo "FAIL only $n templates found"; fail=1; }

# 2. Hand-counted groups, rules and interfaces.
check() {
    file=$1 want="$2 $3 $4"
    if ! "$SGMAP" -q -f json "$C/$file" >"$tmp/out" 2>"$tmp/err"; then
        echo "FAIL $file: sgmap failed: $(cat "$tmp/err")"
        fail=1
        return
    fi
    got=$(jq -r '"\(.groups|length) \(.rules|length) \(.interfaces|length)"' "$tmp/out")
    if [ "$got" != "$want" ]; then
        echo "FAIL $file: groups/rules/interfaces = $got, expected $want"
        fail=1
    fi
}

while read -r f g r i; do
    case "$f" in ''|'#'*) continue ;; esac
    check "$f" "$g" "$r" "$i"
done <<'TABLE'
# file                                                                        groups rules ifaces
aws-cloudformation-templates/EC2/ec2_with_waitcondition_template.yaml            1 6 1
regula/ingress_22_infra.yaml                                                     8 15 0
cfn-lint/quickstart/nist_application.yaml                                        5 15 6
aws-cloudformation-templates/Solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml 2 5 2
localstack-templates/ec2_vpc_securitygroup.yml                                   2 2 0
aws-cloudformation-templates/ElasticLoadBalancing/ELBWithLockedDownAutoScaledInstances.json 1 3 1
TABLE

# 3. Exact facts.
fact() {
    file=$1 expr=$2 want=$3
    got=$("$SGMAP" -q -f json "$C/$file" | jq -c "$expr")
    if [ "$got" != "$want" ]; then
        echo "FAIL fact $expr on $file: got $got, expected $want"
        fail=1
    fi
}
fact cfn-lint/quickstart/nist_application.yaml \
    '[.rules[]|select(.group=="rSecurityGroupRDS" and .direction=="ingress")|[.label,.peer.type,.peer.id]]' \
    '[["tcp/3306","group","rSecurityGroupAppInstance"]]'
fact cfn-lint/quickstart/nist_application.yaml \
    '[.interfaces[]|select(.id|startswith("rAutoScaling"))|[.id,.kind,.groups[0]]]' \
    '[["rAutoScalingGroupApp","ec2","rSecurityGroupAppInstance"],["rAutoScalingGroupWeb","ec2","rSecurityGroupWebInstance"]]'
fact aws-cloudformation-templates/ElasticLoadBalancing/ELBWithLockedDownAutoScaledInstances.json \
    '[.rules[]|select(.direction=="ingress")|.peer.type]' '["expression","param"]'
fact cfn-lint/quickstart/vpc.json \
    '[.rules[]|select(.direction=="ingress")|[.peer.id,.conditional]]' '[["param:VPCCIDR",true]]'

fact aws-cloudformation-templates/VPC/VPC_EC2_Instance_With_Multiple_Static_IPAddresses.yaml \
    '[.interfaces[]|[.id,.kind,.label,.groups]]' '[["Eth0","ec2","EC2Instance",["SSHSecurityGroup"]]]'
fact aws-cloudformation-templates/EKS/template.yaml \
    '[.interfaces[]|select(.kind!="nat")|[.id,.kind,.label]]' \
    '[["ControlPlane","eks","ControlPlane"],["ManagedNodeGroup","ec2","ManagedNodeGroup"]]'
fact regula/default_security_group_infra.yaml \
    '[.groups[]|select(.name|startswith("default"))|[.id,.name,.vpc]]' \
    '[["Vpc01.DefaultSecurityGroup","default (Vpc01)","Vpc01"]]'

# 4. Stacks that export and import merge, whatever the order of the files:
#    the service imports the cluster stack's FargateContainerSecurityGroup
#    through "!Join [':', [!Ref StackName, ...]]" (StackName defaults to
#    "production"), which the cluster exports as "${AWS::StackName}:...".
E=$C/aws-cloudformation-templates/ECS/FargateLaunchType
"$SGMAP" -q -f json "$E/clusters/private-vpc.yaml" "$E/services/private-subnet-public-service.yaml" \
    >"$tmp/ab" || fail=1
"$SGMAP" -q -f json "$E/services/private-subnet-public-service.yaml" "$E/clusters/private-vpc.yaml" \
    >"$tmp/ba" || fail=1
if ! cmp -s "$tmp/ab" "$tmp/ba"; then
    echo "FAIL the order of two linked templates changes the drawing"
    diff "$tmp/ab" "$tmp/ba" | head -20
    fail=1
fi
got=$(jq -c '[.groups[]|select(.id=="FargateContainerSecurityGroup")|.members]' "$tmp/ab")
if [ "$got" != '[["Service"]]' ]; then
    echo "FAIL the imported FargateContainerSecurityGroup has members $got, expected the Service"
    fail=1
fi
F=$TESTS/cases/cloudformation
for d in export-import nested-stack; do
    set -- $(cat "$F/$d/args")
    shift 2
    (cd "$F/$d" && "$SGMAP" -q -f json "$@") >"$tmp/ab" 2>/dev/null
    rev=""
    for a in "$@"; do rev="$a $rev"; done
    # shellcheck disable=SC2086
    (cd "$F/$d" && "$SGMAP" -q -f json $rev) >"$tmp/ba" 2>/dev/null
    if ! cmp -s "$tmp/ab" "$tmp/ba"; then
        echo "FAIL $d: the order of the templates changes the drawing"
        diff "$tmp/ab" "$tmp/ba" | head -20
        fail=1
    fi
done

# 5. A JSON template and its YAML twin give the same model (sources aside).
for p in ECS/FargateLaunchType/clusters/private-vpc Solutions/GitLab/GitLabServer-pkg \
    "Solutions/CloudFrontCustomOriginLambda@Edge/CloudFront" \
    EC2/ec2_with_waitcondition_template VPC/VPC_EC2_Instance_With_Multiple_Static_IPAddresses; do
    a="$C/aws-cloudformation-templates/$p"
    "$SGMAP" -q -f json "$a.json" | jq -S 'del(.. | .source?)' >"$tmp/json"
    "$SGMAP" -q -f json "$a.yaml" | jq -S 'del(.. | .source?)' >"$tmp/yaml"
    if ! cmp -s "$tmp/json" "$tmp/yaml"; then
        echo "FAIL $p: the JSON and YAML templates give different models"
        diff "$tmp/json" "$tmp/yaml" | head -20
        fail=1
    fi
done

# 6. The short forms and long forms of the golden cases give the same model.
(cd "$F/short-forms" && "$SGMAP" -f json template.yaml) | jq -S 'del(.. | .source?)' >"$tmp/short"
(cd "$F/long-forms" && "$SGMAP" -f json template.json) | jq -S 'del(.. | .source?)' >"$tmp/long"
if ! cmp -s "$tmp/short" "$tmp/long"; then
    echo "FAIL short-forms and long-forms give different models"
    diff "$tmp/short" "$tmp/long" | head -20
    fail=1
fi
exit $fail
