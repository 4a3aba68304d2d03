/*
 * yaml_fast.c -- one pass over the YAML that rule files are written in.
 *
 * libyaml turns a document into tokens, then events, each with its own
 * allocations, and yaml_tree.c turns the events into the tree: for a pack
 * of 25,000 rules that is most of the time it takes to load.  Rule files
 * use a small part of YAML: block mappings and sequences, one-line flow
 * collections, plain and quoted scalars on one line, literal block
 * scalars, comments.  This reader reads that part straight into the tree,
 * with the positions libyaml gives.
 *
 * It takes only what it can take exactly as libyaml would.  At anything
 * else (a tab, a carriage return, a control or line-break character, bad
 * UTF-8, a byte-order mark, a directive or document marker, an anchor,
 * alias or tag, an empty value, a scalar over several lines, a flow
 * collection over several lines, most escapes, nesting at the limit, any
 * syntax error) it gives up: it returns 0, and yaml_tree.c reads the text
 * with libyaml, which reports every problem.  So every message about a
 * YAML file still comes from one place, and this path can change how fast
 * a file loads, never what it loads to: tests/unit/test_yaml_fast.c and
 * the fuzz target yaml_fast hold the two readers' trees equal.
 *
 * What it allocated before giving up stays in the caller's arenas, which
 * are freed with the ruleset: at most a few times the size of the text.
 */
#include "yaml_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "text.h"
#include "word8.h"

/* Giving up unwinds by return value; nothing is reported. */
#define TAKE(x)                                                                \
    do {                                                                       \
        if (!(x))                                                              \
            return NULL;                                                       \
    } while (0)

/* libyaml refuses a simple key longer than 1024 characters. */
enum { FAST_KEY = 1000 };

#define NONE (-3L)

struct fr {
    struct aa_yparse *p;
    const char *s;
    size_t len, pos;
    unsigned line; /* 1-based line of pos */
    size_t bol;    /* where that line starts */
    size_t depth, max_depth;
    /* The indentation of the line pos is at the start of, once next_line
     * has looked (-1 at the end); NONE when pos has moved on since. */
    long peek;
    size_t cbol, cpos; /* col_at's last count: at cpos on the line at cbol */
    unsigned ccol;
    struct aa_ykids kids; /* of the open collections */
    char *buf;            /* an unescaped scalar being built */
    size_t nbuf, capbuf;
};

static int fast_path = 1;

void
aa_yaml_fast_path(int on)
{
    fast_path = on;
}

/* libyaml counts columns in characters, not bytes.  Counted on from the
 * last node's place on the same line, so a line of many nodes costs its
 * length once. */
static unsigned
col_at(struct fr *r, size_t pos)
{
    if (r->cbol != r->bol || pos < r->cpos) {
        r->cbol = r->bol;
        r->cpos = r->bol;
        r->ccol = 1;
    }
    for (; r->cpos < pos; r->cpos++)
        r->ccol += ((unsigned char)r->s[r->cpos] & 0xC0) != 0x80;
    return r->ccol;
}

static struct aa_ynode *
node(struct fr *r, enum aa_ykind kind, size_t pos)
{
    struct aa_ynode *n = aa_arena_alloc(r->p->nodes, sizeof(*n));

    n->kind = kind;
    n->at.file = r->p->file;
    n->at.line = r->line;
    n->at.col = col_at(r, pos);
    return n;
}

static struct aa_ynode *
scalar(struct fr *r, size_t at, const char *s, size_t n, int plain)
{
    struct aa_ynode *y = node(r, AA_Y_SCALAR, at);

    y->s = aa_arena_strndup(r->p->strings, s, n);
    y->plain = plain;
    return y;
}

static void
put(struct fr *r, const char *s, size_t n)
{
    if (r->nbuf + n > r->capbuf) {
        while (r->nbuf + n > r->capbuf)
            r->capbuf = r->capbuf ? r->capbuf * 2 : 256;
        r->buf = aa_xrealloc(r->buf, r->capbuf, 1);
    }
    memcpy(r->buf + r->nbuf, s, n);
    r->nbuf += n;
}

static int
at_eol(const struct fr *r, size_t i)
{
    return i >= r->len || r->s[i] == '\n';
}

static int
blank_or_eol(const struct fr *r, size_t i)
{
    return at_eol(r, i) || r->s[i] == ' ';
}

static void
skip_spaces(struct fr *r)
{
    while (r->pos < r->len && r->s[r->pos] == ' ')
        r->pos++;
}

/*
 * The whole text, once: every character one libyaml reads the same way
 * in every place this reader takes it.  Refused: control characters (tab
 * and carriage return too), DEL, line breaks other than '\n', the
 * byte-order mark, characters libyaml's reader refuses, bad UTF-8, and a
 * line that starts a directive or a document marker.
 */
static int
text_ok(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        long cp;
        size_t k;

        if (i == 0 || s[i - 1] == '\n') {
            if (c == '%')
                return 0;
            if (len - i >= 3 &&
                (memcmp(s + i, "---", 3) == 0 || memcmp(s + i, "...", 3) == 0))
                return 0;
        }
        if (c - 0x20u < 0x5Fu) { /* printable ASCII: most of a text */
            i++;
            while (len - i >= 8) {
                uint64_t w = aa_w8_load(s + i);

                if (aa_w8_unprintable(w))
                    break;
                i += 8;
            }
            while (i < len && s[i] - 0x20u < 0x5Fu)
                i++;
            continue;
        }
        if (c < 0x80) {
            if (c != '\n')
                return 0;
            i++;
            continue;
        }
        /* Well-formed UTF-8 only (text.c), and not what libyaml reads as
         * a line break (U+0085, U+2028, U+2029) or refuses. */
        k = aa_text_decode((const char *)s + i, len - i, &cp);
        if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
            cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        i += k;
    }
    return 1;
}

/* Past blank lines and comment lines to the next line with content;
 * returns its indentation, pos at its first character, or -1 at the end. */
static long
next_line(struct fr *r)
{
    if (r->peek != NONE)
        return r->peek;
    for (;;) {
        size_t i = r->pos;

        /* pos is at the start of a line, or just after a node: then the
         * rest of the line must be blank or a comment. */
        if (r->pos > r->bol) {
            while (i < r->len && r->s[i] == ' ')
                i++;
            if (!at_eol(r, i) && !(r->s[i] == '#' && r->s[i - 1] == ' '))
                return -2;
        } else {
            while (i < r->len && r->s[i] == ' ')
                i++;
            if (!at_eol(r, i) && r->s[i] != '#') {
                r->pos = i;
                return r->peek = (long)(i - r->bol);
            }
        }
        while (i < r->len && r->s[i] != '\n')
            i++;
        if (i >= r->len) {
            r->pos = r->len;
            return r->peek = -1;
        }
        r->pos = r->bol = i + 1;
        r->line++;
    }
}

/* What a character is to this reader, as bits: IND may not start a plain
 * scalar here (all of YAML's indicators, '-' too: "-1" goes to libyaml);
 * KEY may not be in a block mapping's key; FKEY ends a flow mapping's key;
 * FEND ends a plain scalar in a flow collection, FBAD gives it up; PB and
 * PF stop the quick scan of a plain scalar in block and flow context. */
enum { IND = 1, KEY = 2, FKEY = 4, FEND = 8, FBAD = 16, PB = 32, PF = 64 };
static const unsigned char cls[256] = {
    [' '] = PB | PF,
    [':'] = IND | FKEY | PB | PF,
    ['-'] = IND,
    ['?'] = IND | FKEY | FBAD | PF,
    [','] = IND | KEY | FKEY | FEND | PF,
    ['['] = IND | KEY | FKEY | FBAD | PF,
    [']'] = IND | KEY | FKEY | FEND | PF,
    ['{'] = IND | KEY | FKEY | FBAD | PF,
    ['}'] = IND | KEY | FKEY | FEND | PF,
    ['#'] = IND | KEY | FKEY | FBAD | PF,
    ['\''] = IND | FKEY,
    ['"'] = IND | FKEY,
    ['&'] = IND,
    ['*'] = IND,
    ['!'] = IND,
    ['|'] = IND,
    ['>'] = IND,
    ['%'] = IND,
    ['@'] = IND,
    ['`'] = IND,
    ['\n'] = PB | PF,
};

static int
indicator(char c)
{
    return cls[(unsigned char)c] & IND;
}

/* A plain key of a block mapping at pos: its length to the ':' that
 * follows it with a blank or the line's end, or 0 when pos holds none. */
static size_t
block_key(const struct fr *r, size_t pos)
{
    size_t i = pos;

    if (at_eol(r, i) || r->s[i] == ' ' || indicator(r->s[i]))
        return 0;
    for (; !at_eol(r, i); i++) {
        char c = r->s[i];

        if (c == ':' && blank_or_eol(r, i + 1))
            return r->s[i - 1] == ' ' || i - pos > FAST_KEY ? 0 : i - pos;
        if (cls[(unsigned char)c] & KEY)
            return 0;
    }
    return 0;
}

static int
seq_entry(const struct fr *r, size_t pos)
{
    return pos < r->len && r->s[pos] == '-' && blank_or_eol(r, pos + 1);
}

static struct aa_ynode *flow(struct fr *r);

/* A quoted scalar on one line; pos just past it after. */
static struct aa_ynode *
quoted(struct fr *r)
{
    size_t at = r->pos, i = at + 1;
    char q = r->s[at];

    r->nbuf = 0;
    for (;;) {
        size_t run = i;

        while (!at_eol(r, i) && r->s[i] != q && (q == '\'' || r->s[i] != '\\'))
            i++;
        TAKE(!at_eol(r, i));
        put(r, r->s + run, i - run);
        if (r->s[i] == '\\') {
            static const char from[] = "\"\\/nt", to[] = "\"\\/\n\t";
            const char *e;

            TAKE(!at_eol(r, i + 1));
            TAKE((e = strchr(from, r->s[i + 1])) != NULL);
            put(r, &to[e - from], 1);
            i += 2;
        } else if (q == '\'' && i + 1 < r->len && r->s[i + 1] == '\'') {
            put(r, "'", 1);
            i += 2;
        } else {
            break;
        }
    }
    r->pos = i + 1;
    return scalar(r, at, r->buf, r->nbuf, 0);
}

/* A plain scalar that ends at the line's end or a comment (block), or at
 * ',', ']' or '}' (flow); trailing blanks are not part of it. */
static struct aa_ynode *
plain(struct fr *r, int in_flow)
{
    size_t at = r->pos, i = at, end = at;

    TAKE(!at_eol(r, i) && !indicator(r->s[i]));
    for (; !at_eol(r, i); i++) {
        char c = r->s[i];

        if (!(cls[(unsigned char)c] & (in_flow ? PF : PB))) {
            end = i + 1;
            continue;
        }
        if (c == ' ') {
            if (i + 1 < r->len && r->s[i + 1] == '#')
                break;
            continue;
        }
        if (in_flow && (cls[(unsigned char)c] & FEND))
            break;
        /* ": " would make it a key; in a flow collection, any ':', '#',
         * '?' or opening bracket is libyaml's to judge. */
        if (c == ':' && (in_flow || blank_or_eol(r, i + 1)))
            return NULL;
        if (in_flow && (cls[(unsigned char)c] & FBAD))
            return NULL;
        end = i + 1;
    }
    TAKE(!in_flow || !at_eol(r, i));
    r->pos = end;
    return scalar(r, at, r->s + at, end - at, 1);
}

/* A node inside a flow collection. */
static struct aa_ynode *
flow_node(struct fr *r)
{
    char c = r->s[r->pos];

    if (c == '[' || c == '{')
        return flow(r);
    if (c == '"' || c == '\'')
        return quoted(r);
    return plain(r, 1);
}

/* [a, b] or {k: v, k: v}, on one line; no trailing comma, no empty
 * entry, no key without a value, keys plain. */
static struct aa_ynode *
flow(struct fr *r)
{
    int is_map = r->s[r->pos] == '{';
    char close = is_map ? '}' : ']';
    struct aa_ynode *n, *k;
    size_t base = r->kids.n;

    TAKE(r->depth < r->max_depth);
    n = node(r, is_map ? AA_Y_MAP : AA_Y_SEQ, r->pos);
    r->depth++;
    r->pos++;
    skip_spaces(r);
    TAKE(!at_eol(r, r->pos));
    if (r->s[r->pos] != close) {
        for (;;) {
            if (is_map) {
                size_t at = r->pos, i = at;

                TAKE(!indicator(r->s[i]));
                while (!at_eol(r, i) && !(cls[(unsigned char)r->s[i]] & FKEY))
                    i++;
                TAKE(!at_eol(r, i) && r->s[i] == ':' && r->s[i - 1] != ' ' &&
                     i + 1 < r->len && r->s[i + 1] == ' ' &&
                     i - at <= FAST_KEY);
                aa_ykids_push(&r->kids, scalar(r, at, r->s + at, i - at, 1));
                r->pos = i + 1;
                skip_spaces(r);
                TAKE(!at_eol(r, r->pos) && r->s[r->pos] != ',' &&
                     r->s[r->pos] != close);
            }
            TAKE((k = flow_node(r)) != NULL);
            aa_ykids_push(&r->kids, k);
            skip_spaces(r);
            TAKE(!at_eol(r, r->pos));
            if (r->s[r->pos] == close)
                break;
            TAKE(r->s[r->pos] == ',');
            r->pos++;
            skip_spaces(r);
            TAKE(!at_eol(r, r->pos) && r->s[r->pos] != close &&
                 r->s[r->pos] != ',');
        }
    }
    r->pos++;
    r->depth--;
    aa_ykids_close(&r->kids, r->p->nodes, n, base);
    return n;
}

/* A literal block scalar, '|' or '|-', whose content is more indented than
 * 'indent' and starts on the next line; pos at the start of the line
 * after it. */
static struct aa_ynode *
literal(struct fr *r, long indent)
{
    size_t at = r->pos, i = at + 1, m = 0, blanks = 0, lines = 0;
    int strip = 0;
    struct aa_ynode *n;

    if (i < r->len && r->s[i] == '-')
        strip = 1, i++;
    while (i < r->len && r->s[i] == ' ')
        i++;
    TAKE(i < r->len && r->s[i] == '\n');
    n = node(r, AA_Y_SCALAR, at);
    r->nbuf = 0;
    r->pos = r->bol = i + 1;
    r->line++;
    while (r->pos < r->len) {
        size_t b = r->pos, e = b, sp;

        while (e < r->len && r->s[e] == ' ')
            e++;
        sp = e - b;
        if (at_eol(r, e)) {
            /* A blank line before the first one, with more blanks than
             * the content's indentation, or at the very end, is
             * libyaml's to judge. */
            TAKE(lines > 0 && sp <= m && e < r->len);
            blanks++;
        } else {
            if (lines == 0) {
                TAKE((long)sp > indent);
                m = sp;
            }
            if (sp < m)
                break;
            if (lines > 0)
                put(r, "\n", 1);
            for (; blanks > 0; blanks--)
                put(r, "\n", 1);
            while (!at_eol(r, e))
                e++;
            put(r, r->s + b + m, e - b - m);
            lines++;
            /* Clip keeps the last line's break, which must be there. */
            TAKE(e < r->len);
        }
        r->pos = r->bol = e + 1;
        r->line++;
    }
    TAKE(lines > 0);
    if (!strip)
        put(r, "\n", 1);
    n->s = aa_arena_strndup(r->p->strings, r->buf, r->nbuf);
    r->peek = NONE;
    return n;
}

static struct aa_ynode *block(struct fr *r, long indent);
static struct aa_ynode *mapping(struct fr *r, long col);

/* A value that starts on the line of its key or '-': a scalar or a flow
 * collection (or a literal block scalar where 'indent' >= 0). */
static struct aa_ynode *
inline_value(struct fr *r, long indent)
{
    char c = r->s[r->pos];

    if (c == '[' || c == '{')
        return flow(r);
    if (c == '"' || c == '\'')
        return quoted(r);
    if (c == '|' && indent >= 0)
        return literal(r, indent);
    return plain(r, 0);
}

/* The value after "key:" or "-": on its line, or below it, more indented
 * than 'col' (or, after a key, a sequence at the key's own column). */
static struct aa_ynode *
value(struct fr *r, long col, int after_key)
{
    long ind;

    skip_spaces(r);
    if (!at_eol(r, r->pos) && r->s[r->pos] != '#') {
        if (!after_key) {
            /* "- key: value" opens a mapping at the key's column. */
            TAKE(!seq_entry(r, r->pos));
            if (block_key(r, r->pos) > 0)
                return mapping(r, (long)col_at(r, r->pos) - 1);
        }
        return inline_value(r, after_key ? col : -1);
    }
    ind = next_line(r);
    if (ind > col)
        return block(r, ind);
    TAKE(after_key && ind == col && seq_entry(r, r->pos));
    return block(r, ind);
}

/* A block sequence whose '-' are at column 'col'. */
static struct aa_ynode *
sequence(struct fr *r, long col)
{
    struct aa_ynode *n, *k;
    size_t base = r->kids.n;
    long ind;

    TAKE(r->depth < r->max_depth);
    n = node(r, AA_Y_SEQ, r->pos);
    r->depth++;
    do {
        r->pos++;
        r->peek = NONE;
        TAKE((k = value(r, col, 0)) != NULL);
        aa_ykids_push(&r->kids, k);
        ind = next_line(r);
        TAKE(ind <= col && ind != -2);
    } while (ind == col && seq_entry(r, r->pos));
    r->depth--;
    aa_ykids_close(&r->kids, r->p->nodes, n, base);
    return n;
}

/* A block mapping whose keys are at column 'col'. */
static struct aa_ynode *
mapping(struct fr *r, long col)
{
    struct aa_ynode *n, *k;
    size_t base = r->kids.n, len;
    long ind;

    TAKE(r->depth < r->max_depth);
    n = node(r, AA_Y_MAP, r->pos);
    r->depth++;
    for (;;) {
        TAKE((len = block_key(r, r->pos)) > 0);
        aa_ykids_push(&r->kids, scalar(r, r->pos, r->s + r->pos, len, 1));
        r->pos += len + 1;
        r->peek = NONE;
        TAKE((k = value(r, col, 1)) != NULL);
        aa_ykids_push(&r->kids, k);
        ind = next_line(r);
        TAKE(ind <= col && ind != -2);
        if (ind < col)
            break;
    }
    r->depth--;
    aa_ykids_close(&r->kids, r->p->nodes, n, base);
    return n;
}

/* A collection that starts a line, at column 'indent'. */
static struct aa_ynode *
block(struct fr *r, long indent)
{
    if (seq_entry(r, r->pos))
        return sequence(r, indent);
    return mapping(r, indent);
}

int
aa_yaml_read_fast(struct aa_yparse *p, struct aa_ynode **root)
{
    struct fr r;
    long ind;

    *root = NULL;
    if (!fast_path || !text_ok((const unsigned char *)p->data, p->len))
        return 0;
    memset(&r, 0, sizeof(r));
    r.p = p;
    r.s = p->data;
    r.len = p->len;
    r.line = 1;
    r.peek = NONE;
    r.ccol = 1;
    /* Never NULL, so an empty scalar copies from a real buffer. */
    r.capbuf = 256;
    r.buf = aa_xmalloc(r.capbuf);
    r.max_depth = aa_limit(AA_LIMIT_RULES_DEPTH);
    ind = next_line(&r);
    if (ind >= 0) {
        *root = block(&r, ind);
        ind = *root != NULL ? next_line(&r) : 0;
    }
    free(r.kids.v);
    free(r.buf);
    if (ind != -1) {
        *root = NULL;
        return 0;
    }
    return 1;
}
