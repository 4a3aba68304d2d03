/*
 * attrib_advise.h -- public API of the attrib-advise engine.
 *
 * The pipeline is: load rule files (YAML) into a ruleset, compile it once,
 * load a scenario (JSON), evaluate the compiled rules against it into a
 * report, triage the report (suppressions, baseline), render it.  Every
 * type is opaque.  Ownership: whoever calls a _new, _load or _eval function
 * owns the result and frees it with the matching _free; _free(NULL) is a
 * no-op.  A report borrows from the ruleset and the scenario it was made
 * from: free the report first.
 *
 * Problems in the input are values, not output: every fallible call takes a
 * struct aa_diags and appends diagnostics carrying file, line and column.
 * Nothing in the library prints, except the render and print functions,
 * which write to the FILE the caller gives them.
 *
 * One thread at a time: the library keeps process-wide state without
 * locks (the contract's lookup tables, made at first use; the limits; the
 * first 2 MiB of arena memory and a few spare arena blocks), so two
 * threads must not call into it at once.
 */
#ifndef AA_ATTRIB_ADVISE_H
#define AA_ATTRIB_ADVISE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define AA_NODISCARD __attribute__((warn_unused_result))
#else
#define AA_NODISCARD
#endif

struct aa_ruleset;
struct aa_render_opts;
struct aa_scenario;
struct aa_report;
struct aa_diags;

/* Severity of a diagnostic or a finding, ordered: a larger value is worse. */
enum aa_severity {
    AA_SEV_INFO = 0,
    AA_SEV_WARNING = 1,
    AA_SEV_ERROR = 2, /* input rejected (diagnostic) or plan broken (finding) */
    AA_SEV_SYSTEM = 3 /* I/O failure; diagnostics only */
};

/* One diagnostic as the caller sees it; every pointer is borrowed from the
 * diagnostic list and lives as long as it does.  line/col are 1-based, 0
 * when unknown.  rule is NULL when the problem is not inside a rule. */
struct aa_message {
    enum aa_severity severity;
    const char *file;
    unsigned line;
    unsigned col;
    const char *rule;
    const char *text;
};

/* Bounds on untrusted input (docs/security.md), one process-wide table
 * that the front end may change before anything is read. */
enum aa_limit {
    AA_LIMIT_SCENARIO_SIZE,
    AA_LIMIT_LINE_SIZE,
    AA_LIMIT_RULES_SIZE,
    AA_LIMIT_CODE_SIZE,
    AA_LIMIT_BASELINE_SIZE,
    AA_LIMIT_DEPTH,
    AA_LIMIT_KEYS,
    AA_LIMIT_STRING,
    AA_LIMIT_RULES,
    AA_LIMIT_LISTS,
    AA_LIMIT_EXPANSION_DEPTH,
    AA_LIMIT_EXPANSION_SIZE,
    AA_LIMIT_ERRORS,
    AA_LIMIT_BASELINE_ENTRIES,
    AA_LIMIT_FOLDER_DEPTH,
    AA_LIMIT_FILES,
    AA_LIMIT_RULES_DEPTH,
    AA_LIMIT_EXPANSION_WORK,
    AA_LIMIT_ANSWER_SIZE,
    AA_LIMIT_TEXT_SIZE,
    AA_LIMIT_COUNT
};
/* Set one limit from "name=N" (N a positive whole number).  Returns 0,
 * -1 when the name is unknown or N is not a positive whole number, or -2
 * when N is above the limit's ceiling (the nesting limits: 1000, as deep
 * as the readers may recurse; the others: SIZE_MAX / 2), however many
 * digits it has. */
AA_NODISCARD int aa_limit_set(const char *spec);
/* The value of limit l in force (always at least 1). */
size_t aa_limit(enum aa_limit l);
/* The name (as --limit takes it), a one-line description and the default
 * value of a limit. */
const char *aa_limit_name(enum aa_limit l);
const char *aa_limit_doc(enum aa_limit l);
size_t aa_limit_default(enum aa_limit l);
/* The largest value aa_limit_set takes for l. */
size_t aa_limit_ceiling(enum aa_limit l);
/* The limit named by the n bytes at name (as --limit takes it), or -1. */
int aa_limit_find(const char *name, size_t n);
/* Read s, a whole number in decimal digits only (no sign, no blank), as
 * every numeric option is read.  Returns 0 with *v set, -1 when s is not
 * such a number, or -2 when it is above max (however many digits). */
AA_NODISCARD int aa_parse_count(const char *s, unsigned long long max,
                                unsigned long long *v);
/* A size as the user would write it in --limit's terms: "8 MiB",
 * "64 KiB" or "100 bytes", into buf (cap bytes); returns buf. */
const char *aa_limit_size_text(char *buf, size_t cap, size_t n);
/* How many rule texts this process has cut at the text-size limit (each
 * marked where it was cut), for one note at the end of a run. */
size_t aa_texts_cut(void);

/* Print "attrib-advise: " and the formatted message as one line to fp,
 * with every control character of it in a visible form (docs/security.md),
 * so a file name or an argument cannot forge a line of its own.  For the
 * front end's own messages; diagnostics print through aa_diags_print. */
void aa_message(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void aa_vmessage(FILE *fp, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Write text to fp as the program's terminal outputs do: escaped as
 * aa_message escapes, and wrapped at 'width' columns counted by display
 * width (a wide character takes two, a combining mark none; below 40
 * counts as 40) from column 'col', continuation lines at 'indent'; a
 * path or pointer longer than a line breaks after a '/', '.', '-', '_'
 * or ','.  The line is ended. */
void aa_text_print(FILE *fp, const char *text, int col, int indent, int width);

/* Version string of the library, e.g. "1.0.0". */
const char *aa_version(void);
/* The project's home page, where docs/rules/ has a page per built-in rule
 * (SARIF informationUri and helpUri). */
const char *aa_homepage(void);

/* Diagnostics list.  _new returns NULL only when out of memory. */
AA_NODISCARD struct aa_diags *aa_diags_new(void);
void aa_diags_free(struct aa_diags *dl);
size_t aa_diags_count(const struct aa_diags *dl);
/* Fill *m with diagnostic i (0-based, in the order they were found). */
void aa_diags_get(const struct aa_diags *dl, size_t i, struct aa_message *m);
/* Worst severity seen, or -1 when the list is empty. */
int aa_diags_worst(const struct aa_diags *dl);
/* Print every diagnostic as one line each:
 *   attrib-advise: FILE:LINE:COL: LEVEL: message [in rule ID] */
void aa_diags_print(const struct aa_diags *dl, FILE *fp);

/* An empty ruleset. */
AA_NODISCARD struct aa_ruleset *aa_ruleset_new(void);
void aa_ruleset_free(struct aa_ruleset *rs);
/* The built-in rules alone, compiled: what aa_ruleset_new,
 * aa_rules_load_builtin and aa_ruleset_compile make, copied from the
 * program the build compiled from them, without loading or compiling.
 * It takes no more rules (the loaders return -1); compiling it again
 * does nothing.  NULL, with the reasons in dl, only where the binary has
 * no such program and the rules fail to compile. */
AA_NODISCARD struct aa_ruleset *aa_ruleset_builtin(struct aa_diags *dl);

/* Add rule files.  Files loaded by aa_rules_load_builtin form the default
 * layer; every later call adds to the user layer, where a rule whose id
 * already exists in the default layer replaces it.  Each returns 0, or -1
 * after adding at least one error to dl; loading goes on after errors so
 * that one run reports as many as possible. */
AA_NODISCARD int aa_rules_load_builtin(struct aa_ruleset *rs,
                                       struct aa_diags *dl);
AA_NODISCARD int aa_rules_load_file(struct aa_ruleset *rs, const char *path,
                                    struct aa_diags *dl);
/* Every *.yaml and *.yml file of dir, in byte order of their names. */
AA_NODISCARD int aa_rules_load_dir(struct aa_ruleset *rs, const char *dir,
                                   struct aa_diags *dl);
/* 'name' is used in diagnostics; data need not be NUL-terminated. */
AA_NODISCARD int aa_rules_load_mem(struct aa_ruleset *rs, const char *name,
                                   const char *data, size_t len,
                                   struct aa_diags *dl);

/* Check every rule (paths, operators against field types, fact IDs, lists,
 * duplicate ids) and build the evaluation program.  Returns 0, or -1 with
 * errors in dl; a ruleset that failed to compile cannot be evaluated. */
AA_NODISCARD int aa_ruleset_compile(struct aa_ruleset *rs, struct aa_diags *dl);
size_t aa_ruleset_rule_count(const struct aa_ruleset *rs);
/* Nonzero when the compiled ruleset has a rule with this id. */
int aa_ruleset_has_rule(const struct aa_ruleset *rs, const char *id);
/* Nonzero when that rule reports findings: a level set for one that does
 * not (--severity, a config's severity) would change nothing. */
int aa_ruleset_rule_has_finding(const struct aa_ruleset *rs, const char *id);
/* Nonzero when the compiled ruleset has a rule with 'detect: name' (a
 * detector, docs/rules.md): what --strict and --require-complete act
 * through, which a run without the built-in rules may lack. */
int aa_ruleset_has_detector(const struct aa_ruleset *rs, const char *name);
/* Nonzero when that rule is a built-in one (not replaced by a user's
 * file): docs/rules/ID.md, below aa_homepage(), is its page. */
int aa_ruleset_rule_builtin(const struct aa_ruleset *rs, const char *id);
/* The id of rule i of a compiled ruleset, in the order rules run (files
 * by name, rules as written); NULL when i is past the last. */
const char *aa_ruleset_rule_id(const struct aa_ruleset *rs, size_t i);
/* The id of fact i of the registry, in its order; NULL past the last. */
const char *aa_ruleset_fact_id(const struct aa_ruleset *rs, size_t i);
/* The "as_of" date of the fact registry, or "unknown". */
const char *aa_ruleset_knowledge_as_of(const struct aa_ruleset *rs);

/* Print the fact registry, one fact a row, or (id not NULL) one fact with
 * its status, sources and the rules of the compiled ruleset that cite it;
 * text wraps at 'width' columns (0: 80).  Returns 0, or -1 when no fact
 * has that id. */
AA_NODISCARD int aa_facts_render(const struct aa_ruleset *rs, const char *id,
                                 int width, FILE *fp);

/* Read and validate a scenario (contract v1).  Returns NULL, with errors in
 * dl, when it cannot be used.  What is wrong in a file that loads (unknown
 * keys, suppressions that cannot be applied) is not a diagnostic: aa_eval
 * reports it as findings of the input.* rules.  dl may still get a line
 * counting the problems past the errors limit.  "-" as path reads
 * standard input. */
AA_NODISCARD struct aa_scenario *aa_scenario_load_file(const char *path,
                                                       struct aa_diags *dl);
AA_NODISCARD struct aa_scenario *aa_scenario_parse(const char *name,
                                                   const char *data, size_t len,
                                                   struct aa_diags *dl);
/* The same for a file a folder walk found, which may not be a plan at all:
 * valid JSON whose top level has neither "version" nor any field of the
 * contract (an ARM template, a parameter file, package.json kept beside
 * the plans) gives NULL with *skipped set to 1 and nothing in dl; one of
 * this program's own JSON reports sets it to 2, a baseline to 3, a JSON
 * array (a Code Quality report among others) to 4.  A file
 * named directly goes to aa_scenario_load_file, which rejects it. */
AA_NODISCARD struct aa_scenario *
aa_scenario_load_found(const char *path, int *skipped, struct aa_diags *dl);
/* The same for one line of an NDJSON batch: every position is reported as
 * on line 'first_line' of 'name', and the advice records that line. */
AA_NODISCARD struct aa_scenario *
aa_scenario_parse_at(const char *name, const char *data, size_t len,
                     unsigned first_line, struct aa_diags *dl);
void aa_scenario_free(struct aa_scenario *sc);
/* An NDJSON batch read from fp, one scenario a line; fp and name (used in
 * messages) are borrowed.  _next gives the next line that is not blank,
 * without its line end (borrowed until the next call), and its number:
 * returns 1, or 0 at the end of the input, or -1 after adding to dl why
 * the rest cannot be read (a line over the line-size limit, a read
 * error).  Lines go to aa_scenario_parse_at. */
struct aa_scenario_lines;
AA_NODISCARD struct aa_scenario_lines *aa_scenario_lines_new(FILE *fp,
                                                             const char *name);
AA_NODISCARD int aa_scenario_lines_next(struct aa_scenario_lines *sl,
                                        const char **data, size_t *len,
                                        unsigned *line, struct aa_diags *dl);
void aa_scenario_lines_free(struct aa_scenario_lines *sl);
/* The JSON Schema of the scenario contract, as a heap string the caller
 * frees with free(); NULL when out of memory. */
char *aa_scenario_schema(void);

/* Fields given on the command line (--set POINTER=VALUE), for every plan
 * of a run.  _add checks "POINTER=VALUE" against the contract, typing
 * VALUE by the field (a string as written; true/false or yes/no; an
 * integer; one of an enum's values; an array as a comma-separated list,
 * empty for none) and returns NULL, or a message saying what is wrong
 * (a heap string the caller frees), naming --set and the pointer, with a
 * "did you mean" for a misspelt field or value.  A later value for the
 * same field replaces the earlier one.  _apply writes the values over a
 * loaded scenario (arrays whole, never merged), before
 * aa_scenario_scan_artifacts; they have no position, so findings about
 * them point at their parent in the file.  _scenario makes a scenario of
 * the values alone (contract version 1), named 'name' in reports. */
struct aa_override;
AA_NODISCARD struct aa_override *aa_override_new(void);
void aa_override_free(struct aa_override *ov);
AA_NODISCARD char *aa_override_add(struct aa_override *ov, const char *spec);
size_t aa_override_count(const struct aa_override *ov);
void aa_override_apply(const struct aa_override *ov, struct aa_scenario *sc);
AA_NODISCARD struct aa_scenario *
aa_override_scenario(const struct aa_override *ov, const char *name);

/* Starting plans (attrib-advise init).  aa_init_write writes to fp a plan
 * for 'profile' (aa_init_profile_name; NULL: no profile) that loads
 * without error or warning: "$schema" (aa_scenario_schema_url), a
 * "$comment" saying how to go on, version 1, the fields the profile fixes,
 * and in each section a "$comment" with the questions the advice of rs
 * (compiled) still needs answered there.  Returns 0, -1 on a write
 * error, -2 for an unknown profile. */
AA_NODISCARD int aa_init_write(const struct aa_ruleset *rs, const char *profile,
                               FILE *fp);
/* Profile i's name, in the order --help lists them; NULL past the last. */
const char *aa_init_profile_name(size_t i);
/* Where the project publishes the scenario schema, for "$schema". */
const char *aa_scenario_schema_url(void);

/* The guided interview (attrib-advise interview): a plan built from
 * answers, one field at a time, the next chosen from what the advice
 * still needs (docs/design.md, "The interview").  _new starts from the
 * plan file at 'path' (NULL: from nothing); NULL, with errors in dl, when
 * that file cannot be used.  rs is borrowed and must outlive iv. */
struct aa_interview;
AA_NODISCARD struct aa_interview *aa_interview_new(const struct aa_ruleset *rs,
                                                   const char *path,
                                                   struct aa_diags *dl);
void aa_interview_free(struct aa_interview *iv);
/* The field to ask next, as a reader sees it; everything is borrowed
 * from iv until its next change.  'choices' is the numbered answers
 * (NULL-terminated; NULL for free text): the values of an enum, "yes"
 * and "no" for a boolean; 'several': more than one may be given. */
struct aa_question {
    const char *pointer; /* "/customer/agreement" */
    const char *label;   /* "customer agreement" */
    const char *text;    /* the question, without its values */
    const char *hint;    /* how to answer, in one line */
    const char *const *choices;
    int several;
    int detail; /* no field left to ask can change a verdict: this one
                   completes the actions of decided ones */
};
/* Fills q with the question to ask now and returns 1; returns 0 when no
 * undecided verdict needs a field that is neither answered nor skipped. */
int aa_interview_question(const struct aa_interview *iv, struct aa_question *q);
/* Answer the question of aa_interview_question with a line as typed: a
 * choice by number or by name (several: numbers or names separated by
 * commas or blanks, "none" for none), yes or no, or free text (a list:
 * comma-separated).  Returns NULL when taken, or why not (a heap string
 * to free); the field is then still the one to ask. */
AA_NODISCARD char *aa_interview_answer(struct aa_interview *iv,
                                       const char *line);
/* Leave the field of the question unknown: it is not asked again. */
void aa_interview_skip(struct aa_interview *iv);
/* Undo the last answer or skip, whose field becomes the one to ask.
 * Returns 0, or -1 when there is nothing to undo. */
int aa_interview_back(struct aa_interview *iv);
/* How many answers and skips are held now. */
size_t aa_interview_answered(const struct aa_interview *iv);
size_t aa_interview_skipped(const struct aa_interview *iv);
/* Why the field of the question matters: its description, then each fact
 * that the rules reading it cite (of the mechanisms it would decide), with
 * its status and sources as 'attrib-advise facts ID' shows them.  Text
 * wraps at 'width' columns (0: 80), as in aa_interview_status.  Returns
 * 0, or -1 on a write error. */
AA_NODISCARD int aa_interview_why(const struct aa_interview *iv, int width,
                                  FILE *fp);
/* The verdicts now, a row per mechanism in contract order, each undecided
 * one with the fields it needs.  0, or -1 on a write error. */
AA_NODISCARD int aa_interview_status(const struct aa_interview *iv, int width,
                                     FILE *fp);
/* The advice on the plan as answered so far (triaged with no policy),
 * borrowed from iv until its next change. */
const struct aa_report *aa_interview_report(const struct aa_interview *iv);
/* The plan as answered so far, in init's layout ("$schema", notes with
 * the questions still open, sections in contract order): the starting
 * file's members with the answers written over them, the file's own
 * "$schema" and "$comment" members replaced.  0, or -1 on a write error. */
AA_NODISCARD int aa_interview_plan(const struct aa_interview *iv, FILE *fp);

/* Scan the deployment code that /solution/artifacts names (paths relative
 * to the scenario file's folder, named in reports as aa_path_relative
 * names them from the current folder; folders are walked) and fill the
 * derived /evidence fields the rules read; aa_eval then also reports what
 * the code shows.  Returns 0, or -1 with errors in dl when an artifact cannot
 * be read or parsed.  Does nothing for a scenario without artifacts. */
AA_NODISCARD int aa_scenario_scan_artifacts(struct aa_scenario *sc,
                                            struct aa_diags *dl);
/* Whether the scan of sc's artifacts read the file at 'path' (the same
 * file, by realpath): a run must not write over what it read. */
int aa_scenario_reads(const struct aa_scenario *sc, const char *path);

/* Folder walks.  Plan folders, scan folders and artifact folders are
 * walked by one walker: names in byte order, folder by folder; hidden
 * folders and node_modules skipped; FIFOs, sockets and devices skipped; a
 * symbolic link inside the folder walked followed once (every folder and
 * file is visited once, by device and inode, so link cycles end); a link
 * that leads outside it not followed, with a note, unless
 * aa_walk_follow_outside(1) was called; the folder-depth and files limits
 * apply.  Like the limits, the setting is process-wide: set it before
 * anything is read. */
void aa_walk_follow_outside(int follow);
/* Whether a folder of rule files (--rules DIR, aa_rules_load_dir) or of
 * rule tests lists a file of this name (no folder): *.yaml or *.yml, not
 * hidden. */
int aa_walk_yaml_name(const char *name);
/* Where the deployment code a plan's /solution/artifacts names must lie
 * once links are followed; one outside is an error of the plan.  A plan is
 * untrusted input, a rule test's too (rule packs are): the front end
 * confines plans below the current folder (the run's root) and rule tests'
 * plans below their test file's folder, unless --follow-outside.  Off by
 * default; process-wide, set before reading. */
enum {
    AA_CONFINE_OFF,
    AA_CONFINE_ROOT,       /* below the current folder */
    AA_CONFINE_PLAN_FOLDER /* below the folder of the plan's own file */
};
void aa_artifacts_confine(int how);
/* Leave out of plan folders and of the scan command's folders every file
 * or folder that 'glob' names (and everything below a folder it names):
 * a glob without '/' names an entry anywhere by its name ("*.bicepparam",
 * "infra"); one with '/' is matched against the path below the folder
 * walked and against the path as shown ("plans/archive", or "/old"
 * anchored at the folder walked); '*' and '?' match within a name, a whole
 * name '**' any number of names, '[...]' a class.  The folders a plan's
 * solution.artifacts names are never narrowed: the advice needs their code.
 * Process-wide, set before anything is read.  Returns 0, or -1 for an empty
 * glob or one longer than AA_WALK_GLOB_MAX bytes. */
#define AA_WALK_GLOB_MAX 4096
AA_NODISCARD int aa_walk_exclude(const char *glob);
/* The scenario files below 'dir': every *.json whose name does not start
 * with '.', as dir + "/" + the path below it.  *paths (n strings and a
 * NULL, all owned by the caller) holds what could be listed even on error
 * (nothing at the files limit).  Returns 0, or -1 after an error in dl
 * naming the folder that could not be read, or the limit that was
 * reached. */
AA_NODISCARD int aa_walk_plans(const char *dir, char ***paths, size_t *n,
                               struct aa_diags *dl);
/* As aa_walk_plans, with the places of its errors among the paths, where
 * the walk would have listed what they hold: a folder that could not be
 * read or lies past the folder-depth limit, an entry that could not be
 * read, 'dir' itself at the files limit.  Each is the file its error in
 * dl names; (*failed)[i] (n bytes, owned by the caller) is 1 for them, so
 * that a report can list them as it lists a plan it could not read. */
AA_NODISCARD int aa_walk_plans_all(const char *dir, char ***paths,
                                   unsigned char **failed, size_t *n,
                                   struct aa_diags *dl);
/* How reports name a file (docs/design.md, "One root for paths"): 'path'
 * (absolute, or relative to the current folder) relative to 'root' when it
 * lies below it, else absolute; in normal form (no "." or empty segments,
 * no "name/.."), its folder part resolved with realpath() and its last
 * component as named, since it may be a link the folder walker followed.
 * 'root' is an absolute folder as realpath() gives it, or NULL for the
 * current folder.  "-" (standard input) comes back as it is.  A heap
 * string the caller frees with free(). */
char *aa_path_relative(const char *root, const char *path);
/* Whether a path named as input may be opened: 0 for a regular file, a
 * folder or a path that cannot be stat'ed (its reader says why); -1 after
 * an error in dl for a FIFO, socket or device, whose reader could wait for
 * ever. */
AA_NODISCARD int aa_walk_check_input(const char *path, struct aa_diags *dl);

/* Deployment code on its own (the scan command): add files or folders to
 * a scan, finish it, evaluate it against the detect rules of a compiled
 * ruleset and render it. */
struct aa_scan;
struct aa_scan_report;
AA_NODISCARD struct aa_scan *aa_scan_new(void);
void aa_scan_free(struct aa_scan *s);
/* Scan one path: a file whatever its name (as a script when the name
 * says nothing), a folder walked in byte order of names, skipping hidden
 * folders and node_modules.  Returns 0, or -1 when something could not be
 * read or parsed (the diagnostics say what; the rest is still scanned). */
AA_NODISCARD int aa_scan_path(struct aa_scan *s, const char *path,
                              struct aa_diags *dl);
/* Whether the folders this scan walks leave out the exclusions of
 * aa_walk_exclude (off in a new scan; the scan command turns it on). */
void aa_scan_exclude(struct aa_scan *s, int on);
/* Sort the files by path and link them: a template or module that another
 * scanned file deploys is a child, so its pid is nested.  A script's
 * ARM_PARTNER_ID is checked against the azapi code of its folder. */
void aa_scan_finish(struct aa_scan *s);
/* The scan's files with their findings, all active; borrows from rs and s
 * (free the report first).  NULL if rs was not compiled. */
AA_NODISCARD struct aa_scan_report *aa_scan_eval(const struct aa_ruleset *rs,
                                                 const struct aa_scan *s);
/* The same a file at a time, for a scan of many files: a report that
 * holds no file until aa_scan_report_next puts the scan's next file, in
 * path order, in place of the one before (and of its findings), and
 * returns 1; 0 after the last.  Every other function of a scan report
 * sees the one file it holds, as file 0. */
AA_NODISCARD struct aa_scan_report *
aa_scan_eval_each(const struct aa_ruleset *rs, const struct aa_scan *s);
int aa_scan_report_next(struct aa_scan_report *rep);
/* Set severities (the 'severity' entries of rs's rule files, then
 * opts->severity and opts->strict) and mark the findings of the rules in
 * opts->ignore and those opts->baseline accepts suppressed (kept, never
 * counted), as aa_report_triage does for each file read; rs (the ruleset
 * the report was made with) and opts may be NULL.  The stale baseline
 * entries are counted once every file was triaged: for a report of
 * aa_scan_eval_each, when the scan's last file is. */
struct aa_eval_opts;
void aa_scan_report_triage(struct aa_scan_report *rep,
                           const struct aa_ruleset *rs,
                           const struct aa_eval_opts *opts);
void aa_scan_report_free(struct aa_scan_report *rep);
/* The files of a scan report, each as a report with findings only (its
 * source is the file's path), for aa_writer_add and the run formats.
 * Borrowed from rep; NULL when i is out of range. */
size_t aa_scan_report_nfiles(const struct aa_scan_report *rep);
const struct aa_report *aa_scan_report_file(const struct aa_scan_report *rep,
                                            size_t i);
/* File i's path, and whether it could not be read or parsed. */
const char *aa_scan_report_path(const struct aa_scan_report *rep, size_t i);
int aa_scan_report_failed(const struct aa_scan_report *rep, size_t i);
/* Worst severity of the active findings, or -1 when there is none. */
int aa_scan_report_worst(const struct aa_scan_report *rep);
void aa_scan_report_count(const struct aa_scan_report *rep, size_t count[3]);
/* Whether the scan records, for each finding, the symbols its value was
 * resolved through (scan --explain); off in a new scan, as it costs time
 * and memory no report needs. */
void aa_scan_explain(struct aa_scan *s, int on);
/* Whether the scan already holds the file at 'path' (the same file, by
 * realpath), so that --explain adds it only when no path given covers
 * it. */
int aa_scan_includes(const struct aa_scan *s, const char *path);
/* Index of the file at 'path' (compared by realpath) in a scan report,
 * or -1. */
long aa_scan_report_find(const struct aa_scan_report *rep, const char *path);
/* Explain file i of a scan report (scan --explain), as "text" or "json":
 * its status, the findings that decide it with the source as written and
 * what it resolved to, the other findings, the files that deploy it up to
 * their roots, and those it deploys.  Returns 0, -1 on a write error, -2
 * when the format is not one of those. */
AA_NODISCARD int
aa_scan_render_explain(const char *format, const struct aa_scan_report *rep,
                       size_t i, const struct aa_render_opts *opts, FILE *fp);
/* Render a scan report as "text" or "json".  Returns 0, -1 on a write
 * error, -2 when the format is not one of those. */
AA_NODISCARD int aa_scan_render(const char *format,
                                const struct aa_scan_report *rep,
                                const struct aa_render_opts *opts, FILE *fp);
/* The same written as the files come: aa_scan_out_new (NULL when the
 * format is neither "text" nor "json"; nothing is written yet), then
 * aa_scan_out_add for the files a report holds (those of aa_scan_eval,
 * or each file of aa_scan_eval_each once triaged), then
 * aa_scan_out_finish, which writes the totals, the stale baseline
 * entries 'rep' counted, and frees the writer.  'opts' is copied; fp is
 * borrowed.  Each returns 0, or -1 on a write error. */
struct aa_scan_out;
AA_NODISCARD struct aa_scan_out *
aa_scan_out_new(const char *format, const struct aa_render_opts *opts,
                FILE *fp);
AA_NODISCARD int aa_scan_out_add(struct aa_scan_out *o,
                                 const struct aa_scan_report *rep);
AA_NODISCARD int aa_scan_out_finish(struct aa_scan_out *o,
                                    const struct aa_scan_report *rep);

/* Evaluate a compiled ruleset against a scenario.  Never fails on input;
 * returns NULL only if rs was not compiled. */
AA_NODISCARD struct aa_report *aa_eval(const struct aa_ruleset *rs,
                                       const struct aa_scenario *sc);
/* The report aa_eval makes, for a reader of its verdicts, ranks and
 * finding counts alone (the summary format, an exit status): the same
 * verdicts, ranks and findings (rule, severity, place, mechanisms), with
 * none of the words, which are much of what an evaluation costs: no
 * reasons, actions or missing fields, and findings without a message or
 * ${match} where the plan is not split by workload.  Not for aa_baseline_add or
 * a baseline's triage, which key findings on those words, nor for a
 * format that shows them. */
AA_NODISCARD struct aa_report *aa_eval_verdicts(const struct aa_ruleset *rs,
                                                const struct aa_scenario *sc);
/* The same report, keeping what each rule read and gave (--explain):
 * for each mechanism of each workload answer, every rule that speaks for
 * it with the value of each of its conditions, the plan value it read and
 * where the plan writes it; then the plan-wide rules.  'rule' not NULL
 * keeps that rule alone (a rule of the deployment-code scan then says
 * whether it reported anything). */
AA_NODISCARD struct aa_report *aa_eval_explain(const struct aa_ruleset *rs,
                                               const struct aa_scenario *sc,
                                               const char *rule);
/* 'attrib-advise why-not MECHANISM PLAN': the smallest sets of changes
 * to the fields the mechanism's rules read that make it recommended (or
 * automatic), searched one change, then two, then three, each field over
 * the values its type allows and the rules compare it with, in contract
 * order, at most 'budget' plans evaluated; when none is found, the
 * reasons of the verdict now say what rules it out.  NULL when 'mech' is
 * not a mechanism.  Deterministic. */
struct aa_whynot;
AA_NODISCARD struct aa_whynot *aa_why_not(const struct aa_ruleset *rs,
                                          const struct aa_scenario *sc,
                                          const char *mech, size_t budget);
/* 0 when the mechanism is recommended already or a fix was found, 1 when
 * none was. */
int aa_whynot_status(const struct aa_whynot *w);
void aa_whynot_free(struct aa_whynot *w);
/* Render it as "text" (wrapped at 'width' columns; 0: 80) or "json": 0,
 * -1 on a write error, -2 for another format. */
AA_NODISCARD int aa_render_whynot(const char *format, const struct aa_whynot *w,
                                  int width, FILE *fp);
/* Render the explanation of a report of aa_eval_explain as "text" or
 * "json".  Returns 0, -1 on a write error, -2 for another format. */
AA_NODISCARD int aa_render_explain(const char *format,
                                   const struct aa_report *rep,
                                   const struct aa_render_opts *opts, FILE *fp);

/* Check the invariants of a report made by aa_eval from rs (docs/rules.md,
 * "Invariants"): a blocked verdict has a located warning or error of the
 * rule that blocks it and an action; nothing is recommended or automatic
 * beside an error of its own; needs_info names a missing field; every
 * reason, action and finding cites a fact, and no warning or error rests
 * on a soft one; no action sends the partner to a mechanism that does not
 * apply; ranks are 1..n over the applicable verdicts; each mechanism's
 * verdict is the best of its workloads'.  AA_CHECK_COMPLETE adds: every
 * verdict but needs_info has a reason (true of complete rule sets, such as
 * the built-in one).  Every aa_eval checks the others itself in builds
 * without NDEBUG.  Returns the number of violations, each written as one
 * line to 'out' (may be NULL). */
#define AA_CHECK_COMPLETE 1u
int aa_report_check(const struct aa_ruleset *rs, const struct aa_report *rep,
                    unsigned flags, FILE *out);

/* Check what a scan report made with the built-in rules keeps
 * (docs/scan.md, "Statuses and findings"): a file whose status is not
 * attributed has a finding that says why, and an attributed file has no
 * error (it never fails a check on its own).  A rule set that drops a
 * detector's rule or raises its severity may break them, so this is for
 * tests over real code, not for every run.  Returns the number of
 * violations, each written as one line to 'out' (may be NULL). */
int aa_scan_report_check(const struct aa_scan_report *rep, FILE *out);

/* The fingerprint of finding i of a report (docs/design.md,
 * "Fingerprints"): what identifies it across runs and edits that move its
 * line, for baselines and SARIF's partialFingerprints.  16 lower-case
 * hexadecimal digits of FNV-1a (64 bits) over the plan's id or line when
 * the report is of a line of an NDJSON batch (nothing otherwise), the rule
 * id, the place without its line (the JSON Pointer of a plan finding, the
 * file of a deployment-code one) and the ${match} text with white space
 * folded;
 * then ':' and the occurrence among the report's findings with the same
 * hash, counted from 1 in report order (SARIF counts it among the run's
 * findings of the same source, so that batch lines sharing an id are told
 * apart).  Writes the NUL-terminated text to
 * out (AA_FINGERPRINT_SIZE bytes); returns 0, or -1 when i is out of
 * range.  Costs one hash per finding of the same rule before i. */
#define AA_FINGERPRINT_SIZE 40
int aa_finding_fingerprint(const struct aa_report *rep, size_t i, char *out);
/* The key of the fingerprint in a SARIF result's partialFingerprints.
 * Its version is the algorithm's: code scanning matches results by key and
 * value, so the key changes whenever the value would be computed
 * differently, and never otherwise. */
#define AA_SARIF_FINGERPRINT_KEY "attribAdvise/v1"

/* Accepted findings, identified by (scenario source, rule, fingerprint),
 * or (scenario source, rule, pointer) in a version 1 file. */
struct aa_baseline;

/* One rule's findings at another severity than the rule gives. */
struct aa_severity_override {
    const char *rule;
    enum aa_severity severity; /* info, warning or error */
};

/* Nonzero when s is a date as aa_eval_opts.today and a suppression's
 * "expires" take one: YYYY-MM-DD, a day of the calendar (no 2026-02-30). */
int aa_date_valid(const char *s);
/* Today's date by the clock, in UTC, as such a date into 'out'. */
void aa_date_today(char out[11]);

/* What a run decides about the findings evaluation gives: which to show,
 * at what severity, and which as active.  Everything is borrowed for the
 * call. */
struct aa_eval_opts {
    const char *const *ignore; /* rules whose findings are suppressed */
    size_t nignore;
    const char *today;            /* "YYYY-MM-DD" for suppression expiry and the
                                     knowledge's age (aa_date_valid); NULL: now */
    struct aa_baseline *baseline; /* its findings are suppressed; triage
                                     records which entries it used */
    const struct aa_severity_override *severity; /* per rule */
    size_t nseverity;
    int strict; /* what is wrong in the plan file as written (the input.*
                   rules) is an error, unless 'severity' names the rule */
    int require_complete; /* report each mechanism left needs_info
                             (input.incomplete) */
};

/* Triage a report of aa_eval(rs, sc): show what the policy asks for (a
 * suppression past its date, an incomplete plan under require_complete),
 * set severities (a rule file's 'severity' entry in rs stands for the
 * rule's own level; then opts->severity, else opts->strict; docs/rules.md,
 * "Severity"), then let the scenario's
 * "x-attrib-suppress" entries, opts->ignore and opts->baseline mark
 * findings as suppressed (kept, never counted).  Cannot fail; opts may be
 * NULL.  Call it once per report. */
void aa_report_triage(struct aa_report *rep, const struct aa_ruleset *rs,
                      const struct aa_scenario *sc,
                      const struct aa_eval_opts *opts);
void aa_report_free(struct aa_report *rep);
/* Worst severity of the report's active (not suppressed) findings, or -1
 * when there is none. */
int aa_report_worst(const struct aa_report *rep);
/* Add the report's findings to count[], indexed by enum aa_severity
 * (info, warning, error). */
void aa_report_count(const struct aa_report *rep, size_t count[3]);

/* Baselines: _new makes an empty one of the current version (2); _load
 * reads a file written by _write, of version 1 or 2 (NULL and a
 * diagnostic when it cannot); _add records a report's active findings;
 * _write prints them to fp as sorted JSON, in the baseline's version, and
 * returns 0, or -1 on a write error (the caller makes the file appear
 * whole); _has says whether an entry has this key (the fingerprint, or the
 * pointer in version 1).  _load reads a source not in the form reports
 * give (absolute, or with an empty, "." or ".." segment) as
 * aa_path_relative(NULL, source) names it: the current folder is the
 * run's root. */
AA_NODISCARD struct aa_baseline *aa_baseline_new(void);
AA_NODISCARD struct aa_baseline *aa_baseline_load(const char *path,
                                                  struct aa_diags *dl);
void aa_baseline_add(struct aa_baseline *b, const struct aa_report *rep);
AA_NODISCARD int aa_baseline_write(struct aa_baseline *b, FILE *fp);
int aa_baseline_has(const struct aa_baseline *b, const char *source,
                    const char *rule, const char *key);
/* The stale entries after triage: those of a source that a triage saw
 * (a file the run read) that matched none of its findings, and the later
 * copies of an entry the file holds twice or more.  Adds a note
 * for each to dl, in file order with its line, at most the errors limit
 * of them and one that counts the rest; dl may be NULL.  Returns how many
 * there are. */
size_t aa_baseline_stale(const struct aa_baseline *b, struct aa_diags *dl);
/* After triage: mark stale the entries of files at or below 'folder' (as
 * reports name it), a folder the run read whole, that no triage saw
 * because the file no longer exists, though the folder that held it
 * does.  Paths are looked up from the current folder, the run's root.
 * Returns how many it marked. */
size_t aa_baseline_mark_gone(struct aa_baseline *b, const char *folder);
/* Write the file b was loaded from to fp without its stale entries, every
 * other byte as it was.  The file is read again, so b must come from
 * aa_baseline_load.  Returns the number of entries left out, or -1 after
 * a diagnostic in dl (the file cannot be read again or no longer parses)
 * or on a write error. */
AA_NODISCARD int aa_baseline_prune(const struct aa_baseline *b, FILE *fp,
                                   struct aa_diags *dl);
/* Add to 'to' the entries of 'from' (loaded, then triaged) whose source the
 * run did not read, so that a baseline written over the file it was read
 * from keeps the other plans' entries.  Nothing when the two keep keys of
 * different versions.  Returns how many were added. */
size_t aa_baseline_keep_unread(struct aa_baseline *to,
                               const struct aa_baseline *from);
void aa_baseline_free(struct aa_baseline *b);

/* The config file, .attrib-advise.yaml (docs/ci.md): fail-on,
 * min-severity, strict, require-complete, baseline, rules, exclude, ignore
 * and per-rule severity, so that CI jobs need no repeated flags. */
struct aa_config;
/* What a config file sets; every pointer is borrowed from the config.
 * Unset: -1 for the numbers, NULL and 0 for the rest. */
struct aa_config_values {
    const char *path; /* the file */
    const char *dir;  /* its folder: paths below are joined with it, and
                         it is the run's root */
    int fail_on;      /* enum aa_severity, or 3 for never */
    int min_severity; /* enum aa_severity */
    int strict, require_complete; /* 0 or 1 */
    const char *baseline;         /* joined with dir */
    const char *scan_baseline;    /* the scan's own: its findings differ */
    const char *const *rules;     /* rule files or folders, joined */
    size_t nrules;
    const char *const *exclude; /* globs, for aa_walk_exclude */
    size_t nexclude;
    const char *const *ignore; /* rule ids */
    size_t nignore;
    const struct aa_severity_override *severity;
    size_t nseverity;
};
/* Read a config file; NULL after errors in dl (file:line:col): an unknown
 * or misspelt key, a wrong type or value is an error, never ignored, for a
 * typo must not weaken a gate.  _parse reads 'len' bytes of 'data' for
 * the file 'path' (whose folder the values are relative to). */
AA_NODISCARD struct aa_config *aa_config_load(const char *path,
                                              struct aa_diags *dl);
AA_NODISCARD struct aa_config *aa_config_parse(const char *path,
                                               const char *data, size_t len,
                                               struct aa_diags *dl);
const struct aa_config_values *aa_config_values(const struct aa_config *c);
/* Every rule id the config names (ignore, severity) exists in the
 * compiled ruleset: 0, or -1 after an error in dl for each that does not. */
AA_NODISCARD int aa_config_check_rules(const struct aa_config *c,
                                       const struct aa_ruleset *rs,
                                       struct aa_diags *dl);
void aa_config_free(struct aa_config *c);
/* The config file that applies to a run started in 'start': the first
 * .attrib-advise.yaml in it or a folder above, stopping at the
 * repository's root (a folder holding .git) or the file system's.  A
 * path that climbs from start ("../.attrib-advise.yaml"), to free(); NULL
 * when there is none. */
char *aa_config_find(const char *start);

struct aa_render_opts {
    int color;         /* nonzero: ANSI colour (text format only) */
    int width;         /* text: the columns lines wrap at; 0: 80 */
    const char *links; /* text: the rule pages' base URL; a built-in rule's
                          id is then a terminal hyperlink (OSC 8) to
                          LINKS/ID.md.  NULL: plain ids */
    int min_severity;  /* findings below this enum aa_severity are not shown,
                          unless they are at or above fail_on */
    int fail_on;       /* findings at or above this severity fail (JUnit);
                          above AA_SEV_ERROR: none does */
    int compact;       /* json: one line per report (NDJSON) */
    int several;       /* json: the run is over several plans (a folder or
                          more than one file), so the writer makes one
                          document of it: {"version", "tool", "runs",
                          "summary"} */
    int batch;         /* the input is NDJSON: a rejected scenario is one
                          line, and json/ndjson record it ("line") */
    /* SARIF: the run's automationDetails.id, whose part up to the last '/'
     * is the category of the analysis in code scanning; NULL means
     * "attrib-advise/advise/" (the scan command gives its own).  And the
     * properties of automationDetails, key, value, ..., NULL (may be
     * NULL), which an Azure Pipelines run needs. */
    const char *category;
    const char *const *run_properties;
};

/* Render one report in a per-report format ("text", "json", "ndjson",
 * "markdown").
 * Returns 0, -1 on a write error, -2 when the format is unknown or is a run
 * format (use aa_writer_new). */
AA_NODISCARD int aa_render(const char *format, const struct aa_report *rep,
                           const struct aa_render_opts *opts, FILE *fp);
/* The output of one run in one format.  Per-report formats (text, json,
 * ndjson, markdown) write each report whole as it is added (json over
 * several plans: into one document, closed at finish), to a terminal at
 * once and elsewhere 256 KiB at a time (aa_writer_flush); run formats (sarif,
 * junit, github, azure-pipelines, codequality) collect and write one
 * document at finish.  'rs' and 'fp' are borrowed and must outlive the
 * writer.  NULL if the format is unknown. */
struct aa_writer;
AA_NODISCARD struct aa_writer *aa_writer_new(const char *format,
                                             const struct aa_ruleset *rs,
                                             const struct aa_render_opts *opts,
                                             FILE *fp);
/* Add one scenario's advice.  Returns 0, or -1 on a write error.  The
 * ruleset the report comes from must outlive the writer, as 'rs' does: a
 * JSON or text writer keeps what it made of the reasons and actions that
 * rules give as written, to copy into later reports. */
AA_NODISCARD int aa_writer_add(struct aa_writer *w,
                               const struct aa_report *rep);
/* Write the reports that wait in w's buffer now, for a caller that
 * answers each plan before it reads the next from a pipe.  Returns 0, or
 * -1 on a write error. */
AA_NODISCARD int aa_writer_flush(struct aa_writer *w);
/* Record a scenario that could not be read, with its diagnostics. */
AA_NODISCARD int aa_writer_reject(struct aa_writer *w, const char *source,
                                  const struct aa_diags *dl);
/* Record a deployment file that could not be read or parsed, with those
 * diagnostics of dl that name it. */
AA_NODISCARD int aa_writer_reject_file(struct aa_writer *w, const char *path,
                                       const struct aa_diags *dl);
/* Write what remains, with the run's exit status, and free w.  Returns 0,
 * or -1 on a write error. */
AA_NODISCARD int aa_writer_finish(struct aa_writer *w, int exit_status);
/* Free w without writing what remains: for a run that turns out to have
 * nothing to report (no plan in its input), before anything was added or
 * rejected, so that it leaves no document behind. */
void aa_writer_discard(struct aa_writer *w);

/* The pages of docs/rules/ for a compiled ruleset, in Markdown: with id
 * NULL the index (README.md), else the page of that rule (ID.md): its
 * title, description, verdict and finding, actions and the facts it rests
 * on.  Returns 0, -1 on a write error, -2 when no rule has this id. */
AA_NODISCARD int aa_writer_rule_page(const struct aa_ruleset *rs,
                                     const char *id, FILE *fp);

/* 'attrib-advise rules check DIR', once the rules loaded and compiled
 * (every load and compile error is a diagnostic by then): a warning on
 * 'out' for each rule of the user's files that can never fire (decided
 * exactly for rules that read booleans and enumerations alone), a note for
 * each that replaces a built-in one, each list of the user's files that
 * no rule reads and each severity entry, then a summary (wrapped at
 * 'width' columns; 0: 80).  Returns the number of rules that can never
 * fire. */
size_t aa_rules_lint(const struct aa_ruleset *rs, int width, FILE *out);

/* Rule tests ('attrib-advise rules test'; docs/rules.md, "Rule tests"):
 * YAML files of plans, each with what the advice on it must say, run
 * against a compiled ruleset, which the runner borrows (it must outlive
 * it).  The rules and facts under test are those of the rule files the
 * run loaded, or the built-in ones when no file added a rule; coverage
 * counts the passing tests that exercise each. */
struct aa_rules_test;
struct aa_rules_test_opts {
    int complete;         /* the ruleset holds the built-in rules: reports are
                             also checked with AA_CHECK_COMPLETE */
    int require_coverage; /* the run fails when a rule under test is
                             expected to fire by no passing test, or a
                             fact under test is cited by none */
    size_t min;           /* the run fails when fewer tests pass */
};
AA_NODISCARD struct aa_rules_test *
aa_rules_test_new(const struct aa_ruleset *rs,
                  const struct aa_rules_test_opts *opts);
void aa_rules_test_free(struct aa_rules_test *t);
/* Read the test file at 'path' (_parse: the 'len' bytes of 'data', named
 * 'path') and run its tests, keeping the results.  Returns 0 when they
 * ran, passing or not; -1 after errors in dl (file:line:col) when the file
 * cannot be read or is invalid, and then none of its tests runs.  A
 * plan's /solution/artifacts are relative to the file's folder. */
AA_NODISCARD int aa_rules_test_load(struct aa_rules_test *t, const char *path,
                                    struct aa_diags *dl);
AA_NODISCARD int aa_rules_test_parse(struct aa_rules_test *t, const char *path,
                                     const char *data, size_t len,
                                     struct aa_diags *dl);
/* The same for every *.yaml and *.yml file of 'dir', in byte order of
 * their names; -1 also when it holds none or cannot be read. */
AA_NODISCARD int aa_rules_test_load_dir(struct aa_rules_test *t,
                                        const char *dir, struct aa_diags *dl);
/* The results as "text" (each failing test with what differed, a line
 * each; then a summary and the coverage, wrapped at 'width' columns, 0:
 * 80) or "json".  Returns 0, -1 on a write error, -2 when the format is
 * neither. */
AA_NODISCARD int aa_rules_test_render(const struct aa_rules_test *t,
                                      const char *format, int width, FILE *fp);
/* Nonzero when the run fails: a test failed, fewer than opts->min passed,
 * or (with opts->require_coverage) the coverage is incomplete. */
int aa_rules_test_failed(const struct aa_rules_test *t);

/* The rules of a compiled ruleset as 'attrib-advise rules list' shows
 * them: a row each, in program order, with its mechanisms, what it does
 * (verdict, finding severity, detector) and the facts it cites, wrapped
 * at 'width' columns (0: 80).  Returns 0, or -1 on a write error. */
AA_NODISCARD int aa_writer_rule_list(const struct aa_ruleset *rs, int width,
                                     FILE *fp);

/* The decision structure as 'attrib-advise graph' draws it: the plan
 * fields each rule reads, the rule, and the verdict or finding it gives
 * each mechanism, as a Mermaid flowchart ("mermaid") or Graphviz DOT
 * ("dot"); 'mech' NULL for every mechanism (the rules then boxed by the
 * mechanisms they speak for, with no mechanism nodes), else one (CSP ...
 * PRACR, or GEN for the plan-wide rules).  Rules of the deployment-code scan
 * and of the plan file as written read no field and are left out.  Returns 0,
 * -1 on a write error, -2 for an unknown mechanism, -3 for an unknown format.
 */
AA_NODISCARD int aa_writer_rule_graph(const struct aa_ruleset *rs,
                                      const char *mech, const char *format,
                                      FILE *fp);

/* A portfolio: one summary over the advice on many plans (attrib-advise
 * portfolio; docs/portfolio.md), fed one triaged report at a time, in
 * memory that does not grow with the number of plans.  'rs' (compiled)
 * gives the rules' titles and actions; it is borrowed and must outlive
 * the portfolio.  fail_on and min_severity are enum aa_severity values
 * (fail_on above AA_SEV_ERROR: no plan fails; findings at or above it are
 * tallied whatever min_severity says); group_by is a field's
 * pointer (one aa_scenario_group_label accepts) or NULL, and group_label
 * its label in words. */
struct aa_portfolio;
struct aa_portfolio_opts {
    int fail_on;
    int min_severity;
    const char *group_by;
    const char *group_label;
};
AA_NODISCARD struct aa_portfolio *
aa_portfolio_new(const struct aa_ruleset *rs,
                 const struct aa_portfolio_opts *opts);
void aa_portfolio_free(struct aa_portfolio *pf);
/* Add one plan's advice; 'groups' are the values of the group_by field
 * in that plan (aa_scenario_group_values), ngroups of them.  Everything
 * is copied that the portfolio keeps. */
void aa_portfolio_add(struct aa_portfolio *pf, const struct aa_report *rep,
                      const char *const *groups, size_t ngroups);
/* Count a plan that could not be read: 'source' as a report names it,
 * 'line' its NDJSON line (0 for a file). */
void aa_portfolio_reject(struct aa_portfolio *pf, const char *source,
                         unsigned line);
/* Write the summary as "text" (tables 'width' columns wide, at least 60),
 * "json" (rules/schema/portfolio.schema.json), "markdown", "csv" (one
 * table of rows for spreadsheets) or "html" (one self-contained page with
 * SVG bar charts).  Returns 0, -1 on a write error, -2 for another
 * format. */
AA_NODISCARD int aa_portfolio_render(const struct aa_portfolio *pf,
                                     const char *format, int width, FILE *fp);
/* Read a summary that aa_portfolio_render wrote as "json" (a former run)
 * from 'path', so that the summary says what changed since: text and json
 * add the counts that differ.  Returns 0, or -1 after errors in dl (the
 * file cannot be read, is not JSON, or is not a summary of version 1). */
AA_NODISCARD int aa_portfolio_compare(struct aa_portfolio *pf, const char *path,
                                      struct aa_diags *dl);
/* Nonzero when 'format' is one aa_portfolio_render writes. */
int aa_portfolio_format(const char *format);

/* --group-by: the label of the field at 'pointer' ("customer agreement")
 * when a portfolio can be grouped by it (a string, boolean or enumeration,
 * or an array of them, that a plan writes); NULL otherwise. */
const char *aa_scenario_group_label(const char *pointer);
/* The values of that field in sc as text, borrowed from sc or static, at
 * most 'max' of them into v: one for a single value (booleans "true" or
 * "false"), one per item for an array, each once; "(not given)" for an
 * absent field, "(none)" for an empty array.  Returns how many (at least
 * one when max > 0). */
size_t aa_scenario_group_values(const struct aa_scenario *sc,
                                const char *pointer, const char **v,
                                size_t max);

/* Nonzero when 'format' names a renderer. */
int aa_render_exists(const char *format);
/* The renderer names, comma-separated, for --help. */
const char *aa_render_names(void);

#ifdef __cplusplus
}
#endif
#endif /* AA_ATTRIB_ADVISE_H */
