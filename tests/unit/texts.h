/*
 * texts.h -- the texts of the tests that hold a one-pass reader to the
 * full one (unit/test_scenario_fast.c, unit/test_yaml_fast.c): files
 * gathered from the repository, and mutants of them from a seeded
 * generator, so that each run makes the same ones.
 */
#ifndef AA_TEST_TEXTS_H
#define AA_TEST_TEXTS_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

struct texts {
    char **v;
    size_t *len;
    size_t n, cap;
};

static inline void
add(struct texts *x, const char *data, size_t len)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 256;
        x->v = realloc(x->v, x->cap * sizeof(*x->v));
        x->len = realloc(x->len, x->cap * sizeof(*x->len));
        assert_non_null(x->v);
        assert_non_null(x->len);
    }
    x->v[x->n] = malloc(len + 1);
    assert_non_null(x->v[x->n]);
    memcpy(x->v[x->n], data, len);
    x->v[x->n][len] = '\0';
    x->len[x->n++] = len;
}

static inline void
add_file(struct texts *x, const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *data;
    size_t len;

    if (fp == NULL)
        return;
    data = aa_read_all(fp, 1u << 24, &len);
    fclose(fp);
    if (data != NULL)
        add(x, data, len);
    free(data);
}

/* Every file below 'dir' whose name ends with one of 'suffixes' (a list
 * ending with NULL). */
static inline void
add_tree(struct texts *x, const char *dir, const char *const *suffixes)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        size_t n = strlen(e->d_name);

        if (e->d_name[0] == '.')
            continue;
        if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >=
                sizeof(path) ||
            stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            add_tree(x, path, suffixes);
            continue;
        }
        for (const char *const *s = suffixes; *s != NULL; s++)
            if (n > strlen(*s) && strcmp(e->d_name + n - strlen(*s), *s) == 0) {
                add_file(x, path);
                break;
            }
    }
    closedir(d);
}

static inline void
free_texts(struct texts *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->v[i]);
    free(x->v);
    free(x->len);
}

static uint64_t seed = 0x9E3779B97F4A7C15u;

static inline uint32_t
rnd(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed >> 32) % n;
}

/* A mutant of the len bytes at src, written to out (cap bytes): a byte
 * deleted, inserted or replaced (by one of the ngain bytes at gain), a
 * span repeated (a key twice, a value doubled), the text cut short, and
 * with 'lines' also a line indented or outdented by one or two.  Returns
 * its length; it grows by at most 24 bytes. */
static inline size_t
mutate(const char *src, size_t len, char *out, size_t cap, const char *gain,
       size_t ngain, int lines)
{
    size_t n = len < cap - 64 ? len : cap - 64;
    size_t at = n ? rnd((uint32_t)n) : 0;

    memcpy(out, src, n);
    switch (rnd(lines ? 6 : 5)) {
    case 0: /* delete a byte */
        if (n > 0) {
            memmove(out + at, out + at + 1, n - at - 1);
            n--;
        }
        break;
    case 1: /* insert one */
        memmove(out + at + 1, out + at, n - at);
        out[at] = gain[rnd((uint32_t)ngain)];
        n++;
        break;
    case 2: /* replace one */
        if (n > 0)
            out[at] = gain[rnd((uint32_t)ngain)];
        break;
    case 3: { /* repeat a span */
        size_t span = 1 + rnd(24);

        if (at + span > n)
            span = n - at;
        memmove(out + at + span, out + at, n - at);
        n += span;
        break;
    }
    case 4: /* with lines: indent or outdent a line by one or two */
        if (lines) {
            size_t bol = at, k = 1 + rnd(2);

            while (bol > 0 && out[bol - 1] != '\n')
                bol--;
            if (rnd(2) == 0) {
                memmove(out + bol + k, out + bol, n - bol);
                memset(out + bol, ' ', k);
                n += k;
            } else if (n - bol >= k && out[bol] == ' ' &&
                       (k == 1 || out[bol + 1] == ' ')) {
                memmove(out + bol, out + bol + k, n - bol - k);
                n -= k;
            }
            break;
        }
        /* fall through */
    default: /* cut short */
        n = at;
        break;
    }
    return n;
}

#endif /* AA_TEST_TEXTS_H */
