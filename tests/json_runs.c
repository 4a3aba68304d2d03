/*
 * json_runs.c -- read attrib-advise's JSON output with a JSON parser
 * (cJSON, strict about trailing text) and check its shape, so that "one
 * valid document" is tested by parsing, not by comparing text.
 *
 *   json_runs doc N R   stdin is one document {"version", "tool", "runs",
 *                       "summary"} with N runs, R of them rejected
 *   json_runs lines N R stdin is N lines, each one JSON object, R of them
 *                       rejected
 *   json_runs one       stdin is one advice object (contract v1)
 * Exit 0 when it holds, 1 with a message when not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static int
fail(const char *what)
{
    fprintf(stderr, "json_runs: %s\n", what);
    return 1;
}

static char *
slurp(size_t *len)
{
    size_t cap = 1 << 16;
    char *buf = malloc(cap);

    *len = 0;
    while (buf != NULL) {
        size_t n = fread(buf + *len, 1, cap - *len - 1, stdin);

        *len += n;
        if (n == 0)
            break;
        if (*len + 1 == cap) {
            char *b = realloc(buf, cap *= 2);

            if (b == NULL)
                free(buf);
            buf = b;
        }
    }
    if (buf != NULL)
        buf[*len] = '\0';
    return buf;
}

/* An advice object, or a rejection; *rejected says which. */
static int
run_ok(const cJSON *o, int *rejected)
{
    const cJSON *scen = cJSON_GetObjectItemCaseSensitive(o, "scenario");

    if (!cJSON_IsObject(o) ||
        !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "version")) ||
        !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(o, "tool")) ||
        !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(scen, "source")))
        return 0;
    *rejected = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "rejected"));
    if (*rejected)
        return cJSON_GetArraySize(
                   cJSON_GetObjectItemCaseSensitive(o, "errors")) > 0;
    return cJSON_GetArraySize(
               cJSON_GetObjectItemCaseSensitive(o, "mechanisms")) == 7 &&
           cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(o, "findings"));
}

int
main(int argc, char **argv)
{
    size_t len, n = 0, r = 0;
    char *text = slurp(&len);
    const char *end = NULL;
    int rc = 0, rej;

    if (text == NULL || argc < 2)
        return fail("usage: json_runs doc|lines|one [N R]");
    if (strcmp(argv[1], "lines") == 0) {
        for (char *line = strtok(text, "\n"); line != NULL;
             line = strtok(NULL, "\n"), n++) {
            cJSON *o = cJSON_ParseWithOpts(line, &end, 1);

            if (o == NULL || !run_ok(o, &rej))
                rc = fail("a line is not an advice or rejection object");
            r += (size_t)(o != NULL && rej);
            cJSON_Delete(o);
        }
    } else {
        cJSON *doc = cJSON_ParseWithOpts(text, &end, 1);
        const cJSON *runs = cJSON_GetObjectItemCaseSensitive(doc, "runs");
        const cJSON *it;

        if (doc == NULL) {
            free(text);
            return fail("not one JSON document");
        }
        if (strcmp(argv[1], "one") == 0) {
            rc = run_ok(doc, &rej) && !rej ? 0 : fail("not one advice object");
        } else if (!cJSON_IsArray(runs) ||
                   !cJSON_IsObject(
                       cJSON_GetObjectItemCaseSensitive(doc, "summary"))) {
            rc = fail("no \"runs\" array or no \"summary\"");
        } else {
            cJSON_ArrayForEach(it, runs)
            {
                if (!run_ok(it, &rej))
                    rc = fail("a run is not an advice or rejection object");
                n++;
                r += (size_t)rej;
            }
            if ((size_t)cJSON_GetObjectItemCaseSensitive(
                    cJSON_GetObjectItemCaseSensitive(doc, "summary"),
                    "rejected")
                    ->valuedouble != r)
                rc = fail("summary.rejected does not count the rejections");
        }
        cJSON_Delete(doc);
    }
    free(text);
    if (argc >= 4 &&
        (n != strtoul(argv[2], NULL, 10) || r != strtoul(argv[3], NULL, 10))) {
        fprintf(stderr,
                "json_runs: %zu runs (%zu rejected), expected %s (%s)\n", n, r,
                argv[2], argv[3]);
        rc = 1;
    }
    return rc;
}
