/*
 * rules_load.c -- YAML rule files -> rule AST.
 *
 * Two steps.  First yaml_tree.c makes a small node tree of the file
 * (mapping, sequence, scalar, each with its start mark); that is where the
 * input is bounded: nesting depth, one document, and no anchors, aliases
 * or tags at all, which rules out alias bombs (the size is checked here).
 * Every mapping key in the tree is a scalar (YAML allows '? [a]: b'; rule
 * files do not), so step 2 may read any key's text.  Then the tree is
 * checked against the rule grammar (docs/rules.md) and turned into AST
 * nodes in the ruleset's arena:
 *
 *   file     := { version?: 1, as_of?: STR, facts?: [fact], lists?: {NAME:
 *                 [STR]}, rules?: [rule], sources?: [source],
 *                 severity?: {RULE-ID: error | warning | info} }
 *   fact     := { id: FACT-ID, status: STR, sources: [STR], summary: STR,
 *                 as_of?: STR }
 *   rule     := { id: ID, title: STR, description?: STR,
 *                 mechanism: MECH | [MECH, MECH+], facts: [FACT-ID],
 *                 when?: cond,
 *                 detect?: DETECTOR,
 *                 verdict?: automatic | block | exclude | { fit: 1..100 },
 *                 reason?: STR, finding?: { severity, message, pointer? },
 *                 actions?: [{ text: STR, command?: STR, snippet?: STR,
 *                              refers?: [MECH] }] }
 *   cond     := { all: [cond] } | { any: [cond] } | { not: cond }
 *             | { path?: STR, OP: operand }
 *
 * Semantic checks that need every file (paths, fact IDs, duplicates) wait
 * for compile.c.  A broken rule is reported and dropped, never half-added;
 * loading goes on so that one run shows as many problems as possible.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limits.h"
#include "ruleset.h"
#include "walk.h"
#include "yaml_tree.h"

struct ld {
    struct aa_ruleset *rs;
    struct aa_diags *dl;
    const char *file;
    const char *data;
    size_t len;
    struct aa_arena tmp; /* the node tree; freed after the file */
    const char *rule;    /* id of the rule being read, for messages */
    int errors;
    size_t shown, more; /* problems listed; past the errors limit */
    enum aa_code worst; /* of those not listed */
};

static void lverror(void *ctx, enum aa_code code, struct aa_loc at,
                    const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
lverror(void *ctx, enum aa_code code, struct aa_loc at, const char *fmt,
        va_list ap)
{
    struct ld *l = ctx;

    l->errors++;
    /* A broken file says at most 'errors' things, then how many more. */
    if (l->shown >= aa_limit(AA_LIMIT_ERRORS)) {
        l->more++;
        if (code > l->worst)
            l->worst = code;
        return;
    }
    aa_diag_vadd(l->dl, code, at, l->rule, fmt, ap);
    l->shown++;
}

static void lerror(struct ld *l, enum aa_code code, struct aa_loc at,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
lerror(struct ld *l, enum aa_code code, struct aa_loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    lverror(l, code, at, fmt, ap);
    va_end(ap);
}

/* --- step 2: node tree -> AST ---------------------------------------- */

static int
expect(struct ld *l, const struct aa_ynode *n, enum aa_ykind kind,
       const char *what)
{
    static const char *const names[] = {"a scalar", "a mapping", "a sequence"};

    if (n->kind == kind)
        return 0;
    lerror(l, AA_E_SCHEMA, n->at, "expected %s for %s, got %s", names[kind],
           what, aa_yaml_kind_name(n->kind));
    return -1;
}

/* A string-valued key: any non-null scalar. */
static const char *
get_string(struct ld *l, const struct aa_ynode *n, const char *what)
{
    if (expect(l, n, AA_Y_SCALAR, what) != 0)
        return NULL;
    if (aa_yaml_is_null(n)) {
        lerror(l, AA_E_SCHEMA, n->at, "expected text for %s, got null", what);
        return NULL;
    }
    return n->s;
}

/* Text that would be a number without its quotes. */
static int
quoted_number(const char *s)
{
    char *end;

    if (*s == '\0')
        return 0;
    (void)strtod(s, &end);
    return *end == '\0';
}

/* A date of knowledge: "YYYY-MM" or "YYYY-MM-DD", a real one, as the
 * staleness check reads it. */
static const char *
get_date(struct ld *l, const struct aa_ynode *n, const char *what)
{
    const char *s = get_string(l, n, what);
    char day[11];

    if (s == NULL || aa_as_of_day(s, day) == 0)
        return s;
    lerror(l, AA_E_SCHEMA, n->at,
           "%s must be a date, YYYY-MM or YYYY-MM-DD; got '%s'", what, s);
    return NULL;
}

/* Whether knowledge dated a is older than knowledge dated b, both dates
 * get_date took. */
static int
older(const char *a, const char *b)
{
    char da[11] = "", db[11] = "";

    (void)aa_as_of_day(a, da);
    (void)aa_as_of_day(b, db);
    return strcmp(da, db) < 0;
}

/* Check the keys of a mapping against 'allowed' (NULL-terminated, at most
 * 32 names): every key known and given once.  A bit per allowed name
 * finds a repeat, so a mapping of many keys costs one pass. */
static int
check_keys(struct ld *l, const struct aa_ynode *map, const char *const *allowed,
           const char *what)
{
    unsigned long seen = 0;
    int rc = 0;

    for (size_t i = 0; i < map->n; i += 2) {
        const struct aa_ynode *k = map->kids[i];
        size_t na = 0;
        int known = -1;

        for (na = 0; allowed[na] != NULL; na++)
            if (allowed[na][0] == k->s[0] && strcmp(allowed[na], k->s) == 0)
                known = (int)na;
        if (known < 0) {
            const char *hint = aa_suggest(allowed, na, k->s);
            char list[512];
            size_t used = 0;

            list[0] = '\0';
            for (size_t j = 0; j < na && used < sizeof(list); j++) {
                int w = snprintf(list + used, sizeof(list) - used, "%s%s",
                                 j == 0        ? ""
                                 : j + 1 == na ? " or "
                                               : ", ",
                                 allowed[j]);
                if (w > 0)
                    used += (size_t)w;
            }
            if (hint != NULL)
                lerror(l, AA_E_SCHEMA, k->at,
                       "unknown key '%s' in %s (did you mean '%s'?)", k->s,
                       what, hint);
            else
                lerror(l, AA_E_SCHEMA, k->at,
                       "unknown key '%s' in %s; expected %s", k->s, what, list);
            rc = -1;
            continue;
        }
        if (seen & (1ul << known)) {
            lerror(l, AA_E_SCHEMA, k->at, "duplicate key '%s' in %s", k->s,
                   what);
            rc = -1;
        }
        seen |= 1ul << known;
    }
    return rc;
}

/* A non-empty sequence of strings into *out (arena), with locations. */
static int
get_strings(struct ld *l, const struct aa_ynode *n, const char *what,
            const char ***out, struct aa_loc **locs, size_t *count)
{
    const char **v;

    if (expect(l, n, AA_Y_SEQ, what) != 0)
        return -1;
    v = aa_arena_alloc(&l->rs->arena, (n->n + 1) * sizeof(*v));
    if (locs != NULL)
        *locs = aa_arena_alloc(&l->rs->arena, (n->n + 1) * sizeof(**locs));
    for (size_t i = 0; i < n->n; i++) {
        if ((v[i] = get_string(l, n->kids[i], what)) == NULL)
            return -1;
        if (locs != NULL)
            (*locs)[i] = n->kids[i]->at;
    }
    *out = v;
    *count = n->n;
    return 0;
}

static int
match_id(const char *s, int fact)
{
    /* fact: UPPER+ '-F' DIGIT+;  rule: [A-Za-z0-9._-]+ */
    const char *p = s;

    if (!fact) {
        if (*s == '\0')
            return 0;
        for (; *p != '\0'; p++)
            if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       "0123456789._-",
                       *p) == NULL)
                return 0;
        return 1;
    }
    while (*p >= 'A' && *p <= 'Z')
        p++;
    if (p == s || p[0] != '-' || p[1] != 'F' || p[2] < '0' || p[2] > '9')
        return 0;
    for (p += 2; *p >= '0' && *p <= '9'; p++)
        ;
    return *p == '\0';
}

/* A YAML scalar as a typed operand; see rule.h for the typing rule. */
static int
make_lit(struct ld *l, const struct aa_ynode *n, struct aa_lit *lit)
{
    char *end;

    if (expect(l, n, AA_Y_SCALAR, "an operand") != 0)
        return -1;
    if (aa_yaml_is_null(n)) {
        lerror(l, AA_E_OPERATOR, n->at,
               "null is not a value; test absence with 'missing: true'");
        return -1;
    }
    lit->at = n->at;
    lit->s = n->s;
    lit->kind = AA_LIT_STRING;
    if (!n->plain)
        return 0;
    if (strcmp(n->s, "true") == 0 || strcmp(n->s, "false") == 0) {
        lit->kind = AA_LIT_BOOL;
        lit->b = n->s[0] == 't';
        return 0;
    }
    errno = 0;
    lit->n = strtod(n->s, &end);
    if (end != n->s && *end == '\0' && errno == 0 && isfinite(lit->n) &&
        strchr("+-.0123456789", n->s[0]) != NULL)
        lit->kind = AA_LIT_NUMBER;
    return 0;
}

static int
get_flag(struct ld *l, const struct aa_ynode *n, const char *op, int *flag)
{
    if (n->kind == AA_Y_SCALAR && n->plain &&
        (strcmp(n->s, "true") == 0 || strcmp(n->s, "false") == 0)) {
        *flag = n->s[0] == 't';
        return 0;
    }
    lerror(l, AA_E_OPERATOR, n->at, "'%s' takes true or false", op);
    return -1;
}

static struct aa_cond *parse_cond(struct ld *l, const struct aa_ynode *n,
                                  int item);

/* The operators a test may use: everything after the combinators. */
static int
find_test_op(const char *name)
{
    for (int op = AA_OP_ANY_ITEM; op < AA_OP_COUNT; op++)
        if (strcmp(aa_op_name((enum aa_op)op), name) == 0)
            return op;
    return -1;
}

static void
unknown_operator(struct ld *l, const struct aa_ynode *k)
{
    const char *names[AA_OP_COUNT];
    char list[512];
    size_t used = 0;
    const char *hint;

    for (int op = 0; op < AA_OP_COUNT; op++) {
        int w;

        names[op] = aa_op_name((enum aa_op)op);
        w = snprintf(list + used, sizeof(list) - used, "%s%s",
                     op == 0                 ? ""
                     : op + 1 == AA_OP_COUNT ? " or "
                                             : ", ",
                     names[op]);
        if (w > 0 && (size_t)w < sizeof(list) - used)
            used += (size_t)w;
    }
    hint = aa_suggest(names, AA_OP_COUNT, k->s);
    if (hint != NULL)
        lerror(l, AA_E_OPERATOR, k->at,
               "unknown operator '%s' (did you mean '%s'?)", k->s, hint);
    else
        lerror(l, AA_E_OPERATOR, k->at, "unknown operator '%s'; expected %s",
               k->s, list);
}

/* test := { path?: STR, OP: operand }  (exactly one OP) */
static struct aa_cond *
parse_test(struct ld *l, const struct aa_ynode *n, int item)
{
    struct aa_cond *c = aa_arena_alloc(&l->rs->arena, sizeof(*c));
    const struct aa_ynode *opkey = NULL, *arg = NULL;
    int op = -1;

    for (size_t i = 0; i < n->n; i += 2) {
        const struct aa_ynode *k = n->kids[i];
        int found = -1;

        if (strcmp(k->s, "path") == 0) {
            if (c->path != NULL) {
                lerror(l, AA_E_SCHEMA, k->at, "duplicate key 'path'");
                return NULL;
            }
            if ((c->path = get_string(l, n->kids[i + 1], "'path'")) == NULL)
                return NULL;
            c->path_at = n->kids[i + 1]->at;
            continue;
        }
        if ((found = find_test_op(k->s)) < 0) {
            unknown_operator(l, k);
            return NULL;
        }
        if (opkey != NULL) {
            lerror(l, AA_E_OPERATOR, k->at,
                   "one operator per test: '%s' and '%s'; combine tests "
                   "with 'all' or 'any'",
                   opkey->s, k->s);
            return NULL;
        }
        opkey = k;
        arg = n->kids[i + 1];
        op = found;
    }
    if (opkey == NULL) {
        lerror(l, AA_E_OPERATOR, n->at, "a test needs an operator");
        return NULL;
    }
    if (c->path == NULL && !item) {
        lerror(l, AA_E_SCHEMA, n->at, "a test needs 'path'");
        return NULL;
    }
    c->op = (enum aa_op)op;
    c->at = opkey->at;
    switch (c->op) {
    case AA_OP_ANY_ITEM:
    case AA_OP_ALL_ITEMS:
    case AA_OP_NO_ITEM:
        c->kids = aa_arena_alloc(&l->rs->arena, sizeof(*c->kids));
        if ((c->kids[0] = parse_cond(l, arg, 1)) == NULL)
            return NULL;
        c->nkids = 1;
        break;
    case AA_OP_EQUALS:
    case AA_OP_NOT_EQUALS:
    case AA_OP_LT:
    case AA_OP_LE:
    case AA_OP_GT:
    case AA_OP_GE:
        c->lits = aa_arena_alloc(&l->rs->arena, sizeof(*c->lits));
        c->nlits = 1;
        if (make_lit(l, arg, c->lits) != 0)
            return NULL;
        if (c->op >= AA_OP_LT && c->lits[0].kind != AA_LIT_NUMBER) {
            lerror(l, AA_E_OPERATOR, arg->at, "'%s' expects a number, got '%s'",
                   opkey->s, arg->s);
            return NULL;
        }
        break;
    case AA_OP_ONE_OF:
        if (expect(l, arg, AA_Y_SEQ, "'one_of'") != 0)
            return NULL;
        if (arg->n == 0) {
            lerror(l, AA_E_OPERATOR, arg->at, "'one_of' needs values");
            return NULL;
        }
        c->lits = aa_arena_alloc(&l->rs->arena, arg->n * sizeof(*c->lits));
        c->nlits = arg->n;
        for (size_t i = 0; i < arg->n; i++)
            if (make_lit(l, arg->kids[i], &c->lits[i]) != 0)
                return NULL;
        break;
    case AA_OP_IN_LIST:
    case AA_OP_MISCASED_IN:
        if ((c->list = get_string(l, arg, opkey->s)) == NULL)
            return NULL;
        break;
    case AA_OP_STARTS_WITH:
    case AA_OP_ENDS_WITH:
        c->lits = aa_arena_alloc(&l->rs->arena, sizeof(*c->lits));
        c->nlits = 1;
        if (make_lit(l, arg, c->lits) != 0)
            return NULL;
        if (c->lits[0].kind != AA_LIT_STRING || c->lits[0].s[0] == '\0') {
            lerror(l, AA_E_OPERATOR, arg->at,
                   "'%s' takes a quoted, non-empty string, got '%s'", opkey->s,
                   arg->s);
            return NULL;
        }
        break;
    default: /* exists, missing and the predicates take a flag */
        if (get_flag(l, arg, opkey->s, &c->flag) != 0)
            return NULL;
        break;
    }
    return c;
}

/* cond := { all: [cond] } | { any: [cond] } | { not: cond } | test */
static struct aa_cond *
parse_cond(struct ld *l, const struct aa_ynode *n, int item)
{
    static const char *const combinators[] = {"all", "any", "not"};
    struct aa_cond *c;

    if (expect(l, n, AA_Y_MAP, "a condition") != 0)
        return NULL;
    if (n->n == 0) {
        lerror(l, AA_E_SCHEMA, n->at, "empty condition");
        return NULL;
    }
    for (int op = 0; op < 3; op++) {
        const struct aa_ynode *arg = aa_yaml_get(n, combinators[op]);

        if (arg == NULL)
            continue;
        if (n->n != 2) {
            lerror(l, AA_E_SCHEMA, n->at,
                   "'%s' must be the only key of its condition",
                   combinators[op]);
            return NULL;
        }
        c = aa_arena_alloc(&l->rs->arena, sizeof(*c));
        c->op = (enum aa_op)op;
        c->at = n->kids[0]->at;
        if (op == AA_OP_NOT) {
            c->kids = aa_arena_alloc(&l->rs->arena, sizeof(*c->kids));
            c->nkids = 1;
            return (c->kids[0] = parse_cond(l, arg, item)) ? c : NULL;
        }
        if (expect(l, arg, AA_Y_SEQ, combinators[op]) != 0)
            return NULL;
        if (arg->n == 0) {
            lerror(l, AA_E_SCHEMA, arg->at, "'%s' needs conditions",
                   combinators[op]);
            return NULL;
        }
        c->kids = aa_arena_alloc(&l->rs->arena, arg->n * sizeof(*c->kids));
        c->nkids = arg->n;
        for (size_t i = 0; i < arg->n; i++)
            if ((c->kids[i] = parse_cond(l, arg->kids[i], item)) == NULL)
                return NULL;
        return c;
    }
    return parse_test(l, n, item);
}

/* mechs := MECH | [MECH, ...]  as a bit set.  A rule's list needs two or
 * more distinct mechanisms ('several'); GEN is never one of them, since a
 * plan-wide rule speaks for none. */
static int
parse_mechs(struct ld *l, const struct aa_ynode *n, const char *what,
            int several, unsigned *out)
{
    size_t count = n->kind == AA_Y_SEQ ? n->n : 1;

    *out = 0;
    if (n->kind == AA_Y_MAP) {
        lerror(l, AA_E_SCHEMA, n->at, "%s takes a mechanism or a list of them",
               what);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        const struct aa_ynode *k = n->kind == AA_Y_SEQ ? n->kids[i] : n;
        int m;

        if (get_string(l, k, what) == NULL)
            return -1;
        if ((m = aa_mech_find(k->s)) < 0 || m >= AA_MECH_COUNT) {
            lerror(l, AA_E_MECHANISM, k->at,
                   "%s: '%s' is not one of CSP, DPOR, PAL, CUA, CPOR, MBS or "
                   "PRACR",
                   what, k->s);
            return -1;
        }
        if (*out & (1u << m)) {
            lerror(l, AA_E_DUPLICATE, k->at, "%s names %s twice", what, k->s);
            return -1;
        }
        *out |= 1u << m;
    }
    if (several && count < 2) {
        lerror(l, AA_E_SCHEMA, n->at,
               "a list of mechanisms needs two or more; write one as "
               "'mechanism: %s'",
               count == 1 ? n->kids[0]->s : "PAL");
        return -1;
    }
    return 0;
}

static int
parse_verdict(struct ld *l, const struct aa_ynode *n, struct aa_rule *r)
{
    static const char *const fit_keys[] = {"fit", NULL};
    const struct aa_ynode *w;

    r->signal_at = n->at;
    if (n->kind == AA_Y_SCALAR) {
        if (strcmp(n->s, "automatic") == 0)
            r->signal = AA_SIG_AUTOMATIC;
        else if (strcmp(n->s, "block") == 0)
            r->signal = AA_SIG_BLOCK;
        else if (strcmp(n->s, "exclude") == 0)
            r->signal = AA_SIG_EXCLUDE;
        else {
            lerror(l, AA_E_SCHEMA, n->at,
                   "unknown verdict '%s'; expected automatic, block, exclude "
                   "or {fit: WEIGHT}",
                   n->s);
            return -1;
        }
        return 0;
    }
    if (expect(l, n, AA_Y_MAP, "'verdict'") != 0 ||
        check_keys(l, n, fit_keys, "'verdict'") != 0)
        return -1;
    if ((w = aa_yaml_get(n, "fit")) == NULL) {
        lerror(l, AA_E_SCHEMA, n->at, "'verdict' needs 'fit'");
        return -1;
    }
    {
        struct aa_lit lit;

        if (make_lit(l, w, &lit) != 0)
            return -1;
        if (lit.kind == AA_LIT_STRING && !w->plain && quoted_number(w->s)) {
            /* "60" is text in YAML: say that, not that 60 is no number. */
            lerror(l, AA_E_SCHEMA, w->at,
                   "'fit' takes a whole number from 1 to 100, got the quoted "
                   "text '%s'; write it without quotes",
                   w->s);
            return -1;
        }
        if (lit.kind != AA_LIT_NUMBER || lit.n != floor(lit.n) || lit.n < 1 ||
            lit.n > 100) {
            lerror(l, AA_E_SCHEMA, w->at,
                   "'fit' takes a whole number from 1 to 100, got '%s'", w->s);
            return -1;
        }
        r->signal = AA_SIG_FIT;
        r->weight = (int)lit.n;
    }
    return 0;
}

static int
parse_finding(struct ld *l, const struct aa_ynode *n, struct aa_rule *r)
{
    static const char *const keys[] = {"severity", "message", "pointer", NULL};
    const struct aa_ynode *sev, *msg, *ptr;
    const char *s;

    if (expect(l, n, AA_Y_MAP, "'finding'") != 0 ||
        check_keys(l, n, keys, "'finding'") != 0)
        return -1;
    if ((sev = aa_yaml_get(n, "severity")) == NULL ||
        (msg = aa_yaml_get(n, "message")) == NULL) {
        lerror(l, AA_E_SCHEMA, n->at,
               "'finding' needs 'severity' and 'message'");
        return -1;
    }
    if ((s = get_string(l, sev, "'severity'")) == NULL)
        return -1;
    if (strcmp(s, "error") == 0)
        r->severity = AA_SEV_ERROR;
    else if (strcmp(s, "warning") == 0)
        r->severity = AA_SEV_WARNING;
    else if (strcmp(s, "info") == 0)
        r->severity = AA_SEV_INFO;
    else {
        lerror(l, AA_E_SCHEMA, sev->at,
               "unknown severity '%s'; expected error, warning or info", s);
        return -1;
    }
    if ((r->message = get_string(l, msg, "'message'")) == NULL)
        return -1;
    r->message_at = msg->at;
    if ((ptr = aa_yaml_get(n, "pointer")) != NULL) {
        if ((r->pointer = get_string(l, ptr, "'pointer'")) == NULL)
            return -1;
        r->pointer_at = ptr->at;
    }
    r->has_finding = 1;
    return 0;
}

static int
parse_actions(struct ld *l, const struct aa_ynode *n, struct aa_rule *r)
{
    static const char *const keys[] = {"text", "command", "snippet", "refers",
                                       NULL};

    if (expect(l, n, AA_Y_SEQ, "'actions'") != 0)
        return -1;
    r->actions = aa_arena_alloc(&l->rs->arena, n->n * sizeof(*r->actions));
    for (size_t i = 0; i < n->n; i++) {
        const struct aa_ynode *a = n->kids[i], *t, *c;
        struct aa_action *act = &r->actions[i];

        if (expect(l, a, AA_Y_MAP, "an action") != 0 ||
            check_keys(l, a, keys, "an action") != 0)
            return -1;
        if ((t = aa_yaml_get(a, "text")) == NULL) {
            lerror(l, AA_E_SCHEMA, a->at, "an action needs 'text'");
            return -1;
        }
        act->at = a->at;
        act->text_at = t->at;
        if ((act->text = get_string(l, t, "'text'")) == NULL)
            return -1;
        if ((c = aa_yaml_get(a, "command")) != NULL) {
            act->command_at = c->at;
            if ((act->command = get_string(l, c, "'command'")) == NULL)
                return -1;
        }
        if ((c = aa_yaml_get(a, "snippet")) != NULL) {
            act->snippet_at = c->at;
            if ((act->snippet = get_string(l, c, "'snippet'")) == NULL)
                return -1;
        }
        if ((c = aa_yaml_get(a, "refers")) != NULL &&
            parse_mechs(l, c, "'refers'", 0, &act->refers) != 0)
            return -1;
    }
    r->nactions = n->n;
    return 0;
}

static void
load_rule(struct ld *l, const struct aa_ynode *n)
{
    static const char *const keys[] = {
        "id",     "title",   "description", "mechanism", "facts",   "when",
        "detect", "verdict", "reason",      "finding",   "actions", NULL};
    struct aa_rule *r;
    const struct aa_ynode *v;
    int m, before = l->errors;

    l->rule = NULL;
    if (expect(l, n, AA_Y_MAP, "a rule") != 0)
        return;
    r = aa_arena_alloc(&l->rs->arena, sizeof(*r));
    r->at = n->at;
    r->builtin = l->rs->builtin;
    if ((v = aa_yaml_get(n, "id")) != NULL &&
        get_string(l, v, "'id'") != NULL) {
        r->id = v->s;
        r->id_at = v->at;
        l->rule = r->id;
        if (!match_id(r->id, 0))
            lerror(l, AA_E_SCHEMA, v->at,
                   "bad rule id '%s': use letters, digits, '.', '-' and '_'",
                   r->id);
    }
    if (check_keys(l, n, keys, "a rule") != 0)
        goto out;
    if (r->id == NULL) {
        if (v == NULL)
            lerror(l, AA_E_SCHEMA, n->at, "a rule needs 'id'");
        goto out;
    }
    /* What the title and description may say is checked by compile.c,
     * with the rule's other texts. */
    if ((v = aa_yaml_get(n, "title")) == NULL) {
        lerror(l, AA_E_SCHEMA, n->at, "rule needs 'title'");
    } else if ((r->title = get_string(l, v, "'title'")) != NULL) {
        r->title_at = v->at;
    }
    if ((v = aa_yaml_get(n, "description")) != NULL &&
        (r->description = get_string(l, v, "'description'")) != NULL)
        r->description_at = v->at;
    if ((v = aa_yaml_get(n, "mechanism")) == NULL) {
        lerror(l, AA_E_SCHEMA, n->at, "rule needs 'mechanism'");
    } else if (v->kind == AA_Y_SEQ) {
        r->mech_at = v->at;
        r->mech = AA_MECH_GEN;
        parse_mechs(l, v, "'mechanism'", 1, &r->mechs);
    } else if (get_string(l, v, "'mechanism'") != NULL) {
        r->mech_at = v->at;
        if ((m = aa_mech_find(v->s)) < 0)
            lerror(l, AA_E_MECHANISM, v->at,
                   "unknown mechanism '%s'; expected CSP, DPOR, PAL, CUA, "
                   "CPOR, MBS, PRACR or GEN",
                   v->s);
        else
            r->mech = (enum aa_mech)m;
        r->mechs = m >= 0 && m < AA_MECH_COUNT ? 1u << m : 0;
    }
    /* A rule about the plan file as written (a detector of the input
     * family) rests on no fact: the compiler, which knows the detectors,
     * asks for facts where they are needed. */
    if ((v = aa_yaml_get(n, "facts")) == NULL) {
        if (aa_yaml_get(n, "detect") == NULL)
            lerror(l, AA_E_SCHEMA, n->at, "rule needs 'facts'");
    } else if (get_strings(l, v, "'facts'", &r->facts, &r->facts_at,
                           &r->nfacts) == 0 &&
               r->nfacts == 0) {
        lerror(l, AA_E_SCHEMA, v->at, "'facts' needs at least one fact ID");
    }
    if ((v = aa_yaml_get(n, "when")) != NULL)
        r->when = parse_cond(l, v, 0);
    if ((v = aa_yaml_get(n, "detect")) != NULL &&
        (r->detect = get_string(l, v, "'detect'")) != NULL)
        r->detect_at = v->at;
    if ((v = aa_yaml_get(n, "verdict")) != NULL)
        parse_verdict(l, v, r);
    if ((v = aa_yaml_get(n, "reason")) != NULL) {
        r->reason = get_string(l, v, "'reason'");
        r->reason_at = v->at;
    } else if (r->signal != AA_SIG_NONE)
        lerror(l, AA_E_SCHEMA, n->at, "a rule with a verdict needs a reason");
    if ((v = aa_yaml_get(n, "finding")) != NULL)
        parse_finding(l, v, r);
    if ((v = aa_yaml_get(n, "actions")) != NULL)
        parse_actions(l, v, r);
    if (l->errors == before && r->signal == AA_SIG_NONE && !r->has_finding &&
        r->nactions == 0)
        lerror(l, AA_E_SCHEMA, n->at,
               "a rule needs at least one of 'verdict', 'finding' or "
               "'actions'");
    if (l->errors == before)
        aa_ast_add_rule(l->rs, r);
out:
    l->rule = NULL;
}

/* A fact's status: the words doc, field, history and soft, joined by '/'.
 * A rule may not block on a fact whose status holds soft, so the word
 * must be spelt so: "SOFT" or "rumour" would pass as confirmed. */
static int
status_ok(const char *s)
{
    static const char *const words[] = {"doc", "field", "history", "soft"};

    for (;;) {
        size_t len = strcspn(s, "/"), k = 0;

        while (k < 4 &&
               !(strlen(words[k]) == len && strncmp(s, words[k], len) == 0))
            k++;
        if (k == 4)
            return 0;
        if (s[len] == '\0')
            return 1;
        s += len + 1;
    }
}

static void
load_fact(struct ld *l, const struct aa_ynode *n)
{
    static const char *const keys[] = {"id",      "status", "sources",
                                       "summary", "as_of",  NULL};
    struct aa_fact *f;
    const struct aa_ynode *v;
    int before = l->errors;

    if (expect(l, n, AA_Y_MAP, "a fact") != 0 ||
        check_keys(l, n, keys, "a fact") != 0)
        return;
    f = aa_arena_alloc(&l->rs->arena, sizeof(*f));
    f->at = n->at;
    f->builtin = l->rs->builtin;
    if ((v = aa_yaml_get(n, "id")) == NULL ||
        aa_yaml_get(n, "status") == NULL || aa_yaml_get(n, "sources") == NULL ||
        aa_yaml_get(n, "summary") == NULL) {
        lerror(l, AA_E_SCHEMA, n->at,
               "a fact needs 'id', 'status', 'sources' and 'summary'");
        return;
    }
    if ((f->id = get_string(l, v, "'id'")) != NULL && !match_id(f->id, 1))
        lerror(l, AA_E_SCHEMA, v->at,
               "bad fact ID '%s': expected the form PAL-F01", f->id);
    f->at = v->at;
    f->status = get_string(l, aa_yaml_get(n, "status"), "'status'");
    if (f->status != NULL && !status_ok(f->status))
        lerror(l, AA_E_SCHEMA, aa_yaml_get(n, "status")->at,
               "bad fact status '%s': expected doc, field, history or soft, "
               "or a mix written with '/' (doc/field)",
               f->status);
    f->summary = get_string(l, aa_yaml_get(n, "summary"), "'summary'");
    get_strings(l, aa_yaml_get(n, "sources"), "'sources'", &f->sources, NULL,
                &f->nsources);
    if ((v = aa_yaml_get(n, "as_of")) != NULL)
        f->as_of = get_date(l, v, "'as_of'");
    if (l->errors == before)
        aa_ast_add_fact(l->rs, f);
}

/* source := { id: STR, pages: [ { title: STR, url?: STR, date?: STR } ] } */
static void
load_source(struct ld *l, const struct aa_ynode *n)
{
    static const char *const keys[] = {"id", "pages", NULL};
    static const char *const page_keys[] = {"title", "url", "date", NULL};
    const struct aa_ynode *v, *pages;
    struct aa_source *s;
    int before = l->errors;

    if (expect(l, n, AA_Y_MAP, "a source") != 0 ||
        check_keys(l, n, keys, "a source") != 0)
        return;
    if ((v = aa_yaml_get(n, "id")) == NULL ||
        (pages = aa_yaml_get(n, "pages")) == NULL) {
        lerror(l, AA_E_SCHEMA, n->at, "a source needs 'id' and 'pages'");
        return;
    }
    if (expect(l, pages, AA_Y_SEQ, "'pages'") != 0)
        return;
    s = aa_arena_alloc(&l->rs->arena, sizeof(*s));
    s->id = get_string(l, v, "'id'");
    s->at = v->at;
    s->pages = aa_arena_alloc(&l->rs->arena,
                              (pages->n ? pages->n : 1) * sizeof(*s->pages));
    for (size_t i = 0; i < pages->n; i++) {
        const struct aa_ynode *p = pages->kids[i];
        struct aa_source_page *pg = &s->pages[s->npages];

        if (expect(l, p, AA_Y_MAP, "a page") != 0 ||
            check_keys(l, p, page_keys, "a page") != 0)
            continue;
        if ((v = aa_yaml_get(p, "title")) == NULL) {
            lerror(l, AA_E_SCHEMA, p->at, "a page needs a 'title'");
            continue;
        }
        pg->title = get_string(l, v, "'title'");
        if ((v = aa_yaml_get(p, "url")) != NULL)
            pg->url = get_string(l, v, "'url'");
        if ((v = aa_yaml_get(p, "date")) != NULL)
            pg->date = get_string(l, v, "'date'");
        s->npages++;
    }
    if (s->npages == 0 && l->errors == before)
        lerror(l, AA_E_SCHEMA, pages->at, "a source needs at least one page");
    if (l->errors == before)
        aa_ast_add_source(l->rs, s);
}

/* Whether 'n' (a sequence, or a mapping of n/2 pairs) holds more than
 * 'limit' entries; if so, report it at the first one over the bound. */
static int
over_limit(struct ld *l, const struct aa_ynode *n, enum aa_limit limit,
           const char *what)
{
    size_t step = n->kind == AA_Y_MAP ? 2 : 1, max = aa_limit(limit);

    /* Bounds are for input from outside; the built-in rules are the
     * program's own, and a run that reads them from their compiled image
     * (image.c) never counts them: one with user rules must not either. */
    if (l->rs->builtin || n->n / step <= max)
        return 0;
    lerror(l, AA_E_LIMIT, n->kids[max * step]->at,
           "more than %zu %s (--limit %s=N)", max, what, aa_limit_name(limit));
    return 1;
}

/* lists := { NAME: [STR] }  at most 'lists' names, each with at most
 * 'lists' items */
static void
load_lists(struct ld *l, const struct aa_ynode *n)
{
    if (expect(l, n, AA_Y_MAP, "'lists'") != 0 ||
        over_limit(l, n, AA_LIMIT_LISTS, "lists in one rule file"))
        return;
    for (size_t i = 0; i < n->n; i += 2) {
        struct aa_list *li = aa_arena_alloc(&l->rs->arena, sizeof(*li));
        const struct aa_ynode *items = n->kids[i + 1];

        if ((li->name = get_string(l, n->kids[i], "a list name")) == NULL)
            continue;
        li->at = n->kids[i]->at;
        if (items->kind == AA_Y_SEQ &&
            over_limit(l, items, AA_LIMIT_LISTS, "items in one list"))
            continue;
        if (get_strings(l, items, "a list", &li->items, NULL, &li->nitems) == 0)
            aa_ast_add_list(l->rs, li);
    }
}

/*
 * severity := { RULE-ID: error | warning | info }
 *
 * The level of another rule's findings (docs/rules.md, "Severity").  Only
 * the three levels: a pack may make a finding louder or quieter, not make
 * it vanish, which is the config file's 'ignore', where a run's policy is
 * seen.  Whether the id names a rule, and whether the file names it
 * twice, wait for compile.c, which sorts the entries of every file once.
 */
static void
load_regrades(struct ld *l, const struct aa_ynode *n)
{
    if (expect(l, n, AA_Y_MAP, "'severity'") != 0 ||
        over_limit(l, n, AA_LIMIT_RULES, "'severity' entries in one rule file"))
        return;
    for (size_t i = 0; i < n->n; i += 2) {
        const struct aa_ynode *k = n->kids[i], *v = n->kids[i + 1];
        struct aa_regrade *g;
        const char *s;

        if ((s = get_string(l, k, "a rule id in 'severity'")) == NULL)
            continue;
        if (!match_id(s, 0)) {
            lerror(l, AA_E_SCHEMA, k->at,
                   "bad rule id '%s' in 'severity': use letters, digits, "
                   "'.', '-' and '_'",
                   s);
            continue;
        }
        if (v->kind != AA_Y_SCALAR || aa_yaml_is_null(v)) {
            lerror(l, AA_E_SCHEMA, v->at,
                   "expected error, warning or info for '%s' in 'severity', "
                   "got %s",
                   s,
                   v->kind == AA_Y_SCALAR ? "null"
                                          : aa_yaml_kind_name(v->kind));
            continue;
        }
        g = aa_arena_alloc(&l->rs->arena, sizeof(*g));
        g->rule = s;
        g->at = k->at;
        if (strcmp(v->s, "error") == 0)
            g->severity = AA_SEV_ERROR;
        else if (strcmp(v->s, "warning") == 0)
            g->severity = AA_SEV_WARNING;
        else if (strcmp(v->s, "info") == 0)
            g->severity = AA_SEV_INFO;
        else {
            static const char *const silent[] = {"never", "none", "off",
                                                 "ignore", "suppress"};
            int mute = 0;

            for (size_t j = 0; j < sizeof(silent) / sizeof(*silent); j++)
                mute |= strcmp(v->s, silent[j]) == 0;
            if (mute)
                lerror(l, AA_E_SCHEMA, v->at,
                       "'%s' for '%s': a rule file sets error, warning or "
                       "info and cannot silence a rule; 'ignore' in the "
                       "config file (or --ignore) does",
                       v->s, s);
            else
                lerror(l, AA_E_SCHEMA, v->at,
                       "unknown severity '%s' for '%s'; expected error, "
                       "warning or info",
                       v->s, s);
            continue;
        }
        aa_ast_add_regrade(l->rs, g);
    }
}

static void
load_file(struct ld *l, const struct aa_ynode *root)
{
    static const char *const keys[] = {"version",  "as_of", "facts",
                                       "lists",    "rules", "sources",
                                       "severity", NULL};
    const struct aa_ynode *v;

    if (root == NULL) /* empty file: nothing to add */
        return;
    if (expect(l, root, AA_Y_MAP, "a rule file") != 0 ||
        check_keys(l, root, keys, "a rule file") != 0)
        return;
    if ((v = aa_yaml_get(root, "version")) != NULL && aa_yaml_version_quoted(v))
        lerror(l, AA_E_SCHEMA, v->at, AA_YAML_VERSION_QUOTED);
    else if (v != NULL &&
             (v->kind != AA_Y_SCALAR || !v->plain || strcmp(v->s, "1") != 0))
        lerror(l, AA_E_SCHEMA, v->at,
               "unsupported rule language version '%s'; this build reads "
               "version 1",
               v->kind == AA_Y_SCALAR ? v->s : "?");
    if ((v = aa_yaml_get(root, "as_of")) != NULL &&
        get_date(l, v, "'as_of'") != NULL &&
        (l->rs->ast.as_of == NULL || older(v->s, l->rs->ast.as_of)))
        /* The run's knowledge is as old as its oldest file: a pack's
         * newer date does not make the built-in facts fresher. */
        l->rs->ast.as_of = v->s;
    if ((v = aa_yaml_get(root, "facts")) != NULL &&
        expect(l, v, AA_Y_SEQ, "'facts'") == 0)
        for (size_t i = 0; i < v->n; i++)
            load_fact(l, v->kids[i]);
    if ((v = aa_yaml_get(root, "lists")) != NULL)
        load_lists(l, v);
    if ((v = aa_yaml_get(root, "sources")) != NULL &&
        expect(l, v, AA_Y_SEQ, "'sources'") == 0)
        for (size_t i = 0; i < v->n; i++)
            load_source(l, v->kids[i]);
    if ((v = aa_yaml_get(root, "rules")) != NULL &&
        expect(l, v, AA_Y_SEQ, "'rules'") == 0 &&
        !over_limit(l, v, AA_LIMIT_RULES, "rules in one rule file"))
        for (size_t i = 0; i < v->n; i++)
            load_rule(l, v->kids[i]);
    if ((v = aa_yaml_get(root, "severity")) != NULL)
        load_regrades(l, v);
}

/* A ruleset made from the built-in image is compiled already; its AST's
 * arrays cannot grow. */
static int
closed(struct aa_ruleset *rs, const char *name, struct aa_diags *dl)
{
    struct aa_loc at = {name, 0, 0};

    if (!rs->image)
        return 0;
    aa_diag_add(dl, AA_E_SCHEMA, at, NULL,
                "the built-in ruleset takes no more rules; load every file "
                "into a ruleset of aa_ruleset_new");
    return 1;
}

int
aa_rules_load_mem(struct aa_ruleset *rs, const char *name, const char *data,
                  size_t len, struct aa_diags *dl)
{
    struct ld l;
    struct aa_yparse yp;
    struct aa_ynode *root;
    char text[32];

    if (closed(rs, name, dl))
        return -1;
    memset(&l, 0, sizeof(l));
    l.rs = rs;
    l.dl = dl;
    l.file = aa_arena_strdup(&rs->arena, name); /* AST locations keep it */
    l.data = data;
    l.len = len;
    if (len > aa_limit(AA_LIMIT_RULES_SIZE)) {
        struct aa_loc at = {name, 0, 0};

        lerror(&l, AA_E_LIMIT, at,
               "rule file is larger than %s (--limit rules-size=N)",
               aa_limit_size_text(text, sizeof(text),
                                  aa_limit(AA_LIMIT_RULES_SIZE)));
        rs->load_failed = 1;
        return -1;
    }
    aa_arena_init_lasting(&l.tmp);
    memset(&yp, 0, sizeof(yp));
    yp.nodes = &l.tmp;
    yp.strings = &rs->arena; /* the AST keeps the texts */
    yp.file = l.file;
    yp.data = data;
    yp.len = len;
    yp.what = "rule files";
    yp.error = lverror;
    yp.ctx = &l;
    root = aa_yaml_parse(&yp);
    if (l.errors == 0)
        load_file(&l, root);
    aa_arena_fini(&l.tmp);
    if (l.more > 0) {
        struct aa_loc at = {l.file, 0, 0};

        aa_diag_add(dl, l.worst, at, NULL,
                    "... and %zu more problem%s in this file (--limit "
                    "errors=N)",
                    l.more, l.more == 1 ? "" : "s");
    }
    if (l.errors > 0) {
        rs->load_failed = 1;
        return -1;
    }
    return 0;
}

/* The built-in files are the default layer (0); whatever is loaded after
 * them is the user layer, whose rules replace their namesakes. */
int
aa_rules_load_builtin(struct aa_ruleset *rs, struct aa_diags *dl)
{
    unsigned saved = rs->layer;
    int rc = 0;

    if (closed(rs, "rules", dl))
        return -1;
    rs->layer = 0;
    rs->builtin = 1;
    for (size_t i = 0; i < aa_builtin_file_count; i++) {
        const struct aa_builtin_file *f = &aa_builtin_files[i];
        struct ld l;

        /* The tree the build parsed, read as any rule file's is. */
        memset(&l, 0, sizeof(l));
        l.rs = rs;
        l.dl = dl;
        l.file = f->name;
        load_file(&l, f->root);
        if (l.errors > 0) {
            rs->load_failed = 1;
            rc = -1;
        }
    }
    rs->layer = saved > 0 ? saved : 1;
    rs->builtin = 0;
    return rc;
}

int
aa_rules_load_file(struct aa_ruleset *rs, const char *path, struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    struct stat st;
    FILE *fp = NULL;
    char *buf;
    size_t len;
    int rc = -1, fd;

    /* Non-blocking, then fstat: a FIFO must never hold the run. */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0 || fstat(fd, &st) != 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        rs->load_failed = 1;
        return -1;
    }
    if (!S_ISREG(st.st_mode) || (fp = fdopen(fd, "rb")) == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "not a regular file%s",
                    S_ISFIFO(st.st_mode) ? " (a FIFO)" : "");
        close(fd);
        rs->load_failed = 1;
        return -1;
    }
    buf = aa_read_all(fp, aa_limit(AA_LIMIT_RULES_SIZE), &len);
    if (ferror(fp)) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read: %s", strerror(errno));
        rs->load_failed = 1;
    } else {
        rc = aa_rules_load_mem(rs, path, buf, len, dl);
    }
    fclose(fp);
    free(buf);
    return rc;
}

int
aa_rules_load_dir(struct aa_ruleset *rs, const char *dir, struct aa_diags *dl)
{
    struct aa_loc at = {dir, 0, 0};
    char **names;
    size_t n, unopened;
    int rc = 0;

    if (aa_walk_yaml_files(dir, &names, &n, &unopened, dl) != 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open directory: %s",
                    strerror(errno));
        rs->load_failed = 1;
        return -1;
    }
    if (unopened > 0) {
        rs->load_failed = 1;
        rc = -1;
    }
    if (n == 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL,
                    "no rule files (*.yaml, *.yml) in this directory");
        rs->load_failed = 1;
        rc = -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (aa_rules_load_file(rs, names[i], dl) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}
