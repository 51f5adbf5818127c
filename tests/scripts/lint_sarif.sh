# SARIF output of "sgmap lint" has the structure GitHub code scanning reads:
# version 2.1.0 and $schema, one run whose driver is sgmap with a rules[]
# entry per check, and results whose ruleId/ruleIndex, level, message.text
# and physical location (region with startLine/startColumn when the input
# has lines) are all there. Also: JSON and text agree on the counts,
# --list-checks lists exactly the SARIF rule ids, and artifact URIs are
# what code scanning maps onto repository files: relative to the current
# directory (uriBaseId %SRCROOT%) for files under it, file:// otherwise, and
# no physical location for standard input.
set -u
command -v jq >/dev/null 2>&1 || { echo "jq is not installed"; exit 77; }
cases="$TESTS/cases/lint"
fail=0

check_sarif() {
    name=$1 want_region=$2
    shift 2
    "$SGMAP" lint -f sarif "$@" > out.sarif
    rc=$?
    [ $rc -le 1 ] || { echo "$name: exit status $rc"; fail=1; return; }
    jq -e --argjson region "$want_region" '
        .version == "2.1.0"
        and (.["$schema"] | type == "string" and test("sarif-2\\.1\\.0"))
        and (.runs | length == 1)
        and .runs[0].tool.driver.name == "sgmap"
        and (.runs[0].tool.driver.rules | length > 0)
        and ([.runs[0].tool.driver.rules[].id | type == "string"] | all)
        and ([.runs[0].tool.driver.rules[].id] | length == (unique | length))
        and ([.runs[0].tool.driver.rules[].defaultConfiguration.level
              | IN("error", "warning", "note")] | all)
        and (.runs[0] as $run | [.runs[0].results[] |
              (.ruleId | type == "string")
              and $run.tool.driver.rules[.ruleIndex].id == .ruleId
              and (.level | IN("error", "warning", "note"))
              and (.message.text | type == "string" and length > 0)
              and (.locations | length >= 1)
              and (.locations[0].physicalLocation.artifactLocation.uri
                   | type == "string" and length > 0)
              and (.locations[0].physicalLocation.artifactLocation
                   | (.uriBaseId == "%SRCROOT%" and (.uri | test("^(\\./|/|file:)") | not))
                     or (has("uriBaseId") | not) and (.uri | startswith("file:///")))
              and (if $region then
                     (.locations[0].physicalLocation.region.startLine | type == "number" and . >= 1)
                     and (.locations[0].physicalLocation.region.startColumn | type == "number" and . >= 1)
                   else true end)
             ] | all)
    ' out.sarif > /dev/null || { echo "$name: SARIF structure check failed"; cat out.sarif; fail=1; }

    # The same findings in every format.
    "$SGMAP" lint -f json "$@" > out.json
    "$SGMAP" lint "$@" > out.txt
    n_sarif=$(jq '.runs[0].results | length' out.sarif)
    n_json=$(jq '.findings | length' out.json)
    n_text=$(tail -1 out.txt | cut -d' ' -f1)
    n_lines=$(($(wc -l < out.txt) - 1))
    if [ "$n_sarif" != "$n_json" ] || [ "$n_json" != "$n_text" ] || [ "$n_text" != "$n_lines" ]; then
        echo "$name: counts differ: sarif $n_sarif, json $n_json, text $n_text ($n_lines lines)"
        fail=1
    fi
    jq -e '.sgmap == 1 and .type == "lint"
           and ([.findings[] | (.id | type == "string") and (.severity | IN("error", "warning", "note"))
                 and (.message | type == "string") and (.fix | type == "string")
                 and (.location | has("file") and has("line") and has("column") and has("path"))] | all)
           and .summary.findings == (.findings | length)
           and .summary.errors + .summary.warnings + .summary.notes == .summary.findings' \
        out.json > /dev/null || { echo "$name: JSON structure check failed"; fail=1; }
}

check_sarif open-admin-port true "$cases/open-admin-port/input.yaml"
check_sarif anti-pattern true "$TESTS/../samples/anti-pattern-rule-named.yaml"
check_sarif clean true "$TESTS/../samples/game-production-5-alb.yaml"
check_sarif json-path false "$cases/stale-reference/sgs.json" "$cases/stale-reference/stale.json"
check_sarif many true "$cases/duplicate-rule/input.yaml" "$cases/half-open-path/input.yaml"

# Artifact URIs. The script runs in a scratch folder: "the repository".
mkdir -p sub
cp "$cases/open-admin-port/input.yaml" in.yaml
uris() {
    "$SGMAP" lint -f sarif "$@" |
        jq -c '[.runs[0].results[].locations[].physicalLocation.artifactLocation] | unique'
}
want_uri() {
    name=$1 want=$2
    shift 2
    got=$(uris "$@")
    [ "$got" = "$want" ] || { echo "$name: artifact locations $got, expected $want"; fail=1; }
}
here='[{"uri":"in.yaml","uriBaseId":"%SRCROOT%"}]'
want_uri relative "$here" in.yaml
want_uri dot-slash "$here" ./in.yaml
want_uri dot-segments "$here" .//sub/../././in.yaml
want_uri absolute-here "$here" "$(pwd)/in.yaml"
cp in.yaml "sub/a b.yaml"
want_uri subfolder '[{"uri":"sub/a%20b.yaml","uriBaseId":"%SRCROOT%"}]' "sub/a b.yaml"
outside=$(cd "$cases/open-admin-port" && pwd)/input.yaml
want_uri absolute-outside "[{\"uri\":\"file://$outside\"}]" "$outside"
top=$(pwd)
cd sub || exit 1
want_uri parent-outside "[{\"uri\":\"file://$top/in.yaml\"}]" ../in.yaml
cd "$top" || exit 1

# Standard input is no file of the repository: no physical location; a
# JSON path stays as a logical location.
"$SGMAP" lint -f sarif - < in.yaml > stdin.sarif
jq -e '(.runs[0].results | length > 0) and ([.runs[0].results[].locations == []] | all)' \
    stdin.sarif > /dev/null || { echo "stdin: locations are not empty"; cat stdin.sarif; fail=1; }
"$SGMAP" lint -f sarif - < "$cases/stale-reference/sgs.json" > stdin.sarif
jq -e '(.runs[0].results | length > 0)
       and ([.runs[0].results[].locations[] | (has("physicalLocation") | not)
             and (.logicalLocations[0].fullyQualifiedName | type == "string")] | all)' \
    stdin.sarif > /dev/null || { echo "stdin: JSON path lost"; cat stdin.sarif; fail=1; }
rm -rf sub in.yaml stdin.sarif

# The result on a clean input is an empty list, not a missing one.
"$SGMAP" lint -f sarif "$TESTS/../samples/game-production-5-alb.yaml" |
    jq -e '.runs[0].results == []' > /dev/null || { echo "clean: results is not []"; fail=1; }

# A check that implements Security Hub controls has a security-severity on
# code scanning's 0.1-10 scale, and no other check has one.
"$SGMAP" lint -f sarif "$TESTS/../samples/game-production-5-alb.yaml" |
    jq -e '[.runs[0].tool.driver.rules[]
            | (.fullDescription.text | test("Security Hub")) as $sh
            | .properties["security-severity"] as $s
            | if $sh then ($s | type == "string" and test("^[0-9]+\\.[0-9]$")
                           and (tonumber | . >= 0.1 and . <= 10))
              else $s == null end] | all' > /dev/null ||
    { echo "security-severity missing, out of range or on a check without a control"; fail=1; }

# --list-checks and the SARIF rules name the same ids in the same order.
"$SGMAP" lint --list-checks | cut -d' ' -f1 > ids.list
"$SGMAP" lint -f sarif "$TESTS/../samples/game-production-5-alb.yaml" |
    jq -r '.runs[0].tool.driver.rules[].id' > ids.sarif
cmp -s ids.list ids.sarif || { echo "--list-checks and SARIF rules differ"; diff ids.list ids.sarif; fail=1; }
exit $fail
