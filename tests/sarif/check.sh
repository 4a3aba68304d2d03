#!/bin/sh
# Validate attrib-advise's SARIF with the SARIF Multitool from the npm
# registry (version pinned by package-lock.json), under three rule kinds:
# the SARIF rules alone, GitHub code scanning's (Gh;Sarif) and GitHub
# Advanced Security for Azure DevOps' (Ado;Sarif).  The Multitool reports
# violations as "error" and "warning" lines and exits 0 regardless, so this
# script reads its output and fails on either; it also checks that a
# broken log is caught.  policy.xml raises the rules GitHub requires to
# errors and keeps the validator off the network.  The native binary is called directly: the npm
# wrapper runs it through a shell, which splits "Gh;Sarif" at the ';'.
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
mt=""
for f in "$work"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool \
         "$work"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool.exe; do
    [ -f "$f" ] && { mt=$f; break; }
done
[ -n "$mt" ] || { echo "sarif: no Sarif.Multitool binary in node_modules"; exit 1; }
# npm may not run the package's install script that marks it executable.
chmod u+x "$mt"
# validate FILE KIND: no error and no warning under that rule kind
# ("default": the Multitool's own choice, the SARIF rules).
validate() {
    rm -f "$work/validation.sarif"
    if [ "$2" = default ]; then set -- "$1"; else set -- "$1" --rule-kind "$2"; fi
    "$mt" validate "$@" --config "$src/tests/sarif/policy.xml" \
        --output "$work/validation.sarif" \
        > "$work/validate.log" 2>&1 || true
    grep -q 'Analysis completed successfully' "$work/validate.log" ||
        { cat "$work/validate.log"; return 1; }
    ! grep -E ': (error|warning) [A-Za-z]+[0-9]+:' "$work/validate.log"
}
# An Azure Pipelines agent's environment, which the SARIF of a pipeline run
# names (GitHub Advanced Security for Azure DevOps requires it).
in_pipeline() {
    env TF_BUILD=True SYSTEM_COLLECTIONURI=https://dev.azure.com/contoso/ \
        SYSTEM_TEAMPROJECTID=6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55 \
        BUILD_DEFINITIONID=42 BUILD_DEFINITIONNAME=attribution \
        BUILD_BUILDID=1234 SYSTEM_PHASEID=1a2b3c4d-0000-4000-8000-000000000001 \
        SYSTEM_PHASENAME=Job BUILD_SOURCEBRANCH=refs/heads/main "$@"
}
# A run over every example plus a scenario that cannot be read.
(cd "$src" && env -u TF_BUILD "$aa" --format=sarif --fail-on=never examples \
    tests/cases/scenario-errors/json-syntax/scenario.json \
    > "$work/run.sarif" 2>/dev/null) || true
grep -q '"ruleId"' "$work/run.sarif"
grep -q '"toolExecutionNotifications"' "$work/run.sarif"
grep -q '"ruleId": "input.unreadable"' "$work/run.sarif"
grep -q '"id": "attrib-advise/advise/"' "$work/run.sarif"
# A plan's own problems (input.* findings): a misspelt key, suppressions
# that cannot be applied or have expired, mechanisms left undecided.
(cd "$src/tests/cases/formats/azure-input" && env -u TF_BUILD "$aa" \
    --format=sarif --fail-on=never --require-complete scenario.json \
    > "$work/input.sarif" 2>/dev/null)
grep -q '"ruleId": "input.unknown-key"' "$work/input.sarif"
grep -q '"ruleId": "input.incomplete"' "$work/input.sarif"
# A plan outside the root keeps an absolute path: a file:// URI, with
# what RFC 3986 does not allow in a path percent-encoded.
mkdir -p "$work/out side" "$work/root"
cp "$src/examples/csp-reseller.json" "$work/out side/plan #1.json"
env -u TF_BUILD "$aa" --format=sarif --fail-on=never --root "$work/root" \
    "$work/out side/plan #1.json" > "$work/outside.sarif" 2>/dev/null
grep -q '"uri": "file:///.*/out%20side/plan%20%231\.json"' "$work/outside.sarif"
# Results with no line in any file: a plan that is a link to nothing, and
# one given by --set alone, whose source is the command line.  Each has a
# region (line 1), which code scanning needs to place it.
mkdir -p "$work/nolines/plans"
cp "$src/examples/csp-reseller.json" "$work/nolines/plans/"
ln -sf nowhere.json "$work/nolines/plans/gone.json"
(cd "$work/nolines" && env -u TF_BUILD "$aa" --format=sarif --fail-on=never \
    plans > "$work/dangling.sarif" 2>/dev/null) || true
grep -q '"uri": "plans/gone.json"' "$work/dangling.sarif"
(cd "$work/nolines" && env -u TF_BUILD "$aa" --format=sarif --fail-on=never \
    --set /partner/types=csp_direct --set /customer/agreement=csp \
    --set /engagement/transacting_partner=yes \
    --set /engagement/activities=resell > "$work/set.sarif" 2>/dev/null)
grep -q '"ruleId"' "$work/set.sarif"
# A scan of the real-world deployment code: findings in ARM, Bicep and
# Terraform files, file-wide ones included.
(cd "$src/tests/corpus" && env -u TF_BUILD "$aa" scan --format=sarif \
    --fail-on=never iac > "$work/scan.sarif" 2>/dev/null)
grep -q '"ruleId": "cua.code.pid-root"' "$work/scan.sarif"
grep -q '"id": "attrib-advise/scan/"' "$work/scan.sarif"
# Both again as an Azure Pipelines run.
(cd "$src" && in_pipeline "$aa" --format=sarif --fail-on=never examples \
    > "$work/run-pipeline.sarif" 2>/dev/null) || true
(cd "$src/tests/corpus" && in_pipeline "$aa" scan --format=sarif \
    --fail-on=never iac > "$work/scan-pipeline.sarif" 2>/dev/null)
grep -q '"id": "azuredevops/pipeline/build/contoso/' "$work/scan-pipeline.sarif"
for log in run scan input dangling set; do
    validate "$work/$log.sarif" default
    validate "$work/$log.sarif" "Gh;Sarif"
done
# Code scanning places a result only in the checkout (GH1006), so a plan
# outside the root is held to the SARIF rules alone.
validate "$work/outside.sarif" default
for log in run-pipeline scan-pipeline; do
    validate "$work/$log.sarif" default
    validate "$work/$log.sarif" "Gh;Sarif"
    validate "$work/$log.sarif" "Ado;Sarif"
done
# The 50-plan portfolio of the golden cases, broken plans included.
validate "$src/tests/cases/formats/portfolio-50/expect.sarif" "Gh;Sarif"
# A pack's rule in a built-in's place: "replaced" in the property bags of
# its rule and its results.
replaced="$src/tests/cases/formats/replaced-rule/expect.sarif"
grep -q '"replaced": true' "$replaced"
validate "$replaced" default
validate "$replaced" "Gh;Sarif"
# The check must be able to fail: a log without a tool name, and a run
# outside a pipeline, which Azure DevOps cannot place.
echo '{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}' > "$work/bad.sarif"
if validate "$work/bad.sarif" default >/dev/null; then
    echo "sarif: the validator accepted a log without a tool name"; exit 1
fi
if validate "$work/run.sarif" "Ado;Sarif" >/dev/null; then
    echo "sarif: the Azure DevOps rules accepted a run that names no pipeline"
    exit 1
fi
echo "sarif: valid ($(grep -c '"ruleId"' "$work/run.sarif") results)"
