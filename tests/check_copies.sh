#!/bin/sh
# The JSON advice of N generated plans (tests/gen_plans.c) as an NDJSON
# batch, where the compact writer copies into each report what it made of
# the rules' fixed texts for the reports before (reasons, actions,
# answers, the members of findings), against the same plans' advice as one
# indented document, which copies nothing: copies_check holds each line to
# its run.  The plans are files of one folder for the document, named so
# that the folder's order is the batch's.
# Usage: check_copies.sh ATTRIB_ADVISE GEN_PLANS COPIES_CHECK WORK N
set -eu
aa=$1
gen=$2
check=$3
work=$4
n=$5
rm -rf "$work"
mkdir -p "$work/plans"
cd "$work"
"$gen" "$n" 23 > batch.ndjson
awk '{ f = sprintf("plans/%07d.json", NR); print > f; close(f) }' batch.ndjson
# The generator writes some plans the loader rejects: exit 3, said on
# standard error.
"$aa" --ndjson --format json --fail-on never batch.ndjson > lines.ndjson \
    2> lines.stderr || true
"$aa" --format json --fail-on never plans > doc.json 2> doc.stderr || true
"$check" doc.json lines.ndjson
