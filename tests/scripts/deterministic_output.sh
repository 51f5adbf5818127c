# The same input gives byte-identical output, run after run, in every format.
set -u
fail=0
for f in "$TESTS"/../samples/*.yaml; do
    for fmt in dot json svg png pdf; do
        "$SGMAP" -f $fmt "$f" -o a.$fmt || { echo "$f: -f $fmt failed"; fail=1; continue; }
        "$SGMAP" -f $fmt "$f" -o b.$fmt || { echo "$f: -f $fmt failed"; fail=1; continue; }
        cmp -s a.$fmt b.$fmt || { echo "$f: -f $fmt differs between runs"; fail=1; }
    done
done
exit $fail
