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

static void
show(const struct aa_ruleset *rs, const struct aa_fact *f, FILE *fp)
{
    size_t cited = 0;

    fprintf(fp, "%s  ", f->id);
    aa_text_put(fp, f->summary, 0);
    fputs("\n  status   ", fp);
    aa_text_put(fp, f->status, 0);
    fputs("\n  sources ", fp);
    for (size_t i = 0; i < f->nsources; i++) {
        fputc(' ', fp);
        aa_text_put(fp, f->sources[i], 0);
    }
    fputs("\n  as of    ", fp);
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
