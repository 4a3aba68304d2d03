/*
 * whynot.c -- 'attrib-advise why-not MECHANISM PLAN': what would have to
 * change in the plan for a mechanism to be recommended.
 *
 * The search runs the evaluator itself on changed copies of the plan, so
 * a fix it reports is one the advice would give, never a guess about the
 * rules.  Its space is small and fixed by the rules: the fields that the
 * mechanism's rules read (derived fields aside, a workload's own agreement
 * added where they read the customer's), each over the values its
 * type allows (booleans, enumerations) or that the rules compare it with
 * (free text, items of arrays).  Sets of one change are tried first, then
 * two, then three, each in contract order, and the search stops at the
 * first size where some set works: those sets are the smallest.  A budget
 * of evaluated plans bounds it; the result says whether the bound cut it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compile.h"
#include "contract.h"
#include "eval.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"

#define MAX_CHANGES 3
#define MAX_FIXES 20
#define MAX_LITS 8 /* text values tried per field */

/* One single change: field 'row' takes 'val'. */
struct cand {
    int row;
    struct aa_val val;
};

struct search {
    const struct aa_ruleset *rs;
    const struct aa_scenario *sc;
    struct aa_whynot *w;
    int m;
    struct cand *c;
    size_t nc, cap;
    /* Texts the rules compare each field (or its items) with. */
    const char *lits[AA_FIELD_LIMIT][MAX_LITS];
    size_t nlits[AA_FIELD_LIMIT];
    size_t budget;
};

/* A test of a text's form (is_guid, is_partner_id, azurerm's partner_id)
 * names no value to try: a value of that form stands for the partner's
 * own, and a fix that sets it says so (aa_change.example). */
static const char example_guid[] = "6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55";
static const char example_partner_id[] = "1234567";

static int
is_example(const char *text)
{
    return text == example_guid || text == example_partner_id;
}

static void
add_lit(struct search *s, int row, const char *text)
{
    if (row < 0 || text == NULL || s->nlits[row] == MAX_LITS)
        return;
    for (size_t i = 0; i < s->nlits[row]; i++)
        if (strcasecmp(s->lits[row][i], text) == 0)
            return;
    s->lits[row][s->nlits[row]++] = text;
}

/* The texts a condition compares field 'row' with; 'row' is the array an
 * item test is under. */
static void
collect(struct search *s, const struct aa_program *pg, unsigned ix, int row)
{
    const struct aa_node *n = &pg->nodes[ix];
    const struct aa_cond *k = pg->node_src[ix];

    if (n->field >= 0)
        row = n->field;
    switch ((enum aa_op)k->op) {
    case AA_OP_EQUALS:
    case AA_OP_NOT_EQUALS:
    case AA_OP_ONE_OF:
        for (size_t i = 0; i < k->nlits; i++)
            if (k->lits[i].kind == AA_LIT_STRING)
                add_lit(s, row, k->lits[i].s);
        break;
    case AA_OP_IS_GUID:
    case AA_OP_AZURERM_PID:
        add_lit(s, row, example_guid);
        break;
    case AA_OP_IS_PARTNER_ID:
        add_lit(s, row, example_partner_id);
        break;
    case AA_OP_IN_LIST:
    case AA_OP_PEC_ROLE:
    case AA_OP_READ_ONLY_ROLE:
    case AA_OP_PEC_INELIGIBLE_ROLE:
        /* A list's first items stand for it: one is as good as another. */
        for (size_t i = 0; i < n->nvals && i < 2; i++)
            add_lit(s, row, n->svals[i]);
        break;
    default:
        break;
    }
    if (n->op > AA_OP_NO_ITEM)
        return; /* a leaf: nvals, not kids, shares the room of nkids */
    for (unsigned i = 0; i < n->nkids; i++)
        collect(s, pg, pg->kid[n->first + i], row);
}

static void
add_cand(struct search *s, int row, struct aa_val v)
{
    if (s->nc == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->c = aa_xrealloc(s->c, s->cap, sizeof(*s->c));
    }
    v.present = 1;
    v.type = (unsigned char)aa_fields[row].type;
    v.line = v.col = 0;
    s->c[s->nc].row = row;
    s->c[s->nc++].val = v;
}

static int
has_item(const struct aa_val *v, const char *text)
{
    for (size_t i = 0; v->present && i < v->nitems; i++)
        if (strcasecmp(v->items[i].s, text) == 0)
            return 1;
    return 0;
}

/* The array v with 'text' added (enum index e), or with item 'drop' left
 * out (drop < nitems). */
static struct aa_val
array_with(struct aa_arena *a, const struct aa_val *v, const char *text, int e,
           size_t drop)
{
    struct aa_val r;
    size_t n = v->present ? v->nitems : 0;

    memset(&r, 0, sizeof(r));
    r.items = aa_arena_alloc(a, (n + 1) * sizeof(*r.items));
    for (size_t i = 0; i < n; i++)
        if (i != drop)
            r.items[r.nitems++] = v->items[i];
    if (text != NULL) {
        struct aa_val *it = &r.items[r.nitems++];

        memset(it, 0, sizeof(*it));
        it->present = 1;
        it->type = e >= 0 ? AA_T_ENUM : AA_T_STRING;
        it->e = e;
        it->s = text;
    }
    return r;
}

/* Every single change of field 'row' to another value it can take. */
static void
candidates(struct search *s, int row)
{
    const struct aa_field *f = &aa_fields[row];
    const struct aa_val *now = &s->sc->vals[row];
    struct aa_arena *a = &s->w->arena;
    struct aa_val v;

    memset(&v, 0, sizeof(v));
    switch (f->type) {
    case AA_T_BOOL:
        for (int b = 1; b >= 0; b--)
            if (!now->present || now->b != b) {
                v.b = b;
                add_cand(s, row, v);
            }
        break;
    case AA_T_ENUM:
        for (int e = 0; f->values[e] != NULL; e++)
            if (!now->present || now->e != e) {
                v.e = e;
                v.s = f->values[e];
                add_cand(s, row, v);
            }
        break;
    case AA_T_STRING:
        for (size_t i = 0; i < s->nlits[row]; i++)
            if (!now->present || strcasecmp(now->s, s->lits[row][i]) != 0) {
                v.s = s->lits[row][i];
                add_cand(s, row, v);
            }
        break;
    case AA_T_ENUM_ARRAY:
        for (int e = 0; f->values[e] != NULL; e++)
            if (!has_item(now, f->values[e]))
                add_cand(s, row, array_with(a, now, f->values[e], e, SIZE_MAX));
        for (size_t i = 0; now->present && i < now->nitems; i++)
            add_cand(s, row, array_with(a, now, NULL, -1, i));
        break;
    case AA_T_STRING_ARRAY:
        for (size_t i = 0; i < s->nlits[row]; i++)
            if (!has_item(now, s->lits[row][i]))
                add_cand(s, row,
                         array_with(a, now, s->lits[row][i], -1, SIZE_MAX));
        for (size_t i = 0; now->present && i < now->nitems; i++)
            add_cand(s, row, array_with(a, now, NULL, -1, i));
        break;
    default:
        break; /* numbers and objects: nothing a partner changes here */
    }
}

static int
good(enum aa_verdict v)
{
    return v == AA_V_RECOMMENDED || v == AA_V_AUTOMATIC;
}

/* Whether ${match} (items joined with ", ") names 'text'. */
static int
match_names(const char *match, const char *text)
{
    size_t n = strlen(text);

    for (const char *p = match; *p != '\0';) {
        const char *end = strstr(p, ", ");
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);

        if (len == n && strncasecmp(p, text, n) == 0)
            return 1;
        p += len + (end != NULL ? 2 : 0);
    }
    return 0;
}

/* Whether finding f, at the field that a change sets from 'from' to 'to'
 * (contract row 'row'), speaks of that change.  A finding is a warning
 * against the change unless the change only adds items to an array and
 * the finding's ${match} names items of that array, none of them added:
 * then its subject is what the plan held already.  pal.lighthouse-owner,
 * say, appears once Contributor joins Owner in a Lighthouse plan, but
 * what it warns of is the Owner, not the Contributor the fix adds; that
 * it is new after the change is no criterion. */
static int
about_change(const struct aa_program *pg, const struct aa_finding *f, int row,
             const struct aa_val *from, const struct aa_val *to)
{
    const struct aa_crule *cr = NULL;

    if ((aa_fields[row].type != AA_T_STRING_ARRAY &&
         aa_fields[row].type != AA_T_ENUM_ARRAY) ||
        f->match == NULL || f->match[0] == '\0')
        return 1;
    for (size_t i = 0; from->present && i < from->nitems; i++)
        if (!has_item(to, from->items[i].s))
            return 1; /* it takes an item away */
    for (size_t i = 0; i < pg->nrules && cr == NULL; i++)
        if (strcmp(pg->rules[i].id, f->rule) == 0)
            cr = &pg->rules[i];
    if (cr == NULL || cr->match_node < 0 ||
        pg->nodes[cr->match_node].field != row)
        return 1; /* ${match} names no item of this field */
    for (size_t i = 0; i < to->nitems; i++)
        if (!has_item(from, to->items[i].s) &&
            match_names(f->match, to->items[i].s))
            return 1;
    return 0;
}

/* The first warning or error of mechanism m in rep at a field that one of
 * the n changes (pick[0..n) of s's candidates) sets and that speaks of the
 * change: it works, but the advice warns against it (shared credentials,
 * say). */
static const char *
warned_by(const struct search *s, const struct aa_report *rep,
          const size_t *pick, size_t n)
{
    const struct aa_program *pg = s->rs->prog;

    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        if (f->severity < AA_SEV_WARNING || f->pointer == NULL ||
            !(f->mechs & (1u << s->m)))
            continue;
        for (size_t k = 0; k < n; k++) {
            const struct cand *c = &s->c[pick[k]];

            if (strcmp(f->pointer, aa_fields[c->row].ptr) == 0 &&
                about_change(pg, f, c->row, &s->sc->vals[c->row], &c->val))
                return f->rule;
        }
    }
    return NULL;
}

/* Evaluate the plan with the changes pick[0..n) and keep it as a fix when
 * the mechanism is then recommended.  Returns 1 for a fix. */
static int
try_set(struct search *s, const size_t *pick, size_t n, struct aa_val *vals)
{
    struct aa_scenario t = *s->sc;
    struct aa_report *rep;
    int ok;

    memcpy(vals, s->sc->vals, aa_field_count * sizeof(*vals));
    for (size_t i = 0; i < n; i++) {
        int row = s->c[pick[i]].row;

        vals[row] = s->c[pick[i]].val;
        for (int p = aa_fields[row].parent; p >= 0; p = aa_fields[p].parent)
            if (!vals[p].present) {
                vals[p].present = 1;
                vals[p].type = AA_T_OBJECT;
            }
    }
    t.vals = vals;
    aa_scenario_derive(&t);
    s->w->nevals++;
    /* The mechanism's rules alone say whether the set works; the whole
     * evaluation, which must agree, then says how. */
    if (!good(aa_eval_verdict(s->rs, &t, s->m)))
        return 0;
    rep = aa_eval(s->rs, &t);
    ok = rep != NULL && good(rep->mech[s->m].verdict);
    if (!ok)
        abort(); /* two evaluators that disagree: an engine bug */
    if (s->w->nfixes == MAX_FIXES) {
        s->w->more++;
    } else {
        struct aa_fix *fx = &s->w->fixes[s->w->nfixes++];
        struct aa_change *ch = aa_arena_alloc(&s->w->arena, n * sizeof(*ch));
        const struct aa_advice *a = &rep->mech[s->m];

        for (size_t i = 0; i < n; i++) {
            int row = s->c[pick[i]].row;

            ch[i].pointer = aa_fields[row].ptr;
            ch[i].label = aa_fields[row].label;
            ch[i].from = aa_eval_read(&s->w->arena, &s->sc->vals[row]);
            ch[i].to = aa_eval_read(&s->w->arena, &s->c[pick[i]].val);
            ch[i].example = s->c[pick[i]].val.type == AA_T_STRING &&
                            is_example(s->c[pick[i]].val.s);
        }
        fx->changes = ch;
        fx->nchanges = n;
        fx->verdict = a->verdict;
        fx->decided_by = a->nreasons > 0 ? a->reasons[0].rule : NULL;
        fx->warned_by = warned_by(s, rep, pick, n);
    }
    aa_report_free(rep);
    return ok;
}

/* Every set of k changes to k different fields, in index order, after
 * the first 'depth' picks; stops at the budget. */
static void
sets_of(struct search *s, size_t *pick, size_t depth, size_t k,
        struct aa_val *vals)
{
    size_t from = depth == 0 ? 0 : pick[depth - 1] + 1;

    for (size_t i = from; i < s->nc; i++) {
        int clash = 0;

        if (s->w->nevals >= s->budget) {
            s->w->complete = 0;
            return;
        }
        for (size_t j = 0; j < depth; j++)
            clash |= s->c[pick[j]].row == s->c[i].row;
        if (clash)
            continue;
        pick[depth] = i;
        if (depth + 1 == k)
            try_set(s, pick, k, vals);
        else
            sets_of(s, pick, depth + 1, k, vals);
    }
}

/* Whether row is the agreement of a workload the plan names, while the
 * rules read customer.agreement: the evaluator's views read a workload's
 * own agreement in its place (eval.c, make_views), so the rules never
 * name it, yet changing it is a fix of its own. */
static int
workload_agreement(const struct aa_scenario *sc, int row,
                   const struct aa_rowset *reads)
{
    const struct aa_val *wl = &sc->vals[AA_ROW_WORKLOADS];

    if (aa_fields[row].parent != AA_ROW_AGREEMENTS ||
        !aa_rowset_has(reads, AA_ROW_AGREEMENT) || !wl->present)
        return 0;
    /* The row make_views reads for each workload listed. */
    for (size_t k = 0; k < wl->nitems; k++) {
        const char *name = aa_fields[AA_ROW_WORKLOADS].values[wl->items[k].e];

        if (aa_contract_child(AA_ROW_AGREEMENTS, name, strlen(name)) == row)
            return 1;
    }
    return 0;
}

struct aa_whynot *
aa_why_not(const struct aa_ruleset *rs, const struct aa_scenario *sc,
           const char *mech, size_t budget)
{
    const struct aa_program *pg = rs->prog;
    struct search *s;
    struct aa_whynot *w;
    struct aa_report *rep;
    struct aa_rowset reads = {{0, 0}};
    struct aa_val *vals;
    int m = aa_mech_find(mech);

    if (pg == NULL || m < 0 || m >= AA_NMECH)
        return NULL;
    w = aa_xcalloc(1, sizeof(*w));
    aa_arena_init(&w->arena);
    s = aa_xcalloc(1, sizeof(*s));
    s->rs = rs;
    s->sc = sc;
    s->w = w;
    s->m = m;
    s->budget = budget;

    rep = aa_eval(rs, sc);
    w->tool_version = aa_version();
    w->knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    w->source = aa_arena_strdup(&w->arena, sc->name);
    w->scenario_id = rep->scenario_id != NULL
                         ? aa_arena_strdup(&w->arena, rep->scenario_id)
                         : NULL;
    w->mech = aa_mech_name((enum aa_mech)m);
    w->verdict = rep->mech[m].verdict;
    w->max_changes = MAX_CHANGES;
    w->complete = 1;
    w->fixes = aa_arena_alloc(&w->arena, MAX_FIXES * sizeof(*w->fixes));
    {
        const struct aa_advice *a = &rep->mech[m];
        struct aa_item *r = aa_arena_alloc(&w->arena, a->nreasons * sizeof(*r));
        struct aa_need *need =
            aa_arena_alloc(&w->arena, a->nmissing * sizeof(*need));

        /* The rule texts and ids live in the ruleset or the contract;
         * the interpolated reason text in the report: copy it. */
        for (size_t i = 0; i < a->nreasons; i++) {
            r[i] = a->reasons[i];
            r[i].text = aa_arena_strdup(&w->arena, a->reasons[i].text);
        }
        for (size_t i = 0; i < a->nmissing; i++) {
            need[i] = a->missing[i];
            need[i].question =
                aa_arena_strdup(&w->arena, a->missing[i].question);
        }
        w->reasons = r;
        w->nreasons = a->nreasons;
        w->missing = need;
        w->nmissing = a->nmissing;
    }
    aa_report_free(rep);
    if (good(w->verdict)) {
        free(s);
        return w;
    }

    /* The search space: what the mechanism's rules read and compare. */
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];

        if (!(cr->mechs & (1u << m)) || cr->stage != 1 || cr->detect >= 0)
            continue;
        aa_rowset_or(&reads, &cr->reads);
        if (cr->root >= 0)
            collect(s, pg, (unsigned)cr->root, -1);
    }
    for (size_t row = 0; row < aa_field_count; row++)
        if ((aa_rowset_has(&reads, (int)row) ||
             workload_agreement(sc, (int)row, &reads)) &&
            !aa_fields[row].derived && aa_fields[row].type != AA_T_OBJECT) {
            size_t before = s->nc;

            candidates(s, (int)row);
            w->nfields += s->nc > before;
        }
    w->ncandidates = s->nc;

    vals = aa_xmalloc(aa_field_count * sizeof(*vals));
    for (size_t k = 1; k <= MAX_CHANGES && w->nfixes == 0 && w->complete; k++) {
        size_t pick[MAX_CHANGES];

        sets_of(s, pick, 0, k, vals);
    }
    /* The ways the advice does not warn against first, each group in the
     * order found (contract order). */
    for (size_t i = 0, j = 0; i < w->nfixes; i++)
        if (w->fixes[i].warned_by == NULL) {
            struct aa_fix keep = w->fixes[i];

            memmove(&w->fixes[j + 1], &w->fixes[j],
                    (i - j) * sizeof(*w->fixes));
            w->fixes[j++] = keep;
        }
    free(vals);
    free(s->c);
    free(s);
    return w;
}

int
aa_whynot_status(const struct aa_whynot *w)
{
    return good(w->verdict) || w->nfixes > 0 ? 0 : 1;
}

void
aa_whynot_free(struct aa_whynot *w)
{
    if (w == NULL)
        return;
    aa_arena_fini(&w->arena);
    free(w);
}
