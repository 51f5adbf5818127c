/*
 * test_natcmp.c - natural order of names: digit runs by value, the rest
 * byte by byte, and a total order for names equal in value.
 */
#include "natcmp.h"
#include "unit.h"

void test_natcmp(void)
{
    CHECK(natcmp("launch-wizard-2", "launch-wizard-10") < 0);
    CHECK(natcmp("launch-wizard-10", "launch-wizard-2") > 0);
    CHECK(natcmp("web", "web") == 0);
    CHECK(natcmp("a", "b") < 0);
    CHECK(natcmp("a", "a1") < 0);
    CHECK(natcmp("a9b", "a10a") < 0);
    CHECK(natcmp("a10b", "a10a") > 0);
    /* Numbers of any length, leading zeros ignored but ordered. */
    CHECK(natcmp("x123456789012345678901234567890", "x99") > 0);
    CHECK(natcmp("x007", "x8") < 0);
    CHECK(natcmp("x01", "x1") < 0 && natcmp("x1", "x01") > 0);
    CHECK(natcmp("x0", "x00") != 0);
    /* Text before digits as bytes: '-' (0x2d) before '0' (0x30). */
    CHECK(natcmp("g-1", "g1") < 0);
    CHECK(natcmp("", "a") < 0 && natcmp("a", "") > 0 && natcmp("", "") == 0);
}
