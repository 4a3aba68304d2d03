#!/bin/sh
# attrib-advise init: every profile's starting plan loads without error or
# warning (no input.* finding even under --strict), and -o FILE writes it
# whole, never replacing a file without --force.
# Usage: check_init.sh ATTRIB_ADVISE
set -eu
aa=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
bad() { echo "init: $*"; fails=1; }

for p in msp isv si csp saas licensing ""; do
    st=0
    "$aa" init ${p:+--profile "$p"} > "$tmp/plan.json" || st=$?
    [ "$st" -eq 0 ] || bad "--profile '$p': exit $st"
    st=0
    "$aa" --strict --fail-on=never --format=json "$tmp/plan.json" \
        > "$tmp/advice.json" 2> "$tmp/err" || st=$?
    [ "$st" -eq 0 ] || bad "--profile '$p': the plan gives exit $st: $(cat "$tmp/err")"
    [ -s "$tmp/err" ] && bad "--profile '$p': the plan says: $(cat "$tmp/err")"
    if grep -q '"rule": "input\.\(unknown-key\|suppression\)' "$tmp/advice.json"; then
        bad "--profile '$p': the plan has an input finding"
    fi
done

# -o: written whole, with a note; never replaced without --force.
st=0
"$aa" init --profile csp -o "$tmp/new.json" 2> "$tmp/err" || st=$?
[ "$st" -eq 0 ] || bad "-o: exit $st"
grep -q 'starting plan written' "$tmp/err" || bad "-o: no note on stderr"
"$aa" init --profile csp | cmp -s - "$tmp/new.json" || bad "-o: not what stdout gets"
ls "$tmp" | grep -q '\.tmp\.' && bad "-o: a temporary file is left"
echo '{"version": 1}' > "$tmp/mine.json"
st=0
"$aa" init --profile msp -o "$tmp/mine.json" 2> "$tmp/err" || st=$?
[ "$st" -eq 2 ] || bad "-o over a file: exit $st, expected 2"
grep -q 'exists; give --force' "$tmp/err" || bad "-o over a file: $(cat "$tmp/err")"
[ "$(cat "$tmp/mine.json")" = '{"version": 1}' ] || bad "-o replaced a file"
st=0
"$aa" init --profile msp --force -o "$tmp/mine.json" 2>/dev/null || st=$?
[ "$st" -eq 0 ] || bad "--force: exit $st"
grep -q '"msp"' "$tmp/mine.json" || bad "--force did not replace the file"
# A folder that cannot be written: nothing is left, the status says so.
mkdir "$tmp/ro"
chmod a-w "$tmp/ro"
if [ ! -w "$tmp/ro" ]; then # root writes anyway
    st=0
    "$aa" init -o "$tmp/ro/plan.json" 2>/dev/null || st=$?
    [ "$st" -eq 4 ] || bad "unwritable folder: exit $st, expected 4"
fi
chmod u+w "$tmp/ro"
# -o - is standard output, as without -o: no file named '-'.
(cd "$tmp" && "$aa" init --profile isv -o - > out.json 2> err) || bad "-o -: exit $?"
[ -e "$tmp/-" ] && bad "-o - wrote a file named '-'"
"$aa" init --profile isv | cmp -s - "$tmp/out.json" || bad "-o -: not what stdout gets"
# The command the note suggests is one shell word, as pasted.
(cd "$tmp" && "$aa" init -o "it's a plan.json" 2> err) || bad "-o quoted: exit $?"
grep -qF "attrib-advise 'it'\''s a plan.json'" "$tmp/err" || bad "-o quoted: $(cat "$tmp/err")"
(cd "$tmp" && "$aa" init -o "-lead.json" 2> err) || bad "-o -lead: exit $?"
grep -qF 'attrib-advise ./-lead.json' "$tmp/err" || bad "-o -lead: $(cat "$tmp/err")"
(cd "$tmp" && "$aa" init -o plain.json 2> err) || bad "-o plain: exit $?"
grep -qF 'advise on it: attrib-advise plain.json' "$tmp/err" || bad "-o plain: $(cat "$tmp/err")"
[ "$fails" -eq 0 ] && echo "init: ok"
exit "$fails"
