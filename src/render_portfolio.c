/*
 * render_portfolio.c -- a portfolio's summary as text or JSON.
 *
 * It reads only what portfolio.c accumulated (portfolio.h), never a report,
 * a rule or a plan.  Text is a few tables for a person at a terminal,
 * 'width' columns wide: each row's last column holds a subject, and the
 * lines under it (a title, a question, example plans) wrap in that column.
 * Every text that comes from a plan, a rule or a file name goes through
 * text.h.  JSON holds every count, in the order text shows them
 * (rules/schema/portfolio.schema.json).
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonw.h"
#include "portfolio.h"
#include "render.h"
#include "text.h"

#define TOP 10 /* rows of the ranked tables that text shows */
#define TEXT_EXAMPLES 3

static const char *const mech_names[AA_NMECH] = {"CSP",  "DPOR", "PAL",  "CUA",
                                                 "CPOR", "MBS",  "PRACR"};

static const char *
fail_on_name(int level)
{
    return level > AA_SEV_ERROR ? "never"
                                : aa_severity_name((enum aa_severity)level);
}

/* ---- text ------------------------------------------------------------ */

struct out {
    FILE *fp;
    int width;
};

/* Write s from column col, wrapped to the width with continuation lines
 * indented to 'indent', and end the line.  The text is escaped first, so
 * it holds no line break of its own. */
static void
wrap(const struct out *o, const char *text, int col, int indent)
{
    char *e = aa_text_dup(text, 0);
    const char *s = e;

    while (*s != '\0') {
        size_t room = o->width - col > 20 ? (size_t)(o->width - col) : 20;
        size_t n = strlen(s), cut = n;

        if (n > room) {
            cut = room;
            while (cut > 0 && s[cut] != ' ')
                cut--;
            /* One long word (a path), or a word too short to stand
             * alone before it ("e.g."): break after the long word. */
            if (cut <= 4)
                for (cut = cut == 0 ? room : cut + 1;
                     s[cut] != '\0' && s[cut] != ' '; cut++)
                    ;
        }
        aa_text_putn(o->fp, s, cut, 0);
        fputc('\n', o->fp);
        s += cut;
        while (*s == ' ')
            s++;
        if (*s != '\0')
            fprintf(o->fp, "%*s", indent, "");
        col = indent;
    }
    if (*e == '\0')
        fputc('\n', o->fp);
    free(e);
}

/* "contoso, b.json:3 and 4 more": a plan by its id, else by where it was
 * read; text names TEXT_EXAMPLES of them, the JSON every one kept. */
static char *
examples_text(const struct pf_examples *ex, size_t total)
{
    char *s = aa_xstrdup("");
    size_t n = ex->n < TEXT_EXAMPLES ? ex->n : TEXT_EXAMPLES;

    for (size_t i = 0; i < n; i++) {
        const struct pf_plan *p = &ex->v[i];
        char line[32] = "";
        char *t;

        if (p->line > 0)
            snprintf(line, sizeof(line), ":%u", p->line);
        t = p->id != NULL
                ? aa_xasprintf("%s%s%s", s, i ? ", " : "", p->id)
                : aa_xasprintf("%s%s%s%s", s, i ? ", " : "", p->source, line);
        free(s);
        s = t;
    }
    if (total > n) {
        char *t = aa_xasprintf("%s and %zu more", s, total - n);

        free(s);
        s = t;
    }
    return s;
}

static void
put_examples(const struct out *o, const struct pf_examples *ex, size_t total,
             int indent)
{
    char *s = examples_text(ex, total);
    char *line = aa_xasprintf("e.g. %s", s);

    fprintf(o->fp, "%*s", indent, "");
    wrap(o, line, indent, indent + 5);
    free(line);
    free(s);
}

/* "DPOR, PAL" for a bit set of mechanisms. */
static void
mech_list(char *buf, size_t size, unsigned mechs)
{
    size_t used = 0;

    buf[0] = '\0';
    for (unsigned m = 0; m < AA_NMECH && used < size; m++)
        if (mechs & (1u << m))
            used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                     used ? ", " : "", mech_names[m]);
}

static void
text_head(const struct out *o, const struct aa_portfolio *pf)
{
    size_t read = pf->t.plans + pf->unreadable;

    fprintf(o->fp, "Portfolio of %zu plan%s: %zu advised, %zu unreadable\n",
            read, read == 1 ? "" : "s", pf->t.plans, pf->unreadable);
    if (pf->fail_on > AA_SEV_ERROR)
        fputs("  none fails: --fail-on never\n", o->fp);
    else
        fprintf(o->fp, "  %zu with a finding at or above %s (--fail-on)\n",
                pf->t.failing, fail_on_name(pf->fail_on));
    fprintf(o->fp,
            "  %zu with a mechanism left needs_info (information missing)\n",
            pf->t.needs_info);
}

static const char *const verdict_heads[PF_NVERDICTS] = {
    "RECOMMENDED", "AUTOMATIC", "POSSIBLE", "BLOCKED", "N/A", "NEEDS INFO"};

static void
text_verdicts(const struct out *o, const struct pf_totals *t)
{
    fputs("  MECHANISM", o->fp);
    for (int v = 0; v < PF_NVERDICTS; v++)
        fprintf(o->fp, "  %s", verdict_heads[v]);
    fputc('\n', o->fp);
    for (unsigned m = 0; m < AA_NMECH; m++) {
        fprintf(o->fp, "  %-9s", mech_names[m]);
        for (int v = 0; v < PF_NVERDICTS; v++)
            fprintf(o->fp, "  %*zu", (int)strlen(verdict_heads[v]),
                    t->verdicts[m][v]);
        fputc('\n', o->fp);
    }
}

static void
text_gaps(const struct out *o, const struct aa_portfolio *pf)
{
    size_t any = 0;

    for (size_t r = 0; r < aa_pf_nsetups; r++)
        any += pf->gaps[r].plans;
    fputs("\nRecommended or possible, but not in place yet\n", o->fp);
    if (any == 0) {
        fputs("  none\n", o->fp);
        return;
    }
    fputs("  PLANS  MECHANISM  STATE\n", o->fp);
    for (size_t r = 0; r < aa_pf_nsetups; r++) {
        const struct pf_gap *g = &pf->gaps[r];
        char state[96];

        if (g->plans == 0)
            continue;
        snprintf(state, sizeof(state), "%s (%zu recommended, %zu possible)",
                 aa_pf_setups[r].words, g->per_verdict[AA_V_RECOMMENDED],
                 g->per_verdict[AA_V_POSSIBLE]);
        fprintf(o->fp, "  %5zu  %-9s  ", g->plans,
                mech_names[aa_pf_setups[r].mech]);
        wrap(o, state, 20, 20);
        put_examples(o, &g->ex, g->plans, 20);
    }
}

static void
text_fields(const struct out *o, const struct aa_portfolio *pf)
{
    const struct pf_field **v = aa_pf_fields_ranked(pf);

    fprintf(o->fp, "\nInformation missing: %zu plan%s\n", pf->t.needs_info,
            pf->t.needs_info == 1 ? "" : "s");
    if (pf->nfields > 0)
        fputs("  PLANS  FIELD (MECHANISMS WAITING FOR IT)\n", o->fp);
    for (size_t i = 0; i < pf->nfields && i < TOP; i++) {
        unsigned mechs = 0;
        char list[64];
        char *subject;

        for (unsigned m = 0; m < AA_NMECH; m++)
            if (v[i]->per_mech[m] > 0)
                mechs |= 1u << m;
        mech_list(list, sizeof(list), mechs);
        subject = aa_xasprintf("%s (%s)", v[i]->label, list);
        fprintf(o->fp, "  %5zu  ", v[i]->plans);
        wrap(o, subject, 9, 9);
        fprintf(o->fp, "%*s", 9, "");
        wrap(o, v[i]->question, 9, 9);
        put_examples(o, &v[i]->ex, v[i]->plans, 9);
        free(subject);
    }
    if (pf->nfields > TOP)
        fprintf(o->fp, "  and %zu more fields (--format json lists them)\n",
                pf->nfields - TOP);
    free(v);
}

static void
text_findings(const struct out *o, const struct aa_portfolio *pf)
{
    const struct pf_finding **v = aa_pf_findings_ranked(pf);

    fputs("\nMost frequent findings\n", o->fp);
    if (pf->nfindings == 0)
        fputs("  none\n", o->fp);
    else
        fputs("  PLANS  FINDINGS  SEVERITY  RULE\n", o->fp);
    for (size_t i = 0; i < pf->nfindings && i < TOP; i++) {
        fprintf(o->fp, "  %5zu  %8zu  %-8s  ", v[i]->plans, v[i]->count,
                aa_severity_name(v[i]->severity));
        wrap(o, v[i]->rule, 29, 29);
        if (v[i]->title != NULL) {
            fprintf(o->fp, "%*s", 29, "");
            wrap(o, v[i]->title, 29, 29);
        }
        put_examples(o, &v[i]->ex, v[i]->plans, 29);
    }
    if (pf->nfindings > TOP)
        fprintf(o->fp, "  and %zu more rules (--format json lists them)\n",
                pf->nfindings - TOP);
    free(v);
}

static void
text_fixes(const struct out *o, const struct aa_portfolio *pf)
{
    const struct pf_fix **v = aa_pf_fixes_ranked(pf);

    fputs("\nFix first: the actions of mechanisms left blocked or possible\n",
          o->fp);
    if (pf->nfixes == 0)
        fputs("  none\n", o->fp);
    else
        fputs("   #  PLANS  BLOCKED  POSSIBLE  RULE (MECHANISMS)\n", o->fp);
    for (size_t i = 0; i < pf->nfixes && i < TOP; i++) {
        char list[64];
        char *subject;

        mech_list(list, sizeof(list), v[i]->mechs);
        subject = aa_xasprintf("%s (%s)", v[i]->rule, list);
        fprintf(o->fp, "  %2zu  %5zu  %7zu  %8zu  ", i + 1, v[i]->plans,
                v[i]->blocked, v[i]->possible);
        wrap(o, subject, 32, 32);
        fprintf(o->fp, "%*s", 32, "");
        wrap(o, v[i]->text, 32, 32);
        put_examples(o, &v[i]->ex, v[i]->plans, 32);
        free(subject);
    }
    if (pf->nfixes > TOP)
        fprintf(o->fp, "  and %zu more actions (--format json lists them)\n",
                pf->nfixes - TOP);
    free(v);
}

/* Groups in the order shown: most plans first, then by value, and the
 * values past the bound last. */
static int
by_group(const void *a, const void *b)
{
    const struct pf_group *x = *(const struct pf_group *const *)a;
    const struct pf_group *y = *(const struct pf_group *const *)b;

    if (x->t.plans != y->t.plans)
        return x->t.plans > y->t.plans ? -1 : 1;
    return strcmp(x->value, y->value);
}

static const struct pf_group **
groups_ranked(const struct aa_portfolio *pf, size_t *n)
{
    const struct pf_group **v = aa_xcalloc(PF_MAX_GROUPS + 2, sizeof(*v));

    for (size_t g = 0; g < pf->ngroups; g++)
        v[g] = &pf->groups[g];
    if (pf->ngroups > 1)
        qsort(v, pf->ngroups, sizeof(*v), by_group);
    *n = pf->ngroups;
    if (pf->other_used)
        v[(*n)++] = &pf->groups[PF_MAX_GROUPS];
    return v;
}

static void
text_groups(const struct out *o, const struct aa_portfolio *pf)
{
    size_t n, w = 5;
    const struct pf_group **v = groups_ranked(pf, &n);

    char *head = aa_xasprintf("By %s (%s): a plan counts in each value it "
                              "names",
                              pf->group_label, pf->group_by);

    fputc('\n', o->fp);
    wrap(o, head, 0, 2);
    free(head);
    for (size_t g = 0; g < n; g++)
        if (strlen(v[g]->value) > w)
            w = strlen(v[g]->value);
    if (w > 24)
        w = 24;
    fprintf(o->fp, "  %-*s  PLANS  FAILING  NEEDS INFO  BLOCKED\n", (int)w,
            "VALUE");
    for (size_t g = 0; g < n; g++) {
        const struct pf_totals *t = &v[g]->t;
        char blocked[128] = "";
        size_t used = 0;
        int col;

        for (unsigned m = 0; m < AA_NMECH; m++)
            if (t->verdicts[m][AA_V_BLOCKED] > 0 && used < sizeof(blocked))
                used += (size_t)snprintf(blocked + used, sizeof(blocked) - used,
                                         "%s%s %zu", used ? ", " : "",
                                         mech_names[m],
                                         t->verdicts[m][AA_V_BLOCKED]);
        fputs("  ", o->fp);
        aa_text_put(o->fp, v[g]->value, 0);
        /* A longer value pushes its row's counts along. */
        col = 2 + (int)strlen(v[g]->value);
        fprintf(o->fp, "%*s  %5zu  %7zu  %10zu  ",
                col < 2 + (int)w ? 2 + (int)w - col : 0, "", t->plans,
                t->failing, t->needs_info);
        col = (col > 2 + (int)w ? col : 2 + (int)w) + 30;
        wrap(o, used ? blocked : "none", col, col);
    }
    free(v);
}

static void
text_unreadable(const struct out *o, const struct aa_portfolio *pf)
{
    if (pf->unreadable == 0)
        return;
    fprintf(o->fp, "\nUnreadable: %zu plan%s (standard error says why)\n",
            pf->unreadable, pf->unreadable == 1 ? "" : "s");
    put_examples(o, &pf->unreadable_ex, pf->unreadable, 2);
}

static void
render_text(const struct aa_portfolio *pf, int width, FILE *fp)
{
    struct out o = {fp, width < 60 ? 60 : width};

    text_head(&o, pf);
    fputs("\nVerdicts\n", fp);
    text_verdicts(&o, &pf->t);
    text_gaps(&o, pf);
    text_fields(&o, pf);
    text_findings(&o, pf);
    text_fixes(&o, pf);
    if (pf->group_by != NULL)
        text_groups(&o, pf);
    text_unreadable(&o, pf);
}

/* ---- JSON ------------------------------------------------------------ */

static cJSON *
json_examples(const struct pf_examples *ex)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < ex->n; i++) {
        cJSON *p = cJSON_CreateObject();

        cJSON_AddStringToObject(p, "source", ex->v[i].source);
        if (ex->v[i].line > 0)
            cJSON_AddNumberToObject(p, "line", ex->v[i].line);
        if (ex->v[i].id != NULL)
            cJSON_AddStringToObject(p, "id", ex->v[i].id);
        else
            cJSON_AddNullToObject(p, "id");
        cJSON_AddItemToArray(a, p);
    }
    return a;
}

static cJSON *
json_mechs(unsigned mechs)
{
    cJSON *a = cJSON_CreateArray();

    for (unsigned m = 0; m < AA_NMECH; m++)
        if (mechs & (1u << m))
            cJSON_AddItemToArray(a, cJSON_CreateString(mech_names[m]));
    return a;
}

static cJSON *
json_verdicts(const struct pf_totals *t)
{
    cJSON *a = cJSON_CreateArray();

    for (unsigned m = 0; m < AA_NMECH; m++) {
        cJSON *e = cJSON_CreateObject(), *v = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "id", mech_names[m]);
        for (int k = 0; k < PF_NVERDICTS; k++)
            cJSON_AddNumberToObject(v, aa_verdict_name((enum aa_verdict)k),
                                    (double)t->verdicts[m][k]);
        cJSON_AddItemToObject(e, "verdicts", v);
        cJSON_AddItemToArray(a, e);
    }
    return a;
}

static void
json_counts(cJSON *o, const struct pf_totals *t)
{
    cJSON_AddNumberToObject(o, "plans", (double)t->plans);
    cJSON_AddNumberToObject(o, "failing", (double)t->failing);
    cJSON_AddNumberToObject(o, "needs_info", (double)t->needs_info);
}

static cJSON *
json_gaps(const struct aa_portfolio *pf)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t r = 0; r < aa_pf_nsetups; r++) {
        const struct pf_setup *s = &aa_pf_setups[r];
        const struct pf_gap *g = &pf->gaps[r];
        cJSON *e = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "mechanism", mech_names[s->mech]);
        cJSON_AddStringToObject(e, "state", s->state);
        cJSON_AddStringToObject(e, "text", s->words);
        cJSON_AddNumberToObject(e, "plans", (double)g->plans);
        cJSON_AddNumberToObject(e, "recommended",
                                (double)g->per_verdict[AA_V_RECOMMENDED]);
        cJSON_AddNumberToObject(e, "possible",
                                (double)g->per_verdict[AA_V_POSSIBLE]);
        cJSON_AddItemToObject(e, "examples", json_examples(&g->ex));
        cJSON_AddItemToArray(a, e);
    }
    return a;
}

static cJSON *
json_fields(const struct aa_portfolio *pf)
{
    const struct pf_field **v = aa_pf_fields_ranked(pf);
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < pf->nfields; i++) {
        cJSON *e = cJSON_CreateObject(), *per = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "pointer", v[i]->pointer);
        cJSON_AddStringToObject(e, "label", v[i]->label);
        cJSON_AddStringToObject(e, "question", v[i]->question);
        cJSON_AddNumberToObject(e, "plans", (double)v[i]->plans);
        for (unsigned m = 0; m < AA_NMECH; m++)
            if (v[i]->per_mech[m] > 0)
                cJSON_AddNumberToObject(per, mech_names[m],
                                        (double)v[i]->per_mech[m]);
        cJSON_AddItemToObject(e, "mechanisms", per);
        cJSON_AddItemToObject(e, "examples", json_examples(&v[i]->ex));
        cJSON_AddItemToArray(a, e);
    }
    free(v);
    return a;
}

static cJSON *
json_findings(const struct aa_portfolio *pf)
{
    const struct pf_finding **v = aa_pf_findings_ranked(pf);
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < pf->nfindings; i++) {
        cJSON *e = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "rule", v[i]->rule);
        if (v[i]->title != NULL)
            cJSON_AddStringToObject(e, "title", v[i]->title);
        else
            cJSON_AddNullToObject(e, "title");
        cJSON_AddStringToObject(e, "severity",
                                aa_severity_name(v[i]->severity));
        cJSON_AddNumberToObject(e, "plans", (double)v[i]->plans);
        cJSON_AddNumberToObject(e, "count", (double)v[i]->count);
        cJSON_AddItemToObject(e, "examples", json_examples(&v[i]->ex));
        cJSON_AddItemToArray(a, e);
    }
    free(v);
    return a;
}

static cJSON *
json_fixes(const struct aa_portfolio *pf)
{
    const struct pf_fix **v = aa_pf_fixes_ranked(pf);
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < pf->nfixes; i++) {
        cJSON *e = cJSON_CreateObject();

        cJSON_AddNumberToObject(e, "rank", (double)(i + 1));
        cJSON_AddStringToObject(e, "rule", v[i]->rule);
        if (v[i]->title != NULL)
            cJSON_AddStringToObject(e, "title", v[i]->title);
        else
            cJSON_AddNullToObject(e, "title");
        cJSON_AddStringToObject(e, "text", v[i]->text);
        cJSON_AddItemToObject(e, "mechanisms", json_mechs(v[i]->mechs));
        cJSON_AddNumberToObject(e, "plans", (double)v[i]->plans);
        cJSON_AddNumberToObject(e, "blocked", (double)v[i]->blocked);
        cJSON_AddNumberToObject(e, "possible", (double)v[i]->possible);
        cJSON_AddItemToObject(e, "examples", json_examples(&v[i]->ex));
        cJSON_AddItemToArray(a, e);
    }
    free(v);
    return a;
}

static cJSON *
json_groups(const struct aa_portfolio *pf)
{
    size_t n;
    const struct pf_group **v;
    cJSON *o, *a;

    if (pf->group_by == NULL)
        return cJSON_CreateNull();
    v = groups_ranked(pf, &n);
    o = cJSON_CreateObject();
    a = cJSON_CreateArray();
    cJSON_AddStringToObject(o, "by", pf->group_by);
    cJSON_AddStringToObject(o, "label", pf->group_label);
    for (size_t g = 0; g < n; g++) {
        cJSON *e = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "value", v[g]->value);
        json_counts(e, &v[g]->t);
        cJSON_AddItemToObject(e, "mechanisms", json_verdicts(&v[g]->t));
        cJSON_AddItemToArray(a, e);
    }
    cJSON_AddItemToObject(o, "values", a);
    free(v);
    return o;
}

static cJSON *
portfolio_json(const struct aa_portfolio *pf)
{
    cJSON *root = cJSON_CreateObject(), *plans = cJSON_CreateObject();
    cJSON *unread = cJSON_CreateObject(), *ni = cJSON_CreateObject();

    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddItemToObject(root, "tool",
                          aa_json_tool(pf->tool_version, pf->knowledge_as_of));
    cJSON_AddStringToObject(root, "fail_on", fail_on_name(pf->fail_on));
    cJSON_AddStringToObject(
        root, "min_severity",
        aa_severity_name((enum aa_severity)pf->min_severity));
    cJSON_AddNumberToObject(plans, "read",
                            (double)(pf->t.plans + pf->unreadable));
    cJSON_AddNumberToObject(plans, "advised", (double)pf->t.plans);
    cJSON_AddNumberToObject(plans, "unreadable", (double)pf->unreadable);
    cJSON_AddNumberToObject(plans, "failing", (double)pf->t.failing);
    cJSON_AddNumberToObject(plans, "needs_info", (double)pf->t.needs_info);
    cJSON_AddItemToObject(root, "plans", plans);
    cJSON_AddItemToObject(root, "mechanisms", json_verdicts(&pf->t));
    cJSON_AddItemToObject(root, "not_in_place", json_gaps(pf));
    cJSON_AddNumberToObject(ni, "plans", (double)pf->t.needs_info);
    cJSON_AddItemToObject(ni, "fields", json_fields(pf));
    cJSON_AddItemToObject(root, "needs_info", ni);
    cJSON_AddItemToObject(root, "findings", json_findings(pf));
    cJSON_AddItemToObject(root, "fixes", json_fixes(pf));
    cJSON_AddItemToObject(root, "groups", json_groups(pf));
    cJSON_AddNumberToObject(unread, "plans", (double)pf->unreadable);
    cJSON_AddItemToObject(unread, "examples",
                          json_examples(&pf->unreadable_ex));
    cJSON_AddItemToObject(root, "unreadable", unread);
    return root;
}

/* ---- entry ----------------------------------------------------------- */

int
aa_portfolio_format(const char *format)
{
    return strcmp(format, "text") == 0 || strcmp(format, "json") == 0;
}

int
aa_portfolio_render(const struct aa_portfolio *pf, const char *format,
                    int width, FILE *fp)
{
    if (strcmp(format, "text") == 0) {
        render_text(pf, width, fp);
    } else if (strcmp(format, "json") == 0) {
        cJSON *root = portfolio_json(pf);
        char *text = aa_jsonw_print(root);

        cJSON_Delete(root);
        if (text == NULL)
            aa_oom();
        fputs(text, fp);
        free(text);
    } else {
        return -2;
    }
    return ferror(fp) ? -1 : 0;
}
