/*
 * scaling.c -- loading, compiling and checking N rules costs about N
 * string comparisons, not N squared.
 *
 * Counted, not timed, so that a busy machine cannot fail the test and a
 * fast one cannot hide a regression: the test is linked with
 * --wrap=strcmp, so every strcmp the library makes goes through
 * __wrap_strcmp, which counts it.  A pack of rules, facts, sources, lists
 * and 'severity' entries, each naming others by id, a config file and a
 * rule test naming every rule go through what 'rules check', 'rules test'
 * and a run with --rules and a config file do.  Beyond what the built-in
 * rules cost, a pack four times larger may cost at most six times the
 * comparisons: sorting costs N log N, about 4.9 times from 500 to 2,000,
 * and a walk over the earlier ids for each id, the shape of every
 * quadratic pass the loaders had, costs 16 times.  A quadratic pass that
 * compares no strings (of layers, say) goes unseen.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_advise.h"

int __real_strcmp(const char *a, const char *b);
int __wrap_strcmp(const char *a, const char *b);

static unsigned long long compares;

int
__wrap_strcmp(const char *a, const char *b)
{
    compares++;
    return __real_strcmp(a, b);
}

/* Rule k cites fact k, whose source is source k; an even rule reads list
 * k, an odd one only booleans, so that 'rules check' tries it on every
 * combination of their values. */
static char *
pack_text(size_t n, size_t *len)
{
    char *s = NULL;
    FILE *fp = open_memstream(&s, len);

    if (fp == NULL)
        exit(2);
    fputs("version: 1\nsources:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "  - {id: scale.source-%zu, pages: [{title: t}]}\n", k);
    fputs("facts:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp,
                "  - {id: SCALE-F%zu, status: doc, sources: "
                "[scale.source-%zu], summary: s}\n",
                k, k);
    fputs("lists:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "  scale.list-%zu: [a, b]\n  scale.unread-%zu: [c]\n", k,
                k);
    fputs("rules:\n", fp);
    for (size_t k = 0; k < n; k++) {
        fprintf(fp,
                "  - id: scale.rule-%zu\n"
                "    title: Rule %zu\n"
                "    mechanism: PAL\n"
                "    facts: [SCALE-F%zu, PAL-F01]\n"
                "    when:\n"
                "      all:\n"
                "        - {path: /customer/macc, equals: true}\n",
                k, k, k);
        if (k % 2 == 0)
            fprintf(fp,
                    "        - {path: /partner/name, in_list: "
                    "scale.list-%zu}\n",
                    k);
        else
            fputs("        - {path: /partner/marketplace_publisher, "
                  "equals: true}\n",
                  fp);
        fprintf(fp,
                "    verdict: {fit: 10}\n"
                "    reason: Rule %zu fits.\n"
                "    finding: {severity: info, message: Rule %zu fired.}\n",
                k, k);
    }
    fputs("severity:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "  scale.rule-%zu: warning\n", k);
    if (fclose(fp) != 0)
        exit(2);
    return s;
}

static char *
config_text(size_t n, size_t *len)
{
    char *s = NULL;
    FILE *fp = open_memstream(&s, len);

    if (fp == NULL)
        exit(2);
    fputs("ignore:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "  - scale.rule-%zu\n", k);
    fputs("severity:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "  scale.rule-%zu: error\n", k);
    if (fclose(fp) != 0)
        exit(2);
    return s;
}

/* A rule test that names every rule twice: in the run's severities and
 * as a rule that must not fire. */
static char *
test_text(size_t n, size_t *len)
{
    char *s = NULL;
    FILE *fp = open_memstream(&s, len);

    if (fp == NULL)
        exit(2);
    fputs("version: 1\nbase: {version: 1}\ntests:\n"
          "  - name: every rule\n    facts: [SCALE-F0]\n"
          "    options:\n      severity:\n",
          fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "        scale.rule-%zu: error\n", k);
    fputs("    expect:\n      absent:\n", fp);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "        - scale.rule-%zu\n", k);
    if (fclose(fp) != 0)
        exit(2);
    return s;
}

/* The comparisons that loading, compiling and checking n rules make. */
static unsigned long long
cost(size_t n)
{
    size_t plen, clen, tlen;
    char *pack = pack_text(n, &plen), *cfg = config_text(n, &clen);
    char *tests = test_text(n, &tlen);
    struct aa_rules_test_opts topts = {0, 0, 0};
    struct aa_rules_test *t = NULL;
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs = aa_ruleset_new();
    struct aa_config *c = NULL;
    FILE *out = fopen("/dev/null", "w");
    unsigned long long before = compares;
    int rc;

    if (out == NULL)
        exit(2);
    rc = aa_rules_load_builtin(rs, dl);
    rc |= aa_rules_load_mem(rs, "pack.yaml", pack, plen, dl);
    rc |= aa_ruleset_compile(rs, dl);
    (void)aa_rules_lint(rs, 0, out);
    if ((c = aa_config_parse(".attrib-advise.yaml", cfg, clen, dl)) == NULL)
        rc = -1;
    else
        rc |= aa_config_check_rules(c, rs, dl);
    if (rc == 0 && (t = aa_rules_test_new(rs, &topts)) == NULL)
        rc = -1;
    if (t != NULL)
        rc |= aa_rules_test_parse(t, "tests.yaml", tests, tlen, dl);
    for (size_t k = 0; k < n; k++) {
        char id[64];

        snprintf(id, sizeof(id), "scale.rule-%zu", k);
        if (!aa_ruleset_has_rule(rs, id))
            rc = -1;
    }
    if (rc != 0) {
        aa_diags_print(dl, stderr);
        exit(1);
    }
    before = compares - before;
    aa_rules_test_free(t);
    aa_config_free(c);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    fclose(out);
    free(pack);
    free(cfg);
    free(tests);
    return before;
}

int
main(void)
{
    unsigned long long base, small, large;
    double ratio;

    /* Without these the limits would refuse the larger pack. */
    if (aa_limit_set("rules=100000") != 0 ||
        aa_limit_set("lists=100000") != 0 ||
        aa_limit_set("rules-size=67108864") != 0)
        return 2;
    /* What the built-in rules cost, which do not grow with the pack. */
    base = cost(1);
    small = cost(500) - base;
    large = cost(2000) - base;
    ratio = (double)large / (double)small;
    printf("string comparisons beyond the built-in rules: %llu for 500 "
           "rules, %llu for 2000 (%.1f times)\n",
           small, large, ratio);
    if (ratio > 6) {
        fprintf(stderr,
                "scaling: four times the rules cost %.1f times the string "
                "comparisons; something compares each id with every "
                "earlier one\n",
                ratio);
        return 1;
    }
    return 0;
}
