/*
 * scan_tf.c -- CUA evidence in Terraform (HCL native syntax): partner_id
 * on azurerm/azapi provider blocks (CUA-F12, F13), pid- ARM deployments
 * that Terraform creates, and AVM modtm telemetry.
 *
 * Two stages.  lex() turns the whole text into tokens, templates included:
 * as in HashiCorp's scanner, a quoted string is OQUOTE, literal parts and
 * interpolations, then a closer, so "${ "}" }" needs no special case.  It
 * pairs every opener with its closer and is the only stage that rejects a
 * file.  The parser then walks the tokens by items (attributes, blocks)
 * and partially evaluates the few expressions that matter: what it cannot
 * know (a variable without default, a function call) becomes AA_HOLE.
 *
 * A module's override files are merged as Terraform merges them: a file's
 * tokens are read with theirs after them (merge_view), an attribute of a
 * top-level block is looked up first in the override blocks of the same
 * type and labels (find_attr), and their variable defaults and locals
 * come before any other (lookup_decl).
 *
 * Invariant: once lex() succeeds, every opener's 'pair' is its closer's
 * index and nesting is at most MAX_NEST, so any construct is skipped in
 * one step and no later stage reads past a closer.
 *
 * Evaluation is bounded by the limits expansion-depth (expressions inside
 * each other, through variables and locals), expansion-size (one string
 * value: past it, a hole) and expansion-work (expressions evaluated and
 * bytes of string values built, per file); a variable or local is
 * evaluated once, so they cannot multiply work.  One note says which
 * bound, if any, was reached.
 *
 *   body      := { NL | attribute | block }
 *   attribute := IDENT '=' expr NL
 *   block     := IDENT { template | IDENT } '{' body '}'
 *   expr      := binary [ '?' expr ':' expr ]
 *   binary    := { '!' | '-' } postfix { BINOP { '!' | '-' } postfix }
 *   postfix   := primary { '.' (IDENT | NUMBER | '*') | '[' ... ']' }
 *   primary   := template | NUMBER | IDENT '(' ... ')' | IDENT
 *              | '(' expr ')' | '[' ... ']' | '{' ... '}'
 *   template  := (OQUOTE | OHEREDOC) { LIT | INTERP expr CLOSE
 *              | DIRECTIVE ... CLOSE } CLOSE
 */
#include "scan.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hashset.h"
#include "limits.h"

#define MAX_NEST 256 /* brackets and templates inside each other */
#define MAX_SUBJECT 200
#define MAX_JSON 8 /* templates nested in a template_body */
#define NONE ((size_t)-1)

/* Openers first: an opener's pair is its closer, whatever that is. */
enum tok_type {
    T_LBRACE,
    T_LBRACK,
    T_LPAREN,
    T_OQUOTE,
    T_OHEREDOC,
    T_INTERP,
    T_DIRECTIVE,
    T_CLOSE,
    T_NL,
    T_IDENT,
    T_NUMBER,
    T_OP,
    T_LIT,
    T_HLIT
}; /* T_LIT is quoted text with backslash escapes, T_HLIT heredoc text */

/* 16 bytes: a module's files are lexed by the thousand, and what their
 * declarations need is kept (lex_file refuses a text of 4 GiB). */
struct tok {
    enum tok_type type;
    uint32_t off, end; /* bytes of the text */
    uint32_t pair;     /* opener <-> closer; NOPAIR for other tokens */
};

#define NOPAIR UINT32_MAX

struct lexer {
    const char *text;
    size_t len, pos;
    struct tok *v;
    size_t n, cap;
    struct {
        size_t tok, moff, mlen; /* heredocs: where the marker is */
    } st[MAX_NEST];             /* the open constructs */
    size_t depth;
    const char *err;
    size_t err_off;
};

/* ---- lexer ---------------------------------------------------------- */

static char
at(const struct lexer *lx, size_t i)
{
    return i < lx->len ? lx->text[i] : '\0';
}

static size_t
emit(struct lexer *lx, enum tok_type type, size_t off, size_t end)
{
    if (lx->n == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 256;
        lx->v = aa_xrealloc(lx->v, lx->cap, sizeof(*lx->v));
    }
    if (end > off || (type != T_LIT && type != T_HLIT)) /* no empty text */
        lx->v[lx->n++] =
            (struct tok){type, (uint32_t)off, (uint32_t)end, NOPAIR};
    return lx->n - 1;
}

static int
fail(struct lexer *lx, size_t off, const char *msg)
{
    lx->err = msg;
    lx->err_off = off;
    return -1;
}

static int
push(struct lexer *lx, enum tok_type type, size_t off, size_t end)
{
    if (lx->depth == MAX_NEST)
        return fail(lx, off, "nested more than 256 levels deep");
    lx->st[lx->depth++].tok = emit(lx, type, off, end);
    return 0;
}

static void
pop(struct lexer *lx, size_t off, size_t end)
{
    size_t open = lx->st[--lx->depth].tok, close = emit(lx, T_CLOSE, off, end);

    lx->v[open].pair = (uint32_t)close;
    lx->v[close].pair = (uint32_t)open;
}

static int
is_ident(char c, int first)
{
    return isalpha((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80 ||
           (!first && (isdigit((unsigned char)c) || c == '-'));
}

/* Offset just past the closing marker when the line at 'pos' is one.  The
 * marker may be indented, and CRLF files end it with "\r\n". */
static size_t
heredoc_end(const struct lexer *lx, size_t pos)
{
    size_t i = pos, e, moff = lx->st[lx->depth - 1].moff,
           mlen = lx->st[lx->depth - 1].mlen;

    while (at(lx, i) == ' ' || at(lx, i) == '\t')
        i++;
    if (i + mlen > lx->len || memcmp(lx->text + i, lx->text + moff, mlen))
        return NONE;
    for (e = i += mlen;
         at(lx, i) == ' ' || at(lx, i) == '\t' || at(lx, i) == '\r';)
        i++;
    return (i == lx->len || lx->text[i] == '\n') ? e : NONE;
}

/* Inside a quoted string or a heredoc: literal text up to its end or to
 * "${" or "%{" ("$${" and "%%{" are literal).  A quoted string is one
 * line; at its newline lex() reports the open quote. */
static int
lex_template(struct lexer *lx, int heredoc)
{
    enum tok_type lit = heredoc ? T_HLIT : T_LIT;
    size_t start = lx->pos, pos = lx->pos, e = NONE;
    char c = '\0';

    for (; pos < lx->len && (heredoc || lx->text[pos] != '\n'); pos++) {
        c = lx->text[pos];
        if (heredoc && (pos == 0 || lx->text[pos - 1] == '\n'))
            e = heredoc_end(lx, pos);
        else if (!heredoc && c == '"')
            e = pos + 1;
        if (e != NONE || ((c == '$' || c == '%') && at(lx, pos + 1) == '{'))
            break;
        if ((c == '$' || c == '%') && at(lx, pos + 1) == c &&
            at(lx, pos + 2) == '{')
            pos += 2;
        else if (!heredoc && c == '\\' && at(lx, pos + 1) != '\n')
            pos++;
    }
    pos = pos < lx->len ? pos : lx->len;
    emit(lx, lit, start, pos);
    lx->pos =
        pos < lx->len && (heredoc || lx->text[pos] != '\n') ? pos : lx->len;
    if (e != NONE) {
        pop(lx, pos, e);
        lx->pos = e;
    } else if (lx->pos < lx->len) {
        lx->pos = pos + 2 + (at(lx, pos + 2) == '~'); /* "~": strip blanks */
        return push(lx, c == '$' ? T_INTERP : T_DIRECTIVE, pos, pos + 2);
    }
    return 0;
}

/* "<<EOF" or "<<-EOF" then the end of the line open a heredoc; 0 when
 * the "<<" at p is something else. */
static int
lex_heredoc_open(struct lexer *lx, size_t p, int *rc)
{
    size_t m = p + 2 + (at(lx, p + 2) == '-'), e = m, i;

    if (!is_ident(at(lx, m), 1))
        return 0;
    while (is_ident(at(lx, e), 0))
        e++;
    for (i = e; at(lx, i) == ' ' || at(lx, i) == '\t' || at(lx, i) == '\r';)
        i++;
    if (at(lx, i) != '\n')
        return 0;
    lx->pos = i + 1;
    if ((*rc = push(lx, T_OHEREDOC, p, i + 1)) == 0) {
        lx->st[lx->depth - 1].moff = m;
        lx->st[lx->depth - 1].mlen = e - m;
    }
    return 1;
}

/* Whether the last token is an operator that an expression cannot end
 * with, so that the expression goes on past the newline.  Terraform asks
 * for parentheses around a conditional written across lines; partners
 * leave them out, and the file means the same either way.  A splat's
 * '*' ends an expression ("x.*"). */
static int
continues(const struct lexer *lx)
{
    const struct tok *t = lx->n ? &lx->v[lx->n - 1] : NULL;
    char c;

    if (t == NULL || t->type != T_OP)
        return 0;
    c = lx->text[t->off];
    if (c == '*' && lx->n >= 2 && lx->v[lx->n - 2].type == T_OP &&
        lx->text[lx->v[lx->n - 2].off] == '.')
        return 0;
    return strchr("?:+-*/%<>!=&|", c) != NULL &&
           !(c == '=' && t->end - t->off == 1);
}

/* One token, blank or comment of code; 'm' is the innermost construct. */
static int
lex_code(struct lexer *lx, enum tok_type m)
{
    static const char opens[] = "{[(", closes[] = "}])";
    static const char *const unbalanced[] = {"unbalanced '}'", "unbalanced ']'",
                                             "unbalanced ')'"};
    static const char *const ops2[] = {"==", "!=", "<=", ">=", "&&", "||"};
    size_t p = lx->pos;
    char c = lx->text[p], d;
    const char *k, *e, *blank;
    int rc = 0;

    /* Blanks come in runs: indentation, alignment before '='. */
    if (c == ' ' || c == '\t') {
        while (++lx->pos < lx->len &&
               (lx->text[lx->pos] == ' ' || lx->text[lx->pos] == '\t'))
            ;
        return 0;
    }
    /* Newlines end attributes; inside (), [] and ${} they do not, nor
     * after an operator that wants a right side: layout says nothing. */
    if (c == '\n' && m == T_LBRACE && !continues(lx))
        emit(lx, T_NL, p, p + 1);
    lx->pos++;
    if (isspace((unsigned char)c))
        return 0;
    d = at(lx, p + 1);
    k = c ? strchr(closes, c) : NULL;
    if (c == '/' && d == '*') {
        for (lx->pos = p + 2;
             lx->pos + 1 < lx->len && memcmp(lx->text + lx->pos, "*/", 2) != 0;)
            lx->pos++;
        lx->pos += 2;
        return lx->pos > lx->len ? fail(lx, p, "unterminated /* comment") : 0;
    }
    if (c == '#' || (c == '/' && d == '/')) {
        e = memchr(lx->text + p, '\n', lx->len - p);
        lx->pos = e ? (size_t)(e - lx->text) : lx->len;
        return 0;
    }
    if (c == '"')
        return push(lx, T_OQUOTE, p, p + 1);
    if (c && strchr(opens, c))
        return push(lx, (enum tok_type)(strchr(opens, c) - opens), p, p + 1);
    if (c == '}' && (m == T_INTERP || m == T_DIRECTIVE)) {
        pop(lx, p, p + 1);
        return 0;
    }
    if (k != NULL) {
        if (lx->depth == 0 || m != (enum tok_type)(k - closes))
            return fail(lx, p, unbalanced[k - closes]);
        pop(lx, p, p + 1);
        return 0;
    }
    if (c == '~' && d == '}')
        return 0; /* strip marker before a template's closing brace */
    if (c == '<' && d == '<' && lex_heredoc_open(lx, p, &rc))
        return rc;
    if ((unsigned char)c >= 0x80 &&
        (blank = aa_invisible_blank(lx->text + p, lx->len - p)) != NULL)
        return fail(lx, p, blank);
    if (is_ident(c, 1) || isdigit((unsigned char)c)) {
        while ((is_ident(at(lx, lx->pos), 0) &&
                aa_invisible_blank(lx->text + lx->pos, lx->len - lx->pos) ==
                    NULL) ||
               (isdigit((unsigned char)c) && at(lx, lx->pos) == '.' &&
                isdigit((unsigned char)at(lx, lx->pos + 1))))
            lx->pos++;
        emit(lx, isdigit((unsigned char)c) ? T_NUMBER : T_IDENT, p, lx->pos);
        return 0;
    }
    for (size_t i = 0; i < sizeof(ops2) / sizeof(*ops2); i++)
        if (c == ops2[i][0] && d == ops2[i][1])
            lx->pos = p + 2;
    /* "cond\n ? a\n : b": the newline before '?' or ':' after a value
     * does not end the attribute either. */
    if ((c == '?' || c == ':') && lx->n >= 2 && lx->v[lx->n - 1].type == T_NL &&
        (lx->v[lx->n - 2].type == T_IDENT ||
         lx->v[lx->n - 2].type == T_NUMBER || lx->v[lx->n - 2].type == T_CLOSE))
        lx->n--;
    emit(lx, T_OP, p, lx->pos); /* unknown bytes too: only HCL rejects them */
    return 0;
}

static int
lex(struct lexer *lx)
{
    static const char *const unclosed[] = {
        "unclosed '{'",        "unclosed '['",         "unclosed '('",
        "unterminated string", "unterminated heredoc", "unterminated ${",
        "unterminated %{"};

    while (lx->pos < lx->len) {
        enum tok_type m =
            lx->depth ? lx->v[lx->st[lx->depth - 1].tok].type : T_LBRACE;
        int rc = m == T_OQUOTE || m == T_OHEREDOC
                     ? lex_template(lx, m == T_OHEREDOC)
                     : lex_code(lx, m);

        if (rc != 0)
            return -1;
    }
    if (lx->depth > 0) {
        const struct tok *o = &lx->v[lx->st[lx->depth - 1].tok];

        return fail(lx, o->off, unclosed[o->type]);
    }
    emit(lx, T_NL, lx->len, lx->len); /* ends the last attribute */
    return 0;
}

/* ---- values --------------------------------------------------------- */

enum vkind { V_UNKNOWN, V_NULL, V_STR, V_OTHER };

#define VF_VAR 1u    /* a variable's default went into it */
#define VF_COND 2u   /* chosen by a condition that may give null instead */
#define VF_BADREF 4u /* refers to what Terraform rejects, like vars.x */
#define VF_UNSEEN 8u /* a local declared in no file read */

struct val {
    enum vkind kind;
    unsigned flags;
    const char *s; /* V_STR: may hold AA_HOLE; in the scanner's tmp arena */
    size_t n;
};

/* A variable's default or a local, evaluated once when first needed.  It
 * may come from another file of the module: its tokens are in t, over
 * text, which for a module's is a copy of their own bit of its file
 * (keep_decls), so that the file's text is freed once it is scanned. */
struct decl {
    const char *name;
    size_t nlen;
    const struct tok *t;
    const char *text;
    size_t expr, end; /* tokens */
    int state;        /* 0 new, 1 being evaluated (a cycle), 2 done */
    unsigned seq;     /* its place in a module's list (index_decls) */
    /* Its file (struct tf.file) and where in that file's text its
     * expression starts: --explain quotes that line when the file is the
     * one scanned, whose text is still there. */
    unsigned file;
    uint32_t at;
    struct val v;
    struct decl *next;
};

/*
 * What a module's other files hold for the file being scanned
 * (aa_scan.module): their declarations and provider blocks, read once for
 * all of them when the first of its files is scanned.  Reading the module
 * again for each file cost the square of the folder's size.  A file's
 * tokens are freed once it is read, and it is lexed again when it is
 * scanned itself: only the tokens of its declarations and of its provider
 * blocks' partner_id are kept, copied with the bit of text they span, so
 * that a module of thousands of files holds what they declare and not all
 * they say, and each file's text is freed once it is scanned (scan.c).
 * Its declarations, blocks and their values live in its own arena.
 */
struct aa_tf_module {
    struct decl *vars, *locals;
    /* The same sorted by name, once all are read (index_decls). */
    struct decl **var_at, **local_at;
    size_t nvar, nlocal;
    struct confset *confs; /* the provider blocks of all its files */
    unsigned gen;          /* files scanned with it so far */
    /* Its override files (aa_scan_module.over), and the variable
     * defaults and locals they declare, which win over the others'. */
    struct ovr *ovr;
    size_t novr;
    struct decl *ovars, *olocals;
    struct repeat *repeats; /* of each of its files, by struct tf.file */
    struct aa_arena arena;
};

/* An override file, lexed once: its tokens and text, copied into the
 * module's arena, and its top-level blocks that merge into a block of
 * the other files: their '{' and the key they merge by (block_key). */
struct ovr {
    const struct tok *t;
    const char *text;
    size_t n, len;
    const char **key;
    size_t *open, nblk;
};

/* The file of a declaration made in an override file (struct decl). */
#define OVR_FILE ((unsigned)-1)

/* A top-level block of the file being read and one of an override file
 * merged into it, as their '{' among the merged tokens (merge_view). */
struct merge {
    size_t base, over;
};

struct tf {
    struct aa_scan *s;
    struct aa_scan_file *f;
    const char *text;
    const struct tok *t;
    struct aa_arena tmp;    /* values; freed before aa_scan_tf returns */
    struct aa_arena *alloc; /* where values go: tmp, or the module's */
    struct decl *vars, *locals;
    /* The module's declarations, once a name was not declared here. */
    struct aa_tf_module *module;
    /* The bounds (limits.h): nesting now and at most, the longest value,
     * the work left.  The first bound reached, and where in this file's
     * text, for the note; 'at' is the expression evaluated from it. */
    size_t depth, max_depth, max_size, work;
    const char *own;
    /* The file's own tokens when it is aa_scan.module's file 'at': the
     * module's reading takes them instead of lexing it again. */
    const struct tok *own_t;
    size_t own_n;
    /* The file whose tokens t are, as its place among the module's texts
     * (aa_scan_module.at), 0 for a file read alone: which declarations
     * and provider blocks are the scanned file's own, now that those of
     * a module hold copies of their text (struct decl, struct conf). */
    unsigned file;
    size_t at;
    int over;
    enum aa_limit over_limit;
    size_t over_at;
    size_t nprov, nok, nrisk; /* provider blocks: all, attributed, at risk */
    /* Configurations this file uses whose blocks are in other files of
     * the module: they count once the file has a finding of its own
     * that is not "attributed". */
    size_t eprov, eok, erisk;
    unsigned implied; /* the defaults already reported as implied here */
    unsigned gen;     /* this file's scan, for conf.seen */
    /* The provider blocks of the file, or of its module when it is read
     * with one (aa_tf_module.confs). */
    struct confset *confs;
    enum aa_scan_status best; /* of all but the provider blocks */
    /* Set when a condition read a variable's default (cond_value): one
     * that read none is constant, no switch a deployer sets. */
    int cond_var;
    /* The scanned file's own text, flen bytes.  Its tokens may be read
     * with those of the module's override files after them (merge_view):
     * mt, over a text that holds its own and then theirs, where the
     * blocks of 'merge' take what the override blocks merged into them
     * set (find_attr).  A place past flen is in an override file, and is
     * shown at blk_at, the block being scanned, which it is merged into. */
    const char *ftext;
    size_t flen, blk_at;
    const struct tok *mt;
    const struct merge *merge;
    size_t nmerge;
};

/* A cursor over the tokens [i, end) of one expression. */
struct cur {
    size_t i, end;
};

struct sbuf {
    char *p;
    size_t n, cap;
    size_t max; /* expansion-size: then a hole */
    int cut;    /* the value was longer */
};

static int
tok_is(const struct tf *tf, size_t i, const char *s)
{
    size_t n = strlen(s);

    return tf->t[i].end - tf->t[i].off == n &&
           memcmp(tf->text + tf->t[i].off, s, n) == 0;
}

/* Whether c is at one of the operators of 'ops', such as " == != ". */
static int
is_op(const struct tf *tf, const struct cur *c, const char *ops)
{
    const struct tok *t = c->i < c->end ? &tf->t[c->i] : NULL;
    char op[5];

    if (t == NULL || t->type != T_OP || t->end - t->off > 2)
        return 0;
    snprintf(op, sizeof(op), " %.*s ", (int)(t->end - t->off),
             tf->text + t->off);
    return strstr(ops, op) != NULL;
}

static struct val
val_of(enum vkind kind, unsigned flags)
{
    return (struct val){kind, flags, NULL, 0};
}

/* A bound was reached: keep the first, at the expression of this file
 * that was being evaluated, for the note. */
static void
over(struct tf *tf, enum aa_limit l)
{
    if (!tf->over) {
        tf->over = 1;
        tf->over_limit = l;
        tf->over_at = tf->at < tf->flen ? tf->at : tf->blk_at;
    }
}

/* Append to b, up to b->max bytes and then a hole; one hole stands for
 * any run of unknown text. */
static void
put(struct sbuf *b, const char *s, size_t k)
{
    /* k == 0: nothing to add, and b->p may still be NULL (memcpy to a
     * null pointer is undefined even for no bytes). */
    if (k == 0 || b->n >= b->max ||
        (k == 1 && *s == AA_HOLE && b->n && b->p[b->n - 1] == AA_HOLE))
        return;
    if (b->n + k >= b->max) {
        s = AA_HOLE_STR, k = 1;
        b->cut = 1;
    }
    if (b->n + k > b->cap)
        b->p = aa_xrealloc(b->p, b->cap = 2 * (b->n + k), 1);
    memcpy(b->p + b->n, s, k);
    b->n += k;
}

/* Append a literal part, decoding what its kind escapes. */
static void
put_literal(struct sbuf *b, const struct tf *tf, const struct tok *t)
{
    for (size_t i = t->off; i < t->end; i++) {
        char c = tf->text[i], d = i + 1 < t->end ? tf->text[i + 1] : '\0';

        if ((c == '$' || c == '%') && d == c && i + 2 < t->end &&
            tf->text[i + 2] == '{') {
            i++; /* "$${" is a literal "${" */
        } else if (c == '\\' && t->type == T_LIT && d != '\0') {
            i++; /* \uNNNN stays as is: such an id is malformed anyway */
            c = d == 'n' ? '\n' : d == 't' ? '\t' : d == 'r' ? '\r' : d;
            if (d == 'u' || d == 'U')
                put(b, "\\", 1);
        }
        put(b, &c, 1);
    }
}

static struct val eval_expr(struct tf *tf, struct cur *c);

static void read_module(struct tf *tf);

static struct decl *
find_decl(struct decl *d, const char *name, size_t n)
{
    while (d != NULL && (d->nlen != n || memcmp(d->name, name, n) != 0))
        d = d->next;
    return d;
}

static int
cmp_name(const char *a, size_t an, const char *b, size_t bn)
{
    int d = memcmp(a, b, an < bn ? an : bn);

    return d != 0 ? d : (an > bn) - (an < bn);
}

/* What find_decl finds in a module's list, in its index v (n of them): a
 * module of thousands of files looks a name up in the logarithm of what
 * they declare, not in all of it. */
static struct decl *
bsearch_decl(struct decl *const *v, size_t n, const char *name, size_t len)
{
    size_t lo = 0, hi = n;

    while (lo < hi) { /* the first not before name */
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_name(v[mid]->name, v[mid]->nlen, name, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && cmp_name(v[lo]->name, v[lo]->nlen, name, len) == 0 ? v[lo]
                                                                        : NULL;
}

/* The declaration of the variable (is_var) or local named by token
 * 'tok': this file's first, then those of the module's other files
 * (*shared then set); NULL when there is none. */
static struct decl *
lookup_decl(struct tf *tf, int is_var, size_t tok, int *shared)
{
    const char *name = tf->text + tf->t[tok].off;
    size_t n = tf->t[tok].end - tf->t[tok].off;
    struct decl *d;

    *shared = 0;
    /* An override file's default or local replaces the one it is merged
     * into, wherever that is declared. */
    if (tf->s->module != NULL && tf->s->module->nover > 0) {
        read_module(tf);
        d = find_decl(is_var ? tf->module->ovars : tf->module->olocals, name,
                      n);
        if (d != NULL) {
            *shared = 1;
            return d;
        }
    }
    d = find_decl(is_var ? tf->vars : tf->locals, name, n);
    if (d == NULL && tf->s->module != NULL) {
        read_module(tf);
        d = is_var ? bsearch_decl(tf->module->var_at, tf->module->nvar, name, n)
                   : bsearch_decl(tf->module->local_at, tf->module->nlocal,
                                  name, n);
        *shared = 1;
    }
    return d;
}

/* The value of the variable (is_var) or local named by token 'tok'. */
static struct val
eval_decl(struct tf *tf, int is_var, size_t tok)
{
    const char *name = tf->text + tf->t[tok].off;
    size_t n = tf->t[tok].end - tf->t[tok].off;
    const struct tok *t = tf->t;
    const char *text = tf->text;
    struct aa_arena *alloc = tf->alloc;
    struct cur c;
    int shared;
    struct decl *d = lookup_decl(tf, is_var, tok, &shared);

    if (d == NULL || d->state == 1) /* undeclared, or a cycle */
        return val_of(V_UNKNOWN, d == NULL && !is_var ? VF_UNSEEN : 0);
    /* For --explain, the line that declares it, when it is this file's
     * (a step names no file). */
    if (tf->own != NULL && d->file == tf->file)
        aa_scan_step_line(tf->s, tf->f, tf->ftext, d->at, name, n);
    if (d->state == 0) {
        /* Evaluated among its own file's tokens; a module's value must
         * outlive this file, for the next ones. */
        tf->t = d->t;
        tf->text = d->text;
        if (shared)
            tf->alloc = &tf->module->arena;
        c = (struct cur){d->expr, d->end};
        d->state = 1;
        d->v = eval_expr(tf, &c);
        d->state = 2;
        tf->t = t;
        tf->text = text;
        tf->alloc = alloc;
    }
    return d->v;
}

/* Skip traversals (.name .0 .* [expr]); returns how many. */
static int
skip_traversal(const struct tf *tf, struct cur *c)
{
    for (int k = 0;; k++) {
        if (is_op(tf, c, " . ") && c->i + 1 < c->end &&
            tf->t[c->i + 1].type != T_LBRACK)
            c->i += 2;
        else if (c->i < c->end && tf->t[c->i].type == T_LBRACK)
            c->i = tf->t[c->i].pair + 1;
        else
            return k;
    }
}

/* var.NAME through its default and local.NAME through the locals of this
 * file; every other reference is unknown.  'c' is at the root. */
static struct val
eval_ref(struct tf *tf, struct cur *c)
{
    size_t root = c->i++, name = c->i + 1;
    int is_var = tok_is(tf, root, "var");
    struct val v = val_of(V_UNKNOWN, 0);

    if (!(is_var || tok_is(tf, root, "local")) || !is_op(tf, c, " . ") ||
        name >= c->end || tf->t[name].type != T_IDENT) {
        skip_traversal(tf, c);
        /* Terraform rejects these; partners write them (F35). */
        if (tok_is(tf, root, "vars") || tok_is(tf, root, "locals"))
            v.flags = VF_BADREF;
        return v;
    }
    c->i += 2;
    if (skip_traversal(tf, c) == 0)
        v = eval_decl(tf, is_var, name);
    if (is_var && v.kind == V_NULL) /* default null: the caller decides */
        v = val_of(V_UNKNOWN, 0);
    v.flags |= is_var ? VF_VAR : 0;
    return v;
}

/* Blanks at the start of the line at i, up to 'end'; NONE for a line of
 * blanks only, which "<<-" does not measure. */
static size_t
indent_at(const char *text, size_t i, size_t end)
{
    size_t k = i;

    while (k < end && (text[k] == ' ' || text[k] == '\t'))
        k++;
    if (k < end && (text[k] == '\n' ||
                    (text[k] == '\r' && k + 1 < end && text[k + 1] == '\n')))
        return NONE;
    return k - i;
}

/* What "<<-" strips from each line: the fewest blanks any line of the
 * heredoc starts with, as HCL measures it, where a line that starts with
 * an interpolation has none. */
static size_t
flush_indent(const struct tf *tf, size_t open)
{
    size_t close = tf->t[open].pair, min = NONE, n;
    int bol = 1;

    for (size_t k = open + 1; k < close && min > 0;
         k = tf->t[k].type < T_CLOSE ? tf->t[k].pair + 1 : k + 1) {
        const struct tok *t = &tf->t[k];

        if (t->type != T_HLIT) {
            if (bol)
                min = 0;
            bol = 0;
            continue;
        }
        for (size_t i = t->off; i < t->end; i++)
            if ((i == t->off && bol) || (i > t->off && tf->text[i - 1] == '\n'))
                if ((n = indent_at(tf->text, i, t->end)) < min)
                    min = n;
        bol = tf->text[t->end - 1] == '\n';
    }
    return min == NONE ? 0 : min;
}

/* Append heredoc text t with up to 'strip' blanks cut from the start of
 * each line; 'bol' when t itself starts a line. */
static void
put_flush(struct sbuf *b, const struct tf *tf, const struct tok *t,
          size_t strip, int bol)
{
    struct tok part = *t;

    while (part.off < t->end) {
        const char *nl = memchr(tf->text + part.off, '\n', t->end - part.off);

        part.end = nl ? (uint32_t)(nl - tf->text) + 1 : t->end;
        for (size_t k = 0;
             bol && k < strip && part.off < part.end &&
             (tf->text[part.off] == ' ' || tf->text[part.off] == '\t');
             k++)
            part.off++;
        put_literal(b, tf, &part);
        part.off = part.end;
        bol = 1;
    }
}

/* template := (OQUOTE | OHEREDOC) { LIT | INTERP expr CLOSE
 *             | DIRECTIVE ... CLOSE } CLOSE */
static struct val
eval_template(struct tf *tf, size_t open)
{
    size_t close = tf->t[open].pair, k = open + 1, strip = 0;
    struct val v = val_of(V_STR, 0), part;
    struct sbuf b = {.max = tf->max_size};
    int bol = 0;

    /* "${x}" alone is x itself, null included, as in Terraform. */
    if (tf->t[k].type == T_INTERP && tf->t[k].pair + 1 == close) {
        struct cur c = {k + 1, tf->t[k].pair};

        return eval_expr(tf, &c);
    }
    if (tf->t[open].type == T_OHEREDOC && tf->text[tf->t[open].off + 2] == '-')
        strip = flush_indent(tf, open);
    while (k < close) {
        const struct tok *t = &tf->t[k];
        struct cur c = {k + 1, t->pair};

        if (t->type == T_HLIT && strip > 0) {
            put_flush(&b, tf, t, strip, k == open + 1 || bol);
            bol = tf->text[t->end - 1] == '\n';
            k++;
            continue;
        }
        bol = 0;
        if (t->type == T_LIT || t->type == T_HLIT) {
            put_literal(&b, tf, t);
            k++;
            continue;
        }
        part = t->type == T_INTERP ? eval_expr(tf, &c) : val_of(V_UNKNOWN, 0);
        v.flags |= part.flags;
        if (part.kind == V_STR)
            put(&b, part.s, part.n);
        else
            put(&b, AA_HOLE_STR, 1);
        k = t->pair + 1;
    }
    if (b.cut)
        over(tf, AA_LIMIT_EXPANSION_SIZE);
    /* Values that take all the work left are unknown. */
    if (b.n >= tf->work) {
        tf->work = 0;
        over(tf, AA_LIMIT_EXPANSION_WORK);
        v = val_of(V_UNKNOWN, v.flags);
    } else {
        tf->work -= b.n;
        v.s = aa_arena_strndup(tf->alloc, b.p ? b.p : "", v.n = b.n);
    }
    free(b.p);
    return v;
}

/* format(spec, args...): each verb takes the next argument, a string's
 * text or a hole, so "SDAF.%s" keeps its known start and a name is judged
 * by it, as a template's is.  "%%" is a '%'; a verb with flags or width
 * is a hole too. */
static struct val
eval_format(struct tf *tf, size_t name)
{
    struct cur in = {name + 2, tf->t[name + 1].pair};
    struct val spec = eval_expr(tf, &in), v = val_of(V_STR, spec.flags);
    struct sbuf b = {.max = tf->max_size};

    if (spec.kind != V_STR)
        return val_of(V_UNKNOWN, spec.flags);
    for (size_t k = 0; k < spec.n; k++) {
        struct val arg;

        if (spec.s[k] != '%') {
            put(&b, spec.s + k, 1);
            continue;
        }
        if (k + 1 < spec.n && spec.s[k + 1] == '%') {
            put(&b, "%", 1);
            k++;
            continue;
        }
        while (k + 1 < spec.n && !isalpha((unsigned char)spec.s[k + 1]))
            k++; /* flags, width, precision: the value is then reshaped */
        k++;
        if (is_op(tf, &in, " , "))
            in.i++;
        arg = in.i < in.end ? eval_expr(tf, &in) : val_of(V_UNKNOWN, 0);
        v.flags |= arg.flags;
        if (arg.kind == V_STR && k < spec.n && spec.s[k] == 's')
            put(&b, arg.s, arg.n);
        else
            put(&b, AA_HOLE_STR, 1);
    }
    if (b.cut)
        over(tf, AA_LIMIT_EXPANSION_SIZE);
    v.s = aa_arena_strndup(tf->alloc, b.p ? b.p : "", v.n = b.n);
    free(b.p);
    return v;
}

/* The number token at c, as a count (-1 when it is none or too large),
 * and c past it and the comma before it. */
static long
count_arg(const struct tf *tf, struct cur *c)
{
    const struct tok *t;
    long k = 0;

    if (!is_op(tf, c, " , "))
        return -1;
    c->i++;
    t = c->i < c->end ? &tf->t[c->i] : NULL;
    if (t == NULL || t->type != T_NUMBER ||
        strspn(tf->text + t->off, "0123456789") != t->end - t->off ||
        t->end - t->off > 6)
        return -1;
    for (size_t i = t->off; i < t->end; i++)
        k = k * 10 + (tf->text[i] - '0');
    c->i++;
    return k;
}

/* substr(x, 0, N): the first N characters of x, as ARM's take() reads
 * them: with a hole, only a cut before it is certain.  Another offset or
 * length is unknown. */
static struct val
eval_substr(struct tf *tf, size_t name)
{
    struct cur in = {name + 2, tf->t[name + 1].pair};
    struct val v = eval_expr(tf, &in);
    long off = count_arg(tf, &in), len = count_arg(tf, &in);
    const char *h;
    size_t keep = 0, chars = 0;

    if (v.kind != V_STR || off != 0 || len < 0 || in.i != in.end)
        return val_of(V_UNKNOWN, v.flags);
    /* Terraform counts characters: keep the bytes of the first len. */
    while (keep < v.n && chars < (size_t)len) {
        keep++;
        while (keep < v.n && ((unsigned char)v.s[keep] & 0xC0) == 0x80)
            keep++;
        chars++;
    }
    h = memchr(v.s, AA_HOLE, v.n);
    if ((h == NULL || (size_t)(h - v.s) >= keep) && keep < v.n)
        v.n = keep;
    return v;
}

/* chomp(x) and trimspace(x), which a heredoc's value goes through to
 * lose its final newline, format() and substr(); any other call at
 * 'name' is unknown. */
static struct val
eval_trim(struct tf *tf, size_t name)
{
    struct cur in = {name + 2, tf->t[name + 1].pair};
    int chomp = tok_is(tf, name, "chomp");
    struct val v;
    size_t a = 0, n;

    if (tok_is(tf, name, "format"))
        return eval_format(tf, name);
    if (tok_is(tf, name, "substr"))
        return eval_substr(tf, name);
    if (!chomp && !tok_is(tf, name, "trimspace"))
        return val_of(V_UNKNOWN, 0);
    v = eval_expr(tf, &in);
    if (v.kind != V_STR || in.i != in.end)
        return val_of(V_UNKNOWN, v.flags);
    for (n = v.n; n > 0 && (v.s[n - 1] == '\n' || v.s[n - 1] == '\r' ||
                            (!chomp && isspace((unsigned char)v.s[n - 1])));)
        n--;
    while (!chomp && a < n && isspace((unsigned char)v.s[a]))
        a++;
    v.s = aa_arena_strndup(tf->alloc, v.s + a, v.n = n - a);
    return v;
}

/* postfix and primary, see the grammar at the top. */
static struct val
eval_primary(struct tf *tf, struct cur *c)
{
    const struct tok *t = &tf->t[c->i];
    struct cur in = {c->i + 1, t->pair};
    struct val v = val_of(V_OTHER, 0); /* numbers, bools, collections */

    if (t->type == T_IDENT && c->i + 1 < c->end && t[1].type == T_LPAREN) {
        v = eval_trim(tf, c->i); /* other function calls are unknown */
        t = &tf->t[++c->i];
    } else if (t->type == T_IDENT && tok_is(tf, c->i, "null"))
        v.kind = V_NULL;
    else if (t->type == T_IDENT && !tok_is(tf, c->i, "true") &&
             !tok_is(tf, c->i, "false"))
        return eval_ref(tf, c);
    else if (t->type == T_OQUOTE || t->type == T_OHEREDOC)
        v = eval_template(tf, c->i);
    else if (t->type == T_LPAREN)
        v = eval_expr(tf, &in);
    else if (t->type != T_LBRACE && t->type != T_LBRACK &&
             t->type != T_NUMBER && t->type != T_IDENT)
        v.kind = V_UNKNOWN;
    c->i = t->type < T_CLOSE ? t->pair + 1 : c->i + 1;
    if (skip_traversal(tf, c) > 0)
        v = val_of(V_UNKNOWN, v.flags);
    return v;
}

/* Arithmetic and logic never give an id: only the flags survive them. */
static struct val
eval_binary(struct tf *tf, struct cur *c)
{
    struct val v = val_of(V_UNKNOWN, 0), w;
    int ops = 0;

    for (;; ops = 1, c->i++) {
        for (; is_op(tf, c, " ! - "); c->i++)
            ops = 1;
        if (c->i >= c->end)
            return val_of(V_UNKNOWN, 0);
        w = eval_primary(tf, c);
        v = ops ? val_of(V_OTHER, v.flags | w.flags) : w;
        if (!is_op(tf, c, " == != < > <= >= && || + - * / % "))
            return v;
    }
}

static int
accepted(const struct val *v)
{
    return v->kind == V_STR && memchr(v->s, AA_HOLE, v->n) == NULL &&
           aa_partner_id_fits(v->s, v->n);
}

/* expr := binary [ '?' expr ':' expr ].  Of a conditional, the side that
 * may carry an id is kept, marked VF_COND when the other would drop it. */
static struct val
eval_expr(struct tf *tf, struct cur *c)
{
    struct val v, a, b;

    if (tf->depth >= tf->max_depth || tf->work == 0) {
        over(tf, tf->work == 0 ? AA_LIMIT_EXPANSION_WORK
                               : AA_LIMIT_EXPANSION_DEPTH);
        c->i = c->end;
        return val_of(V_UNKNOWN, 0);
    }
    tf->depth++;
    tf->work--;
    v = eval_binary(tf, c);
    if (is_op(tf, c, " ? ")) {
        unsigned flags = v.flags & VF_BADREF;

        c->i++;
        a = eval_expr(tf, c);
        if (is_op(tf, c, " : "))
            c->i++;
        b = eval_expr(tf, c);
        if (a.kind == V_NULL || (!accepted(&a) && accepted(&b))) {
            v = a;
            a = b;
            b = v;
        }
        if (a.kind != V_NULL && (b.kind == V_NULL || !accepted(&b)))
            flags |= VF_COND;
        v = a;
        v.flags |= flags;
    }
    tf->depth--;
    return v;
}

/* ---- blocks --------------------------------------------------------- */

/* One attribute or block of a body. */
struct item {
    size_t name;      /* its IDENT token */
    size_t expr, end; /* attribute: the expression's tokens */
    size_t open;      /* block: its '{'; NONE for an attribute */
    size_t lab[2];    /* block: the first two labels */
    int nlab;
};

/*
 * A provider configuration written as a block: azurerm or azapi, its
 * alias (NULL for the default), the file it is in.  Terraform gives every
 * resource, data source and module the configuration it selects, so only
 * a selected one counts (CUA-F13); an unaliased block is the default,
 * which every resource of its type selects unless told otherwise.  Of
 * the block, another file of the module reads only the verdict of its
 * partner_id (conf_verdict): the expression's tokens [expr, end) in t,
 * over text, and none (expr == end) when it has no partner_id.  A
 * module's blocks hold a copy of those tokens and their bit of text
 * (keep_confs), not the block.
 */
struct conf {
    int prov; /* in provs[] */
    const char *alias;
    const struct tok *t;
    const char *text;
    uint32_t expr, end;
    unsigned file; /* as struct tf.file */
    /* Where the block starts in its file: its offset, line and column,
     * which a repeated block's error names (find_repeats). */
    uint32_t at;
    unsigned line, col;
    int selected;
    int verdict;   /* -1 until known, else a verdict */
    unsigned seen; /* the scan of a file that last counted it (tf.gen) */
    struct conf *next;
};

/* A file's first provider block that repeats the provider and alias of a
 * block before it, in the file or in one of the module read before it,
 * and the error that says so: Terraform refuses such a module
 * ("Duplicate provider configuration"), so no run of it sends the id of
 * either block (find_repeats). */
struct repeat {
    const struct conf *c;
    const char *why;
};

/* The blocks of a file or module, indexed by provider and alias so that
 * each lookup costs the logarithm of their number. */
struct confset {
    struct conf *list;
    struct conf **idx; /* by prov, then alias, the default first */
    size_t n;
    unsigned has; /* bit k: a block of provs[k] */
};

enum verdict { VERDICT_NONE, VERDICT_RISK, VERDICT_OK };

static size_t
skip_line(const struct tf *tf, size_t i, size_t end)
{
    while (i < end && tf->t[i].type != T_NL)
        i = tf->t[i].type < T_CLOSE ? tf->t[i].pair + 1 : i + 1;
    return i;
}

/* body := { NL | attribute | block }; anything else is skipped a line at
 * a time, as a scanner must live with syntax it does not know. */
static int
next_item(const struct tf *tf, size_t *pos, size_t end, struct item *it)
{
    size_t i = *pos, j;

    for (;; i = skip_line(tf, i + 1, end)) {
        while (i < end && tf->t[i].type == T_NL)
            i++;
        if ((*pos = i) >= end)
            return 0;
        memset(it, 0, sizeof(*it));
        it->name = i;
        it->open = NONE;
        if (tf->t[i].type != T_IDENT)
            continue;
        if ((j = i + 1) < end && tf->t[j].type == T_OP && tok_is(tf, j, "=")) {
            it->expr = j + 1;
            *pos = it->end = skip_line(tf, j + 1, end);
            return 1;
        }
        for (;
             j < end && (tf->t[j].type == T_IDENT || tf->t[j].type == T_OQUOTE);
             j = tf->t[j].type == T_OQUOTE ? tf->t[j].pair + 1 : j + 1)
            if (it->nlab < 2)
                it->lab[it->nlab++] = j;
        if (j < end && tf->t[j].type == T_LBRACE) {
            it->open = j;
            *pos = tf->t[j].pair + 1;
            return 1;
        }
    }
}

/* A block's first label ("azurerm" or azurerm), or NULL when unknown. */
static const char *
label(struct tf *tf, const struct item *it)
{
    const struct tok *t = &tf->t[it->lab[0]];
    struct val v;

    if (it->open == NONE || it->nlab == 0)
        return NULL;
    if (t->type == T_IDENT)
        return aa_arena_strndup(tf->alloc, tf->text + t->off, t->end - t->off);
    if (tf->text == tf->own)
        tf->at = t->off;
    v = eval_template(tf, it->lab[0]);
    return v.kind == V_STR && !memchr(v.s, AA_HOLE, v.n) ? v.s : NULL;
}

/* Whether the block whose '{' is token 'open' has attribute 'name' right
 * inside it, as written: then *out is the attribute. */
static int
attr_in(const struct tf *tf, size_t open, const char *name, struct item *out)
{
    size_t pos = open + 1;

    while (next_item(tf, &pos, tf->t[open].pair, out))
        if (out->open == NONE && tok_is(tf, out->name, name) &&
            out->end > out->expr)
            return 1;
    return 0;
}

/* Whether block 'blk' has attribute 'name' right inside it: then *out is
 * the attribute, else out->name is NONE.  What an override block merged
 * into it sets replaces its own, the last override's first: Terraform
 * merges override files in byte order of their names, and their blocks
 * in the order written. */
static int
find_attr(const struct tf *tf, const struct item *blk, const char *name,
          struct item *out)
{
    for (size_t k = tf->t == tf->mt ? tf->nmerge : 0; k-- > 0;)
        if (tf->merge[k].base == blk->open &&
            attr_in(tf, tf->merge[k].over, name, out))
            return 1;
    if (attr_in(tf, blk->open, name, out))
        return 1;
    out->name = NONE;
    return 0;
}

/* The value of attribute 'name' right inside block 'blk' (*out is the
 * attribute), or V_NULL as if it were "= null" when there is none. */
static struct val
attr(struct tf *tf, const struct item *blk, const char *name, struct item *out)
{
    struct cur c;

    if (!find_attr(tf, blk, name, out))
        return val_of(V_NULL, 0);
    c = (struct cur){out->expr, out->end};
    if (tf->text == tf->own)
        tf->at = tf->t[out->expr].off;
    return eval_expr(tf, &c);
}

/* A hit at byte 'off' of the text at hand, placed in the file's own
 * text: what an override file sets is shown at the block it is merged
 * into. */
static void
hit_at(struct tf *tf, enum aa_detect what, size_t off, const char *subject,
       size_t n)
{
    aa_scan_hit(tf->s, tf->f, what, tf->ftext,
                off < tf->flen ? off : tf->blk_at, subject, n);
}

static void
settle(struct tf *tf, enum aa_scan_status st)
{
    if (st < tf->best)
        tf->best = st;
}

/* A hit at token 'at' about attribute 'a': the subject is a's value, or
 * its source text when the value is not a known string. */
static void
hit_value(struct tf *tf, enum aa_detect what, size_t at, const struct item *a,
          const struct val *v)
{
    const char *s = tf->text + tf->t[a->expr].off;
    size_t n =
        a->end > a->expr ? tf->t[a->end - 1].end - tf->t[a->expr].off : 0;

    if (v->kind == V_STR && what != AA_D_TF_PARTNER_ID_UNRESOLVED)
        s = v->s, n = v->n;
    hit_at(tf, what, tf->t[at].off, s, n < MAX_SUBJECT ? n : MAX_SUBJECT);
}

/* With holes, the known ends decide: "pid-${x}" is prefixed, "${x}"
 * alone may still be the GUID. */
static int
prefixed(const struct val *v)
{
    return v->kind == V_STR && aa_partner_id_prefixed(v->s, v->n);
}

/* What a provider block's partner_id of value *v is (CUA-F12, F13), V_NULL
 * when it has none: the detector that says so.  azapi: of that provider. */
static enum aa_detect
classify_value(int azapi, struct val *v)
{
    char g[37];

    /* The provider takes "" for unset (validation.StringIsEmpty) and
     * sends Terraform's own pid, as for null (CUA-F13). */
    if (v->kind == V_NULL || (v->kind == V_STR && v->n == 0))
        return AA_D_TF_NO_PARTNER_ID;
    if (v->kind == V_STR &&
        aa_pid_classify(v->s, v->n, g) == AA_PID_PLACEHOLDER)
        return AA_D_PID_PLACEHOLDER; /* no id until a build fills it in */
    if (v->flags & VF_BADREF || v->kind == V_OTHER ||
        (v->kind == V_STR && !aa_partner_id_fits(v->s, v->n)))
        return AA_D_TF_PARTNER_ID_MALFORMED; /* nothing can make it right */
    if (azapi && prefixed(v))
        return AA_D_TF_AZAPI_PARTNER_ID_PREFIXED; /* it would send pid-pid- */
    if (!accepted(v)) {
        v->flags |= VF_COND; /* it may well be null */
        return AA_D_TF_PARTNER_ID_UNRESOLVED;
    }
    if (strspn(v->s + (v->s[0] == 'p' || v->s[0] == 'P' ? 4 : 0), "0-") >= 36)
        return AA_D_PID_ZERO_GUID; /* a placeholder, no partner's id */
    if (v->flags & VF_COND)
        return AA_D_TF_PARTNER_ID_CONDITIONAL;
    /* A default gives way to a tfvars file, -var or TF_VAR_x, as an ARM
     * parameter's to what a deployer passes: at risk alike (CUA-F21). */
    return v->flags & VF_VAR ? AA_D_TF_PARTNER_ID_VAR : AA_D_TF_PARTNER_ID;
}

/* What the partner_id of provider block 'blk' is (CUA-F12, F13): the
 * detector that says so; the attribute goes to *pid (its name NONE when
 * there is none) and its value to *v. */
static enum aa_detect
classify_provider(struct tf *tf, const struct item *blk, int azapi,
                  struct item *pid, struct val *v)
{
    *v = attr(tf, blk, "partner_id", pid);
    return classify_value(azapi, v);
}

static enum verdict
verdict_of(enum aa_detect what)
{
    switch (what) {
    case AA_D_TF_PARTNER_ID:
        return VERDICT_OK;
    case AA_D_TF_PARTNER_ID_VAR:
    case AA_D_TF_PARTNER_ID_UNRESOLVED:
    case AA_D_TF_PARTNER_ID_CONDITIONAL:
        return VERDICT_RISK;
    default:
        return VERDICT_NONE;
    }
}

static void
count(struct tf *tf, enum verdict v, int elsewhere)
{
    *(elsewhere ? &tf->eprov : &tf->nprov) += 1;
    if (v == VERDICT_OK)
        *(elsewhere ? &tf->eok : &tf->nok) += 1;
    else if (v == VERDICT_RISK)
        *(elsewhere ? &tf->erisk : &tf->nrisk) += 1;
}

/* provider "azurerm" | "azapi": what its partner_id is (CUA-F12, F13).
 * An aliased block that nothing selects attributes nothing: a note, and
 * no part in the file's status. */
static void
scan_provider(struct tf *tf, const struct item *blk, const char *pname,
              int selected)
{
    struct item pid, dis, al;
    struct val v, alias;
    enum aa_detect what;
    char *subj;
    int azapi = strcmp(pname, "azapi") == 0;

    aa_scan_steps_begin(tf->s, tf->f);
    what = classify_provider(tf, blk, azapi, &pid, &v);
    /* Read alone, the file's module is unknown: another of its files may
     * select this block.  So a block without a valid id counts against
     * the file all the same, while one with an id attributes only what
     * selects it here: what is not seen can lower a verdict, never raise
     * it. */
    if (!selected && tf->module == NULL && verdict_of(what) != VERDICT_OK)
        selected = 1;
    if (azapi) {
        tf->f->tf->azapi_blocks++;
        tf->f->tf->azapi_uses++;
        /* May be null: then the variable counts. */
        if (v.kind == V_NULL || v.kind == V_UNKNOWN || v.flags & VF_COND)
            tf->f->tf->azapi_no_id++;
    }
    if (what == AA_D_TF_NO_PARTNER_ID || !selected) {
        alias = attr(tf, blk, "alias", &al);
        subj = aa_xasprintf("%s%s%s", pname, alias.kind == V_STR ? "." : "",
                            alias.kind == V_STR ? alias.s : "");
        hit_at(tf,
               selected ? AA_D_TF_NO_PARTNER_ID : AA_D_TF_UNSELECTED_PROVIDER,
               tf->t[blk->name].off, subj, strlen(subj));
        free(subj);
        if (selected)
            count(tf, VERDICT_NONE, 0);
        return;
    }
    count(tf, verdict_of(what), 0);
    hit_value(tf, what, pid.name, &pid, &v);
    /* "pid-<GUID>" stays wrong for azapi once a build fills it in. */
    if (what == AA_D_PID_PLACEHOLDER && azapi && prefixed(&v))
        hit_value(tf, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, pid.name, &pid, &v);
    /* The flag only drops Terraform's own id, never a custom one (CUA-F13);
     * "= false" and a partner_id that may be null are no mistake. */
    attr(tf, blk, "disable_terraform_partner_id", &dis);
    if (!(v.flags & VF_COND) && dis.name != NONE &&
        !(dis.end == dis.expr + 1 && tok_is(tf, dis.expr, "false")))
        hit_value(tf, AA_D_TF_DISABLE_NO_EFFECT, dis.name, &pid, &v);
}

/* ---- provider selection ---------------------------------------------- */

static const char *const provs[] = {"azurerm", "azapi"};
#define NPROVS 2
#define MAX_SEL 16 /* configurations one module block passes, at most */

/* A configuration selected: provs[prov], and alias (alen bytes of the
 * text) or NULL for the default. */
struct sel {
    int prov;
    const char *alias;
    size_t alen;
};

static int
prov_of(const char *s, size_t n)
{
    for (int k = 0; k < NPROVS; k++)
        if (strlen(provs[k]) == n && memcmp(s, provs[k], n) == 0)
            return k;
    return -1;
}

/* The text of a plain quoted string at token i ("hub", no escapes and no
 * interpolation), as *s and *n; 0 when it is something else. */
static int
plain_string(const struct tf *tf, size_t i, const char **s, size_t *n)
{
    const struct tok *t = &tf->t[i];

    if (t->type != T_OQUOTE)
        return 0;
    if (t->pair == i + 1) {
        *s = tf->text + t->end, *n = 0;
        return 1;
    }
    if (t->pair != i + 2 || t[1].type != T_LIT ||
        memchr(tf->text + t[1].off, '\\', t[1].end - t[1].off) != NULL)
        return 0;
    *s = tf->text + t[1].off;
    *n = t[1].end - t[1].off;
    return 1;
}

/* A provider reference at token i, before 'end': azurerm, azapi.x, or
 * the string "azurerm.x" of Terraform 0.11.  0 when it names neither. */
static int
prov_ref(const struct tf *tf, size_t i, size_t end, struct sel *out)
{
    const char *s, *dot;
    size_t n;

    if (i >= end)
        return 0;
    if (plain_string(tf, i, &s, &n)) {
        dot = memchr(s, '.', n);
        out->prov = prov_of(s, dot ? (size_t)(dot - s) : n);
        out->alias = dot ? dot + 1 : NULL;
        out->alen = dot ? n - (size_t)(dot - s) - 1 : 0;
        return out->prov >= 0;
    }
    if (tf->t[i].type != T_IDENT)
        return 0;
    out->prov = prov_of(tf->text + tf->t[i].off, tf->t[i].end - tf->t[i].off);
    out->alias = NULL;
    out->alen = 0;
    if (i + 2 < end && tf->t[i + 1].type == T_OP && tok_is(tf, i + 1, ".") &&
        tf->t[i + 2].type == T_IDENT) {
        out->alias = tf->text + tf->t[i + 2].off;
        out->alen = tf->t[i + 2].end - tf->t[i + 2].off;
    }
    return out->prov >= 0;
}

/* The configurations that top-level block 'it' (whose first label is l0)
 * selects, into sel[MAX_SEL]; how many.  *module is set for a module
 * block, whose defaults are only those it inherits. */
static size_t
selections(const struct tf *tf, const struct item *it, const char *l0,
           struct sel *sel, int *module)
{
    struct item a;
    size_t n = 0, close;
    int prov = -1;

    *module = tok_is(tf, it->name, "module");
    if (*module) {
        if (!find_attr(tf, it, "providers", &a)) {
            for (int k = 0; k < NPROVS; k++)
                sel[n++] = (struct sel){k, NULL, 0};
            return n;
        }
        if (tf->t[a.expr].type != T_LBRACE)
            return 0;
        /* { azurerm = azurerm.hub, azapi.x = azapi }: the right sides. */
        close = tf->t[a.expr].pair;
        for (size_t i = a.expr + 1; i < close && n < MAX_SEL;
             i = tf->t[i].type < T_CLOSE ? tf->t[i].pair + 1 : i + 1)
            if (tf->t[i].type == T_OP &&
                (tok_is(tf, i, "=") || tok_is(tf, i, ":")) &&
                prov_ref(tf, i + 1, close, &sel[n]))
                n++;
        return n;
    }
    if (!tok_is(tf, it->name, "resource") && !tok_is(tf, it->name, "data"))
        return 0;
    for (int k = 0; k < NPROVS; k++)
        if (!strncmp(l0, provs[k], strlen(provs[k])) &&
            l0[strlen(provs[k])] == '_')
            prov = k;
    if (prov < 0)
        return 0;
    if (!find_attr(tf, it, "provider", &a)) {
        sel[0] = (struct sel){prov, NULL, 0};
        return 1;
    }
    return (size_t)prov_ref(tf, a.expr, a.end, &sel[0]);
}

/* Order of (prov, alias of alen bytes) against block c; a NULL alias,
 * the default, before every other. */
static int
cmp_key(int prov, const char *alias, size_t alen, const struct conf *c)
{
    size_t cn = c->alias ? strlen(c->alias) : 0;
    int d;

    if (prov != c->prov)
        return prov < c->prov ? -1 : 1;
    if (alias == NULL || c->alias == NULL)
        return (alias != NULL) - (c->alias != NULL);
    if ((d = memcmp(alias, c->alias, alen < cn ? alen : cn)) != 0)
        return d;
    return (alen > cn) - (alen < cn);
}

static int
cmp_conf(const void *a, const void *b)
{
    const struct conf *x = *(const struct conf *const *)a;
    const struct conf *y = *(const struct conf *const *)b;
    int d = cmp_key(x->prov, x->alias, x->alias ? strlen(x->alias) : 0, y);

    /* Blocks of one configuration, which Terraform refuses, in the order
     * of the module's files (find_repeats). */
    if (d != 0 || x->file != y->file)
        return d != 0 ? d : x->file < y->file ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

/* A block of provs[prov] with this alias (NULL: the default), or NULL. */
static struct conf *
find_conf(const struct confset *set, int prov, const char *alias, size_t alen)
{
    size_t lo = 0, hi = set->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = cmp_key(prov, alias, alen, set->idx[mid]);

        if (d == 0)
            return set->idx[mid];
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* Index the blocks collected in set->list. */
static void
index_confs(struct confset *set, struct aa_arena *alloc)
{
    size_t n = 0;

    for (struct conf *c = set->list; c != NULL; c = c->next)
        n++;
    set->idx = aa_arena_alloc(alloc, (n + 1) * sizeof(*set->idx));
    set->n = 0;
    for (struct conf *c = set->list; c != NULL; c = c->next) {
        set->idx[set->n++] = c;
        set->has |= 1u << c->prov;
    }
    if (set->n > 1)
        qsort(set->idx, set->n, sizeof(*set->idx), cmp_conf);
}

/* Whether block a comes before block b in the module's files. */
static int
before(const struct conf *a, const struct conf *b)
{
    return a->file != b->file ? a->file < b->file : a->at < b->at;
}

/* Whether blocks a and b are of one configuration: one provider, one
 * alias or none. */
static int
same_conf(const struct conf *a, const struct conf *b)
{
    return cmp_key(a->prov, a->alias, a->alias ? strlen(a->alias) : 0, b) == 0;
}

/* Where block c is, for an error about file 'file': its line and column,
 * after its path when it is in another file. */
static char *
place_of(const struct conf *c, unsigned file, const char *const *paths)
{
    return c->file == file
               ? aa_xasprintf("%u:%u", c->line, c->col)
               : aa_xasprintf("%s:%u:%u", paths[c->file], c->line, c->col);
}

/* Note in rep[file] that blocks o and c (o first) repeat each other:
 * 'here' is the one of them in that file, reported, or NULL when neither
 * is.  Of the repeats of a file, the error names its first block in one;
 * one of another two files' is said only when there is none. */
static void
note_repeat(struct repeat *rep, unsigned file, const struct conf *here,
            const struct conf *o, const struct conf *c,
            const char *const *paths, struct aa_arena *alloc)
{
    char *what, *a, *b, *why;

    if (rep->why != NULL &&
        (here == NULL || (rep->c != NULL && before(rep->c, here))))
        return;
    what = o->alias != NULL
               ? aa_xasprintf("configuration of provider %s with alias \"%s\"",
                              provs[o->prov], o->alias)
               : aa_xasprintf("default configuration of provider %s",
                              provs[o->prov]);
    a = place_of(o, file, paths);
    b = place_of(c, file, paths);
    if (here == c)
        why = aa_xasprintf("Terraform: a second %s (the first at %s), which "
                           "Terraform refuses",
                           what, a);
    else if (here == o)
        why = aa_xasprintf("Terraform: a second %s at %s, which Terraform "
                           "refuses",
                           what, b);
    else
        why = aa_xasprintf("Terraform: two of its module's files give a %s, "
                           "at %s and %s, which Terraform refuses",
                           what, a, b);
    *rep = (struct repeat){here, aa_arena_strdup(alloc, why)};
    free(what);
    free(a);
    free(b);
    free(why);
}

/* The provider blocks of 'set' that repeat the provider and alias of one
 * before them (but for aliases not written out, which may differ), as
 * the error of each file (struct repeat) in rep[file], of the files
 * named paths[file].  In a module read for one file named alone, only
 * that file ('alone') is scanned: every repeat of the module is its
 * error, since Terraform refuses the module whichever files hold them.
 * Otherwise each is the error of the file of the later block.  The texts
 * go to alloc. */
static void
find_repeats(const struct confset *set, const char *const *paths, size_t alone,
             struct aa_arena *alloc, struct repeat *rep)
{
    /* The index holds the blocks of one configuration together, the
     * first of them first (cmp_conf). */
    for (size_t k = 0, e; k < set->n; k = e) {
        const struct conf *o = set->idx[k];

        for (e = k + 1; e < set->n && same_conf(o, set->idx[e]);)
            e++;
        if (e - k < 2 || (o->alias != NULL && *o->alias == AA_HOLE))
            continue;
        for (size_t j = k; j < e; j++) {
            const struct conf *c = set->idx[j];

            if (c == o)
                continue;
            if (alone == NONE)
                note_repeat(&rep[c->file], c->file, c, o, c, paths, alloc);
            else
                note_repeat(&rep[alone], (unsigned)alone,
                            c->file == alone   ? c
                            : o->file == alone ? o
                                               : NULL,
                            o, c, paths, alloc);
        }
    }
}

/* The azurerm and azapi blocks of the file at hand into *list, then
 * mark those that its resources, data sources and modules select. */
static void
collect_confs(struct tf *tf, size_t ntok, struct conf **list)
{
    struct item it, a;
    size_t pos = 0, lo = 0;
    unsigned line = 1, col = 1;

    while (next_item(tf, &pos, ntok, &it)) {
        const char *l0 =
            tok_is(tf, it.name, "provider") ? label(tf, &it) : NULL;
        struct conf *c;
        const char *s;
        size_t n;

        if (l0 == NULL || prov_of(l0, strlen(l0)) < 0)
            continue;
        c = aa_arena_alloc(tf->alloc, sizeof(*c));
        memset(c, 0, sizeof(*c));
        c->prov = prov_of(l0, strlen(l0));
        c->t = tf->t;
        c->text = tf->text;
        c->file = tf->file;
        /* Blocks come in the order of the text: one walk places them. */
        for (c->at = tf->t[it.name].off; lo < c->at; lo++)
            if (tf->text[lo] == '\n')
                line++, col = 1;
            else if (((unsigned char)tf->text[lo] & 0xC0) != 0x80)
                col++;
        c->line = line;
        c->col = col;
        if (find_attr(tf, &it, "partner_id", &a)) {
            c->expr = (uint32_t)a.expr;
            c->end = (uint32_t)a.end;
        }
        c->verdict = -1;
        if (find_attr(tf, &it, "alias", &a)) {
            /* An alias we cannot read may be what something selects. */
            if (plain_string(tf, a.expr, &s, &n))
                c->alias = aa_arena_strndup(tf->alloc, s, n);
            else
                c->alias = AA_HOLE_STR, c->selected = 1;
        } else {
            /* The default, in a module read whole, counts only where
             * something uses it: a resource of its provider that selects
             * no alias, a module that inherits it (or select_all_unless,
             * when nothing selects anything).  A file read alone counts
             * it as before: its resources may well be in the files not
             * read. */
            c->selected = tf->module == NULL;
        }
        c->next = *list;
        *list = c;
    }
}

/* Mark the blocks that the file's resources, data sources and modules
 * select; how many of those select anything. */
static size_t
mark_selected(struct tf *tf, size_t ntok, const struct confset *set)
{
    struct item it;
    struct sel sel[MAX_SEL];
    size_t pos = 0, n, users = 0;
    int module;

    while (next_item(tf, &pos, ntok, &it)) {
        const char *l0 = label(tf, &it);
        struct conf *c;

        if (l0 == NULL)
            continue;
        n = selections(tf, &it, l0, sel, &module);
        users += n > 0;
        for (size_t k = 0; k < n; k++)
            if ((c = find_conf(set, sel[k].prov, sel[k].alias, sel[k].alen)) !=
                NULL)
                c->selected = 1;
    }
    return users;
}

/* A module (or a file read alone) in which nothing selects a provider
 * says nothing of which configurations are used: a providers.tf read on
 * its own, or a root whose resources live in files not scanned.  Every
 * block may then be the one in use, and counts. */
static void
select_all_unless(struct confset *set, size_t users)
{
    if (users > 0)
        return;
    for (struct conf *c = set->list; c != NULL; c = c->next)
        c->selected = 1;
}

/* Whether the module has a block of provs[prov], or of either when prov
 * is -1. */
static int
has_block(const struct tf *tf, int prov)
{
    return (tf->confs->has & (prov < 0 ? ~0u : 1u << prov)) != 0;
}

/* What block 'c' of another file of the module attributes, evaluated
 * there once. */
static enum verdict
conf_verdict(struct tf *tf, struct conf *c)
{
    const struct tok *t = tf->t;
    const char *text = tf->text;
    struct cur at = {c->expr, c->end};
    struct val v = val_of(V_NULL, 0);

    if (c->verdict < 0) {
        if (c->end > c->expr) { /* as attr() evaluates it */
            tf->t = c->t;
            tf->text = c->text;
            v = eval_expr(tf, &at);
            tf->t = t;
            tf->text = text;
        }
        c->verdict = (int)verdict_of(classify_value(c->prov == 1, &v));
    }
    return (enum verdict)c->verdict;
}

/* A module call of this file inheriting the default of provs[prov], which
 * its module has no block of: noted for aa_scan_finish (struct
 * aa_tf_call), with 'guess' for when the called module is not scanned. */
static void
note_call(struct tf *tf, const struct item *it, int prov, int guess)
{
    struct aa_tf_call *c = aa_arena_alloc(&tf->s->arena, sizeof(*c));
    struct item a;
    const char *src;
    size_t n;
    struct aa_loc at;

    c->prov = prov;
    c->guess = guess;
    at = aa_scan_locate(tf->s, tf->f, tf->ftext, tf->t[it->name].off);
    c->line = at.line;
    c->col = at.col;
    c->source =
        find_attr(tf, it, "source", &a) && plain_string(tf, a.expr, &src, &n)
            ? aa_arena_strndup(&tf->s->arena, src, n)
            : NULL;
    c->next = tf->f->tf->calls; /* last first; aa_scan_finish turns them */
    tf->f->tf->calls = c;
}

/* A resource, data source or module of this file: the configurations it
 * selects count for the file.  A block of this file counts as itself; a
 * block of another file counts once per file, without a finding here;
 * a default with no block is Terraform's implied configuration, which
 * sets no partner_id (CUA-F13), reported at its first use in the file.
 * A default of a module with no block of its provider, an alias with no
 * block (the caller's, through configuration_aliases) and a module
 * without any provider block select nothing this scan can judge. */
static void
use_providers(struct tf *tf, const struct item *it, const char *l0)
{
    struct sel sel[MAX_SEL];
    int module;
    size_t n = selections(tf, it, l0, sel, &module);

    for (size_t k = 0; k < n; k++) {
        struct conf *c =
            find_conf(tf->confs, sel[k].prov, sel[k].alias, sel[k].alen);

        /* What the module calls of other files find this one uses. */
        if (sel[k].alias == NULL)
            tf->f->tf->default_uses |= 1u << sel[k].prov;

        if (c != NULL) {
            if (c->file == tf->file || c->seen == tf->gen)
                continue;
            c->seen = tf->gen;
            count(tf, conf_verdict(tf, c), 1);
        } else if (sel[k].alias == NULL && has_block(tf, -1) && module &&
                   !(tf->implied & 1u << sel[k].prov)) {
            /* Whether the called module uses the provider decides, and
             * that module may be read later: aa_scan_finish judges it. */
            note_call(tf, it, sel[k].prov, has_block(tf, sel[k].prov));
        } else if (sel[k].alias == NULL && has_block(tf, -1) &&
                   !(tf->implied & 1u << sel[k].prov)) {
            tf->implied |= 1u << sel[k].prov;
            hit_at(tf, AA_D_TF_IMPLIED_PROVIDER, tf->t[it->name].off,
                   provs[sel[k].prov], strlen(provs[sel[k].prov]));
            count(tf, VERDICT_NONE, 0);
        }
    }
}

/* Walk an ARM template's resources for pid- deployments: inside the
 * deployment Terraform makes, each is nested (CUA-F09). */
static void
scan_json(struct tf *tf, const cJSON *tpl, const struct item *a, int depth)
{
    const cJSON *r, *res = cJSON_GetObjectItemCaseSensitive(tpl, "resources");
    size_t lo = tf->t[a->expr].off, hi = tf->t[a->end - 1].end;

    if (depth > MAX_JSON)
        return;
    cJSON_ArrayForEach(r, res)
    {
        const char *type =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "type"));
        const char *name =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "name"));
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(r, "properties");
        size_t n = name ? strlen(name) : 0, off = lo;
        char g[37];

        if (type == NULL || name == NULL ||
            strcasecmp(type, "Microsoft.Resources/deployments") != 0)
            continue;
        if (strncasecmp(name, "pid-", 4) == 0) {
            /* Point at the name in the heredoc when it is written as is. */
            while (off + n <= hi && memcmp(tf->text + off, name, n) != 0)
                off++;
            hit_at(tf,
                   aa_pid_classify(name, n, g) == AA_PID_PLACEHOLDER
                       ? AA_D_PID_PLACEHOLDER
                       : AA_D_PID_NESTED,
                   off + n <= hi ? off : lo, name, n);
            settle(tf, AA_SCAN_NOT_ATTRIBUTED);
        }
        scan_json(tf, cJSON_GetObjectItemCaseSensitive(props, "template"), a,
                  depth + 1);
    }
}

/* Whether the GUID g (36 bytes, lower case) is written in the n bytes at
 * s, in any case. */
static int
written_in(const char *s, size_t n, const char *g)
{
    for (size_t i = 0; i + 36 <= n; i++)
        if (strncasecmp(s + i, g, 36) == 0)
            return 1;
    return 0;
}

/* The default of the variable named by token 'tok' as a literal bool: 1,
 * 0, or -1 when it has none or another. */
static int
var_bool(struct tf *tf, size_t tok)
{
    int shared;
    const struct decl *d = lookup_decl(tf, 1, tok, &shared);
    const struct tok *t;
    size_t n;

    tf->cond_var = 1;
    if (d == NULL || d->end != d->expr + 1 || d->t[d->expr].type != T_IDENT)
        return -1;
    t = &d->t[d->expr];
    n = t->end - t->off;
    if (n == 4 && memcmp(d->text + t->off, "true", 4) == 0)
        return 1;
    if (n == 5 && memcmp(d->text + t->off, "false", 5) == 0)
        return 0;
    return -1;
}

/* Whether token i is the number 0, another number (1), or no number (-1). */
static int
zero_or_not(const struct tf *tf, size_t i)
{
    const struct tok *t = &tf->t[i];

    if (t->type != T_NUMBER)
        return -1;
    return strspn(tf->text + t->off, "0") == t->end - t->off ? 0 : 1;
}

/* What a deployment's count does with the defaults (CUA-F10): */
enum count_use {
    COUNT_ALWAYS, /* no count, or a number other than 0 */
    COUNT_OFF,    /* 0, also when var.x ? N : M picks it by x's default */
    COUNT_SWITCH  /* on by default or unknown: the deployer's to set */
};

static int default_length(struct tf *tf, size_t i, size_t e, double *out,
                          int depth);

/* The for_each of block 'blk' at *at (NONE without one): over an empty
 * literal ([], {}, toset([]), tomap({})), or a variable or local that
 * holds one by default (default_length), it makes no instance; over what
 * a variable gives otherwise, the deployer decides; anything else is
 * taken as deploying, as no count is. */
static enum count_use
for_each_use(struct tf *tf, const struct item *blk, size_t *at)
{
    struct item a;
    size_t i, e;
    double n;

    if (!find_attr(tf, blk, "for_each", &a) || a.end <= a.expr)
        return COUNT_ALWAYS;
    *at = a.expr;
    i = a.expr;
    e = a.end;
    if (e - i >= 4 && (tok_is(tf, i, "toset") || tok_is(tf, i, "tomap")) &&
        tok_is(tf, i + 1, "(") && tok_is(tf, e - 1, ")")) {
        i += 2;
        e--;
    }
    tf->cond_var = 0;
    if (default_length(tf, i, e, &n, 0) == 0 && (n == 0 || !tf->cond_var))
        return n == 0 ? COUNT_OFF : (*at = NONE, COUNT_ALWAYS);
    for (size_t k = a.expr; k < a.end; k++)
        if (tok_is(tf, k, "var"))
            return COUNT_SWITCH;
    *at = NONE;
    return COUNT_ALWAYS;
}

static int cond_value(struct tf *tf, size_t i, size_t q, int depth);

/* The first token at the top level of [i, e) that is one of the operators
 * 'ops' (NULL ends them), or NONE: what a bracket, a parenthesis or a
 * template holds is stepped over whole, as it binds tighter. */
static size_t
top_find(const struct tf *tf, size_t i, size_t e, const char *const *ops)
{
    for (size_t k = i; k < e;
         k = tf->t[k].type < T_CLOSE ? tf->t[k].pair + 1 : k + 1)
        for (const char *const *op = ops; *op != NULL; op++)
            if (tok_is(tf, k, *op))
                return k;
    return NONE;
}

/* The number of elements of the list or object written at tokens [i, e)
 * ("[]", ["a", "b"], { a = 1 }): 0 with it in *out, or -1 when they are
 * none, or a "for" expression, whose length the scan does not know. */
static int
literal_length(const struct tf *tf, size_t i, size_t e, double *out)
{
    size_t n = 0, j = i + 1;
    int part = 0;

    /* "{" then a line break then "for": the lexer keeps line breaks
     * inside braces, where they end an object's elements. */
    while (j < e && tf->t[j].type == T_NL)
        j++;
    if (e <= i || tf->t[i].pair != e - 1 ||
        (tf->t[i].type != T_LBRACK && tf->t[i].type != T_LBRACE) ||
        (j < e - 1 && tok_is(tf, j, "for")))
        return -1;
    /* Elements end at a comma, and in an object at a line break too. */
    for (size_t k = i + 1; k < e - 1;) {
        if (tf->t[k].type == T_NL || tok_is(tf, k, ",")) {
            n += (size_t)part;
            part = 0;
            k++;
            continue;
        }
        part = 1;
        k = tf->t[k].type < T_CLOSE ? tf->t[k].pair + 1 : k + 1;
    }
    *out = (double)(n + (size_t)part);
    return 0;
}

/* The length of the for expression at tokens [i, e) ("[for r in
 * var.regions : r]", "{ for k, v in local.m : k => v }") over a source
 * whose length the defaults give (default_length): none when the source
 * is empty, as many as it has for a list with no "if" clause, which drops
 * none.  0 with it in *out, or -1: an object's keys may fold together,
 * and what "if" keeps is not known. */
static int
for_length(struct tf *tf, size_t i, size_t e, double *out, int depth)
{
    static const char *const in[] = {"in", NULL}, *const colon[] = {":", NULL},
                             *const cond[] = {"if", NULL};
    size_t j = i + 1, k, c;
    double n;

    while (j < e && tf->t[j].type == T_NL)
        j++;
    if (e <= i + 2 || tf->t[i].pair != e - 1 ||
        (tf->t[i].type != T_LBRACK && tf->t[i].type != T_LBRACE) ||
        !tok_is(tf, j, "for") || (k = top_find(tf, j + 1, e - 1, in)) == NONE ||
        (c = top_find(tf, k + 1, e - 1, colon)) == NONE ||
        default_length(tf, k + 1, c, &n, depth + 1) != 0)
        return -1;
    if (n != 0 &&
        (tf->t[i].type != T_LBRACK || top_find(tf, c + 1, e - 1, cond) != NONE))
        return -1;
    *out = n;
    return 0;
}

/* The length of the value tokens [i, e) give with the defaults: a list
 * or object written out, var.x whose default is one, local.x that holds
 * one of these or a for expression over one (for_length).  0 with it in
 * *out, or -1.  A variable read sets tf->cond_var: its default is the
 * deployer's to replace, as a bool's is (var_bool), so
 * "length(var.regions)" with the default [] is a switch that is off, as
 * "var.on ? 1 : 0" with the default false is. */
static int
default_length(struct tf *tf, size_t i, size_t e, double *out, int depth)
{
    const struct tok *t = tf->t;
    const char *text = tf->text;
    const struct decl *d;
    int is_var, shared, x;

    if (e <= i || depth > 8)
        return -1;
    if (t[i].type == T_LPAREN && t[i].pair == e - 1)
        return default_length(tf, i + 1, e - 1, out, depth + 1);
    if (e != i + 3 || !tok_is(tf, i + 1, ".") || t[i + 2].type != T_IDENT ||
        !((is_var = tok_is(tf, i, "var")) || tok_is(tf, i, "local")))
        return literal_length(tf, i, e, out) == 0
                   ? 0
                   : for_length(tf, i, e, out, depth + 1);
    if (is_var)
        tf->cond_var = 1;
    if ((d = lookup_decl(tf, is_var, i + 2, &shared)) == NULL)
        return -1;
    tf->t = d->t;
    tf->text = d->text;
    /* A default is a value, which refers to nothing. */
    x = is_var ? literal_length(tf, d->expr, d->end, out)
               : default_length(tf, d->expr, d->end, out, depth + 1);
    tf->t = t;
    tf->text = text;
    return x;
}

/* The number of characters of the text tokens [i, e) give with the
 * defaults ("", var.x whose default is a text, local.x that holds one,
 * "${var.x}"), as Terraform's length() counts a text's.  0 with it in
 * *out, or -1: for a text not known in full, or one with a byte past
 * ASCII, whose characters Terraform counts as grapheme clusters.  A line
 * break of CR LF is one of them.  A variable read sets tf->cond_var. */
static int
text_length(struct tf *tf, size_t i, size_t e, double *out)
{
    struct cur c = {i, e};
    struct val v = eval_expr(tf, &c);
    size_t n;

    tf->cond_var |= (v.flags & VF_VAR) != 0;
    if (c.i != e || v.kind != V_STR || (v.flags & ~VF_VAR) != 0)
        return -1;
    n = v.n;
    for (size_t k = 0; k < v.n; k++) {
        if ((unsigned char)v.s[k] >= 0x80 || v.s[k] == AA_HOLE)
            return -1;
        n -= v.s[k] == '\r' && k + 1 < v.n && v.s[k + 1] == '\n';
    }
    *out = (double)n;
    return 0;
}

/* The number tokens [i, e) make: a literal, in parentheses, length() of
 * a list or object (default_length), min() or max() of such numbers.  0
 * with it in *out, or -1.  One that reads no variable is constant: a
 * count of "length([])" deploys nothing, as 0 does; one that reads a
 * variable sets tf->cond_var. */
static int
const_number(struct tf *tf, size_t i, size_t e, double *out, int depth)
{
    static const char *const comma[] = {",", NULL};
    const struct tok *t = tf->t;
    size_t a, z, k;
    double v;
    int lo;

    if (e <= i || depth > 8)
        return -1;
    if (e == i + 1 && t[i].type == T_NUMBER) {
        const char *s = tf->text + t[i].off;
        char *end;

        /* The lexer joins "1-1" into one token: a number only when
         * strtod reads it whole, as it does 1, 0.5 or 1e5. */
        *out = strtod(s, &end);
        return strspn(s, "0123456789.eE+-") >= t[i].end - t[i].off &&
                       end == tf->text + t[i].end
                   ? 0
                   : -1;
    }
    if (t[i].type == T_LPAREN && t[i].pair == e - 1)
        return const_number(tf, i + 1, e - 1, out, depth + 1);
    /* A unary minus: "max(0, -1)" is 0. */
    if (t[i].type == T_OP && tok_is(tf, i, "-")) {
        if (const_number(tf, i + 1, e, out, depth + 1) != 0)
            return -1;
        *out = -*out;
        return 0;
    }
    if (t[i].type != T_IDENT || e < i + 3 || t[i + 1].type != T_LPAREN ||
        t[i + 1].pair != e - 1)
        return -1;
    a = i + 2;
    z = e - 1;
    if (tok_is(tf, i, "length"))
        return default_length(tf, a, z, out, depth + 1) == 0
                   ? 0
                   : text_length(tf, a, z, out);
    if (!tok_is(tf, i, "min") && !tok_is(tf, i, "max"))
        return -1;
    lo = tok_is(tf, i, "min");
    for (k = a; a < z; a = k + 1) {
        if ((k = top_find(tf, a, z, comma)) == NONE)
            k = z;
        if (const_number(tf, a, k, &v, depth + 1) != 0)
            return -1;
        if (a == i + 2 || (lo ? v < *out : v > *out))
            *out = v;
    }
    return z > i + 2 ? 0 : -1;
}

/* local.NAME as a condition, read among its own file's tokens. */
static int
local_cond(struct tf *tf, size_t tok, int depth)
{
    int shared, x;
    const struct decl *d = lookup_decl(tf, 0, tok, &shared);
    const struct tok *t = tf->t;
    const char *text = tf->text;

    if (d == NULL)
        return -1;
    tf->t = d->t;
    tf->text = d->text;
    x = cond_value(tf, d->expr, d->end, depth + 1);
    tf->t = t;
    tf->text = text;
    return x;
}

/* a == b, a != b, a < b, ... at token k of [i, q), over constant numbers
 * (const_number) or texts known in full (a variable's default, a
 * literal): 1 or 0, -1 when either is not known. */
static int
cond_compare(struct tf *tf, size_t i, size_t k, size_t q)
{
    struct cur l = {i, k}, r = {k + 1, q};
    struct val x, y;
    double m, n;
    int eq;

    if (const_number(tf, i, k, &m, 0) == 0 &&
        const_number(tf, k + 1, q, &n, 0) == 0)
        return tok_is(tf, k, "==")   ? m == n
               : tok_is(tf, k, "!=") ? m != n
               : tok_is(tf, k, "<")  ? m < n
               : tok_is(tf, k, ">")  ? m > n
               : tok_is(tf, k, "<=") ? m <= n
                                     : m >= n;
    if (!tok_is(tf, k, "==") && !tok_is(tf, k, "!="))
        return -1;
    x = eval_expr(tf, &l);
    y = eval_expr(tf, &r);
    tf->cond_var |= ((x.flags | y.flags) & VF_VAR) != 0;
    if (x.kind != V_STR || y.kind != V_STR || l.i != k || r.i != q ||
        memchr(x.s, AA_HOLE, x.n) != NULL || memchr(y.s, AA_HOLE, y.n) != NULL)
        return -1;
    eq = x.n == y.n && memcmp(x.s, y.s, x.n) == 0;
    return tok_is(tf, k, "==") ? eq : !eq;
}

/* The value of the condition at tokens [i, q) with the defaults: 1 or 0;
 * -1 when the defaults do not decide it (the deployer's to set).  Read:
 * true, false, var.x with a literal bool default, local.x of such a
 * condition, ! and parentheses, and == or != over known texts, which is
 * how a count or a name is switched by a telemetry flag (CUA-F10). */
static int
cond_value(struct tf *tf, size_t i, size_t q, int depth)
{
    static const char *const joins[] = {"&&", "||", "?", NULL};
    static const char *const compares[] = {"==", "!=", "<", ">",
                                           "<=", ">=", NULL};
    size_t k;
    int x;

    if (q <= i || depth > 8)
        return -1;
    if (tf->t[i].type == T_LPAREN && tf->t[i].pair == q - 1)
        return cond_value(tf, i + 1, q - 1, depth + 1);
    if (top_find(tf, i, q, joins) != NONE)
        return -1; /* not read: the deployer's */
    if ((k = top_find(tf, i, q, compares)) != NONE)
        return cond_compare(tf, i, k, q);
    if (tok_is(tf, i, "!"))
        return (x = cond_value(tf, i + 1, q, depth + 1)) < 0 ? -1 : !x;
    if (q == i + 1)
        return tok_is(tf, i, "true") ? 1 : tok_is(tf, i, "false") ? 0 : -1;
    if (q == i + 3 && tok_is(tf, i + 1, ".") && tf->t[i + 2].type == T_IDENT) {
        if (tok_is(tf, i, "var"))
            return var_bool(tf, i + 2);
        if (tok_is(tf, i, "local"))
            return local_cond(tf, i + 2, depth);
    }
    return -1;
}

/* The count of block 'blk' at *at (NONE without one): a number, or
 * COND ? N : M with COND one the defaults decide (cond_value), N and M
 * numbers (const_number).  A COND that reads no variable is constant: on,
 * it is no switch; off, the pid never deploys.  Anything
 * else is read as a switch the deployer sets, as a Bicep condition that
 * cannot be evaluated is (scan_bicep.c): calling it off would put a
 * working pid at risk on no evidence. */
static enum count_use
count_use(struct tf *tf, const struct item *blk, size_t *at)
{
    static const char *const question[] = {"?", NULL};
    static const char *const colon[] = {":", NULL};
    struct item a;
    size_t i, e, q, c = NONE;
    double n, yes, no;
    int x;

    *at = NONE;
    if (!find_attr(tf, blk, "count", &a) || a.end <= a.expr)
        return for_each_use(tf, blk, at);
    *at = a.expr;
    i = a.expr;
    e = a.end;
    if (e == i + 1 && (x = zero_or_not(tf, i)) >= 0)
        return x ? COUNT_ALWAYS : COUNT_OFF;
    /* A length of a variable's default is on by default when that is not
     * empty; the deployer may still pass an empty one. */
    tf->cond_var = 0;
    if (const_number(tf, i, e, &n, 0) == 0)
        return n == 0 ? COUNT_OFF : tf->cond_var ? COUNT_SWITCH : COUNT_ALWAYS;
    q = top_find(tf, i, e, question); /* the '?' of COND ? N : M */
    if (q != NONE)
        c = top_find(tf, q + 1, e, colon);
    tf->cond_var = 0;
    if (c == NONE || const_number(tf, q + 1, c, &yes, 0) != 0 ||
        const_number(tf, c + 1, e, &no, 0) != 0 ||
        (x = cond_value(tf, i, q, 0)) < 0)
        return COUNT_SWITCH;
    if ((x ? yes : no) == 0)
        return COUNT_OFF;
    /* On by default; the deployer may still turn it off. */
    return (yes != 0) != (no != 0) && tf->cond_var ? COUNT_SWITCH
                                                   : COUNT_ALWAYS;
}

/* Whether tokens [from, to) write "pid-" in any case. */
static int
span_mentions_pid(const struct tf *tf, size_t from, size_t to)
{
    const char *p;
    size_t n;

    if (to <= from)
        return 0;
    p = tf->text + tf->t[from].off;
    n = tf->t[to - 1].end - tf->t[from].off;
    for (size_t i = 0; i + 4 <= n; i++)
        if (strncasecmp(p + i, "pid-", 4) == 0)
            return 1;
    return 0;
}

/* Whether the expression of attribute a writes "pid-" in any case. */
static int
mentions_pid(const struct tf *tf, const struct item *a)
{
    return a->name != NONE && span_mentions_pid(tf, a->expr, a->end);
}

/* A name chosen by a condition, "COND ? A : B" with the pid in one
 * branch only, as a count is (count_use): off when the defaults pick the
 * other branch (cond_value), the deployer's switch otherwise (no default,
 * or another condition), as ARM's if() and Bicep's ?: names are read
 * (aa_switch_effect).  COUNT_ALWAYS when both branches or neither write
 * a pid. */
static enum count_use
name_switch_use(struct tf *tf, const struct item *a)
{
    size_t i = a->expr, e = a->end, q = NONE, colon = NONE;
    int depth = 0, x, yes, no;

    for (size_t k = i; k < e; k++) {
        if (tok_is(tf, k, "(") || tok_is(tf, k, "[") || tok_is(tf, k, "{"))
            depth++;
        else if (tok_is(tf, k, ")") || tok_is(tf, k, "]") || tok_is(tf, k, "}"))
            depth--;
        else if (depth == 0 && q == NONE && tok_is(tf, k, "?"))
            q = k;
        else if (depth == 0 && q != NONE && colon == NONE && tok_is(tf, k, ":"))
            colon = k;
    }
    if (q == NONE || colon == NONE)
        return COUNT_SWITCH;
    yes = span_mentions_pid(tf, q + 1, colon);
    no = span_mentions_pid(tf, colon + 1, e);
    if (yes == no)
        return COUNT_ALWAYS;
    tf->cond_var = 0;
    if ((x = cond_value(tf, i, q, 0)) < 0)
        return COUNT_SWITCH;
    if (x != yes)
        return COUNT_OFF;
    return tf->cond_var ? COUNT_SWITCH : COUNT_ALWAYS;
}

/* Whether azapi_resource 'blk' is an ARM deployment: its type is a
 * written "Microsoft.Resources/deployments@<version>", which ARM reads
 * without case. */
static int
azapi_deployment(const struct tf *tf, const struct item *blk)
{
    static const char ty[] = "Microsoft.Resources/deployments@";
    struct item a;
    const char *s;
    size_t n;

    return find_attr(tf, blk, "type", &a) && plain_string(tf, a.expr, &s, &n) &&
           n > sizeof(ty) - 1 && strncasecmp(s, ty, sizeof(ty) - 1) == 0;
}

/* azurerm_*template_deployment, or an azapi_resource of the deployments
 * type: its name may be a CUA deployment name
 * (CUA-F08), and its template body may hold one, nested.  Judged as a
 * Bicep deployment of that name would be: a GUID that is not known, or
 * that comes from a variable's default, puts it at risk (CUA-F21); so
 * does a count that leaves it out by default (CUA-F10). */
static void
scan_deployment(struct tf *tf, const struct item *blk)
{
    static const char *const bodies[] = {"template_body", "template_content"};
    struct item a;
    struct val v =
        (aa_scan_steps_begin(tf->s, tf->f), attr(tf, blk, "name", &a));
    char g[37];
    cJSON *json;

    /* A name wholly unknown (a variable with no default, another
     * resource's attribute, a call over other text) is no pid, as a
     * parameter with no default is in ARM and Bicep: only one whose
     * known text starts with pid- is, or a call over such text.  A local
     * or variable declared in a file not read may hold one. */
    if (v.kind == V_UNKNOWN || (v.kind == V_STR && v.n == 1 && *v.s == AA_HOLE))
        v = (v.flags & VF_UNSEEN) || mentions_pid(tf, &a)
                ? (struct val){V_STR, v.flags, AA_HOLE_STR, 1}
                : val_of(V_UNKNOWN, v.flags);
    if (v.kind == V_STR &&
        ((v.n == 1 && *v.s == AA_HOLE) || strncasecmp(v.s, "pid-", 4) == 0)) {
        enum aa_pid_form form = aa_pid_classify(v.s, v.n, g);
        int valid = aa_pid_counts(form);
        int risky = !valid;
        size_t at;
        enum count_use use = count_use(tf, blk, &at);

        /* A name that is a pid only on one side of a condition is
         * switched as a count is; the stricter of the two holds. */
        if (v.flags & VF_COND) {
            enum count_use nu = name_switch_use(tf, &a);

            if (nu == COUNT_OFF ||
                (nu == COUNT_SWITCH && use == COUNT_ALWAYS)) {
                use = nu;
                at = a.expr;
            }
        }

        hit_value(tf, AA_D_TF_ARM_DEPLOYMENT, a.name, &a, &v);
        /* What makes the name attribute nothing has its own finding;
         * what makes it fragile too. */
        if (form == AA_PID_PLACEHOLDER)
            hit_value(tf, AA_D_PID_PLACEHOLDER, a.name, &a, &v);
        else if (form == AA_PID_ZERO)
            hit_value(tf, AA_D_PID_ZERO_GUID, a.name, &a, &v);
        else if (form == AA_PID_BAD_GUID)
            hit_value(tf, AA_D_PID_BAD_GUID, a.name, &a, &v);
        else if (!valid)
            hit_value(tf, AA_D_PID_UNRESOLVED, a.name, &a, &v);
        /* A variable that fills only what follows a written pid-<GUID>
         * changes nothing that counts. */
        if (valid && (v.flags & VF_VAR) && g[0] != '\0' &&
            !written_in(tf->text + tf->t[a.expr].off,
                        tf->t[a.end - 1].end - tf->t[a.expr].off, g)) {
            hit_value(tf, AA_D_PID_PARAMETER, a.name, &a, &v);
            risky = 1;
        }
        if (use == COUNT_OFF && (valid || form == AA_PID_UNRESOLVED)) {
            hit_value(tf, AA_D_PID_OFF_BY_DEFAULT, at, &a, &v);
            risky = 1;
        } else if (use == COUNT_SWITCH &&
                   (valid || form == AA_PID_UNRESOLVED)) {
            hit_value(tf, AA_D_PID_OPT_OUT, at, &a, &v);
        }
        settle(tf, valid && !risky ? AA_SCAN_ATTRIBUTED
                   : form == AA_PID_ZERO || form == AA_PID_BAD_GUID ||
                           form == AA_PID_PLACEHOLDER
                       ? AA_SCAN_NOT_ATTRIBUTED
                       : AA_SCAN_AT_RISK);
    }
    for (size_t k = 0; k < sizeof(bodies) / sizeof(*bodies); k++) {
        v = attr(tf, blk, bodies[k], &a);
        if (v.kind != V_STR || memchr(v.s, AA_HOLE, v.n) != NULL ||
            (json = cJSON_ParseWithLength(v.s, v.n)) == NULL)
            continue;
        scan_json(tf, json, &a, 0);
        cJSON_Delete(json);
    }
}

/* A module block of a local source, for aa_scan_finish to weigh what the
 * called folder deploys against every call of it (struct aa_tf_mod). */
static void
note_module(struct tf *tf, const struct item *it)
{
    struct aa_tf_mod *m;
    struct item a;
    const char *src;
    size_t n, at;

    if (!find_attr(tf, it, "source", &a) ||
        !plain_string(tf, a.expr, &src, &n) ||
        !((n >= 2 && memcmp(src, "./", 2) == 0) ||
          (n >= 3 && memcmp(src, "../", 3) == 0)))
        return;
    m = aa_arena_alloc(&tf->s->arena, sizeof(*m));
    m->source = aa_arena_strndup(&tf->s->arena, src, n);
    {
        enum count_use use = count_use(tf, it, &at);

        m->off = use == COUNT_OFF;
        m->optional = use == COUNT_SWITCH;
    }
    m->next = tf->f->tf->mods;
    tf->f->tf->mods = m;
}

/* Variables and locals first: expressions elsewhere refer to them. */
static void
collect_decls(struct tf *tf, size_t ntok)
{
    struct item it, a;
    size_t pos = 0, in;

    while (next_item(tf, &pos, ntok, &it)) {
        int is_var = tok_is(tf, it.name, "variable");
        const char *vname = is_var ? label(tf, &it) : NULL;

        if (it.open == NONE || (!tok_is(tf, it.name, "locals") && !vname))
            continue;
        for (in = it.open + 1; next_item(tf, &in, tf->t[it.open].pair, &a);) {
            struct decl *d;

            if (a.open != NONE || (is_var && !tok_is(tf, a.name, "default")))
                continue;
            d = aa_arena_alloc(tf->alloc, sizeof(*d));
            d->t = tf->t;
            d->text = tf->text;
            d->file = tf->file;
            d->at = tf->t[a.expr].off; /* a.end's, when a.expr == a.end */
            d->name = is_var ? vname : tf->text + tf->t[a.name].off;
            d->nlen =
                is_var ? strlen(vname) : tf->t[a.name].end - tf->t[a.name].off;
            d->expr = a.expr;
            d->end = a.end;
            d->next = is_var ? tf->vars : tf->locals;
            *(is_var ? &tf->vars : &tf->locals) = d;
        }
    }
}

void
aa_scan_tf_module_free(struct aa_tf_module *m)
{
    if (m == NULL)
        return;
    aa_arena_fini(&m->arena);
    free(m);
}

/* Lex text (len bytes) into lx; tokens the caller frees.  Counted, for
 * the tests that bound how often each file is lexed. */
static int
lex_file(struct aa_scan *s, struct lexer *lx, const char *text, size_t len)
{
    /* Not a compound literal: that would zero the stack of open
     * constructs, 6 KiB, for every file. */
    lx->text = text;
    lx->len = len;
    lx->pos = lx->n = lx->cap = lx->depth = lx->err_off = 0;
    lx->v = NULL;
    lx->err = NULL;
    s->tf_lexed++;
    if (len >= UINT32_MAX)
        return fail(lx, 0, "4 GiB or larger");
    return lex(lx);
}

/* A copy in alloc of tokens [lo, hi) of t and of the bit of 'text' they
 * span, in one piece: the pairs counted from lo, the offsets from the
 * bit's start; *copy is the bit, NUL-terminated.  An expression is
 * balanced (every pair of a token among them is among them too), and
 * its evaluation reads no text outside its tokens. */
static struct tok *
copy_toks(struct aa_scan *s, struct aa_arena *alloc, const struct tok *t,
          const char *text, size_t lo, size_t hi, const char **copy)
{
    uint32_t from = hi > lo ? UINT32_MAX : 0, to = 0;
    size_t nt = (hi - lo) * sizeof(struct tok);
    char *mem, *bit;
    struct tok *v;

    for (size_t k = lo; k < hi; k++) {
        from = t[k].off < from ? t[k].off : from;
        to = t[k].end > to ? t[k].end : to;
    }
    mem = aa_arena_alloc_raw(alloc, nt + (to - from) + 1);
    v = (struct tok *)(void *)mem;
    bit = mem + nt;
    memcpy(bit, text + from, to - from);
    bit[to - from] = '\0';
    s->tf_kept += hi - lo;
    for (size_t k = lo; k < hi; k++) {
        v[k - lo] = t[k];
        v[k - lo].off -= from;
        v[k - lo].end -= from;
        if (t[k].pair != NOPAIR)
            v[k - lo].pair = t[k].pair - (uint32_t)lo;
    }
    *copy = bit;
    return v;
}

/* The declarations from d up to 'old', which were there before, made to
 * hold copies of their own tokens and text, and of their name when it is
 * the file's (a local's): their file's tokens are about to be freed, and
 * its text once it is scanned. */
static void
keep_decls(struct aa_scan *s, struct aa_arena *alloc, struct decl *d,
           const struct decl *old, int names)
{
    for (; d != old; d = d->next) {
        if (names)
            d->name = aa_arena_strndup(alloc, d->name, d->nlen);
        d->t = copy_toks(s, alloc, d->t, d->text, d->expr, d->end, &d->text);
        d->end -= d->expr;
        d->expr = 0;
    }
}

/* The same for the provider blocks from c up to 'old': only what
 * conf_verdict reads of them, their partner_id's expression. */
static void
keep_confs(struct aa_scan *s, struct aa_arena *alloc, struct conf *c,
           const struct conf *old)
{
    for (; c != old; c = c->next) {
        c->t = copy_toks(s, alloc, c->t, c->text, c->expr, c->end, &c->text);
        c->end -= c->expr;
        c->expr = 0;
    }
}

static int
cmp_decl(const void *x, const void *y)
{
    const struct decl *a = *(const struct decl *const *)x;
    const struct decl *b = *(const struct decl *const *)y;
    int d = cmp_name(a->name, a->nlen, b->name, b->nlen);

    return d != 0 ? d : (a->seq > b->seq) - (a->seq < b->seq);
}

/* The declarations of list d sorted by name, *n of them; of namesakes,
 * the one find_decl meets first comes first. */
static struct decl **
index_decls(struct aa_arena *alloc, struct decl *d, size_t *n)
{
    struct decl **v;

    *n = 0;
    for (struct decl *e = d; e != NULL; e = e->next)
        e->seq = (unsigned)(*n)++;
    v = aa_arena_alloc(alloc, (*n + 1) * sizeof(*v));
    for (size_t k = 0; d != NULL; d = d->next)
        v[k++] = d;
    if (*n > 1)
        qsort(v, *n, sizeof(*v), cmp_decl);
    return v;
}

/* The configurations the file's resources, data sources and modules
 * select, appended to *v (*n of them, room for *cap): marked once every
 * block of the module is known.  How many of those select anything; how
 * many of those are resources or modules, which deploy, into *deployers. */
static size_t
note_selected(struct tf *tf, size_t ntok, struct sel **v, size_t *n,
              size_t *cap, size_t *deployers)
{
    struct item it;
    struct sel sel[MAX_SEL];
    size_t pos = 0, k, users = 0;
    int module;

    while (next_item(tf, &pos, ntok, &it)) {
        const char *l0 = label(tf, &it);

        if (l0 == NULL)
            continue;
        k = selections(tf, &it, l0, sel, &module);
        users += k > 0;
        *deployers += k > 0 && !tok_is(tf, it.name, "data");
        for (size_t j = 0; j < k; j++) {
            if (*n == *cap)
                *v = aa_xrealloc(*v, *cap = *cap ? 2 * *cap : 64, sizeof(**v));
            /* Read once the module's files are all read, when a file's
             * merged view (mview) is gone: the alias is copied. */
            if (sel[j].alias != NULL)
                sel[j].alias =
                    aa_arena_strndup(tf->alloc, sel[j].alias, sel[j].alen);
            (*v)[(*n)++] = sel[j];
        }
    }
    return users;
}

/* A label as written (azurerm or "azurerm"), as *s and *n; 0 when it is
 * a string with escapes or interpolation. */
static int
label_text(const struct tf *tf, size_t i, const char **s, size_t *n)
{
    if (tf->t[i].type != T_IDENT)
        return plain_string(tf, i, s, n);
    *s = tf->text + tf->t[i].off;
    *n = tf->t[i].end - tf->t[i].off;
    return 1;
}

/* The key by which Terraform merges an override block into top-level
 * block 'it', to free: its type and labels, and for a provider its alias
 * (an unaliased override block merges into the default configuration).
 * NULL for a block this scan reads nothing of (not a resource, data
 * source, module call or provider) or whose labels or alias are not
 * written out.  Variables and locals merge by name (lookup_decl). */
static char *
block_key(const struct tf *tf, const struct item *it)
{
    static const char *const types[] = {"resource", "data", "module",
                                        "provider"};
    const char *lab[2] = {"", ""}, *al = "";
    size_t ln[2] = {0, 0}, an = 0, k;
    struct item a;

    if (it->open == NONE)
        return NULL;
    for (k = 0; k < 4 && !tok_is(tf, it->name, types[k]);)
        k++;
    if (k == 4 || it->nlab != (k < 2 ? 2 : 1))
        return NULL;
    for (int j = 0; j < it->nlab; j++)
        if (!label_text(tf, it->lab[j], &lab[j], &ln[j]))
            return NULL;
    if (k == 3 && attr_in(tf, it->open, "alias", &a) &&
        !plain_string(tf, a.expr, &al, &an))
        return NULL;
    /* A quoted label holds no line break: one parts them. */
    return aa_xasprintf("%s\n%.*s\n%.*s\n%.*s", types[k], (int)ln[0], lab[0],
                        (int)ln[1], lab[1], (int)an, al);
}

/* Override file o of module m, lexed once: a copy of its tokens and text
 * in m's arena, the variable defaults and locals it declares
 * (m->ovars, m->olocals), and the keys of its blocks.  One that does not
 * lex is left out: scan.c left it out of the module and reported it
 * (aa_scan_tf_refused). */
static void
read_override(struct tf *tf, struct aa_tf_module *m,
              const struct aa_scan_text *o)
{
    struct ovr *v = &m->ovr[m->novr];
    struct lexer lx;
    struct item it;
    size_t pos = 0, nblk = 0;

    if (lex_file(tf->s, &lx, o->text, o->len) != 0) {
        free(lx.v);
        return;
    }
    v->n = lx.n;
    v->t = copy_toks(tf->s, &m->arena, lx.v, o->text, 0, lx.n, &v->text);
    v->len = v->t[lx.n - 1].end; /* the last newline's, at the end */
    free(lx.v);
    m->novr++;
    tf->t = v->t;
    tf->text = v->text;
    tf->file = OVR_FILE;
    tf->mt = NULL;
    tf->vars = m->ovars;
    tf->locals = m->olocals;
    collect_decls(tf, v->n);
    m->ovars = tf->vars;
    m->olocals = tf->locals;
    while (next_item(tf, &pos, v->n, &it))
        nblk += it.open != NONE;
    v->key = aa_arena_alloc(&m->arena, (nblk + 1) * sizeof(*v->key));
    v->open = aa_arena_alloc(&m->arena, (nblk + 1) * sizeof(*v->open));
    for (pos = 0; next_item(tf, &pos, v->n, &it);) {
        char *key = block_key(tf, &it);

        if (key == NULL)
            continue;
        v->key[v->nblk] = aa_arena_strdup(&m->arena, key);
        v->open[v->nblk++] = it.open;
        free(key);
    }
}

/* The merged reading of a file of the module (struct tf.mt). */
struct mview {
    struct tok *t;
    char *text;
    struct merge *merge;
    size_t nmerge;
};

static void
mview_free(struct mview *mv)
{
    free(mv->t);
    free(mv->text);
    free(mv->merge);
    memset(mv, 0, sizeof(*mv));
}

/* The tokens t (n of them, over the text of len bytes) of a file of the
 * module, read with those of the module's override files after them when
 * one of its top-level blocks has an override block to merge: made into
 * *mv, which tf then reads, and 1.  0, and nothing made, when none has:
 * tf reads t over text. */
static int
merge_view(struct tf *tf, const struct tok *t, size_t n, const char *text,
           size_t len, struct mview *mv)
{
    const struct aa_tf_module *m = tf->module;
    struct item it;
    size_t pos = 0, cap = 0, nt = n, nx = len, k, tk, off;

    memset(mv, 0, sizeof(*mv));
    tf->t = t;
    tf->text = text;
    tf->mt = NULL;
    tf->nmerge = 0;
    if (m == NULL || m->novr == 0)
        return 0;
    while (next_item(tf, &pos, n, &it)) {
        char *key = block_key(tf, &it);

        for (k = 0, tk = n; key != NULL && k < m->novr; tk += m->ovr[k++].n)
            for (size_t j = 0; j < m->ovr[k].nblk; j++) {
                if (strcmp(key, m->ovr[k].key[j]) != 0)
                    continue;
                if (mv->nmerge == cap)
                    mv->merge = aa_xrealloc(mv->merge, cap = 2 * cap + 4,
                                            sizeof(*mv->merge));
                mv->merge[mv->nmerge++] =
                    (struct merge){it.open, tk + m->ovr[k].open[j]};
            }
        free(key);
    }
    for (k = 0; k < m->novr; k++) {
        nt += m->ovr[k].n;
        nx += 1 + m->ovr[k].len;
    }
    if (mv->nmerge == 0 || nx >= UINT32_MAX) {
        mview_free(mv);
        return 0;
    }
    mv->t = aa_xcalloc(nt, sizeof(*mv->t));
    mv->text = aa_xmalloc(nx + 1);
    memcpy(mv->t, t, n * sizeof(*t));
    memcpy(mv->text, text, len);
    for (k = 0, tk = n, off = len; k < m->novr; k++) {
        const struct ovr *o = &m->ovr[k];

        mv->text[off++] = '\n';
        memcpy(mv->text + off, o->text, o->len);
        for (size_t j = 0; j < o->n; j++) {
            struct tok *d = &mv->t[tk + j];

            *d = o->t[j];
            d->off += (uint32_t)off;
            d->end += (uint32_t)off;
            if (d->pair != NOPAIR)
                d->pair += (uint32_t)tk;
        }
        off += o->len;
        tk += o->n;
    }
    mv->text[off] = '\0';
    tf->t = mv->t;
    tf->text = mv->text;
    tf->mt = mv->t;
    tf->merge = mv->merge;
    tf->nmerge = mv->nmerge;
    return 1;
}

/* The module's declarations and provider blocks, read for the first of
 * its files scanned (struct aa_tf_module).  Each file is lexed and its
 * tokens freed before the next, but for the file being scanned, whose
 * tokens are its own (tf->own_t).  A file that does not lex adds nothing:
 * it is reported when it is scanned itself. */
static void
read_module(struct tf *tf)
{
    struct aa_scan *s = tf->s;
    const struct aa_scan_module *sm = s->module;
    const struct tok *t = tf->t, *mt = tf->mt;
    const struct merge *merge = tf->merge;
    size_t nmerge = tf->nmerge;
    const char *text = tf->text;
    struct decl *vars = tf->vars, *locals = tf->locals;
    struct aa_arena *alloc = tf->alloc;
    struct aa_tf_module *m = sm->tf;
    struct sel *sel = NULL;
    size_t users = 0, deployers = 0, nsel = 0, capsel = 0;

    if (tf->module != NULL)
        return;
    if (m != NULL) {
        tf->module = m;
        return;
    }
    m = s->module->tf = aa_xcalloc(1, sizeof(*m));
    aa_arena_init(&m->arena);
    tf->alloc = &m->arena;
    m->confs = aa_arena_alloc(&m->arena, sizeof(*m->confs));
    memset(m->confs, 0, sizeof(*m->confs));
    tf->module = m; /* what a label refers to is read from what is read */
    /* The override files first: what they declare wins wherever it is
     * looked up, and the blocks of the others take what theirs set. */
    m->ovr = aa_arena_alloc(&m->arena, (sm->nover + 1) * sizeof(*m->ovr));
    memset(m->ovr, 0, (sm->nover + 1) * sizeof(*m->ovr));
    for (size_t i = 0; i < sm->nover; i++)
        read_override(tf, m, &sm->over[i]);
    for (size_t i = 0; i < sm->ntext; i++) {
        int own = i == sm->at && tf->own_t != NULL;
        struct conf *confs0 = m->confs->list;
        struct lexer lx = {.v = (struct tok *)tf->own_t, .n = tf->own_n};
        struct mview mv;

        if (!own && lex_file(s, &lx, sm->text[i].text, sm->text[i].len) != 0) {
            free(lx.v);
            continue;
        }
        tf->file = (unsigned)i;
        merge_view(tf, lx.v, lx.n, sm->text[i].text, sm->text[i].len, &mv);
        tf->vars = m->vars;
        tf->locals = m->locals;
        collect_decls(tf, lx.n);
        collect_confs(tf, lx.n, &m->confs->list);
        users += note_selected(tf, lx.n, &sel, &nsel, &capsel, &deployers);
        keep_decls(s, &m->arena, tf->vars, m->vars, 0);
        keep_decls(s, &m->arena, tf->locals, m->locals, 1);
        keep_confs(s, &m->arena, m->confs->list, confs0);
        m->vars = tf->vars;
        m->locals = tf->locals;
        mview_free(&mv);
        if (!own)
            free(lx.v);
    }
    /* Selected from any file of the module, once all its blocks are
     * known. */
    index_confs(m->confs, &m->arena);
    {
        const char **paths = aa_xcalloc(sm->ntext + 1, sizeof(*paths));

        for (size_t i = 0; i < sm->ntext; i++)
            paths[i] = sm->text[i].path;
        m->repeats =
            aa_arena_alloc(&m->arena, (sm->ntext + 1) * sizeof(*m->repeats));
        memset(m->repeats, 0, (sm->ntext + 1) * sizeof(*m->repeats));
        find_repeats(m->confs, paths, sm->alone ? sm->at : NONE, &m->arena,
                     m->repeats);
        free(paths);
    }
    for (size_t k = 0; k < nsel; k++) {
        struct conf *c =
            find_conf(m->confs, sel[k].prov, sel[k].alias, sel[k].alen);

        if (c != NULL)
            c->selected = 1;
    }
    free(sel);
    /* Data sources only read: a module that deploys nothing here says
     * nothing of whether its defaults are used (a providers.tf and a
     * lookup), so they count. */
    for (struct conf *c = m->confs->list; deployers == 0 && c != NULL;
         c = c->next)
        c->selected |= c->alias == NULL;
    select_all_unless(m->confs, users);
    m->var_at = index_decls(&m->arena, m->vars, &m->nvar);
    m->local_at = index_decls(&m->arena, m->locals, &m->nlocal);
    tf->t = t;
    tf->text = text;
    tf->mt = mt;
    tf->merge = merge;
    tf->nmerge = nmerge;
    tf->file = (unsigned)sm->at;
    tf->vars = vars;
    tf->locals = locals;
    tf->alloc = alloc;
    tf->module = m;
}

/* One top-level block: providers, deployments and AVM telemetry. */
static void
scan_block(struct tf *tf, const struct item *it)
{
    const char *l0 = label(tf, it);
    int prov = tok_is(tf, it->name, "provider");
    int res = tok_is(tf, it->name, "resource");
    size_t n = l0 ? strlen(l0) : 0;

    if (l0 == NULL)
        return;
    if ((res || tok_is(tf, it->name, "data")) && !strncmp(l0, "azapi_", 6))
        tf->f->tf->azapi_uses++; /* configures azapi, if only by default */
    if (((res || tok_is(tf, it->name, "data")) &&
         !strncmp(l0, "azurerm_", 8)) ||
        (prov && !strcmp(l0, "azurerm")) || tok_is(tf, it->name, "module"))
        tf->f->tf->azurerm_uses++;
    if (prov && (!strcmp(l0, "azurerm") || !strcmp(l0, "azapi"))) {
        struct item a;
        const char *al = NULL;
        size_t alen = 0;
        const struct conf *c = NULL;

        /* Aliases are selected by name, wherever the block is; an
         * unaliased block is one the module calls of other files may find
         * (aa_scan_tf_file.default_blocks). */
        if (!find_attr(tf, it, "alias", &a))
            tf->f->tf->default_blocks |= 1u << prov_of(l0, strlen(l0));
        if (a.name == NONE || plain_string(tf, a.expr, &al, &alen))
            c = find_conf(tf->confs, prov_of(l0, strlen(l0)), al, alen);
        scan_provider(tf, it, l0, c == NULL || c->selected);
        return;
    }
    use_providers(tf, it, l0);
    if (tok_is(tf, it->name, "module"))
        note_module(tf, it);
    if ((prov && !strcmp(l0, "modtm")) ||
        (res && !strcmp(l0, "modtm_telemetry"))) {
        if (!aa_scan_has(tf->f, AA_D_AVM_TELEMETRY))
            hit_at(tf, AA_D_AVM_TELEMETRY, tf->t[it->name].off, "modtm", 5);
        settle(tf, AA_SCAN_NOT_ATTRIBUTED);
    } else if ((res && !strncmp(l0, "azurerm_", 8) && n >= 19 &&
                !strcmp(l0 + n - 19, "template_deployment")) ||
               (res && !strcmp(l0, "azapi_resource") &&
                azapi_deployment(tf, it))) {
        scan_deployment(tf, it); /* resource_group_, subscription_, ... */
    }
}

/* Every configuration used must carry the id: the resources of one
 * without it are not attributed (CUA-F13).  Those of other files count
 * once this file has a verdict of its own, and only where a finding of
 * its own says why the file is not attributed: a block without the id is
 * reported in the file that holds it.  'implied' more configurations
 * without an id, found used by aa_scan_finish. */
enum aa_scan_status
aa_scan_tf_status(const struct aa_scan_file *f, size_t implied)
{
    size_t nprov = f->tf->counts[0] + implied, nok = f->tf->counts[1];
    enum aa_scan_status st;

    if (nprov == 0)
        return f->tf->best;
    st = nok == nprov ? AA_SCAN_ATTRIBUTED
         : nok + f->tf->counts[2] + f->tf->counts[3] + f->tf->counts[4] > 0
             ? AA_SCAN_AT_RISK
             : AA_SCAN_NOT_ATTRIBUTED;
    return st < f->tf->best ? st : f->tf->best;
}

/* The second partner_id of a provider block that sets it twice, or NONE;
 * *first is the first.  Terraform refuses such a file ("Duplicate
 * argument"), so no run of it sends either value. */
static size_t
twice_set(const struct tf *tf, size_t ntok, size_t *first)
{
    struct item it, a;
    size_t pos = 0, in;

    while (next_item(tf, &pos, ntok, &it)) {
        if (it.open == NONE || !tok_is(tf, it.name, "provider"))
            continue;
        *first = NONE;
        for (in = it.open + 1; next_item(tf, &in, tf->t[it.open].pair, &a);) {
            if (a.open != NONE || !tok_is(tf, a.name, "partner_id"))
                continue;
            if (*first != NONE)
                return a.name;
            *first = a.name;
        }
    }
    return NONE;
}

/* Why Terraform refuses the text (len bytes), lexed into lx (whose tokens
 * the caller frees): NULL, or a message to free, at byte *off. */
static char *
refusal(struct aa_scan *s, struct lexer *lx, const char *text, size_t len,
        size_t *off)
{
    struct tf tf = {.s = s, .text = text};
    size_t first, again;
    struct aa_loc at;

    if (lex_file(s, lx, text, len) != 0) {
        *off = lx->err_off;
        return aa_xasprintf("Terraform: %s", lx->err);
    }
    tf.t = lx->v;
    if ((again = twice_set(&tf, lx->n, &first)) == NONE)
        return NULL;
    at = aa_loc_of_offset(NULL, text, lx->v[first].off);
    *off = lx->v[again].off;
    return aa_xasprintf("Terraform: partner_id set twice in one provider "
                        "block (first at %u:%u), which Terraform refuses",
                        at.line, at.col);
}

char *
aa_scan_tf_refused(struct aa_scan *s, const char *text, size_t len, size_t *off)
{
    struct lexer lx;
    char *why = refusal(s, &lx, text, len, off);

    free(lx.v);
    return why;
}

/* What a top-level block of an override file merges into, as Terraform
 * matches it (configs.Module.mergeFile): a key, to free, of its kind and
 * labels, and for a provider its alias.  NULL for a block that needs
 * nothing to merge into (an unaliased provider block, which Terraform
 * takes for the default configuration where there is none; a terraform
 * block) and for one whose labels are not written out.  *wild, to free:
 * for a provider whose alias is not written out, the key that matches
 * any alias of that provider. */
static char *
merge_key(const struct tf *tf, const struct item *it, char **wild)
{
    static const char *const kinds[] = {"resource", "data",   "module",
                                        "variable", "output", "provider"};
    static const int nlabs[] = {2, 2, 1, 1, 1, 1};
    const char *lab[2] = {"", ""};
    size_t ln[2] = {0, 0}, k;
    struct item a;

    *wild = NULL;
    if (it->open == NONE)
        return NULL;
    for (k = 0; k < 6 && !tok_is(tf, it->name, kinds[k]);)
        k++;
    if (k == 6 || it->nlab != nlabs[k])
        return NULL;
    for (int j = 0; j < it->nlab; j++)
        if (!label_text(tf, it->lab[j], &lab[j], &ln[j]))
            return NULL;
    if (k == 5 && !attr_in(tf, it->open, "alias", &a))
        return NULL;
    if (k == 5 && !plain_string(tf, a.expr, &lab[1], &ln[1])) {
        *wild = aa_xasprintf("provider\n%.*s", (int)ln[0], lab[0]);
        return NULL;
    }
    /* A quoted label holds no line break: one parts them. */
    return aa_xasprintf("%s\n%.*s\n%.*s", kinds[k], (int)ln[0], lab[0],
                        (int)ln[1], lab[1]);
}

/* The first block (or local value) of the override file read in tf
 * (ntok tokens) that merges into nothing among 'keys', those of the
 * module's other files (merge_key): what it is, to free, with the offset
 * of its first token in *off; or NULL. */
static char *
first_orphan(const struct tf *tf, size_t ntok, const struct aa_hashset *keys,
             size_t *off)
{
    struct item it, a;
    size_t pos = 0, in;

    while (next_item(tf, &pos, ntok, &it)) {
        const struct tok *n = &tf->t[it.name];
        char *key, *wild, *any = NULL, *why = NULL;
        const char *k1, *k2;

        if (it.open != NONE && tok_is(tf, it.name, "locals")) {
            for (in = it.open + 1;
                 next_item(tf, &in, tf->t[it.open].pair, &a);) {
                const struct tok *an = &tf->t[a.name];
                int len = (int)(an->end - an->off);

                if (a.open != NONE)
                    continue;
                key = aa_xasprintf("local\n%.*s\n", len, tf->text + an->off);
                if (aa_hashset_find(keys, key) == NULL)
                    why = aa_xasprintf("local value \"%.*s\"", len,
                                       tf->text + an->off);
                free(key);
                if (why != NULL) {
                    *off = an->off;
                    return why;
                }
            }
            continue;
        }
        if ((key = merge_key(tf, &it, &wild)) == NULL) {
            free(wild); /* an alias not written out may match any */
            continue;
        }
        k1 = strchr(key, '\n') + 1;
        k2 = strchr(k1, '\n') + 1;
        if (tok_is(tf, it.name, "provider"))
            any = aa_xasprintf("%.*s", (int)(k2 - key - 1), key);
        if (aa_hashset_find(keys, key) == NULL &&
            (any == NULL || aa_hashset_find(keys, any) == NULL)) {
            int n1 = (int)(k2 - k1 - 1), nk = (int)(n->end - n->off);

            why = any != NULL    ? aa_xasprintf("provider \"%.*s\" with alias "
                                                   "\"%s\"",
                                                n1, k1, k2)
                  : it.nlab == 2 ? aa_xasprintf("%.*s \"%.*s\" \"%s\"", nk,
                                                tf->text + n->off, n1, k1, k2)
                                 : aa_xasprintf("%.*s \"%.*s\"", nk,
                                                tf->text + n->off, n1, k1);
            *off = n->off;
        }
        free(any);
        free(key);
        if (why != NULL)
            return why;
    }
    return NULL;
}

size_t
aa_scan_tf_orphans(struct aa_scan *s, const struct aa_scan_module *m,
                   char **why, size_t *off)
{
    struct aa_arena a;
    struct aa_hashset keys;
    struct lexer lx;
    struct tf tf = {.s = s};
    struct item it, l;
    size_t found = 0, pos, in;

    for (size_t k = 0; k < m->nover; k++)
        why[k] = NULL;
    aa_arena_init(&a);
    aa_hashset_init(&keys, &a);
    for (size_t i = 0; i < m->ntext; i++) {
        if (lex_file(s, &lx, m->text[i].text, m->text[i].len) != 0) {
            /* Terraform refuses the module for that file, reported there:
             * what it would have declared is not known. */
            free(lx.v);
            aa_arena_fini(&a);
            return 0;
        }
        tf.t = lx.v;
        tf.text = m->text[i].text;
        for (pos = 0; next_item(&tf, &pos, lx.n, &it);) {
            char *wild, *key = merge_key(&tf, &it, &wild);

            if (key != NULL)
                (void)aa_hashset_add(&keys, aa_arena_strdup(&a, key), &keys);
            if (wild != NULL)
                (void)aa_hashset_add(&keys, aa_arena_strdup(&a, wild), &keys);
            free(key);
            free(wild);
            if (it.open == NONE || !tok_is(&tf, it.name, "locals"))
                continue;
            for (in = it.open + 1; next_item(&tf, &in, tf.t[it.open].pair, &l);)
                if (l.open == NONE) {
                    const struct tok *t = &tf.t[l.name];
                    char *lk =
                        aa_xasprintf("local\n%.*s\n", (int)(t->end - t->off),
                                     tf.text + t->off);

                    (void)aa_hashset_add(&keys, aa_arena_strdup(&a, lk), &keys);
                    free(lk);
                }
        }
        free(lx.v);
    }
    for (size_t k = 0; k < m->nover; k++) {
        char *w;

        if (lex_file(s, &lx, m->over[k].text, m->over[k].len) != 0) {
            free(lx.v); /* refused for that, and left out (scan.c) */
            continue;
        }
        tf.t = lx.v;
        tf.text = m->over[k].text;
        if ((w = first_orphan(&tf, lx.n, &keys, &off[k])) != NULL) {
            why[k] = w;
            found++;
        }
        free(lx.v);
    }
    aa_arena_fini(&a);
    return found;
}

int
aa_scan_tf(struct aa_scan *s, struct aa_scan_file *f, const char *text,
           size_t len, struct aa_diags *dl)
{
    struct lexer lx = {0};
    struct tf tf = {.s = s,
                    .f = f,
                    .text = text,
                    .ftext = text,
                    .flen = len,
                    .best = AA_SCAN_CONTEXT};
    struct item it;
    struct confset own = {0};
    struct mview mv = {0};
    struct repeat one = {0};
    const struct repeat *rep = &one;
    size_t pos = 0, off;
    char *why;
    /* A file of a module reads its module's other files too. */
    int shared = s->module != NULL && s->module->at < s->module->ntext &&
                 s->module->text[s->module->at].text == text;

    f->status = AA_SCAN_CONTEXT;
    f->tf = aa_arena_alloc(&s->arena, sizeof(*f->tf));
    tf.alloc = &tf.tmp;
    tf.max_depth = aa_limit(AA_LIMIT_EXPANSION_DEPTH);
    tf.max_size = aa_limit(AA_LIMIT_EXPANSION_SIZE);
    tf.work = aa_limit(AA_LIMIT_EXPANSION_WORK);
    if ((why = refusal(s, &lx, text, len, &off)) != NULL) {
        aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, off),
                    NULL, "%s", why);
        free(why);
        free(lx.v);
        return -1;
    }
    aa_arena_init(&tf.tmp);
    tf.t = lx.v;
    if (shared) {
        tf.own_t = lx.v;
        tf.own_n = lx.n;
        tf.file = (unsigned)s->module->at;
        read_module(&tf);
        /* With what the override files merge into its blocks. */
        merge_view(&tf, lx.v, lx.n, text, len, &mv);
    }
    tf.own = tf.text;
    collect_decls(&tf, lx.n);
    /* The provider blocks: of the module when the file is read with one
     * (they span its files, as its variables do), else of the file. */
    if (shared) {
        tf.confs = tf.module->confs;
        tf.gen = ++tf.module->gen;
        rep = &tf.module->repeats[tf.file];
    } else {
        tf.confs = &own;
        collect_confs(&tf, lx.n, &own.list);
        index_confs(&own, &tf.tmp);
        select_all_unless(&own, mark_selected(&tf, lx.n, tf.confs));
        tf.gen = 1;
        find_repeats(&own, &f->path, NONE, &tf.tmp, &one);
    }
    if (rep->why != NULL) {
        aa_diag_add(dl, AA_E_ARTIFACT,
                    rep->c != NULL ? aa_loc_of_offset(f->path, text, rep->c->at)
                                   : (struct aa_loc){f->path, 0, 0},
                    NULL, "%s", rep->why);
        aa_arena_fini(&tf.tmp);
        mview_free(&mv);
        free(lx.v);
        return -1;
    }
    while (next_item(&tf, &pos, lx.n, &it)) {
        tf.blk_at = tf.t[it.name].off;
        scan_block(&tf, &it);
    }
    /* Kept for aa_scan_finish, which may find implied configurations
     * that the module calls use. */
    f->tf->best = tf.best;
    f->tf->counts[0] = tf.nprov;
    f->tf->counts[1] = tf.nok;
    f->tf->counts[2] = tf.nrisk;
    f->tf->counts[3] = tf.eok;
    f->tf->counts[4] = tf.erisk;
    f->status = aa_scan_tf_status(f, 0);
    if (tf.over)
        aa_scan_note_limit(s, f, dl, text, tf.over_at, tf.over_limit);
    aa_arena_fini(&tf.tmp);
    mview_free(&mv);
    free(lx.v);
    return 0;
}
