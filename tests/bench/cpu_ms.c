/*
 * cpu_ms.c - the CPU time of one run of a command, for the benchmarks
 * (tests/bench/hcl.sh): runs CMD ARGS... with its output thrown away and
 * prints "CPU_MS FAULTS", user + system time in milliseconds to the
 * microsecond (GNU time rounds to 10 ms, too coarse for runs of 50 ms) and
 * minor page faults, from wait4(). Exits 1 when the command fails.
 *
 * usage: cpu_ms CMD [ARG...]
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct rusage ru;
    int status;
    pid_t pid;

    if (argc < 2) {
        fputs("usage: cpu_ms CMD [ARG...]\n", stderr);
        return 2;
    }
    pid = fork();
    if (pid < 0) {
        perror("cpu_ms: fork");
        return 1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("cpu_ms: wait4");
        return 1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "cpu_ms: %s failed\n", argv[1]);
        return 1;
    }
    printf("%.3f %ld\n",
           (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
               (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3,
           ru.ru_minflt);
    return 0;
}
