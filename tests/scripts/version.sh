# sgmap --version (and -V, and render's --version) names sgmap's version,
# the Makefile's VERSION, and the Graphviz library it runs with.
set -u
top="$TESTS/.."
want=$(sed -n 's/^VERSION *:= *//p' "$top/Makefile")
[ -n "$want" ] || { echo "no VERSION in the Makefile"; exit 1; }
fail=0
for args in --version -V "render --version"; do
    # shellcheck disable=SC2086
    "$SGMAP" $args > out.txt 2> err.txt || { echo "sgmap $args failed"; fail=1; continue; }
    [ -s err.txt ] && { echo "sgmap $args wrote to stderr:"; cat err.txt; fail=1; }
    [ "$(wc -l < out.txt)" = 2 ] || { echo "sgmap $args: not two lines:"; cat out.txt; fail=1; }
    [ "$(sed -n 1p out.txt)" = "sgmap $want" ] ||
        { echo "sgmap $args: first line is not 'sgmap $want':"; cat out.txt; fail=1; }
    gv=$(sed -n 's/^Graphviz //p' out.txt)
    echo "$gv" | grep -qE '^[0-9]+\.[0-9]+(\.[0-9]+)?' ||
        { echo "sgmap $args: no Graphviz version:"; cat out.txt; fail=1; }
    # The library at run time; pkg-config knows the one installed.
    if command -v pkg-config > /dev/null && pkg-config --exists libgvc; then
        [ "$gv" = "$(pkg-config --modversion libgvc)" ] ||
            { echo "Graphviz $gv, but libgvc is $(pkg-config --modversion libgvc)"; fail=1; }
    fi
done
exit $fail
