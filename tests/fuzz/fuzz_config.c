/* fuzz_config.c -- any byte string must read as a config file or be
 * refused with at least one diagnostic, each at a line and column: no
 * crash, no hang, no leak.  What it reads must hold together: levels in
 * range, every list entry a non-empty string. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_advise.h"
#include "diag.h"
#include "limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_list(const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == NULL || v[i][0] == '\0')
            abort(); /* an entry that names nothing was accepted */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_diags dl;
    struct aa_config *c;

    aa_diags_init(&dl);
    c = aa_config_parse("repo/.attrib-advise.yaml", (const char *)data, size,
                        &dl);
    if (c == NULL && dl.n == 0)
        abort(); /* refused without a reason */
    if (c != NULL && dl.n != 0)
        abort(); /* accepted although something was wrong */
    for (size_t i = 0; i < dl.n; i++)
        if (dl.v[i].line == 0 && size <= aa_limit(AA_LIMIT_RULES_SIZE) &&
            strstr(dl.v[i].detail, "more problem") == NULL)
            abort(); /* a problem inside the file has a position */
    if (c != NULL) {
        const struct aa_config_values *v = aa_config_values(c);

        if (v->fail_on < -1 || v->fail_on > 3 || v->min_severity < -1 ||
            v->min_severity > AA_SEV_ERROR || v->strict < -1 || v->strict > 1 ||
            v->require_complete < -1 || v->require_complete > 1)
            abort();
        check_list(v->rules, v->nrules);
        check_list(v->exclude, v->nexclude);
        check_list(v->ignore, v->nignore);
        for (size_t i = 0; i < v->nseverity; i++)
            if (v->severity[i].rule == NULL ||
                v->severity[i].severity > AA_SEV_ERROR)
                abort();
        /* Paths are joined with the file's folder. */
        if (v->baseline != NULL && v->baseline[0] != '/' &&
            strncmp(v->baseline, "repo/", 5) != 0)
            abort();
    }
    aa_config_free(c);
    aa_diags_fini(&dl);
    return 0;
}
