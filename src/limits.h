/*
 * limits.h -- the bounds every reader of untrusted input keeps, in one
 * table (docs/security.md lists them, --limit NAME=N changes them).
 *
 * One process-wide table rather than a struct threaded through every
 * loader: the front end sets it once, before anything is read, and each
 * reader asks for the one bound it needs where it needs it.  Nothing else
 * in the library is global.
 */
#ifndef AA_LIMITS_H
#define AA_LIMITS_H

#include <stddef.h>

#include "attrib_advise.h"

/* aa_limit(), the value of one bound, and aa_limit_size_text() are
 * declared in attrib_advise.h: the front end reads the one bound it
 * keeps itself (answer-size) and says it in the same words. */

#endif /* AA_LIMITS_H */
