#!/bin/sh
# How the scan of one folder grows with the number of files in it: for
# each kind of bench/gen_iac.sh and each size, the folder is generated
# once and scanned R times; the table gives the median wall
# and CPU time and the peak resident size, and for each kind the exponent
# of a least-squares fit of log(CPU time) on log(files), less the time of
# a folder of one file (start-up and loading the rules): 1 is linear, 2
# the square.  With -c the fit is on instructions counted by valgrind
# (callgrind), which the load of the machine does not change.
# Usage: bench/scan_scale.sh [-c] [-r RUNS] [-f FORMAT] [-k "KINDS"]
#                            [-n "SIZES"] [BUILD_DIR]
# Defaults: kinds "tf tfsub bicep arm", sizes "500 1000 2000 3000", 3
# runs, format text (any of scan --format), BUILD_DIR build.  A
# measurement, not a test: build with -DCMAKE_BUILD_TYPE=Release, on a
# quiet machine.  Memory over more files: -n "1000 10000".
set -eu
count=0
runs=3
format=text
kinds="tf tfsub bicep arm"
sizes="500 1000 2000 3000"
while getopts cr:f:k:n: opt; do
    case $opt in
    c) count=1 ;;
    r) runs=$OPTARG ;;
    f) format=$OPTARG ;;
    k) kinds=$OPTARG ;;
    n) sizes=$OPTARG ;;
    *) echo "usage: bench/scan_scale.sh [-c] [-r RUNS] [-f FORMAT] [-k KINDS] [-n SIZES] [BUILD_DIR]" >&2
       exit 2 ;;
    esac
done
shift $((OPTIND - 1))
build=${1:-build}
aa="$build/attrib-advise"
[ -x "$aa" ] || { echo "bench: build first ($aa missing)" >&2; exit 2; }
if [ "$count" = 1 ] && ! command -v valgrind > /dev/null; then
    echo "bench: -c needs valgrind" >&2
    exit 2
fi
here=$(dirname "$0")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

printf '%-6s %6s %8s %8s %10s' kind files "wall s" "cpu s" "peak KiB"
[ "$count" = 1 ] && printf ' %14s' instructions
echo
# One scan of the folder $1: "wall cpu rss" in $dir/runs, and the
# instructions in $y with -c.
measure() {
    : > "$dir/runs"
    r=0
    while [ "$r" -lt "$runs" ]; do
        /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$aa" scan \
            --format "$format" --fail-on=never "$1" > /dev/null
        cat "$dir/time" >> "$dir/runs"
        r=$((r + 1))
    done
    wall=$(awk '{ print $1 }' "$dir/runs" | median)
    cpu=$(awk '{ print $2 + $3 }' "$dir/runs" | median)
    rss=$(awk '{ print $4 }' "$dir/runs" | median)
    y=$cpu
    if [ "$count" = 1 ]; then
        y=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$aa" scan --format "$format" --fail-on=never "$1" 2>&1 > /dev/null |
            sed -n 's/.*Collected : *//p')
    fi
}

for kind in $kinds; do
    sh "$here/gen_iac.sh" -k "$kind" 1 "$dir/one"
    measure "$dir/one"
    rm -rf "$dir/one"
    base=$y
    : > "$dir/fit"
    for n in $sizes; do
        tree="$dir/$kind$n"
        sh "$here/gen_iac.sh" -k "$kind" "$n" "$tree"
        measure "$tree"
        printf '%-6s %6d %8.2f %8.2f %10d' "$kind" "$n" "$wall" "$cpu" "$rss"
        [ "$count" = 1 ] && printf ' %14d' "$y"
        echo
        echo "$n $y" >> "$dir/fit"
        rm -rf "$tree"
    done
    awk -v kind="$kind" -v base="$base" '$2 - base > 0 {
        x = log($1); y = log($2 - base)
        n++; sx += x; sy += y; sxx += x * x; sxy += x * y
    } END {
        if (n > 1 && n * sxx != sx * sx)
            printf "%-6s exponent %.2f\n", kind, (n * sxy - sx * sy) / (n * sxx - sx * sx)
    }' "$dir/fit"
done
