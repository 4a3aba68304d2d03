/*
 * eval.h -- what the evaluator shares with the search built on it
 * (whynot.c): how a plan value reads in an explanation.
 */
#ifndef AA_EVAL_H
#define AA_EVAL_H

#include "arena.h"
#include "report.h"
#include "scenario.h"

/* v as --explain and why-not show it; arrays copied into a. */
struct aa_xread aa_eval_read(struct aa_arena *a, const struct aa_val *v);

/* The verdict aa_eval would give mechanism m (enum aa_mech), from the
 * rules of that mechanism alone: no reasons, actions or findings. */
enum aa_verdict aa_eval_verdict(const struct aa_ruleset *rs,
                                const struct aa_scenario *sc, int m);

/* The value of the condition of rule i of the compiled program on sc: 1
 * true, 0 false, -1 unknown ('rules check' asks whether it can be true). */
int aa_eval_rule(const struct aa_ruleset *rs, size_t i,
                 const struct aa_scenario *sc);

/* The guards (compile.h) held against the conditions they stand for: the
 * id of the first rule whose guards, or the guard index and the guards the
 * rule tests itself, take it as false on sc while its condition is not
 * false, or NULL; *fired counts the first-stage rules the second way takes
 * as false, the way every evaluation takes.  The evaluator trusts them;
 * the invariants test checks them. */
const char *aa_eval_guard_unsound(const struct aa_ruleset *rs,
                                  const struct aa_scenario *sc, size_t *fired);

/* The nodes evaluated by a mask (compile.h, enum aa_fast) held against
 * the walk their op stands for: the field of the first whose value, or
 * whose unknown fields, differ on sc, or NULL; *checked counts the nodes
 * compared. */
const char *aa_eval_fast_unsound(const struct aa_ruleset *rs,
                                 const struct aa_scenario *sc, size_t *checked);

#endif /* AA_EVAL_H */
