/*
 * lint.c -- 'attrib-advise rules check': what a rule pack loads and
 * compiles without error but is still wrong.  Rules that can never fire
 * are found by the evaluator itself: a rule whose condition reads only
 * booleans, enumerations, arrays of enumerations and objects' presence
 * is run on every combination of their values (every subset of an
 * array's values, absence included), which is exact; a rule that reads
 * free text or numbers is left alone rather than guessed at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "contract.h"
#include "eval.h"
#include "limits.h"
#include "lint.h"
#include "ruleset.h"
#include "scenario.h"
#include "text.h"

/* Combinations tried at most per rule: six enumerations of five values
 * and their absence fit. */
#define MAX_COMBOS 50000
/* Arrays of enumerations with more values are not tried (partner types
 * have 9: 513 sets, absence counted). */
#define MAX_ITEMS 12

/* Values field 'row' can take, absence counted; 0 when it is not a field
 * whose values can all be tried. */
static size_t
domain(int row)
{
    const struct aa_field *f = &aa_fields[row];
    size_t n = 0;

    switch (f->type) {
    case AA_T_BOOL:
        return 3;
    case AA_T_OBJECT:
        return 2;
    case AA_T_ENUM:
        while (f->values[n] != NULL)
            n++;
        return n + 1;
    case AA_T_ENUM_ARRAY:
        while (f->values[n] != NULL)
            n++;
        return n <= MAX_ITEMS ? ((size_t)1 << n) + 1 : 0;
    default:
        return 0;
    }
}

/* Set field 'row' to its k-th value (0: absent; an array's k-1 is the
 * set of its items, one bit per value); items holds MAX_ITEMS. */
static void
set_value(struct aa_val *vals, int row, size_t k, struct aa_val *items)
{
    const struct aa_field *f = &aa_fields[row];
    struct aa_val *v = &vals[row];

    memset(v, 0, sizeof(*v));
    if (k == 0)
        return;
    v->present = 1;
    v->type = (unsigned char)f->type;
    if (f->type == AA_T_BOOL)
        v->b = k == 2;
    if (f->type == AA_T_ENUM) {
        v->e = (int)k - 1;
        v->s = f->values[k - 1];
    }
    if (f->type == AA_T_ENUM_ARRAY) {
        v->items = items;
        for (int e = 0; f->values[e] != NULL; e++)
            if ((k - 1) & ((size_t)1 << e)) {
                memset(&items[v->nitems], 0, sizeof(*items));
                items[v->nitems].present = 1;
                items[v->nitems].type = AA_T_ENUM;
                items[v->nitems].e = e;
                items[v->nitems++].s = f->values[e];
            }
    }
}

/* Whether some combination of the values of rows[0..n) makes rule i true;
 * -1 when there are too many to try. */
static int
can_fire(const struct aa_ruleset *rs, size_t i, const int *rows, size_t n,
         struct aa_val *vals, struct aa_val (*items)[MAX_ITEMS])
{
    size_t idx[AA_FIELD_LIMIT], total = 1;
    struct aa_scenario sc;

    for (size_t k = 0; k < n; k++) {
        total *= domain(rows[k]);
        if (total > MAX_COMBOS)
            return -1;
        idx[k] = 0;
    }
    memset(&sc, 0, sizeof(sc));
    sc.name = "<rules check>";
    sc.vals = vals;
    memset(vals, 0, aa_field_count * sizeof(*vals));
    for (size_t c = 0; c < total; c++) {
        /* Only the fields tried and the objects above them change from
         * one combination to the next: clearing those alone, not every
         * field, keeps a combination's cost to what the rule reads. */
        for (size_t k = 0; k < n; k++)
            for (int p = rows[k]; p >= 0; p = aa_fields[p].parent)
                memset(&vals[p], 0, sizeof(vals[p]));
        vals[AA_FIELD_ROOT].present = 1;
        vals[AA_FIELD_ROOT].type = AA_T_OBJECT;
        for (size_t k = 0; k < n; k++)
            set_value(vals, rows[k], idx[k], items[k]);
        /* A present field has present parents, as in any plan. */
        for (size_t k = 0; k < n; k++)
            if (vals[rows[k]].present)
                for (int p = aa_fields[rows[k]].parent; p >= 0;
                     p = aa_fields[p].parent)
                    if (!vals[p].present) {
                        vals[p].present = 1;
                        vals[p].type = AA_T_OBJECT;
                    }
        if (aa_eval_rule(rs, i, &sc) == 1)
            return 1;
        for (size_t k = 0; k < n && ++idx[k] == domain(rows[k]); k++)
            idx[k] = 0;
    }
    return 0;
}

size_t
aa_lint_never_fires(const struct aa_ruleset *rs, int user_only, size_t *checked,
                    FILE *out)
{
    const struct aa_program *pg = rs->prog;
    struct aa_val vals[AA_FIELD_LIMIT];
    struct aa_val(*items)[MAX_ITEMS] =
        aa_xcalloc(AA_FIELD_LIMIT, sizeof(*items));
    size_t notes = 0;

    for (size_t i = 0; pg != NULL && i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];
        int rows[AA_FIELD_LIMIT];
        size_t n = 0;
        int ok = 1;

        if (cr->root < 0 || cr->detect >= 0 || (user_only && cr->src->builtin))
            continue;
        for (size_t row = 0; row < aa_field_count && ok; row++)
            if (aa_rowset_has(&cr->reads, (int)row)) {
                ok = domain((int)row) > 0;
                rows[n++] = (int)row;
            }
        if (!ok)
            continue;
        switch (can_fire(rs, i, rows, n, vals, items)) {
        case -1:
            continue;
        case 1:
            if (checked != NULL)
                (*checked)++;
            continue;
        default:
            if (checked != NULL)
                (*checked)++;
            break;
        }
        if (out != NULL && notes == aa_limit(AA_LIMIT_ERRORS))
            fprintf(out, "warning: ... and more rules that can never fire, "
                         "counted below (--limit errors=N)\n");
        if (out != NULL && notes < aa_limit(AA_LIMIT_ERRORS)) {
            fprintf(out,
                    "%s:%u:%u: warning: rule '%s' can never fire: no value "
                    "of what it reads makes its condition true (",
                    cr->src->at.file, cr->src->at.line, cr->src->at.col,
                    cr->src->id);
            for (size_t k = 0; k < n; k++)
                fprintf(out, "%s%s", k > 0 ? ", " : "", aa_fields[rows[k]].ptr);
            fputs(")\n", out);
        }
        notes++;
    }
    free(items);
    return notes;
}

size_t
aa_rules_lint(const struct aa_ruleset *rs, int width, FILE *out)
{
    size_t counts[3], checked = 0;
    size_t never = aa_lint_never_fires(rs, 1, &checked, out);
    size_t notes = aa_ruleset_lint(rs, out, counts);
    char *sum = aa_xasprintf(
        "rules check: %zu rule%s, %zu list%s and %zu severit%s loaded, %zu "
        "that can never fire (of %zu decidable), %zu note%s",
        counts[0], counts[0] == 1 ? "" : "s", counts[1],
        counts[1] == 1 ? "" : "s", counts[2], counts[2] == 1 ? "y" : "ies",
        never, checked, notes, notes == 1 ? "" : "s");

    /* The notes above are diagnostics, a line each; the summary is text. */
    aa_text_wrap(out, sum, 0, 2, width > 0 ? width : 80, AA_TEXT_LINE);
    free(sum);
    return never;
}
