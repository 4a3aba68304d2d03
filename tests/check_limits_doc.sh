#!/bin/sh
# docs/security.md lists the bounds on input exactly as the program has
# them (attrib-advise --dump=limits).
# Usage: check_limits_doc.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
doc=$2/docs/security.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$aa" --dump=limits > "$tmp"
while IFS= read -r line; do
    if ! grep -qxF -- "$line" "$doc"; then
        echo "docs/security.md lacks this line of --dump=limits:"
        echo "$line"
        exit 1
    fi
done < "$tmp"
echo "limits: docs/security.md lists all $(($(wc -l < "$tmp") - 2))"
