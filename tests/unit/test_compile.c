/*
 * test_compile.c -- every check that needs the whole ruleset: paths against
 * the contract, operators against field types, fact IDs, lists, templates,
 * duplicate ids and replacement across layers.  Each error names the file,
 * line and column of the offending token and the rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "compile.h"
#include "harness.h"
#include "report.h"

/* Compile 'rules' and expect exactly one error with this code at line:col
 * of t.yaml whose text contains 'needle'. */
static void
expect_error(const char *rules, enum aa_code code, unsigned line, unsigned col,
             const char *needle)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;

    aa_diags_init(&dl);
    rs = compile_rules(rules, &dl);
    if (rs != NULL || dl.n != 1) {
        aa_diags_print(&dl, stderr);
        fail_msg("expected one error, got %zu diagnostics", dl.n);
    }
    assert_int_equal(dl.v[0].code, code);
    assert_string_equal(dl.v[0].file, "t.yaml");
    assert_int_equal(dl.v[0].line, line);
    assert_int_equal(dl.v[0].col, col);
    if (strstr(dl.v[0].detail, needle) == NULL)
        fail_msg("'%s' not in '%s'", needle, dl.v[0].detail);
    assert_non_null(dl.v[0].rule);
    aa_diags_fini(&dl);
}

#define RULE_HEAD                                                              \
    "rules:\n"                                                                 \
    "  - id: r1\n"                                                             \
    "    title: Rule r1\n"                                                     \
    "    mechanism: PAL\n"                                                     \
    "    facts: [PAL-F01]\n"                                                   \
    "    verdict: {fit: 60}\n"                                                 \
    "    reason: because\n"

static void
test_bad_path(void **state)
{
    (void)state;
    expect_error(RULE_HEAD "    when: {path: /engagement/acess/roles, "
                           "exists: true}\n",
                 AA_E_PATH, 8, 18, "did you mean 'access'");
    expect_error(RULE_HEAD "    when: {path: customer.agreement.x, "
                           "exists: true}\n",
                 AA_E_PATH, 8, 18, "is not an object");
    expect_error(RULE_HEAD "    when: {path: /a~2b, exists: true}\n", AA_E_PATH,
                 8, 18, "'~' must be followed by 0 or 1");
    expect_error(RULE_HEAD "    when: {path: 'customer..macc', exists: "
                           "true}\n",
                 AA_E_PATH, 8, 18, "empty key");
}

static void
test_operand_types(void **state)
{
    (void)state;
    expect_error(RULE_HEAD "    when: {path: /customer/agreement, equals: "
                           "enterprise}\n",
                 AA_E_OPERATOR, 8, 47, "expected ea, mca, web_direct or csp");
    expect_error(RULE_HEAD "    when: {path: /customer/macc, equals: "
                           "\"true\"}\n",
                 AA_E_OPERATOR, 8, 42, "expects true or false");
    expect_error(RULE_HEAD "    when: {path: /engagement/access/roles, "
                           "equals: Reader}\n",
                 AA_E_OPERATOR, 8, 44, "use any_item");
    expect_error(RULE_HEAD "    when: {path: /customer/macc, any_item: "
                           "{equals: true}}\n",
                 AA_E_OPERATOR, 8, 34, "applies to array fields");
    expect_error(RULE_HEAD "    when: {path: /customer/agreement, is_guid: "
                           "true}\n",
                 AA_E_OPERATOR, 8, 39, "use one_of");
    expect_error(RULE_HEAD "    when: {path: /version, gt: '1'}\n",
                 AA_E_OPERATOR, 8, 32, "expects a number");
    expect_error(RULE_HEAD "    when: {path: /partner/types, any_item: "
                           "{equals: isvv}}\n",
                 AA_E_OPERATOR, 8, 53, "did you mean 'isv'");
}

/* Once there is a registry of sources, every source a fact names is in
 * it; without one, a user's facts are not held to it. */
static void
test_fact_sources(void **state)
{
    static const char *const with[] = {
        "sources:\n"
        "  - id: S1\n"
        "    pages:\n"
        "      - {title: One, url: \"https://example.com/1\"}\n"
        "  - {id: S2, pages: [{title: Two}]}\n"
        "  - {id: S3, pages: [{title: Three, date: \"2026-01\"}]}\n"
        "  - {id: S0a, pages: [{title: Zero}]}\n"
        "facts:\n"
        "  - {id: XYZ-F01, status: doc, sources: [S1, S9], summary: x}\n",
        "facts:\n"
        "  - {id: XYZ-F01, status: doc, sources: [S9], summary: x}\n"};
    struct aa_diags dl;
    struct aa_ruleset *rs;

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(with[0], &dl);
    assert_null(rs);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_E_FACT);
    assert_int_equal(dl.v[0].line, 9);
    if (strstr(dl.v[0].detail, "names source 'S9'") == NULL)
        fail_msg("'%s'", dl.v[0].detail);
    aa_diags_fini(&dl);
    aa_diags_init(&dl);
    rs = compile_rules(with[1], &dl);
    assert_non_null(rs);
    assert_int_equal(dl.n, 0);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static void
test_unknown_fact_and_list(void **state)
{
    (void)state;
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01, PAL-F99]\n"
                 "    verdict: exclude\n"
                 "    reason: x\n",
                 AA_E_FACT, 5, 22, "unknown fact ID 'PAL-F99'");
    expect_error(RULE_HEAD "    when: {path: /engagement/access/roles, "
                           "any_item: {in_list: nope}}\n",
                 AA_E_OPERATOR, 8, 55, "list named 'nope'");
}

static void
test_soft_facts_never_decide(void **state)
{
    (void)state;
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: CSP\n"
                 "    facts: [PAL-F01, CSP-F09]\n"
                 "    verdict: block\n"
                 "    reason: x\n",
                 AA_E_FACT, 5, 22, "soft (unconfirmed) fact");
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: CSP\n"
                 "    facts: [CSP-F09]\n"
                 "    finding: {severity: error, message: m}\n",
                 AA_E_FACT, 5, 13, "at most an info");
}

/* What makes advice coherent is checked once per rule (docs/rules.md). */
static void
test_coherence(void **state)
{
    (void)state;
    /* A block needs a warning or error finding... */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    when: {path: /customer/macc, equals: true}\n"
                 "    verdict: block\n"
                 "    reason: x\n"
                 "    actions: [{text: y}]\n",
                 AA_E_SCHEMA, 7, 14, "needs a warning or error finding");
    /* ...at a field its condition reads... */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    when: {path: /customer/macc, equals: true}\n"
                 "    verdict: block\n"
                 "    reason: x\n"
                 "    finding: {severity: warning, message: m, pointer: "
                 "/goals}\n"
                 "    actions: [{text: y}]\n",
                 AA_E_SCHEMA, 9, 55, "must point at a field");
    /* ...and an action of its own. */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: DPOR\n"
                 "    facts: [PAL-F01]\n"
                 "    when: {path: /customer/macc, equals: true}\n"
                 "    verdict: block\n"
                 "    reason: x\n"
                 "    finding: {severity: warning, message: m}\n"
                 "    actions: [{text: use PAL, refers: [PAL]}]\n",
                 AA_E_SCHEMA, 7, 14, "an action that unblocks it");
    /* An error finding blocks or excludes. */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: CUA\n"
                 "    facts: [CUA-F03]\n"
                 "    finding: {severity: error, message: m}\n",
                 AA_E_SCHEMA, 2, 5, "must also block or exclude");
    /* Actions name other mechanisms through refers only. */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: DPOR\n"
                 "    facts: [PAL-F01]\n"
                 "    actions: [{text: 'meanwhile, a Partner Admin Link'}]\n",
                 AA_E_SCHEMA, 6, 15, "refers: [PAL]");
    /* Commands print the location Partner ID. */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    description: A rule of the tests.\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    actions: [{text: link, command: 'az managementpartner "
                 "create --partner-id ${partner.partner_id}'}]\n",
                 AA_E_SCHEMA, 7, 15, "location_partner_id");
    /* /outcome is read by findings-only GEN rules. */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    description: A rule of the tests.\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    when: {path: /outcome/dpor, equals: blocked}\n"
                 "    verdict: {fit: 60}\n"
                 "    reason: x\n",
                 AA_E_SCHEMA, 2, 5, "reads /outcome");
    /* ${match} needs an any_item to take it from. */
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    description: A rule of the tests.\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    finding: {severity: info, message: 'x ${match}'}\n",
                 AA_E_PATH, 7, 40, "any_item");
}

/* A soft fact informs, never decides. */
static void
test_soft_facts_only_inform(void **state)
{
    (void)state;
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: CSP\n"
                 "    facts: [CSP-F09]\n"
                 "    verdict: {fit: 50}\n"
                 "    reason: x\n",
                 AA_E_FACT, 5, 13, "recommend");
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: CSP\n"
                 "    facts: [CSP-F09]\n"
                 "    finding: {severity: warning, message: m}\n",
                 AA_E_FACT, 5, 13, "at most an info");
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: CSP\n"
                 "    facts: [CSP-F09]\n"
                 "    actions: [{text: t}]\n",
                 AA_E_FACT, 5, 13, "no actions");
}

/* A rule may speak for several mechanisms, never for GEN among them. */
static void
test_mechanism_lists(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;

    (void)state;
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: [PAL]\n"
                 "    facts: [PAL-F01]\n"
                 "    verdict: {fit: 60}\n"
                 "    reason: x\n",
                 AA_E_SCHEMA, 4, 16, "two or more");
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    mechanism: [PAL, GEN]\n"
                 "    facts: [PAL-F01]\n"
                 "    verdict: {fit: 60}\n"
                 "    reason: x\n",
                 AA_E_MECHANISM, 4, 22, "'GEN' is not one of");
    aa_diags_init(&dl);
    rs = compile_rules("rules:\n"
                       "  - id: r1\n"
                       "    title: Rule r1\n"
                       "    mechanism: [PAL, DPOR]\n"
                       "    facts: [PAL-F01]\n"
                       "    verdict: {fit: 60}\n"
                       "    reason: x\n",
                       &dl);
    assert_non_null(rs);
    assert_int_equal(rs->prog->rules[0].mechs, (1u << 1) | (1u << 2));
    assert_int_equal(rs->prog->rules[0].mech, AA_MECH_GEN);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* Titles and descriptions describe the rule apart from any plan (SARIF,
 * docs/rules/): checked where they are written. */
#define TITLED(title, rest)                                                    \
    "rules:\n"                                                                 \
    "  - id: r1\n"                                                             \
    "    title: " title "\n" rest "    mechanism: PAL\n"                       \
    "    facts: [PAL-F01]\n"                                                   \
    "    verdict: {fit: 60}\n"

static void
test_titles(void **state)
{
    (void)state;
    expect_error(
        TITLED("'Roles ${engagement.access.roles}'", "") "    reason: r\n",
        AA_E_SCHEMA, 3, 12, "cannot print a plan value");
    expect_error(TITLED("A title that goes on for far too long, well past the "
                        "eighty characters a title may have",
                        "") "    reason: r\n",
                 AA_E_SCHEMA, 3, 12, "at most 80 characters; this one has 87");
    expect_error(TITLED("Ends with a full stop.", "") "    reason: r\n",
                 AA_E_SCHEMA, 3, 12, "without a full stop");
    expect_error(TITLED("\"Two\\nlines\"", "") "    reason: r\n", AA_E_SCHEMA,
                 3, 12, "one line");
    expect_error(TITLED("' '", "") "    reason: r\n", AA_E_SCHEMA, 3, 12,
                 "the title is empty");
    expect_error(
        TITLED("Fine", "    description: 'Roles ${id}.'\n") "    reason: r\n",
        AA_E_SCHEMA, 4, 18, "a description holds for every plan");
    expect_error(TITLED("Fine", "") "    reason: 'Roles ${id}.'\n", AA_E_SCHEMA,
                 2, 5,
                 "rule needs 'description': its reason prints plan values");
    {
        /* Eighty characters, some of more than one byte, make a title; the
         * catalogue describes a rule by its first text, '$$' undone. */
        struct aa_diags dl;
        struct aa_ruleset *rs;
        const struct aa_rule_entry *e;
        size_t n;

        aa_diags_init(&dl);
        rs = compile_rules(TITLED("\"R\\u00e8gle \\u00e0 \\u00e9tudier: eighty "
                                  "characters in all, "
                                  "a few of them wider than one byte, ok\"",
                                  "") "    reason: 'Costs $$5.'\n",
                           &dl);
        assert_non_null(rs);
        e = aa_ruleset_catalog(rs, &n);
        assert_int_equal(n, 1);
        assert_string_equal(e->description, "Costs $5.");
        assert_string_equal(e->verdict, "fit");
        assert_int_equal(e->weight, 60);
        assert_string_equal(e->facts[0].summary, "b");
        aa_ruleset_free(rs);
        aa_diags_fini(&dl);
    }
}

static void
test_templates(void **state)
{
    (void)state;
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    description: A rule of the tests.\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    actions:\n"
                 "      - text: link ${partner.partnerid}\n",
                 AA_E_PATH, 8, 15, "did you mean 'partner_id'");
    expect_error("rules:\n"
                 "  - id: r1\n"
                 "    title: Rule r1\n"
                 "    description: A rule of the tests.\n"
                 "    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n"
                 "    actions:\n"
                 "      - text: link ${partner.partner_id\n",
                 AA_E_SCHEMA, 8, 15, "unterminated");
}

static void
test_gen_rules_report_findings_only(void **state)
{
    (void)state;
    expect_error("rules:\n"
                 "  - id: g1\n"
                 "    title: Rule g1\n"
                 "    mechanism: GEN\n"
                 "    facts: [GEN-F01]\n"
                 "    actions: [{text: x}]\n",
                 AA_E_SCHEMA, 2, 5, "GEN rule reports findings only");
}

static void
test_duplicates_and_replacement(void **state)
{
    static const char two[] = RULE_HEAD "  - id: r1\n"
                                        "    title: Rule r1\n"
                                        "    mechanism: CUA\n"
                                        "    facts: [CUA-F03]\n"
                                        "    verdict: exclude\n"
                                        "    reason: again\n";
    static const char user[] = "rules:\n"
                               "  - id: r1\n"
                               "    title: Rule r1\n"
                               "    mechanism: CUA\n"
                               "    facts: [CUA-F03]\n"
                               "    verdict: exclude\n"
                               "    reason: replaced\n";
    struct aa_diags dl;
    struct aa_ruleset *rs;

    (void)state;
    expect_error(two, AA_E_DUPLICATE, 8, 9, "first defined at t.yaml:2:9");

    /* A user-layer rule takes the place of the default one. */
    aa_diags_init(&dl);
    rs = aa_ruleset_new();
    assert_int_equal(aa_rules_load_mem(rs, "facts.yaml", TEST_FACTS,
                                       strlen(TEST_FACTS), &dl),
                     0);
    assert_int_equal(
        aa_rules_load_mem(rs, "t.yaml", RULE_HEAD, strlen(RULE_HEAD), &dl), 0);
    rs->layer = 1;
    assert_int_equal(
        aa_rules_load_mem(rs, "user.yaml", user, strlen(user), &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), 0);
    assert_int_equal(aa_ruleset_rule_count(rs), 1);
    assert_string_equal(rs->prog->rules[0].src->reason, "replaced");
    assert_int_equal(dl.n, 0);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* Loading the shipped rules/ folder next to the built-in rules (the same
 * files, as the user layer) is no error: its rules replace their
 * namesakes, and its facts and lists are the built-in ones word for word. */
static void
test_builtin_rules_loaded_again(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();
    size_t nfacts, nlists, nrules;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_builtin(rs, &dl), 0);
    nfacts = rs->ast.nfacts;
    nlists = rs->ast.nlists;
    nrules = rs->ast.nrules;
    assert_int_equal(aa_rules_load_dir(rs, AA_SOURCE_DIR "/rules", &dl), 0);
    if (aa_ruleset_compile(rs, &dl) != 0 || dl.n != 0) {
        aa_diags_print(&dl, stderr);
        fail_msg("the built-in rules loaded twice do not compile cleanly");
    }
    assert_int_equal(rs->ast.nfacts, nfacts);
    assert_int_equal(rs->ast.nlists, nlists);
    assert_int_equal(aa_ruleset_rule_count(rs), nrules);
    assert_int_equal(rs->live[0]->layer, 1);
    assert_int_equal(aa_ruleset_find_fact(rs, "GEN-F01")->layer, 0);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* What the program says with its rules: the rule list, the fact
 * registry, the decision graph and the advice on every example, as one
 * text. */
static char *
everything(const struct aa_ruleset *rs)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    static const char *const examples[] = {"csp-reseller",
                                           "isv-si-msp-chain",
                                           "msp-b2b-contributor",
                                           "saas-isv-own-tenant",
                                           "si-azure-and-microsoft-365",
                                           "si-on-csp-customer"};

    assert_non_null(fp);
    assert_int_equal(aa_writer_rule_list(rs, 0, fp), 0);
    assert_int_equal(aa_facts_render(rs, NULL, 0, fp), 0);
    assert_int_equal(aa_writer_rule_graph(rs, NULL, "dot", fp), 0);
    for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
        char path[512];
        struct aa_diags dl;
        struct aa_scenario *sc;
        struct aa_report *rep;

        snprintf(path, sizeof(path), AA_SOURCE_DIR "/examples/%s.json",
                 examples[i]);
        aa_diags_init(&dl);
        sc = aa_scenario_load_file(path, &dl);
        assert_non_null(sc);
        rep = aa_eval_explain(rs, sc, NULL);
        assert_int_equal(aa_render("json", rep, NULL, fp), 0);
        assert_int_equal(aa_render_explain("json", rep, NULL, fp), 0);
        aa_report_free(rep);
        aa_scenario_free(sc);
        aa_diags_fini(&dl);
    }
    fclose(fp);
    return text;
}

/* The rules built into the program (node trees made at build time) and
 * the rules/ folder read as YAML now are the same rules: every output
 * they give is the same, byte for byte. */
static void
test_embedded_rules_are_the_yaml(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *emb = aa_ruleset_new(), *yaml = aa_ruleset_new();
    char cwd[4096], *a, *b;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_builtin(emb, &dl), 0);
    assert_int_equal(aa_ruleset_compile(emb, &dl), 0);
    /* Read as the build read them: from the source folder, by the same
     * names, as the built-in layer. */
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(chdir(AA_SOURCE_DIR), 0);
    yaml->layer = 0;
    yaml->builtin = 1;
    assert_int_equal(aa_rules_load_dir(yaml, "rules", &dl), 0);
    yaml->builtin = 0;
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(aa_ruleset_compile(yaml, &dl), 0);
    assert_int_equal(dl.n, 0);
    a = everything(emb);
    b = everything(yaml);
    assert_true(strlen(a) > 10000);
    assert_string_equal(a, b);
    free(a);
    free(b);
    aa_ruleset_free(emb);
    aa_ruleset_free(yaml);
    aa_diags_fini(&dl);
}

/* Compile TEST_FACTS (layer 0) and then 'user' as layer 1; returns the
 * number of diagnostics in dl. */
static size_t
compile_layers(const char *user, struct aa_diags *dl)
{
    struct aa_ruleset *rs = aa_ruleset_new();

    assert_int_equal(
        aa_rules_load_mem(rs, "facts.yaml", TEST_FACTS, strlen(TEST_FACTS), dl),
        0);
    rs->layer = 1;
    assert_int_equal(aa_rules_load_mem(rs, "user.yaml", user, strlen(user), dl),
                     0);
    (void)!aa_ruleset_compile(rs, dl);
    aa_ruleset_free(rs);
    return dl->n;
}

static void
test_registry_across_layers(void **state)
{
    struct aa_diags dl;

    (void)state;
    /* Word for word: the same fact and list, no message. */
    aa_diags_init(&dl);
    assert_int_equal(
        compile_layers("facts:\n"
                       "  - {id: PAL-F01, status: doc, sources: [S1], "
                       "summary: b}\n"
                       "lists:\n"
                       "  pec_ineligible_roles: [Reader]\n",
                       &dl),
        0);
    aa_diags_fini(&dl);
    /* Changed: an error at the user's copy that names the built-in one. */
    aa_diags_init(&dl);
    assert_int_equal(
        compile_layers("facts:\n"
                       "  - {id: PAL-F01, status: doc, sources: [S1, S2], "
                       "summary: b}\n"
                       "lists:\n"
                       "  pec_ineligible_roles: [Reader, Owner]\n",
                       &dl),
        2);
    assert_int_equal(dl.v[0].code, AA_E_DUPLICATE);
    assert_string_equal(dl.v[0].file, "user.yaml");
    assert_int_equal(dl.v[0].line, 2);
    assert_int_equal(dl.v[0].col, 10);
    assert_string_equal(dl.v[0].detail,
                        "fact 'PAL-F01' differs from the built-in one "
                        "(facts.yaml:4:10 of the built-in rules); a rule file "
                        "may cite a built-in fact or repeat it unchanged, not "
                        "redefine it");
    assert_int_equal(dl.v[1].line, 4);
    assert_non_null(strstr(dl.v[1].detail,
                           "list 'pec_ineligible_roles' differs from the "
                           "built-in one (facts.yaml:10:3 of the built-in"));
    aa_diags_fini(&dl);
}

static void
test_duplicate_facts_and_lists(void **state)
{
    static const char dup[] = "facts:\n"
                              "  - {id: X-F01, status: doc, "
                              "sources: [S1], summary: a}\n"
                              "  - {id: X-F02, status: doc, "
                              "sources: [S1], summary: a}\n"
                              "  - {id: X-F01, status: doc, "
                              "sources: [S1], summary: a}\n"
                              "lists:\n"
                              "  a: [x]\n"
                              "  b: [x]\n";
    static const char dup_list[] = "lists:\n  a: [x]\n  c: [y]\n";
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_mem(rs, "d.yaml", dup, strlen(dup), &dl), 0);
    assert_int_equal(
        aa_rules_load_mem(rs, "e.yaml", dup_list, strlen(dup_list), &dl), 0);
    /* The same file twice in one layer. */
    assert_int_equal(
        aa_rules_load_mem(rs, "e.yaml", dup_list, strlen(dup_list), &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), -1);
    assert_int_equal(dl.n, 4);
    assert_int_equal(dl.v[0].line, 4);
    assert_string_equal(dl.v[0].detail, "duplicate fact ID 'X-F01'; first "
                                        "defined at d.yaml:2:10");
    assert_string_equal(dl.v[1].file, "e.yaml");
    assert_string_equal(dl.v[1].detail,
                        "duplicate list 'a'; first defined at d.yaml:6:3");
    assert_string_equal(dl.v[2].detail,
                        "duplicate list 'a'; first defined at d.yaml:6:3");
    assert_string_equal(dl.v[3].detail,
                        "duplicate list 'c'; its file is loaded twice");
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* Many names: lookups and duplicate checks by sort and bisection find the
 * right list and the right fact among thousands. */
static void
test_many_names(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    char *text = malloc(1u << 20);
    size_t n = 0;
    const struct aa_node *node;

    (void)state;
    n += (size_t)sprintf(text + n, "lists:\n");
    for (int i = 4999; i >= 0; i--) /* out of order on purpose */
        n += (size_t)sprintf(text + n, "  l%d: [v%d]\n", i, i);
    n += (size_t)sprintf(text + n, "facts:\n");
    for (int i = 0; i < 5000; i++)
        n += (size_t)sprintf(text + n,
                             "  - {id: T-F%d, status: doc, sources: [S], "
                             "summary: s%d}\n",
                             i, i);
    sprintf(text + n, "rules:\n"
                      "  - id: r1\n"
                      "    title: Rule r1\n"
                      "    mechanism: GEN\n"
                      "    facts: [T-F4321]\n"
                      "    when: {path: /id, in_list: l1234}\n"
                      "    finding: {severity: info, message: m}\n");
    aa_diags_init(&dl);
    rs = compile_rules(text, &dl);
    if (rs == NULL)
        aa_diags_print(&dl, stderr);
    assert_non_null(rs);
    node = &rs->prog->nodes[rs->prog->rules[0].root];
    assert_int_equal(node->nvals, 1);
    assert_string_equal(node->svals[0], "v1234");
    assert_string_equal(aa_ruleset_find_fact(rs, "T-F4321")->summary, "s4321");
    assert_string_equal(aa_ruleset_find_fact(rs, "GEN-F01")->summary, "a");
    assert_null(aa_ruleset_find_fact(rs, "T-F5000"));
    assert_null(aa_ruleset_find_fact(rs, "A"));
    assert_null(aa_ruleset_find_fact(rs, "~"));
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    free(text);
}

static void
test_program_is_resolved(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    const struct aa_node *n;

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(RULE_HEAD "    when:\n"
                                 "      all:\n"
                                 "        - {path: customer.agreement, "
                                 "one_of: [mca, csp]}\n"
                                 "        - {path: /engagement/access/roles,"
                                 " any_item: {pec_eligible_role: true}}\n",
                       &dl);
    assert_non_null(rs);
    assert_int_equal(dl.n, 0);
    n = &rs->prog->nodes[rs->prog->rules[0].root];
    assert_int_equal(n->op, AA_OP_ALL);
    assert_int_equal(n->nkids, 2);
    n = &rs->prog->nodes[rs->prog->kid[n->first]];
    assert_int_equal(n->op, AA_OP_ONE_OF);
    assert_int_equal(n->ivals[0], 1); /* mca */
    assert_int_equal(n->ivals[1], 3); /* csp */
    /* The finding pointer defaults to the first path of the condition. */
    assert_string_equal(aa_fields[rs->prog->rules[0].pointer].ptr,
                        "/customer/agreement");
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* The rows the second stage's view copies (aa_program stage2_rows): what
 * its rules' conditions read, the finding's pointer and every ancestor
 * (where the finding is located), the message's fields and /outcome's
 * rows; not a field only first-stage rules read. */
static void
test_stage2_rows(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    const struct aa_rowset *rows;
    static const char *const in[] = {
        "",
        "/customer/agreement",
        "/customer/name",
        "/goals",
        "/engagement",
        "/engagement/access",
        "/engagement/access/roles",
        "/outcome",
        "/outcome/pal",
        "/outcome/pracr",
    };

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(RULE_HEAD
                       "    when: {path: /partner/name, exists: true}\n"
                       "  - id: g1\n"
                       "    title: Rule g1\n"
                       "    description: A rule of the tests.\n"
                       "    mechanism: GEN\n"
                       "    facts: [GEN-F01]\n"
                       "    when:\n"
                       "      all:\n"
                       "        - {path: /outcome/pal, equals: blocked}\n"
                       "        - {path: /goals, exists: true}\n"
                       "        - {path: /customer/agreement, exists: true}\n"
                       "    finding:\n"
                       "      severity: info\n"
                       "      message: 'for ${customer.name}'\n"
                       "      pointer: /engagement/access/roles\n",
                       &dl);
    aa_diags_print(&dl, stderr);
    assert_non_null(rs);
    rows = &rs->prog->stage2_rows;
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
        if (!aa_rowset_has(rows, aa_contract_find(in[i])))
            fail_msg("%s is not among the second stage's rows", in[i]);
    assert_false(aa_rowset_has(rows, aa_contract_find("/partner/name")));
    assert_false(aa_rowset_has(rows, aa_contract_find("/partner")));
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* The first-stage rules by class (aa_program clsbits), in the built-in
 * rules: each rule in the set of its class and in no other, the rules
 * without a verdict in the last; no bit past the rules. */
static void
test_rules_by_class(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();
    const struct aa_program *pg;
    size_t seen[AA_PHASES] = {0};

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_builtin(rs, &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), 0);
    pg = rs->prog;
    for (size_t j = 0; j < pg->gwords * 64; j++) {
        int in = 0;

        for (size_t p = 0; p < AA_PHASES; p++)
            if (pg->clsbits[p * pg->gwords + j / 64] >> (j % 64) & 1) {
                assert_true(j < pg->nstaged[0]);
                assert_int_equal(p, pg->hot[j].cls < 0 ? AA_NO_CLASS
                                                       : pg->hot[j].cls);
                seen[p]++;
                in++;
            }
        assert_int_equal(in, j < pg->nstaged[0]);
    }
    /* The built-in rules have rules of each. */
    for (size_t p = 0; p < AA_PHASES; p++)
        assert_true(seen[p] > 0);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/*
 * 'severity' entries of packs (docs/rules.md, "Severity").  The default
 * layer has three rules: one that blocks with a warning, one that warns
 * without a verdict, one on a soft fact, and one with no finding.
 */
static const char graded[] =
    "rules:\n"
    "  - id: r.block\n"
    "    title: Blocks with a warning\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    when: {path: /engagement/access/to_customer, equals: false}\n"
    "    verdict: block\n"
    "    reason: no access\n"
    "    finding: {severity: warning, message: m}\n"
    "    actions: [{text: get access}]\n"
    "  - id: r.warn\n"
    "    title: Warns\n"
    "    mechanism: CUA\n"
    "    facts: [CUA-F03]\n"
    "    finding: {severity: warning, message: m}\n"
    "  - id: r.soft\n"
    "    title: Informs on a soft fact\n"
    "    mechanism: CSP\n"
    "    facts: [CSP-F09]\n"
    "    finding: {severity: info, message: m}\n"
    "  - id: r.act\n"
    "    title: Acts\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    actions: [{text: link}]\n";

/* TEST_FACTS and 'graded' as the default layer, then each of packs[]
 * (named pack1.yaml, pack2.yaml, ...) as the user layer; compiled.
 * Returns the ruleset, or NULL with the reasons in dl. */
static struct aa_ruleset *
with_packs(const char *const *packs, size_t n, struct aa_diags *dl)
{
    struct aa_ruleset *rs = aa_ruleset_new();
    int rc =
        aa_rules_load_mem(rs, "facts.yaml", TEST_FACTS, strlen(TEST_FACTS), dl);

    rc |= aa_rules_load_mem(rs, "t.yaml", graded, strlen(graded), dl);
    rs->layer = 1;
    for (size_t i = 0; i < n; i++) {
        char name[32];

        snprintf(name, sizeof(name), "pack%zu.yaml", i + 1);
        rc |= aa_rules_load_mem(rs, name, packs[i], strlen(packs[i]), dl);
    }
    if (rc != 0 || aa_ruleset_compile(rs, dl) != 0) {
        aa_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

/* One pack that must not compile: one error of this code at line:col of
 * pack1.yaml, naming no rule (an entry is not inside one). */
static void
expect_pack_error(const char *pack, enum aa_code code, unsigned line,
                  unsigned col, const char *needle)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;

    aa_diags_init(&dl);
    rs = with_packs(&pack, 1, &dl);
    if (rs != NULL || dl.n != 1) {
        aa_diags_print(&dl, stderr);
        fail_msg("expected one error, got %zu diagnostics", dl.n);
    }
    assert_int_equal(dl.v[0].code, code);
    assert_string_equal(dl.v[0].file, "pack1.yaml");
    assert_int_equal(dl.v[0].line, line);
    assert_int_equal(dl.v[0].col, col);
    if (strstr(dl.v[0].detail, needle) == NULL)
        fail_msg("'%s' not in '%s'", needle, dl.v[0].detail);
    assert_null(dl.v[0].rule);
    aa_diags_fini(&dl);
}

static void
test_severity_errors(void **state)
{
    (void)state;
    expect_pack_error("severity:\n  r.warn: info\n  r.wran: error\n",
                      AA_E_SCHEMA, 3, 3,
                      "severity: no rule 'r.wran' (did you mean 'r.warn'?)");
    expect_pack_error("severity:\n  zzz.nothing.like.it: error\n", AA_E_SCHEMA,
                      2, 3, "severity: no rule 'zzz.nothing");
    expect_pack_error("severity:\n  r.act: warning\n", AA_E_SCHEMA, 2, 3,
                      "rule 'r.act' reports no finding");
    expect_pack_error("severity:\n  r.soft: warning\n", AA_E_FACT, 2, 3,
                      "cites a soft (unconfirmed) fact, so its findings stay "
                      "info");
    expect_pack_error("severity:\n  r.block: info\n", AA_E_SCHEMA, 2, 3,
                      "blocks its mechanism, so its finding stays a warning "
                      "or an error");
    /* Once per file; across files, the later one wins (below). */
    expect_pack_error("severity:\n  r.warn: error\n  r.soft: info\n"
                      "  r.warn: warning\n",
                      AA_E_DUPLICATE, 4, 3,
                      "rule 'r.warn' is given twice in 'severity'; it is "
                      "given before at pack1.yaml:2:3");
    /* What the rule itself could not say, a pack may not either, except
     * an error beside no block: the verdicts stay the rules'. */
    {
        static const char *const ok[] = {
            "severity: {r.soft: info, r.block: error, r.warn: error}\n"};
        struct aa_diags dl;
        struct aa_ruleset *rs;

        aa_diags_init(&dl);
        rs = with_packs(ok, 1, &dl);
        assert_non_null(rs);
        assert_int_equal(dl.n, 0);
        aa_ruleset_free(rs);
        aa_diags_fini(&dl);
    }
}

/* The entry loaded last wins; the catalogue says the level runs report,
 * the rule's own and where the entry is; a rule a pack replaces is
 * re-graded as the rule now in force. */
static void
test_severity_last_pack_wins(void **state)
{
    static const char *const packs[] = {
        "severity:\n  r.warn: error\n  r.block: error\n",
        "rules:\n"
        "  - id: r.block\n"
        "    title: Blocks with an error\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /engagement/access/to_customer, equals: false}\n"
        "    verdict: block\n"
        "    reason: no access\n"
        "    finding: {severity: error, message: m}\n"
        "    actions: [{text: get access}]\n"
        "severity:\n  r.warn: info\n"};
    struct aa_diags dl;
    struct aa_ruleset *rs;
    const struct aa_rule_entry *cat;
    size_t n;

    (void)state;
    aa_diags_init(&dl);
    rs = with_packs(packs, 2, &dl);
    assert_non_null(rs);
    assert_int_equal(dl.n, 0);
    assert_int_equal(rs->nregrades, 2);
    assert_int_equal(aa_ruleset_find_regrade(rs, "r.warn")->severity,
                     AA_SEV_INFO);
    assert_string_equal(aa_ruleset_find_regrade(rs, "r.warn")->at.file,
                        "pack2.yaml");
    assert_int_equal(aa_ruleset_find_regrade(rs, "r.block")->severity,
                     AA_SEV_ERROR);
    assert_null(aa_ruleset_find_regrade(rs, "r.soft"));
    assert_null(aa_ruleset_find_regrade(rs, "r.nothing"));
    cat = aa_ruleset_catalog(rs, &n);
    assert_int_equal(n, 4);
    assert_string_equal(cat[0].id, "r.block");
    assert_int_equal(cat[0].level, AA_SEV_ERROR);
    assert_int_equal(cat[0].own_level, AA_SEV_ERROR); /* pack2's rule */
    assert_string_equal(cat[0].level_at, "pack1.yaml:3:3");
    assert_string_equal(aa_rule_entry_regrade(&cat[0]), "kept at");
    assert_string_equal(cat[1].id, "r.warn");
    assert_int_equal(cat[1].level, AA_SEV_INFO);
    assert_int_equal(cat[1].own_level, AA_SEV_WARNING);
    assert_string_equal(cat[1].level_at, "pack2.yaml:12:3");
    assert_string_equal(aa_rule_entry_regrade(&cat[1]), "lowered from");
    assert_int_equal(cat[2].level, AA_SEV_INFO);
    assert_null(cat[2].level_at);
    assert_null(aa_rule_entry_regrade(&cat[2]));
    assert_int_equal(cat[3].level, -1);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static void
test_load_errors_stop_compile(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_mem(rs, "bad.yaml", "rules: [", 8, &dl), -1);
    assert_int_equal(aa_ruleset_compile(rs, &dl), -1);
    assert_null(rs->prog);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_path),
        cmocka_unit_test(test_operand_types),
        cmocka_unit_test(test_unknown_fact_and_list),
        cmocka_unit_test(test_fact_sources),
        cmocka_unit_test(test_soft_facts_never_decide),
        cmocka_unit_test(test_coherence),
        cmocka_unit_test(test_soft_facts_only_inform),
        cmocka_unit_test(test_mechanism_lists),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_templates),
        cmocka_unit_test(test_gen_rules_report_findings_only),
        cmocka_unit_test(test_duplicates_and_replacement),
        cmocka_unit_test(test_builtin_rules_loaded_again),
        cmocka_unit_test(test_embedded_rules_are_the_yaml),
        cmocka_unit_test(test_registry_across_layers),
        cmocka_unit_test(test_duplicate_facts_and_lists),
        cmocka_unit_test(test_many_names),
        cmocka_unit_test(test_stage2_rows),
        cmocka_unit_test(test_program_is_resolved),
        cmocka_unit_test(test_rules_by_class),
        cmocka_unit_test(test_load_errors_stop_compile),
        cmocka_unit_test(test_severity_errors),
        cmocka_unit_test(test_severity_last_pack_wins),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
