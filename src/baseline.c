/*
 * baseline.c -- triage: which findings of a report are shown as active.
 *
 * Evaluation says what is true of a plan; this file decides what of it a
 * run reports as active.  It marks findings suppressed (kept, shown with
 * the reason, never counted) for the scenario's own "x-attrib-suppress"
 * entries, for --ignore, and for the baseline: the findings a team has
 * accepted, so a linter adopted on an existing portfolio fails only on new
 * ones.  Keeping this out of eval.c lets a report be evaluated once and
 * triaged by the caller's policy.
 *
 * A finding is identified by (scenario source, rule, JSON Pointer): stable
 * across runs and across edits elsewhere in the file, unlike line numbers.
 * File format, written and read here only:
 *   {"version": 1, "findings": [{"source": S, "rule": R, "pointer": P}]}
 * sorted, so a baseline diffs cleanly in review.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "jsonw.h"
#include "report.h"
#include "scenario.h"

struct entry {
    char *source, *rule, *pointer;
};

struct aa_baseline {
    struct entry *v;
    size_t n, cap;
};

struct aa_baseline *
aa_baseline_new(void)
{
    return aa_xcalloc(1, sizeof(struct aa_baseline));
}

void
aa_baseline_free(struct aa_baseline *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].source);
        free(b->v[i].rule);
        free(b->v[i].pointer);
    }
    free(b->v);
    free(b);
}

static void
push(struct aa_baseline *b, const char *source, const char *rule,
     const char *pointer)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = aa_xrealloc(b->v, b->cap, sizeof(*b->v));
    }
    b->v[b->n].source = aa_xstrdup(source);
    b->v[b->n].rule = aa_xstrdup(rule);
    b->v[b->n++].pointer = aa_xstrdup(pointer);
}

int
aa_baseline_has(const struct aa_baseline *b, const char *source,
                const char *rule, const char *pointer)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->v[i].rule, rule) == 0 &&
            strcmp(b->v[i].pointer, pointer) == 0 &&
            strcmp(b->v[i].source, source) == 0)
            return 1;
    return 0;
}

void
aa_baseline_add(struct aa_baseline *b, const struct aa_report *rep)
{
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];

        /* Findings suppressed for another reason need no baseline entry. */
        if (f->suppressed == NULL || f->baseline == AA_BASE_UNCHANGED)
            push(b, rep->source, f->rule, f->pointer);
    }
}

struct aa_baseline *
aa_baseline_load(const char *path, struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    struct aa_baseline *b = NULL;
    FILE *fp = fopen(path, "rb");
    char *text;
    size_t len;
    cJSON *root = NULL, *list, *it;

    if (fp == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open baseline: %s",
                    strerror(errno));
        return NULL;
    }
    text = aa_read_all(fp, 64u << 20, &len);
    fclose(fp);
    root = cJSON_ParseWithLength(text, len);
    list = cJSON_GetObjectItemCaseSensitive(root, "findings");
    if (!cJSON_IsArray(list)) {
        aa_diag_add(dl, AA_E_JSON_SYNTAX, at, NULL,
                    "not a baseline: expected {\"version\": 1, \"findings\": "
                    "[...]} as written by --write-baseline");
        goto out;
    }
    b = aa_baseline_new();
    cJSON_ArrayForEach(it, list)
    {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(it, "source");
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(it, "rule");
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(it, "pointer");

        if (cJSON_IsString(s) && cJSON_IsString(r) && cJSON_IsString(p))
            push(b, s->valuestring, r->valuestring, p->valuestring);
    }
out:
    cJSON_Delete(root);
    free(text);
    return b;
}

static int
cmp_entry(const void *x, const void *y)
{
    const struct entry *a = x, *b = y;
    int c = strcmp(a->source, b->source);

    if (c == 0)
        c = strcmp(a->rule, b->rule);
    return c != 0 ? c : strcmp(a->pointer, b->pointer);
}

int
aa_baseline_write(struct aa_baseline *b, FILE *fp)
{
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    char *text;
    int rc;

    if (b->n > 1)
        qsort(b->v, b->n, sizeof(*b->v), cmp_entry);
    cJSON_AddNumberToObject(root, "version", 1);
    for (size_t i = 0; i < b->n; i++) {
        cJSON *e;

        if (i > 0 && cmp_entry(&b->v[i - 1], &b->v[i]) == 0)
            continue; /* the same finding twice in one file */
        e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "source", b->v[i].source);
        cJSON_AddStringToObject(e, "rule", b->v[i].rule);
        cJSON_AddStringToObject(e, "pointer", b->v[i].pointer);
        cJSON_AddItemToArray(list, e);
    }
    cJSON_AddItemToObject(root, "findings", list);
    text = aa_jsonw_print(root);
    cJSON_Delete(root);
    /* The caller writes the file whole (a temporary file renamed into
     * place), as it does every file a run writes. */
    rc = fputs(text, fp) != EOF ? 0 : -1;
    free(text);
    return rc;
}

/* ---- triage ------------------------------------------------------- */

static void
suppress(struct aa_report *rep, const char *rule, const char *why,
         const char *kind)
{
    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL &&
            strcmp(rep->findings[i].rule, rule) == 0) {
            rep->findings[i].suppressed = why;
            rep->findings[i].suppress_kind = kind;
        }
}

static void note(struct aa_report *rep, struct aa_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Notes are rare (a handful per scenario at most): grow by copying. */
static void
note(struct aa_report *rep, struct aa_loc at, const char *fmt, ...)
{
    struct aa_note *v =
        aa_arena_alloc(&rep->arena, (rep->nnotes + 1) * sizeof(*v));
    char text[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (rep->nnotes > 0)
        memcpy(v, rep->notes, rep->nnotes * sizeof(*v));
    v[rep->nnotes].at = at;
    v[rep->nnotes++].text = aa_arena_strdup(&rep->arena, text);
    rep->notes = v;
}

void
aa_report_triage(struct aa_report *rep, const struct aa_ruleset *rs,
                 const struct aa_scenario *sc, const struct aa_eval_opts *opts)
{
    char today[16];

    if (opts != NULL && opts->today != NULL) {
        snprintf(today, sizeof(today), "%s", opts->today);
    } else {
        time_t now = time(NULL);
        struct tm tm;

        gmtime_r(&now, &tm);
        strftime(today, sizeof(today), "%Y-%m-%d", &tm);
    }
    /* In-source first, so a finding both ignored and suppressed in the
     * file shows the scenario author's reason. */
    for (size_t i = 0; i < sc->nsupp; i++) {
        const struct aa_suppress *s = &sc->supp[i];
        struct aa_loc at = {sc->name, s->line, s->col};

        if (!aa_ruleset_has_rule(rs, s->rule))
            note(rep, at,
                 "x-attrib-suppress: no rule '%s'; nothing is suppressed",
                 s->rule);
        else if (s->expires != NULL && strcmp(s->expires, today) < 0)
            note(rep, at,
                 "x-attrib-suppress: the suppression of %s expired on %s; "
                 "its findings count again",
                 s->rule, s->expires);
        else
            suppress(rep, s->rule, s->reason, "inSource");
    }
    for (size_t i = 0; opts != NULL && i < opts->nignore; i++)
        suppress(rep, opts->ignore[i], "ignored on the command line",
                 "external");
    for (size_t i = 0;
         opts != NULL && opts->baseline != NULL && i < rep->nfindings; i++) {
        struct aa_finding *f = &rep->findings[i];

        f->baseline =
            aa_baseline_has(opts->baseline, rep->source, f->rule, f->pointer)
                ? AA_BASE_UNCHANGED
                : AA_BASE_NEW;
        if (f->baseline == AA_BASE_UNCHANGED && f->suppressed == NULL) {
            f->suppressed = "accepted in the baseline";
            f->suppress_kind = "external";
        }
    }
}

void
aa_report_notes(const struct aa_report *rep, struct aa_diags *dl)
{
    for (size_t i = 0; i < rep->nnotes; i++)
        aa_diag_add(dl, AA_W_SUPPRESS, rep->notes[i].at, NULL, "%s",
                    rep->notes[i].text);
}

void
aa_scan_report_triage(struct aa_scan_report *rep,
                      const struct aa_eval_opts *opts)
{
    for (size_t i = 0; i < rep->nfiles; i++)
        for (size_t k = 0; opts != NULL && k < opts->nignore; k++)
            suppress(&rep->files[i].report, opts->ignore[k],
                     "ignored on the command line", "external");
}

/* ---- what counts ---------------------------------------------------- */

/* A finding counts toward the exit status while it is active. */
int
aa_report_worst(const struct aa_report *rep)
{
    int worst = -1;

    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL &&
            (int)rep->findings[i].severity > worst)
            worst = (int)rep->findings[i].severity;
    return worst;
}

void
aa_report_count(const struct aa_report *rep, size_t count[3])
{
    aa_report_tally(rep, count);
}

void
aa_scan_report_count(const struct aa_scan_report *rep, size_t count[3])
{
    for (size_t i = 0; i < rep->nfiles; i++)
        for (size_t k = 0; k < rep->files[i].nfindings; k++)
            if (rep->files[i].findings[k].suppressed == NULL)
                count[rep->files[i].findings[k].severity]++;
}

int
aa_scan_report_worst(const struct aa_scan_report *rep)
{
    size_t count[3] = {0, 0, 0};

    aa_scan_report_count(rep, count);
    for (int sev = AA_SEV_ERROR; sev >= AA_SEV_INFO; sev--)
        if (count[sev] > 0)
            return sev;
    return -1;
}
