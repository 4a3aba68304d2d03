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
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "limits.h"
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

struct texts {
    char **v;
    size_t *len;
    size_t n, cap;
};

static void
add(struct texts *x, const char *s, size_t n)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 64;
        x->v = realloc(x->v, x->cap * sizeof(*x->v));
        x->len = realloc(x->len, x->cap * sizeof(*x->len));
        assert_non_null(x->v);
        assert_non_null(x->len);
    }
    x->v[x->n] = malloc(n + 1);
    assert_non_null(x->v[x->n]);
    memcpy(x->v[x->n], s, n);
    x->v[x->n][n] = '\0';
    x->len[x->n++] = n;
}

static void
add_file(struct texts *x, const char *path)
{
    FILE *fp = fopen(path, "rb");
    static char buf[1 << 20];
    size_t n;

    if (fp == NULL)
        return;
    n = fread(buf, 1, sizeof(buf), fp);
    fclose(fp);
    if (n < sizeof(buf))
        add(x, buf, n);
}

static void
add_tree(struct texts *x, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        size_t n = strlen(e->d_name);

        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            add_tree(x, path);
        else if ((n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) ||
                 (n > 4 && strcmp(e->d_name + n - 4, ".yml") == 0))
            add_file(x, path);
    }
    closedir(d);
}

static void
free_texts(struct texts *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->v[i]);
    free(x->v);
    free(x->len);
}

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
    add_tree(&x, AA_SOURCE_DIR "/rules");
    for (size_t i = 0; i < x.n; i++)
        check(x.v[i], x.len[i], &rules);
    add_tree(&x, AA_SOURCE_DIR "/tests");
    add_tree(&x, AA_SOURCE_DIR "/examples");
    for (size_t i = rules.texts; i < x.n; i++)
        check(x.v[i], x.len[i], &t);
    assert_true(rules.texts >= 20);
    assert_int_equal(rules.fast, rules.texts);
    assert_true(t.fast > t.texts / 2);
    free_texts(&x);
}

static uint64_t seed = 0x9E3779B97F4A7C15u;

static uint32_t
rnd(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed >> 32) % n;
}

/* Bytes a mutant may gain: YAML's indicators and blanks, and pieces of
 * UTF-8, valid and not. */
static const char gain[] = " \n-:#'\"|>[]{},&*!%@`?~\\\t\rxy0\xC3\xA9\xE2\x80"
                           "\xA8\xC2\x85\xEF\xBB\xBF";

static size_t
mutate(const char *src, size_t len, char *out, size_t cap)
{
    size_t n = len < cap - 256 ? len : cap - 256;
    size_t at = n ? rnd((uint32_t)n) : 0;

    memcpy(out, src, n);
    switch (rnd(6)) {
    case 0: /* delete a byte */
        if (n > 0) {
            memmove(out + at, out + at + 1, n - at - 1);
            n--;
        }
        break;
    case 1: /* insert one */
        memmove(out + at + 1, out + at, n - at);
        out[at] = gain[rnd(sizeof(gain) - 1)];
        n++;
        break;
    case 2: /* replace one */
        if (n > 0)
            out[at] = gain[rnd(sizeof(gain) - 1)];
        break;
    case 3: { /* repeat a span */
        size_t span = 1 + rnd(24);

        if (at + span > n)
            span = n - at;
        memmove(out + at + span, out + at, n - at);
        n += span;
        break;
    }
    case 4: { /* indent or outdent a line by one or two */
        size_t bol = at, k = 1 + rnd(2);

        while (bol > 0 && out[bol - 1] != '\n')
            bol--;
        if (rnd(2) == 0) {
            memmove(out + bol + k, out + bol, n - bol);
            memset(out + bol, ' ', k);
            n += k;
        } else if (n - bol >= k && out[bol] == ' ' &&
                   (k == 1 || out[bol + 1] == ' ')) {
            memmove(out + bol, out + bol + k, n - bol - k);
            n -= k;
        }
        break;
    }
    default: /* cut short */
        n = at;
        break;
    }
    return n;
}

static void
test_mutants(void **state)
{
    struct texts x = {NULL, NULL, 0, 0};
    struct tally t = {0, 0, 0};
    static char buf[1 << 17], two[1 << 17];
    size_t seeds;

    (void)state;
    add_tree(&x, AA_SOURCE_DIR "/rules");
    add_tree(&x, AA_SOURCE_DIR "/tests/cases");
    add_tree(&x, AA_SOURCE_DIR "/examples");
    for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
        add(&x, edges[i].text, strlen(edges[i].text));
    seeds = x.n;
    for (size_t i = 0; i < seeds; i++) {
        if (x.len[i] > sizeof(buf) - 256)
            continue;
        for (int k = 0; k < 60; k++) {
            size_t n = mutate(x.v[i], x.len[i], buf, sizeof(buf));

            /* A second mutation now and then: two faults at once. */
            if (rnd(3) == 0) {
                memcpy(two, buf, n);
                n = mutate(two, n, buf, sizeof(buf));
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
