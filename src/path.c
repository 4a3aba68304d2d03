/*
 * path.c -- how the tool names the files it reads (docs/design.md, "One
 * root for paths").
 *
 * Every path a report shows is relative to one root folder when it lies
 * below it, and absolute otherwise, so "plans/", "./plans", "$PWD/plans"
 * and "../plans" from a sibling folder all name a plan the same way, and a
 * baseline keyed on that name matches whichever was typed.  To decide
 * what lies below the root, the folder part of a path is resolved with
 * realpath(): "." and ".." segments and symbolic links among the folders
 * are followed as the kernel follows them.  The last component is kept as
 * named: a file may be a symbolic link that the folder walker followed and
 * listed under the link's name, and resolving it would name a file the
 * user never mentioned, perhaps outside the root.  A folder part that
 * cannot be resolved (it does not exist yet) is cleaned lexically instead.
 * "-" is standard input's label, not a path, and stays as it is.
 */
/* realpath() is an X/Open interface in glibc's headers. */
#define _XOPEN_SOURCE 700

#include "path.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

char *
aa_path_clean(const char *path)
{
    size_t n = strlen(path), len = 0;
    int absolute = path[0] == '/';
    size_t *starts = aa_xmalloc((n / 2 + 2) * sizeof(*starts));
    size_t nseg = 0, keep = 0; /* segments, of which leading ".." */
    char *out = aa_xmalloc(n + 2);

    if (absolute)
        out[len++] = '/';
    for (size_t i = 0; i < n;) {
        size_t j = i, k;

        while (j < n && path[j] != '/')
            j++;
        k = j - i;
        if (k == 0 || (k == 1 && path[i] == '.')) {
            /* an empty segment or "." says nothing */
        } else if (k == 2 && path[i] == '.' && path[i + 1] == '.') {
            if (nseg > keep) {
                len = starts[--nseg]; /* "name/.." */
            } else if (!absolute) {
                starts[nseg++] = len; /* "../.." climbs on */
                keep++;
                if (len > 0)
                    out[len++] = '/';
                memcpy(out + len, "..", 2);
                len += 2;
            } /* "/.." is "/" */
        } else {
            starts[nseg++] = len;
            if (len > 0 && out[len - 1] != '/')
                out[len++] = '/';
            memcpy(out + len, path + i, k);
            len += k;
        }
        i = j + 1;
    }
    /* A popped segment leaves the slash before it; the root's stays. */
    while (len > 1 && out[len - 1] == '/')
        len--;
    if (len == 0)
        out[len++] = '.';
    out[len] = '\0';
    free(starts);
    return out;
}

/* The absolute form of 'path': its folder part resolved, its last
 * component as named; cleaned lexically when the folder cannot be
 * resolved.  A relative result only when not even the current folder
 * can be. */
static char *
resolve(const char *path, struct aa_path_memo *m)
{
    char *trim = aa_xstrdup(path), *slash, *dir, *out, *cwd;
    size_t n = strlen(trim);
    const char *last;

    while (n > 1 && trim[n - 1] == '/')
        trim[--n] = '\0';
    slash = strrchr(trim, '/');
    last = slash ? slash + 1 : trim;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
        /* Names a folder by where it is reached from: resolve it all. */
        if ((out = realpath(trim, NULL)) != NULL) {
            free(trim);
            return out;
        }
    } else if (strcmp(trim, "/") != 0) {
        dir = slash == NULL   ? aa_xstrdup(".")
              : slash == trim ? aa_xstrdup("/")
                              : aa_xasprintf("%.*s", (int)(slash - trim), trim);
        if (m != NULL && m->dir != NULL && strcmp(m->dir, dir) == 0) {
            out = aa_xstrdup(m->real);
            free(dir);
        } else {
            out = realpath(dir, NULL);
            if (m != NULL && out != NULL) {
                aa_path_memo_fini(m);
                m->dir = dir;
                m->real = aa_xstrdup(out);
            } else {
                free(dir);
            }
        }
        if (out != NULL) {
            char *joined = aa_xasprintf("%s%s%s", out,
                                        strcmp(out, "/") == 0 ? "" : "/", last);

            free(out);
            free(trim);
            return joined;
        }
    }
    if (trim[0] == '/' || (cwd = realpath(".", NULL)) == NULL) {
        out = aa_path_clean(trim);
    } else {
        char *joined = aa_xasprintf("%s/%s", cwd, trim);

        out = aa_path_clean(joined);
        free(joined);
        free(cwd);
    }
    free(trim);
    return out;
}

char *
aa_path_absolute(const char *path)
{
    return resolve(path, NULL);
}

char *
aa_path_absolute_memo(const char *path, struct aa_path_memo *m)
{
    return resolve(path, m);
}

/* Which file a name reaches is a question of identity, not of naming: a
 * link named on the command line and its target found by a folder's walk
 * are one file, which a report lists once.  Only a link pays realpath(). */
char *
aa_path_file_memo(const char *path, struct aa_path_memo *m)
{
    char *abs = resolve(path, m), *real;
    struct stat st;

    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
        (real = realpath(path, NULL)) != NULL) {
        free(abs);
        abs = real;
    }
    return abs;
}

char *
aa_path_file(const char *path)
{
    return aa_path_file_memo(path, NULL);
}

void
aa_path_memo_fini(struct aa_path_memo *m)
{
    free(m->dir);
    free(m->real);
    m->dir = m->real = NULL;
}

char *
aa_path_relative(const char *root, const char *path)
{
    char *cwd = NULL, *abs, *out;
    size_t n;

    if (path[0] == '\0' || strcmp(path, "-") == 0)
        return aa_xstrdup(path);
    if (root == NULL && (root = cwd = realpath(".", NULL)) == NULL)
        return aa_path_clean(path);
    abs = resolve(path, NULL);
    n = strlen(root);
    if (abs[0] != '/') {
        out = abs; /* nothing could be resolved: as cleaned */
        abs = NULL;
    } else if (strcmp(root, "/") == 0) {
        out = aa_xstrdup(abs[1] != '\0' ? abs + 1 : ".");
    } else if (strncmp(abs, root, n) == 0 && abs[n] == '\0') {
        out = aa_xstrdup(".");
    } else if (strncmp(abs, root, n) == 0 && abs[n] == '/') {
        out = aa_xstrdup(abs + n + 1);
    } else {
        out = abs; /* outside the root: absolute */
        abs = NULL;
    }
    free(abs);
    free(cwd);
    return out;
}

char *
aa_path_uri(const char *path)
{
    static const char keep[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
                               "RSTUVWXYZ0123456789-._~/";
    char *out = aa_xmalloc(strlen(path) * 3 + 8), *p = out;

    if (path[0] == '/')
        p += sprintf(p, "file://");
    for (; *path != '\0'; path++) {
        if (strchr(keep, *path) != NULL)
            *p++ = *path;
        else
            p += sprintf(p, "%%%02X", (unsigned char)*path);
    }
    *p = '\0';
    return out;
}
