/*
 * portfolio_compare.c -- a saved portfolio summary (--format json), read
 * back for 'portfolio --compare OLD.json': its counts, keyed as the
 * summary keys them, so that render_portfolio.c can say what changed.
 *
 * The file is untrusted input: read within the scenario-size limit, and
 * every member the comparison uses is checked for its type before it is
 * read; a file that is not a portfolio summary of version 1 is an error
 * naming the member, placed by the offsets jsonpos.h notes beside the
 * tree.  What is kept is copied into the portfolio's
 * arena, so memory follows the file, which the limit bounds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonpos.h"
#include "limits.h"
#include "portfolio.h"

struct reader {
    const char *path, *text;
    size_t top; /* where the summary's value starts */
    struct aa_diags *dl;
    int errors;
};

/* The first error only: the rest follow from it, mostly.  Placed at the
 * value that is wrong, or, for a number or a member that is missing, at
 * the object that should hold it (cJSON keeps no place for numbers). */
static void
bad(struct reader *r, const cJSON *value, const cJSON *in, const char *pointer,
    const char *what)
{
    size_t off = aa_json_offset(value);

    if (off == (size_t)-1)
        off = aa_json_offset(in);
    if (off == (size_t)-1)
        off = r->top; /* a number at the top */
    if (r->errors++ == 0)
        aa_diag_add(r->dl, AA_E_SCHEMA, aa_loc_of_offset(r->path, r->text, off),
                    NULL,
                    "%s: %s; --compare reads a summary of 'attrib-advise "
                    "portfolio --format json'",
                    pointer[0] != '\0' ? pointer : "/",
                    value == NULL && in != NULL ? "missing" : what);
}

/* A count: a whole number from 0. */
static size_t
count(struct reader *r, const cJSON *o, const char *member, const char *where)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, member);
    char pointer[256];

    if (cJSON_IsNumber(n) && n->valuedouble >= 0 && n->valuedouble <= 1e15 &&
        n->valuedouble == (double)(long long)n->valuedouble)
        return (size_t)n->valuedouble;
    snprintf(pointer, sizeof(pointer), "%s/%s", where, member);
    bad(r, n, o, pointer, "expected a count");
    return 0;
}

static const char *
text(struct reader *r, const cJSON *o, const char *member, const char *where)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, member);
    char pointer[256];

    if (cJSON_IsString(s))
        return s->valuestring;
    snprintf(pointer, sizeof(pointer), "%s/%s", where, member);
    bad(r, s, o, pointer, "expected a string");
    return "";
}

static const cJSON *
array(struct reader *r, const cJSON *o, const char *member, const char *where)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, member);
    char pointer[256];

    if (cJSON_IsArray(a))
        return a;
    snprintf(pointer, sizeof(pointer), "%s/%s", where, member);
    bad(r, a, o, pointer, "expected an array");
    return NULL;
}

/* Each element's 'key' and 'plans' into *v. */
static size_t
read_list(struct reader *r, struct aa_portfolio *pf, const cJSON *a,
          const char *where, const char *key, struct pf_kv **v)
{
    size_t n = 0, i = 0;
    const cJSON *e;

    *v = aa_arena_alloc(&pf->arena,
                        (size_t)cJSON_GetArraySize(a) * sizeof(**v) + 1);
    cJSON_ArrayForEach(e, a)
    {
        char at[128];

        snprintf(at, sizeof(at), "%s/%zu", where, i++);
        if (!cJSON_IsObject(e)) {
            bad(r, e, a, at, "expected an object");
            return n;
        }
        (*v)[n].key = aa_arena_strdup(&pf->arena, text(r, e, key, at));
        (*v)[n].plans = count(r, e, "plans", at);
        n++;
    }
    return n;
}

/* A threshold the summary was saved with that is not the run's: its
 * failing plans or findings counted other things, so their changes would
 * read as changes of the plans. */
static void
same_threshold(struct reader *r, const cJSON *root, const char *member,
               const char *now, const char *what)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, member);
    size_t off = aa_json_offset(s);
    int fail_on = member[0] == 'f';

    if (!cJSON_IsString(s) || strcmp(s->valuestring, now) == 0)
        return;
    /* A level this build does not know is no setting to give back. */
    if (aa_level_find(s->valuestring, fail_on) < 0) {
        bad(r, s, root, fail_on ? "/fail_on" : "/min_severity",
            "expected a level this build knows");
        return;
    }
    aa_diag_add(
        r->dl, AA_W_COMPARE,
        aa_loc_of_offset(r->path, r->text, off == (size_t)-1 ? r->top : off),
        NULL,
        "saved with --%s %s, compared under %s: the changes of %s "
        "count other things (give --%s %s)",
        member[0] == 'f' ? "fail-on" : "min-severity", s->valuestring, now,
        what, member[0] == 'f' ? "fail-on" : "min-severity", s->valuestring);
}

static void
read_summary(struct reader *r, struct aa_portfolio *pf, const cJSON *root,
             struct pf_old *old)
{
    const cJSON *plans = cJSON_GetObjectItemCaseSensitive(root, "plans");
    const cJSON *mechs, *gaps, *ni, *a, *e;
    size_t i = 0;

    if (!cJSON_IsObject(root)) {
        bad(r, root, NULL, "", "expected an object");
        return;
    }
    if (count(r, root, "version", "") != 1 && r->errors == 0)
        bad(r, cJSON_GetObjectItemCaseSensitive(root, "version"), root,
            "/version", "expected 1");
    if (!cJSON_IsObject(plans)) {
        bad(r, plans, root, "/plans", "expected an object");
        return;
    }
    same_threshold(r, root, "fail_on",
                   pf->fail_on > AA_SEV_ERROR
                       ? "never"
                       : aa_severity_name((enum aa_severity)pf->fail_on),
                   "failing plans");
    same_threshold(r, root, "min_severity",
                   aa_severity_name((enum aa_severity)pf->min_severity),
                   "findings");
    old->read = count(r, plans, "read", "/plans");
    old->advised = count(r, plans, "advised", "/plans");
    old->unreadable = count(r, plans, "unreadable", "/plans");
    old->failing = count(r, plans, "failing", "/plans");
    old->needs_info = count(r, plans, "needs_info", "/plans");
    if ((mechs = array(r, root, "mechanisms", "")) == NULL)
        return;
    cJSON_ArrayForEach(e, mechs)
    {
        char at[64];
        const char *id;
        const cJSON *v;
        unsigned m = 0;

        snprintf(at, sizeof(at), "/mechanisms/%zu", i++);
        if (!cJSON_IsObject(e)) {
            bad(r, e, mechs, at, "expected an object");
            return;
        }
        id = text(r, e, "id", at);
        while (m < AA_NMECH && strcmp(aa_report_mech_name(m), id) != 0)
            m++;
        v = cJSON_GetObjectItemCaseSensitive(e, "verdicts");
        if (m == AA_NMECH || !cJSON_IsObject(v)) {
            bad(r, e, NULL, at, "expected a mechanism with its verdicts");
            return;
        }
        strcat(at, "/verdicts");
        for (int k = 0; k < PF_NVERDICTS; k++)
            old->verdicts[m][k] =
                count(r, v, aa_verdict_name((enum aa_verdict)k), at);
    }
    if ((gaps = array(r, root, "not_in_place", "")) != NULL)
        old->ngaps =
            read_list(r, pf, gaps, "/not_in_place", "state", &old->gaps);
    ni = cJSON_GetObjectItemCaseSensitive(root, "needs_info");
    if (!cJSON_IsObject(ni))
        bad(r, ni, root, "/needs_info", "expected an object");
    else if ((a = array(r, ni, "fields", "/needs_info")) != NULL)
        old->nfields =
            read_list(r, pf, a, "/needs_info/fields", "pointer", &old->fields);
    if ((a = array(r, root, "findings", "")) != NULL)
        old->nfindings =
            read_list(r, pf, a, "/findings", "rule", &old->findings);
    if ((a = array(r, root, "fixes", "")) != NULL)
        old->nfixes = read_list(r, pf, a, "/fixes", "rule", &old->fixes);
}

int
aa_portfolio_compare(struct aa_portfolio *pf, const char *path,
                     struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    struct reader r = {path, NULL, 0, dl, 0};
    size_t limit = aa_limit(AA_LIMIT_SCENARIO_SIZE), len = 0;
    const char *end = NULL;
    struct pf_old *old;
    char *data;
    cJSON *root;
    FILE *fp;

    if ((fp = fopen(path, "rb")) == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s", strerror(errno));
        return -1;
    }
    data = aa_read_all(fp, limit, &len);
    if (ferror(fp)) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read: %s", strerror(errno));
        fclose(fp);
        free(data);
        return -1;
    }
    fclose(fp);
    if (len > limit) {
        aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                    "larger than %zu bytes (--limit scenario-size=N)", limit);
        free(data);
        return -1;
    }
    /* NUL-terminated, so that trailing text after the value is seen. */
    data = aa_xrealloc(data, len + 1, 1);
    data[len] = '\0';
    root = cJSON_ParseWithOpts(data, &end, 1);
    if (root == NULL) {
        size_t off = end != NULL && end >= data ? (size_t)(end - data) : 0;
        const char *lead = "invalid JSON: ";
        char why[96];

        if (off > len)
            off = len;
        if (aa_json_skip_ws(data, 0) == len) {
            off = 0;
            lead = "";
            snprintf(why, sizeof(why), "empty file: expected a JSON object");
        } else if (aa_json_too_deep(data, off)) {
            snprintf(why, sizeof(why), "nested more than %d levels deep",
                     CJSON_NESTING_LIMIT);
        } else if (aa_json_unfinished(data, len, &off, why, sizeof(why)) == 0) {
            /* cJSON may stop past the offending token. */
            while (off > 0 && (off == len || aa_json_skip_ws(data, off) != off))
                off--;
            if (data[off] > ' ' && data[off] < 127)
                snprintf(why, sizeof(why), "unexpected '%c'", data[off]);
            else
                snprintf(why, sizeof(why), "unexpected byte 0x%02X",
                         (unsigned char)data[off]);
        }
        aa_diag_add(dl, AA_E_JSON_SYNTAX, aa_loc_of_offset(path, data, off),
                    NULL, "%s%s", lead, why);
        free(data);
        return -1;
    }
    /* cJSON steps over a byte order mark; so must the walk beside it. */
    r.top = aa_json_skip_ws(
        data, len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
    aa_json_note_offsets(root, data, r.top);
    r.text = data;
    old = aa_arena_alloc(&pf->arena, sizeof(*old));
    old->path = aa_arena_strdup(&pf->arena, path);
    read_summary(&r, pf, root, old);
    cJSON_Delete(root);
    free(data);
    if (r.errors > 0)
        return -1;
    pf->old = old;
    return 0;
}
