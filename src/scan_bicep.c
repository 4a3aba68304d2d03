/*
 * scan_bicep.c -- Customer Usage Attribution evidence in Bicep files.
 *
 * A Bicep file attributes usage when its top level declares a deployment
 * named pid-<GUID> (CUA-F10): a Microsoft.Resources/deployments resource or
 * any module, since a module is a deployment too.  The file is lexed whole,
 * its top-level statements are read, and each deployment's name and
 * condition are partially evaluated: string literals, interpolation, var
 * and param references, object properties and a few functions fold to
 * text; everything else becomes AA_HOLE.  Each byte of a value remembers
 * whether it came through a param, because a deployer can override those.
 *
 * Invariant: once lexing succeeds, the token array ends in T_EOF and every
 * opener ('{', '[', '(' and the first piece of an interpolated string)
 * knows its closer and the other way round, so a body is skipped in one
 * step and no walk leaves its brackets.  A malformed file is rejected by
 * the lexer before the parser sees a token.  Evaluation is bounded by the
 * limits expansion-depth (nesting), expansion-work (tokens evaluated,
 * searched or skipped and bytes of text built, per file) and
 * expansion-size (the text of a value), so hostile input costs no more
 * than the work bound; what is past a bound is a gap, and one note says
 * which bound it was.
 *
 * Grammar read at the top level (bodies are skipped by bracket matching):
 *   file      = { { decorator } stmt NL }
 *   decorator = '@' ident { '.' ident } [ '(' ... ')' ]
 *   stmt      = 'param' ident type [ '=' expr ]
 *             | 'var' ident [ type ] '=' expr
 *             | 'resource' ident string [ 'existing' ] '=' value
 *             | 'module' ident string '=' value
 *             | other ...        (output, type, func, import, metadata, ...)
 *   value     = [ 'if' '(' expr ')' ] object
 *             | '[' 'for' ... ':' [ 'if' '(' expr ')' ] object ']'
 * and the expressions evaluated inside them:
 *   expr      = binary [ '?' expr ':' expr ]
 *   binary    = unary { binop unary }    (?? || && ==,!=,=~,!~ and others)
 *   unary     = { '!' } postfix
 *   postfix   = primary { '.' ident | '.?' ident | '[' expr ']' | '!'
 *                         | '::' ident }
 *   primary   = string | number | ident | ident '(' args ')' | '(' expr ')'
 *             | object | array | lambda
 */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#include "limits.h"

#define MAX_ARGS 8  /* function arguments we keep */
#define MAX_NAME 64 /* ARM's limit on deployment names (CUA-F11) */
#define PID_HEAD 40 /* "pid-" and a GUID */

/* An interpolated string is pieces: T_STR_L "'a${", T_STR_M "}b${" and
 * T_STR_R "}c'".  T_OTHER is a byte Bicep has no use for outside strings. */
enum tok_type {
    T_EOF,
    T_NL,
    T_IDENT,
    T_NUM,
    T_OP,
    T_OTHER,
    T_STR,
    T_STR_L,
    T_STR_M,
    T_STR_R,
    T_MSTR /* '''text''': no escapes, no interpolation */
};

/* Two-character operators, each with the letter that stands for it; a
 * one-character operator is its own character. */
static const char ops2[] = "==E!=N=~e!~n<=l>=g&&A||O??C=>L::D.?Q";

/* Binary operators from the loosest; the last level folds to nothing. */
static const char *const levels[] = {"C", "O", "A", "ENen", "<>lg+-*/%"};

struct tok {
    enum tok_type t;
    char op;         /* T_OP */
    size_t at;       /* first byte, for locations */
    size_t off, len; /* the text; a string piece's without its quotes */
    size_t pair;     /* opener <-> closer; T_NL: the token after its run */
};

struct sym {
    const char *name;
    size_t n;
    int param;
    size_t val; /* first token of the value; 0 for a param with no default */
    int busy;   /* being evaluated: a reference to it now is a cycle */
};

enum val_kind { V_UNK, V_STR, V_NUM, V_BOOL, V_NULL, V_OBJ, V_ARR };

/* A value.  A V_STR's text is the evaluator's buffer from where its
 * evaluation started to the buffer's end; other kinds add no text. */
struct val {
    enum val_kind kind;
    int param;     /* came through a param (for kinds without text) */
    long long num; /* V_NUM, V_BOOL */
    size_t tok;    /* V_OBJ, V_ARR: the opening token */
};

struct bicep {
    struct aa_scan *s;
    struct aa_scan_file *f;
    const char *text;
    size_t len;
    struct tok *t; /* ends in T_EOF */
    size_t nt, capt;
    size_t *open; /* the lexer's openers not yet closed, innermost last */
    size_t nopen, capopen;
    size_t pid_comment; /* "pid-<GUID>" inside a comment, or -1 */
    const char *err;    /* why the lexer gave up, and where */
    char err_ch;
    size_t err_at;
    struct sym *syms; /* params and vars, sorted by name */
    size_t nsyms, capsyms;
    size_t pos;          /* the evaluator's token */
    char *buf;           /* evaluated text, AA_HOLE for gaps */
    unsigned char *mark; /* per byte of buf: 1 if it came through a param */
    size_t n, cap;       /* cap grows up to max_text */
    int in_param, saw_param;
    /* Conditionals ('?') whose condition a param sets, met while a name
     * is evaluated (aa_switch_take): to see what a deployer can switch on
     * or off (as scan_arm.c's if()). */
    struct aa_switches sw;
    size_t depth, max_depth, max_text;
    size_t work; /* left of expansion-work: bounds what hostile input costs */
    /* The first bound reached, and at which token, for the note. */
    int over;
    enum aa_limit over_limit;
    size_t over_at;
    /* The verdict so far: resources and modules seen, a pid that
     * attributes, one at risk, any name or comment that is CUA-like. */
    int decls, valid, risky, cua;
    char guid[37]; /* the first valid root GUID */
};

#define UNKNOWN(p) ((struct val){V_UNK, (p), 0, 0})
#define BOOLEAN(x) ((struct val){V_BOOL, 0, (x) != 0, 0})

static struct val eval_expr(struct bicep *b);

/* ---- lexer ---------------------------------------------------------- */

static char
lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
same_ci(const char *s, const char *p, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (lower(s[i]) != lower(p[i]))
            return 0;
    return 1;
}

static int
starts_ci(const char *s, size_t n, const char *p)
{
    return n >= strlen(p) && same_ci(s, p, strlen(p));
}

static int
word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= '0' && c <= '9');
}

static void
fail(struct bicep *b, size_t at, const char *msg, char ch)
{
    b->err = msg;
    b->err_ch = ch;
    b->err_at = at;
}

static size_t
push(struct bicep *b, enum tok_type t, size_t at, size_t off, size_t len)
{
    struct tok k = {t, 0, at, off, len, 0};

    if (b->nt == b->capt) {
        b->capt = b->capt ? b->capt * 2 : 256;
        b->t = aa_xrealloc(b->t, b->capt, sizeof(*b->t));
    }
    b->t[b->nt] = k;
    return b->nt++;
}

static void
open_last(struct bicep *b)
{
    if (b->nopen == b->capopen) {
        b->capopen = b->capopen ? b->capopen * 2 : 32;
        b->open = aa_xrealloc(b->open, b->capopen, sizeof(*b->open));
    }
    b->open[b->nopen++] = b->nt - 1;
}

static void
close_last(struct bicep *b)
{
    size_t o = b->open[--b->nopen];

    b->t[o].pair = b->nt - 1;
    b->t[b->nt - 1].pair = o;
}

/* A pid kept in a comment may be a deployment someone switched off. */
static void
note_comment(struct bicep *b, size_t from, size_t to)
{
    if (b->pid_comment == (size_t)-1)
        b->pid_comment = aa_pid_text_in(b->text, from, to);
}

/* The value of hex digit c, or -1. */
static int
hex_value(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The length of the escape at s[i], a backslash, in the n bytes of s; 0
 * when Bicep refuses it.  It takes \\ \' \n \r \t \$ and \u{X}, of one
 * or more hex digits worth at most 10FFFF, and refuses the file for any
 * other: its strings never hold what a reader would take them for. */
static size_t
escape_len(const char *s, size_t i, size_t n)
{
    unsigned long cp = 0;
    size_t j;

    if (i + 1 < n && s[i + 1] != '\0' && strchr("\\'nrt$", s[i + 1]))
        return 2;
    if (i + 2 >= n || s[i + 1] != 'u' || s[i + 2] != '{')
        return 0;
    for (j = i + 3; j < n && hex_value(s[j]) >= 0; j++)
        if ((cp = cp * 16 + (unsigned long)hex_value(s[j])) > 0x10FFFF)
            cp = 0x110000; /* too large, however many digits follow */
    return j > i + 3 && j < n && s[j] == '}' && cp <= 0x10FFFF ? j + 1 - i : 0;
}

/*
 * One piece of a single-quoted string, from i to the closing quote or the
 * next "${".  'at' is where the piece starts: the quote, or the '}' that
 * ends an interpolation ('cont').  A backslash escapes what follows, so
 * "\'" and "\${" are text; an escape Bicep does not take is an error.
 */
static size_t
lex_piece(struct bicep *b, size_t at, size_t i, int cont)
{
    const char *s = b->text;
    size_t from = i, k;

    for (; i < b->len && s[i] != '\n'; i++) {
        if (s[i] == '\\' && i + 1 < b->len && s[i + 1] != '\n') {
            if ((k = escape_len(s, i, b->len)) == 0) {
                fail(b, i,
                     s[i + 1] == 'u'
                         ? "a \\u escape that is not \\u{0} to \\u{10FFFF}"
                         : "an escape Bicep does not take (only \\\\, \\', "
                           "\\n, \\r, \\t, \\$ and \\u{...})",
                     0);
                return b->len;
            }
            i += k - 1;
        } else if (s[i] == '\'') {
            push(b, cont ? T_STR_R : T_STR, at, from, i - from);
            if (cont)
                close_last(b);
            return i + 1;
        } else if (s[i] == '$' && s[i + 1] == '{') {
            push(b, cont ? T_STR_M : T_STR_L, at, from, i - from);
            if (!cont)
                open_last(b);
            return i + 2;
        }
    }
    fail(b, cont ? b->t[b->open[b->nopen - 1]].at : at, "unterminated string",
         0);
    return b->len;
}

static size_t
lex_op(struct bicep *b, size_t i)
{
    const char *s = b->text;
    char c = s[i];
    size_t k;

    for (const char *p = ops2; *p; p += 3)
        if (p[0] == c && p[1] == s[i + 1]) {
            k = push(b, T_OP, i, i, 2);
            b->t[k].op = p[2];
            return i + 2;
        }
    k = push(b, T_OP, i, i, 1);
    b->t[k].op = c;
    if (c == '{' || c == '[' || c == '(') {
        open_last(b);
    } else if (c == '}' || c == ']' || c == ')') {
        char want = c == '}' ? '{' : c == ']' ? '[' : '(';
        const struct tok *o = b->nopen ? &b->t[b->open[b->nopen - 1]] : NULL;

        if (o == NULL || o->t != T_OP || o->op != want)
            fail(b, i, "unexpected", c);
        else
            close_last(b);
    }
    return i + 1;
}

static void
lex(struct bicep *b)
{
    const char *s = b->text, *e, *blank;
    size_t i = 0, j, from;

    while (i < b->len && b->err == NULL) {
        char c = s[i];

        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
        } else if (c == '\n') {
            push(b, T_NL, i, i, 1);
            i++;
        } else if ((c == '/' && s[i + 1] == '/') || c == '#') {
            /* '#' starts a pragma such as #disable-next-line */
            e = memchr(s + i, '\n', b->len - i);
            j = e ? (size_t)(e - s) : b->len;
            note_comment(b, i, j);
            i = j;
        } else if (c == '/' && s[i + 1] == '*') {
            for (j = i + 2; j + 1 < b->len && memcmp(s + j, "*/", 2); j++)
                ;
            if (j + 1 >= b->len)
                fail(b, i, "unterminated comment", 0);
            note_comment(b, i, j);
            i = j + 2;
        } else if (c == '\'' && s[i + 1] == '\'' && s[i + 2] == '\'') {
            for (j = i + 3; j + 3 <= b->len && memcmp(s + j, "'''", 3); j++)
                ;
            if (j + 3 > b->len)
                fail(b, i, "unterminated multi-line string", 0);
            /* Bicep drops one line break right after the opening quotes. */
            from = i + 3 + (s[i + 3] == '\r' && s[i + 4] == '\n');
            from = s[from] == '\n' && from < j ? from + 1 : i + 3;
            push(b, T_MSTR, i, from, j - from);
            i = j + 3;
        } else if (c == '\'') {
            i = lex_piece(b, i, i + 1, 0);
        } else if (c == '}' && b->nopen > 0 &&
                   b->t[b->open[b->nopen - 1]].t == T_STR_L) {
            i = lex_piece(b, i, i + 1, 1);
        } else if (word_char(c)) {
            for (j = i; word_char(s[j]); j++)
                ;
            push(b, (c >= '0' && c <= '9') ? T_NUM : T_IDENT, i, i, j - i);
            i = j;
        } else if (c != '\0' && strchr("{}[](),.:?!=<>+-*/%&|@;", c)) {
            i = lex_op(b, i);
        } else if ((blank = aa_invisible_blank(s + i, b->len - i)) != NULL) {
            fail(b, i, blank, 0);
        } else {
            push(b, T_OTHER, i, i, 1);
            i++;
        }
    }
    if (b->err == NULL && b->nopen > 0) {
        const struct tok *o = &b->t[b->open[b->nopen - 1]];

        fail(b, o->at, o->t == T_STR_L ? "unterminated string" : "unclosed",
             o->t == T_STR_L ? 0 : o->op);
    }
    push(b, T_EOF, b->len, b->len, 0);
    /* A line break's pair is the token after its run, for skip_nl. */
    for (size_t k = b->nt - 1, next = k; k-- > 0;)
        if (b->t[k].t == T_NL)
            b->t[k].pair = next;
        else
            next = k;
}

/* ---- tokens and statements ------------------------------------------ */

static int
is_op(const struct tok *k, char op)
{
    return k->t == T_OP && k->op == op;
}

static int
opens(const struct tok *k)
{
    return k->t == T_STR_L ||
           (k->t == T_OP && (k->op == '{' || k->op == '[' || k->op == '('));
}

static int
is_word(const struct bicep *b, const struct tok *k, const char *w)
{
    return k->t == T_IDENT && k->len == strlen(w) &&
           memcmp(b->text + k->off, w, k->len) == 0;
}

/* A line that starts with one of these continues the expression above. */
static int
continues(const struct tok *k)
{
    return k->t == T_OP && k->op && strchr("?:AOC", k->op);
}

static size_t
skip_nl(const struct bicep *b, size_t i)
{
    return b->t[i].t == T_NL ? b->t[i].pair : i;
}

static void
join_lines(struct bicep *b)
{
    size_t j = skip_nl(b, b->pos);

    if (continues(&b->t[j]))
        b->pos = j;
}

/* The token after the decorators of the statement at i. */
static size_t
stmt_start(const struct bicep *b, size_t i)
{
    for (;;) {
        i = skip_nl(b, i);
        if (!is_op(&b->t[i], '@'))
            return i;
        for (i++; b->t[i].t == T_IDENT || is_op(&b->t[i], '.'); i++)
            ;
        if (is_op(&b->t[i], '('))
            i = b->t[i].pair + 1;
    }
}

/* The line break or T_EOF that ends the statement starting at i. */
static size_t
stmt_end(const struct bicep *b, size_t i)
{
    while (b->t[i].t != T_EOF) {
        if (opens(&b->t[i])) {
            i = b->t[i].pair + 1;
        } else if (b->t[i].t != T_NL) {
            i++;
        } else if (continues(&b->t[skip_nl(b, i)]) ||
                   is_op(&b->t[i - 1], '=')) {
            /* "x =" at the end of a line: the value is on the next. */
            i = skip_nl(b, i);
        } else {
            return i;
        }
    }
    return i;
}

/* A bound was reached at the current token: keep the first for the
 * note aa_scan_bicep adds. */
static void
over(struct bicep *b, enum aa_limit l)
{
    if (!b->over) {
        b->over = 1;
        b->over_limit = l;
        b->over_at = b->t[b->pos].at;
    }
}

/* Take k steps of work, down to none. */
static void
spend(struct bicep *b, size_t k)
{
    b->work = b->work > k ? b->work - k : 0;
}

/* Whether any work is left; when none is, say so once. */
static int
can_work(struct bicep *b)
{
    if (b->work > 0)
        return 1;
    over(b, AA_LIMIT_EXPANSION_WORK);
    return 0;
}

/* The value of property 'key' of the object at token obj, or 0. */
static size_t
find_prop(struct bicep *b, size_t obj, const char *key, size_t n)
{
    const struct tok *t = b->t;
    size_t i;

    for (i = obj + 1; i < t[obj].pair; i++) {
        const struct tok *k = &t[i], *prev = &t[i - 1];

        if ((prev->t == T_NL || is_op(prev, '{') || is_op(prev, ',')) &&
            (k->t == T_IDENT || k->t == T_STR) && is_op(&t[i + 1], ':') &&
            k->len == n && same_ci(b->text + k->off, key, n))
            break;
        if (opens(k))
            i = k->pair;
    }
    spend(b, i - obj);
    return i < t[obj].pair ? i + 2 : 0;
}

/* Symbols sort by their bytes, a shorter name first on a tie. */
static int
cmp_sym(const void *x, const void *y)
{
    const struct sym *a = x, *c = y;
    int r = memcmp(a->name, c->name, a->n < c->n ? a->n : c->n);

    return r ? r : (a->n > c->n) - (a->n < c->n);
}

static struct sym *
find_sym(const struct bicep *b, const struct tok *k)
{
    struct sym key = {.name = b->text + k->off, .n = k->len};

    if (b->nsyms == 0)
        return NULL;
    return bsearch(&key, b->syms, b->nsyms, sizeof(key), cmp_sym);
}

/* For --explain: the value went through symbol y, declared on the line
 * where its name stands ("var cuaId = '...'"). */
static void
step(struct bicep *b, const struct sym *y)
{
    aa_scan_step_line(b->s, b->f, b->text, (size_t)(y->name - b->text), y->name,
                      y->n);
}

/* param ident type [ '=' expr ] | var ident [ type ] '=' expr */
static void
add_sym(struct bicep *b, size_t i, size_t end)
{
    const struct tok *t = b->t;
    struct sym *y;
    size_t j = i + 2;

    if ((!is_word(b, &t[i], "param") && !is_word(b, &t[i], "var")) ||
        t[i + 1].t != T_IDENT)
        return;
    while (j < end && !is_op(&t[j], '='))
        j = opens(&t[j]) ? t[j].pair + 1 : j + 1;
    if (b->nsyms == b->capsyms) {
        b->capsyms = b->capsyms ? b->capsyms * 2 : 64;
        b->syms = aa_xrealloc(b->syms, b->capsyms, sizeof(*b->syms));
    }
    y = &b->syms[b->nsyms++];
    y->name = b->text + t[i + 1].off;
    y->n = t[i + 1].len;
    y->param = is_word(b, &t[i], "param");
    y->val = j < end ? skip_nl(b, j + 1) : 0;
    y->busy = 0;
}

/* ---- values --------------------------------------------------------- */

/* Append k bytes; m gives their marks, or NULL for none.  A value longer
 * than expansion-size is no name we care about: its tail becomes a gap.
 * Each byte is a step of work. */
static void
put_m(struct bicep *b, const char *s, const unsigned char *m, size_t k)
{
    spend(b, k);
    for (size_t i = 0; i < k; i++) {
        if (b->n == b->cap && b->cap < b->max_text) {
            b->cap = b->cap > b->max_text / 2 ? b->max_text : b->cap * 2;
            b->buf = aa_xrealloc(b->buf, b->cap, 1);
            b->mark = aa_xrealloc(b->mark, b->cap, 1);
        }
        if (b->n >= b->cap) {
            b->buf[b->cap - 1] = AA_HOLE;
            over(b, AA_LIMIT_EXPANSION_SIZE);
            return;
        }
        b->buf[b->n] = s[i];
        b->mark[b->n++] = (unsigned char)((m && m[i]) || b->in_param > 0);
    }
}

static void
put_hole(struct bicep *b, int param)
{
    unsigned char m = (unsigned char)param;

    put_m(b, AA_HOLE_STR, &m, 1);
}

/* Give v text at the end of the buffer, as an interpolation would; a
 * number or a boolean never makes a pid, so it is a gap like the rest. */
static void
to_text(struct bicep *b, struct val v)
{
    if (v.kind != V_STR)
        put_hole(b, v.param);
}

static int
has_hole(const struct bicep *b, size_t from, size_t to)
{
    return memchr(b->buf + from, AA_HOLE, to - from) != NULL;
}

static struct val
eval_at(struct bicep *b, size_t tok, int param)
{
    size_t pos = b->pos;
    struct val v;

    b->pos = tok;
    b->in_param += param;
    v = eval_expr(b);
    b->in_param -= param;
    b->pos = pos;
    v.param |= param;
    return v;
}

/* The UTF-8 bytes of code point 'cp' (at most 0x10FFFF) in 'out'. */
static size_t
utf8_put(unsigned long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The text of a string piece with its escapes undone as Bicep undoes them:
 * a name written 'pid-\u{33}f25...' is the pid it spells.  The lexer took
 * only the escapes Bicep takes (escape_len).  A lone surrogate, which
 * UTF-8 cannot hold, is U+FFFD: it is in no pid either way. */
static void
put_piece(struct bicep *b, const struct tok *k)
{
    const char *s = b->text + k->off;
    char u[4];

    for (size_t i = 0; i < k->len; i++) {
        unsigned long cp = 0;
        size_t j;

        if (s[i] != '\\' || i + 1 >= k->len) {
            put_m(b, &s[i], NULL, 1);
            continue;
        }
        i++;
        if (s[i] == 'u') {
            for (j = i + 2; j < k->len && s[j] != '}'; j++)
                cp = cp * 16 + (unsigned long)hex_value(s[j]);
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            put_m(b, u, NULL, utf8_put(cp, u));
            i = j;
            continue;
        }
        u[0] = s[i] == 'n'   ? '\n'
               : s[i] == 'r' ? '\r'
               : s[i] == 't' ? '\t'
                             : s[i];
        put_m(b, u, NULL, 1);
    }
}

/* string = T_STR | T_STR_L expr { T_STR_M expr } T_STR_R */
static struct val
eval_string(struct bicep *b)
{
    const struct tok *t = b->t;
    size_t close = t[b->pos].pair;
    struct val v = {V_STR, 0, 0, 0};

    put_piece(b, &t[b->pos]);
    if (t[b->pos++].t == T_STR)
        return v;
    for (;;) {
        to_text(b, eval_expr(b));
        /* What follows an expression we could not read is skipped. */
        while (b->pos < close && t[b->pos].t != T_STR_M) {
            b->pos = opens(&t[b->pos]) ? t[b->pos].pair + 1 : b->pos + 1;
            spend(b, 1);
        }
        put_piece(b, &t[b->pos]);
        if (b->pos++ >= close)
            return v;
    }
}

/* format('{0}-{1}', a, b) over the argument texts at seg[0..na]. */
static void
format_text(struct bicep *b, const size_t *seg, size_t na)
{
    size_t start = seg[0], total = b->n - start, flen = seg[1] - start;
    char *s = aa_xmalloc(total + 1);
    unsigned char *m = aa_xmalloc(total + 1);

    memcpy(s, b->buf + start, total);
    memcpy(m, b->mark + start, total);
    b->n = start;
    for (size_t i = 0, j, idx; i < flen; i++) {
        if ((s[i] == '{' || s[i] == '}') && i + 1 < flen && s[i + 1] == s[i]) {
            put_m(b, &s[i], &m[i], 1); /* "{{" and "}}" */
            i++;
            continue;
        }
        if (s[i] != '{' || i + 1 >= flen || s[i + 1] < '0' || s[i + 1] > '9') {
            put_m(b, &s[i], &m[i], 1);
            continue;
        }
        for (j = i + 1, idx = 0; j < flen && s[j] >= '0' && s[j] <= '9'; j++)
            idx = idx < 100 ? idx * 10 + (size_t)(s[j] - '0') : idx;
        while (j < flen && s[j] != '}') /* {0,10} and {0:x} */
            j++;
        if (idx + 1 < na)
            put_m(b, s + seg[idx + 1] - start, m + seg[idx + 1] - start,
                  seg[idx + 2] - seg[idx + 1]);
        else
            put_hole(b, 0);
        i = j;
    }
    free(s);
    free(m);
}

static int
fn_is(const struct bicep *b, const struct tok *fn, const char *w)
{
    return fn->len == strlen(w) && same_ci(b->text + fn->off, w, fn->len);
}

/* What empty(), length(), contains() and bool() make of the defaults,
 * so that a pid deployment switched on by a feature list, a GUID or a
 * flag the defaults leave empty or false is off by default (CUA-F10),
 * not the deployer's choice.  An argument's text is at [from, to). */

/* Whether the array or object literal opened at token 'tok' is empty. */
static int
literal_empty(const struct bicep *b, size_t tok)
{
    return skip_nl(b, tok + 1) == b->t[tok].pair;
}

/* The length of a known string, 0 for an empty literal, else -1. */
static long long
known_length(const struct bicep *b, struct val v, size_t from, size_t to)
{
    if (v.kind == V_STR)
        return has_hole(b, from, to) ? -1 : (long long)(to - from);
    if ((v.kind == V_ARR || v.kind == V_OBJ) && literal_empty(b, v.tok))
        return 0;
    return -1;
}

static struct val
known_bool(struct bicep *b, struct val v, size_t from, size_t to, int param)
{
    size_t n = to - from;
    const char *t = b->buf + from;
    struct val r = v;

    if (v.kind == V_STR && !has_hole(b, from, to) &&
        ((n == 4 && same_ci(t, "true", 4)) ||
         (n == 5 && same_ci(t, "false", 5))))
        r = BOOLEAN(n == 4);
    else if (v.kind != V_BOOL)
        r = UNKNOWN(0);
    b->n = from;
    r.param = param;
    return r;
}

/* contains(c, x): a known string holds the text (case counts); an empty
 * array or object holds nothing; anything else is unknown. */
static struct val
known_contains(struct bicep *b, const struct val *arg, const size_t *seg,
               int param)
{
    struct val r = UNKNOWN(param);
    size_t cn = seg[1] - seg[0], xn = seg[2] - seg[1];

    if (arg[0].kind == V_STR && arg[1].kind == V_STR &&
        !has_hole(b, seg[0], seg[2])) {
        r = BOOLEAN(0);
        for (size_t i = 0; !r.num && i + xn <= cn; i++)
            r.num = !memcmp(b->buf + seg[0] + i, b->buf + seg[1], xn);
    } else if ((arg[0].kind == V_ARR || arg[0].kind == V_OBJ) &&
               literal_empty(b, arg[0].tok)) {
        r = BOOLEAN(0);
    }
    b->n = seg[0];
    r.param = param;
    return r;
}

/*
 * call = ident '(' [ expr { ',' expr } ] ')'.  Every argument becomes text
 * as it is read, so the texts lie side by side from seg[i].  The functions
 * that build names fold; any other call is a gap.
 */
static struct val
eval_call(struct bicep *b, const struct tok *fn)
{
    size_t close = b->t[b->pos].pair, seg[MAX_ARGS + 1], na = 0, k;
    struct val arg[MAX_ARGS], v = {V_STR, 0, 0, 0};
    int param = 0, up = fn_is(b, fn, "toUpper");
    const char *h;

    seg[0] = b->n;
    for (b->pos = skip_nl(b, b->pos + 1); b->pos < close;) {
        size_t s = b->n;
        struct val a = eval_expr(b);

        to_text(b, a);
        param |= a.param;
        if (na < MAX_ARGS)
            arg[na++] = a;
        else
            b->n = s;
        seg[na] = b->n;
        b->pos = skip_nl(b, b->pos);
        if (is_op(&b->t[b->pos], ','))
            b->pos = skip_nl(b, b->pos + 1);
        else /* something we do not read: give up on the rest */
            b->pos = close;
    }
    b->pos = close + 1;
    if (na > 0 && (fn_is(b, fn, "concat") || fn_is(b, fn, "string")))
        return v;
    if (na > 0 && fn_is(b, fn, "format")) {
        format_text(b, seg, na);
        return v;
    }
    if (na == 2 && fn_is(b, fn, "take") && arg[1].kind == V_NUM) {
        /* A hole has no known width: a cut past one keeps it, no more. */
        h = memchr(b->buf + seg[0], AA_HOLE, seg[1] - seg[0]);
        k = h ? (size_t)(h - b->buf) : seg[1];
        b->n = seg[0] + (size_t)arg[1].num <= k ? seg[0] + (size_t)arg[1].num
                                                : k + (h != NULL);
        return v;
    }
    if (na == 1 && (up || fn_is(b, fn, "toLower"))) {
        for (k = seg[0]; k < b->n; k++) {
            char c = b->buf[k];

            b->buf[k] = !up                      ? lower(c)
                        : (c >= 'a' && c <= 'z') ? (char)(c - 32)
                                                 : c;
        }
        return v;
    }
    if (na == 1 && fn_is(b, fn, "bool"))
        return known_bool(b, arg[0], seg[0], seg[1], param);
    if (na == 1 && (fn_is(b, fn, "empty") || fn_is(b, fn, "length"))) {
        long long len = known_length(b, arg[0], seg[0], seg[1]);

        b->n = seg[0];
        if (len < 0)
            return UNKNOWN(param);
        v = fn_is(b, fn, "empty") ? BOOLEAN(len == 0)
                                  : (struct val){V_NUM, 0, len, 0};
        v.param = param;
        return v;
    }
    if (na == 2 && fn_is(b, fn, "contains"))
        return known_contains(b, arg, seg, param);
    /* min() and max() of known numbers, such as a switch made of
     * constants, are known; not when arguments past MAX_ARGS were
     * dropped. */
    if (na > 0 && na < MAX_ARGS &&
        (fn_is(b, fn, "min") || fn_is(b, fn, "max"))) {
        int lo = fn_is(b, fn, "min");

        b->n = seg[0];
        for (k = 0; k < na; k++)
            if (arg[k].kind != V_NUM)
                return UNKNOWN(param);
        v = arg[0];
        for (k = 1; k < na; k++)
            if (lo ? arg[k].num < v.num : arg[k].num > v.num)
                v.num = arg[k].num;
        v.param = param;
        return v;
    }
    b->n = seg[0];
    return UNKNOWN(param);
}

static struct val
eval_primary(struct bicep *b)
{
    const struct tok *k = &b->t[b->pos];
    struct sym *y;
    size_t start = b->n;
    struct val v = {V_UNK, 0, 0, 0};

    spend(b, 1);
    if (k->t == T_STR || k->t == T_STR_L)
        return eval_string(b);
    if ((k->t == T_IDENT && is_op(k + 1, 'L')) ||
        (is_op(k, '(') && is_op(&b->t[k->pair + 1], 'L'))) {
        b->pos = (k->t == T_IDENT ? b->pos : k->pair) + 2; /* a lambda */
        (void)eval_expr(b);
        b->n = start;
    } else if (k->t == T_IDENT && is_op(k + 1, '(')) {
        b->pos++;
        return eval_call(b, k);
    } else if (k->t == T_IDENT) {
        b->pos++;
        if (is_word(b, k, "true") || is_word(b, k, "false"))
            return BOOLEAN(is_word(b, k, "true"));
        if (is_word(b, k, "null"))
            v.kind = V_NULL;
        /* Anything but a var or a param is a resource, a module, a loop
         * variable or a lambda argument: unknown. */
        if ((y = find_sym(b, k)) == NULL)
            return v;
        step(b, y);
        b->saw_param += y->param;
        /* A var defined through itself is no value Bicep accepts. */
        if (y->val == 0 || y->busy || !can_work(b))
            return UNKNOWN(y->param);
        y->busy = 1;
        v = eval_at(b, y->val, y->param);
        y->busy = 0;
        return v;
    } else if (is_op(k, '(')) {
        b->pos = skip_nl(b, b->pos + 1);
        v = eval_expr(b);
        b->pos = k->pair + 1;
    } else if (k->t == T_MSTR || k->t == T_NUM) {
        v.kind = k->t == T_MSTR ? V_STR : V_NUM;
        for (size_t i = 0;
             k->t == T_NUM && i < k->len && v.num < (long long)b->max_text; i++)
            v.num = v.num * 10 + (b->text[k->off + i] - '0');
        if (k->t == T_MSTR)
            put_m(b, b->text + k->off, NULL, k->len);
        b->pos++;
    } else if (is_op(k, '{') || is_op(k, '[')) {
        v.kind = k->op == '{' ? V_OBJ : V_ARR;
        v.tok = b->pos;
        b->pos = k->pair + 1;
    }
    return v; /* with no progress, the caller's bracket or line ends it */
}

/* postfix = primary { '.' ident | '.?' ident | '[' expr ']' | '!' | ... } */
static struct val
eval_postfix(struct bicep *b)
{
    size_t start = b->n, i;
    struct val v = eval_primary(b);

    for (;;) {
        const struct tok *k = &b->t[b->pos];

        if ((is_op(k, '.') || is_op(k, 'Q')) && k[1].t == T_IDENT &&
            !is_op(&k[2], '(')) {
            /* A property of an object literal, such as a param's default
             * { tracking: 'pid-...' } (F09). */
            b->pos += 2;
            i = v.kind == V_OBJ && can_work(b)
                    ? find_prop(b, v.tok, b->text + k[1].off, k[1].len)
                    : 0;
            b->n = start;
            v = i ? eval_at(b, i, v.param) : UNKNOWN(v.param);
        } else if (is_op(k, '!')) { /* non-null assertion */
            b->pos++;
        } else if (is_op(k, '[') || is_op(k, 'D') || is_op(k, '.') ||
                   is_op(k, 'Q')) { /* x[i], x::child, x.f(...) */
            b->pos =
                is_op(k, '[') ? k->pair + 1 : b->pos + 1 + (k[1].t == T_IDENT);
            if (is_op(&b->t[b->pos], '('))
                b->pos = b->t[b->pos].pair + 1;
            b->n = start;
            v = UNKNOWN(v.param);
        } else {
            return v;
        }
    }
}

/* unary = { '-' } { '!' } postfix, in loops so that "!!!!...x" costs no
 * stack; a '-' before a number negates it ("max(0, -1)" is 0). */
static struct val
eval_unary(struct bicep *b)
{
    size_t start = b->n, nots = 0, negs = 0;
    struct val v;

    for (; is_op(&b->t[b->pos], '-'); b->pos++)
        negs++;
    for (; is_op(&b->t[b->pos], '!'); b->pos++)
        nots++;
    v = eval_postfix(b);
    if (nots == 0 && negs == 0)
        return v;
    b->n = start;
    if (negs > 0) {
        if (nots > 0 || v.kind != V_NUM)
            return UNKNOWN(v.param);
        v.num = negs & 1 ? -v.num : v.num;
        return v;
    }
    if (v.kind != V_BOOL)
        return UNKNOWN(v.param);
    v.num ^= (long long)(nots & 1);
    return v;
}

/* l op r, with l's text at [start, mid) and r's at [mid, b->n). */
static struct val
combine(struct bicep *b, char op, struct val l, struct val r, size_t start,
        size_t mid)
{
    struct val v = UNKNOWN(0);
    long long decides = op == 'O'; /* the value that settles || or && */
    size_t n = mid - start;
    int eq = -1;

    if (op == 'A' || op == 'O') {
        if ((l.kind == V_BOOL && l.num == decides) ||
            (r.kind == V_BOOL && r.num == decides))
            v = BOOLEAN(decides);
        else if (l.kind == V_BOOL && r.kind == V_BOOL)
            v = BOOLEAN(!decides);
    } else if (strchr("ENen", op) && l.kind != V_UNK && r.kind != V_UNK &&
               l.kind < V_OBJ && r.kind < V_OBJ && !has_hole(b, start, b->n)) {
        if (l.kind != r.kind)
            eq = 0;
        else if (l.kind != V_STR)
            eq = l.num == r.num;
        else
            eq = n == b->n - mid &&
                 ((op == 'e' || op == 'n')
                      ? same_ci(b->buf + start, b->buf + mid, n)
                      : !memcmp(b->buf + start, b->buf + mid, n));
        v = BOOLEAN((op == 'E' || op == 'e') == eq);
    } else if (strchr("<>lg", op) && l.kind == V_NUM && r.kind == V_NUM) {
        v = BOOLEAN(op == '<'   ? l.num < r.num
                    : op == '>' ? l.num > r.num
                    : op == 'l' ? l.num <= r.num
                                : l.num >= r.num);
    }
    b->n = start;
    v.param = l.param | r.param;
    return v;
}

/* binary = unary { binop unary }, by precedence climbing */
static struct val
eval_binary(struct bicep *b, int min)
{
    size_t start = b->n, mid;
    struct val l = eval_unary(b), r;
    int lv;
    char op;

    for (;;) {
        join_lines(b);
        op = b->t[b->pos].t == T_OP ? b->t[b->pos].op : '\0';
        for (lv = 4; lv >= 0 && !(op && strchr(levels[lv], op)); lv--)
            ;
        if (lv < min)
            return l;
        b->pos = skip_nl(b, b->pos + 1);
        mid = b->n;
        r = eval_binary(b, lv + 1);
        l = combine(b, op, l, r, start, mid);
    }
}

/* expr = binary [ '?' expr ':' expr ] */
static struct val
eval_expr(struct bicep *b)
{
    size_t start = b->n, mid;
    struct val c, x, y = UNKNOWN(0);
    int saw;

    if (b->depth >= b->max_depth) { /* skip to what ends it at this level */
        over(b, AA_LIMIT_EXPANSION_DEPTH);
        for (const struct tok *k = &b->t[b->pos];
             !(k->t == T_EOF || k->t == T_NL || k->t == T_STR_M ||
               k->t == T_STR_R || (k->t == T_OP && strchr(",)]}:", k->op)));
             k = &b->t[b->pos]) {
            b->pos = opens(k) ? k->pair + 1 : b->pos + 1;
            spend(b, 1);
        }
        return y;
    }
    b->depth++;
    saw = b->saw_param;
    c = eval_binary(b, 0);
    join_lines(b);
    if (is_op(&b->t[b->pos], '?')) {
        if (c.param || b->saw_param != saw) {
            int on = aa_switch_take(&b->sw, c.kind == V_BOOL ? c.num != 0 : -1);

            if (on >= 0) {
                c.kind = V_BOOL;
                c.num = on;
            }
        }
        b->n = start;
        b->pos = skip_nl(b, b->pos + 1);
        x = eval_expr(b);
        mid = b->n;
        join_lines(b);
        if (is_op(&b->t[b->pos], ':')) {
            b->pos = skip_nl(b, b->pos + 1);
            y = eval_expr(b);
        }
        if (c.kind != V_BOOL) {
            b->n = start;
            c = UNKNOWN(c.param | x.param | y.param);
        } else if (c.num) {
            b->n = mid;
            c = x;
        } else {
            memmove(b->buf + start, b->buf + mid, b->n - mid);
            memmove(b->mark + start, b->mark + mid, b->n - mid);
            b->n -= mid - start;
            c = y;
        }
    }
    b->depth--;
    return c;
}

/* ---- deployments ---------------------------------------------------- */

/* The param a name is as a whole, directly or through vars, or NULL. */
static const struct sym *
whole_param(const struct bicep *b, size_t i)
{
    for (size_t hops = 0; hops < b->max_depth; hops++) {
        const struct tok *k = &b->t[i], *nx = k + 1;
        const struct sym *y;

        if (k->t != T_IDENT || !(nx->t == T_NL || nx->t == T_EOF ||
                                 is_op(nx, '}') || is_op(nx, ',')))
            return NULL;
        if ((y = find_sym(b, k)) == NULL || y->param || y->val == 0)
            return y && y->param ? y : NULL;
        i = y->val;
    }
    return NULL;
}

/* "pid", "pidStart", "_pidEnd", "cuaPid", but not "rapid". */
static int
pidish(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if ((i == 0 || s[i] == 'P' || s[i - 1] == '_') &&
            starts_ci(s + i, n - i, "pid"))
            return 1;
    return 0;
}

static void
hit(struct bicep *b, enum aa_detect d, size_t off, const char *subj, size_t n)
{
    aa_scan_hit(b->s, b->f, d, b->text, off, subj, n);
}

/* The name at token name evaluated into b->buf with the conditionals of
 * sw->flip turned, what it met of them in the rest of sw (aa_switch_take),
 * and its form. */
static enum aa_pid_form
name_text(struct bicep *b, size_t name, struct aa_switches *sw)
{
    char g[37];

    b->n = 0;
    b->sw = *sw;
    to_text(b, eval_at(b, name, 0));
    *sw = b->sw;
    memset(&b->sw, 0, sizeof(b->sw));
    return aa_pid_classify(b->buf, b->n, g);
}

/* A name to evaluate under switches (aa_switch_effect). */
struct name_at {
    struct bicep *b;
    size_t name;
    unsigned flip; /* of the last evaluation, which b->buf holds */
};

static int
valid_at(void *ctx, struct aa_switches *sw)
{
    struct name_at *n = ctx;

    n->flip = sw->flip;
    return aa_pid_counts(name_text(n->b, n->name, sw));
}

/*
 * A deployment's name, evaluated into b->buf: report its form and what its
 * condition (the '(' at token cond, or 0) and its loop's count (a literal
 * array or range()'s count at token count, or 0) do by default; and what a
 * param's conditional in the name does (name_switch, aa_switch_effect).
 */
static void
judge(struct bicep *b, size_t name, size_t sym, size_t cond, size_t count,
      enum aa_switch_effect name_switch)
{
    static const enum aa_detect by_form[] = {
        [AA_PID_VALID] = AA_D_PID_ROOT,
        [AA_PID_PARTNERCENTER] = AA_D_PID_ROOT,
        [AA_PID_ZERO] = AA_D_PID_ZERO_GUID,
        [AA_PID_NO_PREFIX] = AA_D_PID_NO_PREFIX,
        [AA_PID_BAD_GUID] = AA_D_PID_BAD_GUID,
        [AA_PID_UNRESOLVED] = AA_D_PID_UNRESOLVED,
        [AA_PID_PLACEHOLDER] = AA_D_PID_PLACEHOLDER,
        [AA_PID_NOT_LEADING] = AA_D_PID_NOT_LEADING,
        [AA_PID_AVM] = AA_D_AVM_TELEMETRY,
    };
    const struct sym *whole = whole_param(b, name);
    size_t off = b->t[name].at, n = 0;
    const char *subj = b->buf;
    char guid[37];
    enum aa_pid_form form;
    int param, valid, ok, off_said = 0;
    struct val c;

    for (size_t i = 0; i < b->n; i++) { /* one hole for a run of gaps */
        if (b->buf[i] == AA_HOLE && n > 0 && b->buf[n - 1] == AA_HOLE) {
            b->mark[n - 1] |= b->mark[i];
        } else {
            b->buf[n] = b->buf[i];
            b->mark[n++] = b->mark[i];
        }
    }
    b->n = n;
    form = aa_pid_classify(b->buf, n, guid);
    valid = aa_pid_counts(form);
    param = memchr(b->mark, 1, n < PID_HEAD ? n : PID_HEAD) != NULL;
    ok = valid && !param;
    if (form == AA_PID_NOT_PID) {
        /* A param whose default is a sentinel such as 'pid' (F22): the
         * real name comes from the deployer, if at all. */
        int pid_sym = sym && pidish(b->text + b->t[sym].off, b->t[sym].len);

        /* A name that is wholly a param with no default is the deployer's
         * to give, whatever it is called: the file carries no pid there,
         * as ARM's [parameters('x')] carries none (docs/scan.md). */
        if (whole != NULL && whole->val == 0)
            return;

        /* So is a name nothing here tells (loaded from a file, a module's
         * output) on a deployment its author named for a pid. */
        if (!(whole != NULL && (starts_ci(b->buf, n, "pid") ||
                                pidish(whole->name, whole->n) || pid_sym)) &&
            !(pid_sym && n == 1 && b->buf[0] == AA_HOLE))
            return;
        subj = AA_HOLE_STR;
        hit(b, AA_D_PID_UNRESOLVED, off, subj, 1);
        form = AA_PID_UNRESOLVED;
    } else if (valid && n > MAX_NAME && !has_hole(b, 0, n)) {
        /* ARM rejects the whole deployment, so the pid never lands: it is
         * no root pid, only a name that is too long (as in scan_arm.c). */
        hit(b, AA_D_PID_TOO_LONG, off, b->buf, n);
        b->cua = 1;
        return;
    } else {
        hit(b, by_form[form], off, b->buf, n);
    }
    b->cua = 1;
    if (valid && param)
        hit(b, AA_D_PID_PARAMETER, off, b->buf, n);
    if (valid && !b->guid[0])
        memcpy(b->guid, guid, sizeof(guid));
    else if (valid && guid[0] && strcmp(guid, b->guid) != 0 &&
             !aa_scan_has(b->f, AA_D_PID_SEVERAL))
        hit(b, AA_D_PID_SEVERAL, off, b->buf, n);
    /* ARM rejects the whole deployment, so the pid never lands. */
    if (form != AA_PID_AVM && n > MAX_NAME && !has_hole(b, 0, n)) {
        hit(b, AA_D_PID_TOO_LONG, off, b->buf, n);
        return;
    }
    if (!valid && form != AA_PID_UNRESOLVED)
        return;
    if (cond) { /* evaluated after the name, which stays the subject */
        int in_buf = subj == b->buf;

        off = b->t[skip_nl(b, cond + 1)].at;
        n = in_buf ? n : 1;
        b->saw_param = 0;
        c = eval_at(b, cond, 0);
        if (in_buf) /* the buffer may have moved as it grew */
            subj = b->buf;
        /* A condition we cannot evaluate is most often a switch the
         * deployer sets (a param with no default, a module output).
         * Calling it off by default would put a working pid at risk on no
         * evidence, so it counts as an opt-out and the verdict stands. */
        if (c.kind == V_BOOL && !c.num) {
            hit(b, AA_D_PID_OFF_BY_DEFAULT, off, subj, n);
            ok = 0;
            off_said = 1;
        } else if (c.kind != V_BOOL || c.param || b->saw_param) {
            hit(b, AA_D_PID_OPT_OUT, off, subj, n);
        }
    }
    /* The name is the switch: its pid is there or not by a param. */
    if (name_switch == AA_SWITCH_ON_ONLY && !off_said) {
        hit(b, AA_D_PID_OFF_BY_DEFAULT, b->t[name].at, subj, n);
        ok = 0;
    } else if (name_switch == AA_SWITCH_OFF_ABLE && !cond) {
        hit(b, AA_D_PID_OPT_OUT, b->t[name].at, subj, n);
    }
    if (count && ok) { /* a loop that may run no time deploys no pid */
        int in_buf = subj == b->buf;

        off = b->t[count].at;
        n = in_buf ? n : 1;
        b->saw_param = 0;
        c = eval_at(b, count, 0);
        if (in_buf)
            subj = b->buf;
        if ((c.kind == V_NUM && c.num <= 0) ||
            (c.kind == V_ARR && skip_nl(b, c.tok + 1) == b->t[c.tok].pair)) {
            hit(b, AA_D_PID_OFF_BY_DEFAULT, off, subj, n);
            ok = 0;
        } else if (c.param || b->saw_param) {
            hit(b, AA_D_PID_OPT_OUT, off, subj, n);
        }
    }
    if (ok)
        b->valid = 1;
    else
        b->risky = 1;
}

/* value = [ 'if' '(' expr ')' ] object
 *       | '[' 'for' ... ':' [ 'if' '(' expr ')' ] object ']'
 * Line breaks (and the comments the lexer left as them) may come before
 * the value, the condition and the body: "bicep format" breaks a long
 * declaration after its '=', and the layout never decides whether a
 * deployment exists. */
static size_t
find_body(const struct bicep *b, size_t i, size_t *cond, size_t *count)
{
    const struct tok *t = b->t;

    i = skip_nl(b, i);
    if (is_op(&t[i], '[')) { /* a loop: the body follows the first ':' */
        size_t end = t[i].pair;

        for (i++; i < end && !is_op(&t[i], ':');) {
            /* What sets the number of deployments: the array looped
             * over (a literal, or a variable or parameter that holds
             * one), or the count of range(start, count). */
            if (is_word(b, &t[i], "in")) {
                size_t e = skip_nl(b, i + 1), c;

                if (!(is_word(b, &t[e], "range") &&
                      is_op(&t[skip_nl(b, e + 1)], '(')))
                    *count = e;
                else if (is_word(b, &t[e], "range") &&
                         is_op(&t[c = skip_nl(b, e + 1)], '(')) {
                    for (size_t k = c + 1; k < t[c].pair;
                         k = opens(&t[k]) ? t[k].pair + 1 : k + 1)
                        if (is_op(&t[k], ',')) {
                            *count = skip_nl(b, k + 1);
                            break;
                        }
                }
            }
            i = opens(&t[i]) ? t[i].pair + 1 : i + 1;
        }
        if (i >= end)
            return 0;
        i = skip_nl(b, i + 1);
    }
    if (is_word(b, &t[i], "if") && is_op(&t[skip_nl(b, i + 1)], '(')) {
        *cond = skip_nl(b, i + 1);
        i = skip_nl(b, t[*cond].pair + 1);
    }
    return is_op(&t[i], '{') ? i : 0;
}

/* resource ident string [ 'existing' ] '=' value
 * module ident string '=' value */
static void
check_decl(struct bicep *b, size_t kw)
{
    const struct tok *t = b->t, *path = NULL;
    size_t i = kw + 1, sym = 0, cond = 0, count = 0, body, name;
    int module = is_word(b, &t[kw], "module"), existing = 0;
    enum aa_switch_effect sw;
    struct name_at at;
    unsigned shown;
    const char *p;

    aa_scan_steps_begin(b->s, b->f);
    /* The first step is the declaration itself: "which one" comes first
     * when a file holds many. */
    aa_scan_step(b->s, b->f, b->text, t[kw].at,
                 b->text + t[t[i].t == T_IDENT ? i : kw].off,
                 t[t[i].t == T_IDENT ? i : kw].len);
    if (t[i].t == T_IDENT)
        sym = i++;
    if (t[i].t == T_STR)
        path = &t[i++];
    if (is_word(b, &t[i], "existing")) {
        existing = 1;
        i++;
    }
    if (!is_op(&t[i], '='))
        return;
    b->decls++;
    p = path ? b->text + path->off : "";
    /* A local module is a child this file deploys; registry modules
     * (br/..., br:..., ts/..., ts:...) are not files we can scan. */
    if (module && path && path->len > 0 &&
        !(path->len >= 3 && (p[2] == '/' || p[2] == ':') &&
          (starts_ci(p, 2, "br") || starts_ci(p, 2, "ts"))))
        aa_scan_link(b->s, b->f, p, path->len);
    body = find_body(b, i + 1, &cond, &count);
    if (body == 0 || existing ||
        !(module || (path && starts_ci(p, path->len,
                                       "Microsoft.Resources/deployments@"))))
        return;
    if ((name = find_prop(b, body, "name", 4)) == 0)
        return; /* Bicep makes up a module's name: never a pid */
    /* A name that a param's conditional makes a pid or not: what each
     * set of conditionals taken the other way gives (as scan_arm.c). */
    at.b = b;
    at.name = name;
    sw = aa_switch_effect(valid_at, &at, &shown);
    /* judge reads the name as judged from b->buf. */
    if (at.flip != shown) {
        struct aa_switches again = {shown, 0, 0, 0};

        (void)name_text(b, name, &again);
    }
    judge(b, name, sym, cond, count, sw);
}

int
aa_scan_bicep(struct aa_scan *s, struct aa_scan_file *f, const char *text,
              size_t len, struct aa_diags *dl)
{
    struct bicep b = {0};
    int rc = -1;
    char *copy = NULL;

    /* A lone carriage return ends a line for Bicep as a line feed does:
     * read a copy where it is one (kept with the scan, which may point
     * into the text it read). */
    for (const char *cr = memchr(text, '\r', len); cr != NULL;
         cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - text))) {
        size_t i = (size_t)(cr - text);

        if (i + 1 < len && cr[1] == '\n')
            continue;
        if (copy == NULL) {
            copy = aa_arena_alloc(&s->arena, len + 1);
            memcpy(copy, text, len);
            copy[len] = '\0';
        }
        copy[i] = '\n';
    }
    if (copy != NULL)
        text = copy;
    b.s = s;
    b.f = f;
    b.text = text;
    b.len = len;
    b.pid_comment = (size_t)-1;
    b.work = aa_limit(AA_LIMIT_EXPANSION_WORK);
    b.max_depth = aa_limit(AA_LIMIT_EXPANSION_DEPTH);
    b.max_text = aa_limit(AA_LIMIT_EXPANSION_SIZE);
    lex(&b);
    if (b.err != NULL) {
        char ch[5] = {' ', '\'', b.err_ch, '\'', '\0'};

        aa_diag_add(dl, AA_E_ARTIFACT,
                    aa_loc_of_offset(f->path, text, b.err_at), NULL,
                    "malformed Bicep: %s%s", b.err, b.err_ch ? ch : "");
        f->status = AA_SCAN_NOT_ATTRIBUTED;
        goto out;
    }
    b.cap = b.max_text < 1024 ? b.max_text : 1024;
    b.buf = aa_xmalloc(b.cap);
    b.mark = aa_xmalloc(b.cap);
    /* Params and vars first, since a name may use a var declared below. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = stmt_start(&b, 0), end; b.t[i].t != T_EOF;
             i = stmt_start(&b, end)) {
            end = stmt_end(&b, i);
            if (pass == 0)
                add_sym(&b, i, end);
            else if (is_word(&b, &b.t[i], "resource") ||
                     is_word(&b, &b.t[i], "module"))
                check_decl(&b, i);
        }
        if (pass == 0 && b.nsyms > 0)
            qsort(b.syms, b.nsyms, sizeof(*b.syms), cmp_sym);
    }
    /* A pid only in a comment was a deployment once: say so, not "none". */
    if (b.pid_comment != (size_t)-1 && !aa_scan_has(f, AA_D_PID_ROOT)) {
        hit(&b, AA_D_PID_COMMENTED_OUT, b.pid_comment, text + b.pid_comment,
            PID_HEAD);
        b.cua = 1;
    }
    if (b.decls > 0 && !b.cua)
        hit(&b, AA_D_PID_NONE, (size_t)-1, NULL, 0);
    f->status = b.valid            ? AA_SCAN_ATTRIBUTED
                : b.risky          ? AA_SCAN_AT_RISK
                : b.decls || b.cua ? AA_SCAN_NOT_ATTRIBUTED
                                   : AA_SCAN_CONTEXT;
    if (b.over)
        aa_scan_note_limit(s, f, dl, text, b.over_at, b.over_limit);
    rc = 0;
out:
    free(b.buf);
    free(b.mark);
    free(b.syms);
    free(b.open);
    free(b.t);
    return rc;
}
