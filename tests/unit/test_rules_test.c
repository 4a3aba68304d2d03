/* test_rules_test.c -- the rule test runner: a test's plan made by a JSON
 * Merge Patch (RFC 7386's own examples) and typed as YAML reads it, the
 * loader's positions mapped back to the YAML, every expectation checked
 * (and failing with what it expected and what it got), mistakes in a test
 * file refused with their line and column, and the run's verdict. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "arena.h"
#include "attrib_advise.h"
#include "diag.h"
#include "rules_test.h"
#include "ruleset.h"
#include "yaml_tree.h"

static void yerror(void *ctx, enum aa_code code, struct aa_loc at,
                   const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
yerror(void *ctx, enum aa_code code, struct aa_loc at, const char *fmt,
       va_list ap)
{
    (void)ctx;
    (void)code;
    (void)at;
    vfprintf(stderr, fmt, ap);
    fail_msg("the YAML of a test does not parse");
}

static const struct aa_ynode *
tree(struct aa_arena *a, const char *text)
{
    struct aa_yparse yp;

    memset(&yp, 0, sizeof(yp));
    yp.nodes = a;
    yp.strings = a;
    yp.file = "t.yaml";
    yp.data = text;
    yp.len = strlen(text);
    yp.what = "tests";
    yp.error = yerror;
    return aa_yaml_parse(&yp);
}

/* The JSON text of a node, compact, as cJSON prints it. */
static char *
compact(const struct aa_ynode *n)
{
    struct aa_plan_line *lines;
    size_t nlines;
    char *json = aa_rules_test_json(n, &lines, &nlines);
    cJSON *j = cJSON_Parse(json);
    char *s;

    if (j == NULL)
        fail_msg("not JSON: %s", json);
    s = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    free(json);
    free(lines);
    return s;
}

static void
merges(const char *target, const char *patch, const char *want)
{
    struct aa_arena a;
    const struct aa_ynode *r;
    char *got;

    aa_arena_init(&a);
    r = aa_rules_test_merge(&a, tree(&a, target), tree(&a, patch));
    got = compact(r);
    if (strcmp(got, want) != 0)
        fail_msg("%s + %s: got %s, want %s", target, patch, got, want);
    free(got);
    aa_arena_fini(&a);
}

/* RFC 7386, Appendix A, in flow YAML. */
static void
test_merge_patch(void **state)
{
    (void)state;
    merges("{a: b}", "{a: c}", "{\"a\":\"c\"}");
    merges("{a: b}", "{b: c}", "{\"a\":\"b\",\"b\":\"c\"}");
    merges("{a: b}", "{a: null}", "{}");
    merges("{a: b, b: c}", "{a: null}", "{\"b\":\"c\"}");
    merges("{a: [b]}", "{a: c}", "{\"a\":\"c\"}");
    merges("{a: c}", "{a: [b]}", "{\"a\":[\"b\"]}");
    merges("{a: {b: c}}", "{a: {b: d, c: null}}", "{\"a\":{\"b\":\"d\"}}");
    merges("{a: [{b: c}]}", "{a: [1]}", "{\"a\":[1]}");
    merges("[a, b]", "[c, d]", "[\"c\",\"d\"]");
    merges("{a: b}", "[c]", "[\"c\"]");
    merges("{a: foo}", "bar", "\"bar\"");
    merges("{e: null}", "{a: 1}", "{\"e\":null,\"a\":1}");
    merges("[1, 2]", "{a: b, c: null}", "{\"a\":\"b\"}");
    merges("{}", "{a: {bb: {ccc: null}}}", "{\"a\":{\"bb\":{}}}");
    /* A member keeps its place; a new one comes last. */
    merges("{a: 1, b: 2, c: 3}", "{d: 4, b: 5}",
           "{\"a\":1,\"b\":5,\"c\":3,\"d\":4}");
}

/* A member the patch gives is placed at the patch's key, so a message
 * about its value points at the test rather than at the base. */
static void
test_merge_places_at_patch(void **state)
{
    struct aa_arena a;
    const struct aa_ynode *r;

    (void)state;
    aa_arena_init(&a);
    r = aa_rules_test_merge(&a, tree(&a, "{a: 1, b: 2}"),
                            tree(&a, "\n\n  {b: 3}"));
    assert_int_equal(r->n, 4);
    assert_string_equal(r->kids[2]->s, "b");
    assert_int_equal(r->kids[2]->at.line, 3);
    assert_int_equal(r->kids[0]->at.line, 1);
    aa_arena_fini(&a);
}

/* Quoted is a string; plain scalars are read as YAML reads them. */
static void
test_scalar_types(void **state)
{
    struct aa_arena a;
    char *got;

    (void)state;
    aa_arena_init(&a);
    got = compact(tree(&a, "{q: \"1234567\", n: 1234567, f: -1.5e3, "
                           "t: true, T: True, F: FALSE, s: 'true', z: ~, "
                           "e: , d: 2027-01-31, o: 01, w: yes, x: 1.}"));
    assert_string_equal(got, "{\"q\":\"1234567\",\"n\":1234567,\"f\":-1500,"
                             "\"t\":true,\"T\":true,\"F\":false,\"s\":\"true\","
                             "\"z\":null,\"e\":null,\"d\":\"2027-01-31\","
                             "\"o\":\"01\",\"w\":\"yes\",\"x\":\"1.\"}");
    free(got);
    aa_arena_fini(&a);
}

/* Each line of the JSON says where its key and value were written. */
static void
test_lines_map_back(void **state)
{
    struct aa_arena a;
    struct aa_plan_line *lines;
    size_t n;
    char *json;

    (void)state;
    aa_arena_init(&a);
    json = aa_rules_test_json(tree(&a, "version: 1\n"
                                       "partner:\n"
                                       "  types: [msp, isv]\n"),
                              &lines, &n);
    assert_string_equal(json, "{\n"
                              "  \"version\": 1,\n"
                              "  \"partner\": {\n"
                              "    \"types\": [\n"
                              "      \"msp\",\n"
                              "      \"isv\"\n"
                              "    ]\n"
                              "  }\n"
                              "}\n");
    assert_int_equal(n, 9);
    /* "version": 1 -- the key at 1:1, the value at 1:10, from column 14 */
    assert_int_equal(lines[1].key.line, 1);
    assert_int_equal(lines[1].key.col, 1);
    assert_int_equal(lines[1].val.col, 10);
    assert_int_equal(lines[1].val_col, 14);
    /* "isv", an item: key and value are the item, at 3:16 */
    assert_int_equal(lines[5].key.line, 3);
    assert_int_equal(lines[5].val.col, 16);
    assert_int_equal(lines[5].val_col, 7);
    free(json);
    free(lines);
    aa_arena_fini(&a);
}

/* --- whole test files against the built-in rules ----------------------- */

#define BASE                                                                   \
    "version: 1\n"                                                             \
    "base:\n"                                                                  \
    "  version: 1\n"                                                           \
    "  partner: {partner_id: \"1234567\", partner_id_kind: location, "         \
    "types: [msp]}\n"                                                          \
    "  customer: {agreement: ea, offer_category: standard, "                   \
    "agreement_change: none, workloads: [azure], dpor: {current: none, "       \
    "will_assign: false}}\n"                                                   \
    "  engagement:\n"                                                          \
    "    activities: [operate]\n"                                              \
    "    transacting_partner: false\n"                                         \
    "    access: {to_customer: true, identity: guest_user, roles: "            \
    "[Contributor], assignment: permanent, classic_admin: false, "             \
    "pal_linked: none}\n"                                                      \
    "    other_partners: false\n"                                              \
    "  solution: {hosted_in: none}\n"                                          \
    "tests:\n"
/* BASE has 12 lines: the first test starts on line 13. */

static struct aa_ruleset *builtin;

static int
setup(void **state)
{
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    builtin = aa_ruleset_new();
    if (aa_rules_load_builtin(builtin, &dl) != 0 ||
        aa_ruleset_compile(builtin, &dl) != 0)
        return -1;
    aa_diags_fini(&dl);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    aa_ruleset_free(builtin);
    return 0;
}

/* Run 'tests' (after BASE) and return the text report; *rc is what
 * _parse returned, *failed what _failed says. */
static char *
run(const char *tests, const struct aa_rules_test_opts *opts, int *rc,
    int *failed, struct aa_diags *dl)
{
    struct aa_rules_test *t = aa_rules_test_new(builtin, opts);
    char *text = malloc(strlen(BASE) + strlen(tests) + 1), *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);

    assert_non_null(t);
    assert_non_null(mem);
    strcpy(text, BASE);
    strcat(text, tests);
    aa_diags_init(dl);
    *rc = aa_rules_test_parse(t, "rules/tests/t.yaml", text, strlen(text), dl);
    *failed = aa_rules_test_failed(t);
    assert_int_equal(aa_rules_test_render(t, "text", 0, mem), 0);
    assert_int_equal(aa_rules_test_render(t, "sarif", 0, mem), -2);
    fclose(mem);
    aa_rules_test_free(t);
    free(text);
    return out;
}

static void
has(const char *text, const char *words)
{
    if (strstr(text, words) == NULL)
        fail_msg("no '%s' in:\n%s", words, text);
}

static void
test_every_expectation_passes(void **state)
{
    struct aa_diags dl;
    int rc, failed;
    char *out = run("  - name: Another partner is DPOR\n"
                    "    facts: [DPOR-F03, DPOR-F02]\n"
                    "    given:\n"
                    "      customer: {dpor: {current: other}}\n"
                    "    expect:\n"
                    "      verdicts: {DPOR: blocked, PAL: recommended}\n"
                    "      fires: [dpor.held-by-other, pal.write-role]\n"
                    "      absent: dpor.customer-declines\n"
                    "      worst: warning\n"
                    "      findings:\n"
                    "        - {rule: dpor.held-by-other, severity: warning,\n"
                    "           pointer: /customer/dpor/current,\n"
                    "           suppressed: false}\n"
                    "  - name: One field missing, --require-complete\n"
                    "    facts: none\n"
                    "    options: {require-complete: true, today: "
                    "2027-01-31,\n"
                    "              severity: {input.incomplete: warning}}\n"
                    "    given: {engagement: {access: {roles: null}}}\n"
                    "    expect:\n"
                    "      fires: [input.incomplete]\n"
                    "      missing: {PAL: [/engagement/access/roles]}\n"
                    "      worst: warning\n",
                    NULL, &rc, &failed, &dl);

    (void)state;
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(failed, 0);
    has(out, "rules/tests/t.yaml: 2 passed\n");
    has(out, "\n2 tests, 2 passed, 0 failed\n");
    /* Coverage: one passing test expects each of these to fire. */
    has(out, "      2       0  dpor.held-by-other\n");
    has(out, "      0       1  dpor.customer-declines\n");
    has(out, "      1       0  input.incomplete\n");
    free(out);
    aa_diags_fini(&dl);
}

static void
test_each_failure_says_what_differed(void **state)
{
    struct aa_diags dl;
    int rc, failed;
    char *out = run("  - name: Wrong in every way\n"
                    "    facts: [DPOR-F03]\n"
                    "    given:\n"
                    "      customer: {dpor: {current: other}}\n"
                    "    expect:\n"
                    "      verdicts: {DPOR: recommended, DPOR@azure: "
                    "blocked}\n"
                    "      fires: [dpor.set-to-you]\n"
                    "      absent: [dpor.held-by-other]\n"
                    "      missing: {PAL: [/engagement/access/roles]}\n"
                    "      worst: error\n"
                    "      findings:\n"
                    "        - {rule: dpor.held-by-other, severity: error}\n",
                    NULL, &rc, &failed, &dl);

    (void)state;
    assert_int_equal(rc, 0); /* the file is valid: its test ran */
    assert_int_equal(failed, 1);
    has(out, "rules/tests/t.yaml:13:11: FAIL Wrong in every way\n");
    has(out, "  rules/tests/t.yaml:18:24: verdict of DPOR: expected "
             "recommended, got blocked\n");
    has(out, "DPOR@azure: the plan is answered as a whole, not per "
             "workload\n");
    has(out, ":19:15: dpor.set-to-you: expected to fire, it did not\n");
    has(out, ":20:16: dpor.held-by-other: expected not to fire, got a reason "
             "of DPOR\n");
    has(out, ":21:23: missing of PAL: expected /engagement/access/roles, got "
             "none\n");
    has(out, ":22:14: worst finding: expected error, got warning\n");
    has(out, ":24:11: finding of dpor.held-by-other, error: expected, got "
             "warning at /customer/dpor/current\n");
    has(out, "rules/tests/t.yaml: 0 passed, 1 failed\n");
    /* A failing test exercises nothing. */
    has(out, "no test passed, so none exercises a rule or cites a fact\n");
    free(out);
    aa_diags_fini(&dl);
}

/* The file is refused with exactly one error, at line:col, whose text
 * holds 'words'; none of its tests runs. */
static void
refused(const char *tests, unsigned line, unsigned col, const char *words)
{
    struct aa_diags dl;
    int rc, failed;
    char *out = run(tests, NULL, &rc, &failed, &dl);

    assert_int_equal(rc, -1);
    if (dl.n != 1)
        fail_msg("%zu diagnostics, the first: %s", dl.n,
                 dl.n ? dl.v[0].detail : "none");
    assert_string_equal(dl.v[0].file, "rules/tests/t.yaml");
    if (dl.v[0].line != line || dl.v[0].col != col)
        fail_msg("'%s' at %u:%u, expected %u:%u", dl.v[0].detail, dl.v[0].line,
                 dl.v[0].col, line, col);
    if (strstr(dl.v[0].detail, words) == NULL)
        fail_msg("'%s' does not say '%s'", dl.v[0].detail, words);
    has(out, "rules/tests/t.yaml: invalid, no test run\n");
    has(out, "\n0 tests, 0 passed, 0 failed; 1 file invalid\n");
    free(out);
    aa_diags_fini(&dl);
}

static void
test_mistakes_are_errors_at_their_place(void **state)
{
    (void)state;
    /* A misspelt key would drop its check without a word. */
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    expect: {verdict: {DPOR: blocked}}\n",
            15, 14,
            "unknown key 'verdict' in 'expect' (did you mean "
            "'verdicts'?)");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    expects: {}\n",
            15, 5, "unknown key 'expects' in a test (did you mean 'expect'?)");
    /* "absent" of a rule that does not exist would pass for ever. */
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    expect: {absent: [dpor.ask-early]}\n",
            15, 23, "no rule 'dpor.ask-early'");
    refused("  - name: t\n"
            "    facts: [DPOR-F3]\n",
            14, 13, "no fact 'DPOR-F3' (did you mean 'DPOR-F03'?)");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    expect: {verdicts: {DPOR@cloud: blocked}}\n",
            15, 25, "'cloud' is no workload");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    expect: {verdicts: {DPOR: blockd}}\n",
            15, 31, "'blockd' is no verdict");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    expect: {missing: {PAL: [/engagement/acess]}}\n",
            15, 30, "'/engagement/acess' is no field");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    options: {today: 2027-13-01}\n",
            15, 22, "is no date");
    refused("  - name: t\n", 13, 5, "a test names the 'facts'");
    refused("  - name: t\n"
            "    facts: none\n"
            "    expect: {fires: [dpor.customer-declines]}\n",
            14, 12, "dpor.customer-declines rests on facts");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "  - name: t\n"
            "    facts: [DPOR-F03]\n",
            15, 11, "another test of this file is named 't' (line 13)");
}

/* The plan is read by the scenario loader; its errors point at the YAML. */
static void
test_plan_errors_point_at_the_yaml(void **state)
{
    (void)state;
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    given:\n"
            "      customer: {agreement: enterprise}\n",
            16, 29, "/customer/agreement: 'enterprise' is not allowed");
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    given:\n"
            "      partner: {partner_id: 1234567}\n",
            16, 29, "/partner/partner_id: expected a string, got a number");
    /* A key the contract does not know is a typo, unless the test is
     * about unknown keys. */
    refused("  - name: t\n"
            "    facts: [DPOR-F03]\n"
            "    given:\n"
            "      customer: {agrement: mca}\n",
            16, 18,
            "the contract has no field /customer/agrement (did you "
            "mean 'agreement'?); a test that means it expects "
            "input.unknown-key to fire");
}

/* A rule file among the tests is said to be one, once. */
static void
test_a_rule_file_is_no_test_file(void **state)
{
    static const char text[] = "rules:\n  - id: x\n";
    struct aa_rules_test *t = aa_rules_test_new(builtin, NULL);
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(
        aa_rules_test_parse(t, "pack/ours.yaml", text, strlen(text), &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].line, 1);
    assert_non_null(strstr(dl.v[0].detail, "a rule file, not a test file"));
    aa_rules_test_free(t);
    aa_diags_fini(&dl);
}

static void
test_min_and_coverage_fail_the_run(void **state)
{
    struct aa_rules_test_opts opts = {1, 0, 2};
    const char *one = "  - name: t\n"
                      "    facts: [DPOR-F02]\n"
                      "    expect: {fires: [dpor.customer-declines]}\n";
    struct aa_diags dl;
    int rc, failed;
    char *out = run(one, &opts, &rc, &failed, &dl);

    (void)state;
    assert_int_equal(failed, 1);
    has(out, "1 test passed, fewer than the 2 required (--min)\n");
    free(out);
    aa_diags_fini(&dl);
    opts.min = 1;
    out = run(one, &opts, &rc, &failed, &dl);
    assert_int_equal(failed, 0);
    free(out);
    aa_diags_fini(&dl);
    opts.require_coverage = 1;
    out = run(one, &opts, &rc, &failed, &dl);
    assert_int_equal(failed, 1);
    has(out, "coverage of the built-in rules: 1 of ");
    has(out, "rules no passing test expects to fire:\n  ");
    has(out, "  dpor.held-by-other (rules/dpor.yaml:47)\n");
    has(out, "coverage incomplete (--require-coverage): ");
    free(out);
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_patch),
        cmocka_unit_test(test_merge_places_at_patch),
        cmocka_unit_test(test_scalar_types),
        cmocka_unit_test(test_lines_map_back),
        cmocka_unit_test(test_every_expectation_passes),
        cmocka_unit_test(test_each_failure_says_what_differed),
        cmocka_unit_test(test_mistakes_are_errors_at_their_place),
        cmocka_unit_test(test_plan_errors_point_at_the_yaml),
        cmocka_unit_test(test_a_rule_file_is_no_test_file),
        cmocka_unit_test(test_min_and_coverage_fail_the_run),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
