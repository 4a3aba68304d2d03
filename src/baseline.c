/*
 * baseline.c -- triage: which findings of a report are shown as active.
 *
 * Evaluation says what is true of a plan; this file decides what of it a
 * run reports as active.  It marks findings suppressed (kept, shown with
 * the reason, never counted) for the scenario's own "x-attrib-suppress"
 * entries, for --ignore, and for the baseline: the findings a team has
 * accepted, so a linter adopted on an existing portfolio fails only on new
 * ones.  Keeping this out of eval.c lets a report be evaluated once and
 * triaged by the caller's policy.
 *
 * A finding is identified by (scenario source, rule, JSON Pointer): stable
 * across runs and across edits elsewhere in the file, unlike line numbers.
 * File format, written and read here only:
 *   {"version": 1, "findings": [{"source": S, "rule": R, "pointer": P}]}
 * sorted, so a baseline diffs cleanly in review.
 */
#include "baseline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "jsonw.h"
#include "limits.h"
#include "report.h"
#include "scenario.h"

struct entry {
    const char *source, *rule, *pointer;
};

/* Entries read from a file point into 'text', where their strings were
 * decoded in place; entries added from reports are copied into 'arena'.
 * So a baseline costs its file plus three pointers an entry. */
struct aa_baseline {
    struct entry *v;
    size_t n, cap;
    int sorted; /* v is in cmp_entry order: aa_baseline_has may bisect */
    char *text;
    struct aa_arena arena;
};

static int cmp_entry(const void *x, const void *y);

struct aa_baseline *
aa_baseline_new(void)
{
    struct aa_baseline *b = aa_xcalloc(1, sizeof(struct aa_baseline));

    aa_arena_init(&b->arena);
    return b;
}

void
aa_baseline_free(struct aa_baseline *b)
{
    if (b == NULL)
        return;
    free(b->v);
    free(b->text);
    aa_arena_fini(&b->arena);
    free(b);
}

static void
push_borrowed(struct aa_baseline *b, const char *source, const char *rule,
              const char *pointer)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = aa_xrealloc(b->v, b->cap, sizeof(*b->v));
    }
    b->v[b->n].source = source;
    b->v[b->n].rule = rule;
    b->v[b->n++].pointer = pointer;
    b->sorted = 0;
}

static void
push(struct aa_baseline *b, const char *source, const char *rule,
     const char *pointer)
{
    push_borrowed(b, aa_arena_strdup(&b->arena, source),
                  aa_arena_strdup(&b->arena, rule),
                  aa_arena_strdup(&b->arena, pointer));
}

int
aa_baseline_has(const struct aa_baseline *b, const char *source,
                const char *rule, const char *pointer)
{
    struct entry key = {source, rule, pointer};

    /* A loaded baseline is sorted: one bisection per finding, so triage
     * stays fast with a million accepted findings. */
    if (b->sorted)
        return b->n > 0 &&
               bsearch(&key, b->v, b->n, sizeof(*b->v), cmp_entry) != NULL;
    for (size_t i = 0; i < b->n; i++)
        if (cmp_entry(&key, &b->v[i]) == 0)
            return 1;
    return 0;
}

void
aa_baseline_add(struct aa_baseline *b, const struct aa_report *rep)
{
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        /* Findings suppressed for another reason need no baseline entry. */
        if (f->suppressed == NULL || f->baseline == AA_BASE_UNCHANGED)
            push(b, rep->source, f->rule, f->pointer);
    }
}

/*
 * Reading.  A baseline is JSON of one fixed shape,
 *
 *   baseline := { "version": 1, "findings": [entry*] }
 *   entry    := { "source": STR, "rule": STR, "pointer": STR }
 *
 * read by a small strict parser of its own rather than cJSON: it keeps the
 * line and column of every token for messages, decodes strings in place
 * (no tree, so memory is the file plus the entries), and needs no second
 * pass.  It stops at the first syntax error; an entry of the wrong shape
 * is reported and reading goes on, up to the 'errors' limit.
 */
struct rd {
    const char *file;
    char *s; /* the text, NUL-terminated; strings are decoded into it */
    size_t len, i;
    unsigned line, col; /* of s[i] */
    struct aa_diags *dl;
    int errors;
    int stop; /* a syntax error or too many errors: read no further */
};

enum jkind { J_OBJECT, J_ARRAY, J_STRING, J_NUMBER, J_BOOL, J_NULL };

static const char *
jkind_name(enum jkind k)
{
    static const char *const names[] = {"an object", "an array",  "a string",
                                        "a number",  "a boolean", "null"};

    return names[k];
}

static void rd_error(struct rd *r, enum aa_code code, struct aa_loc at,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
rd_error(struct rd *r, enum aa_code code, struct aa_loc at, const char *fmt,
         ...)
{
    va_list ap;

    va_start(ap, fmt);
    aa_diag_vadd(r->dl, code, at, NULL, fmt, ap);
    va_end(ap);
    if ((size_t)++r->errors >= aa_limit(AA_LIMIT_ERRORS) && !r->stop) {
        /* Reading stops here, so what follows is not counted. */
        aa_diag_add(r->dl, code, at, NULL,
                    "... reading stopped after %d problems (--limit "
                    "errors=N)",
                    r->errors);
        r->stop = 1;
    }
}

static struct aa_loc
here(const struct rd *r)
{
    struct aa_loc at = {r->file, r->line, r->col};

    return at;
}

/* A syntax error at the current byte: reading ends here. */
static void
syntax(struct rd *r, const char *what)
{
    unsigned char ch = (unsigned char)r->s[r->i];

    if (r->i >= r->len)
        rd_error(r, AA_E_JSON_SYNTAX, here(r),
                 "invalid JSON: unexpected end of input; %s", what);
    else if (r->len - r->i >= 3 && memcmp(r->s + r->i, "\xEF\xBB\xBF", 3) == 0)
        rd_error(r, AA_E_JSON_SYNTAX, here(r),
                 "invalid JSON: a byte order mark may only start the file");
    else if (ch > ' ' && ch < 127)
        rd_error(r, AA_E_JSON_SYNTAX, here(r),
                 "invalid JSON: unexpected '%c'; %s", ch, what);
    else
        rd_error(r, AA_E_JSON_SYNTAX, here(r),
                 "invalid JSON: unexpected byte 0x%02X; %s", ch, what);
    r->stop = 1;
}

/* Step over one byte, keeping line and column (columns count code
 * points, as aa_loc_of_offset does). */
static void
step(struct rd *r)
{
    unsigned char ch = (unsigned char)r->s[r->i++];

    if (ch == '\n') {
        r->line++;
        r->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        r->col++;
    }
}

static void
skip_ws(struct rd *r)
{
    while (r->i < r->len && strchr(" \t\r\n", r->s[r->i]) != NULL &&
           r->s[r->i] != '\0')
        step(r);
}

/* Consume 'ch' after white space, or report a syntax error. */
static int
want(struct rd *r, char ch, const char *what)
{
    skip_ws(r);
    if (r->i < r->len && r->s[r->i] == ch) {
        step(r);
        return 0;
    }
    syntax(r, what);
    return -1;
}

static int
hex4(const char *p, unsigned *out)
{
    *out = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;

        if (d == 16)
            return -1;
        *out = *out << 4 | d;
    }
    return 0;
}

/* Length of the UTF-8 sequence at p (at most n bytes), or 0 if it is not
 * well formed (overlong forms and surrogates included). */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
    size_t k;
    unsigned cp;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        k = 2, cp = p[0] & 0x1Fu;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        k = 3, cp = p[0] & 0x0Fu;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        k = 4, cp = p[0] & 0x07u;
    else
        return 0;
    if (n < k)
        return 0;
    for (size_t j = 1; j < k; j++) {
        if ((p[j] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[j] & 0x3Fu);
    }
    if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

static char *
put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xC0 | cp >> 6);
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = (char)(0xE0 | cp >> 12);
        *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (char)(0xF0 | cp >> 18);
        *w++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/* string := '"' char* '"'  decoded in place (never longer than its JSON
 * form) and NUL-terminated; NULL after a syntax error. */
static char *
read_string(struct rd *r)
{
    char *out = r->s + r->i + 1, *w = out;

    step(r); /* the opening quote */
    for (;;) {
        unsigned char ch;
        unsigned cp, lo;
        size_t k;

        /* Most of a baseline is plain ASCII text in strings: copy a run
         * of it at once, one column a byte. */
        while (r->i < r->len && (ch = (unsigned char)r->s[r->i]) >= 0x20 &&
               ch < 0x80 && ch != '"' && ch != '\\') {
            *w++ = (char)ch;
            r->i++;
            r->col++;
        }
        ch = (unsigned char)r->s[r->i];
        if (r->i >= r->len) {
            syntax(r, "a string is not closed");
            return NULL;
        }
        if (ch == '"') {
            step(r);
            *w = '\0';
            return out;
        }
        if (ch < 0x20) {
            rd_error(r, AA_E_JSON_SYNTAX, here(r),
                     "invalid JSON: control character U+%04X in a string; "
                     "write it as \\u%04X",
                     ch, ch);
            r->stop = 1;
            return NULL;
        }
        if (ch != '\\') {
            if ((k = utf8_len((const unsigned char *)r->s + r->i,
                              r->len - r->i)) == 0) {
                rd_error(r, AA_E_UTF8, here(r),
                         "invalid UTF-8 (byte 0x%02X); baselines must be "
                         "UTF-8",
                         ch);
                r->stop = 1;
                return NULL;
            }
            while (k-- > 0) {
                *w++ = r->s[r->i];
                step(r);
            }
            continue;
        }
        if (r->i + 1 >= r->len) {
            step(r);
            syntax(r, "a string is not closed");
            return NULL;
        }
        ch = (unsigned char)r->s[r->i + 1];
        if (ch != 'u') {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *hit = ch != '\0' ? strchr(from, ch) : NULL;

            if (hit == NULL) {
                rd_error(r, AA_E_JSON_SYNTAX, here(r),
                         "invalid JSON: bad escape in a string");
                r->stop = 1;
                return NULL;
            }
            *w++ = to[hit - from];
            step(r);
            step(r);
            continue;
        }
        if (r->len - r->i < 6 || hex4(r->s + r->i + 2, &cp) != 0) {
            rd_error(r, AA_E_JSON_SYNTAX, here(r),
                     "invalid JSON: '\\u' needs four hexadecimal digits");
            r->stop = 1;
            return NULL;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (r->len - r->i < 12 || r->s[r->i + 6] != '\\' ||
                r->s[r->i + 7] != 'u' || hex4(r->s + r->i + 8, &lo) != 0 ||
                lo < 0xDC00 || lo > 0xDFFF) {
                rd_error(r, AA_E_JSON_SYNTAX, here(r),
                         "invalid JSON: a high surrogate needs a low one");
                r->stop = 1;
                return NULL;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            for (int j = 0; j < 6; j++)
                step(r);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            rd_error(r, AA_E_JSON_SYNTAX, here(r),
                     "invalid JSON: a lone low surrogate");
            r->stop = 1;
            return NULL;
        } else if (cp == 0) {
            /* A NUL would end the C string early: refuse it rather than
             * match a shorter text. */
            rd_error(r, AA_E_JSON_SYNTAX, here(r),
                     "\\u0000 is not allowed in a baseline");
            r->stop = 1;
            return NULL;
        }
        w = put_utf8(w, cp);
        for (int j = 0; j < 6; j++)
            step(r);
    }
}

/* number := '-'? int frac? exp?  (RFC 8259); 1 when it is the integer 1 */
static int
read_number(struct rd *r, int *is_one)
{
    size_t start = r->i;

#define DIGITS()                                                               \
    while (r->i < r->len && r->s[r->i] >= '0' && r->s[r->i] <= '9')            \
    step(r)
    if (r->s[r->i] == '-')
        step(r);
    if (r->i < r->len && r->s[r->i] == '0') {
        step(r);
    } else if (r->i < r->len && r->s[r->i] >= '1' && r->s[r->i] <= '9') {
        DIGITS();
    } else {
        syntax(r, "expected a digit");
        return -1;
    }
    if (r->i < r->len && r->s[r->i] == '.') {
        step(r);
        if (r->i >= r->len || r->s[r->i] < '0' || r->s[r->i] > '9') {
            syntax(r, "expected a digit after '.'");
            return -1;
        }
        DIGITS();
    }
    if (r->i < r->len && (r->s[r->i] == 'e' || r->s[r->i] == 'E')) {
        step(r);
        if (r->i < r->len && (r->s[r->i] == '+' || r->s[r->i] == '-'))
            step(r);
        if (r->i >= r->len || r->s[r->i] < '0' || r->s[r->i] > '9') {
            syntax(r, "expected a digit in the exponent");
            return -1;
        }
        DIGITS();
    }
#undef DIGITS
    if (r->i < r->len && r->s[r->i] >= '0' && r->s[r->i] <= '9') {
        syntax(r, "a number may not start with 0");
        return -1;
    }
    *is_one = r->i - start == 1 && r->s[start] == '1';
    return 0;
}

static int read_value(struct rd *r, size_t depth, enum jkind *kind, char **str,
                      int *is_one);

/* object := '{' (STR ':' value (',' STR ':' value)*)? '}' or array, read
 * and dropped: for values of the wrong type, so that reading can go on. */
static int
skip_container(struct rd *r, size_t depth, int object)
{
    char close = object ? '}' : ']';
    enum jkind k;
    char *str;
    int one;

    if (depth >= aa_limit(AA_LIMIT_DEPTH)) {
        rd_error(r, AA_E_LIMIT, here(r),
                 "nested deeper than %zu levels (--limit depth=N)",
                 aa_limit(AA_LIMIT_DEPTH));
        r->stop = 1;
        return -1;
    }
    step(r);
    skip_ws(r);
    if (r->i < r->len && r->s[r->i] == close) {
        step(r);
        return 0;
    }
    for (;;) {
        if (object) {
            skip_ws(r);
            if (r->i >= r->len || r->s[r->i] != '"') {
                syntax(r, "expected a key in quotes");
                return -1;
            }
            if (read_string(r) == NULL ||
                want(r, ':', "expected ':' after a key") != 0)
                return -1;
        }
        if (read_value(r, depth + 1, &k, &str, &one) != 0)
            return -1;
        skip_ws(r);
        if (r->i < r->len && r->s[r->i] == ',') {
            step(r);
            continue;
        }
        return want(r, close,
                    object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

/* value := object | array | STR | NUMBER | true | false | null
 * Sets *kind; *str for a string; *is_one for the number 1. */
static int
read_value(struct rd *r, size_t depth, enum jkind *kind, char **str,
           int *is_one)
{
    static const char *const words[] = {"true", "false", "null"};

    skip_ws(r);
    *str = NULL;
    *is_one = 0;
    if (r->i >= r->len) {
        syntax(r, "expected a value");
        return -1;
    }
    switch (r->s[r->i]) {
    case '{':
    case '[':
        *kind = r->s[r->i] == '{' ? J_OBJECT : J_ARRAY;
        return skip_container(r, depth, *kind == J_OBJECT);
    case '"':
        *kind = J_STRING;
        return (*str = read_string(r)) != NULL ? 0 : -1;
    default:
        break;
    }
    for (int w = 0; w < 3; w++) {
        size_t n = strlen(words[w]);

        if (r->len - r->i >= n && memcmp(r->s + r->i, words[w], n) == 0) {
            *kind = w < 2 ? J_BOOL : J_NULL;
            for (size_t j = 0; j < n; j++)
                step(r);
            return 0;
        }
    }
    if (r->s[r->i] == '-' || (r->s[r->i] >= '0' && r->s[r->i] <= '9')) {
        *kind = J_NUMBER;
        return read_number(r, is_one);
    }
    syntax(r, "expected a value");
    return -1;
}

/* entry := { "source": STR, "rule": STR, "pointer": STR }, each once. */
static void
read_entry(struct rd *r, struct aa_baseline *b, size_t index)
{
    static const char *const keys[] = {"source", "rule", "pointer"};
    struct aa_loc at = here(r);
    char *val[3] = {NULL, NULL, NULL};
    int seen[3] = {0, 0, 0}, bad = 0;
    enum jkind k;
    char *str;
    int one;

    skip_ws(r);
    at = here(r);
    if (r->i >= r->len || r->s[r->i] != '{') {
        if (read_value(r, 2, &k, &str, &one) == 0)
            rd_error(r, AA_E_SCHEMA, at,
                     "/findings/%zu: expected an object {\"source\", "
                     "\"rule\", \"pointer\"}, got %s",
                     index, jkind_name(k));
        return;
    }
    step(r);
    skip_ws(r);
    if (r->i < r->len && r->s[r->i] == '}') {
        step(r);
    } else {
        for (;;) {
            struct aa_loc kat, vat;
            const char *key;
            int which = -1;

            skip_ws(r);
            kat = here(r);
            if (r->i >= r->len || r->s[r->i] != '"') {
                syntax(r, "expected a key in quotes");
                return;
            }
            if ((key = read_string(r)) == NULL ||
                want(r, ':', "expected ':' after a key") != 0)
                return;
            for (int j = 0; j < 3; j++)
                if (strcmp(key, keys[j]) == 0)
                    which = j;
            skip_ws(r);
            vat = here(r);
            if (read_value(r, 3, &k, &str, &one) != 0)
                return;
            if (which < 0) {
                rd_error(r, AA_E_SCHEMA, kat,
                         "/findings/%zu: unknown key \"%s\"; an entry has "
                         "\"source\", \"rule\" and \"pointer\"",
                         index, key);
                bad = 1;
            } else if (seen[which]) {
                rd_error(r, AA_E_SCHEMA, kat, "/findings/%zu/%s: duplicate key",
                         index, key);
                bad = 1;
            } else if (k != J_STRING) {
                rd_error(r, AA_E_SCHEMA, vat,
                         "/findings/%zu/%s: expected a string, got %s", index,
                         keys[which], jkind_name(k));
                bad = 1;
            }
            if (which >= 0) {
                seen[which] = 1;
                val[which] = str;
            }
            if (r->stop)
                return;
            skip_ws(r);
            if (r->i < r->len && r->s[r->i] == ',') {
                step(r);
                continue;
            }
            if (want(r, '}', "expected ',' or '}'") != 0)
                return;
            break;
        }
    }
    for (int j = 0; j < 3 && !bad; j++)
        if (!seen[j]) {
            rd_error(r, AA_E_SCHEMA, at, "/findings/%zu: missing \"%s\"", index,
                     keys[j]);
            bad = 1;
        }
    if (!bad)
        push_borrowed(b, val[0], val[1], val[2]);
}

/* findings := '[' (entry (',' entry)*)? ']'  at most 'baseline-entries' */
static void
read_findings(struct rd *r, struct aa_baseline *b)
{
    size_t index = 0;

    step(r);
    skip_ws(r);
    if (r->i < r->len && r->s[r->i] == ']') {
        step(r);
        return;
    }
    for (;;) {
        if (index == aa_limit(AA_LIMIT_BASELINE_ENTRIES)) {
            skip_ws(r);
            rd_error(r, AA_E_LIMIT, here(r),
                     "/findings/%zu: more than %zu findings in a baseline "
                     "(--limit baseline-entries=N)",
                     index, index);
            r->stop = 1;
            return;
        }
        read_entry(r, b, index++);
        if (r->stop)
            return;
        skip_ws(r);
        if (r->i < r->len && r->s[r->i] == ',') {
            step(r);
            continue;
        }
        (void)want(r, ']', "expected ',' or ']'");
        return;
    }
}

/* baseline := { "version": 1, "findings": [entry*] }, keys in any order */
static void
read_baseline(struct rd *r, struct aa_baseline *b)
{
    struct aa_loc top;
    int have_version = 0, have_findings = 0;
    enum jkind k;
    char *str;
    int one;

    skip_ws(r);
    top = here(r);
    if (r->i >= r->len) {
        rd_error(r, AA_E_SCHEMA, top,
                 "empty file: expected a baseline {\"version\": 1, "
                 "\"findings\": [...]}");
        return;
    }
    if (r->s[r->i] != '{') {
        if (read_value(r, 0, &k, &str, &one) == 0)
            rd_error(r, AA_E_SCHEMA, top,
                     "/: expected an object {\"version\": 1, \"findings\": "
                     "[...]}, got %s; not a baseline",
                     jkind_name(k));
        return;
    }
    step(r);
    skip_ws(r);
    if (r->i < r->len && r->s[r->i] == '}') {
        step(r);
    } else {
        for (;;) {
            struct aa_loc kat, vat;
            const char *key;

            skip_ws(r);
            kat = here(r);
            if (r->i >= r->len || r->s[r->i] != '"') {
                syntax(r, "expected a key in quotes");
                return;
            }
            if ((key = read_string(r)) == NULL ||
                want(r, ':', "expected ':' after a key") != 0)
                return;
            skip_ws(r);
            vat = here(r);
            if (strcmp(key, "findings") == 0 && !have_findings &&
                r->i < r->len && r->s[r->i] == '[') {
                have_findings = 1;
                read_findings(r, b);
            } else {
                if (read_value(r, 1, &k, &str, &one) != 0)
                    return;
                if (strcmp(key, "version") == 0 && !have_version) {
                    have_version = 1;
                    if (k != J_NUMBER || !one)
                        rd_error(r, AA_E_SCHEMA, vat,
                                 "/version: this build reads baseline "
                                 "version 1");
                } else if (strcmp(key, "findings") == 0 && !have_findings) {
                    have_findings = 1;
                    rd_error(r, AA_E_SCHEMA, vat,
                             "/findings: expected an array, got %s",
                             jkind_name(k));
                } else if (strcmp(key, "version") == 0 ||
                           strcmp(key, "findings") == 0) {
                    rd_error(r, AA_E_SCHEMA, kat, "/%s: duplicate key", key);
                } else {
                    rd_error(r, AA_E_SCHEMA, kat,
                             "/%s: unknown key; a baseline has \"version\" "
                             "and \"findings\"",
                             key);
                }
            }
            if (r->stop)
                return;
            skip_ws(r);
            if (r->i < r->len && r->s[r->i] == ',') {
                step(r);
                continue;
            }
            if (want(r, '}', "expected ',' or '}'") != 0)
                return;
            break;
        }
    }
    if (!have_findings)
        rd_error(r, AA_E_SCHEMA, top,
                 "/: missing \"findings\"; not a baseline as written by "
                 "--write-baseline");
    else if (!have_version)
        rd_error(r, AA_E_SCHEMA, top,
                 "/: missing \"version\"; this build reads baseline "
                 "version 1");
    if (r->stop)
        return;
    skip_ws(r);
    if (r->i < r->len)
        syntax(r, "text after the end of the baseline");
}

/* Parse 'text' (len bytes, NUL-terminated, taken over by the baseline). */
static struct aa_baseline *
parse_owned(const char *name, char *text, size_t len, struct aa_diags *dl)
{
    struct aa_baseline *b = aa_baseline_new();
    struct rd r = {name, text, len, 0, 1, 1, dl, 0, 0};

    b->text = text;
    /* One UTF-8 byte order mark is allowed, and is not a column. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r.i = 3;
    read_baseline(&r, b);
    if (r.errors > 0) {
        aa_baseline_free(b);
        return NULL;
    }
    if (b->n > 1)
        qsort(b->v, b->n, sizeof(*b->v), cmp_entry);
    b->sorted = 1;
    return b;
}

static void
too_large(struct aa_diags *dl, struct aa_loc at)
{
    size_t n = aa_limit(AA_LIMIT_BASELINE_SIZE);

    if (n % (1u << 20) == 0)
        aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                    "baseline is larger than %zu MiB (--limit "
                    "baseline-size=N)",
                    n >> 20);
    else
        aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                    "baseline is larger than %zu bytes (--limit "
                    "baseline-size=N)",
                    n);
}

struct aa_baseline *
aa_baseline_parse(const char *name, const char *data, size_t len,
                  struct aa_diags *dl)
{
    struct aa_loc at = {name, 0, 0};
    char *text;

    if (len > aa_limit(AA_LIMIT_BASELINE_SIZE)) {
        too_large(dl, at);
        return NULL;
    }
    text = aa_xmalloc(len + 1);
    if (len > 0)
        memcpy(text, data, len);
    text[len] = '\0';
    return parse_owned(name, text, len, dl);
}

struct aa_baseline *
aa_baseline_load(const char *path, struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    size_t limit = aa_limit(AA_LIMIT_BASELINE_SIZE), len = 0, cap, n;
    FILE *fp = fopen(path, "rb");
    struct stat st;
    char *text;

    if (fp == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open baseline: %s",
                    strerror(errno));
        return NULL;
    }
    /* Read at most limit + 1 bytes, into a buffer sized from the file
     * when it is a regular one: memory follows the file, not the bound. */
    cap = 65536;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > limit)
            len = limit + 1; /* too large: nothing to read */
        else
            cap = (size_t)st.st_size + 1; /* +1 sees a file that grew */
    }
    text = aa_xmalloc(cap + 1);
    while (len <= limit && (n = fread(text + len, 1, cap - len, fp)) > 0) {
        len += n;
        if (len > limit)
            break;
        if (len == cap) {
            cap = cap > limit / 2 ? limit + 1 : cap * 2;
            text = aa_xrealloc(text, cap + 1, 1);
        }
    }
    if (ferror(fp)) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read baseline: %s",
                    strerror(errno));
        fclose(fp);
        free(text);
        return NULL;
    }
    fclose(fp);
    if (len > limit) {
        too_large(dl, at);
        free(text);
        return NULL;
    }
    text[len] = '\0';
    return parse_owned(path, text, len, dl);
}

static int
cmp_entry(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = strcmp(a->source, b->source);

    if (c == 0)
        c = strcmp(a->rule, b->rule);
    return c != 0 ? c : strcmp(a->pointer, b->pointer);
}

int
aa_baseline_write(struct aa_baseline *b, FILE *fp)
{
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    char *text;
    int rc;

    if (b->n > 1)
        qsort(b->v, b->n, sizeof(*b->v), cmp_entry);
    cJSON_AddNumberToObject(root, "version", 1);
    for (size_t i = 0; i < b->n; i++) {
        cJSON *e;

        if (i > 0 && cmp_entry(&b->v[i - 1], &b->v[i]) == 0)
            continue; /* the same finding twice in one file */
        e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "source", b->v[i].source);
        cJSON_AddStringToObject(e, "rule", b->v[i].rule);
        cJSON_AddStringToObject(e, "pointer", b->v[i].pointer);
        cJSON_AddItemToArray(list, e);
    }
    cJSON_AddItemToObject(root, "findings", list);
    text = aa_jsonw_print(root);
    cJSON_Delete(root);
    /* The caller writes the file whole (a temporary file renamed into
     * place), as it does every file a run writes. */
    rc = fputs(text, fp) != EOF ? 0 : -1;
    free(text);
    return rc;
}

/* ---- triage ------------------------------------------------------- */

static void
suppress(struct aa_report *rep, const char *rule, const char *why,
         const char *kind)
{
    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL &&
            strcmp(rep->findings[i].rule, rule) == 0) {
            rep->findings[i].suppressed = why;
            rep->findings[i].suppress_kind = kind;
        }
}

/* Show the pending findings the run's policy asks for (struct
 * aa_pending): appended, to be sorted with the others. */
static void
show_pending(struct aa_report *rep, const char *today,
             const struct aa_eval_opts *opts)
{
    struct aa_finding *v;
    size_t k = 0;

    for (size_t i = 0; i < rep->npending; i++)
        k += rep->pending[i].when == AA_PEND_EXPIRED
                 ? strcmp(rep->pending[i].date, today) < 0
                 : opts != NULL && opts->require_complete;
    if (k == 0)
        return;
    v = aa_arena_alloc(&rep->arena, (rep->nfindings + k) * sizeof(*v));
    if (rep->nfindings > 0)
        memcpy(v, rep->findings, rep->nfindings * sizeof(*v));
    for (size_t i = 0; i < rep->npending; i++) {
        const struct aa_pending *p = &rep->pending[i];

        if (p->when == AA_PEND_EXPIRED ? strcmp(p->date, today) < 0
                                       : opts != NULL && opts->require_complete)
            v[rep->nfindings++] = p->f;
    }
    rep->findings = v;
}

/* --strict and per-rule severities: a rule's own override first, then
 * strict makes what is wrong in the file as written an error. */
static void
set_severities(struct aa_report *rep, const struct aa_eval_opts *opts)
{
    for (size_t i = 0; opts != NULL && i < rep->nfindings; i++) {
        struct aa_finding *f = &rep->findings[i];
        size_t k;

        for (k = 0; k < opts->nseverity; k++)
            if (strcmp(opts->severity[k].rule, f->rule) == 0)
                break;
        if (k < opts->nseverity)
            f->severity = opts->severity[k].severity;
        else if (opts->strict && f->input)
            f->severity = AA_SEV_ERROR;
    }
}

void
aa_report_triage(struct aa_report *rep, const struct aa_ruleset *rs,
                 const struct aa_scenario *sc, const struct aa_eval_opts *opts)
{
    char today[16];

    (void)rs;
    if (opts != NULL && opts->today != NULL) {
        snprintf(today, sizeof(today), "%s", opts->today);
    } else {
        time_t now = time(NULL);
        struct tm tm;

        gmtime_r(&now, &tm);
        strftime(today, sizeof(today), "%Y-%m-%d", &tm);
    }
    show_pending(rep, today, opts);
    rep->npending = 0; /* once: a second triage shows nothing twice */
    set_severities(rep, opts);
    aa_findings_sort(rep->findings, rep->nfindings);
    /* In-source first, so a finding both ignored and suppressed in the
     * file shows the scenario author's reason.  A suppression of a rule
     * that does not exist or past its date suppresses nothing; eval.c
     * made a finding of each (rules/input.yaml). */
    for (size_t i = 0; i < sc->nsupp; i++) {
        const struct aa_suppress *s = &sc->supp[i];

        if (s->expires == NULL || strcmp(s->expires, today) >= 0)
            suppress(rep, s->rule, s->reason, "inSource");
    }
    for (size_t i = 0; opts != NULL && i < opts->nignore; i++)
        suppress(rep, opts->ignore[i], "ignored on the command line",
                 "external");
    for (size_t i = 0;
         opts != NULL && opts->baseline != NULL && i < rep->nfindings; i++) {
        struct aa_finding *f = &rep->findings[i];

        f->baseline =
            aa_baseline_has(opts->baseline, rep->source, f->rule, f->pointer)
                ? AA_BASE_UNCHANGED
                : AA_BASE_NEW;
        if (f->baseline == AA_BASE_UNCHANGED && f->suppressed == NULL) {
            f->suppressed = "accepted in the baseline";
            f->suppress_kind = "external";
        }
    }
}

void
aa_scan_report_triage(struct aa_scan_report *rep,
                      const struct aa_eval_opts *opts)
{
    for (size_t i = 0; i < rep->nfiles; i++) {
        struct aa_report *r = &rep->files[i].report;

        set_severities(r, opts);
        aa_findings_sort(r->findings, r->nfindings);
        for (size_t k = 0; opts != NULL && k < opts->nignore; k++)
            suppress(r, opts->ignore[k], "ignored on the command line",
                     "external");
    }
}

/* ---- what counts ---------------------------------------------------- */

/* A finding counts toward the exit status while it is active. */
int
aa_report_worst(const struct aa_report *rep)
{
    int worst = -1;

    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL &&
            (int)rep->findings[i].severity > worst)
            worst = (int)rep->findings[i].severity;
    return worst;
}

void
aa_report_count(const struct aa_report *rep, size_t count[3])
{
    aa_report_tally(rep, count);
}

void
aa_scan_report_count(const struct aa_scan_report *rep, size_t count[3])
{
    for (size_t i = 0; i < rep->nfiles; i++)
        for (size_t k = 0; k < rep->files[i].nfindings; k++)
            if (rep->files[i].findings[k].suppressed == NULL)
                count[rep->files[i].findings[k].severity]++;
}

int
aa_scan_report_worst(const struct aa_scan_report *rep)
{
    size_t count[3] = {0, 0, 0};

    aa_scan_report_count(rep, count);
    for (int sev = AA_SEV_ERROR; sev >= AA_SEV_INFO; sev--)
        if (count[sev] > 0)
            return sev;
    return -1;
}
