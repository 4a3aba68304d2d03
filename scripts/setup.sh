#!/bin/sh
# First command of the README: install what is missing, build, and advise
# on an example scenario.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
build/attrib-advise examples/msp-b2b-contributor.json
