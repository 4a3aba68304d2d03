#!/bin/sh
# The fact registry (rules/facts.yaml) and the knowledge base must list the
# same fact IDs, and every fact of sections 0-8 must be cited by a rule.
# Usage: check_registry.sh ATTRIB_ADVISE SOURCE_DIR
# The knowledge base lives beside the repository (../shared); without it
# the comparison is skipped, loudly (exit 77 = skipped for CTest).
set -eu
aa=$1
src=$2
kb="$src/../shared/knowledge/attribution-facts.md"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The list is a table read a row a line: wide enough that none wraps.
COLUMNS=1000
export COLUMNS

"$aa" facts | awk '{print $1}' | sort > "$tmp/registry"
fail=0
for id in $(grep -vE '^OLD-' "$tmp/registry"); do
    if "$aa" facts "$id" | grep -q 'cited by no rule'; then
        echo "fact $id is cited by no rule"; fail=1
    fi
done
if [ ! -f "$kb" ]; then
    echo "SKIPPED: $kb not found; registry not compared with the knowledge base"
    [ "$fail" -eq 0 ] && exit 77
    exit 1
fi
grep -oE '^\| [A-Z]+-F[0-9]+ ' "$kb" | sed 's/^| //; s/ $//' | sort -u > "$tmp/kb"
if ! diff -u "$tmp/kb" "$tmp/registry" > "$tmp/diff"; then
    echo "registry and knowledge base disagree (- knowledge base, + registry):"
    grep -E '^[-+][A-Z]' "$tmp/diff"
    fail=1
fi
# The status tags agree too: a fact that became soft may no longer decide,
# and the compiler only knows that from the registry.  The knowledge base
# writes "doc (provider code, 2026-08)"; the registry keeps "doc".  Section
# 9 (OLD-) has a status column of its own and is "history" in the registry.
awk -F'|' '/^\| [A-Z]+-F[0-9]+ / && $2 !~ /OLD-/ {
    id = $2; tag = $(NF - 2); gsub(/ /, "", id)
    sub(/^ +/, "", tag); sub(/ *\(.*$/, "", tag); sub(/ +$/, "", tag)
    print id, tag }' "$kb" | sort > "$tmp/kb-tags"
"$aa" facts | awk '$1 !~ /^OLD-/ {print $1, $2}' | sort > "$tmp/tags"
if ! diff -u "$tmp/kb-tags" "$tmp/tags" > "$tmp/diff"; then
    echo "status tags disagree (- knowledge base, + registry):"
    grep -E '^[-+][A-Z]' "$tmp/diff"
    fail=1
fi
[ "$fail" -eq 0 ] && echo "registry: $(wc -l < "$tmp/registry") facts, in step with the knowledge base; every fact of sections 0-8 is cited"
exit "$fail"
