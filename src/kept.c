/*
 * kept.c -- pieces of output kept to be copied again (kept.h, which has
 * the lookup).
 *
 * Open addressing with linear probing over the names' pointers, kept at
 * most half full, so a probe ends at a free slot.  The table grows with
 * what is kept: a batch's few hundred pieces are looked up once or more
 * a plan, and a table sized for the most a store keeps would not stay in
 * the cache.
 */
#include "kept.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* What a store keeps at most: the distinct reasons and actions of a rule
 * set, which a batch writes again and again, fit many times over. */
enum { KEPT_MAX = 4096, POOL_MAX = 4 << 20 };
/* Of them, pieces named by combinations: in 50 000 plans of the bench the
 * first 256 of a text batch's rows of missing fields (of 1 222 met)
 * covered 95% of such rows. */
enum { COMBOS_MAX = 256 };

void
aa_kept_fini(struct aa_kept *k)
{
    free(k->slot);
    free(k->pool);
    memset(k, 0, sizeof(*k));
}

/* Twice the slots (the first 256), the entries placed again. */
static void
grow(struct aa_kept *k)
{
    struct aa_kept_slot *old = k->slot;
    size_t n = k->cap;

    k->cap = n ? 2 * n : 256;
    k->slot = aa_xcalloc(k->cap, sizeof(*k->slot));
    for (size_t i = 0; i < n; i++)
        if (old[i].name[0] != NULL)
            *aa_kept_slot(k, old[i].name) = old[i];
    free(old);
}

void
aa_kept_add(struct aa_kept *k, const void *const name[4], const char *s,
            size_t n)
{
    struct aa_kept_slot *e;

    if (name[0] == NULL || k->n >= KEPT_MAX || k->len + n > POOL_MAX)
        return;
    if (2 * (k->n + 1) > k->cap)
        grow(k);
    e = aa_kept_slot(k, name);
    if (e->name[0] != NULL)
        return;
    while (k->len + n > k->poolcap) {
        k->poolcap = k->poolcap ? 2 * k->poolcap : 4096;
        k->pool = aa_xrealloc(k->pool, k->poolcap, 1);
    }
    memcpy(k->pool + k->len, s, n);
    memcpy(e->name, name, sizeof(e->name));
    e->off = k->len;
    e->len = n;
    k->len += n;
    k->n++;
}

void
aa_kept_add_combo(struct aa_kept *k, const void *const name[4], const char *s,
                  size_t n)
{
    size_t before = k->n;

    if (k->ncombos >= COMBOS_MAX)
        return;
    aa_kept_add(k, name, s, n);
    k->ncombos += k->n - before;
}
