/*
 * test_init.c -- starting plans: every profile's plan loads without a
 * diagnostic or an issue, its notes change nothing in the advice, and
 * each section's notes are the questions the advice still needs there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "attrib_advise.h"
#include "contract.h"
#include "diag.h"
#include "jsonw.h"
#include "report.h"
#include "scenario.h"

static struct aa_ruleset *rs;

static int
setup(void **state)
{
    struct aa_diags *dl = aa_diags_new();

    (void)state;
    rs = aa_ruleset_new();
    if (aa_rules_load_builtin(rs, dl) != 0 || aa_ruleset_compile(rs, dl) != 0)
        return -1;
    aa_diags_free(dl);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    aa_ruleset_free(rs);
    return 0;
}

static char *
init_text(const char *profile)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_non_null(fp);
    assert_int_equal(aa_init_write(rs, profile, fp), 0);
    fclose(fp);
    return buf;
}

/* The plan without "$..." members and the objects they leave empty. */
static void
strip(cJSON *o)
{
    cJSON *m = o->child, *next;

    for (; m != NULL; m = next) {
        next = m->next;
        if (m->string != NULL && m->string[0] == '$') {
            cJSON_DeleteItemFromObjectCaseSensitive(o, m->string);
            continue;
        }
        if (cJSON_IsObject(m)) {
            strip(m);
            if (m->child == NULL)
                cJSON_DeleteItemFromObjectCaseSensitive(o, m->string);
        }
    }
}

static struct aa_report *
advise(const char *text, struct aa_scenario **sc)
{
    struct aa_diags dl;
    struct aa_report *rep;

    aa_diags_init(&dl);
    *sc = aa_scenario_parse("plan.json", text, strlen(text), &dl);
    assert_non_null(*sc);
    assert_int_equal(dl.n, 0);
    assert_int_equal((*sc)->nissues, 0); /* no unknown key, $schema too */
    rep = aa_eval(rs, *sc);
    assert_non_null(rep);
    aa_diags_fini(&dl);
    return rep;
}

static void
test_profiles(void **state)
{
    (void)state;
    for (size_t i = 0; i <= 6; i++) {
        const char *p = aa_init_profile_name(i);
        char *text = init_text(p), *bare_text;
        cJSON *plan = cJSON_Parse(text), *bare;
        struct aa_scenario *sc, *bsc;
        struct aa_report *rep, *brep;

        assert_non_null(plan);
        assert_string_equal(plan->child->string, "$schema");
        assert_string_equal(plan->child->valuestring, aa_scenario_schema_url());
        bare = cJSON_Duplicate(plan, 1);
        strip(bare);
        bare_text = aa_jsonw_print(bare);
        rep = advise(text, &sc);
        brep = advise(bare_text, &bsc);
        for (int m = 0; m < AA_NMECH; m++) {
            const struct aa_advice *a = &rep->mech[m];
            const struct aa_advice *b = &brep->mech[m];

            assert_int_equal(a->verdict, b->verdict);
            assert_int_equal(a->nmissing, b->nmissing);
            /* Each missing field is a note in its section. */
            for (size_t k = 0; k < a->nmissing; k++) {
                const char *ptr = a->missing[k].pointer;
                const char *slash = strchr(ptr + 1, '/');
                char sec[64], *want;
                cJSON *notes;
                int found = 0;

                snprintf(sec, sizeof(sec), "%.*s",
                         slash ? (int)(slash - ptr - 1) : 0, ptr + 1);
                notes = cJSON_GetObjectItemCaseSensitive(
                    slash ? cJSON_GetObjectItemCaseSensitive(plan, sec) : plan,
                    "$comment");
                assert_non_null(notes);
                want = aa_xasprintf("%s: %s", slash ? slash + 1 : ptr + 1,
                                    a->missing[k].question);
                for (cJSON *n = notes->child; n != NULL; n = n->next)
                    found |= strcmp(n->valuestring, want) == 0;
                if (!found)
                    fail_msg("%s: no note '%s'", p ? p : "(none)", want);
                free(want);
            }
        }
        aa_report_free(rep);
        aa_report_free(brep);
        aa_scenario_free(sc);
        aa_scenario_free(bsc);
        cJSON_Delete(plan);
        cJSON_Delete(bare);
        free(bare_text);
        free(text);
    }
    assert_null(aa_init_profile_name(6));
}

static void
test_unknown_profile(void **state)
{
    (void)state;
    assert_int_equal(aa_init_write(rs, "reseller", stdout), -2);
    assert_non_null(
        strstr(aa_scenario_schema_url(), "/rules/schema/scenario.schema.json"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profiles),
        cmocka_unit_test(test_unknown_profile),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
