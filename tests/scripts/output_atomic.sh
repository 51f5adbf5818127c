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
# A link stays a link (its target is replaced); an existing file keeps its
# mode; devices and FIFOs are written in place, never replaced by a file.
sample="$TESTS/../samples/game-production-1-nlb.yaml"
echo old > target.dot
chmod 600 target.dot
ln -s target.dot link.dot
"$SGMAP" "$sample" -o link.dot || fail=1
[ -L link.dot ] || { echo "the symbolic link was replaced by a file"; fail=1; }
head -1 target.dot | grep -q '^digraph sgmap {$' || { echo "the link's target was not written"; fail=1; }
[ "$(stat -c %a target.dot)" = 600 ] || { echo "mode 600 became $(stat -c %a target.dot)"; fail=1; }
ln -s missing.dot dangling.dot
"$SGMAP" "$sample" -o dangling.dot 2>err.txt
[ $? = 4 ] || { echo "a dangling link: expected status 4"; fail=1; }
grep -q "symbolic link to nothing" err.txt || { cat err.txt; fail=1; }
mkfifo fifo.dot
(cat fifo.dot > from-fifo.dot &)
"$SGMAP" "$sample" -o fifo.dot || fail=1
[ -p fifo.dot ] || { echo "the FIFO was replaced by a file"; fail=1; }
n=0
while [ ! -s from-fifo.dot ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
head -1 from-fifo.dot | grep -q '^digraph sgmap {$' || { echo "nothing came through the FIFO"; fail=1; }
exit $fail
