/*
 * writer.c -- the output of one run in one format.
 *
 * Per-report formats render each report into memory and write it whole,
 * so a failure never leaves half a report behind.  Run formats collect
 * the run and write one document at finish, when the exit status is
 * known (SARIF records it).  The rule catalogue that run formats list
 * (SARIF's tool.driver.rules) comes ready-made with the compiled ruleset,
 * so output code never reads rules or the program.
 *
 * JSON and NDJSON go through one jsonout buffer kept for the whole run:
 * each report is written into it, then out whole, and the buffer is used
 * again, so a batch allocates nothing per report to print it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "jsonout.h"
#include "kept.h"
#include "render.h"
#include "ruleset.h"
#include "text.h"

struct aa_writer {
    aa_render_fn *emit;           /* per-report format, or NULL */
    aa_reject_fn *reject;         /* its entry for a rejected scenario */
    const struct aa_run_fmt *run; /* run format, or NULL */
    void *state;
    struct aa_render_opts opts;
    FILE *fp;
    struct aa_run_info info;
    /* json and ndjson: the text of the report being written */
    int json;
    struct aa_jsonout out;
    /* JSON over several plans: one document, {"version", "tool", "runs":
     * [advice or rejection, ...], "summary"}, written as the run goes so
     * that a portfolio never sits in memory whole. */
    int doc;
    size_t nruns, rejected, count[3];
    /* The messages of the diagnostics last given to aa_writer_reject_file,
     * by file: a scan passes the same list for each file it could not
     * read, which a walk of all of them each time made the square of its
     * failures.  Made again when the list is another or has grown. */
    const struct aa_diags *by_file_of;
    struct aa_message *by_file;
    size_t nby_file;
    /* text: the pieces of a page that are the same on every plan that has
     * them (a fixed reason wrapped, with its tag), made once a run; and
     * the pages, laid out where they wait to be written (a text page
     * cannot fail half-way: no stream to make it in first). */
    struct aa_kept text;
    struct aa_tout pages;
    /* Per-report formats: each report is made in this stream first, so
     * that a failed write never leaves half of one; opened once, as a
     * batch writes one report a line.  The reports made whole wait in its
     * first 'pending' bytes, as JSON waits in 'out' (a writer uses one of
     * the two). */
    FILE *mem;
    char *membuf;
    size_t memlen, pending;
    /* What is written waits in 'out' until it holds FLUSH_AT bytes, so a
     * batch makes a write a few dozen plans, not one a plan (7% of a JSON
     * batch was the system calls); on a terminal each plan shows at once. */
    int eager;
};

/* 256 KiB, not 64: a system call costs microseconds in a virtual machine,
 * and a JSON batch of 50 000 plans made 5 500 drains (2% of its time in
 * the calls). */
enum { FLUSH_AT = 256 * 1024 };

/* The n bytes at s to fp.  To a descriptor they go in one write() where
 * they can, after what stdio holds: fwrite() of a piece larger than its
 * buffer makes two calls (the buffer's worth, then the rest), and copies
 * what is left over.  A memory stream has no descriptor. */
static int
put_out(FILE *fp, const char *s, size_t n)
{
    int fd = fileno(fp);

    if (n == 0)
        return 0;
    if (fd < 0)
        return fwrite(s, 1, n, fp) == n ? 0 : -1;
    if (fflush(fp) != 0)
        return -1;
    while (n > 0) {
        ssize_t k = write(fd, s, n);

        if (k < 0 && errno == EINTR)
            continue;
        if (k == 0) /* not for a file or a pipe, but said as an error */
            errno = EIO;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

/* What waits in 'out' or in 'mem' to w->fp: all of it, or when there is
 * enough. */
static int
drain(struct aa_writer *w, int all)
{
    int rc = 0;

    if (!all && !w->eager && w->out.len < FLUSH_AT && w->pending < FLUSH_AT &&
        w->pages.len < FLUSH_AT)
        return 0;
    if (put_out(w->fp, w->membuf, w->pending) != 0)
        rc = -1;
    w->pending = 0;
    if (put_out(w->fp, w->pages.buf, w->pages.len) != 0)
        rc = -1;
    w->pages.len = 0;
    if (put_out(w->fp, w->out.s, w->out.len) != 0)
        rc = -1;
    aa_jsonout_clear(&w->out);
    return rc;
}

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
    w->reject = aa_render_find_reject(format);
    w->run = aa_render_find_run(format);
    w->opts = *opts;
    w->opts.min_severity = aa_shown_severity(opts->min_severity, opts->fail_on);
    if (w->emit == aa_render_ndjson)
        w->opts.compact = 1; /* its rejections too: one line each */
    w->doc = w->emit == aa_render_json && opts->several && !opts->compact;
    w->json = w->emit == aa_render_json || w->emit == aa_render_ndjson;
    aa_jsonout_init(&w->out, w->opts.compact);
    if (w->emit == aa_render_text)
        aa_tout_init_mem(&w->pages);
    w->fp = fp;
    w->eager = isatty(fileno(fp));
    w->info.tool_version = aa_version();
    w->info.homepage = aa_homepage();
    w->info.knowledge_as_of = aa_ruleset_knowledge_as_of(rs);
    w->info.rules = aa_ruleset_catalog(rs, &w->info.nrules);
    if (w->run != NULL)
        w->state = w->run->begin(&w->info, &w->opts);
    return w;
}

/* The document's head, up to the opening of "runs". */
static void
doc_head(struct aa_writer *w)
{
    aa_jsonout_object(&w->out);
    aa_jsonout_key(&w->out, "version");
    aa_jsonout_int(&w->out, 1);
    aa_jsonout_key(&w->out, "tool");
    aa_json_put_tool(&w->out, w->info.tool_version, w->info.knowledge_as_of);
    aa_jsonout_key(&w->out, "runs");
    aa_jsonout_array_lines(&w->out);
}

/* A report or a rejection in JSON is written between these two:
 * json_begin puts the document's head before its first run, json_end
 * ends a report of its own with its line break (a run of the document is
 * followed by the next one or the tail) and writes the text out. */
static void
json_begin(struct aa_writer *w)
{
    if (w->doc && w->nruns++ == 0)
        doc_head(w);
}

static int
json_end(struct aa_writer *w)
{
    if (!w->doc)
        aa_jsonout_raw(&w->out, "\n", 1);
    return drain(w, 0);
}

/* Render into memory with fn after what waits there; it waits too when
 * whole, else it is dropped. */
static int
put_whole(struct aa_writer *w,
          int (*fn)(struct aa_writer *, const void *, FILE *), const void *arg)
{
    off_t len;
    int rc;

    if (w->mem == NULL) {
        if ((w->mem = open_memstream(&w->membuf, &w->memlen)) == NULL)
            return -1;
        /* One thread writes it: without a lock taken and released in each
         * of the renderer's calls, a text batch is a fifth faster. */
        __fsetlocking(w->mem, FSETLOCKING_BYCALLER);
    }
    if (fseeko(w->mem, (off_t)w->pending, SEEK_SET) != 0)
        return -1;
    rc = fn(w, arg, w->mem);
    /* The buffer is only sure to hold what was written once flushed, and
     * may have moved. */
    if (fflush(w->mem) != 0 || (len = ftello(w->mem)) < 0)
        rc = -1;
    else if (rc == 0) {
        w->pending = (size_t)len;
        rc = drain(w, 0);
    }
    return rc;
}

static int
emit_report(struct aa_writer *w, const void *rep, FILE *fp)
{
    return w->emit(rep, &w->opts, fp);
}

int
aa_writer_add(struct aa_writer *w, const struct aa_report *rep)
{
    if (w->run != NULL) {
        w->run->add(w->state, rep);
        return 0;
    }
    aa_report_tally(rep, w->count);
    if (w->json) {
        json_begin(w);
        aa_json_put_report(&w->out, rep, &w->opts);
        return json_end(w);
    }
    if (w->emit == aa_render_text) {
        aa_render_text_page(rep, &w->opts, &w->text, &w->pages);
        return drain(w, 0);
    }
    return put_whole(w, emit_report, rep);
}

struct rejection {
    const char *source;
    const struct aa_message *m;
    size_t n;
};

static int
emit_reject(struct aa_writer *w, const void *arg, FILE *fp)
{
    const struct rejection *r = arg;

    return w->reject(&w->info, r->source, r->m, r->n, &w->opts, fp);
}

/* A message and its place in its list, to sort by file and keep the
 * list's order within one. */
struct placed {
    struct aa_message m;
    size_t at;
};

static int
cmp_placed(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    int c = x->m.file == NULL || y->m.file == NULL
                ? (x->m.file == NULL) - (y->m.file == NULL)
                : strcmp(x->m.file, y->m.file);

    return c != 0 ? c : (x->at > y->at) - (x->at < y->at);
}

/* The messages of dl about file 'only', in the order dl has them:
 * *n of them, borrowed from w. */
static const struct aa_message *
messages_of(struct aa_writer *w, const struct aa_diags *dl, const char *only,
            size_t *n)
{
    size_t total = aa_diags_count(dl), lo = 0, hi;

    if (w->by_file_of != dl || w->nby_file != total) {
        struct placed *p = aa_xcalloc(total + 1, sizeof(*p));

        for (size_t i = 0; i < total; i++) {
            aa_diags_get(dl, i, &p[i].m);
            p[i].at = i;
        }
        qsort(p, total, sizeof(*p), cmp_placed);
        free(w->by_file);
        w->by_file = aa_xcalloc(total + 1, sizeof(*w->by_file));
        for (size_t i = 0; i < total; i++)
            w->by_file[i] = p[i].m;
        free(p);
        w->by_file_of = dl;
        w->nby_file = total;
    }
    hi = total;
    while (lo < hi) { /* the first message about 'only' */
        size_t mid = lo + (hi - lo) / 2;

        if (w->by_file[mid].file != NULL &&
            strcmp(w->by_file[mid].file, only) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (hi = lo; hi < total && w->by_file[hi].file != NULL &&
                  strcmp(w->by_file[hi].file, only) == 0;
         hi++)
        ;
    *n = hi - lo;
    return w->by_file + lo;
}

/* The messages of dl (all of them, or those about file 'only'). */
static int
reject(struct aa_writer *w, const char *source, const struct aa_diags *dl,
       const char *only)
{
    size_t n = aa_diags_count(dl), k = 0;
    struct aa_message *all = NULL;
    const struct aa_message *m;
    struct rejection r;
    int rc = 0;

    if ((w->run == NULL && w->reject == NULL) || n == 0)
        return 0; /* text: the diagnostics are on standard error */
    if (only != NULL) {
        m = messages_of(w, dl, only, &k);
    } else {
        all = aa_xcalloc(n, sizeof(*all));
        for (k = 0; k < n; k++)
            aa_diags_get(dl, k, &all[k]);
        m = all;
    }
    if (k > 0 && w->run != NULL) {
        w->run->reject(w->state, source, m, k);
    } else if (k > 0) {
        w->rejected++;
        if (w->json) {
            json_begin(w);
            aa_json_put_reject(&w->out, &w->info, source, m, k, &w->opts);
            rc = json_end(w);
        } else {
            r.source = source;
            r.m = m;
            r.n = k;
            rc = put_whole(w, emit_reject, &r);
        }
    }
    free(all);
    return rc;
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

/* The document's tail: what the run found, and its exit status. */
static int
doc_end(struct aa_writer *w, int exit_status)
{
    struct aa_jsonout *o = &w->out;

    if (w->nruns == 0)
        doc_head(w);
    aa_jsonout_end(o); /* runs */
    aa_jsonout_key(o, "summary");
    aa_jsonout_object(o);
    aa_jsonout_key(o, "scenarios");
    aa_jsonout_int(o, (long long)w->nruns);
    aa_jsonout_key(o, "rejected");
    aa_jsonout_int(o, (long long)w->rejected);
    aa_jsonout_key(o, "errors");
    aa_jsonout_int(o, (long long)w->count[AA_SEV_ERROR]);
    aa_jsonout_key(o, "warnings");
    aa_jsonout_int(o, (long long)w->count[AA_SEV_WARNING]);
    aa_jsonout_key(o, "notes");
    aa_jsonout_int(o, (long long)w->count[AA_SEV_INFO]);
    aa_jsonout_key(o, "exit_status");
    aa_jsonout_int(o, exit_status);
    aa_jsonout_end(o);
    aa_jsonout_end(o);
    aa_jsonout_raw(o, "\n", 1);
    return drain(w, 1);
}

int
aa_writer_flush(struct aa_writer *w)
{
    return drain(w, 1) != 0 || fflush(w->fp) != 0 ? -1 : 0;
}

/* What a writer holds, written or not. */
static void
writer_free(struct aa_writer *w)
{
    aa_jsonout_fini(&w->out);
    aa_kept_fini(&w->text);
    aa_tout_fini(&w->pages);
    free(w->by_file);
    if (w->mem != NULL)
        fclose(w->mem);
    free(w->membuf);
    free(w);
}

void
aa_writer_discard(struct aa_writer *w)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *sink;

    if (w == NULL)
        return;
    /* A run format frees its state as it writes its document: into
     * memory, thrown away. */
    if (w->run != NULL && (sink = open_memstream(&buf, &len)) != NULL) {
        (void)w->run->end(w->state, 0, sink);
        fclose(sink);
        free(buf);
    }
    writer_free(w);
}

int
aa_writer_finish(struct aa_writer *w, int exit_status)
{
    int rc;

    if (w == NULL)
        return 0;
    rc = drain(w, 1);
    if (w->run != NULL) {
        int end = w->run->end(w->state, exit_status, w->fp);

        rc = rc != 0 ? rc : end;
    } else if (w->doc && doc_end(w, exit_status) != 0)
        rc = -1;
    if (fflush(w->fp) != 0 || ferror(w->fp))
        rc = -1;
    writer_free(w);
    return rc;
}

/* What a rule does, in a few words: "block", "fit 60", "error", and the
 * detector of a detect rule. */
static void
rule_kind(const struct aa_rule_entry *e, char *buf, size_t size)
{
    int n = 0;

    buf[0] = '\0';
    if (e->verdict != NULL && strcmp(e->verdict, "fit") == 0)
        n = snprintf(buf, size, "fit %d", e->weight);
    else if (e->verdict != NULL)
        n = snprintf(buf, size, "%s", e->verdict);
    if (e->level >= 0 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "%s%s", n > 0 ? ", " : "",
                      aa_severity_name((enum aa_severity)e->level));
    if (e->detect != NULL && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "%sdetect %s", n > 0 ? ", " : "",
                 e->detect);
}

/* The facts a rule cites, and a level a rule file set for it: the end
 * of its row in the rule list (heap; "" for none). */
static char *
row_facts(const struct aa_rule_entry *e)
{
    char *s = aa_xstrdup(""), *more;

    for (size_t k = 0; k < e->nfacts; k++) {
        more = aa_xasprintf("%s%s%s", s, k ? " " : "", e->facts[k].id);
        free(s);
        s = more;
    }
    if (e->level_at != NULL) {
        more = aa_xasprintf(
            "%s%s(%s %s by %s)", s, *s ? "  " : "", aa_rule_entry_regrade(e),
            aa_severity_name((enum aa_severity)e->own_level), e->level_at);
        free(s);
        s = more;
    }
    return s;
}

/* A table: id, mechanisms, what the rule does, the facts it cites, the
 * facts wrapped in their column.  Where the width leaves no room for
 * that column, what the rule does and the facts share the last one,
 * wrapped with a hanging indent: the facts after what the rule does or,
 * when they do not fit there, below it.  Mechanisms wider than their
 * column push the rest of their row. */
int
aa_writer_rule_list(const struct aa_ruleset *rs, int width, FILE *fp)
{
    size_t n, wid = 0, wkind = 0;
    const struct aa_rule_entry *v = aa_ruleset_catalog(rs, &n);
    char kind[96];
    int last, wmech, aligned = 1;

    width = width > 0 ? width : 80;
    for (size_t i = 0; i < n; i++) {
        wid = strlen(v[i].id) > wid ? strlen(v[i].id) : wid;
        rule_kind(&v[i], kind, sizeof(kind));
        wkind = strlen(kind) > wkind ? strlen(kind) : wkind;
    }
    last = (int)wid + 2 + 17 + 2;
    for (size_t i = 0; i < n && aligned; i++) {
        char *facts = row_facts(&v[i]);

        aligned = (size_t)last + wkind + 2 + strlen(facts) <= (size_t)width;
        free(facts);
    }
    /* Narrower, the mechanism column holds one name ("PRACR"): a rule of
     * several pushes the rest of its own row. */
    wmech = aligned ? 17 : 5;
    last = (int)wid + 2 + wmech + 2;
    for (size_t i = 0; i < n; i++) {
        char mechs[64] = "";
        size_t m = 0;
        char *facts = row_facts(&v[i]);
        int col, fcol;

        for (int k = 0; k < AA_NMECH; k++)
            if (v[i].mechs & (1u << k))
                m += (size_t)snprintf(mechs + m, sizeof(mechs) - m, "%s%s",
                                      m ? "," : "",
                                      aa_report_mech_name((unsigned)k));
        if (m == 0)
            snprintf(mechs, sizeof(mechs), "%s",
                     v[i].mech ? v[i].mech : "plan");
        rule_kind(&v[i], kind, sizeof(kind));
        col = fprintf(fp, "%-*s  %-*s  ", (int)wid, v[i].id, wmech, mechs);
        /* The facts in their column where the row has room for the
         * first, wrapped in it. */
        fcol = col + (int)wkind + 2;
        if (aligned || (size_t)fcol + strcspn(facts, " ") <= (size_t)width) {
            fprintf(fp, "%-*s", *facts ? (int)wkind : 0, kind);
            if (*facts)
                aa_text_next(fp, facts, fcol - 2, 2, fcol, width, 0);
        } else {
            col = aa_text_flow(fp, kind, col, last, width, 0);
            if (*facts)
                aa_text_next(fp, facts, col, 2, last, width, 0);
        }
        fputc('\n', fp);
        free(facts);
    }
    return ferror(fp) ? -1 : 0;
}

/* Whether entry e speaks for mechanism 'mech' (its name, or GEN for the
 * plan-wide rules). */
static int
of_mech(const struct aa_rule_entry *e, const char *mech)
{
    if (mech == NULL)
        return 1;
    for (unsigned k = 0; k < AA_NMECH; k++)
        if ((e->mechs & (1u << k)) && strcmp(aa_report_mech_name(k), mech) == 0)
            return 1;
    if (e->mechs != 0)
        return 0;
    return strcmp(e->mech ? e->mech : "GEN", mech) == 0;
}

/* A label inside double quotes: Mermaid takes #quot; for a quote, DOT a
 * backslash before quotes and backslashes. */
static void
put_label(FILE *fp, const char *s, int dot)
{
    for (; *s != '\0'; s++) {
        if (*s == '"')
            fputs(dot ? "\\\"" : "#quot;", fp);
        else if (*s == '\\' && dot)
            fputs("\\\\", fp);
        else if ((unsigned char)*s >= 0x20)
            fputc(*s, fp);
    }
}

/* Whether the graph of 'mech' draws entry e: a rule that reads the plan
 * and decides, reports or advises something for it (a rule of actions
 * alone, such as where to set DPOR, is a step the plan's fields bring). */
static int
drawn(const struct aa_rule_entry *e, const char *mech)
{
    return e->detect == NULL && of_mech(e, mech) &&
           (e->verdict != NULL || e->level >= 0 || e->nactions > 0);
}

/* The mechanisms entry e speaks for, as a mask: bit AA_NMECH for GEN. */
static unsigned
mech_set(const struct aa_rule_entry *e)
{
    return e->mechs != 0 ? e->mechs : 1u << AA_NMECH;
}

/* The name of a set of mechanisms (mech_set): "DPOR, PAL", "plan". */
static void
put_set_name(FILE *fp, unsigned set)
{
    int first = 1;

    for (unsigned k = 0; k <= AA_NMECH; k++)
        if (set & (1u << k)) {
            fprintf(fp, "%s%s", first ? "" : ", ",
                    k < AA_NMECH ? aa_report_mech_name(k) : "plan");
            first = 0;
        }
}

/* The node of plan field 'name' among the *n drawn so far (*fields, grown
 * here): its number, after drawing it when it is new, or (size_t)-1 when
 * memory runs out. */
static size_t
field_node(FILE *fp, const char ***fields, size_t *n, const char *name, int dot)
{
    const char **grown;
    size_t f;

    for (f = 0; f < *n && strcmp((*fields)[f], name) != 0; f++)
        ;
    if (f < *n)
        return f;
    if ((grown = realloc(*fields, (*n + 1) * sizeof(**fields))) == NULL)
        return (size_t)-1;
    *fields = grown;
    grown[(*n)++] = name;
    fprintf(fp, dot ? "  f%zu [shape=note, label=\"" : "  f%zu[/\"", f);
    put_label(fp, name, dot);
    fputs(dot ? "\"];\n" : "\"/]\n", fp);
    return f;
}

/*
 * The boxes of the whole graph: one per set of mechanisms some rule speaks
 * for, in the order of its first rule, named after them ("plan" for GEN),
 * around its rules.  They stand for the edges from each rule to its
 * mechanisms, which one mechanism's graph draws: those would be a third of
 * the whole graph's edges, and Mermaid draws at most 500 (docs/graph.md).
 */
static void
put_boxes(FILE *fp, const struct aa_rule_entry *v, size_t n, int dot)
{
    unsigned done[64];
    size_t ndone = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned set = mech_set(&v[i]);
        size_t d;

        if (!drawn(&v[i], NULL))
            continue;
        for (d = 0; d < ndone && done[d] != set; d++)
            ;
        if (d < ndone || ndone == sizeof(done) / sizeof(done[0]))
            continue;
        done[ndone++] = set;
        fprintf(fp,
                dot ? "  subgraph cluster_%zu {\n    label=\""
                    : "  subgraph g%zu [\"",
                d);
        put_set_name(fp, set);
        fputs(dot ? "\";\n" : "\"]\n", fp);
        for (size_t j = i; j < n; j++)
            if (drawn(&v[j], NULL) && mech_set(&v[j]) == set)
                fprintf(fp, dot ? "    r%zu;\n" : "    r%zu\n", j);
        fputs(dot ? "  }\n" : "  end\n", fp);
    }
}

/* Mermaid draws at most this many edges, and a diagram cannot raise it
 * (docs/graph.md). */
#define GRAPH_MAX_EDGES 500

/*
 * The whole graph when its edges from fields to rules would pass what
 * Mermaid draws: one node for each box, named after its mechanisms with
 * the number of its rules, and one edge from a field to each box whose
 * rules read it.  Both formats draw this same graph, so DOT and Mermaid
 * never disagree; one mechanism's graph still shows every rule.
 */
static void
put_overview(FILE *fp, const struct aa_rule_entry *v, size_t n, int dot)
{
    const char **fields = NULL;
    unsigned char *linked = NULL; /* field f to box d: [f * 64 + d] */
    size_t nfields = 0, nlinked = 0, count[64] = {0}, nbox = 0;
    size_t *box = aa_xcalloc(n + 1, sizeof(*box)); /* each rule's */
    unsigned sets[64];

    /* Boxes in the order of their first rule, as put_boxes draws them;
     * there are at most 2^8 sets of mechanisms, and put_boxes draws 64. */
    for (size_t i = 0; i < n; i++)
        if (drawn(&v[i], NULL)) {
            unsigned set = mech_set(&v[i]);
            size_t d;

            for (d = 0; d < nbox && sets[d] != set; d++)
                ;
            if (d == nbox && nbox < 64)
                sets[nbox++] = set;
            box[i] = d < nbox ? d : 63;
            count[box[i]]++;
        }
    for (size_t d = 0; d < nbox; d++) {
        fprintf(fp, dot ? "  b%zu [shape=box, label=\"" : "  b%zu[\"", d);
        put_set_name(fp, sets[d]);
        fprintf(fp, "%s%zu rule%s", dot ? "\\n" : "<br/>", count[d],
                count[d] == 1 ? "" : "s");
        fputs(dot ? "\"];\n" : "\"]\n", fp);
    }
    for (size_t i = 0; i < n; i++) {
        size_t d;

        if (!drawn(&v[i], NULL))
            continue;
        d = box[i];
        for (size_t k = 0; k < v[i].nreads; k++) {
            size_t f = field_node(fp, &fields, &nfields, v[i].reads[k], dot);

            if (f == (size_t)-1)
                break;
            if (f == nlinked) {
                unsigned char *more = realloc(linked, (nlinked + 1) * 64);

                if (more == NULL)
                    break;
                linked = more;
                memset(linked + nlinked++ * 64, 0, 64);
            }
            if (linked[f * 64 + d])
                continue;
            linked[f * 64 + d] = 1;
            fprintf(fp, dot ? "  f%zu -> b%zu;\n" : "  f%zu --> b%zu\n", f, d);
        }
    }
    free(fields);
    free(linked);
    free(box);
}

int
aa_writer_rule_graph(const struct aa_ruleset *rs, const char *mech,
                     const char *format, FILE *fp)
{
    size_t n, nfields = 0;
    const struct aa_rule_entry *v = aa_ruleset_catalog(rs, &n);
    const char **fields;
    int dot = strcmp(format, "dot") == 0, known = mech == NULL;
    unsigned used = 0; /* mechanisms drawn; bit AA_NMECH: GEN */
    char kind[96];

    if (!dot && strcmp(format, "mermaid") != 0)
        return -3;
    for (unsigned k = 0; !known && k < AA_NMECH; k++)
        known = strcmp(aa_report_mech_name(k), mech) == 0;
    if (!known && strcmp(mech, "GEN") != 0)
        return -2;
    fputs(
        dot ? "digraph attrib_advise {\n  rankdir=LR;\n  node [fontsize=10];\n"
            : "flowchart LR\n",
        fp);
    if (mech == NULL) {
        size_t edges = 0;

        for (size_t i = 0; i < n; i++)
            edges += drawn(&v[i], NULL) ? v[i].nreads : 0;
        if (edges > GRAPH_MAX_EDGES) {
            put_overview(fp, v, n, dot);
            if (dot)
                fputs("}\n", fp);
            return ferror(fp) ? -1 : 0;
        }
    }
    fields = calloc(1, sizeof(*fields));
    for (size_t i = 0; i < n; i++) {
        const struct aa_rule_entry *e = &v[i];

        if (!drawn(e, mech))
            continue;
        rule_kind(e, kind, sizeof(kind));
        if (kind[0] == '\0')
            snprintf(kind, sizeof(kind), "actions");
        fprintf(fp, dot ? "  r%zu [shape=box, label=\"" : "  r%zu[\"", i);
        put_label(fp, e->id, dot);
        fputs(dot ? "\\n" : "<br/>", fp);
        put_label(fp, kind, dot);
        fputs(dot ? "\"];\n" : "\"]\n", fp);
        for (size_t k = 0; k < e->nreads; k++) {
            size_t f = field_node(fp, &fields, &nfields, e->reads[k], dot);

            if (f == (size_t)-1)
                break;
            fprintf(fp, dot ? "  f%zu -> r%zu;\n" : "  f%zu --> r%zu\n", f, i);
        }
        for (unsigned k = 0; mech != NULL && k <= AA_NMECH; k++) {
            int to = k < AA_NMECH ? (e->mechs & (1u << k)) != 0 : e->mechs == 0;
            const char *name = k < AA_NMECH ? aa_report_mech_name(k) : "GEN";

            if (!to || strcmp(name, mech) != 0)
                continue;
            used |= 1u << k;
            fprintf(fp, dot ? "  r%zu -> m_%s;\n" : "  r%zu --> m_%s\n", i,
                    name);
        }
    }
    if (mech == NULL)
        put_boxes(fp, v, n, dot);
    for (unsigned k = 0; k <= AA_NMECH; k++) {
        const char *name = k < AA_NMECH ? aa_report_mech_name(k) : "GEN";

        if (used & (1u << k))
            fprintf(fp,
                    dot ? "  m_%s [shape=ellipse, style=bold, label=\"%s\"];\n"
                        : "  m_%s([\"%s\"])\n",
                    name, k < AA_NMECH ? name : "plan");
    }
    if (dot)
        fputs("}\n", fp);
    free(fields);
    return ferror(fp) ? -1 : 0;
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
