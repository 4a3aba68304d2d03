/*
 * harness.h -- helpers shared by the unit tests that need a compiled
 * ruleset and a scenario from inline text.
 */
#ifndef AA_TEST_HARNESS_H
#define AA_TEST_HARNESS_H

#include <string.h>

#include "diag.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"

/* A small registry every test ruleset can cite. */
#define TEST_FACTS                                                             \
    "as_of: \"2026-11\"\n"                                                     \
    "facts:\n"                                                                 \
    "  - {id: GEN-F01, status: doc, sources: [S2], summary: a}\n"              \
    "  - {id: PAL-F01, status: doc, sources: [S1], summary: b}\n"              \
    "  - {id: PAL-F11, status: doc, sources: [S1], summary: c}\n"              \
    "  - {id: CUA-F03, status: field, sources: [S3], summary: d}\n"            \
    "  - {id: CSP-F09, status: soft, sources: [S0a], summary: e}\n"            \
    "lists:\n"                                                                 \
    "  pec_eligible_roles: [Owner, Contributor]\n"                             \
    "  pec_ineligible_roles: [Reader]\n"

/* Load TEST_FACTS plus 'rules' (layer 0) and compile; returns the ruleset
 * or NULL with the reasons in dl. */
static inline struct aa_ruleset *
compile_rules(const char *rules, struct aa_diags *dl)
{
    struct aa_ruleset *rs = aa_ruleset_new();
    int rc =
        aa_rules_load_mem(rs, "facts.yaml", TEST_FACTS, strlen(TEST_FACTS), dl);

    rc |= aa_rules_load_mem(rs, "t.yaml", rules, strlen(rules), dl);
    if (rc != 0 || aa_ruleset_compile(rs, dl) != 0) {
        aa_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

static inline const struct aa_advice *
advice_for(const struct aa_report *rep, const char *mech)
{
    for (size_t i = 0; i < AA_NMECH; i++)
        if (strcmp(rep->mech[i].mech, mech) == 0)
            return &rep->mech[i];
    return NULL;
}

#endif
