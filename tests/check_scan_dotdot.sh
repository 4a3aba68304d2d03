#!/bin/sh
# A file is listed once however the paths given reach it, "../" included,
# and with the status it has beside the module folder that calls it:
# named alone beside "..", or reached by "." and "..", from inside the
# called folder (docs/scan.md).  The root module calls pid/ with count 0,
# so its pid deployment is at risk whichever path came first.
# Usage: check_scan_dotdot.sh ATTRIB_ADVISE FIXTURE
set -eu
aa=$1
fixture=$2
cd "$fixture/pid"
for args in ".. main.tf" ". .." "main.tf .."; do
    # shellcheck disable=SC2086 # the paths are split on purpose
    "$aa" scan -f json $args > /dev/null 2>&1 || {
        echo "scan $args: exit $?" >&2
        exit 1
    }
    # shellcheck disable=SC2086
    got=$("$aa" scan -f json $args | grep -c '"path"')
    # shellcheck disable=SC2086
    risky=$("$aa" scan -f json $args | grep -c '"status": "at_risk"' || true)
    if [ "$got" != 2 ] || [ "$risky" != 1 ]; then
        echo "scan $args: $got files listed, $risky at risk;" \
            "expected 2 files, 1 at risk" >&2
        "$aa" scan $args >&2 || true
        exit 1
    fi
done
