/*
 * image_none.c -- no image of the built-in rules, and no code of their
 * conditions: what the build tools (embed_image.c, embed_conds.c) link, as
 * they make the ones the program links.  aa_ruleset_builtin then loads
 * and compiles the rules, and eval.c walks their conditions.
 */
#include "cond.h"
#include "ruleset.h"

const struct aa_image aa_builtin_image = {NULL, 0, 0};
const struct aa_conds aa_builtin_conds = {0, 0, 0, NULL};
