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
 * A finding is identified by (source, rule, fingerprint): the file as
 * reports name it (relative to the root), and aa_finding_fingerprint, which
 * leaves out the line, so an entry survives edits elsewhere in the file,
 * and tells apart several findings of one rule in one file.  Version 1
 * files, keyed by JSON Pointer instead, are still read and matched as
 * they were.  File format, written and read here only:
 *   {"version": 2, "findings": [{"source": S, "rule": R, "fingerprint": F}]}
 * sorted, so a baseline diffs cleanly in review.
 *
 * Triage also keeps the score of a run: which entries matched a finding,
 * and which name a file the run read.  An entry of a file that was read
 * and that matched nothing is stale; entries of files the run did not
 * read (another plan, one that could not be loaded) are not, but for
 * files gone from a folder the run read (aa_baseline_mark_gone).  Each copy
 * of an entry accepts one finding (in version 2): two lines of an --ndjson
 * batch that share an id hash their findings alike, and the first line's
 * entries must not accept the second's.  So a copy that accepts nothing
 * (a hand edit, two baselines merged) is stale, as a copy kept silently
 * would outlive the finding's fix by one prune.  Pruning
 * reads the file again and copies it without the stale entries, so the
 * rest keeps its bytes: reading decodes strings in place and keeps no
 * second copy for a run that does not prune.
 *
 * JSON holds only UTF-8, and a file's name need not be: a source is keyed
 * with each byte that is not UTF-8 written \xNN (source_escape), both
 * where an entry is made and where one is looked for, so the entry of
 * such a file reads back as the key it was written from.
 */
#include "baseline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "hashset.h"
#include "jsonw.h"
#include "limits.h"
#include "path.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"

/* The key besides source and rule, by version: what an entry of each
 * version has, and how the file names it. */
static const char *const key_name[] = {NULL, "pointer", "fingerprint"};

struct entry {
    const char *source, *rule;
    const char *key;          /* fingerprint, or pointer in version 1 */
    unsigned index;           /* in the file's findings, from 0 */
    unsigned line, col;       /* of its '{'; 0 for an entry added */
    size_t start, end;        /* its bytes in the file */
    unsigned char kind;       /* 1: "pointer", 2: "fingerprint" */
    unsigned char read, used; /* its source was triaged; it matched */
    unsigned char dup;        /* an earlier entry of the file is the same */
    unsigned char gone;       /* its source, in a folder the run read, is
                                 no more (aa_baseline_mark_gone) */
};

/* Entries read from a file point into 'text', where their strings were
 * decoded in place; entries added from reports are copied into 'arena'.
 * So a baseline costs its file plus one struct entry an entry. */
struct aa_baseline {
    struct entry *v;
    size_t n, cap;
    int sorted;  /* v is in cmp_entry order: aa_baseline_has may bisect */
    int version; /* 1 or 2: what key the entries have */
    char *name;  /* the file read, for messages and pruning; or NULL */
    char *text;
    size_t open, close; /* the file's findings '[' and ']' */
    struct aa_arena arena;
};

static int cmp_entry(const void *x, const void *y);
static int cmp_prefix(const struct entry *a, const struct entry *want);

struct aa_baseline *
aa_baseline_new(void)
{
    struct aa_baseline *b = aa_xcalloc(1, sizeof(struct aa_baseline));

    aa_arena_init(&b->arena);
    b->version = 2;
    return b;
}

void
aa_baseline_free(struct aa_baseline *b)
{
    if (b == NULL)
        return;
    free(b->v);
    free(b->text);
    free(b->name);
    aa_arena_fini(&b->arena);
    free(b);
}

/* The key of a source that is not UTF-8: each byte outside a well-formed
 * sequence as the four characters \xNN (upper-case hex), the rest as it
 * is, in a string the caller frees; NULL for a source that is UTF-8, its
 * own key.  A name that holds the text \xFF shares its key with one that
 * holds that byte: the cost of keys a person can read and type. */
static char *
source_escape(const char *source)
{
    const unsigned char *p = (const unsigned char *)source;
    size_t n = strlen(source), bad = 0, k;
    char *out, *w;

    for (size_t i = 0; i < n; i += k ? k : 1)
        bad += (k = aa_utf8_len(p + i, n - i)) == 0;
    if (bad == 0)
        return NULL;
    w = out = aa_xmalloc(n + 3 * bad + 1);
    for (size_t i = 0; i < n; i += k ? k : 1) {
        if ((k = aa_utf8_len(p + i, n - i)) == 0) {
            *w++ = '\\';
            *w++ = 'x';
            *w++ = "0123456789ABCDEF"[p[i] >> 4];
            *w++ = "0123456789ABCDEF"[p[i] & 15];
        } else {
            memcpy(w, p + i, k);
            w += k;
        }
    }
    *w = '\0';
    return out;
}

static struct entry *
push_borrowed(struct aa_baseline *b, const char *source, const char *rule,
              const char *key)
{
    struct entry *e;

    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = aa_xrealloc(b->v, b->cap, sizeof(*b->v));
    }
    e = &b->v[b->n++];
    memset(e, 0, sizeof(*e));
    e->source = source;
    e->rule = rule;
    e->key = key;
    e->kind = (unsigned char)b->version;
    b->sorted = 0;
    return e;
}

static void
push(struct aa_baseline *b, const char *source, const char *rule,
     const char *key)
{
    (void)push_borrowed(b, aa_arena_strdup(&b->arena, source),
                        aa_arena_strdup(&b->arena, rule),
                        aa_arena_strdup(&b->arena, key));
}

/* Sort, and mark every copy of an entry but the first of the file a
 * duplicate: qsort keeps no order among equals, so it is the lowest
 * index of each run of equal entries. */
static void
sort_entries(struct aa_baseline *b)
{
    size_t i = 0;

    if (b->n > 1)
        qsort(b->v, b->n, sizeof(*b->v), cmp_entry);
    b->sorted = 1;
    while (i < b->n) {
        size_t end = i + 1, first = i;

        while (end < b->n && cmp_entry(&b->v[i], &b->v[end]) == 0)
            end++;
        for (size_t k = i; k < end; k++)
            if (b->v[k].index < b->v[first].index)
                first = k;
        for (size_t k = i; k < end; k++)
            b->v[k].dup = k != first;
        i = end;
    }
}

/* The entries equal to (source, rule, key): [*lo, *hi) of the sorted v,
 * empty when there is none.  With rule NULL, those of the source. */
static void
find_range(const struct aa_baseline *b, const char *source, const char *rule,
           const char *key, size_t *lo, size_t *hi)
{
    struct entry want;
    size_t a = 0, z = b->n;

    memset(&want, 0, sizeof(want));
    want.source = source;
    want.rule = rule;
    want.key = key;
    /* Two bisections: the first entry not below, the first above.  A
     * loaded baseline is sorted, so triage stays fast with a million
     * accepted findings. */
    while (a < z) {
        size_t m = a + (z - a) / 2;

        if (cmp_prefix(&b->v[m], &want) < 0)
            a = m + 1;
        else
            z = m;
    }
    *lo = a;
    z = b->n;
    while (a < z) {
        size_t m = a + (z - a) / 2;

        if (cmp_prefix(&b->v[m], &want) <= 0)
            a = m + 1;
        else
            z = m;
    }
    *hi = a;
}

int
aa_baseline_has(const struct aa_baseline *b, const char *source,
                const char *rule, const char *key)
{
    struct entry want;
    size_t lo, hi;

    char *esc = source_escape(source);
    int found = 0;

    if (esc != NULL)
        source = esc;
    if (b->sorted) {
        find_range(b, source, rule, key, &lo, &hi);
        found = lo < hi;
    } else {
        memset(&want, 0, sizeof(want));
        want.source = source;
        want.rule = rule;
        want.key = key;
        for (size_t i = 0; i < b->n && !found; i++)
            found = cmp_entry(&want, &b->v[i]) == 0;
    }
    free(esc);
    return found;
}

/* The key of finding i in a baseline of b's version; NULL when it has
 * none (a version 1 baseline names no finding of deployment code). */
static const char *
finding_key(const struct aa_baseline *b, const struct aa_report *rep, size_t i,
            char fp[AA_FINGERPRINT_SIZE])
{
    if (b->version == 1)
        return rep->findings[i].pointer;
    (void)aa_finding_fingerprint(rep, i, fp);
    return fp;
}

void
aa_baseline_add(struct aa_baseline *b, const struct aa_report *rep)
{
    char fp[AA_FINGERPRINT_SIZE];
    char *esc = source_escape(rep->source);
    const char *source = esc != NULL ? esc : rep->source;

    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        const char *key;

        /* Findings suppressed for another reason need no baseline entry. */
        if ((f->suppressed == NULL || f->baseline == AA_BASE_UNCHANGED) &&
            (key = finding_key(b, rep, i, fp)) != NULL)
            push(b, source, f->rule, key);
    }
    free(esc);
}

/*
 * Reading.  A baseline is JSON of one fixed shape,
 *
 *   baseline := { "version": 2, "findings": [entry*] }
 *   entry    := { "source": STR, "rule": STR, "fingerprint": FP }
 *   FP       := 16 lower-case hex digits ':' [1-9][0-9]*   (at most 9)
 *
 * or, in version 1, "pointer": STR in place of "fingerprint".  Keys come
 * in any order, so an entry read before "version" is checked against it
 * when it comes.
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
    int stop;    /* a syntax error or too many errors: read no further */
    int version; /* 0 until "version" is read */
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
            if ((k = aa_utf8_len((const unsigned char *)r->s + r->i,
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

/* number := '-'? int frac? exp?  (RFC 8259); *digit is the number when
 * it is one of 1 to 9 as a single digit, else 0. */
static int
read_number(struct rd *r, int *digit)
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
    *digit = r->i - start == 1 && r->s[start] >= '1' && r->s[start] <= '9'
                 ? r->s[start] - '0'
                 : 0;
    return 0;
}

static int read_value(struct rd *r, size_t depth, enum jkind *kind, char **str,
                      int *digit);

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
 * Sets *kind; *str for a string; *digit for a number of one digit. */
static int
read_value(struct rd *r, size_t depth, enum jkind *kind, char **str, int *digit)
{
    static const char *const words[] = {"true", "false", "null"};

    skip_ws(r);
    *str = NULL;
    *digit = 0;
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
        return read_number(r, digit);
    }
    syntax(r, "expected a value");
    return -1;
}

/* The keys of an entry as the version read so far has them (version 2's
 * until "version" says otherwise), for messages. */
static const char *
entry_keys(const struct rd *r)
{
    return r->version == 1 ? "\"source\", \"rule\" and \"pointer\""
                           : "\"source\", \"rule\" and \"fingerprint\"";
}

/* FP := 16 lower-case hex digits ':' [1-9][0-9]{0,8}, as
 * aa_finding_fingerprint writes it. */
static int
fingerprint_ok(const char *s)
{
    size_t n = 0;

    for (int k = 0; k < 16; k++)
        if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f')))
            return 0;
    if (s[16] != ':' || s[17] < '1' || s[17] > '9')
        return 0;
    for (s += 17; *s >= '0' && *s <= '9'; s++)
        n++;
    return *s == '\0' && n <= 9;
}

/* An entry whose key is not the one of the file's version. */
static void
wrong_kind(struct rd *r, const struct entry *e)
{
    struct aa_loc at = {r->file, e->line, e->col};

    rd_error(r, AA_E_SCHEMA, at,
             "/findings/%u: \"%s\" in a version %d baseline, whose entries "
             "have \"%s\"",
             e->index, key_name[e->kind], r->version, key_name[r->version]);
}

/* Whether a source is written as reports name a file in the root:
 * relative, with no empty, "." or ".." segment.  Any other spelling of a
 * file (plans written "./x.json" once, a hand edit or a merge) is named
 * again as reports name it, relative to the current folder, the run's
 * root; else its entry would never match, nor ever be stale.  Most
 * sources are normal, and cost no lookup. */
static int
normal_source(const char *s)
{
    if (s[0] == '/')
        return 0;
    for (;;) {
        const char *end = strchr(s, '/');
        size_t n = end != NULL ? (size_t)(end - s) : strlen(s);

        if (n == 0 || (s[0] == '.' && (n == 1 || (n == 2 && s[1] == '.'))))
            return 0;
        if (end == NULL)
            return 1;
        s = end + 1;
    }
}

/* entry := { "source": STR, "rule": STR, ("fingerprint": FP |
 *            "pointer": STR) }, each once. */
static void
read_entry(struct rd *r, struct aa_baseline *b, size_t index)
{
    static const char *const keys[] = {"source", "rule", "pointer",
                                       "fingerprint"};
    struct aa_loc at = here(r);
    char *val[4] = {NULL, NULL, NULL, NULL};
    int seen[4] = {0, 0, 0, 0}, bad = 0;
    size_t start;
    struct entry *e;
    enum jkind k;
    char *str;
    int digit;

    skip_ws(r);
    at = here(r);
    start = r->i;
    if (r->i >= r->len || r->s[r->i] != '{') {
        if (read_value(r, 2, &k, &str, &digit) == 0)
            rd_error(r, AA_E_SCHEMA, at,
                     "/findings/%zu: expected an object {\"source\", "
                     "\"rule\", \"%s\"}, got %s",
                     index, key_name[r->version == 1 ? 1 : 2], jkind_name(k));
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
            for (int j = 0; j < 4; j++)
                if (strcmp(key, keys[j]) == 0)
                    which = j;
            skip_ws(r);
            vat = here(r);
            if (read_value(r, 3, &k, &str, &digit) != 0)
                return;
            if (which < 0) {
                rd_error(r, AA_E_SCHEMA, kat,
                         "/findings/%zu: unknown key \"%s\"; an entry has %s",
                         index, key, entry_keys(r));
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
            } else if (which == 3 && !fingerprint_ok(str)) {
                rd_error(r, AA_E_SCHEMA, vat,
                         "/findings/%zu/fingerprint: expected 16 hexadecimal "
                         "digits, ':' and a number from 1, as "
                         "--write-baseline writes it",
                         index);
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
    for (int j = 0; j < 2 && !bad; j++)
        if (!seen[j]) {
            rd_error(r, AA_E_SCHEMA, at, "/findings/%zu: missing \"%s\"", index,
                     keys[j]);
            bad = 1;
        }
    if (!bad && seen[2] && seen[3]) {
        rd_error(r, AA_E_SCHEMA, at,
                 "/findings/%zu: \"pointer\" and \"fingerprint\" together; "
                 "an entry has %s",
                 index, entry_keys(r));
        bad = 1;
    } else if (!bad && !seen[2] && !seen[3]) {
        rd_error(r, AA_E_SCHEMA, at, "/findings/%zu: missing \"%s\"", index,
                 r->version == 1 ? "pointer" : "fingerprint");
        bad = 1;
    }
    if (bad)
        return;
    if (val[0] != NULL && !normal_source(val[0])) {
        char *name = aa_path_relative(NULL, val[0]);

        val[0] = aa_arena_strdup(&b->arena, name);
        free(name);
    }
    e = push_borrowed(b, val[0], val[1], seen[3] ? val[3] : val[2]);
    e->kind = seen[3] ? 2 : 1;
    e->index = (unsigned)index;
    e->line = at.line;
    e->col = at.col;
    e->start = start;
    e->end = r->i;
    if (r->version != 0 && e->kind != r->version)
        wrong_kind(r, e);
}

/* findings := '[' (entry (',' entry)*)? ']'  at most 'baseline-entries' */
static void
read_findings(struct rd *r, struct aa_baseline *b)
{
    size_t index = 0;

    b->open = r->i;
    step(r);
    skip_ws(r);
    if (r->i < r->len && r->s[r->i] == ']') {
        b->close = r->i;
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
        b->close = r->i;
        (void)want(r, ']', "expected ',' or ']'");
        return;
    }
}

/* baseline := { "version": 1 | 2, "findings": [entry*] }, keys in any
 * order */
static void
read_baseline(struct rd *r, struct aa_baseline *b)
{
    struct aa_loc top;
    int have_version = 0, have_findings = 0;
    enum jkind k;
    char *str;
    int digit;

    skip_ws(r);
    top = here(r);
    if (r->i >= r->len) {
        rd_error(r, AA_E_SCHEMA, top,
                 "empty file: expected a baseline {\"version\": 2, "
                 "\"findings\": [...]}");
        return;
    }
    if (r->s[r->i] != '{') {
        if (read_value(r, 0, &k, &str, &digit) == 0)
            rd_error(r, AA_E_SCHEMA, top,
                     "/: expected an object {\"version\": 2, \"findings\": "
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
                if (read_value(r, 1, &k, &str, &digit) != 0)
                    return;
                if (strcmp(key, "version") == 0 && !have_version) {
                    have_version = 1;
                    if (k != J_NUMBER || (digit != 1 && digit != 2)) {
                        rd_error(r, AA_E_SCHEMA, vat,
                                 "/version: this build reads baseline "
                                 "versions 1 and 2");
                    } else {
                        /* Check the entries read before the version. */
                        r->version = digit;
                        b->version = digit;
                        for (size_t i = 0; i < b->n && !r->stop; i++)
                            if (b->v[i].kind != digit)
                                wrong_kind(r, &b->v[i]);
                    }
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
                 "versions 1 and 2");
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
    struct rd r = {name, text, len, 0, 1, 1, dl, 0, 0, 0};

    b->text = text;
    b->name = aa_xstrdup(name);
    /* One UTF-8 byte order mark is allowed, and is not a column. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r.i = 3;
    read_baseline(&r, b);
    if (r.errors > 0) {
        aa_baseline_free(b);
        return NULL;
    }
    sort_entries(b);
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

/* The file at path, NUL-terminated, within the baseline-size limit; NULL
 * after a diagnostic. */
static char *
read_file(const char *path, size_t *lenp, struct aa_diags *dl)
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
    *lenp = len;
    return text;
}

struct aa_baseline *
aa_baseline_load(const char *path, struct aa_diags *dl)
{
    size_t len = 0;
    char *text = read_file(path, &len, dl);

    return text != NULL ? parse_owned(path, text, len, dl) : NULL;
}

static int
cmp_entry(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = strcmp(a->source, b->source);

    if (c == 0)
        c = strcmp(a->rule, b->rule);
    return c != 0 ? c : strcmp(a->key, b->key);
}

/* cmp_entry, or by source alone when want->rule is NULL. */
static int
cmp_prefix(const struct entry *a, const struct entry *want)
{
    return want->rule != NULL ? cmp_entry(a, want)
                              : strcmp(a->source, want->source);
}

int
aa_baseline_write(struct aa_baseline *b, FILE *fp)
{
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    char *text;
    int rc;

    sort_entries(b);
    cJSON_AddNumberToObject(root, "version", b->version);
    for (size_t i = 0; i < b->n; i++) {
        cJSON *e;

        /* A copy for each finding: lines of a batch that share an id
         * have findings alike, and each copy accepts one. */
        e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "source", b->v[i].source);
        cJSON_AddStringToObject(e, "rule", b->v[i].rule);
        cJSON_AddStringToObject(e, key_name[b->version], b->v[i].key);
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

/* ---- stale entries ---------------------------------------------------- */

size_t
aa_baseline_keep_unread(struct aa_baseline *to, const struct aa_baseline *from)
{
    size_t n = 0;

    if (from->version != to->version)
        return 0;
    for (size_t i = 0; i < from->n; i++)
        if (!from->v[i].read) {
            push(to, from->v[i].source, from->v[i].rule, from->v[i].key);
            n++;
        }
    return n;
}

/* Whether 'source' names a file at or below 'folder', both as reports
 * name files. */
static int
below(const char *source, const char *folder)
{
    size_t n = strlen(folder);

    if (strcmp(folder, ".") == 0)
        return source[0] != '/';
    return strncmp(source, folder, n) == 0 &&
           (source[n] == '/' || (n > 0 && folder[n - 1] == '/'));
}

/* The folder part of a source ("." for none), in a. */
static const char *
source_dir(struct aa_arena *a, const char *source)
{
    const char *slash = strrchr(source, '/');

    return slash == NULL
               ? "."
               : aa_arena_strndup(a, source, (size_t)(slash - source));
}

size_t
aa_baseline_mark_gone(struct aa_baseline *b, const char *folder)
{
    struct aa_arena a;
    struct aa_hashset read_dirs;
    size_t n = 0;

    /* An entry's file is gone only where the run read a file of the same
     * folder that the baseline also names: that proves the entries are
     * named from this run's root.  A run from a subfolder or with another
     * --root names every file otherwise, and a missing top-level file
     * there is not gone, only elsewhere; a folder whose files all went
     * keeps its entries (said in docs/ci.md). */
    aa_arena_init(&a);
    aa_hashset_init(&read_dirs, &a);
    for (size_t i = 0; i < b->n; i++)
        if (b->v[i].read && !b->v[i].gone)
            (void)aa_hashset_add(&read_dirs, source_dir(&a, b->v[i].source), b);
    for (size_t i = 0; i < b->n; i++) {
        struct entry *e = &b->v[i];
        struct stat st;

        /* "<stdin>" and "<command line>" name no file, and a name with
         * \xNN in it may be another's (source_escape). */
        if (e->read || e->source[0] == '<' || strstr(e->source, "\\x") ||
            !below(e->source, folder) || lstat(e->source, &st) == 0 ||
            (errno != ENOENT && errno != ENOTDIR) ||
            aa_hashset_find(&read_dirs, source_dir(&a, e->source)) == NULL)
            continue;
        e->read = e->gone = 1;
        n++;
    }
    aa_arena_fini(&a);
    return n;
}

/* Stale: its source was triaged, and it accepts no finding. */
static int
stale(const struct entry *e)
{
    return e->read && !e->used;
}

/* The first copy of duplicate e. */
static const struct entry *
first_copy(const struct aa_baseline *b, const struct entry *e)
{
    size_t lo, hi;

    find_range(b, e->source, e->rule, e->key, &lo, &hi);
    for (size_t k = lo; k < hi; k++)
        if (!b->v[k].dup)
            return &b->v[k];
    return e;
}

static int
cmp_index(const void *x, const void *y)
{
    const struct entry *a = *(const struct entry *const *)x;
    const struct entry *b = *(const struct entry *const *)y;

    return a->index < b->index ? -1 : a->index > b->index;
}

size_t
aa_baseline_stale(const struct aa_baseline *b, struct aa_diags *dl)
{
    const struct entry **v;
    size_t n = 0, shown = aa_limit(AA_LIMIT_ERRORS);

    for (size_t i = 0; i < b->n; i++)
        n += (size_t)stale(&b->v[i]);
    if (n == 0 || dl == NULL)
        return n;
    v = aa_xmalloc(n * sizeof(*v));
    n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (stale(&b->v[i]))
            v[n++] = &b->v[i];
    /* In the order of the file, and never a flood. */
    qsort(v, n, sizeof(*v), cmp_index);
    for (size_t i = 0; i < n && i < shown; i++) {
        struct aa_loc at = {b->name, v[i]->line, v[i]->col};
        const struct entry *first = v[i]->dup ? first_copy(b, v[i]) : NULL;

        /* A copy of an entry that matches nothing is stale twice over:
         * "accepts this finding" would name a finding that is gone. */
        if (first != NULL && first->used)
            aa_diag_add(dl, AA_N_STALE, at, NULL,
                        "duplicate entry: line %u accepts this finding of %s "
                        "in %s already (--prune-baseline removes it)",
                        first->line, v[i]->rule, v[i]->source);
        else if (first != NULL)
            aa_diag_add(dl, AA_N_STALE, at, NULL,
                        "duplicate entry: a copy of line %u, and no finding of "
                        "%s in %s matches either (--prune-baseline removes "
                        "both)",
                        first->line, v[i]->rule, v[i]->source);
        else if (v[i]->gone)
            aa_diag_add(dl, AA_N_STALE, at, NULL,
                        "stale entry: %s no longer exists, so no finding of "
                        "%s in it matches (--prune-baseline removes it)",
                        v[i]->source, v[i]->rule);
        else
            aa_diag_add(dl, AA_N_STALE, at, NULL,
                        "stale entry: no finding of %s in %s matches it "
                        "(--prune-baseline removes it)",
                        v[i]->rule, v[i]->source);
    }
    if (n > shown) {
        struct aa_loc at = {b->name, 0, 0};

        aa_diag_add(dl, AA_N_STALE, at, NULL,
                    "... and %zu more stale entries (--limit errors=N)",
                    n - shown);
    }
    free(v);
    return n;
}

/* Whether the entry of a fresh reading of b's file is stale in b: the
 * one at the same index, as copies of an entry differ in that alone. */
static int
stale_in(const struct aa_baseline *b, const struct entry *e)
{
    size_t lo, hi;

    find_range(b, e->source, e->rule, e->key, &lo, &hi);
    for (size_t k = lo; k < hi; k++)
        if (b->v[k].index == e->index)
            return stale(&b->v[k]);
    return 0;
}

static int
cmp_start(const void *x, const void *y)
{
    const struct entry *a = *(const struct entry *const *)x;
    const struct entry *b = *(const struct entry *const *)y;

    return a->start < b->start ? -1 : a->start > b->start;
}

/* Write raw[from, to); 0, or -1 on a write error. */
static int
put_span(FILE *fp, const char *raw, size_t from, size_t to)
{
    return fwrite(raw + from, 1, to - from, fp) == to - from ? 0 : -1;
}

int
aa_baseline_prune(const struct aa_baseline *b, FILE *fp, struct aa_diags *dl)
{
    const struct entry **v = NULL;
    struct aa_baseline *again = NULL;
    size_t len = 0, n, first = 0;
    char *raw;
    int removed = 0, rc = -1;

    if (b->name == NULL || (raw = read_file(b->name, &len, dl)) == NULL)
        return -1;
    /* Parsed from a copy: reading decodes strings in place, and the
     * entries that stay are copied from the bytes as they were. */
    if ((again = aa_baseline_parse(b->name, raw, len, dl)) == NULL)
        goto out;
    n = again->n;
    v = aa_xmalloc((n + 1) * sizeof(*v));
    for (size_t i = 0; i < n; i++) {
        v[i] = &again->v[i];
        if (stale_in(b, &again->v[i])) {
            again->v[i].used = 1; /* here: to be removed */
            removed++;
        }
    }
    qsort(v, n, sizeof(*v), cmp_start);
    while (first < n && v[first]->used)
        first++;
    if (first == n) {
        /* Nothing stays: the brackets close on each other. */
        if (put_span(fp, raw, 0, again->open + 1) != 0 ||
            put_span(fp, raw, again->close, len) != 0)
            goto out;
        rc = removed;
        goto out;
    }
    /* Up to the first entry, the first that stays, then each later one
     * that stays with the separator that came before it, then the rest. */
    if (put_span(fp, raw, 0, v[0]->start) != 0 ||
        put_span(fp, raw, v[first]->start, v[first]->end) != 0)
        goto out;
    for (size_t i = first + 1; i < n; i++)
        if (!v[i]->used && put_span(fp, raw, v[i - 1]->end, v[i]->end) != 0)
            goto out;
    if (put_span(fp, raw, v[n - 1]->end, len) != 0)
        goto out;
    rc = removed;
out:
    free(v);
    aa_baseline_free(again);
    free(raw);
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
 * aa_pending): worded (by the report's word_pending) and appended, to be
 * sorted with the others. */
static void
show_pending(struct aa_report *rep, const struct aa_ruleset *rs,
             const struct aa_scenario *sc, const char *today,
             const struct aa_eval_opts *opts)
{
    struct aa_finding *v;
    size_t k = 0;

    for (size_t i = 0; i < rep->npending; i++)
        k += rep->pending[i].when != AA_PEND_COMPLETE
                 ? strcmp(rep->pending[i].date, today) < 0
                 : opts != NULL && opts->require_complete;
    if (k == 0)
        return;
    v = aa_arena_alloc(&rep->arena, (rep->nfindings + k) * sizeof(*v));
    if (rep->nfindings > 0)
        memcpy(v, rep->findings, rep->nfindings * sizeof(*v));
    for (size_t i = 0; i < rep->npending; i++) {
        struct aa_pending *p = &rep->pending[i];

        if (p->when != AA_PEND_COMPLETE
                ? strcmp(p->date, today) < 0
                : opts != NULL && opts->require_complete) {
            if (p->f.message == NULL && rep->word_pending != NULL)
                rep->word_pending(rep, rs, sc, p);
            if (p->f.message == NULL) /* no words to be had: none shown */
                p->f.message = p->f.match = "";
            v[rep->nfindings] = p->f;
            /* About the rule set, not the file as written: not for
             * --strict to raise. */
            if (p->when == AA_PEND_STALE)
                v[rep->nfindings].input = 2;
            rep->nfindings++;
        }
    }
    rep->findings = v;
}

/* Severities, lowest precedence first: the rule's own, which evaluation
 * gave; a rule file's 'severity' entry, which stands for the rule's own
 * (so --strict still raises an input.* rule a pack set); then the run's:
 * a per-rule override (the command line's before the config file's, the
 * first one wins), else strict makes what is wrong in the file as written
 * an error. */
static void
set_severities(struct aa_report *rep, const struct aa_ruleset *rs,
               const struct aa_eval_opts *opts)
{
    for (size_t i = 0; i < rep->nfindings; i++) {
        struct aa_finding *f = &rep->findings[i];
        const struct aa_regrade *g =
            rs != NULL ? aa_ruleset_find_regrade(rs, f->rule) : NULL;
        size_t k;

        if (g != NULL)
            f->severity = g->severity;
        if (opts == NULL)
            continue;
        for (k = 0; k < opts->nseverity; k++)
            if (strcmp(opts->severity[k].rule, f->rule) == 0)
                break;
        if (k < opts->nseverity)
            f->severity = opts->severity[k].severity;
        else if (opts->strict && f->input == 1)
            f->severity = AA_SEV_ERROR;
    }
}

/* Mark every entry of b that a finding of rep matches used, and the
 * findings it accepts suppressed; and every entry of rep's source read,
 * so that those left unused are stale. */
static void
apply_baseline(struct aa_report *rep, struct aa_baseline *b)
{
    char fp[AA_FINGERPRINT_SIZE];
    size_t lo, hi, first, last;
    char *esc = source_escape(rep->source);
    const char *source = esc != NULL ? esc : rep->source;

    if (!b->sorted)
        sort_entries(b);
    find_range(b, source, NULL, NULL, &first, &last);
    for (size_t k = first; k < last; k++)
        b->v[k].read = 1;
    for (size_t i = 0; i < rep->nfindings; i++) {
        struct aa_finding *f = &rep->findings[i];
        const char *key = finding_key(b, rep, i, fp);
        size_t take;

        lo = hi = 0;
        if (key != NULL)
            find_range(b, source, f->rule, key, &lo, &hi);
        /* The copy first in the file that accepts nothing yet; in version
         * 1, keyed by pointer, an entry accepts every finding of its rule
         * there. */
        take = hi;
        for (size_t k = lo; k < hi; k++)
            if ((!b->v[k].used || b->version == 1) &&
                (take == hi || b->v[k].index < b->v[take].index))
                take = k;
        if (take < hi)
            b->v[take].used = 1;
        f->baseline = take < hi ? AA_BASE_UNCHANGED : AA_BASE_NEW;
        if (f->baseline == AA_BASE_UNCHANGED && f->suppressed == NULL) {
            f->suppressed = "accepted in the baseline";
            f->suppress_kind = "external";
        }
    }
    /* The plan's own stale entries, for its count line.  Not for a line
     * of a batch: the batch's entries are all its lines', and which are
     * stale is known after the last. */
    rep->baselined = rep->source_line == 0;
    rep->nstale = 0;
    for (size_t k = first; rep->baselined && k < last; k++)
        rep->nstale += (size_t)stale(&b->v[k]);
    free(esc);
}

void
aa_report_triage(struct aa_report *rep, const struct aa_ruleset *rs,
                 const struct aa_scenario *sc, const struct aa_eval_opts *opts)
{
    char today[16];

    if (opts != NULL && opts->today != NULL) {
        size_t n = strnlen(opts->today, sizeof(today) - 1);

        memcpy(today, opts->today, n);
        today[n] = '\0';
    } else {
        aa_date_today(today);
    }
    show_pending(rep, rs, sc, today, opts);
    rep->npending = 0; /* once: a second triage shows nothing twice */
    set_severities(rep, rs, opts);
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
    if (opts != NULL && opts->baseline != NULL)
        apply_baseline(rep, opts->baseline);
}

void
aa_scan_report_triage(struct aa_scan_report *rep, const struct aa_ruleset *rs,
                      const struct aa_eval_opts *opts)
{
    struct aa_baseline *b = opts != NULL ? opts->baseline : NULL;

    for (size_t i = 0; i < rep->nfiles; i++) {
        struct aa_report *r = &rep->files[i].report;

        set_severities(r, rs, opts);
        aa_findings_sort(r->findings, r->nfindings);
        for (size_t k = 0; opts != NULL && k < opts->nignore; k++)
            suppress(r, opts->ignore[k], "ignored on the command line",
                     "external");
        /* A file that could not be read has no findings, and its
         * entries are not stale. */
        if (b != NULL && rep->files[i].status != NULL)
            apply_baseline(r, b);
    }
    /* Held a file at a time, the report says what is stale once its
     * last file is triaged: counting at each file would go over the
     * baseline once for every file. */
    if (b != NULL && (rep->each == NULL || rep->last)) {
        rep->baselined = 1;
        rep->nstale = aa_baseline_stale(b, NULL);
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
