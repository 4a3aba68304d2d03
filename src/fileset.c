/*
 * fileset.c -- the files of a scan by absolute path (fileset.h).
 *
 * An absolute path is split after its last '/': the folder with that
 * slash, numbered once in the set, and the rest, the file's name.  The
 * split is the same for equal paths and their concatenation is the path,
 * so two paths are equal exactly when their folders and names are.  Open
 * addressing with linear probing, at most three quarters full: a slot is
 * 16 bytes, and 10 000 files take 256 KiB.
 */
#include "fileset.h"

#include <stdlib.h>
#include <string.h>

/* A folder: its text, in the set's arena, and its number. */
struct dir {
    const char *s;
    uint32_t id;
};

void
aa_fileset_init(struct aa_fileset *fs, struct aa_arena *a)
{
    memset(fs, 0, sizeof(*fs));
    fs->arena = a;
    aa_hashset_init(&fs->dirs, a);
}

void
aa_fileset_fini(struct aa_fileset *fs)
{
    free(fs->slots);
    fs->slots = NULL;
    fs->cap = fs->n = 0;
}

/* FNV-1a of the name, then the folder and MurmurHash3's finaliser, so
 * the low bits the table takes depend on every byte (hashset.c). */
static uint32_t
hash_of(uint32_t dir, const char *name, size_t n)
{
    uint64_t h = 14695981039346656037u ^ dir;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)name[i]) * 1099511628211u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return (uint32_t)(h ^ (h >> 32));
}

/* The slot of (dir, name), or the empty one where it would go.  The
 * table is never full, so the walk ends. */
static struct aa_fileset_slot *
probe(struct aa_fileset_slot *slots, size_t cap, uint32_t dir, const char *name,
      size_t n, uint32_t h)
{
    size_t mask = cap - 1;

    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct aa_fileset_slot *q = &slots[i];

        if (q->name == NULL ||
            (q->hash == h && q->dir == dir && strncmp(q->name, name, n) == 0 &&
             q->name[n] == '\0'))
            return q;
    }
}

/* The number of the folder abs[0, n), with 'add' made if new; else
 * UINT32_MAX when the set has none. */
static uint32_t
dir_of(struct aa_fileset *fs, const char *abs, size_t n, int add)
{
    char small[256], *key = small;
    const struct dir *d;
    struct dir *made;

    if (fs->last != NULL && fs->last_len == n && memcmp(fs->last, abs, n) == 0)
        return fs->last_dir;
    if (n >= sizeof(small))
        key = aa_xmalloc(n + 1);
    memcpy(key, abs, n);
    key[n] = '\0';
    d = aa_hashset_find(&fs->dirs, key);
    if (key != small)
        free(key);
    if (d == NULL && !add)
        return UINT32_MAX;
    if (d == NULL) {
        made = aa_arena_alloc(fs->arena, sizeof(*made));
        made->s = aa_arena_strndup(fs->arena, abs, n);
        made->id = fs->ndirs++;
        (void)aa_hashset_add(&fs->dirs, made->s, made);
        d = made;
    }
    if (add) { /* a folder added to is the one the scan is in */
        fs->last = d->s;
        fs->last_len = n;
        fs->last_dir = d->id;
    }
    return d->id;
}

/* Where abs's name starts: after its last '/'. */
static size_t
name_at(const char *abs)
{
    const char *slash = strrchr(abs, '/');

    return slash != NULL ? (size_t)(slash - abs) + 1 : 0;
}

int
aa_fileset_has(const struct aa_fileset *fs, const char *abs)
{
    size_t at = name_at(abs), n = strlen(abs + at);
    uint32_t dir;
    const struct aa_fileset_slot *q;

    if (fs->n == 0)
        return 0;
    /* Looked up only: the cast lets dir_of share its code, which with
     * add == 0 changes nothing. */
    dir = dir_of((struct aa_fileset *)fs, abs, at, 0);
    if (dir == UINT32_MAX)
        return 0;
    q = probe(fs->slots, fs->cap, dir, abs + at, n, hash_of(dir, abs + at, n));
    return q->name != NULL;
}

static void
grow(struct aa_fileset *fs)
{
    size_t cap = fs->cap ? fs->cap * 2 : 64;
    struct aa_fileset_slot *slots = aa_xcalloc(cap, sizeof(*slots));

    for (size_t i = 0; i < fs->cap; i++) {
        const struct aa_fileset_slot *q = &fs->slots[i];

        if (q->name != NULL)
            *probe(slots, cap, q->dir, q->name, strlen(q->name), q->hash) = *q;
    }
    free(fs->slots);
    fs->slots = slots;
    fs->cap = cap;
}

int
aa_fileset_add(struct aa_fileset *fs, const char *abs, const char *path)
{
    size_t at = name_at(abs), n = strlen(abs + at), pn = strlen(path);
    uint32_t dir = dir_of(fs, abs, at, 1), h = hash_of(dir, abs + at, n);
    struct aa_fileset_slot *q;

    if (4 * (fs->n + 1) > 3 * fs->cap)
        grow(fs);
    q = probe(fs->slots, fs->cap, dir, abs + at, n, h);
    if (q->name != NULL)
        return 1;
    q->name = pn >= n && memcmp(path + pn - n, abs + at, n) == 0
                  ? path + pn - n
                  : aa_arena_strndup(fs->arena, abs + at, n);
    q->dir = dir;
    q->hash = h;
    fs->n++;
    return 0;
}
