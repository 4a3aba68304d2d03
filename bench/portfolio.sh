#!/bin/sh
# The portfolio at scale: N generated plans (tests/gen_plans.c, default
# 10,000) summarised and every count recomputed from the per-plan JSON
# (tests/portfolio_check.c), then the peak resident size of the summary
# over N and over 20 N plans of one NDJSON batch, which should be the
# same: memory does not grow with the number of plans.
# Usage: bench/portfolio.sh [BUILD_DIR] [N].  A measurement, and a check:
# exit 1 when a count differs.
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-10000}
aa="$build/attrib-advise"
[ -x "$aa" ] || { echo "bench: build first ($aa missing)" >&2; exit 2; }
cmake --build "$build" --target gen_plans portfolio_check >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sh tests/check_portfolio.sh "$aa" "$build/tests/gen_plans" \
    "$build/tests/portfolio_check" "$dir/check" "$n"
rss() {
    count=$1
    "$build/tests/gen_plans" "$count" 5 > "$dir/batch.ndjson"
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$dir/rss" "$aa" portfolio --ndjson \
        --format json --group-by /partner/types "$dir/batch.ndjson" \
        > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    # time(1) writes "Command exited with non-zero status N" first when
    # plans were unreadable; the size is the last line.
    awk -v n="$count" -v s="$start" -v e="$end" -v rss="$(tail -n 1 "$dir/rss")" \
        'BEGIN {
        t = e - s
        printf "portfolio %7d plans in %6.2f s: %6.0f plans/s, peak RSS %d KiB\n",
               n, t, n / t, rss
    }'
}
rss "$n"
rss $((n * 20))
