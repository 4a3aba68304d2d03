/*
 * word8.h -- eight bytes tested at once, for the loops that skip plain
 * text a word at a time (the plan reader's strings, the rule reader's
 * scalars, the text escaper, the JSON quoter); sixteen at once where the
 * compiler targets SSE2 (aa_x16_stops, which those loops but the rule
 * reader's try first); and a compare of short byte runs.
 *
 * Each test gives the high bit of every byte that passes it, and may set
 * it for bytes after one that does (a borrow runs on): good for "does any
 * byte of the word need a look", which is all a skip asks, and for which
 * one only through aa_w8_first.
 */
#ifndef AA_WORD8_H
#define AA_WORD8_H

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define AA_X16 1
#else
#define AA_X16 0
#endif

#define AA_W8_ONES 0x0101010101010101u
#define AA_W8_HIGH 0x8080808080808080u

/* The eight bytes at p, in any order (the tests do not care). */
static inline uint64_t
aa_w8_load(const void *p)
{
    uint64_t x;

    memcpy(&x, p, 8);
    return x;
}

/* Bytes at 0x80 or above: not ASCII. */
static inline uint64_t
aa_w8_high(uint64_t x)
{
    return x & AA_W8_HIGH;
}

/* Bytes below n (n at most 0x80). */
static inline uint64_t
aa_w8_below(uint64_t x, unsigned char n)
{
    return (x - AA_W8_ONES * n) & ~x & AA_W8_HIGH;
}

/* Bytes equal to c. */
static inline uint64_t
aa_w8_is(uint64_t x, unsigned char c)
{
    return aa_w8_below(x ^ (AA_W8_ONES * c), 1);
}

/* Bytes that are not printable ASCII or a blank: a control (below 0x20,
 * 0x7f) or not ASCII. */
static inline uint64_t
aa_w8_unprintable(uint64_t x)
{
    return aa_w8_high(x) | aa_w8_below(x, 0x20) | aa_w8_is(x, 0x7f);
}

/* Where, in memory order (0 to 7), the first byte flagged in 'mask' (the
 * tests above, or'ed) sits, for a mask that is not 0.  A borrow runs only
 * towards the bytes after the one that started it, so the first flag is
 * exact where the first byte is the word's lowest, on a little-endian
 * machine; elsewhere -1, and the caller looks byte by byte. */
static inline int
aa_w8_first(uint64_t mask)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return __builtin_ctzll(mask) >> 3;
#else
    (void)mask;
    return -1;
#endif
}

#if AA_X16
/* Sixteen bytes at once where the machine has SSE2 (every x86-64 does):
 * a bit for each of the sixteen bytes at p (bit k for byte k, exact, no
 * borrow) that is a control character (below 0x20), not ASCII (0x80 or
 * above), a, b, c or d (a caller with fewer repeats one).  The loops that
 * skip plain text take sixteen bytes a step with it, then words of eight
 * for the rest. */
static inline unsigned
aa_x16_stops(const void *p, unsigned char a, unsigned char b, unsigned char c,
             unsigned char d)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    /* Compared as signed bytes, one above 0x7F is below ' ' too. */
    __m128i low = _mm_cmplt_epi8(x, _mm_set1_epi8(' '));
    __m128i ab = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)a)),
                              _mm_cmpeq_epi8(x, _mm_set1_epi8((char)b)));
    __m128i cd = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)c)),
                              _mm_cmpeq_epi8(x, _mm_set1_epi8((char)d)));

    return (unsigned)_mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(ab, cd)));
}
#endif

/* Whether the n bytes at a and at b are the same.  The plan reader
 * compares every key and literal it meets, most of them under sixteen
 * bytes: two loads a side that may overlap, where a call to memcmp cost
 * several times the compare. */
static inline int
aa_same_bytes(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    uint32_t u, v, s, t;

    if (n >= 8) {
        if (n > 16)
            return memcmp(x, y, n) == 0;
        return aa_w8_load(x) == aa_w8_load(y) &&
               aa_w8_load(x + n - 8) == aa_w8_load(y + n - 8);
    }
    if (n >= 4) {
        memcpy(&u, x, 4);
        memcpy(&v, y, 4);
        memcpy(&s, x + n - 4, 4);
        memcpy(&t, y + n - 4, 4);
        return u == v && s == t;
    }
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

#endif /* AA_WORD8_H */
