/*
 * test_scenario.c -- JSON scenario loading: values resolved per contract
 * field with key positions; every input error located by line and column
 * (code points), with the JSON Pointer and the allowed values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "contract.h"
#include "diag.h"
#include "limits.h"
#include "scenario.h"

static const struct aa_val *
val(const struct aa_scenario *sc, const char *ptr)
{
    int f = aa_contract_find(ptr);

    assert_true(f >= 0);
    return &sc->vals[f];
}

static const char good[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"id\": \"caf\xc3\xa9-plan\",\n"
    "  \"partner\": {\"partner_id\": \"1234567\", \"types\": [\"si\", "
    "\"msp\"]},\n"
    "  \"customer\": {\n"
    "    \"agreement\": \"mca\",\n"
    "    \"macc\": false\n"
    "  },\n"
    "  \"engagement\": {\"access\": {\"roles\": [\"Contributor\"]}},\n"
    "  \"x-crm\": {\"anything\": [null, 1.5]}\n"
    "}\n";

static void
test_values_and_positions(void **state)
{
    struct aa_diags dl;
    struct aa_scenario *sc;
    struct aa_loc l;

    (void)state;
    aa_diags_init(&dl);
    sc = aa_scenario_parse("s.json", good, strlen(good), &dl);
    assert_non_null(sc);
    assert_int_equal(dl.n, 0); /* x- keys are silent, even with nulls */
    assert_int_equal(val(sc, "/version")->n, 1);
    assert_string_equal(val(sc, "/id")->s, "caf\xc3\xa9-plan");
    assert_int_equal(val(sc, "/customer/agreement")->e, 1);
    assert_string_equal(val(sc, "/customer/agreement")->s, "mca");
    assert_true(val(sc, "/customer/macc")->present);
    assert_int_equal(val(sc, "/customer/macc")->b, 0);
    assert_int_equal(val(sc, "/partner/types")->nitems, 2);
    assert_int_equal(val(sc, "/partner/types")->items[1].e, 3); /* msp */
    assert_string_equal(val(sc, "/engagement/access/roles")->items[0].s,
                        "Contributor");
    assert_false(val(sc, "/customer/workloads")->present);
    /* Positions are those of the keys. */
    assert_int_equal(val(sc, "/partner/types")->line, 4);
    assert_int_equal(val(sc, "/partner/types")->col, 40);
    assert_int_equal(val(sc, "/customer/macc")->line, 7);
    assert_int_equal(val(sc, "/customer/macc")->col, 5);
    /* Absent field: the closest present parent. */
    l = aa_scenario_loc(sc, aa_contract_find("/customer/dpor/current"));
    assert_int_equal(l.line, 5);
    assert_int_equal(l.col, 3);
    assert_string_equal(l.file, "s.json");
    l = aa_scenario_loc(sc, aa_contract_find("/solution/hosted_in"));
    assert_int_equal(l.line, 1);
    assert_int_equal(l.col, 1);
    aa_scenario_free(sc);
    aa_diags_fini(&dl);
}

/* Parse 'text'; expect it to fail with 'code' first at line:col. */
static void
expect_error(const char *text, size_t len, enum aa_code code, unsigned line,
             unsigned col, const char *needle)
{
    struct aa_diags dl;
    struct aa_scenario *sc;

    aa_diags_init(&dl);
    sc = aa_scenario_parse("s.json", text, len, &dl);
    if (sc != NULL || dl.n == 0 || dl.v[0].code != code ||
        dl.v[0].line != line || dl.v[0].col != col ||
        strstr(dl.v[0].detail, needle) == NULL) {
        aa_diags_print(&dl, stderr);
        fail_msg("expected code %d at %u:%u with '%s'", code, line, col,
                 needle);
    }
    aa_diags_fini(&dl);
}

#define ERR(text, code, line, col, needle)                                     \
    expect_error(text, sizeof(text) - 1, code, line, col, needle)

static void
test_syntax_errors(void **state)
{
    (void)state;
    ERR("{\n  \"version\": 1,\n  \"id\": \"x\",\n}\n", AA_E_JSON_SYNTAX, 4, 1,
        "invalid JSON");
    ERR("{\n  \"version\": 1,\n  \"partner\": {\n", AA_E_JSON_SYNTAX, 3, 15,
        "unexpected end of input");
    ERR("{\"version\": 1} {}", AA_E_JSON_SYNTAX, 1, 16,
        "unexpected text after the end");
    ERR("", AA_E_JSON_SYNTAX, 1, 1, "empty file");
    ERR("  \n", AA_E_JSON_SYNTAX, 1, 1, "empty file");
    ERR("{\"version\": 1, \"id\": \"\xc3\xa9\xff\"}", AA_E_UTF8, 1, 24,
        "invalid UTF-8 (byte 0xFF)");
    ERR("{\"id\": \"\xed\xa0\x80\"}", AA_E_UTF8, 1, 9, "invalid UTF-8");
    ERR("{\"id\": \"\xc0\xaf\"}", AA_E_UTF8, 1, 9, "invalid UTF-8");
    ERR("{\"version\": 1, \"id\": \"a\\u0000b\"}", AA_E_SCENARIO, 1, 24,
        "NUL character");
}

static void
test_limits(void **state)
{
    char *deep = malloc(200);
    char *big;
    size_t n = 9u * 1024 * 1024;

    (void)state;
    memset(deep, '[', 65);
    memset(deep + 65, ']', 65);
    expect_error(deep, 130, AA_E_LIMIT, 1, 65, "nested deeper than 64");
    /* 64 levels are fine for the prescan (then: not an object). */
    expect_error(deep + 1, 128, AA_E_NOT_PLAN, 1, 1, "expected an object");
    free(deep);
    big = malloc(n);
    memset(big, ' ', n);
    expect_error(big, n, AA_E_LIMIT, 0, 0, "larger than 8 MiB");
    free(big);
}

static void
test_contract_errors(void **state)
{
    (void)state;
    ERR("[1]", AA_E_NOT_PLAN, 1, 1, "/: expected an object, got an array");
    ERR("{\"id\": \"x\"}", AA_E_SCENARIO, 1, 1, "missing \"version\"");
    ERR("{\"version\": 2}", AA_E_SCENARIO, 1, 2,
        "unsupported contract version 2");
    ERR("{\"version\": \"1\", \"customer\": {}}", AA_E_SCENARIO, 1, 13,
        "/version: expected an integer, got a string");
    /* A "version" beside no field of the contract is no plan's: a
     * package.json kept beside the plans is skipped, not refused. */
    ERR("{\"name\": \"web\", \"version\": \"1.0.0\"}", AA_E_NOT_PLAN, 1, 1,
        "not a scenario: no field of contract v1 at the top level");
    ERR("{\"version\": 1.5}", AA_E_SCENARIO, 1, 13,
        "expected an integer, got a number with a fraction");
    ERR("{\"version\": 1, \"customer\": {\"macc\": null}}", AA_E_SCENARIO, 1,
        37, "/customer/macc: null is not allowed");
    ERR("{\"version\": 1, \"customer\": {\"macc\": \"true\"}}", AA_E_SCENARIO,
        1, 37, "/customer/macc: expected a boolean, got a string");
    ERR("{\"version\": 1, \"partner\": []}", AA_E_SCENARIO, 1, 27,
        "/partner: expected an object, got an array");
    ERR("{\"version\": 1, \"customer\": {\"agreement\": \"EA\"}}",
        AA_E_SCENARIO, 1, 42,
        "/customer/agreement: 'EA' is not allowed; expected one of ea, mca, "
        "web_direct or csp (did you mean 'ea'?)");
    ERR("{\"version\": 1, \"partner\": {\"types\": [\"si\", 7]}}",
        AA_E_SCENARIO, 1, 44,
        "/partner/types/1: expected a string, got a "
        "number");
    ERR("{\"version\": 1, \"partner\": {\"types\": [\"sii\"]}}", AA_E_SCENARIO,
        1, 38, "/partner/types/0: 'sii' is not allowed");
    ERR("{\"version\": 1, \"id\": \"a\", \"id\": \"b\"}", AA_E_SCENARIO, 1, 27,
        "/id: duplicate key");
}

static void
test_every_error_reported(void **state)
{
    static const char text[] =
        "{\"version\": 1,\n"
        " \"customer\": {\"agreement\": \"x\", \"macc\": 1},\n"
        " \"engagement\": {\"activities\": [\"sell\"]}}\n";
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    assert_null(aa_scenario_parse("s.json", text, strlen(text), &dl));
    assert_int_equal(dl.n, 3);
    assert_int_equal(dl.v[0].line, 2);
    assert_int_equal(dl.v[2].line, 3);
    aa_diags_fini(&dl);
}

static void
test_unknown_keys_warn(void **state)
{
    static const char text[] = "\xef\xbb\xbf{\"version\": 1,\n"
                               " \"customer\": {\"agrement\": \"ea\"},\n"
                               " \"zzz\": {\"deep\": null}}\n";
    struct aa_diags dl;
    struct aa_scenario *sc;

    (void)state;
    aa_diags_init(&dl);
    sc = aa_scenario_parse("s.json", text, strlen(text), &dl);
    /* A BOM is skipped; unknown keys are issues for input.unknown-key, not
     * diagnostics, so the plan loads cleanly. */
    assert_non_null(sc);
    assert_int_equal(dl.n, 0);
    assert_int_equal(sc->nissues, 2);
    assert_int_equal(sc->issues[0].what, AA_D_UNKNOWN_KEY);
    assert_int_equal(sc->issues[0].line, 2);
    assert_int_equal(sc->issues[0].col, 15);
    assert_string_equal(sc->issues[0].pointer, "/customer/agrement");
    assert_string_equal(sc->issues[0].subject,
                        "/customer/agrement (did you mean 'agreement'?)");
    assert_string_equal(sc->issues[1].subject, "/zzz");
    assert_false(sc->vals[aa_contract_find("/customer/agreement")].present);
    aa_scenario_free(sc);
    aa_diags_fini(&dl);
}

static void
test_files(void **state)
{
    struct aa_diags dl;
    char path[] = "/tmp/aa-scenario-XXXXXX";
    int fd;
    FILE *fp;
    struct aa_scenario *sc;

    (void)state;
    aa_diags_init(&dl);
    assert_null(aa_scenario_load_file("/nonexistent/plan.json", &dl));
    assert_int_equal(dl.v[0].code, AA_S_IO);
    assert_string_equal(dl.v[0].detail,
                        "cannot open: No such file or directory");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "w");
    fputs(good, fp);
    fclose(fp);
    sc = aa_scenario_load_file(path, &dl);
    assert_non_null(sc);
    assert_string_equal(sc->name, path);
    aa_scenario_free(sc);
    remove(path);
    aa_diags_fini(&dl);
}

/* Bytes cJSON would take but JSON does not allow: each is refused where it
 * is, before cJSON reads it as a blank, a number or the end of a string. */
static void
test_invalid_json(void **state)
{
    struct aa_diags dl;
    struct aa_scenario *sc;
    static const char nul[] = "{\"version\": 1, \"id\": \"a\0b\"}";
    static const char valid[] =
        "{\"version\": 1, \"x-n\": [0, -0, 0.5, -1.25e+3, 1E-2, 10]}";
    static const char bom_in_string[] =
        "{\"version\": 1, \"id\": \"\xef\xbb\xbf\"}";

    (void)state;
    expect_error(nul, sizeof(nul) - 1, AA_E_JSON_SYNTAX, 1, 24, "NUL byte");
    ERR("{\"version\": 1,\0\"id\": \"a\"}", AA_E_JSON_SYNTAX, 1, 15,
        "NUL byte");
    ERR("{\"version\": 1,\n \"id\": \"a\tb\"}", AA_E_JSON_SYNTAX, 2, 10,
        "control character U+0009 in a string; write it as \\t");
    ERR("{\"version\": 1, \"id\": \"a\x1b[2Jb\"}", AA_E_JSON_SYNTAX, 1, 24,
        "control character U+001B in a string; write it as \\u001B");
    ERR("{\"version\": 1,\x01 \"id\": \"a\"}", AA_E_JSON_SYNTAX, 1, 15,
        "control character U+0001");
    ERR("{\"version\": 01}", AA_E_JSON_SYNTAX, 1, 13,
        "leading zero in number '01'");
    ERR("{\"version\": 1, \"x\": [1, -00.5]}", AA_E_JSON_SYNTAX, 1, 25,
        "leading zero in number '-00.5'");
    ERR("{\"version\": 1.}", AA_E_JSON_SYNTAX, 1, 13, "malformed number '1.'");
    ERR("{\"version\": 1e}", AA_E_JSON_SYNTAX, 1, 13, "malformed number '1e'");
    ERR("{\"version\": 1, \"x\": -}", AA_E_JSON_SYNTAX, 1, 21,
        "malformed number '-'");
    ERR("{\"version\": 1, \"x\": 1.2.3}", AA_E_JSON_SYNTAX, 1, 21,
        "malformed number '1.2.3'");
    /* A number at the very end of the text is read within its bounds. */
    ERR("{\"version\": -", AA_E_JSON_SYNTAX, 1, 13, "malformed number '-'");
    /* One byte order mark is skipped; a second one is an error where it is,
     * not a shift of every later column. */
    ERR("\xef\xbb\xbf\xef\xbb\xbf{\"version\": 1}", AA_E_JSON_SYNTAX, 1, 1,
        "byte order mark");
    ERR("{\"version\": 1,\n \xef\xbb\xbf\"id\": \"a\"}", AA_E_JSON_SYNTAX, 2, 2,
        "byte order mark");
    ERR("null", AA_E_SCENARIO, 1, 1,
        "/: null is not allowed; leave the field out");
    aa_diags_init(&dl);
    sc = aa_scenario_parse("s.json", valid, strlen(valid), &dl);
    assert_non_null(sc);
    assert_int_equal(dl.n, 0);
    aa_scenario_free(sc);
    /* In a string, U+FEFF is text like any other. */
    sc = aa_scenario_parse("s.json", bom_in_string, strlen(bom_in_string), &dl);
    assert_non_null(sc);
    assert_int_equal(dl.n, 0);
    aa_scenario_free(sc);
    aa_diags_fini(&dl);
}

/* Set limit 'name' to n (0: back to its default). */
static void
set_limit(const char *name, size_t n)
{
    char spec[64];

    for (int l = 0; l < AA_LIMIT_COUNT; l++)
        if (strcmp(aa_limit_name((enum aa_limit)l), name) == 0 && n == 0)
            n = aa_limit_default((enum aa_limit)l);
    snprintf(spec, sizeof(spec), "%s=%zu", name, n);
    assert_int_equal(aa_limit_set(spec), 0);
}

static void
test_limit_table(void **state)
{
    (void)state;
    set_limit("keys", 3);
    ERR("{\"version\": 1,\n \"x\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}",
        AA_E_LIMIT, 2, 7, "an object with more than 3 keys (--limit keys=N)");
    set_limit("keys", 0);
    set_limit("string-length", 8);
    ERR("{\"version\": 1, \"id\": \"abcdefghi\"}", AA_E_LIMIT, 1, 22,
        "/id: a string longer than 8 bytes (--limit string-length=N)");
    ERR("{\"version\": 1, \"x-abcdefg\": 1}", AA_E_LIMIT, 1, 16,
        "/: a key longer than 8 bytes");
    ERR("{\"version\": 1, \"partner\": {\"types\": [\"msp\", \"abcdefghi\"]}}",
        AA_E_LIMIT, 1, 45, "/partner/types/1: a string longer than 8 bytes");
    set_limit("string-length", 0);
    set_limit("depth", 2);
    ERR("{\"version\": 1, \"x\": [[1]]}", AA_E_LIMIT, 1, 22,
        "nested deeper than 2 levels (--limit depth=N)");
    set_limit("depth", 0);
    set_limit("scenario-size", 10);
    ERR("{\"version\": 1}", AA_E_LIMIT, 0, 0,
        "file is larger than 10 bytes (--limit scenario-size=N)");
    set_limit("scenario-size", 0);
}

/* Duplicate keys are found by sorting, whatever their number. */
static void
test_many_keys(void **state)
{
    size_t n = 200000, len = 0;
    char *text = malloc(n * 16 + 64);
    struct aa_diags dl;

    (void)state;
    len += (size_t)sprintf(text, "{\"version\": 1");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, ",\"x-%zu\":0", i);
    len += (size_t)sprintf(text + len, ",\"version\": 1}");
    set_limit("keys", n + 2);
    aa_diags_init(&dl);
    assert_null(aa_scenario_parse("s.json", text, len, &dl));
    assert_int_equal(dl.n, 1);
    assert_string_equal(dl.v[0].detail, "/version: duplicate key");
    aa_diags_fini(&dl);
    set_limit("keys", 0);
    expect_error(text, len, AA_E_LIMIT, 1, 1,
                 "an object with more than 10000 keys");
    free(text);
}

/* Past the 'errors' limit problems are counted, not listed, at the level
 * of the worst of them. */
static void
test_errors_cap(void **state)
{
    static const char bad[] =
        "{\"version\": 1, \"partner\": {\"types\": "
        "[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\"]}, \"zz\": 1}";
    static const char warn[] =
        "{\"version\": 1, \"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1}";
    struct aa_diags dl;
    struct aa_scenario *sc;

    (void)state;
    set_limit("errors", 3);
    aa_diags_init(&dl);
    assert_null(aa_scenario_parse("s.json", bad, strlen(bad), &dl));
    assert_int_equal(dl.n, 4);
    assert_string_equal(dl.v[2].detail,
                        "/partner/types/2: 'c' is not allowed; expected one "
                        "of isv, saas_isv, si, msp, csp_direct, "
                        "csp_indirect_provider, csp_indirect_reseller, lsp or "
                        "advisor");
    assert_int_equal(dl.v[3].code, AA_E_SCENARIO);
    assert_null(dl.v[3].file);
    assert_string_equal(dl.v[3].detail, "... and 5 more problems in s.json");
    aa_diags_fini(&dl);
    /* An NDJSON line names its line. */
    aa_diags_init(&dl);
    assert_null(aa_scenario_parse_at("b.ndjson", bad, strlen(bad), 7, &dl));
    assert_string_equal(dl.v[3].detail,
                        "... and 5 more problems in b.ndjson:7");
    aa_diags_fini(&dl);
    aa_diags_init(&dl);
    sc = aa_scenario_parse("s.json", warn, strlen(warn), &dl);
    assert_non_null(sc);
    assert_int_equal(sc->nissues, 3); /* the limit */
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_W_UNKNOWN_KEY);
    assert_string_equal(dl.v[0].detail, "... and 1 more problem in s.json");
    aa_scenario_free(sc);
    aa_diags_fini(&dl);
    set_limit("errors", 0);
}

/* "x-attrib-suppress" twice: an error, and the second list is kept beside
 * the first instead of written past its end (ASan saw that). */
static void
test_suppress_twice(void **state)
{
    size_t n = 1000, len = 0;
    char *text = malloc(n * 80 + 128);
    struct aa_diags dl;

    (void)state;
    len += (size_t)sprintf(text, "{\"version\": 1");
    for (int k = 0; k < 2; k++) {
        len += (size_t)sprintf(text + len, ", \"x-attrib-suppress\": [");
        for (size_t i = 0; i < n; i++)
            len += (size_t)sprintf(text + len,
                                   "%s{\"rule\": \"R-%zu\", \"reason\": \"r\"}",
                                   i ? "," : "", i);
        len += (size_t)sprintf(text + len, "]");
    }
    len += (size_t)sprintf(text + len, "}");
    aa_diags_init(&dl);
    assert_null(aa_scenario_parse("s.json", text, len, &dl));
    assert_int_equal(dl.n, 1);
    assert_string_equal(dl.v[0].detail, "/x-attrib-suppress: duplicate key");
    aa_diags_fini(&dl);
    free(text);
}

/* NDJSON: blank lines skipped, numbers kept, line ends stripped; a line
 * over the line-size limit and a read error end the input with an error. */
static void
test_lines(void **state)
{
    static char input[] = "{\"version\": 1}\r\n\n  \t\n{\"version\": 2}\n"
                          "0123456789012345678901234567890123\nlast";
    FILE *fp = fmemopen(input, sizeof(input) - 1, "r");
    struct aa_scenario_lines *sl = aa_scenario_lines_new(fp, "b.ndjson");
    struct aa_diags dl;
    const char *data;
    size_t len;
    unsigned line;

    (void)state;
    aa_diags_init(&dl);
    set_limit("line-size", 32);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(line, 1);
    assert_int_equal(len, 14);
    assert_memory_equal(data, "{\"version\": 1}", 14);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(line, 4);
    assert_memory_equal(data, "{\"version\": 2}", 14);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), -1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_E_LIMIT);
    assert_int_equal(dl.v[0].line, 5);
    assert_int_equal(dl.v[0].col, 33); /* where the limit was passed */
    assert_string_equal(dl.v[0].detail,
                        "line 5 is longer than 32 bytes (--limit line-size=N); "
                        "the rest of the input is not read");
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 0);
    aa_scenario_lines_free(sl);
    fclose(fp);
    /* A line given to the parser directly is held to the same limit. */
    assert_null(aa_scenario_parse_at("b.ndjson", input + 36, 34, 5, &dl));
    assert_int_equal(dl.v[1].line, 5);
    assert_int_equal(dl.v[1].col, 33);
    assert_string_equal(dl.v[1].detail,
                        "line 5 is longer than 32 bytes (--limit line-size=N)");
    set_limit("line-size", 0);
    aa_diags_fini(&dl);
    /* A folder opens, but reading it fails: that is no end of input. */
    aa_diags_init(&dl);
    fp = fopen("/", "r");
    assert_non_null(fp);
    sl = aa_scenario_lines_new(fp, "/");
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), -1);
    assert_int_equal(dl.v[0].code, AA_S_IO);
    assert_string_equal(dl.v[0].detail, "cannot read: Is a directory");
    aa_scenario_lines_free(sl);
    fclose(fp);
    aa_diags_fini(&dl);
}

/* The next line of sl is rc and, for a line, its number and text. */
static void
next_is(struct aa_scenario_lines *sl, struct aa_diags *dl, int rc,
        unsigned line, const char *text)
{
    const char *data;
    size_t len;
    unsigned at;

    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &at, dl), rc);
    if (rc <= 0)
        return;
    assert_int_equal(at, line);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(data, text, len);
}

/* NDJSON whose first line opens an object or an array it does not close:
 * the next line decides.  A whole object after it: both lines handed out,
 * in order, with their numbers and blanks (the first from its copy).
 * Anything else: one error at line 1, and the input ends.  Only the first
 * line is looked at so. */
static void
test_lines_first_open(void **state)
{
    static char cut[] =
        "\n  {\"version\": 1,  \n{\"version\": 2}\n{\n\"x\": 1\n";
    static char pretty[] = "[\n  {\"version\": 1},\n  {\"version\": 1}\n]\n";
    FILE *fp = fmemopen(cut, sizeof(cut) - 1, "r");
    struct aa_scenario_lines *sl = aa_scenario_lines_new(fp, "c.ndjson");
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    next_is(sl, &dl, 1, 2, "  {\"version\": 1,  ");
    next_is(sl, &dl, 1, 3, "{\"version\": 2}");
    next_is(sl, &dl, 1, 4, "{"); /* a later line is a line like any other */
    next_is(sl, &dl, 1, 5, "\"x\": 1");
    next_is(sl, &dl, 0, 0, NULL);
    assert_int_equal(dl.n, 0);
    aa_scenario_lines_free(sl);
    fclose(fp);

    fp = fmemopen(pretty, sizeof(pretty) - 1, "r");
    sl = aa_scenario_lines_new(fp, "p.json");
    next_is(sl, &dl, -1, 0, NULL);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_E_JSON_SYNTAX);
    assert_int_equal(dl.v[0].line, 1);
    assert_int_equal(dl.v[0].col, 1);
    assert_non_null(strstr(dl.v[0].detail, "not one scenario per line: the "
                                           "array that line 1 opens"));
    next_is(sl, &dl, 0, 0, NULL);
    assert_int_equal(dl.n, 1);
    aa_scenario_lines_free(sl);
    fclose(fp);
    aa_diags_fini(&dl);
}

/* NDJSON lines are read a chunk at a time, the first twice the last line
 * (256 bytes at least), the next ones doubling up to 4 KiB: the bytes of
 * a line come back whole, NUL bytes and all, across chunks of each size
 * and at the limit, with or without a last line break. */
static void
test_lines_bytes(void **state)
{
    char *input = malloc(32768), *p = input;
    size_t sizes[] = {4095, 4096, 4097, 8193, 10,   255,  256,  257,  513,
                      300,  599,  600,  601,  1201, 1202, 2047, 4094, 3};
    size_t nsizes = sizeof(sizes) / sizeof(sizes[0]);
    struct aa_scenario_lines *sl;
    struct aa_diags dl;
    const char *data;
    size_t len;
    unsigned line;
    FILE *fp;

    (void)state;
    for (size_t i = 0; i < nsizes; i++) {
        for (size_t k = 0; k < sizes[i]; k++)
            *p++ = (char)('a' + (i + k) % 26);
        *p++ = '\n';
    }
    memcpy(p, "a\0b\n\0\n{}\0", 9);
    p += 9;
    fp = fmemopen(input, (size_t)(p - input), "r");
    sl = aa_scenario_lines_new(fp, "c.ndjson");
    aa_diags_init(&dl);
    set_limit("line-size", 8193);
    p = input;
    for (size_t i = 0; i < nsizes; i++) {
        assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl),
                         1);
        assert_int_equal(line, i + 1);
        assert_int_equal(len, sizes[i]);
        assert_memory_equal(data, p, len);
        p += len + 1;
    }
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(len, 3);
    assert_memory_equal(data, "a\0b", 3);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(len, 1);
    assert_int_equal(data[0], '\0');
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(line, nsizes + 3);
    assert_int_equal(len, 3);
    assert_memory_equal(data, "{}\0", 3);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 0);
    assert_int_equal(dl.n, 0);
    aa_scenario_lines_free(sl);
    fclose(fp);
    /* One byte past the limit, at a chunk's end. */
    fp = fmemopen(input, 4096 + 4097 + 4098, "r");
    sl = aa_scenario_lines_new(fp, "c.ndjson");
    set_limit("line-size", 4096);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(len, 4095);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), 1);
    assert_int_equal(len, 4096);
    assert_int_equal(aa_scenario_lines_next(sl, &data, &len, &line, &dl), -1);
    assert_int_equal(dl.v[0].line, 3);
    set_limit("line-size", 0);
    aa_scenario_lines_free(sl);
    fclose(fp);
    aa_diags_fini(&dl);
    free(input);
}

/* A date as the contract takes one, and the clock's today among them:
 * ten characters, in the shape aa_date_valid checks, of this century. */
static void
test_dates(void **state)
{
    char today[11];

    (void)state;
    assert_true(aa_date_valid("2026-12-03"));
    assert_false(aa_date_valid("2026-12-3"));
    assert_false(aa_date_valid("2026/12/03"));
    assert_false(aa_date_valid("2026-12-031"));
    /* A day of the calendar, leap years included. */
    assert_false(aa_date_valid("2026-13-45"));
    assert_false(aa_date_valid("2026-00-10"));
    assert_false(aa_date_valid("2026-04-31"));
    assert_false(aa_date_valid("2026-02-29"));
    assert_false(aa_date_valid("1900-02-29"));
    assert_true(aa_date_valid("2000-02-29"));
    assert_true(aa_date_valid("2028-02-29"));
    assert_true(aa_date_valid("2026-12-31"));
    memset(today, 'x', sizeof(today));
    aa_date_today(today);
    assert_int_equal(strlen(today), 10);
    assert_true(aa_date_valid(today));
    assert_memory_equal(today, "20", 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_and_positions),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_contract_errors),
        cmocka_unit_test(test_every_error_reported),
        cmocka_unit_test(test_unknown_keys_warn),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_invalid_json),
        cmocka_unit_test(test_limit_table),
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_errors_cap),
        cmocka_unit_test(test_suppress_twice),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_lines_first_open),
        cmocka_unit_test(test_lines_bytes),
        cmocka_unit_test(test_dates),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
