#!/bin/sh
# Throughput and memory of the advisor, rules compiled once per run:
#   1. N scenario files advised in one run (JSON out);
#   2. the same N scenarios as one NDJSON batch (NDJSON out).
# Usage: bench/run.sh [BUILD_DIR] [N].  Prints scenarios per second and
# the peak resident size of each; a measurement, not a test.
set -eu
build=${1:-build}
n=${2:-2000}
aa="$build/attrib-advise"
[ -x "$aa" ] || { echo "bench: build first ($aa missing)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Plans that list deployment code find it relative to themselves.
cp -r examples/code "$dir/code"
set -- examples/*.json
k=0
while [ "$k" -lt "$n" ]; do
    for f in "$@"; do
        [ "$k" -lt "$n" ] || break
        cp "$f" "$dir/s$k.json"
        tr -d '\n' < "$f" >> "$dir/batch.ndjson"
        echo >> "$dir/batch.ndjson"
        k=$((k + 1))
    done
done
measure() {
    label=$1
    shift
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$dir/rss" "$aa" --format=json --fail-on=never \
        "$@" > /dev/null
    end=$(date +%s.%N)
    awk -v n="$n" -v s="$start" -v e="$end" -v rss="$(cat "$dir/rss")" \
        -v label="$label" 'BEGIN {
        t = e - s
        printf "%-8s %d scenarios in %.3f s: %.0f scenarios/s, peak RSS %d KiB\n",
               label, n, t, n / t, rss
    }'
}
measure files "$dir"/s*.json
measure ndjson --ndjson "$dir/batch.ndjson"
