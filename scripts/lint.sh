#!/bin/sh
# Static checks of the source tree, run by scripts/test.sh:
# - the layering rules of docs/design.md, by grep;
# - formatting, when clang-format is installed (.clang-format).
set -eu
cd "$(dirname "$0")/.."
fail=0
# Only the rule loader speaks YAML.
for f in $(grep -l '#include <yaml.h>' src/*.c src/*.h); do
    [ "$f" = src/rules_load.c ] || { echo "lint: $f includes yaml.h"; fail=1; }
done
# Renderers see the report, never the rules or the scenario.
for f in src/render*.c src/render.h src/report.h; do
    if grep -qE '#include "(rule|compile|ruleset|scenario)\.h"' "$f"; then
        echo "lint: $f reaches past report.h"; fail=1
    fi
done
# The front end (main.c, cli*) uses the public header and its own only.
for f in src/main.c src/cli*.c src/cli.h; do
    if grep '#include "' "$f" | grep -qvE '"(attrib_advise|cli)\.h"'; then
        echo "lint: $f includes a library-internal header"; fail=1
    fi
done
if command -v clang-format >/dev/null 2>&1; then
    clang-format --dry-run -Werror src/*.c src/*.h include/*.h \
        tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/rule_cases.c || fail=1
else
    echo "lint: clang-format not installed; format check skipped"
fi
[ "$fail" -eq 0 ] && echo "lint: ok"
exit "$fail"
