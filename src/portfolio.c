/*
 * portfolio.c -- many plans' advice folded into one summary, one triaged
 * report at a time (attrib-advise portfolio; docs/portfolio.md).
 *
 * It reads struct aa_report and the rule catalogue only, never rules or
 * the evaluator, as a renderer does.  Invariant: memory is bounded by the
 * rules and the contract, not by the number of plans: every table is
 * keyed by a rule id, a field's pointer, a set-up state or a group value
 * (at most PF_MAX_GROUPS of them), and keeps PF_EXAMPLES plan names per
 * key.  A plan counts once per key, however often the key occurs in it;
 * the serial of the last plan counted tells.
 */
#include "portfolio.h"

#include <stdlib.h>
#include <string.h>

#include "ruleset.h"

/*
 * The set-up table: how a plan's advice shows that a mechanism it
 * recommends (or finds possible) is not in place yet.  The report carries
 * verdicts, reasons, actions and missing fields, not the plan's values, so
 * the state is read from the action rules that fire only while the
 * mechanism is not set up (their conditions in rules/pal.yaml,
 * rules/dpor.yaml and rules/cua.yaml), or from the field that says whether
 * it is set up being among the missing ones.  The first row of the
 * mechanism that matches gives the state.  test_portfolio holds every rule
 * id and pointer here to the built-in rules and the contract.
 */
static const char *const pal_link[] = {
    "pal.link-in-customer-tenant", /* pal_linked known, not self */
    "pal.link-service-principal", "pal.link-managed-identity",
    "pal.link-lighthouse", NULL};
static const char *const pal_other[] = {"pal.linked-other-id", NULL};
/* The customer agrees (will_assign true) and is not DPOR-ed to you yet. */
static const char *const dpor_set[] = {"dpor.set-in-azure-portal",
                                       "dpor.set-in-admin-centre", NULL};
static const char *const cua_guid[] = {"cua.create-guid", NULL};

enum { M_DPOR = 1, M_PAL = 2, M_CUA = 3 }; /* contract order */

const struct pf_setup aa_pf_setups[] = {
    {M_DPOR, "not_set", "customer agreed, not set yet", dpor_set, NULL},
    {M_DPOR, "consent_unknown", "customer not asked yet", NULL,
     "/customer/dpor/will_assign"},
    {M_PAL, "not_linked", "not linked yet", pal_link, NULL},
    {M_PAL, "linked_elsewhere", "linked to another Partner ID", pal_other,
     NULL},
    {M_PAL, "link_unknown", "link not known", NULL,
     "/engagement/access/pal_linked"},
    {M_CUA, "no_guid", "no tracking GUID yet", cua_guid, NULL},
};
const size_t aa_pf_nsetups = sizeof(aa_pf_setups) / sizeof(*aa_pf_setups);

/* ---- a string-keyed index ------------------------------------------- */

static size_t
hash(const char *s)
{
    size_t h = 14695981039346656037u;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The index stored under key, or (size_t)-1. */
static size_t
map_get(const struct pf_map *m, const char *key)
{
    if (m->cap == 0)
        return (size_t)-1;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == NULL)
            return (size_t)-1;
        if (strcmp(m->keys[i], key) == 0)
            return m->idx[i];
    }
}

/* Store idx under key, which must be new and outlive the map. */
static void
map_put(struct pf_map *m, const char *key, size_t idx)
{
    size_t i;

    if (2 * (m->n + 1) > m->cap) {
        struct pf_map old = *m;

        m->cap = old.cap ? old.cap * 2 : 64;
        m->keys = aa_xcalloc(m->cap, sizeof(*m->keys));
        m->idx = aa_xcalloc(m->cap, sizeof(*m->idx));
        m->n = 0;
        for (size_t k = 0; k < old.cap; k++)
            if (old.keys[k] != NULL)
                map_put(m, old.keys[k], old.idx[k]);
        free(old.keys);
        free(old.idx);
    }
    for (i = hash(key) & (m->cap - 1); m->keys[i] != NULL;
         i = (i + 1) & (m->cap - 1))
        ;
    m->keys[i] = key;
    m->idx[i] = idx;
    m->n++;
}

static void
map_fini(struct pf_map *m)
{
    free(m->keys);
    free(m->idx);
}

/* ---- the portfolio --------------------------------------------------- */

struct aa_portfolio *
aa_portfolio_new(const struct aa_ruleset *rs,
                 const struct aa_portfolio_opts *opts)
{
    struct aa_portfolio *pf = aa_xcalloc(1, sizeof(*pf));

    aa_arena_init(&pf->arena);
    pf->tool_version = aa_version();
    pf->knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    pf->fail_on = opts->fail_on;
    pf->min_severity = aa_shown_severity(opts->min_severity, opts->fail_on);
    if (opts->group_by != NULL) {
        pf->group_by = aa_arena_strdup(&pf->arena, opts->group_by);
        pf->group_label = aa_arena_strdup(
            &pf->arena, opts->group_label ? opts->group_label : opts->group_by);
    }
    pf->catalog = aa_ruleset_catalog(rs, &pf->ncatalog);
    for (size_t i = 0; i < pf->ncatalog; i++)
        if (map_get(&pf->catalog_map, pf->catalog[i].id) == (size_t)-1)
            map_put(&pf->catalog_map, pf->catalog[i].id, i);
    pf->gaps = aa_xcalloc(aa_pf_nsetups, sizeof(*pf->gaps));
    return pf;
}

void
aa_portfolio_free(struct aa_portfolio *pf)
{
    if (pf == NULL)
        return;
    map_fini(&pf->catalog_map);
    map_fini(&pf->finding_map);
    map_fini(&pf->field_map);
    map_fini(&pf->fix_map);
    free(pf->findings);
    free(pf->fields);
    free(pf->fixes);
    free(pf->gaps);
    aa_arena_fini(&pf->arena);
    free(pf);
}

static const struct aa_rule_entry *
catalog_find(const struct aa_portfolio *pf, const char *id)
{
    size_t i = map_get(&pf->catalog_map, id);

    return i == (size_t)-1 ? NULL : &pf->catalog[i];
}

/* Name the plan among the key's examples while there is room.  The plan
 * strings are copied only then, so a key costs PF_EXAMPLES names at most. */
static void
example(struct aa_portfolio *pf, struct pf_examples *ex,
        const struct pf_plan *p)
{
    struct pf_plan *e;

    if (ex->n == PF_EXAMPLES)
        return;
    e = &ex->v[ex->n++];
    e->id = p->id ? aa_arena_strdup(&pf->arena, p->id) : NULL;
    e->source = aa_arena_strdup(&pf->arena, p->source);
    e->line = p->line;
}

/* Grow an array of entries by one, zeroed; returns its index. */
static size_t
grow(void **v, size_t *n, size_t *cap, size_t size)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *v = aa_xrealloc(*v, *cap, size);
    }
    memset((char *)*v + *n * size, 0, size);
    return (*n)++;
}

static struct pf_finding *
finding_entry(struct aa_portfolio *pf, const char *rule)
{
    size_t i = map_get(&pf->finding_map, rule);

    if (i == (size_t)-1) {
        const struct aa_rule_entry *e = catalog_find(pf, rule);
        struct pf_finding *f;

        i = grow((void **)&pf->findings, &pf->nfindings, &pf->capfindings,
                 sizeof(*pf->findings));
        f = &pf->findings[i];
        f->rule = aa_arena_strdup(&pf->arena, rule);
        f->title = e ? e->title : NULL;
        map_put(&pf->finding_map, f->rule, i);
    }
    return &pf->findings[i];
}

static struct pf_field *
field_entry(struct aa_portfolio *pf, const struct aa_need *need)
{
    size_t i = map_get(&pf->field_map, need->pointer);

    if (i == (size_t)-1) {
        struct pf_field *f;

        i = grow((void **)&pf->fields, &pf->nfields, &pf->capfields,
                 sizeof(*pf->fields));
        f = &pf->fields[i];
        f->pointer = aa_arena_strdup(&pf->arena, need->pointer);
        f->label = aa_arena_strdup(&pf->arena, need->label);
        f->question = aa_arena_strdup(&pf->arena, need->question);
        map_put(&pf->field_map, f->pointer, i);
    }
    return &pf->fields[i];
}

static struct pf_fix *
fix_entry(struct aa_portfolio *pf, const struct aa_item *action)
{
    size_t i = map_get(&pf->fix_map, action->rule);

    if (i == (size_t)-1) {
        const struct aa_rule_entry *e = catalog_find(pf, action->rule);
        struct pf_fix *f;

        i = grow((void **)&pf->fixes, &pf->nfixes, &pf->capfixes,
                 sizeof(*pf->fixes));
        f = &pf->fixes[i];
        f->rule = aa_arena_strdup(&pf->arena, action->rule);
        f->title = e ? e->title : NULL;
        /* The catalogue's text is the same for every plan; a plan's own
         * shows its values. */
        f->text = e != NULL && e->nactions > 0
                      ? e->actions[0].text
                      : aa_arena_strdup(&pf->arena, action->text);
        map_put(&pf->fix_map, f->rule, i);
    }
    return &pf->fixes[i];
}

/* The set-up row that says mechanism m of the plan is not in place, or
 * -1. */
static long
setup_state(const struct aa_advice *a, unsigned m)
{
    for (size_t r = 0; r < aa_pf_nsetups; r++) {
        const struct pf_setup *s = &aa_pf_setups[r];

        if (s->mech != m)
            continue;
        for (size_t k = 0; s->rules != NULL && k < a->nactions; k++)
            for (const char *const *id = s->rules; *id != NULL; id++)
                if (strcmp(a->actions[k].rule, *id) == 0)
                    return (long)r;
        for (size_t k = 0; s->pointer != NULL && k < a->nmissing; k++)
            if (strcmp(a->missing[k].pointer, s->pointer) == 0)
                return (long)r;
    }
    return -1;
}

static void
tally(struct pf_totals *t, const struct aa_report *rep, int failing,
      int needs_info)
{
    t->plans++;
    t->failing += failing != 0;
    t->needs_info += needs_info != 0;
    for (unsigned m = 0; m < AA_NMECH; m++)
        t->verdicts[m][rep->mech[m].verdict]++;
}

static struct pf_group *
group_entry(struct aa_portfolio *pf, const char *value)
{
    for (size_t g = 0; g < pf->ngroups; g++)
        if (strcmp(pf->groups[g].value, value) == 0)
            return &pf->groups[g];
    if (pf->ngroups < PF_MAX_GROUPS) {
        pf->groups[pf->ngroups].value = aa_arena_strdup(&pf->arena, value);
        return &pf->groups[pf->ngroups++];
    }
    /* Past the bound (a free-text field with many values): one more row
     * holds the rest. */
    pf->other_used = 1;
    pf->groups[PF_MAX_GROUPS].value = "(other)";
    return &pf->groups[PF_MAX_GROUPS];
}

void
aa_portfolio_add(struct aa_portfolio *pf, const struct aa_report *rep,
                 const char *const *groups, size_t ngroups)
{
    struct pf_plan plan = {rep->scenario_id, rep->source, rep->source_line};
    int worst = -1, failing, needs_info = 0;
    size_t serial = ++pf->serial;

    /* As aa_report_worst, read here from the model alone. */
    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL &&
            (int)rep->findings[i].severity > worst)
            worst = (int)rep->findings[i].severity;
    failing = pf->fail_on <= AA_SEV_ERROR && worst >= pf->fail_on;
    for (unsigned m = 0; m < AA_NMECH; m++) {
        const struct aa_advice *a = &rep->mech[m];

        if (a->verdict == AA_V_NEEDS_INFO) {
            needs_info = 1;
            for (size_t k = 0; k < a->nmissing; k++) {
                struct pf_field *f = field_entry(pf, &a->missing[k]);

                f->per_mech[m]++;
                if (f->last != serial) {
                    f->last = serial;
                    f->plans++;
                    example(pf, &f->ex, &plan);
                }
            }
        }
        if (a->verdict == AA_V_BLOCKED || a->verdict == AA_V_POSSIBLE) {
            for (size_t k = 0; k < a->nactions; k++) {
                struct pf_fix *f = fix_entry(pf, &a->actions[k]);

                f->mechs |= 1u << m;
                if (f->last != serial) {
                    f->last = serial;
                    f->plans++;
                    example(pf, &f->ex, &plan);
                }
                if (a->verdict == AA_V_BLOCKED && f->last_blocked != serial) {
                    f->last_blocked = serial;
                    f->blocked++;
                }
                if (a->verdict == AA_V_POSSIBLE && f->last_possible != serial) {
                    f->last_possible = serial;
                    f->possible++;
                }
            }
        }
        if (a->verdict == AA_V_RECOMMENDED || a->verdict == AA_V_POSSIBLE) {
            long r = setup_state(a, m);

            if (r >= 0) {
                struct pf_gap *g = &pf->gaps[r];

                g->per_verdict[a->verdict]++;
                if (g->last != serial) {
                    g->last = serial;
                    g->plans++;
                    example(pf, &g->ex, &plan);
                }
            }
        }
    }
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        struct pf_finding *e;

        if (f->suppressed != NULL || (int)f->severity < pf->min_severity)
            continue;
        e = finding_entry(pf, f->rule);
        if (e->count == 0 || f->severity > e->severity)
            e->severity = f->severity;
        e->count++;
        if (e->last != serial) {
            e->last = serial;
            e->plans++;
            example(pf, &e->ex, &plan);
        }
    }
    tally(&pf->t, rep, failing, needs_info);
    /* A plan counts once in each group it names, and in (other) once. */
    for (size_t g = 0; pf->group_by != NULL && g < ngroups; g++) {
        struct pf_group *e = group_entry(pf, groups[g]);
        int again = 0;

        for (size_t k = 0; k < g; k++)
            if (group_entry(pf, groups[k]) == e)
                again = 1;
        if (!again)
            tally(&e->t, rep, failing, needs_info);
    }
}

void
aa_portfolio_reject(struct aa_portfolio *pf, const char *source, unsigned line)
{
    struct pf_plan plan = {NULL, source, line};

    pf->unreadable++;
    example(pf, &pf->unreadable_ex, &plan);
}

/* ---- in the order summaries show them -------------------------------- */

static int
by_finding(const void *a, const void *b)
{
    const struct pf_finding *x = *(const struct pf_finding *const *)a;
    const struct pf_finding *y = *(const struct pf_finding *const *)b;

    if (x->plans != y->plans)
        return x->plans > y->plans ? -1 : 1;
    if (x->severity != y->severity)
        return x->severity > y->severity ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

static int
by_field(const void *a, const void *b)
{
    const struct pf_field *x = *(const struct pf_field *const *)a;
    const struct pf_field *y = *(const struct pf_field *const *)b;

    if (x->plans != y->plans)
        return x->plans > y->plans ? -1 : 1;
    return strcmp(x->pointer, y->pointer);
}

static int
by_fix(const void *a, const void *b)
{
    const struct pf_fix *x = *(const struct pf_fix *const *)a;
    const struct pf_fix *y = *(const struct pf_fix *const *)b;

    if (x->plans != y->plans)
        return x->plans > y->plans ? -1 : 1;
    if (x->blocked != y->blocked)
        return x->blocked > y->blocked ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

/* Pointers to the n entries of v (of 'size' bytes each), sorted. */
static void *
ranked(const void *v, size_t n, size_t size,
       int (*cmp)(const void *, const void *))
{
    const void **p = aa_xcalloc(n + 1, sizeof(*p));

    for (size_t i = 0; i < n; i++)
        p[i] = (const char *)v + i * size;
    if (n > 1)
        qsort(p, n, sizeof(*p), cmp);
    return p;
}

const struct pf_finding **
aa_pf_findings_ranked(const struct aa_portfolio *pf)
{
    return ranked(pf->findings, pf->nfindings, sizeof(*pf->findings),
                  by_finding);
}

const struct pf_field **
aa_pf_fields_ranked(const struct aa_portfolio *pf)
{
    return ranked(pf->fields, pf->nfields, sizeof(*pf->fields), by_field);
}

const struct pf_fix **
aa_pf_fixes_ranked(const struct aa_portfolio *pf)
{
    return ranked(pf->fixes, pf->nfixes, sizeof(*pf->fixes), by_fix);
}
