#!/bin/sh
# How loading rules scales with their number: for each N, a pack of N
# rules from bench/gen_rules.sh, read three ways, each the least CPU time
# (user + system) of RUNS runs:
#   floor   libyaml's events for the file and nothing more (yaml_floor.c);
#   advise  the built-in rules, the pack and one plan (--rules PACK PLAN):
#           load, compile, evaluate;
#   check   'rules check PACK', which also tries every rule it can decide
#           on every combination of what it reads.
# Then the ratio to the floor and, from one N to the next, the exponent of
# the growth (1 is linear).  CPU time, not wall time: on a machine others
# use, waiting is not cost.
# Usage: bench/rule_load.sh [BUILD_DIR] [RUNS] [N...]; defaults: build, 3,
# 1000 4000 16000 25000.  A measurement, not a test.
set -eu
build=${1:-build}
runs=${2:-3}
if [ $# -gt 2 ]; then shift 2; else set -- 1000 4000 16000 25000; fi
aa="$build/attrib-advise"
[ -x "$aa" ] || { echo "bench: build first ($aa missing)" >&2; exit 2; }
cmake --build "$build" --target bench_yaml_floor > /dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan=examples/msp-b2b-contributor.json
# best RUNS CMD...: the least user+system seconds, and the peak RSS (KiB)
# of that run.
best() {
    r=$1
    shift
    for _ in $(seq "$r"); do
        /usr/bin/time -o "$dir/t" -f "%U %S %M" "$@" > /dev/null 2>&1 ||
            [ $? -eq 1 ] # rules check exits 1 when a rule can never fire
        awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$dir/t"
    done | sort -n | head -1
}
printf '%7s %7s %8s %8s %6s %5s %8s %6s %9s\n' rules MiB floor_s advise_s \
    x_floor exp check_s exp peak_MiB
prev=
for n in "$@"; do
    sh bench/gen_rules.sh "$n" > "$dir/pack.yaml"
    lim="--limit rules=$n --limit lists=$n --limit rules-size=$(wc -c < "$dir/pack.yaml")"
    # shellcheck disable=SC2086 # $lim is three options
    set -- "$(best "$runs" "$build/bench_yaml_floor" "$dir/pack.yaml")" \
        "$(best "$runs" "$aa" --no-config $lim --rules "$dir/pack.yaml" "$plan")" \
        "$(best "$runs" "$aa" --no-config $lim rules check "$dir/pack.yaml")"
    echo "$n $(wc -c < "$dir/pack.yaml") $1 $2 $3 $prev"
    prev="$n ${2%% *} ${3%% *}"
done | awk '{
    n = $1; mib = $2 / 1048576; floor = $3; adv = $5; chk = $7
    ea = "-"; ec = "-"
    if (NF >= 11 && $10 > 0 && $11 > 0) {
        ea = sprintf("%.2f", log(adv / $10) / log(n / $9))
        ec = sprintf("%.2f", log(chk / $11) / log(n / $9))
    }
    xf = floor > 0 ? sprintf("%.1f", adv / floor) : "-"
    printf "%7d %7.1f %8.2f %8.2f %6s %5s %8.2f %6s %9.0f\n", n, mib, floor,
           adv, xf, ea, chk, ec, ($6 > $8 ? $6 : $8) / 1024
}'
