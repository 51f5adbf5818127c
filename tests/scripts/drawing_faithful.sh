#!/bin/sh
# drawing_faithful.sh - the drawing tells what the model says, on every
# input of the shared corpus and every sample. From -f json (the model)
# and -f view (the drawing as data):
#   - every interface is drawn once, and its drawn groups (the groups of the
#     clusters around its node and its badges) are its groups;
#   - the groups of one cluster have the same members, a cluster sits
#     inside another only when its members are a strict subset of the
#     other's, and no two clusters have the same non-empty members;
#   - with --egress all every rule is carried by an edge or a cluster's (or
#     crossing group's) self rules, and with --rules --egress all by
#     exactly one;
#   - the DOT nests clusters and nodes as the view dump says;
#   - at the group level (--detail groups) every group is in one box, each
#     box's member count and counts by kind are its groups' in the model,
#     and every rule is carried by an edge or a box's self rules.
# Inputs sgmap refuses (exit 3) are skipped; any other failure fails.
set -u
: "${SGMAP:?}" "${SHARED:?}" "${TESTS:?}"
command -v jq >/dev/null 2>&1 || { echo "jq is not installed"; exit 77; }
C=$SHARED/corpus
[ -d "$C" ] || { echo "no shared corpus"; exit 77; }
fail=0
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The facts, on {"json": MODEL, "view": VIEW}: each failure as a line.
cat >"$tmp/facts.jq" <<'EOF'
.json as $j | .view as $v
| ($j.groups | map({(.id): (.members | sort)}) | add // {}) as $mem
| ($v.clusters | map({(.id): .}) | add // {}) as $cl
| def around($c): if $c == null then [] else $cl[$c].groups + around($cl[$c].parent) end;
  def members($c): $mem[$cl[$c].groups[0]];
  ($j.interfaces | map({(.id): (.groups | sort)}) | add // {}) as $model
| ([$v.nodes[] | select(.interfaces) | (around(.cluster) + .badges | sort) as $drawn
    | .interfaces[] | select($model[.] != $drawn)
    | "interface \(.) is drawn in \($drawn), its groups are \($model[.])"]
   + ([$v.nodes[] | .interfaces // [] | .[]] | sort) as $drawnifs
     | (if $drawnifs != ($model | keys) then ["interfaces drawn \($drawnifs | length) times for \($model | length)"] else [] end)
   + [$v.clusters[] | select([.groups[] | $mem[.]] | unique | length > 1)
      | "cluster \(.id) stands for groups with different members"]
   + [$v.clusters[] | select(.parent != null)
      | select((members(.id) - members(.parent)) != [] or (members(.id) | length) >= (members(.parent) | length))
      | "cluster \(.id) is inside \(.parent) but its members are no strict subset"]
   + [$v.clusters | map(select(members(.id) != [])) | group_by(members(.id))[] | select(length > 1)
      | "clusters \(map(.id)) have the same members"])
| .[]
EOF

# The group level's facts, on {"json": MODEL, "view": VIEW}.
cat >"$tmp/gfacts.jq" <<'EOF'
.json as $j | .view as $v
| ($j.interfaces | map({(.id): .kind}) | add // {}) as $kind
| ($j.groups | map({(.id): .}) | add // {}) as $g
| ([$v.nodes[] | select(.groups) | . as $n | $g[$n.groups[0]] as $grp
    | ($grp.members | map($kind[.]) | group_by(.) | map({(.[0]): length}) | add // {}) as $want
    | select($n.members != ($grp.members | length) or $n.kinds != $want)
    | "box \($n.id) counts \($n.members) \($n.kinds), the model \($grp.members | length) \($want)"]
   + ([$v.nodes[] | select(.groups) | .groups[]] | sort) as $boxed
     | (if $boxed != ($j.groups | map(.id) | sort) then ["the boxes hold \($boxed | length) groups of \($j.groups | length)"] else [] end)
   + (if $v.clusters != [] or [$v.nodes[] | select(.interfaces)] != [] then ["clusters or interfaces at the group level"] else [] end))
| .[]
EOF

# Rule counts: how many edges and self marks carry each rule of -f json.
cat >"$tmp/rules.jq" <<'EOF'
.json.rules as $r | .view as $v
| ([$v.edges[].rules[], $v.clusters[].rules[], ($v.nodes[] | select(.groups) | .rules[])]
   | group_by(.) | map({key: (.[0] | tostring), value: length}) | from_entries) as $count
| [range(0; $r | length) | {rule: ., n: ($count[tostring] // 0)}]
EOF

# Each cluster's and node's innermost enclosing cluster (c-) and frame
# (v-) in the DOT, as "ID CLUSTER FRAME" lines ("-" for none).
dot_nesting() {
    awk '
    /^\t*subgraph cluster/ { depth++; sid[depth] = ""; next }
    /^\t*id="/ && depth > 0 && sid[depth] == "" {
        match($0, /id="[^"]*"/); id = substr($0, RSTART + 4, RLENGTH - 5); sid[depth] = id
        cl = "-"; fr = "-"
        for (i = depth - 1; i >= 1; i--) {
            if (cl == "-" && sid[i] ~ /^c-/) cl = sid[i]
            if (fr == "-" && sid[i] ~ /^v-/) fr = sid[i]
        }
        if (id ~ /^c-/) print id, cl, fr
        next
    }
    /^\t*n[0-9]+ \[id="/ {
        match($0, /id="[^"]*"/); id = substr($0, RSTART + 4, RLENGTH - 5)
        cl = "-"; fr = "-"
        for (i = depth; i >= 1; i--) {
            if (cl == "-" && sid[i] ~ /^c-/) cl = sid[i]
            if (fr == "-" && sid[i] ~ /^v-/) fr = sid[i]
        }
        print id, cl, fr
        next
    }
    /^\t*}$/ { if (depth > 0) depth--; next }
    '
}

# reported WHAT: fail with the first lines of $tmp/out when it has any.
reported() {
    if [ -s "$tmp/out" ]; then
        echo "FAIL $1:"
        head -5 "$tmp/out" | sed 's/^/    /'
        fail=1
    fi
}

check() {
    f=$1
    "$SGMAP" -q -f json "$f" >"$tmp/json" 2>"$tmp/err"
    rc=$?
    [ $rc = 3 ] && return 0
    if [ $rc != 0 ]; then
        echo "FAIL $f: -f json exit status $rc"
        fail=1
        return 0
    fi
    n=$((n + 1))
    "$SGMAP" -q -f view --egress all "$f" >"$tmp/view" 2>/dev/null &&
        "$SGMAP" -q -f view --rules --egress all "$f" >"$tmp/rview" 2>/dev/null &&
        "$SGMAP" -q -f dot "$f" >"$tmp/dot" 2>/dev/null &&
        "$SGMAP" -q -f view "$f" >"$tmp/dview" 2>/dev/null &&
        "$SGMAP" -q -f view --detail groups --egress all "$f" >"$tmp/gview" 2>/dev/null || {
        echo "FAIL $f: a drawing failed"
        fail=1
        return 0
    }
    jq -n -r --slurpfile j "$tmp/json" --slurpfile v "$tmp/view" \
        '{json: $j[0], view: $v[0]}' | jq -r -f "$tmp/facts.jq" >"$tmp/out"
    reported "$f"
    jq -n --slurpfile j "$tmp/json" --slurpfile v "$tmp/view" '{json: $j[0], view: $v[0]}' |
        jq -r -f "$tmp/rules.jq" | jq -r '.[] | select(.n < 1) | "rule \(.rule) is on no edge"' \
            >"$tmp/out"
    jq -n --slurpfile j "$tmp/json" --slurpfile v "$tmp/rview" '{json: $j[0], view: $v[0]}' |
        jq -r -f "$tmp/rules.jq" |
        jq -r '.[] | select(.n != 1) | "--rules: rule \(.rule) is on \(.n) edges"' >>"$tmp/out"
    reported "$f"
    jq -n -r --slurpfile j "$tmp/json" --slurpfile v "$tmp/gview" \
        '{json: $j[0], view: $v[0]}' | jq -r -f "$tmp/gfacts.jq" >"$tmp/out"
    jq -n --slurpfile j "$tmp/json" --slurpfile v "$tmp/gview" '{json: $j[0], view: $v[0]}' |
        jq -r -f "$tmp/rules.jq" |
        jq -r '.[] | select(.n < 1) | "--detail groups: rule \(.rule) is on no edge"' >>"$tmp/out"
    reported "$f (--detail groups)"
    dot_nesting <"$tmp/dot" | sort >"$tmp/dotnest"
    jq -r '(.clusters[] | "\(.id) \(.parent // "-") \(.frame // "-")"),
           (.nodes[] | "\(.id) \(.cluster // "-") \(.frame // "-")")' "$tmp/dview" |
        sort >"$tmp/viewnest"
    if ! cmp -s "$tmp/dotnest" "$tmp/viewnest"; then
        echo "FAIL $f: the DOT nests otherwise than the view dump"
        diff "$tmp/viewnest" "$tmp/dotnest" | head -6 | sed 's/^/    /'
        fail=1
    fi
}

for f in $(find "$C" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \
    -o -name '*.tfstate' \) | sort) "$TESTS"/../samples/*.yaml; do
    check "$f"
done
[ "$n" -ge 40 ] || { echo "FAIL only $n inputs drawn"; fail=1; }
echo "$n inputs checked"

# The group-level overview (40 boxes or more) folds the arrows of hubs (a
# box or peer with more than 24): on 20 generated apps (102 groups; the
# shared bastion and monitoring groups are hubs, the internet is not), the
# facts above hold with --egress all, and
#   - an arrow is folded exactly when one of its ends has more than 24;
#   - a folded arrow is not drawn in the DOT, every other one is;
#   - the box at a folded arrow's other end writes it ("from HUB: PORTS" or
#     "to HUB: PORTS"), and a hub says how many of its arrows it folded.
cat >"$tmp/folds.jq" <<'EOF2'
.view as $v | .dot as $dot
| ($v.nodes | map({(.id): .}) | add) as $node
| ([$v.edges[] | .from, .to] | group_by(.) | map({(.[0]): length}) | add) as $deg
| def hub($id): $deg[$id] > 24;
  def name($id): $node[$id] | if .groups then .label else (.label // .peer.id) end;
  [$v.edges[] | select((.folded // false) != (hub(.from) or hub(.to)))
   | "edge \(.id) folded: \(.folded // false), its ends have \($deg[.from]) and \($deg[.to]) arrows"]
  + [$v.edges[] | ("id=\"" + .id + "\"") as $attr | ($dot | index($attr) != null) as $drawn
     | select((.folded // false) == $drawn)
     | "edge \(.id) folded: \(.folded // false), in the DOT: \($drawn)"]
  + [$v.edges[] | select(.folded and (hub(.to) | not))
     | .labels[0] as $l | select(($node[.to].folded // "") | contains("from ") and contains($l) | not)
     | "box \(.to) does not write the folded edge \(.id)"]
  + [$v.edges[] | select(.folded and (hub(.from) | not))
     | .labels[0] as $l | select(($node[.from].folded // "") | contains("to ") and contains($l) | not)
     | "box \(.from) does not write the folded edge \(.id)"]
  + [$v.nodes[] | select(hub(.id)) | . as $h
     | ([$v.edges[] | select(.folded and (.from == $h.id or .to == $h.id))] | length) as $k
     | select(($h.folded // "") | contains("\($k) arrows folded") | not)
     | "hub \($h.id) does not count its \($k) folded arrows"]
| .[]
EOF2
if command -v "${CC:-cc}" >/dev/null 2>&1 &&
    "${CC:-cc}" -O2 -std=c11 -o "$tmp/gen_apps" "$TESTS/bench/gen_apps.c" 2>/dev/null; then
    mkdir "$tmp/apps" && "$tmp/gen_apps" "$tmp/apps" 20 1 >/dev/null
    "$SGMAP" -q -f json "$tmp/apps" >"$tmp/json" &&
        "$SGMAP" -q -f view --detail groups --egress all "$tmp/apps" >"$tmp/gview" &&
        "$SGMAP" -q -f dot --detail groups --egress all "$tmp/apps" >"$tmp/gdot" || {
        echo "FAIL the overview of 20 apps could not be drawn"
        fail=1
    }
    jq -n -r --slurpfile j "$tmp/json" --slurpfile v "$tmp/gview" \
        '{json: $j[0], view: $v[0]}' | jq -r -f "$tmp/gfacts.jq" >"$tmp/out"
    jq -n --slurpfile j "$tmp/json" --slurpfile v "$tmp/gview" '{json: $j[0], view: $v[0]}' |
        jq -r -f "$tmp/rules.jq" |
        jq -r '.[] | select(.n < 1) | "rule \(.rule) is on no edge"' >>"$tmp/out"
    jq -n -r --slurpfile v "$tmp/gview" --rawfile d "$tmp/gdot" '{view: $v[0], dot: $d}' |
        jq -r -f "$tmp/folds.jq" >>"$tmp/out"
    [ "$(jq '[.edges[] | select(.folded)] | length' "$tmp/gview")" -gt 0 ] ||
        echo "no arrow folded" >>"$tmp/out"
    reported "the overview of 20 apps"
else
    echo "no C compiler: the overview of generated apps is not checked"
fi
exit $fail
