# Output is written atomically: bad input or an unwritable destination
# leaves no file behind and never clobbers an existing one.
set -u
fail=0
printf 'groups: [\n' > bad.yaml
echo "previous" > out.dot
"$SGMAP" bad.yaml -o out.dot 2>/dev/null
rc=$?
[ $rc = 3 ] || { echo "bad input: status $rc, expected 3"; fail=1; }
[ "$(cat out.dot)" = "previous" ] || { echo "bad input clobbered the output"; fail=1; }
"$SGMAP" "$TESTS/../samples/game-production-1-nlb.yaml" -o no/such/dir/out.svg 2>err.txt
rc=$?
[ $rc = 4 ] || { echo "unwritable: status $rc, expected 4"; fail=1; }
grep -q "^sgmap: error: cannot write 'no/such/dir/out.svg'" err.txt || { cat err.txt; fail=1; }
"$SGMAP" "$TESTS/../samples/game-production-1-nlb.yaml" -o out.dot || fail=1
head -1 out.dot | grep -q '^digraph sgmap {$' || { echo "out.dot not replaced"; fail=1; }
ls out.dot.* 2>/dev/null && { echo "temporary file left"; fail=1; }
exit $fail
