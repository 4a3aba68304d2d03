/*
 * lint.h -- checks of 'rules check' that need the compiled program.
 */
#ifndef AA_LINT_H
#define AA_LINT_H

#include <stddef.h>
#include <stdio.h>

struct aa_ruleset;

/* A warning on 'out' (may be NULL) for each rule of a compiled ruleset
 * whose condition no plan can make true, where that can be decided (see
 * lint.c); with user_only, built-in rules are not checked.  Adds to
 * *checked (may be NULL) the rules it could decide.  Returns how many
 * can never fire. */
size_t aa_lint_never_fires(const struct aa_ruleset *rs, int user_only,
                           size_t *checked, FILE *out);

#endif /* AA_LINT_H */
