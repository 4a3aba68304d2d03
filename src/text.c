/*
 * text.c -- the one escaper for text that people read: terminal reports,
 * Markdown, GitHub annotations, JUnit XML and messages on stderr.
 *
 * The visible form of a character that must not be shown as it is, the
 * same in every such output:
 *   \n \r \t          newline, carriage return, tab
 *   \xHH              any other C0 control, DEL, and a byte that is not
 *                     UTF-8 (a file name may hold any byte)
 *   \uHHHH            C1 controls (U+0080..U+009F, which some terminals
 *                     read as ESC [), the line and paragraph separators,
 *                     the bidirectional embeddings, overrides and isolates
 *                     (which reorder what a reader sees), U+FFFE, U+FFFF
 * Hex digits are lower-case.  A backslash is not escaped: the form is for
 * reading, not for parsing back, and paths and regular expressions stay
 * as they were.
 *
 * Some sequences of printable characters are commands to the CI runner
 * that reads every line a step writes: for GitHub Actions "##[name]"
 * anywhere in a line and "::name::" at the start of one (after blanks);
 * for an Azure Pipelines agent "##vso[area.action ...]" anywhere in a line
 * (and "##[name]" formats it).  The escaper writes the '[' of "##[" and
 * of "##vso[" as \x5b, and with AA_TEXT_LINE the first ':' of a leading
 * "::" as \x3a.  The agent finds "##vso[" by a culture-aware search, which
 * passes over invisible characters such as a soft hyphen, so the escaper
 * looks back past those too.  Outputs whose lines start with text of their
 * own ("attrib-advise: ", "  why  ") need no more than that.
 *
 * JSON keeps values exact instead: jsonout.c writes the same characters as
 * \u escapes, using aa_text_decode and aa_text_unsafe from here.
 */
#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "attrib_advise.h"
#include "word8.h"

/* Output to a text output, or to a growing heap string (b, zeroed: on
 * the heap from its first byte) when t is NULL; or, with 'probe',
 * nowhere: 'changed' tells whether escaping changes the text, which then
 * need not be copied to be escaped. */
struct sink {
    struct aa_tout *t;
    struct aa_buf b;
    int probe, changed;
    int high; /* a byte past ASCII was seen */
};

static void
emit(struct sink *k, const char *p, size_t n)
{
    if (n == 0 || k->probe)
        return;
    if (k->t != NULL) {
        aa_tout_put(k->t, p, n);
        return;
    }
    aa_buf_put(&k->b, p, n);
}

size_t
aa_text_decode(const char *s, size_t n, long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned lo = 0x80, hi = 0xbf; /* range of the second byte */
    size_t len;
    long c;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    /* Well-formed sequences only (Unicode table 3-7): no overlong forms,
     * no surrogates, nothing above U+10FFFF. */
    if (u[0] >= 0xc2 && u[0] <= 0xdf) {
        len = 2;
        c = u[0] & 0x1f;
    } else if (u[0] >= 0xe0 && u[0] <= 0xef) {
        len = 3;
        c = u[0] & 0x0f;
        lo = u[0] == 0xe0 ? 0xa0 : lo;
        hi = u[0] == 0xed ? 0x9f : hi;
    } else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
        len = 4;
        c = u[0] & 0x07;
        lo = u[0] == 0xf0 ? 0x90 : lo;
        hi = u[0] == 0xf4 ? 0x8f : hi;
    } else {
        goto bad;
    }
    if (len > n)
        goto bad;
    for (size_t i = 1; i < len; i++) {
        if (u[i] < lo || u[i] > hi)
            goto bad;
        c = c << 6 | (long)(u[i] & 0x3f);
        lo = 0x80;
        hi = 0xbf;
    }
    *cp = c;
    return len;
bad:
    *cp = -1;
    return 1;
}

int
aa_text_unsafe(long cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
           cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfffe || cp == 0xffff;
}

/* The visible form of the unsafe character cp found at s (every unsafe
 * code point is in the BMP, so four hex digits hold it). */
static void
visible(char out[16], const char *s, long cp)
{
    if (cp == '\n' || cp == '\r' || cp == '\t')
        snprintf(out, 16, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
    else if (cp < 0)
        snprintf(out, 16, "\\x%02x", (unsigned)(unsigned char)*s);
    else if (cp < 0x80)
        snprintf(out, 16, "\\x%02x", (unsigned)cp);
    else
        snprintf(out, 16, "\\u%04x", (unsigned)(cp & 0xffff));
}

/* What a GitHub runner skips before it looks for "::" (.NET's
 * Char.IsWhiteSpace, less the characters escaped anyway). */
static int
blank(long cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xa0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
           cp == 0x3000;
}

/* Unicode's default-ignorable code points: invisible, and passed over by
 * a culture-aware string search. */
static int
ignorable(long cp)
{
    return cp == 0xad || cp == 0x34f || cp == 0x61c ||
           (cp >= 0x115f && cp <= 0x1160) || (cp >= 0x17b4 && cp <= 0x17b5) ||
           (cp >= 0x180b && cp <= 0x180f) || (cp >= 0x200b && cp <= 0x200f) ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
           cp == 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff ||
           cp == 0xffa0 || (cp >= 0xfff0 && cp <= 0xfff8) ||
           (cp >= 0x1bca0 && cp <= 0x1bca3) ||
           (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff);
}

/* Whether the '[' at s[i] ends "##[" or "##vso[" (letters in any case),
 * ignorable characters between them aside. */
static int
opens_command(const char *s, size_t i)
{
    char last[5];
    size_t got = 0;

    while (i > 0 && got < sizeof(last)) {
        size_t start = i - 1, len;
        long cp;

        while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80 &&
               i - start < 4)
            start--;
        len = aa_text_decode(s + start, i - start, &cp);
        if (start + len != i) { /* not one character: a stray byte */
            start = i - 1;
            cp = -1;
        }
        i = start;
        if (ignorable(cp))
            continue;
        last[sizeof(last) - 1 - got++] = cp >= 0 && cp < 0x80 ? (char)cp : 0;
    }
    if (got >= 2 && last[3] == '#' && last[4] == '#')
        return 1;
    return got == 5 && strncasecmp(last, "##vso", 5) == 0;
}

static void
escape(struct sink *k, const char *s, size_t n, unsigned flags)
{
    int lead = (flags & AA_TEXT_LINE) != 0; /* only blanks so far */
    size_t i = 0, done = 0;                 /* s[done..i) is pending */

    while (i < n) {
        const char *sub = NULL;
        char vis[16];
        size_t len;
        long cp;

#if AA_X16
        /* Sixteen at a time once the line has begun: most of a reason's
         * or an action's text. */
        while (!lead && i + 16 <= n &&
               aa_x16_stops(s + i, 0x7f, '[', 0x7f, '[') == 0)
            i += 16;
#endif
        /* Eight bytes at a time while each is printable ASCII or a blank
         * and none is '[' or, while the line may still start, ':'
         * (word8.h): a ':' matters only as the first of a line's "::". */
        while (i + 8 <= n) {
            uint64_t w = aa_w8_load(s + i);

            if ((aa_w8_unprintable(w) | aa_w8_is(w, '[') |
                 (lead ? aa_w8_is(w, ':') : 0)) != 0)
                break;
            if (w != AA_W8_ONES * ' ')
                lead = 0;
            i += 8;
        }
        if (i >= n)
            break;
        /* Fewer than eight bytes left: the word that ends the text (some
         * of its bytes passed already) at once, when the line has begun,
         * as most short texts (a file name, a pointer, an id) end. */
        if (i + 8 > n && n >= 8 && !lead) {
            uint64_t w = aa_w8_load(s + n - 8);

            if ((aa_w8_unprintable(w) | aa_w8_is(w, '[')) == 0) {
                i = n;
                break;
            }
        }
        /* Most of any text: printable ASCII that neither starts a CI
         * command nor is a blank, kept as it is without decoding. */
        if ((unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0x7f &&
            (s[i] != ':' || !lead) && s[i] != '[') {
            lead = 0;
            i++;
            continue;
        }
        if (s[i] == ' ') { /* a blank: the line may still start after it */
            i++;
            continue;
        }
        k->high |= (unsigned char)s[i] >= 0x80;
        len = aa_text_decode(s + i, n - i, &cp);
        if (cp == ':' && lead && i + 1 < n && s[i + 1] == ':')
            sub = "\\x3a";
        else if (cp == '[' && opens_command(s, i))
            sub = "\\x5b";
        else if (aa_text_unsafe(cp) && !(cp == '\t' && (flags & AA_TEXT_TAB))) {
            visible(vis, s + i, cp);
            sub = vis;
        }
        if (sub != NULL) {
            k->changed = 1;
            if (k->probe)
                return;
            emit(k, s + done, i - done);
            emit(k, sub, strlen(sub));
            done = i + len;
            lead = 0;
        } else if (!blank(cp)) {
            lead = 0;
        }
        i += len;
    }
    emit(k, s + done, i - done);
}

void
aa_tout_init(struct aa_tout *t, FILE *fp)
{
    t->fp = fp;
    t->buf = t->room;
    t->len = 0;
    t->cap = sizeof(t->room);
    t->flushes = 0;
}

void
aa_tout_init_mem(struct aa_tout *t)
{
    t->fp = NULL;
    t->len = 0;
    t->cap = 64 * 1024;
    t->buf = aa_xmalloc(t->cap);
    t->flushes = 0;
}

void
aa_tout_fini(struct aa_tout *t)
{
    if (t->buf != t->room)
        free(t->buf);
    t->buf = NULL;
    t->len = t->cap = 0;
}

void
aa_tout_flush(struct aa_tout *t)
{
    if (t->fp == NULL)
        return;
    if (t->len > 0)
        fwrite(t->buf, 1, t->len, t->fp);
    t->len = 0;
    t->flushes++;
}

void
aa_tout_spill(struct aa_tout *t, const char *p, size_t n)
{
    if (t->fp == NULL) {
        if (n > SIZE_MAX / 4 - t->len)
            aa_oom();
        while (n > t->cap - t->len)
            t->cap *= 2;
        t->buf = aa_xrealloc(t->buf, t->cap, 1);
        memcpy(t->buf + t->len, p, n);
        t->len += n;
        return;
    }
    aa_tout_flush(t);
    if (n >= t->cap) {
        fwrite(p, 1, n, t->fp);
        return;
    }
    memcpy(t->buf, p, n);
    t->len = n;
}

static void
tout_putn(struct aa_tout *t, const char *s, size_t n, unsigned flags)
{
    struct sink k = {t, {NULL, 0, 0, NULL}, 0, 0, 0};

    escape(&k, s, n, flags);
}

void
aa_tout_text(struct aa_tout *t, const char *s, unsigned flags)
{
    tout_putn(t, s, strlen(s), flags);
}

void
aa_text_putn(FILE *fp, const char *s, size_t n, unsigned flags)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    tout_putn(&t, s, n, flags);
    aa_tout_flush(&t);
}

void
aa_text_put(FILE *fp, const char *s, unsigned flags)
{
    aa_text_putn(fp, s, strlen(s), flags);
}

char *
aa_text_dup(const char *s, unsigned flags)
{
    struct sink k = {NULL, {NULL, 0, 0, NULL}, 0, 0, 0};

    escape(&k, s, strlen(s), flags);
    return k.b.s != NULL ? k.b.s : aa_xstrdup("");
}

void
aa_vmessage(FILE *fp, const char *fmt, va_list ap)
{
    char *s = NULL;
    va_list copy;
    int n;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    s = aa_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    fputs("attrib-advise: ", fp);
    aa_text_put(fp, s, 0);
    fputc('\n', fp);
    free(s);
}

void
aa_message(FILE *fp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    aa_vmessage(fp, fmt, ap);
    va_end(ap);
}

/* ---- display width ------------------------------------------------ */

/*
 * Terminal columns.  The spans below are those of the C library's
 * wcwidth (glibc 2.36, Unicode 15): what terminals and 'wc -L' count, so
 * a line measured here is as wide as it shows.  Zero: combining marks,
 * format characters and the Hangul vowels and finals that join a
 * syllable; two: East Asian Wide and Fullwidth, emoji among them.
 * Unassigned code points between two spans of a kind count as it does.
 */
struct span {
    long lo, hi;
};

/* clang-format off */
static const struct span zero_spans[] = {
    {0x300, 0x36f}, {0x483, 0x489}, {0x591, 0x5bd}, {0x5bf, 0x5bf},
    {0x5c1, 0x5c2}, {0x5c4, 0x5c5}, {0x5c7, 0x5c7}, {0x610, 0x61a},
    {0x61c, 0x61c}, {0x64b, 0x65f}, {0x670, 0x670}, {0x6d6, 0x6dc},
    {0x6df, 0x6e4}, {0x6e7, 0x6e8}, {0x6ea, 0x6ed}, {0x711, 0x711},
    {0x730, 0x74a}, {0x7a6, 0x7b0}, {0x7eb, 0x7f3}, {0x7fd, 0x7fd},
    {0x816, 0x819}, {0x81b, 0x823}, {0x825, 0x827}, {0x829, 0x82d},
    {0x859, 0x85b}, {0x898, 0x89f}, {0x8ca, 0x8e1}, {0x8e3, 0x902},
    {0x93a, 0x93a}, {0x93c, 0x93c}, {0x941, 0x948}, {0x94d, 0x94d},
    {0x951, 0x957}, {0x962, 0x963}, {0x981, 0x981}, {0x9bc, 0x9bc},
    {0x9c1, 0x9c4}, {0x9cd, 0x9cd}, {0x9e2, 0x9e3}, {0x9fe, 0xa02},
    {0xa3c, 0xa3c}, {0xa41, 0xa51}, {0xa70, 0xa71}, {0xa75, 0xa75},
    {0xa81, 0xa82}, {0xabc, 0xabc}, {0xac1, 0xac8}, {0xacd, 0xacd},
    {0xae2, 0xae3}, {0xafa, 0xb01}, {0xb3c, 0xb3c}, {0xb3f, 0xb3f},
    {0xb41, 0xb44}, {0xb4d, 0xb56}, {0xb62, 0xb63}, {0xb82, 0xb82},
    {0xbc0, 0xbc0}, {0xbcd, 0xbcd}, {0xc00, 0xc00}, {0xc04, 0xc04},
    {0xc3c, 0xc3c}, {0xc3e, 0xc40}, {0xc46, 0xc56}, {0xc62, 0xc63},
    {0xc81, 0xc81}, {0xcbc, 0xcbc}, {0xcbf, 0xcbf}, {0xcc6, 0xcc6},
    {0xccc, 0xccd}, {0xce2, 0xce3}, {0xd00, 0xd01}, {0xd3b, 0xd3c},
    {0xd41, 0xd44}, {0xd4d, 0xd4d}, {0xd62, 0xd63}, {0xd81, 0xd81},
    {0xdca, 0xdca}, {0xdd2, 0xdd6}, {0xe31, 0xe31}, {0xe34, 0xe3a},
    {0xe47, 0xe4e}, {0xeb1, 0xeb1}, {0xeb4, 0xebc}, {0xec8, 0xecd},
    {0xf18, 0xf19}, {0xf35, 0xf35}, {0xf37, 0xf37}, {0xf39, 0xf39},
    {0xf71, 0xf7e}, {0xf80, 0xf84}, {0xf86, 0xf87}, {0xf8d, 0xfbc},
    {0xfc6, 0xfc6}, {0x102d, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103a},
    {0x103d, 0x103e}, {0x1058, 0x1059}, {0x105e, 0x1060}, {0x1071, 0x1074},
    {0x1082, 0x1082}, {0x1085, 0x1086}, {0x108d, 0x108d}, {0x109d, 0x109d},
    {0x1160, 0x11ff}, {0x135d, 0x135f}, {0x1712, 0x1714}, {0x1732, 0x1733},
    {0x1752, 0x1753}, {0x1772, 0x1773}, {0x17b4, 0x17b5}, {0x17b7, 0x17bd},
    {0x17c6, 0x17c6}, {0x17c9, 0x17d3}, {0x17dd, 0x17dd}, {0x180b, 0x180f},
    {0x1885, 0x1886}, {0x18a9, 0x18a9}, {0x1920, 0x1922}, {0x1927, 0x1928},
    {0x1932, 0x1932}, {0x1939, 0x193b}, {0x1a17, 0x1a18}, {0x1a1b, 0x1a1b},
    {0x1a56, 0x1a56}, {0x1a58, 0x1a60}, {0x1a62, 0x1a62}, {0x1a65, 0x1a6c},
    {0x1a73, 0x1a7f}, {0x1ab0, 0x1b03}, {0x1b34, 0x1b34}, {0x1b36, 0x1b3a},
    {0x1b3c, 0x1b3c}, {0x1b42, 0x1b42}, {0x1b6b, 0x1b73}, {0x1b80, 0x1b81},
    {0x1ba2, 0x1ba5}, {0x1ba8, 0x1ba9}, {0x1bab, 0x1bad}, {0x1be6, 0x1be6},
    {0x1be8, 0x1be9}, {0x1bed, 0x1bed}, {0x1bef, 0x1bf1}, {0x1c2c, 0x1c33},
    {0x1c36, 0x1c37}, {0x1cd0, 0x1cd2}, {0x1cd4, 0x1ce0}, {0x1ce2, 0x1ce8},
    {0x1ced, 0x1ced}, {0x1cf4, 0x1cf4}, {0x1cf8, 0x1cf9}, {0x1dc0, 0x1dff},
    {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x206f}, {0x20d0, 0x20f0},
    {0x2cef, 0x2cf1}, {0x2d7f, 0x2d7f}, {0x2de0, 0x2dff}, {0x302a, 0x302d},
    {0x3099, 0x309a}, {0xa66f, 0xa672}, {0xa674, 0xa67d}, {0xa69e, 0xa69f},
    {0xa6f0, 0xa6f1}, {0xa802, 0xa802}, {0xa806, 0xa806}, {0xa80b, 0xa80b},
    {0xa825, 0xa826}, {0xa82c, 0xa82c}, {0xa8c4, 0xa8c5}, {0xa8e0, 0xa8f1},
    {0xa8ff, 0xa8ff}, {0xa926, 0xa92d}, {0xa947, 0xa951}, {0xa980, 0xa982},
    {0xa9b3, 0xa9b3}, {0xa9b6, 0xa9b9}, {0xa9bc, 0xa9bd}, {0xa9e5, 0xa9e5},
    {0xaa29, 0xaa2e}, {0xaa31, 0xaa32}, {0xaa35, 0xaa36}, {0xaa43, 0xaa43},
    {0xaa4c, 0xaa4c}, {0xaa7c, 0xaa7c}, {0xaab0, 0xaab0}, {0xaab2, 0xaab4},
    {0xaab7, 0xaab8}, {0xaabe, 0xaabf}, {0xaac1, 0xaac1}, {0xaaec, 0xaaed},
    {0xaaf6, 0xaaf6}, {0xabe5, 0xabe5}, {0xabe8, 0xabe8}, {0xabed, 0xabed},
    {0xd7b0, 0xd7fb}, {0xfb1e, 0xfb1e}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f},
    {0xfeff, 0xfeff}, {0xfff9, 0xfffb}, {0x101fd, 0x101fd}, {0x102e0, 0x102e0},
    {0x10376, 0x1037a}, {0x10a01, 0x10a0f}, {0x10a38, 0x10a3f},
    {0x10ae5, 0x10ae6}, {0x10d24, 0x10d27}, {0x10eab, 0x10eac},
    {0x10f46, 0x10f50}, {0x10f82, 0x10f85}, {0x11001, 0x11001},
    {0x11038, 0x11046}, {0x11070, 0x11070}, {0x11073, 0x11074},
    {0x1107f, 0x11081}, {0x110b3, 0x110b6}, {0x110b9, 0x110ba},
    {0x110c2, 0x110c2}, {0x11100, 0x11102}, {0x11127, 0x1112b},
    {0x1112d, 0x11134}, {0x11173, 0x11173}, {0x11180, 0x11181},
    {0x111b6, 0x111be}, {0x111c9, 0x111cc}, {0x111cf, 0x111cf},
    {0x1122f, 0x11231}, {0x11234, 0x11234}, {0x11236, 0x11237},
    {0x1123e, 0x1123e}, {0x112df, 0x112df}, {0x112e3, 0x112ea},
    {0x11300, 0x11301}, {0x1133b, 0x1133c}, {0x11340, 0x11340},
    {0x11366, 0x11374}, {0x11438, 0x1143f}, {0x11442, 0x11444},
    {0x11446, 0x11446}, {0x1145e, 0x1145e}, {0x114b3, 0x114b8},
    {0x114ba, 0x114ba}, {0x114bf, 0x114c0}, {0x114c2, 0x114c3},
    {0x115b2, 0x115b5}, {0x115bc, 0x115bd}, {0x115bf, 0x115c0},
    {0x115dc, 0x115dd}, {0x11633, 0x1163a}, {0x1163d, 0x1163d},
    {0x1163f, 0x11640}, {0x116ab, 0x116ab}, {0x116ad, 0x116ad},
    {0x116b0, 0x116b5}, {0x116b7, 0x116b7}, {0x1171d, 0x1171f},
    {0x11722, 0x11725}, {0x11727, 0x1172b}, {0x1182f, 0x11837},
    {0x11839, 0x1183a}, {0x1193b, 0x1193c}, {0x1193e, 0x1193e},
    {0x11943, 0x11943}, {0x119d4, 0x119db}, {0x119e0, 0x119e0},
    {0x11a01, 0x11a0a}, {0x11a33, 0x11a38}, {0x11a3b, 0x11a3e},
    {0x11a47, 0x11a47}, {0x11a51, 0x11a56}, {0x11a59, 0x11a5b},
    {0x11a8a, 0x11a96}, {0x11a98, 0x11a99}, {0x11c30, 0x11c3d},
    {0x11c3f, 0x11c3f}, {0x11c92, 0x11ca7}, {0x11caa, 0x11cb0},
    {0x11cb2, 0x11cb3}, {0x11cb5, 0x11cb6}, {0x11d31, 0x11d45},
    {0x11d47, 0x11d47}, {0x11d90, 0x11d91}, {0x11d95, 0x11d95},
    {0x11d97, 0x11d97}, {0x11ef3, 0x11ef4}, {0x13430, 0x13438},
    {0x16af0, 0x16af4}, {0x16b30, 0x16b36}, {0x16f4f, 0x16f4f},
    {0x16f8f, 0x16f92}, {0x16fe4, 0x16fe4}, {0x1bc9d, 0x1bc9e},
    {0x1bca0, 0x1cf46}, {0x1d167, 0x1d169}, {0x1d173, 0x1d182},
    {0x1d185, 0x1d18b}, {0x1d1aa, 0x1d1ad}, {0x1d242, 0x1d244},
    {0x1da00, 0x1da36}, {0x1da3b, 0x1da6c}, {0x1da75, 0x1da75},
    {0x1da84, 0x1da84}, {0x1da9b, 0x1daaf}, {0x1e000, 0x1e02a},
    {0x1e130, 0x1e136}, {0x1e2ae, 0x1e2ae}, {0x1e2ec, 0x1e2ef},
    {0x1e8d0, 0x1e8d6}, {0x1e944, 0x1e94a}, {0xe0001, 0xe01ef},
};

static const struct span wide_spans[] = {
    {0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec},
    {0x23f0, 0x23f0}, {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615},
    {0x2648, 0x2653}, {0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
    {0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5}, {0x26ce, 0x26ce},
    {0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
    {0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
    {0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755},
    {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27b0, 0x27b0}, {0x27bf, 0x27bf},
    {0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x3029},
    {0x302e, 0x303e}, {0x3041, 0x3096}, {0x309b, 0xa4c6}, {0xa960, 0xa97c},
    {0xac00, 0xd7a3}, {0xf900, 0xfad9}, {0xfe10, 0xfe19}, {0xfe30, 0xfe6b},
    {0xff01, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe3}, {0x16ff0, 0x1b2fb},
    {0x1f004, 0x1f004}, {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e},
    {0x1f191, 0x1f19a}, {0x1f200, 0x1f320}, {0x1f32d, 0x1f335},
    {0x1f337, 0x1f37c}, {0x1f37e, 0x1f393}, {0x1f3a0, 0x1f3ca},
    {0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0}, {0x1f3f4, 0x1f3f4},
    {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440}, {0x1f442, 0x1f4fc},
    {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e}, {0x1f550, 0x1f567},
    {0x1f57a, 0x1f57a}, {0x1f595, 0x1f596}, {0x1f5a4, 0x1f5a4},
    {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5}, {0x1f6cc, 0x1f6cc},
    {0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6df}, {0x1f6eb, 0x1f6ec},
    {0x1f6f4, 0x1f6fc}, {0x1f7e0, 0x1f7f0}, {0x1f90c, 0x1f93a},
    {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff}, {0x1fa70, 0x1faf6},
    {0x20000, 0x3134a},
};
/* clang-format on */

static int
in_spans(long cp, const struct span *v, size_t n)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cp < v[mid].lo)
            hi = mid;
        else if (cp > v[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

#define NSPANS(v) (sizeof(v) / sizeof((v)[0]))

static size_t
columns(long cp)
{
    if (cp < 0x300)
        return 1; /* ASCII, Latin-1, and a byte that is not UTF-8 */
    if (in_spans(cp, zero_spans, NSPANS(zero_spans)))
        return 0;
    return in_spans(cp, wide_spans, NSPANS(wide_spans)) ? 2 : 1;
}

/* The character at s (n bytes left): its length, and its columns in
 * *cols.  ASCII, most of any text, is not decoded. */
static size_t
step(const char *s, size_t n, size_t *cols)
{
    long cp;
    size_t len;

    if ((unsigned char)*s < 0x80) {
        *cols = 1;
        return 1;
    }
    len = aa_text_decode(s, n, &cp);
    *cols = columns(cp);
    return len;
}

/* Past the ASCII bytes from i (a column each, as step counts them),
 * eight at a time, then one at a time. */
static size_t
ascii_run(const char *s, size_t i, size_t n)
{
    while (i + 8 <= n && aa_w8_high(aa_w8_load(s + i)) == 0)
        i += 8;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

char *
aa_text_digits(char *end, unsigned long long n)
{
    do
        *--end = (char)('0' + (int)(n % 10));
    while ((n /= 10) != 0);
    return end;
}

void
aa_tout_pad(struct aa_tout *t, int n)
{
    static const char blanks[] = "                                ";

    if (n < 0) /* a negative width pads on the left in printf: as many */
        n = n > -1000000 ? -n : 0;
    /* Most pads are a few blanks: all 32 copied, which the compiler
     * inlines, and n of them kept (the bytes past len are not output). */
    if (n <= (int)sizeof(blanks) - 1 && t->cap - t->len >= sizeof(blanks) - 1) {
        memcpy(t->buf + t->len, blanks, sizeof(blanks) - 1);
        t->len += (size_t)n;
        return;
    }
    for (; n > 0; n -= (int)sizeof(blanks) - 1)
        aa_tout_put(t, blanks,
                    n < (int)sizeof(blanks) - 1 ? (size_t)n
                                                : sizeof(blanks) - 1);
}

void
aa_text_pad(FILE *fp, int n)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    aa_tout_pad(&t, n);
    aa_tout_flush(&t);
}

size_t
aa_text_width(const char *s, size_t n)
{
    size_t w = 0, c;

    for (size_t i = 0; i < n; w += c) {
        size_t j = ascii_run(s, i, n);

        w += j - i;
        i = j;
        c = 0;
        if (i < n)
            i += step(s + i, n - i, &c);
    }
    return w;
}

/* The bytes of s (n of them) that fit in 'room' columns, whole
 * characters only; at least one character. */
static size_t
fit(const char *s, size_t n, size_t room)
{
    size_t i = 0, w = 0;

    while (i < n) {
        size_t j = ascii_run(s, i, n), c, len;

        if (j > i) {
            size_t can = room > w ? room - w : 0;

            if (i == 0 && can == 0)
                can = 1;
            if (can < j - i)
                return i + can;
            w += j - i;
            i = j;
            continue;
        }
        len = step(s + i, n - i, &c);

        if (w + c > room && i > 0)
            break;
        w += c;
        i += len;
    }
    return i;
}

/* A line is at least 40 columns, and a continuation line keeps 20 of
 * them for text, however deep its indent. */
static int
line_width(int width)
{
    return width < 40 ? 40 : width;
}

static int
line_indent(int indent, int width)
{
    return indent < 0 ? 0 : indent > width - 20 ? width - 20 : indent;
}

/* Where to break inside one word s[lo..cut) (cut: the bytes that fit):
 * after the last '/' when it leaves at least half the room used, as
 * paths and pointers read best cut at a '/', else after the last '.',
 * '-', '_', ',' or '/' (after a run of them: "a__b" breaks as "a__" and
 * "b"); 0 when none is past lo. */
/* Whether a word may break between s[k - 1] and s[k]. */
static int
after_separator(const char *s, size_t k)
{
    return strchr("/.-_,", s[k - 1]) != NULL && strchr("/.-_,", s[k]) == NULL;
}

static size_t
word_break(const char *s, size_t lo, size_t cut)
{
    size_t k, slash = 0;

    /* Never inside a run of them: "a__b" breaks as "a__" and "b". */
    for (k = cut; k > lo + 1 && !after_separator(s, k); k--)
        ;
    if (k <= lo + 1)
        return 0;
    for (size_t j = k; j > lo + 1 && slash == 0; j--)
        if (s[j - 1] == '/' && after_separator(s, j))
            slash = j;
    if (slash > 0 && slash - lo >= (cut - lo) / 2)
        return slash;
    return k;
}

/*
 * Where the line breaks in s (n bytes, escaped), of which 'cut' fit in
 * the room left: at the last space that fits (the one just past the text
 * counts, the line is then exactly full), unless the word after it fits
 * on no line at all, which then starts here; a word longer than the room
 * is broken after a separator, or where the line is full.  0: nothing
 * fits, start a new line first (only when 'later', that is when a new
 * line would have more room).
 */
static size_t
line_break(const char *s, size_t n, size_t cut, size_t line_room, int later,
           int ascii)
{
    size_t lead = 0, sp = cut, k;

    while (lead < n && s[lead] == ' ')
        lead++;
    /* A space with text before it on this line. */
    while (sp > lead && s[sp] != ' ')
        sp--;
    if (sp > lead) {
        size_t w = sp, e;

        while (s[w] == ' ')
            w++;
        for (e = w; e < n && s[e] != ' '; e++)
            ;
        /* A word that fits on no line is broken anyway: here, at a
         * separator or else where the line is full (text without spaces,
         * such as Japanese, breaks between any two characters). */
        if ((ascii ? e - w : aa_text_width(s + w, e - w)) > line_room &&
            w < cut)
            return (k = word_break(s, w, cut)) > 0 ? k : cut;
        /* No blank at the end of a line. */
        while (sp > lead && s[sp - 1] == ' ')
            sp--;
        return sp;
    }
    if (later)
        return 0;
    k = word_break(s, lead, cut);
    return k > 0 ? k : cut;
}

/* Whether an escaped line (s, n bytes) starts, after blanks, with "::":
 * the one thing that escaping it again as a line start would change. */
static int
starts_command(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        long cp;
        size_t len = aa_text_decode(s + i, n - i, &cp);

        if (!blank(cp))
            break;
        i += len;
    }
    return i + 1 < n && s[i] == ':' && s[i + 1] == ':';
}

/* aa_text_flow of text already escaped with flags & ~AA_TEXT_LINE;
 * 'ascii' when it is all ASCII, a column a byte, so no measure walks it. */
static int
flow_escaped(struct aa_tout *t, const char *e, size_t len, int col, int indent,
             int width, unsigned flags, int ascii)
{
    const char *s = e, *end = e + len;
    unsigned line = flags & AA_TEXT_LINE;

    width = line_width(width);
    indent = line_indent(indent, width);
    while (*s != '\0') {
        size_t room = col < width ? (size_t)(width - col) : 0;
        size_t n = (size_t)(end - s), cut;
        /* A line that starts with "::" (a CI command) shows its first ':'
         * as \x3a, three columns more, escaped again below. */
        int cmd = line && starts_command(s, n);

        room = cmd ? (room > 3 ? room - 3 : 0) : room;
        /* At least one character, as fit() gives. */
        cut = !ascii ? fit(s, n, room) : n <= room ? n : room > 0 ? room : 1;
        if (cut < n)
            cut = line_break(s, n, cut,
                             (size_t)(width - indent) - (size_t)(cmd ? 3 : 0),
                             col > indent, ascii);
        if (cut > 0) {
            /* Again, for what starts a line now ("::" in a CI log). */
            if (cmd && starts_command(s, cut)) {
                tout_putn(t, s, cut, line | (flags & AA_TEXT_TAB));
                col += 3;
            } else {
                aa_tout_put(t, s, cut);
            }
            col += (int)(ascii ? cut : aa_text_width(s, cut));
            s += cut;
            if (*s == '\0')
                break;
            while (*s == ' ')
                s++;
            if (*s == '\0')
                break;
        }
        aa_tout_putc(t, '\n');
        aa_tout_pad(t, indent);
        line = AA_TEXT_LINE;
        col = indent;
    }
    return col;
}

/* text escaped with flags: text itself where escaping changes nothing
 * (most texts), else a copy that *to_free owns. */
static const char *
escaped(const char *text, unsigned flags, char **to_free, size_t *len,
        int *ascii)
{
    struct sink k = {NULL, {NULL, 0, 0, NULL}, 1, 0, 0};

    *len = strlen(text);
    escape(&k, text, *len, flags);
    /* The probe stops at the first change, before it has seen it all. */
    *ascii = !k.changed && !k.high;
    if (!k.changed) {
        *to_free = NULL;
        return text;
    }
    *to_free = aa_text_dup(text, flags);
    *len = strlen(*to_free);
    return *to_free;
}

/*
 * The bytes of a text of at most 'room' bytes shown as it is, one column
 * each, or NOT_PLAIN: most texts put beside others (a file name and
 * position, a pointer, a fact ID) are printable ASCII that fits where it
 * goes, and need neither the escaper nor the line breaker.  Not '[',
 * which may close "##[" and open a CI command; under AA_TEXT_LINE, not a
 * text that starts with a blank or a ':', where a line's "::" would.  Any
 * other flag: not plain.
 */
#define NOT_PLAIN ((size_t)-1)
static int
odd(uint64_t w)
{
    return (aa_w8_unprintable(w) | aa_w8_is(w, '[')) != 0;
}

static size_t
plain(const char *text, unsigned flags, size_t room)
{
    size_t i, n;

    if ((flags & ~(unsigned)AA_TEXT_LINE) != 0 ||
        ((flags & AA_TEXT_LINE) && (text[0] == ':' || text[0] == ' ')))
        return NOT_PLAIN;
    /* Measured first (strnlen stops at the NUL), then eight bytes at a
     * time, the last few in a word of blanks, which pass. */
    if ((n = strnlen(text, room + 1)) > room)
        return NOT_PLAIN;
    for (i = 0; i + 8 <= n; i += 8)
        if (odd(aa_w8_load(text + i)))
            return NOT_PLAIN;
    if (i < n) {
        uint64_t w = AA_W8_ONES * ' ';

        memcpy(&w, text + i, n - i);
        if (odd(w))
            return NOT_PLAIN;
    }
    return n;
}

int
aa_tout_flow(struct aa_tout *t, const char *text, int col, int indent,
             int width, unsigned flags)
{
    char *copy;
    size_t len;
    int ascii;
    const char *e =
        escaped(text, flags & ~(unsigned)AA_TEXT_LINE, &copy, &len, &ascii);

    col = flow_escaped(t, e, len, col, indent, width, flags, ascii);
    free(copy);
    return col;
}

void
aa_tout_wrap(struct aa_tout *t, const char *text, int col, int indent,
             int width, unsigned flags)
{
    aa_tout_flow(t, text, col, indent, width, flags);
    aa_tout_putc(t, '\n');
}

int
aa_text_flow(FILE *fp, const char *text, int col, int indent, int width,
             unsigned flags)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    col = aa_tout_flow(&t, text, col, indent, width, flags);
    aa_tout_flush(&t);
    return col;
}

void
aa_text_wrap(FILE *fp, const char *text, int col, int indent, int width,
             unsigned flags)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    aa_tout_wrap(&t, text, col, indent, width, flags);
    aa_tout_flush(&t);
}

FILE *
aa_text_line_start(struct aa_text_line *l)
{
    l->buf = NULL;
    l->len = 0;
    if ((l->fp = open_memstream(&l->buf, &l->len)) == NULL)
        aa_oom();
    return l->fp;
}

void
aa_text_line_end(struct aa_text_line *l, FILE *out, int indent, int width)
{
    if (fclose(l->fp) != 0 || l->buf == NULL)
        aa_oom();
    aa_text_wrap(out, l->buf, 0, indent, width, AA_TEXT_LINE);
    free(l->buf);
    l->fp = NULL;
    l->buf = NULL;
}

void
aa_text_print(FILE *fp, const char *text, int col, int indent, int width)
{
    aa_text_wrap(fp, text, col, indent, width, col == 0 ? AA_TEXT_LINE : 0);
}

int
aa_tout_next(struct aa_tout *t, const char *text, int col, int gap, int indent,
             int width, unsigned flags)
{
    char *copy;
    size_t len, w;
    int ascii;
    const char *e;
    int room = line_width(width) - col - gap;

    if (room >= 0 && (len = plain(text, flags, (size_t)room)) != NOT_PLAIN) {
        aa_tout_pad(t, gap);
        aa_tout_put(t, text, len);
        return col + gap + (int)len;
    }
    e = escaped(text, flags & ~(unsigned)AA_TEXT_LINE, &copy, &len, &ascii);

    /* Measured as shown without a tab kept: the same text as e unless
     * tabs are kept. */
    if (flags & AA_TEXT_TAB) {
        char *m = aa_text_dup(text, 0);

        w = aa_text_width(m, strlen(m));
        free(m);
    } else {
        w = ascii ? len : aa_text_width(e, len);
    }
    width = line_width(width);
    if ((size_t)col + (size_t)gap + w <= (size_t)width || col <= indent) {
        aa_tout_pad(t, gap);
        col = flow_escaped(t, e, len, col + gap, indent, width, flags, ascii);
    } else {
        indent = line_indent(indent, width);
        aa_tout_putc(t, '\n');
        aa_tout_pad(t, indent);
        col = flow_escaped(t, e, len, indent, indent, width,
                           flags | AA_TEXT_LINE, ascii);
    }
    free(copy);
    return col;
}

int
aa_text_next(FILE *fp, const char *text, int col, int gap, int indent,
             int width, unsigned flags)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    col = aa_tout_next(&t, text, col, gap, indent, width, flags);
    aa_tout_flush(&t);
    return col;
}

void
aa_tout_clip(struct aa_tout *t, const char *s, size_t n, int col, int width,
             unsigned flags)
{
    struct sink k = {NULL, {NULL, 0, 0, NULL}, 0, 0, 0};
    size_t i = 0, keep = 0;
    size_t c = col > 0 ? (size_t)col : 0, end = (size_t)line_width(width);
    /* A command of a text page is clipped to its line: most fit here,
     * without a malloc and a free for each. */
    char room[512];

    aa_buf_init(&k.b, room, sizeof(room));
    escape(&k, s, n, flags);
    /* Up to the last character that leaves room for the mark. */
    while (i < k.b.n) {
        long cp;
        size_t len = aa_text_decode(k.b.s + i, k.b.n - i, &cp);

        c = cp == '\t' ? (c / 8 + 1) * 8 : c + columns(cp);
        if (c > end)
            break;
        i += len;
        if (c + 2 <= end)
            keep = i;
    }
    if (i == k.b.n) {
        aa_tout_put(t, k.b.s, k.b.n);
    } else {
        while (keep > 0 && (k.b.s[keep - 1] == ' ' || k.b.s[keep - 1] == '\t'))
            keep--;
        aa_tout_put(t, k.b.s, keep);
        aa_tout_puts(t, " \xe2\x80\xa6"); /* U+2026, one column */
    }
    aa_buf_fini(&k.b);
}

void
aa_text_clip(FILE *fp, const char *s, size_t n, int col, int width,
             unsigned flags)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    aa_tout_clip(&t, s, n, col, width, flags);
    aa_tout_flush(&t);
}
