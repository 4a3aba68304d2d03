#!/bin/sh
# One case of the bad-input catalogue (tests/bad/<area>/<name>/): hostile or
# broken input must give a clear message and a documented exit status, never
# a crash, a hang, a flood or runaway memory.
#
# A case directory holds:
#   args           arguments, one per line (paths relative to the case)
#   setup          optional sh script run first in a scratch copy of the
#                  case: makes what git cannot hold (FIFOs, symlink loops,
#                  unreadable folders, large generated files)
#   stdin          fed to standard input (default: /dev/null); setup may
#                  make it a folder or a link to a device; a line
#                  "closed" in file 'stdin.mode' closes it instead, and
#                  so for 'stdout.mode' and 'stderr.mode
#   env            VAR=VALUE lines for the environment (NO_COLOR,
#                  FORCE_COLOR, TF_BUILD and COLUMNS are unset otherwise)
#   expect.exit    expected exit status (default 0)
#   expect.stderr  expected standard error, exactly (default: empty)
#   expect.stdout  expected standard output, exactly (default: not checked)
#   check          optional sh script run last in the scratch copy: what
#                  the run must leave behind (a link still a link, ...)
#   limits         optional "seconds=N memory=MiB" (default 20 and 1024),
#                  and "valgrind=no" for a case too big to run under it,
#                  or one that closes a standard descriptor (valgrind's
#                  log file would take it)
#
# With AA_BAD_VALGRIND=1 in the environment the tool runs under valgrind
# (memcheck, leaks counted), with ten times the time and no memory limit.
# With AA_BAD_BLESS=1 the case's expect.* files that exist take what the
# run gave (expect.exit always): review the diff before committing it.
#
# Usage: run.sh ATTRIB_ADVISE CASE_DIR SCRATCH_DIR SANITIZED
# SANITIZED=1 skips the memory limit (sanitizers reserve address space)
# and triples the time: a sanitized build runs two to three times slower,
# and a bound meant to catch a hang or quadratic work must not trip on a
# busy machine (a 5-second case took 6 under ASan beside other builds).
set -u
aa=$1
case_dir=$2
work=$3
sanitized=${4:-0}
seconds=20
memory=1024
rm -rf "$work"
mkdir -p "$work"
cp -R "$case_dir/." "$work/"
cd "$work" || exit 2
vg=${AA_BAD_VALGRIND:-0}
if [ -f limits ]; then
    for kv in $(cat limits); do
        case $kv in
        seconds=*) seconds=${kv#seconds=} ;;
        memory=*) memory=${kv#memory=} ;;
        valgrind=no) [ "$vg" = 1 ] && { echo "bad: skipped under valgrind"; exit 0; } ;;
        esac
    done
fi
run=""
[ "$sanitized" = 1 ] && seconds=$((seconds * 3))
if [ "$vg" = 1 ]; then
    seconds=$((seconds * 10))
    sanitized=1
    run="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --log-file=$work/valgrind.log"
fi
if [ -f setup ] && ! sh ./setup; then
    echo "bad: $case_dir: setup failed"
    exit 1
fi
set --
if [ -f args ]; then
    while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < args
fi
envs=""
[ -f env ] && envs=$(cat env)
want_exit=0
[ -f expect.exit ] && want_exit=$(cat expect.exit)
in=/dev/null
[ -e stdin ] && in=stdin
rc=0
(
    [ "$sanitized" = 1 ] || ulimit -v $((memory * 1024))
    exec > out.txt 2> err.txt < "$in"
    # A line "closed" in stdin.mode, stdout.mode or stderr.mode starts the
    # tool with that descriptor closed.
    if [ -f stdin.mode ] && grep -q closed stdin.mode; then exec <&-; fi
    if [ -f stdout.mode ] && grep -q closed stdout.mode; then exec >&-; fi
    if [ -f stderr.mode ] && grep -q closed stderr.mode; then exec 2>&-; fi
    # shellcheck disable=SC2086 # VAR=VALUE words
    exec env -u NO_COLOR -u FORCE_COLOR -u TF_BUILD -u COLUMNS $envs \
        timeout -k 2 "$seconds" $run "$aa" "$@"
) || rc=$?
fail=0
# The run summary's elapsed time is the one nondeterministic output.
sed 's/ in [0-9]*\.[0-9]* s$/ in T s/' err.txt > err.norm
if [ "${AA_BAD_BLESS:-0}" = 1 ]; then
    # Not what setup writes itself: a message it must compute.
    if [ -f "$case_dir/expect.stderr" ] || [ ! -f expect.stderr ]; then
        cp err.norm "$case_dir/expect.stderr"
        [ -s err.norm ] || rm -f "$case_dir/expect.stderr"
    fi
    [ -f "$case_dir/expect.stdout" ] && cp out.txt "$case_dir/expect.stdout"
    if [ -f "$case_dir/expect.exit" ] || [ "$rc" -ne 0 ]; then
        echo "$rc" > "$case_dir/expect.exit"
    fi
fi
if [ "$vg" = 1 ] && [ -s valgrind.log ]; then
    echo "bad: $case_dir: valgrind:"
    head -40 valgrind.log
    exit 1
fi
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "bad: $case_dir: no answer within $seconds s"
    exit 1
fi
if [ "$rc" -ne "$want_exit" ]; then
    echo "bad: $case_dir: exit $rc, expected $want_exit"
    fail=1
fi
if [ -f expect.stderr ]; then
    cmp -s expect.stderr err.norm || {
        echo "bad: $case_dir: stderr differs (- expected, + got):"
        diff -u expect.stderr err.norm | tail -n +3
        fail=1
    }
elif [ -s err.norm ]; then
    echo "bad: $case_dir: unexpected stderr:"
    head -5 err.norm
    fail=1
fi
if [ -f expect.stdout ] && ! cmp -s expect.stdout out.txt; then
    echo "bad: $case_dir: stdout differs (- expected, + got):"
    diff -u expect.stdout out.txt | tail -n +3 | head -40
    fail=1
fi
if [ -f check ] && ! sh ./check; then
    echo "bad: $case_dir: check failed"
    fail=1
fi
exit "$fail"
