/*
 * test_writer.c -- run formats through the writer: SARIF structure (rules,
 * results, locations, fingerprints, invocation, notifications), JUnit
 * counts and failures, GitHub annotation escaping and limits, GitLab Code
 * Quality issues and their fingerprints, and
 * per-report formats written whole; control characters and CI commands in
 * plan values and file names never reach the output as they are.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "harness.h"

static const char rules[] =
    "rules:\n"
    "  - id: pal.fit\n"
    "    title: Rule pal.fit\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    verdict: {fit: 80}\n"
    "    reason: fits\n"
    "  - id: gen.id\n"
    "    title: Rule gen.id\n"
    "    description: A rule of the tests.\n"
    "    mechanism: GEN\n"
    "    facts: [GEN-F01]\n"
    "    when: {path: /partner/partner_id, is_partner_id: false}\n"
    "    finding: {severity: error, message: 'bad id: ${partner.partner_id}, "
    "100%'}\n"
    "  - id: cua.note\n"
    "    title: Rule cua.note\n"
    "    mechanism: PAL\n"
    "    facts: [CUA-F03]\n"
    "    when: {path: /customer/macc, equals: true}\n"
    "    finding: {severity: info, message: note <here>}\n";

static const char scen[] =
    "{\"version\": 1,\n \"partner\": {\"partner_id\": \"a,b\"},\n"
    " \"customer\": {\"macc\": true}}\n";

/* Run 'format' with 'rules_text' over 'scen_text' (as s.json) and one
 * rejected file named 'bad_name'; returns the output. */
static char *
run_rules(const char *rules_text, const char *format, int fail_on,
          const char *scen_text, const char *bad_name)
{
    struct aa_diags dl, bad;
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_report *rep;
    struct aa_render_opts opts = {.fail_on = fail_on};
    struct aa_writer *w;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    aa_diags_init(&dl);
    aa_diags_init(&bad);
    rs = compile_rules(rules_text, &dl);
    assert_non_null(rs);
    sc = aa_scenario_parse("s.json", scen_text, strlen(scen_text), &dl);
    assert_non_null(sc);
    rep = aa_eval(rs, sc);
    w = aa_writer_new(format, rs, &opts, fp);
    assert_non_null(w);
    assert_int_equal(aa_writer_add(w, rep), 0);
    assert_null(aa_scenario_parse(bad_name, "{", 1, &bad));
    assert_int_equal(aa_writer_reject(w, bad_name, &bad), 0);
    assert_int_equal(aa_writer_finish(w, 3), 0);
    fclose(fp);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    aa_diags_fini(&bad);
    return buf;
}

/* The rules above over 'scen_text' and a rejected 'bad_name'. */
static char *
run_on(const char *format, int fail_on, const char *scen_text,
       const char *bad_name)
{
    return run_rules(rules, format, fail_on, scen_text, bad_name);
}

/* The scenario above and a rejected "<stdin>". */
static char *
run(const char *format, int fail_on)
{
    return run_on(format, fail_on, scen, "<stdin>");
}

/* A Partner ID that tries a screen clear, a forged annotation on a line
 * of its own and a pre-encoded line break; a rejected file whose name
 * holds an escape sequence and the property separators. */
static const char hostile[] =
    "{\"version\": 1,\n \"partner\": {\"partner_id\": "
    "\"a\\u001b[2J\\n::error file=x::forged,%0A\"},\n"
    " \"customer\": {\"macc\": true}}\n";
static const char hostile_name[] = "in\x1b]0;t\x07,:.json";

/* No byte of the output is a control character but the newlines that end
 * its own lines. */
static void
assert_no_controls(const char *out)
{
    for (const char *p = out; *p != '\0'; p++)
        assert_true(*p == '\n' || ((unsigned char)*p >= 0x20 && *p != 0x7f));
}

/* aa_finding_fingerprint of finding i of the scenario above, in a static
 * buffer. */
static const char *
fingerprint_of(size_t i)
{
    static char fp[AA_FINGERPRINT_SIZE];
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_scenario *sc;
    struct aa_report *rep;

    aa_diags_init(&dl);
    rs = compile_rules(rules, &dl);
    assert_non_null(rs);
    sc = aa_scenario_parse("s.json", scen, strlen(scen), &dl);
    assert_non_null(sc);
    rep = aa_eval(rs, sc);
    assert_int_equal(aa_finding_fingerprint(rep, i, fp), 0);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    return fp;
}

static void
test_sarif(void **state)
{
    char *out = run("sarif", AA_SEV_ERROR);
    cJSON *root = cJSON_Parse(out), *run0, *driver, *res, *loc, *inv;

    (void)state;
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "version")->valuestring,
                        "2.1.0");
    run0 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0);
    driver = cJSON_GetObjectItem(cJSON_GetObjectItem(run0, "tool"), "driver");
    assert_string_equal(cJSON_GetObjectItem(driver, "name")->valuestring,
                        "attrib-advise");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(driver, "rules")),
                     3);
    res = cJSON_GetObjectItem(run0, "results");
    /* Two findings, and the unreadable plan as a result too: these rules
     * have no rule of the unreadable detector, so no ruleIndex. */
    assert_int_equal(cJSON_GetArraySize(res), 3);
    loc = cJSON_GetArrayItem(res, 2);
    assert_string_equal(cJSON_GetObjectItem(loc, "ruleId")->valuestring,
                        "input.unreadable");
    assert_null(cJSON_GetObjectItem(loc, "ruleIndex"));
    assert_string_equal(cJSON_GetObjectItem(loc, "level")->valuestring,
                        "error");
    res = cJSON_GetArrayItem(res, 0);
    assert_string_equal(cJSON_GetObjectItem(res, "ruleId")->valuestring,
                        "gen.id");
    assert_int_equal(cJSON_GetObjectItem(res, "ruleIndex")->valueint, 1);
    assert_string_equal(cJSON_GetObjectItem(res, "level")->valuestring,
                        "error");
    loc = cJSON_GetArrayItem(cJSON_GetObjectItem(res, "locations"), 0);
    assert_int_equal(
        cJSON_GetObjectItem(
            cJSON_GetObjectItem(cJSON_GetObjectItem(loc, "physicalLocation"),
                                "region"),
            "startLine")
            ->valueint,
        2);
    assert_string_equal(
        cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(loc, "logicalLocations"), 0),
            "fullyQualifiedName")
            ->valuestring,
        "/partner/partner_id");
    /* The fingerprint a baseline records, under a key of its own. */
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(res, "partialFingerprints"),
                            AA_SARIF_FINGERPRINT_KEY)
            ->valuestring,
        fingerprint_of(0));
    inv = cJSON_GetArrayItem(cJSON_GetObjectItem(run0, "invocations"), 0);
    assert_int_equal(cJSON_GetObjectItem(inv, "exitCode")->valueint, 3);
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(inv, "executionSuccessful")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(
                         inv, "toolExecutionNotifications")),
                     1);
    /* "<stdin>" is not a URI reference: it is percent-encoded. */
    assert_non_null(strstr(out, "\"uri\": \"%3Cstdin%3E\""));
    cJSON_Delete(root);
    free(out);
}

/* What code scanning requires of a rule and a run (GitHub, Azure DevOps):
 * a Pascal-case name, both descriptions without templates, help, and the
 * category of the run. */
static void
test_sarif_rules(void **state)
{
    char *out = run("sarif", AA_SEV_ERROR);
    cJSON *root = cJSON_Parse(out), *run0, *driver, *rule, *help, *tags;

    (void)state;
    run0 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0);
    driver = cJSON_GetObjectItem(cJSON_GetObjectItem(run0, "tool"), "driver");
    assert_string_equal(cJSON_GetObjectItem(driver, "fullName")->valuestring,
                        "attrib-advise 1.0.0");
    assert_non_null(cJSON_GetObjectItem(driver, "informationUri"));
    rule = cJSON_GetArrayItem(cJSON_GetObjectItem(driver, "rules"), 1);
    assert_string_equal(cJSON_GetObjectItem(rule, "id")->valuestring, "gen.id");
    assert_string_equal(cJSON_GetObjectItem(rule, "name")->valuestring,
                        "GenId");
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "shortDescription"),
                            "text")
            ->valuestring,
        "Rule gen.id");
    /* The finding prints a plan value, so the rule's description says it. */
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "fullDescription"),
                            "text")
            ->valuestring,
        "A rule of the tests.");
    help = cJSON_GetObjectItem(rule, "help");
    assert_non_null(strstr(cJSON_GetObjectItem(help, "text")->valuestring,
                           "GEN-F01 (doc): a"));
    assert_non_null(strstr(cJSON_GetObjectItem(help, "markdown")->valuestring,
                           "| GEN-F01 | doc | a |"));
    /* A rule of the tests is no built-in one: it has no page of ours. */
    assert_null(cJSON_GetObjectItem(rule, "helpUri"));
    tags = cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "properties"), "tags");
    assert_string_equal(cJSON_GetArrayItem(tags, 1)->valuestring, "plan-wide");
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "properties"),
                            "problem.severity")
            ->valuestring,
        "error");
    assert_null(strstr(out, "${"));
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(run0, "automationDetails"),
                            "id")
            ->valuestring,
        "attrib-advise/advise/");
    cJSON_Delete(root);
    free(out);
}

/* A rule of the plan file as written cites no fact and is no scan
 * detector: SARIF tags it as an input rule about the plan, and its help
 * says it rests on the contract. */
static void
test_sarif_input_rule(void **state)
{
    static const char input_rules[] =
        "rules:\n"
        "  - id: input.unknown-key\n"
        "    title: Key the contract does not define\n"
        "    description: A key the contract does not define.\n"
        "    mechanism: GEN\n"
        "    detect: unknown_key\n"
        "    finding: {severity: warning, message: 'Unknown key ${match}'}\n";
    char *out = run_rules(input_rules, "sarif", AA_SEV_ERROR, scen, "<stdin>");
    cJSON *root = cJSON_Parse(out), *driver, *rule, *tags, *help;
    int n;

    (void)state;
    driver = cJSON_GetObjectItem(
        cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0), "tool"),
        "driver");
    rule = cJSON_GetArrayItem(cJSON_GetObjectItem(driver, "rules"), 0);
    tags = cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "properties"), "tags");
    n = cJSON_GetArraySize(tags);
    assert_string_equal(cJSON_GetArrayItem(tags, 0)->valuestring, "input");
    assert_string_equal(cJSON_GetArrayItem(tags, n - 1)->valuestring, "plan");
    help = cJSON_GetObjectItem(rule, "help");
    assert_non_null(
        strstr(cJSON_GetObjectItem(help, "text")->valuestring, "Facts: none;"));
    assert_non_null(strstr(cJSON_GetObjectItem(help, "markdown")->valuestring,
                           "a check of the plan file as written"));
    assert_null(strstr(cJSON_GetObjectItem(help, "markdown")->valuestring,
                       "deployment-code scan"));
    cJSON_Delete(root);
    free(out);
}

static void
test_junit(void **state)
{
    char *out = run("junit", AA_SEV_ERROR);
    char *lax = run("junit", AA_SEV_INFO);

    (void)state;
    assert_non_null(
        strstr(out, "<testsuites name=\"attrib-advise\" "
                    "tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\">"));
    assert_non_null(strstr(out, "<testcase classname=\"attrib-advise.plan\" "
                                "name=\"gen.id at /partner/partner_id\""));
    /* Below the threshold a finding passes; markup is escaped. */
    assert_non_null(strstr(out, "name=\"cua.note at /customer/macc\" "
                                "file=\"s.json\" line=\"3\"/>"));
    assert_non_null(strstr(out, "<error type=\"invalid input\""));
    assert_non_null(strstr(out, "&lt;stdin&gt;"));
    assert_non_null(strstr(lax, "failures=\"2\""));
    assert_non_null(strstr(lax, "note &lt;here&gt;"));
    free(out);
    free(lax);
}

static void
test_github(void **state)
{
    char *out = run("github", AA_SEV_ERROR);

    (void)state;
    /* Errors first, an input that could not be read before findings;
     * ':' and ',' escaped in properties, '%' everywhere. */
    assert_true(strncmp(out,
                        "::error file=<stdin>,line=1,col=2,title="
                        "attrib-advise%3A invalid input::",
                        strlen("::error file=<stdin>,line=1,col=2,title="
                               "attrib-advise%3A invalid input::")) == 0);
    assert_non_null(strstr(out, "\n::error file=s.json,line=2,col=14,"
                                "title=attrib-advise gen.id::bad id: a,b, "
                                "100%25\n"));
    assert_non_null(strstr(out, "::notice file=s.json,line=3,col=15,"));
    free(out);
}

static void
test_github_hostile(void **state)
{
    char *out = run_on("github", AA_SEV_ERROR, hostile, hostile_name);

    (void)state;
    assert_non_null(strstr(out, "\n::error file=s.json,line=2,col=14,"
                                "title=attrib-advise gen.id::bad id: "
                                "a\\x1b[2J\\n::error file=x::forged,%250A, "
                                "100%25\n"));
    assert_non_null(strstr(out, "::error file=in\\x1b]0;t\\x07%2C%3A.json,"
                                "line=1,col=2,title="));
    assert_no_controls(out);
    free(out);
}

static void
test_azure(void **state)
{
    char *out = run("azure-pipelines", AA_SEV_ERROR);

    (void)state;
    /* Errors first, an input that could not be read before findings,
     * then warnings, then info as a plain line; '%' is %AZP25 everywhere. */
    const char *rejected = strstr(out, "##vso[task.logissue type=error;"
                                       "sourcepath=<stdin>;linenumber=1;"
                                       "columnnumber=2;]attrib-advise: "
                                       "invalid input: ");
    const char *found = strstr(out, "\n##vso[task.logissue type=error;"
                                    "sourcepath=s.json;linenumber=2;"
                                    "columnnumber=14;code=gen.id;]"
                                    "attrib-advise gen.id: bad id: a,b, "
                                    "100%AZP25\n");

    assert_true(rejected == out);
    assert_non_null(found);
    assert_non_null(strstr(out, "\nattrib-advise: s.json:3:15: info: note "
                                "<here> [cua.note]\n"));
    free(out);
}

/* A plan value or a file name never ends the command that quotes it nor
 * starts one of its own. */
static void
test_azure_hostile(void **state)
{
    static const char forged[] =
        "{\"version\": 1,\n \"partner\": {\"partner_id\": "
        "\"a]##vso[task.setvariable variable=x]y;%0A\\n##vso[task.complete]\"},"
        "\n \"customer\": {\"macc\": true}}\n";
    char *out = run_on("azure-pipelines", AA_SEV_ERROR, forged,
                       "b;]##vso[task.complete].json");
    const char *line = out;

    (void)state;
    assert_non_null(strstr(out,
                           "\n##vso[task.logissue type=error;sourcepath=s.json;"
                           "linenumber=2;columnnumber=14;code=gen.id;]"
                           "attrib-advise gen.id: bad id: a]##vso\\x5btask."
                           "setvariable variable=x]y;%AZP250A\\n##vso\\x5btask."
                           "complete], 100%AZP25\n"));
    assert_non_null(strstr(out, "sourcepath=b%3B%5D##vso\\x5btask.complete"
                                "%5D.json;linenumber=1;"));
    /* Each line holds one "##vso[", at its start, or none. */
    for (; *line != '\0'; line = strchr(line, '\n') + 1) {
        const char *vso = strstr(line, "##vso[");
        const char *end = strchr(line, '\n');

        assert_true(vso == NULL || vso > end || vso == line);
        if (vso == line)
            assert_true(strstr(line + 1, "##vso[") == NULL ||
                        strstr(line + 1, "##vso[") > end);
    }
    assert_no_controls(out);
    free(out);
}

static void
test_junit_hostile(void **state)
{
    char *out = run_on("junit", AA_SEV_ERROR, hostile, hostile_name);

    (void)state;
    assert_non_null(strstr(out, "<failure type=\"error\" message=\"bad id: "
                                "a\\x1b[2J\\n::error file=x::forged,%0A, "
                                "100%\">"));
    assert_non_null(strstr(out, "<testsuite name=\"in\\x1b]0;t\\x07,:.json\""));
    assert_no_controls(out);
    free(out);
}

/* SARIF is JSON: the values stay exact, the text is safe to print. */
static void
test_sarif_hostile(void **state)
{
    char *out = run_on("sarif", AA_SEV_ERROR, hostile, hostile_name);
    cJSON *root = cJSON_Parse(out), *run0, *res, *note;

    (void)state;
    assert_non_null(root);
    run0 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0);
    res = cJSON_GetArrayItem(cJSON_GetObjectItem(run0, "results"), 0);
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(res, "message"), "text")
            ->valuestring,
        "bad id: a\x1b[2J\n::error file=x::forged,%0A, 100%");
    note = cJSON_GetArrayItem(
        cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(run0, "invocations"), 0),
            "toolExecutionNotifications"),
        0);
    assert_non_null(note);
    /* A file name becomes a percent-encoded URI reference. */
    assert_non_null(strstr(out, "\"uri\": \"in%1B%5D0%3Bt%07%2C%3A.json\""));
    assert_no_controls(out);
    cJSON_Delete(root);
    free(out);
}

static const char *
issue_str(const cJSON *issue, const char *key)
{
    return cJSON_GetObjectItem(issue, key)->valuestring;
}

/* With a rule of the unreadable detector, the result of an unreadable
 * plan names it, at the file, line and column of the first error; the
 * notification stays. */
static void
test_sarif_unreadable(void **state)
{
    static const char unreadable_rules[] =
        "rules:\n"
        "  - id: input.unreadable\n"
        "    title: Plan that cannot be read\n"
        "    description: A plan that cannot be read.\n"
        "    mechanism: GEN\n"
        "    detect: unreadable\n"
        "    finding: {severity: error, message: '${match}'}\n";
    char *out =
        run_rules(unreadable_rules, "sarif", AA_SEV_ERROR, scen, "bad.json");
    cJSON *root = cJSON_Parse(out), *run0, *res, *region, *inv;

    (void)state;
    run0 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0);
    res = cJSON_GetObjectItem(run0, "results");
    assert_int_equal(cJSON_GetArraySize(res), 1);
    res = cJSON_GetArrayItem(res, 0);
    assert_string_equal(cJSON_GetObjectItem(res, "ruleId")->valuestring,
                        "input.unreadable");
    assert_int_equal(cJSON_GetObjectItem(res, "ruleIndex")->valueint, 0);
    assert_string_equal(cJSON_GetObjectItem(res, "level")->valuestring,
                        "error");
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(res, "message"), "text")
            ->valuestring,
        "invalid JSON: unexpected end of input");
    region = cJSON_GetObjectItem(
        cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(res, "locations"), 0),
            "physicalLocation"),
        "region");
    assert_int_equal(cJSON_GetObjectItem(region, "startLine")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(region, "startColumn")->valueint, 2);
    inv = cJSON_GetArrayItem(cJSON_GetObjectItem(run0, "invocations"), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(
                         inv, "toolExecutionNotifications")),
                     1);
    cJSON_Delete(root);
    free(out);
}

/* One issue per active finding and one per unreadable plan; the
 * severities of ESLint's GitLab formatter; fingerprints distinct. */
static void
test_codequality(void **state)
{
    char *out = run("codequality", AA_SEV_ERROR);
    cJSON *root = cJSON_Parse(out), *a, *b, *c, *loc;

    (void)state;
    assert_true(cJSON_IsArray(root));
    assert_int_equal(cJSON_GetArraySize(root), 3);
    a = cJSON_GetArrayItem(root, 0);
    b = cJSON_GetArrayItem(root, 1);
    c = cJSON_GetArrayItem(root, 2);
    assert_string_equal(issue_str(a, "check_name"), "gen.id");
    assert_string_equal(issue_str(a, "severity"), "major");
    assert_string_equal(issue_str(a, "description"), "bad id: a,b, 100%");
    loc = cJSON_GetObjectItem(a, "location");
    assert_string_equal(issue_str(loc, "path"), "s.json");
    assert_int_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(loc, "lines"), "begin")
            ->valueint,
        2);
    assert_string_equal(issue_str(b, "severity"), "info");
    assert_string_equal(issue_str(c, "check_name"), "input.unreadable");
    assert_string_equal(issue_str(c, "severity"), "blocker");
    assert_string_equal(issue_str(cJSON_GetObjectItem(c, "location"), "path"),
                        "<stdin>");
    assert_int_equal(strlen(issue_str(a, "fingerprint")), 32);
    assert_string_not_equal(issue_str(a, "fingerprint"),
                            issue_str(b, "fingerprint"));
    assert_string_not_equal(issue_str(b, "fingerprint"),
                            issue_str(c, "fingerprint"));
    cJSON_Delete(root);
    free(out);
}

/* A run with nothing to report is still a report: an empty array. */
static void
test_codequality_empty(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_render_opts opts = {.fail_on = AA_SEV_ERROR};
    struct aa_writer *w;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(rules, &dl);
    w = aa_writer_new("codequality", rs, &opts, fp);
    assert_non_null(w);
    assert_int_equal(aa_writer_finish(w, 0), 0);
    fclose(fp);
    assert_string_equal(buf, "[]\n");
    free(buf);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* Code Quality is JSON: the values stay exact, the text is safe to
 * print. */
static void
test_codequality_hostile(void **state)
{
    char *out = run_on("codequality", AA_SEV_ERROR, hostile, hostile_name);
    cJSON *root = cJSON_Parse(out);

    (void)state;
    assert_non_null(root);
    assert_string_equal(issue_str(cJSON_GetArrayItem(root, 0), "description"),
                        "bad id: a\x1b[2J\n::error file=x::forged,%0A, 100%");
    assert_string_equal(
        issue_str(cJSON_GetObjectItem(cJSON_GetArrayItem(root, 2), "location"),
                  "path"),
        hostile_name);
    assert_no_controls(out);
    cJSON_Delete(root);
    free(out);
}

/* A batch to a file or a pipe is written in pieces of many plans, each
 * piece ending where a plan ends, and whole once the run finishes: the
 * per-report formats, JSON and text alike. */
/* NDJSON keeps the reasons and actions that rules give as written and
 * copies them into the next reports: each line of a batch is the line
 * the plan gets alone, whether its items are copied or made, first in
 * their array or after another (the reason "fits" is second on an ea
 * plan, first on the others), and a text filled from the plan is the
 * plan's own on every line. */
static void
test_batch_items_again(void **state)
{
    static const char items_rules[] =
        "rules:\n"
        "  - id: pal.ea\n"
        "    title: Rule pal.ea\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01]\n"
        "    when: {path: /customer/agreement, equals: ea}\n"
        "    verdict: {fit: 70}\n"
        "    reason: on ea\n"
        "  - id: pal.fit\n"
        "    title: Rule pal.fit\n"
        "    mechanism: PAL\n"
        "    facts: [PAL-F01, PAL-F11]\n"
        "    verdict: {fit: 80}\n"
        "    reason: fits\n"
        "    actions:\n"
        "      - {text: 'then ${customer.agreement}'}\n"
        "      - {text: link it, command: 'az x', snippet: 'a: 1'}\n"
        "      - {text: fits}\n"
        "  - id: dpor.on\n"
        "    title: Rule dpor.on\n"
        "    description: A rule of the tests.\n"
        "    mechanism: DPOR\n"
        "    facts: [GEN-F01]\n"
        "    when: {path: /customer/agreement, exists: true}\n"
        "    verdict: {fit: 60}\n"
        "    reason: 'buys on ${customer.agreement}'\n"
        "    actions:\n"
        "      - {text: fits}\n"
        /* needs_info for want of one field or of two, plan by plan: the
         * entries of missing_fields are kept and copied as items are. */
        "  - id: cua.both\n"
        "    title: Rule cua.both\n"
        "    mechanism: CUA\n"
        "    facts: [CUA-F03]\n"
        "    when: {all: [{path: /customer/macc, equals: true},\n"
        "                 {path: /engagement/transacting_partner, "
        "equals: true}]}\n"
        "    verdict: {fit: 60}\n"
        "    reason: both\n"
        /* An answer of one reason as written (CPOR on ea and mca) and a
         * finding whose message is the rule's own words: both kept and
         * copied; a finding filled from the plan, made each time. */
        "  - id: cpor.na\n"
        "    title: Rule cpor.na\n"
        "    mechanism: CPOR\n"
        "    facts: [GEN-F01]\n"
        "    when: {path: /customer/agreement, one_of: [ea, mca]}\n"
        "    verdict: exclude\n"
        "    reason: not here\n"
        "    finding: {severity: warning, message: fixed words,\n"
        "              pointer: /customer/agreement}\n"
        "  - id: gen.said\n"
        "    title: Rule gen.said\n"
        "    description: A rule of the tests.\n"
        "    mechanism: GEN\n"
        "    facts: [GEN-F01, PAL-F01]\n"
        "    when: {path: /customer/agreement, exists: true}\n"
        "    finding: {severity: info, message: 'said "
        "${customer.agreement}'}\n";
    static const char *const agreements[] = {"ea", "mca", "ea", "mca", "csp"};
    struct aa_render_opts opts = {.several = 1};
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_writer *all;
    char *batch = NULL;
    size_t blen = 0, at = 0;
    FILE *fb = open_memstream(&batch, &blen);

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(items_rules, &dl);
    assert_non_null(rs);
    all = aa_writer_new("ndjson", rs, &opts, fb);
    assert_non_null(all);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof(agreements) / sizeof(agreements[0]);
             i++) {
            char text[160], *alone = NULL;
            size_t alen = 0;
            FILE *fa = open_memstream(&alone, &alen);
            struct aa_writer *one = aa_writer_new("ndjson", rs, &opts, fa);
            struct aa_scenario *sc;
            struct aa_report *rep;

            snprintf(text, sizeof(text),
                     "{\"version\": 1, \"customer\": {\"agreement\": "
                     "\"%s\"%s}}",
                     agreements[i], i % 2 == 0 ? ", \"macc\": true" : "");
            sc = aa_scenario_parse("s.json", text, strlen(text), &dl);
            assert_non_null(sc);
            rep = aa_eval(rs, sc);
            assert_int_equal(aa_writer_add(all, rep), 0);
            assert_int_equal(aa_writer_add(one, rep), 0);
            assert_int_equal(aa_writer_finish(one, 0), 0);
            fclose(fa);
            fflush(fb);
            assert_int_equal(aa_writer_flush(all), 0);
            fflush(fb);
            assert_true(blen - at == alen);
            assert_memory_equal(batch + at, alone, alen);
            snprintf(text, sizeof(text), "buys on %s", agreements[i]);
            assert_non_null(strstr(alone, text));
            snprintf(text, sizeof(text), "then %s", agreements[i]);
            assert_non_null(strstr(alone, text));
            assert_non_null(strstr(alone, "\"pointer\":\"/engagement/"
                                          "transacting_partner\""));
            assert_true((strstr(alone, "\"pointer\":\"/customer/macc\"") ==
                         NULL) == (i % 2 == 0));
            snprintf(text, sizeof(text), "\"message\":\"said %s\"",
                     agreements[i]);
            assert_non_null(strstr(alone, text));
            assert_true(
                (strstr(alone,
                        "\"id\":\"CPOR\",\"verdict\":\"not_applicable\","
                        "\"rank\":null,\"reasons\":[{\"rule\":\"cpor.na\"") !=
                 NULL) == (strcmp(agreements[i], "csp") != 0));
            assert_true((strstr(alone, "{\"rule\":\"cpor.na\",\"severity\":"
                                       "\"warning\",\"mechanism\":\"CPOR\","
                                       "\"facts\":[\"GEN-F01\"],\"message\":"
                                       "\"fixed words\",\"pointer\":"
                                       "\"/customer/agreement\",") != NULL) ==
                        (strcmp(agreements[i], "csp") != 0));
            at = blen;
            free(alone);
            aa_report_free(rep);
            aa_scenario_free(sc);
        }
    assert_int_equal(aa_writer_finish(all, 0), 0);
    fclose(fb);
    free(batch);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

static void
test_batch_written_in_pieces(void **state)
{
    static const char *const formats[] = {"ndjson", "text", "summary"};

    (void)state;
    for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
        struct aa_diags dl;
        struct aa_render_opts opts = {.several = 1};
        struct aa_ruleset *rs;
        struct aa_scenario *sc;
        struct aa_report *rep;
        struct aa_writer *w;
        char *one = NULL, *buf = NULL;
        size_t lone = 0, len = 0, n, seen_pieces = 0;
        FILE *fp;

        aa_diags_init(&dl);
        rs = compile_rules(rules, &dl);
        sc = aa_scenario_parse("s.json", scen, strlen(scen), &dl);
        rep = aa_eval(rs, sc);
        /* One report alone, for its size. */
        fp = open_memstream(&one, &lone);
        w = aa_writer_new(formats[k], rs, &opts, fp);
        assert_int_equal(aa_writer_add(w, rep), 0);
        assert_int_equal(aa_writer_finish(w, 0), 0);
        fclose(fp);
        assert_true(lone > 0);
        /* writer.c drains at FLUSH_AT, 256 KiB. */
        n = 256 * 1024 / lone + 3;
        fp = open_memstream(&buf, &len);
        w = aa_writer_new(formats[k], rs, &opts, fp);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(aa_writer_add(w, rep), 0);
            fflush(fp);
            /* Waits for more until the pieces reach 256 KiB. */
            if ((i + 1) * lone < 256 * 1024)
                assert_int_equal(len, 0);
            assert_int_equal(len % lone, 0);
            seen_pieces += len > 0 && len < (i + 1) * lone;
        }
        assert_true(len > 0);         /* a piece went before the end */
        assert_true(seen_pieces > 0); /* and others were still waiting */
        assert_int_equal(aa_writer_finish(w, 0), 0);
        fclose(fp);
        assert_int_equal(len, n * lone);
        for (size_t i = 0; i < n; i++)
            assert_memory_equal(buf + i * lone, one, lone);
        free(one);
        free(buf);
        aa_report_free(rep);
        aa_scenario_free(sc);
        aa_ruleset_free(rs);
        aa_diags_fini(&dl);
    }
}

static void
test_unknown_format(void **state)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_render_opts opts = {.color = 0};

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(rules, &dl);
    assert_null(aa_writer_new("yaml", rs, &opts, stdout));
    assert_int_equal(aa_render("sarif", NULL, &opts, stdout), -2);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

/* A writer discarded before anything was added writes nothing, whatever
 * its format (a run format or a JSON document over several plans); the
 * sanitizer build checks that it frees what it held. */
static void
test_discard(void **state)
{
    static const char *const formats[] = {"sarif",  "junit", "codequality",
                                          "github", "json",  "text"};
    struct aa_diags dl;
    struct aa_ruleset *rs;
    struct aa_render_opts opts = {.several = 1};

    (void)state;
    aa_diags_init(&dl);
    rs = compile_rules(rules, &dl);
    assert_non_null(rs);
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        struct aa_writer *w = aa_writer_new(formats[i], rs, &opts, fp);

        assert_non_null(w);
        aa_writer_discard(w);
        fclose(fp);
        assert_int_equal(len, 0);
        free(buf);
    }
    aa_writer_discard(NULL);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_sarif),
        cmocka_unit_test(test_sarif_rules),
        cmocka_unit_test(test_sarif_input_rule),
        cmocka_unit_test(test_sarif_unreadable),
        cmocka_unit_test(test_azure),
        cmocka_unit_test(test_azure_hostile),
        cmocka_unit_test(test_junit),
        cmocka_unit_test(test_github),
        cmocka_unit_test(test_github_hostile),
        cmocka_unit_test(test_junit_hostile),
        cmocka_unit_test(test_sarif_hostile),
        cmocka_unit_test(test_codequality),
        cmocka_unit_test(test_codequality_empty),
        cmocka_unit_test(test_codequality_hostile),
        cmocka_unit_test(test_batch_written_in_pieces),
        cmocka_unit_test(test_batch_items_again),
        cmocka_unit_test(test_unknown_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
