/*
 * cli.h -- the front end's own types: options, the inputs and outputs of
 * a run, and the loop that advises each scenario.  Shared by main.c
 * (arguments, flow) and cli_run.c (files, outputs, the run); the library
 * is reached through attrib_advise.h only.
 */
#ifndef AA_CLI_H
#define AA_CLI_H

#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "attrib_advise.h"

/* Documented in attrib-advise(1), EXIT STATUS, and contract v1 section 3. */
enum aa_exit {
    AA_EXIT_OK = 0,       /* nothing at or above --fail-on */
    AA_EXIT_FINDINGS = 1, /* a finding at or above --fail-on */
    AA_EXIT_USAGE = 2,    /* bad command line; nothing was read */
    AA_EXIT_INPUT = 3,    /* a rule file or scenario was rejected */
    AA_EXIT_INTERNAL = 4  /* out of memory, bug */
};

enum { FAIL_NEVER = 99 };

/* The commands, in the order the help lists them (cli_commands.c). */
enum cli_command {
    CMD_NONE = -1,
    CMD_ADVISE,
    CMD_SCAN,
    CMD_FACTS,
    CMD_RULES,
    CMD_GRAPH,
    CMD_WHY_NOT,
    CMD_PORTFOLIO,
    CMD_INIT,
    CMD_INTERVIEW,
    CMD_COMPLETION,
    CMD_HELP,
    CMD_COUNT
};
enum cli_command cli_command_find(const char *name);
const char *cli_command_name(enum cli_command c);
/* The help of the program (CMD_NONE) or of one command. */
void cli_help(FILE *fp, enum cli_command c);
/* The command or long option (as typed, "--frmat=x") most likely meant,
 * or NULL when none is near. */
const char *cli_suggest_command(const char *word);
const char *cli_suggest_option(const char *arg);
/* Nonzero when word, where a command or a plan goes, is neither: no
 * command, no path-like word, no file. */
int cli_unknown_command(const char *word);
/* 'completion SHELL': the script of bash, zsh or fish. */
int cli_completion(const char *shell, const struct aa_ruleset *rs, FILE *fp);
/* The columns text written to fp wraps at: $COLUMNS when set (40 to
 * 1000), else the width of the terminal fp is, else 80 (a pipe, a file,
 * CI), so that output does not depend on where it is read. */
int cli_width(FILE *fp);
/* Map the program's own pages in one request rather than a fault each
 * (cli_start.c); nothing when the system cannot. */
void cli_map_image(void);
/* Descriptors 0 to 2, when closed, taken by /dev/null opened the other
 * way: their use fails as before, and no file the run opens gets their
 * numbers (cli_start.c). */
void cli_hold_std_fds(void);
/* Whether paths a and b (either may be NULL) name one file or folder that
 * exists. */
int cli_same_file(const char *a, const char *b);
size_t cli_option_count(void);
const char *cli_option_name(size_t i);
/* Whether the option of long name 'name' goes with command c (an option
 * the help does not list is not refused here). */
int cli_option_goes_with(const char *name, enum cli_command c);

/* A file the run writes whole: a temporary file beside 'path' (mode
 * 0666 less the umask, as a plain create gives), renamed into place only
 * when complete, so a failed or interrupted run leaves no partial file. */
struct outfile {
    const char *path; /* borrowed */
    char *tmp;        /* NULL once committed or aborted */
    /* Where the temporary goes: path, or the file a symbolic link at path
     * names (owned), so that the link stays a link. */
    char *target;
    /* path is a device, a FIFO or a socket (/dev/stdout, >(jq .)),
     * written in place: renaming over it would replace the node. */
    int direct;
    FILE *fp;
    struct outfile *next; /* on the list the signal handler cleans */
};

/* An --output file. */
struct output {
    const char *format;
    const char *path;
    struct outfile file;
    struct aa_writer *w;
    int failed; /* a report could not be written: said once */
};

/* Options from the command line, merged with the config file's (the
 * command line wins; lists add up): -1 is unset until then. */
struct cli_opts {
    enum cli_command command; /* CMD_ADVISE unless one is named */
    const char **named;       /* each option given, by its long name */
    size_t nnamed;
    int help; /* --help: the command's help, and exit */
    const char *format;
    int fail_on;      /* enum aa_severity, or FAIL_NEVER */
    int min_severity; /* findings shown: enum aa_severity */
    int default_rules;
    const char **rules; /* --rules arguments, in order */
    size_t nrules;
    int color; /* -1 auto, 0 never, 1 always */
    const char *dump;
    int facts;             /* 'facts [ID]' or 'rules ...': the knowledge
                              base, no scenario files */
    const char *rules_cmd; /* 'rules list', 'show ID', 'check PATH' or
                              'test PATH...' */
    const char **tests;    /* rules test: the test files and folders */
    size_t ntests;
    long min;                   /* rules test --min N; -1: not given */
    int require_coverage;       /* rules test --require-coverage */
    int graph;                  /* 'graph [MECHANISM]' */
    int scan;                   /* 'scan PATH...' instead of scenario files */
    int portfolio;              /* 'portfolio PATH...': one summary */
    const char *group_by;       /* portfolio --group-by POINTER */
    const char *compare;        /* portfolio --compare OLD.json */
    const char *why_not;        /* 'why-not MECHANISM PLAN': the mechanism */
    int init;                   /* 'init': write a starting plan */
    const char *profile;        /* init --profile P */
    int interview;              /* 'interview [FILE]' */
    const char *init_path;      /* init or interview -o FILE; NULL: none */
    int force;                  /* init, interview --force: may replace */
    int ndjson;                 /* inputs hold one scenario per line */
    int follow_outside;         /* walks follow links out of the folder */
    int strict;                 /* input.* findings are errors */
    int require_complete;       /* show input.incomplete */
    const char *baseline;       /* --baseline FILE */
    const char *write_baseline; /* --write-baseline FILE */
    const char *category;       /* --sarif-category ID */
    int explain_flag;           /* --explain was given */
    const char *explain;        /* scan --explain FILE */
    int explain_advice;         /* --explain [RULE] PLAN */
    const char *explain_rule;   /* ... about this rule alone; NULL: all */
    int prune_baseline;         /* --prune-baseline: drop its stale entries */
    int baseline_from_config;   /* may not exist yet: then nothing is
                                   baselined, which can only fail more */
    /* The folder report paths are relative to (--root DIR); NULL: the
     * current folder.  Read by cli_enter_root. */
    const char *root;
    const char **ignore; /* --ignore RULE */
    size_t nignore;
    const char **exclude; /* --exclude GLOB */
    size_t nexclude;
    struct aa_severity_override *severity; /* --severity RULE=LEVEL */
    size_t nseverity;
    const char *config;    /* --config FILE */
    int no_config;         /* --no-config */
    int print_config;      /* --print-config */
    struct aa_config *cfg; /* the config file in force, or NULL */
    /* Its device and inode, that no output may name (cli_check_outputs):
     * the run may have left the folder its path was relative to. */
    unsigned long long cfg_dev, cfg_ino;
    struct aa_override *override; /* --set POINTER=VALUE, or NULL */
    struct output *outputs;       /* --output FORMAT=PATH, in order */
    size_t noutputs;
    char **files;
    size_t nfiles;
    char **owned; /* path arguments rewritten by cli_enter_root */
    size_t nowned;
};

/* The scenario files of one run, in order; owned strings.  found[i]: 1,
 * the file came from a folder walk, so it may turn out not to be a plan;
 * 2, a place the walk could not read, whose error is in why[i], one of
 * the walks' diagnostics, which 'walks' owns. */
struct inputs {
    char **v;
    unsigned char *found;
    const struct aa_diags **why;
    size_t n, cap;
    struct aa_diags **walks;
    size_t nwalks;
};
void cli_inputs_fini(struct inputs *in);

/* Findings of a run, for the summary line. */
struct tally {
    size_t count[3]; /* by enum aa_severity: info, warning, error */
    size_t rejected; /* scenarios that could not be read */
    size_t skipped;  /* files of a folder that are not plans */
    int baselined;   /* with --baseline, which had ... */
    size_t stale;    /* ... this many entries that matched nothing */
};

/* Everything one scenario's advice passes through. */
struct run {
    const struct cli_opts *o;
    const struct aa_ruleset *rs;
    const struct aa_eval_opts *eo;
    struct aa_writer *w;     /* NULL in a portfolio */
    struct aa_portfolio *pf; /* a portfolio's summary, or NULL */
    struct tally *tally;
    struct aa_baseline *newbase;
    /* Reports are read for their verdicts and counts alone (the summary
     * format, with nothing else written or triaged against a baseline):
     * aa_eval_verdicts makes them. */
    int brief;
    int status; /* worst so far; the highest wins */
    size_t scenarios;
    /* In an --ndjson batch: its lines' problems said on stderr so far, and
     * those past the errors limit, only counted (say_problems). */
    int batch;
    size_t said, unsaid, unsaid_lines;
    int unsaid_worst;
    /* An output names a file a plan's artifacts made the run read: said,
     * the rest of the run skipped and nothing written (status 2). */
    int clash;
};

/* The status of a run over its inputs once they are read: r->status, or
 * a usage error (2, said on stderr) when it advised no scenario at all:
 * folders of files that are not plans, an --ndjson batch without a line.
 * A gate that passes on no plan would hide a producer that failed. */
int cli_inputs_status(const struct run *r);

/* Enter the run's root (o->root, or the current folder): the inputs
 * o->files[first..] become the names reports show, relative to the root
 * and normalised (aa_path_relative); when the root is another folder, the
 * other paths of the command line (--rules, --baseline, --write-baseline,
 * --output) are rewritten to stay valid and the process moves there, so
 * that every file is opened by the name it is shown by.  Returns NULL, or
 * a message for a root that cannot be entered (the caller frees it). */
char *cli_enter_root(struct cli_opts *o, size_t first);
/* FILE arguments -> scenario files: folders expand to their *.json files
 * in path order (less the exclusions), with the places the walk could not
 * read among them (struct inputs); everything else stays as given.
 * Returns AA_EXIT_OK; AA_EXIT_USAGE after saying which argument names
 * nothing (no such path, or a folder without a *.json file), before
 * anything is read; or AA_EXIT_INPUT after printing why a folder could
 * not be walked whole. */
int cli_expand_inputs(char **args, size_t n, struct inputs *in);
/* Read the exclusions of an ignore file (one glob a line, '#' comments)
 * into aa_walk_exclude.  Returns 0 (also when there is no such file), or
 * -1 after saying what is wrong with it. */
int cli_read_ignore_file(const char *path);
/* NULL when no --output or --write-baseline names an input of the run
 * (plans, --rules, --baseline) or the same file as another output; else
 * a message saying which (the caller frees it). */
char *cli_check_outputs(const struct cli_opts *o, const struct inputs *in);
/* NULL when no --output or --write-baseline names a file 'reads' says the
 * run read (ctx passed on), found only while reading: the files of a
 * folder scanned, a plan's artifacts; else a message saying which, 'whose'
 * named as what read it when not NULL (the caller frees it). */
char *cli_output_read(const struct cli_opts *o,
                      int (*reads)(const void *ctx, const char *path),
                      const void *ctx, const char *whose);
/* Remove the temporary files of the run when it is ended by SIGHUP,
 * SIGINT, SIGTERM or another ordinary termination signal, then end as the
 * signal would have; and when it calls exit() with files still open (out
 * of memory).  Call once, before any file is written. */
void cli_catch_signals(void);
/* A file written whole (struct outfile).  _open returns 0, or -1 with
 * errno; _commit closes and renames it into place, returning 0, or -1
 * with errno and no file left; _abort removes it.  After either, f holds
 * nothing.  A path that is a device or a FIFO is written in place and
 * never removed; a symbolic link's file is replaced, not the link. */
int cli_outfile_open(struct outfile *f, const char *path);
int cli_outfile_commit(struct outfile *f);
/* The same, but fails with EEXIST rather than replace a file at the path
 * (also one made while this one was written). */
int cli_outfile_commit_new(struct outfile *f);
void cli_outfile_abort(struct outfile *f);
/* Why path could not be written, errno err, for a message. */
const char *cli_outfile_why(const char *path, int err);
/* Whether st is the pipe or socket standard input reads: written there,
 * output goes back to this run's input, unread. */
int cli_stdin_pipe(const struct stat *st);

/* Whether the --write-baseline file can be made where it is to go; 0, or
 * -1 after saying why not. */
int cli_check_write_baseline(const struct cli_opts *o);
/* Whether a file can be written whole at 'path' (its folder takes a new
 * file); 0, or -1 after saying why not. */
int cli_check_writable(const char *path);
/* --output files: opened as temporaries; _close finishes them when the
 * run went well ('ok' positive) and removes them otherwise, without a word
 * ('ok' zero or negative: the failure was said where it happened);
 * cli_finish_baselines puts them in place.  Return 0, or -1 after naming
 * each file that failed. */
int cli_open_outputs(struct cli_opts *o, const struct aa_ruleset *rs,
                     const struct aa_render_opts *ro);
int cli_close_outputs(struct cli_opts *o, int status, int ok);
/* Advise every scenario of a file, or of an NDJSON file line by line,
 * each with the --set values written over it.  'found': the file came
 * from a folder walk (struct inputs). */
void cli_advise_file(struct run *r, const char *path, int found);
/* Input i of 'in': advised as cli_advise_file does, or, for a place a
 * folder walk could not read, listed in the reports as a plan that could
 * not be read (its error is on standard error already). */
void cli_advise_input(struct run *r, const struct inputs *in, size_t i);
void cli_advise_lines(struct run *r, const char *path);
/* Advise the plan that the --set values make on their own, named
 * CLI_SET_SOURCE in reports. */
#define CLI_SET_SOURCE "<command line>"
void cli_advise_set(struct run *r);
/* 'scan PATH...': check deployment code for CUA and print each file's
 * status with its findings (text or json); the findings of every file
 * read go to newbase unless it is NULL.  Returns the exit status. */
int cli_scan(const struct cli_opts *o, const struct aa_ruleset *rs,
             const struct aa_eval_opts *eo, const struct aa_render_opts *ro,
             struct aa_baseline *newbase);
/* 'portfolio PATH...': advise every plan of 'in' (read as the run reads
 * them, --ndjson included) into one summary, written whole to standard
 * output in o->format.  Returns the exit status: walk_status raised to 1
 * when a plan has a finding at or above --fail-on and to 3 when a plan
 * could not be read (the others are summarised all the same). */
int cli_portfolio(const struct cli_opts *o, const struct aa_ruleset *rs,
                  const struct aa_eval_opts *eo, const struct inputs *in,
                  int walk_status);
/* 'why-not MECHANISM PLAN': the smallest plan changes that make the
 * mechanism recommended.  Returns 0 when it is or some change makes it,
 * 1 when none does, 3 when the plan cannot be read. */
int cli_why_not(const struct cli_opts *o, const struct aa_ruleset *rs);
/* After a run: a note for each stale entry of the baseline (one that
 * matched nothing in a file the run read, or whose file is gone from a
 * folder the run read), then the baseline rewritten
 * without them (--prune-baseline; refused when an input could not be
 * read, since its entries would look stale), then --write-baseline; then
 * the --output files made whole by cli_close_outputs (or the scan) and
 * the baselines are renamed into place, all of them, or none when a file
 * could not be written or 'status' is already 4.  Sets *nstale (may be
 * NULL) to the stale entries.  Returns 'status', raised when a file could
 * not be written or pruning was refused. */
int cli_finish_baselines(const struct cli_opts *o, struct aa_baseline *base,
                         struct aa_baseline *newbase, int status,
                         size_t *nstale);
/* An Azure Pipelines run as SARIF names it (cli_ci.c): the id and the
 * properties of automationDetails, key, value, ..., NULL. */
struct pipeline {
    char *id;
    const char *props[9];
    char *project, *phase; /* owned, lower case */
};
/* Fill p from the environment of an Azure Pipelines agent.  Returns 1,
 * 0 outside a pipeline, or -1 with *problem naming the variable that is
 * missing or malformed.  cli_pipeline_free releases what 1 filled. */
int cli_pipeline_detect(struct pipeline *p, const char **problem);
void cli_pipeline_free(struct pipeline *p);
/* 'init': a starting plan (aa_init_write) on standard output, or written
 * whole to o->init_path, which is never replaced without --force.
 * Returns the exit status. */
int cli_init(const struct cli_opts *o, const struct aa_ruleset *rs);
/* 'interview [FILE]': questions on standard output, one answer a line
 * from standard input, until nothing is left to ask, q or the end of the
 * input; then the advice, the plan written whole to o->init_path (never
 * replaced without --force) and an offer to save a Markdown report.
 * 'color': the run may use colour (a terminal, no NO_COLOR).  Returns
 * the exit status. */
int cli_interview(const struct cli_opts *o, const struct aa_ruleset *rs,
                  int color);
/* --dump=rule-docs DIR: the index and a page per rule of rs, each file
 * written whole.  Returns the exit status. */
int cli_rule_docs(const struct aa_ruleset *rs, const char *dir);
/* 'rules test PATH...': run the tests of o->tests (files, or folders of
 * *.yaml and *.yml files) against rs, print the results in o->format
 * (text or json) and the diagnostics of the files that are invalid.
 * Returns the exit status: 3 when a test file is invalid, else 1 when a
 * test failed or --min or --require-coverage is not met, else 0. */
int cli_rules_test(const struct cli_opts *o, const struct aa_ruleset *rs);
/* The one summary line on stderr after a text run. */
void cli_summary(const struct tally *t, size_t scenarios,
                 const struct timespec *t0);

#endif /* AA_CLI_H */
