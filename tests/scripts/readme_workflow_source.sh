# The README's second GitHub Actions workflow (pull requests without
# credentials: Terraform source, no plan) must be valid YAML, need neither
# Terraform nor cloud access, and its steps must work: run them, as the
# runner would (bash -e -o pipefail, the workflow's env, GITHUB_BASE_REF), in
# a git checkout whose origin/main holds the base of a change to a test
# configuration (tests/cases/tfsource/lint-sarif/infra, the base; the head of
# tests/cases/tfsource/diff-folders: SSH narrowed, HTTPS opened), and check
# what they leave behind: the comment names the group and the added rule, and
# the SARIF findings are regions on the head's infra/main.tf lines.
set -u
: "${SGMAP:?}" "${TESTS:?}"
command -v git >/dev/null || { echo "skip: git is not installed"; exit 77; }
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "no python3 with the yaml module; cannot parse the workflow"; exit 77; }
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT INT TERM
readme="$TESTS/../README.md"
sed -n '/<!-- workflow-source:begin -->/,/<!-- workflow-source:end -->/p' "$readme" |
    sed '1,2d;$d' | sed '$d' > "$top/workflow.yml"
[ -s "$top/workflow.yml" ] || { echo "no workflow between the markers in README.md"; exit 1; }

# The checkout: base on origin/main, the pull request's head checked out.
repo=$top/repo
mkdir -p "$repo/infra"
cd "$repo" || exit 1
g() { git -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main "$@" >/dev/null 2>&1; }
g init -q . && cp "$TESTS/cases/tfsource/lint-sarif/infra/main.tf" infra/main.tf &&
    g add infra && g commit -q -m base && g remote add origin "$repo" && g fetch -q origin &&
    g checkout -q -b head && cp "$TESTS/cases/tfsource/diff-folders/head/main.tf" infra/main.tf &&
    g commit -q -am head || { echo "could not make the test repository"; exit 1; }

# Each step's run script to step-N.sh, its env to env.sh; check the shape.
"$py" - "$top" <<'PY' || exit 1
import yaml, sys, shlex
top = sys.argv[1]
w = yaml.safe_load(open(top + "/workflow.yml"))
steps = w["jobs"]["sgmap"]["steps"]
assert w[True if True in w else "on"] == "pull_request", "not run on pull requests"
uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
for a in ("actions/checkout", "actions/upload-artifact", "github/codeql-action/upload-sarif"):
    assert a in uses, "missing step: " + a
for a in uses:
    assert "terraform" not in a and "aws" not in a, "needs Terraform or AWS: " + a
for s in steps:
    assert "terraform " not in s.get("run", ""), "runs Terraform: " + s["run"]
with open(top + "/env.sh", "w") as f:
    for k, v in w.get("env", {}).items():
        f.write("export %s=%s\n" % (k, shlex.quote(str(v))))
n = 0
for i, s in enumerate(steps):
    run = s.get("run", "")
    if ("sgmap " in run or "git worktree" in run) and "make -C" not in run:
        open("%s/step-%02d.sh" % (top, i), "w").write(run)
        n += 1
assert n >= 3, "expected the worktree, diff and lint steps"
PY
mkdir -p "$top/bin"
ln -sf "$SGMAP" "$top/bin/sgmap"
fail=0
for s in "$top"/step-*.sh; do
    (. "$top/env.sh" && GITHUB_BASE_REF=main PATH="$top/bin:$PATH" \
        bash --noprofile --norc -eo pipefail "$s") > "$top/out" 2>&1 ||
        { echo "workflow step $s failed:"; cat "$s" "$top/out"; fail=1; }
done
for f in sg-diff.svg sg-diff.html sg-diff.md sg-diff.mmd sg-comment.md sgmap.sarif; do
    [ -s "$f" ] || { echo "the workflow did not write $f"; fail=1; }
done
[ -f ../base/infra/main.tf ] || { echo "no base checkout in ../base"; fail=1; }
head -1 sg-comment.md | grep -qx '<!-- sgmap-diff -->' || { echo "comment marker missing"; fail=1; }
[ "$(wc -c < sg-comment.md)" -le 65536 ] || { echo "the comment is over GitHub's 65,536 characters"; fail=1; }
grep -q '^flowchart' sg-comment.md || { echo "no Mermaid drawing in the comment"; fail=1; }
grep -q 'aws_security_group.bastion' sg-comment.md || { echo "summary lacks the changed group"; fail=1; }
grep -q '| added | ingress | tcp/443 |' sg-comment.md || { echo "summary lacks the added rule"; cat sg-diff.md; fail=1; }
"$py" - <<'PY' || { echo "sgmap.sarif: expected SARIF 2.1.0 regions on infra/main.tf lines"; fail=1; }
import json, sys
d = json.load(open("sgmap.sarif"))
assert d["version"] == "2.1.0"
res = d["runs"][0]["results"]
assert res, "no findings"
for r in res:
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "infra/main.tf", loc
    assert loc["region"]["startLine"] > 0, loc
PY
exit $fail
