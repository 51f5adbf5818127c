# Every format is chosen by -f or by the extension of -o, and every sample
# renders in each of them.
set -u
fail=0
for f in "$TESTS"/../samples/*.yaml; do
    "$SGMAP" "$f" -o s.svg && tail -c 8 s.svg | grep -q '</svg>' || { echo "$f: svg"; fail=1; }
    "$SGMAP" "$f" -o s.png && head -c 8 s.png | grep -q 'PNG' || { echo "$f: png"; fail=1; }
    "$SGMAP" "$f" -o s.pdf && head -c 5 s.pdf | grep -q '%PDF' || { echo "$f: pdf"; fail=1; }
    "$SGMAP" "$f" -o s.json && grep -q '"sgmap": 1' s.json || { echo "$f: json"; fail=1; }
    "$SGMAP" "$f" -o s.gv && head -1 s.gv | grep -q '^digraph' || { echo "$f: gv"; fail=1; }
    "$SGMAP" -f svg "$f" > t.svg && cmp -s s.svg t.svg || { echo "$f: -f svg to stdout"; fail=1; }
done
exit $fail
