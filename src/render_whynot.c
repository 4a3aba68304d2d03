/*
 * render_whynot.c -- 'attrib-advise why-not MECHANISM PLAN' as text or
 * JSON, read from the search's result only (struct aa_whynot).
 *
 *   contoso-msp-fabrikam (plan.json)
 *   DPOR is blocked: The customer has not agreed ... [dpor.customer-declines]
 *
 *   DPOR becomes recommended with 1 change:
 *     1. /customer/dpor/will_assign  false -> true
 *        then recommended, decided by dpor.customer-will-assign
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "render.h"
#include "text.h"

static int
render_text(const struct aa_whynot *w, int width, FILE *out)
{
    struct aa_text_line l;
    FILE *fp = aa_text_line_start(&l);
    char *s;

    aa_text_put(fp, w->scenario_id ? w->scenario_id : w->source, AA_TEXT_LINE);
    if (w->scenario_id != NULL) {
        fputs(" (", fp);
        aa_text_put(fp, w->source, 0);
        fputc(')', fp);
    }
    aa_text_line_end(&l, out, 4, width);
    fprintf(out, "%s is %s", w->mech, aa_verdict_name(w->verdict));
    fputs(w->nreasons > 0 ? ":\n" : ".\n", out);
    for (size_t i = 0; i < w->nreasons; i++) {
        fp = aa_text_line_start(&l);
        fputs("  ", fp);
        aa_text_put(fp, w->reasons[i].text, 0);
        fputs(" [", fp);
        aa_text_put(fp, w->reasons[i].rule, 0);
        /* As the advice's text report tags it (render_text.c). */
        if (w->reasons[i].replaced)
            fputs(" (replaced by your rules)", fp);
        fputc(']', fp);
        aa_text_line_end(&l, out, 4, width);
    }
    if (w->nmissing > 0) {
        fp = aa_text_line_start(&l);
        for (size_t i = 0; i < w->nmissing; i++) {
            fputs(i == 0 ? "  It lacks " : ", ", fp);
            aa_text_put(fp, w->missing[i].pointer, 0);
        }
        fputc('.', fp);
        aa_text_line_end(&l, out, 4, width);
    }
    if (w->verdict == AA_V_RECOMMENDED || w->verdict == AA_V_AUTOMATIC)
        return ferror(out) ? -1 : 0;
    fputc('\n', out);
    if (w->nfixes > 0) {
        size_t n = w->fixes[0].nchanges;
        const char *to = aa_verdict_name(w->fixes[0].verdict);

        for (size_t i = 1; i < w->nfixes; i++)
            if (w->fixes[i].verdict != w->fixes[0].verdict)
                to = "recommended or automatic";
        s = aa_xasprintf("%s becomes %s with %zu change%s (%zu way%s):",
                         w->mech, to, n, n == 1 ? "" : "s", w->nfixes + w->more,
                         w->nfixes + w->more == 1 ? "" : "s");
        aa_text_wrap(out, s, 0, 2, width, AA_TEXT_LINE);
        free(s);
        for (size_t i = 0; i < w->nfixes; i++) {
            const struct aa_fix *fx = &w->fixes[i];

            for (size_t k = 0; k < fx->nchanges; k++) {
                const struct aa_change *c = &fx->changes[k];

                fp = aa_text_line_start(&l);
                if (k == 0)
                    fprintf(fp, "  %2zu. ", i + 1);
                else
                    fputs("      ", fp);
                aa_text_put(fp, c->pointer, 0);
                fputs("  ", fp);
                aa_text_xread(fp, &c->from);
                fputs(" -> ", fp);
                aa_text_xread(fp, &c->to);
                if (c->example)
                    fputs(" (an example: use your own)", fp);
                aa_text_line_end(&l, out, 8, width);
            }
            fp = aa_text_line_start(&l);
            fprintf(fp, "      then %s", aa_verdict_name(fx->verdict));
            if (fx->decided_by != NULL) {
                fputs(", decided by ", fp);
                aa_text_put(fp, fx->decided_by, 0);
            }
            if (fx->warned_by != NULL) {
                fputs("; advised against: ", fp);
                aa_text_put(fp, fx->warned_by, 0);
            }
            aa_text_line_end(&l, out, 8, width);
        }
        if (w->more > 0)
            fprintf(out, "  ... and %zu more of the same size\n", w->more);
    } else {
        /* With no reasons, it is the fields it lacks (said above) that
         * stand in the way: more of them than the search may change. */
        const char *then = w->nreasons == 0 && w->nmissing > 0
                               ? ": it waits for the fields it lacks, listed "
                                 "above; give them and ask again."
                               : ". What stands in the way, and the facts it "
                                 "rests on:";

        if (w->complete)
            s = aa_xasprintf("No set of up to %d changes to the fields its "
                             "rules read makes %s recommended%s",
                             w->max_changes, w->mech, then);
        else
            s = aa_xasprintf("No set of changes found within the search's "
                             "bound (%zu plans)%s",
                             w->nevals, then);
        aa_text_wrap(out, s, 0, 0, width, AA_TEXT_LINE);
        free(s);
    }
    for (size_t i = 0; w->nfixes == 0 && i < w->nreasons; i++) {
        fp = aa_text_line_start(&l);
        fputs("  ", fp);
        aa_text_put(fp, w->reasons[i].rule, 0);
        if (w->reasons[i].replaced)
            fputs(" (replaced by your rules)", fp);
        fputc(':', fp);
        for (size_t k = 0; k < w->reasons[i].nfacts; k++) {
            fputc(' ', fp);
            aa_text_put(fp, w->reasons[i].facts[k], 0);
        }
        aa_text_line_end(&l, out, 4, width);
    }
    s = aa_xasprintf(
        "Searched %zu change%s to %zu field%s, %zu plan%s evaluated%s.",
        w->ncandidates, w->ncandidates == 1 ? "" : "s", w->nfields,
        w->nfields == 1 ? "" : "s", w->nevals, w->nevals == 1 ? "" : "s",
        w->complete ? "" : " (bound reached)");
    fputc('\n', out);
    aa_text_wrap(out, s, 0, 0, width, AA_TEXT_LINE);
    free(s);
    return ferror(out) ? -1 : 0;
}

static int
render_json(const struct aa_whynot *w, FILE *fp)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *sc = cJSON_CreateObject();
    cJSON *reasons, *fixes, *search, *missing;
    char *text;
    int rc;

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddItemToObject(root, "tool",
                          aa_json_tool(w->tool_version, w->knowledge_as_of));
    cJSON_AddStringToObject(sc, "source", w->source);
    if (w->scenario_id != NULL)
        cJSON_AddStringToObject(sc, "id", w->scenario_id);
    cJSON_AddItemToObject(root, "scenario", sc);
    cJSON_AddStringToObject(root, "mechanism", w->mech);
    cJSON_AddStringToObject(root, "verdict", aa_verdict_name(w->verdict));
    reasons = cJSON_AddArrayToObject(root, "reasons");
    for (size_t i = 0; i < w->nreasons; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON *facts = cJSON_AddArrayToObject(o, "facts");

        cJSON_AddStringToObject(o, "rule", w->reasons[i].rule);
        /* As in the advice (render_json.c). */
        if (w->reasons[i].replaced)
            cJSON_AddTrueToObject(o, "replaced");
        if (w->reasons[i].undecided)
            cJSON_AddTrueToObject(o, "undecided");
        for (size_t k = 0; k < w->reasons[i].nfacts; k++)
            cJSON_AddItemToArray(facts,
                                 cJSON_CreateString(w->reasons[i].facts[k]));
        cJSON_AddStringToObject(o, "text", w->reasons[i].text);
        cJSON_AddItemToArray(reasons, o);
    }
    missing = cJSON_AddArrayToObject(root, "missing");
    for (size_t i = 0; i < w->nmissing; i++)
        cJSON_AddItemToArray(missing,
                             cJSON_CreateString(w->missing[i].pointer));
    fixes = cJSON_AddArrayToObject(root, "fixes");
    for (size_t i = 0; i < w->nfixes; i++) {
        const struct aa_fix *fx = &w->fixes[i];
        cJSON *o = cJSON_CreateObject();
        cJSON *ch = cJSON_AddArrayToObject(o, "changes");

        for (size_t k = 0; k < fx->nchanges; k++) {
            cJSON *c = cJSON_CreateObject();

            cJSON_AddStringToObject(c, "pointer", fx->changes[k].pointer);
            cJSON_AddItemToObject(c, "from",
                                  aa_json_xread(&fx->changes[k].from));
            cJSON_AddItemToObject(c, "to", aa_json_xread(&fx->changes[k].to));
            if (fx->changes[k].example)
                cJSON_AddTrueToObject(c, "example");
            cJSON_AddItemToArray(ch, c);
        }
        cJSON_AddStringToObject(o, "verdict", aa_verdict_name(fx->verdict));
        cJSON_AddItemToObject(o, "decided_by",
                              fx->decided_by
                                  ? cJSON_CreateString(fx->decided_by)
                                  : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "warned_by",
                              fx->warned_by ? cJSON_CreateString(fx->warned_by)
                                            : cJSON_CreateNull());
        cJSON_AddItemToArray(fixes, o);
    }
    cJSON_AddNumberToObject(root, "more_fixes", (double)w->more);
    search = cJSON_AddObjectToObject(root, "search");
    cJSON_AddNumberToObject(search, "fields", (double)w->nfields);
    cJSON_AddNumberToObject(search, "changes", (double)w->ncandidates);
    cJSON_AddNumberToObject(search, "plans", (double)w->nevals);
    cJSON_AddNumberToObject(search, "max_changes", w->max_changes);
    cJSON_AddBoolToObject(search, "complete", w->complete);
    text = aa_jsonw_print(root);
    rc = text == NULL || fputs(text, fp) == EOF ? -1 : 0;
    cJSON_Delete(root);
    free(text);
    return rc;
}

int
aa_render_whynot(const char *format, const struct aa_whynot *w, int width,
                 FILE *fp)
{
    if (strcmp(format, "text") == 0)
        return render_text(w, width > 0 ? width : 80, fp);
    if (strcmp(format, "json") == 0)
        return render_json(w, fp);
    return -2;
}
