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

/* A table: ID, status, and the summary wrapped in the last column. */
static void
list(const struct aa_ruleset *rs, int width, FILE *fp)
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
        aa_text_wrap(fp, f->summary, w + 13, w + 13, width, 0);
    }
}

/* One source of a fact: its id, then each page's title and date, with
 * its address on a line of its own below, so that a terminal can open it
 * (an address longer than the line breaks at its separators):
 *   sources  S1   Link a partner ID to your account (2023-07-27)
 *                 https://learn.microsoft.com/...
 * An id the registry does not hold (a user's fact) shows alone. */
static void
put_source(FILE *fp, const char *lead, const char *id,
           const struct aa_source *s, int width)
{
    fputs(lead, fp);
    aa_text_put(fp, id, 0);
    for (size_t k = strlen(id); k < 5; k++)
        fputc(' ', fp);
    for (size_t i = 0; s != NULL && i < s->npages; i++) {
        const struct aa_source_page *p = &s->pages[i];
        char *title = p->date != NULL
                          ? aa_xasprintf("%s (%s)", p->title, p->date)
                          : aa_xstrdup(p->title);

        if (i > 0)
            fprintf(fp, "%16s", "");
        aa_text_wrap(fp, title, 16, 16, width, AA_TEXT_LINE);
        free(title);
        if (p->url != NULL) {
            fprintf(fp, "%16s", "");
            aa_text_wrap(fp, p->url, 16, 16, width, AA_TEXT_LINE);
        }
    }
    if (s == NULL || s->npages == 0)
        fputc('\n', fp);
}

void
aa_facts_put_brief(const struct aa_ruleset *rs, const struct aa_fact *f,
                   int width, FILE *fp)
{
    int col = fprintf(fp, "%s  ", f->id);

    aa_text_wrap(fp, f->summary, col, col, width, 0);
    fputs("  status   ", fp);
    aa_text_wrap(fp, f->status, 11, 11, width, 0);
    for (size_t i = 0; i < f->nsources; i++)
        put_source(fp, i == 0 ? "  sources  " : "           ", f->sources[i],
                   aa_ruleset_find_source(rs, f->sources[i]), width);
}

static void
show(const struct aa_ruleset *rs, const struct aa_fact *f, int width, FILE *fp)
{
    size_t cited = 0;
    char *at = aa_xasprintf("%s:%u", f->at.file, f->at.line);

    aa_facts_put_brief(rs, f, width, fp);
    fputs("  as of    ", fp);
    aa_text_wrap(fp, f->as_of ? f->as_of : aa_ruleset_knowledge_as_of(rs), 11,
                 11, width, 0);
    fputs("  defined  ", fp);
    aa_text_wrap(fp, at, 11, 11, width, 0);
    free(at);
    for (size_t i = 0; i < rs->nlive; i++) {
        const struct aa_rule *r = rs->live[i];

        for (size_t k = 0; k < r->nfacts; k++) {
            struct aa_text_line l;
            FILE *m;

            if (strcmp(r->facts[k], f->id) != 0)
                continue;
            m = aa_text_line_start(&l);
            fprintf(m, "%s %-32s %-5s ",
                    cited++ == 0 ? "  cited by" : "          ", r->id,
                    aa_mech_name(r->mech));
            aa_text_put(m, r->at.file, 0);
            fprintf(m, ":%u", r->at.line);
            aa_text_line_end(&l, fp, 13, width);
            break;
        }
    }
    if (cited == 0)
        fputs("  cited by no rule\n", fp);
}

int
aa_facts_render(const struct aa_ruleset *rs, const char *id, int width,
                FILE *fp)
{
    const struct aa_fact *f;

    width = width > 0 ? width : 80;
    if (id == NULL) {
        list(rs, width, fp);
        return 0;
    }
    if ((f = aa_ruleset_find_fact(rs, id)) == NULL)
        return -1;
    show(rs, f, width, fp);
    return 0;
}
