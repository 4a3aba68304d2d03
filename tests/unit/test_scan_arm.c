/* test_scan_arm.c -- ARM templates: expressions in deployment names and
 * conditions, root versus nested, links, comments and malformed JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scan_harness.h"

static void
scan(struct run *r, const char *text)
{
    run_scanner(r, aa_scan_arm, AA_SCAN_ARM, "t.json", text, strlen(text));
}

/* The first hit of a detector, or NULL. */
static const struct aa_hit *
hit(const struct run *r, enum aa_detect d)
{
    return nth(r, d, 0);
}

#define HEAD                                                                   \
    "{\"$schema\": \"https://schema.management.azure.com/schemas/"             \
    "2019-04-01/deploymentTemplate.json#\",\n"
#define G "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
#define DEP(name, extra)                                                       \
    "{\"type\": \"Microsoft.Resources/deployments\", " extra                   \
    "\"name\": \"" name "\", \"properties\": {\"mode\": \"Incremental\", "     \
    "\"template\": {\"resources\": []}}}"

static void
test_literal_root_pid(void **state)
{
    struct run r;
    const struct aa_hit *h;

    (void)state;
    scan(&r, HEAD "\"resources\": [\n  " DEP(
                 "pid-3F2504E0-4F89-41D3-9A0C-0305E82C3301", "") "]}");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    h = hit(&r, AA_D_PID_ROOT);
    assert_non_null(h);
    assert_string_equal(h->guid, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    assert_int_equal(h->line, 3);
    assert_int_equal(h->col, 55); /* the name's opening quote */
    run_done(&r);

    /* Partner Center's injected id need not have a GUID in the middle
     * (CUA-F15): in a template any pid-...-partnercenter is its id. */
    scan(&r, HEAD "\"resources\": [\n  " DEP(
                 "pid-contoso-myoffer-partnercenter", "") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    h = hit(&r, AA_D_PID_ROOT);
    assert_non_null(h);
    assert_string_equal(h->subject, "pid-contoso-myoffer-partnercenter");
    assert_null(h->guid);
    run_done(&r);
}

/* Variables holding objects whose properties are expressions, as the
 * Enterprise-Scale templates build their pid names. */
static void
test_variables_concat_take(void **state)
{
    struct run r;
    const struct aa_hit *h;

    (void)state;
    scan(&r, HEAD "\"variables\": {\"cuaid\": "
                  "\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\", \"names\": "
                  "{\"pid\": \"[take(concat('pid-', variables('cuaid'), '-', "
                  "uniqueString(deployment().name)), 64)]\"}},\n"
                  "\"resources\": [" DEP("[variables('names').pid]", "") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    h = hit(&r, AA_D_PID_ROOT);
    assert_non_null(h);
    assert_string_equal(
        h->subject, "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-" AA_HOLE_STR);
    run_done(&r);
}

static void
test_format_and_parameter(void **state)
{
    struct run r;

    (void)state;
    scan(&r,
         HEAD "\"parameters\": {\"tags\": {\"type\": \"object\", "
              "\"defaultValue\": {\"tracking\": "
              "\"pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}}},\n"
              "\"resources\": [" DEP("[parameters('tags').tracking]", "") "]}");
    /* A deployer can pass other tags: the pid is at risk. */
    assert_int_equal(r.f->status, AA_SCAN_AT_RISK);
    assert_non_null(hit(&r, AA_D_PID_PARAMETER));
    run_done(&r);

    scan(&r,
         HEAD "\"resources\": [" DEP("[format('pid-{0}-{1}', "
                                     "'3f2504e0-4f89-41d3-9a0c-0305e82c3301', "
                                     "uniqueString(parameters('x')))]",
                                     "") "]}");
    /* A parameter inside the unknown suffix changes nothing. */
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    assert_null(hit(&r, AA_D_PID_PARAMETER));
    run_done(&r);
}

/* A pid's status depends on its GUID, not on where its suffix comes
 * from: a parameter after a literal pid-<GUID> is like uniqueString(),
 * while a GUID (or pid- prefix) from a parameter can be overridden. */
static void
test_parameter_position(void **state)
{
    static const struct {
        const char *vars, *name;
        enum aa_scan_status st;
    } cases[] = {
        {"", "[concat('pid-" G "-', parameters('s'))]", AA_SCAN_ATTRIBUTED},
        {"", "[concat('pid-" G "-', parameters('n'))]", AA_SCAN_ATTRIBUTED},
        {"", "[format('pid-{0}-{1}', '" G "', parameters('s'))]",
         AA_SCAN_ATTRIBUTED},
        {"", "[take(concat('pid-" G "-', parameters('s')), 64)]",
         AA_SCAN_ATTRIBUTED},
        {"\"g\": \"" G "\"",
         "[concat('pid-', variables('g'), '-', parameters('s'))]",
         AA_SCAN_ATTRIBUTED},
        {"\"p\": \"[concat('pid-', '" G "', '-', parameters('s'))]\"",
         "[variables('p')]", AA_SCAN_ATTRIBUTED},
        {"", "[toLower(concat('PID-" G "-', parameters('s')))]",
         AA_SCAN_ATTRIBUTED},
        /* The GUID, the prefix or the whole name from a parameter. */
        {"", "[concat('pid-', parameters('g'))]", AA_SCAN_AT_RISK},
        {"", "[format('pid-{0}-x', parameters('g'))]", AA_SCAN_AT_RISK},
        {"", "[format(parameters('f'), 'x')]", AA_SCAN_AT_RISK},
        {"", "[concat(parameters('pre'), '" G "')]", AA_SCAN_AT_RISK},
        {"\"g\": \"[parameters('g')]\"",
         "[concat('pid-', variables('g'), '-x')]", AA_SCAN_AT_RISK},
        {"", "[parameters('whole')]", AA_SCAN_AT_RISK},
        {"", "[if(parameters('on'), 'pid-" G "', 'x')]", AA_SCAN_ATTRIBUTED},
        {"", "[if(parameters('on'), parameters('whole'), 'x')]",
         AA_SCAN_AT_RISK},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char text[2048];
        struct run r;

        snprintf(text, sizeof(text),
                 HEAD "\"parameters\": {\"s\": {\"type\": \"string\", "
                      "\"defaultValue\": \"suffix\"}, \"n\": {\"type\": "
                      "\"string\"}, \"g\": {\"type\": \"string\", "
                      "\"defaultValue\": \"" G "\"}, \"f\": {\"type\": "
                      "\"string\", \"defaultValue\": \"pid-" G "-{0}\"}, "
                      "\"pre\": {\"type\": \"string\", \"defaultValue\": "
                      "\"pid-\"}, \"whole\": {\"type\": \"string\", "
                      "\"defaultValue\": \"pid-" G "\"}, \"on\": {\"type\": "
                      "\"bool\", \"defaultValue\": true}},\n"
                      "\"variables\": {%s},\n"
                      "\"resources\": [" DEP("%s", "") "]}",
                 cases[i].vars, cases[i].name);
        scan(&r, text);
        assert_int_equal(r.rc, 0);
        if (r.f->status != cases[i].st)
            fail_msg("case %zu: %s", i, aa_scan_status_name(r.f->status));
        assert_non_null(hit(&r, AA_D_PID_ROOT));
        if (cases[i].st == AA_SCAN_AT_RISK)
            assert_non_null(hit(&r, AA_D_PID_PARAMETER));
        else
            assert_null(hit(&r, AA_D_PID_PARAMETER));
        run_done(&r);
    }
}

/* A Bicep file and the template "bicep build" writes from it agree:
 * same status, same detectors, same subjects. */
static void
test_compiled_bicep_agrees(void **state)
{
    static const char *const dir =
        AA_SOURCE_DIR "/tests/cases/scan/bicep-arm-pair/";
    char path[1024], *text, seen[2][512];
    struct run r[2];
    size_t len;

    (void)state;
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof(path), "%s%s", dir,
                 k ? "main.json" : "main.bicep");
        text = read_text(path, &len);
        assert_non_null(text);
        run_scanner(&r[k], k ? aa_scan_arm : aa_scan_bicep,
                    k ? AA_SCAN_ARM : AA_SCAN_BICEP, path, text, len);
        free(text);
        assert_int_equal(r[k].rc, 0);
        /* Detectors in the order of the enum, whatever order of the text. */
        seen[k][0] = '\0';
        for (int d = 0; d < AA_D_COUNT; d++)
            for (size_t i = 0; i < r[k].f->nhits; i++)
                if (r[k].f->hits[i].what == (enum aa_detect)d)
                    snprintf(seen[k] + strlen(seen[k]),
                             sizeof(seen[k]) - strlen(seen[k]), "%s=%s ",
                             aa_detect_name((enum aa_detect)d),
                             r[k].f->hits[i].subject ? r[k].f->hits[i].subject
                                                     : "");
    }
    assert_int_equal(r[0].f->status, AA_SCAN_ATTRIBUTED);
    assert_int_equal(r[1].f->status, r[0].f->status);
    assert_string_equal(seen[1], seen[0]);
    assert_non_null(strstr(seen[0], "pid_root=pid-"));
    run_done(&r[0]);
    run_done(&r[1]);
}

static void
test_conditions(void **state)
{
    struct run r;

    (void)state;
    scan(&r, HEAD "\"parameters\": {\"optOut\": {\"type\": \"string\", "
                  "\"defaultValue\": \"No\"}},\n\"resources\": [" DEP(
                      "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                      "\"condition\": \"[equals(parameters('optOut'), "
                      "'No')]\", ") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    assert_non_null(hit(&r, AA_D_PID_OPT_OUT));
    run_done(&r);

    scan(&r, HEAD "\"parameters\": {\"on\": {\"type\": \"bool\", "
                  "\"defaultValue\": false}},\n\"resources\": [" DEP(
                      "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                      "\"condition\": \"[parameters('on')]\", ") "]}");
    assert_int_equal(r.f->status, AA_SCAN_AT_RISK);
    assert_non_null(hit(&r, AA_D_PID_OFF_BY_DEFAULT));
    run_done(&r);

    /* A condition no deployer can change is no opt-out, as Bicep's
     * "var on = true" (what bicep build writes for it) is none; one that
     * cannot be told is. */
    scan(&r, HEAD "\"variables\": {\"on\": true, \"v\": \"1.0\"},\n"
                  "\"resources\": [" DEP(
                      "pid-" G, "\"condition\": "
                                "\"[and(variables('on'), "
                                "equals(variables('v'), '1.0'))]\", ") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    assert_int_equal(r.f->nhits, 1);
    run_done(&r);
    scan(&r,
         HEAD "\"resources\": [" DEP("pid-" G, "\"condition\": "
                                               "\"[contains(variables('x'), "
                                               "'y')]\", ") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    assert_non_null(hit(&r, AA_D_PID_OPT_OUT));
    run_done(&r);
}

/* An inline nested template's pid does not count (CUA-F09); with inner
 * scope it sees its own parameters only. */
static void
test_nested_inner_scope(void **state)
{
    struct run r;

    (void)state;
    scan(&r,
         HEAD "\"parameters\": {\"g\": {\"type\": \"string\", "
              "\"defaultValue\": \"outer\"}},\n"
              "\"resources\": [{\"type\": \"Microsoft.Resources/deployments\", "
              "\"name\": \"wrapper\", \"properties\": "
              "{\"expressionEvaluationOptions\": {\"scope\": \"inner\"}, "
              "\"template\": {\"parameters\": {\"g\": {\"type\": \"string\", "
              "\"defaultValue\": \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}}, "
              "\"resources\": [" DEP("[concat('pid-', parameters('g'))]",
                                     "") "]}}}]}");
    assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_non_null(hit(&r, AA_D_PID_NESTED));
    assert_string_equal(hit(&r, AA_D_PID_NESTED)->guid,
                        "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    assert_null(hit(&r, AA_D_PID_NONE));
    run_done(&r);
}

/* languageVersion 2.0 keeps resources in an object. */
static void
test_symbolic_resources(void **state)
{
    struct run r;

    (void)state;
    scan(&r, HEAD "\"languageVersion\": \"2.0\", \"resources\": {\"t\": " DEP(
                 "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301", "") "}}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    run_done(&r);
}

/* Layout decides nothing: a name or condition written across lines (ARM
 * takes line breaks inside expressions), comments between the parts, and
 * resources kept in an object (languageVersion 2.0) give what one line
 * gives. */
static void
test_layout(void **state)
{
    static const char *const cases[] = {
        HEAD "\"parameters\": {\"telemetryOptOut\": {\"type\": \"bool\",\n"
             "  \"defaultValue\": false}},\n"
             "\"resources\": [\n"
             "  {\n"
             "    // usage attribution\n"
             "    \"type\": \"Microsoft.Resources/deployments\",\n"
             "    \"condition\": \"[not(\n"
             "      parameters('telemetryOptOut'))]\",\n"
             "    /* the name */ \"name\":\n"
             "      \"[concat(\n"
             "        'pid-',\n"
             "        '3f2504e0-4f89-41d3-9a0c-0305e82c3301')]\",\n"
             "    \"properties\": {\"mode\": \"Incremental\",\n"
             "      \"template\": {\"resources\": []}}\n"
             "  }\n"
             "]}",
        HEAD "\"languageVersion\": \"2.0\",\n"
             "\"parameters\": {\"telemetryOptOut\": {\"type\": \"bool\",\n"
             "  \"defaultValue\": false}},\n"
             "\"resources\": {\n"
             "  \"pid\": {\n"
             "    \"condition\": \"[not(parameters('telemetryOptOut'))]\",\n"
             "    \"type\": \"Microsoft.Resources/deployments\",\n"
             "    \"apiVersion\": \"2022-09-01\",\n"
             "    \"name\": \"pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\n"
             "    \"properties\": {\"mode\": \"Incremental\",\n"
             "      \"template\": {\"resources\": []}}\n"
             "  }\n"
             "}}",
    };
    struct run r;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        scan(&r, cases[i]);
        assert_int_equal(r.rc, 0);
        if (r.f->status != AA_SCAN_ATTRIBUTED)
            fail_msg("case %zu: %s", i, aa_scan_status_name(r.f->status));
        assert_string_equal(hit(&r, AA_D_PID_ROOT)->subject,
                            "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        assert_non_null(hit(&r, AA_D_PID_OPT_OUT));
        assert_int_equal(r.f->nhits, 2);
        run_done(&r);
    }

    /* A deployment that already exists (Bicep's "existing", compiled to
     * "existing": true) is not deployed: its name is no pid, as in the
     * Bicep it came from. */
    scan(&r, HEAD "\"languageVersion\": \"2.0\", \"resources\": {\"old\": "
                  "{\"existing\": true, \"type\": "
                  "\"Microsoft.Resources/deployments\", \"apiVersion\": "
                  "\"2021-04-01\", \"name\": "
                  "\"pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}}}");
    assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_non_null(hit(&r, AA_D_PID_NONE));
    assert_int_equal(r.f->nhits, 1);
    run_done(&r);
}

static void
test_comments_escapes_placeholders(void **state)
{
    struct run r;

    (void)state;
    /* JSON with comments; a "//" inside a string is not one. */
    scan(&r, HEAD "// the tracking deployment\n/* block */ \"resources\": "
                  "[" DEP("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                          "\"x\": \"https://a//b\", ") "]}");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    run_done(&r);

    /* "[[" starts a literal, not an expression. */
    scan(&r, HEAD "\"resources\": [" DEP("[[pid-x]", "") "]}");
    assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_non_null(hit(&r, AA_D_PID_NONE));
    run_done(&r);

    scan(&r, HEAD "\"resources\": [" DEP("${admin.start}", "") "]}");
    assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_string_equal(hit(&r, AA_D_PID_PLACEHOLDER)->subject,
                        "${admin.start}");
    run_done(&r);

    /* Every placeholder form, after pid- too and through expressions, is
     * a placeholder rather than a malformed pid (CUA-F25); at any depth,
     * as malformed names are. */
    scan(
        &r,
        HEAD "\"variables\": {\"g\": \"__PID__\"},\n\"resources\": [" DEP(
            "pid-<GUID>",
            "") ",\n" DEP("[concat('pid-', variables('g'))]",
                          "") ",\n" DEP("{{pidName}}",
                                        "") ",\n" DEP("pid-{guid}-"
                                                      "partnercenter",
                                                      "") ",\n"
                                                          "{\"type\": "
                                                          "\"Microsoft."
                                                          "Resources/"
                                                          "deployments\", "
                                                          "\"name\": \"n\", "
                                                          "\"properties\": "
                                                          "{\"template\": "
                                                          "{\"resources\": "
                                                          "[" DEP("pid-$(PID)",
                                                                  "") "]}}}]}");
    assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 0)->subject,
                        "pid-<GUID>");
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 1)->subject,
                        "pid-__PID__");
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 2)->subject,
                        "{{pidName}}");
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 3)->subject,
                        "pid-{guid}-partnercenter");
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 4)->subject,
                        "pid-$(PID)");
    assert_int_equal(r.f->nhits, 5);
    run_done(&r);
}

static void
test_links(void **state)
{
    struct run r;

    (void)state;
    scan(&r, HEAD "\"resources\": [{\"type\": "
                  "\"Microsoft.Resources/deployments\", \"name\": \"a\", "
                  "\"properties\": {\"templateLink\": {\"uri\": "
                  "\"[uri(deployment().properties.templateLink.uri, "
                  "'nestedtemplates/storage.json')]\"}}}, {\"type\": "
                  "\"Microsoft.Resources/deployments\", \"name\": \"b\", "
                  "\"properties\": {\"templateLink\": {\"uri\": "
                  "\"[concat(parameters('base'), '/linked/vnet.json', "
                  "parameters('sas'))]\"}}}]}");
    assert_int_equal(r.f->nlinks, 2);
    assert_string_equal(r.f->links[0], "nestedtemplates/storage.json");
    assert_string_equal(r.f->links[1], "linked/vnet.json");
    run_done(&r);
}

/* templateLink URIs built from an _artifactsLocation: a concrete https
 * default gives the child's URL (its query string cut), to be matched to
 * a scanned file by scan.c; the template's own URI as the default means
 * "relative to this template", as relativePath does. */
static void
test_links_artifacts_location(void **state)
{
    static const struct {
        const char *base, *uri, *link;
    } cases[] = {
        {"https://raw.githubusercontent.com/org/repo/master/sub/",
         "[uri(parameters('_artifactsLocation'), 'nested/x.json')]",
         "https://raw.githubusercontent.com/org/repo/master/sub/nested/x.json"},
        {"https://raw.githubusercontent.com/org/repo/master/sub/",
         "[concat(variables('base'), 'nestedtemplates/x.json', "
         "parameters('_artifactsLocationSasToken'))]",
         "https://raw.githubusercontent.com/org/repo/master/sub/"
         "nestedtemplates/x.json"},
        {"https://raw.githubusercontent.com/org/repo/master/sub/",
         "[uri(variables('base'), concat('nested/x.json', "
         "parameters('sas')))]",
         "https://raw.githubusercontent.com/org/repo/master/sub/nested/x.json"},
        /* uri() without a trailing slash drops the base's last segment. */
        {"https://example.com/t/azuredeploy.json",
         "[uri(parameters('_artifactsLocation'), 'nested/x.json')]",
         "https://example.com/t/nested/x.json"},
        {"https://example.com/t/",
         "[format('{0}nested/x.json?{1}', parameters('_artifactsLocation'), "
         "'sv=1')]",
         "https://example.com/t/nested/x.json"},
        {"[deployment().properties.templateLink.uri]",
         "[uri(parameters('_artifactsLocation'), concat('nested/x.json', "
         "parameters('_artifactsLocationSasToken')))]",
         "nested/x.json"},
        /* A folder URI built on the template's own, then a file in it. */
        {"[deployment().properties.templateLink.uri]",
         "[uri(uri(variables('base'), 'nested/'), 'x.json')]", "nested/x.json"},
        {"https://example.com/t/",
         "[uri(uri(variables('base'), 'nested/'), 'x.json')]",
         "https://example.com/t/nested/x.json"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char text[2048];
        struct run r;

        snprintf(text, sizeof(text),
                 HEAD "\"parameters\": {\"_artifactsLocation\": {\"type\": "
                      "\"string\", \"defaultValue\": \"%s\"}, "
                      "\"_artifactsLocationSasToken\": {\"type\": "
                      "\"securestring\", \"defaultValue\": \"\"}, "
                      "\"sas\": {\"type\": \"securestring\"}},\n"
                      "\"variables\": {\"base\": "
                      "\"[parameters('_artifactsLocation')]\"},\n"
                      "\"resources\": [{\"type\": "
                      "\"Microsoft.Resources/deployments\", \"name\": \"a\", "
                      "\"properties\": {\"templateLink\": {\"uri\": "
                      "\"%s\"}}}]}",
                 cases[i].base, cases[i].uri);
        scan(&r, text);
        assert_int_equal(r.rc, 0);
        if (r.f->nlinks != 1)
            fail_msg("case %zu: %zu links", i, r.f->nlinks);
        if (strcmp(r.f->links[0], cases[i].link) != 0)
            fail_msg("case %zu: %s", i, r.f->links[0]);
        run_done(&r);
    }
}

static void
test_not_a_template(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "{\"$schema\": \"https://schema.management.azure.com/schemas/"
             "2019-04-01/deploymentParameters.json#\", \"parameters\": {}}");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.f->status, AA_SCAN_CONTEXT);
    assert_int_equal(r.f->nhits, 0);
    run_done(&r);

    /* Any template schema is one; an unknown one with resources is read
     * as a template too (scan.c says why in a folder). */
    scan(&r, "{\"$schema\": \"http://schemas.management.azure.com/schemas/"
             "2018-05-01/subscriptionDeploymentTemplate.json\", "
             "\"resources\": [" DEP("pid-" G, "") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    run_done(&r);
    scan(&r,
         "{\"$schema\": \"https://example.com/t.json\", \"contentVersion\": "
         "\"1.0.0.0\", \"resources\": [" DEP("pid-" G, "") "]}");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    run_done(&r);
}

static void
test_malformed(void **state)
{
    static const char *const bad[] = {
        "",
        "   \n",
        "[1, 2]",
        "{\"resources\": [",
        "{\"a\": 1,}",
        "{\"resources\": [{\"name\": \"x\"}] /* open",
        "\"just a string\"",
    };
    struct run r;
    char *deep;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        scan(&r, bad[i]);
        assert_int_equal(r.rc, -1);
        assert_int_equal(r.dl.n, 1);
        assert_int_equal(r.dl.v[0].code, AA_E_ARTIFACT);
        run_done(&r);
    }
    /* Nesting past cJSON's limit is an error, not a stack overflow. */
    deep = aa_xmalloc(20002);
    memset(deep, '[', 10000);
    memset(deep + 10000, ']', 10000);
    deep[20000] = '\0';
    scan(&r, deep);
    assert_int_equal(r.rc, -1);
    run_done(&r);
    free(deep);

    /* An expression that is not one: no crash, nothing found. */
    scan(&r, HEAD "\"resources\": [" DEP("[concat('pid-', ((( ]", "") "," DEP(
                 "[']", "") "," DEP("[variables('a')]", "") "]}");
    assert_int_equal(r.rc, 0);
    run_done(&r);
}

/* A variable that refers to itself ends at the depth limit, not never:
 * "pid-pid-pid-..." is then no pid at all. */
static void
test_self_reference(void **state)
{
    struct run r;

    (void)state;
    scan(&r, HEAD "\"variables\": {\"a\": \"[concat('pid-', "
                  "variables('a'))]\"},\n\"resources\": [" DEP(
                      "[variables('a')]", "") "]}");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_non_null(hit(&r, AA_D_PID_BAD_GUID));
    run_done(&r);
}

/* Every template of the corpus gets a status expected.tsv allows. */
static void
test_corpus(void **state)
{
    (void)state;
    check_corpus(aa_scan_arm, AA_SCAN_ARM, ".json", 11);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_root_pid),
        cmocka_unit_test(test_variables_concat_take),
        cmocka_unit_test(test_format_and_parameter),
        cmocka_unit_test(test_parameter_position),
        cmocka_unit_test(test_compiled_bicep_agrees),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_nested_inner_scope),
        cmocka_unit_test(test_symbolic_resources),
        cmocka_unit_test(test_comments_escapes_placeholders),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_links_artifacts_location),
        cmocka_unit_test(test_not_a_template),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_self_reference),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
