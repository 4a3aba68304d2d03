/*
 * copies_check.c -- an NDJSON batch's advice, where the compact writer
 * copies what it made of a rule's fixed texts into later reports (items,
 * answers, findings' members: jsonout's kept values), against the same
 * plans' advice in one indented document, where nothing is copied.  Each
 * line must be its run of the document, member for member, but for where
 * the plan was read (a line of the batch, a file of the folder): its
 * "scenario", and the file and line of its findings' locations.  A plan
 * rejected must be rejected in both; its messages name the place only.
 *
 *   copies_check DOC.json LINES.ndjson
 * Exit 0 when every line holds, 1 naming the first that does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static char *
slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
        fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        fprintf(stderr, "copies_check: %s: cannot read\n", path);
        exit(1);
    }
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* The report without where its plan was read; 1 when it is a rejection. */
static int
placeless(cJSON *report)
{
    cJSON *f;

    cJSON_DeleteItemFromObjectCaseSensitive(report, "scenario");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "rejected")))
        return 1;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(report, "findings"))
    {
        cJSON *at = cJSON_GetObjectItemCaseSensitive(f, "location");

        cJSON_DeleteItemFromObjectCaseSensitive(at, "file");
        cJSON_DeleteItemFromObjectCaseSensitive(at, "line");
    }
    return 0;
}

int
main(int argc, char **argv)
{
    char *doc, *lines, *line, *next;
    cJSON *root, *runs, *run;
    size_t i = 0, rejected = 0;
    int rc = 0;

    if (argc != 3) {
        fputs("usage: copies_check DOC.json LINES.ndjson\n", stderr);
        return 2;
    }
    doc = slurp(argv[1]);
    lines = slurp(argv[2]);
    root = cJSON_Parse(doc);
    runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    if (!cJSON_IsArray(runs)) {
        fputs("copies_check: the document has no runs\n", stderr);
        return 1;
    }
    run = runs->child;
    for (line = lines; *line != '\0' && rc == 0; line = next, i++) {
        cJSON *one;

        next = strchr(line, '\n');
        if (next == NULL)
            next = line + strlen(line);
        else
            *next++ = '\0';
        one = cJSON_Parse(line);
        if (one == NULL || run == NULL) {
            fprintf(stderr, "copies_check: line %zu: %s\n", i + 1,
                    one == NULL ? "not JSON" : "more lines than runs");
            rc = 1;
        } else {
            int r1 = placeless(one), r2 = placeless(run);

            if (r1 != r2 || (!r1 && !cJSON_Compare(one, run, 1))) {
                char *want = cJSON_PrintUnformatted(run);

                fprintf(stderr,
                        "copies_check: line %zu differs from its run:\n%s\n"
                        "run:\n%s\n",
                        i + 1, line, want);
                free(want);
                rc = 1;
            }
            rejected += (size_t)r1;
            run = run->next;
        }
        cJSON_Delete(one);
    }
    if (rc == 0 && run != NULL) {
        fputs("copies_check: more runs than lines\n", stderr);
        rc = 1;
    }
    if (rc == 0)
        printf("copies_check: %zu plans alike (%zu rejected in both)\n", i,
               rejected);
    cJSON_Delete(root);
    free(doc);
    free(lines);
    return rc;
}
