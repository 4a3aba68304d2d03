/* fuzz_rules_test.c -- any byte string must read as a rule test file and
 * run, or be refused with at least one error: no crash, no hang, no leak.
 * A file that runs adds no error; one refused runs none of its tests; and
 * the results render in both formats.
 *
 * The built-in rules are loaded and compiled once.  The file is named as
 * if in rules/tests/, so a plan's artifacts are looked for there: from the
 * build folder they are not found, which is an error like any other.  A
 * plan may name any path as an artifact, so the walk is held to a few
 * names and one level: the input cannot make the fuzzer read the disk. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attrib_advise.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct aa_ruleset *rules;
static FILE *null;

static void
setup(void)
{
    struct aa_diags *dl = aa_diags_new();

    rules = aa_ruleset_new();
    if (dl == NULL || rules == NULL || aa_limit_set("files=8") != 0 ||
        aa_limit_set("folder-depth=1") != 0 ||
        aa_rules_load_builtin(rules, dl) != 0 ||
        aa_ruleset_compile(rules, dl) != 0 ||
        (null = fopen("/dev/null", "w")) == NULL) {
        if (dl != NULL)
            aa_diags_print(dl, stderr);
        fputs("fuzz_rules_test: cannot set up\n", stderr);
        abort();
    }
    aa_diags_free(dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_rules_test_opts opts = {1, 1, 1};
    struct aa_rules_test *t;
    struct aa_diags dl;
    int rc;

    if (rules == NULL)
        setup();
    aa_diags_init(&dl);
    if ((t = aa_rules_test_new(rules, &opts)) == NULL)
        abort();
    rc = aa_rules_test_parse(t, "rules/tests/fuzz.yaml", (const char *)data,
                             size, &dl);
    if ((rc != 0) != (aa_diags_count_at(&dl, AA_BAND_ERROR) > 0))
        abort(); /* refused without an error, or ran despite one */
    if (aa_rules_test_render(t, "text", 0, null) != 0 ||
        aa_rules_test_render(t, "json", 0, null) != 0)
        abort();
    aa_rules_test_free(t);
    aa_diags_fini(&dl);
    return 0;
}
