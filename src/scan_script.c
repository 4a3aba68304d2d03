/* scan_script.c -- placeholder until the scanner lands. */
#include "scan.h"

int
aa_scan_script(struct aa_scan *s, struct aa_scan_file *f, const char *text,
               size_t len, struct aa_diags *dl)
{
    (void)s;
    (void)text;
    (void)len;
    (void)dl;
    f->status = AA_SCAN_CONTEXT;
    return 0;
}
