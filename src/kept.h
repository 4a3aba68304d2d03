/*
 * kept.h -- output made once and copied whole when it comes again.
 *
 * A batch writes the same rule texts plan after plan: a reason's JSON
 * string, a reason wrapped at the terminal's width with its tag.  The
 * writer that made such a piece keeps its bytes here under a name of four
 * pointers (NULL for those it needs not), which the writer promises stand
 * for the same bytes as long as the store lives, and copies them the next
 * time instead of escaping and laying the text out again.  The store is
 * bounded (what a rule set's distinct texts need, many times over): past
 * that, pieces are no longer kept, and are made each time as before.
 */
#ifndef AA_KEPT_H
#define AA_KEPT_H

#include <stddef.h>

struct aa_kept_slot;

/* All zero is an empty store. */
struct aa_kept {
    struct aa_kept_slot *slot; /* a hash table of n entries in cap slots */
    size_t n, cap;
    char *pool; /* the bytes of every entry */
    size_t len, poolcap;
};

void aa_kept_fini(struct aa_kept *k);

/* The bytes kept under 'name' (*n of them), or NULL. */
const char *aa_kept_find(const struct aa_kept *k, const void *const name[4],
                         size_t *n);

/* Keep the n bytes at s under 'name' (name[0] not NULL), unless a piece
 * is kept under it already or the store is full. */
void aa_kept_add(struct aa_kept *k, const void *const name[4], const char *s,
                 size_t n);

#endif /* AA_KEPT_H */
