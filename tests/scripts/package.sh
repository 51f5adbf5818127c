# The Debian package: `make deb` builds it from the source tarball (once:
# it is reused while the sources are unchanged), lintian reports nothing
# about it, and unpacked with dpkg-deb into an empty root it holds the
# binary, the collector, both manual pages and both completions, and its
# sgmap runs and draws a sample.
set -u
# The runner shares one folder among the scripts: work in one of our own.
cd "$(mktemp -d ./package.XXXXXX)" || exit 1
top=$(cd "$TESTS/.." && pwd)
for tool in dpkg-buildpackage dpkg-deb dh lintian; do
    command -v $tool > /dev/null ||
        { echo "skipped: $tool is not installed (make deps installs it)"; exit 77; }
done
# This make's flags (SANITIZE, WERROR) are not the package's.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE -u WERROR make -s -C "$top" deb > make.log 2>&1 ||
    { echo "make deb failed:"; cat make.log; exit 1; }
version=$(head -n 1 "$top/debian/changelog" | cut -d ' ' -f 2 | tr -d '()')
deb="$top/build-deb/sgmap_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "make deb did not write $deb:"; cat make.log; exit 1; }
fail=0
bad() { echo "$*"; fail=1; }

# lintian, run again only for a new package.
sum=$(sha256sum < "$deb")
cache="$top/build-deb/lintian"
if [ "$(cat "$cache.sha256" 2> /dev/null)" != "$sum" ]; then
    lintian --tag-display-limit 0 "$deb" > "$cache.txt" 2> lintian.err
    echo "$sum" > "$cache.sha256"
fi
if grep -E '^[EW]: ' "$cache.txt"; then
    bad "lintian reports errors or warnings (above)"
    rm -f "$cache.sha256"
fi

dpkg-deb -f "$deb" Depends | grep -q 'libgvc6' || bad "Depends lacks the Graphviz library: $(dpkg-deb -f "$deb" Depends)"
mkdir root
dpkg-deb -x "$deb" root || { echo "dpkg-deb -x failed"; exit 1; }
for f in usr/bin/sgmap usr/bin/sgmap-collect usr/share/man/man1/sgmap.1.gz \
         usr/share/man/man1/sgmap-collect.1.gz usr/share/bash-completion/completions/sgmap \
         usr/share/bash-completion/completions/sgmap-collect \
         usr/share/zsh/vendor-completions/_sgmap usr/share/doc/sgmap/copyright; do
    [ -e "root/$f" ] || bad "the package lacks /$f"
done
root/usr/bin/sgmap --version > version.txt || bad "the installed sgmap --version failed"
[ "$(head -n 1 version.txt)" = "sgmap $version" ] || bad "installed sgmap --version: $(cat version.txt)"
root/usr/bin/sgmap -q "$top/samples/game-production-5-alb.yaml" -o drawing.svg ||
    bad "the installed sgmap cannot draw a sample"
grep -q '<svg' drawing.svg 2> /dev/null || bad "the installed sgmap wrote no SVG"
grep -q 'game&#45;servers&#45;production' drawing.svg 2> /dev/null || bad "the drawing lacks a group"
[ "$(root/usr/bin/sgmap-collect --version)" = "sgmap-collect $version" ] ||
    bad "installed sgmap-collect --version: $(root/usr/bin/sgmap-collect --version)"
bash -c '. root/usr/share/bash-completion/completions/sgmap-collect && complete -p sgmap sgmap-collect' \
    > complete.txt 2>&1 || bad "the installed bash completion does not load: $(cat complete.txt)"
exit $fail
