/* test_fileset.c -- the files of a scan by absolute path: a path is in
 * the set whatever name it was added under, folders are kept once, names
 * are borrowed when they can be, and growth keeps every entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fileset.h"

static void
test_empty(void **state)
{
    struct aa_arena a;
    struct aa_fileset fs;

    (void)state;
    aa_arena_init(&a);
    aa_fileset_init(&fs, &a);
    assert_false(aa_fileset_has(&fs, "/x/main.tf"));
    assert_false(aa_fileset_has(&fs, ""));
    aa_fileset_fini(&fs);
    aa_arena_fini(&a);
}

/* One file under two names is one entry; a name is borrowed from the
 * path it was listed as when that path ends with it. */
static void
test_two_names(void **state)
{
    struct aa_arena a;
    struct aa_fileset fs;
    char abs[] = "/work/pid/main.tf";
    static const char listed[] = "../pid/main.tf";

    (void)state;
    aa_arena_init(&a);
    aa_fileset_init(&fs, &a);
    assert_int_equal(aa_fileset_add(&fs, abs, listed), 0);
    assert_true(aa_fileset_has(&fs, "/work/pid/main.tf"));
    assert_int_equal(aa_fileset_add(&fs, "/work/pid/main.tf", "main.tf"), 1);
    assert_int_equal(fs.n, 1);
    assert_int_equal(fs.ndirs, 1);
    /* The caller's abs may go: the set keeps nothing of it. */
    memset(abs, 'x', sizeof(abs) - 1);
    assert_true(aa_fileset_has(&fs, "/work/pid/main.tf"));
    for (size_t i = 0; i < fs.cap; i++)
        if (fs.slots[i].name != NULL)
            assert_ptr_equal(fs.slots[i].name, listed + 7);
    aa_fileset_fini(&fs);
    aa_arena_fini(&a);
}

/* Paths that share a folder or a name, or split alike in other places,
 * are told apart; a name that is not the end of the path listed is
 * copied. */
static void
test_apart(void **state)
{
    static const char *const paths[] = {
        "/a/b", "/a/c", "/b/b", "/a/b/", "/ab",   "/a",    "/",
        "//a",  "a",    "a/",   "",      "/a/bc", "/a/b/c"};
    size_t n = sizeof(paths) / sizeof(paths[0]);
    struct aa_arena a;
    struct aa_fileset fs;

    (void)state;
    aa_arena_init(&a);
    aa_fileset_init(&fs, &a);
    for (size_t i = 0; i < n; i++) {
        assert_false(aa_fileset_has(&fs, paths[i]));
        assert_int_equal(aa_fileset_add(&fs, paths[i], "elsewhere/.."), 0);
        for (size_t k = 0; k <= i; k++)
            assert_true(aa_fileset_has(&fs, paths[k]));
    }
    assert_int_equal(fs.n, n);
    assert_false(aa_fileset_has(&fs, "/a/d"));
    assert_false(aa_fileset_has(&fs, "/c/b"));
    assert_false(aa_fileset_has(&fs, "/a/b/d"));
    aa_fileset_fini(&fs);
    aa_arena_fini(&a);
}

/* Many files in a few folders, added in turns between the folders: all
 * are found after the table has doubled many times, each folder is kept
 * once, and the table stays at most three quarters full. */
static void
test_growth(void **state)
{
    enum { N = 20000, DIRS = 7 };
    static char paths[N][48];
    struct aa_arena a;
    struct aa_fileset fs;

    (void)state;
    aa_arena_init(&a);
    aa_fileset_init(&fs, &a);
    for (int i = 0; i < N; i++) {
        snprintf(paths[i], sizeof(paths[i]), "/repo/d%d/f%05d.tf", i % DIRS, i);
        assert_int_equal(aa_fileset_add(&fs, paths[i], paths[i]), 0);
    }
    assert_int_equal(fs.n, N);
    assert_int_equal(fs.ndirs, DIRS);
    assert_true(4 * fs.n <= 3 * fs.cap);
    for (int i = 0; i < N; i++) {
        char p[48];

        snprintf(p, sizeof(p), "/repo/d%d/f%05d.tf", i % DIRS, i);
        assert_true(aa_fileset_has(&fs, p));
        assert_int_equal(aa_fileset_add(&fs, p, p), 1);
        /* The same name in the next folder is another file. */
        snprintf(p, sizeof(p), "/repo/d%d/f%05d.tf", (i + 1) % DIRS, i);
        assert_false(aa_fileset_has(&fs, p));
    }
    assert_int_equal(fs.n, N);
    aa_fileset_fini(&fs);
    aa_arena_fini(&a);
}

/* A folder longer than the room on the stack for its lookup. */
static void
test_long_folder(void **state)
{
    struct aa_arena a;
    struct aa_fileset fs;
    char p[700];

    (void)state;
    memset(p, 'd', sizeof(p));
    p[0] = '/';
    p[500] = '/';
    strcpy(p + 501, "main.tf");
    aa_arena_init(&a);
    aa_fileset_init(&fs, &a);
    assert_int_equal(aa_fileset_add(&fs, "/other/x.tf", "x.tf"), 0);
    assert_false(aa_fileset_has(&fs, p));
    assert_int_equal(aa_fileset_add(&fs, p, "main.tf"), 0);
    assert_int_equal(aa_fileset_add(&fs, "/other/y.tf", "y.tf"), 0);
    assert_true(aa_fileset_has(&fs, p));
    p[499] = 'e';
    assert_false(aa_fileset_has(&fs, p));
    aa_fileset_fini(&fs);
    aa_arena_fini(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),       cmocka_unit_test(test_two_names),
        cmocka_unit_test(test_apart),       cmocka_unit_test(test_growth),
        cmocka_unit_test(test_long_folder),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
