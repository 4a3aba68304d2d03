/*
 * test_jsonpos.c -- the offsets jsonpos.c notes beside a cJSON tree, and
 * the key of a member found from its object's, numbers included (a number
 * keeps no offset of its own: --explain of an ARM variable that holds one
 * read past the text before aa_json_key_offset).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "jsonpos.h"

static const char text[] =
    "{ \"a\" : 30,\n"
    "  \"b\": {\"x\": [1, {\"y\": \"}]\\\"\"}], \"z\": -2.5e3},\n"
    "  \"c\":true ,\"d\" :null, \"e\": \"s\",\n"
    "  \"n\": 7 }";

static cJSON *
parsed(void)
{
    cJSON *root = cJSON_Parse(text);

    assert_non_null(root);
    aa_json_note_offsets(root, text, 0);
    return root;
}

/* The offset of the first occurrence of the quoted key k. */
static size_t
where(const char *k)
{
    const char *p = strstr(text, k);

    assert_non_null(p);
    return (size_t)(p - text);
}

static void
test_every_member(void **state)
{
    cJSON *root = parsed();
    const char *keys[] = {"\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"e\"", "\"n\""};
    size_t k = 0;

    (void)state;
    for (cJSON *m = root->child; m != NULL; m = m->next, k++)
        assert_int_equal(aa_json_key_offset(root, m, text), where(keys[k]));
    assert_int_equal(k, 6);
    cJSON_Delete(root);
}

static void
test_nested_and_strays(void **state)
{
    cJSON *root = parsed();
    cJSON *b = cJSON_GetObjectItemCaseSensitive(root, "b");
    cJSON *z = cJSON_GetObjectItemCaseSensitive(b, "z");
    cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "a");

    (void)state;
    /* After an array holding an object whose string has brackets and an
     * escaped quote. */
    assert_int_equal(aa_json_key_offset(b, z, text), where("\"z\""));
    assert_int_equal(aa_json_offset(a), (size_t)-1);
    /* Not a member of that object; not an object. */
    assert_int_equal(aa_json_key_offset(b, a, text), (size_t)-1);
    assert_int_equal(aa_json_key_offset(a, a, text), (size_t)-1);
    assert_int_equal(aa_json_key_offset(NULL, a, text), (size_t)-1);
    cJSON_Delete(root);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_member),
        cmocka_unit_test(test_nested_and_strays),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
