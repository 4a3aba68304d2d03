/*
 * word8.h -- eight bytes tested at once, for the loops that skip plain
 * text a word at a time (the plan reader's strings, the rule reader's
 * scalars, the text escaper, the JSON quoter).
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

#endif /* AA_WORD8_H */
