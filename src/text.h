/*
 * text.h -- untrusted text made safe to show in a terminal or a CI log.
 *
 * Plan values, rule texts, file names and scanned code all reach the
 * outputs.  None of them may move the cursor, clear the screen, start a
 * line of its own or be read as a CI command, so every human-readable
 * output writes them through this module, and JSON through the same
 * classification (aa_text_decode, aa_text_unsafe).  It also lays text out
 * at a terminal's width, in display columns (aa_text_wrap and the rest
 * below; aa_text_print in attrib_advise.h for the front end).
 */
#ifndef AA_TEXT_H
#define AA_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

enum {
    AA_TEXT_TAB = 1 << 0, /* a tab stays a tab (code, XML) */
    AA_TEXT_LINE = 1 << 1 /* the text starts a line of output */
};

/* The character at s, of at most n bytes: returns its length in bytes (1
 * to 4) and sets *cp to its code point, or to -1 when the byte at s does
 * not begin well-formed UTF-8 (the length is then 1).  n must be >= 1. */
size_t aa_text_decode(const char *s, size_t n, long *cp);

/* Whether a character must never reach a terminal, a log or an XML
 * document as it is: C0 and C1 controls, DEL, the line and paragraph
 * separators, the bidirectional embeddings, overrides and isolates, the
 * noncharacters U+FFFE and U+FFFF, and a byte that is not UTF-8 (-1). */
int aa_text_unsafe(long cp);

/* Where the writers below write: bytes gather in buf and reach fp in
 * pieces of its size, so a page of many short pieces (a text report is a
 * few hundred) costs a few stdio calls.  Each writer that takes a FILE
 * writes through one of its own and flushes it before it returns; the
 * aa_tout_ ones leave that to their caller, who flushes before anything
 * else writes to fp.
 *
 * A tout made by aa_tout_init_mem has no fp: its buf grows on the heap
 * and keeps all that is put (running out of memory is fatal) until its
 * owner takes the bytes, writes them out and sets len to 0; a batch's
 * pages are laid out straight where they wait to be written, with no
 * stream between.  aa_tout_flush leaves it as it is. */
struct aa_tout {
    FILE *fp;
    char *buf; /* room (so a tout is never copied), or the heap's */
    size_t len, cap;
    /* Times buf went out: bytes written since a count was taken are all
     * still in buf while it stays the same (a piece to keep, kept.h). */
    unsigned long flushes;
    char room[4096];
};
void aa_tout_init(struct aa_tout *t, FILE *fp);
void aa_tout_init_mem(struct aa_tout *t);
void aa_tout_fini(struct aa_tout *t); /* frees the heap's buf, if any */
void aa_tout_flush(struct aa_tout *t);
/* aa_tout_put where the n bytes do not fit in what is left of buf. */
void aa_tout_spill(struct aa_tout *t, const char *p, size_t n);

static inline void
aa_tout_put(struct aa_tout *t, const char *p, size_t n)
{
    if (n > t->cap - t->len) {
        aa_tout_spill(t, p, n);
        return;
    }
    memcpy(t->buf + t->len, p, n);
    t->len += n;
}

static inline void
aa_tout_puts(struct aa_tout *t, const char *s)
{
    aa_tout_put(t, s, strlen(s));
}

static inline void
aa_tout_putc(struct aa_tout *t, char c)
{
    aa_tout_put(t, &c, 1);
}

/* Write s to fp with every unsafe character in its visible form (see
 * text.c), "##[" as "##\x5b", and with AA_TEXT_LINE a "::" that would
 * begin the line as "\x3a:".  aa_text_putn reads n bytes of s. */
void aa_text_put(FILE *fp, const char *s, unsigned flags);
void aa_text_putn(FILE *fp, const char *s, size_t n, unsigned flags);
void aa_tout_text(struct aa_tout *t, const char *s, unsigned flags);

/* The same as a heap string the caller frees; never NULL. */
char *aa_text_dup(const char *s, unsigned flags);

/* Terminal columns the n bytes of s take, as the C library's wcwidth
 * counts them: East Asian wide and fullwidth characters (CJK, emoji) two,
 * combining marks and format characters none, a byte that is not UTF-8
 * one.  For text already made safe (escaped). */
size_t aa_text_width(const char *s, size_t n);
/* |n| blanks, as fprintf "%*s" with "" writes them, without formatting. */
void aa_text_pad(FILE *fp, int n);
void aa_tout_pad(struct aa_tout *t, int n);
/* The decimal digits of n, written to end just before 'end' (at most 20
 * bytes), without printf's parsing of a format; returns where they start. */
char *aa_text_digits(char *end, unsigned long long n);

/*
 * Text at a terminal's width.  'width' is the columns of a line (below
 * 40 counts as 40); 'col' the column the cursor is at, 'indent' where
 * continuation lines start (less when that would leave a line under 20
 * columns of text).  Columns are display columns (aa_text_width), never
 * bytes.  With AA_TEXT_LINE the text starts its line.
 */

/* Write text (escaped first, as aa_text_put does) from column 'col',
 * wrapped: lines break at spaces, with no blank left at their end; a word
 * longer than a line (a path, a JSON pointer, a URL) breaks after a '/'
 * (when that fills half the line or more), else after a '/', '.', '-',
 * '_' or ',' (after a run of them), else where the line is full (text
 * without spaces, such as Japanese); a word that fits on no line starts
 * on the current one rather than leave it short; text that would start
 * past the width moves to the next line first.  The last line stays open:
 * returns the column it ends at.  aa_text_wrap ends it. */
int aa_text_flow(FILE *fp, const char *text, int col, int indent, int width,
                 unsigned flags);
void aa_text_wrap(FILE *fp, const char *text, int col, int indent, int width,
                  unsigned flags);
int aa_tout_flow(struct aa_tout *t, const char *text, int col, int indent,
                 int width, unsigned flags);
void aa_tout_wrap(struct aa_tout *t, const char *text, int col, int indent,
                  int width, unsigned flags);

/* One more item of a line ("FILE:LINE  POINTER"): 'gap' spaces and the
 * text on the current line when it fits there whole (or when the line
 * holds nothing but its indent), else from 'indent' on a new line; in
 * both cases wrapped as aa_text_flow does.  Returns the column it ends
 * at, the line open. */
int aa_text_next(FILE *fp, const char *text, int col, int gap, int indent,
                 int width, unsigned flags);
int aa_tout_next(struct aa_tout *t, const char *text, int col, int gap,
                 int indent, int width, unsigned flags);

/* A line of output written in pieces (aa_text_put, fprintf, ...) to
 * l->fp, which aa_text_line_start opens in memory (never NULL: running
 * out of memory is fatal), and wrapped as a whole by aa_text_line_end:
 * from column 0 (the line's own leading blanks stay), continuation lines
 * at 'indent'; the line ended and l->fp closed.  Text put into it escaped
 * is shown as it was: escaping the visible forms again changes nothing. */
struct aa_text_line {
    FILE *fp;
    char *buf;
    size_t len;
};
FILE *aa_text_line_start(struct aa_text_line *l);
void aa_text_line_end(struct aa_text_line *l, FILE *out, int indent, int width);

/* One line of code (n bytes of s, no line break), never wrapped, which
 * code must not be: written escaped as aa_text_putn does, from column
 * 'col', and when it would pass 'width' cut before it with " \u2026" (a
 * space and an ellipsis) as the mark.  A tab (kept with AA_TEXT_TAB)
 * moves to the next multiple of 8.  The line is left open. */
void aa_text_clip(FILE *fp, const char *s, size_t n, int col, int width,
                  unsigned flags);
void aa_tout_clip(struct aa_tout *t, const char *s, size_t n, int col,
                  int width, unsigned flags);

#endif /* AA_TEXT_H */
