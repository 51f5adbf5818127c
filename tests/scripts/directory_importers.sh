# A directory is read for the file names of the importers that may read
# it: every importer's (*.json, *.tfstate, *.yaml, *.yml) when the format
# is detected, only the forced importer's with --from.
set -u
fail=0
mkdir d
cp "$TESTS/cross-format/network-aws.json" d/a.json
cp "$TESTS/cross-format/network.yaml" d/b.yaml
cp "$TESTS/cross-format/network.tfstate" d/c.tfstate
"$SGMAP" -f json d > all.json 2> all.err || { echo "auto: failed"; cat all.err; fail=1; }
for f in a.json b.yaml c.tfstate; do
    grep -q "\"source\": \"d/$f:" all.json || { echo "auto: d/$f not read"; fail=1; }
done
"$SGMAP" -f json --from aws d > aws.json 2> aws.err || { echo "--from aws: failed"; cat aws.err; fail=1; }
grep -q '"source": "d/a.json:' aws.json || { echo "--from aws: d/a.json not read"; fail=1; }
grep -q 'd/b.yaml\|d/c.tfstate' aws.json aws.err && { echo "--from aws read other files"; fail=1; }
mkdir e
cp d/b.yaml e/
"$SGMAP" -f json --from aws e > /dev/null 2> e.err
rc=$?
[ $rc = 3 ] || { echo "--from aws e: status $rc, expected 3"; fail=1; }
grep -qx "sgmap: e: error: no \*.json files in this directory" e.err ||
    { echo "--from aws e: unexpected message:"; cat e.err; fail=1; }
exit $fail
