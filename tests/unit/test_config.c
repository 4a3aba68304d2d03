/* test_config.c -- the config file: every key read with its type, paths
 * joined with the file's folder, every mistake an error at its line and
 * column, rule ids checked against the ruleset, and the search upwards
 * that stops at the repository's root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "attrib_advise.h"
#include "diag.h"
#include "limits.h"

static struct aa_config *
parse(const char *path, const char *text, struct aa_diags *dl)
{
    aa_diags_init(dl);
    return aa_config_parse(path, text, strlen(text), dl);
}

/* The config is refused with exactly one error, at line:col, whose text
 * holds 'words'. */
static void
refused(const char *text, unsigned line, unsigned col, const char *words)
{
    struct aa_diags dl;
    struct aa_config *c = parse(".attrib-advise.yaml", text, &dl);

    assert_null(c);
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].line, line);
    assert_int_equal(dl.v[0].col, col);
    if (strstr(dl.v[0].detail, words) == NULL)
        fail_msg("'%s' does not say '%s'", dl.v[0].detail, words);
    aa_diags_fini(&dl);
}

static void
test_empty_sets_nothing(void **state)
{
    struct aa_diags dl;
    struct aa_config *c = parse(".attrib-advise.yaml", "", &dl);
    const struct aa_config_values *v;

    (void)state;
    assert_non_null(c);
    assert_int_equal(dl.n, 0);
    v = aa_config_values(c);
    assert_string_equal(v->dir, ".");
    assert_int_equal(v->fail_on, -1);
    assert_int_equal(v->min_severity, -1);
    assert_int_equal(v->strict, -1);
    assert_int_equal(v->require_complete, -1);
    assert_null(v->baseline);
    assert_null(v->scan_baseline);
    assert_int_equal(v->nrules + v->nexclude + v->nignore + v->nseverity, 0);
    aa_config_free(c);
    aa_diags_fini(&dl);
}

static void
test_every_key(void **state)
{
    struct aa_diags dl;
    struct aa_config *c = parse(
        "repo/.attrib-advise.yaml",
        "version: 1\n"
        "fail-on: never\n"
        "min-severity: warning\n"
        "strict: true\n"
        "require-complete: false\n"
        "baseline: ci/plans.baseline.json\n"
        "scan-baseline: /abs/scan.baseline.json\n"
        "rules: [policies, extra/one.yaml]\n"
        "exclude:\n  - infra\n  - '*.parameters.json'\n"
        "ignore: [pal.no-access]\n"
        "severity:\n  input.unknown-key: error\n  cua.nested-only: info\n",
        &dl);
    const struct aa_config_values *v;

    (void)state;
    assert_non_null(c);
    v = aa_config_values(c);
    assert_string_equal(v->path, "repo/.attrib-advise.yaml");
    assert_string_equal(v->dir, "repo");
    assert_int_equal(v->fail_on, 3);
    assert_int_equal(v->min_severity, AA_SEV_WARNING);
    assert_int_equal(v->strict, 1);
    assert_int_equal(v->require_complete, 0);
    /* Paths are the file's; globs match below the root as written. */
    assert_string_equal(v->baseline, "repo/ci/plans.baseline.json");
    assert_string_equal(v->scan_baseline, "/abs/scan.baseline.json");
    assert_int_equal(v->nrules, 2);
    assert_string_equal(v->rules[0], "repo/policies");
    assert_string_equal(v->rules[1], "repo/extra/one.yaml");
    assert_int_equal(v->nexclude, 2);
    assert_string_equal(v->exclude[0], "infra");
    assert_string_equal(v->exclude[1], "*.parameters.json");
    assert_int_equal(v->nignore, 1);
    assert_string_equal(v->ignore[0], "pal.no-access");
    assert_int_equal(v->nseverity, 2);
    assert_string_equal(v->severity[0].rule, "input.unknown-key");
    assert_int_equal(v->severity[0].severity, AA_SEV_ERROR);
    assert_string_equal(v->severity[1].rule, "cua.nested-only");
    assert_int_equal(v->severity[1].severity, AA_SEV_INFO);
    aa_config_free(c);
    aa_diags_fini(&dl);
}

static void
test_mistakes_are_errors(void **state)
{
    (void)state;
    refused("fail_on: warning\n", 1, 1, "did you mean 'fail-on'");
    refused("strict: yes\n", 1, 9, "true or false");
    refused("fail-on: warnings\n", 1, 10, "warning");
    refused("version: 2\n", 1, 10, "version");
    refused("rules: {a: b}\n", 1, 8, "list");
    refused("severity:\n  cua.nested-only: fatal\n", 2, 20, "fatal");
    refused("- a\n- b\n", 1, 1, "mapping of settings");
    refused("fail-on: error\nfail-on: warning\n", 2, 1, "fail-on");
    refused("base: &b x\nbaseline: *b\n", 1, 7, "anchors and aliases");
    refused("exclude: ['']\n", 1, 11, "names nothing");
}

static void
test_error_count_is_bounded(void **state)
{
    struct aa_diags dl;
    char text[64 * 20] = "";
    struct aa_config *c;

    (void)state;
    for (int i = 0; i < 60; i++) {
        char line[20];

        snprintf(line, sizeof(line), "k%d: 1\n", i);
        strcat(text, line);
    }
    c = parse(".attrib-advise.yaml", text, &dl);
    assert_null(c);
    /* A long list of mistakes says at most 'errors', then how many more. */
    assert_int_equal(dl.n, aa_limit(AA_LIMIT_ERRORS) + 1);
    assert_non_null(strstr(dl.v[dl.n - 1].detail, "more problems"));
    aa_diags_fini(&dl);
}

static void
test_rule_ids_are_checked(void **state)
{
    struct aa_diags dl;
    struct aa_config *c =
        parse(".attrib-advise.yaml",
              "ignore: [pal.no-access, pal.no-such-rule]\n"
              "severity:\n  input.unknown-key: error\n  cua.nonesuch: info\n",
              &dl);
    struct aa_ruleset *rs = aa_ruleset_new();

    (void)state;
    assert_non_null(c);
    assert_int_equal(aa_rules_load_builtin(rs, &dl), 0);
    assert_int_equal(aa_ruleset_compile(rs, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(aa_config_check_rules(c, rs, &dl), -1);
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.v[0].line, 1);
    assert_non_null(strstr(dl.v[0].detail, "pal.no-such-rule"));
    assert_int_equal(dl.v[1].line, 4);
    assert_non_null(strstr(dl.v[1].detail, "cua.nonesuch"));
    aa_ruleset_free(rs);
    aa_config_free(c);
    aa_diags_fini(&dl);
}

static void
put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static int
same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static void
test_found_upwards_to_the_repository_root(void **state)
{
    const char *tmp = getenv("TMPDIR");
    char *top = aa_xasprintf("%s/aa-config-XXXXXX",
                             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    char *repo, *sub, *found, *cmd;

    (void)state;
    assert_non_null(mkdtemp(top));
    repo = aa_xasprintf("%s/repo", top);
    sub = aa_xasprintf("%s/repo/plans/deep", top);
    cmd = aa_xasprintf("mkdir -p '%s' '%s/.git'", sub, repo);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    /* Above the repository: never read for a run inside it. */
    cmd = aa_xasprintf("%s/.attrib-advise.yaml", top);
    put(cmd, "fail-on: never\n");
    free(cmd);
    assert_null(aa_config_find(sub));
    cmd = aa_xasprintf("%s/.attrib-advise.yaml", repo);
    put(cmd, "fail-on: warning\n");
    free(cmd);
    found = aa_config_find(sub);
    assert_non_null(found);
    assert_true(
        same_file(found, cmd = aa_xasprintf("%s/.attrib-advise.yaml", repo)));
    free(cmd);
    free(found);
    cmd = aa_xasprintf("rm -rf '%s'", top);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(sub);
    free(repo);
    free(top);
}

static void
test_load_refuses_what_is_not_a_file(void **state)
{
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    assert_null(aa_config_load("/nonexistent/.attrib-advise.yaml", &dl));
    assert_null(aa_config_load("/", &dl));
    assert_int_equal(dl.n, 2);
    assert_non_null(
        strstr(dl.v[1].detail, "a config file must be a regular file"));
    aa_diags_fini(&dl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_sets_nothing),
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_mistakes_are_errors),
        cmocka_unit_test(test_error_count_is_bounded),
        cmocka_unit_test(test_rule_ids_are_checked),
        cmocka_unit_test(test_found_upwards_to_the_repository_root),
        cmocka_unit_test(test_load_refuses_what_is_not_a_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
