/* fuzz_rules_load.c -- any byte string must load and compile, or be
 * rejected with diagnostics: no crash, no hang, no leak. */
#include <stddef.h>
#include <stdint.h>

#include "attrib_advise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs = aa_ruleset_new();

    if (aa_rules_load_builtin(rs, dl) == 0 &&
        aa_rules_load_mem(rs, "fuzz.yaml", (const char *)data, size, dl) == 0)
        (void)!aa_ruleset_compile(rs, dl);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    return 0;
}
