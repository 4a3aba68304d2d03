#!/bin/sh
# How long each file of the real-world corpus (tests/corpus/iac, trees
# included) takes to scan on its own, in process: the median of 5 runs per
# file, the slowest listed.  Exits 1 when a file takes longer than the
# budget (default 50 ms), the bound docs/scan.md promises per file.
# Usage: bench/scan_files.sh [BUILD_DIR] [BUDGET_MS].  A measurement, not
# a test: run it on a quiet machine, with an optimised build.
set -eu
build=${1:-build}
budget=${2:-50}
cmake --build "$build" --target bench_scan_files > /dev/null
find tests/corpus/iac -type f ! -name '*.md' ! -name '*.tsv' | LC_ALL=C sort |
    tr '\n' '\0' | xargs -0 "$build/bench_scan_files" -b "$budget"
