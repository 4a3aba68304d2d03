#!/bin/sh
# attrib-advise built with GCC's profile-guided optimisation, for batch use
# (docs/performance.md, "A profile-guided build"): a Release build that
# records where its runs spend their time, runs of it like those a partner
# and a pipeline make (a batch of generated plans in each batch format, the
# examples one by one, a scan of their code), then the same build again,
# laid out and inlined by that record.  The output is the plain build's,
# byte for byte: the bench compares the two on its whole batch.
#
# Usage: sh scripts/pgo.sh [BUILD_DIR]   (default build-pgo)
# The program is BUILD_DIR/attrib-advise.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
build=${1:-build-pgo}
case $build in /*) ;; *) build=$root/$build ;; esac
prof=$build/pgo
train=$build/pgo-train
say() { echo "pgo: $*" >&2; }
die() { echo "pgo: $*" >&2; exit 1; }

log=$build/pgo.log
configure() {
    if ! cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DAA_PGO="$1" \
        -DAA_PGO_DIR="$prof" > "$log" 2>&1 ||
        ! cmake --build "$build" -j2 --target attrib-advise >> "$log" 2>&1; then
        cat "$log" >&2
        die "the $1 build failed"
    fi
}

say "building the recording program in $build"
rm -rf "$prof" "$train"
mkdir -p "$build" "$train"
configure generate
bin=$build/attrib-advise

# Plans of the bench's generator with a seed the bench does not measure
# (it uses 15), so the record is not of the very plans it is judged on.
cc=${CC:-cc}
# shellcheck disable=SC2046 # pkg-config gives several words
"$cc" -std=c11 -O2 $(pkg-config --cflags libcjson) -o "$train/gen" bench/gen.c \
    $(pkg-config --libs libcjson) || die "cannot compile bench/gen.c"
"$train/gen" plans -n 20000 -s 7 > "$train/plans.ndjson"

say "recording: batches, single plans, a scan"
run() { "$bin" --no-config --fail-on never "$@" > /dev/null 2>&1 || die "attrib-advise $* failed"; }
for f in json summary text sarif; do
    run --ndjson --format "$f" "$train/plans.ndjson"
done
for plan in examples/*.json; do
    run "$plan"
    run --format json "$plan"
done
"$bin" scan --no-config --fail-on never examples/code > /dev/null 2>&1 ||
    die "attrib-advise scan examples/code failed"

say "building the optimised program"
configure use
say "done: $bin"
