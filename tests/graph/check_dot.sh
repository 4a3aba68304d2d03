#!/bin/sh
# Draw every graph 'attrib-advise graph --format dot' writes with Graphviz
# (dot -Tsvg): each mechanism's, the whole graph and the empty one of
# --no-default-rules.  A graph fails on a non-zero exit status or on anything
# dot prints to stderr (it warns, and still draws, for an unknown shape or
# attribute), and when the picture does not hold every node and edge the
# file declares.  Two broken files must fail, so the check is shown able to.
# Usage: check_dot.sh ATTRIB_ADVISE SOURCE_DIR WORK_DIR DOT
set -eu
aa=$1
src=$2
work=$3
dot=$4
mkdir -p "$work"
# draw FILE: dot accepts it without a word and draws all of it.
draw() {
    "$dot" -Tsvg "$1" > "$1.svg" 2> "$1.err" || { cat "$1.err"; return 1; }
    [ ! -s "$1.err" ] || { cat "$1.err"; return 1; }
    nodes=$(grep -c ' \[shape=' "$1" || true)
    edges=$(grep -c ' -> ' "$1" || true)
    drawn=$(grep -c 'class="node"' "$1.svg" || true)
    [ "$drawn" -eq "$nodes" ] ||
        { echo "$1: $nodes nodes declared, $drawn drawn"; return 1; }
    drawn=$(grep -c 'class="edge"' "$1.svg" || true)
    [ "$drawn" -eq "$edges" ] ||
        { echo "$1: $edges edges declared, $drawn drawn"; return 1; }
}
fail=0
for m in CSP DPOR PAL CUA CPOR MBS PRACR GEN ""; do
    out="$work/graph-${m:-all}.dot"
    "$aa" graph --format dot $m > "$out"
    draw "$out" || { echo "dot: refused graph $m"; fail=1; }
done
"$aa" --no-default-rules graph --format dot > "$work/graph-empty.dot"
draw "$work/graph-empty.dot" || { echo "dot: refused the empty graph"; fail=1; }
# Past Mermaid's edge limit, the whole graph is its overview.
"$aa" --rules "$src/tests/graph/wide.yaml" graph --format dot > "$work/graph-wide.dot"
draw "$work/graph-wide.dot" || { echo "dot: refused the overview graph"; fail=1; }
grep -q '^  b0 \[shape=box' "$work/graph-wide.dot" ||
    { echo "dot: the graph past Mermaid's edge limit is no overview"; fail=1; }
for f in broken warning; do
    cp "$src/tests/graph/$f.dot" "$work/$f.dot"
    if draw "$work/$f.dot" >/dev/null; then
        echo "dot: accepted tests/graph/$f.dot"; fail=1
    fi
done
[ "$fail" -eq 0 ] &&
    echo "dot: 11 graphs drawn ($(grep -c ' -> ' "$work/graph-all.dot") edges in the whole one)"
exit "$fail"
