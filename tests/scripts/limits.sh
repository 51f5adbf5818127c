# Pathological but valid inputs are refused (exit 3, one clear message) or
# drawn quickly (exit 0), never a crash or a hang. They are generated here:
# nothing this large is committed.
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed to generate the inputs"; exit 77; }
fail=0

# expect STATUS PATTERN FILE ARGS...: exit status STATUS within 60 s, and
# PATTERN (grep -E) in stderr; "" matches anything.
expect() {
    want=$1 pattern=$2
    shift 2
    timeout 60 "$SGMAP" "$@" > out.txt 2> err.txt < /dev/null
    rc=$?
    if [ $rc != "$want" ]; then
        echo "sgmap $*: status $rc, expected $want"
        head -3 err.txt
        fail=1
    elif [ -n "$pattern" ] && ! grep -qE "$pattern" err.txt; then
        echo "sgmap $*: stderr lacks /$pattern/:"
        head -3 err.txt
        fail=1
    fi
}

python3 - <<'PY'
import json
open("deep.json", "w").write("[" * 100000 + "]" * 100000)
open("deep.yaml", "w").write("groups: " + "[" * 100000 + "]" * 100000 + "\n")
open("huge-string.json", "w").write(json.dumps({"SecurityGroups": [{
    "GroupId": "sg-0a000000000000001", "GroupName": "web", "Description": "x" * 50000000,
    "IpPermissions": [], "IpPermissionsEgress": []}]}))
design = "groups:\n  web:\n    description: Web servers\n" \
         "    ingress:\n      - from: 0.0.0.0/0\n        ports: tcp/443\n" \
         "interfaces:\n  - name: web\n    kind: ec2\n    groups: [web]\n"
open("utf8.yaml", "w").write(design)
open("utf16le.yaml", "wb").write(design.encode("utf-16-le"))
open("utf16be.yaml", "wb").write(design.encode("utf-16-be"))
open("many-groups.json", "w").write(json.dumps({"SecurityGroups": [
    {"GroupId": "sg-%017x" % i, "GroupName": "g%d" % i, "IpPermissions": [],
     "IpPermissionsEgress": []} for i in range(100001)]}))
PY
printf '{"SecurityGroups":[{"GroupId":"sg-1","GroupName":"a","IpPermissions":[{"IpProtocol":"tcp","FromPort":1e999,"ToPort":1e999,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]}]}' > port-1e999.json
printf 'groups:\n  a:\n    ingress:\n      - from: 0.0.0.0/0\n        ports: tcp/1e999\n' > port-1e999.yaml
printf 'Resources:\n  A:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 1e999, ToPort: 1e999, CidrIp: 0.0.0.0/0}\n' > port-1e999-cfn.yaml
printf '{"version":4,"terraform_version":"1.5.0","resources":[{"mode":"managed","type":"aws_security_group","name":"a","instances":[{"attributes":{"id":"sg-1","ingress":[{"from_port":1e999,"to_port":1,"protocol":"tcp"}]}}]}]}' > port-1e999.tfstate
printf 'groups:\n  a:\n    description: x\0y\n' > nul.yaml
printf '{"SecurityGroups":\0[]}' > nul.json
printf '{"SecurityGroups":[{"GroupId":"sg-1\\u0000","GroupName":"a"}]}' > nul-escape.json
: > empty.json
: > empty.yaml
: > empty.tfstate
printf '\n  \n\n' > blank.yaml

expect 3 'nesting is too deep' deep.json
expect 3 'nesting is too deep' deep.yaml
expect 0 '' huge-string.json -o huge.svg
[ -s huge.svg ] && [ "$(wc -c < huge.svg)" -lt 100000 ] ||
    { echo "the 50 MB description was not cut in the drawing"; fail=1; }
expect 3 'number out of range: 1e999' port-1e999.json
expect 3 "invalid port in 'tcp/1e999'" port-1e999.yaml
expect 3 "expected a port number for 'FromPort', got '1e999'" port-1e999-cfn.yaml
expect 3 'real number overflow' port-1e999.tfstate
expect 3 'NUL|0x00' nul.yaml
expect 3 'invalid JSON' nul.json
expect 3 'u0000' nul-escape.json
expect 3 'empty input' empty.json
expect 3 'empty input' empty.yaml
expect 3 'Terraform' empty.tfstate
expect 3 'empty input' blank.yaml
expect 3 'too many security groups' many-groups.json -f json
head -c $((257 * 1024 * 1024)) /dev/zero > too-large.json
expect 3 'too large' too-large.json
rm -f too-large.json
# UTF-16 without a byte-order mark is read like UTF-8.
"$SGMAP" utf8.yaml > utf8.dot || fail=1
for f in utf16le.yaml utf16be.yaml; do
    expect 0 '' $f
    cmp -s out.txt utf8.dot || { echo "$f is not drawn like its UTF-8 original"; fail=1; }
done
exit $fail
