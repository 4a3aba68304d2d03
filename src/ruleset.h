/*
 * ruleset.h -- the ruleset object: an arena, the AST the loader fills, and
 * what the compiler makes of it.
 *
 * Loading only appends to the AST; every cross-rule check (duplicates,
 * replacement across layers, fact IDs, lists) waits for aa_ruleset_compile,
 * so the order in which files are loaded cannot change what is an error.
 * Compiling drops from the AST the facts and lists that a later layer
 * repeats word for word, so every reader sees each once.
 * The compiled program lives in the arena with the AST nodes, so the
 * ruleset frees it without knowing how a program is built.
 */
#ifndef AA_RULESET_H
#define AA_RULESET_H

#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "hashset.h"
#include "rule.h"

struct aa_conds;
struct aa_program;
struct aa_rule_entry;

struct aa_ruleset {
    struct aa_arena arena;
    struct aa_ast ast;
    unsigned layer;  /* layer given to rules loaded next */
    int builtin;     /* loading the rules compiled into the binary */
    int load_failed; /* a file had an error: refuse to compile */
    /* Made from the image of the built-in rules (image.c): compiled,
     * its AST's arrays in the arena, closed to more rules. */
    int image;
    /* The image's conditions as code (cond.h, image.c); NULL for a
     * ruleset compiled at run time, whose conditions are walked. */
    const struct aa_conds *conds;
    /* Each fact id and source id with the first fact or source of that
     * id, kept as they are added: every rule cites facts, so a lookup
     * that walked them would make loading cost the square of their
     * number.  Compiling drops only later namesakes, never the first. */
    struct aa_hashset fact_ids, source_ids;
    struct aa_program *prog; /* NULL until compiled; for eval.c only */
    /* The rules that survived compilation (after replacement across
     * layers), in program order; NULL until compiled.  Whoever asks which
     * rules exist reads this, not the program. */
    const struct aa_rule **live;
    size_t nlive;
    struct aa_hashset live_ids; /* id -> its slot in live; empty until then */
    /* The same rules as run formats list them (report.h), built with the
     * program so that no output code needs to read rules. */
    struct aa_rule_entry *catalog;
    /* The 'severity' entries in force: for each rule one names, the entry
     * loaded last, sorted by rule id; NULL and 0 until compiled.  Triage
     * reads them (aa_ruleset_find_regrade). */
    const struct aa_regrade **regrades;
    size_t nregrades;
};

/* Append to the AST; the pointers must come from rs->arena. */
void aa_ast_add_rule(struct aa_ruleset *rs, struct aa_rule *r);
void aa_ast_add_fact(struct aa_ruleset *rs, struct aa_fact *f);
void aa_ast_add_list(struct aa_ruleset *rs, struct aa_list *l);
void aa_ast_add_source(struct aa_ruleset *rs, struct aa_source *s);
void aa_ast_add_regrade(struct aa_ruleset *rs, struct aa_regrade *g);

/* The 'severity' entry in force for rule 'id' of a compiled ruleset (a
 * pack's level for its findings), or NULL when no rule file sets one. */
const struct aa_regrade *aa_ruleset_find_regrade(const struct aa_ruleset *rs,
                                                 const char *id);

/* The place in rs->live of the live rule with this id, or -1. */
ptrdiff_t aa_ruleset_rule_index(const struct aa_ruleset *rs, const char *id);

/* The source with this id (borrowed from the AST), or NULL.  Of
 * namesakes, the first loaded. */
const struct aa_source *aa_ruleset_find_source(const struct aa_ruleset *rs,
                                               const char *id);

/* A fact as 'attrib-advise facts ID' begins to show it: its ID and
 * summary, status and sources (each with its pages' titles, dates and
 * addresses), each wrapped at 'width' columns (facts.c). */
void aa_facts_put_brief(const struct aa_ruleset *rs, const struct aa_fact *f,
                        int width, FILE *fp);

/* The fact with this ID (borrowed from the AST), or NULL.  Of namesakes,
 * the first loaded. */
const struct aa_fact *aa_ruleset_find_fact(const struct aa_ruleset *rs,
                                           const char *id);

/* The rule catalogue: one entry per live rule, in program order, borrowed
 * from rs; *n is their number.  NULL and 0 until rs is compiled. */
const struct aa_rule_entry *aa_ruleset_catalog(const struct aa_ruleset *rs,
                                               size_t *n);

/* Rule files compiled into the binary: each as the node tree yaml_tree.c
 * builds from it, generated from rules/ at build time (embed_rules.c), so
 * that starting the program parses no YAML. */
struct aa_ynode;
struct aa_builtin_file {
    const char *name; /* "rules/pal.yaml" */
    const struct aa_ynode *root;
};
extern const struct aa_builtin_file aa_builtin_files[];
extern const size_t aa_builtin_file_count;

/* The built-in rules compiled at build time (embed_image.c): the words
 * of an arena that holds their ruleset, each pointer in it written as an
 * address in the image, which the linker fixes like any other; the
 * ruleset itself is at byte 'ruleset'.  Read-only: a program that wrote
 * to it would fault, not change what another ruleset reads.  size is 0
 * in the image maker itself, which has none yet. */
union aa_image_word {
    uintptr_t u;
    const void *p;
};
struct aa_image {
    const union aa_image_word *words;
    size_t size, ruleset;
};
extern const struct aa_image aa_builtin_image;
/* A ruleset whose struct was copied into place: an empty arena of its
 * own, which its id tables then name (they hold their slots still). */
void aa_ruleset_own_arena(struct aa_ruleset *rs);

/* The notes of 'rules check' that the AST alone decides, on 'out': each
 * rule of the user's files that replaces a built-in one, each list no rule
 * reads, each severity entry.  Sets counts[] to the user's rules, lists
 * and severity entries; returns the number of notes. */
size_t aa_ruleset_lint(const struct aa_ruleset *rs, FILE *out,
                       size_t counts[3]);

/* The day knowledge dated as_of ("YYYY-MM", counted from its first day,
 * or "YYYY-MM-DD") stands for, into day; -1 when as_of is no real date. */
int aa_as_of_day(const char *as_of, char day[11]);

#endif /* AA_RULESET_H */
