/*
 * compile.h -- rule AST -> checked program.
 *
 * The program is what eval.c runs: rules in declaration order, with every
 * path resolved to a contract row, every enum operand resolved to its index
 * and every list looked up, so evaluation compares integers and never
 * parses or searches by name.  It lives in the ruleset's arena, like the
 * AST it points into, so the ruleset frees it without calling back here.
 */
#ifndef AA_COMPILE_H
#define AA_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "rule.h"
#include "scan.h"

struct aa_ruleset;

/* A set of contract rows; the contract has fewer than 128 (test_contract
 * guards that). */
struct aa_rowset {
    uint64_t w[2];
};

static inline void
aa_rowset_add(struct aa_rowset *s, int row)
{
    s->w[row >> 6] |= (uint64_t)1 << (row & 63);
}

/* s gains the rows of o. */
static inline void
aa_rowset_or(struct aa_rowset *s, const struct aa_rowset *o)
{
    s->w[0] |= o->w[0];
    s->w[1] |= o->w[1];
}

static inline int
aa_rowset_has(const struct aa_rowset *s, int row)
{
    return (int)((s->w[row >> 6] >> (row & 63)) & 1);
}

/* A list's items by a hash of their text in ASCII lower case (the case
 * strcasecmp ignores): slot[i] holds an item's index + 1, 0 where free,
 * probed from aa_lindex_hash(s) & mask on. */
struct aa_lindex {
    size_t mask;
    const unsigned *slot;
};

static inline size_t
aa_lindex_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;

    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;

        h = (h ^ (c >= 'A' && c <= 'Z' ? c | 0x20 : c)) * 1099511628211u;
    }
    return (size_t)(h ^ (h >> 32));
}

/* What a node comes down to when it tests the bits of one enumerated or
 * boolean field's value (struct aa_node, fast): the value's bit, or the
 * bits of an array's items, against the node's mask. */
enum aa_fast {
    AA_FAST_NONE,  /* walked as its op says */
    AA_FAST_VALUE, /* equals, one_of: the value's bit is in the mask */
    AA_FAST_ANY,   /* any_item: an item's bit is in it */
    AA_FAST_ALL,   /* all_items: every item's */
    AA_FAST_NO     /* no_item: none */
};

/* One node of a compiled condition; kids are indices into prog->nodes.
 * 32 bytes, two to a cache line: a plan walks a few hundred nodes spread
 * over the whole program, and at 64 bytes they were most of the first-
 * level cache misses of a batch.  So what no node needs at once shares
 * room: kids are a combinator's (first, nkids), operands a leaf's (ival,
 * nvals and one of nval, sval, ivals, index), and eval.c reads each by
 * the node's op and the field's type.  A node marked fast needs none of
 * them but its mask, which takes the room of svals. */
struct aa_node {
    unsigned char op;   /* enum aa_op */
    unsigned char neg;  /* not_equals / missing folded as flags */
    unsigned char item; /* 1: tests the array item, not a field */
    unsigned char fast; /* enum aa_fast */
    int field;          /* contract row; -1 inside item tests */
    union {
        unsigned first; /* combinators: kids are kid[first .. +nkids) */
        int ival;       /* equals: enum index or bool */
    };
    union {
        unsigned nkids; /* combinators */
        unsigned nvals; /* one_of and lists: their values */
    };
    union {
        double nval;                   /* equals, lt..ge on numbers */
        const char *sval;              /* equals, starts_/ends_with */
        const int *ivals;              /* one_of: enum indices */
        const struct aa_lindex *index; /* a list's items, for lookup */
    };
    union {
        const char *const *svals; /* one_of over strings, a list's items */
        uint64_t mask;            /* fast: the value bits it is true for */
    };
};

/* A template split into literal text and field references. */
struct aa_tpl_part {
    const char *text; /* literal, or NULL for a field */
    int field;        /* contract row, or AA_TPL_MATCH */
};
/* ${match} in a detect rule: the name or value the scanner saw. */
enum { AA_TPL_MATCH = -2 };
struct aa_tpl {
    const struct aa_tpl_part *parts;
    size_t nparts;
};

/* An action's templates; nparts 0 where the rule gave none. */
struct aa_cact {
    struct aa_tpl text, command, snippet;
    unsigned refers; /* mechanisms it sends the partner to (rule.h) */
};

/* A guard of a rule (struct aa_crule): true when the bits of the value of
 * field gfield[k] have one in gmask[k].  A value's bits: the bit of an
 * enumeration's index, of a boolean (0 or 1), of each item's index in an
 * array of enumerations, and AA_G_THERE; an absent field has every bit but
 * AA_G_THERE, so it fails no guard but one of presence. */
#define AA_G_THERE ((uint64_t)1 << 63)
#define AA_G_ABSENT ((uint64_t)1 << 62)
enum { AA_GUARDS = 3 };

/* The fields every evaluation reads of a rule come first, within one
 * cache line; the rest is read only for the few rules that hold. */
struct aa_crule {
    int root;       /* node index, -1 when the rule has no 'when' */
    unsigned mechs; /* bit per mechanism it speaks for; 0: plan-wide */
    /* Copied from the rule: the class of its verdict signal (0 exclude,
     * 1 block, 2 automatic, 3 fit; -1 none), its weight and its count of
     * actions. */
    int cls, weight;
    unsigned nacts;
    /* Reads a field a workload view sets (the workloads, the agreement,
     * whether the partner transacts): else every view of a plan gives the
     * rule the same value. */
    unsigned char per_view;
    /* The first nresid guards, which the program's guard index (struct
     * aa_gindex) does not hold, so a first-stage rule tests them itself. */
    unsigned char nresid;
    /* Tests the condition cannot be true without (kids of its top 'all',
     * or the condition itself) that read one field and never leave the
     * rule unknown when it is present.  Most rules are false on a plan,
     * mostly by such a test, so eval.c tries these before walking the
     * condition. */
    unsigned char gfield[AA_GUARDS], nguards;
    /* Copied from the rule: whether it has a finding. */
    unsigned char has_finding;
    uint64_t gmask[AA_GUARDS];
    const struct aa_rule *src;
    int mech; /* enum aa_mech; AA_MECH_GEN for several or none */
    /* 1: decides with the scenario; 2: reads /outcome, so it runs once
     * every mechanism has its verdict, and only reports a finding. */
    int stage;
    /* Cites a soft fact: may inform, never decide, and reports only where
     * one of its mechanisms applies (docs/rules.md). */
    int soft;
    /* First any_item node of the condition, whose passing items are
     * ${match} in an ordinary rule; -1 when there is none. */
    int match_node;
    struct aa_rowset reads; /* fields the condition reads (and sources) */
    /* Copied from the rule beside its texts, for the reasons, actions and
     * findings it gives: the rule itself (the AST) is read nowhere else
     * on a plan, and each read of it was a cache line of its own. */
    const char *id;
    const char *const *facts;
    unsigned nfacts;
    unsigned char builtin, severity; /* enum aa_severity */
    unsigned char replaced;          /* a user's rule in a built-in's place */
    struct aa_tpl reason, message;
    struct aa_cact *acts; /* one per action of the rule */
    int pointer;          /* contract row of the finding */
    int detect;           /* enum aa_detect, or -1 for an ordinary rule */
};

/* The first-stage rules (staged[0]) that a value of one guarded field lets
 * through, as bitsets over their places in staged[0], so a view learns
 * which rules its guards leave alive with a word operation per field and
 * word of rules instead of a test per rule.  A rule is through where it
 * has no guard on the field, or where its first guard on it has a bit of
 * the value; the rule tests a second guard on the same field itself
 * (nresid).  pass holds rows of the program's gwords words: row
 * row_of[b] for a present value whose only bit is b (a row for each bit a
 * guard names, and one for the rest), the union of those rows for a value
 * with several bits, and row 'absent' for an absent field. */
/* Word k of a bitset over n rules with every one of them in. */
static inline uint64_t
aa_bits_all(size_t n, size_t k)
{
    return n >= (k + 1) * 64 ? ~(uint64_t)0
           : n > k * 64      ? ((uint64_t)1 << (n - k * 64)) - 1
                             : 0;
}

/* What the loop of every evaluation reads of a first-stage rule, kept in
 * staged[0]'s order at 16 bytes a rule: the sixty-odd rules a view visits
 * then share a few cache lines instead of taking one each in pg->rules. */
enum {
    AA_HOT_PER_VIEW = 1, /* crule per_view */
    AA_HOT_RESID = 2,    /* tests a guard itself: gfield, gmask */
    AA_HOT_HIDES = 4,    /* no verdict, and actions an unknown hides */
    AA_HOT_WORDS = 8,    /* gives words alone: no verdict, no finding */
    AA_HOT_RESID2 = 16,  /* and more, the crule's (nresid > 1) */
    AA_HOT_FINDING = 32  /* crule has_finding */
};
struct aa_hot {
    int root;             /* crule root */
    unsigned char mechs;  /* crule mechs, the seven mechanisms' bits */
    signed char cls;      /* crule cls */
    unsigned char flags;  /* AA_HOT_* */
    unsigned char gfield; /* the crule's first residual guard */
    uint64_t gmask;
};

/* The phases of a view's loop over its rules (aa_program clsbits): the
 * four classes of a verdict, then the rules without one. */
enum { AA_NO_CLASS = 4, AA_PHASES = 5 };

struct aa_gindex {
    unsigned field;
    unsigned absent, nrows;
    const uint64_t *pass;
    unsigned char row_of[64];
};

struct aa_program {
    struct aa_crule *rules;
    size_t nrules;
    /* What only explanations read of a node is beside the nodes:
     * node_src[i] is the condition node i was compiled from. */
    struct aa_node *nodes;
    const struct aa_cond **node_src;
    unsigned *kid; /* child node indices */
    size_t nnodes, nkid;
    /* Program index of the rule that reports each detector (enum
     * aa_detect), or -1 when no rule does: its hits are not reported. */
    int detect_rule[AA_D_COUNT];
    /* Program indices, in program order, of the rules that decide with the
     * scenario (stage 1, not a detector) and of the rules of the second
     * stage that have a condition: the two loops of every evaluation. */
    const unsigned *staged[2];
    size_t nstaged[2];
    const struct aa_hot *hot;     /* one per rule of staged[0], in its order */
    const struct aa_gindex *gidx; /* one per indexed field */
    size_t ngidx;
    size_t gwords; /* words of a bitset over staged[0] */
    /* The rules of staged[0] by class, as AA_PHASES bitsets of gwords
     * words: exclusions, blocks, automatic, fit, then the rules without a
     * verdict (AA_NO_CLASS).  A view evaluates them in that order, so that
     * it knows which mechanisms are settled before it reaches the rules
     * that could only speak for those (eval.c, tally_rules). */
    const uint64_t *clsbits;
    /* The rules of staged[0] that speak for one mechanism alone, by that
     * mechanism, as bitsets of gwords words: solo + ((f * AA_NMECH + m) *
     * gwords) holds those of mechanism m without a finding (f = 0) and
     * with one (f = 1).  Once m is settled a view drops them from its loop
     * a word at a time instead of visiting each to find it has nothing
     * left to say (tally_rules). */
    const uint64_t *solo;
    /* The rows of a plan the second stage reads: what the conditions of
     * staged[1] read, each one's finding pointer with its ancestors (where
     * a finding is located) and the fields of its message.  The view it
     * runs on copies these rows of the plan and no other (eval.c,
     * outcome_view); /outcome's own rows it writes itself. */
    struct aa_rowset stage2_rows;
    /* The last day the knowledge is not stale, a year after the
     * registry's as_of ("YYYY-MM" counting from the month's first day),
     * as "YYYY-MM-DD"; "" when as_of is no date (a user's registry). */
    char fresh_until[16];
};

/* A digest of what code written from the program's conditions takes as
 * constants (cond.h): each rule's root, each node's op, flags, field,
 * kids and mask.  Two programs with the same digest evaluate a
 * condition the same way. */
uint64_t aa_program_digest(const struct aa_program *pg);

#endif /* AA_COMPILE_H */
