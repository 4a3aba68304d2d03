/*
 * test_render.c -- the renderers: JSON has exactly the contract's shape,
 * text is aligned and plain unless colour is asked for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "harness.h"
#include "jsonw.h"

static const char rules[] =
    "rules:\n"
    "  - id: pal.fit\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01, PAL-F11]\n"
    "    when: {path: /engagement/access/roles, any_item: "
    "{pec_eligible_role: true}}\n"
    "    verdict: {fit: 80}\n"
    "    reason: Contributor can carry recognition.\n"
    "    actions:\n"
    "      - text: Link your Partner ID.\n"
    "        command: az managementpartner create --partner-id "
    "${partner.location_partner_id}\n"
    "  - id: cua.needs\n"
    "    mechanism: CUA\n"
    "    facts: [CUA-F03]\n"
    "    when: {path: /solution/deployment/cua/registered, equals: true}\n"
    "    verdict: {fit: 60}\n"
    "    reason: registered\n"
    "  - id: cua.late\n"
    "    mechanism: CUA\n"
    "    facts: [CUA-F03]\n"
    "    when: {path: /partner/partner_id, exists: true}\n"
    "    finding: {severity: warning, message: Register first.}\n";

static const char scenario[] =
    "{\"version\": 1, \"id\": \"demo\",\n"
    " \"partner\": {\"partner_id\": \"1234567\"},\n"
    " \"engagement\": {\"access\": {\"roles\": [\"Contributor\"]}}}\n";

static char *render_of(const char *rules_text, const char *scenario_text,
                       const char *format, int color);

static char *
render(const char *format, int color)
{
    return render_of(rules, scenario, format, color);
}

static char *
render_of(const char *rules_text, const char *scenario_text, const char *format,
          int color)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_report *rep;
    struct aa_render_opts opts = {.color = color, .fail_on = AA_SEV_ERROR};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    aa_diags_init(&dl);
    rs = compile_rules(rules_text, &dl);
    assert_non_null(rs);
    sc = aa_scenario_parse("plan.json", scenario_text, strlen(scenario_text),
                           &dl);
    assert_non_null(sc);
    rep = aa_eval(rs, sc);
    assert_int_equal(aa_render(format, rep, &opts, fp), 0);
    fclose(fp);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    return buf;
}

static void
test_json_shape(void **state)
{
    static const char *const order[] = {"CSP",  "DPOR", "PAL",  "CUA",
                                        "CPOR", "MBS",  "PRACR"};
    char *out = render("json", 1);
    cJSON *root = cJSON_Parse(out), *m, *pal, *cua, *f;

    (void)state;
    assert_non_null(root);
    assert_int_equal(cJSON_GetObjectItem(root, "version")->valueint, 1);
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root, "tool"), "name")
            ->valuestring,
        "attrib-advise");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "tool"),
                                            "knowledge_as_of")
                            ->valuestring,
                        "2026-11");
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root, "scenario"), "source")
            ->valuestring,
        "plan.json");
    m = cJSON_GetObjectItem(root, "mechanisms");
    assert_int_equal(cJSON_GetArraySize(m), 7);
    for (int i = 0; i < 7; i++)
        assert_string_equal(
            cJSON_GetObjectItem(cJSON_GetArrayItem(m, i), "id")->valuestring,
            order[i]);
    pal = cJSON_GetArrayItem(m, 2);
    assert_string_equal(cJSON_GetObjectItem(pal, "verdict")->valuestring,
                        "recommended");
    assert_int_equal(cJSON_GetObjectItem(pal, "rank")->valueint, 1);
    assert_string_equal(
        cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(pal, "actions"), 0),
            "command")
            ->valuestring,
        "az managementpartner create --partner-id 1234567");
    assert_int_equal(
        cJSON_GetArraySize(cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(pal, "reasons"), 0),
            "facts")),
        2);
    cua = cJSON_GetArrayItem(m, 3);
    assert_string_equal(cJSON_GetObjectItem(cua, "verdict")->valuestring,
                        "needs_info");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cua, "rank")));
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItem(cua, "missing"), 0)->valuestring,
        "/solution/deployment/cua/registered");
    f = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "findings"), 0);
    assert_string_equal(cJSON_GetObjectItem(f, "severity")->valuestring,
                        "warning");
    assert_string_equal(cJSON_GetObjectItem(f, "pointer")->valuestring,
                        "/partner/partner_id");
    assert_int_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(f, "location"), "line")
            ->valueint,
        2);
    /* No escape codes in a machine format, even when colour is on. */
    assert_null(strchr(out, '\033'));
    cJSON_Delete(root);
    free(out);
}

static void
test_text_plain_and_color(void **state)
{
    char *plain = render("text", 0);
    char *color = render("text", 1);

    (void)state;
    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(plain, "  1  PAL        recommended     "
                                  "Contributor can carry recognition.\n"));
    assert_non_null(strstr(plain, "  -  CUA        needs info      needs "
                                  "/solution/deployment/cua/registered\n"));
    assert_non_null(strstr(plain, "$ az managementpartner create "
                                  "--partner-id 1234567\n"));
    assert_non_null(strstr(plain, "[pal.fit: PAL-F01 PAL-F11]"));
    assert_non_null(strstr(plain, "0 errors, 1 warning, 0 notes\n"));
    assert_non_null(strstr(color, "\033[1;32mrecommended"));
    free(plain);
    free(color);
}

static void
test_markdown(void **state)
{
    char *md = render("markdown", 1);

    (void)state;
    assert_null(strchr(md, '\033'));
    assert_non_null(strstr(md, "| # | Mechanism | Verdict | Why |\n"));
    assert_non_null(strstr(md, "| 1 | PAL | recommended | Contributor can "
                               "carry recognition. |\n"));
    assert_non_null(strstr(md, "| – | CUA | needs info | needs "
                               "`/solution/deployment/cua/registered` |\n"));
    assert_non_null(strstr(md, "   ```sh\n   az managementpartner create "
                               "--partner-id 1234567\n   ```\n"));
    assert_non_null(strstr(md, "| warning | `/partner/partner_id` "
                               "(plan.json:2:14) | Register first. |"));
    free(md);
}

/* A plan of several workloads: each workload's answer beside the best, and
 * findings that say which workloads and mechanisms they concern. */
static void
test_split_plan(void **state)
{
    static const char split_rules[] =
        "rules:\n"
        "  - id: dpor.azure-ea-only\n"
        "    mechanism: DPOR\n"
        "    facts: [PAL-F01]\n"
        "    when:\n"
        "      all:\n"
        "        - {path: /customer/workloads, any_item: {equals: azure}}\n"
        "        - {path: /customer/agreement, not_equals: ea}\n"
        "    verdict: exclude\n"
        "    reason: Not on this agreement.\n"
        "    finding: {severity: info, message: Azure DPOR needs an EA.}\n"
        "  - {id: dpor.fit, mechanism: DPOR, facts: [PAL-F01], verdict: "
        "{fit: 60}, reason: Fits.}\n"
        "  - id: both.note\n"
        "    mechanism: [PAL, DPOR]\n"
        "    facts: [PAL-F11]\n"
        "    when: {path: /customer/macc, equals: true}\n"
        "    verdict: {fit: 40}\n"
        "    reason: Either.\n"
        "    finding: {severity: info, message: Both apply.}\n";
    static const char split_plan[] =
        "{\"version\": 1, \"customer\": {\"agreement\": \"web_direct\", "
        "\"macc\": true, \"workloads\": [\"azure\", \"modern_work\"]}}\n";
    char *out = render_of(split_rules, split_plan, "json", 0);
    char *text = render_of(split_rules, split_plan, "text", 0);
    cJSON *root = cJSON_Parse(out), *dpor, *per, *f0, *f1;

    (void)state;
    assert_non_null(root);
    dpor = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "mechanisms"), 1);
    assert_string_equal(cJSON_GetObjectItem(dpor, "verdict")->valuestring,
                        "recommended");
    per = cJSON_GetObjectItem(dpor, "workloads");
    assert_int_equal(cJSON_GetArraySize(per), 2);
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetArrayItem(per, 0), "workload")
            ->valuestring,
        "azure");
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetArrayItem(per, 0), "verdict")->valuestring,
        "not_applicable");
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(per, 0), "rank"));
    /* Mechanisms the plan does not split by have no "workloads" of
     * their own to differ: PAL still lists both. */
    assert_non_null(cJSON_GetObjectItem(
        cJSON_GetArrayItem(cJSON_GetObjectItem(root, "mechanisms"), 2),
        "workloads"));
    f0 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "findings"), 0);
    f1 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "findings"), 1);
    assert_string_equal(cJSON_GetObjectItem(f0, "rule")->valuestring,
                        "dpor.azure-ea-only");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(f0, "workloads")),
                     1);
    assert_null(cJSON_GetObjectItem(f0, "mechanisms"));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(f1, "mechanism")));
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItem(f1, "mechanisms"), 1)
            ->valuestring,
        "PAL");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(f1, "workloads")),
                     2);
    assert_non_null(
        strstr(text, "azure: not applicable; modern_work: recommended"));
    assert_non_null(strstr(text, "  for  azure: not applicable\n"
                                 "       Not on this agreement.\n"));
    assert_non_null(strstr(text, "/customer/workloads  (azure)\n"));
    cJSON_Delete(root);
    free(out);
    free(text);
}

/* jsonw escapes what JSON requires and the text parses back unchanged. */
static void
test_json_escapes_round_trip(void **state)
{
    static const char tricky[] = "q\"b\\s\x01\n\t\xc3\xa9/";
    cJSON *root = cJSON_CreateObject(), *back;
    char *text;

    (void)state;
    cJSON_AddStringToObject(root, "s", tricky);
    cJSON_AddNumberToObject(root, "i", 42);
    cJSON_AddNumberToObject(root, "f", 0.5);
    cJSON_AddItemToObject(root, "a", cJSON_CreateArray());
    text = aa_jsonw_print(root);
    assert_non_null(strstr(text, "\"s\": \"q\\\"b\\\\s\\u0001\\n\\t"));
    assert_non_null(strstr(text, "\"i\": 42,"));
    assert_non_null(strstr(text, "\"a\": []"));
    back = cJSON_Parse(text);
    assert_non_null(back);
    assert_string_equal(cJSON_GetObjectItem(back, "s")->valuestring, tricky);
    assert_true(cJSON_GetObjectItem(back, "f")->valuedouble == 0.5);
    cJSON_Delete(back);
    cJSON_Delete(root);
    free(text);
}

static void
test_unknown_format(void **state)
{
    (void)state;
    assert_int_equal(aa_render_exists("json"), 1);
    assert_int_equal(aa_render_exists("yaml"), 0);
    assert_int_equal(aa_render("yaml", NULL, NULL, stdout), -2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_shape),
        cmocka_unit_test(test_text_plain_and_color),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_split_plan),
        cmocka_unit_test(test_json_escapes_round_trip),
        cmocka_unit_test(test_unknown_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
