#!/bin/sh
# notes_table.sh - issue 15's rules 4 and 5, read from the DOT:
#   - --notes: each arrow's label ends with its number "[N]", the numbers
#     run 1..n, and the table under the drawing lists each number with its
#     rules' ports, peers and descriptions, and each group's description;
#     the NLB reached by address shows its addresses;
#   - --lint with --notes: the finding text is in the table and names say
#     "see the notes", not "see tooltip";
#   - the table is on by default for PNG and PDF, off for SVG and DOT, and
#     --notes and --no-notes force either way;
#   - nodes of one kind have one size (fixedsize, equal width and height),
#     short names and long ones alike;
#   - no label in the drawing of any corpus input carries an ARN.
set -u
: "${SGMAP:?}" "${TESTS:?}" "${SHARED:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
samples=$TESTS/../samples
cases=$TESTS/cases

has() { grep -qF -- "$2" "$1" || { echo "FAIL $1 lacks: $2"; fail=1; }; }
lacks() { ! grep -qF -- "$2" "$1" || { echo "FAIL $1 has: $2"; fail=1; }; }

# The NLB stage: one arrow [1] standing for two rules, one per address.
"$SGMAP" -f dot --notes "$samples/game-production-1-nlb.yaml" >"$tmp/nlb.dot"
table=$tmp/nlb.table
grep '^	label=<' "$tmp/nlb.dot" >"$table"
has "$tmp/nlb.dot" 'label="tcp/8443 [1]"'
has "$table" '<B>[1]</B>'
has "$table" '>tcp/8443<'
# (the cell wraps before the interface's name)
sed 's/<BR ALIGN="LEFT"\/>/ /g' "$table" >"$table.flat"
has "$table.flat" 'allow-https-8443 ingress from 10.0.1.10/32 (nlb-game-production)'
has "$table.flat" 'allow-https-8443 ingress from 10.0.2.10/32 (nlb-game-production)'
has "$table.flat" 'Game traffic and health checks from nlb-game-production in the first AZ'
has "$table" '>Allow 8443 from the load balancer<'

# Every arrow of a bigger sample: numbered 1..n, each number in the table.
"$SGMAP" -f dot --notes "$samples/game-production-5-alb.yaml" >"$tmp/alb.dot"
grep -o 'id="e-[^"]*", label="[^"]*\[[0-9]*\]"' "$tmp/alb.dot" |
    sed 's/.*\[\([0-9]*\)\]"$/\1/' >"$tmp/refs"
edges=$(grep -c 'id="e-' "$tmp/alb.dot")
[ "$(wc -l <"$tmp/refs")" -eq "$edges" ] && [ "$edges" -ge 3 ] ||
    { echo "FAIL not every one of $edges arrows has a number"; fail=1; }
[ "$(sort -n "$tmp/refs" | tr '\n' ' ')" = "$(seq 1 "$edges" | tr '\n' ' ')" ] ||
    { echo "FAIL arrow numbers are not 1..$edges"; fail=1; }
for n in $(cat "$tmp/refs"); do
    grep '^	label=<' "$tmp/alb.dot" | grep -qF "<B>[$n]</B>" ||
        { echo "FAIL [$n] is not in the table"; fail=1; }
done

# --lint: the findings are in the table, in their severity's colour.
"$SGMAP" -f dot --notes --lint "$cases/drawing/lint-severities/input.yaml" >"$tmp/lint.dot"
grep '^	label=<' "$tmp/lint.dot" >"$tmp/lint.table"
has "$tmp/lint.table" 'error: [open-admin-port] ingress tcp/22 from 0.0.0.0/0 in group'
has "$tmp/lint.table" 'warning: [group-description] group &#39;app&#39; has no description'
has "$tmp/lint.table" 'note: [covered-rule] ingress tcp/5432 from 10.0.1.0/24'
has "$tmp/lint.dot" 'review (see the notes)'
lacks "$tmp/lint.dot" 'see tooltip'
for sev in error warning note; do
    colour=$(grep -A1 "label=\"lint $sev" "$tmp/lint.dot" | sed -n 's/.* color="\([^"]*\)".*/\1/p')
    grep -F "$sev: [" "$tmp/lint.table" | grep -qF "<FONT COLOR=\"$colour\">" ||
        { echo "FAIL the $sev findings in the table are not in $colour"; fail=1; }
done

# Defaults by format, and both options.
f=$samples/game-production-1-nlb.yaml
"$SGMAP" -f dot "$f" >"$tmp/plain.dot"
lacks "$tmp/plain.dot" 'labelloc=b'
lacks "$tmp/plain.dot" '[1]'
"$SGMAP" -f dot --notes --no-notes "$f" >"$tmp/off.dot"
cmp -s "$tmp/plain.dot" "$tmp/off.dot" || { echo "FAIL --no-notes does not win"; fail=1; }
"$SGMAP" -f svg "$f" >"$tmp/plain.svg"
lacks "$tmp/plain.svg" 'the rules behind each'
"$SGMAP" -f svg --notes "$f" >"$tmp/notes.svg"
has "$tmp/notes.svg" 'the rules behind each'
# A PNG is taller with the table below the drawing: on unless --no-notes.
png_height() { od -An -tu1 -j20 -N4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'; }
"$SGMAP" "$f" -o "$tmp/default.png" && "$SGMAP" --no-notes "$f" -o "$tmp/off.png" &&
    "$SGMAP" --notes "$f" -o "$tmp/on.png" || { echo "FAIL png"; fail=1; }
[ "$(png_height "$tmp/default.png")" -gt "$(png_height "$tmp/off.png")" ] &&
    cmp -s "$tmp/default.png" "$tmp/on.png" ||
    { echo "FAIL the PNG's table is not on by default"; fail=1; }
"$SGMAP" "$f" -o "$tmp/default.pdf" && "$SGMAP" --notes "$f" -o "$tmp/on.pdf" &&
    "$SGMAP" --no-notes "$f" -o "$tmp/off.pdf" || { echo "FAIL pdf"; fail=1; }
cmp -s "$tmp/default.pdf" "$tmp/on.pdf" && ! cmp -s "$tmp/default.pdf" "$tmp/off.pdf" ||
    { echo "FAIL the PDF's table is not on by default"; fail=1; }

# One size per kind: "kind width height fixedsize" of every interface node.
"$SGMAP" -f dot --no-collapse "$cases/drawing/node-sizes/input.yaml" >"$tmp/sizes.dot"
grep 'id="n-' "$tmp/sizes.dot" |
    sed -n 's/.*fixedsize=\([a-z]*\), width=\([0-9.]*\), height=\([0-9.]*\),.*COLOR="#6b6b6b">\([a-z0-9]*\).*/\4 \2 \3 \1/p' |
    sort -u >"$tmp/sizes"
[ "$(wc -l <"$tmp/sizes")" -eq 14 ] ||
    { echo "FAIL expected 14 kinds of one size each, got:"; cat "$tmp/sizes"; fail=1; }
[ "$(cut -d' ' -f1 "$tmp/sizes" | uniq -d)" = "" ] ||
    { echo "FAIL a kind has two sizes:"; cat "$tmp/sizes"; fail=1; }
grep -v ' true$' "$tmp/sizes" && { echo "FAIL a node is not of fixed size"; fail=1; }
# The long name is wrapped and cut, the whole of it in the tooltip.
has "$tmp/sizes.dot" 'alb-game-production-<BR/>public-internet-'
has "$tmp/sizes.dot" 'tooltip="alb-game-production-public-internet-facing-eu-west-1 (alb)'

# No ARN in any label (tooltips may carry them): every corpus input that
# sgmap reads.
find "$SHARED/corpus" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o \
    -name '*.template' -o -name '*.tfstate' \) | sort >"$tmp/inputs"
while read -r input; do
    "$SGMAP" -q -f dot "$input" >"$tmp/c.dot" 2>/dev/null || continue
    sed 's/tooltip="\([^"\\]\|\\.\)*"//g; s/id="[^"]*"//g' "$tmp/c.dot" |
        grep -o '.\{0,40\}arn:aws.\{0,40\}' | head -1 >"$tmp/arn"
    [ -s "$tmp/arn" ] && { echo "FAIL an ARN in a label of $input: $(cat "$tmp/arn")"; fail=1; }
done <"$tmp/inputs"
exit $fail
