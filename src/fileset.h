/*
 * fileset.h -- the files a scan has listed, by absolute path, so that a
 * file met again under another name ("../pid/main.tf" and "main.tf"
 * from inside pid) is listed once.
 *
 * A scan lists thousands of files from a few folders.  Each absolute path
 * is kept as its folder, stored once for all the files in it, and its
 * last component, borrowed from the name the file was listed under; the
 * table holds no string of its own for the common file, and grows on the
 * heap, giving its old table back.  Two string sets in the scan's arena,
 * each name as given and each absolute path, with every table they outgrew
 * left behind, took about 300 bytes a file (docs/performance.md, round 14).
 */
#ifndef AA_FILESET_H
#define AA_FILESET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "hashset.h"

struct aa_fileset_slot {
    const char *name; /* the last component; NULL: empty */
    uint32_t dir;     /* the folder, as a number of the set's */
    uint32_t hash;    /* of both: a probe compares it before the text */
};

struct aa_fileset {
    struct aa_arena *arena;        /* the folders, and a name not borrowed */
    struct aa_fileset_slot *slots; /* cap of them, on the heap */
    size_t cap, n;
    struct aa_hashset dirs; /* folder -> struct dir (fileset.c) */
    uint32_t ndirs;
    /* The folder met last, as a scan meets a folder's files one after
     * the other: its files cost no lookup of their folder. */
    const char *last;
    size_t last_len;
    uint32_t last_dir;
};

/* An empty set whose folders will be kept in 'a'.  Cannot fail. */
void aa_fileset_init(struct aa_fileset *fs, struct aa_arena *a);
/* Free the table; what went into the arena goes with it. */
void aa_fileset_fini(struct aa_fileset *fs);

/* Whether the absolute path 'abs' is in the set. */
int aa_fileset_has(const struct aa_fileset *fs, const char *abs);

/* Add the absolute path 'abs' of the file listed as 'path'.  The last
 * component of abs is borrowed from the end of 'path' when path ends with
 * it, as it does unless path names a folder by "." or "..": then 'path'
 * must live as long as the set.  Returns 1 when abs was in the set
 * already, else 0. */
int aa_fileset_add(struct aa_fileset *fs, const char *abs, const char *path);

#endif /* AA_FILESET_H */
