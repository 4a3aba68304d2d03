/*
 * portfolio.h -- the summary of many plans' advice (attrib-advise
 * portfolio): what portfolio.c accumulates one triaged report at a time
 * and render_portfolio.c prints.
 *
 * Memory does not grow with the number of plans: every table is keyed by
 * something the rules or the contract bound (a rule id, a field, a
 * mechanism and a state, a group value up to PF_MAX_GROUPS), and each key
 * keeps the names of its first PF_EXAMPLES plans, in the order they were
 * read, and a count of the rest.
 */
#ifndef AA_PORTFOLIO_H
#define AA_PORTFOLIO_H

#include <stddef.h>

#include "report.h"

#define PF_EXAMPLES 5
#define PF_MAX_GROUPS 32
#define PF_NVERDICTS 6 /* enum aa_verdict */

/* A plan as a summary names it: its id, and where it was read. */
struct pf_plan {
    const char *id;     /* NULL when the plan has none */
    const char *source; /* the file, or "<stdin>" */
    unsigned line;      /* NDJSON: its line; 0 otherwise */
};

/* The first plans a key was seen in. */
struct pf_examples {
    struct pf_plan v[PF_EXAMPLES];
    size_t n;
};

/* A rule's active findings over the portfolio. */
struct pf_finding {
    const char *rule;
    const char *title; /* from the catalogue; NULL for a rule not in it */
    enum aa_severity severity; /* the worst it was reported at */
    size_t plans;              /* plans with at least one */
    size_t count;              /* findings */
    struct pf_examples ex;
    size_t last; /* the serial of the last plan counted, from 1 */
};

/* A field that mechanisms left needs_info wait for. */
struct pf_field {
    const char *pointer;
    const char *label;
    const char *question;
    size_t plans;
    size_t per_mech[AA_NMECH]; /* plans where that mechanism waits for it */
    struct pf_examples ex;
    size_t last;
};

/* An action rule of mechanisms left blocked or possible: doing it is what
 * moves them. */
struct pf_fix {
    const char *rule;
    const char *title; /* from the catalogue, or NULL */
    const char *text;  /* its first action as the catalogue writes it
                          (plan values as <key>), or as the first plan
                          wrote it when the rule is not in the catalogue */
    size_t plans;
    size_t blocked, possible; /* plans where a mechanism so left has it */
    unsigned mechs;           /* those mechanisms, bit per mechanism */
    struct pf_examples ex;
    size_t last, last_blocked, last_possible;
};

/* A mechanism recommended or possible that is not in place yet: one row
 * of the set-up table (portfolio.c) and the plans in that state. */
struct pf_gap {
    size_t plans, last;
    size_t per_verdict[PF_NVERDICTS];
    struct pf_examples ex;
};

/* The set-up table: how the advice shows that a mechanism is not in place
 * yet, by a rule among its actions or a field among its missing ones. */
struct pf_setup {
    unsigned mech;            /* contract order */
    const char *state;        /* "not_linked" */
    const char *words;        /* "not linked yet" */
    const char *const *rules; /* NULL-terminated; NULL when by field */
    const char *pointer;      /* the field, when by field; else NULL */
};

extern const struct pf_setup aa_pf_setups[];
extern const size_t aa_pf_nsetups;

/* Verdict counts, whole or for one group. */
struct pf_totals {
    size_t plans;
    size_t failing; /* plans with an active finding at or above fail-on */
    size_t needs_info;
    size_t verdicts[AA_NMECH][PF_NVERDICTS];
};

struct pf_group {
    const char *value; /* "(not given)" for an absent field, "(none)" for
                          an empty list, "(other)" past the bound */
    struct pf_totals t;
};

/* A saved summary's count of one key (portfolio_compare.c). */
struct pf_kv {
    const char *key;
    size_t plans;
};

/* The counts of a saved summary, for --compare. */
struct pf_old {
    const char *path;
    size_t read, advised, unreadable, failing, needs_info;
    size_t verdicts[AA_NMECH][PF_NVERDICTS];
    struct pf_kv *gaps, *fields, *findings, *fixes; /* keyed by state,
                                                       pointer, rule */
    size_t ngaps, nfields, nfindings, nfixes;
};

/* A string-keyed table of indices into one of the arrays below. */
struct pf_map {
    const char **keys;
    size_t *idx;
    size_t cap, n;
};

struct aa_portfolio {
    struct aa_arena arena; /* every string kept */
    const char *tool_version;
    const char *knowledge_as_of;
    int fail_on;          /* enum aa_severity; above AA_SEV_ERROR: never */
    int min_severity;     /* findings below it are not tallied */
    const char *group_by; /* the field's pointer, or NULL */
    const char *group_label;
    const struct aa_rule_entry *catalog; /* borrowed from the ruleset */
    size_t ncatalog;
    struct pf_map catalog_map; /* rule id -> catalogue entry */

    struct pf_totals t;
    size_t unreadable;
    struct pf_examples unreadable_ex;

    struct pf_finding *findings;
    size_t nfindings, capfindings;
    struct pf_map finding_map;

    struct pf_field *fields;
    size_t nfields, capfields;
    struct pf_map field_map;

    struct pf_fix *fixes;
    size_t nfixes, capfixes;
    struct pf_map fix_map;

    struct pf_gap *gaps; /* aa_pf_nsetups entries */

    struct pf_group groups[PF_MAX_GROUPS + 1]; /* the last is "(other)" */
    size_t ngroups;
    int other_used;
    size_t serial;            /* plans added so far, the one being added */
    const struct pf_old *old; /* --compare: the saved summary, or NULL */
};

/* The tables in the order summaries show them, most plans first (then
 * the worst severity, for findings), then by rule id or pointer: arrays
 * of pointers into pf, which the caller frees. */
const struct pf_finding **aa_pf_findings_ranked(const struct aa_portfolio *pf);
const struct pf_field **aa_pf_fields_ranked(const struct aa_portfolio *pf);
const struct pf_fix **aa_pf_fixes_ranked(const struct aa_portfolio *pf);

#endif /* AA_PORTFOLIO_H */
