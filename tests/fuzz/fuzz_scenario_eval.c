/* fuzz_scenario_eval.c -- any byte string must load as a scenario and be
 * evaluated and rendered in both formats, or be rejected cleanly; every
 * report of the built-in rules keeps the invariants of aa_report_check,
 * its explanation (--explain) among them, and why-not searches it within
 * a small bound.  The program's own ruleset (aa_ruleset_builtin: the
 * image the build compiled, whose conditions are generated code, cond.h)
 * gives the same JSON advice as the rules compiled here, which walk their
 * conditions; in this build, with assertions, every condition the code
 * answers is walked too, and any difference aborts.
 * The rules are loaded and compiled once, on the first input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_advise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct aa_ruleset *rules, *image;
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
        (image = aa_ruleset_builtin(dl)) == NULL ||
        (null = fopen("/dev/null", "w")) == NULL) {
        if (dl != NULL)
            aa_diags_print(dl, stderr);
        fputs("fuzz_scenario_eval: cannot set up\n", stderr);
        abort();
    }
    aa_diags_free(dl);
}

/* The JSON advice of rs on sc, in a buffer of the heap (*len bytes). */
static char *
advice(struct aa_ruleset *rs, const struct aa_scenario *sc, size_t *len)
{
    struct aa_report *rep = aa_eval(rs, sc);
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);

    if (rep == NULL || fp == NULL)
        abort();
    (void)!aa_render("json", rep, NULL, fp);
    if (fclose(fp) != 0)
        abort();
    aa_report_free(rep);
    return buf;
}

static void
same_advice(const struct aa_scenario *sc)
{
    size_t na, nb;
    char *a = advice(rules, sc, &na), *b = advice(image, sc, &nb);

    if (na != nb || memcmp(a, b, na) != 0) {
        fputs("fuzz_scenario_eval: the image's advice differs from the "
              "compiled rules'\n",
              stderr);
        abort();
    }
    free(a);
    free(b);
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
        same_advice(sc);
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
