#!/bin/sh
# hcl_cases.sh - golden cases of the HCL reader (tests/hcl/cases/NAME/).
#
# Each case folder is a Terraform configuration, loaded by the test driver
# build/hcl_dump (next to $SGMAP) with the folder as cwd:
#   args          optional: the driver's arguments before the folder (one line,
#                 e.g. --var name=web, --json, --locations); default --summary
#   expected.out  stdout must match (absent: unchecked)
#   expected.err  stderr must match (absent: stderr must be empty)
#   expected.rc   the exit status (absent: 0)
# The summary is one line per resource instance (address, then its values as
# JSON with (unknown) for values known only after apply), then one line per
# root output; each case's main.tf says what it is about.
set -u
: "${SGMAP:?}" "${TESTS:?}"
DUMP=$(dirname "$SGMAP")/hcl_dump
[ -x "$DUMP" ] || { echo "skip: $DUMP is not built (make check builds it)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 n=0
for dir in "$TESTS"/hcl/cases/*/; do
    dir=${dir%/}
    name=${dir##*/}
    n=$((n + 1))
    args=--summary
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    # shellcheck disable=SC2086
    (cd "$dir" && exec "$DUMP" $args .) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    want=0
    [ -f "$dir/expected.rc" ] && want=$(cat "$dir/expected.rc")
    if [ "$rc" != "$want" ]; then
        echo "FAIL hcl/$name: exit status $rc, expected $want"; cat "$tmp/err"; fail=1; continue
    fi
    if [ -f "$dir/expected.out" ] && ! cmp -s "$dir/expected.out" "$tmp/out"; then
        echo "FAIL hcl/$name: stdout differs"; diff -u "$dir/expected.out" "$tmp/out" | head -40
        fail=1; continue
    fi
    if [ -f "$dir/expected.err" ]; then
        if ! cmp -s "$dir/expected.err" "$tmp/err"; then
            echo "FAIL hcl/$name: stderr differs"; diff -u "$dir/expected.err" "$tmp/err"; fail=1
        fi
    elif [ -s "$tmp/err" ]; then
        echo "FAIL hcl/$name: unexpected stderr"; cat "$tmp/err"; fail=1
    fi
done
[ "$n" -gt 0 ] || { echo "FAIL: no case under $TESTS/hcl/cases"; exit 1; }
exit $fail
