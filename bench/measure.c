/*
 * measure.c -- run a command and say what it cost: wall time, CPU time
 * (user + system, the process and everything it waited for) and peak
 * resident size, from wait4(2).  bench/run.sh measures every row of its
 * table with it, so no row depends on /usr/bin/time being installed.
 *
 *   measure [-t SECS] [-i IN] [-o OUT] CMD [ARG]...
 *       one run; prints "WALL_S CPU_S RSS_KIB STATUS", STATUS being the
 *       exit status, "timeout" (killed after SECS) or "signal-N".
 *   measure -n RUNS -b BASE [-i IN] CMD [ARG]...
 *       RUNS pairs of runs, BASE (no arguments) then CMD, output discarded;
 *       prints "CMD_MS BASE_MS RATIO CMD_CPU_MS CMD_RSS_KIB": the medians
 *       of the wall times, their ratio, CMD's median CPU time and peak
 *       resident size.  Pairs share the machine's state of the moment,
 *       which is what makes a ratio on a busy machine mean something.
 *
 * Standard input is IN (default /dev/null), standard output OUT (default
 * /dev/null); standard error is kept.
 */
#define _DEFAULT_SOURCE /* wait4 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cost {
    double wall, cpu; /* seconds */
    long rss;         /* KiB */
    int status;       /* wait status */
    int timed_out;
};

static volatile sig_atomic_t alarmed;

static void
on_alarm(int sig)
{
    (void)sig;
    alarmed = 1;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);

    if (f < 0 || dup2(f, fd) < 0) {
        fprintf(stderr, "measure: %s: %s\n", path, strerror(errno));
        return -1;
    }
    close(f);
    return 0;
}

/* Run argv once; 0, or -1 when it could not be started. */
static int
run(char **argv, const char *in, const char *out, unsigned secs, struct cost *c)
{
    struct rusage ru;
    double t0 = now();
    pid_t pid, got;

    memset(c, 0, sizeof(*c));
    fflush(NULL);
    if ((pid = fork()) < 0) {
        perror("measure: fork");
        return -1;
    }
    if (pid == 0) {
        if (redirect(in, 0, O_RDONLY) != 0 ||
            redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC) != 0)
            _exit(127);
        execvp(argv[0], argv);
        fprintf(stderr, "measure: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    alarmed = 0;
    if (secs > 0)
        alarm(secs);
    for (;;) {
        got = wait4(pid, &c->status, 0, &ru);
        if (got == pid)
            break;
        if (got < 0 && errno == EINTR && alarmed) {
            kill(pid, SIGKILL);
            c->timed_out = 1;
            continue;
        }
        if (got < 0 && errno != EINTR) {
            perror("measure: wait4");
            return -1;
        }
    }
    alarm(0);
    c->wall = now() - t0;
    c->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    c->rss = ru.ru_maxrss;
    return 0;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
usage(void)
{
    fputs("usage: measure [-t SECS] [-i IN] [-o OUT] CMD [ARG]...\n"
          "       measure -n RUNS -b BASE [-i IN] CMD [ARG]...\n",
          stderr);
    return 2;
}

int
main(int argc, char **argv)
{
    const char *in = "/dev/null", *out = "/dev/null", *base = NULL;
    unsigned secs = 0, runs = 0;
    struct sigaction sa;
    struct cost c;
    int opt;

    while ((opt = getopt(argc, argv, "+t:i:o:n:b:")) != -1) {
        switch (opt) {
        case 't':
            secs = (unsigned)strtoul(optarg, NULL, 10);
            break;
        case 'i':
            in = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'n':
            runs = (unsigned)strtoul(optarg, NULL, 10);
            break;
        case 'b':
            base = optarg;
            break;
        default:
            return usage();
        }
    }
    if (optind >= argc || (runs > 0) != (base != NULL))
        return usage();
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm; /* no SA_RESTART: wait4 must return */
    sigaction(SIGALRM, &sa, NULL);

    if (runs == 0) {
        if (run(argv + optind, in, out, secs, &c) != 0)
            return 1;
        printf("%.6f %.6f %ld ", c.wall, c.cpu, c.rss);
        if (c.timed_out)
            puts("timeout");
        else if (WIFSIGNALED(c.status))
            printf("signal-%d\n", WTERMSIG(c.status));
        else
            printf("%d\n", WEXITSTATUS(c.status));
        return 0;
    } else {
        double *cmd = calloc(runs, sizeof(double));
        double *bas = calloc(runs, sizeof(double));
        double *cpu = calloc(runs, sizeof(double));
        char *bargv[] = {(char *)base, NULL};
        long rss = 0;

        if (cmd == NULL || bas == NULL || cpu == NULL)
            return 1;
        for (unsigned r = 0; r < runs; r++) {
            if (run(bargv, in, "/dev/null", 0, &c) != 0)
                return 1;
            bas[r] = c.wall * 1e3;
            if (run(argv + optind, in, "/dev/null", 0, &c) != 0)
                return 1;
            if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) > 1) {
                fprintf(stderr, "measure: %s failed\n", argv[optind]);
                return 1;
            }
            cmd[r] = c.wall * 1e3;
            cpu[r] = c.cpu * 1e3;
            if (c.rss > rss)
                rss = c.rss;
        }
        double mc = median(cmd, runs), mb = median(bas, runs);
        printf("%.3f %.3f %.2f %.3f %ld\n", mc, mb, mc / mb, median(cpu, runs),
               rss);
        free(cmd);
        free(bas);
        free(cpu);
    }
    return 0;
}
