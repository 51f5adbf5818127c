#!/bin/sh
# action.sh - the GitHub Action at the repository's root (action.yml, a
# composite action) run locally: its structure (inputs, composite steps,
# each run step with a shell and a script that exists, the upload steps),
# then the very scripts its steps run, with sgmap on PATH:
#   - action/run.sh on a Terraform plan, on two folders of design files, on
#     two Terraform configurations and on an unchanged pair: the files it
#     leaves (SVG, draw.io, Markdown, Mermaid, SARIF), its step outputs, and
#     the comment: marker first, diff -f markdown's text whole, the Mermaid
#     drawing, lint's count, the artifact named;
#   - the comment within GitHub's 65,536 characters on a change too large
#     for it, cut with a note that points to the artifact;
#   - bad inputs refused with one message and status 2 (3 from sgmap);
#   - action/comment.sh against a stub of the GitHub API (github_stub.py):
#     the marker comment found on a second page and PATCHed, a first
#     comment POSTed and then updated in place, the token sent, the body
#     exactly the file;
#   - action/install.sh: sgmap from PATH, or built (a stub make records
#     make deps and make) and put on $GITHUB_PATH.
# The `uses:` steps (actions/upload-artifact, github/codeql-action/
# upload-sarif) are GitHub's own and are not run here.
set -u
: "${SGMAP:?}" "${TESTS:?}"
for tool in python3 curl jq; do
    command -v $tool >/dev/null 2>&1 || { echo "$tool is not installed"; exit 77; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "no python3 yaml module"; exit 77; }
top=$(cd "$TESTS/.." && pwd)
tmp=$(mktemp -d)
stub_pid=
trap '[ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 1
mkdir bin
ln -s "$SGMAP" bin/sgmap
PATH=$tmp/bin:$PATH
export PATH
fail=0
bad() {
    echo "$*"
    fail=1
}

# ===== action.yml =====
python3 - "$top" <<'PY' || fail=1
import os, re, sys, yaml
top = sys.argv[1]
a = yaml.safe_load(open(os.path.join(top, "action.yml")))
for k in ("name", "description", "inputs", "runs"):
    assert a.get(k), "action.yml lacks " + k
for i in ("plan", "base", "head", "lint", "fail-on", "comment", "github-token"):
    assert i in a["inputs"], "no input " + i
    assert a["inputs"][i].get("description"), "input %s has no description" % i
assert a["runs"]["using"] == "composite", "not a composite action"
steps = a["runs"]["steps"]
uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
for u in ("actions/upload-artifact", "github/codeql-action/upload-sarif"):
    assert u in uses, "no step uses " + u
scripts = set()
for s in steps:
    assert ("run" in s) != ("uses" in s), "a step must run or use: %r" % s
    if "run" in s:
        assert s.get("shell"), "a run step without shell: %r" % s.get("name")
        for m in re.findall(r"action/([a-z_]+\.sh)", s["run"]):
            assert os.path.isfile(os.path.join(top, "action", m)), "missing action/" + m
            scripts.add(m)
assert scripts >= {"install.sh", "run.sh", "comment.sh"}, scripts
PY

# ===== run.sh =====
# run NAME [VAR=VALUE...]: run.sh with those inputs into out-NAME, its
# step outputs in NAME.out, its stderr in NAME.err; prints its status.
run() {
    name=$1
    shift
    rm -rf "out-$name" "$name.out"
    : > "$name.out"
    env GITHUB_OUTPUT="$tmp/$name.out" SGMAP_OUT="out-$name" GITHUB_RUN_ID=42 \
        GITHUB_REPOSITORY=o/r GITHUB_SERVER_URL=https://github.example "$@" \
        sh "$top/action/run.sh" > "$name.log" 2> "$name.err"
    echo $?
}
# check NAME CHANGED: the files, outputs and comment of a run.
check() {
    name=$1
    d=out-$name
    for f in sg-diff.svg sg-diff.drawio sg-diff.md sg-diff.mmd sg-comment.md sgmap.sarif; do
        [ -s "$d/$f" ] || bad "$name: no $f"
    done
    grep -qx "changed=$2" "$name.out" || bad "$name: expected changed=$2 in $(cat "$name.out")"
    grep -qx "directory=$d" "$name.out" || bad "$name: no directory output"
    grep -q '<svg' "$d/sg-diff.svg" 2>/dev/null || bad "$name: sg-diff.svg is no SVG"
    python3 "$TESTS/scripts/drawio_check.py" "$d/sg-diff.drawio" || bad "$name: bad draw.io file"
    python3 - "$d" <<'PY' || bad "$name: the comment is not what it should be"
import json, sys
d = sys.argv[1]
body = open(d + "/sg-comment.md").read()
md = open(d + "/sg-diff.md").read()
mmd = open(d + "/sg-diff.mmd").read()
sarif = json.load(open(d + "/sgmap.sarif"))
assert sarif["version"] == "2.1.0", "sgmap.sarif is not SARIF 2.1.0"
assert body.startswith("<!-- sgmap -->\n"), "no marker first"
assert body.count("<!-- sgmap -->") == 1, "the marker twice"
assert "\n" + md in body, "diff -f markdown's text is not whole in the comment"
assert "```mermaid\n" + mmd + "```\n" in body, "no Mermaid drawing"
assert "\nLint: " in body and " finding" in body, "no lint count"
assert "[`security-group-diff` artifact](https://github.example/o/r/actions/runs/42)" in body, \
    "the artifact is not linked"
assert len(body) <= 65536
PY
}

cp "$TESTS/cases/diff/plan/plan.json" plan.json
[ "$(run plan INPUT_PLAN=plan.json)" = 0 ] || bad "plan: run.sh failed: $(cat plan.err)"
check plan true
grep -q 'aws_security_group.monitoring' out-plan/sg-comment.md || bad "plan: the added group is not in the comment"

# Two folders of design files: a sample and its next stage.
mkdir base head
cp "$top/samples/game-production-1-nlb.yaml" base/sg.yaml
cp "$top/samples/game-production-2-metrics.yaml" head/sg.yaml
[ "$(run folders INPUT_BASE=base INPUT_HEAD=head)" = 0 ] || bad "folders: run.sh failed: $(cat folders.err)"
check folders true
grep -q 'tcp/9999' out-folders/sg-comment.md || bad "folders: the added rule is not in the comment"
grep -qx 'lint-failed=false' folders.out || bad "folders: lint failed at error on warnings"
# fail-on warning: the same findings fail it.
[ "$(run warn INPUT_BASE=base INPUT_HEAD=head INPUT_FAIL_ON=warning)" = 0 ] || bad "warn: run.sh failed"
grep -qx 'lint-failed=true' warn.out || bad "warn: warnings did not fail lint at fail-on warning"

# Two checkouts of a Terraform configuration (.tf folders).
[ "$(run tf INPUT_BASE="$TESTS/cases/tfsource/lint-sarif/infra" \
    INPUT_HEAD="$TESTS/cases/tfsource/diff-folders/head")" = 0 ] || bad "tf: run.sh failed: $(cat tf.err)"
check tf true
python3 - out-tf/sgmap.sarif <<'PY' || bad "tf: SARIF does not point at main.tf"
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
uris = {l["physicalLocation"]["artifactLocation"]["uri"] for x in r for l in x["locations"]}
assert r and all(u.endswith("main.tf") for u in uris), uris
PY

# Nothing changed.
[ "$(run same INPUT_BASE=head INPUT_HEAD=head INPUT_LINT=false)" = 0 ] || bad "same: run.sh failed"
grep -qx 'changed=false' same.out || bad "same: changed is not false"
grep -q 'No changes' out-same/sg-comment.md || bad "same: the comment does not say nothing changed"
[ -e out-same/sgmap.sarif ] && bad "same: lint ran though lint is false"

# Too large for a comment: the drawing goes, the summary is cut, the
# artifact is named.
python3 - <<'PY'
rows = ["groups:"]
for i in range(300):
    rows += ["  g%04d:" % i, "    description: group %d" % i, "    ingress:"]
    for j in range(3):
        rows += ["      - from: 10.%d.%d.%d/32" % (i // 250, i % 250, j),
                 "        ports: tcp/%d" % (1000 + j),
                 "        description: rule %d of group %d, long enough to fill the table" % (j, i)]
open("big.yaml", "w").write("\n".join(rows) + "\n")
open("small.yaml", "w").write("groups:\n  g0000:\n    description: group 0\n")
PY
# sgmap's Markdown itself stops at GitHub's limit, so the comment around it
# is tested both at the real limit and at a smaller one the summary exceeds.
[ "$(run bigreal INPUT_BASE=small.yaml INPUT_HEAD=big.yaml)" = 0 ] || bad "bigreal: run.sh failed"
python3 -c 'import sys; sys.exit(len(open("out-bigreal/sg-comment.md", encoding="utf-8").read()) > 65536)' ||
    bad "bigreal: the comment is over GitHub's 65,536 characters"
[ "$(run big INPUT_BASE=small.yaml INPUT_HEAD=big.yaml SGMAP_COMMENT_LIMIT=30000)" = 0 ] ||
    bad "big: run.sh failed: $(cat big.err)"
python3 - <<'PY' || bad "big: the comment does not fit or says nothing of the cut"
body = open("out-big/sg-comment.md", encoding="utf-8").read()
md = open("out-big/sg-diff.md", encoding="utf-8").read()
assert len(md) > 30000, "the test's change is too small to test the limit"
assert len(body) <= 30000, len(body)
assert len(body) > 25000, "cut far too short: %d" % len(body)
assert body.startswith("<!-- sgmap -->\n")
assert "```mermaid" not in body, "the drawing is still there"
assert "The summary is cut here: the whole of it (sg-diff.md) is in the [`security-group-diff` artifact]" in body
cut = body.split("\n\n*The summary is cut here")[0][len("<!-- sgmap -->\n"):]
assert md.startswith(cut), "the summary is not its beginning"
PY
# Only the drawing too large: it goes, the summary stays whole.
[ "$(run mid INPUT_PLAN=plan.json SGMAP_COMMENT_LIMIT=$(($(wc -c < out-plan/sg-diff.md) + 600)))" = 0 ] ||
    bad "mid: run.sh failed"
grep -q '```mermaid' out-mid/sg-comment.md && bad "mid: the drawing was kept over the limit"
grep -q 'The drawing is too large for a comment' out-mid/sg-comment.md || bad "mid: no note on the drawing"
python3 -c 'import sys; b=open("out-mid/sg-comment.md").read(); m=open("out-mid/sg-diff.md").read(); sys.exit(not (m in b))' ||
    bad "mid: the summary was cut though it fits"

# Bad inputs.
for case in "none:" "both:INPUT_PLAN=plan.json INPUT_BASE=base" "missing:INPUT_PLAN=nowhere.json" \
    "half:INPUT_BASE=base" "level:INPUT_PLAN=plan.json INPUT_FAIL_ON=loud"; do
    name=${case%%:*}
    # shellcheck disable=SC2086
    rc=$(run "$name" ${case#*:})
    [ "$rc" = 2 ] || bad "$name: status $rc, not 2"
    if [ "$(wc -l < "$name.err")" != 1 ] || ! grep -q '^sgmap action: error: ' "$name.err"; then
        bad "$name: not one clear message: $(cat "$name.err")"
    fi
done
echo '{"format_version": "1.2", "resource_changes": [' > broken.json
rc=$(run broken INPUT_PLAN=broken.json)
[ "$rc" = 3 ] || bad "broken: status $rc, not sgmap's 3"
[ -e out-broken/sg-comment.md ] && bad "broken: a comment was written for a bad input"

# ===== comment.sh against a stub API =====
python3 - <<'PY'
import json
others = [{"id": 100 + i, "body": "looks good %d" % i, "user": {"login": "someone"}} for i in range(100)]
state = {"7": others + [{"id": 5002, "body": "quoting <!-- sgmap --> here", "user": {"login": "x"}},
                        {"id": 5001, "body": "<!-- sgmap -->\nold", "user": {"login": "bot"}}],
         "8": []}
json.dump(state, open("state.json", "w"))
PY
python3 "$TESTS/scripts/github_stub.py" state.json requests.log port &
stub_pid=$!
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
[ -s port ] || { echo "the stub API did not start"; exit 1; }
post() {
    env GITHUB_API_URL="http://127.0.0.1:$(cat port)" GITHUB_REPOSITORY=o/r GITHUB_TOKEN=t0ken \
        BODY_FILE="$2" PR_NUMBER="$1" sh "$top/action/comment.sh" 2> post.err ||
        bad "comment.sh on #$1 failed: $(cat post.err)"
}
post 7 out-plan/sg-comment.md
post 8 out-folders/sg-comment.md
post 8 out-tf/sg-comment.md
kill "$stub_pid" 2>/dev/null
wait "$stub_pid" 2>/dev/null
stub_pid=
python3 - <<'PY' || fail=1
import json
reqs = [json.loads(l) for l in open("requests.log")]
calls = [(r["method"], r["path"]) for r in reqs]
want = [("GET", "/repos/o/r/issues/7/comments?per_page=100&page=1"),
        ("GET", "/repos/o/r/issues/7/comments?per_page=100&page=2"),
        ("PATCH", "/repos/o/r/issues/comments/5001"),
        ("GET", "/repos/o/r/issues/8/comments?per_page=100&page=1"),
        ("POST", "/repos/o/r/issues/8/comments"),
        ("GET", "/repos/o/r/issues/8/comments?per_page=100&page=1"),
        ("PATCH", "/repos/o/r/issues/comments/9001")]
assert calls == want, "requests:\n%s" % "\n".join(map(str, calls))
assert all(r["authorization"] == "Bearer t0ken" for r in reqs), "the token was not sent"
assert all(r["accept"] == "application/vnd.github+json" for r in reqs)
bodies = [r["body"]["body"] for r in reqs if r["body"]]
files = ["out-plan/sg-comment.md", "out-folders/sg-comment.md", "out-tf/sg-comment.md"]
assert bodies == [open(f).read() for f in files], "a posted body differs from its file"
state = json.load(open("state.json"))
mine = [c for c in state["7"] if c["body"].startswith("<!-- sgmap -->")]
assert [c["id"] for c in mine] == [5001], "#7: the marker comment was not updated in place"
assert [c["body"] for c in state["7"] if c["id"] == 5002] == ["quoting <!-- sgmap --> here"]
assert len(state["8"]) == 1 and state["8"][0]["body"] == open(files[2]).read(), \
    "#8: not one comment with the latest body"
PY
env GITHUB_API_URL=http://127.0.0.1:9 GITHUB_REPOSITORY=o/r GITHUB_TOKEN=t BODY_FILE=plan.json \
    PR_NUMBER=7 sh "$top/action/comment.sh" 2> refuse.err && bad "comment.sh posted a body without the marker"
grep -q 'does not start with' refuse.err || bad "comment.sh: no reason for refusing: $(cat refuse.err)"

# ===== install.sh =====
INPUT_INSTALL=path sh "$top/action/install.sh" > install.out 2>&1 || bad "install path: $(cat install.out)"
grep -q '^sgmap ' install.out || bad "install path: no version printed"
INPUT_INSTALL=apt sh "$top/action/install.sh" > install.out 2>&1 && bad "install accepted 'apt'"
mkdir -p fake/bin src
cat > fake/bin/make <<EOF
#!/bin/sh
echo "make \$*" >> "$tmp/make.log"
case " \$* " in *" deps "*) ;; *) ln -sf "$SGMAP" "$tmp/src/sgmap" ;; esac
EOF
chmod +x fake/bin/make
: > gh-path
env PATH="$tmp/fake/bin:/usr/bin:/bin" INPUT_INSTALL=build ACTION_PATH="$tmp/src" GITHUB_PATH="$tmp/gh-path" \
    sh "$top/action/install.sh" > install.out 2>&1 || bad "install build: $(cat install.out)"
[ "$(cat make.log)" = "make -C $tmp/src deps
make -C $tmp/src -j2" ] || bad "install build ran: $(cat make.log)"
[ "$(cat gh-path)" = "$tmp/src" ] || bad "install build did not put the build on GITHUB_PATH"
exit $fail
