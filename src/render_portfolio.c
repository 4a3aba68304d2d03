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

/* Write s from column col, wrapped to the width by display columns with
 * continuation lines indented to 'indent', and end the line (text.h). */
static void
wrap(const struct out *o, const char *text, int col, int indent)
{
    aa_text_wrap(o->fp, text, col, indent, o->width, 0);
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

/* ---- what changed since a saved summary (--compare) ------------------- */

static const char *const verdict_words[PF_NVERDICTS] = {
    "recommended", "automatic",      "possible",
    "blocked",     "not applicable", "needs info"};

struct change {
    const char *section; /* as the JSON names it */
    const char *mech;    /* NULL when the count is not a mechanism's */
    const char *key;
    const char *words; /* the key in words, for text */
    size_t before, after;
};

struct changes {
    struct change *v;
    size_t n, cap;
};

static void
change_add(struct changes *c, const char *section, const char *mech,
           const char *key, const char *words, size_t before, size_t after)
{
    if (before == after)
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = aa_xrealloc(c->v, c->cap, sizeof(*c->v));
    }
    c->v[c->n++] = (struct change){section, mech, key, words, before, after};
}

static size_t
old_plans(const struct pf_kv *v, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].key, key) == 0)
            return v[i].plans;
    return 0;
}

static size_t
delta(const struct change *c)
{
    return c->after > c->before ? c->after - c->before : c->before - c->after;
}

static int
by_change(const void *a, const void *b)
{
    const struct change *x = a, *y = b;
    int c;

    if (delta(x) != delta(y))
        return delta(x) > delta(y) ? -1 : 1;
    if ((c = strcmp(x->section, y->section)) != 0)
        return c;
    if (x->mech != y->mech &&
        (c = strcmp(x->mech ? x->mech : "", y->mech ? y->mech : "")) != 0)
        return c;
    return strcmp(x->key, y->key);
}

/* A list keyed in both summaries: each key of either, once. */
static void
changes_of(struct changes *c, const char *section, const struct pf_kv *old,
           size_t nold, const char *const *keys, const size_t *plans, size_t n)
{
    for (size_t i = 0; i < n; i++)
        change_add(c, section, NULL, keys[i], keys[i],
                   old_plans(old, nold, keys[i]), plans[i]);
    for (size_t i = 0; i < nold; i++) {
        size_t k = 0;

        while (k < n && strcmp(keys[k], old[i].key) != 0)
            k++;
        if (k == n)
            change_add(c, section, NULL, old[i].key, old[i].key, old[i].plans,
                       0);
    }
}

/* Every count that differs from the saved summary's, most changed first;
 * the caller frees c->v. */
static void
compare(const struct aa_portfolio *pf, struct changes *c)
{
    static const char *const plan_keys[5] = {"read", "advised", "unreadable",
                                             "failing", "needs_info"};
    const struct pf_old *o = pf->old;
    size_t before[5] = {o->read, o->advised, o->unreadable, o->failing,
                        o->needs_info};
    size_t after[5] = {pf->t.plans + pf->unreadable, pf->t.plans,
                       pf->unreadable, pf->t.failing, pf->t.needs_info};
    size_t cap = pf->nfields + pf->nfindings + pf->nfixes + 1;
    const char **keys = aa_xcalloc(cap, sizeof(*keys));
    size_t *plans = aa_xcalloc(cap, sizeof(*plans));

    memset(c, 0, sizeof(*c));
    for (int k = 0; k < 5; k++)
        change_add(c, "plans", NULL, plan_keys[k], plan_keys[k], before[k],
                   after[k]);
    for (unsigned m = 0; m < AA_NMECH; m++)
        for (int v = 0; v < PF_NVERDICTS; v++)
            change_add(c, "verdicts", mech_names[m],
                       aa_verdict_name((enum aa_verdict)v), verdict_words[v],
                       o->verdicts[m][v], pf->t.verdicts[m][v]);
    for (size_t r = 0; r < aa_pf_nsetups; r++)
        change_add(c, "not_in_place", mech_names[aa_pf_setups[r].mech],
                   aa_pf_setups[r].state, aa_pf_setups[r].words,
                   old_plans(o->gaps, o->ngaps, aa_pf_setups[r].state),
                   pf->gaps[r].plans);
    for (size_t i = 0; i < pf->nfields; i++) {
        keys[i] = pf->fields[i].pointer;
        plans[i] = pf->fields[i].plans;
    }
    changes_of(c, "needs_info", o->fields, o->nfields, keys, plans,
               pf->nfields);
    for (size_t i = 0; i < pf->nfindings; i++) {
        keys[i] = pf->findings[i].rule;
        plans[i] = pf->findings[i].plans;
    }
    changes_of(c, "findings", o->findings, o->nfindings, keys, plans,
               pf->nfindings);
    for (size_t i = 0; i < pf->nfixes; i++) {
        keys[i] = pf->fixes[i].rule;
        plans[i] = pf->fixes[i].plans;
    }
    changes_of(c, "fixes", o->fixes, o->nfixes, keys, plans, pf->nfixes);
    if (c->n > 1)
        qsort(c->v, c->n, sizeof(*c->v), by_change);
    free(keys);
    free(plans);
}

static void
text_compare(const struct out *o, const struct aa_portfolio *pf)
{
    struct changes c;
    char *head;

    compare(pf, &c);
    head = aa_xasprintf("Since %s", pf->old->path);
    fputc('\n', o->fp);
    wrap(o, head, 0, 2);
    free(head);
    if (c.n == 0)
        fputs("  nothing changed\n", o->fp);
    else
        fputs("  CHANGE  BEFORE   AFTER  WHAT\n", o->fp);
    for (size_t i = 0; i < c.n && i < 2 * TOP; i++) {
        const struct change *e = &c.v[i];
        char *what =
            strcmp(e->section, "plans") == 0
                ? aa_xasprintf("plans %s", e->words)
            : e->mech != NULL ? aa_xasprintf("%s %s", e->mech, e->words)
            : strcmp(e->section, "needs_info") == 0
                ? aa_xasprintf("missing %s", e->words)
                : aa_xasprintf("%s %s",
                               strcmp(e->section, "fixes") == 0 ? "fix"
                                                                : "finding",
                               e->words);
        char sign[32];

        snprintf(sign, sizeof(sign), "%c%zu", e->after > e->before ? '+' : '-',
                 delta(e));
        fprintf(o->fp, "  %6s  %6zu  %6zu  ", sign, e->before, e->after);
        wrap(o, what, 32, 32);
        free(what);
    }
    if (c.n > 2 * TOP)
        fprintf(o->fp, "  and %zu more changes (--format json lists them)\n",
                c.n - 2 * TOP);
    free(c.v);
}

/* The same heads for a page narrower than the table of the full ones (71
 * columns): a legend after the table says what they stand for. */
static const char *const verdict_heads_short[PF_NVERDICTS] = {
    "RECOM", "AUTO", "POSS", "BLOCK", "N/A", "NEED"};

static void
text_verdicts(const struct out *o, const struct pf_totals *t)
{
    int cols[PF_NVERDICTS], total = 11; /* "  MECHANISM" */
    const char *const *heads = verdict_heads;

    for (int pass = 0; pass < 2; pass++) {
        total = 11;
        for (int v = 0; v < PF_NVERDICTS; v++) {
            char n[32];

            cols[v] = (int)strlen(heads[v]);
            for (unsigned m = 0; m < AA_NMECH; m++) {
                int w = snprintf(n, sizeof(n), "%zu", t->verdicts[m][v]);

                if (w > cols[v])
                    cols[v] = w;
            }
            total += 2 + cols[v];
        }
        if (total <= o->width)
            break;
        heads = verdict_heads_short;
    }
    fputs("  MECHANISM", o->fp);
    for (int v = 0; v < PF_NVERDICTS; v++)
        fprintf(o->fp, "  %*s", cols[v], heads[v]);
    fputc('\n', o->fp);
    for (unsigned m = 0; m < AA_NMECH; m++) {
        fprintf(o->fp, "  %-9s", mech_names[m]);
        for (int v = 0; v < PF_NVERDICTS; v++)
            fprintf(o->fp, "  %*zu", cols[v], t->verdicts[m][v]);
        fputc('\n', o->fp);
    }
    if (heads == verdict_heads_short) {
        fputs("  ", o->fp);
        wrap(o,
             "RECOM recommended, AUTO automatic, POSS possible, BLOCK "
             "blocked, N/A not applicable, NEED needs info",
             2, 2);
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

    fputc('\n', o->fp); /* a heading wrapped as any text: 61 columns */
    wrap(o, "Fix first: the actions of mechanisms left blocked or possible", 0,
         0);
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

/* Terminal columns a value takes as the page shows it: escaped (a tab
 * is "\t") and by display width. */
static size_t
shown_width(const char *value)
{
    char *shown = aa_text_dup(value, 0);
    size_t cols = aa_text_width(shown, strlen(shown));

    free(shown);
    return cols;
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
    for (size_t g = 0; g < n; g++) {
        size_t cols = shown_width(v[g]->value);

        if (cols > w)
            w = cols;
    }
    if (w > 24)
        w = 24;
    /* The head's other columns take 37: at 60 columns, VALUE gets 21. */
    if ((int)w > o->width - 39)
        w = (size_t)(o->width - 39);
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
        col = 2 + (int)shown_width(v[g]->value);
        if (col > 2 + (int)w) {
            /* A longer value has a line of its own (wrapped to the width),
             * and its counts the next, in their columns. */
            wrap(o, v[g]->value, 2, 2);
            col = 0;
        } else
            aa_text_put(o->fp, v[g]->value, 0);
        fprintf(o->fp, "%*s  %5zu  %7zu  %10zu  ", 2 + (int)w - col, "",
                t->plans, t->failing, t->needs_info);
        col = 2 + (int)w + 30;
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
    if (pf->old != NULL)
        text_compare(&o, pf);
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
json_compare(const struct aa_portfolio *pf)
{
    cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
    struct changes c;

    compare(pf, &c);
    cJSON_AddStringToObject(o, "file", pf->old->path);
    for (size_t i = 0; i < c.n; i++) {
        cJSON *e = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "section", c.v[i].section);
        if (c.v[i].mech != NULL)
            cJSON_AddStringToObject(e, "mechanism", c.v[i].mech);
        else
            cJSON_AddNullToObject(e, "mechanism");
        cJSON_AddStringToObject(e, "key", c.v[i].key);
        cJSON_AddNumberToObject(e, "before", (double)c.v[i].before);
        cJSON_AddNumberToObject(e, "after", (double)c.v[i].after);
        cJSON_AddItemToArray(a, e);
    }
    cJSON_AddItemToObject(o, "changes", a);
    free(c.v);
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
    if (pf->old != NULL)
        cJSON_AddItemToObject(root, "compare", json_compare(pf));
    return root;
}

/* ---- Markdown --------------------------------------------------------- */

static void
md_examples(FILE *fp, const struct pf_examples *ex, size_t total)
{
    char *s = examples_text(ex, total);

    fputs(" | ", fp);
    aa_md_cell(fp, s);
    fputs(" |\n", fp);
    free(s);
}

static void
md_more(FILE *fp, size_t n, const char *what)
{
    if (n > TOP)
        fprintf(fp, "\nAnd %zu more %s; `--format json` lists them.\n", n - TOP,
                what);
}

static void
render_md(const struct aa_portfolio *pf, FILE *fp)
{
    static const char *const heads[PF_NVERDICTS] = {
        "recommended", "automatic",      "possible",
        "blocked",     "not applicable", "needs info"};
    const struct pf_field **fv = aa_pf_fields_ranked(pf);
    const struct pf_finding **dv = aa_pf_findings_ranked(pf);
    const struct pf_fix **xv = aa_pf_fixes_ranked(pf);
    size_t any = 0;

    fprintf(fp, "# Portfolio\n\n**%zu plan%s**: %zu advised, %zu unreadable; ",
            pf->t.plans + pf->unreadable,
            pf->t.plans + pf->unreadable == 1 ? "" : "s", pf->t.plans,
            pf->unreadable);
    if (pf->fail_on > AA_SEV_ERROR)
        fputs("none fails (`--fail-on never`); ", fp);
    else
        fprintf(fp, "%zu with a finding at or above %s; ", pf->t.failing,
                fail_on_name(pf->fail_on));
    fprintf(fp, "%zu with a mechanism left needs info.\n\n## Verdicts\n\n",
            pf->t.needs_info);
    fputs("| Mechanism |", fp);
    for (int v = 0; v < PF_NVERDICTS; v++)
        fprintf(fp, " %s |", heads[v]);
    fputs("\n|---|", fp);
    for (int v = 0; v < PF_NVERDICTS; v++)
        fputs("--:|", fp);
    fputc('\n', fp);
    for (unsigned m = 0; m < AA_NMECH; m++) {
        fprintf(fp, "| %s |", mech_names[m]);
        for (int v = 0; v < PF_NVERDICTS; v++)
            fprintf(fp, " %zu |", pf->t.verdicts[m][v]);
        fputc('\n', fp);
    }

    fputs("\n## Recommended or possible, but not in place yet\n\n", fp);
    for (size_t r = 0; r < aa_pf_nsetups; r++)
        any += pf->gaps[r].plans;
    if (any == 0)
        fputs("None.\n", fp);
    else
        fputs("| Mechanism | State | Plans | Recommended | Possible | For "
              "example |\n|---|---|--:|--:|--:|---|\n",
              fp);
    for (size_t r = 0; r < aa_pf_nsetups; r++) {
        const struct pf_gap *g = &pf->gaps[r];

        if (g->plans == 0)
            continue;
        fprintf(fp, "| %s | %s | %zu | %zu | %zu",
                mech_names[aa_pf_setups[r].mech], aa_pf_setups[r].words,
                g->plans, g->per_verdict[AA_V_RECOMMENDED],
                g->per_verdict[AA_V_POSSIBLE]);
        md_examples(fp, &g->ex, g->plans);
    }

    fprintf(fp, "\n## Information missing: %zu plan%s\n\n", pf->t.needs_info,
            pf->t.needs_info == 1 ? "" : "s");
    if (pf->nfields > 0)
        fputs("| Field | Question | Plans | Waiting | For example |\n"
              "|---|---|--:|---|---|\n",
              fp);
    for (size_t i = 0; i < pf->nfields && i < TOP; i++) {
        unsigned mechs = 0;
        char list[64];

        for (unsigned m = 0; m < AA_NMECH; m++)
            if (fv[i]->per_mech[m] > 0)
                mechs |= 1u << m;
        mech_list(list, sizeof(list), mechs);
        fputs("| ", fp);
        aa_md_cell(fp, fv[i]->label);
        fputs(" | ", fp);
        aa_md_cell(fp, fv[i]->question);
        fprintf(fp, " | %zu | %s", fv[i]->plans, list);
        md_examples(fp, &fv[i]->ex, fv[i]->plans);
    }
    md_more(fp, pf->nfields, "fields");

    fputs("\n## Most frequent findings\n\n", fp);
    if (pf->nfindings == 0)
        fputs("None.\n", fp);
    else
        fputs("| Rule | Title | Severity | Plans | Findings | For example "
              "|\n|---|---|---|--:|--:|---|\n",
              fp);
    for (size_t i = 0; i < pf->nfindings && i < TOP; i++) {
        fputs("| `", fp);
        aa_md_cell(fp, dv[i]->rule);
        fputs("` | ", fp);
        aa_md_cell(fp, dv[i]->title ? dv[i]->title : "");
        fprintf(fp, " | %s | %zu | %zu", aa_severity_name(dv[i]->severity),
                dv[i]->plans, dv[i]->count);
        md_examples(fp, &dv[i]->ex, dv[i]->plans);
    }
    md_more(fp, pf->nfindings, "rules");

    fputs("\n## Fix first\n\nThe actions of mechanisms left blocked or "
          "possible, by the plans they would move.\n\n",
          fp);
    if (pf->nfixes == 0)
        fputs("None.\n", fp);
    else
        fputs("| # | Rule | Action | Mechanisms | Plans | Blocked | "
              "Possible | For example |\n"
              "|--:|---|---|---|--:|--:|--:|---|\n",
              fp);
    for (size_t i = 0; i < pf->nfixes && i < TOP; i++) {
        char list[64];

        mech_list(list, sizeof(list), xv[i]->mechs);
        fprintf(fp, "| %zu | `", i + 1);
        aa_md_cell(fp, xv[i]->rule);
        fputs("` | ", fp);
        aa_md_cell(fp, xv[i]->text);
        fprintf(fp, " | %s | %zu | %zu | %zu", list, xv[i]->plans,
                xv[i]->blocked, xv[i]->possible);
        md_examples(fp, &xv[i]->ex, xv[i]->plans);
    }
    md_more(fp, pf->nfixes, "actions");

    if (pf->group_by != NULL) {
        size_t n;
        const struct pf_group **v = groups_ranked(pf, &n);

        fputs("\n## By ", fp);
        aa_md_cell(fp, pf->group_label);
        fputs(" (`", fp);
        aa_md_cell(fp, pf->group_by);
        fputs("`)\n\nA plan counts in each value it names.\n\n| Value | "
              "Plans | Failing | Needs info | Blocked |\n"
              "|---|--:|--:|--:|---|\n",
              fp);
        for (size_t g = 0; g < n; g++) {
            const struct pf_totals *t = &v[g]->t;
            int first = 1;

            fputs("| ", fp);
            aa_md_cell(fp, v[g]->value);
            fprintf(fp, " | %zu | %zu | %zu | ", t->plans, t->failing,
                    t->needs_info);
            for (unsigned m = 0; m < AA_NMECH; m++)
                if (t->verdicts[m][AA_V_BLOCKED] > 0) {
                    fprintf(fp, "%s%s %zu", first ? "" : ", ", mech_names[m],
                            t->verdicts[m][AA_V_BLOCKED]);
                    first = 0;
                }
            fputs(first ? "none |\n" : " |\n", fp);
        }
        free(v);
    }
    if (pf->unreadable > 0) {
        char *s = examples_text(&pf->unreadable_ex, pf->unreadable);

        fprintf(fp, "\n## Unreadable: %zu plan%s\n\n", pf->unreadable,
                pf->unreadable == 1 ? "" : "s");
        aa_md_cell(fp, s);
        fputs("\n", fp);
        free(s);
    }
    free(fv);
    free(dv);
    free(xv);
}

/* ---- CSV ---------------------------------------------------------------- */

/* One field of RFC 4180: quoted when it holds a comma, a quote or a line
 * break.  Text that a spreadsheet would run as a formula (starting with
 * '=', '+', '-' or '@') is written after a quote mark, as OWASP advises
 * for CSV injection; control characters are in text.h's visible form. */
static void
csv_field(FILE *fp, const char *text, int last)
{
    char *e = aa_text_dup(text != NULL ? text : "", 0);
    int quote = strpbrk(e, ",\"\n\r") != NULL || strchr("=+-@", e[0]) != NULL;

    if (e[0] == '\0')
        quote = 0;
    if (quote)
        fputc('"', fp);
    if (e[0] != '\0' && strchr("=+-@", e[0]) != NULL)
        fputc('\'', fp);
    for (const char *s = e; *s != '\0'; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    if (quote)
        fputc('"', fp);
    fputs(last ? "\r\n" : ",", fp);
    free(e);
}

static void
csv_num(FILE *fp, size_t n)
{
    fprintf(fp, "%zu,", n);
}

/* "a.json:3; contoso": every example kept, for a cell. */
static char *
csv_examples(const struct pf_examples *ex)
{
    char *s = aa_xstrdup("");

    for (size_t i = 0; i < ex->n; i++) {
        char line[32] = "";
        char *t;

        if (ex->v[i].line > 0)
            snprintf(line, sizeof(line), ":%u", ex->v[i].line);
        t = aa_xasprintf("%s%s%s%s%s%s", s, i ? "; " : "", ex->v[i].source,
                         line, ex->v[i].id ? " " : "",
                         ex->v[i].id ? ex->v[i].id : "");
        free(s);
        s = t;
    }
    return s;
}

/* One row: section, mechanism, key, label, severity, plans, count,
 * blocked, possible, examples. */
static void
csv_row(FILE *fp, const char *section, const char *mech, const char *key,
        const char *label, const char *severity, size_t plans,
        const size_t *count, const size_t *blocked, const size_t *possible,
        const struct pf_examples *ex)
{
    char *e = ex != NULL ? csv_examples(ex) : NULL;

    csv_field(fp, section, 0);
    csv_field(fp, mech, 0);
    csv_field(fp, key, 0);
    csv_field(fp, label, 0);
    csv_field(fp, severity, 0);
    csv_num(fp, plans);
    if (count != NULL)
        csv_num(fp, *count);
    else
        fputc(',', fp);
    if (blocked != NULL)
        csv_num(fp, *blocked);
    else
        fputc(',', fp);
    if (possible != NULL)
        csv_num(fp, *possible);
    else
        fputc(',', fp);
    csv_field(fp, e, 1);
    free(e);
}

static void
csv_verdicts(FILE *fp, const char *section, const char *value,
             const struct pf_totals *t)
{
    for (unsigned m = 0; m < AA_NMECH; m++)
        for (int v = 0; v < PF_NVERDICTS; v++)
            csv_row(fp, section, mech_names[m], value,
                    aa_verdict_name((enum aa_verdict)v), NULL,
                    t->verdicts[m][v], NULL, NULL, NULL, NULL);
}

static void
render_csv(const struct aa_portfolio *pf, FILE *fp)
{
    const struct pf_field **fv = aa_pf_fields_ranked(pf);
    const struct pf_finding **dv = aa_pf_findings_ranked(pf);
    const struct pf_fix **xv = aa_pf_fixes_ranked(pf);
    size_t read = pf->t.plans + pf->unreadable;

    fputs("section,mechanism,key,label,severity,plans,count,blocked,"
          "possible,examples\r\n",
          fp);
    csv_row(fp, "plans", NULL, "read", NULL, NULL, read, NULL, NULL, NULL,
            NULL);
    csv_row(fp, "plans", NULL, "advised", NULL, NULL, pf->t.plans, NULL, NULL,
            NULL, NULL);
    csv_row(fp, "plans", NULL, "unreadable", NULL, NULL, pf->unreadable, NULL,
            NULL, NULL, &pf->unreadable_ex);
    csv_row(fp, "plans", NULL, "failing", NULL, fail_on_name(pf->fail_on),
            pf->t.failing, NULL, NULL, NULL, NULL);
    csv_row(fp, "plans", NULL, "needs_info", NULL, NULL, pf->t.needs_info, NULL,
            NULL, NULL, NULL);
    csv_verdicts(fp, "verdicts", NULL, &pf->t);
    for (size_t r = 0; r < aa_pf_nsetups; r++)
        csv_row(fp, "not_in_place", mech_names[aa_pf_setups[r].mech],
                aa_pf_setups[r].state, aa_pf_setups[r].words, NULL,
                pf->gaps[r].plans, NULL, NULL, NULL, &pf->gaps[r].ex);
    for (size_t i = 0; i < pf->nfields; i++)
        for (unsigned m = 0; m < AA_NMECH; m++)
            if (fv[i]->per_mech[m] > 0)
                csv_row(fp, "needs_info", mech_names[m], fv[i]->pointer,
                        fv[i]->label, NULL, fv[i]->plans, &fv[i]->per_mech[m],
                        NULL, NULL, &fv[i]->ex);
    for (size_t i = 0; i < pf->nfindings; i++)
        csv_row(fp, "findings", NULL, dv[i]->rule, dv[i]->title,
                aa_severity_name(dv[i]->severity), dv[i]->plans, &dv[i]->count,
                NULL, NULL, &dv[i]->ex);
    for (size_t i = 0; i < pf->nfixes; i++) {
        char list[64];

        mech_list(list, sizeof(list), xv[i]->mechs);
        csv_row(fp, "fixes", list, xv[i]->rule, xv[i]->text, NULL, xv[i]->plans,
                NULL, &xv[i]->blocked, &xv[i]->possible, &xv[i]->ex);
    }
    if (pf->group_by != NULL) {
        size_t n;
        const struct pf_group **v = groups_ranked(pf, &n);
        char *section = aa_xasprintf("group %s", pf->group_by);

        for (size_t g = 0; g < n; g++) {
            csv_row(fp, section, NULL, v[g]->value, "plans", NULL,
                    v[g]->t.plans, NULL, NULL, NULL, NULL);
            csv_row(fp, section, NULL, v[g]->value, "failing", NULL,
                    v[g]->t.failing, NULL, NULL, NULL, NULL);
            csv_row(fp, section, NULL, v[g]->value, "needs_info", NULL,
                    v[g]->t.needs_info, NULL, NULL, NULL, NULL);
            csv_verdicts(fp, section, v[g]->value, &v[g]->t);
        }
        free(section);
        free(v);
    }
    free(fv);
    free(dv);
    free(xv);
}

/* ---- HTML --------------------------------------------------------------- */

/*
 * One self-contained page: inline CSS and inline SVG bars, no script, no
 * font, no image or link to fetch (a Content-Security-Policy of
 * default-src 'none' says so to the browser too), so it opens from disk
 * or as a mail attachment and prints.  Each chart is a table: labels in
 * cells wrap like any text, and each bar is an SVG of a fixed width whose
 * rectangles are to scale.
 */
#define BAR_W 320
#define BAR_H 14

static const char *const verdict_colors[PF_NVERDICTS] = {
    "#2e7d32", "#81c784", "#0288d1", "#c62828", "#bdbdbd", "#f9a825"};

/* A bar of n segments, values v over 'total' (the full width). */
static void
html_bar(FILE *fp, const size_t *v, const char *const *colors,
         const char *const *names, int n, size_t total)
{
    double x = 0;

    fprintf(fp,
            "<svg class=\"bar\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d "
            "%d\" role=\"img\">",
            BAR_W, BAR_H, BAR_W, BAR_H);
    fprintf(fp, "<rect class=\"track\" width=\"%d\" height=\"%d\"/>", BAR_W,
            BAR_H);
    for (int i = 0; i < n && total > 0; i++) {
        double w = (double)BAR_W * (double)v[i] / (double)total;

        if (v[i] == 0)
            continue;
        fprintf(fp,
                "<rect x=\"%.2f\" width=\"%.2f\" height=\"%d\" "
                "fill=\"%s\"><title>%s: %zu</title></rect>",
                x, w, BAR_H, colors[i], names[i], v[i]);
        x += w;
    }
    fputs("</svg>", fp);
}

static void
html_examples(FILE *fp, const struct pf_examples *ex, size_t total)
{
    char *s = examples_text(ex, total);

    fputs("<td class=\"ex\">", fp);
    aa_markup_text(fp, s, 0, 1);
    fputs("</td>", fp);
    free(s);
}

/* A one-colour bar, 'n' of 'max'. */
static void
html_bar1(FILE *fp, size_t n, size_t max, const char *color, const char *name)
{
    html_bar(fp, &n, &color, &name, 1, max);
}

static void
render_html(const struct aa_portfolio *pf, FILE *fp)
{
    static const char *const vnames[PF_NVERDICTS] = {
        "recommended", "automatic",      "possible",
        "blocked",     "not applicable", "needs info"};
    static const char *const sev_colors[3] = {"#0288d1", "#f9a825", "#c62828"};
    const char *const fix_colors[2] = {"#c62828", "#0288d1"};
    const char *const fix_names[2] = {"blocked", "possible"};
    const struct pf_field **fv = aa_pf_fields_ranked(pf);
    const struct pf_finding **dv = aa_pf_findings_ranked(pf);
    const struct pf_fix **xv = aa_pf_fixes_ranked(pf);
    size_t read = pf->t.plans + pf->unreadable, max;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n",
          fp);
    fprintf(fp, "<title>Portfolio of %zu plan%s</title>\n", read,
            read == 1 ? "" : "s");
    fputs("<style>\n"
          "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:"
          "60em;padding:0 1em;color:#212121;line-height:1.4}\n"
          "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;"
          "border-bottom:1px solid #ddd}\n"
          "table{border-collapse:collapse;width:100%}\n"
          "th,td{text-align:left;vertical-align:top;padding:.25em .5em;"
          "border-bottom:1px solid #eee;overflow-wrap:anywhere}\n"
          "tr:first-child th{white-space:nowrap}\n"
          "td.n{text-align:right;white-space:nowrap}\n"
          "td.chart{width:330px}\n"
          "td.ex{color:#616161;font-size:.9em;overflow-wrap:anywhere}\n"
          "svg.bar{display:block}svg.bar rect.track{fill:#f5f5f5}\n"
          "code{font-size:.9em}\n"
          ".key span{display:inline-block;margin-right:1em}"
          ".key i{display:inline-block;width:.9em;height:.9em;"
          "margin-right:.3em;vertical-align:middle}\n"
          "@media print{body{margin:0;max-width:none}section{break-inside:"
          "avoid}*{print-color-adjust:exact;-webkit-print-color-adjust:"
          "exact}}\n"
          "</style>\n</head>\n<body>\n<h1>Portfolio</h1>\n",
          fp);
    fprintf(fp,
            "<p class=\"lead\"><strong>%zu plan%s</strong>: %zu advised, %zu "
            "unreadable; ",
            read, read == 1 ? "" : "s", pf->t.plans, pf->unreadable);
    if (pf->fail_on > AA_SEV_ERROR)
        fputs("none fails (<code>--fail-on never</code>); ", fp);
    else
        fprintf(fp, "%zu with a finding at or above %s; ", pf->t.failing,
                fail_on_name(pf->fail_on));
    fprintf(fp, "%zu with a mechanism left needs info.</p>\n",
            pf->t.needs_info);

    fputs("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<p "
          "class=\"key\">",
          fp);
    for (int v = 0; v < PF_NVERDICTS; v++)
        fprintf(fp, "<span><i style=\"background:%s\"></i>%s</span>",
                verdict_colors[v], vnames[v]);
    fputs("</p>\n<table class=\"chart\">\n<tr><th>Mechanism</th><th>Plans "
          "by verdict</th><th>Recommended</th><th>Blocked</th><th>Needs "
          "info</th></tr>\n",
          fp);
    for (unsigned m = 0; m < AA_NMECH; m++) {
        fprintf(fp, "<tr><th>%s</th><td class=\"chart\">", mech_names[m]);
        html_bar(fp, pf->t.verdicts[m], verdict_colors, vnames, PF_NVERDICTS,
                 pf->t.plans);
        fprintf(fp,
                "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td "
                "class=\"n\">%zu</td></tr>\n",
                pf->t.verdicts[m][AA_V_RECOMMENDED],
                pf->t.verdicts[m][AA_V_BLOCKED],
                pf->t.verdicts[m][AA_V_NEEDS_INFO]);
    }
    fputs("</table>\n</section>\n", fp);

    fputs("<section id=\"not-in-place\">\n<h2>Recommended or possible, but "
          "not in place yet</h2>\n",
          fp);
    max = 0;
    for (size_t r = 0; r < aa_pf_nsetups; r++)
        max = pf->gaps[r].plans > max ? pf->gaps[r].plans : max;
    if (max == 0)
        fputs("<p>None.</p>\n", fp);
    else
        fputs("<table class=\"chart\">\n<tr><th>Mechanism</th><th>State</th>"
              "<th>Plans</th><th></th><th>For example</th></tr>\n",
              fp);
    for (size_t r = 0; r < aa_pf_nsetups && max > 0; r++) {
        const struct pf_gap *g = &pf->gaps[r];

        if (g->plans == 0)
            continue;
        fprintf(fp, "<tr><th>%s</th><td>%s</td><td class=\"chart\">",
                mech_names[aa_pf_setups[r].mech], aa_pf_setups[r].words);
        html_bar1(fp, g->plans, max, "#f9a825", "plans");
        fprintf(fp, "</td><td class=\"n\">%zu</td>", g->plans);
        html_examples(fp, &g->ex, g->plans);
        fputs("</tr>\n", fp);
    }
    if (max > 0)
        fputs("</table>\n", fp);
    fputs("</section>\n", fp);

    fprintf(fp,
            "<section id=\"needs-info\">\n<h2>Information missing: %zu "
            "plan%s</h2>\n",
            pf->t.needs_info, pf->t.needs_info == 1 ? "" : "s");
    if (pf->nfields > 0)
        fputs("<table class=\"chart\">\n<tr><th>Field</th><th>Question</th>"
              "<th>Plans</th><th></th><th>For example</th></tr>\n",
              fp);
    for (size_t i = 0; i < pf->nfields && i < TOP; i++) {
        fputs("<tr><th>", fp);
        aa_markup_text(fp, fv[i]->label, 0, 1);
        fputs("</th><td>", fp);
        aa_markup_text(fp, fv[i]->question, 0, 1);
        fputs("</td><td class=\"chart\">", fp);
        html_bar1(fp, fv[i]->plans, fv[0]->plans, "#f9a825", "plans");
        fprintf(fp, "</td><td class=\"n\">%zu</td>", fv[i]->plans);
        html_examples(fp, &fv[i]->ex, fv[i]->plans);
        fputs("</tr>\n", fp);
    }
    if (pf->nfields > 0)
        fputs("</table>\n", fp);
    if (pf->nfields > TOP)
        fprintf(fp, "<p>And %zu more fields.</p>\n", pf->nfields - TOP);
    fputs("</section>\n", fp);

    fputs("<section id=\"findings\">\n<h2>Most frequent findings</h2>\n", fp);
    if (pf->nfindings == 0)
        fputs("<p>None.</p>\n", fp);
    else
        fputs("<table class=\"chart\">\n<tr><th>Rule</th><th>Severity</th>"
              "<th>Plans</th><th></th><th>For example</th></tr>\n",
              fp);
    for (size_t i = 0; i < pf->nfindings && i < TOP; i++) {
        fputs("<tr><th><code>", fp);
        aa_markup_text(fp, dv[i]->rule, 0, 1);
        fputs("</code><br>", fp);
        aa_markup_text(fp, dv[i]->title, 0, 1);
        fprintf(fp, "</th><td>%s</td><td class=\"chart\">",
                aa_severity_name(dv[i]->severity));
        html_bar1(fp, dv[i]->plans, dv[0]->plans,
                  sev_colors[dv[i]->severity > AA_SEV_ERROR ? AA_SEV_ERROR
                                                            : dv[i]->severity],
                  "plans");
        fprintf(fp, "</td><td class=\"n\">%zu</td>", dv[i]->plans);
        html_examples(fp, &dv[i]->ex, dv[i]->plans);
        fputs("</tr>\n", fp);
    }
    if (pf->nfindings > 0)
        fputs("</table>\n", fp);
    if (pf->nfindings > TOP)
        fprintf(fp, "<p>And %zu more rules.</p>\n", pf->nfindings - TOP);
    fputs("</section>\n", fp);

    fputs("<section id=\"fixes\">\n<h2>Fix first</h2>\n<p>The actions of "
          "mechanisms left blocked or possible, by the plans they would "
          "move.</p>\n",
          fp);
    if (pf->nfixes == 0)
        fputs("<p>None.</p>\n", fp);
    else
        fputs("<table class=\"chart\">\n<tr><th>#</th><th>Action</th>"
              "<th>Plans: blocked, possible</th><th></th><th>For "
              "example</th></tr>\n",
              fp);
    for (size_t i = 0; i < pf->nfixes && i < TOP; i++) {
        size_t v[2] = {xv[i]->blocked, xv[i]->possible};
        char list[64];

        mech_list(list, sizeof(list), xv[i]->mechs);
        fprintf(fp, "<tr><td class=\"n\">%zu</td><td><code>", i + 1);
        aa_markup_text(fp, xv[i]->rule, 0, 1);
        fprintf(fp, "</code> (%s)<br>", list);
        aa_markup_text(fp, xv[i]->text, 0, 1);
        fputs("</td><td class=\"chart\">", fp);
        html_bar(fp, v, fix_colors, fix_names, 2,
                 xv[0]->blocked + xv[0]->possible > xv[0]->plans
                     ? xv[0]->blocked + xv[0]->possible
                     : xv[0]->plans);
        fprintf(fp, "</td><td class=\"n\">%zu</td>", xv[i]->plans);
        html_examples(fp, &xv[i]->ex, xv[i]->plans);
        fputs("</tr>\n", fp);
    }
    if (pf->nfixes > 0)
        fputs("</table>\n", fp);
    if (pf->nfixes > TOP)
        fprintf(fp, "<p>And %zu more actions.</p>\n", pf->nfixes - TOP);
    fputs("</section>\n", fp);

    if (pf->group_by != NULL) {
        size_t n;
        const struct pf_group **v = groups_ranked(pf, &n);

        fputs("<section id=\"groups\">\n<h2>By ", fp);
        aa_markup_text(fp, pf->group_label, 0, 1);
        fputs(" (<code>", fp);
        aa_markup_text(fp, pf->group_by, 0, 1);
        fputs("</code>)</h2>\n<p>A plan counts in each value it names; each "
              "bar is the plans of that value by verdict, summed over the "
              "mechanisms.</p>\n<table class=\"chart\">\n<tr><th>Value</th>"
              "<th>Verdicts</th><th>Plans</th><th>Failing</th><th>Needs "
              "info</th></tr>\n",
              fp);
        for (size_t g = 0; g < n; g++) {
            size_t sum[PF_NVERDICTS] = {0}, all = 0;

            for (unsigned m = 0; m < AA_NMECH; m++)
                for (int k = 0; k < PF_NVERDICTS; k++)
                    sum[k] += v[g]->t.verdicts[m][k];
            for (int k = 0; k < PF_NVERDICTS; k++)
                all += sum[k];
            fputs("<tr><th>", fp);
            aa_markup_text(fp, v[g]->value, 0, 1);
            fputs("</th><td class=\"chart\">", fp);
            html_bar(fp, sum, verdict_colors, vnames, PF_NVERDICTS, all);
            fprintf(fp,
                    "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td "
                    "class=\"n\">%zu</td></tr>\n",
                    v[g]->t.plans, v[g]->t.failing, v[g]->t.needs_info);
        }
        fputs("</table>\n</section>\n", fp);
        free(v);
    }
    if (pf->unreadable > 0) {
        char *s = examples_text(&pf->unreadable_ex, pf->unreadable);

        fprintf(fp,
                "<section id=\"unreadable\">\n<h2>Unreadable: %zu "
                "plan%s</h2>\n<p>",
                pf->unreadable, pf->unreadable == 1 ? "" : "s");
        aa_markup_text(fp, s, 0, 1);
        fputs("</p>\n</section>\n", fp);
        free(s);
    }
    fprintf(fp, "<footer><p>attrib-advise %s, knowledge as of ",
            pf->tool_version);
    aa_markup_text(fp, pf->knowledge_as_of, 0, 1);
    fputs(".</p></footer>\n</body>\n</html>\n", fp);
    free(fv);
    free(dv);
    free(xv);
}

/* ---- entry ----------------------------------------------------------- */

int
aa_portfolio_format(const char *format)
{
    return strcmp(format, "text") == 0 || strcmp(format, "json") == 0 ||
           strcmp(format, "markdown") == 0 || strcmp(format, "csv") == 0 ||
           strcmp(format, "html") == 0;
}

int
aa_portfolio_render(const struct aa_portfolio *pf, const char *format,
                    int width, FILE *fp)
{
    if (strcmp(format, "text") == 0) {
        render_text(pf, width, fp);
    } else if (strcmp(format, "markdown") == 0) {
        render_md(pf, fp);
    } else if (strcmp(format, "csv") == 0) {
        render_csv(pf, fp);
    } else if (strcmp(format, "html") == 0) {
        render_html(pf, fp);
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
