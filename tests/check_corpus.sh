#!/bin/sh
# Every file of the real-world corpus, scanned alone, must get a status
# that tests/corpus/iac/expected.tsv allows.  With GOLDEN, the whole text
# report of each file scanned alone (findings, notes and the summary line,
# file after file in expected.tsv order) must also be GOLDEN's content, so
# that every file is a golden case of its own; AA_BLESS=1 rewrites GOLDEN.
# Usage: check_corpus.sh AA ROOT [GOLDEN]
set -u
# Text at 80 columns, as GOLDEN holds it, whatever the terminal.
unset COLUMNS
aa=$1
dir=$2/tests/corpus/iac
golden=${3:-}
pass=0
fail=0
tab=$(printf '\t')
out=$(mktemp)
solo=$(mktemp -d)
trap 'rm -rf "$out" "$solo"' EXIT
while IFS="$tab" read -r id file allowed; do
    case $id in '#'*|'') continue ;; esac
    # A .tf file of tf/ is expected as a file alone: it is scanned from a
    # copy of its folder that holds it alone, or it would be read with the
    # other .tf files of its folder as its module, as Terraform reads a
    # folder.  Those under trees/ are read with their module.
    from=$dir
    case $file in
    tf/*.tf)
        rm -rf "$solo"/*
        mkdir -p "$solo/${file%/*}" &&
            cp "$dir/$file" "$solo/$file" && from=$solo ;;
    esac
    json=$(cd "$from" && "$aa" scan --format json "$file" 2>/dev/null)
    # One file in, so the one "status" member is that file's.
    got=$(printf '%s\n' "$json" | sed -n 's/^      "status": "\([a-z_]*\)",$/\1/p')
    case ",$allowed," in
    *",$got,"*)
        pass=$((pass + 1)) ;;
    *)
        fail=$((fail + 1))
        echo "corpus: $id $file: got '${got:-nothing}', expected one of $allowed" ;;
    esac
    if [ -n "$golden" ]; then
        printf '== %s %s\n' "$id" "$file" >> "$out"
        (cd "$from" && "$aa" scan --color=never --fail-on=never "$file") \
            >> "$out" 2>&1
    fi
done < "$dir/expected.tsv"
echo "corpus: $pass passed, $fail failed"
if [ -n "$golden" ]; then
    if [ "${AA_BLESS:-0}" = 1 ]; then
        cp "$out" "$golden"
    elif ! diff -u "$golden" "$out"; then
        echo "corpus: the reports of files scanned alone differ from $golden"
        fail=$((fail + 1))
    fi
fi
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
