/*
 * render_ado.c -- a run as Azure Pipelines logging commands, so findings
 * show as errors and warnings of the pipeline step, with their file, line
 * and column:
 *   ##vso[task.logissue type=error;sourcepath=F;linenumber=L;
 *         columnnumber=C;code=RULE]attrib-advise RULE: message
 * An issue is an error or a warning; there is no lower level, so an info
 * finding is one plain line of the log, in the message format of stderr.
 * Errors come first, then warnings, then the info lines, and of each
 * level an input that could not be read before findings.  The agent keeps
 * every issue in the log and counts them all; its summary lists the first
 * ten of each level, where a plan that was not advised at all must show.
 *
 * The agent reads a command from the first "##vso[" of a line to the
 * first ']' after it, splits properties at ';' and unescapes %AZP25 (%),
 * %3B (;), %5D (]), %0D and %0A in properties and in the message.  So a
 * property escapes all five, the message the ones that could change it
 * (%, CR, LF), and every text first goes through text.h, which shows line
 * breaks and control characters in their visible form and breaks a
 * "##vso[" or "##[" inside it.  A plan value therefore stays inside the
 * one command that quotes it, and an info line has no command at all.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

struct line {
    int level;  /* enum aa_severity */
    int reject; /* about an input that could not be read */
    char *text;
};

struct ado {
    struct line *v;
    size_t n, cap;
    int min_severity;
};

/* Text in the visible form of text.h, then escaped for the agent: a
 * property also escapes ';' and ']', which end it. */
static void
esc(FILE *fp, const char *text, int property)
{
    char *e = aa_text_dup(text, 0);

    for (const char *s = e; *s != '\0'; s++) {
        if (*s == '%')
            fputs("%AZP25", fp);
        else if (*s == '\r')
            fputs("%0D", fp);
        else if (*s == '\n')
            fputs("%0A", fp);
        else if (property && *s == ';')
            fputs("%3B", fp);
        else if (property && *s == ']')
            fputs("%5D", fp);
        else
            fputc(*s, fp);
    }
    free(e);
}

static void
push(struct ado *a, int level, int reject, char *text)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 32;
        a->v = aa_xrealloc(a->v, a->cap, sizeof(*a->v));
    }
    a->v[a->n].level = level > AA_SEV_ERROR ? AA_SEV_ERROR : level;
    a->v[a->n].reject = reject;
    a->v[a->n++].text = text;
}

/* One issue, or for an info one plain line.  'code' is NULL for an input
 * that could not be read; 'replaced': its rule is a pack's in a built-in's
 * place. */
static void
issue(struct ado *a, int level, const char *file, unsigned line, unsigned col,
      const char *code, int replaced, const char *what, const char *msg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL)
        aa_oom();
    if (level == AA_SEV_INFO) {
        fputs("attrib-advise: ", fp);
        aa_text_put(fp, file, 0);
        if (line > 0)
            fprintf(fp, ":%u", line);
        if (line > 0 && col > 0)
            fprintf(fp, ":%u", col);
        fputs(": info: ", fp);
        aa_text_put(fp, msg, 0);
        if (code != NULL) {
            fputs(" [", fp);
            aa_text_put(fp, code, 0);
            if (replaced)
                fputs(" (replaced by your rules)", fp);
            fputc(']', fp);
        }
    } else {
        fprintf(fp, "##vso[task.logissue type=%s;sourcepath=",
                level == AA_SEV_WARNING ? "warning" : "error");
        esc(fp, file, 1);
        if (line > 0)
            fprintf(fp, ";linenumber=%u", line);
        if (line > 0 && col > 0)
            fprintf(fp, ";columnnumber=%u", col);
        if (code != NULL) {
            fputs(";code=", fp);
            esc(fp, code, 1);
        }
        fputs(";]", fp);
        esc(fp, what, 0);
        esc(fp, msg, 0);
    }
    fputc('\n', fp);
    if (fclose(fp) != 0)
        aa_oom();
    push(a, level, code == NULL, buf);
}

static void *
begin(const struct aa_run_info *info, const struct aa_render_opts *opts)
{
    struct ado *a = aa_xcalloc(1, sizeof(*a));

    (void)info;
    a->min_severity = opts->min_severity;
    return a;
}

static void
add(void *st, const struct aa_report *rep)
{
    struct ado *a = st;

    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        char *what;

        if ((int)f->severity < a->min_severity || f->suppressed != NULL)
            continue;
        /* A pack's rule in a built-in's place says so where the rule is
         * named in words; 'code' stays the id. */
        what = aa_xasprintf("attrib-advise %s%s: ", f->rule,
                            f->replaced ? " (replaced by your rules)" : "");
        issue(a, (int)f->severity, f->at.file, f->at.line, f->at.col, f->rule,
              f->replaced, what, f->message);
        free(what);
    }
}

static void
reject(void *st, const char *source, const struct aa_message *m, size_t n)
{
    struct ado *a = st;

    for (size_t i = 0; i < n; i++)
        issue(a, (int)m[i].severity, m[i].file ? m[i].file : source, m[i].line,
              m[i].col, NULL, 0, "attrib-advise: invalid input: ", m[i].text);
}

static int
end(void *st, int exit_status, FILE *fp)
{
    struct ado *a = st;
    int rc = 0;

    (void)exit_status;
    for (int level = AA_SEV_ERROR; level >= AA_SEV_INFO; level--)
        for (size_t k = 0; k < 2 * a->n; k++) {
            size_t i = k % a->n;

            /* Rejections in the first pass, findings in the second. */
            if (a->v[i].level == level && a->v[i].reject == (k < a->n) &&
                fputs(a->v[i].text, fp) == EOF)
                rc = -1;
        }
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i].text);
    free(a->v);
    free(a);
    return rc;
}

const struct aa_run_fmt aa_render_ado = {begin, add, reject, end};
