/*
 * render_codequality.c -- a run as GitLab's Code Quality report: a JSON
 * array with one issue per active finding (description, check_name,
 * fingerprint, severity, location {path, lines {begin}}), and one issue,
 * check_name "input.unreadable" (the rule of the "unreadable" detector)
 * and severity "blocker", per plan or file that could not be read:
 * nothing in it was checked.
 *
 * GitLab compares the issues of a merge request with those of its target
 * branch by fingerprint alone, and drops an issue whose fingerprint it
 * has seen in the same report.  So the fingerprint is what a baseline
 * records (finding.c: no line number, stable across unrelated edits),
 * made specific to the file as the report names it (in normal form, as
 * location.path shows it) and, in an NDJSON
 * batch, to the scenario's id, else its line; hashed to 32 hex digits;
 * should two issues still agree, the later one is hashed again with a
 * counter until it is unique.  Severities follow ESLint's GitLab
 * formatter: error is "major", warning "minor"; info, which ESLint lacks,
 * is "info".  Each issue is built as a cJSON object and printed as it
 * comes, through jsonw.c, which keeps the values exact and the text safe
 * to print; the text is kept, in the array's layout, and written at end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonw.h"
#include "path.h"
#include "render.h"

#define FNV_OFFSET 0xcbf29ce484222325u
#define FNV_PRIME 0x100000001b3u
/* A second offset basis, so the two halves of a fingerprint differ. */
#define FNV_OFFSET2 0x84222325cbf29ce4u

struct fp128 {
    uint64_t a, b;
};

struct codequality {
    FILE *issues; /* their text, into buf: ",\n  {...}" each */
    char *buf;
    size_t len, n;
    const char *unreadable; /* the rule id of a file that cannot be read */
    int min_severity;
    struct fp128 *seen; /* open addressing; a == b == 0 is empty */
    size_t nseen, capseen;
};

static void
mix_str(struct fp128 *h, const char *s)
{
    for (;; s++) {
        h->a = (h->a ^ (unsigned char)*s) * FNV_PRIME;
        h->b = (h->b ^ (unsigned char)*s) * FNV_PRIME;
        if (*s == '\0') /* the NUL ends each part */
            break;
    }
}

static int
is_empty(const struct fp128 *h)
{
    return h->a == 0 && h->b == 0;
}

static size_t
slot(const struct codequality *q, const struct fp128 *h)
{
    size_t i = (size_t)(h->a ^ h->b) & (q->capseen - 1);

    while (!is_empty(&q->seen[i]) &&
           (q->seen[i].a != h->a || q->seen[i].b != h->b))
        i = (i + 1) & (q->capseen - 1);
    return i;
}

static void
grow(struct codequality *q)
{
    struct fp128 *old = q->seen;
    size_t n = q->capseen;

    q->capseen = n ? n * 2 : 64;
    q->seen = aa_xcalloc(q->capseen, sizeof(*q->seen));
    for (size_t i = 0; i < n; i++)
        if (!is_empty(&old[i]))
            q->seen[slot(q, &old[i])] = old[i];
    free(old);
}

/* The fingerprint of parts[0..n), made unique within the report. */
static char *
fingerprint(struct codequality *q, const char *const *parts, size_t n)
{
    struct fp128 h = {FNV_OFFSET, FNV_OFFSET2};
    size_t i;
    unsigned again = 0;
    char buf[40];

    for (size_t k = 0; k < n; k++)
        mix_str(&h, parts[k]);
    if (2 * (q->nseen + 1) > q->capseen)
        grow(q);
    for (;;) {
        if (is_empty(&h))
            h.b = 1;
        i = slot(q, &h);
        if (is_empty(&q->seen[i]))
            break;
        snprintf(buf, sizeof(buf), "%u", ++again);
        mix_str(&h, buf);
    }
    q->seen[i] = h;
    q->nseen++;
    snprintf(buf, sizeof(buf), "%016llx%016llx", (unsigned long long)h.a,
             (unsigned long long)h.b);
    return aa_xstrdup(buf);
}

/* An issue, printed as an item of the document's array, one level in
 * (no string holds a raw line break). */
static void
put_issue(struct codequality *q, cJSON *o)
{
    char *text = aa_jsonw_print(o);
    size_t len = strlen(text);

    while (len > 0 && text[len - 1] == '\n')
        len--;
    fputs(q->n++ > 0 ? ",\n  " : "\n  ", q->issues);
    for (size_t i = 0; i < len; i++) {
        putc(text[i], q->issues);
        if (text[i] == '\n')
            fputs("  ", q->issues);
    }
    free(text);
    cJSON_Delete(o);
}

/* parts[0] is the path as the report names it; GitLab matches it to the
 * files of the diff, which never start with "./". */
static void
issue(struct codequality *q, const char *description, const char *check,
      const char *severity, const char **parts, size_t nparts, unsigned line)
{
    cJSON *o = cJSON_CreateObject(), *loc = cJSON_CreateObject();
    cJSON *lines = cJSON_CreateObject();
    char *path = aa_path_clean(parts[0]);
    char *fp;

    parts[0] = path;
    fp = fingerprint(q, parts, nparts);
    cJSON_AddStringToObject(o, "description", description);
    cJSON_AddStringToObject(o, "check_name", check);
    cJSON_AddStringToObject(o, "fingerprint", fp);
    cJSON_AddStringToObject(o, "severity", severity);
    cJSON_AddStringToObject(loc, "path", path);
    /* GitLab counts lines from 1; a finding about the whole file has
     * none. */
    cJSON_AddNumberToObject(lines, "begin", line > 0 ? line : 1);
    cJSON_AddItemToObject(loc, "lines", lines);
    cJSON_AddItemToObject(o, "location", loc);
    put_issue(q, o);
    free(fp);
    free(path);
}

static void *
begin(const struct aa_run_info *info, const struct aa_render_opts *opts)
{
    struct codequality *q = aa_xcalloc(1, sizeof(*q));

    int ix;

    if ((q->issues = open_memstream(&q->buf, &q->len)) == NULL)
        aa_oom();
    q->unreadable = aa_render_unreadable(info, &ix);
    q->min_severity = opts->min_severity;
    return q;
}

static void
add(void *st, const struct aa_report *rep)
{
    struct codequality *q = st;
    char line[24];

    snprintf(line, sizeof(line), "%u", rep->source_line);
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        char base[AA_FINGERPRINT_SIZE];
        const char *parts[3] = {f->at.file, base, ""};
        char *text = NULL;

        if ((int)f->severity < q->min_severity || f->suppressed != NULL)
            continue;
        (void)aa_finding_fingerprint(rep, i, base); /* i is in range */
        if (rep->source_line > 0)
            parts[2] = rep->scenario_id != NULL ? rep->scenario_id : line;
        /* GitLab shows the description alone (check_name is the id): a
         * pack's rule in a built-in's place says so after the message. */
        if (f->replaced)
            text = aa_xasprintf("%s (replaced by your rules)", f->message);
        issue(q, text != NULL ? text : f->message, f->rule,
              f->severity == AA_SEV_INFO      ? "info"
              : f->severity == AA_SEV_WARNING ? "minor"
                                              : "major",
              parts, 3, f->at.line);
        free(text);
    }
}

static void
reject(void *st, const char *source, const struct aa_message *m, size_t n)
{
    struct codequality *q = st;
    const char *path = n > 0 && m[0].file != NULL ? m[0].file : source;
    const char *parts[2] = {path, q->unreadable};
    char *text;

    /* One issue per file: the first message says why, the others are on
     * standard error and in the other formats. */
    if (n > 1)
        text = aa_xasprintf("%s (and %zu more problem%s)", m[0].text, n - 1,
                            n == 2 ? "" : "s");
    else
        text = aa_xstrdup(n > 0 ? m[0].text : "cannot be read");
    issue(q, text, q->unreadable, "blocker", parts, 2, n > 0 ? m[0].line : 0);
    free(text);
}

static int
end(void *st, int exit_status, FILE *fp)
{
    struct codequality *q = st;
    /* Closed, the stream leaves the issues' text in buf. */
    int rc = fclose(q->issues) != 0 ||
                     fputs(q->n > 0 ? "[" : "[]", fp) == EOF ||
                     fwrite(q->buf, 1, q->len, fp) != q->len ||
                     fputs(q->n > 0 ? "\n]\n" : "\n", fp) == EOF
                 ? -1
                 : 0;

    (void)exit_status;
    free(q->buf);
    free(q->seen);
    free(q);
    return rc;
}

const struct aa_run_fmt aa_render_codequality = {begin, add, reject, end};
