#!/bin/sh
# tests/fuzz/seeds.sh - collect the seed corpus of one fuzz target.
#
# usage: sh tests/fuzz/seeds.sh TARGET DIR
#
# Copies into DIR (created) the inputs that target should start from: for
# the importers, every tests/cases/**/input* and stdin file, the samples and
# the files of ../shared/corpus (each under 1 MiB; inputs of other formats
# are kept too, since detection and cross-format confusion are worth
# exploring); for hcl, the *.tf and *.tf.json files of tests/hcl and of
# ../shared/corpus/terraform-hcl; for ports, every "ports:" label found in
# the design inputs plus a fixed list, one label per file. Seeds are named by checksum so
# that the same file is copied once. Nothing large is committed: the corpus
# lives in a temporary or build directory.
set -eu
target=${1:?usage: seeds.sh TARGET DIR}
dir=${2:?usage: seeds.sh TARGET DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/../shared" 2>/dev/null && pwd || echo "$root/../shared")
mkdir -p "$dir"

add_file() {
    [ -f "$1" ] || return 0
    [ "$(wc -c < "$1")" -le 1048576 ] || return 0
    sum=$(cksum < "$1" | tr ' ' '-')
    cp "$1" "$dir/seed-$sum"
}

add_text() {
    printf '%s' "$1" > "$dir/tmp.seed"
    add_file "$dir/tmp.seed"
    rm -f "$dir/tmp.seed"
}

if [ "$target" = ports ]; then
    for l in all tcp/443 udp/53 tcp/1024-65535 tcp/all icmp/all icmpv6/all icmp/8 \
             icmp/3:4 esp ah gre sctp proto-99 proto-255 TCP/80 6/22 tcp/0-65535 \
             tcp/65535-0 tcp/99999 icmp/-1 icmp/256:1 proto--1 tcp/ 'tcp/1-2-3'; do
        add_text "$l"
    done
    for a in "tcp 443 443" "6 0 65535" "-1" "all" "icmp -1 -1" "58 8 0" "50 1 2" \
             "udp 99999999999 -5" "17"; do
        printf 'x\0%s' "$a" > "$dir/tmp.seed"
        add_file "$dir/tmp.seed"
        rm -f "$dir/tmp.seed"
    done
    find "$root/tests/cases" "$root/samples" -type f \( -name 'input*' -o -name '*.yaml' \) |
        xargs grep -ho 'ports: *[^#]*' 2>/dev/null | sed 's/ports: *//; s/[][,]/ /g' |
        tr ' ' '\n' | grep -v '^$' | sort -u | while read -r l; do add_text "$l"; done
    exit 0
fi

if [ "$target" = hcl ]; then
    # Configurations: the HCL reader's cases, and the public module's files.
    find "$root/tests/hcl" "$shared/corpus/terraform-hcl" -type f \( -name '*.tf' \
        -o -name '*.tf.json' \) 2>/dev/null | sort | while read -r f; do add_file "$f"; done
    exit 0
fi

find "$root/tests/cases" -type f \( -name 'input*' -o -name stdin \) | sort |
    while read -r f; do add_file "$f"; done
find "$root/samples" -type f | sort | while read -r f; do add_file "$f"; done
if [ -d "$shared/corpus" ]; then
    find "$shared/corpus" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \
        -o -name '*.tfstate' -o -name '*.txt' -o -name '*.template' \) | sort |
        while read -r f; do add_file "$f"; done
fi
