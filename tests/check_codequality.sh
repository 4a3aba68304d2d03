#!/bin/sh
# GitLab Code Quality reports read back by a checker of the shape GitLab
# reads (tests/codequality.c): over the examples with a broken plan, an
# NDJSON batch of one plan twice (unique fingerprints all the same), a
# scan, a run with no finding ("[]"), and every golden expect.codequality.
# --output codequality=FILE writes what --format=codequality prints.
# Usage: check_codequality.sh ATTRIB_ADVISE CODEQUALITY SOURCE_DIR
set -eu
aa=$1
check=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/plans"
cp -R "$src/examples/." "$tmp/plans/"
printf '{"version": 1,\n' > "$tmp/plans/zz-broken.json"
fails=0
cd "$tmp"
"$aa" --format=codequality --fail-on=never plans > folder.json 2>/dev/null || true
"$check" folder.json
[ "$(grep -c '"check_name": "input.unreadable"' folder.json)" -eq 1 ] ||
    { echo "codequality: the broken plan is not one issue"; fails=1; }
"$aa" --fail-on=never --output codequality=out.json plans > /dev/null 2>&1 || true
cmp -s folder.json out.json ||
    { echo "codequality: --output differs from --format"; fails=1; }
for i in 1 2 3; do tr -d '\n' < plans/isv-arm-outside-marketplace.json; echo; done > batch.ndjson
"$aa" --format=codequality --ndjson --fail-on=never batch.ndjson > batch.json
"$check" batch.json
"$aa" scan --format=codequality --fail-on=never "$src/tests/corpus/iac" > scan.json 2>/dev/null || true
"$check" scan.json
"$aa" --format=codequality --min-severity=error plans/csp-reseller.json > none.json
"$check" none.json 0 0
[ "$(cat none.json)" = "[]" ] || { echo "codequality: no finding is not []"; fails=1; }
for f in "$src"/tests/cases/*/*/expect.codequality; do
    [ ! -f "$f" ] || "$check" "$f" || fails=1
done
# The checker must be able to fail: a repeated fingerprint, a severity
# GitLab does not know, a line 0.
i='"description": "d", "check_name": "c", "fingerprint": "f"'
l='"location": {"path": "p", "lines": {"begin": 1}}'
printf '[{%s, "severity": "minor", %s}, {%s, "severity": "minor", %s}]\n' \
    "$i" "$l" "$i" "$l" > dup.json
printf '[{%s, "severity": "error", %s}]\n' "$i" "$l" > sev.json
printf '[{%s, "severity": "minor", "location": {"path": "p", "lines": {"begin": 0}}}]\n' \
    "$i" > line.json
for f in dup.json sev.json line.json; do
    if "$check" "$f" 2>/dev/null; then
        echo "codequality: the checker accepts $f"; fails=1
    fi
done
exit $fails
