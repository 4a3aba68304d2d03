/*
 * test_scan_tf.c -- the Terraform scanner (partner_id forms, resolution
 * through variables and locals, ARM deployments, malformed HCL) and the
 * script scanner (user agents, ARM_PARTNER_ID, SDK settings), on inline
 * snippets and on the .tf files of the corpus.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scan_harness.h"

#define G1 "2680257b-9f22-4261-b1ef-72412d367a68"
#define G2 "ACCE1E78-DCD0-37E3-4FF3-1EC1A177BE51"

/* Selects the aliases of the tests, so that each block counts. */
#define SELECTS                                                                \
    "module \"m\" {\n  providers = {\n"                                        \
    "    a = azurerm.b, b = azurerm.c, c = azurerm.d, d = azurerm.f,\n"        \
    "    e = azurerm.n, f = azurerm.s, g = azurerm.t, h = azurerm.x,\n"        \
    "    i = azurerm.y, j = azurerm.secondary,\n"                              \
    "    k = azapi.b, l = azapi.c, m = azapi.d\n  }\n}\n"

/* Scan len bytes as file 'path': Terraform for .tf, else a script. */
static void
scan_n(struct run *r, const char *path, const char *text, size_t len)
{
    if (strstr(path, ".tf") != NULL)
        run_scanner(r, aa_scan_tf, AA_SCAN_TERRAFORM, path, text, len);
    else
        run_scanner(r, aa_scan_script, AA_SCAN_SCRIPT, path, text, len);
}

static void
scan(struct run *r, const char *path, const char *text)
{
    scan_n(r, path, text, strlen(text));
}

/* The file of r as the one file of its scan, finished as scan.c finishes
 * a scan: the module calls are judged there (struct aa_tf_call). */
static void
finish(struct run *r)
{
    r->s->files = aa_xmalloc(sizeof(*r->s->files));
    r->s->files[0] = r->f;
    r->s->nfiles = r->s->capfiles = 1;
    aa_scan_finish(r->s);
}

/* 'text' must be rejected at line:col with 'words' in the message; len 0
 * means strlen(text). */
static void
expect_error(const char *text, size_t len, unsigned line, unsigned col,
             const char *words)
{
    struct run r;

    scan_n(&r, "bad.tf", text, len ? len : strlen(text));
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.dl.n, 1);
    assert_int_equal(r.dl.v[0].code, AA_E_ARTIFACT);
    assert_int_equal(r.dl.v[0].line, line);
    assert_int_equal(r.dl.v[0].col, col);
    assert_non_null(strstr(r.dl.v[0].detail, words));
    run_done(&r);
}

/* ---- Terraform: partner_id forms ------------------------------------ */

static void
test_literal_forms(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  features {}\n"
         "  partner_id = \"" G1 "\"\n"
         "}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID, G1, 3, 3);
    assert_string_equal(r.f->hits[0].guid, G1);
    run_done(&r);

    /* Upper case, pid- and -partnercenter are all accepted by azurerm,
     * and azapi takes the bare GUID (CUA-F12). */
    scan(&r, "p.tf",
         "provider \"azurerm\" { partner_id = \"pid-" G2 "-partnercenter\" }\n"
         "provider \"azurerm\" {\n  alias = \"b\"\n"
         "  partner_id = \"pid-" G2 "\"\n}\n"
         "provider \"azapi\" {\n  partner_id = \"" G2 "\"\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_TF_PARTNER_ID, "pid-" G2 "-partnercenter", 1, 22);
    assert_string_equal(nth(&r, AA_D_TF_PARTNER_ID, 1)->subject, "pid-" G2);
    assert_string_equal(nth(&r, AA_D_TF_PARTNER_ID, 2)->subject, G2);
    run_done(&r);

    /* Anything else is malformed: a suffix, a short GUID, a number. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"pid-" G1 "-x\"\n}\n"
         "provider \"azurerm\" {\n  alias = \"b\"\n"
         "  partner_id = \"2680257b-9f22-4261-b1ef\"\n}\n"
         "provider \"azapi\" {\n  partner_id = 42\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, "pid-" G1 "-x", 2, 3);
    assert_string_equal(nth(&r, AA_D_TF_PARTNER_ID_MALFORMED, 2)->subject,
                        "42");
    run_done(&r);

    /* azurerm takes pid-...-partnercenter only with a GUID in the middle
     * (CUA-F12), although a template may carry another (CUA-F15); so
     * does ARM_PARTNER_ID, which azurerm reads. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  partner_id = \"pid-contoso-myoffer-partnercenter\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED,
               "pid-contoso-myoffer-partnercenter", 2, 3);
    run_done(&r);

    scan(&r, "x.env", "ARM_PARTNER_ID=pid-contoso-myoffer-partnercenter\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_ENV_PARTNER_ID_MALFORMED,
               "pid-contoso-myoffer-partnercenter", 1, 1);
    run_done(&r);

    /* The all-zero placeholder is no partner's id. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  partner_id = \"00000000-0000-0000-0000-000000000000\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    assert_non_null(nth(&r, AA_D_PID_ZERO_GUID, 0));
    run_done(&r);
}

static void
test_variables_and_locals(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "variable \"pid\" {\n  type = string\n  default = \"" G1 "\"\n}\n"
         "provider \"azurerm\" {\n  partner_id = var.pid\n}\n");
    /* A tfvars file, -var or TF_VAR_pid replaces the default, as a
     * deployer an ARM parameter's: at risk alike (CUA-F21). */
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID_VAR, G1, 6, 3);
    run_done(&r);

    /* Default null, no default, not declared here: the caller decides. */
    scan(&r, "p.tf",
         "variable \"a\" { default = null }\nvariable \"b\" {}\n"
         "provider \"azurerm\" { partner_id = var.a }\n"
         "provider \"azurerm\" {\n alias = \"x\"\n partner_id = var.b\n}\n"
         "provider \"azurerm\" {\n alias = \"y\"\n partner_id = "
         "var.c\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 3);
    expect_hit(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, "var.a", 3, 22);
    assert_string_equal(nth(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, 2)->subject,
                        "var.c");
    run_done(&r);

    /* Locals are as good as literals; through a variable, a variable. */
    scan(&r, "p.tf",
         "locals {\n  id = \"pid-${local.g}\"\n  g = var.g\n}\n"
         "variable \"g\" { default = \"" G1 "\" }\n"
         "locals { plain = \"" G1 "\" }\n"
         "provider \"azurerm\" { partner_id = local.id }\n"
         "provider \"azapi\" { partner_id = local.plain }\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_PARTNER_ID_VAR, "pid-" G1, 7, 22);
    expect_hit(&r, AA_D_TF_PARTNER_ID, G1, 8, 20);
    run_done(&r);

    /* An unknown local, a local cycle, a function call. */
    scan(&r, "p.tf",
         "locals {\n  a = local.b\n  b = local.a\n}\n"
         "provider \"azurerm\" { partner_id = local.nope }\n"
         "provider \"azurerm\" {\n alias = \"c\"\n partner_id = local.a\n}\n"
         "provider \"azurerm\" {\n alias = \"f\"\n"
         " partner_id = lower(\"" G2 "\")\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 3);
    expect_hit(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, "local.nope", 5, 22);
    assert_string_equal(nth(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, 2)->subject,
                        "lower(\"" G2 "\")");
    run_done(&r);
}

static void
test_conditional_and_templates(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  partner_id = var.on ? \"" G1 "\" : null\n}\n"
         "provider \"azurerm\" {\n  alias = \"b\"\n"
         "  partner_id = !var.on ? null : \"pid-" G1 "\"\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_PARTNER_ID_CONDITIONAL, G1, 2, 3);
    assert_string_equal(nth(&r, AA_D_TF_PARTNER_ID_CONDITIONAL, 1)->subject,
                        "pid-" G1);
    assert_int_equal(nth(&r, AA_D_TF_PARTNER_ID_CONDITIONAL, 1)->line, 6);
    run_done(&r);

    /* Both sides valid: attributed either way. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  partner_id = var.x == 1 ? \"" G1 "\" : \"" G2 "\"\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);

    /* Strip markers change blanks only; "$${" is a literal "${", which
     * Terraform leaves for some later step to fill (CUA-F25). */
    scan(&r, "p.tf",
         "variable \"g\" { default = \"" G1 "\" }\n"
         "provider \"azurerm\" { partner_id = \"${~ var.g ~}\" }\n"
         "provider \"azapi\" { partner_id = \"$${var.g}\" }\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_PARTNER_ID_VAR, G1, 2, 22);
    expect_hit(&r, AA_D_PID_PLACEHOLDER, "${var.g}", 3, 20);
    run_done(&r);

    /* "${x}" alone is x; extra text around an unknown part is malformed
     * when no value could make it an accepted form (F34), unresolved when
     * one could. */
    scan(&r, "p.tf",
         "variable \"g\" { default = \"" G1 "\" }\n"
         "provider \"azurerm\" { partner_id = \"${var.g}\" }\n"
         "provider \"azurerm\" {\n alias = \"s\"\n"
         " partner_id = \"" G1 "-${var.location}-acasb\"\n}\n"
         "provider \"azurerm\" {\n alias = \"t\"\n"
         " partner_id = \"pid-${var.unknown}\"\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 3);
    expect_hit(&r, AA_D_TF_PARTNER_ID_VAR, G1, 2, 22);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, G1 "-" AA_HOLE_STR "-acasb", 5,
               2);
    expect_hit(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, "\"pid-${var.unknown}\"", 9,
               2);
    run_done(&r);

    /* vars.x does not exist in Terraform (F35); nested strings and a
     * directive inside templates. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  partner_id = vars.on ? \"" G1 "\" : null\n}\n"
         "provider \"azurerm\" {\n alias = \"n\"\n"
         "  partner_id = \"${lookup({ a = \"}\" }, \"a\", \"{\")}\"\n}\n"
         "provider \"azurerm\" {\n alias = \"d\"\n"
         "  partner_id = \"%{if var.on}" G1 "%{endif}\"\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 3);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, G1, 2, 3);
    assert_non_null(nth(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, 1));
    run_done(&r);
}

static void
test_missing_and_aliases(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "provider \"random\" {}\nprovider \"azurerm\" {\n  features {}\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm", 2, 1);
    run_done(&r);

    /* One block with the id, an alias without: that alias's resources
     * are not attributed (CUA-F13). */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n}\n"
         "provider \"azurerm\" {\n  alias = \"secondary\"\n  features {}\n}\n"
         "provider azapi {\n  partner_id = null\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 3);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm.secondary", 4, 1);
    assert_string_equal(nth(&r, AA_D_TF_NO_PARTNER_ID, 1)->subject, "azapi");
    run_done(&r);

    /* A partner_id inside a nested block is not the provider's. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  features {\n    partner_id = \"" G1
         "\"\n  }\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    run_done(&r);
}

static void
test_disable_flag(void **state)
{
    struct run r;

    (void)state;
    /* The flag drops Terraform's own id only, never a custom one. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  disable_terraform_partner_id = !(var.enableTelemetry)\n"
         "  partner_id = \"" G1 "\"\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_DISABLE_NO_EFFECT, G1, 2, 3);
    run_done(&r);

    /* "= false", or an id that may be null: nothing to say. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  disable_terraform_partner_id = false\n"
         "  partner_id = \"" G1 "\"\n}\n"
         "provider \"azurerm\" {\n  alias = \"b\"\n"
         "  disable_terraform_partner_id = var.p == null\n"
         "  partner_id = var.p\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    assert_null(nth(&r, AA_D_TF_DISABLE_NO_EFFECT, 0));
    run_done(&r);
}

/* ---- Terraform: provider selection (CUA-F13) ------------------------ */

/* A resource or data source uses the configuration its type names
 * (azurerm_*, azapi_*) unless "provider = NAME.ALIAS"; a module passes
 * what its providers map names, else the default.  Only the
 * configurations used count, and a default with no unaliased block is
 * Terraform's implied one, which sets no partner_id. */
static void
test_provider_selection(void **state)
{
    struct run r;

    (void)state;
    /* The alias with the id covers nothing: the resource group uses the
     * implied default. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  alias      = \"hub\"\n"
         "  partner_id = \"" G1 "\"\n"
         "  features {}\n"
         "}\n"
         "resource \"azurerm_resource_group\" \"rg\" {\n"
         "  name     = \"x\"\n"
         "  location = \"westeurope\"\n"
         "}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_UNSELECTED_PROVIDER, "azurerm.hub", 1, 1);
    expect_hit(&r, AA_D_TF_IMPLIED_PROVIDER, "azurerm", 6, 1);
    run_done(&r);

    /* Selected by the resource (as a reference, or as the string of
     * Terraform 0.11), by a data source, by a module: attributed. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  alias = \"hub\"\n"
         "  partner_id = \"" G1 "\"\n  features {}\n}\n"
         "resource \"azurerm_resource_group\" \"rg\" {\n"
         "  provider = azurerm.hub\n}\n"
         "resource \"azurerm_resource_group\" \"b\" {\n"
         "  provider = \"azurerm.hub\"\n}\n"
         "data \"azurerm_client_config\" \"c\" { provider = azurerm.hub }\n"
         "module \"m\" {\n  source = \"./m\"\n"
         "  providers = { azurerm = azurerm.hub }\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID, G1, 3, 3);
    run_done(&r);

    /* One resource on the alias, one module on the default: some used
     * configurations lack the id, and the module is where. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  alias = \"hub\"\n"
         "  partner_id = \"" G1 "\"\n  features {}\n}\n"
         "resource \"azurerm_resource_group\" \"rg\" {\n"
         "  provider = azurerm.hub\n}\n"
         "module \"m\" {\n  source = \"./m\"\n}\n"
         "module \"n\" {\n  source = \"./n\"\n}\n");
    /* Judged when the scan ends; the called folders are not scanned, so
     * the alias of the provider says that they use it. */
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    finish(&r);
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_IMPLIED_PROVIDER, "azurerm", 9, 1);
    assert_null(nth(&r, AA_D_TF_IMPLIED_PROVIDER, 1));
    run_done(&r);

    /* Read alone, the file's module is unknown: another of its files may
     * select an alias without the id, so it counts against the file (in
     * a module that is read whole, nothing selecting it makes it a note:
     * test_provider_selection_module). */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
         "  features {}\n}\n"
         "provider \"azurerm\" {\n  alias = \"secondary\"\n  features {}\n}\n"
         "resource \"azurerm_resource_group\" \"rg\" {}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm.secondary", 5, 1);
    assert_null(nth(&r, AA_D_TF_UNSELECTED_PROVIDER, 0));
    run_done(&r);

    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
         "  features {}\n}\n"
         "provider \"azurerm\" {\n  alias = \"secondary\"\n  features {}\n}\n"
         "module \"m\" {\n  source = \"./m\"\n  providers = {\n"
         "    azurerm.remote = azurerm.secondary,\n    azurerm = azurerm\n"
         "  }\n}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm.secondary", 5, 1);
    run_done(&r);

    /* azapi resources with no azapi block use its implied default. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
         "  features {}\n}\n"
         "resource \"azapi_resource\" \"x\" {\n  type = \"a@b\"\n}\n"
         "resource \"azapi_update_resource\" \"y\" {}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_IMPLIED_PROVIDER, "azapi", 5, 1);
    run_done(&r);

    /* A configuration alias that a caller passes in, not declared here,
     * and a module that passes azapi only, select nothing to judge. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
         "  features {}\n}\n"
         "resource \"azurerm_resource_group\" \"rg\" {\n"
         "  provider = azurerm.connectivity\n}\n"
         "module \"m\" {\n  providers = { azapi = azapi.x }\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);

    /* Without provider blocks, a module's caller configures it. */
    scan(&r, "p.tf",
         "resource \"azurerm_resource_group\" \"rg\" {\n"
         "  provider = azurerm.hub\n}\n"
         "resource \"azapi_resource\" \"x\" {}\nmodule \"m\" {}\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
}

/* Scan file k of a module of n files, as scan.c does for a folder. */
static void
scan_module(struct run *r, const char *const *text, size_t n, size_t k)
{
    struct aa_scan_text mod[4];
    struct aa_scan_module m = {.text = mod, .ntext = n, .at = k};
    static const char *const paths[] = {"d/main.tf", "d/providers.tf",
                                        "d/variables.tf", "d/x.tf"};

    for (size_t i = 0; i < n; i++)
        mod[i] = (struct aa_scan_text){paths[i], text[i], strlen(text[i])};
    r->s = aa_scan_new();
    aa_diags_init(&r->dl);
    r->s->module = &m;
    r->f = aa_arena_alloc(&r->s->arena, sizeof(*r->f));
    r->f->path = aa_arena_strdup(&r->s->arena, paths[k]);
    r->f->kind = AA_SCAN_TERRAFORM;
    r->f->status = AA_SCAN_CONTEXT;
    r->rc = aa_scan_tf(r->s, r->f, text[k], strlen(text[k]), &r->dl);
    r->s->module = NULL;
    aa_scan_tf_module_free(m.tf);
}

/* Provider blocks and what selects them span the files of a module. */
static void
test_provider_selection_module(void **state)
{
    static const char *const text[] = {
        "resource \"azurerm_resource_group\" \"rg\" {}\n"
        "module \"m\" {\n  providers = { azurerm = azurerm.hub }\n}\n",
        "provider \"azurerm\" {\n  alias = \"hub\"\n"
        "  partner_id = var.pid\n  features {}\n}\n"
        "provider \"azurerm\" {\n  alias = \"spare\"\n  features {}\n}\n",
        "variable \"pid\" { default = \"" G1 "\" }\n",
        "module \"m\" {\n  providers = { azurerm = azurerm.hub }\n}\n"};
    static const char *const lit[] = {
        "module \"m\" {\n  providers = { azurerm = azurerm.hub }\n}\n"
        "resource \"azurerm_resource_group\" \"rg\" {}\n",
        "provider \"azurerm\" {\n  alias = \"hub\"\n"
        "  partner_id = \"" G1 "\"\n  features {}\n}\n"};
    static const char *const bare[] = {
        "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
        "  features {}\n}\n"
        "resource \"azurerm_resource_group\" \"rg\" { provider = azurerm.hub "
        "}\n",
        "provider \"azurerm\" {\n  alias = \"hub\"\n  features {}\n}\n"};
    static const char *const azapi_only[] = {
        "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
        "  features {}\n}\n"
        "provider \"azapi\" {\n  partner_id = \"pid-" G1 "\"\n}\n",
        "resource \"azapi_resource\" \"app\" {\n  type = \"a@b\"\n}\n"};
    static const char *const lookup[] = {
        "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n"
        "  features {}\n}\n"
        "provider \"azurerm\" {\n  alias = \"hub\"\n  features {}\n}\n",
        "data \"azurerm_client_config\" \"c\" {\n  provider = "
        "azurerm.hub\n}\n"};
    struct run r;

    (void)state;
    /* The alias is selected from main.tf; its id comes from a variable's
     * default in variables.tf. */
    scan_module(&r, text, 4, 1);
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_PARTNER_ID_VAR, G1, 3, 3);
    expect_hit(&r, AA_D_TF_UNSELECTED_PROVIDER, "azurerm.spare", 6, 1);
    run_done(&r);

    /* main.tf uses the implied default as well: the finding is there. */
    scan_module(&r, text, 4, 0);
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    expect_hit(&r, AA_D_TF_IMPLIED_PROVIDER, "azurerm", 1, 1);
    run_done(&r);

    /* A file that only selects blocks of other files carries no verdict
     * of its own; nor does a variables file. */
    scan_module(&r, text, 4, 3);
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
    scan_module(&r, text, 4, 2);
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);

    /* With a literal id on the alias, main.tf is at risk for its resource
     * group only, and providers.tf is attributed. */
    scan_module(&r, lit, 2, 0);
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    expect_hit(&r, AA_D_TF_IMPLIED_PROVIDER, "azurerm", 4, 1);
    run_done(&r);
    scan_module(&r, lit, 2, 1);
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);

    /* A block without the id is reported in its own file; a default
     * block that nothing in the module uses attributes nothing, so the
     * file that holds it has no verdict of its own (a module read whole:
     * the resource selects the alias). */
    scan_module(&r, bare, 2, 0);
    expect_status(&r, AA_SCAN_CONTEXT, 1);
    expect_hit(&r, AA_D_TF_UNSELECTED_PROVIDER, "azurerm", 1, 1);
    run_done(&r);
    scan_module(&r, bare, 2, 1);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm.hub", 1, 1);
    run_done(&r);

    /* The module deploys through azapi only: the azurerm block's id
     * attributes none of it, and the azapi block's pid- form loses all. */
    scan_module(&r, azapi_only, 2, 0);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_UNSELECTED_PROVIDER, "azurerm", 1, 1);
    expect_hit(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, "pid-" G1, 6, 3);
    run_done(&r);

    /* Data sources only read: with nothing deployed here, the default
     * block counts (a providers.tf beside a lookup). */
    scan_module(&r, lookup, 2, 0);
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_PARTNER_ID, G1, 2, 3);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm.hub", 5, 1);
    run_done(&r);
}

/* ---- Terraform: layout ------------------------------------------------ */

/* The same configuration however it is laid out: across lines, on one
 * line, with unquoted labels, comments between tokens, CRLF. */
static void
test_layout(void **state)
{
    static const struct {
        const char *text;
        enum aa_scan_status status;
        enum aa_detect what;
        const char *subject;
        unsigned line, col;
    } cases[] = {
        {"provider \"azurerm\" {\n  partner_id = (\n    \"" G1
         "\"\n  )\n  features {}\n}\n",
         AA_SCAN_ATTRIBUTED, AA_D_TF_PARTNER_ID, G1, 2, 3},
        {"provider \"azurerm\" {\n  partner_id = (var.on\n    ? \"" G1
         "\"\n    : null\n  )\n}\n",
         AA_SCAN_AT_RISK, AA_D_TF_PARTNER_ID_CONDITIONAL, G1, 2, 3},
        /* Terraform wants parentheses here; a scanner reads it all the
         * same. */
        {"provider \"azurerm\" {\n  partner_id = var.on ?\n    \"" G1
         "\" :\n    null\n  features {}\n}\n",
         AA_SCAN_AT_RISK, AA_D_TF_PARTNER_ID_CONDITIONAL, G1, 2, 3},
        {"provider \"azurerm\" {\n  partner_id = var.on\n    ? \"" G1
         "\"\n    : null\n  features {}\n}\n",
         AA_SCAN_AT_RISK, AA_D_TF_PARTNER_ID_CONDITIONAL, G1, 2, 3},
        /* A heredoc ends in a newline, which no accepted form has; "<<-"
         * strips the indentation. */
        {"provider \"azurerm\" {\n  partner_id = <<-EOT\n    " G1
         "\n    EOT\n}\n",
         AA_SCAN_NOT_ATTRIBUTED, AA_D_TF_PARTNER_ID_MALFORMED, G1 "\n", 2, 3},
        {"provider \"azurerm\" {\n  partner_id = <<EOT\n" G1 "\nEOT\n}\n",
         AA_SCAN_NOT_ATTRIBUTED, AA_D_TF_PARTNER_ID_MALFORMED, G1 "\n", 2, 3},
        /* chomp() and trimspace() take the newline off, as partners do. */
        {"provider \"azurerm\" {\n  partner_id = chomp(<<-EOT\n    " G1
         "\r\n    EOT\n  )\n}\n",
         AA_SCAN_ATTRIBUTED, AA_D_TF_PARTNER_ID, G1, 2, 3},
        {"provider \"azurerm\" {\n  partner_id = trimspace(\"  " G1 " \")\n}\n",
         AA_SCAN_ATTRIBUTED, AA_D_TF_PARTNER_ID, G1, 2, 3},
        {"provider azurerm {\n  partner_id = \"" G1 "\"\n}\n",
         AA_SCAN_ATTRIBUTED, AA_D_TF_PARTNER_ID, G1, 2, 3},
        {"provider /* a */ \"azurerm\" /* b */ { # c\n  partner_id /* d */ ="
         " /* e\n */ \"" G1 "\" // f\n  features {} # g\n}\n",
         AA_SCAN_ATTRIBUTED, AA_D_TF_PARTNER_ID, G1, 2, 3},
        {"provider \"azurerm\" {\r\n  partner_id = (\r\n    var.on\r\n"
         "    ? \"" G1 "\"\r\n    : null\r\n  )\r\n}\r\n",
         AA_SCAN_AT_RISK, AA_D_TF_PARTNER_ID_CONDITIONAL, G1, 2, 3},
        /* One-line blocks, several on a line. */
        {"provider \"azurerm\" { features {} } provider \"azurerm\" { alias ="
         " \"b\" }\nresource \"azurerm_resource_group\" \"rg\" "
         "{ provider = azurerm.b }\n",
         AA_SCAN_NOT_ATTRIBUTED, AA_D_TF_NO_PARTNER_ID, "azurerm", 1, 1},
        {"provider \"azurerm\" { alias = \"hub\" } provider azurerm { "
         "partner_id = \"" G1 "\" }\n"
         "resource azurerm_resource_group rg { name = \"x\" }\n",
         AA_SCAN_AT_RISK, AA_D_TF_PARTNER_ID, G1, 1, 57},
        {"provider \"azurerm\" {\n  alias = \"hub\"\n  partner_id = \"" G1
         "\"\n}\nresource \"azurerm_resource_group\" \"rg\" {\n  provider ="
         " /* x */ azurerm /* y */ .hub # z\n}\n",
         AA_SCAN_ATTRIBUTED, AA_D_TF_PARTNER_ID, G1, 3, 3},
    };
    struct run r;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        scan(&r, "p.tf", cases[i].text);
        if (r.f->status != cases[i].status)
            fail_msg("case %zu: %s", i, aa_scan_status_name(r.f->status));
        assert_int_equal(r.rc, 0);
        expect_hit(&r, cases[i].what, cases[i].subject, cases[i].line,
                   cases[i].col);
        run_done(&r);
    }
}

/* ---- Terraform: lexing ---------------------------------------------- */

static void
test_comments_and_strings(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "/* provider \"azurerm\" { partner_id = \"" G2 "\" } */\n"
         "provider \"azurerm\" {\n"
         "  // partner_id = \"pid-" G1 "\"\n"
         "  features {} # partner_id = \"x\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_NO_PARTNER_ID, "azurerm", 2, 1);
    run_done(&r);

    /* Comment openers inside strings are text; escapes are decoded. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n"
         "  client_id = \"a#b//c/*d\\\"e\"  # note\n"
         "  partner_id = \"\\u0041" G1 "\"\n"
         "  tenant_id = \"$${x}\" /* note */ partner_id = \"x\"\n"
         "}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, "\\u0041" G1, 3, 3);
    run_done(&r);
}

static void
test_crlf(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "terraform {\r\n  required_version = \">=1.2\" # OIDC\r\n}\r\n\r\n"
         "provider \"azurerm\" {\r\n  features {}\r\n"
         "  partner_id = \"" G1 "\"\r\n}\r\n"
         "locals {\r\n  t = <<EOT\r\n{}\r\nEOT\r\n}\r\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID, G1, 7, 3);
    run_done(&r);
}

static void
test_deployments(void **state)
{
    struct run r;

    (void)state;
    /* A heredoc with <<- and an indented marker: the pid deployment sits
     * inside a deployment named otherwise, so it is nested (F47). */
    scan(&r, "p.tf",
         "resource \"azurerm_resource_group_template_deployment\" \"t\" {\n"
         "  name = \"tracking\"\n"
         "  template_content = <<-DEPLOY\n"
         "    {\"resources\": [{\n"
         "      \"type\": \"Microsoft.Resources/deployments\",\n"
         "      \"name\": \"pid-" G1 "\"}]}\n"
         "    DEPLOY\n"
         "}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_PID_NESTED, "pid-" G1, 6, 16);
    run_done(&r);

    /* A pid name: the deployment itself is the CUA one; a name from a
     * local that no file read declares may be one (F45). */
    scan(&r, "p.tf",
         "resource \"azurerm_subscription_template_deployment\" \"a\" {\n"
         "  name = \"pid-" G1 "-${random_id.x.hex}\"\n}\n"
         "resource \"azurerm_template_deployment\" \"b\" {\n"
         "  name = local.telem_name\n"
         "  template_body = \"${jsonencode(local.t)}\"\n}\n"
         "resource \"azurerm_resource_group\" \"c\" {\n  name = local.x\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_TF_ARM_DEPLOYMENT, "pid-" G1 "-" AA_HOLE_STR, 2, 3);
    assert_string_equal(nth(&r, AA_D_TF_ARM_DEPLOYMENT, 1)->subject,
                        AA_HOLE_STR);
    /* The unknown one puts itself at risk with a warning, as a Bicep
     * deployment of an unknown name does (the file stays attributed by
     * the other). */
    expect_hit(&r, AA_D_PID_UNRESOLVED, AA_HOLE_STR, 5, 3);
    run_done(&r);

    scan(&r, "p.tf",
         "resource \"azurerm_tenant_template_deployment\" \"a\" {\n"
         "  name = local.n\n}\n"
         "resource \"azurerm_management_group_template_deployment\" \"b\" {\n"
         "  name = \"" G1 "\"\n}\n"
         "resource \"azurerm_template_deployment\" \"c\" {\n"
         "  name = \"pid-00000000-0000-0000-0000-000000000000\"\n}\n"
         "resource \"azapi_resource\" \"d\" {\n"
         "  type = \"Microsoft.Resources/deployments@2021-04-01\"\n"
         "  name = \"pid-" G1 "\"\n}\n");
    /* The azapi deployment is a pid deployment as the azurerm ones are,
     * and the one that counts. */
    expect_status(&r, AA_SCAN_ATTRIBUTED, 5);
    assert_string_equal(nth(&r, AA_D_TF_ARM_DEPLOYMENT, 2)->subject, "pid-" G1);
    assert_int_equal(nth(&r, AA_D_TF_ARM_DEPLOYMENT, 2)->line, 12);
    expect_hit(&r, AA_D_TF_ARM_DEPLOYMENT, AA_HOLE_STR, 2, 3);
    expect_hit(&r, AA_D_PID_UNRESOLVED, AA_HOLE_STR, 2, 3);
    assert_string_equal(nth(&r, AA_D_TF_ARM_DEPLOYMENT, 1)->subject,
                        "pid-00000000-0000-0000-0000-000000000000");
    expect_hit(&r, AA_D_PID_ZERO_GUID,
               "pid-00000000-0000-0000-0000-000000000000", 8, 3);
    run_done(&r);

    /* format() keeps what it knows: a known start that is no pid makes
     * the deployment no CUA one; a known pid start with an unknown
     * suffix is one. */
    scan(&r, "p.tf",
         "resource \"azurerm_resource_group_template_deployment\" \"a\" {\n"
         "  name = format(\"SDAF.sap.%s-%5s\", var.sid, local.t)\n}\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
    scan(&r, "p.tf",
         "resource \"azurerm_resource_group_template_deployment\" \"a\" {\n"
         "  name = format(\"pid-%s-%s%%\", \"" G1 "\", var.x)\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_ARM_DEPLOYMENT, "pid-" G1 "-" AA_HOLE_STR "%", 2, 3);
    run_done(&r);

    /* A name wholly unknown is no pid, as a parameter with no default is
     * in ARM and Bicep: a variable with no default, another resource's
     * attribute, a call over text that is no pid.  A call over pid text
     * may still give one. */
    scan(&r, "p.tf",
         "variable \"env\" {}\n"
         "resource \"azurerm_resource_group_template_deployment\" \"a\" {\n"
         "  name = var.env\n}\n"
         "resource \"azurerm_resource_group_template_deployment\" \"b\" {\n"
         "  name = \"aib${random_string.aib.result}\"\n}\n"
         "resource \"azurerm_subscription_template_deployment\" \"c\" {\n"
         "  name = random_string.aib.result\n}\n"
         "resource \"azurerm_resource_group_template_deployment\" \"d\" {\n"
         "  name = lower(\"App-Deployment\")\n}\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
    scan(&r, "p.tf",
         "resource \"azurerm_resource_group_template_deployment\" \"a\" {\n"
         "  name = lower(\"PID-${var.g}\")\n}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_PID_UNRESOLVED, AA_HOLE_STR, 2, 3);
    run_done(&r);

    /* substr(x, 0, N) is read as ARM's take(): a cut before the first
     * unknown is certain, one after it is not. */
    scan(&r, "p.tf",
         "locals {\n  puid = \"" G1 "\"\n"
         "  name = substr(format(\"pid-%s_%s\", local.puid, random_id.x.hex), "
         "0, 64)\n"
         "}\n"
         "resource \"azurerm_subscription_template_deployment\" \"a\" {\n"
         "  name = local.name\n}\n"
         "resource \"azurerm_subscription_template_deployment\" \"b\" {\n"
         "  name = substr(\"pid-" G1 "-with-a-long-tail\", 0, 40)\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_ARM_DEPLOYMENT, "pid-" G1 "_" AA_HOLE_STR, 6, 3);
    assert_string_equal(nth(&r, AA_D_TF_ARM_DEPLOYMENT, 1)->subject, "pid-" G1);
    run_done(&r);

    /* azapi_resource of the deployments type, with the switch of AVM's
     * telemetry: on by default, the deployer's to turn off.  Another type
     * is no deployment. */
    scan(&r, "p.tf",
         "variable \"disable_telemetry\" {\n  type = bool\n"
         "  default = false\n}\n"
         "resource \"azapi_resource\" \"t\" {\n"
         "  count = var.disable_telemetry ? 0 : 1\n"
         "  type = \"microsoft.resources/Deployments@2021-04-01\"\n"
         "  name = \"pid-" G1 "\"\n}\n"
         "resource \"azapi_resource\" \"u\" {\n"
         "  type = \"Microsoft.Resources/resourceGroups@2021-04-01\"\n"
         "  name = \"pid-" G2 "\"\n}\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_ARM_DEPLOYMENT, "pid-" G1, 8, 3);
    expect_hit(&r, AA_D_PID_OPT_OUT, "pid-" G1, 6, 11);
    run_done(&r);

    /* What makes a name attribute nothing is said, so that the status
     * has its reason. */
    scan(&r, "p.tf",
         "resource \"azurerm_template_deployment\" \"c\" {\n"
         "  name = \"pid-00000000-0000-0000-0000-000000000000\"\n}\n"
         "resource \"azurerm_template_deployment\" \"d\" {\n"
         "  name = \"pid-tracking\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 4);
    expect_hit(&r, AA_D_PID_BAD_GUID, "pid-tracking", 5, 3);
    run_done(&r);
}

/* A pid deployment made by Terraform is judged as the same deployment in
 * Bicep would be (CUA-F10, F21): a GUID that only a variable's default
 * gives, or a count that leaves the deployment out by default, puts the
 * file at risk with a warning; a count the deployer may turn to 0 is an
 * opt-out, which leaves the verdict as it is. */
static void
test_deployment_defaults(void **state)
{
    static const struct {
        const char *decls, *count, *name;
        enum aa_scan_status status;
        const char *subject; /* of the hit below */
        enum aa_detect what; /* besides tf_arm_deployment, or AA_D_COUNT */
        unsigned line, col;
    } cases[] = {
        /* The GUID from a variable's default: a tfvars file replaces it. */
        {"variable \"g\" { default = \"" G1 "\" }\n", "", "\"pid-${var.g}\"",
         AA_SCAN_AT_RISK, "pid-" G1, AA_D_PID_PARAMETER, 3, 3},
        /* Written, with only the suffix from a variable: it counts. */
        {"variable \"s\" { default = \"x\" }\n", "", "\"pid-" G1 "-${var.s}\"",
         AA_SCAN_ATTRIBUTED, NULL, AA_D_COUNT, 0, 0},
        /* Off by default, on by default, negated, literal 0, unknown. */
        {"variable \"on\" {\n  type = bool\n  default = false\n}\n",
         "  count = var.on ? 1 : 0\n", "\"pid-" G1 "\"", AA_SCAN_AT_RISK,
         "pid-" G1, AA_D_PID_OFF_BY_DEFAULT, 6, 11},
        {"variable \"on\" { default = true }\n", "  count = var.on ? 1 : 0\n",
         "\"pid-" G1 "\"", AA_SCAN_ATTRIBUTED, "pid-" G1, AA_D_PID_OPT_OUT, 3,
         11},
        {"variable \"off\" { default = false }\n",
         "  count = !var.off ? 1 : 0\n", "\"pid-" G1 "\"", AA_SCAN_ATTRIBUTED,
         "pid-" G1, AA_D_PID_OPT_OUT, 3, 11},
        {"variable \"off\" { default = true }\n",
         "  count = !var.off ? 1 : 0\n", "\"pid-" G1 "\"", AA_SCAN_AT_RISK,
         "pid-" G1, AA_D_PID_OFF_BY_DEFAULT, 3, 11},
        {"", "  count = 0\n", "\"pid-" G1 "\"", AA_SCAN_AT_RISK, "pid-" G1,
         AA_D_PID_OFF_BY_DEFAULT, 2, 11},
        {"", "  count = 2\n", "\"pid-" G1 "\"", AA_SCAN_ATTRIBUTED, NULL,
         AA_D_COUNT, 0, 0},
        {"variable \"on\" { type = bool }\n", "  count = var.on ? 1 : 0\n",
         "\"pid-" G1 "\"", AA_SCAN_ATTRIBUTED, "pid-" G1, AA_D_PID_OPT_OUT, 3,
         11},
        /* A GUID nobody knows yet: at risk, and said so. */
        {"variable \"g\" { type = string }\n", "", "\"pid-${var.g}\"",
         AA_SCAN_AT_RISK, "pid-" AA_HOLE_STR, AA_D_PID_UNRESOLVED, 3, 3},
    };
    struct run r;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[512];
        /* The deployment's own lines follow the declarations. */
        unsigned extra = cases[i].what == AA_D_COUNT ? 0u : 1u;

        snprintf(text, sizeof(text),
                 "%sresource \"azurerm_resource_group_template_deployment\" "
                 "\"cua\" {\n%s  name = %s\n}\n",
                 cases[i].decls, cases[i].count, cases[i].name);
        scan(&r, "p.tf", text);
        expect_status(&r, cases[i].status, 1 + extra);
        if (extra)
            expect_hit(&r, cases[i].what, cases[i].subject, cases[i].line,
                       cases[i].col);
        run_done(&r);
    }
}

/* azapi takes only the bare GUID and adds pid- itself (CUA-F12): every
 * form with pid- in it is wrong there, however it is written, and that
 * provider's resources carry no valid id. */
static void
test_azapi(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "provider \"azapi\" {\n  partner_id = \"pid-" G1 "\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, "pid-" G1, 2, 3);
    run_done(&r);

    /* Beside a good azurerm block: the azapi resources are the ones lost. */
    scan(&r, "p.tf",
         "variable \"pid\" { default = \"pid-" G2 "-partnercenter\" }\n"
         "provider \"azurerm\" {\n  features {}\n"
         "  partner_id = var.pid\n}\n"
         "provider \"azapi\" {\n  partner_id = var.pid\n}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_TF_PARTNER_ID_VAR, "pid-" G2 "-partnercenter", 4, 3);
    expect_hit(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED,
               "pid-" G2 "-partnercenter", 7, 3);
    run_done(&r);

    /* Known ends decide with unknown middles; a conditional pid- value is
     * as wrong; "${x}" alone may still be the GUID. */
    scan(&r, "p.tf",
         "provider \"azapi\" {\n  partner_id = \"pid-${var.g}\"\n}\n"
         "provider \"azapi\" {\n  alias = \"b\"\n"
         "  partner_id = var.on ? \"pid-" G1 "\" : null\n}\n"
         "provider \"azapi\" {\n  alias = \"c\"\n"
         "  partner_id = \"${var.g}-partnercenter\"\n}\n"
         "provider \"azapi\" {\n  alias = \"d\"\n"
         "  partner_id = var.g\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_AT_RISK, 4);
    expect_hit(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, "pid-" AA_HOLE_STR, 2, 3);
    assert_string_equal(nth(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, 1)->subject,
                        "pid-" G1);
    assert_string_equal(nth(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, 2)->subject,
                        AA_HOLE_STR "-partnercenter");
    expect_hit(&r, AA_D_TF_PARTNER_ID_UNRESOLVED, "var.g", 14, 3);
    run_done(&r);

    /* Malformed and zero stay what they are; a placeholder after pid-
     * is reported twice, since filling it in leaves the prefix. */
    scan(&r, "p.tf",
         "provider \"azapi\" {\n  partner_id = "
         "\"pid-contoso-partnercenter\"\n}\n"
         "provider \"azapi\" {\n  alias = \"b\"\n"
         "  partner_id = \"00000000-0000-0000-0000-000000000000\"\n}\n"
         "provider \"azapi\" {\n  alias = \"c\"\n"
         "  partner_id = \"pid-<GUID>\"\n}\n"
         "provider \"azapi\" {\n  alias = \"d\"\n"
         "  partner_id = \"<GUID>\"\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 5);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, "pid-contoso-partnercenter", 2,
               3);
    assert_non_null(nth(&r, AA_D_PID_ZERO_GUID, 0));
    expect_hit(&r, AA_D_PID_PLACEHOLDER, "pid-<GUID>", 10, 3);
    expect_hit(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, "pid-<GUID>", 10, 3);
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 1)->subject, "<GUID>");
    assert_null(nth(&r, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, 1));
    run_done(&r);
}

/* Unexpanded placeholders are never a tracking GUID (CUA-F25): in
 * partner_id, in a pid deployment's name, and in scripts where nothing
 * that runs them fills the form in. */
static void
test_placeholders(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"<GUID>\"\n}\n"
         "provider \"azurerm\" {\n  alias = \"b\"\n"
         "  partner_id = \"pid-__PID__-partnercenter\"\n}\n"
         "provider \"azurerm\" {\n  alias = \"c\"\n"
         "  partner_id = <<EOT\n{{ partner_guid }}\nEOT\n}\n" SELECTS);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_PID_PLACEHOLDER, "<GUID>", 2, 3);
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 1)->subject,
                        "pid-__PID__-partnercenter");
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 2)->subject,
                        "{{ partner_guid }}\n");
    run_done(&r);

    /* One provider with the id, one with a placeholder: the second's
     * resources are not attributed. */
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  partner_id = \"" G1 "\"\n}\n"
         "provider \"azapi\" {\n  partner_id = \"$(PARTNER_GUID)\"\n}\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_PID_PLACEHOLDER, "$(PARTNER_GUID)", 5, 3);
    run_done(&r);

    scan(&r, "p.tf",
         "resource \"azurerm_subscription_template_deployment\" \"a\" {\n"
         "  name = \"pid-{guid}\"\n}\n"
         "resource \"azurerm_resource_group_template_deployment\" \"t\" {\n"
         "  name = \"tracking\"\n"
         "  template_content = <<-DEPLOY\n"
         "    {\"resources\": [{\n"
         "      \"type\": \"Microsoft.Resources/deployments\",\n"
         "      \"name\": \"pid-__PID__\"}]}\n"
         "    DEPLOY\n"
         "}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_TF_ARM_DEPLOYMENT, "pid-{guid}", 2, 3);
    expect_hit(&r, AA_D_PID_PLACEHOLDER, "pid-{guid}", 2, 3);
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 1)->subject,
                        "pid-__PID__");
    assert_null(nth(&r, AA_D_PID_NESTED, 0));
    run_done(&r);

    scan(&r, "deploy.sh",
         "export ARM_PARTNER_ID=\"<GUID>\"\n"
         "export AZURE_HTTP_USER_AGENT=\"pid-{guid}\"\n"
         "AZURE_HTTP_USER_AGENT='pid-__PID__' az group list\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_PID_PLACEHOLDER, "<GUID>", 1, 8);
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 1)->subject,
                        "pid-{guid}");
    assert_string_equal(nth(&r, AA_D_PID_PLACEHOLDER, 2)->subject,
                        "pid-__PID__");
    run_done(&r);

    /* What runs the file fills these in: unresolved, at risk, as before.
     * $(...) is a command or a pipeline macro, {{ }} Ansible's or Helm's,
     * {0} a format item, {x} interpolation in SDK code. */
    scan(&r, "ci.yml",
         "env:\n"
         "  ARM_PARTNER_ID: $(PartnerGuid)\n"
         "  AZURE_HTTP_USER_AGENT: \"pid-{{ partner_guid }}\"\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    assert_null(nth(&r, AA_D_PID_PLACEHOLDER, 0));
    run_done(&r);

    scan(&r, "d.ps1", "$env:AZURE_HTTP_USER_AGENT = \"pid-{0}\" -f $guid\n");
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    run_done(&r);

    scan(&r, "app.py", "c = Client(user_agent=\"pid-{}\".format(g))\n");
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    run_done(&r);

    /* The all-zero GUID stays what it is. */
    scan(&r, "x.env",
         "ARM_PARTNER_ID=pid-00000000-0000-0000-0000-000000000000\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    assert_non_null(nth(&r, AA_D_PID_ZERO_GUID, 0));
    run_done(&r);
}

static void
test_avm_and_context(void **state)
{
    static const char *const context[] = {
        "variable \"partner_id\" {\n  type = string\n  default = null\n}\n",
        "locals {\n  telem_core_puid = \"" G1 "\"\n}\n",
        ("terraform {\n  required_providers {\n    azurerm = {\n"
         "      configuration_aliases = [azurerm.connectivity]\n    }\n  "
         "}\n}\n"),
        "",
        "\n\n# only a comment\n",
    };
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "resource \"modtm_telemetry\" \"telemetry\" {\n"
         "  count = var.enable_telemetry ? 1 : 0\n}\n"
         "provider \"modtm\" {}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_AVM_TELEMETRY, "modtm", 1, 1);
    run_done(&r);

    for (size_t i = 0; i < sizeof(context) / sizeof(*context); i++) {
        scan(&r, "p.tf", context[i]);
        expect_status(&r, AA_SCAN_CONTEXT, 0);
        run_done(&r);
    }
}

static void
test_malformed(void **state)
{
    static const char nul[] =
        "provider \"azurerm\" {\n  partner_id = \"a\0b\"\n"
        "  \0 = 1\n}\n";
    size_t deep = 10000;
    char *t = malloc(2 * deep + 1);
    struct run r;

    (void)state;
    expect_error("provider \"azurerm\" {\n  partner_id = \"abc\n}\n", 0, 2, 16,
                 "unterminated string");
    expect_error("locals {\n  a = <<EOF\n{}\n  EOX\n}\n", 0, 2, 7,
                 "unterminated heredoc");
    expect_error("locals {}\n/* open", 0, 2, 1, "comment");
    expect_error("locals {}\n}\n", 0, 2, 1, "unbalanced '}'");
    expect_error("locals {\n  a = [1, 2)\n}\n", 0, 2, 12, "unbalanced ')'");
    expect_error("provider \"azurerm\" {\n", 0, 1, 20, "unclosed '{'");
    expect_error("locals { a = \"${var.x\n", 0, 1, 15, "unterminated ${");
    expect_error("locals { a = \"${var.x\" }\n", 0, 1, 22,
                 "unterminated string");
    expect_error("locals { a = \"x\\", 0, 1, 14, "unterminated string");
    /* Invisible blanks start, or join, what would be an identifier. */
    expect_error("locals {}\n\xC2\xA0resource \"a\" \"b\" {}\n", 0, 2, 1,
                 "no-break space (U+00A0)");
    expect_error("locals {}\nresource\xE2\x80\x83\"a\" \"b\" {}\n", 0, 2, 9,
                 "typographic space");
    expect_error("locals {}\n\xEF\xBB\xBFresource \"a\" \"b\" {}\n", 0, 2, 1,
                 "byte order mark (U+FEFF)");

    memset(t, '{', deep);
    expect_error(t, deep, 1, 257, "nested");
    memset(t + deep, '}', deep);
    t[2 * deep] = '\0';
    expect_error(t, 2 * deep, 1, 257, "nested");
    free(t);

    scan_n(&r, "p.tf", nul, sizeof(nul) - 1);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    run_done(&r);

    /* In comments and strings they are text, and HCL's letters past ASCII
     * still make identifiers. */
    scan(&r, "x.tf",
         "# a\xC2\xA0"
         "comment\nlocals {\n  caf\xC3\xA9 = \"a\xC2\xA0"
         "b\"\n}\n");
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.dl.n, 0);
    run_done(&r);
}

/* Long chains must not recurse without bound nor take exponential time. */
static void
test_pathological(void **state)
{
    size_t n = 100000, k;
    char *t = malloc(9 * n + 200), *p = t;
    struct run r;

    (void)state;
    p += sprintf(p, "provider \"azurerm\" {\n  partner_id = ");
    for (k = 0; k < n; k++)
        p += sprintf(p, "a ? b : ");
    p += sprintf(p, "c\n}\n");
    scan(&r, "p.tf", t);
    expect_note(&r, "expansion-depth", 2, 16);
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    run_done(&r);

    p = t + sprintf(t, "provider \"azurerm\" {\n  partner_id = ");
    memset(p, '!', n);
    strcpy(p + n, "x\n}\n");
    scan(&r, "p.tf", t);
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    run_done(&r);

    /* Locals that each double the one before: 2^k bytes if values were
     * neither cached nor cut.  Cut at expansion-size, the id is malformed;
     * nested past expansion-depth (or past expansion-work for all values
     * of the file), it is unknown. */
    for (size_t last = 16; last <= 100; last += 84) {
        p = t + sprintf(t, "locals {\n  l0 = \"" G1 "\"\n");
        for (k = 1; k <= last; k++)
            p += sprintf(p, "  l%zu = \"${local.l%zu}${local.l%zu}\"\n", k,
                         k - 1, k - 1);
        sprintf(p, "}\nprovider \"azurerm\" { partner_id = local.l%zu }\n",
                last);
        scan(&r, "p.tf", t);
        expect_note(&r, last == 16 ? "expansion-size" : "expansion-depth",
                    (unsigned)last + 4, 35);
        expect_status(&r, last == 16 ? AA_SCAN_NOT_ATTRIBUTED : AA_SCAN_AT_RISK,
                      1);
        assert_true(strlen(r.f->hits[0].subject) <= 200);
        run_done(&r);
    }
    free(t);
}

/* ---- Terraform: the corpus -------------------------------------------- */

static void
test_corpus(void **state)
{
    (void)state;
    check_corpus(aa_scan_tf, AA_SCAN_TERRAFORM, ".tf", 39);
}

/* ---- scripts ------------------------------------------------------------ */

/* The partner_id forms as the provider checks them (CUA-F12, provider
 * code): "pid-" and "-partnercenter" in lower case, and "" for unset,
 * which sends Terraform's own pid (CUA-F13), no mistake of form. */
static void
test_partner_id_as_written(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  features {}\n"
         "  partner_id = \"PID-" G1 "\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, "PID-" G1, 3, 3);
    run_done(&r);

    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  features {}\n"
         "  partner_id = \"pid-" G1 "-PartnerCenter\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_TF_PARTNER_ID_MALFORMED, "pid-" G1 "-PartnerCenter", 3,
               3);
    run_done(&r);

    scan(&r, "p.tf",
         "provider \"azurerm\" {\n  features {}\n  partner_id = \"\"\n}\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    assert_non_null(nth(&r, AA_D_TF_NO_PARTNER_ID, 0));
    assert_null(nth(&r, AA_D_TF_PARTNER_ID_MALFORMED, 0));
    run_done(&r);

    scan(&r, "x.env", "ARM_PARTNER_ID=PID-" G2 "\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_ENV_PARTNER_ID_MALFORMED, "PID-" G2, 1, 1);
    run_done(&r);

    /* Set empty: unset, no id in a wrong form; beside a valid one, which
     * of the two a run has the scan cannot tell. */
    scan(&r, "deploy.sh", "export ARM_PARTNER_ID=\"\"\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_ENV_PARTNER_ID_EMPTY, "", 1, 8);
    run_done(&r);
    scan(&r, "deploy.sh",
         "export ARM_PARTNER_ID=\"\"\n"
         "export ARM_PARTNER_ID=\"" G1 "\"\n");
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_ENV_PARTNER_ID, G1, 2, 8);
    assert_null(nth(&r, AA_D_ENV_PARTNER_ID_MALFORMED, 0));
    run_done(&r);
}

static void
test_script_shell(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "deploy.sh",
         "#!/bin/bash\n"
         "# export AZURE_HTTP_USER_AGENT=pid-" G2 "\n"
         "export AZURE_HTTP_USER_AGENT=\"pid-" G1 "\"  # attribution\n"
         "echo \"$ARM_PARTNER_ID\" \"${ARM_PARTNER_ID:-x}\"\n"
         "export ARM_PARTNER_ID=$PARTNER\n"
         "AZURE_HTTP_USER_AGENT=\"pid-${GUID_VAR}\" az deployment create\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 3);
    expect_hit(&r, AA_D_UA_PID, "pid-" G1, 3, 8);
    expect_hit(&r, AA_D_PID_UNRESOLVED, AA_HOLE_STR, 5, 8);
    assert_string_equal(nth(&r, AA_D_PID_UNRESOLVED, 1)->subject,
                        "pid-" AA_HOLE_STR);
    run_done(&r);

    scan(&r, "x.env", "ARM_PARTNER_ID=" G2 "\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_ENV_PARTNER_ID, G2, 1, 1);
    run_done(&r);

    scan(&r, "Makefile",
         "export ARM_PARTNER_ID := pid-" G1 "-v2\n"
         "AZURE_HTTP_USER_AGENT ?= myapp/" G1 "\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_ENV_PARTNER_ID_MALFORMED, "pid-" G1 "-v2", 1, 8);
    expect_hit(&r, AA_D_UA_NO_PREFIX, G1, 2, 1);
    run_done(&r);

    scan(&r, "a.sh", "export AZURE_HTTP_USER_AGENT=pid-$guid2\n");
    expect_status(&r, AA_SCAN_AT_RISK, 1);
    run_done(&r);

    scan(&r, "a.sh", "echo 'nothing # here'\naz login\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
}

/* ARM_DISABLE_TERRAFORM_PARTNER_ID drops only Terraform's own pid, never
 * an ARM_PARTNER_ID that the script sets (CUA-F13). */
static void
test_script_disable(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "deploy.sh",
         "export ARM_DISABLE_TERRAFORM_PARTNER_ID=true\n"
         "export ARM_PARTNER_ID=\"" G1 "\"\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_DISABLE_NO_EFFECT, G1, 1, 8);
    run_done(&r);

    /* The last setting holds; "1" and "T" are true as well. */
    scan(&r, "d.ps1",
         "$env:ARM_PARTNER_ID = 'pid-" G1 "'\n"
         "$env:ARM_DISABLE_TERRAFORM_PARTNER_ID = 'T'\n"
         "$env:ARM_DISABLE_TERRAFORM_PARTNER_ID = '0'\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);

    scan(&r, "ci.yml",
         "env:\n"
         "  ARM_DISABLE_TERRAFORM_PARTNER_ID: 1\n"
         "  ARM_PARTNER_ID: \"" G2 "\"\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_TF_DISABLE_NO_EFFECT, G2, 2, 3);
    run_done(&r);

    /* With no id of the script's own, or one the run may leave empty,
     * the switch does what it says. */
    scan(&r, "a.sh", "export ARM_DISABLE_TERRAFORM_PARTNER_ID=true\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);

    scan(&r, "a.sh",
         "export ARM_DISABLE_TERRAFORM_PARTNER_ID=true\n"
         "export ARM_PARTNER_ID=\"$PARTNER_ID\"\n"
         "export ARM_PARTNER_ID=\n");
    assert_null(nth(&r, AA_D_TF_DISABLE_NO_EFFECT, 0));
    run_done(&r);
}

static void
test_script_windows_and_ci(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "d.ps1",
         "<# $env:ARM_PARTNER_ID = 'x'\n#>\n"
         "$env:AZURE_HTTP_USER_AGENT = 'pid-" G1 "'\n"
         "New-AzADServicePrincipal -ApplicationId " G2 "\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_UA_PID, "pid-" G1, 3, 6);
    run_done(&r);

    scan(&r, "d.cmd",
         "REM set ARM_PARTNER_ID=zzz\r\n"
         ":: set AZURE_HTTP_USER_AGENT=pid-x\r\n"
         "set \"ARM_PARTNER_ID=" G1 "\"\r\n"
         "set AZURE_HTTP_USER_AGENT=pid-%PID%\r\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_ENV_PARTNER_ID, G1, 3, 6);
    expect_hit(&r, AA_D_PID_UNRESOLVED, "pid-" AA_HOLE_STR, 4, 5);
    run_done(&r);

    scan(&r, "ci.yml",
         "env:\n"
         "  ARM_PARTNER_ID: ${{ secrets.PARTNER_ID }}\n"
         "  # AZURE_HTTP_USER_AGENT: pid-" G1 "\n"
         "containers:\n"
         "  - name: AZURE_HTTP_USER_AGENT\n"
         "    value: \"pid-" G1 "\"\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_PID_UNRESOLVED, AA_HOLE_STR, 2, 3);
    expect_hit(&r, AA_D_UA_PID, "pid-" G1, 5, 11);
    run_done(&r);
}

static void
test_script_sdk(void **state)
{
    struct run r;

    (void)state;
    scan(&r, "app.py",
         "import os\n"
         "os.environ[\"AZURE_HTTP_USER_AGENT\"] = \"pid-" G1 "\"\n"
         "os.environ.get(\"ARM_PARTNER_ID\", \"x\")\n"
         "c = Client(cred, user_agent_policy=UserAgentPolicy("
         "user_agent=\"pid-" G2 "\"))\n"
         "# user_agent=\"" G1 "\"\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    assert_string_equal(nth(&r, AA_D_UA_PID, 1)->subject, "pid-" G2);
    assert_int_equal(nth(&r, AA_D_UA_PID, 1)->col, 52);
    run_done(&r);

    scan(&r, "Program.cs",
         "// options.Diagnostics.ApplicationId = \"pid-" G2 "\";\n"
         "var u = \"http://x\"; /* ApplicationId = \"pid-" G2 "\" */\n"
         "options.Diagnostics.ApplicationId = \"" G1 "\"; // no pid-\n"
         "Environment.SetEnvironmentVariable(\"ARM_PARTNER_ID\", \"pid-" G1
         "-partnercenter\");\n");
    /* The id serves Terraform, the application id without pid- serves
     * nothing: part of what the code runs is attributed, so at risk. */
    expect_status(&r, AA_SCAN_AT_RISK, 2);
    expect_hit(&r, AA_D_UA_NO_PREFIX, G1, 3, 21);
    expect_hit(&r, AA_D_ENV_PARTNER_ID, "pid-" G1 "-partnercenter", 4, 37);
    run_done(&r);

    scan(&r, "main.go",
         "opts := policy.ClientOptions{Telemetry: policy.TelemetryOptions{"
         "ApplicationID: \"pid-" G1 "\"}}\n"
         "x := `// ApplicationID: \"pid-" G2 "\"`\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    run_done(&r);

    scan(&r, "a.ts",
         "const c = new Client(cred, { userAgentOptions: "
         "{ userAgentPrefix: 'pid-" G1 "' } });\n"
         "appRegistration.applicationId = '" G2 "';\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 1);
    run_done(&r);

    /* In JavaScript only the forms that set a user agent there count: a
     * variable or field named userAgent (a browser's navigator.userAgent,
     * an HTTP client's own), a header indexed in, and HCL held in a
     * template literal set none.  The documented forms still do. */
    scan(&r, "app.js",
         "var userAgent = navigator.userAgent;\n"
         "this.userAgent = userAgent;\n"
         "info.options.headers['user-agent'] = this.userAgent;\n"
         "const tf = `  request_headers = {\\n` +\n"
         "  `    User-Agent = \"request module\"\\n`;\n");
    expect_status(&r, AA_SCAN_CONTEXT, 0);
    run_done(&r);
    scan(&r, "app.ts",
         "const ua = 'pid-" G1 "';\n"
         "fetch(u, { headers: { 'User-Agent' : ua } });\n"
         "const c = new Client(cred, { userAgentOptions: "
         "{ userAgentPrefix: \"tool/1.0\" } });\n");
    expect_status(&r, AA_SCAN_ATTRIBUTED, 2);
    expect_hit(&r, AA_D_UA_PID, "pid-" G1, 2, 24);
    expect_hit(&r, AA_D_UA_NO_PID, "tool/1.0", 3, 50);
    run_done(&r);

    scan(&r, "A.java", "new ClientOptions().setApplicationId(\"" G1 "\");\n");
    expect_status(&r, AA_SCAN_NOT_ATTRIBUTED, 1);
    expect_hit(&r, AA_D_UA_NO_PREFIX, G1, 1, 21);
    run_done(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_forms),
        cmocka_unit_test(test_variables_and_locals),
        cmocka_unit_test(test_conditional_and_templates),
        cmocka_unit_test(test_missing_and_aliases),
        cmocka_unit_test(test_disable_flag),
        cmocka_unit_test(test_provider_selection),
        cmocka_unit_test(test_provider_selection_module),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_comments_and_strings),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_deployments),
        cmocka_unit_test(test_deployment_defaults),
        cmocka_unit_test(test_azapi),
        cmocka_unit_test(test_partner_id_as_written),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_avm_and_context),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_script_shell),
        cmocka_unit_test(test_script_disable),
        cmocka_unit_test(test_script_windows_and_ci),
        cmocka_unit_test(test_script_sdk),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
