#!/bin/sh
# Throughput and memory of the deployment-code scan: a tree of N files
# (default 1000) copied from the real-world corpus (tests/corpus/iac) and
# the rule tests' files (rules/tests/iac), spread over nested folders the way
# a repository holds them, scanned in one run.
# Usage: bench/scan.sh [BUILD_DIR] [N].  Prints files per second, bytes
# per second and the peak resident size; a measurement, not a test.
set -eu
build=${1:-build}
n=${2:-1000}
aa="$build/attrib-advise"
[ -x "$aa" ] || { echo "bench: build first ($aa missing)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
set -- tests/corpus/iac/*.json tests/corpus/iac/*.bicep \
    $(find tests/corpus/iac/tf -name '*.tf' | LC_ALL=C sort) \
    rules/tests/iac/*/*.json rules/tests/iac/*/*.bicep rules/tests/iac/*/*.tf \
    rules/tests/iac/scripts/*
k=0
while [ "$k" -lt "$n" ]; do
    for f in "$@"; do
        [ "$k" -lt "$n" ] || break
        sub="$dir/tree/team$((k % 10))/app$((k % 37))"
        # A .tf file is a module of its own: two default provider blocks
        # in one folder make Terraform, and the scan, refuse it.
        case $f in *.tf) sub="$sub/tf$k" ;; esac
        mkdir -p "$sub"
        base=$(basename "$f")
        cp "$f" "$sub/$k-$base"
        k=$((k + 1))
    done
done
bytes=$(du -sb "$dir/tree" | cut -f1)
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$dir/rss" "$aa" scan --format=json --fail-on=never \
    "$dir/tree" > "$dir/out.json"
end=$(date +%s.%N)
files=$(grep -c '"path":' "$dir/out.json")
awk -v n="$files" -v b="$bytes" -v s="$start" -v e="$end" \
    -v rss="$(cat "$dir/rss")" 'BEGIN {
    t = e - s
    printf "scan     %d files (%.1f MiB) in %.3f s: %.0f files/s, %.1f MiB/s, peak RSS %d KiB\n",
           n, b / 1048576, t, n / t, b / 1048576 / t, rss
}'
