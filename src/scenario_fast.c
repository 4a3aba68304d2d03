/*
 * scenario_fast.c -- one pass over a plan that has nothing wrong with it.
 *
 * The reader of scenario.c makes three passes (prescan, cJSON, a walk of
 * the tree beside the text), which is what it takes to give every problem
 * its line, column and words.  Most plans of a batch or a CI run have no
 * problem, and for them the three passes are most of the cost of advice.
 * This reader reads such a plan once, from the bytes straight into the
 * values of the contract, with the positions the walk would give.
 *
 * It takes only what it can take exactly as the other reader would.  At
 * the first thing that would be a diagnostic or an issue there (a type, a
 * value, an unknown or repeated key, a limit, a suppression that is not
 * applied, bad UTF-8, any syntax error) and at a few rare spellings it
 * does not decode (a "\u" escape anywhere, any escape in a value or key
 * the advice keeps, a number it cannot convert exactly), it gives up:
 * it returns NULL, leaves no trace, and scenario.c reads the text its own
 * way.  So every message about a plan still comes from one place, and
 * this path can change how fast a plan loads, never what it loads to:
 * tests/unit/test_scenario_fast.c holds the two readers' results equal
 * over generated, real and mutated plans.
 */
#include "scenario.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "limits.h"
#include "word8.h"

/* Giving up unwinds by return value; nothing is reported. */
#define TAKE(x)                                                                \
    do {                                                                       \
        if (!(x))                                                              \
            return 0;                                                          \
    } while (0)

/* The deepest nesting taken here: below the depth limit's default and far
 * below cJSON's own (1000), which a raised --limit depth could pass. */
enum { FAST_DEPTH = 48, FAST_NUMBER = 32, FAST_KEYS = 64 };

struct rd {
    const unsigned char *s;
    size_t len, pos;
    unsigned line;
    size_t line_start; /* offset where the current line starts */
    size_t cont;       /* UTF-8 continuation bytes on it before pos */
    size_t depth, max_depth, max_keys, max_str;
    struct aa_scenario *sc;
    struct aa_arena *tmp;
    const struct aa_kin *kin; /* the contract's rows, compact */
};

/* Bytes a string holds as they are: printable ASCII but '"' and '\\'. */
static const unsigned char plain[256] = {
#define R4(x) x, x, x, x
#define R16(x) R4(x), R4(x), R4(x), R4(x)
    R16(0), R16(0), /* 0x00-0x1F: control characters */
    1,      1,      0,     R4(1), R4(1), R4(1), 1, /* 0x20-0x2F: all but '"' */
    R16(1), R16(1),                                /* 0x30-0x4F */
    R4(1),  R4(1),  R4(1), 0,     1,     1,     1, /* 0x50-0x5F: all but '\\' */
    R16(1), R16(1),                                /* 0x60-0x7F */
#undef R16
#undef R4
};

/* Past the plain bytes from i: sixteen at a time where the machine has
 * SSE2 (every x86-64 does), then eight at a time while no byte of a word
 * is '"', '\\', a control character or above 0x7F (word8.h), then one at
 * a time.  Most strings of a plan fit sixteen bytes: one step where words
 * of eight took two (a twentieth of a batch's instructions were these
 * loops). */
static size_t
plain_run(const unsigned char *s, size_t i, size_t n)
{
#if AA_X16
    for (; i + 16 <= n; i += 16) {
        unsigned bits = aa_x16_stops(s + i, '"', '\\', '"', '\\');

        if (bits != 0)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w = aa_w8_load(s + i);
        uint64_t m = aa_w8_high(w) | aa_w8_below(w, 0x20) | aa_w8_is(w, '"') |
                     aa_w8_is(w, '\\');

        if (m != 0) {
            int k = aa_w8_first(m);

            if (k >= 0)
                return i + (size_t)k;
            break;
        }
    }
    while (i < n && plain[s[i]])
        i++;
    return i;
}

/* Column of the current position, in code points, as the walk counts. */
static unsigned
col(const struct rd *r)
{
    return (unsigned)(r->pos - r->line_start - r->cont + 1);
}

static void
ws(struct rd *r)
{
    const unsigned char *s = r->s;
    size_t i = r->pos;

    /* A batch's lines are compact JSON: most often a token follows. */
    if (i < r->len && s[i] > ' ')
        return;
    for (; i < r->len; i++) {
        if (s[i] == '\n') {
            r->line++;
            r->line_start = i + 1;
            r->cont = 0;
        } else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
            break;
        }
    }
    r->pos = i;
}

/* Whether the n bytes at k are 'word'. */
static int
is(const char *k, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(k, word, n) == 0;
}

static int
peek(const struct rd *r, int ch)
{
    return r->pos < r->len && r->s[r->pos] == ch;
}

/* A string at pos: *p and *n its bytes between the quotes, *esc whether
 * they hold an escape (one of \" \\ \/ \b \f \n \r \t; "\u" gives up, as
 * decoding it exactly as cJSON does, surrogates and all, is not worth its
 * rarity).  Over the string-length limit gives up. */
static int
string(struct rd *r, const char **p, size_t *n, int *esc)
{
    const unsigned char *s = r->s;
    size_t i = r->pos + 1, start = i;

    TAKE(peek(r, '"'));
    *esc = 0;
    for (;;) {
        i = plain_run(s, i, r->len);
        TAKE(i < r->len);
        if (s[i] == '"')
            break;
        if (s[i] == '\\') {
            TAKE(i + 1 < r->len && strchr("\"\\/bfnrt", s[i + 1]) != NULL &&
                 s[i + 1] != '\0');
            *esc = 1;
            i += 2;
        } else {
            size_t k = aa_utf8_len(s + i, r->len - i);

            TAKE(k > 1); /* a control character, or not UTF-8 */
            r->cont += k - 1;
            i += k;
        }
    }
    TAKE(i - start <= r->max_str); /* decoded is never longer */
    *p = (const char *)s + start;
    *n = i - start;
    r->pos = i + 1;
    return 1;
}

/* A string the advice keeps: no escape, so its bytes are its value. */
static int
plain_string(struct rd *r, const char **p, size_t *n)
{
    int esc;

    TAKE(string(r, p, n, &esc));
    return !esc;
}

/* Past a literal or a number: what must follow it in valid JSON. */
static int
token_end(const struct rd *r)
{
    unsigned char c = r->pos < r->len ? r->s[r->pos] : ' ';

    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' ||
           c == ']' || c == '}';
}

/* The literal 'word' of n bytes (given: no strlen on every boolean). */
static int
literal(struct rd *r, const char *word, size_t n)
{
    TAKE(r->len - r->pos >= n && aa_same_bytes(r->s + r->pos, word, n));
    r->pos += n;
    return token_end(r);
}

/* A number; *integral whether it has no fraction or exponent. */
static int
number(struct rd *r, size_t *n, int *integral)
{
    size_t k = aa_json_number_len(r->s + r->pos, r->len - r->pos);

    TAKE(k > 0 && k <= FAST_NUMBER);
    *integral = memchr(r->s + r->pos, '.', k) == NULL &&
                memchr(r->s + r->pos, 'e', k) == NULL &&
                memchr(r->s + r->pos, 'E', k) == NULL;
    *n = k;
    r->pos += k;
    return token_end(r);
}

/* Past the closing byte of a container. */
static int
leave(struct rd *r, int close)
{
    TAKE(peek(r, close));
    r->pos++;
    r->depth--;
    return 2;
}

/* Into the object or array at pos, which closes with 'close': a member or
 * an item follows (1), or it is empty and closed already (2). */
static int
enter(struct rd *r, int close)
{
    TAKE(++r->depth <= r->max_depth);
    r->pos++;
    ws(r);
    return peek(r, close) ? leave(r, close) : 1;
}

/* After a member or an item: ',' then more (1), or the closing byte (2). */
static int
next(struct rd *r, int close)
{
    ws(r);
    if (!peek(r, ','))
        return leave(r, close);
    r->pos++;
    ws(r);
    return 1;
}

/* Between a member's key and its value. */
static int
colon(struct rd *r)
{
    ws(r);
    TAKE(peek(r, ':'));
    r->pos++;
    ws(r);
    return 1;
}

static int skip(struct rd *r);

static int
skip_object(struct rd *r)
{
    size_t keys = 0;
    int more;

    TAKE(more = enter(r, '}'));
    while (more == 1) {
        const char *k;
        size_t n;
        int esc;

        TAKE(++keys <= r->max_keys);
        TAKE(string(r, &k, &n, &esc));
        TAKE(colon(r));
        TAKE(skip(r));
        TAKE(more = next(r, '}'));
    }
    return 1;
}

static int
skip_array(struct rd *r)
{
    int more;

    TAKE(more = enter(r, ']'));
    while (more == 1) {
        TAKE(skip(r));
        TAKE(more = next(r, ']'));
    }
    return 1;
}

/* Any value the contract does not read: checked, not kept. */
static int
skip(struct rd *r)
{
    const char *p;
    size_t n;
    int esc, integral;

    TAKE(r->pos < r->len);
    switch (r->s[r->pos]) {
    case '{':
        return skip_object(r);
    case '[':
        return skip_array(r);
    case '"':
        return string(r, &p, &n, &esc);
    case 't':
        return literal(r, "true", 4);
    case 'f':
        return literal(r, "false", 5);
    case 'n':
        return literal(r, "null", 4);
    default:
        return number(r, &n, &integral);
    }
}

/* "$comment": a string or an array of strings. */
static int
comment(struct rd *r)
{
    const char *p;
    size_t n;
    int esc, more;

    if (!peek(r, '['))
        return string(r, &p, &n, &esc);
    TAKE(more = enter(r, ']'));
    while (more == 1) {
        TAKE(string(r, &p, &n, &esc));
        TAKE(more = next(r, ']'));
    }
    return 1;
}

/* A vector grown in the scratch arena, copied out whole at the end. */
struct vec {
    void *v;
    size_t n, cap, size;
};

static void *
push(struct rd *r, struct vec *x)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 8;
        void *grown = aa_arena_alloc_raw(r->tmp, cap * x->size);

        if (x->n > 0)
            memcpy(grown, x->v, x->n * x->size);
        x->v = grown;
        x->cap = cap;
    }
    return (char *)x->v + x->size * x->n++;
}

/* The vector's items, copied into the scenario's arena. */
static void *
keep(struct rd *r, const struct vec *x)
{
    void *v = aa_arena_alloc(&r->sc->arena, x->n * x->size);

    if (x->n > 0)
        memcpy(v, x->v, x->n * x->size);
    return v;
}

static int value(struct rd *r, int row);

/* An array of strings (row >= 0), each kept with its position. */
static int
array(struct rd *r, int row, struct aa_val *v)
{
    struct vec items = {NULL, 0, 0, sizeof(struct aa_val)};
    int more;

    TAKE(more = enter(r, ']'));
    while (more == 1) {
        struct aa_val it;
        const char *p;
        size_t n;

        memset(&it, 0, sizeof(it));
        it.line = r->line;
        it.col = col(r);
        TAKE(plain_string(r, &p, &n));
        it.present = 1;
        if (r->kin->type[row] == AA_T_ENUM_ARRAY) {
            int ix = aa_contract_enum_index(row, p, n);

            TAKE(ix >= 0);
            it.type = AA_T_ENUM;
            it.e = ix;
            it.s = aa_fields[row].values[ix];
        } else {
            /* A name with blanks at its ends is trimmed by the full
             * reader (scenario.c, walk_array). */
            TAKE(row == AA_ROW_ARTIFACTS ||
                 (n == 0 || (p[0] != ' ' && p[0] != '\t' && p[n - 1] != ' ' &&
                             p[n - 1] != '\t')));
            it.type = AA_T_STRING;
            it.s = aa_arena_strndup(&r->sc->arena, p, n);
        }
        *(struct aa_val *)push(r, &items) = it;
        TAKE(more = next(r, ']'));
    }
    v->items = keep(r, &items);
    /* Fewer than 2^32: each item took two bytes of the plan at least,
     * and forty of memory, as its line and column fit an unsigned. */
    v->nitems = (unsigned)items.n;
    return 1;
}

/* "x-attrib-suppress" at the top: every entry applied, or give up. */
static int
suppressions(struct rd *r)
{
    struct vec out = {NULL, 0, 0, sizeof(struct aa_suppress)};
    struct aa_scenario *sc = r->sc;
    int more;

    TAKE(peek(r, '['));
    TAKE(more = enter(r, ']'));
    while (more == 1) {
        struct aa_suppress *s = push(r, &out);
        /* The first of each name, as cJSON's lookup takes it. */
        const char *got[3] = {NULL, NULL, NULL};
        size_t len[3] = {0, 0, 0};
        static const char *const names[3] = {"rule", "reason", "expires"};
        char ptr[48];
        size_t keys = 0;
        int inner;

        s->line = r->line;
        s->col = col(r);
        TAKE(peek(r, '{'));
        TAKE(inner = enter(r, '}'));
        while (inner == 1) {
            const char *k;
            size_t n;
            int esc, which = -1;

            TAKE(++keys <= r->max_keys);
            TAKE(string(r, &k, &n, &esc));
            TAKE(!esc); /* "rul\u0065" would be "rule" */
            for (int i = 0; i < 3; i++)
                if (is(k, n, names[i]))
                    which = i;
            TAKE(colon(r));
            if (which >= 0 && got[which] == NULL) {
                TAKE(plain_string(r, &got[which], &len[which]));
            } else {
                TAKE(skip(r));
            }
            TAKE(inner = next(r, '}'));
        }
        TAKE(got[0] != NULL && len[0] > 0 && got[1] != NULL && len[1] > 0);
        s->rule = aa_arena_strndup(&sc->arena, got[0], len[0]);
        s->reason = aa_arena_strndup(&sc->arena, got[1], len[1]);
        s->expires = NULL;
        if (got[2] != NULL) {
            s->expires = aa_arena_strndup(&sc->arena, got[2], len[2]);
            TAKE(aa_date_valid(s->expires));
        }
        snprintf(ptr, sizeof(ptr), "/x-attrib-suppress/%zu", out.n - 1);
        s->pointer = aa_arena_strdup(&sc->arena, ptr);
        TAKE(more = next(r, ']'));
    }
    sc->supp = keep(r, &out);
    sc->nsupp = out.n;
    return 1;
}

/* An object of the contract (row >= 0): every key known, none twice. */
static int
object(struct rd *r, int row)
{
    struct {
        const char *p;
        size_t n;
    } seen[FAST_KEYS]; /* the keys that are no field */
    size_t nseen = 0, nkeys = 0;
    uint64_t have[AA_FIELD_LIMIT / 64] = {0}; /* the fields, by row */
    int more, prev = -1;

    TAKE(more = enter(r, '}'));
    while (more == 1) {
        unsigned line = r->line, kcol = col(r);
        const char *k;
        size_t n;
        int child;

        TAKE(nkeys < FAST_KEYS && nkeys < r->max_keys);
        nkeys++;
        TAKE(plain_string(r, &k, &n));
        TAKE(colon(r));
        /* A key twice: a field's row twice, or another key's text. */
        child = aa_contract_child_after(row, prev, k, n);
        if (child < 0) {
            for (size_t i = 0; i < nseen; i++)
                TAKE(seen[i].n != n || memcmp(seen[i].p, k, n) != 0);
            seen[nseen].p = k;
            seen[nseen++].n = n;
        } else {
            uint64_t bit = (uint64_t)1 << (child & 63);

            TAKE(!(have[child >> 6] & bit));
            have[child >> 6] |= bit;
        }
        if (child >= 0) {
            prev = child;
            TAKE(!r->kin->derived[child]);
            r->sc->vals[child].line = line;
            r->sc->vals[child].col = kcol;
            TAKE(value(r, child));
        } else if (row == AA_FIELD_ROOT && is(k, n, "x-attrib-suppress")) {
            TAKE(suppressions(r));
        } else if (n >= 2 && k[0] == 'x' && k[1] == '-') {
            TAKE(skip(r));
        } else if (is(k, n, "$comment")) {
            TAKE(comment(r));
        } else if (row == AA_FIELD_ROOT && is(k, n, "$schema")) {
            const char *p;
            int esc;

            TAKE(string(r, &p, &n, &esc));
        } else {
            return 0; /* an unknown key: an issue */
        }
        TAKE(more = next(r, '}'));
    }
    return 1;
}

/* The value of contract row 'row', of the row's type or give up. */
static int
value(struct rd *r, int row)
{
    struct aa_val *v = &r->sc->vals[row];
    const char *p;
    size_t n;
    int integral;

    TAKE(r->pos < r->len);
    v->type = r->kin->type[row];
    switch ((enum aa_ftype)v->type) {
    case AA_T_OBJECT:
        TAKE(peek(r, '{'));
        v->present = 1;
        return object(r, row);
    case AA_T_STRING_ARRAY:
    case AA_T_ENUM_ARRAY:
        TAKE(peek(r, '['));
        v->present = 1;
        return array(r, row, v);
    case AA_T_STRING:
        TAKE(plain_string(r, &p, &n));
        v->present = 1;
        v->s = aa_arena_strndup(&r->sc->arena, p, n);
        return 1;
    case AA_T_ENUM: {
        int ix;

        TAKE(plain_string(r, &p, &n));
        ix = aa_contract_enum_index(row, p, n);
        TAKE(ix >= 0);
        v->present = 1;
        v->e = ix;
        v->s = aa_fields[row].values[ix];
        return 1;
    }
    case AA_T_BOOL:
        v->present = 1;
        v->b = peek(r, 't');
        return v->b ? literal(r, "true", 4) : literal(r, "false", 5);
    case AA_T_INT: {
        const unsigned char *s = r->s + r->pos;
        double x = 0;
        size_t i = s[0] == '-';

        TAKE(number(r, &n, &integral) && integral);
        TAKE(n - i <= 15); /* exact in a double, as strtod gives it */
        for (; i < n; i++)
            x = x * 10 + (s[i] - '0');
        v->present = 1;
        v->n = s[0] == '-' ? -x : x;
        return 1;
    }
    }
    return 0;
}

struct aa_scenario *
aa_scenario_read_fast(const char *file, const char *data, size_t len,
                      unsigned line, struct aa_arena *tmp)
{
    struct rd r;
    struct aa_scenario *sc;
    int ok;

    memset(&r, 0, sizeof(r));
    r.s = (const unsigned char *)data;
    r.len = len;
    r.line = line > 0 ? line : 1;
    r.max_depth = aa_limit(AA_LIMIT_DEPTH);
    if (r.max_depth > FAST_DEPTH)
        r.max_depth = FAST_DEPTH;
    r.max_keys = aa_limit(AA_LIMIT_KEYS);
    r.max_str = aa_limit(AA_LIMIT_STRING);
    r.tmp = tmp;
    ws(&r);
    if (!peek(&r, '{'))
        return NULL;
    sc = aa_scenario_new(file);
    r.sc = sc;
    r.kin = aa_contract_kin();
    sc->vals[0].line = r.line;
    sc->vals[0].col = col(&r);
    ok = value(&r, AA_FIELD_ROOT);
    if (ok) {
        ws(&r);
        ok = r.pos == r.len && sc->vals[1].present && sc->vals[1].n == 1;
    }
    if (!ok) {
        aa_scenario_free(sc);
        return NULL;
    }
    aa_scenario_derive(sc);
    return sc;
}
