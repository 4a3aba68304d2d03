/*
 * parse_floor.c -- the least any reader of a plan batch must do: split the
 * NDJSON input into lines and parse each with cJSON, the parser the advisor
 * itself uses, then free the tree.  No validation, no rules, no output.
 * bench/run.sh divides the advisor's time by this program's, on the same
 * input, to show what the work beyond parsing costs.
 *
 * Usage: parse_floor FILE.  Prints "PLANS BAD" (lines parsed, lines that
 * did not parse) and exits 1 when a line did not parse.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

int
main(int argc, char **argv)
{
    size_t plans = 0, bad = 0, cap = 0;
    char *line = NULL;
    ssize_t len;
    FILE *f;
    static char inbuf[64 * 1024];

    if (argc != 2) {
        fputs("usage: parse_floor FILE\n", stderr);
        return 2;
    }
    if ((f = fopen(argv[1], "rb")) == NULL) {
        perror(argv[1]);
        return 2;
    }
    /* Read 64 KiB at a time, and a line at a time by getline, as the
     * advisor reads an --ndjson file. */
    setvbuf(f, inbuf, _IOFBF, sizeof(inbuf));
    while ((len = getline(&line, &cap, f)) > 0) {
        cJSON *root;

        if (len == 1 && line[0] == '\n')
            continue;
        root = cJSON_ParseWithLength(line, (size_t)len);
        if (root == NULL)
            bad++;
        cJSON_Delete(root);
        plans++;
    }
    free(line);
    fclose(f);
    printf("%zu %zu\n", plans, bad);
    return bad > 0;
}
