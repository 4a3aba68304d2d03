/*
 * jsonout.c -- JSON written as it is produced (jsonout.h).
 *
 * Each open container keeps a few flags, so that the separator and the
 * line break before a value, and the way a container closes, are known
 * when the value comes: nothing is ever written twice or moved.  An empty
 * container has written only its opening bracket when it closes, hence
 * [] and {}.  The text is the escaper's fast path: a string's room is
 * reserved once for its worst case (six bytes per byte, "\u001b"), so
 * plain runs are copied with no check per byte.
 *
 * The escaping is the one every JSON output shares: values stay exact,
 * but every character text.h would not show as it is (C0 and C1 controls,
 * DEL, U+2028 and U+2029, which also end a line in JavaScript, the
 * bidirectional controls, U+FFFE and U+FFFF) is written as a \u escape,
 * and so is the '[' of "##[", a command to a GitHub runner that prints
 * the JSON.  Plan values and rules are valid UTF-8, but file names need
 * not be: a byte that is not UTF-8 becomes \ufffd, so the output is
 * always JSON.
 */
#include "jsonout.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "text.h"
#include "word8.h"

enum {
    L_ARRAY = 1 << 0, /* an array (else an object) */
    L_EMPTY = 1 << 1, /* nothing in it yet */
    L_FLAT = 1 << 2,  /* an array of scalars, on one line */
    L_LINES = 1 << 3, /* an array one element a line, whatever they are */
    L_KEY = 1 << 4    /* an object's key is written; its value is due */
};

void
aa_jsonout_init(struct aa_jsonout *o, int compact)
{
    memset(o, 0, sizeof(*o));
    o->compact = compact;
}

void
aa_jsonout_init_tree(struct aa_jsonout *o)
{
    memset(o, 0, sizeof(*o));
    o->tree = aa_xcalloc(1, sizeof(*o->tree));
}

void
aa_jsonout_fini(struct aa_jsonout *o)
{
    free(o->s);
    free(o->lv);
    free(o->tree);
    aa_kept_fini(&o->kept);
    cJSON_Delete(o->root);
    memset(o, 0, sizeof(*o));
}

/* Room for n more bytes and the NUL. */
static void
reserve(struct aa_jsonout *o, size_t n)
{
    if (o->len + n + 1 <= o->cap)
        return;
    if (o->cap == 0)
        o->cap = 1024;
    while (o->len + n + 1 > o->cap)
        o->cap *= 2;
    o->s = aa_xrealloc(o->s, o->cap, 1);
}

static void
put(struct aa_jsonout *o, const char *s, size_t n)
{
    reserve(o, n);
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

/* A line break and the indentation of depth 'depth'. */
static void
newline(struct aa_jsonout *o, size_t depth)
{
    reserve(o, 1 + 2 * depth);
    o->s[o->len++] = '\n';
    memset(o->s + o->len, ' ', 2 * depth);
    o->len += 2 * depth;
    o->s[o->len] = '\0';
}

void
aa_jsonout_raw(struct aa_jsonout *o, const char *s, size_t n)
{
    put(o, s, n);
}

/* The bytes that stand for themselves in any string: printable ASCII but
 * the quote, the backslash and the '[' that may end "##[". */
static const unsigned char plain[256] = {
#define P8 1, 1, 1, 1, 1, 1, 1, 1
#define P16 P8, P8
    [0x20] = 1,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1, /* " */
    [0x30] = P16,
    [0x40] = P16,
    [0x50] = 1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    0,
    0,
    1,
    1,
    1, /* [ \ */
    [0x60] = P16,
    [0x70] = 1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    0, /* DEL */
#undef P16
#undef P8
};

/* Whether the eight bytes of x are all plain, tested at once (word8.h):
 * none below 0x20, none from 0x7f up, no '"', '\\' or '['. */
static int
plain8(uint64_t x)
{
    return (aa_w8_unprintable(x) | aa_w8_is(x, '"') | aa_w8_is(x, '\\') |
            aa_w8_is(x, '[')) == 0;
}

/* The string from its first byte that is not plain, i, on: what
 * aa_jsonout_quote leaves to a loop of its own, so that its common case
 * stays small. */
static void
quote_escaped(struct aa_jsonout *o, const char *s, size_t n, size_t i)
{
    static const char hex[] = "0123456789abcdef";
    size_t done = 0; /* s[done..i) is pending */
    char *d;

    reserve(o, 6 * n + 2);
    d = o->s + o->len;
    *d++ = '"';
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        size_t len = 1;
        long cp = ch, u = -1; /* u: the code point to write as \uXXXX */
        char esc = 0;         /* or the letter of a short escape */

        if (i + 8 <= n && plain8(aa_w8_load(s + i))) {
            i += 8;
            continue;
        }
        if (plain[ch]) {
            i++;
            continue;
        }
        if (ch >= 0x80)
            len = aa_text_decode(s + i, n - i, &cp);
        if (cp == '"' || cp == '\\')
            esc = (char)cp;
        else if (cp == '\n')
            esc = 'n';
        else if (cp == '\t')
            esc = 't';
        else if (cp == '\r')
            esc = 'r';
        else if (cp == '\b')
            esc = 'b';
        else if (cp == '\f')
            esc = 'f';
        else if (cp == '[')
            u = i >= 2 && s[i - 1] == '#' && s[i - 2] == '#' ? cp : -1;
        else if (cp < 0)
            u = 0xfffd;
        else if (aa_text_unsafe(cp))
            u = cp;
        if (esc != 0 || u >= 0) {
            memcpy(d, s + done, i - done);
            d += i - done;
            *d++ = '\\';
            if (esc != 0) {
                *d++ = esc;
            } else {
                *d++ = 'u';
                for (int shift = 12; shift >= 0; shift -= 4)
                    *d++ = hex[((unsigned long)u >> shift) & 0xf];
            }
            done = i + len;
        }
        i += len;
    }
    memcpy(d, s + done, i - done);
    d += i - done;
    *d++ = '"';
    *d = '\0';
    o->len = (size_t)(d - o->s);
}

void
aa_jsonout_quote(struct aa_jsonout *o, const char *s, size_t n)
{
    size_t i = 0;
    char *d;

    /* Most strings (every key, most texts) need no escape: find out at
     * the speed of a word a step, and copy them whole. */
#if AA_X16
    while (i + 16 <= n && aa_x16_stops(s + i, 0x7f, '"', '\\', '[') == 0)
        i += 16;
#endif
    while (i + 8 <= n && plain8(aa_w8_load(s + i)))
        i += 8;
    /* The last bytes of a long string in one word too, read with some
     * already passed: a byte at a time, the end of each string was a
     * fifth of quoting. */
    if (i < n && n >= 8 && i + 8 > n && plain8(aa_w8_load(s + n - 8)))
        i = n;
    while (i < n && plain[(unsigned char)s[i]])
        i++;
    if (i < n) {
        quote_escaped(o, s, n, i);
        return;
    }
    reserve(o, n + 2);
    d = o->s + o->len;
    *d++ = '"';
    memcpy(d, s, n);
    d += n;
    *d++ = '"';
    *d = '\0';
    o->len = (size_t)(d - o->s);
}

/* Tree mode: node goes where the next value goes. */
static void
attach(struct aa_jsonout *o, cJSON *node)
{
    cJSON *top;

    if (o->depth == 0) {
        assert(o->root == NULL);
        o->root = node;
        return;
    }
    top = o->tree[o->depth - 1];
    if (cJSON_IsObject(top)) {
        assert(o->key != NULL);
        cJSON_AddItemToObject(top, o->key, node);
        o->key = NULL;
    } else {
        cJSON_AddItemToArray(top, node);
    }
}

/* Text mode: what goes before a value (a container if 'container'). */
static void
before(struct aa_jsonout *o, int container)
{
    unsigned char *l;

    if (o->depth == 0)
        return;
    l = &o->lv[o->depth - 1];
    if (!(*l & L_ARRAY)) {
        assert(*l & L_KEY); /* a member's value comes after its key */
        *l &= (unsigned char)~L_KEY;
        return;
    }
    if (*l & L_EMPTY) {
        *l &= (unsigned char)~L_EMPTY;
        if (!container && !(*l & L_LINES))
            *l |= L_FLAT;
        if (!(*l & L_FLAT) && !o->compact)
            newline(o, o->depth);
        return;
    }
    assert(!(container && (*l & L_FLAT))); /* jsonw would not flatten it */
    if (o->compact)
        put(o, ",", 1);
    else if (*l & L_FLAT)
        put(o, ", ", 2);
    else {
        put(o, ",", 1);
        newline(o, o->depth);
    }
}

static void
push(struct aa_jsonout *o, unsigned char flags, cJSON *node)
{
    if (o->depth == o->lvcap) {
        o->lvcap = o->lvcap ? o->lvcap * 2 : 16;
        o->lv = aa_xrealloc(o->lv, o->lvcap, 1);
        if (o->tree != NULL)
            o->tree = aa_xrealloc(o->tree, o->lvcap, sizeof(*o->tree));
    }
    if (o->tree != NULL)
        o->tree[o->depth] = node;
    o->lv[o->depth++] = flags;
}

static void
open_container(struct aa_jsonout *o, unsigned char flags)
{
    if (o->tree != NULL) {
        cJSON *node =
            flags & L_ARRAY ? cJSON_CreateArray() : cJSON_CreateObject();

        attach(o, node);
        push(o, flags, node);
        return;
    }
    before(o, 1);
    put(o, flags & L_ARRAY ? "[" : "{", 1);
    push(o, flags, NULL);
}

void
aa_jsonout_object(struct aa_jsonout *o)
{
    open_container(o, L_EMPTY);
}

void
aa_jsonout_array(struct aa_jsonout *o)
{
    open_container(o, L_ARRAY | L_EMPTY);
}

void
aa_jsonout_array_lines(struct aa_jsonout *o)
{
    open_container(o, L_ARRAY | L_EMPTY | L_LINES);
}

void
aa_jsonout_end(struct aa_jsonout *o)
{
    unsigned char l;

    assert(o->depth > 0);
    l = o->lv[--o->depth];
    if (o->tree != NULL)
        return;
    assert(!(l & L_KEY)); /* a key without its value */
    if (!(l & (L_EMPTY | L_FLAT)) && !o->compact)
        newline(o, o->depth);
    put(o, l & L_ARRAY ? "]" : "}", 1);
}

#ifndef NDEBUG
/* Whether the n bytes of key need no escape (aa_jsonout_keyn). */
static int
key_is_plain(const char *key, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!plain[(unsigned char)key[i]])
            return 0;
    return 1;
}
#endif

/* The longest key copied as it is checked; a longer one is quoted as any
 * string. */
enum { SHORT_KEY = 48 };

/* Whether the next member of the innermost object follows another (and
 * needs a ','); from here on the object has one. */
static inline int
later_member(struct aa_jsonout *o)
{
    unsigned char *l = &o->lv[o->depth - 1];

    if (*l & L_EMPTY) {
        *l &= (unsigned char)~L_EMPTY;
        return 0;
    }
    return 1;
}

/* Text mode: the separator, indentation and opening quote of a key, in
 * one reservation with room for 'room' bytes of the key, its closing quote,
 * colon and space; returns where the key's bytes go.  Inline: a report
 * writes 150-odd keys, and a call each was 1% of a JSON batch. */
static inline char *
key_open(struct aa_jsonout *o, size_t room)
{
    char *d;

    reserve(o, 2 + 2 * o->depth + room + 4);
    d = o->s + o->len;
    if (later_member(o))
        *d++ = ',';
    if (!o->compact) {
        *d++ = '\n';
        memset(d, ' ', 2 * o->depth);
        d += 2 * o->depth;
    }
    *d++ = '"';
    return d;
}

/* Text mode: after a key's bytes, ending at d, its closing quote and
 * colon; the value comes next. */
static inline void
key_close(struct aa_jsonout *o, char *d)
{
    *d++ = '"';
    *d++ = ':';
    if (!o->compact)
        *d++ = ' ';
    *d = '\0';
    o->len = (size_t)(d - o->s);
    o->lv[o->depth - 1] |= L_KEY;
}

void
aa_jsonout_key(struct aa_jsonout *o, const char *key)
{
    size_t i;
    char *d;

    assert(o->depth > 0 && !(o->lv[o->depth - 1] & (L_ARRAY | L_KEY)));
    if (o->tree != NULL) {
        o->key = key;
        return;
    }
    /* The key copied as it is checked: a key is written 178 times a plan,
     * most are our own short names, and quoting each as any string was a
     * tenth of a JSON batch. */
    d = key_open(o, SHORT_KEY);
    for (i = 0; i < SHORT_KEY && plain[(unsigned char)key[i]]; i++)
        d[i] = key[i];
    if (key[i] == '\0') {
        key_close(o, d + i);
        return;
    }
    /* Past the opening quote: the key is quoted as any string. */
    o->len = (size_t)(d - 1 - o->s);
    aa_jsonout_quote(o, key, strlen(key));
    put(o, ": ", o->compact ? 1 : 2);
    o->lv[o->depth - 1] |= L_KEY;
}

void
aa_jsonout_keyn(struct aa_jsonout *o, const char *key, size_t n)
{
    char *d;

    assert(o->depth > 0 && !(o->lv[o->depth - 1] & (L_ARRAY | L_KEY)));
    assert(key[n] == '\0' && key_is_plain(key, n));
    if (o->tree != NULL) {
        o->key = key;
        return;
    }
    d = key_open(o, n);
    memcpy(d, key, n);
    key_close(o, d + n);
}

void
aa_jsonout_string(struct aa_jsonout *o, const char *s)
{
    if (o->tree != NULL) {
        attach(o, cJSON_CreateString(s));
        return;
    }
    before(o, 0);
    aa_jsonout_quote(o, s, strlen(s));
}

/* Digits by hand: the batch writes a few numbers per finding, and printf
 * would parse its format each time. */
static void
integer(struct aa_jsonout *o, long long n)
{
    unsigned long long u =
        n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    char buf[24], *p = aa_text_digits(buf + sizeof(buf), u);

    if (n < 0)
        *--p = '-';
    put(o, p, (size_t)(buf + sizeof(buf) - p));
}

void
aa_jsonout_int(struct aa_jsonout *o, long long n)
{
    if (o->tree != NULL) {
        attach(o, cJSON_CreateNumber((double)n));
        return;
    }
    before(o, 0);
    integer(o, n);
}

void
aa_jsonout_number(struct aa_jsonout *o, double d)
{
    char num[32];
    int n;

    if (o->tree != NULL) {
        attach(o, cJSON_CreateNumber(d));
        return;
    }
    before(o, 0);
    /* Integers print without a fraction, as cJSON does.  The range test
     * comes first: converting a larger double is undefined. */
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
        integer(o, (long long)d);
        return;
    }
    n = snprintf(num, sizeof(num), "%.17g", d);
    put(o, num, n > 0 ? (size_t)n : 0);
}

void
aa_jsonout_bool(struct aa_jsonout *o, int b)
{
    if (o->tree != NULL) {
        attach(o, cJSON_CreateBool(b));
        return;
    }
    before(o, 0);
    put(o, b ? "true" : "false", b ? 4 : 5);
}

void
aa_jsonout_null(struct aa_jsonout *o)
{
    if (o->tree != NULL) {
        attach(o, cJSON_CreateNull());
        return;
    }
    before(o, 0);
    put(o, "null", 4);
}

/* ---- values written again ------------------------------------------ */

/* The text kept under 'name' (*n bytes), or NULL: none is kept but in
 * compact text. */
static const char *
kept_find(const struct aa_jsonout *o, const void *const name[4], size_t *n)
{
    if (o->tree != NULL || !o->compact)
        return NULL;
    return aa_kept_find(&o->kept, name, n);
}

int
aa_jsonout_again(struct aa_jsonout *o, const void *const name[4])
{
    size_t n;
    const char *k = kept_find(o, name, &n);

    if (k == NULL)
        return 0;
    before(o, 1);
    put(o, k, n);
    return 1;
}

int
aa_jsonout_again_members(struct aa_jsonout *o, const void *const name[4])
{
    size_t n;
    const char *k = kept_find(o, name, &n);

    if (k == NULL)
        return 0;
    assert(o->depth > 0 && !(o->lv[o->depth - 1] & (L_ARRAY | L_KEY)));
    /* The separator is the place's, as a key's: aa_jsonout_keep left the
     * run's own out. */
    if (later_member(o))
        put(o, ",", 1);
    put(o, k, n);
    return 1;
}

size_t
aa_jsonout_mark(const struct aa_jsonout *o)
{
    return o->len;
}

void
aa_jsonout_keep(struct aa_jsonout *o, size_t mark, const void *const name[4])
{
    if (o->tree != NULL || !o->compact || mark > o->len)
        return;
    /* The separator before the value is the place's, not the value's. */
    if (mark < o->len && o->s[mark] == ',')
        mark++;
    aa_kept_add(&o->kept, name, o->s + mark, o->len - mark);
}

int
aa_jsonout_flush(struct aa_jsonout *o, FILE *fp)
{
    int rc = o->len > 0 && fwrite(o->s, 1, o->len, fp) != o->len ? -1 : 0;

    aa_jsonout_clear(o);
    return rc;
}

void
aa_jsonout_clear(struct aa_jsonout *o)
{
    o->len = 0;
    if (o->s != NULL)
        o->s[0] = '\0';
}

char *
aa_jsonout_take(struct aa_jsonout *o)
{
    char *s = o->s != NULL ? o->s : aa_xstrdup("");

    o->s = NULL;
    o->len = o->cap = 0;
    return s;
}

cJSON *
aa_jsonout_tree(struct aa_jsonout *o)
{
    cJSON *root = o->root;

    o->root = NULL;
    return root;
}
