/*
 * cli_start.c -- one request at start for the pages of the program's code.
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

#include <stdint.h>

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
