/*
 * render_scan.c -- the scan command's report: every deployment file with
 * its kind, its CUA status and the findings that explain it, as text for
 * a terminal or as JSON ({"files": [...]}) for pipelines.  Files come in
 * path order and findings worst first, so output is byte-stable.  File
 * names and what the code said (${match}) go through text.h.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "render.h"
#include "text.h"

static int
render_json(const struct aa_scan_report *rep, const struct aa_render_opts *opts,
            FILE *fp)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *tool = cJSON_CreateObject();
    cJSON *files = cJSON_CreateArray();
    cJSON *sum = cJSON_CreateObject();
    size_t by_status[5] = {0};
    static const char *const statuses[] = {"attributed", "at_risk",
                                           "not_attributed", "context"};
    char *text;
    int rc;

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(tool, "name", "attrib-advise");
    cJSON_AddStringToObject(tool, "version", rep->tool_version);
    cJSON_AddStringToObject(tool, "knowledge_as_of", rep->knowledge_as_of);
    cJSON_AddItemToObject(root, "tool", tool);
    for (size_t i = 0; i < rep->nfiles; i++) {
        const struct aa_file_report *fr = &rep->files[i];
        cJSON *o = cJSON_CreateObject();
        cJSON *finds = cJSON_CreateArray();
        size_t s;

        cJSON_AddStringToObject(o, "path", fr->path);
        cJSON_AddStringToObject(o, "kind", fr->kind);
        if (fr->status != NULL)
            cJSON_AddStringToObject(o, "status", fr->status);
        else
            cJSON_AddStringToObject(o, "status", "error");
        /* A file that could not be read or parsed counts as "error". */
        for (s = 0; s < 4 && fr->status != NULL; s++)
            if (strcmp(fr->status, statuses[s]) == 0)
                break;
        by_status[fr->status != NULL ? s : 4]++;
        for (size_t k = 0; k < fr->nfindings; k++)
            if ((int)fr->findings[k].severity >= opts->min_severity)
                cJSON_AddItemToArray(finds, aa_json_finding(&fr->findings[k]));
        cJSON_AddItemToObject(o, "findings", finds);
        cJSON_AddItemToArray(files, o);
    }
    cJSON_AddItemToObject(root, "files", files);
    for (size_t s = 0; s < 4; s++)
        cJSON_AddNumberToObject(sum, statuses[s], (double)by_status[s]);
    cJSON_AddNumberToObject(sum, "error", (double)by_status[4]);
    cJSON_AddItemToObject(root, "summary", sum);
    text = opts->compact ? aa_jsonw_print_compact(root) : aa_jsonw_print(root);
    rc = text == NULL || fputs(text, fp) == EOF ? -1 : 0;
    if (opts->compact && rc == 0 && fputc('\n', fp) == EOF)
        rc = -1;
    cJSON_Delete(root);
    free(text);
    return rc;
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

/* One line per file, then its findings indented below it:
 *   infra/main.json  arm  attributed
 *     info     12:7  The root template ... [cua.code.pid-root: CUA-F08] */
static int
render_text(const struct aa_scan_report *rep, const struct aa_render_opts *opts,
            FILE *fp)
{
    size_t count[3] = {0, 0, 0}, failed = 0;
    int c = opts->color;

    for (size_t i = 0; i < rep->nfiles; i++) {
        const struct aa_file_report *fr = &rep->files[i];
        char status[32];

        snprintf(status, sizeof(status), "%s",
                 fr->status ? fr->status : "error");
        failed += fr->status == NULL;
        for (char *p = status; *p != '\0'; p++)
            if (*p == '_')
                *p = ' ';
        sgr(fp, c, "1");
        aa_text_put(fp, fr->path, AA_TEXT_LINE);
        sgr(fp, c, "0");
        fprintf(fp, "  %s  ", fr->kind);
        sgr(fp, c, status_color(fr->status));
        fputs(status, fp);
        sgr(fp, c, "0");
        fputc('\n', fp);
        for (size_t k = 0; k < fr->nfindings; k++) {
            const struct aa_finding *f = &fr->findings[k];

            if ((int)f->severity < opts->min_severity)
                continue;
            if (f->suppressed == NULL)
                count[f->severity]++;
            fputs("  ", fp);
            sgr(fp, c,
                f->suppressed                   ? "2"
                : f->severity == AA_SEV_INFO    ? "36"
                : f->severity == AA_SEV_WARNING ? "33"
                                                : "1;31");
            fprintf(fp, "%-7s", aa_severity_name(f->severity));
            sgr(fp, c, "0");
            fprintf(fp, "  %u:%u  ", f->at.line, f->at.col);
            aa_text_put(fp, f->message, 0);
            fputc(' ', fp);
            if (f->suppressed != NULL) {
                fputs("(suppressed: ", fp);
                aa_text_put(fp, f->suppressed, 0);
                fputs(") ", fp);
            }
            sgr(fp, c, "2");
            fputc('[', fp);
            aa_text_put(fp, f->rule, 0);
            for (size_t j = 0; j < f->nfacts; j++) {
                fputs(j == 0 ? ": " : " ", fp);
                aa_text_put(fp, f->facts[j], 0);
            }
            fputc(']', fp);
            sgr(fp, c, "0");
            fputc('\n', fp);
        }
    }
    fprintf(fp, "\n%zu file%s", rep->nfiles, rep->nfiles == 1 ? "" : "s");
    if (failed > 0)
        fprintf(fp, " (%zu unreadable)", failed);
    fprintf(fp, ": %zu error%s, %zu warning%s, %zu note%s", count[AA_SEV_ERROR],
            count[AA_SEV_ERROR] == 1 ? "" : "s", count[AA_SEV_WARNING],
            count[AA_SEV_WARNING] == 1 ? "" : "s", count[AA_SEV_INFO],
            count[AA_SEV_INFO] == 1 ? "" : "s");
    if (rep->baselined)
        fprintf(fp, ", %zu stale baseline entr%s", rep->nstale,
                rep->nstale == 1 ? "y" : "ies");
    fputc('\n', fp);
    return ferror(fp) ? -1 : 0;
}

int
aa_scan_render(const char *format, const struct aa_scan_report *rep,
               const struct aa_render_opts *opts, FILE *fp)
{
    if (strcmp(format, "text") == 0)
        return render_text(rep, opts, fp);
    if (strcmp(format, "json") == 0)
        return render_json(rep, opts, fp);
    return -2;
}
