/*
 * main.c -- the command-line front end: argv -> struct cli_opts -> the
 * library pipeline (load, compile, eval, render) -> one exit status.
 *
 * Nothing here knows about rules or mechanisms.  Each scenario's output is
 * rendered into memory first and written only when complete, so a failure
 * never leaves half a report on stdout.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* "msp, isv, ... or licensing", for messages. */
static const char *
profile_names(void)
{
    static char buf[256];
    size_t used = 0;

    for (size_t i = 0; aa_init_profile_name(i) != NULL; i++)
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
                                 i == 0                                ? ""
                                 : aa_init_profile_name(i + 1) == NULL ? " or "
                                                                       : ", ",
                                 aa_init_profile_name(i));
    return buf;
}

/* The command named on the command line, for the hint after an error. */
static const char *usage_command;

static void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* The status of a run that only wrote to standard output (help, a dump):
 * 0, or 4 after saying why the output could not be written (a full disk,
 * a closed stream). */
static int
stdout_status(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return AA_EXIT_OK;
    aa_message(stderr, "error: cannot write output: %s", strerror(errno));
    return AA_EXIT_INTERNAL;
}

static void
usage_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    aa_vmessage(stderr, fmt, ap); /* arguments may hold anything */
    va_end(ap);
    if (usage_command != NULL && strcmp(usage_command, "advise") != 0)
        fprintf(stderr, "Try 'attrib-advise %s --help' for more information.\n",
                usage_command);
    else
        fputs("Try 'attrib-advise --help' for more information.\n", stderr);
    exit(AA_EXIT_USAGE);
}

/* By enum aa_severity; "never" is a --fail-on level only. */
static const char *const level_names[] = {"info", "warning", "error"};

static int
parse_level(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, level_names[i]) == 0)
            return i;
    if (strcmp(s, "never") == 0)
        return FAIL_NEVER;
    return -1;
}

/* An option the command does not use would be ignored unsaid: a
 * --baseline given to 'graph' or a --fail-on to 'why-not' is a plan the
 * user believes is in force. */
static void
check_named(const struct cli_opts *o)
{
    for (size_t i = 0; i < o->nnamed; i++)
        if (!cli_option_goes_with(
                strcmp(o->named[i], "colour") == 0 ? "color" : o->named[i],
                o->command))
            usage_error("'%s' takes no --%s", cli_command_name(o->command),
                        o->named[i]);
}

/* The command the arguments name: the first word that is not an option
 * ('advise', the default, may be left out, and is dropped when given);
 * then 'help' and --help are answered here, before anything is read. */
static void
command(struct cli_opts *o)
{
    enum cli_command c =
        o->nfiles > 0 ? cli_command_find(o->files[0]) : CMD_NONE;
    const char *near;

    if (c == CMD_ADVISE) {
        o->files++;
        o->nfiles--;
    } else if (c == CMD_NONE && o->nfiles > 0 && o->dump == NULL &&
               cli_unknown_command(o->files[0])) {
        if ((near = cli_suggest_command(o->files[0])) != NULL)
            usage_error("unknown command '%s'; did you mean '%s'?", o->files[0],
                        near);
        usage_error("'%s' is no command and no file (attrib-advise help "
                    "lists the commands)",
                    o->files[0]);
    }
    o->command = c == CMD_NONE ? CMD_ADVISE : c;
    usage_command = c == CMD_HELP ? NULL : cli_command_name(o->command);
    if (c == CMD_HELP) {
        enum cli_command about = CMD_NONE;

        if (o->nfiles > 2)
            usage_error("'help' takes at most one command");
        if (o->nfiles == 2 &&
            (about = cli_command_find(o->files[1])) == CMD_NONE) {
            if ((near = cli_suggest_command(o->files[1])) != NULL)
                usage_error("unknown command '%s'; did you mean '%s'?",
                            o->files[1], near);
            usage_error("unknown command '%s' (attrib-advise help lists "
                        "them)",
                        o->files[1]);
        }
        /* 'help' exits here, before the check the other commands get:
         * "help --baseline FILE" is no run that reads FILE. */
        check_named(o);
        cli_help(stdout, about);
        exit(stdout_status());
    }
    if (o->help) {
        cli_help(stdout, c);
        exit(stdout_status());
    }
    /* --version answers for every command, whatever its operands: main
     * prints it before they are checked. */
    if (o->dump != NULL && strcmp(o->dump, "version") == 0)
        return;
    if (c == CMD_COMPLETION) {
        if (o->nfiles != 2 || (strcmp(o->files[1], "bash") != 0 &&
                               strcmp(o->files[1], "zsh") != 0 &&
                               strcmp(o->files[1], "fish") != 0))
            usage_error("'completion' takes one shell: bash, zsh or fish");
        o->facts = 1; /* the rules, for their ids; no plan */
    }
}

/* Each option that takes one value, with the value it was given first. */
struct given {
    const char *format, *fail_on, *min_severity, *profile, *min, *compare,
        *group_by, *baseline, *write_baseline, *root, *color, *dump, *category,
        *explain, *config;
};

/* A single-valued option given again.  The same value again is harmless;
 * another is a usage error, never a silent choice of one: a --baseline or
 * --fail-on dropped without a word weakens a gate (the manual page
 * promises no "last one wins"). */
static void
once(const char **seen, const char *name, const char *value)
{
    if (*seen != NULL && strcmp(*seen, value) != 0)
        usage_error("%s given twice ('%s', then '%s'); it takes one value",
                    name, *seen, value);
    *seen = value;
}

/* --limit NAME=N, each way it can be wrong said as what to change: a
 * name that is none, an N that is no whole number, an N past what the
 * limit takes (with the largest it takes; more digits than any integer
 * holds are past it too). */
static void
limit_option(const char *spec)
{
    size_t len = strcspn(spec, "=");
    int l = aa_limit_find(spec, len), rc;

    if (spec[len] == '=' && len == 0)
        usage_error("--limit '%s': the limit's name goes before '=' "
                    "(--dump=limits lists the names)",
                    spec);
    if (spec[len] == '=' && l < 0)
        usage_error("--limit '%s': no limit is named %.*s (--dump=limits "
                    "lists the names)",
                    spec, (int)len, spec);
    /* -2 only for a limit found: its ceiling is the one passed. */
    if ((rc = aa_limit_set(spec)) == -2)
        usage_error("--limit '%s' is too large; the largest accepted is %zu",
                    spec, aa_limit_ceiling((enum aa_limit)l));
    if (rc != 0)
        usage_error("bad --limit '%s'; expected NAME=N with N a positive "
                    "whole number (--dump=limits lists the names)",
                    spec);
}

/* By rule id, then in the order given: all point into one array. */
static int
severity_order(const void *a, const void *b)
{
    const struct aa_severity_override *x =
        *(const struct aa_severity_override *const *)a;
    const struct aa_severity_override *y =
        *(const struct aa_severity_override *const *)b;
    int c = strcmp(x->rule, y->rule);

    return c != 0 ? c : (x > y) - (x < y);
}

/* A rule given two levels by --severity: the first would win, and a
 * gate's exit status would follow the order of the flags.  The same level
 * twice says nothing twice, as another option given twice with one value
 * (a script that adds its flags to a user's): kept once, so that
 * --print-config does not list it twice, which the config file it prints
 * would refuse.  Sorted, not compared with every earlier one
 * (docs/performance-load.md); the message names the first change of level
 * on the command line. */
static void
severity_once(struct cli_opts *o)
{
    const struct aa_severity_override **p, *first = NULL, *again = NULL;
    const struct aa_severity_override *seen = NULL; /* this rule's change */
    size_t start = 0, kept = 0;
    unsigned char *drop;

    if (o->nseverity < 2)
        return;
    if ((p = malloc(o->nseverity * sizeof(*p))) == NULL ||
        (drop = calloc(o->nseverity, 1)) == NULL)
        exit(AA_EXIT_INTERNAL);
    for (size_t i = 0; i < o->nseverity; i++)
        p[i] = &o->severity[i];
    qsort(p, o->nseverity, sizeof(*p), severity_order);
    for (size_t i = 1; i < o->nseverity; i++) {
        if (strcmp(p[start]->rule, p[i]->rule) != 0) {
            start = i;
            seen = NULL;
        } else if (p[i]->severity == p[start]->severity) {
            drop[p[i] - o->severity] = 1;
        } else if (seen == NULL) {
            seen = p[i];
            if (again == NULL || p[i] < again) {
                first = p[start];
                again = p[i];
            }
        }
    }
    free(p);
    if (again != NULL) {
        free(drop);
        usage_error("rule '%s' is given twice in --severity ('%s', then "
                    "'%s'); give it one level",
                    again->rule, level_names[first->severity],
                    level_names[again->severity]);
    }
    for (size_t i = 0; i < o->nseverity; i++)
        if (!drop[i])
            o->severity[kept++] = o->severity[i];
    o->nseverity = kept;
    free(drop);
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
        OPT_DUMP,
        OPT_LIMIT,
        OPT_FOLLOW_OUTSIDE,
        OPT_STRICT,
        OPT_REQUIRE_COMPLETE,
        OPT_EXCLUDE,
        OPT_CONFIG,
        OPT_NO_CONFIG,
        OPT_PRINT_CONFIG,
        OPT_SEVERITY,
        OPT_PRUNE_BASELINE,
        OPT_ROOT,
        OPT_SARIF_CATEGORY,
        OPT_EXPLAIN,
        OPT_SET,
        OPT_PROFILE,
        OPT_FORCE,
        OPT_MIN,
        OPT_REQUIRE_COVERAGE,
        OPT_GROUP_BY,
        OPT_COMPARE
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
        {"prune-baseline", no_argument, NULL, OPT_PRUNE_BASELINE},
        {"root", required_argument, NULL, OPT_ROOT},
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"dump", required_argument, NULL, OPT_DUMP},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"follow-outside", no_argument, NULL, OPT_FOLLOW_OUTSIDE},
        {"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY},
        {"explain", optional_argument, NULL, OPT_EXPLAIN},
        {"set", required_argument, NULL, OPT_SET},
        {"profile", required_argument, NULL, OPT_PROFILE},
        {"force", no_argument, NULL, OPT_FORCE},
        {"min", required_argument, NULL, OPT_MIN},
        {"require-coverage", no_argument, NULL, OPT_REQUIRE_COVERAGE},
        {"group-by", required_argument, NULL, OPT_GROUP_BY},
        {"compare", required_argument, NULL, OPT_COMPARE},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"require-complete", no_argument, NULL, OPT_REQUIRE_COMPLETE},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
        {"severity", required_argument, NULL, OPT_SEVERITY},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    struct given seen = {0};
    int ch, li;

    o->format = "text";
    /* Unset until the config file and the defaults are merged in. */
    o->fail_on = o->min_severity = o->strict = o->require_complete = -1;
    o->default_rules = 1;
    o->color = -1;
    o->min = -1;
    o->rules = calloc((size_t)argc + 1, sizeof(*o->rules));
    o->outputs = calloc((size_t)argc + 1, sizeof(*o->outputs));
    o->ignore = calloc((size_t)argc + 1, sizeof(*o->ignore));
    o->exclude = calloc((size_t)argc + 1, sizeof(*o->exclude));
    o->severity = calloc((size_t)argc + 1, sizeof(*o->severity));
    o->owned = calloc((size_t)argc + 1, sizeof(*o->owned));
    if (o->rules == NULL || o->outputs == NULL || o->ignore == NULL ||
        o->exclude == NULL || o->severity == NULL || o->owned == NULL ||
        (o->named = calloc((size_t)argc + 1, sizeof(*o->named))) == NULL)
        exit(AA_EXIT_INTERNAL);
    opterr = 0;
    while ((li = -1,
            ch = getopt_long(argc, argv, ":f:o:r:hV", longopts, &li)) != -1) {
        if (li >= 0)
            o->named[o->nnamed++] = longopts[li].name;
        else if (ch == 'f' || ch == 'o' || ch == 'r')
            o->named[o->nnamed++] = ch == 'f'   ? "format"
                                    : ch == 'o' ? "output"
                                                : "rules";
        switch (ch) {
        case 'f':
            /* mermaid and dot draw 'graph', checked once the command is
             * known. */
            if (!aa_render_exists(optarg) && !aa_portfolio_format(optarg) &&
                strcmp(optarg, "mermaid") != 0 && strcmp(optarg, "dot") != 0)
                usage_error("unknown format '%s'; expected %s", optarg,
                            aa_render_names());
            once(&seen.format, "--format", optarg);
            o->format = optarg;
            break;
        case OPT_FAIL_ON:
            once(&seen.fail_on, "--fail-on", optarg);
            if ((o->fail_on = parse_level(optarg)) < 0)
                usage_error("unknown level '%s' for --fail-on; expected "
                            "error, warning, info or never",
                            optarg);
            break;
        case OPT_MIN_SEVERITY:
            once(&seen.min_severity, "--min-severity", optarg);
            if ((o->min_severity = parse_level(optarg)) < 0 ||
                o->min_severity == FAIL_NEVER)
                usage_error("unknown level '%s' for --min-severity; expected "
                            "info, warning or error",
                            optarg);
            break;
        case 'o':
            /* FORMAT=PATH, or init's plan FILE: read once the command is
             * known, after the loop. */
            o->outputs[o->noutputs++].path = optarg;
            break;
        case OPT_PROFILE:
            once(&seen.profile, "--profile", optarg);
            o->profile = optarg;
            break;
        case OPT_FORCE:
            o->force = 1;
            break;
        case OPT_MIN: {
            unsigned long long n;
            int rc = aa_parse_count(optarg, LONG_MAX, &n);

            once(&seen.min, "--min", optarg);
            if (rc == -2)
                usage_error("--min '%s' is too large; the largest accepted "
                            "is %ld",
                            optarg, LONG_MAX);
            if (rc != 0)
                usage_error("--min takes a number of tests, got '%s'", optarg);
            o->min = (long)n;
            break;
        }
        case OPT_REQUIRE_COVERAGE:
            o->require_coverage = 1;
            break;
        case OPT_COMPARE:
            once(&seen.compare, "--compare", optarg);
            o->compare = optarg;
            break;
        case OPT_GROUP_BY:
            once(&seen.group_by, "--group-by", optarg);
            if (aa_scenario_group_label(optarg) == NULL)
                usage_error("--group-by %s: not a field a plan writes as "
                            "text, a boolean or a choice (docs/scenario.md "
                            "lists them)",
                            optarg);
            o->group_by = optarg;
            break;
        case OPT_IGNORE:
            o->ignore[o->nignore++] = optarg;
            break;
        case OPT_BASELINE:
            once(&seen.baseline, "--baseline", optarg);
            o->baseline = optarg;
            break;
        case OPT_NDJSON:
            o->ndjson = 1;
            break;
        case OPT_WRITE_BASELINE:
            once(&seen.write_baseline, "--write-baseline", optarg);
            o->write_baseline = optarg;
            break;
        case OPT_PRUNE_BASELINE:
            o->prune_baseline = 1;
            break;
        case OPT_ROOT:
            once(&seen.root, "--root", optarg);
            o->root = optarg;
            break;
        case 'r':
            o->rules[o->nrules++] = optarg;
            break;
        case OPT_NO_DEFAULT:
            o->default_rules = 0;
            break;
        case OPT_COLOR:
            once(&seen.color, "--color", optarg);
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
            if (strcmp(optarg, "scenario-schema") != 0 &&
                strcmp(optarg, "limits") != 0 &&
                strcmp(optarg, "rule-docs") != 0)
                usage_error("unknown value '%s' for --dump; expected "
                            "scenario-schema, limits or rule-docs",
                            optarg);
            once(&seen.dump, "--dump", optarg);
            o->dump = optarg;
            break;
        case OPT_LIMIT:
            /* Before anything is read: limits are fixed for the run. */
            limit_option(optarg);
            break;
        case OPT_FOLLOW_OUTSIDE:
            o->follow_outside = 1;
            break;
        case OPT_SARIF_CATEGORY:
            if (optarg[0] == '\0')
                usage_error("--sarif-category needs a category");
            once(&seen.category, "--sarif-category", optarg);
            o->category = optarg;
            break;
        case OPT_EXPLAIN:
            /* --explain=X is a file with scan, a rule otherwise; a bare
             * --explain takes its subject from the arguments (main). */
            if (optarg != NULL && optarg[0] == '\0')
                usage_error("--explain= needs a file or a rule");
            if (optarg != NULL)
                once(&seen.explain, "--explain", optarg);
            o->explain_flag = 1;
            if (optarg != NULL || o->explain == NULL)
                o->explain = optarg;
            break;
        case OPT_SET: {
            char *why;

            /* Checked against the contract now: no file is read for a
             * command line that cannot be right. */
            if (o->override == NULL &&
                (o->override = aa_override_new()) == NULL)
                exit(AA_EXIT_INTERNAL);
            if ((why = aa_override_add(o->override, optarg)) != NULL)
                usage_error("%s", why);
            break;
        }
        case OPT_STRICT:
            o->strict = 1;
            break;
        case OPT_REQUIRE_COMPLETE:
            o->require_complete = 1;
            break;
        case OPT_EXCLUDE:
            o->exclude[o->nexclude++] = optarg;
            break;
        case OPT_CONFIG:
            once(&seen.config, "--config", optarg);
            o->config = optarg;
            break;
        case OPT_NO_CONFIG:
            o->no_config = 1;
            break;
        case OPT_PRINT_CONFIG:
            o->print_config = 1;
            break;
        case OPT_SEVERITY: {
            struct aa_severity_override *sv = &o->severity[o->nseverity];
            char *eq = strrchr(optarg, '=');
            int l;

            if (eq == NULL || eq == optarg || (l = parse_level(eq + 1)) < 0 ||
                l == FAIL_NEVER)
                usage_error("--severity takes RULE=LEVEL with LEVEL info, "
                            "warning or error, got '%s'",
                            optarg);
            *eq = '\0';
            sv->rule = optarg;
            sv->severity = (enum aa_severity)l;
            o->nseverity++;
            break;
        }
        case 'h':
            o->help = 1; /* the command's help, once it is known */
            break;
        case 'V':
            o->dump = "version";
            break;
        case ':':
            usage_error("option '%s' needs an argument", argv[optind - 1]);
            break;
        default: {
            const char *arg = argv[optind - 1], *near, *eq;

            /* "--version=3": getopt names the option by its short letter,
             * which the user never wrote. */
            if (optopt != 0 && strncmp(arg, "--", 2) == 0 &&
                (eq = strchr(arg, '=')) != NULL)
                usage_error("option '%.*s' takes no value", (int)(eq - arg),
                            arg);
            if (optopt != 0 && optopt < 256)
                usage_error("unknown option '-%c'", optopt);
            if ((near = cli_suggest_option(arg)) != NULL)
                usage_error("unknown option '%s'; did you mean '--%s'?", arg,
                            near);
            usage_error("unknown option '%s'", arg);
            break;
        }
        }
    }
    severity_once(o);
    /* Either order: the file named would be ignored without a word, and
     * with it the gate it sets (fail-on, baselines). */
    if (o->config != NULL && o->no_config)
        usage_error("--config %s and --no-config contradict each other; give "
                    "one of them",
                    o->config);
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
    command(o);
    if (o->nfiles > 0 && strcmp(o->files[0], "init") == 0) {
        o->init = 1;
        if (o->noutputs > 1)
            usage_error("'init' writes one plan: give one -o FILE");
        o->init_path = o->noutputs == 1 ? o->outputs[0].path : NULL;
        /* '-' is standard output, where init writes without -o. */
        if (o->init_path != NULL && strcmp(o->init_path, "-") == 0)
            o->init_path = NULL;
        o->noutputs = 0;
        return;
    }
    if (o->nfiles > 0 && strcmp(o->files[0], "interview") == 0) {
        o->interview = 1;
        if (o->noutputs > 1)
            usage_error("'interview' writes one plan: give one -o PLAN.json");
        o->init_path = o->noutputs == 1 ? o->outputs[0].path : NULL;
        o->noutputs = 0;
        /* Standard output carries the questions and the advice. */
        if (o->init_path != NULL && strcmp(o->init_path, "-") == 0)
            usage_error("'interview' prints its advice on standard output; "
                        "-o names the plan file to write");
        if (o->profile != NULL)
            usage_error("--profile goes with 'init'");
        return;
    }
    if (o->profile != NULL || o->force)
        usage_error("%s goes with 'init'",
                    o->profile != NULL ? "--profile" : "--force");
    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];
        char *eq = strchr(out->path, '=');
        char *arg = (char *)out->path; /* a string of argv, writable */

        if (eq == NULL || eq == arg || eq[1] == '\0')
            usage_error("--output takes FORMAT=PATH, got '%s'", arg);
        *eq = '\0';
        if (!aa_render_exists(arg))
            usage_error("unknown format '%s' in --output; expected %s", arg,
                        aa_render_names());
        out->format = arg;
        out->path = eq + 1;
    }
}

static void
free_opts(struct cli_opts *o)
{
    free(o->rules);
    free(o->outputs);
    free(o->ignore);
    free(o->exclude);
    free(o->severity);
    free(o->tests);
    aa_config_free(o->cfg);
    aa_override_free(o->override);
    for (size_t i = 0; i < o->nowned; i++)
        free(o->owned[i]);
    free(o->owned);
    free(o->named);
}

/* Load and compile the rules; returns NULL after printing why. */
static struct aa_ruleset *
load_rules(const struct cli_opts *o, struct aa_diags *dl)
{
    struct aa_ruleset *rs;
    int bad = 0;

    /* The built-in rules alone come compiled with the binary. */
    if (o->default_rules && o->nrules == 0) {
        if ((rs = aa_ruleset_builtin(dl)) == NULL)
            aa_diags_print(dl, stderr);
        return rs;
    }
    if ((rs = aa_ruleset_new()) == NULL)
        exit(AA_EXIT_INTERNAL);
    if (o->default_rules && aa_rules_load_builtin(rs, dl) != 0)
        bad = 1;
    for (size_t i = 0; i < o->nrules; i++) {
        struct stat st;
        int rc;

        if (stat(o->rules[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = aa_rules_load_dir(rs, o->rules[i], dl);
        else if (aa_walk_check_input(o->rules[i], dl) != 0)
            rc = -1; /* a FIFO would block the read for ever */
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

/* What the commands of the knowledge base print. */
enum catalog { CAT_FACTS, CAT_RULE_LIST, CAT_RULE_PAGE, CAT_GRAPH };

/*
 * Print one of them: rendered into memory and written whole, so a write
 * error never leaves half a listing.  'arg' is the fact ID, the rule id
 * or the mechanism (NULL: all), 'format' the graph's.  When arg names
 * nothing, the error says "unknown NOUN 'arg'; HINT".  Returns the exit
 * status.
 */
static int
emit_catalog(const struct aa_ruleset *rs, enum catalog what, const char *arg,
             const char *format, const char *noun, const char *hint)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int rc = -1, status = AA_EXIT_OK;

    if (mem == NULL)
        return AA_EXIT_INTERNAL;
    switch (what) {
    case CAT_FACTS:
        rc = aa_facts_render(rs, arg, cli_width(stdout), mem) != 0 ? -2 : 0;
        break;
    case CAT_RULE_LIST:
        rc = aa_writer_rule_list(rs, cli_width(stdout), mem);
        break;
    case CAT_RULE_PAGE:
        rc = aa_writer_rule_page(rs, arg, mem);
        break;
    case CAT_GRAPH:
        rc = aa_writer_rule_graph(rs, arg, format, mem);
        break;
    }
    if (fclose(mem) != 0)
        rc = -1;
    if (rc == -2) {
        aa_message(stderr, "error: unknown %s '%s'; %s", noun, arg, hint);
        status = AA_EXIT_USAGE;
    } else if (rc != 0 || fwrite(buf, 1, len, stdout) != len ||
               fflush(stdout) != 0) {
        aa_message(stderr, "error: cannot write output");
        status = AA_EXIT_INTERNAL;
    }
    free(buf);
    return status;
}

/* Whether the run writes SARIF, to stdout or to a file. */
static int
writes_sarif(const struct cli_opts *o)
{
    if (strcmp(o->format, "sarif") == 0)
        return 1;
    for (size_t i = 0; i < o->noutputs; i++)
        if (strcmp(o->outputs[i].format, "sarif") == 0)
            return 1;
    return 0;
}

/* --color wins; then NO_COLOR (any non-empty value) turns colour off and
 * FORCE_COLOR (non-empty, not "0") turns it on; else only on a terminal
 * that says it can show it (TERM=dumb says it cannot, as Emacs' shell
 * buffers and some CI logs do).  Machine formats never get colour. */
static int
want_color(const struct cli_opts *o)
{
    const char *nc = getenv("NO_COLOR");
    const char *fc = getenv("FORCE_COLOR");
    const char *term = getenv("TERM");

    if (strcmp(o->format, "text") != 0)
        return 0;
    if (o->color >= 0)
        return o->color;
    if (nc != NULL && nc[0] != '\0')
        return 0;
    if (fc != NULL && fc[0] != '\0' && strcmp(fc, "0") != 0)
        return 1;
    if (term != NULL && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(STDOUT_FILENO);
}

/* A list that holds a's n items, then b's m (either may be empty). */
static void *
concat(const void *a, size_t n, const void *b, size_t m, size_t size)
{
    char *v = calloc(n + m + 1, size);

    if (v == NULL)
        exit(AA_EXIT_INTERNAL);
    if (n > 0)
        memcpy(v, a, n * size);
    if (m > 0)
        memcpy(v + n * size, b, m * size);
    return v;
}

static const char *
level_name(int l)
{
    static const char *const names[] = {"info", "warning", "error"};

    return l == FAIL_NEVER || l == 3 ? "never" : names[l];
}

/* A string of the config as YAML that reads back as the same string:
 * single-quoted when it is plain printable ASCII (a quote doubled), else
 * double-quoted with every control character, C1 control and bidi
 * control escaped, so a path from the config or the command line cannot
 * move the terminal's cursor or reorder what is shown. */
static int
plain_ascii(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
            return 0;
    return 1;
}

static void
put_scalar(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (plain_ascii(s)) {
        putchar('\'');
        for (; *s != '\0'; s++) {
            if (*s == '\'')
                putchar('\'');
            putchar(*s);
        }
        putchar('\'');
        return;
    }
    putchar('"');
    for (size_t i = 0; u[i] != '\0'; i++) {
        unsigned c = u[i];

        if (c == '"' || c == '\\') {
            printf("\\%c", c);
        } else if (c < 0x20 || c == 0x7f) {
            printf("\\x%02X", c);
        } else if (c == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
            printf("\\x%02X", u[++i]); /* C1: U+0080..U+009F */
        } else if (c == 0xE2 && u[i + 1] == 0x80 &&
                   ((u[i + 2] >= 0x8E && u[i + 2] <= 0x8F) ||
                    (u[i + 2] >= 0xAA && u[i + 2] <= 0xAE))) {
            printf("\\u20%02X", u[i + 2] - 0x80);
            i += 2; /* U+200E, U+200F, U+202A..U+202E */
        } else if (c == 0xE2 && u[i + 1] == 0x81 && u[i + 2] >= 0xA6 &&
                   u[i + 2] <= 0xA9) {
            printf("\\u20%02X", u[i + 2] - 0x81 + 0x41);
            i += 2; /* U+2066..U+2069 */
        } else {
            putchar((int)c);
        }
    }
    putchar('"');
}

/* A rule id as written, or quoted when it is more than an id's letters
 * (an --ignore names a rule that need not exist). */
static void
put_id(const char *s)
{
    if (s[0] != '\0' &&
        s[strspn(s, "abcdefghijklmnopqrstuvwxyz"
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")] == '\0')
        fputs(s, stdout);
    else
        put_scalar(s);
}

/* --print-config: the settings in force as a config file would write
 * them, each with where it comes from. */
static void
print_config(const struct cli_opts *o, const char *const from[6],
             size_t cfg_rules, size_t cfg_excludes, size_t cfg_ignores,
             size_t cli_severities)
{
    const struct aa_config_values *v = o->cfg ? aa_config_values(o->cfg) : NULL;

    printf("# attrib-advise %s: the settings in force\n", aa_version());
    fputs("# config file: ", stdout);
    if (v != NULL && plain_ascii(v->path))
        fputs(v->path, stdout);
    else if (v != NULL)
        put_scalar(v->path);
    else
        fputs("none", stdout);
    putchar('\n');
    printf("fail-on: %s  # %s\n", level_name(o->fail_on), from[0]);
    printf("min-severity: %s  # %s\n", level_name(o->min_severity), from[1]);
    printf("strict: %s  # %s\n", o->strict ? "true" : "false", from[2]);
    printf("require-complete: %s  # %s\n",
           o->require_complete ? "true" : "false", from[3]);
    fputs("root: ", stdout);
    put_scalar(o->root ? o->root : ".");
    printf("  # %s\n", from[5]);
    if (o->baseline != NULL) {
        printf("%s: ", o->scan ? "scan-baseline" : "baseline");
        put_scalar(o->baseline);
        printf("  # %s\n", from[4]);
    }
    printf("rules:%s\n", o->nrules == 0 ? " []" : "");
    for (size_t i = 0; i < o->nrules; i++) {
        fputs("  - ", stdout);
        put_scalar(o->rules[i]);
        printf("  # %s\n", i < cfg_rules ? "config file" : "command line");
    }
    printf("exclude:%s\n", o->nexclude == 0 ? " []" : "");
    for (size_t i = 0; i < o->nexclude; i++) {
        fputs("  - ", stdout);
        put_scalar(o->exclude[i]);
        printf("  # %s\n", i < cfg_excludes ? "config file" : "command line");
    }
    printf("ignore:%s\n", o->nignore == 0 ? " []" : "");
    for (size_t i = 0; i < o->nignore; i++) {
        fputs("  - ", stdout);
        put_id(o->ignore[i]);
        printf("  # %s\n",
               i < o->nignore - cfg_ignores ? "command line" : "config file");
    }
    printf("severity:%s\n", o->nseverity == 0 ? " {}" : "");
    for (size_t i = 0; i < o->nseverity; i++) {
        size_t j = 0;

        /* A config file's level that the command line overrides is not
         * in force, and listed beside it the printed file would give the
         * rule twice, which a config file may not.  (A scan per entry:
         * printed once, for lists a person typed.) */
        while (i >= cli_severities && j < cli_severities &&
               strcmp(o->severity[j].rule, o->severity[i].rule) != 0)
            j++;
        if (i >= cli_severities && j < cli_severities)
            continue;
        fputs("  ", stdout);
        put_id(o->severity[i].rule);
        printf(": %s  # %s\n", level_name((int)o->severity[i].severity),
               i < cli_severities ? "command line" : "config file");
    }
}

/* Find and read the config file, and merge it under the command line:
 * a flag wins over the file, the file over the default; lists add up
 * (the file's rules first, so a --rules file can replace one of them).
 * With --print-config, print the result and exit.  Exits 2 when the file
 * cannot be used: a config that is not understood must not weaken a
 * gate. */
static void
apply_config(struct cli_opts *o)
{
    const struct aa_config_values *v = NULL;
    const char *from[6] = {"default", "default", "default",
                           "default", "default", "default"};
    size_t cfg_rules = 0, cfg_excludes = 0, cfg_ignores = 0;
    size_t cli_severities = o->nseverity;
    char *found = NULL;

    if (!o->no_config &&
        (o->config != NULL || (found = aa_config_find(".")) != NULL)) {
        struct aa_diags *dl = aa_diags_new();
        struct stat st;

        if (dl == NULL)
            exit(AA_EXIT_INTERNAL);
        o->cfg = aa_config_load(o->config ? o->config : found, dl);
        aa_diags_print(dl, stderr);
        aa_diags_free(dl);
        if (o->cfg != NULL && stat(o->config ? o->config : found, &st) == 0) {
            o->cfg_dev = (unsigned long long)st.st_dev;
            o->cfg_ino = (unsigned long long)st.st_ino;
        }
        free(found);
        if (o->cfg == NULL)
            exit(AA_EXIT_USAGE);
        v = aa_config_values(o->cfg);
    }
    if (o->fail_on != -1)
        from[0] = "command line";
    else if (v != NULL && v->fail_on >= 0) {
        o->fail_on = v->fail_on == 3 ? FAIL_NEVER : v->fail_on;
        from[0] = v->path;
    } else
        o->fail_on = AA_SEV_ERROR;
    if (o->min_severity != -1)
        from[1] = "command line";
    else if (v != NULL && v->min_severity >= 0) {
        o->min_severity = v->min_severity;
        from[1] = v->path;
    } else
        o->min_severity = AA_SEV_INFO;
    if (o->strict != -1)
        from[2] = "command line";
    else if (v != NULL && v->strict >= 0) {
        o->strict = v->strict;
        from[2] = v->path;
    } else
        o->strict = 0;
    if (o->require_complete != -1)
        from[3] = "command line";
    else if (v != NULL && v->require_complete >= 0) {
        o->require_complete = v->require_complete;
        from[3] = v->path;
    } else
        o->require_complete = 0;
    if (v != NULL) {
        const char **rules, **exclude, **ignore;
        struct aa_severity_override *sev;

        rules =
            concat(v->rules, v->nrules, o->rules, o->nrules, sizeof(*rules));
        exclude = concat(v->exclude, v->nexclude, o->exclude, o->nexclude,
                         sizeof(*exclude));
        ignore = concat(o->ignore, o->nignore, v->ignore, v->nignore,
                        sizeof(*ignore));
        /* The command line's first: the first override of a rule wins. */
        sev = concat(o->severity, o->nseverity, v->severity, v->nseverity,
                     sizeof(*sev));
        free(o->rules);
        free(o->exclude);
        free(o->ignore);
        free(o->severity);
        o->rules = rules;
        o->exclude = exclude;
        o->ignore = ignore;
        o->severity = sev;
        cfg_rules = v->nrules;
        cfg_excludes = v->nexclude;
        cfg_ignores = v->nignore;
        o->nrules += v->nrules;
        o->nexclude += v->nexclude;
        o->nignore += v->nignore;
        o->nseverity += v->nseverity;
    }
    /* Plans and templates raise different findings: one file for both
     * would call each other's entries stale, and a prune from one command
     * would drop the other's. */
    if (o->baseline != NULL)
        from[4] = "command line";
    else if (v != NULL && (o->scan ? v->scan_baseline : v->baseline)) {
        o->baseline = o->scan ? v->scan_baseline : v->baseline;
        o->baseline_from_config = 1;
        from[4] = v->path;
    }
    /* The config file's folder is the root its paths and globs are
     * written against, unless --root says otherwise. */
    if (o->root != NULL)
        from[5] = "command line";
    else if (v != NULL) {
        o->root = v->dir;
        from[5] = v->path;
    }
    if (o->print_config) {
        print_config(o, from, cfg_rules, cfg_excludes, cfg_ignores,
                     cli_severities);
        free_opts(o);
        exit(stdout_status());
    }
}

static int
scan_format(const char *format)
{
    return strcmp(format, "markdown") != 0 && strcmp(format, "ndjson") != 0 &&
           strcmp(format, "summary") != 0;
}

/* Whether the command line names a folder or more than one file. */
/* Whether s can only be a rule id: the characters of one, and no file of
 * that name. */
static int
rule_like(const char *s)
{
    struct stat st;

    return s[0] != '\0' && strcmp(s, "-") != 0 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789._-") == strlen(s) &&
           stat(s, &st) != 0;
}

/* Drop argument i of the positional ones. */
static void
drop_file(struct cli_opts *o, size_t i)
{
    memmove(&o->files[i], &o->files[i + 1],
            (o->nfiles - i - 1) * sizeof(*o->files));
    o->nfiles--;
}

/* What --explain is about.  With scan, a file: --explain=FILE, or the
 * first path after 'scan' (scan --explain FILE [PATH]...).  Otherwise the
 * advice of one plan: every rule (--explain PLAN), or one rule
 * (--explain=RULE PLAN, or --explain RULE PLAN when RULE names no file,
 * as git tells a revision from a path). */
static void
explain_subject(struct cli_opts *o)
{
    if (o->nfiles > 0 && strcmp(o->files[0], "scan") == 0) {
        if (o->explain == NULL) {
            if (o->nfiles < 2)
                usage_error("--explain needs the file to explain: "
                            "attrib-advise scan --explain FILE [PATH]...");
            o->explain = o->files[1];
            drop_file(o, 1);
        }
        return;
    }
    if (o->nfiles > 0 && strcmp(o->files[0], "facts") != 0 &&
        strcmp(o->files[0], "rules") != 0 &&
        strcmp(o->files[0], "graph") != 0 && o->init == 0 &&
        o->interview == 0 && o->dump == NULL) {
        o->explain_advice = 1;
        o->explain_rule = o->explain;
        o->explain = NULL;
        if (o->explain_rule == NULL && o->nfiles > 1 &&
            rule_like(o->files[0])) {
            o->explain_rule = o->files[0];
            drop_file(o, 0);
        }
        return;
    }
    if (o->nfiles == 0 && o->override != NULL) {
        o->explain_advice = 1;
        o->explain_rule = o->explain;
        o->explain = NULL;
        return;
    }
    usage_error("--explain explains a plan's advice (attrib-advise --explain "
                "[RULE] PLAN) or a scanned file (attrib-advise scan "
                "--explain FILE [PATH]...)");
}

static int
several_plans(const struct cli_opts *o)
{
    struct stat st;

    if (o->nfiles == 0) /* the plan of --set alone */
        return 0;
    if (o->nfiles != 1)
        return 1;
    return strcmp(o->files[0], "-") != 0 && stat(o->files[0], &st) == 0 &&
           S_ISDIR(st.st_mode);
}

/* 'portfolio PATH...': what it reads and writes, checked before anything
 * is read. */
static void
portfolio_args(struct cli_opts *o)
{
    if (o->nfiles < 2)
        usage_error("'portfolio' needs at least one file or folder ('-' for "
                    "standard input)");
    if (!aa_portfolio_format(o->format))
        usage_error("'portfolio' writes text, json, markdown, csv or html, "
                    "not %s",
                    o->format);
    if (o->explain_flag)
        usage_error("--explain shows one plan; 'portfolio' sums up many");
    if (o->compare != NULL && strcmp(o->format, "text") != 0 &&
        strcmp(o->format, "json") != 0)
        usage_error("--compare shows what changed in text or json, not %s",
                    o->format);
    /* A summary that cannot be read is an input error (exit 3), as a
     * baseline's is: cli_portfolio reads it first. */
    if (o->compare != NULL && strcmp(o->compare, "-") == 0)
        usage_error("--compare reads a summary saved to a file; standard "
                    "input holds the plans");
    if (o->noutputs > 0 || o->write_baseline != NULL || o->prune_baseline)
        usage_error("'portfolio' writes its summary to standard output; it "
                    "takes no --output or baseline to write");
    o->portfolio = 1;
}

/* 'rules test PATH...': the test files and folders, before anything is
 * read.  A folder that holds a tests/ folder is a pack: its rule files
 * load as --rules would load them (once, if the config or --rules names
 * it too), and its tests are those of DIR/tests. */
static void
test_paths(struct cli_opts *o)
{
    const char **packs = calloc(o->nfiles + 1, sizeof(*packs));
    const char **rules;
    size_t npacks = 0;

    o->tests = calloc(o->nfiles + 1, sizeof(*o->tests));
    if (packs == NULL || o->tests == NULL)
        exit(AA_EXIT_INTERNAL);
    for (size_t i = 2; i < o->nfiles; i++) {
        const char *p = o->files[i];
        char *sub;
        struct stat st;
        size_t k = 0;

        if (stat(p, &st) != 0)
            usage_error("'%s' names nothing: %s", p, strerror(errno));
        o->tests[o->ntests++] = p;
        if (!S_ISDIR(st.st_mode))
            continue;
        sub = malloc(strlen(p) + sizeof("/tests"));
        if (sub == NULL)
            exit(AA_EXIT_INTERNAL);
        sprintf(sub, "%s%stests", p, p[strlen(p) - 1] == '/' ? "" : "/");
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(sub);
            continue;
        }
        o->owned[o->nowned++] = sub;
        o->tests[o->ntests - 1] = sub;
        while (k < o->nrules && !cli_same_file(o->rules[k], p))
            k++;
        if (k == o->nrules)
            packs[npacks++] = p;
    }
    rules = concat(o->rules, o->nrules, packs, npacks, sizeof(*rules));
    free(o->rules);
    free(packs);
    o->rules = rules;
    o->nrules += npacks;
}

/* The plan file of init and interview (-o): a name, in a folder that is
 * there (an interview would ask every question, then fail to keep the
 * answers); not a folder, which --force would not replace either, and not
 * a file already there without it. */
static void
check_plan_out(const struct cli_opts *o)
{
    const char *slash;
    struct stat st;

    if (o->init_path == NULL)
        return;
    if (o->init_path[0] == '\0')
        usage_error("-o names the plan file to write; it is empty");
    if ((slash = strrchr(o->init_path, '/')) != NULL && slash > o->init_path) {
        char *dir = strndup(o->init_path, (size_t)(slash - o->init_path));
        int there;

        if (dir == NULL)
            exit(AA_EXIT_INTERNAL);
        there = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
        if (!there)
            usage_error("%s: no folder %s to write the plan into", o->init_path,
                        dir);
        free(dir);
    }
    /* The pipe of the interview's answers, or any standard input: the
     * plan would go back into it, unread.  Before the folder's test,
     * which /dev does not pass for every user. */
    if (stat(o->init_path, &st) == 0 && cli_stdin_pipe(&st))
        usage_error("%s is the pipe this run's standard input reads; -o "
                    "names the plan file to write",
                    o->init_path);
    /* A folder that takes no new file: said before the first question,
     * as an --output's is before the first plan. */
    if (cli_check_writable(o->init_path) != 0)
        exit(AA_EXIT_INTERNAL);
    if (stat(o->init_path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode))
        usage_error("%s is a folder; -o names the plan file to write",
                    o->init_path);
    if (!o->force)
        usage_error("%s exists; give --force to replace it", o->init_path);
}

int
main(int argc, char **argv)
{
    struct cli_opts o;
    struct aa_diags *dl = NULL;
    struct aa_ruleset *rs = NULL;
    struct aa_render_opts ro = {.fail_on = AA_SEV_ERROR};
    struct aa_writer *w = NULL;
    struct aa_eval_opts eo;
    struct aa_baseline *base = NULL, *newbase = NULL;
    struct run run = {0};
    struct inputs in = {0};
    struct tally tally = {{0, 0, 0}, 0, 0, 0, 0};
    struct timespec t0;
    char *category = NULL, *links = NULL, today[16];
    struct pipeline pipeline = {0};
    int status = AA_EXIT_OK, walk_status = AA_EXIT_OK;

    cli_hold_std_fds();
    cli_map_image();
    memset(&o, 0, sizeof(o));
    memset(&eo, 0, sizeof(eo));
    parse_args(argc, argv, &o);
    if (o.dump != NULL && strcmp(o.dump, "limits") == 0) {
        /* The table of docs/security.md, which a test keeps in step. */
        fputs("| limit | default | bounds |\n|---|---|---|\n", stdout);
        for (int l = 0; l < AA_LIMIT_COUNT; l++)
            printf("| `%s` | %zu | %s |\n", aa_limit_name((enum aa_limit)l),
                   aa_limit_default((enum aa_limit)l),
                   aa_limit_doc((enum aa_limit)l));
        free_opts(&o);
        return stdout_status();
    }
    if (o.dump != NULL && strcmp(o.dump, "scenario-schema") == 0) {
        char *s = aa_scenario_schema();

        fputs(s, stdout);
        free(s);
        free_opts(&o);
        return stdout_status();
    }
    /* --version and --print-config answer for any command before its
     * operands are checked: "scan --print-config" shows the scan's
     * settings, "init --version" writes no plan. */
    if (o.print_config || (o.dump != NULL && strcmp(o.dump, "version") == 0)) {
        o.scan = o.command == CMD_SCAN;
        apply_config(&o); /* --print-config prints and exits there */
        if ((dl = aa_diags_new()) == NULL)
            return AA_EXIT_INTERNAL;
        rs = load_rules(&o, dl);
        aa_diags_print(dl, stderr);
        aa_diags_free(dl);
        if (rs == NULL) {
            free_opts(&o);
            return AA_EXIT_INPUT;
        }
        printf("attrib-advise %s\nknowledge as of %s (%zu rules)\n",
               aa_version(), aa_ruleset_knowledge_as_of(rs),
               aa_ruleset_rule_count(rs));
        aa_ruleset_free(rs);
        free_opts(&o);
        return stdout_status();
    }
    if (o.nfiles > 0 && strcmp(o.files[0], "portfolio") == 0)
        portfolio_args(&o);
    else if (o.group_by != NULL || o.compare != NULL)
        usage_error("%s goes with 'portfolio'",
                    o.group_by != NULL ? "--group-by" : "--compare");
    if (o.explain_flag)
        explain_subject(&o);
    if (o.nfiles > 0 && strcmp(o.files[0], "facts") == 0) {
        if (o.nfiles > 2)
            usage_error("'facts' takes at most one fact ID");
        o.facts = 1;
    }
    if (o.nfiles > 0 && strcmp(o.files[0], "graph") == 0) {
        if (o.nfiles > 2)
            usage_error("'graph' takes at most one mechanism");
        if (strcmp(o.format, "text") == 0)
            o.format = "mermaid";
        else if (strcmp(o.format, "mermaid") != 0 &&
                 strcmp(o.format, "dot") != 0)
            usage_error("'graph' draws mermaid or dot, not %s", o.format);
        o.graph = 1;
        o.facts = 1;
    } else if (strcmp(o.format, "mermaid") == 0 ||
               strcmp(o.format, "dot") == 0) {
        usage_error("--format %s goes with 'graph'", o.format);
    }
    if (!o.portfolio && !aa_render_exists(o.format) &&
        aa_portfolio_format(o.format)) {
        usage_error("--format %s goes with 'portfolio'", o.format);
    }
    if (o.nfiles > 0 && strcmp(o.files[0], "rules") == 0) {
        if (o.nfiles == 2 && strcmp(o.files[1], "list") == 0)
            o.rules_cmd = "list";
        else if (o.nfiles == 3 && strcmp(o.files[1], "show") == 0)
            o.rules_cmd = "show";
        else if (o.nfiles == 3 && strcmp(o.files[1], "check") == 0) {
            /* Loaded as --rules DIR is: every error is said there. */
            o.rules_cmd = "check";
            o.rules[o.nrules++] = o.files[2];
        } else if (o.nfiles >= 3 && strcmp(o.files[1], "test") == 0) {
            o.rules_cmd = "test";
            if (strcmp(o.format, "text") != 0 && strcmp(o.format, "json") != 0)
                usage_error("'rules test' writes text or json, not %s",
                            o.format);
        } else
            usage_error("'rules' takes 'list', 'show' and a rule id, "
                        "'check' and a rule file or folder, or 'test' and "
                        "test files or folders");
        /* Listings are text: --format json printed text all the same. */
        if (strcmp(o.rules_cmd, "test") != 0 && strcmp(o.format, "text") != 0)
            usage_error("'rules %s' writes text only, not %s (json is for "
                        "'rules test')",
                        o.rules_cmd, o.format);
        o.facts = 1;
    }
    if (o.nfiles > 0 && strcmp(o.files[0], "facts") == 0 &&
        strcmp(o.format, "text") != 0)
        usage_error("'facts' writes text only, not %s", o.format);
    if ((o.min >= 0 || o.require_coverage) &&
        (o.rules_cmd == NULL || strcmp(o.rules_cmd, "test") != 0))
        usage_error("%s goes with 'rules test'",
                    o.min >= 0 ? "--min" : "--require-coverage");
    if (o.nfiles > 0 && strcmp(o.files[0], "why-not") == 0) {
        static char mech[8];
        char word[12];
        size_t n = 0;

        if (o.nfiles != 3)
            usage_error("'why-not' takes a mechanism and one plan: "
                        "attrib-advise why-not MECHANISM PLAN");
        for (const char *p = o.files[1]; *p != '\0' && n + 1 < sizeof(mech);
             p++)
            mech[n++] = (char)toupper((unsigned char)*p);
        mech[n] = '\0';
        snprintf(word, sizeof(word), " %s ", mech);
        if (strlen(o.files[1]) >= sizeof(mech) ||
            strstr(" CSP DPOR PAL CUA CPOR MBS PRACR ", word) == NULL)
            usage_error("unknown mechanism '%s'; expected CSP, DPOR, PAL, "
                        "CUA, CPOR, MBS or PRACR",
                        o.files[1]);
        if (strcmp(o.format, "text") != 0 && strcmp(o.format, "json") != 0)
            usage_error("'why-not' writes text or json, not %s", o.format);
        if (o.noutputs > 0 || o.write_baseline != NULL || o.prune_baseline ||
            o.ndjson)
            usage_error("'why-not' reads one plan and writes its answer to "
                        "standard output; no --output, baseline or "
                        "--ndjson");
        o.why_not = mech;
    }
    if (o.nfiles > 0 && strcmp(o.files[0], "scan") == 0) {
        if (o.nfiles < 2 && o.explain == NULL)
            usage_error("'scan' needs at least one file or folder");
        if (o.explain != NULL && strcmp(o.format, "text") != 0 &&
            strcmp(o.format, "json") != 0)
            usage_error("--explain writes text or json, not %s", o.format);
        if (o.explain != NULL &&
            (o.noutputs > 0 || o.write_baseline != NULL || o.prune_baseline))
            usage_error("--explain shows one file; it writes no --output "
                        "or baseline");
        /* Scan reports are per file, not advice: no plan-shaped formats. */
        if (!scan_format(o.format))
            usage_error("'scan' writes text, json, sarif, junit, github, "
                        "azure-pipelines or codequality, not %s",
                        o.format);
        for (size_t i = 0; i < o.noutputs; i++)
            if (!scan_format(o.outputs[i].format))
                usage_error("'scan' writes text, json, sarif, junit, github, "
                            "azure-pipelines or codequality, not %s "
                            "(--output)",
                            o.outputs[i].format);
        if (o.ndjson)
            usage_error("'scan' takes no --ndjson");
        o.scan = 1;
    }
    if (o.explain_advice) {
        if (strcmp(o.format, "text") != 0 && strcmp(o.format, "json") != 0)
            usage_error("--explain writes text or json, not %s", o.format);
        if (o.noutputs > 0 || o.write_baseline != NULL || o.prune_baseline)
            usage_error("--explain shows one plan; it writes no --output "
                        "or baseline");
        if (o.ndjson || several_plans(&o))
            usage_error("--explain shows the advice of one plan; give one "
                        "plan file");
    }
    if (o.init) {
        size_t i = 0;

        if (o.nfiles > 1)
            usage_error("'init' takes no file; name the plan to write with "
                        "-o FILE");
        if (o.override != NULL)
            usage_error("--set gives fields of a plan to advise; 'init' "
                        "writes a plan to fill in");
        while (o.profile != NULL && aa_init_profile_name(i) != NULL &&
               strcmp(aa_init_profile_name(i), o.profile) != 0)
            i++;
        if (o.profile != NULL && aa_init_profile_name(i) == NULL)
            usage_error("unknown profile '%s'; expected %s", o.profile,
                        profile_names());
        /* Said before the rules are read; cli_init checks again when the
         * file is put in place. */
        check_plan_out(&o);
    }
    if (o.interview) {
        struct stat st;

        if (o.nfiles > 2)
            usage_error("'interview' takes at most one plan FILE to start "
                        "from");
        if (o.nfiles == 2 &&
            (strcmp(o.files[1], "-") == 0 || stat(o.files[1], &st) != 0 ||
             !S_ISREG(st.st_mode)))
            usage_error("'interview' starts from a plan file, and '%s' is "
                        "none (standard input holds the answers)",
                        o.files[1]);
        if (o.override != NULL)
            usage_error("--set gives fields of a plan to advise; in an "
                        "interview, answer them, or start from a FILE that "
                        "holds them");
        if (strcmp(o.format, "text") != 0)
            usage_error("'interview' talks in text; its plan is -o "
                        "PLAN.json");
        check_plan_out(&o);
    }
    if (o.override != NULL && (o.scan || o.facts))
        usage_error("--set gives fields of a plan; '%s' reads none",
                    cli_command_name(o.command));
    if (o.override != NULL && o.ndjson && o.nfiles == 0)
        usage_error("--ndjson reads its plans from FILE; give one ('-' for "
                    "standard input)");
    if (o.dump != NULL && strcmp(o.dump, "rule-docs") == 0 && o.nfiles != 1)
        usage_error("--dump=rule-docs needs the folder to write the pages "
                    "into");
    /* Those with a message of their own are said above. */
    check_named(&o);
    /* As for plans: a rule path that names nothing is a usage error (the
     * config file's own are said by the config's reader). */
    for (size_t i = 0; i < o.nrules; i++) {
        struct stat st;

        if (stat(o.rules[i], &st) != 0 && errno == ENOENT)
            usage_error("'%s' names nothing: %s", o.rules[i], strerror(errno));
    }
    apply_config(&o);
    if (o.rules_cmd != NULL && strcmp(o.rules_cmd, "test") == 0)
        test_paths(&o);
    if (o.dump == NULL && o.nfiles == 0 && o.override == NULL)
        usage_error("no scenario file given (use '-' for standard input, "
                    "or give fields with --set)");
    if (o.prune_baseline && o.baseline == NULL)
        usage_error("--prune-baseline rewrites the --baseline FILE; give one");
    if (o.prune_baseline && o.write_baseline != NULL)
        usage_error("--prune-baseline and --write-baseline both rewrite a "
                    "baseline; give one of them");
    /* Code scanning reads an id ending in '/' as a category, as the
     * upload-sarif action writes its 'category' input. */
    if (o.category != NULL && o.category[strlen(o.category) - 1] != '/') {
        if ((category = malloc(strlen(o.category) + 2)) == NULL)
            return AA_EXIT_INTERNAL;
        sprintf(category, "%s/", o.category);
        o.category = category;
    }
    if (o.dump == NULL && !o.facts && !o.init && !o.interview) {
        char *why = cli_enter_root(&o, o.scan || o.portfolio ? 1
                                       : o.why_not != NULL   ? 2
                                                             : 0);

        if (why != NULL)
            usage_error("%s", why);
    }
    aa_walk_follow_outside(o.follow_outside);
    aa_artifacts_confine(o.follow_outside ? AA_CONFINE_OFF
                         : o.rules_cmd != NULL &&
                                 strcmp(o.rules_cmd, "test") == 0
                             ? AA_CONFINE_PLAN_FOLDER
                             : AA_CONFINE_ROOT);
    for (size_t i = 0; i < o.nexclude; i++)
        if (strlen(o.exclude[i]) > AA_WALK_GLOB_MAX)
            usage_error("--exclude '%.40s...': a pattern longer than %d "
                        "bytes",
                        o.exclude[i], AA_WALK_GLOB_MAX);
        else if (aa_walk_exclude(o.exclude[i]) != 0)
            usage_error("--exclude '%s' names nothing", o.exclude[i]);
    /* At the root, the way .gitignore is: the run has entered it. */
    if (!o.facts && !o.init && !o.interview && o.dump == NULL &&
        cli_read_ignore_file(".attrib-advise-ignore") != 0)
        return AA_EXIT_USAGE;
    cli_catch_signals();
    if (o.dump == NULL && !o.facts && !o.init && !o.interview) {
        struct inputs named = {0};
        char *why;

        named.v = o.files + 1;
        named.n = o.nfiles - 1;

        /* Before anything is read or written: an output that names an
         * input is a mistake on the command line, not a run.  A scan's
         * folders are walked as they are scanned. */
        if (o.why_not != NULL) {
            struct stat st;

            if (strcmp(o.files[2], "-") != 0 && stat(o.files[2], &st) != 0)
                usage_error("%s: no such file", o.files[2]);
            named.v = o.files + 2;
            named.n = 1;
        } else if (o.portfolio) {
            walk_status = cli_expand_inputs(o.files + 1, o.nfiles - 1, &in);
        } else if (!o.scan) {
            walk_status = cli_expand_inputs(o.files, o.nfiles, &in);
        }
        if (walk_status == AA_EXIT_USAGE) {
            status = AA_EXIT_USAGE; /* said which; nothing was read */
            goto out;
        }
        if ((why = cli_check_outputs(
                 &o, o.scan || o.why_not != NULL ? &named : &in)) != NULL)
            usage_error("%s", why);
    }
    if ((dl = aa_diags_new()) == NULL)
        return AA_EXIT_INTERNAL;
    if ((rs = load_rules(&o, dl)) == NULL) {
        status = AA_EXIT_INPUT;
        goto out;
    }
    if (o.dump != NULL && strcmp(o.dump, "rule-docs") == 0) {
        status = cli_rule_docs(rs, o.files[0]);
        goto out;
    }
    if (o.init) {
        status = cli_init(&o, rs);
        goto out;
    }
    if (o.interview) {
        status = cli_interview(&o, rs, want_color(&o));
        goto out;
    }
    if (o.command == CMD_COMPLETION) {
        /* A write that fails is said at the end, as for every output. */
        status = cli_completion(o.files[1], rs, stdout);
        goto out;
    }
    if (o.graph) {
        status = emit_catalog(rs, CAT_GRAPH, o.nfiles == 2 ? o.files[1] : NULL,
                              o.format, "mechanism",
                              "expected CSP, DPOR, PAL, CUA, CPOR, MBS, PRACR "
                              "or GEN");
        goto out;
    }
    if (o.rules_cmd != NULL && strcmp(o.rules_cmd, "test") == 0) {
        status = cli_rules_test(&o, rs);
        goto out;
    }
    if (o.rules_cmd != NULL && strcmp(o.rules_cmd, "check") == 0) {
        /* A rule that can never fire is a defect, as a finding is. */
        if (aa_rules_lint(rs, cli_width(stdout), stdout) > 0)
            status = AA_EXIT_FINDINGS;
        if (fflush(stdout) != 0)
            status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (o.rules_cmd != NULL) {
        int list = strcmp(o.rules_cmd, "list") == 0;

        status = emit_catalog(rs, list ? CAT_RULE_LIST : CAT_RULE_PAGE,
                              list ? NULL : o.files[2], NULL, "rule id",
                              "'attrib-advise rules list' lists them");
        /* The page as published, where SARIF's helpUri points. */
        if (!list && status == AA_EXIT_OK &&
            aa_ruleset_rule_builtin(rs, o.files[2]) &&
            printf("\nOnline: %s/blob/main/docs/rules/%s.md\n", aa_homepage(),
                   o.files[2]) < 0)
            status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (o.facts) {
        status =
            emit_catalog(rs, CAT_FACTS, o.nfiles == 2 ? o.files[1] : NULL, NULL,
                         "fact ID", "'attrib-advise facts' lists them");
        goto out;
    }
    if (o.category == NULL) {
        const char *problem;

        /* In Azure Pipelines a SARIF run names the pipeline run. */
        if (cli_pipeline_detect(&pipeline, &problem) > 0) {
            o.category = pipeline.id;
            ro.run_properties = pipeline.props;
        } else if (problem != NULL && writes_sarif(&o)) {
            aa_message(stderr,
                       "warning: TF_BUILD says this is an Azure Pipelines "
                       "run, but %s is unset or malformed; the SARIF does not "
                       "name the pipeline run, which GitHub Advanced Security "
                       "for Azure DevOps requires",
                       problem);
        }
    }
    /* A gate that cannot act must not pass in silence: without the
     * built-in rules, the rules these flags raise may be missing, or
     * there may be none, and every mechanism would read "not applicable"
     * with exit 0 whatever the plan says. */
    if (aa_ruleset_rule_count(rs) == 0)
        usage_error("this run has no rules (--no-default-rules, and none "
                    "in the rule files given), so it would decide nothing "
                    "and report nothing: give --rules a file with rules, "
                    "or drop --no-default-rules");
    if (o.strict && !aa_ruleset_has_detector(rs, "unknown_key"))
        usage_error("--strict (or a config's 'strict: true') raises the "
                    "findings of the rule with 'detect: unknown_key' "
                    "(input.unknown-key), and the rules of this run have "
                    "none: add one to your rules, or drop --no-default-rules");
    if (o.require_complete && !aa_ruleset_has_detector(rs, "incomplete"))
        usage_error("--require-complete (or a config's 'require-complete: "
                    "true') reports through the rule with 'detect: "
                    "incomplete' (input.incomplete), and the rules of this "
                    "run have none: add one to your rules, or drop "
                    "--no-default-rules");
    eo.ignore = o.ignore;
    eo.nignore = o.nignore;
    eo.strict = o.strict;
    eo.require_complete = o.require_complete;
    /* The date the run takes for today (suppression expiry, the
     * knowledge's age): the clock's, unless a reproducible report or a
     * test fixes it. */
    eo.today = getenv("ATTRIB_ADVISE_TODAY");
    if (eo.today != NULL && !aa_date_valid(eo.today))
        usage_error("ATTRIB_ADVISE_TODAY=%s: expected a date YYYY-MM-DD",
                    eo.today);
    if (eo.today == NULL) {
        /* Read once: every plan of a batch is judged on the day the run
         * started, even when the run goes past midnight. */
        aa_date_today(today);
        eo.today = today;
    }
    eo.severity = o.severity;
    eo.nseverity = o.nseverity;
    /* The config's rule ids, with their places in the file, first. */
    if (o.cfg != NULL && aa_config_check_rules(o.cfg, rs, dl) != 0) {
        aa_diags_print(dl, stderr);
        status = AA_EXIT_USAGE;
        goto out;
    }
    if (o.explain_rule != NULL && !aa_ruleset_has_rule(rs, o.explain_rule))
        usage_error("--explain %s: no such rule ('attrib-advise rules list' "
                    "lists them)",
                    o.explain_rule);
    for (size_t i = 0; i < o.nignore; i++)
        if (!aa_ruleset_has_rule(rs, o.ignore[i]))
            usage_error("--ignore %s: no such rule", o.ignore[i]);
    for (size_t i = 0; i < o.nseverity; i++)
        if (!aa_ruleset_has_rule(rs, o.severity[i].rule))
            usage_error("--severity %s: no such rule", o.severity[i].rule);
        else if (!aa_ruleset_rule_has_finding(rs, o.severity[i].rule))
            usage_error("--severity %s: the rule reports no finding, so it "
                        "has no level to set",
                        o.severity[i].rule);
    /* why-not takes no baseline: the config's, missing or broken, is not
     * its business. */
    if (o.why_not != NULL) {
        status = cli_why_not(&o, rs);
        goto out;
    }
    /* A config names its baselines before the first is written; a missing
     * one baselines nothing, so the gate can only be stricter for it. */
    if (o.baseline != NULL && o.baseline_from_config && !o.prune_baseline &&
        access(o.baseline, F_OK) != 0 && errno == ENOENT) {
        aa_message(stderr,
                   "note: %s (from the config file) does not exist yet, so "
                   "no finding is baselined; write it with --write-baseline "
                   "%s",
                   o.baseline, o.baseline);
        o.baseline = NULL;
    }
    if (o.baseline != NULL) {
        if (aa_walk_check_input(o.baseline, dl) != 0 ||
            (base = aa_baseline_load(o.baseline, dl)) == NULL) {
            aa_diags_print(dl, stderr);
            status = AA_EXIT_INPUT;
            goto out;
        }
        eo.baseline = base;
    }
    if (o.write_baseline != NULL)
        newbase = aa_baseline_new();
    if (o.portfolio) {
        status = cli_portfolio(&o, rs, &eo, &in, walk_status);
        status = cli_finish_baselines(&o, base, NULL, status, NULL);
        goto out;
    }
    ro.width = cli_width(stdout);
    if (o.scan) {
        ro.color = want_color(&o);
        ro.min_severity = o.min_severity;
        ro.fail_on = o.fail_on;
        ro.category = o.category ? o.category : "attrib-advise/scan/";
        status = cli_scan(&o, rs, &eo, &ro, newbase);
        /* A usage error writes no baseline either. */
        if (status != AA_EXIT_USAGE)
            status = cli_finish_baselines(&o, base, newbase, status, NULL);
        goto out;
    }
    ro.color = want_color(&o);
    /* Where colour goes, a terminal reads it: rule ids link to their
     * pages, as SARIF's helpUri does. */
    if (ro.color) {
        size_t n = strlen(aa_homepage()) + sizeof("/blob/main/docs/rules");

        if ((links = malloc(n)) == NULL)
            return AA_EXIT_INTERNAL;
        snprintf(links, n, "%s/blob/main/docs/rules", aa_homepage());
        ro.links = links;
    }
    ro.min_severity = o.min_severity;
    ro.fail_on = o.fail_on;
    ro.category = o.category;
    /* NDJSON in, NDJSON out: one advice object per line. */
    ro.compact = o.ndjson && strcmp(o.format, "json") == 0;
    /* JSON over several plans is one document; what counts is what was
     * asked for (a folder, several files), not what a folder held, so a
     * script reads one shape for one command line. */
    ro.several = !o.ndjson && several_plans(&o);
    ro.batch = o.ndjson;
    if ((w = aa_writer_new(o.format, rs, &ro, stdout)) == NULL) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (cli_open_outputs(&o, rs, &ro) != 0) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run.o = &o;
    run.rs = rs;
    run.eo = &eo;
    run.w = w;
    run.tally = &tally;
    run.newbase = newbase;
    run.brief = strcmp(o.format, "summary") == 0 && o.noutputs == 0 &&
                newbase == NULL && eo.baseline == NULL && !o.explain_advice;
    run.status = walk_status;
    for (size_t i = 0; i < in.n; i++)
        cli_advise_input(&run, &in, i);
    if (o.nfiles == 0)
        cli_advise_set(&run);
    status = cli_inputs_status(&run);
    if (run.clash)
        status = AA_EXIT_USAGE; /* said, as the run stopped */
    if ((run.scenarios == 0 || run.clash) && status == AA_EXIT_USAGE) {
        /* No plan at all (blank --ndjson lines, only files that are not
         * plans): a usage error writes no report, on stdout or with -o. */
        aa_writer_discard(w);
        w = NULL;
        (void)cli_close_outputs(&o, status, -1);
        goto out;
    }
    if (aa_writer_finish(w, status) != 0 && status != AA_EXIT_INTERNAL) {
        aa_message(stderr, "error: cannot write output: %s", strerror(errno));
        status = AA_EXIT_INTERNAL;
    }
    w = NULL;
    if (cli_close_outputs(&o, status, status != AA_EXIT_INTERNAL) != 0)
        status = AA_EXIT_INTERNAL;
    status = cli_finish_baselines(&o, base, newbase, status, &tally.stale);
    tally.baselined = base != NULL;
    if (run.scenarios > 1 && strcmp(o.format, "text") == 0)
        cli_summary(&tally, run.scenarios, &t0);
out:
    (void)!aa_writer_finish(w, status); /* only after an internal error */
    (void)!cli_close_outputs(&o, status, 0);
    if (aa_texts_cut() > 0) {
        char lim[32];

        aa_message(
            stderr,
            "note: %zu rule text%s cut at %s (--limit "
            "text-size=N)",
            aa_texts_cut(), aa_texts_cut() == 1 ? " was" : "s were",
            aa_limit_size_text(lim, sizeof(lim), aa_limit(AA_LIMIT_TEXT_SIZE)));
    }
    cli_inputs_fini(&in);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    free_opts(&o);
    aa_baseline_free(base);
    aa_baseline_free(newbase);
    free(category);
    free(links);
    cli_pipeline_free(&pipeline);
    /* A write that failed earlier said so already (status 4). */
    if (status != AA_EXIT_INTERNAL && stdout_status() != AA_EXIT_OK)
        status = AA_EXIT_INTERNAL;
    return status;
}
