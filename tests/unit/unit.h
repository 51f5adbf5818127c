/*
 * unit.h - the tiny harness of the unit tests: CHECK counts a passed or a
 * failed check and says where a failure is; main() prints the tally as
 * "N passed, N failed" like tests/run.sh, which adds it to its own.
 */
#ifndef SGMAP_UNIT_H
#define SGMAP_UNIT_H

#include <stdio.h>
#include <string.h>

extern int unit_passed, unit_failed;

void unit_check(int ok, const char *what, const char *file, int line);
/* Compare two strings (NULL is a value of its own). */
void unit_check_str(const char *got, const char *want, const char *what, const char *file,
                    int line);

#define CHECK(cond) unit_check((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) unit_check_str((got), (want), #got, __FILE__, __LINE__)

/* The suites, one per file. */
void test_json_writer(void);
void test_clusters(void);
void test_edges(void);
void test_flows(void);
void test_flow_changes(void);
void test_internet(void);
void test_cidr_folding(void);
void test_portset(void);
void test_natcmp(void);
void test_notes(void);

#endif
