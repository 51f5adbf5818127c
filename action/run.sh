#!/bin/sh
# action/run.sh - what the action draws and lints, from its inputs in the
# environment (action.yml), into one folder:
#   sg-diff.svg, sg-diff.drawio  the drawing of the change (the artifact)
#   sg-diff.md, sg-diff.mmd      `sgmap diff -f markdown` and `-f mermaid`
#   sgmap.sarif                  `sgmap lint -f sarif` of the plan or head
#   sg-comment.md                the pull-request comment (comment.sh posts it)
# Inputs: INPUT_PLAN, or INPUT_BASE and INPUT_HEAD; INPUT_ARGS (more
# options, split at spaces), INPUT_LINT (true/false), INPUT_FAIL_ON (error,
# warning, note or none), INPUT_ARTIFACT (its name, for the comment);
# SGMAP_OUT the folder (default sgmap-out), SGMAP the program (default
# sgmap). Writes changed, lint-failed and directory to $GITHUB_OUTPUT when
# set. Exit status: 0, 2 for bad inputs, else sgmap's own failure.
set -u
SGMAP=${SGMAP:-sgmap}
out=${SGMAP_OUT:-sgmap-out}
# GitHub's limit on a comment's body, in characters; counted here in bytes,
# which are never fewer.
limit=${SGMAP_COMMENT_LIMIT:-65536}
marker='<!-- sgmap -->'

say() { printf 'sgmap action: %s\n' "$*" >&2; }
die() {
    say "error: $2"
    exit "$1"
}

plan=${INPUT_PLAN:-}
base=${INPUT_BASE:-}
head=${INPUT_HEAD:-}
if [ -n "$plan" ]; then
    [ -z "$base$head" ] || die 2 "give plan, or base and head, not both"
    [ -f "$plan" ] || die 2 "plan '$plan' is not a file"
    set -- "$plan"
    lint_target=$plan
elif [ -n "$base" ] && [ -n "$head" ]; then
    for p in "$base" "$head"; do
        [ -e "$p" ] || die 2 "'$p' does not exist"
    done
    set -- "$base" "$head"
    lint_target=$head
else
    die 2 "give plan (a Terraform plan as JSON), or base and head (two inputs)"
fi
fail_on=${INPUT_FAIL_ON:-error}
case "$fail_on" in
error | warning | note | none) ;;
*) die 2 "fail-on is error, warning, note or none, not '$fail_on'" ;;
esac
case "${INPUT_LINT:-true}" in
true | false) ;;
*) die 2 "lint is true or false, not '${INPUT_LINT}'" ;;
esac
# More options, split at spaces; no pattern is expanded.
set -f
extra=${INPUT_ARGS:-}
mkdir -p "$out" || die 4 "cannot create $out"

# sgmap diff into a file: 0 no change, 1 changes; anything else stops here.
changed=false
diff_to() {
    # shellcheck disable=SC2086
    "$SGMAP" diff "$@" $extra
    rc=$?
    case $rc in
    0) ;;
    1) changed=true ;;
    *) exit $rc ;;
    esac
}
diff_to "$@" -o "$out/sg-diff.svg"
diff_to "$@" -o "$out/sg-diff.drawio"
diff_to "$@" -f markdown -o "$out/sg-diff.md"
diff_to "$@" -f mermaid -o "$out/sg-diff.mmd"

lint_failed=false
lint_summary=
rm -f "$out/sgmap.sarif"
if [ "${INPUT_LINT:-true}" = true ]; then
    level=$fail_on
    [ "$level" = none ] && level=error
    # shellcheck disable=SC2086
    "$SGMAP" lint "$lint_target" $extra --fail-on "$level" -f sarif -o "$out/sgmap.sarif"
    rc=$?
    case $rc in
    0) ;;
    1) [ "$fail_on" = none ] || lint_failed=true ;;
    *) exit $rc ;;
    esac
    # The text report's last line counts the findings.
    # shellcheck disable=SC2086
    lint_summary=$("$SGMAP" lint "$lint_target" $extra --fail-on error 2>/dev/null | tail -n 1)
fi
set +f

# The comment: marker, summary (with whatever diff -f markdown says, such
# as reachability), the Mermaid drawing folded, lint's count and where the
# full results are. Over the limit the drawing goes first, then the
# summary is cut at a line, each time with a note pointing to the artifact.
artifact=${INPUT_ARTIFACT:-security-group-diff}
where="the \`$artifact\` artifact"
if [ -n "${GITHUB_RUN_ID:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
    where="the [\`$artifact\` artifact](${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID)"
fi
footer() {
    echo
    if [ -n "$lint_summary" ]; then
        echo "Lint: $lint_summary; see the code scanning alerts."
        echo
    fi
    echo "The drawing as SVG and as an editable draw.io file: $where."
}
drawing() {
    echo
    echo '<details><summary>drawing</summary>'
    echo
    echo '```mermaid'
    cat "$out/sg-diff.mmd"
    echo '```'
    echo
    echo '</details>'
}
bytes() { wc -c < "$1" | tr -d ' '; }
body=$out/sg-comment.md
{
    echo "$marker"
    cat "$out/sg-diff.md"
    drawing
    footer
} > "$body"
if [ "$(bytes "$body")" -gt "$limit" ]; then
    {
        echo "$marker"
        cat "$out/sg-diff.md"
        echo
        echo "*The drawing is too large for a comment: see $where.*"
        footer
    } > "$body"
fi
if [ "$(bytes "$body")" -gt "$limit" ]; then
    footer > "$out/footer.tmp"
    note="*The summary is cut here: the whole of it (sg-diff.md) is in $where.*"
    # What is left for the summary: the limit less the marker, note, footer
    # and the blank lines between them.
    room=$((limit - ${#marker} - ${#note} - $(bytes "$out/footer.tmp") - 8))
    {
        echo "$marker"
        LC_ALL=C awk -v room="$room" '{ n += length($0) + 1; if (n > room) exit; print }' \
            "$out/sg-diff.md"
        echo
        echo "$note"
        cat "$out/footer.tmp"
    } > "$body"
    rm -f "$out/footer.tmp"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
        echo "changed=$changed"
        echo "lint-failed=$lint_failed"
        echo "directory=$out"
    } >> "$GITHUB_OUTPUT"
fi
say "changed: $changed; lint failed: $lint_failed; files in $out"
exit 0
