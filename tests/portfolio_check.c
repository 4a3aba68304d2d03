/*
 * portfolio_check.c -- recompute a portfolio summary from the per-plan
 * advice and compare every count.
 *
 *   portfolio_check SUMMARY.json ADVICE.ndjson BATCH.ndjson POINTER FAIL_ON
 *                   EXIT
 *
 * SUMMARY.json is 'attrib-advise portfolio --ndjson --format json
 * --group-by POINTER --fail-on FAIL_ON BATCH.ndjson'; ADVICE.ndjson is
 * 'attrib-advise --ndjson --format json --fail-on FAIL_ON BATCH.ndjson',
 * the advice on each plan of the same batch, one object a line.  The
 * counts are made again here from the definitions of docs/portfolio.md,
 * with no code of the portfolio's: the verdicts, failing and needs_info
 * plans, the set-up states, the missing fields, the findings, the fix
 * list with its order, the groups (from the plans' own values, read in
 * BATCH.ndjson), the first five example plans of each, and EXIT, the
 * portfolio's exit status (3 with an unreadable plan, else 1 with a
 * failing one, else 0).  Exit 0 when
 * every count matches, 1 with each difference on standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#define NM 7
#define NV 6
#define NEX 5

static const char *const mechs[NM] = {"CSP",  "DPOR", "PAL",  "CUA",
                                      "CPOR", "MBS",  "PRACR"};
static const char *const verdicts[NV] = {"recommended",    "automatic",
                                         "possible",       "blocked",
                                         "not_applicable", "needs_info"};
static int failures;

/* Strings kept for the examples, freed at the end. */
static char **pool;
static size_t npool;

static char *
keep(const char *s)
{
    char *d = strdup(s);

    pool = realloc(pool, (npool + 1) * sizeof(*pool));
    if (d == NULL || pool == NULL)
        exit(4);
    pool[npool++] = d;
    return d;
}

/* One difference: what differs, and the two values. */
static void
differ(const char *what, double want, double got)
{
    if (failures++ < 50)
        fprintf(stderr, "portfolio_check: %s: expected %g, summary says %g\n",
                what, want, got);
}

static void
differ_in(const char *what, const char *detail, double want, double got)
{
    char buf[512];

    snprintf(buf, sizeof(buf), "%s: %s", what, detail);
    differ(buf, want, got);
}

static void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (p == NULL)
        exit(4);
    return p;
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    size_t cap = 1 << 16, n;
    char *buf = NULL;

    if (fp == NULL) {
        perror(path);
        exit(2);
    }
    buf = xcalloc(cap, 1);
    *len = 0;
    while ((n = fread(buf + *len, 1, cap - *len - 1, fp)) > 0) {
        *len += n;
        if (*len + 1 == cap) {
            buf = realloc(buf, cap *= 2);
            if (buf == NULL)
                exit(4);
        }
    }
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static int
index_of(const char *const *v, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (s != NULL && strcmp(v[i], s) == 0)
            return i;
    return -1;
}

static int
severity_rank(const char *s)
{
    return strcmp(s, "info") == 0 ? 0 : strcmp(s, "warning") == 0 ? 1 : 2;
}

/* ---- a plan as an example -------------------------------------------- */

struct ex {
    char *source;
    double line; /* 0: none */
    char *id;    /* NULL: none */
};

struct exs {
    struct ex v[NEX];
    int n;
};

static void
add_ex(struct exs *e, const struct ex *p)
{
    if (e->n < NEX)
        e->v[e->n++] = *p;
}

static void
check_ex(const char *what, const struct exs *want, const cJSON *got)
{
    int n = cJSON_GetArraySize(got);

    if (n != want->n) {
        differ_in(what, "examples", want->n, n);
        return;
    }
    for (int i = 0; i < n; i++) {
        const cJSON *e = cJSON_GetArrayItem(got, i);
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(e, "source");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(e, "line");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
        int same = cJSON_IsString(src) &&
                   strcmp(src->valuestring, want->v[i].source) == 0 &&
                   (line ? line->valuedouble : 0) == want->v[i].line &&
                   (cJSON_IsString(id)
                        ? want->v[i].id != NULL &&
                              strcmp(id->valuestring, want->v[i].id) == 0
                        : want->v[i].id == NULL);

        if (!same)
            differ_in(what, "an example plan", i, -1);
    }
}

/* ---- keyed counters ---------------------------------------------------- */

struct entry {
    char *key;
    double plans, count, blocked, possible, failing, needs_info;
    int severity; /* findings: the worst */
    unsigned mechs;
    double per_mech[NM];
    double verdicts[NM][NV];
    long last, last_blocked, last_possible;
    struct exs ex;
};

struct table {
    struct entry *v;
    int n, cap;
};

static struct entry *
entry(struct table *t, const char *key)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->v[i].key, key) == 0)
            return &t->v[i];
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = realloc(t->v, (size_t)t->cap * sizeof(*t->v));
        if (t->v == NULL)
            exit(4);
    }
    memset(&t->v[t->n], 0, sizeof(*t->v));
    t->v[t->n].key = keep(key);
    return &t->v[t->n++];
}

static const cJSON *
find_in(const cJSON *array, const char *member, const char *key)
{
    const cJSON *e;

    cJSON_ArrayForEach(e, array)
    {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, member);

        if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0)
            return e;
    }
    return NULL;
}

static double
num(const cJSON *o, const char *member)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, member);

    return cJSON_IsNumber(n) ? n->valuedouble : -1;
}

static void
same(const char *what, const char *key, double want, double got)
{
    char buf[512];

    if (want != got) {
        snprintf(buf, sizeof(buf), "%s %s", what, key);
        differ(buf, want, got);
    }
}

/* ---- the set-up table of docs/portfolio.md ---------------------------- */

struct setup {
    int mech;
    const char *state;
    const char *rules[5];
    const char *pointer;
};

static const struct setup setups[] = {
    {1,
     "not_set",
     {"dpor.set-in-azure-portal", "dpor.set-in-admin-centre"},
     NULL},
    {1, "consent_unknown", {NULL}, "/customer/dpor/will_assign"},
    {2,
     "not_linked",
     {"pal.link-in-customer-tenant", "pal.link-service-principal",
      "pal.link-managed-identity", "pal.link-lighthouse"},
     NULL},
    {2, "linked_elsewhere", {"pal.linked-other-id"}, NULL},
    {2, "link_unknown", {NULL}, "/engagement/access/pal_linked"},
    {3, "no_guid", {"cua.create-guid"}, NULL},
};
#define NSETUPS ((int)(sizeof(setups) / sizeof(*setups)))

static int
has_action(const cJSON *m, const char *rule)
{
    return find_in(cJSON_GetObjectItemCaseSensitive(m, "actions"), "rule",
                   rule) != NULL;
}

static int
has_missing(const cJSON *m, const char *pointer)
{
    const cJSON *p;

    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(
                              m, "missing")) if (strcmp(p->valuestring,
                                                        pointer) == 0) return 1;
    return 0;
}

/* ---- a plan's group values, read from the plan itself ----------------- */

static int
group_values(const char *line, const char *pointer, char **out, int max)
{
    cJSON *plan = cJSON_Parse(line);
    const cJSON *v = plan;
    char seg[128];
    const char *s = pointer + 1;
    int n = 0;

    while (v != NULL && *s != '\0') {
        size_t len = strcspn(s, "/");

        memcpy(seg, s, len);
        seg[len] = '\0';
        v = cJSON_GetObjectItemCaseSensitive(v, seg);
        s += len + (s[len] == '/');
    }
    if (v == NULL) {
        out[n++] = strdup("(not given)");
    } else if (cJSON_IsBool(v)) {
        out[n++] = strdup(cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsString(v)) {
        out[n++] = strdup(v->valuestring);
    } else if (cJSON_IsArray(v)) {
        const cJSON *it;

        cJSON_ArrayForEach(it, v)
        {
            int dup = 0;

            for (int k = 0; k < n; k++)
                dup |= strcmp(out[k], it->valuestring) == 0;
            if (!dup && n < max)
                out[n++] = strdup(it->valuestring);
        }
        if (n == 0)
            out[n++] = strdup("(none)");
    }
    cJSON_Delete(plan);
    return n;
}

/* ---- ranked orders ------------------------------------------------------ */

static void
check_order(const char *what, const cJSON *array)
{
    const cJSON *prev = NULL, *e;

    cJSON_ArrayForEach(e, array)
    {
        if (prev != NULL) {
            double pp = num(prev, "plans"), ep = num(e, "plans");
            const char *pk = cJSON_GetObjectItemCaseSensitive(prev, "rule")
                                 ? "rule"
                                 : "pointer";
            int key =
                strcmp(cJSON_GetObjectItemCaseSensitive(prev, pk)->valuestring,
                       cJSON_GetObjectItemCaseSensitive(e, pk)->valuestring);
            int tie = 0, bad;

            if (strcmp(what, "findings") == 0)
                tie = severity_rank(
                          cJSON_GetObjectItemCaseSensitive(e, "severity")
                              ->valuestring) -
                      severity_rank(
                          cJSON_GetObjectItemCaseSensitive(prev, "severity")
                              ->valuestring);
            else if (strcmp(what, "fixes") == 0)
                tie = num(e, "blocked") > num(prev, "blocked")   ? 1
                      : num(e, "blocked") < num(prev, "blocked") ? -1
                                                                 : 0;
            bad = pp < ep || (pp == ep && (tie > 0 || (tie == 0 && key >= 0)));
            if (bad)
                differ_in(what, "out of order", pp, ep);
        }
        prev = e;
    }
}

int
main(int argc, char **argv)
{
    size_t len, blen;
    char *text, *batch, **lines = NULL, *p;
    cJSON *sum;
    long nlines = 0, plans = 0, serial = 0;
    double advised = 0, unreadable = 0, failing = 0, needs_info = 0;
    double vc[NM][NV] = {{0}};
    int fail_on;
    const char *pointer;
    struct table fields = {0}, findings = {0}, fixes = {0}, groups = {0};
    struct entry gaps[NSETUPS];
    struct exs unread_ex = {0};

    if (argc != 7) {
        fputs("usage: portfolio_check SUMMARY ADVICE BATCH POINTER FAIL_ON "
              "EXIT\n",
              stderr);
        return 2;
    }
    memset(gaps, 0, sizeof(gaps));
    pointer = argv[4];
    fail_on = strcmp(argv[5], "never") == 0 ? 3 : severity_rank(argv[5]);
    batch = slurp(argv[3], &blen);
    for (p = batch; p != NULL && *p != '\0';) {
        char *nl = strchr(p, '\n');

        lines = realloc(lines, (size_t)(nlines + 1) * sizeof(*lines));
        if (lines == NULL)
            return 4;
        lines[nlines++] = p;
        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    text = slurp(argv[2], &len);
    for (char *line = strtok(text, "\n"); line != NULL;
         line = strtok(NULL, "\n")) {
        cJSON *o = cJSON_Parse(line), *m;
        const cJSON *scen = cJSON_GetObjectItemCaseSensitive(o, "scenario");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(scen, "id");
        struct ex plan = {
            cJSON_GetObjectItemCaseSensitive(scen, "source")->valuestring,
            num(scen, "line"), cJSON_IsString(id) ? id->valuestring : NULL};
        int worst = -1, ni = 0, pfail;
        char *gv[64];
        int ngv;

        if (o == NULL) {
            fputs("portfolio_check: advice line is not JSON\n", stderr);
            return 1;
        }
        plan.source = keep(plan.source);
        plan.id = plan.id ? keep(plan.id) : NULL;
        plans++;
        serial++;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "rejected"))) {
            unreadable++;
            plan.id = NULL;
            add_ex(&unread_ex, &plan);
            cJSON_Delete(o);
            continue;
        }
        advised++;
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(o, "findings"))
        {
            const char *rule =
                cJSON_GetObjectItemCaseSensitive(m, "rule")->valuestring;
            int sev = severity_rank(
                cJSON_GetObjectItemCaseSensitive(m, "severity")->valuestring);
            struct entry *e;

            if (cJSON_GetObjectItemCaseSensitive(m, "suppressed") != NULL)
                continue;
            if (sev > worst)
                worst = sev;
            e = entry(&findings, rule);
            if (e->count == 0 || sev > e->severity)
                e->severity = sev;
            e->count++;
            if (e->last != serial) {
                e->last = serial;
                e->plans++;
                add_ex(&e->ex, &plan);
            }
        }
        pfail = worst >= 0 && worst >= fail_on;
        failing += pfail;
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(o, "mechanisms"))
        {
            int mi = index_of(
                mechs, NM,
                cJSON_GetObjectItemCaseSensitive(m, "id")->valuestring);
            int v = index_of(
                verdicts, NV,
                cJSON_GetObjectItemCaseSensitive(m, "verdict")->valuestring);
            const cJSON *a;

            if (mi < 0 || v < 0) {
                fputs("portfolio_check: unknown mechanism or verdict\n",
                      stderr);
                return 1;
            }
            vc[mi][v]++;
            if (v == 5) {
                ni = 1;
                cJSON_ArrayForEach(
                    a, cJSON_GetObjectItemCaseSensitive(m, "missing_fields"))
                {
                    struct entry *e = entry(
                        &fields, cJSON_GetObjectItemCaseSensitive(a, "pointer")
                                     ->valuestring);

                    e->per_mech[mi]++;
                    if (e->last != serial) {
                        e->last = serial;
                        e->plans++;
                        add_ex(&e->ex, &plan);
                    }
                }
            }
            if (v == 2 || v == 3) {
                cJSON_ArrayForEach(
                    a, cJSON_GetObjectItemCaseSensitive(m, "actions"))
                {
                    struct entry *e = entry(
                        &fixes, cJSON_GetObjectItemCaseSensitive(a, "rule")
                                    ->valuestring);

                    e->mechs |= 1u << mi;
                    if (e->last != serial) {
                        e->last = serial;
                        e->plans++;
                        add_ex(&e->ex, &plan);
                    }
                    if (v == 3 && e->last_blocked != serial) {
                        e->last_blocked = serial;
                        e->blocked++;
                    }
                    if (v == 2 && e->last_possible != serial) {
                        e->last_possible = serial;
                        e->possible++;
                    }
                }
            }
            if (v == 0 || v == 2) {
                for (int r = 0; r < NSETUPS; r++) {
                    int hit = 0;

                    if (setups[r].mech != mi)
                        continue;
                    for (int k = 0; k < 5 && setups[r].rules[k]; k++)
                        hit |= has_action(m, setups[r].rules[k]);
                    if (setups[r].pointer != NULL)
                        hit |= has_missing(m, setups[r].pointer);
                    if (hit) {
                        gaps[r].plans++;
                        gaps[r].verdicts[0][v]++;
                        add_ex(&gaps[r].ex, &plan);
                        break;
                    }
                }
            }
        }
        needs_info += ni;
        ngv = group_values(lines[(long)plan.line - 1], pointer, gv, 64);
        for (int g = 0; g < ngv; g++) {
            struct entry *e = entry(&groups, gv[g]);

            e->plans++;
            e->failing += pfail;
            e->needs_info += ni;
            cJSON_ArrayForEach(
                m, cJSON_GetObjectItemCaseSensitive(o, "mechanisms"))
                e->verdicts[index_of(
                    mechs, NM,
                    cJSON_GetObjectItemCaseSensitive(m, "id")->valuestring)]
                           [index_of(
                               verdicts, NV,
                               cJSON_GetObjectItemCaseSensitive(m, "verdict")
                                   ->valuestring)]++;
            free(gv[g]);
        }
        cJSON_Delete(o);
    }

    free(text);
    text = slurp(argv[1], &len);
    if ((sum = cJSON_Parse(text)) == NULL) {
        fputs("portfolio_check: the summary is not JSON\n", stderr);
        return 1;
    }
    {
        const cJSON *pl = cJSON_GetObjectItemCaseSensitive(sum, "plans");
        const cJSON *e;

        same("plans", "read", (double)plans, num(pl, "read"));
        same("plans", "advised", advised, num(pl, "advised"));
        same("plans", "unreadable", unreadable, num(pl, "unreadable"));
        same("plans", "failing", failing, num(pl, "failing"));
        same("plans", "needs_info", needs_info, num(pl, "needs_info"));
        check_ex("unreadable", &unread_ex,
                 cJSON_GetObjectItemCaseSensitive(
                     cJSON_GetObjectItemCaseSensitive(sum, "unreadable"),
                     "examples"));
        for (int mi = 0; mi < NM; mi++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(
                find_in(cJSON_GetObjectItemCaseSensitive(sum, "mechanisms"),
                        "id", mechs[mi]),
                "verdicts");

            for (int k = 0; k < NV; k++)
                same(mechs[mi], verdicts[k], vc[mi][k], num(v, verdicts[k]));
        }
        for (int r = 0; r < NSETUPS; r++) {
            const cJSON *g =
                find_in(cJSON_GetObjectItemCaseSensitive(sum, "not_in_place"),
                        "state", setups[r].state);

            same("not_in_place", setups[r].state, gaps[r].plans,
                 num(g, "plans"));
            same("not_in_place recommended", setups[r].state,
                 gaps[r].verdicts[0][0], num(g, "recommended"));
            same("not_in_place possible", setups[r].state,
                 gaps[r].verdicts[0][2], num(g, "possible"));
            check_ex(setups[r].state, &gaps[r].ex,
                     cJSON_GetObjectItemCaseSensitive(g, "examples"));
        }
        e = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(sum, "needs_info"), "fields");
        same("needs_info", "fields", fields.n, cJSON_GetArraySize(e));
        check_order("fields", e);
        for (int i = 0; i < fields.n; i++) {
            const cJSON *g = find_in(e, "pointer", fields.v[i].key);
            const cJSON *per =
                cJSON_GetObjectItemCaseSensitive(g, "mechanisms");

            same("field", fields.v[i].key, fields.v[i].plans, num(g, "plans"));
            for (int mi = 0; mi < NM; mi++)
                same(mechs[mi], fields.v[i].key, fields.v[i].per_mech[mi],
                     fields.v[i].per_mech[mi] > 0 ? num(per, mechs[mi])
                     : cJSON_GetObjectItemCaseSensitive(per, mechs[mi]) ? -1
                                                                        : 0);
            check_ex(fields.v[i].key, &fields.v[i].ex,
                     cJSON_GetObjectItemCaseSensitive(g, "examples"));
        }
        e = cJSON_GetObjectItemCaseSensitive(sum, "findings");
        same("findings", "rules", findings.n, cJSON_GetArraySize(e));
        check_order("findings", e);
        for (int i = 0; i < findings.n; i++) {
            const cJSON *g = find_in(e, "rule", findings.v[i].key);
            const cJSON *sev = cJSON_GetObjectItemCaseSensitive(g, "severity");

            same("finding", findings.v[i].key, findings.v[i].plans,
                 num(g, "plans"));
            same("finding count", findings.v[i].key, findings.v[i].count,
                 num(g, "count"));
            same("finding severity", findings.v[i].key, findings.v[i].severity,
                 cJSON_IsString(sev) ? severity_rank(sev->valuestring) : -1);
            check_ex(findings.v[i].key, &findings.v[i].ex,
                     cJSON_GetObjectItemCaseSensitive(g, "examples"));
        }
        e = cJSON_GetObjectItemCaseSensitive(sum, "fixes");
        same("fixes", "rules", fixes.n, cJSON_GetArraySize(e));
        check_order("fixes", e);
        for (int i = 0; i < fixes.n; i++) {
            const cJSON *g = find_in(e, "rule", fixes.v[i].key);
            const cJSON *ms = cJSON_GetObjectItemCaseSensitive(g, "mechanisms");
            unsigned got = 0;
            const cJSON *it;

            cJSON_ArrayForEach(it, ms) got |=
                1u << index_of(mechs, NM, it->valuestring);
            same("fix", fixes.v[i].key, fixes.v[i].plans, num(g, "plans"));
            same("fix blocked", fixes.v[i].key, fixes.v[i].blocked,
                 num(g, "blocked"));
            same("fix possible", fixes.v[i].key, fixes.v[i].possible,
                 num(g, "possible"));
            same("fix mechanisms", fixes.v[i].key, fixes.v[i].mechs, got);
            check_ex(fixes.v[i].key, &fixes.v[i].ex,
                     cJSON_GetObjectItemCaseSensitive(g, "examples"));
        }
        e = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(sum, "groups"), "values");
        same("groups", "values", groups.n, cJSON_GetArraySize(e));
        for (int i = 0; i < groups.n; i++) {
            const cJSON *g = find_in(e, "value", groups.v[i].key);

            same("group", groups.v[i].key, groups.v[i].plans, num(g, "plans"));
            same("group failing", groups.v[i].key, groups.v[i].failing,
                 num(g, "failing"));
            same("group needs_info", groups.v[i].key, groups.v[i].needs_info,
                 num(g, "needs_info"));
            for (int mi = 0; mi < NM; mi++) {
                const cJSON *v = cJSON_GetObjectItemCaseSensitive(
                    find_in(cJSON_GetObjectItemCaseSensitive(g, "mechanisms"),
                            "id", mechs[mi]),
                    "verdicts");

                for (int k = 0; k < NV; k++)
                    same(groups.v[i].key, verdicts[k],
                         groups.v[i].verdicts[mi][k], num(v, verdicts[k]));
            }
        }
    }
    same("exit", "status",
         unreadable > 0               ? 3
         : failing > 0 && fail_on < 3 ? 1
                                      : 0,
         atoi(argv[6]));
    if (failures == 0)
        printf("portfolio_check: %ld plans, %d rules found, %d fixes, %d "
               "fields, %d groups: every count matches\n",
               plans, findings.n, fixes.n, fields.n, groups.n);
    cJSON_Delete(sum);
    free(text);
    free(batch);
    free(lines);
    free(fields.v);
    free(findings.v);
    free(fixes.v);
    free(groups.v);
    for (size_t i = 0; i < npool; i++)
        free(pool[i]);
    free(pool);
    return failures ? 1 : 0;
}
