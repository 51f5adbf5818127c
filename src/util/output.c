/*
 * output.c - atomic output: a temporary file in the destination's folder,
 * checked writes, fsync, then rename over the destination. A symbolic link
 * is followed (the link stays, its target is replaced, keeping its mode);
 * a device, FIFO or socket (/dev/null, /dev/stdout) is written in place,
 * since it cannot be renamed over. A signal while the temporary file
 * exists removes it (cleanup.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "diag.h"
#include "output.h"
#include "xalloc.h"

int output_write_fd(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Write to a device, FIFO or socket in place. */
static int write_special(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_NOCTTY);
    int saved;

    if (fd < 0 || output_write_fd(fd, data, len) < 0) {
        saved = errno;
        if (fd >= 0)
            close(fd);
        diag_system("cannot write '%s': %s", path, strerror(saved));
        return -1;
    }
    if (close(fd) < 0) {
        diag_system("cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Write a regular file: a temporary file beside it, renamed over it. From
 * its creation to its rename or removal, a signal removes it (cleanup.h). */
static int write_atomically(const char *path, mode_t mode, const char *data, size_t len)
{
    char *tmp = xasprintf("%s.XXXXXX", path);
    const char *fault = getenv("SGMAP_TEST_FAULT");
    sigset_t held;
    int fd, saved = 0;

    cleanup_hold(&held);
    fd = mkstemp(tmp);
    if (fd < 0)
        saved = errno;
    else
        cleanup_set_file(tmp);
    cleanup_release(&held);
    if (fd < 0) {
        diag_system("cannot write '%s': %s", path, strerror(saved));
        free(tmp);
        return -1;
    }
    if (fchmod(fd, mode) < 0 || output_write_fd(fd, data, len) < 0 || fsync(fd) < 0)
        saved = errno;
    /* Test hook: a write slow enough to be interrupted (signals.sh). */
    if (fault && strcmp(fault, "slow-write") == 0)
        sleep(30);
    if (close(fd) < 0 && !saved)
        saved = errno;
    cleanup_hold(&held);
    if (!saved && rename(tmp, path) < 0)
        saved = errno;
    if (saved)
        unlink(tmp);
    cleanup_set_file(NULL);
    cleanup_release(&held);
    if (saved)
        diag_system("cannot write '%s': %s", path, strerror(saved));
    free(tmp);
    return saved ? -1 : 0;
}

int output_write(const char *path, const char *data, size_t len)
{
    struct stat st;
    mode_t mask;
    char *real;
    int rc;

    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            diag_system("cannot write to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    if (stat(path, &st) < 0) {
        if (errno == ENOENT && lstat(path, &st) == 0) {
            diag_system("cannot write '%s': it is a symbolic link to nothing", path);
            return -1;
        }
        /* A new file: the mode a plain creation would give it. */
        mask = umask(0);
        umask(mask);
        return write_atomically(path, 0666 & ~mask, data, len);
    }
    if (S_ISDIR(st.st_mode)) {
        diag_system("cannot write '%s': it is a directory", path);
        return -1;
    }
    if (!S_ISREG(st.st_mode))
        return write_special(path, data, len);
    /* An existing file (or a link to one) keeps its mode, and a link stays a link. */
    real = realpath(path, NULL);
    if (!real) {
        diag_system("cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    rc = write_atomically(real, st.st_mode & 07777, data, len);
    free(real);
    return rc;
}

FILE *output_memory_open(char **data, size_t *len)
{
    FILE *mem;

    *data = NULL;
    *len = 0;
    mem = open_memstream(data, len);
    if (!mem)
        diag_system("cannot allocate the output");
    return mem;
}

int output_memory_close(FILE *mem, int rc, char **data)
{
    if (fclose(mem) != 0 || rc < 0) {
        diag_system("cannot write the output");
        free(*data);
        *data = NULL;
        return -1;
    }
    return 0;
}
