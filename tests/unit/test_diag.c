/* test_diag.c -- ordered codes, the worst-code fold and the message format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

static void
test_bands_are_ordered(void **state)
{
    (void)state;
    /* The exit status fold depends on these orderings. */
    assert_true(AA_W_UNKNOWN_KEY > AA_BAND_WARNING);
    assert_true(AA_W_UNKNOWN_KEY < AA_BAND_ERROR);
    assert_true(AA_E_YAML_SYNTAX > AA_BAND_ERROR);
    assert_true(AA_E_SCENARIO < AA_BAND_SYSTEM);
    assert_true(AA_S_IO > AA_BAND_SYSTEM);
    assert_int_equal(aa_diag_severity(AA_W_UNKNOWN_KEY), AA_SEV_WARNING);
    assert_int_equal(aa_diag_severity(AA_E_FACT), AA_SEV_ERROR);
    assert_int_equal(aa_diag_severity(AA_S_IO), AA_SEV_SYSTEM);
}

/* Past the cap, one line in place of the rest, at the worst level of
 * what it replaces; what came before 'from' is never touched. */
static void
test_cap(void **state)
{
    struct aa_diags dl;
    struct aa_loc at = {"f.json", 1, 2};

    (void)state;
    aa_diags_init(&dl);
    aa_diag_add(&dl, AA_W_UNKNOWN_KEY, at, NULL, "before");
    for (int i = 0; i < 5; i++)
        aa_diag_add(&dl, i == 4 ? AA_S_IO : AA_W_UNKNOWN_KEY, at, NULL, "p%d",
                    i);
    aa_diags_cap(&dl, 1, 2, "the artifacts of x");
    assert_int_equal(dl.n, 4);
    assert_string_equal(dl.v[0].detail, "before");
    assert_string_equal(dl.v[2].detail, "p1");
    assert_string_equal(dl.v[3].detail,
                        "... and 3 more problems in the artifacts of x");
    assert_int_equal(dl.v[3].code, AA_S_IO);
    /* Within the cap nothing changes. */
    aa_diags_cap(&dl, 1, 3, "y");
    assert_int_equal(dl.n, 4);
    aa_diags_fini(&dl);
}

static void
test_worst_and_counts(void **state)
{
    struct aa_diags dl;
    struct aa_loc at = {"f.yaml", 3, 7};

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_diags_worst(&dl), -1);
    aa_diag_add(&dl, AA_W_UNKNOWN_KEY, at, NULL, "w");
    assert_int_equal(aa_diags_worst(&dl), AA_SEV_WARNING);
    aa_diag_add(&dl, AA_E_PATH, at, "r.1", "e %d", 42);
    aa_diag_add(&dl, AA_W_UNKNOWN_KEY, at, NULL, "w2");
    assert_int_equal(aa_diags_worst(&dl), AA_SEV_ERROR);
    assert_int_equal(aa_diags_count_at(&dl, AA_BAND_ERROR), 1);
    assert_int_equal(aa_diags_count_at(&dl, AA_BAND_WARNING), 3);
    assert_string_equal(dl.v[1].detail, "e 42");
    aa_diags_fini(&dl);
}

static void
test_print_format(void **state)
{
    struct aa_diags dl;
    struct aa_loc at = {"rules/x.yaml", 12, 9};
    struct aa_loc nocol = {"s.json", 4, 0};
    struct aa_loc nowhere = {NULL, 0, 0};
    char buf[512] = {0};
    FILE *fp = fmemopen(buf, sizeof(buf) - 1, "w");

    (void)state;
    aa_diags_init(&dl);
    aa_diag_add(&dl, AA_E_OPERATOR, at, "pal.x", "unknown operator 'equal'");
    aa_diag_add(&dl, AA_W_UNKNOWN_KEY, nocol, NULL, "unknown key");
    aa_diag_add(&dl, AA_S_IO, nowhere, NULL, "boom");
    aa_diags_print(&dl, fp);
    fclose(fp);
    assert_string_equal(buf, "attrib-advise: rules/x.yaml:12:9: error: unknown "
                             "operator 'equal' [in rule pal.x]\n"
                             "attrib-advise: s.json:4: warning: unknown key\n"
                             "attrib-advise: error: boom\n");
    aa_diags_fini(&dl);
}

/* File names and details quote input: one line each, whatever they hold;
 * the list itself keeps the exact text for library users. */
static void
test_print_escapes(void **state)
{
    struct aa_diags dl;
    struct aa_loc at = {"plans/a\x1b[2J\nb.json", 1, 2};
    char buf[512] = {0};
    FILE *fp = fmemopen(buf, sizeof(buf) - 1, "w");

    (void)state;
    aa_diags_init(&dl);
    aa_diag_add(&dl, AA_E_SCENARIO, at, NULL, "unknown value '%s'",
                "x\r\n::error file=a::forged\xc2\x9b");
    aa_diag_add(&dl, AA_E_SCHEMA, at, "r\x07", "##[warning]w");
    aa_diags_print(&dl, fp);
    fclose(fp);
    assert_string_equal(
        buf, "attrib-advise: plans/a\\x1b[2J\\nb.json:1:2: error: unknown "
             "value 'x\\r\\n::error file=a::forged\\u009b'\n"
             "attrib-advise: plans/a\\x1b[2J\\nb.json:1:2: error: "
             "##\\x5bwarning]w [in rule r\\x07]\n");
    assert_string_equal(dl.v[0].file, "plans/a\x1b[2J\nb.json");
    aa_diags_fini(&dl);
}

static void
test_public_accessors(void **state)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_loc at = {"a", 1, 2};
    struct aa_message m;

    (void)state;
    aa_diag_add(dl, AA_E_FACT, at, "r", "unknown fact");
    assert_int_equal(aa_diags_count(dl), 1);
    aa_diags_get(dl, 0, &m);
    assert_int_equal(m.severity, AA_SEV_ERROR);
    assert_string_equal(m.file, "a");
    assert_int_equal(m.line, 1);
    assert_int_equal(m.col, 2);
    assert_string_equal(m.rule, "r");
    assert_string_equal(m.text, "unknown fact");
    aa_diags_free(dl);
    aa_diags_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bands_are_ordered),
        cmocka_unit_test(test_worst_and_counts),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_print_format),
        cmocka_unit_test(test_print_escapes),
        cmocka_unit_test(test_public_accessors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
