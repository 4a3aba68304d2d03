/* test_scan.c -- the scan's shared vocabulary (pid forms, detector names),
 * file kinds, the folder walk, links between files, bad input, and how
 * scripts resolve their values (variables, HTTP headers, SDK options). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "scan_harness.h"

static enum aa_pid_form
classify(const char *name, char guid[37])
{
    return aa_pid_classify(name, strlen(name), guid);
}

static void
test_pid_forms(void **state)
{
    char g[37];

    (void)state;
    assert_int_equal(classify("pid-3F2504E0-4F89-41D3-9A0C-0305E82C3301", g),
                     AA_PID_VALID);
    assert_string_equal(g, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    /* Suffixes after the GUID keep names unique (CUA-F10). */
    assert_int_equal(
        classify("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-" AA_HOLE_STR, g),
        AA_PID_VALID);
    assert_int_equal(
        classify("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301_1.0_ff", g),
        AA_PID_VALID);
    assert_int_equal(
        classify("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-partnercenter", g),
        AA_PID_PARTNERCENTER);
    assert_int_equal(classify("pid-contoso-myoffer-partnercenter", g),
                     AA_PID_PARTNERCENTER);
    assert_string_equal(g, "");
    assert_int_equal(classify("pid-00000000-0000-0000-0000-000000000000", g),
                     AA_PID_ZERO);
    /* A real GUID full of zeros is not the placeholder. */
    assert_int_equal(classify("pid-00f120b5-2007-6120-0000-40b000000000", g),
                     AA_PID_VALID);
    assert_int_equal(classify("3f2504e0-4f89-41d3-9a0c-0305e82c3301-x", g),
                     AA_PID_NO_PREFIX);
    assert_int_equal(classify("pid-app-gateway-start", g), AA_PID_BAD_GUID);
    /* A pid after other text is not the documented name (CUA-F08). */
    assert_int_equal(
        classify("amba-alz-pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301", g),
        AA_PID_NOT_LEADING);
    assert_string_equal(g, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    assert_int_equal(classify("rapid-3f2504e0-4f89-41d3-9a0c-0305e82c3301", g),
                     AA_PID_NOT_PID);
    assert_int_equal(classify("x_pid-3f2504e0-4f89-41d3-9a0c-0305e82c33", g),
                     AA_PID_NOT_PID);
    assert_int_equal(classify("pid-" AA_HOLE_STR, g), AA_PID_UNRESOLVED);
    assert_int_equal(classify("46d3xbcp.res.keyvault-vault." AA_HOLE_STR, g),
                     AA_PID_AVM);
    assert_int_equal(classify("storageDeployment", g), AA_PID_NOT_PID);
    assert_int_equal(classify(AA_HOLE_STR, g), AA_PID_NOT_PID);
    assert_int_equal(classify("", g), AA_PID_NOT_PID);
    /* A GUID glued to more hex digits is not a GUID. */
    assert_int_equal(classify("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301a", g),
                     AA_PID_BAD_GUID);
    assert_int_equal(classify("pid-3f2504e0-4f89-41d3-9a0c", g),
                     AA_PID_BAD_GUID);
}

/* Unexpanded placeholders are never a tracking GUID (CUA-F25), wherever
 * they stand: the whole name, or the part after pid-. */
static void
test_placeholders(void **state)
{
    static const char *const yes[] = {
        "pid-<GUID>",
        "pid-<your partner guid>",
        "pid-{guid}",
        "pid-{{ .Values.pid }}",
        "pid-__PID__",
        "PID-__PARTNER_GUID__-x",
        "pid-$(PartnerGuid)",
        "pid-$(f(x))",
        "pid-${pid.guid}",
        "pid-${{ secrets.PID }}",
        "<GUID>",
        "{guid}",
        "__PID__",
        "${admin.start}",
        "$(PID)",
        "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX",
        "pid-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx-suffix",
        /* Partner Center's own ids have no such brackets (CUA-F15). */
        "pid-<GUID>-partnercenter",
        "pid-__PID__-partnercenter",
    };
    static const char *const no[] = {
        "pid-{0}",        /* a format item: no name in it */
        "pid-<>",         /* nothing between */
        "pid-$(PID",      /* never closed */
        "pid-__PID",      /* no closing underscores */
        "pid-__PID__x",   /* something glued after */
        "pid-{a b}",      /* braces hold a name, not prose */
        "pid-app-__x__",  /* not right after pid- */
        "storage-<GUID>", /* nor at the start */
        "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXXY", /* glued after */
        "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXX",   /* one X short */
        "pid-${x" AA_HOLE_STR "}", /* a hole inside: unknown, not literal */
    };
    char g[37];

    (void)state;
    for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
        if (classify(yes[i], g) != AA_PID_PLACEHOLDER)
            fail_msg("'%s' is a placeholder", yes[i]);
    for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
        if (classify(no[i], g) == AA_PID_PLACEHOLDER)
            fail_msg("'%s' is no placeholder", no[i]);
    assert_int_equal(classify("pid-00000000-0000-0000-0000-000000000000", g),
                     AA_PID_ZERO);
    assert_int_equal(classify("pid-" AA_HOLE_STR, g), AA_PID_UNRESOLVED);
    assert_int_equal(aa_placeholder_len("$(f(x))-1", 9), 7);
    assert_int_equal(aa_placeholder_len("__PID__-partnercenter", 21), 7);
    assert_int_equal(aa_placeholder_len("{{ a }}x", 8), 7);
    assert_int_equal(aa_placeholder_len("<a\nb>", 5), 0);
}

/* The forms partner_id and ARM_PARTNER_ID accept (CUA-F12), exactly or
 * once the holes are filled. */
static void
test_partner_id_forms(void **state)
{
    static const char *const yes[] = {
        "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "pid-3F2504E0-4F89-41D3-9A0C-0305E82C3301",
        "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-partnercenter",
        ("pid-" AA_HOLE_STR),
        AA_HOLE_STR,
    };
    static const char *const no[] = {
        ("3f2504e0-4f89-41d3-9a0c-0305e82c3301-" AA_HOLE_STR "-acasb"),
        "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-x",
        "3f2504e0-4f89-41d3-9a0c",
        "3f2504e0-4f89-41d3-9a0c-0305e82c330g",
        "3f2504e0-4f89-41d3-9a0c-0305e82c330",
        "3f2504e0-4f89-41d3-9a0c-0305e82c33011",
        "3f2504e04-f89-41d3-9a0c-0305e82c3301",
        "pid_3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "pid-contoso",
        "",
        /* The provider compares "pid-" and "-partnercenter" as written. */
        "PID-3F2504E0-4F89-41D3-9A0C-0305E82C3301",
        "Pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301-PartnerCenter",
        ("PID-" AA_HOLE_STR),
    };

    (void)state;
    for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
        assert_true(aa_partner_id_fits(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
        assert_false(aa_partner_id_fits(no[i], strlen(no[i])));
}

static void
test_names_round_trip(void **state)
{
    (void)state;
    for (int d = 0; d < AA_D_COUNT; d++) {
        const char *name = aa_detect_name((enum aa_detect)d);

        assert_non_null(name);
        assert_int_equal(aa_detect_find(name), d);
    }
    assert_int_equal(aa_detect_find("pid_nowhere"), -1);
    assert_string_equal(aa_scan_kind_name(AA_SCAN_TERRAFORM), "terraform");
    assert_string_equal(aa_scan_status_name(AA_SCAN_AT_RISK), "at_risk");
}

/* Every detector is offered by the published rule schema, and nothing
 * else: an editor must accept exactly what the compiler accepts. */
static void
test_schema_lists_detectors(void **state)
{
    FILE *fp = fopen(AA_SOURCE_DIR "/rules/schema/rules.schema.json", "rb");
    char *text;
    size_t len;

    (void)state;
    assert_non_null(fp);
    text = aa_read_all(fp, 1u << 20, &len);
    fclose(fp);
    text = aa_xrealloc(text, len + 1, 1);
    text[len] = '\0';
    for (int d = 0; d < AA_D_COUNT; d++) {
        char quoted[64];

        snprintf(quoted, sizeof(quoted), "\"%s\"",
                 aa_detect_name((enum aa_detect)d));
        assert_non_null(strstr(text, quoted));
    }
    free(text);
}

static void
test_kind_of(void **state)
{
    const char *tmpl = "{\"$schema\": \"https://schema.management.azure.com/"
                       "schemas/2019-08-01/tenantDeploymentTemplate.json#\"}";
    const char *params = "{\"$schema\": \"https://schema.management.azure.com/"
                         "schemas/2019-04-01/deploymentParameters.json#\"}";

    (void)state;
    assert_int_equal(aa_scan_kind_of("a/main.bicep", "", 0, 0), AA_SCAN_BICEP);
    assert_int_equal(aa_scan_kind_of("a/providers.tf", "", 0, 0),
                     AA_SCAN_TERRAFORM);
    assert_int_equal(aa_scan_kind_of("a/t.json", tmpl, strlen(tmpl), 0),
                     AA_SCAN_ARM);
    /* In a folder, parameter files and package.json are not templates;
     * named on the command line, a .json file is read as one. */
    assert_int_equal(aa_scan_kind_of("a/p.json", params, strlen(params), 0),
                     -1);
    assert_int_equal(aa_scan_kind_of("a/p.json", params, strlen(params), 1),
                     AA_SCAN_ARM);
    assert_int_equal(aa_scan_kind_of("ci/deploy.yml", "", 0, 0),
                     AA_SCAN_SCRIPT);
    assert_int_equal(aa_scan_kind_of("Makefile", "", 0, 0), AA_SCAN_SCRIPT);
    assert_int_equal(aa_scan_kind_of("README.md", "", 0, 0), -1);
    /* A script installed without an extension says what runs it. */
    assert_int_equal(aa_scan_kind_of("bin/provision", "#!/bin/sh\n", 10, 0),
                     AA_SCAN_SCRIPT);
    assert_int_equal(aa_scan_kind_of("README.md", "", 0, 1), AA_SCAN_SCRIPT);
}

/* Every ARM template schema is taken in a folder: any scope, version or
 * host, with or without the trailing '#'; a .json that looks like a
 * template is taken too.  Parameter files, UI definitions and other JSON
 * are not. */
static void
test_kind_of_json(void **state)
{
    static const struct {
        const char *text;
        int kind;
    } cases[] = {
#define SCHEMA(url) "{\"$schema\": \"" url "\", \"resources\": []}"
        {SCHEMA("https://schema.management.azure.com/schemas/2019-04-01/"
                "deploymentTemplate.json#"),
         AA_SCAN_ARM},
        {SCHEMA("https://schema.management.azure.com/schemas/2019-04-01/"
                "deploymentTemplate.json"),
         AA_SCAN_ARM},
        {SCHEMA("http://schemas.management.azure.com/schemas/2015-01-01/"
                "deploymentTemplate.json#"),
         AA_SCAN_ARM},
        {SCHEMA("https://schema.management.azure.com/schemas/"
                "2014-04-01-preview/deploymentTemplate.json#"),
         AA_SCAN_ARM},
        {SCHEMA("https://schema.management.azure.com/schemas/2018-05-01/"
                "subscriptionDeploymentTemplate.json"),
         AA_SCAN_ARM},
        {SCHEMA("https://schema.management.azure.com/schemas/2019-08-01/"
                "managementGroupDeploymentTemplate.json#"),
         AA_SCAN_ARM},
        {SCHEMA("https://schema.management.azure.com/schemas/2019-08-01/"
                "tenantDeploymentTemplate.json#"),
         AA_SCAN_ARM},
        {SCHEMA("https://SCHEMA.management.azure.com/schemas/2019-04-01/"
                "DeploymentTemplate.json#"),
         AA_SCAN_ARM},
        /* JSON with comments, the schema after other keys. */
        {"// main\n{ /* x */ \"contentVersion\": \"1.0.0.0\",\n"
         "  \"$schema\": \"https://schema.management.azure.com/schemas/"
         "2019-04-01/deploymentTemplate.json\"}",
         AA_SCAN_ARM},
        /* Not templates. */
        {"{\"$schema\": \"https://schema.management.azure.com/schemas/"
         "2019-04-01/deploymentParameters.json\", \"contentVersion\": "
         "\"1.0.0.0\", \"parameters\": {}}",
         -1},
        {"{\"$schema\": \"https://schema.management.azure.com/schemas/"
         "2018-05-01/subscriptionDeploymentParameters.json#\", "
         "\"parameters\": {\"t\": {\"value\": \"deploymentTemplate.json\"}}}",
         -1},
        {"{\"$schema\": \"https://schema.management.azure.com/schemas/"
         "0.1.2-preview/CreateUIDefinition.MultiVm.json#\", \"handler\": "
         "\"Microsoft.Azure.CreateUIDef\", \"version\": \"0.1.2-preview\", "
         "\"parameters\": {}}",
         -1},
        {"{\"name\": \"x\", \"version\": \"1.0.0\", \"scripts\": {}}", -1},
        {"{\"$schema\": \"http://json-schema.org/draft-07/schema#\", "
         "\"type\": \"object\"}",
         -1},
        {"{\"resources\": [\"not a template\"]}", -1},
        {"{\"$schema\": \"https://schema.management.azure.com/schemas/"
         "2019-04-01/deploymentParameters.json#\", \"contentVersion\": "
         "\"1.0.0.0\", \"parameters\": {\"x\": {\"value\": {\"type\": "
         "\"Microsoft.Resources/deployments\"}}}, \"resources\": []}",
         -1},
        {"[1, 2, 3]", -1},
        {"", -1},
        /* Looks like a template, with a schema not recognised or none. */
        {"{\"contentVersion\": \"1.0.0.0\", \"resources\": []}", AA_SCAN_ARM},
        {SCHEMA("https://example.com/arm/template.json") ", \"x\": 1", -1},
        {"{\"$schema\": \"https://example.com/arm/template.json\", "
         "\"contentVersion\": \"1.0.0.0\", \"resources\": []}",
         AA_SCAN_ARM},
        {"{\"resources\": [{\"type\": \"Microsoft.Resources/Deployments\", "
         "\"name\": \"pid-x\"}]}",
         AA_SCAN_ARM},
        /* Keys in any case, as Azure reads them. */
        {"{\"Resources\": [{\"Type\": \"Microsoft.Resources/deployments\", "
         "\"name\": \"pid-x\"}]}",
         AA_SCAN_ARM},
        {"{\"ContentVersion\": \"1.0.0.0\", \"RESOURCES\": []}", AA_SCAN_ARM},
        /* A deployment below a resource of the top-level resources. */
        {"{\"resources\": [{\"type\": \"Microsoft.Web/sites\", \"resources\": "
         "[{\"type\": \"Microsoft.Resources/deployments\"}]}]}",
         AA_SCAN_ARM},
        /* A deployment outside the top-level resources, which the reader
         * never reads: a resource fragment that is the whole file, a
         * policy that deploys a template, a parameter's default. */
        {"{\"type\": \"Microsoft.Resources/deployments\", \"name\": "
         "\"pid-9dde42e6-8b35-48e9-90b2-e7acb2691dce-partnercenter\", "
         "\"properties\": {\"template\": {\"$schema\": "
         "\"https://schema.management.azure.com/schemas/2015-01-01/"
         "deploymentTemplate.json#\", \"resources\": []}}}",
         -1},
        {"{\"properties\": {\"policyRule\": {\"then\": {\"details\": "
         "{\"deployment\": {\"properties\": {\"template\": {\"$schema\": "
         "\"https://schema.management.azure.com/schemas/2019-04-01/"
         "deploymentTemplate.json#\", \"resources\": [{\"type\": "
         "\"Microsoft.Resources/deployments\"}]}}}}}}}",
         -1},
        {"{\"parameters\": {\"d\": {\"defaultValue\": {\"type\": "
         "\"Microsoft.Resources/deployments\"}}}, \"resources\": []}",
         -1},
        {"{\"resources\": [], \"outputs\": {\"o\": {\"type\": "
         "\"Microsoft.Resources/deployments\"}}}",
         -1},
#undef SCHEMA
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        int got = aa_scan_kind_of("a/t.json", cases[i].text,
                                  strlen(cases[i].text), 0);

        if (got != cases[i].kind)
            fail_msg("case %zu: kind %d, expected %d", i, got, cases[i].kind);
    }
}

/* A fresh folder for one test, under $TMPDIR or /tmp; left behind for
 * inspection when the test fails. */
static char *
scratch(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    char *dir =
        aa_xasprintf("%s/aa-scan-%s-XXXXXX",
                     tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp", name);

    assert_non_null(mkdtemp(dir));
    return dir;
}

/* Remove what scratch() made once the test passed. */
static void
unscratch(char *dir)
{
    char *cmd = aa_xasprintf("rm -rf '%s'", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

static void
put(const char *dir, const char *name, const char *text)
{
    char *path = aa_xasprintf("%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    free(path);
}

static const struct aa_scan_file *
file_named(const struct aa_scan *s, const char *suffix)
{
    size_t k = strlen(suffix);

    for (size_t i = 0; i < s->nfiles; i++) {
        size_t n = strlen(s->files[i]->path);

        if (n >= k && strcmp(s->files[i]->path + n - k, suffix) == 0)
            return s->files[i];
    }
    return NULL;
}

#define TEMPLATE_HEAD                                                          \
    "{\"$schema\": \"https://schema.management.azure.com/schemas/"             \
    "2019-04-01/deploymentTemplate.json#\", \"resources\": ["
#define PID_RES(name)                                                          \
    "{\"type\": \"Microsoft.Resources/deployments\", \"name\": \"" name        \
    "\", \"properties\": {\"mode\": \"Incremental\", \"template\": "           \
    "{\"resources\": []}}}"

static void
test_walk_order_skips_and_links(void **state)
{
    char *dir = scratch("walk");
    char *sub = aa_xasprintf("%s/nested", dir);
    char *hidden = aa_xasprintf("%s/.terraform", dir);
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *root, *child;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(mkdir(sub, 0777), 0);
    assert_int_equal(mkdir(hidden, 0777), 0);
    put(dir, "main.json",
        TEMPLATE_HEAD PID_RES(
            "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301") ", {\"type\": "
                                                        "\"Microsoft.Resources/"
                                                        "deployments\", "
                                                        "\"name\": \"child\", "
                                                        "\"properties\": "
                                                        "{\"templateLink\": "
                                                        "{\"relativePath\": "
                                                        "\"nested/child."
                                                        "json\"}}}]}");
    put(sub, "child.json",
        TEMPLATE_HEAD PID_RES("pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") "]}");
    put(dir, "package.json", "{\"name\": \"x\"}");
    put(dir, "notes.sh", "echo nothing to see\n");
    put(hidden, "providers.tf", "provider \"azurerm\" {}\n");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(dl.n, 0);
    /* package.json, a script with nothing to say and hidden folders are
     * left out; the rest comes in path order. */
    assert_int_equal(s->nfiles, 2);
    assert_true(strcmp(s->files[0]->path, s->files[1]->path) < 0);
    root = file_named(s, "/main.json");
    child = file_named(s, "/nested/child.json");
    assert_non_null(root);
    assert_non_null(child);
    assert_int_equal(root->status, AA_SCAN_ATTRIBUTED);
    /* The linked template's own pid is nested, so it never counts; as its
     * root has a pid, it does nothing, which is no failure: the child has
     * no verdict of its own. */
    assert_int_equal(child->status, AA_SCAN_CONTEXT);
    assert_true(aa_scan_has(child, AA_D_PID_NESTED_REDUNDANT));
    assert_false(aa_scan_has(child, AA_D_PID_NESTED));
    assert_true(aa_scan_has(child, AA_D_CHILD_OF));
    assert_false(aa_scan_has(child, AA_D_PID_ROOT));
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(hidden);
    free(sub);
    unscratch(dir);
}

#define PID_DECL(name)                                                         \
    "resource pid 'Microsoft.Resources/deployments@2021-04-01' = {\n"          \
    "  name: '" name "'\n  properties: { mode: 'Incremental' }\n}\n"
#define MODULE(path) "module m '" path "' = {\n  name: 'm'\n}\n"
#define PID_A "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"

/* Scan dir as a folder and finish, expecting no diagnostics. */
static struct aa_scan *
scan_dir(const char *dir)
{
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;

    aa_diags_init(&dl);
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(dl.n, 0);
    aa_diags_fini(&dl);
    assert_int_equal(aa_scan_check(s, NULL), 0);
    return s;
}

/* A child speaks through its own content (docs/scan.md, "Roots and
 * children"): no pid, no verdict; a pid with none at the root is the
 * failure; a pid beside the root's does nothing, which fails nothing. */
static void
test_children_speak_for_themselves(void **state)
{
    char *dir = scratch("children");
    struct aa_scan *s;
    const struct aa_scan_file *root, *mid, *leaf;

    (void)state;
    put(dir, "main.bicep", MODULE("mid.bicep"));
    put(dir, "mid.bicep", MODULE("leaf.bicep"));
    put(dir, "leaf.bicep", PID_DECL(PID_A));
    s = scan_dir(dir);
    root = file_named(s, "/main.bicep");
    mid = file_named(s, "/mid.bicep");
    leaf = file_named(s, "/leaf.bicep");
    assert_int_equal(root->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_true(aa_scan_has(root, AA_D_PID_NONE));
    /* No pid of its own: the root decides, and "no pid here" is not
     * said of a child. */
    assert_int_equal(mid->status, AA_SCAN_CONTEXT);
    assert_true(aa_scan_has(mid, AA_D_CHILD_OF));
    assert_false(aa_scan_has(mid, AA_D_PID_NONE));
    /* Two levels down and no pid above: the real failure. */
    assert_int_equal(leaf->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_true(aa_scan_has(leaf, AA_D_PID_NESTED));
    assert_false(aa_scan_has(leaf, AA_D_PID_NESTED_REDUNDANT));
    aa_scan_free(s);

    /* The root gets a pid: the leaf's now does nothing. */
    put(dir, "main.bicep", PID_DECL(PID_A) MODULE("mid.bicep"));
    s = scan_dir(dir);
    leaf = file_named(s, "/leaf.bicep");
    assert_int_equal(file_named(s, "/main.bicep")->status, AA_SCAN_ATTRIBUTED);
    assert_int_equal(leaf->status, AA_SCAN_CONTEXT);
    assert_true(aa_scan_has(leaf, AA_D_PID_NESTED_REDUNDANT));
    assert_false(aa_scan_has(leaf, AA_D_PID_NESTED));
    aa_scan_free(s);

    /* A name that only tries to be a pid, in a child, is judged the
     * same way. */
    put(dir, "leaf.bicep", PID_DECL("pid-start-deployment"));
    s = scan_dir(dir);
    leaf = file_named(s, "/leaf.bicep");
    assert_int_equal(leaf->status, AA_SCAN_CONTEXT);
    assert_true(aa_scan_has(leaf, AA_D_PID_NESTED_REDUNDANT));
    assert_false(aa_scan_has(leaf, AA_D_PID_BAD_GUID));
    aa_scan_free(s);

    /* Links in a circle have no root: the walk up ends all the same. */
    put(dir, "main.bicep", PID_DECL(PID_A) MODULE("mid.bicep"));
    put(dir, "leaf.bicep", MODULE("mid.bicep"));
    s = scan_dir(dir);
    assert_int_equal(file_named(s, "/leaf.bicep")->status, AA_SCAN_CONTEXT);
    aa_scan_free(s);
    unscratch(dir);
}

/* A root's pid reaches down a chain of any length, and a circle of links
 * that no root deploys has no pid above it, however its files sort. */
static void
test_long_chain_and_circle(void **state)
{
    char *dir = scratch("chain");
    char name[32], link[32], *text;
    struct aa_scan *s;
    const struct aa_scan_file *f;

    (void)state;
    for (int i = 0; i < 2000; i++) {
        snprintf(name, sizeof(name), "c%04d.bicep", i);
        snprintf(link, sizeof(link), "c%04d.bicep", i + 1);
        /* The first and the last have a pid; each deploys the next. */
        text =
            aa_xasprintf("%s%s%s%s", i == 0 || i == 1999 ? PID_DECL(PID_A) : "",
                         i < 1999 ? "module m '" : "", i < 1999 ? link : "",
                         i < 1999 ? "' = {\n  name: 'm'\n}\n" : "");
        put(dir, name, text);
        free(text);
    }
    put(dir, "r1.bicep", MODULE("r2.bicep"));
    put(dir, "r2.bicep", MODULE("r3.bicep"));
    put(dir, "r3.bicep", PID_DECL(PID_A) MODULE("r1.bicep"));
    s = scan_dir(dir);
    f = file_named(s, "/c1999.bicep");
    assert_int_equal(f->status, AA_SCAN_CONTEXT);
    assert_true(aa_scan_has(f, AA_D_PID_NESTED_REDUNDANT));
    f = file_named(s, "/r3.bicep");
    assert_int_equal(f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_true(aa_scan_has(f, AA_D_PID_NESTED));
    assert_int_equal(file_named(s, "/r1.bicep")->status, AA_SCAN_CONTEXT);
    aa_scan_free(s);
    unscratch(dir);
}

/* The scan's report made and written a file at a time (the scan command)
 * is the report made whole, byte for byte, in every layout, baseline and
 * stale entries included, and holds one file at a time. */
static char *
render_scan(const struct aa_ruleset *rs, const struct aa_scan *s,
            const char *format, int compact, struct aa_baseline *b, int each)
{
    struct aa_render_opts ro = {.compact = compact};
    struct aa_eval_opts eo = {.baseline = b};
    struct aa_scan_report *rep;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_non_null(fp);
    if (!each) {
        rep = aa_scan_eval(rs, s);
        aa_scan_report_triage(rep, NULL, &eo);
        assert_int_equal(aa_scan_render(format, rep, &ro, fp), 0);
    } else {
        struct aa_scan_out *o = aa_scan_out_new(format, &ro, fp);

        rep = aa_scan_eval_each(rs, s);
        assert_non_null(o);
        assert_int_equal(aa_scan_report_nfiles(rep), 0);
        while (aa_scan_report_next(rep)) {
            assert_int_equal(aa_scan_report_nfiles(rep), 1);
            aa_scan_report_triage(rep, NULL, &eo);
            assert_int_equal(aa_scan_out_add(o, rep), 0);
        }
        assert_int_equal(aa_scan_out_finish(o, rep), 0);
    }
    aa_scan_report_free(rep);
    fclose(fp);
    return buf;
}

static void
test_report_a_file_at_a_time(void **state)
{
    char *dir = scratch("each");
    struct aa_ruleset *rs = aa_ruleset_new();
    struct aa_baseline *base[2];
    struct aa_diags dl;
    struct aa_scan *s;
    static const char *const formats[] = {"text", "json", "json"};

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_builtin(rs, &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), 0);
    put(dir, "main.bicep", PID_DECL(PID_A) MODULE("mid.bicep"));
    put(dir, "mid.bicep", PID_DECL("pid-start"));
    put(dir, "other.bicep", "param x string\n");
    put(dir, "providers.tf", "provider \"azurerm\" {\n  features {}\n}\n");
    put(dir, "broken.tf", "locals {\n");
    /* A baseline of this scan, then the code changes under it: the
     * stale entries are counted once, after the last file. */
    for (int k = 0; k < 2; k++) {
        struct aa_scan_report *rep;

        base[k] = aa_baseline_new();
        s = aa_scan_new();
        assert_int_not_equal(aa_scan_path(s, dir, &dl), 0);
        aa_scan_finish(s);
        rep = aa_scan_eval(rs, s);
        aa_scan_report_triage(rep, NULL, NULL);
        for (size_t i = 0; i < aa_scan_report_nfiles(rep); i++)
            aa_baseline_add(base[k], aa_scan_report_file(rep, i));
        aa_scan_report_free(rep);
        aa_scan_free(s);
    }
    put(dir, "other.bicep", PID_DECL(PID_A));
    s = aa_scan_new();
    assert_int_not_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    for (int f = 0; f < 3; f++)
        for (int b = 0; b < 2; b++) {
            char *whole =
                render_scan(rs, s, formats[f], f == 2, b ? base[0] : NULL, 0);
            char *each =
                render_scan(rs, s, formats[f], f == 2, b ? base[1] : NULL, 1);

            assert_string_equal(each, whole);
            if (b && f == 0)
                assert_non_null(strstr(whole, "1 stale baseline entry"));
            free(whole);
            free(each);
        }
    /* An empty scan holds nothing to write. */
    {
        struct aa_scan *none = aa_scan_new();
        struct aa_scan_report *rep;

        aa_scan_finish(none);
        rep = aa_scan_eval_each(rs, none);
        assert_int_equal(aa_scan_report_next(rep), 0);
        assert_int_equal(aa_scan_report_nfiles(rep), 0);
        aa_scan_report_free(rep);
        aa_scan_free(none);
    }
    aa_baseline_free(base[0]);
    aa_baseline_free(base[1]);
    aa_scan_free(s);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    unscratch(dir);
}

/* A pid nested inside a root that has its own: no error for the root. */
static void
test_nested_beside_root_pid(void **state)
{
    char *dir = scratch("inline");
    struct aa_scan *s;
    const struct aa_scan_file *f;

    (void)state;
    put(dir, "azuredeploy.json",
        TEMPLATE_HEAD PID_RES(PID_A) ", {\"type\": \"Microsoft.Resources/"
                                     "deployments\", \"name\": \"inner\", "
                                     "\"properties\": {\"template\": "
                                     "{\"resources\": [" PID_RES(
                                         "pid-9a8b7c6d-5e4f-4a3b-8c2d-"
                                         "1e0f9a8b7c6d") "]}}}]}");
    s = scan_dir(dir);
    f = file_named(s, "/azuredeploy.json");
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    assert_true(aa_scan_has(f, AA_D_PID_NESTED_REDUNDANT));
    assert_false(aa_scan_has(f, AA_D_PID_NESTED));
    aa_scan_free(s);
    unscratch(dir);
}

/* The check finds a status that no hit justifies, and a context that a
 * scanner leaves before aa_scan_finish passes only as unfinished. */
static void
test_status_needs_a_reason(void **state)
{
    struct aa_scan *s = aa_scan_new();
    struct aa_scan_file f;

    (void)state;
    memset(&f, 0, sizeof(f));
    f.path = "x.bicep";
    f.status = AA_SCAN_CONTEXT;
    assert_int_equal(aa_scan_file_check(&f, 1, NULL), 0);
    assert_int_equal(aa_scan_file_check(&f, 0, NULL), 1);
    f.status = AA_SCAN_NOT_ATTRIBUTED;
    assert_int_equal(aa_scan_file_check(&f, 1, NULL), 1);
    /* A hit that attributes does not explain "not attributed". */
    assert_non_null(aa_scan_hit(s, &f, AA_D_PID_ROOT, NULL, (size_t)-1, PID_A,
                                strlen(PID_A)));
    assert_int_equal(aa_scan_file_check(&f, 0, NULL), 1);
    f.status = AA_SCAN_ATTRIBUTED;
    assert_int_equal(aa_scan_file_check(&f, 0, NULL), 0);
    /* A redundant pid attributes nothing of its own. */
    f.hits[0].what = AA_D_PID_NESTED_REDUNDANT;
    f.has = UINT64_C(1) << AA_D_PID_NESTED_REDUNDANT;
    assert_int_equal(aa_scan_file_check(&f, 0, NULL), 1);
    aa_scan_free(s);
}

/* In a folder every template is scanned, whatever its schema's scope,
 * version or host; one that only looks like a template is scanned with a
 * note that says why; parameter files and UI definitions are not. */
static void
test_folder_takes_every_template(void **state)
{
    char *dir = scratch("schemas");
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *f;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "sub.json",
        "{\"$schema\": \"http://schema.management.azure.com/schemas/"
        "2018-05-01/subscriptionDeploymentTemplate.json\", \"resources\": "
        "[" PID_RES("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301") "]}");
    put(dir, "odd.json",
        "{\"$schema\": \"https://example.com/template.json\", "
        "\"contentVersion\": \"1.0.0.0\", \"resources\": "
        "[" PID_RES("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301") "]}");
    put(dir, "sub.parameters.json",
        "{\"$schema\": \"https://schema.management.azure.com/schemas/"
        "2019-04-01/deploymentParameters.json#\", \"contentVersion\": "
        "\"1.0.0.0\", \"parameters\": {}}");
    put(dir, "createUiDefinition.json",
        "{\"$schema\": \"https://schema.management.azure.com/schemas/"
        "0.1.2-preview/CreateUIDefinition.MultiVm.json#\", \"handler\": "
        "\"Microsoft.Azure.CreateUIDef\", \"parameters\": {}}");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(s->nfiles, 2);
    f = file_named(s, "/sub.json");
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    f = file_named(s, "/odd.json");
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_N_NOTE);
    assert_non_null(strstr(dl.v[0].file, "odd.json"));
    assert_non_null(strstr(dl.v[0].detail, "scanned as an ARM template"));
    assert_non_null(strstr(dl.v[0].detail, "contentVersion"));
    aa_scan_free(s);
    aa_diags_fini(&dl);
    unscratch(dir);
}

/* A templateLink URL (from an _artifactsLocation with a real default) is
 * matched to the scanned file whose path ends in the most of the URL's
 * path segments, its query string cut; a tie links nothing. */
static void
test_url_links(void **state)
{
    char *dir = scratch("urls");
    char *a = aa_xasprintf("%s/app", dir), *an = aa_xasprintf("%s/app/n", dir);
    char *b = aa_xasprintf("%s/b", dir), *bn = aa_xasprintf("%s/b/n", dir);
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *f;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(mkdir(a, 0777), 0);
    assert_int_equal(mkdir(an, 0777), 0);
    assert_int_equal(mkdir(b, 0777), 0);
    assert_int_equal(mkdir(bn, 0777), 0);
#define LINK(uri)                                                              \
    "{\"type\": \"Microsoft.Resources/deployments\", \"name\": \"l\", "        \
    "\"properties\": {\"templateLink\": {\"uri\": \"" uri "\"}}}"
    put(a, "main.json",
        TEMPLATE_HEAD
            PID_RES("pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301") ", " LINK(
                "https://raw.githubusercontent.com/org/repo/master/app/n/"
                "child.json?sv=1") ", " LINK("https://example.com/n/"
                                             "twin.json") "]}");
#undef LINK
    put(an, "child.json",
        TEMPLATE_HEAD PID_RES("pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") "]}");
    /* Another child.json, matching fewer segments of the URL. */
    put(bn, "child.json",
        TEMPLATE_HEAD PID_RES("pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") "]}");
    /* n/twin.json twice: the URL cannot tell which. */
    put(an, "twin.json",
        TEMPLATE_HEAD PID_RES("pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") "]}");
    put(bn, "twin.json",
        TEMPLATE_HEAD PID_RES("pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") "]}");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(dl.n, 0);
    assert_int_equal(s->nfiles, 5);
    f = file_named(s, "/app/n/child.json");
    assert_non_null(f);
    assert_true(aa_scan_has(f, AA_D_CHILD_OF));
    f = file_named(s, "/b/n/child.json");
    assert_false(aa_scan_has(f, AA_D_CHILD_OF));
    assert_false(aa_scan_has(file_named(s, "/app/n/twin.json"), AA_D_CHILD_OF));
    assert_false(aa_scan_has(file_named(s, "/b/n/twin.json"), AA_D_CHILD_OF));
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(a);
    free(an);
    free(b);
    free(bn);
    unscratch(dir);
}

static const struct aa_hit *
nth_hit(const struct aa_scan_file *f, enum aa_detect what)
{
    for (size_t i = 0; f != NULL && i < f->nhits; i++)
        if (f->hits[i].what == what)
            return &f->hits[i];
    return NULL;
}

/* Explaining, a hit names the symbols its value went through, where
 * they are declared; not explaining, it records none. */
static void
test_explain_steps(void **state)
{
    char *dir = scratch("steps");
    const struct aa_hit *h;
    struct aa_diags dl;

    (void)state;
    put(dir, "main.bicep",
        "var cuaId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'\n"
        "resource pid 'Microsoft.Resources/deployments@2021-04-01' = {\n"
        "  name: 'pid-${cuaId}'\n}\n");
    put(dir, "providers.tf",
        "locals {\n  id = \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"\n}\n"
        "provider \"azurerm\" {\n  partner_id = local.id\n}\n");
    put(dir, "deploy.sh",
        "P=pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301\nexport "
        "AZURE_HTTP_USER_AGENT=$P\n");
    put(dir, "azuredeploy.json",
        TEMPLATE_HEAD PID_RES(
            "[concat('pid-', variables('g'))]") "], "
                                                "\"variables\": {\"g\": "
                                                "\"3f2504e0-4f89-41d3-9a0c-"
                                                "0305e82c3301\"}}");
    for (int explain = 0; explain < 2; explain++) {
        struct aa_scan *s = aa_scan_new();

        aa_diags_init(&dl);
        aa_scan_explain(s, explain);
        assert_int_equal(aa_scan_path(s, dir, &dl), 0);
        aa_scan_finish(s);
        h = nth_hit(file_named(s, "/main.bicep"), AA_D_PID_ROOT);
        assert_non_null(h);
        /* As written, too, only for an explanation: no report shows it. */
        if (explain)
            assert_string_equal(h->written, "'pid-${cuaId}'");
        else
            assert_null(h->written);
        assert_int_equal(h->nsteps, explain ? 2 : 0);
        if (explain) {
            /* The declaration first, then the var, at its line. */
            assert_string_equal(h->steps[0].name, "pid");
            assert_int_equal(h->steps[0].line, 2);
            assert_string_equal(h->steps[1].name, "cuaId");
            assert_int_equal(h->steps[1].line, 1);
            assert_int_equal(h->steps[1].col, 1);
            assert_non_null(strstr(h->steps[1].written, "var cuaId ="));
        }
        h = nth_hit(file_named(s, "/azuredeploy.json"), AA_D_PID_ROOT);
        assert_non_null(h);
        assert_int_equal(h->nsteps, explain ? 1 : 0);
        if (explain) {
            assert_string_equal(h->steps[0].name, "g");
            assert_non_null(strstr(h->steps[0].written, "\"g\": \"3f2504e0"));
        }
        /* Terraform goes through its locals and variables, a script
         * through the lines that set its variables. */
        h = nth_hit(file_named(s, "/providers.tf"), AA_D_TF_PARTNER_ID);
        assert_non_null(h);
        assert_int_equal(h->nsteps, explain ? 1 : 0);
        if (explain)
            assert_string_equal(
                h->steps[0].written,
                "id = \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"");
        h = nth_hit(file_named(s, "/deploy.sh"), AA_D_UA_PID);
        assert_non_null(h);
        assert_int_equal(h->nsteps, explain ? 1 : 0);
        if (explain) {
            assert_string_equal(h->steps[0].name, "P");
            assert_int_equal(h->steps[0].line, 1);
        }
        aa_scan_free(s);
        aa_diags_fini(&dl);
    }
    unscratch(dir);
}

/* Scanned alone, the same linked template is a root of its own. */
static void
test_alone_is_root(void **state)
{
    char *dir = scratch("alone");
    char *path = aa_xasprintf("%s/child.json", dir);
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "child.json",
        TEMPLATE_HEAD PID_RES("pid-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") "]}");
    assert_int_equal(aa_scan_path(s, path, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(s->nfiles, 1);
    assert_int_equal(s->files[0]->status, AA_SCAN_ATTRIBUTED);
    assert_true(aa_scan_has(s->files[0], AA_D_PID_ROOT));
    assert_int_equal(s->files[0]->hits[0].line, 1);
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(path);
    unscratch(dir);
}

/* The .tf files of a folder are one module: a variable declared in one
 * file resolves partner_id in another; a subfolder is a module of its
 * own; a file named after its folder was scanned is listed once, as the
 * folder read it. */
static void
test_terraform_module(void **state)
{
    char *dir = scratch("module");
    char *sub = aa_xasprintf("%s/child", dir);
    char *alone = aa_xasprintf("%s/providers.tf", dir);
    const char *prov = "provider \"azurerm\" {\n  features {}\n"
                       "  partner_id = var.partner_id\n}\n";
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *f;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(mkdir(sub, 0777), 0);
    put(dir, "providers.tf", prov);
    put(dir, "variables.tf",
        "variable \"partner_id\" {\n  default = local.id\n}\n");
    put(dir, "locals.tf",
        "locals {\n  id = \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"\n}\n");
    put(sub, "main.tf", prov);
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    assert_int_equal(aa_scan_path(s, alone, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(dl.n, 0);
    assert_int_equal(s->nfiles, 4);
    f = file_named(s, "/child/main.tf");
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_AT_RISK);
    assert_true(aa_scan_has(f, AA_D_TF_PARTNER_ID_UNRESOLVED));
    /* providers.tf once, from the folder: resolved through a default,
     * which -var can replace. */
    f = file_named(s, "/providers.tf");
    assert_non_null(f);
    assert_int_equal(f->origin, 0);
    assert_int_equal(f->status, AA_SCAN_AT_RISK);
    assert_true(aa_scan_has(f, AA_D_TF_PARTNER_ID_VAR));
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(alone);
    free(sub);
    unscratch(dir);
}

/* A module is read once for all its files, even when another folder's
 * module comes between: a subfolder whose name sorts among the parent's
 * files sees its own variables; the same folder scanned again reads and
 * lists nothing more. */
#define G1 "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
#define G2 "9c2f6a1e-1b5d-4b8e-8f3a-2d4c6e8a0b1c"

static void
test_terraform_module_read_once(void **state)
{
    char *dir = scratch("module-once");
    char *sub = aa_xasprintf("%s/b", dir);
    const char *prov = "provider \"azurerm\" {\n  features {}\n"
                       "  partner_id = var.p\n}\n";
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(mkdir(sub, 0777), 0);
    put(dir, "a.tf", "variable \"p\" {\n  default = \"" G1 "\"\n}\n");
    put(dir, "c.tf", prov);
    /* Two default blocks would make Terraform refuse the module. */
    put(dir, "d.tf",
        "provider \"azurerm\" {\n  alias = \"d\"\n  partner_id = var.p\n}\n");
    put(sub, "main.tf", prov);
    put(sub, "other.tf", "locals {\n  x = 1\n}\n");
    put(sub, "vars.tf", "variable \"p\" {\n  default = \"" G2 "\"\n}\n");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(dl.n, 0);
    assert_int_equal(s->nfiles, 6);
    /* Two modules of three files: each file lexed when its module is read
     * and again when it is scanned, but for the file whose scan reads the
     * module; the second scan lexes nothing. */
    assert_int_equal(s->tf_lexed, 2 * 6 - 2);
    for (size_t i = 0; i < s->nfiles; i++) {
        const struct aa_scan_file *f = s->files[i];
        const char *want = strstr(f->path, "/b/main.tf") ? G2 : G1;

        if (strstr(f->path, "main.tf") == NULL &&
            strstr(f->path, "c.tf") == NULL && strstr(f->path, "d.tf") == NULL)
            continue;
        assert_int_equal(f->status, AA_SCAN_AT_RISK); /* from a default */
        assert_int_equal(f->nhits, 1);
        assert_string_equal(f->hits[0].subject, want);
    }
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(sub);
    unscratch(dir);
}

/*
 * A module keeps of its files only what the others may read: the tokens
 * of its variables' defaults, its locals and its provider blocks'
 * partner_id, each copied out of its file, whose own tokens are freed.
 * Forty files of resources add nothing; the provider block reads a local
 * of one file that reads a variable of another, through a template whose
 * pairs point within the copy.
 */
static void
test_terraform_module_keeps_declarations(void **state)
{
    char *dir = scratch("module-keeps");
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *prov = NULL;

    (void)state;
    aa_diags_init(&dl);
    /* 3 tokens: local.pid, of the 17 from "provider" to its closing
     * brace. */
    put(dir, "m.tf",
        "provider \"azurerm\" {\n  features {}\n  partner_id = local.pid\n}\n");
    /* 7: "${var.p}" */
    put(dir, "n.tf", "locals {\n  pid = \"${var.p}\"\n}\n");
    /* 3: "G1"; then 18, the sum after it.  A copy's end must be counted
     * from the copy: counted from the file it would take in the sum's
     * tokens, which come right after it in the module's arena (packed:
     * unit/test_arena), and the value would be no string. */
    put(dir, "z.tf",
        "variable \"p\" {\n  default = \"" G1 "\"\n}\n"
        "locals {\n  pad = -1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1\n}\n");
    for (int i = 0; i < 40; i++) {
        char name[16];

        snprintf(name, sizeof(name), "r%02d.tf", i);
        put(dir, name,
            "resource \"azurerm_resource_group\" \"rg\" {\n"
            "  name     = \"rg-${local.pid}\"\n  location = \"westeurope\"\n"
            "  tags     = { team = \"a\", cost = \"b\" }\n}\n");
    }
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(s->tf_kept, 3 + 7 + 3 + 18);
    aa_scan_finish(s);
    for (size_t i = 0; i < s->nfiles; i++)
        if (strstr(s->files[i]->path, "/m.tf") != NULL)
            prov = s->files[i];
    assert_non_null(prov);
    assert_int_equal(prov->status, AA_SCAN_AT_RISK); /* from a default */
    assert_int_equal(prov->nhits, 1);
    assert_string_equal(prov->hits[0].subject, G1);
    aa_scan_free(s);
    aa_diags_fini(&dl);
    unscratch(dir);
}

/*
 * A module's texts are freed as the walk passes its files, so what it
 * keeps of them holds its own copy of their text (copy_toks): a file
 * scanned after the others reads a local of the first, whose name and
 * text are its file's, through a variable whose default is a "<<-"
 * heredoc in a file between (blanks stripped, escapes decoded, from the
 * copy), and a provider block of the first selected from the last, whose
 * partner_id is judged there (at risk, from a variable's default).  --explain
 * quotes its own file's declarations only, from its own text.  Under
 * AddressSanitizer a reading of a freed text fails the test.
 */
static void
test_terraform_module_kept_text(void **state)
{
    char *dir = scratch("module-text");
    struct aa_diags dl;
    const struct aa_hit *h;

    (void)state;
    put(dir, "a.tf",
        "locals {\n  pid = trimspace(var.h)\n}\n"
        "provider \"azurerm\" {\n  alias = \"a\"\n"
        "  partner_id = \"pid-${local.pid}\"\n}\n");
    put(dir, "b.tf",
        "variable \"h\" {\n  default = <<-EOT\n      " G1 "\n    EOT\n}\n");
    put(dir, "c.tf",
        "provider \"azurerm\" {\n  features {}\n"
        "  partner_id = local.pid\n}\n"
        "resource \"azurerm_resource_group\" \"rg\" {\n"
        "  provider = azurerm.a\n  name = \"rg\"\n}\n"
        "resource \"azurerm_resource_group\" \"rh\" {\n  name = \"rh\"\n}\n");
    for (int explain = 0; explain < 2; explain++) {
        struct aa_scan *s = aa_scan_new();

        aa_diags_init(&dl);
        aa_scan_explain(s, explain);
        assert_int_equal(aa_scan_path(s, dir, &dl), 0);
        assert_int_equal(dl.n, 0);
        aa_scan_finish(s);
        h = nth_hit(file_named(s, "/c.tf"), AA_D_TF_PARTNER_ID_VAR);
        assert_non_null(h);
        assert_string_equal(h->subject, G1);
        /* The local and the variable are other files': no step. */
        assert_int_equal(h->nsteps, 0);
        /* a.tf's block, selected in c.tf: one of another file, at risk. */
        assert_int_equal(file_named(s, "/c.tf")->tf->counts[3], 0);
        assert_int_equal(file_named(s, "/c.tf")->tf->counts[4], 1);
        h = nth_hit(file_named(s, "/a.tf"), AA_D_TF_PARTNER_ID_VAR);
        assert_non_null(h);
        assert_string_equal(h->subject, "pid-" G1);
        assert_int_equal(h->nsteps, explain ? 1 : 0);
        if (explain) {
            assert_string_equal(h->steps[0].name, "pid");
            assert_int_equal(h->steps[0].line, 2);
            assert_string_equal(h->steps[0].written, "pid = trimspace(var.h)");
        }
        aa_scan_free(s);
        aa_diags_fini(&dl);
    }
    unscratch(dir);
}

/*
 * Each .tf file is lexed at most twice, however many files its folder
 * holds and however the walk interleaves them with subfolders' ("m03/"
 * sorts between "f03.tf" and "f04.tf"): once when its module is read and
 * once when it is scanned, but for the file whose scan reads the module,
 * which is lexed once.  A file that re-read its siblings made a folder's
 * scan grow with its square, which a count shows where a clock would
 * only be slow.  A file that does not lex is counted the same, and
 * reported once; one named on its own is lexed alone.
 */
static void
test_terraform_lexed_once(void **state)
{
    char *dir = scratch("lexed-once");
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    size_t tfs = 0, modules = 1;
    char *one;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "a.tf",
        "variable \"p\" {\n  default = \"" G1 "\"\n}\n"
        "provider \"azurerm\" {\n  features {}\n  partner_id = var.p\n}\n");
    tfs++;
    for (int i = 0; i < 40; i++) {
        char name[16];

        snprintf(name, sizeof(name), "f%02d.tf", i);
        put(dir, name,
            i == 17 ? "locals {\n  x = \"unclosed\n}\n"
                    : "resource \"azurerm_resource_group\" \"rg\" {\n"
                      "  name = local.n\n}\nlocals {\n  n = var.p\n}\n");
        tfs++;
        if (i % 4 == 0) {
            char *sub = aa_xasprintf("%s/f%02d", dir, i);

            assert_int_equal(mkdir(sub, 0777), 0);
            put(sub, "main.tf", "variable \"p\" {}\n");
            put(sub, "other.tf", "locals {\n  q = var.p\n}\n");
            tfs += 2;
            modules++;
            free(sub);
        }
    }
    assert_int_not_equal(aa_scan_path(s, dir, &dl), 0); /* f17.tf */
    assert_int_equal(s->tf_lexed, 2 * tfs - modules);
    assert_int_equal(dl.n, 1);
    one = aa_xasprintf("%s/a.tf", dir);
    assert_int_equal(aa_scan_path(s, one, &dl), 0);
    /* Named after its folder: listed once, not read again. */
    assert_int_equal(s->tf_lexed, 2 * tfs - modules);
    aa_scan_finish(s);
    assert_int_equal(s->nfiles, tfs);
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(one);
    unscratch(dir);
}

/* azapi reads ARM_PARTNER_ID when no partner_id of its own is set, and
 * takes only the bare GUID (CUA-F12): a script's pid- value is wrong for
 * the azapi code of its folder, right for azurerm.  Beside azapi alone it
 * serves nothing; beside azurerm too it is at risk.  A subfolder, a
 * folder whose azapi block sets the id, and a bare GUID are no concern. */
static void
test_env_read_by_azapi(void **state)
{
    char *dir = scratch("azapi");
    char *sub = aa_xasprintf("%s/set", dir);
    char *mixed = aa_xasprintf("%s/mixed", dir);
    char *top = aa_xasprintf("%s/deploy.sh", dir);
    const char *env = "export ARM_PARTNER_ID="
                      "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301\n";
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *f;
    const struct aa_hit *h;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(mkdir(sub, 0777), 0);
    assert_int_equal(mkdir(mixed, 0777), 0);
    put(dir, "deploy.sh", env);
    put(dir, "bare.sh",
        "export ARM_PARTNER_ID=3f2504e0-4f89-41d3-9a0c-0305e82c3301\n");
    put(dir, "main.tf",
        "resource \"azapi_resource\" \"site\" {\n"
        "  type = \"Microsoft.Web/sites@2022-03-01\"\n}\n");
    put(sub, "deploy.sh", env);
    put(sub, "providers.tf",
        "provider \"azapi\" {\n"
        "  partner_id = \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"\n}\n");
    put(mixed, "deploy.sh", env);
    put(mixed, "main.tf",
        "resource \"azapi_resource\" \"site\" {\n"
        "  type = \"Microsoft.Web/sites@2022-03-01\"\n}\n"
        "data \"azurerm_client_config\" \"me\" {}\n");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    aa_scan_finish(s); /* twice changes nothing */
    assert_int_equal(dl.n, 0);
    f = file_named(s, top);
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_NOT_ATTRIBUTED);
    assert_int_equal(f->nhits, 2);
    h = &f->hits[1];
    assert_int_equal(h->what, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED);
    assert_string_equal(h->subject, "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    assert_int_equal(h->line, 1);
    assert_int_equal(h->col, 8);
    f = file_named(s, "/bare.sh");
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    assert_false(aa_scan_has(f, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED));
    f = file_named(s, "/set/deploy.sh");
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    assert_false(aa_scan_has(f, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED));
    f = file_named(s, "/mixed/deploy.sh");
    assert_int_equal(f->status, AA_SCAN_AT_RISK);
    assert_true(aa_scan_has(f, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED));
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(top);
    free(mixed);
    free(sub);
    unscratch(dir);
}

static void
test_marketplace_plan(void **state)
{
    char *dir = scratch("market");
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "mainTemplate.json", TEMPLATE_HEAD "]}");
    put(dir, "createUiDefinition.json", "{\"handler\": \"x\"}");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(s->nfiles, 1);
    assert_true(aa_scan_has(s->files[0], AA_D_MARKETPLACE_PLAN));
    assert_false(aa_scan_has(s->files[0], AA_D_PID_NONE));
    assert_int_equal(s->files[0]->status, AA_SCAN_AT_RISK);
    aa_scan_free(s);
    aa_diags_fini(&dl);
    unscratch(dir);
}

static void
test_bad_input(void **state)
{
    char *dir = scratch("bad");
    char *bad = aa_xasprintf("%s/bad.json", dir);
    char *latin = aa_xasprintf("%s/latin.tf", dir);
    char *missing = aa_xasprintf("%s/none.bicep", dir);
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "bad.json", "{\n  \"resources\": [\n    {\"name\": }\n  ]\n}\n");
    put(dir, "latin.tf", "# caf\xe9\nprovider \"azurerm\" {}\n");
    assert_int_equal(aa_scan_path(s, bad, &dl), -1);
    assert_int_equal(aa_scan_path(s, latin, &dl), -1);
    assert_int_equal(aa_scan_path(s, missing, &dl), -1);
    aa_scan_finish(s);
    assert_int_equal(dl.n, 3);
    assert_int_equal(dl.v[0].code, AA_E_ARTIFACT);
    assert_int_equal(dl.v[0].line, 3);
    assert_int_equal(dl.v[1].code, AA_E_UTF8);
    assert_int_equal(dl.v[1].line, 1);
    assert_int_equal(dl.v[1].col, 6);
    assert_int_equal(dl.v[2].code, AA_S_IO);
    /* The files that failed are listed, marked as failed. */
    assert_int_equal(s->nfiles, 2);
    assert_true(s->files[0]->failed && s->files[1]->failed);
    aa_scan_free(s);
    aa_diags_fini(&dl);
    free(missing);
    free(latin);
    free(bad);
    unscratch(dir);
}

/* ---- scripts: values resolved as templates resolve theirs ------------ */

#define SG "11111111-2222-3333-4444-555555555555"
#define SG2 "2680257b-9f22-4261-b1ef-72412d367a68"

static void
script(struct run *r, const char *path, const char *text)
{
    run_scanner(r, aa_scan_script, AA_SCAN_SCRIPT, path, text, strlen(text));
}

/* The status a script gets and its first hit of 'what', with its subject
 * (NULL: no such hit wanted). */
static void
expect_script(const char *path, const char *text, enum aa_scan_status st,
              enum aa_detect what, const char *subject)
{
    struct run r;
    const struct aa_hit *h;

    script(&r, path, text);
    if (r.f->status != st)
        fail_msg("%s: %s, expected %s", path, aa_scan_status_name(r.f->status),
                 aa_scan_status_name(st));
    h = nth(&r, what, 0);
    if (subject == NULL && h != NULL)
        fail_msg("%s: unexpected %s '%s'", path, aa_detect_name(what),
                 h->subject);
    if (subject != NULL && h == NULL)
        fail_msg("%s: no %s hit", path, aa_detect_name(what));
    if (subject != NULL)
        assert_string_equal(h->subject, subject);
    run_done(&r);
}

/* The shape reviewers found dropped from a folder: the pid reaches the
 * user agent through a variable and a curl header, and the deployment
 * is named with the bare GUID. */
static void
test_script_variables(void **state)
{
    struct run r;

    (void)state;
    script(&r, "deploy.sh",
           "#!/bin/sh\n"
           "PID=\"pid-" SG "\"\n"
           "export AZURE_HTTP_USER_AGENT=\"$PID\"\n"
           "curl -A \"pid-" SG "\" https://management.azure.com/x\n"
           "az deployment group create --name " SG " -g rg -f main.bicep\n");
    assert_int_equal(r.f->status, AA_SCAN_ATTRIBUTED);
    expect_hit(&r, AA_D_UA_PID, "pid-" SG, 3, 8);
    assert_int_equal(nth(&r, AA_D_UA_PID, 1)->line, 4);
    expect_hit(&r, AA_D_DEPLOYMENT_NO_PREFIX, SG, 5, 30);
    run_done(&r);

    expect_script("a.sh",
                  "PID=pid-" SG "\nexport AZURE_HTTP_USER_AGENT=\"${PID}\"\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("a.sh",
                  "G=" SG "; export AZURE_HTTP_USER_AGENT=\"app/1 pid-$G\"\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    /* Later settings win; a variable set from itself is its old value. */
    expect_script("a.sh",
                  "U=x\nU=\"$U pid-" SG "\"\nAZURE_HTTP_USER_AGENT=$U az x\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("d.ps1",
                  "$p = 'pid-" SG "'\n$env:AZURE_HTTP_USER_AGENT = $P\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("d.ps1",
                  "$g = '" SG "'\n"
                  "$env:AZURE_HTTP_USER_AGENT = 'pid-' + $g\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("d.cmd",
                  "set PID=pid-" SG "\r\nset AZURE_HTTP_USER_AGENT=%PID%\r\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("app.py",
                  "PID = 'pid-" SG "'\nc = Client(cred, user_agent=PID)\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("app.py",
                  "GUID = \"" SG
                  "\"\nc = Client(c, user_agent=f\"pid-{GUID}\")\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("app.py",
                  "GUID = \"" SG
                  "\"\nc = Client(c, user_agent='pid-' + GUID)\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script(
        "a.ts",
        "const PID: string = 'pid-" SG "';\n"
        "new C(cred, { userAgentOptions: { userAgentPrefix: PID } });\n",
        AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("a.js",
                  "const G = '" SG "';\n"
                  "new C(cred, { userAgentOptions: { userAgentPrefix: "
                  "`pid-${G}` } });\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("P.cs",
                  "private const string Pid = \"pid-" SG "\";\n"
                  "options.Diagnostics.ApplicationId = Pid;\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("main.go",
                  "const pid = \"pid-" SG "\"\n"
                  "t := policy.TelemetryOptions{\n\tApplicationID: pid,\n}\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("ci.yml",
                  "env:\n  PID: pid-" SG "\nsteps:\n  - env:\n"
                  "      AZURE_HTTP_USER_AGENT: ${{ env.PID }}\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("azure-pipelines.yml",
                  "variables:\n  - name: pid\n    value: pid-" SG "\n"
                  "steps:\n  - script: az group list\n    env:\n"
                  "      AZURE_HTTP_USER_AGENT: $(pid)\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("Makefile",
                  "PID := pid-" SG "\nexport AZURE_HTTP_USER_AGENT = $(PID)\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("d.bat",
                  "set \"PID=pid-" SG "\"\nset AZURE_HTTP_USER_AGENT=!PID!\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("A.kt", "val g = \"" SG "\"\nclient.userAgent(\"pid-$g\")\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("P.cs",
                  "var g = \"" SG "\";\n"
                  "options.Diagnostics.ApplicationId = $\"pid-{g}\";\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("A.java",
                  "static final String PID = \"pid-" SG "\";\n"
                  "new HttpLogOptions().setApplicationId(PID);\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
}

/* What the file cannot resolve is at risk with a finding that says so:
 * never context, never dropped. */
static void
test_script_unresolved(void **state)
{
    (void)state;
    expect_script("a.sh", "export AZURE_HTTP_USER_AGENT=\"$1\"\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED, "$1");
    expect_script("a.sh",
                  "PID=$(cat pid.txt)\nexport AZURE_HTTP_USER_AGENT=\"$PID\"\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED, "$PID");
    expect_script("a.sh", "export AZURE_HTTP_USER_AGENT=\"${PARTNER_UA}\"\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED, "${PARTNER_UA}");
    expect_script("d.ps1", "$env:AZURE_HTTP_USER_AGENT = $env:PARTNER_UA\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED, "$env:PARTNER_UA");
    expect_script("app.py", "c = Client(cred, user_agent=make_ua())\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED, "make_ua()");
    expect_script("app.py", "def f(ua):\n    return Client(c, user_agent=ua)\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED, "ua");
    expect_script("a.sh", "U=\"pid-$G\"\nexport AZURE_HTTP_USER_AGENT=$U\n",
                  AA_SCAN_AT_RISK, AA_D_PID_UNRESOLVED, "pid-" AA_HOLE_STR);
    /* A long expression is quoted as far as a finding can show it. */
    expect_script("app.py",
                  "c = Client(c, user_agent=build_user_agent(product_name, "
                  "product_version, environment_name, region_name, zone))\n",
                  AA_SCAN_AT_RISK, AA_D_UA_UNRESOLVED,
                  "build_user_agent(product_name, product_version, "
                  "environment_name, region_name, " AA_HOLE_STR);
    /* A user agent that is fully known but carries no pid says so. */
    expect_script("a.sh", "export AZURE_HTTP_USER_AGENT=\"contoso/1.0\"\n",
                  AA_SCAN_NOT_ATTRIBUTED, AA_D_UA_NO_PID, "contoso/1.0");
    /* An application id is no user agent without telemetry words near. */
    expect_script("a.ts", "reg.applicationId = appId;\n", AA_SCAN_CONTEXT,
                  AA_D_UA_UNRESOLVED, NULL);
    expect_script("app.py", "c = Client(cred, user_agent=None)\n",
                  AA_SCAN_CONTEXT, AA_D_UA_UNRESOLVED, NULL);
}

/* An HTTP User-Agent header is a user agent (CUA-F14). */
static void
test_script_headers(void **state)
{
    (void)state;
    expect_script("a.sh", "curl --user-agent 'pid-" SG "' https://x\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("a.sh",
                  "curl -s -H \"User-Agent: tool/1 pid-" SG "\" https://x\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("a.sh",
                  "G=" SG "\ncurl -H 'Accept: x' -H \"user-agent: pid-$G\" u\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("a.sh", "curl -H 'User-Agent: " SG "' https://x\n",
                  AA_SCAN_NOT_ATTRIBUTED, AA_D_UA_NO_PREFIX, SG);
    expect_script("a.sh", "tar -A x.tar y.tar\n", AA_SCAN_CONTEXT, AA_D_UA_PID,
                  NULL);
    expect_script("a.sh", "curl -H 'X-User-Agent: tool/1' https://x\n",
                  AA_SCAN_CONTEXT, AA_D_UA_NO_PID, NULL);
    expect_script("d.ps1",
                  "Invoke-RestMethod -Uri $u -UserAgent \"pid-" SG "\"\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("d.ps1",
                  "$h = @{'User-Agent' = 'pid-" SG "'}\n"
                  "Invoke-RestMethod -Uri $u -Headers $h\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("app.py",
                  "r = requests.get(u, headers={'User-Agent': 'pid-" SG "'})\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("a.js",
                  "const UA = 'pid-" SG "';\n"
                  "fetch(u, { headers: { 'User-Agent': UA } });\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("P.cs",
                  "client.DefaultRequestHeaders.Add(\"User-Agent\", \"pid-" SG
                  "\");\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
    expect_script("main.go", "req.Header.Set(\"User-Agent\", \"pid-" SG "\")\n",
                  AA_SCAN_ATTRIBUTED, AA_D_UA_PID, "pid-" SG);
}

/* A deployment named with the bare GUID matches no usage (CUA-F14); a
 * pid- text the scan ties to no setting is still worth a line. */
static void
test_script_deployments(void **state)
{
    (void)state;
    expect_script("a.sh", "az deployment sub create -l x --name " SG "\n",
                  AA_SCAN_NOT_ATTRIBUTED, AA_D_DEPLOYMENT_NO_PREFIX, SG);
    expect_script("a.sh",
                  "N=" SG "\naz deployment group create \\\n"
                  "  -g rg \\\n  -n \"$N\" -f main.bicep\n",
                  AA_SCAN_NOT_ATTRIBUTED, AA_D_DEPLOYMENT_NO_PREFIX, SG);
    expect_script("d.ps1",
                  "New-AzResourceGroupDeployment -ResourceGroupName rg `\n"
                  "  -Name '" SG "' -TemplateFile main.json\n",
                  AA_SCAN_NOT_ATTRIBUTED, AA_D_DEPLOYMENT_NO_PREFIX, SG);
    expect_script("a.sh", "az deployment group create --name app -g rg\n",
                  AA_SCAN_CONTEXT, AA_D_DEPLOYMENT_NO_PREFIX, NULL);
    /* A pid- name is no bare GUID, but still a pid text. */
    expect_script("a.sh",
                  "az deployment group create -g rg --name pid-" SG2 "\n",
                  AA_SCAN_CONTEXT, AA_D_SCRIPT_PID_TEXT, "pid-" SG2);
    expect_script("a.sh", "az group create --name " SG " -l x\n",
                  AA_SCAN_CONTEXT, AA_D_DEPLOYMENT_NO_PREFIX, NULL);
    /* A pid text whose GUID has a digit missing is wrong wherever it
     * goes; "pid-file" and a long hex word are no such thing. */
    expect_script("t.ps1",
                  "Submit-Telemetry -Cuapid "
                  "\"pid-dc5b73fd-e93c-40ca-8fef-976762d1d30\"\n",
                  AA_SCAN_NOT_ATTRIBUTED, AA_D_PID_BAD_GUID,
                  "pid-dc5b73fd-e93c-40ca-8fef-976762d1d30");
    expect_script("a.sh", "rm -f pid-file\necho pid-0123-4567-89ab\n",
                  AA_SCAN_CONTEXT, AA_D_PID_BAD_GUID, NULL);
    /* A function named for the user agent, declared or called with
     * nothing, sets none. */
    expect_script("u.ts",
                  "export function setUserAgent(): void {\n}\n"
                  "client.getUserAgent();\n",
                  AA_SCAN_CONTEXT, AA_D_UA_UNRESOLVED, NULL);
    expect_script("a.sh",
                  "az deployment group create -g rg -f main.json "
                  "--parameters partnerId=pid-" SG2 "\n",
                  AA_SCAN_CONTEXT, AA_D_SCRIPT_PID_TEXT, "pid-" SG2);
    /* Beside a user agent that carries the pid, the mention says
     * nothing more. */
    expect_script("a.sh",
                  "export AZURE_HTTP_USER_AGENT=pid-" SG "\necho pid-" SG2 "\n",
                  AA_SCAN_ATTRIBUTED, AA_D_SCRIPT_PID_TEXT, NULL);
}

/* Hostile input stays linear: many variables, each set from the one
 * before, and many reads of the last. */
static void
test_script_many_variables(void **state)
{
    size_t n = 20000, cap = n * 40 + 64, len = 0;
    char *text = aa_xmalloc(cap);
    struct run r;

    (void)state;
    len += (size_t)snprintf(text + len, cap - len, "V0=pid-%s\n", SG);
    for (size_t i = 1; i < n / 2; i++)
        len += (size_t)snprintf(text + len, cap - len, "V%zu=\"$V%zu\"\n", i,
                                i - 1);
    for (size_t i = n / 2; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "AZURE_HTTP_USER_AGENT=$V%zu\n", n / 2 - 1);
    run_scanner(&r, aa_scan_script, AA_SCAN_SCRIPT, "a.sh", text, len);
    assert_int_equal(r.rc, 0);
    /* Too deep to follow: unknown, never wrong. */
    assert_int_equal(r.f->status, AA_SCAN_AT_RISK);
    run_done(&r);
    free(text);
}

/* In a folder, a script that says anything about attribution is listed,
 * and so is a file of no known kind that does, with a note. */
static void
test_script_folder(void **state)
{
    char *dir = scratch("scripts");
    struct aa_scan *s = aa_scan_new();
    struct aa_diags dl;
    const struct aa_scan_file *f;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "deploy.sh",
        "#!/bin/sh\nPID=\"pid-" SG
        "\"\nexport AZURE_HTTP_USER_AGENT=\"$PID\"\n");
    put(dir, "unresolved.sh", "export AZURE_HTTP_USER_AGENT=\"$1\"\n");
    put(dir, "run", "#!/bin/bash\naz deployment sub create --name " SG "\n");
    put(dir, "deploy.txt", "export AZURE_HTTP_USER_AGENT=pid-" SG "\n");
    put(dir, "notes.txt", "nothing about it here\n");
    put(dir, "plain.sh", "echo hello\n");
    assert_int_equal(aa_scan_path(s, dir, &dl), 0);
    aa_scan_finish(s);
    assert_int_equal(s->nfiles, 4);
    f = file_named(s, "/deploy.sh");
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    f = file_named(s, "/unresolved.sh");
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_AT_RISK);
    f = file_named(s, "/run");
    assert_non_null(f);
    assert_int_equal(f->status, AA_SCAN_NOT_ATTRIBUTED);
    f = file_named(s, "/deploy.txt");
    assert_non_null(f);
    assert_int_equal(f->kind, AA_SCAN_SCRIPT);
    assert_int_equal(f->status, AA_SCAN_ATTRIBUTED);
    /* Only the file of no known kind gets a note. */
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_N_NOTE);
    assert_non_null(strstr(dl.v[0].file, "deploy.txt"));
    aa_scan_free(s);
    aa_diags_fini(&dl);
    unscratch(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pid_forms),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_partner_id_forms),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_schema_lists_detectors),
        cmocka_unit_test(test_kind_of),
        cmocka_unit_test(test_kind_of_json),
        cmocka_unit_test(test_walk_order_skips_and_links),
        cmocka_unit_test(test_folder_takes_every_template),
        cmocka_unit_test(test_url_links),
        cmocka_unit_test(test_alone_is_root),
        cmocka_unit_test(test_children_speak_for_themselves),
        cmocka_unit_test(test_long_chain_and_circle),
        cmocka_unit_test(test_report_a_file_at_a_time),
        cmocka_unit_test(test_nested_beside_root_pid),
        cmocka_unit_test(test_status_needs_a_reason),
        cmocka_unit_test(test_explain_steps),
        cmocka_unit_test(test_terraform_module),
        cmocka_unit_test(test_terraform_module_read_once),
        cmocka_unit_test(test_terraform_lexed_once),
        cmocka_unit_test(test_terraform_module_keeps_declarations),
        cmocka_unit_test(test_terraform_module_kept_text),
        cmocka_unit_test(test_env_read_by_azapi),
        cmocka_unit_test(test_marketplace_plan),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_script_variables),
        cmocka_unit_test(test_script_unresolved),
        cmocka_unit_test(test_script_headers),
        cmocka_unit_test(test_script_deployments),
        cmocka_unit_test(test_script_many_variables),
        cmocka_unit_test(test_script_folder),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
