# Running out of memory is exit status 4 with one fixed line on standard
# error, written without allocating or formatting: a 200 MiB input (a
# sparse file, nothing is read) under a 150 MB address-space limit.
set -u
limit=150000
(ulimit -v $limit && "$SGMAP" --version) >/dev/null 2>&1 ||
    { echo "sgmap cannot start under ulimit -v $limit (a sanitizer build)"; exit 77; }
truncate -s 200M big.json || { echo "cannot make a sparse file"; exit 77; }
(ulimit -v $limit && exec "$SGMAP" big.json) >out.txt 2>err.txt
rc=$?
rm -f big.json
fail=0
[ $rc = 4 ] || { echo "status $rc, expected 4"; fail=1; }
printf 'sgmap: error: out of memory\n' | cmp -s - err.txt ||
    { echo "unexpected standard error:"; cat err.txt; fail=1; }
[ -s out.txt ] && { echo "output written"; fail=1; }
exit $fail
