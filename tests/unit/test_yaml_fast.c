/*
 * test_yaml_fast.c -- the one-pass YAML reader (yaml_fast.c) against
 * libyaml (yaml_tree.c).
 *
 * The invariant: whenever the one-pass reader takes a text, libyaml reads
 * it with no error, to the same tree: the same kinds, texts, styles (plain
 * or not), lines and columns.  Held over every YAML file of rules/, tests/
 * and examples/, hand-made edge cases, and thousands of mutants of all of
 * them (bytes deleted, inserted, replaced; spans and lines repeated), so
 * that the edges of the one-pass reader are reached by texts nobody
 * picked.  The fuzz target yaml_fast holds the same invariant.
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
#include "texts.h"
#include "yaml_differ.h"

struct tally {
    size_t texts, fast, slow_ok;
};

static void
fail_on(const char *what, const char *data, size_t len)
{
    print_error("%s, on this text (%zu bytes):\n%.*s\n", what, len,
                (int)(len > 3000 ? 3000 : len), data);
    fail();
}

/* The invariant, on one text. */
static void
check(const char *data, size_t len, struct tally *t)
{
    struct yaml_pair y;
    /* A copy of its own size, so AddressSanitizer sees a read past it. */
    char *exact = malloc(len > 0 ? len : 1);
    const char *why;

    assert_non_null(exact);
    memcpy(exact, data, len);
    why = yaml_differ_check(&y, exact, len);
    free(exact);

    t->texts++;
    t->fast += (size_t)y.fast;
    t->slow_ok += (size_t)y.slow_ok;
    if (why != NULL)
        fail_on(why, data, len);
    yaml_pair_fini(&y);
}

/* --- the texts ------------------------------------------------------- */

static const char *const yaml[] = {".yaml", ".yml", NULL};

/* Texts picked for the edges of the one-pass reader, each with what it
 * must do: 1 taken (and then equal to libyaml's tree), 0 left to libyaml. */
static const struct edge {
    const char *text;
    int taken;
} edges[] = {
    {"", 1},
    {"# only a comment\n\n   # and another\n", 1},
    {"a: b\n", 1},
    {"a: b", 1},
    {"a:  b   # note\nc: 'it''s'\nd: \"q \\\" \\\\ \\/ \\n \\t\"\n", 1},
    {"a: x#y\nb: x: y\n", 0},
    {"a: https://example.com/x?y=1\n", 1},
    {"a: [x, 'y', \"z\", [1, 2], {k: v}]\nb: {}\nc: []\n", 1},
    {"a: ''\nb: \"\"\nc: ['', \"\"]\n", 1},
    {"aa:  '':{ae!", 0},
    {"a: {b:", 0},
    {"a: \"x\\", 0},
    {"a: [\"x\\\"", 0},
    {"a: [x, y,]\n", 0},
    {"a: [x,\n  y]\n", 0},
    {"a: {k: v, k2: [1]}   # c\n", 1},
    {"a: {k: http://x}\n", 0},
    {"a: {k}\n", 0},
    {"a: [k: v]\n", 0},
    {"rules:\n- id: a\n  facts: [F1]\n- id: b\n  when:\n    all:\n"
     "      - {path: /x, equals: true}\n      - path: /y\n"
     "        exists: false\n",
     1},
    {"k:\n- a\n- b\nl: c\n", 1},
    {"k:\n  - a\n  - b\nl:\n  m: n\n", 1},
    {"- a\n-   b: c\n    d: e\n-\n  f: g\n", 1},
    {"- - a\n", 0},
    {"- a\n -b\n", 0},
    {"a:\nb: c\n", 0},
    {"a: b\n  c\n", 0},
    {"a: |\n  one\n\n  two\n    three\nb: |-\n  x\n  y\nc: d\n", 1},
    {"a: |\n  one\n", 1},
    {"a: |\n  one", 0},
    {"a: |\n\n  one\n", 0},
    {"a: |+\n  one\n", 0},
    {"a: >\n  one\n", 0},
    {"a: |2\n  one\n", 0},
    {"a: |\n  one\n      \n  two\n", 0},
    {"a: |\n  one\n \n  two\n", 1},
    {"a: |\n  one\n\n\nb: c\n", 1},
    {"x:\n  a: |\n    one\n   b: c\n", 0},
    {"a: &x b\n", 0},
    {"a: *x\n", 0},
    {"a: !t b\n", 0},
    {"? a\n: b\n", 0},
    {"---\na: b\n", 0},
    {"a: b\n...\n", 0},
    {"%YAML 1.1\n---\na: b\n", 0},
    {"a:\tb\n", 0},
    {"a: b\r\n", 0},
    {"\xEF\xBB\xBF"
     "a: b\n",
     0},
    {"a: caf\xC3\xA9\nb: [\xC3\xA9t\xC3\xA9, x]\n", 1},
    {"\xC3\xA9: x\n  \xC3\xA9: y\n", 0},
    {"a: \xC3\n", 0},
    {"a: \xC2\x85\n", 0},
    {"a: \xE2\x80\xA8\n", 0},
    {"a: \xED\xA0\x80\n", 0},
    {"a: -1\n", 0},
    {"\"a\": b\n", 0},
    {"a : b\n", 0},
    {"a: \"x\": y\n", 0},
    {"a: 'x'#c\n", 0},
    {"a: \"\\u00e9\"\n", 0},
    {"a: \"x\n  y\"\n", 0},
    {"plain scalar\n", 0},
    {"  a: b\n  c: d\n", 1},
    {"  a: b\nc: d\n", 0},
    {"a: b\n- c\n", 0},
    {"a: b, c [d] {e}?\n", 1},
    {"a: b #c\n#d\n  #e\nf: g\n", 1},
    {"a:\n  # c\n  b: c\n", 1},
};

static void
test_edges(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
        struct tally t = {0, 0, 0};

        check(edges[i].text, strlen(edges[i].text), &t);
        if ((int)t.fast != edges[i].taken)
            fail_on(edges[i].taken ? "not taken" : "taken", edges[i].text,
                    strlen(edges[i].text));
    }
}

/* Every YAML file of the project is taken, but those that use what the
 * one-pass reader leaves to libyaml on purpose (the catalogue of broken
 * files, the fuzz seeds). */
static void
test_files(void **state)
{
    struct texts x = {NULL, NULL, 0, 0};
    struct tally t = {0, 0, 0};
    struct tally rules = {0, 0, 0};

    (void)state;
    add_tree(&x, AA_SOURCE_DIR "/rules", yaml);
    for (size_t i = 0; i < x.n; i++)
        check(x.v[i], x.len[i], &rules);
    add_tree(&x, AA_SOURCE_DIR "/tests", yaml);
    add_tree(&x, AA_SOURCE_DIR "/examples", yaml);
    for (size_t i = rules.texts; i < x.n; i++)
        check(x.v[i], x.len[i], &t);
    assert_true(rules.texts >= 20);
    assert_int_equal(rules.fast, rules.texts);
    assert_true(t.fast > t.texts / 2);
    free_texts(&x);
}

/* Bytes a mutant may gain: YAML's indicators and blanks, and pieces of
 * UTF-8, valid and not. */
static const char gain[] = " \n-:#'\"|>[]{},&*!%@`?~\\\t\rxy0\xC3\xA9\xE2\x80"
                           "\xA8\xC2\x85\xEF\xBB\xBF";

static void
test_mutants(void **state)
{
    struct texts x = {NULL, NULL, 0, 0};
    struct tally t = {0, 0, 0};
    static char buf[1 << 17], two[1 << 17];
    size_t seeds;

    (void)state;
    add_tree(&x, AA_SOURCE_DIR "/rules", yaml);
    add_tree(&x, AA_SOURCE_DIR "/tests/cases", yaml);
    add_tree(&x, AA_SOURCE_DIR "/examples", yaml);
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
        add(&x, edges[i].text, strlen(edges[i].text));
    seeds = x.n;
    for (size_t i = 0; i < seeds; i++) {
        if (x.len[i] > sizeof(buf) - 256)
            continue;
        for (int k = 0; k < 60; k++) {
            size_t n = mutate(x.v[i], x.len[i], buf, sizeof(buf), gain,
                              sizeof(gain) - 1, 1);

            /* A second mutation now and then: two faults at once. */
            if (rnd(3) == 0) {
                memcpy(two, buf, n);
                n = mutate(two, n, buf, sizeof(buf), gain, sizeof(gain) - 1, 1);
            }
            check(buf, n, &t);
        }
    }
    /* Both readers' sides reached: mutants taken, mutants refused that
     * libyaml reads, and mutants libyaml refuses. */
    assert_true(t.fast > 1500);
    assert_true(t.slow_ok - t.fast > 1000);
    assert_true(t.texts - t.slow_ok > 1000);
    free_texts(&x);
}

/* At the depth limit the one-pass reader gives up where libyaml reports
 * the limit, and takes the same text under a limit one higher: five
 * collections, at depths 0 to 4. */
static void
test_depth(void **state)
{
    struct tally t = {0, 0, 0};
    const char *text = "a:\n  b:\n    c: [d, {e: f}]\n";
    char reset[64];

    (void)state;
    assert_int_equal(aa_limit_set("rules-depth=5"), 0);
    check(text, strlen(text), &t);
    assert_int_equal(t.fast, 1);
    assert_int_equal(aa_limit_set("rules-depth=4"), 0);
    check(text, strlen(text), &t);
    assert_int_equal(t.texts, 2);
    assert_int_equal(t.fast, 1);
    assert_int_equal(t.slow_ok, 1);
    snprintf(reset, sizeof(reset), "rules-depth=%zu",
             aa_limit_default(AA_LIMIT_RULES_DEPTH));
    assert_int_equal(aa_limit_set(reset), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_mutants),
        cmocka_unit_test(test_depth),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
