/* test_contract.c -- the contract table is well formed and its helpers
 * answer as the loader and compiler expect. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "contract.h"
#include "report.h"
#include "rule.h"

#ifndef AA_SOURCE_DIR
#define AA_SOURCE_DIR "."
#endif

static void
test_table_shape(void **state)
{
    (void)state;
    assert_string_equal(aa_fields[0].ptr, "");
    assert_int_equal(aa_fields[0].parent, -1);
    assert_true(aa_field_count < AA_FIELD_LIMIT); /* field sets hold that */
    for (size_t i = 1; i < aa_field_count; i++) {
        const struct aa_field *f = &aa_fields[i];
        const struct aa_field *p = &aa_fields[f->parent];
        size_t plen = strlen(p->ptr);

        /* Parents precede children, are objects, and prefix the pointer. */
        assert_true(f->parent >= 0 && (size_t)f->parent < i);
        assert_int_equal(p->type, AA_T_OBJECT);
        assert_memory_equal(f->ptr, p->ptr, plen);
        assert_int_equal(f->ptr[plen], '/');
        assert_string_equal(f->ptr + plen + 1, f->key);
        assert_int_equal(aa_contract_find(f->ptr), (int)i);
        assert_true((f->values != NULL) ==
                    (f->type == AA_T_ENUM || f->type == AA_T_ENUM_ARRAY));
    }
}

/* Every field speaks to a partner: a label, and a question for each one a
 * user writes (what the interview asks and reports show for a missing
 * field).  Questions leave the allowed values to aa_contract_ask. */
static void
test_labels_and_questions(void **state)
{
    (void)state;
    for (size_t i = 0; i < aa_field_count; i++) {
        const struct aa_field *f = &aa_fields[i];
        int named;

        if (f->label == NULL || f->label[0] == '\0')
            fail_msg("%s has no label", f->ptr);
        if (i == AA_FIELD_ROOT || f->derived) {
            assert_null(f->question);
            continue;
        }
        if (f->question == NULL || f->question[0] == '\0')
            fail_msg("%s has no question", f->ptr);
        if (f->question[strlen(f->question) - 1] != '?')
            fail_msg("%s: the question does not end in '?'", f->ptr);
        /* Naming one value may be plain speech; two is a list. */
        named = 0;
        for (int v = 0; f->values != NULL && f->values[v] != NULL; v++)
            named += strlen(f->values[v]) > 3 &&
                     strstr(f->question, f->values[v]) != NULL;
        if (named > 1)
            fail_msg("%s: the question lists its values; aa_contract_ask "
                     "adds them",
                     f->ptr);
    }
}

static void
test_ask(void **state)
{
    char buf[256];

    (void)state;
    aa_contract_ask(aa_contract_find("/customer/agreement"), buf, sizeof(buf));
    assert_string_equal(buf, "Which agreement does the customer buy under? "
                             "(ea, mca, web_direct, csp)");
    aa_contract_ask(aa_contract_find("/customer/macc"), buf, sizeof(buf));
    assert_string_equal(buf, "Does the customer have an Azure consumption "
                             "commitment (MACC)? (yes or no)");
    aa_contract_ask(aa_contract_find("/customer/workloads"), buf, sizeof(buf));
    assert_string_equal(buf, "Which Microsoft clouds does the engagement "
                             "touch? (one or more of azure, modern_work, "
                             "dynamics_365, power_platform, "
                             "customer_insights)");
    aa_contract_ask(aa_contract_find("/partner/name"), buf, sizeof(buf));
    assert_string_equal(buf, "What is the partner's name?");
    /* A derived field has no question: its label stands in. */
    aa_contract_ask(aa_contract_find("/evidence/cua_status"), buf, sizeof(buf));
    assert_string_equal(buf, "CUA status of the code");
    /* Truncated, never overrun. */
    aa_contract_ask(aa_contract_find("/customer/agreement"), buf, 12);
    assert_string_equal(buf, "Which agree");
    aa_contract_ask(aa_contract_find("/customer/agreement"), buf, 50);
    assert_int_equal(strlen(buf), 49);
}

static void
test_lookup(void **state)
{
    int access = aa_contract_find("/engagement/access");
    int agreement = aa_contract_find("/customer/agreement");
    char buf[128];

    (void)state;
    assert_true(access > 0);
    assert_int_equal(aa_contract_child(access, "roles", 5),
                     aa_contract_find("/engagement/access/roles"));
    assert_int_equal(aa_contract_child(access, "role", 4), -1);
    assert_int_equal(aa_contract_find("/nope"), -1);
    assert_int_equal(aa_contract_enum_index(agreement, "mca", 3), 1);
    assert_int_equal(aa_contract_enum_index(agreement, "MCA", 3), -1);
    assert_int_equal(aa_contract_enum_count(agreement), 4);
    aa_contract_values_text(agreement, buf, sizeof(buf));
    assert_string_equal(buf, "ea, mca, web_direct or csp");
    /* Every row by its pointer and its key, every value by its text; no
     * text one byte short. */
    for (size_t f = 0; f < aa_field_count; f++) {
        const char *const *v = aa_fields[f].values;
        const char *ptr = aa_fields[f].ptr;

        assert_int_equal(aa_contract_find(ptr), (int)f);
        if (f > 0) {
            const char *key = aa_fields[f].key;

            assert_int_equal(
                aa_contract_child(aa_fields[f].parent, key, strlen(key)),
                (int)f);
        }
        for (int k = 0; v != NULL && v[k] != NULL; k++) {
            assert_int_equal(aa_contract_enum_index((int)f, v[k], strlen(v[k])),
                             k);
            assert_int_equal(
                aa_contract_enum_index((int)f, v[k], strlen(v[k]) - 1) == k, 0);
        }
    }
}

/* A child found after another (the reader's guess at the next key) is
 * the child aa_contract_child finds, whatever the last key was: every
 * key of every object, its prefixes and a longer text, after each of its
 * siblings, after none and after a row of another object. */
static void
test_child_after_any_key(void **state)
{
    size_t checked = 0;

    (void)state;
    for (size_t p = 0; p < aa_field_count; p++) {
        for (size_t c = 1; c < aa_field_count; c++) {
            const char *key = aa_fields[c].key;
            size_t len = strlen(key);
            char longer[256];

            if (aa_fields[c].parent != (int)p)
                continue;
            snprintf(longer, sizeof(longer), "%sx", key);
            for (int prev = -1; prev < (int)aa_field_count; prev++) {
                for (size_t n = 1; n <= len; n++)
                    assert_int_equal(
                        aa_contract_child_after((int)p, prev, key, n),
                        aa_contract_child((int)p, key, n));
                assert_int_equal(
                    aa_contract_child_after((int)p, prev, longer, len + 1), -1);
                checked++;
            }
            /* Found in order and out of it alike. */
            assert_int_equal(aa_contract_child_after((int)p, -1, key, len),
                             (int)c);
        }
    }
    assert_true(checked > aa_field_count);
}

/* The compact rows say what aa_fields says: each row's type, derived
 * flag, parent, key length and first 16 bytes of its key, and first and
 * next walk each object's children in contract order, all of them. */
static void
test_kin_is_the_contract(void **state)
{
    const struct aa_kin *k = aa_contract_kin();

    (void)state;
    assert_ptr_equal(aa_contract_kin(), k); /* made once */
    for (size_t f = 0; f < aa_field_count; f++) {
        size_t len = f > 0 ? strlen(aa_fields[f].key) : 0;
        int c, n = 0;

        assert_int_equal(k->type[f], aa_fields[f].type);
        assert_int_equal(k->derived[f], aa_fields[f].derived != 0);
        assert_int_equal(k->parent[f], aa_fields[f].parent);
        if (f > 0) {
            assert_int_equal(k->keylen[f], len);
            assert_memory_equal(k->key[f], aa_fields[f].key,
                                len < 16 ? len : 16);
        }
        for (c = k->first[f]; c >= 0; c = k->next[c], n++) {
            assert_int_equal(aa_fields[c].parent, (int)f);
            if (k->next[c] >= 0)
                assert_true(k->next[c] > c);
        }
        for (size_t g = 1; g < aa_field_count; g++)
            n -= aa_fields[g].parent == (int)f;
        assert_int_equal(n, 0);
    }
}

/* An enumeration's value is found at its place, by every length a value
 * may have: each value of each field, each of its prefixes and a longer
 * text, against a plain search of the field's list (the first of equal
 * values, none for a text no value is). */
static void
test_enum_index_any_value(void **state)
{
    size_t checked = 0;

    (void)state;
    assert_int_equal(aa_contract_enum_index(-1, "x", 1), -1);
    assert_int_equal(aa_contract_enum_index((int)aa_field_count, "x", 1), -1);
    for (size_t f = 0; f < aa_field_count; f++) {
        const char *const *v = aa_fields[f].values;

        for (int i = 0; v != NULL && v[i] != NULL; i++) {
            size_t len = strlen(v[i]);
            char longer[300];

            snprintf(longer, sizeof(longer), "%sx", v[i]);
            for (size_t n = 0; n <= len + 1; n++) {
                const char *t = n <= len ? v[i] : longer;
                int want = -1;

                for (int j = 0; n > 0 && want < 0 && v[j] != NULL; j++)
                    if (strlen(v[j]) == n && memcmp(v[j], t, n) == 0)
                        want = j;
                assert_int_equal(aa_contract_enum_index((int)f, t, n), want);
                checked++;
            }
        }
        /* A field without values has none to find. */
        if (v == NULL)
            assert_int_equal(aa_contract_enum_index((int)f, "ea", 2), -1);
    }
    assert_true(checked > 1000);
}

/* The rows the engine names are the rows of their pointers. */
static void
test_named_rows(void **state)
{
    static const struct {
        int row;
        const char *ptr;
    } named[] = {
        {AA_ROW_PARTNER_ID, "/partner/partner_id"},
        {AA_ROW_PARTNER_ID_KIND, "/partner/partner_id_kind"},
        {AA_ROW_VERSION, "/version"},
        {AA_ROW_LOCATION_PARTNER_ID, "/partner/location_partner_id"},
        {AA_ROW_AGREEMENT, "/customer/agreement"},
        {AA_ROW_AGREEMENTS, "/customer/agreements"},
        {AA_ROW_WORKLOADS, "/customer/workloads"},
        {AA_ROW_TRANSACTING, "/engagement/transacting_partner"},
        {AA_ROW_CUA_GUID, "/solution/deployment/cua/guid"},
        {AA_ROW_ARTIFACTS, "/solution/artifacts"},
        {AA_ROW_CUA_STATUS, "/evidence/cua_status"},
        {AA_ROW_GUIDS, "/evidence/guids"},
        {AA_ROW_PLACEMENT, "/evidence/placement"},
        {AA_ROW_UNKNOWN_GUIDS, "/evidence/unknown_guids"},
        {AA_ROW_OUTCOME, "/outcome"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
        assert_int_equal(aa_contract_find(named[i].ptr), named[i].row);
    for (int m = 0; m < AA_NMECH; m++) {
        const char *name = aa_mech_name((enum aa_mech)m);
        char key[8];
        size_t k;

        for (k = 0; name[k] != '\0' && k + 1 < sizeof(key); k++)
            key[k] = (char)tolower((unsigned char)name[k]);
        key[k] = '\0';
        assert_int_equal(aa_contract_child(AA_ROW_OUTCOME, key, k),
                         AA_ROW_OUTCOME + 1 + m);
    }
}

static void
test_suggestions(void **state)
{
    int customer = aa_contract_find("/customer");
    int agreement = aa_contract_find("/customer/agreement");

    (void)state;
    assert_string_equal(aa_contract_suggest_key(customer, "agrement"),
                        "agreement");
    assert_string_equal(aa_contract_suggest_key(0, "partnr"), "partner");
    assert_null(aa_contract_suggest_key(customer, "zzzzzzzz"));
    assert_string_equal(aa_contract_suggest_value(agreement, "eaa"), "ea");
    assert_null(aa_contract_suggest_value(agreement, "enterprise"));
}

static void
test_schema_lists_every_field(void **state)
{
    char *s = aa_contract_schema();

    (void)state;
    assert_non_null(s);
    for (size_t i = 1; i < aa_field_count; i++) {
        char key[80];

        snprintf(key, sizeof(key), "\"%s\":", aa_fields[i].key);
        /* Derived fields are filled in by the tool: a scenario that
         * writes them is wrong, so the schema must not offer them. */
        if (aa_fields[i].derived)
            assert_null(strstr(s, "\"evidence\":"));
        else
            assert_non_null(strstr(s, key));
    }
    assert_non_null(strstr(s, "\"required\""));
    free(s);
}

/* docs/scenario.md documents every field of the table. */
static void
test_docs_list_every_field(void **state)
{
    FILE *fp = fopen(AA_SOURCE_DIR "/docs/scenario.md", "rb");
    static char doc[65536];
    size_t n;

    (void)state;
    assert_non_null(fp);
    n = fread(doc, 1, sizeof(doc) - 1, fp);
    fclose(fp);
    doc[n] = '\0';
    for (size_t i = 1; i < aa_field_count; i++) {
        char cell[128];

        snprintf(cell, sizeof(cell), "| `%s` |", aa_fields[i].ptr);
        if (strstr(doc, cell) == NULL)
            fail_msg("docs/scenario.md does not document %s", aa_fields[i].ptr);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_shape),
        cmocka_unit_test(test_labels_and_questions),
        cmocka_unit_test(test_kin_is_the_contract),
        cmocka_unit_test(test_enum_index_any_value),
        cmocka_unit_test(test_ask),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_child_after_any_key),
        cmocka_unit_test(test_named_rows),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_schema_lists_every_field),
        cmocka_unit_test(test_docs_list_every_field),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
