/*
 * diag.c -- the diagnostic list and its one-line format.
 *
 * Diagnostics keep the order in which they were found; the list tracks the
 * worst code so the front end folds everything into one exit status.
 */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "text.h"

void
aa_diags_init(struct aa_diags *dl)
{
    dl->v = NULL;
    dl->n = dl->cap = 0;
    dl->worst = AA_OK;
}

void
aa_diags_fini(struct aa_diags *dl)
{
    for (size_t i = 0; i < dl->n; i++) {
        free(dl->v[i].file);
        free(dl->v[i].rule);
        free(dl->v[i].detail);
    }
    free(dl->v);
    aa_diags_init(dl);
}

void
aa_diag_vadd(struct aa_diags *dl, enum aa_code code, struct aa_loc at,
             const char *rule, const char *fmt, va_list ap)
{
    struct aa_diag *d;
    va_list cp;
    int n;

    if (dl->n == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 8;
        dl->v = aa_xrealloc(dl->v, dl->cap, sizeof(*dl->v));
    }
    d = &dl->v[dl->n++];
    d->code = code;
    d->file = at.file ? aa_xstrdup(at.file) : NULL;
    d->line = at.line;
    d->col = at.col;
    d->rule = rule ? aa_xstrdup(rule) : NULL;
    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    d->detail = aa_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(d->detail, (size_t)n + 1, fmt, ap);
    else
        d->detail[0] = '\0';
    if (code > dl->worst)
        dl->worst = code;
}

void
aa_diag_add(struct aa_diags *dl, enum aa_code code, struct aa_loc at,
            const char *rule, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    aa_diag_vadd(dl, code, at, rule, fmt, ap);
    va_end(ap);
}

enum aa_severity
aa_diag_severity(enum aa_code code)
{
    if (code >= AA_BAND_SYSTEM)
        return AA_SEV_SYSTEM;
    if (code >= AA_BAND_ERROR)
        return AA_SEV_ERROR;
    if (code >= AA_BAND_WARNING)
        return AA_SEV_WARNING;
    return AA_SEV_INFO;
}

size_t
aa_diags_count_at(const struct aa_diags *dl, enum aa_code band)
{
    size_t n = 0;

    for (size_t i = 0; i < dl->n; i++)
        n += dl->v[i].code >= band;
    return n;
}

/* Public surface: opaque list for the front end. */

struct aa_diags *
aa_diags_new(void)
{
    struct aa_diags *dl = aa_xmalloc(sizeof(*dl));

    aa_diags_init(dl);
    return dl;
}

void
aa_diags_free(struct aa_diags *dl)
{
    if (dl == NULL)
        return;
    aa_diags_fini(dl);
    free(dl);
}

void
aa_diags_append(struct aa_diags *to, const struct aa_diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const struct aa_diag *d = &from->v[i];
        struct aa_loc at = {d->file, d->line, d->col};

        aa_diag_add(to, d->code, at, d->rule, "%s", d->detail);
    }
}

void
aa_diags_cap(struct aa_diags *dl, size_t from, size_t keep, const char *where)
{
    enum aa_code worst = AA_N_NOTE;
    size_t more;
    struct aa_loc nowhere = {NULL, 0, 0};

    if (from > dl->n || dl->n - from <= keep)
        return;
    more = dl->n - from - keep;
    for (size_t k = from + keep; k < dl->n; k++) {
        if (dl->v[k].code > worst)
            worst = dl->v[k].code;
        free(dl->v[k].file);
        free(dl->v[k].rule);
        free(dl->v[k].detail);
    }
    dl->n = from + keep;
    /* The level of the worst left out, so the exit status still counts
     * them (dl->worst keeps them already). */
    aa_diag_add(dl, worst, nowhere, NULL, "... and %zu more problem%s in %s",
                more, more == 1 ? "" : "s", where);
}

size_t
aa_diags_count(const struct aa_diags *dl)
{
    return dl->n;
}

void
aa_diags_get(const struct aa_diags *dl, size_t i, struct aa_message *m)
{
    const struct aa_diag *d = &dl->v[i];

    m->severity = aa_diag_severity(d->code);
    m->file = d->file;
    m->line = d->line;
    m->col = d->col;
    m->rule = d->rule;
    m->text = d->detail;
}

int
aa_diags_worst(const struct aa_diags *dl)
{
    return dl->n == 0 ? -1 : (int)aa_diag_severity(dl->worst);
}

static const char *
level_name(enum aa_severity s)
{
    switch (s) {
    case AA_SEV_INFO:
        return "note";
    case AA_SEV_WARNING:
        return "warning";
    case AA_SEV_ERROR:
    case AA_SEV_SYSTEM:
        break;
    }
    return "error";
}

/* One line per diagnostic, whatever the file name, the rule or the detail
 * (which quotes input) hold: text.h shows their control characters. */
void
aa_diags_print(const struct aa_diags *dl, FILE *fp)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct aa_diag *d = &dl->v[i];

        fputs("attrib-advise: ", fp);
        if (d->file != NULL) {
            aa_text_put(fp, d->file, 0);
            if (d->line > 0)
                fprintf(fp, ":%u", d->line);
            if (d->line > 0 && d->col > 0)
                fprintf(fp, ":%u", d->col);
            fputs(": ", fp);
        }
        fprintf(fp, "%s: ", level_name(aa_diag_severity(d->code)));
        aa_text_put(fp, d->detail, 0);
        if (d->rule != NULL) {
            fputs(" [in rule ", fp);
            aa_text_put(fp, d->rule, 0);
            fputc(']', fp);
        }
        fputc('\n', fp);
    }
}

/* Optimal string alignment distance, capped: we only care about "close". */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[64][64];

    if (la >= 64 || lb >= 64)
        return 99;
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j] + 1;

            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *
aa_suggest(const char *const *cands, size_t n, const char *word)
{
    const char *best = NULL;
    size_t bestd = 99, len = strlen(word);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;

    /* A difference of case alone is the likeliest typo of all. */
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(cands[i], word) == 0)
            return cands[i];

    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, cands[i]);

        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    return bestd <= limit ? best : NULL;
}

struct aa_loc
aa_loc_of_offset(const char *file, const char *text, size_t off)
{
    struct aa_loc l = {file, 1, 1};

    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];

        if (ch == '\n') {
            l.line++;
            l.col = 1;
        } else if ((ch & 0xC0) != 0x80) { /* count code points, not bytes */
            l.col++;
        }
    }
    return l;
}
