/*
 * cli.h -- the front end's own types: options, the inputs and outputs of
 * a run, and the loop that advises each scenario.  Shared by main.c
 * (arguments, flow) and cli_run.c (files, outputs, the run); the library
 * is reached through attrib_advise.h only.
 */
#ifndef AA_CLI_H
#define AA_CLI_H

#include <stdio.h>
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

/* A file the run writes whole: a temporary file beside 'path' (mode
 * 0666 less the umask, as a plain create gives), renamed into place only
 * when complete, so a failed or interrupted run leaves no partial file. */
struct outfile {
    const char *path; /* borrowed */
    char *tmp;        /* NULL once committed or aborted */
    FILE *fp;
    struct outfile *next; /* on the list the signal handler cleans */
};

/* An --output file. */
struct output {
    const char *format;
    const char *path;
    struct outfile file;
    struct aa_writer *w;
};

struct cli_opts {
    const char *format;
    int fail_on;      /* enum aa_severity, or FAIL_NEVER */
    int min_severity; /* findings shown: enum aa_severity */
    int default_rules;
    const char **rules; /* --rules arguments, in order */
    size_t nrules;
    int color; /* -1 auto, 0 never, 1 always */
    const char *dump;
    int facts;                  /* 'facts [ID]' instead of scenario files */
    int scan;                   /* 'scan PATH...' instead of scenario files */
    int ndjson;                 /* inputs hold one scenario per line */
    int follow_outside;         /* walks follow links out of the folder */
    const char *baseline;       /* --baseline FILE */
    const char *write_baseline; /* --write-baseline FILE */
    const char *category;       /* --sarif-category ID */
    const char **ignore;        /* --ignore RULE */
    size_t nignore;
    struct output *outputs; /* --output FORMAT=PATH, in order */
    size_t noutputs;
    char **files;
    size_t nfiles;
};

/* The scenario files of one run, in order; owned strings. */
struct inputs {
    char **v;
    size_t n, cap;
};

/* Findings of a run, for the summary line. */
struct tally {
    size_t count[3]; /* by enum aa_severity: info, warning, error */
    size_t rejected; /* scenarios that could not be read */
};

/* Everything one scenario's advice passes through. */
struct run {
    const struct cli_opts *o;
    const struct aa_ruleset *rs;
    const struct aa_eval_opts *eo;
    struct aa_writer *w;
    struct tally *tally;
    struct aa_baseline *newbase;
    int status; /* worst so far; the highest wins */
    size_t scenarios;
};

/* FILE arguments -> scenario files: folders expand to their *.json files
 * in path order; everything else stays as given.  Returns AA_EXIT_OK, or
 * AA_EXIT_INPUT after printing why a folder could not be walked whole. */
int cli_expand_inputs(char **args, size_t n, struct inputs *in);
/* NULL when no --output or --write-baseline names an input of the run
 * (plans, --rules, --baseline) or the same file as another output; else
 * a message saying which (the caller frees it). */
char *cli_check_outputs(const struct cli_opts *o, const struct inputs *in);
/* Remove the temporary files of the run when it is ended by SIGHUP,
 * SIGINT, SIGTERM or another ordinary termination signal, then end as the
 * signal would have; and when it calls exit() with files still open (out
 * of memory).  Call once, before any file is written. */
void cli_catch_signals(void);
/* A file written whole (struct outfile).  _open returns 0, or -1 with
 * errno; _commit closes and renames it into place, returning 0, or -1
 * with errno and no file left; _abort removes it.  After either, f holds
 * nothing. */
int cli_outfile_open(struct outfile *f, const char *path);
int cli_outfile_commit(struct outfile *f);
void cli_outfile_abort(struct outfile *f);
/* --output files: opened as temporaries, renamed into place when the run
 * finished well ('ok'), removed otherwise.  Return 0, or -1 after saying
 * which file failed. */
int cli_open_outputs(struct cli_opts *o, const struct aa_ruleset *rs,
                     const struct aa_render_opts *ro);
int cli_close_outputs(struct cli_opts *o, int status, int ok);
/* Advise every scenario of a file, or of an NDJSON file line by line. */
void cli_advise_file(struct run *r, const char *path);
void cli_advise_lines(struct run *r, const char *path);
/* 'scan PATH...': check deployment code for CUA and print each file's
 * status with its findings (text or json).  Returns the exit status. */
int cli_scan(const struct cli_opts *o, const struct aa_ruleset *rs,
             const struct aa_eval_opts *eo, const struct aa_render_opts *ro);
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
/* --dump=rule-docs DIR: the index and a page per rule of rs, each file
 * written whole.  Returns the exit status. */
int cli_rule_docs(const struct aa_ruleset *rs, const char *dir);
/* The one summary line on stderr after a text run. */
void cli_summary(const struct tally *t, size_t scenarios,
                 const struct timespec *t0);

#endif /* AA_CLI_H */
