/*
 * render_scan.c -- the scan command's report: every deployment file with
 * its kind, its CUA status and the findings that explain it, as text for
 * a terminal or as JSON ({"files": [...]}) for pipelines.  Files come in
 * path order and findings worst first, so output is byte-stable.  File
 * names and what the code said (${match}) go through text.h.  Each file
 * is written as it comes (struct aa_scan_out), so that a scan of many
 * files holds one file's findings at a time, not all of them.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "render.h"
#include "text.h"

/* What a scan's output has written so far: the files, by status and by
 * severity of their active findings. */
struct aa_scan_out {
    int json;
    struct aa_render_opts opts;
    FILE *fp;
    size_t nfiles, failed, folders;
    size_t by_status[5]; /* json: attributed ... context, then error */
    size_t count[3];     /* text: active findings shown, by severity */
    size_t hidden;       /* text: active findings below --min-severity */
    struct aa_jsonout j; /* json: the document, flushed a file at a time */
};

/*
 * {"version": 1, "tool": {...}, "files": [...], "summary": {...}}, in
 * jsonout's layout (jsonw's), written a file at a time: the head before
 * the first file, each file as it comes, flushed after it.
 */
static void
json_head(struct aa_scan_out *o, const struct aa_scan_report *rep)
{
    aa_jsonout_object(&o->j);
    aa_jsonout_key(&o->j, "version");
    aa_jsonout_int(&o->j, 1);
    aa_jsonout_key(&o->j, "tool");
    aa_json_put_tool(&o->j, rep->tool_version, rep->knowledge_as_of);
    aa_jsonout_key(&o->j, "files");
    aa_jsonout_array_lines(&o->j);
}

static int
json_file(struct aa_scan_out *o, const struct aa_file_report *fr)
{
    static const char *const statuses[] = {"attributed", "at_risk",
                                           "not_attributed", "context"};
    const char *const keys[] = {"path", "kind", "status"};
    const char *const vals[] = {fr->path, fr->kind,
                                fr->status != NULL ? fr->status : "error"};
    size_t s;

    aa_jsonout_object(&o->j);
    for (size_t k = 0; k < 3; k++) {
        aa_jsonout_key(&o->j, keys[k]);
        aa_jsonout_string(&o->j, vals[k]);
    }
    if (fr->status == NULL && fr->error != NULL) {
        aa_jsonout_key(&o->j, "error");
        aa_jsonout_string(&o->j, fr->error);
    }
    /* A file that could not be read or parsed counts as "error". */
    for (s = 0; s < 4 && fr->status != NULL; s++)
        if (strcmp(fr->status, statuses[s]) == 0)
            break;
    o->by_status[fr->status != NULL ? s : 4]++;
    aa_jsonout_key(&o->j, "findings");
    aa_jsonout_array(&o->j);
    for (size_t k = 0; k < fr->nfindings; k++)
        if ((int)fr->findings[k].severity >= o->opts.min_severity)
            aa_json_put_finding(&o->j, &fr->findings[k]);
    aa_jsonout_end(&o->j);
    aa_jsonout_end(&o->j);
    return aa_jsonout_flush(&o->j, o->fp);
}

static int
json_tail(struct aa_scan_out *o)
{
    static const char *const names[] = {"attributed", "at_risk",
                                        "not_attributed", "context", "error"};

    aa_jsonout_end(&o->j);
    aa_jsonout_key(&o->j, "summary");
    aa_jsonout_object(&o->j);
    for (size_t s = 0; s < 5; s++) {
        aa_jsonout_key(&o->j, names[s]);
        aa_jsonout_int(&o->j, (long long)o->by_status[s]);
    }
    aa_jsonout_end(&o->j);
    aa_jsonout_end(&o->j);
    aa_jsonout_raw(&o->j, "\n", 1);
    return aa_jsonout_flush(&o->j, o->fp);
}

static const char *
status_color(const char *status)
{
    if (status == NULL)
        return "1;31";
    if (strcmp(status, "attributed") == 0)
        return "1;32";
    if (strcmp(status, "at_risk") == 0)
        return "33";
    if (strcmp(status, "not_attributed") == 0)
        return "1;31";
    return "2";
}

static void
sgr(FILE *fp, int color, const char *code)
{
    if (color)
        fprintf(fp, "\033[%sm", code);
}

/* One line per file, then its findings indented below it, each message
 * wrapped with a hanging indent; a path longer than the line breaks at
 * its separators, continued 4 columns in:
 *   infra/main.json  arm  attributed
 *     info     12:7  The root template ... [cua.code.pid-root: CUA-F08] */
static void
text_file(struct aa_scan_out *o, const struct aa_file_report *fr)
{
    FILE *fp = o->fp;
    char status[32];
    int c = o->opts.color, width = o->opts.width > 0 ? o->opts.width : 80;
    int col;

    snprintf(status, sizeof(status), "%s", fr->status ? fr->status : "error");
    o->failed += fr->status == NULL;
    o->folders += strcmp(fr->kind, "folder") == 0;
    for (char *p = status; *p != '\0'; p++)
        if (*p == '_')
            *p = ' ';
    sgr(fp, c, "1");
    col = aa_text_flow(fp, fr->path, 0, 4, width, AA_TEXT_LINE);
    sgr(fp, c, "0");
    col = aa_text_next(fp, fr->kind, col, 2, 4, width, 0);
    sgr(fp, c, status_color(fr->status));
    aa_text_next(fp, status, col, 2, 4, width, 0);
    sgr(fp, c, "0");
    fputc('\n', fp);
    if (fr->status == NULL && fr->error != NULL) {
        fputs("  ", fp);
        sgr(fp, c, "1;31");
        fputs("error  ", fp);
        sgr(fp, c, "0");
        aa_text_flow(fp, fr->error, 9, 9, width, 0);
        fputc('\n', fp);
    }
    for (size_t k = 0; k < fr->nfindings; k++) {
        const struct aa_finding *f = &fr->findings[k];
        /* As the advice's text report tags a pack's rule in a built-in's
         * place (render_text.c). */
        const char *mark = f->replaced ? " (replaced by your rules)" : "";
        char *tag = aa_xasprintf("[%s%s", f->rule, mark), *more;
        int hang;

        if ((int)f->severity < o->opts.min_severity) {
            o->hidden += f->suppressed == NULL;
            free(tag);
            continue;
        }
        if (f->suppressed == NULL)
            o->count[f->severity]++;
        for (size_t j = 0; j < f->nfacts; j++) {
            more =
                aa_xasprintf("%s%s%s", tag, j == 0 ? ": " : " ", f->facts[j]);
            free(tag);
            tag = more;
        }
        fputs("  ", fp);
        sgr(fp, c,
            f->suppressed                   ? "2"
            : f->severity == AA_SEV_INFO    ? "36"
            : f->severity == AA_SEV_WARNING ? "33"
                                            : "1;31");
        fprintf(fp, "%-7s", aa_severity_name(f->severity));
        sgr(fp, c, "0");
        hang = fprintf(fp, "  %u:%u  ", f->at.line, f->at.col) + 9;
        col = aa_text_flow(fp, f->message, hang, hang, width, 0);
        if (f->suppressed != NULL) {
            more = aa_xasprintf("(suppressed: %s)", f->suppressed);
            col = aa_text_next(fp, more, col, 1, hang, width, 0);
            free(more);
        }
        sgr(fp, c, "2");
        more = aa_xasprintf("%s]", tag);
        aa_text_next(fp, more, col, 1, hang, width, 0);
        sgr(fp, c, "0");
        fputc('\n', fp);
        free(more);
        free(tag);
    }
}

/* The count line: files, then active findings shown, by severity. */
static void
text_tail(struct aa_scan_out *o, const struct aa_scan_report *rep)
{
    struct aa_text_line l;
    FILE *fp = aa_text_line_start(&l);
    size_t *count = o->count;

    fprintf(fp, "%zu file%s", o->nfiles - o->folders,
            o->nfiles - o->folders == 1 ? "" : "s");
    if (o->folders > 0)
        fprintf(fp, " and %zu folder%s", o->folders,
                o->folders == 1 ? "" : "s");
    if (o->failed > 0)
        fprintf(fp, " (%zu unreadable)", o->failed);
    fprintf(fp, ": %zu error%s, %zu warning%s, %zu note%s", count[AA_SEV_ERROR],
            count[AA_SEV_ERROR] == 1 ? "" : "s", count[AA_SEV_WARNING],
            count[AA_SEV_WARNING] == 1 ? "" : "s", count[AA_SEV_INFO],
            count[AA_SEV_INFO] == 1 ? "" : "s");
    /* The exit status may rest on what the page does not show. */
    if (o->hidden > 0)
        fprintf(fp, ", %zu hidden by --min-severity", o->hidden);
    if (rep->baselined)
        fprintf(fp, ", %zu stale baseline entr%s", rep->nstale,
                rep->nstale == 1 ? "y" : "ies");
    fputc('\n', o->fp);
    aa_text_line_end(&l, o->fp, 2, o->opts.width > 0 ? o->opts.width : 80);
}

struct aa_scan_out *
aa_scan_out_new(const char *format, const struct aa_render_opts *opts, FILE *fp)
{
    struct aa_scan_out *o;

    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return NULL;
    o = aa_xcalloc(1, sizeof(*o));
    o->json = strcmp(format, "json") == 0;
    o->opts = *opts;
    o->opts.min_severity = aa_shown_severity(opts->min_severity, opts->fail_on);
    if (o->json)
        aa_jsonout_init(&o->j, opts->compact);
    o->fp = fp;
    return o;
}

int
aa_scan_out_add(struct aa_scan_out *o, const struct aa_scan_report *rep)
{
    for (size_t i = 0; i < rep->nfiles; i++) {
        if (o->json && o->nfiles == 0)
            json_head(o, rep);
        if (o->json ? json_file(o, &rep->files[i]) != 0
                    : (text_file(o, &rep->files[i]), 0))
            return -1;
        o->nfiles++;
    }
    return ferror(o->fp) ? -1 : 0;
}

int
aa_scan_out_finish(struct aa_scan_out *o, const struct aa_scan_report *rep)
{
    int rc = 0;

    if (o->json) {
        if (o->nfiles == 0)
            json_head(o, rep);
        rc = json_tail(o);
        aa_jsonout_fini(&o->j);
    } else {
        text_tail(o, rep);
    }
    if (ferror(o->fp))
        rc = -1;
    free(o);
    return rc;
}

int
aa_scan_render(const char *format, const struct aa_scan_report *rep,
               const struct aa_render_opts *opts, FILE *fp)
{
    struct aa_scan_out *o = aa_scan_out_new(format, opts, fp);
    int rc;

    if (o == NULL)
        return -2;
    rc = aa_scan_out_add(o, rep);
    return aa_scan_out_finish(o, rep) != 0 || rc != 0 ? -1 : 0;
}
