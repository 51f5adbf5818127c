#!/bin/sh
# action/comment.sh - post the comment run.sh wrote, or update it in place:
# the pull request holds one comment that starts with "<!-- sgmap -->".
# It lists the issue's comments (GET /repos/{owner}/{repo}/issues/{n}/comments,
# a page of 100 at a time), then PATCHes /repos/{owner}/{repo}/issues/comments/{id}
# of the first that starts with the marker, else POSTs a new one.
# Environment: BODY_FILE, GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name),
# PR_NUMBER (else read from $GITHUB_EVENT_PATH), GITHUB_API_URL (default
# https://api.github.com; the test points it at a stub). Needs curl and jq.
set -u
marker='<!-- sgmap -->'
api=${GITHUB_API_URL:-https://api.github.com}
say() { printf 'sgmap action: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 4
}
: "${BODY_FILE:?BODY_FILE must name the comment to post}"
: "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY must be owner/name}"
[ -n "${GITHUB_TOKEN:-}" ] || die "no token to comment with (github-token)"
[ -s "$BODY_FILE" ] || die "no comment in $BODY_FILE"
head -n 1 "$BODY_FILE" | grep -qxF "$marker" || die "$BODY_FILE does not start with $marker"
pr=${PR_NUMBER:-}
if [ -z "$pr" ] && [ -n "${GITHUB_EVENT_PATH:-}" ]; then
    pr=$(jq -r '.pull_request.number // .issue.number // empty' "$GITHUB_EVENT_PATH")
fi
case "$pr" in
'' | *[!0-9]*) die "not a pull request (no number in the event)" ;;
esac

tmp=$(mktemp -d) || die "cannot create a temporary folder"
trap 'rm -rf "$tmp"' EXIT INT TERM
# The token goes to curl in a file, never on a command line.
(
    umask 077
    printf 'Authorization: Bearer %s\n' "$GITHUB_TOKEN" > "$tmp/auth"
)

# request METHOD PATH [JSON-FILE]: the response in $tmp/response; fails
# unless GitHub answers 2xx.
request() {
    set -- "$1" "$api$2" "${3:-}"
    if [ -n "$3" ]; then
        code=$(curl -sS -X "$1" -H @"$tmp/auth" -H 'Accept: application/vnd.github+json' \
            -H 'X-GitHub-Api-Version: 2022-11-28' -H 'Content-Type: application/json' \
            --data-binary @"$3" -o "$tmp/response" -w '%{http_code}' "$2")
    else
        code=$(curl -sS -X "$1" -H @"$tmp/auth" -H 'Accept: application/vnd.github+json' \
            -H 'X-GitHub-Api-Version: 2022-11-28' -o "$tmp/response" -w '%{http_code}' "$2")
    fi
    case "$code" in
    2??) return 0 ;;
    esac
    say "error: $1 ${2#"$api"} answered ${code:-nothing}: $(head -c 300 "$tmp/response" 2>/dev/null)"
    return 1
}

issue=/repos/$GITHUB_REPOSITORY/issues/$pr
id=
page=1
while [ "$page" -le 100 ]; do
    request GET "$issue/comments?per_page=100&page=$page" || exit 4
    id=$(jq -r --arg m "$marker" \
        'first(.[] | select((.body // "") | startswith($m)) | .id) // empty' "$tmp/response") ||
        die "the comments are not a JSON list"
    [ -n "$id" ] && break
    [ "$(jq 'length' "$tmp/response")" -lt 100 ] && break
    page=$((page + 1))
done
jq -n --rawfile body "$BODY_FILE" '{body: $body}' > "$tmp/request" || die "cannot write the request"
if [ -n "$id" ]; then
    request PATCH "/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$tmp/request" || exit 4
    say "updated comment $id on #$pr"
else
    request POST "$issue/comments" "$tmp/request" || exit 4
    say "posted a comment on #$pr"
fi
