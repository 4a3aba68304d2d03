/*
 * test_scenario_fast.c -- the one-pass reader (scenario_fast.c) against
 * the full reader (scenario.c).
 *
 * The invariant: whenever the one-pass reader takes a text, the full
 * reader loads it with no diagnostic and no issue, to the same values,
 * positions and suppressions; and aa_scenario_parse gives the same result
 * and the same diagnostics with the one-pass reader on and off.  Held over
 * every JSON file of tests/ and examples/, the plans of gen_plans, hand-made
 * edge cases, and thousands of mutants of all of them (bytes deleted, inserted,
 * replaced; spans repeated), so that the edges of the one-pass reader are
 * reached by texts nobody picked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "limits.h"
#include "scenario.h"
#include "scenario_differ.h"
#include "texts.h"
#include "word8.h"

static const char *const json[] = {".json", NULL};

/* The plan generator, built beside this test (tests/gen_plans.c). */
static char gen_plans[4096];

/* What a test saw, for its last assertions. */
struct tally {
    size_t texts, fast, clean;
};

static int
same_diags(const struct aa_diags *a, const struct aa_diags *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].code != b->v[i].code || a->v[i].line != b->v[i].line ||
            a->v[i].col != b->v[i].col ||
            strcmp(a->v[i].detail, b->v[i].detail))
            return 0;
    return 1;
}

static void
fail_on(const char *what, const char *data, size_t len)
{
    print_error("%s, on this text (%zu bytes):\n%.*s\n", what, len,
                (int)(len > 2000 ? 2000 : len), data);
    fail();
}

/* The invariant, on one text. */
static void
check(const char *data, size_t len, struct tally *t)
{
    struct aa_arena tmp;
    struct aa_diags *slow_dl = aa_diags_new(), *on_dl = aa_diags_new();
    struct aa_scenario *fast, *slow, *on;
    const char *body = data;
    size_t blen = len;

    /* aa_scenario_parse drops a byte order mark before either reader. */
    if (blen >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
        body += 3;
        blen -= 3;
    }
    aa_arena_init(&tmp);
    fast = blen <= aa_limit(AA_LIMIT_SCENARIO_SIZE)
               ? aa_scenario_read_fast("t.json", body, blen, 1, &tmp)
               : NULL;
    aa_scenario_fast_path(0);
    slow = aa_scenario_parse("t.json", data, len, slow_dl);
    aa_scenario_fast_path(1);
    on = aa_scenario_parse("t.json", data, len, on_dl);
    t->texts++;
    if (slow != NULL && slow_dl->n == 0 && slow->nissues == 0)
        t->clean++;
    if (fast != NULL) {
        const char *d;

        t->fast++;
        if (slow == NULL || slow_dl->n != 0 || slow->nissues != 0)
            fail_on("the one-pass reader took a text the full reader "
                    "reports on",
                    data, len);
        if ((d = differ(fast, slow)) != NULL) {
            print_error("differs at %s\n", d);
            fail_on("the two readers load different values", data, len);
        }
    }
    if ((on == NULL) != (slow == NULL) || !same_diags(on_dl, slow_dl) ||
        (on != NULL && differ(on, slow) != NULL))
        fail_on("aa_scenario_parse differs with the one-pass reader on", data,
                len);
    aa_scenario_free(slow);
    aa_scenario_free(on);
    /* The text as line 7 of a batch: the one-pass reader counts its lines
     * from there, the full reader's positions are moved after; the same
     * either way. */
    aa_diags_free(slow_dl);
    aa_diags_free(on_dl);
    slow_dl = aa_diags_new();
    on_dl = aa_diags_new();
    aa_scenario_fast_path(0);
    slow = aa_scenario_parse_at("t.json", data, len, 7, slow_dl);
    aa_scenario_fast_path(1);
    on = aa_scenario_parse_at("t.json", data, len, 7, on_dl);
    if ((on == NULL) != (slow == NULL) || !same_diags(on_dl, slow_dl) ||
        (on != NULL && differ(on, slow) != NULL))
        fail_on("aa_scenario_parse_at differs with the one-pass reader on",
                data, len);
    aa_scenario_free(fast);
    aa_scenario_free(slow);
    aa_scenario_free(on);
    aa_arena_fini(&tmp);
    aa_diags_free(slow_dl);
    aa_diags_free(on_dl);
}

/* --- the texts ------------------------------------------------------- */

/* Each line of an NDJSON stream. */
static void
add_lines(struct texts *x, FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    while ((n = getline(&line, &cap, fp)) > 0) {
        if (line[n - 1] == '\n')
            n--;
        add(x, line, (size_t)n);
    }
    free(line);
}

/* --- the tests ------------------------------------------------------- */

/* Texts picked for the edges of the one-pass reader: each either taken
 * (and then equal) or left to the full reader. */
static const char *const edges[] = {
    "{\"version\":1}",
    " \n\t{\"version\" : 1 }\r\n",
    "{\"version\":1.0}",
    "{\"version\":-0}",
    "{\"version\":1e0}",
    "{\"version\":01}",
    "{\"version\":1,\"version\":1}",
    "{\"version\":2}",
    "{\"version\":\"1\"}",
    "{\"version\":null}",
    "{\"version\":1}x",
    "{\"version\":1,}",
    "{\"version\":1",
    "[{\"version\":1}]",
    "{\"version\":1,\"$schema\":\"s\",\"$comment\":[\"a\",\"b\"]}",
    "{\"version\":1,\"$schema\":[\"s\"]}",
    "{\"version\":1,\"$comment\":[\"a\",1]}",
    "{\"version\":1,\"partner\":{\"$schema\":\"s\"}}",
    "{\"version\":1,\"x-a\":{\"b\":[1,2.5e-3,true,null,\"\\u00e9\"]}}",
    "{\"version\":1,\"x-a\":\"tab\\there \\\"q\\\" \\/ \\\\\"}",
    "{\"version\":1,\"x-a\":\"\\u0000\"}",
    "{\"version\":1,\"x-a\":\"\\ud800\"}",
    "{\"version\":1,\"x-a\":\"\\x\"}",
    "{\"version\":1,\"x-a\":\"a\tb\"}",
    "{\"version\":1,\"x-a\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}",
    "{\"version\":1,\"x-a\":\"\xC3\"}",
    "{\"version\":1,\"x-a\":\"\xED\xA0\x80\"}",
    "{\"version\":1,\"x-a\":\"\xEF\xBB\xBF\"}",
    "\xEF\xBB\xBF{\"version\":1}",
    "{\"version\":1,\"x-a\":1}\xEF\xBB\xBF",
    "{\"x-\xC3\xA9\":\"\xC3\xA9\",\n  \"version\":1,\"customer\":{\"name\":"
    "\"Caf\xC3\xA9\"},\"partner\":{\"types\":[\"isv\", \"si\"]}}",
    "{\"version\":1,\"customer\":{\"name\":\"a\\\"b\"}}",
    "{\"version\":1,\"customer\":{\"na\\u006de\":\"a\"}}",
    "{\"version\":1,\"customer\":{\"nmae\":\"a\"}}",
    "{\"version\":1,\"customer\":{\"agreement\":\"mca\"}}",
    "{\"version\":1,\"customer\":{\"agreement\":\"MCA\"}}",
    "{\"version\":1,\"customer\":{\"agreement\":\"mca\",\"agreement\":\"ea\"}}",
    "{\"version\":1,\"partner\":{\"types\":[]}}",
    "{\"version\":1,\"partner\":{\"types\":[\"isv\",\"nope\"]}}",
    "{\"version\":1,\"partner\":{\"types\":\"isv\"}}",
    "{\"version\":1,\"partner\":{\"types\":[\"isv\",null]}}",
    "{\"version\":1,\"partner\":{\"partner_id\":\"1234567\"}}",
    "{\"version\":1,\"partner\":{\"marketplace_publisher\":true}}",
    "{\"version\":1,\"partner\":{\"marketplace_publisher\":tru}}",
    "{\"version\":1,\"partner\":{\"marketplace_publisher\":truex}}",
    "{\"version\":1,\"x-attrib-suppress\":[]}",
    "{\"version\":1,\"x-attrib-suppress\":[{\"rule\":\"a.b\",\"reason\":\"r\"}"
    ",{\"reason\":\"s\",\"rule\":\"c\",\"expires\":\"2027-01-31\",\"x\":[{}]}]"
    "}",
    "{\"version\":1,\"x-attrib-suppress\":[{\"rule\":\"a\",\"reason\":\"\"}]}",
    "{\"version\":1,\"x-attrib-suppress\":[{\"rule\":\"a\",\"reason\":\"r\","
    "\"expires\":\"soon\"}]}",
    "{\"version\":1,\"x-attrib-suppress\":[{\"rule\":\"a\",\"reason\":\"r\","
    "\"rule\":7}]}",
    "{\"version\":1,\"x-attrib-suppress\":[{\"rule\":7,\"reason\":\"r\","
    "\"rule\":\"a\"}]}",
    "{\"version\":1,\"x-attrib-suppress\":[[\"rule\"]]}",
    "{\"version\":1,\"x-attrib-suppress\":{}}",
    "{\"version\":1,\"partner\":{\"x-attrib-suppress\":7}}",
    "{\"version\":1,\"x-a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
    "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
    "]]]]]]]]]]]]]]]]]}",
    "{\"version\":1,\"x-a\":123456789012345678901234567890123456789}",
    "",
    "   ",
    "{}",
    "{\"customer\":{}}",
};

static void
test_edges(void **state)
{
    struct tally t = {0, 0, 0};

    (void)state;
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
        check(edges[i], strlen(edges[i]), &t);
    /* The picks reach both sides: some taken, some left. */
    assert_true(t.fast >= 12);
    assert_true(t.fast < t.texts);
}

static void
test_files(void **state)
{
    struct texts x = {NULL, NULL, 0, 0};
    struct tally t = {0, 0, 0};

    (void)state;
    add_tree(&x, AA_SOURCE_DIR "/examples", json);
    add_tree(&x, AA_SOURCE_DIR "/tests", json);
    assert_true(x.n > 300);
    for (size_t i = 0; i < x.n; i++)
        check(x.v[i], x.len[i], &t);
    /* Most files that load without a word are read in one pass. */
    assert_true(t.fast * 10 >= t.clean * 9);
    free_texts(&x);
}

/* The first n plans of gen_plans (seed 21), one text each. */
static void
add_generated(struct texts *x, int n)
{
    char cmd[sizeof(gen_plans) + 32];
    size_t n0 = x->n;
    FILE *fp;

    snprintf(cmd, sizeof(cmd), "'%s' %d 21", gen_plans, n);
    fp = popen(cmd, "r");
    assert_non_null(fp);
    add_lines(x, fp);
    assert_int_equal(pclose(fp), 0);
    assert_int_equal(x->n - n0, (size_t)n);
}

/* The same plan written over many lines, as people write them: a break
 * and an indent after every '{', '[' and ',' outside strings. */
static void
add_pretty(struct texts *x, const char *src, size_t len)
{
    char *out = malloc(4 * len + 1);
    size_t n = 0, depth = 0;
    int in_str = 0;

    assert_non_null(out);
    for (size_t i = 0; i < len; i++) {
        char c = src[i];

        out[n++] = c;
        if (in_str) {
            if (c == '\\' && i + 1 < len)
                out[n++] = src[++i];
            else if (c == '"')
                in_str = 0;
            continue;
        }
        if (c == '"')
            in_str = 1;
        if (c == '{' || c == '[')
            depth++;
        if (c == '}' || c == ']')
            depth -= depth > 0;
        if (c == '{' || c == '[' || c == ',') {
            out[n++] = '\n';
            for (size_t k = 0; k < depth && k < 3; k++)
                out[n++] = '\t';
        }
    }
    add(x, out, n);
    free(out);
}

/* The generated plans: every one that loads without a word is taken in
 * one pass (they hold no escape), one line or many, and the readers agree
 * on all. */
static void
test_generated(void **state)
{
    struct texts x = {NULL, NULL, 0, 0};
    struct tally t = {0, 0, 0};
    size_t lines;

    (void)state;
    add_generated(&x, 3000);
    lines = x.n;
    for (size_t i = 0; i < 500; i++)
        add_pretty(&x, x.v[i], x.len[i]);
    for (size_t i = 0; i < x.n; i++)
        check(x.v[i], x.len[i], &t);
    assert_true(t.clean > (lines + 500) * 9 / 10);
    assert_int_equal(t.fast, t.clean);
    free_texts(&x);
}

/* Bytes a mutant may gain: JSON's own, the starts of escapes and
 * literals, and pieces of UTF-8, valid and not. */
static const char gain[] = "{}[]:,\"\\ \n\t\r0-1.eE+tfnu/x$\x80\xC3\xA9\xEF"
                           "\xBB\xBF\xED\xA0\x01";

static void
test_mutants(void **state)
{
    struct texts x = {NULL, NULL, 0, 0};
    struct tally t = {0, 0, 0};
    static char buf[1 << 16];
    size_t seeds;

    (void)state;
    add_tree(&x, AA_SOURCE_DIR "/examples", json);
    add_tree(&x, AA_SOURCE_DIR "/tests/cases", json);
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
        add(&x, edges[i], strlen(edges[i]));
    seeds = x.n;
    add_generated(&x, 200);
    for (size_t i = seeds; i < seeds + 200; i++)
        add_pretty(&x, x.v[i], x.len[i]);
    seeds = x.n;
    for (size_t i = 0; i < seeds; i++) {
        if (x.len[i] > sizeof(buf) - 64)
            continue;
        for (int k = 0; k < 40; k++) {
            size_t n = mutate(x.v[i], x.len[i], buf, sizeof(buf), gain,
                              sizeof(gain) - 1, 0);

            /* A second mutation now and then: two faults at once. */
            if (rnd(4) == 0) {
                static char two[1 << 16];

                memcpy(two, buf, n);
                n = mutate(two, n, buf, sizeof(buf), gain, sizeof(gain) - 1, 0);
            }
            check(buf, n, &t);
        }
    }
    /* Both readers' sides reached: mutants taken, mutants refused. */
    assert_true(t.fast > 1500);
    assert_true(t.texts - t.clean > 1000);
    free_texts(&x);
}

/* Under tight limits the one-pass reader must give up exactly where the
 * full reader reports a limit: keys of one object, nesting, string
 * length; and with the depth limit raised past its own cap it must still
 * agree (it gives up, and cJSON's own cap then speaks). */
static void
test_limits(void **state)
{
    static const char *const tight[] = {"keys=3", "depth=3",
                                        "string-length=10"};
    static const char *const reset[] = {"keys=10000", "depth=64",
                                        "string-length=1048576"};
    struct tally dflt = {0, 0, 0};
    struct texts x = {NULL, NULL, 0, 0};
    char deep[8192];
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
        add(&x, edges[i], strlen(edges[i]));
    add_generated(&x, 50);
    n += (size_t)snprintf(deep, sizeof(deep), "{\"version\":1,\"x-d\":");
    for (int i = 0; i < 1200; i++)
        deep[n++] = '[';
    for (int i = 0; i < 1200; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    add(&x, deep, n);
    for (size_t i = 0; i < x.n; i++)
        check(x.v[i], x.len[i], &dflt);
    for (size_t l = 0; l < sizeof(tight) / sizeof(tight[0]); l++) {
        struct tally t = {0, 0, 0};

        assert_int_equal(aa_limit_set(tight[l]), 0);
        for (size_t i = 0; i < x.n; i++)
            check(x.v[i], x.len[i], &t);
        /* The limit bites, and small texts still pass under it. */
        assert_true(t.clean < dflt.clean);
        assert_true(t.fast > 0);
        assert_int_equal(aa_limit_set(reset[l]), 0);
    }
    /* Raised to its ceiling (1000: past it, a limit is refused), still
     * far above the fast reader's own. */
    assert_int_equal(aa_limit_set("depth=5000"), -2);
    assert_int_equal(aa_limit_set("depth=1000"), 0);
    {
        struct tally t = {0, 0, 0};

        for (size_t i = 0; i < x.n; i++)
            check(x.v[i], x.len[i], &t);
        assert_int_equal(t.fast, dflt.fast);
    }
    assert_int_equal(aa_limit_set("depth=64"), 0);
    free_texts(&x);
}

/* The reader's compare of keys and literals says what memcmp says, for
 * every length through the two-load cases and past them, with the one
 * differing byte at each place, at any alignment. */
static void
test_same_bytes(void **state)
{
    char a[64], b[64];

    (void)state;
    for (size_t i = 0; i < sizeof(a); i++)
        a[i] = b[i] = (char)('a' + i % 26);
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n + off <= 40; n++) {
            assert_true(aa_same_bytes(a + off, b + off, n));
            for (size_t k = 0; k < n; k++) {
                b[off + k] ^= 0x20;
                assert_false(aa_same_bytes(a + off, b + off, n));
                assert_int_equal(aa_same_bytes(a + off, b + off, k), 1);
                b[off + k] ^= 0x20;
            }
        }
}

/* Where the machine has it, the sixteen-byte test flags exactly the
 * bytes it names: every byte value at every place among plain ones. */
static void
test_x16_stops(void **state)
{
    (void)state;
#if AA_X16
    for (int c = 0; c < 256; c++)
        for (int at = 0; at < 16; at++) {
            unsigned char v[16];
            int stop = c < 0x20 || c >= 0x80 || c == '"' || c == '\\' ||
                       c == '[' || c == 0x7f;

            memset(v, 'a', sizeof(v));
            v[at] = (unsigned char)c;
            assert_int_equal(aa_x16_stops(v, '"', '\\', '[', 0x7f),
                             stop ? 1u << at : 0u);
            /* One character given four times: it alone, beside the rest. */
            assert_int_equal(aa_x16_stops(v, '"', '"', '"', '"') != 0,
                             c < 0x20 || c >= 0x80 || c == '"');
        }
#else
    skip();
#endif
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edges),     cmocka_unit_test(test_files),
        cmocka_unit_test(test_generated), cmocka_unit_test(test_mutants),
        cmocka_unit_test(test_limits),    cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_x16_stops),
    };

    const char *slash = strrchr(argv[0], '/');

    (void)argc;
    snprintf(gen_plans, sizeof(gen_plans), "%.*sgen_plans",
             slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
