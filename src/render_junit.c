/*
 * render_junit.c -- a run as JUnit XML: one testsuite per scenario file,
 * one testcase per finding (failing when at or above --fail-on, the
 * common XSD allowing one failure per testcase), a passing "advice"
 * testcase for a file with no finding, and an erroring "load" testcase
 * for a file that could not be read.  Names read well in GitLab and
 * Jenkins: classname attrib-advise.MECHANISM, name "RULE at POINTER" (at
 * FILE:LINE:COL for what a scanner saw in deployment code), unique in its
 * suite; a line of an --ndjson batch is a suite "SOURCE:LINE".
 * Suites are kept as text until the end, when the totals are known.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

struct junit {
    char *body; /* the testsuite elements */
    size_t len;
    FILE *mem;
    size_t tests, failures, errors, skipped;
    int fail_on, min_severity, batch;
};

/* ":LINE:COL: " after a file name, as the messages on standard error
 * have it: without the numbers a place does not have (a folder, a file
 * that could not be read), not ":0:0". */
static void
put_place(FILE *fp, unsigned line, unsigned col)
{
    if (line > 0 && col > 0)
        fprintf(fp, ":%u:%u: ", line, col);
    else if (line > 0)
        fprintf(fp, ":%u: ", line);
    else
        fputs(": ", fp);
}

/* The file a testcase name shows for finding f: that of deployment code
 * a scanner saw, when it is not the suite's own; else none, "". */
static const char *
shown_file(const struct aa_report *rep, const struct aa_finding *f)
{
    return f->code && f->at.file != NULL && strcmp(f->at.file, rep->source) != 0
               ? f->at.file
               : "";
}

/* Whether findings a and b of rep would have one name: "RULE at PLACE",
 * the place being the file (shown_file) and line of what deployment code
 * a scanner saw, else the JSON Pointer. */
static int
same_name(const struct aa_report *rep, const struct aa_finding *a,
          const struct aa_finding *b)
{
    int at_a = a->code || a->pointer == NULL;
    int at_b = b->code || b->pointer == NULL;

    if (strcmp(a->rule, b->rule) != 0 || at_a != at_b)
        return 0;
    if (at_a)
        return a->at.line == b->at.line && a->at.col == b->at.col &&
               strcmp(shown_file(rep, a), shown_file(rep, b)) == 0;
    return strcmp(a->pointer, b->pointer) == 0;
}

/* The name of finding i's testcase, unique in its testsuite: GitLab keys
 * a test case by suite, class and name, and keeps one of namesakes, so a
 * failure that shares its name with another would go uncounted.  A name
 * met before gets " #N". */
static void
put_name(FILE *c, const struct aa_report *rep, size_t i)
{
    const struct aa_finding *f = &rep->findings[i];
    size_t nth = 1;

    aa_markup_text(c, f->rule, AA_TEXT_TAB, 0);
    fputs(" at ", c);
    if (f->code || f->pointer == NULL) { /* deployment code: its place */
        if (shown_file(rep, f)[0] != '\0') {
            aa_markup_text(c, shown_file(rep, f), AA_TEXT_TAB, 0);
            fputc(':', c);
        }
        fprintf(c, "%u:%u", f->at.line, f->at.col);
    } else {
        aa_markup_text(c, f->pointer[0] ? f->pointer : "/", AA_TEXT_TAB, 0);
    }
    for (size_t k = 0; k < i; k++)
        nth += (size_t)same_name(rep, &rep->findings[k], f);
    if (nth > 1)
        fprintf(c, " #%zu", nth);
}

static void *
begin(const struct aa_run_info *info, const struct aa_render_opts *opts)
{
    struct junit *j = aa_xcalloc(1, sizeof(*j));

    (void)info;
    j->mem = open_memstream(&j->body, &j->len);
    if (j->mem == NULL) {
        fputs("attrib-advise: error: out of memory\n", stderr);
        exit(4);
    }
    j->fail_on = opts->fail_on;
    j->min_severity = opts->min_severity;
    j->batch = opts->batch;
    return j;
}

static void
add(void *st, const struct aa_report *rep)
{
    struct junit *j = st;
    size_t tests = 0, failures = 0, skipped = 0;
    char *cases = NULL;
    size_t clen = 0;
    FILE *c = open_memstream(&cases, &clen);

    if (c == NULL)
        return;
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        int fails = (int)f->severity >= j->fail_on && f->suppressed == NULL;

        if ((int)f->severity < j->min_severity && !fails)
            continue;
        tests++;
        fputs("    <testcase classname=\"attrib-advise.", c);
        aa_markup_text(c, f->mech ? f->mech : "plan", AA_TEXT_TAB, 0);
        fputs("\" name=\"", c);
        put_name(c, rep, i);
        fputs("\" file=\"", c);
        aa_markup_text(c, f->at.file, AA_TEXT_TAB, 0);
        fprintf(c, "\" line=\"%u\"", f->at.line);
        if (f->suppressed != NULL) {
            skipped++;
            fputs(">\n      <skipped message=\"suppressed: ", c);
            aa_markup_text(c, f->suppressed, AA_TEXT_TAB, 0);
            fputs("\"/>\n    </testcase>\n", c);
            continue;
        }
        if (!fails) {
            fputs("/>\n", c);
            continue;
        }
        failures++;
        fprintf(c, ">\n      <failure type=\"%s\" message=\"",
                aa_severity_name(f->severity));
        aa_markup_text(c, f->message, AA_TEXT_TAB, 0);
        fputs("\">", c);
        aa_markup_text(c, f->at.file, AA_TEXT_TAB, 0);
        put_place(c, f->at.line, f->at.col);
        fprintf(c, "%s: ", aa_severity_name(f->severity));
        aa_markup_text(c, f->message, AA_TEXT_TAB, 0);
        fputs(" [", c);
        aa_markup_text(c, f->rule, AA_TEXT_TAB, 0);
        /* The tag of the text report: the words are a pack's. */
        if (f->replaced)
            fputs(" (replaced by your rules)", c);
        for (size_t k = 0; k < f->nfacts; k++) {
            fputs(k ? " " : ": ", c);
            aa_markup_text(c, f->facts[k], AA_TEXT_TAB, 0);
        }
        fputs("]</failure>\n    </testcase>\n", c);
    }
    if (tests == 0) {
        tests = 1;
        fputs("    <testcase classname=\"attrib-advise\" name=\"advice\" "
              "file=\"",
              c);
        aa_markup_text(c, rep->source, AA_TEXT_TAB, 0);
        fputs("\"/>\n", c);
    }
    fclose(c);
    /* The lines of an --ndjson batch share their source: each is a suite
     * of its own. */
    fputs("  <testsuite name=\"", j->mem);
    aa_markup_text(j->mem, rep->source, AA_TEXT_TAB, 0);
    if (rep->source_line > 0)
        fprintf(j->mem, ":%u", rep->source_line);
    fprintf(
        j->mem,
        "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n%s",
        tests, failures, skipped, cases ? cases : "");
    fputs("  </testsuite>\n", j->mem);
    free(cases);
    j->tests += tests;
    j->failures += failures;
    j->skipped += skipped;
}

static void
reject(void *st, const char *source, const struct aa_message *m, size_t n)
{
    struct junit *j = st;
    unsigned line = j->batch ? aa_reject_batch_line(source, m, n) : 0;

    /* A batch's line is named as an advised line's is (add). */
    fputs("  <testsuite name=\"", j->mem);
    aa_markup_text(j->mem, source, AA_TEXT_TAB, 0);
    if (line > 0)
        fprintf(j->mem, ":%u", line);
    fputs("\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
          "    <testcase classname=\"attrib-advise\" name=\"load",
          j->mem);
    /* Where it failed: rejected lines of one batch share their suite's
     * name, and GitLab keeps one of namesake cases. */
    if (n > 0 && m[0].line > 0)
        fprintf(j->mem, " at %u:%u", m[0].line, m[0].col);
    fputs("\" file=\"", j->mem);
    aa_markup_text(j->mem, source, AA_TEXT_TAB, 0);
    fputs("\">\n      <error type=\"invalid input\" message=\"", j->mem);
    aa_markup_text(j->mem, n > 0 ? m[0].text : "cannot be read", AA_TEXT_TAB,
                   0);
    fputs("\">", j->mem);
    for (size_t i = 0; i < n; i++) {
        aa_markup_text(j->mem, m[i].file ? m[i].file : source, AA_TEXT_TAB, 0);
        put_place(j->mem, m[i].line, m[i].col);
        aa_markup_text(j->mem, m[i].text, AA_TEXT_TAB, 0);
        fputs("&#10;", j->mem);
    }
    fputs("</error>\n    </testcase>\n  </testsuite>\n", j->mem);
    j->tests++;
    j->errors++;
}

static int
end(void *st, int exit_status, FILE *fp)
{
    struct junit *j = st;
    int rc = 0;

    (void)exit_status;
    fclose(j->mem);
    if (fprintf(fp,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<testsuites name=\"attrib-advise\" tests=\"%zu\" "
                "failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n%s"
                "</testsuites>\n",
                j->tests, j->failures, j->errors, j->skipped,
                j->body ? j->body : "") < 0)
        rc = -1;
    free(j->body);
    free(j);
    return rc;
}

const struct aa_run_fmt aa_render_junit = {begin, add, reject, end};
