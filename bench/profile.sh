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
