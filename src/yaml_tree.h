/*
 * yaml_tree.h -- one YAML document -> a small, bounded node tree.  The
 * only file that includes <yaml.h> is yaml_tree.c; rule files
 * (rules_load.c) and the config file (config.c) read the tree.
 *
 * This is where untrusted YAML is bounded: the size is the caller's
 * check, nesting is at most the rules-depth limit, one document only, and
 * no anchors, aliases or tags at all, which rules out alias bombs.  Every
 * mapping key is a scalar, so a reader may take any key's text.
 */
#ifndef AA_YAML_TREE_H
#define AA_YAML_TREE_H

#include <stdarg.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum aa_ykind { AA_Y_SCALAR, AA_Y_MAP, AA_Y_SEQ };

/* A rule file of 25,000 rules has some 1.5 million nodes: their size is
 * most of what loading it writes to memory, so no field is spare. */
struct aa_ynode {
    enum aa_ykind kind;
    int plain; /* scalar written without quotes */
    struct aa_loc at;
    const char *s;          /* scalar text, NUL-free, in p->strings */
    struct aa_ynode **kids; /* map: key, value, key, value ...; seq: items */
    size_t n;
};

/* How to read one document.  The caller fills every field but 'failed'. */
struct aa_yparse {
    struct aa_arena *nodes;   /* the tree; the caller frees it */
    struct aa_arena *strings; /* scalar texts, which may outlive the tree */
    const char *file;         /* for locations */
    const char *data;
    size_t len;
    const char *what; /* "rule files", "config files": in messages */
    /* Reports one problem; the caller decides how many it shows. */
    void (*error)(void *ctx, enum aa_code code, struct aa_loc at,
                  const char *fmt, va_list ap);
    void *ctx;
    int failed; /* set when error was called */
};

/* The document's root node; NULL for an empty stream, or after an error
 * (p->failed tells which).  Out of memory ends the process (exit 4). */
struct aa_ynode *aa_yaml_parse(struct aa_yparse *p);

/* The kids of the mappings and sequences being read, innermost last: a
 * node's kids gather here and are copied to the arena once, at their
 * final number, so a tree holds no half-empty arrays that grew by
 * doubling.  How both readers below build a collection. */
struct aa_ykids {
    struct aa_ynode **v;
    size_t n, cap;
};
void aa_ykids_push(struct aa_ykids *st, struct aa_ynode *kid);
/* The kids pushed since 'base', moved to n in 'nodes'. */
void aa_ykids_close(struct aa_ykids *st, struct aa_arena *nodes,
                    struct aa_ynode *n, size_t base);

/* The one-pass reader of yaml_fast.c, which aa_yaml_parse tries first:
 * 1 with *root set (NULL for an empty document) when it took the text as
 * libyaml would, 0 when libyaml must read it.  It reports nothing. */
int aa_yaml_read_fast(struct aa_yparse *p, struct aa_ynode **root);
/* Off: aa_yaml_parse reads with libyaml alone (the tests compare). */
void aa_yaml_fast_path(int on);

/* The value of 'key' in a mapping, or NULL. */
const struct aa_ynode *aa_yaml_get(const struct aa_ynode *map, const char *key);
/* "a scalar", "a mapping" or "a sequence", for messages. */
const char *aa_yaml_kind_name(enum aa_ykind kind);
/* A plain scalar that YAML reads as null: empty, ~, null, Null, NULL. */
int aa_yaml_is_null(const struct aa_ynode *n);
/* Whether a file's 'version' node is the quoted string "1", which rule and
 * config files refuse with AA_YAML_VERSION_QUOTED rather than as a version
 * they do not read. */
int aa_yaml_version_quoted(const struct aa_ynode *v);
#define AA_YAML_VERSION_QUOTED                                                 \
    "'version' is the number 1, not the string \"1\": write version: 1"

#endif /* AA_YAML_TREE_H */
