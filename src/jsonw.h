/*
 * jsonw.h -- print a cJSON tree with two-space indentation and ": "
 * separators (cJSON's own formatter uses tabs), arrays of scalars on one
 * line, except a plan's "$comment" notes, one a line.  Output is deterministic:
 * member order as built.
 */
#ifndef AA_JSONW_H
#define AA_JSONW_H

#include <cjson/cJSON.h>

/* A heap string ending in a newline; the caller frees it with free().
 * Strings are escaped so that the text is safe to print (jsonout.c). */
char *aa_jsonw_print(const cJSON *item);

/* The same on one line with no spaces and no final newline, as
 * cJSON_PrintUnformatted writes it (NDJSON). */
char *aa_jsonw_print_compact(const cJSON *item);

#endif /* AA_JSONW_H */
