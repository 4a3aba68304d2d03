/*
 * ids.c -- GUIDs and the partner_id forms (ids.h).
 */
#include "ids.h"

#include <string.h>

static int
is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
           (ch >= 'A' && ch <= 'F');
}

int
aa_guid_at(const char *s, size_t n)
{
    if (n < 36)
        return 0;
    for (size_t i = 0; i < 36; i++)
        if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-'
                                                    : !is_hex(s[i]))
            return 0;
    return 1;
}

int
aa_is_guid(const char *s)
{
    /* strnlen: a short string ends before the 36 bytes are read. */
    return strnlen(s, 37) == 36 && aa_guid_at(s, 36);
}

int
aa_guid_is_zero(const char *s)
{
    return strspn(s, "0-") >= 36;
}

int
aa_partner_id_form(const char *s, size_t n)
{
    static const char pre[] = "pid-", post[] = "-partnercenter";
    const size_t np = sizeof(pre) - 1, nq = sizeof(post) - 1;

    if (n == 36)
        return aa_guid_at(s, n);
    if (n < np + 36 || strncmp(s, pre, np) != 0 || !aa_guid_at(s + np, n - np))
        return 0;
    return n == np + 36 ||
           (n == np + 36 + nq && strncmp(s + np + 36, post, nq) == 0);
}
