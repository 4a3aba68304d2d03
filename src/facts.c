/*
 * facts.c -- the fact registry as a reader sees it: the list of facts, or
 * one fact with its sources and the rules that cite it (after rule
 * replacement, so the answer matches what advice would use).  Fact texts
 * come from rule files, which may come from anywhere: text.h escapes them.
 */
#include <stdlib.h>
#include <string.h>

#include "ruleset.h"
#include "text.h"

static void
list(const struct aa_ruleset *rs, FILE *fp)
{
    int w = 0;

    for (size_t i = 0; i < rs->ast.nfacts; i++) {
        int n = (int)strlen(rs->ast.facts[i]->id);

        if (n > w)
            w = n;
    }
    for (size_t i = 0; i < rs->ast.nfacts; i++) {
        const struct aa_fact *f = rs->ast.facts[i];
        char *status = aa_text_dup(f->status, 0);

        fprintf(fp, "%-*s  %-9s  ", w, f->id, status);
        free(status);
        aa_text_put(fp, f->summary, 0);
        fputc('\n', fp);
    }
}

/* One source of a fact: its id, then each page's title and date, with
 * its address on a line of its own below, so that a terminal can open it:
 *   sources  S1   Link a partner ID to your account (2023-07-27)
 *                 https://learn.microsoft.com/...
 * An id the registry does not hold (a user's fact) shows alone. */
static void
put_source(FILE *fp, const char *lead, const char *id,
           const struct aa_source *s)
{
    fputs(lead, fp);
    aa_text_put(fp, id, 0);
    for (size_t k = strlen(id); k < 5; k++)
        fputc(' ', fp);
    for (size_t i = 0; s != NULL && i < s->npages; i++) {
        const struct aa_source_page *p = &s->pages[i];

        if (i > 0)
            fprintf(fp, "%16s", "");
        aa_text_put(fp, p->title, AA_TEXT_LINE);
        if (p->date != NULL) {
            fputs(" (", fp);
            aa_text_put(fp, p->date, AA_TEXT_LINE);
            fputc(')', fp);
        }
        if (p->url != NULL) {
            fprintf(fp, "\n%16s", "");
            aa_text_put(fp, p->url, AA_TEXT_LINE);
        }
        fputc('\n', fp);
    }
    if (s == NULL || s->npages == 0)
        fputc('\n', fp);
}

void
aa_facts_put_brief(const struct aa_ruleset *rs, const struct aa_fact *f,
                   FILE *fp)
{
    fprintf(fp, "%s  ", f->id);
    aa_text_put(fp, f->summary, 0);
    fputs("\n  status   ", fp);
    aa_text_put(fp, f->status, 0);
    fputc('\n', fp);
    for (size_t i = 0; i < f->nsources; i++)
        put_source(fp, i == 0 ? "  sources  " : "           ", f->sources[i],
                   aa_ruleset_find_source(rs, f->sources[i]));
}

static void
show(const struct aa_ruleset *rs, const struct aa_fact *f, FILE *fp)
{
    size_t cited = 0;

    aa_facts_put_brief(rs, f, fp);
    fputs("  as of    ", fp);
    aa_text_put(fp, f->as_of ? f->as_of : aa_ruleset_knowledge_as_of(rs), 0);
    fputs("\n  defined  ", fp);
    aa_text_put(fp, f->at.file, 0);
    fprintf(fp, ":%u\n", f->at.line);
    for (size_t i = 0; i < rs->nlive; i++) {
        const struct aa_rule *r = rs->live[i];

        for (size_t k = 0; k < r->nfacts; k++) {
            if (strcmp(r->facts[k], f->id) != 0)
                continue;
            fprintf(fp, "%s %-32s %-5s ",
                    cited++ == 0 ? "  cited by" : "          ", r->id,
                    aa_mech_name(r->mech));
            aa_text_put(fp, r->at.file, 0);
            fprintf(fp, ":%u\n", r->at.line);
            break;
        }
    }
    if (cited == 0)
        fputs("  cited by no rule\n", fp);
}

int
aa_facts_render(const struct aa_ruleset *rs, const char *id, FILE *fp)
{
    const struct aa_fact *f;

    if (id == NULL) {
        list(rs, fp);
        return 0;
    }
    if ((f = aa_ruleset_find_fact(rs, id)) == NULL)
        return -1;
    show(rs, f, fp);
    return 0;
}
