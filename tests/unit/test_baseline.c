/*
 * test_baseline.c -- reading a baseline: a well-formed one is found entry
 * by entry; every syntax error and every entry of the wrong shape is one
 * diagnostic at its line and column, naming the entry and the key; the
 * size, entry and error limits hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "baseline.h"
#include "diag.h"
#include "limits.h"

static struct aa_baseline *
parse(const char *text, struct aa_diags *dl)
{
    aa_diags_init(dl);
    return aa_baseline_parse("b.json", text, strlen(text), dl);
}

/* Parse 'text' and expect it refused with one diagnostic: 'code' at
 * line:col with 'needle' in the message. */
static void
expect_error(const char *text, enum aa_code code, unsigned line, unsigned col,
             const char *needle)
{
    struct aa_diags dl;
    struct aa_baseline *b = parse(text, &dl);

    if (b != NULL || dl.n != 1 || dl.v[0].code != code ||
        dl.v[0].line != line || dl.v[0].col != col ||
        strstr(dl.v[0].detail, needle) == NULL) {
        aa_diags_print(&dl, stderr);
        fail_msg("expected code %d at %u:%u with '%s' for: %s", code, line, col,
                 needle, text);
    }
    assert_string_equal(dl.v[0].file, "b.json");
    aa_diags_fini(&dl);
}

static void
test_good(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF{\"findings\": [\n"
        "  {\"pointer\": \"/a\", \"rule\": \"r.2\", \"source\": \"p.json\"},\n"
        "  {\"source\": \"p.json\", \"rule\": \"r.1\", \"pointer\": \"/a\"},\n"
        "  {\"source\": \"caf\\u00e9 \\ud83d\\ude00\\t\\\"\\/\", \"rule\": "
        "\"r.1\", \"pointer\": \"/b\"}\n"
        "], \"version\": 1}\n";
    struct aa_diags dl;
    struct aa_baseline *b = parse(text, &dl);

    (void)state;
    assert_non_null(b);
    assert_int_equal(dl.n, 0);
    assert_true(aa_baseline_has(b, "p.json", "r.1", "/a"));
    assert_true(aa_baseline_has(b, "p.json", "r.2", "/a"));
    assert_true(
        aa_baseline_has(b, "caf\xC3\xA9 \xF0\x9F\x98\x80\t\"/", "r.1", "/b"));
    assert_false(aa_baseline_has(b, "p.json", "r.1", "/b"));
    assert_false(aa_baseline_has(b, "p.json", "r.3", "/a"));
    assert_false(aa_baseline_has(b, "", "", ""));
    aa_baseline_free(b);
    aa_diags_fini(&dl);

    b = parse("{\"version\": 1, \"findings\": []}", &dl);
    assert_non_null(b);
    assert_false(aa_baseline_has(b, "p.json", "r.1", "/a"));
    aa_baseline_free(b);
    aa_diags_fini(&dl);
}

/* What --write-baseline writes reads back the same. */
static void
test_write_and_read(void **state)
{
    static const char text[] =
        "{\"version\": 1, \"findings\": [\n"
        "  {\"source\": \"b.json\", \"rule\": \"r.1\", \"pointer\": \"/a\"},\n"
        "  {\"source\": \"a.json\", \"rule\": \"r\\n2\", \"pointer\": \"/\"},\n"
        "  {\"source\": \"a.json\", \"rule\": \"r\\n2\", \"pointer\": \"/\"}\n"
        "]}\n";
    char path[] = "/tmp/aa-baseline-XXXXXX";
    struct aa_diags dl;
    struct aa_baseline *b = parse(text, &dl), *again;
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

    (void)state;
    assert_non_null(fp);
    assert_non_null(b);
    assert_int_equal(aa_baseline_write(b, fp), 0);
    assert_int_equal(fclose(fp), 0);
    again = aa_baseline_load(path, &dl);
    assert_non_null(again);
    assert_int_equal(dl.n, 0);
    assert_true(aa_baseline_has(again, "b.json", "r.1", "/a"));
    assert_true(aa_baseline_has(again, "a.json", "r\n2", "/"));
    assert_false(aa_baseline_has(again, "a.json", "r 2", "/"));
    aa_baseline_free(again);
    aa_baseline_free(b);
    unlink(path);
    assert_null(aa_baseline_load(path, &dl));
    assert_int_equal(dl.v[0].code, AA_S_IO);
    aa_diags_fini(&dl);
}

#define HEAD "{\"version\": 1, \"findings\": ["
#define ENTRY(s, r, p)                                                         \
    "{\"source\": " s ", \"rule\": " r ", \"pointer\": " p "}"

static void
test_syntax_errors(void **state)
{
    (void)state;
    expect_error("", AA_E_SCHEMA, 1, 1, "empty file");
    expect_error("  \n ", AA_E_SCHEMA, 2, 2, "empty file");
    expect_error(HEAD "}", AA_E_JSON_SYNTAX, 1, 29,
                 "invalid JSON: unexpected '}'; expected a value");
    expect_error(HEAD, AA_E_JSON_SYNTAX, 1, 29,
                 "unexpected end of input; expected a value");
    expect_error(HEAD "]}\n x", AA_E_JSON_SYNTAX, 2, 2,
                 "unexpected 'x'; text after the end of the baseline");
    expect_error(HEAD ENTRY("\"a\"", "\"r\"", "\"/\"") ",]}", AA_E_JSON_SYNTAX,
                 1, 74, "unexpected ']'; expected a value");
    expect_error("{\"version\": 01, \"findings\": []}", AA_E_JSON_SYNTAX, 1, 14,
                 "a number may not start with 0");
    expect_error("{\"version\": 1., \"findings\": []}", AA_E_JSON_SYNTAX, 1, 15,
                 "expected a digit after '.'");
    expect_error("{\"version\": -, \"findings\": []}", AA_E_JSON_SYNTAX, 1, 14,
                 "expected a digit");
    expect_error("{\"version\": 1e, \"findings\": []}", AA_E_JSON_SYNTAX, 1, 15,
                 "exponent");
    expect_error("{version: 1}", AA_E_JSON_SYNTAX, 1, 2,
                 "expected a key in quotes");
    expect_error("{\"version\" 1}", AA_E_JSON_SYNTAX, 1, 12,
                 "expected ':' after a key");
    expect_error("{\"version\": 1 \"findings\": []}", AA_E_JSON_SYNTAX, 1, 15,
                 "expected ',' or '}'");
    expect_error(HEAD ENTRY("\"a\"", "\"r\"",
                            "\"/\"") " " ENTRY("\"a\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 74, "expected ',' or ']'");
    expect_error("{\"version\": tru}", AA_E_JSON_SYNTAX, 1, 13,
                 "expected a value");
    expect_error("{\"version\": 1, \"findings\": [], \"x\": \"abc",
                 AA_E_JSON_SYNTAX, 1, 41, "a string is not closed");
    expect_error(HEAD ENTRY("\"a\x01\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 42, "control character U+0001");
    expect_error(HEAD ENTRY("\"a\\x\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 42, "bad escape");
    expect_error(HEAD ENTRY("\"a\\u12\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 42, "four hexadecimal digits");
    expect_error(HEAD ENTRY("\"\\ud800x\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 41, "a high surrogate needs a low one");
    expect_error(HEAD ENTRY("\"\\udc00\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 41, "a lone low surrogate");
    expect_error(HEAD ENTRY("\"a\\u0000b\"", "\"r\"", "\"/\"") "]}",
                 AA_E_JSON_SYNTAX, 1, 42, "\\u0000 is not allowed");
    expect_error(HEAD ENTRY("\"caf\xC3\"", "\"r\"", "\"/\"") "]}", AA_E_UTF8, 1,
                 44, "invalid UTF-8 (byte 0xC3)");
    expect_error(HEAD ENTRY("\"\xC0\xAF\"", "\"r\"", "\"/\"") "]}", AA_E_UTF8,
                 1, 41, "invalid UTF-8 (byte 0xC0)");
    expect_error(HEAD ENTRY("\"\xED\xA0\x80\"", "\"r\"", "\"/\"") "]}",
                 AA_E_UTF8, 1, 41, "invalid UTF-8 (byte 0xED)");
    /* A NUL byte outside a string, and a second byte order mark. */
    {
        struct aa_diags dl;
        struct aa_baseline *b;

        aa_diags_init(&dl);
        b = aa_baseline_parse("b.json", "{\"version\": 1,\0}", 16, &dl);
        assert_null(b);
        assert_int_equal(dl.v[0].col, 15);
        assert_non_null(strstr(dl.v[0].detail, "unexpected byte 0x00"));
        aa_diags_fini(&dl);
    }
    expect_error("\xEF\xBB\xBF\xEF\xBB\xBF{}", AA_E_JSON_SYNTAX, 1, 1,
                 "a byte order mark may only start the file");
    expect_error("{\"version\": 1,\xEF\xBB\xBF}", AA_E_JSON_SYNTAX, 1, 15,
                 "a byte order mark may only start the file");
}

static void
test_shape_errors(void **state)
{
    (void)state;
    expect_error("[]", AA_E_SCHEMA, 1, 1,
                 "/: expected an object {\"version\": 1, \"findings\": [...]}, "
                 "got an array; not a baseline");
    expect_error("{}", AA_E_SCHEMA, 1, 1, "/: missing \"findings\"");
    expect_error("{\"findings\": []}", AA_E_SCHEMA, 1, 1,
                 "/: missing \"version\"");
    expect_error("{\"version\": 2, \"findings\": []}", AA_E_SCHEMA, 1, 13,
                 "/version: this build reads baseline version 1");
    expect_error("{\"version\": \"1\", \"findings\": []}", AA_E_SCHEMA, 1, 13,
                 "/version");
    expect_error("{\"version\": 1, \"findings\": {}}", AA_E_SCHEMA, 1, 28,
                 "/findings: expected an array, got an object");
    expect_error("{\"version\": 1, \"version\": 1, \"findings\": []}",
                 AA_E_SCHEMA, 1, 16, "/version: duplicate key");
    expect_error(HEAD "]], \"findings\": []}", AA_E_JSON_SYNTAX, 1, 30,
                 "expected ',' or '}'");
    expect_error("{\"version\": 1, \"findings\": [], \"findings\": []}",
                 AA_E_SCHEMA, 1, 32, "/findings: duplicate key");
    expect_error("{\"version\": 1, \"findings\": [], \"extra\": [{}]}",
                 AA_E_SCHEMA, 1, 32,
                 "/extra: unknown key; a baseline has \"version\" and "
                 "\"findings\"");
    expect_error(HEAD "\n  null\n]}", AA_E_SCHEMA, 2, 3,
                 "/findings/0: expected an object {\"source\", \"rule\", "
                 "\"pointer\"}, got null");
    expect_error(HEAD ENTRY("\"a\"", "\"r\"",
                            "\"/\"") ",\n  " ENTRY("\"a\"", "3", "\"/\"") "]}",
                 AA_E_SCHEMA, 2, 27,
                 "/findings/1/rule: expected a string, got a number");
    expect_error(HEAD "\n  {\"source\": \"a\", \"rule\": \"r\"}]}", AA_E_SCHEMA,
                 2, 3, "/findings/0: missing \"pointer\"");
    expect_error(HEAD "{}]}", AA_E_SCHEMA, 1, 29,
                 "/findings/0: missing \"source\"");
    expect_error(HEAD
                 "{\"source\": \"a\", \"rule\": \"r\", \"pointer\": \"/\", "
                 "\"severity\": \"error\"}]}",
                 AA_E_SCHEMA, 1, 74,
                 "/findings/0: unknown key \"severity\"; an entry has");
    expect_error(HEAD "{\"source\": \"a\", \"rule\": \"r\", \"rule\": \"s\", "
                      "\"pointer\": \"/\"}]}",
                 AA_E_SCHEMA, 1, 58, "/findings/0/rule: duplicate key");
}

/* Problems of shape are reported together, up to the 'errors' limit. */
static void
test_several_and_limits(void **state)
{
    static const char three[] = HEAD "1, 2, 3]}";
    struct aa_diags dl;
    struct aa_baseline *b = parse(three, &dl);

    (void)state;
    assert_null(b);
    assert_int_equal(dl.n, 3);
    assert_int_equal(dl.v[2].col, 35);
    assert_non_null(strstr(dl.v[2].detail, "/findings/2:"));
    aa_diags_fini(&dl);

    /* Two problems, then one line saying reading stopped. */
    assert_int_equal(aa_limit_set("errors=2"), 0);
    b = parse(three, &dl);
    assert_null(b);
    assert_int_equal(dl.n, 3);
    assert_non_null(strstr(dl.v[2].detail, "reading stopped after 2"));
    aa_diags_fini(&dl);

    assert_int_equal(aa_limit_set("baseline-entries=2"), 0);
    expect_error(HEAD ENTRY("\"a\"", "\"r\"", "\"/1\"") ", " ENTRY(
                     "\"a\"", "\"r\"", "\"/2\"") ", " ENTRY("\"a\"", "\"r\"",
                                                            "\"/3\"") "]}",
                 AA_E_LIMIT, 1, 123,
                 "/findings/2: more than 2 findings in a baseline (--limit "
                 "baseline-entries=N)");
    b = parse(HEAD ENTRY("\"a\"", "\"r\"",
                         "\"/1\"") ", " ENTRY("\"a\"", "\"r\"", "\"/2\"") "]}",
              &dl);
    assert_non_null(b);
    aa_baseline_free(b);
    aa_diags_fini(&dl);

    assert_int_equal(aa_limit_set("depth=3"), 0);
    expect_error("{\"version\": 1, \"findings\": [], \"x\": [[[[]]]]}",
                 AA_E_LIMIT, 1, 39, "nested deeper than 3 levels");

    assert_int_equal(aa_limit_set("baseline-size=10"), 0);
    expect_error("{\"version\": 1, \"findings\": []}", AA_E_LIMIT, 0, 0,
                 "baseline is larger than 10 bytes (--limit baseline-size=N)");
    assert_int_equal(aa_limit_set("baseline-size=1048576"), 0);
    {
        char *big = calloc(1, (1u << 20) + 2);

        memset(big, ' ', (1u << 20) + 1);
        expect_error(big, AA_E_LIMIT, 0, 0, "larger than 1 MiB");
        free(big);
    }
}

static int
reset_limits(void **state)
{
    (void)state;
    for (int l = 0; l < AA_LIMIT_COUNT; l++) {
        char spec[64];

        snprintf(spec, sizeof(spec), "%s=%zu", aa_limit_name((enum aa_limit)l),
                 aa_limit_default((enum aa_limit)l));
        if (aa_limit_set(spec) != 0)
            return -1;
    }
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_write_and_read),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test_teardown(test_several_and_limits, reset_limits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
