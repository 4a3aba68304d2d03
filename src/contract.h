/*
 * contract.h -- the scenario contract v1 as a table.
 *
 * One row per field that a scenario may hold, addressed by JSON Pointer.
 * The table is the single source of truth for the scenario loader (type
 * and enumeration checks, unknown keys), the rule compiler (paths and
 * operand types) and the published JSON Schema (aa_contract_schema).
 * Rows are in document order; a parent always comes before its children,
 * and field indices are stable for one build only.
 */
#ifndef AA_CONTRACT_H
#define AA_CONTRACT_H

#include <stddef.h>

enum aa_ftype {
    AA_T_OBJECT,
    AA_T_STRING,
    AA_T_BOOL,
    AA_T_INT,
    AA_T_ENUM,
    AA_T_STRING_ARRAY,
    AA_T_ENUM_ARRAY
};

struct aa_field {
    const char *ptr; /* JSON Pointer, "" for the root */
    const char *key; /* last segment */
    enum aa_ftype type;
    const char *const *values; /* NULL-terminated enumeration, or NULL */
    int parent;                /* row of the parent object; -1 for root */
    const char *doc;           /* one line for the schema */
    int derived; /* filled in by attrib-advise (evidence), never read from
                    a scenario; absent from the published schema */
    /* The field in a partner's words, for reports and the interview: a
     * short noun phrase ("customer agreement"), and the question that
     * asks for it, without its allowed values (aa_contract_ask adds
     * them from 'values').  Every field has a label; every field a user
     * writes has a question (test_contract); derived ones have NULL. */
    const char *label;
    const char *question;
};

enum { AA_FIELD_ROOT = 0 };
/* Rows the engine reads on every plan, named here instead of looked up by
 * their pointers each time (unit/test_contract holds each to its
 * pointer).  /outcome's children follow it in mechanism order. */
enum aa_row {
    AA_ROW_VERSION = 1,              /* /version */
    AA_ROW_PARTNER_ID = 5,           /* /partner/partner_id */
    AA_ROW_PARTNER_ID_KIND = 6,      /* /partner/partner_id_kind */
    AA_ROW_LOCATION_PARTNER_ID = 11, /* /partner/location_partner_id */
    AA_ROW_AGREEMENT = 14,           /* /customer/agreement */
    AA_ROW_AGREEMENTS = 15,          /* /customer/agreements */
    AA_ROW_WORKLOADS = 22,           /* /customer/workloads */
    AA_ROW_TRANSACTING = 29,         /* /engagement/transacting_partner */
    AA_ROW_CUA_GUID = 61,            /* /solution/deployment/cua/guid */
    AA_ROW_ARTIFACTS = 68,           /* /solution/artifacts */
    AA_ROW_CUA_STATUS = 73,          /* /evidence/cua_status */
    AA_ROW_GUIDS = 74,               /* /evidence/guids */
    AA_ROW_PLACEMENT = 75,           /* /evidence/placement */
    AA_ROW_UNKNOWN_GUIDS = 76,       /* /evidence/unknown_guids */
    AA_ROW_CUA_BROKEN = 77,          /* /evidence/cua_broken */
    AA_ROW_GUID_IN_CODE = 78,        /* /evidence/guid_in_code */
    AA_ROW_OUTCOME = 79              /* /outcome */
};
/* More rows than the contract has (test_contract), for arrays indexed by
 * row; struct aa_rowset holds as many. */
enum { AA_FIELD_LIMIT = 128 };

extern const struct aa_field aa_fields[];
extern const size_t aa_field_count;

/* Row of the field at JSON Pointer 'ptr' (exact, unescaped form), or -1. */
int aa_contract_find(const char *ptr);
/* The row a derived field is computed from (/evidence/... from
 * /solution/artifacts, the location Partner ID from /partner/partner_id),
 * or -1 for a field the user writes or one derived from the advice. */
int aa_contract_source(int row);
/* Row of child 'key' (length n) of object row 'parent', or -1. */
int aa_contract_child(int parent, const char *key, size_t n);
/* The same, for a reader that met child 'prev' of 'parent' last (-1 at an
 * object's first key): the few children that follow prev in contract
 * order are tried first, as a plan written by a program lists them. */
int aa_contract_child_after(int parent, int prev, const char *key, size_t n);
/* The rows as a reader of every key of a plan needs them, a byte a row
 * in tables of their own: a row of aa_fields is 72 bytes, and the loads
 * of its parent, key, type and derived flag for each key missed the cache
 * (an eighth of a batch's first-level read misses), as did a probe of
 * the hash table for an enumeration's value.  Each row's first child and
 * next sibling in contract order (-1: none), its key's length (0 for a
 * key too long to keep here: the hash table finds it) and the key's
 * first 16 bytes.  Made at the first call, kept for the process. */
struct aa_kin {
    signed char first[AA_FIELD_LIMIT], next[AA_FIELD_LIMIT];
    signed char parent[AA_FIELD_LIMIT];
    unsigned char keylen[AA_FIELD_LIMIT], type[AA_FIELD_LIMIT];
    unsigned char derived[AA_FIELD_LIMIT];
    char key[AA_FIELD_LIMIT][16];
    /* A row's enumeration: values vfirst[row] on in vlen (0 past 255
     * bytes) and vtext (the first 16 bytes), vcount[row] of them. */
    unsigned short vfirst[AA_FIELD_LIMIT], vcount[AA_FIELD_LIMIT];
    unsigned char *vlen;
    char (*vtext)[16];
};
const struct aa_kin *aa_contract_kin(void);
/* Index of 'v' (length n) in the field's enumeration, or -1. */
int aa_contract_enum_index(int field, const char *v, size_t n);
/* Number of values in the field's enumeration (0 when none). */
int aa_contract_enum_count(int field);
/* The closest name to 'word' among the children of 'parent' (or the enum
 * values of 'field' when parent < 0), if one is close enough; else NULL. */
const char *aa_contract_suggest_key(int parent, const char *word);
const char *aa_contract_suggest_value(int field, const char *word);
/* "a, b or c": the allowed values of an enum field, in a static buffer
 * owned by the caller-supplied storage. */
void aa_contract_values_text(int field, char *buf, size_t size);
/* The field's question with what it takes, for a reader who may not know
 * JSON: "Which agreement ...? (ea, mca, web_direct, csp)"; a boolean adds
 * "(yes or no)", an enum array "(one or more of ...)".  A derived field,
 * which has no question, gives its label.  Truncated to fit 'size'. */
void aa_contract_ask(int field, char *buf, size_t size);
/* The same, made once per field and kept for the life of the process
 * (the advice of every plan asks the same questions). */
const char *aa_contract_question(int field);
/* Name of a type for messages: "a string", "an array of strings", ... */
const char *aa_ftype_name(enum aa_ftype t);

/* The JSON Schema (draft 2020-12) of contract v1, as a heap string. */
char *aa_contract_schema(void);

#endif /* AA_CONTRACT_H */
