#!/bin/sh
# Build the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang, ASan and
# UBSan, and run each for a bounded time over a corpus seeded from the
# tests.  CI runs every target for 20 s; run them long by hand with
#     sh scripts/fuzz.sh 3600            # an hour each
#     sh scripts/fuzz.sh 600 scan_arm    # one target
# Prints executions per second for each target (docs/security.md keeps the
# latest figures) and fails on the first crash, leak or hang, leaving the
# input that caused it in build-fuzz/crash-*.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-20}
only=${2:-}
command -v clang >/dev/null 2>&1 || { echo "fuzz: clang is needed" >&2; exit 2; }
CC=clang cmake -S . -B build-fuzz -DAA_FUZZ=ON -DAA_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=Debug > /dev/null
cmake --build build-fuzz -j"$(nproc)" > /dev/null
seeds() { # target -> the test files that suit it
    case $1 in
    scenario* | ndjson*)
        find examples tests/cases tests/bad tests/fuzz/corpus -name '*.json' ;;
    rules* | yaml*) find rules tests/cases tests/bad tests/fuzz/corpus -name '*.yaml' ;;
    baseline*) find tests/bad/baseline tests/fuzz/corpus/baseline -type f \
        -name '*baseline*' ;;
    config*) find tests/bad/config tests/cases tests/fuzz/corpus/config \
        -type f -name '*.yaml' ;;
    scan_arm*) find tests/corpus rules/tests/iac tests/bad/scan -name '*.json' ;;
    scan_bicep*) find tests/corpus rules/tests/iac tests/bad -name '*.bicep' ;;
    scan_tf*) find tests/corpus rules/tests/iac tests/bad -name '*.tf' ;;
    scan_script*) find rules/tests/iac tests/fuzz/corpus/scan tests/bad/scan \
        -type f \( -name '*.sh' -o -name '*.ps1' -o -name '*.py' \
        -o -name '*.js' -o -name '*.ts' -o -name '*.cs' -o -name '*.yml' \
        -o -name '*.bat' -o -name '*.env' \) ;;
    *) find tests/fuzz/corpus -type f ;;
    esac
}
fail=0
for src in tests/fuzz/fuzz_*.c; do
    name=${src##*/fuzz_}
    name=${name%.c}
    [ "$name" = main ] && continue
    [ -x "build-fuzz/tests/fuzz_$name" ] || continue
    [ -n "$only" ] && [ "$only" != "$name" ] && continue
    corpus=build-fuzz/corpus/$name
    mkdir -p "$corpus"
    seeds "$name" 2>/dev/null | while read -r f; do
        [ -f "$f" ] && cp "$f" "$corpus/" 2>/dev/null || true
    done
    log=build-fuzz/$name.log
    # An NDJSON batch is many plans: short inputs keep each run quick.
    maxlen=65536
    [ "$name" = ndjson ] && maxlen=4096
    if (cd build-fuzz && "./tests/fuzz_$name" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
        -artifact_prefix="crash-$name-" "corpus/$name" > "$name.log" 2>&1)
    then
        awk -v t="$name" '/^Done [0-9]+ runs in [0-9]+ second/ {
            printf "fuzz: %-14s %9d runs in %3d s: %8.0f runs/s\n", t, $2, $5,
                   $2 / ($5 ? $5 : 1) }' "$log"
    else
        echo "fuzz: $name failed; see $log"
        tail -20 "$log"
        fail=1
    fi
done
exit "$fail"
