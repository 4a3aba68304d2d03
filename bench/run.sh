#!/bin/sh
# The performance bench (docs/performance.md): builds a Release binary,
# generates a deterministic batch of plans, and prints one table of what
# the advisor costs beside what it is compared with, every row on the same
# input: batch throughput against the cJSON parse floor, two JavaScript
# rule engines running a port of a rule subset (every verdict compared,
# plan by plan), cold start against /bin/true, peak memory, scaling in rule
# count and plan size, and the deployment-code scan of a large folder.
#
# Usage: sh bench/run.sh [--quick | --smoke] [--bin PATH] [--build DIR]
#                        [--work DIR] [--no-peers] [--no-pgo] [--limit SECS]
#   --quick     20 000 plans instead of 200 000, smaller scaling runs
#   --smoke     a few hundred plans, for the test suite: checks that the
#               table prints and that the verdicts agree, not the figures;
#               the peer engines are skipped when node or npm cannot run
#   --bin PATH  measure this binary instead of building one
#   --build DIR the Release build folder (default build-bench)
#   --work DIR  where the inputs and outputs go (default DIR/bench)
#   --no-peers  leave out the JavaScript engines
#   --no-pgo    leave out the profile-guided build (scripts/pgo.sh, in
#               DIR-pgo), whose batches are measured beside the plain
#               build's; --bin and --smoke leave it out too
#   --limit S   stop any one measure after S seconds (default 600)
#
# Exits 1 when a run fails or a peer engine gives another verdict than the
# advisor for any plan; a goal that is not met is reported, not a failure.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

mode=default
bin=
build="build-bench"
work=
peers=1
pgo=1
limit=600
while [ $# -gt 0 ]; do
    case $1 in
    --quick) mode=quick ;;
    --smoke) mode=smoke ;;
    --bin) bin=$2; shift ;;
    --build) build=$2; shift ;;
    --work) work=$2; shift ;;
    --no-peers) peers=0 ;;
    --no-pgo) pgo=0 ;;
    --limit) limit=$2; shift ;;
    -h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done

# Sizes: the batch, the prefix the peer engines run, the scaling batches,
# cold-start pairs, scan folders.  A scaling exponent is fitted to what 4x
# and 16x add over 1x: at 5 000 plans the 4x rows added a few hundredths
# of a second of CPU, which a busy neighbour moved by as much, and the
# plan-size exponent read from 0.7 to 2.1 on the same code; 20 000 plans
# make those differences four times as long.  Each figure is the least of
# five runs: of three, a batch's ratio to the floor beside it still moved
# from 2.8x to 3.4x between runs of the same code on a shared machine.
case $mode in
default) n=200000 peer_n=10000 scale_n=20000 cold=200 scan_a=1000 scan_b=10000 runs=5 ;;
quick) n=20000 peer_n=2000 scale_n=1000 cold=50 scan_a=1000 scan_b=10000 runs=3 ;;
smoke) n=200 peer_n=200 scale_n=60 cold=5 scan_a=50 scan_b=500 runs=1 ;;
esac
seed=15
work=${work:-$build/bench}
case $work in /*) ;; *) work=$root/$work ;; esac
mkdir -p "$work/bin" "$work/data" "$work/out"
data=$work/data out=$work/out tools=$work/bin
say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

# --- 1. the binary and the tools -------------------------------------
[ "$mode" != smoke ] || pgo=0
[ -z "$bin" ] || pgo=0
cc=${CC:-cc}
# The profile-guided build is GCC's (scripts/pgo.sh).
pgo_note=
if [ "$pgo" = 1 ] && ! "$cc" --version 2> /dev/null | grep -q 'Free Software Foundation'; then
    pgo=0 pgo_note="not measured: $cc is not GCC"
fi
if [ -z "$bin" ]; then
    say "building a Release binary in $build"
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release > "$out/cmake.log" 2>&1 ||
        { cat "$out/cmake.log" >&2; die "cmake failed"; }
    cmake --build "$build" -j2 --target attrib-advise >> "$out/cmake.log" 2>&1 ||
        { cat "$out/cmake.log" >&2; die "build failed"; }
    bin=$build/attrib-advise
fi
case $bin in /*) ;; *) bin=$root/$bin ;; esac
[ -x "$bin" ] || die "$bin is not an executable"
plain_bin=$bin
if [ "$pgo" = 1 ]; then
    say "building a profile-guided Release binary in $build-pgo (scripts/pgo.sh)"
    sh scripts/pgo.sh "$build-pgo" 2> "$out/pgo.log" ||
        { cat "$out/pgo.log" >&2; die "the profile-guided build failed"; }
    pgo_bin=$build-pgo/attrib-advise
    case $pgo_bin in /*) ;; *) pgo_bin=$root/$pgo_bin ;; esac
fi
cjson_cflags=$(pkg-config --cflags libcjson)
cjson_libs=$(pkg-config --libs libcjson)
for t in gen measure parse_floor verdicts; do
    # Kept from an earlier run unless the source changed.
    [ -n "$(find "$tools/$t" -newer "bench/$t.c" 2> /dev/null)" ] && continue
    # shellcheck disable=SC2086 # pkg-config gives several words
    "$cc" -std=c11 -O2 $cjson_cflags -o "$tools/$t" "bench/$t.c" $cjson_libs ||
        die "cannot compile bench/$t.c"
done

# --- 2. the inputs ---------------------------------------------------
say "generating $n plans (seed $seed)"
"$tools/gen" plans -n "$n" -s "$seed" > "$data/plans.ndjson"
head -n "$peer_n" "$data/plans.ndjson" > "$data/peer.ndjson"
head -n "$scale_n" "$data/plans.ndjson" > "$data/scale1.ndjson"
head -n 1 "$data/plans.ndjson" > "$data/one.json"
bytes=$(wc -c < "$data/plans.ndjson")

# The rules the peers port, cut out of rules/ by id: facts, sources and
# role lists whole, then each rule's block as written.
ids=$(sed -n "s/^ *{ id: '\([^']*\)'.*/\1/p" bench/peer/subset.js)
rm -rf "$data/subset" && mkdir "$data/subset"
cp rules/facts.yaml rules/sources.yaml rules/roles.yaml "$data/subset/"
awk -v ids="$ids" '
BEGIN { n = split(ids, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1
        print "version: 1"; print "rules:" }
FNR == 1 { keep = 0 }
/^  - id: / { keep = ($3 in want); if (keep) got[$3] = 1 }
/^[^ #]/ { keep = 0 }
/^  #/ { next }
keep { print }
END { for (k in want) if (!(k in got)) { print "no rule " k > "/dev/stderr"; exit 1 } }
' rules/*.yaml > "$data/subset/subset.yaml" || die "bench/peer/subset.js names a rule rules/ lacks"
nsubset=$(grep -c '^  - id: ' "$data/subset/subset.yaml")

# K-1 more copies of every rule file that holds rules, ids renamed: the
# rules of the copies are evaluated as the built-in ones are.  Detector
# rules (code.yaml, input.yaml) stay single: one rule per detector.
rule_copies() {
    rm -rf "$data/rules$1" && mkdir "$data/rules$1"
    # shellcheck disable=SC2046 # file names without blanks
    awk -v k="$1" -v dir="$data/rules$1" '
        function flush(c, i, f) {
            for (c = 2; c <= k && n > 0; c++) {
                f = dir "/" c "-" name
                print "version: 1" > f
                print "rules:" > f
                for (i = 1; i <= n; i++)
                    print (line[i] ~ /^  - id: / ? line[i] ".copy" c : line[i]) > f
                close(f)
            }
        }
        FNR == 1 { flush(); n = 0; on = 0; name = FILENAME; sub(/.*\//, "", name) }
        /^rules:/ { on = 1; next }
        /^[^ #]/ { on = 0 }
        on { line[++n] = $0 }
        END { flush() }' $(grep -L '^    detect: ' $(grep -l '^rules:' rules/*.yaml))
}
# count_rules FILE...: the rules (not facts or sources) the files define.
count_rules() {
    awk 'FNR == 1 { on = 0 } /^rules:/ { on = 1; next } /^[^ #]/ { on = 0 } on && /^  - id: / { n++ }
         END { print n + 0 }' "$@"
}
builtin_rules=$(count_rules rules/*.yaml)
# shellcheck disable=SC2046 # file names without blanks
copied_rules=$(count_rules $(grep -L '^    detect: ' rules/*.yaml))

# --- measuring -------------------------------------------------------
# m OUT CMD...: one run, stdout to OUT; sets wall cpu rss status.
fails=0 failed=''
m() {
    o=$1
    shift
    cmd=$1
    r=$("$tools/measure" -t "$limit" -o "$o" "$@" 2> "$out/stderr") ||
        { cat "$out/stderr" >&2; die "cannot run $*"; }
    # shellcheck disable=SC2086 # four words
    set -- $r
    wall=$1 cpu=$2 rss=$3 status=$4
    case $status in
    0) ;;
    timeout) say "$cmd: stopped after $limit s"; failed="stopped after $limit s" ;;
    *)
        cat "$out/stderr" >&2
        say "$cmd: exit status $status"
        fails=$((fails + 1)) failed="exit status $status"
        ;;
    esac
}
calc() { awk "BEGIN { $1 }"; }
table=$out/table.txt
: > "$table"
# row WHAT N WALL CPU RATE RSS_KIB NOTE; a measure that failed or was
# stopped since the last row voids its figures, and the note says so.
row() {
    if [ -n "$failed" ]; then
        set -- "$1" "$2" "" "" "" "" "NO FIGURES: $failed"
        failed=''
    fi
    awk -v w="$1" -v n="$2" -v wall="$3" -v cpu="$4" -v rate="$5" \
        -v rss="$6" -v note="$7" 'BEGIN {
        s = sprintf("%-44s %7s %8s %8s %10s %8s  %s", w, n,
            wall == "" ? "" : sprintf("%.3f", wall),
            cpu == "" ? "" : sprintf("%.3f", cpu), rate,
            rss == "" ? "" : sprintf("%.1f", rss / 1024), note)
        sub(/ +$/, "", s)
        print s
    }' >> "$table"
}
per_s() { calc "printf \"%.0f\", $1 / ($2 > 0 ? $2 : 1e-9)"; }
# met VALUE OP LIMIT: "met" or "not met", or "not measured" for "-"
met() {
    case $1 in -*) echo "not measured" ;; *) calc "print (($1) $2 ($3)) ? \"met\" : \"not met\"" ;; esac
}
# ok EXPR: "met" or "not met"
ok() { calc "print ($1) ? \"met\" : \"not met\""; }
# The slope of log(y) over log(x), least squares, of "x y" lines; "-"
# when a value is not positive (the growth was lost in the noise).
exponent() {
    awk '$1 <= 0 || $2 <= 0 { bad = 1 }
         { x[NR] = log(($1 > 0) ? $1 : 1); y[NR] = log(($2 > 0) ? $2 : 1); sx += x[NR]; sy += y[NR] }
         END { if (bad || NR < 2) { print "-"; exit }
               mx = sx / NR; my = sy / NR
               for (i = 1; i <= NR; i++) { d += (x[i] - mx) * (y[i] - my); q += (x[i] - mx) ^ 2 }
               printf "%.2f", (q > 0 ? d / q : 0) }'
}
# advise OUT ARG...: attrib-advise, its exit status not tied to findings.
advise() {
    ao=$1
    shift
    m "$ao" "$bin" --fail-on never --no-config "$@"
}
# keep NAME: after a measure that succeeded, NAME_cpu, NAME_wall and
# NAME_rss become its figures when its CPU is the least NAME has had.
keep() {
    eval "k_least=\${${1}_cpu:-}"
    if [ -z "$k_least" ] || [ "$(calc "print ($cpu < $k_least)")" = 1 ]; then
        eval "${1}_cpu=$cpu ${1}_wall=$wall ${1}_rss=$rss"
    fi
}
# least OUT CMD...: m, $runs times; the figures of the run that took the
# least CPU, the one the rest of the machine disturbed least.  Ratios and
# the exponents of scaling rows (differences) are made of these: on a
# machine shared with other work one run of a command can take a fifth
# more CPU than the next.
least() {
    lo=$1 l_cpu='' l_wall='' l_rss=''
    shift
    i=0
    while [ "$i" -lt "$runs" ]; do
        m "$lo" "$@"
        [ "$status" = 0 ] || return 0
        keep l
        i=$((i + 1))
    done
    cpu=$l_cpu wall=$l_wall rss=$l_rss
}
# best OUT ARG...: least, of attrib-advise with ARG.
best() {
    bo=$1
    shift
    least "$bo" "$bin" --fail-on never --no-config "$@"
}

# --- 3. the measures ------------------------------------------------
say "parse floor"
least /dev/null "$tools/parse_floor" "$data/plans.ndjson"
[ "$status" = 0 ] || die "the parse floor did not parse every plan"
floor_cpu=$cpu floor="$wall $cpu $rss"

# batch FORMAT GOAL [WHICH]: the whole batch in FORMAT, against the parse
# floor, by $bin; WHICH names that build in the row.
# The floor runs just before each run of the batch, and the ratio is of
# the least CPU of each: a neighbour that slows the machine for a while
# slows both, where a floor measured once, minutes before, made the
# ratios of a disturbed run read better or worse than they were.  The
# floor's own row takes the least of all its runs.
batch() {
    say "batch --format $1"
    b_cpu='' b_wall='' b_rss='' f_cpu=''
    i=0
    while [ "$i" -lt "$runs" ]; do
        m /dev/null "$tools/parse_floor" "$data/plans.ndjson"
        [ "$status" = 0 ] || die "the parse floor did not parse every plan"
        keep f
        if [ "$(calc "print ($cpu < $floor_cpu)")" = 1 ]; then
            floor_cpu=$cpu floor="$wall $cpu $rss"
        fi
        m /dev/null "$bin" --fail-on never --no-config --ndjson --format "$1" \
            "$data/plans.ndjson"
        [ "$status" = 0 ] || break
        keep b
        i=$((i + 1))
    done
    cpu=${b_cpu:-0} wall=${b_wall:-0} rss=${b_rss:-0}
    [ -n "${3:-}" ] || eval "${1}_rss=\$rss"
    row "batch --ndjson --format $1${3:+ ($3)}" "$n" "$wall" "$cpu" "$(per_s "$n" "$cpu")" "$rss" \
        "$(calc "printf \"%.1fx parse floor (%.3f s beside it); goal <= $2x: \", $cpu / $f_cpu, $f_cpu")$(met "$cpu / $f_cpu" "<=" "$2")"
}
batch json 3
batch text 2
# The format exists when a one-plan run takes it (an unknown one is a
# usage error).
if "$bin" --fail-on never --no-config --format summary "$data/one.json" > /dev/null 2>&1; then
    batch summary 2
else
    row "batch --ndjson --format summary" "-" "" "" "" "" "not measured: this build has no summary format"
fi
# The profile-guided build: the same batches, once its output is shown to
# be the plain build's, byte for byte, on the peers' prefix of the batch.
if [ "$pgo" = 1 ]; then
    for f in json text; do
        "$plain_bin" --fail-on never --no-config --ndjson --format "$f" "$data/peer.ndjson" \
            > "$out/plain.$f" 2> /dev/null || true
        "$pgo_bin" --fail-on never --no-config --ndjson --format "$f" "$data/peer.ndjson" \
            > "$out/pgo.$f" 2> /dev/null || true
        cmp -s "$out/plain.$f" "$out/pgo.$f" ||
            die "the profile-guided build writes another $f than the plain one ($out/plain.$f, $out/pgo.$f)"
    done
    row "profile-guided build (scripts/pgo.sh)" "$peer_n" "" "" "" "" \
        "the plain build's output, byte for byte (json, text)"
    bin=$pgo_bin
    batch json 3 PGO
    batch text 2 PGO
    batch summary 2 PGO
    bin=$plain_bin
elif [ -n "$pgo_note" ]; then
    row "profile-guided build (scripts/pgo.sh)" "" "" "" "" "" "$pgo_note"
fi
# shellcheck disable=SC2086
set -- $floor
row "parse floor (bench/parse_floor.c)" "$n" "$1" "$2" "$(per_s "$n" "$2")" "$3" "cJSON parse + free of each line"

# The peers: attrib-advise with the subset alone, then each engine, on
# the same prefix of the batch; every verdict compared.
say "rule subset ($nsubset rules) on $peer_n plans"
best "$out/subset.json" --no-default-rules --rules "$data/subset" \
    --ndjson --format json "$data/peer.ndjson"
sub_cpu=$cpu
row "subset: attrib-advise, $nsubset rules" "$peer_n" "$wall" "$cpu" "$(per_s "$peer_n" "$cpu")" "$rss" \
    "--no-default-rules --rules (bench/peer/subset.js)"
"$tools/verdicts" CSP DPOR PAL < "$out/subset.json" > "$out/subset.verdicts" ||
    die "cannot read the subset's advice"

peer_ok=
if [ "$peers" = 1 ]; then
    if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
        [ "$mode" = smoke ] || die "node and npm are needed for the peer engines (or --no-peers)"
        peers=0 peer_ok="skipped: node or npm not installed"
    else
        mkdir -p "$work/peer"
        cp bench/peer/*.js "$work/peer/"
        if ! cmp -s bench/peer/package-lock.json "$work/peer/package-lock.json" ||
            [ ! -d "$work/peer/node_modules" ]; then
            say "npm ci (bench/peer/package-lock.json)"
            cp bench/peer/package.json bench/peer/package-lock.json "$work/peer/"
            # The smoke run gives up soon when the registry cannot be reached.
            wait_s=300 retry=2
            [ "$mode" != smoke ] || wait_s=40 retry=0
            if ! (cd "$work/peer" && timeout "$wait_s" npm ci --no-audit --no-fund \
                --prefer-offline --fetch-retries="$retry") > "$out/npm.log" 2>&1; then
                rm -rf "$work/peer/node_modules" "$work/peer/package-lock.json"
                [ "$mode" = smoke ] || { cat "$out/npm.log" >&2; die "npm ci failed"; }
                peers=0 peer_ok="skipped: npm ci failed (offline?)"
            fi
        fi
    fi
fi
same=0 unfinished=0
if [ "$peers" = 1 ]; then
    for engine in jle jre; do
        pkg=json-logic-engine
        [ "$engine" = jre ] && pkg=json-rules-engine
        ver=$(sed -n 's/^ *"version": "\(.*\)".*/\1/p' "$work/peer/node_modules/$pkg/package.json" | head -n 1)
        what="$pkg $ver"
        [ "$engine" = jle ] && what="$what (compiled)"
        say "$what on $peer_n plans"
        least "$out/$engine.verdicts" node "$work/peer/$engine.js" "$root/rules/roles.yaml" "$data/peer.ndjson"
        if [ "$status" != 0 ]; then
            note="did not finish ($status)" unfinished=1
        elif cmp -s "$out/subset.verdicts" "$out/$engine.verdicts"; then
            same=$((same + 1))
            goal=3
            [ "$engine" = jre ] && goal=100
            note="$(calc "printf \"attrib-advise %.1fx faster; goal >= ${goal}x: \", $cpu / $sub_cpu")$(met "$cpu / $sub_cpu" ">=" "$goal")"
        else
            fails=$((fails + 1))
            k=$(cmp "$out/subset.verdicts" "$out/$engine.verdicts" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
            k=${k:-1}
            note="VERDICTS DIFFER at plan $k"
            {
                echo "bench: $what gives another verdict for plan $k of $data/peer.ndjson:"
                echo "  attrib-advise: $(sed -n "${k}p" "$out/subset.verdicts")"
                echo "  $engine:       $(sed -n "${k}p" "$out/$engine.verdicts")"
                echo "  plan: $(sed -n "${k}p" "$data/peer.ndjson")"
            } >&2
        fi
        row "subset: $what" "$peer_n" "$wall" "$cpu" "$(per_s "$peer_n" "$cpu")" "$rss" "$note"
    done
    verdicts=$(awk '{ n += NF; for (i = 1; i <= NF; i++) n += gsub(/:/, ":", $i) } END { print n }' "$out/subset.verdicts")
    if [ "$same" = 2 ]; then
        peer_ok="identical in both engines: $verdicts verdicts (mechanism and workload)"
    else
        peer_ok="DIFFERENT: see above"
        [ "$unfinished" = 0 ] || peer_ok="not all compared: an engine did not finish"
    fi
fi
[ -n "$peer_ok" ] || peer_ok="skipped: --no-peers"
row "subset: verdicts CSP, DPOR, PAL" "$peer_n" "" "" "" "" "$peer_ok"

say "cold start: $cold pairs"
r=$("$tools/measure" -n "$cold" -b /bin/true "$bin" --fail-on never --no-config "$data/one.json") ||
    die "cold start failed"
# shellcheck disable=SC2086
set -- $r
row "cold start, one plan (median)" "$cold" "$(calc "print $1 / 1e3")" "$(calc "print $4 / 1e3")" "" "$5" \
    "$(calc "printf \"%.2f ms, %.1fx /bin/true (%.2f ms); goal <= 2x /bin/true: \", $1, $3, $2")$(ok "$3 <= 2")$(calc "printf(($1 <= 2) ? \", <= 2 ms too\" : \"; <= 2 ms: not met, where /bin/true alone takes %.2f ms\", $2)")"
one_rss=$5
# Flat: the whole batch peaks within 1.1 times the peak of its first tenth
# (1.25 until a text batch grew from 4.3 to 4.8 MiB, 1.13 times, between
# its tenth and the whole: a cache of texts that took each plan's own).
tenth=$((n / 10))
head -n "$tenth" "$data/plans.ndjson" > "$data/tenth.ndjson"
say "peak RSS at $tenth plans"
advise /dev/null --ndjson --format json "$data/tenth.ndjson"
row "peak RSS at 1, $tenth and $n plans" "$n" "" "" "" "$json_rss" \
    "$(calc "printf \"%.1f, %.1f, %.1f MiB; goal flat (<= 1.1x the peak at %d): \", $one_rss / 1024, $rss / 1024, $json_rss / 1024, $tenth")$(met "$json_rss" "<=" "1.1 * $rss")"
# The other formats' writers keep texts of their own from plan to plan
# (a text page's laid-out rule texts): flat too, which the row above,
# of JSON alone, did not show.
for f in text summary; do
    eval "whole=\${${f}_rss:-}"
    [ -n "$whole" ] || continue
    advise /dev/null --ndjson --format "$f" "$data/tenth.ndjson"
    row "peak RSS $f at $tenth and $n plans" "$n" "" "" "" "$whole" \
        "$(calc "printf \"%.1f, %.1f MiB; goal flat (<= 1.1x the peak at %d): \", $rss / 1024, $whole / 1024, $tenth")$(met "$whole" "<=" "1.1 * $rss")"
done

# Scaling.  Each rule count is run on one plan (start-up and loading) and
# on the scaling batch; the time per plan is the difference over the
# plans.  Exponents are fitted to what the added rules or bytes cost over
# the 1x run (log-log least squares), so a fixed start-up cost does not
# pass for sublinear growth.
# scale_rules K: K times the rule files, loaded once (the 25 000 rules of
# the issue's goal).
scale_rules() {
    k=$1
    rule_copies "$k"
    nr=$((builtin_rules + (k - 1) * copied_rules))
    say "rules ${k}x ($nr rules)"
    best /dev/null --rules "$data/rules$k" "$data/one.json"
    load=$cpu
    [ -z "$load1" ] || echo "$((nr - nr1)) $(calc "print $load - $load1")" >> "$out/rules-load"
    row "rules ${k}x ($nr rules), load only" 1 "$wall" "$cpu" "" "$rss" \
        "$(calc "printf \"start-up and load %.0f ms; goal %d rules < 300 ms: \", $load * 1e3, $nr")$(met "$load" "<" 0.3)"
}
: > "$out/rules-load"
: > "$out/rules-plan"
# The three rule counts take turns, $runs times, one plan (start-up and
# loading) then the scaling batch, and each keeps the least of its runs:
# the exponent is fitted to what 4x adds over 1x, and a neighbour busy
# while one count ran its five and quiet for the next moved it from 0.92
# to 1.17 on the same code.
for k in 4 16; do rule_copies "$k"; done
for k in 1 4 16; do
    eval "rl${k}_cpu='' r${k}_cpu='' r${k}_wall='' r${k}_rss='' r${k}_fail=''"
done
say "rules 1x, 4x, 16x, in turn"
i=0
while [ "$i" -lt "$runs" ]; do
    for k in 1 4 16; do
        eval "f=\$r${k}_fail"
        [ -z "$f" ] || continue
        if [ "$k" = 1 ]; then set --; else set -- --rules "$data/rules$k"; fi
        m /dev/null "$bin" --fail-on never --no-config "$@" "$data/one.json"
        if [ "$status" = 0 ]; then
            keep "rl$k"
            m /dev/null "$bin" --fail-on never --no-config "$@" --ndjson --format json "$data/scale1.ndjson"
        fi
        if [ "$status" != 0 ]; then
            eval "r${k}_fail=\$failed"
            failed=''
            continue
        fi
        keep "r$k"
    done
    i=$((i + 1))
done
load1=''
for k in 1 4 16; do
    nr=$((builtin_rules + (k - 1) * copied_rules))
    eval "load=\$rl${k}_cpu cpu=\$r${k}_cpu wall=\$r${k}_wall rss=\$r${k}_rss failed=\$r${k}_fail"
    if [ -n "$failed" ]; then
        row "rules ${k}x ($nr rules)" "$scale_n" "" "" "" "" ""
        continue
    fi
    pp=$(calc "print ($cpu - $load) / $scale_n * 1e6")
    if [ "$k" = 1 ]; then
        load1=$load nr1=$nr pp1=$pp
    elif [ -n "$load1" ]; then
        echo "$((nr - nr1)) $(calc "print $load - $load1")" >> "$out/rules-load"
        echo "$((nr - nr1)) $(calc "print $pp - $pp1")" >> "$out/rules-plan"
    fi
    row "rules ${k}x ($nr rules)" "$scale_n" "$wall" "$cpu" "$(per_s "$scale_n" "$cpu")" "$rss" \
        "$(calc "printf \"start-up and load %.1f ms, %.1f us/plan\", $load * 1e3, $pp")"
done
# The goal of issue 15 names 25 000 rules: that many, loaded once.
if [ "$mode" = default ]; then
    scale_rules $(((25000 - builtin_rules + copied_rules - 1) / copied_rules + 1))
fi
le=$(exponent < "$out/rules-load") pe=$(exponent < "$out/rules-plan")
row "rule count exponent" "" "" "" "" "" \
    "goal linear (<= 1.1): load $le, $(met "$le" "<=" 1.1); per plan $pe, $(met "$pe" "<=" 1.1)"

: > "$out/size-plan"
# The three sizes take turns, $runs times, and each keeps the least of its
# runs: the exponent is fitted to what 4x adds over 1x (about 2 us a plan),
# and a neighbour busy while the 1x runs and quiet while the 4x ones do,
# as when each size ran its five in a row, moved it from 1.16 to 1.53 on
# the same code.
for k in 1 4 16; do
    "$tools/gen" plans -n "$scale_n" -s "$seed" -k "$k" > "$data/size$k.ndjson"
    eval "z${k}_cpu='' z${k}_wall='' z${k}_rss='' z${k}_fail=''"
done
say "plan size 1x, 4x, 16x, in turn"
i=0
while [ "$i" -lt "$runs" ]; do
    for k in 1 4 16; do
        eval "f=\$z${k}_fail"
        [ -z "$f" ] || continue
        m /dev/null "$bin" --fail-on never --no-config --ndjson --format json "$data/size$k.ndjson"
        if [ "$status" != 0 ]; then
            eval "z${k}_fail=\$failed"
            failed=''
        else
            keep "z$k"
        fi
    done
    i=$((i + 1))
done
b1=''
for k in 1 4 16; do
    eval "cpu=\$z${k}_cpu wall=\$z${k}_wall rss=\$z${k}_rss failed=\$z${k}_fail"
    b=$(calc "print $(wc -c < "$data/size$k.ndjson") / $scale_n")
    if [ -n "$failed" ]; then
        row "plan size ${k}x" "$scale_n" "" "" "" "" ""
        continue
    fi
    pp=$(calc "print ($cpu - ${load1:-0}) / $scale_n * 1e6")
    [ "$k" != 1 ] || { b1=$b pps1=$pp; }
    [ "$k" = 1 ] || [ -z "$b1" ] ||
        echo "$(calc "print $b - $b1") $(calc "print $pp - $pps1")" >> "$out/size-plan"
    row "plan size ${k}x" "$scale_n" "$wall" "$cpu" "$(per_s "$scale_n" "$cpu")" "$rss" \
        "$(calc "printf \"%.0f bytes/plan, %.1f us/plan\", $b, $pp")"
done
se=$(exponent < "$out/size-plan")
row "plan size exponent (time vs bytes)" "" "" "" "" "" "$se; goal linear (<= 1.1): $(met "$se" "<=" 1.1)"

: > "$out/scan"
for k in $scan_a $scan_b; do
    rm -rf "$data/iac$k" && mkdir "$data/iac$k"
    "$tools/gen" iac "$data/iac$k" "$k" -s "$seed"
    say "scan of $k files"
    best "$out/scan$k.json" scan --format json "$data/iac$k"
    [ "$status" = timeout ] || echo "$k $cpu $rss" >> "$out/scan"
    row "scan, $k .tf/.bicep in one folder" "$k" "$wall" "$cpu" "$(per_s "$k" "$cpu")" "$rss" ""
done
if [ "$(wc -l < "$out/scan")" = 2 ]; then
    se=$(awk '{ print $1, $2 }' "$out/scan" | exponent)
    grow=$(awk 'NR == 1 { n = $1; r = $3 } NR == 2 { printf "%.1f", ($3 - r) / ($1 - n) }' "$out/scan")
    row "scan exponent, memory per file" "" "" "" "" "" \
        "time $se, goal linear (<= 1.1): $(met "$se" "<=" 1.1); memory +$grow KiB/file, goal flat (<= 1): $(met "$grow" "<=" 1)"
fi
# The same files in folders of ten: one folder of N .tf files is one
# Terraform module, whose declarations the scan keeps while its files are
# read (a file reads what its siblings declare); ten to a folder, the
# memory a file costs beyond its module shows.  The .bicep trees lose their links.
: > "$out/scan-dirs"
for k in $scan_a $scan_b; do
    rm -rf "$data/iacd$k" && cp -r "$data/iac$k" "$data/iacd$k"
    (cd "$data/iacd$k" && ls | awk '{ d = sprintf("d%05d", int((NR - 1) / 10)); f[d] = f[d] " " $0 }
        END { for (d in f) print "mkdir " d " && mv" f[d] " " d }' | sh)
    say "scan of $k files in folders of 10"
    best "$out/scand$k.json" scan --format json "$data/iacd$k"
    [ "$status" = timeout ] || echo "$k $cpu $rss" >> "$out/scan-dirs"
    row "scan, $k .tf/.bicep, 10 a folder" "$k" "$wall" "$cpu" "$(per_s "$k" "$cpu")" "$rss" ""
done
if [ "$(wc -l < "$out/scan-dirs")" = 2 ]; then
    grow=$(awk 'NR == 1 { n = $1; r = $3 } NR == 2 { printf "%.1f", ($3 - r) / ($1 - n) }' "$out/scan-dirs")
    row "scan memory per file, 10 a folder" "" "" "" "" "" \
        "+$grow KiB/file (one folder of $scan_b is one module of $((scan_b / 2)) .tf files)"
fi

# --- 4. the table ----------------------------------------------------
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "attrib-advise bench ($mode): $n plans ($(calc "printf \"%.1f\", $bytes / 1048576") MiB NDJSON, seed $seed), $($bin --version | head -n 1)"
echo "machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $("$cc" --version | head -n 1); load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rates are per CPU second (user + system); ratios compare CPU time; RSS in MiB"
echo
printf "%-44s %7s %8s %8s %10s %8s  %s\n" measure n "wall s" "cpu s" "per cpu s" "RSS" "ratio, goal (issue 15)"
cat "$table"

if [ "$mode" = smoke ]; then
    # The table must have every row, whatever the figures.
    for r in "format json" "format text" "format summary" "parse floor" "subset: attrib" \
        "subset: verdicts" "cold start" "peak RSS at 1" "peak RSS text" "rules 16x" "rule count exponent" \
        "plan size 16x" "plan size exponent" "scan, $scan_b" "scan exponent"; do
        grep -q "$r" "$table" || { say "smoke: no row '$r'"; fails=$((fails + 1)); }
    done
    case $peer_ok in identical* | skipped*) ;; *) fails=$((fails + 1)) ;; esac
fi
[ "$fails" = 0 ] || die "$fails failures"
