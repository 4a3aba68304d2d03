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
 *
 * A plan that covers several workloads is evaluated once per workload, as
 * a "view" of the plan that holds that workload alone and the agreement it
 * is bought on: DPOR in the Microsoft 365 admin centre does not care how
 * Azure is bought, and one blocked cloud must not hide another that works.
 * Each mechanism's verdict is then the best of its views, with every view's
 * answer kept beside it.  Rules that read /outcome run last, once, on the
 * verdicts: they weigh the plan as a whole.
 *
 * Invariants (checked by aa_report_check, and after every evaluation in
 * builds without NDEBUG): see aa_report_check below.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compile.h"
#include "cond.h"
#include "contract.h"
#include "eval.h"
#include "ids.h"
#include "limits.h"
#include "path.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"

/* S: not evaluated, as nothing the rule could say would change its
 * view's advice (tally_rules). */
enum tri { F = 0, T = 1, U = 2, S = 3 };
/* A rule's value in a view's table of them: a byte, so the table a view
 * clears and reads is a quarter of the lines an enum's would be. */
typedef unsigned char tri_byte;

#define MAX_VIEWS 8

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

/* The item of a list that s names, compared without regard to case (role
 * names, resource types and GUIDs are all case-insensitive in Azure), or
 * NULL.  An exact spelling wins over another that differs only in case. */
static const char *
list_find(const struct aa_node *n, const char *s)
{
    const struct aa_lindex *x = n->index;
    unsigned first = 0;

    /* Those equal but for case share a hash and were put in the order
     * written, so the probe meets the first written first. */
    for (size_t h = aa_lindex_hash(s) & x->mask; x->slot[h] != 0;
         h = (h + 1) & x->mask) {
        unsigned i = x->slot[h] - 1;

        if (strcasecmp(n->svals[i], s) != 0)
            continue;
        if (strcmp(n->svals[i], s) == 0)
            return n->svals[i];
        if (first == 0)
            first = i + 1;
    }
    return first != 0 ? n->svals[first - 1] : NULL;
}

/*
 * The list lookups of one evaluation.  A plan's rules look the same text
 * up in the same list again and again (a role in the PEC table, by the
 * rules of several mechanisms and workloads: two thirds of a batch's
 * lookups were repeats), each a hash of the text and a strcasecmp.  A
 * direct-mapped cache keyed by the list and the text's address: a slot
 * holds the last lookup whose pair falls there.  The texts are the plan's
 * and do not change while it is evaluated, which is as long as the cache
 * lives (evaluate's frame).  It grows with the arrays the rules go
 * through: with 64 slots for any plan, a plan of 16 times the roles and
 * resource types had its repeats evicted by other pairs, and its list
 * lookups grew faster than its bytes (docs/performance.md).  A quantifier
 * over an array of more items than a quarter of the slots makes it four
 * slots an item (at most 4 096), on the heap, the pairs cached so far
 * dropped; most plans keep the 64 on the stack.  Not from the report's
 * arena: a report past 64 KiB takes its blocks from the region kept for
 * large programs (arena.c), and plans of 16 times the items took it for
 * their tables (2 MiB more peak memory).
 */
enum { LOOKUP_BITS = 6, LOOKUPS = 1 << LOOKUP_BITS, LOOKUP_MAX_BITS = 12 };
_Static_assert(LOOKUPS <= 64, "struct aa_lookups: a bit a small slot");
struct aa_lookup {
    const struct aa_lindex *list;
    const char *s;
    const char *hit;
};
struct aa_lookups {
    struct aa_lookup *slot; /* 'small', or the heap's once grown */
    unsigned bits;
    /* The slots of 'small' filled so far: not zeroed a plan (1.5 KB of
     * stores, most of them to slots no rule reaches); the heap's are. */
    uint64_t filled;
    struct aa_lookup small[LOOKUPS];
};

static void
lookups_init(struct aa_lookups *c)
{
    c->slot = c->small;
    c->bits = LOOKUP_BITS;
    c->filled = 0;
}

static void
lookups_fini(struct aa_lookups *c)
{
    if (c->slot != c->small)
        free(c->slot);
}

/* Room for an array of n items, as the comment above says. */
static void
lookups_fit(struct aa_lookups *c, size_t n)
{
    unsigned bits;

    if (c == NULL || 4 * n <= (size_t)1 << c->bits ||
        c->bits >= LOOKUP_MAX_BITS)
        return;
    bits = c->bits;
    while (bits < LOOKUP_MAX_BITS && ((size_t)1 << bits) < 4 * n)
        bits++;
    lookups_fini(c);
    c->bits = bits;
    c->slot = aa_xcalloc((size_t)1 << bits, sizeof(*c->slot));
}

static const char *
list_lookup(const struct aa_node *n, const char *s, struct aa_lookups *c)
{
    uint64_t h;
    size_t i;
    struct aa_lookup *e;
    const char *hit;

    if (c == NULL)
        return list_find(n, s);
    h = ((uint64_t)(uintptr_t)s ^ ((uint64_t)(uintptr_t)n->index << 7)) *
        0x9e3779b97f4a7c15ULL;
    i = (size_t)(h >> (64 - c->bits));
    e = &c->slot[i];
    if (c->slot != c->small || (c->filled >> i & 1))
        if (e->list == n->index && e->s == s)
            return e->hit;
    if (c->slot == c->small)
        c->filled |= (uint64_t)1 << i;
    hit = list_find(n, s);
    e->list = n->index;
    e->s = s;
    e->hit = hit;
    return hit;
}

/* A leaf test on a present scalar value.  Free-text strings compare
 * without regard to ASCII case; enumerations are exact (the loader has
 * checked them). */
static int
test_value(const struct aa_node *n, const struct aa_val *v,
           struct aa_lookups *lookups)
{
    const char *hit;
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
            r = strcasecmp(v->s, n->sval) == 0;
            break;
        }
        break;
    case AA_OP_ONE_OF:
        for (size_t i = 0; i < n->nvals && !r; i++)
            r = v->type == AA_T_ENUM ? v->e == n->ivals[i]
                                     : strcasecmp(v->s, n->svals[i]) == 0;
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
        r = aa_is_guid(v->s);
        break;
    case AA_OP_IS_PARTNER_ID:
        r = is_partner_id(v->s);
        break;
    case AA_OP_AZURERM_PID:
        /* As the provider compares it, and as scan reads the code: a
         * plan may not call attributed what terraform plan refuses. */
        r = aa_partner_id_form(v->s, strlen(v->s));
        break;
    case AA_OP_IN_LIST:
        r = list_lookup(n, v->s, lookups) != NULL;
        break;
    case AA_OP_MISCASED_IN:
        hit = list_lookup(n, v->s, lookups);
        r = hit != NULL && strcmp(hit, v->s) != 0;
        break;
    case AA_OP_STARTS_WITH:
        r = strncasecmp(v->s, n->sval, strlen(n->sval)) == 0;
        break;
    case AA_OP_ENDS_WITH: {
        size_t lv = strlen(v->s), ls = strlen(n->sval);

        r = lv >= ls && strcasecmp(v->s + lv - ls, n->sval) == 0;
        break;
    }
    default:
        break;
    }
    return n->neg ? !r : r;
}

/* The bits of a present value of field row that guards test (compile.h),
 * without AA_G_THERE. */
static inline uint64_t
value_bits(const struct aa_val *v, int row)
{
    uint64_t bits = 0;

    if (aa_fields[row].type == AA_T_BOOL)
        bits = (uint64_t)1 << (v->b != 0);
    else if (aa_fields[row].type == AA_T_ENUM)
        bits = (unsigned)v->e < 62 ? (uint64_t)1 << v->e : 0;
    else if (aa_fields[row].type == AA_T_ENUM_ARRAY)
        for (size_t i = 0; i < v->nitems; i++)
            if ((unsigned)v->items[i].e < 62)
                bits |= (uint64_t)1 << v->items[i].e;
    return bits;
}

/* A node marked fast (compile.h): the bits of the field's value, or of
 * its items, against the node's mask.  The same answer as the walk its op
 * would take: the field's values all have a bit (the enumeration has at
 * most 62), and an array's items are present scalars. */
static inline enum tri
eval_fast(const struct aa_node *n, const struct aa_scenario *sc,
          struct aa_rowset *why)
{
    const struct aa_val *v = &sc->vals[n->field];
    uint64_t bits;

    if (!v->present) {
        aa_rowset_add(why, n->field);
        return U;
    }
    bits = value_bits(v, n->field);
    switch ((enum aa_fast)n->fast) {
    case AA_FAST_ALL:
        return (bits & ~n->mask) == 0 ? T : F;
    case AA_FAST_NO:
        return (bits & n->mask) == 0 ? T : F;
    default:
        return (bits & n->mask) != 0 ? T : F;
    }
}

/* A leaf: a test of one field (or of the array item).  Inlined where a
 * combinator meets one, so most of a condition costs no call. */
static inline enum tri
eval_leaf(const struct aa_node *n, const struct aa_scenario *sc,
          const struct aa_val *item, struct aa_rowset *why)
{
    const struct aa_val *v;

    switch ((enum aa_op)n->op) {
    case AA_OP_EXISTS:
        return (sc->vals[n->field].present != 0) != (n->neg != 0) ? T : F;
    case AA_OP_EMPTY:
        v = &sc->vals[n->field];
        if (!v->present) {
            aa_rowset_add(why, n->field);
            return U;
        }
        return (v->nitems == 0) != (n->neg != 0) ? T : F;
    default:
        break;
    }
    v = n->item ? item : &sc->vals[n->field];
    if (!v->present) {
        aa_rowset_add(why, n->field);
        return U;
    }
    return test_value(n, v, sc->lookups) ? T : F;
}

static enum tri eval_node(const struct aa_program *pg, unsigned ix,
                          const struct aa_scenario *sc,
                          const struct aa_val *item, struct aa_rowset *why);

/* A combinator's kid: a leaf inline, a combinator by a call. */
static inline enum tri
eval_kid(const struct aa_program *pg, unsigned kid,
         const struct aa_scenario *sc, const struct aa_val *item,
         struct aa_rowset *why)
{
    const struct aa_node *k = &pg->nodes[kid];

    if (k->fast)
        return eval_fast(k, sc, why);
    return k->op >= AA_OP_EQUALS ? eval_leaf(k, sc, item, why)
                                 : eval_node(pg, kid, sc, item, why);
}

/*
 * A node's value on the plan, three-valued, as its op says (a fast node
 * too: eval_node takes its mask instead).  The fields whose absence
 * leaves it unknown are added to *why, and only when it returns U (every
 * node keeps that), so a combinator can hand its own set to each kid:
 * what kids added before a deciding kid is dropped with that set.
 */
static inline enum tri
eval_op(const struct aa_program *pg, const struct aa_node *n,
        const struct aa_scenario *sc, const struct aa_val *item,
        struct aa_rowset *why)
{
    const struct aa_val *v;
    enum tri acc;

    switch ((enum aa_op)n->op) {
    case AA_OP_ALL:
    case AA_OP_ANY: {
        enum tri stop = n->op == AA_OP_ALL ? F : T;
        struct aa_rowset unk = {{0, 0}};

        acc = n->op == AA_OP_ALL ? T : F;
        for (unsigned i = 0; i < n->nkids; i++) {
            enum tri r = eval_kid(pg, pg->kid[n->first + i], sc, item, &unk);

            if (r == stop)
                return stop;
            if (r == U)
                acc = U;
        }
        if (acc == U)
            aa_rowset_or(why, &unk);
        return acc;
    }
    case AA_OP_NOT:
        acc = eval_node(pg, pg->kid[n->first], sc, item, why);
        return acc == U ? U : acc == T ? F : T;
    case AA_OP_ANY_ITEM:
    case AA_OP_ALL_ITEMS:
    case AA_OP_NO_ITEM: {
        struct aa_rowset none = {{0, 0}};
        size_t hits = 0;

        v = &sc->vals[n->field];
        if (!v->present) {
            aa_rowset_add(why, n->field);
            return U;
        }
        lookups_fit(sc->lookups, v->nitems);
        /* Items are present scalars, so item tests are two-valued. */
        for (size_t i = 0; i < v->nitems; i++)
            hits +=
                eval_kid(pg, pg->kid[n->first], sc, &v->items[i], &none) == T;
        if (n->op == AA_OP_ANY_ITEM)
            return hits > 0 ? T : F;
        if (n->op == AA_OP_ALL_ITEMS)
            return hits == v->nitems ? T : F;
        return hits == 0 ? T : F;
    }
    default:
        return eval_leaf(n, sc, item, why);
    }
}

static enum tri
eval_node(const struct aa_program *pg, unsigned ix,
          const struct aa_scenario *sc, const struct aa_val *item,
          struct aa_rowset *why)
{
    const struct aa_node *n = &pg->nodes[ix];

    return n->fast ? eval_fast(n, sc, why) : eval_op(pg, n, sc, item, why);
}

/* The generated conditions (cond.h) answer in eval's own three values. */
_Static_assert((int)F == AA_COND_F && (int)T == AA_COND_T &&
                   (int)U == AA_COND_U,
               "cond.h's values are eval's");

int
aa_eval_node(const struct aa_program *pg, unsigned ix,
             const struct aa_scenario *sc, struct aa_rowset *why)
{
    return (int)eval_node(pg, ix, sc, NULL, why);
}

/* Whether two evaluations of a node agree: the same value and, where it
 * is unknown, the same fields that leave it so. */
static int
same_answer(enum tri a, const struct aa_rowset *wa, enum tri b,
            const struct aa_rowset *wb)
{
    return a == b && (a != U || (wa->w[0] == wb->w[0] && wa->w[1] == wb->w[1]));
}

/* The conditions of the built-in rules as code, by rule index, when the
 * ruleset is their image; else NULL. */
static const aa_cond_fn *
conds_of(const struct aa_ruleset *rs)
{
    return rs->conds != NULL ? rs->conds->fn : NULL;
}

/*
 * Rule i's condition (node root) on sc, by the code the build wrote for it
 * where fn has it, else by the walk; *why is empty on entry.  Builds with
 * assertions walk it too and stop at any difference, in the value or in
 * the fields that leave it unknown: every evaluation of the test suite
 * then holds the two to one answer.
 */
static inline enum tri
cond_value(const struct aa_program *pg, const aa_cond_fn *fn, unsigned i,
           int root, const struct aa_scenario *sc, struct aa_rowset *why)
{
    enum tri r;

    if (fn == NULL || fn[i] == NULL)
        return eval_node(pg, (unsigned)root, sc, NULL, why);
    r = (enum tri)fn[i](pg, sc, why);
#ifndef NDEBUG
    {
        struct aa_rowset w = {{0, 0}};

        if (!same_answer(eval_node(pg, (unsigned)root, sc, NULL, &w), &w, r,
                         why)) {
            fprintf(stderr,
                    "attrib-advise: internal error: the code of rule "
                    "%s differs from its walk\n",
                    pg->rules[i].src->id);
            abort();
        }
    }
#endif
    return r;
}

/* A scanner's subject for ${match}: holes shown as an ellipsis.  The text
 * between holes goes in as one piece: a subject such as "DPOR needs
 * /a, /b" has none, and a byte at a time was 5% of a batch. */
static void
put_match(struct aa_buf *b, const char *match)
{
    for (const char *p = match;;) {
        size_t n = strcspn(p, AA_HOLE_STR);

        aa_buf_put(b, p, n);
        if (p[n] == '\0')
            return;
        aa_buf_puts(b, "\u2026");
        p += n + 1;
    }
}

/* A scanner's subject as ${match} shows it, for the finding to keep. */
static const char *
match_text(struct aa_arena *arena, const char *subject)
{
    char room[256];
    struct aa_buf b;
    const char *out;

    aa_buf_init(&b, room, sizeof(room));
    put_match(&b, subject != NULL ? subject : "");
    out = aa_arena_strndup(arena, b.s, b.n);
    aa_buf_fini(&b);
    return out;
}

/* How an item that passed an item test is spelt: as the list it matched
 * has it (so ${match} shows Azure's spelling of a role), else as given. */
static const char *
canonical(const struct aa_program *pg, unsigned ix, const char *s)
{
    const struct aa_node *n = &pg->nodes[ix];
    const char *hit;

    if ((n->op == AA_OP_IN_LIST || n->op == AA_OP_MISCASED_IN) &&
        (hit = list_find(n, s)) != NULL)
        return hit;
    if (n->op == AA_OP_ALL || n->op == AA_OP_ANY || n->op == AA_OP_NOT)
        for (unsigned i = 0; i < n->nkids; i++) {
            const char *c = canonical(pg, pg->kid[n->first + i], s);

            if (c != s)
                return c;
        }
    return s;
}

/* ${match} of an ordinary rule, into b: the items that passed the item
 * test of its first any_item, joined with ", ", each name once and no
 * empty one (a plan that writes a name twice said it once). */
static void
rule_match(const struct aa_program *pg, const struct aa_crule *cr,
           const struct aa_scenario *sc, struct aa_buf *b)
{
    const struct aa_node *q;
    const struct aa_val *v;
    const char *said[32];
    size_t nsaid = 0;

    if (cr->match_node < 0)
        return;
    q = &pg->nodes[cr->match_node];
    v = &sc->vals[q->field];
    for (size_t i = 0; v->present && i < v->nitems; i++) {
        struct aa_rowset w = {{0, 0}};
        unsigned kid = pg->kid[q->first];
        const char *name;
        size_t k;

        if (eval_node(pg, kid, sc, &v->items[i], &w) != T)
            continue;
        name = canonical(pg, kid, v->items[i].s);
        for (k = 0; k < nsaid && strcmp(said[k], name) != 0; k++)
            ;
        if (name[0] == '\0' || k < nsaid)
            continue;
        if (nsaid < sizeof(said) / sizeof(said[0]))
            said[nsaid++] = name;
        if (b->n > 0)
            aa_buf_puts(b, ", ");
        aa_buf_puts(b, name);
    }
}

/* Whether the value of a GUID or Partner ID field may go into text the
 * partner pastes (an action): a placeholder, the zero GUID or a malformed
 * ID would put back the mistake a finding beside it reports (CUA-F25), so
 * such a value is written as the field's name, as an absent one is. */
static int
pasteable(int field, const struct aa_val *v)
{
    if (field == AA_ROW_CUA_GUID)
        return v->s != NULL && aa_is_guid(v->s) && !aa_guid_is_zero(v->s);
    if (field == AA_ROW_PARTNER_ID || field == AA_ROW_LOCATION_PARTNER_ID)
        return v->s != NULL && is_partner_id(v->s);
    return 1;
}

/* Counted here, where a text is cut, and nowhere on the way of a text
 * that is not: the front end says it once a run, as a marker inside a
 * report is easy to miss in a CI log.  Process-wide like the limits. */
static size_t texts_cut;

size_t
aa_texts_cut(void)
{
    return texts_cut;
}

/* Cut text b, longer than max bytes, at the last character that ends
 * within max, and end it with a marker that says so: a cut text must not
 * pass for the whole one, nor end inside a UTF-8 sequence. */
static void
cut_text(struct aa_buf *b, size_t max)
{
    char lim[32];
    size_t n = max;

    texts_cut++;

    while (n > 0 && ((unsigned char)b->s[n] & 0xC0) == 0x80)
        n--;
    b->n = n;
    aa_buf_puts(b, " \u2026 [cut at ");
    aa_buf_puts(b, aa_limit_size_text(lim, sizeof(lim), max));
    aa_buf_puts(b, ": --limit text-size=N]");
}

/* Fill a template from the scenario's fields (sc may be NULL: every field
 * is then absent) and ${match}.  The text is at most the text-size limit
 * (and its marker): a template may name the same field 30 times, and a
 * plan value may be 1 MiB, so a few rules could otherwise write gigabytes
 * from kilobytes.  Cut, not refused, as the deployment-code scan cuts a
 * value past expansion-size (docs/security.md): the finding and its
 * severity stand, and so does the exit status. */
static const char *
expand_fill(struct aa_arena *arena, const struct aa_tpl *t,
            const struct aa_scenario *sc, const char *match, int paste)
{
    char num[32], room[512];
    size_t max = aa_limit(AA_LIMIT_TEXT_SIZE);
    struct aa_buf b;
    const char *out;

    aa_buf_init(&b, room, sizeof(room));
    for (size_t i = 0; i < t->nparts && b.n <= max; i++) {
        const struct aa_tpl_part *p = &t->parts[i];
        const struct aa_val *v;

        if (p->text != NULL) {
            aa_buf_puts(&b, p->text);
            continue;
        }
        if (p->field == AA_TPL_MATCH) {
            put_match(&b, match ? match : "");
            continue;
        }
        v = sc ? &sc->vals[p->field] : NULL;
        if (v == NULL || !v->present || (paste && !pasteable(p->field, v))) {
            aa_buf_puts(&b, "<");
            aa_buf_puts(&b, aa_fields[p->field].key);
            aa_buf_puts(&b, ">");
        } else if (v->type == AA_T_BOOL) {
            aa_buf_puts(&b, v->b ? "true" : "false");
        } else if (v->type == AA_T_INT) {
            snprintf(num, sizeof(num), "%.15g", v->n);
            aa_buf_puts(&b, num);
        } else if (v->type == AA_T_STRING_ARRAY || v->type == AA_T_ENUM_ARRAY) {
            for (size_t j = 0; j < v->nitems && b.n <= max; j++) {
                if (j > 0)
                    aa_buf_puts(&b, ", ");
                aa_buf_puts(&b, v->items[j].s);
            }
        } else {
            aa_buf_puts(&b, v->s);
        }
    }
    if (b.n > max)
        cut_text(&b, max);
    out = aa_arena_strndup(arena, b.s, b.n);
    aa_buf_fini(&b);
    return out;
}

/* Whether a template fills in nothing from the plan: no template, or the
 * ruleset's string alone. */
static int
tpl_fixed(const struct aa_tpl *t)
{
    return t->nparts == 0 || (t->nparts == 1 && t->parts[0].text != NULL);
}

/* Most templates fill in nothing: their text is the ruleset's string,
 * returned without a buffer (NULL for no template). */
static inline const char *
expand_in(struct aa_arena *arena, const struct aa_tpl *t,
          const struct aa_scenario *sc, const char *match, int paste)
{
    if (tpl_fixed(t))
        return t->nparts == 0 ? NULL : t->parts[0].text;
    return expand_fill(arena, t, sc, match, paste);
}

/* A rule's template, with ${match} worked out when it is used. */
static const char *
expand_rule(struct aa_report *rep, const struct aa_program *pg,
            const struct aa_crule *cr, const struct aa_tpl *t,
            const struct aa_scenario *sc, int paste)
{
    char room[256];
    struct aa_buf match;
    const char *out;
    int wants = 0;

    if (tpl_fixed(t))
        return t->nparts == 0 ? NULL : t->parts[0].text;
    for (size_t i = 0; i < t->nparts && !wants; i++)
        wants = t->parts[i].text == NULL && t->parts[i].field == AA_TPL_MATCH;
    if (!wants)
        return expand_fill(&rep->arena, t, sc, NULL, paste);
    aa_buf_init(&match, room, sizeof(room));
    rule_match(pg, cr, sc, &match);
    out = expand_fill(&rep->arena, t, sc, match.s, paste);
    aa_buf_fini(&match);
    return out;
}

/* ---- one view ------------------------------------------------------- */

/* Per-mechanism tally of one signal class. */
struct tally {
    int fired;   /* number of true rules */
    int unknown; /* number of unknown rules */
    int first;   /* first true rule (program index), -1 */
    int best;    /* fit: rule with the highest weight, -1 */
    struct aa_rowset missing;
};

/* Signal classes in priority order; index 0 decides first (a rule's
 * class, cls in the program, is its index here). */
static const enum aa_signal prio[] = {AA_SIG_EXCLUDE, AA_SIG_BLOCK,
                                      AA_SIG_AUTOMATIC, AA_SIG_FIT};

/* The verdict of a mechanism from its tallies; *cls the class that
 * decided it, or -1; *open the class left open by an unknown rule, whose
 * rules say why the verdict waits, or -1. */
static enum aa_verdict
resolve(const struct aa_program *pg, const struct tally t[4], int *cls,
        int *open, const struct aa_rowset **missing)
{
    *missing = NULL;
    *open = -1;
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
                return pg->rules[t[i].best].weight >= 50 ? AA_V_RECOMMENDED
                                                         : AA_V_POSSIBLE;
            }
        }
        if (t[i].unknown > 0) {
            *missing = &t[i].missing;
            *open = i;
            *cls = -1; /* no class decided */
            return AA_V_NEEDS_INFO;
        }
    }
    *cls = -1;
    return AA_V_NOT_APPLICABLE;
}

/* A view of the plan: the scenario with its own values for one workload,
 * or the scenario itself when the plan is not split. */
struct view {
    struct aa_scenario sc; /* shallow copy; vals may be the view's own */
    const char *workload;  /* NULL when the plan is not split */
    int agreement_from;    /* row the view's agreement came from, or -1 */
};

/* What one view says: every rule's value, and per mechanism the verdict
 * and its advice. */
struct vres {
    tri_byte *res;
    /* Over staged[0], as the index's bitsets: the rules this view left
     * unevaluated because their mechanisms were settled (res S where they
     * were visited, unwritten where pg->solo's masks dropped them). */
    uint64_t *settled;
    /* The rules that hold, in program order: the few that the advice
     * reads (most rules are false on a plan). */
    unsigned *on;
    size_t non;
    /* The rules of a class left unknown, in program order: a needs_info
     * verdict's reasons. */
    unsigned *unk;
    size_t nunk;
    struct aa_rowset *why;
    /* Per mechanism: the fields whose absence leaves out actions (rules
     * without a verdict left unknown). */
    struct aa_rowset hidden[AA_NMECH];
    int cls[AA_NMECH], open[AA_NMECH], weight[AA_NMECH], decided[AA_NMECH];
    struct aa_advice adv[AA_NMECH];
    struct aa_finding *findings;
    size_t nfindings;
};

/*
 * The views of a plan.  With two or more workloads, one view per workload
 * (in contract order), each holding that workload alone and the agreement
 * it is bought on: customer.agreements.<workload>, else customer.agreement.
 * A transacting CSP partner transacts the workloads bought through CSP: in
 * a view whose workload is bought otherwise, while another is on CSP,
 * transacting_partner reads false.  With one workload, a view only when
 * that workload has an agreement of its own.
 */
static size_t
make_views(struct aa_arena *a, const struct aa_scenario *sc, struct view *out)
{
    int wrow = AA_ROW_WORKLOADS, arow = AA_ROW_AGREEMENT;
    int agrs = AA_ROW_AGREEMENTS, trow = AA_ROW_TRANSACTING;
    const struct aa_val *wl = &sc->vals[wrow];
    int from[MAX_VIEWS], item[MAX_VIEWS], any_csp = 0;
    size_t n = 0, nw = (size_t)aa_contract_enum_count(wrow);

    out[0].sc = *sc;
    out[0].workload = NULL;
    out[0].agreement_from = -1;
    if (!wl->present || wl->nitems == 0)
        return 1;
    for (size_t w = 0; w < nw && n < MAX_VIEWS; w++) {
        const char *name = aa_fields[wrow].values[w];
        int own;
        size_t k;

        for (k = 0; k < wl->nitems && wl->items[k].e != (int)w; k++)
            ;
        if (k == wl->nitems)
            continue;
        own = aa_contract_child(agrs, name, strlen(name));
        item[n] = (int)k;
        from[n] = own >= 0 && sc->vals[own].present ? own : arow;
        if (sc->vals[from[n]].present &&
            strcmp(sc->vals[from[n]].s, "csp") == 0)
            any_csp = 1;
        n++;
    }
    if (n == 1 && from[0] == arow)
        return 1;
    for (size_t i = 0; i < n; i++) {
        struct view *v = &out[i];
        /* Not zeroed: the copy fills it. */
        struct aa_val *vals =
            aa_arena_alloc_raw(a, aa_field_count * sizeof(*vals));
        const struct aa_val *ag = &sc->vals[from[i]];

        memcpy(vals, sc->vals, aa_field_count * sizeof(*vals));
        v->sc = *sc;
        v->sc.vals = vals;
        v->workload = n > 1 ? wl->items[item[i]].s : NULL;
        v->agreement_from = from[i] == arow ? -1 : from[i];
        if (n > 1) {
            vals[wrow].items = &wl->items[item[i]];
            vals[wrow].nitems = 1;
        }
        if (from[i] != arow) {
            vals[arow] = *ag;
            vals[arow].type = AA_T_ENUM;
        }
        if (vals[trow].present && vals[trow].b && ag->present &&
            strcmp(ag->s, "csp") != 0 && any_csp)
            vals[trow].b = 0;
    }
    return n;
}

/* An item of rule cr, without its text. */
static struct aa_item
item_of(const struct aa_crule *cr)
{
    struct aa_item it;

    memset(&it, 0, sizeof(it));
    it.rule = cr->id;
    it.page = cr->builtin;
    it.replaced = cr->replaced;
    it.facts = cr->facts;
    it.nfacts = cr->nfacts;
    return it;
}

static struct aa_item
make_item(struct aa_report *rep, const struct aa_program *pg,
          const struct aa_crule *cr, const struct aa_tpl *text,
          const struct aa_scenario *sc, int paste)
{
    struct aa_item it = item_of(cr);

    it.text = expand_rule(rep, pg, cr, text, sc, paste);
    if (it.text == NULL)
        it.text = "";
    it.fixed = tpl_fixed(text) != 0;
    return it;
}

static struct aa_item
make_action(struct aa_report *rep, const struct aa_program *pg,
            const struct aa_crule *cr, const struct aa_cact *act,
            const struct aa_scenario *sc)
{
    struct aa_item it = make_item(rep, pg, cr, &act->text, sc, 1);

    it.command = expand_rule(rep, pg, cr, &act->command, sc, 1);
    it.snippet = expand_rule(rep, pg, cr, &act->snippet, sc, 1);
    it.refers = act->refers;
    it.fixed = it.fixed && tpl_fixed(&act->command) && tpl_fixed(&act->snippet);
    return it;
}

/* What the verdict of a class says of its mechanism, as a rule of it
 * would decide. */
static const char *
class_words(const struct aa_crule *cr)
{
    switch (cr->cls) {
    case 0:
        return "is not applicable";
    case 1:
        return "is blocked";
    case 2:
        return "is automatic";
    default:
        break;
    }
    return cr->weight >= 50 ? "is recommended" : "is possible";
}

/* The text of a needs_info verdict's reason for one rule left unknown:
 * its own words would say more than is known, so it is named by its
 * title, with the verdict it would give and the fields it waits for:
 * "Waits for customer agreement: if \"Azure DPOR outside an Enterprise
 * Agreement\" holds, DPOR is not applicable." */
static const char *
undecided_text(struct aa_arena *arena, const struct aa_crule *cr,
               enum aa_mech m, const struct aa_rowset *why)
{
    const char *label[128];
    size_t n = 0;
    char room[512];
    struct aa_buf b;
    const char *text;

    for (int w = 0; w < 2; w++)
        for (uint64_t bits = why->w[w]; bits != 0; bits &= bits - 1)
            label[n++] = aa_fields[w * 64 + __builtin_ctzll(bits)].label;
    aa_buf_init(&b, room, sizeof(room));
    aa_buf_puts(&b, n == 0 ? "Undecided" : "Waits for ");
    for (size_t k = 0; k < n; k++) {
        aa_buf_puts(&b, k == 0 ? "" : k + 1 == n ? " and " : ", ");
        aa_buf_puts(&b, label[k]);
    }
    aa_buf_puts(&b, ": if \"");
    aa_buf_puts(&b, cr->src->title);
    aa_buf_puts(&b, "\" holds, ");
    aa_buf_puts(&b, aa_mech_name(m));
    aa_buf_puts(&b, " ");
    aa_buf_puts(&b, class_words(cr));
    aa_buf_puts(&b, ".");
    text = aa_arena_strndup(arena, b.s, b.n);
    aa_buf_fini(&b);
    return text;
}

/*
 * Undecided texts, each made once: a batch meets the same few rules
 * waiting for the same fields on plan after plan, and a text kept from one
 * report to the next is one renderers keep what they made of (a fixed
 * item).  A text is what its title, mechanism, class and fields make, so
 * a slot found by the rule's place is used only where its title reads
 * the same (a program freed and another made in its place, as tests do,
 * meets the same addresses).  Process-wide, as the library is for one
 * thread; bounded: past UMEMO_MAX texts a report makes its own.
 */
#define UMEMO_MAX 1024

/* The texts in the order made, found through a small table of their
 * places: a batch looks one up for each undecided reason, and a table of
 * whole entries was 200 KiB of lines each lookup missed. */
static struct umemo {
    uint16_t slot[2 * UMEMO_MAX]; /* an entry's place + 1; 0: free */
    struct umemo_entry {
        const char *text;
        const void *rule; /* the compiled rule: where to look */
        const char *title, *says;
        uint64_t w0, w1;
        unsigned mech;
    } * e;
    size_t n, cap;
    struct aa_arena arena;
} * umemo;

static const char *
umemo_text(const struct aa_crule *cr, enum aa_mech m,
           const struct aa_rowset *why)
{
    const size_t mask = 2 * UMEMO_MAX - 1;
    uint64_t h = (why->w[0] * 0x9e3779b97f4a7c15u) ^
                 (why->w[1] * 0xc2b2ae3d27d4eb4fu) ^
                 ((uint64_t)(uintptr_t)cr * 0xff51afd7ed558ccdu) ^ (uint64_t)m;
    const char *says = class_words(cr);
    struct umemo_entry *e;

    if (umemo == NULL) {
        umemo = aa_xcalloc(1, sizeof(*umemo));
        aa_arena_init(&umemo->arena);
    }
    for (h = (h ^ h >> 31) & mask; umemo->slot[h] != 0; h = (h + 1) & mask) {
        e = &umemo->e[umemo->slot[h] - 1];
        if (e->rule == cr && e->mech == (unsigned)m && e->w0 == why->w[0] &&
            e->w1 == why->w[1] && e->says == says &&
            strcmp(e->title, cr->src->title) == 0)
            return e->text;
    }
    if (umemo->n == UMEMO_MAX)
        return NULL;
    if (umemo->n == umemo->cap) {
        umemo->cap = umemo->cap ? 2 * umemo->cap : 64;
        umemo->e = aa_xrealloc(umemo->e, umemo->cap, sizeof(*umemo->e));
    }
    e = &umemo->e[umemo->n++];
    umemo->slot[h] = (uint16_t)umemo->n;
    e->rule = cr;
    e->mech = (unsigned)m;
    e->w0 = why->w[0];
    e->w1 = why->w[1];
    e->says = says;
    e->title = aa_arena_strdup(&umemo->arena, cr->src->title);
    e->text = undecided_text(&umemo->arena, cr, m, why);
    return e->text;
}

/* The reason of a needs_info verdict for rule i, left unknown. */
static struct aa_item
make_undecided(struct aa_report *rep, const struct aa_program *pg, unsigned i,
               enum aa_mech m, const struct aa_rowset *why)
{
    const struct aa_crule *cr = &pg->rules[i];
    struct aa_item it = item_of(cr);

    it.undecided = 1;
    it.text = umemo_text(cr, m, why);
    it.fixed = it.text != NULL;
    if (it.text == NULL)
        it.text = undecided_text(&rep->arena, cr, m, why);
    return it;
}

/* Whether none of the mechanisms applies in view r. */
static int
na(const struct vres *r, unsigned mechs)
{
    for (int m = 0; m < AA_NMECH; m++)
        if ((mechs & (1u << m)) && r->adv[m].verdict != AA_V_NOT_APPLICABLE)
            return 0;
    return 1;
}

/* Whether a true rule's verdict stands for one of its mechanisms: it does
 * unless a class of higher priority decided each of them (a block that an
 * exclusion overrules).  An undecided mechanism (needs_info) keeps it: the
 * problem is real whatever the missing fields turn out to be. */
static int
decides(const struct vres *r, const struct aa_crule *cr)
{
    int c = cr->cls;

    for (int m = 0; m < AA_NMECH; m++)
        if ((cr->mechs & (1u << m)) && !(r->cls[m] >= 0 && r->cls[m] < c))
            return 1;
    return 0;
}

/* Whether an action refers to a mechanism that does not apply in r. */
static int
refers_na(const struct vres *r, unsigned refers)
{
    for (int m = 0; m < AA_NMECH; m++)
        if ((refers & (1u << m)) && r->adv[m].verdict == AA_V_NOT_APPLICABLE)
            return 1;
    return 0;
}

static const struct aa_need *
missing_list(struct aa_arena *a, const struct aa_rowset *s, size_t *n)
{
    struct aa_need *v;

    /* Most verdicts miss nothing: no walk over the contract for them, and
     * no count (a call into libgcc where the target has no popcnt). */
    *n = 0;
    if ((s->w[0] | s->w[1]) == 0)
        return NULL;
    *n = (size_t)__builtin_popcountll(s->w[0]) +
         (size_t)__builtin_popcountll(s->w[1]);
    v = aa_arena_alloc(a, *n * sizeof(*v));
    *n = 0;
    for (int w = 0; w < 2; w++)
        for (uint64_t bits = s->w[w]; bits != 0; bits &= bits - 1) {
            int f = w * 64 + __builtin_ctzll(bits);

            v[*n].pointer = aa_fields[f].ptr;
            v[*n].label = aa_fields[f].label;
            v[*n].question = aa_contract_question(f);
            v[(*n)++].row = f;
        }
    return v;
}

static struct aa_finding *
new_finding(struct aa_arena *a, struct aa_finding **v, size_t *n)
{
    /* Arrays grown here hold a power of two: copy into twice the room when
     * n reaches one.  Growing by one in an arena, which frees nothing, took
     * memory in the square of the findings (a rule file of thousands of
     * rules). */
    if ((*n & (*n - 1)) == 0) {
        /* Not zeroed: each entry is, as it is taken. */
        struct aa_finding *nv =
            aa_arena_alloc_raw(a, (*n ? *n * 2 : 1) * sizeof(*nv));

        if (*n > 0)
            memcpy(nv, *v, *n * sizeof(*nv));
        *v = nv;
    }
    memset(&(*v)[*n], 0, sizeof((*v)[*n]));
    return &(*v)[(*n)++];
}

/* What a finding takes from its rule: the id and page, the severity, the
 * mechanisms and the facts. */
static void
finding_rule(struct aa_finding *f, const struct aa_crule *cr)
{
    f->rule = cr->id;
    f->page = cr->builtin;
    f->replaced = cr->replaced;
    f->severity = (enum aa_severity)cr->severity;
    f->mech = cr->mech < AA_NMECH ? aa_mech_name((enum aa_mech)cr->mech) : NULL;
    f->mechs = cr->mechs;
    f->facts = cr->facts;
    f->nfacts = cr->nfacts;
}

static void
fill_finding(struct aa_report *rep, const struct aa_program *pg,
             const struct aa_crule *cr, const struct view *v,
             struct aa_finding *f)
{
    int row = cr->pointer;
    char room[256];
    struct aa_buf match;

    /* A view's agreement came from the workload's own entry: point there. */
    if (v->agreement_from >= 0 && row == AA_ROW_AGREEMENT)
        row = v->agreement_from;
    finding_rule(f, cr);
    f->pointer = aa_fields[row].ptr;
    f->at = aa_scenario_loc(&v->sc, row);
    f->at.file = v->sc.name;
    /* A brief report tells the findings of several views apart by their
     * words (merge_findings); one view's need none. */
    if (rep->brief && rep->nviews == 1) {
        f->match = f->message = "";
        return;
    }
    /* ${match} is kept whether or not the message shows it: it is part of
     * what identifies the finding across runs (aa_finding_fingerprint). */
    aa_buf_init(&match, room, sizeof(room));
    rule_match(pg, cr, &v->sc, &match);
    /* Most rules have no ${match}: no copy of nothing. */
    f->match =
        match.n > 0 ? aa_arena_strndup(&rep->arena, match.s, match.n) : "";
    f->message = expand_in(&rep->arena, &cr->message, &v->sc, match.s, 0);
    f->fixed = tpl_fixed(&cr->message);
    aa_buf_fini(&match);
    if (f->message == NULL)
        f->message = "";
}

/* The rules of staged[0] that no guard indexed by the program rules out
 * on this plan, as a bitset of pg->gwords words over their places there
 * (struct aa_gindex); acc is room for as many words. */
static void
alive_rules(const struct aa_program *pg, const struct aa_scenario *sc,
            uint64_t *alive, uint64_t *acc)
{
    size_t w = pg->gwords, n = pg->nstaged[0];

    for (size_t k = 0; k < w; k++)
        alive[k] = aa_bits_all(n, k);
    for (size_t i = 0; i < pg->ngidx; i++) {
        const struct aa_gindex *g = &pg->gidx[i];
        const struct aa_val *v = &sc->vals[g->field];
        const uint64_t *row;
        uint64_t b = v->present ? value_bits(v, (int)g->field) : 0;

        if (!v->present) {
            row = g->pass + (size_t)g->absent * w;
        } else if ((b & (b - 1)) == 0) {
            row = g->pass + (size_t)g->row_of[b ? __builtin_ctzll(b) : 63] * w;
        } else {
            /* Several items: through on any of them. */
            memset(acc, 0, w * sizeof(*acc));
            for (; b != 0; b &= b - 1) {
                row = g->pass + (size_t)g->row_of[__builtin_ctzll(b)] * w;
                for (size_t k = 0; k < w; k++)
                    acc[k] |= row[k];
            }
            row = acc;
        }
        /* Most rule sets fit two words: those without a loop. */
        alive[0] &= row[0];
        if (w > 1)
            alive[1] &= row[1];
        for (size_t k = 2; k < w; k++)
            alive[k] &= row[k];
    }
}

/* Whether the value of field f has a bit of guard mask 'mask' (compile.h):
 * else the rule of the guard is false. */
static inline int
guard_passes(const struct aa_scenario *sc, unsigned f, uint64_t mask)
{
    const struct aa_val *v = &sc->vals[f];
    uint64_t bits =
        v->present ? value_bits(v, (int)f) | AA_G_THERE : ~AA_G_THERE;

    return (bits & mask) != 0;
}

/* Whether the plan fails one of the first n guards of the rule, which
 * makes the rule false whatever the rest of its condition says. */
static inline int
guard_fails(const struct aa_crule *cr, const struct aa_scenario *sc, unsigned n)
{
    for (unsigned k = 0; k < n; k++)
        if (!guard_passes(sc, cr->gfield[k], cr->gmask[k]))
            return 1;
    return 0;
}

/* Whether the plan fails a guard that rule j of staged[0] tests itself
 * (compile.h, nresid): the first kept with the rule's hot bytes, the rest
 * with the rule. */
static inline int
resid_fails(const struct aa_program *pg, size_t j, const struct aa_scenario *sc)
{
    const struct aa_hot *h = &pg->hot[j];
    const struct aa_crule *cr;

    if (!(h->flags & AA_HOT_RESID))
        return 0;
    if (!guard_passes(sc, h->gfield, h->gmask))
        return 1;
    if (!(h->flags & AA_HOT_RESID2))
        return 0;
    cr = &pg->rules[pg->staged[0][j]];
    return guard_fails(cr, sc, cr->nresid);
}

/*
 * Every first-stage rule of the mechanisms 'mechs' (every rule when mechs
 * is AA_ALL_MECHS) once, tallied by mechanism and class; a rule with a
 * flag of 'skip' (AA_HOT_*) is left false.
 *
 * With 'settle', a rule that could not change the view's advice is not
 * evaluated (S).  The classes are taken in priority order (pg->clsbits),
 * and a mechanism is settled by the first class in which a rule holds or
 * is unknown: resolve reads no class after it.  A rule of a later class
 * then gives that mechanism no verdict, reason or action, nor a finding
 * where a rule held (decides), and where the settling class was unknown
 * it can give only a finding.  A rule without a verdict speaks only where
 * its mechanism applies.  So a rule all of whose mechanisms are settled
 * thus is left out: nearly half of those a view's guards leave.  An
 * explanation, which shows every rule's value, evaluates them all.
 */
#define AA_ALL_MECHS 0u
static void
tally_rules(struct aa_arena *arena, const struct aa_program *pg,
            const aa_cond_fn *fn, const struct aa_scenario *sc, unsigned mechs,
            unsigned skip, int settle, tri_byte *res, struct aa_rowset *why,
            struct tally tal[AA_NMECH][4], struct vres *out,
            const struct vres *first)
{
    size_t w = pg->gwords;
    uint64_t *alive = aa_arena_alloc_raw(arena, 4 * w * sizeof(*alive));
    /* The rules of the phase whose one mechanism is settled; those found
     * true or unknown, which the advice reads. */
    uint64_t *drop = alive + 2 * w, *said = alive + 3 * w;
    uint64_t *settled =
        out != NULL ? aa_arena_alloc(arena, w * sizeof(*settled)) : NULL;
    /* Mechanisms settled by a class that held, by one left unknown, and
     * by an exclusion that held. */
    unsigned held = 0, unknown = 0, excluded = 0;
    /* The masks of pg->solo in drop: moot, and moot_f shifted. */
    unsigned dropped = 0;

    alive_rules(pg, sc, alive, alive + w);
    memset(said, 0, w * sizeof(*said));
    memset(tal, 0, AA_NMECH * 4 * sizeof(tal[0][0]));
    for (int m = 0; m < AA_NMECH; m++)
        for (int c = 0; c < 4; c++)
            tal[m][c].first = tal[m][c].best = -1;
    /* Detect rules speak for scan hits, not for the scenario, and the
     * second stage runs on the verdicts: false here.  So is every rule
     * a guard rules out. */
    memset(res, 0, pg->nrules * sizeof(*res));
    for (int phase = 0; phase < AA_PHASES; phase++) {
        const uint64_t *in = pg->clsbits + (size_t)phase * w;
        /* The mechanisms a rule of this phase cannot move: for one with a
         * finding, and for one without. */
        unsigned moot_f = held, moot = held | unknown;

        if (phase == AA_NO_CLASS) /* where the mechanism does not apply */
            moot_f = moot =
                excluded | ((1u << AA_NMECH) - 1 - (held | unknown));
        if (!settle)
            moot_f = moot = 0;
        /* Most rules speak for one mechanism: those of the settled ones
         * leave the loop by the word (pg->solo), the rest one by one.  The
         * classes only add to what is settled, so the masks already in
         * stay; the rules without a class are settled otherwise. */
        if (phase == AA_NO_CLASS || phase == 0) {
            memset(drop, 0, w * sizeof(*drop));
            dropped = 0;
        }
        for (unsigned b = (moot | moot_f << AA_NMECH) & ~dropped; b != 0;
             b &= b - 1) {
            const uint64_t *one = pg->solo + (size_t)__builtin_ctz(b) * w;

            for (size_t k = 0; k < w; k++)
                drop[k] |= one[k];
        }
        dropped |= moot | moot_f << AA_NMECH;
        for (size_t k = 0; k < w; k++) {
            uint64_t here = alive[k] & in[k];

            if (settled != NULL)
                settled[k] |= here & drop[k];
            for (uint64_t live = here & ~drop[k]; live != 0; live &= live - 1) {
                size_t j = k * 64 + (size_t)__builtin_ctzll(live);
                uint64_t bit = (uint64_t)1 << (j % 64);
                const struct aa_hot *h = &pg->hot[j];
                unsigned i = pg->staged[0][j];
                unsigned unsettled =
                    h->mechs & ~(h->flags & AA_HOT_FINDING ? moot_f : moot);
                int c = h->cls;

                if ((mechs != AA_ALL_MECHS && !(h->mechs & mechs)) ||
                    (h->flags & skip))
                    continue;
                if (h->mechs != 0 && unsettled == 0) {
                    res[i] = S;
                    if (settled != NULL)
                        settled[k] |= bit;
                    continue;
                }
                if (h->root < 0) {
                    res[i] = T;
                } else if (first != NULL && !(h->flags & AA_HOT_PER_VIEW) &&
                           !(first->settled[k] & bit)) {
                    /* As in the plan's first view, which read the same
                     * fields. */
                    if ((res[i] = first->res[i]) == F)
                        continue;
                    if (res[i] == U)
                        why[i] = first->why[i];
                } else if (resid_fails(pg, j, sc)) {
                    continue;
                } else {
                    struct aa_rowset wu = {{0, 0}};

                    /* why[i] is read only where the rule is unknown. */
                    res[i] = (tri_byte)cond_value(pg, fn, i, h->root, sc, &wu);
                    if (res[i] == F)
                        continue;
                    if (res[i] == U)
                        why[i] = wu;
                }
                said[k] |= bit;
                if (c < 0)
                    continue;
                for (unsigned b = h->mechs; b != 0; b &= b - 1) {
                    struct tally *t = &tal[__builtin_ctz(b)][c];

                    if (res[i] == T) {
                        if (t->fired++ == 0)
                            t->first = (int)i;
                        if (t->best < 0 ||
                            pg->rules[i].weight > pg->rules[t->best].weight)
                            t->best = (int)i;
                    } else {
                        t->unknown++;
                        aa_rowset_or(&t->missing, &why[i]);
                    }
                }
            }
        }
        for (int m = 0; phase < AA_NO_CLASS && m < AA_NMECH; m++)
            if (!((held | unknown) >> m & 1)) {
                if (tal[m][phase].fired > 0) {
                    held |= 1u << m;
                    excluded |= phase == 0 ? 1u << m : 0;
                } else if (tal[m][phase].unknown > 0) {
                    unknown |= 1u << m;
                }
            }
    }
    if (out == NULL)
        return;
    out->settled = settled;
    /* The advice reads the rules that hold in program order, and the
     * fields whose absence hides a rule's actions. */
    for (size_t k = 0; k < w; k++)
        for (uint64_t live = said[k]; live != 0; live &= live - 1) {
            size_t j = k * 64 + (size_t)__builtin_ctzll(live);
            unsigned i = pg->staged[0][j];
            const struct aa_hot *h = &pg->hot[j];

            if (res[i] == T)
                out->on[out->non++] = i;
            else if (h->cls >= 0)
                out->unk[out->nunk++] = i;
            else if (h->flags & AA_HOT_HIDES)
                for (unsigned b = h->mechs; b != 0; b &= b - 1)
                    aa_rowset_or(&out->hidden[__builtin_ctz(b)], &why[i]);
        }
}

/* View v of a plan into r; 'first' is the plan's first view, done, or
 * NULL for that one.  With 'every', every rule is evaluated, for an
 * explanation (tally_rules). */
static void
eval_view(struct aa_report *rep, const struct aa_program *pg,
          const aa_cond_fn *fn, const struct view *v, unsigned bit,
          struct vres *r, const struct vres *first, int every)
{
    const struct aa_scenario *sc = &v->sc;
    struct tally tal[AA_NMECH][4];
    /* Per mechanism: the reasons and actions its true rules give. */
    size_t nr[AA_NMECH], nact[AA_NMECH];
    unsigned needs = 0; /* the mechanisms left needs_info */

    memset(r, 0, sizeof(*r));
    /* Not zeroed: tally_rules sets every result, and the reasons of the
     * rules left unknown, the only ones read. */
    r->res =
        aa_arena_alloc_raw(&rep->arena, (pg->nrules + 1) * sizeof(*r->res));
    r->res[pg->nrules] = F;
    r->why =
        aa_arena_alloc_raw(&rep->arena, (pg->nrules + 1) * sizeof(*r->why));
    r->on = aa_arena_alloc_raw(&rep->arena, (pg->nrules + 1) * sizeof(*r->on));
    r->unk =
        aa_arena_alloc_raw(&rep->arena, (pg->nrules + 1) * sizeof(*r->unk));
    tally_rules(&rep->arena, pg, fn, sc, AA_ALL_MECHS,
                rep->brief ? AA_HOT_WORDS : 0, !every, r->res, r->why, tal, r,
                first);

    /* Verdicts first: actions and soft findings depend on all of them. */
    for (int m = 0; m < AA_NMECH; m++) {
        const struct aa_rowset *missing;
        struct aa_advice *a = &r->adv[m];
        struct aa_rowset need = {{0, 0}};

        memset(a, 0, sizeof(*a));
        a->mech = aa_mech_name((enum aa_mech)m);
        a->workload = v->workload;
        a->verdict = resolve(pg, tal[m], &r->cls[m], &r->open[m], &missing);
        needs |= (unsigned)(a->verdict == AA_V_NEEDS_INFO) << m;
        r->decided[m] = r->cls[m] >= 0 ? tal[m][r->cls[m]].first : -1;
        r->weight[m] =
            r->cls[m] == 3 ? pg->rules[tal[m][r->cls[m]].best].weight : 0;
        if (missing != NULL)
            need = *missing;
        /* Where the mechanism applies, a field whose absence leaves out
         * actions is missing too: the partner should know what it hides.
         * Not while the verdict waits: its list says what decides it, and
         * the interview asks those first (fields of actions come after,
         * once the verdict is known and they matter). */
        if (a->verdict != AA_V_NOT_APPLICABLE && a->verdict != AA_V_NEEDS_INFO)
            aa_rowset_or(&need, &r->hidden[m]);
        if (!rep->brief)
            a->missing = missing_list(&rep->arena, &need, &a->nmissing);
    }

    /* Reasons and actions, in declaration order: counted, then made. */
    memset(nr, 0, sizeof(nr));
    memset(nact, 0, sizeof(nact));
    for (int pass = 0; pass < 2 && !rep->brief; pass++) {
        for (size_t j = 0; j < r->non; j++) {
            const struct aa_crule *cr = &pg->rules[r->on[j]];
            int c = cr->cls;

            for (unsigned b = cr->mechs & ((1u << AA_NMECH) - 1); b != 0;
                 b &= b - 1) {
                int m = __builtin_ctz(b);
                struct aa_advice *a = &r->adv[m];
                int in_class = c >= 0 && c == r->cls[m];

                if (in_class) {
                    if (pass == 1)
                        a->reasons[a->nreasons++] =
                            make_item(rep, pg, cr, &cr->reason, sc, 0);
                    else
                        nr[m]++;
                }
                /* Rules without a verdict add actions unless the
                 * mechanism does not apply at all. */
                if (!in_class && (c >= 0 || a->verdict == AA_V_NOT_APPLICABLE))
                    continue;
                for (size_t k = 0; k < cr->nacts; k++) {
                    /* Never send the partner to a mechanism that does
                     * not apply here. */
                    if (refers_na(r, cr->acts[k].refers))
                        continue;
                    if (pass == 1)
                        a->actions[a->nactions++] =
                            make_action(rep, pg, cr, &cr->acts[k], sc);
                    else
                        nact[m]++;
                }
            }
        }
        /* An undecided verdict's reasons: the rules of the class left open,
         * each with what it would decide and the fields it waits for. */
        for (size_t j = 0; needs != 0 && j < r->nunk; j++) {
            const struct aa_crule *cr = &pg->rules[r->unk[j]];

            for (unsigned b = cr->mechs & needs; b != 0; b &= b - 1) {
                int m = __builtin_ctz(b);
                struct aa_advice *a = &r->adv[m];

                if (cr->cls != r->open[m])
                    continue;
                if (pass == 0)
                    nr[m]++;
                else
                    a->reasons[a->nreasons++] =
                        make_undecided(rep, pg, r->unk[j], (enum aa_mech)m,
                                       &r->why[r->unk[j]]);
            }
        }
        for (int m = 0; pass == 0 && m < AA_NMECH; m++) {
            struct aa_advice *a = &r->adv[m];

            /* Not zeroed: the second pass fills what the first counted. */
            a->reasons =
                aa_arena_alloc_raw(&rep->arena, nr[m] * sizeof(*a->reasons));
            a->actions =
                aa_arena_alloc_raw(&rep->arena, nact[m] * sizeof(*a->actions));
        }
    }

    /* Findings.  A soft fact whispers only where its mechanism applies,
     * and so does a rule without a verdict; the finding of a rule with a
     * verdict explains that verdict, so it is not reported where a higher
     * class overruled it (a block beside an exclusion would contradict the
     * verdict shown). */
    for (size_t j = 0; j < r->non; j++) {
        const struct aa_crule *cr = &pg->rules[r->on[j]];
        struct aa_finding *f;

        if (!cr->has_finding)
            continue;
        /* A finding about a mechanism that does not apply here is moot
         * (unless its rule decided that, as an exclusion's does). */
        if ((cr->soft || cr->cls < 0) && cr->mechs != 0 && na(r, cr->mechs))
            continue;
        if (cr->cls >= 0 && !decides(r, cr))
            continue;
        f = new_finding(&rep->arena, &r->findings, &r->nfindings);
        fill_finding(rep, pg, cr, v, f);
        f->views = bit;
    }
}

/* ---- the views together --------------------------------------------- */

/* Best first: the verdict of a mechanism is the best of its views. */
static int
goodness(enum aa_verdict v)
{
    switch (v) {
    case AA_V_RECOMMENDED:
        return 0;
    case AA_V_AUTOMATIC:
        return 1;
    case AA_V_POSSIBLE:
        return 2;
    case AA_V_BLOCKED:
        return 3;
    case AA_V_NEEDS_INFO:
        return 4;
    case AA_V_NOT_APPLICABLE:
        break;
    }
    return 5;
}

static int
same_item(const struct aa_item *a, const struct aa_item *b)
{
    return a->rule == b->rule && strcmp(a->text, b->text) == 0 &&
           (a->command == b->command ||
            (a->command && b->command && strcmp(a->command, b->command) == 0));
}

/* Append the items of src not already in dst (dst has room for all). */
static void
merge_items(struct aa_item *dst, size_t *n, const struct aa_item *src,
            size_t ns)
{
    for (size_t i = 0; i < ns; i++) {
        size_t k;

        for (k = 0; k < *n && !same_item(&dst[k], &src[i]); k++)
            ;
        if (k == *n)
            dst[(*n)++] = src[i];
    }
}

static void
merge_mech(struct aa_report *rep, struct vres *vr, size_t nv, int m)
{
    struct aa_advice *a = &rep->mech[m];
    enum aa_verdict best = vr[0].adv[m].verdict;
    size_t nr = 0, na_ = 0;
    struct aa_rowset need = {{0, 0}};

    for (size_t v = 1; v < nv; v++)
        if (goodness(vr[v].adv[m].verdict) < goodness(best))
            best = vr[v].adv[m].verdict;
    memset(a, 0, sizeof(*a));
    a->mech = vr[0].adv[m].mech;
    a->verdict = best;
    a->per = aa_arena_alloc(&rep->arena, nv * sizeof(*a->per));
    a->nper = nv;
    for (size_t v = 0; v < nv; v++) {
        a->per[v] = vr[v].adv[m];
        nr += vr[v].adv[m].nreasons;
        na_ += vr[v].adv[m].nactions;
    }
    /* Not zeroed: merge_items fills what it counts. */
    a->reasons = aa_arena_alloc_raw(&rep->arena, nr * sizeof(*a->reasons));
    a->actions = aa_arena_alloc_raw(&rep->arena, na_ * sizeof(*a->actions));
    for (size_t v = 0; v < nv; v++) {
        const struct aa_advice *p = &vr[v].adv[m];

        if (p->verdict == best)
            merge_items(a->reasons, &a->nreasons, p->reasons, p->nreasons);
        /* Every applicable view's actions: a blocked workload's way out
         * belongs in the summary as much as the best one's steps. */
        if (p->verdict != AA_V_NOT_APPLICABLE || best == AA_V_NOT_APPLICABLE)
            merge_items(a->actions, &a->nactions, p->actions, p->nactions);
        for (size_t k = 0; k < p->nmissing; k++)
            aa_rowset_add(&need, p->missing[k].row);
    }
    a->missing = missing_list(&rep->arena, &need, &a->nmissing);
}

/* A finding of several views, in the order of its first view. */
struct seen {
    struct aa_finding *f;
    size_t seq;
};

static int
cmp_seen(const void *a, const void *b)
{
    const struct seen *x = a, *y = b;
    int c;

    /* Rule ids are the ruleset's own strings: one address per rule. */
    if (x->f->rule != y->f->rule)
        return (uintptr_t)x->f->rule < (uintptr_t)y->f->rule ? -1 : 1;
    if ((c = strcmp(x->f->pointer, y->f->pointer)) != 0 ||
        (c = strcmp(x->f->message, y->f->message)) != 0)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_seq(const void *a, const void *b)
{
    const struct seen *x = a, *y = b;

    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The findings of every view, each once, with the views it came from.  A
 * finding that holds in several views is the same rule at the same field
 * with the same words; sorting finds them in n log n (a rule pack can fire
 * thousands of rules). */
static void
merge_findings(struct aa_report *rep, struct vres *vr, size_t nv,
               struct aa_finding **out, size_t *nout)
{
    struct seen *all;
    size_t n = 0, kept = 0;

    for (size_t v = 0; v < nv; v++)
        n += vr[v].nfindings;
    if (nv == 1 || n == 0) {
        /* One view holds each finding once, in an array new_finding grew:
         * it goes on growing it. */
        *out = vr[0].findings;
        *nout = vr[0].nfindings;
        return;
    }
    all = aa_xcalloc(n, sizeof(*all));
    for (size_t v = 0, k = 0; v < nv; v++)
        for (size_t i = 0; i < vr[v].nfindings; i++, k++) {
            all[k].f = &vr[v].findings[i];
            all[k].seq = k;
        }
    qsort(all, n, sizeof(*all), cmp_seen);
    for (size_t i = 0; i < n; i++) {
        if (kept > 0 && all[kept - 1].f->rule == all[i].f->rule &&
            strcmp(all[kept - 1].f->pointer, all[i].f->pointer) == 0 &&
            strcmp(all[kept - 1].f->message, all[i].f->message) == 0) {
            all[kept - 1].f->views |= all[i].f->views;
            continue;
        }
        all[kept++] = all[i];
    }
    qsort(all, kept, sizeof(*all), cmp_seq);
    for (size_t i = 0; i < kept; i++)
        *new_finding(&rep->arena, out, nout) = *all[i].f;
    free(all);
}

static size_t count_hits(const struct aa_program *pg,
                         const struct aa_scan *scan);
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

/* The plan with /outcome: the merged verdicts, which second-stage rules
 * read, in vals (room for aa_field_count values, which only the
 * evaluation reads: nothing of the report points into them). */
static void
outcome_view(struct aa_report *rep, const struct aa_program *pg,
             const struct aa_scenario *sc, int whole, struct aa_val *vals,
             struct view *out)
{
    /* Only the rows the second stage reads (pg->stage2_rows): most of a
     * plan's 3.4 KB of values no rule of it looks at.  An explanation,
     * which may show any field, has them all. */
    if (whole) {
        memcpy(vals, sc->vals, aa_field_count * sizeof(*vals));
    } else {
#ifndef NDEBUG
        /* A row read that the program did not list is no value at all. */
        memset(vals, 0xA5, aa_field_count * sizeof(*vals));
#endif
        for (int w = 0; w < 2; w++)
            for (uint64_t b = pg->stage2_rows.w[w]; b != 0; b &= b - 1) {
                int f = w * 64 + __builtin_ctzll(b);

                vals[f] = sc->vals[f];
            }
    }
    vals[AA_ROW_OUTCOME].present = 1;
    for (int m = 0; m < AA_NMECH; m++) {
        int row = AA_ROW_OUTCOME + 1 + m;

        vals[row].present = 1;
        vals[row].type = AA_T_ENUM;
        vals[row].e = (int)rep->mech[m].verdict;
        vals[row].s = aa_verdict_name(rep->mech[m].verdict);
    }
    out->sc = *sc;
    out->sc.vals = vals;
    out->workload = NULL;
    out->agreement_from = -1;
}

/* The second stage: rules that read /outcome, on the merged verdicts. */
static void
eval_outcome(struct aa_report *rep, const struct aa_program *pg,
             const aa_cond_fn *fn, const struct view *out, unsigned all,
             struct aa_finding **v, size_t *n)
{
    for (size_t j = 0; j < pg->nstaged[1]; j++) {
        unsigned i = pg->staged[1][j];
        const struct aa_crule *cr = &pg->rules[i];
        struct aa_rowset why = {{0, 0}};
        struct aa_finding *f;

        /* Most are false by a guard, as first-stage rules are. */
        if (guard_fails(cr, &out->sc, cr->nguards) ||
            cond_value(pg, fn, i, cr->root, &out->sc, &why) != T)
            continue;
        f = new_finding(&rep->arena, v, n);
        fill_finding(rep, pg, cr, out, f);
        f->views = all;
    }
}

/* ---- the plan file itself ------------------------------------------ */

/* The subject of a pending finding whose words wait for triage. */
static const char WAIT[] = "";

/* Fill f for the rule that detects 'what' (rules/input.yaml); 0 when no
 * rule does, and then it is not reported.  With subject WAIT, f has no
 * message or match yet (word_pending). */
static int
input_finding(struct aa_report *rep, const struct aa_program *pg,
              const struct aa_scenario *sc, enum aa_detect what,
              const char *pointer, struct aa_loc at, const char *subject,
              unsigned views, struct aa_finding *f)
{
    int ix = pg->detect_rule[what];
    const struct aa_crule *cr;

    if (ix < 0)
        return 0;
    cr = &pg->rules[ix];
    memset(f, 0, sizeof(*f));
    finding_rule(f, cr);
    if (rep->brief) {
        f->message = f->match = "";
    } else if (subject == WAIT) {
        f->message = f->match = NULL; /* word_pending, if triage shows it */
    } else {
        f->message = expand_in(&rep->arena, &cr->message, sc, subject, 0);
        if (f->message == NULL)
            f->message = "";
        /* A copy: the subject of a pending finding is built on the
         * caller's stack, and the fingerprint reads the match after
         * triage. */
        f->match = aa_arena_strdup(&rep->arena, subject != NULL ? subject : "");
    }
    f->pointer = pointer;
    f->at = at;
    f->at.file = sc->name;
    f->input = 1;
    f->views = views;
    return 1;
}

/* The knowledge is stale after the day the program computed: pending
 * until triage knows today. */
static void
stale_knowledge(struct aa_report *rep, const struct aa_program *pg,
                const struct aa_scenario *sc, const char *as_of, unsigned all)
{
    struct aa_pending *p = &rep->pending[rep->npending];

    if (pg->fresh_until[0] == '\0' ||
        !input_finding(rep, pg, sc, AA_D_KNOWLEDGE_STALE, "",
                       aa_scenario_loc(sc, AA_FIELD_ROOT), WAIT, all, &p->f))
        return;
    p->when = AA_PEND_STALE;
    p->date = pg->fresh_until;
    p->subject = as_of;
    p->mech = -1;
    rep->npending++;
}

/* s after the *len bytes of buf, as snprintf there would put it: cut to
 * fit, NUL-terminated, and *len counting all of it.  Without printf's
 * format parsing, which was 5% of advising a plan (one subject a
 * mechanism that needs information). */
static void
append(char *buf, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);

    if (*len < cap) {
        size_t room = cap - 1 - *len, k = n < room ? n : room;

        memcpy(buf + *len, s, k);
        buf[*len + k] = '\0';
    }
    *len += n;
}

/*
 * The words of pending finding p, which triage is about to show (struct
 * aa_pending): most runs show none, and a text or JSON batch spent 3% of
 * its instructions wording them.  An undecided mechanism's subject ("DPOR
 * needs /a, /b") is made from its answer, which triage leaves as it is.
 */
static void
word_pending(struct aa_report *rep, const struct aa_ruleset *rs,
             const struct aa_scenario *sc, struct aa_pending *p)
{
    const struct aa_program *pg = rs->prog;
    int ix =
        pg->detect_rule[p->when == AA_PEND_COMPLETE ? AA_D_INCOMPLETE
                                                    : AA_D_KNOWLEDGE_STALE];
    const char *subject = p->subject != NULL ? p->subject : "";
    char buf[512];

    if (p->f.message != NULL || ix < 0)
        return;
    if (p->when == AA_PEND_COMPLETE && p->mech >= 0 && p->mech < AA_NMECH) {
        const struct aa_advice *a = &rep->mech[p->mech];
        size_t len = 0;

        buf[0] = '\0';
        append(buf, sizeof(buf), &len, a->mech);
        append(buf, sizeof(buf), &len, " needs");
        for (size_t k = 0; k < a->nmissing && len < sizeof(buf); k++) {
            append(buf, sizeof(buf), &len, k ? ", " : " ");
            append(buf, sizeof(buf), &len, a->missing[k].pointer);
        }
        subject = buf;
    }
    p->f.message =
        expand_in(&rep->arena, &pg->rules[ix].message, sc, subject, 0);
    if (p->f.message == NULL)
        p->f.message = "";
    p->f.match = aa_arena_strdup(&rep->arena, subject);
}

/*
 * What the plan file says of itself: the loader's issues (unknown keys,
 * suppressions it could not take), suppressions of rules that do not
 * exist, and a plan on which no verdict could be decided.  Also, for
 * triage, what only a run's policy shows: a suppression past its date,
 * and each undecided mechanism under --require-complete.
 */
static void
add_input_findings(struct aa_report *rep, const struct aa_ruleset *rs,
                   const struct aa_scenario *sc, unsigned all,
                   struct aa_finding **v, size_t *n)
{
    const struct aa_program *pg = rs->prog;
    struct aa_loc root = aa_scenario_loc(sc, AA_FIELD_ROOT);
    struct aa_finding f;
    int undecided = 0;

    for (size_t i = 0; i < sc->nissues; i++) {
        const struct aa_issue *is = &sc->issues[i];
        struct aa_loc at = {sc->name, is->line, is->col};

        if (input_finding(rep, pg, sc, is->what, is->pointer, at, is->subject,
                          all, &f))
            *new_finding(&rep->arena, v, n) = f;
    }
    /* Not zeroed: an entry is filled whole as it is counted. */
    rep->pending = aa_arena_alloc_raw(&rep->arena, (sc->nsupp + AA_NMECH + 1) *
                                                       sizeof(*rep->pending));
    rep->word_pending = word_pending;
    stale_knowledge(rep, pg, sc, aa_ruleset_knowledge_as_of(rs), all);
    for (size_t i = 0; i < sc->nsupp; i++) {
        const struct aa_suppress *s = &sc->supp[i];
        struct aa_loc at = {sc->name, s->line, s->col};
        struct aa_pending *p = &rep->pending[rep->npending];
        char subject[512];

        if (!aa_ruleset_has_rule(rs, s->rule)) {
            if (input_finding(rep, pg, sc, AA_D_SUPPRESSION_UNKNOWN_RULE,
                              s->pointer, at, s->rule, all, &f))
                *new_finding(&rep->arena, v, n) = f;
            continue;
        }
        if (s->expires == NULL)
            continue;
        snprintf(subject, sizeof(subject), "%s expired on %s", s->rule,
                 s->expires);
        if (input_finding(rep, pg, sc, AA_D_SUPPRESSION_EXPIRED, s->pointer, at,
                          subject, all, &p->f)) {
            p->when = AA_PEND_EXPIRED;
            p->date = s->expires;
            p->subject = NULL;
            p->mech = -1;
            rep->npending++;
        }
    }
    for (int m = 0; m < AA_NMECH; m++) {
        const struct aa_advice *a = &rep->mech[m];
        struct aa_pending *p = &rep->pending[rep->npending];
        int row;

        if (a->verdict != AA_V_NEEDS_INFO)
            continue;
        undecided++;
        row = a->nmissing > 0 ? a->missing[0].row : -1;
        if (input_finding(rep, pg, sc, AA_D_INCOMPLETE,
                          row >= 0 ? aa_fields[row].ptr : "",
                          aa_scenario_loc(sc, row >= 0 ? row : AA_FIELD_ROOT),
                          WAIT, all, &p->f)) {
            p->when = AA_PEND_COMPLETE;
            p->f.mech = a->mech;
            p->f.mechs = 1u << m;
            p->subject = NULL;
            p->mech = m;
            rep->npending++;
        }
    }
    if (undecided == AA_NMECH &&
        input_finding(rep, pg, sc, AA_D_NOTHING_DECIDED, "", root, "", all, &f))
        *new_finding(&rep->arena, v, n) = f;
}

/* ---- explanation ---------------------------------------------------- */

/* What --explain shows of a rule's condition: each node's value on the
 * view, got from eval_node itself so that it cannot differ from what the
 * verdict used, with what the node read and where the plan writes it. */

struct aa_xread
aa_eval_read(struct aa_arena *a, const struct aa_val *v)
{
    struct aa_xread r;

    memset(&r, 0, sizeof(r));
    if (v == NULL || !v->present)
        return r;
    switch (v->type) {
    case AA_T_BOOL:
        r.kind = AA_XR_BOOL;
        r.b = v->b;
        break;
    case AA_T_INT:
        r.kind = AA_XR_NUMBER;
        r.n = v->n;
        break;
    case AA_T_STRING_ARRAY:
    case AA_T_ENUM_ARRAY: {
        const char **items =
            aa_arena_alloc(a, (v->nitems + 1) * sizeof(*items));

        r.kind = AA_XR_ARRAY;
        for (size_t i = 0; i < v->nitems; i++)
            items[i] = v->items[i].s;
        r.items = items;
        r.nitems = v->nitems;
        break;
    }
    case AA_T_OBJECT:
        break; /* read only by exists/missing: present is all it says */
    default:
        r.kind = AA_XR_STRING;
        r.s = v->s;
        break;
    }
    return r;
}

/* The operand as the rule writes it; NULL for the operators that combine
 * conditions or quantify over items. */
static const char *
operand_text(struct aa_arena *a, const struct aa_cond *k)
{
    struct aa_buf b = {NULL, 0, 0, NULL};

    switch (k->op) {
    case AA_OP_ALL:
    case AA_OP_ANY:
    case AA_OP_NOT:
    case AA_OP_ANY_ITEM:
    case AA_OP_ALL_ITEMS:
    case AA_OP_NO_ITEM:
        return NULL;
    case AA_OP_IN_LIST:
    case AA_OP_MISCASED_IN:
        return k->list;
    case AA_OP_ONE_OF: {
        const char *s;

        aa_buf_puts(&b, "[");
        for (size_t i = 0; i < k->nlits; i++) {
            if (i > 0)
                aa_buf_puts(&b, ", ");
            aa_buf_puts(&b, k->lits[i].s);
        }
        aa_buf_puts(&b, "]");
        s = aa_arena_strndup(a, b.s, b.n);
        aa_buf_fini(&b);
        return s;
    }
    default:
        if (k->nlits > 0)
            return k->lits[0].s;
        return k->flag ? "true" : "false";
    }
}

static enum tri
explain_node(struct aa_arena *a, const struct aa_program *pg, unsigned ix,
             const struct aa_scenario *sc, const struct aa_val *item,
             struct aa_xcond *x)
{
    const struct aa_node *n = &pg->nodes[ix];
    const struct aa_cond *k = pg->node_src[ix];
    struct aa_rowset why = {{0, 0}};
    enum tri t = eval_node(pg, ix, sc, item, &why);
    const struct aa_val *v = NULL;

    memset(x, 0, sizeof(*x));
    x->op = aa_op_name(k->op); /* as written: n->op folds not_equals */
    x->value = t == T ? 1 : t == F ? 0 : -1;
    x->rule_at = k->at;
    x->operand = operand_text(a, k);
    if (n->item) {
        v = item;
    } else if (n->field >= 0) {
        v = &sc->vals[n->field];
        x->pointer = aa_fields[n->field].ptr;
        /* A derived field (/outcome, /evidence) is written nowhere. */
        if (v->present && !aa_fields[n->field].derived) {
            x->at = aa_scenario_loc(sc, n->field);
            x->at.file = sc->name;
        }
    }
    x->read = aa_eval_read(a, v);
    switch ((enum aa_op)n->op) {
    case AA_OP_ALL:
    case AA_OP_ANY:
    case AA_OP_NOT:
        x->nkids = n->nkids;
        x->kids = aa_arena_alloc(a, n->nkids * sizeof(*x->kids));
        for (unsigned i = 0; i < n->nkids; i++)
            explain_node(a, pg, pg->kid[n->first + i], sc, item, &x->kids[i]);
        break;
    case AA_OP_ANY_ITEM:
    case AA_OP_ALL_ITEMS:
    case AA_OP_NO_ITEM:
        if (v == NULL || !v->present)
            break;
        x->nkids = v->nitems;
        x->kids = aa_arena_alloc(a, v->nitems * sizeof(*x->kids));
        for (size_t i = 0; i < v->nitems; i++) {
            explain_node(a, pg, pg->kid[n->first], sc, &v->items[i],
                         &x->kids[i]);
            x->kids[i].item = i + 1;
            x->kids[i].read = aa_eval_read(a, &v->items[i]);
        }
        break;
    default:
        break;
    }
    return t;
}

/* Rule i as it applied in a view: res its value there, why the fields
 * that left it unknown. */
static void
explain_rule(struct aa_report *rep, const struct aa_program *pg, size_t i,
             const struct aa_scenario *sc, enum tri res,
             const struct aa_rowset *why, struct aa_xrule *x)
{
    const struct aa_crule *cr = &pg->rules[i];

    memset(x, 0, sizeof(*x));
    x->rule = cr->src->id;
    x->at = cr->src->at;
    x->signal =
        cr->src->signal == AA_SIG_NONE ? NULL : aa_signal_name(cr->src->signal);
    x->weight = cr->src->weight;
    x->outcome = cr->stage == 2;
    if (cr->detect >= 0) {
        x->detect = cr->src->detect;
        for (size_t k = 0; k < rep->nfindings && !x->value; k++)
            x->value = strcmp(rep->findings[k].rule, x->rule) == 0;
        return;
    }
    x->value = res == T ? 1 : res == F ? 0 : -1;
    if (res == U)
        x->missing = missing_list(&rep->arena, why, &x->nmissing);
    if (cr->root >= 0) {
        struct aa_xcond *c = aa_arena_alloc(&rep->arena, sizeof(*c));

        /* The tree is the evaluator's own reading: its value is the
         * rule's, or the engine has two minds. */
        if (explain_node(&rep->arena, pg, (unsigned)cr->root, sc, NULL, c) !=
            res)
            abort();
        x->when = c;
    }
}

static int
wanted(const struct aa_crule *cr, const char *rule)
{
    return rule == NULL || strcmp(cr->src->id, rule) == 0;
}

static struct aa_xmech *
new_group(struct aa_report *rep, size_t cap, const char *mech,
          const char *workload)
{
    struct aa_xmech *g = &rep->explain[rep->nexplain++];

    memset(g, 0, sizeof(*g));
    g->mech = mech;
    g->workload = workload;
    g->verdict = AA_V_NEEDS_INFO;
    g->rules = aa_arena_alloc(&rep->arena, cap * sizeof(*g->rules));
    return g;
}

/* The explanation of a report: per view, each mechanism's rules, then the
 * plan-wide ones; the rules that read /outcome, which ran once on the
 * merged verdicts, close the last group of a plan answered whole, or make
 * their own.  'rule' keeps one rule; groups without it are left out. */
static void
explain_report(struct aa_report *rep, const struct aa_program *pg,
               const struct view *views, const struct vres *vr, size_t nv,
               const struct aa_scenario *outcome, const char *rule)
{
    size_t cap = pg->nrules + 1;

    rep->explain_rule = rule;
    rep->explain = aa_arena_alloc(&rep->arena, (nv * (AA_NMECH + 1) + 1) *
                                                   sizeof(*rep->explain));
    for (size_t v = 0; v < nv; v++) {
        const struct vres *r = &vr[v];

        for (int m = 0; m <= AA_NMECH; m++) {
            struct aa_xmech *g = new_group(
                rep, cap, m < AA_NMECH ? aa_mech_name((enum aa_mech)m) : "GEN",
                views[v].workload);

            if (m < AA_NMECH) {
                g->verdict = r->adv[m].verdict;
                if (r->decided[m] >= 0)
                    g->decided_by = pg->rules[r->decided[m]].src->id;
            }
            for (size_t i = 0; i < pg->nrules; i++) {
                const struct aa_crule *cr = &pg->rules[i];
                int mine = m < AA_NMECH ? (cr->mechs & (1u << m)) != 0
                                        : cr->mechs == 0;

                if (!mine || cr->stage == 2 || !wanted(cr, rule) ||
                    (cr->detect >= 0 && rule == NULL))
                    continue;
                explain_rule(rep, pg, i, &views[v].sc, r->res[i], &r->why[i],
                             &g->rules[g->nrules]);
                g->rules[g->nrules].decides = m < AA_NMECH && r->res[i] == T &&
                                              r->cls[m] >= 0 &&
                                              cr->cls == r->cls[m];
                g->nrules++;
            }
        }
    }
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];
        struct aa_rowset why = {{0, 0}};
        struct aa_xmech *g;
        enum tri t;

        if (cr->stage != 2 || cr->root < 0 || !wanted(cr, rule))
            continue;
        g = &rep->explain[rep->nexplain - 1];
        if (nv > 1 && g->workload != NULL)
            g = new_group(rep, cap, "GEN", NULL);
        t = eval_node(pg, (unsigned)cr->root, outcome, NULL, &why);
        explain_rule(rep, pg, i, outcome, t, &why, &g->rules[g->nrules++]);
    }
    /* Asked about one rule: only the groups where it stands. */
    if (rule != NULL) {
        size_t k = 0;

        for (size_t g = 0; g < rep->nexplain; g++)
            if (rep->explain[g].nrules > 0)
                rep->explain[k++] = rep->explain[g];
        rep->nexplain = k;
    }
}

#ifndef NDEBUG
/* Whether brief report b gives the verdicts, ranks and findings of full
 * report f (then freed): the same rules at the same places, with the same
 * severity, mechanisms and views, in the same order. */
static int
same_verdicts(const struct aa_report *b, const struct aa_scenario *sc,
              struct aa_report *f)
{
    int same = b->nviews == f->nviews && b->nfindings == f->nfindings;

    for (int m = 0; same && m < AA_NMECH; m++) {
        same = b->mech[m].verdict == f->mech[m].verdict &&
               b->mech[m].rank == f->mech[m].rank &&
               b->mech[m].nper == f->mech[m].nper;
        for (size_t v = 0; same && v < b->mech[m].nper; v++)
            same = b->mech[m].per[v].verdict == f->mech[m].per[v].verdict;
    }
    for (size_t i = 0; same && i < b->nfindings; i++) {
        const struct aa_finding *x = &b->findings[i], *y = &f->findings[i];

        same = x->rule == y->rule && x->severity == y->severity &&
               (x->pointer == NULL ? y->pointer == NULL
                                   : y->pointer != NULL &&
                                         strcmp(x->pointer, y->pointer) == 0) &&
               x->mechs == y->mechs && x->views == y->views;
    }
    if (!same)
        fprintf(stderr,
                "attrib-advise: %s: invariant: a brief report differs from "
                "the full one\n",
                sc->name);
    aa_report_free(f);
    return same;
}
#endif

static struct aa_report *
evaluate(const struct aa_ruleset *rs, const struct aa_scenario *sc, int explain,
         const char *rule, int brief)
{
    const struct aa_program *pg = rs->prog;
    struct aa_report *rep;
    struct view views[MAX_VIEWS];
    struct vres vr[MAX_VIEWS];
    struct rankkey keys[AA_NMECH];
    struct aa_finding *found = NULL;
    size_t nv, nkeys = 0, nfound = 0, nfind;
    unsigned all;
    struct view out;
    /* On the stack: neither outlives the evaluation, and the report's
     * arena need not grow by a copy of every value and 64 slots a plan
     * (1% fewer first-level misses of a batch than there). */
    struct aa_val outvals[AA_FIELD_LIMIT];
    struct aa_lookups lookups;

    if (pg == NULL)
        return NULL;
    rep = aa_in_own_arena(sizeof(*rep), offsetof(struct aa_report, arena));
    rep->tool_version = aa_version();
    rep->knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    rep->source = sc->name;
    rep->no_lines = aa_scenario_loc(sc, AA_FIELD_ROOT).line == 0;
    rep->source_line = sc->first_line;
    rep->scenario_id = sc->vals[2].present ? sc->vals[2].s : NULL;
    rep->brief = brief && !explain;

    nv = make_views(&rep->arena, sc, views);
    lookups_init(&lookups);
    for (size_t v = 0; v < nv; v++)
        views[v].sc.lookups = &lookups;
    all = (1u << nv) - 1;
    rep->nviews = nv;
    for (size_t v = 0; v < nv; v++) {
        rep->views[v] = views[v].workload;
        eval_view(rep, pg, conds_of(rs), &views[v], 1u << v, &vr[v],
                  v > 0 ? &vr[0] : NULL, explain);
    }

    /* One answer per mechanism: the best view, every view beside it. */
    for (int m = 0; m < AA_NMECH; m++) {
        int best_w = -1, order = -1;

        if (nv == 1) {
            rep->mech[m] = vr[0].adv[m];
            rep->mech[m].workload = NULL;
        } else {
            merge_mech(rep, vr, nv, m);
        }
        for (size_t v = 0; v < nv; v++)
            if (vr[v].adv[m].verdict == rep->mech[m].verdict &&
                vr[v].weight[m] > best_w) {
                best_w = vr[v].weight[m];
                order = vr[v].decided[m];
            }
        if (rank_class(rep->mech[m].verdict) >= 0) {
            keys[nkeys].mech = m;
            keys[nkeys].cls = rank_class(rep->mech[m].verdict);
            keys[nkeys].weight = best_w;
            keys[nkeys++].order = order;
        }
    }
    qsort(keys, nkeys, sizeof(keys[0]), cmp_rank);
    for (size_t i = 0; i < nkeys; i++)
        rep->mech[keys[i].mech].rank = (int)i + 1;

    merge_findings(rep, vr, nv, &found, &nfound);
    outcome_view(rep, pg, sc, explain, outvals, &out);
    out.sc.lookups = &lookups;
    eval_outcome(rep, pg, conds_of(rs), &out, all, &found, &nfound);
    add_input_findings(rep, rs, sc, all, &found, &nfound);

    /* Then what the deployment code shows, and a stable sort by severity. */
    nfind = nfound + (sc->scan != NULL ? count_hits(pg, sc->scan) : 0);
    if (nfind == nfound) {
        rep->findings = found;
    } else {
        rep->findings =
            aa_arena_alloc(&rep->arena, nfind * sizeof(*rep->findings));
        if (nfound > 0)
            memcpy(rep->findings, found, nfound * sizeof(*found));
    }
    rep->nfindings = nfound;
    if (sc->scan != NULL)
        for (size_t i = 0; i < sc->scan->nfiles; i++)
            add_file_findings(&rep->arena, pg, sc->scan->files[i], sc,
                              rep->findings, &rep->nfindings);
    for (size_t i = nfound; i < rep->nfindings; i++)
        rep->findings[i].views = all;
    aa_findings_sort(rep->findings, rep->nfindings);
    for (size_t i = 0; nv > 1 && i < rep->nfindings; i++) {
        struct aa_finding *f = &rep->findings[i];

        f->workloads = aa_arena_alloc(&rep->arena, nv * sizeof(char *));
        for (size_t v = 0; v < nv; v++)
            if (f->views & (1u << v))
                f->workloads[f->nworkloads++] = rep->views[v];
    }
    if (explain)
        explain_report(rep, pg, views, vr, nv, &out.sc, rule);
    lookups_fini(&lookups);
#ifndef NDEBUG
    if (aa_report_check(rs, rep, 0, stderr) != 0)
        abort(); /* an engine bug: these hold for every compiled ruleset */
    if (rep->brief && !same_verdicts(rep, sc, evaluate(rs, sc, 0, NULL, 0)))
        abort(); /* and a brief report is the full one without words */
#endif
    return rep;
}

struct aa_report *
aa_eval(const struct aa_ruleset *rs, const struct aa_scenario *sc)
{
    return evaluate(rs, sc, 0, NULL, 0);
}

struct aa_report *
aa_eval_verdicts(const struct aa_ruleset *rs, const struct aa_scenario *sc)
{
    return evaluate(rs, sc, 0, NULL, 1);
}

struct aa_report *
aa_eval_explain(const struct aa_ruleset *rs, const struct aa_scenario *sc,
                const char *rule)
{
    return evaluate(rs, sc, 1, rule, 0);
}

int
aa_eval_rule(const struct aa_ruleset *rs, size_t i,
             const struct aa_scenario *sc)
{
    const struct aa_crule *cr = &rs->prog->rules[i];
    struct aa_rowset why = {{0, 0}};
    enum tri t;

    if (cr->root < 0)
        return 1;
    t = eval_node(rs->prog, (unsigned)cr->root, sc, NULL, &why);
    return t == T ? 1 : t == F ? 0 : -1;
}

const char *
aa_eval_guard_unsound(const struct aa_ruleset *rs, const struct aa_scenario *sc,
                      size_t *fired)
{
    const struct aa_program *pg = rs->prog;
    struct aa_arena a;
    uint64_t *alive;
    const char *bad = NULL;

    aa_arena_init(&a);
    alive = aa_arena_alloc(&a, 2 * pg->gwords * sizeof(*alive));
    alive_rules(pg, sc, alive, alive + pg->gwords);
    for (size_t i = 0; i < pg->nrules && bad == NULL; i++) {
        const struct aa_crule *cr = &pg->rules[i];

        if (cr->root >= 0 && guard_fails(cr, sc, cr->nguards) &&
            aa_eval_rule(rs, i, sc) != 0)
            bad = cr->src->id;
    }
    /* The index, and the guards a rule tests itself, as the loop of
     * every evaluation reads them. */
    for (size_t j = 0; j < pg->nstaged[0] && bad == NULL; j++) {
        size_t i = pg->staged[0][j];
        const struct aa_crule *cr = &pg->rules[i];

        if ((alive[j / 64] >> j % 64 & 1) &&
            !(cr->root >= 0 && resid_fails(pg, j, sc)))
            continue;
        ++*fired;
        if (aa_eval_rule(rs, i, sc) != 0)
            bad = cr->src->id;
    }
    aa_arena_fini(&a);
    return bad;
}

const char *
aa_eval_fast_unsound(const struct aa_ruleset *rs, const struct aa_scenario *sc,
                     size_t *checked)
{
    const struct aa_program *pg = rs->prog;

    for (size_t i = 0; i < pg->nnodes; i++) {
        const struct aa_node *n = &pg->nodes[i];
        struct aa_rowset wf = {{0, 0}}, wo = {{0, 0}};
        enum tri f, o;

        if (!n->fast)
            continue;
        ++*checked;
        f = eval_fast(n, sc, &wf);
        o = eval_op(pg, n, sc, NULL, &wo);
        if (!same_answer(f, &wf, o, &wo))
            return aa_fields[n->field].ptr;
    }
    return NULL;
}

enum aa_verdict
aa_eval_verdict(const struct aa_ruleset *rs, const struct aa_scenario *sc,
                int m)
{
    const struct aa_program *pg = rs->prog;
    struct aa_arena a;
    struct view views[MAX_VIEWS];
    struct tally tal[AA_NMECH][4];
    enum aa_verdict best = AA_V_NOT_APPLICABLE;
    size_t nv;

    aa_arena_init(&a);
    nv = make_views(&a, sc, views);
    for (size_t v = 0; v < nv; v++) {
        tri_byte *res = aa_arena_alloc(&a, (pg->nrules + 1) * sizeof(*res));
        struct aa_rowset *why =
            aa_arena_alloc(&a, (pg->nrules + 1) * sizeof(*why));
        const struct aa_rowset *missing;
        enum aa_verdict got;
        int cls, open;

        memset(why, 0, (pg->nrules + 1) * sizeof(*why));
        tally_rules(&a, pg, conds_of(rs), &views[v].sc, 1u << m, 0, 1, res, why,
                    tal, NULL, NULL);
        got = resolve(pg, tal[m], &cls, &open, &missing);
        if (v == 0 || goodness(got) < goodness(best))
            best = got;
    }
    aa_arena_fini(&a);
    return best;
}

/* ---- deployment code ------------------------------------------------ */

/* Findings the hits of one file will give. */
static size_t
file_hits(const struct aa_program *pg, const struct aa_scan_file *f)
{
    size_t n = 0;

    for (size_t h = 0; h < f->nhits; h++)
        n += pg->detect_rule[f->hits[h].what] >= 0;
    return n;
}

/* The same for every file of the scan. */
static size_t
count_hits(const struct aa_program *pg, const struct aa_scan *scan)
{
    size_t n = 0;

    for (size_t k = 0; k < scan->nfiles; k++)
        n += file_hits(pg, scan->files[k]);
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
        finding_rule(f, cr);
        f->code = 1;
        f->message = expand_in(arena, &cr->message, sc, hit->subject, 0);
        if (f->message == NULL)
            f->message = "";
        f->match = match_text(arena, hit->subject);
        f->pointer = pointer;
        f->at.file = file->path;
        f->at.line = hit->line;
        f->at.col = hit->col;
        f->written = hit->written;
        f->decides = aa_detect_justifies(hit->what, file->status);
        if (hit->nsteps > 0) {
            struct aa_finding_step *v =
                aa_arena_alloc(arena, hit->nsteps * sizeof(*v));

            for (size_t k = 0; k < hit->nsteps; k++) {
                v[k].name = hit->steps[k].name;
                v[k].line = hit->steps[k].line;
                v[k].col = hit->steps[k].col;
                v[k].written = hit->steps[k].written;
            }
            f->steps = v;
            f->nsteps = hit->nsteps;
        }
    }
}

/* A scanned file and its index among the scan's files. */
struct file_at {
    const struct aa_scan_file *f;
    size_t i;
};

static int
cmp_file_at(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct file_at *)a)->f;
    uintptr_t y = (uintptr_t)((const struct file_at *)b)->f;

    return (x > y) - (x < y);
}

/* Index of f among the scan's files (by[] sorted by file), or
 * s->nfiles.  A file can deploy thousands: a walk of the files for each
 * link grew with the square of the folder. */
static size_t
file_index(const struct aa_scan *s, const struct file_at *by,
           const struct aa_scan_file *f)
{
    struct file_at key = {f, 0};
    const struct file_at *hit =
        bsearch(&key, by, s->nfiles, sizeof(*by), cmp_file_at);

    return hit != NULL ? hit->i : s->nfiles;
}

/* Who deploys whom, as indexes the renderers can follow. */
static void
link_files(struct aa_scan_report *rep, const struct aa_scan *s)
{
    struct file_at *by = aa_xcalloc(s->nfiles + 1, sizeof(*by));

    for (size_t i = 0; i < s->nfiles; i++)
        by[i] = (struct file_at){s->files[i], i};
    qsort(by, s->nfiles, sizeof(*by), cmp_file_at);
    for (size_t i = 0; i < s->nfiles; i++) {
        const struct aa_scan_file *f = s->files[i];
        struct aa_file_report *fr = &rep->files[i];

        fr->parents =
            aa_arena_alloc(&rep->arena, (f->nparents + 1) * sizeof(size_t));
        for (size_t k = 0; k < f->nparents; k++) {
            size_t p = file_index(s, by, f->parents[k]);
            struct aa_file_report *pr = &rep->files[p];

            if (p == s->nfiles)
                continue;
            fr->parents[fr->nparents++] = p;
            if (pr->nchildren == 0 ||
                (pr->nchildren & (pr->nchildren - 1)) == 0) {
                size_t cap = pr->nchildren ? pr->nchildren * 2 : 1;
                size_t *v = aa_arena_alloc(&rep->arena, cap * sizeof(size_t));

                if (pr->nchildren)
                    memcpy(v, pr->children, pr->nchildren * sizeof(size_t));
                pr->children = v;
            }
            pr->children[pr->nchildren++] = i;
        }
    }
    free(by);
}

void
aa_report_free(struct aa_report *rep)
{
    if (rep != NULL)
        aa_own_arena_fini(&rep->arena); /* the report is in it */
}

/* File f of a scan as the report's entry fr, its findings in the
 * report's arena. */
static void
eval_file(struct aa_scan_report *rep, const struct aa_program *pg,
          const struct aa_scan_file *f, struct aa_file_report *fr)
{
    memset(fr, 0, sizeof(*fr));
    fr->path = f->path;
    fr->kind = aa_scan_kind_name(f->kind);
    fr->status = f->failed ? NULL : aa_scan_status_name(f->status);
    fr->error = f->error;
    fr->findings =
        aa_arena_alloc(&rep->arena, file_hits(pg, f) * sizeof(*fr->findings));
    add_file_findings(&rep->arena, pg, f, NULL, fr->findings, &fr->nfindings);
    aa_findings_sort(fr->findings, fr->nfindings);
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

static struct aa_scan_report *
new_scan_report(const struct aa_ruleset *rs)
{
    struct aa_scan_report *rep = aa_xcalloc(1, sizeof(*rep));

    aa_arena_init(&rep->arena);
    rep->tool_version = aa_version();
    rep->knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    return rep;
}

struct aa_scan_report *
aa_scan_eval(const struct aa_ruleset *rs, const struct aa_scan *s)
{
    const struct aa_program *pg = rs->prog;
    struct aa_scan_report *rep;

    if (pg == NULL)
        return NULL;
    rep = new_scan_report(rs);
    rep->files = aa_arena_alloc(&rep->arena, s->nfiles * sizeof(*rep->files));
    for (size_t i = 0; i < s->nfiles; i++)
        eval_file(rep, pg, s->files[i], &rep->files[rep->nfiles++]);
    link_files(rep, s);
    return rep;
}

/* A report of aa_scan_eval_each: the scan it reads, the file it holds. */
struct aa_scan_each {
    const struct aa_program *pg;
    const struct aa_scan *scan;
    size_t next; /* the scan's next file to load */
    struct aa_file_report file;
};

struct aa_scan_report *
aa_scan_eval_each(const struct aa_ruleset *rs, const struct aa_scan *s)
{
    struct aa_scan_report *rep;

    if (rs->prog == NULL)
        return NULL;
    rep = new_scan_report(rs);
    rep->each = aa_xcalloc(1, sizeof(*rep->each));
    rep->each->pg = rs->prog;
    rep->each->scan = s;
    rep->files = &rep->each->file;
    return rep;
}

int
aa_scan_report_next(struct aa_scan_report *rep)
{
    struct aa_scan_each *e = rep->each;

    if (e == NULL)
        return 0;
    /* What the file before held goes; the strings of the scan and of
     * the rules stay, as they outlive the report. */
    aa_arena_fini(&rep->arena);
    aa_arena_init(&rep->arena);
    rep->nfiles = 0;
    if (e->next >= e->scan->nfiles) {
        rep->last = 1; /* past the last: a triage now counts what is stale */
        return 0;
    }
    eval_file(rep, e->pg, e->scan->files[e->next++], &e->file);
    rep->nfiles = 1;
    rep->last = e->next == e->scan->nfiles;
    return 1;
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

long
aa_scan_report_find(const struct aa_scan_report *rep, const char *path)
{
    char *want = aa_path_file(path);
    long found = -1;

    for (size_t i = 0; found < 0 && i < rep->nfiles; i++) {
        char *got = aa_path_file(rep->files[i].path);

        if (strcmp(got, want) == 0)
            found = (long)i;
        free(got);
    }
    free(want);
    return found;
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
    free(rep->each);
    free(rep);
}

/* ---- invariants ----------------------------------------------------- */

static void violation(int *n, FILE *out, const struct aa_report *rep, int m,
                      const char *workload, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
violation(int *n, FILE *out, const struct aa_report *rep, int m,
          const char *workload, const char *fmt, ...)
{
    va_list ap;

    (*n)++;
    if (out == NULL)
        return;
    fprintf(out, "attrib-advise: %s: invariant: %s%s%s: ", rep->source,
            m >= 0 ? aa_report_mech_name((unsigned)m) : "plan",
            workload ? " for " : "", workload ? workload : "");
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
}

static int
cites_soft(const struct aa_ruleset *rs, const char *const *facts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct aa_fact *f = aa_ruleset_find_fact(rs, facts[i]);

        if (f != NULL && strstr(f->status, "soft") != NULL)
            return 1;
    }
    return 0;
}

static int
finding_of(const struct aa_finding *f, int m)
{
    return (f->mechs & (1u << m)) != 0;
}

/* The value a condition's kids give it, by Kleene's logic and the
 * quantifiers' definitions: an explanation must agree with itself. */
static int
xcond_consistent(const struct aa_xcond *c)
{
    int t = 0, f = 0, u = 0, want;

    for (size_t k = 0; k < c->nkids; k++) {
        if (!xcond_consistent(&c->kids[k]))
            return 0;
        t += c->kids[k].value > 0;
        f += c->kids[k].value == 0;
        u += c->kids[k].value < 0;
    }
    if (strcmp(c->op, "all") == 0)
        want = f ? 0 : u ? -1 : 1;
    else if (strcmp(c->op, "any") == 0)
        want = t ? 1 : u ? -1 : 0;
    else if (strcmp(c->op, "not") == 0)
        want = c->kids[0].value < 0 ? -1 : !c->kids[0].value;
    else if (c->read.kind == AA_XR_ABSENT && c->pointer != NULL &&
             strcmp(c->op, "exists") != 0 && strcmp(c->op, "missing") != 0)
        want = -1;
    else if (strcmp(c->op, "any_item") == 0)
        want = t > 0;
    else if (strcmp(c->op, "all_items") == 0)
        want = f == 0;
    else if (strcmp(c->op, "no_item") == 0)
        want = t == 0;
    else
        want = c->value; /* a leaf: its own reading */
    return want == c->value;
}

/* The explanation of an aa_eval_explain report says what the advice
 * says: each group's verdict is its view's, the rule that decided it is
 * there and fired, an unknown rule names what it lacks. */
static void
check_explain(int *bad, FILE *out, const struct aa_report *rep)
{
    for (size_t g = 0; g < rep->nexplain; g++) {
        const struct aa_xmech *x = &rep->explain[g];
        int m = -1, seen = 0;

        for (int k = 0; k < AA_NMECH; k++)
            if (strcmp(x->mech, rep->mech[k].mech) == 0)
                m = k;
        for (size_t v = 0; m >= 0 && v < rep->nviews; v++) {
            const struct aa_advice *a =
                rep->nviews > 1 ? &rep->mech[m].per[v] : &rep->mech[m];
            const char *wl = rep->nviews > 1 ? rep->views[v] : NULL;

            if ((wl == NULL) != (x->workload == NULL) ||
                (wl != NULL && strcmp(wl, x->workload) != 0))
                continue;
            seen = 1;
            if (a->verdict != x->verdict)
                violation(
                    bad, out, rep, m, wl, "explained as %s, advised as %s",
                    aa_verdict_name(x->verdict), aa_verdict_name(a->verdict));
        }
        if (m >= 0 && !seen)
            violation(bad, out, rep, m, x->workload,
                      "explained for an answer the report does not give");
        for (size_t k = 0; k < x->nrules; k++) {
            const struct aa_xrule *r = &x->rules[k];

            if (x->decided_by != NULL && strcmp(r->rule, x->decided_by) == 0)
                seen = 2;
            if (r->decides && r->value != 1)
                violation(bad, out, rep, m, x->workload,
                          "%s decides without firing", r->rule);
            if (r->value < 0 && r->nmissing == 0)
                violation(bad, out, rep, m, x->workload,
                          "%s is unknown, yet lacks no field", r->rule);
            if (r->when != NULL &&
                (r->when->value != r->value || !xcond_consistent(r->when)))
                violation(bad, out, rep, m, x->workload,
                          "the conditions of %s disagree with its value",
                          r->rule);
        }
        if (x->decided_by != NULL && rep->explain_rule == NULL && seen != 2)
            violation(bad, out, rep, m, x->workload,
                      "decided by %s, which the explanation leaves out",
                      x->decided_by);
    }
}

/* 3. A mechanism's missing fields come in row order, each with its row's
 * pointer, label and question: every output lists them in the contract's
 * order and words. */
static void
check_needs(int *bad, FILE *out, const struct aa_report *rep, int m,
            const char *wl, const struct aa_advice *a)
{
    for (size_t k = 0; k < a->nmissing; k++) {
        const struct aa_need *n = &a->missing[k];

        if (n->row < 0 || (size_t)n->row >= aa_field_count ||
            (k > 0 && n->row <= a->missing[k - 1].row))
            violation(bad, out, rep, m, wl, "missing field %d out of order",
                      n->row);
        else if (n->pointer != aa_fields[n->row].ptr ||
                 n->label != aa_fields[n->row].label ||
                 n->question != aa_contract_question(n->row))
            violation(bad, out, rep, m, wl,
                      "missing field %s not the contract's words", n->pointer);
    }
}

int
aa_report_check(const struct aa_ruleset *rs, const struct aa_report *rep,
                unsigned flags, FILE *out)
{
    int bad = 0, ranks = 0, seen[AA_NMECH + 1] = {0};

    for (size_t v = 0; v < rep->nviews; v++) {
        const char *wl = rep->nviews > 1 ? rep->views[v] : NULL;

        for (int m = 0; m < AA_NMECH; m++) {
            const struct aa_advice *a =
                rep->nviews > 1 ? &rep->mech[m].per[v] : &rep->mech[m];
            int located = 0, error = 0;

            for (size_t i = 0; i < rep->nfindings; i++) {
                const struct aa_finding *f = &rep->findings[i];

                if (!(f->views & (1u << v)) || !finding_of(f, m))
                    continue;
                if (f->severity >= AA_SEV_ERROR)
                    error = 1;
                if (f->code)
                    continue;
                for (size_t k = 0; k < a->nreasons; k++)
                    if (f->severity >= AA_SEV_WARNING &&
                        strcmp(f->rule, a->reasons[k].rule) == 0 &&
                        f->pointer != NULL && (f->at.line > 0 || rep->no_lines))
                        located = 1;
            }
            /* 1. Blocked: a located finding says why, an action how (a
             * brief report has neither reasons nor actions to check). */
            if (a->verdict == AA_V_BLOCKED && !located && !rep->brief)
                violation(&bad, out, rep, m, wl,
                          "blocked without a located warning or error of "
                          "the rule that blocks it");
            if (a->verdict == AA_V_BLOCKED && a->nactions == 0 && !rep->brief)
                violation(&bad, out, rep, m, wl,
                          "blocked without an action to unblock it");
            /* 2. Coherence: nothing recommended beside its own error. */
            if ((a->verdict == AA_V_RECOMMENDED ||
                 a->verdict == AA_V_AUTOMATIC) &&
                error)
                violation(&bad, out, rep, m, wl, "%s beside an error finding",
                          aa_verdict_name(a->verdict));
            if (a->verdict == AA_V_NEEDS_INFO && a->nmissing == 0 &&
                !rep->brief)
                violation(&bad, out, rep, m, wl,
                          "needs_info without a missing field");
            check_needs(&bad, out, rep, m, wl, a);
            if ((flags & AA_CHECK_COMPLETE) && a->nreasons == 0 && !rep->brief)
                violation(&bad, out, rep, m, wl, "%s without a reason",
                          aa_verdict_name(a->verdict));
            for (size_t k = 0; k < a->nreasons; k++) {
                if (a->reasons[k].nfacts == 0)
                    violation(&bad, out, rep, m, wl,
                              "reason of %s cites no fact", a->reasons[k].rule);
                /* 8. An undecided reason is a needs_info verdict's, and a
                 * needs_info verdict has no other. */
                if (!a->reasons[k].undecided != (a->verdict != AA_V_NEEDS_INFO))
                    violation(&bad, out, rep, m, wl, "%s with a%s reason of %s",
                              aa_verdict_name(a->verdict),
                              a->reasons[k].undecided ? "n undecided"
                                                      : " decided",
                              a->reasons[k].rule);
            }
            for (size_t k = 0; k < a->nactions; k++) {
                const struct aa_item *it = &a->actions[k];

                if (it->nfacts == 0)
                    violation(&bad, out, rep, m, wl,
                              "action of %s cites no fact", it->rule);
                for (int o = 0; o < AA_NMECH; o++) {
                    const struct aa_advice *to =
                        rep->nviews > 1 ? &rep->mech[o].per[v] : &rep->mech[o];

                    if ((it->refers & (1u << o)) &&
                        to->verdict == AA_V_NOT_APPLICABLE)
                        violation(&bad, out, rep, m, wl,
                                  "an action of %s sends the partner to %s, "
                                  "which does not apply",
                                  it->rule, aa_report_mech_name((unsigned)o));
                }
            }
        }
    }
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        /* The file as written rests on the contract, not on a fact. */
        if (f->nfacts == 0 && !f->input)
            violation(&bad, out, rep, -1, NULL, "finding of %s cites no fact",
                      f->rule);
        if (f->severity >= AA_SEV_WARNING &&
            cites_soft(rs, f->facts, f->nfacts))
            violation(&bad, out, rep, -1, NULL, "%s of %s rests on a soft fact",
                      aa_severity_name(f->severity), f->rule);
    }
    for (int m = 0; m < AA_NMECH; m++) {
        const struct aa_advice *a = &rep->mech[m];
        int ranked = a->verdict == AA_V_AUTOMATIC ||
                     a->verdict == AA_V_RECOMMENDED ||
                     a->verdict == AA_V_POSSIBLE;

        if (ranked != (a->rank > 0) || a->rank > AA_NMECH ||
            (a->rank > 0 && seen[a->rank]++))
            violation(&bad, out, rep, m, NULL, "%s with rank %d",
                      aa_verdict_name(a->verdict), a->rank);
        ranks += a->rank > 0;
        for (size_t v = 0; v < a->nper; v++)
            if (goodness(a->per[v].verdict) < goodness(a->verdict))
                violation(&bad, out, rep, m, a->per[v].workload,
                          "%s is better than the verdict %s",
                          aa_verdict_name(a->per[v].verdict),
                          aa_verdict_name(a->verdict));
    }
    for (int k = 1; k <= ranks; k++)
        if (!seen[k])
            violation(&bad, out, rep, -1, NULL, "rank %d is missing", k);
    check_explain(&bad, out, rep);
    return bad;
}

int
aa_scan_report_check(const struct aa_scan_report *rep, FILE *out)
{
    int bad = 0;

    for (size_t i = 0; i < rep->nfiles; i++) {
        const struct aa_file_report *fr = &rep->files[i];
        int attributed;

        if (fr->status == NULL)
            continue; /* unreadable: no status to explain */
        attributed = strcmp(fr->status, "attributed") == 0;
        if (!attributed && fr->nfindings == 0) {
            bad++;
            if (out != NULL)
                fprintf(out,
                        "attrib-advise: %s: invariant: %s without a "
                        "finding\n",
                        fr->path, fr->status);
        }
        for (size_t k = 0; attributed && k < fr->nfindings; k++)
            if (fr->findings[k].severity >= AA_SEV_ERROR) {
                bad++;
                if (out != NULL)
                    fprintf(out,
                            "attrib-advise: %s: invariant: attributed, yet "
                            "%s is an error\n",
                            fr->path, fr->findings[k].rule);
            }
    }
    return bad;
}
