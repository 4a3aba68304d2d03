/*
 * hashset.c -- open addressing with linear probing (hashset.h).
 *
 * Each slot keeps its key's hash, so a probe that meets another key
 * compares two integers, and strcmp runs only on a likely match.  The
 * table doubles when it would be more than half full; the old table stays
 * in the arena, so growing from empty costs at most twice the final size.
 */
#include "hashset.h"

#include <string.h>

/* FNV-1a, then MurmurHash3's 64-bit finaliser.  The table takes the low
 * bits, and the low k bits of FNV-1a depend only on the low k bits of
 * each byte (its prime is 2^40 + 0x1b3): without the finaliser "a1",
 * "q1" and "A1" would share a slot in any table of up to 16. */
static uint64_t
hash_of(const char *key)
{
    uint64_t h = 14695981039346656037u;

    for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++)
        h = (h ^ *p) * 1099511628211u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    return h ^ (h >> 33);
}

/* The slot of 'key' (hash h): its own, or the empty one where it would
 * go.  The table is never full, so the walk ends. */
static struct aa_hashset_slot *
probe(struct aa_hashset_slot *slots, size_t cap, const char *key, uint64_t h)
{
    size_t mask = cap - 1;

    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct aa_hashset_slot *q = &slots[i];

        if (q->key == NULL || (q->hash == h && strcmp(q->key, key) == 0))
            return q;
    }
}

void
aa_hashset_init(struct aa_hashset *s, struct aa_arena *a)
{
    s->arena = a;
    s->slots = NULL;
    s->cap = s->n = 0;
}

static void
grow(struct aa_hashset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 16;
    struct aa_hashset_slot *slots =
        aa_arena_alloc(s->arena, cap * sizeof(*slots)); /* zeroed: empty */

    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].key != NULL)
            *probe(slots, cap, s->slots[i].key, s->slots[i].hash) = s->slots[i];
    s->slots = slots;
    s->cap = cap;
}

const void *
aa_hashset_add(struct aa_hashset *s, const char *key, const void *val)
{
    uint64_t h = hash_of(key);
    struct aa_hashset_slot *q;

    if (2 * (s->n + 1) > s->cap)
        grow(s);
    q = probe(s->slots, s->cap, key, h);
    if (q->key != NULL)
        return q->val;
    q->key = key;
    q->val = val;
    q->hash = h;
    s->n++;
    return NULL;
}

const void *
aa_hashset_find(const struct aa_hashset *s, const char *key)
{
    if (s->n == 0)
        return NULL;
    return probe(s->slots, s->cap, key, hash_of(key))->val;
}
