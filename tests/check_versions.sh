#!/bin/sh
# The versions users rely on, pinned: the numbers below are written here on
# purpose, and each is read back from where the program or its published
# files state it.  A test that fails here means an incompatible change may
# be under way: bump the version (project() in CMakeLists.txt, and the
# contract's or the format's own if that changed), add a CHANGELOG.md
# entry that says what changed, then update the pin.  CHANGELOG.md must
# have an Unreleased section and one for the project's version.
# Usage: check_versions.sh ATTRIB_ADVISE SOURCE_DIR WORK PROJECT_VERSION
set -eu
project=1.0.0       # project(VERSION) in CMakeLists.txt, attrib-advise --version
contract=1          # the scenario contract: a plan's "version", the advice's
rule_language=1     # a rule file's "version:"
rule_tests=1        # a rule test file's "version:"
baseline=2          # the baseline file --write-baseline writes
portfolio=1         # the portfolio summary in JSON

aa=$1 src=$2 work=$3 cmake_version=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work"
fail=0
# pin WHAT PINNED FOUND
pin() {
    if [ "$2" != "$3" ]; then
        echo "check_versions: $1 is now '$3', pinned at '$2': bump the version and add a" \
            "CHANGELOG.md entry, then update the pin in tests/check_versions.sh"
        fail=1
    fi
}
# The first "version" member of a JSON file, or its "const".
json_version() {
    grep -m 1 -oE '"version": *(\{ *"const": *)?[0-9]+' "$1" | grep -oE '[0-9]+$' || echo none
}

pin "the project version (CMakeLists.txt)" "$project" "$cmake_version"
"$aa" --no-config --version > version.txt
pin "attrib-advise --version" "$project" \
    "$(sed -n 's/^attrib-advise \([^ ]*\)$/\1/p' version.txt)"

# The scenario contract: the published schema, the one the binary makes,
# the versions the loader takes and the advice it writes.
schema=$src/rules/schema/scenario.schema.json
pin "the contract version of rules/schema/scenario.schema.json" "$contract" \
    "$(sed -n 's/.*"$id": "urn:attrib-advise:schema:scenario:\([0-9]*\)".*/\1/p' "$schema")"
pin "the contract version the plan's \"version\" takes (schema)" "$contract" \
    "$(sed -n '/^    "version": {/,/}/p' "$schema" | grep -oE '"const": *[0-9]+' | grep -oE '[0-9]+$')"
"$aa" --no-config --dump=scenario-schema > scenario.schema.json
cmp -s scenario.schema.json "$schema" ||
    { echo "check_versions: rules/schema/scenario.schema.json is not what the binary makes"; fail=1; }
echo '{"version": 999}' > plan.json
"$aa" --no-config plan.json > /dev/null 2> plan.err || true
pin "the contract version the loader reads" "$contract" \
    "$(sed -n 's/.*this build reads version \([0-9]*\).*/\1/p' plan.err)"
"$aa" --no-config --format json "$src/examples/csp-reseller.json" > advice.json
pin "the contract version of the JSON advice" "$contract" "$(json_version advice.json)"

# The rule language: the loader's and the schema's.
printf 'version: 999\n' > rules.yaml
"$aa" --no-config rules check rules.yaml > /dev/null 2> rules.err || true
pin "the rule language version the loader reads" "$rule_language" \
    "$(sed -n 's/.*this build reads version \([0-9]*\).*/\1/p' rules.err)"
printf 'version: %s\n' "$rule_language" > rules.yaml
"$aa" --no-config rules check rules.yaml > /dev/null 2> rules.err ||
    { echo "check_versions: a rule file of version $rule_language is refused: $(cat rules.err)"; fail=1; }
pin "the rule language version of rules/schema/rules.schema.json" "$rule_language" \
    "$(json_version "$src/rules/schema/rules.schema.json")"

# The other files users keep or read.
pin "the rule test version of rules/schema/rule-tests.schema.json" "$rule_tests" \
    "$(json_version "$src/rules/schema/rule-tests.schema.json")"
"$aa" --no-config --fail-on never --write-baseline baseline.json \
    "$src/examples/csp-reseller.json" > /dev/null
pin "the baseline version --write-baseline writes" "$baseline" "$(json_version baseline.json)"
pin "the portfolio summary version of rules/schema/portfolio.schema.json" "$portfolio" \
    "$(json_version "$src/rules/schema/portfolio.schema.json")"
"$aa" --no-config portfolio --format json "$src/examples/csp-reseller.json" > portfolio.json || true
pin "the portfolio summary version the binary writes" "$portfolio" "$(json_version portfolio.json)"

# The changelog knows the version and keeps a place for what comes next.
changelog=$src/CHANGELOG.md
grep -q '^## \[Unreleased\]$' "$changelog" ||
    { echo "check_versions: CHANGELOG.md has no '## [Unreleased]' section"; fail=1; }
grep -qE "^## \[$(echo "$cmake_version" | sed 's/\./\\./g')\] - [0-9]{4}-[0-9]{2}-[0-9]{2}\$" "$changelog" ||
    { echo "check_versions: CHANGELOG.md has no '## [$cmake_version] - YYYY-MM-DD' section"; fail=1; }
[ "$fail" -eq 0 ] && echo "check_versions: project $project, contract $contract," \
    "rule language $rule_language, rule tests $rule_tests, baseline $baseline," \
    "portfolio $portfolio"
exit "$fail"
