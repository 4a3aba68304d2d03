#!/bin/sh
# The portfolio over N generated plans (tests/gen_plans.c) must agree with
# the advice on each plan: portfolio_check recomputes every count from the
# per-plan JSON of the same batch.  The text summary must fit 80 columns.
# Usage: check_portfolio.sh ATTRIB_ADVISE GEN_PLANS PORTFOLIO_CHECK WORK N
set -eu
aa=$1
gen=$2
check=$3
work=$4
n=$5
mkdir -p "$work"
cd "$work"
"$gen" "$n" 17 > batch.ndjson
# recount POINTER LEVEL: one summary, grouped by POINTER, failing at LEVEL.
recount() {
    status=0
    "$aa" portfolio --ndjson --format json --group-by "$1" --fail-on "$2" \
        batch.ndjson > summary.json 2> summary.stderr || status=$?
    "$aa" --ndjson --format json --fail-on "$2" batch.ndjson \
        > advice.ndjson 2> advice.stderr || true
    "$check" summary.json advice.ndjson batch.ndjson "$1" "$2" "$status"
}
recount /partner/types warning
recount /customer/agreement error
"$aa" portfolio --ndjson --group-by /partner/types batch.ndjson \
    > summary.text 2> /dev/null || true
awk 'length($0) > 80 { print "check_portfolio: line " NR " is " length($0) " columns: " $0; bad = 1 }
     END { exit bad }' summary.text
echo "check_portfolio: ok"
