#!/bin/sh
# action/install.sh - the action's first step: make sgmap available.
#   INPUT_INSTALL=build  build it from the action's own source (ACTION_PATH):
#                        make deps (the Debian packages, with sudo when not
#                        root), make, and put the folder on $GITHUB_PATH;
#   INPUT_INSTALL=path   use the sgmap already on PATH.
# Either way it prints the version it will run.
set -eu
say() { printf 'sgmap action: %s\n' "$*" >&2; }
case "${INPUT_INSTALL:-build}" in
build)
    : "${ACTION_PATH:?ACTION_PATH must name the folder of the action}"
    make -C "$ACTION_PATH" deps
    make -C "$ACTION_PATH" -j2
    # Later steps find it on PATH; this one too.
    if [ -n "${GITHUB_PATH:-}" ]; then
        printf '%s\n' "$ACTION_PATH" >> "$GITHUB_PATH"
    fi
    PATH=$ACTION_PATH:$PATH
    ;;
path) ;;
*)
    say "error: install is build or path, not '${INPUT_INSTALL}'"
    exit 2
    ;;
esac
command -v sgmap >/dev/null 2>&1 || { say "error: no sgmap on PATH"; exit 4; }
sgmap --version
