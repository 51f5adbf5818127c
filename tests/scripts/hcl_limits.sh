#!/bin/sh
# hcl_limits.sh - the HCL reader's bounds: each generated configuration is
# refused with exit 3 and one clear message at its line (never a crash, a
# hang or exponential time; each run must end within 20 seconds):
#   - values that double at each step (concat of itself 60 times, and a
#     tuple holding itself twice 60 times): the work and value-size budgets
#   - a for expression and range() over millions of elements
#   - brackets and templates nested 5,000 deep; locals chained 5,000 deep
#     (declared in the order that makes the first one need all the others)
#   - local modules nested 20 deep (HCL_MAX_MODULE_DEPTH is 16)
#   - count and for_each beyond 10,000
set -u
: "${SGMAP:?}"
DUMP=$(dirname "$SGMAP")/hcl_dump
[ -x "$DUMP" ] || { echo "skip: $DUMP is not built (make check builds it)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# expect NAME PATTERN: the folder $tmp/NAME is refused with PATTERN in stderr.
expect() {
    out=$(cd "$tmp/$1" && timeout 20 "$DUMP" . 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" != 3 ]; then
        echo "FAIL $1: exit status $rc, expected 3"; printf '%s\n' "$out" | head -5; fail=1
    elif ! printf '%s\n' "$out" | grep -q -- "$2"; then
        echo "FAIL $1: expected '$2' in:"; printf '%s\n' "$out" | head -5; fail=1
    fi
}

mkdir -p "$tmp/doubling" "$tmp/shared" "$tmp/for" "$tmp/range" "$tmp/brackets" \
    "$tmp/templates" "$tmp/chain" "$tmp/count" "$tmp/each"
{
    echo 'locals {'
    echo '  a0 = [1, 2]'
    i=1
    while [ $i -le 60 ]; do echo "  a$i = concat(local.a$((i - 1)), local.a$((i - 1)))"; i=$((i + 1)); done
    echo '}'
    echo 'output "x" { value = length(local.a60) }'
} > "$tmp/doubling/main.tf"
expect doubling 'main.tf:[0-9]*:[0-9]*: error: .*more than'
{
    echo 'locals {'
    echo '  b0 = "x"'
    i=1
    while [ $i -le 60 ]; do echo "  b$i = [local.b$((i - 1)), local.b$((i - 1))]"; i=$((i + 1)); done
    echo '}'
    echo 'output "x" { value = local.b60 }'
} > "$tmp/shared/main.tf"
expect shared 'main.tf:[0-9]*:[0-9]*: error: a value holding more than 4000000 values'
echo 'output "x" { value = [for a in range(1000) : [for b in range(1000) : [for c in range(100) : c]]] }' \
    > "$tmp/for/main.tf"
expect for 'main.tf:1:[0-9]*: error: .*more than'
echo 'output "x" { value = range(5000000) }' > "$tmp/range/main.tf"
expect range 'main.tf:1:22: error: range(): more than'
awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "["; t = ""; for (i = 0; i < 5000; i++) t = t "]";
     print "output \"x\" { value = " s t " }" }' > "$tmp/brackets/main.tf"
expect brackets 'main.tf:1:[0-9]*: error: nested too deeply'
awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "\"${"; t = ""; for (i = 0; i < 5000; i++) t = t "}\"";
     print "output \"x\" { value = " s "1" t " }" }' > "$tmp/templates/main.tf"
expect templates 'main.tf:1:[0-9]*: error: nested too deeply'
{
    echo 'locals {'
    i=0
    while [ $i -lt 5000 ]; do echo "  c$i = local.c$((i + 1)) + 1"; i=$((i + 1)); done
    echo '  c5000 = 1'
    echo '}'
    echo 'output "x" { value = local.c0 }'
} > "$tmp/chain/main.tf"
expect chain 'error: references nested too deeply'
d="$tmp/modules"
i=0
while [ $i -le 20 ]; do
    mkdir -p "$d"
    echo 'module "next" { source = "./m" }' > "$d/main.tf"
    d="$d/m"
    i=$((i + 1))
done
mkdir -p "$d" && echo 'output "x" { value = 1 }' > "$d/main.tf"
expect modules 'main.tf:1:1: error: modules nested too deeply (more than 16)'
echo 'resource "aws_security_group" "a" { count = 20000 }' > "$tmp/count/main.tf"
expect count 'main.tf:1:45: error: count is 20000, more than 10000'
echo 'resource "aws_security_group" "a" { for_each = toset([for i in range(10001) : tostring(i)]) }' \
    > "$tmp/each/main.tf"
expect each 'main.tf:1:48: error: for_each has 10001 elements, more than 10000'
exit $fail
