#!/bin/sh
# aws_corpus.sh - every file of shared/corpus/aws-cli-examples is either
# drawn (exit 0) or refused (exit 3) with a message: never a crash or
# another status. The *.INVALID.json.txt files (not valid JSON) must be
# refused with a FILE:LINE:COL: message; the files that are JSON must be
# drawn or refused without one.
set -u
: "${SGMAP:?}" "${SHARED:?}"
fail=0
n=0
for f in "$SHARED"/corpus/aws-cli-examples/*.json "$SHARED"/corpus/aws-cli-examples/*.txt; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    err=$("$SGMAP" --from aws -f dot -o /dev/null "$f" 2>&1 >/dev/null)
    rc=$?
    base=$(basename "$f")
    case "$rc" in
    0|3) ;;
    *) echo "FAIL $base: exit status $rc"; printf '%s\n' "$err"; fail=1; continue ;;
    esac
    if [ "$rc" = 3 ] && ! printf '%s\n' "$err" | grep -q 'error: '; then
        echo "FAIL $base: refused without an error message"
        fail=1
    fi
    case "$base" in
    *.INVALID.json.txt)
        if [ "$rc" != 3 ] || ! printf '%s\n' "$err" | grep -q "^sgmap: [^ ]*$base:[0-9][0-9]*:[0-9][0-9]*: error: invalid JSON"; then
            echo "FAIL $base: not refused with a LINE:COL message (status $rc)"
            printf '%s\n' "$err"
            fail=1
        fi ;;
    *)
        if printf '%s\n' "$err" | grep -q 'invalid JSON'; then
            echo "FAIL $base: valid JSON reported as invalid"
            fail=1
        fi ;;
    esac
done
[ $n -gt 0 ] || { echo "no corpus files under $SHARED/corpus/aws-cli-examples"; exit 77; }
[ $fail = 0 ] && echo "$n files: all drawn or refused cleanly"
exit $fail
