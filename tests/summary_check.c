/*
 * summary_check.c -- the summary format against the full advice.
 *
 *   summary_check SUMMARY ADVICE.ndjson
 *
 * SUMMARY is 'attrib-advise --ndjson --format summary BATCH.ndjson' and
 * ADVICE.ndjson 'attrib-advise --ndjson --format json BATCH.ndjson', the
 * full advice on each plan of the same batch.  The summary is made from
 * a brief evaluation (aa_eval_verdicts), which leaves out every word of
 * the advice; this holds it to the full one, line by line: the same plan
 * line, each mechanism's verdict, and the active findings (those not
 * suppressed) counted by severity; a rejected plan is rejected in both.
 * Exit 0 when every line matches, 1 with each difference on standard
 * error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#define NM 7

static const char *const mechs[NM] = {"CSP",  "DPOR", "PAL",  "CUA",
                                      "CPOR", "MBS",  "PRACR"};
static int failures;

static void
differ(unsigned line, const char *what, const char *want, const char *got)
{
    if (failures++ < 50)
        fprintf(stderr,
                "summary_check: plan %u: %s: the advice says %s, the "
                "summary %s\n",
                line, what, want, got);
}

/* The value of key k in a logfmt line (bare values only, as verdicts and
 * counts are), into out; "" when absent. */
static void
field(const char *s, const char *k, char *out, size_t cap)
{
    size_t kl = strlen(k), n = 0;
    const char *p;

    out[0] = '\0';
    for (p = s; (p = strstr(p, k)) != NULL; p += kl)
        if ((p == s || p[-1] == ' ') && p[kl] == '=')
            break;
    if (p == NULL)
        return;
    for (p += kl + 1; *p != '\0' && *p != ' ' && *p != '\n' && n + 1 < cap;)
        out[n++] = *p++;
    out[n] = '\0';
}

static void
check(const char *sum, const char *adv, unsigned *plans)
{
    cJSON *a = cJSON_Parse(adv);
    const cJSON *sc, *line, *ms, *fs, *f;
    char got[64], want[64], key[16];
    size_t count[3] = {0, 0, 0};
    static const char *const sev[3] = {"errors", "warnings", "notes"};
    unsigned ln;

    if (a == NULL) {
        differ(0, "the advice", "a line that is not JSON", "-");
        return;
    }
    sc = cJSON_GetObjectItemCaseSensitive(a, "scenario");
    line = cJSON_GetObjectItemCaseSensitive(sc, "line");
    ln = cJSON_IsNumber(line) ? (unsigned)line->valuedouble : 0;
    (*plans)++;
    snprintf(want, sizeof(want), "%u", ln);
    field(sum, "line", got, sizeof(got));
    if (strcmp(want, got) != 0)
        differ(ln, "line", want, got);
    field(sum, "status", got, sizeof(got));
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "rejected")) !=
        (strcmp(got, "rejected") == 0)) {
        differ(ln, "status", "another", got[0] ? got : "none");
        cJSON_Delete(a);
        return;
    }
    if (strcmp(got, "rejected") == 0) {
        cJSON_Delete(a);
        return;
    }
    ms = cJSON_GetObjectItemCaseSensitive(a, "mechanisms");
    for (int m = 0; m < NM; m++) {
        const cJSON *x = cJSON_GetArrayItem(ms, m);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "id");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(x, "verdict");

        if (!cJSON_IsString(id) || strcmp(id->valuestring, mechs[m]) != 0 ||
            !cJSON_IsString(v)) {
            differ(ln, mechs[m], "no such mechanism", "-");
            continue;
        }
        for (size_t k = 0; k <= strlen(mechs[m]); k++)
            key[k] = (char)(mechs[m][k] >= 'A' && mechs[m][k] <= 'Z'
                                ? mechs[m][k] - 'A' + 'a'
                                : mechs[m][k]);
        field(sum, key, got, sizeof(got));
        if (strcmp(v->valuestring, got) != 0)
            differ(ln, mechs[m], v->valuestring, got);
    }
    fs = cJSON_GetObjectItemCaseSensitive(a, "findings");
    cJSON_ArrayForEach(f, fs)
    {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(f, "severity");

        if (cJSON_GetObjectItemCaseSensitive(f, "suppressed") != NULL ||
            !cJSON_IsString(s))
            continue;
        count[strcmp(s->valuestring, "error") == 0     ? 0
              : strcmp(s->valuestring, "warning") == 0 ? 1
                                                       : 2]++;
    }
    for (int k = 0; k < 3; k++) {
        snprintf(want, sizeof(want), "%zu", count[k]);
        field(sum, sev[k], got, sizeof(got));
        if (strcmp(want, got) != 0)
            differ(ln, sev[k], want, got);
    }
    cJSON_Delete(a);
}

/* The next line of fp, without its line break (getline's buffer), or NULL
 * at the end. */
static char *
get_line(FILE *fp, char **buf, size_t *cap)
{
    ssize_t n = getline(buf, cap, fp);

    if (n < 0)
        return NULL;
    if (n > 0 && (*buf)[n - 1] == '\n')
        (*buf)[n - 1] = '\0';
    return *buf;
}

int
main(int argc, char **argv)
{
    FILE *s, *a;
    char *sb = NULL, *ab = NULL;
    size_t scap = 0, acap = 0;
    unsigned plans = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: summary_check SUMMARY ADVICE.ndjson\n");
        return 2;
    }
    if ((s = fopen(argv[1], "r")) == NULL ||
        (a = fopen(argv[2], "r")) == NULL) {
        perror("summary_check");
        return 2;
    }
    for (;;) {
        const char *sl = get_line(s, &sb, &scap);
        const char *al = get_line(a, &ab, &acap);

        if (sl == NULL || al == NULL) {
            if (sl != al)
                differ(plans + 1, "plans", sl ? "fewer" : "more",
                       "another count");
            break;
        }
        check(sl, al, &plans);
    }
    fclose(s);
    fclose(a);
    free(sb);
    free(ab);
    if (plans == 0)
        differ(0, "plans", "some", "none");
    if (failures == 0)
        printf("summary_check: %u plans agree\n", plans);
    return failures > 0;
}
