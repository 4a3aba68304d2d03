/*
 * render_json.c -- advice as JSON, exactly the shape of contract v1 section
 * 2: all seven mechanisms in contract order, every reason, action and
 * finding with its rule and facts.  Key order is fixed, so output is
 * byte-stable for golden tests.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "jsonw.h"
#include "render.h"

static cJSON *
facts_json(const char *const *facts, size_t n)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(facts[i]));
    return a;
}

static cJSON *
items_json(const struct aa_item *items, size_t n, int with_command)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();

        cJSON_AddStringToObject(o, "rule", items[i].rule);
        cJSON_AddItemToObject(o, "facts",
                              facts_json(items[i].facts, items[i].nfacts));
        cJSON_AddStringToObject(o, "text", items[i].text);
        if (with_command && items[i].command != NULL)
            cJSON_AddStringToObject(o, "command", items[i].command);
        if (with_command && items[i].snippet != NULL)
            cJSON_AddStringToObject(o, "snippet", items[i].snippet);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

cJSON *
aa_json_finding(const struct aa_finding *f)
{
    cJSON *o = cJSON_CreateObject(), *loc = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "rule", f->rule);
    cJSON_AddStringToObject(o, "severity", aa_severity_name(f->severity));
    if (f->mech != NULL)
        cJSON_AddStringToObject(o, "mechanism", f->mech);
    else
        cJSON_AddNullToObject(o, "mechanism");
    /* A finding of several mechanisms names them all; one of a single
     * mechanism needs no list beside "mechanism". */
    if (f->mech == NULL && f->mechs != 0) {
        cJSON *ms = cJSON_CreateArray();

        for (unsigned m = 0; m < AA_NMECH; m++)
            if (f->mechs & (1u << m))
                cJSON_AddItemToArray(
                    ms, cJSON_CreateString(aa_report_mech_name(m)));
        cJSON_AddItemToObject(o, "mechanisms", ms);
    }
    if (f->nworkloads > 0) {
        cJSON *ws = cJSON_CreateArray();

        for (size_t i = 0; i < f->nworkloads; i++)
            cJSON_AddItemToArray(ws, cJSON_CreateString(f->workloads[i]));
        cJSON_AddItemToObject(o, "workloads", ws);
    }
    cJSON_AddItemToObject(o, "facts", facts_json(f->facts, f->nfacts));
    cJSON_AddStringToObject(o, "message", f->message);
    if (f->pointer != NULL) /* findings in deployment code have none */
        cJSON_AddStringToObject(o, "pointer", f->pointer);
    cJSON_AddStringToObject(loc, "file", f->at.file);
    cJSON_AddNumberToObject(loc, "line", f->at.line);
    cJSON_AddNumberToObject(loc, "column", f->at.col);
    cJSON_AddItemToObject(o, "location", loc);
    if (f->suppressed != NULL) {
        cJSON *sup = cJSON_CreateObject();

        cJSON_AddStringToObject(sup, "kind", f->suppress_kind);
        cJSON_AddStringToObject(sup, "reason", f->suppressed);
        cJSON_AddItemToObject(o, "suppressed", sup);
    }
    return o;
}

/* One mechanism's answer; in a workload's answer "workload" comes first
 * instead of "id", and there is no rank (ranks order mechanisms). */
static cJSON *
advice_json(const struct aa_advice *a)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *miss = cJSON_CreateArray();
    cJSON *fields = cJSON_CreateArray();

    if (a->workload != NULL) {
        cJSON_AddStringToObject(o, "workload", a->workload);
    } else {
        cJSON_AddStringToObject(o, "id", a->mech);
    }
    cJSON_AddStringToObject(o, "verdict", aa_verdict_name(a->verdict));
    if (a->workload == NULL) {
        if (a->rank > 0)
            cJSON_AddNumberToObject(o, "rank", a->rank);
        else
            cJSON_AddNullToObject(o, "rank");
    }
    cJSON_AddItemToObject(o, "reasons", items_json(a->reasons, a->nreasons, 0));
    cJSON_AddItemToObject(o, "actions", items_json(a->actions, a->nactions, 1));
    for (size_t i = 0; i < a->nmissing; i++) {
        cJSON *f = cJSON_CreateObject();

        cJSON_AddItemToArray(miss, cJSON_CreateString(a->missing[i].pointer));
        cJSON_AddStringToObject(f, "pointer", a->missing[i].pointer);
        cJSON_AddStringToObject(f, "label", a->missing[i].label);
        cJSON_AddStringToObject(f, "question", a->missing[i].question);
        cJSON_AddItemToArray(fields, f);
    }
    cJSON_AddItemToObject(o, "missing", miss);
    /* Beside "missing", which stays the list of pointers contract v1
     * promises: each field again, with its label and question. */
    cJSON_AddItemToObject(o, "missing_fields", fields);
    return o;
}

cJSON *
aa_json_xread(const struct aa_xread *r)
{
    cJSON *a;

    switch (r->kind) {
    case AA_XR_BOOL:
        return cJSON_CreateBool(r->b);
    case AA_XR_NUMBER:
        return cJSON_CreateNumber(r->n);
    case AA_XR_STRING:
        return cJSON_CreateString(r->s);
    case AA_XR_ARRAY:
        a = cJSON_CreateArray();
        for (size_t i = 0; i < r->nitems; i++)
            cJSON_AddItemToArray(a, cJSON_CreateString(r->items[i]));
        return a;
    default:
        return cJSON_CreateNull();
    }
}

cJSON *
aa_json_tool(const char *version, const char *as_of)
{
    cJSON *tool = cJSON_CreateObject();

    cJSON_AddStringToObject(tool, "name", "attrib-advise");
    cJSON_AddStringToObject(tool, "version", version);
    cJSON_AddStringToObject(tool, "knowledge_as_of", as_of);
    return tool;
}

static cJSON *
report_json(const struct aa_report *rep, const struct aa_render_opts *opts)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *tool = aa_json_tool(rep->tool_version, rep->knowledge_as_of);
    cJSON *scen = cJSON_CreateObject();
    cJSON *mechs = cJSON_CreateArray();
    cJSON *finds = cJSON_CreateArray();

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddItemToObject(root, "tool", tool);
    cJSON_AddStringToObject(scen, "source", rep->source);
    if (rep->source_line > 0)
        cJSON_AddNumberToObject(scen, "line", rep->source_line);
    if (rep->scenario_id != NULL)
        cJSON_AddStringToObject(scen, "id", rep->scenario_id);
    else
        cJSON_AddNullToObject(scen, "id");
    cJSON_AddItemToObject(root, "scenario", scen);

    for (size_t m = 0; m < AA_NMECH; m++) {
        const struct aa_advice *a = &rep->mech[m];
        cJSON *o = advice_json(a);

        if (a->nper > 0) {
            cJSON *per = cJSON_CreateArray();

            for (size_t v = 0; v < a->nper; v++)
                cJSON_AddItemToArray(per, advice_json(&a->per[v]));
            cJSON_AddItemToObject(o, "workloads", per);
        }
        cJSON_AddItemToArray(mechs, o);
    }
    cJSON_AddItemToObject(root, "mechanisms", mechs);

    for (size_t i = 0; i < rep->nfindings; i++)
        if ((int)rep->findings[i].severity >= opts->min_severity)
            cJSON_AddItemToArray(finds, aa_json_finding(&rep->findings[i]));
    cJSON_AddItemToObject(root, "findings", finds);
    return root;
}

static int print_json(cJSON *root, const struct aa_render_opts *opts, FILE *fp);

int
aa_render_json(const struct aa_report *rep, const struct aa_render_opts *opts,
               FILE *fp)
{
    cJSON *root = report_json(rep, opts);
    int rc = print_json(root, opts, fp);

    cJSON_Delete(root);
    return rc;
}

/* One document or one line, as the options ask. */
static int
print_json(cJSON *root, const struct aa_render_opts *opts, FILE *fp)
{
    char *text =
        opts->compact ? aa_jsonw_print_compact(root) : aa_jsonw_print(root);
    int rc = text == NULL || fputs(text, fp) == EOF ? -1 : 0;

    if (opts->compact && rc == 0 && fputc('\n', fp) == EOF)
        rc = -1;
    free(text);
    return rc;
}

int
aa_render_ndjson(const struct aa_report *rep, const struct aa_render_opts *opts,
                 FILE *fp)
{
    struct aa_render_opts one_line = *opts;

    one_line.compact = 1;
    return aa_render_json(rep, &one_line, fp);
}

/*
 * A scenario that could not be read, in the place its advice would have
 * taken (docs/scenario.md, "Several plans"):
 *   {"version": 1, "tool": {...}, "scenario": {"source": S, "line": L},
 *    "rejected": true, "errors": [{"severity", "message", "location"}]}
 */
int
aa_reject_json(const struct aa_run_info *info, const char *source,
               const struct aa_message *m, size_t n,
               const struct aa_render_opts *opts, FILE *fp)
{
    cJSON *root = cJSON_CreateObject(), *scen = cJSON_CreateObject();
    cJSON *errs = cJSON_CreateArray();
    int rc;

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddItemToObject(
        root, "tool", aa_json_tool(info->tool_version, info->knowledge_as_of));
    cJSON_AddStringToObject(scen, "source", source);
    if (opts->batch && n > 0 && m[0].line > 0)
        cJSON_AddNumberToObject(scen, "line", m[0].line);
    cJSON_AddItemToObject(root, "scenario", scen);
    cJSON_AddTrueToObject(root, "rejected");
    for (size_t i = 0; i < n; i++) {
        cJSON *e = cJSON_CreateObject(), *loc = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "severity", aa_severity_name(m[i].severity));
        cJSON_AddStringToObject(e, "message", m[i].text);
        cJSON_AddStringToObject(loc, "file", m[i].file ? m[i].file : source);
        cJSON_AddNumberToObject(loc, "line", m[i].line);
        cJSON_AddNumberToObject(loc, "column", m[i].col);
        cJSON_AddItemToObject(e, "location", loc);
        cJSON_AddItemToArray(errs, e);
    }
    cJSON_AddItemToObject(root, "errors", errs);
    rc = print_json(root, opts, fp);
    cJSON_Delete(root);
    return rc;
}
