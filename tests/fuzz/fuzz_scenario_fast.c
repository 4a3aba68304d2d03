/* fuzz_scenario_fast.c -- the one-pass plan reader against the full one:
 * whatever the bytes, a text the one-pass reader takes must load through
 * the full reader with no diagnostic and no issue, to the same values and
 * positions (tests/unit/test_scenario_fast.c holds the same invariant
 * over chosen and mutated plans; this lets libFuzzer look further). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same_val(const struct aa_val *a, const struct aa_val *b)
{
    if (a->present != b->present || a->line != b->line || a->col != b->col)
        return 0;
    if (!a->present)
        return 1;
    if (a->type != b->type || a->b != b->b || a->e != b->e ||
        memcmp(&a->n, &b->n, sizeof(a->n)) != 0 || a->nitems != b->nitems ||
        (a->s == NULL) != (b->s == NULL) ||
        (a->s != NULL && strcmp(a->s, b->s) != 0))
        return 0;
    for (size_t i = 0; i < a->nitems; i++)
        if (!same_val(&a->items[i], &b->items[i]))
            return 0;
    return 1;
}

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
    fast = aa_scenario_read_fast("f.json", text, size, &tmp);
    aa_arena_fini(&tmp);
    if (fast == NULL)
        return 0;
    dl = aa_diags_new();
    aa_scenario_fast_path(0);
    slow = aa_scenario_parse("f.json", text, size, dl);
    aa_scenario_fast_path(1);
    if (slow == NULL || dl->n != 0 || slow->nissues != 0 ||
        slow->nsupp != fast->nsupp)
        abort();
    for (size_t f = 0; f < aa_field_count; f++)
        if (!same_val(&fast->vals[f], &slow->vals[f]))
            abort();
    for (size_t i = 0; i < fast->nsupp; i++)
        if (strcmp(fast->supp[i].rule, slow->supp[i].rule) != 0 ||
            strcmp(fast->supp[i].reason, slow->supp[i].reason) != 0 ||
            strcmp(fast->supp[i].pointer, slow->supp[i].pointer) != 0 ||
            (fast->supp[i].expires == NULL) !=
                (slow->supp[i].expires == NULL) ||
            fast->supp[i].line != slow->supp[i].line ||
            fast->supp[i].col != slow->supp[i].col)
            abort();
    aa_scenario_free(fast);
    aa_scenario_free(slow);
    aa_diags_free(dl);
    return 0;
}
