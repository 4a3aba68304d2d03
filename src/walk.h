/*
 * walk.h -- the one folder walker: plan folders, scan folders and the
 * folders a scenario's solution.artifacts names are all listed by
 * aa_walk_tree, so they share one set of rules (docs/security.md):
 *
 *   - names in byte order, folder by folder;
 *   - hidden folders (a name starting with '.') and node_modules skipped;
 *   - only regular files listed; FIFOs, sockets and devices in a folder
 *     are skipped without a word, since reading one could block for ever;
 *   - a symbolic link that stays inside the root is followed once: every
 *     folder is entered at most once and every file listed at most once,
 *     both by device and inode, so a link cycle ends and a file reached
 *     through a link and by its own name is listed once, by its own name;
 *   - a link that leads outside the root is not followed (a note says so)
 *     unless aa_walk_follow_outside(1) was called;
 *   - at most the folder-depth limit of folders below the root, and at
 *     most the files limit of names read in one walk;
 *   - where the caller asks (plan folders, the scan command), nothing that
 *     an exclusion names (aa_walk_exclude), and nothing below a folder it
 *     names.
 *
 * Ownership: a struct aa_walk owns the relative paths it lists.
 */
#ifndef AA_WALK_H
#define AA_WALK_H

#include <stddef.h>

#include "attrib_advise.h"
#include "diag.h"

/* One file a walk found. */
struct aa_walk_file {
    char *rel;  /* below the root, '/'-separated, never empty; owned */
    int broken; /* a link that leads nowhere or loops: listed so that the
                   caller can report it or skip it */
};

/* A folder or entry a walk could not read, or did not enter as it was
 * too deep: the place the walk's error in the diagnostics names. */
struct aa_walk_fail {
    char *path; /* root joined as aa_walk_join does; owned */
    int folder; /* known to be a folder (else of unknown type) */
};

struct aa_walk {
    struct aa_walk_file *v; /* in byte order of names, folder by folder */
    size_t n, cap;
    /* What could not be listed, in the order met: a caller that lists
     * files can list these beside them, so that a report shows the
     * failure and not only standard error. */
    struct aa_walk_fail *fails;
    size_t nfails, capfails;
    int exclude; /* leave out what aa_walk_exclude names (0 after init) */
};

/* Whether 'path' ('/'-separated) matches the glob 'pat': '*' and '?' match
 * within one name, '[...]' a class, a name '**' any number of whole names,
 * a backslash quotes the next character. */
int aa_glob_match(const char *pat, const char *path);

/* Which names a walk lists, by base name; NULL lists every file. */
typedef int aa_walk_want_fn(const char *name);

void aa_walk_init(struct aa_walk *w);
void aa_walk_fini(struct aa_walk *w);

/*
 * List the files below the folder 'root' that 'want' accepts into w (which
 * aa_walk_init prepared).  Returns 0, or -1 after at least one error in dl
 * (a folder or entry that cannot be read, folders nested too deep, too many
 * names); w then holds what could be listed, or nothing at the files
 * limit, and w->fails the places of those errors.  Notes in dl name the
 * links that were not followed.
 */
AA_NODISCARD int aa_walk_tree(struct aa_walk *w, const char *root,
                              aa_walk_want_fn *want, struct aa_diags *dl);

/* root joined with rel as a reader opens it: "." + "x" is "x". */
char *aa_walk_join(const char *root, const char *rel);

/* The rule or test files of folder 'dir', not below it: every *.yaml and
 * *.yml whose name does not start with '.', as "dir/name" in byte order
 * (*names, *n of them, each and the array the caller's to free).  What is
 * not a regular file is left out without a word, as in every walk; a name
 * that cannot be opened (a link to nothing) is said in dl and counted in
 * *unopened, so that a policy file moved away never leaves a gate passing
 * without its rules.  Returns 0, or -1 with errno when the folder cannot
 * be read (nothing said: the caller names what it was reading). */
int aa_walk_yaml_files(const char *dir, char ***names, size_t *n,
                       size_t *unopened, struct aa_diags *dl);

#endif /* AA_WALK_H */
