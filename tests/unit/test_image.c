/* test_image.c -- the built-in ruleset the program starts from
 * (aa_ruleset_builtin, image.c), against the same rules loaded from their
 * trees and compiled: the same rules, texts, facts and program, and a
 * ruleset closed to more rules; and the code the build wrote of the
 * built-in conditions (cond.h), against the walk of their nodes.
 * tests/invariants.c compares the reports of the two over thousands of
 * generated plans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compile.h"
#include "cond.h"
#include "contract.h"
#include "diag.h"
#include "report.h"
#include "ruleset.h"
#include "scan.h"

static struct aa_ruleset *
from_trees(void)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs = aa_ruleset_new();

    assert_int_equal(aa_rules_load_builtin(rs, dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, dl), 0);
    assert_int_equal(aa_diags_count(dl), 0);
    aa_diags_free(dl);
    return rs;
}

static struct aa_ruleset *
from_image(void)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs = aa_ruleset_builtin(dl);

    assert_non_null(rs);
    assert_int_equal(aa_diags_count(dl), 0);
    aa_diags_free(dl);
    return rs;
}

/* Two texts alike, either NULL or both equal. */
static void
same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void
test_same_catalog(void **state)
{
    struct aa_ruleset *t = from_trees(), *m = from_image();
    const struct aa_rule_entry *et, *em;
    size_t nt, nm;

    (void)state;
    assert_int_equal(aa_ruleset_rule_count(m), aa_ruleset_rule_count(t));
    assert_true(aa_ruleset_rule_count(m) > 100);
    same_text(aa_ruleset_knowledge_as_of(m), aa_ruleset_knowledge_as_of(t));
    et = aa_ruleset_catalog(t, &nt);
    em = aa_ruleset_catalog(m, &nm);
    assert_int_equal(nm, nt);
    for (size_t i = 0; i < nt; i++) {
        const struct aa_rule_entry *a = &et[i], *b = &em[i];

        assert_string_equal(b->id, a->id);
        same_text(b->title, a->title);
        same_text(b->description, a->description);
        same_text(b->mech, a->mech);
        same_text(b->verdict, a->verdict);
        same_text(b->level_at, a->level_at);
        same_text(b->detect, a->detect);
        same_text(b->file, a->file);
        assert_int_equal(b->mechs, a->mechs);
        assert_int_equal(b->weight, a->weight);
        assert_int_equal(b->level, a->level);
        assert_int_equal(b->own_level, a->own_level);
        assert_int_equal(b->placeholders, a->placeholders);
        assert_int_equal(b->input, a->input);
        assert_int_equal(b->builtin, a->builtin);
        assert_int_equal(b->soft, a->soft);
        assert_int_equal(b->nfacts, a->nfacts);
        for (size_t k = 0; k < a->nfacts; k++) {
            assert_string_equal(b->facts[k].id, a->facts[k].id);
            same_text(b->facts[k].summary, a->facts[k].summary);
            same_text(b->facts[k].status, a->facts[k].status);
        }
        assert_int_equal(b->nactions, a->nactions);
        for (size_t k = 0; k < a->nactions; k++) {
            same_text(b->actions[k].text, a->actions[k].text);
            same_text(b->actions[k].command, a->actions[k].command);
            same_text(b->actions[k].snippet, a->actions[k].snippet);
            assert_int_equal(b->actions[k].refers, a->actions[k].refers);
        }
        assert_int_equal(b->nreads, a->nreads);
        for (size_t k = 0; k < a->nreads; k++)
            assert_string_equal(b->reads[k], a->reads[k]);
    }
    aa_ruleset_free(t);
    aa_ruleset_free(m);
}

/* The facts, their sources and the lists, by their ids. */
static void
test_same_registry(void **state)
{
    struct aa_ruleset *t = from_trees(), *m = from_image();

    (void)state;
    assert_int_equal(m->ast.nfacts, t->ast.nfacts);
    for (size_t i = 0; i < t->ast.nfacts; i++) {
        const struct aa_fact *a = t->ast.facts[i];
        const struct aa_fact *b = aa_ruleset_find_fact(m, a->id);

        assert_non_null(b);
        same_text(b->summary, a->summary);
        same_text(b->status, a->status);
        assert_int_equal(b->nsources, a->nsources);
        for (size_t k = 0; k < a->nsources; k++) {
            assert_string_equal(b->sources[k], a->sources[k]);
            assert_non_null(aa_ruleset_find_source(m, a->sources[k]));
        }
    }
    assert_int_equal(m->ast.nlists, t->ast.nlists);
    for (size_t i = 0; i < t->ast.nlists; i++) {
        assert_string_equal(m->ast.lists[i]->name, t->ast.lists[i]->name);
        assert_int_equal(m->ast.lists[i]->nitems, t->ast.lists[i]->nitems);
        for (size_t k = 0; k < t->ast.lists[i]->nitems; k++)
            assert_string_equal(m->ast.lists[i]->items[k],
                                t->ast.lists[i]->items[k]);
    }
    assert_int_equal(m->nregrades, t->nregrades);
    aa_ruleset_free(t);
    aa_ruleset_free(m);
}

/* What evaluation reads: the same rules, nodes, kids, stages, hot bytes
 * and guard index, rules by class, operand for operand where they hold
 * no pointer. */
static void
test_same_program(void **state)
{
    struct aa_ruleset *t = from_trees(), *m = from_image();
    const struct aa_program *a = t->prog, *b = m->prog;

    (void)state;
    assert_int_equal(b->nrules, a->nrules);
    assert_int_equal(b->nnodes, a->nnodes);
    assert_int_equal(b->nkid, a->nkid);
    assert_memory_equal(b->kid, a->kid, a->nkid * sizeof(*a->kid));
    for (size_t i = 0; i < a->nnodes; i++) {
        const struct aa_node *x = &a->nodes[i], *y = &b->nodes[i];

        /* op, neg, item, fast, field and the kids or first operands */
        assert_memory_equal(y, x, offsetof(struct aa_node, nval));
        if (x->fast != AA_FAST_NONE)
            assert_true(y->mask == x->mask);
    }
    for (int s = 0; s < 2; s++) {
        assert_int_equal(b->nstaged[s], a->nstaged[s]);
        assert_memory_equal(b->staged[s], a->staged[s],
                            a->nstaged[s] * sizeof(*a->staged[s]));
    }
    assert_memory_equal(b->hot, a->hot, a->nstaged[0] * sizeof(*a->hot));
    for (size_t i = 0; i < a->nrules; i++) {
        const struct aa_crule *x = &a->rules[i], *y = &b->rules[i];

        assert_string_equal(y->src->id, x->src->id);
        assert_string_equal(y->id, x->id);
        assert_ptr_equal(y->id, y->src->id);
        assert_int_equal(y->nfacts, x->nfacts);
        for (size_t k = 0; k < x->nfacts; k++)
            assert_string_equal(y->facts[k], x->facts[k]);
        assert_int_equal(y->builtin, x->builtin);
        assert_int_equal(y->severity, x->severity);
        assert_int_equal(y->root, x->root);
        assert_int_equal(y->mechs, x->mechs);
        assert_int_equal(y->cls, x->cls);
        assert_int_equal(y->stage, x->stage);
        assert_int_equal(y->soft, x->soft);
        assert_int_equal(y->nguards, x->nguards);
        assert_int_equal(y->nresid, x->nresid);
        assert_int_equal(y->detect, x->detect);
        assert_int_equal(y->pointer, x->pointer);
        assert_memory_equal(y->gfield, x->gfield, sizeof(x->gfield));
        assert_memory_equal(y->gmask, x->gmask, sizeof(x->gmask));
        assert_memory_equal(&y->reads, &x->reads, sizeof(x->reads));
    }
    assert_int_equal(b->ngidx, a->ngidx);
    assert_int_equal(b->gwords, a->gwords);
    for (size_t i = 0; i < a->ngidx; i++) {
        const struct aa_gindex *x = &a->gidx[i], *y = &b->gidx[i];

        assert_int_equal(y->field, x->field);
        assert_int_equal(y->nrows, x->nrows);
        assert_int_equal(y->absent, x->absent);
        assert_memory_equal(y->row_of, x->row_of, sizeof(x->row_of));
        assert_memory_equal(y->pass, x->pass,
                            x->nrows * a->gwords * sizeof(*x->pass));
    }
    assert_memory_equal(b->clsbits, a->clsbits,
                        AA_PHASES * a->gwords * sizeof(*a->clsbits));
    assert_memory_equal(b->detect_rule, a->detect_rule, sizeof(a->detect_rule));
    assert_string_equal(b->fresh_until, a->fresh_until);
    aa_ruleset_free(t);
    aa_ruleset_free(m);
}

/* It takes no more rules, compiling it does nothing, and two live at once,
 * each freed on its own. */
static void
test_closed(void **state)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *a = from_image(), *b = from_image();
    static const char pack[] = "rules: []\n";
    struct aa_message msg;

    (void)state;
    assert_int_equal(aa_rules_load_mem(a, "pack.yaml", pack, strlen(pack), dl),
                     -1);
    assert_int_equal(aa_diags_count(dl), 1);
    aa_diags_get(dl, 0, &msg);
    assert_non_null(strstr(msg.text, "takes no more rules"));
    assert_int_equal(aa_rules_load_builtin(a, dl), -1);
    assert_int_equal(aa_diags_count(dl), 2);
    assert_int_equal(aa_ruleset_compile(a, dl), 0);
    assert_int_equal(aa_diags_count(dl), 2);
    assert_int_equal(aa_ruleset_rule_count(a), aa_ruleset_rule_count(b));
    aa_ruleset_free(a);
    assert_true(aa_ruleset_has_rule(b, b->live[0]->id));
    aa_ruleset_free(b);
    aa_diags_free(dl);
}

/* The detectors whose hits never count (aa_detect_breaks, which the plan's
 * /evidence/cua_broken reads) are exactly those the built-in rules report
 * as errors: a rule that blocks on the one says what the other shows. */
static void
test_breaks_are_errors(void **state)
{
    struct aa_ruleset *m = from_image();
    const struct aa_program *pg = m->prog;
    int seen[AA_D_COUNT] = {0};

    (void)state;
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];

        if (cr->detect < 0 || cr->detect >= AA_D_INPUT_FIRST)
            continue;
        seen[cr->detect] = 1;
        if ((cr->severity == AA_SEV_ERROR) !=
            aa_detect_breaks((enum aa_detect)cr->detect))
            fail_msg("%s: severity %d, but aa_detect_breaks says %d", cr->id,
                     cr->severity,
                     aa_detect_breaks((enum aa_detect)cr->detect));
    }
    for (int d = 0; d < AA_D_INPUT_FIRST; d++)
        if (aa_detect_breaks((enum aa_detect)d))
            assert_true(seen[d]);
    aa_ruleset_free(m);
}

/* The code of the conditions belongs to the image's program: one digest,
 * a function for each rule a view or the second stage tests, none for the
 * rest.  A ruleset compiled at run time has none, and walks. */
static void
test_conds_belong(void **state)
{
    struct aa_ruleset *t = from_trees(), *m = from_image();
    const struct aa_program *pg = m->prog;
    const struct aa_conds *c = m->conds;
    size_t tested = 0, written = 0;

    (void)state;
    assert_null(t->conds);
    assert_non_null(c);
    assert_ptr_equal(c, &aa_builtin_conds);
    assert_int_equal(c->nrules, pg->nrules);
    assert_int_equal(c->nnodes, pg->nnodes);
    assert_true(c->digest == aa_program_digest(pg));
    assert_true(c->digest == aa_program_digest(t->prog));
    for (size_t i = 0; i < pg->nrules; i++) {
        int staged = 0;

        for (int s = 0; s < 2; s++)
            for (size_t j = 0; j < pg->nstaged[s]; j++)
                staged |= pg->staged[s][j] == i;
        tested += staged && pg->rules[i].root >= 0;
        written += c->fn[i] != NULL;
        if (!staged || pg->rules[i].root < 0)
            assert_null(c->fn[i]);
        else
            assert_non_null(c->fn[i]);
    }
    assert_int_equal(written, tested);
    assert_true(written > 100);
    aa_ruleset_free(t);
    aa_ruleset_free(m);
}

/* xorshift: the same plans on every run. */
static uint64_t
next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static unsigned
nvalues(int f)
{
    unsigned n = 0;

    while (aa_fields[f].values != NULL && aa_fields[f].values[n] != NULL)
        n++;
    return n;
}

/* Texts that the string and list tests tell apart: a GUID, a Partner ID,
 * roles in either case, a prefix, nothing. */
static const char *const texts[] = {
    "",
    "x",
    "Owner",
    "owner",
    "Contributor",
    "Reader",
    "Support Request Contributor",
    "custom:ops",
    "1234567",
    "12a",
    "pid-b7a3c8d1-0000-4000-8000-00000000abcd",
    "b7a3c8d1-0000-4000-8000-00000000abcd",
    "B7A3C8D1-0000-4000-8000-00000000ABCD",
    "b7a3c8d1-0000-4000-8000-00000000abc",
};
enum { NTEXTS = sizeof(texts) / sizeof(texts[0]) };

/* A present value of field f's type (items for arrays). */
static void
fill(struct aa_scenario *sc, struct aa_val *v, int f, uint64_t *x)
{
    unsigned nv = nvalues(f);

    v->present = 1;
    v->type = (unsigned char)aa_fields[f].type;
    switch (aa_fields[f].type) {
    case AA_T_BOOL:
        v->b = (int)(next(x) & 1);
        break;
    case AA_T_INT:
        v->n = (double)(next(x) % 2000) - 100;
        break;
    case AA_T_ENUM:
        v->e = nv > 0 ? (int)(next(x) % nv) : 0;
        v->s = nv > 0 ? aa_fields[f].values[v->e] : "";
        break;
    case AA_T_STRING:
        v->s = texts[next(x) % NTEXTS];
        break;
    case AA_T_STRING_ARRAY:
    case AA_T_ENUM_ARRAY:
        v->nitems = (unsigned)(next(x) % 4);
        v->items = aa_arena_alloc(&sc->arena, 4 * sizeof(*v->items));
        for (unsigned k = 0; k < v->nitems; k++) {
            struct aa_val *it = &v->items[k];

            it->present = 1;
            if (aa_fields[f].type == AA_T_ENUM_ARRAY && nv > 0) {
                it->type = AA_T_ENUM;
                it->e = (int)(next(x) % nv);
                it->s = aa_fields[f].values[it->e];
            } else {
                it->type = AA_T_STRING;
                it->s = texts[next(x) % NTEXTS];
            }
        }
        break;
    default:
        v->present = (unsigned char)(next(x) & 1); /* an object */
        break;
    }
}

/* Every generated function gives the walk's value and, where that is
 * unknown, the walk's missing fields, on plans of random values where
 * each field is absent one time in three. */
static void
test_conds_answer_as_walk(void **state)
{
    struct aa_ruleset *m = from_image();
    const struct aa_program *pg = m->prog;
    const aa_cond_fn *fn = m->conds->fn;
    uint64_t x = 0x9e3779b97f4a7c15u;
    size_t seen[3] = {0, 0, 0};

    (void)state;
    for (int plan = 0; plan < 3000; plan++) {
        struct aa_scenario *sc = aa_scenario_new("random");

        for (size_t f = 1; f < aa_field_count; f++)
            if (next(&x) % 3 != 0)
                fill(sc, &sc->vals[f], (int)f, &x);
        for (size_t i = 0; i < pg->nrules; i++) {
            struct aa_rowset wc = {{0, 0}}, ww = {{0, 0}};
            int rc, rw;

            if (fn[i] == NULL)
                continue;
            rc = fn[i](pg, sc, &wc);
            rw = aa_eval_node(pg, (unsigned)pg->rules[i].root, sc, &ww);
            if (rc != rw)
                fail_msg("rule %s, plan %d: code %d, walk %d",
                         pg->rules[i].src->id, plan, rc, rw);
            assert_true(rc >= AA_COND_F && rc <= AA_COND_U);
            seen[rc]++;
            if (rc == AA_COND_U) {
                assert_true(wc.w[0] == ww.w[0] && wc.w[1] == ww.w[1]);
                assert_true(wc.w[0] != 0 || wc.w[1] != 0);
            } else {
                assert_true(wc.w[0] == 0 && wc.w[1] == 0);
            }
        }
        aa_scenario_free(sc);
    }
    /* The plans reach every value often. */
    for (int r = 0; r < 3; r++)
        assert_true(seen[r] > 10000);
    aa_ruleset_free(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_catalog),
        cmocka_unit_test(test_same_registry),
        cmocka_unit_test(test_same_program),
        cmocka_unit_test(test_closed),
        cmocka_unit_test(test_breaks_are_errors),
        cmocka_unit_test(test_conds_belong),
        cmocka_unit_test(test_conds_answer_as_walk),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
