#!/bin/sh
# rules/sources.yaml is generated from the knowledge base's table of sources
# (rules/data/sources.tsv) and the sources it describes without a row
# (rules/data/sources-unlisted.tsv), and must match them; the table must
# match the knowledge base's copy when that is beside the repository.  That
# every source a fact names is there, the compiler checks (AA_E_FACT).
# Usage: check_sources.sh SOURCE_DIR
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$src/scripts/gen-sources.sh" "$src/rules/data" > "$tmp/sources.yaml"
if ! diff -u "$src/rules/sources.yaml" "$tmp/sources.yaml"; then
    echo "rules/sources.yaml is stale: run sh scripts/gen-sources.sh > rules/sources.yaml"
    exit 1
fi
kb="$src/../shared/knowledge/sources.tsv"
if [ -f "$kb" ] && ! cmp -s "$kb" "$src/rules/data/sources.tsv"; then
    echo "rules/data/sources.tsv differs from the knowledge base's $kb"
    exit 1
fi
echo "sources: $(grep -c '^  - id: ' "$src/rules/sources.yaml") sources, generated from the tables"
