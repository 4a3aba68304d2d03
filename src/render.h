/*
 * render.h -- the renderer interface.  A renderer reads a report and writes
 * to a stream; it owns nothing and never sees rules or scenarios.
 */
#ifndef AA_RENDER_H
#define AA_RENDER_H

#include <stdio.h>

#include "report.h"

typedef int aa_render_fn(const struct aa_report *,
                         const struct aa_render_opts *, FILE *);
/* A per-report format's entry for a scenario that could not be read: its
 * source and the messages saying why. */
typedef int aa_reject_fn(const struct aa_run_info *, const char *source,
                         const struct aa_message *m, size_t n,
                         const struct aa_render_opts *, FILE *);

/*
 * A run format collects a whole run and writes one document at the end:
 * begin returns its state, add and reject feed it, end writes everything
 * to fp and frees the state.  It never sees rules, only the catalogue in
 * the run info.
 */
struct aa_run_fmt {
    void *(*begin)(const struct aa_run_info *, const struct aa_render_opts *);
    void (*add)(void *st, const struct aa_report *rep);
    void (*reject)(void *st, const char *source, const struct aa_message *m,
                   size_t n);
    int (*end)(void *st, int exit_status, FILE *fp);
};

extern const struct aa_run_fmt aa_render_sarif;
extern const struct aa_run_fmt aa_render_junit;
extern const struct aa_run_fmt aa_render_github;
extern const struct aa_run_fmt aa_render_ado;
extern const struct aa_run_fmt aa_render_codequality;

/* The rule id under which a run format reports a plan or file that
 * could not be read: the catalogue's rule of the "unreadable" detector
 * (*index its place), else, in a rule set without one, "input.unreadable"
 * (*index -1). */
const char *aa_render_unreadable(const struct aa_run_info *info, int *index);

/* The line of a batch (--ndjson) that a rejected plan stood on: that of
 * its first message when the message is about the batch itself, not about
 * deployment code the plan names; 0 when not known. */
unsigned aa_reject_batch_line(const char *source, const struct aa_message *m,
                              size_t n);

/* Lookups for the writer: NULL when 'name' is not of that kind. */
aa_render_fn *aa_render_find_report(const char *name);
const struct aa_run_fmt *aa_render_find_run(const char *name);

/* One finding as the JSON object of contract v1 (rule, severity,
 * mechanism, facts, message, pointer, location, suppressed): written as
 * the next value of o, or as a tree the caller owns. */
struct aa_jsonout;
void aa_json_put_finding(struct aa_jsonout *o, const struct aa_finding *f);
struct cJSON *aa_json_finding(const struct aa_finding *f);

/* The advice of rep (contract v1, section 2), and a scenario that could
 * not be read in its place, as the next value of o: what the json and
 * ndjson formats write, for the writer to put into a document. */
void aa_json_put_report(struct aa_jsonout *o, const struct aa_report *rep,
                        const struct aa_render_opts *opts);
void aa_json_put_reject(struct aa_jsonout *o, const struct aa_run_info *info,
                        const char *source, const struct aa_message *m,
                        size_t n, const struct aa_render_opts *opts);

/* Lookup for the writer: the reject entry of a per-report format, or
 * NULL when it has none (text: the messages are on standard error). */
aa_reject_fn *aa_render_find_reject(const char *name);

/* A rule as Markdown, from its catalogue entry: with 'page' nonzero the
 * page of docs/rules/ (headed by its title), else the help that SARIF
 * carries (the same without the heading). */
void aa_render_md_rule(FILE *fp, const struct aa_rule_entry *e, int page);
/* The index of docs/rules/: every rule of v, file by file, linked to its
 * page. */
void aa_render_md_index(FILE *fp, const struct aa_rule_entry *v, size_t n);
/* Prose for a Markdown table cell or list item, made safe by text.h: '|'
 * escaped for tables, '<', '>' and '&' as entities (a bare <GUID> would
 * vanish as an HTML tag). */
void aa_md_cell(FILE *fp, const char *text);
/* XML or HTML character data or attribute value, made safe by text.h with
 * 'flags' (AA_TEXT_TAB keeps tabs): '&', '<', '>' and '"' as entities, and
 * with 'apos' the apostrophe too (&#39;). */
void aa_markup_text(FILE *fp, const char *text, unsigned flags, int apos);

aa_render_fn aa_render_text;
/* aa_render_text's page put into t (text.h), which the caller flushes,
 * with the pieces of earlier pages of the run (kept.h, or NULL): what the
 * report shares with them is copied, and what it has new is kept.
 * 'kept' must hold only pieces of reports of the same rule set rendered
 * with the same opts. */
struct aa_kept;
struct aa_tout;
void aa_render_text_page(const struct aa_report *rep,
                         const struct aa_render_opts *opts,
                         struct aa_kept *kept, struct aa_tout *t);
aa_render_fn aa_render_json;
aa_render_fn aa_render_ndjson;
aa_render_fn aa_render_md;
aa_reject_fn aa_reject_json;
aa_reject_fn aa_reject_md;
aa_render_fn aa_render_summary;
aa_reject_fn aa_reject_summary;

/* The JSON value of a run's tool (name, version, knowledge_as_of), as the
 * next value of o, or as a tree the caller owns. */
void aa_json_put_tool(struct aa_jsonout *o, const char *version,
                      const char *as_of);
struct cJSON *aa_json_tool(const char *version, const char *as_of);

/* A plan value as --explain and why-not show it: JSON-like text ("absent"
 * when the plan has none), safe for a terminal; and as a JSON value (null
 * when absent), which the caller owns. */
void aa_text_xread(FILE *fp, const struct aa_xread *r);
struct cJSON *aa_json_xread(const struct aa_xread *r);

#endif /* AA_RENDER_H */
