/*
 * test_portfolio.c -- the portfolio accumulator: the set-up table names
 * rules and fields that exist, a plan counts once per key, unreadable
 * plans are counted apart, memory stays bounded over many plans, groups
 * take a field's values, and both renderings stay within their promises
 * (JSON parses; text lines fit the width).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "contract.h"
#include "harness.h"
#include "portfolio.h"

static struct aa_ruleset *
builtin(void)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs = aa_ruleset_new();

    assert_int_equal(aa_rules_load_builtin(rs, dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, dl), 0);
    aa_diags_free(dl);
    return rs;
}

/* An MSP with write access and no link yet; DPOR declined; its id is
 * prepended. */
static const char msp[] =
    "\n"
    " \"partner\": {\"partner_id\": \"1234567\", \"partner_id_kind\": "
    "\"location\", \"types\": [\"msp\", \"si\"]},\n"
    " \"customer\": {\"agreement\": \"ea\", \"offer_category\": \"standard\",\n"
    "   \"workloads\": [\"azure\"],\n"
    "   \"dpor\": {\"current\": \"none\", \"will_assign\": false}},\n"
    " \"engagement\": {\"activities\": [\"operate\"], "
    "\"transacting_partner\": false,\n"
    "   \"access\": {\"to_customer\": true, \"identity\": \"guest_user\",\n"
    "     \"roles\": [\"Contributor\"], \"pal_linked\": \"none\"}}}\n";

static struct aa_report *
advise(const struct aa_ruleset *rs, const char *text, const char *id,
       struct aa_scenario **sc)
{
    struct aa_diags *dl = aa_diags_new();
    char *json = aa_xasprintf("{\"version\": 1, \"id\": \"%s\",%s", id, text);
    struct aa_report *rep;

    *sc = aa_scenario_parse("plan.json", json, strlen(json), dl);
    assert_non_null(*sc);
    rep = aa_eval(rs, *sc);
    assert_non_null(rep);
    aa_report_triage(rep, rs, *sc, NULL);
    free(json);
    aa_diags_free(dl);
    return rep;
}

static void
setup_table_names_real_rules(void **state)
{
    struct aa_ruleset *rs = builtin();
    size_t n;
    const struct aa_rule_entry *cat = aa_ruleset_catalog(rs, &n);

    (void)state;
    for (size_t r = 0; r < aa_pf_nsetups; r++) {
        const struct pf_setup *s = &aa_pf_setups[r];

        assert_true((s->rules == NULL) != (s->pointer == NULL));
        if (s->pointer != NULL)
            assert_true(aa_contract_find(s->pointer) >= 0);
        for (const char *const *id = s->rules; id && *id; id++) {
            size_t i = 0;

            while (i < n && strcmp(cat[i].id, *id) != 0)
                i++;
            assert_true(i < n);
            /* An action of that mechanism, so it is among its actions. */
            assert_non_null(cat[i].mech);
            assert_string_equal(cat[i].mech, aa_report_mech_name(s->mech));
            assert_true(cat[i].nactions > 0);
        }
    }
    aa_ruleset_free(rs);
}

static void
counts_once_per_plan(void **state)
{
    struct aa_ruleset *rs = builtin();
    struct aa_portfolio_opts po = {AA_SEV_ERROR, AA_SEV_INFO, NULL, NULL};
    struct aa_portfolio *pf = aa_portfolio_new(rs, &po);
    struct aa_scenario *sc;
    struct aa_report *rep = advise(rs, msp, "a", &sc);
    size_t pal_gap = 0, dpor_fix = 0;

    (void)state;
    aa_portfolio_add(pf, rep, NULL, 0);
    aa_portfolio_add(pf, rep, NULL, 0);
    aa_portfolio_reject(pf, "bad.json", 0);
    assert_int_equal(pf->t.plans, 2);
    assert_int_equal(pf->unreadable, 1);
    assert_int_equal(pf->unreadable_ex.n, 1);
    assert_int_equal(pf->t.verdicts[2][AA_V_RECOMMENDED], 2);
    assert_int_equal(pf->t.verdicts[1][AA_V_BLOCKED], 2);
    for (size_t r = 0; r < aa_pf_nsetups; r++)
        if (strcmp(aa_pf_setups[r].state, "not_linked") == 0)
            pal_gap = pf->gaps[r].plans;
    assert_int_equal(pal_gap, 2);
    /* Two actions of one rule in a plan: one plan. */
    for (size_t i = 0; i < pf->nfixes; i++)
        if (strcmp(pf->fixes[i].rule, "dpor.customer-declines") == 0) {
            dpor_fix = pf->fixes[i].plans;
            assert_int_equal(pf->fixes[i].blocked, 2);
            assert_int_equal(pf->fixes[i].possible, 0);
            assert_int_equal(pf->fixes[i].ex.n, 2);
        }
    assert_int_equal(dpor_fix, 2);
    for (size_t i = 0; i < pf->nfindings; i++) {
        assert_int_equal(pf->findings[i].plans, 2);
        assert_true(pf->findings[i].count >= 2);
    }
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_portfolio_free(pf);
    aa_ruleset_free(rs);
}

/* Many plans: the tables stop growing, and so do the examples. */
static void
bounded_over_many_plans(void **state)
{
    struct aa_ruleset *rs = builtin();
    struct aa_portfolio_opts po = {AA_SEV_ERROR, AA_SEV_INFO, "/customer/name",
                                   "customer name"};
    struct aa_portfolio *pf = aa_portfolio_new(rs, &po);
    struct aa_scenario *sc;
    struct aa_report *rep = advise(rs, msp, "a", &sc);
    size_t nfindings, nfixes;

    (void)state;
    aa_portfolio_add(pf, rep, NULL, 0);
    nfindings = pf->nfindings;
    nfixes = pf->nfixes;
    for (int i = 0; i < 2000; i++) {
        char name[32];
        const char *g = name;

        snprintf(name, sizeof(name), "customer %d", i);
        aa_portfolio_add(pf, rep, &g, 1);
    }
    assert_int_equal(pf->t.plans, 2001);
    assert_int_equal(pf->nfindings, nfindings);
    assert_int_equal(pf->nfixes, nfixes);
    for (size_t i = 0; i < pf->nfixes; i++)
        assert_int_equal(pf->fixes[i].ex.n, PF_EXAMPLES);
    assert_int_equal(pf->ngroups, PF_MAX_GROUPS);
    assert_true(pf->other_used);
    assert_int_equal(pf->groups[PF_MAX_GROUPS].t.plans, 2000 - PF_MAX_GROUPS);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_portfolio_free(pf);
    aa_ruleset_free(rs);
}

static void
group_values(void **state)
{
    struct aa_ruleset *rs = builtin();
    struct aa_scenario *sc;
    struct aa_report *rep = advise(rs, msp, "a", &sc);
    const char *v[8];

    (void)state;
    assert_string_equal(aa_scenario_group_label("/customer/agreement"),
                        "customer agreement");
    assert_null(aa_scenario_group_label("/customer"));
    assert_null(aa_scenario_group_label("/version"));
    assert_null(aa_scenario_group_label("/outcome/pal"));
    assert_null(aa_scenario_group_label("/nope"));
    assert_int_equal(aa_scenario_group_values(sc, "/partner/types", v, 8), 2);
    assert_string_equal(v[0], "msp");
    assert_string_equal(v[1], "si");
    assert_int_equal(
        aa_scenario_group_values(sc, "/engagement/transacting_partner", v, 8),
        1);
    assert_string_equal(v[0], "false");
    assert_int_equal(aa_scenario_group_values(sc, "/customer/macc", v, 8), 1);
    assert_string_equal(v[0], "(not given)");
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
}

static char *
render(const struct aa_portfolio *pf, const char *format, int width)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_int_equal(aa_portfolio_render(pf, format, width, fp), 0);
    fclose(fp);
    return buf;
}

static void
renders(void **state)
{
    struct aa_ruleset *rs = builtin();
    struct aa_portfolio_opts po = {AA_SEV_WARNING, AA_SEV_INFO,
                                   "/partner/types", "partner types"};
    struct aa_portfolio *pf = aa_portfolio_new(rs, &po);
    struct aa_scenario *sc;
    struct aa_report *rep = advise(rs, msp, "a\\u001b[2Jb", &sc);
    const char *v[8];
    size_t n = aa_scenario_group_values(sc, "/partner/types", v, 8);
    char *text, *json;
    cJSON *root;

    (void)state;
    aa_portfolio_add(pf, rep, v, n);
    aa_portfolio_reject(pf, "bad\nname.json", 4);
    json = render(pf, "json", 80);
    root = cJSON_Parse(json);
    assert_non_null(root);
    assert_int_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root, "plans"), "failing")
            ->valueint,
        1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(
                         cJSON_GetObjectItem(root, "groups"), "values")),
                     2);
    cJSON_Delete(root);
    text = render(pf, "text", 80);
    assert_null(strchr(text, '\033'));
    assert_null(strstr(text, "bad\nname"));
    for (const char *line = text; *line != '\0';) {
        size_t len = strcspn(line, "\n");

        assert_true(len <= 80);
        line += len + (line[len] == '\n');
    }
    assert_int_equal(aa_portfolio_render(pf, "sarif", 80, stdout), -2);
    free(text);
    free(json);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_portfolio_free(pf);
    aa_ruleset_free(rs);
}

/* A summary read back as the one to compare with: nothing changed; a
 * file that is not a summary is refused with the member named. */
static void
compares(void **state)
{
    struct aa_ruleset *rs = builtin();
    struct aa_portfolio_opts po = {AA_SEV_ERROR, AA_SEV_INFO, NULL, NULL};
    struct aa_portfolio *pf = aa_portfolio_new(rs, &po);
    struct aa_portfolio *again = aa_portfolio_new(rs, &po);
    struct aa_scenario *sc;
    struct aa_report *rep = advise(rs, msp, "a", &sc);
    struct aa_diags *dl = aa_diags_new();
    char path[] = "/tmp/test_portfolio_XXXXXX";
    char *json, *text;
    struct aa_message m;
    FILE *fp;
    int fd;

    (void)state;
    aa_portfolio_add(pf, rep, NULL, 0);
    aa_portfolio_add(again, rep, NULL, 0);
    json = render(pf, "json", 80);
    assert_true((fd = mkstemp(path)) >= 0);
    assert_non_null(fp = fdopen(fd, "w"));
    fputs(json, fp);
    fclose(fp);
    assert_int_equal(aa_portfolio_compare(again, path, dl), 0);
    text = render(again, "text", 80);
    assert_non_null(strstr(text, "nothing changed"));
    free(text);
    free(json);
    assert_non_null(fp = fopen(path, "w"));
    fputs("{\"version\": 1, \"plans\": {\"read\": -1}}", fp);
    fclose(fp);
    assert_int_equal(aa_portfolio_compare(pf, path, dl), -1);
    assert_true(aa_diags_count(dl) == 1);
    aa_diags_get(dl, 0, &m);
    assert_non_null(strstr(m.text, "/plans/read"));
    assert_non_null(fp = fopen(path, "w"));
    fputs("{\"version\": 1,\n  \"plans\": }", fp);
    fclose(fp);
    assert_int_equal(aa_portfolio_compare(pf, path, dl), -1);
    aa_diags_get(dl, 1, &m);
    assert_int_equal(m.line, 2);
    unlink(path);
    aa_diags_free(dl);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_portfolio_free(pf);
    aa_portfolio_free(again);
    aa_ruleset_free(rs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(setup_table_names_real_rules),
        cmocka_unit_test(counts_once_per_plan),
        cmocka_unit_test(bounded_over_many_plans),
        cmocka_unit_test(group_values),
        cmocka_unit_test(renders),
        cmocka_unit_test(compares),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
