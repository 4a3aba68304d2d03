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

/* aa_limit(), the value of one bound, is declared in attrib_advise.h:
 * the front end reads the one bound it keeps itself (answer-size). */

/* A size as the user would write it in --limit's terms: "8 MiB",
 * "64 KiB" or "100 bytes", into buf (cap bytes); returns buf. */
const char *aa_limit_size_text(char *buf, size_t cap, size_t n);

#endif /* AA_LIMITS_H */
