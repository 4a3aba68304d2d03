/*
 * codequality.c -- check a GitLab Code Quality report the way GitLab reads
 * it, for want of a published schema: one JSON array (cJSON, strict about
 * trailing text), each issue an object with a string description,
 * check_name and fingerprint, a severity GitLab knows (info minor major
 * critical blocker) and a location with a non-empty path and lines.begin
 * a whole number from 1; no two fingerprints equal, since GitLab keeps
 * only the first issue of a fingerprint.
 *
 *   codequality FILE [N [U]]   FILE holds such a report; with N, of N
 *                              issues; with U, U of them check_name
 *                              "input.unreadable"
 * Exit 0 when it holds, 1 with a message naming the issue when not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static int
fail(const char *file, int i, const char *what)
{
    fprintf(stderr, "codequality: %s: issue %d: %s\n", file, i, what);
    return 1;
}

static char *
slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long len;

    if (fp == NULL)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) >= 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1))) {
        if (fread(buf, 1, (size_t)len, fp) != (size_t)len) {
            free(buf);
            buf = NULL;
        } else {
            buf[len] = '\0';
        }
    }
    fclose(fp);
    return buf;
}

static int
str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsString(v) && v->valuestring[0] != '\0';
}

static int
issue_ok(const char *file, int i, const cJSON *o)
{
    static const char *const severities[] = {"info", "minor", "major",
                                             "critical", "blocker"};
    const cJSON *sev = cJSON_GetObjectItemCaseSensitive(o, "severity");
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(o, "location");
    const cJSON *begin = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(loc, "lines"), "begin");
    size_t k = 0;

    if (!cJSON_IsObject(o))
        return fail(file, i, "not an object");
    if (!str(o, "description") || !str(o, "check_name") ||
        !str(o, "fingerprint"))
        return fail(file, i,
                    "description, check_name or fingerprint is "
                    "not a non-empty string");
    while (cJSON_IsString(sev) && k < 5 &&
           strcmp(sev->valuestring, severities[k]) != 0)
        k++;
    if (!cJSON_IsString(sev) || k == 5)
        return fail(file, i, "severity is none of GitLab's");
    if (!cJSON_IsObject(loc) || !str(loc, "path"))
        return fail(file, i, "location.path is not a non-empty string");
    if (!cJSON_IsNumber(begin) || begin->valuedouble < 1 ||
        begin->valuedouble != (double)begin->valueint)
        return fail(file, i, "location.lines.begin is not a line number");
    return 0;
}

int
main(int argc, char **argv)
{
    char *text = argc > 1 ? slurp(argv[1]) : NULL;
    const char *end = NULL;
    cJSON *doc, *it;
    int n = 0, unreadable = 0, rc = 0;

    if (text == NULL) {
        fputs("usage: codequality FILE [N [U]]\n", stderr);
        return 1;
    }
    doc = cJSON_ParseWithOpts(text, &end, 1);
    if (!cJSON_IsArray(doc)) {
        fprintf(stderr, "codequality: %s: not one JSON array\n", argv[1]);
        rc = 1;
    }
    for (it = doc != NULL ? doc->child : NULL; rc == 0 && it != NULL;
         it = it->next, n++) {
        const cJSON *fp = cJSON_GetObjectItemCaseSensitive(it, "fingerprint");

        rc = issue_ok(argv[1], n, it);
        for (const cJSON *o = doc->child; rc == 0 && o != it; o = o->next)
            if (strcmp(cJSON_GetObjectItemCaseSensitive(o, "fingerprint")
                           ->valuestring,
                       fp->valuestring) == 0)
                rc = fail(argv[1], n, "fingerprint of an earlier issue");
        if (rc == 0 &&
            strcmp(
                cJSON_GetObjectItemCaseSensitive(it, "check_name")->valuestring,
                "input.unreadable") == 0)
            unreadable++;
    }
    if (rc == 0 && argc > 2 && n != atoi(argv[2])) {
        fprintf(stderr, "codequality: %s: %d issues, expected %s\n", argv[1], n,
                argv[2]);
        rc = 1;
    }
    if (rc == 0 && argc > 3 && unreadable != atoi(argv[3])) {
        fprintf(stderr, "codequality: %s: %d unreadable, expected %s\n",
                argv[1], unreadable, argv[3]);
        rc = 1;
    }
    cJSON_Delete(doc);
    free(text);
    return rc;
}
