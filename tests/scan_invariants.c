/*
 * scan_invariants.c -- what every scan keeps (docs/scan.md, "Statuses and
 * findings"), held over a tree of real deployment code rather than over
 * cases picked to pass:
 *
 *   1. every status has a hit that justifies it (aa_scan_check), so a
 *      status other than attributed never comes without a finding;
 *   2. with the built-in rules, an attributed file has no error
 *      (aa_scan_report_check): it never fails a check on its own;
 *   3. a Bicep file and the ARM JSON compiled from it, each scanned alone,
 *      get the same status (the pairs are listed in PAIRS, "bicep<TAB>json"
 *      relative to DIR, '#' starts a comment).
 *
 * 1 and 2 are checked for the whole tree scanned as one folder (links
 * count, children are settled) and for every file of it scanned alone.
 *
 * Usage: scan_invariants DIR [PAIRS].  Exits 0 when everything holds, 1
 * with one line per violation on standard error, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_advise.h"
#include "scan.h"
#include "arena.h"

struct run {
    const struct aa_ruleset *rs;
    size_t files, violations;
};

/* Scan a path (file or folder) as one run, check it, and hand back the
 * scan in *sp and its report. */
static struct aa_scan_report *
scan_checked(struct run *r, struct aa_scan **sp, const char *path)
{
    struct aa_scan *s = aa_scan_new();
    struct aa_diags *dl = aa_diags_new();
    struct aa_scan_report *rep;

    /* A file that cannot be parsed has no status to check; the corpus
     * has none, so say it if one shows up. */
    if (aa_scan_path(s, path, dl) != 0)
        aa_diags_print(dl, stderr);
    aa_diags_free(dl);
    aa_scan_finish(s);
    r->violations += (size_t)aa_scan_check(s, stderr);
    rep = aa_scan_eval(r->rs, s);
    if (rep == NULL) {
        fprintf(stderr, "scan_invariants: the rules are not compiled\n");
        exit(2);
    }
    r->violations += (size_t)aa_scan_report_check(rep, stderr);
    *sp = s;
    return rep;
}

static const char *
status_alone(struct run *r, const char *path, char *buf, size_t n)
{
    struct aa_scan *s;
    struct aa_scan_report *rep = scan_checked(r, &s, path);
    const struct aa_scan_file *f = s->nfiles == 1 ? s->files[0] : NULL;

    snprintf(buf, n, "%s",
             f == NULL   ? "(not scanned)"
             : f->failed ? "(unreadable)"
                         : aa_scan_status_name(f->status));
    aa_scan_report_free(rep);
    aa_scan_free(s);
    return buf;
}

static void
check_pairs(struct run *r, const char *dir, const char *pairs)
{
    FILE *fp = fopen(pairs, "r");
    char line[2048];
    unsigned lineno = 0, npairs = 0;

    if (fp == NULL) {
        fprintf(stderr, "scan_invariants: cannot open %s\n", pairs);
        exit(2);
    }
    while (fgets(line, sizeof(line), fp) != NULL) {
        char *tab, *nl, *bicep, *json, a[64], b[64];

        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        tab = strchr(line, '\t');
        if ((nl = strchr(line, '\n')) != NULL)
            *nl = '\0';
        if (tab == NULL) {
            fprintf(stderr, "%s:%u: expected bicep<TAB>json\n", pairs, lineno);
            exit(2);
        }
        *tab = '\0';
        bicep = aa_xasprintf("%s/%s", dir, line);
        json = aa_xasprintf("%s/%s", dir, tab + 1);
        status_alone(r, bicep, a, sizeof(a));
        status_alone(r, json, b, sizeof(b));
        if (strcmp(a, b) != 0) {
            r->violations++;
            fprintf(stderr,
                    "attrib-advise: invariant: %s is %s but the ARM it "
                    "compiles to, %s, is %s\n",
                    bicep, a, json, b);
        }
        npairs++;
        free(bicep);
        free(json);
    }
    fclose(fp);
    printf("scan invariants: %u Bicep/ARM pairs compared\n", npairs);
}

int
main(int argc, char **argv)
{
    struct aa_ruleset *rs;
    struct aa_diags *dl;
    struct run r = {NULL, 0, 0};
    struct aa_scan *tree;
    struct aa_scan_report *rep;
    char buf[64];

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: scan_invariants DIR [PAIRS]\n");
        return 2;
    }
    rs = aa_ruleset_new();
    dl = aa_diags_new();
    if (aa_rules_load_builtin(rs, dl) != 0 ||
        aa_ruleset_compile(rs, dl) != 0) {
        aa_diags_print(dl, stderr);
        return 2;
    }
    aa_diags_free(dl);
    r.rs = rs;
    rep = scan_checked(&r, &tree, argv[1]);
    for (size_t i = 0; i < tree->nfiles; i++)
        status_alone(&r, tree->files[i]->path, buf, sizeof(buf));
    r.files = tree->nfiles;
    aa_scan_report_free(rep);
    aa_scan_free(tree);
    if (argc == 3)
        check_pairs(&r, argv[1], argv[2]);
    printf("scan invariants: %zu files, as a tree and alone: %zu "
           "violations\n",
           r.files, r.violations);
    aa_ruleset_free(rs);
    return r.violations == 0 && r.files > 0 ? 0 : 1;
}
