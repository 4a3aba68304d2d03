/*
 * test_baseline.c -- reading a baseline: a well-formed one is found entry
 * by entry, in version 2 (fingerprints) and version 1 (pointers); every
 * syntax error and every entry of the wrong shape or version is one
 * diagnostic at its line and column, naming the entry and the key; the
 * size, entry and error limits hold.  Triage against it: findings matched
 * by fingerprint, stale entries only for sources read, and pruning that
 * keeps every other byte; and the order in which severities apply.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "baseline.h"
#include "diag.h"
#include "harness.h"
#include "limits.h"
#include "report.h"
#include "scenario.h"

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
        "  {\"source\": \"caf\\u00e9 \\ud83d\\ude00\\t\\\"\\/x\", \"rule\": "
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
        aa_baseline_has(b, "caf\xC3\xA9 \xF0\x9F\x98\x80\t\"/x", "r.1", "/b"));
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
/* A source spelt otherwise than reports name files (a hand edit, a
 * merge) is read as the name they give, relative to the current folder:
 * else its entry would never match a finding, nor ever be stale. */
static void
test_sources(void **state)
{
    char *cwd = getcwd(NULL, 0);
    char *text;
    struct aa_diags dl;
    struct aa_baseline *b;

    (void)state;
    assert_non_null(cwd);
    text =
        aa_xasprintf("{\"version\": 1, \"findings\": [\n"
                     "  {\"source\": \"./a//b/../c.json\", \"rule\": \"r.1\", "
                     "\"pointer\": \"/a\"},\n"
                     "  {\"source\": \"%s/d/./e.json\", \"rule\": \"r.1\", "
                     "\"pointer\": \"/a\"},\n"
                     "  {\"source\": \"/nowhere//f.json\", \"rule\": \"r.1\", "
                     "\"pointer\": \"/a\"}\n"
                     "]}\n",
                     cwd);
    b = parse(text, &dl);
    assert_non_null(b);
    assert_int_equal(dl.n, 0);
    assert_true(aa_baseline_has(b, "a/c.json", "r.1", "/a"));
    assert_true(aa_baseline_has(b, "d/e.json", "r.1", "/a"));
    assert_true(aa_baseline_has(b, "/nowhere/f.json", "r.1", "/a"));
    assert_false(aa_baseline_has(b, "./a//b/../c.json", "r.1", "/a"));
    aa_baseline_free(b);
    aa_diags_fini(&dl);
    free(text);
    free(cwd);
}

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
                 "/: expected an object {\"version\": 2, \"findings\": [...]}, "
                 "got an array; not a baseline");
    expect_error("{}", AA_E_SCHEMA, 1, 1, "/: missing \"findings\"");
    expect_error("{\"findings\": []}", AA_E_SCHEMA, 1, 1,
                 "/: missing \"version\"");
    expect_error("{\"version\": 3, \"findings\": []}", AA_E_SCHEMA, 1, 13,
                 "/version: this build reads baseline versions 1 and 2");
    expect_error("{\"version\": 2.0, \"findings\": []}", AA_E_SCHEMA, 1, 13,
                 "/version: this build reads baseline versions 1 and 2");
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

#define FP1 "0123456789abcdef:1"
#define HEAD2 "{\"version\": 2, \"findings\": ["
#define ENTRY2(s, r, f)                                                        \
    "{\"source\": " s ", \"rule\": " r ", \"fingerprint\": " f "}"

/* Version 2: entries keyed by fingerprint, in any order of keys, the
 * version before or after them. */
static void
test_version2(void **state)
{
    static const char text[] = HEAD2 "\n  " ENTRY2(
        "\"p.json\"", "\"r.1\"",
        "\"" FP1
        "\"") ",\n"
              "  {\"fingerprint\": \"0123456789abcdef:2\", \"rule\": \"r.1\", "
              "\"source\": \"p.json\"}\n]}\n";
    struct aa_diags dl;
    struct aa_baseline *b = parse(text, &dl);

    (void)state;
    assert_non_null(b);
    assert_int_equal(dl.n, 0);
    assert_true(aa_baseline_has(b, "p.json", "r.1", FP1));
    assert_true(aa_baseline_has(b, "p.json", "r.1", "0123456789abcdef:2"));
    assert_false(aa_baseline_has(b, "p.json", "r.1", "0123456789abcdef:3"));
    assert_false(aa_baseline_has(b, "p.json", "r.1", "/"));
    aa_baseline_free(b);
    aa_diags_fini(&dl);

    b = parse("{\"findings\": [" ENTRY2("\"a\"", "\"r\"",
                                        "\"" FP1 "\"") "], "
                                                       "\"version\": 2}",
              &dl);
    assert_non_null(b);
    assert_true(aa_baseline_has(b, "a", "r", FP1));
    aa_baseline_free(b);
    aa_diags_fini(&dl);

    /* A source that is not UTF-8 is looked for with each such byte as
     * \xNN, as it is written: a lone continuation byte, a truncated
     * sequence at the end, an overlong form; valid sequences stay. */
    b = parse("{\"version\": 2, \"findings\": [" ENTRY2(
                  "\"d/\\\\x80\\\\xC3\u00e9\\\\xC0\\\\xAF.tf\"", "\"r\"",
                  "\"" FP1 "\"") "]}",
              &dl);
    assert_non_null(b);
    assert_int_equal(dl.n, 0);
    assert_true(aa_baseline_has(b, "d/\x80\xC3\xC3\xA9\xC0\xAF.tf", "r", FP1));
    assert_false(aa_baseline_has(b, "d/\x81\xC3\xC3\xA9\xC0\xAF.tf", "r", FP1));
    /* The text of the key, written out, is that key too. */
    assert_true(
        aa_baseline_has(b, "d/\\x80\\xC3\xC3\xA9\\xC0\\xAF.tf", "r", FP1));
    aa_baseline_free(b);
    aa_diags_fini(&dl);
}

static void
test_version_errors(void **state)
{
    (void)state;
    expect_error(HEAD2 "\n  " ENTRY("\"a\"", "\"r\"", "\"/\"") "]}",
                 AA_E_SCHEMA, 2, 3,
                 "/findings/0: \"pointer\" in a version 2 baseline, whose "
                 "entries have \"fingerprint\"");
    expect_error(HEAD "\n  " ENTRY2("\"a\"", "\"r\"", "\"" FP1 "\"") "]}",
                 AA_E_SCHEMA, 2, 3,
                 "/findings/0: \"fingerprint\" in a version 1 baseline, "
                 "whose entries have \"pointer\"");
    /* Read before the version, checked when it comes. */
    expect_error("{\"findings\": [\n  " ENTRY("\"a\"", "\"r\"",
                                              "\"/\"") "\n], \"version\": 2}",
                 AA_E_SCHEMA, 2, 3,
                 "/findings/0: \"pointer\" in a version 2 baseline");
    expect_error(HEAD2
                 "{\"source\": \"a\", \"rule\": \"r\", \"pointer\": \"/\", "
                 "\"fingerprint\": \"" FP1 "\"}]}",
                 AA_E_SCHEMA, 1, 29,
                 "/findings/0: \"pointer\" and \"fingerprint\" together");
    expect_error(HEAD2 "{\"source\": \"a\", \"rule\": \"r\"}]}", AA_E_SCHEMA, 1,
                 29, "/findings/0: missing \"fingerprint\"");
    expect_error(HEAD2 "{\"source\": \"a\", \"rule\": \"r\", \"line\": 3}]}",
                 AA_E_SCHEMA, 1, 58,
                 "/findings/0: unknown key \"line\"; an entry has \"source\", "
                 "\"rule\" and \"fingerprint\"");
    {
        static const char *const bad[] = {
            "0123456789ABCDEF:1",  "0123456789abcdef:0",
            "0123456789abcdef",    "0123456789abcdef:01",
            "0123456789abcde:1",   "0123456789abcdef:1234567890",
            "0123456789abcdef:1 ", "",
        };

        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
            char text[256];

            snprintf(text, sizeof(text),
                     HEAD2 "{\"source\": \"a\", \"rule\": \"r\", "
                           "\"fingerprint\": \"%s\"}]}",
                     bad[i]);
            expect_error(text, AA_E_SCHEMA, 1, 73,
                         "/findings/0/fingerprint: expected 16 hexadecimal "
                         "digits, ':' and a number from 1");
        }
    }
}

/* ---- triage ---------------------------------------------------------- */

static struct aa_finding
finding(const char *rule, const char *pointer, const char *match)
{
    struct aa_finding f;

    memset(&f, 0, sizeof(f));
    f.rule = rule;
    f.pointer = pointer;
    f.match = match;
    f.message = "m";
    f.at.file = "p.json";
    f.at.line = 7;
    return f;
}

/* A report of p.json: r.1 twice on the same text, r.2 once. */
static void
make_report(struct aa_report *rep, struct aa_finding v[3])
{
    memset(rep, 0, sizeof(*rep));
    v[0] = finding("r.1", "/a", "x");
    v[1] = finding("r.1", "/a", "x");
    v[2] = finding("r.2", "/b", "");
    rep->source = "p.json";
    rep->findings = v;
    rep->nfindings = 3;
}

static void
triage(struct aa_report *rep, struct aa_baseline *b)
{
    struct aa_scenario sc;
    struct aa_eval_opts eo = {.today = "2025-01-01", .baseline = b};

    memset(&sc, 0, sizeof(sc));
    sc.name = rep->source;
    aa_report_triage(rep, NULL, &sc, &eo);
}

/* A file holding text; the caller frees the name and unlinks it. */
static char *
put_file(const char *text)
{
    char *path = strdup("/tmp/aa-baseline-XXXXXX");
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* What aa_baseline_prune writes for b, or NULL when it fails. */
static char *
pruned(const struct aa_baseline *b, int want_removed)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    struct aa_diags dl;

    aa_diags_init(&dl);
    assert_int_equal(aa_baseline_prune(b, mem, &dl), want_removed);
    assert_int_equal(dl.n, 0);
    fclose(mem);
    aa_diags_fini(&dl);
    return buf;
}

static void
test_triage_and_prune(void **state)
{
    struct aa_finding v[3];
    struct aa_report rep;
    char fp0[AA_FINGERPRINT_SIZE], fp1[AA_FINGERPRINT_SIZE], *text, *want,
        *path, *out;
    struct aa_baseline *b;
    struct aa_diags dl;

    (void)state;
    make_report(&rep, v);
    assert_int_equal(aa_finding_fingerprint(&rep, 0, fp0), 0);
    assert_int_equal(aa_finding_fingerprint(&rep, 1, fp1), 0);
    assert_memory_equal(fp0, fp1, 16);
    assert_string_not_equal(fp0, fp1);
    /* Entry 1 is spelt oddly: pruning must keep it so. */
    text = aa_xasprintf(
        "{\"version\": 2, \"findings\": [\n"
        "  {\"source\": \"p.json\", \"rule\": \"r.1\", \"fingerprint\": "
        "\"%s\"},\n"
        "  {\"source\":\"p\\u002ejson\",   \"rule\": \"r.1\",\"fingerprint\": "
        "\"%s\"},\n"
        "  {\"source\": \"p.json\", \"rule\": \"r.9\", \"fingerprint\": "
        "\"0000000000000000:1\"},\n"
        "  {\"source\": \"q.json\", \"rule\": \"r.1\", \"fingerprint\": "
        "\"%s\"}\n"
        "]}\n",
        fp0, fp1, fp0);
    path = put_file(text);
    aa_diags_init(&dl);
    b = aa_baseline_load(path, &dl);
    assert_non_null(b);
    assert_int_equal(aa_baseline_stale(b, &dl), 0); /* nothing read yet */
    triage(&rep, b);
    /* Both hits of r.1 are accepted, each by its own entry. */
    assert_int_equal(v[0].baseline, AA_BASE_UNCHANGED);
    assert_int_equal(v[1].baseline, AA_BASE_UNCHANGED);
    assert_non_null(v[0].suppressed);
    assert_int_equal(v[2].baseline, AA_BASE_NEW);
    assert_null(v[2].suppressed);
    /* r.9 in p.json is stale; q.json was not read, so its entry is not. */
    assert_int_equal(aa_baseline_stale(b, &dl), 1);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_N_STALE);
    assert_string_equal(dl.v[0].file, path);
    assert_int_equal(dl.v[0].line, 4);
    assert_int_equal(dl.v[0].col, 3);
    assert_non_null(strstr(dl.v[0].detail, "no finding of r.9 in p.json"));
    /* Pruned: that line goes, every other byte stays. */
    out = pruned(b, 1);
    want = aa_xasprintf(
        "{\"version\": 2, \"findings\": [\n"
        "  {\"source\": \"p.json\", \"rule\": \"r.1\", \"fingerprint\": "
        "\"%s\"},\n"
        "  {\"source\":\"p\\u002ejson\",   \"rule\": \"r.1\",\"fingerprint\": "
        "\"%s\"},\n"
        "  {\"source\": \"q.json\", \"rule\": \"r.1\", \"fingerprint\": "
        "\"%s\"}\n"
        "]}\n",
        fp0, fp1, fp0);
    assert_string_equal(out, want);
    free(out);
    free(want);
    aa_baseline_free(b);
    aa_diags_fini(&dl);
    unlink(path);
    free(path);
    free(text);

    /* The first entry stale, then every one. */
    path =
        put_file("\xEF\xBB\xBF{\"version\": 2, \"findings\": [\n"
                 "  " ENTRY2("\"p.json\"", "\"r.9\"",
                             "\"" FP1 "\"") ",\n"
                                            "  " ENTRY2("\"p.json\"", "\"r.8\"",
                                                        "\"" FP1 "\"") "\n"
                                                                       "]}\n");
    aa_diags_init(&dl);
    b = aa_baseline_load(path, &dl);
    assert_non_null(b);
    make_report(&rep, v);
    rep.nfindings = 0;
    triage(&rep, b);
    assert_int_equal(aa_baseline_stale(b, NULL), 2);
    out = pruned(b, 2);
    assert_string_equal(out,
                        "\xEF\xBB\xBF{\"version\": 2, \"findings\": []}\n");
    free(out);
    aa_baseline_free(b);
    unlink(path);
    free(path);

    path =
        put_file("{\"version\": 2, \"findings\": [\n"
                 "  " ENTRY2("\"p.json\"", "\"r.9\"",
                             "\"" FP1 "\"") ",\n"
                                            "  " ENTRY2("\"q.json\"", "\"r.8\"",
                                                        "\"" FP1 "\"") "\n"
                                                                       "]}\n");
    b = aa_baseline_load(path, &dl);
    assert_non_null(b);
    triage(&rep, b);
    out = pruned(b, 1);
    assert_string_equal(
        out, "{\"version\": 2, \"findings\": [\n"
             "  " ENTRY2("\"q.json\"", "\"r.8\"", "\"" FP1 "\"") "\n"
                                                                 "]}\n");
    free(out);
    aa_baseline_free(b);
    unlink(path);
    free(path);
    aa_diags_fini(&dl);
}

/* A version 1 file still matches by pointer, one entry for every finding
 * of its rule there; what --write-baseline writes is version 2. */
static void
test_version1_and_write(void **state)
{
    struct aa_finding v[3];
    struct aa_report rep;
    struct aa_baseline *b, *fresh;
    struct aa_diags dl;
    char fp2[AA_FINGERPRINT_SIZE], *buf = NULL;
    size_t len = 0;
    FILE *mem;

    (void)state;
    make_report(&rep, v);
    b = parse(HEAD
              "\n  " ENTRY("\"p.json\"", "\"r.1\"", "\"/a\"") ",\n  " ENTRY(
                  "\"p.json\"", "\"r.3\"", "\"/c\"") "\n]}",
              &dl);
    assert_non_null(b);
    triage(&rep, b);
    assert_int_equal(v[0].baseline, AA_BASE_UNCHANGED);
    assert_int_equal(v[1].baseline, AA_BASE_UNCHANGED);
    assert_int_equal(v[2].baseline, AA_BASE_NEW);
    assert_int_equal(aa_baseline_stale(b, &dl), 1);
    assert_int_equal(dl.v[0].line, 3);
    aa_baseline_free(b);
    aa_diags_fini(&dl);

    fresh = aa_baseline_new();
    aa_baseline_add(fresh, &rep);
    mem = open_memstream(&buf, &len);
    assert_int_equal(aa_baseline_write(fresh, mem), 0);
    fclose(mem);
    assert_non_null(strstr(buf, "\"version\": 2"));
    assert_null(strstr(buf, "\"pointer\""));
    b = parse(buf, &dl);
    assert_non_null(b);
    assert_int_equal(aa_finding_fingerprint(&rep, 2, fp2), 0);
    assert_true(aa_baseline_has(b, "p.json", "r.2", fp2));
    aa_baseline_free(b);
    aa_baseline_free(fresh);
    aa_diags_fini(&dl);
    free(buf);
}

/* ---- severities ------------------------------------------------------ */

/* The level of each finding of a fresh report after triage under rs and
 * opts: r.warn (a warning), r.info (an info), input.key (a warning about
 * the plan file as written) and r.plain (a warning no entry names). */
static void
levels_after(const struct aa_ruleset *rs, const struct aa_eval_opts *opts,
             enum aa_severity out[4])
{
    static const char *const rules[] = {"r.warn", "r.info", "input.key",
                                        "r.plain"};
    struct aa_finding v[4];
    struct aa_report rep;
    struct aa_scenario sc;

    memset(&rep, 0, sizeof(rep));
    memset(&sc, 0, sizeof(sc));
    for (size_t i = 0; i < 4; i++) {
        v[i] = finding(rules[i], "/x", rules[i]);
        v[i].severity = i == 1 ? AA_SEV_INFO : AA_SEV_WARNING;
        v[i].input = i == 2;
    }
    rep.source = sc.name = "p.json";
    rep.findings = v;
    rep.nfindings = 4;
    aa_report_triage(&rep, rs, &sc, opts);
    /* Triage sorts the findings: find each again by its rule. */
    for (size_t i = 0; i < 4; i++)
        for (size_t k = 0; k < 4; k++)
            if (strcmp(v[k].rule, rules[i]) == 0)
                out[i] = v[k].severity;
}

/* Lowest first: the rule's own level, the 'severity' entries of rule
 * files in load order (the last wins), then the run's: --strict for
 * input.* rules, which a per-rule severity overrides (the command line's,
 * which come first in the list, before the config file's). */
static void
test_severity_precedence(void **state)
{
    static const char rules[] =
        "rules:\n"
        "  - {id: r.warn, title: W, mechanism: GEN, facts: [GEN-F01],\n"
        "     finding: {severity: warning, message: m}}\n"
        "  - {id: r.info, title: I, mechanism: GEN, facts: [GEN-F01],\n"
        "     finding: {severity: info, message: m}}\n"
        "  - {id: r.plain, title: P, mechanism: GEN, facts: [GEN-F01],\n"
        "     finding: {severity: warning, message: m}}\n"
        "  - {id: input.key, title: K, description: d, mechanism: GEN,\n"
        "     detect: unknown_key, finding: {severity: warning, message: "
        "m}}\n";
    static const char org[] =
        "severity: {r.warn: error, r.info: warning, input.key: info}\n";
    static const char team[] = "severity: {r.info: error}\n";
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();
    enum aa_severity got[4];
    struct aa_severity_override cli_cfg[] = {{"r.warn", AA_SEV_INFO},
                                             {"input.key", AA_SEV_WARNING},
                                             {"r.warn", AA_SEV_ERROR}};
    struct aa_eval_opts eo;

    (void)state;
    aa_diags_init(&dl);
    assert_int_equal(aa_rules_load_mem(rs, "facts.yaml", TEST_FACTS,
                                       strlen(TEST_FACTS), &dl),
                     0);
    assert_int_equal(aa_rules_load_mem(rs, "t.yaml", rules, strlen(rules), &dl),
                     0);
    rs->layer = 1;
    assert_int_equal(aa_rules_load_mem(rs, "org.yaml", org, strlen(org), &dl),
                     0);
    assert_int_equal(
        aa_rules_load_mem(rs, "team.yaml", team, strlen(team), &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), 0);

    /* No ruleset: the levels evaluation gave. */
    levels_after(NULL, NULL, got);
    assert_int_equal(got[0], AA_SEV_WARNING);
    assert_int_equal(got[1], AA_SEV_INFO);
    assert_int_equal(got[2], AA_SEV_WARNING);
    /* The packs: org.yaml, and team.yaml's later entry for r.info. */
    levels_after(rs, NULL, got);
    assert_int_equal(got[0], AA_SEV_ERROR);
    assert_int_equal(got[1], AA_SEV_ERROR);
    assert_int_equal(got[2], AA_SEV_INFO);
    assert_int_equal(got[3], AA_SEV_WARNING);
    /* --strict raises an input.* rule over a pack's level for it. */
    memset(&eo, 0, sizeof(eo));
    eo.strict = 1;
    levels_after(rs, &eo, got);
    assert_int_equal(got[0], AA_SEV_ERROR);
    assert_int_equal(got[2], AA_SEV_ERROR);
    assert_int_equal(got[3], AA_SEV_WARNING);
    /* The run's severities win over both; the first for a rule wins. */
    eo.severity = cli_cfg;
    eo.nseverity = 3;
    levels_after(rs, &eo, got);
    assert_int_equal(got[0], AA_SEV_INFO);
    assert_int_equal(got[1], AA_SEV_ERROR);
    assert_int_equal(got[2], AA_SEV_WARNING);
    assert_int_equal(got[3], AA_SEV_WARNING);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
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
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_write_and_read),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test(test_version2),
        cmocka_unit_test(test_version_errors),
        cmocka_unit_test(test_triage_and_prune),
        cmocka_unit_test(test_version1_and_write),
        cmocka_unit_test(test_severity_precedence),
        cmocka_unit_test_teardown(test_several_and_limits, reset_limits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
