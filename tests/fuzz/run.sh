#!/bin/sh
# tests/fuzz/run.sh - run the fuzz targets for a fixed time each.
#
# usage: sh tests/fuzz/run.sh BUILD SECONDS JOBS TARGET...
#
# Each target BUILD/fuzz_TARGET runs for SECONDS seconds, JOBS targets at a
# time, on a corpus kept in BUILD/corpus/TARGET (so that runs add up) plus
# fresh seeds from seeds.sh. A crash, leak, timeout (10 s per input) or
# out-of-memory (2 GiB) leaves its input in BUILD/crashes/TARGET/ and makes
# the script fail; the log of each run is BUILD/logs/TARGET.log. Turn every
# crash into a golden case under tests/cases/fuzz/ (see its README).
set -u
build=${1:?usage: run.sh BUILD SECONDS JOBS TARGET...}
secs=${2:?}
jobs=${3:?}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/logs"
# Every UBSan finding halts, except the reported ones in ubsan.supp.
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
export UBSAN_OPTIONS

run_one() {
    t=$1
    seeds=$(mktemp -d)
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    sh "$here/seeds.sh" "$t" "$seeds"
    "$build/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$t/" \
        "$build/corpus/$t" "$seeds" > "$build/logs/$t.log" 2>&1
    rc=$?
    rm -rf "$seeds"
    if [ $rc = 0 ]; then
        echo "fuzz_$t: clean for ${secs}s ($(grep -o 'stat::number_of_executed_units: *[0-9]*' \
            "$build/logs/$t.log" | grep -o '[0-9]*$') runs)"
    else
        echo "fuzz_$t: FAILED (status $rc), see $build/logs/$t.log and $build/crashes/$t/"
        grep -m1 -E 'ERROR|runtime error|SUMMARY' "$build/logs/$t.log"
    fi
    return $rc
}

fail=0
running=0
pids=""
for t in "$@"; do
    run_one "$t" &
    pids="$pids $!"
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then
        for p in $pids; do wait "$p" || fail=1; done
        pids=""
        running=0
    fi
done
for p in $pids; do wait "$p" || fail=1; done
exit $fail
