#!/bin/sh
# Parse every graph 'attrib-advise graph' writes with Mermaid's own parser
# (the npm packages pinned by package-lock.json; parse.mjs says how): each
# mechanism's, the whole graph and the empty one of --no-default-rules.  The
# nodes the parser made, by shape, and its edges must be those of the same
# graph in DOT (box, note and ellipse there), so every line was read as
# meant.  A label with bare quotes and a graph past Mermaid's edge limit
# must be refused, so the check is shown able to fail.
# Usage: check_mermaid.sh ATTRIB_ADVISE SOURCE_DIR WORK_DIR
set -eu
aa=$1
src=$2
work=$3
mkdir -p "$work"
cp "$src/tests/graph/package.json" "$src/tests/graph/package-lock.json" \
    "$src/tests/graph/parse.mjs" "$work/"
# Installed again when the lock changes: node_modules keeps the lock it was
# installed from.
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.installed-from"; then
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$work/package-lock.json" "$work/node_modules/.installed-from"
fi
: > "$work/expected"
for m in CSP DPOR PAL CUA CPOR MBS PRACR GEN all empty wide; do
    case $m in
    all) set -- graph ;;
    empty) set -- --no-default-rules graph ;;
    # Past the edge limit with these rules: drawn as the overview.
    wide) set -- --rules "$src/tests/graph/wide.yaml" graph ;;
    *) set -- graph "$m" ;;
    esac
    "$aa" "$@" > "$work/$m.mmd"
    "$aa" "$@" --format dot > "$work/$m.dot"
    n() { grep -c "$1" "$work/$m.dot" || true; }
    echo "$m.mmd square=$(n 'shape=box') lean_right=$(n 'shape=note')" \
        "stadium=$(n 'shape=ellipse') other=0 edges=$(n ' -> ')" >> "$work/expected"
done
cp "$src/tests/graph/broken.mmd" "$work/broken.mmd"
{
    echo "flowchart LR"
    i=0
    while [ "$i" -le 500 ]; do echo "  r$i --> m_PAL"; i=$((i + 1)); done
} > "$work/edges.mmd"
# One run for all files: loading Mermaid is most of the time.
(cd "$work" && node parse.mjs CSP.mmd DPOR.mmd PAL.mmd CUA.mmd CPOR.mmd \
    MBS.mmd PRACR.mmd GEN.mmd all.mmd empty.mmd wide.mmd broken.mmd edges.mmd \
    > parsed) || true
fail=0
grep -v -e '^broken\.mmd' -e '^edges\.mmd' -e '^  ' "$work/parsed" |
    diff "$work/expected" - || {
    cat "$work/parsed"
    echo "mermaid: refused a graph, or read other nodes or edges than it has"
    fail=1
}
# The check must be able to fail.
grep -q '^broken\.mmd: refused: Parse error' "$work/parsed" ||
    { echo "mermaid: accepted tests/graph/broken.mmd"; fail=1; }
grep -q '^edges\.mmd: refused: Edge limit' "$work/parsed" ||
    { echo "mermaid: accepted 501 edges, past Mermaid's default maxEdges"; fail=1; }
grep -q '^  b0\["' "$work/wide.mmd" ||
    { echo "mermaid: the graph past the edge limit is no overview"; fail=1; }
[ "$fail" -eq 0 ] &&
    echo "mermaid: 11 graphs parsed ($(grep -c -- ' --> ' "$work/all.mmd") edges in the whole one)"
exit "$fail"
