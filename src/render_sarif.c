/*
 * render_sarif.c -- a run as SARIF 2.1.0: one run, the tool driver with
 * one rule entry per compiled rule (help text and fact IDs), one result
 * per finding with its physical location (file, line, column) and its
 * JSON Pointer as a logical location, and one invocation carrying the
 * exit status and a notification per rejected scenario.
 * The document is built as a cJSON tree and written in one piece at end.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonw.h"
#include "path.h"
#include "render.h"

struct sarif {
    cJSON *root, *results, *notes;
    const struct aa_run_info *info;
    int min_severity;
};

static const char *
level(enum aa_severity s)
{
    return s == AA_SEV_INFO      ? "note"
           : s == AA_SEV_WARNING ? "warning"
                                 : "error";
}

static cJSON *
text(const char *s)
{
    cJSON *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "text", s);
    return o;
}

static cJSON *
facts(const char *const *f, size_t n)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(f[i]));
    return a;
}

static cJSON *
location(const char *file, unsigned line, unsigned col, const char *pointer)
{
    cJSON *loc = cJSON_CreateObject(), *phys = cJSON_CreateObject();
    cJSON *art = cJSON_CreateObject(), *region = cJSON_CreateObject();
    char *u = aa_path_uri(file); /* relative, or a file:// URI */

    cJSON_AddStringToObject(art, "uri", u);
    free(u);
    cJSON_AddItemToObject(phys, "artifactLocation", art);
    if (line > 0) {
        cJSON_AddNumberToObject(region, "startLine", line);
        if (col > 0)
            cJSON_AddNumberToObject(region, "startColumn", col);
        cJSON_AddItemToObject(phys, "region", region);
    } else {
        cJSON_Delete(region);
    }
    cJSON_AddItemToObject(loc, "physicalLocation", phys);
    if (pointer != NULL) {
        cJSON *logs = cJSON_CreateArray(), *lg = cJSON_CreateObject();

        cJSON_AddStringToObject(lg, "fullyQualifiedName",
                                pointer[0] ? pointer : "/");
        cJSON_AddStringToObject(lg, "kind", "member");
        cJSON_AddItemToArray(logs, lg);
        cJSON_AddItemToObject(loc, "logicalLocations", logs);
    }
    return loc;
}

static cJSON *
rules(const struct aa_run_info *info)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < info->nrules; i++) {
        const struct aa_rule_entry *e = &info->rules[i];
        cJSON *r = cJSON_CreateObject(), *conf, *props;
        char help[2048];
        size_t used;

        used = (size_t)snprintf(help, sizeof(help), "%s Facts:", e->help);
        for (size_t k = 0; k < e->nfacts && used < sizeof(help); k++)
            used += (size_t)snprintf(help + used, sizeof(help) - used, " %s",
                                     e->facts[k]);
        cJSON_AddStringToObject(r, "id", e->id);
        cJSON_AddItemToObject(r, "shortDescription", text(e->help));
        cJSON_AddItemToObject(r, "help", text(help));
        conf = cJSON_CreateObject();
        cJSON_AddStringToObject(
            conf, "level",
            e->level >= 0 ? level((enum aa_severity)e->level) : "none");
        cJSON_AddItemToObject(r, "defaultConfiguration", conf);
        props = cJSON_CreateObject();
        cJSON_AddItemToObject(props, "facts", facts(e->facts, e->nfacts));
        if (e->mech != NULL)
            cJSON_AddStringToObject(props, "mechanism", e->mech);
        cJSON_AddItemToObject(r, "properties", props);
        cJSON_AddItemToArray(a, r);
    }
    return a;
}

static void *
begin(const struct aa_run_info *info, const struct aa_render_opts *opts)
{
    struct sarif *s = aa_xcalloc(1, sizeof(*s));
    cJSON *run = cJSON_CreateObject(), *tool = cJSON_CreateObject();
    cJSON *driver = cJSON_CreateObject(), *runs = cJSON_CreateArray();

    s->info = info;
    s->min_severity = opts->min_severity;
    s->root = cJSON_CreateObject();
    cJSON_AddStringToObject(s->root, "$schema",
                            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/"
                            "errata01/os/schemas/sarif-schema-2.1.0.json");
    cJSON_AddStringToObject(s->root, "version", "2.1.0");
    cJSON_AddStringToObject(driver, "name", "attrib-advise");
    cJSON_AddStringToObject(driver, "version", info->tool_version);
    cJSON_AddStringToObject(driver, "semanticVersion", info->tool_version);
    cJSON_AddItemToObject(driver, "rules", rules(info));
    cJSON_AddItemToObject(tool, "driver", driver);
    cJSON_AddItemToObject(run, "tool", tool);
    s->results = cJSON_CreateArray();
    s->notes = cJSON_CreateArray();
    cJSON_AddItemToArray(runs, run);
    cJSON_AddItemToObject(s->root, "runs", runs);
    return s;
}

static int
rule_index(const struct aa_run_info *info, const char *id)
{
    for (size_t i = 0; i < info->nrules; i++)
        if (strcmp(info->rules[i].id, id) == 0)
            return (int)i;
    return -1;
}

static void
add(void *st, const struct aa_report *rep)
{
    struct sarif *s = st;

    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        cJSON *r, *locs, *props;
        int ix;

        if ((int)f->severity < s->min_severity)
            continue;
        r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "ruleId", f->rule);
        if ((ix = rule_index(s->info, f->rule)) >= 0)
            cJSON_AddNumberToObject(r, "ruleIndex", ix);
        cJSON_AddStringToObject(r, "level", level(f->severity));
        if (f->baseline != AA_BASE_NONE)
            cJSON_AddStringToObject(r, "baselineState",
                                    f->baseline == AA_BASE_NEW ? "new"
                                                               : "unchanged");
        cJSON_AddItemToObject(r, "message", text(f->message));
        locs = cJSON_CreateArray();
        cJSON_AddItemToArray(
            locs, location(f->at.file, f->at.line, f->at.col, f->pointer));
        cJSON_AddItemToObject(r, "locations", locs);
        props = cJSON_CreateObject();
        cJSON_AddItemToObject(props, "facts", facts(f->facts, f->nfacts));
        if (f->mech != NULL)
            cJSON_AddStringToObject(props, "mechanism", f->mech);
        cJSON_AddItemToObject(r, "properties", props);
        if (f->suppressed != NULL) {
            cJSON *sups = cJSON_CreateArray(), *sup = cJSON_CreateObject();

            cJSON_AddStringToObject(sup, "kind", f->suppress_kind);
            cJSON_AddStringToObject(sup, "justification", f->suppressed);
            cJSON_AddItemToArray(sups, sup);
            cJSON_AddItemToObject(r, "suppressions", sups);
        }
        cJSON_AddItemToArray(s->results, r);
    }
}

static void
reject(void *st, const char *source, const struct aa_message *m, size_t n)
{
    struct sarif *s = st;

    for (size_t i = 0; i < n; i++) {
        cJSON *note = cJSON_CreateObject(), *locs = cJSON_CreateArray();

        cJSON_AddStringToObject(note, "level",
                                m[i].severity == AA_SEV_WARNING ? "warning"
                                : m[i].severity == AA_SEV_INFO  ? "note"
                                                                : "error");
        cJSON_AddItemToObject(note, "message", text(m[i].text));
        cJSON_AddItemToArray(locs, location(m[i].file ? m[i].file : source,
                                            m[i].line, m[i].col, NULL));
        cJSON_AddItemToObject(note, "locations", locs);
        cJSON_AddItemToArray(s->notes, note);
    }
}

static int
end(void *st, int exit_status, FILE *fp)
{
    struct sarif *s = st;
    cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(s->root, "runs"), 0);
    cJSON *invs = cJSON_CreateArray(), *inv = cJSON_CreateObject();
    char *out;
    int rc;

    cJSON_AddBoolToObject(inv, "executionSuccessful", exit_status < 2);
    cJSON_AddNumberToObject(inv, "exitCode", exit_status);
    if (cJSON_GetArraySize(s->notes) > 0)
        cJSON_AddItemToObject(inv, "toolExecutionNotifications", s->notes);
    else
        cJSON_Delete(s->notes);
    cJSON_AddItemToArray(invs, inv);
    cJSON_AddItemToObject(run, "invocations", invs);
    cJSON_AddItemToObject(run, "results", s->results);
    out = aa_jsonw_print(s->root);
    rc = fputs(out, fp) == EOF ? -1 : 0;
    free(out);
    cJSON_Delete(s->root);
    free(s);
    return rc;
}

const struct aa_run_fmt aa_render_sarif = {begin, add, reject, end};
