/*
 * rules_test.h -- the parts of the rule test runner (rules_test.c) that
 * its unit tests reach: how a test's plan is made from YAML nodes.
 */
#ifndef AA_RULES_TEST_H
#define AA_RULES_TEST_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "yaml_tree.h"

/* 'patch' applied to 'target' (NULL: nothing yet) as a JSON Merge Patch
 * (RFC 7386): a mapping merges member by member, a null member removes
 * the member, anything else replaces the target whole.  New mappings come
 * from 'a'; the result shares the nodes it does not change with both. */
const struct aa_ynode *aa_rules_test_merge(struct aa_arena *a,
                                           const struct aa_ynode *target,
                                           const struct aa_ynode *patch);

/* Where one line of a plan's JSON text was written: the key of the member
 * it holds (the item, for an item of a sequence; the mapping or sequence,
 * for the bracket that closes it) and its value, which starts at column
 * val_col of the line. */
struct aa_plan_line {
    struct aa_loc key, val;
    unsigned val_col;
};

/* The plan as JSON text, one member or item a line, each scalar typed as
 * YAML reads it: quoted is a string; plain null, ~ or nothing is null,
 * true or false (or True, TRUE, ...) a boolean, a numeral as JSON writes
 * one a number, anything else a string.  Returns a heap string and, in
 * *lines, a heap array of its *nlines lines, line 1 first; the caller
 * frees both. */
char *aa_rules_test_json(const struct aa_ynode *plan,
                         struct aa_plan_line **lines, size_t *nlines);

#endif /* AA_RULES_TEST_H */
