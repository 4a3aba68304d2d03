#!/bin/sh
# A rule pack of N rules for measuring how loading scales: copies of the
# shipped rules (those of rules/*.yaml that test the plan; the detectors
# allow one rule each) with their ids renamed, each also citing a fact of
# its own, plus N facts, N lists and a 'severity' entry for each rule with a
# finding, at the level it has.  Deterministic.
# Usage: bench/gen_rules.sh N > pack.yaml.  A pack of more than about
# 4,700 rules is over the default limits (rules-size, then lists and
# rules): bench/rule_load.sh raises them.
set -eu
n=${1:?usage: bench/gen_rules.sh N}
src=$(dirname "$0")/../rules
awk -v n="$n" '
# Collect the rule blocks: "  - id: X" up to the next one or a top key.
FNR == 1 { inrules = 0 }
/^[a-z]/ { inrules = ($0 ~ /^rules:/); if (nr) close_rule(); next }
inrules && /^  - id: / { close_rule(); cur = $0 "\n"; nr = 1; next }
inrules && nr { cur = cur $0 "\n" }
function close_rule() {
    if (nr && cur !~ /\n    detect: /)
        rules[count++] = cur
    nr = 0; cur = ""
}
END {
    close_rule()
    print "version: 1"
    print "facts:"
    for (k = 1; k <= n; k++)
        printf "  - {id: BENCH-F%d, status: doc, sources: [S1], summary: \"Fact %d of the generated pack.\"}\n", k, k
    print "lists:"
    for (k = 1; k <= n; k++)
        printf "  bench.list-%d: [\"a%d\", \"b%d\"]\n", k, k, k
    print "rules:"
    for (k = 1; k <= n; k++) {
        r = rules[(k - 1) % count]
        sub(/\n/, ".g" k "\n", r)
        sub(/\n    facts: \[/, "\n    facts: [BENCH-F" k ", ", r)
        printf "%s", r
    }
    print "severity:"
    for (k = 1; k <= n; k++) {
        r = rules[(k - 1) % count]
        if (!match(r, /\n    finding:\n      severity: [a-z]+/))
            continue
        level = substr(r, RSTART, RLENGTH); sub(/.* /, "", level)
        id = r; sub(/^  - id: /, "", id); sub(/\n.*/, "", id)
        printf "  %s.g%d: %s\n", id, k, level
    }
}' "$src"/cpor.yaml "$src"/csp.yaml "$src"/cua.yaml "$src"/dpor.yaml \
    "$src"/general.yaml "$src"/mbs.yaml "$src"/pal.yaml "$src"/pracr.yaml
