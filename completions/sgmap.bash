# bash completion for sgmap and sgmap-collect.
#
# Installed as .../bash-completion/completions/sgmap (and sgmap-collect, a
# link to it). Needs only bash: it works with or without the
# bash-completion package. tests/scripts/completions.sh checks that every
# option of every verb's --help, every format, --from value, --egress mode,
# --fail-on level and check id is offered here, and nothing else.

# The words sgmap takes, one list per verb.
_sgmap_verbs='render lint diff reach'
_sgmap_render_opts='-o --output -f --format --from --var --var-file --theme --detail --no-collapse --rules --egress --vpc
    --group --depth --exclude --hide-cidrs --merge-cidrs --lint --notes --no-notes --highlight --split --scale -q --quiet -h --help
    -V --version'
_sgmap_lint_opts='-o --output -f --format --from --var --var-file --fail-on --disable --enable
    --list-checks -q --quiet -h --help'
_sgmap_diff_opts='-o --output -f --format --from --var --var-file --theme --detail --no-collapse --rules --egress --vpc
    --hide-cidrs --merge-cidrs -q --quiet -h --help'
_sgmap_reach_opts='--from --to --port --expect-none -o --output -f --format --input-format --var --var-file
    -q --quiet -h --help'
_sgmap_render_formats='dot svg png pdf json mermaid view drawio html'
_sgmap_lint_formats='text json sarif'
_sgmap_diff_formats='dot svg png pdf json markdown mermaid view drawio html'
_sgmap_reach_formats='text json markdown dot svg png pdf view'
_sgmap_from='aws terraform terraform-source cloudformation design'
_sgmap_egress='default all none'
_sgmap_details='interfaces regions groups auto'
_sgmap_themes='default mono'
_sgmap_levels='error warning note'
_sgmap_collect_opts='--profile --region -o --output -q --quiet -h --help -V --version'

# COMPREPLY = the words of $1 that start with $2.
_sgmap_words()
{
    local IFS=$' \t\n'
    # shellcheck disable=SC2207
    COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# COMPREPLY = file (or, with -d, directory) names that start with $2.
_sgmap_files()
{
    compopt -o filenames 2> /dev/null
    if [ "$1" = -d ]; then
        mapfile -t COMPREPLY < <(compgen -d -- "$2")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$2")
    fi
}

# The current word and the option before it; "--format=sv" is split by
# bash into "--format" "=" "sv".
_sgmap_context()
{
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    if [ "$prev" = = ] && [ "$COMP_CWORD" -gt 1 ]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [ "$cur" = = ]; then
        cur=
    fi
}

_sgmap()
{
    local cur prev verb=render
    _sgmap_context
    # A verb is the first word; without one, sgmap renders.
    if [ "$COMP_CWORD" -gt 1 ]; then
        case ${COMP_WORDS[1]} in
        render | lint | diff | reach) verb=${COMP_WORDS[1]} ;;
        esac
    fi
    case $prev in
    -f | --format)
        local formats=_sgmap_${verb}_formats
        _sgmap_words "${!formats}" "$cur"
        return ;;
    --from)
        # reach's --from is an end (a group, an address...), not a format.
        if [ $verb = reach ]; then COMPREPLY=(); else _sgmap_words "$_sgmap_from" "$cur"; fi
        return ;;
    --input-format) _sgmap_words "$_sgmap_from" "$cur"; return ;;
    --egress) _sgmap_words "$_sgmap_egress" "$cur"; return ;;
    --detail) _sgmap_words "$_sgmap_details" "$cur"; return ;;
    --fail-on) _sgmap_words "$_sgmap_levels" "$cur"; return ;;
    --theme)
        _sgmap_files "" "$cur"
        local IFS=$' \t\n'
        # shellcheck disable=SC2207
        COMPREPLY+=($(compgen -W "$_sgmap_themes" -- "$cur"))
        return ;;
    --disable | --enable)
        # The check ids, from the sgmap being completed.
        _sgmap_words "all $("${COMP_WORDS[0]}" lint --list-checks 2> /dev/null |
            while read -r id _; do printf '%s ' "$id"; done)" "$cur"
        return ;;
    -o | --output | --var-file) _sgmap_files "" "$cur"; return ;;
    --vpc | --group | --exclude | --depth | --var | --highlight) COMPREPLY=(); return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts=_sgmap_${verb}_opts
        _sgmap_words "${!opts}" "$cur"
        return
    fi
    _sgmap_files "" "$cur"
    if [ "$COMP_CWORD" = 1 ]; then
        local IFS=$' \t\n'
        # shellcheck disable=SC2207
        COMPREPLY+=($(compgen -W "$_sgmap_verbs" -- "$cur"))
    fi
}

_sgmap_collect()
{
    local cur prev
    _sgmap_context
    case $prev in
    --profile)
        # The profiles of the AWS CLI's configuration, if any.
        _sgmap_words "$(sed -n 's/^\[profile \(.*\)\]$/\1/p; s/^\[\(default\)\]$/\1/p' \
            "${AWS_CONFIG_FILE:-$HOME/.aws/config}" 2> /dev/null)" "$cur"
        return ;;
    --region) COMPREPLY=(); return ;;
    -o | --output) _sgmap_files -d "$cur"; return ;;
    esac
    if [[ $cur == -* ]]; then
        _sgmap_words "$_sgmap_collect_opts" "$cur"
    else
        COMPREPLY=()
    fi
}

complete -F _sgmap sgmap
complete -F _sgmap_collect sgmap-collect
