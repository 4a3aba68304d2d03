/*
 * image.c -- the built-in ruleset from the image the build made of it
 * (embed_image.c): the ruleset's own struct copied, the rest read where
 * the binary holds it.  Loading and compiling the rules took millions of
 * instructions at every start (docs/performance.md); this takes none but
 * the copy, and the pages of the image the run reads.  The build wrote
 * the conditions of the same rules as code too (cond.h): this ruleset
 * carries them, as no ruleset compiled at run time does.
 *
 * The image is declared as words and read as the structs the arena held;
 * nothing but this file names it, and here only as bytes, so no access
 * through its declared type ever meets one through a struct's.
 */
#include <string.h>

#include "attrib_advise.h"
#include "cond.h"
#include "ruleset.h"

struct aa_ruleset *
aa_ruleset_builtin(struct aa_diags *dl)
{
    const struct aa_image *im = &aa_builtin_image;
    struct aa_ruleset *rs;

    if (im->size == 0) { /* the image maker's own build */
        rs = aa_ruleset_new();
        if (aa_rules_load_builtin(rs, dl) != 0 ||
            aa_ruleset_compile(rs, dl) != 0) {
            aa_ruleset_free(rs);
            return NULL;
        }
        return rs;
    }
    rs = aa_xmalloc(sizeof(*rs));
    memcpy(rs, (const char *)im->words + im->ruleset, sizeof(*rs));
    /* An arena of its own for what the run adds; the image is in none. */
    aa_ruleset_own_arena(rs);
    rs->image = 1;
    /* The build wrote the image and these from the same rules. */
    if (aa_builtin_conds.fn != NULL)
        rs->conds = &aa_builtin_conds;
    return rs;
}
