/*
 * jsonpos.h -- where the values of a cJSON tree stand in the text it was
 * parsed from.
 *
 * cJSON keeps no positions.  The text is valid JSON once cJSON accepted
 * it, so one walk in document order, beside the tree, finds where every
 * value starts.  The offset is kept in valueint, which cJSON leaves unused
 * for strings, objects and arrays (numbers keep theirs).  Used where a
 * file is read with cJSON and its errors name a line and column: an ARM
 * template (scan_arm.c), a saved portfolio summary (portfolio_compare.c);
 * so is the place of an end of input that cJSON's stop misplaces.
 */
#ifndef AA_JSONPOS_H
#define AA_JSONPOS_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Note the offsets of node and what it holds, node's text starting at
 * offset i of t (blanks first allowed), t the text cJSON accepted (blanks
 * where comments were are fine); returns the offset just past node. */
size_t aa_json_note_offsets(cJSON *node, const char *t, size_t i);

/* The offset noted for node, or (size_t)-1 for a number or NULL. */
static inline size_t
aa_json_offset(const cJSON *node)
{
    return node != NULL && !cJSON_IsNumber(node) ? (size_t)node->valueint
                                                 : (size_t)-1;
}

/* The offset of the key of member m of object obj (the opening quote),
 * whatever m holds, numbers too; (size_t)-1 where m is no member of obj
 * or obj has no offset noted. */
size_t aa_json_key_offset(const cJSON *obj, const cJSON *m, const char *t);

/*
 * What cJSON's stop does not say of the len bytes at t it could not parse:
 * a string the text ends in (placed at its opening quote, where cJSON
 * stops a few bytes in), and objects or arrays left open at the end
 * (placed at the last byte, where cJSON names the last member).  Returns 0
 * with nothing to say, else 1 with the offset in *at and the reason in
 * why[wn].
 */
int aa_json_unfinished(const char *t, size_t len, size_t *at, char *why,
                       size_t wn);

/* Whether cJSON stopped at offset 'off' of t because arrays and objects
 * were nested past its limit there: it says no more than where it stopped. */
int aa_json_too_deep(const char *t, size_t off);

/* The offset of the first byte at or after i that is not a blank as cJSON
 * takes them (a byte from 1 to 32). */
size_t aa_json_skip_ws(const char *t, size_t i);

#endif /* AA_JSONPOS_H */
