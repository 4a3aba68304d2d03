/*
 * rule_cases.c -- data-driven cases for the shipped rules, and the rule
 * coverage check.
 *
 * A .cases file holds cases in the spirit of jq's test triples:
 *
 *   == title
 *   { scenario JSON, one or more lines }
 *   expect: rule.id rule.id      ids that must appear in the advice
 *   absent: rule.id              ids that must not
 *   verdict: PAL=recommended CUA=blocked
 *
 * A scenario's /solution/artifacts are scanned relative to the .cases
 * file, so detect rules are exercised by real files in rules/tests/iac/.
 * A rule "appears" when the advice shows one of its reasons, actions or
 * findings, so a case that expects a rule fails when that rule is removed.
 * After all cases, every rule of the built-in set must be expected by at
 * least one passing case.  Usage: rule_cases FILE.cases...
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
static struct ids covered;

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
appears(const struct aa_report *rep, const char *id)
{
    for (size_t m = 0; m < AA_NMECH; m++) {
        const struct aa_advice *a = &rep->mech[m];

        for (size_t i = 0; i < a->nreasons; i++)
            if (strcmp(a->reasons[i].rule, id) == 0)
                return 1;
        for (size_t i = 0; i < a->nactions; i++)
            if (strcmp(a->actions[i].rule, id) == 0)
                return 1;
    }
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

/* Check one directive line against the report; returns the failures. */
static int
check(const struct aa_report *rep, const char *where, const char *title,
      char *line, struct ids *expected)
{
    char *save = NULL, *word;
    int bad = 0, mode = line[0]; /* 'e'xpect, 'a'bsent, 'v'erdict */

    word = strtok_r(strchr(line, ':') + 1, " \t\n", &save);
    for (; word != NULL; word = strtok_r(NULL, " \t\n", &save)) {
        if (mode == 'e') {
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
            size_t m;

            if (eq == NULL) {
                fail(where, title, "bad verdict item '%s'", word);
                bad++;
                continue;
            }
            *eq = '\0';
            for (m = 0; m < AA_NMECH; m++)
                if (strcmp(rep->mech[m].mech, word) == 0)
                    break;
            if (m == AA_NMECH) {
                fail(where, title, "unknown mechanism '%s'", word);
                bad++;
            } else if (strcmp(aa_verdict_name(rep->mech[m].verdict), eq + 1) !=
                       0) {
                fail(where, title, "%s is %s, expected %s", word,
                     aa_verdict_name(rep->mech[m].verdict), eq + 1);
                bad++;
            }
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
    struct ids expected = {NULL, 0};
    int bad = 0;

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
    for (size_t i = 0; i < ndirs; i++)
        bad += check(rep, where, title, dirs[i], &expected);
    if (bad == 0) {
        passed++;
        for (size_t i = 0; i < expected.n; i++)
            ids_add(&covered, expected.v[i]);
    } else {
        failed++;
    }
    for (size_t i = 0; i < expected.n; i++)
        free(expected.v[i]);
    free(expected.v);
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
    int uncovered = 0;

    aa_diags_init(&dl);
    if (aa_rules_load_builtin(rs, &dl) != 0 ||
        aa_ruleset_compile(rs, &dl) != 0) {
        aa_diags_print(&dl, stderr);
        return 1;
    }
    for (int i = 1; i < argc; i++)
        run_file(rs, argv[i]);
    for (size_t i = 0; i < rs->nlive; i++) {
        const char *id = rs->live[i]->id;
        size_t k;

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
    printf("rule cases: %d passed, %d failed; %zu of %zu rules covered\n",
           passed, failed, rs->nlive - (size_t)uncovered, rs->nlive);
    for (size_t i = 0; i < covered.n; i++)
        free(covered.v[i]);
    free(covered.v);
    aa_ruleset_free(rs);
    aa_diags_fini(&dl);
    return failed > 0 || uncovered > 0;
}
