#!/bin/sh
# reach_budget.sh - diff's reachability changes and lint's half-open-rule
# ask the engine about every pair of interfaces, whose work grows with the
# square of the sets of interfaces alike: past REACH_AUTO_MAX_CLASSES (600)
# they say that they did not evaluate, and why, instead of running for
# minutes; sgmap reach itself still answers.
set -u
: "${SGMAP:?}" "${TESTS:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# 700 groups, one interface in each: 700 sets of interfaces alike.
{
    echo "groups:"
    i=0
    while [ $i -lt 700 ]; do
        printf '  g%d:\n    description: Group %d\n    ingress:\n      - {from: g%d, ports: tcp/443, description: Peers}\n' \
            $i $i $(((i + 1) % 700))
        i=$((i + 1))
    done
    echo "interfaces:"
    i=0
    while [ $i -lt 700 ]; do
        printf '  - {name: host-%d, kind: ec2, groups: [g%d]}\n' $i $i
        i=$((i + 1))
    done
} >"$tmp/big.yaml"

"$SGMAP" diff -f json "$tmp/big.yaml" "$tmp/big.yaml" >"$tmp/diff.json"
[ $? -eq 0 ] || { echo "FAIL: diff of an input with itself did not exit 0"; fail=1; }
jq -e '.reachability.evaluated == false and (.reachability.why | test("700 sets of interfaces alike, over the 600")) and .reachability.changes == []' \
    "$tmp/diff.json" >/dev/null || { echo "FAIL: diff -f json: $(jq -c .reachability "$tmp/diff.json")"; fail=1; }
"$SGMAP" diff -f markdown "$tmp/big.yaml" "$tmp/big.yaml" >"$tmp/diff.md"
grep -q "^Not evaluated: the inputs have 700 sets" "$tmp/diff.md" ||
    { echo "FAIL: diff -f markdown does not say it did not evaluate"; fail=1; }

"$SGMAP" lint "$tmp/big.yaml" >/dev/null 2>"$tmp/lint.err"
grep -q "^sgmap: note: half-open-rule not evaluated: the inputs have 700 sets" "$tmp/lint.err" ||
    { echo "FAIL: lint does not say half-open-rule was not evaluated: $(cat "$tmp/lint.err")"; fail=1; }

# reach evaluates them all: every g(i+1) reaches g(i) (default egress).
n=$("$SGMAP" reach --from '*' --to '*' -f json "$tmp/big.yaml" | jq '.answers | length')
[ "$n" = 700 ] || { echo "FAIL: reach answered $n pairs, not 700"; fail=1; }
exit $fail
