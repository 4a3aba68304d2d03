#!/bin/sh
# First command of the README: install what building and running need (no
# test tools), build, and advise on an example scenario.  The tests are
# not built here: scripts/test.sh builds them in build-ci.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
build/attrib-advise examples/msp-b2b-contributor.json
