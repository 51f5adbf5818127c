#!/bin/sh
# reach_draw.sh - a drawn answer in DOT (reach -f dot, render --highlight):
# what is on a path is drawn bold (penwidth=3), everything else in the
# theme's muted colour, and a drawing without a highlight has neither.
set -u
: "${SGMAP:?}" "${TESTS:?}"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
sample="$TESTS/../samples/game-production-5-alb.yaml"
muted='color="#a8a8a8", fontcolor="#a8a8a8"'

# line DOT ID: the DOT line of the node or edge with that id.
line() {
    grep -F "id=\"$2\"" "$1" | head -1
}
# bold DOT ID / dim DOT ID
bold() {
    l=$(line "$1" "$2")
    case $l in
    *"penwidth=3"*) ;;
    *) echo "FAIL $1: $2 is not drawn bold: $l" | cut -c1-300; fail=1 ;;
    esac
    case $l in *"$muted"*) echo "FAIL $1: $2 is bold and dimmed"; fail=1 ;; esac
}
dim() {
    l=$(line "$1" "$2")
    case $l in
    *"$muted"*) ;;
    *) echo "FAIL $1: $2 is not dimmed: $l" | cut -c1-300; fail=1 ;;
    esac
    case $l in *"penwidth=3"*) echo "FAIL $1: $2 is dimmed and bold"; fail=1 ;; esac
}

"$SGMAP" reach --from monitoring -f dot "$sample" >"$tmp/monitoring.dot" || fail=1
bold "$tmp/monitoring.dot" "e-flow-c-monitoring,c-game-servers-production"
bold "$tmp/monitoring.dot" "n-prometheus-1"
bold "$tmp/monitoring.dot" "n-game-server-1"
dim "$tmp/monitoring.dot" "e-flow-p-0.0.0.0/0,c-lb-game-production"
dim "$tmp/monitoring.dot" "e-flow-c-lb-game-production,c-game-servers-production"
dim "$tmp/monitoring.dot" "n-alb-game-production-1"
dim "$tmp/monitoring.dot" "p-0.0.0.0/0"
# A cluster off the paths: its outline and title muted.
grep -A4 -F 'id="c-lb-game-production"' "$tmp/monitoring.dot" | grep -qF 'color="#a8a8a8"; fontcolor="#a8a8a8";' ||
    { echo "FAIL monitoring.dot: c-lb-game-production is not dimmed"; fail=1; }

# render --highlight draws the same answer the same way.
"$SGMAP" --highlight 'monitoring ->' -f dot "$sample" >"$tmp/render.dot" || fail=1
cmp -s "$tmp/monitoring.dot" "$tmp/render.dot" ||
    { echo "FAIL: render --highlight 'monitoring ->' differs from reach --from monitoring -f dot"; fail=1; }

# Without a highlight nothing is dimmed.
"$SGMAP" -f dot "$sample" >"$tmp/plain.dot" || fail=1
grep -qF "$muted" "$tmp/plain.dot" && { echo "FAIL plain.dot: something is dimmed"; fail=1; }
exit $fail
