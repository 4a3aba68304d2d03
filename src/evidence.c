/*
 * evidence.c -- a scenario's deployment code: scan /solution/artifacts
 * and fill the derived /evidence fields that rules read.
 *
 * The plan says where the pid is (/solution/deployment/cua/placement);
 * the code shows it.  Rules prefer what the code shows and report the
 * disagreement, so the evidence is kept apart from the plan's own fields
 * rather than written over them.  Invariant: /evidence is present only
 * after a scan that found at least one file with a status of its own.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contract.h"
#include "limits.h"
#include "path.h"
#include "scan.h"
#include "scenario.h"

/* The artifact as reports name it (aa_path_relative: from the current
 * folder, which the front end makes the root), found relative to the
 * scenario's folder unless absolute or the scenario came from standard
 * input.  "../infra/main.bicep" of plans/a.json is infra/main.bicep. */
static char *
artifact_path(const struct aa_scenario *sc, const char *rel)
{
    const char *slash = strrchr(sc->name, '/');
    char *joined, *path;

    if (rel[0] == '/' || strcmp(sc->name, "-") == 0 || slash == NULL)
        joined = aa_xstrdup(rel);
    else
        joined =
            aa_xasprintf("%.*s/%s", (int)(slash - sc->name), sc->name, rel);
    path = aa_path_relative(NULL, joined);
    free(joined);
    return path;
}

static void
set_present(struct aa_scenario *sc, int row)
{
    struct aa_val *v = &sc->vals[row];

    v->present = 1;
    v->type = (unsigned char)aa_fields[row].type;
    for (int p = aa_fields[row].parent; p > 0; p = aa_fields[p].parent) {
        sc->vals[p].present = 1;
        sc->vals[p].type = AA_T_OBJECT;
    }
}

/* The values a string array of /evidence collects over a scan, in the
 * order found, repeats included; set_items keeps each once. */
struct pending {
    const char **v;
    size_t n, cap;
};

static void
pending_add(struct pending *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = aa_xrealloc(p->v, p->cap, sizeof(*p->v));
    }
    p->v[p->n++] = s;
}

struct entry {
    const char *s;
    size_t ix;
};

static int
cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->s, y->s);

    return c != 0 ? c : (x->ix > y->ix) - (x->ix < y->ix);
}

/*
 * Fill the string array at row with the distinct values of p, each where
 * it was first found.  The repeats are found by sorting a copy: looking
 * each value up among those before it, and copying the array on every
 * append, took 56 s and 4 GB for a template of 8000 pid deployments.
 */
static void
set_items(struct aa_scenario *sc, int row, const struct pending *p)
{
    struct aa_val *v = &sc->vals[row];
    struct entry *e;
    unsigned char *dup;
    size_t keep = p->n;

    if (p->n == 0)
        return;
    e = aa_xmalloc(p->n * sizeof(*e));
    dup = aa_xcalloc(p->n, 1);
    for (size_t i = 0; i < p->n; i++) {
        e[i].s = p->v[i];
        e[i].ix = i;
    }
    qsort(e, p->n, sizeof(*e), cmp_entry);
    for (size_t i = 1; i < p->n; i++)
        if (strcmp(e[i - 1].s, e[i].s) == 0) {
            dup[e[i].ix] = 1;
            keep--;
        }
    set_present(sc, row);
    v->items = aa_arena_alloc(&sc->arena, keep * sizeof(*v->items));
    memset(v->items, 0, keep * sizeof(*v->items));
    v->nitems = 0;
    for (size_t i = 0; i < p->n; i++) {
        struct aa_val *it = &v->items[v->nitems];

        if (dup[i])
            continue;
        it->present = 1;
        it->s = aa_arena_strdup(&sc->arena, p->v[i]);
        if (aa_fields[row].type == AA_T_ENUM_ARRAY) {
            it->type = AA_T_ENUM;
            it->e = aa_contract_enum_index(row, it->s, strlen(it->s));
        } else {
            it->type = AA_T_STRING;
            it->e = -1;
        }
        v->nitems++;
    }
    free(dup);
    free(e);
}

/* Where a hit says the pid sits, in the words of the placement enum. */
static const char *
placement_of(enum aa_detect d)
{
    switch (d) {
    case AA_D_PID_ROOT:
    case AA_D_TF_ARM_DEPLOYMENT:
        return "root_template";
    case AA_D_PID_NESTED:
        return "nested_template";
    case AA_D_TF_PARTNER_ID:
    case AA_D_TF_PARTNER_ID_VAR:
    case AA_D_TF_PARTNER_ID_CONDITIONAL:
    case AA_D_ENV_PARTNER_ID:
        return "provider";
    case AA_D_UA_PID:
        return "user_agent";
    default:
        return NULL;
    }
}

/*
 * The tracking ID a plan names, as the code's are compared with it:
 * Partner Center's pid-...-partnercenter whole (s itself: CUA-F15 has that
 * exact ID used, and its middle need not be a GUID), else the GUID of a
 * bare GUID or a pid-<GUID>, lower-case in guid[37], as the hits carry
 * theirs.  NULL when it names neither.
 */
static const char *
tracking_id(const char *s, size_t n, char guid[37])
{
    switch (aa_pid_classify(s, n, guid)) {
    case AA_PID_PARTNERCENTER:
        return s;
    case AA_PID_NO_PREFIX: /* a bare GUID, and nothing after it */
        return n == 36 ? guid : NULL;
    case AA_PID_VALID:
        return guid[0] != '\0' ? guid : NULL;
    default:
        return NULL;
    }
}

static void
fill_evidence(struct aa_scenario *sc)
{
    int status = AA_ROW_CUA_STATUS, guids = AA_ROW_GUIDS;
    int place = AA_ROW_PLACEMENT, unknown = AA_ROW_UNKNOWN_GUIDS;
    const struct aa_val *plan = &sc->vals[AA_ROW_CUA_GUID];
    struct pending places = {NULL, 0, 0}, found = {NULL, 0, 0};
    struct pending others = {NULL, 0, 0};
    int best = -1, broken = 0, sent = 0, carried = 0;
    char pg[37];
    const char *mine = plan->present && plan->s != NULL
                           ? tracking_id(plan->s, strlen(plan->s), pg)
                           : NULL;
    int exact = mine != NULL && mine != pg; /* Partner Center's, whole */

    for (size_t i = 0; i < sc->scan->nfiles; i++) {
        const struct aa_scan_file *f = sc->scan->files[i];

        for (size_t k = 0; !f->failed && k < f->nhits; k++)
            broken |= aa_detect_breaks(f->hits[k].what);
        if (f->failed || f->status == AA_SCAN_CONTEXT)
            continue;
        /* The enum lists statuses best first. */
        if (best < 0 || (int)f->status < best)
            best = (int)f->status;
        for (size_t k = 0; k < f->nhits; k++) {
            const struct aa_hit *h = &f->hits[k];
            const char *where = placement_of(h->what), *id;
            char hg[37];

            if (where == NULL)
                continue;
            pending_add(&places, where);
            if (h->guid != NULL)
                pending_add(&found, h->guid);
            /* Where the plan names Partner Center's ID, the code must carry
             * that exact ID (CUA-F15): its own such IDs are compared whole,
             * and a GUID in another form is another ID.  Else the GUID in
             * whatever form the code carries it. */
            id = exact && h->subject != NULL &&
                         aa_pid_classify(h->subject, strlen(h->subject), hg) ==
                             AA_PID_PARTNERCENTER
                     ? h->subject
                     : h->guid;
            if (id == NULL)
                continue;
            carried = 1;
            if (mine != NULL && strcasecmp(mine, id) == 0)
                sent = 1;
            else
                pending_add(&others, id);
        }
    }
    set_items(sc, place, &places);
    set_items(sc, guids, &found);
    set_items(sc, unknown, &others);
    /* Said only where both sides name a tracking ID: a rule then reads
     * false as "the code carries tracking IDs, and never the plan's". */
    if (mine != NULL && carried) {
        set_present(sc, AA_ROW_GUID_IN_CODE);
        sc->vals[AA_ROW_GUID_IN_CODE].b = sent;
    }
    free(places.v);
    free(found.v);
    free(others.v);
    if (best < 0)
        return;
    set_present(sc, status);
    sc->vals[status].e = best;
    sc->vals[status].s = aa_fields[status].values[best];
    set_present(sc, AA_ROW_CUA_BROKEN);
    sc->vals[AA_ROW_CUA_BROKEN].b = broken;
}

/* Say which plan and which entry of its /solution/artifacts brought in
 * the file of each diagnostic from dl->v[from] on: the scanner knows only
 * the path, and a folder of plans may share deployment code.  A plan in a
 * file is where an editor goes and what names a line of a batch, so a
 * problem with no place in the code (a file that cannot be opened) is put
 * at the plan's entry, and one with a place there (a syntax error) gets
 * the entry's place said first. */
static void
name_origin(struct aa_diags *dl, size_t from, const struct aa_scenario *sc,
            size_t entry, const struct aa_val *item)
{
    char *why = NULL; /* an error located in the code, as the entry says it */

    for (size_t k = from; k < dl->n; k++) {
        struct aa_diag *d = &dl->v[k];
        char *detail;

        if (item->line == 0) { /* a list given with --set: no place */
            detail = aa_xasprintf("%s (from /solution/artifacts/%zu, given "
                                  "with --set)",
                                  d->detail, entry);
        } else if (d->line == 0) {
            detail = aa_xasprintf("/solution/artifacts/%zu: %s: %s", entry,
                                  d->file ? d->file : item->s, d->detail);
            free(d->file);
            d->file = aa_xstrdup(sc->name);
            d->line = item->line;
            d->col = item->col;
        } else {
            if (why == NULL && aa_diag_severity(d->code) >= AA_SEV_ERROR)
                why = aa_xasprintf("%s:%u:%u: %s", d->file, d->line, d->col,
                                   d->detail);
            detail =
                aa_xasprintf("%s (from /solution/artifacts/%zu at "
                             "%s:%u:%u)",
                             d->detail, entry, sc->name, item->line, item->col);
        }
        free(d->detail);
        d->detail = detail;
    }
    /* Unless the first of them is at the entry already. */
    if (why != NULL && dl->v[from].line == item->line &&
        dl->v[from].file != NULL && strcmp(dl->v[from].file, sc->name) == 0) {
        free(why);
        why = NULL;
    }
    if (why != NULL) {
        struct aa_loc at = {sc->name, item->line, item->col};
        struct aa_diag d;

        aa_diag_add(dl, AA_E_ARTIFACT, at, NULL,
                    "/solution/artifacts/%zu: %s cannot be read: %s", entry,
                    item->s, why);
        d = dl->v[dl->n - 1];
        memmove(&dl->v[from + 1], &dl->v[from],
                (dl->n - 1 - from) * sizeof(*dl->v));
        dl->v[from] = d;
    }
    free(why);
}

/* Whether file f speaks for attribution: a verdict of its own, or one its
 * parent gives (a child template, module or nested file).  A README named
 * alone, or a script that sets nothing, is listed yet says nothing. */
static int
speaks(const struct aa_scan_file *f)
{
    return !f->failed &&
           (f->status != AA_SCAN_CONTEXT || aa_scan_has(f, AA_D_CHILD_OF));
}

/* An entry of /solution/artifacts that brought in no file that speaks for
 * attribution: the plan says its code is there, yet nothing in it was
 * weighed, and the CUA verdict rests on the plan alone
 * (input.artifact-empty).  Entry i found the files of aa_scan_path call i
 * (f->origin); a file listed once already, by an earlier entry, is matched
 * by the file its path reaches (aa_path_file: a link and its target are
 * one), made absolute once per file and only when needed. */
static void
note_empty(struct aa_scenario *sc)
{
    const struct aa_val *arts = &sc->vals[AA_ROW_ARTIFACTS];
    const struct aa_scan *scan = sc->scan;
    char **abs = NULL;
    char ptr[64];

    for (size_t i = 0; i < arts->nitems; i++) {
        int found = 0;

        for (size_t k = 0; !found && k < scan->nfiles; k++)
            found = scan->files[k]->origin == i && speaks(scan->files[k]);
        if (!found) {
            char *path = artifact_path(sc, arts->items[i].s);
            /* The entry itself resolved too: a link to a folder names the
             * folder its files are found in. */
            char *want = realpath(path, NULL);
            size_t n;

            if (want == NULL)
                want = aa_path_absolute(path);
            n = strlen(want);
            if (abs == NULL) {
                abs = aa_xcalloc(scan->nfiles + 1, sizeof(*abs));
                for (size_t k = 0; k < scan->nfiles; k++)
                    abs[k] = aa_path_file(scan->files[k]->path);
            }
            for (size_t k = 0; !found && k < scan->nfiles; k++)
                found = speaks(scan->files[k]) &&
                        strncmp(abs[k], want, n) == 0 &&
                        (abs[k][n] == '\0' || abs[k][n] == '/' ||
                         want[n - 1] == '/');
            free(want);
            free(path);
        }
        if (!found) {
            snprintf(ptr, sizeof(ptr), "/solution/artifacts/%zu", i);
            aa_scenario_add_issue(sc, AA_D_ARTIFACT_EMPTY, ptr,
                                  arts->items[i].line, arts->items[i].col,
                                  arts->items[i].s);
        }
    }
    for (size_t k = 0; abs != NULL && k < scan->nfiles; k++)
        free(abs[k]);
    free(abs);
}

/* Set by the front end before anything is read, like the walk's. */
static int confine;

void
aa_artifacts_confine(int how)
{
    confine = how;
}

/* The real path of the folder holding 'name', or NULL. */
static char *
plan_folder(const char *name)
{
    char *real = realpath(name, NULL), *slash;

    if (real == NULL)
        return NULL;
    slash = strrchr(real, '/');
    if (slash == real)
        slash[1] = '\0'; /* a file of "/" */
    else if (slash != NULL)
        *slash = '\0';
    return real;
}

/* Whether path, which exists, lies outside 'root' (the real path of the
 * current folder, the root of the run) once its links are followed; not
 * when it does not exist. */
static int
outside_root(const char *root, const char *path)
{
    char *real = realpath(path, NULL);
    size_t n = strlen(root);
    int out = 0;

    if (real != NULL)
        out = !(strncmp(real, root, n) == 0 &&
                (real[n] == '\0' || real[n] == '/' || n == 1));
    free(real);
    return out;
}

int
aa_scenario_reads(const struct aa_scenario *sc, const char *path)
{
    return sc->scan != NULL && aa_scan_includes(sc->scan, path);
}

int
aa_scenario_scan_artifacts(struct aa_scenario *sc, struct aa_diags *dl)
{
    const struct aa_val *arts = &sc->vals[AA_ROW_ARTIFACTS];
    int rc = 0;
    size_t start = dl->n;
    char *where, *root;

    if (sc->scan != NULL || !arts->present)
        return 0;
    sc->scan = aa_scan_new();
    /* A plan is no trusted input: the code a plan below the root names is
     * read below the root only, as the walk follows no link out of a
     * folder.  A plan from outside the root (one named from elsewhere,
     * beside its code) is the reader's choice, its code with it. */
    root = confine == AA_CONFINE_ROOT ? realpath(".", NULL) : NULL;
    if (root != NULL && strcmp(sc->name, "-") != 0 &&
        outside_root(root, sc->name)) {
        free(root);
        root = NULL;
    }
    /* A rule test's plan, named by its test file: below that file's
     * folder, as a rule pack, and the tests it ships with, is untrusted
     * too. */
    if (confine == AA_CONFINE_PLAN_FOLDER)
        root = plan_folder(sc->name);
    for (size_t i = 0; i < arts->nitems; i++) {
        char *path = artifact_path(sc, arts->items[i].s);
        size_t from = dl->n;

        if (root != NULL && outside_root(root, path)) {
            struct aa_loc at = {path, 0, 0};

            aa_diag_add(dl, AA_E_ARTIFACT, at, NULL,
                        "not read: outside the %s, where the code a plan "
                        "names must lie (--follow-outside reads it)",
                        confine == AA_CONFINE_PLAN_FOLDER
                            ? "folder of the test file"
                            : "root folder");
            rc = -1;
        } else if (aa_scan_path(sc->scan, path, dl) != 0) {
            rc = -1;
        }
        name_origin(dl, from, sc, i, &arts->items[i]);
        free(path);
    }
    free(root);
    /* A plan may list thousands of files that are not there: the errors
     * bound of one file's problems holds for them together. */
    where = aa_xasprintf("the artifacts of %s", sc->name);
    aa_diags_cap(dl, start, aa_limit(AA_LIMIT_ERRORS), where);
    free(where);
    aa_scan_finish(sc->scan);
    if (rc == 0) {
        fill_evidence(sc);
        note_empty(sc);
    }
    return rc;
}
