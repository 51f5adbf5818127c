/*
 * natcmp.c - natural order of names (see natcmp.h).
 */
#include <string.h>

#include "natcmp.h"

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Compare the digit runs at *pa and *pb by value and move past them. */
static int compare_numbers(const unsigned char **pa, const unsigned char **pb)
{
    const unsigned char *a = *pa, *b = *pb;
    size_t na, nb;
    int c;

    while (*a == '0' && is_digit(a[1]))
        a++;
    while (*b == '0' && is_digit(b[1]))
        b++;
    for (na = 0; is_digit(a[na]); na++)
        ;
    for (nb = 0; is_digit(b[nb]); nb++)
        ;
    /* Without leading zeros, the longer run is the larger number. */
    if (na != nb)
        return na < nb ? -1 : 1;
    c = memcmp(a, b, na);
    *pa = a + na;
    *pb = b + nb;
    return c;
}

int natcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    while (*p && *q) {
        if (is_digit(*p) && is_digit(*q)) {
            int c = compare_numbers(&p, &q);
            if (c)
                return c;
            continue;
        }
        if (*p != *q)
            return *p < *q ? -1 : 1;
        p++;
        q++;
    }
    if (*p || *q)
        return *p ? 1 : -1;
    return strcmp(a, b);
}
