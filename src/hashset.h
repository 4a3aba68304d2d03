/*
 * hashset.h -- a set of strings, each naming a value, for the lookups by
 * id that loading and compiling make once per rule, fact, source or list.
 *
 * A walk over the earlier entries made such lookups cost the square of
 * their number: 25,000 rules took seconds to load.  The set is open
 * addressing with linear probing, kept at most half full, in an arena:
 * it is freed with its arena and never by itself.  Keys and values are
 * borrowed and must outlive the set; a value is never NULL, so NULL can
 * mean "absent".  Nothing iterates the set, so its order never shows.
 */
#ifndef AA_HASHSET_H
#define AA_HASHSET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct aa_hashset_slot {
    const char *key; /* NULL: empty */
    const void *val;
    uint64_t hash; /* of key: a probe compares it before the text */
};

struct aa_hashset {
    struct aa_arena *arena;        /* where the table grows */
    struct aa_hashset_slot *slots; /* cap of them; NULL until the first add */
    size_t cap, n;
};

/* An empty set whose table will come from 'a'.  Cannot fail. */
void aa_hashset_init(struct aa_hashset *s, struct aa_arena *a);

/* Add 'key' naming 'val' (not NULL) unless the set has the key already.
 * Returns NULL when the key is new, else the value it names, which stays:
 * the first added wins, as the first loaded of namesakes does. */
const void *aa_hashset_add(struct aa_hashset *s, const char *key,
                           const void *val);

/* The value 'key' names, or NULL. */
const void *aa_hashset_find(const struct aa_hashset *s, const char *key);

#endif /* AA_HASHSET_H */
