/*
 * text.h -- untrusted text made safe to show in a terminal or a CI log.
 *
 * Plan values, rule texts, file names and scanned code all reach the
 * outputs.  None of them may move the cursor, clear the screen, start a
 * line of its own or be read as a CI command, so every human-readable
 * output writes them through this module, and JSON through the same
 * classification (aa_text_decode, aa_text_unsafe).
 */
#ifndef AA_TEXT_H
#define AA_TEXT_H

#include <stddef.h>
#include <stdio.h>

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

/* Write s to fp with every unsafe character in its visible form (see
 * text.c), "##[" as "##\x5b", and with AA_TEXT_LINE a "::" that would
 * begin the line as "\x3a:".  aa_text_putn reads n bytes of s. */
void aa_text_put(FILE *fp, const char *s, unsigned flags);
void aa_text_putn(FILE *fp, const char *s, size_t n, unsigned flags);

/* The same as a heap string the caller frees; never NULL. */
char *aa_text_dup(const char *s, unsigned flags);

/* Terminal columns the n bytes of s take: East Asian wide and fullwidth
 * characters two, combining marks and default-ignorable ones none, a
 * byte that is not UTF-8 one.  For text already made safe (escaped). */
size_t aa_text_width(const char *s, size_t n);

/* Write text (escaped first, as aa_text_put does) from column 'col',
 * wrapped to 'width' columns by display width, continuation lines
 * indented to 'indent', and end the last line.  Lines break at spaces; a
 * word longer than a line (a path, a JSON pointer, a URL) breaks after a
 * '/', '.', '-', '_' or ',' that fits, else where the line is full.  With
 * AA_TEXT_LINE the text starts its line.  A width below 40 counts as 40,
 * and no line is given less than 20 columns of text. */
void aa_text_wrap(FILE *fp, const char *text, int col, int indent, int width,
                  unsigned flags);

#endif /* AA_TEXT_H */
