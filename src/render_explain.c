/*
 * render_explain.c -- scan --explain FILE: the chain behind one file's
 * status, for a user who doubts it.  Read from the scan report only: the
 * findings that decide the status (each with the source as written at its
 * place and what the scanner resolved it to), the other findings, the
 * files that deploy this one up to their roots (each with what decides
 * its own status), and the files it deploys.
 *
 *   infra/modules/app.bicep  bicep  context
 *   decided by
 *     info     1:1  cua.code.child-of
 *   ...
 *
 * JSON has the same parts as members of one object, "explain".
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "render.h"
#include "text.h"

/* Roots are rarely more than a few links up; a deeper chain (or a cycle,
 * which a folder of hand-made links can hold) is cut here. */
#define MAX_CHAIN 16

static void
put_finding(FILE *fp, const struct aa_finding *f, int detail)
{
    fprintf(fp, "    %-7s  %u:%u  ", aa_severity_name(f->severity), f->at.line,
            f->at.col);
    aa_text_put(fp, f->rule, 0);
    if (f->suppressed != NULL)
        fputs("  (suppressed)", fp);
    fputc('\n', fp);
    if (!detail)
        return;
    if (f->written != NULL) {
        fputs("      as written:   ", fp);
        aa_text_put(fp, f->written, AA_TEXT_LINE);
        fputc('\n', fp);
    }
    for (size_t k = 0; k < f->nsteps; k++) {
        fprintf(fp, "      through:      %u:%u  ", f->steps[k].line,
                f->steps[k].col);
        aa_text_put(fp, f->steps[k].written, AA_TEXT_LINE);
        fputc('\n', fp);
    }
    if (f->match != NULL && f->match[0] != '\0') {
        fputs("      resolves to:  ", fp);
        aa_text_put(fp, f->match, AA_TEXT_LINE);
        fputc('\n', fp);
    }
    fputs("      ", fp);
    aa_text_put(fp, f->message, 0);
    fputc('\n', fp);
}

static void
put_parents(FILE *fp, const struct aa_scan_report *rep, size_t i, int depth)
{
    const struct aa_file_report *fr = &rep->files[i];

    for (size_t k = 0; k < fr->nparents; k++) {
        const struct aa_file_report *p = &rep->files[fr->parents[k]];

        fprintf(fp, "%*s", 2 + 2 * depth, "");
        aa_text_put(fp, p->path, AA_TEXT_LINE);
        fprintf(fp, "  %s", p->status ? p->status : "error");
        for (size_t j = 0; j < p->nfindings; j++)
            if (p->findings[j].decides) {
                fputs(", by ", fp);
                aa_text_put(fp, p->findings[j].rule, 0);
                fprintf(fp, " at %u:%u", p->findings[j].at.line,
                        p->findings[j].at.col);
                break;
            }
        fputc('\n', fp);
        if (depth + 1 < MAX_CHAIN)
            put_parents(fp, rep, fr->parents[k], depth + 1);
    }
}

static int
render_text(const struct aa_scan_report *rep, size_t i, FILE *fp)
{
    const struct aa_file_report *fr = &rep->files[i];
    size_t ndecide = 0;

    aa_text_put(fp, fr->path, AA_TEXT_LINE);
    fprintf(fp, "  %s  %s\n", fr->kind, fr->status ? fr->status : "error");
    if (fr->status == NULL) {
        fputs("the file could not be read or parsed: see the error above\n",
              fp);
        return ferror(fp) ? -1 : 0;
    }
    fputs("decided by\n", fp);
    for (size_t k = 0; k < fr->nfindings; k++)
        if (fr->findings[k].decides) {
            put_finding(fp, &fr->findings[k], 1);
            ndecide++;
        }
    if (ndecide == 0)
        fputs("    (no finding: the rule of its detector is not loaded)\n", fp);
    if (ndecide < fr->nfindings) {
        fputs("also found\n", fp);
        for (size_t k = 0; k < fr->nfindings; k++)
            if (!fr->findings[k].decides)
                put_finding(fp, &fr->findings[k], 1);
    }
    fputs("deployed by\n", fp);
    if (fr->nparents == 0)
        fputs("  no scanned file: judged as the root customers deploy\n", fp);
    else
        put_parents(fp, rep, i, 0);
    fputs("deploys\n", fp);
    if (fr->nchildren == 0)
        fputs("  no scanned file\n", fp);
    for (size_t k = 0; k < fr->nchildren; k++) {
        const struct aa_file_report *c = &rep->files[fr->children[k]];

        fputs("  ", fp);
        aa_text_put(fp, c->path, AA_TEXT_LINE);
        fprintf(fp, "  %s\n", c->status ? c->status : "error");
    }
    return ferror(fp) ? -1 : 0;
}

static cJSON *
json_finding(const struct aa_finding *f)
{
    cJSON *o = aa_json_finding(f);

    cJSON *steps;

    if (f->written != NULL)
        cJSON_AddStringToObject(o, "written", f->written);
    if (f->nsteps == 0)
        return o;
    steps = cJSON_AddArrayToObject(o, "through");
    for (size_t k = 0; k < f->nsteps; k++) {
        cJSON *s = cJSON_CreateObject();

        cJSON_AddStringToObject(s, "name", f->steps[k].name);
        cJSON_AddNumberToObject(s, "line", f->steps[k].line);
        cJSON_AddNumberToObject(s, "column", f->steps[k].col);
        cJSON_AddStringToObject(s, "written", f->steps[k].written);
        cJSON_AddItemToArray(steps, s);
    }
    return o;
}

/* A file as the chain shows it: path, status, what decides it, and (up to
 * MAX_CHAIN levels) who deploys it. */
static cJSON *
json_file(const struct aa_scan_report *rep, size_t i, int depth)
{
    const struct aa_file_report *fr = &rep->files[i];
    cJSON *o = cJSON_CreateObject();
    cJSON *decided = cJSON_CreateArray();
    cJSON *parents = cJSON_CreateArray();

    cJSON_AddStringToObject(o, "path", fr->path);
    cJSON_AddStringToObject(o, "kind", fr->kind);
    cJSON_AddStringToObject(o, "status", fr->status ? fr->status : "error");
    for (size_t k = 0; k < fr->nfindings; k++)
        if (fr->findings[k].decides)
            cJSON_AddItemToArray(decided, json_finding(&fr->findings[k]));
    cJSON_AddItemToObject(o, "decided_by", decided);
    for (size_t k = 0; depth < MAX_CHAIN && k < fr->nparents; k++)
        cJSON_AddItemToArray(parents,
                             json_file(rep, fr->parents[k], depth + 1));
    cJSON_AddItemToObject(o, "deployed_by", parents);
    return o;
}

static int
render_json(const struct aa_scan_report *rep, size_t i, FILE *fp)
{
    const struct aa_file_report *fr = &rep->files[i];
    cJSON *root = cJSON_CreateObject();
    cJSON *file = json_file(rep, i, 0);
    cJSON *also = cJSON_CreateArray();
    cJSON *kids = cJSON_CreateArray();
    char *text;
    int rc;

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddItemToObject(
        root, "tool", aa_json_tool(rep->tool_version, rep->knowledge_as_of));
    for (size_t k = 0; k < fr->nfindings; k++)
        if (!fr->findings[k].decides)
            cJSON_AddItemToArray(also, json_finding(&fr->findings[k]));
    cJSON_AddItemToObject(file, "also_found", also);
    for (size_t k = 0; k < fr->nchildren; k++) {
        const struct aa_file_report *c = &rep->files[fr->children[k]];
        cJSON *o = cJSON_CreateObject();

        cJSON_AddStringToObject(o, "path", c->path);
        cJSON_AddStringToObject(o, "status", c->status ? c->status : "error");
        cJSON_AddItemToArray(kids, o);
    }
    cJSON_AddItemToObject(file, "deploys", kids);
    cJSON_AddItemToObject(root, "explain", file);
    text = aa_jsonw_print(root);
    rc = text == NULL || fputs(text, fp) == EOF ? -1 : 0;
    cJSON_Delete(root);
    free(text);
    return rc;
}

int
aa_scan_render_explain(const char *format, const struct aa_scan_report *rep,
                       size_t i, const struct aa_render_opts *opts, FILE *fp)
{
    (void)opts;
    if (i >= rep->nfiles)
        return -1;
    if (strcmp(format, "text") == 0)
        return render_text(rep, i, fp);
    if (strcmp(format, "json") == 0)
        return render_json(rep, i, fp);
    return -2;
}
