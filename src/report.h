/*
 * report.h -- the advice model: the only thing renderers see.
 *
 * A report is built by eval.c, triaged by baseline.c (which findings are
 * suppressed) and read by render_*.c; report.c answers the questions every
 * reader asks of it.  Rule ids, fact IDs and field pointers are borrowed
 * from the ruleset and the contract table; interpolated texts are owned by
 * the report's arena.
 */
#ifndef AA_REPORT_H
#define AA_REPORT_H

#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "attrib_advise.h"
#include "diag.h"

#define AA_NMECH 7

enum aa_verdict {
    AA_V_RECOMMENDED,
    AA_V_AUTOMATIC,
    AA_V_POSSIBLE,
    AA_V_BLOCKED,
    AA_V_NOT_APPLICABLE,
    AA_V_NEEDS_INFO
};

/* A reason or an action: a text tied to its rule and facts. */
struct aa_item {
    const char *rule;
    const char *const *facts;
    size_t nfacts;
    const char *text;
    const char *command; /* actions only; NULL when none */
    const char *snippet; /* actions only; NULL when none */
    unsigned refers;     /* actions: mechanisms it sends the partner to,
                            one bit per mechanism in contract order */
    /* Flags, a byte each: a report holds some thirty items a plan, copied
     * as they are merged, and four ints made them a quarter larger. */
    unsigned char page;     /* a built-in rule: docs/rules/ has its page */
    unsigned char replaced; /* a user's rule in the place of a built-in one */
    /* A reason of a needs_info verdict: the rule is left unknown, and its
     * text says what it would decide and which fields it waits for. */
    unsigned char undecided;
    /* Its text, command and snippet are the rule's own strings, the same on
     * every plan (no field of the plan is in them): a renderer may keep
     * what it makes of the item for the next report that has it; or, for
     * an undecided reason, one text handed out for every plan. */
    unsigned char fixed;
};

/* A field a verdict needs, as the contract names it: its pointer, its
 * label, and the question that asks for it with its allowed values
 * (aa_contract_ask), so renderers speak to the partner without the
 * contract table.  All three are borrowed for the life of the process
 * (the question from aa_contract_question).  'row' is its contract row,
 * for a reader that keeps a set of them. */
struct aa_need {
    const char *pointer;
    const char *label;
    const char *question;
    int row;
};

struct aa_advice {
    const char *mech; /* "CSP" ... */
    enum aa_verdict verdict;
    int rank; /* 1-based; 0 = null */
    struct aa_item *reasons;
    size_t nreasons;
    struct aa_item *actions;
    size_t nactions;
    const struct aa_need *missing; /* contract order */
    size_t nmissing;
    /* A plan that covers several workloads gets an answer per workload
     * (eval.c, "views"): per[i] is the answer for per[i].workload, and the
     * verdict above is the best of them.  NULL and 0 otherwise. */
    const char *workload;
    struct aa_advice *per;
    size_t nper;
};

/* A symbol a deployment-code finding's value was resolved through, where
 * it is declared and the source there (scan --explain). */
struct aa_finding_step {
    const char *name;
    unsigned line, col;
    const char *written;
};

struct aa_finding {
    const char *rule;
    int page;     /* a built-in rule: docs/rules/ has its page */
    int replaced; /* a user's rule in the place of a built-in one */
    enum aa_severity severity;
    const char *mech; /* NULL for plan-wide findings and for findings
                         of several mechanisms (mechs says which) */
    unsigned mechs;   /* bit per mechanism, contract order; 0: plan-wide */
    const char *const *facts;
    size_t nfacts;
    const char *message;
    /* The message is the rule's own string, the same on every plan (no
     * field of the plan is in it): a renderer may keep what it makes of
     * it, as of a fixed item. */
    int fixed;
    const char *match; /* ${match}: the items that passed the rule's item
                          test, or the name or value a scanner saw; "" when
                          none (aa_finding_fingerprint reads it) */
    const char *pointer;
    struct aa_loc at; /* file, line, col of the field or its parent */
    enum aa_base {
        AA_BASE_NONE,     /* no baseline in use */
        AA_BASE_NEW,      /* not in the baseline */
        AA_BASE_UNCHANGED /* in the baseline: suppressed */
    } baseline;
    const char *suppressed;    /* the justification; NULL when active */
    const char *suppress_kind; /* SARIF kind: "inSource" or "external" */
    /* The workload answers it came from (bit i: report views[i]); in a
     * plan that covers several workloads, also their names. */
    unsigned views;
    const char **workloads;
    size_t nworkloads;
    int code;  /* what a scanner saw in a deployment file: it speaks for
                  that file, not for its mechanism's verdict */
    int input; /* about the plan file as written (rules/input.yaml): it
                  rests on the contract, so it cites no fact; 2: about the
                  rule set in use (its knowledge's age), which --strict
                  does not raise */
    /* Deployment-code findings, for --explain: the source at the place as
     * written (NULL for a finding about the whole file), and whether its
     * detector is one that justifies the file's status. */
    const char *written;
    int decides;
    const struct aa_finding_step *steps;
    size_t nsteps;
};

/* A finding eval.c knows to be true but that only a run's policy shows:
 * triage (baseline.c) moves it to the findings or drops it.  Most runs
 * drop them all, so their words wait: f.message and f.match are NULL until
 * triage shows the finding and the report's word_pending fills them. */
struct aa_pending {
    struct aa_finding f;
    enum aa_pend {
        AA_PEND_EXPIRED,  /* shown when 'date' is past (suppression expiry) */
        AA_PEND_COMPLETE, /* shown under --require-complete */
        AA_PEND_STALE     /* shown when 'date' is past, and never raised by
                             --strict (the knowledge's age) */
    } when;
    const char *date; /* AA_PEND_EXPIRED, AA_PEND_STALE: "YYYY-MM-DD" */
    /* What the words are made of: the ${match} of a finding whose message
     * waits (the knowledge's date), or, for AA_PEND_COMPLETE, the
     * mechanism whose missing fields it lists. */
    const char *subject;
    int mech;
};

/* --explain: what the evaluator read and decided, kept in the report so
 * renderers explain a verdict without the rules (eval.c builds it).  A
 * plan value as read: absent (unknown), or its typed value. */
struct aa_xread {
    enum {
        AA_XR_ABSENT,
        AA_XR_BOOL,
        AA_XR_NUMBER,
        AA_XR_STRING,
        AA_XR_ARRAY
    } kind;
    int b;
    double n;
    const char *s;            /* strings and enumerations */
    const char *const *items; /* arrays: each item's text */
    size_t nitems;
};

/* One condition of a rule, with its value on this plan: 1 true, 0 false,
 * -1 unknown.  A quantifier's kids are its item test once per item, each
 * with 'item' set (1-based) and 'read' that item. */
struct aa_xcond {
    const char *op;      /* "all" "any" "not" "equals" "any_item" ... */
    const char *pointer; /* the field it reads; NULL for all/any/not and
                            for item tests */
    const char *operand; /* as the rule writes it; NULL when none */
    int value;
    struct aa_xread read;  /* the field's value (item tests: the item) */
    struct aa_loc at;      /* where the plan writes it; line 0: nowhere */
    struct aa_loc rule_at; /* the condition in its rule file */
    size_t item;
    struct aa_xcond *kids;
    size_t nkids;
};

/* One rule as it applied to a mechanism (or to the plan as a whole). */
struct aa_xrule {
    const char *rule;
    struct aa_loc at;   /* the rule in its file */
    const char *signal; /* exclude block automatic fit, or NULL */
    int weight;         /* fit */
    int value;          /* 1 fired, 0 did not, -1 unknown */
    int decides;        /* its verdict is the mechanism's */
    int outcome;        /* reads /outcome: ran once every verdict was known */
    const char *detect; /* a detector's rule: it reports scan hits or the
                           plan file's problems; value 1 when it did */
    const struct aa_need *missing; /* unknown: the absent fields it read */
    size_t nmissing;
    const struct aa_xcond *when; /* NULL: no condition, always true */
};

/* The rules of one mechanism in one view of the plan, in program order;
 * mech "GEN" holds the plan-wide rules. */
struct aa_xmech {
    const char *mech;
    const char *workload;    /* NULL unless the plan is answered per workload */
    enum aa_verdict verdict; /* not for GEN */
    const char *decided_by;  /* the first rule of the deciding class */
    struct aa_xrule *rules;
    size_t nrules;
};

/* why-not: the smallest sets of plan changes that make a mechanism
 * recommended (whynot.c searches them; render_whynot.c shows them). */
struct aa_change {
    const char *pointer;
    const char *label;
    struct aa_xread from, to; /* from: AA_XR_ABSENT when the plan has none */
    int example; /* 'to' is one value of the form a rule tests (a GUID, a
                    Partner ID), standing for the partner's own */
};

struct aa_fix {
    const struct aa_change *changes;
    size_t nchanges;
    enum aa_verdict verdict; /* recommended or automatic */
    const char *decided_by;  /* the rule that then decides it */
    /* A warning or error of the mechanism at a field the fix changes (a
     * way that works but is advised against), or NULL. */
    const char *warned_by;
};

struct aa_whynot {
    struct aa_arena arena;
    const char *tool_version;
    const char *knowledge_as_of;
    const char *source;
    const char *scenario_id;
    const char *mech;
    enum aa_verdict verdict; /* now */
    /* The reasons of the verdict now: with no fix, what rules it out. */
    const struct aa_item *reasons;
    size_t nreasons;
    const struct aa_need *missing; /* needs_info: the fields it lacks */
    size_t nmissing;
    struct aa_fix *fixes; /* the sets of the smallest size that work */
    size_t nfixes;
    size_t more;        /* fixes of that size past the ones kept */
    size_t nfields;     /* the fields the mechanism's rules read */
    size_t ncandidates; /* single changes tried */
    size_t nevals;      /* plans evaluated */
    int max_changes;    /* the largest set the search may try */
    int complete;       /* every set up to max_changes was tried */
};

struct aa_report {
    struct aa_arena arena;
    const char *tool_version;
    const char *knowledge_as_of;
    const char *source;   /* scenario file as given; "<stdin>" for "-" */
    unsigned source_line; /* NDJSON: the scenario's line; 0 otherwise */
    int no_lines; /* the plan came from --set values or interview answers
                     alone: its findings have a pointer but no line */
    const char *scenario_id;         /* NULL when the scenario has none */
    struct aa_advice mech[AA_NMECH]; /* contract order: CSP ... PRACR */
    /* The workloads answered apart, when the plan covers several (each
     * mechanism's per[i] is for views[i]); 1 and NULL otherwise. */
    size_t nviews;
    const char *views[8];
    struct aa_finding *findings; /* severity, then rule order */
    size_t nfindings;
    struct aa_pending *pending; /* for triage; renderers never read it */
    size_t npending;
    /* Fills the message and match of pending finding p, which triage is
     * about to show (rs and sc those the report was evaluated with): set
     * by eval.c with the pending findings, so that triage never words a
     * rule's finding itself. */
    void (*word_pending)(struct aa_report *rep, const struct aa_ruleset *rs,
                         const struct aa_scenario *sc, struct aa_pending *p);
    /* aa_eval_explain: per view, each mechanism then GEN; NULL otherwise. */
    struct aa_xmech *explain;
    size_t nexplain;
    const char *explain_rule; /* the one rule asked about, or NULL */
    /* Made by aa_eval_verdicts: the verdicts, ranks and findings without
     * the words (no reasons, actions or missing fields; a plan of one
     * view gives its findings no message or ${match}). */
    int brief;
    /* Triaged against a baseline (not as a line of a batch), which had
     * this many stale entries for the plan's source. */
    int baselined;
    size_t nstale;
};

/* The scan command's result: one entry per deployment file, in path
 * order, with the findings its hits gave (pointer NULL). */
struct aa_file_report {
    const char *path;
    const char *kind;   /* arm bicep terraform script */
    const char *status; /* attributed at_risk not_attributed context;
                           NULL when the file could not be read or parsed */
    const char *error;  /* then why, when known; else NULL */
    struct aa_finding *findings;
    size_t nfindings;
    /* The scanned files that deploy this one, and those it deploys, as
     * indexes into the scan report's files (for --explain). */
    size_t *parents, *children;
    size_t nparents, nchildren;
    /* The same file as a report with findings only, source = path, so
     * the run formats (SARIF, JUnit, GitHub) take it unchanged. */
    struct aa_report report;
};

/* What a report of aa_scan_eval_each reads its files from (eval.c). */
struct aa_scan_each;

struct aa_scan_report {
    struct aa_arena arena;
    const char *tool_version;
    const char *knowledge_as_of;
    struct aa_file_report *files;
    size_t nfiles;
    /* Made by aa_scan_eval_each: it holds one file at a time (nfiles is
     * 0 or 1), its findings in 'arena', which aa_scan_report_next clears
     * for the next; 'last' once that is the scan's last file, or past it.
     * NULL for a report of aa_scan_eval, which holds every file. */
    struct aa_scan_each *each;
    int last;
    int baselined; /* triaged against a baseline, which had ... */
    size_t nstale; /* ... this many entries for these files unmatched */
};

/* A fact a rule cites, as the rule catalogue lists it. */
struct aa_cite {
    const char *id;
    const char *summary;
    const char *status; /* doc field history soft, or a mix written with '/' */
};

/* What a run renderer knows of the rules: one entry per compiled rule,
 * built by the compiler (aa_ruleset_catalog) so renderers never read rules.
 * Every text is the same for every plan: the title and description print
 * no plan value, and in actions each plan value stands as <key>. */
struct aa_rule_entry {
    const char *id;
    const char *title;       /* one line, at most 80 characters */
    const char *description; /* its 'description', else its first text */
    const char *mech;        /* NULL for plan-wide (GEN) rules and rules of
                                several mechanisms (mechs says which) */
    unsigned mechs;          /* bit per mechanism, contract order */
    const struct aa_cite *facts;
    size_t nfacts;
    const char *verdict;  /* exclude block automatic fit, or NULL */
    int weight;           /* fit: 1..100 */
    int level;            /* finding severity, or -1 when it reports none;
                             a rule file's 'severity' entry where one sets
                             it (the level runs report it at) */
    int own_level;        /* the severity the rule itself gives, or -1 */
    const char *level_at; /* "FILE:LINE:COL" of the 'severity' entry that
                             sets level, or NULL when none does */
    const struct aa_item *actions;
    size_t nactions;
    int placeholders;   /* an action shows a plan value as <key> */
    const char *detect; /* the detector it reports, or NULL */
    int input;          /* its detector is one of the plan file as written
                           (rules/input.yaml), not of the scan */
    const char *file;   /* its rule file, as loaded: "rules/cua.yaml" */
    int builtin;        /* a built-in rule: docs/rules/ has its page */
    int replaced;       /* a user's rule in the place of a built-in one */
    int soft;           /* cites an unconfirmed fact */
    /* The plan fields its condition reads, as JSON Pointers, each once, in
     * the order the condition names them (attrib-advise graph). */
    const char **reads;
    size_t nreads;
};

struct aa_run_info {
    const char *tool_version;
    const char *homepage; /* the project's home; rule pages are below it */
    const char *knowledge_as_of;
    const struct aa_rule_entry *rules;
    size_t nrules;
};

/* Names as the formats print them.  Inline here, not in a .c file, so a
 * renderer needs nothing but this header to spell a verdict or severity. */
/* Mechanism i in contract order, for the bits of mechs and refers. */
static inline const char *
aa_report_mech_name(unsigned i)
{
    static const char *const names[AA_NMECH] = {"CSP",  "DPOR", "PAL",  "CUA",
                                                "CPOR", "MBS",  "PRACR"};

    return i < AA_NMECH ? names[i] : "GEN";
}

/* How a rule file's 'severity' entry changes a catalogue entry's level,
 * as "raised from", "lowered from" or "kept at", to be followed by the
 * rule's own level; NULL when no entry sets it. */
static inline const char *
aa_rule_entry_regrade(const struct aa_rule_entry *e)
{
    if (e->level_at == NULL)
        return NULL;
    return e->level > e->own_level   ? "raised from"
           : e->level < e->own_level ? "lowered from"
                                     : "kept at";
}

/* A verdict's name, or with 'words' the name as a terminal shows it ("not
 * applicable" for "not_applicable"): one switch for both, so they cannot
 * drift, and a text page need not rewrite the name byte by byte. */
static inline const char *
aa_verdict_spelling(enum aa_verdict v, int words)
{
    switch (v) {
    case AA_V_RECOMMENDED:
        return "recommended";
    case AA_V_AUTOMATIC:
        return "automatic";
    case AA_V_POSSIBLE:
        return "possible";
    case AA_V_BLOCKED:
        return "blocked";
    case AA_V_NOT_APPLICABLE:
        return words ? "not applicable" : "not_applicable";
    case AA_V_NEEDS_INFO:
        break;
    }
    return words ? "needs info" : "needs_info";
}

static inline const char *
aa_verdict_name(enum aa_verdict v)
{
    return aa_verdict_spelling(v, 0);
}

static inline const char *
aa_verdict_words(enum aa_verdict v)
{
    return aa_verdict_spelling(v, 1);
}

static inline const char *
aa_severity_name(enum aa_severity s)
{
    switch (s) {
    case AA_SEV_INFO:
        return "info";
    case AA_SEV_WARNING:
        return "warning";
    case AA_SEV_ERROR:
    case AA_SEV_SYSTEM:
        break;
    }
    return "error";
}

/* A level by name: info 0, warning 1, error 2 (enum aa_severity), 3 for
 * "never" where 'never' allows it (a fail-on level), or -1.  One reading
 * for the config file and a saved portfolio summary. */
static inline int
aa_level_find(const char *s, int never)
{
    static const char *const names[] = {"info", "warning", "error"};

    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return never && strcmp(s, "never") == 0 ? 3 : -1;
}

/* The lowest severity a report shows: --min-severity, lowered to --fail-on
 * when it is above it, so that every format of a run that fails shows the
 * findings that fail it (a fail_on above AA_SEV_ERROR fails on none). */
static inline int
aa_shown_severity(int min_severity, int fail_on)
{
    return fail_on < min_severity ? fail_on : min_severity;
}

/* Whether the workloads of a split plan got different verdicts: then the
 * summary verdict hides something, and renderers show each workload's. */
static inline int
aa_advice_differs(const struct aa_advice *a)
{
    for (size_t v = 1; v < a->nper; v++)
        if (a->per[v].verdict != a->per[0].verdict)
            return 1;
    return 0;
}

/* Worst first, declaration order among equals (a stable insertion sort:
 * findings are few, and eval.c and triage must agree on the order). */
static inline void
aa_findings_sort(struct aa_finding *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct aa_finding f = v[i];
        size_t j = i;

        while (j > 0 && v[j - 1].severity < f.severity) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = f;
    }
}

/* Add the active (not suppressed) findings of rep to count[], indexed by
 * enum aa_severity (info, warning, error).  Inline so that renderers count
 * from the model alone; aa_report_count is the same for library users. */
static inline void
aa_report_tally(const struct aa_report *rep, size_t count[3])
{
    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL)
            count[rep->findings[i].severity > AA_SEV_ERROR
                      ? AA_SEV_ERROR
                      : rep->findings[i].severity]++;
}

#endif /* AA_REPORT_H */
