/*
 * render_sarif.c -- a run as SARIF 2.1.0: one run, the tool driver with
 * one rule entry per compiled rule, one result per finding with its
 * physical location (file, line, column), its JSON Pointer as a logical
 * location and its fingerprint, one result of the unreadable rule per
 * scenario that could not be read, and one invocation carrying the exit
 * status and a notification per message of a rejected scenario.
 *
 * What code scanning services require beyond the schema (GitHub, GitHub
 * Advanced Security for Azure DevOps; the SARIF Multitool checks both):
 * every rule has a name, a short and a full description and help, and
 * none of them prints a plan value, so the catalogue's texts (report.h)
 * are used as they are; the driver has a fullName and an informationUri;
 * the run has an automationDetails.id, which names the category of the
 * analysis: "attrib-advise/advise/" and "attrib-advise/scan/" by default,
 * so the runs of both commands can live side by side in one repository.
 * A relative path is a URI reference against %SRCROOT%, the root of the
 * run (--root, else the folder it started in), which path.c names files
 * relative to; a file outside it keeps an absolute path, a file:// URI.
 * The document is built as a cJSON tree and written in one piece at end,
 * but for its results, which come last: each is printed as it comes, in
 * its place in the layout, and the text kept, as a run of many files or
 * plans would otherwise hold a tree of nodes for every one of them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "hashset.h"
#include "jsonw.h"
#include "path.h"
#include "render.h"

struct sarif {
    cJSON *root, *notes;
    FILE *results; /* their text, into rbuf: ",\n        {...}" each */
    char *rbuf;
    size_t rlen, nresults;
    const struct aa_run_info *info;
    int min_severity;
    int absolute; /* a location is a file:// URI */
    /* How many findings of the run so far had each source, rule and
     * hash: the occurrence a fingerprint ends with (see fingerprint). */
    struct aa_arena arena;
    struct aa_hashset seen;
};

static const char *
level(enum aa_severity s)
{
    return s == AA_SEV_INFO      ? "note"
           : s == AA_SEV_WARNING ? "warning"
                                 : "error";
}

static cJSON *
text(const char *s)
{
    cJSON *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "text", s);
    return o;
}

static cJSON *
strings(const char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

static cJSON *
location(struct sarif *s, const char *file, unsigned line, unsigned col,
         const char *pointer)
{
    cJSON *loc = cJSON_CreateObject(), *phys = cJSON_CreateObject();
    cJSON *art = cJSON_CreateObject(), *region = cJSON_CreateObject();
    int absolute = file[0] == '/';
    char *u = aa_path_uri(file); /* relative, or a file:// URI */

    cJSON_AddStringToObject(art, "uri", u);
    if (!absolute)
        cJSON_AddStringToObject(art, "uriBaseId", "%SRCROOT%");
    s->absolute |= absolute;
    free(u);
    cJSON_AddItemToObject(phys, "artifactLocation", art);
    /* No line: the file as a whole (one that cannot be opened, a link to
     * nothing), or the command line of a plan given by --set alone.  Code
     * scanning places a result by its region's line and drops one without
     * it, so such a result is at line 1, with no column. */
    cJSON_AddNumberToObject(region, "startLine", line > 0 ? line : 1);
    if (line > 0 && col > 0)
        cJSON_AddNumberToObject(region, "startColumn", col);
    cJSON_AddItemToObject(phys, "region", region);
    cJSON_AddItemToObject(loc, "physicalLocation", phys);
    if (pointer != NULL) {
        cJSON *logs = cJSON_CreateArray(), *lg = cJSON_CreateObject();

        cJSON_AddStringToObject(lg, "fullyQualifiedName",
                                pointer[0] ? pointer : "/");
        cJSON_AddStringToObject(lg, "kind", "member");
        cJSON_AddItemToArray(logs, lg);
        cJSON_AddItemToObject(loc, "logicalLocations", logs);
    }
    return loc;
}

/* The rule's name as SARIF wants it, a Pascal-case identifier made of the
 * words of its id: "cua.guid-registered-late" -> "CuaGuidRegisteredLate". */
static char *
pascal(const char *id)
{
    char *out = aa_xmalloc(strlen(id) + 1), *p = out;
    int up = 1;

    for (; *id != '\0'; id++) {
        if (!isalnum((unsigned char)*id)) {
            up = 1;
            continue;
        }
        *p++ = up ? (char)toupper((unsigned char)*id) : *id;
        up = 0;
    }
    *p = '\0';
    return out;
}

/* The mechanisms a rule speaks for, as its tags: "CUA", or each of
 * several; "plan-wide" for a rule about the plan as a whole. */
static void
mech_tags(cJSON *tags, const struct aa_rule_entry *e)
{
    if (e->mech != NULL) {
        cJSON_AddItemToArray(tags, cJSON_CreateString(e->mech));
        return;
    }
    for (unsigned m = 0; m < AA_NMECH; m++)
        if (e->mechs & (1u << m))
            cJSON_AddItemToArray(tags,
                                 cJSON_CreateString(aa_report_mech_name(m)));
    if (e->mechs == 0)
        cJSON_AddItemToArray(tags, cJSON_CreateString("plan-wide"));
}

/* help.text: the description, what the rule decides, what to do, and the
 * facts it rests on with our summary of each. */
static char *
help_text(const struct aa_rule_entry *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL)
        aa_oom();
    fprintf(fp, "%s\n", e->description);
    if (e->verdict != NULL && e->weight > 0)
        fprintf(fp, "\nVerdict: %s %d.", e->verdict, e->weight);
    else if (e->verdict != NULL)
        fprintf(fp, "\nVerdict: %s.", e->verdict);
    if (e->level >= 0)
        fprintf(fp, "%sFinding: %s.", e->verdict != NULL ? " " : "\n",
                aa_severity_name((enum aa_severity)e->level));
    if (e->verdict != NULL || e->level >= 0)
        fputc('\n', fp);
    if (e->nactions > 0)
        fputs("\nWhat to do:\n", fp);
    for (size_t i = 0; i < e->nactions; i++) {
        fprintf(fp, "%zu. %s\n", i + 1, e->actions[i].text);
        if (e->actions[i].command != NULL)
            fprintf(fp, "   $ %s\n", e->actions[i].command);
    }
    if (e->nfacts == 0)
        fputs(e->detect != NULL && strcmp(e->detect, "knowledge_stale") == 0
                  ? "\nFacts: none; the rule reads the date of the fact "
                    "registry itself.\n"
                  : "\nFacts: none; the rule holds the plan file to the "
                    "scenario contract.\n",
              fp);
    else
        fputs("\nFacts:\n", fp);
    for (size_t i = 0; i < e->nfacts; i++)
        fprintf(fp, "- %s (%s): %s\n", e->facts[i].id, e->facts[i].status,
                e->facts[i].summary);
    if (fclose(fp) != 0)
        aa_oom();
    return buf;
}

static char *
help_markdown(const struct aa_rule_entry *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL)
        aa_oom();
    aa_render_md_rule(fp, e, 0);
    if (fclose(fp) != 0)
        aa_oom();
    return buf;
}

/*
 * One reportingDescriptor.  GitHub orders and filters alerts by level,
 * precision and problem.severity; security-severity is left out, because
 * GitHub reads it only for security queries, and a missed attribution is
 * not a vulnerability (docs/design.md).
 */
static cJSON *
descriptor(const struct aa_run_info *info, const struct aa_rule_entry *e)
{
    cJSON *r = cJSON_CreateObject(), *help = cJSON_CreateObject();
    cJSON *conf = cJSON_CreateObject(), *props = cJSON_CreateObject();
    cJSON *tags = cJSON_CreateArray();
    char *s;

    cJSON_AddStringToObject(r, "id", e->id);
    s = pascal(e->id);
    cJSON_AddStringToObject(r, "name", s);
    free(s);
    cJSON_AddItemToObject(r, "shortDescription", text(e->title));
    cJSON_AddItemToObject(r, "fullDescription", text(e->description));
    s = help_text(e);
    cJSON_AddStringToObject(help, "text", s);
    free(s);
    s = help_markdown(e);
    cJSON_AddStringToObject(help, "markdown", s);
    free(s);
    cJSON_AddItemToObject(r, "help", help);
    if (e->builtin) { /* a user's rule has no page of ours */
        s = aa_xasprintf("%s/blob/main/docs/rules/%s.md", info->homepage,
                         e->id);
        cJSON_AddStringToObject(r, "helpUri", s);
        free(s);
    }
    cJSON_AddStringToObject(conf, "level",
                            e->level >= 0 ? level((enum aa_severity)e->level)
                                          : "none");
    cJSON_AddItemToObject(r, "defaultConfiguration", conf);
    /* A rule of the plan file as written is about the contract, not
     * about attribution. */
    cJSON_AddItemToArray(
        tags, cJSON_CreateString(e->input ? "input" : "attribution"));
    mech_tags(tags, e);
    cJSON_AddItemToArray(tags, cJSON_CreateString(e->detect != NULL && !e->input
                                                      ? "deployment-code"
                                                      : "plan"));
    cJSON_AddItemToObject(props, "tags", tags);
    /* A rule on an unconfirmed fact may be wrong; the others hold as far
     * as the plan and the code are right. */
    cJSON_AddStringToObject(props, "precision", e->soft ? "medium" : "high");
    if (e->level >= 0)
        cJSON_AddStringToObject(props, "problem.severity",
                                e->level == AA_SEV_INFO      ? "recommendation"
                                : e->level == AA_SEV_WARNING ? "warning"
                                                             : "error");
    {
        cJSON *ids = cJSON_CreateArray();

        for (size_t k = 0; k < e->nfacts; k++)
            cJSON_AddItemToArray(ids, cJSON_CreateString(e->facts[k].id));
        cJSON_AddItemToObject(props, "facts", ids);
    }
    if (e->mech != NULL)
        cJSON_AddStringToObject(props, "mechanism", e->mech);
    /* A pack's rule under a built-in id: its texts are the pack's, and it
     * has no page of ours (no helpUri). */
    if (e->replaced)
        cJSON_AddTrueToObject(props, "replaced");
    cJSON_AddItemToObject(r, "properties", props);
    return r;
}

static cJSON *
driver(const struct aa_run_info *info)
{
    cJSON *d = cJSON_CreateObject(), *rules = cJSON_CreateArray();
    char *s = aa_xasprintf("attrib-advise %s", info->tool_version);

    cJSON_AddStringToObject(d, "name", "attrib-advise");
    cJSON_AddStringToObject(d, "fullName", s);
    free(s);
    cJSON_AddStringToObject(d, "version", info->tool_version);
    cJSON_AddStringToObject(d, "semanticVersion", info->tool_version);
    cJSON_AddStringToObject(d, "informationUri", info->homepage);
    for (size_t i = 0; i < info->nrules; i++)
        cJSON_AddItemToArray(rules, descriptor(info, &info->rules[i]));
    cJSON_AddItemToObject(d, "rules", rules);
    return d;
}

static void *
begin(const struct aa_run_info *info, const struct aa_render_opts *opts)
{
    struct sarif *s = aa_xcalloc(1, sizeof(*s));
    cJSON *run = cJSON_CreateObject(), *tool = cJSON_CreateObject();
    cJSON *runs = cJSON_CreateArray(), *auto_ = cJSON_CreateObject();
    cJSON *bases = cJSON_CreateObject(), *root = cJSON_CreateObject();

    s->info = info;
    s->min_severity = opts->min_severity;
    aa_arena_init(&s->arena);
    aa_hashset_init(&s->seen, &s->arena);
    s->root = cJSON_CreateObject();
    cJSON_AddStringToObject(s->root, "$schema",
                            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/"
                            "errata01/os/schemas/sarif-schema-2.1.0.json");
    cJSON_AddStringToObject(s->root, "version", "2.1.0");
    cJSON_AddItemToObject(tool, "driver", driver(info));
    cJSON_AddItemToObject(run, "tool", tool);
    cJSON_AddStringToObject(auto_, "id",
                            opts->category != NULL ? opts->category
                                                   : "attrib-advise/advise/");
    if (opts->run_properties != NULL) {
        cJSON *props = cJSON_CreateObject();

        for (const char *const *kv = opts->run_properties; kv[0] != NULL;
             kv += 2)
            cJSON_AddStringToObject(props, kv[0], kv[1]);
        cJSON_AddItemToObject(auto_, "properties", props);
    }
    cJSON_AddItemToObject(run, "automationDetails", auto_);
    /* Where the run started is not recorded: output does not depend on
     * the machine.  A consumer resolves %SRCROOT% to its checkout. */
    cJSON_AddItemToObject(root, "description",
                          text("The root of the run (--root, else the "
                               "folder attrib-advise ran in); relative paths "
                               "are relative to it."));
    cJSON_AddItemToObject(bases, "%SRCROOT%", root);
    cJSON_AddItemToObject(run, "originalUriBaseIds", bases);
    /* Our columns count code points (text.h); a consumer that assumes the
     * default of most readers, UTF-16 code units, would place a finding
     * after an emoji one column off.  SARIF asks for it where regions have
     * columns. */
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
    if ((s->results = open_memstream(&s->rbuf, &s->rlen)) == NULL)
        aa_oom();
    s->notes = cJSON_CreateArray();
    cJSON_AddItemToArray(runs, run);
    cJSON_AddItemToObject(s->root, "runs", runs);
    return s;
}

static int
rule_index(const struct aa_run_info *info, const char *id)
{
    for (size_t i = 0; i < info->nrules; i++)
        if (strcmp(info->rules[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* The fingerprint of finding i of rep (finding.c), made unique in the
 * run: code scanning takes results of one file, rule and fingerprint for
 * one alert, and lines of an --ndjson batch that share an id hash their
 * findings alike.  So the occurrence after the ':' counts the run's
 * findings of that source, rule and hash, not the report's; it is the
 * report's but where an earlier plan of the same source had the finding.
 * Every finding counts, shown or not, so that --min-severity changes no
 * fingerprint. */
static void
fingerprint(struct sarif *s, const struct aa_report *rep, size_t i,
            char fp[AA_FINGERPRINT_SIZE])
{
    const struct aa_finding *f = &rep->findings[i];
    char *key, *colon;
    size_t *count;

    (void)aa_finding_fingerprint(rep, i, fp); /* i is in range */
    if ((colon = strchr(fp, ':')) == NULL)
        return;
    /* The hash is of fixed length and a rule id holds no line break, so
     * the source, last, may hold anything. */
    key =
        aa_xasprintf("%.*s%s\n%s", (int)(colon - fp), fp, f->rule, rep->source);
    count = (size_t *)aa_hashset_find(&s->seen, key);
    if (count == NULL) {
        count = aa_arena_alloc(&s->arena, sizeof(*count));
        *count = 0;
        (void)aa_hashset_add(&s->seen, aa_arena_strdup(&s->arena, key), count);
    }
    snprintf(colon + 1, AA_FINGERPRINT_SIZE - (size_t)(colon + 1 - fp), "%zu",
             ++*count);
    free(key);
}

/* One result, finding i of rep with fingerprint fp.  Every property of a
 * result is set here, in the order it is written. */
static cJSON *
result(struct sarif *s, const struct aa_report *rep, size_t i, const char *fp)
{
    const struct aa_finding *f = &rep->findings[i];
    cJSON *r = cJSON_CreateObject(), *locs = cJSON_CreateArray(), *props;
    cJSON *fps = cJSON_CreateObject();
    int ix;

    cJSON_AddStringToObject(r, "ruleId", f->rule);
    if ((ix = rule_index(s->info, f->rule)) >= 0)
        cJSON_AddNumberToObject(r, "ruleIndex", ix);
    cJSON_AddStringToObject(r, "level", level(f->severity));
    if (f->baseline != AA_BASE_NONE)
        cJSON_AddStringToObject(r, "baselineState",
                                f->baseline == AA_BASE_NEW ? "new"
                                                           : "unchanged");
    cJSON_AddItemToObject(r, "message", text(f->message));
    cJSON_AddItemToArray(
        locs, location(s, f->at.file, f->at.line, f->at.col, f->pointer));
    cJSON_AddItemToObject(r, "locations", locs);
    /* What a baseline entry records, so that code scanning, like a
     * baseline, follows a finding across edits that move its line. */
    cJSON_AddStringToObject(fps, AA_SARIF_FINGERPRINT_KEY, fp);
    cJSON_AddItemToObject(r, "partialFingerprints", fps);
    props = cJSON_CreateObject();
    cJSON_AddItemToObject(props, "facts", strings(f->facts, f->nfacts));
    if (f->mech != NULL)
        cJSON_AddStringToObject(props, "mechanism", f->mech);
    if (f->replaced) /* as its rule's descriptor says */
        cJSON_AddTrueToObject(props, "replaced");
    cJSON_AddItemToObject(r, "properties", props);
    if (f->suppressed != NULL) {
        cJSON *sups = cJSON_CreateArray(), *sup = cJSON_CreateObject();

        cJSON_AddStringToObject(sup, "kind", f->suppress_kind);
        cJSON_AddStringToObject(sup, "justification", f->suppressed);
        cJSON_AddItemToArray(sups, sup);
        cJSON_AddItemToObject(r, "suppressions", sups);
    }
    return r;
}

/* A result, printed where the document puts it: an item of runs[0]'s
 * "results", four levels in (no string holds a raw line break). */
static void
add_result(struct sarif *s, cJSON *r)
{
    char *text = aa_jsonw_print(r);
    size_t len = strlen(text);

    while (len > 0 && text[len - 1] == '\n')
        len--;
    fputs(s->nresults++ > 0 ? ",\n        " : "\n        ", s->results);
    for (size_t i = 0; i < len; i++) {
        putc(text[i], s->results);
        if (text[i] == '\n')
            fputs("        ", s->results);
    }
    free(text);
    cJSON_Delete(r);
}

static void
add(void *st, const struct aa_report *rep)
{
    struct sarif *s = st;
    char fp[AA_FINGERPRINT_SIZE];

    for (size_t i = 0; i < rep->nfindings; i++) {
        fingerprint(s, rep, i, fp);
        if ((int)rep->findings[i].severity >= s->min_severity)
            add_result(s, result(s, rep, i, fp));
    }
}

/* Code scanning shows results, not notifications: a plan that cannot be
 * read is also one result of the unreadable rule, at its first error, so
 * it is an alert like the findings it hides. */
static void
reject_result(struct sarif *s, const char *source, const struct aa_message *m,
              size_t n)
{
    cJSON *r = cJSON_CreateObject(), *locs = cJSON_CreateArray();
    int ix;
    const char *id = aa_render_unreadable(s->info, &ix);
    char *msg = n > 1 ? aa_xasprintf("%s (and %zu more problem%s; see the "
                                     "tool notifications)",
                                     m[0].text, n - 1, n == 2 ? "" : "s")
                      : aa_xstrdup(n > 0 ? m[0].text : "cannot be read");

    cJSON_AddStringToObject(r, "ruleId", id);
    if (ix >= 0)
        cJSON_AddNumberToObject(r, "ruleIndex", ix);
    cJSON_AddStringToObject(r, "level", "error");
    cJSON_AddItemToObject(r, "message", text(msg));
    free(msg);
    cJSON_AddItemToArray(locs, n > 0
                                   ? location(s, m[0].file ? m[0].file : source,
                                              m[0].line, m[0].col, NULL)
                                   : location(s, source, 0, 0, NULL));
    cJSON_AddItemToObject(r, "locations", locs);
    add_result(s, r);
}

static void
reject(void *st, const char *source, const struct aa_message *m, size_t n)
{
    struct sarif *s = st;

    reject_result(s, source, m, n);
    for (size_t i = 0; i < n; i++) {
        cJSON *note = cJSON_CreateObject(), *locs = cJSON_CreateArray();

        cJSON_AddStringToObject(note, "level",
                                m[i].severity == AA_SEV_WARNING ? "warning"
                                : m[i].severity == AA_SEV_INFO  ? "note"
                                                                : "error");
        cJSON_AddItemToObject(note, "message", text(m[i].text));
        cJSON_AddItemToArray(locs, location(s, m[i].file ? m[i].file : source,
                                            m[i].line, m[i].col, NULL));
        cJSON_AddItemToObject(note, "locations", locs);
        cJSON_AddItemToArray(s->notes, note);
    }
}

/* The root of the run, the folder it works in, beside the file:// URIs
 * of files outside it: code scanning takes it as the checkout.  Only then:
 * otherwise the output does not depend on the machine. */
static void
working_directory(cJSON *inv)
{
    char *cwd = getcwd(NULL, 0), *u, *s;
    cJSON *loc;

    if (cwd == NULL || cwd[0] != '/') {
        free(cwd);
        return;
    }
    u = aa_path_uri(cwd);
    s = aa_xasprintf("%s%s", u, u[strlen(u) - 1] == '/' ? "" : "/");
    loc = cJSON_CreateObject();
    cJSON_AddStringToObject(loc, "uri", s);
    cJSON_AddItemToObject(inv, "workingDirectory", loc);
    free(s);
    free(u);
    free(cwd);
}

/* How the document ends: the run's results, then the run, runs and the
 * document closed. */
#define RUN_END "\n    }\n  ]\n}\n"
#define TAIL "[]" RUN_END

static int
end(void *st, int exit_status, FILE *fp)
{
    struct sarif *s = st;
    size_t len;
    cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(s->root, "runs"), 0);
    cJSON *invs = cJSON_CreateArray(), *inv = cJSON_CreateObject();
    char *out;
    int rc;

    cJSON_AddBoolToObject(inv, "executionSuccessful", exit_status < 2);
    cJSON_AddNumberToObject(inv, "exitCode", exit_status);
    if (s->absolute)
        working_directory(inv);
    if (cJSON_GetArraySize(s->notes) > 0)
        cJSON_AddItemToObject(inv, "toolExecutionNotifications", s->notes);
    else
        cJSON_Delete(s->notes);
    cJSON_AddItemToArray(invs, inv);
    cJSON_AddItemToObject(run, "invocations", invs);
    /* The results, last of the run and of the document, go where the
     * tree has none. */
    cJSON_AddItemToObject(run, "results", cJSON_CreateArray());
    out = aa_jsonw_print(s->root);
    len = strlen(out);
    /* Closed, the stream leaves the results' text in rbuf. */
    rc = fclose(s->results) != 0 || len < strlen(TAIL) ||
                 strcmp(out + len - strlen(TAIL), TAIL) != 0
             ? -1
             : 0;
    len -= rc == 0 ? strlen(TAIL) : 0;
    if (rc == 0 &&
        (fwrite(out, 1, len, fp) != len ||
         fputs(s->nresults > 0 ? "[" : "[]", fp) == EOF ||
         fwrite(s->rbuf, 1, s->rlen, fp) != s->rlen ||
         fputs(s->nresults > 0 ? "\n      ]" RUN_END : RUN_END, fp) == EOF))
        rc = -1;
    free(out);
    free(s->rbuf);
    cJSON_Delete(s->root);
    aa_arena_fini(&s->arena);
    free(s);
    return rc;
}

const struct aa_run_fmt aa_render_sarif = {begin, add, reject, end};
