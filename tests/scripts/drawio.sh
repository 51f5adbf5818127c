#!/bin/sh
# drawio.sh - -f drawio is a well-formed diagrams.net file with the content
# of the drawing (drawio_check.py: cells, parents, geometry inside parents,
# every edge's ends; and against -f view: the same containers, nesting,
# nodes and arrows) on every sample, the packed layout, corpus files of
# three kinds, a diff chosen by -o's extension; hostile text stays text in labels and in
# tooltips (which draw.io reads as HTML); the same input gives the same
# bytes; and the checker itself rejects a broken file.
set -u
: "${SGMAP:?}" "${SHARED:?}" "${TESTS:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
check="python3 $TESTS/scripts/drawio_check.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# One input (and options) drawn both ways, then checked.
drawn() {
    name=$1
    shift
    "$SGMAP" "$@" -f drawio -o "$tmp/$name.drawio" || { echo "$name: drawio failed"; fail=1; return; }
    "$SGMAP" "$@" -f view -o "$tmp/$name.json" || { echo "$name: view failed"; fail=1; return; }
    $check "$tmp/$name.drawio" "$tmp/$name.json" || { echo "$name: bad drawio"; fail=1; }
}

for f in "$TESTS"/../samples/*.yaml; do
    drawn "$(basename "$f" .yaml)" "$f"
done
drawn rules "$TESTS/../samples/game-production-5-alb.yaml" --rules --egress all
# The packed layout, when Graphviz's ranked one fails.
SGMAP_TEST_FAULT=dot-abort
export SGMAP_TEST_FAULT
drawn packed "$TESTS/../samples/game-production-5-alb.yaml" -q
unset SGMAP_TEST_FAULT
C=$SHARED/corpus
if [ -d "$C" ]; then
    drawn inframap "$C/inframap/aws_state_sg.json"
    drawn regula "$C/regula/ingress_22_infra.yaml"
    drawn cli "$C/aws-cli-examples/ec2-describe-security-groups-example1.repaired.json"
fi

# A diff, its format taken from -o's extension; exit 1: there are changes.
"$SGMAP" diff "$TESTS/../samples/game-production-1-nlb.yaml" \
    "$TESTS/../samples/game-production-2-metrics.yaml" -o "$tmp/diff.drawio"
[ $? = 1 ] || { echo "diff -o x.drawio did not report changes"; fail=1; }
"$SGMAP" diff "$TESTS/../samples/game-production-1-nlb.yaml" \
    "$TESTS/../samples/game-production-2-metrics.yaml" -f view > "$tmp/diff.json"
head -1 "$tmp/diff.drawio" | grep -q '^<mxfile ' || { echo "diff -o x.drawio is not drawio"; fail=1; }
$check "$tmp/diff.drawio" "$tmp/diff.json" || { echo "diff: bad drawio"; fail=1; }

# Hostile text: literal in labels, escaped HTML in tooltips, no element.
hostile=$TESTS/cases/core/hostile-text/input.yaml
drawn hostile "$hostile"
if grep -qiE '<(script|img|b|a|text)[ >/]' "$tmp/hostile.drawio"; then
    echo "hostile: markup from the input became an element"; fail=1
fi
python3 - "$tmp/hostile.drawio" <<'PY' || fail=1
import html, sys
import xml.etree.ElementTree as ET
objs = {o.get("id"): o for o in ET.parse(sys.argv[1]).getroot().iter("UserObject")}
n = objs.get("n-~5CN~3Cimg~20src~3Dx~20onerror~3Dalert~281~29~3E")
assert n is not None, "the hostile interface is missing"
assert n.get("label") == "\\N<img src=x\nonerror=alert(1)>\nec2", repr(n.get("label"))
tip = html.unescape(n.get("tooltip"))
assert tip.startswith("\\N<img src=x onerror=alert(1)> (ec2)\n"), repr(tip)
assert "groups: <b>admin</b>, web</text><script>alert(1)</script>" in tip, repr(tip)
web = [o for i, o in objs.items() if i.startswith("c-web")]
assert len(web) == 1, "the hostile cluster is missing"
tip = html.unescape(web[0].get("tooltip"))
assert '\\N \\G \\l " \' & &amp; &lt;b&gt; C:\\path' in tip, repr(tip)
PY

# The text as drawn: table cells of one row on one line, one space apart; a
# badge is its number, the legend gives its name.
drawn badges "$TESTS/cases/core/crossing-badges/input.yaml"
python3 - "$tmp/badges.drawio" <<'PY' || fail=1
import sys
import xml.etree.ElementTree as ET
labels = [o.get("label") for o in ET.parse(sys.argv[1]).getroot().iter("UserObject")]
for want in ("web-a\nec2\n1", "badges: also in group\n1 bastion-access"):
    assert want in labels, "no label %r in %r" % (want, labels)
PY

# Deterministic.
"$SGMAP" "$hostile" -f drawio > "$tmp/again.drawio"
cmp -s "$tmp/hostile.drawio" "$tmp/again.drawio" || { echo "drawio output differs between runs"; fail=1; }

# The checker bites: a node moved outside its container, an edge to nothing.
sed '0,/<mxGeometry x="[0-9.]*"/s//<mxGeometry x="99999"/' "$tmp/hostile.drawio" > "$tmp/bad1.drawio"
$check "$tmp/bad1.drawio" > /dev/null && { echo "checker accepted geometry outside"; fail=1; }
sed '0,/target="[^"]*"/s//target="nowhere"/' "$tmp/hostile.drawio" > "$tmp/bad2.drawio"
$check "$tmp/bad2.drawio" > /dev/null && { echo "checker accepted a dangling edge"; fail=1; }
exit $fail
