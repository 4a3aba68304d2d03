/*
 * arena.h -- bump allocator for data that lives as long as its owner (a
 * ruleset or a scenario), and the out-of-memory policy.
 *
 * Everything allocated from an arena is freed in one aa_arena_fini call; no
 * single allocation is ever freed.  Running out of memory is not an input
 * error: aa_xmalloc and the arena print one line and exit with status 4.
 */
#ifndef AA_ARENA_H
#define AA_ARENA_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct aa_arena_block;

struct aa_arena {
    struct aa_arena_block *head;
    size_t total; /* bytes of its blocks, which decides their size */
    int lasting;  /* aa_arena_init_lasting */
};

void aa_arena_init(struct aa_arena *a);
/* An arena that lasts the run and is filled at start (a ruleset and its
 * program, the loader's scratch): past its first 64 KiB its blocks come
 * from one region the kernel may back with a huge page (arena.c).  Other
 * arenas, such as a plan's, never touch that region. */
void aa_arena_init_lasting(struct aa_arena *a);
void aa_arena_fini(struct aa_arena *a);
/* Empty a for its next use, which allocates nothing if it takes no more
 * than this one did (up to a bound; arena.c).  Everything allocated from
 * it is gone. */
void aa_arena_reset(struct aa_arena *a);
/* 1 when a reset keeps a block for the next use; 0 under AddressSanitizer,
 * where it gives every block back, so that a pointer kept past a reset is
 * caught as a use after free instead of reading the next use's data. */
#if defined(__SANITIZE_ADDRESS__)
#define AA_ARENA_REUSE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AA_ARENA_REUSE 0
#endif
#endif
#ifndef AA_ARENA_REUSE
#define AA_ARENA_REUSE 1
#endif

/* A zeroed object of 'size' bytes that holds, 'at' bytes in, the arena
 * it is made in: a plan and its report live in their own arenas, so a
 * batch takes their memory from the blocks the last plan gave back, with
 * no call to malloc (a calloc and a free of each a plan were 1.7% of a
 * text batch's estimated cycles, most of them misses of the instruction
 * cache in malloc's code).  It goes with the arena, by aa_own_arena_fini
 * of the arena in it. */
void *aa_in_own_arena(size_t size, size_t at);
/* Free what arena 'in' holds and the object of aa_in_own_arena that holds
 * 'in' (an arena finished where it lies would write to freed memory). */
void aa_own_arena_fini(struct aa_arena *in);

/* Zeroed memory aligned for any object type. */
void *aa_arena_alloc(struct aa_arena *a, size_t size);
/* The same, not zeroed: for a caller that fills all of it. */
void *aa_arena_alloc_raw(struct aa_arena *a, size_t size);
/* Copy of the n bytes at s, NUL-terminated. */
char *aa_arena_strndup(struct aa_arena *a, const char *s, size_t n);
char *aa_arena_strdup(struct aa_arena *a, const char *s);

/*
 * An arena as an image (embed_image.c): the build compiles the built-in
 * rules into an arena of one block at a place it chooses and writes that
 * block into the program, which reads its rules there (image.c).
 */
/* An arena whose only block is the 'size' bytes at mem (aligned for any
 * object, the caller's to keep and give back): it must never grow, which
 * aa_arena_image_size tells.  aa_arena_fini must not be called on it. */
void aa_arena_init_in(struct aa_arena *a, void *mem, size_t size);
/* The bytes from mem to the end of what an arena of aa_arena_init_in
 * holds, block header included; 0 when it grew past its block. */
size_t aa_arena_image_size(const struct aa_arena *a, const void *mem);

/* The out-of-memory exit, for allocations made elsewhere (a memory
 * stream that cannot be opened). */
void aa_oom(void) __attribute__((noreturn));
void *aa_xmalloc(size_t size);
void *aa_xcalloc(size_t n, size_t size);
void *aa_xrealloc(void *p, size_t n, size_t size);
char *aa_xstrdup(const char *s);
/* Read fp to its end, or to 'limit' + 1 bytes, whichever comes first, so
 * a caller can tell "too large" from "exactly the limit".  Returns a heap
 * buffer (never NULL) and its length in *len; check ferror(fp) after. */
char *aa_read_all(FILE *fp, size_t limit, size_t *len);

/* A text built piece by piece, kept NUL-terminated: in the caller's room
 * 'local' until it outgrows it, then on the heap, so the short texts that
 * are most of them cost no allocation.  Zeroed, it starts on the heap with
 * s NULL; aa_buf_fini frees what is on the heap. */
struct aa_buf {
    char *s;
    size_t n, cap;
    char *local;
};
void aa_buf_init(struct aa_buf *b, char *local, size_t cap);
void aa_buf_grow(struct aa_buf *b, size_t need);
void aa_buf_fini(struct aa_buf *b);

static inline void
aa_buf_put(struct aa_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap)
        aa_buf_grow(b, b->n + n + 1);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static inline void
aa_buf_puts(struct aa_buf *b, const char *s)
{
    aa_buf_put(b, s, strlen(s));
}

/* printf into a fresh heap string. */
char *aa_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* AA_ARENA_H */
