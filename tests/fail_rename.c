/*
 * fail_rename.c -- a shim for one test, loaded with LD_PRELOAD: rename()
 * fails with EIO where it moves a page out of the temporary folder of
 * --dump=rule-docs (not where a page is written into that folder, nor
 * where an older page goes aside or back) and the target's last component
 * is $AA_FAIL_RENAME_TO.  So the dump fails in its move stage, part-way,
 * after the pages before that one moved (check_rule_docs_move.sh): no
 * file system makes that happen on demand, and root ignores a read-only
 * folder.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    const char *want = getenv("AA_FAIL_RENAME_TO");
    const char *base = strrchr(to, '/');

    base = base != NULL ? base + 1 : to;
    if (want != NULL && strcmp(base, want) == 0 &&
        strstr(from, "/.rule-docs.") != NULL && strstr(from, "/old/") == NULL &&
        strstr(to, "/.rule-docs.") == NULL) {
        errno = EIO;
        return -1;
    }
    /* POSIX's way to a function from dlsym(). */
    if (real == NULL)
        *(void **)&real = dlsym(RTLD_NEXT, "rename");
    if (real == NULL) {
        errno = ENOSYS;
        return -1;
    }
    return real(from, to);
}
