/*
 * scan_files.c -- how long each deployment file takes to scan on its own,
 * in process (no start-up, no rule loading): the kind, the read, the
 * scanner and aa_scan_finish, the median of R runs.  Prints the slowest
 * files first and exits 1 when one takes longer than the budget, so that
 * a scanner that turns quadratic on some real file is seen at once.
 *
 * Usage: bench_scan_files [-r RUNS] [-b BUDGET_MS] [-n SHOWN] FILE...
 * (bench/scan_files.sh gives it every file of tests/corpus/iac).
 * A measurement, not a test: its numbers depend on the machine.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attrib_advise.h"

struct timing {
    const char *path;
    double ms;
};

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static int
slowest_first(const void *a, const void *b)
{
    return cmp_double(&((const struct timing *)b)->ms,
                      &((const struct timing *)a)->ms);
}

/* Median of 'runs' scans of one file, in milliseconds. */
static double
time_file(const char *path, int runs)
{
    double *t = calloc((size_t)runs, sizeof(*t)), m;

    if (t == NULL)
        exit(2);
    for (int r = 0; r < runs; r++) {
        struct aa_scan *s = aa_scan_new();
        struct aa_diags *dl = aa_diags_new();
        double start = now_ms();

        /* A file that does not parse costs its time all the same. */
        if (aa_scan_path(s, path, dl) != 0 && r == 0)
            aa_diags_print(dl, stderr);
        aa_scan_finish(s);
        t[r] = now_ms() - start;
        aa_diags_free(dl);
        aa_scan_free(s);
    }
    qsort(t, (size_t)runs, sizeof(*t), cmp_double);
    m = t[runs / 2];
    free(t);
    return m;
}

int
main(int argc, char **argv)
{
    int runs = 5, shown = 10, first = 1, over = 0;
    double budget = 50, total = 0;
    struct timing *v;
    size_t n;

    while (first + 1 < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-r") == 0)
            runs = atoi(argv[first + 1]);
        else if (strcmp(argv[first], "-b") == 0)
            budget = atof(argv[first + 1]);
        else if (strcmp(argv[first], "-n") == 0)
            shown = atoi(argv[first + 1]);
        else
            break;
        first += 2;
    }
    if (first >= argc || runs < 1 || budget <= 0 || shown < 0) {
        fprintf(stderr, "usage: bench_scan_files [-r RUNS] [-b BUDGET_MS] "
                        "[-n SHOWN] FILE...\n");
        return 2;
    }
    n = (size_t)(argc - first);
    if ((v = calloc(n, sizeof(*v))) == NULL)
        return 2;
    for (size_t i = 0; i < n; i++) {
        v[i].path = argv[first + (int)i];
        v[i].ms = time_file(v[i].path, runs);
        total += v[i].ms;
        over += v[i].ms > budget;
    }
    qsort(v, n, sizeof(*v), slowest_first);
    printf("scan     %zu files alone, median of %d runs: %.1f ms in all, "
           "slowest %.2f ms (budget %.0f ms: %d over)\n",
           n, runs, total, v[0].ms, budget, over);
    for (size_t i = 0; i < n && i < (size_t)shown; i++)
        printf("  %8.2f ms  %s\n", v[i].ms, v[i].path);
    free(v);
    return over > 0;
}
