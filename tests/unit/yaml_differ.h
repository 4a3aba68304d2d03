/*
 * yaml_differ.h -- one text read by the one-pass YAML reader and by
 * libyaml, and where their trees differ, for the tests that hold the one
 * to the other (unit/test_yaml_fast.c, fuzz/fuzz_yaml_fast.c).
 */
#ifndef AA_TEST_YAML_DIFFER_H
#define AA_TEST_YAML_DIFFER_H

#include <stdarg.h>
#include <string.h>

#include "yaml_tree.h"

static inline int
yaml_same(const struct aa_ynode *a, const struct aa_ynode *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->kind != b->kind || a->at.line != b->at.line ||
        a->at.col != b->at.col || a->n != b->n)
        return 0;
    if (a->kind == AA_Y_SCALAR)
        return a->plain == b->plain && strcmp(a->s, b->s) == 0;
    for (size_t i = 0; i < a->n; i++)
        if (!yaml_same(a->kids[i], b->kids[i]))
            return 0;
    return 1;
}

static inline void
yaml_differ_error(void *ctx, enum aa_code code, struct aa_loc at,
                  const char *fmt, va_list ap)
{
    (void)ctx;
    (void)code;
    (void)at;
    (void)fmt;
    (void)ap;
}

/* What the two readers did with one text. */
struct yaml_pair {
    struct aa_arena nodes, strings;
    int fast;    /* the one-pass reader took it */
    int slow_ok; /* libyaml read it without an error */
};

/* Reads data both ways; NULL when the invariant holds, else what broke. */
static inline const char *
yaml_differ_check(struct yaml_pair *y, const char *data, size_t len)
{
    struct aa_yparse p;
    struct aa_ynode *fast = NULL, *slow;

    memset(y, 0, sizeof(*y));
    aa_arena_init(&y->nodes);
    aa_arena_init(&y->strings);
    memset(&p, 0, sizeof(p));
    p.nodes = &y->nodes;
    p.strings = &y->strings;
    p.file = "t.yaml";
    p.data = data;
    p.len = len;
    p.what = "rule files";
    p.error = yaml_differ_error;
    y->fast = aa_yaml_read_fast(&p, &fast);
    aa_yaml_fast_path(0);
    slow = aa_yaml_parse(&p);
    aa_yaml_fast_path(1);
    y->slow_ok = !p.failed;
    if (!y->fast)
        return fast == NULL ? NULL : "a root from a text not taken";
    if (p.failed)
        return "taken by the one-pass reader, refused by libyaml";
    if (!yaml_same(fast, slow))
        return "the two readers' trees differ";
    return NULL;
}

static inline void
yaml_pair_fini(struct yaml_pair *y)
{
    aa_arena_fini(&y->nodes);
    aa_arena_fini(&y->strings);
}

#endif /* AA_TEST_YAML_DIFFER_H */
