/* fuzz_rules_load.c -- any byte string must load as a rule file and
 * compile, or be rejected with diagnostics: no crash, no hang, no leak.
 *
 * Only the input is parsed per run, so a run takes microseconds.  Rules
 * cite the fact registry and the role lists, and without them almost
 * every input would stop at "unknown fact ID"; so the built-in files are
 * loaded once, into a ruleset that lives for the whole process, and each
 * input's ruleset borrows its facts and lists as the built-in layer.  The
 * AST holds only pointers to them, and freeing a ruleset frees its own
 * arrays and arena, never what it borrowed.  The input is the user layer,
 * as with --rules, so the checks across layers run too. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "ruleset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct aa_ruleset *registry;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_diags dl;
    struct aa_ruleset *rs;
    int rc;

    aa_diags_init(&dl);
    if (registry == NULL) {
        registry = aa_ruleset_new();
        if (aa_rules_load_builtin(registry, &dl) != 0)
            abort(); /* the built-in rules always load */
    }
    rs = aa_ruleset_new();
    for (size_t i = 0; i < registry->ast.nfacts; i++)
        aa_ast_add_fact(rs, registry->ast.facts[i]);
    for (size_t i = 0; i < registry->ast.nlists; i++)
        aa_ast_add_list(rs, registry->ast.lists[i]);
    rs->layer = 1;
    rc = aa_rules_load_mem(rs, "fuzz.yaml", (const char *)data, size, &dl);
    if (rc == 0)
        rc = aa_ruleset_compile(rs, &dl);
    if (rc != 0 && dl.n == 0)
        abort(); /* refused without a reason */
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    return 0;
}
