# Every long option that --help lists must be documented in sgmap.1.
# mdoc writes "--output" as ".Fl -output", so search the source for "Fl -NAME".
set -u
man="$TESTS/../sgmap.1"
[ -f "$man" ] || { echo "no man page at $man"; exit 1; }
"$SGMAP" --help > help.txt || { echo "--help failed"; exit 1; }
"$SGMAP" lint --help >> help.txt || { echo "lint --help failed"; exit 1; }
"$SGMAP" diff --help >> help.txt || { echo "diff --help failed"; exit 1; }
"$SGMAP" reach --help >> help.txt || { echo "reach --help failed"; exit 1; }
opts=$(grep -oE -- '--[a-z][a-z-]+' help.txt | sort -u)
[ -n "$opts" ] || { echo "no long options found in --help"; exit 1; }
fail=0
for o in $opts; do
    name=${o#--}
    if ! grep -qE -- "Fl -$name( |$)" "$man"; then
        echo "option $o is in --help but not in sgmap.1"
        fail=1
    fi
done
# The man page documents every exit status.
for s in 0 1 2 3 4; do
    grep -qE "^\.It $s\$|^\.It Sy $s\$|^\.It Li $s\$" "$man" || { echo "exit status $s missing"; fail=1; }
done
exit $fail
