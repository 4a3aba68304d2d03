/*
 * cli_start.c -- what the program does first: standard descriptors held,
 * and one request for the pages of its code.
 *
 * A cold start of one plan touches the program's code and its constant
 * tables a page at a time, each touch a fault; on the virtual machines
 * measured a fault costs 10-17 us, and faults, not instructions, were most
 * of a cold start (docs/performance.md).  Asking the kernel to map the
 * code at once (MADV_POPULATE_READ, Linux 5.14) takes one call for what
 * were about fifteen faults.  Not the data after it: it is mostly the
 * built-in rules (their compiled image and their trees, 1.5 MiB), of
 * which a run reads a few pages, and mapping all of them cost a start more
 * than it saved (a tenth of one, measured).  The pages are the file's,
 * usually in the page cache already; elsewhere, or on an older kernel,
 * the call fails and changes nothing.
 */
#define _DEFAULT_SOURCE /* madvise's advice values are not POSIX */

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

/* From the GNU and LLVM linkers: where the program's image starts, and
 * where its code and constants end. */
extern char __executable_start[], etext[];

void
cli_map_image(void)
{
#if defined(__linux__) && defined(MADV_POPULATE_READ)
    uintptr_t from = (uintptr_t)__executable_start & ~(uintptr_t)4095;
    uintptr_t to = (uintptr_t)etext & ~(uintptr_t)4095;

    if (to > from)
        (void)madvise((void *)from, to - from, MADV_POPULATE_READ);
#endif
}

/* A caller may start the program with standard input, output or error
 * closed (`>&-`).  The next file opened would then take that number: an
 * -o report's temporary file became descriptor 1 and got the text report
 * written in front of its own.  Each closed one is taken by /dev/null
 * opened the other way, so reading or writing it still fails with EBADF,
 * as on a closed descriptor, and the run says so as before. */
void
cli_hold_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        int got;

        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd) {
            (void)dup2(got, fd);
            (void)close(got);
        }
    }
}
