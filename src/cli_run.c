/*
 * cli_run.c -- the front end's run: which files to read, where the
 * output goes, and the loop that advises each scenario and folds every
 * outcome into one exit status (the highest wins).
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
inputs_add(struct inputs *in, char *path)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = realloc(in->v, in->cap * sizeof(*in->v));
        if (in->v == NULL)
            exit(AA_EXIT_INTERNAL);
    }
    in->v[in->n++] = path;
}

static int
asprintf_path(char **out, const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';

    if ((*out = malloc(a + (size_t)slash + b + 1)) == NULL)
        return -1;
    memcpy(*out, dir, a);
    if (slash)
        (*out)[a] = '/';
    memcpy(*out + a + (size_t)slash, name, b + 1);
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);

    if (d == NULL)
        exit(AA_EXIT_INTERNAL);
    return d;
}

/*
 * Add every *.json file below 'dir', recursively, in byte order of their
 * paths so that a run over a tree is deterministic.  Names starting with
 * '.' (.git, editor files) are skipped.  Returns 0, or -1 when the
 * directory cannot be read.
 */
static int
add_dir(struct inputs *in, const char *dir)
{
    DIR *d = opendir(dir);
    struct inputs here = {NULL, 0, 0};
    struct dirent *e;
    int rc = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char *path;

        if (e->d_name[0] == '.')
            continue;
        if (asprintf_path(&path, dir, e->d_name) != 0)
            exit(AA_EXIT_INTERNAL);
        inputs_add(&here, path);
    }
    closedir(d);
    if (here.n > 1)
        qsort(here.v, here.n, sizeof(*here.v), cmp_str);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        size_t len = strlen(here.v[i]);

        if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (add_dir(in, here.v[i]) != 0)
                rc = -1;
            free(here.v[i]);
        } else if (len > 5 && strcmp(here.v[i] + len - 5, ".json") == 0) {
            inputs_add(in, here.v[i]);
        } else {
            free(here.v[i]);
        }
    }
    free(here.v);
    return rc;
}

/* FILE arguments -> scenario files: directories expand, the rest (files,
 * '-') stay as given so that a missing file is reported when read. */
void
cli_expand_inputs(char **args, size_t n, struct inputs *in)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        size_t before = in->n;

        if (strcmp(args[i], "-") == 0 || stat(args[i], &st) != 0 ||
            !S_ISDIR(st.st_mode)) {
            inputs_add(in, xstrdup(args[i]));
            continue;
        }
        if (add_dir(in, args[i]) != 0)
            fprintf(stderr,
                    "attrib-advise: %s: warning: some folders could not be "
                    "read\n",
                    args[i]);
        if (in->n == before)
            fprintf(stderr,
                    "attrib-advise: %s: warning: no *.json scenario in this "
                    "folder\n",
                    args[i]);
    }
}

/* Open every --output file as a temporary beside its target.  Returns 0,
 * or -1 after saying which file could not be created. */
int
cli_open_outputs(struct cli_opts *o, const struct aa_ruleset *rs,
                 const struct aa_render_opts *ro)
{
    struct aa_render_opts plain = *ro;

    plain.color = 0; /* files never get escape codes */
    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];
        int fd;

        out->tmp = malloc(strlen(out->path) + 16);
        if (out->tmp == NULL)
            exit(AA_EXIT_INTERNAL);
        sprintf(out->tmp, "%s.tmp.XXXXXX", out->path);
        if ((fd = mkstemp(out->tmp)) < 0 ||
            (out->fp = fdopen(fd, "w")) == NULL) {
            fprintf(stderr, "attrib-advise: %s: error: cannot create: %s\n",
                    out->path, strerror(errno));
            if (fd >= 0)
                close(fd);
            free(out->tmp);
            out->tmp = NULL;
            return -1;
        }
        out->w = aa_writer_new(out->format, rs, &plain, out->fp);
    }
    return 0;
}

/* Finish every output: rename complete files into place, remove the
 * rest.  'ok' is zero when the run failed internally.  Returns 0, or -1
 * when a file could not be written. */
int
cli_close_outputs(struct cli_opts *o, int status, int ok)
{
    int rc = 0;

    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];
        int good = ok;

        if (out->tmp == NULL)
            continue;
        if (out->w != NULL && aa_writer_finish(out->w, status) != 0)
            good = 0;
        if (fclose(out->fp) != 0)
            good = 0;
        if (good && rename(out->tmp, out->path) != 0)
            good = 0;
        if (!good) {
            fprintf(stderr, "attrib-advise: %s: error: cannot write: %s\n",
                    out->path, strerror(errno));
            unlink(out->tmp);
            rc = -1;
        }
        free(out->tmp);
        out->tmp = NULL;
    }
    return rc;
}

/* One line on stderr after a text run over several files. */
void
cli_summary(const struct tally *t, size_t scenarios, const struct timespec *t0)
{
    struct timespec t1;
    double secs;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
    fprintf(stderr,
            "attrib-advise: %zu scenarios (%zu rejected): %zu error%s, %zu "
            "warning%s, %zu note%s in %.2f s\n",
            scenarios, t->rejected, t->count[AA_SEV_ERROR],
            t->count[AA_SEV_ERROR] == 1 ? "" : "s", t->count[AA_SEV_WARNING],
            t->count[AA_SEV_WARNING] == 1 ? "" : "s", t->count[AA_SEV_INFO],
            t->count[AA_SEV_INFO] == 1 ? "" : "s", secs);
}

static void
raise_status(struct run *r, int status)
{
    if (status > r->status)
        r->status = status;
}

/* Advise on a loaded scenario, or record one that was rejected (sc NULL,
 * sd holding why).  Takes ownership of sc and sd. */
static void
advise(struct run *r, const char *source, struct aa_scenario *sc,
       struct aa_diags *sd)
{
    const struct cli_opts *o = r->o;
    struct aa_report *rep;

    /* Deployment code that cannot be read rejects its scenario: advice
     * without it would contradict what the code shows. */
    if (sc != NULL && aa_scenario_scan_artifacts(sc, sd) != 0) {
        aa_scenario_free(sc);
        sc = NULL;
    }
    aa_diags_print(sd, stderr);
    r->scenarios++;
    if (sc == NULL) {
        (void)!aa_writer_reject(r->w, source, sd);
        for (size_t k = 0; k < o->noutputs; k++)
            (void)!aa_writer_reject(o->outputs[k].w, source, sd);
        aa_diags_free(sd);
        raise_status(r, AA_EXIT_INPUT);
        r->tally->rejected++;
        return;
    }
    aa_diags_free(sd);
    if ((rep = aa_eval(r->rs, sc)) == NULL) {
        aa_scenario_free(sc);
        raise_status(r, AA_EXIT_INTERNAL);
        return;
    }
    aa_report_triage(rep, r->rs, sc, r->eo);
    if ((sd = aa_diags_new()) != NULL) {
        aa_report_notes(rep, sd);
        aa_diags_print(sd, stderr);
        aa_diags_free(sd);
    }
    if (aa_writer_add(r->w, rep) != 0) {
        fprintf(stderr, "attrib-advise: error: cannot write output\n");
        raise_status(r, AA_EXIT_INTERNAL);
    }
    for (size_t k = 0; k < o->noutputs; k++)
        if (aa_writer_add(o->outputs[k].w, rep) != 0)
            raise_status(r, AA_EXIT_INTERNAL);
    if (o->fail_on != FAIL_NEVER && aa_report_worst(rep) >= o->fail_on)
        raise_status(r, AA_EXIT_FINDINGS);
    aa_report_count(rep, r->tally->count);
    if (r->newbase != NULL)
        aa_baseline_add(r->newbase, rep);
    aa_report_free(rep);
    aa_scenario_free(sc);
}

static struct aa_diags *
new_diags(void)
{
    struct aa_diags *dl = aa_diags_new();

    if (dl == NULL)
        exit(AA_EXIT_INTERNAL);
    return dl;
}

void
cli_advise_file(struct run *r, const char *path)
{
    struct aa_diags *sd = new_diags();

    advise(r, path, aa_scenario_load_file(path, sd), sd);
}

/* NDJSON: one scenario per line; a bad line is reported with its line
 * number and the next one is read all the same.  Blank lines are skipped. */
void
cli_advise_lines(struct run *r, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;

    if (fp == NULL) {
        fprintf(stderr, "attrib-advise: %s: error: cannot open: %s\n", name,
                strerror(errno));
        raise_status(r, AA_EXIT_INPUT);
        r->tally->rejected++;
        return;
    }
    while ((n = getline(&line, &cap, fp)) >= 0) {
        struct aa_diags *sd;
        size_t len = (size_t)n;

        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (strspn(line, " \t") >= len)
            continue;
        sd = new_diags();
        advise(r, name, aa_scenario_parse_at(name, line, len, lineno, sd), sd);
    }
    free(line);
    if (!is_stdin)
        fclose(fp);
}

/* Text and JSON have a layout of their own for a scan; the run formats
 * (SARIF, JUnit, GitHub) take each file as a report of findings. */
static int
scan_render(const char *format, const struct aa_ruleset *rs,
            const struct aa_render_opts *ro, const struct aa_scan_report *rep,
            const struct aa_diags *dl, int status, FILE *fp)
{
    struct aa_writer *w;
    int rc = 0;

    if (strcmp(format, "text") == 0 || strcmp(format, "json") == 0)
        return aa_scan_render(format, rep, ro, fp);
    if ((w = aa_writer_new(format, rs, ro, fp)) == NULL)
        return -1;
    /* A file that could not be read is there too, as a tool notification
     * (SARIF) or an error (JUnit, GitHub), with its own messages. */
    for (size_t i = 0; i < aa_scan_report_nfiles(rep); i++)
        if (aa_scan_report_failed(rep, i)
                ? aa_writer_reject_file(w, aa_scan_report_path(rep, i), dl) != 0
                : aa_writer_add(w, aa_scan_report_file(rep, i)) != 0)
            rc = -1;
    if (aa_writer_finish(w, status) != 0)
        rc = -1;
    return rc;
}

int
cli_scan(const struct cli_opts *o, const struct aa_ruleset *rs,
         const struct aa_eval_opts *eo, const struct aa_render_opts *ro)
{
    struct aa_diags *dl = new_diags();
    struct aa_scan *s = aa_scan_new();
    struct aa_scan_report *rep = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    int status = AA_EXIT_OK, worst;

    if (s == NULL)
        return AA_EXIT_INTERNAL;
    for (size_t i = 1; i < o->nfiles; i++)
        if (aa_scan_path(s, o->files[i], dl) != 0)
            status = AA_EXIT_INPUT;
    aa_scan_finish(s);
    aa_diags_print(dl, stderr);
    if ((rep = aa_scan_eval(rs, s)) == NULL ||
        (mem = open_memstream(&buf, &len)) == NULL) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    aa_scan_report_triage(rep, eo);
    worst = aa_scan_report_worst(rep);
    if (status == AA_EXIT_OK && o->fail_on != FAIL_NEVER && worst >= o->fail_on)
        status = AA_EXIT_FINDINGS;
    /* Rendered whole first: a write error never leaves half a report. */
    if (scan_render(o->format, rs, ro, rep, dl, status, mem) != 0 ||
        fclose(mem) != 0) {
        mem = NULL;
        fprintf(stderr, "attrib-advise: error: cannot write output\n");
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    mem = NULL;
    /* Flushed here, where a full disk can still be reported: stdio would
     * otherwise find out at exit, too late to say why. */
    if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "attrib-advise: error: cannot write output: %s\n",
                strerror(errno));
        status = AA_EXIT_INTERNAL;
    }
out:
    if (mem != NULL)
        fclose(mem);
    free(buf);
    aa_scan_report_free(rep);
    aa_scan_free(s);
    aa_diags_free(dl);
    return status;
}
