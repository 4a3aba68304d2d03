/*
 * test_rules_load.c -- YAML to rule AST: a full rule lands with every field
 * and location; each shape error is reported with its code, line, column
 * and rule, and the broken rule is not added.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "limits.h"
#include "ruleset.h"

static struct aa_ruleset *
load(const char *text, struct aa_diags *dl, int *rc)
{
    struct aa_ruleset *rs = aa_ruleset_new();

    aa_diags_init(dl);
    *rc = aa_rules_load_mem(rs, "r.yaml", text, strlen(text), dl);
    return rs;
}

/* Load 'text' and expect its first diagnostic to be 'code' at line:col
 * with 'needle' in the message. */
static void
expect_error(const char *text, enum aa_code code, unsigned line, unsigned col,
             const char *needle)
{
    struct aa_diags dl;
    int rc;
    struct aa_ruleset *rs = load(text, &dl, &rc);

    assert_int_equal(rc, -1);
    assert_true(rs->load_failed);
    if (dl.n == 0)
        fail_msg("no diagnostic for: %s", text);
    if (dl.v[0].code != code || dl.v[0].line != line || dl.v[0].col != col ||
        strstr(dl.v[0].detail, needle) == NULL) {
        aa_diags_print(&dl, stderr);
        fail_msg("expected code %d at %u:%u with '%s'", code, line, col,
                 needle);
    }
    assert_string_equal(dl.v[0].file, "r.yaml");
    assert_int_equal(rs->ast.nrules, 0);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static const char full[] =
    "version: 1\n"
    "as_of: \"2026-11\"\n"
    "lists:\n"
    "  pec_eligible_roles: [Owner, Contributor]\n"
    "rules:\n"
    "  - id: pal.write-role\n"
    "    title: Rule pal.write-role\n"
    "    description: A rule of the tests.\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01, PAL-F11]\n"
    "    when:\n"
    "      all:\n"
    "        - {path: /engagement/access/to_customer, equals: true}\n"
    "        - path: engagement.access.roles\n"
    "          any_item: {pec_eligible_role: true}\n"
    "        - {path: /version, ge: 1}\n"
    "        - {path: /customer/agreement, one_of: [ea, 'mca']}\n"
    "        - not: {path: /id, missing: true}\n"
    "    verdict: {fit: 80}\n"
    "    reason: fits\n"
    "    finding:\n"
    "      severity: warning\n"
    "      message: careful\n"
    "      pointer: /engagement/access/roles\n"
    "    actions:\n"
    "      - text: link\n"
    "        command: az managementpartner create --partner-id "
    "${partner.partner_id}\n"
    "      - text: again\n"
    "        snippet: |\n"
    "          line one\n"
    "          line two\n";

static void
test_full_rule(void **state)
{
    struct aa_diags dl;
    int rc;
    struct aa_ruleset *rs = load(full, &dl, &rc);
    const struct aa_rule *r;
    const struct aa_cond *w;

    (void)state;
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    assert_string_equal(rs->ast.as_of, "2026-11");
    assert_int_equal(rs->ast.nlists, 1);
    assert_int_equal(rs->ast.lists[0]->nitems, 2);
    assert_int_equal(rs->ast.nrules, 1);
    r = rs->ast.rules[0];
    assert_string_equal(r->id, "pal.write-role");
    assert_int_equal(r->id_at.line, 6);
    assert_int_equal(r->id_at.col, 9);
    assert_int_equal(r->mech, AA_MECH_PAL);
    assert_int_equal(r->nfacts, 2);
    assert_string_equal(r->facts[1], "PAL-F11");
    assert_string_equal(r->title, "Rule pal.write-role");
    assert_int_equal(r->title_at.line, 7);
    assert_string_equal(r->description, "A rule of the tests.");
    assert_int_equal(r->facts_at[1].line, 10);
    assert_int_equal(r->facts_at[1].col, 22);
    assert_int_equal(r->signal, AA_SIG_FIT);
    assert_int_equal(r->weight, 80);
    assert_string_equal(r->reason, "fits");
    assert_true(r->has_finding);
    assert_int_equal(r->severity, AA_SEV_WARNING);
    assert_string_equal(r->pointer, "/engagement/access/roles");
    assert_int_equal(r->nactions, 2);
    assert_string_equal(r->actions[0].command,
                        "az managementpartner create --partner-id "
                        "${partner.partner_id}");
    assert_null(r->actions[1].command);
    assert_null(r->actions[0].snippet);
    assert_string_equal(r->actions[1].snippet, "line one\nline two\n");

    w = r->when;
    assert_int_equal(w->op, AA_OP_ALL);
    assert_int_equal(w->nkids, 5);
    assert_int_equal(w->kids[0]->op, AA_OP_EQUALS);
    assert_int_equal(w->kids[0]->lits[0].kind, AA_LIT_BOOL);
    assert_int_equal(w->kids[0]->lits[0].b, 1);
    assert_string_equal(w->kids[1]->path, "engagement.access.roles");
    assert_int_equal(w->kids[1]->path_at.line, 14);
    assert_int_equal(w->kids[1]->path_at.col, 17);
    assert_int_equal(w->kids[1]->op, AA_OP_ANY_ITEM);
    assert_int_equal(w->kids[1]->kids[0]->op, AA_OP_PEC_ROLE);
    assert_null(w->kids[1]->kids[0]->path);
    assert_int_equal(w->kids[2]->op, AA_OP_GE);
    assert_int_equal(w->kids[2]->lits[0].kind, AA_LIT_NUMBER);
    assert_int_equal(w->kids[3]->nlits, 2);
    /* Quoted scalars are strings, plain ones too unless bool or number. */
    assert_int_equal(w->kids[3]->lits[1].kind, AA_LIT_STRING);
    assert_int_equal(w->kids[4]->op, AA_OP_NOT);
    assert_int_equal(w->kids[4]->kids[0]->op, AA_OP_MISSING);
    assert_int_equal(w->kids[4]->kids[0]->flag, 1);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static void
test_facts_and_empty_file(void **state)
{
    struct aa_diags dl;
    int rc;
    struct aa_ruleset *rs =
        load("facts:\n  - {id: PAL-F01, status: doc, sources: [S1, S2], "
             "summary: x}\n",
             &dl, &rc);

    (void)state;
    assert_int_equal(rc, 0);
    assert_int_equal(rs->ast.nfacts, 1);
    assert_int_equal(rs->ast.facts[0]->nsources, 2);
    assert_int_equal(rs->ast.facts[0]->at.line, 2);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);

    rs = load("", &dl, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(rs->ast.nrules, 0);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

#define HEAD                                                                   \
    "rules:\n  - id: r.1\n    title: t\n    mechanism: PAL\n    facts: "       \
    "[PAL-F01]\n"

static void
test_yaml_level_errors(void **state)
{
    char *big;

    (void)state;
    expect_error("rules: [\n", AA_E_YAML_SYNTAX, 2, 1, "YAML:");
    expect_error("a: &x 1\nb: *x\n", AA_E_YAML_ALIAS, 1, 4,
                 "anchors and aliases are not allowed");
    expect_error("rules: *x\n", AA_E_YAML_ALIAS, 1, 8, "aliases");
    expect_error("a: !!str 1\n", AA_E_SCHEMA, 1, 4, "tags are not allowed");
    expect_error("rules: []\n---\nrules: []\n", AA_E_SCHEMA, 2, 1,
                 "one YAML document");
    expect_error("rules:\n  - id: \"caf\xc3\x28\"\n", AA_E_UTF8, 2, 14,
                 "UTF-8");
    /* 65 nested flow sequences. */
    big = malloc(200);
    memset(big, '[', 65);
    memset(big + 65, ']', 65);
    big[130] = '\0';
    expect_error(big, AA_E_LIMIT, 1, 65, "nested deeper than 64");
    free(big);
    big = malloc(5u * 1024 * 1024);
    memset(big, '#', 5u * 1024 * 1024 - 1);
    big[5u * 1024 * 1024 - 1] = '\0';
    expect_error(big, AA_E_LIMIT, 0, 0, "larger than 4 MiB");
    free(big);
}

static void
test_shape_errors(void **state)
{
    (void)state;
    expect_error("rulez: []\n", AA_E_SCHEMA, 1, 1,
                 "unknown key 'rulez' in a rule file (did you mean "
                 "'rules'?)");
    expect_error("version: 2\n", AA_E_SCHEMA, 1, 10,
                 "unsupported rule language version '2'");
    expect_error("rules: {}\n", AA_E_SCHEMA, 1, 8,
                 "expected a sequence for 'rules', got a mapping");
    expect_error(HEAD "    verdict: exclude\n    reason: x\n    reasons: y\n",
                 AA_E_SCHEMA, 8, 5, "unknown key 'reasons'");
    expect_error("rules:\n  - id: r.1\n    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n    verdict: exclude\n    reason: x\n",
                 AA_E_SCHEMA, 2, 5, "rule needs 'title'");
    expect_error("rules:\n  - id: r.1\n    title: t\n    facts: [PAL-F01]\n"
                 "    verdict: exclude\n    reason: x\n",
                 AA_E_SCHEMA, 2, 5, "rule needs 'mechanism'");
    expect_error("rules:\n  - id: r.1\n    title: t\n    mechanism: ACR\n"
                 "    facts: [PAL-F01]\n    verdict: exclude\n"
                 "    reason: x\n",
                 AA_E_MECHANISM, 4, 16, "unknown mechanism 'ACR'");
    expect_error(
        "rules:\n  - id: r.1\n    title: t\n    mechanism: PAL\n    facts: []\n"
        "    verdict: exclude\n    reason: x\n",
        AA_E_SCHEMA, 5, 12, "at least one fact ID");
    expect_error(HEAD "    verdict: exclude\n", AA_E_SCHEMA, 2, 5,
                 "a rule with a verdict needs a reason");
    expect_error(HEAD "    reason: x\n", AA_E_SCHEMA, 2, 5,
                 "at least one of 'verdict', 'finding' or 'actions'");
    expect_error(HEAD "    verdict: {fit: 0}\n    reason: x\n", AA_E_SCHEMA, 6,
                 20, "from 1 to 100");
    expect_error(HEAD "    verdict: {fit: 101}\n    reason: x\n", AA_E_SCHEMA,
                 6, 20, "from 1 to 100");
    expect_error(HEAD "    verdict: {fit: \"50\"}\n    reason: x\n",
                 AA_E_SCHEMA, 6, 20, "from 1 to 100");
    expect_error(HEAD "    verdict: maybe\n    reason: x\n", AA_E_SCHEMA, 6, 14,
                 "unknown verdict 'maybe'");
    expect_error(HEAD "    finding: {severity: fatal, message: m}\n",
                 AA_E_SCHEMA, 6, 25, "unknown severity 'fatal'");
    expect_error(HEAD "    actions: [{command: ls}]\n", AA_E_SCHEMA, 6, 15,
                 "an action needs 'text'");
    expect_error("rules:\n  - id: 'bad id'\n    title: t\n    mechanism: PAL\n"
                 "    facts: [PAL-F01]\n    actions: [{text: x}]\n",
                 AA_E_SCHEMA, 2, 9, "bad rule id");
    expect_error("facts:\n  - {id: pal-1, status: doc, sources: [], "
                 "summary: x}\n",
                 AA_E_SCHEMA, 2, 10, "bad fact ID 'pal-1'");
    expect_error(HEAD "    verdict: exclude\n    reason: x\n    reason: y\n",
                 AA_E_SCHEMA, 8, 5, "duplicate key 'reason'");
}

/* A file's 'severity' mapping: each entry a rule id and a level, in load
 * order with the place of its id; whether the id names a rule is the
 * compiler's to say (test_compile). */
static void
test_severity_entries(void **state)
{
    static const char pack[] = "severity:\n"
                               "  cua.guid-per-customer: error\n"
                               "  dpor.ea-renewal: warning\n"
                               "  'x.y': info\n";
    struct aa_diags dl;
    int rc;
    struct aa_ruleset *rs;

    (void)state;
    rs = load(pack, &dl, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(rs->ast.nregrades, 3);
    assert_int_equal(rs->ast.nrules, 0);
    assert_string_equal(rs->ast.regrades[0]->rule, "cua.guid-per-customer");
    assert_int_equal(rs->ast.regrades[0]->severity, AA_SEV_ERROR);
    assert_string_equal(rs->ast.regrades[0]->at.file, "r.yaml");
    assert_int_equal(rs->ast.regrades[0]->at.line, 2);
    assert_int_equal(rs->ast.regrades[0]->at.col, 3);
    assert_int_equal(rs->ast.regrades[1]->severity, AA_SEV_WARNING);
    assert_string_equal(rs->ast.regrades[2]->rule, "x.y");
    assert_int_equal(rs->ast.regrades[2]->severity, AA_SEV_INFO);
    assert_int_equal(rs->ast.regrades[2]->at.line, 4);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);

    expect_error("severity: [cua.x]\n", AA_E_SCHEMA, 1, 11,
                 "expected a mapping for 'severity', got a sequence");
    expect_error("severity:\n  cua.x: fatal\n", AA_E_SCHEMA, 2, 10,
                 "unknown severity 'fatal' for 'cua.x'; expected error, "
                 "warning or info");
    expect_error("severity:\n  cua.x: Error\n", AA_E_SCHEMA, 2, 10,
                 "unknown severity 'Error'");
    /* Silencing is the config file's 'ignore', not a pack's. */
    expect_error("severity:\n  cua.x: never\n", AA_E_SCHEMA, 2, 10,
                 "cannot silence a rule; 'ignore' in the config file");
    expect_error("severity:\n  cua.x: off\n", AA_E_SCHEMA, 2, 10,
                 "cannot silence a rule");
    expect_error("severity:\n  cua.x:\n", AA_E_SCHEMA, 2, 9,
                 "expected error, warning or info for 'cua.x' in "
                 "'severity', got null");
    expect_error("severity:\n  cua.x: [error]\n", AA_E_SCHEMA, 2, 10,
                 "got a sequence");
    expect_error("severity:\n  'bad id': error\n", AA_E_SCHEMA, 2, 3,
                 "bad rule id 'bad id' in 'severity'");
    expect_error("severity:\n  cua.x: error\nseverity: {}\n", AA_E_SCHEMA, 3, 1,
                 "duplicate key 'severity'");
}

/* YAML allows any node as a mapping key; rule files take text only.  A
 * complex key before another key once crashed the duplicate-key check. */
static void
test_complex_keys(void **state)
{
    (void)state;
    expect_error("version: 1\n? [a, b]\n: c\nrules: []\n", AA_E_SCHEMA, 2, 3,
                 "keys must be plain text, not a sequence");
    expect_error("? {a: 1}\n: b\n? [c]\n: d\n", AA_E_SCHEMA, 1, 3,
                 "keys must be plain text, not a mapping");
    expect_error("rules:\n  - ? [a]\n    : b\n    id: r.1\n", AA_E_SCHEMA, 2, 7,
                 "keys must be plain text");
    expect_error("facts:\n  - ? [a]\n    : b\n    id: PAL-F01\n", AA_E_SCHEMA,
                 2, 7, "keys must be plain text");
    expect_error(HEAD "    finding: {? [a]: b, severity: info}\n", AA_E_SCHEMA,
                 6, 17, "keys must be plain text");
    expect_error(HEAD "    verdict: {? [a]: b, fit: 5}\n    reason: r\n",
                 AA_E_SCHEMA, 6, 17, "keys must be plain text");
    expect_error(HEAD "    actions: [{? [a]: b, text: t}]\n", AA_E_SCHEMA, 6,
                 18, "keys must be plain text");
    expect_error(HEAD "    when: {all: [{? [x]: y, path: /id}]}\n"
                      "    verdict: exclude\n    reason: x\n",
                 AA_E_SCHEMA, 6, 21, "keys must be plain text");
    expect_error("lists:\n  ? [a]\n  : [b]\n", AA_E_SCHEMA, 2, 5,
                 "keys must be plain text");
    expect_error("lists:\n  roles: [{? [a]: b}]\n", AA_E_SCHEMA, 2, 14,
                 "keys must be plain text");
}

/* Set one limit for a test; the table is process-wide, so the teardown
 * puts every default back, even after a failure. */
static void
set_limit(const char *spec)
{
    assert_int_equal(aa_limit_set(spec), 0);
}

static int
reset_limits(void **state)
{
    (void)state;
    for (int l = 0; l < AA_LIMIT_COUNT; l++) {
        char spec[64];

        snprintf(spec, sizeof(spec), "%s=%zu", aa_limit_name((enum aa_limit)l),
                 aa_limit_default((enum aa_limit)l));
        if (aa_limit_set(spec) != 0)
            return -1;
    }
    return 0;
}

static void
test_limits(void **state)
{
    static const char rules3[] = "rules:\n"
                                 "  - {id: r.1, title: Rule r.1, mechanism: "
                                 "GEN, facts: [GEN-F01], finding: {severity: "
                                 "info, message: m}}\n"
                                 "  - {id: r.2, title: Rule r.2, mechanism: "
                                 "GEN, facts: [GEN-F01], finding: {severity: "
                                 "info, message: m}}\n"
                                 "  - {id: r.3, title: Rule r.3, mechanism: "
                                 "GEN, facts: [GEN-F01], finding: {severity: "
                                 "info, message: m}}\n";
    char *big;

    (void)state;
    set_limit("rules=2");
    expect_error(rules3, AA_E_LIMIT, 4, 5,
                 "more than 2 rules in one rule file (--limit rules=N)");
    expect_error("severity: {a.1: info, a.2: info, a.3: info}\n", AA_E_LIMIT, 1,
                 34,
                 "more than 2 'severity' entries in one rule file (--limit "
                 "rules=N)");
    set_limit("rules=3");
    {
        struct aa_diags dl;
        int rc;
        struct aa_ruleset *rs = load(rules3, &dl, &rc);

        assert_int_equal(rc, 0);
        assert_int_equal(rs->ast.nrules, 3);
        aa_ruleset_free(rs);
        aa_diags_fini(&dl);
    }
    set_limit("lists=2");
    expect_error("lists:\n  a: [x]\n  b: [x]\n  c: [x]\n", AA_E_LIMIT, 4, 3,
                 "more than 2 lists in one rule file (--limit lists=N)");
    expect_error("lists:\n  a: [x, y, z]\n", AA_E_LIMIT, 2, 13,
                 "more than 2 items in one list (--limit lists=N)");
    set_limit("rules-depth=3");
    expect_error("a: [[[1]]]\n", AA_E_LIMIT, 1, 6,
                 "nested deeper than 3 levels (--limit rules-depth=N)");
    set_limit("rules-size=1000");
    big = malloc(1002);
    memset(big, '#', 1001);
    big[1001] = '\0';
    expect_error(big, AA_E_LIMIT, 0, 0,
                 "larger than 1000 bytes (--limit rules-size=N)");
    free(big);
}

static void
test_condition_errors(void **state)
{
    (void)state;
    expect_error(HEAD "    when: {path: /id, equal: x}\n    verdict: exclude\n"
                      "    reason: x\n",
                 AA_E_OPERATOR, 6, 23,
                 "unknown operator 'equal' (did you mean 'equals'?)");
    expect_error(HEAD "    when: {path: /id, zzz: x}\n    verdict: exclude\n"
                      "    reason: x\n",
                 AA_E_OPERATOR, 6, 23,
                 "unknown operator 'zzz'; expected all, any, not, any_item, "
                 "all_items, no_item, equals, not_equals, one_of, exists, "
                 "missing, lt, le, gt, ge, is_guid, is_partner_id, "
                 "pec_eligible_role, read_only_role, in_list, "
                 "pec_ineligible_role, empty, starts_with, miscased_in, "
                 "ends_with or is_azurerm_partner_id");
    expect_error(HEAD "    when: {path: /id, equals: x, one_of: [y]}\n"
                      "    verdict: exclude\n    reason: x\n",
                 AA_E_OPERATOR, 6, 34, "one operator per test");
    expect_error(HEAD "    when: {equals: x}\n    verdict: exclude\n"
                      "    reason: x\n",
                 AA_E_SCHEMA, 6, 11, "a test needs 'path'");
    expect_error(HEAD "    when: {path: /id}\n    verdict: exclude\n"
                      "    reason: x\n",
                 AA_E_OPERATOR, 6, 11, "a test needs an operator");
    expect_error(HEAD "    when: {path: /id, equals: ~}\n"
                      "    verdict: exclude\n    reason: x\n",
                 AA_E_OPERATOR, 6, 31, "null is not a value");
    expect_error(HEAD "    when: {path: /version, gt: one}\n"
                      "    verdict: exclude\n    reason: x\n",
                 AA_E_OPERATOR, 6, 32, "expects a number");
    expect_error(HEAD "    when: {path: /id, exists: yes}\n"
                      "    verdict: exclude\n    reason: x\n",
                 AA_E_OPERATOR, 6, 31, "takes true or false");
    expect_error(HEAD "    when: {all: []}\n    verdict: exclude\n"
                      "    reason: x\n",
                 AA_E_SCHEMA, 6, 17, "'all' needs conditions");
    expect_error(HEAD "    when: {all: [{path: /id, exists: true}], "
                      "path: /id}\n    verdict: exclude\n    reason: x\n",
                 AA_E_SCHEMA, 6, 11, "'all' must be the only key");
    expect_error(HEAD "    when: {path: /id, one_of: []}\n"
                      "    verdict: exclude\n    reason: x\n",
                 AA_E_OPERATOR, 6, 31, "'one_of' needs values");
    expect_error(HEAD "    when: [a]\n    verdict: exclude\n    reason: x\n",
                 AA_E_SCHEMA, 6, 11,
                 "expected a mapping for a condition, got a sequence");
}

static void
test_keeps_going(void **state)
{
    struct aa_diags dl;
    int rc;
    struct aa_ruleset *rs = load("rules:\n"
                                 "  - {id: a, title: Rule a, mechanism: ACR, "
                                 "facts: [PAL-F01], actions: [{text: "
                                 "x}]}\n"
                                 "  - {id: b, title: Rule b, mechanism: PAL, "
                                 "facts: [PAL-F01], actions: [{text: "
                                 "x}]}\n"
                                 "  - {id: c, title: Rule c, mechanism: PAL, "
                                 "facts: PAL-F01, actions: [{text: "
                                 "x}]}\n",
                                 &dl, &rc);

    (void)state;
    /* Two broken rules reported, the good one kept, the file refused. */
    assert_int_equal(rc, -1);
    assert_int_equal(dl.n, 2);
    assert_string_equal(dl.v[0].rule, "a");
    assert_string_equal(dl.v[1].rule, "c");
    assert_int_equal(rs->ast.nrules, 1);
    assert_string_equal(rs->ast.rules[0]->id, "b");
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static void
test_files_and_dirs(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();
    char dir[] = "/tmp/aa-rules-XXXXXX";
    char path[64];
    FILE *fp;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_file(rs, "/nonexistent/x.yaml", &dl), -1);
    assert_int_equal(dl.v[0].code, AA_S_IO);
    assert_non_null(strstr(dl.v[0].detail, "cannot open"));
    assert_non_null(mkdtemp(dir));
    assert_int_equal(aa_rules_load_dir(rs, dir, &dl), -1);
    assert_non_null(strstr(dl.v[1].detail, "no rule files"));
    snprintf(path, sizeof(path), "%s/b.yaml", dir);
    fp = fopen(path, "w");
    fputs("rules:\n  - {id: b, title: Rule b, mechanism: PAL, facts: "
          "[PAL-F01], actions: "
          "[{text: x}]}\n",
          fp);
    fclose(fp);
    snprintf(path, sizeof(path), "%s/a.yml", dir);
    fp = fopen(path, "w");
    fputs("rules:\n  - {id: a, title: Rule a, mechanism: PAL, facts: "
          "[PAL-F01], actions: "
          "[{text: x}]}\n",
          fp);
    fclose(fp);
    aa_ruleset_free(rs);
    rs = aa_ruleset_new();
    assert_int_equal(aa_rules_load_dir(rs, dir, &dl), 0);
    /* Byte order of names: a.yml before b.yaml. */
    assert_string_equal(rs->ast.rules[0]->id, "a");
    assert_string_equal(rs->ast.rules[1]->id, "b");
    assert_non_null(strstr(rs->ast.rules[1]->at.file, "/b.yaml"));
    /* "dir/" names its files "dir/b.yaml", not "dir//b.yaml". */
    aa_ruleset_free(rs);
    rs = aa_ruleset_new();
    snprintf(path, sizeof(path), "%s/", dir);
    assert_int_equal(aa_rules_load_dir(rs, path, &dl), 0);
    snprintf(path, sizeof(path), "%s/b.yaml", dir);
    assert_string_equal(rs->ast.rules[1]->at.file, path);
    snprintf(path, sizeof(path), "%s/a.yml", dir);
    remove(path);
    snprintf(path, sizeof(path), "%s/b.yaml", dir);
    remove(path);
    rmdir(dir);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_rule),
        cmocka_unit_test(test_facts_and_empty_file),
        cmocka_unit_test(test_yaml_level_errors),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test(test_severity_entries),
        cmocka_unit_test(test_complex_keys),
        cmocka_unit_test_teardown(test_limits, reset_limits),
        cmocka_unit_test(test_condition_errors),
        cmocka_unit_test(test_keeps_going),
        cmocka_unit_test(test_files_and_dirs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
