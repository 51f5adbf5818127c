#!/bin/sh
# tests/run.sh - sgmap's golden test runner.
#
# usage: sh tests/run.sh /abs/path/to/sgmap [FILTER]
#
# Two kinds of test:
#   tests/cases/SUITE/NAME/   a golden case, run with the case folder as cwd:
#       args          the arguments, one line, split by the shell
#                     (the word @SHARED@ becomes the path of ../shared)
#       expected.out  stdout must match byte for byte
#       expected.jq   facts about stdout, which is JSON: jq expressions, one a
#                     line (blank lines and # comments skipped), each of which
#                     must print exactly "true"; the first that does not is shown
#                     (without expected.out or expected.jq, stdout must be empty)
#       expected.view.jq  the same facts about the drawing as data: the case is
#                     run again with "-f view" added to its args, and each
#                     expression must print "true" on that dump
#       expected.err  stderr must match byte for byte (absent: stderr must be empty)
#       expected.rc   the exit status (absent: 0)
#       stdin         fed to standard input when present (else /dev/null)
#   tests/scripts/NAME.sh     a script run with $SGMAP, $SHARED and $TESTS set;
#                             exit 0 passes, 77 skips (with a reason on stdout)
#   $SGMAP_UNIT               when set, the unit test binary (tests/unit/, built
#                             by make check): its "N passed, N failed" joins the
#                             tally (FILTER "unit" runs it alone)
# An exit status of 128 or more (a crash) always fails.
# The last line is "N passed, N failed" (", N skipped" when any skipped).
set -u
LC_ALL=C
export LC_ALL
SGMAP=${1:?usage: run.sh SGMAP [FILTER]}
FILTER=${2:-}
TESTS=$(cd "$(dirname "$0")" && pwd)
SHARED=$(cd "$TESTS/../../shared" 2>/dev/null && pwd || echo "$TESTS/../../shared")
export SGMAP TESTS SHARED
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# check_jq NAME FACTS JSON WHAT: every expression of FACTS prints "true" on
# JSON; else say which did not, and what it printed.
check_jq() {
    n=0
    while IFS= read -r expr || [ -n "$expr" ]; do
        case $expr in '' | '#'*) continue ;; esac
        n=$((n + 1))
        got=$(jq "$expr" <"$3" 2>&1)
        if [ "$got" != true ]; then
            echo "FAIL $1: $4: $expr"
            echo "$got" | head -10 | sed 's/^/    gave: /'
            return 1
        fi
    done <"$2"
    if [ $n = 0 ]; then
        echo "FAIL $1: $2 states no fact"
        return 1
    fi
    return 0
}

report_diff() {
    echo "--- expected $1"
    cat "$2"
    echo "--- actual $1"
    cat "$3"
    echo "---"
}

run_case() {
    dir=$1
    name=${dir#"$TESTS"/cases/}
    args=$(sed "s#@SHARED@#$SHARED#g" "$dir/args")
    in=/dev/null
    [ -f "$dir/stdin" ] && in="$dir/stdin"
    # shellcheck disable=SC2086
    (cd "$dir" && eval "exec \"\$SGMAP\" $args" <"$in" >"$tmp/out" 2>"$tmp/err")
    rc=$?
    want_rc=0
    [ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
    ok=1
    if [ "$rc" -ge 128 ]; then
        echo "FAIL $name: crashed with status $rc"
        cat "$tmp/err"
        ok=0
    elif [ "$rc" != "$want_rc" ]; then
        echo "FAIL $name: exit status $rc, expected $want_rc"
        cat "$tmp/err"
        ok=0
    fi
    if [ $ok = 1 ] && [ -f "$dir/expected.out" ]; then
        if ! cmp -s "$dir/expected.out" "$tmp/out"; then
            echo "FAIL $name: stdout differs"
            diff -u "$dir/expected.out" "$tmp/out" | head -60
            ok=0
        fi
    elif [ $ok = 1 ] && [ ! -f "$dir/expected.jq" ] && [ -s "$tmp/out" ]; then
        echo "FAIL $name: unexpected stdout (no expected.out or expected.jq)"
        head -20 "$tmp/out"
        ok=0
    fi
    if [ $ok = 1 ] && [ -f "$dir/expected.jq" ]; then
        check_jq "$name" "$dir/expected.jq" "$tmp/out" "stdout" || ok=0
    fi
    if [ $ok = 1 ] && [ -f "$dir/expected.view.jq" ]; then
        # shellcheck disable=SC2086
        (cd "$dir" && eval "exec \"\$SGMAP\" $args -f view" <"$in" >"$tmp/view" 2>/dev/null)
        vrc=$?
        if [ "$vrc" != "$want_rc" ]; then
            echo "FAIL $name: -f view exit status $vrc, expected $want_rc"
            ok=0
        else
            check_jq "$name" "$dir/expected.view.jq" "$tmp/view" "view" || ok=0
        fi
    fi
    if [ $ok = 1 ]; then
        if [ -f "$dir/expected.err" ]; then
            if ! cmp -s "$dir/expected.err" "$tmp/err"; then
                echo "FAIL $name: stderr differs"
                report_diff stderr "$dir/expected.err" "$tmp/err"
                ok=0
            fi
        elif [ -s "$tmp/err" ]; then
            echo "FAIL $name: unexpected stderr"
            cat "$tmp/err"
            ok=0
        fi
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

if [ -n "${SGMAP_UNIT:-}" ]; then
    case unit in *"$FILTER"*)
        "$SGMAP_UNIT" >"$tmp/unit" 2>&1
        urc=$?
        grep -v '^[0-9]* passed, [0-9]* failed$' "$tmp/unit"
        tally=$(tail -1 "$tmp/unit")
        up=$(echo "$tally" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
        uf=$(echo "$tally" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
        if [ -z "$up" ] || [ "$urc" -ge 128 ] || { [ "$urc" != 0 ] && [ "${uf:-0}" = 0 ]; }; then
            echo "FAIL unit: exit status $urc, no tally"
            fail=$((fail + 1))
        else
            pass=$((pass + up))
            fail=$((fail + uf))
        fi
        ;;
    esac
fi

for args in $(find "$TESTS/cases" -name args | sort); do
    dir=$(dirname "$args")
    case "$dir" in *"$FILTER"*) ;; *) continue ;; esac
    run_case "$dir"
done

for script in $(find "$TESTS/scripts" -name '*.sh' | sort); do
    name=scripts/$(basename "$script" .sh)
    case "$name" in *"$FILTER"*) ;; *) continue ;; esac
    (cd "$tmp" && sh "$script") >"$tmp/sout" 2>&1
    rc=$?
    if [ $rc = 0 ]; then
        pass=$((pass + 1))
    elif [ $rc = 77 ]; then
        skip=$((skip + 1))
        echo "SKIP $name: $(tail -1 "$tmp/sout")"
    else
        fail=$((fail + 1))
        echo "FAIL $name (status $rc)"
        tail -40 "$tmp/sout"
    fi
done

if [ $skip -gt 0 ]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[ $fail = 0 ]
