#!/bin/sh
# tests/bench/run.sh - the import benchmark (make bench).
#
# Builds tests/bench/gen_account.c, generates a synthetic account at the
# regional quota (2,500 groups, 8,000 ENIs) and one 4x larger, and times,
# side by side in this one run, `jq empty FILES` (parsing only) against
# `sgmap -f dot -o /dev/null FILES` (import + model + view + DOT), the two
# alternating, the best of 9 runs each. Prints the times and the ratio
# sgmap / jq; the goal is a ratio of at most 1.5 on the quota account, and
# at most 5x the quota time for the 4x account. Then the drawings.
#
# usage: sh tests/bench/run.sh [SGMAP]     (default build/sgmap)
set -eu
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/../.." && pwd)
sgmap=${1:-$root/build/sgmap}
cc=${CC:-cc}
command -v jq >/dev/null 2>&1 || { echo "bench: jq is not installed" >&2; exit 1; }
[ -x "$sgmap" ] || { echo "bench: no $sgmap (run make first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

$cc -O2 -std=c11 -o "$tmp/gen_account" "$root/tests/bench/gen_account.c"

# Wall time of one run of a command, in milliseconds.
time_ms() {
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
}

# Optional: BENCH_CALLGRIND=1 also counts instructions with callgrind, which
# the machine's load does not change (slow: about a minute per account).
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : //p'
}

printf '%-28s %9s %9s %9s %9s %9s\n' account groups enis MB "jq ms" "sgmap ms"
for spec in "quota 2500 8000" "4x 10000 32000"; do
    set -- $spec
    dir=$tmp/$1
    mkdir -p "$dir"
    "$tmp/gen_account" "$dir" "$2" "$3" 1
    bytes=$(cat "$dir"/*.json | wc -c)
    files="$dir/describe-security-groups.json $dir/describe-network-interfaces.json"
    # Side by side: the two commands alternate, 9 runs each, best of each,
    # so that a busy moment of the machine hits both alike.
    jq_ms= sg_ms=
    for _ in 1 2 3 4 5 6 7 8 9; do
        # shellcheck disable=SC2086
        t=$(time_ms jq empty $files)
        if [ -z "$jq_ms" ] || [ "$t" -lt "$jq_ms" ]; then jq_ms=$t; fi
        # shellcheck disable=SC2086
        t=$(time_ms "$sgmap" -f dot -o /dev/null $files)
        if [ -z "$sg_ms" ] || [ "$t" -lt "$sg_ms" ]; then sg_ms=$t; fi
    done
    ratio=$(awk -v a="$sg_ms" -v b="$jq_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-28s %9s %9s %9.1f %9s %9s  ratio %s\n' "$1" "$2" "$3" \
        "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$jq_ms" "$sg_ms" "$ratio"
    if [ -n "${BENCH_CALLGRIND:-}" ] && command -v valgrind >/dev/null 2>&1; then
        # shellcheck disable=SC2086
        ji=$(instructions jq empty $files)
        # shellcheck disable=SC2086
        si=$(instructions "$sgmap" -f dot -o /dev/null $files)
        printf '%-28s %19s instructions: jq %s, sgmap %s, ratio %s\n' "$1" "" "$ji" "$si" \
            "$(awk -v a="$si" -v b="$ji" 'BEGIN { printf "%.2f", a / b }')"
    fi
done

# Reachability (issue 17), side by side on the quota account: the exposure
# report (reach with no end) against import + DOT, alternating, best of 5
# each, target ratio 2; then all pairs between groups as JSON, best of 3,
# target 10 s.
echo
printf '%-28s %9s %9s %9s\n' reach "dot ms" "reach ms" ratio
files="$tmp/quota/describe-security-groups.json $tmp/quota/describe-network-interfaces.json"
dot_ms= exp_ms=
for _ in 1 2 3 4 5; do
    # shellcheck disable=SC2086
    t=$(time_ms "$sgmap" -q -f dot -o /dev/null $files)
    if [ -z "$dot_ms" ] || [ "$t" -lt "$dot_ms" ]; then dot_ms=$t; fi
    # shellcheck disable=SC2086
    t=$(time_ms "$sgmap" reach -q -f text -o /dev/null $files)
    if [ -z "$exp_ms" ] || [ "$t" -lt "$exp_ms" ]; then exp_ms=$t; fi
done
printf '%-28s %9s %9s %9s\n' "exposure report (text)" "$dot_ms" "$exp_ms" \
    "$(awk -v a="$exp_ms" -v b="$dot_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
all_ms=
for _ in 1 2 3; do
    # shellcheck disable=SC2086
    t=$(time_ms "$sgmap" reach -q --from '*' --to '*' -f json -o /dev/null $files)
    if [ -z "$all_ms" ] || [ "$t" -lt "$all_ms" ]; then all_ms=$t; fi
done
# shellcheck disable=SC2086
answers=$("$sgmap" reach -q --from '*' --to '*' -f json $files | jq '.answers | length')
printf '%-28s %9s %9s  (%s answers; target 10000 ms)\n' "all pairs between groups" "" \
    "$all_ms" "$answers"

# Drawing (issue 8): one timed run each, since a layout takes seconds.
# Wall time and peak memory (of sgmap and its layout child) from GNU time
# when installed; the targets are 10 s / 1 GiB for the quota account's SVG
# and a usable result within 60 s for a 10,000-group, 57,000-ENI account.
echo
printf '%-28s %9s %9s %9s %12s\n' drawing groups enis "wall s" "peak MiB"
draw() {
    name=$1 dir=$2 groups=$3 enis=$4
    shift 4
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$sgmap" -q "$@" "$dir" -o "$tmp/out.svg" ||
            { echo "bench: drawing $name failed" >&2; exit 1; }
        read -r wall kb < "$tmp/time"
        mib=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
    else
        t0=$(date +%s%N)
        "$sgmap" -q "$@" "$dir" -o "$tmp/out.svg" || { echo "bench: drawing failed" >&2; exit 1; }
        t1=$(date +%s%N)
        wall=$(awk -v n=$(( (t1 - t0) / 1000000 )) 'BEGIN { printf "%.2f", n / 1000 }')
        mib=-
    fi
    printf '%-28s %9s %9s %9s %12s\n' "$name" "$groups" "$enis" "$wall" "$mib"
}
draw "quota, default view (svg)" "$tmp/quota" 2500 8000
draw "quota, one group (svg)" "$tmp/quota" 2500 8000 --group 'api-lb-1'
rm -rf "$tmp/4x"
mkdir -p "$tmp/large"
"$tmp/gen_account" "$tmp/large" 10000 57000 1
draw "10k groups / 57k ENIs (svg)" "$tmp/large" 10000 57000
