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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "attrib_advise.h"

/* Output to a stream, or to a growing heap string when fp is NULL. */
struct sink {
    FILE *fp;
    char *s;
    size_t len, cap;
};

static void
emit(struct sink *k, const char *p, size_t n)
{
    if (n == 0)
        return;
    if (k->fp != NULL) {
        fwrite(p, 1, n, k->fp);
        return;
    }
    while (k->len + n + 1 > k->cap) {
        k->cap = k->cap ? k->cap * 2 : 64;
        k->s = aa_xrealloc(k->s, k->cap, 1);
    }
    memcpy(k->s + k->len, p, n);
    k->len += n;
    k->s[k->len] = '\0';
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
aa_text_putn(FILE *fp, const char *s, size_t n, unsigned flags)
{
    struct sink k = {fp, NULL, 0, 0};

    escape(&k, s, n, flags);
}

void
aa_text_put(FILE *fp, const char *s, unsigned flags)
{
    aa_text_putn(fp, s, strlen(s), flags);
}

char *
aa_text_dup(const char *s, unsigned flags)
{
    struct sink k = {NULL, NULL, 0, 0};

    escape(&k, s, strlen(s), flags);
    if (k.s == NULL)
        k.s = aa_xstrdup("");
    return k.s;
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

/* Characters that take no column: combining marks of the common scripts
 * and the default-ignorable ones. */
static int
zero_width(long cp)
{
    return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x483 && cp <= 0x489) ||
           (cp >= 0x591 && cp <= 0x5bd) || (cp >= 0x610 && cp <= 0x61a) ||
           (cp >= 0x64b && cp <= 0x65f) || (cp >= 0x900 && cp <= 0x902) ||
           (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
           (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f) ||
           ignorable(cp);
}

/* East Asian Wide and Fullwidth, and the emoji that terminals draw two
 * columns wide. */
static int
wide(long cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
           (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
           (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
           (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
           (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

static size_t
columns(long cp)
{
    return cp < 0 ? 1 : zero_width(cp) ? 0 : wide(cp) ? 2 : 1;
}

size_t
aa_text_width(const char *s, size_t n)
{
    size_t w = 0;

    for (size_t i = 0; i < n;) {
        long cp;

        i += aa_text_decode(s + i, n - i, &cp);
        w += columns(cp);
    }
    return w;
}

/* The bytes of s (n of them) that fit in 'room' columns, whole
 * characters only; at least one character. */
static size_t
fit(const char *s, size_t n, size_t room, size_t *used)
{
    size_t i = 0, w = 0;

    while (i < n) {
        long cp;
        size_t len = aa_text_decode(s + i, n - i, &cp), c = columns(cp);

        if (w + c > room && i > 0)
            break;
        w += c;
        i += len;
    }
    *used = w;
    return i;
}

void
aa_text_wrap(FILE *fp, const char *text, int col, int indent, int width,
             unsigned flags)
{
    char *e = aa_text_dup(text, flags & ~(unsigned)AA_TEXT_LINE);
    const char *s = e;
    unsigned line = flags & AA_TEXT_LINE;

    if (width < 40)
        width = 40;
    while (*s != '\0') {
        size_t room = width - col > 20 ? (size_t)(width - col) : 20;
        size_t n = strlen(s), w, cut = fit(s, n, room, &w);

        if (cut < n) {
            size_t sp = cut;

            /* The last space that fits (the one just past the text
             * counts: the line is then exactly full). */
            while (sp > 0 && s[sp] != ' ')
                sp--;
            if (sp > 0) {
                cut = sp;
            } else {
                /* One word longer than the line: after the last
                 * separator that fits, so "/customer/" and "agreement"
                 * stay whole where they can. */
                size_t k = cut;

                while (k > 1 && strchr("/.-_,", s[k - 1]) == NULL)
                    k--;
                if (k > 1)
                    cut = k;
            }
        }
        /* Again, for what starts a line now ("::" in a CI log). */
        aa_text_putn(fp, s, cut, line | (flags & AA_TEXT_TAB));
        fputc('\n', fp);
        line = AA_TEXT_LINE;
        s += cut;
        while (*s == ' ')
            s++;
        if (*s != '\0')
            fprintf(fp, "%*s", indent, "");
        col = indent;
    }
    if (*e == '\0')
        fputc('\n', fp);
    free(e);
}
