/*
 * cond.h -- the built-in rules' conditions as C code the build generates
 * (src/embed_conds.c -> builtin_conds.c), and what that code calls back.
 *
 * eval.c walks a condition's nodes (compile.h), which for the few nodes of
 * a built-in rule costs more in loading and dispatching each node than in
 * its test.  The build writes each built-in rule's condition out as a
 * function of its own instead: the same tests, in the same order, with
 * each node's field, type and mask as constants.  Nodes the generator
 * does not write out (item loops, strings, lists) it leaves to the walk
 * through aa_eval_node, so each node's meaning lives in eval.c alone.
 *
 * Only the image of the built-in rules (image.c) carries these functions:
 * a ruleset of the user's files is compiled at run time and walked.  A
 * function is the walk's answer, three-valued, with the same fields added
 * to *why where it is unknown; builds with assertions check that on every
 * call (eval.c), and test_image on every built-in rule over generated
 * plans.
 */
#ifndef AA_COND_H
#define AA_COND_H

#include <stddef.h>
#include <stdint.h>

#include "compile.h"
#include "scenario.h"

/* The three values, as eval.c's own (it checks they agree). */
enum { AA_COND_F = 0, AA_COND_T = 1, AA_COND_U = 2 };

/* A rule's condition on sc; where unknown, the fields that leave it so
 * are added to *why. */
typedef int (*aa_cond_fn)(const struct aa_program *pg,
                          const struct aa_scenario *sc, struct aa_rowset *why);

struct aa_conds {
    size_t nrules, nnodes;
    /* aa_program_digest of the program the functions were written from:
     * test_image holds the image's program to it. */
    uint64_t digest;
    const aa_cond_fn *fn; /* by rule index; NULL where eval.c walks */
};

/* The generated functions of the built-in rules; nrules 0 in the build
 * tools, which have no image (image_none.c). */
extern const struct aa_conds aa_builtin_conds;

/* The walk of node ix (not an item test) on sc, for a node the generated
 * code leaves to it. */
int aa_eval_node(const struct aa_program *pg, unsigned ix,
                 const struct aa_scenario *sc, struct aa_rowset *why);

#endif /* AA_COND_H */
