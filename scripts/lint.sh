#!/bin/sh
# Static checks of the source tree, run by scripts/test.sh:
# - the layering rules of docs/design.md, by grep;
# - formatting, when clang-format is installed (.clang-format).
set -eu
cd "$(dirname "$0")/.."
fail=0
# Only the YAML tree reader speaks YAML (rule files and the config file
# read its tree).
for f in $(grep -l '#include <yaml.h>' src/*.c src/*.h); do
    [ "$f" = src/yaml_tree.c ] || { echo "lint: $f includes yaml.h"; fail=1; }
done
# Renderers see the report, never the rules or the scenario.  The writer
# takes the rule catalogue from the ruleset, never the program.
for f in src/render*.c src/render.h src/report.h; do
    if grep -qE '#include "(rule|compile|ruleset|scenario|eval)\.h"' "$f"; then
        echo "lint: $f reaches past report.h"; fail=1
    fi
done
for f in src/writer.c src/portfolio.c; do
    if grep -qE '#include "(rule|compile|scenario|eval)\.h"' "$f"; then
        echo "lint: $f reaches past the rule catalogue"; fail=1
    fi
done
# Load -> compile runs one way: the ruleset knows neither the compiler nor
# the loader (the loader has no header; never_calls below checks it).
for f in src/ruleset.c src/ruleset.h src/rule.h; do
    if grep -qE '#include "compile\.h"' "$f"; then
        echo "lint: $f includes compile.h"; fail=1
    fi
done

# The rule test runner drives the pipeline from outside, as the front end
# does: it reads the live rules and the report, never the program.
if grep -qE '#include "compile\.h"' src/rules_test.c; then
    echo "lint: src/rules_test.c includes compile.h"; fail=1
fi

# never_calls WHY DEFINER FILE...: no FILE names a function that DEFINER
# defines (definitions start a line, as .clang-format puts them), so the
# rule holds whatever header declares the function.  Comments may name
# anything: gcc strips them first.
never_calls() {
    why=$1 def=$2
    shift 2
    names=$(sed -n 's/^\(aa_[a-z0-9_]*\)(.*/\1/p' "$def" | paste -sd'|' -)
    [ -n "$names" ] || return 0
    for f in "$@"; do
        [ "$f" = "$def" ] && continue
        used=$(gcc -fpreprocessed -E -P -x c "$f" |
            grep -owE "$names" | sort -u | tr '\n' ' ')
        if [ -n "$used" ]; then
            echo "lint: $f uses ${used}from $def: $why"; fail=1
        fi
    done
}
renderers="src/render*.c src/render.h src/writer.c src/jsonw.[ch] src/jsonout.[ch] src/portfolio.[ch]"
# shellcheck disable=SC2086 # the lists are globs to expand
{
    never_calls "renderers read the report only" src/eval.c $renderers
    never_calls "renderers read the report only" src/baseline.c $renderers
    never_calls "renderers never see rules" src/compile.c $renderers
    never_calls "eval says what is true; triage what is shown" \
        src/baseline.c src/eval.c
    never_calls "load -> compile runs one way" src/compile.c \
        src/ruleset.c src/ruleset.h src/rule.h
    never_calls "the AST knows nothing of YAML" src/rules_load.c \
        src/ruleset.c src/ruleset.h src/rule.h
    never_calls "scanners detect; rules speak" src/eval.c src/scan*.c
    for r in src/render*.c src/writer.c; do
        never_calls "scanners produce data, not text" "$r" src/scan*.c
    done
}
# The front end (main.c, cli*) uses the public header and its own only.
for f in src/main.c src/cli*.c src/cli.h; do
    if grep '#include "' "$f" | grep -qvE '"(attrib_advise|cli)\.h"'; then
        echo "lint: $f includes a library-internal header"; fail=1
    fi
done
if command -v clang-format >/dev/null 2>&1; then
    clang-format --dry-run -Werror src/*.c src/*.h include/*.h \
        tests/unit/*.c tests/unit/*.h tests/fuzz/*.c \
        tests/invariants.c tests/scaling.c tests/install/*.c || fail=1
else
    echo "lint: clang-format not installed; format check skipped"
fi
[ "$fail" -eq 0 ] && echo "lint: ok"
exit "$fail"
