/*
 * cleanup.c - the handler of SIGINT, SIGTERM and SIGHUP: remove the
 * temporary output file, kill the layout child, die of the same signal
 * (see cleanup.h). Everything the handler touches is set with the signals
 * held, so it never sees a half-made registration.
 */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cleanup.h"

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSIGNALS (sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))

static int handled[NSIGNALS];                   /* a handler was installed */
static const char *volatile cleanup_path;       /* the file to remove, or NULL */
static volatile sig_atomic_t cleanup_pid;       /* the child to kill, or 0 */

static void cleanup_signal_set(sigset_t *set)
{
    size_t i;

    sigemptyset(set);
    for (i = 0; i < NSIGNALS; i++)
        sigaddset(set, cleanup_signals[i]);
}

/* Put back the default action of sig (async-signal-safe). */
static void cleanup_default(int sig)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void cleanup_on_signal(int sig)
{
    const char *path = cleanup_path;
    pid_t pid = (pid_t)cleanup_pid;
    sigset_t set;

    if (path)
        unlink(path);
    if (pid > 0)
        kill(pid, SIGKILL);
    /* Die of sig itself, so that the parent's wait status names it. */
    cleanup_default(sig);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

void cleanup_install(void)
{
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = cleanup_on_signal;
    cleanup_signal_set(&sa.sa_mask); /* one handler at a time */
    for (i = 0; i < NSIGNALS; i++) {
        /* A signal ignored from the start (nohup, a background job) stays so. */
        if (sigaction(cleanup_signals[i], NULL, &old) < 0 || old.sa_handler == SIG_IGN)
            continue;
        if (sigaction(cleanup_signals[i], &sa, NULL) == 0)
            handled[i] = 1;
    }
}

void cleanup_hold(sigset_t *saved)
{
    sigset_t set;

    cleanup_signal_set(&set);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void cleanup_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void cleanup_set_file(const char *path)
{
    cleanup_path = path;
}

void cleanup_set_child(pid_t pid)
{
    cleanup_pid = (sig_atomic_t)pid;
}

int cleanup_in_child(pid_t parent, const sigset_t *saved)
{
    size_t i;

    /* The parent's file and child are not the child's to clean up. */
    cleanup_path = NULL;
    cleanup_pid = 0;
    for (i = 0; i < NSIGNALS; i++)
        if (handled[i])
            cleanup_default(cleanup_signals[i]);
    /* If the parent died between fork() and here, no signal will come:
     * then the child was handed to another process, and getppid() says so. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        return -1;
    cleanup_release(saved);
    return 0;
}
