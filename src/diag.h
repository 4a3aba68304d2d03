/*
 * diag.h -- ordered diagnostic codes, locations and the diagnostic list.
 *
 * Codes are ordered by severity: every code after a BAND marker is at least
 * that severe, so "worst so far" is one comparison.  The list owns copies of
 * every string it is given, so callers may free their buffers at once.
 */
#ifndef AA_DIAG_H
#define AA_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "attrib_advise.h"

enum aa_code {
    AA_OK = 0,

    AA_BAND_NOTE, /* everything below is at least a note */
    AA_N_NOTE,
    AA_N_STALE, /* a baseline entry that matched nothing */

    AA_BAND_WARNING, /* ... at least a warning */
    AA_W_UNKNOWN_KEY,
    AA_W_SUPPRESS, /* a suppression that is not applied */
    AA_W_COMPARE,  /* a summary saved with other thresholds than the run's */

    AA_BAND_ERROR, /* ... input rejected; never evaluate */
    AA_E_YAML_SYNTAX,
    AA_E_YAML_ALIAS,
    AA_E_LIMIT,
    AA_E_UTF8,
    AA_E_SCHEMA,      /* wrong shape: unknown key, wrong type, missing key */
    AA_E_MECHANISM,   /* unknown mechanism */
    AA_E_OPERATOR,    /* unknown or misused operator */
    AA_E_PATH,        /* bad path, or path not in the scenario contract */
    AA_E_FACT,        /* unknown fact ID */
    AA_E_DUPLICATE,   /* duplicate rule id, fact id or list name */
    AA_E_JSON_SYNTAX, /* scenario is not JSON */
    AA_E_SCENARIO,    /* scenario JSON violates the contract */
    AA_E_NOT_PLAN,    /* JSON, but no "version" and no field of the contract */
    AA_E_ARTIFACT,    /* deployment code that cannot be parsed */

    AA_BAND_SYSTEM, /* ... I/O or resource failure */
    AA_S_IO,

    AA_CODE_MAX
};

struct aa_loc {
    const char *file; /* borrowed; copied when a diag is added */
    unsigned line;    /* 1-based; 0 = unknown */
    unsigned col;     /* 1-based; 0 = unknown */
};

struct aa_diag {
    enum aa_code code;
    char *file; /* owned */
    unsigned line, col;
    char *rule;   /* owned; NULL when not inside a rule */
    char *detail; /* owned */
};

struct aa_diags {
    struct aa_diag *v;
    size_t n, cap;
    enum aa_code worst;
};

void aa_diags_init(struct aa_diags *dl);
void aa_diags_fini(struct aa_diags *dl);

/* Append one diagnostic; 'rule' may be NULL. */
void aa_diag_add(struct aa_diags *dl, enum aa_code code, struct aa_loc at,
                 const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void aa_diag_vadd(struct aa_diags *dl, enum aa_code code, struct aa_loc at,
                  const char *rule, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* Append a copy of every diagnostic of 'from' to 'to', in order. */
void aa_diags_append(struct aa_diags *to, const struct aa_diags *from);

/* Keep the first 'keep' diagnostics added from index 'from' on and put
 * one line in place of the rest, "... and N more problems in WHERE", at
 * the level of the worst of them (--limit errors for what is not one
 * file's reading, as a plan's artifacts are). */
void aa_diags_cap(struct aa_diags *dl, size_t from, size_t keep,
                  const char *where);

/* The public severity of a code's band. */
enum aa_severity aa_diag_severity(enum aa_code code);

/* Number of diagnostics at or above 'band'. */
size_t aa_diags_count_at(const struct aa_diags *dl, enum aa_code band);

/* The candidate closest to 'word' by edit distance, if it is close enough
 * to be a likely typo ("did you mean"); else NULL. */
const char *aa_suggest(const char *const *cands, size_t n, const char *word);

/* 1-based line and column of byte 'off' in 'text'; columns count UTF-8
 * code points.  The single place where offsets become locations. */
struct aa_loc aa_loc_of_offset(const char *file, const char *text, size_t off);

#endif /* AA_DIAG_H */
