#!/bin/sh
# Every attrib-advise command in docs/ci.md runs as written (the binary
# path aside) on a copy of examples/ as plans/, exits 0 or 1, and writes
# the files it names.  Usage: check_ci_doc.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/examples" "$tmp/plans"
rm -f "$tmp/plans/README.md"
for f in "$tmp"/plans/*.json; do tr -d '\n' < "$f"; echo; done > "$tmp/plans.ndjson"
# Artifacts are relative to the file that holds the scenario: for the
# batch, that is plans.ndjson, one folder up from the plans.
cp -r "$src/examples/code" "$tmp/code"
# Deployment code for the scan commands.
cp -r "$src/examples/code/isv-analytics-kit" "$tmp/infra"
mkdir -p "$tmp/bin"
ln -s "$aa" "$tmp/bin/attrib-advise"
mkdir -p "$tmp/build-aa"
ln -s "$aa" "$tmp/build-aa/attrib-advise"
cd "$tmp"
n=0
# Lines that run attrib-advise: in YAML (run:, -, - script:, entry:) or in
# sh blocks.
grep -E '^( *(run: |- |- script: |entry: )?)(build-aa/)?attrib-advise ' \
    "$src/docs/ci.md" | sed -E 's/^ *(run: |- script: |- |entry: )?//' > commands
while IFS= read -r cmd; do
    n=$((n + 1))
    case "$cmd" in
    *plans/*|*plans.ndjson*|*infra/*) ;;
    *) cmd="$cmd plans/msp-b2b-contributor.json plans/csp-reseller.json" ;; # pre-commit appends files
    esac
    rc=0
    PATH="$tmp/bin:$PATH" sh -c "$cmd" > out.txt 2> err.txt || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "ci.md: '$cmd' exited $rc"; cat err.txt; exit 1
    fi
    for f in $(echo "$cmd" | grep -oE '(sarif|junit|markdown|codequality)=[^ ]+' | sed 's/^[a-z]*=//'); do
        [ -s "$f" ] || { echo "ci.md: '$cmd' did not write $f"; exit 1; }
    done
done < commands
[ "$n" -ge 5 ] || { echo "ci.md: expected at least 5 commands, found $n"; exit 1; }
[ -s .attrib-advise-baseline.json ] && [ -s advice.ndjson ]
echo "ci.md: $n commands ran"
