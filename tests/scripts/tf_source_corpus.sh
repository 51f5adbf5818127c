#!/bin/sh
# tf_source_corpus.sh - sgmap itself on the Terraform configurations of
# shared/corpus/terraform-hcl/terraform-aws-security-group (a whole public
# module, see its PROVENANCE.md), read as folders (--from detection, no plan):
#
# 1. Every folder of examples/, modules/ and wrappers/ draws (exit 0, no
#    error), except two that Terraform refuses as well (exit 3, at the line):
#      modules/_templates  the generator's template: its main.tf uses auto_*
#                          variables only the generated copies declare
#      modules/smtps       upstream typo: auto_ingress_rules names
#                          "smtps-2465-tcp", rules.tf defines "smtps-2456-tcp"
#                          (main.tf:75:26, as in Terraform)
# 2. The groups and rules of six folders through `sgmap -f json`, the ones
#    hcl_corpus.sh pins on the plan-shaped document (worked out by hand from
#    the source; see that script for how), as the model has them: "G ID NAME",
#    "R GROUP DIRECTION LABEL PEERTYPE:PEER". A rule there with several peers is
#    one model rule per peer; "all" is protocol -1; a value the plan would
#    only know after apply is an expression peer "REFERENCES (known after
#    apply)" (data.aws_vpc.default's CIDR, a managed prefix list's id); the
#    default group a data source looks up is a stub external group
#    data.aws_security_group.default; in rules-only the ids cross two module
#    boundaries and each service admits the other.
# 3. lint of examples/http: findings at main.tf lines of the root module
#    (where the wrappers' resources are written), never at JSON paths.
set -u
: "${SGMAP:?}" "${SHARED:?}"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
C=$SHARED/corpus/terraform-hcl/terraform-aws-security-group
[ -d "$C" ] || { echo "skip: $C is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 n=0

# 1. every folder
for d in "$C"/examples/*/ "$C"/modules/*/ "$C"/wrappers/ "$C"/wrappers/*/; do
    d=${d%/}
    case "$d" in */modules/_templates|*/modules/smtps) continue ;; esac
    n=$((n + 1))
    "$SGMAP" -f json "$d" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 0 ] || grep -q 'error:' "$tmp/err"; then
        echo "FAIL ${d#"$C"/}: exit status $rc"; head -5 "$tmp/err"; fail=1
    fi
done
[ "$n" -ge 60 ] || { echo "FAIL: only $n folders found"; fail=1; }
"$SGMAP" -f json "$C/modules/smtps" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" != 3 ] || ! grep -q "terraform-aws-security-group/main.tf:75:26: error: no element with key 'smtps-2465-tcp'" "$tmp/err"; then
    echo "FAIL modules/smtps: expected exit 3 at main.tf:75:26, got $rc"; head -3 "$tmp/err"; fail=1
fi
"$SGMAP" -f json "$C/modules/_templates" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" != 3 ] || ! grep -q "_templates/main.tf:16:51: error: no variable 'auto_ingress_rules' is declared" "$tmp/err"; then
    echo "FAIL modules/_templates: expected exit 3 at main.tf:16:51, got $rc"; head -3 "$tmp/err"; fail=1
fi

# 2. pinned groups and rules
F='(.groups[] | "G \(.id) \(.name)"), (.rules[] | "R \(.group) \(.direction) \(.label) \(.peer.type):\(.peer.id)")'
pin() {
    "$SGMAP" -f json "$C/$1" 2>"$tmp/err" | jq -r "$F" > "$tmp/got"
    if ! diff "$tmp/want" "$tmp/got" > "$tmp/diff"; then
        echo "FAIL $1: groups and rules differ from the ones worked out by hand"; cat "$tmp/diff"; fail=1
    fi
}

M=module.http_sg.module.sg.aws_security_group.this_name_prefix[0]
P=module.http_with_ingress_prefix_list_ids_sg.module.sg.aws_security_group.this_name_prefix[0]
M1=module.http_mysql_1_sg.module.sg.aws_security_group.this[0]
M2=module.http_mysql_2_sg.module.sg.aws_security_group.this_name_prefix[0]
EM=module.http_with_egress_minimal_sg.module.sg.aws_security_group.this_name_prefix[0]
E=module.http_with_egress_sg.module.sg.aws_security_group.this_name_prefix[0]
VPC='expression:data.aws_vpc.default (known after apply)'
PL='expression:aws_ec2_managed_prefix_list.example (known after apply)'
cat > "$tmp/want" <<END
G $M1 http-mysql-1
G $M2 http-mysql-2-
G $M http-sg-
G $EM http-with-egress-minimal-
G $E http-with-egress-
G $P http-with-ingress-prefix-list-ids-
R $M1 ingress tcp/80 cidr:0.0.0.0/0
R $M1 ingress tcp/3306 cidr:0.0.0.0/0
R $M1 ingress all group:$M1
R $M1 egress all cidr:0.0.0.0/0
R $M1 egress all cidr:::/0
R $M2 ingress tcp/80 $VPC
R $M2 ingress tcp/3306 $VPC
R $M2 ingress all group:$M2
R $M2 egress all cidr:0.0.0.0/0
R $M2 egress all cidr:::/0
R $M ingress tcp/80 cidr:0.0.0.0/0
R $M ingress all group:$M
R $M egress all cidr:0.0.0.0/0
R $M egress all cidr:::/0
R $EM ingress tcp/80 $VPC
R $EM ingress all group:$EM
R $EM egress all cidr:0.0.0.0/0
R $EM egress tcp/80 cidr:0.0.0.0/0
R $EM egress all cidr:::/0
R $EM egress tcp/80 cidr:::/0
R $E ingress tcp/80 $VPC
R $E ingress tcp/3306 $VPC
R $E ingress all group:$E
R $E egress all cidr:10.10.10.0/28
R $P ingress all $PL
R $P ingress tcp/80 $PL
R $P ingress all group:$P
R $P egress all cidr:0.0.0.0/0
R $P egress all cidr:::/0
END
pin examples/http

H=module.http_sg.module.sg.aws_security_group.this_name_prefix[0]
Y=module.mysql_sg.module.sg.aws_security_group.this_name_prefix[0]
cat > "$tmp/want" <<END
G $H computed-http-sg-
G $Y computed-mysql-sg-
R $H ingress tcp/443 cidr:0.0.0.0/0
R $H ingress tcp/443 external-group:data.aws_security_group.default
R $H ingress all group:$H
R $H egress all cidr:0.0.0.0/0
R $H egress all cidr:::/0
R $Y ingress tcp/3306 cidr:0.0.0.0/0
R $Y ingress tcp/3306 group:$H
R $Y ingress all group:$Y
R $Y egress all cidr:0.0.0.0/0
R $Y egress all cidr:::/0
END
pin examples/computed

cat > "$tmp/want" <<END
G $H dynamic-http-sg-
R $H ingress tcp/80 cidr:0.0.0.0/0
R $H ingress tcp/443 external-group:data.aws_security_group.default
R $H ingress all group:$H
R $H egress all cidr:0.0.0.0/0
R $H egress all cidr:::/0
END
pin examples/dynamic

# create = false: no group and no rule.
: > "$tmp/want"
pin examples/disabled

cat > "$tmp/want" <<'END'
G aws_security_group.service_one service_one
G aws_security_group.service_two service_two
R aws_security_group.service_one ingress tcp/80 group:aws_security_group.service_two
R aws_security_group.service_two ingress tcp/80 group:aws_security_group.service_one
END
pin examples/rules-only

# The wrapper alone: name unknown (the group is known by its address), no
# ingress CIDR given, so the SSH rule has no peer: not drawn, with a warning
# at the rule.
S=module.sg.aws_security_group.this_name_prefix[0]
cat > "$tmp/want" <<END
G $S $S
R $S ingress all group:$S
R $S egress all cidr:0.0.0.0/0
R $S egress all cidr:::/0
END
pin modules/ssh
grep -q "terraform-aws-security-group/main.tf:66:1: warning: module.sg.aws_security_group_rule.ingress_rules\[0\]: expected a peer" "$tmp/err" ||
    { echo "FAIL modules/ssh: no warning for the SSH rule without a peer"; cat "$tmp/err"; fail=1; }

# 3. lint at .tf lines
"$SGMAP" lint "$C/examples/http" > "$tmp/lint" 2>/dev/null
[ $? = 1 ] || { echo "FAIL lint examples/http: expected exit 1 (findings)"; fail=1; }
grep -q "^sgmap: $C/main.tf:[0-9]*:[0-9]*: warning: \[rule-named-group\] group 'http-sg-'" "$tmp/lint" ||
    { echo "FAIL lint examples/http: no finding at a main.tf line"; head -3 "$tmp/lint"; fail=1; }
if grep -q "planned_values" "$tmp/lint"; then
    echo "FAIL lint examples/http: a finding at a JSON path"; grep planned_values "$tmp/lint" | head -3; fail=1
fi
exit $fail
