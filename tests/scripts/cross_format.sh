# One network written four ways (tests/cross-format/: a design file, AWS CLI
# JSON, a Terraform state, a CloudFormation template) gives the same model:
# the same groups (description), rules (direction, ports, peer,
# description) and interfaces (kind, groups), once each input's ids are
# mapped to the design file's names by the table below. And one invalid
# ICMP rule (type -1, code 4) is refused by every importer with exit 3 and
# the same words.
set -u
fail=0
dir="$TESTS/cross-format"

# id in an input -> the design file's name, for groups and interfaces.
cat > ids.json <<'IDS'
{
  "sg-0a000000000000001": "web-alb", "sg-0a000000000000002": "app",
  "sg-0a000000000000003": "docs-db", "sg-0a000000000000004": "fn",
  "WebAlbSG": "web-alb", "AppSG": "app", "DocsDbSG": "docs-db", "FnSG": "fn",
  "eni-0b000000000000001": "alb", "eni-0b000000000000002": "app-server",
  "eni-0b000000000000003": "documents", "eni-0b000000000000004": "worker",
  "eni-0b000000000000005": "nat",
  "aws_lb.web": "alb", "aws_instance.app": "app-server",
  "aws_docdb_cluster.documents": "documents", "aws_lambda_function.worker": "worker",
  "aws_nat_gateway.main": "nat",
  "WebAlb": "alb", "AppServer": "app-server", "Documents": "documents",
  "Worker": "worker", "Nat": "nat"
}
IDS

# The facts compared, ids mapped, in a stable order.
normalise() {
    jq -S --slurpfile ids ids.json '
        def id: . as $x | ($ids[0][$x] // $x);
        {groups: [.groups[] | {id: (.id | id), description}] | sort,
         rules: [.rules[] | {group: (.group | id), direction, label: .label,
                             peer: {type: .peer.type, id: (.peer.id | id)},
                             description}] | sort,
         interfaces: [.interfaces[] | {id: (.id | id), kind,
                                       groups: ([.groups[] | id] | sort)}] | sort}' "$1"
}

for f in network.yaml network-aws.json network.tfstate network-cfn.yaml; do
    "$SGMAP" -f json "$dir/$f" > "$f.json" 2> "$f.err"
    rc=$?
    [ $rc = 0 ] || { echo "$f: status $rc, expected 0"; cat "$f.err"; fail=1; continue; }
    normalise "$f.json" > "$f.norm" || { echo "$f: jq failed"; fail=1; }
done
for f in network-aws.json network.tfstate network-cfn.yaml; do
    [ -f "$f.norm" ] && [ -f network.yaml.norm ] || continue
    if ! cmp -s network.yaml.norm "$f.norm"; then
        echo "$f gives another model than network.yaml:"
        diff -u network.yaml.norm "$f.norm" | head -40
        fail=1
    fi
done
# The comparison must see every kind of fact it claims to compare.
[ -f network.yaml.norm ] && for want in '"kind": "rds"' '"kind": "nat"' '"kind": "lambda"' \
        '"kind": "alb"' '"prefix-list"' '"::/0"' '"icmp/3:4"' '"label": "all"'; do
    grep -q "$want" network.yaml.norm || { echo "network.yaml.norm lacks $want"; fail=1; }
done

icmp="$TESTS/cases/core/icmp-all-types-with-code"
want="error: ICMP type -1 (all types) needs code -1, got code 4"
for f in icmp.yaml icmp-aws.json icmp.tfstate icmp-cfn.yaml; do
    "$SGMAP" -f json "$icmp/$f" > out.json 2> err.txt
    rc=$?
    [ $rc = 3 ] || { echo "$f: status $rc, expected 3"; fail=1; }
    [ -s out.json ] && { echo "$f: output written for invalid input"; fail=1; }
    [ "$(wc -l < err.txt)" = 1 ] && grep -q -- "$want\$" err.txt ||
        { echo "$f: expected one line ending '$want', got:"; cat err.txt; fail=1; }
done
exit $fail
