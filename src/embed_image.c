/*
 * embed_image.c -- a build tool: the rule files of rules/ -> builtin_image.c,
 * the built-in rules loaded and compiled, as the words of the arena that
 * holds their ruleset.  The program reads its rules there (image.c) instead
 * of loading and compiling them, which was most of a start-up
 * (docs/performance.md).
 *
 * The ruleset is built twice, each time in an arena of one block at a
 * different address.  A word of the two that differs by exactly the
 * distance between the blocks is a pointer into the arena: it is written
 * as that address in the image, which the linker fixes as it fixes any
 * pointer of static data.  Any other difference, and any word the same in
 * both that points into this process (to its static data or its heap, out
 * of the arena), fails the build with its offset, so an image that would
 * not stand for the rules is never written.  The same loader and compiler
 * build it that build a user's rules; test_image holds the image against
 * the rules compiled from their trees.
 *
 * Usage: embed_image OUT NAME=FILE...  (NAME as locations show it,
 * "rules/pal.yaml").
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "attrib_advise.h"
#include "ruleset.h"
#include "yaml_tree.h"

/* Far more than the built-in rules take (about half a MiB); only what is
 * used is ever touched. */
enum { REGION = 64u << 20 };
/* The image is read a word at a time: a pointer's width, the unit of
 * alignment of every pointer the arena holds. */
#define W sizeof(uintptr_t)

static void
die(const char *what, const char *why)
{
    fprintf(stderr, "embed_image: %s%s%s\n", what, *why ? ": " : "", why);
    exit(1);
}

/* Dies naming the image's word at 'off' and what the builds wrote
 * there. */
static void
die_at(size_t off, uintptr_t w0, uintptr_t w1, const char *why)
{
    char where[128];

    snprintf(where, sizeof(where),
             "the word at offset %zu (%#" PRIxPTR ", %#" PRIxPTR ")", off, w0,
             w1);
    die(where, why);
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;

    if (fp == NULL)
        die(path, "cannot open");
    buf = aa_read_all(fp, (size_t)1 << 30, len);
    fclose(fp);
    return buf;
}

/* A copy in the arena of the n items of 'size' bytes at p. */
static void *
keep(struct aa_arena *a, const void *p, size_t n, size_t size)
{
    void *q = aa_arena_alloc(a, n * size);

    if (n > 0)
        memcpy(q, p, n * size);
    return q;
}

/* The same of an array on the heap, which it frees. */
static void *
move(struct aa_arena *a, void *p, size_t n, size_t size)
{
    void *q = keep(a, p, n, size);

    free(p);
    return q;
}

/*
 * The built-in rules as aa_rules_load_builtin and aa_ruleset_compile make
 * them, but with every text in the arena (the trees' texts are static data
 * of this program) and in the one block at 'region'.  Then the AST's
 * arrays and the ruleset itself are copied into it too; returns the
 * ruleset's offset and sets *size to the image's.
 */
static size_t
build(char *region, int nfiles, char **files, size_t *size)
{
    struct aa_ruleset *rs = aa_ruleset_new();
    struct aa_diags *dl = aa_diags_new();
    struct aa_arena *a = &rs->arena;
    struct aa_ast *ast = &rs->ast;
    struct aa_ruleset *img;
    int bad = 0;

    aa_arena_init_in(a, region, REGION);
    rs->layer = 0;
    rs->builtin = 1;
    for (int i = 0; i < nfiles; i++) {
        char *eq = strchr(files[i], '=');
        size_t len;
        char *data;

        if (eq == NULL)
            die(files[i], "expected NAME=FILE");
        data = slurp(eq + 1, &len);
        *eq = '\0';
        if (aa_rules_load_mem(rs, files[i], data, len, dl) != 0)
            bad = 1;
        *eq = '=';
        free(data);
    }
    rs->layer = 1;
    rs->builtin = 0;
    if (!bad && aa_ruleset_compile(rs, dl) != 0)
        bad = 1;
    /* Anything said of the built-in rules, even a note, would be said at
     * every start from the trees and never from the image. */
    if (bad || aa_diags_count(dl) > 0) {
        aa_diags_print(dl, stderr);
        die("the built-in rules", "they do not compile without a word");
    }
    aa_diags_free(dl);
    ast->rules = move(a, ast->rules, ast->nrules, sizeof(*ast->rules));
    ast->facts = move(a, ast->facts, ast->nfacts, sizeof(*ast->facts));
    ast->lists = move(a, ast->lists, ast->nlists, sizeof(*ast->lists));
    ast->sources = move(a, ast->sources, ast->nsources, sizeof(*ast->sources));
    ast->regrades =
        move(a, ast->regrades, ast->nregrades, sizeof(*ast->regrades));
    ast->caprules = ast->nrules;
    ast->capfacts = ast->nfacts;
    ast->caplists = ast->nlists;
    ast->capsources = ast->nsources;
    ast->capregrades = ast->nregrades;
    img = keep(a, rs, 1, sizeof(*rs));
    /* Pointing at the copy, not at this process's ruleset, as image.c
     * sets them again. */
    aa_ruleset_own_arena(img);
    img->image = 1;
    if ((*size = aa_arena_image_size(a, region)) == 0)
        die("the built-in rules", "they outgrew the image's block");
    /* Whole words: the room past the end is zero as mmap gave it.  The
     * block's header is in the image too, the same in both builds (no
     * next block), and nothing reads it there. */
    *size = (*size + W - 1) / W * W;
    /* The ruleset's own pieces were copied: a block of the caller's must
     * not reach free(). */
    rs->arena.head = NULL;
    rs->image = 1; /* and its arrays were moved */
    aa_ruleset_free(rs);
    return (size_t)((char *)img - region);
}

struct span {
    uintptr_t lo, hi;
};

/*
 * The address ranges of this process's files and of its heap and stack,
 * from /proc/self/maps: where a pointer that is the same in both builds
 * would point (static data, a chunk malloc gave back and gave again).
 * Not the unnamed mappings: under AddressSanitizer they include its
 * shadow, terabytes from 2 GiB up, where many a mask of 64 bits falls.
 */
static struct span *
mapped(size_t *n)
{
    FILE *fp = fopen("/proc/self/maps", "r");
    struct span *v = NULL;
    size_t cap = 0;
    uintmax_t lo, hi;
    char line[4096];
    int name;

    *n = 0;
    if (fp == NULL)
        die("/proc/self/maps", "cannot read");
    while (fgets(line, sizeof(line), fp) != NULL) {
        name = -1;
        if (sscanf(line, "%jx-%jx %*s %*s %*s %*s %n", &lo, &hi, &name) != 2 ||
            name < 0 || line[name] == '\n' || line[name] == '\0')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            v = aa_xrealloc(v, cap, sizeof(*v));
        }
        v[*n].lo = (uintptr_t)lo;
        v[(*n)++].hi = (uintptr_t)hi;
    }
    fclose(fp);
    return v;
}

int
main(int argc, char **argv)
{
    char *r[2];
    size_t at[2], size[2], nspans, nptrs = 0;
    struct span *spans;
    unsigned char *kind; /* of each word: 1 a pointer into the image */
    uintptr_t *words;
    FILE *out;

    if (argc < 3) {
        fputs("usage: embed_image OUT NAME=FILE...\n", stderr);
        return 2;
    }
    /* libyaml alone, as the trees of embed_rules are read. */
    aa_yaml_fast_path(0);
    for (int k = 0; k < 2; k++) {
        r[k] = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r[k] == MAP_FAILED)
            die("a region for the image", "cannot map");
        at[k] = build(r[k], argc - 2, argv + 2, &size[k]);
    }
    if (at[0] != at[1] || size[0] != size[1])
        die("two builds of the built-in rules", "they differ in size");
    spans = mapped(&nspans);
    kind = aa_xcalloc(size[0] / W + 1, 1);
    words = aa_xcalloc(size[0] / W + 1, sizeof(*words));
    for (size_t off = 0; off < size[0]; off += W) {
        uintptr_t w0, w1;

        memcpy(&w0, r[0] + off, W);
        memcpy(&w1, r[1] + off, W);
        if (w0 != w1) {
            uintptr_t d0 = w0 - (uintptr_t)r[0], d1 = w1 - (uintptr_t)r[1];

            if (d0 != d1 || d0 > size[0])
                die_at(off, w0, w1,
                       "two builds differ there by other than their places");
            words[off / W] = d0;
            kind[off / W] = 1;
            nptrs++;
            continue;
        }
        for (size_t i = 0; i < nspans; i++)
            if (w0 >= spans[i].lo && w0 < spans[i].hi)
                die_at(off, w0, w1, "it points out of the arena");
        words[off / W] = w0;
    }
    if ((out = fopen(argv[1], "w")) == NULL)
        die(argv[1], "cannot write");
    fprintf(out,
            "/* Generated from the rule files of rules/ by src/embed_image.c: "
            "the built-in\n * rules compiled, as an arena image: %zu bytes, "
            "%zu pointers. */\n"
            "#include \"ruleset.h\"\n\n"
            "static const union aa_image_word w[] = {\n",
            size[0], nptrs);
    for (size_t i = 0; i < size[0] / W; i++) {
        if (kind[i])
            fprintf(out, "    {.p = (const char *)w + %" PRIuPTR "},\n",
                    words[i]);
        else
            fprintf(out, "    {%#" PRIxPTR "u},\n", words[i]);
    }
    fprintf(out,
            "};\nconst struct aa_image aa_builtin_image = {w, %zu, %zu};\n",
            size[0], at[0]);
    free(words);
    free(kind);
    free(spans);
    if (fclose(out) != 0)
        die(argv[1], "cannot write");
    return 0;
}
