/*
 * render.c -- renderer table and dispatch.  Adding a format means one
 * render_<fmt>.c file and one row here.  Also the escaping the markup
 * formats share (JUnit's XML, the portfolio's HTML).
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static const struct renderer {
    const char *name;
    aa_render_fn *emit;           /* per-report formats */
    aa_reject_fn *reject;         /* their rejected scenarios, or NULL */
    const struct aa_run_fmt *run; /* run formats */
} renderers[] = {
    {"text", aa_render_text, NULL, NULL},
    {"json", aa_render_json, aa_reject_json, NULL},
    {"ndjson", aa_render_ndjson, aa_reject_json, NULL},
    {"markdown", aa_render_md, aa_reject_md, NULL},
    {"summary", aa_render_summary, aa_reject_summary, NULL},
    {"sarif", NULL, NULL, &aa_render_sarif},
    {"junit", NULL, NULL, &aa_render_junit},
    {"github", NULL, NULL, &aa_render_github},
    {"azure-pipelines", NULL, NULL, &aa_render_ado},
    {"codequality", NULL, NULL, &aa_render_codequality},
};

#define NRENDERERS (sizeof(renderers) / sizeof(renderers[0]))

static const struct renderer *
find(const char *name)
{
    for (size_t i = 0; i < NRENDERERS; i++)
        if (strcmp(renderers[i].name, name) == 0)
            return &renderers[i];
    return NULL;
}

aa_render_fn *
aa_render_find_report(const char *name)
{
    const struct renderer *r = find(name);

    return r ? r->emit : NULL;
}

aa_reject_fn *
aa_render_find_reject(const char *name)
{
    const struct renderer *r = find(name);

    return r ? r->reject : NULL;
}

const struct aa_run_fmt *
aa_render_find_run(const char *name)
{
    const struct renderer *r = find(name);

    return r ? r->run : NULL;
}

int
aa_render(const char *format, const struct aa_report *rep,
          const struct aa_render_opts *opts, FILE *fp)
{
    struct aa_render_opts o = {.fail_on = AA_SEV_ERROR};
    const struct renderer *r = find(format);

    if (r == NULL || r->emit == NULL)
        return -2;
    if (opts != NULL)
        o = *opts;
    o.min_severity = aa_shown_severity(o.min_severity, o.fail_on);
    if (r->emit(rep, &o, fp) != 0 || ferror(fp))
        return -1;
    return 0;
}

const char *
aa_render_unreadable(const struct aa_run_info *info, int *index)
{
    for (size_t i = 0; i < info->nrules; i++)
        if (info->rules[i].input && info->rules[i].detect != NULL &&
            strcmp(info->rules[i].detect, "unreadable") == 0) {
            *index = (int)i;
            return info->rules[i].id;
        }
    *index = -1;
    return "input.unreadable";
}

int
aa_render_exists(const char *format)
{
    return find(format) != NULL;
}

const char *
aa_render_names(void)
{
    return "text, json, ndjson, summary, markdown, sarif, junit, github, "
           "azure-pipelines, codequality";
}

/* XML 1.0 cannot hold most control characters even as references, and a
 * report is read by people (or printed to a CI log by the tool that reads
 * it): text.h gives them the visible form of every text output, newlines
 * included, so a value never starts a line of its own. */
void
aa_markup_text(FILE *fp, const char *text, unsigned flags, int apos)
{
    char *e = aa_text_dup(text != NULL ? text : "", flags);

    for (const char *s = e; *s != '\0'; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", fp);
            break;
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        case '\'':
            fputs(apos ? "&#39;" : "'", fp);
            break;
        default:
            fputc(*s, fp);
            break;
        }
    }
    free(e);
}

unsigned
aa_reject_batch_line(const char *source, const struct aa_message *m, size_t n)
{
    if (n == 0 || (m[0].file != NULL && strcmp(m[0].file, source) != 0))
        return 0;
    return m[0].line;
}
