# The GitHub Actions workflow in README.md must be valid YAML and its sgmap
# steps must work: run them, as the runner would (bash -e -o pipefail), on a
# Terraform plan with changes, and check what they leave behind.
set -u
readme="$TESTS/../README.md"
sed -n '/<!-- workflow:begin -->/,/<!-- workflow:end -->/p' "$readme" |
    sed '1,2d;$d' | sed '$d' > workflow.yml
[ -s workflow.yml ] || { echo "no workflow between the markers in README.md"; exit 1; }
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "no python3 with the yaml module; cannot parse the workflow"; exit 77; }
# Write each step's run script to step-N.sh (N in order), and check the shape.
"$py" - <<'PY' || exit 1
import yaml, sys
w = yaml.safe_load(open("workflow.yml"))
steps = w["jobs"]["sgmap"]["steps"]
assert w[True if True in w else "on"] == "pull_request", "not run on pull requests"
uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
for a in ("actions/checkout", "actions/upload-artifact", "github/codeql-action/upload-sarif"):
    assert a in uses, "missing step: " + a
for i, s in enumerate(steps):
    if "run" in s and "sgmap " in s["run"] and "make -C" not in s["run"]:
        open("step-%02d.sh" % i, "w").write(s["run"])
PY
ls step-*.sh > /dev/null 2>&1 || { echo "no sgmap steps found in the workflow"; exit 1; }
mkdir -p bin
ln -sf "$SGMAP" bin/sgmap
cp "$TESTS/cases/diff/plan/plan.json" plan.json
fail=0
for s in step-*.sh; do
    PATH="$PWD/bin:$PATH" bash --noprofile --norc -eo pipefail "$s" ||
        { echo "workflow step $s failed:"; cat "$s"; fail=1; }
done
for f in sg-diff.svg sg-diff.html sg-diff.md sg-diff.mmd sg-comment.md sgmap.sarif; do
    [ -s "$f" ] || { echo "the workflow did not write $f"; fail=1; }
done
head -1 sg-comment.md | grep -qx '<!-- sgmap-diff -->' || { echo "comment marker missing"; fail=1; }
[ "$(wc -c < sg-comment.md)" -le 65536 ] || { echo "the comment is over GitHub's 65,536 characters"; fail=1; }
grep -q '^flowchart' sg-comment.md || { echo "no Mermaid drawing in the comment"; fail=1; }
grep -q 'aws_security_group.monitoring' sg-comment.md || { echo "summary lacks the added group"; fail=1; }
"$py" -c 'import json,sys; d=json.load(open("sgmap.sarif")); sys.exit(d["version"] != "2.1.0")' ||
    { echo "sgmap.sarif is not SARIF 2.1.0"; fail=1; }
exit $fail
