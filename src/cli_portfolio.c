/*
 * cli_portfolio.c -- 'attrib-advise portfolio PATH...': every plan goes
 * through the run's loop (cli_advise_file, cli_advise_lines: --set, the
 * deployment code, eval, triage) as for a normal run, but feeds one
 * summary instead of a writer; the summary is written whole at the end.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
cli_portfolio(const struct cli_opts *o, const struct aa_ruleset *rs,
              const struct aa_eval_opts *eo, const struct inputs *in,
              int walk_status)
{
    struct aa_portfolio_opts po = {o->fail_on, o->min_severity, o->group_by,
                                   NULL};
    struct tally tally = {{0, 0, 0}, 0, 0, 0, 0};
    struct run run = {0};
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    int status, rc;

    if (o->group_by != NULL)
        po.group_label = aa_scenario_group_label(o->group_by);
    run.o = o;
    run.rs = rs;
    run.eo = eo;
    run.tally = &tally;
    run.status = walk_status;
    if ((run.pf = aa_portfolio_new(rs, &po)) == NULL)
        return AA_EXIT_INTERNAL;
    /* Read first: a summary to compare with that cannot be read is said
     * before the plans are advised. */
    if (o->compare != NULL) {
        struct aa_diags *dl = aa_diags_new();

        if (dl == NULL)
            exit(AA_EXIT_INTERNAL);
        rc = aa_walk_check_input(o->compare, dl) != 0
                 ? -1
                 : aa_portfolio_compare(run.pf, o->compare, dl);
        aa_diags_print(dl, stderr);
        aa_diags_free(dl);
        if (rc != 0) {
            aa_portfolio_free(run.pf);
            return AA_EXIT_INPUT;
        }
    }
    for (size_t i = 0; i < in->n; i++)
        cli_advise_input(&run, in, i);
    /* Nothing to sum up: said, and no summary of no plan. */
    if ((status = cli_inputs_status(&run)) != run.status) {
        aa_portfolio_free(run.pf);
        return status;
    }
    /* Rendered whole first: a write error never leaves half a summary. */
    if ((mem = open_memstream(&buf, &len)) == NULL) {
        aa_portfolio_free(run.pf);
        return AA_EXIT_INTERNAL;
    }
    rc = aa_portfolio_render(run.pf, o->format, cli_width(stdout), mem);
    if (fclose(mem) != 0 || rc != 0 || fwrite(buf, 1, len, stdout) != len ||
        fflush(stdout) != 0) {
        aa_message(stderr, "error: cannot write output: %s", strerror(errno));
        status = AA_EXIT_INTERNAL;
    }
    free(buf);
    aa_portfolio_free(run.pf);
    return status;
}
