#!/bin/sh
# Adopting the linter on a portfolio: --write-baseline records today's
# findings; with --baseline the same portfolio passes, and a new finding
# still fails the run (and is the only one annotated).
# Usage: check_baseline.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/examples" "$tmp/plans"
cd "$tmp"
rc=0
"$aa" --fail-on=warning --write-baseline base.json plans > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { echo "baseline: first run exited $rc, expected 1"; exit 1; }
grep -q '"rule": "cua.nested-only"' base.json
ls | grep -q '\.tmp\.' && { echo "baseline: temporary file left"; exit 1; }
rc=0
"$aa" --fail-on=warning --baseline base.json plans > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { echo "baseline: accepted run exited $rc"; exit 1; }
# A new mistake in one plan: only it is reported, and the run fails.
sed 's/"pal_linked": "none"/"pal_linked": "other_partner_id"/' \
    plans/msp-b2b-contributor.json > plans/new.json
mv plans/new.json plans/msp-b2b-contributor.json
rc=0
"$aa" --fail-on=warning --baseline base.json --format=github plans \
    > out.txt 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || { echo "baseline: run with a new finding exited $rc"; exit 1; }
[ "$(grep -c '^::' out.txt)" -eq 1 ] || { echo "baseline: expected one annotation"; cat out.txt; exit 1; }
grep -q 'pal.linked-other-id' out.txt
"$aa" --baseline base.json --format=sarif plans 2>/dev/null | grep -q '"baselineState": "unchanged"'
rc=0
"$aa" --baseline missing.json plans > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 3 ] || { echo "baseline: missing baseline exited $rc"; exit 1; }
# A damaged entry is named by line, column, entry and key.
sed 's/"rule": "cua.nested-only"/"rule": 7/' base.json > bad.json
rc=0
"$aa" --baseline bad.json plans > /dev/null 2> err.txt || rc=$?
[ "$rc" -eq 3 ] || { echo "baseline: damaged baseline exited $rc"; exit 1; }
grep -Eq '^attrib-advise: bad\.json:[0-9]+:[0-9]+: error: /findings/[0-9]+/rule: expected a string, got a number$' err.txt ||
    { echo "baseline: unclear message for a damaged entry:"; cat err.txt; exit 1; }
echo "baseline: ok"
