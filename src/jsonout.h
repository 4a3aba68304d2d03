/*
 * jsonout.h -- JSON written as it is produced, from begin/key/value/end
 * calls, into one growing buffer: no tree, no allocation per value.
 *
 * The layout is jsonw's (two-space indentation, ": " after a key, an array
 * of scalars on one line, an empty container as [] or {}), or with
 * 'compact' cJSON_PrintUnformatted's (one line, no blanks, for NDJSON).
 * Strings are escaped as jsonout.c says, by the one escaper both use.
 *
 * The same calls can build a cJSON tree instead (aa_jsonout_init_tree), so
 * an object that output written as it goes shares with one that still
 * assembles a tree (scan, explain) is defined once.
 */
#ifndef AA_JSONOUT_H
#define AA_JSONOUT_H

#include <stddef.h>
#include <stdio.h>

#include "kept.h"

struct cJSON;

struct aa_jsonout {
    char *s; /* the text not yet written out; NUL-terminated */
    size_t len, cap;
    int compact;
    struct cJSON *root; /* tree mode: the value built so far */
    struct cJSON **tree;
    const char *key; /* tree mode: the key of the next value */
    /* One entry per open container (flags in jsonout.c). */
    unsigned char *lv;
    size_t depth, lvcap;
    /* The values kept to be written again (aa_jsonout_keep). */
    struct aa_kept kept;
};

/* Text output, indented or compact.  aa_jsonout_fini frees the buffer. */
void aa_jsonout_init(struct aa_jsonout *o, int compact);
/* A cJSON tree instead of text: take it with aa_jsonout_tree. */
void aa_jsonout_init_tree(struct aa_jsonout *o);
void aa_jsonout_fini(struct aa_jsonout *o);

/* Containers.  An array takes its layout from its first element: on one
 * line when that is a scalar (it must then hold only scalars), one
 * element a line when it is a container; aa_jsonout_array_lines always
 * puts one element a line.  aa_jsonout_end closes the innermost one. */
void aa_jsonout_object(struct aa_jsonout *o);
void aa_jsonout_array(struct aa_jsonout *o);
void aa_jsonout_array_lines(struct aa_jsonout *o);
void aa_jsonout_end(struct aa_jsonout *o);

/* The key of the next value, which must follow; inside an object only.
 * Tree mode borrows it until that value is given. */
void aa_jsonout_key(struct aa_jsonout *o, const char *key);
/* The same for a key of n bytes that needs no escape (the caller's own
 * names: letters, digits, '_', '-'), copied whole without a look at each
 * byte. */
void aa_jsonout_keyn(struct aa_jsonout *o, const char *key, size_t n);

/* Values.  A number prints as an integer when it is one (and below 1e15
 * in magnitude), else with 17 significant digits, as jsonw does. */
void aa_jsonout_string(struct aa_jsonout *o, const char *s);
void aa_jsonout_int(struct aa_jsonout *o, long long n);
void aa_jsonout_number(struct aa_jsonout *o, double d);
void aa_jsonout_bool(struct aa_jsonout *o, int b);
void aa_jsonout_null(struct aa_jsonout *o);

/* A value made once and copied whole when it comes again, in compact text
 * (an indented value's text depends on its depth).  The caller names it
 * by four pointers (NULL for those it needs not) that stand for the same
 * text as long as the emitter lives.  aa_jsonout_again writes the value
 * kept under that name where the next value goes and returns 1, or
 * returns 0; the caller then writes the value itself, takes
 * aa_jsonout_mark just before and calls aa_jsonout_keep just after, which
 * keeps it while the emitter has room for it. */
int aa_jsonout_again(struct aa_jsonout *o, const void *const name[4]);
size_t aa_jsonout_mark(const struct aa_jsonout *o);
void aa_jsonout_keep(struct aa_jsonout *o, size_t mark,
                     const void *const name[4]);

/* The same of a run of members of the innermost object (one or more,
 * keys and values), named as a value is: aa_jsonout_again_members writes
 * the run kept under the name where the next member goes and returns 1,
 * or returns 0, and the caller writes the members between
 * aa_jsonout_mark and aa_jsonout_keep. */
int aa_jsonout_again_members(struct aa_jsonout *o, const void *const name[4]);

/* Text of its own between values: the line break that ends a document. */
void aa_jsonout_raw(struct aa_jsonout *o, const char *s, size_t n);

/* Write the text so far to fp and empty the buffer, keeping the open
 * containers: a document can go out a part at a time.  Returns 0, or -1
 * on a write error. */
int aa_jsonout_flush(struct aa_jsonout *o, FILE *fp);
/* Empty the buffer as aa_jsonout_flush does, for text that went out
 * another way (o->s, o->len). */
void aa_jsonout_clear(struct aa_jsonout *o);

/* The text so far as a heap string the caller frees (never NULL); the
 * buffer is empty after. */
char *aa_jsonout_take(struct aa_jsonout *o);

/* Tree mode: the value built, which the caller owns (NULL when none). */
struct cJSON *aa_jsonout_tree(struct aa_jsonout *o);

/* The n bytes at s as a JSON string literal, escaped as jsonout.c says,
 * appended to o's text: the escaper of every JSON output. */
void aa_jsonout_quote(struct aa_jsonout *o, const char *s, size_t n);

#endif /* AA_JSONOUT_H */
