/*
 * test_text.c -- text at a terminal's width (text.c): display width, not
 * bytes (wide characters two columns, combining marks none, escapes as
 * wide as they are shown), wrapping that never drops, adds or reorders a
 * word, long paths broken after a separator, and code cut with a mark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* What fn wrote, as a heap string.  The stream's buffer and size live on
 * the heap: with them on this function's stack, gcc -O2 took the returned
 * text for a pointer into that stack (-Wdangling-pointer) once the
 * function was inlined. */
static char *
wrapped(const char *text, int col, int indent, int width)
{
    struct {
        char *buf;
        size_t len;
    } *m = calloc(1, sizeof(*m));
    char *out;
    FILE *fp;

    assert_non_null(m);
    fp = open_memstream(&m->buf, &m->len);
    assert_non_null(fp);
    aa_text_wrap(fp, text, col, indent, width, AA_TEXT_LINE);
    assert_int_equal(fclose(fp), 0);
    out = m->buf;
    free(m);
    return out;
}

/* Every line of s is at most 'width' columns (the first one from 'col'),
 * has no blank at its end, and continuation lines start with 'indent'
 * blanks. */
static void
assert_lines(const char *s, int col, int indent, int width)
{
    int first = 1;

    while (*s != '\0') {
        size_t n = strcspn(s, "\n");

        assert_true((size_t)(first ? col : 0) + aa_text_width(s, n) <=
                    (size_t)width);
        if (n > 0)
            assert_true(s[n - 1] != ' ');
        if (!first)
            for (int i = 0; i < indent; i++)
                assert_true(s[i] == ' ');
        first = 0;
        s += n;
        assert_true(*s == '\n');
        s++;
    }
}

/* The characters of a, blanks and line ends left out: what a reader sees
 * in order.  Wrapping must keep it. */
static char *
ink(const char *a)
{
    char *out = malloc(strlen(a) + 1), *o = out;

    assert_non_null(out);
    for (; *a != '\0'; a++)
        if (*a != ' ' && *a != '\n')
            *o++ = *a;
    *o = '\0';
    return out;
}

static void
assert_same_words(const char *text, const char *out)
{
    char *want = ink(text), *got = ink(out);

    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void
test_width_columns(void **state)
{
    (void)state;
    assert_int_equal(aa_text_width("abc", 3), 3);
    /* CJK and fullwidth: two columns each. */
    assert_int_equal(aa_text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);
    assert_int_equal(aa_text_width("\xef\xbc\xa1", 3), 2);
    /* Emoji: two. */
    assert_int_equal(aa_text_width("\xf0\x9f\x98\x80", 4), 2);
    /* Accented letters: one, precomposed or with a combining mark. */
    assert_int_equal(aa_text_width("\xc3\xa9", 2), 1);
    assert_int_equal(aa_text_width("e\xcc\x81", 3), 1);
    /* A zero-width space and a zero-width joiner take nothing. */
    assert_int_equal(aa_text_width("a\xe2\x80\x8b"
                                   "b\xe2\x80\x8d",
                                   8),
                     2);
    /* Emoji outside the first emoji blocks too: a rocket, a check mark. */
    assert_int_equal(aa_text_width("\xf0\x9f\x9a\x80\xe2\x9c\x85", 7), 4);
    /* Hangul syllables are wide; a Thai vowel sign above is not there. */
    assert_int_equal(aa_text_width("\xea\xb0\x80", 3), 2);
    assert_int_equal(aa_text_width("\xe0\xb8\x81\xe0\xb8\xb4", 6), 1);
    /* A byte that is not UTF-8 shows as one. */
    assert_int_equal(aa_text_width("\xff", 1), 1);
}

/* Wide characters fill a line by columns: twenty CJK words of two
 * characters are 4 columns each, so a 40-column line holds eight. */
static void
test_wrap_wide(void **state)
{
    char text[400] = "";
    char *out;

    (void)state;
    for (int i = 0; i < 20; i++)
        strcat(text,
               i ? " \xe6\x97\xa5\xe6\x9c\xac" : "\xe6\x97\xa5\xe6\x9c\xac");
    out = wrapped(text, 0, 0, 40);
    assert_lines(out, 0, 0, 40);
    assert_same_words(text, out);
    /* 8 words of 4 columns and 7 spaces: 39 columns; a ninth would pass. */
    assert_int_equal(strcspn(out, "\n"), 8 * 6 + 7);
    free(out);
    /* Without spaces (Japanese), lines break between characters: 20 of
     * them fill 40 columns, 60 bytes. */
    text[0] = '\0';
    for (int i = 0; i < 50; i++)
        strcat(text, "\xe8\xaa\x9e");
    out = wrapped(text, 0, 0, 40);
    assert_lines(out, 0, 0, 40);
    assert_same_words(text, out);
    assert_int_equal(strcspn(out, "\n"), 60);
    free(out);
    /* The same after a character that is escaped: escaping stops looking
     * at the first, and the wide ones after it still count two columns.
     * "\x01" and 18 characters fill 40 columns. */
    strcpy(text, "\x01");
    for (int i = 0; i < 50; i++)
        strcat(text, "\xe8\xaa\x9e");
    out = wrapped(text, 0, 0, 40);
    assert_lines(out, 0, 0, 40);
    assert_int_equal(strcspn(out, "\n"), 4 + 18 * 3);
    free(out);
}

/* Combining marks take no column: 38 letters each with an accent above
 * (76 bytes more) still fit in 40 columns from column 2. */
static void
test_wrap_combining(void **state)
{
    char text[400] = "";
    char *out;

    (void)state;
    for (int i = 0; i < 38; i++)
        strcat(text, "e\xcc\x81");
    out = wrapped(text, 2, 2, 40);
    assert_string_equal(strchr(out, '\n'), "\n"); /* one line */
    assert_lines(out, 2, 2, 40);
    free(out);
}

/* A word exactly as wide as the room stays whole on its line; one column
 * more and it moves or breaks. */
static void
test_wrap_exact(void **state)
{
    char word[64];
    char *out, *text;

    (void)state;
    memset(word, 'x', 40);
    word[40] = '\0';
    out = wrapped(word, 0, 0, 40);
    assert_string_equal(out, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
    free(out);
    /* The space just past a full line is where it breaks. */
    text = malloc(64);
    snprintf(text, 64, "%.36s abc def", word);
    out = wrapped(text, 0, 2, 40);
    assert_string_equal(out, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx abc\n"
                             "  def\n");
    free(out);
    free(text);
}

/* A path longer than the line breaks after a '/', in order, nothing lost;
 * where no '/' fits late enough, after another separator, never inside a
 * run of them. */
static void
test_wrap_long_path(void **state)
{
    const char *path = "examples/code/isv-analytics-kit/modules/workspace/"
                       "storage/private-endpoints/main.bicep:13:9";
    const char *corpus = "iac/Azure-Samples__modern-data-warehouse-dataops__"
                         "azuredatafactory__adf_data_pre_processing__deploy__"
                         "terraform__provider.tf";
    char *out;

    (void)state;
    out = wrapped(path, 11, 11, 50);
    assert_lines(out, 11, 11, 50);
    assert_same_words(path, out);
    assert_string_equal(out, "examples/code/isv-analytics-kit/\n"
                             "           modules/workspace/storage/\n"
                             "           private-endpoints/main.bicep:13:9\n");
    free(out);
    out = wrapped(corpus, 0, 4, 40);
    assert_lines(out, 0, 4, 40);
    assert_same_words(corpus, out);
    for (const char *p = strchr(out, '\n'); p[1] != '\0';
         p = strchr(p + 1, '\n'))
        assert_true(strchr("/.-_,", p[-1]) == NULL ||
                    strchr("/.-_,", p[5]) == NULL);
    free(out);
}

/* "e.g. /a/very/long/path": the path fits on no line, so it starts beside
 * the short word instead of leaving it alone on its line. */
static void
test_wrap_long_word_after_short(void **state)
{
    const char *text = "e.g. /solution/deployment/cua/registered_before_deploy"
                       "/and/more/of/it";
    char *out = wrapped(text, 0, 5, 40);

    (void)state;
    assert_lines(out, 0, 5, 40);
    assert_same_words(text, out);
    assert_true(strncmp(out, "e.g. /solution/", 15) == 0);
    free(out);
}

/* A control character is shown as its escape, and the escape is as wide
 * as it is shown: "\x01" takes four columns. */
static void
test_wrap_escapes(void **state)
{
    char text[200] = "";
    char *out, *seen;

    (void)state;
    for (int i = 0; i < 12; i++)
        strcat(text, i ? " ab\x01" : "ab\x01");
    out = wrapped(text, 0, 0, 40);
    assert_lines(out, 0, 0, 40);
    seen = aa_text_dup(text, 0);
    assert_same_words(seen, out);
    assert_null(strchr(out, '\x01'));
    /* "ab\x01" is 6 columns: five of them and four spaces fill 34, a
     * sixth would make 41. */
    assert_int_equal(strcspn(out, "\n"), 5 * 6 + 4);
    free(seen);
    free(out);
}

/* A CI command ("::name::") that wrapping moves to the start of a line is
 * escaped there, as one that starts the text is, and the line still fits
 * with the escape; one inside a line is not escaped (GitHub reads "::"
 * only at a line's start). aa_text_next too. */
static void
test_wrap_command_at_line_start(void **state)
{
    const char *text = "one two three four five six seven eight "
                       "::error::boom and more words to follow ::x::";
    char *out;
    FILE *fp;
    char *buf = NULL;
    size_t len = 0;

    (void)state;
    out = wrapped(text, 0, 0, 40);
    assert_string_equal(out, "one two three four five six seven eight\n"
                             "\\x3a:error::boom and more words to\n"
                             "follow ::x::\n");
    free(out);
    /* Escaped, the line still fits: a command of 38 columns at 40 is
     * broken after a separator, not left 41 wide. */
    out = wrapped("::warning::a-word-that-is-long-enough-x", 0, 0, 40);
    assert_lines(out, 0, 0, 40);
    assert_true(strncmp(out, "\\x3a:warning::", 14) == 0);
    free(out);
    out = wrapped("  ::warning::w", 0, 0, 40);
    assert_string_equal(out, "  \\x3a:warning::w\n");
    free(out);
    fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(aa_text_next(fp, "::notice::short", 30, 1, 2, 40, 0),
                     2 + 18);
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(buf, "\n  \\x3a:notice::short");
    free(buf);
}

/* A line starting past the room moves to the next line first; the column
 * returned is where the text ends. */
static void
test_flow_and_next(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int col;

    (void)state;
    assert_non_null(fp);
    fputs("  error  ", fp);
    col = aa_text_next(fp, "examples/isv-arm-outside-marketplace.json:43:9", 9,
                       2, 11, 80, 0);
    assert_int_equal(col, 11 + 46);
    col = aa_text_next(fp, "/solution/deployment/cua/placement", col, 2, 11, 80,
                       0);
    assert_int_equal(col, 11 + 34);
    fputc('\n', fp);
    col = aa_text_flow(fp, "one two", 0, 2, 40, AA_TEXT_LINE);
    assert_int_equal(col, 7);
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(buf, "  error    "
                             "examples/isv-arm-outside-marketplace.json:43:9\n"
                             "           /solution/deployment/cua/placement\n"
                             "one two");
    free(buf);
}

/* Short texts that fit on a line of 80 beside others or from its start:
 * plain ones (a place, a pointer, a count line, a list of labels), and
 * ones escaping changes (a CI command, controls, DEL, bytes that are not
 * UTF-8, a blank before "::"). */
static const char *const fitting[] = {"plan.json:1:2",
                                      "/goals",
                                      "0 errors, 3 warnings, 0 notes",
                                      "needs customer agreement, DPOR",
                                      "##[error]x.json",
                                      "a ##vso[task]b",
                                      "tab\there",
                                      "esc\x1b[2J",
                                      "\xff\xfe",
                                      "caf\xc3\xa9",
                                      "[not a command]",
                                      "::x",
                                      " ::x",
                                      "",
                                      "a]b",
                                      "esc\x1bZ",
                                      "us\x1f",
                                      "del\x7f"};

/* A text that fits beside another is put as it is only when escaping
 * would not change it: a file name or pointer that would open a CI
 * command, hold a control character or a stray byte is escaped as
 * aa_text_dup escapes it, fitting or not; the column counts what shows. */
static void
test_next_escapes_what_fits(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fitting) / sizeof(fitting[0]); i++) {
        char *buf = NULL, *want = aa_text_dup(fitting[i], 0);
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        int col;

        assert_non_null(fp);
        assert_non_null(want);
        col = aa_text_next(fp, fitting[i], 9, 2, 11, 80, 0);
        assert_int_equal(fclose(fp), 0);
        assert_int_equal(len, 2 + strlen(want));
        assert_memory_equal(buf, "  ", 2);
        assert_string_equal(buf + 2, want);
        assert_int_equal(col, 11 + (int)aa_text_width(want, strlen(want)));
        free(buf);
        free(want);
    }
}

/* A text that fits where it starts goes out as the escaper shows it, on
 * the line it starts on, from the first column of a line (where "::"
 * would start a CI command) or after others. */
static void
test_flow_escapes_what_fits(void **state)
{
    static const int cols[] = {0, 32};

    (void)state;
    for (size_t i = 0; i < sizeof(fitting) / sizeof(fitting[0]); i++)
        for (size_t c = 0; c < 2; c++) {
            unsigned flags = cols[c] == 0 ? AA_TEXT_LINE : 0;
            char *buf = NULL, *want = aa_text_dup(fitting[i], flags);
            size_t len = 0;
            FILE *fp = open_memstream(&buf, &len);
            int col;

            assert_non_null(fp);
            assert_non_null(want);
            col = aa_text_flow(fp, fitting[i], cols[c], cols[c], 80, flags);
            assert_int_equal(fclose(fp), 0);
            assert_string_equal(buf, want);
            assert_int_equal(col,
                             cols[c] + (int)aa_text_width(want, strlen(want)));
            free(buf);
            free(want);
        }
}

/* Code is cut, not wrapped: at the width, with " \u2026" as the mark; a
 * tab moves to the next multiple of 8; a line that fits is left alone. */
static void
test_clip(void **state)
{
    const char *code = "\"$schema\": \"https://schema.management.azure.com/"
                       "schemas/2019-04-01/deploymentTemplate.json#\",";
    char *buf = NULL, ctl[600], want[80], expect[400];
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    (void)state;
    assert_non_null(fp);
    fputs("         ", fp);
    aa_text_clip(fp, code, strlen(code), 9, 60, AA_TEXT_TAB | AA_TEXT_LINE);
    fputc('\n', fp);
    aa_text_clip(fp, "\tshort", 6, 0, 40, AA_TEXT_TAB);
    fputc('\n', fp);
    aa_text_clip(fp, "\t\t\t\tfour tabs and then some", 26, 0, 40, AA_TEXT_TAB);
    fputc('\n', fp);
    aa_text_clip(fp, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 9, 35, 40, 0);
    fputc('\n', fp);
    /* Longer than the room the clip starts with: 300 two-byte letters,
     * of which 38 show. */
    for (size_t i = 0; i < sizeof(ctl); i += 2)
        memcpy(ctl + i, "\xc3\xa9", 2);
    aa_text_clip(fp, ctl, sizeof(ctl), 0, 40, 0);
    fputc('\n', fp);
    assert_int_equal(fclose(fp), 0);
    memcpy(want, ctl, 76); /* 38 letters */
    want[76] = '\0';
    snprintf(expect, sizeof(expect),
             "         \"$schema\": \"https://schema.management.azure.com/s "
             "\xe2\x80\xa6\n"
             "\tshort\n"
             "\t\t\t\tfour t \xe2\x80\xa6\n"
             "\xe6\x97\xa5 \xe2\x80\xa6\n%s \xe2\x80\xa6\n",
             want);
    assert_string_equal(buf, expect);
    free(buf);
}

/* A line built in pieces wraps as a whole, its own leading blanks kept. */
static void
test_line(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct aa_text_line l;
    FILE *fp;

    (void)state;
    assert_non_null(out);
    fp = aa_text_line_start(&l);
    fputs("      because  ", fp);
    aa_text_put(fp, "/outcome/csp one_of [blocked, not_applicable] is true", 0);
    fprintf(fp, " (read \"%s\")", "not\napplicable");
    aa_text_line_end(&l, out, 17, 60);
    assert_int_equal(fclose(out), 0);
    assert_string_equal(
        buf, "      because  /outcome/csp one_of [blocked, not_applicable]\n"
             "                 is true (read \"not\\napplicable\")\n");
    free(buf);
}

/* Columns of a text made only of the pieces below, counted from their
 * bytes and independent of text.c: ASCII one column, U+00E9 (C3 A9)
 * one, the CJK characters (E6 ..) two. */
static size_t
known_cols(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];

        c += b < 0x80 ? 1 : b == 0xC3 ? 1 : b == 0xE6 ? 2 : 0;
    }
    return c;
}

/* Random texts of ASCII runs of every length, accented and wide
 * characters at every offset of the eight-byte steps text.c takes:
 * the width is the pieces' sum, and wrapped at any width every line fits,
 * by the independent count, with every word kept. */
static void
test_width_random(void **state)
{
    static const char *const piece[] = {"a",
                                        "bc",
                                        "defghij",
                                        "klmnopqrstu",
                                        " ",
                                        "  ",
                                        "\xc3\xa9",
                                        "\xe6\x97\xa5",
                                        "\xe6\x9c\xac",
                                        "path/to/x",
                                        "-",
                                        "vwxyz0123456789"};
    unsigned seed = 7;

    (void)state;
    for (int round = 0; round < 400; round++) {
        char text[512] = "";
        size_t want = 0;
        int width = 40 + (int)(seed % 81); /* 40: text.c's narrowest */
        char *out, *line;

        for (int k = 0; k < 24; k++) {
            const char *p;

            seed = seed * 1103515245u + 12345u;
            p = piece[(seed >> 16) % (sizeof(piece) / sizeof(piece[0]))];
            strcat(text, p);
            want += known_cols(p, strlen(p));
        }
        assert_int_equal(aa_text_width(text, strlen(text)), want);
        out = wrapped(text, 0, 0, width);
        assert_same_words(text, out);
        for (line = out; *line != '\0';) {
            size_t n = strcspn(line, "\n");

            assert_true(known_cols(line, n) <= (size_t)width);
            line += n + (line[n] == '\n');
        }
        free(out);
    }
}

/* aa_text_pad writes what fprintf "%*s" writes with "", past its own
 * buffer of blanks and for a negative width too. */
static void
test_pad(void **state)
{
    static const int widths[] = {0, 1, 5, 32, 33, 70, -3, -40};

    (void)state;
    for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
        char *got = NULL, *want = NULL;
        size_t glen = 0, wlen = 0;
        FILE *g = open_memstream(&got, &glen),
             *w = open_memstream(&want, &wlen);

        assert_non_null(g);
        assert_non_null(w);
        aa_text_pad(g, widths[i]);
        fprintf(w, "%*s", widths[i], "");
        assert_int_equal(fclose(g), 0);
        assert_int_equal(fclose(w), 0);
        assert_int_equal(glen, wlen);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
}

/* aa_text_digits writes what printf "%llu" writes, ending where asked. */
static void
test_digits(void **state)
{
    static const unsigned long long ns[] = {
        0, 7, 10, 99, 1234567890, 18446744073709551615ULL};

    (void)state;
    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
        char buf[24], want[24], *end = buf + sizeof(buf) - 1;
        char *p;

        *end = '\0';
        p = aa_text_digits(end, ns[i]);
        snprintf(want, sizeof(want), "%llu", ns[i]);
        assert_string_equal(p, want);
    }
}

/* Put 'count' numbered pieces ("0,1,2,...") into t, and after the 1 500th
 * the nbig bytes of 'big' and a pad of 'pad' blanks; the same bytes are
 * appended to want at *wlen. */
static void
put_pieces(struct aa_tout *t, int count, const char *big, size_t nbig, int pad,
           char *want, size_t *wlen)
{
    for (int i = 0; i < count; i++) {
        char piece[8];
        int n = snprintf(piece, sizeof(piece), "%d,", i);

        aa_tout_put(t, piece, (size_t)n);
        memcpy(want + *wlen, piece, (size_t)n);
        *wlen += (size_t)n;
        if (i == 1500) {
            aa_tout_put(t, big, nbig);
            memcpy(want + *wlen, big, nbig);
            *wlen += nbig;
            aa_tout_pad(t, pad);
            memset(want + *wlen, ' ', (size_t)pad);
            *wlen += (size_t)pad;
        }
    }
}

/* A text output holds pieces until its buffer is full and passes them on
 * in order: small pieces across the buffer's end, a piece larger than the
 * buffer, and what is left at the flush, byte for byte. */
static void
test_tout(void **state)
{
    static char want[32768], big[5001];
    char *got = NULL;
    size_t glen = 0, wlen = 0, nbig;
    FILE *fp = open_memstream(&got, &glen);
    struct aa_tout t;

    (void)state;
    assert_non_null(fp);
    memset(big, 'B', sizeof(big) - 1);
    nbig = strlen(big); /* longer than the buffer */
    aa_tout_init(&t, fp);
    put_pieces(&t, 3000, big, nbig, 0, want, &wlen);
    aa_tout_putc(&t, '!');
    want[wlen++] = '!';
    aa_tout_flush(&t);
    fclose(fp);
    assert_int_equal(glen, wlen);
    assert_memory_equal(got, want, wlen);
    free(got);
}

/* A text output in memory keeps all that is put, in order, through the
 * growth of its buffer (small pieces, a piece larger than what is left,
 * a pad), and a flush leaves it as it is: its owner takes the bytes. */
static void
test_tout_mem(void **state)
{
    static char want[200000], big[70001];
    size_t wlen = 0, nbig;
    struct aa_tout t;

    (void)state;
    memset(big, 'B', sizeof(big) - 1);
    nbig = strlen(big); /* longer than the buffer to start with */
    aa_tout_init_mem(&t);
    assert_null(t.fp);
    put_pieces(&t, 20000, big, nbig, 3, want, &wlen);
    aa_tout_flush(&t);
    assert_int_equal(t.flushes, 0);
    assert_int_equal(t.len, wlen);
    assert_memory_equal(t.buf, want, wlen);
    t.len = 0; /* as its owner does once the bytes are out */
    aa_tout_putc(&t, '!');
    assert_int_equal(t.len, 1);
    assert_int_equal(t.buf[0], '!');
    aa_tout_fini(&t);
    assert_null(t.buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_width_columns),
        cmocka_unit_test(test_wrap_wide),
        cmocka_unit_test(test_wrap_combining),
        cmocka_unit_test(test_wrap_exact),
        cmocka_unit_test(test_wrap_long_path),
        cmocka_unit_test(test_wrap_long_word_after_short),
        cmocka_unit_test(test_wrap_escapes),
        cmocka_unit_test(test_wrap_command_at_line_start),
        cmocka_unit_test(test_flow_and_next),
        cmocka_unit_test(test_next_escapes_what_fits),
        cmocka_unit_test(test_flow_escapes_what_fits),
        cmocka_unit_test(test_clip),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_width_random),
        cmocka_unit_test(test_pad),
        cmocka_unit_test(test_tout),
        cmocka_unit_test(test_tout_mem),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
