# A Graphviz abort during layout must not take sgmap down: exit status 4, a
# message, and no output file (an existing one is left untouched).
# SGMAP_TEST_FAULT=layout-abort makes the layout child abort() as Graphviz
# 2.42 does on some graphs (see shared/docs/graphviz-crash-min.gv); with
# dot-abort only the ranked layout aborts, and the packed one must take over.
set -u
in="$TESTS/../samples/game-production-5-alb.yaml"
fail=0
SGMAP_TEST_FAULT=layout-abort "$SGMAP" "$in" -o new.svg 2>err.txt
rc=$?
[ $rc = 4 ] || { echo "status $rc, expected 4"; fail=1; }
grep -q '^sgmap: error: graphviz crashed while drawing' err.txt || { echo "no crash message:"; cat err.txt; fail=1; }
[ ! -e new.svg ] || { echo "a partial output file was left"; fail=1; }
ls new.svg.* 2>/dev/null && { echo "a temporary file was left"; fail=1; }
echo "keep me" > old.svg
SGMAP_TEST_FAULT=layout-abort "$SGMAP" "$in" -o old.svg 2>/dev/null
[ "$(cat old.svg)" = "keep me" ] || { echo "existing output was clobbered"; fail=1; }
# The real 2.42 abort: freeing the layout of this graph aborts in the child.
SGMAP_TEST_FAULT=free-layout "$SGMAP" "$in" -o freed.svg 2>/dev/null
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || { echo "free-layout: status $rc"; fail=1; }
# A ranked layout that aborts gives way to a packed one: a drawing, a note.
SGMAP_TEST_FAULT=dot-abort "$SGMAP" "$in" -o packed.svg 2>err.txt
rc=$?
[ $rc = 0 ] || { echo "dot-abort: status $rc, expected 0"; cat err.txt; fail=1; }
grep -q '^sgmap: note: graphviz crashed while drawing with dot .*packing the groups with osage' \
    err.txt || { echo "dot-abort: no note about the fallback:"; cat err.txt; fail=1; }
grep -q '<svg' packed.svg 2>/dev/null || { echo "dot-abort: no SVG"; fail=1; }
exit $fail
