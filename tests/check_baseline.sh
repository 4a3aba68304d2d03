#!/bin/sh
# Adopting the linter on a portfolio: --write-baseline records today's
# findings; with --baseline the same portfolio passes, and a new finding
# still fails the run (and is the only one annotated).  Then what keys an
# entry: the path however it is typed (plans/, ./plans/, $PWD/plans, from
# inside plans/ with --root), a fingerprint that survives moved lines and
# tells two hits of one rule apart, the one SARIF carries; stale entries
# reported and pruned in place; baselines for scan; version 1 files still
# read.
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

fail() { echo "baseline: $*"; exit 1; }
# A fresh portfolio in plans/, base.json recorded from it.
fresh() {
    cd "$tmp"
    rm -rf plans base.json
    cp -r "$src/examples" plans
    "$aa" --fail-on=never --write-baseline base.json plans/ > /dev/null 2>&1
}
# run EXPECTED_EXIT ARGS...: stderr in err.txt, stdout in out.txt.
run() {
    want=$1
    shift
    rc=0
    "$aa" "$@" > out.txt 2> err.txt || rc=$?
    [ "$rc" -eq "$want" ] || { cat err.txt; fail "$* exited $rc, expected $want"; }
}

# One baseline, however the plans are named.
fresh
grep -q '"version": 2' base.json || fail "not a version 2 baseline"
grep -q '"source": "plans/isv-code-check.json"' base.json ||
    fail "sources not relative to the root"
for spelling in plans ./plans/ "$tmp/plans" "$tmp/./plans//"; do
    run 0 --fail-on=warning --baseline base.json "$spelling"
    grep -q 'stale entry' err.txt && { cat err.txt; fail "$spelling: entries called stale"; }
done
# Positions in reports are relative to the root too.
run 0 --fail-on=never --format=json "$tmp/plans/isv-code-check.json"
grep -q '"source": "plans/isv-code-check.json"' out.txt || fail "absolute scenario.source"
grep -q '"file": "plans/code/isv-analytics-kit/providers.tf"' out.txt ||
    fail "artifact path not relative to the root"
(cd plans && run 0 --fail-on=warning --root .. --baseline ../base.json .)
(cd plans && run 0 --fail-on=warning --root "$tmp" --baseline ../base.json \
    isv-code-check.json ./csp-reseller.json)
# Without --root, from inside plans/ the paths are another's.
(cd plans && run 1 --fail-on=warning --baseline ../base.json .)
# An entry's source spelt otherwise in the file (a hand edit, a merge)
# names the file reports name: with doubled slashes, "." and "a/.."
# segments, or absolute, it accepts its finding, and one whose finding is
# gone is stale like any other.
sed -e 's|"source": "plans/isv-code-check.json"|"source": "plans//isv-code-check.json"|' \
    -e 's|"source": "plans/msp-|"source": "./plans/./code/../msp-|' \
    -e "s|\"source\": \"plans/isv-arm-|\"source\": \"$tmp/plans/isv-arm-|" \
    base.json > spelt.json
[ "$(grep -c '"source": "plans/' spelt.json)" -lt "$(grep -c '"source": "plans/' base.json)" ] ||
    fail "no entry spelt otherwise"
run 0 --fail-on=warning --baseline spelt.json plans
grep -q 'stale entry' err.txt && { cat err.txt; fail "entries spelt otherwise called stale"; }
sed 's/"fingerprint": "[0-9a-f]\{4\}/"fingerprint": "0000/' spelt.json > gone.json
run 1 --fail-on=warning --baseline gone.json plans/isv-code-check.json \
    plans/msp-b2b-contributor.json plans/isv-arm-outside-marketplace.json
for line in $(grep -n '"source": "\(plans//\|\./\|/\)' gone.json | cut -d: -f1); do
    grep -q "^attrib-advise: gone\.json:$((line - 1)):5: note: stale entry" err.txt ||
        { cat err.txt; fail "entry of line $((line - 1)), spelt otherwise, not stale"; }
done

# A moved line still matches: in a plan, in its deployment code, and in
# code scanned alone.
fresh
run 0 scan --fail-on=never --write-baseline scan.json plans/code
printf '\n\n\n' | cat - plans/isv-code-check.json > moved.json
mv moved.json plans/isv-code-check.json
printf '# moved down\n\n' | cat - plans/code/isv-analytics-kit/providers.tf > moved.tf
mv moved.tf plans/code/isv-analytics-kit/providers.tf
run 0 --fail-on=warning --baseline base.json plans
run 0 scan --fail-on=warning --baseline scan.json plans/code
grep -q 'stale entry' err.txt && { cat err.txt; fail "moved lines made entries stale"; }

# Two hits of one rule in one artifact stay two entries: a third is new.
fresh
cat >> plans/code/isv-analytics-kit/providers.tf <<'TF'

provider "azurerm" {
  alias = "other"
  features {}
}
data "azurerm_client_config" "other" {
  provider = azurerm.other
}
TF
"$aa" --fail-on=never --write-baseline base.json plans > /dev/null 2>&1
[ "$(grep -c '"rule": "cua.code.tf-no-partner-id"' base.json)" -eq 2 ] ||
    fail "two hits of one rule are not two entries"
# SARIF carries the fingerprints the baseline records, so code scanning
# tells findings apart as baselines do.
"$aa" --fail-on=never --format=sarif plans > out.sarif 2>/dev/null
for fp in $(sed -n 's/.*"fingerprint": "\([^"]*\)".*/\1/p' base.json); do
    grep -q "\"attribAdvise/v1\": \"$fp\"" out.sarif || fail "SARIF lacks fingerprint $fp"
done
cat >> plans/code/isv-analytics-kit/providers.tf <<'TF'

provider "azurerm" {
  alias = "third"
  features {}
}
data "azurerm_client_config" "third" {
  provider = azurerm.third
}
TF
run 1 --fail-on=warning --baseline base.json --format=github plans
[ "$(grep -c '^::' out.txt)" -eq 1 ] || { cat out.txt; fail "expected the third hit alone"; }
grep -q 'tf-no-partner-id' out.txt || fail "the third hit is not the one reported"

# Stale entries: reported with the baseline's line, counted in the
# summary, never failing the run; only for the files the run read.
fresh
gone='{"source": "plans/csp-reseller.json", "rule": "gen.gone", "fingerprint": "0123456789abcdef:1"},'
other='{"source": "plans/README.md", "rule": "gen.gone", "fingerprint": "0123456789abcdef:1"},'
sed "/\"findings\": \[/a\\
    $gone\\
    $other" base.json > x.json && mv x.json base.json
run 0 --fail-on=warning --baseline base.json plans
grep -q '^attrib-advise: base\.json:4:5: note: stale entry: no finding of gen\.gone in plans/csp-reseller\.json matches it' err.txt ||
    { cat err.txt; fail "stale entry not reported with its line"; }
[ "$(grep -c 'stale entry' err.txt)" -eq 1 ] || { cat err.txt; fail "entries of files not read called stale"; }
grep -q ', 1 stale baseline entry in ' err.txt || { cat err.txt; fail "no stale count in the summary"; }
run 0 --fail-on=warning --baseline base.json plans/si-microsoft-365.json
grep -q 'stale entry' err.txt && { cat err.txt; fail "one plan's run calls other plans' entries stale"; }
# One plan's count line counts its stale entries, as the summary line of
# several plans does.
run 0 --fail-on=warning --baseline base.json plans/csp-reseller.json
grep -q ', 1 stale baseline entry$' out.txt || { cat out.txt; fail "one plan's count line leaves out its stale entry"; }
run 0 --fail-on=warning --baseline base.json plans/si-microsoft-365.json
grep -q ', 0 stale baseline entries$' out.txt || { cat out.txt; fail "one plan's count line leaves out the baseline"; }

# --prune-baseline: the stale entry goes, the rest keeps its bytes, the
# file is replaced whole (a new inode, no temporary file left).
cp base.json before.json
inode=$(ls -i base.json | cut -d' ' -f1)
run 0 --fail-on=warning --baseline base.json --prune-baseline plans
grep -q '^attrib-advise: base\.json: note: 1 stale entry removed$' err.txt || { cat err.txt; fail "prune said nothing"; }
sed 4d before.json | cmp -s - base.json || fail "prune changed more than the stale entry"
[ "$(ls -i base.json | cut -d' ' -f1)" != "$inode" ] || fail "baseline rewritten in place"
ls | grep -q '\.tmp\.' && fail "temporary file left by prune"
run 0 --fail-on=warning --baseline base.json plans
grep -q 'stale entry' err.txt && { cat err.txt; fail "stale after pruning"; }
# A plan that cannot be read would lose its entries: no pruning then.
sed "/\"findings\": \[/a\\
    $gone" base.json > x.json && mv x.json base.json
cp base.json before.json
echo '{"version": 1,' > plans/broken.json
run 3 --fail-on=warning --baseline base.json --prune-baseline plans
grep -q '^attrib-advise: base\.json: error: not pruned' err.txt || { cat err.txt; fail "prune not refused"; }
cmp -s base.json before.json || fail "baseline changed by a refused prune"
run 2 --prune-baseline plans
run 2 --baseline base.json --prune-baseline --write-baseline x.json plans

# An entry written three times: the first accepts the finding, the other
# two are reported with their lines, counted as stale and pruned.
fresh
fp() {
    awk -v rule="\"$1\"" '/"source"/ { here = index($0, "plans/csp-reseller.json") > 0 }
        here && index($0, rule) { found = 1 }
        found && /"fingerprint"/ { print; exit }' base.json |
        sed 's/.*"fingerprint": "\([^"]*\)".*/\1/'
}
aobo='{"source": "plans/csp-reseller.json", "rule": "csp.aobo-can-be-removed", "fingerprint": "'$(fp csp.aobo-can-be-removed)'"}'
owner='{"source": "plans/csp-reseller.json", "rule": "csp.ownership-transfer", "fingerprint": "'$(fp csp.ownership-transfer)'"}'
printf '{\n  "version": 2,\n  "findings": [\n    %s,\n    %s,\n    %s,\n    %s\n  ]\n}\n' \
    "$aobo" "$owner" "$owner" "$owner" > dup.json
run 0 --fail-on=never --baseline dup.json plans
[ "$(grep -c 'duplicate entry' err.txt)" -eq 2 ] || { cat err.txt; fail "duplicate entries not reported"; }
for line in 6 7; do
    grep -q "^attrib-advise: dup\\.json:$line:5: note: duplicate entry: line 5 accepts this finding of csp\\.ownership-transfer in plans/csp-reseller\\.json already (--prune-baseline removes it)\$" err.txt ||
        { cat err.txt; fail "duplicate at line $line not named with the first one's line"; }
done
grep -q ', 2 stale baseline entries in ' err.txt || { cat err.txt; fail "duplicates not counted"; }
run 0 --fail-on=never --baseline dup.json plans/csp-reseller.json
grep -q '^0 errors, 0 warnings, 0 notes, 2 suppressed, 2 stale baseline entries$' out.txt ||
    { cat out.txt; fail "duplicates not counted in the plan's count line"; }
cp dup.json before.json
run 0 --fail-on=never --baseline dup.json --prune-baseline plans
grep -q '^attrib-advise: dup\.json: note: 2 stale entries removed$' err.txt || { cat err.txt; fail "duplicates not pruned"; }
printf '{\n  "version": 2,\n  "findings": [\n    %s,\n    %s\n  ]\n}\n' "$aobo" "$owner" |
    cmp -s - dup.json || { cat dup.json; fail "prune did not drop the two copies alone"; }
run 0 --fail-on=never --baseline dup.json plans
grep -q 'stale entr\|duplicate entry' err.txt && { cat err.txt; fail "left after pruning"; }
# Two copies of an entry whose finding is gone: both stale, and the copy
# is not said to accept a finding.
gone2='{"source": "plans/csp-reseller.json", "rule": "csp.ownership-transfer", "fingerprint": "0000000000000000:1"}'
printf '{\n  "version": 2,\n  "findings": [\n    %s,\n    %s\n  ]\n}\n' "$gone2" "$gone2" > gone.json
run 0 --fail-on=never --baseline gone.json plans
grep -q '^attrib-advise: gone\.json:4:5: note: stale entry: no finding' err.txt ||
    { cat err.txt; fail "the first copy of a gone entry not stale"; }
grep -q '^attrib-advise: gone\.json:5:5: note: duplicate entry: a copy of line 4, and no finding of csp\.ownership-transfer in plans/csp-reseller\.json matches either (--prune-baseline removes both)$' err.txt ||
    { cat err.txt; fail "the copy of a gone entry said to accept a finding"; }

# A plan deleted from a folder the run reads: its entries are stale, said
# so, counted and pruned.  A run over another plan alone, or from another
# root (whose folders the baseline's paths do not name), leaves them.
fresh
rm plans/msp-b2b-contributor.json
run 0 --fail-on=warning --baseline base.json plans/csp-reseller.json
grep -q 'stale entry' err.txt && { cat err.txt; fail "one plan's run calls a deleted plan's entries stale"; }
(cd plans && run 1 --fail-on=warning --baseline ../base.json . &&
    ! grep -q 'no longer exists' err.txt) ||
    { cat plans/err.txt; fail "entries named from another root called gone"; }
rm plans/err.txt plans/out.txt
run 0 --fail-on=warning --baseline base.json plans
grep -q '^attrib-advise: base\.json:[0-9]*:5: note: stale entry: plans/msp-b2b-contributor\.json no longer exists, so no finding of dpor\.customer-declines in it matches (--prune-baseline removes it)$' err.txt ||
    { cat err.txt; fail "a deleted plan's entry not stale"; }
[ "$(grep -c 'stale entry' err.txt)" -eq 1 ] || { cat err.txt; fail "more than the deleted plan's entry stale"; }
grep -q ', 1 stale baseline entry in ' err.txt || { cat err.txt; fail "a deleted plan's entry not counted"; }
run 0 --fail-on=warning --baseline base.json --prune-baseline plans
grep -q 'msp-b2b-contributor' base.json && fail "a deleted plan's entry not pruned"
run 0 --fail-on=warning --baseline base.json plans
grep -q 'stale entry' err.txt && { cat err.txt; fail "stale after pruning a deleted plan's entry"; }

# scan: the same baselines, keyed by the file scanned.
fresh
mkdir infra
cp plans/code/isv-analytics-kit/providers.tf plans/code/isv-analytics-kit/main.bicep infra/
run 1 scan --fail-on=warning infra
run 0 scan --fail-on=never --write-baseline scan.json ./infra/
grep -q '"source": "infra/providers.tf"' scan.json || fail "scan baseline source"
run 0 scan --fail-on=warning --baseline scan.json "$tmp/infra"
grep -q ', 0 stale baseline entries$' out.txt || { cat out.txt; fail "scan summary without stale count"; }
run 0 scan --fail-on=warning --baseline scan.json --format=sarif infra
grep -q '"baselineState": "unchanged"' out.txt || fail "scan: no baselineState"
cat >> infra/providers.tf <<'TF'

provider "azurerm" {
  alias = "new"
  features {}
}
data "azurerm_client_config" "new" {
  provider = azurerm.new
}
TF
run 1 scan --fail-on=warning --baseline scan.json --format=github infra
[ "$(grep -c '^::warning' out.txt)" -eq 1 ] || { cat out.txt; fail "scan: expected one new finding"; }
run 0 scan --fail-on=never --baseline scan.json --write-baseline scan.json infra
run 0 scan --fail-on=warning --baseline scan.json infra
# A deleted file's entries are stale, as a deleted plan's are.
cp scan.json before.json
mv infra/main.bicep main.bicep.kept
run 0 scan --fail-on=warning --baseline scan.json infra
grep -q '^attrib-advise: scan\.json:[0-9]*:5: note: stale entry: infra/main\.bicep no longer exists' err.txt ||
    { cat err.txt; fail "scan: a deleted file's entry not stale"; }
mv main.bicep.kept infra/main.bicep
# A file whose name is not UTF-8 keeps its entries: the byte is keyed as
# \xFF where JSON would hold U+FFFD, and a name that differs only in that
# byte is another file.
rm -rf infra2 && mkdir infra2
cp plans/code/isv-analytics-kit/providers.tf "infra2/$(printf 'prov\377.tf')"
run 0 scan --fail-on=never --write-baseline odd.json infra2
grep -q '"source": "infra2/prov\\\\xFF.tf"' odd.json || { cat odd.json; fail "non-UTF-8 name not escaped"; }
run 0 scan --fail-on=warning --baseline odd.json infra2
grep -q ', 0 stale baseline entries$' out.txt || { cat out.txt; fail "non-UTF-8 name: entries not matched"; }
mv "infra2/$(printf 'prov\377.tf')" "infra2/$(printf 'prov\376.tf')"
run 1 scan --fail-on=warning --baseline odd.json infra2

# A version 1 baseline (source, rule, pointer) is still read, with the
# paths normalised, and --write-baseline upgrades it to version 2.
fresh
cat > v1.json <<'JSON'
{
  "version": 1,
  "findings": [
    {"source": "plans/isv-arm-outside-marketplace.json", "rule": "cua.nested-only", "pointer": "/solution/deployment/cua/placement"}
  ]
}
JSON
run 0 --fail-on=never --format=sarif --baseline v1.json ./plans/isv-arm-outside-marketplace.json
grep -q '"baselineState": "unchanged"' out.txt || fail "version 1 entry not matched"
run 0 --fail-on=never --baseline v1.json --write-baseline v2.json ./plans/
grep -q '"version": 2' v2.json && grep -q '"fingerprint"' v2.json || fail "not upgraded"
# Refreshed in place from some of the plans: the others' entries stay, and
# the whole portfolio still passes.
fresh
run 1 --fail-on=warning --write-baseline base.json plans
before=$(grep -c '"fingerprint"' base.json)
run 0 --fail-on=never --baseline base.json --write-baseline base.json \
    plans/msp-b2b-contributor.json
[ "$(grep -c '"fingerprint"' base.json)" -eq "$before" ] ||
    fail "refreshed from one plan, the baseline lost the others' entries"
run 0 --fail-on=warning --baseline base.json plans
# Written to another file, a baseline holds this run's findings alone.
run 0 --fail-on=never --baseline base.json --write-baseline one.json \
    plans/msp-b2b-contributor.json
grep -q 'csp-reseller' one.json && fail "another file got the others' entries"
# The plans of an --ndjson batch share their source: a baseline entry of one
# plan's finding accepts it on that plan alone, not on every line.
cd "$tmp"
printf '%s\n' '{"version": 1, "id": "a", "partner": {"partner_id": "MPN-1", "types": ["msp"]}}' > batch.ndjson
run 1 --ndjson --fail-on=warning --write-baseline batch.json batch.ndjson
printf '%s\n' '{"version": 1, "id": "b", "partner": {"partner_id": "MPN-1", "types": ["msp"]}}' >> batch.ndjson
run 1 --ndjson --fail-on=warning --baseline batch.json batch.ndjson
run 1 --ndjson --fail-on=warning --write-baseline batch2.json batch.ndjson
[ "$(grep -c '"fingerprint"' batch2.json)" -eq $((2 * $(grep -c '"fingerprint"' batch.json))) ] ||
    fail "two plans of a batch with the same findings are not twice the entries"
run 0 --ndjson --fail-on=warning --baseline batch2.json batch.ndjson
# Two lines with the same id hash their findings alike: each entry accepts
# one finding, so the first line's entries leave the second's active, and
# a baseline written from both holds a copy for each and accepts both.
printf '%s\n' '{"version": 1, "id": "a", "partner": {"partner_id": "MPN-1", "types": ["msp"]}}' > same.ndjson
run 1 --ndjson --fail-on=warning --write-baseline same.json same.ndjson
head -1 same.ndjson >> same.ndjson
run 1 --ndjson --fail-on=warning --baseline same.json same.ndjson
run 1 --ndjson --fail-on=warning --write-baseline same2.json same.ndjson
[ "$(grep -c '"fingerprint"' same2.json)" -eq $((2 * $(grep -c '"fingerprint"' same.json))) ] ||
    fail "two lines with one id did not get a copy of each entry"
run 0 --ndjson --fail-on=warning --baseline same2.json same.ndjson
# A run from a subfolder, or with another --root, names every file from
# there: a top-level plan it cannot see is not gone, and no entry is pruned.
fresh
mkdir -p top/team
cp plans/csp-reseller.json top/a.json
cp plans/msp-b2b-contributor.json top/team/b.json
(cd top && "$aa" --fail-on=never --write-baseline base.json . > /dev/null 2>&1)
cp top/base.json top/before.json
(cd top/team && "$aa" --fail-on=never --no-config --baseline ../base.json \
    --root=. --prune-baseline . > /dev/null 2>&1) || fail "prune from a subfolder failed"
cmp -s top/base.json top/before.json || fail "a run from a subfolder pruned good entries"
(cd top && "$aa" --fail-on=never --no-config --baseline base.json --root=team \
    --prune-baseline team > /dev/null 2>&1) || fail "prune with --root failed"
cmp -s top/base.json top/before.json || fail "a run with another --root pruned good entries"
echo "baseline: ok"
