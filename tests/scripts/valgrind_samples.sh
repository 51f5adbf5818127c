# Every sample, drawn (SVG, so the layout child runs too), written as JSON,
# linted and diffed, is clean under valgrind: no invalid reads or writes
# and no definite leak in sgmap's own process. The layout child _exits
# without freeing Graphviz's memory on purpose (see src/emit/graphviz.c), so it
# is left out of the check (--child-silent-after-fork).
# Skips without valgrind, and for a sanitizer build (they do not mix).
set -u
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed"; exit 77; }
if ldd "$SGMAP" 2>/dev/null | grep -q 'lib[at]san'; then
    echo "a sanitizer build; valgrind runs on the plain build"
    exit 77
fi
samples="$TESTS/../samples"
fail=0
n=0
check() {
    n=$((n + 1))
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        --child-silent-after-fork=yes --log-file=vg-$n.log "$SGMAP" -q "$@" > /dev/null 2>&1
    if [ -s vg-$n.log ]; then
        echo "valgrind: sgmap $*"
        head -30 vg-$n.log
        fail=1
    fi
}
for f in "$samples"/*.yaml; do
    check "$f" -o out.svg
    check "$f" -f json
    check lint "$f"
done
check diff "$samples/game-production-4-monitoring.yaml" "$samples/game-production-5-alb.yaml" \
    -f markdown
exit $fail
