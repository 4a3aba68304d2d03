/*
 * walk.c -- the one folder walker (walk.h) and the check that keeps a
 * reader away from files that could block it.
 *
 * A walk runs in two passes.  The first goes down the real folders only
 * and sets every symbolic link aside; the second follows the links set
 * aside, in the order they were found (and those found below them).  So a
 * file or folder that has a name of its own is always listed under it,
 * whatever sorts first, and a link is only ever an alias for what the tree
 * does not already hold.  Two sets of device and inode, one of folders
 * entered and one of files listed, make each folder entered once and each
 * file listed once: a link cycle, two links to the folder they sit in, or
 * a chain of folders each linking twice to the next all cost one pass over
 * what is really there.  The list is sorted at the end, so the order never
 * depends on readdir or on which pass found a file.
 *
 * The walk keeps going after an error (an unreadable folder is reported
 * and the rest is listed) except at the files limit, where it stops and
 * lists nothing.
 */
/* realpath() is an X/Open interface in glibc's headers; a directory
 * entry's d_type is a BSD one, read where the system has it. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "limits.h"

/* Set by the front end before anything is read, like the limits. */
static int follow_outside;

void
aa_walk_follow_outside(int follow)
{
    follow_outside = follow != 0;
}

/* ---- exclusions -------------------------------------------------------- */

/* The exclusions of the run (--exclude, the config file, the ignore
 * file), set before anything is read; copied, freed at exit. */
struct exclude {
    char *pat;    /* without its trailing '/' */
    int dir_only; /* it had one: folders only, as in .gitignore */
};
static struct exclude *excludes;
static size_t nexcludes;

static void
free_excludes(void)
{
    for (size_t i = 0; i < nexcludes; i++)
        free(excludes[i].pat);
    free(excludes);
}

int
aa_walk_exclude(const char *glob)
{
    size_t n = strlen(glob);

    /* An empty pattern or a bare "/" would name nothing or everything. */
    while (n > 0 && glob[n - 1] == '/')
        n--;
    if (n == 0 || n > AA_WALK_GLOB_MAX)
        return -1;
    if (nexcludes == 0)
        (void)atexit(free_excludes);
    excludes = aa_xrealloc(excludes, nexcludes + 1, sizeof(*excludes));
    excludes[nexcludes].pat = aa_xmalloc(n + 1);
    memcpy(excludes[nexcludes].pat, glob, n);
    excludes[nexcludes].pat[n] = '\0';
    excludes[nexcludes++].dir_only = glob[n] == '/';
    return 0;
}

/* One character or class of the pattern at *pp against c; advances *pp.
 * An unclosed class is text. */
static int
match_one(const char **pp, unsigned char c)
{
    const char *p = *pp;

    if (*p == '?') {
        *pp = p + 1;
        return c != '/';
    }
    if (*p == '[') {
        const char *q = p + 1;
        int neg = *q == '!' || *q == '^', in = 0;

        q += neg;
        for (int first = 1; *q != '\0' && (first || *q != ']'); first = 0) {
            unsigned char lo = (unsigned char)*q++, hi = lo;

            if (*q == '-' && q[1] != ']' && q[1] != '\0') {
                hi = (unsigned char)q[1];
                q += 2;
            }
            in |= c >= lo && c <= hi;
        }
        if (*q == ']') {
            *pp = q + 1;
            return c != '/' && in != neg;
        }
    }
    if (*p == '\\' && p[1] != '\0')
        p++;
    *pp = p + 1;
    return (unsigned char)*p == c;
}

/* pat[0..pn) against s[0..sn), with no '**' in the pattern: '*' matches
 * within a name.  Greedy with one point to go back to, the last '*': a
 * '*' never crosses '/', nor does any earlier one, so going back further
 * never helps.  Linear in the lengths times the pattern. */
static int
match_simple(const char *pat, const char *pend, const char *s, const char *send)
{
    const char *star = NULL, *mark = NULL;

    while (s < send) {
        const char *p = pat;

        if (pat < pend && *pat == '*') {
            while (pat < pend && *pat == '*')
                pat++;
            star = pat;
            mark = s;
            continue;
        }
        if (pat < pend && match_one(&p, (unsigned char)*s) && p <= pend) {
            pat = p;
            s++;
            continue;
        }
        if (star == NULL || *mark == '/')
            return 0;
        pat = star;
        s = ++mark;
    }
    while (pat < pend && *pat == '*')
        pat++;
    return pat == pend;
}

/* Where the first '**' name of pat starts, or NULL. */
static const char *
find_globstar(const char *pat)
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

/* Whether 'at' is where a name of s starts. */
static int
name_start(const char *s, const char *at)
{
    return at == s || at[-1] == '/';
}

/*
 * pat against s, '**' taking any number of whole names.  The pattern is
 * cut at its '**' names into segments without one; each segment but the
 * last matches whole names, and is taken at the first place it matches:
 * the '**' after it can take whatever a later place would have left, so
 * going back to an earlier segment never helps.  That keeps the match
 * polynomial: trying every split of every '**' in turn took time
 * exponential in their number (ten '**' over a path thirty folders deep
 * ran for minutes).
 */
int
aa_glob_match(const char *pat, const char *s)
{
    const char *gs = find_globstar(pat), *seg, *at = NULL, *end;
    /* Where the part of the pattern before gs starts. */
    const char *lead = pat;
    size_t sn = strlen(s);

    if (gs == NULL)
        return match_simple(pat, pat + strlen(pat), s, s + sn);
    end = s + sn;
    /* What comes before the first '**' (ending in '/', or empty) matches
     * the first names of s. */
    for (const char *a = s; a <= end; a++)
        if (name_start(s, a) && match_simple(pat, gs, s, a)) {
            at = a;
            break;
        }
    if (at == NULL)
        return 0;
    for (;;) {
        const char *next;

        seg = gs[2] == '/' ? gs + 3 : gs + 2;
        /* A trailing name "**": anything below what came before it, or
         * anything at all when nothing did. */
        if (*seg == '\0')
            return at < end || gs == lead;
        if ((next = find_globstar(seg)) == NULL) {
            /* The last segment ends s, from a name's start on. */
            for (const char *r = at; r <= end; r++)
                if (name_start(s, r) &&
                    match_simple(seg, seg + strlen(seg), r, end))
                    return 1;
            return 0;
        }
        /* A segment between two '**' (whole names, ending in '/', or
         * empty): its first place from 'at' on. */
        if (next > seg) {
            const char *found = NULL;

            for (const char *r = at; r < end && found == NULL; r++) {
                if (!name_start(s, r))
                    continue;
                for (const char *e = r + 1; e <= end; e++)
                    if (e[-1] == '/' && match_simple(seg, next, r, e)) {
                        found = e;
                        break;
                    }
            }
            if (found == NULL)
                return 0;
            at = found;
        }
        lead = seg;
        gs = next;
    }
}

/* Whether an entry of a walk is excluded.  Like .gitignore: a pattern
 * without '/' names a file or folder anywhere by its name; one with '/' is
 * matched against the path below the folder walked and against the path
 * as the run shows it ('path', the folder joined with it, without a
 * leading "./"), so "infra/x" works from the repository root and from the
 * folder alike; a trailing '/' ("build/") names folders only, not links to
 * them.  'dir': the listing says the entry is a folder (it may not know,
 * and then it is asked). */
static int
excluded(const char *path, const char *rel, int dir)
{
    const char *base = strrchr(rel, '/');
    const char *shown = path;
    int hit = 0;

    base = base ? base + 1 : rel;
    while (strncmp(shown, "./", 2) == 0)
        shown += 2;
    for (size_t i = 0; i < nexcludes && !hit; i++) {
        const char *pat = excludes[i].pat;
        struct stat st;

        if (pat[0] == '/')
            hit = aa_glob_match(pat + 1, rel);
        else if (strchr(pat, '/') == NULL)
            hit = aa_glob_match(pat, base);
        else
            hit = aa_glob_match(pat, rel) || aa_glob_match(pat, shown);
        if (hit && excludes[i].dir_only && !dir)
            hit = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
    }
    return hit;
}

/* ---- sets of device and inode --------------------------------------- */

struct id {
    dev_t dev;
    ino_t ino;
    int used;
};

struct idset {
    struct id *v;
    size_t cap, n; /* cap is 0 or a power of two */
};

static size_t
id_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)dev * 0x9E3779B97F4A7C15u ^ (uint64_t)ino;

    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    return (size_t)(h ^ (h >> 32));
}

/* Add st's device and inode; 0 when they were already there. */
static int
idset_add(struct idset *s, const struct stat *st)
{
    size_t i;

    if (2 * (s->n + 1) > s->cap) { /* at most half full */
        struct idset big = {NULL, s->cap ? s->cap * 2 : 64, 0};

        big.v = aa_xcalloc(big.cap, sizeof(*big.v));
        for (size_t k = 0; k < s->cap; k++) {
            if (!s->v[k].used)
                continue;
            i = id_hash(s->v[k].dev, s->v[k].ino) & (big.cap - 1);
            while (big.v[i].used)
                i = (i + 1) & (big.cap - 1);
            big.v[i] = s->v[k];
            big.n++;
        }
        free(s->v);
        *s = big;
    }
    i = id_hash(st->st_dev, st->st_ino) & (s->cap - 1);
    for (; s->v[i].used; i = (i + 1) & (s->cap - 1))
        if (s->v[i].dev == st->st_dev && s->v[i].ino == st->st_ino)
            return 0;
    s->v[i].dev = st->st_dev;
    s->v[i].ino = st->st_ino;
    s->v[i].used = 1;
    s->n++;
    return 1;
}

/* ---- the walk -------------------------------------------------------- */

/* A link set aside by the first pass. */
struct link {
    char *rel;
    size_t depth; /* of the folder it would be, if it leads to one */
};

struct walker {
    struct aa_walk *w;
    const char *root;
    char *root_real; /* realpath of root, at the first link */
    aa_walk_want_fn *want;
    struct aa_diags *dl;
    struct idset dirs, files;
    struct link *links;
    size_t nlinks, caplinks;
    size_t names; /* read so far, against the files limit */
    int too_deep, too_many, failed;
};

char *
aa_walk_join(const char *root, const char *rel)
{
    size_t n = strlen(root);

    if (rel[0] == '\0')
        return aa_xstrdup(root);
    if (strcmp(root, ".") == 0)
        return aa_xstrdup(rel);
    return aa_xasprintf("%s%s%s", root, n > 0 && root[n - 1] == '/' ? "" : "/",
                        rel);
}

static char *
join_rel(const char *rel, const char *name)
{
    return rel[0] ? aa_xasprintf("%s/%s", rel, name) : aa_xstrdup(name);
}

static const char *
base_of(const char *rel)
{
    const char *slash = strrchr(rel, '/');

    return slash ? slash + 1 : rel;
}

/* Folders no walk enters: version control, tool caches, dependencies. */
static int
skip_dir(const char *name)
{
    return name[0] == '.' || strcmp(name, "node_modules") == 0;
}

/* 'path' (owned from now) could not be listed: its error is in the
 * diagnostics, and the walk's list of failures names it. */
static void
add_fail(struct walker *wk, char *path, int folder)
{
    struct aa_walk *w = wk->w;

    if (w->nfails == w->capfails) {
        w->capfails = w->capfails ? w->capfails * 2 : 4;
        w->fails = aa_xrealloc(w->fails, w->capfails, sizeof(*w->fails));
    }
    w->fails[w->nfails].path = path;
    w->fails[w->nfails++].folder = folder;
    wk->failed = 1;
}

static void
fail(struct walker *wk, enum aa_code code, const char *rel, int folder,
     const char *what, int err)
{
    char *path = aa_walk_join(wk->root, rel);
    struct aa_loc at = {path, 0, 0};

    aa_diag_add(wk->dl, code, at, NULL, "%s: %s", what, strerror(err));
    add_fail(wk, path, folder);
}

static void
list(struct walker *wk, const char *rel, const struct stat *st, int broken)
{
    struct aa_walk *w = wk->w;

    if (wk->want != NULL && !wk->want(base_of(rel)))
        return;
    if (!broken && !idset_add(&wk->files, st))
        return; /* the same file under another name */
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        w->v = aa_xrealloc(w->v, w->cap, sizeof(*w->v));
    }
    w->v[w->n].rel = aa_xstrdup(rel);
    w->v[w->n++].broken = broken;
}

/* A name of a folder, and whether readdir said it is a folder: what an
 * entry that lstat cannot reach is, to report it as what it is. */
struct name {
    char *s;
    int dir;
};

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(((const struct name *)a)->s, ((const struct name *)b)->s);
}

/* The names of one folder, sorted; NULL after an error (n is then 0). */
static struct name *
read_names(struct walker *wk, const char *rel, size_t *n)
{
    char *path = aa_walk_join(wk->root, rel);
    DIR *d = opendir(path);
    struct dirent *de;
    struct name *names = NULL;
    size_t cap = 0;

    *n = 0;
    free(path);
    if (d == NULL) {
        fail(wk, AA_S_IO, rel, 1, "cannot open folder", errno);
        return NULL;
    }
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (++wk->names > aa_limit(AA_LIMIT_FILES)) {
            struct aa_loc at = {wk->root, 0, 0};

            aa_diag_add(wk->dl, AA_E_LIMIT, at, NULL,
                        "more than %zu files and folders below this folder "
                        "(--limit files=N raises the bound)",
                        aa_limit(AA_LIMIT_FILES));
            add_fail(wk, aa_xstrdup(wk->root), 1);
            wk->too_many = 1;
            break;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            names = aa_xrealloc(names, cap, sizeof(*names));
        }
        names[*n].s = aa_xstrdup(de->d_name);
#ifdef DT_DIR
        names[(*n)++].dir = de->d_type == DT_DIR;
#else
        names[(*n)++].dir = 0;
#endif
    }
    closedir(d);
    if (*n > 1)
        qsort(names, *n, sizeof(*names), cmp_name);
    return names;
}

/* First pass below 'rel' (entered at 'depth'): real folders and files;
 * links are set aside. */
static void
walk_dir(struct walker *wk, const char *rel, size_t depth)
{
    size_t n;
    struct name *names;

    if (wk->too_many)
        return;
    if (depth > aa_limit(AA_LIMIT_FOLDER_DEPTH)) {
        /* Once per walk: every sibling would say the same. */
        if (!wk->too_deep) {
            char *path = aa_walk_join(wk->root, rel);
            struct aa_loc at = {path, 0, 0};

            aa_diag_add(wk->dl, AA_E_LIMIT, at, NULL,
                        "folders nested more than %zu deep "
                        "(--limit folder-depth=N raises the bound)",
                        aa_limit(AA_LIMIT_FOLDER_DEPTH));
            add_fail(wk, path, 1);
        }
        wk->too_deep = wk->failed = 1;
        return;
    }
    names = read_names(wk, rel, &n);
    for (size_t i = 0; i < n; i++) {
        char *crel = join_rel(rel, names[i].s);
        char *path = aa_walk_join(wk->root, crel);
        struct stat st;

        if (wk->too_many) {
            /* listing stops at the limit; only free what is left */
        } else if (wk->w->exclude && excluded(path, crel, names[i].dir)) {
            /* left out, and everything below it */
        } else if (lstat(path, &st) != 0) {
            if (errno != ENOENT) /* ENOENT: gone since readdir */
                fail(wk, AA_S_IO, crel, names[i].dir, "cannot read", errno);
        } else if (S_ISLNK(st.st_mode)) {
            if (wk->nlinks == wk->caplinks) {
                wk->caplinks = wk->caplinks ? wk->caplinks * 2 : 8;
                wk->links =
                    aa_xrealloc(wk->links, wk->caplinks, sizeof(*wk->links));
            }
            wk->links[wk->nlinks].rel = crel;
            wk->links[wk->nlinks++].depth = depth + 1;
            crel = NULL;
        } else if (S_ISDIR(st.st_mode)) {
            if (!skip_dir(names[i].s) && idset_add(&wk->dirs, &st))
                walk_dir(wk, crel, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            list(wk, crel, &st, 0);
        }
        free(path);
        free(crel);
        free(names[i].s);
    }
    free(names);
}

/* 1 when the real path of 'path' is the root or below it, 0 when it is
 * elsewhere, -1 after an error. */
static int
inside(struct walker *wk, const char *rel, const char *path)
{
    char *real;
    size_t n;
    int in;

    if (wk->root_real == NULL &&
        (wk->root_real = realpath(wk->root, NULL)) == NULL) {
        fail(wk, AA_S_IO, "", 1, "cannot resolve", errno);
        return -1;
    }
    if ((real = realpath(path, NULL)) == NULL) {
        fail(wk, AA_S_IO, rel, 0, "cannot resolve", errno);
        return -1;
    }
    n = strlen(wk->root_real);
    if (n == 1) /* the root is "/" */
        n = 0;
    in = strncmp(real, wk->root_real, n) == 0 &&
         (real[n] == '/' || real[n] == '\0');
    free(real);
    return in;
}

/* Second pass: one link set aside by walk_dir. */
static void
follow(struct walker *wk, const struct link *l)
{
    char *path = aa_walk_join(wk->root, l->rel);
    struct stat st;
    int in = 1;

    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ELOOP)
            list(wk, l->rel, NULL, 1);
        else
            fail(wk, AA_S_IO, l->rel, 0, "cannot read", errno);
    } else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
        /* a link to a FIFO, socket or device: skipped like one */
    } else if (!follow_outside && (in = inside(wk, l->rel, path)) <= 0) {
        struct aa_loc at = {path, 0, 0};

        if (in == 0)
            aa_diag_add(wk->dl, AA_N_NOTE, at, NULL,
                        "not followed: the link leads outside %s "
                        "(--follow-outside follows it)",
                        wk->root);
    } else if (S_ISDIR(st.st_mode)) {
        if (!skip_dir(base_of(l->rel)) && idset_add(&wk->dirs, &st))
            walk_dir(wk, l->rel, l->depth);
    } else {
        list(wk, l->rel, &st, 0);
    }
    free(path);
}

/* Byte order of names, folder by folder: '/' sorts before every byte, so
 * "a/x" comes before "a.json" as the folder "a" does. */
static int
cmp_path(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;

    for (; *x != '\0' && *x == *y; x++, y++)
        ;
    if (*x == *y)
        return 0;
    if (*x == '/' || *y == '/')
        return *x == '/' ? -1 : 1;
    return *x < *y ? -1 : 1;
}

static int
cmp_rel(const void *a, const void *b)
{
    return cmp_path(((const struct aa_walk_file *)a)->rel,
                    ((const struct aa_walk_file *)b)->rel);
}

void
aa_walk_init(struct aa_walk *w)
{
    w->v = NULL;
    w->n = w->cap = 0;
    w->fails = NULL;
    w->nfails = w->capfails = 0;
    w->exclude = 0;
}

/* The files listed; the failures stay. */
static void
clear_files(struct aa_walk *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].rel);
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

void
aa_walk_fini(struct aa_walk *w)
{
    int exclude = w->exclude;

    clear_files(w);
    for (size_t i = 0; i < w->nfails; i++)
        free(w->fails[i].path);
    free(w->fails);
    aa_walk_init(w);
    w->exclude = exclude;
}

int
aa_walk_tree(struct aa_walk *w, const char *root, aa_walk_want_fn *want,
             struct aa_diags *dl)
{
    struct walker wk;
    struct stat st;

    memset(&wk, 0, sizeof(wk));
    wk.w = w;
    wk.root = root;
    wk.want = want;
    wk.dl = dl;
    if (stat(root, &st) != 0) {
        fail(&wk, AA_S_IO, "", 1, "cannot open folder", errno);
        return -1;
    }
    (void)idset_add(&wk.dirs, &st);
    walk_dir(&wk, "", 0);
    /* Links found while following links join the end of the queue. */
    for (size_t i = 0; i < wk.nlinks; i++)
        if (!wk.too_many)
            follow(&wk, &wk.links[i]);
    for (size_t i = 0; i < wk.nlinks; i++)
        free(wk.links[i].rel);
    free(wk.links);
    free(wk.dirs.v);
    free(wk.files.v);
    free(wk.root_real);
    /* Which names came first at the limit is readdir's choice: list none,
     * so a run over too big a tree is the same every time. */
    if (wk.too_many)
        clear_files(w);
    if (w->n > 1)
        qsort(w->v, w->n, sizeof(*w->v), cmp_rel);
    return wk.failed ? -1 : 0;
}

/* ---- inputs named on the command line -------------------------------- */

static const char *
kind_name(mode_t m)
{
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISSOCK(m))
        return "a socket";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    return "not a file";
}

int
aa_walk_check_input(const char *path, struct aa_diags *dl)
{
    struct stat st;
    struct aa_loc at = {path, 0, 0};

    /* stat, unlike open, never waits for a FIFO's writer.  A path that
     * cannot be stat'ed is left to the reader, which says why. */
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return 0;
    aa_diag_add(dl, AA_S_IO, at, NULL, "not a regular file (%s)",
                kind_name(st.st_mode));
    return -1;
}

/* ---- plan folders ----------------------------------------------------- */

static int
want_plan(const char *name)
{
    size_t n = strlen(name);

    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int
cmp_fail(const void *a, const void *b)
{
    return cmp_path(((const struct aa_walk_fail *)a)->path,
                    ((const struct aa_walk_fail *)b)->path);
}

int
aa_walk_plans_all(const char *dir, char ***paths, unsigned char **failed,
                  size_t *n, struct aa_diags *dl)
{
    struct aa_walk w;
    size_t i = 0, k = 0, m = 0;
    int rc;

    aa_walk_init(&w);
    w.exclude = 1;
    rc = aa_walk_tree(&w, dir, want_plan, dl);
    *paths = aa_xcalloc(w.n + w.nfails + 1, sizeof(**paths));
    if (failed != NULL)
        *failed = aa_xcalloc(w.n + w.nfails + 1, 1);
    if (failed != NULL && w.nfails > 1)
        qsort(w.fails, w.nfails, sizeof(*w.fails), cmp_fail);
    /* "x.json" for ".", never "./x.json": reports name a file one way
     * however its folder was typed (docs/attrib-advise.1, PATHS).  The
     * places that failed go where the walk would have listed what they
     * hold, so a report reads in one order whatever failed. */
    while (i < w.n || (failed != NULL && k < w.nfails)) {
        char *p = i < w.n ? aa_walk_join(dir, w.v[i].rel) : NULL;

        if (failed != NULL && k < w.nfails &&
            (p == NULL || cmp_path(w.fails[k].path, p) < 0)) {
            free(p);
            (*failed)[m] = 1;
            (*paths)[m++] = w.fails[k].path;
            w.fails[k++].path = NULL;
        } else {
            (*paths)[m++] = p;
            i++;
        }
    }
    *n = m;
    aa_walk_fini(&w);
    return rc;
}

int
aa_walk_plans(const char *dir, char ***paths, size_t *n, struct aa_diags *dl)
{
    return aa_walk_plans_all(dir, paths, NULL, n, dl);
}

int
aa_walk_yaml_name(const char *name)
{
    size_t n = strlen(name);

    return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
                              (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

static int
cmp_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
aa_walk_yaml_files(const char *dir, char ***names, size_t *n, size_t *unopened,
                   struct aa_diags *dl)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t cap = 0;
    /* "rules/" names its files "rules/pal.yaml", not "rules//...". */
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";

    *names = NULL;
    *n = *unopened = 0;
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        char *path;

        if (!aa_walk_yaml_name(e->d_name))
            continue;
        path = aa_xasprintf("%s%s%s", dir, sep, e->d_name);
        if (stat(path, &st) != 0) {
            struct aa_loc at = {path, 0, 0};

            aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s",
                        strerror(errno));
            ++*unopened;
            free(path);
            continue;
        }
        if (!S_ISREG(st.st_mode)) { /* a FIFO would wait for ever */
            free(path);
            continue;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *names = aa_xrealloc(*names, cap, sizeof(**names));
        }
        (*names)[(*n)++] = path;
    }
    closedir(d);
    if (*n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(*names, *n, sizeof(**names), cmp_paths);
    return 0;
}
