/*
 * init.c -- starting plans for 'attrib-advise init [--profile P]'.
 *
 * A plan starts as what its profile fixes (the kind of partner and what it
 * does), with "$schema" so that editors complete field names and values.
 * JSON has no comments, so the notes go into "$comment" members, which
 * the loader accepts and the advice never reads (scenario.c, meta_key):
 * one at the top saying how to go on, and one in each section listing the
 * questions the advice needs answered there.  Those questions are not
 * written by hand per profile: the plan is evaluated with the rules of the
 * run and each section gets the fields the report names as missing, with
 * their questions from the contract table (aa_contract_ask).  A profile
 * is data: a name, who it is for, and the fields it fixes.
 * Invariant: what init writes loads without error or warning and gives
 * the same advice as the plan without its notes (test_init).
 */
#include "init.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "attrib_advise.h"
#include "contract.h"
#include "jsonw.h"
#include "report.h"

static const struct profile {
    const char *name;
    const char *who;   /* "Starting plan for ..." */
    const char *fixed; /* JSON: the fields the profile fixes */
} profiles[] = {
    {"msp", "a managed service provider that operates the customer's Azure",
     "{\"partner\": {\"types\": [\"msp\"]}, "
     "\"engagement\": {\"activities\": [\"operate\"]}}"},
    {"isv",
     "an ISV whose software customers deploy in their own Azure "
     "subscriptions",
     "{\"partner\": {\"types\": [\"isv\"]}, "
     "\"engagement\": {\"activities\": [\"build_ip\"]}, "
     "\"solution\": {\"hosted_in\": \"customer_tenant\"}}"},
    {"si", "a systems integrator that deploys for the customer",
     "{\"partner\": {\"types\": [\"si\"]}, "
     "\"engagement\": {\"activities\": [\"deploy\"]}}"},
    {"csp", "a CSP partner that resells Azure to the customer and bills it",
     "{\"partner\": {\"types\": [\"csp_direct\"]}, "
     "\"customer\": {\"agreement\": \"csp\"}, "
     "\"engagement\": {\"activities\": [\"resell\"], "
     "\"transacting_partner\": true}}"},
    {"saas", "a SaaS ISV that runs its service in its own tenant",
     "{\"partner\": {\"types\": [\"saas_isv\"]}, "
     "\"engagement\": {\"activities\": [\"host_saas\"]}, "
     "\"solution\": {\"hosted_in\": \"partner_tenant\"}}"},
    {"licensing",
     "a Licensing Solution Partner that sells the customer "
     "its licences",
     "{\"partner\": {\"types\": [\"lsp\"]}, "
     "\"engagement\": {\"activities\": [\"resell\"]}}"},
};

#define NPROFILES (sizeof(profiles) / sizeof(profiles[0]))

const char *
aa_init_profile_name(size_t i)
{
    return i < NPROFILES ? profiles[i].name : NULL;
}

const char *
aa_scenario_schema_url(void)
{
    static char url[512];

    /* The schema as the repository publishes it (rules/schema/), at the
     * address that serves the file itself rather than a page about it. */
    if (url[0] == '\0')
        snprintf(url, sizeof(url),
                 "%s/raw/main/rules/schema/scenario.schema.json",
                 aa_homepage());
    return url;
}

/* The top-level section a field is written in (a row whose parent is the
 * root), or the root for a top-level field such as /goals. */
static int
section_of(int row)
{
    while (row > 0 && aa_fields[row].parent > 0)
        row = aa_fields[row].parent;
    return aa_fields[row].type == AA_T_OBJECT ? row : AA_FIELD_ROOT;
}

/* Rows the report names as missing, for any mechanism or workload. */
static void
collect_missing(const struct aa_advice *a, unsigned char *need)
{
    for (size_t k = 0; k < a->nmissing; k++)
        need[a->missing[k].row] = 1;
    for (size_t v = 0; v < a->nper; v++)
        collect_missing(&a->per[v], need);
}

/* "dpor/current: Who is ...? (none, self, other)" for row in its section. */
static cJSON *
note_for(int row, int section)
{
    char q[512], *line;
    const char *rel = aa_fields[row].ptr + strlen(aa_fields[section].ptr) + 1;
    cJSON *s;

    aa_contract_ask(row, q, sizeof(q));
    line = aa_xasprintf("%s: %s", rel, q);
    s = cJSON_CreateString(line);
    free(line);
    return s;
}

/* Make 'item' the first member of obj, under 'key': notes and "$schema"
 * go first, where an editor and a reader look. */
static void
prepend(cJSON *obj, const char *key, cJSON *item)
{
    cJSON *rest = cJSON_CreateObject(), *it;

    while ((it = obj->child) != NULL) {
        cJSON_DetachItemViaPointer(obj, it);
        cJSON_AddItemToArray(rest, it); /* keeps its key */
    }
    cJSON_AddItemToObject(obj, key, item);
    while ((it = rest->child) != NULL) {
        cJSON_DetachItemViaPointer(rest, it);
        cJSON_AddItemToArray(obj, it);
    }
    cJSON_Delete(rest);
}

/* The fields the advice still needs, as evaluated by rs; need[] gets a 1
 * for each.  Returns 0, or -1 if the plan does not load (a bug). */
static int
still_needed(const struct aa_ruleset *rs, const cJSON *plan,
             unsigned char *need)
{
    char *text = aa_jsonw_print(plan);
    struct aa_diags *dl = aa_diags_new();
    struct aa_scenario *sc = NULL;
    struct aa_report *rep = NULL;
    int rc = -1;

    if (dl == NULL)
        goto out;
    sc = aa_scenario_parse("init", text, strlen(text), dl);
    if (sc == NULL || (rep = aa_eval(rs, sc)) == NULL)
        goto out;
    for (int m = 0; m < AA_NMECH; m++)
        collect_missing(&rep->mech[m], need);
    rc = 0;
out:
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_diags_free(dl);
    free(text);
    return rc;
}

int
aa_init_annotate(const struct aa_ruleset *rs, cJSON *plan, const char *first)
{
    unsigned char *need = aa_xcalloc(aa_field_count, 1);
    cJSON *top;
    int rc = -1;

    if (still_needed(rs, plan, need) != 0)
        goto out;
    /* A note in each section that has fields to find out, the section
     * made if the plan has nothing in it yet. */
    for (size_t r = 1; r < aa_field_count; r++) {
        int sec = (int)r;
        cJSON *obj, *notes;

        if (aa_fields[r].parent != AA_FIELD_ROOT ||
            aa_fields[r].type != AA_T_OBJECT || aa_fields[r].derived)
            continue;
        notes = cJSON_CreateArray();
        for (size_t f = r + 1; f < aa_field_count; f++)
            if (need[f] && section_of((int)f) == sec &&
                aa_fields[f].question != NULL)
                cJSON_AddItemToArray(notes, note_for((int)f, sec));
        if (cJSON_GetArraySize(notes) == 0) {
            cJSON_Delete(notes);
            continue;
        }
        obj = cJSON_GetObjectItemCaseSensitive(plan, aa_fields[r].key);
        if (obj == NULL) {
            obj = cJSON_CreateObject();
            cJSON_AddItemToObject(plan, aa_fields[r].key, obj);
        }
        prepend(obj, "$comment", notes);
    }
    /* Sections back in contract order: those made for notes went last. */
    for (size_t r = 1; r < aa_field_count; r++) {
        cJSON *it;

        if (aa_fields[r].parent != AA_FIELD_ROOT)
            continue;
        it = cJSON_DetachItemFromObjectCaseSensitive(plan, aa_fields[r].key);
        if (it != NULL)
            cJSON_AddItemToObject(plan, aa_fields[r].key, it);
    }
    top = cJSON_CreateArray();
    cJSON_AddItemToArray(top, cJSON_CreateString(first));
    cJSON_AddItemToArray(
        top, cJSON_CreateString("Fill in what you know and leave out what you "
                                "do not: an absent field is unknown, never "
                                "false."));
    cJSON_AddItemToArray(
        top, cJSON_CreateString("Each section's notes are the questions the "
                                "advice needs answered now; run attrib-advise "
                                "on this file to see what the answers decide "
                                "and what it needs next."));
    cJSON_AddItemToArray(
        top, cJSON_CreateString("Your editor completes names and values from "
                                "$schema; docs/scenario.md describes every "
                                "field."));
    for (size_t f = 1; f < aa_field_count; f++)
        if (need[f] && section_of((int)f) == AA_FIELD_ROOT &&
            aa_fields[f].question != NULL)
            cJSON_AddItemToArray(top, note_for((int)f, AA_FIELD_ROOT));
    prepend(plan, "$comment", top);
    prepend(plan, "$schema", cJSON_CreateString(aa_scenario_schema_url()));
    rc = 0;
out:
    free(need);
    return rc;
}

int
aa_init_write(const struct aa_ruleset *rs, const char *profile, FILE *fp)
{
    const struct profile *p = NULL;
    cJSON *fixed = NULL, *plan = cJSON_CreateObject();
    char *text = NULL, *line = NULL;
    int rc = -1;

    for (size_t i = 0; profile != NULL && i < NPROFILES; i++)
        if (strcmp(profiles[i].name, profile) == 0)
            p = &profiles[i];
    if (profile != NULL && p == NULL) {
        rc = -2;
        goto out;
    }
    fixed = cJSON_Parse(p != NULL ? p->fixed : "{}");
    /* Sections in contract order, whatever the profile's text says. */
    cJSON_AddNumberToObject(plan, "version", 1);
    for (size_t r = 1; r < aa_field_count; r++) {
        cJSON *sec;

        if (aa_fields[r].parent != AA_FIELD_ROOT)
            continue;
        sec = cJSON_DetachItemFromObjectCaseSensitive(fixed, aa_fields[r].key);
        if (sec != NULL)
            cJSON_AddItemToObject(plan, aa_fields[r].key, sec);
    }
    line =
        aa_xasprintf("Starting plan for %s (attrib-advise init%s%s).",
                     p != NULL ? p->who : "any partner",
                     p != NULL ? " --profile " : "", p != NULL ? p->name : "");
    if (aa_init_annotate(rs, plan, line) != 0)
        goto out;
    text = aa_jsonw_print(plan);
    rc = fputs(text, fp) == EOF ? -1 : 0;
out:
    free(line);
    free(text);
    cJSON_Delete(fixed);
    cJSON_Delete(plan);
    return rc;
}
