/*
 * yaml_tree.c -- the libyaml event stream -> a node tree (yaml_tree.h).
 * The only file that includes <yaml.h>.
 */
#include "yaml_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "limits.h"

static void yerror(struct aa_yparse *p, enum aa_code code, struct aa_loc at,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
yerror(struct aa_yparse *p, enum aa_code code, struct aa_loc at,
       const char *fmt, ...)
{
    va_list ap;

    p->failed = 1;
    va_start(ap, fmt);
    p->error(p->ctx, code, at, fmt, ap);
    va_end(ap);
}

/* libyaml marks are 0-based; ours are 1-based.  The only conversion. */
static struct aa_loc
loc_from_mark(const struct aa_yparse *p, yaml_mark_t m)
{
    struct aa_loc at = {p->file, (unsigned)m.line + 1, (unsigned)m.column + 1};

    return at;
}

/* Reader errors (bad UTF-8) carry a byte offset, not a mark. */
static struct aa_loc
loc_from_offset(const struct aa_yparse *p, size_t off)
{
    return aa_loc_of_offset(p->file, p->data, off < p->len ? off : p->len);
}

static void
syntax_error(struct aa_yparse *p, yaml_parser_t *yp)
{
    if (yp->error == YAML_READER_ERROR) {
        yerror(p, AA_E_UTF8, loc_from_offset(p, yp->problem_offset),
               "%s; %s must be UTF-8",
               yp->problem ? yp->problem : "cannot read", p->what);
        return;
    }
    if (yp->context != NULL)
        yerror(p, AA_E_YAML_SYNTAX, loc_from_mark(p, yp->problem_mark),
               "YAML: %s %s (line %zu)", yp->problem ? yp->problem : "error",
               yp->context, yp->context_mark.line + 1);
    else
        yerror(p, AA_E_YAML_SYNTAX, loc_from_mark(p, yp->problem_mark),
               "YAML: %s", yp->problem ? yp->problem : "syntax error");
}

static struct aa_ynode *
new_ynode(struct aa_yparse *p, enum aa_ykind kind, yaml_mark_t m)
{
    struct aa_ynode *n = aa_arena_alloc(p->nodes, sizeof(*n));

    n->kind = kind;
    n->at = loc_from_mark(p, m);
    return n;
}

void
aa_ykids_push(struct aa_ykids *st, struct aa_ynode *kid)
{
    if (st->n == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 64;
        st->v = aa_xrealloc(st->v, st->cap, sizeof(*st->v));
    }
    st->v[st->n++] = kid;
}

void
aa_ykids_close(struct aa_ykids *st, struct aa_arena *nodes, struct aa_ynode *n,
               size_t base)
{
    n->n = st->n - base;
    if (n->n > 0) {
        n->kids = aa_arena_alloc(nodes, n->n * sizeof(*n->kids));
        memcpy(n->kids, st->v + base, n->n * sizeof(*n->kids));
    }
    st->n = base;
}

/* Refuse anchors and tags on a node; returns -1 after reporting. */
static int
check_node_props(struct aa_yparse *p, const yaml_char_t *anchor,
                 const yaml_char_t *tag, yaml_mark_t m, int implicit_tag)
{
    if (anchor != NULL) {
        yerror(p, AA_E_YAML_ALIAS, loc_from_mark(p, m),
               "YAML anchors and aliases are not allowed in %s", p->what);
        return -1;
    }
    if (tag != NULL && !implicit_tag) {
        yerror(p, AA_E_SCHEMA, loc_from_mark(p, m),
               "YAML tags are not allowed in %s", p->what);
        return -1;
    }
    return 0;
}

/* node := SCALAR | MAPPING-START node* MAPPING-END | SEQUENCE-START ... */
static struct aa_ynode *
parse_node(struct aa_yparse *p, yaml_parser_t *yp, yaml_event_t *ev,
           struct aa_ykids *st, int depth)
{
    struct aa_ynode *n = NULL;
    yaml_event_t kid;
    size_t base;

    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        yerror(p, AA_E_YAML_ALIAS, loc_from_mark(p, ev->start_mark),
               "YAML anchors and aliases are not allowed in %s", p->what);
        return NULL;
    case YAML_SCALAR_EVENT:
        if (check_node_props(p, ev->data.scalar.anchor, ev->data.scalar.tag,
                             ev->start_mark,
                             ev->data.scalar.plain_implicit ||
                                 ev->data.scalar.quoted_implicit) != 0)
            return NULL;
        n = new_ynode(p, AA_Y_SCALAR, ev->start_mark);
        n->s = aa_arena_strndup(p->strings, (const char *)ev->data.scalar.value,
                                ev->data.scalar.length);
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (strlen(n->s) != ev->data.scalar.length) {
            yerror(p, AA_E_SCHEMA, n->at,
                   "the NUL character is not allowed in %s", p->what);
            return NULL;
        }
        return n;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int is_map = ev->type == YAML_MAPPING_START_EVENT;
        yaml_event_type_t end =
            is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;

        if (check_node_props(p,
                             is_map ? ev->data.mapping_start.anchor
                                    : ev->data.sequence_start.anchor,
                             is_map ? ev->data.mapping_start.tag
                                    : ev->data.sequence_start.tag,
                             ev->start_mark,
                             is_map ? ev->data.mapping_start.implicit
                                    : ev->data.sequence_start.implicit) != 0)
            return NULL;
        if ((size_t)depth >= aa_limit(AA_LIMIT_RULES_DEPTH)) {
            yerror(p, AA_E_LIMIT, loc_from_mark(p, ev->start_mark),
                   "nested deeper than %zu levels (--limit rules-depth=N)",
                   aa_limit(AA_LIMIT_RULES_DEPTH));
            return NULL;
        }
        n = new_ynode(p, is_map ? AA_Y_MAP : AA_Y_SEQ, ev->start_mark);
        base = st->n;
        for (;;) {
            struct aa_ynode *k;

            if (!yaml_parser_parse(yp, &kid)) {
                syntax_error(p, yp);
                return NULL;
            }
            if (kid.type == end) {
                yaml_event_delete(&kid);
                break;
            }
            k = parse_node(p, yp, &kid, st, depth + 1);
            yaml_event_delete(&kid);
            if (k == NULL)
                return NULL;
            /* Keys sit at even positions.  Refusing a complex key here
             * means no later step meets a key without text. */
            if (is_map && (st->n - base) % 2 == 0 && k->kind != AA_Y_SCALAR) {
                yerror(p, AA_E_SCHEMA, k->at, "keys must be plain text, not %s",
                       aa_yaml_kind_name(k->kind));
                return NULL;
            }
            aa_ykids_push(st, k);
        }
        aa_ykids_close(st, p->nodes, n, base);
        return n;
    }
    default:
        yerror(p, AA_E_YAML_SYNTAX, loc_from_mark(p, ev->start_mark),
               "unexpected YAML event");
        return NULL;
    }
}

/* stream := STREAM-START (DOCUMENT-START node DOCUMENT-END)? STREAM-END */
struct aa_ynode *
aa_yaml_parse(struct aa_yparse *p)
{
    struct aa_ynode *root = NULL;
    struct aa_ykids st = {NULL, 0, 0};
    yaml_parser_t yp;
    yaml_event_t ev;
    int docs = 0;

    p->failed = 0;
    if (aa_yaml_read_fast(p, &root))
        return root;
    if (!yaml_parser_initialize(&yp)) {
        fputs("attrib-advise: error: out of memory\n", stderr);
        exit(4);
    }
    yaml_parser_set_input_string(&yp, (const unsigned char *)p->data, p->len);
    for (;;) {
        if (!yaml_parser_parse(&yp, &ev)) {
            syntax_error(p, &yp);
            root = NULL;
            break;
        }
        if (ev.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
            yerror(p, AA_E_SCHEMA, loc_from_mark(p, ev.start_mark),
                   "%s hold one YAML document", p->what);
            yaml_event_delete(&ev);
            root = NULL;
            break;
        }
        if (ev.type != YAML_STREAM_START_EVENT &&
            ev.type != YAML_DOCUMENT_START_EVENT &&
            ev.type != YAML_DOCUMENT_END_EVENT &&
            (root = parse_node(p, &yp, &ev, &st, 0)) == NULL) {
            yaml_event_delete(&ev);
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&yp);
    free(st.v);
    return p->failed ? NULL : root;
}

const struct aa_ynode *
aa_yaml_get(const struct aa_ynode *map, const char *key)
{
    /* The first letter first: every rule's keys are looked up at every
     * start. */
    for (size_t i = 0; i < map->n; i += 2)
        if (map->kids[i]->s[0] == key[0] && strcmp(map->kids[i]->s, key) == 0)
            return map->kids[i + 1];
    return NULL;
}

const char *
aa_yaml_kind_name(enum aa_ykind kind)
{
    return kind == AA_Y_MAP   ? "a mapping"
           : kind == AA_Y_SEQ ? "a sequence"
                              : "a scalar";
}

int
aa_yaml_version_quoted(const struct aa_ynode *v)
{
    return v->kind == AA_Y_SCALAR && !v->plain && strcmp(v->s, "1") == 0;
}

int
aa_yaml_is_null(const struct aa_ynode *n)
{
    const char *s = n->s;

    if (n->kind != AA_Y_SCALAR || !n->plain)
        return 0;
    if (s[0] == '\0')
        return 1;
    return s[0] == '~' ? s[1] == '\0'
                       : (s[0] == 'n' || s[0] == 'N') &&
                             (strcmp(s, "null") == 0 ||
                              strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0);
}
