/*
 * invariants.c -- the report invariants of aa_report_check over a covering
 * set of generated scenarios.
 *
 * The parameter space is read from the contract table, so a field added to
 * the contract is exercised without touching this file.  Every field a
 * user may write (neither an object nor derived) is a parameter whose
 * domain is "absent" plus values of its type: every enum value; true and
 * false; for an enum array [], each value alone and a few pairs.  A few
 * fields whose values the rules test by shape or by name (Partner ID,
 * GUID, role names) get the values listed by pointer in 'specials'.
 *
 * A greedy IPOG construction makes a pairwise covering set: every value of
 * every parameter meets every value of every other in some scenario.
 * Random scenarios (xorshift with a fixed seed, so every platform draws the
 * same ones) bring the total to at least MIN_TOTAL; they come in walks that
 * fill the fields the advice says are missing (next_scenario).  Each
 * scenario is written as JSON and goes through the loader, the built-in
 * rules and aa_eval; its report must keep every invariant, with
 * AA_CHECK_COMPLETE.
 *
 * A scenario that breaks one is shrunk before it is shown: fields are
 * dropped and array items removed while the same violation still occurs,
 * so what is left is what matters.  Each distinct violation is printed
 * once, with the smallest scenario found for it and how many scenarios
 * hit it.
 *
 * Usage: invariants [--random N] [--seed S] [--shrink K]
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "attrib_advise.h"
#include "contract.h"
#include "eval.h"
#include "report.h"
#include "rule.h"
#include "ruleset.h"

#define MIN_TOTAL 5000
#define MAX_ITEMS 4
#define SOURCE "invariants"
#ifndef AA_IAC
#error "AA_IAC names the folder of the rules' code fixtures"
#endif

/* One value of a parameter: absent, a scalar (item[0], in JSON spelling
 * for booleans and integers) or an array of n strings. */
struct value {
    unsigned char present;
    unsigned char n;
    const char *item[MAX_ITEMS];
};

struct param {
    int row;
    int pinned;         /* always present with vals[0]; never shrunk */
    size_t nvals;       /* vals[0] is "absent" unless pinned */
    struct value *vals; /* items borrowed from the contract or 'text' */
    char **text;        /* owned copies of special values */
    size_t ntext;
};

/*
 * Values chosen by pointer.  For a string or a string array they replace
 * the type's default; an enum array always has [] and each value alone,
 * and these add combinations.  Array items are separated by '|', and ""
 * is the empty array.  A special with no values keeps the field absent.
 */
static const struct special {
    const char *ptr;
    int pinned;
    const char *vals[12];
} specials[] = {
    {"/version", 1, {"1"}},
    /* Rules test the shape of these two strings (digits, 8-4-4-4-12). */
    {"/partner/partner_id", 0, {"1234567", "12ab", ""}},
    {"/solution/deployment/cua/guid",
     0,
     {"6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55",
      "00000000-0000-0000-0000-000000000000", "not-a-guid",
      "pid-contoso-webapp-partnercenter"}},
    /* Role names as roles.yaml knows them, miscased, custom, unknown and
     * named after the classic administrator roles (PAL-F14). */
    {"/engagement/access/roles",
     0,
     {"", "Contributor", "Reader", "Reader|Storage Account Contributor",
      "Owner", "custom:Ops", "contributor", "Some Future Role",
      "Billing Reader|Cost Management Reader", "Co-Administrator",
      "service administrator|Reader"}},
    {"/partner/designations",
     0,
     {"", "certified_software_azure", "azure_industry_ai", "other"}},
    {"/solution/deployment/resource_types",
     0,
     {"", "Microsoft.Web/sites", "Microsoft.ContainerService/managedClusters"}},
    /* Several workloads make one view each in the engine. */
    {"/customer/workloads",
     0,
     {"azure|modern_work", "azure|power_platform", "modern_work|dynamics_365"}},
    /* Deployment code from the rules' own fixtures (absolute paths, so the
     * scenario's folder does not matter): attributed, not attributed, at
     * risk, a pid in a form that never counts, and an attributed file
     * beside a broken one.  Code findings are held to the invariants too:
     * CUA is never recommended beside an error in its own code. */
    {"/solution/artifacts",
     0,
     {AA_IAC "/bicep", AA_IAC "/arm-none", AA_IAC "/arm-linked",
      AA_IAC "/review-tf-azapi-prefixed", AA_IAC "/terraform-bad",
      AA_IAC "/bicep|" AA_IAC "/review-script-noprefix",
      AA_IAC "/terraform-env"}},
};

/* xorshift64: the same draws on every platform, unlike rand(). */
static uint64_t
rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static size_t
rng_below(uint64_t *s, size_t n)
{
    return (size_t)((rng_next(s) >> 11) % n);
}

/* ---- the parameter space --------------------------------------------- */

static const struct special *
find_special(const char *ptr)
{
    for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
        if (strcmp(specials[i].ptr, ptr) == 0)
            return &specials[i];
    return NULL;
}

static int
value_equal(const struct value *a, const struct value *b)
{
    if (a->present != b->present || a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->item[i], b->item[i]) != 0)
            return 0;
    return 1;
}

static void
add_value(struct param *p, const struct value *v)
{
    for (size_t i = 0; i < p->nvals; i++)
        if (value_equal(&p->vals[i], v))
            return;
    p->vals = aa_xrealloc(p->vals, p->nvals + 1, sizeof(*p->vals));
    p->vals[p->nvals++] = *v;
}

static void
add_items(struct param *p, const char *a, const char *b)
{
    struct value v = {1, 0, {NULL}};

    if (a != NULL)
        v.item[v.n++] = a;
    if (b != NULL)
        v.item[v.n++] = b;
    add_value(p, &v);
}

/* A special value: a scalar as is, an array split at '|'. */
static void
add_special(struct param *p, const char *text)
{
    int array = aa_fields[p->row].type == AA_T_STRING_ARRAY ||
                aa_fields[p->row].type == AA_T_ENUM_ARRAY;
    struct value v = {1, 0, {NULL}};
    char *copy = aa_xstrdup(text), *s = copy, *bar;

    p->text = aa_xrealloc(p->text, p->ntext + 1, sizeof(*p->text));
    p->text[p->ntext++] = copy;
    if (!array) {
        v.n = 1;
        v.item[0] = copy;
    } else if (*s != '\0') {
        for (;;) {
            if (v.n == MAX_ITEMS)
                break;
            v.item[v.n++] = s;
            if ((bar = strchr(s, '|')) == NULL)
                break;
            *bar = '\0';
            s = bar + 1;
        }
    }
    add_value(p, &v);
}

/* The type's own domain, before specials. */
static void
add_defaults(struct param *p, const struct special *sp)
{
    const struct aa_field *f = &aa_fields[p->row];
    int n = aa_contract_enum_count(p->row);

    switch (f->type) {
    case AA_T_BOOL:
        add_special(p, "true");
        add_special(p, "false");
        break;
    case AA_T_INT:
        add_special(p, "0");
        add_special(p, "1");
        break;
    case AA_T_ENUM:
        for (int i = 0; i < n; i++)
            add_items(p, f->values[i], NULL);
        break;
    case AA_T_ENUM_ARRAY:
        add_items(p, NULL, NULL);
        for (int i = 0; i < n; i++)
            add_items(p, f->values[i], NULL);
        /* Specials name the pairs that matter; else the ends of the list. */
        if (sp == NULL && n >= 2)
            add_items(p, f->values[0], f->values[1]);
        if (sp == NULL && n >= 3)
            add_items(p, f->values[n - 2], f->values[n - 1]);
        break;
    case AA_T_STRING:
        if (sp == NULL)
            add_special(p, "example");
        break;
    case AA_T_STRING_ARRAY:
        if (sp == NULL) {
            add_items(p, NULL, NULL);
            add_items(p, "example", NULL);
        }
        break;
    case AA_T_OBJECT:
        break;
    }
}

static void
clear_params(struct param *ps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < ps[i].ntext; k++)
            free(ps[i].text[k]);
        free(ps[i].text);
        free(ps[i].vals);
    }
}

/* One parameter per writable field with more than one value.  Returns the
 * count, or -1 when a special names no field of the contract. */
static int
build_params(struct param **out)
{
    struct param *ps = aa_xcalloc(aa_field_count, sizeof(*ps));
    size_t n = 0;

    for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
        int row = aa_contract_find(specials[i].ptr);

        if (row < 0 || aa_fields[row].derived ||
            aa_fields[row].type == AA_T_OBJECT) {
            fprintf(stderr, "invariants: %s is no writable field\n",
                    specials[i].ptr);
            free(ps);
            return -1;
        }
    }
    for (size_t row = 1; row < aa_field_count; row++) {
        const struct aa_field *f = &aa_fields[row];
        const struct special *sp = find_special(f->ptr);
        struct param *p = &ps[n];
        struct value absent = {0, 0, {NULL}};

        if (f->type == AA_T_OBJECT || f->derived)
            continue;
        p->row = (int)row;
        p->pinned = sp != NULL && sp->pinned;
        if (!p->pinned) {
            add_value(p, &absent);
            add_defaults(p, sp);
        }
        for (size_t k = 0; sp != NULL && sp->vals[k] != NULL; k++)
            add_special(p, sp->vals[k]);
        /* A field that is always absent is no parameter. */
        if (p->nvals > 1 || p->pinned) {
            n++;
        } else {
            clear_params(p, 1);
            memset(p, 0, sizeof(*p));
        }
    }
    *out = ps;
    return (int)n;
}

/* ---- the pairwise covering set --------------------------------------- */

/*
 * IPOG (Lei and Tai): cover the first two parameters exhaustively, then
 * add one parameter at a time, first extending every test with the value
 * that covers most new pairs, then adding or completing tests for the pairs
 * still uncovered.  Cells are -1 while they do not matter, so later
 * parameters can use them; the ones left at the end are drawn at random.
 * Columns are the parameters by falling domain size, as IPOG advises.
 */
struct suite {
    size_t ncols, ntests, cap;
    int *cell; /* ntests x ncols, in column order */
};

static int *
suite_add(struct suite *s)
{
    int *t;

    if (s->ntests == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->cell = aa_xrealloc(s->cell, s->cap * s->ncols + 1, sizeof(*s->cell));
    }
    t = &s->cell[s->ntests++ * s->ncols];
    for (size_t c = 0; c < s->ncols; c++)
        t[c] = -1;
    return t;
}

/* Mark the pairs test t covers between column c and those before it. */
static void
mark_pairs(unsigned char *covered, const size_t *off, const size_t *dom,
           const int *t, size_t c)
{
    if (t[c] < 0)
        return;
    for (size_t j = 0; j < c; j++)
        if (t[j] >= 0)
            covered[(off[j] + (size_t)t[j]) * dom[c] + (size_t)t[c]] = 1;
}

static void
grow_column(struct suite *s, const size_t *dom, size_t c)
{
    size_t *off = aa_xcalloc(c + 1, sizeof(*off));
    size_t *gain = aa_xcalloc(dom[c], sizeof(*gain));
    unsigned char *covered;

    for (size_t j = 0; j < c; j++)
        off[j + 1] = off[j] + dom[j];
    covered = aa_xcalloc(off[c] * dom[c], 1);
    /* Horizontal: the value with most new pairs, or none when none. */
    for (size_t ti = 0; ti < s->ntests; ti++) {
        int *t = &s->cell[ti * s->ncols];
        size_t best = 0;

        memset(gain, 0, dom[c] * sizeof(*gain));
        for (size_t j = 0; j < c; j++) {
            const unsigned char *row;

            if (t[j] < 0)
                continue;
            row = &covered[(off[j] + (size_t)t[j]) * dom[c]];
            for (size_t v = 0; v < dom[c]; v++)
                gain[v] += !row[v];
        }
        for (size_t v = 1; v < dom[c]; v++)
            if (gain[v] > gain[best])
                best = v;
        if (gain[best] > 0) {
            t[c] = (int)best;
            mark_pairs(covered, off, dom, t, c);
        }
    }
    /* Vertical: complete a test whose cells allow the pair, or add one. */
    for (size_t j = 0; j < c; j++)
        for (size_t a = 0; a < dom[j]; a++)
            for (size_t b = 0; b < dom[c]; b++) {
                int *t = NULL;

                if (covered[(off[j] + a) * dom[c] + b])
                    continue;
                for (size_t ti = 0; ti < s->ntests && t == NULL; ti++) {
                    int *u = &s->cell[ti * s->ncols];

                    if ((u[j] < 0 || u[j] == (int)a) &&
                        (u[c] < 0 || u[c] == (int)b))
                        t = u;
                }
                if (t == NULL)
                    t = suite_add(s);
                t[j] = (int)a;
                t[c] = (int)b;
                mark_pairs(covered, off, dom, t, c);
            }
    free(covered);
    free(gain);
    free(off);
}

/* Every pair of values of every two columns in some test?  A check of the
 * construction, which is easy to get subtly wrong. */
static int
suite_covers(const struct suite *s, const size_t *dom)
{
    for (size_t i = 0; i < s->ncols; i++)
        for (size_t j = i + 1; j < s->ncols; j++) {
            unsigned char *seen = aa_xcalloc(dom[i] * dom[j], 1);
            size_t n = 0;

            for (size_t ti = 0; ti < s->ntests; ti++) {
                const int *t = &s->cell[ti * s->ncols];
                size_t k = (size_t)t[i] * dom[j] + (size_t)t[j];

                n += !seen[k];
                seen[k] = 1;
            }
            free(seen);
            if (n != dom[i] * dom[j])
                return 0;
        }
    return 1;
}

/* The covering set as value indices per parameter (ntests x np). */
static int *
make_pairwise(const struct param *ps, size_t np, uint64_t *rng, size_t *ntests)
{
    struct suite s = {np, 0, 0, NULL};
    size_t *ord = aa_xcalloc(np + 1, sizeof(*ord));
    size_t *dom = aa_xcalloc(np + 1, sizeof(*dom));
    int *out = NULL;

    for (size_t i = 0; i < np; i++)
        ord[i] = i;
    /* Insertion sort: stable, so the order is the same everywhere. */
    for (size_t i = 1; i < np; i++)
        for (size_t k = i; k > 0 && ps[ord[k]].nvals > ps[ord[k - 1]].nvals;
             k--) {
            size_t tmp = ord[k];

            ord[k] = ord[k - 1];
            ord[k - 1] = tmp;
        }
    for (size_t c = 0; c < np; c++)
        dom[c] = ps[ord[c]].nvals;
    if (np == 0) {
        suite_add(&s);
    } else if (np == 1) {
        for (size_t a = 0; a < dom[0]; a++)
            suite_add(&s)[0] = (int)a;
    } else {
        for (size_t a = 0; a < dom[0]; a++)
            for (size_t b = 0; b < dom[1]; b++) {
                int *t = suite_add(&s);

                t[0] = (int)a;
                t[1] = (int)b;
            }
        for (size_t c = 2; c < np; c++)
            grow_column(&s, dom, c);
    }
    for (size_t k = 0; k < s.ntests * np; k++)
        if (s.cell[k] < 0)
            s.cell[k] = (int)rng_below(rng, dom[k % np]);
    if (!suite_covers(&s, dom)) {
        fprintf(stderr, "invariants: the covering set misses a pair\n");
        goto out;
    }
    out = aa_xcalloc(s.ntests * np + 1, sizeof(*out));
    for (size_t ti = 0; ti < s.ntests; ti++)
        for (size_t c = 0; c < np; c++)
            out[ti * np + ord[c]] = s.cell[ti * np + c];
    *ntests = s.ntests;
out:
    free(s.cell);
    free(dom);
    free(ord);
    return out;
}

/* ---- scenarios as JSON ----------------------------------------------- */

struct buf {
    char *p;
    size_t n, cap;
};

static void
buf_putn(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap)
            b->cap = b->cap ? 2 * b->cap : 4096;
        b->p = aa_xrealloc(b->p, b->cap, 1);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
    buf_putn(b, s, strlen(s));
}

static void
put_string(struct buf *b, const char *s)
{
    buf_puts(b, "\"");
    for (; *s != '\0'; s++) {
        char esc[8];

        if (*s == '"' || *s == '\\') {
            esc[0] = '\\';
            esc[1] = *s;
            buf_putn(b, esc, 2);
        } else if ((unsigned char)*s < 0x20) {
            snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)*s);
            buf_puts(b, esc);
        } else {
            buf_putn(b, s, 1);
        }
    }
    buf_puts(b, "\"");
}

static void
put_value(struct buf *b, enum aa_ftype type, const struct value *v)
{
    switch (type) {
    case AA_T_BOOL:
    case AA_T_INT:
        buf_puts(b, v->item[0]);
        break;
    case AA_T_STRING_ARRAY:
    case AA_T_ENUM_ARRAY:
        buf_puts(b, "[");
        for (size_t i = 0; i < v->n; i++) {
            if (i > 0)
                buf_puts(b, ",");
            put_string(b, v->item[i]);
        }
        buf_puts(b, "]");
        break;
    default:
        put_string(b, v->item[0]);
        break;
    }
}

struct gen {
    struct param *ps;
    size_t np;
    int *param_of;       /* row -> parameter, or -1 */
    unsigned char *full; /* row -> has a present field (scratch) */
};

/* An object is written only when something inside it is present. */
static void
put_object(struct buf *b, const struct gen *g, const struct value *cells,
           size_t row)
{
    int first = 1;

    buf_puts(b, "{");
    for (size_t r = row + 1; r < aa_field_count; r++) {
        const struct aa_field *f = &aa_fields[r];

        if (f->parent != (int)row || !g->full[r])
            continue;
        if (!first)
            buf_puts(b, ",");
        first = 0;
        put_string(b, f->key);
        buf_puts(b, ":");
        if (f->type == AA_T_OBJECT)
            put_object(b, g, cells, r);
        else
            put_value(b, f->type, &cells[g->param_of[r]]);
    }
    buf_puts(b, "}");
}

static void
write_json(struct buf *b, const struct gen *g, const struct value *cells)
{
    memset(g->full, 0, aa_field_count);
    for (size_t i = 0; i < g->np; i++)
        if (cells[i].present)
            for (int r = g->ps[i].row; r > 0; r = aa_fields[r].parent)
                g->full[r] = 1;
    b->n = 0;
    put_object(b, g, cells, AA_FIELD_ROOT);
}

/* ---- evaluation ------------------------------------------------------- */

/* The scenario aa_eval is working on, for the abort handler: in builds
 * without NDEBUG aa_eval aborts on a broken invariant, and the scenario is
 * what a report of that engine bug needs. */
static const char *volatile current_json;

static void
on_abort(int sig)
{
    const char *j = current_json;
    static const char head[] = "invariants: aa_eval aborted on: ";

    if (j != NULL) {
        (void)!write(2, head, sizeof(head) - 1);
        (void)!write(2, j, strlen(j));
        (void)!write(2, "\n", 1);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

struct run {
    const struct aa_ruleset *rs;
    const struct aa_ruleset *img; /* the same rules from the build's image */
    struct gen g;
    struct buf json;
    int walking;  /* collect 'want' from the next report */
    size_t *want; /* absent parameters the last report asks for */
    size_t nwant;
    size_t guarded;  /* rules the guards took as false, over all scenarios */
    size_t compared; /* reports compared with the image's */
    int cua;         /* the last report's CUA: 2 ranked (recommended,
                        automatic), 1 another verdict that applies, 0 not */
    size_t grafted;  /* scenarios re-run with deployment code */
};

/* A report as JSON, and with 'explain' its explanation as text, in one
 * text (malloc). */
static char *
rendered(const struct aa_report *rep, int explain)
{
    struct aa_render_opts o;
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);

    memset(&o, 0, sizeof(o));
    if (fp == NULL || aa_render("json", rep, &o, fp) != 0 ||
        (explain && aa_render_explain("text", rep, &o, fp) != 0)) {
        perror("invariants: rendering a report");
        abort();
    }
    fclose(fp);
    return text;
}

/* Aborts, showing both, unless reports a and b render the same (with
 * 'explain', their explanations too); 'what' says how they should agree,
 * la and lb name them.  Frees b. */
static void
same_reports(const struct run *r, const struct aa_report *a,
             struct aa_report *b, int explain, const char *what, const char *la,
             const char *lb)
{
    char *ta = rendered(a, explain), *tb = rendered(b, explain);

    if (strcmp(ta, tb) != 0) {
        fprintf(stderr, "invariants: %s\n%s\n--- %s:\n%s\n--- %s:\n%s\n", what,
                r->json.p, la, ta, lb, tb);
        abort();
    }
    free(ta);
    free(tb);
    aa_report_free(b);
}

/* The rules the program starts with (aa_ruleset_builtin, an image the
 * build compiled) give every scenario the report that the same rules
 * loaded and compiled from their trees give, and every 25th the same
 * explanation (which takes a hundred times as long to write). */
static void
same_as_image(struct run *r, const struct aa_scenario *sc,
              const struct aa_report *rep)
{
    int explain = r->compared++ % 25 == 0;

    same_reports(r, rep, aa_eval_explain(r->img, sc, NULL), explain,
                 "the built-in image's report differs from the compiled "
                 "rules'",
                 "compiled", "image");
}

/* aa_eval leaves out the rules that could not change a view's advice
 * (eval.c, tally_rules); an explanation evaluates every rule.  Their
 * reports are the same: verdicts, ranks, reasons, actions, missing
 * fields, findings. */
static void
same_settled(const struct run *r, const struct aa_scenario *sc,
             const struct aa_report *rep)
{
    same_reports(r, rep, aa_eval(r->rs, sc), 0,
                 "the report of aa_eval differs from the one that "
                 "evaluates every rule",
                 "every rule", "aa_eval");
}

/* The absent parameters that some verdict of the report names as missing:
 * where a walk goes next. */
static void
collect_missing(struct run *r, const struct value *cells,
                const struct aa_report *rep)
{
    r->nwant = 0;
    for (size_t m = 0; m < AA_NMECH; m++)
        for (size_t v = 0; v <= rep->mech[m].nper; v++) {
            const struct aa_advice *a =
                v == 0 ? &rep->mech[m] : &rep->mech[m].per[v - 1];

            for (size_t k = 0; k < a->nmissing; k++) {
                int row = aa_contract_find(a->missing[k].pointer);
                int p = row < 0 ? -1 : r->g.param_of[row];
                size_t i = 0;

                if (p < 0 || cells[p].present || r->g.ps[p].pinned)
                    continue;
                while (i < r->nwant && r->want[i] != (size_t)p)
                    i++;
                if (i == r->nwant)
                    r->want[r->nwant++] = (size_t)p;
            }
        }
}

/*
 * The worst bug: a plan that tries a mechanism (one is blocked) while
 * none records anything, with no error to fail the run.  The built-in
 * rules' gen.nothing-recorded owes an error there, except for a
 * marketplace virtual machine offer with a listing that the partner
 * builds, whose usage is tracked without any of the seven (CUA-F16).
 */
static int
earns_nothing_silently(const struct aa_scenario *sc,
                       const struct aa_report *rep)
{
    const struct aa_val *type =
        &sc->vals[aa_contract_find("/solution/marketplace/offer_type")];
    const struct aa_val *listing =
        &sc->vals[aa_contract_find("/solution/marketplace/listing")];
    const struct aa_val *acts =
        &sc->vals[aa_contract_find("/engagement/activities")];
    int earns = 0, tries = 0, builds = 0;

    for (size_t k = 0; acts->present && k < acts->nitems; k++)
        builds |= strcmp(acts->items[k].s, "build_ip") == 0;
    if (type->present && strcmp(type->s, "virtual_machine") == 0 &&
        listing->present && strcmp(listing->s, "none") != 0 &&
        strcmp(listing->s, "contact_me") != 0 && builds)
        return 0;
    for (int m = 0; m < AA_NMECH; m++) {
        earns |= rep->mech[m].verdict != AA_V_BLOCKED &&
                 rep->mech[m].verdict != AA_V_NOT_APPLICABLE;
        tries |= rep->mech[m].verdict == AA_V_BLOCKED;
    }
    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].severity >= AA_SEV_ERROR)
            return 0;
    return tries && !earns;
}

/*
 * A mechanism the report tells the partner to count on (recommended or
 * automatic, in any workload's answer) never gives as a reason a rule
 * resting on a soft fact: such a rule fits below 50 (docs/rules.md,
 * "Coherence") and says not to count on what it doubts, so another rule
 * must not lift its mechanism to recommended beside it (Azure DPOR on MCA,
 * DPOR-F09).  The first such reason, or NULL.
 */
static const char *
counts_on_doubt(const struct aa_ruleset *rs, const struct aa_report *rep,
                int *mech, enum aa_verdict *verdict)
{
    for (int m = 0; m < AA_NMECH; m++)
        for (size_t v = 0; v < (rep->nviews > 1 ? rep->nviews : 1); v++) {
            const struct aa_advice *a =
                rep->nviews > 1 ? &rep->mech[m].per[v] : &rep->mech[m];

            if (a->verdict != AA_V_RECOMMENDED && a->verdict != AA_V_AUTOMATIC)
                continue;
            for (size_t k = 0; k < a->nreasons; k++)
                for (size_t i = 0; i < a->reasons[k].nfacts; i++) {
                    const struct aa_fact *f =
                        aa_ruleset_find_fact(rs, a->reasons[k].facts[i]);

                    if (f != NULL && strstr(f->status, "soft") != NULL) {
                        *mech = m;
                        *verdict = a->verdict;
                        return a->reasons[k].rule;
                    }
                }
        }
    return NULL;
}

/*
 * Load and evaluate a scenario.  Returns the number of violations, with
 * their lines (without "attrib-advise: SOURCE: ") in *lines, a heap string
 * the caller frees, when there are any; or -1 when the loader refuses the
 * scenario, which is a bug of this generator.
 */
static int
run_one(struct run *r, const struct value *cells, char **lines)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_scenario *sc = NULL;
    struct aa_report *rep = NULL;
    FILE *fp = NULL;
    char *text = NULL;
    const char *unsound, *doubt;
    size_t len = 0;
    int n = -1, nothing, dm = 0;
    enum aa_verdict dv = AA_V_NEEDS_INFO;

    *lines = NULL;
    write_json(&r->json, &r->g, cells);
    sc = aa_scenario_parse(SOURCE, r->json.p, r->json.n, dl);
    /* Any diagnostic, even an unknown-key warning, means the generator
     * wrote what the contract does not have (or named code it cannot
     * read). */
    if (sc != NULL)
        (void)!aa_scenario_scan_artifacts(sc, dl); /* errors in dl */
    if (sc == NULL || aa_diags_count(dl) > 0) {
        fprintf(stderr, "invariants: generated scenario does not load:\n%s\n",
                r->json.p);
        aa_diags_print(dl, stderr);
        goto out;
    }
    current_json = r->json.p;
    rep = aa_eval_explain(r->rs, sc, NULL);
    current_json = NULL;
    /* The verdict-only evaluator that why-not searches with gives the
     * verdicts of the whole evaluation. */
    for (int m = 0; m < AA_NMECH; m++)
        if (aa_eval_verdict(r->rs, sc, m) != rep->mech[m].verdict) {
            fprintf(
                stderr,
                "invariants: %s: aa_eval_verdict gives %s, aa_eval %s\n%s\n",
                rep->mech[m].mech,
                aa_verdict_name(aa_eval_verdict(r->rs, sc, m)),
                aa_verdict_name(rep->mech[m].verdict), r->json.p);
            abort();
        }
    /* The guards the evaluator decides most rules by never contradict the
     * conditions they stand for. */
    if ((unsound = aa_eval_guard_unsound(r->rs, sc, &r->guarded)) != NULL) {
        fprintf(stderr,
                "invariants: %s: its guards take it as false, its "
                "condition does not\n%s\n",
                unsound, r->json.p);
        abort();
    }
    same_as_image(r, sc, rep);
    same_settled(r, sc, rep);
    r->cua = rep->mech[AA_MECH_CUA].verdict == AA_V_RECOMMENDED ||
                     rep->mech[AA_MECH_CUA].verdict == AA_V_AUTOMATIC
                 ? 2
                 : rep->mech[AA_MECH_CUA].verdict != AA_V_NOT_APPLICABLE;
    if (r->walking)
        collect_missing(r, cells, rep);
    nothing = earns_nothing_silently(sc, rep);
    doubt = counts_on_doubt(r->rs, rep, &dm, &dv);
    n = aa_report_check(r->rs, rep, AA_CHECK_COMPLETE, NULL) + nothing +
        (doubt != NULL);
    if (n == 0)
        goto out;
    if ((fp = open_memstream(&text, &len)) == NULL) {
        perror("invariants: open_memstream");
        n = -1;
        goto out;
    }
    (void)aa_report_check(r->rs, rep, AA_CHECK_COMPLETE, fp);
    if (nothing)
        fprintf(fp,
                "attrib-advise: " SOURCE ": invariant: plan: blocked or not "
                "applicable everywhere, and no error\n");
    if (doubt != NULL)
        fprintf(fp,
                "attrib-advise: " SOURCE ": invariant: %s: %s, with the "
                "reason of %s, which rests on a soft fact\n",
                rep->mech[dm].mech, aa_verdict_name(dv), doubt);
    fclose(fp);
    *lines = text;
out:
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_diags_free(dl);
    return n;
}

/* A violation line without its prefix, the part that names the source. */
static const char *
line_key(const char *line)
{
    static const char prefix[] = "attrib-advise: " SOURCE ": ";

    return strncmp(line, prefix, sizeof(prefix) - 1) == 0
               ? line + sizeof(prefix) - 1
               : line;
}

/* Does the scenario still break the invariant 'key'?  -1: load failure. */
static int
still_fails(struct run *r, const struct value *cells, const char *key)
{
    char *lines = NULL, *save = NULL;
    int n = run_one(r, cells, &lines), hit = 0;

    if (n <= 0)
        return n;
    for (char *l = strtok_r(lines, "\n", &save); l != NULL && !hit;
         l = strtok_r(NULL, "\n", &save))
        hit = strcmp(line_key(l), key) == 0;
    free(lines);
    return hit;
}

/* Drop fields and array items while 'key' still fails, to a fixed point.
 * Returns 0, or -1 on a load failure. */
static int
shrink(struct run *r, struct value *cells, const char *key)
{
    int changed = 1, rc;

    while (changed) {
        changed = 0;
        for (size_t i = 0; i < r->g.np; i++) {
            struct value keep = cells[i];

            if (r->g.ps[i].pinned || !cells[i].present)
                continue;
            cells[i].present = 0;
            if ((rc = still_fails(r, cells, key)) < 0)
                return -1;
            if (rc) {
                changed = 1;
                continue;
            }
            cells[i] = keep;
            for (size_t k = 0; k < cells[i].n;) {
                struct value v = cells[i];

                for (size_t m = k; m + 1 < v.n; m++)
                    cells[i].item[m] = v.item[m + 1];
                cells[i].n--;
                if ((rc = still_fails(r, cells, key)) < 0)
                    return -1;
                if (rc) {
                    changed = 1;
                } else {
                    cells[i] = v;
                    k++;
                }
            }
        }
    }
    return 0;
}

static size_t
scenario_size(const struct run *r, const struct value *cells)
{
    size_t n = 0;

    for (size_t i = 0; i < r->g.np; i++)
        if (cells[i].present && !r->g.ps[i].pinned)
            n += 1u + cells[i].n;
    return n;
}

/* One distinct violation, with the smallest scenario found for it. */
struct group {
    char *key;
    size_t count;
    size_t last; /* the scenario that counted last, plus one */
    unsigned tries;
    size_t size;
    char *json;
};

struct groups {
    struct group *v;
    size_t n;
};

static struct group *
group_find(struct groups *gs, const char *key)
{
    for (size_t i = 0; i < gs->n; i++)
        if (strcmp(gs->v[i].key, key) == 0)
            return &gs->v[i];
    gs->v = aa_xrealloc(gs->v, gs->n + 1, sizeof(*gs->v));
    memset(&gs->v[gs->n], 0, sizeof(gs->v[0]));
    gs->v[gs->n].key = aa_xstrdup(key);
    return &gs->v[gs->n++];
}

/*
 * Count each distinct violation of a failing scenario, and shrink it for
 * the violations that have been shrunk fewer than 'tries' times (shrinking
 * costs a hundred evaluations; a few starting points find the small
 * scenarios).  Returns 0, or -1 on a load failure.
 */
static int
record(struct run *r, struct groups *gs, size_t scenario,
       const struct value *cells, char *lines, unsigned tries)
{
    struct value *work = aa_xcalloc(r->g.np + 1, sizeof(*work));
    char *save = NULL;
    int rc = 0;

    for (char *l = strtok_r(lines, "\n", &save); l != NULL;
         l = strtok_r(NULL, "\n", &save)) {
        struct group *g = group_find(gs, line_key(l));
        size_t size;

        if (g->last == scenario + 1)
            continue;
        g->last = scenario + 1;
        g->count++;
        if (g->tries >= tries)
            continue;
        g->tries++;
        memcpy(work, cells, r->g.np * sizeof(*work));
        if ((rc = shrink(r, work, g->key)) < 0)
            break;
        write_json(&r->json, &r->g, work);
        size = scenario_size(r, work);
        if (g->json == NULL || size < g->size ||
            (size == g->size && strlen(r->json.p) < strlen(g->json))) {
            free(g->json);
            g->json = aa_xstrdup(r->json.p);
            g->size = size;
        }
    }
    free(work);
    return rc;
}

static int
by_key(const void *a, const void *b)
{
    return strcmp(((const struct group *)a)->key,
                  ((const struct group *)b)->key);
}

/* Each violation once: its count, its smallest scenario on one line, and
 * every violation of that scenario as aa_report_check words it. */
static void
print_groups(const struct aa_ruleset *rs, struct groups *gs)
{
    if (gs->n > 1)
        qsort(gs->v, gs->n, sizeof(*gs->v), by_key);
    for (size_t i = 0; i < gs->n; i++) {
        const struct group *g = &gs->v[i];
        struct aa_diags *dl = aa_diags_new();
        struct aa_scenario *sc;

        fprintf(stderr, "\n%s\n  hit by %zu scenario%s; smallest:\n%s\n",
                g->key, g->count, g->count == 1 ? "" : "s", g->json);
        sc = aa_scenario_parse(SOURCE, g->json, strlen(g->json), dl);
        if (sc != NULL) {
            struct aa_report *rep = aa_eval(rs, sc);

            (void)aa_report_check(rs, rep, AA_CHECK_COMPLETE, stderr);
            aa_report_free(rep);
        }
        aa_scenario_free(sc);
        aa_diags_free(dl);
    }
}

static void
free_groups(struct groups *gs)
{
    for (size_t i = 0; i < gs->n; i++) {
        free(gs->v[i].key);
        free(gs->v[i].json);
    }
    free(gs->v);
}

/*
 * A random scenario.  Its density is drawn first, from an eighth of the
 * fields to all of them: the covering set fills most fields of every
 * scenario, and a sparse plan is where a verdict can be left without any
 * rule that speaks to it.
 */
static void
draw_scenario(const struct gen *g, uint64_t *rng, struct value *cells)
{
    size_t density = 1 + rng_below(rng, 8);

    for (size_t i = 0; i < g->np; i++) {
        const struct param *p = &g->ps[i];

        if (p->pinned)
            cells[i] = p->vals[0];
        else if (rng_below(rng, 8) >= density)
            cells[i] = p->vals[0];
        else
            cells[i] = p->vals[1 + rng_below(rng, p->nvals - 1)];
    }
}

/*
 * The cells of scenario t: the covering set first, then random walks.  A
 * walk starts with an independent draw and then fills, one step at a
 * time, a field that the last report names as missing, until no verdict
 * misses anything.  Independent draws seldom leave every rule of a
 * mechanism decided and silent; walks go there on purpose.
 */
static void
next_scenario(const struct run *r, const int *pairwise, size_t npairwise,
              size_t t, uint64_t *rng, struct value *cells)
{
    const struct param *p;

    if (t < npairwise) {
        for (size_t i = 0; i < r->g.np; i++)
            cells[i] = r->g.ps[i].vals[pairwise[t * r->g.np + i]];
    } else if (t == npairwise || r->nwant == 0) {
        draw_scenario(&r->g, rng, cells);
    } else {
        p = &r->g.ps[r->want[rng_below(rng, r->nwant)]];
        cells[p - r->g.ps] = p->vals[1 + rng_below(rng, p->nvals - 1)];
    }
}

/*
 * Plans written by hand (examples, golden cases) reach the verdicts that
 * random ones seldom do, a recommended CUA above all.  Each is run once
 * with each deployment-code value of /solution/artifacts, as --set would
 * give it, and must keep the invariants (without AA_CHECK_COMPLETE: a
 * hand-written plan may leave a mechanism without reasons).  A file that
 * does not load is skipped: some cases are bad input on purpose.
 * Returns the number of plans that loaded; adds to *failing and *ranked
 * (runs where CUA was ranked beside code).
 */
static size_t
run_plans(struct run *r, int art, char **paths, int n, size_t *failing,
          size_t *ranked)
{
    size_t loaded = 0;

    for (int i = 0; i < n; i++)
        for (size_t k = 1; art >= 0 && k < r->g.ps[art].nvals; k++) {
            const struct value *v = &r->g.ps[art].vals[k];
            struct aa_diags *dl = aa_diags_new();
            struct aa_override *ov = aa_override_new();
            struct aa_scenario *sc = aa_scenario_load_file(paths[i], dl);
            struct aa_report *rep = NULL;
            char spec[4096];
            size_t len = (size_t)snprintf(spec, sizeof(spec), "%s",
                                          "/solution/artifacts=");
            char *why;

            for (size_t j = 0; j < v->n && len < sizeof(spec); j++)
                len += (size_t)snprintf(spec + len, sizeof(spec) - len, "%s%s",
                                        j > 0 ? "," : "", v->item[j]);
            if ((why = aa_override_add(ov, spec)) != NULL) {
                fprintf(stderr, "invariants: %s\n", why);
                free(why);
                abort();
            }
            if (sc != NULL) {
                loaded += k == 1;
                aa_override_apply(ov, sc);
                if (aa_scenario_scan_artifacts(sc, dl) != 0) {
                    aa_diags_print(dl, stderr);
                    abort();
                }
                rep = aa_eval_explain(r->rs, sc, NULL);
                *ranked += rep->mech[AA_MECH_CUA].verdict == AA_V_RECOMMENDED ||
                           rep->mech[AA_MECH_CUA].verdict == AA_V_AUTOMATIC;
                if (aa_report_check(r->rs, rep, 0, NULL) > 0) {
                    fprintf(stderr, "invariants: %s with %s:\n", paths[i],
                            spec);
                    (void)aa_report_check(r->rs, rep, 0, stderr);
                    (*failing)++;
                }
            }
            aa_report_free(rep);
            aa_scenario_free(sc);
            aa_override_free(ov);
            aa_diags_free(dl);
        }
    return loaded;
}

static int
usage(void)
{
    fprintf(stderr,
            "usage: invariants [--random N] [--seed S] [--shrink K] "
            "[PLAN...]\n"
            "  --random N  random scenarios after the covering set\n"
            "              (default: enough for %d in all)\n"
            "  --seed S    xorshift seed, not 0\n"
            "  --shrink K  scenarios shrunk per violation (3)\n"
            "  PLAN        a plan file, run with each code fixture\n",
            MIN_TOTAL);
    return 2;
}

int
main(int argc, char **argv)
{
    struct aa_diags *dl = aa_diags_new();
    struct run r;
    struct aa_ruleset *rs = aa_ruleset_new(), *img = NULL;
    struct groups gs = {NULL, 0};
    struct value *cells = NULL;
    int *pairwise = NULL, np, art, i = 1, rc = 1;
    long nrandom = -1;
    unsigned tries = 3;
    uint64_t seed = 0x9e3779b97f4a7c15u, rng;
    size_t npairwise = 0, total, failing = 0, violations = 0, nplans,
           ranked = 0;

    memset(&r, 0, sizeof(r));
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        char *end = NULL;
        unsigned long long v = 0;

        if (i + 1 < argc)
            v = strtoull(argv[i + 1], &end, 0);
        if (end == NULL || *end != '\0' || end == argv[i + 1]) {
            rc = usage();
            goto out;
        }
        if (strcmp(argv[i], "--random") == 0 && v <= 10000000)
            nrandom = (long)v;
        else if (strcmp(argv[i], "--seed") == 0 && v != 0)
            seed = v;
        else if (strcmp(argv[i], "--shrink") == 0 && v <= 1000)
            tries = (unsigned)v;
        else {
            rc = usage();
            goto out;
        }
    }
    rng = seed;
    signal(SIGABRT, on_abort);
    if (aa_rules_load_builtin(rs, dl) != 0 || aa_ruleset_compile(rs, dl) != 0) {
        aa_diags_print(dl, stderr);
        goto out;
    }
    if ((img = aa_ruleset_builtin(dl)) == NULL) {
        aa_diags_print(dl, stderr);
        goto out;
    }
    r.rs = rs;
    r.img = img;
    if ((np = build_params(&r.g.ps)) < 0)
        goto out;
    r.g.np = (size_t)np;
    r.g.param_of = aa_xcalloc(aa_field_count, sizeof(*r.g.param_of));
    r.g.full = aa_xcalloc(aa_field_count, 1);
    for (size_t row = 0; row < aa_field_count; row++)
        r.g.param_of[row] = -1;
    for (size_t p = 0; p < r.g.np; p++)
        r.g.param_of[r.g.ps[p].row] = (int)p;
    art = r.g.param_of[aa_contract_find("/solution/artifacts")];
    if ((pairwise = make_pairwise(r.g.ps, r.g.np, &rng, &npairwise)) == NULL)
        goto out;
    if (nrandom < 0)
        nrandom = npairwise < MIN_TOTAL ? (long)(MIN_TOTAL - npairwise) : 0;
    total = npairwise + (size_t)nrandom;
    cells = aa_xcalloc(r.g.np + 1, sizeof(*cells));
    r.want = aa_xcalloc(r.g.np + 1, sizeof(*r.want));
    for (size_t t = 0; t < total; t++) {
        char *lines = NULL;
        int n, cua;

        next_scenario(&r, pairwise, npairwise, t, &rng, cells);
        /* Shrinking evaluates too: only this report steers the walk. */
        r.walking = t >= npairwise;
        n = run_one(&r, cells, &lines);
        cua = r.cua; /* before shrinking runs others */
        r.walking = 0;
        if (n < 0)
            goto out;
        if (n > 0) {
            failing++;
            violations += (size_t)n;
            n = record(&r, &gs, t, cells, lines, tries);
            free(lines);
            if (n < 0)
                goto out;
        }
        /* Few random plans reach a recommended CUA, and fewer of them
         * also draw deployment code: every one that ranks CUA without
         * code is run again with each code fixture, where the code's own
         * findings must not contradict the verdict; one where CUA applies
         * otherwise, with one fixture in turn. */
        if (cua > 0 && art >= 0 && !cells[art].present)
            for (size_t k = cua == 2 ? 1 : 1 + t % (r.g.ps[art].nvals - 1);
                 k < r.g.ps[art].nvals; k = cua == 2 ? k + 1 : SIZE_MAX) {
                cells[art] = r.g.ps[art].vals[k];
                r.grafted++;
                if ((n = run_one(&r, cells, &lines)) < 0)
                    goto out;
                if (n > 0) {
                    failing++;
                    violations += (size_t)n;
                    n = record(&r, &gs, t, cells, lines, tries);
                    free(lines);
                    if (n < 0)
                        goto out;
                }
                cells[art] = r.g.ps[art].vals[0];
            }
    }
    nplans = run_plans(&r, art, argv + i, argc - i, &failing, &ranked);
    print_groups(rs, &gs);
    if (gs.n > 0)
        fputc('\n', stderr);
    printf("invariants: %zu scenarios (%zu pairwise + %ld random), ", total,
           npairwise, nrandom);
    if (failing == 0)
        printf("0 violations\n");
    else
        printf("%zu violations (%zu distinct) in %zu scenarios\n", violations,
               gs.n, failing);
    /* Guards that never fire would leave the check of them empty. */
    printf("invariants: %zu of them again with deployment code\n", r.grafted);
    printf("invariants: %zu plans of %d with each code fixture (CUA ranked "
           "in %zu runs)\n",
           nplans, argc - i, ranked);
    printf("invariants: guards took %zu rules as false without their "
           "conditions\n",
           r.guarded);
    /* Checks that reach nothing would pass whatever the engine did. */
    rc = failing > 0 || r.guarded == 0 || r.grafted == 0 ||
         (argc > i && ranked == 0);
out:
    free_groups(&gs);
    free(cells);
    free(r.want);
    free(pairwise);
    free(r.json.p);
    free(r.g.full);
    free(r.g.param_of);
    if (r.g.ps != NULL)
        clear_params(r.g.ps, r.g.np);
    free(r.g.ps);
    aa_ruleset_free(rs);
    aa_ruleset_free(img);
    aa_diags_free(dl);
    return rc;
}
