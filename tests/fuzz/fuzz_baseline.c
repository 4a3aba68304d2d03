/* fuzz_baseline.c -- any byte string must read as a baseline or be
 * refused with at least one diagnostic, each at a line and column: no
 * crash, no hang, no leak.  Nothing is loaded but the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "baseline.h"
#include "limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aa_diags dl;
    struct aa_baseline *b;

    aa_diags_init(&dl);
    b = aa_baseline_parse("fuzz.json", (const char *)data, size, &dl);
    if (b == NULL && dl.n == 0)
        abort(); /* refused without a reason */
    for (size_t i = 0; i < dl.n; i++)
        if (dl.v[i].line == 0 && size <= aa_limit(AA_LIMIT_BASELINE_SIZE))
            abort(); /* a problem inside the file has a position */
    if (b != NULL) {
        (void)aa_baseline_has(b, "plans/a.json", "pal.no-access", "/");
        (void)aa_baseline_has(b, "plans/a.json", "pal.no-access",
                              "0123456789abcdef:1");
        if (aa_baseline_stale(b, &dl) != 0)
            abort(); /* no file was read: nothing can be stale */
    }
    aa_baseline_free(b);
    aa_diags_fini(&dl);
    return 0;
}
