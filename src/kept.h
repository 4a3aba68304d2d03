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
#include <stdint.h>

struct aa_kept_slot {
    const void *name[4]; /* name[0] NULL: a free slot */
    size_t off, len;     /* the bytes in the pool */
};

/* All zero is an empty store. */
struct aa_kept {
    struct aa_kept_slot *slot; /* a hash table of n entries in cap slots */
    size_t n, cap;
    char *pool; /* the bytes of every entry */
    size_t len, poolcap;
    size_t ncombos; /* entries kept by aa_kept_add_combo */
};

void aa_kept_fini(struct aa_kept *k);

/* The slot of 'name' in a table of at least one slot, or the free slot
 * where it would go (open addressing, linear probing, never full). */
static inline struct aa_kept_slot *
aa_kept_slot(const struct aa_kept *k, const void *const name[4])
{
    uint64_t h = 0;
    size_t i;

    for (int j = 0; j < 4; j++)
        h = (h ^ (uint64_t)(uintptr_t)name[j]) * 0x9e3779b97f4a7c15ULL;
    for (i = (size_t)(h >> 20) & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        struct aa_kept_slot *e = &k->slot[i];

        if (e->name[0] == NULL ||
            (e->name[0] == name[0] && e->name[1] == name[1] &&
             e->name[2] == name[2] && e->name[3] == name[3]))
            return e;
    }
}

/* The bytes kept under 'name' (*n of them), or NULL.  Inline: a batch
 * looks a few dozen pieces up a plan. */
static inline const char *
aa_kept_find(const struct aa_kept *k, const void *const name[4], size_t *n)
{
    const struct aa_kept_slot *e;

    if (k->n == 0 || name[0] == NULL)
        return NULL;
    e = aa_kept_slot(k, name);
    if (e->name[0] == NULL)
        return NULL;
    *n = e->len;
    return k->pool + e->off;
}

/* Keep the n bytes at s under 'name' (name[0] not NULL), unless a piece
 * is kept under it already or the store is full. */
void aa_kept_add(struct aa_kept *k, const void *const name[4], const char *s,
                 size_t n);
/* The same for a piece named by a combination of a plan's values (a set of
 * missing fields), of which a batch meets more the longer it runs: the
 * first few hundred are kept and no more, so the store stops growing
 * early, while the plans' most common combinations, which come first, are
 * still copied. */
void aa_kept_add_combo(struct aa_kept *k, const void *const name[4],
                       const char *s, size_t n);

#endif /* AA_KEPT_H */
