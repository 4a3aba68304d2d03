/*
 * scan_harness.h -- what the scanner tests share: scan a snippet as one
 * file the way scan.c does, check its status and hits, and run a scanner
 * over the real-world corpus (tests/corpus/iac) against expected.tsv.
 * Include after <cmocka.h>.
 */
#ifndef AA_TEST_SCAN_HARNESS_H
#define AA_TEST_SCAN_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define CORPUS AA_SOURCE_DIR "/tests/corpus/iac/"

struct run {
    struct aa_scan *s;
    struct aa_scan_file *f;
    struct aa_diags dl;
    int rc;
};

/* Scan len bytes of text as file 'path' with scanner fn, as scan.c's
 * add_file and scan_file do; free with run_done. */
static inline void
run_scanner(struct run *r, aa_scanner_fn *fn, enum aa_scan_kind kind,
            const char *path, const char *text, size_t len)
{
    r->s = aa_scan_new();
    aa_diags_init(&r->dl);
    r->f = aa_arena_alloc(&r->s->arena, sizeof(*r->f));
    r->f->path = aa_arena_strdup(&r->s->arena, path);
    r->f->kind = kind;
    r->f->status = AA_SCAN_CONTEXT;
    r->rc = fn(r->s, r->f, text, len, &r->dl);
}

static inline void
run_done(struct run *r)
{
    aa_diags_fini(&r->dl);
    aa_scan_free(r->s);
}

/* The k-th hit of 'what' (from 0), or NULL. */
static inline const struct aa_hit *
nth(const struct run *r, enum aa_detect what, int k)
{
    for (size_t i = 0; i < r->f->nhits; i++)
        if (r->f->hits[i].what == what && k-- == 0)
            return &r->f->hits[i];
    return NULL;
}

static inline void
expect_hit(const struct run *r, enum aa_detect what, const char *subject,
           unsigned line, unsigned col)
{
    const struct aa_hit *h = nth(r, what, 0);

    if (h == NULL)
        fail_msg("no %s hit", aa_detect_name(what));
    assert_string_equal(h->subject ? h->subject : "(null)", subject);
    assert_int_equal(h->line, line);
    assert_int_equal(h->col, col);
}

/* The scan added exactly one diagnostic, the note that evaluation ran into
 * 'limit' at line:col, and the scan_stopped hit there that aa_scan_finish
 * keeps or drops; both are dropped so that expect_status can follow. */
static inline void
expect_note(struct run *r, const char *limit, unsigned line, unsigned col)
{
    const struct aa_hit *h = nth(r, AA_D_SCAN_STOPPED, 0);
    char want[64];

    if (h == NULL)
        fail_msg("no scan_stopped hit beside the note");
    assert_string_equal(h->subject, limit);
    assert_int_equal(h->line, line);
    assert_int_equal(h->col, col);
    assert_null(nth(r, AA_D_SCAN_STOPPED, 1));
    memmove(r->f->hits + (h - r->f->hits), h + 1,
            (size_t)(r->f->hits + r->f->nhits - h - 1) * sizeof(*h));
    r->f->nhits--;

    snprintf(want, sizeof(want), "(--limit %s=N)", limit);
    assert_int_equal(r->dl.n, 1);
    assert_int_equal(r->dl.v[0].code, AA_N_NOTE);
    if (strstr(r->dl.v[0].detail, want) == NULL)
        fail_msg("note \"%s\" does not say %s", r->dl.v[0].detail, want);
    assert_int_equal(r->dl.v[0].line, line);
    assert_int_equal(r->dl.v[0].col, col);
    aa_diags_fini(&r->dl);
}

/* The scan succeeded with this status and this many hits. */
static inline void
expect_status(const struct run *r, enum aa_scan_status st, size_t nhits)
{
    assert_int_equal(r->rc, 0);
    assert_int_equal(r->dl.n, 0);
    assert_string_equal(aa_scan_status_name(r->f->status),
                        aa_scan_status_name(st));
    assert_int_equal(r->f->nhits, nhits);
}

/* A whole file, NUL-terminated, or NULL when it cannot be opened. */
static inline char *
read_text(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *t;

    if (fp == NULL)
        return NULL;
    t = aa_read_all(fp, 1u << 24, len);
    fclose(fp);
    t = aa_xrealloc(t, *len + 1, 1);
    t[*len] = '\0';
    return t;
}

/* Every corpus file whose name ends in 'ext' gets, from fn, a status that
 * expected.tsv allows; 'want' files are expected, so a corpus that lost
 * its files cannot pass by checking nothing. */
static inline void
check_corpus(aa_scanner_fn *fn, enum aa_scan_kind kind, const char *ext,
             size_t want)
{
    size_t len, checked = 0, k = strlen(ext);
    char *tsv = read_text(CORPUS "expected.tsv", &len), *line, *save = NULL;

    assert_non_null(tsv);
    for (line = strtok_r(tsv, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        char id[16], name[512], allowed[128], got[40], path[1024], *text;
        size_t n, nl;
        struct run r;

        if (line[0] == '#' ||
            sscanf(line, "%15s %511s %125s", id, name, allowed + 1) != 3)
            continue;
        nl = strlen(name);
        if (nl < k || strcmp(name + nl - k, ext) != 0)
            continue;
        snprintf(path, sizeof(path), CORPUS "%s", name);
        text = read_text(path, &n);
        assert_non_null(text);
        run_scanner(&r, fn, kind, path, text, n);
        /* ",not_attributed," must not accept "attributed". */
        allowed[0] = ',';
        strcat(allowed, ",");
        snprintf(got, sizeof(got), ",%s,", aa_scan_status_name(r.f->status));
        if (r.rc != 0 || strstr(allowed, got) == NULL)
            fail_msg("%s: %s, expected %s", id, r.rc ? "failed" : got, allowed);
        run_done(&r);
        free(text);
        checked++;
    }
    free(tsv);
    assert_int_equal(checked, want);
}

#endif /* AA_TEST_SCAN_HARNESS_H */
