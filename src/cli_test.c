/*
 * cli_test.c -- 'attrib-advise rules test PATH...' at the terminal: the
 * tests of each path run against the rules of the run, the diagnostics of
 * invalid files on standard error, the results on standard output, written
 * whole once every file has run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"

int
cli_rules_test(const struct cli_opts *o, const struct aa_ruleset *rs)
{
    struct aa_rules_test_opts to;
    struct aa_rules_test *t;
    struct aa_diags *dl = aa_diags_new();
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    int invalid = 0, status;

    to.complete = o->default_rules;
    to.require_coverage = o->require_coverage;
    to.min = o->min > 0 ? (size_t)o->min : 0;
    if (dl == NULL || (t = aa_rules_test_new(rs, &to)) == NULL) {
        aa_diags_free(dl);
        return AA_EXIT_INTERNAL;
    }
    for (size_t i = 0; i < o->ntests; i++) {
        struct stat st;
        int rc;

        if (stat(o->tests[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = aa_rules_test_load_dir(t, o->tests[i], dl);
        else
            rc = aa_rules_test_load(t, o->tests[i], dl);
        invalid |= rc != 0;
    }
    aa_diags_print(dl, stderr);
    if ((mem = open_memstream(&buf, &len)) == NULL) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (aa_rules_test_render(t, o->format, cli_width(stdout), mem) != 0 ||
        fclose(mem) != 0 || fwrite(buf, 1, len, stdout) != len ||
        fflush(stdout) != 0) {
        aa_message(stderr, "error: cannot write output");
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    status = invalid                   ? AA_EXIT_INPUT
             : aa_rules_test_failed(t) ? AA_EXIT_FINDINGS
                                       : AA_EXIT_OK;
out:
    free(buf);
    aa_rules_test_free(t);
    aa_diags_free(dl);
    return status;
}
