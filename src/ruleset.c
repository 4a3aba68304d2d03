/*
 * ruleset.c -- the ruleset object, its AST arrays and the names of
 * mechanisms, operators and signals.
 */
#include "ruleset.h"

#include <stdlib.h>
#include <string.h>

static const char *const mech_names[] = {"CSP",  "DPOR", "PAL",   "CUA",
                                         "CPOR", "MBS",  "PRACR", "GEN"};

static const char *const op_names[] = {"all",
                                       "any",
                                       "not",
                                       "any_item",
                                       "all_items",
                                       "no_item",
                                       "equals",
                                       "not_equals",
                                       "one_of",
                                       "exists",
                                       "missing",
                                       "lt",
                                       "le",
                                       "gt",
                                       "ge",
                                       "is_guid",
                                       "is_partner_id",
                                       "pec_eligible_role",
                                       "read_only_role",
                                       "in_list",
                                       "pec_ineligible_role",
                                       "empty",
                                       "starts_with",
                                       "miscased_in",
                                       "ends_with",
                                       "is_azurerm_partner_id"};

_Static_assert(sizeof(op_names) / sizeof(op_names[0]) == AA_OP_COUNT,
               "one name per operator");

const char *
aa_version(void)
{
    return AA_VERSION;
}

const char *
aa_homepage(void)
{
    return AA_HOMEPAGE;
}

const char *
aa_mech_name(enum aa_mech m)
{
    return mech_names[m];
}

int
aa_mech_find(const char *name)
{
    for (int i = 0; i <= AA_MECH_GEN; i++)
        if (strcmp(mech_names[i], name) == 0)
            return i;
    return -1;
}

const char *
aa_op_name(enum aa_op op)
{
    return op_names[op];
}

const char *
aa_signal_name(enum aa_signal s)
{
    switch (s) {
    case AA_SIG_NONE:
        return "none";
    case AA_SIG_FIT:
        return "fit";
    case AA_SIG_AUTOMATIC:
        return "automatic";
    case AA_SIG_BLOCK:
        return "block";
    case AA_SIG_EXCLUDE:
        return "exclude";
    }
    return "none";
}

struct aa_ruleset *
aa_ruleset_new(void)
{
    struct aa_ruleset *rs = aa_xcalloc(1, sizeof(*rs));

    aa_arena_init_lasting(&rs->arena);
    aa_hashset_init(&rs->fact_ids, &rs->arena);
    aa_hashset_init(&rs->source_ids, &rs->arena);
    aa_hashset_init(&rs->live_ids, &rs->arena);
    return rs;
}

/* A ruleset whose struct was copied (image.c, embed_image.c): an empty
 * arena of its own, and its id tables told to grow there. */
void
aa_ruleset_own_arena(struct aa_ruleset *rs)
{
    aa_arena_init_lasting(&rs->arena);
    rs->fact_ids.arena = rs->source_ids.arena = rs->live_ids.arena = &rs->arena;
}

void
aa_ruleset_free(struct aa_ruleset *rs)
{
    if (rs == NULL)
        return;
    if (!rs->image) {
        free(rs->ast.rules);
        free(rs->ast.facts);
        free(rs->ast.lists);
        free(rs->ast.sources);
        free(rs->ast.regrades);
    }
    aa_arena_fini(&rs->arena);
    free(rs);
}

#define PUSH(arr, n, cap, x)                                                   \
    do {                                                                       \
        if ((n) == (cap)) {                                                    \
            (cap) = (cap) ? (cap)*2 : 16;                                      \
            (arr) = aa_xrealloc((arr), (cap), sizeof(*(arr)));                 \
        }                                                                      \
        (arr)[(n)++] = (x);                                                    \
    } while (0)

void
aa_ast_add_rule(struct aa_ruleset *rs, struct aa_rule *r)
{
    r->layer = rs->layer;
    PUSH(rs->ast.rules, rs->ast.nrules, rs->ast.caprules, r);
}

void
aa_ast_add_fact(struct aa_ruleset *rs, struct aa_fact *f)
{
    f->layer = rs->layer;
    (void)aa_hashset_add(&rs->fact_ids, f->id, f);
    PUSH(rs->ast.facts, rs->ast.nfacts, rs->ast.capfacts, f);
}

void
aa_ast_add_list(struct aa_ruleset *rs, struct aa_list *l)
{
    l->layer = rs->layer;
    PUSH(rs->ast.lists, rs->ast.nlists, rs->ast.caplists, l);
}

void
aa_ast_add_source(struct aa_ruleset *rs, struct aa_source *s)
{
    s->layer = rs->layer;
    (void)aa_hashset_add(&rs->source_ids, s->id, s);
    PUSH(rs->ast.sources, rs->ast.nsources, rs->ast.capsources, s);
}

void
aa_ast_add_regrade(struct aa_ruleset *rs, struct aa_regrade *g)
{
    g->layer = rs->layer;
    PUSH(rs->ast.regrades, rs->ast.nregrades, rs->ast.capregrades, g);
}

const struct aa_regrade *
aa_ruleset_find_regrade(const struct aa_ruleset *rs, const char *id)
{
    size_t lo = 0, hi = rs->nregrades;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = strcmp(rs->regrades[mid]->rule, id);

        if (d == 0)
            return rs->regrades[mid];
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct aa_source *
aa_ruleset_find_source(const struct aa_ruleset *rs, const char *id)
{
    return aa_hashset_find(&rs->source_ids, id);
}

/* Add to 'set' every list that condition c, or one below it, reads. */
static void
add_lists_read(struct aa_hashset *set, const struct aa_cond *c)
{
    if (c == NULL)
        return;
    if (c->list != NULL)
        (void)aa_hashset_add(set, c->list, c);
    for (size_t i = 0; i < c->nkids; i++)
        add_lists_read(set, c->kids[i]);
}

/* The first any_item under c, in the order 'when' is written, whose path
 * is not 'other' (NULL: any path); or NULL. */
static const struct aa_cond *
find_any_item(const struct aa_cond *c, const char *other)
{
    const struct aa_cond *hit;

    if (c == NULL)
        return NULL;
    if (c->op == AA_OP_ANY_ITEM)
        return other == NULL || strcmp(c->path, other) != 0 ? c : NULL;
    if (c->op != AA_OP_ALL && c->op != AA_OP_ANY && c->op != AA_OP_NOT)
        return NULL;
    for (size_t i = 0; i < c->nkids; i++)
        if ((hit = find_any_item(c->kids[i], other)) != NULL)
            return hit;
    return NULL;
}

/* Whether a text of rule r prints ${match}. */
static int
prints_match(const struct aa_rule *r)
{
    const char *const texts[2] = {r->reason, r->message};

    for (int k = 0; k < 2; k++)
        if (texts[k] != NULL && strstr(texts[k], "${match}") != NULL)
            return 1;
    for (size_t k = 0; k < r->nactions; k++)
        if (strstr(r->actions[k].text, "${match}") != NULL ||
            (r->actions[k].command != NULL &&
             strstr(r->actions[k].command, "${match}") != NULL))
            return 1;
    return 0;
}

ptrdiff_t
aa_ruleset_rule_index(const struct aa_ruleset *rs, const char *id)
{
    const struct aa_rule *const *slot = aa_hashset_find(&rs->live_ids, id);

    return slot != NULL ? slot - rs->live : -1;
}

/* The live rule with this id, or NULL. */
static const struct aa_rule *
live_rule(const struct aa_ruleset *rs, const char *id)
{
    const struct aa_rule *const *slot = aa_hashset_find(&rs->live_ids, id);

    return slot != NULL ? *slot : NULL;
}

size_t
aa_ruleset_lint(const struct aa_ruleset *rs, FILE *out, size_t counts[3])
{
    const struct aa_ast *ast = &rs->ast;
    static const char *const level[] = {"info", "warning", "error"};
    size_t notes = 0, user_rules = 0, user_lists = 0, user_regrades = 0;
    struct aa_arena tmp;
    struct aa_hashset builtin, read; /* rules of layer 0; lists read */

    /* One pass over the rules fills both sets, so that the notes cost
     * one lookup each rather than a pass over every rule. */
    aa_arena_init(&tmp);
    aa_hashset_init(&builtin, &tmp);
    aa_hashset_init(&read, &tmp);
    for (size_t i = 0; i < ast->nrules; i++) {
        if (ast->rules[i]->layer == 0)
            (void)aa_hashset_add(&builtin, ast->rules[i]->id, ast->rules[i]);
        add_lists_read(&read, ast->rules[i]->when);
    }
    for (size_t i = 0; i < ast->nrules; i++) {
        const struct aa_rule *r = ast->rules[i], *b;

        const struct aa_cond *first, *other;

        if (r->layer == 0)
            continue;
        user_rules++;
        /* ${match} prints the items of the first any_item.  When those
         * can only be one value (any_item: {equals: azure}) and 'when'
         * has another any_item on a different path, the text means that
         * one: a workloads test written before the roles it names. */
        if (r->detect == NULL && prints_match(r) &&
            (first = find_any_item(r->when, NULL)) != NULL &&
            first->nkids == 1 && first->kids[0]->op == AA_OP_EQUALS &&
            first->kids[0]->nlits == 1 &&
            (other = find_any_item(r->when, first->path)) != NULL) {
            fprintf(out,
                    "%s:%u:%u: note: rule '%s' prints ${match}, which is "
                    "always '%s': the items of its first any_item (%s), not "
                    "those of the any_item on %s at line %u; write that one "
                    "first\n",
                    r->at.file, r->at.line, r->at.col, r->id,
                    first->kids[0]->lits[0].s, first->path, other->path,
                    other->path_at.line);
            notes++;
        }
        if ((b = aa_hashset_find(&builtin, r->id)) == NULL)
            continue;
        fprintf(out,
                "%s:%u:%u: note: rule '%s' replaces the built-in rule of "
                "that id (%s:%u)\n",
                r->at.file, r->at.line, r->at.col, r->id, b->at.file,
                b->at.line);
        notes++;
    }
    for (size_t i = 0; i < ast->nlists; i++) {
        const struct aa_list *l = ast->lists[i];

        if (l->layer == 0)
            continue;
        user_lists++;
        if (aa_hashset_find(&read, l->name) == NULL) {
            fprintf(out,
                    "%s:%u:%u: note: list '%s' is read by no rule "
                    "(in_list)\n",
                    l->at.file, l->at.line, l->at.col, l->name);
            notes++;
        }
    }
    for (size_t i = 0; i < ast->nregrades; i++) {
        const struct aa_regrade *g = ast->regrades[i];
        const struct aa_regrade *now = aa_ruleset_find_regrade(rs, g->rule);
        const struct aa_rule *r = live_rule(rs, g->rule);

        if (g->layer == 0 || r == NULL)
            continue;
        user_regrades++;
        notes++;
        if (now != g) {
            fprintf(out,
                    "%s:%u:%u: note: the severity of '%s' is set again at "
                    "%s:%u:%u, which is loaded later and wins\n",
                    g->at.file, g->at.line, g->at.col, g->rule, now->at.file,
                    now->at.line, now->at.col);
            continue;
        }
        if (g->severity == r->severity)
            fprintf(out,
                    "%s:%u:%u: note: sets %s'%s' to %s, the level it gives "
                    "already (%s:%u)\n",
                    g->at.file, g->at.line, g->at.col,
                    r->builtin ? "the built-in rule " : "", g->rule,
                    level[g->severity], r->at.file, r->at.line);
        else
            fprintf(out, "%s:%u:%u: note: %s %s'%s' from %s to %s (%s:%u)\n",
                    g->at.file, g->at.line, g->at.col,
                    g->severity > r->severity ? "raises" : "lowers",
                    r->builtin ? "the built-in rule " : "", g->rule,
                    level[r->severity], level[g->severity], r->at.file,
                    r->at.line);
    }
    aa_arena_fini(&tmp);
    counts[0] = user_rules;
    counts[1] = user_lists;
    counts[2] = user_regrades;
    return notes;
}

size_t
aa_ruleset_rule_count(const struct aa_ruleset *rs)
{
    return rs->nlive;
}

int
aa_as_of_day(const char *as_of, char day[11])
{
    size_t n = as_of != NULL ? strlen(as_of) : 0;

    if (n != 7 && n != 10)
        return -1;
    memcpy(day, as_of, n);
    memcpy(day + 7, n == 7 ? "-01" : as_of + 7, 3);
    day[10] = '\0';
    return aa_date_valid(day) ? 0 : -1;
}

const char *
aa_ruleset_knowledge_as_of(const struct aa_ruleset *rs)
{
    return rs->ast.as_of ? rs->ast.as_of : "unknown";
}

const struct aa_fact *
aa_ruleset_find_fact(const struct aa_ruleset *rs, const char *id)
{
    return aa_hashset_find(&rs->fact_ids, id);
}

const struct aa_rule_entry *
aa_ruleset_catalog(const struct aa_ruleset *rs, size_t *n)
{
    *n = rs->nlive;
    return rs->catalog;
}

const char *
aa_ruleset_rule_id(const struct aa_ruleset *rs, size_t i)
{
    return i < rs->nlive ? rs->live[i]->id : NULL;
}

const char *
aa_ruleset_fact_id(const struct aa_ruleset *rs, size_t i)
{
    return i < rs->ast.nfacts ? rs->ast.facts[i]->id : NULL;
}

int
aa_ruleset_has_rule(const struct aa_ruleset *rs, const char *id)
{
    return live_rule(rs, id) != NULL;
}

int
aa_ruleset_rule_has_finding(const struct aa_ruleset *rs, const char *id)
{
    const struct aa_rule *r = live_rule(rs, id);

    return r != NULL && r->has_finding;
}

int
aa_ruleset_has_detector(const struct aa_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->nlive; i++)
        if (rs->live[i]->detect != NULL &&
            strcmp(rs->live[i]->detect, name) == 0)
            return 1;
    return 0;
}

int
aa_ruleset_rule_builtin(const struct aa_ruleset *rs, const char *id)
{
    const struct aa_rule *r = live_rule(rs, id);

    return r != NULL && r->builtin;
}
