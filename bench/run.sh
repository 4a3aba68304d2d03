#!/bin/sh
# Throughput and memory of the advisor: rules compiled once, N scenarios
# advised in one run.  Usage: bench/run.sh [BUILD_DIR] [N]
# Prints scenarios per second and the peak resident size; not a test.
set -eu
build=${1:-build}
n=${2:-2000}
aa="$build/attrib-advise"
[ -x "$aa" ] || { echo "bench: build first ($aa missing)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
i=0
for f in examples/*.json; do
    cp "$f" "$dir/seed$i.json"
    i=$((i + 1))
done
k=0
while [ "$k" -lt "$n" ]; do
    cp "$dir/seed$((k % i)).json" "$dir/s$k.json"
    k=$((k + 1))
done
rm -f "$dir"/seed*.json
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$dir/rss" "$aa" --format=json --fail-on=never \
    "$dir"/s*.json >/dev/null
end=$(date +%s.%N)
awk -v n="$n" -v s="$start" -v e="$end" -v rss="$(cat "$dir/rss")" 'BEGIN {
    t = e - s
    printf "%d scenarios in %.3f s: %.0f scenarios/s, peak RSS %d KiB\n",
           n, t, n / t, rss
}'
