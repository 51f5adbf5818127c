#!/bin/sh
# sgmap-collect - write every AWS CLI response sgmap reads, for one or more
# regions of one account, into a folder that `sgmap DIR` draws.
#
# A POSIX shell script around the AWS CLI (version 2): one JSON file per
# response, named after the command that made it (ec2-describe-vpcs.json),
# with the CLI's own pagination (all pages merged into one response). One
# region's files go straight into DIR; several regions' into DIR/REGION/.
# It reads credentials only through the CLI and writes none: no file holds
# the output of sts or the CLI's configuration. The Makefile puts the
# version in place of @VERSION@.
set -u
set -f # no file name patterns: ARNs and names are only split into words

VERSION='@VERSION@'
me=sgmap-collect

usage() {
    cat <<USAGE
usage: $me [--profile NAME] [--region REGION]... -o DIR

Write every AWS CLI response sgmap reads for one account into DIR, so that
'sgmap DIR' draws it: security groups, network interfaces, instances, VPCs,
subnets, managed prefix lists and their entries, VPC endpoints, stale
security groups, network ACLs, route tables, internet gateways, load
balancers, Lambda functions, ECS services and tasks, RDS, ElastiCache and
EKS clusters. Needs the AWS CLI (version 2) with credentials for the account.

options:
  -o, --output DIR      the folder to write (created when missing)
      --profile NAME    the AWS CLI profile to use (default: the CLI's)
      --region REGION   a region to collect (repeatable; default: the
                        profile's region); several go into DIR/REGION/
  -q, --quiet           no progress on standard error
  -h, --help            show this help
  -V, --version         show the version

exit status: 0 every response written, 1 some calls failed (the others
were written), 2 usage error, 4 no AWS CLI, no credentials or no folder
USAGE
}

say() { [ "$quiet" = 1 ] || printf '%s: %s\n' "$me" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$me" "$*" >&2; }
die() { # status message
    status=$1
    shift
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit "$status"
}
usage_error() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    printf "try '%s --help'\n" "$me" >&2
    exit 2
}

# ==== Options ====

profile='' regions='' out='' quiet=0
while [ $# -gt 0 ]; do
    case $1 in
    -o | --output | --profile | --region)
        [ $# -ge 2 ] || usage_error "option '$1' needs a value"
        opt=$1 val=$2
        shift 2 ;;
    --output=* | --profile=* | --region=*)
        opt=${1%%=*} val=${1#*=}
        shift ;;
    -o?*)
        opt=-o val=${1#-o}
        shift ;;
    -q | --quiet) quiet=1; shift; continue ;;
    -h | --help) usage; exit 0 ;;
    -V | --version) echo "$me $VERSION"; exit 0 ;;
    --) shift; break ;;
    -*) usage_error "unknown option '$1'" ;;
    *) break ;;
    esac
    case $opt in
    -o | --output) out=$val ;;
    --profile)
        case $val in
        '' | *[!A-Za-z0-9_.@+=,-]*) usage_error "--profile takes a profile name, not '$val'" ;;
        esac
        profile=$val ;;
    --region)
        case $val in
        '' | *[!a-z0-9-]*) usage_error "--region takes a region such as eu-west-1, not '$val'" ;;
        esac
        case " $regions " in *" $val "*) ;; *) regions="$regions $val" ;; esac ;;
    esac
done
[ $# -eq 0 ] || usage_error "unexpected argument '$1'"
[ -n "$out" ] || usage_error "no output folder given (-o DIR)"

# ==== The AWS CLI ====

command -v aws > /dev/null 2>&1 ||
    die 4 "the AWS CLI (aws) is not on PATH; install AWS CLI version 2"
# No pager, whatever the user's configuration says.
AWS_PAGER=
export AWS_PAGER
case $(aws --version 2>&1) in
aws-cli/2.*) ;;
*) warn "expected AWS CLI version 2, found: $(aws --version 2>&1 | head -n 1)" ;;
esac

errfile=$(mktemp) || die 4 "cannot make a temporary file"
tmpfile=
trap 'rm -f "$errfile" ${tmpfile:+"$tmpfile"}' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run the CLI with the chosen profile (and $region, when set).
awscli() {
    if [ -n "$profile" ]; then
        set -- --profile "$profile" "$@"
    fi
    if [ -n "${region:-}" ]; then
        set -- --region "$region" "$@"
    fi
    aws "$@"
}

# The CLI's first line of complaint, for a message.
cli_error() {
    sed -n '/[^[:space:]]/{p;q;}' "$errfile"
}

awscli sts get-caller-identity --output json > /dev/null 2> "$errfile" ||
    die 4 "the AWS CLI has no working credentials${profile:+ for profile $profile}: $(cli_error)"

# The CLI's own region: its environment, else the profile's configuration.
if [ -z "$regions" ]; then
    regions=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
    [ -n "$regions" ] || regions=$(awscli configure get region 2> /dev/null)
    [ -n "$regions" ] ||
        usage_error "no region: give --region, or set one for the profile (aws configure)"
    case $regions in
    *[!a-z0-9-]*) usage_error "the configured region '$regions' is not a region name" ;;
    esac
fi

mkdir -p -- "$out" 2> "$errfile" || die 4 "cannot make the folder '$out': $(cli_error)"

# ==== Collecting ====

failed=0

# save NAME COMMAND...: run the CLI command with JSON output into
# $dir/NAME.json, through a temporary file so that a failed call leaves no
# file behind.
save() {
    name=$1
    shift
    tmpfile=$dir/.$name.json.tmp
    if awscli "$@" --output json > "$tmpfile" 2> "$errfile" && [ -s "$tmpfile" ]; then
        mv -f -- "$tmpfile" "$dir/$name.json" || die 4 "cannot write '$dir/$name.json'"
        tmpfile=
        count=$((count + 1))
        return 0
    fi
    rm -f -- "$tmpfile"
    tmpfile=
    warn "${region}: aws $1 $2 failed: $(cli_error)"
    failed=1
    return 1
}

# list COMMAND... --query Q: set $words to the listed words, one per line
# (the CLI prints text output as tab-separated words, a line per page).
# Returns 1, after a warning, when the call fails.
list() {
    if words=$(awscli "$@" --output text 2> "$errfile"); then
        words=$(printf '%s\n' "$words" | tr '\t' '\n' | sed '/^$/d; /^None$/d')
        return 0
    fi
    words=
    warn "${region}: aws $1 $2 failed: $(cli_error)"
    failed=1
    return 1
}

# A name made safe for a file name.
file_part() {
    printf '%s' "$1" | sed 's#^.*[:/]##; s/[^A-Za-z0-9._-]/_/g'
}

collect_region() {
    count=0
    say "collecting $region into $dir"

    save ec2-describe-security-groups ec2 describe-security-groups
    save ec2-describe-network-interfaces ec2 describe-network-interfaces
    save ec2-describe-instances ec2 describe-instances
    save ec2-describe-vpcs ec2 describe-vpcs
    save ec2-describe-subnets ec2 describe-subnets
    save ec2-describe-vpc-endpoints ec2 describe-vpc-endpoints
    save ec2-describe-network-acls ec2 describe-network-acls
    save ec2-describe-route-tables ec2 describe-route-tables
    save ec2-describe-internet-gateways ec2 describe-internet-gateways
    save ec2-describe-egress-only-internet-gateways ec2 describe-egress-only-internet-gateways
    save ec2-describe-addresses ec2 describe-addresses
    if save ec2-describe-managed-prefix-lists ec2 describe-managed-prefix-lists &&
        list ec2 describe-managed-prefix-lists --query 'PrefixLists[].PrefixListId'; then
        for pl in $words; do
            save "ec2-get-managed-prefix-list-entries-$(file_part "$pl")" \
                ec2 get-managed-prefix-list-entries --prefix-list-id "$pl"
        done
    fi
    if list ec2 describe-vpcs --query 'Vpcs[].VpcId'; then
        for vpc in $words; do
            save "ec2-describe-stale-security-groups-$(file_part "$vpc")" \
                ec2 describe-stale-security-groups --vpc-id "$vpc"
        done
    fi

    save elbv2-describe-load-balancers elbv2 describe-load-balancers
    save elb-describe-load-balancers elb describe-load-balancers
    save lambda-list-functions lambda list-functions
    save rds-describe-db-instances rds describe-db-instances
    save rds-describe-db-clusters rds describe-db-clusters
    save elasticache-describe-cache-clusters elasticache describe-cache-clusters
    save elasticache-describe-replication-groups elasticache describe-replication-groups

    # ECS: every cluster's services (10 a call) and tasks (100 a call).
    if list ecs list-clusters --query 'clusterArns[]'; then
        for cluster in $words; do
            c=$(file_part "$cluster")
            # shellcheck disable=SC2086
            list ecs list-services --cluster "$cluster" --query 'serviceArns[]' &&
                ecs_batches services 10 "$cluster" "ecs-describe-services-$c" $words
            # shellcheck disable=SC2086
            list ecs list-tasks --cluster "$cluster" --query 'taskArns[]' &&
                ecs_batches tasks 100 "$cluster" "ecs-describe-tasks-$c" $words
        done
    fi

    # EKS: each cluster's security groups and VPC.
    if list eks list-clusters --query 'clusters[]'; then
        for name in $words; do
            save "eks-describe-cluster-$(file_part "$name")" eks describe-cluster --name "$name"
        done
    fi
    say "$region: $count files"
}

# ecs_batches WHAT SIZE CLUSTER NAME ARN...: describe-WHAT in batches of
# SIZE, into NAME.json, NAME-2.json ...
ecs_batches() {
    what=$1 size=$2 cluster=$3 base=$4
    shift 4
    part=1
    while [ $# -gt 0 ]; do
        batch=
        n=0
        while [ $# -gt 0 ] && [ $n -lt "$size" ]; do
            batch="$batch $1"
            n=$((n + 1))
            shift
        done
        suffix=
        [ $part -gt 1 ] && suffix=-$part
        # shellcheck disable=SC2086
        save "$base$suffix" ecs "describe-$what" --cluster "$cluster" --"$what" $batch
        part=$((part + 1))
    done
}

# shellcheck disable=SC2086
set -- $regions
for region in "$@"; do
    if [ $# -gt 1 ]; then
        dir=$out/$region
        mkdir -p -- "$dir" 2> "$errfile" || die 4 "cannot make the folder '$dir': $(cli_error)"
    else
        dir=$out
    fi
    collect_region
done
exit $failed
