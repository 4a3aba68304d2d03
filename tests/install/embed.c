/*
 * embed.c -- a program that embeds the engine, built by check_install.sh
 * against the installed header and pkg-config file only: it takes the
 * built-in rules as the build compiled them (aa_ruleset_builtin, whose
 * image a position-independent program like this one relocates at
 * start), advises on the plan named by its argument through the
 * public API and prints the report as text.  Exit 0 when the advice was
 * made, 1 otherwise.
 */
#include <attrib_advise.h>

#include <stdio.h>

int
main(int argc, char **argv)
{
    struct aa_diags *dl = NULL;
    struct aa_ruleset *rs = NULL;
    struct aa_scenario *sc = NULL;
    struct aa_report *rep = NULL;
    struct aa_render_opts opts = {0};
    int rc = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: embed PLAN.json\n");
        return 2;
    }
    if ((dl = aa_diags_new()) == NULL || (rs = aa_ruleset_builtin(dl)) == NULL)
        goto out;
    if ((sc = aa_scenario_load_file(argv[1], dl)) == NULL)
        goto out;
    if ((rep = aa_eval(rs, sc)) == NULL)
        goto out;
    aa_report_triage(rep, rs, sc, NULL);
    opts.min_severity = AA_SEV_INFO;
    opts.fail_on = AA_SEV_ERROR;
    if (aa_render("text", rep, &opts, stdout) != 0)
        goto out;
    printf("embedded attrib-advise %s, %zu rules\n", aa_version(),
           aa_ruleset_rule_count(rs));
    rc = 0;
out:
    if (dl != NULL)
        aa_diags_print(dl, stderr);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    return rc;
}
