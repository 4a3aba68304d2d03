/*
 * writer.c -- the output of one run in one format.
 *
 * Per-report formats render each report into memory and write it whole,
 * so a failure never leaves half a report behind.  Run formats collect
 * the run and write one document at finish, when the exit status is
 * known (SARIF records it).  The rule catalogue that run formats list
 * (SARIF's tool.driver.rules) comes ready-made with the compiled ruleset,
 * so output code never reads rules or the program.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "ruleset.h"

struct aa_writer {
    aa_render_fn *emit;           /* per-report format, or NULL */
    const struct aa_run_fmt *run; /* run format, or NULL */
    void *state;
    struct aa_render_opts opts;
    FILE *fp;
    struct aa_run_info info;
};

struct aa_writer *
aa_writer_new(const char *format, const struct aa_ruleset *rs,
              const struct aa_render_opts *opts, FILE *fp)
{
    struct aa_writer *w;

    if (aa_render_find_report(format) == NULL &&
        aa_render_find_run(format) == NULL)
        return NULL;
    w = aa_xcalloc(1, sizeof(*w));
    w->emit = aa_render_find_report(format);
    w->run = aa_render_find_run(format);
    w->opts = *opts;
    w->fp = fp;
    w->info.tool_version = aa_version();
    w->info.homepage = aa_homepage();
    w->info.knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    w->info.rules = aa_ruleset_catalog(rs, &w->info.nrules);
    if (w->run != NULL)
        w->state = w->run->begin(&w->info, &w->opts);
    return w;
}

int
aa_writer_add(struct aa_writer *w, const struct aa_report *rep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    int rc;

    if (w->run != NULL) {
        w->run->add(w->state, rep);
        return 0;
    }
    if ((mem = open_memstream(&buf, &len)) == NULL)
        return -1;
    rc = w->emit(rep, &w->opts, mem);
    if (fclose(mem) != 0)
        rc = -1;
    if (rc == 0 && fwrite(buf, 1, len, w->fp) != len)
        rc = -1;
    free(buf);
    return rc;
}

/* The messages of dl (all of them, or those about file 'only'). */
static int
reject(struct aa_writer *w, const char *source, const struct aa_diags *dl,
       const char *only)
{
    size_t n = aa_diags_count(dl), k = 0;
    struct aa_message *m;

    if (w->run == NULL || n == 0)
        return 0; /* per-report formats: diagnostics went to stderr */
    m = aa_xcalloc(n, sizeof(*m));
    for (size_t i = 0; i < n; i++) {
        aa_diags_get(dl, i, &m[k]);
        if (only == NULL || (m[k].file && strcmp(m[k].file, only) == 0))
            k++;
    }
    if (k > 0)
        w->run->reject(w->state, source, m, k);
    free(m);
    return 0;
}

int
aa_writer_reject(struct aa_writer *w, const char *source,
                 const struct aa_diags *dl)
{
    return reject(w, source, dl, NULL);
}

int
aa_writer_reject_file(struct aa_writer *w, const char *path,
                      const struct aa_diags *dl)
{
    return reject(w, path, dl, path);
}

int
aa_writer_finish(struct aa_writer *w, int exit_status)
{
    int rc = 0;

    if (w == NULL)
        return 0;
    if (w->run != NULL)
        rc = w->run->end(w->state, exit_status, w->fp);
    if (fflush(w->fp) != 0 || ferror(w->fp))
        rc = -1;
    free(w);
    return rc;
}

/* The rule pages take the catalogue as the run formats do. */
int
aa_writer_rule_page(const struct aa_ruleset *rs, const char *id, FILE *fp)
{
    size_t n;
    const struct aa_rule_entry *v = aa_ruleset_catalog(rs, &n);

    if (id == NULL) {
        aa_render_md_index(fp, v, n);
        return ferror(fp) ? -1 : 0;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].id, id) == 0) {
            aa_render_md_rule(fp, &v[i], 1);
            return ferror(fp) ? -1 : 0;
        }
    return -2;
}
