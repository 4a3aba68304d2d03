/*
 * test_jsonout.c -- the JSON emitter: the text it writes value by value is
 * the text jsonw prints for the same content as a cJSON tree, indented and
 * compact, byte for byte (escaping of controls, bidirectional characters
 * and bytes that are not UTF-8, nesting, the layout of arrays), and its
 * tree mode builds that tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "jsonout.h"
#include "jsonw.h"

/* Emit 'it' through the emitter, as a renderer would: arrays take their
 * layout from their first element, but for those jsonw would not put on
 * one line although they start with a scalar (a mix, or a plan's
 * "$comment" notes). */
static void
emit(struct aa_jsonout *o, const cJSON *it)
{
    const cJSON *c;

    if (cJSON_IsObject(it)) {
        aa_jsonout_object(o);
        for (c = it->child; c != NULL; c = c->next) {
            aa_jsonout_key(o, c->string);
            emit(o, c);
        }
        aa_jsonout_end(o);
    } else if (cJSON_IsArray(it)) {
        int mixed = 0;

        for (c = it->child; c != NULL; c = c->next)
            if (cJSON_IsArray(c) || cJSON_IsObject(c))
                mixed = 1;
        if (it->string != NULL && strcmp(it->string, "$comment") == 0)
            mixed = 1;
        if (it->child != NULL && !cJSON_IsArray(it->child) &&
            !cJSON_IsObject(it->child) && mixed)
            aa_jsonout_array_lines(o);
        else
            aa_jsonout_array(o);
        for (c = it->child; c != NULL; c = c->next)
            emit(o, c);
        aa_jsonout_end(o);
    } else if (cJSON_IsString(it)) {
        aa_jsonout_string(o, it->valuestring);
    } else if (cJSON_IsNumber(it)) {
        aa_jsonout_number(o, it->valuedouble);
    } else if (cJSON_IsBool(it)) {
        aa_jsonout_bool(o, cJSON_IsTrue(it));
    } else {
        aa_jsonout_null(o);
    }
}

/* The emitter's text of 'it' (a final line break when indented, as
 * jsonw's). */
static char *
emitted(const cJSON *it, int compact)
{
    struct aa_jsonout o;
    char *text;

    aa_jsonout_init(&o, compact);
    emit(&o, it);
    if (!compact)
        aa_jsonout_raw(&o, "\n", 1);
    text = aa_jsonout_take(&o);
    aa_jsonout_fini(&o);
    return text;
}

/* The emitter and jsonw agree on 'it', both layouts, and the tree mode
 * rebuilds it. */
static void
same_as_jsonw(const cJSON *it)
{
    char *want = aa_jsonw_print(it), *got = emitted(it, 0);
    char *want_flat = aa_jsonw_print_compact(it), *got_flat = emitted(it, 1);
    struct aa_jsonout o;
    cJSON *tree;
    char *again;

    assert_string_equal(got, want);
    assert_string_equal(got_flat, want_flat);
    aa_jsonout_init_tree(&o);
    emit(&o, it);
    tree = aa_jsonout_tree(&o);
    aa_jsonout_fini(&o);
    again = aa_jsonw_print(tree);
    assert_string_equal(again, want);
    cJSON_Delete(tree);
    free(want);
    free(got);
    free(want_flat);
    free(got_flat);
    free(again);
}

/* The compact text of one string value. */
static char *
quoted(const char *s)
{
    struct aa_jsonout o;
    char *text;

    aa_jsonout_init(&o, 1);
    aa_jsonout_string(&o, s);
    text = aa_jsonout_take(&o);
    aa_jsonout_fini(&o);
    return text;
}

static void
quotes_to(const char *s, const char *want)
{
    char *got = quoted(s);
    cJSON *str = cJSON_CreateString(s);
    char *jsonw = aa_jsonw_print_compact(str);

    assert_string_equal(got, want);
    assert_string_equal(got, jsonw);
    cJSON_Delete(str);
    free(got);
    free(jsonw);
}

/* Every character a terminal or a CI log must not get as it is becomes a
 * \u escape; the rest stays as written, in short strings and in long ones
 * (which the emitter reads a word at a time). */
static void
test_escaping(void **state)
{
    char c0[2] = {0, 0}, want[16];

    (void)state;
    for (int c = 1; c < 0x20; c++) {
        c0[0] = (char)c;
        if (c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f')
            snprintf(want, sizeof(want), "\"\\%c\"",
                     c == '\n'   ? 'n'
                     : c == '\t' ? 't'
                     : c == '\r' ? 'r'
                     : c == '\b' ? 'b'
                                 : 'f');
        else
            snprintf(want, sizeof(want), "\"\\u%04x\"", (unsigned)c);
        quotes_to(c0, want);
    }
    quotes_to("\x7f", "\"\\u007f\"");
    quotes_to("q\"b\\s/", "\"q\\\"b\\\\s/\"");
    /* C1 controls, separators, bidirectional controls, noncharacters */
    quotes_to("\xc2\x80\xc2\x9b\xc2\x9f", "\"\\u0080\\u009b\\u009f\"");
    quotes_to("\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"");
    quotes_to("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9",
              "\"\\u202a\\u202e\\u2066\\u2069\"");
    quotes_to("\xef\xbf\xbe\xef\xbf\xbf", "\"\\ufffe\\uffff\"");
    /* kept: printable characters beyond ASCII, U+00A0, U+FFFD, emoji */
    quotes_to("\xc3\xa9\xc2\xa0\xef\xbf\xbd\xf0\x9f\x98\x80",
              "\"\xc3\xa9\xc2\xa0\xef\xbf\xbd\xf0\x9f\x98\x80\"");
    /* not UTF-8: a lone continuation byte, a cut sequence, an overlong
     * form, a surrogate, past U+10FFFF, 0xFF; each byte one U+FFFD */
    quotes_to("a\x80"
              "b",
              "\"a\\ufffdb\"");
    quotes_to("\xe2\x80", "\"\\ufffd\\ufffd\"");
    quotes_to("\xc0\xaf", "\"\\ufffd\\ufffd\"");
    quotes_to("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    quotes_to("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    quotes_to("x\xff", "\"x\\ufffd\"");
    /* a GitHub runner's command, and '[' anywhere else */
    quotes_to("##[error]x", "\"##\\u005berror]x\"");
    quotes_to("#[a] [b] ###[c", "\"#[a] [b] ###\\u005bc\"");
    /* long strings, escapes at the edges of the words read at once */
    quotes_to("0123456789abcdef0123456789abcdef",
              "\"0123456789abcdef0123456789abcdef\"");
    quotes_to("01234567\x1b"
              "01234567##[x\xe2\x80\xae"
              "0123456\"",
              "\"01234567\\u001b01234567##\\u005bx\\u202e0123456\\\"\"");
    quotes_to("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\x01", "\"\xc3\xa9\xc3\xa9"
                                                      "\xc3\xa9\xc3\xa9"
                                                      "\\u0001\"");
    /* One byte to escape at every place of strings of every length up to
     * five words: where the words read at once end, overlap and stop. */
    for (size_t len = 1; len <= 40; len++)
        for (size_t at = 0; at < len; at++) {
            static const char odd[] = {'"', '\n', '\x1b', '\x7f', '\\'};
            static const char *const esc[] = {"\\\"", "\\n", "\\u001b",
                                              "\\u007f", "\\\\"};

            for (size_t k = 0; k < sizeof(odd); k++) {
                char s[41], w[64];
                size_t n = 0;

                memset(s, 'a', len);
                s[len] = '\0';
                s[at] = odd[k];
                w[n++] = '"';
                memset(w + n, 'a', at);
                n += at;
                n += (size_t)snprintf(w + n, sizeof(w) - n, "%s", esc[k]);
                memset(w + n, 'a', len - at - 1);
                n += len - at - 1;
                w[n++] = '"';
                w[n] = '\0';
                quotes_to(s, w);
            }
        }
    /* And the '[' of "##[" at every place (the sixteen and eight bytes
     * read at once stop at any '['; the byte loop decides). */
    for (size_t len = 3; len <= 40; len++)
        for (size_t at = 2; at < len; at++) {
            char s[41], w[80];
            size_t n = 0;

            memset(s, 'a', len);
            s[len] = '\0';
            memcpy(s + at - 2, "##[", 3);
            w[n++] = '"';
            memcpy(w + n, s, at);
            n += at;
            memcpy(w + n, "\\u005b", 6);
            n += 6;
            memcpy(w + n, s + at + 1, len - at - 1);
            n += len - at - 1;
            w[n++] = '"';
            w[n] = '\0';
            quotes_to(s, w);
        }
}

/* Nesting and the layout of arrays: scalars on one line, containers one a
 * line, empty ones as [] and {}, in both layouts. */
static void
test_layout(void **state)
{
    static const char *const docs[] = {
        "{}",
        "[]",
        "\"s\"",
        "42",
        "{\"a\": 1, \"b\": [], \"c\": {}, \"d\": [1, \"x\", true, null]}",
        "[{\"a\": [{\"b\": [[], [1, 2], [{}]]}]}, {}, {\"c\": {\"d\": {}}}]",
        "[[1, 2], [3]]",
        "[1, {\"a\": 1}, [2], \"x\"]",
        "{\"$comment\": [\"one\", \"two\"], \"n\": [\"three\"]}",
        ("{\"n\": [0, -7, 0.5, 1e15, 999999999999999, -999999999999999, "
         "1e300, 3.14159, -2.5e-7, 9007199254740993]}"),
        "{\"\\u001b key\\u2028\": {\"##[x\": [\"\\u202e\"]}}",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        cJSON *it = cJSON_Parse(docs[i]);

        assert_non_null(it);
        same_as_jsonw(it);
        cJSON_Delete(it);
    }
}

/* A tree of random shape and content: the emitter and jsonw agree on
 * every one of many. */
static uint64_t seed = 88172645463325252u;

static unsigned
next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (unsigned)seed;
}

static const char *
some_text(char *buf, size_t cap)
{
    static const char *const pieces[] = {
        "a",
        "plain text ",
        "##[",
        "#",
        "[",
        "\"",
        "\\",
        "\n",
        "\t",
        "\x01",
        "\x1f",
        "\x7f",
        "\xc2\x9b",
        "\xc2\xa0",
        "\xe2\x80\xa8",
        "\xe2\x80\xae",
        "\xe2\x81\xa6",
        "\xef\xbf\xbe",
        "\xff",
        "\xc3",
        "\xe2\x80",
        "\xed\xa0\x80",
        "\xf0\x9f\x98\x80",
        "\xc0\xaf",
        "\xc3\xa9",
        "/",
    };
    size_t n = 0, k = next() % 8;

    for (size_t i = 0; i < k; i++) {
        const char *p = pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))];
        size_t len = strlen(p);

        if (n + len < cap) {
            memcpy(buf + n, p, len);
            n += len;
        }
    }
    buf[n] = '\0';
    return buf;
}

static cJSON *
some_value(int depth)
{
    static const double nums[] = {
        0,     -0.0,   1, -7, 0.5, 1e15, 1e14, 3.25, 123456789012345.0,
        1e300, -2.5e-7};
    char buf[128];
    cJSON *c;
    int n;

    switch (next() % (depth > 3 ? 4 : 7)) {
    case 0:
        return cJSON_CreateString(some_text(buf, sizeof(buf)));
    case 1:
        return cJSON_CreateNumber(
            next() % 2 ? nums[next() % (sizeof(nums) / sizeof(nums[0]))]
                       : (double)(int)next());
    case 2:
        return cJSON_CreateBool(next() % 2);
    case 3:
        return cJSON_CreateNull();
    case 4:
    case 5:
        c = cJSON_CreateObject();
        n = (int)(next() % 4);
        for (int i = 0; i < n; i++)
            cJSON_AddItemToObject(c, some_text(buf, sizeof(buf)),
                                  some_value(depth + 1));
        return c;
    default:
        c = cJSON_CreateArray();
        n = (int)(next() % 4);
        for (int i = 0; i < n; i++)
            cJSON_AddItemToArray(c, some_value(depth + 1));
        return c;
    }
}

static void
test_random(void **state)
{
    (void)state;
    for (int i = 0; i < 20000; i++) {
        cJSON *it = some_value(0);

        same_as_jsonw(it);
        cJSON_Delete(it);
    }
}

/* A document written out a part at a time keeps its open containers:
 * the parts make the same text as one write. */
static void
test_flush_in_parts(void **state)
{
    struct aa_jsonout o;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cJSON *whole =
        cJSON_Parse("{\"version\": 1, \"runs\": [{\"a\": 1}, {\"b\": [2]}], "
                    "\"summary\": {\"n\": 2}}");
    char *want = aa_jsonw_print(whole);

    (void)state;
    assert_non_null(fp);
    aa_jsonout_init(&o, 0);
    aa_jsonout_object(&o);
    aa_jsonout_key(&o, "version");
    aa_jsonout_int(&o, 1);
    aa_jsonout_key(&o, "runs");
    aa_jsonout_array_lines(&o);
    assert_int_equal(aa_jsonout_flush(&o, fp), 0);
    aa_jsonout_object(&o);
    aa_jsonout_key(&o, "a");
    aa_jsonout_int(&o, 1);
    aa_jsonout_end(&o);
    assert_int_equal(aa_jsonout_flush(&o, fp), 0);
    aa_jsonout_object(&o);
    aa_jsonout_key(&o, "b");
    aa_jsonout_array(&o);
    aa_jsonout_int(&o, 2);
    aa_jsonout_end(&o);
    aa_jsonout_end(&o);
    assert_int_equal(aa_jsonout_flush(&o, fp), 0);
    aa_jsonout_end(&o);
    aa_jsonout_key(&o, "summary");
    aa_jsonout_object(&o);
    aa_jsonout_key(&o, "n");
    aa_jsonout_int(&o, 2);
    aa_jsonout_end(&o);
    aa_jsonout_end(&o);
    aa_jsonout_raw(&o, "\n", 1);
    assert_int_equal(aa_jsonout_flush(&o, fp), 0);
    aa_jsonout_fini(&o);
    fclose(fp);
    assert_string_equal(buf, want);
    cJSON_Delete(whole);
    free(want);
    free(buf);
}

/* Integers print as cJSON and jsonw print them, to the ends of the
 * range; other numbers with 17 significant digits. */
static void
test_numbers(void **state)
{
    static const long long ints[] = {0,         7,        -7, 10, 4294967295LL,
                                     INT64_MAX, INT64_MIN};
    static const char *const texts[] = {"0",
                                        "7",
                                        "-7",
                                        "10",
                                        "4294967295",
                                        "9223372036854775807",
                                        "-9223372036854775808"};
    struct aa_jsonout o;

    (void)state;
    aa_jsonout_init(&o, 1);
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        aa_jsonout_int(&o, ints[i]);
        assert_string_equal(o.s, texts[i]);
        o.len = 0;
    }
    aa_jsonout_number(&o, 0.1);
    assert_string_equal(o.s, "0.10000000000000001");
    aa_jsonout_fini(&o);
}

/* A key of every length around the one the emitter copies as it checks
 * (48 bytes), plain and with a byte to escape at each end, in objects at
 * a few depths: written as jsonw writes it. */
static void
test_keys(void **state)
{
    static const char bad[] = {'"', '\\', '\n', '[', 0x7f, (char)0xc3};
    char key[128];

    (void)state;
    for (size_t n = 0; n < 100; n++)
        for (size_t b = 0; b <= sizeof(bad); b++)
            for (int where = 0; where < 2; where++) {
                cJSON *top = cJSON_CreateObject(), *in = cJSON_CreateObject();

                memset(key, 'k', n);
                key[n] = '\0';
                if (b < sizeof(bad) && n > 0)
                    key[where ? n - 1 : 0] = bad[b];
                cJSON_AddStringToObject(in, key, "v");
                cJSON_AddNumberToObject(in, "after", 1);
                cJSON_AddItemToObject(top, key, in);
                same_as_jsonw(top);
                cJSON_Delete(top);
            }
}

/* A key given with its length (aa_jsonout_keyn) is written as
 * aa_jsonout_key writes it: compact, indented and as a tree, first in its
 * object and not, of every length up to past the copy of short keys. */
static void
test_keyn(void **state)
{
    static const char *const keys[] = {"id", "missing_fields", "k_2-x",
                                       "knowledge_as_of"};
    char longer[80];

    (void)state;
    memset(longer, 'a', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    for (int mode = 0; mode < 3; mode++)
        for (size_t k = 0; k <= sizeof(keys) / sizeof(keys[0]); k++) {
            const char *key =
                k < sizeof(keys) / sizeof(keys[0]) ? keys[k] : longer;
            struct aa_jsonout a, b;
            char *ta, *tb;

            if (mode < 2) {
                aa_jsonout_init(&a, mode);
                aa_jsonout_init(&b, mode);
            } else {
                aa_jsonout_init_tree(&a);
                aa_jsonout_init_tree(&b);
            }
            aa_jsonout_object(&a);
            aa_jsonout_object(&b);
            for (int i = 0; i < 2; i++) {
                aa_jsonout_key(&a, key);
                aa_jsonout_keyn(&b, key, strlen(key));
                aa_jsonout_int(&a, i);
                aa_jsonout_int(&b, i);
            }
            aa_jsonout_key(&a, "after");
            aa_jsonout_keyn(&b, "after", 5);
            aa_jsonout_null(&a);
            aa_jsonout_null(&b);
            aa_jsonout_end(&a);
            aa_jsonout_end(&b);
            if (mode < 2) {
                ta = aa_jsonout_take(&a);
                tb = aa_jsonout_take(&b);
            } else {
                cJSON *x = aa_jsonout_tree(&a), *y = aa_jsonout_tree(&b);

                ta = cJSON_PrintUnformatted(x);
                tb = cJSON_PrintUnformatted(y);
                cJSON_Delete(x);
                cJSON_Delete(y);
            }
            assert_non_null(strstr(ta, key));
            assert_string_equal(ta, tb);
            free(ta);
            free(tb);
            aa_jsonout_fini(&a);
            aa_jsonout_fini(&b);
        }
}

/* Values kept and written again: compact text only; in an array and as
 * a member, first and not; past what the emitter keeps (4 096 values),
 * the rest are made each time; the text is what writing them gives. */
static void
test_again(void **state)
{
    static char names[5000];
    struct aa_jsonout o, want;
    const void *name[4] = {NULL, NULL, NULL, NULL};
    size_t again = 0;

    (void)state;
    aa_jsonout_init(&o, 0);
    name[0] = &names[0];
    aa_jsonout_array(&o);
    aa_jsonout_keep(&o, aa_jsonout_mark(&o), name);
    assert_int_equal(aa_jsonout_again(&o, name), 0); /* indented: never */
    aa_jsonout_end(&o);
    aa_jsonout_fini(&o);
    aa_jsonout_init(&o, 1);
    aa_jsonout_init(&want, 1);
    aa_jsonout_array(&o);
    aa_jsonout_array(&want);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof(names); i++) {
            size_t mark;

            name[0] = &names[i];
            aa_jsonout_object(&want);
            aa_jsonout_key(&want, "n");
            aa_jsonout_int(&want, (long long)i);
            aa_jsonout_end(&want);
            if (aa_jsonout_again(&o, name)) {
                again++;
                continue;
            }
            mark = aa_jsonout_mark(&o);
            aa_jsonout_object(&o);
            aa_jsonout_key(&o, "n");
            aa_jsonout_int(&o, (long long)i);
            aa_jsonout_end(&o);
            aa_jsonout_keep(&o, mark, name);
        }
    aa_jsonout_end(&o);
    aa_jsonout_end(&want);
    assert_int_equal(again, 4096);
    assert_int_equal(o.len, want.len);
    assert_memory_equal(o.s, want.s, want.len);
    aa_jsonout_fini(&o);
    aa_jsonout_fini(&want);
    /* As the value of a member: kept after another member, written again
     * after one too. */
    aa_jsonout_init(&o, 1);
    name[0] = &names[0];
    aa_jsonout_array(&o);
    for (int k = 0; k < 2; k++) {
        size_t mark;

        aa_jsonout_object(&o);
        aa_jsonout_key(&o, "m");
        aa_jsonout_int(&o, k);
        aa_jsonout_key(&o, "v");
        if (!aa_jsonout_again(&o, name)) {
            assert_int_equal(k, 0);
            mark = aa_jsonout_mark(&o);
            aa_jsonout_array(&o);
            aa_jsonout_string(&o, "x");
            aa_jsonout_end(&o);
            aa_jsonout_keep(&o, mark, name);
        }
        aa_jsonout_end(&o);
    }
    aa_jsonout_end(&o);
    assert_string_equal(o.s,
                        "[{\"m\":0,\"v\":[\"x\"]},{\"m\":1,\"v\":[\"x\"]}]");
    aa_jsonout_fini(&o);
}

/* Runs of members kept and written again: as an object's first members
 * and after others, followed by more, each copy with the separator of its
 * place; indented text never keeps them. */
static void
test_again_members(void **state)
{
    static const char tag[] = "run";
    const void *name[4] = {tag, NULL, NULL, NULL};
    struct aa_jsonout o;
    int again = 0;

    (void)state;
    aa_jsonout_init(&o, 0);
    aa_jsonout_object(&o);
    aa_jsonout_keep(&o, aa_jsonout_mark(&o), name);
    assert_int_equal(aa_jsonout_again_members(&o, name), 0);
    aa_jsonout_end(&o);
    aa_jsonout_fini(&o);
    aa_jsonout_init(&o, 1);
    aa_jsonout_array(&o);
    for (int k = 0; k < 4; k++) {
        size_t mark;

        aa_jsonout_object(&o);
        if (k >= 2) { /* the run after a member of the place's own */
            aa_jsonout_key(&o, "k");
            aa_jsonout_int(&o, k);
        }
        if (aa_jsonout_again_members(&o, name)) {
            again++;
        } else {
            mark = aa_jsonout_mark(&o);
            aa_jsonout_key(&o, "a");
            aa_jsonout_string(&o, "x");
            aa_jsonout_key(&o, "b");
            aa_jsonout_array(&o);
            aa_jsonout_int(&o, 1);
            aa_jsonout_end(&o);
            aa_jsonout_keep(&o, mark, name);
        }
        aa_jsonout_key(&o, "z");
        aa_jsonout_null(&o);
        aa_jsonout_end(&o);
    }
    aa_jsonout_end(&o);
    assert_int_equal(again, 3);
    assert_string_equal(o.s, "[{\"a\":\"x\",\"b\":[1],\"z\":null},"
                             "{\"a\":\"x\",\"b\":[1],\"z\":null},"
                             "{\"k\":2,\"a\":\"x\",\"b\":[1],\"z\":null},"
                             "{\"k\":3,\"a\":\"x\",\"b\":[1],\"z\":null}]");
    aa_jsonout_fini(&o);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_again_members),  cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_layout),         cmocka_unit_test(test_random),
        cmocka_unit_test(test_flush_in_parts), cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_keys),           cmocka_unit_test(test_again),
        cmocka_unit_test(test_keyn),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
