/*
 * test_eval.c -- three-valued logic, verdict resolution (priority hit
 * policy), ranking, reasons and actions, templates and findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "compile.h"
#include "eval.h"
#include "harness.h"

struct fixture {
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_report *rep;
};

static struct fixture F;

static void
run(const char *rules, const char *scenario)
{
    aa_diags_init(&F.dl);
    F.rs = compile_rules(rules, &F.dl);
    if (F.rs == NULL) {
        aa_diags_print(&F.dl, stderr);
        fail_msg("rules did not compile");
    }
    F.sc = aa_scenario_parse("s.json", scenario, strlen(scenario), &F.dl);
    if (F.sc == NULL) {
        aa_diags_print(&F.dl, stderr);
        fail_msg("scenario did not load");
    }
    F.rep = aa_eval(F.rs, F.sc);
    assert_non_null(F.rep);
}

static void
done(void)
{
    aa_report_free(F.rep);
    aa_scenario_free(F.sc);
    aa_ruleset_free(F.rs);
    aa_diags_fini(&F.dl);
    memset(&F, 0, sizeof(F));
}

static enum aa_verdict
verdict(const char *mech)
{
    return advice_for(F.rep, mech)->verdict;
}

/* One PAL rule with condition 'when' and a fit signal. */
static enum aa_verdict
pal_fit_when(const char *when, const char *scenario)
{
    char rules[1024];
    enum aa_verdict v;

    snprintf(rules, sizeof(rules),
             "rules:\n"
             "  - id: fit\n"
             "    title: Rule fit\n"
             "    mechanism: PAL\n"
             "    facts: [PAL-F01]\n"
             "    when: %s\n"
             "    verdict: {fit: 70}\n"
             "    reason: fits\n",
             when);
    run(rules, scenario);
    v = verdict("PAL");
    done();
    return v;
}

#define T_ AA_V_RECOMMENDED /* condition true */
#define F_ AA_V_NOT_APPLICABLE
#define U_ AA_V_NEEDS_INFO

static const char macc_true[] = "{\"version\":1,\"customer\":{\"macc\":true}}";
static const char empty[] = "{\"version\":1}";

static void
test_kleene_logic(void **state)
{
    static const char is_true[] = "{path: /customer/macc, equals: true}";
    static const char is_false[] = "{path: /customer/macc, equals: false}";
    static const char unknown[] = "{path: /customer/agreement, equals: ea}";
    char w[256];

    (void)state;
    assert_int_equal(pal_fit_when(is_true, macc_true), T_);
    assert_int_equal(pal_fit_when(is_false, macc_true), F_);
    assert_int_equal(pal_fit_when(unknown, macc_true), U_);
    snprintf(w, sizeof(w), "{all: [%s, %s]}", is_true, unknown);
    assert_int_equal(pal_fit_when(w, macc_true), U_);
    snprintf(w, sizeof(w), "{all: [%s, %s]}", is_false, unknown);
    assert_int_equal(pal_fit_when(w, macc_true), F_);
    snprintf(w, sizeof(w), "{any: [%s, %s]}", unknown, is_true);
    assert_int_equal(pal_fit_when(w, macc_true), T_);
    snprintf(w, sizeof(w), "{any: [%s, %s]}", unknown, is_false);
    assert_int_equal(pal_fit_when(w, macc_true), U_);
    snprintf(w, sizeof(w), "{not: %s}", unknown);
    assert_int_equal(pal_fit_when(w, macc_true), U_);
    snprintf(w, sizeof(w), "{not: %s}", is_false);
    assert_int_equal(pal_fit_when(w, macc_true), T_);
    /* exists / missing are never unknown. */
    assert_int_equal(pal_fit_when("{path: /customer/agreement, missing: "
                                  "true}",
                                  macc_true),
                     T_);
    assert_int_equal(
        pal_fit_when("{path: /customer/macc, exists: false}", macc_true), F_);
    assert_int_equal(pal_fit_when("{path: /customer/macc, not_equals: "
                                  "false}",
                                  macc_true),
                     T_);
}

static void
test_quantifiers_and_predicates(void **state)
{
    static const char roles[] =
        "{\"version\":1,\"engagement\":{\"access\":{\"roles\":"
        "[\"Reader\",\"Contributor\"]}},\"partner\":{\"types\":[],"
        "\"partner_id\":\"1234567\"},\"solution\":{\"deployment\":{\"cua\":"
        "{\"guid\":\"6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55\"}}}}";

    (void)state;
    assert_int_equal(pal_fit_when("{path: /engagement/access/roles, "
                                  "any_item: {pec_eligible_role: true}}",
                                  roles),
                     T_);
    assert_int_equal(pal_fit_when("{path: /engagement/access/roles, "
                                  "all_items: {pec_eligible_role: true}}",
                                  roles),
                     F_);
    assert_int_equal(pal_fit_when("{path: /engagement/access/roles, "
                                  "no_item: {read_only_role: true}}",
                                  roles),
                     F_);
    assert_int_equal(pal_fit_when("{path: /engagement/access/roles, "
                                  "any_item: {one_of: [Owner, Reader]}}",
                                  roles),
                     T_);
    /* Empty arrays: any -> false, all -> true, none -> true. */
    assert_int_equal(pal_fit_when("{path: /partner/types, any_item: "
                                  "{equals: msp}}",
                                  roles),
                     F_);
    assert_int_equal(pal_fit_when("{path: /partner/types, all_items: "
                                  "{equals: msp}}",
                                  roles),
                     T_);
    assert_int_equal(pal_fit_when("{path: /partner/types, no_item: "
                                  "{equals: msp}}",
                                  roles),
                     T_);
    /* An absent array is unknown. */
    assert_int_equal(pal_fit_when("{path: /customer/workloads, any_item: "
                                  "{equals: azure}}",
                                  roles),
                     U_);
    assert_int_equal(pal_fit_when("{path: /solution/deployment/cua/guid, "
                                  "is_guid: true}",
                                  roles),
                     T_);
    assert_int_equal(pal_fit_when("{path: /partner/partner_id, is_guid: "
                                  "false}",
                                  roles),
                     T_);
    assert_int_equal(pal_fit_when("{path: /partner/partner_id, "
                                  "is_partner_id: true}",
                                  roles),
                     T_);
}

/* is_azurerm_partner_id: the three forms of CUA-F12, "pid-" and
 * "-partnercenter" in lower case as the provider and scan compare them,
 * and nothing else; Partner Center's pid-<name>-partnercenter is not one. */
static void
test_azurerm_partner_id(void **state)
{
    static const struct {
        const char *guid;
        enum aa_verdict want;
    } cases[] = {
        {"6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55", T_},
        {"pid-6F1C0BC4-8A0E-4B8C-9D3E-6D2F0A7C1E55", T_},
        {"PID-6F1C0BC4-8A0E-4B8C-9D3E-6D2F0A7C1E55", F_},
        {"Pid-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55", F_},
        {"pid-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55-partnercenter", T_},
        {"pid-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55-PartnerCenter", F_},
        {"PID-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55-PARTNERCENTER", F_},
        {"pid-contoso-webapp-partnercenter", F_},
        {"pid-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55-partnercente", F_},
        {"pid-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55x", F_},
        {"6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55-partnercenter", F_},
        {"pid-", F_},
        {"", F_},
    };
    char plan[256];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(plan, sizeof(plan),
                 "{\"version\":1,\"solution\":{\"deployment\":{\"cua\":"
                 "{\"guid\":\"%s\"}}}}",
                 cases[i].guid);
        assert_int_equal(pal_fit_when("{path: /solution/deployment/cua/guid, "
                                      "is_azurerm_partner_id: true}",
                                      plan),
                         cases[i].want);
    }
}

static const char policy_rules[] =
    "rules:\n"
    "  - id: pal.fit\n"
    "    title: Rule pal.fit\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    verdict: {fit: 80}\n"
    "    reason: fit reason\n"
    "    actions: [{text: fit action}]\n"
    "  - id: pal.block\n"
    "    title: Rule pal.block\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F11]\n"
    "    when: {path: /engagement/access/roles, all_items: "
    "{pec_ineligible_role: true}}\n"
    "    verdict: block\n"
    "    reason: read only\n"
    "    finding: {severity: warning, message: read only}\n"
    "    actions: [{text: ask for Contributor}]\n"
    "  - id: pal.exclude\n"
    "    title: Rule pal.exclude\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    when: {path: /engagement/access/to_customer, equals: false}\n"
    "    verdict: exclude\n"
    "    reason: no access\n"
    "  - id: pal.always\n"
    "    title: Rule pal.always\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    actions: [{text: 'tell the customer'}]\n";

static void
test_priority_policy(void **state)
{
    const struct aa_advice *a;

    (void)state;
    /* Exclude unknown: no lower class may decide. */
    run(policy_rules, "{\"version\":1,\"engagement\":{\"access\":{\"roles\":"
                      "[\"Contributor\"]}}}");
    a = advice_for(F.rep, "PAL");
    assert_int_equal(a->verdict, AA_V_NEEDS_INFO);
    assert_int_equal(a->nmissing, 1);
    assert_string_equal(a->missing[0].pointer,
                        "/engagement/access/to_customer");
    /* Asked as the contract asks it, with the answers it takes. */
    assert_string_equal(a->missing[0].label, "access to the customer tenant");
    assert_string_equal(a->missing[0].question,
                        "Does the partner have access to the customer's "
                        "tenant? (yes or no)");
    /* Its reason is the rule left open: what it would decide, and the
     * field it waits for; not the rule's own words, which assert it. */
    assert_int_equal(a->nreasons, 1);
    assert_string_equal(a->reasons[0].rule, "pal.exclude");
    assert_true(a->reasons[0].undecided);
    assert_int_equal(a->reasons[0].nfacts, 1);
    assert_string_equal(a->reasons[0].text,
                        "Waits for access to the customer tenant: "
                        "if \"Rule pal.exclude\" holds, PAL is not "
                        "applicable.");
    assert_int_equal(a->rank, 0);
    done();

    /* Two rules of the open class, each with its own fields; a decided
     * verdict has no undecided reason. */
    run(policy_rules, "{\"version\":1,\"engagement\":{\"access\":{"
                      "\"to_customer\":true}}}");
    a = advice_for(F.rep, "PAL");
    assert_int_equal(a->verdict, AA_V_NEEDS_INFO);
    assert_int_equal(a->nreasons, 1);
    assert_string_equal(a->reasons[0].rule, "pal.block");
    assert_string_equal(a->reasons[0].text,
                        "Waits for access roles: if \"Rule "
                        "pal.block\" holds, PAL is blocked.");
    done();

    /* Exclude false, block true: blocked, with the block's reason and
     * actions plus the signal-less rule's action, not the fit's. */
    run(policy_rules, "{\"version\":1,\"engagement\":{\"access\":{"
                      "\"to_customer\":true,\"roles\":[\"Reader\"]}}}");
    a = advice_for(F.rep, "PAL");
    assert_int_equal(a->verdict, AA_V_BLOCKED);
    assert_int_equal(a->nreasons, 1);
    assert_string_equal(a->reasons[0].rule, "pal.block");
    assert_int_equal(a->nactions, 2);
    assert_string_equal(a->actions[0].text, "ask for Contributor");
    assert_string_equal(a->actions[1].text, "tell the customer");
    done();

    /* Nothing higher fires: the fit decides, recommended at weight 80. */
    run(policy_rules, "{\"version\":1,\"engagement\":{\"access\":{"
                      "\"to_customer\":true,\"roles\":[\"Owner\"]}}}");
    a = advice_for(F.rep, "PAL");
    assert_int_equal(a->verdict, AA_V_RECOMMENDED);
    assert_int_equal(a->rank, 1);
    assert_string_equal(a->reasons[0].text, "fit reason");
    assert_int_equal(a->nactions, 2);
    /* Mechanisms without rules are not applicable, unranked. */
    assert_int_equal(verdict("CSP"), AA_V_NOT_APPLICABLE);
    assert_int_equal(advice_for(F.rep, "CSP")->rank, 0);
    done();

    run(policy_rules, "{\"version\":1,\"engagement\":{\"access\":{"
                      "\"to_customer\":false}}}");
    assert_int_equal(verdict("PAL"), AA_V_NOT_APPLICABLE);
    assert_string_equal(advice_for(F.rep, "PAL")->reasons[0].text, "no access");
    /* A mechanism that does not apply gets no actions, not even from
     * rules without a verdict. */
    assert_int_equal(advice_for(F.rep, "PAL")->nactions, 0);
    done();
}

static void
test_ranking(void **state)
{
    static const char rules[] = "rules:\n"
                                "  - {id: a, title: Rule a, mechanism: CUA, "
                                "facts: [CUA-F03], verdict: {fit: 60},"
                                " reason: a}\n"
                                "  - {id: b, title: Rule b, mechanism: DPOR, "
                                "facts: [PAL-F01], verdict: {fit: 90},"
                                " reason: b}\n"
                                "  - {id: c, title: Rule c, mechanism: PAL, "
                                "facts: [PAL-F01], verdict: {fit: 60},"
                                " reason: c}\n"
                                "  - {id: d, title: Rule d, mechanism: MBS, "
                                "facts: [PAL-F01], verdict: {fit: 20},"
                                " reason: d}\n"
                                "  - {id: e, title: Rule e, mechanism: PRACR, "
                                "facts: [PAL-F01], verdict: automatic,"
                                " reason: e}\n"
                                "  - {id: f, title: Rule f, mechanism: CSP, "
                                "facts: [PAL-F01], verdict: {fit: 10},"
                                " reason: f}\n"
                                "  - {id: g, title: Rule g, mechanism: CSP, "
                                "facts: [PAL-F01], verdict: {fit: 55},"
                                " reason: g}\n";

    (void)state;
    run(rules, empty);
    /* automatic first; then recommended by weight, ties by declaration;
     * then possible. CSP's best weight is 55 (rule g). */
    assert_int_equal(advice_for(F.rep, "PRACR")->rank, 1);
    assert_int_equal(advice_for(F.rep, "DPOR")->rank, 2);
    assert_int_equal(advice_for(F.rep, "CUA")->rank, 3);
    assert_int_equal(advice_for(F.rep, "PAL")->rank, 4);
    assert_int_equal(advice_for(F.rep, "CSP")->rank, 5);
    assert_int_equal(advice_for(F.rep, "MBS")->rank, 6);
    assert_int_equal(verdict("MBS"), AA_V_POSSIBLE);
    assert_int_equal(verdict("CSP"), AA_V_RECOMMENDED);
    assert_int_equal(advice_for(F.rep, "CSP")->nreasons, 2);
    assert_int_equal(advice_for(F.rep, "CPOR")->rank, 0);
    done();
}

static void
test_templates_and_findings(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - {id: pal.fit, title: Rule pal.fit, mechanism: PAL, facts: "
        "[PAL-F01], verdict: {fit: "
        "60}, reason: fits}\n"
        "  - id: pal.link\n"
        "    title: Rule pal.link\n"
        "    description: A rule of the tests.\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    actions:\n"
        "      - text: 'Link ${partner.name} ($$5) for ${partner.types}'\n"
        "        command: az managementpartner create --partner-id "
        "${/partner/location_partner_id}\n"
        "  - id: gen.id\n"
        "    title: Rule gen.id\n"
        "    description: A rule of the tests.\n"
        "    mechanism: GEN\n"
        "    facts: [GEN-F01]\n"
        "    when: {path: /partner/partner_id, is_partner_id: false}\n"
        "    finding: {severity: warning, message: 'bad id "
        "${partner.partner_id}'}\n"
        "  - id: cua.late\n"
        "    title: Rule cua.late\n"
        "    mechanism: CUA\n"
        "    facts: [CUA-F03]\n"
        "    when: {path: /solution/deployment/cua/registered_before_deploy,"
        " missing: true}\n"
        "    verdict: block\n"
        "    reason: late\n"
        "    finding: {severity: error, message: late}\n"
        "    actions: [{text: redeploy}]\n";
    static const char scen[] = "{\n"
                               "  \"version\": 1,\n"
                               "  \"partner\": {\n"
                               "    \"partner_id\": \"12a\",\n"
                               "    \"types\": [\"si\", \"msp\"]\n"
                               "  },\n"
                               "  \"customer\": {\"macc\": true}\n"
                               "}\n";
    const struct aa_advice *a;

    (void)state;
    run(rules, scen);
    a = advice_for(F.rep, "PAL");
    assert_int_equal(a->nactions, 1);
    assert_string_equal(a->actions[0].text, "Link <name> ($5) for si, msp");
    /* A malformed ID is never printed as the location Partner ID. */
    assert_string_equal(a->actions[0].command,
                        "az managementpartner create --partner-id "
                        "<location_partner_id>");
    assert_int_equal(F.rep->nfindings, 2);
    /* Worst first. */
    assert_string_equal(F.rep->findings[0].rule, "cua.late");
    assert_string_equal(F.rep->findings[0].mech, "CUA");
    assert_string_equal(F.rep->findings[0].pointer,
                        "/solution/deployment/cua/registered_before_deploy");
    /* Absent field: the location of the closest present parent, the
     * root object at 1:1. */
    assert_int_equal(F.rep->findings[0].at.line, 1);
    assert_string_equal(F.rep->findings[1].rule, "gen.id");
    assert_null(F.rep->findings[1].mech);
    assert_string_equal(F.rep->findings[1].message, "bad id 12a");
    assert_string_equal(F.rep->findings[1].at.file, "s.json");
    assert_int_equal(F.rep->findings[1].at.line, 4);
    assert_int_equal(F.rep->findings[1].at.col, 5);
    assert_int_equal(aa_report_worst(F.rep), AA_SEV_ERROR);
    done();
}

/* One view per workload: each sees its own workload and agreement, the
 * verdict is the best of them, and a finding names its workloads. */
static void
test_views_per_workload(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - id: dpor.azure-ea-only\n"
        "    title: Rule dpor.azure-ea-only\n"
        "    description: A rule of the tests.\n"
        "    mechanism: DPOR\n"
        "    facts: [PAL-F01]\n"
        "    when:\n"
        "      all:\n"
        "        - {path: /customer/workloads, any_item: {equals: azure}}\n"
        "        - {path: /customer/agreement, not_equals: ea}\n"
        "    verdict: exclude\n"
        "    reason: 'not on ${customer.agreement}'\n"
        "    finding: {severity: info, message: 'azure on "
        "${customer.agreement}'}\n"
        "  - {id: dpor.fit, title: Rule dpor.fit, mechanism: DPOR, facts: "
        "[PAL-F01], verdict: "
        "{fit: 60}, reason: fits}\n"
        "  - id: csp.auto\n"
        "    title: Rule csp.auto\n"
        "    mechanism: CSP\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /engagement/transacting_partner, equals: true}\n"
        "    verdict: automatic\n"
        "    reason: bills\n"
        "  - id: csp.out\n"
        "    title: Rule csp.out\n"
        "    mechanism: CSP\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /engagement/transacting_partner, equals: false}\n"
        "    verdict: exclude\n"
        "    reason: does not bill\n";
    static const char scen[] =
        "{\"version\":1,\"customer\":{\"agreement\":\"web_direct\","
        "\"agreements\":{\"modern_work\":\"csp\"},"
        "\"workloads\":[\"modern_work\",\"azure\"]},"
        "\"engagement\":{\"transacting_partner\":true}}";
    const struct aa_advice *a;

    (void)state;
    run(rules, scen);
    assert_int_equal(F.rep->nviews, 2);
    /* Contract order, whatever the plan's order. */
    assert_string_equal(F.rep->views[0], "azure");
    assert_string_equal(F.rep->views[1], "modern_work");
    a = advice_for(F.rep, "DPOR");
    assert_int_equal(a->verdict, AA_V_RECOMMENDED);
    assert_int_equal(a->nper, 2);
    assert_int_equal(a->per[0].verdict, AA_V_NOT_APPLICABLE);
    assert_string_equal(a->per[0].reasons[0].text, "not on web_direct");
    assert_int_equal(a->per[1].verdict, AA_V_RECOMMENDED);
    assert_string_equal(a->reasons[0].text, "fits");
    /* The partner bills Microsoft 365 through CSP, not Azure (bought on
     * web_direct while another workload is on CSP). */
    a = advice_for(F.rep, "CSP");
    assert_int_equal(a->verdict, AA_V_AUTOMATIC);
    assert_int_equal(a->per[0].verdict, AA_V_NOT_APPLICABLE);
    assert_int_equal(a->per[1].verdict, AA_V_AUTOMATIC);
    assert_int_equal(F.rep->nfindings, 1);
    assert_int_equal(F.rep->findings[0].nworkloads, 1);
    assert_string_equal(F.rep->findings[0].workloads[0], "azure");
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 0);
    done();

    /* A single workload with an agreement of its own reads that one, and
     * the finding points at where it came from. */
    run(rules, "{\"version\":1,\"customer\":{\"agreement\":\"ea\","
               "\"agreements\":{\"modern_work\":\"csp\"},"
               "\"workloads\":[\"modern_work\"]},"
               "\"engagement\":{\"transacting_partner\":true}}");
    assert_int_equal(F.rep->nviews, 1);
    assert_int_equal(verdict("CSP"), AA_V_AUTOMATIC);
    assert_int_equal(advice_for(F.rep, "CSP")->nper, 0);
    done();
}

/* Actions that send the partner elsewhere vanish where that mechanism does
 * not apply; an unknown action rule lists what it needs. */
static void
test_refers_and_action_missing(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - {id: pal.out, title: Rule pal.out, mechanism: PAL, facts: "
        "[PAL-F01], verdict: "
        "exclude, reason: no access, when: {path: "
        "/engagement/access/to_customer, equals: false}}\n"
        "  - {id: pal.fit, title: Rule pal.fit, mechanism: PAL, facts: "
        "[PAL-F01], verdict: "
        "{fit: 60}, reason: fits}\n"
        "  - id: dpor.fit\n"
        "    title: Rule dpor.fit\n"
        "    mechanism: DPOR\n"
        "    facts: [PAL-F01]\n"
        "    verdict: {fit: 60}\n"
        "    reason: fits\n"
        "    actions:\n"
        "      - {text: ask the customer}\n"
        "      - {text: meanwhile link with PAL, refers: [PAL]}\n"
        "  - id: dpor.link\n"
        "    title: Rule dpor.link\n"
        "    mechanism: DPOR\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /customer/dpor/current, not_equals: self}\n"
        "    actions: [{text: 'set it'}]\n";
    const struct aa_advice *a;

    (void)state;
    run(rules, "{\"version\":1,\"engagement\":{\"access\":{\"to_customer\":"
               "false}}}");
    a = advice_for(F.rep, "DPOR");
    assert_int_equal(a->verdict, AA_V_RECOMMENDED);
    assert_int_equal(a->nactions, 1);
    assert_string_equal(a->actions[0].text, "ask the customer");
    assert_int_equal(a->nmissing, 1);
    assert_string_equal(a->missing[0].pointer, "/customer/dpor/current");
    assert_string_equal(a->missing[0].question,
                        "Who is the customer's Digital Partner of Record "
                        "today? (none, self, other)");
    done();
    run(rules, "{\"version\":1,\"engagement\":{\"access\":{\"to_customer\":"
               "true}},\"customer\":{\"dpor\":{\"current\":\"none\"}}}");
    a = advice_for(F.rep, "DPOR");
    assert_int_equal(a->nactions, 3);
    assert_int_equal(a->actions[1].refers, 1u << 2);
    assert_int_equal(a->nmissing, 0);
    done();
}

/* A soft fact whispers only where its mechanism applies; a block that an
 * exclusion overrules reports nothing. */
static void
test_findings_follow_verdicts(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - {id: csp.out, title: Rule csp.out, mechanism: CSP, facts: "
        "[PAL-F01], verdict: "
        "exclude, reason: out, when: {path: /customer/macc, equals: "
        "true}}\n"
        "  - id: csp.block\n"
        "    title: Rule csp.block\n"
        "    mechanism: CSP\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /customer/dpor/will_assign, equals: true}\n"
        "    verdict: block\n"
        "    reason: blocked\n"
        "    finding: {severity: warning, message: blocked}\n"
        "    actions: [{text: unblock}]\n"
        "  - {id: csp.fit, title: Rule csp.fit, mechanism: CSP, facts: "
        "[PAL-F01], verdict: {fit: "
        "60}, reason: fits}\n"
        "  - id: csp.soft\n"
        "    title: Rule csp.soft\n"
        "    mechanism: CSP\n"
        "    facts: [CSP-F09]\n"
        "    finding: {severity: info, message: maybe}\n";

    (void)state;
    run(rules, "{\"version\":1,\"customer\":{\"macc\":true,\"dpor\":"
               "{\"will_assign\":true}}}");
    assert_int_equal(verdict("CSP"), AA_V_NOT_APPLICABLE);
    assert_int_equal(F.rep->nfindings, 0);
    done();
    run(rules, "{\"version\":1,\"customer\":{\"macc\":false,\"dpor\":"
               "{\"will_assign\":true}}}");
    assert_int_equal(verdict("CSP"), AA_V_BLOCKED);
    assert_int_equal(F.rep->nfindings, 2);
    done();
}

/* Rules that read /outcome run on the verdicts; ${match} spells list items
 * as the list does; strings compare without regard to case. */
static void
test_outcome_match_and_case(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - id: pal.fit\n"
        "    title: Rule pal.fit\n"
        "    description: A rule of the tests.\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F11]\n"
        "    when: {path: /engagement/access/roles, any_item: "
        "{pec_eligible_role: true}}\n"
        "    verdict: {fit: 80}\n"
        "    reason: 'fits with ${match}'\n"
        "  - id: pal.custom\n"
        "    title: Rule pal.custom\n"
        "    description: A rule of the tests.\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F11]\n"
        "    when: {path: /engagement/access/roles, any_item: "
        "{starts_with: 'CUSTOM:'}}\n"
        "    finding: {severity: info, message: 'custom ${match}'}\n"
        "  - id: gen.none\n"
        "    title: Rule gen.none\n"
        "    description: A rule of the tests.\n"
        "    mechanism: GEN\n"
        "    facts: [GEN-F01]\n"
        "    when: {path: /outcome/pal, one_of: [blocked, "
        "not_applicable]}\n"
        "    finding: {severity: error, message: 'PAL is ${outcome.pal}'}\n"
        "  - id: gen.empty\n"
        "    title: Rule gen.empty\n"
        "    mechanism: GEN\n"
        "    facts: [GEN-F01]\n"
        "    when: {path: /partner/types, empty: true}\n"
        "    finding: {severity: warning, message: no types}\n";
    const struct aa_advice *a;

    (void)state;
    run(rules, "{\"version\":1,\"partner\":{\"types\":[]},\"engagement\":"
               "{\"access\":{\"roles\":[\"reader\",\"contributor\","
               "\"custom:Ops\"]}}}");
    a = advice_for(F.rep, "PAL");
    assert_int_equal(a->verdict, AA_V_RECOMMENDED);
    assert_string_equal(a->reasons[0].text, "fits with Contributor");
    assert_int_equal(F.rep->nfindings, 2);
    assert_string_equal(F.rep->findings[0].rule, "gen.empty");
    assert_string_equal(F.rep->findings[1].message, "custom custom:Ops");
    done();
    run(rules, "{\"version\":1,\"engagement\":{\"access\":{\"roles\":"
               "[\"Reader\"]}}}");
    assert_int_equal(verdict("PAL"), AA_V_NOT_APPLICABLE);
    assert_int_equal(F.rep->nfindings, 1);
    assert_string_equal(F.rep->findings[0].message, "PAL is not_applicable");
    done();
}

/* A list may hold one name in several spellings: a value spelt as one of
 * them is that one, and a value spelt otherwise is the first written
 * (${match} shows it); miscased_in holds for the second kind only. */
static void
test_list_namesakes(void **state)
{
    static const char rules[] =
        "lists:\n"
        "  names: [Alpha, beta, ALPHA, Gamma, alpha, Beta]\n"
        "rules:\n"
        "  - id: pal.in\n"
        "    title: Rule pal.in\n"
        "    description: A rule of the tests.\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F11]\n"
        "    when: {path: /engagement/access/roles, any_item: "
        "{in_list: names}}\n"
        "    verdict: {fit: 80}\n"
        "    reason: 'in ${match}'\n"
        "  - id: pal.case\n"
        "    title: Rule pal.case\n"
        "    description: A rule of the tests.\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F11]\n"
        "    when: {path: /engagement/access/roles, any_item: "
        "{miscased_in: names}}\n"
        "    finding: {severity: info, message: 'case ${match}'}\n";
    static const struct {
        const char *role, *match, *miscased;
    } cases[] = {
        {"Alpha", "Alpha", NULL},    {"ALPHA", "ALPHA", NULL},
        {"alpha", "alpha", NULL},    {"aLpHa", "Alpha", "Alpha"},
        {"BETA", "beta", "beta"},    {"Beta", "Beta", NULL},
        {"gamma", "Gamma", "Gamma"}, {"delta", NULL, NULL},
    };
    /* The role alone, and after 300 others in no list: a plan of many
     * items has a larger cache of lookups (eval.c), which must answer as
     * the small one does. */
    static char scen[300 * 16 + 256];

    (void)state;
    for (size_t i = 0; i < 2 * sizeof(cases) / sizeof(cases[0]); i++) {
        const struct aa_advice *a;
        char want[64];
        size_t at, len;

        at = (size_t)snprintf(scen, sizeof(scen),
                              "{\"version\":1,\"engagement\":{\"access\":"
                              "{\"roles\":[");
        for (int k = 0; i % 2 == 1 && k < 300; k++)
            at += (size_t)snprintf(scen + at, sizeof(scen) - at,
                                   "\"other-%d\",", k);
        len = (size_t)snprintf(scen + at, sizeof(scen) - at, "\"%s\"]}}}",
                               cases[i / 2].role);
        assert_true(at + len < sizeof(scen));
        run(rules, scen);
        a = advice_for(F.rep, "PAL");
        if (cases[i / 2].match == NULL) {
            assert_int_equal(a->nreasons, 0);
        } else {
            snprintf(want, sizeof(want), "in %s", cases[i / 2].match);
            assert_int_equal(a->nreasons, 1);
            assert_string_equal(a->reasons[0].text, want);
        }
        if (cases[i / 2].miscased == NULL) {
            assert_int_equal(F.rep->nfindings, 0);
        } else {
            snprintf(want, sizeof(want), "case %s", cases[i / 2].miscased);
            assert_int_equal(F.rep->nfindings, 1);
            assert_string_equal(F.rep->findings[0].message, want);
        }
        done();
    }
}

/* The invariant check fails on reports that break a promise: a check
 * that cannot fail proves nothing. */
static void
test_check_catches_broken_reports(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - id: pal.fit\n"
        "    title: Rule pal.fit\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    verdict: {fit: 80}\n"
        "    reason: fits\n"
        "  - id: pal.warn\n"
        "    title: Rule pal.warn\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    finding: {severity: warning, message: careful}\n";
    struct aa_advice *a;

    (void)state;
    run(rules, empty);
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 0);
    a = &F.rep->mech[2];
    /* Recommended beside an error of its own. */
    F.rep->findings[0].severity = AA_SEV_ERROR;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 1);
    /* Blocked with no located warning or error, and no action. */
    a->verdict = AA_V_BLOCKED;
    a->rank = 0;
    F.rep->findings[0].severity = AA_SEV_INFO;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 2);
    /* A warning on a soft fact; a verdict without a reason. */
    a->verdict = AA_V_NOT_APPLICABLE;
    a->nreasons = 0;
    F.rep->findings[0].severity = AA_SEV_WARNING;
    F.rep->findings[0].facts = (const char *const[]){"CSP-F09"};
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 1);
    assert_int_equal(aa_report_check(F.rs, F.rep, AA_CHECK_COMPLETE, NULL),
                     2 + AA_NMECH - 1);
    /* 8. needs_info (here also without a missing field) with a decided
     * reason; then an undecided reason under a decided verdict. */
    a->nreasons = 1;
    a->verdict = AA_V_NEEDS_INFO;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 3);
    a->reasons[0].undecided = 1;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 2);
    a->verdict = AA_V_NOT_APPLICABLE;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 2);
    done();
}

/* --explain: each mechanism's rules with the value of every condition,
 * what it read and where; the tree agrees with the verdict, and the check
 * catches an explanation that does not. */
static void
test_explain_records_what_it_read(void **state)
{
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
        "        - {path: /engagement/access/roles, any_item: {equals: "
        "Owner}}\n"
        "    verdict: {fit: 80}\n"
        "    reason: fits\n"
        "  - id: pal.linked\n"
        "    title: Rule pal.linked\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /engagement/access/pal_linked, equals: self}\n"
        "    actions: [{text: keep it}]\n";
    static const char plan[] =
        "{\"version\": 1, \"engagement\": {\"access\": "
        "{\"to_customer\": true,\n \"roles\": [\"Reader\", \"Owner\"]}}}";
    const struct aa_xmech *pal = NULL;
    const struct aa_xrule *r;

    (void)state;
    aa_diags_init(&F.dl);
    F.rs = compile_rules(rules, &F.dl);
    assert_non_null(F.rs);
    F.sc = aa_scenario_parse("s.json", plan, strlen(plan), &F.dl);
    assert_non_null(F.sc);
    F.rep = aa_eval_explain(F.rs, F.sc, NULL);
    assert_non_null(F.rep);
    for (size_t g = 0; g < F.rep->nexplain; g++)
        if (strcmp(F.rep->explain[g].mech, "PAL") == 0)
            pal = &F.rep->explain[g];
    assert_non_null(pal);
    assert_int_equal(pal->verdict, AA_V_RECOMMENDED);
    assert_string_equal(pal->decided_by, "pal.fit");
    assert_int_equal(pal->nrules, 3);
    /* Not fired, with the value it read and where. */
    r = &pal->rules[0];
    assert_int_equal(r->value, 0);
    assert_int_equal(r->decides, 0);
    assert_int_equal(r->when->read.kind, AA_XR_BOOL);
    assert_int_equal(r->when->read.b, 1);
    assert_int_equal(r->when->at.line, 1);
    assert_string_equal(r->when->pointer, "/engagement/access/to_customer");
    /* Fired: the quantifier holds one test per item. */
    r = &pal->rules[1];
    assert_int_equal(r->value, 1);
    assert_int_equal(r->decides, 1);
    assert_int_equal(r->when->nkids, 2);
    assert_int_equal(r->when->kids[1].nkids, 2);
    assert_int_equal(r->when->kids[1].kids[0].value, 0);
    assert_int_equal(r->when->kids[1].kids[1].value, 1);
    assert_string_equal(r->when->kids[1].kids[1].read.s, "Owner");
    assert_int_equal(r->when->kids[1].at.line, 2);
    /* Unknown: names the field it lacks. */
    r = &pal->rules[2];
    assert_int_equal(r->value, -1);
    assert_int_equal(r->nmissing, 1);
    assert_string_equal(r->missing[0].pointer, "/engagement/access/pal_linked");
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 0);
    /* An explanation that contradicts itself or the verdict is caught. */
    ((struct aa_xcond *)pal->rules[1].when)->kids[1].kids[1].value = 0;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 1);
    ((struct aa_xcond *)pal->rules[1].when)->kids[1].kids[1].value = 1;
    ((struct aa_xmech *)pal)->verdict = AA_V_BLOCKED;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 1);
    ((struct aa_xmech *)pal)->verdict = AA_V_RECOMMENDED;
    ((struct aa_xrule *)&pal->rules[2])->nmissing = 0;
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 1);
    aa_report_free(F.rep);
    /* One rule: only the groups it stands in, only it. */
    F.rep = aa_eval_explain(F.rs, F.sc, "pal.linked");
    assert_int_equal(F.rep->nexplain, 1);
    assert_string_equal(F.rep->explain[0].mech, "PAL");
    assert_int_equal(F.rep->explain[0].nrules, 1);
    assert_string_equal(F.rep->explain[0].rules[0].rule, "pal.linked");
    assert_int_equal(aa_report_check(F.rs, F.rep, 0, NULL), 0);
    done();
}

/* A finding only triage shows (a suppression past its date, a mechanism
 * left undecided under require_complete) keeps its ${match} text, which
 * its fingerprint reads, after aa_eval has returned. */
static void
test_pending_findings_keep_their_match(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - id: gen.id\n"
        "    title: Partner ID not in the location form\n"
        "    mechanism: GEN\n"
        "    facts: [GEN-F01]\n"
        "    when: {path: /partner/partner_id, is_partner_id: false}\n"
        "    finding: {severity: warning, message: bad id}\n"
        "  - id: pal.fit\n"
        "    title: Fits when the customer has a MACC\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /customer/macc, equals: true}\n"
        "    verdict: {fit: 80}\n"
        "    reason: fits\n"
        "  - id: input.suppression-expired\n"
        "    title: Expired suppression\n"
        "    description: A suppression past its date.\n"
        "    mechanism: GEN\n"
        "    detect: suppression_expired\n"
        "    finding: {severity: warning, message: 'expired: ${match}'}\n"
        "  - id: input.incomplete\n"
        "    title: Undecided mechanism\n"
        "    description: A mechanism that waits for plan fields.\n"
        "    mechanism: GEN\n"
        "    detect: incomplete\n"
        "    finding: {severity: error, message: '${match}'}\n";
    static const char scen[] =
        "{\"version\": 1, \"partner\": {\"partner_id\": \"x\"},\n"
        " \"x-attrib-suppress\": [{\"rule\": \"gen.id\", \"reason\": "
        "\"migrating\", \"expires\": \"2026-06-30\"}]}\n";
    struct aa_eval_opts eo = {.today = "2026-07-01", .require_complete = 1};
    char before[AA_FINGERPRINT_SIZE], after[AA_FINGERPRINT_SIZE];
    size_t expired = 0, incomplete = 0;

    (void)state;
    run(rules, scen);
    aa_report_triage(F.rep, F.rs, F.sc, &eo);
    for (size_t i = 0; i < F.rep->nfindings; i++) {
        const struct aa_finding *f = &F.rep->findings[i];

        if (strcmp(f->rule, "input.suppression-expired") == 0) {
            assert_string_equal(f->match, "gen.id expired on 2026-06-30");
            expired++;
        } else if (strcmp(f->rule, "input.incomplete") == 0) {
            assert_non_null(strstr(f->match, " needs "));
            incomplete++;
        } else {
            continue;
        }
        assert_int_equal(aa_finding_fingerprint(F.rep, i, before), 0);
        memset(after, 'x', sizeof(after)); /* reuses the stack */
        assert_int_equal(aa_finding_fingerprint(F.rep, i, after), 0);
        assert_string_equal(before, after);
    }
    assert_int_equal(expired, 1);
    assert_true(incomplete > 0);
    done();
}

/* The guards a rule is decided by before its condition is walked
 * (compile.h) never take a rule as false that its condition does not make
 * false: every kind of guard, negated and not, over every combination of
 * the values they read, present and absent. */
static void
test_guards_are_sound(void **state)
{
    static const char *const whens[] = {
        "{path: /engagement/transacting_partner, not_equals: true}",
        "{path: /engagement/transacting_partner, equals: true}",
        "{path: /customer/agreement, not_equals: ea}",
        "{path: /customer/agreement, one_of: [ea, mca]}",
        "{path: /customer/agreement, equals: csp}",
        "{path: /customer/agreement, exists: false}",
        "{path: /customer/agreement, exists: true}",
        "{path: /customer/workloads, any_item: {equals: azure}}",
        "{path: /customer/workloads, any_item: {not_equals: azure}}",
        "{path: /customer/workloads, any_item: {one_of: [azure,modern_work]}}",
        /* Masks, but no guards: an empty array passes them. */
        "{path: /customer/workloads, all_items: {equals: azure}}",
        "{path: /customer/workloads, no_item: {equals: azure}}",
        /* Two guards on one field: the index holds the first only. */
        "{all: [{path: /customer/agreement, exists: true}, "
        "{path: /customer/agreement, not_equals: ea}]}",
        "{all: [{path: /customer/workloads, any_item: {equals: azure}}, "
        "{path: /customer/workloads, any_item: {equals: modern_work}}]}",
        /* A field too few rules guard to be indexed. */
        "{path: /customer/dpor/will_assign, equals: true}",
    };
    static const char *const tp[] = {"", "\"transacting_partner\":true",
                                     "\"transacting_partner\":false"};
    static const char *const ag[] = {"", ",\"agreement\":\"ea\"",
                                     ",\"agreement\":\"mca\"",
                                     ",\"agreement\":\"csp\""};
    static const char *const wl[] = {
        "", ",\"workloads\":[]", ",\"workloads\":[\"azure\"]",
        ",\"workloads\":[\"modern_work\"]",
        ",\"workloads\":[\"azure\",\"modern_work\"]"};
    static const char *const dp[] = {"", ",\"dpor\":{\"will_assign\":true}",
                                     ",\"dpor\":{\"will_assign\":false}"};
    char rules[8192], scen[512];
    size_t len = 0, fired = 0, n = sizeof(whens) / sizeof(whens[0]);

    (void)state;
    len += (size_t)snprintf(rules + len, sizeof(rules) - len, "rules:\n");
    for (size_t i = 0; i < n; i++) {
        /* Alone, and as the kid of an 'all' whose other kid holds. */
        len += (size_t)snprintf(
            rules + len, sizeof(rules) - len,
            "  - {id: g%zu, title: Rule g%zu, mechanism: PAL, facts: "
            "[PAL-F01], when: %s, verdict: {fit: 10}, reason: r}\n"
            "  - {id: a%zu, title: Rule a%zu, mechanism: PAL, facts: "
            "[PAL-F01], when: {all: [{path: /customer/macc, exists: "
            "true}, %s]}, verdict: {fit: 10}, reason: r}\n",
            i, i, whens[i], i, i, whens[i]);
        assert_true(len < sizeof(rules));
    }
    for (size_t t = 0; t < 3; t++)
        for (size_t a = 0; a < 4; a++)
            for (size_t w = 0; w < 5; w++)
                for (size_t d = 0; d < 3; d++) {
                    const char *bad;

                    snprintf(scen, sizeof(scen),
                             "{\"version\":1,\"engagement\":{%s},"
                             "\"customer\":{\"macc\":true%s%s%s}}",
                             tp[t], ag[a], wl[w], dp[d]);
                    run(rules, scen);
                    bad = aa_eval_guard_unsound(F.rs, F.sc, &fired);
                    if (bad != NULL)
                        fail_msg("%s: guard unsound on %s", bad, scen);
                    done();
                }
    /* Every guard fired somewhere, as evaluation takes them, or the loop
     * above proved little. */
    assert_true(fired >= 2 * n);
}

/* The tests evaluated as masks (enum aa_fast) give what the walk of their
 * operators gives, unknown fields included: every kind of them, negated
 * and not, over values present, absent, empty, single and several. */
static void
test_fast_tests_agree(void **state)
{
    static const char *const whens[] = {
        "{path: /engagement/transacting_partner, equals: true}",
        "{path: /engagement/transacting_partner, not_equals: true}",
        "{path: /engagement/transacting_partner, equals: false}",
        "{path: /customer/agreement, equals: csp}",
        "{path: /customer/agreement, not_equals: ea}",
        "{path: /customer/agreement, one_of: [ea, mca]}",
        "{not: {path: /customer/agreement, one_of: [ea, csp]}}",
        "{path: /customer/workloads, any_item: {equals: azure}}",
        "{path: /customer/workloads, any_item: {not_equals: azure}}",
        "{path: /customer/workloads, any_item: {one_of: [azure, "
        "dynamics_365]}}",
        "{path: /customer/workloads, all_items: {equals: azure}}",
        "{path: /customer/workloads, all_items: {not_equals: modern_work}}",
        "{path: /customer/workloads, all_items: {one_of: [azure, "
        "dynamics_365]}}",
        "{path: /customer/workloads, no_item: {equals: modern_work}}",
        "{path: /customer/workloads, no_item: {one_of: [azure, dynamics_365]}}",
        "{any: [{path: /customer/agreement, equals: mca}, "
        "{path: /customer/workloads, no_item: {not_equals: azure}}]}",
    };
    static const char *const tp[] = {"", "\"transacting_partner\":true",
                                     "\"transacting_partner\":false"};
    static const char *const ag[] = {"", ",\"agreement\":\"ea\"",
                                     ",\"agreement\":\"mca\"",
                                     ",\"agreement\":\"csp\""};
    static const char *const wl[] = {
        "",
        ",\"workloads\":[]",
        ",\"workloads\":[\"azure\"]",
        ",\"workloads\":[\"modern_work\"]",
        ",\"workloads\":[\"azure\",\"modern_work\"]",
        ",\"workloads\":[\"azure\",\"dynamics_365\"]",
        ",\"workloads\":[\"dynamics_365\",\"azure\",\"modern_work\"]"};
    char rules[8192], scen[512];
    size_t len = 0, checked = 0, n = sizeof(whens) / sizeof(whens[0]);
    size_t combos = 0, fast = 0;

    (void)state;
    len += (size_t)snprintf(rules + len, sizeof(rules) - len, "rules:\n");
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(
            rules + len, sizeof(rules) - len,
            "  - {id: f%zu, title: Rule f%zu, mechanism: PAL, facts: "
            "[PAL-F01], when: %s, verdict: {fit: 10}, reason: r}\n",
            i, i, whens[i]);
        assert_true(len < sizeof(rules));
    }
    for (size_t t = 0; t < 3; t++)
        for (size_t a = 0; a < 4; a++)
            for (size_t w = 0; w < 7; w++) {
                const char *bad;

                snprintf(scen, sizeof(scen),
                         "{\"version\":1,\"engagement\":{%s},"
                         "\"customer\":{\"macc\":true%s%s}}",
                         tp[t], ag[a], wl[w]);
                run(rules, scen);
                if (combos++ == 0)
                    for (size_t i = 0; i < F.rs->prog->nnodes; i++)
                        fast += F.rs->prog->nodes[i].fast != AA_FAST_NONE;
                bad = aa_eval_fast_unsound(F.rs, F.sc, &checked);
                if (bad != NULL)
                    fail_msg("the mask of a test of %s is not its walk on %s",
                             bad, scen);
                done();
            }
    /* Each condition above is, or holds, a test taken as a mask. */
    assert_true(fast >= n);
    assert_int_equal(checked, fast * combos);
}

/*
 * Pending findings are worded only when triage shows them: a run that shows
 * none makes no words, and one that shows them gets the words they had
 * when evaluation made them (an undecided mechanism's missing fields; the
 * knowledge's date).
 */
static void
test_pending_words_wait_for_triage(void **state)
{
    static const char plan[] =
        "{\"version\": 1, \"partner\": {\"types\": [\"msp\"]},\n"
        " \"customer\": {\"workloads\": [\"azure\"]}}\n";
    struct aa_eval_opts quiet = {.today = "2000-01-01"};
    struct aa_eval_opts show = {.today = "2099-01-01", .require_complete = 1};
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_report *rep;
    size_t incomplete = 0, stale = 0, waiting = 0;

    (void)state;
    aa_diags_init(&dl);
    rs = aa_ruleset_builtin(&dl);
    assert_non_null(rs);
    sc = aa_scenario_parse("s.json", plan, strlen(plan), &dl);
    assert_non_null(sc);

    /* Made without words; a run that shows none leaves them unmade. */
    rep = aa_eval(rs, sc);
    assert_non_null(rep);
    assert_true(rep->npending >= 2);
    for (size_t i = 0; i < rep->npending; i++) {
        assert_null(rep->pending[i].f.message);
        assert_null(rep->pending[i].f.match);
    }
    aa_report_triage(rep, rs, sc, &quiet);
    assert_int_equal(rep->npending, 0);
    for (size_t i = 0; i < rep->nfindings; i++) {
        assert_string_not_equal(rep->findings[i].rule, "input.incomplete");
        assert_string_not_equal(rep->findings[i].rule, "input.knowledge-stale");
    }
    aa_report_free(rep);

    /* Shown: worded from the answers and the rules' templates. */
    rep = aa_eval(rs, sc);
    assert_non_null(rep);
    waiting = rep->npending;
    aa_report_triage(rep, rs, sc, &show);
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        assert_non_null(f->message);
        assert_non_null(f->match);
        if (strcmp(f->rule, "input.incomplete") == 0) {
            const struct aa_advice *a = NULL;
            char want[512];

            for (int m = 0; m < AA_NMECH; m++)
                if (f->mechs == 1u << m)
                    a = &rep->mech[m];
            assert_non_null(a);
            assert_int_equal(a->verdict, AA_V_NEEDS_INFO);
            /* "PAL needs /a, /b": the mechanism, then its fields. */
            snprintf(want, sizeof(want), "%s needs %s", a->mech,
                     a->missing[0].pointer);
            assert_memory_equal(f->match, want, strlen(want));
            assert_non_null(strstr(f->message, f->match));
            assert_non_null(strstr(f->message, "; without this information the "
                                               "mechanism stays undecided"));
            incomplete++;
        } else if (strcmp(f->rule, "input.knowledge-stale") == 0) {
            assert_string_equal(f->match, aa_ruleset_knowledge_as_of(rs));
            assert_non_null(strstr(f->message, f->match));
            stale++;
        }
    }
    assert_int_equal(stale, 1);
    assert_true(incomplete >= 1);
    assert_int_equal(incomplete + stale, waiting);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static void
test_uncompiled_ruleset_is_refused(void **state)
{
    struct aa_ruleset *rs = aa_ruleset_new();
    struct aa_diags dl;
    struct aa_scenario *sc;

    (void)state;
    aa_diags_init(&dl);
    sc = aa_scenario_parse("s.json", empty, strlen(empty), &dl);
    assert_non_null(sc);
    assert_null(aa_eval(rs, sc));
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kleene_logic),
        cmocka_unit_test(test_quantifiers_and_predicates),
        cmocka_unit_test(test_azurerm_partner_id),
        cmocka_unit_test(test_priority_policy),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_templates_and_findings),
        cmocka_unit_test(test_views_per_workload),
        cmocka_unit_test(test_refers_and_action_missing),
        cmocka_unit_test(test_findings_follow_verdicts),
        cmocka_unit_test(test_outcome_match_and_case),
        cmocka_unit_test(test_check_catches_broken_reports),
        cmocka_unit_test(test_explain_records_what_it_read),
        cmocka_unit_test(test_pending_findings_keep_their_match),
        cmocka_unit_test(test_pending_words_wait_for_triage),
        cmocka_unit_test(test_list_namesakes),
        cmocka_unit_test(test_guards_are_sound),
        cmocka_unit_test(test_fast_tests_agree),
        cmocka_unit_test(test_uncompiled_ruleset_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
