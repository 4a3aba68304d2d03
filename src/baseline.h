/*
 * baseline.h -- a baseline from bytes in memory.  The rest of the baseline
 * API (load, add, write, has, free) is public, in attrib_advise.h.
 */
#ifndef AA_BASELINE_H
#define AA_BASELINE_H

#include <stddef.h>

#include "diag.h"

/* Parse the baseline in 'data' (len bytes; 'name' for messages).  Returns a
 * new baseline the caller frees with aa_baseline_free, or NULL after adding
 * at least one diagnostic with file:line:col to dl.  data is copied. */
AA_NODISCARD struct aa_baseline *aa_baseline_parse(const char *name,
                                                   const char *data, size_t len,
                                                   struct aa_diags *dl);

#endif /* AA_BASELINE_H */
