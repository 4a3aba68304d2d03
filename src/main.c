/*
 * main.c -- the command-line front end: argv -> struct cli_opts -> the
 * library pipeline (load, compile, eval, render) -> one exit status.
 *
 * Nothing here knows about rules or mechanisms.  Each scenario's output is
 * rendered into memory first and written only when complete, so a failure
 * never leaves half a report on stdout.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* An --output file: written to a temporary file beside it and renamed
 * into place only when complete, so a failed run leaves no partial file. */
struct output {
    const char *format;
    const char *path;
    char *tmp;
    FILE *fp;
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
    int ndjson;                 /* inputs hold one scenario per line */
    const char *baseline;       /* --baseline FILE */
    const char *write_baseline; /* --write-baseline FILE */
    const char **ignore;        /* --ignore RULE */
    size_t nignore;
    struct output *outputs; /* --output FORMAT=PATH, in order */
    size_t noutputs;
    char **files;
    size_t nfiles;
};

static void
usage(FILE *fp, int status)
{
    fprintf(fp,
            "Usage: attrib-advise [OPTION]... FILE|DIR...\n"
            "       attrib-advise [OPTION]... facts [ID]\n"
            "Advise how a partner gets recognised for the Azure, Modern "
            "Work and\nDynamics 365 consumption it influences: a verdict "
            "for each of CSP, DPOR,\nPAL, CUA, CPOR, MBS and PRACR, with "
            "reasons, actions and findings.\n"
            "FILE is a scenario (JSON, contract v1); '-' reads standard "
            "input; a DIR\nadds every *.json below it, in path order.\n"
            "'facts' lists the knowledge base; 'facts ID' shows one fact, "
            "its sources\nand the rules that cite it.\n\n"
            "Options:\n"
            "  -f, --format=FORMAT     output format: %s (default text)\n"
            "      --fail-on=LEVEL     exit 1 when a finding is at or above "
            "LEVEL:\n"
            "                          error (default), warning, info, "
            "never\n"
            "      --min-severity=LEVEL\n"
            "                          show only findings at or above LEVEL: "
            "info\n"
            "                          (default), warning, error; the exit "
            "status\n"
            "                          does not depend on it\n"
            "      --ndjson            each FILE holds one scenario per line; "
            "with json,\n"
            "                          the advice is one object per line\n"
            "  -o, --output=FORMAT=PATH  also write the run in FORMAT to "
            "PATH (repeatable;\n"
            "                          the file appears only when "
            "complete)\n"
            "      --baseline=FILE     findings recorded in FILE are "
            "accepted: listed as\n"
            "                          suppressed, never counted\n"
            "      --write-baseline=FILE  record this run's findings in "
            "FILE\n"
            "      --ignore=RULE       suppress the findings of RULE "
            "(repeatable); they\n"
            "                          are listed as suppressed and never "
            "counted\n"
            "  -r, --rules=PATH        add a rule file or a directory of "
            "*.yaml rule\n"
            "                          files; a rule with an existing id "
            "replaces it\n"
            "      --no-default-rules  start without the built-in rules\n"
            "      --color=WHEN        colour text output: auto (default), "
            "always, never;\n"
            "                          auto: NO_COLOR set means never, "
            "FORCE_COLOR set\n"
            "                          means always, else only on a "
            "terminal\n"
            "      --dump=WHAT         print 'scenario-schema' (JSON Schema "
            "of the\n"
            "                          scenario contract) and exit\n"
            "  -h, --help              show this help and exit\n"
            "  -V, --version           show version and knowledge date, and "
            "exit\n\n"
            "Exit status: 0 advice, no finding at or above --fail-on; 1 a "
            "finding at or\nabove it; 2 usage error; 3 invalid rules or "
            "scenario; 4 internal error.\n"
            "See attrib-advise(1), docs/rules.md and docs/scenario.md.\n",
            aa_render_names());
    exit(status);
}

static void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
usage_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("attrib-advise: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'attrib-advise --help' for more information.\n", stderr);
    exit(AA_EXIT_USAGE);
}

static int
parse_level(const char *s)
{
    static const char *const names[] = {"info", "warning", "error"};

    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    if (strcmp(s, "never") == 0)
        return FAIL_NEVER;
    return -1;
}

/* Fill o from argv; no I/O except usage messages. */
static void
parse_args(int argc, char **argv, struct cli_opts *o)
{
    enum {
        OPT_FAIL_ON = 256,
        OPT_MIN_SEVERITY,
        OPT_IGNORE,
        OPT_BASELINE,
        OPT_NDJSON,
        OPT_WRITE_BASELINE,
        OPT_NO_DEFAULT,
        OPT_COLOR,
        OPT_DUMP
    };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"min-severity", required_argument, NULL, OPT_MIN_SEVERITY},
        {"output", required_argument, NULL, 'o'},
        {"ignore", required_argument, NULL, OPT_IGNORE},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"ndjson", no_argument, NULL, OPT_NDJSON},
        {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"dump", required_argument, NULL, OPT_DUMP},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int ch;

    o->format = "text";
    o->fail_on = AA_SEV_ERROR;
    o->default_rules = 1;
    o->color = -1;
    o->rules = calloc((size_t)argc + 1, sizeof(*o->rules));
    o->outputs = calloc((size_t)argc + 1, sizeof(*o->outputs));
    o->ignore = calloc((size_t)argc + 1, sizeof(*o->ignore));
    if (o->rules == NULL || o->outputs == NULL || o->ignore == NULL)
        exit(AA_EXIT_INTERNAL);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:o:r:hV", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (!aa_render_exists(optarg))
                usage_error("unknown format '%s'; expected %s", optarg,
                            aa_render_names());
            o->format = optarg;
            break;
        case OPT_FAIL_ON:
            if ((o->fail_on = parse_level(optarg)) < 0)
                usage_error("unknown level '%s' for --fail-on; expected "
                            "error, warning, info or never",
                            optarg);
            break;
        case OPT_MIN_SEVERITY:
            if ((o->min_severity = parse_level(optarg)) < 0 ||
                o->min_severity == FAIL_NEVER)
                usage_error("unknown level '%s' for --min-severity; expected "
                            "info, warning or error",
                            optarg);
            break;
        case 'o': {
            struct output *out = &o->outputs[o->noutputs++];
            char *eq = strchr(optarg, '=');

            if (eq == NULL || eq == optarg || eq[1] == '\0')
                usage_error("--output takes FORMAT=PATH, got '%s'", optarg);
            *eq = '\0';
            if (!aa_render_exists(optarg))
                usage_error("unknown format '%s' in --output; expected %s",
                            optarg, aa_render_names());
            out->format = optarg;
            out->path = eq + 1;
            break;
        }
        case OPT_IGNORE:
            o->ignore[o->nignore++] = optarg;
            break;
        case OPT_BASELINE:
            o->baseline = optarg;
            break;
        case OPT_NDJSON:
            o->ndjson = 1;
            break;
        case OPT_WRITE_BASELINE:
            o->write_baseline = optarg;
            break;
        case 'r':
            o->rules[o->nrules++] = optarg;
            break;
        case OPT_NO_DEFAULT:
            o->default_rules = 0;
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                o->color = -1;
            else if (strcmp(optarg, "always") == 0)
                o->color = 1;
            else if (strcmp(optarg, "never") == 0)
                o->color = 0;
            else
                usage_error("unknown value '%s' for --color; expected auto, "
                            "always or never",
                            optarg);
            break;
        case OPT_DUMP:
            if (strcmp(optarg, "scenario-schema") != 0)
                usage_error("unknown value '%s' for --dump; expected "
                            "scenario-schema",
                            optarg);
            o->dump = optarg;
            break;
        case 'h':
            usage(stdout, AA_EXIT_OK);
            break;
        case 'V':
            o->dump = "version";
            break;
        case ':':
            usage_error("option '%s' needs an argument", argv[optind - 1]);
            break;
        default:
            usage_error("unknown option '%s'", argv[optind - 1]);
            break;
        }
    }
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
}

/* The scenario files of one run, in order; owned strings. */
struct inputs {
    char **v;
    size_t n, cap;
};

static void
inputs_add(struct inputs *in, char *path)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = realloc(in->v, in->cap * sizeof(*in->v));
        if (in->v == NULL)
            exit(AA_EXIT_INTERNAL);
    }
    in->v[in->n++] = path;
}

static int
asprintf_path(char **out, const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';

    if ((*out = malloc(a + (size_t)slash + b + 1)) == NULL)
        return -1;
    memcpy(*out, dir, a);
    if (slash)
        (*out)[a] = '/';
    memcpy(*out + a + (size_t)slash, name, b + 1);
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);

    if (d == NULL)
        exit(AA_EXIT_INTERNAL);
    return d;
}

/*
 * Add every *.json file below 'dir', recursively, in byte order of their
 * paths so that a run over a tree is deterministic.  Names starting with
 * '.' (.git, editor files) are skipped.  Returns 0, or -1 when the
 * directory cannot be read.
 */
static int
add_dir(struct inputs *in, const char *dir)
{
    DIR *d = opendir(dir);
    struct inputs here = {NULL, 0, 0};
    struct dirent *e;
    int rc = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char *path;

        if (e->d_name[0] == '.')
            continue;
        if (asprintf_path(&path, dir, e->d_name) != 0)
            exit(AA_EXIT_INTERNAL);
        inputs_add(&here, path);
    }
    closedir(d);
    if (here.n > 1)
        qsort(here.v, here.n, sizeof(*here.v), cmp_str);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        size_t len = strlen(here.v[i]);

        if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (add_dir(in, here.v[i]) != 0)
                rc = -1;
            free(here.v[i]);
        } else if (len > 5 && strcmp(here.v[i] + len - 5, ".json") == 0) {
            inputs_add(in, here.v[i]);
        } else {
            free(here.v[i]);
        }
    }
    free(here.v);
    return rc;
}

/* FILE arguments -> scenario files: directories expand, the rest (files,
 * '-') stay as given so that a missing file is reported when read. */
static void
expand_inputs(char **args, size_t n, struct inputs *in)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        size_t before = in->n;

        if (strcmp(args[i], "-") == 0 || stat(args[i], &st) != 0 ||
            !S_ISDIR(st.st_mode)) {
            inputs_add(in, xstrdup(args[i]));
            continue;
        }
        if (add_dir(in, args[i]) != 0)
            fprintf(stderr,
                    "attrib-advise: %s: warning: some folders could not be "
                    "read\n",
                    args[i]);
        if (in->n == before)
            fprintf(stderr,
                    "attrib-advise: %s: warning: no *.json scenario in this "
                    "folder\n",
                    args[i]);
    }
}

static void
free_opts(struct cli_opts *o)
{
    free(o->rules);
    free(o->outputs);
    free(o->ignore);
}

/* Load and compile the rules; returns NULL after printing why. */
static struct aa_ruleset *
load_rules(const struct cli_opts *o, struct aa_diags *dl)
{
    struct aa_ruleset *rs = aa_ruleset_new();
    int bad = 0;

    if (rs == NULL)
        exit(AA_EXIT_INTERNAL);
    if (o->default_rules && aa_rules_load_builtin(rs, dl) != 0)
        bad = 1;
    for (size_t i = 0; i < o->nrules; i++) {
        struct stat st;
        int rc;

        if (stat(o->rules[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = aa_rules_load_dir(rs, o->rules[i], dl);
        else
            rc = aa_rules_load_file(rs, o->rules[i], dl);
        if (rc != 0)
            bad = 1;
    }
    if (!bad && aa_ruleset_compile(rs, dl) != 0)
        bad = 1;
    aa_diags_print(dl, stderr);
    if (bad) {
        aa_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

enum { EMIT_FAILED = -3 }; /* out of memory or stdout not writable */

/* The fact listing, rendered into memory and written whole.  Returns
 * aa_facts_render's status, or EMIT_FAILED. */
static int
emit_facts(const struct aa_ruleset *rs, const char *id)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int rc;

    if (mem == NULL)
        return EMIT_FAILED;
    rc = aa_facts_render(rs, id, mem);
    if (fclose(mem) != 0)
        rc = EMIT_FAILED;
    if (rc == 0 && fwrite(buf, 1, len, stdout) != len)
        rc = EMIT_FAILED;
    free(buf);
    return rc;
}

/* Open every --output file as a temporary beside its target.  Returns 0,
 * or -1 after saying which file could not be created. */
static int
open_outputs(struct cli_opts *o, const struct aa_ruleset *rs,
             const struct aa_render_opts *ro)
{
    struct aa_render_opts plain = *ro;

    plain.color = 0; /* files never get escape codes */
    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];
        int fd;

        out->tmp = malloc(strlen(out->path) + 16);
        if (out->tmp == NULL)
            exit(AA_EXIT_INTERNAL);
        sprintf(out->tmp, "%s.tmp.XXXXXX", out->path);
        if ((fd = mkstemp(out->tmp)) < 0 ||
            (out->fp = fdopen(fd, "w")) == NULL) {
            fprintf(stderr, "attrib-advise: %s: error: cannot create: %s\n",
                    out->path, strerror(errno));
            if (fd >= 0)
                close(fd);
            free(out->tmp);
            out->tmp = NULL;
            return -1;
        }
        out->w = aa_writer_new(out->format, rs, &plain, out->fp);
    }
    return 0;
}

/* Finish every output: rename complete files into place, remove the
 * rest.  'ok' is zero when the run failed internally.  Returns 0, or -1
 * when a file could not be written. */
static int
close_outputs(struct cli_opts *o, int status, int ok)
{
    int rc = 0;

    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];
        int good = ok;

        if (out->tmp == NULL)
            continue;
        if (out->w != NULL && aa_writer_finish(out->w, status) != 0)
            good = 0;
        if (fclose(out->fp) != 0)
            good = 0;
        if (good && rename(out->tmp, out->path) != 0)
            good = 0;
        if (!good) {
            fprintf(stderr, "attrib-advise: %s: error: cannot write: %s\n",
                    out->path, strerror(errno));
            unlink(out->tmp);
            rc = -1;
        }
        free(out->tmp);
        out->tmp = NULL;
    }
    return rc;
}

/* --color wins; then NO_COLOR (any non-empty value) turns colour off and
 * FORCE_COLOR (non-empty, not "0") turns it on; else only on a terminal.
 * Machine formats never get colour. */
static int
want_color(const struct cli_opts *o)
{
    const char *nc = getenv("NO_COLOR");
    const char *fc = getenv("FORCE_COLOR");

    if (strcmp(o->format, "text") != 0)
        return 0;
    if (o->color >= 0)
        return o->color;
    if (nc != NULL && nc[0] != '\0')
        return 0;
    if (fc != NULL && fc[0] != '\0' && strcmp(fc, "0") != 0)
        return 1;
    return isatty(STDOUT_FILENO);
}

/* Findings of a run, for the summary line. */
struct tally {
    size_t count[3]; /* by enum aa_severity: info, warning, error */
    size_t rejected; /* scenarios that could not be read */
};

/* One line on stderr after a text run over several files. */
static void
summary(const struct tally *t, size_t scenarios, const struct timespec *t0)
{
    struct timespec t1;
    double secs;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
    fprintf(stderr,
            "attrib-advise: %zu scenarios (%zu rejected): %zu errors, %zu "
            "warnings, %zu notes in %.2f s\n",
            scenarios, t->rejected, t->count[AA_SEV_ERROR],
            t->count[AA_SEV_WARNING], t->count[AA_SEV_INFO], secs);
}

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

static void
raise_status(struct run *r, int status)
{
    if (status > r->status)
        r->status = status;
}

/* Advise on a loaded scenario, or record one that was rejected (sc NULL,
 * sd holding why).  Takes ownership of sc and sd. */
static void
advise(struct run *r, const char *source, struct aa_scenario *sc,
       struct aa_diags *sd)
{
    const struct cli_opts *o = r->o;
    struct aa_report *rep;

    aa_diags_print(sd, stderr);
    r->scenarios++;
    if (sc == NULL) {
        (void)!aa_writer_reject(r->w, source, sd);
        for (size_t k = 0; k < o->noutputs; k++)
            (void)!aa_writer_reject(o->outputs[k].w, source, sd);
        aa_diags_free(sd);
        raise_status(r, AA_EXIT_INPUT);
        r->tally->rejected++;
        return;
    }
    aa_diags_free(sd);
    if ((rep = aa_eval_with(r->rs, sc, r->eo)) == NULL) {
        aa_scenario_free(sc);
        raise_status(r, AA_EXIT_INTERNAL);
        return;
    }
    if ((sd = aa_diags_new()) != NULL) {
        aa_report_notes(rep, sd);
        aa_diags_print(sd, stderr);
        aa_diags_free(sd);
    }
    if (aa_writer_add(r->w, rep) != 0) {
        fprintf(stderr, "attrib-advise: error: cannot write output\n");
        raise_status(r, AA_EXIT_INTERNAL);
    }
    for (size_t k = 0; k < o->noutputs; k++)
        if (aa_writer_add(o->outputs[k].w, rep) != 0)
            raise_status(r, AA_EXIT_INTERNAL);
    if (o->fail_on != FAIL_NEVER && aa_report_worst(rep) >= o->fail_on)
        raise_status(r, AA_EXIT_FINDINGS);
    aa_report_count(rep, r->tally->count);
    if (r->newbase != NULL)
        aa_baseline_add(r->newbase, rep);
    aa_report_free(rep);
    aa_scenario_free(sc);
}

static struct aa_diags *
new_diags(void)
{
    struct aa_diags *dl = aa_diags_new();

    if (dl == NULL)
        exit(AA_EXIT_INTERNAL);
    return dl;
}

static void
advise_file(struct run *r, const char *path)
{
    struct aa_diags *sd = new_diags();

    advise(r, path, aa_scenario_load_file(path, sd), sd);
}

/* NDJSON: one scenario per line; a bad line is reported with its line
 * number and the next one is read all the same.  Blank lines are skipped. */
static void
advise_lines(struct run *r, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;

    if (fp == NULL) {
        fprintf(stderr, "attrib-advise: %s: error: cannot open: %s\n", name,
                strerror(errno));
        raise_status(r, AA_EXIT_INPUT);
        r->tally->rejected++;
        return;
    }
    while ((n = getline(&line, &cap, fp)) >= 0) {
        struct aa_diags *sd;
        size_t len = (size_t)n;

        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (strspn(line, " \t") >= len)
            continue;
        sd = new_diags();
        advise(r, name, aa_scenario_parse_at(name, line, len, lineno, sd), sd);
    }
    free(line);
    if (!is_stdin)
        fclose(fp);
}

int
main(int argc, char **argv)
{
    struct cli_opts o;
    struct aa_diags *dl = NULL;
    struct aa_ruleset *rs = NULL;
    struct aa_render_opts ro = {.fail_on = AA_SEV_ERROR};
    struct aa_writer *w = NULL;
    struct aa_eval_opts eo = {NULL, 0, NULL, NULL};
    struct aa_baseline *base = NULL, *newbase = NULL;
    struct run run = {0};
    struct inputs in = {NULL, 0, 0};
    struct tally tally = {{0, 0, 0}, 0};
    struct timespec t0;
    int status = AA_EXIT_OK;

    memset(&o, 0, sizeof(o));
    parse_args(argc, argv, &o);
    if (o.dump != NULL && strcmp(o.dump, "scenario-schema") == 0) {
        char *s = aa_scenario_schema();

        fputs(s, stdout);
        free(s);
        free_opts(&o);
        return AA_EXIT_OK;
    }
    if (o.nfiles > 0 && strcmp(o.files[0], "facts") == 0) {
        if (o.nfiles > 2)
            usage_error("'facts' takes at most one fact ID");
        o.facts = 1;
    }
    if (o.dump == NULL && o.nfiles == 0)
        usage_error("no scenario file given (use '-' for standard input)");
    if ((dl = aa_diags_new()) == NULL)
        return AA_EXIT_INTERNAL;
    if ((rs = load_rules(&o, dl)) == NULL) {
        status = AA_EXIT_INPUT;
        goto out;
    }
    if (o.dump != NULL) { /* --version */
        printf("attrib-advise %s\nknowledge as of %s (%zu rules)\n",
               aa_version(), aa_ruleset_knowledge_as_of(rs),
               aa_ruleset_rule_count(rs));
        goto out;
    }
    if (o.facts) {
        const char *id = o.nfiles == 2 ? o.files[1] : NULL;
        int rc;

        if ((rc = emit_facts(rs, id)) == EMIT_FAILED) {
            fprintf(stderr, "attrib-advise: error: cannot write output\n");
            status = AA_EXIT_INTERNAL;
        } else if (rc != 0) {
            fprintf(stderr,
                    "attrib-advise: error: unknown fact ID '%s'; "
                    "'attrib-advise facts' lists them\n",
                    id);
            status = AA_EXIT_USAGE;
        }
        goto out;
    }
    eo.ignore = o.ignore;
    eo.nignore = o.nignore;
    if (o.baseline != NULL) {
        if ((base = aa_baseline_load(o.baseline, dl)) == NULL) {
            aa_diags_print(dl, stderr);
            status = AA_EXIT_INPUT;
            goto out;
        }
        eo.baseline = base;
    }
    if (o.write_baseline != NULL)
        newbase = aa_baseline_new();
    for (size_t i = 0; i < o.nignore; i++)
        if (!aa_ruleset_has_rule(rs, o.ignore[i]))
            usage_error("--ignore %s: no such rule", o.ignore[i]);
    ro.color = want_color(&o);
    ro.min_severity = o.min_severity;
    ro.fail_on = o.fail_on;
    /* NDJSON in, NDJSON out: one advice object per line. */
    ro.compact = o.ndjson && strcmp(o.format, "json") == 0;
    if ((w = aa_writer_new(o.format, rs, &ro, stdout)) == NULL) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (open_outputs(&o, rs, &ro) != 0) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    expand_inputs(o.files, o.nfiles, &in);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run.o = &o;
    run.rs = rs;
    run.eo = &eo;
    run.w = w;
    run.tally = &tally;
    run.newbase = newbase;
    run.status = status;
    for (size_t i = 0; i < in.n; i++) {
        if (o.ndjson)
            advise_lines(&run, in.v[i]);
        else
            advise_file(&run, in.v[i]);
    }
    status = run.status;
    if (aa_writer_finish(w, status) != 0) {
        fprintf(stderr, "attrib-advise: error: cannot write output\n");
        status = AA_EXIT_INTERNAL;
    }
    w = NULL;
    if (close_outputs(&o, status, status != AA_EXIT_INTERNAL) != 0)
        status = AA_EXIT_INTERNAL;
    if (newbase != NULL && aa_baseline_write(newbase, o.write_baseline) != 0) {
        fprintf(stderr, "attrib-advise: %s: error: cannot write baseline\n",
                o.write_baseline);
        status = AA_EXIT_INTERNAL;
    }
    if (run.scenarios > 1 && strcmp(o.format, "text") == 0)
        summary(&tally, run.scenarios, &t0);
out:
    (void)!aa_writer_finish(w, status); /* only after an internal error */
    (void)!close_outputs(&o, status, 0);
    for (size_t i = 0; i < in.n; i++)
        free(in.v[i]);
    free(in.v);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    free_opts(&o);
    aa_baseline_free(base);
    aa_baseline_free(newbase);
    if (fflush(stdout) != 0 && status < AA_EXIT_INPUT)
        status = AA_EXIT_INTERNAL;
    return status;
}
