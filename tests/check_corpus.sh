#!/bin/sh
# Every file of the real-world corpus, scanned alone, must get a status
# that tests/corpus/iac/expected.tsv allows.  Usage: check_corpus.sh AA ROOT
set -u
aa=$1
dir=$2/tests/corpus/iac
pass=0
fail=0
tab=$(printf '\t')
while IFS="$tab" read -r id file allowed; do
    case $id in '#'*|'') continue ;; esac
    out=$("$aa" scan --format json "$dir/$file" 2>/dev/null)
    # One file in, so the one "status" member is that file's.
    got=$(printf '%s\n' "$out" | sed -n 's/^      "status": "\([a-z_]*\)",$/\1/p')
    case ",$allowed," in
    *",$got,"*)
        pass=$((pass + 1)) ;;
    *)
        fail=$((fail + 1))
        echo "corpus: $id $file: got '${got:-nothing}', expected one of $allowed" ;;
    esac
done < "$dir/expected.tsv"
echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
