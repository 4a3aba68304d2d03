#!/bin/sh
# The width invariant over widths no golden was written for: each text
# output of the main commands, at COLUMNS from 40 to 200, has no line
# wider than COLUMNS in terminal columns (wc -L under a UTF-8 locale, not
# our own count).  'rules list' needs 60: its rule ids alone take 38.
# usage: check_width_sweep.sh BINARY SOURCE_DIR
set -eu
bin=$1 src=$2
cd "$src"
export LC_ALL=C.UTF-8
fail=0 n=0
plan=examples/msp-b2b-contributor.json
for width in 40 47 58 71 80 93 120 157 200; do
    for cmd in "$plan" "examples/isv-code-check.json" "--explain $plan" \
        "--explain pal.write-role $plan" "why-not DPOR $plan" "facts" \
        "facts PAL-F11" "scan examples/code" "rules list" "help scan" \
        "portfolio --group-by /partner/name tests/cases/portfolio/group-by-long/plans"; do
        # 'rules list' needs 60, and the portfolio is laid out at 60 at least.
        case $cmd in "rules list" | portfolio*) [ "$width" -ge 60 ] || continue ;; esac
        n=$((n + 1))
        # shellcheck disable=SC2086 # the command's words
        w=$(COLUMNS=$width "$bin" --no-config --fail-on never $cmd 2>/dev/null |
            wc -L)
        case $cmd in help*) limit=80 ;; *) limit=$width ;; esac
        if [ "$w" -gt "$limit" ]; then
            echo "FAIL: COLUMNS=$width attrib-advise $cmd: a line of $w columns"
            fail=1
        fi
    done
done
echo "$n outputs measured"
exit $fail
