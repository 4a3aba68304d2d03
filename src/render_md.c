/*
 * render_md.c -- advice as Markdown a consultant can paste into a proposal:
 * a table of the seven mechanisms, a section per mechanism that needs
 * attention (reasons, then numbered actions with their commands and
 * snippets as code blocks), and a table of findings.  Table cells escape
 * '|' and never hold a line break, so the tables survive any renderer.
 * Text from plans, rules and file names is escaped by text.h first (line
 * breaks and other control characters in their visible form), then for
 * Markdown (no HTML, no link or image of the plan's making), and code
 * spans and blocks are fenced longer than any run of backticks inside, so
 * no value can close them early.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

void
aa_md_cell(FILE *fp, const char *text)
{
    char *e = aa_text_dup(text, 0);

    for (const char *s = e; *s != '\0'; s++) {
        if (*s == '|' || *s == '[' || *s == ']')
            /* '[' and ']': a plan's text makes no link or image (a
             * tracking pixel in a pull request's comment). */
            fprintf(fp, "\\%c", *s);
        else if (*s == '<')
            fputs("&lt;", fp);
        else if (*s == '>')
            fputs("&gt;", fp);
        else if (*s == '&')
            fputs("&amp;", fp);
        else
            fputc(*s, fp);
    }
    free(e);
}

/* The longest run of backticks in s. */
static size_t
ticks(const char *s)
{
    size_t best = 0, run = 0;

    for (; *s != '\0'; s++) {
        run = *s == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

/* Inline code: fenced by one backtick more than the text holds, padded
 * where the text starts or ends with one; '|' escaped in a table, where
 * GitHub splits cells even inside code. */
static void
span(FILE *fp, const char *text, int in_table)
{
    char *e = aa_text_dup(text, 0);
    size_t n = ticks(e) + 1, len = strlen(e);
    int pad = len > 0 && (e[0] == '`' || e[len - 1] == '`');

    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    if (pad)
        fputc(' ', fp);
    for (const char *s = e; *s != '\0'; s++)
        if (*s == '|' && in_table)
            fputs("\\|", fp);
        else
            fputc(*s, fp);
    if (pad)
        fputc(' ', fp);
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    free(e);
}

static void
verdict(FILE *fp, enum aa_verdict v)
{
    fputs(aa_verdict_words(v), fp);
}

static void
cites(FILE *fp, const char *rule, int replaced, const char *const *facts,
      size_t n, int in_table)
{
    span(fp, rule, in_table);
    /* As the text report says it (render_text.c's tag). */
    if (replaced)
        fputs(" (replaced by your rules)", fp);
    for (size_t i = 0; i < n; i++) {
        fputs(i == 0 ? ": " : ", ", fp);
        aa_md_cell(fp, facts[i]);
    }
}

/* A code block, its lines as they are but for control characters; the
 * fence is longer than any run of backticks in the code.  A command is
 * one line, as in the text report: a line break in it is escaped too. */
static void
code(FILE *fp, const char *lang, const char *text, int one_line)
{
    size_t n = ticks(text) + 1;

    if (n < 3)
        n = 3;

    fputs("\n   ", fp);
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    fprintf(fp, "%s\n", lang);
    for (const char *line = text; *line != '\0';) {
        size_t len = one_line ? strlen(line) : strcspn(line, "\n");

        fputs("   ", fp);
        aa_text_putn(fp, line, len, AA_TEXT_TAB | AA_TEXT_LINE);
        fputc('\n', fp);
        line += len;
        if (*line == '\n')
            line++;
    }
    fputs("   ", fp);
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    fputc('\n', fp);
}

static void
row(FILE *fp, const struct aa_advice *a)
{
    if (a->rank > 0)
        fprintf(fp, "| %d | ", a->rank);
    else
        fputs("| – | ", fp);
    aa_md_cell(fp, a->mech);
    fputs(" | ", fp);
    verdict(fp, a->verdict);
    fputs(" | ", fp);
    if (a->verdict == AA_V_NEEDS_INFO) {
        /* Labels: the row sums up, the mechanism's section asks. */
        fputs("needs", fp);
        for (size_t k = 0; k < a->nmissing; k++) {
            fputs(k ? ", " : " ", fp);
            aa_md_cell(fp, a->missing[k].label);
        }
    } else if (a->nreasons > 0) {
        aa_md_cell(fp, a->reasons[0].text);
        /* The table names no rule: the tag stands alone (cites). */
        if (a->reasons[0].replaced)
            fputs(" (replaced by your rules)", fp);
    }
    /* A split plan whose workloads got different verdicts says so. */
    for (size_t v = 0; aa_advice_differs(a) && v < a->nper; v++) {
        fputs(v ? "; " : "<br>", fp);
        aa_md_cell(fp, a->per[v].workload);
        fputs(": ", fp);
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
        aa_md_cell(fp, a->reasons[i].text);
        fputs(" (", fp);
        cites(fp, a->reasons[i].rule, a->reasons[i].replaced,
              a->reasons[i].facts, a->reasons[i].nfacts, 0);
        fputs(")\n", fp);
    }
}

static void
section(FILE *fp, const struct aa_advice *a)
{
    fputs("\n### ", fp);
    aa_md_cell(fp, a->mech);
    fputs(": ", fp);
    verdict(fp, a->verdict);
    fputc('\n', fp);
    if (a->nreasons > 0)
        fputs("\n**Why**\n\n", fp);
    reasons(fp, a);
    for (size_t v = 0; aa_advice_differs(a) && v < a->nper; v++) {
        const struct aa_advice *p = &a->per[v];

        if (p->verdict == a->verdict)
            continue;
        fputs("\n**For ", fp);
        aa_md_cell(fp, p->workload);
        fputs("**: ", fp);
        verdict(fp, p->verdict);
        fputs("\n\n", fp);
        reasons(fp, p);
    }
    if (a->nmissing > 0)
        fputs("\n**To find out**\n\n", fp);
    for (size_t k = 0; k < a->nmissing; k++) {
        fputs("- ", fp);
        aa_md_cell(fp, a->missing[k].question);
        fputc('\n', fp);
    }
    if (a->nactions > 0)
        fputs("\n**Next actions**\n\n", fp);
    for (size_t i = 0; i < a->nactions; i++) {
        const struct aa_item *it = &a->actions[i];

        fprintf(fp, "%zu. ", i + 1);
        aa_md_cell(fp, it->text);
        fputs(" (", fp);
        cites(fp, it->rule, it->replaced, it->facts, it->nfacts, 0);
        fputs(")\n", fp);
        if (it->command != NULL)
            code(fp, "sh", it->command, 1);
        if (it->snippet != NULL)
            code(fp, "", it->snippet, 0);
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
        fprintf(fp, "| %s%s | ", aa_severity_name(f->severity),
                f->suppressed ? " (suppressed)" : "");
        span(fp, f->pointer[0] ? f->pointer : "/", 1);
        fputs(" (", fp);
        aa_md_cell(fp, f->at.file);
        if (f->at.line > 0)
            fprintf(fp, ":%u:%u", f->at.line, f->at.col);
        fputs(") | ", fp);
        aa_md_cell(fp, f->message);
        if (f->suppressed != NULL) {
            fputs(" Suppressed: ", fp);
            aa_md_cell(fp, f->suppressed);
        }
        fputs(" | ", fp);
        cites(fp, f->rule, f->replaced, f->facts, f->nfacts, 1);
        fputs(" |\n", fp);
    }
    fputs("\n", fp); /* a table ends at a blank line */
}

int
aa_render_md(const struct aa_report *rep, const struct aa_render_opts *opts,
             FILE *fp)
{
    fputs("## Attribution advice: ", fp);
    aa_md_cell(fp, rep->scenario_id ? rep->scenario_id : rep->source);
    fputs("\n\nScenario ", fp);
    span(fp, rep->source, 0);
    fputs(", knowledge as of ", fp);
    aa_md_cell(fp, rep->knowledge_as_of);
    fprintf(fp, ", attrib-advise %s.\n\n", rep->tool_version);
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

/* What a rule decides, in words: the verdict it gives its mechanism. */
static void
effect(FILE *fp, const struct aa_rule_entry *e)
{
    if (e->verdict == NULL)
        fputs("none: the rule decides no verdict", fp);
    else if (strcmp(e->verdict, "exclude") == 0)
        fputs("not applicable: where the rule holds, the mechanism does not "
              "apply (`exclude`)",
              fp);
    else if (strcmp(e->verdict, "block") == 0)
        fputs("blocked: where the rule holds, the mechanism is blocked until "
              "the plan changes (`block`)",
              fp);
    else if (strcmp(e->verdict, "automatic") == 0)
        fputs("automatic: where the rule holds, the mechanism records your "
              "influence with no step of yours (`automatic`)",
              fp);
    else
        fprintf(fp,
                "%s: where the rule holds, the mechanism fits with weight "
                "%d of 100 (`fit: %d`)",
                e->weight >= 50 ? "recommended" : "possible", e->weight,
                e->weight);
}

static void
mechanisms(FILE *fp, const struct aa_rule_entry *e)
{
    const char *sep = "";

    if (e->mech != NULL) {
        aa_md_cell(fp, e->mech);
        return;
    }
    for (unsigned m = 0; m < AA_NMECH; m++)
        if (e->mechs & (1u << m)) {
            fprintf(fp, "%s%s", sep, aa_report_mech_name(m));
            sep = ", ";
        }
    if (e->mechs == 0)
        fputs("GEN: the plan as a whole", fp);
}

/* The rule of the plans and files that cannot be read: no report has its
 * findings, so nothing the other rules allow applies to it. */
static int
unreadable(const struct aa_rule_entry *e)
{
    return e->input && strcmp(e->detect, "unreadable") == 0;
}

/* The rule of the knowledge's age: about the rule set in use, not the
 * plan, so --strict leaves it alone. */
static int
about_rules(const struct aa_rule_entry *e)
{
    return e->input && strcmp(e->detect, "knowledge_stale") == 0;
}

/* What to do about the rule: its actions, else what its kind implies. */
static void
todo(FILE *fp, const struct aa_rule_entry *e)
{
    fputs("\n## What to do\n\n", fp);
    for (size_t i = 0; i < e->nactions; i++) {
        const struct aa_item *it = &e->actions[i];

        fprintf(fp, "%zu. ", i + 1);
        aa_md_cell(fp, it->text);
        fputc('\n', fp);
        if (it->command != NULL)
            code(fp, "sh", it->command, 1);
        if (it->snippet != NULL)
            code(fp, "", it->snippet, 0);
    }
    if (e->placeholders)
        fputs("\nIn the advice, each `<name>` above is the plan's value of "
              "that field.\n",
              fp);
    if (unreadable(e)) {
        fputs("Correct the file as its error says, and run attrib-advise "
              "again. Options cannot accept this finding (`--ignore`, "
              "`x-attrib-suppress` and baselines apply to files that were "
              "read): a file that cannot be read is never advised.\n",
              fp);
        return;
    }
    if (e->nactions == 0)
        fputs(e->level > AA_SEV_INFO && e->input
                  ? "Correct the plan file as the description above says, "
                    "and run attrib-advise again.\n"
              : e->level > AA_SEV_INFO
                  ? "Change what the description above says is wrong, in "
                    "the plan or in the code, and run attrib-advise again.\n"
              : e->level == AA_SEV_INFO
                  ? "Nothing has to change: the finding informs. Keep it in "
                    "mind when you plan the work.\n"
                  : "Nothing, for this rule alone: it decides the verdict, "
                    "and the actions of the mechanism's other rules say how "
                    "to take it up.\n",
              fp);
    if (e->level < 0)
        return;
    fputs("\nTo accept the findings of this rule, pass `--ignore ", fp);
    aa_md_cell(fp, e->id);
    fputs("`", fp);
    if (e->detect != NULL && !e->input)
        fputs(" to `attrib-advise scan`; where a plan names the files in "
              "`solution.artifacts`, the plan",
              fp);
    else
        fputs("; for one plan, the plan", fp);
    fputs(" can also give its reason (`x-attrib-suppress`), or a baseline "
          "record them (`--write-baseline`, then `--baseline`). An accepted "
          "finding stays listed as suppressed and no longer counts toward "
          "the exit status.\n",
          fp);
}

void
aa_render_md_rule(FILE *fp, const struct aa_rule_entry *e, int page)
{
    if (page) {
        fputs("# ", fp);
        aa_md_cell(fp, e->title);
        fputs("\n\n", fp);
    }
    aa_md_cell(fp, e->description);
    fputs("\n\n| | |\n|---|---|\n| Rule | ", fp);
    span(fp, e->id, 1);
    fputs(" |\n| Mechanism | ", fp);
    mechanisms(fp, e);
    fputs(" |\n| Verdict | ", fp);
    effect(fp, e);
    fputs(" |\n| Finding | ", fp);
    if (e->level < 0)
        fputs("none", fp);
    else
        fputs(aa_severity_name((enum aa_severity)e->level), fp);
    if (e->level_at != NULL) {
        fprintf(fp, " (%s %s by the `severity` entry at ",
                aa_rule_entry_regrade(e),
                aa_severity_name((enum aa_severity)e->own_level));
        span(fp, e->level_at, 1);
        fputc(')', fp);
    }
    if (unreadable(e)) {
        fputs(", for a plan or deployment file that cannot be read, with "
              "its first error, where an output names rules: a SARIF "
              "result, a GitLab Code Quality issue",
              fp);
    } else if (about_rules(e)) {
        fputs(", from ", fp);
        span(fp, e->detect, 1);
        fputs(", a check of the rule set's knowledge date against today "
              "(docs/scenario.md says when it fires); `--strict` leaves it "
              "as it is",
              fp);
    } else if (e->input) {
        fputs(", from ", fp);
        span(fp, e->detect, 1);
        fputs(", a check of the plan file as written (docs/scenario.md says "
              "when it fires)",
              fp);
        if (e->level < AA_SEV_ERROR)
            fputs("; an error under `--strict`", fp);
    } else if (e->detect != NULL) {
        fputs(", one per place where the deployment-code scan sees ", fp);
        span(fp, e->detect, 1);
        fputs(" (`attrib-advise scan`, and the files a plan names in "
              "`solution.artifacts`)",
              fp);
    }
    fputs(" |\n", fp);
    if (e->soft)
        fputs("| Certainty | rests on an unconfirmed fact, so it informs and "
              "never decides |\n",
              fp);
    fputs("| Defined in | ", fp);
    span(fp, e->file, 1);
    fputs(" |\n", fp);
    todo(fp, e);
    /* Only the rules of the plan file as written cite no fact. */
    if (e->nfacts == 0) {
        fputs(about_rules(e)
                  ? "\n## Facts it rests on\n\nNone: the rule reads the date "
                    "of the fact registry itself (`as_of` in "
                    "rules/facts.yaml), not a fact about attribution.\n"
                  : "\n## Facts it rests on\n\nNone: the rule holds the "
                    "plan file to the scenario contract (docs/scenario.md), "
                    "not to a fact about attribution.\n",
              fp);
        return;
    }
    fputs("\n## Facts it rests on\n\n| Fact | Status | What it says |\n"
          "|---|---|---|\n",
          fp);
    for (size_t i = 0; i < e->nfacts; i++) {
        fputs("| ", fp);
        aa_md_cell(fp, e->facts[i].id);
        fputs(" | ", fp);
        aa_md_cell(fp, e->facts[i].status);
        fputs(" | ", fp);
        aa_md_cell(fp, e->facts[i].summary);
        fputs(" |\n", fp);
    }
    fputs("\n`attrib-advise facts ID` shows the sources of a fact and every "
          "rule that cites it.\n",
          fp);
}

void
aa_render_md_index(FILE *fp, const struct aa_rule_entry *v, size_t n)
{
    const char *file = NULL;

    fputs("# Rules\n\nOne page per rule of attrib-advise, generated from the "
          "rule files with\n`attrib-advise --dump=rule-docs docs/rules`; "
          "SARIF links each rule to its page.\nThe rule language is "
          "described in [docs/rules.md](../rules.md).\n",
          fp);
    for (size_t i = 0; i < n; i++) {
        const struct aa_rule_entry *e = &v[i];

        if (file == NULL || strcmp(file, e->file) != 0) {
            file = e->file;
            fputs("\n## ", fp);
            aa_md_cell(fp, file);
            fputs("\n\n| Rule | Title | Mechanism | Verdict | Finding |\n"
                  "|---|---|---|---|---|\n",
                  fp);
        }
        fputs("| [", fp);
        aa_md_cell(fp, e->id);
        fputs("](", fp);
        aa_md_cell(fp, e->id);
        fputs(".md) | ", fp);
        aa_md_cell(fp, e->title);
        fputs(" | ", fp);
        mechanisms(fp, e);
        fputs(" | ", fp);
        if (e->verdict == NULL)
            fputs("–", fp);
        else if (e->weight > 0)
            fprintf(fp, "%s %d", e->verdict, e->weight);
        else
            fputs(e->verdict, fp);
        fprintf(fp, " | %s |\n",
                e->level >= 0 ? aa_severity_name((enum aa_severity)e->level)
                              : "–");
    }
}

/* A plan that could not be read still has its section, so a report kept
 * for a proposal never drops one silently. */
int
aa_reject_md(const struct aa_run_info *info, const char *source,
             const struct aa_message *m, size_t n,
             const struct aa_render_opts *opts, FILE *fp)
{
    (void)opts;
    fputs("## Not advised: ", fp);
    aa_md_cell(fp, source);
    fprintf(fp,
            "\n\nThe plan could not be read (attrib-advise %s), so it has "
            "no advice:\n\n",
            info->tool_version);
    for (size_t i = 0; i < n; i++) {
        fputs("- ", fp);
        if (m[i].line > 0)
            fprintf(fp, "line %u, column %u: ", m[i].line, m[i].col);
        aa_md_cell(fp, m[i].text);
        fputs("\n", fp);
    }
    fputs("\n", fp);
    return ferror(fp) ? -1 : 0;
}
