/*
 * pty_interview.c -- 'attrib-advise interview' at a real terminal: runs it
 * on a pseudo-terminal (posix_openpt, from libc), types each line of
 * ANSWERS when a prompt ("> ") shows, and checks what a person would see:
 * the interview ends with its count line and status 0, questions are in
 * colour on a terminal, and with NO_COLOR, or TERM=dumb, nothing is.  Exits 77
 * (skipped, said loudly) when the system has no pseudo-terminal to give. Usage:
 * pty_interview ATTRIB_ADVISE ANSWERS EXPECT_LINE
 */
#define _XOPEN_SOURCE 600
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { SKIP = 77, CAP = 1 << 20 };

static void
skip(const char *what)
{
    printf("SKIP: no pseudo-terminal (%s: %s); the terminal test did not "
           "run\n",
           what, strerror(errno));
    exit(SKIP);
}

/* Run the interview on a terminal, answering from 'answers'; the whole
 * output goes to out (NUL-terminated).  Returns the exit status, or -1. */
enum mode { COLOUR, NO_COLOR, DUMB };

static int
run(const char *aa, const char *answers, enum mode mode, char *out)
{
    FILE *in = fopen(answers, "r");
    char line[512];
    size_t len = 0;
    int master, status, quiet = 0;
    pid_t pid;

    if (in == NULL) {
        perror(answers);
        return -1;
    }
    if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0)
        skip("posix_openpt");
    if (grantpt(master) != 0 || unlockpt(master) != 0 ||
        ptsname(master) == NULL)
        skip("grantpt");
    if ((pid = fork()) < 0) {
        perror("fork");
        return -1;
    }
    if (pid == 0) {
        int slave;

        setsid();
        if ((slave = open(ptsname(master), O_RDWR)) < 0)
            _exit(SKIP);
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        close(master);
        if (mode == NO_COLOR)
            setenv("NO_COLOR", "1", 1);
        else
            unsetenv("NO_COLOR");
        /* The colour run names a terminal that shows colour whatever
         * TERM the test runs under. */
        setenv("TERM", mode == DUMB ? "dumb" : "xterm", 1);
        unsetenv("FORCE_COLOR");
        execl(aa, aa, "--no-config", "interview", (char *)NULL);
        _exit(127);
    }
    /* Read until the output ends in a prompt, then type the next answer;
     * at the end of the answers, end the input as Ctrl-D does. */
    for (;;) {
        struct pollfd p = {master, POLLIN, 0};
        ssize_t n;

        if (poll(&p, 1, 10000) <= 0) {
            fprintf(stderr, "pty_interview: no output for 10 s\n");
            kill(pid, SIGKILL);
            break;
        }
        n = read(master, out + len, CAP - 1 - len);
        if (n <= 0) /* EIO: the program ended and closed the terminal */
            break;
        len += (size_t)n;
        out[len] = '\0';
        if (len >= 2 && strcmp(out + len - 2, "> ") == 0 && !quiet) {
            if (fgets(line, sizeof(line), in) != NULL) {
                if (write(master, line, strlen(line)) < 0)
                    break;
            } else {
                char eof = 4; /* VEOF in the default terminal modes */

                if (write(master, &eof, 1) < 0)
                    break;
                quiet = 1;
            }
        }
    }
    fclose(in);
    close(master);
    out[len] = '\0';
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    if (WEXITSTATUS(status) == SKIP) { /* the child could not open it */
        errno = ENOTTY;
        skip("open");
    }
    return WEXITSTATUS(status);
}

int
main(int argc, char **argv)
{
    char *out = malloc(CAP);
    int fails = 0, st;

    if (argc != 4 || out == NULL) {
        fprintf(stderr, "usage: pty_interview ATTRIB_ADVISE ANSWERS "
                        "EXPECT_LINE\n");
        return 2;
    }
    for (int m = COLOUR; m <= DUMB; m++) {
        const char *mode = m == NO_COLOR ? "NO_COLOR"
                           : m == DUMB   ? "TERM=dumb"
                                         : "colour";

        st = run(argv[1], argv[2], (enum mode)m, out);
        if (st != 0) {
            printf("%s: exit %d\n", mode, st);
            fails = 1;
        }
        if (strstr(out, argv[3]) == NULL) {
            printf("%s: no line '%s' in:\n%s\n", mode, argv[3], out);
            fails = 1;
        }
        if (m == COLOUR && strstr(out, "\033[1m") == NULL) {
            printf("colour: questions are not in bold on a terminal\n");
            fails = 1;
        }
        if (m != COLOUR && strchr(out, '\033') != NULL) {
            printf("%s: an escape sequence in the output\n", mode);
            fails = 1;
        }
    }
    free(out);
    if (!fails)
        printf("pty_interview: ok\n");
    return fails;
}
