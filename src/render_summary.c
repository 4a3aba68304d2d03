/*
 * render_summary.c -- one line per plan, in logfmt: the source, each
 * mechanism's verdict and the count of active findings by severity, for
 * a batch read by people and by grep alike.
 *
 *   source=plans/a.json csp=not_applicable dpor=blocked pal=recommended
 *   cua=not_applicable cpor=not_applicable mbs=not_applicable
 *   pracr=not_applicable errors=0 warnings=1 notes=1   (on one line)
 *
 * A plan of an NDJSON file gives line=N after its source; a plan that
 * could not be read gives status=rejected, where (at=LINE:COL) and its
 * first message.
 */
#include <string.h>

#include "render.h"
#include "text.h"

/* A logfmt value: bare when it holds no space, quote, '=' or control,
 * else quoted with '"' and '\' escaped; unsafe characters as text.h
 * shows them either way. */
static void
put_value(FILE *fp, const char *s)
{
    int bare = s[0] != '\0';

    for (const char *p = s; *p && bare; p++)
        bare = (unsigned char)*p > ' ' && *p != '"' && *p != '=' && *p != '\\';
    if (bare) {
        aa_text_put(fp, s, 0);
        return;
    }
    fputc('"', fp);
    for (const char *p = s; *p; p++) {
        size_t n = strcspn(p, "\"\\");

        aa_text_putn(fp, p, n, 0);
        p += n;
        if (*p == '\0')
            break;
        fputc('\\', fp);
        fputc(*p, fp);
    }
    fputc('"', fp);
}

/* The n bytes at s after p; the end of what was written. */
static char *
put_mem(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

static char *
put_str(char *p, const char *s)
{
    return put_mem(p, s, strlen(s));
}

/* n in decimal after p; the end of what was written. */
static char *
put_count(char *p, size_t n)
{
    char digits[24], *end = digits + sizeof(digits);
    const char *d = aa_text_digits(end, n);

    return put_mem(p, d, (size_t)(end - d));
}

int
aa_render_summary(const struct aa_report *rep,
                  const struct aa_render_opts *opts, FILE *fp)
{
    /* What follows the source has a bounded length: the names of
     * mechanisms and verdicts, and four numbers.  It is put together
     * here and written once, as a batch writes a line per plan. */
    static const char *const sev[3] = {" errors=", " warnings=", " notes="};
    static const int order[3] = {AA_SEV_ERROR, AA_SEV_WARNING, AA_SEV_INFO};
    char line[512], *p = line;
    size_t count[3] = {0, 0, 0};

    (void)opts;
    fputs("source=", fp);
    put_value(fp, rep->source);
    if (rep->source_line > 0)
        p = put_count(put_str(p, " line="), rep->source_line);
    for (int m = 0; m < AA_NMECH; m++) {
        *p++ = ' ';
        for (const char *c = rep->mech[m].mech; *c; c++)
            *p++ = (char)(*c - 'A' + 'a');
        *p++ = '=';
        p = put_str(p, aa_verdict_name(rep->mech[m].verdict));
    }
    aa_report_tally(rep, count);
    for (int k = 0; k < 3; k++)
        p = put_count(put_str(p, sev[k]), count[order[k]]);
    *p++ = '\n';
    fwrite(line, 1, (size_t)(p - line), fp);
    return ferror(fp) ? -1 : 0;
}

int
aa_reject_summary(const struct aa_run_info *info, const char *source,
                  const struct aa_message *m, size_t n,
                  const struct aa_render_opts *opts, FILE *fp)
{
    /* In a batch the message's line is the plan's, as for advice; a
     * place in another file (its deployment code) is not one of the
     * batch, so it is left to the message. */
    int batch = opts != NULL && opts->batch;
    int own = batch && aa_reject_batch_line(source, m, n) > 0;

    (void)info;
    fputs("source=", fp);
    put_value(fp, source);
    if (own)
        fprintf(fp, " line=%u", m[0].line);
    fputs(" status=rejected", fp);
    if (n > 0 && m[0].line > 0 && (!batch || own))
        fprintf(fp, " at=%u:%u", m[0].line, m[0].col);
    if (n > 0) {
        fputs(" error=", fp);
        put_value(fp, m[0].text);
    }
    fputc('\n', fp);
    return ferror(fp) ? -1 : 0;
}
