/* fuzz_ndjson.c -- any byte string is an NDJSON batch: read line by line
 * as the front end reads --ndjson input (aa_scenario_lines), each line
 * parsed at its line number or rejected cleanly.  The first line that
 * loads is also evaluated and rendered as compact JSON, keeping the
 * invariants of aa_report_check: that carries the line number into a
 * report, while evaluating every line would cost each batch one
 * evaluation per line for what fuzz_scenario_eval already covers.
 *
 * The rules are loaded and compiled once.  The line-size limit is lowered
 * so that inputs of a few KiB also reach the over-long-line path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attrib_advise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct aa_ruleset *rules;
static FILE *null;

static void
setup(void)
{
    struct aa_diags *dl = aa_diags_new();

    rules = aa_ruleset_new();
    if (dl == NULL || rules == NULL || aa_limit_set("line-size=2048") != 0 ||
        aa_rules_load_builtin(rules, dl) != 0 ||
        aa_ruleset_compile(rules, dl) != 0 ||
        (null = fopen("/dev/null", "w")) == NULL) {
        if (dl != NULL)
            aa_diags_print(dl, stderr);
        fputs("fuzz_ndjson: cannot set up\n", stderr);
        abort();
    }
    aa_diags_free(dl);
}

/* One line, as cli_advise_lines does it (less the artifacts, which would
 * read files named by the input); evaluated when 'eval' is nonzero.
 * Returns whether the line loaded. */
static int
advise(const char *line, size_t len, unsigned lineno, int eval)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_scenario *sc;
    int loaded;

    sc = aa_scenario_parse_at("fuzz.ndjson", line, len, lineno, dl);
    loaded = sc != NULL;
    if (sc != NULL && !eval) {
        aa_scenario_free(sc);
        sc = NULL;
    }
    if (sc != NULL) {
        struct aa_report *rep = aa_eval(rules, sc);

        if (rep != NULL &&
            aa_report_check(rules, rep, AA_CHECK_COMPLETE, stderr) != 0)
            abort();
        if (rep != NULL) {
            struct aa_render_opts ro = {.compact = 1};

            (void)!aa_render("json", rep, &ro, null);
        }
        aa_report_free(rep);
        aa_scenario_free(sc);
    }
    aa_diags_free(dl);
    return loaded;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_scenario_lines *sl;
    struct aa_diags *dl;
    const char *line;
    size_t len;
    unsigned lineno;
    int evaluated = 0;
    FILE *fp;

    if (rules == NULL)
        setup();
    /* fmemopen refuses an empty buffer; an empty batch has no line. */
    if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
        return 0;
    dl = aa_diags_new();
    sl = aa_scenario_lines_new(fp, "fuzz.ndjson");
    while (aa_scenario_lines_next(sl, &line, &len, &lineno, dl) > 0)
        if (advise(line, len, lineno, !evaluated))
            evaluated = 1;
    aa_scenario_lines_free(sl);
    aa_diags_free(dl);
    fclose(fp);
    return 0;
}
