#!/bin/sh
# Where the time goes (docs/performance.md): the bench's plans under
# valgrind's callgrind, which counts instructions, so the profile is the
# same on a busy machine as on a quiet one.  Prints the functions with the
# largest inclusive cost (the function and everything it calls) and the
# largest self cost, for a batch and for the start-up of one plan; with
# perf installed, also perf's sampled self time of the batch.
#
# Usage: sh bench/profile.sh [PLANS] [BUILD_DIR]
#   PLANS      plans in the batch (default 3000)
#   BUILD_DIR  a Release build with symbols and frame pointers is made
#              there (default build-bench-prof)
set -eu
cd "$(dirname "$0")/.."
n=${1:-3000}
build=${2:-build-bench-prof}
command -v valgrind > /dev/null 2>&1 || { echo "profile: valgrind is needed" >&2; exit 2; }
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="-g -fno-omit-frame-pointer" > /dev/null
cmake --build "$build" -j2 --target attrib-advise > /dev/null
work=$build/profile
mkdir -p "$work"
cc -std=c11 -O2 -o "$work/gen" bench/gen.c
"$work/gen" plans -n "$n" > "$work/plans.ndjson"
"$work/gen" plans -n 1 > "$work/one.json"
aa=$build/attrib-advise

# top FILE: the 25 largest inclusive costs, then the 25 largest self costs,
# as a share of the program's total.
top() {
    total=$(callgrind_annotate "$1" 2> /dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
    for kind in yes no; do
        if [ "$kind" = yes ]; then echo "  inclusive:"; else echo "  self:"; fi
        callgrind_annotate --inclusive=$kind "$1" 2> /dev/null |
            awk -v t="$total" '/file:function/ { on = 1; next }
                on && /^ *[0-9,]+ / {
                    c = $1; gsub(/,/, "", c)
                    f = $0; sub(/ \[[^]]*\]$/, "", f); sub(/^.*:/, "", f)
                    # One line per function: callgrind lists some twice, and
                    # the levels of a recursion (name'"'"'2) apart.
                    if (f ~ /'"'"'|below main|^0x|^_start$|^__libc_start/ || seen[f]++) next
                    printf "    %5.1f%%  %s\n", 100 * c / t, f
                    if (++k == 25) exit }'
    done
}

echo "profile: $n plans, attrib-advise --ndjson --format json (callgrind, instructions)"
valgrind --tool=callgrind --callgrind-out-file="$work/batch.cg" \
    "$aa" --no-config --fail-on never --ndjson --format json "$work/plans.ndjson" \
    > /dev/null 2> "$work/valgrind.log"
top "$work/batch.cg"
echo
echo "profile: start-up, one plan (callgrind, instructions)"
valgrind --tool=callgrind --callgrind-out-file="$work/one.cg" \
    "$aa" --no-config --fail-on never "$work/one.json" > /dev/null 2>> "$work/valgrind.log"
top "$work/one.cg"
if command -v perf > /dev/null 2>&1 &&
    perf record -q -o "$work/perf.data" "$aa" --no-config --fail-on never \
        --ndjson --format json "$work/plans.ndjson" > /dev/null 2>&1; then
    echo
    echo "profile: $n plans, perf samples, self time"
    perf report -i "$work/perf.data" --stdio --no-children --sort symbol 2> /dev/null |
        awk '/^ +[0-9.]+%/ { print "   ", $1, $3; if (++k == 25) exit }'
fi

# What the time ratios to the parse floor are made of beyond instructions:
# callgrind's cache and branch simulation of each batch and of the floor,
# and its estimate of cycles (instructions, plus ten for each first-level
# miss and each mispredicted branch), which the changes of a round can be
# held to on a machine too busy for CPU times to tell a few percent apart.
# shellcheck disable=SC2046 # pkg-config gives several words
cc -std=c11 -O2 $(pkg-config --cflags libcjson) -o "$work/parse_floor" bench/parse_floor.c \
    $(pkg-config --libs libcjson)
estimate() {
    label=$1
    shift
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
        --callgrind-out-file="$work/estimate.cg" "$@" > /dev/null 2>> "$work/valgrind.log"
    awk -v l="$label" '/^events:/ { for (i = 2; i <= NF; i++) n[i] = $i }
        /^summary:/ { for (i = 2; i <= NF; i++) v[n[i]] = $i
            m = v["I1mr"] + v["D1mr"] + v["D1mw"]; b = v["Bcm"] + v["Bim"]
            printf "  %-16s %8.1f %8.2f %8.2f %9.1f\n", l, v["Ir"] / 1e6, m / 1e6, b / 1e6,
                (v["Ir"] + 10 * (m + b)) / 1e6 }' "$work/estimate.cg"
}
echo
echo "profile: $n plans, callgrind's simulation (millions)"
printf "  %-16s %8s %8s %8s %9s\n" run instr "L1 miss" mispred estimate
for f in json summary text; do
    estimate "$f" "$aa" --no-config --fail-on never --ndjson --format "$f" "$work/plans.ndjson"
done
estimate "parse floor" "$work/parse_floor" "$work/plans.ndjson"
