/*
 * init.h -- the layout of a plan that attrib-advise writes for a person
 * to go on with (init, interview), shared so both write the same.
 */
#ifndef AA_INIT_H
#define AA_INIT_H

#include <cjson/cJSON.h>

#include "attrib_advise.h"

/* Give 'plan' (a scenario as JSON, without "$schema" or "$comment"
 * members) init's layout: "$schema" first, a "$comment" at the top whose
 * first line is 'first', then the notes on how to go on and the top-level
 * questions still open, and in each section a "$comment" with the
 * questions the advice of rs still needs answered there; sections in
 * contract order.  Returns 0, or -1 when the plan does not load (a bug). */
AA_NODISCARD int aa_init_annotate(const struct aa_ruleset *rs, cJSON *plan,
                                  const char *first);

#endif /* AA_INIT_H */
