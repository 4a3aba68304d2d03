/*
 * path.h -- how the tool names files: relative to one root folder, in one
 * normal form, and as a URI where a format wants one.  aa_path_relative is
 * public (attrib_advise.h), for the front end.
 */
#ifndef AA_PATH_H
#define AA_PATH_H

#include "attrib_advise.h"

/* 'path' with no empty or "." segments, no "name/.." pairs and no slash at
 * the end: lexical only, nothing is looked up.  ".." stays at the start of
 * a relative path and goes at the start of an absolute one; "" and "./"
 * become ".".  A heap string the caller frees. */
char *aa_path_clean(const char *path);

/* The absolute form of 'path' as aa_path_relative resolves it: its
 * folder part through realpath(), its last component as named.  Two names
 * of one file give one string.  A heap string the caller frees. */
char *aa_path_absolute(const char *path);

/* The last folder aa_path_absolute_memo resolved, and what it resolved
 * to: the files of one folder, met one after the other by a scan, cost
 * one realpath() (a system call a folder of the path, and getcwd) and not
 * one each.  Zeroed to start, aa_path_memo_fini to end.  What it keeps is
 * true while the current folder and the folders named do not change: for
 * one scan, not longer. */
struct aa_path_memo {
    char *dir, *real;
};
/* aa_path_absolute, through m (NULL: none). */
char *aa_path_absolute_memo(const char *path, struct aa_path_memo *m);
void aa_path_memo_fini(struct aa_path_memo *m);

/* The file 'path' reaches, as one string for all its names: its
 * aa_path_absolute form, or where its last component is a symbolic link,
 * the real path of what the link leads to.  A key to tell files apart,
 * never a name to show.  A heap string the caller frees. */
char *aa_path_file(const char *path);
/* aa_path_file, through m (NULL: none). */
char *aa_path_file_memo(const char *path, struct aa_path_memo *m);

/* A URI reference for a path as reports show it: a relative path is
 * percent-encoded (every byte but the unreserved characters of RFC 3986
 * and '/'), so it is a relative reference whose first segment never holds
 * a ':'; an absolute path becomes "file://" and the same encoding of it.
 * A heap string the caller frees. */
char *aa_path_uri(const char *path);

#endif /* AA_PATH_H */
