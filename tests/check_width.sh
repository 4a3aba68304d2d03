#!/bin/sh
# No line of text output passes the width it was made for: every golden
# text output of tests/cases (expect.text, and expect.stdout that is
# neither a document format nor a diagnostic) is measured in terminal
# columns by wc -L under a UTF-8 locale (not by the code under test), with
# its colour codes taken out, against the COLUMNS of the case's env file,
# or 80.  Diagnostics (FILE:LINE:COL: level: message, and anything on
# standard error) and the other lines that start with their place
# (FILE:LINE:COL: FAIL ... of 'rules test') stay one line each, whatever
# the width, for editors and grep; so do the pages of 'rules show' (the
# Markdown of docs/rules/ID.md) and the outputs in Markdown, JSON, XML,
# HTML, CSV, Mermaid and DOT, which are documents, not terminal text.
# usage: check_width.sh CASES_DIR
set -eu
cases=$1
export LC_ALL=C.UTF-8
fail=0 n=0
esc=$(printf '\033')
for f in $(find "$cases" -name expect.text -o -name expect.stdout | sort); do
    d=$(dirname "$f")
    case $(head -c 1 "$f") in '{' | '[' | '<' | '#' | '|') continue ;; esac
    # Documents and diagnostics, by their look.
    if grep -qE '^(flowchart|digraph|graph |source=|"?[a-z_]+"?,)' "$f" ||
        grep -qE '^\| .* \|$' "$f"; then
        continue
    fi
    width=80
    if [ -f "$d/env" ] && grep -q '^COLUMNS=' "$d/env"; then
        width=$(sed -n 's/^COLUMNS=//p' "$d/env")
    fi
    n=$((n + 1))
    sed -e "s/$esc\\[[0-9;]*m//g" -e "s/$esc\\]8;;[^$esc]*$esc\\\\//g" "$f" |
        grep -vE '^ *[^ ]+:[0-9]+(:[0-9]+)?: ' \
            >"$f.width.tmp" || true
    w=$(wc -L <"$f.width.tmp")
    if [ "$w" -gt "$width" ]; then
        echo "FAIL: $f: a line of $w columns, over $width:"
        awk -v w="$width" 'length($0) > w { print "  " NR ": " substr($0, 1, 100) }' \
            "$f.width.tmp" | head -3
        fail=1
    fi
    rm -f "$f.width.tmp"
done
echo "$n text outputs measured"
[ "$n" -gt 100 ] || { echo "FAIL: too few text outputs found"; fail=1; }
exit $fail
