#!/bin/sh
# --dump=rule-docs DIR moves its pages into DIR only when every page was
# written; when a move fails part-way (here rename() of one page in the
# middle, made to fail by the shim fail_rename.so), the pages moved before
# it go back out and the older pages back in: DIR is as it was, with no
# temporary folder left, and the page that failed is named.
# Usage: check_rule_docs_move.sh ATTRIB_ADVISE FAIL_RENAME_SO
set -eu
aa=$1
so=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "rule-docs move: $*"; exit 1; }

"$aa" --dump=rule-docs docs > /dev/null
# An index and a page in other words than this build's (moved before the
# failing page), a page this build would add (before it too), a later page
# and a file of the user's.
echo "old index" > docs/README.md
echo "old words" > docs/cpor.azure-only.md
rm docs/csp.not-in-transaction.md
echo "later words" > docs/pal.no-workload.md
echo mine > docs/notes.txt
cp -R docs before

rc=0
LD_PRELOAD=$so AA_FAIL_RENAME_TO=dpor.not-ea.md \
    "$aa" --dump=rule-docs docs > out.txt 2> err.txt || rc=$?
[ "$rc" -eq 4 ] || { cat err.txt; fail "exited $rc, expected 4"; }
[ "$(cat err.txt)" = "attrib-advise: docs/dpor.not-ea.md: error: cannot write: Input/output error" ] ||
    { cat err.txt; fail "unexpected message"; }
diff -r before docs > diff.txt || { cat diff.txt; fail "the folder changed"; }
ls -A docs | grep -q '^\.rule-docs\.' && fail "temporary folder left"

# The shim fails nothing else: the same dump without it succeeds.
LD_PRELOAD=$so "$aa" --dump=rule-docs docs > /dev/null || fail "dump with the shim alone failed"
[ "$(head -c 1 docs/README.md)" != o ] || fail "the index was not written"
[ -f docs/csp.not-in-transaction.md ] || fail "a page was not written"
echo "rule-docs move: ok"
