# `make dist` writes sgmap-VERSION.tar.gz holding, under sgmap-VERSION/,
# every file of the project (the ones git tracks, or would with git add)
# and no file a build or a test makes; its version is the one sgmap prints;
# and two runs write the same bytes.
set -u
# The runner shares one folder among the scripts: work in one of our own.
cd "$(mktemp -d ./dist_files.XXXXXX)" || exit 1
top=$(cd "$TESTS/.." && pwd)
git -C "$top" rev-parse --is-inside-work-tree > /dev/null 2>&1 ||
    { echo "skipped: not a git checkout, so there is no list of the project's files to compare"; exit 77; }
version=$("$SGMAP" --version | sed -n '1s/^sgmap //p')
fail=0
mkdir one two
for d in one two; do
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top" dist DISTDIR="$PWD/$d" > make.log 2>&1 ||
        { echo "make dist failed:"; cat make.log; exit 1; }
done
tarball=one/sgmap-$version.tar.gz
[ -f "$tarball" ] || { echo "make dist did not write sgmap-$version.tar.gz: $(ls one)"; exit 1; }
cmp -s "$tarball" "two/sgmap-$version.tar.gz" || { echo "two runs of make dist differ"; fail=1; }
tar -tzf "$tarball" > listed.txt || { echo "cannot list $tarball"; exit 1; }
grep -v "^sgmap-$version/" listed.txt && { echo "files outside sgmap-$version/ (above)"; fail=1; }
sed -n "s#^sgmap-$version/##p" listed.txt | grep -v '/$' | grep -v '^$' | sort > got.txt
git -C "$top" ls-files --cached --others --exclude-standard | sort > want.txt
# Files deleted but not yet committed are not in the tree to pack.
while read -r f; do [ -e "$top/$f" ] && echo "$f"; done < want.txt > present.txt
diff -u present.txt got.txt > diff.txt || { echo "the tarball is not the project's files (- missing, + extra):"; cat diff.txt; fail=1; }
exit $fail
