/*
 * rule_cases.c -- data-driven cases for the shipped rules, and the rule
 * coverage check.
 *
 * A .cases file holds cases in the spirit of jq's test triples:
 *
 *   == title
 *   { scenario JSON, one or more lines }
 *   facts: PAL-F11 PAL-F20       the facts the expected answer rests on
 *   expect: rule.id rule.id      ids that must appear in the advice
 *   absent: rule.id              ids that must not
 *   verdict: PAL=recommended CUA=blocked DPOR@modern_work=recommended
 *   missing: PAL=/engagement/access/pal_linked
 *   worst: warning               the worst finding: error, warning, info
 *                                or none (what --fail-on acts on)
 *   options: strict require-complete today=2027-01-31 severity=RULE=LEVEL
 *                                the run's policy (triage); today is
 *                                2026-12-01 unless given
 *
 * "facts: none" says the answer rests on the scenario contract alone (the
 * input.* rules, about the plan file as written).
 * Every case names its facts, and every report must keep the invariants
 * of aa_report_check (with AA_CHECK_COMPLETE).  After all cases, every
 * rule of the built-in set must be expected by a passing case and every
 * fact of the registry cited by one; --min N fails when fewer than N cases
 * pass (so cases cannot quietly disappear).
 *
 * A scenario's /solution/artifacts are scanned relative to the .cases
 * file, so detect rules are exercised by real files in rules/tests/iac/.
 * A rule "appears" when the advice shows one of its reasons, actions or
 * findings, so a case that expects a rule fails when that rule is removed.
 * After all cases, every rule of the built-in set must be expected by at
 * least one passing case, but the rule of unreadable plans, which no
 * report holds.  Usage: rule_cases FILE.cases...
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "ruleset.h"

struct ids {
    char **v;
    size_t n;
};

static int failed, passed;
static struct ids covered, cited;

static void
ids_add(struct ids *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], id) == 0)
            return;
    s->v = aa_xrealloc(s->v, s->n + 1, sizeof(*s->v));
    s->v[s->n++] = aa_xstrdup(id);
}

static int
advice_has(const struct aa_advice *a, const char *id)
{
    for (size_t i = 0; i < a->nreasons; i++)
        if (strcmp(a->reasons[i].rule, id) == 0)
            return 1;
    for (size_t i = 0; i < a->nactions; i++)
        if (strcmp(a->actions[i].rule, id) == 0)
            return 1;
    for (size_t v = 0; v < a->nper; v++)
        if (advice_has(&a->per[v], id))
            return 1;
    return 0;
}

/* A rule appears in the advice, in any workload's answer, or as a
 * finding. */
static int
appears(const struct aa_report *rep, const char *id)
{
    for (size_t m = 0; m < AA_NMECH; m++)
        if (advice_has(&rep->mech[m], id))
            return 1;
    for (size_t i = 0; i < rep->nfindings; i++)
        if (strcmp(rep->findings[i].rule, id) == 0)
            return 1;
    return 0;
}

static void fail(const char *where, const char *title, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(const char *where, const char *title, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "%s: case '%s': ", where, title);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* The advice named by "MECH=..." or "MECH@workload=...", or NULL. */
static const struct aa_advice *
find_advice(const struct aa_report *rep, const char *word, const char **wl)
{
    size_t n = strcspn(word, "@="), m;
    const char *at = word[n] == '@' ? word + n + 1 : NULL;

    for (m = 0; m < AA_NMECH; m++)
        if (strlen(rep->mech[m].mech) == n &&
            strncmp(rep->mech[m].mech, word, n) == 0)
            break;
    if (m == AA_NMECH)
        return NULL;
    if (at == NULL)
        return &rep->mech[m];
    for (size_t v = 0; v < rep->mech[m].nper; v++) {
        const char *w = rep->mech[m].per[v].workload;

        if (w != NULL && strncmp(w, at, strcspn(at, "=")) == 0 &&
            w[strcspn(at, "=")] == '\0') {
            if (wl != NULL)
                *wl = w;
            return &rep->mech[m].per[v];
        }
    }
    return NULL;
}

/* Check one directive line against the report; returns the failures. */
static int
check(const struct aa_ruleset *rs, const struct aa_report *rep,
      const char *where, const char *title, char *line, struct ids *expected,
      struct ids *facts)
{
    char *save = NULL, *word;
    /* 'e'xpect, 'a'bsent, 'v'erdict, 'f'acts, 'm'issing, 'w'orst */
    int bad = 0, mode = line[0];

    word = strtok_r(strchr(line, ':') + 1, " \t\n", &save);
    for (; word != NULL; word = strtok_r(NULL, " \t\n", &save)) {
        if (mode == 'f') {
            if (strcmp(word, "none") == 0)
                continue; /* the contract alone */
            if (aa_ruleset_find_fact(rs, word) == NULL) {
                fail(where, title, "no fact %s in the registry", word);
                bad++;
            } else {
                ids_add(facts, word);
            }
        } else if (mode == 'w') {
            int worst = aa_report_worst(rep);
            const char *name =
                worst < 0 ? "none" : aa_severity_name((enum aa_severity)worst);

            if (strcmp(name, word) != 0) {
                fail(where, title, "the worst finding is %s, expected %s", name,
                     word);
                bad++;
            }
        } else if (mode == 'm') {
            const struct aa_advice *a = find_advice(rep, word, NULL);
            char *eq = strchr(word, '=');
            size_t k = 0;

            if (a == NULL || eq == NULL) {
                fail(where, title, "bad missing item '%s'", word);
                bad++;
                continue;
            }
            while (k < a->nmissing &&
                   strcmp(a->missing[k].pointer, eq + 1) != 0)
                k++;
            if (k == a->nmissing) {
                fail(where, title, "%s does not list %s as missing", a->mech,
                     eq + 1);
                bad++;
            }
        } else if (mode == 'e') {
            if (!appears(rep, word)) {
                fail(where, title, "expected rule %s did not fire", word);
                bad++;
            } else {
                ids_add(expected, word);
            }
        } else if (mode == 'a') {
            if (appears(rep, word)) {
                fail(where, title, "rule %s fired but should not", word);
                bad++;
            }
        } else {
            char *eq = strchr(word, '=');
            const char *wl = NULL;
            const struct aa_advice *a = find_advice(rep, word, &wl);

            if (a == NULL || eq == NULL) {
                fail(where, title, "bad verdict item '%s'", word);
                bad++;
            } else if (strcmp(aa_verdict_name(a->verdict), eq + 1) != 0) {
                fail(where, title, "%s%s%s is %s, expected %s", a->mech,
                     wl ? " for " : "", wl ? wl : "",
                     aa_verdict_name(a->verdict), eq + 1);
                bad++;
            }
        }
    }
    return bad;
}

/* The triage policy of an "options:" line. */
struct policy {
    struct aa_eval_opts eo;
    struct aa_severity_override sev[8];
    char today[16];
};

static int
set_policy(struct policy *p, const char *where, const char *title, char *line)
{
    static const char *const levels[] = {"info", "warning", "error"};
    char *save = NULL, *word;
    int bad = 0;

    word = strtok_r(strchr(line, ':') + 1, " \t\n", &save);
    for (; word != NULL; word = strtok_r(NULL, " \t\n", &save)) {
        char *eq = strrchr(word, '=');

        if (strcmp(word, "strict") == 0) {
            p->eo.strict = 1;
        } else if (strcmp(word, "require-complete") == 0) {
            p->eo.require_complete = 1;
        } else if (strncmp(word, "today=", 6) == 0) {
            snprintf(p->today, sizeof(p->today), "%s", word + 6);
        } else if (strncmp(word, "severity=", 9) == 0 && eq > word + 9 &&
                   p->eo.nseverity < 8) {
            struct aa_severity_override *o = &p->sev[p->eo.nseverity];
            int l = 0;

            while (l < 3 && strcmp(levels[l], eq + 1) != 0)
                l++;
            if (l == 3) {
                fail(where, title, "bad severity '%s'", word);
                bad++;
                continue;
            }
            *eq = '\0';
            o->rule = aa_xstrdup(word + 9);
            o->severity = (enum aa_severity)l;
            p->eo.nseverity++;
        } else {
            fail(where, title, "unknown option '%s'", word);
            bad++;
        }
    }
    return bad;
}

/* Run one case: scenario text, then its directive lines. */
static void
run_case(const struct aa_ruleset *rs, const char *where, const char *title,
         const char *json, char **dirs, size_t ndirs)
{
    struct aa_diags dl;
    struct aa_scenario *sc;
    struct aa_report *rep;
    struct ids expected = {NULL, 0}, facts = {NULL, 0};
    struct policy pol;
    int bad = 0, has_facts = 0;

    aa_diags_init(&dl);
    sc = aa_scenario_parse(where, json, strlen(json), &dl);
    /* Artifacts are relative to the .cases file ('where' is its path and
     * a line number, so its folder is the file's). */
    if (sc != NULL)
        (void)!aa_scenario_scan_artifacts(sc, &dl); /* errors land in dl */
    if (sc == NULL || dl.n > 0) {
        aa_diags_print(&dl, stderr);
        fail(where, title, "%s", "scenario does not load cleanly");
        failed++;
        aa_scenario_free(sc);
        aa_diags_fini(&dl);
        return;
    }
    rep = aa_eval(rs, sc);
    memset(&pol, 0, sizeof(pol));
    snprintf(pol.today, sizeof(pol.today), "2026-12-01");
    for (size_t i = 0; i < ndirs; i++)
        if (strncmp(dirs[i], "options:", 8) == 0)
            bad += set_policy(&pol, where, title, dirs[i]);
    pol.eo.today = pol.today;
    pol.eo.severity = pol.sev;
    /* The invariants hold of what eval says; triage then shows it. */
    if (aa_report_check(rs, rep, AA_CHECK_COMPLETE, stderr) != 0) {
        fail(where, title, "%s", "the report breaks an invariant");
        bad++;
    }
    aa_report_triage(rep, rs, sc, &pol.eo);
    for (size_t i = 0; i < pol.eo.nseverity; i++)
        free((char *)pol.sev[i].rule);
    for (size_t i = 0; i < ndirs; i++) {
        if (strncmp(dirs[i], "options:", 8) == 0)
            continue;
        has_facts |= strncmp(dirs[i], "facts:", 6) == 0;
        bad += check(rs, rep, where, title, dirs[i], &expected, &facts);
    }
    if (!has_facts) {
        fail(where, title, "%s",
             "no 'facts:' line: say what the answer rests on");
        bad++;
    }
    if (bad == 0) {
        passed++;
        for (size_t i = 0; i < expected.n; i++)
            ids_add(&covered, expected.v[i]);
        for (size_t i = 0; i < facts.n; i++)
            ids_add(&cited, facts.v[i]);
    } else {
        failed++;
    }
    for (size_t i = 0; i < expected.n; i++)
        free(expected.v[i]);
    free(expected.v);
    for (size_t i = 0; i < facts.n; i++)
        free(facts.v[i]);
    free(facts.v);
    aa_report_free(rep);
    aa_scenario_free(sc);
    aa_diags_fini(&dl);
}

static void
run_file(const struct aa_ruleset *rs, const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[8192], title[256] = "", where[512], *json = NULL;
    char *dirs[16];
    size_t jlen = 0, ndirs = 0;
    unsigned lineno = 0, start = 0;

    if (fp == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        failed++;
        return;
    }
    for (;;) {
        int eof = fgets(line, sizeof(line), fp) == NULL;

        lineno++;
        if (eof || strncmp(line, "== ", 3) == 0) {
            if (title[0] != '\0') {
                snprintf(where, sizeof(where), "%s:%u", path, start);
                run_case(rs, where, title, json ? json : "", dirs, ndirs);
            }
            for (size_t i = 0; i < ndirs; i++)
                free(dirs[i]);
            ndirs = 0;
            jlen = 0;
            if (json)
                json[0] = '\0';
            if (eof)
                break;
            snprintf(title, sizeof(title), "%.200s", line + 3);
            title[strcspn(title, "\n")] = '\0';
            start = lineno;
        } else if ((strncmp(line, "expect:", 7) == 0 ||
                    strncmp(line, "absent:", 7) == 0 ||
                    strncmp(line, "facts:", 6) == 0 ||
                    strncmp(line, "missing:", 8) == 0 ||
                    strncmp(line, "worst:", 6) == 0 ||
                    strncmp(line, "options:", 8) == 0 ||
                    strncmp(line, "verdict:", 8) == 0) &&
                   ndirs < 16) {
            dirs[ndirs++] = aa_xstrdup(line);
        } else if (line[0] != '#' && title[0] != '\0') {
            size_t n = strlen(line);

            json = aa_xrealloc(json, jlen + n + 1, 1);
            memcpy(json + jlen, line, n + 1);
            jlen += n;
        }
    }
    free(json);
    fclose(fp);
}

int
main(int argc, char **argv)
{
    struct aa_diags dl;
    struct aa_ruleset *rs = aa_ruleset_new();
    int uncovered = 0, min = 0;

    aa_diags_init(&dl);
    if (aa_rules_load_builtin(rs, &dl) != 0 ||
        aa_ruleset_compile(rs, &dl) != 0) {
        aa_diags_print(&dl, stderr);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--min") == 0 && i + 1 < argc)
            min = atoi(argv[++i]);
        else
            run_file(rs, argv[i]);
    }
    for (size_t i = 0; i < rs->ast.nfacts; i++) {
        const char *id = rs->ast.facts[i]->id;
        size_t k;

        for (k = 0; k < cited.n && strcmp(cited.v[k], id) != 0; k++)
            ;
        if (k == cited.n) {
            fprintf(stderr, "coverage: fact %s is cited by no passing case\n",
                    id);
            uncovered++;
        }
    }
    if (passed < min) {
        fprintf(stderr, "coverage: %d cases pass, fewer than %d\n", passed,
                min);
        uncovered++;
    }
    for (size_t i = 0; i < rs->nlive; i++) {
        const char *id = rs->live[i]->id;
        size_t k;

        /* A plan that cannot be read gives no report for a case to look
         * at: the golden cases of the run formats show its rule. */
        if (rs->live[i]->detect != NULL &&
            strcmp(rs->live[i]->detect, "unreadable") == 0)
            continue;
        for (k = 0; k < covered.n; k++)
            if (strcmp(covered.v[k], id) == 0)
                break;
        if (k == covered.n) {
            fprintf(stderr,
                    "coverage: rule %s is expected by no passing "
                    "case\n",
                    id);
            uncovered++;
        }
    }
    printf("rule cases: %d passed, %d failed; %zu rules, %zu of %zu facts "
           "cited\n",
           passed, failed, rs->nlive, cited.n, rs->ast.nfacts);
    for (size_t i = 0; i < covered.n; i++)
        free(covered.v[i]);
    free(covered.v);
    for (size_t i = 0; i < cited.n; i++)
        free(cited.v[i]);
    free(cited.v);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    return failed > 0 || uncovered > 0;
}
