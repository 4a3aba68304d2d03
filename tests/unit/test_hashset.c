/* test_hashset.c -- the string set behind lookups by id: first added
 * wins, growth keeps every entry, and keys that share their low bits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hashset.h"

static void
test_empty(void **state)
{
    struct aa_arena a;
    struct aa_hashset s;

    (void)state;
    aa_arena_init(&a);
    aa_hashset_init(&s, &a);
    assert_null(aa_hashset_find(&s, "x"));
    assert_null(aa_hashset_find(&s, ""));
    aa_arena_fini(&a);
}

static void
test_first_wins(void **state)
{
    struct aa_arena a;
    struct aa_hashset s;
    int one = 1, two = 2;
    char key[] = "pal.write-role";

    (void)state;
    aa_arena_init(&a);
    aa_hashset_init(&s, &a);
    assert_null(aa_hashset_add(&s, "pal.write-role", &one));
    /* An equal key at another address is the same key. */
    assert_ptr_equal(aa_hashset_add(&s, key, &two), &one);
    assert_ptr_equal(aa_hashset_find(&s, key), &one);
    assert_null(aa_hashset_add(&s, "", &two));
    assert_ptr_equal(aa_hashset_find(&s, ""), &two);
    assert_null(aa_hashset_find(&s, "pal.write-rol"));
    assert_null(aa_hashset_find(&s, "pal.write-roles"));
    assert_int_equal(s.n, 2);
    aa_arena_fini(&a);
}

/* Many keys: every one is found with its own value after the table has
 * doubled many times, and no other key is. */
static void
test_growth(void **state)
{
    enum { N = 20000 };
    struct aa_arena a;
    struct aa_hashset s;
    static char keys[N][16];
    static int vals[N];

    (void)state;
    aa_arena_init(&a);
    aa_hashset_init(&s, &a);
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof(keys[i]), "rule-%d", i);
        vals[i] = i;
        assert_null(aa_hashset_add(&s, keys[i], &vals[i]));
    }
    assert_int_equal(s.n, N);
    assert_true(2 * s.n <= s.cap);
    for (int i = 0; i < N; i++) {
        char k[16];

        snprintf(k, sizeof(k), "rule-%d", i);
        assert_ptr_equal(aa_hashset_find(&s, k), &vals[i]);
        assert_ptr_equal(aa_hashset_add(&s, k, &vals[0]), &vals[i]);
    }
    assert_int_equal(s.n, N);
    assert_null(aa_hashset_find(&s, "rule-20000"));
    assert_null(aa_hashset_find(&s, "rule-"));
    aa_arena_fini(&a);
}

/* Keys whose bytes differ only in their high bits: the low bits of
 * FNV-1a alone would put them all in one slot of a small table. */
static void
test_low_bits_alike(void **state)
{
    struct aa_arena a;
    struct aa_hashset s;
    static const char *const keys[] = {"a1", "q1", "A1", "Q1", "!1", "11"};
    size_t n = sizeof(keys) / sizeof(keys[0]), longest = 0;

    (void)state;
    aa_arena_init(&a);
    aa_hashset_init(&s, &a);
    for (size_t i = 0; i < n; i++)
        assert_null(aa_hashset_add(&s, keys[i], keys[i]));
    for (size_t i = 0; i < n; i++)
        assert_ptr_equal(aa_hashset_find(&s, keys[i]), keys[i]);
    /* The run of occupied slots stays short: at most half of them. */
    for (size_t i = 0, run = 0; i < 2 * s.cap; i++) {
        run = s.slots[i % s.cap].key != NULL ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    assert_true(longest < n);
    aa_arena_fini(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_first_wins),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_low_bits_alike),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
