#!/bin/sh
# The example policy pack (examples/policies) works as its README says:
# with --rules, the bad plan fails (exit 1) with the errors of both policy
# rules and of the built-in rule the pack raises, and the good plan passes
# (exit 0) while it earns recognition; the same through a config file that
# names the pack; the run's own severity wins over the pack's; without the
# pack the bad plan passes the default gate, so the pack is what fails it.
# Usage: check_policies.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "policies: $*"; exit 1; }
# run EXPECTED_EXIT ARGS...: stdout in out.txt, stderr in err.txt.
run() {
    want=$1
    shift
    rc=0
    "$aa" "$@" > "$tmp/out.txt" 2> "$tmp/err.txt" || rc=$?
    [ "$rc" -eq "$want" ] || { cat "$tmp/err.txt"; fail "$* exited $rc, expected $want"; }
}
# has SEVERITY RULE: the GitHub annotations of out.txt have one of RULE
# at SEVERITY (error, warning, notice).
has() {
    grep -q "^::$1 .*title=attrib-advise $2::" "$tmp/out.txt" ||
        { cat "$tmp/out.txt"; fail "no $1 of $2"; }
}
lacks() {
    if grep -q "title=attrib-advise $1::" "$tmp/out.txt"; then
        cat "$tmp/out.txt"; fail "$1 is reported"
    fi
}
verdict() { # MECHANISM VERDICT, from the JSON advice in out.txt
    tr -d ' \n' < "$tmp/out.txt" | grep -q "{\"id\":\"$1\",\"verdict\":\"$2\"" ||
        fail "$1 is not $2"
}

cd "$src"
pack=examples/policies
bad=$pack/plans/bad.json
good=$pack/plans/good.json

run 1 --no-config --rules "$pack" --format=github "$bad"
has error policy.managed-needs-pal
has error policy.per-customer-guid
has error cua.register-before-deploy
has warning cua.guid-per-customer
[ "$(grep -c '^::error ' "$tmp/out.txt")" -eq 3 ] || fail "bad.json: not three errors"
run 1 --no-config --rules "$pack" --format=json "$bad"
verdict PAL recommended
verdict CUA blocked
run 0 --no-config --rules "$pack" --format=github "$good"
lacks policy.managed-needs-pal
lacks policy.per-customer-guid
lacks cua.register-before-deploy
grep -q '^::\(error\|warning\) ' "$tmp/out.txt" && fail "good.json: an error or warning"
# Passing is not enough: the good plan earns recognition.
run 0 --no-config --rules "$pack" --format=json "$good"
verdict PAL recommended
verdict CUA recommended
verdict DPOR recommended

# Without the pack the bad plan passes the default gate.
run 0 --no-config --format=github "$bad"
has warning cua.register-before-deploy
lacks policy.managed-needs-pal

# The run's severity wins over the pack's; the pack's level stays the
# rule's own for --strict and the rules list.
run 1 --no-config --rules "$pack" --severity cua.register-before-deploy=warning \
    --format=github "$bad"
has warning cua.register-before-deploy
[ "$(grep -c '^::error ' "$tmp/out.txt")" -eq 2 ] || fail "--severity did not win"
# (As wide as a row may be: each rule is one line to grep.)
COLUMNS=1000
export COLUMNS
run 0 --no-config --rules "$pack" rules list
unset COLUMNS
grep -q '^cua.register-before-deploy .*block, error .*(raised from warning by examples/policies/policy.yaml:' \
    "$tmp/out.txt" || fail "rules list does not show the pack's level"
run 1 --no-config --rules "$pack" --format=sarif "$bad"
# The rule's entry, up to the next rule's id: its default level is the
# pack's.
tr -d '\n' < "$tmp/out.txt" | sed 's/"id": "/\n&/g' |
    grep '^"id": "cua.register-before-deploy"' |
    grep -q '"defaultConfiguration": {  *"level": "error"' ||
    fail "SARIF does not give the pack's level as the rule's default"

# The pack named in a config file, as a repository would.
mkdir "$tmp/repo" "$tmp/repo/.git" "$tmp/repo/plans"
cp -r "$pack" "$tmp/repo/policies"
cp "$bad" "$good" "$tmp/repo/plans/"
printf 'version: 1\nrules: [policies]\n' > "$tmp/repo/.attrib-advise.yaml"
cd "$tmp/repo/plans"
run 1 --format=github bad.json
has error policy.managed-needs-pal
has error policy.per-customer-guid
has error cua.register-before-deploy
run 0 --format=github good.json
run 1 --format=github .
has error policy.per-customer-guid
run 0 --print-config
grep -q "^  - '../policies'  # config file" "$tmp/out.txt" || fail "print-config: the pack is not named"
# The config's severity wins over the pack's, as the command line's does.
printf 'version: 1\nrules: [policies]\nseverity:\n  cua.register-before-deploy: warning\n' \
    > "$tmp/repo/.attrib-advise.yaml"
run 1 --format=github bad.json
has warning cua.register-before-deploy
# A --rules file loads after the config's packs, so its entry wins.
printf 'severity:\n  cua.register-before-deploy: warning\n' > "$tmp/later.yaml"
printf 'version: 1\nrules: [policies]\n' > "$tmp/repo/.attrib-advise.yaml"
run 1 --rules "$tmp/later.yaml" --format=github bad.json
has warning cua.register-before-deploy
# A pack cannot make a blocked verdict's finding a note, nor name a rule
# that does not exist: invalid rules, exit 3, at the entry's place.
printf 'severity:\n  cua.register-before-deploy: info\n' > "$tmp/later.yaml"
run 3 --rules "$tmp/later.yaml" bad.json
grep -q "^attrib-advise: .*later.yaml:2:3: error: severity: rule 'cua.register-before-deploy' blocks its mechanism" \
    "$tmp/err.txt" || { cat "$tmp/err.txt"; fail "no error for a blocking rule lowered to info"; }
printf 'severity:\n  cua.register-before-deploi: error\n' > "$tmp/later.yaml"
run 3 --rules "$tmp/later.yaml" bad.json
grep -q "later.yaml:2:3: error: severity: no rule 'cua.register-before-deploi' (did you mean 'cua.register-before-deploy'?)" \
    "$tmp/err.txt" || { cat "$tmp/err.txt"; fail "no error for an unknown rule"; }
echo "policies: ok"
