/*
 * eval.c -- compiled rules x scenario -> report.
 *
 * Evaluation is three-valued (Kleene): a test on an absent field is
 * UNKNOWN, and each result carries the set of fields that made it unknown,
 * so a needs_info verdict can name exactly what to fill in.  Verdicts then
 * resolve per mechanism with a priority hit policy (docs/rules.md):
 * exclude > block > automatic > fit, where an unknown rule of a higher class
 * stops a lower class from deciding.  Everything is in declaration order,
 * so the same inputs always give the same report.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "contract.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"

enum tri { F = 0, T = 1, U = 2 };

/* Fields that made a result unknown; the contract has fewer than 128. */
struct fset {
    uint64_t w[2];
};

static void
fset_add(struct fset *s, int field)
{
    s->w[field >> 6] |= (uint64_t)1 << (field & 63);
}

static void
fset_or(struct fset *s, const struct fset *o)
{
    s->w[0] |= o->w[0];
    s->w[1] |= o->w[1];
}

static int
fset_has(const struct fset *s, size_t field)
{
    return (int)((s->w[field >> 6] >> (field & 63)) & 1);
}

static int
is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
           (ch >= 'A' && ch <= 'F');
}

/* 8-4-4-4-12 hexadecimal digits, nothing else (CUA-F06). */
static int
is_guid(const char *s)
{
    static const int groups[] = {8, 4, 4, 4, 12};

    for (int g = 0; g < 5; g++) {
        for (int i = 0; i < groups[g]; i++)
            if (!is_hex(*s++))
                return 0;
        if (g < 4 && *s++ != '-')
            return 0;
    }
    return *s == '\0';
}

static int
is_partner_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* A leaf test on a present scalar value. */
static int
test_value(const struct aa_node *n, const struct aa_val *v)
{
    int r = 0;

    switch ((enum aa_op)n->op) {
    case AA_OP_EQUALS:
        switch (v->type) {
        case AA_T_BOOL:
            r = v->b == n->ival;
            break;
        case AA_T_INT:
            r = v->n == n->nval;
            break;
        case AA_T_ENUM:
        case AA_T_ENUM_ARRAY:
            r = v->e == n->ival;
            break;
        default:
            r = strcmp(v->s, n->sval) == 0;
            break;
        }
        break;
    case AA_OP_ONE_OF:
        for (size_t i = 0; i < n->nvals && !r; i++)
            r = v->type == AA_T_ENUM ? v->e == n->ivals[i]
                                     : strcmp(v->s, n->svals[i]) == 0;
        break;
    case AA_OP_LT:
        r = v->n < n->nval;
        break;
    case AA_OP_LE:
        r = v->n <= n->nval;
        break;
    case AA_OP_GT:
        r = v->n > n->nval;
        break;
    case AA_OP_GE:
        r = v->n >= n->nval;
        break;
    case AA_OP_IS_GUID:
        r = is_guid(v->s);
        break;
    case AA_OP_IS_PARTNER_ID:
        r = is_partner_id(v->s);
        break;
    case AA_OP_IN_LIST:
        for (size_t i = 0; i < n->nvals && !r; i++)
            r = strcmp(v->s, n->svals[i]) == 0;
        break;
    default:
        break;
    }
    return n->neg ? !r : r;
}

static enum tri
eval_node(const struct aa_program *pg, unsigned ix,
          const struct aa_scenario *sc, const struct aa_val *item,
          struct fset *why)
{
    const struct aa_node *n = &pg->nodes[ix];
    const struct aa_val *v;
    enum tri acc;

    switch ((enum aa_op)n->op) {
    case AA_OP_ALL:
    case AA_OP_ANY: {
        enum tri stop = n->op == AA_OP_ALL ? F : T;
        struct fset unk = {{0, 0}};

        acc = n->op == AA_OP_ALL ? T : F;
        for (unsigned i = 0; i < n->nkids; i++) {
            struct fset w = {{0, 0}};
            enum tri r = eval_node(pg, pg->kid[n->first + i], sc, item, &w);

            if (r == stop)
                return stop;
            if (r == U) {
                acc = U;
                fset_or(&unk, &w);
            }
        }
        if (acc == U)
            fset_or(why, &unk);
        return acc;
    }
    case AA_OP_NOT:
        acc = eval_node(pg, pg->kid[n->first], sc, item, why);
        return acc == U ? U : acc == T ? F : T;
    case AA_OP_EXISTS:
        return (sc->vals[n->field].present != 0) != (n->neg != 0) ? T : F;
    case AA_OP_ANY_ITEM:
    case AA_OP_ALL_ITEMS:
    case AA_OP_NO_ITEM: {
        int hits = 0;

        v = &sc->vals[n->field];
        if (!v->present) {
            fset_add(why, n->field);
            return U;
        }
        /* Items are present scalars, so item tests are two-valued. */
        for (size_t i = 0; i < v->nitems; i++) {
            struct fset w = {{0, 0}};

            hits += eval_node(pg, pg->kid[n->first], sc, &v->items[i], &w) == T;
        }
        if (n->op == AA_OP_ANY_ITEM)
            return hits > 0 ? T : F;
        if (n->op == AA_OP_ALL_ITEMS)
            return (size_t)hits == v->nitems ? T : F;
        return hits == 0 ? T : F;
    }
    default:
        break;
    }
    v = n->item ? item : &sc->vals[n->field];
    if (!v->present) {
        fset_add(why, n->field);
        return U;
    }
    return test_value(n, v) ? T : F;
}

/* Text of a field value for templates; arrays joined with ", ". */
static void
put_value(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);

    while (*len + n + 1 > *cap) {
        *cap = *cap ? *cap * 2 : 128;
        *buf = aa_xrealloc(*buf, *cap, 1);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* A scanner's subject for ${match}: holes shown as an ellipsis. */
static void
put_match(char **buf, size_t *len, size_t *cap, const char *match)
{
    for (const char *p = match; *p != '\0'; p++) {
        char one[2] = {*p, '\0'};

        put_value(buf, len, cap, *p == AA_HOLE ? "\u2026" : one);
    }
}

/* Fill a template from the scenario's fields (sc may be NULL: every field
 * is then absent) and, in detect rules, the hit's subject. */
static const char *
expand_in(struct aa_arena *arena, const struct aa_tpl *t,
          const struct aa_scenario *sc, const char *match)
{
    char *buf = NULL, num[32];
    size_t len = 0, cap = 0;
    const char *out;

    if (t->nparts == 0)
        return NULL;
    if (t->nparts == 1 && t->parts[0].text != NULL)
        return t->parts[0].text; /* no field: the ruleset's string */
    put_value(&buf, &len, &cap, "");
    for (size_t i = 0; i < t->nparts; i++) {
        const struct aa_tpl_part *p = &t->parts[i];
        const struct aa_val *v;

        if (p->text != NULL) {
            put_value(&buf, &len, &cap, p->text);
            continue;
        }
        if (p->field == AA_TPL_MATCH) {
            put_match(&buf, &len, &cap, match ? match : "");
            continue;
        }
        v = sc ? &sc->vals[p->field] : NULL;
        if (v == NULL || !v->present) {
            put_value(&buf, &len, &cap, "<");
            put_value(&buf, &len, &cap, aa_fields[p->field].key);
            put_value(&buf, &len, &cap, ">");
        } else if (v->type == AA_T_BOOL) {
            put_value(&buf, &len, &cap, v->b ? "true" : "false");
        } else if (v->type == AA_T_INT) {
            snprintf(num, sizeof(num), "%.15g", v->n);
            put_value(&buf, &len, &cap, num);
        } else if (v->type == AA_T_STRING_ARRAY || v->type == AA_T_ENUM_ARRAY) {
            for (size_t j = 0; j < v->nitems; j++) {
                if (j > 0)
                    put_value(&buf, &len, &cap, ", ");
                put_value(&buf, &len, &cap, v->items[j].s);
            }
        } else {
            put_value(&buf, &len, &cap, v->s);
        }
    }
    out = aa_arena_strndup(arena, buf, len);
    free(buf);
    return out;
}

static const char *
expand(struct aa_report *rep, const struct aa_tpl *t,
       const struct aa_scenario *sc)
{
    return expand_in(&rep->arena, t, sc, NULL);
}

/* Per-mechanism tally of one signal class. */
struct tally {
    int fired;   /* number of true rules */
    int unknown; /* number of unknown rules */
    int first;   /* first true rule (program index), -1 */
    int best;    /* fit: rule with the highest weight, -1 */
    struct fset missing;
};

/* Signal classes in priority order; index 0 decides first. */
static const enum aa_signal prio[] = {AA_SIG_EXCLUDE, AA_SIG_BLOCK,
                                      AA_SIG_AUTOMATIC, AA_SIG_FIT};

static int
prio_of(enum aa_signal s)
{
    for (int i = 0; i < 4; i++)
        if (prio[i] == s)
            return i;
    return -1;
}

static enum aa_verdict
resolve(const struct aa_program *pg, const struct tally t[4], int *cls,
        const struct fset **missing)
{
    *missing = NULL;
    for (int i = 0; i < 4; i++) {
        *cls = i;
        if (t[i].fired > 0) {
            switch (prio[i]) {
            case AA_SIG_EXCLUDE:
                return AA_V_NOT_APPLICABLE;
            case AA_SIG_BLOCK:
                return AA_V_BLOCKED;
            case AA_SIG_AUTOMATIC:
                return AA_V_AUTOMATIC;
            default:
                return pg->rules[t[i].best].src->weight >= 50 ? AA_V_RECOMMENDED
                                                              : AA_V_POSSIBLE;
            }
        }
        if (t[i].unknown > 0) {
            *missing = &t[i].missing;
            *cls = -1; /* no class decided */
            return AA_V_NEEDS_INFO;
        }
    }
    *cls = -1;
    return AA_V_NOT_APPLICABLE;
}

static struct aa_item
make_item(struct aa_report *rep, const struct aa_crule *cr,
          const struct aa_tpl *text, const struct aa_scenario *sc)
{
    struct aa_item it;

    memset(&it, 0, sizeof(it));
    it.rule = cr->src->id;
    it.facts = cr->src->facts;
    it.nfacts = cr->src->nfacts;
    it.text = expand(rep, text, sc);
    if (it.text == NULL)
        it.text = "";
    return it;
}

static struct aa_item
make_action(struct aa_report *rep, const struct aa_crule *cr,
            const struct aa_cact *act, const struct aa_scenario *sc)
{
    struct aa_item it = make_item(rep, cr, &act->text, sc);

    it.command = expand(rep, &act->command, sc);
    it.snippet = expand(rep, &act->snippet, sc);
    return it;
}

/* Worst first; insertion sort keeps declaration order among equals. */
static void
sort_findings(struct aa_finding *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct aa_finding f = v[i];
        size_t j = i;

        while (j > 0 && v[j - 1].severity < f.severity) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = f;
    }
}

static size_t count_hits(const struct aa_program *pg,
                         const struct aa_scan *scan, size_t i);
static void add_file_findings(struct aa_arena *arena,
                              const struct aa_program *pg,
                              const struct aa_scan_file *file,
                              const struct aa_scenario *sc,
                              struct aa_finding *out, size_t *n);

/* Order of verdicts for ranking; -1: not ranked. */
static int
rank_class(enum aa_verdict v)
{
    return v == AA_V_AUTOMATIC     ? 0
           : v == AA_V_RECOMMENDED ? 1
           : v == AA_V_POSSIBLE    ? 2
                                   : -1;
}

struct rankkey {
    int mech, cls, weight, order;
};

static int
cmp_rank(const void *a, const void *b)
{
    const struct rankkey *x = a, *y = b;

    if (x->cls != y->cls)
        return x->cls - y->cls;
    if (x->weight != y->weight)
        return y->weight - x->weight;
    return x->order - y->order;
}

struct aa_report *
aa_eval(const struct aa_ruleset *rs, const struct aa_scenario *sc)
{
    const struct aa_program *pg = rs->prog;
    struct aa_report *rep;
    enum tri *res;
    struct fset *why;
    struct tally tal[AA_NMECH][4];
    int decided[AA_NMECH], weight[AA_NMECH];
    struct rankkey keys[AA_NMECH];
    size_t nkeys = 0, nfind = 0;

    if (pg == NULL)
        return NULL;
    rep = aa_xcalloc(1, sizeof(*rep));
    aa_arena_init(&rep->arena);
    rep->tool_version = aa_version();
    rep->knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    rep->source = sc->name;
    rep->source_line = sc->first_line;
    rep->scenario_id = sc->vals[2].present ? sc->vals[2].s : NULL;

    res = aa_arena_alloc(&rep->arena, (pg->nrules + 1) * sizeof(*res));
    why = aa_arena_alloc(&rep->arena, (pg->nrules + 1) * sizeof(*why));
    memset(tal, 0, sizeof(tal));
    for (int m = 0; m < AA_NMECH; m++)
        for (int c = 0; c < 4; c++)
            tal[m][c].first = tal[m][c].best = -1;

    /* Pass 1: every rule once, tallied by mechanism and class. */
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];
        int c = prio_of(cr->src->signal);
        struct tally *t;

        /* Detect rules speak for scan hits, not for the scenario. */
        res[i] = cr->detect >= 0 ? F
                 : cr->root < 0
                     ? T
                     : eval_node(pg, (unsigned)cr->root, sc, NULL, &why[i]);
        if (res[i] == T && cr->src->has_finding)
            nfind++;
        if (c < 0 || cr->mech >= AA_NMECH)
            continue;
        t = &tal[cr->mech][c];
        if (res[i] == T) {
            if (t->fired++ == 0)
                t->first = (int)i;
            if (t->best < 0 || cr->src->weight > pg->rules[t->best].src->weight)
                t->best = (int)i;
        } else if (res[i] == U) {
            t->unknown++;
            fset_or(&t->missing, &why[i]);
        }
    }

    /* Pass 2: verdict, reasons, actions and missing fields per mechanism. */
    for (int m = 0; m < AA_NMECH; m++) {
        struct aa_advice *a = &rep->mech[m];
        const struct fset *missing;
        int cls;
        size_t nr = 0, na = 0;

        a->mech = aa_mech_name((enum aa_mech)m);
        a->verdict = resolve(pg, tal[m], &cls, &missing);
        decided[m] = cls >= 0 ? tal[m][cls].first : -1;
        weight[m] = cls == 3 ? pg->rules[tal[m][cls].best].src->weight : 0;
        for (int pass = 0; pass < 2; pass++) {
            for (size_t i = 0; i < pg->nrules; i++) {
                const struct aa_crule *cr = &pg->rules[i];
                int c = prio_of(cr->src->signal);
                int in_class = c >= 0 && c == cls;

                if (cr->mech != m || res[i] != T)
                    continue;
                if (in_class) {
                    if (pass == 1)
                        a->reasons[a->nreasons++] =
                            make_item(rep, cr, &cr->reason, sc);
                    else
                        nr++;
                }
                /* Rules without a verdict add actions unless the
                 * mechanism does not apply at all. */
                if (!in_class && (c >= 0 || a->verdict == AA_V_NOT_APPLICABLE))
                    continue;
                for (size_t k = 0; k < cr->src->nactions; k++) {
                    if (pass == 1)
                        a->actions[a->nactions++] =
                            make_action(rep, cr, &cr->acts[k], sc);
                    else
                        na++;
                }
            }
            if (pass == 0) {
                a->reasons =
                    aa_arena_alloc(&rep->arena, nr * sizeof(*a->reasons));
                a->actions =
                    aa_arena_alloc(&rep->arena, na * sizeof(*a->actions));
            }
        }
        if (missing != NULL) {
            size_t n = 0;

            for (size_t f = 0; f < aa_field_count; f++)
                n += (size_t)fset_has(missing, f);
            a->missing = aa_arena_alloc(&rep->arena, n * sizeof(char *));
            for (size_t f = 0; f < aa_field_count; f++)
                if (fset_has(missing, f))
                    a->missing[a->nmissing++] = aa_fields[f].ptr;
        }
        if (rank_class(a->verdict) >= 0) {
            keys[nkeys].mech = m;
            keys[nkeys].cls = rank_class(a->verdict);
            keys[nkeys].weight = weight[m];
            keys[nkeys++].order = decided[m];
        }
    }
    qsort(keys, nkeys, sizeof(keys[0]), cmp_rank);
    for (size_t i = 0; i < nkeys; i++)
        rep->mech[keys[i].mech].rank = (int)i + 1;

    /* Findings: declaration order, then a stable sort by severity. */
    if (sc->scan != NULL)
        nfind += count_hits(pg, sc->scan, (size_t)-1);
    rep->findings = aa_arena_alloc(&rep->arena, nfind * sizeof(*rep->findings));
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];
        struct aa_finding *f;

        if (res[i] != T || !cr->src->has_finding)
            continue;
        f = &rep->findings[rep->nfindings++];
        f->rule = cr->src->id;
        f->severity = cr->src->severity;
        f->mech =
            cr->mech < AA_NMECH ? aa_mech_name((enum aa_mech)cr->mech) : NULL;
        f->facts = cr->src->facts;
        f->nfacts = cr->src->nfacts;
        f->message = expand(rep, &cr->message, sc);
        if (f->message == NULL)
            f->message = "";
        f->pointer = aa_fields[cr->pointer].ptr;
        f->at = aa_scenario_loc(sc, cr->pointer);
        f->at.file = sc->name;
    }
    if (sc->scan != NULL)
        for (size_t i = 0; i < sc->scan->nfiles; i++)
            add_file_findings(&rep->arena, pg, sc->scan->files[i], sc,
                              rep->findings, &rep->nfindings);
    sort_findings(rep->findings, rep->nfindings);
    return rep;
}

/* ---- deployment code ------------------------------------------------ */

/* Findings the hits of one file (or every file: i == -1) will give. */
static size_t
count_hits(const struct aa_program *pg, const struct aa_scan *scan, size_t i)
{
    size_t n = 0;

    for (size_t k = 0; k < scan->nfiles; k++) {
        const struct aa_scan_file *f = scan->files[k];

        if (i != (size_t)-1 && i != k)
            continue;
        for (size_t h = 0; h < f->nhits; h++)
            n += pg->detect_rule[f->hits[h].what] >= 0;
    }
    return n;
}

/* One finding per hit whose detector has a rule.  The pointer names the
 * artifact entry that brought the file in (the scan command has none). */
static void
add_file_findings(struct aa_arena *arena, const struct aa_program *pg,
                  const struct aa_scan_file *file, const struct aa_scenario *sc,
                  struct aa_finding *out, size_t *n)
{
    const char *pointer = NULL;

    if (sc != NULL) {
        char buf[64];

        snprintf(buf, sizeof(buf), "/solution/artifacts/%u", file->origin);
        pointer = aa_arena_strdup(arena, buf);
    }
    for (size_t h = 0; h < file->nhits; h++) {
        const struct aa_hit *hit = &file->hits[h];
        int ix = pg->detect_rule[hit->what];
        const struct aa_crule *cr;
        struct aa_finding *f;

        if (ix < 0)
            continue;
        cr = &pg->rules[ix];
        f = &out[(*n)++];
        memset(f, 0, sizeof(*f));
        f->rule = cr->src->id;
        f->severity = cr->src->severity;
        f->mech =
            cr->mech < AA_NMECH ? aa_mech_name((enum aa_mech)cr->mech) : NULL;
        f->facts = cr->src->facts;
        f->nfacts = cr->src->nfacts;
        f->message = expand_in(arena, &cr->message, sc, hit->subject);
        if (f->message == NULL)
            f->message = "";
        f->pointer = pointer;
        f->at.file = file->path;
        f->at.line = hit->line;
        f->at.col = hit->col;
    }
}

void
aa_report_free(struct aa_report *rep)
{
    if (rep == NULL)
        return;
    aa_arena_fini(&rep->arena);
    free(rep);
}

struct aa_scan_report *
aa_scan_eval(const struct aa_ruleset *rs, const struct aa_scan *s)
{
    const struct aa_program *pg = rs->prog;
    struct aa_scan_report *rep;

    if (pg == NULL)
        return NULL;
    rep = aa_xcalloc(1, sizeof(*rep));
    aa_arena_init(&rep->arena);
    rep->tool_version = aa_version();
    rep->knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    rep->files = aa_arena_alloc(&rep->arena, s->nfiles * sizeof(*rep->files));
    for (size_t i = 0; i < s->nfiles; i++) {
        const struct aa_scan_file *f = s->files[i];
        struct aa_file_report *fr = &rep->files[rep->nfiles++];

        fr->path = f->path;
        fr->kind = aa_scan_kind_name(f->kind);
        fr->status = f->failed ? NULL : aa_scan_status_name(f->status);
        fr->findings = aa_arena_alloc(&rep->arena, count_hits(pg, s, i) *
                                                       sizeof(*fr->findings));
        add_file_findings(&rep->arena, pg, f, NULL, fr->findings,
                          &fr->nfindings);
        sort_findings(fr->findings, fr->nfindings);
        fr->report.tool_version = rep->tool_version;
        fr->report.knowledge_as_of = rep->knowledge_as_of;
        fr->report.source = fr->path;
        fr->report.findings = fr->findings;
        fr->report.nfindings = fr->nfindings;
        for (int m = 0; m < AA_NMECH; m++) {
            fr->report.mech[m].mech = aa_mech_name((enum aa_mech)m);
            fr->report.mech[m].verdict = AA_V_NOT_APPLICABLE;
        }
    }
    return rep;
}

size_t
aa_scan_report_nfiles(const struct aa_scan_report *rep)
{
    return rep->nfiles;
}

const struct aa_report *
aa_scan_report_file(const struct aa_scan_report *rep, size_t i)
{
    return i < rep->nfiles ? &rep->files[i].report : NULL;
}

const char *
aa_scan_report_path(const struct aa_scan_report *rep, size_t i)
{
    return i < rep->nfiles ? rep->files[i].path : NULL;
}

int
aa_scan_report_failed(const struct aa_scan_report *rep, size_t i)
{
    return i < rep->nfiles && rep->files[i].status == NULL;
}

void
aa_scan_report_free(struct aa_scan_report *rep)
{
    if (rep == NULL)
        return;
    aa_arena_fini(&rep->arena);
    free(rep);
}
