/*
 * output.c - atomic output: a temporary file in the destination's folder,
 * checked writes, fsync, then rename over the destination.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "xalloc.h"

static int write_all(int fd, const char *data, size_t len)
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

int output_write(const char *path, const char *data, size_t len)
{
    char *tmp;
    int fd, saved;
    mode_t mask;

    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            diag_system("cannot write to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    tmp = xasprintf("%s.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        diag_system("cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        saved = errno;
        close(fd);
        unlink(tmp);
        diag_system("cannot write '%s': %s", path, strerror(saved));
        free(tmp);
        return -1;
    }
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        saved = errno;
        unlink(tmp);
        diag_system("cannot write '%s': %s", path, strerror(saved));
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
