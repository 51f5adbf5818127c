/*
 * cleanup.h - what a signal must undo before sgmap dies: the temporary file
 * beside -o (output.c) and the Graphviz layout child (graphviz.c).
 *
 * cleanup_install() gives SIGINT, SIGTERM and SIGHUP (each unless it was
 * ignored when sgmap started) a handler that removes the registered file,
 * kills the registered child, then dies of the same signal by its default
 * action, so that the exit status says which signal it was. The handler
 * uses only async-signal-safe calls, and it cannot run while the signals
 * are held, which is how what it reads is registered without a race.
 */
#ifndef SGMAP_CLEANUP_H
#define SGMAP_CLEANUP_H

#include <signal.h>
#include <sys/types.h>

/* Install the handlers (main(), once, before anything is registered). */
void cleanup_install(void);

/*
 * Hold the signals (the previous mask goes into *saved) while a file or a
 * child comes into being and is registered, or goes away and is forgotten;
 * cleanup_release() lets them in again, and one that came meanwhile is
 * handled then.
 */
void cleanup_hold(sigset_t *saved);
void cleanup_release(const sigset_t *saved);

/* With the signals held: the file to remove (NULL: none). path must stay
 * valid until it is replaced. */
void cleanup_set_file(const char *path);
/* With the signals held: the child to kill (0: none). */
void cleanup_set_child(pid_t pid);

/*
 * In a child just forked with the signals held, parent being the pid of
 * the process that forked: take the default action for the handled
 * signals, die with the parent (Linux PR_SET_PDEATHSIG, SIGKILL), and let
 * the signals in (saved, from cleanup_hold()). Returns 0, or -1 when the
 * parent already died before that was set up: the child should _exit.
 */
int cleanup_in_child(pid_t parent, const sigset_t *saved);

#endif
