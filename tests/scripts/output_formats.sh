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
    "$SGMAP" -f view "$f" | jq -e '."sgmap-view" == 1 and (.clusters | length) > 0' >/dev/null ||
        { echo "$f: -f view"; fail=1; }
    # The DOT carries the view's ids, every one once.
    "$SGMAP" -f view "$f" | jq -r '.frames[], .clusters[], .nodes[], .edges[] | .id' | sort > view.ids
    "$SGMAP" -f dot "$f" | grep -o 'id="[^"]*"' | sed 's/^id="//; s/"$//' | sort > dot.ids
    [ -s view.ids ] && cmp -s view.ids dot.ids && [ -z "$(uniq -d view.ids)" ] ||
        { echo "$f: DOT ids differ from the view's"; diff view.ids dot.ids | head -5; fail=1; }
done
# diff draws in the same formats: the added rule is in the SVG, marked.
cases=$TESTS/cases/diff/add-rule
"$SGMAP" diff -f svg "$cases/old.yaml" "$cases/new.yaml" > d.svg
[ $? = 1 ] && tail -c 8 d.svg | grep -q '</svg>' && grep -q '>+tcp/9999<' d.svg ||
    { echo "diff -f svg"; fail=1; }
exit $fail
