/*
 * image_none.c -- no image of the built-in rules: what the image maker
 * (embed_image.c) links, as it makes the one the program links.
 * aa_ruleset_builtin then loads and compiles the rules.
 */
#include "ruleset.h"

const struct aa_image aa_builtin_image = {NULL, 0, 0};
