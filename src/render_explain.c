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

/* The columns a text output wraps at. */
static int
out_width(const struct aa_render_opts *opts)
{
    return opts != NULL && opts->width > 0 ? opts->width : 80;
}

/* A finding: its line, then (with 'detail') the code as written and each
 * step it was resolved through, cut at the width (code is not wrapped),
 * what it resolved to and the message, wrapped. */
static void
put_finding(FILE *fp, const struct aa_finding *f, int detail, int width)
{
    int col = fprintf(fp, "    %-7s  %u:%u", aa_severity_name(f->severity),
                      f->at.line, f->at.col);

    col = aa_text_next(fp, f->rule, col, 2, 8, width, 0);
    if (f->suppressed != NULL)
        aa_text_next(fp, "(suppressed)", col, 2, 8, width, 0);
    fputc('\n', fp);
    if (!detail)
        return;
    if (f->written != NULL) {
        fputs("      as written:   ", fp);
        aa_text_clip(fp, f->written, strlen(f->written), 20, width,
                     AA_TEXT_LINE);
        fputc('\n', fp);
    }
    for (size_t k = 0; k < f->nsteps; k++) {
        col = fprintf(fp, "      via:          %u:%u  ", f->steps[k].line,
                      f->steps[k].col);
        aa_text_clip(fp, f->steps[k].written, strlen(f->steps[k].written), col,
                     width, AA_TEXT_LINE);
        fputc('\n', fp);
    }
    if (f->match != NULL && f->match[0] != '\0') {
        fputs("      resolves to:  ", fp);
        aa_text_wrap(fp, f->match, 20, 20, width, AA_TEXT_LINE);
    }
    fputs("      ", fp);
    aa_text_wrap(fp, f->message, 6, 6, width, AA_TEXT_LINE);
}

/* "PATH  STATUS": the path breaks at its separators, continued 4 columns
 * further in, and the status follows it, or starts that line. */
static void
put_path(FILE *fp, const char *path, const char *status, int col, int width)
{
    int indent = col + 4;

    col = aa_text_flow(fp, path, col, indent, width, AA_TEXT_LINE);
    aa_text_next(fp, status, col, 2, indent, width, 0);
}

/* The deployers of file i, each with its own deployers below it.  A file
 * met before in this chain ('shown', one byte a file) is named and not
 * followed again: templates that deploy each other, or two that each
 * deploy the next two, would otherwise repeat a chain two to the power of
 * its depth times. */
static void
put_parents(FILE *fp, const struct aa_scan_report *rep, size_t i, int depth,
            int width, unsigned char *shown)
{
    const struct aa_file_report *fr = &rep->files[i];

    for (size_t k = 0; k < fr->nparents; k++) {
        const struct aa_file_report *p = &rep->files[fr->parents[k]];
        char *status = aa_xstrdup(p->status ? p->status : "error");
        int col = 2 + 2 * depth;

        if (shown[fr->parents[k]]) {
            char *again = aa_xasprintf("%s, shown above", status);

            fprintf(fp, "%*s", col, "");
            put_path(fp, p->path, again, col, width);
            fputc('\n', fp);
            free(again);
            free(status);
            continue;
        }
        shown[fr->parents[k]] = 1;

        for (size_t j = 0; j < p->nfindings; j++)
            if (p->findings[j].decides) {
                char *by = aa_xasprintf(
                    "%s, by %s at %u:%u", status, p->findings[j].rule,
                    p->findings[j].at.line, p->findings[j].at.col);

                free(status);
                status = by;
                break;
            }
        fprintf(fp, "%*s", col, "");
        put_path(fp, p->path, status, col, width);
        fputc('\n', fp);
        free(status);
        if (depth + 1 < MAX_CHAIN)
            put_parents(fp, rep, fr->parents[k], depth + 1, width, shown);
    }
}

static int
render_text(const struct aa_scan_report *rep, size_t i, int width, FILE *fp)
{
    const struct aa_file_report *fr = &rep->files[i];
    size_t ndecide = 0;
    int col;

    col = aa_text_flow(fp, fr->path, 0, 4, width, AA_TEXT_LINE);
    col = aa_text_next(fp, fr->kind, col, 2, 4, width, 0);
    aa_text_next(fp, fr->status ? fr->status : "error", col, 2, 4, width, 0);
    fputc('\n', fp);
    if (fr->status == NULL) {
        aa_text_wrap(fp,
                     "the file could not be read or parsed: see the error "
                     "above",
                     0, 2, width, AA_TEXT_LINE);
        return ferror(fp) ? -1 : 0;
    }
    fputs("decided by\n", fp);
    for (size_t k = 0; k < fr->nfindings; k++)
        if (fr->findings[k].decides) {
            put_finding(fp, &fr->findings[k], 1, width);
            ndecide++;
        }
    if (ndecide == 0)
        aa_text_wrap(fp,
                     "    (no finding: the rule of its detector is not "
                     "loaded)",
                     0, 5, width, AA_TEXT_LINE);
    if (ndecide < fr->nfindings) {
        fputs("also found\n", fp);
        for (size_t k = 0; k < fr->nfindings; k++)
            if (!fr->findings[k].decides)
                put_finding(fp, &fr->findings[k], 1, width);
    }
    fputs("deployed by\n", fp);
    if (fr->nparents == 0)
        aa_text_wrap(fp,
                     "  no scanned file: judged as the root customers deploy",
                     0, 4, width, AA_TEXT_LINE);
    else {
        unsigned char *shown = aa_xcalloc(rep->nfiles, 1);

        shown[i] = 1;
        put_parents(fp, rep, i, 0, width, shown);
        free(shown);
    }
    fputs("deploys\n", fp);
    if (fr->nchildren == 0)
        fputs("  no scanned file\n", fp);
    for (size_t k = 0; k < fr->nchildren; k++) {
        const struct aa_file_report *c = &rep->files[fr->children[k]];

        fputs("  ", fp);
        put_path(fp, c->path, c->status ? c->status : "error", 2, width);
        fputc('\n', fp);
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
 * MAX_CHAIN levels) who deploys it; a file met before in the chain
 * ('shown') only by path, kind, status and "shown_above" (put_parents). */
static cJSON *
json_file(const struct aa_scan_report *rep, size_t i, int depth,
          unsigned char *shown)
{
    const struct aa_file_report *fr = &rep->files[i];
    cJSON *o = cJSON_CreateObject();
    cJSON *decided, *parents;

    cJSON_AddStringToObject(o, "path", fr->path);
    cJSON_AddStringToObject(o, "kind", fr->kind);
    cJSON_AddStringToObject(o, "status", fr->status ? fr->status : "error");
    if (shown[i]) {
        cJSON_AddTrueToObject(o, "shown_above");
        return o;
    }
    shown[i] = 1;
    decided = cJSON_CreateArray();
    parents = cJSON_CreateArray();
    for (size_t k = 0; k < fr->nfindings; k++)
        if (fr->findings[k].decides)
            cJSON_AddItemToArray(decided, json_finding(&fr->findings[k]));
    cJSON_AddItemToObject(o, "decided_by", decided);
    for (size_t k = 0; depth < MAX_CHAIN && k < fr->nparents; k++)
        cJSON_AddItemToArray(parents,
                             json_file(rep, fr->parents[k], depth + 1, shown));
    cJSON_AddItemToObject(o, "deployed_by", parents);
    return o;
}

static int
render_json(const struct aa_scan_report *rep, size_t i, FILE *fp)
{
    const struct aa_file_report *fr = &rep->files[i];
    cJSON *root = cJSON_CreateObject();
    unsigned char *shown = aa_xcalloc(rep->nfiles, 1);
    cJSON *file = json_file(rep, i, 0, shown);
    cJSON *also = cJSON_CreateArray();
    cJSON *kids = cJSON_CreateArray();
    char *text;
    int rc;

    free(shown);
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
    if (i >= rep->nfiles)
        return -1;
    if (strcmp(format, "text") == 0)
        return render_text(rep, i, out_width(opts), fp);
    if (strcmp(format, "json") == 0)
        return render_json(rep, i, fp);
    return -2;
}

/* ---- the advice: --explain [RULE] ---------------------------------- */

/*
 * What the evaluator kept of a plan (aa_eval_explain): for each mechanism
 * (of each workload answer) its verdict and the rules that speak for it,
 * each with its value and its condition as a tree of values, with what
 * every test read from the plan and where the plan writes it.
 *
 *   PAL  recommended, decided by pal.write-role
 *     fired      pal.write-role  fit 80  rules/pal.yaml:12:5
 *       true       all
 *       true         /engagement/access/to_customer equals true
 *                      read true at 14:22
 */

static const char *
tri_name(int v)
{
    return v > 0 ? "true" : v == 0 ? "false" : "unknown";
}

static const char *
rule_state(const struct aa_xrule *x)
{
    if (x->detect != NULL)
        return x->value > 0 ? "reported" : "silent";
    return x->value > 0 ? "fired" : x->value == 0 ? "not fired" : "unknown";
}

/* A condition and its kids, a line each; a line that passes the width
 * goes on 4 columns past where its test starts. */
static void
put_cond(FILE *out, const struct aa_xcond *c, int depth, int width)
{
    struct aa_text_line l;
    FILE *fp = aa_text_line_start(&l);

    fprintf(fp, "      %-8s %*s", tri_name(c->value), 2 * depth, "");
    if (c->item > 0) {
        fprintf(fp, "item %zu ", c->item);
        aa_text_xread(fp, &c->read);
        fputs(": ", fp);
    } else if (c->pointer != NULL) {
        aa_text_put(fp, c->pointer, 0);
        fputc(' ', fp);
    }
    fputs(c->op, fp);
    if (c->operand != NULL) {
        fputc(' ', fp);
        aa_text_put(fp, c->operand, 0);
    }
    if (c->pointer != NULL) {
        fputs(c->read.kind == AA_XR_ABSENT ? "  (" : "  (read ", fp);
        aa_text_xread(fp, &c->read);
        if (c->at.line > 0)
            fprintf(fp, " at %u:%u", c->at.line, c->at.col);
        fputc(')', fp);
    }
    aa_text_line_end(&l, out, 15 + 2 * depth + 4, width);
    for (size_t k = 0; k < c->nkids; k++)
        put_cond(out, &c->kids[k], depth + 1, width);
}

/* The tests that decide a condition's value: for each node, the kids
 * whose value alone gives the node's (a false kid of a false "all", every
 * kid of a false "any", ...), down to the leaves.  'quant' is the
 * quantifier an item test is under, NULL elsewhere. */
typedef void (*leaf_fn)(const struct aa_xcond *leaf,
                        const struct aa_xcond *quant, void *arg);

static void
blame(const struct aa_xcond *c, const struct aa_xcond *quant, leaf_fn fn,
      void *arg)
{
    int decisive;

    if (c->nkids == 0) {
        fn(c, quant, arg);
        return;
    }
    if (c->pointer != NULL)
        quant = c;
    /* The kid value that settles the node, or -2 when every kid counts. */
    if (c->value < 0)
        decisive = -1;
    else if (strcmp(c->op, "all") == 0 || strcmp(c->op, "all_items") == 0)
        decisive = c->value ? -2 : 0;
    else if (strcmp(c->op, "any") == 0 || strcmp(c->op, "any_item") == 0)
        decisive = c->value ? 1 : -2;
    else if (strcmp(c->op, "no_item") == 0)
        decisive = c->value ? -2 : 1;
    else
        decisive = -2; /* not */
    for (size_t k = 0; k < c->nkids; k++)
        if (decisive == -2 || c->kids[k].value == decisive)
            blame(&c->kids[k], quant, fn, arg);
}

static void
put_leaf(FILE *fp, const struct aa_xcond *c, const struct aa_xcond *quant)
{
    if (c->pointer != NULL) {
        aa_text_put(fp, c->pointer, 0);
    } else if (quant != NULL) {
        aa_text_put(fp, quant->pointer, 0);
        fprintf(fp, " %s: item", quant->op);
        if (c->item > 0)
            fprintf(fp, " %zu", c->item);
    }
    fputc(' ', fp);
    fputs(c->op, fp);
    if (c->operand != NULL) {
        fputc(' ', fp);
        aa_text_put(fp, c->operand, 0);
    }
    fprintf(fp, " is %s", tri_name(c->value));
    if (c->pointer != NULL || quant != NULL) {
        fputs(c->read.kind == AA_XR_ABSENT ? " (" : " (read ", fp);
        aa_text_xread(fp, &c->read);
        fputc(')', fp);
    }
}

struct because {
    FILE *fp;
    int n;
    int width;
};

static void
because_text(const struct aa_xcond *c, const struct aa_xcond *quant, void *arg)
{
    struct because *b = arg;
    struct aa_text_line l;
    FILE *fp = aa_text_line_start(&l);

    fputs(b->n++ == 0 ? "      because  " : "               ", fp);
    put_leaf(fp, c, quant);
    aa_text_line_end(&l, b->fp, 17, b->width);
}

static void
put_xrule(FILE *out, const struct aa_xrule *x, int why, int width)
{
    struct aa_text_line l;
    FILE *fp = aa_text_line_start(&l);

    fprintf(fp, "    %-10s ", rule_state(x));
    aa_text_put(fp, x->rule, 0);
    if (x->signal != NULL && strcmp(x->signal, "fit") == 0)
        fprintf(fp, "  fit %d", x->weight);
    else if (x->signal != NULL)
        fprintf(fp, "  %s", x->signal);
    if (x->decides)
        fputs("  (decides)", fp);
    fputs("  ", fp);
    aa_text_put(fp, x->at.file, 0);
    fprintf(fp, ":%u:%u", x->at.line, x->at.col);
    aa_text_line_end(&l, out, 15, width);
    if (x->detect != NULL) {
        fp = aa_text_line_start(&l);
        fputs("      reports what ", fp);
        aa_text_put(fp, x->detect, 0);
        fputs(" detects", fp);
        fputs(x->value > 0 ? "; it reported a finding here"
                           : "; it reported nothing here",
              fp);
        aa_text_line_end(&l, out, 8, width);
        return;
    }
    if (x->outcome)
        aa_text_wrap(out, "      read once every mechanism had its verdict", 0,
                     8, width, AA_TEXT_LINE);
    if (x->when == NULL) {
        fputs("      no condition: always true\n", out);
    } else {
        struct because b = {out, 0, width};

        /* Asked about one rule: first the tests that settle it. */
        if (why)
            blame(x->when, NULL, because_text, &b);
        put_cond(out, x->when, 0, width);
    }
    if (x->nmissing == 0)
        return;
    fp = aa_text_line_start(&l);
    for (size_t k = 0; k < x->nmissing; k++) {
        fputs(k == 0 ? "      unknown until the plan gives " : ", ", fp);
        aa_text_put(fp, x->missing[k].pointer, 0);
    }
    aa_text_line_end(&l, out, 8, width);
}

static int
render_advice_text(const struct aa_report *rep, int width, FILE *out)
{
    struct aa_text_line l;
    FILE *fp = aa_text_line_start(&l);

    aa_text_put(fp, rep->scenario_id ? rep->scenario_id : rep->source,
                AA_TEXT_LINE);
    if (rep->scenario_id != NULL) {
        fputs(" (", fp);
        aa_text_put(fp, rep->source, 0);
        fputc(')', fp);
    }
    aa_text_line_end(&l, out, 4, width);
    if (rep->nexplain == 0 && rep->explain_rule != NULL) {
        fputc('\n', out);
        fp = aa_text_line_start(&l);
        fputs("no mechanism reads ", fp);
        aa_text_put(fp, rep->explain_rule, 0);
        fputs(" for this plan", fp);
        aa_text_line_end(&l, out, 4, width);
    }
    for (size_t g = 0; g < rep->nexplain; g++) {
        const struct aa_xmech *x = &rep->explain[g];
        int gen = strcmp(x->mech, "GEN") == 0;

        fputc('\n', out);
        fp = aa_text_line_start(&l);
        fputs(gen ? "plan-wide" : x->mech, fp);
        if (x->workload != NULL) {
            fputs(" @", fp);
            aa_text_put(fp, x->workload, 0);
        }
        if (!gen) {
            fprintf(fp, "  %s", aa_verdict_name(x->verdict));
            if (x->decided_by != NULL) {
                fputs(", decided by ", fp);
                aa_text_put(fp, x->decided_by, 0);
            } else if (x->verdict == AA_V_NEEDS_INFO) {
                fputs(", decided by no rule: one that could is unknown", fp);
            } else {
                fputs(", decided by no rule: none fired", fp);
            }
        }
        aa_text_line_end(&l, out, 4, width);
        if (x->nrules == 0)
            fputs("    (no rule)\n", out);
        for (size_t k = 0; k < x->nrules; k++)
            put_xrule(out, &x->rules[k], rep->explain_rule != NULL, width);
    }
    return ferror(out) ? -1 : 0;
}

static cJSON *
json_at(const struct aa_loc *at, int with_file)
{
    cJSON *o;

    if (at->line == 0)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    if (with_file)
        cJSON_AddStringToObject(o, "file", at->file);
    cJSON_AddNumberToObject(o, "line", at->line);
    cJSON_AddNumberToObject(o, "column", at->col);
    return o;
}

static cJSON *
json_cond(const struct aa_xcond *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *kids;

    cJSON_AddStringToObject(o, "op", c->op);
    if (c->item > 0)
        cJSON_AddNumberToObject(o, "item", (double)c->item);
    if (c->pointer != NULL)
        cJSON_AddStringToObject(o, "pointer", c->pointer);
    if (c->operand != NULL)
        cJSON_AddStringToObject(o, "operand", c->operand);
    cJSON_AddStringToObject(o, "value", tri_name(c->value));
    if (c->pointer != NULL || c->item > 0) {
        cJSON_AddItemToObject(o, "read", aa_json_xread(&c->read));
        if (c->pointer != NULL)
            cJSON_AddItemToObject(o, "at", json_at(&c->at, 0));
    }
    cJSON_AddItemToObject(o, "rule_at", json_at(&c->rule_at, 0));
    if (c->nkids == 0)
        return o;
    kids = cJSON_AddArrayToObject(o, "conditions");
    for (size_t k = 0; k < c->nkids; k++)
        cJSON_AddItemToArray(kids, json_cond(&c->kids[k]));
    return o;
}

/* A deciding test, as --explain RULE lists it ("because" in JSON). */
static void
because_json(const struct aa_xcond *c, const struct aa_xcond *quant, void *arg)
{
    cJSON *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "pointer",
                            c->pointer ? c->pointer : quant->pointer);
    if (c->pointer == NULL) {
        cJSON_AddStringToObject(o, "quantifier", quant->op);
        if (c->item > 0)
            cJSON_AddNumberToObject(o, "item", (double)c->item);
    }
    cJSON_AddStringToObject(o, "op", c->op);
    if (c->operand != NULL)
        cJSON_AddStringToObject(o, "operand", c->operand);
    cJSON_AddStringToObject(o, "value", tri_name(c->value));
    cJSON_AddItemToObject(o, "read", aa_json_xread(&c->read));
    cJSON_AddItemToArray(arg, o);
}

static cJSON *
json_xrule(const struct aa_xrule *x, int why)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *missing;

    cJSON_AddStringToObject(o, "rule", x->rule);
    cJSON_AddItemToObject(o, "at", json_at(&x->at, 1));
    cJSON_AddStringToObject(o, "state", rule_state(x));
    if (x->signal != NULL)
        cJSON_AddStringToObject(o, "signal", x->signal);
    if (x->signal != NULL && strcmp(x->signal, "fit") == 0)
        cJSON_AddNumberToObject(o, "weight", x->weight);
    cJSON_AddBoolToObject(o, "decides", x->decides);
    if (x->outcome)
        cJSON_AddBoolToObject(o, "reads_outcome", 1);
    if (x->detect != NULL) {
        cJSON_AddStringToObject(o, "detect", x->detect);
        return o;
    }
    missing = cJSON_AddArrayToObject(o, "missing");
    for (size_t k = 0; k < x->nmissing; k++)
        cJSON_AddItemToArray(missing,
                             cJSON_CreateString(x->missing[k].pointer));
    if (why && x->when != NULL)
        blame(x->when, NULL, because_json,
              cJSON_AddArrayToObject(o, "because"));
    cJSON_AddItemToObject(o, "when",
                          x->when ? json_cond(x->when) : cJSON_CreateNull());
    return o;
}

static int
render_advice_json(const struct aa_report *rep, FILE *fp)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *sc = cJSON_CreateObject();
    cJSON *groups = cJSON_CreateArray();
    char *text;
    int rc;

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddItemToObject(
        root, "tool", aa_json_tool(rep->tool_version, rep->knowledge_as_of));
    cJSON_AddStringToObject(sc, "source", rep->source);
    if (rep->scenario_id != NULL)
        cJSON_AddStringToObject(sc, "id", rep->scenario_id);
    cJSON_AddItemToObject(root, "scenario", sc);
    cJSON_AddItemToObject(root, "rule",
                          rep->explain_rule
                              ? cJSON_CreateString(rep->explain_rule)
                              : cJSON_CreateNull());
    for (size_t g = 0; g < rep->nexplain; g++) {
        const struct aa_xmech *x = &rep->explain[g];
        int gen = strcmp(x->mech, "GEN") == 0;
        cJSON *o = cJSON_CreateObject();
        cJSON *rules;

        cJSON_AddStringToObject(o, "mechanism", x->mech);
        cJSON_AddItemToObject(o, "workload",
                              x->workload ? cJSON_CreateString(x->workload)
                                          : cJSON_CreateNull());
        if (!gen) {
            cJSON_AddStringToObject(o, "verdict", aa_verdict_name(x->verdict));
            cJSON_AddItemToObject(o, "decided_by",
                                  x->decided_by
                                      ? cJSON_CreateString(x->decided_by)
                                      : cJSON_CreateNull());
        }
        rules = cJSON_AddArrayToObject(o, "rules");
        for (size_t k = 0; k < x->nrules; k++)
            cJSON_AddItemToArray(
                rules, json_xrule(&x->rules[k], rep->explain_rule != NULL));
        cJSON_AddItemToArray(groups, o);
    }
    cJSON_AddItemToObject(root, "explain", groups);
    text = aa_jsonw_print(root);
    rc = text == NULL || fputs(text, fp) == EOF ? -1 : 0;
    cJSON_Delete(root);
    free(text);
    return rc;
}

int
aa_render_explain(const char *format, const struct aa_report *rep,
                  const struct aa_render_opts *opts, FILE *fp)
{
    if (strcmp(format, "text") == 0)
        return render_advice_text(rep, out_width(opts), fp);
    if (strcmp(format, "json") == 0)
        return render_advice_json(rep, fp);
    return -2;
}
