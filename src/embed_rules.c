/*
 * embed_rules.c -- a build tool: the rule files of rules/ -> builtin_rules.c,
 * the built-in rule files as the node trees yaml_tree.c would build from them,
 * in static C data.  The program loads its default rules from these trees
 * through the same loader as any rule file (rules_load.c), so it parses no
 * YAML when it starts, and what it loads cannot differ from the files but
 * in the parsing, which happened here, once, with every error failing the
 * build.
 *
 * Usage: embed_rules OUT NAME=FILE...  (NAME as locations show it,
 * "rules/pal.yaml").
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_tree.h"

static int failed;

static void embed_error(void *ctx, enum aa_code code, struct aa_loc at,
                        const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
embed_error(void *ctx, enum aa_code code, struct aa_loc at, const char *fmt,
            va_list ap)
{
    (void)ctx;
    (void)code;
    fprintf(stderr, "embed_rules: %s:%u:%u: ", at.file, at.line, at.col);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    failed = 1;
}

/* A C string literal of s: printable ASCII as it is, the rest in octal, so
 * the generated file is plain ASCII whatever the rules hold. */
static void
put_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p >= 0x20 && *p < 0x7f && *p != '?')
            fputc(*p, out);
        else
            fprintf(out, "\\%03o", *p); /* '?' too: no trigraphs */
    }
    fputc('"', out);
}

/* Number the nodes depth first, so a node's kids get consecutive slots in
 * the kid table. */
static size_t
count(const struct aa_ynode *n)
{
    size_t c = 1;

    for (size_t i = 0; n->kind != AA_Y_SCALAR && i < n->n; i++)
        c += count(n->kids[i]);
    return c;
}

struct emit {
    FILE *out;
    int file;
    size_t node, kid; /* next free slots */
};

/* Write node n as slot 'self' of the node table; its kids take the next
 * slots of both tables. */
static void
emit_node(struct emit *e, const struct aa_ynode *n, size_t self,
          const char *name)
{
    size_t first_kid = e->kid, slots[1];
    size_t *kid_slot = n->kind == AA_Y_SCALAR || n->n == 0
                           ? slots
                           : malloc(n->n * sizeof(*kid_slot));

    if (kid_slot == NULL)
        exit(4);
    if (n->kind != AA_Y_SCALAR) {
        e->kid += n->n;
        for (size_t i = 0; i < n->n; i++) {
            kid_slot[i] = e->node++;
        }
    }
    /* Designated fields: the node's layout may change without this. */
    fprintf(e->out, "    [%zu] = {.kind = %s, .at = {", self,
            n->kind == AA_Y_SCALAR ? "AA_Y_SCALAR"
            : n->kind == AA_Y_MAP  ? "AA_Y_MAP"
                                   : "AA_Y_SEQ");
    put_string(e->out, name);
    fprintf(e->out, ", %u, %u}, ", n->at.line, n->at.col);
    if (n->kind == AA_Y_SCALAR) {
        fprintf(e->out, ".plain = %d, .s = ", n->plain);
        put_string(e->out, n->s);
        fputs("},\n", e->out);
    } else {
        fprintf(e->out, ".kids = (struct aa_ynode **)k%d + %zu, .n = %zu},\n",
                e->file, first_kid, n->n);
    }
    for (size_t i = 0; n->kind != AA_Y_SCALAR && i < n->n; i++)
        emit_node(e, n->kids[i], kid_slot[i], name);
    if (kid_slot != slots)
        free(kid_slot);
}

/* The kid table: each node's kids, as pointers into the node table, in the
 * slots emit_node gave them. */
static void
emit_kids(struct emit *e, const struct aa_ynode *n)
{
    size_t base = e->node;

    if (n->kind == AA_Y_SCALAR)
        return;
    for (size_t i = 0; i < n->n; i++)
        fprintf(e->out, "    &n%d[%zu],\n", e->file, base + i);
    e->node += n->n;
    for (size_t i = 0; i < n->n; i++)
        emit_kids(e, n->kids[i]);
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;

    if (fp == NULL) {
        perror(path);
        exit(1);
    }
    buf = aa_read_all(fp, (size_t)1 << 30, len);
    fclose(fp);
    if (buf == NULL) {
        fprintf(stderr, "embed_rules: %s: cannot read\n", path);
        exit(1);
    }
    return buf;
}

int
main(int argc, char **argv)
{
    FILE *out;
    struct aa_arena nodes, strings;

    if (argc < 2) {
        fputs("usage: embed_rules OUT NAME=FILE...\n", stderr);
        return 2;
    }
    if ((out = fopen(argv[1], "w")) == NULL) {
        perror(argv[1]);
        return 1;
    }
    /* libyaml alone: the built-in rules then compare the one-pass reader
     * with it each time the tests load them from YAML. */
    aa_yaml_fast_path(0);
    aa_arena_init(&nodes);
    aa_arena_init(&strings);
    fputs("/* Generated from the rule files of rules/ by src/embed_rules.c: "
          "the node\n * trees of the built-in rule files. */\n"
          "#include \"ruleset.h\"\n#include \"yaml_tree.h\"\n\n",
          out);
    for (int i = 2; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        struct aa_yparse yp;
        struct aa_ynode *root;
        struct emit e;
        size_t len, total;

        if (eq == NULL) {
            fprintf(stderr, "embed_rules: expected NAME=FILE: %s\n", argv[i]);
            return 2;
        }
        *eq = '\0';
        memset(&yp, 0, sizeof(yp));
        yp.nodes = &nodes;
        yp.strings = &strings;
        yp.file = argv[i];
        yp.data = slurp(eq + 1, &len);
        yp.len = len;
        yp.what = "rule files";
        yp.error = embed_error;
        root = aa_yaml_parse(&yp);
        free((char *)yp.data);
        if (failed || root == NULL) {
            fprintf(stderr, "embed_rules: %s: no rules to embed\n", argv[i]);
            return 1;
        }
        total = count(root);
        /* Read-only, so the tables stay in the file's pages and are
         * mapped, not copied, at start (nothing writes a loaded tree; the
         * casts of the kid tables only fit struct aa_ynode's type). */
        fprintf(out, "static const struct aa_ynode n%d[%zu];\n", i, total);
        fprintf(out, "static const struct aa_ynode *const k%d[%zu] = {\n", i,
                total > 1 ? total - 1 : 1);
        e.out = out;
        e.file = i;
        e.node = 1;
        e.kid = 0;
        emit_kids(&e, root);
        if (total == 1)
            fputs("    NULL,\n", out);
        fputs("};\n", out);
        fprintf(out, "static const struct aa_ynode n%d[%zu] = {\n", i, total);
        e.node = 1;
        emit_node(&e, root, 0, argv[i]);
        fputs("};\n\n", out);
    }
    fputs("const struct aa_builtin_file aa_builtin_files[] = {\n", out);
    for (int i = 2; i < argc; i++) {
        fputs("    {", out);
        put_string(out, argv[i]);
        fprintf(out, ", n%d},\n", i);
    }
    fprintf(out, "    {0, 0}};\nconst size_t aa_builtin_file_count = %d;\n",
            argc - 2);
    aa_arena_fini(&nodes);
    aa_arena_fini(&strings);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
