#!/bin/sh
# Second command of the README (and all of CI): install what is missing,
# build with warnings as errors, run every test; then the same suite again
# under AddressSanitizer + UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
jobs=$(nproc)
sh scripts/lint.sh

cmake -S . -B build-ci -DAA_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs"

# The sanitizer build uses clang when it is there, so both compilers'
# warnings are errors; gcc otherwise.
sancc=gcc
command -v clang >/dev/null 2>&1 && sancc=clang
CC=$sancc cmake -S . -B build-asan -DAA_WERROR=ON -DAA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
