# sgmap --version (and -V, and render's --version) names sgmap's version,
# the one of debian/changelog's first line (the Makefile's VERSION comes
# from there), and the Graphviz library it runs with; CHANGELOG.md's newest
# release is that version.
set -u
# The runner shares one folder among the scripts: work in one of our own.
cd "$(mktemp -d ./version.XXXXXX)" || exit 1
top="$TESTS/.."
want=$(head -n 1 "$top/debian/changelog" | cut -d ' ' -f 2 | tr -d '()')
[ -n "$want" ] || { echo "no version in debian/changelog"; exit 1; }
fail=0
newest=$(sed -n 's/^## \([0-9][^ ]*\) - [0-9-]*$/\1/p' "$top/CHANGELOG.md" | head -n 1)
[ "$newest" = "$want" ] ||
    { echo "CHANGELOG.md's newest release is '$newest', debian/changelog's $want"; fail=1; }
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
