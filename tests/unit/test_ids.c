/* test_ids.c -- the written forms of GUIDs and of azurerm's partner_id:
 * strict byte by byte, no byte read past the string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ids.h"

#define G "6D3E0B43-1f0a-4c55-9a1b-000000000abc"
#define Z "00000000-0000-0000-0000-000000000000"

static int
form(const char *s)
{
    return aa_partner_id_form(s, strlen(s));
}

static void
test_guid(void **state)
{
    (void)state;
    assert_true(aa_is_guid(G));
    assert_true(aa_is_guid(Z));
    assert_false(aa_is_guid(""));
    assert_false(aa_is_guid(G "0"));                                 /* long */
    assert_false(aa_is_guid("6D3E0B43-1f0a-4c55-9a1b-000000000ab")); /* short */
    assert_false(aa_is_guid("6D3E0B43-1f0a-4c55-9a1b0000000000abc")); /* dash */
    assert_false(aa_is_guid("6D3E0B43-1f0a-4c55-9a1b-000000000abg")); /* hex */
    assert_false(aa_is_guid("{" G "}"));
    /* The room given bounds the read: no GUID in fewer than 36 bytes. */
    assert_false(aa_guid_at(G, 35));
    assert_true(aa_guid_at(G "tail", 40));
}

static void
test_zero(void **state)
{
    (void)state;
    assert_true(aa_guid_is_zero(Z));
    assert_false(aa_guid_is_zero(G));
    assert_false(aa_guid_is_zero("00000000-0000-0000-0000-000000000001"));
}

static void
test_partner_id_forms(void **state)
{
    (void)state;
    assert_true(form(G));
    assert_true(form("pid-" G));
    assert_true(form("pid-" G "-partnercenter"));
    /* The provider compares the prefix and suffix as written
     * (strings.HasPrefix), so "terraform plan" refuses these. */
    assert_false(form("PID-" G));
    assert_false(form("pid-" G "-PartnerCenter"));
    assert_false(form(""));
    assert_false(form("pid-"));
    assert_false(form("pid-" G "-"));
    assert_false(form("pid-" G "-partnercente"));
    assert_false(form("pid-" G "-partnercenterx"));
    assert_false(form("pid-" G "x"));
    assert_false(form(G "-partnercenter")); /* pid- is part of that form */
    assert_false(form("id-" G));
    /* A Partner Center ID whose middle is no GUID (CUA-F15). */
    assert_false(form("pid-abc-partnercenter"));
    assert_false(
        form("pid-6D3E0B43-1f0a-4c55-9a1b-00000000zabc-partnercenter"));
    /* A control byte is a byte: no wildcard here (the scan's unknown parts
     * are its own, on top of this). */
    assert_false(form("pid-6D3E0B43-1f0a-4c55-9a1b-00000000\001abc"));
    /* The length given, not the NUL, ends the value. */
    assert_true(aa_partner_id_form("pid-" G "-partnercenter", 40));
    assert_false(aa_partner_id_form("pid-" G, 39));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guid),
        cmocka_unit_test(test_zero),
        cmocka_unit_test(test_partner_id_forms),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
