/*
 * test_render.c -- the renderers: JSON has exactly the contract's shape,
 * text is aligned and plain unless colour is asked for; and the escaper
 * they share (text.c), which keeps plan values from reaching a terminal
 * or a CI log as control sequences or commands.
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
#include "text.h"

static const char rules[] =
    "rules:\n"
    "  - id: pal.fit\n"
    "    title: Rule pal.fit\n"
    "    description: A rule of the tests.\n"
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
    "    title: Rule cua.needs\n"
    "    mechanism: CUA\n"
    "    facts: [CUA-F03]\n"
    "    when: {path: /solution/deployment/cua/registered, equals: true}\n"
    "    verdict: {fit: 60}\n"
    "    reason: registered\n"
    "  - id: cua.late\n"
    "    title: Rule cua.late\n"
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
    /* Beside the pointers, each field with its label and question. */
    f = cJSON_GetArrayItem(cJSON_GetObjectItem(cua, "missing_fields"), 0);
    assert_string_equal(cJSON_GetObjectItem(f, "pointer")->valuestring,
                        "/solution/deployment/cua/registered");
    assert_string_equal(cJSON_GetObjectItem(f, "label")->valuestring,
                        "GUID registered");
    assert_string_equal(cJSON_GetObjectItem(f, "question")->valuestring,
                        "Is the tracking GUID registered in Partner Center? "
                        "(yes or no)");
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
    /* A missing field: its label in the table, its question below with
     * the answers it takes and the pointer to write it at. */
    assert_non_null(strstr(plain, "  -  CUA        needs info      needs "
                                  "GUID registered\n"));
    assert_non_null(strstr(plain, "  need - Is the tracking GUID registered "
                                  "in Partner Center? (yes or no)\n"
                                  "         "
                                  "[/solution/deployment/cua/registered]\n"));
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
    assert_non_null(
        strstr(md, "| – | CUA | needs info | needs GUID registered |\n"));
    assert_non_null(strstr(md, "**To find out**\n\n- Is the tracking GUID "
                               "registered in Partner Center? (yes or no)\n"));
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
        "    title: Rule dpor.azure-ea-only\n"
        "    mechanism: DPOR\n"
        "    facts: [PAL-F01]\n"
        "    when:\n"
        "      all:\n"
        "        - {path: /customer/workloads, any_item: {equals: azure}}\n"
        "        - {path: /customer/agreement, not_equals: ea}\n"
        "    verdict: exclude\n"
        "    reason: Not on this agreement.\n"
        "    finding: {severity: info, message: Azure DPOR needs an EA.}\n"
        "  - {id: dpor.fit, title: Rule dpor.fit, mechanism: DPOR, facts: "
        "[PAL-F01], verdict: "
        "{fit: 60}, reason: Fits.}\n"
        "  - id: both.note\n"
        "    title: Rule both.note\n"
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

/* aa_text_dup(in, flags) is 'want'. */
static void
escapes_to(const char *in, unsigned flags, const char *want)
{
    char *got = aa_text_dup(in, flags);

    assert_string_equal(got, want);
    free(got);
}

static void
test_text_decode(void **state)
{
    static const struct {
        const char *s;
        size_t len;
        long cp;
    } cases[] = {
        {"a", 1, 'a'},
        {"\xc3\xa9", 2, 0xe9},
        {"\xe2\x80\xa8", 3, 0x2028},
        {"\xf0\x9f\x98\x80", 4, 0x1f600},
        {"\xf4\x8f\xbf\xbf", 4, 0x10ffff},
        {"\x80", 1, -1},             /* a continuation byte alone */
        {"\xc0\xaf", 1, -1},         /* overlong '/' */
        {"\xe0\x80\xaf", 1, -1},     /* overlong, 3 bytes */
        {"\xed\xa0\x80", 1, -1},     /* a surrogate */
        {"\xf4\x90\x80\x80", 1, -1}, /* above U+10FFFF */
        {"\xe2\x80", 1, -1},         /* cut short by the NUL */
        {"\xff", 1, -1},
    };
    long cp;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(aa_text_decode(cases[i].s, strlen(cases[i].s), &cp),
                         cases[i].len);
        assert_int_equal(cp, cases[i].cp);
    }
    /* n bounds the read: a sequence longer than n is not UTF-8. */
    assert_int_equal(aa_text_decode("\xc3\xa9", 1, &cp), 1);
    assert_int_equal(cp, -1);
}

static void
test_text_unsafe(void **state)
{
    static const long bad[] = {-1,     0,      0x1b,   0x1f,   0x7f,   0x80,
                               0x9b,   0x9f,   0x2028, 0x2029, 0x202a, 0x202e,
                               0x2066, 0x2069, 0xfffe, 0xffff};
    static const long good[] = {' ',    '~',    0xa0,   0xe9,   0x2027,
                                0x202f, 0x2065, 0x206a, 0xfffd, 0x1f600};

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_true(aa_text_unsafe(bad[i]));
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_false(aa_text_unsafe(good[i]));
}

/* The one visible form of text.c's head comment. */
static void
test_text_visible_form(void **state)
{
    (void)state;
    escapes_to("", 0, "");
    escapes_to("Contributor, é, \xf0\x9f\x98\x80 C:\\x", 0,
               "Contributor, é, \xf0\x9f\x98\x80 C:\\x");
    escapes_to("a\x1b[2Jb", 0, "a\\x1b[2Jb");
    escapes_to("\x1b]0;title\x07", 0, "\\x1b]0;title\\x07");
    escapes_to("1\n2\r3\t4", 0, "1\\n2\\r3\\t4");
    escapes_to("\x01\x7f", 0, "\\x01\\x7f");
    escapes_to("\xc2\x9b"
               "2J",
               0, "\\u009b2J"); /* C1 CSI */
    escapes_to("a\xe2\x80\xa8"
               "b\xe2\x80\xa9",
               0, "a\\u2028b\\u2029");
    escapes_to("\xe2\x80\xae"
               "cba\xe2\x81\xa6",
               0, "\\u202ecba\\u2066");
    escapes_to("\xef\xbf\xbe", 0, "\\ufffe");
    /* Any byte of a file name: each one that is not UTF-8 shown alone. */
    escapes_to("f\xff\xc0\xaf.json", 0, "f\\xff\\xc0\\xaf.json");
    escapes_to("\xe2\x80", 0, "\\xe2\\x80");
    /* Code keeps its tabs when asked. */
    escapes_to("\tx\x1b", AA_TEXT_TAB, "\tx\\x1b");
}

/* What a GitHub runner would take for a workflow command. */
static void
test_text_ci_commands(void **state)
{
    char buf[64] = {0};
    FILE *fp = fmemopen(buf, sizeof(buf) - 1, "w");

    (void)state;
    escapes_to("x ##[error]forged", 0, "x ##\\x5berror]forged");
    escapes_to("###[a", 0, "###\\x5ba");
    escapes_to("#[ # #[ #", 0, "#[ # #[ #");
    /* An Azure Pipelines agent runs "##vso[" anywhere in a line, and finds
     * it past invisible characters (soft hyphen, zero-width space). */
    escapes_to("a ##vso[task.setvariable variable=x]y", 0,
               "a ##vso\\x5btask.setvariable variable=x]y");
    escapes_to("##VSO[x", 0, "##VSO\\x5bx");
    escapes_to("##v\xc2\xadso[x", 0, "##v\xc2\xadso\\x5bx");
    escapes_to("#\xe2\x80\x8b#vso\xef\xbb\xbf[x", 0,
               "#\xe2\x80\x8b#vso\xef\xbb\xbf\\x5bx");
    escapes_to("##vs[x ##vsoo[x #vso[x", 0, "##vs[x ##vsoo[x #vso[x");
    escapes_to("\xff##vso[", 0, "\\xff##vso\\x5b");
    /* "::" is a command only at the start of a line, after blanks. */
    escapes_to("::error::forged", 0, "::error::forged");
    escapes_to("::error::forged", AA_TEXT_LINE, "\\x3a:error::forged");
    escapes_to("  \t::x", AA_TEXT_LINE | AA_TEXT_TAB, "  \t\\x3a:x");
    escapes_to("\xc2\xa0\xe3\x80\x80::x", AA_TEXT_LINE,
               "\xc2\xa0\xe3\x80\x80\\x3a:x");
    escapes_to("a ::x", AA_TEXT_LINE, "a ::x");
    escapes_to(":x", AA_TEXT_LINE, ":x");
    escapes_to("\x1b::x", AA_TEXT_LINE, "\\x1b::x");
    /* The same in the last bytes of a text longer than a word, which the
     * escaper takes as one word when nothing in it needs a look. */
    escapes_to("forged: ##[", 0, "forged: ##\\x5b");
    escapes_to("        ::x", AA_TEXT_LINE, "        \\x3a:x");
    escapes_to("abcdefghij\x1b", 0, "abcdefghij\\x1b");
    escapes_to("abcdefgh\xff", 0, "abcdefgh\\xff");
    escapes_to("abcdefgh\x7f", 0, "abcdefgh\\x7f");
    escapes_to("abcdefgh:: x", AA_TEXT_LINE, "abcdefgh:: x");
    /* Escaped text escapes to itself, but for a line start. */
    escapes_to("a\\x1b ##\\x5b", 0, "a\\x1b ##\\x5b");
    /* aa_text_putn reads n bytes and no more. */
    aa_text_putn(fp, "ab\ncd", 3, 0);
    aa_text_put(fp, "|\x1b", 0);
    fclose(fp);
    assert_string_equal(buf, "ab\\n|\\x1b");
}

/* JSON keeps every value exact and the text safe to print; a file name
 * that is not UTF-8 still gives JSON. */
static void
test_json_safe_to_print(void **state)
{
    static const char nasty[] =
        "\x1b[2J\xc2\x9b\x7f\xe2\x80\xa8\xe2\x80\xae##[error]x";
    cJSON *root = cJSON_CreateObject(), *back;
    char *text, *flat;

    (void)state;
    cJSON_AddStringToObject(root, "s", nasty);
    cJSON_AddStringToObject(root, "path",
                            "a\xff"
                            "b.json");
    cJSON_AddItemToObject(root, "n", cJSON_CreateArray());
    cJSON_AddItemToArray(cJSON_GetObjectItem(root, "n"), cJSON_CreateNumber(7));
    text = aa_jsonw_print(root);
    assert_non_null(strstr(text,
                           "\"s\": \"\\u001b[2J\\u009b\\u007f\\u2028\\u202e"
                           "##\\u005berror]x\""));
    assert_non_null(strstr(text, "\"path\": \"a\\ufffdb.json\""));
    for (const char *p = text; *p != '\0'; p++)
        assert_true(*p == '\n' || ((unsigned char)*p >= 0x20 && *p != 0x7f));
    back = cJSON_Parse(text);
    assert_non_null(back);
    assert_string_equal(cJSON_GetObjectItem(back, "s")->valuestring, nasty);
    assert_string_equal(cJSON_GetObjectItem(back, "path")->valuestring,
                        "a\xef\xbf\xbd"
                        "b.json");
    cJSON_Delete(back);
    /* NDJSON: cJSON's own layout, the same escaping. */
    flat = aa_jsonw_print_compact(root);
    assert_string_equal(flat, "{\"s\":\"\\u001b[2J\\u009b\\u007f\\u2028"
                              "\\u202e##\\u005berror]x\",\"path\":"
                              "\"a\\ufffdb.json\",\"n\":[7]}");
    cJSON_Delete(root);
    free(text);
    free(flat);
}

/* The layout of NDJSON output did not change with the escaping. */
static void
test_json_compact_layout(void **state)
{
    char *out = render("json", 0);
    cJSON *root = cJSON_Parse(out);
    char *ours = aa_jsonw_print_compact(root);
    char *theirs = cJSON_PrintUnformatted(root);

    (void)state;
    assert_string_equal(ours, theirs);
    cJSON_Delete(root);
    free(out);
    free(ours);
    free(theirs);
}

/* A plan whose values hold escape sequences, line breaks, CI commands and
 * backticks: every human format shows them escaped, on the line they
 * belong to, and Markdown fences and tables hold. */
static const char hostile_rules[] =
    "rules:\n"
    "  - id: pal.fit\n"
    "    title: Rule pal.fit\n"
    "    description: A rule of the tests.\n"
    "    mechanism: PAL\n"
    "    facts: [PAL-F01]\n"
    "    verdict: {fit: 80}\n"
    "    reason: Fits.\n"
    "    actions:\n"
    "      - text: Run it.\n"
    "        command: echo '${partner.name}'\n"
    "  - id: gen.id\n"
    "    title: Rule gen.id\n"
    "    description: A rule of the tests.\n"
    "    mechanism: GEN\n"
    "    facts: [GEN-F01]\n"
    "    when: {path: /partner/partner_id, exists: true}\n"
    "    finding: {severity: info, message: 'id ${partner.partner_id}'}\n";

static const char hostile[] =
    "{\"version\": 1, \"id\": \"::error::x\\u001b[2J\\n##[warning]y\",\n"
    " \"partner\": {\"partner_id\": \"a```|b\",\n"
    "  \"name\": \"1\\r\\n::error file=a::f```\"},\n"
    " \"solution\": {\"deployment\": {\"cua\": {\"guid\": "
    "\"1\\r\\n::error file=a::f```\"}}}}\n";

static void
test_text_hostile_values(void **state)
{
    char *text = render_of(hostile_rules, hostile, "text", 0);
    char *md = render_of(hostile_rules, hostile, "markdown", 0);
    static const char head[] =
        "\\x3a:error::x\\x1b[2J\\n##\\x5bwarning]y (plan.json)\n";

    (void)state;
    assert_true(strncmp(text, head, strlen(head)) == 0);
    assert_non_null(strstr(text, "$ echo '1\\r\\n::error file=a::f```'\n"));
    assert_non_null(strstr(text, "\n           id a```|b\n"));
    /* Brackets escaped: no link or image of the plan's making. */
    assert_non_null(strstr(md, "## Attribution advice: ::error::x\\x1b\\[2J\\n"
                               "##\\x5bwarning\\]y\n"));
    /* Fenced longer than the value's own backticks; '|' kept in a cell. */
    assert_non_null(strstr(md, "   ````sh\n   echo '1\\r\\n::error "
                               "file=a::f```'\n   ````\n"));
    assert_non_null(strstr(md, "| id a```\\|b | `gen.id`: GEN-F01 |\n"));
    for (const char *p = text; *p != '\0'; p++)
        assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
    for (const char *p = md; *p != '\0'; p++)
        assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
    free(text);
    free(md);
}

static void
test_unknown_format(void **state)
{
    (void)state;
    assert_int_equal(aa_render_exists("json"), 1);
    assert_int_equal(aa_render_exists("yaml"), 0);
    assert_int_equal(aa_render("yaml", NULL, NULL, stdout), -2);
}

/* A page shows each verdict's name with blanks for its underscores. */
static void
test_verdict_words(void **state)
{
    (void)state;
    for (int v = 0; v <= AA_V_NEEDS_INFO; v++) {
        const char *name = aa_verdict_name((enum aa_verdict)v);
        const char *words = aa_verdict_words((enum aa_verdict)v);
        size_t i;

        for (i = 0; name[i] != '\0'; i++)
            assert_int_equal(words[i], name[i] == '_' ? ' ' : name[i]);
        assert_int_equal(words[i], '\0');
    }
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
        cmocka_unit_test(test_text_decode),
        cmocka_unit_test(test_text_unsafe),
        cmocka_unit_test(test_text_visible_form),
        cmocka_unit_test(test_text_ci_commands),
        cmocka_unit_test(test_json_safe_to_print),
        cmocka_unit_test(test_json_compact_layout),
        cmocka_unit_test(test_text_hostile_values),
        cmocka_unit_test(test_unknown_format),
        cmocka_unit_test(test_verdict_words),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
