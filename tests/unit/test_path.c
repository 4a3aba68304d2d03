/* test_path.c -- how files are named: lexical cleaning, paths relative to
 * a root however they were typed (./, //, .., $PWD, from a subfolder,
 * through linked folders), links as the last component kept, paths
 * outside the root absolute, and SARIF URIs. */
/* realpath() is an X/Open interface in glibc's headers. */
#define _XOPEN_SOURCE 700

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
#include "path.h"

static void
expect_clean(const char *in, const char *want)
{
    char *got = aa_path_clean(in);

    if (strcmp(got, want) != 0)
        fail_msg("aa_path_clean(\"%s\"): got \"%s\", expected \"%s\"", in, got,
                 want);
    free(got);
}

static void
test_clean(void **state)
{
    (void)state;
    expect_clean("plans/a.json", "plans/a.json");
    expect_clean("./plans/a.json", "plans/a.json");
    expect_clean("plans//a.json", "plans/a.json");
    expect_clean("plans/./a.json", "plans/a.json");
    expect_clean("plans/", "plans");
    expect_clean("plans/x/../a.json", "plans/a.json");
    expect_clean("a/b/../../c", "c");
    expect_clean("a/../..", "..");
    expect_clean("../../a/./b/..", "../../a");
    expect_clean("../a/../../b", "../../b");
    expect_clean("/a/../../b", "/b");
    expect_clean("//a//b//", "/a/b");
    expect_clean("/..", "/");
    expect_clean("/", "/");
    expect_clean(".", ".");
    expect_clean("./", ".");
    expect_clean("a/..", ".");
    expect_clean("", ".");
    expect_clean("...", "...");
    expect_clean("a/.b/..c", "a/.b/..c");
}

/* A scratch folder, resolved (TMPDIR may itself be a link). */
static char *
scratch(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = aa_xasprintf("%s/aa-path-XXXXXX",
                             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp"),
         *real;

    assert_non_null(mkdtemp(dir));
    real = realpath(dir, NULL);
    assert_non_null(real);
    free(dir);
    return real;
}

static void
unscratch(char *dir)
{
    char *cmd = aa_xasprintf("rm -rf '%s'", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

static void
expect_rel(const char *root, const char *in, const char *want)
{
    char *got = aa_path_relative(root, in);

    if (strcmp(got, want) != 0)
        fail_msg("aa_path_relative(\"%s\", \"%s\"): got \"%s\", expected "
                 "\"%s\"",
                 root ? root : "(cwd)", in, got, want);
    free(got);
}

/* Make dir/rel, a folder. */
static void
folder(const char *dir, const char *rel)
{
    char *p = aa_xasprintf("%s/%s", dir, rel);

    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
}

/* Make a symbolic link dir/rel to 'to'. */
static void
link_to(const char *dir, const char *rel, const char *to)
{
    char *p = aa_xasprintf("%s/%s", dir, rel);

    assert_int_equal(symlink(to, p), 0);
    free(p);
}

static void
test_relative(void **state)
{
    char *root = scratch(), *old = getcwd(NULL, 0), *abs, *sub;

    (void)state;
    assert_non_null(old);
    folder(root, "plans");
    folder(root, "plans/sub");
    folder(root, "code");
    folder(root, "real-plans");
    link_to(root, "linked", "real-plans");
    link_to(root, "plans/current.json", "a.json");
    assert_int_equal(chdir(root), 0);

    /* One plan, however it is typed from the root. */
    abs = aa_xasprintf("%s/plans/a.json", root);
    expect_rel(root, "plans/a.json", "plans/a.json");
    expect_rel(root, "./plans/a.json", "plans/a.json");
    expect_rel(root, "plans//a.json", "plans/a.json");
    expect_rel(root, "plans/sub/../a.json", "plans/a.json");
    expect_rel(root, abs, "plans/a.json");
    expect_rel(NULL, abs, "plans/a.json");
    expect_rel(root, "plans/", "plans");
    expect_rel(root, "./plans/.", "plans");
    expect_rel(root, ".", ".");
    expect_rel(root, root, ".");
    free(abs);
    /* A folder that does not exist (yet) is cleaned lexically. */
    expect_rel(root, "./missing//x/../b.json", "missing/b.json");
    /* Standard input is a label; nothing is not a path. */
    expect_rel(root, "-", "-");
    expect_rel(root, "", "");
    /* Linked folders are resolved; the last component is kept. */
    expect_rel(root, "linked/a.json", "real-plans/a.json");
    expect_rel(root, "linked", "linked");
    expect_rel(root, "plans/current.json", "plans/current.json");

    /* From inside plans/, with the root above. */
    assert_int_equal(chdir("plans"), 0);
    expect_rel(root, "a.json", "plans/a.json");
    expect_rel(root, "./a.json", "plans/a.json");
    expect_rel(root, ".", "plans");
    expect_rel(root, "..", ".");
    expect_rel(root, "../code/main.bicep", "code/main.bicep");
    /* The current folder as the root. */
    expect_rel(NULL, "a.json", "a.json");
    abs = aa_xasprintf("%s/code", root);
    expect_rel(NULL, "../code", abs);
    free(abs);
    assert_int_equal(chdir(root), 0);

    /* Outside the root: absolute, resolved. */
    sub = aa_xasprintf("%s/plans", root);
    abs = aa_xasprintf("%s/code/x.tf", root);
    expect_rel(sub, "code/x.tf", abs);
    expect_rel(sub, "plans/../code/x.tf", abs);
    free(abs);
    /* A root that is a prefix of a name is not its folder. */
    abs = aa_xasprintf("%s/plans-old/x.json", root);
    expect_rel(sub, "plans-old/x.json", abs);
    free(abs);
    free(sub);
    /* The root '/' holds everything. */
    expect_rel("/", "/etc//hosts", "etc/hosts");
    expect_rel("/", "/", ".");

    assert_int_equal(chdir(old), 0);
    free(old);
    unscratch(root);
}

/* Through a memo, every path reads as aa_path_absolute reads it, in any
 * order of folders: the same one again, another, a link to it, one that
 * does not exist, an absolute one. */
static void
test_absolute_memo(void **state)
{
    static const char *const paths[] = {
        "a/x.tf",    "a/y.tf",     "b/z.tf",     "l/z.tf", "a/../b/w.tf",
        "missing/q", "missing/r",  "a/x.tf",     "x.tf",   "./a/x.tf",
        "a/",        "a/sub/../x", "l/../a/x.tf"};
    char *root = scratch(), *old = getcwd(NULL, 0);
    struct aa_path_memo m = {NULL, NULL};

    (void)state;
    assert_non_null(old);
    folder(root, "a");
    folder(root, "b");
    link_to(root, "l", "b");
    assert_int_equal(chdir(root), 0);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
            char *want = aa_path_absolute(paths[i]),
                 *got = aa_path_absolute_memo(paths[i], &m);

            if (strcmp(got, want) != 0)
                fail_msg("memo \"%s\": got \"%s\", expected \"%s\"", paths[i],
                         got, want);
            free(got);
            free(want);
        }
    /* A folder resolved is kept; one that did not resolve is not. */
    assert_non_null(m.dir);
    aa_path_memo_fini(&m);
    assert_null(m.dir);
    assert_null(m.real);
    assert_int_equal(chdir(old), 0);
    free(old);
    unscratch(root);
}

static void
expect_uri(const char *in, const char *want)
{
    char *got = aa_path_uri(in);

    if (strcmp(got, want) != 0)
        fail_msg("aa_path_uri(\"%s\"): got \"%s\", expected \"%s\"", in, got,
                 want);
    free(got);
}

static void
test_uri(void **state)
{
    (void)state;
    expect_uri("plans/a.json", "plans/a.json");
    expect_uri("plans/a b.json", "plans/a%20b.json");
    expect_uri("c:x/a.json", "c%3Ax/a.json");
    expect_uri("<stdin>", "%3Cstdin%3E");
    expect_uri("-", "-");
    expect_uri("/tmp/a b/caf\xC3\xA9.json", "file:///tmp/a%20b/caf%C3%A9.json");
    expect_uri("/x#y?z%.json", "file:///x%23y%3Fz%25.json");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_uri),
        cmocka_unit_test(test_absolute_memo),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
