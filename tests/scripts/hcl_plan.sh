#!/bin/sh
# hcl_plan.sh - the plan-shaped document of the HCL reader (build/hcl_dump):
#   1. twin: tests/hcl/twin/tf/main.tf and json/main.tf.json are the same
#      configuration in the two syntaxes; their summaries (every instance
#      and value) and their configuration sections must be identical.
#   2. plan-agree: the configuration tests/hcl/plan-agree/config and plan.json,
#      written by hand as `terraform show -json` prints a plan of it (values
#      AWS assigns left out, references in the configuration), give the same
#      model through `sgmap -f json` (sources aside): 2 groups, 5 rules, the
#      two instances as members.
#   3. locations: the table maps resources, attributes and nested blocks
#      (dynamic ones at their content block) to their FILE:LINE:COL, in .tf
#      and .tf.json alike; hcl_locate() answers a path below a located one
#      (a list element, an attribute the provider fills in) with the
#      enclosing location.
#   4. the document itself: a resource's unknown attribute is left out of
#      planned_values and marked true in after_unknown; a data source is read;
#      the remote module of tests/hcl/cases/eval-module is a call with its
#      source and no module.
set -u
: "${SGMAP:?}" "${TESTS:?}"
DUMP=$(dirname "$SGMAP")/hcl_dump
[ -x "$DUMP" ] || { echo "skip: $DUMP is not built (make check builds it)"; exit 77; }
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
H=$TESTS/hcl

# 1. twin
(cd "$H/twin/tf" && "$DUMP" .) > "$tmp/tf.sum" 2>&1 || { echo "FAIL twin/tf did not load"; fail=1; }
(cd "$H/twin/json" && "$DUMP" .) > "$tmp/json.sum" 2>&1 || { echo "FAIL twin/json did not load"; fail=1; }
if ! cmp -s "$tmp/tf.sum" "$tmp/json.sum"; then
    echo "FAIL twin: the .tf and .tf.json summaries differ"; diff "$tmp/tf.sum" "$tmp/json.sum"; fail=1
fi
[ "$(wc -l < "$tmp/tf.sum")" = 8 ] || { echo "FAIL twin: expected 7 instances and 1 output"; cat "$tmp/tf.sum"; fail=1; }
(cd "$H/twin/tf" && "$DUMP" --config .) > "$tmp/tf.cfg"
(cd "$H/twin/json" && "$DUMP" --config .) > "$tmp/json.cfg"
cmp -s "$tmp/tf.cfg" "$tmp/json.cfg" || { echo "FAIL twin: configurations differ"; diff "$tmp/tf.cfg" "$tmp/json.cfg" | head -20; fail=1; }

# 2. plan-agree
F='del(.. | .source?) | del(.sgmap)'
"$SGMAP" "$H/plan-agree/plan.json" -f json 2>"$tmp/err1" | jq -S "$F" > "$tmp/hand.json"
"$DUMP" --json "$H/plan-agree/config" > "$tmp/gen.plan.json" &&
    "$SGMAP" "$tmp/gen.plan.json" -f json 2>"$tmp/err2" | jq -S "$F" > "$tmp/gen.json"
if ! cmp -s "$tmp/hand.json" "$tmp/gen.json"; then
    echo "FAIL plan-agree: the configuration and its plan give different models"
    diff "$tmp/hand.json" "$tmp/gen.json" | head -40; fail=1
fi
[ -s "$tmp/err1" ] || [ -s "$tmp/err2" ] && { echo "FAIL plan-agree: messages"; cat "$tmp/err1" "$tmp/err2"; fail=1; }
got=$(jq -c '[(.groups | length), (.rules | length), ([.interfaces[].id] | sort)]' "$tmp/gen.json")
[ "$got" = '[2,5,["aws_instance.app[\"a\"]","aws_instance.app[\"b\"]"]]' ] ||
    { echo "FAIL plan-agree: expected 2 groups, 5 rules, 2 members, got $got"; fail=1; }

# 3. locations
(cd "$H/twin/tf" && "$DUMP" --locations .) > "$tmp/loc.tf"
(cd "$H/twin/json" && "$DUMP" --locations .) > "$tmp/loc.json"
P=planned_values.root_module.resources
for want in \
    "$P[1].values main.tf:15:1" \
    "$P[1].values.name main.tf:16:3" \
    "$P[1].values.ingress[0] main.tf:19:3" \
    "$P[1].values.ingress[0].from_port main.tf:20:5" \
    "$P[1].values.egress[1] main.tf:27:5" \
    "$P[1].values.egress[1].security_groups main.tf:31:7" \
    "$P[4].values.from_port main.tf:42:3" \
    "$P[6].values.tags main.tf:52:3"; do
    grep -qxF "$want" "$tmp/loc.tf" || { echo "FAIL locations: no line '$want'"; fail=1; }
done
for want in \
    "$P[1].values main.tf.json:10:13" \
    "$P[1].values.ingress[0] main.tf.json:14:20" \
    "$P[1].values.egress[1].from_port main.tf.json:19:15" \
    "$P[4].values.from_port main.tf.json:34:9"; do
    grep -qxF "$want" "$tmp/loc.json" || { echo "FAIL locations: no line '$want'"; fail=1; }
done

# hcl_locate(): an exact path, a path below a located one (its enclosing
# location), a module call, and a path outside the table.
loc() {
    got=$(cd "$1" && "$DUMP" "--locate=$2" . 2>/dev/null)
    [ "$got" = "$3" ] || { echo "FAIL locate $2: got '$got', expected '$3'"; fail=1; }
}
loc "$H/twin/tf" "$P[1].values.ingress[0].cidr_blocks" main.tf:23:5
loc "$H/twin/tf" "$P[1].values.ingress[0].cidr_blocks[0]" main.tf:23:5
loc "$H/twin/tf" "$P[1].values.revoke_rules_on_delete" main.tf:15:1
loc "$H/cases/eval-module" "configuration.root_module.module_calls.web" main.tf:7:1
loc "$H/twin/tf" "$P[99].values" "not found"

# 4. the document
"$DUMP" --json "$H/twin/tf" > "$tmp/doc.json"
check() {
    got=$(jq -c "$1" "$2")
    [ "$got" = "$3" ] || { echo "FAIL document: $1 is $got, expected $3"; fail=1; }
}
check '.planned_values.root_module.resources[1].values | has("vpc_id")' "$tmp/doc.json" false
check '.resource_changes[1].change.after_unknown' "$tmp/doc.json" '{"egress":[{"security_groups":[true]},{"security_groups":[true]}],"vpc_id":true}'
check '.resource_changes[0] | [.mode, .change.actions[0]]' "$tmp/doc.json" '["data","read"]'
check '.resource_changes[3] | [.address, .index, .change.actions[0]]' "$tmp/doc.json" '["aws_security_group_rule.app_in[0]",0,"create"]'
check '.configuration.root_module.resources[] | select(.address == "aws_security_group_rule.app_in") | .expressions.security_group_id.references' "$tmp/doc.json" '["aws_security_group.app.id","aws_security_group.app"]'
(cd "$H/cases/eval-module" && "$DUMP" --json . 2>/dev/null) > "$tmp/mod.json"
check '.configuration.root_module.module_calls.vpc' "$tmp/mod.json" '{"source":"terraform-aws-modules/vpc/aws","expressions":{"cidr":{"constant_value":"10.0.0.0/16"}}}'
check '.configuration.root_module.module_calls.web.module.outputs.id.expression.references' "$tmp/mod.json" '["aws_security_group.this.id","aws_security_group.this"]'
check '[.planned_values.root_module.child_modules[].address]' "$tmp/mod.json" '["module.web","module.many[\"a\"]","module.many[\"b\"]"]'
exit $fail
