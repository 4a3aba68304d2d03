/*
 * render_github.c -- a run as GitHub Actions workflow commands, so
 * findings show inline on pull requests:
 *   ::error file=F,line=L,col=C,title=RULE::message
 * GitHub shows a limited number of annotations per step, so errors come
 * first, then warnings, then notices, at most LIMIT of each level, and
 * one closing ::notice:: counts what was left out.  Of each level, an
 * input that could not be read comes before findings: it was not advised
 * at all, and ten findings of other plans must not hide it.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

#define LIMIT 10

struct note {
    int level;  /* enum aa_severity */
    int reject; /* about an input that could not be read */
    char *line;
};

struct github {
    struct note *v;
    size_t n, cap;
    int min_severity;
};

/* Escape per the workflow command format: data escapes %, CR and LF;
 * properties also ',' and ':'.  Control characters are shown first in the
 * visible form of text.h, as in every text output: an annotation is one
 * line in the log, and an escape sequence in it would reach the log
 * viewer, which renders them.  So no CR or LF is left to encode. */
static void
esc(FILE *fp, const char *text, int property)
{
    char *e = aa_text_dup(text, 0);

    for (const char *s = e; *s != '\0'; s++) {
        if (*s == '%')
            fputs("%25", fp);
        else if (property && *s == ':')
            fputs("%3A", fp);
        else if (property && *s == ',')
            fputs("%2C", fp);
        else
            fputc(*s, fp);
    }
    free(e);
}

static void
push(struct github *g, int level, int reject, const char *file, unsigned line,
     unsigned col, const char *title, const char *msg)
{
    static const char *const cmd[] = {"notice", "warning", "error", "error"};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL)
        return;
    fprintf(fp, "::%s file=", cmd[level]);
    esc(fp, file, 1);
    if (line > 0)
        fprintf(fp, ",line=%u", line);
    if (line > 0 && col > 0)
        fprintf(fp, ",col=%u", col);
    fputs(",title=", fp);
    esc(fp, title, 1);
    fputs("::", fp);
    esc(fp, msg, 0);
    fputc('\n', fp);
    fclose(fp);
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 32;
        g->v = aa_xrealloc(g->v, g->cap, sizeof(*g->v));
    }
    g->v[g->n].level = level > AA_SEV_ERROR ? AA_SEV_ERROR : level;
    g->v[g->n].reject = reject;
    g->v[g->n++].line = buf;
}

static void *
begin(const struct aa_run_info *info, const struct aa_render_opts *opts)
{
    struct github *g = aa_xcalloc(1, sizeof(*g));

    (void)info;
    g->min_severity = opts->min_severity;
    return g;
}

static void
add(void *st, const struct aa_report *rep)
{
    struct github *g = st;

    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        char title[256];

        if ((int)f->severity < g->min_severity || f->suppressed != NULL)
            continue;
        /* The title is what a pull request shows beside the message: a
         * pack's rule in a built-in's place says so there. */
        snprintf(title, sizeof(title), "attrib-advise %s%s", f->rule,
                 f->replaced ? " (replaced by your rules)" : "");
        push(g, (int)f->severity, 0, f->at.file, f->at.line, f->at.col, title,
             f->message);
    }
}

static void
reject(void *st, const char *source, const struct aa_message *m, size_t n)
{
    struct github *g = st;

    for (size_t i = 0; i < n; i++)
        push(g, (int)m[i].severity, 1, m[i].file ? m[i].file : source,
             m[i].line, m[i].col, "attrib-advise: invalid input", m[i].text);
}

static int
end(void *st, int exit_status, FILE *fp)
{
    struct github *g = st;
    size_t shown[3] = {0, 0, 0}, left = 0;
    int rc = 0;

    (void)exit_status;
    for (int level = AA_SEV_ERROR; level >= AA_SEV_INFO; level--)
        for (size_t k = 0; k < 2 * g->n; k++) {
            size_t i = k % g->n;

            /* Rejections in the first pass, findings in the second. */
            if (g->v[i].level != level || g->v[i].reject != (k < g->n))
                continue;
            if (shown[level] < LIMIT) {
                shown[level]++;
                if (fputs(g->v[i].line, fp) == EOF)
                    rc = -1;
            } else {
                left++;
            }
        }
    if (left > 0 &&
        fprintf(fp,
                "::notice title=attrib-advise::%zu more finding%s not shown "
                "here; run attrib-advise locally for all of them\n",
                left, left == 1 ? "" : "s") < 0)
        rc = -1;
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].line);
    free(g->v);
    free(g);
    return rc;
}

const struct aa_run_fmt aa_render_github = {begin, add, reject, end};
