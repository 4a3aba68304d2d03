/*
 * ids.h -- the written forms of the identifiers the facts fix, in one
 * place: the evaluator's operators, the deployment-code scan and the CI
 * front end each read them, and two spellings of one form had drifted
 * (one read a control byte as a wildcard).
 *
 * Every test here is strict: a byte is what it is.  The scan's unknown
 * parts (AA_HOLE) are the scan's own business, on top of these.
 */
#ifndef AA_IDS_H
#define AA_IDS_H

#include <stddef.h>

/* Nonzero when s[0..35] is 8-4-4-4-12 hexadecimal digits (CUA-F06);
 * n is the room at s, so a shorter string is no GUID. */
int aa_guid_at(const char *s, size_t n);
/* Nonzero when the whole of s is a GUID. */
int aa_is_guid(const char *s);
/* Nonzero when the GUID at s (aa_guid_at holds) is the zero GUID: a
 * template's placeholder, never registered (CUA-F25). */
int aa_guid_is_zero(const char *s);
/* Nonzero when s (n bytes) is one of the forms azurerm's partner_id and
 * ARM_PARTNER_ID accept (CUA-F12): <GUID>, pid-<GUID> or
 * pid-<GUID>-partnercenter, "pid-" and "-partnercenter" in lower case
 * only, as the provider compares them: a plan's tracking ID and the code
 * that carries it are held to the same forms. */
int aa_partner_id_form(const char *s, size_t n);

#endif
