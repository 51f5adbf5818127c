#!/bin/sh
# legend_truth.sh - the legend says how the arrows are drawn: each sample
# arrow in the DOT legend has the colour, style and arrowheads of the
# drawing's arrows of its kind (a removed rule in a diff, a flow, a
# half-open arrow, --rules' ingress and egress, each severity of lint
# findings), and no legend line calls an arrow dashed that is drawn solid.
set -u
: "${SGMAP:?}" "${TESTS:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The look of a DOT edge line: its attributes from color= on, without the
# tooltips (what edge_look() writes).
look() {
    sed 's/.*fontcolor="[^"]*", //; s/, tooltip=.*//; s/\];$//'
}

# same DOT LEGEND_TEXT EDGE_ID_PATTERN: the legend row with that text and
# the first edge whose id matches look alike.
same() {
    row=$(grep -n "label=\"$2" "$1" | head -1 | cut -d: -f1)
    [ -n "$row" ] || { echo "FAIL $1: no legend row '$2'"; fail=1; return; }
    sample=$(sed -n "$((row + 1))p" "$1" | look)
    arrow=$(grep "id=\"$3" "$1" | head -1 | look)
    [ -n "$arrow" ] || { echo "FAIL $1: no arrow $3"; fail=1; return; }
    [ "$sample" = "$arrow" ] || {
        echo "FAIL $1: legend '$2' is drawn [$sample], the arrow [$arrow]"
        fail=1
    }
}

cases=$TESTS/cases
"$SGMAP" diff -f dot "$cases/diff/plan/plan.json" >"$tmp/diff.dot"
same "$tmp/diff.dot" "removed" "e-flow-c-sg-0b000000000000003"
same "$tmp/diff.dot" "added" "e-flow-c-aws_security_group.monitoring"
grep -q 'label="removed[^"]*dashed' "$tmp/diff.dot" &&
    ! grep -q 'label="removed[^"]*groups and interfaces outlined dashed' "$tmp/diff.dot" &&
    { echo "FAIL the removed row calls arrows dashed"; fail=1; }
"$SGMAP" -f dot "$cases/drawing/half-open-ingress/input.yaml" >"$tmp/half.dot"
same "$tmp/half.dot" "allowed by both sides" "e-flow-c-scraper,c-app"
same "$tmp/half.dot" "allowed by the destination's ingress" "e-ingress-only-"
"$SGMAP" -f dot "$cases/drawing/half-open-egress/input.yaml" >"$tmp/egress.dot"
same "$tmp/egress.dot" "allowed by the source's egress" "e-egress-only-"
"$SGMAP" --rules -f dot "$cases/drawing/rules-mode/input.yaml" >"$tmp/rules.dot"
same "$tmp/rules.dot" "ingress rules" "e-ingress-"
same "$tmp/rules.dot" "egress rules" "e-egress-c-monitoring,c-app"
# render --lint: a sample arrow for each severity drawn, in the colour of
# that severity's arrows and outlines; three severities, three colours.
"$SGMAP" --lint -f dot "$cases/drawing/lint-severities/input.yaml" >"$tmp/sev.dot"
same "$tmp/sev.dot" "lint error" "e-flow-p-0.0.0.0/0,c-bastion"
same "$tmp/sev.dot" "lint note" "e-flow-p-10.0.1.0/24,c-db"
warning=$(grep -A1 'label="lint warning' "$tmp/sev.dot" | sed -n 's/.* color="\([^"]*\)".*/\1/p')
grep -A3 'id="c-app"' "$tmp/sev.dot" | grep -q "; color=\"$warning\"; " ||
    { echo "FAIL the warning's cluster is not drawn in the legend's warning colour $warning"; fail=1; }
colours=$(grep -A1 'label="lint ' "$tmp/sev.dot" | sed -n 's/.* color="\([^"]*\)".*/\1/p' | sort -u | wc -l)
[ "$colours" -eq 3 ] || { echo "FAIL three severities in $colours colours"; fail=1; }
exit $fail
