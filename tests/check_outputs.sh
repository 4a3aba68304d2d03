#!/bin/sh
# --output FORMAT=PATH writes the same document as --format FORMAT on
# stdout, several outputs in one run, leaves no temporary file behind, and
# refuses a path it cannot create with exit status 4 and no file.  Files
# written (outputs and baselines) get the mode the umask gives, and a run
# ended by SIGTERM, SIGINT or SIGHUP leaves neither a temporary file nor a
# partial output.
# Usage: check_outputs.sh ATTRIB_ADVISE SOURCE_DIR
set -eu
aa=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
status=0
"$aa" --fail-on=never --output sarif="$tmp/run.sarif" \
    --output junit="$tmp/run.xml" --output markdown="$tmp/run.md" \
    examples > "$tmp/run.txt" 2>/dev/null || status=$?
[ "$status" -eq 0 ] || { echo "outputs: exit $status"; exit 1; }
"$aa" --fail-on=never --format=sarif examples > "$tmp/want.sarif"
"$aa" --fail-on=never --format=junit examples > "$tmp/want.xml"
"$aa" --fail-on=never --format=markdown examples > "$tmp/want.md"
"$aa" --fail-on=never examples > "$tmp/want.txt" 2>/dev/null
for f in run.sarif:want.sarif run.xml:want.xml run.md:want.md run.txt:want.txt; do
    cmp "$tmp/${f%%:*}" "$tmp/${f##*:}" || { echo "outputs: $f differ"; exit 1; }
done
if ls "$tmp" | grep -q '\.tmp\.'; then echo "outputs: temporary file left"; exit 1; fi
# /dev/stdout when standard output is a pipe: two documents in one
# stream for the reader at its end, refused as for a redirected file.
status=0
{ "$aa" -f sarif -o json=/dev/stdout examples/csp-reseller.json \
    2> "$tmp/err" || echo "exit $?" > "$tmp/st"; } | cat > "$tmp/piped"
grep -qx 'exit 2' "$tmp/st" 2>/dev/null ||
    { echo "outputs: -o json=/dev/stdout into a pipe: $(cat "$tmp/st" 2>/dev/null || echo 'exit 0')"; exit 1; }
[ ! -s "$tmp/piped" ] || { echo "outputs: -o json=/dev/stdout into a pipe wrote"; exit 1; }
grep -q "standard output goes to" "$tmp/err" ||
    { echo "outputs: -o json=/dev/stdout: $(cat "$tmp/err")"; exit 1; }
"$aa" -f summary -o json=/dev/null examples/csp-reseller.json > /dev/null ||
    { echo "outputs: -o json=/dev/null beside stdout on /dev/null refused"; exit 1; }
status=0
"$aa" --output sarif="$tmp/missing/dir/x.sarif" examples/csp-reseller.json \
    > /dev/null 2> "$tmp/err" || status=$?
[ "$status" -eq 4 ] || { echo "outputs: exit $status for an uncreatable path"; exit 1; }
grep -q "cannot create" "$tmp/err"
[ ! -e "$tmp/missing" ]

# The umask decides the mode, as for any file the user creates (mkstemp
# alone gives 0600).
for mask in 022:644 027:640 077:600; do
    rm -f "$tmp/m.json" "$tmp/b.json"
    (umask "${mask%%:*}" && "$aa" --fail-on=never --output json="$tmp/m.json" \
        --write-baseline "$tmp/b.json" examples/csp-reseller.json > /dev/null)
    for f in m.json b.json; do
        mode=$(stat -c %a "$tmp/$f")
        [ "$mode" = "${mask##*:}" ] ||
            { echo "outputs: $f is $mode under umask ${mask%%:*}"; exit 1; }
    done
done

# A signal in the middle of a run removes the temporary file and leaves no
# output.  The plans come through a FIFO held open until the signal has
# landed, so the run cannot end first however fast or slow the machine (a
# long file raced the watcher and, on a busy machine, sometimes won).  The
# run is started in the foreground through sh -c, which records its pid: a
# background job of a script has SIGINT ignored.
for f in examples/*.json; do tr -d '\n' < "$f"; echo; done > "$tmp/ten.ndjson"
for sig in TERM INT HUP; do
    rm -f "$tmp/pid" "$tmp/done" "$tmp/in" "$tmp"/big.json*
    mkfifo "$tmp/in"
    (
        cat "$tmp/ten.ndjson"
        until [ -e "$tmp/done" ]; do sleep 0.05; done
    ) > "$tmp/in" &
    (
        i=0
        until ls "$tmp"/big.json.tmp.* > /dev/null 2>&1; do
            i=$((i + 1))
            # Never seen: let the run end, which the check below reports.
            [ "$i" -lt 400 ] || { touch "$tmp/done"; exit 0; }
            sleep 0.05
        done
        kill -s "$sig" "$(cat "$tmp/pid")"
        touch "$tmp/done"
    ) &
    status=0
    sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$tmp/pid" "$aa" --ndjson \
        --fail-on=never --output json="$tmp/big.json" - < "$tmp/in" \
        > /dev/null 2>&1 || status=$?
    wait
    [ "$status" -gt 128 ] ||
        { echo "outputs: SIG$sig did not end the run (exit $status)"; exit 1; }
    if ls "$tmp" | grep -q '^big\.json'; then
        echo "outputs: SIG$sig left $(ls "$tmp" | grep '^big\.json')"; exit 1
    fi
done
echo "outputs: ok"
