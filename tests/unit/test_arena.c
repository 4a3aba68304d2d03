/*
 * test_arena.c -- the bump arena: memory aligned for any object, zeroed by
 * aa_arena_alloc, and a reset that keeps one block of the room the last
 * use took, so that a scratch arena emptied per plan stops allocating.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void
test_alloc(void **state)
{
    struct aa_arena a;
    char *p, *q;

    (void)state;
    aa_arena_init(&a);
    p = aa_arena_alloc_raw(&a, 3);
    memset(p, 'x', 3);
    q = aa_arena_alloc(&a, 100000); /* a block of its own */
    for (size_t i = 0; i < 100000; i++)
        assert_int_equal(q[i], 0);
    assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
    q = aa_arena_alloc(&a, 5);
    assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
    assert_string_equal(aa_arena_strndup(&a, "abcdef", 3), "abc");
    aa_arena_fini(&a);
    assert_null(a.head);
}

static void
test_reset(void **state)
{
    struct aa_arena a;
    void *first;

    (void)state;
    aa_arena_init(&a);
    aa_arena_reset(&a); /* an empty arena stays empty */
    assert_null(a.head);
    first = aa_arena_alloc(&a, 64);
    aa_arena_reset(&a);
    if (AA_ARENA_REUSE)
        assert_ptr_equal(aa_arena_alloc(&a, 64), first);
    /* Several blocks' worth: the next use gets one block that holds it,
     * so its allocations follow each other. */
    for (int i = 0; i < 10; i++)
        aa_arena_alloc(&a, 10240);
    aa_arena_reset(&a);
    if (AA_ARENA_REUSE) {
        char *prev = aa_arena_alloc(&a, 10240);

        for (int i = 1; i < 10; i++) {
            char *p = aa_arena_alloc(&a, 10240);

            assert_ptr_equal(p, prev + 10240);
            prev = p;
        }
    }
    /* Past the bound, nothing is kept. */
    aa_arena_alloc(&a, 1 << 20);
    aa_arena_reset(&a);
    assert_null(a.head);
    aa_arena_fini(&a);
}

/* A block of the default size that an arena gives back goes to the next
 * arena, as a batch frees a plan's arenas and makes the next plan's; a
 * few are kept, and each comes back empty, whatever its last arena
 * wrote. */
static void
test_spare(void **state)
{
    struct aa_arena a[6];
    char *first[6];

    (void)state;
    for (int i = 0; i < 6; i++) {
        aa_arena_init(&a[i]);
        first[i] = aa_arena_alloc(&a[i], 100);
        memset(first[i], 'a' + i, 100);
    }
    for (int i = 0; i < 6; i++)
        aa_arena_fini(&a[i]);
    for (int i = 0; i < 6; i++) {
        char *p;

        aa_arena_init(&a[i]);
        p = aa_arena_alloc(&a[i], 100);
        for (int k = 0; k < 100; k++)
            assert_int_equal(p[k], 0);
        /* At the start of the block the last given back (a stack of four):
         * nothing of its last use counts against it. */
        if (AA_ARENA_REUSE && i < 4)
            assert_ptr_equal(p, first[3 - i]);
    }
    for (int i = 0; i < 6; i++)
        aa_arena_fini(&a[i]);
}

/* Blocks from the start-up region (arena.c) and from malloc after it is
 * used up live side by side: 48 arenas of 96 KiB each, more than the
 * region holds, every byte written with its arena's mark; half are freed
 * (a block of the region must not reach free()) and refilled, and no
 * arena sees another's bytes. */
static void
test_region(void **state)
{
    enum { N = 48, PIECE = 1024, PIECES = 96 };
    static struct aa_arena a[N];
    static unsigned char *piece[N][PIECES];

    (void)state;
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < N; i++) {
            if (round == 1 && i % 2 == 0)
                continue;
            aa_arena_init(&a[i]);
            for (int k = 0; k < PIECES; k++) {
                piece[i][k] = aa_arena_alloc(&a[i], PIECE);
                assert_int_equal(piece[i][k][PIECE - 1], 0);
                memset(piece[i][k], 'A' + i % 26 + round, PIECE);
            }
        }
        for (int i = 0; i < N; i++)
            for (int k = 0; k < PIECES; k++)
                for (int b = 0; b < PIECE; b += 97)
                    assert_int_equal(piece[i][k][b],
                                     'A' + i % 26 + (round && i % 2));
        for (int i = 1; i < N; i += 2)
            aa_arena_fini(&a[i]);
    }
    for (int i = 0; i < N; i += 2)
        aa_arena_fini(&a[i]);
}

/* Pieces follow one another with no more padding than alignment needs
 * (16 bytes on x86-64, not sizeof(max_align_t), 32 there): a module's
 * copies of tokens sit end to end, which test_scan relies on to catch a
 * copy read past its end. */
static void
test_packed(void **state)
{
    struct aa_arena a;
    char *p, *q, *r;

    (void)state;
    aa_arena_init(&a);
    p = aa_arena_alloc(&a, 48);
    q = aa_arena_alloc(&a, 288);
    r = aa_arena_alloc_raw(&a, 16);
    assert_ptr_equal(q, p + 48);
    assert_ptr_equal(r, q + 288);
    aa_arena_fini(&a);
}

/* An arena that grows past 4 MiB takes 2 MiB blocks of its own: what it
 * hands out stays apart and intact, a small piece after a big one still
 * fills the head block, and it holds little more than it was asked for
 * (a huge block put behind the head, as a big malloc'd block is, would
 * take a new one for every piece). */
static void
test_big(void **state)
{
    enum { PIECE = 96, PIECES = 120000 };
    static unsigned char *piece[PIECES];
    struct aa_arena a;
    size_t asked = 0;

    (void)state;
    aa_arena_init(&a);
    for (size_t k = 0; k < PIECES; k++) {
        size_t n = k % 1000 == 999 ? 100000 : PIECE;

        piece[k] = aa_arena_alloc(&a, n);
        assert_int_equal(piece[k][n - 1], 0);
        memset(piece[k], (int)(k % 251), PIECE);
        asked += n;
        if (a.total > asked + asked / 4 + (4u << 20))
            fail_msg("%zu bytes held for %zu asked", a.total, asked);
    }
    assert_true(asked > (8u << 20));
    for (size_t k = 0; k < PIECES; k++)
        for (size_t b = 0; b < PIECE; b += 31)
            assert_int_equal(piece[k][b], k % 251);
    aa_arena_fini(&a);
    assert_int_equal(a.total, 0);
}

/* A text grows in the caller's room, then moves to the heap whole; a
 * zeroed buffer starts on the heap. */
static void
test_buf(void **state)
{
    char room[8], want[64];
    struct aa_buf b, z = {NULL, 0, 0, NULL};

    (void)state;
    aa_buf_init(&b, room, sizeof(room));
    assert_ptr_equal(b.s, room);
    assert_string_equal(b.s, "");
    aa_buf_puts(&b, "abcdefg");
    assert_ptr_equal(b.s, room); /* 7 bytes and the NUL fit */
    aa_buf_put(&b, "hij", 2);
    assert_ptr_not_equal(b.s, room);
    assert_string_equal(b.s, "abcdefghi");
    assert_int_equal(b.n, 9);
    for (int i = 0; i < 5; i++)
        aa_buf_puts(&b, "0123456789");
    snprintf(want, sizeof(want), "abcdefghi%s",
             "01234567890123456789012345678901234567890123456789");
    assert_string_equal(b.s, want);
    assert_true(b.cap > b.n);
    aa_buf_fini(&b);
    assert_null(b.s);
    assert_null(z.s);
    aa_buf_put(&z, "", 0);
    assert_non_null(z.s);
    assert_string_equal(z.s, "");
    aa_buf_fini(&z);
}

/* An object in its own arena: zeroed and aligned, its arena holds what
 * is allocated after it (a block of its own too), and aa_own_arena_fini
 * frees the lot; a second one made after that takes the block
 * the first gave back. */
struct owner {
    char head[40];
    struct aa_arena arena;
    char tail[200];
};

static void
test_in_own_arena(void **state)
{
    struct owner *o =
        aa_in_own_arena(sizeof(*o), offsetof(struct owner, arena));
    char *p, *big;

    (void)state;
    assert_int_equal((uintptr_t)o % _Alignof(max_align_t), 0);
    for (size_t i = 0; i < sizeof(o->head); i++)
        assert_int_equal(o->head[i], 0);
    for (size_t i = 0; i < sizeof(o->tail); i++)
        assert_int_equal(o->tail[i], 0);
    assert_non_null(o->arena.head);
    p = aa_arena_alloc(&o->arena, 16);
    assert_true(p > (char *)o && p < (char *)o + 16384); /* the same block */
    big = aa_arena_alloc(&o->arena, 100000);
    memset(big, 'x', 100000);
    memset(o->tail, 'y', sizeof(o->tail));
    aa_own_arena_fini(&o->arena); /* o with it: valgrind and ASan see no leak */
    o = aa_in_own_arena(sizeof(*o), offsetof(struct owner, arena));
    for (size_t i = 0; i < sizeof(o->tail); i++)
        assert_int_equal(o->tail[i], 0); /* zeroed though reused */
    aa_own_arena_fini(&o->arena);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc),  cmocka_unit_test(test_reset),
        cmocka_unit_test(test_region), cmocka_unit_test(test_packed),
        cmocka_unit_test(test_big),    cmocka_unit_test(test_buf),
        cmocka_unit_test(test_spare),  cmocka_unit_test(test_in_own_arena),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
