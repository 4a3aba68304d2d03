/* test_finding.c -- fingerprints: the algorithm pinned by known values
 * (FNV-1a 64 of rule, place and folded ${match}, computed apart from this
 * code), blind to lines and columns, to the pointer of a finding in
 * deployment code and to white space; equal findings told apart by their
 * occurrence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

static struct aa_finding
plan_finding(const char *rule, const char *pointer, const char *match,
             unsigned line)
{
    struct aa_finding f;

    memset(&f, 0, sizeof(f));
    f.rule = rule;
    f.pointer = pointer;
    f.match = match;
    f.message = "a message, which does not count";
    f.at.file = "plans/a.json";
    f.at.line = line;
    f.at.col = 3;
    return f;
}

static struct aa_finding
code_finding(const char *rule, const char *file, const char *pointer,
             const char *match, unsigned line)
{
    struct aa_finding f = plan_finding(rule, pointer, match, line);

    f.code = 1;
    f.at.file = file;
    return f;
}

/* The fingerprint of findings[i] of a report holding 'v'. */
static const char *
print(struct aa_finding *v, size_t n, size_t i)
{
    static char out[AA_FINGERPRINT_SIZE];
    struct aa_report rep;

    memset(&rep, 0, sizeof(rep));
    rep.source = "plans/a.json";
    rep.findings = v;
    rep.nfindings = n;
    assert_int_equal(aa_finding_fingerprint(&rep, i, out), 0);
    return out;
}

static void
test_known_values(void **state)
{
    struct aa_finding v[3];

    (void)state;
    v[0] = plan_finding("pal.no-access", "/engagement/access",
                        "Contributor, Owner", 12);
    v[1] = plan_finding("r", NULL, NULL, 0);
    v[2] = code_finding("cua.code.pid-nested", "infra/child.json",
                        "/solution/artifacts/0", "pid-x", 4);
    assert_string_equal(print(v, 3, 0), "abb81a3ed0ad1dd5:1");
    assert_string_equal(print(v, 3, 1), "8c1b1020744ce847:1");
    assert_string_equal(print(v, 3, 2), "1d3e4d8c106b2683:1");
}

/* What an edit elsewhere in the file changes does not count. */
static void
test_survives_moves(void **state)
{
    struct aa_finding a, b;
    char first[AA_FINGERPRINT_SIZE];

    (void)state;
    a = plan_finding("gen.x", "/engagement", "a  b", 3);
    b = plan_finding("gen.x", "/engagement", " a\n\tb ", 40);
    b.at.col = 9;
    b.message = "reworded";
    snprintf(first, sizeof(first), "%s", print(&a, 1, 0));
    assert_string_equal(print(&b, 1, 0), first);
    /* In deployment code the pointer names the artifact entry, which
     * moves when the plan lists its code in another order. */
    a = code_finding("cua.code.x", "infra/main.bicep", "/solution/artifacts/0",
                     "pid-1", 3);
    b = code_finding("cua.code.x", "infra/main.bicep", "/solution/artifacts/2",
                     "pid-1", 30);
    snprintf(first, sizeof(first), "%s", print(&a, 1, 0));
    assert_string_equal(print(&b, 1, 0), first);
}

/* What the finding is about does count. */
static void
test_tells_apart(void **state)
{
    struct aa_finding v[2];
    char first[AA_FINGERPRINT_SIZE];

    (void)state;
    v[0] = plan_finding("gen.x", "/engagement", "a", 3);
    snprintf(first, sizeof(first), "%s", print(v, 1, 0));
    v[1] = plan_finding("gen.y", "/engagement", "a", 3);
    assert_string_not_equal(print(v + 1, 1, 0), first);
    v[1] = plan_finding("gen.x", "/customer", "a", 3);
    assert_string_not_equal(print(v + 1, 1, 0), first);
    v[1] = plan_finding("gen.x", "/engagement", "b", 3);
    assert_string_not_equal(print(v + 1, 1, 0), first);
    v[0] = code_finding("gen.x", "infra/a.tf", NULL, "a", 3);
    v[1] = code_finding("gen.x", "infra/b.tf", NULL, "a", 3);
    snprintf(first, sizeof(first), "%s", print(v, 2, 0));
    assert_string_equal(print(v, 2, 1) + 16, ":1");
    assert_string_not_equal(print(v, 2, 1), first);
    /* The parts are kept apart: "ab" + "" is not "a" + "b". */
    v[0] = plan_finding("gen.x", "/ab", "", 3);
    v[1] = plan_finding("gen.x", "/a", "b", 3);
    snprintf(first, sizeof(first), "%s", print(v, 2, 0));
    assert_string_not_equal(print(v, 2, 1), first);
}

/* Two hits of one rule on the same text: one hash, two occurrences. */
static void
test_occurrences(void **state)
{
    struct aa_finding v[4];
    char one[AA_FINGERPRINT_SIZE];
    struct aa_report rep;

    (void)state;
    v[0] = code_finding("cua.code.x", "main.tf", NULL, "azurerm", 3);
    v[1] = code_finding("cua.code.y", "main.tf", NULL, "azurerm", 5);
    v[2] = code_finding("cua.code.x", "main.tf", NULL, "azurerm", 9);
    v[3] = code_finding("cua.code.x", "main.tf", NULL, "azapi", 12);
    snprintf(one, sizeof(one), "%s", print(v, 4, 0));
    assert_string_equal(one + 16, ":1");
    assert_memory_equal(print(v, 4, 2), one, 16);
    assert_string_equal(print(v, 4, 2) + 16, ":2");
    assert_string_equal(print(v, 4, 1) + 16, ":1");
    assert_string_equal(print(v, 4, 3) + 16, ":1");
    memset(&rep, 0, sizeof(rep));
    rep.findings = v;
    rep.nfindings = 4;
    assert_int_equal(aa_finding_fingerprint(&rep, 4, one), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_values),
        cmocka_unit_test(test_survives_moves),
        cmocka_unit_test(test_tells_apart),
        cmocka_unit_test(test_occurrences),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
