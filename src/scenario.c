/*
 * scenario.c -- JSON scenario (contract v1) -> one resolved value per
 * contract field.
 *
 * Three passes over the bytes, each cheap and bounded:
 *   1. prescan: size limit, UTF-8 validity, nesting depth, keys per
 *      object, NUL and control characters, the number grammar; every
 *      problem gets line:column before cJSON ever sees the text (cJSON
 *      takes a NUL or a control character for a blank, "01" and "1." for
 *      numbers, and stops a string at a NUL);
 *   2. cJSON parses (syntax errors are located from cJSON's stop position);
 *   3. walk: the text and the cJSON tree in step (cJSON keeps members in
 *      text order), so each key gets its line and column while the value
 *      is checked against the contract table and copied into sc->vals.
 * A plan with nothing to report is read in one pass instead
 * (scenario_fast.c), to the same values; it hands every other text to
 * these three passes, so every message about a plan is written here.
 * Columns count code points, not bytes.  A UTF-8 byte order mark is
 * skipped: editors on some platforms write one, and it carries no data.
 * The cJSON tree does not outlive loading; the scenario owns only its
 * arena.  The tree, and the bookkeeping of passes 1 and 3, live in a
 * scratch arena emptied after each parse, so a batch of plans allocates
 * nothing per node.  Every bound comes from the limits table (limits.h), and no
 * more than the 'errors' limit of problems is reported per scenario: a
 * plan of a million bad values gets fifty lines and a count, not a
 * million lines.
 */
#include "scenario.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "limits.h"

/* cJSON's hooks are process-wide and take no context, so the arena they
 * allocate from is a static too.  They are installed for the call to
 * cJSON alone and then put back (the program installs no others), and the
 * arena is emptied, not freed, so its block serves the next plan. */
static struct aa_arena scratch;

/* Whether the one-pass reader is tried first (scenario_fast.c). */
static int fast_path = 1;

void
aa_scenario_fast_path(int on)
{
    fast_path = on;
}

static void *
scratch_alloc(size_t size)
{
    return aa_arena_alloc_raw(&scratch, size); /* cJSON fills it */
}

static void
scratch_free(void *p)
{
    (void)p; /* the arena is emptied whole after the parse */
}

/* The tree of data, in the scratch arena: never cJSON_Delete it. */
static cJSON *
parse_tree(const char *data, size_t len, const char **end)
{
    cJSON_Hooks hooks = {scratch_alloc, scratch_free};
    cJSON *root;

    cJSON_InitHooks(&hooks);
    root = cJSON_ParseWithLengthOpts(data, len, end, 0);
    cJSON_InitHooks(NULL);
    return root;
}

struct walk {
    struct aa_scenario *sc;
    struct aa_diags *dl;
    const char *file; /* name used in diagnostics */
    const char *text;
    size_t len, pos;
    unsigned line, col;
    int errors;
    size_t shown;            /* problems added to dl */
    size_t more;             /* problems past the 'errors' limit: counted */
    enum aa_code more_worst; /* the worst of those */
    char ptr[1024];          /* JSON Pointer of the value being walked */
};

/* Count one problem; nonzero when the 'errors' limit is reached and it is
 * only counted.  Callers that build an expensive message (allowed values,
 * "did you mean") ask first. */
static int
over_cap(struct walk *w, enum aa_code code)
{
    if (w->shown < aa_limit(AA_LIMIT_ERRORS))
        return 0;
    w->more++;
    if (code > w->more_worst)
        w->more_worst = code;
    if (code >= AA_BAND_ERROR)
        w->errors++;
    return 1;
}

static void werror(struct walk *w, enum aa_code code, struct aa_loc at,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
werror(struct walk *w, enum aa_code code, struct aa_loc at, const char *fmt,
       ...)
{
    va_list ap;

    if (over_cap(w, code))
        return;
    va_start(ap, fmt);
    aa_diag_vadd(w->dl, code, at, NULL, fmt, ap);
    va_end(ap);
    w->shown++;
    if (code >= AA_BAND_ERROR)
        w->errors++;
}

static void issue(struct walk *w, enum aa_detect what, struct aa_loc at,
                  const char *pointer, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Record what is wrong in a file that still loads (struct aa_issue).  The
 * errors limit bounds these with the diagnostics: the caller asks
 * over_cap() first, and past the limit they are only counted, in the
 * "... and N more" line. */
void
aa_scenario_add_issue(struct aa_scenario *sc, enum aa_detect what,
                      const char *pointer, unsigned line, unsigned col,
                      const char *subject)
{
    struct aa_issue *is;

    /* Room for a power of two: grow by copying into twice as much. */
    if ((sc->nissues & (sc->nissues - 1)) == 0) {
        struct aa_issue *v = aa_arena_alloc(
            &sc->arena, (sc->nissues ? sc->nissues * 2 : 1) * sizeof(*v));

        if (sc->nissues > 0)
            memcpy(v, sc->issues, sc->nissues * sizeof(*v));
        sc->issues = v;
    }
    is = &sc->issues[sc->nissues++];
    is->what = what;
    is->pointer = aa_arena_strdup(&sc->arena, pointer);
    is->subject = aa_arena_strdup(&sc->arena, subject);
    is->line = line;
    is->col = col;
}

static void
issue(struct walk *w, enum aa_detect what, struct aa_loc at,
      const char *pointer, const char *fmt, ...)
{
    char subject[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(subject, sizeof(subject), fmt, ap);
    va_end(ap);
    aa_scenario_add_issue(w->sc, what, pointer, at.line, at.col, subject);
    w->shown++;
}

size_t
aa_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static int
is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, checked here because
 * cJSON hands strtod whatever looks numeric, so "01", "1." and "-01"
 * would load. */
size_t
aa_json_number_len(const unsigned char *s, size_t n)
{
    size_t i = 0;

#define DIGIT(k) ((k) < n && s[k] >= '0' && s[k] <= '9')
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (DIGIT(i))
        while (DIGIT(i))
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        if (!DIGIT(i + 1))
            return 0;
        for (i++; DIGIT(i); i++)
            ;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (!DIGIT(i))
            return 0;
        while (DIGIT(i))
            i++;
    }
    /* "01", "1.2.3": the grammar ended inside a longer token. */
    if (DIGIT(i) || (i < n && strchr(".eE+-", s[i]) != NULL))
        return 0;
#undef DIGIT
    return i;
}

/* Where byte 'off' of the text is; only for a problem, as it counts
 * lines from the start. */
static struct aa_loc
at_offset(const struct walk *w, size_t off)
{
    return aa_loc_of_offset(w->file, w->text, off);
}

/* The bytes that end a number, true, false or null. */
static const unsigned char ends_token[256] = {
    [','] = 1,  [']'] = 1,  ['}'] = 1,  [' '] = 1,
    ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [0] = 1,
};

/* Bytes a string holds as they are, with nothing to check: printable
 * ASCII but '"' and '\\'.  Most of a scenario is such bytes, and one
 * look-up each keeps pass 1 cheap. */
static const unsigned char plain_in_string[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 controls */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 controls */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20, but '"' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50, but '\\' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
    /* 0x80-0xFF: 0, UTF-8 is checked sequence by sequence */
};

/* Pass 1.  Stops at the first problem: later positions would mislead. */
/* The value of the four hexadecimal digits at s, or -1. */
static long
hex4(const unsigned char *s)
{
    long v = 0;

    for (int k = 0; k < 4; k++) {
        int c = s[k], d = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;

        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* cJSON takes a '\u' without four digits, or with half a surrogate pair,
 * and keeps the string up to it: "abc\u12G4def" read as "abc". */
int
aa_json_escape_check(const unsigned char *s, size_t len, size_t i, char *why,
                     size_t n)
{
    long u, lo = -1;

    if (i + 1 >= len || strchr("\"\\/bfnrtu", s[i + 1]) == NULL ||
        s[i + 1] == '\0') {
        snprintf(why, n, "'\\%c' is no escape; write '\\\\' for a backslash",
                 i + 1 < len && s[i + 1] >= 0x20 && s[i + 1] < 0x7f ? s[i + 1]
                                                                    : '?');
        return -1;
    }
    if (s[i + 1] != 'u')
        return 0;
    if (i + 6 > len || (u = hex4(s + i + 2)) < 0) {
        snprintf(why, n, "'\\u' needs four hexadecimal digits");
        return -1;
    }
    if (u >= 0xD800 && u <= 0xDBFF && i + 12 <= len && s[i + 6] == '\\' &&
        s[i + 7] == 'u')
        lo = hex4(s + i + 8);
    if ((u >= 0xD800 && u <= 0xDBFF && !(lo >= 0xDC00 && lo <= 0xDFFF)) ||
        (u >= 0xDC00 && u <= 0xDFFF &&
         !(i >= 6 && s[i - 6] == '\\' && s[i - 5] == 'u' &&
           hex4(s + i - 4) >= 0xD800 && hex4(s + i - 4) <= 0xDBFF))) {
        snprintf(why, n, "'\\u%04lX' is half of a UTF-16 surrogate pair", u);
        return -1;
    }
    return 0;
}

/* The escape at s[i] ('\\') of the plan, or an error at it. */
static int
bad_escape(struct walk *w, const unsigned char *s, size_t i)
{
    char why[80];

    if (aa_json_escape_check(s, w->len, i, why, sizeof(why)) == 0)
        return 0;
    werror(w, AA_E_JSON_SYNTAX, at_offset(w, i), "invalid JSON: %s", why);
    return -1;
}

static int
prescan(struct walk *w, int *truncated)
{
    const unsigned char *s = (const unsigned char *)w->text;
    size_t max_depth = aa_limit(AA_LIMIT_DEPTH);
    size_t max_keys = aa_limit(AA_LIMIT_KEYS);
    /* One entry per open object or array: where it opened and how many
     * ':' (keys) it holds so far. */
    struct level {
        size_t open, keys;
    } *lv = NULL;
    size_t depth = 0, cap = 0;
    unsigned char prev = 0; /* last byte outside strings, not a blank */
    int in_str = 0;

    for (size_t i = 0; i < w->len;) {
        size_t n;

        if (in_str && plain_in_string[s[i]]) {
            i++;
            continue;
        }
        if (!in_str && is_space((char)s[i])) {
            i++; /* indentation, most of what is outside strings */
            continue;
        }
        n = aa_utf8_len(s + i, w->len - i);
        if (s[i] == 0) {
            werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                   "invalid JSON: a NUL byte; the NUL character is not "
                   "allowed");
            return -1;
        }
        if (n == 0) {
            werror(w, AA_E_UTF8, at_offset(w, i),
                   "invalid UTF-8 (byte 0x%02X); scenarios must be UTF-8",
                   s[i]);
            return -1;
        }
        if (in_str) {
            if (s[i] < 0x20) {
                static const char esc[] = "btn.fr";

                if (s[i] >= 8 && s[i] <= 13 && esc[s[i] - 8] != '.')
                    werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                           "invalid JSON: control character U+%04X in a "
                           "string; write it as \\%c",
                           s[i], esc[s[i] - 8]);
                else
                    werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                           "invalid JSON: control character U+%04X in a "
                           "string; write it as \\u%04X",
                           s[i], s[i]);
                return -1;
            }
            if (s[i] == '\\' && i + 1 < w->len) {
                if (s[i + 1] == 'u' && i + 5 < w->len &&
                    memcmp(s + i + 2, "0000", 4) == 0) {
                    werror(w, AA_E_SCENARIO, at_offset(w, i),
                           "the NUL character (\\u0000) is not allowed");
                    return -1;
                }
                if (bad_escape(w, s, i) != 0)
                    return -1;
                i += 2;
                continue;
            }
            if (s[i] == '"')
                in_str = 0;
            i += n;
            continue;
        }
        if (s[i] == '"') {
            in_str = 1;
        } else if (s[i] == '{' || s[i] == '[') {
            if (++depth > max_depth) {
                werror(w, AA_E_LIMIT, at_offset(w, i),
                       "nested deeper than %zu levels (--limit depth=N)",
                       max_depth);
                return -1;
            }
            if (depth > cap) {
                struct level *grown =
                    aa_arena_alloc(&scratch, 2 * (cap + 8) * sizeof(*lv));

                if (cap > 0)
                    memcpy(grown, lv, cap * sizeof(*lv));
                lv = grown;
                cap = 2 * (cap + 8);
            }
            lv[depth - 1].open = i;
            lv[depth - 1].keys = 0;
        } else if (s[i] == '}' || s[i] == ']') {
            if (depth > 0)
                depth--;
        } else if (s[i] == ':') {
            /* Counted here, before cJSON builds a node per key. */
            if (depth > 0 && ++lv[depth - 1].keys > max_keys) {
                werror(w, AA_E_LIMIT, at_offset(w, lv[depth - 1].open),
                       "an object with more than %zu keys (--limit keys=N)",
                       max_keys);
                return -1;
            }
        } else if ((s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) &&
                   (prev == 0 || prev == ':' || prev == ',' || prev == '[')) {
            size_t len = aa_json_number_len(s + i, w->len - i), tok = 0;
            size_t z = i + (s[i] == '-'); /* the first digit */

            if (len == 0) {
                while (i + tok < w->len && tok < 24 &&
                       strchr("0123456789.eE+-", s[i + tok]) != NULL)
                    tok++;
                if (z + 1 < w->len && s[z] == '0' && s[z + 1] >= '0' &&
                    s[z + 1] <= '9')
                    werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                           "invalid JSON: leading zero in number '%.*s'",
                           (int)tok, (const char *)s + i);
                else
                    werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                           "invalid JSON: malformed number '%.*s'", (int)tok,
                           (const char *)s + i);
                return -1;
            }
            prev = s[i];
            i += len;
            continue;
        } else if (s[i] < 0x20 && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
                   s[i] != '\r') {
            werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                   "invalid JSON: control character U+%04X", s[i]);
            return -1;
        } else if (n == 3 && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) {
            werror(w, AA_E_JSON_SYNTAX, at_offset(w, i),
                   "invalid JSON: a byte order mark (U+FEFF) is allowed "
                   "only once, at the very start");
            return -1;
        }
        if (!is_space((char)s[i]))
            prev = s[i];
        i += n;
    }
    /* An open string or container at the end: the text was cut short. */
    *truncated = in_str || depth > 0;
    return 0;
}

/* --- pass 3: the walk ------------------------------------------------ */

static void
advance(struct walk *w, size_t n)
{
    for (size_t i = 0; i < n && w->pos < w->len; i++, w->pos++) {
        unsigned char ch = (unsigned char)w->text[w->pos];

        if (ch == '\n') {
            w->line++;
            w->col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            w->col++;
        }
    }
}

static void
skip_ws(struct walk *w)
{
    size_t i = w->pos;

    for (; i < w->len && is_space(w->text[i]); i++) {
        if (w->text[i] == '\n') {
            w->line++;
            w->col = 1;
        } else {
            w->col++;
        }
    }
    w->pos = i;
}

/* Skip a scalar token: string, number, true, false or null.  The text is
 * valid JSON by now, so a string holds no raw line break and no byte but
 * ASCII after a backslash: only the column moves, by the code points
 * passed. */
static void
skip_scalar(struct walk *w)
{
    const char *t = w->text;
    size_t i = w->pos, n = w->len;
    unsigned col = w->col;

    if (i < n && t[i] == '"') {
        for (i++, col++; i < n && t[i] != '"';) {
            if (t[i] == '\\') {
                i += 2;
                col += 2;
            } else {
                col += ((unsigned char)t[i] & 0xC0) != 0x80;
                i++;
            }
        }
        if (i < n) {
            i++;
            col++;
        }
    } else {
        while (i < n && !ends_token[(unsigned char)t[i]]) {
            i++;
            col++;
        }
    }
    w->pos = i < n ? i : n;
    w->col = col;
}

static struct aa_loc
here(const struct walk *w)
{
    struct aa_loc l = {w->file, w->line, w->col};

    return l;
}

static const char *
json_type(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "null";
}

/* Append "/key" (escaped per RFC 6901) to w->ptr; returns the old length. */
static size_t
ptr_push(struct walk *w, const char *key)
{
    size_t old = strlen(w->ptr), n = old;

    if (n + 1 < sizeof(w->ptr))
        w->ptr[n++] = '/';
    for (; *key != '\0' && n + 3 < sizeof(w->ptr); key++) {
        if (*key == '~' || *key == '/') {
            w->ptr[n++] = '~';
            w->ptr[n++] = *key == '~' ? '0' : '1';
        } else {
            w->ptr[n++] = *key;
        }
    }
    w->ptr[n] = '\0';
    return old;
}

static void
ptr_pop(struct walk *w, size_t old)
{
    w->ptr[old] = '\0';
}

/* The pointer as messages show it: the root is "/", not "". */
static const char *
ptr_text(const struct walk *w)
{
    return w->ptr[0] != '\0' ? w->ptr : "/";
}

/* Refuse a string (value or key) over the string-length limit.  Decoded
 * bytes are counted, as they are what the rules and reports carry. */
static int
long_string(struct walk *w, const char *str, struct aa_loc at, const char *what)
{
    size_t max = aa_limit(AA_LIMIT_STRING);
    char lim[32];

    if (strlen(str) <= max)
        return 0;
    werror(w, AA_E_LIMIT, at, "%s: %s longer than %s (--limit string-length=N)",
           ptr_text(w), what, aa_limit_size_text(lim, sizeof(lim), max));
    return 1;
}

/* Check one scalar against an enum row; fills v. */
static void
take_enum(struct walk *w, int row, const cJSON *node, struct aa_val *v,
          struct aa_loc at)
{
    const char *s = node->valuestring;
    int ix = aa_contract_enum_index(row, s, strlen(s));
    char allowed[512];
    const char *hint;

    if (ix >= 0) {
        v->present = 1;
        v->type = AA_T_ENUM;
        v->e = ix;
        v->s = aa_fields[row].values[ix];
        return;
    }
    if (over_cap(w, AA_E_SCENARIO))
        return;
    aa_contract_values_text(row, allowed, sizeof(allowed));
    hint = aa_contract_suggest_value(row, s);
    werror(w, AA_E_SCENARIO, at,
           "%s: '%s' is not allowed; expected one of %s%s%s%s", w->ptr, s,
           allowed, hint ? " (did you mean '" : "", hint ? hint : "",
           hint ? "'?)" : "");
}

/* How the number token at the current position is written: 0 as an
 * integer, '.' with a fraction, 'e' with an exponent. */
static int
number_form(const struct walk *w)
{
    for (size_t i = w->pos;
         i < w->len && strchr(",]} \t\r\n", w->text[i]) == NULL; i++)
        if (w->text[i] == '.' || w->text[i] == 'e' || w->text[i] == 'E')
            return w->text[i] == '.' ? '.' : 'e';
    return 0;
}

static void walk_value(struct walk *w, const cJSON *node, int row);
static void take_suppressions(struct walk *w, const cJSON *node,
                              struct aa_loc key_at);

static void
walk_array(struct walk *w, const cJSON *node, int row)
{
    const struct aa_field *f = row >= 0 ? &aa_fields[row] : NULL;
    struct aa_val *v = row >= 0 ? &w->sc->vals[row] : NULL;
    int n = cJSON_GetArraySize(node), i = 0;
    const cJSON *it;

    if (v != NULL) {
        v->items = aa_arena_alloc(&w->sc->arena, (size_t)n * sizeof(*v->items));
        v->nitems = 0;
    }
    advance(w, 1); /* [ */
    for (it = node->child; it != NULL; it = it->next, i++) {
        char idx[24], *p = idx + sizeof(idx) - 1;
        unsigned k = (unsigned)i;
        size_t old;

        skip_ws(w);
        /* The item's index, as printf would write it for far more. */
        *p = '\0';
        do
            *--p = (char)('0' + k % 10);
        while ((k /= 10) > 0);
        old = ptr_push(w, p);
        if (f == NULL) {
            walk_value(w, it, -1);
        } else if (!cJSON_IsString(it)) {
            werror(w, AA_E_SCENARIO, here(w), "%s: expected a string, got %s",
                   w->ptr, json_type(it));
            walk_value(w, it, -1);
        } else if (long_string(w, it->valuestring, here(w), "a string")) {
            skip_scalar(w);
        } else {
            struct aa_val *item = &v->items[v->nitems];

            item->line = w->line;
            item->col = w->col;
            if (f->type == AA_T_ENUM_ARRAY) {
                take_enum(w, row, it, item, here(w));
            } else {
                const char *s = it->valuestring;
                size_t len = strlen(s);

                /* Role, designation and resource type names have no blanks
                 * at their ends: "Contributor " is Contributor, not a role
                 * the table lacks.  A path keeps its own. */
                if (row != AA_ROW_ARTIFACTS) {
                    while (len > 0 && (*s == ' ' || *s == '\t'))
                        s++, len--;
                    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
                        len--;
                }
                item->present = 1;
                item->type = AA_T_STRING;
                item->s = aa_arena_strndup(&w->sc->arena, s, len);
            }
            if (item->present)
                v->nitems++;
            skip_scalar(w);
        }
        ptr_pop(w, old);
        skip_ws(w);
        if (w->pos < w->len && w->text[w->pos] == ',')
            advance(w, 1);
    }
    skip_ws(w);
    advance(w, 1); /* ] */
}

/* Sorted by key, then by position: equal keys end up side by side with
 * the first one in the text first. */
struct member {
    const char *key;
    size_t ix;
};

static int
cmp_member(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c != 0 ? c : (x->ix > y->ix) - (x->ix < y->ix);
}

/* dup[i] != 0 when member i of 'node' repeats the key of an earlier one.
 * Past a few members, a sort rather than a scan of the members before
 * each one: n log n comparisons whatever the keys, where the scan was n^2
 * and a plan of 600k keys never finished.  The result is in the scratch
 * arena. */
static unsigned char *
find_duplicates(const cJSON *node)
{
    size_t n = 0, i = 0;
    const cJSON *m;
    struct member *v;
    unsigned char *dup;

    for (m = node->child; m != NULL; m = m->next)
        n++;
    dup = aa_arena_alloc(&scratch, n);
    if (n <= 16) { /* most objects: fewer compares than a sort's */
        for (m = node->child; m != NULL; m = m->next, i++)
            for (const cJSON *e = node->child; e != m; e = e->next)
                if (strcmp(e->string, m->string) == 0) {
                    dup[i] = 1;
                    break;
                }
        return dup;
    }
    v = aa_arena_alloc(&scratch, n * sizeof(*v));
    for (m = node->child; m != NULL; m = m->next, i++) {
        v[i].key = m->string;
        v[i].ix = i;
    }
    if (n > 1)
        qsort(v, n, sizeof(*v), cmp_member);
    for (i = 1; i < n; i++)
        if (strcmp(v[i - 1].key, v[i].key) == 0)
            dup[v[i].ix] = 1;
    return dup;
}

/*
 * The members a plan may carry for people and editors, which the advice
 * never reads: "$schema" at the top (the editor's schema, as 'init'
 * writes it) and "$comment" in any object, a string or an array of
 * strings (init's notes, one line each).  Nonzero when m is one; a value
 * of the wrong type is an error, as for a field.
 */
static int
meta_key(struct walk *w, int row, const cJSON *m)
{
    int schema = row == AA_FIELD_ROOT && strcmp(m->string, "$schema") == 0;
    const cJSON *bad = m;

    if (!schema && strcmp(m->string, "$comment") != 0)
        return 0;
    if (cJSON_IsString(m))
        bad = NULL;
    else if (!schema && cJSON_IsArray(m))
        for (bad = m->child; bad != NULL && cJSON_IsString(bad);)
            bad = bad->next;
    if (bad != NULL)
        werror(w, AA_E_SCENARIO, here(w), "%s: expected %s, got %s%s", w->ptr,
               schema ? "a string" : "a string or an array of strings",
               bad != m ? "an array holding " : "", json_type(bad));
    return 1;
}

static void
walk_object(struct walk *w, const cJSON *node, int row)
{
    unsigned char *dup = row >= 0 ? find_duplicates(node) : NULL;
    const cJSON *m;
    size_t i = 0;

    advance(w, 1); /* { */
    for (m = node->child; m != NULL; m = m->next, i++) {
        struct aa_loc key_at;
        int child = -1;
        size_t old;

        skip_ws(w);
        key_at = here(w);
        skip_scalar(w); /* the key */
        skip_ws(w);
        advance(w, 1); /* : */
        skip_ws(w);
        if (long_string(w, m->string, key_at, "a key")) {
            walk_value(w, m, -1);
            goto next;
        }
        old = ptr_push(w, m->string);
        if (row >= 0) {
            if (dup[i])
                werror(w, AA_E_SCENARIO, key_at, "%s: duplicate key", w->ptr);
            child = aa_contract_child(row, m->string, strlen(m->string));
            if (child < 0 && !meta_key(w, row, m) &&
                strncmp(m->string, "x-", 2) != 0 &&
                !over_cap(w, AA_W_UNKNOWN_KEY)) {
                const char *hint = aa_contract_suggest_key(row, m->string);

                issue(w, AA_D_UNKNOWN_KEY, key_at, w->ptr, "%s%s%s%s", w->ptr,
                      hint ? " (did you mean '" : "", hint ? hint : "",
                      hint ? "'?)" : "");
            }
            if (child >= 0 && aa_fields[child].derived) {
                int src = aa_contract_source(child);

                werror(w, AA_E_SCENARIO, key_at,
                       "%s: attrib-advise fills this in from %s; remove it",
                       w->ptr, src >= 0 ? aa_fields[src].ptr : "the advice");
                child = -1;
            }
            if (child >= 0) {
                w->sc->vals[child].line = key_at.line;
                w->sc->vals[child].col = key_at.col;
            }
        }
        if (row == AA_FIELD_ROOT && strcmp(m->string, "x-attrib-suppress") == 0)
            take_suppressions(w, m, key_at);
        else
            walk_value(w, m, child);
        ptr_pop(w, old);
    next:
        skip_ws(w);
        if (w->pos < w->len && w->text[w->pos] == ',')
            advance(w, 1);
    }
    skip_ws(w);
    advance(w, 1); /* } */
}

int
aa_date_valid(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    static const int days[12] = {31, 29, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    int y, m, d;

    for (size_t i = 0; i < sizeof(shape) - 1; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
            return 0;
    if (s[sizeof(shape) - 1] != '\0')
        return 0;
    /* A day of the calendar: dates compare as text, and "2026-13-45"
     * would sort after every real one (never expiring, never stale). */
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

void
aa_date_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/*
 * "x-attrib-suppress": [{"rule": ID, "reason": TEXT, "expires": DATE}]
 * Bad entries are not applied, so a sloppy suppression can never hide a
 * finding, and are issues (input.suppression-invalid); the text is walked
 * in step to locate each.
 */
static void
take_suppressions(struct walk *w, const cJSON *node, struct aa_loc key_at)
{
    struct aa_suppress *supp;
    size_t n = 0;
    const cJSON *it;
    char entry[sizeof(w->ptr) + 24];

    if (!cJSON_IsArray(node)) {
        if (!over_cap(w, AA_W_SUPPRESS))
            issue(w, AA_D_SUPPRESSION_INVALID, key_at, w->ptr,
                  "%s is not an array of {rule, reason, expires}", w->ptr);
        walk_value(w, node, -1);
        return;
    }
    /* The key may come twice (an error, reported as a duplicate, but the
     * walk goes on): room for the entries taken so far and these. */
    supp = aa_arena_alloc(&w->sc->arena,
                          (w->sc->nsupp + (size_t)cJSON_GetArraySize(node)) *
                              sizeof(*supp));
    if (w->sc->nsupp > 0)
        memcpy(supp, w->sc->supp, w->sc->nsupp * sizeof(*supp));
    w->sc->supp = supp;
    advance(w, 1); /* [ */
    for (it = node->child; it != NULL; it = it->next, n++) {
        const cJSON *rule = cJSON_GetObjectItemCaseSensitive(it, "rule");
        const cJSON *reason = cJSON_GetObjectItemCaseSensitive(it, "reason");
        const cJSON *exp = cJSON_GetObjectItemCaseSensitive(it, "expires");
        struct aa_loc at;

        skip_ws(w);
        at = here(w);
        snprintf(entry, sizeof(entry), "%s/%zu", w->ptr, n);
        if (!cJSON_IsString(rule) || rule->valuestring[0] == '\0') {
            if (!over_cap(w, AA_W_SUPPRESS))
                issue(w, AA_D_SUPPRESSION_INVALID, at, entry,
                      "%s names no \"rule\"", entry);
        } else if (!cJSON_IsString(reason) || reason->valuestring[0] == '\0') {
            if (!over_cap(w, AA_W_SUPPRESS))
                issue(w, AA_D_SUPPRESSION_INVALID, at, entry,
                      "%s (%s) gives no \"reason\"", entry, rule->valuestring);
        } else if (exp != NULL &&
                   (!cJSON_IsString(exp) || !aa_date_valid(exp->valuestring))) {
            if (!over_cap(w, AA_W_SUPPRESS))
                issue(w, AA_D_SUPPRESSION_INVALID, at, entry,
                      "%s (%s) has an \"expires\" that is not a date "
                      "YYYY-MM-DD",
                      entry, rule->valuestring);
        } else {
            struct aa_suppress *s = &w->sc->supp[w->sc->nsupp++];

            s->rule = aa_arena_strdup(&w->sc->arena, rule->valuestring);
            s->reason = aa_arena_strdup(&w->sc->arena, reason->valuestring);
            s->expires =
                exp ? aa_arena_strdup(&w->sc->arena, exp->valuestring) : NULL;
            s->pointer = aa_arena_strdup(&w->sc->arena, entry);
            s->line = at.line;
            s->col = at.col;
        }
        walk_value(w, it, -1);
        skip_ws(w);
        if (w->pos < w->len && w->text[w->pos] == ',')
            advance(w, 1);
    }
    skip_ws(w);
    advance(w, 1); /* ] */
}

/* Check 'node' against contract row 'row' (-1: unknown, just skip it). */
static void
walk_value(struct walk *w, const cJSON *node, int row)
{
    const struct aa_field *f = row >= 0 ? &aa_fields[row] : NULL;
    struct aa_val *v = row >= 0 ? &w->sc->vals[row] : NULL;
    const char *want = NULL;

    if (f != NULL) {
        v->type = (unsigned char)f->type;
        switch (f->type) {
        case AA_T_OBJECT:
            want = cJSON_IsObject(node) ? NULL : "an object";
            break;
        case AA_T_STRING:
        case AA_T_ENUM:
            want = cJSON_IsString(node) ? NULL : "a string";
            break;
        case AA_T_BOOL:
            want = cJSON_IsBool(node) ? NULL : "a boolean";
            break;
        case AA_T_INT:
            want = cJSON_IsNumber(node) && number_form(w) == 0 ? NULL
                                                               : "an integer";
            break;
        case AA_T_STRING_ARRAY:
        case AA_T_ENUM_ARRAY:
            want = cJSON_IsArray(node) ? NULL : "an array of strings";
            break;
        }
        if (cJSON_IsNull(node)) {
            werror(w, AA_E_SCENARIO, here(w),
                   "%s: null is not allowed; leave the field out when it is "
                   "unknown",
                   ptr_text(w));
            f = NULL;
        } else if (want != NULL) {
            werror(w, AA_E_SCENARIO, here(w), "%s: expected %s, got %s",
                   ptr_text(w), want,
                   !cJSON_IsNumber(node) || f->type != AA_T_INT
                       ? json_type(node)
                   : number_form(w) == '.' ? "a number with a fraction"
                                           : "a number with an exponent");
            f = NULL;
        }
    }
    if (cJSON_IsString(node) &&
        long_string(w, node->valuestring, here(w), "a string"))
        f = NULL;
    if (f == NULL)
        row = -1;
    if (cJSON_IsObject(node)) {
        if (row >= 0)
            v->present = 1;
        walk_object(w, node, row);
        return;
    }
    if (cJSON_IsArray(node)) {
        if (row >= 0)
            v->present = 1;
        walk_array(w, node, row);
        return;
    }
    if (row >= 0) {
        switch (f->type) {
        case AA_T_BOOL:
            v->present = 1;
            v->b = cJSON_IsTrue(node);
            break;
        case AA_T_INT:
            v->present = 1;
            v->n = node->valuedouble;
            break;
        case AA_T_STRING:
            v->present = 1;
            v->s = aa_arena_strdup(&w->sc->arena, node->valuestring);
            break;
        case AA_T_ENUM:
            take_enum(w, row, node, v, here(w));
            break;
        default:
            break;
        }
    }
    skip_scalar(w);
}

struct aa_scenario *
aa_scenario_new(const char *name)
{
    struct aa_scenario *sc =
        aa_in_own_arena(sizeof(*sc), offsetof(struct aa_scenario, arena));

    sc->name = aa_arena_strdup(&sc->arena, name);
    sc->vals = aa_arena_alloc(&sc->arena, aa_field_count * sizeof(*sc->vals));
    return sc;
}

/* /partner/location_partner_id: the Partner ID that commands may print as
 * "your location Partner ID".  A global ID earns nothing in any mechanism
 * (GEN-F02) and a malformed one is no ID at all (GEN-F01), so for those the
 * field stays absent and templates show a placeholder instead of a value
 * that would be wrong to paste.  An unknown kind keeps the ID: the plan
 * gave it, and the kind's absence is reported where it matters. */
void
aa_scenario_derive(struct aa_scenario *sc)
{
    int id = AA_ROW_PARTNER_ID, kind = AA_ROW_PARTNER_ID_KIND;
    int loc = AA_ROW_LOCATION_PARTNER_ID;
    const struct aa_val *v = &sc->vals[id];
    const char *p;

    memset(&sc->vals[loc], 0, sizeof(sc->vals[loc]));
    if (!v->present || v->s[0] == '\0')
        return;
    for (p = v->s; *p >= '0' && *p <= '9'; p++)
        ;
    if (*p != '\0')
        return;
    if (sc->vals[kind].present && strcmp(sc->vals[kind].s, "global") == 0)
        return;
    sc->vals[loc] = *v;
    sc->vals[loc].type = AA_T_STRING;
}

/* One line after the problems past the 'errors' limit: how many, at the
 * level of the worst of them, so the exit status still counts them. */
static void
add_more(const struct walk *w, unsigned first_line)
{
    struct aa_loc nowhere = {NULL, 0, 0};

    if (w->more == 0)
        return;
    if (first_line > 0)
        aa_diag_add(w->dl, w->more_worst, nowhere, NULL,
                    "... and %zu more problem%s in %s:%u", w->more,
                    w->more == 1 ? "" : "s", w->file, first_line);
    else
        aa_diag_add(w->dl, w->more_worst, nowhere, NULL,
                    "... and %zu more problem%s in %s", w->more,
                    w->more == 1 ? "" : "s", w->file);
}

/* Whether an object has a top-level member the contract knows besides
 * "version": what tells a plan that lost or mistyped its "version" from an
 * ARM template, a parameter file or a package.json kept beside the plans. */
static int
any_field(const cJSON *root)
{
    for (const cJSON *m = root->child; m != NULL; m = m->next) {
        int row =
            aa_contract_child(AA_FIELD_ROOT, m->string, strlen(m->string));

        /* "version" alone says nothing: package.json, composer.json, SBOMs
         * and SARIF logs have one. */
        if (row >= 0 && row != AA_ROW_VERSION)
            return 1;
    }
    return 0;
}

/* What the top level of a file this program wrote says it is: its JSON
 * advice and portfolio summary name the tool, a baseline holds "version"
 * and "findings" alone.  Kept in a folder of plans (a baseline at the
 * repository's root, a summary saved for --compare), each has a numeric
 * "version" and no field of the contract, and was read as a plan: with a
 * warning per key, or rejected (a baseline's version 2). */
static const char own_report[] = "not a scenario: an attrib-advise report";
/* An array is no plan either: this tool's Code Quality report, or another
 * tool's list.  Said as the contract's reader says it of a line. */
static const char top_array[] = "/: expected an object, got an array";
static const char own_baseline[] =
    "not a scenario: an attrib-advise baseline (give it with --baseline)";

static const char *
own_output(const cJSON *root)
{
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(root, "tool");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(tool, "name");
    int version = 0, findings = 0;

    if (cJSON_IsString(name) && strcmp(name->valuestring, "attrib-advise") == 0)
        return own_report;
    /* Each once: {"version":1,"version":1} is a plan with a duplicate key,
     * which the reader reports, not a baseline. */
    for (const cJSON *m = root->child; m != NULL; m = m->next)
        if (strcmp(m->string, "version") == 0
                ? !cJSON_IsNumber(m) || version++
                : strcmp(m->string, "findings") != 0 || !cJSON_IsArray(m) ||
                      findings++)
            return NULL;
    return version == 1 && findings == 1 ? own_baseline : NULL;
}

/* aa_scenario_parse; first_line > 0 for a line of an NDJSON batch, which
 * the line-size limit bounds instead of scenario-size.  Positions are
 * relative to the text, and aa_scenario_parse_at moves them, but those of
 * the one-pass reader, which counts from first_line itself: *placed then
 * says so. */
static struct aa_scenario *
parse_text(const char *name, const char *data, size_t len, unsigned first_line,
           struct aa_diags *dl, int *placed)
{
    struct walk w;
    struct aa_scenario *sc = NULL;
    cJSON *root = NULL;
    const cJSON *version;
    const char *end = NULL, *own;
    const char *file = strcmp(name, "-") == 0 ? "<stdin>" : name;
    size_t max =
        aa_limit(first_line > 0 ? AA_LIMIT_LINE_SIZE : AA_LIMIT_SCENARIO_SIZE);
    char lim[32];
    int truncated = 0, bare;

    memset(&w, 0, sizeof(w));
    w.dl = dl;
    w.file = file;
    if (len > max) {
        struct aa_loc top = {file, 0, 0};

        if (first_line > 0) {
            /* Where the limit was passed; moved to first_line with the
             * rest of the text's positions. */
            top = aa_loc_of_offset(file, data, max);
            top.line = 1;
        }
        if (first_line > 0)
            aa_diag_add(dl, AA_E_LIMIT, top, NULL,
                        "line %u is longer than %s (--limit line-size=N)",
                        first_line, aa_limit_size_text(lim, sizeof(lim), max));
        else
            aa_diag_add(dl, AA_E_LIMIT, top, NULL,
                        "file is larger than %s (--limit scenario-size=N)",
                        aa_limit_size_text(lim, sizeof(lim), max));
        return NULL;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (fast_path) {
        sc = aa_scenario_read_fast(file, data, len, first_line, &scratch);
        if (sc != NULL) {
            *placed = 1;
            return sc;
        }
        aa_arena_reset(&scratch);
    }
    w.text = data;
    w.len = len;
    if (prescan(&w, &truncated) != 0)
        return NULL;
    root = parse_tree(data, len, &end);
    if (root == NULL) {
        size_t off = end != NULL && end >= data ? (size_t)(end - data) : 0;
        size_t i = 0;

        while (i < len && is_space(data[i]))
            i++;
        if (off > len)
            off = len;
        /* Where a key must start (after '{' or ','), cJSON stops one byte
         * past a key that does not open with '"': "{bad}" stops at 'a'. */
        if (off > 0 && off < len && !is_space(data[off - 1]) &&
            data[off - 1] != '"') {
            size_t k = off - 1;

            while (k > 0 && is_space(data[k - 1]))
                k--;
            if (k > 0 && (data[k - 1] == '{' || data[k - 1] == ','))
                off--;
        }
        /* A file that ends early is said so, unless cJSON stopped at a
         * token before the end: "{bad" is wrong at 'b' whatever follows. */
        if (truncated && off < len && !is_space(data[off]) &&
            (off == 0 || data[off - 1] != '"')) {
            size_t last = len;

            while (last > 0 && is_space(data[last - 1]))
                last--;
            if (off + 1 < last)
                truncated = 0;
        }
        if (i == len) {
            off = 0;
        } else if (truncated) {
            off = len;
            while (off > 0 && is_space(data[off - 1]))
                off--;
        } else {
            /* cJSON may stop past the offending token; step back over the
             * blanks so the column names the token itself. */
            while (off > 0 && (off == len || is_space(data[off])))
                off--;
        }
        if (i == len)
            aa_diag_add(dl, AA_E_JSON_SYNTAX, aa_loc_of_offset(file, data, off),
                        NULL, "empty file: expected a JSON object");
        else if (truncated)
            aa_diag_add(dl, AA_E_JSON_SYNTAX, aa_loc_of_offset(file, data, off),
                        NULL, "invalid JSON: unexpected end of input");
        else if (data[off] > ' ' && data[off] < 127)
            aa_diag_add(dl, AA_E_JSON_SYNTAX, aa_loc_of_offset(file, data, off),
                        NULL, "invalid JSON: unexpected '%c'", data[off]);
        else
            aa_diag_add(dl, AA_E_JSON_SYNTAX, aa_loc_of_offset(file, data, off),
                        NULL, "invalid JSON");
        return NULL;
    }
    for (size_t i = (size_t)(end - data); i < len; i++)
        if (!is_space(data[i])) {
            aa_diag_add(dl, AA_E_JSON_SYNTAX, aa_loc_of_offset(file, data, i),
                        NULL,
                        "invalid JSON: unexpected text after the end of the "
                        "scenario");
            return NULL;
        }

    sc = aa_scenario_new(file);
    w.sc = sc;
    w.line = w.col = 1;
    skip_ws(&w);
    sc->vals[0].line = w.line;
    sc->vals[0].col = w.col;
    /* Not a plan at all (an ARM template, a package.json beside the
     * plans): one diagnostic, which a folder walk looks for, and nothing
     * of what the contract would say of its members. */
    version = cJSON_IsObject(root)
                  ? cJSON_GetObjectItemCaseSensitive(root, "version")
                  : NULL;
    if (cJSON_IsArray(root)) {
        aa_diag_add(dl, AA_E_NOT_PLAN, (struct aa_loc){file, w.line, w.col},
                    NULL, "%s", top_array);
        aa_scenario_free(sc);
        return NULL;
    }
    bare = cJSON_IsObject(root) && !any_field(root);
    own = bare ? own_output(root) : NULL;
    if (own != NULL || (bare && !cJSON_IsNumber(version))) {
        struct aa_loc at = {file, w.line, w.col};

        aa_diag_add(dl, AA_E_NOT_PLAN, at, NULL, "%s",
                    own != NULL ? own
                    : version == NULL
                        ? "not a scenario: no \"version\" and no field of "
                          "contract v1 at the top level"
                        : "not a scenario: no field of contract v1 at the top "
                          "level, and a \"version\" that is no contract "
                          "version");
        aa_scenario_free(sc);
        return NULL;
    }
    walk_value(&w, root, AA_FIELD_ROOT);
    if (w.errors == 0 && sc->vals[0].present) {
        const struct aa_val *ver = &sc->vals[1];

        if (!ver->present)
            werror(&w, AA_E_SCENARIO, aa_scenario_loc(sc, 1),
                   "missing \"version\": this build reads contract version "
                   "1");
        else if (ver->n != 1)
            werror(&w, AA_E_SCENARIO, aa_scenario_loc(sc, 1),
                   "/version: unsupported contract version %.15g; this "
                   "build reads version 1",
                   ver->n);
    }
    add_more(&w, first_line);
    if (w.errors > 0) {
        aa_scenario_free(sc);
        return NULL;
    }
    aa_scenario_derive(sc);
    return sc;
}

static struct aa_scenario *
parse(const char *name, const char *data, size_t len, unsigned first_line,
      struct aa_diags *dl, int *placed)
{
    struct aa_scenario *sc =
        parse_text(name, data, len, first_line, dl, placed);

    aa_arena_reset(&scratch);
    return sc;
}

struct aa_scenario *
aa_scenario_parse(const char *name, const char *data, size_t len,
                  struct aa_diags *dl)
{
    int placed = 0;

    return parse(name, data, len, 0, dl, &placed);
}

struct aa_scenario *
aa_scenario_parse_at(const char *name, const char *data, size_t len,
                     unsigned first_line, struct aa_diags *dl)
{
    size_t n0 = dl->n;
    unsigned shift = first_line > 0 ? first_line - 1 : 0;
    int placed = 0;
    struct aa_scenario *sc = parse(name, data, len, first_line, dl, &placed);

    /* A plan the one-pass reader read has its lines already (and no
     * diagnostic): a batch's plans mostly are, and the pass below reads
     * the whole value table. */
    if (placed || shift == 0) {
        if (sc != NULL)
            sc->first_line = first_line;
        return sc;
    }
    /* Parse as if alone, then move every position down to the line the
     * text came from: one pass here instead of an offset in every scan. */
    for (size_t i = n0; i < dl->n; i++)
        if (dl->v[i].line > 0)
            dl->v[i].line += shift;
    for (size_t f = 0; sc != NULL && f < aa_field_count; f++) {
        struct aa_val *v = &sc->vals[f];

        if (v->line > 0)
            v->line += shift;
        for (size_t k = 0; k < v->nitems; k++)
            v->items[k].line += shift;
    }
    for (size_t i = 0; sc != NULL && i < sc->nsupp; i++)
        sc->supp[i].line += shift;
    for (size_t i = 0; sc != NULL && i < sc->nissues; i++)
        sc->issues[i].line += shift;
    if (sc != NULL)
        sc->first_line = first_line;
    return sc;
}

/* Move one position; line 0 (unknown) stays unknown. */
static void
relocate(void (*map)(void *, unsigned *, unsigned *), void *ctx, unsigned *line,
         unsigned *col)
{
    if (*line > 0)
        map(ctx, line, col);
}

struct aa_scenario *
aa_scenario_parse_mapped(const char *name, const char *data, size_t len,
                         void (*map)(void *ctx, unsigned *line, unsigned *col),
                         void *ctx, struct aa_diags *dl)
{
    size_t n0 = dl->n;
    int placed = 0;
    struct aa_scenario *sc = parse(name, data, len, 0, dl, &placed);

    /* The same positions aa_scenario_parse_at moves. */
    for (size_t i = n0; i < dl->n; i++)
        relocate(map, ctx, &dl->v[i].line, &dl->v[i].col);
    for (size_t f = 0; sc != NULL && f < aa_field_count; f++) {
        struct aa_val *v = &sc->vals[f];

        relocate(map, ctx, &v->line, &v->col);
        for (size_t k = 0; k < v->nitems; k++)
            relocate(map, ctx, &v->items[k].line, &v->items[k].col);
    }
    for (size_t i = 0; sc != NULL && i < sc->nsupp; i++)
        relocate(map, ctx, &sc->supp[i].line, &sc->supp[i].col);
    for (size_t i = 0; sc != NULL && i < sc->nissues; i++)
        relocate(map, ctx, &sc->issues[i].line, &sc->issues[i].col);
    return sc;
}

struct aa_scenario *
aa_scenario_load_file(const char *path, struct aa_diags *dl)
{
    int is_stdin = strcmp(path, "-") == 0;
    struct aa_loc at = {is_stdin ? "<stdin>" : path, 0, 0};
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    char *buf;
    size_t len;
    struct aa_scenario *sc = NULL;

    if (fp == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    buf = aa_read_all(fp, aa_limit(AA_LIMIT_SCENARIO_SIZE), &len);
    if (ferror(fp)) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read: %s", strerror(errno));
    } else {
        sc = aa_scenario_parse(is_stdin ? "-" : path, buf, len, dl);
    }
    if (!is_stdin)
        fclose(fp);
    free(buf);
    return sc;
}

struct aa_scenario *
aa_scenario_load_found(const char *path, int *skipped, struct aa_diags *dl)
{
    struct aa_diags mine;
    struct aa_scenario *sc;

    aa_diags_init(&mine);
    sc = aa_scenario_load_file(path, &mine);
    *skipped = 0;
    for (size_t i = 0; sc == NULL && i < mine.n; i++)
        if (mine.v[i].code == AA_E_NOT_PLAN)
            *skipped = strcmp(mine.v[i].detail, own_report) == 0     ? 2
                       : strcmp(mine.v[i].detail, own_baseline) == 0 ? 3
                       : strcmp(mine.v[i].detail, top_array) == 0    ? 4
                                                                     : 1;
    if (!*skipped)
        aa_diags_append(dl, &mine);
    aa_diags_fini(&mine);
    return sc;
}

void
aa_scenario_free(struct aa_scenario *sc)
{
    if (sc == NULL)
        return;
    aa_scan_free(sc->scan);
    aa_own_arena_fini(&sc->arena); /* the scenario is in it */
}

struct aa_loc
aa_scenario_loc(const struct aa_scenario *sc, int field)
{
    struct aa_loc l = {sc->name, 0, 0};

    /* A value given with --set has no position: its parent speaks. */
    while (field > 0 && (!sc->vals[field].present || sc->vals[field].line == 0))
        field = aa_fields[field].parent;
    if (field >= 0 && sc->vals[field].line > 0) {
        l.line = sc->vals[field].line;
        l.col = sc->vals[field].col;
    }
    return l;
}

/* --- NDJSON: one scenario a line ------------------------------------- */

struct aa_scenario_lines {
    FILE *fp;         /* borrowed */
    const char *name; /* borrowed */
    char *buf;
    size_t cap;
    size_t last;   /* length of the line last read */
    unsigned line; /* of the line last read */
    int done;      /* end of input, or a problem already reported */
    /* The first line, when it opens an object that it does not close: the
     * reader looks at the next line before it hands the first out (see
     * aa_scenario_lines_next), which then waits in buf. */
    unsigned seen;  /* lines handed out */
    char *first;    /* that first line's copy, handed out in its place */
    int pending;    /* buf holds the next line, read but not handed out */
    size_t pendlen; /* its length and number */
    unsigned pendline;
    int pend_err; /* or the reading of it failed, for the reason held */
    struct aa_diags held;
};

struct aa_scenario_lines *
aa_scenario_lines_new(FILE *fp, const char *name)
{
    struct aa_scenario_lines *sl = aa_xcalloc(1, sizeof(*sl));

    sl->fp = fp;
    sl->name = name;
    return sl;
}

void
aa_scenario_lines_free(struct aa_scenario_lines *sl)
{
    if (sl == NULL)
        return;
    free(sl->buf);
    free(sl->first);
    aa_diags_fini(&sl->held);
    free(sl);
}

/* Read one line into sl->buf, without its '\n', a chunk at a time through
 * fgets: it finds the line's end in the stdio buffer at memchr's speed and
 * returns as soon as a line arrives from a pipe, and no line is held
 * beyond the line-size limit (a stream without newlines, such as
 * /dev/zero, costs at most that much).  Returns 1, 0 at the end, -1 after
 * adding why to dl.
 *
 * fgets does not say how much it read, and a line may hold NUL bytes
 * (pass 1 reports them), so the chunk is filled with '\n' first.  The
 * first '\n' in it is then either the line's own, with the NUL fgets
 * writes right after it, or the fill after that NUL when the input ended
 * first; the fill is never a NUL, which tells the two apart.  The fill
 * costs what the chunk does, so the first chunk is twice the last line
 * (a batch's lines are alike) and the next ones double up to 4 KiB: a
 * fixed 4 KiB chunk filled four times what a batch's plans take, and
 * most of the first-level cache misses of reading them. */
static int
read_line(struct aa_scenario_lines *sl, size_t *len, struct aa_diags *dl)
{
    size_t max = aa_limit(AA_LIMIT_LINE_SIZE), n = 0;
    size_t step = sl->last < 128 ? 256 : sl->last < 2048 ? sl->last * 2 : 4096;
    struct aa_loc at = {sl->name, 0, 0};
    char lim[32];
    int c = '\n';

    for (;;) {
        size_t want = max - n < step ? max - n + 1 : step + 1;
        char *chunk, *nl;

        if (n == max) {
            /* Full: a line of exactly the limit ends here. */
            if ((c = getc_unlocked(sl->fp)) == EOF || c == '\n')
                break;
            /* The column past the limit, as every input error gives one;
             * counted here, on the way out, not for each line read. */
            at = aa_loc_of_offset(sl->name, sl->buf, n);
            at.line = sl->line + 1;
            aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                        "line %u is longer than %s (--limit line-size=N); the "
                        "rest of the input is not read",
                        at.line, aa_limit_size_text(lim, sizeof(lim), max));
            return -1;
        }
        if (n + want > sl->cap) {
            while (n + want > sl->cap)
                sl->cap = sl->cap ? sl->cap * 2 : 8192;
            sl->buf = aa_xrealloc(sl->buf, sl->cap, 1);
        }
        chunk = sl->buf + n;
        memset(chunk, '\n', want);
        if (fgets(chunk, (int)want, sl->fp) == NULL) {
            c = EOF; /* nothing more: the end, or a read error */
            break;
        }
        if ((nl = memchr(chunk, '\n', want)) == NULL) {
            n += want - 1; /* a full chunk, and the line goes on */
            step = step < 4096 ? step * 2 : step;
            continue;
        }
        if (nl + 1 < chunk + want && nl[1] == '\0') {
            n += (size_t)(nl - chunk); /* the line's own '\n' */
            break;
        }
        n += (size_t)(nl - chunk) - 1; /* the input ended mid-line */
        c = EOF;
        break;
    }
    /* A read error is not the end of the input: the scenarios after it
     * were never advised (a closed descriptor, a folder as input). */
    if (c == EOF && ferror(sl->fp)) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read: %s", strerror(errno));
        return -1;
    }
    if (c == EOF && n == 0)
        return 0;
    sl->line++;
    sl->last = n;
    *len = n;
    return 1;
}

/* The next line that is not blank into sl->buf, its length in *len
 * (without the line's end): 1, 0 at the end, -1 after adding why to dl. */
static int
next_line(struct aa_scenario_lines *sl, size_t *len, struct aa_diags *dl)
{
    size_t n = 0, blank;
    int rc;

    while (!sl->done) {
        if ((rc = read_line(sl, &n, dl)) <= 0) {
            sl->done = 1;
            return rc;
        }
        while (n > 0 && (sl->buf[n - 1] == '\r' || sl->buf[n - 1] == '\n'))
            n--;
        for (blank = 0;
             blank < n && (sl->buf[blank] == ' ' || sl->buf[blank] == '\t');
             blank++)
            ;
        if (blank == n)
            continue;
        *len = n;
        return 1;
    }
    return 0;
}

/* The n bytes at s without the blanks around them (and a byte order
 * mark, which the parser skips too): *first and *last, the first and last
 * of the rest (n > 0 and s not all blank). */
static void
ends_of(const char *s, size_t n, char *first, char *last)
{
    size_t i = n > 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *first = s[i];
    *last = s[n - 1];
}

int
aa_scenario_lines_next(struct aa_scenario_lines *sl, const char **data,
                       size_t *len, unsigned *line, struct aa_diags *dl)
{
    size_t n, n2;
    unsigned at;
    char a, z;
    int rc;

    if (sl->pending) {
        sl->pending = 0;
        *data = sl->buf;
        *len = sl->pendlen;
        *line = sl->pendline;
        return 1;
    }
    if (sl->pend_err) {
        sl->pend_err = 0;
        aa_diags_append(dl, &sl->held);
        aa_diags_fini(&sl->held);
        return -1;
    }
    if ((rc = next_line(sl, &n, dl)) <= 0)
        return rc;
    *data = sl->buf;
    *len = n;
    *line = at = sl->line;
    if (sl->seen++ > 0)
        return 1;
    /* A plan written over several lines (a pretty-printed scenario, an
     * array of them) read as a batch: each of its lines would be rejected
     * on its own, in as many messages that never say why.  Its first line
     * opens an object or an array without closing it, and the next line is
     * no whole object either; a batch whose first line alone is cut short
     * goes on as before. */
    ends_of(sl->buf, n, &a, &z);
    if ((a != '{' && a != '[') || z == (a == '{' ? '}' : ']'))
        return 1;
    free(sl->first);
    sl->first = aa_xmalloc(n);
    memcpy(sl->first, sl->buf, n);
    /* A line that cannot be read after it ends the input, once the first
     * has been answered. */
    aa_diags_init(&sl->held);
    if ((rc = next_line(sl, &n2, &sl->held)) < 0)
        sl->pend_err = 1;
    if (rc > 0) {
        char a2, z2;
        struct aa_loc loc = {sl->name, at, 1};

        ends_of(sl->buf, n2, &a2, &z2);
        if (a2 != '{' || z2 != '}') {
            aa_diag_add(dl, AA_E_JSON_SYNTAX, loc, NULL,
                        "not one scenario per line: the %s that line %u "
                        "opens goes on over the next lines (a JSON document "
                        "written over several lines); %s",
                        a == '{' ? "object" : "array", at,
                        a == '{' ? "read it without --ndjson"
                                 : "write each scenario of the array on a "
                                   "line of its own, without the brackets");
            sl->done = 1;
            return -1;
        }
        sl->pending = 1;
        sl->pendlen = n2;
        sl->pendline = sl->line;
    }
    *data = sl->first;
    return 1;
}

/* ---- a field's values, for grouping plans (portfolio --group-by) ---- */

/* What a plan writes and a reader can tell apart in a few words: not an
 * object, a number or a derived field. */
static int
groupable(int row)
{
    if (row <= AA_FIELD_ROOT || aa_fields[row].derived ||
        aa_contract_source(row) >= 0)
        return 0;
    switch (aa_fields[row].type) {
    case AA_T_STRING:
    case AA_T_BOOL:
    case AA_T_ENUM:
    case AA_T_STRING_ARRAY:
    case AA_T_ENUM_ARRAY:
        return 1;
    case AA_T_OBJECT:
    case AA_T_INT:
        break;
    }
    return 0;
}

const char *
aa_scenario_group_label(const char *pointer)
{
    int row = aa_contract_find(pointer);

    return row >= 0 && groupable(row) ? aa_fields[row].label : NULL;
}

size_t
aa_scenario_group_values(const struct aa_scenario *sc, const char *pointer,
                         const char **v, size_t max)
{
    int row = aa_contract_find(pointer);
    const struct aa_val *val;
    size_t n = 0;

    if (max == 0)
        return 0;
    if (row < 0 || !groupable(row) || !sc->vals[row].present) {
        v[0] = "(not given)";
        return 1;
    }
    val = &sc->vals[row];
    if (val->type == AA_T_BOOL) {
        v[0] = val->b ? "true" : "false";
        return 1;
    }
    if (val->type != AA_T_STRING_ARRAY && val->type != AA_T_ENUM_ARRAY) {
        v[0] = val->s;
        return 1;
    }
    for (size_t i = 0; i < val->nitems && n < max; i++) {
        size_t k = 0;

        while (k < n && strcmp(v[k], val->items[i].s) != 0)
            k++;
        if (k == n)
            v[n++] = val->items[i].s;
    }
    if (n == 0)
        v[n++] = "(none)";
    return n;
}
