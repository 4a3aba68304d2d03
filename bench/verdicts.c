/*
 * verdicts.c -- the verdicts of an advice batch, one line per plan, in the
 * form the peer engines of bench/peer/ print, so that the two can be
 * compared byte for byte:
 *
 *   CSP=automatic DPOR=needs_info PAL=recommended(azure:recommended,...)
 *
 * Each mechanism named on the command line gets its verdict and, for a plan
 * of several workloads, every workload's verdict in contract order.  A
 * rejected plan prints "rejected".
 *
 * Usage: verdicts MECH... < ADVICE.ndjson (attrib-advise --ndjson
 * --format json output).  Exits 1 on a line that is not an advice object.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static const char *
text(const cJSON *o, const char *key)
{
    const char *s =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

    return s != NULL ? s : "?";
}

static const cJSON *
mechanism(const cJSON *mechs, const char *id)
{
    const cJSON *m;

    cJSON_ArrayForEach(m, mechs)
    {
        if (strcmp(text(m, "id"), id) == 0)
            return m;
    }
    return NULL;
}

int
main(int argc, char **argv)
{
    size_t cap = 0, lineno = 0;
    char *line = NULL;
    ssize_t len;

    if (argc < 2) {
        fputs("usage: verdicts MECH... < ADVICE.ndjson\n", stderr);
        return 2;
    }
    while ((len = getline(&line, &cap, stdin)) > 0) {
        cJSON *root = cJSON_ParseWithLength(line, (size_t)len);
        const cJSON *mechs =
            cJSON_GetObjectItemCaseSensitive(root, "mechanisms");

        lineno++;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "rejected"))) {
            puts("rejected");
            cJSON_Delete(root);
            continue;
        }
        if (!cJSON_IsArray(mechs)) {
            fprintf(stderr, "verdicts: line %zu: not an advice object\n",
                    lineno);
            cJSON_Delete(root);
            free(line);
            return 1;
        }
        for (int a = 1; a < argc; a++) {
            const cJSON *m = mechanism(mechs, argv[a]);
            const cJSON *wl = cJSON_GetObjectItemCaseSensitive(m, "workloads");
            const cJSON *w;
            const char *sep = "(";

            printf("%s%s=%s", a > 1 ? " " : "", argv[a],
                   m ? text(m, "verdict") : "?");
            cJSON_ArrayForEach(w, wl)
            {
                printf("%s%s:%s", sep, text(w, "workload"), text(w, "verdict"));
                sep = ",";
            }
            if (cJSON_GetArraySize(wl) > 0)
                putchar(')');
        }
        putchar('\n');
        cJSON_Delete(root);
    }
    free(line);
    return fflush(stdout) != 0;
}
