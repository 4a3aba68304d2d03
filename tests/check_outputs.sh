#!/bin/sh
# --output FORMAT=PATH writes the same document as --format FORMAT on
# stdout, several outputs in one run, leaves no temporary file behind, and
# refuses a path it cannot create with exit status 4 and no file.
# Usage: check_outputs.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
status=0
"$aa" --fail-on=never --output sarif="$tmp/run.sarif" \
    --output junit="$tmp/run.xml" --output markdown="$tmp/run.md" \
    examples > "$tmp/run.txt" 2>/dev/null || status=$?
[ "$status" -eq 0 ] || { echo "outputs: exit $status"; exit 1; }
"$aa" --fail-on=never --format=sarif examples > "$tmp/want.sarif"
"$aa" --fail-on=never --format=junit examples > "$tmp/want.xml"
"$aa" --fail-on=never --format=markdown examples > "$tmp/want.md"
"$aa" --fail-on=never examples > "$tmp/want.txt" 2>/dev/null
for f in run.sarif:want.sarif run.xml:want.xml run.md:want.md run.txt:want.txt; do
    cmp "$tmp/${f%%:*}" "$tmp/${f##*:}" || { echo "outputs: $f differ"; exit 1; }
done
if ls "$tmp" | grep -q '\.tmp\.'; then echo "outputs: temporary file left"; exit 1; fi
status=0
"$aa" --output sarif="$tmp/missing/dir/x.sarif" examples/csp-reseller.json \
    > /dev/null 2> "$tmp/err" || status=$?
[ "$status" -eq 4 ] || { echo "outputs: exit $status for an uncreatable path"; exit 1; }
grep -q "cannot create" "$tmp/err"
[ ! -e "$tmp/missing" ]
echo "outputs: ok"
