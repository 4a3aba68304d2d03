/*
 * scenario.h -- a loaded scenario: the JSON text, its cJSON tree, and one
 * resolved value per field of the contract.
 *
 * Loading resolves every contract field once (vals[i] for aa_fields[i]),
 * so evaluation never walks JSON or compares key strings.  An absent field
 * has present == 0 and is *unknown* to the rules; null never reaches here
 * (the loader rejects it).  Everything is owned by the scenario.
 */
#ifndef AA_SCENARIO_H
#define AA_SCENARIO_H

#include <stddef.h>

#include "arena.h"
#include "contract.h"
#include "diag.h"
#include "scan.h"

/* 40 bytes, in an order that leaves no hole: a plan has one per contract
 * row, zeroed, evaluation copies them for each view of the plan and reads
 * them all over, and the bytes a plan's evaluation touches, more than its
 * instructions, set its time (docs/performance.md).  A number and a
 * boolean or enumeration index are never held together, so they share
 * room. */
struct aa_val {
    unsigned char present;
    unsigned char type;   /* enum aa_ftype of the contract row; items:
                             STRING or ENUM */
    unsigned short spare; /* (room the alignment leaves) */
    unsigned line, col;   /* position of the member's key (1-based) */
    unsigned nitems;      /* arrays: items[0 .. nitems) */
    union {
        double n; /* AA_T_INT */
        struct {
            int b; /* AA_T_BOOL */
            int e; /* AA_T_ENUM: index into the row's values */
        };
    };
    const char *s;        /* AA_T_STRING and AA_T_ENUM: the text */
    struct aa_val *items; /* arrays */
};

/* One entry of "x-attrib-suppress": silence a rule's findings for this
 * scenario, with a reason, optionally until a date. */
struct aa_suppress {
    const char *rule;
    const char *reason;  /* NULL: refused (a reason is required) */
    const char *expires; /* "YYYY-MM-DD", or NULL */
    const char *pointer; /* "/x-attrib-suppress/N" */
    unsigned line, col;
};

/* What the loader found wrong in the file without refusing it (an unknown
 * key, a suppression it cannot apply).  It phrases nothing: eval.c reports
 * each through the rule that detects it (rules/input.yaml), so --fail-on,
 * suppressions and baselines treat it like any finding. */
struct aa_issue {
    enum aa_detect what;
    const char *pointer; /* JSON Pointer of the member */
    const char *subject; /* ${match} of the rule's message */
    unsigned line, col;
};

struct aa_scenario {
    struct aa_arena arena;
    const char *name;    /* as given: path or "-" (shown as <stdin>) */
    struct aa_val *vals; /* aa_field_count entries */
    struct aa_suppress *supp;
    size_t nsupp;
    struct aa_issue *issues; /* in file order; at most the errors limit */
    size_t nissues;
    unsigned first_line; /* NDJSON: the scenario's line; 0 for a file */
    /* The deployment code of /solution/artifacts, once scanned by
     * aa_scenario_scan_artifacts; NULL before.  Owned. */
    struct aa_scan *scan;
    /* The list lookups an evaluation has made (eval.c), set on the copies
     * of the plan it evaluates; NULL in a plan as loaded. */
    struct aa_lookups *lookups;
};

/* Record what is wrong in a plan that still loads (struct aa_issue): the
 * loader's, and the artifacts' (evidence.c).  Copies pointer and subject
 * into the plan's arena. */
void aa_scenario_add_issue(struct aa_scenario *sc, enum aa_detect what,
                           const char *pointer, unsigned line, unsigned col,
                           const char *subject);

/* An empty scenario named 'name': no field present, nothing owned but its
 * arena.  Free it with aa_scenario_free. */
struct aa_scenario *aa_scenario_new(const char *name);

/* Fill the fields derived from the plan itself (the location Partner ID)
 * from the values now in sc->vals: after loading, and again after --set
 * values are written over them (override.c). */
void aa_scenario_derive(struct aa_scenario *sc);

/* Where to point for field i: its own position if present in the file,
 * else that of the nearest ancestor that is (the root object always is,
 * unless the scenario came from --set alone: then line 0, unknown). */
struct aa_loc aa_scenario_loc(const struct aa_scenario *sc, int field);

/* A scenario whose JSON text was made from another file (a rule test's
 * plan, written in YAML: rules_test.c).  As aa_scenario_parse, then every
 * position of it and of the diagnostics this parse added goes through
 * 'map', which turns a line and column of 'data' into one of the file
 * 'name', so messages and findings point where the author wrote the
 * value. */
struct aa_scenario *
aa_scenario_parse_mapped(const char *name, const char *data, size_t len,
                         void (*map)(void *ctx, unsigned *line, unsigned *col),
                         void *ctx, struct aa_diags *dl);

/* --- shared by the two readers (scenario.c, scenario_fast.c), and by
 * scan_arm.c for JSON escapes ------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (n bytes left, n > 0), or 0. */
size_t aa_utf8_len(const unsigned char *s, size_t n);
/* Length of the JSON number at s (RFC 8259), or 0 when the token there is
 * not one. */
size_t aa_json_number_len(const unsigned char *s, size_t n);
/* Whether the escape at s[i] (a backslash in a string of the len bytes at
 * s) is one JSON allows: 0, or -1 with the reason in why[n]. */
int aa_json_escape_check(const unsigned char *s, size_t len, size_t i,
                         char *why, size_t n);

/*
 * The one-pass reader (scenario_fast.c): the scenario of a plan with
 * nothing to report, exactly as the full reader would load it, or NULL,
 * with no trace, for anything else.  'data' has no byte order mark and is
 * within the size limit; its first line is line 'line' (1 for a file, the
 * line of a batch for one of its lines), so positions need no moving;
 * 'tmp' holds its scratch work (the caller empties it).
 */
struct aa_scenario *aa_scenario_read_fast(const char *file, const char *data,
                                          size_t len, unsigned line,
                                          struct aa_arena *tmp);
/* Whether aa_scenario_parse tries the one-pass reader first (1, the
 * default); the tests turn it off to compare the two readers. */
void aa_scenario_fast_path(int on);

#endif /* AA_SCENARIO_H */
