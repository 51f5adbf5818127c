/*
 * unit_main.c - runs every unit suite (tests/unit/test_*.c) and prints the
 * tally; the exit status is 1 when a check failed.
 */
#include "unit.h"

int unit_passed, unit_failed;

void unit_check(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        unit_passed++;
        return;
    }
    unit_failed++;
    printf("FAIL unit %s:%d: %s\n", file, line, what);
}

void unit_check_str(const char *got, const char *want, const char *what, const char *file,
                    int line)
{
    int ok = (!got && !want) || (got && want && strcmp(got, want) == 0);
    unit_check(ok, what, file, line);
    if (!ok)
        printf("    got:  %s\n    want: %s\n", got ? got : "(null)", want ? want : "(null)");
}

int main(void)
{
    test_json_writer();
    test_clusters();
    test_edges();
    test_flows();
    test_flow_changes();
    test_internet();
    test_cidr_folding();
    test_portset();
    test_natcmp();
    test_notes();
    printf("%d passed, %d failed\n", unit_passed, unit_failed);
    return unit_failed ? 1 : 0;
}
