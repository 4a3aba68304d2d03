/* fuzz_scenario_fast.c -- the one-pass plan reader against the full one:
 * whatever the bytes, a text the one-pass reader takes must load through
 * the full reader with no diagnostic and no issue, to the same values and
 * positions (tests/unit/test_scenario_fast.c holds the same invariant
 * over chosen and mutated plans; this lets libFuzzer look further). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/scenario_differ.h"
#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct aa_arena tmp;
    struct aa_diags *dl;
    struct aa_scenario *fast, *slow;

    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        return 0; /* aa_scenario_parse drops it before either reader */
    aa_arena_init(&tmp);
    fast = aa_scenario_read_fast("f.json", text, size, 1, &tmp);
    aa_arena_fini(&tmp);
    if (fast == NULL)
        return 0;
    dl = aa_diags_new();
    aa_scenario_fast_path(0);
    slow = aa_scenario_parse("f.json", text, size, dl);
    aa_scenario_fast_path(1);
    if (slow == NULL || dl->n != 0 || slow->nissues != 0 ||
        differ(fast, slow) != NULL)
        abort();
    aa_scenario_free(fast);
    aa_scenario_free(slow);
    aa_diags_free(dl);
    return 0;
}
