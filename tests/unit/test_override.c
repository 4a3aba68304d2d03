/*
 * test_override.c -- --set POINTER=VALUE: values typed by their field and
 * checked like the file's, messages that name --set and the pointer, and
 * a plan given whole on the command line that equals the file it spells.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "contract.h"
#include "diag.h"
#include "scenario.h"

#ifndef AA_SOURCE_DIR
#define AA_SOURCE_DIR "."
#endif

static const struct aa_val *
val(const struct aa_scenario *sc, const char *ptr)
{
    int f = aa_contract_find(ptr);

    assert_true(f >= 0);
    return &sc->vals[f];
}

/* Each case: a --set argument and the message it gives (NULL: taken). */
static const struct {
    const char *spec, *why;
} cases[] = {
    {"/customer/agreement=ea", NULL},
    {"/customer/macc=yes", NULL},
    {"/customer/macc=false", NULL},
    {"/version=1", NULL},
    {"/partner/name=", NULL},
    {"/partner/types=", NULL},
    {"/partner/types= si , msp", NULL},
    {"/engagement/access/roles=Owner,custom:Ops Team", NULL},
    {"/id=a=b", NULL},
    {"/partner/name=caf\xc3\xa9", NULL},
    /* Refused as a plan file's would be: a lone byte, a surrogate. */
    {"/customer/name=a\xff"
     "b",
     "--set /customer/name: the value is not "
     "UTF-8 text (byte 2 of it)"},
    {"/engagement/access/roles=Owner,\xed\xa0\x80",
     "--set /engagement/access/roles: the value is not UTF-8 text (byte 7 "
     "of it)"},
    {"noeq", "--set takes POINTER=VALUE, such as /customer/agreement=ea; "
             "got 'noeq'"},
    {"=ea", "--set takes POINTER=VALUE, such as /customer/agreement=ea; got "
            "'=ea'"},
    {"/customer/agrement=ea",
     "--set /customer/agrement: no such field in contract v1 (did you mean "
     "'/customer/agreement'?)"},
    {"/enagement/acess/roles=Owner",
     "--set /enagement/acess/roles: no such field in contract v1 (did you "
     "mean '/engagement/access/roles'?)"},
    {"/nothing/like/it=1", "--set /nothing/like/it: no such field in "
                           "contract v1"},
    {"customer.agreement=ea",
     "--set customer.agreement: a field is named by its JSON Pointer, which "
     "starts with '/' (did you mean '/customer/agreement'?)"},
    {"/customer/agreement=eaa",
     "--set /customer/agreement: 'eaa' is not allowed; expected one of ea, "
     "mca, web_direct or csp (did you mean 'ea'?)"},
    {"/customer/agreement=", "--set /customer/agreement: '' is not allowed; "
                             "expected one of ea, mca, web_direct or csp"},
    {"/customer/workloads=azure,modern_wrk",
     "--set /customer/workloads: 'modern_wrk' is not allowed; expected one "
     "of azure, modern_work, dynamics_365, power_platform or "
     "customer_insights (did you mean 'modern_work'?)"},
    {"/customer/workloads=azure,,modern_work",
     "--set /customer/workloads: an empty item in 'azure,,modern_work'"},
    {"/customer/macc=maybe", "--set /customer/macc: expected true or false "
                             "(or yes or no), got 'maybe'"},
    {"/customer/macc=True", "--set /customer/macc: expected true or false "
                            "(or yes or no), got 'True'"},
    {"/version=1.0", "--set /version: expected an integer, got '1.0'"},
    {"/version=2", "--set /version: this build reads contract version 1"},
    {"/customer/dpor=none", "--set /customer/dpor: an object; set its fields "
                            "one by one, such as /customer/dpor/current"},
    {"/=1", "--set /: no such field in contract v1"},
    {"/evidence/cua_status=attributed",
     "--set /evidence/cua_status: attrib-advise fills this in from "
     "/solution/artifacts; it cannot be set"},
    {"/partner/location_partner_id=1",
     "--set /partner/location_partner_id: attrib-advise fills this in from "
     "/partner/partner_id; it cannot be set"},
    {"/outcome/pal=blocked", "--set /outcome/pal: attrib-advise fills this "
                             "in from the advice; it cannot be set"},
    {"/x-crm=1", "--set /x-crm: no such field in contract v1"},
};

static void
test_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct aa_override *ov = aa_override_new();
        char *why = aa_override_add(ov, cases[i].spec);

        if (cases[i].why == NULL && why != NULL)
            fail_msg("%s: refused: %s", cases[i].spec, why);
        if (cases[i].why != NULL && why == NULL)
            fail_msg("%s: taken", cases[i].spec);
        if (why != NULL && strcmp(why, cases[i].why) != 0)
            fail_msg("%s:\n got  %s\n want %s", cases[i].spec, why,
                     cases[i].why);
        assert_int_equal(aa_override_count(ov), why == NULL);
        free(why);
        aa_override_free(ov);
    }
}

/* Values are typed by the field; the last --set of a field wins; parents
 * become present; arrays are replaced whole, never merged. */
static void
test_apply(void **state)
{
    static const char plan[] =
        "{\"version\": 1, \"partner\": {\"partner_id\": \"1234567\", "
        "\"types\": [\"si\", \"msp\"]}, \"customer\": {\"agreement\": "
        "\"ea\"}}";
    static const char *const specs[] = {
        "/customer/agreement=mca",
        "/customer/agreement=csp",
        "/partner/types=isv",
        "/customer/macc=no",
        "/customer/dpor/will_assign=yes",
        "/engagement/access/roles= Owner , custom:Ops Team",
        "/partner/partner_id_kind=global",
    };
    struct aa_override *ov = aa_override_new();
    struct aa_diags dl;
    struct aa_scenario *sc;
    const struct aa_val *v;

    (void)state;
    for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
        assert_null(aa_override_add(ov, specs[i]));
    assert_int_equal(aa_override_count(ov), 6);
    aa_diags_init(&dl);
    sc = aa_scenario_parse("p.json", plan, strlen(plan), &dl);
    assert_non_null(sc);
    /* Derived from the file: a location ID, until --set says global. */
    assert_true(val(sc, "/partner/location_partner_id")->present);
    aa_override_apply(ov, sc);
    assert_false(val(sc, "/partner/location_partner_id")->present);
    v = val(sc, "/customer/agreement");
    assert_string_equal(v->s, "csp");
    assert_int_equal(v->e, 3);
    assert_int_equal(v->line, 0);
    v = val(sc, "/partner/types");
    assert_int_equal(v->nitems, 1);
    assert_string_equal(v->items[0].s, "isv");
    assert_true(val(sc, "/customer/macc")->present);
    assert_int_equal(val(sc, "/customer/macc")->b, 0);
    assert_true(val(sc, "/customer/dpor")->present);
    assert_int_equal(val(sc, "/customer/dpor/will_assign")->b, 1);
    v = val(sc, "/engagement/access/roles");
    assert_true(val(sc, "/engagement")->present);
    assert_int_equal(v->nitems, 2);
    assert_string_equal(v->items[1].s, "custom:Ops Team");
    /* No position of its own: findings point at the parent in the file. */
    assert_int_equal(
        aa_scenario_loc(sc, aa_contract_find("/customer/agreement")).line, 1);
    aa_scenario_free(sc);
    aa_diags_fini(&dl);
    aa_override_free(ov);
}

/* POINTER=VALUE for every scalar and array of a JSON object, as a user
 * would type them; returns the number written into specs. */
static size_t
flatten(const cJSON *node, char *ptr, size_t len, char **specs, size_t n)
{
    char buf[4096];

    if (cJSON_IsObject(node)) {
        for (const cJSON *m = node->child; m != NULL; m = m->next) {
            int w = snprintf(ptr + len, 512 - len, "/%s", m->string);

            n = flatten(m, ptr, len + (size_t)w, specs, n);
            ptr[len] = '\0';
        }
        return n;
    }
    if (cJSON_IsArray(node)) {
        size_t used = 0;

        buf[0] = '\0';
        for (const cJSON *it = node->child; it != NULL; it = it->next)
            used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
                                     used ? "," : "", it->valuestring);
    } else if (cJSON_IsBool(node)) {
        snprintf(buf, sizeof(buf), "%s", cJSON_IsTrue(node) ? "true" : "false");
    } else if (cJSON_IsNumber(node)) {
        snprintf(buf, sizeof(buf), "%d", node->valueint);
    } else {
        snprintf(buf, sizeof(buf), "%s", node->valuestring);
    }
    specs[n] = malloc(strlen(ptr) + strlen(buf) + 2);
    sprintf(specs[n], "%s=%s", ptr, buf);
    return n + 1;
}

static void
same_val(const char *ptr, const struct aa_val *a, const struct aa_val *b)
{
    if (a->present != b->present)
        fail_msg("%s: present %d, from --set %d", ptr, a->present, b->present);
    if (!a->present)
        return;
    if ((a->s == NULL) != (b->s == NULL) ||
        (a->s != NULL && strcmp(a->s, b->s) != 0) || a->b != b->b ||
        a->n != b->n || a->e != b->e || a->nitems != b->nitems)
        fail_msg("%s differs when given with --set", ptr);
    for (size_t k = 0; k < a->nitems; k++)
        same_val(ptr, &a->items[k], &b->items[k]);
}

/* Every example plan, given whole with --set, is the plan the file gives:
 * the command line can say anything a file can, and means the same. */
static void
test_examples_round_trip(void **state)
{
    static const char *const examples[] = {
        "csp-reseller",        "isv-arm-outside-marketplace",
        "isv-si-msp-chain",    "isv-that-also-manages",
        "msp-b2b-contributor", "saas-isv-own-tenant",
        "si-microsoft-365",    "si-azure-and-microsoft-365",
        "si-on-csp-customer",  "isv-code-check",
    };

    (void)state;
    for (size_t e = 0; e < sizeof(examples) / sizeof(examples[0]); e++) {
        char path[512], ptr[512] = "", *specs[128];
        struct aa_diags dl;
        struct aa_scenario *file, *cmd;
        struct aa_override *ov = aa_override_new();
        FILE *fp;
        static char text[65536];
        size_t n, len;
        cJSON *root;

        snprintf(path, sizeof(path), AA_SOURCE_DIR "/examples/%s.json",
                 examples[e]);
        fp = fopen(path, "rb");
        assert_non_null(fp);
        len = fread(text, 1, sizeof(text) - 1, fp);
        fclose(fp);
        text[len] = '\0';
        aa_diags_init(&dl);
        file = aa_scenario_parse(path, text, len, &dl);
        assert_non_null(file);
        root = cJSON_Parse(text);
        n = flatten(root, ptr, 0, specs, 0);
        cJSON_Delete(root);
        for (size_t i = 0; i < n; i++) {
            char *why = aa_override_add(ov, specs[i]);

            if (why != NULL)
                fail_msg("%s: %s", examples[e], why);
            free(specs[i]);
        }
        cmd = aa_override_scenario(ov, "<command line>");
        for (size_t f = 0; f < aa_field_count; f++)
            same_val(aa_fields[f].ptr, &file->vals[f], &cmd->vals[f]);
        aa_scenario_free(cmd);
        aa_scenario_free(file);
        aa_override_free(ov);
        aa_diags_fini(&dl);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_examples_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
