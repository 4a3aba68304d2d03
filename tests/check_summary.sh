#!/bin/sh
# The summary format over N generated plans (tests/gen_plans.c) must agree
# with the full advice on each plan: it is made by a brief evaluation that
# leaves the words out (aa_eval_verdicts), and summary_check holds its
# verdicts and counts of active findings to the per-plan JSON of the same
# batch, with the plans' own suppressions, with --ignore, and with
# --strict raising what is wrong in a file, and with --require-complete
# making each needs_info an error.
# Usage: check_summary.sh ATTRIB_ADVISE GEN_PLANS SUMMARY_CHECK WORK N
set -eu
aa=$1
gen=$2
check=$3
work=$4
n=$5
mkdir -p "$work"
cd "$work"
"$gen" "$n" 19 > batch.ndjson
# same OPTION...: the summary and the JSON of the batch under OPTION...
same() {
    "$aa" --ndjson --format summary "$@" batch.ndjson > summary.txt \
        2> summary.stderr || true
    "$aa" --ndjson --format json "$@" batch.ndjson > advice.ndjson \
        2> advice.stderr || true
    "$check" summary.txt advice.ndjson
}
same
same --ignore gen.nothing-secured --ignore pal.linked-other-id
same --strict
same --require-complete
echo "check_summary: ok"
