#!/bin/sh
# tests/bench/hcl.sh - the HCL reader's benchmark (part of make bench).
#
# Generates a configuration of 2,000 resources (500 security groups with
# inline ingress and egress blocks, 1,000 aws_security_group_rule with
# count-free references to the groups, 500 instances in them, through a
# variable and a local) as main.tf, and the same as main.tf.json, then times
# side by side in paired rounds (the three alternate; BENCH_RUNS rounds, 11
# by default): `jq empty main.tf.json`, loading the .tf folder into the
# plan-shaped document in memory (build/hcl_dump --load), and sgmap
# importing the folder as it does for every verb (`sgmap lint --disable
# all`: the HCL reader, the plan reader and the model, no check run, no
# drawing). Times are CPU time (user + system, tests/bench/cpu_ms.c): on a
# shared machine wall time also measures whatever else runs. The ratio is
# the median of the rounds' ratios. Target (issue 18): sgmap's import at
# most 2x jq empty, printed with PASS or FAIL (the script never fails on a
# ratio).
#
# usage: sh tests/bench/hcl.sh [HCL_DUMP]     (default build/hcl_dump; sgmap
#        is the one beside it)
set -eu
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/../.." && pwd)
dump=${1:-$root/build/hcl_dump}
cc=${CC:-cc}
runs=${BENCH_RUNS:-11}
command -v jq >/dev/null 2>&1 || { echo "bench: jq is not installed" >&2; exit 1; }
[ -x "$dump" ] || { echo "bench: no $dump (run make check first)" >&2; exit 1; }
sgmap=$(dirname "$dump")/sgmap
[ -x "$sgmap" ] || { echo "bench: no $sgmap (run make first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/tf" "$tmp/json"
$cc -O2 -std=c11 -o "$tmp/cpu_ms" "$root/tests/bench/cpu_ms.c"

awk -v groups=500 -v rules=1000 -v instances=500 -v tf="$tmp/tf/main.tf" \
    -v js="$tmp/json/main.tf.json" 'BEGIN {
    print "variable \"env\" {\n  default = \"bench\"\n}\nlocals {\n  office = [\"10.1.0.0/16\", \"10.2.0.0/16\"]\n}" > tf
    printf "{\n \"variable\": {\"env\": {\"default\": \"bench\"}},\n" > js
    printf " \"locals\": {\"office\": [\"10.1.0.0/16\", \"10.2.0.0/16\"]},\n \"resource\": {\n" > js
    printf "  \"aws_security_group\": {\n" > js
    for (i = 0; i < groups; i++) {
        printf "resource \"aws_security_group\" \"g%d\" {\n  name        = \"${var.env}-g%d\"\n", i, i > tf
        printf "  description = \"group %d of the benchmark\"\n  vpc_id      = \"vpc-%d\"\n", i, i % 7 > tf
        printf "  ingress {\n    from_port   = %d\n    to_port     = %d\n    protocol    = \"tcp\"\n", 1000 + i, 1000 + i > tf
        printf "    cidr_blocks = local.office\n    description = \"office to %d\"\n  }\n", i > tf
        printf "  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n" > tf
        printf "    cidr_blocks = [\"10.%d.%d.0/24\"]\n    description = \"https\"\n  }\n", i % 250, i % 200 > tf
        printf "  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n" > tf
        printf "    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  tags = {\n    Name = \"g%d\"\n    Team = \"t%d\"\n  }\n}\n", i, i % 13 > tf
        printf "   \"g%d\": {\"name\": \"${var.env}-g%d\", \"description\": \"group %d of the benchmark\", \"vpc_id\": \"vpc-%d\",\n", i, i, i, i % 7 > js
        printf "    \"ingress\": [{\"from_port\": %d, \"to_port\": %d, \"protocol\": \"tcp\", \"cidr_blocks\": \"${local.office}\", \"description\": \"office to %d\"},\n", 1000 + i, 1000 + i, i > js
        printf "                {\"from_port\": 443, \"to_port\": 443, \"protocol\": \"tcp\", \"cidr_blocks\": [\"10.%d.%d.0/24\"], \"description\": \"https\"}],\n", i % 250, i % 200 > js
        printf "    \"egress\": [{\"from_port\": 0, \"to_port\": 0, \"protocol\": \"-1\", \"cidr_blocks\": [\"0.0.0.0/0\"]}],\n" > js
        printf "    \"tags\": {\"Name\": \"g%d\", \"Team\": \"t%d\"}}%s\n", i, i % 13, i < groups - 1 ? "," : "" > js
    }
    printf "  },\n  \"aws_security_group_rule\": {\n" > js
    for (i = 0; i < rules; i++) {
        a = i % groups; b = (i * 7 + 3) % groups
        printf "resource \"aws_security_group_rule\" \"r%d\" {\n  type                     = \"ingress\"\n", i > tf
        printf "  from_port                = %d\n  to_port                  = %d\n  protocol                 = \"tcp\"\n", 2000 + i % 100, 2000 + i % 100 > tf
        printf "  security_group_id        = aws_security_group.g%d.id\n", a > tf
        printf "  source_security_group_id = aws_security_group.g%d.id\n  description              = \"from g%d\"\n}\n", b, b > tf
        printf "   \"r%d\": {\"type\": \"ingress\", \"from_port\": %d, \"to_port\": %d, \"protocol\": \"tcp\",\n", i, 2000 + i % 100, 2000 + i % 100 > js
        printf "    \"security_group_id\": \"${aws_security_group.g%d.id}\", \"source_security_group_id\": \"${aws_security_group.g%d.id}\", \"description\": \"from g%d\"}%s\n", a, b, b, i < rules - 1 ? "," : "" > js
    }
    printf "  },\n  \"aws_instance\": {\n" > js
    for (i = 0; i < instances; i++) {
        printf "resource \"aws_instance\" \"i%d\" {\n  ami                    = \"ami-%d\"\n  instance_type          = \"t3.micro\"\n", i, i % 5 > tf
        printf "  vpc_security_group_ids = [aws_security_group.g%d.id, aws_security_group.g%d.id]\n", i % groups, (i + 1) % groups > tf
        printf "  tags = {\n    Name = \"i%d\"\n  }\n}\n", i > tf
        printf "   \"i%d\": {\"ami\": \"ami-%d\", \"instance_type\": \"t3.micro\", \"vpc_security_group_ids\": [\"${aws_security_group.g%d.id}\", \"${aws_security_group.g%d.id}\"], \"tags\": {\"Name\": \"i%d\"}}%s\n", i, i % 5, i % groups, (i + 1) % groups, i, i < instances - 1 ? "," : "" > js
    }
    printf "  }\n }\n}\n" > js
}'

# The twin must load to the same instances, or the comparison means nothing.
"$dump" "$tmp/tf" > "$tmp/tf.sum"
"$dump" "$tmp/json" > "$tmp/json.sum"
cmp -s "$tmp/tf.sum" "$tmp/json.sum" || { echo "bench: the .tf and .tf.json twins differ" >&2; exit 1; }
n=$(wc -l < "$tmp/tf.sum")

# sgmap must read it without an error (lint exits 0: no check runs).
"$sgmap" lint -q --disable all "$tmp/tf" >/dev/null || { echo "bench: sgmap failed" >&2; exit 1; }
# Paired rounds: "jq_ms jq_faults load_ms load_faults sgmap_ms sgmap_faults".
i=0
while [ "$i" -lt "$runs" ]; do
    a=$("$tmp/cpu_ms" jq empty "$tmp/json/main.tf.json") || exit 1
    b=$("$tmp/cpu_ms" "$dump" --load "$tmp/tf") || exit 1
    c=$("$tmp/cpu_ms" "$sgmap" lint -q --disable all "$tmp/tf") || exit 1
    echo "$a $b $c" >> "$tmp/rounds"
    i=$((i + 1))
done
# median AWK-EXPRESSION [FORMAT]: the median over the rounds of the expression.
median() {
    awk "{ print $1 }" "$tmp/rounds" | sort -g |
        awk -v f="${2:-%.2f}" '{ v[NR] = $1 } END { printf f, v[int((NR + 1) / 2)] }'
}
jq_ms=$(median '$1') h_ms=$(median '$3') s_ms=$(median '$5')
h_x=$(median '$3 / $1') s_x=$(median '$5 / $1')
echo
echo "Terraform source: medians of $runs paired rounds; CPU ms = user + system"
printf '%-24s %9s %5s %7s %7s %8s %9s %12s\n' configuration resources KB "jq ms" \
    "load ms" "sgmap ms" "jq faults" "sgmap faults"
printf '%-24s %9s %5s %7s %7s %8s %9s %12s  ratio %s, %s\n' "2,000 resources (.tf)" "$n" \
    "$(( $(wc -c < "$tmp/tf/main.tf") / 1024 ))" "$jq_ms" "$h_ms" "$s_ms" "$(median '$2' %d)" \
    "$(median '$6' %d)" "$h_x" "$s_x"
verdict=$(awk -v x="$s_x" 'BEGIN { print (x <= 2 ? "PASS" : "FAIL") }')
echo "target: Terraform source import (sgmap lint --disable all) <= 2x jq empty on its"
echo "        .tf.json twin: ${s_x}x  $verdict"
