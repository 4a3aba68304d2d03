/*
 * text_copies.c -- a text batch, where the writer copies into each page
 * what it laid out of the rules' fixed texts for the pages before (a
 * reason wrapped with its tag, an action, a question, a finding's message:
 * kept.h), against each report rendered on its own by aa_render, which
 * copies nothing.  The plans come from tests/gen_plans.c; each report is
 * freed before the next plan is evaluated, as the program does, so a
 * text the plan filled in lands where an earlier plan's did.  Four
 * layouts, each with its writer: the default width, a narrow terminal in
 * colour with rule links, a wide one in colour, and an odd width.
 *
 *   text_copies PLANS.ndjson
 * Exit 0 when every page is the same both ways, 1 naming the first that
 * is not, with both texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_advise.h"

enum { NLAYOUT = 4 };

struct layout {
    struct aa_render_opts opts;
    struct aa_writer *w;
    FILE *fp; /* what w writes */
    char *buf;
    size_t len;
};

/* aa_render's page of rep with l's options (malloc), *n bytes. */
static char *
alone(const struct aa_report *rep, const struct layout *l, size_t *n)
{
    char *text = NULL;
    FILE *fp = open_memstream(&text, n);

    if (fp == NULL || aa_render("text", rep, &l->opts, fp) != 0 ||
        fclose(fp) != 0) {
        perror("text_copies: rendering a report alone");
        exit(1);
    }
    return text;
}

/* The page of rep as l's writer makes it, compared with aa_render's.
 * Returns 0 when the same. */
static int
check(struct layout *l, const struct aa_report *rep, size_t plan)
{
    size_t n;
    char *want = alone(rep, l, &n);
    int rc = 0;

    if (aa_writer_add(l->w, rep) != 0 || aa_writer_flush(l->w) != 0 ||
        fflush(l->fp) != 0) {
        fprintf(stderr, "text_copies: the writer failed on plan %zu\n", plan);
        exit(1);
    }
    if ((size_t)ftello(l->fp) != n || memcmp(l->buf, want, n) != 0) {
        fprintf(stderr,
                "text_copies: plan %zu, width %d%s: the batch's page is not "
                "the page alone\n--- alone:\n%s\n--- batch:\n%.*s\n",
                plan, l->opts.width, l->opts.color ? ", colour" : "", want,
                (int)ftello(l->fp), l->buf);
        rc = 1;
    }
    free(want);
    rewind(l->fp);
    return rc;
}

int
main(int argc, char **argv)
{
    static const int width[NLAYOUT] = {0, 40, 200, 57};
    struct layout lay[NLAYOUT];
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs;
    FILE *in;
    char *line = NULL;
    size_t cap = 0, plan = 0, shown = 0;
    ssize_t n;
    int rc = 0;

    if (argc != 2 || (in = fopen(argv[1], "r")) == NULL) {
        fprintf(stderr, "usage: text_copies PLANS.ndjson\n");
        return 2;
    }
    if ((rs = aa_ruleset_builtin(dl)) == NULL) {
        aa_diags_print(dl, stderr);
        return 1;
    }
    memset(lay, 0, sizeof(lay));
    for (int i = 0; i < NLAYOUT; i++) {
        lay[i].opts.width = width[i];
        lay[i].opts.color = i == 1 || i == 2;
        lay[i].opts.links = i == 1 ? "https://example.invalid/rules" : NULL;
        if ((lay[i].fp = open_memstream(&lay[i].buf, &lay[i].len)) == NULL ||
            (lay[i].w = aa_writer_new("text", rs, &lay[i].opts, lay[i].fp)) ==
                NULL) {
            perror("text_copies: a writer");
            return 1;
        }
    }
    while (rc == 0 && (n = getline(&line, &cap, in)) > 0) {
        struct aa_scenario *sc;
        struct aa_report *rep;

        plan++;
        /* The lines the generator makes unreadable are not pages. */
        if ((sc = aa_scenario_parse("plans.ndjson", line, (size_t)n, dl)) ==
            NULL)
            continue;
        if ((rep = aa_eval(rs, sc)) == NULL) {
            fprintf(stderr, "text_copies: no report for plan %zu\n", plan);
            return 1;
        }
        aa_report_triage(rep, rs, sc, NULL);
        for (int i = 0; i < NLAYOUT && rc == 0; i++)
            rc = check(&lay[i], rep, plan);
        shown++;
        aa_report_free(rep);
        aa_scenario_free(sc);
    }
    for (int i = 0; i < NLAYOUT; i++) {
        if (aa_writer_finish(lay[i].w, 0) != 0)
            rc = 1;
        fclose(lay[i].fp);
        free(lay[i].buf);
    }
    if (rc == 0)
        printf("text_copies: %zu pages of %zu plans, the same in %d layouts\n",
               shown, plan, NLAYOUT);
    free(line);
    fclose(in);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    return rc != 0 || shown == 0;
}
