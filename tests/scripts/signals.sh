# SIGTERM or SIGHUP during a slow write or a slow layout leaves nothing
# behind: the temporary file beside -o is removed, the Graphviz layout child
# dies with sgmap, and sgmap dies of the same signal (status 128+N). Killed
# outright (SIGKILL: no handler runs), sgmap still takes its child with it
# (PR_SET_PDEATHSIG). The slowness comes from test hooks (SGMAP_TEST_FAULT).
set -u
sample="$TESTS/../samples/game-production-1-nlb.yaml"
fail=0

# wait_for COMMAND...: up to 10 s for COMMAND to succeed.
wait_for() {
    n=0
    while ! "$@"; do
        n=$((n + 1))
        [ $n -ge 100 ] && return 1
        sleep 0.1
    done
}
temp_file_exists() { ls "$1".?????? >/dev/null 2>&1; }
# The child of $1, once it has one.
child_of() { child=$(pgrep -P "$1" | head -1); [ -n "$child" ]; }
# A process that is gone, or a zombie waiting for its new parent to reap it.
is_gone() { [ ! -e "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# A signal while the temporary file exists.
for sig_num in TERM:15 HUP:1; do
    sig=${sig_num%:*}
    rm -f out.dot*
    SGMAP_TEST_FAULT=slow-write "$SGMAP" "$sample" -o out.dot 2>err.txt &
    pid=$!
    wait_for temp_file_exists out.dot || { echo "SIG$sig: no temporary file appeared"; fail=1; }
    kill -$sig $pid
    wait $pid
    rc=$?
    want=$((128 + ${sig_num#*:}))
    [ $rc = $want ] || { echo "SIG$sig during the write: status $rc, expected $want"; fail=1; }
    if ls out.dot* >/dev/null 2>&1; then
        echo "SIG$sig during the write left:"; ls out.dot*; fail=1
    fi
    [ -s err.txt ] && { echo "SIG$sig during the write:"; cat err.txt; fail=1; }
done

# A signal, then SIGKILL, during the layout.
for sig_num in TERM:15 KILL:9; do
    sig=${sig_num%:*}
    rm -f out.svg*
    SGMAP_TEST_FAULT=slow-layout "$SGMAP" "$sample" -o out.svg 2>err.txt &
    pid=$!
    child=
    wait_for child_of $pid || { echo "SIG$sig: no layout child appeared"; fail=1; }
    kill -$sig $pid
    wait $pid
    rc=$?
    want=$((128 + ${sig_num#*:}))
    [ $rc = $want ] || { echo "SIG$sig during the layout: status $rc, expected $want"; fail=1; }
    if [ -n "$child" ] && ! wait_for is_gone "$child"; then
        echo "SIG$sig: the layout child $child outlived sgmap"
        kill -KILL "$child"
        fail=1
    fi
    ls out.svg* >/dev/null 2>&1 && { echo "SIG$sig during the layout wrote a file"; fail=1; }
done
exit $fail
