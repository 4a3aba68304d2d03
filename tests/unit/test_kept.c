/* test_kept.c -- the store of pieces of output written again: found by
 * all four pointers of their name, the first kept wins, growth keeps
 * every entry, and the store stops keeping at its bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kept.h"

static const char a[] = "a", b[] = "b", c[] = "c";

static void
test_found_by_whole_name(void **state)
{
    struct aa_kept k = {0};
    const void *name[4] = {a, b, c, NULL};
    const void *other[4] = {a, b, NULL, c};
    const void *unnamed[4] = {NULL, b, c, a};
    const char *s;
    size_t n = 0;

    (void)state;
    assert_null(aa_kept_find(&k, name, &n));
    aa_kept_add(&k, name, "reason\n", 7);
    s = aa_kept_find(&k, name, &n);
    assert_non_null(s);
    assert_int_equal(n, 7);
    assert_memory_equal(s, "reason\n", 7);
    /* The same pointers in other places are another name. */
    assert_null(aa_kept_find(&k, other, &n));
    /* The first kept stays. */
    aa_kept_add(&k, name, "other\n", 6);
    s = aa_kept_find(&k, name, &n);
    assert_int_equal(n, 7);
    /* A name without its first pointer keeps nothing. */
    aa_kept_add(&k, unnamed, "x", 1);
    assert_null(aa_kept_find(&k, unnamed, &n));
    assert_int_equal(k.n, 1);
    /* An empty piece is a piece. */
    aa_kept_add(&k, other, "", 0);
    assert_non_null(aa_kept_find(&k, other, &n));
    assert_int_equal(n, 0);
    aa_kept_fini(&k);
    assert_null(aa_kept_find(&k, name, &n));
}

static void
test_growth_keeps_all(void **state)
{
    static char names[3000];
    struct aa_kept k = {0};
    size_t n;

    (void)state;
    for (size_t i = 0; i < sizeof(names); i++) {
        const void *name[4] = {a, &names[i], NULL, NULL};
        char piece[32];

        snprintf(piece, sizeof(piece), "piece %zu", i);
        aa_kept_add(&k, name, piece, strlen(piece));
    }
    assert_int_equal(k.n, sizeof(names));
    assert_true(2 * k.n <= k.cap);
    for (size_t i = 0; i < sizeof(names); i++) {
        const void *name[4] = {a, &names[i], NULL, NULL};
        char piece[32];
        const char *s = aa_kept_find(&k, name, &n);

        snprintf(piece, sizeof(piece), "piece %zu", i);
        assert_non_null(s);
        assert_int_equal(n, strlen(piece));
        assert_memory_equal(s, piece, n);
    }
    aa_kept_fini(&k);
}

static void
test_bounded(void **state)
{
    static char names[5000];
    struct aa_kept k = {0};
    const void *big[4] = {b, NULL, NULL, NULL};
    char *huge = calloc(5 << 20, 1);
    size_t n, kept = 0;

    (void)state;
    assert_non_null(huge);
    /* More bytes than a store keeps: not kept, and nothing else lost. */
    aa_kept_add(&k, big, huge, 5 << 20);
    assert_null(aa_kept_find(&k, big, &n));
    for (size_t i = 0; i < sizeof(names); i++) {
        const void *name[4] = {a, &names[i], NULL, NULL};

        aa_kept_add(&k, name, "x", 1);
    }
    for (size_t i = 0; i < sizeof(names); i++) {
        const void *name[4] = {a, &names[i], NULL, NULL};

        kept += aa_kept_find(&k, name, &n) != NULL;
    }
    /* The first ones stay; past the bound, none is added. */
    assert_true(kept < sizeof(names));
    assert_int_equal(kept, k.n);
    {
        const void *first[4] = {a, &names[0], NULL, NULL};

        assert_non_null(aa_kept_find(&k, first, &n));
    }
    free(huge);
    aa_kept_fini(&k);
}

/* Pieces named by combinations stop being kept after the first few
 * hundred; the same name added again is not counted twice, and other
 * pieces are still kept after that. */
static void
test_combos_bounded(void **state)
{
    static char names[1000];
    struct aa_kept k = {0};
    size_t n, kept = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(names); i++) {
        const void *name[4] = {a, &names[i], NULL, NULL};

        aa_kept_add_combo(&k, name, "combo", 5);
        aa_kept_add_combo(&k, name, "combo", 5); /* again: no second entry */
    }
    for (size_t i = 0; i < sizeof(names); i++) {
        const void *name[4] = {a, &names[i], NULL, NULL};
        const char *got = aa_kept_find(&k, name, &n);

        if (got != NULL) {
            assert_int_equal(n, 5);
            assert_memory_equal(got, "combo", 5);
            kept++;
            /* The first ones, in the order they came. */
            assert_int_equal(kept, i + 1);
        }
    }
    assert_int_equal(kept, 256);
    assert_int_equal(k.ncombos, 256);
    assert_int_equal(k.n, 256);
    {
        const void *other[4] = {b, NULL, NULL, NULL};

        aa_kept_add(&k, other, "fixed", 5);
        assert_non_null(aa_kept_find(&k, other, &n));
        assert_int_equal(k.ncombos, 256);
    }
    aa_kept_fini(&k);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_by_whole_name),
        cmocka_unit_test(test_growth_keeps_all),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_combos_bounded),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
