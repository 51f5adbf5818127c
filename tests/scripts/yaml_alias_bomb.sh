# A 55 KB design file that reuses one 1,000-rule anchor in 300 groups would
# make 300,000 rules (1 GB): YAML aliases are bounded by the memory they
# add once expanded, so it is refused at once, with exit 3, at the alias
# that crosses the limit, and nothing is written.
set -u
fail=0
{
    echo "groups:"
    echo "  g0:"
    echo "    ingress: &rules"
    i=0
    while [ $i -lt 1000 ]; do
        echo "      - {from: 10.$((i / 250)).$((i % 250)).0/24, ports: tcp/$((1000 + i))}"
        i=$((i + 1))
    done
    g=1
    while [ $g -lt 300 ]; do
        printf '  g%d:\n    ingress: *rules\n' $g
        g=$((g + 1))
    done
} > bomb.yaml
# Refused at the alias, long before the rules are made (which took 20 s).
timeout 10 "$SGMAP" -f json bomb.yaml > out.json 2> err.txt
rc=$?
[ $rc = 3 ] || { echo "status $rc, expected 3"; cat err.txt; fail=1; }
[ -s out.json ] && { echo "output written"; fail=1; }
grep -q "^sgmap: bomb.yaml:[0-9]*:14: error: document is too large once aliases are expanded (alias '\*rules' makes it more than 8 MiB larger)$" err.txt ||
    { echo "unexpected message:"; cat err.txt; fail=1; }
# The same anchor used a few times is fine.
head -1003 bomb.yaml > small.yaml
printf '  g1:\n    ingress: *rules\n  g2:\n    ingress: *rules\n' >> small.yaml
"$SGMAP" -f json small.yaml > small.json 2> small.err || { echo "small.yaml refused:"; cat small.err; fail=1; }
exit $fail
