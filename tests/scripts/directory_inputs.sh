# A directory input reads its regular files only: a FIFO among them is
# skipped with a note instead of blocking forever; paths in messages have
# no doubled slash when the directory is given with a trailing one.
set -u
fail=0
mkdir d
cp "$TESTS/../samples/game-production-5-alb.yaml" d/a.yaml
mkfifo d/z.yaml
timeout 20 "$SGMAP" d/ -f json > out.json 2> err.txt
rc=$?
[ $rc = 0 ] || { echo "status $rc, expected 0"; cat err.txt; fail=1; }
grep -qx "sgmap: d/z.yaml: note: skipped: not a regular file" err.txt ||
    { echo "no note for the FIFO:"; cat err.txt; fail=1; }
grep -q '"source": "d/a.yaml:' out.json || { echo "sources should read d/a.yaml"; fail=1; }
exit $fail
