#!/bin/bash
# --ndjson from a pipe answers each plan before it reads the next: a
# program that writes one plan and waits for its answer (an editor, a
# chat bot) gets it at once, in every per-report format, though a batch
# from a file is written 256 KiB at a time.  bash: 'read -t' waits with a
# limit, so a missing answer fails the test instead of hanging it.
# Usage: check_answer.sh ATTRIB_ADVISE PLAN.json
set -eu
bin=$1
plan=$(tr -d '\n' < "$2")
d=$(mktemp -d)
trap 'exec 3>&- 4<&- 2> /dev/null; rm -rf "$d"' EXIT
mkfifo "$d/in" "$d/out"
for format in json summary text markdown; do
    "$bin" --no-config --fail-on never --ndjson --format "$format" - \
        < "$d/in" > "$d/out" &
    pid=$!
    exec 3> "$d/in" 4< "$d/out"
    for i in 1 2 3; do
        printf '%s\n' "$plan" >&3
        if ! IFS= read -r -t 10 line <&4; then
            echo "check_answer: $format: no answer to plan $i within 10 s" >&2
            kill "$pid" 2> /dev/null || :
            exit 1
        fi
        # Each answer's first line, then the rest of it while it keeps
        # coming, so the next read starts at the next answer's.
        while IFS= read -r -t 0.2 line <&4; do :; done
    done
    exec 3>&-
    cat <&4 > /dev/null
    exec 4<&-
    wait "$pid"
done
echo "check_answer: each plan answered before the next, in 4 formats"
