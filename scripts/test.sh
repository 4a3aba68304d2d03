#!/bin/sh
# Second command of the README (and all of CI): install what is missing,
# build with warnings as errors, run every test; then the same suite again
# under AddressSanitizer + UndefinedBehaviorSanitizer, the bad-input
# catalogue under valgrind, and every fuzz target for a bounded time.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh test
jobs=$(nproc)
sh scripts/lint.sh

cmake -S . -B build-ci -DAA_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs"

# The sanitizer build uses clang, so both compilers' warnings are errors.
CC=clang cmake -S . -B build-asan -DAA_WERROR=ON -DAA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"

# The bad-input catalogue once more under valgrind (the plain build), for
# what the sanitizers cannot see in a build without them.
AA_BAD_VALGRIND=1 ctest --test-dir build-ci -L bad -j"$jobs" --timeout 900 \
    --output-on-failure

# Every fuzz target for 20 s (docs/security.md: sh scripts/fuzz.sh 3600).
sh scripts/fuzz.sh 20
