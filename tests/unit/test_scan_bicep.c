/*
 * test_scan_bicep.c -- the Bicep scanner: the lexer (strings, escapes,
 * interpolation, comments), the partial evaluation of names and
 * conditions, every detector it reports, the statuses, malformed input,
 * and the .bicep files of the corpus against expected.tsv.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scan_harness.h"

#define G1 "f8087c67-cc41-46b2-994d-66e4b661860d"
#define G2 "B2C934E3-29F3-4194-BFD2-4F1370B78E0C"
#define G3 "acce1e78-babd-6b30-049f-9496f0518a8f"
#define HOLE AA_HOLE_STR
#define DEPLOY "resource cua 'Microsoft.Resources/deployments@2021-04-01' = "

/* Scan len bytes as the Bicep file 'path'. */
static void
scan_n(struct run *r, const char *path, const char *text, size_t len)
{
    run_scanner(r, aa_scan_bicep, AA_SCAN_BICEP, path, text, len);
}

static void
scan(struct run *r, const char *text)
{
    scan_n(r, "main.bicep", text, strlen(text));
}

/* A hit about the whole file: no subject; scan.c decides its place. */
static void
expect_file_hit(const struct run *r, enum aa_detect what)
{
    const struct aa_hit *h = nth(r, what, 0);

    if (h == NULL)
        fail_msg("no %s hit", aa_detect_name(what));
    assert_null(h->subject);
}

/* ---- names ------------------------------------------------------------ */

static void
test_literal_root(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "// attribution\n"
             "@description('CUA')\n"
             "resource attribution 'Microsoft.Resources/deployments@2020-06-01'"
             " = {\n"
             "  name: 'pid-" G3 "'\n"
             "  properties: {\n"
             "    mode: 'Incremental'\n"
             "    template: { resources: [] }\n"
             "  }\n"
             "}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G3, 4, 9);
    assert_string_equal(r.f->hits[0].guid, G3);
    assert_int_equal(r.f->nlinks, 0);
    run_done(&r);

    /* Partner Center's injected id need not have a GUID in the middle
     * (CUA-F15): in a template any pid-...-partnercenter is its id. */
    scan(&r, "module pc './empty.bicep' = {\n"
             "  name: 'pid-contoso-myoffer-partnercenter'\n"
             "}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_ROOT, "pid-contoso-myoffer-partnercenter", 2, 9);
    assert_null(r.f->hits[0].guid);
    run_done(&r);
}

/* ALZ (F17, F18): a var GUID, a uniqueString suffix, an opt-out param. */
static void
test_module_opt_out(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "targetScope = 'subscription'\n"
             "param parTelemetryOptOut bool = false\n"
             "module modCua '../../CRML/cua.bicep' = if (!parTelemetryOptOut) "
             "{\n"
             "  name: 'pid-${varCuaid}-${uniqueString(subscription().id)}'\n"
             "}\n"
             "var varCuaid = '" G1 "'\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G1 "-" HOLE, 4, 9);
    expect_hit(&r, AA_D_PID_OPT_OUT, "pid-" G1 "-" HOLE, 3, 44);
    assert_int_equal(r.f->nlinks, 1);
    assert_string_equal(r.f->links[0], "../../CRML/cua.bicep");
    run_done(&r);
}

/* F09: the name is a property of an object param's default. */
static void
test_param_object(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "@description('Unique identifiers')\n"
             "param elasticTags object = {\n"
             "  provider: '648D2193-0CE0-4EFB-8A82-AF9792184FD9'\n"
             "  tracking: 'pid-" G2 "'\n"
             "}\n"
             "var tags = elasticTags\n" DEPLOY "{\n"
             "  name: tags.tracking\n"
             "}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G2, 8, 9);
    expect_hit(&r, AA_D_PID_PARAMETER, "pid-" G2, 8, 9);
    assert_string_equal(r.f->hits[0].guid,
                        "b2c934e3-29f3-4194-bfd2-4f1370b78e0c");
    run_done(&r);

    /* A param that only feeds the suffix leaves the pid the author's. */
    scan(&r, "param location string = resourceGroup().location\n" DEPLOY
             "{\n  name: 'pid-" G3 "-${location}'\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G3 "-" HOLE, 3, 9);
    run_done(&r);
}

/* A pid's status depends on its GUID, not on where its suffix comes from
 * (as in test_scan_arm.c's test_parameter_position, which has the ARM
 * forms of the same names). */
static void
test_parameter_position(void **state)
{
    static const struct {
        const char *name;
        enum aa_scan_status st;
    } cases[] = {
        {"'pid-" G1 "-${s}'", AA_SCAN_ATTRIBUTED},
        {"'pid-" G1 "-${n}'", AA_SCAN_ATTRIBUTED},
        {"concat('pid-" G1 "-', n)", AA_SCAN_ATTRIBUTED},
        {"format('pid-{0}-{1}', '" G1 "', s)", AA_SCAN_ATTRIBUTED},
        {"take('pid-" G1 "-${s}', 64)", AA_SCAN_ATTRIBUTED},
        {"'pid-${cuaid}-${s}'", AA_SCAN_ATTRIBUTED},
        {"p", AA_SCAN_ATTRIBUTED},
        {"toLower('PID-" G1 "-${s}')", AA_SCAN_ATTRIBUTED},
        {"'pid-${g}'", AA_SCAN_AT_RISK},
        {"format('pid-{0}-x', g)", AA_SCAN_AT_RISK},
        {"format(f, 'x')", AA_SCAN_AT_RISK},
        {"'${pre}" G1 "'", AA_SCAN_AT_RISK},
        {"'pid-${viaParam}-x'", AA_SCAN_AT_RISK},
        {"whole", AA_SCAN_AT_RISK},
        {"on ? 'pid-" G1 "' : 'x'", AA_SCAN_ATTRIBUTED},
        {"on ? whole : 'x'", AA_SCAN_AT_RISK},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char text[1024];
        struct run r;

        snprintf(text, sizeof(text),
                 "param s string = 'suffix'\nparam n string\n"
                 "param g string = '" G1 "'\nparam f string = 'pid-" G1
                 "-{0}'\nparam pre string = 'pid-'\n"
                 "param whole string = 'pid-" G1 "'\nparam on bool = true\n"
                 "var cuaid = '" G1 "'\nvar viaParam = g\n"
                 "var p = 'pid-" G1 "-${s}'\n" DEPLOY "{\n  name: %s\n}\n",
                 cases[i].name);
        scan(&r, text);
        assert_int_equal(r.rc, 0);
        if (r.f->status != cases[i].st)
            fail_msg("case %zu: %s", i, aa_scan_status_name(r.f->status));
        assert_non_null(nth(&r, AA_D_PID_ROOT, 0));
        if (cases[i].st == AA_SCAN_AT_RISK)
            assert_non_null(nth(&r, AA_D_PID_PARAMETER, 0));
        else
            assert_null(nth(&r, AA_D_PID_PARAMETER, 0));
        run_done(&r);
    }
}

/* Conditions evaluated with the params' defaults. */
static void
test_conditions(void **state)
{
    static const struct {
        const char *decls, *cond;
        enum aa_detect what; /* AA_D_COUNT: no hit */
        enum aa_scan_status st;
    } cases[] = {
        {"param on bool = false", "on", AA_D_PID_OFF_BY_DEFAULT,
         AA_SCAN_AT_RISK},
        {"param on bool = true", "on", AA_D_PID_OPT_OUT, AA_SCAN_ATTRIBUTED},
        {"param o string = 'No'", "o == 'No'", AA_D_PID_OPT_OUT,
         AA_SCAN_ATTRIBUTED},
        {"param o string = 'Yes'", "o == 'No'", AA_D_PID_OFF_BY_DEFAULT,
         AA_SCAN_AT_RISK},
        {"param o string = 'no'", "o =~ 'NO' && !false", AA_D_PID_OPT_OUT,
         AA_SCAN_ATTRIBUTED},
        {"param o string = 'no'", "o != 'no' || !!false",
         AA_D_PID_OFF_BY_DEFAULT, AA_SCAN_AT_RISK},
        {"var on = true", "on", AA_D_COUNT, AA_SCAN_ATTRIBUTED},
        {"var on = false", "on", AA_D_PID_OFF_BY_DEFAULT, AA_SCAN_AT_RISK},
        /* What cannot be told is the deployer's switch: an opt-out. */
        {"param on bool", "on", AA_D_PID_OPT_OUT, AA_SCAN_ATTRIBUTED},
        {"param x object", "x.outputs.enabled", AA_D_PID_OPT_OUT,
         AA_SCAN_ATTRIBUTED},
        {"param on bool = true", "on && contains(x, 'y')", AA_D_PID_OPT_OUT,
         AA_SCAN_ATTRIBUTED},
        {"param off bool = false", "off && contains(x, 'y')",
         AA_D_PID_OFF_BY_DEFAULT, AA_SCAN_AT_RISK},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char text[512];
        struct run r;

        snprintf(text, sizeof(text),
                 "%s\n" DEPLOY "if (%s) {\n  name: 'pid-" G1 "'\n}\n",
                 cases[i].decls, cases[i].cond);
        scan(&r, text);
        expect_status(&r, cases[i].st, cases[i].what == AA_D_COUNT ? 1 : 2);
        if (cases[i].what != AA_D_COUNT)
            expect_hit(&r, cases[i].what, "pid-" G1, 2, 65);
        run_done(&r);
    }
}

/* Names that are CUA-like but wrong, and AVM telemetry. */
static void
test_forms(void **state)
{
    static const struct {
        const char *name;
        enum aa_detect what;
        const char *subject;
    } cases[] = {
        {"'${cuaid}-${uniqueString(x)}'", AA_D_PID_NO_PREFIX, G1 "-" HOLE},
        {"'pid-app-gateway-start'", AA_D_PID_BAD_GUID, "pid-app-gateway-start"},
        {"'pid-00000000-0000-0000-0000-000000000000'", AA_D_PID_ZERO_GUID,
         "pid-00000000-0000-0000-0000-000000000000"},
        {"'46d3xbcp.res.kv.${replace(v, '.', '-')}.${take(s, 4)}'",
         AA_D_AVM_TELEMETRY, "46d3xbcp.res.kv." HOLE "." HOLE},
        /* Placeholders nothing in Bicep fills in (CUA-F25); "\${" is a
         * literal "${", not interpolation. */
        {"'pid-<GUID>'", AA_D_PID_PLACEHOLDER, "pid-<GUID>"},
        {"'pid-\\${PID}'", AA_D_PID_PLACEHOLDER, "pid-${PID}"},
        {"'pid-__PID__-partnercenter'", AA_D_PID_PLACEHOLDER,
         "pid-__PID__-partnercenter"},
        {"'__CUA_DEPLOYMENT__'", AA_D_PID_PLACEHOLDER, "__CUA_DEPLOYMENT__"},
        {"'pid-$(PartnerGuid)-${uniqueString(x)}'", AA_D_PID_PLACEHOLDER,
         "pid-$(PartnerGuid)-" HOLE},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char text[512];
        struct run r;

        snprintf(text, sizeof(text),
                 "param enableTelemetry bool = true\n"
                 "var cuaid = '" G1 "'\n" DEPLOY
                 "if (enableTelemetry) {\n  name: %s\n}\n",
                 cases[i].name);
        scan(&r, text);
        expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
        expect_hit(&r, cases[i].what, cases[i].subject, 4, 9);
        run_done(&r);
    }
}

static void
test_unresolved(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "param cuaId string\n" DEPLOY "{\n  name: 'pid-${cuaId}'\n}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    expect_hit(&r, AA_D_PID_UNRESOLVED, "pid-" HOLE, 3, 9);
    run_done(&r);

    /* F22: a sentinel default, switched on by the caller's name. */
    scan(&r, "// Deployment for pids.\n"
             "param name string = 'pid'\n"
             "module pidStart './_empty.bicep' = if (name != 'pid'){\n"
             "  name: name\n"
             "}\n"
             "output appgwEnd string = '" G1 "'\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_PID_UNRESOLVED, HOLE, 4, 9);
    expect_hit(&r, AA_D_PID_OFF_BY_DEFAULT, HOLE, 3, 40);
    run_done(&r);

    /* A param with no pid about it is just a name. */
    scan(&r, "param deploymentName string = 'storageDeployment'\n"
             "module rapid './storage.bicep' = {\n"
             "  name: deploymentName\n"
             "}\n"
             "module pids './_pid.bicep' = {\n  name: 'initialization'\n}\n"
             "module hub 'hub.bicep' = {\n"
             "  name: take('hub-${deployment().name}-deployment', 64)\n"
             "}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_file_hit(&r, AA_D_PID_NONE);
    assert_int_equal(r.f->nlinks, 3);
    run_done(&r);

    /* A name loaded from a file the scan does not read, on a module its
     * author named for a pid: unresolved, not "no pid" (G035); the same
     * on a module named otherwise says nothing. */
    scan(&r, "var config = loadJsonContent('config.json')\n"
             "module partnerCenterPid './_empty.bicep' = {\n"
             "  name: config.customerUsageAttributionId\n}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    expect_hit(&r, AA_D_PID_UNRESOLVED, HOLE, 3, 9);
    run_done(&r);
    scan(&r, "var config = loadJsonContent('config.json')\n"
             "module storage './storage.bicep' = {\n"
             "  name: config.storageDeployment\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_file_hit(&r, AA_D_PID_NONE);
    run_done(&r);
}

static void
test_too_long_and_several(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "var suffix = 'a-rather-long-suffix-for-a-name'\n" DEPLOY
             "{\n  name: 'pid-" G1 "-${suffix}'\n}\n");
    /* ARM refuses the deployment: no root pid, as in scan_arm.c. */
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_TOO_LONG,
               "pid-" G1 "-a-rather-long-suffix-for-a-name", 3, 9);
    run_done(&r);

    /* take() keeps it under the limit; a hole hides the length. */
    scan(&r, "var suffix = 'a-rather-long-suffix-for-a-name'\n" DEPLOY
             "{\n  name: take('pid-" G1 "-${suffix}', 64)\n}\n"
             "module m 'm.bicep' = {\n"
             "  name: 'pid-" G1 "-${suffix}-${uniqueString(x)}'\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    assert_int_equal(strlen(nth(&r, AA_D_PID_ROOT, 0)->subject), 64);
    assert_null(nth(&r, AA_D_PID_TOO_LONG, 0));
    run_done(&r);

    scan(&r, "module a 'a.bicep' = {\n  name: 'pid-" G1 "'\n}\n"
             "module b 'b.bicep' = {\n  name: 'pid-" G1 "-x'\n}\n"
             "module c 'c.bicep' = {\n  name: 'pid-" G3 "'\n}\n"
             "module d 'd.bicep' = {\n  name: 'pid-" G2 "-partnercenter'\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 5);
    expect_hit(&r, AA_D_PID_SEVERAL, "pid-" G3, 8, 9);
    run_done(&r);
}

static void
test_commented_out(void **state)
{
    struct run r;

    (void)state;
    /* F32 */
    scan(&r, "param name string\n"
             "// resource t 'Microsoft.Resources/deployments@2021-04-01' = {\n"
             "//   name: 'pid-" G1 "-${uniqueString(deployment().name)}'\n"
             "// }\n"
             "resource queue 'Microsoft.Storage/queues@2019-06-01' = {\n"
             "  name: name\n"
             "}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_COMMENTED_OUT, "pid-" G1, 3, 13);
    run_done(&r);

    scan(&r, "/* old:\n   name: 'PID-" G2 "'\n*/\ntargetScope = 'tenant'\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_COMMENTED_OUT, "PID-" G2, 2, 11);
    run_done(&r);

    /* Beside a live pid, an old one in a comment is history. */
    scan(&r, "// was pid-" G3 "\n" DEPLOY "{\n  name: 'pid-" G1 "'\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);
}

static void
test_none_and_context(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
             "  name: 'pid-" G1 "'\n"
             "}\n"
             "resource old 'Microsoft.Resources/deployments@2021-04-01' "
             "existing = {\n  name: 'pid-" G1 "'\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_file_hit(&r, AA_D_PID_NONE);
    run_done(&r);

    /* F20: a helper a caller names; nothing here to judge. */
    scan(&r, "/*\nSUMMARY: Module to add the customer usage attribution "
             "(PID)\n*/\n\ntargetScope = 'resourceGroup'\n\n"
             "// This is an empty deployment by design\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);

    scan(&r, "");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
}

/* format, concat, toLower/toUpper, string, ternaries, nesting. */
static void
test_functions(void **state)
{
    static const struct {
        const char *expr, *subject;
    } cases[] = {
        {"format('pid-{0}-{1}', cuaid, uniqueString(x))", "pid-" G1 "-" HOLE},
        {"format('pid-{0}-{{1}}', cuaid)", "pid-" G1 "-{1}"},
        {"concat('pid-', cuaid, '-', string(suffix))", "pid-" G1 "-ab"},
        {"toLower('PID-${toUpper(cuaid)}')", "pid-" G1},
        {"on ? 'pid-${cuaid}' : 'none'", "pid-" G1},
        {"!on ? 'none' : 'pid-${cuaid}'", "pid-" G1},
        {"obj.inner.id", "pid-" G1},
        {"obj.?inner.id", "pid-" G1},
        {"'pid-${'${cuaid}'}'", "pid-" G1},
        {"'pid-${format('{0}', '${cuaid}')}'", "pid-" G1},
        {"(('pid-${cuaid}'))", "pid-" G1},
        {"'pid-${cuaid}-${items[0]}-${res::child.id}-${x!.y}'",
         "pid-" G1 "-" HOLE "-" HOLE "-" HOLE},
        {"'pid-${cuaid}-${map(l, i => i.name)}'", "pid-" G1 "-" HOLE},
        {"'pid-${cuaid}-${1 + 2}'", "pid-" G1 "-" HOLE},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char text[1024];
        struct run r;

        snprintf(text, sizeof(text),
                 "var cuaid = '" G1 "'\nvar suffix = 'ab'\nparam on bool = "
                 "true\nvar obj = {\n  inner: {\n    id: 'pid-${cuaid}'\n"
                 "  }\n}\n" DEPLOY "{\n  name: %s\n}\n",
                 cases[i].expr);
        scan(&r, text);
        if (r.f->nhits == 0 || strcmp(r.f->hits[0].subject, cases[i].subject))
            fail_msg("case %zu: %s", i,
                     r.f->nhits ? r.f->hits[0].subject : "no hit");
        /* A param's conditional makes the name a switch the deployer
         * sets: the pid, and pid_opt_out beside it. */
        expect_status(&r, AA_SCAN_ATTRIBUTED,
                      strstr(cases[i].expr, " ? ") != NULL ? 2 : 1);
        run_done(&r);
    }
}

/* ---- the lexer ------------------------------------------------------- */

static void
test_strings(void **state)
{
    struct run r;

    (void)state;
    /* \' and \\ in text, \${ is no interpolation, '''...''' has neither,
     * and a '}' inside a string inside an interpolation is text. */
    scan(&r,
         "var a = 'it\\'s \\\\ \\${x}'\n"
         "var m = '''\n  ${not} 'quoted' // no comment\n'''\n"
         "var b = '${a}|${'}'}'\n" DEPLOY "{\n  name: 'pid-" G1 "-${b}'\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G1 "-it's \\ ${x}|}", 7, 9);
    run_done(&r);

    /* Bicep drops the line break right after the opening quotes, and only
     * that one: a second is text. */
    scan(&r, "var m = '''\npid-" G1 "'''\n" DEPLOY "{\n  name: m\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G1, 4, 9);
    run_done(&r);

    scan(&r, "var m = '''\n\npid-" G1 "'''\n" DEPLOY "{\n  name: m\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_file_hit(&r, AA_D_PID_NONE);
    run_done(&r);

    /* A no-break space in a comment or a string is text. */
    scan(&r, "// a\xC2\xA0"
             "b\nvar s = '\xC2\xA0'\n" DEPLOY "{\n  name: 'pid-" G1 "'\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);
}

/* The statements real files hold around the deployment. */
static void
test_statements(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "metadata name = 'x'\n"
             "import { cfg } from 'types.bicep'\n"
             "@export()\n"
             "type size = 'S' | 'M'\n"
             "type obj = {\n  @description('d')\n  name: string?\n}\n"
             "func pidOf(g string) string => 'pid-${g}'\n"
             "@allowed([\n  'a'\n  'b'\n])\n"
             "@description('''multi\nline''')\n"
             "param choice string = 'a'\n"
             "var cuaid string = '" G1 "'\n"
             "var names = [for i in range(0, 2): 'n${i}']\n"
             "var cond = empty(choice)\n"
             "  ? 'x'\n"
             "  : resourceId('Microsoft.Web/sites', choice)\n"
             "#disable-next-line no-deployments-resources\n"
             "resource dep 'Microsoft.Resources/deployments@2022-09-01' = "
             "[for i in range(0, 2): if (choice == 'a') {\n"
             "  name: 'pid-${cuaid}-${i}'\n"
             "  properties: {\n"
             "    mode: 'Incremental'\n"
             "    template: {}\n"
             "  }\n"
             "}]\n"
             "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n"
             "  name: cfg.?kv ?? 'kv'\n"
             "  resource s 'secrets' = { name: 'pid-x' }\n"
             "}\n"
             "output id string = kv.id\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G1 "-" HOLE, 24, 9);
    expect_hit(&r, AA_D_PID_OPT_OUT, "pid-" G1 "-" HOLE, 23, 88);
    run_done(&r);
}

/* The layout "bicep format" writes for a long declaration: the value
 * starts on the next line, or the body after the condition's line.  It
 * is the same declaration as the one-line form. */
static void
test_layout(void **state)
{
    static const struct {
        const char *text;
        unsigned line, col; /* of the opt-out hit; 0: none */
    } cases[] = {
        {"param telemetryOptOut bool = false\n"
         "resource pid 'Microsoft.Resources/deployments@2021-04-01' =\n"
         "  if (!telemetryOptOut) {\n"
         "    name: 'pid-" G1 "'\n"
         "    properties: {\n"
         "      mode: 'Incremental'\n"
         "      template: {\n"
         "        '$schema': 'https://schema.management.azure.com/schemas/"
         "2019-04-01/deploymentTemplate.json#'\n"
         "        contentVersion: '1.0.0.0'\n"
         "        resources: []\n"
         "      }\n"
         "    }\n"
         "  }\n",
         3, 7},
        {"param telemetryOptOut bool = false\n"
         "@description('usage attribution')\n"
         "@batchSize(1)\n"
         "module pid './empty.bicep' = // tracking\n"
         "  /* opt out with telemetryOptOut */\n"
         "\n"
         "  if (!telemetryOptOut) {\n"
         "    name: 'pid-" G1 "'\n"
         "  }\n",
         7, 7},
        {"param telemetryOptOut bool = false\n"
         "param enableTelemetry bool = true\n"
         "module pid './empty.bicep' = if (!telemetryOptOut\n"
         "  && enableTelemetry)\n"
         "{\n"
         "  name: 'pid-" G1 "'\n"
         "}\n",
         3, 34},
        {"var cuaid =\n"
         "  '" G1 "'\n"
         "module pid './empty.bicep' =\n"
         "  {\n"
         "    name: 'pid-${cuaid}'\n"
         "  }\n",
         0, 0},
        {"param on bool = true\n"
         "resource pid 'Microsoft.Resources/deployments@2021-04-01' =\n"
         "  [for i in range(0, 1):\n"
         "    if (on) {\n"
         "      name: 'pid-" G1 "'\n"
         "    }]\n",
         4, 9},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct run r;

        scan(&r, cases[i].text);
        if (r.f->status != AA_SCAN_ATTRIBUTED)
            fail_msg("case %zu: %s", i, aa_scan_status_name(r.f->status));
        expect_status(&r, AA_SCAN_ATTRIBUTED, cases[i].line ? 2 : 1);
        assert_non_null(nth(&r, AA_D_PID_ROOT, 0));
        if (cases[i].line)
            expect_hit(&r, AA_D_PID_OPT_OUT, "pid-" G1, cases[i].line,
                       cases[i].col);
        assert_null(nth(&r, AA_D_PID_NONE, 0));
        run_done(&r);
    }
}

/* Local module paths are children; registry modules are not. */
static void
test_links(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "module a './modules/a.bicep' = {\n  name: 'a'\n}\n"
             "module b 'modules/b.bicep' = [for x in xs: {\n  name: x\n}]\n"
             "module c 'br/public:avm/res/kv:0.1.0' = {\n  name: 'c'\n}\n"
             "module d 'br:reg.azurecr.io/d:1' = {\n  name: 'd'\n}\n"
             "module e 'ts/specs:e:1.0' = {\n  name: 'e'\n}\n"
             "module f '../f.bicep' = {\n  params: {}\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    assert_int_equal(r.f->nlinks, 3);
    assert_string_equal(r.f->links[0], "./modules/a.bicep");
    assert_string_equal(r.f->links[1], "modules/b.bicep");
    assert_string_equal(r.f->links[2], "../f.bicep");
    run_done(&r);
}

/* ---- hostile and malformed input ------------------------------------- */

static void
test_malformed(void **state)
{
    static const struct {
        const char *text, *detail;
        unsigned line, col;
    } cases[] = {
        {"var a = 'abc\nvar b = 1\n", "unterminated string", 1, 9},
        {"var a = '${b\n", "unterminated string", 1, 9},
        {"var a = f('x', [1]", "unclosed '('", 1, 10},
        {"var a = 1\n/* never closed", "unterminated comment", 2, 1},
        {"var a = '''\nx''", "unterminated multi-line string", 1, 9},
        {"resource x 'T@1' = {\n  name: 'x'\n", "unclosed '{'", 1, 20},
        {"var a = [1, 2)\n", "unexpected ')'", 1, 14},
        {"}\n", "unexpected '}'", 1, 1},
        {"var a = 'x\\", "unterminated string", 1, 9},
        {"var a = 1\n\xC2\xA0resource x 'T@1' = {}\n",
         "a no-break space (U+00A0) outside strings and comments, where only "
         "spaces, tabs and line breaks are blanks",
         2, 1},
        {"var a = 1\n\xEF\xBB\xBFresource x 'T@1' = {}\n",
         "a byte order mark (U+FEFF) outside strings and comments, where only "
         "spaces, tabs and line breaks are blanks",
         2, 1},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct run r;
        char want[128];

        scan(&r, cases[i].text);
        assert_int_equal(r.rc, -1);
        assert_int_equal(r.dl.n, 1);
        assert_int_equal(r.dl.v[0].code, AA_E_ARTIFACT);
        snprintf(want, sizeof(want), "malformed Bicep: %s", cases[i].detail);
        assert_string_equal(r.dl.v[0].detail, want);
        assert_int_equal(r.dl.v[0].line, cases[i].line);
        assert_int_equal(r.dl.v[0].col, cases[i].col);
        assert_int_equal(r.f->status, AA_SCAN_NOT_ATTRIBUTED);
        run_done(&r);
    }
}

/* Deep nesting, long operator runs, cycles and NUL bytes: a status or -1,
 * never a crash, and nothing left allocated. */
static void
test_hostile(void **state)
{
    enum { DEEP = 10000 };
    size_t cap = 20 * DEEP + 256, n = 0;
    char *t = malloc(cap);
    struct run r;
    static const char nul[] = DEPLOY "{\n  name: 'pid-" G1 "'\n}\0\n"
                                     "var \0 = 'a\0b' // \0\n";

    (void)state;
    assert_non_null(t);
    memset(t, '{', DEEP);
    scan_n(&r, "deep.bicep", t, DEEP);
    assert_int_equal(r.rc, -1);
    assert_string_equal(r.dl.v[0].detail, "malformed Bicep: unclosed '{'");
    run_done(&r);

    /* Balanced: braces skipped; parens, interpolations and '!' evaluated. */
    for (size_t i = 0; i < DEEP; i++)
        t[n++] = '{';
    for (size_t i = 0; i < DEEP; i++)
        t[n++] = '}';
    n += (size_t)sprintf(t + n, "\nvar a = ");
    for (size_t i = 0; i < DEEP; i++)
        t[n++] = '(';
    n += (size_t)sprintf(t + n, "'pid-" G1 "'");
    for (size_t i = 0; i < DEEP; i++)
        t[n++] = ')';
    n += (size_t)sprintf(t + n, "\nvar b = ");
    for (size_t i = 0; i < DEEP; i++)
        n += (size_t)sprintf(t + n, "'${");
    for (size_t i = 0; i < DEEP; i++)
        n += (size_t)sprintf(t + n, "}'");
    n += (size_t)sprintf(t + n, "\nvar c = ");
    for (size_t i = 0; i < DEEP; i++)
        t[n++] = '!';
    n += (size_t)sprintf(t + n, "true\n" DEPLOY "if (c) {\n  name: 'pid-" G1
                                "-${a}${b}'\n}\n");
    t[n] = '\0';
    scan_n(&r, "deep.bicep", t, n);
    expect_note(&r, "expansion-depth", 2, 135);
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);

    scan(&r, "var a = b\nvar b = '${a}${a}'\n" DEPLOY "{\n  name: a\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    run_done(&r);

    scan_n(&r, "nul.bicep", nul, sizeof(nul) - 1);
    assert_int_equal(r.rc, 0);
    expect_hit(&r, AA_D_PID_ROOT, "pid-" G1, 2, 9);
    run_done(&r);
    free(t);
}

/* ---- the corpus ------------------------------------------------------- */

static void
test_corpus(void **state)
{
    (void)state;
    check_corpus(aa_scan_bicep, AA_SCAN_BICEP, ".bicep", 32);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_root),
        cmocka_unit_test(test_module_opt_out),
        cmocka_unit_test(test_param_object),
        cmocka_unit_test(test_parameter_position),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_unresolved),
        cmocka_unit_test(test_too_long_and_several),
        cmocka_unit_test(test_commented_out),
        cmocka_unit_test(test_none_and_context),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_statements),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
