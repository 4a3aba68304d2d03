/*
 * test_lint.c -- 'rules check' finds rules that can never fire, and only
 * those: the built-in rules have none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "harness.h"
#include "lint.h"

static size_t
never(const char *rules)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    size_t n;

    aa_diags_init(&dl);
    rs = compile_rules(rules, &dl);
    if (rs == NULL)
        aa_diags_print(&dl, stderr);
    assert_non_null(rs);
    n = aa_lint_never_fires(rs, 0, NULL, NULL);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    return n;
}

#define RULE(when)                                                             \
    "rules:\n"                                                                 \
    "  - id: r\n"                                                              \
    "    title: Rule r\n"                                                      \
    "    mechanism: PAL\n"                                                     \
    "    facts: [PAL-F01]\n"                                                   \
    "    when: " when "\n"                                                     \
    "    verdict: {fit: 60}\n"                                                 \
    "    reason: r\n"

static void
test_contradictions_found(void **state)
{
    (void)state;
    /* Two values of one enumeration at once. */
    assert_int_equal(never(RULE("{all: [{path: /customer/agreement, equals: "
                                "ea}, {path: /customer/agreement, equals: "
                                "mca}]}")),
                     1);
    /* A boolean both true and false; present and missing. */
    assert_int_equal(
        never(RULE("{all: [{path: /engagement/transacting_partner, equals: "
                   "true}, {not: {path: /engagement/transacting_partner, "
                   "exists: false}}, {path: /engagement/transacting_partner, "
                   "equals: false}]}")),
        1);
    assert_int_equal(never(RULE("{all: [{path: /customer/agreement, missing: "
                                "true}, {path: /customer/agreement, one_of: "
                                "[ea, csp]}]}")),
                     1);
    /* An empty array with an item in it; every item azure and none. */
    assert_int_equal(never(RULE("{all: [{path: /customer/workloads, empty: "
                                "true}, {path: /customer/workloads, any_item: "
                                "{equals: azure}}]}")),
                     1);
    assert_int_equal(never(RULE("{all: [{path: /customer/workloads, "
                                "all_items: {equals: azure}}, {path: "
                                "/customer/workloads, any_item: {equals: "
                                "modern_work}}]}")),
                     1);
}

static void
test_satisfiable_kept(void **state)
{
    (void)state;
    assert_int_equal(never(RULE("{all: [{path: /customer/agreement, equals: "
                                "ea}, {path: /engagement/transacting_partner, "
                                "equals: false}]}")),
                     0);
    /* Two items at once: only a set of both makes it true. */
    assert_int_equal(never(RULE("{all: [{path: /customer/workloads, any_item: "
                                "{equals: azure}}, {path: /customer/workloads, "
                                "any_item: {equals: modern_work}}]}")),
                     0);
    /* Only absence makes it true: it can fire. */
    assert_int_equal(never(RULE("{path: /customer/agreement, missing: true}")),
                     0);
    /* Reads free text: not decided, never reported. */
    assert_int_equal(never(RULE("{all: [{path: /partner/partner_id, equals: "
                                "\"1\"}, {path: /partner/partner_id, equals: "
                                "\"2\"}]}")),
                     0);
}

static void
test_builtin_rules_all_can_fire(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();
    size_t checked = 0;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_builtin(rs, &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), 0);

    assert_int_equal(aa_lint_never_fires(rs, 0, &checked, stderr), 0);
    /* Most rules read enumerations and booleans alone: the check is not
     * vacuous. */
    print_message("%zu of %zu rules decided\n", checked,
                  aa_ruleset_rule_count(rs));
    assert_true(checked * 3 > aa_ruleset_rule_count(rs));
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contradictions_found),
        cmocka_unit_test(test_satisfiable_kept),
        cmocka_unit_test(test_builtin_rules_all_can_fire),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
