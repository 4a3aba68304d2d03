/*
 * compile.c -- rule AST -> checked program.
 *
 * Everything that can be wrong with a rule beyond its YAML shape is found
 * here, once, before any scenario is read:
 *
 *   ruleset  := fact* list* rule*      ids unique within a layer; a rule of
 *                                      a later layer replaces its namesake
 *   rule     := facts (when | detect)? signal? templates
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

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "report.h"
#include "ruleset.h"

struct cc {
    struct aa_ruleset *rs;
    struct aa_diags *dl;
    struct aa_program *prog;
    size_t capnodes, capkid;
    const struct aa_rule *rule; /* rule being compiled, for messages */
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
    }
    memset(&pg->nodes[pg->nnodes], 0, sizeof(*pg->nodes));
    pg->nodes[pg->nnodes].field = -1;
    return (unsigned)pg->nnodes++;
}

static const struct aa_list *
find_list(struct cc *c, const char *name)
{
    for (size_t i = 0; i < c->rs->ast.nlists; i++)
        if (strcmp(c->rs->ast.lists[i]->name, name) == 0)
            return c->rs->ast.lists[i];
    return NULL;
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
    n->item = item_row >= 0;

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
        n->nval = k->lits[0].n;
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
        n->nvals = k->nlits;
        return (int)self;
    }
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
    case AA_OP_PEC_ROLE:
    case AA_OP_READ_ONLY_ROLE:
    case AA_OP_IN_LIST: {
        const char *lname = k->op == AA_OP_PEC_ROLE ? "pec_eligible_roles"
                            : k->op == AA_OP_READ_ONLY_ROLE ? "read_only_roles"
                                                            : k->list;

        if (t != AA_T_STRING) {
            error(c, AA_E_OPERATOR, k->at,
                  "'%s' applies to free-text strings; '%s' is %s",
                  aa_op_name(k->op), aa_fields[row].ptr,
                  t == AA_T_ENUM ? "an enumeration (use one_of)"
                                 : aa_ftype_name(t));
            return -1;
        }
        n->neg = k->op != AA_OP_IN_LIST && !k->flag;
        if (lname != NULL) {
            const struct aa_list *l = find_list(c, lname);

            if (l == NULL) {
                error(c, AA_E_OPERATOR, k->at,
                      "'%s' needs a list named '%s', and no rule file "
                      "defines one",
                      aa_op_name(k->op), lname);
                return -1;
            }
            n = &c->prog->nodes[self];
            n->op = AA_OP_IN_LIST;
            n->svals = l->items;
            n->nvals = l->nitems;
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
    struct aa_tpl_part parts[64];
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
        if (detect && strcmp(path, "match") == 0) {
            row = AA_TPL_MATCH;
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
    out->parts = memcpy(aa_arena_alloc(&c->rs->arena, np * sizeof(*parts)),
                        parts, np * sizeof(*parts));
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
    *slot = (int)c->prog->nrules;
    cr->detect = d;
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
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct aa_fact *f = aa_ruleset_find_fact(c->rs, r->facts[i]);

        if (f == NULL)
            error(c, AA_E_FACT, r->facts_at[i],
                  "unknown fact ID '%s'; rules may cite only facts of the "
                  "registry (rules/facts.yaml)",
                  r->facts[i]);
        /* An unconfirmed fact may warn, never decide against a plan. */
        else if (strstr(f->status, "soft") != NULL &&
                 (r->signal == AA_SIG_BLOCK || r->signal == AA_SIG_EXCLUDE ||
                  (r->has_finding && r->severity == AA_SEV_ERROR)))
            error(c, AA_E_FACT, r->facts_at[i],
                  "'%s' is a soft (unconfirmed) fact: a rule citing it may "
                  "not block, exclude or report an error",
                  r->facts[i]);
    }
    if (r->mech == AA_MECH_GEN &&
        (r->signal != AA_SIG_NONE || r->nactions > 0 || !r->has_finding))
        error(c, AA_E_SCHEMA, r->at,
              "a GEN rule reports findings only: it needs 'finding' and "
              "takes no 'verdict' or 'actions'");
    cr->detect = -1;
    if (r->detect != NULL)
        compile_detect(c, r, cr);
    if (r->when != NULL)
        cr->root = compile_cond(c, r->when, -1, &first_path);
    if (r->pointer != NULL)
        cr->pointer = resolve_path(c, r->pointer, r->pointer_at);
    else if (r->detect != NULL)
        cr->pointer = aa_contract_find("/solution/artifacts");
    else
        cr->pointer = first_path >= 0 ? first_path : AA_FIELD_ROOT;
    compile_tpl(c, r->reason, r->signal_at, &cr->reason);
    compile_tpl(c, r->message, r->pointer_at.line ? r->pointer_at : r->at,
                &cr->message);
    cr->acts = aa_arena_alloc(&c->rs->arena, r->nactions * sizeof(*cr->acts));
    for (size_t i = 0; i < r->nactions; i++) {
        const struct aa_action *a = &r->actions[i];

        compile_tpl(c, a->text, a->at, &cr->acts[i].text);
        compile_tpl(c, a->command, a->at, &cr->acts[i].command);
        compile_tpl(c, a->snippet, a->at, &cr->acts[i].snippet);
    }
    if (c->errors == before)
        c->prog->nrules++;
    c->rule = NULL;
}

static void
loc_text(struct aa_loc l, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%u:%u", l.file ? l.file : "?", l.line, l.col);
}

/* Which rules survive: duplicates within a layer are errors; a rule of a
 * later layer takes the place of its namesake.  Returns live rules in
 * declaration order (a heap array of nrules entries, NULL for dead). */
static const struct aa_rule **
select_rules(struct cc *c)
{
    const struct aa_ast *ast = &c->rs->ast;
    const struct aa_rule **live =
        aa_xcalloc(ast->nrules ? ast->nrules : 1, sizeof(*live));
    char where[512];

    for (size_t i = 0; i < ast->nrules; i++) {
        const struct aa_rule *r = ast->rules[i];
        size_t j;

        for (j = 0; j < i; j++)
            if (live[j] != NULL && strcmp(live[j]->id, r->id) == 0)
                break;
        if (j == i) {
            live[i] = r;
        } else if (live[j]->layer < r->layer) {
            live[j] = r;
        } else {
            loc_text(live[j]->id_at, where, sizeof(where));
            c->rule = r;
            error(c, AA_E_DUPLICATE, r->id_at,
                  "duplicate rule id '%s'; first defined at %s", r->id, where);
            c->rule = NULL;
        }
    }
    return live;
}

static void
check_registry(struct cc *c)
{
    const struct aa_ast *ast = &c->rs->ast;
    char where[512];

    for (size_t i = 0; i < ast->nfacts; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ast->facts[i]->id, ast->facts[j]->id) == 0) {
                loc_text(ast->facts[j]->at, where, sizeof(where));
                error(c, AA_E_DUPLICATE, ast->facts[i]->at,
                      "duplicate fact ID '%s'; first defined at %s",
                      ast->facts[i]->id, where);
                break;
            }
    for (size_t i = 0; i < ast->nlists; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ast->lists[i]->name, ast->lists[j]->name) == 0) {
                loc_text(ast->lists[j]->at, where, sizeof(where));
                error(c, AA_E_DUPLICATE, ast->lists[i]->at,
                      "duplicate list '%s'; first defined at %s",
                      ast->lists[i]->name, where);
                break;
            }
}

static void
program_free(struct aa_program *p)
{
    free(p->rules);
    free(p->nodes);
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

/* The help text of a rule: what it says when it fires. */
static const char *
rule_help(const struct aa_rule *r)
{
    if (r->reason != NULL)
        return r->reason;
    if (r->has_finding)
        return r->message;
    return r->nactions > 0 ? r->actions[0].text : r->id;
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

    *pg = *heap;
    pg->rules = arena_copy(a, heap->rules, heap->nrules * sizeof(*pg->rules));
    pg->nodes = arena_copy(a, heap->nodes, heap->nnodes * sizeof(*pg->nodes));
    pg->kid = arena_copy(a, heap->kid, heap->nkid * sizeof(*pg->kid));
    program_free(heap);
    live = aa_arena_alloc(a, pg->nrules * sizeof(*live));
    cat = aa_arena_alloc(a, pg->nrules * sizeof(*cat));
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_rule *r = pg->rules[i].src;

        live[i] = r;
        cat[i].id = r->id;
        cat[i].mech = r->mech < AA_MECH_COUNT ? aa_mech_name(r->mech) : NULL;
        cat[i].facts = r->facts;
        cat[i].nfacts = r->nfacts;
        cat[i].help = rule_help(r);
        cat[i].level = r->has_finding ? (int)r->severity : -1;
    }
    rs->prog = pg;
    rs->live = live;
    rs->nlive = pg->nrules;
    rs->catalog = cat;
}

int
aa_ruleset_compile(struct aa_ruleset *rs, struct aa_diags *dl)
{
    struct cc c = {rs, dl, NULL, 0, 0, NULL, 0};
    const struct aa_rule **live = NULL;

    /* A program of an earlier call stays in the arena until the ruleset is
     * freed; it is no longer reachable. */
    rs->prog = NULL;
    rs->live = NULL;
    rs->nlive = 0;
    rs->catalog = NULL;
    if (rs->load_failed)
        return -1;
    c.prog = aa_xcalloc(1, sizeof(*c.prog));
    c.prog->rules =
        aa_xcalloc(rs->ast.nrules ? rs->ast.nrules : 1, sizeof(*c.prog->rules));
    for (int d = 0; d < AA_D_COUNT; d++)
        c.prog->detect_rule[d] = -1;
    check_registry(&c);
    live = select_rules(&c);
    for (size_t i = 0; i < rs->ast.nrules; i++)
        if (live[i] != NULL)
            compile_rule(&c, live[i]);
    free(live);
    if (c.errors > 0) {
        program_free(c.prog);
        return -1;
    }
    keep_program(rs, c.prog);
    return 0;
}
