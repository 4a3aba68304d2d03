#!/bin/sh
# docs/ci.md works as written.  In a scratch repository laid out as the
# page says (plans/ and infra/ side by side, the page's .attrib-advise.yaml
# at the top, a .git folder), every attrib-advise command of the page runs
# (the binary path aside), exits 0 or 1, and writes the files it names; the
# CI configurations repeat none of the config file's settings as flags; the
# plans' and the code's SARIF carry different categories; and a run from
# inside plans/ reports what a run from the top does.
# Usage: check_ci_doc.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
doc=$src/docs/ci.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ci.md: $*"; exit 1; }

cp -r "$src/examples" "$tmp/plans"
rm -f "$tmp/plans/README.md"
for f in "$tmp"/plans/*.json; do tr -d '\n' < "$f"; echo; done > "$tmp/plans.ndjson"
# Artifacts are relative to the file that holds the scenario: for the
# batch, that is plans.ndjson, one folder up from the plans.
cp -r "$src/examples/code" "$tmp/code"
cp -r "$src/examples/code/isv-analytics-kit" "$tmp/infra"
mkdir -p "$tmp/.git" "$tmp/bin" "$tmp/build-aa"
ln -s "$aa" "$tmp/bin/attrib-advise"
ln -s "$aa" "$tmp/build-aa/attrib-advise"
# The config file is the YAML block that starts with its name.
awk '/^```yaml$/ { inblock = 1; n = 0; next }
     /^```$/ { inblock = 0; keep = 0; next }
     inblock && ++n == 1 && $0 == "# .attrib-advise.yaml" { keep = 1 }
     keep' "$doc" > "$tmp/.attrib-advise.yaml"
grep -q '^fail-on:' "$tmp/.attrib-advise.yaml" || fail "no config file block"
cd "$tmp"
export PATH="$tmp/bin:$PATH"
attrib-advise --print-config > config.txt ||
    fail "the config file is refused: $(attrib-advise --print-config 2>&1 >/dev/null)"
grep -q "^fail-on: warning  # .attrib-advise.yaml" config.txt ||
    fail "the config file's fail-on is not in force"

# Lines that run attrib-advise: in YAML (run:, script:, -, entry:) or in sh
# blocks; prose quotes them in backticks and is left out.
grep -E '^ *(run: |- script: |- |entry: )?(build-aa/)?attrib-advise( |$)' "$doc" |
    sed -E 's/^ *(run: |- script: |- |entry: )?//' > commands
# Those of the CI configurations run on every build: the config file holds
# the gate, so none of its settings is a flag there.
grep -E '^ *(run: |- script: |- |entry: )(build-aa/)?attrib-advise( |$)' "$doc" |
    grep -E -- '--(fail-on|min-severity|baseline|rules|exclude|ignore|severity|strict|require-complete)' &&
    fail "a CI configuration repeats a setting of the config file"
n=0
while IFS= read -r cmd; do
    n=$((n + 1))
    case "$cmd" in
    *plans/* | *plans.ndjson* | *infra/*) ;;
    *) cmd="$cmd plans/msp-b2b-contributor.json plans/csp-reseller.json" ;; # pre-commit appends files
    esac
    rc=0
    sh -c "$cmd" > out.txt 2> err.txt || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "ci.md: '$cmd' exited $rc"; cat err.txt; exit 1
    fi
    for f in $(echo "$cmd" | grep -oE '(sarif|junit|markdown|codequality)=[^ ]+' | sed 's/^[a-z]*=//'); do
        [ -s "$f" ] || fail "'$cmd' did not write $f"
    done
done < commands
[ "$n" -ge 8 ] || fail "expected at least 8 commands, found $n"
[ -s .attrib-advise-baseline.json ] && [ -s .attrib-advise-scan-baseline.json ] &&
    [ -s advice.ndjson ] || fail "the baselines or the batch were not written"
category() { grep -oE '"id": *"attrib-advise/[a-z]+/"' "$1" | head -1; }
[ -n "$(category attrib-advise-plans.sarif)" ] &&
    [ "$(category attrib-advise-plans.sarif)" != "$(category attrib-advise-scan.sarif)" ] ||
    fail "the plans' and the code's SARIF share a category"
# One name for one file from anywhere in the repository.
attrib-advise --format=json plans/ > top.json 2>/dev/null || true
(cd plans && attrib-advise --format=json . > ../inside.json 2>/dev/null) || true
cmp -s top.json inside.json || fail "a run inside plans/ reports other paths"
echo "ci.md: $n commands ran"
