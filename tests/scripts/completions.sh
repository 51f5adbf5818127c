# The bash and zsh completions stay true to the command line: every option
# of `sgmap --help` and of `sgmap VERB --help` for each verb is offered
# for its verb and no other option is; the formats, --from values, --egress
# modes and --fail-on levels offered are the ones sgmap's own messages list
# as expected; the check ids are lint --list-checks'; verbs and files are
# offered. bash is driven for real (its completion function is called as
# bash would call it); zsh's file is checked by verb function, and parsed
# by zsh when zsh is installed.
set -u
# The runner shares one folder among the scripts: work in one of our own.
cd "$(mktemp -d ./completions.XXXXXX)" || exit 1
top="$TESTS/.."
bashfile="$top/completions/sgmap.bash"
zshfile="$top/completions/_sgmap"
for f in "$bashfile" "$zshfile"; do
    [ -f "$f" ] || { echo "missing $f"; exit 1; }
done
mkdir -p bin
ln -sf "$SGMAP" bin/sgmap
: > samples-input.yaml

# offered WORD... : what bash offers for the last word.
cat > complete.bash <<'BASH'
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
if [ "$1" = sgmap-collect ]; then _sgmap_collect; else _sgmap; fi
printf '%s\n' "${COMPREPLY[@]}" | sort -u
BASH
offered() {
    PATH="$PWD/bin:$PATH" bash --noprofile --norc complete.bash "$bashfile" "$@"
}

fail=0
same() { # what, expected-file, actual-file
    if ! diff -u "$2" "$3" > diff.txt; then
        echo "$1 differ (- sgmap, + completion):"
        cat diff.txt
        fail=1
    fi
}

# The values an error message lists: "(expected a, b or c)" -> a b c.
expected_values() {
    sed -n 's/.*(expected \([^)]*\)).*/\1/p' | sed 's/, / /g; s/ or / /g' |
        tr ' ' '\n' | sort -u
}

# The options in the _arguments specs of a zsh function (the lines that
# start with a quote): the words that start with - outside the [descriptions].
zsh_options() {
    grep -E "^[[:space:]]*'" "$1" | sed 's/\[[^]]*\]//g' |
        grep -oE -- "(^|[^a-zA-Z0-9-])(--[a-z][a-z-]+|-[a-zA-Z])" |
        sed 's/^[^-]*//' | sort -u
}

# Options, per verb: the ones --help lists, short and long.
for verb in render lint diff reach; do
    if [ $verb = render ]; then v=; else v=$verb; fi
    # shellcheck disable=SC2086
    "$SGMAP" $v --help > help.txt || { echo "sgmap $v --help failed"; exit 1; }
    sed -n '/^options:/,/^$/p' help.txt | grep -oE -- '(^|[ ,])-(-[a-z][a-z-]+|[a-zA-Z])' |
        sed 's/^[ ,]*//' | sort -u > want.txt
    [ -s want.txt ] || { echo "no options in sgmap $v --help"; exit 1; }
    if [ $verb = render ]; then
        offered sgmap - > got.txt
    else
        offered sgmap $verb - > got.txt
    fi
    same "bash: the options of '$verb'" want.txt got.txt
    # zsh: each option in the verb's function (or the shared drawing list).
    sed -n "/^_sgmap_$verb() {/,/^}/p" "$zshfile" > zfun.txt
    grep -q "_sgmap_drawing" zfun.txt && sed -n '/^_sgmap_drawing=(/,/^)/p' "$zshfile" >> zfun.txt
    zsh_options zfun.txt > zgot.txt
    same "zsh: the options of '$verb'" want.txt zgot.txt

    # Output formats: the ones an unknown -f lists.
    # shellcheck disable=SC2086
    "$SGMAP" $v -f '?' samples-input.yaml 2>&1 | expected_values > want.txt
    [ -s want.txt ] || { echo "no formats in the message of sgmap $v -f ?"; exit 1; }
    if [ $verb = render ]; then
        offered sgmap -f '' > got.txt
        offered sgmap --format = '' > got2.txt
        same "bash: --format= values" got.txt got2.txt
    else
        offered sgmap $verb -f '' > got.txt
    fi
    same "bash: the formats of '$verb'" want.txt got.txt
    grep -E "\{-f\+,--format=\}.*:format:\(" zfun.txt | sed 's/.*:format:(\([^)]*\)).*/\1/' |
        tr ' ' '\n' | sort -u > zgot.txt
    same "zsh: the formats of '$verb'" want.txt zgot.txt
done

# --from, --egress, --detail, --fail-on: the values their messages list.
"$SGMAP" --from '?' samples-input.yaml 2>&1 | expected_values > want.txt
offered sgmap --from '' > got.txt
same "bash: --from values" want.txt got.txt
offered sgmap lint --from '' > got.txt
same "bash: lint --from values" want.txt got.txt
offered sgmap reach --input-format '' > got.txt
same "bash: reach --input-format values" want.txt got.txt
# reach's --from and --to name ends (groups, addresses), not formats.
offered sgmap reach --from '' > got.txt
[ -s got.txt ] && [ "$(cat got.txt)" != "" ] && { echo "bash: reach --from offers formats"; fail=1; }
for z in "$(grep -c -- "--from=.*(aws terraform terraform-source cloudformation design)" "$zshfile")"; do
    [ "$z" = 2 ] || { echo "zsh: --from values not in both places"; fail=1; }
done
"$SGMAP" --from design --egress '?' samples-input.yaml 2>&1 | expected_values > want.txt
offered sgmap diff --egress '' > got.txt
same "bash: --egress modes" want.txt got.txt
grep -q -- "--egress=.*:(default all none)'" "$zshfile" || { echo "zsh: --egress modes"; fail=1; }
"$SGMAP" --from design --detail '?' samples-input.yaml 2>&1 | expected_values > want.txt
offered sgmap --detail '' > got.txt
same "bash: --detail levels" want.txt got.txt
grep -q -- "--detail=.*:(interfaces regions groups auto)'" "$zshfile" || { echo "zsh: --detail levels"; fail=1; }
"$SGMAP" lint --fail-on '?' samples-input.yaml 2>&1 | expected_values > want.txt
offered sgmap lint --fail-on '' > got.txt
same "bash: --fail-on levels" want.txt got.txt
grep -q -- "--fail-on=.*:(error warning note)'" "$zshfile" || { echo "zsh: --fail-on levels"; fail=1; }

# Check ids for --disable and --enable, from the sgmap on PATH.
{ echo all; "$SGMAP" lint --list-checks | cut -d' ' -f1; } | sort -u > want.txt
offered sgmap lint --disable '' > got.txt
same "bash: check ids" want.txt got.txt

# Verbs and files as the first word; files after options.
offered sgmap '' > got.txt
for w in render lint diff reach samples-input.yaml; do
    grep -qx "$w" got.txt || { echo "bash: '$w' not offered as the first word"; fail=1; }
done
offered sgmap lint samp > got.txt
grep -qx samples-input.yaml got.txt || { echo "bash: no file completion"; fail=1; }
offered sgmap -o samp > got.txt
grep -qx samples-input.yaml got.txt || { echo "bash: no file completion for -o"; fail=1; }

# sgmap-collect: its --help's options, and folders for -o.
collect="$(dirname "$SGMAP")/sgmap-collect"
if [ -f "$collect" ]; then
    "$collect" --help > help.txt || { echo "sgmap-collect --help failed"; exit 1; }
    grep -oE -- '(^|[ ,])-(-[a-z][a-z-]+|[a-zA-Z])' help.txt | sed 's/^[ ,]*//' |
        sort -u > want.txt
    offered sgmap-collect - > got.txt
    same "bash: the options of sgmap-collect" want.txt got.txt
    sed -n "/^_sgmap_collect() {/,/^}/p" "$zshfile" > zfun.txt
    zsh_options zfun.txt > zgot.txt
    same "zsh: the options of sgmap-collect" want.txt zgot.txt
fi

if command -v zsh > /dev/null; then
    zsh -n "$zshfile" || { echo "zsh cannot parse $zshfile"; fail=1; }
else
    echo "note: zsh is not installed; _sgmap was checked as text only"
fi
exit $fail
