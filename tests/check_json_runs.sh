#!/bin/sh
# JSON over several plans is one document a JSON parser reads whole, with
# rejected plans in it; --format ndjson is one object a line; one plan
# named alone is one advice object, as contract v1 shows it.
# Usage: check_json_runs.sh ATTRIB_ADVISE JSON_RUNS SOURCE_DIR
set -eu
aa=$1
check=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/plans" "$tmp/empty"
cp -R "$src/examples/." "$tmp/plans/"
# Every plan below examples/ (a policy pack's plans too): the folder is
# walked whole.
n=$(find "$src/examples" -name '*.json' | wc -l)
printf '{"version": 1,\n' > "$tmp/plans/zz-broken.json"
fails=0
expect() { # WHAT STATUS WANT
    [ "$2" -eq "$3" ] || { echo "json: $1: exit $2, expected $3"; fails=1; }
}
st=0; "$aa" --format=json --fail-on=never "$tmp/plans" > "$tmp/doc.json" 2>/dev/null || st=$?
expect "folder" "$st" 3
"$check" doc $((n + 1)) 1 < "$tmp/doc.json" || fails=1
st=0; "$aa" --format=json --fail-on=never "$src/examples/csp-reseller.json" \
    "$src/examples/si-microsoft-365.json" > "$tmp/two.json" || st=$?
expect "two files" "$st" 0
"$check" doc 2 0 < "$tmp/two.json" || fails=1
st=0; "$aa" --format=ndjson --fail-on=never "$tmp/plans" > "$tmp/lines.ndjson" 2>/dev/null || st=$?
expect "ndjson" "$st" 3
"$check" lines $((n + 1)) 1 < "$tmp/lines.ndjson" || fails=1
"$aa" --format=json "$src/examples/csp-reseller.json" > "$tmp/one.json"
"$check" one < "$tmp/one.json" || fails=1
# An NDJSON batch with a bad line: the line is a rejection in the stream.
{ tr -d '\n' < "$src/examples/csp-reseller.json"; echo; echo '{"version": 1,'; } > "$tmp/batch.ndjson"
st=0; "$aa" --ndjson --format=json --fail-on=never "$tmp/batch.ndjson" > "$tmp/batch.out" 2>/dev/null || st=$?
expect "batch" "$st" 3
"$check" lines 2 1 < "$tmp/batch.out" || fails=1
# The checker itself fails on concatenated documents (what a several-plan
# run used to print).
cat "$tmp/one.json" "$tmp/one.json" > "$tmp/concat.json"
if "$check" doc < "$tmp/concat.json" 2>/dev/null; then
    echo "json: the checker accepts two documents"; fails=1
fi
exit $fails
