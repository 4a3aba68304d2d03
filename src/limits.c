/*
 * limits.c -- the table of bounds on untrusted input (limits.h).
 *
 * Defaults are far above what any real plan, rule pack, template or
 * baseline needs, and low enough that a hostile one costs at most a few
 * seconds and tens of MiB.
 */
#include "limits.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bounds on nesting are also how deep the readers and evaluators
 * recurse: past MAX_NESTING, a raised limit would let a hostile file
 * overflow the stack instead of being refused (cJSON stops at 1000 too). */
#define MAX_NESTING 1000

static const struct {
    const char *name;
    size_t value;
    const char *doc;
    size_t max; /* 0: SIZE_MAX / 2 */
} table[AA_LIMIT_COUNT] = {
    [AA_LIMIT_SCENARIO_SIZE] = {"scenario-size", 8u << 20,
                                "bytes of a scenario file", 0},
    [AA_LIMIT_LINE_SIZE] = {"line-size", 8u << 20, "bytes of one NDJSON line",
                            0},
    [AA_LIMIT_RULES_SIZE] = {"rules-size", 4u << 20,
                             "bytes of a rule file or config file", 0},
    [AA_LIMIT_CODE_SIZE] = {"code-size", 16u << 20,
                            "bytes of a deployment file that is scanned", 0},
    [AA_LIMIT_BASELINE_SIZE] = {"baseline-size", 64u << 20,
                                "bytes of a baseline file", 0},
    [AA_LIMIT_DEPTH] = {"depth", 64,
                        "nesting of objects and arrays in JSON (plans, "
                        "baselines); at most 1000",
                        MAX_NESTING},
    [AA_LIMIT_KEYS] = {"keys", 10000, "keys of one JSON object", 0},
    [AA_LIMIT_STRING] = {"string-length", 1u << 20, "bytes of one string value",
                         0},
    [AA_LIMIT_RULES] = {"rules", 20000, "rules in one rule file", 0},
    [AA_LIMIT_LISTS] = {"lists", 10000,
                        "lists (and items of one list) in one rule file", 0},
    [AA_LIMIT_EXPANSION_DEPTH] = {"expansion-depth", 128,
                                  "expressions, variables and parameters "
                                  "evaluated inside each other (ARM, Bicep, "
                                  "Terraform); at most 1000",
                                  MAX_NESTING},
    [AA_LIMIT_EXPANSION_SIZE] = {"expansion-size", 1u << 20,
                                 "bytes of one evaluated value", 0},
    [AA_LIMIT_ERRORS] = {"errors", 50,
                         "problems reported per file, then \"and N more\"", 0},
    [AA_LIMIT_BASELINE_ENTRIES] = {"baseline-entries", 1000000,
                                   "findings in one baseline", 0},
    [AA_LIMIT_FOLDER_DEPTH] = {"folder-depth", 64,
                               "folders below a path that is walked; at most "
                               "1000",
                               MAX_NESTING},
    [AA_LIMIT_FILES] = {"files", 100000, "names one folder walk may read", 0},
    [AA_LIMIT_RULES_DEPTH] = {"rules-depth", 64,
                              "nesting of mappings and sequences in a rule "
                              "file or config file; at most 1000",
                              MAX_NESTING},
    [AA_LIMIT_EXPANSION_WORK] = {"expansion-work", 4u << 20,
                                 "steps of evaluation per deployment file: "
                                 "each expression, reference and byte of a "
                                 "value built is one",
                                 0},
    [AA_LIMIT_ANSWER_SIZE] = {"answer-size", 1u << 20,
                              "bytes of one interview answer line", 0},
    [AA_LIMIT_TEXT_SIZE] = {"text-size", 64u << 10,
                            "bytes of one rule text (reason, message, action) "
                            "once its ${...} are filled in; a longer one is "
                            "cut",
                            0},
};

static size_t current[AA_LIMIT_COUNT];

size_t
aa_limit(enum aa_limit l)
{
    return current[l] ? current[l] : table[l].value;
}

int
aa_parse_count(const char *s, unsigned long long max, unsigned long long *v)
{
    const char *d = s;

    /* strtoull would take a sign ("-1" is ULLONG_MAX) and blanks. */
    if (*d < '0' || *d > '9')
        return -1;
    while (*d >= '0' && *d <= '9')
        d++;
    if (*d != '\0')
        return -1;
    errno = 0;
    *v = strtoull(s, NULL, 10);
    return errno == ERANGE || *v > max ? -2 : 0;
}

int
aa_limit_set(const char *spec)
{
    const char *eq = strchr(spec, '=');
    unsigned long long v;
    int i, rc;

    if (eq == NULL || (i = aa_limit_find(spec, (size_t)(eq - spec))) < 0)
        return -1;
    rc = aa_parse_count(eq + 1, aa_limit_ceiling((enum aa_limit)i), &v);
    if (rc == 0 && v == 0)
        rc = -1;
    if (rc == 0)
        current[i] = (size_t)v;
    return rc;
}

int
aa_limit_find(const char *name, size_t n)
{
    for (int i = 0; i < AA_LIMIT_COUNT; i++)
        if (strlen(table[i].name) == n && strncmp(table[i].name, name, n) == 0)
            return i;
    return -1;
}

size_t
aa_limit_ceiling(enum aa_limit l)
{
    return table[l].max != 0 ? table[l].max : SIZE_MAX / 2;
}

const char *
aa_limit_name(enum aa_limit l)
{
    return table[l].name;
}

const char *
aa_limit_doc(enum aa_limit l)
{
    return table[l].doc;
}

size_t
aa_limit_default(enum aa_limit l)
{
    return table[l].value;
}

const char *
aa_limit_size_text(char *buf, size_t cap, size_t n)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, cap, "%zu MiB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, cap, "%zu KiB", n >> 10);
    else
        snprintf(buf, cap, "%zu byte%s", n, n == 1 ? "" : "s");
    return buf;
}
