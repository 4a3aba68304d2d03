/* fuzz_scenario_eval.c -- any byte string must load as a scenario and be
 * evaluated and rendered in both formats, or be rejected cleanly; every
 * report of the built-in rules keeps the invariants of aa_report_check,
 * its explanation (--explain) among them, and why-not searches it within
 * a small bound.
 * The rules are loaded and compiled once, on the first input: a run per
 * input costs one parse, one evaluation and two renderings. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attrib_advise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct aa_ruleset *rules;
static FILE *null;

/* The built-in rules, compiled, and a sink for the renderings; a failure
 * here is a broken build, not a finding of the fuzzer. */
static void
setup(void)
{
    struct aa_diags *dl = aa_diags_new();

    rules = aa_ruleset_new();
    if (dl == NULL || rules == NULL || aa_rules_load_builtin(rules, dl) != 0 ||
        aa_ruleset_compile(rules, dl) != 0 ||
        (null = fopen("/dev/null", "w")) == NULL) {
        if (dl != NULL)
            aa_diags_print(dl, stderr);
        fputs("fuzz_scenario_eval: cannot set up\n", stderr);
        abort();
    }
    aa_diags_free(dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_diags *dl;
    struct aa_scenario *sc;

    if (rules == NULL)
        setup();
    dl = aa_diags_new();
    sc = aa_scenario_parse("fuzz.json", (const char *)data, size, dl);
    if (sc != NULL) {
        struct aa_report *rep = aa_eval_explain(rules, sc, NULL);
        struct aa_whynot *w;

        if (rep != NULL &&
            aa_report_check(rules, rep, AA_CHECK_COMPLETE, stderr) != 0)
            abort();
        if (rep != NULL) {
            (void)!aa_render("text", rep, NULL, null);
            (void)!aa_render("json", rep, NULL, null);
            (void)!aa_render_explain("text", rep, NULL, null);
        }
        aa_report_free(rep);
        /* A fix it finds is one the full evaluation confirms (it aborts
         * otherwise). */
        if ((w = aa_why_not(rules, sc, size % 2 ? "PAL" : "DPOR", 200)) != NULL)
            (void)!aa_render_whynot("json", w, 0, null);
        aa_whynot_free(w);
        aa_scenario_free(sc);
    }
    aa_diags_free(dl);
    return 0;
}
