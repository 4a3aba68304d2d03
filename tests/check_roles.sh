#!/bin/sh
# rules/roles.yaml is generated from Microsoft's table of PEC-eligible roles
# (rules/data/pec-roles.tsv, fact PAL-F20) and must match it; the table must
# match the knowledge base's copy when that is beside the repository.
# Usage: check_roles.sh SOURCE_DIR
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$src/scripts/gen-roles.sh" "$src/rules/data/pec-roles.tsv" > "$tmp/roles.yaml"
if ! diff -u "$src/rules/roles.yaml" "$tmp/roles.yaml"; then
    echo "rules/roles.yaml is stale: run sh scripts/gen-roles.sh > rules/roles.yaml"
    exit 1
fi
kb="$src/../shared/knowledge/pec-roles.tsv"
if [ -f "$kb" ] && ! cmp -s "$kb" "$src/rules/data/pec-roles.tsv"; then
    echo "rules/data/pec-roles.tsv differs from the knowledge base's $kb"
    exit 1
fi
echo "roles: $(grep -c '^    - ' "$src/rules/roles.yaml") roles, generated from the table"
