/*
 * render_md.c -- advice as Markdown a consultant can paste into a proposal:
 * a table of the seven mechanisms, a section per mechanism that needs
 * attention (reasons, then numbered actions with their commands and
 * snippets as code blocks), and a table of findings.  Table cells escape
 * '|' and never hold a line break, so the tables survive any renderer.
 */
#include <string.h>

#include "render.h"

/* Prose for a cell or a list item: '|' escaped for tables, '<', '>' and
 * '&' as entities (a bare <GUID> would vanish as an HTML tag), line
 * breaks as spaces. */
static void
cell(FILE *fp, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '|')
            fputs("\\|", fp);
        else if (*s == '<')
            fputs("&lt;", fp);
        else if (*s == '>')
            fputs("&gt;", fp);
        else if (*s == '&')
            fputs("&amp;", fp);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', fp);
        else
            fputc(*s, fp);
    }
}

static void
verdict(FILE *fp, enum aa_verdict v)
{
    const char *s = aa_verdict_name(v);

    for (; *s != '\0'; s++)
        fputc(*s == '_' ? ' ' : *s, fp);
}

static void
cites(FILE *fp, const char *rule, const char *const *facts, size_t n)
{
    fprintf(fp, "`%s`", rule);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%s%s", i == 0 ? ": " : ", ", facts[i]);
}

static void
code(FILE *fp, const char *lang, const char *text)
{
    fprintf(fp, "\n   ```%s\n", lang);
    for (const char *line = text; *line != '\0';) {
        size_t len = strcspn(line, "\n");

        fprintf(fp, "   %.*s\n", (int)len, line);
        line += len;
        if (*line == '\n')
            line++;
    }
    fputs("   ```\n", fp);
}

static void
row(FILE *fp, const struct aa_advice *a)
{
    if (a->rank > 0)
        fprintf(fp, "| %d | %s | ", a->rank, a->mech);
    else
        fprintf(fp, "| – | %s | ", a->mech);
    verdict(fp, a->verdict);
    fputs(" | ", fp);
    if (a->verdict == AA_V_NEEDS_INFO) {
        fputs("needs", fp);
        for (size_t k = 0; k < a->nmissing; k++)
            fprintf(fp, "%s `%s`", k ? "," : "", a->missing[k]);
    } else if (a->nreasons > 0) {
        cell(fp, a->reasons[0].text);
    }
    /* A split plan whose workloads got different verdicts says so. */
    for (size_t v = 0; aa_advice_differs(a) && v < a->nper; v++) {
        fprintf(fp, "%s%s: ", v ? "; " : "<br>", a->per[v].workload);
        verdict(fp, a->per[v].verdict);
    }
    fputs(" |\n", fp);
}

/* Ranked mechanisms first, by rank; then the rest in contract order. */
static void
table(FILE *fp, const struct aa_report *rep)
{
    fputs("| # | Mechanism | Verdict | Why |\n|---|---|---|---|\n", fp);
    for (int r = 1; r <= AA_NMECH; r++)
        for (size_t m = 0; m < AA_NMECH; m++)
            if (rep->mech[m].rank == r)
                row(fp, &rep->mech[m]);
    for (size_t m = 0; m < AA_NMECH; m++)
        if (rep->mech[m].rank == 0)
            row(fp, &rep->mech[m]);
}

/* One bullet per reason, each with its rule and facts. */
static void
reasons(FILE *fp, const struct aa_advice *a)
{
    for (size_t i = 0; i < a->nreasons; i++) {
        fputs("- ", fp);
        cell(fp, a->reasons[i].text);
        fputs(" (", fp);
        cites(fp, a->reasons[i].rule, a->reasons[i].facts,
              a->reasons[i].nfacts);
        fputs(")\n", fp);
    }
}

static void
section(FILE *fp, const struct aa_advice *a)
{
    fprintf(fp, "\n### %s: ", a->mech);
    verdict(fp, a->verdict);
    fputc('\n', fp);
    if (a->nreasons > 0)
        fputs("\n**Why**\n\n", fp);
    reasons(fp, a);
    for (size_t v = 0; aa_advice_differs(a) && v < a->nper; v++) {
        const struct aa_advice *p = &a->per[v];

        if (p->verdict == a->verdict)
            continue;
        fprintf(fp, "\n**For %s**: ", p->workload);
        verdict(fp, p->verdict);
        fputs("\n\n", fp);
        reasons(fp, p);
    }
    if (a->nmissing > 0) {
        fputs("\n**Needs**:", fp);
        for (size_t k = 0; k < a->nmissing; k++)
            fprintf(fp, "%s `%s`", k ? "," : "", a->missing[k]);
        fputc('\n', fp);
    }
    if (a->nactions > 0)
        fputs("\n**Next actions**\n\n", fp);
    for (size_t i = 0; i < a->nactions; i++) {
        const struct aa_item *it = &a->actions[i];

        fprintf(fp, "%zu. ", i + 1);
        cell(fp, it->text);
        fputs(" (", fp);
        cites(fp, it->rule, it->facts, it->nfacts);
        fputs(")\n", fp);
        if (it->command != NULL)
            code(fp, "sh", it->command);
        if (it->snippet != NULL)
            code(fp, "", it->snippet);
    }
}

static void
findings(FILE *fp, const struct aa_report *rep, int min)
{
    size_t shown = 0;

    for (size_t i = 0; i < rep->nfindings; i++)
        shown += (int)rep->findings[i].severity >= min;
    if (shown == 0)
        return;
    fputs("\n### Findings\n\n| Severity | Field | Finding | Rule |\n"
          "|---|---|---|---|\n",
          fp);
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        if ((int)f->severity < min)
            continue;
        fprintf(fp, "| %s%s | `%s` (%s:%u:%u) | ",
                aa_severity_name(f->severity),
                f->suppressed ? " (suppressed)" : "",
                f->pointer[0] ? f->pointer : "/", f->at.file, f->at.line,
                f->at.col);
        cell(fp, f->message);
        if (f->suppressed != NULL) {
            fputs(" Suppressed: ", fp);
            cell(fp, f->suppressed);
        }
        fputs(" | ", fp);
        cites(fp, f->rule, f->facts, f->nfacts);
        fputs(" |\n", fp);
    }
}

int
aa_render_md(const struct aa_report *rep, const struct aa_render_opts *opts,
             FILE *fp)
{
    fprintf(fp, "## Attribution advice: %s\n\n",
            rep->scenario_id ? rep->scenario_id : rep->source);
    fprintf(fp, "Scenario `%s`, knowledge as of %s, attrib-advise %s.\n\n",
            rep->source, rep->knowledge_as_of, rep->tool_version);
    table(fp, rep);
    for (int r = 1; r <= AA_NMECH; r++)
        for (size_t m = 0; m < AA_NMECH; m++)
            if (rep->mech[m].rank == r)
                section(fp, &rep->mech[m]);
    for (size_t m = 0; m < AA_NMECH; m++)
        if (rep->mech[m].verdict == AA_V_BLOCKED ||
            rep->mech[m].verdict == AA_V_NEEDS_INFO)
            section(fp, &rep->mech[m]);
    findings(fp, rep, opts->min_severity);
    return 0;
}
