/*
 * compile.c -- rule AST -> checked program.
 *
 * Everything that can be wrong with a rule beyond its YAML shape is found
 * here, once, before any scenario is read:
 *
 *   ruleset  := fact* list* rule*      ids unique within a layer; a rule of
 *                                      a later layer replaces its namesake
 *   rule     := title facts (when | detect)? signal? templates
 *   title    := TEXT                   one line of at most 80 characters,
 *                                      no '${', no full stop at the end
 *   description := TEXT                no '${'; required when the rule's
 *                                      first text (reason, else finding,
 *                                      else action) is a template
 *   detect   := DETECTOR               a name of scan.h's table; the rule
 *                                      has a finding, no when, no verdict,
 *                                      and one rule per detector
 *   facts    := FACT-ID+               each in the loaded registry
 *   when     := cond                   every path names a contract field,
 *                                      every operator fits the field's type
 *   template := (TEXT | '${' PATH '}' | '$$')*
 *
 * The output is flat: nodes in one array, children as index ranges, enum
 * operands as indices, lists as borrowed arrays.  Evaluation then never
 * compares a key or an enum string.  Invariant: a program exists only for a
 * ruleset that produced no error; aa_eval refuses anything else.
 */
#include "compile.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contract.h"
#include "limits.h"
#include "report.h"
#include "ruleset.h"

/*
 * Names of rules, facts and lists are sorted once with their AST
 * positions, so namesakes come together in load order: the duplicate
 * checks (select_rules, check_registry) are one sort and one pass, and a
 * list is found by binary search.  A file of many thousands of lists then
 * costs milliseconds, not the square of their number.
 */
struct named {
    const char *name;
    size_t ix; /* position in the AST array */
};

static int
cmp_named(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    int d = strcmp(x->name, y->name);

    if (d != 0)
        return d;
    return (x->ix > y->ix) - (x->ix < y->ix);
}

static void
sort_named(struct named *v, size_t n)
{
    if (n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(v, n, sizeof(*v), cmp_named);
}

/* The first entry of v[0..n) named 'name', by binary search, or -1. */
static ptrdiff_t
find_named(const struct named *v, size_t n, const char *name)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(v[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(v[lo].name, name) == 0 ? (ptrdiff_t)lo : -1;
}

struct cc {
    struct aa_ruleset *rs;
    struct aa_diags *dl;
    struct aa_program *prog;
    struct named *lists; /* names of the lists, sorted (check_registry) */
    size_t nlists;
    size_t capnodes, capkid;
    const struct aa_rule *rule; /* rule being compiled, for messages */
    int match_node;             /* its first any_item node, or -1 */
    int errors;
};

static void error(struct cc *c, enum aa_code code, struct aa_loc at,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
error(struct cc *c, enum aa_code code, struct aa_loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    aa_diag_vadd(c->dl, code, at, c->rule ? c->rule->id : NULL, fmt, ap);
    va_end(ap);
    c->errors++;
}

/*
 * path := '/' segment ('/' segment)*      JSON Pointer; ~0 = '~', ~1 = '/'
 *       | key ('.' key)*                  dot path;   \. = '.', \\ = '\'
 * Returns the contract row, or -1 after reporting why.
 */
static int
resolve_path(struct cc *c, const char *path, struct aa_loc at)
{
    char seg[256];
    const char *p = path;
    int row = AA_FIELD_ROOT;
    int pointer = path[0] == '/';

    if (path[0] == '\0') {
        error(c, AA_E_PATH, at, "empty path");
        return -1;
    }
    /* A pointer without escapes is found whole, in one lookup; the walk
     * below finds the rest, and says what is wrong with a bad one. */
    if (pointer && strchr(path, '~') == NULL &&
        (row = aa_contract_find(path)) > AA_FIELD_ROOT)
        return row;
    row = AA_FIELD_ROOT;
    if (pointer)
        p++;
    for (;;) {
        size_t n = 0;
        int next;

        while (*p != '\0' && *p != (pointer ? '/' : '.')) {
            char ch = *p++;

            if (pointer && ch == '~') {
                if (*p != '0' && *p != '1') {
                    error(c, AA_E_PATH, at,
                          "bad path '%s': '~' must be followed by 0 or 1",
                          path);
                    return -1;
                }
                ch = *p++ == '0' ? '~' : '/';
            } else if (!pointer && ch == '\\') {
                if (*p != '.' && *p != '\\') {
                    error(c, AA_E_PATH, at,
                          "bad path '%s': '\\' must be followed by '.' or "
                          "'\\'",
                          path);
                    return -1;
                }
                ch = *p++;
            }
            if (n + 1 >= sizeof(seg)) {
                error(c, AA_E_PATH, at, "bad path: a key is too long");
                return -1;
            }
            seg[n++] = ch;
        }
        seg[n] = '\0';
        if (n == 0) {
            error(c, AA_E_PATH, at, "bad path '%s': empty key", path);
            return -1;
        }
        if (aa_fields[row].type != AA_T_OBJECT) {
            error(c, AA_E_PATH, at,
                  "bad path '%s': '%s' is not an object, so it has no '%s'",
                  path, aa_fields[row].ptr, seg);
            return -1;
        }
        next = aa_contract_child(row, seg, n);
        if (next < 0) {
            const char *hint = aa_contract_suggest_key(row, seg);

            error(c, AA_E_PATH, at,
                  "bad path '%s': the scenario contract has no field '%s' "
                  "in '%s'%s%s%s",
                  path, seg, row == 0 ? "/" : aa_fields[row].ptr,
                  hint ? " (did you mean '" : "", hint ? hint : "",
                  hint ? "'?)" : "");
            return -1;
        }
        row = next;
        if (*p == '\0')
            return row;
        p++;
    }
}

static unsigned
new_node(struct cc *c)
{
    struct aa_program *pg = c->prog;

    if (pg->nnodes == c->capnodes) {
        c->capnodes = c->capnodes ? c->capnodes * 2 : 256;
        pg->nodes = aa_xrealloc(pg->nodes, c->capnodes, sizeof(*pg->nodes));
        pg->node_src =
            aa_xrealloc(pg->node_src, c->capnodes, sizeof(*pg->node_src));
    }
    pg->node_src[pg->nnodes] = NULL;
    _Static_assert(sizeof(struct aa_node) <= 32, "a node is half a line");
    memset(&pg->nodes[pg->nnodes], 0, sizeof(*pg->nodes));
    pg->nodes[pg->nnodes].field = -1;
    return (unsigned)pg->nnodes++;
}

static struct aa_list *
find_list(struct cc *c, const char *name)
{
    ptrdiff_t i = find_named(c->lists, c->nlists, name);

    return i >= 0 ? c->rs->ast.lists[c->lists[i].ix] : NULL;
}

static int
is_array(enum aa_ftype t)
{
    return t == AA_T_STRING_ARRAY || t == AA_T_ENUM_ARRAY;
}

/* Check one literal against a scalar type; for enums return the index. */
static int
check_lit(struct cc *c, const struct aa_cond *k, const struct aa_lit *l,
          int row, enum aa_ftype t, int *out)
{
    switch (t) {
    case AA_T_BOOL:
        if (l->kind != AA_LIT_BOOL) {
            error(c, AA_E_OPERATOR, l->at,
                  "'%s' on '%s' expects true or false, got '%s'%s",
                  aa_op_name(k->op), aa_fields[row].ptr, l->s,
                  l->kind == AA_LIT_STRING ? " (a string)" : "");
            return -1;
        }
        *out = l->b;
        return 0;
    case AA_T_INT:
        if (l->kind != AA_LIT_NUMBER || l->n != floor(l->n)) {
            error(c, AA_E_OPERATOR, l->at,
                  "'%s' on '%s' expects an integer, got '%s'",
                  aa_op_name(k->op), aa_fields[row].ptr, l->s);
            return -1;
        }
        return 0;
    case AA_T_STRING:
    case AA_T_STRING_ARRAY:
        if (l->kind != AA_LIT_STRING) {
            error(c, AA_E_OPERATOR, l->at,
                  "'%s' on '%s' expects a string, got '%s' (quote it if "
                  "you mean the text)",
                  aa_op_name(k->op), aa_fields[row].ptr, l->s);
            return -1;
        }
        return 0;
    case AA_T_ENUM:
    case AA_T_ENUM_ARRAY: {
        char allowed[512];
        const char *hint;
        int ix = aa_contract_enum_index(row, l->s, strlen(l->s));

        if (l->kind == AA_LIT_STRING && ix >= 0) {
            *out = ix;
            return 0;
        }
        aa_contract_values_text(row, allowed, sizeof(allowed));
        hint = aa_contract_suggest_value(row, l->s);
        error(c, AA_E_OPERATOR, l->at,
              "'%s' is not a value of '%s'; expected %s%s%s%s", l->s,
              aa_fields[row].ptr, allowed, hint ? " (did you mean '" : "",
              hint ? hint : "", hint ? "'?)" : "");
        return -1;
    }
    case AA_T_OBJECT:
        break;
    }
    return -1;
}

static int compile_cond(struct cc *c, const struct aa_cond *k, int item_row,
                        int *first_path);

/* A list's index (compile.h), in the ruleset's arena. */
static const struct aa_lindex *
list_index(struct cc *c, const char *const *items, size_t n)
{
    struct aa_lindex *x = aa_arena_alloc(&c->rs->arena, sizeof(*x));
    size_t cap = 8;
    unsigned *slot;

    while (cap < 2 * n)
        cap *= 2;
    slot = aa_arena_alloc(&c->rs->arena, cap * sizeof(*slot));
    for (size_t i = 0; i < n; i++) {
        size_t h = aa_lindex_hash(items[i]) & (cap - 1);

        while (slot[h] != 0)
            h = (h + 1) & (cap - 1);
        slot[h] = (unsigned)i + 1;
    }
    x->mask = cap - 1;
    x->slot = slot;
    return x;
}

/*
 * cond := all | any | not | quantifier | test
 * item_row >= 0: we are inside a quantifier over that array row, and tests
 * have no path of their own.
 */
static int
compile_cond(struct cc *c, const struct aa_cond *k, int item_row,
             int *first_path)
{
    unsigned self = new_node(c);
    struct aa_node *n;
    enum aa_ftype t;
    int row = -1, ix = 0;

    c->prog->nodes[self].op = (unsigned char)k->op;
    c->prog->node_src[self] = k;
    if (k->op == AA_OP_ALL || k->op == AA_OP_ANY || k->op == AA_OP_NOT) {
        unsigned kids[64];
        size_t nk = k->nkids < 64 ? k->nkids : 64;

        if (k->nkids > 64)
            error(c, AA_E_LIMIT, k->at, "more than 64 conditions in '%s'",
                  aa_op_name(k->op));
        for (size_t i = 0; i < nk; i++) {
            int kid = compile_cond(c, k->kids[i], item_row, first_path);

            if (kid < 0)
                return -1;
            kids[i] = (unsigned)kid;
        }
        n = &c->prog->nodes[self];
        n->first = (unsigned)c->prog->nkid;
        n->nkids = (unsigned)nk;
        for (size_t i = 0; i < nk; i++) {
            if (c->prog->nkid == c->capkid) {
                c->capkid = c->capkid ? c->capkid * 2 : 256;
                c->prog->kid =
                    aa_xrealloc(c->prog->kid, c->capkid, sizeof(*c->prog->kid));
            }
            c->prog->kid[c->prog->nkid++] = kids[i];
        }
        return (int)self;
    }

    /* A test: find the type it applies to. */
    if (item_row >= 0) {
        if (k->path != NULL) {
            error(c, AA_E_PATH, k->path_at,
                  "a test inside '%s' checks the item itself and takes no "
                  "'path'",
                  "any_item/all_items/no_item");
            return -1;
        }
        row = item_row;
        t = aa_fields[row].type == AA_T_ENUM_ARRAY ? AA_T_ENUM : AA_T_STRING;
    } else {
        if (k->path == NULL) {
            error(c, AA_E_PATH, k->at, "'%s' needs a 'path'",
                  aa_op_name(k->op));
            return -1;
        }
        if ((row = resolve_path(c, k->path, k->path_at)) < 0)
            return -1;
        if (*first_path < 0)
            *first_path = row;
        t = aa_fields[row].type;
    }
    n = &c->prog->nodes[self];
    n->field = item_row >= 0 ? -1 : row;
    n->item = (unsigned char)(item_row >= 0);

    switch (k->op) {
    case AA_OP_EXISTS:
    case AA_OP_MISSING:
        if (item_row >= 0) {
            error(c, AA_E_OPERATOR, k->at, "'%s' does not apply to array items",
                  aa_op_name(k->op));
            return -1;
        }
        /* missing: true == exists: false; keep one operator. */
        n->op = AA_OP_EXISTS;
        n->neg = (unsigned char)((k->op == AA_OP_MISSING) == (k->flag != 0));
        return (int)self;
    case AA_OP_EMPTY:
        if (item_row >= 0 || !is_array(t)) {
            error(c, AA_E_OPERATOR, k->at,
                  "'empty' applies to array fields; '%s' is %s",
                  aa_fields[row].ptr,
                  item_row >= 0 ? "an array item" : aa_ftype_name(t));
            return -1;
        }
        n->neg = (unsigned char)!k->flag;
        return (int)self;
    case AA_OP_ANY_ITEM:
    case AA_OP_ALL_ITEMS:
    case AA_OP_NO_ITEM: {
        int kid;

        if (item_row >= 0 || !is_array(t)) {
            error(c, AA_E_OPERATOR, k->at,
                  "'%s' applies to array fields; '%s' is %s", aa_op_name(k->op),
                  aa_fields[row].ptr,
                  item_row >= 0 ? "an array item" : aa_ftype_name(t));
            return -1;
        }
        if ((kid = compile_cond(c, k->kids[0], row, first_path)) < 0)
            return -1;
        if (c->prog->nkid == c->capkid) {
            c->capkid = c->capkid ? c->capkid * 2 : 256;
            c->prog->kid =
                aa_xrealloc(c->prog->kid, c->capkid, sizeof(*c->prog->kid));
        }
        n = &c->prog->nodes[self];
        n->first = (unsigned)c->prog->nkid;
        n->nkids = 1;
        c->prog->kid[c->prog->nkid++] = (unsigned)kid;
        return (int)self;
    }
    default:
        break;
    }

    if (is_array(t) || t == AA_T_OBJECT) {
        error(c, AA_E_OPERATOR, k->at,
              "'%s' does not apply to '%s', which is %s%s", aa_op_name(k->op),
              aa_fields[row].ptr, aa_ftype_name(t),
              is_array(t) ? "; use any_item, all_items or no_item" : "");
        return -1;
    }

    switch (k->op) {
    case AA_OP_EQUALS:
    case AA_OP_NOT_EQUALS:
        if (check_lit(c, k, &k->lits[0], row, t, &ix) < 0)
            return -1;
        n = &c->prog->nodes[self];
        n->op = AA_OP_EQUALS;
        n->neg = k->op == AA_OP_NOT_EQUALS;
        n->ival = ix;
        if (t == AA_T_INT)
            n->nval = k->lits[0].n;
        else
            n->sval = k->lits[0].s;
        return (int)self;
    case AA_OP_ONE_OF: {
        int *ivals;
        const char **svals;

        if (t != AA_T_STRING && t != AA_T_ENUM) {
            error(c, AA_E_OPERATOR, k->at,
                  "'one_of' applies to string fields; '%s' is %s",
                  aa_fields[row].ptr, aa_ftype_name(t));
            return -1;
        }
        ivals = aa_arena_alloc(&c->rs->arena, k->nlits * sizeof(*ivals));
        svals = aa_arena_alloc(&c->rs->arena, k->nlits * sizeof(*svals));
        for (size_t i = 0; i < k->nlits; i++) {
            if (check_lit(c, k, &k->lits[i], row, t, &ivals[i]) < 0)
                return -1;
            svals[i] = k->lits[i].s;
        }
        n = &c->prog->nodes[self];
        n->ivals = ivals;
        n->svals = svals;
        n->nvals = (unsigned)k->nlits;
        return (int)self;
    }
    case AA_OP_STARTS_WITH:
    case AA_OP_ENDS_WITH:
        if (t != AA_T_STRING) {
            error(c, AA_E_OPERATOR, k->at,
                  "'%s' applies to free-text strings; '%s' is %s",
                  aa_op_name(k->op), aa_fields[row].ptr, aa_ftype_name(t));
            return -1;
        }
        n->sval = k->lits[0].s;
        return (int)self;
    case AA_OP_LT:
    case AA_OP_LE:
    case AA_OP_GT:
    case AA_OP_GE:
        if (t != AA_T_INT) {
            error(c, AA_E_OPERATOR, k->at, "'%s' compares numbers; '%s' is %s",
                  aa_op_name(k->op), aa_fields[row].ptr, aa_ftype_name(t));
            return -1;
        }
        if (k->lits[0].kind != AA_LIT_NUMBER) {
            error(c, AA_E_OPERATOR, k->lits[0].at,
                  "'%s' expects a number, got '%s'", aa_op_name(k->op),
                  k->lits[0].s);
            return -1;
        }
        n->nval = k->lits[0].n;
        return (int)self;
    case AA_OP_IS_GUID:
    case AA_OP_IS_PARTNER_ID:
    case AA_OP_AZURERM_PID:
    case AA_OP_PEC_ROLE:
    case AA_OP_PEC_INELIGIBLE_ROLE:
    case AA_OP_READ_ONLY_ROLE:
    case AA_OP_MISCASED_IN:
    case AA_OP_IN_LIST: {
        /* read_only_role is the older name of pec_ineligible_role: the
         * table of PAL-F20 says "not eligible", which is wider than
         * read-only (Cognitive Services User is not eligible either). */
        const char *lname = k->op == AA_OP_PEC_ROLE ? "pec_eligible_roles"
                            : k->op == AA_OP_PEC_INELIGIBLE_ROLE ||
                                    k->op == AA_OP_READ_ONLY_ROLE
                                ? "pec_ineligible_roles"
                                : k->list;

        if (t != AA_T_STRING) {
            error(c, AA_E_OPERATOR, k->at,
                  "'%s' applies to free-text strings; '%s' is %s",
                  aa_op_name(k->op), aa_fields[row].ptr,
                  t == AA_T_ENUM ? "an enumeration (use one_of)"
                                 : aa_ftype_name(t));
            return -1;
        }
        n->neg =
            k->op != AA_OP_IN_LIST && k->op != AA_OP_MISCASED_IN && !k->flag;
        if (lname != NULL) {
            struct aa_list *l = find_list(c, lname);

            if (l == NULL) {
                error(c, AA_E_OPERATOR, k->at,
                      "'%s' needs a list named '%s', and no rule file "
                      "defines one",
                      aa_op_name(k->op), lname);
                return -1;
            }
            n = &c->prog->nodes[self];
            n->op =
                k->op == AA_OP_MISCASED_IN ? AA_OP_MISCASED_IN : AA_OP_IN_LIST;
            n->svals = l->items;
            n->nvals = (unsigned)l->nitems;
            if (l->index == NULL)
                l->index = list_index(c, l->items, l->nitems);
            n->index = l->index;
        }
        return (int)self;
    }
    default:
        break;
    }
    error(c, AA_E_OPERATOR, k->at, "operator '%s' cannot be used here",
          aa_op_name(k->op));
    return -1;
}

/* template := (TEXT | '${' PATH '}' | '$$')* */
static int
compile_tpl(struct cc *c, const char *s, struct aa_loc at, struct aa_tpl *out)
{
    int detect = c->rule != NULL && c->rule->detect != NULL;
    struct aa_tpl_part parts[64], *kept;
    size_t np = 0;
    const char *p = s;
    char *buf = NULL;
    size_t blen = 0;
    int rc = -1;

    out->parts = NULL;
    out->nparts = 0;
    if (s == NULL)
        return 0;
    buf = aa_arena_alloc(&c->rs->arena, strlen(s) + 1);
    while (*p != '\0') {
        const char *end;
        char path[256];
        int row;

        if (p[0] != '$' || (p[1] != '$' && p[1] != '{')) {
            buf[blen++] = *p++;
            continue;
        }
        if (p[1] == '$') {
            buf[blen++] = '$';
            p += 2;
            continue;
        }
        if ((end = strchr(p + 2, '}')) == NULL) {
            error(c, AA_E_SCHEMA, at, "unterminated '${' in \"%s\"", s);
            goto out;
        }
        if ((size_t)(end - p - 2) >= sizeof(path) || np + 2 > 64) {
            error(c, AA_E_LIMIT, at, "template too complex: \"%s\"", s);
            goto out;
        }
        memcpy(path, p + 2, (size_t)(end - p - 2));
        path[end - p - 2] = '\0';
        if (strcmp(path, "match") == 0 && (detect || c->match_node >= 0)) {
            row = AA_TPL_MATCH;
        } else if (strcmp(path, "match") == 0) {
            error(c, AA_E_PATH, at,
                  "'${match}' prints the items that passed the first "
                  "any_item of 'when', and this rule has none");
            goto out;
        } else if ((row = resolve_path(c, path, at)) < 0) {
            goto out;
        } else if (aa_fields[row].type == AA_T_OBJECT) {
            error(c, AA_E_PATH, at,
                  "'${%s}' names an object; a template needs a value", path);
            goto out;
        }
        if (blen > 0) {
            parts[np].text = aa_arena_strndup(&c->rs->arena, buf, blen);
            parts[np++].field = -1;
            blen = 0;
        }
        parts[np].text = NULL;
        parts[np++].field = row;
        p = end + 1;
    }
    if (blen > 0 || np == 0) {
        parts[np].text = aa_arena_strndup(&c->rs->arena, buf, blen);
        parts[np++].field = -1;
    }
    /* Field by field into zeroed memory: a copy of the array would carry
     * the stack's bytes of padding into the image of the built-in rules
     * (embed_image.c), which must be the same at every build. */
    kept = aa_arena_alloc(&c->rs->arena, np * sizeof(*kept));
    for (size_t i = 0; i < np; i++) {
        kept[i].text = parts[i].text;
        kept[i].field = parts[i].field;
    }
    out->parts = kept;
    out->nparts = np;
    rc = 0;
out:
    return rc;
}

/* A detect rule reports what the deployment-code scan saw: it needs a
 * finding to say it, and nothing of the scenario decides it. */
static void
compile_detect(struct cc *c, const struct aa_rule *r, struct aa_crule *cr)
{
    int d = aa_detect_find(r->detect);
    int *slot;

    if (d < 0) {
        error(c, AA_E_SCHEMA, r->detect_at,
              "unknown detector '%s' (docs/rules.md lists them)", r->detect);
        return;
    }
    if (r->when != NULL || r->signal != AA_SIG_NONE || !r->has_finding ||
        r->nactions > 0) {
        error(c, AA_E_SCHEMA, r->detect_at,
              "a rule with 'detect' reports a finding per hit: it needs "
              "'finding' and takes no 'when', 'verdict' or 'actions'");
        return;
    }
    slot = &c->prog->detect_rule[d];
    if (*slot >= 0) {
        error(c, AA_E_DUPLICATE, r->detect_at,
              "detector '%s' is already reported by rule '%s'", r->detect,
              c->prog->rules[*slot].src->id);
        return;
    }
    if (r->nfacts == 0 && d < AA_D_INPUT_FIRST) {
        error(c, AA_E_SCHEMA, r->at,
              "rule needs 'facts': only the detectors of the plan file "
              "itself rest on none");
        return;
    }
    *slot = (int)c->prog->nrules;
    cr->detect = d;
}

/* The fields a condition reads.  A derived field stands for what it is
 * derived from, so a finding may point at the field the user wrote. */
static void
read_fields(const struct aa_program *pg, unsigned ix, struct aa_rowset *set)
{
    const struct aa_node *n = &pg->nodes[ix];

    if (n->field >= 0) {
        int src = aa_contract_source(n->field);

        aa_rowset_add(set, n->field);
        if (src >= 0)
            aa_rowset_add(set, src);
    }
    if (n->op == AA_OP_EXISTS || n->op == AA_OP_EMPTY)
        return; /* leaves with no kids; 'first' is unused */
    if (n->op <= AA_OP_NO_ITEM)
        for (unsigned i = 0; i < n->nkids; i++)
            read_fields(pg, pg->kid[n->first + i], set);
}

/* The first any_item node, depth first, or -1. */
static int
first_any_item(const struct aa_program *pg, unsigned ix)
{
    const struct aa_node *n = &pg->nodes[ix];

    if (n->op == AA_OP_ANY_ITEM)
        return (int)ix;
    if (n->op != AA_OP_ALL && n->op != AA_OP_ANY && n->op != AA_OP_NOT)
        return -1;
    for (unsigned i = 0; i < n->nkids; i++) {
        int hit = first_any_item(pg, pg->kid[n->first + i]);

        if (hit >= 0)
            return hit;
    }
    return -1;
}

/* The values of an enumerated field that leaf ix is true for, as a mask
 * of their indices in *out (which may be 0: none); 0 when ix is no such
 * test or the values do not fit, 1 otherwise. */
static int
enum_mask(const struct aa_program *pg, unsigned ix, int field, int item,
          uint64_t *out)
{
    const struct aa_node *n = &pg->nodes[ix];
    int count = aa_contract_enum_count(field);
    uint64_t mask = 0, all;

    if (n->item != item || (!item && n->field != field) || count > 62)
        return 0;
    all = ((uint64_t)1 << count) - 1;
    if (n->op == AA_OP_EQUALS) {
        if (n->ival < 0 || n->ival >= count)
            return 0;
        mask = (uint64_t)1 << n->ival;
    } else if (n->op == AA_OP_ONE_OF && n->ivals != NULL) {
        for (size_t i = 0; i < n->nvals; i++) {
            if (n->ivals[i] < 0 || n->ivals[i] >= count)
                return 0;
            mask |= (uint64_t)1 << n->ivals[i];
        }
    } else {
        return 0;
    }
    *out = n->neg ? all & ~mask : mask;
    return 1;
}

/* Node ix as a test of values by a mask (enum aa_fast), the mask in
 * *mask: equals or one_of (negated or not) on an enumerated or boolean
 * field, or any_item, all_items or no_item over an array of enumerations
 * whose one kid is such a test of the item.  AA_FAST_NONE for any other
 * node.  The guards and the fast nodes both come from here. */
static unsigned char
mask_test(const struct aa_program *pg, unsigned ix, uint64_t *mask)
{
    const struct aa_node *n = &pg->nodes[ix];
    int f = n->field;

    if (n->item || f < 0)
        return AA_FAST_NONE;
    if (aa_fields[f].type == AA_T_BOOL && n->op == AA_OP_EQUALS) {
        *mask = (uint64_t)1 << ((n->ival != 0) != (n->neg != 0));
        return AA_FAST_VALUE;
    }
    if (aa_fields[f].type == AA_T_ENUM)
        return enum_mask(pg, ix, f, 0, mask) ? AA_FAST_VALUE : AA_FAST_NONE;
    if (aa_fields[f].type != AA_T_ENUM_ARRAY || n->nkids != 1 ||
        !(n->op == AA_OP_ANY_ITEM || n->op == AA_OP_ALL_ITEMS ||
          n->op == AA_OP_NO_ITEM) ||
        !enum_mask(pg, pg->kid[n->first], f, 1, mask))
        return AA_FAST_NONE;
    return n->op == AA_OP_ANY_ITEM    ? AA_FAST_ANY
           : n->op == AA_OP_ALL_ITEMS ? AA_FAST_ALL
                                      : AA_FAST_NO;
}

/* Node ix as a guard of rule cr (compile.h), added when it is one: a test
 * of presence, or a mask test that a value or an item has a bit of (not
 * all_items or no_item, which an empty array passes). */
static void
add_guard(const struct aa_program *pg, unsigned ix, struct aa_crule *cr)
{
    const struct aa_node *n = &pg->nodes[ix];
    int f = n->field;
    uint64_t mask = 0;
    unsigned char kind;

    if (n->item || f < 0 || cr->nguards == AA_GUARDS)
        return;
    if (n->op == AA_OP_EXISTS) {
        mask = n->neg ? AA_G_ABSENT : AA_G_THERE;
    } else {
        kind = mask_test(pg, ix, &mask);
        if (kind != AA_FAST_VALUE && kind != AA_FAST_ANY)
            mask = 0;
    }
    if (mask == 0)
        return;
    cr->gmask[cr->nguards] = mask;
    cr->gfield[cr->nguards++] = (unsigned char)f;
}

/* Marks the nodes mask_test takes (most tests of a rule set), which are
 * then evaluated as a mask instead of a walk over the operator, the
 * value's type and each item.  Run once the guards are found: a fast
 * node's mask takes the room of its texts. */
static void
mark_fast(struct aa_program *pg)
{
    for (size_t i = 0; i < pg->nnodes; i++) {
        uint64_t mask = 0;
        unsigned char fast = mask_test(pg, (unsigned)i, &mask);

        if (fast != AA_FAST_NONE) {
            pg->nodes[i].fast = fast;
            pg->nodes[i].mask = mask;
        }
    }
}

static void
find_guards(const struct aa_program *pg, struct aa_crule *cr)
{
    const struct aa_node *n = &pg->nodes[cr->root];

    cr->nguards = 0;
    if (n->op != AA_OP_ALL)
        add_guard(pg, (unsigned)cr->root, cr);
    for (unsigned i = 0; n->op == AA_OP_ALL && i < n->nkids; i++)
        add_guard(pg, pg->kid[n->first + i], cr);
}

/* Fields a template prints. */
static void
tpl_fields(const struct aa_tpl *t, struct aa_rowset *set)
{
    for (size_t i = 0; i < t->nparts; i++)
        if (t->parts[i].text == NULL && t->parts[i].field >= 0)
            aa_rowset_add(set, t->parts[i].field);
}

/* The number of characters (code points) of UTF-8 text. */
static size_t
utf8_len(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

/* The rule's first text: what it says when it fires, and the description
 * of a rule that gives none. */
static const char *
first_text(const struct aa_rule *r, const char **what)
{
    if (r->reason != NULL) {
        *what = "reason";
        return r->reason;
    }
    if (r->has_finding) {
        *what = "finding message";
        return r->message;
    }
    *what = "first action";
    return r->nactions > 0 ? r->actions[0].text : "";
}

/* The length of the blank or invisible character at s (UTF-8: no-break
 * and typographic spaces, zero-width characters, the byte order mark),
 * or 0: what prints nothing a partner could read. */
static size_t
invisible(const unsigned char *s)
{
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')
        return 1;
    if (s[0] == 0xc2 && s[1] == 0xa0) /* U+00A0 */
        return 2;
    if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80) /* U+1680 */
        return 3;
    if (s[0] == 0xe2 && s[1] == 0x80 &&
        (s[2] <= 0x8f || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
        return 3; /* U+2000..U+200F, U+2028, U+2029, U+202F */
    if (s[0] == 0xe2 && s[1] == 0x81 && (s[2] == 0x9f || s[2] == 0xa0))
        return 3;                                     /* U+205F, U+2060 */
    if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 */
        return 3;
    if (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) /* U+FEFF */
        return 3;
    return 0;
}

/* Whether text s holds nothing a reader sees. */
static int
blank(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n;

    while ((n = invisible(p)) > 0)
        p += n;
    return *p == '\0';
}

/* Whether template text s prints a plan value: a '${' that is not the
 * '$$' escape followed by '{'. */
static int
prints_value(const char *s)
{
    for (; *s != '\0'; s++) {
        if (s[0] == '$' && s[1] == '$')
            s++;
        else if (s[0] == '$' && s[1] == '{')
            return 1;
    }
    return 0;
}

/*
 * The title and description describe the rule apart from any plan: SARIF
 * lists them for every rule of a run, and docs/rules/ has a page per rule.
 * So neither may print plan values, and a rule whose first text does gives
 * a description of its own.
 */
static void
check_texts(struct cc *c, const struct aa_rule *r)
{
    const char *t = r->title, *what, *text = first_text(r, &what);
    size_t len, chars;

    if (t == NULL) /* the loader drops a rule without one */
        return;
    len = strlen(t);
    chars = utf8_len(t);
    if (strspn(t, " \t") == len)
        error(c, AA_E_SCHEMA, r->title_at,
              "the title is empty; say in a few words what the rule is about");
    else if (strstr(t, "${") != NULL)
        error(c, AA_E_SCHEMA, r->title_at,
              "a title names the rule for every plan: it cannot print a "
              "plan value ('${...}')");
    else if (strpbrk(t, "\r\n") != NULL)
        error(c, AA_E_SCHEMA, r->title_at, "a title is one line");
    else if (chars > 80)
        error(c, AA_E_SCHEMA, r->title_at,
              "a title is at most 80 characters; this one has %zu", chars);
    else if (t[len - 1] == '.')
        error(c, AA_E_SCHEMA, r->title_at, "a title ends without a full stop");
    /* What a partner reads where the rule fires says something: an empty
     * reason leaves a verdict without a why, an empty action a block
     * without a way out. */
    if (r->reason != NULL && blank(r->reason))
        error(c, AA_E_SCHEMA, r->reason_at,
              "the reason has nothing to read (blank or invisible characters "
              "only); say why the verdict holds");
    if (r->has_finding && blank(r->message))
        error(c, AA_E_SCHEMA, r->message_at,
              "the finding's message has nothing to read (blank or invisible "
              "characters only); say what is wrong and why");
    for (size_t i = 0; i < r->nactions; i++)
        if (blank(r->actions[i].text))
            error(c, AA_E_SCHEMA, r->actions[i].text_at,
                  "the action's text has nothing to read (blank or invisible "
                  "characters only); say what to do");
    if (r->description != NULL && blank(r->description))
        error(c, AA_E_SCHEMA, r->description_at, "the description is empty");
    else if (r->description != NULL && strstr(r->description, "${") != NULL)
        error(c, AA_E_SCHEMA, r->description_at,
              "a description holds for every plan: it cannot print a plan "
              "value ('${...}')");
    else if (r->description == NULL && prints_value(text))
        error(c, AA_E_SCHEMA, r->at,
              "rule needs 'description': its %s prints plan values, and "
              "the rule is also described apart from any plan (SARIF, "
              "docs/rules/)",
              what);
}

/* An unconfirmed fact may inform, never decide (docs/rules.md). */
static void
check_soft(struct cc *c, const struct aa_rule *r, struct aa_loc at)
{
    if (r->signal == AA_SIG_BLOCK || r->signal == AA_SIG_EXCLUDE ||
        r->signal == AA_SIG_AUTOMATIC ||
        (r->signal == AA_SIG_FIT && r->weight >= 50))
        error(c, AA_E_FACT, at,
              "a rule citing a soft (unconfirmed) fact may not block, "
              "exclude, be automatic or recommend (fit 50 or more)");
    if (r->has_finding && r->severity != AA_SEV_INFO)
        error(c, AA_E_FACT, at,
              "a rule citing a soft (unconfirmed) fact reports at most an "
              "info finding");
    if (r->nactions > 0)
        error(c, AA_E_FACT, at,
              "a rule citing a soft (unconfirmed) fact gives no actions");
}

/* Whether hay holds needle, ASCII letters compared without case. */
static int
contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    /* The first letter before the call: this runs over every action of
     * every rule at each start. */
    for (int c = tolower((unsigned char)needle[0]); *hay != '\0'; hay++)
        if (tolower((unsigned char)*hay) == c &&
            strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* Whether a word of a mechanism's name, as a whole word, is in s. */
static int
names_mech(const char *s, int m)
{
    static const char *const longer[AA_MECH_COUNT] = {
        NULL,
        "Digital Partner of Record",
        "Partner Admin Link",
        "customer usage attribution",
        "Claiming Partner of Record",
        NULL,
        NULL};
    const char *w = aa_mech_name((enum aa_mech)m);
    size_t n = strlen(w);

    for (const char *p = s; s != NULL && (p = strstr(p, w)) != NULL; p += n) {
        int before = p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = isalnum((unsigned char)p[n]) || p[n] == '_';

        if (!before && !after)
            return 1;
    }
    return s != NULL && longer[m] != NULL && contains_ci(s, longer[m]);
}

/* Whether the field at 'row' is one the set reads, or an ancestor of one
 * (a finding may point at /solution/deployment/cua for a test of a field
 * inside it). */
static int
covers(const struct aa_rowset *reads, int row)
{
    for (int f = 0; f < (int)aa_field_count; f++)
        if (aa_rowset_has(reads, f))
            for (int a = f; a >= 0; a = aa_fields[a].parent)
                if (a == row)
                    return 1;
    return 0;
}

/*
 * What makes advice coherent, checked once per rule so that no scenario
 * can break it (docs/rules.md, "Coherence"):
 *   block     has a warning or error finding at a field its condition
 *             reads, and an action that does not depend on another
 *             mechanism: CI users see findings, and a blocked verdict
 *             says both why and how to unblock it;
 *   error     comes with block or exclude: no mechanism may be
 *             recommended while its own error says it earns nothing;
 *   /outcome  is read only by findings-only GEN rules (stage 2);
 *   actions   name other mechanisms only through 'refers', and print the
 *             location Partner ID, never the plan's partner_id.
 */
static void
check_coherence(struct cc *c, const struct aa_rule *r, struct aa_crule *cr)
{
    int outcome = aa_contract_find("/outcome");
    int raw_id = aa_contract_find("/partner/partner_id");
    struct aa_rowset shown = {{0, 0}};
    int reads_outcome = 0, free_action = 0;

    for (int f = 0; f < (int)aa_field_count; f++)
        if (aa_rowset_has(&cr->reads, f) && aa_fields[f].parent == outcome)
            reads_outcome = 1;
    cr->stage = reads_outcome ? 2 : 1;
    if (reads_outcome && (r->mechs != 0 || r->signal != AA_SIG_NONE ||
                          r->nactions > 0 || !r->has_finding))
        error(c, AA_E_SCHEMA, r->at,
              "a rule that reads /outcome weighs the verdicts of the other "
              "rules: it must be a GEN rule with a finding, and no verdict "
              "or actions");
    tpl_fields(&cr->reason, &shown);
    tpl_fields(&cr->message, &shown);
    for (size_t i = 0; i < r->nactions; i++) {
        struct aa_rowset acts = {{0, 0}};
        const struct aa_action *a = &r->actions[i];

        tpl_fields(&cr->acts[i].text, &acts);
        tpl_fields(&cr->acts[i].command, &acts);
        tpl_fields(&cr->acts[i].snippet, &acts);
        if (aa_rowset_has(&acts, raw_id))
            error(c, AA_E_SCHEMA, a->at,
                  "an action prints the plan's partner_id, which may be a "
                  "global or malformed ID; print "
                  "${partner.location_partner_id} instead");
        aa_rowset_or(&shown, &acts);
        if (a->refers == 0)
            free_action = 1;
        for (int m = 0; m < AA_MECH_COUNT; m++)
            if (!(r->mechs & (1u << m)) && !(a->refers & (1u << m)) &&
                (names_mech(a->text, m) || names_mech(a->command, m)))
                error(c, AA_E_SCHEMA, a->at,
                      "the action names %s: list it in 'refers: [%s]', so "
                      "the action is left out where %s does not apply",
                      aa_mech_name((enum aa_mech)m),
                      aa_mech_name((enum aa_mech)m),
                      aa_mech_name((enum aa_mech)m));
    }
    for (int f = 0; f < (int)aa_field_count && !reads_outcome; f++)
        if (aa_rowset_has(&shown, f) && aa_fields[f].parent == outcome)
            error(c, AA_E_SCHEMA, r->at,
                  "only findings of rules that read /outcome may print it");
    if (r->signal == AA_SIG_BLOCK) {
        if (!r->has_finding || r->severity == AA_SEV_INFO)
            error(c, AA_E_SCHEMA, r->signal_at,
                  "a rule that blocks needs a warning or error finding: CI "
                  "sees findings, not verdicts");
        else if (!covers(&cr->reads, cr->pointer))
            error(c, AA_E_SCHEMA,
                  r->pointer_at.line ? r->pointer_at : r->signal_at,
                  "the finding of a rule that blocks must point at a field "
                  "its condition reads; '%s' is not one",
                  aa_fields[cr->pointer].ptr);
        if (!free_action)
            error(c, AA_E_SCHEMA, r->signal_at,
                  "a rule that blocks needs an action that unblocks it, "
                  "without 'refers'");
    }
    /* A detect rule speaks for one file; the mechanism hears of it through
     * /evidence/cua_broken, which is true exactly for the detectors of a
     * pid form that never counts (aa_detect_breaks).  An error on any
     * other could stand beside a recommended CUA with no rule to block it. */
    if (r->has_finding && r->severity == AA_SEV_ERROR && r->mechs != 0 &&
        r->detect != NULL && aa_detect_find(r->detect) >= 0 &&
        !aa_detect_breaks((enum aa_detect)aa_detect_find(r->detect)))
        error(c, AA_E_SCHEMA, r->detect_at,
              "detector '%s' does not mean the pid never counts, so its "
              "finding cannot be an error: give it a warning",
              r->detect);
    if (r->has_finding && r->severity == AA_SEV_ERROR && r->mechs != 0 &&
        r->detect == NULL && r->signal != AA_SIG_BLOCK &&
        r->signal != AA_SIG_EXCLUDE)
        error(c, AA_E_SCHEMA, r->signal_at.line ? r->signal_at : r->at,
              "an error finding says the mechanism earns nothing as planned: "
              "the rule must also block or exclude it");
}

static void
compile_rule(struct cc *c, const struct aa_rule *r)
{
    struct aa_crule *cr = &c->prog->rules[c->prog->nrules];
    int first_path = -1, before = c->errors;

    c->rule = r;
    memset(cr, 0, sizeof(*cr));
    cr->src = r;
    cr->mech = (int)r->mech;
    cr->root = -1;
    cr->pointer = -1;
    cr->mechs = r->mechs;
    cr->match_node = -1;
    check_texts(c, r);
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct aa_fact *f = aa_ruleset_find_fact(c->rs, r->facts[i]);

        if (f == NULL)
            error(c, AA_E_FACT, r->facts_at[i],
                  "unknown fact ID '%s'; rules may cite only facts of the "
                  "registry (rules/facts.yaml)",
                  r->facts[i]);
        else if (strstr(f->status, "soft") != NULL && !cr->soft) {
            cr->soft = 1;
            check_soft(c, r, r->facts_at[i]);
        }
    }
    if (r->mech == AA_MECH_GEN && r->mechs == 0 &&
        (r->signal != AA_SIG_NONE || r->nactions > 0 || !r->has_finding))
        error(c, AA_E_SCHEMA, r->at,
              "a GEN rule reports findings only: it needs 'finding' and "
              "takes no 'verdict' or 'actions'");
    cr->detect = -1;
    if (r->detect != NULL)
        compile_detect(c, r, cr);
    if (r->when != NULL)
        cr->root = compile_cond(c, r->when, -1, &first_path);
    if (cr->root >= 0) {
        read_fields(c->prog, (unsigned)cr->root, &cr->reads);
        cr->match_node = first_any_item(c->prog, (unsigned)cr->root);
        find_guards(c->prog, cr);
        cr->per_view = aa_rowset_has(&cr->reads, AA_ROW_WORKLOADS) ||
                       aa_rowset_has(&cr->reads, AA_ROW_AGREEMENT) ||
                       aa_rowset_has(&cr->reads, AA_ROW_TRANSACTING);
    }
    c->match_node = cr->match_node;
    if (r->pointer != NULL)
        cr->pointer = resolve_path(c, r->pointer, r->pointer_at);
    else if (r->detect != NULL)
        cr->pointer = aa_contract_find("/solution/artifacts");
    else
        cr->pointer = first_path >= 0 ? first_path : AA_FIELD_ROOT;
    compile_tpl(c, r->reason, r->reason_at, &cr->reason);
    compile_tpl(c, r->message, r->message_at, &cr->message);
    cr->acts = aa_arena_alloc(&c->rs->arena, r->nactions * sizeof(*cr->acts));
    for (size_t i = 0; i < r->nactions; i++) {
        const struct aa_action *a = &r->actions[i];

        compile_tpl(c, a->text, a->text_at, &cr->acts[i].text);
        compile_tpl(c, a->command, a->command_at, &cr->acts[i].command);
        compile_tpl(c, a->snippet, a->snippet_at, &cr->acts[i].snippet);
        cr->acts[i].refers = a->refers;
    }
    c->match_node = -1;
    if (c->errors == before)
        check_coherence(c, r, cr);
    if (c->errors == before)
        c->prog->nrules++;
    c->rule = NULL;
}

/* "first defined at F:L:C" for a duplicate at 'again'; when both are at
 * one place, the same file was loaded twice, and saying so is clearer
 * than pointing a line at itself. */
static const char *
first_at(struct aa_loc first, struct aa_loc again, char *buf, size_t size)
{
    if (first.line == again.line && first.col == again.col &&
        strcmp(first.file ? first.file : "", again.file ? again.file : "") == 0)
        snprintf(buf, size, "its file is loaded twice");
    else
        snprintf(buf, size, "first defined at %s:%u:%u",
                 first.file ? first.file : "?", first.line, first.col);
    return buf;
}

/* Whether a condition reads a field below /NAME (or NAME.x, as a dotted
 * path): /outcome, the merged verdicts; /evidence, what the code shows. */
static int
reads_under(const struct aa_cond *k, const char *name)
{
    size_t n = strlen(name);

    if (k == NULL)
        return 0;
    if (k->path != NULL && strncmp(k->path + (k->path[0] == '/'), name, n) == 0)
        return 1;
    for (size_t i = 0; i < k->nkids; i++)
        if (reads_under(k->kids[i], name))
            return 1;
    return 0;
}

static int
reads_outcome(const struct aa_cond *k)
{
    return reads_under(k, "outcome");
}

/* What evaluation derives, rather than the plan. */
static int
reads_derived(const struct aa_cond *k)
{
    return reads_under(k, "outcome") || reads_under(k, "evidence");
}

static int
same_text(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Two conditions that test the same things the same way, as written. */
static int
same_cond(const struct aa_cond *a, const struct aa_cond *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->op != b->op || a->flag != b->flag || a->nlits != b->nlits ||
        a->nkids != b->nkids || !same_text(a->path, b->path) ||
        !same_text(a->list, b->list))
        return 0;
    for (size_t i = 0; i < a->nlits; i++)
        if (a->lits[i].kind != b->lits[i].kind ||
            !same_text(a->lits[i].s, b->lits[i].s))
            return 0;
    for (size_t i = 0; i < a->nkids; i++)
        if (!same_cond(a->kids[i], b->kids[i]))
            return 0;
    return 1;
}

/* A built-in rule that reports an error on what evaluation derives (a
 * plan that earns nothing; code that blocks CUA) is what keeps the advice
 * from contradicting itself and a plan that earns nothing from passing a
 * gate.  A pack's rule that takes its place may say it in other words,
 * but must fire when it fires, decide what it decides, and stay an error:
 * a lower level, or a condition that never holds, let such plans through
 * unseen. */
static void
lowers(struct cc *c, const struct aa_rule *was, const struct aa_rule *r)
{
    /* A detector (of the deployment code, or of the plan file as written)
     * reports what the scan or the reader found, and the code's errors
     * are what /evidence/cua_broken stands for: a rule in its place that
     * detects something else, or nothing, would leave a blocked CUA with
     * no error saying where, or an unknown key unsaid. */
    if (was->builtin && was->detect != NULL) {
        c->rule = r;
        if (r->detect == NULL || strcmp(r->detect, was->detect) != 0)
            error(c, AA_E_SCHEMA, r->id_at,
                  "rule '%s' takes the place of a built-in detector "
                  "(detect: %s); a pack may reword it but must keep its "
                  "'detect'",
                  r->id, was->detect);
        else if (was->severity == AA_SEV_ERROR &&
                 (!r->has_finding || r->severity != AA_SEV_ERROR))
            error(c, AA_E_SCHEMA, r->id_at,
                  "rule '%s' takes the place of a built-in detector that "
                  "reports an error; a pack may not lower it (the config "
                  "file's 'severity' or --severity can, where the team sees "
                  "it)",
                  r->id);
        c->rule = NULL;
        return;
    }
    if (!was->builtin || !was->has_finding || was->severity != AA_SEV_ERROR ||
        !reads_derived(was->when))
        return;
    c->rule = r;
    if (!r->has_finding || r->severity != AA_SEV_ERROR)
        error(c, AA_E_SCHEMA, r->id_at,
              "rule '%s' takes the place of a built-in rule that reads the "
              "verdicts or the code of the whole plan and reports an error; "
              "a pack may not lower it (the config file's 'severity' or "
              "--severity can, where the team sees it)",
              r->id);
    else if (!same_cond(was->when, r->when) || was->signal != r->signal ||
             was->weight != r->weight || was->mechs != r->mechs ||
             was->mech != r->mech)
        error(c, AA_E_SCHEMA, r->id_at,
              "rule '%s' takes the place of a built-in rule that reads the "
              "verdicts or the code of the whole plan and reports an error; "
              "a pack may reword it but must keep its 'when', mechanism "
              "and verdict as they are (copy them from its definition, which "
              "'attrib-advise rules show %s' names)",
              r->id, r->id);
    c->rule = NULL;
}

/* Which rules survive: duplicates within a layer are errors; a rule of a
 * later layer takes the place of its namesake.  Returns live rules in
 * declaration order (a heap array of nrules entries, NULL for dead). */
static const struct aa_rule **
select_rules(struct cc *c)
{
    const struct aa_ast *ast = &c->rs->ast;
    size_t n = ast->nrules;
    const struct aa_rule **live = aa_xcalloc(n ? n : 1, sizeof(*live));
    /* dup[i]: the rule that rule i repeats in its own layer, or NULL */
    const struct aa_rule **dup = aa_xcalloc(n ? n : 1, sizeof(*dup));
    struct named *v = aa_xcalloc(n ? n : 1, sizeof(*v));
    char where[512];

    for (size_t i = 0; i < n; i++) {
        v[i].name = ast->rules[i]->id;
        v[i].ix = i;
    }
    sort_named(v, n);
    for (size_t g = 0, e; g < n; g = e) {
        size_t slot = v[g].ix; /* the first of the namesakes keeps its place */
        size_t in_force = slot;

        live[slot] = ast->rules[slot];
        for (e = g + 1; e < n && strcmp(v[e].name, v[g].name) == 0; e++) {
            const struct aa_rule *r = ast->rules[v[e].ix];

            if (live[slot]->layer < r->layer) {
                live[slot] = r;
                in_force = v[e].ix;
            } else {
                dup[v[e].ix] = live[slot];
            }
        }
        /* The rule in force against the first of its name (the built-in
         * one, if any): one pack may not undo it through another. */
        if (live[slot] != ast->rules[slot]) {
            lowers(c, ast->rules[slot], live[slot]);
            ast->rules[in_force]->replaces = ast->rules[slot]->builtin;
        }
    }
    for (size_t i = 0; i < n; i++) { /* messages in load order */
        const struct aa_rule *r = ast->rules[i];

        if (dup[i] == NULL)
            continue;
        c->rule = r;
        error(c, AA_E_DUPLICATE, r->id_at, "duplicate rule id '%s'; %s", r->id,
              first_at(dup[i]->id_at, r->id_at, where, sizeof(where)));
        c->rule = NULL;
    }
    free(v);
    free(dup);
    return live;
}

/* What a fact or list is to the first of its namesakes. */
enum twin {
    T_FIRST,   /* it is the first */
    T_COPY,    /* a word-for-word copy in a later layer: dropped */
    T_CHANGED, /* a different one in a later layer: an error */
    T_DUP      /* another in the same layer: an error */
};

static int
same_texts(const char **a, size_t na, const char **b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (strcmp(a[i], b[i]) != 0)
            return 0;
    return 1;
}

static int
same_fact(const struct aa_ast *ast, size_t i, size_t j)
{
    const struct aa_fact *a = ast->facts[i], *b = ast->facts[j];

    return same_text(a->status, b->status) &&
           same_text(a->summary, b->summary) && same_text(a->as_of, b->as_of) &&
           same_texts(a->sources, a->nsources, b->sources, b->nsources);
}

static int
same_list(const struct aa_ast *ast, size_t i, size_t j)
{
    const struct aa_list *a = ast->lists[i], *b = ast->lists[j];

    return same_texts(a->items, a->nitems, b->items, b->nitems);
}

/* Sort v (n names with their AST positions; layer[i] is the layer of
 * entry i) and set twin[i] and first[i] for every entry, by AST position. */
static void
find_twins(struct named *v, size_t n, const unsigned *layer,
           const struct aa_ast *ast,
           int (*same)(const struct aa_ast *, size_t, size_t),
           unsigned char *twin, size_t *first)
{
    sort_named(v, n);
    for (size_t g = 0, e; g < n; g = e) {
        size_t f = v[g].ix;

        twin[f] = T_FIRST;
        first[f] = f;
        for (e = g + 1; e < n && strcmp(v[e].name, v[g].name) == 0; e++) {
            size_t i = v[e].ix;

            first[i] = f;
            twin[i] = layer[i] == layer[f] ? T_DUP
                      : same(ast, i, f)    ? T_COPY
                                           : T_CHANGED;
        }
    }
}

/*
 * registry := fact* list*     IDs and names unique within a layer
 *
 * A fact or list of a later layer (a user's rule file) that repeats one of
 * the built-in rules word for word is the same fact: it is dropped from
 * the AST, so loading the shipped rules/ folder again just works.  One
 * that differs is an error naming the built-in copy: a rule file may cite
 * the registry, not rewrite it.  Leaves *lists (sorted names of the lists
 * kept) for the lookups of compilation; the facts dropped are never the
 * first of their id, which rs->fact_ids holds.
 */
static void
check_registry(struct cc *c, struct named **lists, size_t *nlists)
{
    struct aa_ast *ast = &c->rs->ast;
    size_t n = ast->nfacts > ast->nlists ? ast->nfacts : ast->nlists, kept;
    struct named *v = aa_xcalloc(n ? n : 1, sizeof(*v));
    unsigned *layer = aa_xcalloc(n ? n : 1, sizeof(*layer));
    unsigned char *twin = aa_xcalloc(n ? n : 1, sizeof(*twin));
    size_t *first = aa_xcalloc(n ? n : 1, sizeof(*first));
    char where[512];

    for (size_t i = 0; i < ast->nfacts; i++) {
        v[i].name = ast->facts[i]->id;
        v[i].ix = i;
        layer[i] = ast->facts[i]->layer;
    }
    find_twins(v, ast->nfacts, layer, ast, same_fact, twin, first);
    kept = 0;
    for (size_t i = 0; i < ast->nfacts; i++) {
        struct aa_fact *f = ast->facts[i], *g = ast->facts[first[i]];

        if (twin[i] == T_DUP)
            error(c, AA_E_DUPLICATE, f->at, "duplicate fact ID '%s'; %s", f->id,
                  first_at(g->at, f->at, where, sizeof(where)));
        else if (twin[i] == T_CHANGED)
            error(c, AA_E_DUPLICATE, f->at,
                  "fact '%s' differs from the built-in one (%s:%u:%u of "
                  "the built-in rules); a rule file may cite a built-in "
                  "fact or repeat it unchanged, not redefine it",
                  f->id, g->at.file, g->at.line, g->at.col);
        if (twin[i] != T_COPY)
            ast->facts[kept++] = f;
    }
    ast->nfacts = kept;

    for (size_t i = 0; i < ast->nlists; i++) {
        v[i].name = ast->lists[i]->name;
        v[i].ix = i;
        layer[i] = ast->lists[i]->layer;
    }
    find_twins(v, ast->nlists, layer, ast, same_list, twin, first);
    kept = 0;
    for (size_t i = 0; i < ast->nlists; i++) {
        struct aa_list *l = ast->lists[i], *g = ast->lists[first[i]];

        if (twin[i] == T_DUP)
            error(c, AA_E_DUPLICATE, l->at, "duplicate list '%s'; %s", l->name,
                  first_at(g->at, l->at, where, sizeof(where)));
        else if (twin[i] == T_CHANGED)
            error(c, AA_E_DUPLICATE, l->at,
                  "list '%s' differs from the built-in one (%s:%u:%u of "
                  "the built-in rules); a rule file may use a built-in "
                  "list or repeat it unchanged, not redefine it",
                  l->name, g->at.file, g->at.line, g->at.col);
        if (twin[i] != T_COPY)
            ast->lists[kept++] = l;
    }
    ast->nlists = kept;
    for (size_t i = 0; i < kept; i++) {
        v[i].name = ast->lists[i]->name;
        v[i].ix = i;
    }
    sort_named(v, kept);
    *lists = v;
    *nlists = kept;
    free(layer);
    free(twin);
    free(first);
}

static void
program_free(struct aa_program *p)
{
    free(p->rules);
    free(p->nodes);
    free(p->node_src);
    free(p->kid);
    free(p);
}

static void *
arena_copy(struct aa_arena *a, const void *p, size_t size)
{
    void *q = aa_arena_alloc(a, size);

    if (size > 0) /* p is NULL for an empty array */
        memcpy(q, p, size);
    return q;
}

/* A template as the catalogue shows it, the same for every plan: each
 * plan value as <key>, as an absent one prints, and ${match} as <match>.
 * NULL for an empty template. */
static const char *
tpl_plain(struct aa_arena *a, const struct aa_tpl *t)
{
    size_t len = 0;
    char *out, *p;

    if (t->nparts == 0)
        return NULL;
    if (t->nparts == 1 && t->parts[0].text != NULL)
        return t->parts[0].text;
    for (size_t i = 0; i < t->nparts; i++)
        len += t->parts[i].text != NULL ? strlen(t->parts[i].text)
               : t->parts[i].field == AA_TPL_MATCH
                   ? strlen("<match>")
                   : strlen(aa_fields[t->parts[i].field].key) + 2;
    p = out = aa_arena_alloc(a, len + 1);
    for (size_t i = 0; i < t->nparts; i++) {
        const struct aa_tpl_part *q = &t->parts[i];

        if (q->text != NULL)
            p += sprintf(p, "%s", q->text);
        else if (q->field == AA_TPL_MATCH)
            p += sprintf(p, "<match>");
        else
            p += sprintf(p, "<%s>", aa_fields[q->field].key);
    }
    return out;
}

/* Whether a template prints a value: a field or ${match}. */
static int
tpl_prints(const struct aa_tpl *t)
{
    for (size_t i = 0; i < t->nparts; i++)
        if (t->parts[i].text == NULL)
            return 1;
    return 0;
}

/* A path as a JSON Pointer: a dot path (resolve_path's grammar, already
 * found valid) rewritten, so that one field read both ways is one read. */
static const char *
as_pointer(struct aa_arena *a, const char *path)
{
    char *out, *o;

    if (path[0] == '/')
        return path;
    out = o = aa_arena_alloc(a, 2 * strlen(path) + 2);
    *o++ = '/';
    for (const char *p = path; *p != '\0'; p++) {
        char ch = *p;

        if (ch == '.') {
            *o++ = '/';
            continue;
        }
        if (ch == '\\' && p[1] != '\0')
            ch = *++p;
        if (ch == '~' || ch == '/') {
            *o++ = '~';
            ch = ch == '~' ? '0' : '1';
        }
        *o++ = ch;
    }
    *o = '\0';
    return out;
}

/* The paths a condition reads, as pointers, each once, appended to v (n of
 * cap). */
static void
collect_reads(struct aa_arena *a, const struct aa_cond *c, const char **v,
              size_t *n, size_t cap)
{
    size_t i;

    if (c == NULL)
        return;
    if (c->path != NULL) {
        const char *ptr = as_pointer(a, c->path);

        for (i = 0; i < *n && strcmp(v[i], ptr) != 0; i++)
            ;
        if (i == *n && *n < cap)
            v[(*n)++] = ptr;
    }
    for (i = 0; i < c->nkids; i++)
        collect_reads(a, c->kids[i], v, n, cap);
}

static size_t
count_paths(const struct aa_cond *c)
{
    size_t n = c != NULL && c->path != NULL;

    for (size_t i = 0; c != NULL && i < c->nkids; i++)
        n += count_paths(c->kids[i]);
    return n;
}

/* The names a catalogue entry gives its mechanism and verdict, copied
 * into the arena once a ruleset: the image of the built-in rules
 * (embed_image.c) can hold no pointer to the program's static texts. */
struct cat_names {
    const char *mech[AA_MECH_COUNT];
    const char *signal[AA_SIG_EXCLUDE + 1];
};

/* One rule as the run formats and the rule pages show it (report.h). */
static void
catalog_entry(struct aa_ruleset *rs, const struct cat_names *nm,
              const struct aa_crule *cr, struct aa_rule_entry *e)
{
    struct aa_arena *a = &rs->arena;
    const struct aa_rule *r = cr->src;
    const struct aa_regrade *g;
    struct aa_cite *cites;
    struct aa_item *acts;

    e->id = r->id;
    e->title = r->title;
    e->mech = r->mech < AA_MECH_COUNT ? nm->mech[r->mech] : NULL;
    e->mechs = r->mechs;
    /* A template of plain text only is the text with '$$' undone. */
    e->description = r->description != NULL ? r->description
                     : r->reason != NULL    ? tpl_plain(a, &cr->reason)
                     : r->has_finding       ? tpl_plain(a, &cr->message)
                                            : tpl_plain(a, &cr->acts[0].text);
    cites = aa_arena_alloc(a, r->nfacts * sizeof(*cites));
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct aa_fact *f = aa_ruleset_find_fact(rs, r->facts[i]);

        cites[i].id = r->facts[i];
        cites[i].summary = f->summary;
        cites[i].status = f->status;
    }
    e->facts = cites;
    e->nfacts = r->nfacts;
    e->verdict = r->signal != AA_SIG_NONE ? nm->signal[r->signal] : NULL;
    e->weight = r->signal == AA_SIG_FIT ? r->weight : 0;
    e->own_level = e->level = r->has_finding ? (int)r->severity : -1;
    if ((g = aa_ruleset_find_regrade(rs, r->id)) != NULL) {
        e->level = (int)g->severity;
        char *at = aa_xasprintf("%s:%u:%u", g->at.file, g->at.line, g->at.col);

        e->level_at = aa_arena_strdup(a, at);
        free(at);
    }
    acts = aa_arena_alloc(a, r->nactions * sizeof(*acts));
    for (size_t i = 0; i < r->nactions; i++) {
        acts[i].rule = r->id;
        acts[i].text = tpl_plain(a, &cr->acts[i].text);
        acts[i].command = tpl_plain(a, &cr->acts[i].command);
        acts[i].snippet = tpl_plain(a, &cr->acts[i].snippet);
        acts[i].refers = cr->acts[i].refers;
        e->placeholders |= tpl_prints(&cr->acts[i].text) ||
                           tpl_prints(&cr->acts[i].command) ||
                           tpl_prints(&cr->acts[i].snippet);
    }
    e->actions = acts;
    e->nactions = r->nactions;
    e->detect = r->detect;
    e->input = cr->detect >= AA_D_INPUT_FIRST;
    e->file = r->at.file;
    e->builtin = r->builtin;
    e->replaced = r->replaces != 0;
    e->soft = cr->soft;
    {
        size_t cap = count_paths(r->when);

        e->reads = aa_arena_alloc(a, (cap ? cap : 1) * sizeof(*e->reads));
        collect_reads(a, r->when, e->reads, &e->nreads, cap);
    }
}

/* Which guards of rule cr the guard index holds (struct aa_gindex): the
 * first on each field of 'in'. */
static void
held_guards(const struct aa_crule *cr, const struct aa_rowset *in,
            unsigned char held[AA_GUARDS])
{
    struct aa_rowset seen = {{0, 0}};

    for (unsigned k = 0; k < cr->nguards; k++) {
        held[k] = (unsigned char)(aa_rowset_has(in, cr->gfield[k]) &&
                                  !aa_rowset_has(&seen, cr->gfield[k]));
        aa_rowset_add(&seen, cr->gfield[k]);
    }
}

/* The rows of guard index g (struct aa_gindex) for the guards of 'named'
 * bits, in arena a, every rule through; bit_of[r] gets the value bits of
 * row r, which only the compiler reads. */
static uint64_t *
index_rows(struct aa_arena *a, const struct aa_program *pg, uint64_t named,
           struct aa_gindex *g, uint64_t bit_of[66])
{
    size_t n = pg->nstaged[0], w = pg->gwords;
    unsigned nrows = 0, none;
    uint64_t *pass;

    /* A present value has AA_G_THERE and never AA_G_ABSENT. */
    named &= ~(AA_G_THERE | AA_G_ABSENT);
    none = (unsigned)__builtin_popcountll(named);
    for (unsigned b = 0; b < 64; b++) {
        g->row_of[b] = (unsigned char)(named >> b & 1 ? nrows : none);
        if (named >> b & 1)
            bit_of[nrows++] = (uint64_t)1 << b | AA_G_THERE;
    }
    bit_of[nrows++] = AA_G_THERE;
    g->absent = nrows;
    bit_of[nrows++] = ~AA_G_THERE;
    g->nrows = nrows;
    pass = aa_arena_alloc_raw(a, nrows * w * sizeof(*pass));
    for (unsigned r = 0; r < nrows; r++)
        for (size_t k = 0; k < w; k++)
            pass[r * w + k] = aa_bits_all(n, k);
    g->pass = pass;
    return pass;
}

/* The guard index (struct aa_gindex) of every field that guards at least
 * AA_GINDEX_MIN rules of staged[0]: for fewer, a test per rule costs less
 * than a row per field.  Each rule's guards that the index does not hold
 * then move to its front, nresid of them, for the rule to test. */
enum { AA_GINDEX_MIN = 3 };
static void
index_guards(struct aa_arena *a, struct aa_program *pg)
{
    struct aa_gindex *gi;
    struct aa_rowset in = {{0, 0}};
    size_t n = 0, w, count[AA_FIELD_LIMIT] = {0};
    uint64_t named[AA_FIELD_LIMIT] = {0};
    unsigned char slot[AA_FIELD_LIMIT], held[AA_GUARDS];
    uint64_t *rows[AA_FIELD_LIMIT];
    uint64_t(*bit_of)[66];

    pg->gwords = w = pg->nstaged[0] > 0 ? (pg->nstaged[0] + 63) / 64 : 1;
    for (size_t j = 0; j < pg->nstaged[0]; j++) {
        const struct aa_crule *cr = &pg->rules[pg->staged[0][j]];
        struct aa_rowset every = {{~(uint64_t)0, ~(uint64_t)0}};

        held_guards(cr, &every, held);
        for (unsigned k = 0; k < cr->nguards; k++)
            if (held[k]) {
                count[cr->gfield[k]]++;
                named[cr->gfield[k]] |= cr->gmask[k];
            }
    }
    for (unsigned f = 0; f < AA_FIELD_LIMIT; f++)
        if (count[f] >= AA_GINDEX_MIN) {
            aa_rowset_add(&in, (int)f);
            slot[f] = (unsigned char)n++;
        }
    gi = aa_arena_alloc(a, (n ? n : 1) * sizeof(*gi));
    bit_of = aa_xcalloc(n ? n : 1, sizeof(*bit_of));
    for (unsigned f = 0; f < AA_FIELD_LIMIT; f++)
        if (aa_rowset_has(&in, (int)f)) {
            gi[slot[f]].field = f;
            rows[slot[f]] =
                index_rows(a, pg, named[f], &gi[slot[f]], bit_of[slot[f]]);
        }
    pg->gidx = gi;
    pg->ngidx = n;
    for (size_t j = 0; j < pg->nstaged[0]; j++) {
        const struct aa_crule *cr = &pg->rules[pg->staged[0][j]];

        held_guards(cr, &in, held);
        for (unsigned k = 0; k < cr->nguards; k++) {
            unsigned s;

            if (!held[k])
                continue;
            s = slot[cr->gfield[k]];
            for (unsigned r = 0; r < gi[s].nrows; r++)
                if ((cr->gmask[k] & bit_of[s][r]) == 0)
                    rows[s][r * w + j / 64] &= ~((uint64_t)1 << j % 64);
        }
    }
    free(bit_of);
    for (size_t i = 0; i < pg->nrules; i++) {
        struct aa_crule *cr = &pg->rules[i];
        uint64_t mask[AA_GUARDS] = {0};
        unsigned char field[AA_GUARDS] = {0};
        unsigned r = 0;

        held_guards(cr, &in, held);
        for (unsigned pass = 0; pass < 2; pass++)
            for (unsigned k = 0; k < cr->nguards; k++)
                if (held[k] == pass) {
                    mask[r] = cr->gmask[k];
                    field[r++] = cr->gfield[k];
                }
        memcpy(cr->gmask, mask, sizeof(mask));
        memcpy(cr->gfield, field, sizeof(field));
        cr->nresid = 0;
        for (unsigned k = 0; k < cr->nguards; k++)
            cr->nresid = (unsigned char)(cr->nresid + !held[k]);
    }
}

/* The program grows in heap arrays while rules compile; once it is known
 * good it moves into the ruleset's arena at its final size, so it lives
 * and dies with the AST it points into.  Also records the live rules and
 * their catalogue for the run formats. */
static void
keep_program(struct aa_ruleset *rs, struct aa_program *heap)
{
    struct aa_arena *a = &rs->arena;
    struct aa_program *pg = aa_arena_alloc(a, sizeof(*pg));
    const struct aa_rule **live;
    struct aa_rule_entry *cat;
    struct aa_hot *hot;
    uint64_t *clsbits, *solo;
    struct cat_names nm;

    *pg = *heap;
    pg->rules = arena_copy(a, heap->rules, heap->nrules * sizeof(*pg->rules));
    pg->nodes = arena_copy(a, heap->nodes, heap->nnodes * sizeof(*pg->nodes));
    pg->node_src =
        arena_copy(a, heap->node_src, heap->nnodes * sizeof(*pg->node_src));
    pg->kid = arena_copy(a, heap->kid, heap->nkid * sizeof(*pg->kid));
    program_free(heap);
    for (size_t i = 0; i < pg->nrules; i++) {
        static const int cls[] = {[AA_SIG_NONE] = -1,
                                  [AA_SIG_EXCLUDE] = 0,
                                  [AA_SIG_BLOCK] = 1,
                                  [AA_SIG_AUTOMATIC] = 2,
                                  [AA_SIG_FIT] = 3};

        pg->rules[i].cls = cls[pg->rules[i].src->signal];
        pg->rules[i].weight = pg->rules[i].src->weight;
        pg->rules[i].nacts = (unsigned)pg->rules[i].src->nactions;
        pg->rules[i].has_finding = pg->rules[i].src->has_finding != 0;
        pg->rules[i].id = pg->rules[i].src->id;
        pg->rules[i].facts = (const char *const *)pg->rules[i].src->facts;
        pg->rules[i].nfacts = (unsigned)pg->rules[i].src->nfacts;
        pg->rules[i].builtin = pg->rules[i].src->builtin != 0;
        pg->rules[i].replaced = pg->rules[i].src->replaces != 0;
        pg->rules[i].severity = (unsigned char)pg->rules[i].src->severity;
    }
    for (int st = 0; st < 2; st++) {
        unsigned *v = aa_arena_alloc(a, (pg->nrules + 1) * sizeof(*v));
        size_t n = 0;

        for (size_t i = 0; i < pg->nrules; i++) {
            const struct aa_crule *cr = &pg->rules[i];

            if (st == 0 ? cr->stage == 1 && cr->detect < 0
                        : cr->stage == 2 && cr->root >= 0)
                v[n++] = (unsigned)i;
        }
        pg->staged[st] = v;
        pg->nstaged[st] = n;
    }
    memset(&pg->stage2_rows, 0, sizeof(pg->stage2_rows));
    aa_rowset_add(&pg->stage2_rows, AA_FIELD_ROOT);
    for (int m = 0; m <= AA_NMECH; m++) /* /outcome and its verdicts */
        aa_rowset_add(&pg->stage2_rows, AA_ROW_OUTCOME + m);
    for (size_t j = 0; j < pg->nstaged[1]; j++) {
        const struct aa_crule *cr = &pg->rules[pg->staged[1][j]];
        struct aa_rowset *rows = &pg->stage2_rows;

        aa_rowset_or(rows, &cr->reads);
        for (unsigned k = 0; k < cr->nguards; k++)
            aa_rowset_add(rows, cr->gfield[k]);
        for (int f = cr->pointer; f >= 0; f = aa_fields[f].parent)
            aa_rowset_add(rows, f);
        tpl_fields(&cr->message, rows);
    }
    index_guards(a, pg);
    mark_fast(pg);
    hot = aa_arena_alloc(a, (pg->nstaged[0] + 1) * sizeof(*hot));
    for (size_t j = 0; j < pg->nstaged[0]; j++) {
        const struct aa_crule *cr = &pg->rules[pg->staged[0][j]];

        hot[j].root = cr->root;
        hot[j].mechs = (unsigned char)(cr->mechs & ((1u << AA_NMECH) - 1));
        hot[j].cls = (signed char)cr->cls;
        hot[j].gfield = cr->nresid > 0 ? cr->gfield[0] : 0;
        hot[j].gmask = cr->nresid > 0 ? cr->gmask[0] : 0;
        hot[j].flags =
            (unsigned char)((cr->per_view ? AA_HOT_PER_VIEW : 0) |
                            (cr->nresid > 0 ? AA_HOT_RESID : 0) |
                            (cr->nresid > 1 ? AA_HOT_RESID2 : 0) |
                            (cr->cls < 0 && cr->nacts > 0 ? AA_HOT_HIDES : 0) |
                            (cr->cls < 0 && !cr->has_finding ? AA_HOT_WORDS
                                                             : 0) |
                            (cr->has_finding ? AA_HOT_FINDING : 0));
    }
    pg->hot = hot;
    clsbits = aa_arena_alloc(a, AA_PHASES * pg->gwords * sizeof(*clsbits));
    for (size_t j = 0; j < pg->nstaged[0]; j++) {
        size_t phase = hot[j].cls < 0 ? AA_NO_CLASS : (size_t)hot[j].cls;

        clsbits[phase * pg->gwords + j / 64] |= (uint64_t)1 << (j % 64);
    }
    pg->clsbits = clsbits;
    solo = aa_arena_alloc(a, 2 * AA_NMECH * pg->gwords * sizeof(*solo));
    for (size_t j = 0; j < pg->nstaged[0]; j++) {
        unsigned m = hot[j].mechs;
        size_t f = (hot[j].flags & AA_HOT_FINDING) != 0;

        if (m != 0 && (m & (m - 1)) == 0)
            solo[(f * AA_NMECH + (size_t)__builtin_ctz(m)) * pg->gwords +
                 j / 64] |= (uint64_t)1 << (j % 64);
    }
    pg->solo = solo;
    live = aa_arena_alloc(a, pg->nrules * sizeof(*live));
    cat = aa_arena_alloc(a, pg->nrules * sizeof(*cat));
    for (int m = 0; m < AA_MECH_COUNT; m++)
        nm.mech[m] = aa_arena_strdup(a, aa_mech_name((enum aa_mech)m));
    for (int g = 0; g <= AA_SIG_EXCLUDE; g++)
        nm.signal[g] = aa_arena_strdup(a, aa_signal_name((enum aa_signal)g));
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_rule *r = pg->rules[i].src;

        live[i] = r;
        (void)aa_hashset_add(&rs->live_ids, r->id, &live[i]);
        catalog_entry(rs, &nm, &pg->rules[i], &cat[i]);
    }
    rs->prog = pg;
    rs->live = live;
    rs->nlive = pg->nrules;
    rs->catalog = cat;
}

/* Whether a rule cites a soft (unconfirmed) fact. */
static int
cites_soft(const struct aa_ruleset *rs, const struct aa_rule *r)
{
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct aa_fact *f = aa_ruleset_find_fact(rs, r->facts[i]);

        if (f != NULL && strstr(f->status, "soft") != NULL)
            return 1;
    }
    return 0;
}

/*
 * severity := (RULE-ID LEVEL)*     each id a live rule with a finding,
 *                                  once per file
 *
 * The 'severity' entries of the rule files (docs/rules.md, "Severity"),
 * against the rules that survived replacement ('live', n AST slots, NULL
 * for the dead).  For each rule named, the entry loaded last is the one in
 * force, so a pack loaded later (the command line's after the config
 * file's) has the last word among packs; the run's own severities and
 * --strict still come after it, in triage.  An entry is held to what the
 * rule's own severity could be: a rule citing a soft fact stays an info,
 * and a rule that blocks keeps a warning or an error, or its blocked
 * verdict would pass every gate unseen.  An error on a rule that neither
 * blocks nor excludes is allowed, unlike in a rule: the entry is an
 * organisation's gate, and the verdicts stay what the rules decide.
 * Leaves the entries in force, sorted by rule id, in rs->regrades.
 */
static void
check_regrades(struct cc *c, const struct aa_rule **live, size_t n)
{
    struct aa_ruleset *rs = c->rs;
    const struct aa_ast *ast = &rs->ast;
    struct named *v = aa_xcalloc(n ? n : 1, sizeof(*v));
    struct named *w =
        aa_xcalloc(ast->nregrades ? ast->nregrades : 1, sizeof(*w));
    const char **ids = aa_xcalloc(n ? n : 1, sizeof(*ids));
    /* twice[i]: the entry of its own file that entry i repeats, or NULL */
    const struct aa_regrade **twice =
        aa_xcalloc(ast->nregrades ? ast->nregrades : 1, sizeof(*twice));
    const struct aa_regrade **kept;
    size_t nlive = 0, nkept = 0, unknown = 0;
    char where[512];

    for (size_t i = 0; i < n; i++)
        if (live[i] != NULL) {
            ids[nlive] = live[i]->id;
            v[nlive].name = live[i]->id;
            v[nlive++].ix = i;
        }
    sort_named(v, nlive);
    for (size_t i = 0; i < ast->nregrades; i++) {
        const struct aa_regrade *g = ast->regrades[i];
        ptrdiff_t f = find_named(v, nlive, g->rule);
        const struct aa_rule *r = f >= 0 ? live[v[f].ix] : NULL;
        const char *hint;

        w[i].name = g->rule;
        w[i].ix = i;
        if (r == NULL) {
            /* A suggestion weighs every id: only for the first few, so a
             * file of thousands of unknown ids costs no more than that. */
            hint = unknown++ < aa_limit(AA_LIMIT_ERRORS)
                       ? aa_suggest(ids, nlive, g->rule)
                       : NULL;
            error(c, AA_E_SCHEMA, g->at, "severity: no rule '%s'%s%s%s",
                  g->rule, hint ? " (did you mean '" : "", hint ? hint : "",
                  hint ? "'?)" : "");
        } else if (!r->has_finding) {
            error(c, AA_E_SCHEMA, g->at,
                  "severity: rule '%s' reports no finding, so it has no "
                  "level to set",
                  g->rule);
        } else if (g->severity != AA_SEV_INFO && cites_soft(rs, r)) {
            error(c, AA_E_FACT, g->at,
                  "severity: rule '%s' cites a soft (unconfirmed) fact, so "
                  "its findings stay info",
                  g->rule);
        } else if (g->severity < r->severity && r->severity == AA_SEV_ERROR &&
                   reads_outcome(r->when)) {
            /* Such an error says the plan as a whole earns nothing; a
             * pack that quietly lowered it would let CI pass a plan that
             * records no influence.  The config file may, in the open. */
            error(c, AA_E_SCHEMA, g->at,
                  "severity: rule '%s' reads the verdicts of the whole plan "
                  "and reports an error; a pack may not lower it (the config "
                  "file's 'severity' or --severity can, where the team sees "
                  "it)",
                  g->rule);
        } else if (g->severity == AA_SEV_INFO && r->signal == AA_SIG_BLOCK) {
            error(c, AA_E_SCHEMA, g->at,
                  "severity: rule '%s' blocks its mechanism, so its finding "
                  "stays a warning or an error: CI sees findings, not "
                  "verdicts",
                  g->rule);
        }
    }
    /* Namesakes sort in load order: the last of each run is in force,
     * and one that follows another of its own file repeats it. */
    sort_named(w, ast->nregrades);
    kept = aa_arena_alloc(&rs->arena, (ast->nregrades ? ast->nregrades : 1) *
                                          sizeof(*kept));
    for (size_t i = 0; i < ast->nregrades; i++) {
        if (i > 0 && strcmp(w[i].name, w[i - 1].name) == 0) {
            const struct aa_regrade *g = ast->regrades[w[i].ix],
                                    *f = ast->regrades[w[i - 1].ix];

            if (strcmp(g->at.file, f->at.file) == 0)
                twice[w[i].ix] = f;
        }
        if (i + 1 == ast->nregrades || strcmp(w[i].name, w[i + 1].name) != 0)
            kept[nkept++] = ast->regrades[w[i].ix];
    }
    for (size_t i = 0; i < ast->nregrades; i++) { /* in load order */
        const struct aa_regrade *g = ast->regrades[i];

        if (twice[i] == NULL)
            continue;
        if (twice[i]->at.line == g->at.line && twice[i]->at.col == g->at.col)
            snprintf(where, sizeof(where), "its file is loaded twice");
        else
            snprintf(where, sizeof(where), "it is given before at %s:%u:%u",
                     twice[i]->at.file, twice[i]->at.line, twice[i]->at.col);
        error(c, AA_E_DUPLICATE, g->at,
              "rule '%s' is given twice in 'severity'; %s", g->rule, where);
    }
    rs->regrades = kept;
    rs->nregrades = nkept;
    free(v);
    free(w);
    free(ids);
    free(twice);
}

/* Every source a fact names is in a registry of sources, once the fact's
 * own layer has one: the built-in facts are held to the built-in sources,
 * and a user's facts only when the user's files define sources too (they
 * may then name built-in ones as well). */
static void
check_sources(struct cc *c)
{
    const struct aa_ast *ast = &c->rs->ast;
    unsigned layers = 0;

    for (size_t i = 0; i < ast->nsources; i++)
        layers |= 1u << (ast->sources[i]->layer & 31u);
    for (size_t i = 0; i < ast->nfacts; i++) {
        const struct aa_fact *f = ast->facts[i];

        if (!(layers & 1u << (f->layer & 31u)))
            continue;
        for (size_t k = 0; k < f->nsources; k++)
            if (aa_ruleset_find_source(c->rs, f->sources[k]) == NULL)
                error(c, AA_E_FACT, f->at,
                      "fact '%s' names source '%s', which no 'sources' entry "
                      "defines (rules/sources.yaml)",
                      f->id, f->sources[k]);
    }
}

/* Once per program, not per plan: the date input.knowledge-stale compares
 * with today. */
static void
fresh_until(const char *as_of, char out[16])
{
    char day[11];
    int y;

    out[0] = '\0';
    if (aa_as_of_day(as_of, day) != 0 || (y = atoi(day) + 1) > 9999)
        return;
    memcpy(out, day, 11); /* the year written over, a year on */
    for (int i = 3; i >= 0; i--, y /= 10)
        out[i] = (char)('0' + y % 10);
}

int
aa_ruleset_compile(struct aa_ruleset *rs, struct aa_diags *dl)
{
    struct cc c = {rs, dl, NULL, NULL, 0, 0, 0, NULL, -1, 0};
    const struct aa_rule **live = NULL;
    size_t start;

    if (rs->image)
        return 0; /* compiled when the binary was built */
    /* A program of an earlier call stays in the arena until the ruleset is
     * freed; it is no longer reachable. */
    rs->prog = NULL;
    rs->live = NULL;
    rs->nlive = 0;
    aa_hashset_init(&rs->live_ids, &rs->arena);
    rs->catalog = NULL;
    rs->regrades = NULL;
    rs->nregrades = 0;
    if (rs->load_failed)
        return -1;
    start = aa_diags_count(dl);
    c.prog = aa_xcalloc(1, sizeof(*c.prog));
    c.prog->rules =
        aa_xcalloc(rs->ast.nrules ? rs->ast.nrules : 1, sizeof(*c.prog->rules));
    for (int d = 0; d < AA_D_COUNT; d++)
        c.prog->detect_rule[d] = -1;
    check_registry(&c, &c.lists, &c.nlists);
    check_sources(&c);
    live = select_rules(&c);
    for (size_t i = 0; i < rs->ast.nrules; i++)
        if (live[i] != NULL)
            compile_rule(&c, live[i]);
    check_regrades(&c, live, rs->ast.nrules);
    fresh_until(rs->ast.as_of, c.prog->fresh_until);
    free(live);
    free(c.lists);
    /* As the loader caps each file's: a pack of thousands of rules with one
     * mistake made a message each. */
    aa_diags_cap(dl, start, aa_limit(AA_LIMIT_ERRORS),
                 "the rules (--limit errors=N)");
    if (c.errors > 0) {
        program_free(c.prog);
        return -1;
    }
    keep_program(rs, c.prog);
    return 0;
}

static uint64_t
digest_add(uint64_t h, uint64_t x)
{
    for (int i = 0; i < 8; i++, x >>= 8)
        h = (h ^ (x & 0xff)) * 1099511628211u;
    return h;
}

uint64_t
aa_program_digest(const struct aa_program *pg)
{
    uint64_t h = digest_add(14695981039346656037u, pg->nrules);

    h = digest_add(h, pg->nnodes);
    for (size_t i = 0; i < pg->nrules; i++)
        h = digest_add(h, (uint64_t)(int64_t)pg->rules[i].root);
    for (size_t i = 0; i < pg->nnodes; i++) {
        const struct aa_node *n = &pg->nodes[i];

        h = digest_add(h, (uint64_t)n->op | (uint64_t)n->neg << 8 |
                              (uint64_t)n->item << 16 |
                              (uint64_t)n->fast << 24 |
                              (uint64_t)(uint32_t)n->field << 32);
        h = digest_add(h, (uint64_t)n->first | (uint64_t)n->nkids << 32);
        h = digest_add(h, n->fast ? n->mask : 0);
    }
    for (size_t i = 0; i < pg->nkid; i++)
        h = digest_add(h, pg->kid[i]);
    return h;
}
