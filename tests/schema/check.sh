#!/bin/sh
# Validate the published JSON Schemas with a real validator (ajv-cli, from
# the npm registry, versions pinned by package-lock.json): every shipped
# rule file, rule test file, the example policy pack and every example
# must pass, and known-bad files must fail; so must the starting plan of
# every profile 'attrib-advise init' writes, the plans the scripted
# interviews end in, and the portfolio summaries of the golden cases.
# Usage: check.sh SOURCE_DIR WORK_DIR ATTRIB_ADVISE
set -eu
src=$1
work=$2
aa=$3
mkdir -p "$work"
cp "$src/tests/schema/package.json" "$src/tests/schema/package-lock.json" "$work/"
if [ ! -x "$work/node_modules/.bin/ajv" ]; then
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
ajv() {
    "$work/node_modules/.bin/ajv" validate --spec=draft2020 --strict=false "$@"
}
rules="$src/rules/schema/rules.schema.json"
scen="$src/rules/schema/scenario.schema.json"
tests="$src/rules/schema/rule-tests.schema.json"
for f in "$src"/rules/*.yaml "$src"/examples/policies/*.yaml; do
    ajv -s "$rules" -d "$f" >/dev/null
done
for f in "$src"/rules/tests/*.yaml "$src"/examples/policies/tests/*.yaml \
    "$src"/tests/cases/cli/rules-test-*/pack/tests/*.yaml; do
    ajv -s "$tests" -d "$f" >/dev/null
done
for f in "$src"/examples/*.json; do ajv -s "$scen" -d "$f" >/dev/null; done
for p in msp isv si csp saas licensing ""; do
    "$aa" init ${p:+--profile "$p"} > "$work/init-$p.json"
    ajv -s "$scen" -d "$work/init-$p.json" >/dev/null
done
for f in "$src"/tests/cases/interview/*/plan.expected.json; do
    ajv -s "$scen" -d "$f" >/dev/null
done
# Every portfolio summary of the golden cases.
portfolio="$src/rules/schema/portfolio.schema.json"
for f in "$src"/tests/cases/portfolio/*/expect.json; do
    ajv -s "$portfolio" -d "$f" >/dev/null
done
# The schemas must also say no: a validator that accepts everything is no check.
bad=0
for f in unknown-key wrong-type unknown-mechanism unknown-operator no-title title-text; do
    if ajv -s "$rules" -d "$src/tests/cases/rules-errors/$f/rules.yaml" >/dev/null 2>&1; then
        echo "schema accepts tests/cases/rules-errors/$f/rules.yaml"; bad=1
    fi
done
if ajv -s "$tests" -d "$src/tests/cases/cli/rules-test-invalid/typos.yaml" >/dev/null 2>&1; then
    echo "schema accepts tests/cases/cli/rules-test-invalid/typos.yaml"; bad=1
fi
if ajv -s "$rules" -d "$src/tests/cases/rules-errors/severity-level/rules.yaml" >/dev/null 2>&1; then
    echo "schema accepts tests/cases/rules-errors/severity-level/rules.yaml"; bad=1
fi
for f in enum-value wrong-type null-value no-version comment-type; do
    if ajv -s "$scen" -d "$src/tests/cases/scenario-errors/$f/scenario.json" >/dev/null 2>&1; then
        echo "schema accepts tests/cases/scenario-errors/$f/scenario.json"; bad=1
    fi
done
[ "$bad" -eq 0 ] && echo "schemas: ok"
exit "$bad"
