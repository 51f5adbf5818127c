#!/bin/sh
# group_colours.sh - a group's colour comes from its id, so it is the same in
# every drawing of it: game-servers-production has one outline colour in the
# three stages of the samples that have it (3 to 5; stages 1 and 2 hold the
# two rule-named groups it replaces), and the colour does not depend on the other groups drawn
# with it (with --exclude, the same).
set -u
: "${SGMAP:?}" "${TESTS:?}"
fail=0
colour() {
    # The colour of the cluster with id c-$2 in the DOT of $1 (more args:
    # extra options).
    f=$1 id=$2
    shift 2
    "$SGMAP" "$@" -f dot "$f" | awk -v id="id=\"c-$id\";" '
        index($0, id) { found = 1; next }
        found && match($0, /; color="[^"]*"/) { print substr($0, RSTART + 9, RLENGTH - 10); exit }'
}
same_colour() {
    # same_colour GROUP STAGE...: GROUP has one colour in these stages; sets want.
    g=$1
    shift
    want=
    for n in "$@"; do
        f=$(echo "$TESTS"/../samples/game-production-"$n"-*.yaml)
        got=$(colour "$f" "$g")
        [ -n "$got" ] || { echo "FAIL $f: no cluster for $g"; fail=1; continue; }
        [ -z "$want" ] && want=$got
        [ "$got" = "$want" ] || { echo "FAIL $f: $g is $got, elsewhere $want"; fail=1; }
    done
}
same_colour game-servers-production 3 4 5
f=$TESTS/../samples/game-production-5-alb.yaml
got=$(colour "$f" game-servers-production --exclude monitoring --exclude lb-game-production)
[ "$got" = "$want" ] || { echo "FAIL alone it is $got, not $want"; fail=1; }
exit $fail
