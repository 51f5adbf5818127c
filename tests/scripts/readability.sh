#!/bin/sh
# readability.sh - the figures of issue 16 measured from the SVG's geometry
# (tests/bench/svg_measure.c) never get worse than recorded: for the
# group-level overview of the 100-app account (tests/bench/gen_apps.c 100)
# and the focus view of one of its apps (--group 'app0042-*'), and the
# packed (osage) overview of the 500-app account at the quota, each figure
# against its limit in tests/bench/readability.limits (size in points, 10 pt
# text in pixels when fitted to 1920x1080, arrow crossings, labels detached
# from their arrow). The layout is deterministic, so this is no timing
# test: a figure past its limit is a drawing that got harder to read.
set -u
: "${SGMAP:?}" "${TESTS:?}"
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { echo "no C compiler to build the measuring tool"; exit 77; }
cd "$(mktemp -d ./readability.XXXXXX)" || exit 1
bench=$TESTS/bench
$cc -O2 -std=c11 -o gen_apps "$bench/gen_apps.c" &&
    $cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o svg_measure "$bench/svg_measure.c" -lm ||
    { echo "cannot build the generator or svg_measure"; exit 1; }
mkdir apps apps500 && ./gen_apps apps 100 1 && ./gen_apps apps500 500 1 ||
    { echo "gen_apps failed"; exit 1; }
fail=0
"$SGMAP" -q --detail groups apps -o overview.svg || { echo "the overview failed"; fail=1; }
"$SGMAP" -q --group 'app0042-*' apps -o focus.svg || { echo "the focus view failed"; fail=1; }
# 2,510 groups: too many for a ranked layout, so osage packs them.
"$SGMAP" -q apps500 -o packed.svg || { echo "the packed overview failed"; fail=1; }
for view in overview focus packed; do
    ./svg_measure $view.svg > $view.fig || { echo "svg_measure $view.svg failed"; fail=1; continue; }
    echo "$view: $(cat $view.fig)"
    # Lines "VIEW FIGURE max|min LIMIT".
    grep -v '^#' "$bench/readability.limits" | while read -r v figure op limit; do
        [ "$v" = "$view" ] || continue
        value=$(tr ' ' '\n' < $view.fig | sed -n "s/^$figure=//p")
        [ -n "$value" ] || { echo "FAIL $view: no figure $figure"; echo x >> failed; continue; }
        if ! awk -v v="$value" -v l="$limit" -v op="$op" \
            'BEGIN { exit !(op == "max" ? v <= l : v >= l) }'; then
            echo "FAIL $view: $figure=$value, $op $limit"
            echo x >> failed
        fi
    done
done
[ -f failed ] && fail=1
exit $fail
