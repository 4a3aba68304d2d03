/*
 * scenario_differ.h -- where two loaded scenarios differ, for the tests
 * that hold the one-pass plan reader to the full one
 * (unit/test_scenario_fast.c, fuzz/fuzz_scenario_fast.c).
 */
#ifndef AA_TEST_SCENARIO_DIFFER_H
#define AA_TEST_SCENARIO_DIFFER_H

#include <string.h>

#include "scenario.h"

static inline int
same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) ||
           (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static inline int
same_val(const struct aa_val *a, const struct aa_val *b)
{
    if (a->present != b->present || a->line != b->line || a->col != b->col)
        return 0;
    if (!a->present)
        return 1;
    if (a->type != b->type || a->b != b->b || a->e != b->e ||
        !same_str(a->s, b->s) || a->nitems != b->nitems)
        return 0;
    if (memcmp(&a->n, &b->n, sizeof(a->n)) != 0) /* -0 is not 0 */
        return 0;
    for (size_t i = 0; i < a->nitems; i++)
        if (!same_val(&a->items[i], &b->items[i]))
            return 0;
    return 1;
}

/* Which part of two scenarios differs, or NULL. */
static inline const char *
differ(const struct aa_scenario *a, const struct aa_scenario *b)
{
    if (!same_str(a->name, b->name))
        return "name";
    for (size_t f = 0; f < aa_field_count; f++)
        if (!same_val(&a->vals[f], &b->vals[f]))
            return aa_fields[f].ptr[0] ? aa_fields[f].ptr : "/";
    if (a->nsupp != b->nsupp || a->nissues != b->nissues)
        return "count of suppressions or issues";
    for (size_t i = 0; i < a->nsupp; i++) {
        const struct aa_suppress *x = &a->supp[i], *y = &b->supp[i];

        if (!same_str(x->rule, y->rule) || !same_str(x->reason, y->reason) ||
            !same_str(x->expires, y->expires) ||
            !same_str(x->pointer, y->pointer) || x->line != y->line ||
            x->col != y->col)
            return "a suppression";
    }
    return NULL;
}

#endif
