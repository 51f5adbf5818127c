# The HTML map (-f html) in headless Chromium through puppeteer-core
# (tests/browser/map.test.js): search, selection, arrows' rules and the
# legend on a sample; a generated 500-group account, at the region level
# and as it opens (the group level) with its drill-down into a group's
# regions and interfaces, checked against -f view --detail regions and
# -f json; a focus on one group, whose page carries only the part of the
# model it draws; hostile names and descriptions, in the map and in the
# drill-down, that must run no script and make no request. Then -f mermaid
# through Mermaid's own parser (the mermaid package, offline): a sample's
# diff, groups nested without nodes of their own, a 40-group account drawn
# whole and the 500-group one, whose drawing is too large and is summarized. Skips, with a
# visible reason, when Chromium or tests/browser/node_modules (make deps)
# is missing.
set -u
src="$TESTS/browser"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "skipped: no Chromium at /usr/bin/chromium (make deps installs it)"; exit 77; }
command -v jq >/dev/null 2>&1 || { echo "skipped: jq is not installed (make deps installs it)"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "skipped: node is not installed (make deps installs it)"; exit 77; }
[ -d "$src/node_modules/puppeteer-core" ] ||
    { echo "skipped: tests/browser/node_modules is missing (make deps runs npm ci there)"; exit 77; }
root=$(dirname "$TESTS")
fail=0

"$SGMAP" -q "$root/samples/game-production-5-alb.yaml" -o sample.html || { echo "sample map failed"; fail=1; }
"$SGMAP" -q "$src/hostile-map.yaml" -o hostile.html || { echo "hostile map failed"; fail=1; }
${CC:-cc} -O2 -std=c11 -o gen_account "$TESTS/bench/gen_account.c" || exit 1
mkdir -p big && ./gen_account big 500 1600 7 || exit 1
# The map with its group regions (by size sgmap would open it at the group
# level, where the page has no regions to click yet).
"$SGMAP" -q --detail regions big -o big.html || { echo "500-group map failed"; fail=1; }
# As it opens by size (the group level), and what its drill-down must show.
"$SGMAP" -q big -o drill.html || { echo "500-group map at the group level failed"; fail=1; }
"$SGMAP" -q -f view --detail regions big -o regions.json || { echo "500-group regions failed"; fail=1; }
"$SGMAP" -q -f json big -o model.json || { echo "500-group model failed"; fail=1; }
# A focus carries the part of the model it draws, not the whole account.
sg=$(jq -r '.SecurityGroups[0].GroupId' big/describe-security-groups.json)
"$SGMAP" -q --group "$sg" big -o focus.html || { echo "focus map failed"; fail=1; }
grep '^<script type="application/json" id="sgmap-data">' focus.html |
    sed 's/^<script type="application\/json" id="sgmap-data">//; s/<\/script>$//' > focus-data.json
kept=$(jq '[.groups[] | select(. != null)] | length' focus-data.json)
[ "$(jq '.groups | length' focus-data.json)" -ge 500 ] && [ "$kept" -ge 1 ] && [ "$kept" -lt 100 ] ||
    { echo "the focus page carries $kept groups"; fail=1; }
jq -e --arg sg "$sg" '[.groups[] | select(. != null) | .[0]] | index($sg)' focus-data.json > /dev/null ||
    { echo "the focus page lacks its group"; fail=1; }
"$SGMAP" -q --detail groups "$src/hostile-drill.yaml" -o hostile-groups.html ||
    { echo "hostile map at the group level failed"; fail=1; }

# The data blocks (one line each) hold no '<' (nor '>', '&', U+2028/9): the
# input cannot end them.
[ "$(grep -c '^<script type="application/json" id="sgmap-[a-z]*">.*</script>$' hostile-groups.html)" = 2 ] ||
    { echo "the data blocks are not one line each"; fail=1; }
if grep -h '^<script type="application/json" id="sgmap-' hostile.html hostile-groups.html |
        sed 's/^<script type="application\/json" id="[a-z-]*">//; s/<\/script>$//' |
        grep -q '[<>&]'; then
    echo "a data block holds a raw < > or &"; fail=1
fi
if grep -q "$(printf '\342\200\250')" hostile.html hostile-groups.html; then echo "a raw U+2028 in the page"; fail=1; fi

samples="$root/samples"
"$SGMAP" diff "$samples/game-production-4-monitoring.yaml" "$samples/game-production-5-alb.yaml" \
    -f mermaid -o diff.mmd; [ $? = 1 ] || { echo "diff -f mermaid failed"; fail=1; }
"$SGMAP" -q "$src/nested.yaml" -o nested.mmd || { echo "nested.yaml failed"; fail=1; }
grep -q '"\(·\|(no members)\)"' nested.mmd && { echo "nested.mmd has an anchor node"; fail=1; }
mkdir -p small && ./gen_account small 40 120 3 || exit 1
"$SGMAP" -q small -o small.mmd || { echo "40-group Mermaid failed"; fail=1; }
grep -q 'too large for Mermaid' small.mmd && { echo "the 40-group drawing was summarized"; fail=1; }
"$SGMAP" -q big -o big.mmd || { echo "500-group Mermaid failed"; fail=1; }
grep -q 'too large for Mermaid' big.mmd || { echo "the 500-group drawing was not summarized"; fail=1; }

( cd "$src" && node map.test.js "$OLDPWD/sample.html" "$OLDPWD/big.html" "$OLDPWD/hostile.html" \
    "$OLDPWD/drill.html" "$OLDPWD/regions.json" "$OLDPWD/model.json" "$OLDPWD/hostile-groups.html" \
    "$OLDPWD/focus.html" \
    "$OLDPWD/diff.mmd" "$OLDPWD/nested.mmd" "$OLDPWD/small.mmd" "$OLDPWD/big.mmd" ) || fail=1
exit $fail
