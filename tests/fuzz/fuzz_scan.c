/* fuzz_scan.c -- any byte string, read as an ARM template, a Bicep file, a
 * Terraform file and a script, must be scanned or rejected cleanly: no
 * crash, no leak, no hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static aa_scanner_fn *const scanners[] = {aa_scan_arm, aa_scan_bicep,
                                              aa_scan_tf, aa_scan_script};
    /* The scanners get the file's text NUL-terminated, as scan.c gives it. */
    char *text = aa_xmalloc(size + 1);

    if (size > 0)
        memcpy(text, data, size);
    text[size] = '\0';
    for (size_t i = 0; i < sizeof(scanners) / sizeof(*scanners); i++) {
        struct aa_scan *s = aa_scan_new();
        struct aa_scan_file *f = aa_arena_alloc(&s->arena, sizeof(*f));
        struct aa_diags dl;

        f->path = "fuzz";
        aa_diags_init(&dl);
        (void)scanners[i](s, f, text, size, &dl);
        aa_diags_fini(&dl);
        aa_scan_free(s);
    }
    free(text);
    return 0;
}
