/*
 * rules_test.c -- rule tests ('attrib-advise rules test'; docs/rules.md,
 * "Rule tests"): YAML files of plans, each with what the advice on it must
 * say, run against a compiled ruleset, and the coverage of its rules and
 * facts by the tests that pass.
 *
 *   file     := { version?: 1, base?: PLAN, tests: [test, ...] }
 *   test     := { name: TEXT, facts: [FACT, ...] | none, given?: PATCH,
 *                 options?: options, expect?: expect }
 *   options  := { strict?: BOOL, require-complete?: BOOL, today?: DATE,
 *                 severity?: { RULE: LEVEL } }
 *   expect   := { verdicts?: { ADVICE: VERDICT }, fires?: [RULE, ...],
 *                 absent?: [RULE, ...], missing?: { ADVICE: [POINTER] },
 *                 worst?: LEVEL | none, findings?: [finding, ...] }
 *   finding  := { rule: RULE, severity?: LEVEL, pointer?: POINTER,
 *                 suppressed?: BOOL }
 *   ADVICE   := MECH | MECH@WORKLOAD
 *
 * A test's plan is its 'given' applied to the file's 'base' as a JSON
 * Merge Patch, written out as JSON and read by the scenario loader like
 * any plan file, so a test plan is held to the contract exactly as a
 * user's is.  Every position of that JSON maps back to the YAML node it
 * came from, so a plan the loader refuses is an error at the line and
 * column of the test file, and findings point there too.
 *
 * Everything else in a test file is checked against the ruleset before a
 * test runs: unknown keys, rule ids, fact IDs, mechanisms, workloads,
 * verdicts and pointers are errors with file, line and column, since a
 * misspelt name would make an expectation pass for ever ("absent" of a
 * rule that does not exist).  For the same reason a plan key the contract
 * does not know is an error unless the test expects the rule that reports
 * unknown keys.  A file with any error runs none of its tests.
 *
 * Then each test is evaluated, its report held to the invariants
 * (aa_report_check), triaged with the test's options, and every
 * expectation checked, so a failure lists all that differ.  Coverage counts,
 * per rule, the passing tests that expect it to fire (in 'fires' or
 * 'findings') and those that expect it absent, and per fact the passing
 * tests that cite it.
 */
#include "rules_test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "attrib_advise.h"
#include "contract.h"
#include "hashset.h"
#include "jsonw.h"
#include "limits.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"
#include "text.h"
#include "walk.h"

/* The date suppressions expire against unless a test gives one: fixed, so
 * that a test gives the same answer on every day it runs. */
#define DEFAULT_TODAY "2026-12-01"

/* --- the plan: merge patch and JSON ------------------------------------ */

static struct aa_ynode *
new_map(struct aa_arena *a, struct aa_loc at, size_t cap)
{
    struct aa_ynode *m = aa_arena_alloc(a, sizeof(*m));

    m->kind = AA_Y_MAP;
    m->at = at;
    m->kids = cap > 0 ? aa_arena_alloc(a, cap * sizeof(*m->kids)) : NULL;
    return m;
}

const struct aa_ynode *
aa_rules_test_merge(struct aa_arena *a, const struct aa_ynode *target,
                    const struct aa_ynode *patch)
{
    struct aa_ynode *m;
    size_t tn;

    if (patch->kind != AA_Y_MAP)
        return patch;
    /* RFC 7386: a target that is not an object becomes {} first. */
    tn = target != NULL && target->kind == AA_Y_MAP ? target->n : 0;
    m = new_map(a, patch->at, tn + patch->n);
    if (tn > 0) {
        memcpy(m->kids, target->kids, tn * sizeof(*m->kids));
        m->n = tn;
    }
    for (size_t i = 0; i < patch->n; i += 2) {
        const struct aa_ynode *k = patch->kids[i], *v = patch->kids[i + 1];
        size_t j = 0;

        while (j < m->n && strcmp(m->kids[j]->s, k->s) != 0)
            j += 2;
        if (aa_yaml_is_null(v)) {
            if (j < m->n) {
                memmove(m->kids + j, m->kids + j + 2,
                        (m->n - j - 2) * sizeof(*m->kids));
                m->n -= 2;
            }
        } else if (j < m->n) {
            /* The patch's key: a message about the value it gives then
             * points at the test, not at the base. */
            m->kids[j] = (struct aa_ynode *)k;
            m->kids[j + 1] =
                (struct aa_ynode *)aa_rules_test_merge(a, m->kids[j + 1], v);
        } else {
            m->kids[m->n++] = (struct aa_ynode *)k;
            m->kids[m->n++] =
                (struct aa_ynode *)aa_rules_test_merge(a, NULL, v);
        }
    }
    return m;
}

/* A plain scalar that YAML reads as a boolean (the YAML 1.2 core
 * schema's spellings): 1 true, 0 false, -1 neither. */
static int
yaml_bool(const struct aa_ynode *n)
{
    static const char *const t[] = {"true", "True", "TRUE"};
    static const char *const f[] = {"false", "False", "FALSE"};

    if (n->kind != AA_Y_SCALAR || !n->plain)
        return -1;
    for (int i = 0; i < 3; i++) {
        if (strcmp(n->s, t[i]) == 0)
            return 1;
        if (strcmp(n->s, f[i]) == 0)
            return 0;
    }
    return -1;
}

/* A JSON numeral: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
json_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return 0;
    if (*s == '.') {
        if (!(*++s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static void
json_string(struct aa_buf *b, const char *s)
{
    aa_buf_puts(b, "\"");
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];

        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            aa_buf_put(b, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof(esc), "\\u%04x", c);
            aa_buf_puts(b, esc);
        } else {
            aa_buf_put(b, s, 1);
        }
    }
    aa_buf_puts(b, "\"");
}

struct jtext {
    struct aa_buf b;
    struct aa_plan_line *lines;
    size_t nlines, cap;
};

/* Start a line at 'indent', written for key and value (val_col is set
 * once the value starts). */
static void
jline(struct jtext *j, unsigned indent, struct aa_loc key, struct aa_loc val)
{
    if (j->nlines == j->cap) {
        j->cap = j->cap ? j->cap * 2 : 64;
        j->lines = aa_xrealloc(j->lines, j->cap, sizeof(*j->lines));
    }
    j->lines[j->nlines].key = key;
    j->lines[j->nlines].val = val;
    j->lines[j->nlines].val_col = indent + 1;
    j->nlines++;
    if (j->b.n > 0)
        aa_buf_puts(&j->b, "\n");
    for (unsigned i = 0; i < indent; i++)
        aa_buf_puts(&j->b, " ");
}

static void
jvalue(struct jtext *j, const struct aa_ynode *n, unsigned indent)
{
    size_t line_start;

    switch (n->kind) {
    case AA_Y_SCALAR:
        if (!n->plain)
            json_string(&j->b, n->s);
        else if (aa_yaml_is_null(n))
            aa_buf_puts(&j->b, "null");
        else if (yaml_bool(n) >= 0)
            aa_buf_puts(&j->b, yaml_bool(n) ? "true" : "false");
        else if (json_number(n->s))
            aa_buf_puts(&j->b, n->s);
        else
            json_string(&j->b, n->s);
        return;
    case AA_Y_MAP:
    case AA_Y_SEQ:
        aa_buf_puts(&j->b, n->kind == AA_Y_MAP ? "{" : "[");
        for (size_t i = 0; i < n->n; i += n->kind == AA_Y_MAP ? 2 : 1) {
            const struct aa_ynode *k = n->kids[i];
            const struct aa_ynode *v = n->kind == AA_Y_MAP ? n->kids[i + 1] : k;

            jline(j, indent + 2, k->at, v->at);
            line_start = j->b.n;
            if (n->kind == AA_Y_MAP) {
                unsigned col = indent + 3;

                json_string(&j->b, k->s);
                aa_buf_puts(&j->b, ": ");
                /* Columns count characters, as the loader's do. */
                for (size_t b = line_start; b < j->b.n; b++)
                    col += ((unsigned char)j->b.s[b] & 0xC0) != 0x80;
                j->lines[j->nlines - 1].val_col = col;
            }
            jvalue(j, v, indent + 2);
            if (i + (n->kind == AA_Y_MAP ? 2 : 1) < n->n)
                aa_buf_puts(&j->b, ",");
        }
        if (n->n > 0)
            jline(j, indent, n->at, n->at);
        aa_buf_puts(&j->b, n->kind == AA_Y_MAP ? "}" : "]");
        return;
    }
}

char *
aa_rules_test_json(const struct aa_ynode *plan, struct aa_plan_line **lines,
                   size_t *nlines)
{
    struct jtext j;

    memset(&j, 0, sizeof(j));
    jline(&j, 0, plan->at, plan->at);
    jvalue(&j, plan, 0);
    aa_buf_puts(&j.b, "\n");
    *lines = j.lines;
    *nlines = j.nlines;
    return j.b.s;
}

/* aa_scenario_parse_mapped's map: a position of the JSON text -> the
 * YAML key or value on that line. */
struct plan_map {
    const struct aa_plan_line *v;
    size_t n;
};

static void
map_position(void *ctx, unsigned *line, unsigned *col)
{
    const struct plan_map *m = ctx;
    const struct aa_plan_line *l;
    const struct aa_loc *to;

    if (*line > m->n) /* past the text: its end, the plan's last line */
        *line = (unsigned)m->n;
    l = &m->v[*line - 1];
    to = *col >= l->val_col ? &l->val : &l->key;
    *line = to->line;
    *col = to->col;
}

/* --- the tests of a file ------------------------------------------------ */

struct want_advice {
    int mech;             /* contract order */
    const char *workload; /* NULL: the mechanism's verdict */
    const char *key;      /* as written, for messages */
};

struct want_verdict {
    struct want_advice adv;
    enum aa_verdict verdict;
    struct aa_loc at;
};

struct want_rule {
    const char *id;
    struct aa_loc at;
};

struct want_missing {
    struct want_advice adv;
    const char *pointer;
    struct aa_loc at;
};

struct want_finding {
    const char *rule;
    int severity;        /* enum aa_severity, or -1: any */
    const char *pointer; /* NULL: any */
    int suppressed;      /* 0 or 1, or -1: either */
    struct aa_loc at;
};

struct rtest {
    const char *name;
    struct aa_loc at; /* the test's name */
    const struct aa_ynode *given;
    const struct aa_fact **facts;
    size_t nfacts;
    int strict, require_complete;
    const char *today;
    struct aa_severity_override *sev;
    size_t nsev;
    struct want_verdict *verdicts;
    size_t nverdicts;
    struct want_rule *fires, *absent;
    size_t nfires, nabsent;
    struct want_missing *missing;
    size_t nmissing;
    int worst; /* -2: not checked; -1: none; else enum aa_severity */
    struct aa_loc worst_at;
    struct want_finding *findings;
    size_t nfindings;
    struct aa_scenario *sc;
    int bad; /* had errors of its own: its plan is not made */
};

/* A check that failed, where its expectation is written. */
struct problem {
    struct aa_loc at;
    const char *text;
};

struct result {
    size_t file;
    const char *name;
    struct aa_loc at;
    int passed;
    struct problem *problems;
    size_t nproblems;
};

struct tfile {
    const char *path;
    size_t tests, passed, failed;
    int invalid;
};

struct aa_rules_test {
    const struct aa_ruleset *rs;
    struct aa_rules_test_opts opts;
    struct aa_arena arena; /* paths, names and messages of the results */
    struct tfile *files;
    size_t nfiles;
    struct result *results;
    size_t nresults;
    size_t *fires, *absent;  /* per live rule: passing tests that ... */
    size_t *cited;           /* per fact of rs->ast.facts */
    struct aa_hashset cites; /* fact id -> its entry of cited */
    const char **rule_ids;   /* for suggestions */
    const char **fact_ids;
    size_t passed, failed;
};

/* Loading one file: what its errors go through. */
struct tload {
    struct aa_rules_test *t;
    struct aa_diags *dl;
    struct aa_arena *a; /* the tree and the tests of this file */
    size_t shown, more;
    int errors;
};

static void tverror(void *ctx, enum aa_code code, struct aa_loc at,
                    const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
tverror(void *ctx, enum aa_code code, struct aa_loc at, const char *fmt,
        va_list ap)
{
    struct tload *L = ctx;

    L->errors++;
    if (L->shown >= aa_limit(AA_LIMIT_ERRORS)) {
        L->more++;
        return;
    }
    aa_diag_vadd(L->dl, code, at, NULL, fmt, ap);
    L->shown++;
}

static void terror(struct tload *L, struct aa_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
terror(struct tload *L, struct aa_loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tverror(L, AA_E_SCHEMA, at, fmt, ap);
    va_end(ap);
}

/* Past the errors limit nothing more is shown: a loop over a flood of
 * bad entries may stop. */
static int
flooded(const struct tload *L)
{
    return L->shown >= aa_limit(AA_LIMIT_ERRORS);
}

/* Unknown keys of a mapping, each an error with a suggestion, and
 * repeated ones; keys[] holds at most 32. */
static void
check_keys(struct tload *L, const struct aa_ynode *map, const char *const *keys,
           size_t nkeys, const char *what)
{
    unsigned long seen = 0;

    for (size_t i = 0; i < map->n && !flooded(L); i += 2) {
        const struct aa_ynode *k = map->kids[i];
        size_t key = 0;

        while (key < nkeys && strcmp(keys[key], k->s) != 0)
            key++;
        if (key == nkeys) {
            const char *hint = aa_suggest(keys, nkeys, k->s);
            struct aa_buf list = {NULL, 0, 0, NULL};

            if (hint != NULL) {
                terror(L, k->at, "unknown key '%s' in %s (did you mean '%s'?)",
                       k->s, what, hint);
                continue;
            }
            for (size_t j = 0; j < nkeys; j++) {
                aa_buf_puts(&list, j == 0           ? ""
                                   : j + 1 == nkeys ? " and "
                                                    : ", ");
                aa_buf_puts(&list, keys[j]);
            }
            terror(L, k->at, "unknown key '%s' in %s, which takes %s", k->s,
                   what, list.s);
            free(list.s);
        } else if (seen & (1ul << key)) {
            terror(L, k->at, "duplicate key '%s'", k->s);
        } else {
            seen |= 1ul << key;
        }
    }
}

/* A mapping with only the keys given, or NULL after an error. */
static const struct aa_ynode *
mapping(struct tload *L, const struct aa_ynode *n, const char *what)
{
    if (n->kind != AA_Y_MAP) {
        terror(L, n->at, "%s is a mapping, not %s", what,
               aa_yaml_kind_name(n->kind));
        return NULL;
    }
    return n;
}

static const char *
text(struct tload *L, const struct aa_ynode *n, const char *what)
{
    if (n->kind != AA_Y_SCALAR || aa_yaml_is_null(n) || n->s[0] == '\0') {
        terror(L, n->at, "expected text for %s, got %s", what,
               n->kind != AA_Y_SCALAR ? aa_yaml_kind_name(n->kind)
               : n->s[0] == '\0'      ? "nothing"
                                      : "null");
        return NULL;
    }
    return n->s;
}

static int
boolean(struct tload *L, const struct aa_ynode *n, const char *what)
{
    int b = yaml_bool(n);

    if (b < 0)
        terror(L, n->at, "expected true or false for %s", what);
    return b;
}

/* The items of the sequence *np, or the lone scalar *np as a list of
 * one (the array returned is then np itself). */
static const struct aa_ynode *const *
items(struct tload *L, const struct aa_ynode *const *np, const char *what,
      size_t *k)
{
    const struct aa_ynode *n = *np;

    if (n->kind == AA_Y_SEQ) {
        *k = n->n;
        return (const struct aa_ynode *const *)n->kids;
    }
    if (n->kind == AA_Y_MAP) {
        terror(L, n->at, "expected a list for %s, got a mapping", what);
        *k = 0;
        return NULL;
    }
    *k = 1;
    return np;
}

static int
level(struct tload *L, const struct aa_ynode *n, const char *what)
{
    const char *s = text(L, n, what);
    int l;

    if (s == NULL)
        return -1;
    if ((l = aa_level_find(s, 0)) < 0)
        terror(L, n->at,
               "'%s' is not a level for %s; expected error, "
               "warning or info",
               s, what);
    return l;
}

/* The live rule with this id, or -1. */
static long
rule_index(const struct aa_ruleset *rs, const char *id)
{
    return (long)aa_ruleset_rule_index(rs, id);
}

static const char *
rule_id(struct tload *L, const struct aa_ynode *n, const char *what)
{
    const struct aa_ruleset *rs = L->t->rs;
    const char *s = text(L, n, what);
    const char *hint;

    if (s == NULL || rule_index(rs, s) >= 0)
        return s;
    hint = aa_suggest(L->t->rule_ids, rs->nlive, s);
    if (hint != NULL)
        terror(L, n->at, "no rule '%s' (did you mean '%s'?)", s, hint);
    else
        terror(L, n->at,
               "no rule '%s' in the rules of this run ('rules test PACK' "
               "loads the rules of PACK, and runs the tests of PACK/tests)",
               s);
    return NULL;
}

/* MECH or MECH@WORKLOAD. */
static int
advice_key(struct tload *L, const struct aa_ynode *k, struct want_advice *w)
{
    const char *at = strchr(k->s, '@');
    size_t n = at ? (size_t)(at - k->s) : strlen(k->s);
    int field = aa_contract_find("/customer/workloads");

    w->key = k->s;
    w->workload = NULL;
    for (w->mech = 0; w->mech < AA_NMECH; w->mech++)
        if (strlen(aa_report_mech_name((unsigned)w->mech)) == n &&
            strncmp(aa_report_mech_name((unsigned)w->mech), k->s, n) == 0)
            break;
    if (w->mech == AA_NMECH) {
        terror(L, k->at,
               "'%.*s' is no mechanism; expected CSP, DPOR, PAL, CUA, CPOR, "
               "MBS or PRACR, alone or as MECH@WORKLOAD",
               (int)n, k->s);
        return -1;
    }
    if (at == NULL)
        return 0;
    if (aa_contract_enum_index(field, at + 1, strlen(at + 1)) < 0) {
        char vals[256];

        aa_contract_values_text(field, vals, sizeof(vals));
        terror(L, k->at, "'%s' is no workload; expected %s", at + 1, vals);
        return -1;
    }
    w->workload = at + 1;
    return 0;
}

static void
read_options(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    static const char *const keys[] = {"strict", "require-complete", "today",
                                       "severity"};
    const struct aa_ynode *v;

    if (mapping(L, n, "'options'") == NULL)
        return;
    check_keys(L, n, keys, 4, "'options'");
    if ((v = aa_yaml_get(n, "strict")) != NULL)
        t->strict = boolean(L, v, "'strict'") == 1;
    if ((v = aa_yaml_get(n, "require-complete")) != NULL)
        t->require_complete = boolean(L, v, "'require-complete'") == 1;
    if ((v = aa_yaml_get(n, "today")) != NULL &&
        (t->today = text(L, v, "'today'")) != NULL) {
        const char *s = t->today;

        /* As ATTRIB_ADVISE_TODAY is checked: a day the calendar has. */
        if (!aa_date_valid(s)) {
            terror(L, v->at, "'%s' is no date; 'today' is YYYY-MM-DD", s);
            t->today = NULL;
        }
    }
    if ((v = aa_yaml_get(n, "severity")) != NULL &&
        mapping(L, v, "'severity'") != NULL) {
        struct aa_hashset given; /* the rules of t->sev */

        aa_hashset_init(&given, L->a);
        t->sev = aa_arena_alloc(L->a, (v->n / 2 + 1) * sizeof(*t->sev));
        for (size_t i = 0; i < v->n && !flooded(L); i += 2) {
            const char *rule = rule_id(L, v->kids[i], "a rule of 'severity'");
            int l = level(L, v->kids[i + 1], "'severity'");

            if (rule != NULL && aa_hashset_find(&given, rule) != NULL)
                terror(L, v->kids[i]->at, "rule '%s' is given twice", rule);
            else if (rule != NULL && l >= 0) {
                (void)aa_hashset_add(&given, rule, rule);
                t->sev[t->nsev].rule = rule;
                t->sev[t->nsev++].severity = (enum aa_severity)l;
            }
        }
    }
}

static struct want_rule *
read_rules(struct tload *L, const struct aa_ynode *n, const char *what,
           size_t *count)
{
    size_t k;
    const struct aa_ynode *const *v = items(L, &n, what, &k);
    struct want_rule *w;

    *count = 0;
    if (v == NULL)
        return NULL;
    w = aa_arena_alloc(L->a, (k + 1) * sizeof(*w));
    for (size_t i = 0; i < k && !flooded(L); i++) {
        const char *id = rule_id(L, v[i], what);

        if (id != NULL) {
            w[*count].id = id;
            w[(*count)++].at = v[i]->at;
        }
    }
    return w;
}

static void
read_verdicts(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    static const char *const names[] = {"recommended",    "automatic",
                                        "possible",       "blocked",
                                        "not_applicable", "needs_info"};

    if (mapping(L, n, "'verdicts'") == NULL)
        return;
    t->verdicts = aa_arena_alloc(L->a, (n->n / 2 + 1) * sizeof(*t->verdicts));
    for (size_t i = 0; i < n->n && !flooded(L); i += 2) {
        struct want_verdict *w = &t->verdicts[t->nverdicts];
        const char *v = text(L, n->kids[i + 1], "a verdict");
        int e = 0;
        size_t j = 0;

        if (advice_key(L, n->kids[i], &w->adv) != 0 || v == NULL)
            continue;
        while (e < 6 && strcmp(names[e], v) != 0)
            e++;
        if (e == 6) {
            terror(L, n->kids[i + 1]->at,
                   "'%s' is no verdict; expected recommended, automatic, "
                   "possible, blocked, not_applicable or needs_info",
                   v);
            continue;
        }
        while (j < t->nverdicts && strcmp(t->verdicts[j].adv.key, w->adv.key))
            j++;
        if (j < t->nverdicts) {
            terror(L, n->kids[i]->at, "duplicate key '%s'", w->adv.key);
            continue;
        }
        w->verdict = (enum aa_verdict)e;
        w->at = n->kids[i + 1]->at;
        t->nverdicts++;
    }
}

static void
read_missing(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    size_t total = 0, k;

    if (mapping(L, n, "'missing'") == NULL)
        return;
    for (size_t i = 1; i < n->n; i += 2)
        total += n->kids[i]->kind == AA_Y_SEQ ? n->kids[i]->n : 1;
    t->missing = aa_arena_alloc(L->a, (total + 1) * sizeof(*t->missing));
    for (size_t i = 0; i < n->n && !flooded(L); i += 2) {
        struct want_advice adv;
        const struct aa_ynode *const *v;

        if (advice_key(L, n->kids[i], &adv) != 0)
            continue;
        if ((v = items(L, (const struct aa_ynode *const *)&n->kids[i + 1],
                       "'missing'", &k)) == NULL)
            continue;
        for (size_t j = 0; j < k; j++) {
            const char *p = text(L, v[j], "a field's JSON Pointer");

            if (p == NULL)
                continue;
            if (aa_contract_find(p) <= 0) {
                terror(L, v[j]->at,
                       "'%s' is no field of the scenario "
                       "contract",
                       p);
                continue;
            }
            t->missing[t->nmissing].adv = adv;
            t->missing[t->nmissing].pointer = p;
            t->missing[t->nmissing++].at = v[j]->at;
        }
    }
}

static void
read_findings(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    static const char *const keys[] = {"rule", "severity", "pointer",
                                       "suppressed"};
    size_t k;
    const struct aa_ynode *const *v;

    if (n->kind != AA_Y_SEQ) {
        terror(L, n->at, "'findings' is a list of mappings, not %s",
               aa_yaml_kind_name(n->kind));
        return;
    }
    v = items(L, &n, "'findings'", &k);
    t->findings = aa_arena_alloc(L->a, (k + 1) * sizeof(*t->findings));
    for (size_t i = 0; i < k && !flooded(L); i++) {
        struct want_finding *w = &t->findings[t->nfindings];
        const struct aa_ynode *x;

        if (mapping(L, v[i], "a finding") == NULL)
            continue;
        check_keys(L, v[i], keys, 4, "a finding");
        w->at = v[i]->at;
        w->severity = w->suppressed = -1;
        if ((x = aa_yaml_get(v[i], "rule")) == NULL) {
            terror(L, v[i]->at, "a finding names its 'rule'");
            continue;
        }
        if ((w->rule = rule_id(L, x, "'rule'")) == NULL)
            continue;
        if ((x = aa_yaml_get(v[i], "severity")) != NULL &&
            (w->severity = level(L, x, "'severity'")) < 0)
            continue;
        if ((x = aa_yaml_get(v[i], "pointer")) != NULL) {
            if ((w->pointer = text(L, x, "'pointer'")) == NULL)
                continue;
            if (w->pointer[0] != '/') {
                terror(L, x->at, "'%s' is no JSON Pointer", w->pointer);
                continue;
            }
        }
        if ((x = aa_yaml_get(v[i], "suppressed")) != NULL &&
            (w->suppressed = boolean(L, x, "'suppressed'")) < 0)
            continue;
        t->nfindings++;
    }
}

static void
read_expect(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    static const char *const keys[] = {"verdicts", "fires", "absent",
                                       "missing",  "worst", "findings"};
    const struct aa_ynode *v;

    if (mapping(L, n, "'expect'") == NULL)
        return;
    check_keys(L, n, keys, 6, "'expect'");
    if ((v = aa_yaml_get(n, "verdicts")) != NULL)
        read_verdicts(L, v, t);
    if ((v = aa_yaml_get(n, "fires")) != NULL)
        t->fires = read_rules(L, v, "'fires'", &t->nfires);
    if ((v = aa_yaml_get(n, "absent")) != NULL)
        t->absent = read_rules(L, v, "'absent'", &t->nabsent);
    if ((v = aa_yaml_get(n, "missing")) != NULL)
        read_missing(L, v, t);
    if ((v = aa_yaml_get(n, "worst")) != NULL) {
        const char *s = text(L, v, "'worst'");

        t->worst_at = v->at;
        if (s != NULL && strcmp(s, "none") == 0)
            t->worst = -1;
        else if (s != NULL && (t->worst = aa_level_find(s, 0)) < 0) {
            terror(L, v->at,
                   "'%s' is not a level for 'worst'; expected "
                   "error, warning, info or none",
                   s);
            t->worst = -2;
        }
    }
    if ((v = aa_yaml_get(n, "findings")) != NULL)
        read_findings(L, v, t);
}

/* Whether a rule is one of the plan file as written (rules/input.yaml),
 * whose answers rest on the contract, not on facts. */
static int
input_rule(const struct aa_ruleset *rs, const char *id)
{
    size_t n;
    const struct aa_rule_entry *e = aa_ruleset_catalog(rs, &n);
    long i = rule_index(rs, id);

    return i >= 0 && (size_t)i < n && e[i].input;
}

static void
read_facts(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    const struct aa_ruleset *rs = L->t->rs;
    size_t k;
    const struct aa_ynode *const *v;

    if (n->kind == AA_Y_SCALAR && n->plain && strcmp(n->s, "none") == 0)
        return;
    if ((v = items(L, &n, "'facts'", &k)) == NULL)
        return;
    t->facts = aa_arena_alloc(L->a, (k + 1) * sizeof(*t->facts));
    for (size_t i = 0; i < k && !flooded(L); i++) {
        const char *id = text(L, v[i], "a fact ID");
        const struct aa_fact *f;

        if (id == NULL)
            continue;
        if ((f = aa_ruleset_find_fact(rs, id)) == NULL) {
            const char *hint = aa_suggest(L->t->fact_ids, rs->ast.nfacts, id);

            if (hint != NULL)
                terror(L, v[i]->at, "no fact '%s' (did you mean '%s'?)", id,
                       hint);
            else
                terror(L, v[i]->at, "no fact '%s' in the registry", id);
            continue;
        }
        t->facts[t->nfacts++] = f;
    }
}

/* A test without facts rests on the contract alone: only the rules of the
 * plan file as written may be expected of it. */
static void
check_factless(struct tload *L, const struct aa_ynode *facts,
               const struct rtest *t)
{
    const struct aa_ruleset *rs = L->t->rs;

    if (t->nfacts > 0)
        return;
    if (facts->kind == AA_Y_SEQ && facts->n > 0)
        return; /* its facts had errors of their own */
    if (t->nverdicts > 0) {
        terror(L, facts->at,
               "a test without facts checks the plan file as written; a "
               "verdict rests on facts: name them");
        return;
    }
    for (size_t i = 0; i < t->nfires; i++)
        if (!input_rule(rs, t->fires[i].id)) {
            terror(L, facts->at,
                   "a test without facts checks the plan file as written; "
                   "%s rests on facts: name the ones this answer rests on",
                   t->fires[i].id);
            return;
        }
    for (size_t i = 0; i < t->nfindings; i++)
        if (!input_rule(rs, t->findings[i].rule)) {
            terror(L, facts->at,
                   "a test without facts checks the plan file as written; "
                   "%s rests on facts: name the ones this answer rests on",
                   t->findings[i].rule);
            return;
        }
}

static void
read_test(struct tload *L, const struct aa_ynode *n, struct rtest *t)
{
    static const char *const keys[] = {"name", "facts", "given", "options",
                                       "expect"};
    const struct aa_ynode *v, *facts;

    t->worst = -2;
    t->at = n->at;
    if (mapping(L, n, "a test") == NULL)
        return;
    check_keys(L, n, keys, 5, "a test");
    if ((v = aa_yaml_get(n, "name")) == NULL)
        terror(L, n->at, "a test needs a 'name'");
    else if ((t->name = text(L, v, "'name'")) != NULL) {
        t->at = v->at;
        if (strpbrk(t->name, "\r\n") != NULL) {
            terror(L, v->at, "a test's name is one line");
            t->name = NULL;
        }
    }
    if ((v = aa_yaml_get(n, "given")) != NULL) {
        if (v->kind != AA_Y_MAP && !aa_yaml_is_null(v))
            terror(L, v->at,
                   "'given' is a mapping (a merge patch of the "
                   "base plan), not %s",
                   aa_yaml_kind_name(v->kind));
        else if (v->kind == AA_Y_MAP)
            t->given = v;
    }
    if ((v = aa_yaml_get(n, "options")) != NULL)
        read_options(L, v, t);
    if ((v = aa_yaml_get(n, "expect")) != NULL)
        read_expect(L, v, t);
    if ((facts = aa_yaml_get(n, "facts")) == NULL)
        terror(L, n->at,
               "a test names the 'facts' its answer rests on "
               "('none' for the plan file as written)");
    else {
        read_facts(L, facts, t);
        check_factless(L, facts, t);
    }
}

/* Repeated keys in a plan (the merge would keep one silently) and
 * mappings over the keys limit, as the JSON loader bounds them. */
static void
check_plan(struct tload *L, const struct aa_ynode *n)
{
    if (n->kind == AA_Y_SCALAR || flooded(L))
        return;
    if (n->kind == AA_Y_MAP && n->n / 2 > aa_limit(AA_LIMIT_KEYS)) {
        terror(L, n->at, "more than %zu keys in one mapping (--limit keys=N)",
               aa_limit(AA_LIMIT_KEYS));
        return;
    }
    if (n->kind == AA_Y_MAP) {
        struct aa_arena tmp;
        struct aa_hashset keys;

        aa_arena_init(&tmp);
        aa_hashset_init(&keys, &tmp);
        for (size_t i = 0; i < n->n; i += 2)
            if (aa_hashset_add(&keys, n->kids[i]->s, n->kids[i]) != NULL)
                terror(L, n->kids[i]->at, "duplicate key '%s'", n->kids[i]->s);
        aa_arena_fini(&tmp);
    }
    for (size_t i = n->kind == AA_Y_MAP ? 1 : 0; i < n->n;
         i += n->kind == AA_Y_MAP ? 2 : 1)
        check_plan(L, n->kids[i]);
}

static int
cmp_names(const void *a, const void *b)
{
    const struct rtest *const *x = a, *const *y = b;
    int c = strcmp((*x)->name, (*y)->name);

    if (c != 0)
        return c;
    return (*x)->at.line < (*y)->at.line ? -1 : (*x)->at.line > (*y)->at.line;
}

/* Names say which test failed: two tests of a file may not share one. */
static void
check_names(struct tload *L, struct rtest *tests, size_t n)
{
    const struct rtest **v = aa_xcalloc(n + 1, sizeof(*v));
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        if (tests[i].name != NULL)
            v[k++] = &tests[i];
    if (k > 1)
        qsort(v, k, sizeof(*v), cmp_names);
    for (size_t i = 1; i < k && !flooded(L); i++)
        if (strcmp(v[i]->name, v[i - 1]->name) == 0)
            terror(L, v[i]->at,
                   "another test of this file is named '%s' "
                   "(line %u)",
                   v[i]->name, v[i - 1]->at.line);
    free(v);
}

/* The rule that reports unknown keys of a plan, or NULL. */
static const char *
unknown_key_rule(const struct aa_ruleset *rs)
{
    size_t n;
    const struct aa_rule_entry *e = aa_ruleset_catalog(rs, &n);

    for (size_t i = 0; i < n; i++)
        if (e[i].detect != NULL && strcmp(e[i].detect, "unknown_key") == 0)
            return e[i].id;
    return NULL;
}

static int
expects_rule(const struct rtest *t, const char *id)
{
    for (size_t i = 0; id != NULL && i < t->nfires; i++)
        if (strcmp(t->fires[i].id, id) == 0)
            return 1;
    for (size_t i = 0; id != NULL && i < t->nfindings; i++)
        if (strcmp(t->findings[i].rule, id) == 0)
            return 1;
    return 0;
}

/* The test's scenario: its plan as JSON through the scenario loader, then
 * its deployment code.  Returns -1 after errors in L. */
static int
make_scenario(struct tload *L, const char *path, const struct aa_ynode *base,
              struct rtest *t)
{
    const struct aa_ynode *plan = base;
    struct aa_plan_line *lines = NULL;
    struct plan_map map;
    size_t before = aa_diags_count_at(L->dl, AA_BAND_ERROR), nlines = 0;
    const char *uk = unknown_key_rule(L->t->rs);
    char *json;

    if (t->given != NULL)
        plan = aa_rules_test_merge(L->a, base, t->given);
    if (plan == NULL) {
        terror(L, t->at,
               "test '%s' has no plan: give it 'given', or the "
               "file a 'base'",
               t->name);
        return -1;
    }
    json = aa_rules_test_json(plan, &lines, &nlines);
    map.v = lines;
    map.n = nlines;
    /* Named by the test file, so artifacts are found beside it. */
    t->sc = aa_scenario_parse_mapped(path, json, strlen(json), map_position,
                                     &map, L->dl);
    free(json);
    free(lines);
    for (size_t i = 0; t->sc != NULL && i < t->sc->nissues; i++) {
        const struct aa_issue *is = &t->sc->issues[i];
        struct aa_loc at = {path, is->line, is->col};

        if (is->what != AA_D_UNKNOWN_KEY || expects_rule(t, uk))
            continue;
        if (uk != NULL)
            terror(L, at,
                   "the contract has no field %s; a test that means "
                   "it expects %s to fire",
                   is->subject, uk);
        else
            terror(L, at, "the contract has no field %s", is->subject);
    }
    if (t->sc != NULL)
        (void)!aa_scenario_scan_artifacts(t->sc, L->dl); /* errors in dl */
    if (aa_diags_count_at(L->dl, AA_BAND_ERROR) > before) {
        L->errors++;
        return -1;
    }
    return 0;
}

/* --- running a test ----------------------------------------------------- */

struct run {
    struct aa_rules_test *t;
    struct result *r;
};

static void fail(struct run *R, struct aa_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct run *R, struct aa_loc at, const char *fmt, ...)
{
    struct result *r = R->r;
    va_list ap;
    char *s = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&s, &len);

    if (mem == NULL)
        aa_oom();
    va_start(ap, fmt);
    vfprintf(mem, fmt, ap);
    va_end(ap);
    if (fclose(mem) != 0)
        aa_oom();
    r->problems =
        aa_xrealloc(r->problems, r->nproblems + 1, sizeof(*r->problems));
    r->problems[r->nproblems].at = at;
    r->problems[r->nproblems++].text = aa_arena_strdup(&R->t->arena, s);
    free(s);
}

static const char *
advice_has(const struct aa_advice *a, const char *id)
{
    /* A needs_info verdict's reason names a rule left unknown: it did
     * not fire. */
    for (size_t i = 0; i < a->nreasons; i++)
        if (!a->reasons[i].undecided && strcmp(a->reasons[i].rule, id) == 0)
            return "a reason";
    for (size_t i = 0; i < a->nactions; i++)
        if (strcmp(a->actions[i].rule, id) == 0)
            return "an action";
    for (size_t v = 0; v < a->nper; v++) {
        const char *w = advice_has(&a->per[v], id);

        if (w != NULL)
            return w;
    }
    return NULL;
}

/* Where a rule appears in the report (a reason, action or finding,
 * workloads' answers included), written into buf; NULL when nowhere. */
static const char *
appears(const struct aa_report *rep, const char *id, char *buf, size_t size)
{
    for (size_t m = 0; m < AA_NMECH; m++) {
        const char *w = advice_has(&rep->mech[m], id);

        if (w != NULL) {
            snprintf(buf, size, "%s of %s", w, rep->mech[m].mech);
            return buf;
        }
    }
    for (size_t i = 0; i < rep->nfindings; i++)
        if (strcmp(rep->findings[i].rule, id) == 0) {
            snprintf(buf, size, "a finding at %s",
                     rep->findings[i].pointer && rep->findings[i].pointer[0]
                         ? rep->findings[i].pointer
                         : "the plan");
            return buf;
        }
    return NULL;
}

/* The advice a key names, or NULL after saying why there is none. */
static const struct aa_advice *
find_advice(struct run *R, const struct aa_report *rep,
            const struct want_advice *w, struct aa_loc at)
{
    const struct aa_advice *a = &rep->mech[w->mech];
    struct aa_buf names = {NULL, 0, 0, NULL};

    if (w->workload == NULL)
        return a;
    for (size_t v = 0; v < a->nper; v++)
        if (a->per[v].workload != NULL &&
            strcmp(a->per[v].workload, w->workload) == 0)
            return &a->per[v];
    if (a->nper == 0) {
        fail(R, at, "%s: the plan is answered as a whole, not per workload",
             w->key);
        return NULL;
    }
    for (size_t v = 0; v < a->nper; v++) {
        aa_buf_puts(&names, v == 0 ? "" : ", ");
        aa_buf_puts(&names, a->per[v].workload ? a->per[v].workload : "?");
    }
    fail(R, at, "%s: the plan has no such workload; it is answered for %s",
         w->key, names.s);
    free(names.s);
    return NULL;
}

static void
check_missing(struct run *R, const struct aa_report *rep,
              const struct want_missing *w)
{
    const struct aa_advice *a = find_advice(R, rep, &w->adv, w->at);
    struct aa_buf got = {NULL, 0, 0, NULL};

    if (a == NULL)
        return;
    for (size_t k = 0; k < a->nmissing; k++)
        if (strcmp(a->missing[k].pointer, w->pointer) == 0)
            return;
    for (size_t k = 0; k < a->nmissing; k++) {
        aa_buf_puts(&got, k == 0 ? "" : ", ");
        aa_buf_puts(&got, a->missing[k].pointer);
    }
    fail(R, w->at, "missing of %s: expected %s, got %s", w->adv.key, w->pointer,
         got.s ? got.s : "none");
    free(got.s);
}

static int
finding_matches(const struct aa_finding *f, const struct want_finding *w)
{
    return strcmp(f->rule, w->rule) == 0 &&
           (w->severity < 0 || (int)f->severity == w->severity) &&
           (w->pointer == NULL ||
            (f->pointer != NULL && strcmp(f->pointer, w->pointer) == 0)) &&
           (w->suppressed < 0 || (f->suppressed != NULL) == w->suppressed);
}

static void
check_finding(struct run *R, const struct aa_report *rep,
              const struct want_finding *w)
{
    struct aa_buf got = {NULL, 0, 0, NULL};

    for (size_t i = 0; i < rep->nfindings; i++)
        if (finding_matches(&rep->findings[i], w))
            return;
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        if (strcmp(f->rule, w->rule) != 0)
            continue;
        aa_buf_puts(&got, got.n == 0 ? "" : ", ");
        aa_buf_puts(&got, aa_severity_name(f->severity));
        aa_buf_puts(&got, " at ");
        aa_buf_puts(&got,
                    f->pointer && f->pointer[0] ? f->pointer : "the plan");
        if (f->suppressed != NULL)
            aa_buf_puts(&got, " (suppressed)");
    }
    fail(R, w->at, "finding of %s%s%s%s%s%s: expected, got %s", w->rule,
         w->severity >= 0 ? ", " : "",
         w->severity >= 0 ? aa_severity_name((enum aa_severity)w->severity)
                          : "",
         w->pointer ? " at " : "", w->pointer ? w->pointer : "",
         w->suppressed < 0   ? ""
         : w->suppressed > 0 ? ", suppressed"
                             : ", active",
         got.s ? got.s : "no finding of that rule");
    free(got.s);
}

/* The report's invariants, each broken one a problem of the test. */
static void
check_invariants(struct run *R, const struct aa_report *rep,
                 const struct rtest *t)
{
    char *s = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&s, &len);
    char *line, *save = NULL;

    if (mem == NULL)
        aa_oom();
    (void)aa_report_check(R->t->rs, rep,
                          R->t->opts.complete ? AA_CHECK_COMPLETE : 0, mem);
    if (fclose(mem) != 0)
        aa_oom();
    /* Each line names the report's source first: the test says that. */
    for (line = strtok_r(s, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        const char *what = strstr(line, "invariant: ");

        fail(R, t->at, "the report breaks an invariant: %s",
             what ? what + strlen("invariant: ") : line);
    }
    free(s);
}

static void
run_test(struct aa_rules_test *T, size_t file, const struct rtest *t)
{
    const struct aa_ruleset *rs = T->rs;
    struct aa_report *rep = aa_eval(rs, t->sc);
    struct aa_eval_opts eo;
    struct result *r;
    struct run R;
    char where[128];
    int worst;

    T->results = aa_xrealloc(T->results, T->nresults + 1, sizeof(*T->results));
    r = &T->results[T->nresults++];
    memset(r, 0, sizeof(*r));
    r->file = file;
    r->name = aa_arena_strdup(&T->arena, t->name);
    r->at = t->at;
    r->at.file = T->files[file].path;
    R.t = T;
    R.r = r;
    /* The invariants hold of what eval says; triage then shows it. */
    check_invariants(&R, rep, t);
    memset(&eo, 0, sizeof(eo));
    eo.today = t->today ? t->today : DEFAULT_TODAY;
    eo.strict = t->strict;
    eo.require_complete = t->require_complete;
    eo.severity = t->sev;
    eo.nseverity = t->nsev;
    aa_report_triage(rep, rs, t->sc, &eo);
    for (size_t i = 0; i < t->nverdicts; i++) {
        const struct want_verdict *w = &t->verdicts[i];
        const struct aa_advice *a = find_advice(&R, rep, &w->adv, w->at);

        if (a != NULL && a->verdict != w->verdict)
            fail(&R, w->at, "verdict of %s: expected %s, got %s", w->adv.key,
                 aa_verdict_name(w->verdict), aa_verdict_name(a->verdict));
    }
    for (size_t i = 0; i < t->nfires; i++)
        if (appears(rep, t->fires[i].id, where, sizeof(where)) == NULL)
            fail(&R, t->fires[i].at, "%s: expected to fire, it did not",
                 t->fires[i].id);
    for (size_t i = 0; i < t->nabsent; i++)
        if (appears(rep, t->absent[i].id, where, sizeof(where)) != NULL)
            fail(&R, t->absent[i].at, "%s: expected not to fire, got %s",
                 t->absent[i].id, where);
    for (size_t i = 0; i < t->nmissing; i++)
        check_missing(&R, rep, &t->missing[i]);
    worst = aa_report_worst(rep);
    if (t->worst > -2 && worst != t->worst)
        fail(&R, t->worst_at, "worst finding: expected %s, got %s",
             t->worst < 0 ? "none"
                          : aa_severity_name((enum aa_severity)t->worst),
             worst < 0 ? "none" : aa_severity_name((enum aa_severity)worst));
    for (size_t i = 0; i < t->nfindings; i++)
        check_finding(&R, rep, &t->findings[i]);
    aa_report_free(rep);
    r->passed = r->nproblems == 0;
    if (!r->passed) {
        T->failed++;
        T->files[file].failed++;
        return;
    }
    T->passed++;
    T->files[file].passed++;
    for (size_t i = 0; i < t->nfires; i++)
        T->fires[rule_index(rs, t->fires[i].id)]++;
    for (size_t i = 0; i < t->nfindings; i++)
        T->fires[rule_index(rs, t->findings[i].rule)]++;
    for (size_t i = 0; i < t->nabsent; i++)
        T->absent[rule_index(rs, t->absent[i].id)]++;
    for (size_t i = 0; i < t->nfacts; i++) {
        const size_t *c = aa_hashset_find(&T->cites, t->facts[i]->id);

        T->cited[c - T->cited]++; /* a fact of rs: it has an entry */
    }
}

/* --- files ---------------------------------------------------------------- */

static size_t
add_file(struct aa_rules_test *T, const char *path)
{
    T->files = aa_xrealloc(T->files, T->nfiles + 1, sizeof(*T->files));
    memset(&T->files[T->nfiles], 0, sizeof(*T->files));
    T->files[T->nfiles].path = aa_arena_strdup(&T->arena, path);
    return T->nfiles++;
}

/* A file listed as one that could not be read.  The index first, then the
 * array: add_file may move it (T->files[add_file(...)] read the old one). */
static void
add_invalid(struct aa_rules_test *T, const char *path)
{
    size_t k = add_file(T, path);

    T->files[k].invalid = 1;
}

/* file := { version?: 1, base?: PLAN, tests: [test, ...] }
 * Returns whether the base plan had errors. */
static int
read_file(struct tload *L, const struct aa_ynode *root,
          const struct aa_ynode **base, struct rtest **tests, size_t *ntests)
{
    static const char *const keys[] = {"version", "base", "tests"};
    const struct aa_ynode *v;
    int before, base_bad;

    if (root == NULL || root->kind != AA_Y_MAP) {
        struct aa_loc at = {L->t->files[L->t->nfiles - 1].path, 1, 1};

        terror(L, root ? root->at : at,
               "a test file is a mapping with 'tests' (a list of tests) and "
               "an optional 'base' plan");
        return 1;
    }
    /* Rule files beside the tests are the likely mistake: say so once,
     * rather than one unknown key for each of their keys. */
    if (aa_yaml_get(root, "tests") == NULL &&
        (aa_yaml_get(root, "rules") != NULL ||
         aa_yaml_get(root, "facts") != NULL)) {
        terror(L, root->at,
               "a rule file, not a test file: a pack keeps its tests in its "
               "tests/ folder, and 'rules test DIR' loads DIR's rules");
        return 1;
    }
    check_keys(L, root, keys, 3, "a test file");
    if ((v = aa_yaml_get(root, "version")) != NULL &&
        (v->kind != AA_Y_SCALAR || !v->plain || strcmp(v->s, "1") != 0))
        terror(L, v->at,
               "unsupported test file version; this build reads "
               "version 1");
    before = L->errors;
    if ((v = aa_yaml_get(root, "base")) != NULL) {
        if (v->kind != AA_Y_MAP)
            terror(L, v->at, "'base' is a plan (a mapping), not %s",
                   aa_yaml_kind_name(v->kind));
        else {
            *base = v;
            check_plan(L, v);
        }
    }
    base_bad = L->errors > before;
    if ((v = aa_yaml_get(root, "tests")) == NULL) {
        terror(L, root->at, "a test file needs 'tests', a list of tests");
        return base_bad;
    }
    if (v->kind != AA_Y_SEQ) {
        terror(L, v->at, "'tests' is a list, not %s",
               aa_yaml_kind_name(v->kind));
        return base_bad;
    }
    *tests = aa_arena_alloc(L->a, (v->n + 1) * sizeof(**tests));
    for (*ntests = 0; *ntests < v->n && !flooded(L); (*ntests)++) {
        struct rtest *t = &(*tests)[*ntests];
        int errors = L->errors;

        read_test(L, v->kids[*ntests], t);
        if (t->given != NULL)
            check_plan(L, t->given);
        t->bad = L->errors > errors;
    }
    check_names(L, *tests, *ntests);
    return base_bad;
}

int
aa_rules_test_parse(struct aa_rules_test *T, const char *path, const char *data,
                    size_t len, struct aa_diags *dl)
{
    struct aa_arena nodes;
    struct aa_yparse yp;
    struct tload L;
    const struct aa_ynode *root, *base = NULL;
    struct rtest *tests = NULL;
    size_t ntests = 0, file = add_file(T, path);
    const char *name = T->files[file].path;
    int base_bad = 1;

    memset(&L, 0, sizeof(L));
    L.t = T;
    L.dl = dl;
    L.a = &nodes;
    aa_arena_init(&nodes);
    if (len > aa_limit(AA_LIMIT_RULES_SIZE)) {
        struct aa_loc at = {name, 0, 0};

        aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                    "test file is larger than %zu bytes (--limit "
                    "rules-size=N)",
                    aa_limit(AA_LIMIT_RULES_SIZE));
        L.errors++;
    } else {
        memset(&yp, 0, sizeof(yp));
        yp.nodes = &nodes;
        yp.strings = &nodes;
        yp.file = name;
        yp.data = data;
        yp.len = len;
        yp.what = "test files";
        yp.error = tverror;
        yp.ctx = &L;
        root = aa_yaml_parse(&yp);
        if (!yp.failed)
            base_bad = read_file(&L, root, &base, &tests, &ntests);
    }
    /* The plans of the tests that read cleanly, on a base that did: each
     * error is said once, and every plan's is said at once. */
    for (size_t i = 0; !base_bad && i < ntests && !flooded(&L); i++)
        if (!tests[i].bad)
            (void)make_scenario(&L, name, base, &tests[i]);
    if (L.more > 0) {
        struct aa_loc at = {name, 0, 0};

        aa_diag_add(dl, AA_E_SCHEMA, at, NULL,
                    "... and %zu more problem%s in this file (--limit "
                    "errors=N)",
                    L.more, L.more == 1 ? "" : "s");
    }
    if (L.errors > 0)
        T->files[file].invalid = 1;
    else
        for (size_t i = 0; i < ntests; i++) {
            T->files[file].tests++;
            run_test(T, file, &tests[i]);
        }
    for (size_t i = 0; i < ntests; i++)
        aa_scenario_free(tests[i].sc);
    aa_arena_fini(&nodes);
    return L.errors > 0 ? -1 : 0;
}

int
aa_rules_test_load(struct aa_rules_test *T, const char *path,
                   struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    struct stat st;
    FILE *fp;
    char *buf;
    size_t len;
    int fd, rc = -1;

    /* Non-blocking, then fstat: a FIFO must never hold the run. */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0 || fstat(fd, &st) != 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open the test file: %s",
                    strerror(errno));
        if (fd >= 0)
            close(fd);
        add_invalid(T, path);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || (fp = fdopen(fd, "rb")) == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL,
                    "a test file must be a regular "
                    "file");
        close(fd);
        add_invalid(T, path);
        return -1;
    }
    buf = aa_read_all(fp, aa_limit(AA_LIMIT_RULES_SIZE), &len);
    if (ferror(fp)) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read the test file: %s",
                    strerror(errno));
        add_invalid(T, path);
    } else {
        rc = aa_rules_test_parse(T, path, buf, len, dl);
    }
    fclose(fp);
    free(buf);
    return rc;
}

int
aa_rules_test_load_dir(struct aa_rules_test *T, const char *dir,
                       struct aa_diags *dl)
{
    struct aa_loc at = {dir, 0, 0};
    char **names;
    size_t n, unopened;
    int rc = 0;

    if (aa_walk_yaml_files(dir, &names, &n, &unopened, dl) != 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open the folder: %s",
                    strerror(errno));
        return -1;
    }
    if (unopened > 0)
        rc = -1;
    if (n == 0) {
        aa_diag_add(dl, AA_E_SCHEMA, at, NULL,
                    "no test files (*.yaml, *.yml) in this folder");
        free(names);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (aa_rules_test_load(T, names[i], dl) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

/* --- the runner ------------------------------------------------------------
 */

struct aa_rules_test *
aa_rules_test_new(const struct aa_ruleset *rs,
                  const struct aa_rules_test_opts *opts)
{
    struct aa_rules_test *T;

    if (rs->prog == NULL)
        return NULL;
    T = aa_xcalloc(1, sizeof(*T));
    T->rs = rs;
    if (opts != NULL)
        T->opts = *opts;
    aa_arena_init(&T->arena);
    T->fires = aa_xcalloc(rs->nlive + 1, sizeof(*T->fires));
    T->absent = aa_xcalloc(rs->nlive + 1, sizeof(*T->absent));
    T->cited = aa_xcalloc(rs->ast.nfacts + 1, sizeof(*T->cited));
    T->rule_ids = aa_xcalloc(rs->nlive + 1, sizeof(*T->rule_ids));
    T->fact_ids = aa_xcalloc(rs->ast.nfacts + 1, sizeof(*T->fact_ids));
    for (size_t i = 0; i < rs->nlive; i++)
        T->rule_ids[i] = rs->live[i]->id;
    aa_hashset_init(&T->cites, &T->arena);
    for (size_t i = 0; i < rs->ast.nfacts; i++) {
        T->fact_ids[i] = rs->ast.facts[i]->id;
        (void)aa_hashset_add(&T->cites, rs->ast.facts[i]->id, &T->cited[i]);
    }
    return T;
}

void
aa_rules_test_free(struct aa_rules_test *T)
{
    if (T == NULL)
        return;
    for (size_t i = 0; i < T->nresults; i++)
        free(T->results[i].problems);
    free(T->results);
    free(T->files);
    free(T->fires);
    free(T->absent);
    free(T->cited);
    free(T->rule_ids);
    free(T->fact_ids);
    aa_arena_fini(&T->arena);
    free(T);
}

/* The rules and facts under test: those of rule files when any file added
 * a rule, else the built-in ones. */
static int
files_under_test(const struct aa_ruleset *rs)
{
    for (size_t i = 0; i < rs->nlive; i++)
        if (!rs->live[i]->builtin)
            return 1;
    return 0;
}

/* A rule no test can exercise: a plan that cannot be read gives no
 * report, so its rule shows only in the run formats' golden cases. */
static int
untestable(const struct aa_rule *r)
{
    return r->detect != NULL && strcmp(r->detect, "unreadable") == 0;
}

struct coverage {
    int files; /* under test: the rules of files, not the built-in ones */
    size_t rules, exercised, facts, cited;
};

static void
coverage(const struct aa_rules_test *T, struct coverage *c)
{
    const struct aa_ruleset *rs = T->rs;

    memset(c, 0, sizeof(*c));
    c->files = files_under_test(rs);
    for (size_t i = 0; i < rs->nlive; i++) {
        const struct aa_rule *r = rs->live[i];

        if (r->builtin == c->files || untestable(r))
            continue;
        c->rules++;
        c->exercised += T->fires[i] > 0;
    }
    for (size_t i = 0; i < rs->ast.nfacts; i++) {
        if (rs->ast.facts[i]->builtin == c->files)
            continue;
        c->facts++;
        c->cited += T->cited[i] > 0;
    }
}

int
aa_rules_test_failed(const struct aa_rules_test *T)
{
    struct coverage c;

    coverage(T, &c);
    return T->failed > 0 || T->passed < T->opts.min ||
           (T->opts.require_coverage &&
            (c.exercised < c.rules || c.cited < c.facts));
}

/* Names, paths and messages come from test and plan files: shown as
 * text.h shows untrusted text, so none can start a line of its own. */
static void
put_loc(FILE *fp, struct aa_loc at)
{
    aa_text_put(fp, at.file, 0);
    fprintf(fp, ":%u:%u: ", at.line, at.col);
}

/* A line of the summary, wrapped at the width with continuation lines 2
 * columns in (heap text, freed). */
static void
say(FILE *fp, char *s, int width)
{
    aa_text_wrap(fp, s, 0, 2, width, AA_TEXT_LINE);
    free(s);
}

/* The failures, a line each that starts with FILE:LINE:COL: for editors
 * and grep (as diagnostics do, they are not wrapped); then the summary
 * and coverage, wrapped at the width. */
static void
render_text(const struct aa_rules_test *T, int width, FILE *fp)
{
    const struct aa_ruleset *rs = T->rs;
    struct coverage c;
    size_t invalid = 0, k;

    for (size_t f = 0; f < T->nfiles; f++) {
        const struct tfile *tf = &T->files[f];
        char *path;

        for (size_t i = 0; i < T->nresults; i++) {
            const struct result *r = &T->results[i];

            if (r->file != f || r->passed)
                continue;
            put_loc(fp, r->at);
            fputs("FAIL ", fp);
            aa_text_put(fp, r->name, 0);
            fputs("\n", fp);
            for (size_t p = 0; p < r->nproblems; p++) {
                fputs("  ", fp);
                put_loc(fp, r->problems[p].at);
                aa_text_put(fp, r->problems[p].text, 0);
                fputs("\n", fp);
            }
        }
        if (tf->invalid) {
            path = aa_xasprintf("%s: invalid, no test run", tf->path);
            invalid++;
        } else if (tf->failed > 0)
            path = aa_xasprintf("%s: %zu passed, %zu failed", tf->path,
                                tf->passed, tf->failed);
        else
            path = aa_xasprintf("%s: %zu passed", tf->path, tf->passed);
        say(fp, path, width);
    }
    fputc('\n', fp);
    if (invalid > 0)
        say(fp,
            aa_xasprintf("%zu test%s, %zu passed, %zu failed; %zu file%s "
                         "invalid",
                         T->passed + T->failed,
                         T->passed + T->failed == 1 ? "" : "s", T->passed,
                         T->failed, invalid, invalid == 1 ? "" : "s"),
            width);
    else
        say(fp,
            aa_xasprintf(
                "%zu test%s, %zu passed, %zu failed", T->passed + T->failed,
                T->passed + T->failed == 1 ? "" : "s", T->passed, T->failed),
            width);
    coverage(T, &c);
    fputc('\n', fp);
    say(fp,
        aa_xasprintf("coverage of the %s: %zu of %zu rule%s expected to fire, "
                     "%zu of %zu fact%s cited",
                     c.files ? "rules from rule files" : "built-in rules",
                     c.exercised, c.rules, c.rules == 1 ? "" : "s", c.cited,
                     c.facts, c.facts == 1 ? "" : "s"),
        width);
    if (T->passed == 0) {
        /* Every count would be 0: the table would say nothing. */
        say(fp,
            aa_xstrdup("no test passed, so none exercises a rule or cites a "
                       "fact"),
            width);
        goto verdict;
    }
    fputs("  fires  absent  rule\n", fp);
    for (size_t i = 0; i < rs->nlive; i++) {
        const struct aa_rule *r = rs->live[i];
        int col;

        if (r->builtin == c.files)
            continue;
        if (untestable(r)) {
            char *s = aa_xasprintf("%s (no plan can test it: one that cannot "
                                   "be read gives no report)",
                                   r->id);

            col = fprintf(fp, "      -       -  ");
            aa_text_wrap(fp, s, col, col, width, 0);
            free(s);
        } else {
            col = fprintf(fp, "  %5zu  %6zu  ", T->fires[i], T->absent[i]);
            aa_text_wrap(fp, r->id, col, col, width, 0);
        }
    }
    fprintf(fp, "rules no passing test expects to fire:%s\n",
            c.exercised < c.rules ? "" : " none");
    for (size_t i = 0; i < rs->nlive; i++)
        if (rs->live[i]->builtin != c.files && !untestable(rs->live[i]) &&
            T->fires[i] == 0) {
            char *s = aa_xasprintf("%s (%s:%u)", rs->live[i]->id,
                                   rs->live[i]->at.file, rs->live[i]->at.line);

            fputs("  ", fp);
            aa_text_wrap(fp, s, 2, 4, width, 0);
            free(s);
        }
    fprintf(fp, "facts no passing test cites:%s\n",
            c.cited < c.facts ? "" : " none");
    for (k = 0; k < rs->ast.nfacts; k++)
        if (rs->ast.facts[k]->builtin != c.files && T->cited[k] == 0)
            fprintf(fp, "  %s\n", rs->ast.facts[k]->id);
verdict:
    if (T->passed < T->opts.min) {
        fputc('\n', fp);
        say(fp,
            aa_xasprintf("%zu test%s passed, fewer than the %zu required "
                         "(--min)",
                         T->passed, T->passed == 1 ? "" : "s", T->opts.min),
            width);
    }
    if (T->opts.require_coverage &&
        (c.exercised < c.rules || c.cited < c.facts)) {
        fputc('\n', fp);
        say(fp,
            aa_xasprintf("coverage incomplete (--require-coverage): %zu rule%s "
                         "not expected to fire, %zu fact%s not cited",
                         c.rules - c.exercised,
                         c.rules - c.exercised == 1 ? "" : "s",
                         c.facts - c.cited, c.facts - c.cited == 1 ? "" : "s"),
            width);
    }
}

static cJSON *
json_loc(cJSON *o, struct aa_loc at)
{
    cJSON_AddStringToObject(o, "file", at.file);
    cJSON_AddNumberToObject(o, "line", at.line);
    cJSON_AddNumberToObject(o, "col", at.col);
    return o;
}

static char *
render_json(const struct aa_rules_test *T)
{
    const struct aa_ruleset *rs = T->rs;
    cJSON *root = cJSON_CreateObject(), *tests, *files, *sum, *cov, *rules,
          *facts, *none, *uncited;
    struct coverage c;
    size_t invalid = 0;
    char *s;

    if (root == NULL)
        aa_oom();
    coverage(T, &c);
    cJSON_AddNumberToObject(root, "version", 1);
    tests = cJSON_AddArrayToObject(root, "tests");
    for (size_t i = 0; i < T->nresults; i++) {
        const struct result *r = &T->results[i];
        cJSON *o = json_loc(cJSON_CreateObject(), r->at), *probs;

        cJSON_AddStringToObject(o, "name", r->name);
        cJSON_AddBoolToObject(o, "passed", r->passed);
        probs = cJSON_AddArrayToObject(o, "problems");
        for (size_t p = 0; p < r->nproblems; p++) {
            cJSON *x = json_loc(cJSON_CreateObject(), r->problems[p].at);

            cJSON_AddStringToObject(x, "message", r->problems[p].text);
            cJSON_AddItemToArray(probs, x);
        }
        cJSON_AddItemToArray(tests, o);
    }
    files = cJSON_AddArrayToObject(root, "files");
    for (size_t f = 0; f < T->nfiles; f++) {
        cJSON *o = cJSON_CreateObject();

        cJSON_AddStringToObject(o, "file", T->files[f].path);
        cJSON_AddBoolToObject(o, "valid", !T->files[f].invalid);
        cJSON_AddNumberToObject(o, "tests", (double)T->files[f].tests);
        cJSON_AddNumberToObject(o, "passed", (double)T->files[f].passed);
        cJSON_AddNumberToObject(o, "failed", (double)T->files[f].failed);
        cJSON_AddItemToArray(files, o);
        invalid += T->files[f].invalid != 0;
    }
    sum = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(sum, "tests", (double)(T->passed + T->failed));
    cJSON_AddNumberToObject(sum, "passed", (double)T->passed);
    cJSON_AddNumberToObject(sum, "failed", (double)T->failed);
    cJSON_AddNumberToObject(sum, "invalid_files", (double)invalid);
    cJSON_AddNumberToObject(sum, "min", (double)T->opts.min);
    cov = cJSON_AddObjectToObject(root, "coverage");
    cJSON_AddStringToObject(cov, "under_test", c.files ? "files" : "built-in");
    rules = cJSON_AddArrayToObject(cov, "rules");
    none = cJSON_AddArrayToObject(cov, "not_expected_to_fire");
    for (size_t i = 0; i < rs->nlive; i++) {
        const struct aa_rule *r = rs->live[i];
        cJSON *o;

        if (r->builtin == c.files)
            continue;
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", r->id);
        cJSON_AddStringToObject(o, "file", r->at.file);
        if (untestable(r)) {
            cJSON_AddNullToObject(o, "fires");
            cJSON_AddNullToObject(o, "absent");
        } else {
            cJSON_AddNumberToObject(o, "fires", (double)T->fires[i]);
            cJSON_AddNumberToObject(o, "absent", (double)T->absent[i]);
            if (T->fires[i] == 0)
                cJSON_AddItemToArray(none, cJSON_CreateString(r->id));
        }
        cJSON_AddItemToArray(rules, o);
    }
    facts = cJSON_AddArrayToObject(cov, "facts");
    uncited = cJSON_AddArrayToObject(cov, "facts_not_cited");
    for (size_t k = 0; k < rs->ast.nfacts; k++) {
        cJSON *o;

        if (rs->ast.facts[k]->builtin == c.files)
            continue;
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", rs->ast.facts[k]->id);
        cJSON_AddNumberToObject(o, "cited", (double)T->cited[k]);
        cJSON_AddItemToArray(facts, o);
        if (T->cited[k] == 0)
            cJSON_AddItemToArray(uncited,
                                 cJSON_CreateString(rs->ast.facts[k]->id));
    }
    cJSON_AddBoolToObject(cov, "complete",
                          c.exercised == c.rules && c.cited == c.facts);
    cJSON_AddBoolToObject(root, "failed", aa_rules_test_failed(T));
    s = aa_jsonw_print(root);
    cJSON_Delete(root);
    if (s == NULL)
        aa_oom();
    return s;
}

int
aa_rules_test_render(const struct aa_rules_test *T, const char *format,
                     int width, FILE *fp)
{
    if (strcmp(format, "text") == 0)
        render_text(T, width > 0 ? width : 80, fp);
    else if (strcmp(format, "json") == 0) {
        char *s = render_json(T);

        fputs(s, fp);
        free(s);
    } else
        return -2;
    return ferror(fp) ? -1 : 0;
}
