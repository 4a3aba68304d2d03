#!/bin/sh
# attrib-advise interview, scripted: each partner profile's answers
# (tests/cases/interview/PROFILE/stdin, whose transcript the golden case
# pins) end in the plan kept beside them (plan.expected.json), after the
# number of questions the profile needs, and that plan gets the same
# verdict and rank for every mechanism and workload as the matching file
# in examples/ (read without the deployment code it lists, which the
# interview does not ask for).  Also: -o never replaces a file without --force and
# leaves no temporary file, the end of the input keeps what was answered, the
# plan counts answers and skips as the interview does,
# and the Markdown report offered at the end is written whole and never
# over a file.
# Usage: check_interview.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
cases=$src/tests/cases/interview
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
bad() { echo "interview: $*"; fails=1; }

# The verdicts of a plan's advice: verdict, rank and workload lines, in
# report order (mechanisms in contract order, each workload's answer).
verdicts() {
    "$aa" --fail-on=never --format=json "$@" |
        grep -E '^ *"(verdict|rank|workload)": ' | sed 's/^ *//'
}

# profile (case folder = example file name), the questions it answers,
# and how many of them decide verdicts (the rest fill in actions)
while read -r profile asked deciding; do
    st=0
    "$aa" interview -o "$tmp/$profile.json" < "$cases/$profile/stdin" \
        > "$tmp/out" 2> "$tmp/err" || st=$?
    [ "$st" -eq 0 ] || bad "$profile: exit $st: $(cat "$tmp/err")"
    grep -q "^Nothing more to ask: $asked answered, 0 skipped\.$" "$tmp/out" ||
        bad "$profile: not $asked questions: $(grep 'answered,' "$tmp/out")"
    n=$(awk '/^No question left/ { exit } /^[0-9]+\. / { n++ } END { print n + 0 }' "$tmp/out")
    [ "$n" -eq "$deciding" ] ||
        bad "$profile: $n questions before the verdicts were settled, not $deciding"
    cmp -s "$tmp/$profile.json" "$cases/$profile/plan.expected.json" ||
        bad "$profile: the plan differs from plan.expected.json"
    # The interview asks nothing of deployment code: the example is read
    # without the code it lists.
    verdicts --set /solution/artifacts= "$src/examples/$profile.json" \
        > "$tmp/want"
    verdicts "$tmp/$profile.json" > "$tmp/got"
    cmp -s "$tmp/want" "$tmp/got" ||
        bad "$profile: not the advice of examples/$profile.json: $(diff "$tmp/want" "$tmp/got" | tr '\n' ' ')"
done <<'LIST'
csp-reseller 8 6
msp-b2b-contributor 13 11
si-microsoft-365 8 8
si-on-csp-customer 10 9
saas-isv-own-tenant 12 9
isv-arm-outside-marketplace 14 12
isv-si-msp-chain 14 13
isv-that-also-manages 22 19
si-azure-and-microsoft-365 16 14
isv-code-check 14 13
LIST

# The README counts the deciding questions of two of these in words: they
# went stale once already when a question was added.
readme_says() { # PHRASE
    tr '\n' ' ' < "$src/README.md" | grep -q "$1" ||
        bad "README.md does not say '$1' (the counts above changed?)"
}
readme_says "a CSP reseller answers six questions for its verdicts"
readme_says "also operates its platform nineteen;"
# ... and those left after init's CSP profile, answered as the example is.
"$aa" init --profile csp -o "$tmp/csp-start.json" 2> /dev/null
# Three answers, then q: a leftover answer would reach the offer of a
# Markdown report at the end and write a file named after it.
n=$(printf '1\n1\n1\nq\n' |
    "$aa" interview -o "$tmp/csp-done.json" "$tmp/csp-start.json" 2> /dev/null |
    awk '/^No question left/ { exit } /^[0-9]+\. / { n++ } END { print n + 0 }')
[ "$n" -eq 3 ] || bad "from init --profile csp: $n deciding questions, not 3"
readme_says "(three when it starts from \`init --profile csp\`)"

# -o over a file: refused before a question, the file untouched.
echo '{"version": 1}' > "$tmp/mine.json"
st=0
"$aa" interview -o "$tmp/mine.json" < "$cases/csp-reseller/stdin" \
    > /dev/null 2> "$tmp/err" || st=$?
[ "$st" -eq 2 ] || bad "-o over a file: exit $st, expected 2"
grep -q 'exists; give --force' "$tmp/err" || bad "-o over a file: $(cat "$tmp/err")"
[ "$(cat "$tmp/mine.json")" = '{"version": 1}' ] || bad "-o replaced a file"
st=0
"$aa" interview --force -o "$tmp/mine.json" < "$cases/csp-reseller/stdin" \
    > /dev/null 2>&1 || st=$?
[ "$st" -eq 0 ] || bad "--force: exit $st"
cmp -s "$tmp/mine.json" "$cases/csp-reseller/plan.expected.json" ||
    bad "--force did not replace the file with the plan"
ls -a "$tmp" | grep -q '\.tmp' && bad "-o: a temporary file is left"

# -o into a folder that takes no file, though access() says it does (root
# everywhere; /proc for anyone): said before the first question.
if [ -d /proc/self ] && ! touch /proc/attrib-advise-probe 2>/dev/null; then
    st=0
    "$aa" interview -o /proc/plan.json < "$cases/csp-reseller/stdin" \
        > "$tmp/out" 2> "$tmp/err" || st=$?
    [ "$st" -eq 4 ] || bad "-o /proc: exit $st, expected 4"
    grep -q 'cannot create' "$tmp/err" || bad "-o /proc: $(cat "$tmp/err")"
    [ -s "$tmp/out" ] && bad "-o /proc: asked before saying the folder takes no file"
fi

# The end of the input keeps what was answered, and asks nothing more.
st=0
printf '1,3\n1\n' | "$aa" interview -o "$tmp/part.json" > "$tmp/out" \
    2> "$tmp/err" || st=$?
[ "$st" -eq 0 ] || bad "end of input: exit $st"
grep -q '"activities": \["resell", "operate"\]' "$tmp/part.json" ||
    bad "end of input: the answers are not in the plan"
grep -q 'report>' "$tmp/out" && bad "end of input: the report was offered"
# The plan keeps the questions still open as notes, and loads clean.
grep -q '"\$comment"' "$tmp/part.json" || bad "end of input: no notes"
st=0
"$aa" --strict --fail-on=never "$tmp/part.json" > /dev/null 2> "$tmp/err" ||
    st=$?
[ "$st" -eq 0 ] || bad "the partial plan gives exit $st: $(cat "$tmp/err")"

# Stopped before any answer: the plan counts what the interview did, and
# no field is called unknown by a count of skips.
st=0
printf 'q\n' | "$aa" interview -o "$tmp/none.json" > "$tmp/out" 2> "$tmp/err" ||
    st=$?
[ "$st" -eq 0 ] || bad "stopped at once: exit $st"
grep -q '"Plan from attrib-advise interview: 0 answered, 0 skipped\."' \
    "$tmp/none.json" || bad "stopped at once: $(grep 'Plan from' "$tmp/none.json")"
st=0
printf 'skip\nskip\nq\n' | "$aa" interview -o "$tmp/two.json" > "$tmp/out" \
    2> "$tmp/err" || st=$?
grep -q '"Plan from attrib-advise interview: 0 answered, 2 skipped\."' \
    "$tmp/two.json" || bad "two skipped: $(grep 'Plan from' "$tmp/two.json")"

# The Markdown report: written whole at the path given, never over a file.
echo keep > "$tmp/taken.md"
{ cat "$cases/csp-reseller/stdin" | sed '$d'; printf '%s\n%s\n' \
    "$tmp/taken.md" "$tmp/report.md"; } |
    "$aa" interview > "$tmp/out" 2> "$tmp/err" || bad "report: exit $?"
[ "$(cat "$tmp/taken.md")" = keep ] || bad "report: replaced a file"
grep -q 'not taken: .*taken.md exists' "$tmp/out" ||
    bad "report: an existing file was not refused"
grep -q '^| 1 | CSP | automatic |' "$tmp/report.md" ||
    bad "report: not the advice in Markdown"
grep -q 'Markdown report written' "$tmp/err" || bad "report: no note on stderr"
# A name that cannot be taken (a folder's, one in a folder that does not
# exist) is refused as an existing file's is, and asked again: no exit 4.
mkdir "$tmp/reports"
while read -r name said; do
    st=0
    { cat "$cases/csp-reseller/stdin" | sed '$d'; printf '%s\n%s\n' \
        "$tmp/$name" "$tmp/again.md"; } |
        "$aa" interview > "$tmp/out" 2> "$tmp/err" || st=$?
    [ "$st" -eq 0 ] || bad "report named $name: exit $st: $(cat "$tmp/err")"
    grep -q "not taken: .*$name $said" "$tmp/out" ||
        bad "report named $name: not refused"
    [ -s "$tmp/again.md" ] || bad "report named $name: not asked again"
    rm -f "$tmp/again.md"
done <<'NAMES'
reports is a folder
nodir/r.md cannot be created
NAMES
# And /dev/stdin, the pipe of the answers: the report would go back into
# it, unread, with "written" said.
st=0
{ cat "$cases/csp-reseller/stdin" | sed '$d'; printf '%s\n%s\n' \
    /dev/stdin "$tmp/again.md"; } |
    "$aa" interview > "$tmp/out" 2> "$tmp/err" || st=$?
[ "$st" -eq 0 ] || bad "report named /dev/stdin: exit $st: $(cat "$tmp/err")"
grep -q "not taken: /dev/stdin cannot be created" "$tmp/out" ||
    bad "report named /dev/stdin: not refused"
[ -s "$tmp/again.md" ] || bad "report named /dev/stdin: not asked again"

# A list answer with an empty item is refused, not read as fewer items or
# as the empty list (none says that), and asked again.
st=0
printf ',\n , \n1,,3\n1,\nq\n' |
    "$aa" interview -o "$tmp/comma.json" > "$tmp/out" 2> "$tmp/err" || st=$?
[ "$st" -eq 0 ] || bad "empty item: exit $st"
[ "$(grep -c "not taken: an empty item in '" "$tmp/out")" -eq 4 ] ||
    bad "empty item: not refused 4 times: $(grep 'not taken' "$tmp/out")"
grep -q '"activities"' "$tmp/comma.json" &&
    bad "empty item: taken: $(grep '"activities"' "$tmp/comma.json")"
[ "$fails" -eq 0 ] && echo "interview: ok"
exit "$fails"
