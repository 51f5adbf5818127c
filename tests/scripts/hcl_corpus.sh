#!/bin/sh
# hcl_corpus.sh - the HCL reader on shared/corpus/terraform-hcl/
# terraform-aws-security-group, a whole public module (see its PROVENANCE.md):
#
# 1. Every folder of examples/, modules/ and wrappers/ loads (exit 0, no
#    error), except two that Terraform refuses as well:
#      modules/_templates  the generator's template: its main.tf uses
#                          auto_* variables that only the generated copies declare
#      modules/smtps       upstream typo: auto_ingress_rules names
#                          "smtps-2465-tcp", rules.tf defines "smtps-2456-tcp",
#                          so var.rules["smtps-2465-tcp"] is an invalid index
#                          (main.tf:75:26, as in Terraform)
# 2. For six folders, the groups and rules (tests/hcl/facts.jq) equal the lists
#    below, worked out by hand from the source: each example's module calls
#    (examples/*/main.tf) -> the wrapper's auto_values.tf (auto_ingress_rules,
#    auto_ingress_with_self = all-all, auto_egress_rules = all-all) and
#    variables.tf defaults (egress to 0.0.0.0/0 and ::/0, use_name_prefix =
#    true: group this_name_prefix named NAME-) -> main.tf of the root module
#    (one aws_security_group_rule per entry of ingress_rules, sorted, with
#    ingress_cidr_blocks; ingress_with_self and ingress_with_source_security_
#    group_id entries by their "rule" in rules.tf: all-all = -1/-1/"-1",
#    http-80-tcp 80, https-443-tcp 443, mysql-tcp 3306, ssh-tcp 22). Values
#    from data sources and group ids are unknown ("?").
# 3. Through the plan reader (sgmap -f json on the document): in rules-only,
#    each service group admits the other on tcp/80 (the ids cross two module
#    boundaries and a local); in computed, the MySQL group admits the HTTP
#    group on tcp/3306 (a module output passed into another module).
set -u
: "${SGMAP:?}" "${SHARED:?}" "${TESTS:?}"
DUMP=$(dirname "$SGMAP")/hcl_dump
[ -x "$DUMP" ] || { echo "skip: $DUMP is not built (make check builds it)"; exit 77; }
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
    "$DUMP" "$d" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 0 ] || grep -q 'error:' "$tmp/err"; then
        echo "FAIL ${d#"$C"/}: exit status $rc"; head -5 "$tmp/err"; fail=1
    fi
done
[ "$n" -ge 60 ] || { echo "FAIL: only $n folders found"; fail=1; }
"$DUMP" "$C/modules/smtps" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" != 3 ] || ! grep -q "terraform-aws-security-group/main.tf:75:26: error: no element with key 'smtps-2465-tcp'" "$tmp/err"; then
    echo "FAIL modules/smtps: expected exit 3 at main.tf:75:26, got $rc"; head -3 "$tmp/err"; fail=1
fi

# 2. pinned groups and rules
pin() {
    "$DUMP" --json "$C/$1" 2>/dev/null | jq -r -f "$TESTS/hcl/facts.jq" > "$tmp/got"
    if ! diff "$tmp/want" "$tmp/got" > "$tmp/diff"; then
        echo "FAIL $1: groups and rules differ from the ones worked out by hand"; cat "$tmp/diff"; fail=1
    fi
}

cat > "$tmp/want" <<'END'
G data.aws_security_group.default default
G module.http_sg.module.sg.aws_security_group.this_name_prefix[0] http-sg-
R module.http_sg.module.sg.ingress_rules[0] ingress tcp 80-80 cidr:0.0.0.0/0
R module.http_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
G module.http_with_ingress_prefix_list_ids_sg.module.sg.aws_security_group.this_name_prefix[0] http-with-ingress-prefix-list-ids-
R module.http_with_ingress_prefix_list_ids_sg.module.sg.ingress_rules[0] ingress tcp 80-80 pl:?
R module.http_with_ingress_prefix_list_ids_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 pl:?,self
R module.http_with_ingress_prefix_list_ids_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
G module.http_mysql_1_sg.module.sg.aws_security_group.this[0] http-mysql-1
R module.http_mysql_1_sg.module.sg.ingress_rules[0] ingress tcp 80-80 cidr:0.0.0.0/0
R module.http_mysql_1_sg.module.sg.ingress_rules[1] ingress tcp 3306-3306 cidr:0.0.0.0/0
R module.http_mysql_1_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_mysql_1_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
G module.http_mysql_2_sg.module.sg.aws_security_group.this_name_prefix[0] http-mysql-2-
R module.http_mysql_2_sg.module.sg.ingress_rules[0] ingress tcp 80-80 cidr:?
R module.http_mysql_2_sg.module.sg.ingress_rules[1] ingress tcp 3306-3306 cidr:?
R module.http_mysql_2_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_mysql_2_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
G module.http_with_egress_minimal_sg.module.sg.aws_security_group.this_name_prefix[0] http-with-egress-minimal-
R module.http_with_egress_minimal_sg.module.sg.ingress_rules[0] ingress tcp 80-80 cidr:?
R module.http_with_egress_minimal_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_with_egress_minimal_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
R module.http_with_egress_minimal_sg.module.sg.egress_rules[1] egress tcp 80-80 cidr:0.0.0.0/0,cidr6:::/0
G module.http_with_egress_sg.module.sg.aws_security_group.this_name_prefix[0] http-with-egress-
R module.http_with_egress_sg.module.sg.ingress_rules[0] ingress tcp 80-80 cidr:?
R module.http_with_egress_sg.module.sg.ingress_rules[1] ingress tcp 3306-3306 cidr:?
R module.http_with_egress_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_with_egress_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:10.10.10.0/28
END
pin examples/http

cat > "$tmp/want" <<'END'
G data.aws_security_group.default default
G module.http_sg.module.sg.aws_security_group.this_name_prefix[0] computed-http-sg-
R module.http_sg.module.sg.ingress_rules[0] ingress tcp 443-443 cidr:0.0.0.0/0
R module.http_sg.module.sg.ingress_with_source_security_group_id[0] ingress tcp 443-443 sg:?
R module.http_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
G module.mysql_sg.module.sg.aws_security_group.this_name_prefix[0] computed-mysql-sg-
R module.mysql_sg.module.sg.ingress_rules[0] ingress tcp 3306-3306 cidr:0.0.0.0/0
R module.mysql_sg.module.sg.computed_ingress_with_source_security_group_id[0] ingress tcp 3306-3306 sg:?
R module.mysql_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.mysql_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
END
pin examples/computed

cat > "$tmp/want" <<'END'
G data.aws_security_group.default default
G module.http_sg.module.sg.aws_security_group.this_name_prefix[0] dynamic-http-sg-
R module.http_sg.module.sg.ingress_rules[0] ingress tcp 80-80 cidr:0.0.0.0/0
R module.http_sg.module.sg.ingress_with_source_security_group_id[0] ingress tcp 443-443 sg:?
R module.http_sg.module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.http_sg.module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
END
pin examples/dynamic

# create = false: no group and no rule, only the data source.
echo 'G data.aws_security_group.default default' > "$tmp/want"
pin examples/disabled

cat > "$tmp/want" <<'END'
G data.aws_security_group.default default
G aws_security_group.service_one service_one
G aws_security_group.service_two service_two
R module.rules_one.ingress_with_source_security_group_id[0] ingress tcp 80-80 sg:?
R module.rules_two.ingress_with_source_security_group_id[0] ingress tcp 80-80 sg:?
END
pin examples/rules-only

# The wrapper module alone: name has no value (unknown), no ingress CIDR given.
cat > "$tmp/want" <<'END'
G module.sg.aws_security_group.this_name_prefix[0] ?
R module.sg.ingress_rules[0] ingress tcp 22-22 
R module.sg.ingress_with_self[0] ingress -1 -1--1 self
R module.sg.egress_rules[0] egress -1 -1--1 cidr:0.0.0.0/0,cidr6:::/0
END
pin modules/ssh

# 3. through the plan reader
"$DUMP" --json "$C/examples/rules-only" > "$tmp/ro.json" 2>/dev/null
"$SGMAP" "$tmp/ro.json" -f json 2>/dev/null |
    jq -r '.rules[] | "\(.group) \(.direction) \(.label) \(.peer.id)"' > "$tmp/got"
cat > "$tmp/want" <<'END'
aws_security_group.service_one ingress tcp/80 aws_security_group.service_two
aws_security_group.service_two ingress tcp/80 aws_security_group.service_one
END
diff "$tmp/want" "$tmp/got" || { echo "FAIL rules-only through sgmap"; fail=1; }
"$DUMP" --json "$C/examples/computed" > "$tmp/co.json" 2>/dev/null
"$SGMAP" "$tmp/co.json" -f json 2>/dev/null |
    jq -r '.rules[] | select(.peer.type == "group" and .group != .peer.id) | "\(.group) \(.label) \(.peer.id)"' > "$tmp/got"
echo 'module.mysql_sg.module.sg.aws_security_group.this_name_prefix[0] tcp/3306 module.http_sg.module.sg.aws_security_group.this_name_prefix[0]' > "$tmp/want"
diff "$tmp/want" "$tmp/got" || { echo "FAIL computed through sgmap"; fail=1; }
exit $fail
