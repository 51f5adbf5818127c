#!/bin/sh
# reach_bruteforce.sh - the independent check of issue 17: for every corpus
# input that sgmap draws (and the samples and the reach cases' network),
# `reach --from '*' --to '*' -f json` agrees with a brute-force evaluation
# over interface pairs, written separately (reach_bruteforce.py, which reads
# `-f json` of the same input), on the group-to-group answers (end to end,
# NACLs and routes included, on the reach cases' AWS dump that has them); and on two
# small synthetic accounts of tests/bench/gen_account.c (known addresses,
# many group references), when a C compiler is there. An input without
# groups must be refused as a question naming nothing (exit 2).
set -u
: "${SGMAP:?}" "${SHARED:?}" "${TESTS:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
list=$(find "$SHARED/corpus" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \
    -o -name '*.template' -o -name '*.tfstate' \) 2>/dev/null | sort)
accounts=
if command -v "${CC:-cc}" >/dev/null 2>&1 &&
    "${CC:-cc}" -O2 -o gen_account "$TESTS/bench/gen_account.c" 2>/dev/null; then
    for seed in 3 7; do
        mkdir -p "account$seed"
        ./gen_account "account$seed" 60 240 "$seed" && accounts="$accounts account$seed"
    done
fi
n=0
: >inputs.txt
for f in $list "$TESTS"/../samples/*.yaml "$TESTS"/cases/reach/net.yaml \
    "$TESTS"/cases/reach/netdump $accounts; do
    [ -e "$f" ] || continue
    "$SGMAP" -q -f json "$f" >"model.$n.json" 2>/dev/null || continue
    "$SGMAP" reach -q --from '*' --to '*' -f json "$f" >"reach.$n.json" 2>/dev/null
    echo "$(echo "$f" | tr ' ' '_') model.$n.json reach.$n.json $?" >>inputs.txt
    n=$((n + 1))
done
[ $n -gt 0 ] || { echo "no inputs found"; exit 77; }
python3 "$TESTS/scripts/reach_bruteforce.py" inputs.txt
