#!/bin/sh
# Validate attrib-advise's SARIF with the SARIF Multitool from the npm
# registry (version pinned by package-lock.json).  The Multitool reports
# schema and rule violations as "error" lines and exits 0 regardless, so
# this script reads its output; it also checks that a broken log is caught.
# Usage: check.sh ATTRIB_ADVISE SOURCE_DIR WORK_DIR
set -eu
aa=$1
src=$2
work=$3
mkdir -p "$work"
cp "$src/tests/sarif/package.json" "$src/tests/sarif/package-lock.json" "$work/"
if [ ! -d "$work/node_modules/@microsoft/sarif-multitool" ]; then
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# npm may not run the package's install script that marks it executable.
chmod u+x "$work"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
validate() {
    rm -f "$work/validation.sarif"
    "$work/node_modules/.bin/sarif-multitool" validate "$1" \
        --output "$work/validation.sarif" > "$work/validate.log" 2>&1 || true
    ! grep -E ': error [A-Z]+[0-9]+:' "$work/validate.log"
}
# A run over every example plus a scenario that cannot be read.
(cd "$src" && "$aa" --format=sarif --fail-on=never examples \
    tests/cases/scenario-errors/json-syntax/scenario.json \
    > "$work/run.sarif" 2>/dev/null) || true
grep -q '"ruleId"' "$work/run.sarif"
grep -q '"toolExecutionNotifications"' "$work/run.sarif"
validate "$work/run.sarif"
# The 50-plan portfolio of the golden cases, broken plans included.
validate "$src/tests/cases/formats/portfolio-50/expect.sarif"
# A scan of the real-world deployment code: findings in ARM, Bicep and
# Terraform files, file-wide ones included.
(cd "$src/tests/corpus" && "$aa" scan --format=sarif --fail-on=never iac \
    > "$work/scan.sarif" 2>/dev/null)
grep -q '"ruleId": "cua.code.pid-root"' "$work/scan.sarif"
validate "$work/scan.sarif"
# A plan outside the root keeps an absolute path: a file:// URI, with
# what RFC 3986 does not allow in a path percent-encoded.
mkdir -p "$work/out side" "$work/root"
cp "$src/examples/csp-reseller.json" "$work/out side/plan #1.json"
"$aa" --format=sarif --fail-on=never --root "$work/root" \
    "$work/out side/plan #1.json" > "$work/outside.sarif" 2>/dev/null
grep -q '"uri": "file:///.*/out%20side/plan%20%231\.json"' "$work/outside.sarif"
validate "$work/outside.sarif"
# The check must be able to fail.
echo '{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}' > "$work/bad.sarif"
if validate "$work/bad.sarif" >/dev/null; then
    echo "sarif: the validator accepted a log without a tool name"; exit 1
fi
echo "sarif: valid ($(grep -c '"ruleId"' "$work/run.sarif") results)"
