/*
 * test_interview.c -- the interview's logic without a terminal: which
 * field comes next, how an answer is taken or refused, skip and back, a
 * start from a file, and a written plan that advises as the answers do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "attrib_advise.h"
#include "report.h"

#ifndef AA_SOURCE_DIR
#define AA_SOURCE_DIR "."
#endif

static struct aa_ruleset *rs;

static int
setup(void **state)
{
    struct aa_diags *dl = aa_diags_new();

    (void)state;
    rs = aa_ruleset_new();
    if (aa_rules_load_builtin(rs, dl) != 0 || aa_ruleset_compile(rs, dl) != 0)
        return -1;
    aa_diags_free(dl);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    aa_ruleset_free(rs);
    return 0;
}

static struct aa_interview *
start(const char *path)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_interview *iv = aa_interview_new(rs, path, dl);

    assert_non_null(iv);
    aa_diags_free(dl);
    return iv;
}

/* The pointer of the question asked now, or "" when none is. */
static const char *
asking(const struct aa_interview *iv)
{
    struct aa_question q;

    return aa_interview_question(iv, &q) ? q.pointer : "";
}

static void
take(struct aa_interview *iv, const char *line)
{
    char *why = aa_interview_answer(iv, line);

    if (why != NULL)
        fail_msg("'%s' refused: %s", line, why);
}

/* From nothing, the broadest field comes first; a CSP reseller that
 * operates what it resells is settled in eight questions (five decide
 * the verdicts, three more give the actions their details).  The kind of
 * subscription is asked: a sponsored or trial one earns nothing.  A
 * field that only adds actions (the agreement change) comes after every
 * field a verdict waits for. */
static void
test_csp_reseller(void **state)
{
    static const struct {
        const char *pointer, *answer;
    } steps[] = {
        {"/engagement/activities", "1,3"},
        {"/customer/workloads", "1"},
        {"/customer/agreement", "csp"},
        {"/engagement/transacting_partner", "yes"},
        {"/customer/offer_category", "standard"},
        {"/customer/agreement_change", "none"},
        {"/engagement/access/to_customer", "y"},
        {"/engagement/access/identity", "6"},
    };
    struct aa_interview *iv = start(NULL);
    const struct aa_report *rep;

    (void)state;
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        assert_string_equal(asking(iv), steps[i].pointer);
        take(iv, steps[i].answer);
    }
    assert_string_equal(asking(iv), "");
    assert_int_equal(aa_interview_answered(iv), 8);
    assert_int_equal(aa_interview_skipped(iv), 0);
    rep = aa_interview_report(iv);
    assert_int_equal(rep->mech[0].verdict, AA_V_AUTOMATIC); /* CSP */
    for (int m = 0; m < AA_NMECH; m++)
        assert_int_not_equal(rep->mech[m].verdict, AA_V_NEEDS_INFO);
    aa_interview_free(iv);
}

/* A refused answer says why and leaves the question where it was. */
static void
test_refused(void **state)
{
    static const struct {
        const char *line, *why;
    } bad[] = {
        {"", "no answer given"},
        {"  ", "no answer given"},
        {"9", "9 is not a choice; give a number from 1 to 6"},
        {"1,0", "0 is not a choice"},
        {"resel", "did you mean 'resell'"},
        {"99999999999", "not a choice"},
    };
    struct aa_interview *iv = start(NULL);
    char *why;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        why = aa_interview_answer(iv, bad[i].line);

        assert_non_null(why);
        if (strstr(why, bad[i].why) == NULL)
            fail_msg("'%s': %s", bad[i].line, why);
        assert_null(strstr(why, "--set")); /* not what was typed */
        free(why);
        assert_string_equal(asking(iv), "/engagement/activities");
    }
    assert_int_equal(aa_interview_answered(iv), 0);
    /* A name is as good as its number; a boolean takes 1 and 2. */
    take(iv, "resell operate");
    take(iv, "azure");
    take(iv, "4");
    assert_string_equal(asking(iv), "/engagement/transacting_partner");
    why = aa_interview_answer(iv, "3");
    assert_non_null(why);
    free(why);
    take(iv, "2");
    aa_interview_free(iv);
}

/* skip leaves a field unknown and out of the questions; back undoes the
 * last answer or skip and asks its field again. */
static void
test_skip_and_back(void **state)
{
    struct aa_interview *iv = start(NULL);

    (void)state;
    assert_int_equal(aa_interview_back(iv), -1);
    take(iv, "1,3");
    assert_string_equal(asking(iv), "/customer/workloads");
    aa_interview_skip(iv);
    assert_int_equal(aa_interview_skipped(iv), 1);
    assert_string_equal(asking(iv), "/customer/agreement");
    take(iv, "csp");
    take(iv, "yes");
    take(iv, "standard");
    /* The skipped field is never asked again; skipping the rest ends. */
    while (asking(iv)[0] != '\0') {
        assert_string_not_equal(asking(iv), "/customer/workloads");
        aa_interview_skip(iv);
    }
    while (aa_interview_skipped(iv) > 1)
        assert_int_equal(aa_interview_back(iv), 0);
    /* The first field skipped after the kind of subscription: the
     * agreement change, which adds actions only. */
    assert_string_equal(asking(iv), "/customer/agreement_change");
    assert_int_equal(aa_interview_back(iv), 0);
    assert_string_equal(asking(iv), "/customer/offer_category");
    assert_int_equal(aa_interview_answered(iv), 3);
    while (aa_interview_back(iv) == 0)
        ;
    assert_string_equal(asking(iv), "/engagement/activities");
    assert_int_equal(aa_interview_answered(iv) + aa_interview_skipped(iv), 0);
    aa_interview_free(iv);
}

/* A plan that answers everything the verdicts need asks nothing; one
 * without a field it needs asks only that. */
static void
test_from_file(void **state)
{
    struct aa_interview *iv =
        start(AA_SOURCE_DIR "/examples/csp-reseller.json");
    struct aa_diags *dl = aa_diags_new();

    (void)state;
    assert_string_equal(asking(iv), "");
    aa_interview_free(iv);
    assert_null(aa_interview_new(rs, AA_SOURCE_DIR "/no/such/file.json", dl));
    assert_true(aa_diags_count(dl) > 0);
    aa_diags_free(dl);
}

/* The plan written loads clean and advises as the interview did. */
static void
test_plan(void **state)
{
    static const char *const answers[] = {
        "1,3", "1", "csp", "yes", "standard", "none", "yes", "guest_user"};
    struct aa_interview *iv = start(NULL);
    struct aa_diags *dl = aa_diags_new();
    struct aa_scenario *sc;
    struct aa_report *rep;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    (void)state;
    for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
        take(iv, answers[i]);
    assert_int_equal(aa_interview_plan(iv, fp), 0);
    fclose(fp);
    assert_non_null(strstr(buf, "\"$schema\""));
    assert_non_null(strstr(buf, "\"activities\": [\"resell\", \"operate\"]"));
    assert_non_null(strstr(buf, "\"transacting_partner\": true"));
    sc = aa_scenario_parse("plan.json", buf, len, dl);
    assert_non_null(sc);
    assert_int_equal(aa_diags_count(dl), 0);
    rep = aa_eval(rs, sc);
    for (int m = 0; m < AA_NMECH; m++)
        assert_int_equal(rep->mech[m].verdict,
                         aa_interview_report(iv)->mech[m].verdict);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_diags_free(dl);
    free(buf);
    aa_interview_free(iv);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csp_reseller),  cmocka_unit_test(test_refused),
        cmocka_unit_test(test_skip_and_back), cmocka_unit_test(test_from_file),
        cmocka_unit_test(test_plan),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
