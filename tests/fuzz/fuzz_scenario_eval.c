/* fuzz_scenario_eval.c -- any byte string must load as a scenario and be
 * evaluated and rendered in both formats, or be rejected cleanly; every
 * report of the built-in rules keeps the invariants of aa_report_check. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attrib_advise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct aa_ruleset *rules;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_scenario *sc;

    if (rules == NULL) {
        rules = aa_ruleset_new();
        if (aa_rules_load_builtin(rules, dl) != 0 ||
            aa_ruleset_compile(rules, dl) != 0)
            return 0;
    }
    sc = aa_scenario_parse("fuzz.json", (const char *)data, size, dl);
    if (sc != NULL) {
        struct aa_report *rep = aa_eval(rules, sc);
        FILE *null = fopen("/dev/null", "w");

        if (rep != NULL &&
            aa_report_check(rules, rep, AA_CHECK_COMPLETE, stderr) != 0)
            abort();
        if (rep != NULL && null != NULL) {
            (void)!aa_render("text", rep, NULL, null);
            (void)!aa_render("json", rep, NULL, null);
        }
        if (null != NULL)
            fclose(null);
        aa_report_free(rep);
        aa_scenario_free(sc);
    }
    aa_diags_free(dl);
    return 0;
}
