/*
 * test_whynot.c -- the why-not search: the smallest sets of plan changes
 * that make a mechanism recommended, found in a fixed order, bounded, and
 * checked against the evaluator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "harness.h"

/* PAL is recommended with access and a role that can change resources;
 * an exclusion stands while the partner has no access. */
static const char rules[] =
    "rules:\n"
    "  - id: pal.out\n"
    "    title: Rule pal.out\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    when: {path: /engagement/access/to_customer, equals: false}\n"
    "    verdict: exclude\n"
    "    reason: no access\n"
    "  - id: pal.fit\n"
    "    title: Rule pal.fit\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    when:\n"
    "      all:\n"
    "        - {path: /engagement/access/to_customer, equals: true}\n"
    "        - {path: /engagement/access/roles, any_item: {equals: Owner}}\n"
    "    verdict: {fit: 80}\n"
    "    reason: fits\n"
    "  - id: cua.never\n"
    "    title: Rule cua.never\n"
    "    mechanism: CUA\n"
    "    facts: [CUA-F03]\n"
    "    verdict: exclude\n"
    "    reason: never here\n";

static struct aa_whynot *
search(const char *plan, const char *mech, size_t budget,
       struct aa_ruleset **rs, struct aa_scenario **sc)
{
    struct aa_diags dl;
    struct aa_whynot *w;

    aa_diags_init(&dl);
    *rs = compile_rules(rules, &dl);
    if (*rs == NULL)
        aa_diags_print(&dl, stderr);
    assert_non_null(*rs);
    *sc = aa_scenario_parse("s.json", plan, strlen(plan), &dl);
    assert_non_null(*sc);
    aa_diags_fini(&dl);
    w = aa_why_not(*rs, *sc, mech, budget);
    assert_non_null(w);
    return w;
}

static void
done(struct aa_whynot *w, struct aa_ruleset *rs, struct aa_scenario *sc)
{
    aa_whynot_free(w);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
}

static void
test_one_change(void **state)
{
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_whynot *w =
        search("{\"version\": 1, \"engagement\": {\"access\": "
               "{\"to_customer\": true, \"roles\": [\"Reader\"]}}}",
               "PAL", 1000, &rs, &sc);

    (void)state;
    assert_int_equal(w->verdict, AA_V_NOT_APPLICABLE);
    assert_int_equal(w->nfixes, 1);
    assert_int_equal(w->fixes[0].nchanges, 1);
    assert_string_equal(w->fixes[0].changes[0].pointer,
                        "/engagement/access/roles");
    assert_int_equal(w->fixes[0].changes[0].to.kind, AA_XR_ARRAY);
    assert_int_equal(w->fixes[0].changes[0].to.nitems, 2);
    assert_string_equal(w->fixes[0].changes[0].to.items[1], "Owner");
    assert_string_equal(w->fixes[0].decided_by, "pal.fit");
    assert_int_equal(w->fixes[0].verdict, AA_V_RECOMMENDED);
    assert_int_equal(aa_whynot_status(w), 0);
    assert_true(w->complete);
    done(w, rs, sc);
}

/* Two fields must change together: no single change is reported, and
 * both pairs are, in contract order. */
static void
test_smallest_sets_only(void **state)
{
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_whynot *w =
        search("{\"version\": 1, \"engagement\": {\"access\": "
               "{\"to_customer\": false, \"roles\": [\"Reader\"]}}}",
               "PAL", 1000, &rs, &sc);

    (void)state;
    assert_int_equal(w->verdict, AA_V_NOT_APPLICABLE);
    assert_int_equal(w->nreasons, 1);
    assert_string_equal(w->reasons[0].rule, "pal.out");
    assert_int_equal(w->nfixes, 1);
    assert_int_equal(w->fixes[0].nchanges, 2);
    assert_string_equal(w->fixes[0].changes[0].pointer,
                        "/engagement/access/to_customer");
    assert_int_equal(w->fixes[0].changes[0].from.b, 0);
    assert_int_equal(w->fixes[0].changes[0].to.b, 1);
    assert_string_equal(w->fixes[0].changes[1].pointer,
                        "/engagement/access/roles");
    /* Every single change was tried first, and failed. */
    assert_true(w->nevals > w->ncandidates);
    done(w, rs, sc);
}

/* Nothing makes CUA recommended: status 1, the reasons stand. */
static void
test_no_fix(void **state)
{
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_whynot *w = search("{\"version\": 1}", "CUA", 1000, &rs, &sc);

    (void)state;
    assert_int_equal(w->nfixes, 0);
    assert_int_equal(aa_whynot_status(w), 1);
    assert_string_equal(w->reasons[0].rule, "cua.never");
    done(w, rs, sc);
}

/* The bound cuts the search and says so; an unknown mechanism is NULL. */
static void
test_bound_and_names(void **state)
{
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_whynot *w =
        search("{\"version\": 1, \"engagement\": {\"access\": "
               "{\"to_customer\": false, \"roles\": [\"Reader\"]}}}",
               "PAL", 2, &rs, &sc);

    (void)state;
    assert_false(w->complete);
    assert_int_equal(w->nevals, 2);
    assert_null(aa_why_not(rs, sc, "GEN", 10));
    assert_null(aa_why_not(rs, sc, "pal", 10));
    done(w, rs, sc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_change),
        cmocka_unit_test(test_smallest_sets_only),
        cmocka_unit_test(test_no_fix),
        cmocka_unit_test(test_bound_and_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
