# SVGs drawn from hostile inputs (tests/browser/) are opened in headless
# Chromium, as a document of their own and embedded with <object> in a
# page, both served over HTTP from 127.0.0.1. The inputs carry scripts,
# javascript: and data: links, event handlers, CSS url() and external
# references, all aimed at this test's server: a request whose path holds
# "leak", or an element <pwned> in the loaded page, means one got through.
# A deliberately unsafe control SVG must be caught, so the test can fail.
# Skips (77) without Chromium; make deps installs it.
set -u
browser=
for b in chromium chromium-browser; do
    command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || { echo "chromium is not installed (make deps installs it)"; exit 77; }
py=$(command -v python3) || { echo "python3 is needed for the test server"; exit 77; }
src="$TESTS/browser"
fail=0

# The server: serves this folder and logs every request path.
cat > server.py <<'PY'
import http.server, socketserver, sys
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        with open("requests.log", "a") as f:
            f.write(self.path + "\n")
socketserver.TCPServer.allow_reuse_address = True
with socketserver.TCPServer(("127.0.0.1", 0), H) as s:
    open("port", "w").write(str(s.server_address[1]))
    s.serve_forever()
PY
: > requests.log
"$py" server.py 2> server.err &
server=$!
trap 'kill $server 2>/dev/null' EXIT
n=0
while [ ! -s port ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ -s port ] || { echo "the test server did not start"; cat server.err; exit 1; }
base="http://127.0.0.1:$(cat port)"

for f in hostile.yaml hostile-aws.json control.svg; do
    sed "s#@LEAK@#$base#g" "$src/$f" > "$f"
done
"$SGMAP" -q hostile.yaml -o design.svg || { echo "drawing hostile.yaml failed"; fail=1; }
"$SGMAP" -q --lint hostile.yaml -o lint.svg || { echo "render --lint failed"; fail=1; }
"$SGMAP" -q --from aws hostile-aws.json -o aws.svg || { echo "drawing hostile-aws.json failed"; fail=1; }
printf 'groups: {}\n' > empty.yaml
"$SGMAP" diff -q empty.yaml hostile.yaml; [ $? = 1 ] || { echo "diff did not see the change"; fail=1; }
"$SGMAP" diff empty.yaml hostile.yaml -o diff.svg; [ $? = 1 ] || { echo "diff drawing failed"; fail=1; }

# The attacks reach the drawings (as text; Graphviz writes '-' as &#45;),
# or the test would prove nothing.
for want in "design.svg leak-script" "design.svg leak-css" "design.svg leak-img" \
            "aws.svg leak-aws-rule" "aws.svg leak-aws-desc" "diff.svg leak-onload"; do
    set -- $want
    sed 's/&#45;/-/g' "$1" | grep -q "$2" || { echo "$1 does not hold the attack text $2"; fail=1; }
done

# Load a URL headless, let timers and scripts run, keep the final DOM.
load() {
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$PWD/profile-$2" --virtual-time-budget=3000 --dump-dom "$1" \
        > "dom-$2.html" 2> "browser-$2.err"
}

# Chromium and the server work, and the harness sees an attack: the
# control must run its script and make its request.
load "$base/control.svg" control
grep -q '<pwned' dom-control.html && grep -q 'leak-control' requests.log || {
    echo "the harness does not detect a live script (control.svg); cannot judge sgmap's SVGs"
    tail -5 browser-control.err
    exit 1
}
: > requests.log
for svg in design lint aws diff; do
    [ -s $svg.svg ] || continue
    printf '<!DOCTYPE html><html><body><object data="%s.svg" type="image/svg+xml"></object>' "$svg" > page-$svg.html
    printf '<img src="%s.svg"></body></html>\n' "$svg" >> page-$svg.html
    load "$base/$svg.svg" "$svg"
    load "$base/page-$svg.html" "page-$svg"
    grep -q '<svg' "dom-$svg.html" || { echo "$svg.svg did not load as an SVG document"; fail=1; }
    for dom in "dom-$svg.html" "dom-page-$svg.html"; do
        if grep -q '<pwned' "$dom"; then echo "a script ran in $dom"; fail=1; fi
    done
done
if grep -q leak requests.log; then
    echo "requests left the page:"
    grep leak requests.log | sort -u
    fail=1
fi
exit $fail
