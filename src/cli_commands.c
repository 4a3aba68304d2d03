/*
 * cli_commands.c -- the commands and options of the command line, as
 * tables: the help of the program and of each command, "did you mean"
 * for a mistyped command or option, and the completion scripts of bash,
 * zsh and fish are all made from them, so none can name a command or
 * flag the parser does not take.
 */
/* TIOCGWINSZ is not POSIX: the terminal's width, when there is one. */
#define _DEFAULT_SOURCE

#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    C_ADVISE = 1u << CMD_ADVISE,
    C_SCAN = 1u << CMD_SCAN,
    C_FACTS = 1u << CMD_FACTS,
    C_RULES = 1u << CMD_RULES,
    C_GRAPH = 1u << CMD_GRAPH,
    C_WHYNOT = 1u << CMD_WHY_NOT,
    C_PORTFOLIO = 1u << CMD_PORTFOLIO,
    C_INIT = 1u << CMD_INIT,
    C_INTERVIEW = 1u << CMD_INTERVIEW,
    C_COMPLETION = 1u << CMD_COMPLETION,
    C_HELP = 1u << CMD_HELP,
    /* Those that read plans, and those that load the rules. */
    C_PLANS = C_ADVISE | C_WHYNOT | C_PORTFOLIO,
    C_RULESET = C_PLANS | C_SCAN | C_FACTS | C_RULES | C_GRAPH | C_INIT |
                C_INTERVIEW | C_COMPLETION,
    C_ALL = 0xffffu
};

struct command {
    const char *name;
    const char *usage;   /* after "Usage: attrib-advise ", a line each */
    const char *summary; /* one line of the command list */
    const char *about;   /* the help's paragraph, wrapped at 80 */
    const char *args;    /* completion: what the words after it are */
};

/* In the order the help lists them; indexed by enum cli_command. */
static const struct command commands[CMD_COUNT] = {
    [CMD_ADVISE] =
        {"advise",
         "[advise] [OPTION]... FILE|DIR...\n"
         "[advise] [OPTION]... --set POINTER=VALUE...\n"
         "[advise] [OPTION]... --explain [RULE] FILE",
         "advise on plans: a verdict per mechanism (the default command)",
         "Advise how a partner gets recognised for the Azure, Modern Work "
         "and\nDynamics 365 consumption it influences: a verdict for each of "
         "CSP, DPOR,\nPAL, CUA, CPOR, MBS and PRACR, with reasons, actions "
         "and findings.\nFILE is a scenario (JSON, contract v1); '-' reads "
         "standard input; a DIR\nadds every *.json below it, in path order "
         "(a JSON file with no field of\nthe contract, such as an ARM "
         "template, a package.json or a report or\nbaseline of this tool, is "
         "skipped with a note).\n'advise' is the default: 'attrib-advise "
         "plan.json' advises on plan.json.",
         "files"},
    [CMD_SCAN] = {"scan",
                  "scan [OPTION]... FILE|DIR...\n"
                  "scan [OPTION]... --explain=FILE [FILE|DIR]...",
                  "check deployment code for Customer Usage Attribution",
                  "Check deployment code (ARM, Bicep, Terraform, scripts) for "
                  "Customer Usage\nAttribution and give each file a status, "
                  "with its findings.  --explain=FILE\nshows the chain behind "
                  "one file's status instead of the report.",
                  "files"},
    [CMD_FACTS] = {"facts", "facts [OPTION]... [ID]",
                   "list the knowledge base, or show one fact",
                   "List the facts the rules rest on; 'facts ID' shows one "
                   "fact, its sources\nand the rules that cite it.",
                   "facts"},
    [CMD_RULES] =
        {"rules",
         "rules [OPTION]... list\n"
         "rules [OPTION]... show ID\n"
         "rules [OPTION]... check PATH\n"
         "rules [OPTION]... test PATH...",
         "list, show, check or test decision rules",
         "'rules list' lists the rules; 'rules show ID' prints one "
         "rule's page (what\nit checks, what to do, the facts behind "
         "it).  'rules check PATH' loads a\nrule file or folder, says "
         "every error with its place, and notes rules that\nreplace "
         "built-in ones, lists no rule reads and the levels its "
         "'severity'\nentries set.  'rules test PATH...' runs rule "
         "tests, YAML files of plans and\nwhat the advice on each "
         "must say (a folder of them, or a pack: a folder of\nrule "
         "files with its tests in tests/), and reports each failure, "
         "a summary\nand the coverage of the rules.",
         "rules"},
    [CMD_GRAPH] = {"graph", "graph [OPTION]... [MECHANISM]",
                   "draw which plan fields each rule reads",
                   "Draw which plan fields each rule reads and what it gives "
                   "each mechanism,\nas Mermaid (default) or, with --format "
                   "dot, Graphviz DOT.",
                   "mechanisms"},
    [CMD_WHY_NOT] = {"why-not", "why-not [OPTION]... MECHANISM FILE",
                     "find the fewest changes that make a mechanism "
                     "recommended",
                     "Find the fewest changes to the plan FILE that make "
                     "MECHANISM recommended,\nby running the rules on changed "
                     "copies of it.  Exits 0 when it finds them\n(or the "
                     "mechanism is recommended already), 1 when no change "
                     "within reach\ndoes it.",
                     "mechanisms"},
    [CMD_PORTFOLIO] = {"portfolio", "portfolio [OPTION]... FILE|DIR...",
                       "sum up the advice over many plans",
                       "Advise every plan given and print one summary (text, "
                       "json, markdown, csv\nor html): verdicts per mechanism, "
                       "mechanisms not in place yet, the\ninformation most "
                       "often missing, the most frequent findings and the\n"
                       "actions that would move the most plans.",
                       "files"},
    [CMD_INIT] = {"init", "init [--profile PROFILE] [-o FILE] [--force]",
                  "write a starting plan for a partner profile",
                  "Write a starting plan for a PROFILE (msp, isv, si, csp, "
                  "saas, licensing)\nto FILE or standard output, with "
                  "\"$schema\" for editors and the questions\nto answer as "
                  "\"$comment\" notes; FILE is never replaced without "
                  "--force.",
                  ""},
    [CMD_INTERVIEW] = {"interview", "interview [FILE] [-o PLAN.json] [--force]",
                       "build a plan by answering questions",
                       "Ask, one question at a time, what the advice still "
                       "needs (from FILE's\nanswers on, if given), reading one "
                       "answer a line from standard input;\nthen print the "
                       "advice, write the plan to PLAN.json (never replaced\n"
                       "without --force) and offer to save a Markdown report.  "
                       "Exits 0 when it\nends, by the last question, q or the "
                       "end of its input.",
                       "files"},
    [CMD_COMPLETION] = {"completion", "completion bash|zsh|fish",
                        "print a shell completion script",
                        "Print the completion script of a shell: commands, "
                        "options, formats,\nmechanisms, rule ids and fact ids. "
                        " For bash: source <(attrib-advise\ncompletion bash); "
                        "installed ones load by themselves.",
                        "shells"},
    [CMD_HELP] = {"help", "help [COMMAND]",
                  "show the help of the program or of one command",
                  "Show the help of the program, or of COMMAND: its usage, "
                  "what it does and\nthe options it takes.",
                  "commands"},
};

/* Every option of the parser (main.c's longopts name the same ones: a
 * test compares them), with the commands it goes with.  'help' is the
 * text after the option's column, wrapped at 80. */
struct option_doc {
    const char *name;
    char letter;        /* short form, or 0 */
    const char *arg;    /* "FILE", "[RULE]" (optional), NULL: none */
    const char *values; /* completion: words the argument takes */
    unsigned cmds;
    const char *help;
};

static const struct option_doc options[] = {
    {"format", 'f', "FORMAT", "@formats",
     C_ADVISE | C_SCAN | C_FACTS | C_RULES | C_GRAPH | C_WHYNOT | C_PORTFOLIO,
     NULL /* formats() writes it */},
    {"fail-on", 0, "LEVEL", "error warning info never",
     C_ADVISE | C_SCAN | C_PORTFOLIO,
     "exit 1 when a finding is at or above LEVEL:\n"
     "error (default), warning, info, never"},
    {"min-severity", 0, "LEVEL", "info warning error",
     C_ADVISE | C_SCAN | C_PORTFOLIO,
     "show only findings at or above LEVEL: info\n(default), warning, error; "
     "those that fail the\nrun (--fail-on) are shown all the same, and the\n"
     "exit status does not depend on it"},
    {"ndjson", 0, NULL, NULL, C_ADVISE | C_PORTFOLIO,
     "each FILE holds one scenario per line; with json,\nthe advice is one "
     "object per line"},
    {"group-by", 0, "POINTER", "@pointers", C_PORTFOLIO,
     "sub-totals per value of the field, e.g.\n/partner/types or "
     "/customer/agreement"},
    {"compare", 0, "OLD.json", "@files", C_PORTFOLIO,
     "what changed since a summary saved with\n--format json"},
    {"set", 0, "POINTER=VALUE", "@pointers", C_ADVISE,
     "set a field of the plan for this run (repeatable):\n--set "
     "/customer/agreement=ea; arrays as a,b;\nbooleans true/false or yes/no; "
     "over every plan\nread, or with no FILE the whole plan"},
    {"set", 0, "POINTER=VALUE", "@pointers", C_WHYNOT,
     "set a field of the plan for this run (repeatable):\n--set "
     "/customer/agreement=ea; arrays as a,b;\nbooleans true/false or yes/no"},
    {"set", 0, "POINTER=VALUE", "@pointers", C_PORTFOLIO,
     "set a field of every plan read, for this run\n(repeatable): --set "
     "/customer/agreement=ea; arrays\nas a,b; booleans true/false or yes/no"},
    {"output", 'o', "FORMAT=PATH", "@files", C_ADVISE | C_SCAN,
     "also write the run in FORMAT to PATH (repeatable;\nthe file appears "
     "only when complete; never an\ninput, '-', or the file standard output "
     "goes to)"},
    {"output", 'o', "FILE", "@files", C_INIT,
     "write the plan to FILE instead of standard\noutput ('-' is standard "
     "output)"},
    {"output", 'o', "FILE", "@files", C_INTERVIEW,
     "write the plan to FILE (without it, the plan is\nnot saved)"},
    {"profile", 0, "PROFILE", "@profiles", C_INIT,
     "the partner profile: msp, isv, si, csp, saas,\nlicensing"},
    {"force", 0, NULL, NULL, C_INIT | C_INTERVIEW,
     "replace the plan FILE if it exists"},
    {"baseline", 0, "FILE", "@files", C_ADVISE | C_SCAN | C_PORTFOLIO,
     "findings recorded in FILE are accepted: listed as\nsuppressed, never "
     "counted; entries that match\nnothing in the files read are reported as "
     "stale"},
    {"write-baseline", 0, "FILE", "@files", C_ADVISE | C_SCAN,
     "record this run's findings in FILE"},
    {"prune-baseline", 0, NULL, NULL, C_ADVISE | C_SCAN,
     "rewrite the --baseline FILE without its stale\nentries"},
    {"root", 0, "DIR", "@dirs", C_PLANS | C_SCAN,
     "paths in reports and messages are relative to DIR\n(default: the "
     "config file's folder, else the\ncurrent folder); FILE and the other "
     "paths given\nstay relative to where you run"},
    {"ignore", 0, "RULE", "@rules", C_PLANS | C_SCAN,
     "suppress the findings of RULE (repeatable); they\nare listed as "
     "suppressed and never counted"},
    {"strict", 0, NULL, NULL, C_PLANS,
     "what is wrong in a plan file as written (unknown\nkeys, broken or "
     "expired suppressions: the input.*\nrules) is an error, not a warning"},
    {"require-complete", 0, NULL, NULL, C_PLANS,
     "a mechanism left needs_info is an error\n(input.incomplete), naming "
     "the fields it needs"},
    {"explain", 0, "[RULE]", "@rules", C_ADVISE,
     "show how the plan's advice came about: each\nmechanism's rules, fired "
     "or not, with each\ncondition's value and the plan value it read;\nRULE: "
     "that rule alone, and why"},
    {"explain", 0, "FILE", "@files", C_SCAN,
     "show the chain behind FILE's status (what decides\nit, as written and "
     "as resolved, and the files that\ndeploy it) instead of the report"},
    {"sarif-category", 0, "ID", NULL, C_ADVISE | C_SCAN,
     "the SARIF run's category in code scanning\n(automationDetails.id; "
     "default\nattrib-advise/advise/ or attrib-advise/scan/)"},
    {"severity", 0, "RULE=LEVEL", "@rules", C_PLANS | C_SCAN | C_RULES,
     "report RULE's findings at LEVEL (repeatable),\nover the rule's own, a "
     "rule file's, the config\nfile's and --strict"},
    {"min", 0, "N", NULL, C_RULES,
     "rules test: fail unless at least N tests "
     "pass"},
    {"require-coverage", 0, NULL, NULL, C_RULES,
     "rules test: fail when a rule under test is expected\nto fire by no "
     "passing test, or a fact is cited by none"},
    {"exclude", 0, "GLOB", NULL, C_ADVISE | C_SCAN | C_PORTFOLIO,
     "leave out of folders the files and folders GLOB\nnames (repeatable; "
     "also one glob a line in\n.attrib-advise-ignore)"},
    {"follow-outside", 0, NULL, NULL, C_ADVISE | C_SCAN | C_PORTFOLIO,
     "in folders, also follow symbolic links that lead\noutside the folder "
     "named"},
    {"rules", 'r', "PATH", "@files", C_RULESET,
     "add a rule file or a directory of *.yaml rule\nfiles (repeatable); a "
     "rule with an existing id\nreplaces it, and a file's 'severity' entries "
     "set\nother rules' levels (the last file loaded wins)"},
    {"no-default-rules", 0, NULL, NULL, C_RULESET,
     "start without the built-in rules"},
    {"limit", 0, "NAME=N", "@limits", C_RULESET,
     "change one bound on input (see --dump=limits)"},
    {"config", 0, "FILE", "@files", C_RULESET,
     "read settings from FILE instead of the first\n.attrib-advise.yaml found "
     "from here up to the\nrepository root; flags override it"},
    {"no-config", 0, NULL, NULL, C_RULESET, "read no config file"},
    {"print-config", 0, NULL, NULL, C_RULESET,
     "print the settings in force, and where each\ncomes from, and exit"},
    {"color", 0, "WHEN", "auto always never", C_ALL,
     "colour text output: auto (default), always, never;\nauto: NO_COLOR set "
     "means never, FORCE_COLOR set\nmeans always, else only on a terminal "
     "whose\nTERM is not dumb"},
    {"dump", 0, "WHAT", "scenario-schema limits rule-docs", C_ADVISE,
     "print 'scenario-schema' (JSON Schema of the\nscenario contract) or "
     "'limits' (the bounds on\ninput) and exit; 'rule-docs DIR' writes a\n"
     "Markdown page per rule into DIR"},
    {"help", 'h', NULL, NULL, C_ALL, "show this help and exit"},
    {"version", 'V', NULL, NULL, C_ALL,
     "show the version, the knowledge date and the\nnumber of rules, and "
     "exit"},
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

/* Whether options[i] goes with a command of 'mask' and is the first entry
 * of its name that does: a name listed twice (--output, --explain) has an
 * entry per kind of command, and each list shows it once. */
static int
first_for(size_t i, unsigned mask)
{
    if (!(options[i].cmds & mask))
        return 0;
    for (size_t k = 0; k < i; k++)
        if (options[k].cmds & mask &&
            strcmp(options[k].name, options[i].name) == 0)
            return 0;
    return 1;
}

/* The commands any entry of options[i]'s name goes with. */
static unsigned
name_cmds(size_t i)
{
    unsigned cmds = 0;

    for (size_t k = 0; k < NOPTIONS; k++)
        if (strcmp(options[k].name, options[i].name) == 0)
            cmds |= options[k].cmds;
    return cmds;
}

enum cli_command
cli_command_find(const char *name)
{
    for (int c = 0; c < CMD_COUNT; c++)
        if (strcmp(commands[c].name, name) == 0)
            return (enum cli_command)c;
    return CMD_NONE;
}

const char *
cli_command_name(enum cli_command c)
{
    return c >= 0 && c < CMD_COUNT ? commands[c].name : NULL;
}

/* ---- did you mean --------------------------------------------------- */

/* Optimal string alignment distance (a swap of two neighbours counts
 * one, as typing slips do: 'scna'), up to 63 bytes; more is far. */
static size_t
distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b), d[64][64];

    if (n >= 64 || m >= 64)
        return SIZE_MAX;
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + cost;

            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

/* The nearest of the names, when it is near enough to be what was
 * meant: a third of its letters wrong at most, or a start of it. */
static const char *
nearest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t bestd = SIZE_MAX, len = strlen(word);

    for (size_t i = 0; i < n; i++) {
        size_t d = distance(word, names[i]);

        if (len >= 2 && strncmp(names[i], word, len) == 0)
            d = 1; /* 'port' for 'portfolio' */
        if (d < bestd) {
            bestd = d;
            best = names[i];
        }
    }
    return best != NULL && bestd <= (strlen(best) + 2) / 3 ? best : NULL;
}

const char *
cli_suggest_command(const char *word)
{
    const char *names[CMD_COUNT];

    for (int c = 0; c < CMD_COUNT; c++)
        names[c] = commands[c].name;
    return nearest(word, names, CMD_COUNT);
}

const char *
cli_suggest_option(const char *arg)
{
    const char *names[NOPTIONS];
    char word[64];
    size_t n = 0;

    if (arg[0] != '-' || arg[1] != '-')
        return NULL;
    snprintf(word, sizeof(word), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    for (size_t i = 0; i < NOPTIONS; i++)
        names[n++] = options[i].name;
    return nearest(word, names, n);
}

/* A word in the place of a command that is neither one nor a path: most
 * likely a command mistyped, so said as that (exit 2) rather than as a
 * missing file.  A word with a dot or a slash is taken for a path. */
int
cli_unknown_command(const char *word)
{
    struct stat st;

    return word[0] != '\0' && word[0] != '-' && strpbrk(word, "./") == NULL &&
           cli_command_find(word) == CMD_NONE && stat(word, &st) != 0;
}

/* ---- help ----------------------------------------------------------- */

/* The formats command c writes, ", "-separated (the help's words). */
static const char *
format_list(enum cli_command c)
{
    return c == CMD_GRAPH       ? "mermaid, dot"
           : c == CMD_PORTFOLIO ? "text, json, markdown, csv, html"
           : c == CMD_SCAN      ? "text, json, sarif, junit, github, "
                                  "azure-pipelines, codequality"
           : c == CMD_FACTS     ? "text"
           : c == CMD_RULES     ? "text, json ('rules test')"
           : c == CMD_WHY_NOT   ? "text, json"
                                : aa_render_names();
}

/* The same as words for a completion: "a b c" in buf (size bytes), the
 * help's remarks in parentheses left out. */
static void
format_words(enum cli_command c, char *buf, size_t size)
{
    size_t used = 0;
    int skip = 0;

    for (const char *p = format_list(c); *p != '\0' && used + 1 < size; p++) {
        skip += *p == '(';
        if (!skip && *p != ',')
            buf[used++] = *p;
        skip -= *p == ')';
    }
    while (used > 0 && buf[used - 1] == ' ')
        used--;
    buf[used] = '\0';
}

/* The --format line, its list wrapped into the column of the help. */
static void
formats(FILE *fp, enum cli_command c)
{
    static const char head[] = "  -f, --format=FORMAT     output format:";
    static const char indent[] = "                          ";
    const char *list = format_list(c);
    const char *dflt = c == CMD_GRAPH ? "(default mermaid)" : "(default text)";
    size_t col = strlen(head);

    fputs(head, fp);
    for (int last = 0; !last;) {
        size_t len = *list != '\0' ? strcspn(list, " ") : strlen(dflt);

        last = *list == '\0';
        if (col + 1 + len > 80) {
            fprintf(fp, "\n%s", indent);
            col = strlen(indent);
        } else {
            fputc(' ', fp);
            col++;
        }
        fprintf(fp, "%.*s", (int)len, last ? dflt : list);
        col += len;
        if (!last)
            list += len + (list[len] == ' ');
    }
    fputc('\n', fp);
}

/* One option's entry: its column, then its help from column 27. */
static void
option_help(FILE *fp, const struct option_doc *d)
{
    char col[64];
    const char *h = d->help;
    int n;

    if (d->arg == NULL)
        n = snprintf(col, sizeof(col), "%c%c%c --%s", d->letter ? '-' : ' ',
                     d->letter ? d->letter : ' ', d->letter ? ',' : ' ',
                     d->name);
    else
        n = snprintf(col, sizeof(col), "%c%c%c --%s%s%s", d->letter ? '-' : ' ',
                     d->letter ? d->letter : ' ', d->letter ? ',' : ' ',
                     d->name, d->arg[0] == '[' ? " " : "=", d->arg);
    fprintf(fp, "  %s", col);
    if (n + 2 >= 25) /* too wide for the column: its help below it */
        fprintf(fp, "\n%26s", "");
    else
        fprintf(fp, "%*s", 24 - n, "");
    for (;;) {
        size_t len = strcspn(h, "\n");

        fprintf(fp, "%.*s\n", (int)len, h);
        if (h[len] == '\0')
            break;
        h += len + 1;
        fprintf(fp, "%26s", "");
    }
}

static void
usage_lines(FILE *fp, enum cli_command c, const char *first)
{
    const char *u = commands[c].usage;

    for (int i = 0;; i++) {
        size_t len = strcspn(u, "\n");

        fprintf(fp, "%s attrib-advise %.*s\n", i == 0 ? first : "      ",
                (int)len, u);
        if (u[len] == '\0')
            break;
        u += len + 1;
    }
}

static const char exit_text[] =
    "Exit status: 0 advice, no finding at or above --fail-on; 1 a finding at "
    "or\nabove it; 2 usage error or a config file not understood; 3 invalid "
    "rules,\nscenario or deployment file; 4 internal error, or an output that "
    "could not be\nwritten.\n";

void
cli_help(FILE *fp, enum cli_command c)
{
    unsigned mask = c == CMD_NONE ? C_ADVISE : 1u << c;

    if (c == CMD_NONE) {
        fputs("Usage: attrib-advise [OPTION]... FILE|DIR...\n"
              "       attrib-advise COMMAND [OPTION]... [ARG]...\n",
              fp);
        fprintf(fp, "%s\n\nCommands:\n", commands[CMD_ADVISE].about);
        for (int k = 0; k < CMD_COUNT; k++)
            fprintf(fp, "  %-12s%s\n", commands[k].name, commands[k].summary);
        fputs("\nOptions of 'advise' (each command's own: attrib-advise help "
              "COMMAND):\n",
              fp);
    } else {
        usage_lines(fp, c, "Usage:");
        fprintf(fp, "%s\n\nOptions:\n", commands[c].about);
        if (c == CMD_HELP)
            mask = C_HELP;
    }
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_doc *d = &options[i];

        if (!first_for(i, mask))
            continue;
        if (d->help == NULL)
            formats(fp, c);
        else
            option_help(fp, d);
    }
    fputc('\n', fp);
    if (c == CMD_RULES)
        fputs("Exit status: 0 done; 1 a rule test failed (or, for 'rules "
              "check', a rule\nthat can never fire); 2 usage error or a "
              "config file not understood; 3 an\ninvalid rule or test file; "
              "4 internal error, or an output not written.\n",
              fp);
    else if (c == CMD_WHY_NOT)
        fputs("Exit status: 0 changes found, or the mechanism recommended "
              "already; 1 no\nchange within reach does it; 2 usage error or a "
              "config file not understood;\n3 invalid rules or plan; 4 "
              "internal error, or an output not written.\n",
              fp);
    else if (c == CMD_INTERVIEW || c == CMD_INIT || c == CMD_COMPLETION ||
             c == CMD_HELP || c == CMD_FACTS || c == CMD_GRAPH)
        fputs("Exit status: 0 done; 2 usage error or a config file not "
              "understood; 3\ninvalid rules; 4 internal error, or an output "
              "not written.\n",
              fp);
    else
        fputs(exit_text, fp);
    if (c == CMD_NONE)
        fputs("See attrib-advise(1), docs/rules.md and docs/scenario.md.\n",
              fp);
    else
        fprintf(fp, "See attrib-advise(1), section COMMANDS, %s.\n",
                commands[c].name);
}

/* ---- completion ----------------------------------------------------- */

/* The words an option's argument or a command's operands complete to,
 * space-separated, in buf; "@files" and "@dirs" are left to the shell
 * (an empty list back, and *files set). */
static void
words(const char *what, const struct aa_ruleset *rs, char *buf, size_t size,
      int *files)
{
    size_t used = 0;

#define PUT(s)                                                                 \
    do {                                                                       \
        int n_ =                                                               \
            snprintf(buf + used, size - used, "%s%s", used ? " " : "", (s));   \
        if (n_ > 0 && (size_t)n_ < size - used)                                \
            used += (size_t)n_;                                                \
    } while (0)
    buf[0] = '\0';
    *files = 0;
    if (what == NULL)
        return;
    if (strcmp(what, "@files") == 0 || strcmp(what, "files") == 0 ||
        strcmp(what, "@dirs") == 0) {
        *files = what[1] == 'd' ? 2 : 1;
    } else if (strcmp(what, "@formats") == 0) {
        /* Each command's own: format_words, where the shell knows it. */
    } else if (strcmp(what, "@rules") == 0 || strcmp(what, "rules") == 0) {
        if (strcmp(what, "rules") == 0)
            PUT("list show check test");
        for (size_t i = 0; aa_ruleset_rule_id(rs, i) != NULL; i++)
            PUT(aa_ruleset_rule_id(rs, i));
    } else if (strcmp(what, "facts") == 0) {
        for (size_t i = 0; aa_ruleset_fact_id(rs, i) != NULL; i++)
            PUT(aa_ruleset_fact_id(rs, i));
    } else if (strcmp(what, "mechanisms") == 0) {
        PUT("CSP DPOR PAL CUA CPOR MBS PRACR");
        *files = 1;
    } else if (strcmp(what, "@profiles") == 0) {
        PUT("msp isv si csp saas licensing");
    } else if (strcmp(what, "shells") == 0) {
        PUT("bash zsh fish");
    } else if (strcmp(what, "commands") == 0) {
        for (int c = 0; c < CMD_COUNT; c++)
            PUT(commands[c].name);
    } else if (strcmp(what, "@pointers") == 0 || strcmp(what, "@limits") == 0) {
        /* Many, and typed with a value: left to the user. */
    } else {
        PUT(what);
    }
#undef PUT
}

enum { WORDS = 65536 };

/* The body of bash's and zsh's --format case: a case on the command, each
 * its own formats between 'pre' and 'post'. */
static void
format_cases(FILE *fp, size_t i, char *buf, const char *pre, const char *post)
{
    fputs(")\n        case $cmd in\n", fp);
    for (int c = 0; c < CMD_COUNT; c++) {
        if (!(name_cmds(i) & (1u << c)))
            continue;
        format_words((enum cli_command)c, buf, WORDS);
        fprintf(fp, "        %s%s) ", c == CMD_ADVISE ? "''|" : "",
                commands[c].name);
        fprintf(fp, "%s%s%s ;;\n", pre, buf, post);
    }
    fputs("        esac\n        return ;;\n", fp);
}

static void
bash(FILE *fp, const struct aa_ruleset *rs, char *buf)
{
    int files;

    fputs("# bash completion for attrib-advise (attrib-advise completion "
          "bash)\n"
          "_attrib_advise() {\n"
          "    local cur prev cmd i\n"
          "    COMPREPLY=()\n"
          "    cur=${COMP_WORDS[COMP_CWORD]}\n"
          "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    cmd=\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i]} in\n"
          "        -*) ;;\n",
          fp);
    fputs("        ", fp);
    for (int c = 0; c < CMD_COUNT; c++)
        fprintf(fp, "%s%s", c ? "|" : "", commands[c].name);
    fputs(") cmd=${COMP_WORDS[i]}; break ;;\n"
          "        esac\n"
          "    done\n"
          "    case $prev in\n",
          fp);
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_doc *d = &options[i];

        if (d->arg == NULL || d->arg[0] == '[' || !first_for(i, C_ALL))
            continue;
        words(d->values, rs, buf, WORDS, &files);
        fprintf(fp, "    --%s", d->name);
        if (d->letter)
            fprintf(fp, "|-%c", d->letter);
        if (d->values != NULL && strcmp(d->values, "@formats") == 0) {
            format_cases(fp, i, buf, "COMPREPLY=($(compgen -W '",
                         "' -- \"$cur\"))");
        } else if (files)
            fprintf(fp,
                    ")\n        COMPREPLY=($(compgen -%c -- \"$cur\"))\n"
                    "        return ;;\n",
                    files == 2 ? 'd' : 'f');
        else
            fprintf(fp,
                    ")\n        COMPREPLY=($(compgen -W '%s' -- "
                    "\"$cur\"))\n        return ;;\n",
                    buf);
    }
    fputs("    esac\n"
          "    if [[ $cur == -* ]]; then\n"
          "        case $cmd in\n",
          fp);
    for (int c = 0; c < CMD_COUNT; c++) {
        unsigned mask = 1u << c;
        const char *sep = "";

        fprintf(fp, "        %s%s) COMPREPLY=($(compgen -W '",
                c == CMD_ADVISE ? "''|" : "", commands[c].name);
        for (size_t i = 0; i < NOPTIONS; i++)
            if (first_for(i, mask)) {
                fprintf(fp, "%s--%s", sep, options[i].name);
                sep = " ";
            }
        fputs("' -- \"$cur\")) ;;\n", fp);
    }
    fputs("        esac\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n"
          "    '')\n",
          fp);
    words("commands", rs, buf, WORDS, &files);
    fprintf(fp,
            "        COMPREPLY=($(compgen -W '%s' -- \"$cur\") $(compgen -f "
            "-- \"$cur\")) ;;\n",
            buf);
    for (int c = 0; c < CMD_COUNT; c++) {
        words(commands[c].args, rs, buf, WORDS, &files);
        if (c == CMD_ADVISE)
            continue;
        fprintf(fp, "    %s)\n        COMPREPLY=(", commands[c].name);
        if (buf[0] != '\0')
            fprintf(fp, "$(compgen -W '%s' -- \"$cur\")", buf);
        if (files)
            fprintf(fp, "%s$(compgen -f -- \"$cur\")", buf[0] ? " " : "");
        fputs(") ;;\n", fp);
    }
    fputs("    *) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
          "    esac\n"
          "}\n"
          "complete -o filenames -F _attrib_advise attrib-advise\n",
          fp);
}

static void
zsh(FILE *fp, const struct aa_ruleset *rs, char *buf)
{
    int files;

    fputs("#compdef attrib-advise\n"
          "# zsh completion for attrib-advise (attrib-advise completion "
          "zsh)\n"
          "_attrib_advise() {\n"
          "    local -a cmds opts\n"
          "    local cmd w\n"
          "    cmds=(\n",
          fp);
    for (int c = 0; c < CMD_COUNT; c++)
        fprintf(fp, "        '%s:%s'\n", commands[c].name, commands[c].summary);
    fputs("    )\n"
          "    for w in ${words[2,CURRENT-1]}; do\n"
          "        [[ $w == -* ]] && continue\n"
          "        (( ${cmds[(I)$w:*]} )) && { cmd=$w; break }\n"
          "    done\n"
          "    case ${words[CURRENT-1]} in\n",
          fp);
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_doc *d = &options[i];

        if (d->arg == NULL || d->arg[0] == '[' || !first_for(i, C_ALL))
            continue;
        words(d->values, rs, buf, WORDS, &files);
        fprintf(fp, "    --%s", d->name);
        if (d->letter)
            fprintf(fp, "|-%c", d->letter);
        if (d->values != NULL && strcmp(d->values, "@formats") == 0) {
            format_cases(fp, i, buf, "compadd -- ", "");
        } else if (files)
            fprintf(fp, ") _files%s; return ;;\n", files == 2 ? " -/" : "");
        else if (buf[0] != '\0')
            fprintf(fp, ") compadd -- %s; return ;;\n", buf);
        else
            fputs(") return ;;\n", fp); /* a value to type */
    }
    fputs("    esac\n"
          "    if [[ $PREFIX == -* ]]; then\n"
          "        case $cmd in\n",
          fp);
    for (int c = 0; c < CMD_COUNT; c++) {
        unsigned mask = 1u << c;

        fprintf(fp, "        %s%s) compadd --", c == CMD_ADVISE ? "''|" : "",
                commands[c].name);
        for (size_t i = 0; i < NOPTIONS; i++)
            if (first_for(i, mask))
                fprintf(fp, " --%s", options[i].name);
        fputs(" ;;\n", fp);
    }
    fputs("        esac\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n"
          "    '') _describe command cmds; _files ;;\n",
          fp);
    for (int c = 0; c < CMD_COUNT; c++) {
        if (c == CMD_ADVISE)
            continue;
        words(commands[c].args, rs, buf, WORDS, &files);
        fprintf(fp, "    %s)", commands[c].name);
        if (buf[0] != '\0')
            fprintf(fp, " compadd -- %s;", buf);
        if (files)
            fputs(" _files;", fp);
        fputs(" ;;\n", fp);
    }
    /* Autoloaded from a file named _attrib-advise (the installed one),
     * the file's body is the completion function, so it runs the
     * function; sourced, it registers it. */
    fputs("    *) _files ;;\n"
          "    esac\n"
          "}\n"
          "if [[ $funcstack[1] == _attrib-advise ]]; then\n"
          "    _attrib_advise \"$@\"\n"
          "else\n"
          "    compdef _attrib_advise attrib-advise\n"
          "fi\n",
          fp);
}

static void
fish(FILE *fp, const struct aa_ruleset *rs, char *buf)
{
    int files;
    char cmdlist[512];
    size_t used = 0;

    for (int c = 0; c < CMD_COUNT; c++)
        used += (size_t)snprintf(cmdlist + used, sizeof(cmdlist) - used, "%s%s",
                                 c ? " " : "", commands[c].name);
    fputs("# fish completion for attrib-advise (attrib-advise completion "
          "fish)\n"
          "complete -c attrib-advise -f\n",
          fp);
    for (int c = 0; c < CMD_COUNT; c++)
        fprintf(fp,
                "complete -c attrib-advise -n 'not __fish_seen_subcommand_from "
                "%s' -a %s -d '%s'\n",
                cmdlist, commands[c].name, commands[c].summary);
    fprintf(fp,
            "complete -c attrib-advise -n 'not __fish_seen_subcommand_from "
            "%s' -F\n",
            cmdlist);
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_doc *d = &options[i];
        unsigned cmds = name_cmds(i);
        char cond[1024];
        size_t cu = 0;

        if (!first_for(i, C_ALL))
            continue;
        if (d->values != NULL && strcmp(d->values, "@formats") == 0) {
            /* Each command its own formats; advise's with no command. */
            for (int c = 0; c < CMD_COUNT; c++) {
                if (!(cmds & (1u << c)))
                    continue;
                format_words((enum cli_command)c, buf, WORDS);
                if (c == CMD_ADVISE)
                    fprintf(fp,
                            "complete -c attrib-advise -n "
                            "'__fish_seen_subcommand_from advise; or not "
                            "__fish_seen_subcommand_from %s'",
                            cmdlist);
                else
                    fprintf(fp,
                            "complete -c attrib-advise -n "
                            "'__fish_seen_subcommand_from %s'",
                            commands[c].name);
                fprintf(fp, " -l %s -s %c -x -a '%s'\n", d->name, d->letter,
                        buf);
            }
            continue;
        }
        /* Offered where it goes: after one of its commands, or with none
         * for those of advise, the default. */
        cond[0] = '\0';
        if (cmds != C_ALL) {
            cu += (size_t)snprintf(cond, sizeof(cond),
                                   " -n '__fish_seen_subcommand_from");
            for (int c = 0; c < CMD_COUNT; c++)
                if (cmds & (1u << c) && cu < sizeof(cond))
                    cu += (size_t)snprintf(cond + cu, sizeof(cond) - cu, " %s",
                                           commands[c].name);
            if (cmds & C_ADVISE && cu < sizeof(cond))
                cu += (size_t)snprintf(cond + cu, sizeof(cond) - cu,
                                       "; or not __fish_seen_subcommand_from "
                                       "%s",
                                       cmdlist);
            if (cu < sizeof(cond))
                snprintf(cond + cu, sizeof(cond) - cu, "'");
        }
        fprintf(fp, "complete -c attrib-advise%s -l %s", cond, d->name);
        if (d->letter)
            fprintf(fp, " -s %c", d->letter);
        if (d->arg != NULL && d->arg[0] != '[') {
            words(d->values, rs, buf, WORDS, &files);
            if (files)
                fputs(" -r -F", fp);
            else if (buf[0] != '\0')
                fprintf(fp, " -x -a '%s'", buf);
            else
                fputs(" -x", fp);
        }
        fputc('\n', fp);
    }
    for (int c = 0; c < CMD_COUNT; c++) {
        words(commands[c].args, rs, buf, WORDS, &files);
        if (c == CMD_ADVISE)
            continue;
        if (buf[0] != '\0')
            fprintf(fp,
                    "complete -c attrib-advise -n '__fish_seen_subcommand_from "
                    "%s' -a '%s'\n",
                    commands[c].name, buf);
        if (files)
            fprintf(fp,
                    "complete -c attrib-advise -n '__fish_seen_subcommand_from "
                    "%s' -F\n",
                    commands[c].name);
    }
}

int
cli_completion(const char *shell, const struct aa_ruleset *rs, FILE *fp)
{
    char *buf = malloc(WORDS);

    if (buf == NULL)
        return AA_EXIT_INTERNAL;
    if (strcmp(shell, "bash") == 0)
        bash(fp, rs, buf);
    else if (strcmp(shell, "zsh") == 0)
        zsh(fp, rs, buf);
    else
        fish(fp, rs, buf);
    free(buf);
    return AA_EXIT_OK;
}

/* The option names, for the test that compares them with the parser's. */
size_t
cli_option_count(void)
{
    return NOPTIONS;
}

const char *
cli_option_name(size_t i)
{
    return i < cli_option_count() ? options[i].name : NULL;
}

int
cli_option_goes_with(const char *name, enum cli_command c)
{
    unsigned cmds = 0;
    int known = 0;

    for (size_t k = 0; k < NOPTIONS; k++)
        if (strcmp(options[k].name, name) == 0) {
            cmds |= options[k].cmds;
            known = 1;
        }
    return !known || c < 0 || (cmds >> c & 1u) != 0;
}

int
cli_width(FILE *fp)
{
    const char *env = getenv("COLUMNS");
    int fd = fileno(fp);
    struct winsize ws;

    if (env != NULL && *env != '\0') {
        char *end;
        long n = strtol(env, &end, 10);

        if (*end == '\0' && n >= 40 && n <= 1000)
            return (int)n;
    }
    if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col >= 40)
        return ws.ws_col;
    return 80;
}
