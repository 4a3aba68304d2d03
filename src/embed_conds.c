/*
 * embed_conds.c -- a build tool: the built-in rules' conditions ->
 * builtin_conds.c, a C function for each (cond.h).
 *
 * The rules are loaded and compiled as the program would without its
 * image (image_none.c), which gives the image's program node for node
 * (test_image holds the two, and these functions, to one digest).  Each
 * condition is written out node by node: a test of an enumeration's or a
 * boolean's bits against the node's mask, a presence test, and the all /
 * any / not that combine them, with the walk's three values and its sets
 * of missing fields (eval.c, eval_op).  Any other node -- an item loop, a
 * string or a list test -- is a call of the walk on that node.
 *
 * Usage: embed_conds OUT  (written as OUT.tmp, then renamed: a build that
 * fails leaves no half-written OUT behind)
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "attrib_advise.h"
#include "compile.h"
#include "contract.h"
#include "ruleset.h"

static FILE *out;
static const struct aa_program *pg;
static unsigned labels; /* of the function being written */
static size_t walked;   /* nodes left to the walk, in all */

static void
die(const char *what, const char *why)
{
    fprintf(stderr, "embed_conds: %s: %s\n", what, why);
    exit(1);
}

/* A line at depth d (four columns a level). */
static void line(int d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
line(int d, const char *fmt, ...)
{
    va_list ap;

    fprintf(out, "%*s", 4 * d, "");
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
}

/* The bits of v, the present value of field f, as eval.c's value_bits. */
static void
bits(int d, int f)
{
    switch (aa_fields[f].type) {
    case AA_T_BOOL:
        line(d, "b = (uint64_t)1 << (v->b != 0);");
        break;
    case AA_T_ENUM:
        line(d, "b = (unsigned)v->e < 62 ? (uint64_t)1 << v->e : 0;");
        break;
    case AA_T_ENUM_ARRAY:
        line(d, "for (size_t k = 0; k < v->nitems; k++)");
        line(d + 1, "if ((unsigned)v->items[k].e < 62)");
        line(d + 2, "b |= (uint64_t)1 << v->items[k].e;");
        break;
    default:
        /* The compiler marks fast only nodes of these three types. */
        die("a fast node", "its field is not an enumeration or a boolean");
    }
}

/*
 * Node ix at depth d: sets variable r, adding to set 'why' (an expression
 * of type struct aa_rowset *) the fields that leave it unknown, and only
 * then, as the walk does.  Variables of depth d are named with d, so a
 * combinator's own never hide its kids'.
 */
static void
node(int d, unsigned ix, const char *r, const char *why)
{
    const struct aa_node *n = &pg->nodes[ix];

    if (n->fast) {
        const char *test = n->fast == AA_FAST_ALL  ? "(b & ~m) == 0"
                           : n->fast == AA_FAST_NO ? "(b & m) == 0"
                                                   : "(b & m) != 0";

        line(d, "{");
        line(d + 1, "const struct aa_val *v = &sc->vals[%d];", n->field);
        line(d + 1, "const uint64_t m = UINT64_C(%#" PRIx64 ");", n->mask);
        line(d + 1, "uint64_t b = 0;");
        fputc('\n', out);
        line(d + 1, "if (!v->present) {");
        line(d + 2, "aa_rowset_add(%s, %d);", why, n->field);
        line(d + 2, "%s = AA_COND_U;", r);
        line(d + 1, "} else {");
        bits(d + 2, n->field);
        line(d + 2, "%s = %s ? AA_COND_T : AA_COND_F;", r, test);
        line(d + 1, "}");
        line(d, "}");
        return;
    }
    switch ((enum aa_op)n->op) {
    case AA_OP_ALL:
    case AA_OP_ANY: {
        int all = n->op == AA_OP_ALL;
        const char *stop = all ? "AA_COND_F" : "AA_COND_T";
        unsigned done = labels++;
        char kr[16], kw[16];

        snprintf(kr, sizeof(kr), "r%d", d);
        snprintf(kw, sizeof(kw), "&u%d", d);
        line(d, "{");
        line(d + 1, "struct aa_rowset u%d = {{0, 0}};", d);
        line(d + 1, "int a%d = %s, r%d;", d, all ? "AA_COND_T" : "AA_COND_F",
             d);
        fputc('\n', out);
        for (unsigned i = 0; i < n->nkids; i++) {
            node(d + 1, pg->kid[n->first + i], kr, kw);
            line(d + 1, "if (r%d == %s) {", d, stop);
            line(d + 2, "%s = %s;", r, stop);
            line(d + 2, "goto done%u;", done);
            line(d + 1, "}");
            line(d + 1, "if (r%d == AA_COND_U)", d);
            line(d + 2, "a%d = AA_COND_U;", d);
        }
        line(d + 1, "if (a%d == AA_COND_U)", d);
        line(d + 2, "aa_rowset_or(%s, &u%d);", why, d);
        line(d + 1, "%s = a%d;", r, d);
        line(d, "}");
        line(d - 1 < 0 ? 0 : d - 1, "done%u:;", done);
        return;
    }
    case AA_OP_NOT: {
        char kr[16];

        snprintf(kr, sizeof(kr), "r%d", d);
        line(d, "{");
        line(d + 1, "int r%d;", d);
        fputc('\n', out);
        node(d + 1, pg->kid[n->first], kr, why);
        line(d + 1, "%s = r%d == AA_COND_U   ? AA_COND_U", r, d);
        line(d + 1, "    : r%d == AA_COND_T ? AA_COND_F", d);
        line(d + 1, "                     : AA_COND_T;");
        line(d, "}");
        return;
    }
    case AA_OP_EXISTS:
        line(d,
             "%s = (sc->vals[%d].present != 0) != %d ? AA_COND_T : AA_COND_F;",
             r, n->field, n->neg != 0);
        return;
    default:
        walked++;
        line(d, "%s = aa_eval_node(pg, %u, sc, %s);", r, ix, why);
        return;
    }
}

int
main(int argc, char **argv)
{
    struct aa_diags *dl = aa_diags_new();
    struct aa_ruleset *rs;
    size_t nfn = 0;
    char *want, *tmp;

    if (argc != 2) {
        fputs("usage: embed_conds OUT\n", stderr);
        return 2;
    }
    if ((rs = aa_ruleset_builtin(dl)) == NULL || rs->image)
        die("the built-in rules", "they do not compile, or are an image");
    pg = rs->prog;
    want = aa_xcalloc(pg->nrules + 1, 1);
    for (int s = 0; s < 2; s++)
        for (size_t j = 0; j < pg->nstaged[s]; j++)
            if (pg->rules[pg->staged[s][j]].root >= 0)
                want[pg->staged[s][j]] = 1;
    tmp = aa_xasprintf("%s.tmp", argv[1]);
    if ((out = fopen(tmp, "w")) == NULL)
        die(tmp, "cannot write");
    fprintf(out,
            "/* Generated from the built-in rules by src/embed_conds.c: each "
            "rule's\n * condition as C (cond.h). */\n"
            "#include \"cond.h\"\n");
    for (size_t i = 0; i < pg->nrules; i++) {
        if (!want[i])
            continue;
        labels = 0;
        fprintf(out,
                "\n/* %s */\nstatic int\nc%zu(const struct aa_program *pg, "
                "const struct aa_scenario *sc,\n    struct aa_rowset *why)\n{\n"
                "    int r;\n\n    (void)pg;\n",
                pg->rules[i].src->id, i);
        node(1, (unsigned)pg->rules[i].root, "r", "why");
        fprintf(out, "    return r;\n}\n");
        nfn++;
    }
    fprintf(out, "\nstatic const aa_cond_fn fn[%zu] = {\n", pg->nrules);
    for (size_t i = 0; i < pg->nrules; i++)
        if (want[i])
            fprintf(out, "    [%zu] = c%zu,\n", i, i);
    fprintf(out,
            "};\n\nconst struct aa_conds aa_builtin_conds = {%zu, %zu, "
            "UINT64_C(%#" PRIx64 "), fn};\n",
            pg->nrules, pg->nnodes, aa_program_digest(pg));
    fprintf(out, "/* %zu conditions; %zu nodes left to the walk. */\n", nfn,
            walked);
    if (fclose(out) != 0 || rename(tmp, argv[1]) != 0)
        die(argv[1], "cannot write");
    free(tmp);
    free(want);
    aa_ruleset_free(rs);
    aa_diags_free(dl);
    return 0;
}
