/*
 * rule.h -- the rule AST: what rules_load.c builds from YAML and compile.c
 * checks and turns into a program.  Internal; renderers never see it.
 *
 * Every node and string lives in the owning ruleset's arena.  Locations
 * point at the YAML token that produced the node, so compile-time errors
 * can name file:line:column as well as load-time ones.
 */
#ifndef AA_RULE_H
#define AA_RULE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* The seven mechanisms in contract order, then GEN for rules that only
 * report findings about the plan as a whole. */
enum aa_mech {
    AA_MECH_CSP,
    AA_MECH_DPOR,
    AA_MECH_PAL,
    AA_MECH_CUA,
    AA_MECH_CPOR,
    AA_MECH_MBS,
    AA_MECH_PRACR,
    AA_MECH_COUNT,
    AA_MECH_GEN = AA_MECH_COUNT
};

/* Operators.  The first three combine conditions; the quantifiers apply an
 * item test (a condition without path) to the items of an array field; the
 * rest are leaf tests on one field. */
enum aa_op {
    AA_OP_ALL,
    AA_OP_ANY,
    AA_OP_NOT,
    AA_OP_ANY_ITEM,
    AA_OP_ALL_ITEMS,
    AA_OP_NO_ITEM,
    AA_OP_EQUALS,
    AA_OP_NOT_EQUALS,
    AA_OP_ONE_OF,
    AA_OP_EXISTS,
    AA_OP_MISSING,
    AA_OP_LT,
    AA_OP_LE,
    AA_OP_GT,
    AA_OP_GE,
    AA_OP_IS_GUID,             /* 8-4-4-4-12 hex (CUA-F06) */
    AA_OP_IS_PARTNER_ID,       /* non-empty string of digits (GEN-F01) */
    AA_OP_PEC_ROLE,            /* role name in list pec_eligible_roles */
    AA_OP_READ_ONLY_ROLE,      /* role name in list read_only_roles */
    AA_OP_IN_LIST,             /* value in a named list of rules/ */
    AA_OP_PEC_INELIGIBLE_ROLE, /* role name in list pec_ineligible_roles */
    AA_OP_EMPTY,               /* an array with no items */
    AA_OP_STARTS_WITH,         /* a string begins with the operand */
    AA_OP_MISCASED_IN,         /* in a list, but spelt with other case */
    AA_OP_ENDS_WITH,           /* a string ends with the operand */
    AA_OP_AZURERM_PID,         /* a value azurerm's partner_id takes */
    AA_OP_COUNT
};

enum aa_lit_kind { AA_LIT_STRING, AA_LIT_NUMBER, AA_LIT_BOOL };

/* A YAML scalar operand.  Plain (unquoted) true/false are booleans and
 * plain numerals are numbers; everything else, and anything quoted, is a
 * string.  No other coercion happens anywhere. */
struct aa_lit {
    enum aa_lit_kind kind;
    const char *s; /* the scalar text, for every kind */
    double n;
    int b;
    struct aa_loc at;
};

struct aa_cond {
    enum aa_op op;
    struct aa_loc at; /* the operator key */
    const char *path; /* leaf tests and quantifiers; NULL in item tests */
    struct aa_loc path_at;
    struct aa_lit *lits; /* equals/not_equals/compare: 1; one_of: n */
    size_t nlits;
    int flag;              /* exists/missing/is_guid/...: the true/false */
    const char *list;      /* in_list */
    struct aa_cond **kids; /* all/any: n; not and quantifiers: 1 */
    size_t nkids;
};

enum aa_signal {
    AA_SIG_NONE,
    AA_SIG_FIT,
    AA_SIG_AUTOMATIC,
    AA_SIG_BLOCK,
    AA_SIG_EXCLUDE
};

struct aa_action {
    const char *text;
    const char *command; /* NULL when none */
    const char *snippet; /* code to paste (ARM, Bicep, HCL); NULL when none */
    /* Mechanisms the action sends the partner to (bit per enum aa_mech):
     * it is left out wherever one of them does not apply. */
    unsigned refers;
    struct aa_loc at;
    /* Where each text is, for an error in its template. */
    struct aa_loc text_at, command_at, snippet_at;
};

struct aa_rule {
    const char *id;
    struct aa_loc at; /* the rule's mapping */
    struct aa_loc id_at;
    /* What the rule is about, in one short line, and in a paragraph that
     * holds without a plan (NULL: the rule's first text says it). */
    const char *title;
    struct aa_loc title_at;
    const char *description;
    struct aa_loc description_at;
    /* The mechanism the rule speaks for, or AA_MECH_GEN for a plan-wide
     * rule and for one that names several ('mechanism: [A, B]'). */
    enum aa_mech mech;
    unsigned mechs; /* bit per mechanism it speaks for; 0 for GEN */
    struct aa_loc mech_at;
    const char **facts;
    struct aa_loc *facts_at;
    size_t nfacts;
    struct aa_cond *when; /* NULL: always true */
    /* A detector of the deployment-code scan (scan.h): the rule reports
     * one finding per hit instead of testing the scenario.  NULL when
     * the rule is an ordinary one. */
    const char *detect;
    struct aa_loc detect_at;
    enum aa_signal signal;
    int weight; /* fit only: 1..100 */
    struct aa_loc signal_at;
    const char *reason; /* NULL when none */
    struct aa_loc reason_at;
    int has_finding;
    enum aa_severity severity;
    const char *message;
    struct aa_loc message_at;
    const char *pointer; /* NULL: the first path of 'when' */
    struct aa_loc pointer_at;
    struct aa_action *actions;
    size_t nactions;
    unsigned layer; /* 0 builtin, 1 user */
    int builtin;    /* one of the rules compiled into the binary (the
                       default layer also holds a user's rules when
                       they are loaded without the built-in ones) */
    /* compile.c: a user's rule in force in the place of a built-in rule of
     * the same id, which advice then credits to a text the built-in rules
     * do not hold: reports say so where they name the rule. */
    int replaces;
};

struct aa_fact {
    const char *id;
    struct aa_loc at;
    const char *summary;
    const char *status; /* doc field history soft (or a doc/field mix) */
    const char **sources;
    size_t nsources;
    const char *as_of;
    unsigned layer; /* as for rules */
    int builtin;    /* as for rules */
};

/* A source facts name (rules/sources.yaml): one or more pages, each a
 * title and, when known, its address and date. */
struct aa_source_page {
    const char *title, *url, *date; /* url and date may be NULL */
};

struct aa_source {
    const char *id;
    struct aa_loc at;
    struct aa_source_page *pages;
    size_t npages;
    unsigned layer; /* as for rules */
};

struct aa_lindex;
struct aa_list {
    const char *name;
    struct aa_loc at;
    const char **items;
    size_t nitems;
    unsigned layer; /* as for rules */
    /* compile.c: the items by their text in any case, made once for
     * every node that reads the list */
    const struct aa_lindex *index;
};

/* An entry of a rule file's 'severity' mapping: the level at which another
 * rule's findings are reported, so that a pack can raise or lower a shipped
 * rule without copying it.  Triage applies it (the rule's own level stays
 * what evaluation reports), so it changes what a run shows and counts,
 * never a verdict. */
struct aa_regrade {
    const char *rule; /* the id it names */
    struct aa_loc at; /* that id, a key of 'severity' */
    enum aa_severity severity;
    unsigned layer; /* as for rules */
};

/* Growable arrays of pointers into the arena; the AST of a ruleset. */
struct aa_ast {
    struct aa_rule **rules;
    size_t nrules, caprules;
    struct aa_fact **facts;
    size_t nfacts, capfacts;
    struct aa_list **lists;
    size_t nlists, caplists;
    struct aa_source **sources;
    size_t nsources, capsources;
    struct aa_regrade **regrades; /* in load order */
    size_t nregrades, capregrades;
    const char *as_of; /* fact registry date; NULL until set */
};

const char *aa_mech_name(enum aa_mech m);
/* Mechanism by name (CSP ... PRACR, GEN), or -1. */
int aa_mech_find(const char *name);
const char *aa_op_name(enum aa_op op);
const char *aa_signal_name(enum aa_signal s);

#endif /* AA_RULE_H */
