/* fuzz_scan.h -- what the scanner fuzz targets share: one input is one
 * deployment file, scanned in memory by one scanner, as scan.c runs it
 * (NUL-terminated, with its line index), in a scan of its own.  Nothing
 * is loaded per input, so a run takes microseconds.
 *
 * The work bound is lowered to 64 Ki steps: a bomb then reaches it as
 * surely as with the default, in a thousandth of the time, so the fuzzer
 * spends its runs on new inputs rather than on the same bound.
 *
 * Any byte string must be scanned or rejected cleanly: no crash, no leak,
 * no hang, and these invariants, which abort when broken:
 *   - the scanner returns 0, or -1 after adding an error;
 *   - a file that scanned has a status, and no error;
 *   - every hit names a detector and a place inside the file;
 *   - a status other than context has a hit that justifies it
 *     (aa_scan_file_check). */
#ifndef AA_FUZZ_SCAN_H
#define AA_FUZZ_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void
fuzz_scan_one(aa_scanner_fn *scanner, enum aa_scan_kind kind, const char *path,
              const uint8_t *data, size_t size)
{
    static int once;
    struct aa_scan *s;
    struct aa_scan_file *f;
    char *text = aa_xmalloc(size + 1);
    size_t nlines = 1, *lines = aa_xmalloc((size + 1) * sizeof(*lines));
    size_t maxlines = 1; /* lines as any scanner may count them */
    struct aa_diags dl;
    int rc, errors;

    if (!once && aa_limit_set("expansion-work=65536") != 0)
        abort();
    once = 1;
    s = aa_scan_new();
    f = aa_arena_alloc(&s->arena, sizeof(*f));
    if (size > 0)
        memcpy(text, data, size);
    text[size] = '\0';
    lines[0] = 0;
    for (size_t i = 0; i < size; i++) {
        if (text[i] == '\n')
            lines[nlines++] = i + 1;
        /* Bicep ends a line at a lone carriage return too. */
        if (text[i] == '\n' ||
            (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n')))
            maxlines++;
    }
    memset(f, 0, sizeof(*f));
    f->path = path;
    f->kind = kind;
    f->status = AA_SCAN_CONTEXT;
    s->cur.f = f;
    s->cur.text = text;
    s->cur.lines = lines;
    s->cur.nlines = nlines;
    aa_diags_init(&dl);
    rc = scanner(s, f, text, size, &dl);
    errors = aa_diags_count_at(&dl, AA_BAND_ERROR) > 0;
    if ((rc != 0 && rc != -1) || (rc == -1) != errors ||
        (unsigned)f->status >= AA_SCAN_STATUS_COUNT ||
        (rc == 0 && aa_scan_file_check(f, 1, stderr) != 0))
        abort();
    for (size_t i = 0; i < f->nhits; i++) {
        const struct aa_hit *h = &f->hits[i];

        if ((unsigned)h->what >= AA_D_COUNT || h->line < 1 || h->col < 1 ||
            h->line > maxlines)
            abort();
    }
    aa_diags_fini(&dl);
    aa_scan_free(s);
    free(lines);
    free(text);
}

#endif /* AA_FUZZ_SCAN_H */
