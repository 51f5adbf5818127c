#!/bin/sh
# tests/bench/html.sh - the HTML map on the quota account (make bench; see
# BENCHMARKS.md, issue 16): side by side, the CPU time (user + system, with
# the layout child) and size of -f svg and -f html, best of BENCH_RUNS
# (3 by default); then the page in headless Chromium (html_open.js): the
# time to open it and to answer the first search, wall and the renderer's
# main-thread time, median of the runs. Targets: -f html <= 2x the SVG's
# CPU time, open + first search <= 3 s. Never fails on a target; skips the
# browser part, saying so, without Chromium or tests/browser/node_modules.
#
# usage: sh tests/bench/html.sh [SGMAP]
set -eu
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/../.." && pwd)
sgmap=${1:-$root/build/sgmap}
runs=${BENCH_RUNS:-3}
[ -x /usr/bin/time ] || { echo "bench: GNU time is not installed (make deps)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
${CC:-cc} -O2 -std=c11 -o "$tmp/gen_account" "$root/tests/bench/gen_account.c"
mkdir -p "$tmp/quota"
"$tmp/gen_account" "$tmp/quota" 2500 8000 1
files="$tmp/quota/describe-security-groups.json $tmp/quota/describe-network-interfaces.json"

# best_cpu FORMAT: the least CPU milliseconds of $runs renders to FORMAT.
best_cpu() {
    best=
    i=0
    while [ $i -lt "$runs" ]; do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%U %S' -o "$tmp/time" "$sgmap" -q -f "$1" -o "$tmp/map.$1" $files ||
            { echo "bench: -f $1 failed" >&2; exit 1; }
        ms=$(awk '{ printf "%d", ($1 + $2) * 1000 + 0.5 }' "$tmp/time")
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
        i=$((i + 1))
    done
    echo "$best"
}
svg_ms=$(best_cpu svg)
html_ms=$(best_cpu html)
echo
echo "HTML map, quota account (2,500 groups, 8,000 interfaces): best of $runs, cpu = user + system"
printf '%-28s %9s %9s\n' render "cpu ms" "MB"
printf '%-28s %9s %9s\n' "sgmap -f svg" "$svg_ms" "$(awk -v b="$(wc -c < "$tmp/map.svg")" 'BEGIN { printf "%.1f", b / 1048576 }')"
printf '%-28s %9s %9s\n' "sgmap -f html" "$html_ms" "$(awk -v b="$(wc -c < "$tmp/map.html")" 'BEGIN { printf "%.1f", b / 1048576 }')"
ratio=$(awk -v a="$html_ms" -v b="$svg_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "PASS" : "FAIL") }'; }
browser=$root/tests/browser
if ! [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || ! command -v node >/dev/null 2>&1 ||
        ! [ -d "$browser/node_modules/puppeteer-core" ]; then
    echo "browser: skipped (no Chromium, node or tests/browser/node_modules: make deps)"
    printf '  %-52s %6sx  (<= 2)  %s\n' "-f html time, x the SVG's" "$ratio" "$(verdict "$ratio" 2)"
    exit 0
fi
query=api-1
node "$root/tests/bench/html_open.js" "$tmp/map.html" "$query" "$runs" > "$tmp/open" ||
    { echo "bench: the map did not open in Chromium" >&2; exit 1; }
median() {
    cut -d' ' -f"$1" "$tmp/open" | sort -n |
        awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)) }'
}
open_ms=$(median 1) search_ms=$(median 2) open_cpu=$(median 3) search_cpu=$(median 4)
printf '%-28s %9s %9s  (median of %s; main thread: cpu)\n' "headless Chromium" "wall ms" "cpu ms" "$runs"
printf '%-28s %9s %9s\n' "open the map" "$open_ms" "$open_cpu"
printf '%-28s %9s %9s  (%s matches)\n' "first search \"$query\"" "$search_ms" "$search_cpu" \
    "$(head -1 "$tmp/open" | cut -d' ' -f5)"
total=$((open_ms + search_ms))
echo
echo "targets (issue 16, the HTML map):"
printf '  %-52s %6sx  (<= 2)  %s\n' "-f html time, x the SVG's" "$ratio" "$(verdict "$ratio" 2)"
printf '  %-52s %6s   (<= 3000)  %s\n' "open + first search, wall ms" "$total" "$(verdict "$total" 3000)"
printf '  %-52s %6s   (<= 3000)  %s\n' "open + first search, main-thread ms" "$((open_cpu + search_cpu))" \
    "$(verdict $((open_cpu + search_cpu)) 3000)"
