/*
 * arena.c -- bump allocator and the out-of-memory policy.
 *
 * Blocks are chained newest first; a request larger than the default block
 * gets a block of its own, so no request is ever refused for its size alone.
 */
/* MADV_HUGEPAGE is Linux's, beyond POSIX. */
#define _DEFAULT_SOURCE
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#define BLOCK_SIZE 16384
/* aa_arena_reset keeps no more than this for the next use. */
#define KEEP_MAX (256 * 1024)

struct aa_arena_block {
    struct aa_arena_block *next;
    size_t used, size;
    int mapped; /* a huge block of its own (huge_block), for munmap */
    max_align_t data[];
};

void
aa_oom(void)
{
    fputs("attrib-advise: error: out of memory\n", stderr);
    exit(4);
}

static void
out_of_memory(void)
{
    aa_oom();
}

void *
aa_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        out_of_memory();
    return p;
}

void *
aa_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (p == NULL)
        out_of_memory();
    return p;
}

void *
aa_xrealloc(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        out_of_memory();
    p = realloc(p, n * size > 0 ? n * size : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

char *
aa_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return memcpy(aa_xmalloc(n), s, n);
}

void
aa_buf_init(struct aa_buf *b, char *local, size_t cap)
{
    b->s = b->local = local;
    b->n = 0;
    b->cap = cap;
    if (cap > 0)
        local[0] = '\0';
}

void
aa_buf_grow(struct aa_buf *b, size_t need)
{
    size_t cap = b->cap ? b->cap : 128;

    while (cap < need)
        cap *= 2;
    if (b->s != NULL && b->s == b->local)
        b->s = memcpy(aa_xmalloc(cap), b->local, b->n + 1);
    else
        b->s = aa_xrealloc(b->s, cap, 1);
    b->cap = cap;
}

void
aa_buf_fini(struct aa_buf *b)
{
    if (b->s != b->local)
        free(b->s);
    b->s = NULL;
}

char *
aa_read_all(FILE *fp, size_t limit, size_t *len)
{
    size_t cap = 0, n;
    char *buf = NULL;

    *len = 0;
    do {
        if (*len == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = aa_xrealloc(buf, cap, 1);
        }
        n = fread(buf + *len, 1, cap - *len, fp);
        *len += n;
    } while (n > 0 && *len <= limit);
    return buf;
}

char *
aa_xasprintf(const char *fmt, ...)
{
    char small[256]; /* most texts: formatted once, not measured first */
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory();
    s = aa_xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof(small))
        return memcpy(s, small, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/*
 * The blocks of an arena past its first POOL_FROM bytes come from one
 * region of 2 MiB that the kernel may back with a single huge page.  On
 * the machines measured a page fault costs 10-17 us, and a program
 * compiled at start (a user's rules over the built-in ones) fills about
 * 120 pages, which made page faults, not instructions, most of such a
 * start (docs/performance.md).  One huge page is one fault.  Not the
 * first blocks: a run of the built-in rules, which come compiled
 * (image.c), takes a few blocks a plan, and the fault of a huge page,
 * which the kernel fills with 2 MiB of zeros, cost it more than their
 * faults (a fifth of a cold start).  The region is taken by bumping and
 * never given back; a block freed from it is forgotten, and once it is
 * used up blocks come from malloc as before.  Only lasting arenas take
 * from it (aa_arena_init_lasting): a batch's plan whose report passed
 * 64 KiB took it too, and the kernel's 2 MiB made the batch's peak grow
 * by two thirds at the one plan of 200 000 that needed it.  Where the kernel
 * gives no huge page the region is faulted a page at a time like any memory.
 * Not under AddressSanitizer (AA_ARENA_REUSE 0), which must see every block as
 * its own allocation.
 */
enum { POOL_FROM = 64u << 10 };
enum { POOL_SIZE = 2u << 20 };
static char *pool;
static size_t pool_used;
static int pool_tried;

/* 2 MiB, aligned for a huge page and marked for one, or NULL where there
 * is none to have (not Linux, or under AddressSanitizer). */
static void *
huge_block(void)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    char *raw;
    uintptr_t at;
    size_t before;

    if (!AA_ARENA_REUSE)
        return NULL;
    raw = mmap(NULL, 2 * (size_t)POOL_SIZE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    at = ((uintptr_t)raw + POOL_SIZE - 1) & ~(uintptr_t)(POOL_SIZE - 1);
    before = (size_t)(at - (uintptr_t)raw);
    /* Keep the aligned 2 MiB alone: the kernel maps a huge page only
     * over an aligned range. */
    if (before > 0)
        munmap(raw, before);
    munmap((char *)at + POOL_SIZE, POOL_SIZE - before);
    (void)madvise((char *)at, POOL_SIZE, MADV_HUGEPAGE);
    return (char *)at;
#else
    return NULL;
#endif
}

static void *
pool_take(size_t n)
{
    if (!pool_tried) {
        pool_tried = 1;
        pool = huge_block();
    }
    if (pool == NULL || n > POOL_SIZE)
        return NULL; /* and no rounding below can wrap */
    n = (n + 63) & ~(size_t)63;
    if (n <= POOL_SIZE - pool_used) {
        void *p = pool + pool_used;

        pool_used += n;
        return p;
    }
    return NULL;
}

/*
 * An arena past BIG (the program of tens of thousands of rules, a large
 * scan) takes its next blocks 2 MiB at a time, each a huge_block of its
 * own: the faults of its memory then cost one per 2 MiB instead of one
 * per 4 KiB, which was a third of the time it took to load 25,000 rules.
 * Each is given back whole when its arena is freed, so a long batch, whose
 * arenas stay small, never takes one.
 */
enum { BIG = 4u << 20 };

/*
 * Blocks of the default size given back are kept, a few, for the next
 * arena: a batch makes and frees a scenario's and a report's arena a plan,
 * and malloc's bins took more of a summary batch (3%) than the plans' use
 * of the blocks.  Process-wide, like the pool above: the library keeps
 * tables of its own too, and is for one thread.  Not under
 * AddressSanitizer, which must see each block freed.
 */
enum { SPARE_MAX = 4 };
static struct aa_arena_block *spare[SPARE_MAX];
static int nspare;

static void
free_block(struct aa_arena_block *b)
{
    if (AA_ARENA_REUSE && !b->mapped && b->size == BLOCK_SIZE &&
        nspare < SPARE_MAX) {
        spare[nspare++] = b;
        return;
    }
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (b->mapped) {
        munmap(b, POOL_SIZE);
        return;
    }
#endif
    if (pool == NULL || (char *)b < pool || (char *)b >= pool + POOL_SIZE)
        free(b);
}

void
aa_arena_init(struct aa_arena *a)
{
    a->head = NULL;
    a->total = 0;
    a->lasting = 0;
}

void
aa_arena_init_lasting(struct aa_arena *a)
{
    aa_arena_init(a);
    a->lasting = 1;
}

void
aa_arena_fini(struct aa_arena *a)
{
    struct aa_arena_block *b = a->head, *next;

    for (; b != NULL; b = next) {
        next = b->next;
        free_block(b);
    }
    a->head = NULL;
    a->total = 0;
}

/* A block of 'cap' bytes, not yet in any chain; with 'huge', a
 * huge_block of its own where there is one, of all the room it has; with
 * 'pooled', from the region above where it has room. */
static struct aa_arena_block *
new_block(size_t cap, int huge, int pooled)
{
    struct aa_arena_block *b = huge ? huge_block() : NULL;
    int mapped = b != NULL;

    if (mapped) {
        cap = POOL_SIZE - sizeof(*b);
    } else if (cap == BLOCK_SIZE && nspare > 0) {
        b = spare[--nspare];
    } else {
        if (cap > SIZE_MAX - sizeof(*b))
            out_of_memory();
        b = pooled ? pool_take(sizeof(*b) + cap) : NULL;
        if (b == NULL)
            b = aa_xmalloc(sizeof(*b) + cap);
    }
    b->mapped = mapped;
    b->used = 0;
    b->size = cap;
    b->next = NULL;
    return b;
}

void *
aa_in_own_arena(size_t size, size_t at)
{
    struct aa_arena a;
    char *p;

    aa_arena_init(&a);
    p = aa_arena_alloc(&a, size);
    memcpy(p + at, &a, sizeof(a));
    return p;
}

void
aa_own_arena_fini(struct aa_arena *in)
{
    struct aa_arena a = *in;

    aa_arena_fini(&a);
}

/* One block of the room the last use took replaces its chain: a scratch
 * arena emptied after each plan of a batch settles at one block and
 * allocates nothing more. */
void
aa_arena_reset(struct aa_arena *a)
{
    struct aa_arena_block *b = a->head, *next;
    size_t total = 0;

    if (AA_ARENA_REUSE && b != NULL && b->next == NULL && b->size <= KEEP_MAX) {
        b->used = 0;
        return;
    }
    for (; b != NULL; b = next) {
        next = b->next;
        total += b->size;
        free_block(b);
    }
    a->head = AA_ARENA_REUSE && total > 0 && total <= KEEP_MAX
                  ? new_block(total, 0, a->lasting && total >= POOL_FROM)
                  : NULL;
    a->total = a->head != NULL ? a->head->size : 0;
}

/* What any object needs: max_align_t's alignment (16 on x86-64), not its
 * size (32 there), which padded every allocation to 32 bytes. */
#define ANY_ALIGN _Alignof(max_align_t)

/* 'size' bytes at an offset that is a multiple of 'align' (a power of
 * two), not zeroed.  Texts take align 1: padding every short key and id
 * of a large rule file to 16 bytes made a tenth of what loading it wrote. */
static void *
take(struct aa_arena *a, size_t size, size_t align)
{
    struct aa_arena_block *b = a->head;
    size_t off = b != NULL ? (b->used + align - 1) & ~(align - 1) : 0;

    if (b == NULL || off > b->size || b->size - off < size) {
        size_t cap = size > BLOCK_SIZE ? size : BLOCK_SIZE;

        b = new_block(cap,
                      a->total >= BIG &&
                          size <= POOL_SIZE - sizeof(struct aa_arena_block),
                      a->lasting && a->total >= POOL_FROM);
        a->total += b->size;
        off = 0;
        /* A big block goes behind the head so the head keeps its room;
         * a huge one is the new head, with room for what follows. */
        if (a->head != NULL && b->size > BLOCK_SIZE && !b->mapped) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    b->used = off + size;
    return (char *)b->data + off;
}

void *
aa_arena_alloc_raw(struct aa_arena *a, size_t size)
{
    return take(a, size > 0 ? size : 1, ANY_ALIGN);
}

void *
aa_arena_alloc(struct aa_arena *a, size_t size)
{
    void *p;

    if (size == 0)
        size = 1;
    p = take(a, size, ANY_ALIGN);
    memset(p, 0, size);
    return p;
}

char *
aa_arena_strndup(struct aa_arena *a, const char *s, size_t n)
{
    char *p = take(a, n + 1, 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
aa_arena_strdup(struct aa_arena *a, const char *s)
{
    return aa_arena_strndup(a, s, strlen(s));
}

/* One block at mem, its header at the start, where the image maker
 * looks for it. */
void
aa_arena_init_in(struct aa_arena *a, void *mem, size_t size)
{
    struct aa_arena_block *b = mem;

    b->next = NULL;
    b->used = 0;
    b->size = size - sizeof(*b);
    b->mapped = 0;
    a->head = b;
    a->total = b->size;
}

size_t
aa_arena_image_size(const struct aa_arena *a, const void *mem)
{
    const struct aa_arena_block *b = a->head;

    if ((const void *)b != mem || b->next != NULL)
        return 0;
    return sizeof(*b) + b->used;
}
