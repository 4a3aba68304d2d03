/* test_walk.c -- the one folder walker: order, skips, links followed once,
 * links out of the root, limits, and inputs that are not regular files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "walk.h"

/* A fresh folder for one test, under $TMPDIR or /tmp; left behind for
 * inspection when the test fails. */
static char *
scratch(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    char *dir =
        aa_xasprintf("%s/aa-walk-%s-XXXXXX",
                     tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp", name);

    assert_non_null(mkdtemp(dir));
    return dir;
}

static void
unscratch(char *dir)
{
    char *cmd = aa_xasprintf("rm -rf '%s'", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

/* A small file at dir/rel, with the folders on the way. */
static void
put(const char *dir, const char *rel)
{
    char *path = aa_xasprintf("%s/%s", dir, rel);
    FILE *fp;

    for (char *p = path + strlen(dir) + 1; *p != '\0'; p++)
        if (*p == '/') {
            *p = '\0';
            (void)mkdir(path, 0777);
            *p = '/';
        }
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("{}\n", fp);
    fclose(fp);
    free(path);
}

static void
link_to(const char *dir, const char *target, const char *rel)
{
    char *path = aa_xasprintf("%s/%s", dir, rel);

    assert_int_equal(symlink(target, path), 0);
    free(path);
}

/* The walk's files as one string, "a|b/c|..", with '!' after a broken
 * link; the caller frees it. */
static char *
listing(const struct aa_walk *w)
{
    size_t n = 1;
    char *s, *p;

    for (size_t i = 0; i < w->n; i++)
        n += strlen(w->v[i].rel) + 2;
    s = p = aa_xmalloc(n);
    *p = '\0';
    for (size_t i = 0; i < w->n; i++)
        p += sprintf(p, "%s%s%s", i ? "|" : "", w->v[i].rel,
                     w->v[i].broken ? "!" : "");
    return s;
}

static char *
walk_list(const char *root, aa_walk_want_fn *want, struct aa_diags *dl, int *rc)
{
    struct aa_walk w;
    char *s;

    aa_walk_init(&w);
    *rc = aa_walk_tree(&w, root, want, dl);
    s = listing(&w);
    aa_walk_fini(&w);
    return s;
}

/* Folder by folder in byte order: "a/x" comes before "a.json", as the
 * folder "a" sorts before the name "a.json". */
static void
test_order_and_skips(void **state)
{
    char *dir = scratch("order");
    char *fifo = aa_xasprintf("%s/pipe.json", dir);
    struct aa_diags dl;
    char *got;
    int rc;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "b.json");
    put(dir, "a.json");
    put(dir, "A.json");
    put(dir, "a/x.json");
    put(dir, "c/d/e.json");
    put(dir, ".env");
    put(dir, ".git/config");
    put(dir, "node_modules/m/package.json");
    assert_int_equal(mkfifo(fifo, 0666), 0);
    got = walk_list(dir, NULL, &dl, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    /* Hidden files are listed (a scan reads .env); hidden folders,
     * node_modules and the FIFO are not. */
    assert_string_equal(got, ".env|A.json|a/x.json|a.json|b.json|c/d/e.json");
    free(got);
    aa_diags_fini(&dl);
    free(fifo);
    unscratch(dir);
}

static int
want_json(const char *name)
{
    size_t n = strlen(name);

    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Cycles end, and what a link leads to is listed once, by its own name
 * even when the link sorts first. */
static void
test_links_once(void **state)
{
    char *dir = scratch("links");
    struct aa_diags dl;
    char *got;
    int rc;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "real/x.json");
    put(dir, "z.json");
    link_to(dir, "real", "alias");
    link_to(dir, "real", "a-link");
    link_to(dir, "z.json", "first.json");
    link_to(dir, "..", "real/up");
    link_to(dir, ".", "s1");
    link_to(dir, ".", "s2");
    got = walk_list(dir, want_json, &dl, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    assert_string_equal(got, "real/x.json|z.json");
    free(got);
    aa_diags_fini(&dl);
    unscratch(dir);
}

/* Thirty folders, each linking twice to the next: 2^30 paths, one pass. */
static void
test_double_link_chain(void **state)
{
    char *dir = scratch("chain");
    struct aa_diags dl;
    char *got, name[64], target[64];
    int rc;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "d00/f.json");
    for (int i = 0; i < 30; i++) {
        snprintf(name, sizeof(name), "d%02d/f.json", i + 1);
        put(dir, name);
        snprintf(target, sizeof(target), "../d%02d", i + 1);
        snprintf(name, sizeof(name), "d%02d/l1", i);
        link_to(dir, target, name);
        snprintf(name, sizeof(name), "d%02d/l2", i);
        link_to(dir, target, name);
    }
    got = walk_list(dir, want_json, &dl, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(strlen(got), 31 * strlen("d00/f.json") + 30);
    free(got);
    aa_diags_fini(&dl);
    unscratch(dir);
}

/* A link out of the root is not followed, with a note, unless the
 * process allows it. */
static void
test_outside(void **state)
{
    char *dir = scratch("outside");
    char *root = aa_xasprintf("%s/root", dir);
    char *slash = aa_xasprintf("%s/slash", root);
    struct aa_diags dl;
    char *got;
    int rc;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "root/x.json");
    put(dir, "other/y.json");
    link_to(dir, "../other", "root/out");
    link_to(dir, "/", "root/slash");
    got = walk_list(root, want_json, &dl, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(got, "x.json");
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.v[0].code, AA_N_NOTE);
    assert_non_null(strstr(dl.v[0].file, "root/out"));
    assert_non_null(strstr(dl.v[0].detail, "--follow-outside"));
    free(got);
    aa_diags_fini(&dl);

    /* Followed, the link to / would walk the whole machine. */
    aa_diags_init(&dl);
    assert_int_equal(unlink(slash), 0);
    aa_walk_follow_outside(1);
    got = walk_list(root, want_json, &dl, &rc);
    aa_walk_follow_outside(0);
    assert_int_equal(rc, 0);
    assert_int_equal(dl.n, 0);
    assert_string_equal(got, "out/y.json|x.json");
    free(got);
    aa_diags_fini(&dl);
    free(slash);
    free(root);
    unscratch(dir);
}

/* Too deep: one error, naming the first folder past the bound.  Too many
 * names: one error and nothing listed. */
static void
test_limits(void **state)
{
    char *dir = scratch("limits");
    struct aa_diags dl;
    char *got;
    int rc;

    (void)state;
    put(dir, "top.json");
    put(dir, "a/b/c/x.json");
    put(dir, "a/b/d/y.json");
    aa_diags_init(&dl);
    assert_int_equal(aa_limit_set("folder-depth=2"), 0);
    got = walk_list(dir, NULL, &dl, &rc);
    assert_int_equal(aa_limit_set("folder-depth=64"), 0);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "top.json");
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_E_LIMIT);
    assert_non_null(strstr(dl.v[0].file, "/a/b/c"));
    free(got);
    aa_diags_fini(&dl);

    aa_diags_init(&dl);
    assert_int_equal(aa_limit_set("files=3"), 0);
    got = walk_list(dir, NULL, &dl, &rc);
    assert_int_equal(aa_limit_set("files=100000"), 0);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "");
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.v[0].code, AA_E_LIMIT);
    free(got);
    aa_diags_fini(&dl);
    unscratch(dir);
}

/* A link that leads nowhere, or to itself, is listed as broken for the
 * caller to report or skip; a folder that cannot be opened is an error
 * and the rest is still listed. */
static void
test_broken_and_unreadable(void **state)
{
    char *dir = scratch("broken");
    char *locked = aa_xasprintf("%s/locked", dir);
    struct aa_diags dl;
    char *got;
    int rc;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "ok.json");
    link_to(dir, "nowhere.json", "gone.json");
    link_to(dir, "loop.json", "loop.json");
    got = walk_list(dir, want_json, &dl, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(got, "gone.json!|loop.json!|ok.json");
    free(got);
    /* Permissions stop everyone but root. */
    put(dir, "locked/x.json");
    assert_int_equal(chmod(locked, 0), 0);
    got = walk_list(dir, want_json, &dl, &rc);
    if (geteuid() != 0) {
        assert_int_equal(rc, -1);
        assert_int_equal(dl.n, 1);
        assert_int_equal(dl.v[0].code, AA_S_IO);
        assert_non_null(strstr(dl.v[0].file, "/locked"));
        assert_non_null(strstr(dl.v[0].detail, "cannot open folder"));
    }
    assert_non_null(strstr(got, "ok.json"));
    assert_int_equal(chmod(locked, 0777), 0);
    free(got);
    aa_diags_fini(&dl);
    free(locked);
    unscratch(dir);
}

static void
test_check_input(void **state)
{
    char *dir = scratch("input");
    char *fifo = aa_xasprintf("%s/plan.json", dir);
    char *file = aa_xasprintf("%s/x.json", dir);
    char *missing = aa_xasprintf("%s/missing.json", dir);
    struct aa_diags dl;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "x.json");
    assert_int_equal(mkfifo(fifo, 0666), 0);
    assert_int_equal(aa_walk_check_input(file, &dl), 0);
    assert_int_equal(aa_walk_check_input(dir, &dl), 0);
    assert_int_equal(aa_walk_check_input(missing, &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(aa_walk_check_input(fifo, &dl), -1);
    assert_int_equal(aa_walk_check_input("/dev/null", &dl), -1);
    assert_int_equal(dl.n, 2);
    assert_string_equal(dl.v[0].detail, "not a regular file (a FIFO)");
    assert_string_equal(dl.v[1].detail,
                        "not a regular file (a character device)");
    aa_diags_fini(&dl);
    free(missing);
    free(file);
    free(fifo);
    unscratch(dir);
}

/* Plan folders keep the paths they always had: "dir/" + the path below. */
static void
test_plans(void **state)
{
    char *dir = scratch("plans");
    char *slash = aa_xasprintf("%s/", dir);
    struct aa_diags dl;
    char **paths;
    size_t n;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "a/x.json");
    put(dir, ".hidden.json");
    put(dir, "notes.txt");
    assert_int_equal(aa_walk_plans(slash, &paths, &n, &dl), 0);
    assert_int_equal(n, 1);
    assert_memory_equal(paths[0], slash, strlen(slash));
    assert_string_equal(paths[0] + strlen(slash), "a/x.json");
    assert_null(paths[1]);
    free(paths[0]);
    free(paths);
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(aa_walk_plans(".", &paths, &n, &dl), 0);
    assert_int_equal(n, 1);
    assert_string_equal(paths[0], "a/x.json"); /* never "./" */
    free(paths[0]);
    free(paths);
    assert_int_equal(chdir("/"), 0);
    aa_diags_fini(&dl);
    free(slash);
    unscratch(dir);
}

/* The globs of --exclude: within a name, across names, classes, quoting,
 * and no match that crosses a '/' it should not. */
static void
test_glob(void **state)
{
    (void)state;
    assert_true(aa_glob_match("*.json", "a.json"));
    assert_false(aa_glob_match("*.json", "a/b.json"));
    assert_true(aa_glob_match("infra/**", "infra/a/b.json"));
    assert_true(aa_glob_match("infra/**", "infra/a.json"));
    assert_false(aa_glob_match("infra/**", "infrastructure/a.json"));
    assert_true(aa_glob_match("**/main.json", "main.json"));
    assert_true(aa_glob_match("**/main.json", "a/b/main.json"));
    assert_true(aa_glob_match("a/**/z.json", "a/z.json"));
    assert_true(aa_glob_match("a/**/z.json", "a/b/c/z.json"));
    assert_false(aa_glob_match("a/**/z.json", "b/a/z.json"));
    assert_true(aa_glob_match("p?an-[0-9].json", "plan-7.json"));
    assert_false(aa_glob_match("plan-[!0-9].json", "plan-7.json"));
    assert_true(aa_glob_match("plan-[!0-9].json", "plan-x.json"));
    assert_false(aa_glob_match("?", "/"));
    assert_true(aa_glob_match("\\*.json", "*.json"));
    assert_false(aa_glob_match("\\*.json", "a.json"));
    assert_true(aa_glob_match("[a", "[a")); /* an unclosed class is text */
    assert_true(aa_glob_match("*", ""));
    assert_false(aa_glob_match("", "a"));
    /* Many stars against a long name that does not match: bounded work. */
    assert_false(aa_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*b",
                               "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

/* The '**' match as it was written before it went greedy: every split of
 * every '**' tried in turn (exponential, and right), over copies so that
 * a part without '**' is matched by aa_glob_match itself. */
static const char *
ref_globstar(const char *pat)
{
    for (const char *p = pat; *p != '\0'; p++) {
        if (*p == '\\' && p[1] != '\0') {
            p++;
            continue;
        }
        if (p[0] == '*' && p[1] == '*' && (p == pat || p[-1] == '/') &&
            (p[2] == '/' || p[2] == '\0'))
            return p;
    }
    return NULL;
}

static int
ref_match(const char *pat, const char *s)
{
    const char *gs = ref_globstar(pat), *rest;
    char head[128], part[128];

    if (gs == NULL)
        return aa_glob_match(pat, s);
    rest = gs[2] == '/' ? gs + 3 : gs + 2;
    snprintf(head, sizeof(head), "%.*s", (int)(gs - pat), pat);
    for (const char *at = s;; at++) {
        snprintf(part, sizeof(part), "%.*s", (int)(at - s), s);
        if ((at == s || at[-1] == '/') && aa_glob_match(head, part)) {
            if (*rest == '\0')
                return *at != '\0' || gs == pat;
            for (const char *r = at;; r++) {
                if ((r == at || r[-1] == '/') && ref_match(rest, r))
                    return 1;
                if (*r == '\0')
                    break;
            }
        }
        if (*at == '\0')
            return 0;
    }
}

/* '**' against a deep path: as the exhaustive match says, over random
 * small patterns and paths, and in bounded time however many there are
 * (ten of them over thirty folders took minutes before). */
static void
test_glob_globstars(void **state)
{
    static const char *const pieces[] = {"**", "a", "b",  "*",
                                         "a*", "?", "*b", "[ab]"};
    static const char *const names[] = {"a", "b", "ab", "ba", "c"};
    char pat[128], path[128], deep[256], many[128];
    unsigned seed = 7;

    (void)state;
    for (int i = 0; i < 20000; i++) {
        int np = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 5;
        int nn = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 5;

        pat[0] = path[0] = '\0';
        for (int k = 0; k < np; k++) {
            seed = seed * 1103515245u + 12345u;
            strcat(pat, k ? "/" : "");
            strcat(pat, pieces[(seed >> 16) % 8]);
        }
        for (int k = 0; k < nn; k++) {
            seed = seed * 1103515245u + 12345u;
            strcat(path, k ? "/" : "");
            strcat(path, names[(seed >> 16) % 5]);
        }
        if (aa_glob_match(pat, path) != ref_match(pat, path))
            fail_msg("'%s' against '%s': %d, the exhaustive match %d", pat,
                     path, aa_glob_match(pat, path), ref_match(pat, path));
    }
    deep[0] = many[0] = '\0';
    for (int k = 0; k < 30; k++)
        strcat(deep, "d/");
    strcat(deep, "plan.json");
    for (int k = 0; k < 12; k++)
        strcat(many, "**/");
    strcat(many, "x");
    assert_false(aa_glob_match(many, deep));
    many[strlen(many) - 1] = '\0';
    strcat(many, "d/*.json");
    assert_true(aa_glob_match(many, deep));
}

/* Exclusions leave out files and whole folders, in plan folders only when
 * the walk asks for them. */
static void
test_exclude(void **state)
{
    char *dir = scratch("exclude");
    struct aa_diags dl;
    struct aa_walk w;
    char **paths;
    size_t n;

    (void)state;
    aa_diags_init(&dl);
    put(dir, "a.json");
    put(dir, "a.parameters.json");
    put(dir, "infra/main.json");
    put(dir, "infra/deep/x.json");
    put(dir, "old/b.json");
    put(dir, "cache/c.json");
    put(dir, "z/cache.json");
    assert_int_equal(aa_walk_exclude("*.parameters.json"), 0);
    assert_int_equal(aa_walk_exclude("infra"), 0);
    assert_int_equal(aa_walk_exclude("/old/**"), 0);
    /* A trailing '/' names folders only, as in .gitignore. */
    assert_int_equal(aa_walk_exclude("cache/"), 0);
    assert_int_equal(aa_walk_exclude("cache.json/"), 0);
    assert_int_equal(aa_walk_exclude(""), -1);
    assert_int_equal(aa_walk_exclude("//"), -1);
    assert_int_equal(aa_walk_plans(dir, &paths, &n, &dl), 0);
    assert_int_equal(n, 2);
    assert_string_equal(paths[0] + strlen(dir), "/a.json");
    assert_string_equal(paths[1] + strlen(dir), "/z/cache.json");
    free(paths[0]);
    free(paths[1]);
    free(paths);
    /* A walk that does not ask (artifact folders) sees everything. */
    aa_walk_init(&w);
    assert_int_equal(aa_walk_tree(&w, dir, NULL, &dl), 0);
    assert_int_equal(w.n, 7);
    aa_walk_fini(&w);
    aa_diags_fini(&dl);
    unscratch(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_skips),
        cmocka_unit_test(test_links_once),
        cmocka_unit_test(test_double_link_chain),
        cmocka_unit_test(test_outside),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_broken_and_unreadable),
        cmocka_unit_test(test_check_input),
        cmocka_unit_test(test_plans),
        cmocka_unit_test(test_glob),
        cmocka_unit_test(test_glob_globstars),
        cmocka_unit_test(test_exclude),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
