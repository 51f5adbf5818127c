# Within GitHub's limits: a large diff's -f markdown fits one comment
# (65,536 characters) with the most important sections first (new access
# from the internet, removed groups, then the rest) and a count of what was
# left out; its -f mermaid stays within Mermaid's defaults (50,000
# characters, 500 links), at the group level when that fits, else as a
# summary. (html_browser.sh parses the Mermaid with
# Mermaid's own parser.)
set -u
cd "$(mktemp -d ./limits.XXXXXX)" || exit 1
fail=0
${CC:-cc} -O2 -std=c11 -o gen_account "$TESTS/bench/gen_account.c" || exit 1
command -v jq > /dev/null 2>&1 || { echo "jq is needed to make the new account (make deps)"; exit 77; }
mkdir -p old new
./gen_account old 300 900 1 || exit 1
# The new account: 10 groups removed with their interfaces, every CIDR's
# description changed (the rest), and a group open to the internet on
# tcp/22 (named to sort last).
jq -c '[.SecurityGroups[:10][].GroupId]' old/describe-security-groups.json > removed.json &&
jq --slurpfile r removed.json \
    '.NetworkInterfaces |= map(select([.Groups[].GroupId] - $r[0] == [.Groups[].GroupId]))' \
    old/describe-network-interfaces.json > new/describe-network-interfaces.json || exit 1
jq '.SecurityGroups = (.SecurityGroups[10:] | map(.IpPermissions |=
        map(.IpRanges |= map(.Description = "now " + (.Description // ""))))) |
    .SecurityGroups += [{"GroupId": "sg-0ffffffffffffffff", "GroupName": "zz-open-ssh",
        "Description": "open", "VpcId": .SecurityGroups[0].VpcId, "IpPermissionsEgress": [],
        "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
            "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [],
            "UserIdGroupPairs": []}]}]' old/describe-security-groups.json \
    > new/describe-security-groups.json || exit 1

"$SGMAP" diff old new -f markdown -o big.md 2> md.err; [ $? = 1 ] || { echo "diff -f markdown failed"; fail=1; }
n=$(wc -c < big.md)
[ "$n" -le 65536 ] || { echo "the Markdown is $n bytes"; fail=1; }
[ "$n" -ge 60000 ] || { echo "the Markdown is only $n bytes: the test is too small to prove the limit"; fail=1; }
tail -1 big.md | grep -Eq '^\*\*[0-9]+ more changes in the artifact\*\*' ||
    { echo "no count of the changes left out:"; tail -2 big.md; fail=1; }
# The order of the sections: the reachability changes (what the change opens,
# first in a pull-request comment), then the groups: 0 new access from the
# internet, 1 removed, 2 the rest.
awk '
    function close_section() { if (title != "") print (reach ? -1 : internet ? 0 : removed ? 1 : 2), title }
    /^#### / { close_section(); title = $0; internet = 0; removed = / removed$/
               reach = ($0 == "#### Reachability changes") }
    /^\| added \| ingress \| [^|]* \| internet \(`/ { internet = 1 }
    END { close_section() }' big.md > order.txt
sort -s -n -k1,1 order.txt | cmp -s - order.txt || { echo "sections out of order:"; cut -c1-80 order.txt | head -20; fail=1; }
grep -q '^0 ' order.txt && grep -q '^1 ' order.txt && grep -q '^2 ' order.txt ||
    { echo "the diff lacks a kind of section: $(cut -c1 order.txt | sort -u | tr '\n' ' ')"; fail=1; }
# A small diff is whole.
"$SGMAP" diff old/describe-security-groups.json old/describe-security-groups.json -f markdown 2> /dev/null |
    grep -q 'more change' && { echo "an empty diff mentions changes left out"; fail=1; }

"$SGMAP" diff old new -f mermaid -o big.mmd 2> mmd.err; [ $? = 1 ] || { echo "diff -f mermaid failed"; fail=1; }
n=$(wc -c < big.mmd)
links=$(grep -cE -- '--[>ox]|-\.-[>ox]' big.mmd)
[ "$n" -le 50000 ] && [ "$links" -le 500 ] || { echo "the Mermaid is $n bytes, $links links"; fail=1; }
grep -q 'too large for Mermaid' big.mmd || { echo "the Mermaid summary does not say why"; fail=1; }
grep -q 'note: the Mermaid drawing is too large' mmd.err || { echo "no note about the Mermaid summary"; fail=1; }

# Too large with its interfaces (about 270,000 characters) but not at the
# group level: the flowchart is the group level, with a note, not a summary.
mkdir -p mid && ./gen_account mid 120 2000 7 || exit 1
"$SGMAP" mid -f mermaid -o mid.mmd 2> mid.err || { echo "the 120-group Mermaid failed"; fail=1; }
n=$(wc -c < mid.mmd)
links=$(grep -cE -- '--[>ox]|-\.-[>ox]' mid.mmd)
[ "$n" -le 50000 ] && [ "$links" -le 500 ] && [ "$links" -gt 100 ] ||
    { echo "the group-level Mermaid is $n bytes, $links links"; fail=1; }
grep -q 'too large for Mermaid' mid.mmd && { echo "a summary where the group level fits"; fail=1; }
grep -q 'note: the Mermaid drawing is too large .*: drawn at the group level' mid.err ||
    { echo "no note about the group level: $(cat mid.err)"; fail=1; }
exit $fail
