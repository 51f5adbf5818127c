# sgmap-collect against a stub `aws` on PATH (tests/collect/aws) that serves
# recorded responses of one small account (tests/collect/recorded, in the
# shapes of the AWS CLI's own examples): it writes every response, unchanged,
# one file each; with several regions one folder each; it passes --profile
# and --region to every call, leaves pagination to the CLI and keeps to
# ECS's batch limits; a failed call is a warning and leaves no file; a
# missing CLI, missing credentials and usage errors are clear messages with
# their exit statuses; nothing it writes holds credentials; and sgmap draws
# the folder.
set -u
# The runner shares one folder among the scripts: work in one of our own.
cd "$(mktemp -d ./collect.XXXXXX)" || exit 1
collect="$(dirname "$SGMAP")/sgmap-collect"
[ -x "$collect" ] || { echo "no $collect (make builds it)"; exit 1; }
stubdir="$TESTS/collect"
STUB_RESPONSES="$stubdir/recorded"
STUB_LOG="$PWD/calls.log"
export STUB_RESPONSES STUB_LOG
# Credentials the CLI would read from the environment: none may be written.
AWS_ACCESS_KEY_ID=AKIASTUBKEYID0000000
AWS_SECRET_ACCESS_KEY=stub/secret/key/that/must/not/leak0000
AWS_SESSION_TOKEN=stubsessiontoken0000
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION STUB_FAIL STUB_REGION STUB_NO_CREDENTIALS
fail=0
bad() { echo "$*"; fail=1; }
run() { # expected-status args...: run the collector with the stub first on PATH
    want=$1
    shift
    : > "$STUB_LOG"
    PATH="$stubdir:$PATH" "$collect" "$@" > out.txt 2> err.txt
    got=$?
    [ "$got" = "$want" ] || { bad "sgmap-collect $*: exit status $got, expected $want:"; cat err.txt; }
}
# The recorded responses a collection must write, by name.
(cd "$STUB_RESPONSES" && ls ./*.json | sed 's#^\./##') > want.txt
# check_folder DIR: every response, byte for byte, and nothing else.
check_folder() {
    (cd "$1" && ls -A) > got.txt
    diff -u want.txt got.txt > diff.txt || { bad "$1 does not hold the responses:"; cat diff.txt; }
    while read -r f; do
        [ ! -f "$1/$f" ] || cmp -s "$STUB_RESPONSES/$f" "$1/$f" || bad "$1/$f differs from the response"
    done < want.txt
}
no_secrets() {
    if grep -rlE "AKIASTUB|stub/secret|stubsession|AIDASTUBCALLER|user/stub-caller" "$1"; then
        bad "credentials or the caller's identity were written into $1"
    fi
}

# One region, the CLI's own: its files straight into the folder.
run 0 -o one
check_folder one
no_secrets one
grep -q "collecting eu-west-1 into one" err.txt || bad "no progress line: $(cat err.txt)"
grep -v -e '^--version$' -e '^sts ' -e '^configure get region$' "$STUB_LOG" |
    grep -v -- '--region eu-west-1 ' && bad "calls without --region eu-west-1 (above)"
grep -q -- '--profile' "$STUB_LOG" && bad "--profile passed though none was given"
# ECS: 12 services in batches of 10 and 2.
grep 'ecs describe-services' "$STUB_LOG" |
    awk '{ n = 0; for (i = 1; i <= NF; i++) n += $i ~ /:service\//; print n }' > batches.txt
[ "$(tr '\n' ' ' < batches.txt)" = "10 2 " ] ||
    bad "describe-services not called with 10 then 2 services: $(cat batches.txt)"

# sgmap draws the whole folder: five groups, seven interfaces, the rules
# between, and the network context (route tables, network ACLs, internet
# gateways). The responses it does not use (EKS's camelCase describe-cluster)
# are skipped with a note.
"$SGMAP" -f json one > drawing.json 2> sgmap-err.txt || { bad "sgmap cannot draw the folder:"; cat sgmap-err.txt; }
grep -q "one/eks-describe-cluster-game-eks.json: note: skipped: " sgmap-err.txt ||
    bad "the EKS response is not noted as skipped: $(cat sgmap-err.txt)"
grep -q "error" sgmap-err.txt && bad "the folder gave errors: $(cat sgmap-err.txt)"
for id in sg-0a1b2c3d4e5f70001 sg-0a1b2c3d4e5f70002 sg-0a1b2c3d4e5f70003 \
          sg-0a1b2c3d4e5f70004 sg-0a1b2c3d4e5f70005 eni-0a1b2c3d4e5fa0006 pl-0a1b2c3d4e5f80001; do
    grep -q "\"$id\"" drawing.json || bad "the drawing lacks $id"
done
jq -e '.network.gateways | length == 1' drawing.json >/dev/null ||
    bad "the drawing lacks the network context"
"$SGMAP" -q one -o drawing.svg || bad "sgmap cannot draw the folder as SVG"
grep -q 'matchmaker' drawing.svg || bad "the SVG lacks the ECS service"

# Two regions and a profile: a folder each, the profile on every call.
run 0 --profile prod --region eu-west-1 --region=us-east-1 -q -o two
[ -s err.txt ] && bad "-q still wrote: $(cat err.txt)"
check_folder two/eu-west-1
check_folder two/us-east-1
[ "$(ls two)" = "$(printf 'eu-west-1\nus-east-1')" ] || bad "two/ holds more than the regions: $(ls two)"
grep -v -e '^--version$' "$STUB_LOG" | grep -v -- '--profile prod' && bad "calls without --profile (above)"
grep -c -- '--region us-east-1 .*ec2 describe-security-groups' "$STUB_LOG" | grep -qx 1 ||
    bad "us-east-1 not collected once"

# A call the credentials may not make: a warning, no file, the rest written.
STUB_FAIL="lambda-list-functions" run 1 -o partial
grep -q "warning: eu-west-1: aws lambda list-functions failed: An error occurred (AccessDeniedException)" err.txt ||
    bad "no warning for the failed call: $(cat err.txt)"
[ -e partial/lambda-list-functions.json ] && bad "a failed call left a file"
ls -A partial | grep -q 'tmp' && bad "a temporary file was left: $(ls -A partial)"
[ -s partial/ec2-describe-security-groups.json ] || bad "the other responses were not written"

# No credentials, no CLI, no region: clear messages, nothing written.
STUB_NO_CREDENTIALS=1 run 4 -o nocreds
grep -q "error: the AWS CLI has no working credentials: Unable to locate credentials" err.txt ||
    bad "no clear message without credentials: $(cat err.txt)"
[ -e nocreds ] && bad "a folder was made without credentials"
mkdir -p noaws
for t in sh sed tr mktemp mkdir mv rm cat head; do
    ln -sf "$(command -v $t)" noaws/$t
done
PATH="$PWD/noaws" "$collect" -o nocli > out.txt 2> err.txt
[ $? = 4 ] || bad "without aws: exit status not 4"
grep -q "error: the AWS CLI (aws) is not on PATH" err.txt || bad "no clear message without aws: $(cat err.txt)"
STUB_REGION= run 2 -o noregion
grep -q "error: no region: give --region" err.txt || bad "no clear message without a region: $(cat err.txt)"
# The CLI's region variable wins over the configured one, as in the CLI.
AWS_REGION=ap-south-1 run 0 -q -o envregion
grep -q -- '--region ap-south-1 ec2 describe-security-groups' "$STUB_LOG" || bad "AWS_REGION not used"

# Usage errors.
run 2 --region eu-west-1
grep -q "error: no output folder given" err.txt || bad "no message without -o"
run 2 --regoin eu-west-1 -o x
grep -q "error: unknown option '--regoin'" err.txt || bad "unknown option not reported"
run 2 --region 'eu-west-1;touch pwned' -o x
[ -e pwned ] && bad "a region ran a command"
run 2 --profile '$(touch pwned)' -o x
[ -e pwned ] && bad "a profile ran a command"
run 0 --help
grep -q '^usage: sgmap-collect' out.txt || bad "--help has no usage line"
run 0 --version
grep -qx "sgmap-collect $("$SGMAP" --version | sed -n '1s/^sgmap //p')" out.txt ||
    bad "--version is not sgmap's: $(cat out.txt)"
exit $fail
